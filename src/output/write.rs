//! Writing a site: into a staging folder first, swapped in only when complete (atomically on
//! Linux); never into a folder Tilik did not create.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use super::lock::{OutputLock, Wait};
use super::{Content, OutputFile};
use crate::diagnostics::{Diagnostic, Lang};
use crate::msg;

/// Marks a folder as Tilik's output, so that a later build may replace it.
pub const MARKER_FILE: &str = ".tilik-output";

/// Writes `files` as the new content of `output`, replacing what was there only at the end.
///
/// The output folder must be safe to replace: not `/`, the home folder, the project root or
/// any folder holding the project's sources, and either absent, empty, or marked as a
/// previous Tilik output.
pub fn write_site(
    root: &Path,
    output: &Path,
    files: &[OutputFile],
    lang: Lang,
) -> Result<(), Diagnostic> {
    let staging = Staging::prepare(root, output, lang)?;
    files.par_iter().try_for_each(|f| staging.put(f))?;
    staging.commit()
}

const MARKER_TEXT: &str = "Folder ini dibuat oleh Tilik dan ditimpa setiap kali `tilik build`.\nThis folder is written by Tilik and replaced by every `tilik build`.\n";

/// A build being written: files go into a staging folder as they are rendered (so a big
/// portal is never held in memory whole), and [`Staging::commit`] swaps it in.
///
/// The staging folder starts as the *spare* tree (`.NAME.tilik-spare`, the output before the
/// current one) when there is one, so that a rebuild rewrites only what changed instead of
/// creating and deleting every folder and file: on ext4 that allocation is most of a build's
/// system time. Files are never modified in place (a changed file is written beside its old
/// name and renamed over it; only a name not there yet is written directly), so files the spare tree shares with the live output through hard
/// links are never touched: whatever happens to the build, the live output stays as it was.
pub struct Staging {
    lang: Lang,
    output: PathBuf,
    staging: PathBuf,
    spare: PathBuf,
    old: PathBuf,
    /// The live output, when it is ours: unchanged files are hard-linked from it.
    previous: Option<PathBuf>,
    /// Site paths put so far.
    written: Mutex<HashSet<String>>,
    /// Folders known to exist in the staging tree.
    dirs: Mutex<HashSet<PathBuf>>,
    /// The staging tree began empty (no spare tree to start from) and nothing can be hard-linked
    /// from a previous output: every file is new, so none is looked at before it is written
    /// (a first build, as on a CI runner, creates thousands of files; each saved `stat` counts).
    fresh: bool,
    committed: bool,
    /// Bytes this build has written (not hard-linked), for the message when the disk fills.
    bytes: std::sync::atomic::AtomicU64,
    /// One build at a time on this output: released after the swap or the clean-up of a
    /// failed build (fields are dropped after [`Drop::drop`]).
    _lock: OutputLock,
}

impl Staging {
    /// Checks that `output` may be replaced and prepares the staging folder, waiting for
    /// another build writing the same output to finish.
    pub fn prepare(root: &Path, output: &Path, lang: Lang) -> Result<Staging, Diagnostic> {
        Staging::prepare_waiting(root, output, Wait::Block, lang)
    }

