//! One rebuild: the library's pipeline ([`crate::load_with_cache`], then
//! [`crate::render_site`]), kept in memory as a [`Snapshot`] instead of written to the output
//! folder.
//!
//! A rebuild loads the site (discover → parse → validate → model) with the [`ParseCache`]
//! the rebuilder keeps from one change to the next: every source file is still found and its
//! size and modification time looked at, but only the files that changed are read and parsed
//! again, and only the bodies whose text or link targets changed are rendered from Markdown
//! again (the quality warnings of unchanged reports are kept too). The model it builds is the
//! one a fresh load builds. Then it renders:
//!
//! - **the edited pages first** ([`Rebuilder::render_changed`]) when the change is an edit of
//!   existing reports or pages: they are rendered alone with
//!   [`crate::render::render_pages`] from the freshly loaded model (so exactly as the full
//!   build renders them; the compiled templates are kept between edits) and laid over the site
//!   being served ([`Snapshot::patched`]). This happens as soon as the model is built
//!   ([`Rebuilder::stage`]), before the quality checks ([`Rebuilder::finish`]), unless
//!   `--strict` makes their warnings errors;
//! - **then everything** ([`render_all`]), which replaces the patched site, so that lists,
//!   taxonomies, feeds and the rest catch up; a full build is the only kind that ever decides
//!   what the site is.
//!
//! What is still done in full on every change, and could become incremental later: finding
//! the source files and looking at their metadata, assembling the model from them (cheap per
//! page), and the full render (re-render only the pages that depend on the changed sources).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::snapshot::Snapshot;
use super::watch::{ChangeSet, SOURCE_DIRS};
use crate::config::Config;
use crate::content::cache::ParseCache;
use crate::diagnostics::{Diagnostic, Lang};
use crate::model::site::Site;
use crate::output::{Content, OutputFile};
use crate::render::engine::TemplateCache;
use crate::{Failure, Loaded, Options};

/// Builds snapshots of one project for one preview address.
#[derive(Debug)]
pub struct Rebuilder {
    /// Pipeline options (root, drafts, language, build date); `base_url` is set per build.
    options: Options,
    /// `http://host:port` of the preview server.
    origin: String,
    /// Distinguishes this run of the server in build tokens.
    instance: String,
    /// Snapshots made so far.
    generation: u64,
    /// The language of messages of the last run.
    lang: Lang,
    /// What loading each source file produced, for the next load.
    cache: ParseCache,
    /// The templates compiled to render the last edited pages.
    templates: TemplateCache,
}

/// How long the stages of a successful build took.
#[derive(Clone, Copy, Debug, Default)]
pub struct Timings {
    /// discover → parse → validate → model.
    pub load: Duration,
    /// Rendering output files.
    pub render: Duration,
    /// Indexing the output in memory.
    pub snapshot: Duration,
    /// Comparing it with the site being served.
    pub compare: Duration,
}

impl Timings {
    /// The whole build.
    pub fn total(&self) -> Duration {
        self.load + self.render + self.snapshot + self.compare
    }
}

/// A loaded model, ready to render.
#[derive(Debug)]
pub struct LoadedSite {
    /// With the previous load's related reports until [`render_all`] computes the fresh ones.
    loaded: crate::AwaitingRelated,
    base_path: String,
    root: PathBuf,
    load_time: Duration,
}

impl LoadedSite {
    /// What rendering needs of it.
    pub fn model(&self) -> Model<'_> {
        Model {
            site: self.loaded.site(),
            lang: self.loaded.lang(),
            root: &self.root,
            base_path: &self.base_path,
            load_time: self.load_time,
        }
    }
}

/// A model loaded without its quality warnings yet ([`crate::Staged`]).
#[derive(Debug)]
pub struct StagedSite {
    staged: crate::Staged,
    base_path: String,
    root: PathBuf,
    started: Instant,
    load_time: Duration,
}

impl StagedSite {
    /// What rendering needs of it.
    pub fn model(&self) -> Model<'_> {
        Model {
            site: self.staged.site(),
            lang: self.staged.lang(),
            root: &self.root,
            base_path: &self.base_path,
            load_time: self.load_time,
        }
    }

    /// Whether finishing the load cannot fail (see [`crate::Staged::will_succeed`]): then its
    /// pages may be shown before.
    pub fn will_succeed(&self) -> bool {
        self.staged.will_succeed()
    }
}

