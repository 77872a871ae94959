//! Discovery: walking `content/` and sorting what is there into pages, bundles and sections.

use std::collections::{BTreeSet, HashSet};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Lang};
use crate::msg;

/// What a Markdown source file is, by its name and place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceKind {
    /// `name.md`: a page or report in one file.
    Page,
    /// `name/index.md`: a page or report with its own files (images, PDFs).
    Bundle {
        /// The bundle's other files, absolute paths, sorted.
        assets: Vec<PathBuf>,
    },
    /// `_index.md`: the text of a section (or of the home page).
    Section,
}

/// A Markdown file found under `content/`.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Absolute path.
    pub path: PathBuf,
    /// Path relative to `content/`, with `/` separators, e.g. `laporan/2024/a.md`.
    pub rel: String,
    /// Path as shown in messages, relative to the project root, e.g. `content/laporan/2024/a.md`.
    pub display: PathBuf,
    /// Page, bundle or section.
    pub kind: SourceKind,
}

/// Walks `content_dir` and returns its Markdown sources in a stable order.
///
/// Hidden files are skipped. Symlinks that lead outside the project are refused with an
/// error; files that belong to no page are reported as warnings.
pub fn discover(
    project_root: &Path,
    content_dir: &Path,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) -> Vec<SourceFile> {
    let display =
        |p: &Path| -> PathBuf { strip_prefix(p, project_root).unwrap_or(p).to_path_buf() };
    let canonical_root = project_root
        .canonicalize()
        .unwrap_or_else(|_| project_root.to_path_buf());
    let mut files = Vec::new();
    // Not sorted while walking (sorting a folder's entries by name takes their names apart
    // again and again): the sources are sorted at the end, and the files of each bundle.
    let walker = WalkDir::new(content_dir)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0
                || !file_name(e.path()).is_some_and(|n| n.as_encoded_bytes().starts_with(b"."))
        });
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let path = err
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| content_dir.to_path_buf());
                diags.push(Diagnostic::error(
                    display(&path),
                    None,
                    msg!(lang, "discover.cannot_read", error = err),
                ));
                continue;
            }
        };
        let path = entry.path().to_path_buf();
        let depth = entry.depth();
        if entry.path_is_symlink() {
            match path.canonicalize() {
                Ok(target) if target.starts_with(&canonical_root) => {
                    if target.is_file() {
                        files.push((path, depth));
                    }
                }
                Err(_) => diags.push(
                    Diagnostic::error(display(&path), None, msg!(lang, "discover.broken_symlink"))
                        .with_hint(msg!(lang, "discover.broken_symlink_hint")),
                ),
                Ok(_) => diags.push(
                    Diagnostic::error(display(&path), None, msg!(lang, "discover.symlink_outside"))
                        .with_hint(msg!(lang, "discover.symlink_outside_hint")),
                ),
            }
            continue;
        }
        if entry.file_type().is_file() {
            files.push((path, depth));
        }
    }

    // Folders holding an `index.md` (any case, like every `.md`), by their path's bytes
    // (hashing a `Path` parses it), with the file's name as written.
    let bundle_index: std::collections::BTreeMap<PathBuf, PathBuf> = files
        .iter()
        .filter(|(p, _)| file_name(p).is_some_and(|n| named(n, "index.md")))
        .filter_map(|(p, _)| Some((p.parent()?.to_path_buf(), p.clone())))
        .collect();
    let bundle_dirs: BTreeSet<PathBuf> = bundle_index.keys().cloned().collect();
    let bundle_keys: HashSet<&OsStr> = bundle_dirs.iter().map(|d| d.as_os_str()).collect();
    // The innermost bundle folder a file at `depth` under `content/` is in (`content/` itself
    // included, which is `depth` folders up; no bundle is further up).
    let bundle_of = |p: &Path, depth: usize| -> Option<PathBuf> {
        if bundle_keys.is_empty() {
            return None;
        }
        p.ancestors()
            .skip(1)
            .take(depth)
            .find(|a| bundle_keys.contains(a.as_os_str()))
            .map(Path::to_path_buf)
    };

    let mut sources = Vec::new();
    let mut assets: std::collections::BTreeMap<PathBuf, Vec<PathBuf>> = Default::default();
    for (path, depth) in files {
        let name = file_name(&path).unwrap_or_default();
        let name_bytes = name.as_encoded_bytes();
        let is_md = name_bytes.len() >= 3
            && name_bytes[name_bytes.len() - 3..].eq_ignore_ascii_case(b".md");
        if named(name, "index.md") {
            continue; // added below, once its assets are known
        }
        if let Some(bundle) = bundle_of(&path, depth) {
            if name_bytes.len() > MAX_NAME_BYTES {
                diags.push(name_too_long(display(&path), name_bytes.len(), lang));
                continue;
            }
            assets.entry(bundle).or_default().push(path);
            continue;
        }
        if is_md {
            let kind = if named(name, "_index.md") {
                SourceKind::Section
            } else {
                SourceKind::Page
            };
            let shown = display(&path);
            sources.push(source(path, content_dir, shown, kind));
        } else {
            diags.push(
                Diagnostic::warning(display(&path), None, msg!(lang, "discover.orphan_file"))
                    .with_hint(msg!(lang, "discover.orphan_file_hint")),
            );
        }
    }
    for list in assets.values_mut() {
        list.sort();
    }
    for dir in &bundle_dirs {
        let index = bundle_index
            .get(dir)
            .cloned()
            .unwrap_or_else(|| dir.join("index.md"));
        let kind = SourceKind::Bundle {
            assets: assets.remove(dir).unwrap_or_default(),
        };
        let shown = display(&index);
        sources.push(source(index, content_dir, shown, kind));
    }
    sources.sort_by(|a, b| a.rel.cmp(&b.rel));
    sources
}

