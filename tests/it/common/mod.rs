//! Test helpers: temporary Tilik projects and running the real `tilik` binary on them.
#![allow(dead_code)]

pub mod http;
pub mod links;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The smallest well-formed JPEG container: start, a JFIF segment, end. Bundle images must
/// be well formed (their metadata is removed on copy; a damaged one is a content error).
pub const JPEG: &[u8] = b"\xff\xd8\xff\xe0\x00\x07JFIF\x00\xff\xd9";

/// A temporary project folder, removed when dropped.
pub struct Project {
    pub dir: tempfile::TempDir,
    /// The project folder: `dir` itself, or its `project/` subfolder ([`Project::nested`]).
    root: PathBuf,
}

/// What a run of `tilik` produced.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Panics with the output when the exit code differs.
    pub fn expect_code(self, code: i32) -> Run {
        assert_eq!(
            self.code, code,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

pub const CONFIG: &str = "title = \"Portal Uji\"\nbase_url = \"https://uji.example.go.id/\"\n";

/// A complete, valid report with the given title: [`Report::new`] as it is.
pub fn report(title: &str) -> String {
    Report::new(title).text()
}

/// A report's Markdown file, from a complete valid report (a visit, one recommendation, one
/// section) that a test changes where it matters: `Report::new("Judul").date("2024-05-01")
/// .body("## Temuan\n\nIsi.").text()`.
pub struct Report {
    title: String,
    date: String,
    front: String,
    body: Option<String>,
}

impl Report {
    /// The report as [`report`] writes it.
    pub fn new(title: &str) -> Report {
        Report {
            title: title.to_string(),
            date: "2024-05-20".to_string(),
            front: String::new(),
            body: None,
        }
    }

    /// The publication date (`date = …`, YYYY-MM-DD).
    pub fn date(mut self, date: &str) -> Report {
        self.date = date.to_string();
        self
    }

    /// More top-level front-matter lines (TOML, e.g. `draft = true`), after `summary`.
    pub fn front(mut self, lines: &str) -> Report {
        self.front.push_str(lines);
        if !self.front.is_empty() && !self.front.ends_with('\n') {
            self.front.push('\n');
        }
        self
    }

    /// The Markdown body, in place of the default `## Latar Belakang` section.
    pub fn body(mut self, markdown: &str) -> Report {
        self.body = Some(markdown.to_string());
        self
    }

    /// The file's text: TOML front matter, then the body.
    pub fn text(&self) -> String {
        let Report {
            title,
            date,
            front,
            body,
        } = self;
        let body = match body {
            Some(body) => body.clone(),
            None => format!("## Latar Belakang\n\nIsi laporan {title}.\n"),
        };
        format!(
            r#"+++
title = "{title}"
date = {date}
summary = "Ringkasan {title}."
{front}
[visit]
unit = "Dinas Lingkungan Hidup Kabupaten Sleman"
start = 2024-05-06
end = 2024-05-08
destination = "Kota Surabaya"
province = "Jawa Timur"
hosts = ["DLH Kota Surabaya"]
topics = ["pengelolaan sampah"]
team = ["Budi Santoso"]
budget = 45000000

[[recommendations]]
id = "R1"
text = "Membangun TPS3R percontohan."
owner = "Bidang Pengelolaan Sampah"
due = 2025-01-31
status = "proses"
+++

{body}"#
        )
    }
}

impl Project {
    /// An empty project with a valid `tilik.toml` and a `content/` folder.
    pub fn new() -> Project {
        let p = Project::bare();
        p.file("tilik.toml", CONFIG);
        std::fs::create_dir_all(p.path().join("content")).unwrap();
        p
    }

    /// An empty folder.
    pub fn bare() -> Project {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        Project { dir, root }
    }

    /// An empty project (as [`Project::new`]) in the subfolder `project/` of the temporary
    /// folder, so that a test can put files beside it, outside the site ([`Project::beside`]).
    pub fn nested() -> Project {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("project");
        let p = Project { dir, root };
        p.file("tilik.toml", CONFIG);
        std::fs::create_dir_all(p.path().join("content")).unwrap();
        p
    }

    /// The project folder.
    pub fn path(&self) -> &Path {
        &self.root
    }

    /// A path in the temporary folder, beside the project of [`Project::nested`].
    pub fn beside(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Writes a file (creating folders).
    pub fn file(&self, rel: &str, text: &str) -> &Project {
        self.bytes(rel, text.as_bytes())
    }

    /// Writes raw bytes.
    pub fn bytes(&self, rel: &str, bytes: &[u8]) -> &Project {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
        self
    }

    /// Writes a file as an editor saves it: a temporary file beside it, then a rename, so
    /// that a running `tilik serve` never reads it half-written.
    pub fn save(&self, rel: &str, bytes: impl AsRef<[u8]>) -> &Project {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let tmp = path.with_extension("tmp-write");
        std::fs::write(&tmp, bytes).unwrap_or_else(|e| panic!("write {tmp:?}: {e}"));
        std::fs::rename(&tmp, &path).unwrap_or_else(|e| panic!("rename {path:?}: {e}"));
        self
    }

    /// Replaces the first `from` with `to` in a file, which must contain it.
    pub fn edit(&self, rel: &str, from: &str, to: &str) -> &Project {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} has no {from:?}");
        self.file(rel, &text.replacen(from, to, 1))
    }

    /// Reads an output file as text.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Runs `tilik ARGS` with the project as working directory.
    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.path(), args)
    }
}