/// A loaded model as rendering sees it.
#[derive(Clone, Copy, Debug)]
pub struct Model<'a> {
    site: &'a Site,
    lang: Lang,
    root: &'a Path,
    base_path: &'a str,
    load_time: Duration,
}

/// A successful build.
#[derive(Debug)]
pub struct Built {
    /// The site to serve.
    pub snapshot: Snapshot,
    /// Warnings about the content.
    pub warnings: Vec<Diagnostic>,
    /// Stage timings.
    pub timings: Timings,
}

/// The result of a rebuild.
#[derive(Debug)]
pub enum Outcome {
    /// The new site.
    Built(Built),
    /// The pipeline failed; the diagnostics say why.
    Failed(Failure),
}

impl Rebuilder {
    /// A rebuilder for the project in `options.root` served at `origin` (`http://host:port`).
    pub fn new(options: Options, origin: String, instance: String) -> Rebuilder {
        let lang = Config::message_language(&options.root, options.lang);
        Rebuilder {
            options,
            origin,
            instance,
            generation: 0,
            lang,
            cache: ParseCache::new(),
            templates: TemplateCache::default(),
        }
    }

    /// The language of messages, as found by the last build.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The token of the stand-in page served before the first successful build.
    pub fn initial_token(&self) -> String {
        format!("{}.0", self.instance)
    }

    /// The base path of the site as configured (`/` when the configuration is unreadable).
    pub fn base_path(&self) -> String {
        Config::load(&self.options.root, self.lang)
            .map(|c| c.base_path())
            .unwrap_or_else(|_| "/".into())
    }

    /// A token for the next snapshot.
    pub fn next_token(&mut self) -> String {
        self.generation += 1;
        format!("{}.{}", self.instance, self.generation)
    }

    /// Loads and renders the whole site.
    pub fn rebuild(&mut self) -> Outcome {
        let site = match self.load() {
            Ok(site) => site,
            Err(failure) => return Outcome::Failed(failure),
        };
        // The templates are compiled now, not on the first save (a tenth of a second the
        // writer would wait): rendering no page compiles them. Errors are the full render's.
        let model = site.model();
        let _ = crate::render::render_pages(
            model.site,
            model.root,
            model.lang,
            &[],
            &mut self.templates,
        );
        let full = render_all(site, self.next_token(), &Cancel::new());
        if let Some(kept) = full.related {
            self.keep_related(kept);
        }
        match full.result {
            FullResult::Built(built) => Outcome::Built(built),
            FullResult::Failed(failure) => Outcome::Failed(failure),
            // Nothing raises the flag of this render.
            FullResult::Cancelled => Outcome::Failed(Failure::Content(Vec::new())),
        }
    }

    /// Keeps the related reports a full render computed, for the next load to show the edited
    /// pages with (remapped) until the fresh ones are computed.
    pub fn keep_related(&mut self, kept: crate::related::Kept) {
        self.cache.store_related(kept);
    }

    /// Makes the next load read the files of `changes` again, whatever their size and
    /// modification time say (some file systems keep times too coarse to tell two saves apart).
    /// Their problems come first from then on: the files being edited.
    pub fn forget(&mut self, changes: &ChangeSet) {
        for path in &changes.paths {
            self.cache.forget(&self.options.root.join(path));
        }
        let edited: Vec<PathBuf> = changes
            .paths
            .iter()
            .filter(|p| p.starts_with("content"))
            .cloned()
            .collect();
        if !edited.is_empty() {
            self.options.first = edited;
        }
    }

    /// Loads the model, with `base_url` pointing at the preview.
    pub fn load(&mut self) -> Result<LoadedSite, Failure> {
        let staged = self.stage()?;
        self.finish(staged)
    }

