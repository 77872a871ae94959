//! Watching the project's sources, with debouncing.
//!
//! Editors save in bursts (write a temporary file, rename it over the original, change its
//! mode), and `git checkout` touches hundreds of files at once. The watcher collects the
//! events of a burst and hands them on as one [`ChangeSet`] once the files have been quiet for
//! the debounce interval (or a burst has lasted [`MAX_DELAY`], so a steady stream of changes
//! still gives a rebuild now and then). When every file written in the burst is known to be
//! complete (closed after writing, renamed into place or removed: Linux tells), a shorter quiet
//! time ([`Debounce::settled`]) ends it, so that a save is shown without waiting out the whole
//! interval.
//!
//! Watched: `content/`, `templates/`, `themes/`, `static/` (recursively) and `tilik.toml`. The
//! project root itself is watched without recursion, to see `tilik.toml` replaced by a rename
//! and a source folder created or recreated after the server started. The output folder and
//! anything else in the root (`target/`, `.git/`) are never watched.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::diagnostics::Lang;
use crate::msg;

/// Source folders watched recursively.
pub const SOURCE_DIRS: [&str; 4] = ["content", "templates", "themes", "static"];
/// The configuration file.
pub const CONFIG_FILE: &str = "tilik.toml";
/// The longest a burst of changes may postpone a rebuild.
pub const MAX_DELAY: Duration = Duration::from_secs(2);

/// The files that changed during one burst, relative to the project root.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChangeSet {
    /// Changed, created, renamed or deleted paths.
    pub paths: BTreeSet<PathBuf>,
}

impl ChangeSet {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }

    /// Adds the changes of `other`.
    pub fn merge(&mut self, other: ChangeSet) {
        self.paths.extend(other.paths);
    }

    /// A short description for the terminal: the first few paths and a count.
    pub fn describe(&self) -> String {
        let mut names: Vec<String> = self
            .paths
            .iter()
            .take(3)
            .map(|p| crate::diagnostics::display_path(p))
            .collect();
        if self.paths.len() > 3 {
            names.push(format!("+{}", self.paths.len() - 3));
        }
        names.join(", ")
    }
}

/// Keeps the watcher alive; dropping it stops watching.
#[derive(Debug)]
pub struct WatchHandle {
    _thread: thread::JoinHandle<()>,
}

/// How long the files must be quiet to end a burst of changes.
#[derive(Clone, Copy, Debug)]
pub struct Debounce {
    /// After any change.
    pub quiet: Duration,
    /// When every file written is known to be complete (at most `quiet`).
    pub settled: Duration,
}

/// Starts watching the project at `root` (canonical), sending one [`ChangeSet`] per burst of
/// changes to `changes`.
pub fn spawn(
    root: &Path,
    debounce: Debounce,
    lang: Lang,
    changes: Sender<ChangeSet>,
) -> Result<WatchHandle, notify::Error> {
    let (raw_tx, raw_rx) = mpsc::channel::<notify::Result<Event>>();
    let mut watcher = notify::recommended_watcher(raw_tx)?;
    watcher.watch(root, RecursiveMode::NonRecursive)?;
    for dir in SOURCE_DIRS {
        let path = root.join(dir);
        if path.is_dir() {
            watcher.watch(&path, RecursiveMode::Recursive)?;
        }
    }
    let root = root.to_path_buf();
    let thread = thread::Builder::new()
        .name("tilik-watch".into())
        .spawn(move || debounce_loop(watcher, &root, &raw_rx, debounce, lang, &changes))
        .map_err(notify::Error::io)?;
    Ok(WatchHandle { _thread: thread })
}

fn debounce_loop(
    mut watcher: RecommendedWatcher,
    root: &Path,
    raw: &Receiver<notify::Result<Event>>,
    debounce: Debounce,
    lang: Lang,
    changes: &Sender<ChangeSet>,
) {
    loop {
        // Wait for the first change of a burst.
        let mut pending = ChangeSet::default();
        // Files of the burst written and not yet known to be complete.
        let mut writing = BTreeSet::new();
        let mut started = None;
        loop {
            let timeout = match started {
                Some(_) if writing.is_empty() => debounce.settled.min(debounce.quiet),
                Some(_) => debounce.quiet,
                None => Duration::from_secs(3600),
            };
            match raw.recv_timeout(timeout) {
                Ok(Ok(event)) => {
                    for path in relevant(&event, root) {
                        rewatch_if_source_dir(&mut watcher, root, &path);
                        track_writes(&mut writing, event.kind, &path);
                        pending.paths.insert(path);
                    }
                    if !pending.is_empty() && started.is_none() {
                        started = Some(Instant::now());
                    }
                }
                Ok(Err(e)) => eprintln!("{}", msg!(lang, "serve.watch_error", error = e)),
                Err(RecvTimeoutError::Timeout) => {
                    if started.is_some() {
                        break;
                    }
                }
                Err(RecvTimeoutError::Disconnected) => return,
            }
            if started.is_some_and(|s| s.elapsed() >= MAX_DELAY) {
                break;
            }
        }
        if changes.send(pending).is_err() {
            return;
        }
    }
}

/// Notes whether `path` is being written (`writing`) or complete after an event about it.
/// Events that tell nothing either way (a change of mode, a new folder) change nothing; kinds
/// of events not known here count as writing, so that they get the whole debounce interval.
fn track_writes(writing: &mut BTreeSet<PathBuf>, kind: EventKind, path: &Path) {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write))
        | EventKind::Modify(ModifyKind::Name(_))
        | EventKind::Remove(_) => {
            writing.remove(path);
        }
        EventKind::Modify(ModifyKind::Metadata(_)) | EventKind::Create(CreateKind::Folder) => {}
        _ => {
            writing.insert(path.to_path_buf());
        }
    }
}