/// Runs `tilik` in a folder, with a fixed build date.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_tilik"))
        .args(args)
        .current_dir(dir)
        .env("TILIK_BUILD_DATE", "2026-11-23")
        .output()
        .expect("run tilik");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Every file under a folder, relative path → bytes, sorted.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// The repository root (the sample portal).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The sample portal (`content/` of this repository) built into a temporary folder.
pub struct BuiltPortal {
    /// Keeps the folder alive.
    pub dir: tempfile::TempDir,
    /// The output folder inside it.
    pub out: PathBuf,
}

/// Builds the sample portal, at the domain root (`base_url = None`) or under the given base
/// URL, with extra `tilik build` arguments (e.g. `--precompress`).
pub fn build_sample(base_url: Option<&str>, extra: &[&str]) -> BuiltPortal {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let mut args = vec!["build", "-o", out.to_str().unwrap()];
    if let Some(b) = base_url {
        args.extend(["--base-url", b]);
    }
    args.extend(extra);
    run_in(&repo_root(), &args).expect_code(0);
    BuiltPortal { dir, out }
}

/// Every file under `dir` whose name ends with one of `extensions`, sorted.
pub fn files_with(dir: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| {
            p.extension()
                .is_some_and(|x| extensions.iter().any(|e| x == *e))
        })
        .collect();
    files.sort();
    files
}

/// A checker that cannot run here (tool missing): a failure when `TILIK_REQUIRE_ALL_TESTS`
/// is set (CI sets it), otherwise a message and a skip. Returns nothing so that a test can
/// `return skip(...)`.
pub fn skip(what: &str) {
    if std::env::var_os("TILIK_REQUIRE_ALL_TESTS").is_some() {
        panic!("cannot run: {what} (TILIK_REQUIRE_ALL_TESTS is set)");
    }
    eprintln!("SKIPPED: {what}");
}

/// Whether `program ARGS` can be started and exits successfully.
pub fn runs(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A port nobody listens on right now, on 127.0.0.1.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Waits until something accepts connections on `addr` (up to 60 s: a Python server such as
/// moto_server takes 20 s to start on a loaded 2-core machine).
pub fn wait_for_port(addr: &str) -> bool {
    for _ in 0..1200 {
        if std::net::TcpStream::connect(addr).is_ok() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    false
}

/// Runs a Python checker of `tests/clients/` with arguments: (its exit code, its JSON report),
/// or None when it cannot run (exit code 2: python3 or a package missing; the reason is printed).
pub fn python_checker(script: &str, args: &[&std::ffi::OsStr]) -> Option<(i32, serde_json::Value)> {
    let out = Command::new("python3")
        .arg(repo_root().join("tests/clients").join(script))
        .args(args)
        .output()
        .ok()?;
    let code = out.status.code().unwrap_or(-1);
    if code == 2 {
        eprintln!("{}", String::from_utf8_lossy(&out.stderr));
        return None;
    }
    let report = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "no JSON from the checker ({e}):\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    Some((code, report))
}
