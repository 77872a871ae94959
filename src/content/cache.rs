//! The parse cache: what loading each source file produced, kept from one run of the pipeline
//! to the next, so that a rebuild of `tilik serve` reads and parses only the files that
//! changed.
//!
//! For every Markdown source it keeps, under the file's absolute path:
//!
//! - the result of [`load_one`](super::load::load_one): the validated front matter, the body,
//!   the personal-data findings and the file's diagnostics (a file that fails to parse is
//!   kept too, with its errors, until it changes);
//! - the body rendered to HTML ([`markdown::Memo`], with the link answers it depends on), kept
//!   by [`crate::model::site::assemble`];
//! - the report's quality warnings, kept by [`crate::load_with_cache`].
//!
//! And for every bundle image it has checked, under the image's path and [`Stamp`], whether
//! its metadata can be removed ([`crate::output::strip::damaged_images`]); for every bundle
//! text file, the NIK and NIP in its text ([`crate::privacy::bundle::scan_cached`]).
//!
//! It also keeps the sources the last walk of `content/` found (with the walk's diagnostics),
//! so that a load for a change the watcher of `tilik serve` reported whole — edits of existing
//! source files, nothing else — can skip the walk and the metadata of the unchanged files
//! ([`ParseCache::trust_edits`]): that load shows the edited page, and a load that walks and
//! looks at every file follows at once.
//!
//! An entry stands while the file's [`Stamp`] (size, modification time and, on Unix, inode
//! and change time), its place (path shown in messages, section or page) and the run's
//! [`Settings`] (the whole configuration, language of messages, drafts, build date) are the
//! same; any change of the settings empties the cache. A loaded file is exactly what a fresh
//! load would give, so a cached run builds exactly the site a fresh one builds.
//!
//! `tilik build` and `tilik check` load with [`ParseCache::disabled`], which keeps nothing
//! and costs nothing (no extra file metadata is read).

use std::collections::HashMap;
use std::ffi::OsString;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::SystemTime;

use chrono::NaiveDate;
use rayon::prelude::*;

use super::discover::{SourceFile, SourceKind};
use super::frontmatter::FrontMatter;
use super::load::{self, LoadedFile};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Lang};
use crate::markdown;
use crate::privacy::Finding;

/// What identifies one version of a file on disk without reading it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    /// Inode and change time: a file replaced by a rename, or changed and then given back its
    /// old modification time, still differs.
    #[cfg(unix)]
    inode: (u64, u64),
    #[cfg(unix)]
    changed: (i64, i64),
}

impl Stamp {
    /// The stamp of the file at `path` (following symbolic links, as reading it does);
    /// `None` when its metadata cannot be read.
    pub fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        use std::os::unix::fs::MetadataExt;
        Some(Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            inode: (meta.dev(), meta.ino()),
            #[cfg(unix)]
            changed: (meta.ctime(), meta.ctime_nsec()),
        })
    }
}

/// Everything besides a file's own bytes that the kept results depend on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// The configuration as loaded (with command-line overrides), as a hash of all its values.
    config: u64,
    lang: Lang,
    drafts: bool,
    build_date: NaiveDate,
}

impl Settings {
    /// The settings of a run.
    pub fn new(config: &Config, lang: Lang, drafts: bool, build_date: NaiveDate) -> Settings {
        // Every value of the configuration counts, so that no setting added later can be
        // forgotten here (a change that does not matter only costs a full re-parse).
        let mut hasher = std::hash::DefaultHasher::new();
        format!("{config:?}").hash(&mut hasher);
        Settings {
            config: hasher.finish(),
            lang,
            drafts,
            build_date,
        }
    }
}

/// What loading one file produced, as kept.
#[derive(Debug)]
struct Entry {
    stamp: Stamp,
    display: PathBuf,
    section: bool,
    /// `None` when the file could not be split or parsed (its errors are in `diags`).
    parsed: Option<Parsed>,
    diags: Vec<Diagnostic>,
    markdown: Option<markdown::Memo>,
    quality: Option<Vec<Diagnostic>>,
    /// The last load that found the file.
    generation: AtomicU64,
}

#[derive(Debug)]
struct Parsed {
    front_matter: FrontMatter,
    body: Arc<str>,
    body_line: usize,
    personal_data: Vec<Finding>,
}

impl Entry {
    fn new(
        source: &SourceFile,
        stamp: Stamp,
        file: Option<&LoadedFile>,
        diags: &[Diagnostic],
        generation: u64,
    ) -> Entry {
        Entry {
            stamp,
            display: source.display.clone(),
            section: source.kind == SourceKind::Section,
            parsed: file.map(|f| Parsed {
                front_matter: f.front_matter.clone(),
                body: Arc::clone(&f.body),
                body_line: f.body_line,
                personal_data: f.personal_data.clone(),
            }),
            diags: diags.to_vec(),
            markdown: None,
            quality: None,
            generation: AtomicU64::new(generation),
        }
    }