    /// [`Staging::prepare`], failing at once when another build holds the output
    /// (`wait` is [`Wait::NoWait`]).
    pub fn prepare_waiting(
        root: &Path,
        output: &Path,
        wait: Wait,
        lang: Lang,
    ) -> Result<Staging, Diagnostic> {
        let output = absolute(output);
        check_output_is_safe(root, &output, lang)?;
        let parent = output.parent().unwrap_or(Path::new("/")).to_path_buf();
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        fs::create_dir_all(&parent).map_err(|e| io_error(&parent, &e, lang))?;
        let lock = OutputLock::acquire(&parent, &name, &output, wait, lang)?;
        let pid = std::process::id();
        let staging = parent.join(format!(".{name}.tilik-staging-{pid}"));
        let old = parent.join(format!(".{name}.tilik-old-{pid}"));
        let spare = parent.join(format!(".{name}.tilik-spare"));
        recover(&parent, &name, &output);
        remove_stale(&parent, &name);
        let reused = spare.join(MARKER_FILE).is_file() && fs::rename(&spare, &staging).is_ok();
        if !reused {
            let _ = fs::remove_dir_all(&spare);
            fs::create_dir_all(&staging).map_err(|e| io_error(&staging, &e, lang))?;
        }
        fs::write(staging.join(MARKER_FILE), MARKER_TEXT)
            .map_err(|e| io_error(&staging, &e, lang))?;
        let previous = output.join(MARKER_FILE).is_file().then(|| output.clone());
        let fresh = !reused && previous.is_none();
        let mut dirs = HashSet::new();
        dirs.insert(staging.clone());
        Ok(Staging {
            lang,
            output,
            staging,
            spare,
            old,
            previous,
            written: Mutex::new(HashSet::new()),
            dirs: Mutex::new(dirs),
            fresh,
            committed: false,
            bytes: std::sync::atomic::AtomicU64::new(0),
            _lock: lock,
        })
    }

    /// Writes one file into the staging tree (from any thread).
    pub fn put(&self, file: &OutputFile) -> Result<(), Diagnostic> {
        let lang = self.lang;
        let target = self.staging.join(&file.path);
        self.written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(file.path.clone());
        if self.fresh {
            match self.put_new(file, &target) {
                // A folder of this build where this file goes: replaced as below.
                Err(_) if target.is_dir() => {}
                done => return done,
            }
        }
        let existing = fs::symlink_metadata(&target).ok();
        if existing
            .as_ref()
            .is_some_and(|meta| unchanged(&target, meta, &file.content))
        {
            return Ok(());
        }
        if let Some(parent) = target.parent() {
            self.ensure_dir(parent)?;
        }
        // A file already there may be a hard link into the output being served: it is never
        // written in place but replaced by a rename. A new name is written directly.
        let dest = if existing.is_some() {
            temp_name(&target)
        } else {
            target.clone()
        };
        let linked = self.previous.as_ref().is_some_and(|prev| {
            let old = prev.join(&file.path);
            fs::symlink_metadata(&old).is_ok_and(|meta| unchanged(&old, &meta, &file.content))
                && fs::hard_link(&old, &dest).is_ok()
        });
        if !linked {
            self.create(file, &dest)?;
        }
        if dest == target {
            return Ok(());
        }
        if target.is_dir() {
            fs::remove_dir_all(&target).map_err(|e| io_error(&target, &e, lang))?;
        }
        fs::rename(&dest, &target).map_err(|e| io_error(&target, &e, lang))
    }

    /// [`Staging::put`] into a fresh staging tree: the file is created at its final name,
    /// without looking first for one there (a site path written twice is reported as a
    /// collision after the render; the later write wins meanwhile, in the staging tree only).
    fn put_new(&self, file: &OutputFile, target: &Path) -> Result<(), Diagnostic> {
        if let Some(parent) = target.parent() {
            self.ensure_dir(parent)?;
        }
        self.create(file, target)
    }

    /// Writes the content of `file` at `dest` (a name not in the live output).
    fn create(&self, file: &OutputFile, dest: &Path) -> Result<(), Diagnostic> {
        let lang = self.lang;
        let shown = self.output.join(&file.path);
        let fail = |e: std::io::Error| self.fail(&shown, &e, size_of(&file.content));
        let len = match &file.content {
            Content::Bytes(bytes) => fs::write(dest, bytes)
                .map(|()| bytes.len() as u64)
                .map_err(fail)?,
            Content::Copy(from) => fs::copy(from, dest).map_err(|e| {
                if is_disk_full(&e) {
                    fail(e)
                } else {
                    io_error(from, &e, lang)
                }
            })?,
            // An image without its metadata, an SVG keeping only drawing: a file that
            // cannot be rewritten is not published as it is (the build fails, naming it).
            Content::Image(from) => {
                let clean = super::rewritten(from, lang)?;
                fs::write(dest, &clean)
                    .map(|()| clean.len() as u64)
                    .map_err(fail)?
            }
        };
        self.bytes
            .fetch_add(len, std::sync::atomic::Ordering::Relaxed);
        Ok(())
    }