    /// Lets the next load ([`Rebuilder::stage`]) skip the walk of `content/` and the metadata
    /// of the unchanged files when `changes`, as the watcher reported it, only edits existing
    /// source files (see [`ParseCache::trust_edits`]); `false`, and nothing changes, otherwise
    /// (and always under `--strict`, whose edited pages wait for the whole load). Such a load
    /// is for showing the edited pages at once: the whole site is loaded again after, walking
    /// and looking at every file, so that nothing the watcher missed is ever missed.
    pub fn trust(&mut self, changes: &ChangeSet) -> bool {
        if self.options.strict || changes.is_empty() {
            return false;
        }
        let mut edited = Vec::with_capacity(changes.paths.len());
        for path in &changes.paths {
            let absolute = self.options.root.join(path);
            let markdown = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("md"));
            if !(path.starts_with("content") && markdown && absolute.is_file()) {
                return false;
            }
            edited.push(absolute);
        }
        self.cache.trust_edits(&edited)
    }

    /// Loads the model without its quality warnings (see [`crate::stage_with_cache`]).
    pub fn stage(&mut self) -> Result<StagedSite, Failure> {
        let staged = self.stage_once();
        // Whatever happened, what was trusted was for this load only.
        self.cache.distrust();
        staged
    }

    /// [`Rebuilder::stage`], trusting what [`Rebuilder::trust`] said.
    fn stage_once(&mut self) -> Result<StagedSite, Failure> {
        let started = Instant::now();
        let fallback = Config::message_language(&self.options.root, self.options.lang);
        let config = Config::load(&self.options.root, fallback).map_err(Failure::Config)?;
        self.lang = self.options.lang.unwrap_or(config.language);
        let base_path = config.base_path();
        let options = Options {
            base_url: Some(format!("{}{base_path}", self.origin)),
            ..self.options.clone()
        };
        let staged = crate::stage_with_cache(&options, &mut self.cache)?;
        Ok(StagedSite {
            staged,
            base_path,
            root: options.root,
            started,
            load_time: started.elapsed(),
        })
    }

    /// Adds the quality warnings to a staged model; the fresh related reports (and the plan
    /// checks that read them) are left to [`render_all`], off the thread the next save waits
    /// for.
    pub fn finish(&mut self, staged: StagedSite) -> Result<LoadedSite, Failure> {
        let loaded = staged.staged.finish_but_related(&mut self.cache)?;
        Ok(LoadedSite {
            loaded,
            base_path: staged.base_path,
            root: staged.root,
            load_time: staged.started.elapsed(),
        })
    }

    /// When `changes` only edits existing reports or pages, renders just those and patches
    /// them into `current`; `None` when the change needs the whole site (a new, deleted or
    /// renamed page, a section text, a template, the configuration, a static file…).
    pub fn render_changed(
        &mut self,
        site: Model<'_>,
        changes: &ChangeSet,
        current: &Snapshot,
    ) -> Option<Result<Built, Failure>> {
        if !current.is_built() || current.base_path != site.base_path || changes.is_empty() {
            return None;
        }
        let pages = &site.site.pages;
        let mut indexes = Vec::new();
        for path in &changes.paths {
            let absolute = site.root.join(path);
            if absolute.is_dir() {
                continue;
            }
            if !absolute.exists() {
                // A deleted page or bundle file changes the site; anything else that came
                // and went is an editor's temporary file.
                let deleted_page = path.extension().is_some_and(|e| e == "md");
                // Rewritten files (images, SVGs) are held as bytes: known by their kind.
                let deleted_asset = crate::output::strip::is_strippable(path)
                    || crate::active_content::is_svg(path)
                    || current.files().any(
                        |(_, e)| matches!(&e.content, Content::Copy(source) if *source == absolute),
                    );
                if deleted_page || deleted_asset {
                    return None;
                }
                continue;
            }
            let is_page_source = path.starts_with("content")
                && path.extension().is_some_and(|e| e == "md")
                && path
                    .file_name()
                    .is_some_and(|n| !n.eq_ignore_ascii_case("_index.md"));
            if !is_page_source {
                return None;
            }
            // An edited page already served at the same address; anything else changes lists.
            // (Paths compared as bytes: a path spelt another way only costs the shortcut.)
            let index = pages
                .iter()
                .position(|p| p.source.display.as_os_str() == path.as_os_str())?;
            current.get(&format!("{}index.html", pages[index].path))?;
            indexes.push(index);
        }
        if indexes.is_empty() {
            return None;
        }
        let started = Instant::now();
        let files = match crate::render::render_pages(
            site.site,
            site.root,
            site.lang,
            &indexes,
            &mut self.templates,
        ) {
            Ok(files) => files,
            Err(failure) => return Some(Err(failure)),
        };
        let rendered_at = Instant::now();
        let mut snapshot = current.patched(files, self.next_token(), site.site.reports().count());
        // Shared with the site being served unless the edits changed it.
        if let Some(sources) = crate::serve::edit::sources::after_edits(
            &current.sources,
            site.site,
            site.root,
            &indexes,
        ) {
            snapshot = snapshot.with_sources(sources);
        }
        Some(Ok(Built {
            snapshot,
            warnings: Vec::new(),
            timings: Timings {
                load: site.load_time,
                render: rendered_at - started,
                snapshot: rendered_at.elapsed(),
                compare: Duration::ZERO,
            },
        }))
    }
}

