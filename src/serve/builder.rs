//! The rebuild loop: what happens between a burst of file changes and open pages updating.
//!
//! For each [`ChangeSet`] the builder thread loads the model, shows the edited pages at once
//! when that is all that changed ([`Rebuilder::render_changed`]), and starts the full render
//! on a thread of its own, in a rayon pool of its own. So a save made while a long full
//! render is running (seconds on a portal of 10,000 reports) is not queued behind it: its
//! edited page is shown right away, the running render's result is discarded as superseded
//! when it ends, and the newest state is rendered in full next. At most one full render runs,
//! and at most one waits (the newest).
//!
//! A snapshot is published only when it changes some file ([`classify`]); open pages are told
//! to reload, to swap stylesheets, or only to drop the error overlay.

use std::io::Write;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use super::console;
use super::rebuild::{self, Built, LoadedSite, Rebuilder};
use super::reload::Change;
use super::snapshot::Snapshot;
use super::watch::ChangeSet;
use super::Shared;
use crate::Failure;

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
    site: LoadedSite,
    token: String,
    what: String,
}

/// A finished full render.
struct FullDone {
    id: u64,
    what: String,
    result: Result<Built, Failure>,
}

/// Rebuilds on every change set until the watcher stops.
pub fn run(mut rebuilder: Rebuilder, changes: &Receiver<ChangeSet>, shared: &Arc<Shared>) {
    let pool = match rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("tilik-render-{i}"))
        .build()
    {
        Ok(pool) => Arc::new(pool),
        Err(e) => {
            eprintln!("tilik serve: cannot start the render threads: {e}");
            return;
        }
    };
    let (done_tx, done_rx) = mpsc::channel::<FullDone>();
    // Ids of change sets: the newest one handled, and the newest whose model loaded.
    let mut requested = 0u64;
    let mut loaded = 0u64;
    let mut running = false;
    let mut waiting: Option<FullJob> = None;
    loop {
        let next = if running {
            match done_rx.recv_timeout(POLL) {
                Ok(done) => {
                    running = false;
                    if done.id == loaded {
                        match done.result {
                            Ok(built) => {
                                publish(&rebuilder, built, &done.what, shared, Phase::Everything)
                            }
                            Err(failure) => {
                                report_failure(&rebuilder, &failure, &done.what, shared)
                            }
                        }
                    }
                    // Otherwise superseded by a newer change: its own full render follows.
                    if let Some(job) = waiting.take() {
                        running = start_full(&pool, job, &done_tx);
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
        let what = set.describe();
        let site = match rebuilder.load() {
            Ok(site) => site,
            Err(failure) => {
                report_failure(&rebuilder, &failure, &what, shared);
                continue;
            }
        };
        loaded = requested;
        // The edited pages first, when that is all that changed.
        match rebuilder.render_changed(&site, &set, &shared.current()) {
            Some(Ok(built)) => publish(&rebuilder, built, &what, shared, Phase::EditedPages),
            Some(Err(failure)) => {
                report_failure(&rebuilder, &failure, &what, shared);
                continue;
            }
            None => {}
        }
        let job = FullJob {
            id: requested,
            site,
            token: rebuilder.next_token(),
            what,
        };
        if running {
            waiting = Some(job);
        } else {
            running = start_full(&pool, job, &done_tx);
        }
    }
}

/// Starts a full render on a thread of its own; `false` when no thread could be started.
fn start_full(pool: &Arc<rayon::ThreadPool>, job: FullJob, done: &Sender<FullDone>) -> bool {
    let pool = Arc::clone(pool);
    let done = done.clone();
    let spawned = thread::Builder::new()
        .name("tilik-full-render".into())
        .spawn(move || {
            let result = pool.install(|| rebuild::render_all(job.site, job.token));
            let _ = done.send(FullDone {
                id: job.id,
                what: job.what,
                result,
            });
        });
    match spawned {
        Ok(_) => true,
        Err(e) => {
            eprintln!("tilik serve: cannot start a full render: {e}");
            false
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
    console::warnings(lang, &built.warnings);
    console::built(lang, &built.snapshot, &built.timings, what, &change, phase);
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

/// Compares a new build with the site being served: which files differ, and whether only
/// stylesheets did (then pages swap them without reloading). Deciding from the output rather
/// than from the names of the changed sources is what makes an editor's temporary files, or
/// a save without changes, harmless.
pub fn classify(next: &Snapshot, current: &Snapshot) -> Changed {
    if !current.is_built() {
        // The stand-in page has no stylesheet to swap: the first good build reloads.
        return Changed {
            kind: Change::Pages,
            files: next.files.len(),
        };
    }
    let changed = next.changed_since(current);
    let kind = if changed.is_empty() {
        Change::Nothing
    } else if changed.iter().all(|p| p.ends_with(".css")) {
        Change::Stylesheets
    } else {
        Change::Pages
    };
    Changed {
        kind,
        files: changed.len(),
    }
}