    /// The error for a failed write of `path` (in the output, `size` bytes): when the disk
    /// is full, how much space the build needs (at least what it wrote and the file it was
    /// writing, and about the size of the previous output).
    fn fail(&self, path: &Path, e: &std::io::Error, size: u64) -> Diagnostic {
        if !is_disk_full(e) {
            return io_error(path, e, self.lang);
        }
        let written = self.bytes.load(std::sync::atomic::Ordering::Relaxed);
        let previous = self.previous.as_deref().map_or(0, tree_size);
        let need = human((written + size).max(previous));
        let written = human(written);
        let lang = self.lang;
        Diagnostic::error(path, None, msg!(lang, "write.disk_full", written, need)).with_hint(msg!(
            lang,
            "write.disk_full_hint",
            need
        ))
    }

    fn ensure_dir(&self, dir: &Path) -> Result<(), Diagnostic> {
        if self
            .dirs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains(dir)
        {
            return Ok(());
        }
        // A file left where a folder is now needed (a page became a section) goes first; a
        // fresh tree has none (but a file of this build may stand in the way: try again).
        let made = self.fresh && fs::create_dir_all(dir).is_ok();
        if !made {
            for ancestor in dir
                .ancestors()
                .take_while(|a| a.starts_with(&self.staging) && *a != self.staging)
            {
                if ancestor.is_file() {
                    let _ = fs::remove_file(ancestor);
                }
            }
            fs::create_dir_all(dir).map_err(|e| self.fail(dir, &e, 0))?;
        }
        self.dirs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(dir.to_path_buf());
        Ok(())
    }

    /// Removes what the spare tree had and this build did not write, then swaps the staging
    /// folder in as the output; the previous output becomes the spare tree.
    pub fn commit(mut self) -> Result<(), Diagnostic> {
        let written = std::mem::take(&mut *self.written.lock().unwrap_or_else(|e| e.into_inner()));
        prune(&self.staging, &written);
        let result = swap(
            &self.staging,
            &self.output,
            &self.old,
            &self.spare,
            self.lang,
        );
        self.committed = result.is_ok();
        result
    }
}