    /// Whether this entry is what loading `source`, whose stamp is now `stamp`, would give.
    fn stands_for(&self, source: &SourceFile, stamp: Stamp) -> bool {
        self.stamp == stamp
            && self.display == source.display
            && self.section == (source.kind == SourceKind::Section)
    }

    fn load(&self, source: SourceFile) -> (Option<LoadedFile>, Vec<Diagnostic>) {
        let file = self.parsed.as_ref().map(|p| LoadedFile {
            source,
            front_matter: p.front_matter.clone(),
            body: Arc::clone(&p.body),
            body_line: p.body_line,
            personal_data: p.personal_data.clone(),
        });
        (file, self.diags.clone())
    }
}

/// How one file was loaded.
enum Outcome {
    /// Taken from the cache.
    Reused(Option<LoadedFile>, Vec<Diagnostic>),
    /// Read and parsed, and to be kept.
    Parsed(PathBuf, Option<LoadedFile>, Vec<Diagnostic>, Box<Entry>),
    /// Read (or not) and not to be kept: its metadata cannot be read.
    Unkept(Option<LoadedFile>, Vec<Diagnostic>),
}

/// How much of the last load came from the cache.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Files read and parsed.
    pub parsed: usize,
    /// Files taken from the cache.
    pub reused: usize,
    /// Bodies rendered from Markdown (the others were taken from the cache).
    pub rendered: usize,
    /// Bundle text files read for the personal-data scan (the others' findings were taken
    /// from the cache).
    pub attachments_read: usize,
}

/// A bundle image checked: its bytes without metadata, or why it cannot be rewritten.
pub type ImageCheck = Result<std::sync::Arc<Vec<u8>>, String>;

/// Per-file results of earlier loads; see the module documentation.
#[derive(Debug, Default)]
pub struct ParseCache {
    disabled: bool,
    settings: Option<Settings>,
    /// By absolute path (hashed as bytes: hashing a `Path` parses its components).
    entries: HashMap<OsString, Entry, foldhash::fast::RandomState>,
    /// Bundle images checked, by path: the image without its metadata, or why it cannot be
    /// rewritten.
    images: HashMap<OsString, (Stamp, ImageCheck), foldhash::fast::RandomState>,
    /// The personal-data findings in bundle text files, by path: the file's stamp, the path
    /// shown in messages, the findings (see [`crate::privacy::bundle::scan_cached`]).
    attachments: HashMap<OsString, (Stamp, PathBuf, Vec<Finding>), foldhash::fast::RandomState>,
    /// The last harvest of a hub's members (see [`crate::network::harvest::harvest_cached`]).
    harvest: Option<crate::network::harvest::Kept>,
    /// The related reports of the last load (see [`crate::related::Kept`]).
    related: Option<crate::related::Kept>,
    /// The sources the last walk of `content/` found, and the walk's diagnostics.
    walk: Option<(Vec<SourceFile>, Vec<Diagnostic>)>,
    /// For the next load only: the files to read again (absolute paths), all the others being
    /// taken as they are kept, and the sources those of the last walk ([`ParseCache::trust_edits`]).
    trusted: Option<std::collections::HashSet<OsString>>,
    /// Counts loads, to tell the files of the last one.
    generation: u64,
    stats: Stats,
}

impl ParseCache {
    /// An empty cache that keeps what each load produces.
    pub fn new() -> ParseCache {
        ParseCache::default()
    }

    /// A cache that keeps nothing: every load reads and parses every file.
    pub fn disabled() -> ParseCache {
        ParseCache {
            disabled: true,
            ..ParseCache::default()
        }
    }

    /// Whether this cache keeps anything.
    pub fn is_enabled(&self) -> bool {
        !self.disabled
    }

    /// How many files are kept.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no file is kept.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// How much of the last load came from the cache.
    pub fn stats(&self) -> Stats {
        self.stats
    }

    /// Forgets everything.
    pub fn clear(&mut self) {
        self.entries.clear();
        self.images.clear();
        self.attachments.clear();
        self.harvest = None;
        self.settings = None;
        self.walk = None;
        self.trusted = None;
    }

    /// Forgets what was kept for the file at `path` (absolute), whatever its stamp says: for
    /// a file known to have changed (a file system whose times are too coarse to tell).
    pub fn forget(&mut self, path: &Path) {
        self.entries.remove(path.as_os_str());
        self.attachments.remove(path.as_os_str());
    }