/// Starts watching a source folder created (or recreated) after the server started.
fn rewatch_if_source_dir(watcher: &mut RecommendedWatcher, root: &Path, rel: &Path) {
    let mut parts = rel.components();
    let (Some(Component::Normal(first)), None) = (parts.next(), parts.next()) else {
        return;
    };
    if SOURCE_DIRS.iter().any(|d| first == *d) {
        let path = root.join(rel);
        if path.is_dir() {
            // Already watched is fine; any other error shows up as missed changes only.
            let _ = watcher.watch(&path, RecursiveMode::Recursive);
        }
    }
}

/// The paths of an event that matter for the site, relative to `root`.
fn relevant(event: &Event, root: &Path) -> Vec<PathBuf> {
    match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => {}
        EventKind::Access(_) => return Vec::new(),
        _ => {}
    }
    event
        .paths
        .iter()
        .filter_map(|p| p.strip_prefix(root).ok())
        .filter(|rel| is_source(rel))
        .map(Path::to_path_buf)
        .collect()
}

/// Whether a path (relative to the root) is one of the site's sources.
pub fn is_source(rel: &Path) -> bool {
    let mut parts = rel.components();
    let Some(Component::Normal(first)) = parts.next() else {
        return false;
    };
    if first == CONFIG_FILE {
        return parts.next().is_none();
    }
    if !SOURCE_DIRS.iter().any(|d| first == *d) {
        return false;
    }
    let Some(name) = rel.file_name().and_then(|n| n.to_str()) else {
        return true;
    };
    let hidden = rel.components().any(
        |c| matches!(c, Component::Normal(n) if n.to_str().is_some_and(|s| s.starts_with('.'))),
    );
    let editor_temp = name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".swo")
        || name == "4913";
    !hidden && !editor_temp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_and_noise() {
        assert!(is_source(Path::new("content/laporan/a.md")));
        assert!(is_source(Path::new("content")));
        assert!(is_source(Path::new("tilik.toml")));
        assert!(is_source(Path::new("themes/default/static/css/tilik.css")));
        assert!(!is_source(Path::new("public/index.html")));
        assert!(!is_source(Path::new("target/debug/x")));
        assert!(!is_source(Path::new("content/.a.md.swp")));
        assert!(!is_source(Path::new("content/a.md~")));
        assert!(!is_source(Path::new("content/.git/HEAD")));
        assert!(!is_source(Path::new("tilik.toml/x")));
    }

    #[test]
    fn change_sets_describe_themselves() {
        let mut c = ChangeSet::default();
        c.paths.insert("static/css/site.css".into());
        c.paths.insert("content/a.md".into());
        assert_eq!(c.describe(), "content/a.md, static/css/site.css");
        for i in 0..3 {
            c.paths.insert(format!("content/{i}.md").into());
        }
        assert_eq!(c.describe(), "content/0.md, content/1.md, content/2.md, +2");
    }

    #[test]
    fn writes_are_complete_once_closed_renamed_or_removed() {
        use notify::event::{DataChange, MetadataKind, RemoveKind, RenameMode};
        let mut writing = BTreeSet::new();
        let a = Path::new("content/a.md");
        let b = Path::new("content/b.md");
        track_writes(&mut writing, EventKind::Create(CreateKind::File), a);
        track_writes(
            &mut writing,
            EventKind::Modify(ModifyKind::Data(DataChange::Any)),
            b,
        );
        assert_eq!(writing.len(), 2);
        track_writes(
            &mut writing,
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
            a,
        );
        track_writes(
            &mut writing,
            EventKind::Modify(ModifyKind::Metadata(MetadataKind::Any)),
            a,
        );
        assert_eq!(writing.iter().collect::<Vec<_>>(), [b]);
        track_writes(
            &mut writing,
            EventKind::Modify(ModifyKind::Name(RenameMode::To)),
            b,
        );
        assert!(writing.is_empty());
        track_writes(&mut writing, EventKind::Any, a);
        track_writes(&mut writing, EventKind::Remove(RemoveKind::File), a);
        assert!(writing.is_empty());
    }

    #[test]
    fn debounces_a_burst_into_one_change_set() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let root = dir.path().canonicalize().unwrap_or_else(|e| panic!("{e}"));
        std::fs::create_dir_all(root.join("content")).unwrap_or_else(|e| panic!("{e}"));
        let (tx, rx) = mpsc::channel();
        let debounce = Debounce {
            quiet: Duration::from_millis(100),
            settled: Duration::from_millis(100),
        };
        let _handle = spawn(&root, debounce, Lang::En, tx).unwrap_or_else(|e| panic!("watch: {e}"));
        for i in 0..5 {
            std::fs::write(root.join("content").join(format!("{i}.md")), "x")
                .unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::write(root.join("ignored.txt"), "x").unwrap_or_else(|e| panic!("{e}"));
        let set = rx
            .recv_timeout(Duration::from_secs(5))
            .unwrap_or_else(|e| panic!("no change set: {e}"));
        assert_eq!(set.paths.len(), 5, "{set:?}");
        assert!(rx.recv_timeout(Duration::from_millis(400)).is_err());
        // A source folder created later is watched too.
        std::fs::create_dir_all(root.join("static")).unwrap_or_else(|e| panic!("{e}"));
        let _ = rx.recv_timeout(Duration::from_secs(5));
        std::thread::sleep(Duration::from_millis(50));
        std::fs::write(root.join("static/site.css"), "x").unwrap_or_else(|e| panic!("{e}"));
        let set = rx
            .recv_timeout(Duration::from_secs(5))
            .unwrap_or_else(|e| panic!("no change set: {e}"));
        assert!(set.paths.contains(Path::new("static/site.css")), "{set:?}");
    }
}