impl Drop for Staging {
    /// A build that failed or was abandoned removes what it wrote (its staging tree, which
    /// began as the spare one): a build that failed on a full disk must not leave the disk
    /// full. Files the tree shared with the live output through hard links stay there.
    fn drop(&mut self) {
        if !self.committed && self.staging.exists() {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

/// The size of a file to write, as far as known without rewriting it.
fn size_of(content: &Content) -> u64 {
    match content {
        Content::Bytes(b) => b.len() as u64,
        Content::Copy(from) | Content::Image(from) => fs::metadata(from).map_or(0, |m| m.len()),
    }
}

/// Whether a write failed for lack of space (or of quota).
fn is_disk_full(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded
    )
}

/// The bytes of the files under `dir`.
fn tree_size(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum()
}

/// `12.3 MB`, `456 KB`, `789 B`.
fn human(bytes: u64) -> String {
    const KB: f64 = 1000.0;
    let b = bytes as f64;
    if b >= KB * KB * KB {
        format!("{:.1} GB", b / (KB * KB * KB))
    } else if b >= KB * KB {
        format!("{:.1} MB", b / (KB * KB))
    } else if b >= KB {
        format!("{:.0} KB", b / KB)
    } else {
        format!("{bytes} B")
    }
}

/// Where a file is written before it is renamed over its final name: a short name of its
/// own in the same folder (a suffix on the file's name would push a long legal name past the
/// 255 bytes a file name may have), unique per target name.
fn temp_name(target: &Path) -> PathBuf {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    target.file_name().hash(&mut hasher);
    target.with_file_name(format!(".tilik-tmp-{:016x}", hasher.finish()))
}

/// Deletes every file under `staging` whose site path is not in `written` (the marker
/// excepted), and the folders no written file lives in.
fn prune(staging: &Path, written: &HashSet<String>) {
    let needed: HashSet<&str> = written
        .iter()
        .flat_map(|path| path.match_indices('/').map(move |(i, _)| &path[..i]))
        .collect();
    let mut unneeded_dirs = Vec::new();
    for entry in walkdir::WalkDir::new(staging)
        .min_depth(1)
        .into_iter()
        .flatten()
    {
        let rel = entry
            .path()
            .strip_prefix(staging)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        if entry.file_type().is_dir() {
            if !needed.contains(rel.as_str()) {
                unneeded_dirs.push(entry.into_path());
            }
        } else if rel != MARKER_FILE && !written.contains(&rel) {
            let _ = fs::remove_file(entry.path());
        }
    }
    // Deepest first, so a folder is empty once its children are gone.
    unneeded_dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for dir in unneeded_dirs {
        let _ = fs::remove_dir(dir);
    }
}

/// Whether `old` (whose metadata is `meta`) holds exactly the bytes of `content`.
fn unchanged(old: &Path, meta: &fs::Metadata, content: &Content) -> bool {
    if !meta.is_file() {
        return false;
    }
    match content {
        Content::Bytes(bytes) => meta.len() == bytes.len() as u64 && holds(old, bytes),
        Content::Copy(from) => {
            fs::metadata(from).is_ok_and(|m| m.len() == meta.len())
                && fs::read(from).is_ok_and(|b| holds(old, &b))
        }
        // Stripping is cheap next to a full comparison of the image; rewrite it.
        Content::Image(_) => false,
    }
}

/// Whether the file at `path` holds exactly `expected`, read in small pieces (a rebuild
/// compares hundreds of megabytes: no buffer the size of each file).
fn holds(path: &Path, expected: &[u8]) -> bool {
    use std::io::Read;
    let Ok(mut file) = fs::File::open(path) else {
        return false;
    };
    let mut buf = [0u8; 16 * 1024];
    let mut rest = expected;
    loop {
        match file.read(&mut buf) {
            Ok(0) => return rest.is_empty(),
            Ok(n) => {
                if n > rest.len() || buf[..n] != rest[..n] {
                    return false;
                }
                rest = &rest[n..];
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
    }
}

/// Puts `staging` in place of `output`; the old output is removed only after the swap.
///
/// On Linux the two folders are exchanged in one atomic step (`renameat2` with
/// `RENAME_EXCHANGE`), so `output` is never missing, whenever the build is killed. Where that
/// is not available (other systems, some file systems) the old output is renamed away first
/// and the new one renamed in; a build killed between the two leaves the old output as
/// `.NAME.tilik-old-PID`, which the next build puts back before doing anything else.
fn swap(
    staging: &Path,
    output: &Path,
    old: &Path,
    spare: &Path,
    lang: Lang,
) -> Result<(), Diagnostic> {
    if output.exists() {
        #[cfg(target_os = "linux")]
        match exchange(staging, output) {
            Ok(()) => {
                // `staging` now holds the previous output: the next build starts from it.
                if fs::rename(staging, spare).is_err() {
                    let _ = fs::remove_dir_all(staging);
                }
                return Ok(());
            }
            Err(e) if exchange_unsupported(&e) => {}
            Err(e) => return Err(io_error(output, &e, lang)),
        }
        fs::rename(output, old).map_err(|e| io_error(output, &e, lang))?;
        if let Err(e) = fs::rename(staging, output) {
            let _ = fs::rename(old, output);
            return Err(io_error(output, &e, lang));
        }
        if fs::rename(old, spare).is_err() {
            let _ = fs::remove_dir_all(old);
        }
    } else {
        fs::rename(staging, output).map_err(|e| io_error(output, &e, lang))?;
    }
    Ok(())
}

/// Exchanges two folders atomically.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

/// Whether `renameat2(RENAME_EXCHANGE)` failed because the kernel or file system lacks it.
#[cfg(target_os = "linux")]
fn exchange_unsupported(e: &std::io::Error) -> bool {
    use rustix::io::Errno;
    matches!(
        e.raw_os_error().map(Errno::from_raw_os_error),
        Some(Errno::INVAL | Errno::NOSYS | Errno::NOTSUP)
    )
}

/// Puts back an output folder that an interrupted two-step swap left renamed away: when
/// `output` is missing and a Tilik-marked `.NAME.tilik-old-*` folder is there, the newest one
/// becomes `output` again.
fn recover(parent: &Path, name: &str, output: &Path) {
    if output.exists() {
        return;
    }
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let prefix = format!(".{name}.tilik-old-");
    let newest = entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .filter(|e| e.path().join(MARKER_FILE).exists())
        .max_by_key(|e| e.metadata().and_then(|m| m.modified()).ok());
    if let Some(entry) = newest {
        let _ = fs::rename(entry.path(), output);
    }
}

/// Removes staging and old folders left by an interrupted build (only Tilik-marked ones).
fn remove_stale(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let ours = file_name.starts_with(&format!(".{name}.tilik-staging-"))
            || file_name.starts_with(&format!(".{name}.tilik-old-"));
        if ours && entry.path().join(MARKER_FILE).exists() {
            let _ = fs::remove_dir_all(entry.path());
        } else if ours && file_name.contains(".tilik-staging-") {
            // A staging folder killed before its marker was written: still only ours.
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

fn absolute(path: &Path) -> PathBuf {
    let path = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    // Resolve `..` and symlinks of the existing part, so that checks compare real folders.
    let mut existing = path.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    for part in rest.into_iter().rev() {
        resolved.push(part);
    }
    resolved
}

fn check_output_is_safe(root: &Path, output: &Path, lang: Lang) -> Result<(), Diagnostic> {
    let root = absolute(root);
    let refuse = |why: String| {
        Diagnostic::error(output, None, why).with_hint(msg!(lang, "write.choose_output"))
    };
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .map(|h| absolute(&h));
    if output.parent().is_none() || home.as_deref() == Some(output) {
        return Err(refuse(msg!(lang, "write.refuse_root")));
    }
    if root.starts_with(output) {
        return Err(refuse(msg!(lang, "write.refuse_project")));
    }
    for source in ["content", "templates", "static", "themes", "i18n"] {
        if output.starts_with(root.join(source)) {
            return Err(refuse(msg!(lang, "write.refuse_source", source)));
        }
    }
    if output.is_file() {
        return Err(refuse(msg!(lang, "write.output_is_file")));
    }
    if output.is_dir() {
        let non_empty = fs::read_dir(output)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true);
        if non_empty && !output.join(MARKER_FILE).exists() {
            return Err(refuse(msg!(
                lang,
                "write.foreign_folder",
                marker = MARKER_FILE
            )));
        }
    }
    Ok(())
}

fn io_error(path: &Path, e: &std::io::Error, lang: Lang) -> Diagnostic {
    Diagnostic::error(path, None, msg!(lang, "write.cannot_write", error = e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(text: &str) -> Vec<OutputFile> {
        vec![OutputFile::bytes("index.html", text)]
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn swap_replaces_the_output_and_keeps_only_the_spare_tree() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(dir.path(), &out, &site("satu"), Lang::En).unwrap();
        write_site(dir.path(), &out, &site("dua"), Lang::En).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "dua");
        assert_eq!(names(dir.path()), [".public.tilik-spare", "public"]);
        let spare = dir.path().join(".public.tilik-spare");
        assert_eq!(
            fs::read_to_string(spare.join("index.html")).unwrap(),
            "satu"
        );
    }

    #[test]
    fn the_spare_tree_is_corrected_not_trusted_and_never_touches_the_live_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let files = |v: &str| {
            vec![
                OutputFile::bytes("index.html", v.to_string()),
                OutputFile::bytes("tetap/index.html", "sama"),
                OutputFile::bytes(format!("{v}/index.html"), v.to_string()),
            ]
        };
        write_site(dir.path(), &out, &files("satu"), Lang::En).unwrap();
        write_site(dir.path(), &out, &files("dua"), Lang::En).unwrap();
        // The third build starts from the first one's tree (the spare): stale files go.
        write_site(dir.path(), &out, &files("tiga"), Lang::En).unwrap();
        let mut got: Vec<String> = walkdir::WalkDir::new(&out)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(&out)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        got.sort();
        assert_eq!(
            got,
            [
                ".tilik-output",
                "index.html",
                "tetap/index.html",
                "tiga/index.html"
            ]
        );
        // A build that fails after writing half its files leaves the live output as it was,
        // even where the spare tree shares files with it.
        let live = fs::read_to_string(out.join("tetap/index.html")).unwrap();
        {
            let staging = Staging::prepare(dir.path(), &out, Lang::En).unwrap();
            staging
                .put(&OutputFile::bytes("tetap/index.html", "BERUBAH"))
                .unwrap();
            staging
                .put(&OutputFile::bytes("index.html", "BERUBAH"))
                .unwrap();
        } // dropped without commit
        assert_eq!(
            fs::read_to_string(out.join("tetap/index.html")).unwrap(),
            live
        );
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "tiga");
    }

    #[test]
    fn a_first_build_writes_every_file_even_where_a_file_and_a_folder_meet() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let staging = Staging::prepare(dir.path(), &out, Lang::En).unwrap();
        assert!(staging.fresh, "no spare tree and no previous output");
        for (path, text) in [
            ("laporan/a/index.html", "a"),
            ("laporan/b/index.html", "b"),
            // A folder of this build where a file goes, and a file where a folder goes: the
            // later one wins, as in a rebuild.
            ("x/index.html", "folder"),
            ("x", "file"),
            ("y", "file"),
            ("y/index.html", "folder"),
        ] {
            staging.put(&OutputFile::bytes(path, text)).unwrap();
        }
        staging.commit().unwrap();
        let read = |p: &str| fs::read_to_string(out.join(p)).unwrap();
        assert_eq!(read("laporan/a/index.html"), "a");
        assert_eq!(read("laporan/b/index.html"), "b");
        assert_eq!(read("x"), "file");
        assert_eq!(read("y/index.html"), "folder");
        // The next build starts from the spare tree: not fresh.
        let again = Staging::prepare(dir.path(), &out, Lang::En).unwrap();
        assert!(!again.fresh);
    }

    #[test]
    fn an_output_left_renamed_away_is_recovered() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(dir.path(), &out, &site("lama"), Lang::En).unwrap();
        // As if a build was killed between the two renames of the fallback swap.
        let old = dir.path().join(".public.tilik-old-999999");
        fs::rename(&out, &old).unwrap();
        recover(dir.path(), "public", &out);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "lama");
        assert!(!old.exists());
    }

    #[test]
    fn a_failed_write_keeps_the_previous_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(dir.path(), &out, &site("lama"), Lang::En).unwrap();
        let bad = vec![OutputFile {
            path: "a.jpg".into(),
            content: Content::Image(dir.path().join("missing.jpg")),
        }];
        assert!(write_site(dir.path(), &out, &bad, Lang::En).is_err());
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "lama");
    }
}