    /// Starts a load with `settings`: what was kept under other settings is forgotten.
    pub fn begin(&mut self, settings: Settings) {
        if self.settings.as_ref() != Some(&settings) {
            self.clear();
            self.settings = Some(settings);
        }
        self.stats = Stats::default();
    }

    /// Makes the next load take the sources found by the last walk of `content/` and every
    /// kept file as it is, reading again only `edited` (absolute paths): for a change the
    /// watcher reported whole that only edits existing source files. `false` (and nothing
    /// trusted) when one of them is not a source of the last walk, or nothing was walked yet.
    pub fn trust_edits(&mut self, edited: &[PathBuf]) -> bool {
        let Some((sources, _)) = &self.walk else {
            return false;
        };
        let known: std::collections::HashSet<&std::ffi::OsStr> =
            sources.iter().map(|s| s.path.as_os_str()).collect();
        let edited: std::collections::HashSet<OsString> =
            edited.iter().map(|p| p.as_os_str().to_owned()).collect();
        if edited.is_empty() || !edited.iter().all(|p| known.contains(p.as_os_str())) {
            return false;
        }
        self.trusted = Some(edited);
        true
    }

    /// The sources of the last walk and its diagnostics, when this load trusts them
    /// ([`ParseCache::trust_edits`]); else `None`, and the caller walks.
    pub fn trusted_walk(&self) -> Option<(Vec<SourceFile>, Vec<Diagnostic>)> {
        self.trusted.as_ref()?;
        self.walk.clone()
    }

    /// Trusts nothing any more ([`ParseCache::trust_edits`]): for a load that ended before
    /// reading the files.
    pub fn distrust(&mut self) {
        self.trusted = None;
    }

    /// Keeps what a walk of `content/` found, for a later load that trusts it (nothing when
    /// the cache is disabled).
    pub fn keep_walk(&mut self, sources: &[SourceFile], diags: &[Diagnostic]) {
        if !self.disabled {
            self.walk = Some((sources.to_vec(), diags.to_vec()));
        }
    }

    /// Reads and validates every source, in parallel, as [`load::load_all`] does, taking the
    /// result of each unchanged file from the cache. Keeps the new results and forgets the
    /// files that are gone.
    pub fn load_all(
        &mut self,
        sources: Vec<SourceFile>,
        lang: Lang,
    ) -> (Vec<LoadedFile>, Vec<Diagnostic>) {
        if self.disabled {
            self.stats.parsed = sources.len();
            return load::load_all(sources, lang);
        }
        self.generation += 1;
        let generation = self.generation;
        let entries = &self.entries;
        let trusted = self.trusted.take();
        let results: Vec<Outcome> = sources
            .into_par_iter()
            .map(|source| {
                if let Some(edited) = &trusted {
                    // Unchanged, as the watcher says: taken without looking at the file.
                    if let Some(entry) = entries.get(source.path.as_os_str()) {
                        if !edited.contains(source.path.as_os_str())
                            && entry.stands_for(&source, entry.stamp)
                        {
                            entry.generation.store(generation, Ordering::Relaxed);
                            let (file, diags) = entry.load(source);
                            return Outcome::Reused(file, diags);
                        }
                    }
                }
                let Some(stamp) = Stamp::of(&source.path) else {
                    // Unreadable: load_one says why; nothing to keep.
                    let (file, diags) = load::load_one(source, lang);
                    return Outcome::Unkept(file, diags);
                };
                if let Some(entry) = entries.get(source.path.as_os_str()) {
                    if entry.stands_for(&source, stamp) {
                        entry.generation.store(generation, Ordering::Relaxed);
                        let (file, diags) = entry.load(source);
                        return Outcome::Reused(file, diags);
                    }
                }
                // The stamp is taken before reading: a change while reading makes the entry
                // stale, never the other way round.
                let kept = source.clone();
                let (file, diags) = load::load_one(source, lang);
                let entry = Entry::new(&kept, stamp, file.as_ref(), &diags, generation);
                Outcome::Parsed(kept.path, file, diags, Box::new(entry))
            })
            .collect();
        let mut files = Vec::with_capacity(results.len());
        let mut diags = Vec::new();
        for outcome in results {
            let (file, file_diags) = match outcome {
                Outcome::Reused(file, file_diags) => {
                    self.stats.reused += 1;
                    (file, file_diags)
                }
                Outcome::Parsed(path, file, file_diags, entry) => {
                    self.stats.parsed += 1;
                    self.entries.insert(path.into_os_string(), *entry);
                    (file, file_diags)
                }
                Outcome::Unkept(file, file_diags) => {
                    self.stats.parsed += 1;
                    (file, file_diags)
                }
            };
            files.extend(file);
            diags.extend(file_diags);
        }
        // Files that are gone, or unreadable now, are forgotten.
        self.entries
            .retain(|_, e| *e.generation.get_mut() == generation);
        (files, diags)
    }

