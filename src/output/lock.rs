//! One build at a time per output folder: an advisory lock (`flock`) on `.NAME.tilik-lock`
//! beside the output, held from the preparation of the staging folder until the swap is done
//! (or the failed build's tree is put away). A second build on the same output waits, saying
//! so with the other build's process id, or (`--no-wait`) stops at once.
//!
//! The lock file is deleted when the lock is released; a build that obtains the lock on a
//! file that was deleted or replaced meanwhile takes it again on the current one. A build that
//! is killed releases its lock with its process (the kernel drops `flock` locks).
//! On systems without `flock` (Windows) builds are not serialised.

use std::fs::{self, File};
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Lang};
use crate::msg;

/// The lock of an output folder, released when dropped.
#[derive(Debug)]
pub struct OutputLock {
    path: PathBuf,
    #[cfg_attr(not(unix), allow(dead_code))]
    file: Option<File>,
}

/// Whether a build waits for another one holding the lock.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Wait {
    /// Wait, saying so on the standard error.
    #[default]
    Block,
    /// Fail at once.
    NoWait,
}

/// The lock file of the output folder `NAME` in `parent`.
pub fn lock_path(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!(".{name}.tilik-lock"))
}

impl OutputLock {
    /// Takes the lock of the output folder `name` in `parent`, waiting for another build
    /// unless `wait` is [`Wait::NoWait`].
    #[cfg(unix)]
    pub fn acquire(
        parent: &Path,
        name: &str,
        output: &Path,
        wait: Wait,
        lang: Lang,
    ) -> Result<OutputLock, Diagnostic> {
        use rustix::fs::{flock, FlockOperation};
        use std::io::Write;
        use std::os::unix::fs::MetadataExt;

        let path = lock_path(parent, name);
        let mut told = false;
        loop {
            let mut file = fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .map_err(|e| lock_error(&path, &e, lang))?;
            match flock(&file, FlockOperation::NonBlockingLockExclusive) {
                Ok(()) => {}
                Err(rustix::io::Errno::WOULDBLOCK) => {
                    let holder = fs::read_to_string(&path).unwrap_or_default();
                    let holder = holder.trim();
                    let holder = if holder.is_empty() { "?" } else { holder };
                    if wait == Wait::NoWait {
                        return Err(busy(output, holder, lang));
                    }
                    if !told {
                        // A status line while the build blocks, not a diagnostic of the run.
                        eprintln!(
                            "{}",
                            msg!(lang, "lock.waiting", holder, display = output.display())
                        );
                        told = true;
                    }
                    flock(&file, FlockOperation::LockExclusive)
                        .map_err(|e| lock_error(&path, &e.into(), lang))?;
                }
                Err(e) => return Err(lock_error(&path, &e.into(), lang)),
            }
            // The holder before us may have deleted (and another build re-created) the file
            // while we waited: a lock on a deleted file locks nothing.
            let ours = file.metadata().ok();
            let current = fs::metadata(&path).ok();
            let same = match (ours, current) {
                (Some(a), Some(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
                _ => false,
            };
            if !same {
                continue;
            }
            let _ = file.set_len(0);
            let _ = write!(file, "{}", std::process::id());
            return Ok(OutputLock {
                path,
                file: Some(file),
            });
        }
    }

    /// Without `flock`, no lock.
    #[cfg(not(unix))]
    pub fn acquire(
        parent: &Path,
        name: &str,
        _output: &Path,
        _wait: Wait,
        _lang: Lang,
    ) -> Result<OutputLock, Diagnostic> {
        Ok(OutputLock {
            path: lock_path(parent, name),
            file: None,
        })
    }
}

impl Drop for OutputLock {
    /// Deletes the lock file while still holding the lock, then releases it.
    fn drop(&mut self) {
        if self.file.is_some() {
            let _ = fs::remove_file(&self.path);
        }
    }
}

fn busy(output: &Path, holder: &str, lang: Lang) -> Diagnostic {
    Diagnostic::error(output, None, msg!(lang, "lock.busy", holder))
        .with_hint(msg!(lang, "lock.busy_hint"))
}

fn lock_error(path: &Path, e: &std::io::Error, lang: Lang) -> Diagnostic {
    Diagnostic::error(path, None, msg!(lang, "lock.cannot_lock", error = e))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_fails_without_waiting_and_succeeds_once_released() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = OutputLock::acquire(dir.path(), "public", &out, Wait::NoWait, Lang::En)
            .expect("first lock");
        let pid = std::process::id().to_string();
        assert_eq!(
            fs::read_to_string(lock_path(dir.path(), "public")).unwrap(),
            pid
        );
        let err = OutputLock::acquire(dir.path(), "public", &out, Wait::NoWait, Lang::En)
            .expect_err("second lock");
        assert!(err.message.contains(&format!("pid {pid}")), "{err:?}");
        // Another output folder in the same place is independent.
        OutputLock::acquire(dir.path(), "lain", &out, Wait::NoWait, Lang::En).expect("other");
        drop(first);
        assert!(!lock_path(dir.path(), "public").exists());
        OutputLock::acquire(dir.path(), "public", &out, Wait::NoWait, Lang::En).expect("again");
    }

    #[test]
    fn a_waiting_lock_is_taken_when_the_holder_releases_it() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = OutputLock::acquire(dir.path(), "public", &out, Wait::Block, Lang::En).unwrap();
        let root = dir.path().to_path_buf();
        let waiter = std::thread::spawn(move || {
            let out = root.join("public");
            OutputLock::acquire(&root, "public", &out, Wait::Block, Lang::En).map(|_| ())
        });
        std::thread::sleep(std::time::Duration::from_millis(200));
        assert!(!waiter.is_finished(), "the second lock waits");
        drop(first);
        waiter.join().unwrap().expect("taken after release");
    }
}
