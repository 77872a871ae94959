//! The rebuild loop: what happens between a burst of file changes and open pages updating.
//!
//! For each [`ChangeSet`] the builder thread loads the model (re-reading only the changed
//! files: [`Rebuilder::stage`]), shows the edited pages at once when that is all that changed
//! ([`Rebuilder::render_changed`]), adds the quality warnings ([`Rebuilder::finish`]), and
//! starts the full render (which first computes the fresh related reports, kept for the next
//! edited page when it ends) on a thread of its own, in a rayon pool of its own. So a save made while a long full
//! render is running (seconds on a portal of 10,000 reports) is not queued behind it: the
//! running render is told to stop ([`Cancel`]: it ends at its next page, and its site,
//! superseded, is never published), the edited page is shown right away, and the newest state
//! is rendered in full next. At most one full render runs, and at most one waits (the newest);
//! the related reports a cancelled render had finished computing are kept.
//!
//! A snapshot is published only when it changes some file ([`classify`]); open pages are told
//! to reload, to swap stylesheets, or only to drop the error overlay.

use std::io::Write;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use super::console;
use super::rebuild::{self, Built, Cancel, FullRender, FullResult, LoadedSite, Model, Rebuilder};
use super::reload::{Change, Reload, MAX_PAGES};
use super::snapshot::Snapshot;
use super::watch::ChangeSet;
use super::Shared;
use crate::diagnostics::Lang;
use crate::{msg, Failure};

/// How often the loop looks for a finished full render while one is running.
const POLL: Duration = Duration::from_millis(20);

/// Which part of a rebuild a snapshot is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Only the edited pages, patched into the site being served.
    EditedPages,
    /// The whole site.
    Everything,
}

/// What a new build changed compared with the site being served.
#[derive(Debug)]
pub struct Changed {
    /// How open pages should follow.
    pub kind: Change,
    /// How many files differ.
    pub files: usize,
}

/// A full render to run: which change set it is for, and the loaded model.
struct FullJob {
    id: u64,
    cancel: Cancel,
    site: LoadedSite,
    token: String,
    what: String,
}

/// A finished full render.
struct FullDone {
    id: u64,
    what: String,
    full: FullRender,
}

/// Rebuilds on every change set until the watcher stops.
pub fn run(mut rebuilder: Rebuilder, changes: &Receiver<ChangeSet>, shared: &Arc<Shared>) {
    let pool = match rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("tilik-render-{i}"))
        .start_handler(|_| lower_priority())
        .build()
    {
        Ok(pool) => Arc::new(pool),
        Err(e) => {
            eprintln!(
                "{}",
                msg!(
                    rebuilder.lang(),
                    "serve.cannot_start_render_threads",
                    error = e
                )
            );
            return;
        }
    };
    let (done_tx, done_rx) = mpsc::channel::<FullDone>();
    // Id of the newest change set: only a full render of it may be published (an older one
    // would undo newer edits; after a failed load, the errors stand until fixed).
    let mut requested = 0u64;
    // The flag of the running full render, if one runs.
    let mut running: Option<Cancel> = None;
    let mut waiting: Option<FullJob> = None;
    loop {
        let next = if running.is_some() {
            match done_rx.recv_timeout(POLL) {
                Ok(done) => {
                    running = None;
                    // Fresher than the kept ones even when superseded (renders end in order):
                    // the next edited page is shown with them.
                    if let Some(kept) = done.full.related {
                        rebuilder.keep_related(kept);
                    }
                    if done.id == requested {
                        match done.full.result {
                            FullResult::Built(built) => {
                                publish(&rebuilder, built, &done.what, shared, Phase::Everything)
                            }
                            FullResult::Failed(failure) => {
                                report_failure(&rebuilder, &failure, &done.what, shared)
                            }
                            // Only a superseded render is cancelled.
                            FullResult::Cancelled => {}
                        }
                    }
                    // Otherwise superseded by a newer change: its own full render follows.
                    if let Some(job) = waiting.take() {
                        running = start_full(&pool, job, &done_tx, rebuilder.lang());
                    }
                    continue;
                }
                Err(RecvTimeoutError::Timeout) => match changes.try_recv() {
                    Ok(set) => set,
                    Err(mpsc::TryRecvError::Empty) => continue,
                    Err(mpsc::TryRecvError::Disconnected) => return,
                },
                Err(RecvTimeoutError::Disconnected) => return,
            }
        } else {
            match changes.recv() {
                Ok(set) => set,
                Err(_) => return,
            }
        };
        let mut set = next;
        while let Ok(more) = changes.try_recv() {
            set.merge(more);
        }
        requested += 1;
        // Whatever the running render makes is now superseded: stop it, so that loading this
        // change has the CPU to itself.
        if let Some(cancel) = &running {
            cancel.cancel();
        }
        let what = set.describe();
        rebuilder.forget(&set);
        // Edits of existing files only: loaded without walking `content/` first, for the
        // edited pages; then loaded again in full for the rest.
        let trusted = rebuilder.trust(&set);
        let staged = match rebuilder.stage() {
            Ok(staged) => staged,
            Err(failure) => {
                report_failure(&rebuilder, &failure, &what, shared);
                continue;
            }
        };
        // The edited pages first, when that is all that changed, and before the quality
        // checks when these cannot fail the build.
        let early = staged.will_succeed();
        if early && !show_edited(&mut rebuilder, staged.model(), &set, &what, shared) {
            continue;
        }
        let staged = if trusted {
            drop(staged);
            match rebuilder.stage() {
                Ok(staged) => staged,
                Err(failure) => {
                    report_failure(&rebuilder, &failure, &what, shared);
                    continue;
                }
            }
        } else {
            staged
        };
        let site = match rebuilder.finish(staged) {
            Ok(site) => site,
            Err(failure) => {
                report_failure(&rebuilder, &failure, &what, shared);
                continue;
            }
        };
        if !early && !show_edited(&mut rebuilder, site.model(), &set, &what, shared) {
            continue;
        }
        let job = FullJob {
            id: requested,
            cancel: Cancel::new(),
            site,
            token: rebuilder.next_token(),
            what,
        };
        if running.is_some() {
            waiting = Some(job);
        } else {
            running = start_full(&pool, job, &done_tx, rebuilder.lang());
        }
    }
}

