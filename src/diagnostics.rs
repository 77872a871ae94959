//! Errors and warnings as values: collected per file with their position, rendered once.
//!
//! Nothing deep in the pipeline prints; every stage pushes [`Diagnostic`]s into a list that
//! the CLI (or the preview server) renders at the end, in the writer's language.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::msg;

pub use crate::messages::Lang;

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The site is not written.
    Error,
    /// Reported, the site is still written (unless `--strict`).
    Warning,
}

/// A 1-based line and column in a source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub col: usize,
}

impl Pos {
    /// A position.
    pub fn new(line: usize, col: usize) -> Pos {
        Pos { line, col }
    }
}

/// One problem found in the project, with where it is and, if it helps, what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, relative to the project root where possible.
    pub path: PathBuf,
    /// Where in the file, when it can be known.
    pub pos: Option<Pos>,
    /// What is wrong, in the run's language.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error at a position.
    pub fn error(path: impl Into<PathBuf>, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            pos,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning at a position.
    pub fn warning(path: impl Into<PathBuf>, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, pos, message)
        }
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Renders as `path:line:column: error: message`, plus an indented hint line.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = String::new();
        out.push_str(&display_path(&self.path));
        if let Some(pos) = self.pos {
            out.push_str(&format!(":{}:{}", pos.line, pos.col));
        }
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        out.push_str(&format!(": {kind}: {}", self.message));
        if let Some(hint) = &self.hint {
            out.push_str(&format!("\n  {}", msg!(lang, "diagnostics.hint", hint)));
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// A path as shown in messages: forward slashes, so messages look the same everywhere, and
/// an NIK or NIP in a file name masked, so that messages and CI logs do not repeat it.
pub fn display_path(path: &Path) -> String {
    crate::privacy::ids::masked_text(&path.to_string_lossy().replace('\\', "/"))
}

/// Sorts diagnostics by file and position, so output is stable however work was scheduled.
pub fn sort(diags: &mut [Diagnostic]) {
    // Comparing two `Path`s parses them; a portal of 10,000 reports can have as many warnings:
    // each path is made a byte string in the same order once instead.
    let keys: Vec<Vec<u8>> = diags.iter().map(|d| path_order_key(&d.path)).collect();
    let mut order: Vec<usize> = (0..diags.len()).collect();
    order.sort_by(|&a, &b| {
        let (da, db) = (&diags[a], &diags[b]);
        (&keys[a], da.pos, da.severity, &da.message).cmp(&(
            &keys[b],
            db.pos,
            db.severity,
            &db.message,
        ))
    });
    // Put each diagnostic in its place, one cycle of the permutation at a time.
    for start in 0..order.len() {
        let mut at = start;
        while order[at] != start {
            let from = order[at];
            diags.swap(at, from);
            order[at] = at;
            at = from;
        }
        order[at] = at;
    }
}

/// A byte string that sorts as `path` does among paths ([`Path`]'s order compares
/// components): each component as a tag in [`std::path::Component`]'s order, its bytes and a
/// zero byte (which no path contains, and which sorts before any other byte).
fn path_order_key(path: &Path) -> Vec<u8> {
    use std::path::Component;
    let mut key = Vec::with_capacity(path.as_os_str().len() + 8);
    for component in path.components() {
        let (tag, bytes) = match component {
            Component::Prefix(p) => (0, p.as_os_str().as_encoded_bytes()),
            Component::RootDir => (1, &[][..]),
            Component::CurDir => (2, &[][..]),
            Component::ParentDir => (3, &[][..]),
            Component::Normal(n) => (4, n.as_encoded_bytes()),
        };
        key.push(tag);
        key.extend_from_slice(bytes);
        key.push(0);
    }
    key
}

/// Which files a run is about: `tilik check FILE…` reports only those, and the preview shows
/// the files just edited first.
#[derive(Clone, Debug, Default)]
pub struct Focus {
    /// When not empty, only the problems of these files are kept (and problems that belong
    /// to no content file, such as the configuration's).
    pub only: Vec<PathBuf>,
    /// The problems of these files come first.
    pub first: Vec<PathBuf>,
}

impl Focus {
    /// Drops the problems of the files the run is not about.
    pub fn retain(&self, diags: &mut Vec<Diagnostic>) {
        if self.only.is_empty() {
            return;
        }
        diags.retain(|d| !d.path.starts_with("content") || self.only.contains(&d.path));
    }

    /// Moves the problems of the `first` files to the front, keeping the order otherwise.
    pub fn put_first(&self, diags: &mut [Diagnostic]) {
        if self.first.is_empty() {
            return;
        }
        // A stable sort on one key: the files' own order (sorted before) is kept.
        diags.sort_by_key(|d| !self.first.contains(&d.path));
    }
}

/// Counts errors and warnings and the number of files they are in.
pub fn summary_line(diags: &[Diagnostic], lang: Lang) -> String {
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diags.len() - errors;
    let mut files: Vec<&PathBuf> = diags.iter().map(|d| &d.path).collect();
    files.sort();
    files.dedup();
    let files = files.len();
    msg!(
        lang,
        "summary.line",
        errors = msg!(lang, "summary.errors", count = errors),
        warnings = msg!(lang, "summary.warnings", count = warnings),
        files = msg!(lang, "count.files", count = files),
    )
}

/// Returns the candidate closest to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&word, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_path_line_column_and_hint() {
        let d = Diagnostic::error(
            "content/a.md",
            Some(Pos::new(3, 1)),
            "kunci `titel` tidak dikenal",
        )
        .with_hint("maksud Anda `title`?");
        assert_eq!(
            d.render(Lang::Id),
            "content/a.md:3:1: error: kunci `titel` tidak dikenal\n  saran: maksud Anda `title`?"
        );
    }

    #[test]
    fn sorts_by_path_as_paths_sort() {
        let paths = [
            "content/a.md",
            "content/a-b.md",
            "content/a/b.md",
            "content/a.md/x",
            "content/laporan/2024/a.md",
            "content/laporan/2024-b/index.md",
            "content/laporan/2024/b/index.md",
            "content/laporan/2024/b.md",
            "content",
            "content/",
            "tilik.toml",
            "--base-url",
            "/abs/content/a.md",
            "./content/a.md",
            "../content/a.md",
            "content/ä.md",
            "content/Z.md",
            "",
        ];
        for a in paths {
            for b in paths {
                assert_eq!(
                    path_order_key(Path::new(a)).cmp(&path_order_key(Path::new(b))),
                    Path::new(a).cmp(Path::new(b)),
                    "{a:?} {b:?}"
                );
            }
        }
        let mut diags: Vec<Diagnostic> = paths
            .iter()
            .rev()
            .enumerate()
            .flat_map(|(i, p)| {
                [
                    Diagnostic::warning(*p, Some(Pos::new(i + 2, 1)), "b"),
                    Diagnostic::error(*p, Some(Pos::new(i + 2, 1)), "a"),
                    Diagnostic::warning(*p, None, "c"),
                    Diagnostic::warning(*p, Some(Pos::new(1, 1)), "d"),
                ]
            })
            .collect();
        let mut expected = diags.clone();
        expected.sort_by(|a, b| {
            (&a.path, a.pos, a.severity, &a.message).cmp(&(&b.path, b.pos, b.severity, &b.message))
        });
        sort(&mut diags);
        assert_eq!(diags, expected);
    }

    #[test]
    fn focus_keeps_and_orders_the_files_asked_for() {
        let d = |p: &str| Diagnostic::warning(p, None, "x");
        let mut diags = vec![
            d("content/a.md"),
            d("content/b.md"),
            d("tilik.toml"),
            d("content/c.md"),
        ];
        let first = Focus {
            only: Vec::new(),
            first: vec!["content/c.md".into()],
        };
        first.put_first(&mut diags);
        let paths: Vec<String> = diags.iter().map(|d| display_path(&d.path)).collect();
        assert_eq!(
            paths,
            ["content/c.md", "content/a.md", "content/b.md", "tilik.toml"]
        );
        let only = Focus {
            only: vec!["content/b.md".into()],
            first: Vec::new(),
        };
        only.retain(&mut diags);
        let paths: Vec<String> = diags.iter().map(|d| display_path(&d.path)).collect();
        assert_eq!(paths, ["content/b.md", "tilik.toml"]);
    }

    #[test]
    fn suggests_close_keys_only() {
        assert_eq!(
            did_you_mean("titel", ["title", "date", "summary"]),
            Some("title")
        );
        assert_eq!(did_you_mean("xyzzy", ["title", "date", "summary"]), None);
    }
}