/// A finished full render ([`render_all`]).
#[derive(Debug)]
pub struct FullRender {
    /// The whole site, or why it could not be rendered, or that it was stopped.
    pub result: FullResult,
    /// The fresh related reports it computed, to keep for the next load
    /// ([`Rebuilder::keep_related`]): kept even when the render was then cancelled.
    pub related: Option<crate::related::Kept>,
}

/// How a full render ended.
#[derive(Debug)]
pub enum FullResult {
    /// The whole site.
    Built(Built),
    /// The pipeline failed; the diagnostics say why.
    Failed(Failure),
    /// Stopped before the end because a newer change superseded it ([`Cancel`]): its site
    /// would have been discarded anyway.
    Cancelled,
}

/// Tells a running full render to stop: it looks at the flag between stages and before
/// handing over each rendered file, so the pages still being rendered stop early and the
/// CPU goes to the newer change (rendering a portal of 10,000 reports takes seconds).
#[derive(Clone, Debug, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    /// A flag not raised yet.
    pub fn new() -> Cancel {
        Cancel::default()
    }

    /// Asks the render to stop.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// Whether the render was asked to stop.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// Computes what the load left pending (the fresh related reports), then renders every file of
/// the site into a snapshot with this token: the site a fresh `tilik build` makes. Stops early
/// with [`FullResult::Cancelled`] when `cancel` is raised (the related reports, computed in
/// one piece, are still returned when they were finished).
pub fn render_all(site: LoadedSite, token: String, cancel: &Cancel) -> FullRender {
    let started = Instant::now();
    if cancel.is_cancelled() {
        return FullRender {
            result: FullResult::Cancelled,
            related: None,
        };
    }
    let (loaded, related) = site.loaded.complete();
    let result = if cancel.is_cancelled() {
        FullResult::Cancelled
    } else {
        render_loaded(
            loaded,
            site.base_path,
            site.root,
            token,
            site.load_time + started.elapsed(),
            cancel,
        )
    };
    FullRender { result, related }
}

/// Renders every file of a loaded site into a snapshot with this token.
fn render_loaded(
    loaded: Loaded,
    base_path: String,
    root: PathBuf,
    token: String,
    load_time: Duration,
    cancel: &Cancel,
) -> FullResult {
    let started = Instant::now();
    let files = Mutex::new(Vec::new());
    let sink = |file: OutputFile| keep_unless_cancelled(&files, cancel, file);
    let rendered = crate::render::render_into(&loaded.site, &root, loaded.lang, &sink);
    if cancel.is_cancelled() {
        return FullResult::Cancelled;
    }
    if let Err(failure) = rendered {
        return FullResult::Failed(failure);
    }
    let files = files.into_inner().unwrap_or_else(|e| e.into_inner());
    let rendered_at = Instant::now();
    let snapshot = Snapshot::new(
        files,
        base_path,
        token,
        allowed_roots(&root),
        loaded.site.reports().count(),
    )
    .with_sources(crate::serve::edit::sources::of(&loaded.site, &root));
    FullResult::Built(Built {
        snapshot,
        warnings: loaded.warnings,
        timings: Timings {
            load: load_time,
            render: rendered_at - started,
            snapshot: rendered_at.elapsed(),
            compare: Duration::ZERO,
        },
    })
}

/// Keeps a rendered file, or refuses it once `cancel` is raised: the render stops at its next
/// step, as after a write error.
fn keep_unless_cancelled(
    files: &Mutex<Vec<OutputFile>>,
    cancel: &Cancel,
    file: OutputFile,
) -> Result<(), Diagnostic> {
    if cancel.is_cancelled() {
        // Never shown: a cancelled render's result is dropped.
        return Err(Diagnostic::error("", None, "cancelled"));
    }
    files.lock().unwrap_or_else(|e| e.into_inner()).push(file);
    Ok(())
}