/// Shows the edited pages at once when that is all `set` changed ([`Rebuilder::render_changed`]);
/// `false` when rendering them failed (the failure is shown instead).
fn show_edited(
    rebuilder: &mut Rebuilder,
    site: Model<'_>,
    set: &ChangeSet,
    what: &str,
    shared: &Shared,
) -> bool {
    match rebuilder.render_changed(site, set, &shared.current()) {
        Some(Ok(built)) => publish(rebuilder, built, what, shared, Phase::EditedPages),
        Some(Err(failure)) => {
            report_failure(rebuilder, &failure, what, shared);
            return false;
        }
        None => {}
    }
    true
}

/// Makes the calling thread yield the CPU to the rest of the process (and to other programs):
/// full renders run in the background, while loading and the edited page, which the writer
/// waits for, keep the normal priority.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority only reads its integer arguments; on Linux, `who == 0` with
    // PRIO_PROCESS names the calling thread. Failure leaves the priority as it was.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}

/// Starts a full render on a thread of its own; its flag, or `None` when no thread could be
/// started.
fn start_full(
    pool: &Arc<rayon::ThreadPool>,
    job: FullJob,
    done: &Sender<FullDone>,
    lang: Lang,
) -> Option<Cancel> {
    let pool = Arc::clone(pool);
    let done = done.clone();
    let cancel = job.cancel.clone();
    let spawned = thread::Builder::new()
        .name("tilik-full-render".into())
        .spawn(move || {
            let full = pool.install(|| rebuild::render_all(job.site, job.token, &job.cancel));
            let _ = done.send(FullDone {
                id: job.id,
                what: job.what,
                full,
            });
        });
    match spawned {
        Ok(_) => Some(cancel),
        Err(e) => {
            eprintln!(
                "{}",
                msg!(lang, "serve.cannot_start_full_render", error = e)
            );
            None
        }
    }
}

/// Serves a new build (unless it changes nothing) and tells the open pages.
fn publish(rebuilder: &Rebuilder, mut built: Built, what: &str, shared: &Shared, phase: Phase) {
    let lang = rebuilder.lang();
    let current = shared.current();
    let compared = Instant::now();
    let change = classify(&built.snapshot, &current);
    built.timings.compare = compared.elapsed();
    // The edited pages alone carry no warnings: the whole site's follow with the full build.
    if matches!(phase, Phase::Everything) {
        shared.warnings.print(lang, &built.warnings);
    }
    console::built(lang, &built.snapshot, &built.timings, what, &change, phase);
    if matches!(phase, Phase::Everything) {
        console::counts(lang, &built.warnings);
    }
    match change.kind {
        // Nothing to show: keep the site (and its token), only clear errors.
        Change::Nothing => shared
            .hub
            .publish_build(current.token.clone(), Change::Nothing),
        kind => {
            let token = built.snapshot.token.clone();
            drop(current);
            shared.swap(built.snapshot);
            shared.hub.publish_build(token, kind);
        }
    }
    let _ = std::io::stdout().flush();
}