/// Whether a file name is `expected` in any case: `Index.md`, `_INDEX.MD`. Content file names
/// follow one rule for case, as `.md` itself does.
fn named(name: &OsStr, expected: &str) -> bool {
    name.as_encoded_bytes()
        .eq_ignore_ascii_case(expected.as_bytes())
}

/// The longest bundle file name that can be published: a file name may have 255 bytes, and
/// `--precompress` writes `.gz` and `.br` copies beside the file.
pub const MAX_NAME_BYTES: usize = 255 - 4;

fn name_too_long(shown: PathBuf, len: usize, lang: Lang) -> Diagnostic {
    Diagnostic::error(
        shown,
        None,
        msg!(lang, "discover.name_too_long", len, max = MAX_NAME_BYTES),
    )
    .with_hint(msg!(lang, "discover.name_too_long_hint"))
}

fn source(path: PathBuf, content_dir: &Path, display: PathBuf, kind: SourceKind) -> SourceFile {
    let inside = strip_prefix(&path, content_dir).unwrap_or(&path);
    let rel = match inside.to_str() {
        // Already what the components joined with `/` give.
        Some(rel) if std::path::MAIN_SEPARATOR == '/' && is_plain(rel) => rel.to_string(),
        _ => inside
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/"),
    };
    SourceFile {
        path,
        rel,
        display,
        kind,
    }
}

/// `path` without its leading `base`, as [`Path::strip_prefix`] gives it, but without parsing
/// the components of paths that visibly start with `base` and a separator (every path found by
/// walking `base`).
fn strip_prefix<'a>(path: &'a Path, base: &Path) -> Option<&'a Path> {
    if std::path::MAIN_SEPARATOR == '/' {
        if let (Some(p), Some(b)) = (path.to_str(), base.to_str()) {
            let rest = p.strip_prefix(b).and_then(|r| r.strip_prefix('/'));
            if let Some(rest) = rest {
                if !b.is_empty() && !b.ends_with('/') && is_plain(rest) {
                    return Some(Path::new(rest));
                }
            }
        }
    }
    path.strip_prefix(base).ok()
}

/// The last component of `path`, as [`Path::file_name`] gives it, without taking the whole
/// path apart when it visibly ends with a plain name.
fn file_name(path: &Path) -> Option<&OsStr> {
    if std::path::MAIN_SEPARATOR == '/' {
        if let Some((_, name)) = path.to_str().and_then(|p| p.rsplit_once('/')) {
            if !name.is_empty() && name != "." && name != ".." {
                return Some(OsStr::new(name));
            }
        }
    }
    path.file_name()
}

/// Whether a relative `/`-separated path has nothing [`Path`] would normalise away or treat
/// specially: no empty, `.` or `..` parts, no leading or trailing `/`.
fn is_plain(rel: &str) -> bool {
    rel.split('/')
        .all(|part| !part.is_empty() && part != "." && part != "..")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_found_as_path_does() {
        for path in [
            "/p/site/content/a.md",
            "content/.hidden",
            "a.md",
            "/",
            "",
            "/p/a/",
            "/p/a/.",
            "/p/a/..",
            "/p/a//b.md",
            "..",
        ] {
            let path = Path::new(path);
            assert_eq!(file_name(path), path.file_name(), "{path:?}");
        }
    }

    #[test]
    fn prefixes_are_stripped_as_path_does() {
        for (path, base) in [
            ("/p/site/content/laporan/a.md", "/p/site"),
            ("/p/site/content/laporan/a.md", "/p/site/content"),
            ("/p/site/content/a.md", "/p/site/"),
            ("site/content/a.md", "site"),
            ("./site/content/a.md", "./site"),
            ("/p/site2/a.md", "/p/site"),
            ("/p/site", "/p/site"),
            ("/p/site/./a/../b.md", "/p/site"),
            ("/", "/"),
            ("/p/site//a.md", "/p/site"),
            ("/p/site/a/", "/p/site"),
            ("/p/site/../a.md", "/p/site"),
            ("site/./x/a.md", "site/."),
        ] {
            let (path, base) = (Path::new(path), Path::new(base));
            assert_eq!(
                strip_prefix(path, base),
                path.strip_prefix(base).ok(),
                "{path:?} {base:?}"
            );
        }
    }
}