/// The folders copied files may be read from: the project's source folders (canonical, so a
/// source folder that is itself a symlink still works), never a place a symlink deeper inside
/// leads to.
fn allowed_roots(root: &Path) -> Vec<PathBuf> {
    SOURCE_DIRS
        .iter()
        .filter_map(|d| root.join(d).canonicalize().ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(title: &str) -> String {
        format!(
            r#"+++
title = "{title}"
date = 2024-05-01
summary = "Ringkasan {title}."

[visit]
unit = "Dinas Lingkungan Hidup Kabupaten Sleman"
start = 2024-05-06
end = 2024-05-08
destination = "Kota Surabaya"
hosts = ["DLH Kota Surabaya"]
topics = ["pengelolaan sampah"]
+++

## Latar belakang

Isi laporan {title}.
"#
        )
    }

    /// A rebuilder of a small project that has loaded once (so its next load keeps the
    /// related reports pending, as every save of `tilik serve` does).
    fn rebuilder(dir: &Path) -> Rebuilder {
        let save = |rel: &str, text: &str| {
            let path = dir.join(rel);
            std::fs::create_dir_all(path.parent().unwrap_or(dir)).unwrap_or_else(|e| panic!("{e}"));
            std::fs::write(path, text).unwrap_or_else(|e| panic!("{e}"));
        };
        save(
            "tilik.toml",
            "title = \"Portal\"\nbase_url = \"https://contoh.go.id/\"\nlanguage = \"id\"\n",
        );
        save("content/laporan/alpha.md", &report("Laporan Alpha"));
        save("content/laporan/beta.md", &report("Laporan Beta"));
        let options = Options {
            root: dir.to_path_buf(),
            ..Options::default()
        };
        let mut rebuilder = Rebuilder::new(options, "http://127.0.0.1:1".into(), "t".into());
        match rebuilder.rebuild() {
            Outcome::Built(_) => {}
            Outcome::Failed(failure) => panic!("{:?}", failure.diagnostics()),
        }
        rebuilder
    }

    #[test]
    fn a_raised_flag_stops_the_render_and_keeps_finished_related_reports() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut rebuilder = rebuilder(dir.path());
        // Raised before the render starts: nothing is done.
        let site = rebuilder
            .load()
            .unwrap_or_else(|f| panic!("{:?}", f.diagnostics()));
        assert!(site.loaded.is_pending());
        let cancel = Cancel::new();
        cancel.cancel();
        let full = render_all(site, rebuilder.next_token(), &cancel);
        assert!(matches!(full.result, FullResult::Cancelled), "{full:?}");
        assert!(full.related.is_none());

        // Raised while the files are rendered: the render stops at the next file, and the
        // related reports it finished before are returned to keep.
        let site = rebuilder
            .load()
            .unwrap_or_else(|f| panic!("{:?}", f.diagnostics()));
        let (loaded, related) = site.loaded.complete();
        assert!(related.is_some());
        let cancel = Cancel::new();
        let files = Mutex::new(Vec::new());
        let sink = |file: OutputFile| {
            // Raised once the first page is made.
            let kept = keep_unless_cancelled(&files, &cancel, file);
            cancel.cancel();
            kept
        };
        let stopped = crate::render::render_into(&loaded.site, &site.root, loaded.lang, &sink);
        assert!(stopped.is_err());
        let kept = files.into_inner().unwrap_or_else(|e| e.into_inner()).len();
        // Rendering goes on a few pages at once: those under way when the flag rose end.
        assert!(kept < rayon::current_num_threads() + 1, "{kept} files kept");
        let result = render_loaded(
            loaded,
            site.base_path,
            site.root,
            rebuilder.next_token(),
            Duration::ZERO,
            &cancel,
        );
        assert!(matches!(result, FullResult::Cancelled), "{result:?}");

        // Not raised: the whole site, as before.
        let site = rebuilder
            .load()
            .unwrap_or_else(|f| panic!("{:?}", f.diagnostics()));
        let full = render_all(site, rebuilder.next_token(), &Cancel::new());
        let FullResult::Built(built) = full.result else {
            panic!("{:?}", full.result);
        };
        assert!(built.snapshot.get("laporan/alpha/index.html").is_some());
        assert!(built.snapshot.get("index.html").is_some());
        assert!(full.related.is_some());
    }
}