/// Keeps the last good site and shows why the new one failed, in the terminal and the pages.
fn report_failure(rebuilder: &Rebuilder, failure: &Failure, what: &str, shared: &Shared) {
    let lang = rebuilder.lang();
    let report = console::error_report(lang, failure, shared.current().is_built());
    console::failed(lang, failure, &report, what);
    shared.hub.publish_errors(report);
    let _ = std::io::stdout().flush();
}

/// Compares a new build with the site being served: which files differ, which open pages
/// must reload (those whose HTML changed; all of them when an image, a script or another
/// file pages may embed changed) and whether stylesheets changed (the other pages swap them
/// without reloading). Deciding from the output rather than from the names of the changed
/// sources is what makes an editor's temporary files, or a save without changes, harmless.
pub fn classify(next: &Snapshot, current: &Snapshot) -> Changed {
    if !current.is_built() {
        // The stand-in page has no stylesheet to swap: the first good build reloads.
        return Changed {
            kind: Change::Files {
                reload: Reload::All,
                css: true,
            },
            files: next.len(),
        };
    }
    let changed = next.changed_since(current);
    if changed.is_empty() {
        return Changed {
            kind: Change::Nothing,
            files: 0,
        };
    }
    let mut pages = Vec::new();
    let mut css = false;
    let mut all = false;
    for key in &changed {
        let ext = key.rsplit_once('.').map_or("", |(_, e)| e);
        match ext {
            "html" => pages.push(page_url(&next.base_path, key)),
            "css" => css = true,
            // The search index: data the search page loads when it runs (its entry file is
            // named in the search page, which changes with it).
            _ if key.starts_with(crate::search::files::DIR) => {}
            // Documents of their own, never embedded in a page: feeds, sitemap, open data.
            "xml" | "json" | "csv" | "txt" | "webmanifest" | "map" => {}
            _ => all = true,
        }
    }
    let reload = if all || pages.len() > MAX_PAGES {
        Reload::All
    } else {
        Reload::Only(pages.into())
    };
    Changed {
        kind: Change::Files { reload, css },
        files: changed.len(),
    }
}

/// The URL path of a page: `laporan/a/index.html` under `/portal/` is `/portal/laporan/a/`.
fn page_url(base_path: &str, key: &str) -> String {
    let folder = key.strip_suffix("index.html").unwrap_or(key);
    format!("{base_path}{folder}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::OutputFile;

    fn site(files: &[(&str, &str)]) -> Snapshot {
        let files = files
            .iter()
            .map(|(p, c)| OutputFile::bytes(*p, *c))
            .collect();
        Snapshot::new(files, "/portal/".into(), "t".into(), Vec::new(), 0)
    }

    #[test]
    fn only_pages_whose_html_changed_reload() {
        let old = site(&[
            ("index.html", "a"),
            ("laporan/a/index.html", "a"),
            ("feed.xml", "a"),
            ("css/tilik.css", "a"),
            ("laporan/a/foto.jpg", "a"),
            ("search/t/abc.js", "a"),
        ]);
        let edited = site(&[
            ("index.html", "a"),
            ("laporan/a/index.html", "B"),
            ("feed.xml", "B"),
            ("search/t/def.js", "B"),
            ("css/tilik.css", "a"),
            ("laporan/a/foto.jpg", "a"),
        ]);
        let changed = classify(&edited, &old);
        assert_eq!(changed.files, 4);
        let Change::Files {
            reload: Reload::Only(pages),
            css: false,
        } = changed.kind
        else {
            panic!("{:?}", changed.kind);
        };
        assert_eq!(&pages[..], ["/portal/laporan/a/".to_string()]);

        let styled = site(&[
            ("index.html", "a"),
            ("laporan/a/index.html", "a"),
            ("feed.xml", "a"),
            ("css/tilik.css", "B"),
            ("laporan/a/foto.jpg", "a"),
            ("search/t/abc.js", "a"),
        ]);
        assert!(matches!(
            classify(&styled, &old).kind,
            Change::Files { reload: Reload::Only(ref p), css: true } if p.is_empty()
        ));
        let photo = site(&[
            ("index.html", "a"),
            ("laporan/a/index.html", "a"),
            ("feed.xml", "a"),
            ("css/tilik.css", "a"),
            ("laporan/a/foto.jpg", "B"),
            ("search/t/abc.js", "a"),
        ]);
        assert!(matches!(
            classify(&photo, &old).kind,
            Change::Files {
                reload: Reload::All,
                ..
            }
        ));
        assert_eq!(classify(&old, &old).kind, Change::Nothing);
    }
}