    /// The kept rendering of a file's body, when the file has not changed since.
    pub fn markdown(&self, path: &Path) -> Option<&markdown::Memo> {
        self.entries.get(path.as_os_str())?.markdown.as_ref()
    }

    /// Keeps the rendering of a file's body (of the version loaded last).
    pub fn keep_markdown(&mut self, path: &Path, memo: markdown::Memo) {
        self.stats.rendered += 1;
        if let Some(entry) = self.entries.get_mut(path.as_os_str()) {
            entry.markdown = Some(memo);
            // The page changed: its quality warnings are to be found again.
            entry.quality = None;
        }
    }

    /// Keeps the rendering of a file's body for a new context (see [`markdown::Memo`]).
    pub fn markdown_context(&mut self, path: &Path, context: u64) {
        if let Some(memo) = self
            .entries
            .get_mut(path.as_os_str())
            .and_then(|e| e.markdown.as_mut())
        {
            memo.set_context(context);
        }
    }

    /// The kept quality warnings of a report, when neither the file nor its rendering has
    /// changed since.
    pub fn quality(&self, path: &Path) -> Option<&[Diagnostic]> {
        self.entries.get(path.as_os_str())?.quality.as_deref()
    }

    /// The last harvest of the hub's members, if kept.
    pub fn kept_harvest(&self) -> Option<&crate::network::harvest::Kept> {
        self.harvest.as_ref()
    }

    /// Keeps a harvest of the hub's members (nothing when the cache is disabled).
    pub fn keep_harvest(&mut self, kept: crate::network::harvest::Kept) {
        if !self.disabled {
            self.harvest = Some(kept);
        }
    }

    /// The related reports of the last load, to show until the fresh ones are computed.
    pub fn kept_related(&self) -> Option<&crate::related::Kept> {
        self.related.as_ref()
    }

    /// Keeps the related reports of this load (nothing when the cache is disabled).
    pub fn keep_related(&mut self, kept: impl FnOnce() -> crate::related::Kept) {
        if !self.disabled {
            self.related = Some(kept());
        }
    }

    /// Keeps related reports computed away from the load (see
    /// [`crate::AwaitingRelated::complete`]) for the next load (nothing when the cache is
    /// disabled).
    pub fn store_related(&mut self, kept: crate::related::Kept) {
        self.keep_related(|| kept);
    }

    /// The personal-data findings in the text of the bundle file at `path` (`shown` in
    /// messages): kept ones while the file's stamp is the same, else `scan`'s (then kept).
    pub fn attachment_scan(
        &mut self,
        path: &Path,
        shown: &Path,
        scan: impl FnOnce() -> Vec<Finding>,
    ) -> Vec<Finding> {
        self.stats.attachments_read += 1;
        if self.disabled {
            return scan();
        }
        // The stamp is taken before reading: a change while reading makes the entry stale.
        let Some(stamp) = Stamp::of(path) else {
            return scan();
        };
        if let Some((kept, kept_shown, findings)) = self.attachments.get(path.as_os_str()) {
            if *kept == stamp && kept_shown == shown {
                self.stats.attachments_read -= 1;
                return findings.clone();
            }
        }
        let findings = scan();
        self.attachments.insert(
            path.as_os_str().to_owned(),
            (stamp, shown.to_path_buf(), findings.clone()),
        );
        findings
    }

    /// The kept result of checking the image at `path`, if the image has not changed since.
    pub fn image_check(&self, path: &Path, stamp: Stamp) -> Option<&ImageCheck> {
        let (kept, result) = self.images.get(path.as_os_str())?;
        (*kept == stamp).then_some(result)
    }

    /// Keeps the result of checking the image at `path` (nothing when the cache is disabled).
    pub fn keep_image_check(&mut self, path: &Path, stamp: Stamp, damaged: ImageCheck) {
        if !self.disabled {
            self.images
                .insert(path.as_os_str().to_owned(), (stamp, damaged));
        }
    }

    /// Keeps the quality warnings of a report (of the version loaded and rendered last).
    pub fn keep_quality(&mut self, path: &Path, warnings: Vec<Diagnostic>) {
        if let Some(entry) = self.entries.get_mut(path.as_os_str()) {
            entry.quality = Some(warnings);
        }
    }
}
