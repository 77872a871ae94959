//! One rebuild: the library's pipeline ([`crate::load`], then [`crate::render_site`]), kept in
//! memory as a [`Snapshot`] instead of written to the output folder.
//!
//! A rebuild loads the whole site (discover → parse → validate → model), then renders:
//!
//! - **the edited pages first** ([`Rebuilder::render_changed`]) when the change is an edit of
//!   existing reports or pages: they are rendered alone with
//!   [`crate::render::render_pages`] from the freshly loaded model (so exactly as the full
//!   build renders them) and patched into the site being served, which shows the writer the
//!   page they are editing in the time of a load instead of a full render;
//! - **then everything** ([`render_all`]), which replaces the patched site, so that
//!   lists, taxonomies, feeds and the rest catch up; a full build is the only kind that ever
//!   decides what the site is.
//!
//! What is still done in full on every change, and could become incremental later: the load
//! (re-parse only changed sources) and the full render (re-render only the pages that depend
//! on the changed sources; the snapshot's map of shared entries is ready for it).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::snapshot::{Entry, Snapshot};
use super::watch::{ChangeSet, SOURCE_DIRS};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Lang};
use crate::output::Content;
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
    loaded: Loaded,
    base_path: String,
    root: PathBuf,
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
        let lang = options.lang.unwrap_or_default();
        Rebuilder {
            options,
            origin,
            instance,
            generation: 0,
            lang,
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
        let loaded = self.load();
        match loaded.and_then(|site| render_all(site, self.next_token())) {
            Ok(built) => Outcome::Built(built),
            Err(failure) => Outcome::Failed(failure),
        }
    }

    /// Loads the model, with `base_url` pointing at the preview.
    pub fn load(&mut self) -> Result<LoadedSite, Failure> {
        let started = Instant::now();
        let fallback = self.options.lang.unwrap_or_default();
        let config = Config::load(&self.options.root, fallback).map_err(Failure::Config)?;
        self.lang = self.options.lang.unwrap_or(config.language);
        let base_path = config.base_path();
        let options = Options {
            base_url: Some(format!("{}{base_path}", self.origin)),
            ..self.options.clone()
        };
        let loaded = crate::load(&options)?;
        Ok(LoadedSite {
            loaded,
            base_path,
            root: options.root,
            load_time: started.elapsed(),
        })
    }

    /// When `changes` only edits existing reports or pages, renders just those and patches
    /// them into `current`; `None` when the change needs the whole site (a new, deleted or
    /// renamed page, a section text, a template, the configuration, a static file…).
    pub fn render_changed(
        &mut self,
        site: &LoadedSite,
        changes: &ChangeSet,
        current: &Snapshot,
    ) -> Option<Result<Built, Failure>> {
        if !current.is_built() || current.base_path != site.base_path || changes.is_empty() {
            return None;
        }
        let pages = &site.loaded.site.pages;
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
                let deleted_asset = current
                    .files
                    .values()
                    .any(|e| matches!(&e.content, Content::Copy(source) if *source == absolute));
                if deleted_page || deleted_asset {
                    return None;
                }
                continue;
            }
            let is_page_source = path.starts_with("content")
                && path.extension().is_some_and(|e| e == "md")
                && path.file_name().is_some_and(|n| n != "_index.md");
            if !is_page_source {
                return None;
            }
            // An edited page already served at the same address; anything else changes lists.
            let index = pages.iter().position(|p| p.source.display == *path)?;
            current.get(&format!("{}index.html", pages[index].path))?;
            indexes.push(index);
        }
        if indexes.is_empty() {
            return None;
        }
        let started = Instant::now();
        let files = match crate::render::render_pages(
            &site.loaded.site,
            &site.root,
            site.loaded.lang,
            &indexes,
        ) {
            Ok(files) => files,
            Err(failure) => return Some(Err(failure)),
        };
        let rendered_at = Instant::now();
        let mut map = current.files.clone();
        for file in files {
            map.insert(file.path, std::sync::Arc::new(Entry::new(file.content)));
        }
        let snapshot = Snapshot {
            files: map,
            base_path: site.base_path.clone(),
            token: self.next_token(),
            allowed_roots: current.allowed_roots.clone(),
            reports: site.loaded.site.reports().count(),
        };
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

/// Renders every file of a loaded site into a snapshot with this token.
pub fn render_all(site: LoadedSite, token: String) -> Result<Built, Failure> {
    let started = Instant::now();
    let files = crate::render_site(&site.loaded, &site.root)?;
    let rendered_at = Instant::now();
    let snapshot = Snapshot::new(
        files,
        site.base_path,
        token,
        allowed_roots(&site.root),
        site.loaded.site.reports().count(),
    );
    Ok(Built {
        snapshot,
        warnings: site.loaded.warnings,
        timings: Timings {
            load: site.load_time,
            render: rendered_at - started,
            snapshot: rendered_at.elapsed(),
            compare: Duration::ZERO,
        },
    })
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
