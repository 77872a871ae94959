//! One rebuild: the library's pipeline ([`crate::load`] then [`crate::render_site`]), kept in
//! memory as a [`Snapshot`] instead of written to the output folder.
//!
//! Every rebuild is currently a full one (the sample portal builds in a fraction of a
//! second). The [`ChangeSet`] that triggered it is passed in, so that an incremental rebuild
//! (re-parse only changed sources, re-render only the pages that depend on them, then clone
//! the previous snapshot's map of shared entries and replace only what changed) can be added
//! here later without touching the server, the watcher or the reload channel.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::snapshot::Snapshot;
use super::watch::{ChangeSet, SOURCE_DIRS};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Lang};
use crate::{Failure, Options};

/// Builds snapshots of one project for one preview address.
#[derive(Debug)]
pub struct Rebuilder {
    /// Pipeline options (root, drafts, language, build date); `base_url` is set per build.
    options: Options,
    /// `http://host:port` of the preview server.
    origin: String,
    /// Distinguishes this run of the server in build tokens.
    instance: String,
    /// Successful builds so far.
    generation: u64,
    /// The language of messages of the last run.
    lang: Lang,
}

/// How long the stages of a successful build took.
#[derive(Clone, Copy, Debug, Default)]
pub struct Timings {
    /// discover → parse → validate → model.
    pub load: Duration,
    /// Rendering every output file.
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

/// The result of a rebuild.
#[derive(Debug)]
pub enum Outcome {
    /// The new site, with the warnings found on the way.
    Built {
        /// The site to serve.
        snapshot: Snapshot,
        /// Warnings about the content.
        warnings: Vec<Diagnostic>,
        /// Stage timings.
        timings: Timings,
    },
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

    /// Runs the pipeline. `changes` is what triggered the rebuild (empty for the first one).
    pub fn rebuild(&mut self, _changes: &ChangeSet) -> Outcome {
        let started = Instant::now();
        let fallback = self.options.lang.unwrap_or_default();
        let config = match Config::load(&self.options.root, fallback) {
            Ok(c) => c,
            Err(diags) => return Outcome::Failed(Failure::Config(diags)),
        };
        self.lang = self.options.lang.unwrap_or(config.language);
        let base_path = config.base_path();
        let options = Options {
            base_url: Some(format!("{}{base_path}", self.origin)),
            ..self.options.clone()
        };
        let loaded = match crate::load(&options) {
            Ok(l) => l,
            Err(f) => return Outcome::Failed(f),
        };
        let loaded_at = Instant::now();
        let files = match crate::render_site(&loaded, &options.root) {
            Ok(f) => f,
            Err(f) => return Outcome::Failed(f),
        };
        let rendered_at = Instant::now();
        self.generation += 1;
        let token = format!("{}.{}", self.instance, self.generation);
        let snapshot = Snapshot::new(
            files,
            base_path,
            token,
            allowed_roots(&options.root),
            loaded.site.reports().count(),
        );
        Outcome::Built {
            snapshot,
            warnings: loaded.warnings,
            timings: Timings {
                load: loaded_at - started,
                render: rendered_at - loaded_at,
                snapshot: rendered_at.elapsed(),
                compare: Duration::ZERO,
            },
        }
    }
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
