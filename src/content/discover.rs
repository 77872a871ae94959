//! Discovery: walking `content/` and sorting what is there into pages, bundles and sections.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Lang};

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
    let display = |p: &Path| -> PathBuf { p.strip_prefix(project_root).unwrap_or(p).to_path_buf() };
    let canonical_root = project_root
        .canonicalize()
        .unwrap_or_else(|_| project_root.to_path_buf());
    let mut files = Vec::new();
    let walker = WalkDir::new(content_dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
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
                    lang.pick(
                        format!("tidak dapat dibaca: {err}"),
                        format!("cannot be read: {err}"),
                    ),
                ));
                continue;
            }
        };
        let path = entry.path().to_path_buf();
        if entry.path_is_symlink() {
            match path.canonicalize() {
                Ok(target) if target.starts_with(&canonical_root) => {
                    if target.is_file() {
                        files.push(path);
                    }
                }
                _ => diags.push(
                    Diagnostic::error(
                        display(&path),
                        None,
                        lang.pick(
                            "tautan simbolik ini menunjuk ke luar folder proyek; ditolak",
                            "this symbolic link points outside the project folder; refused",
                        ),
                    )
                    .with_hint(lang.pick(
                        "salin berkasnya ke dalam folder content/",
                        "copy the file into the content/ folder",
                    )),
                ),
            }
            continue;
        }
        if entry.file_type().is_file() {
            files.push(path);
        }
    }

    let bundle_dirs: BTreeSet<PathBuf> = files
        .iter()
        .filter(|p| p.file_name().is_some_and(|n| n == "index.md"))
        .filter_map(|p| p.parent().map(Path::to_path_buf))
        .collect();
    let bundle_of = |p: &Path| -> Option<PathBuf> {
        p.ancestors()
            .skip(1)
            .find(|a| bundle_dirs.contains(*a))
            .map(Path::to_path_buf)
    };

    let mut sources = Vec::new();
    let mut assets: std::collections::BTreeMap<PathBuf, Vec<PathBuf>> = Default::default();
    for path in &files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let is_md = name.to_ascii_lowercase().ends_with(".md");
        if name == "index.md" {
            continue; // added below, once its assets are known
        }
        if let Some(bundle) = bundle_of(path) {
            assets.entry(bundle).or_default().push(path.clone());
            continue;
        }
        if is_md {
            let kind = if name == "_index.md" {
                SourceKind::Section
            } else {
                SourceKind::Page
            };
            sources.push(source(path, content_dir, display(path), kind));
        } else {
            diags.push(
                Diagnostic::warning(
                    display(path),
                    None,
                    lang.pick(
                        "berkas ini tidak dipakai oleh halaman mana pun, jadi tidak diterbitkan",
                        "this file belongs to no page, so it is not published",
                    ),
                )
                .with_hint(lang.pick(
                    "gambar dan lampiran laporan diletakkan dalam folder laporan (bundle) bersama index.md; berkas umum di static/",
                    "put a report's images in its bundle folder next to index.md; site-wide files in static/",
                )),
            );
        }
    }
    for dir in &bundle_dirs {
        let index = dir.join("index.md");
        let kind = SourceKind::Bundle {
            assets: assets.remove(dir).unwrap_or_default(),
        };
        sources.push(source(&index, content_dir, display(&index), kind));
    }
    sources.sort_by(|a, b| a.rel.cmp(&b.rel));
    sources
}

fn source(path: &Path, content_dir: &Path, display: PathBuf, kind: SourceKind) -> SourceFile {
    let rel = path
        .strip_prefix(content_dir)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/");
    SourceFile {
        path: path.to_path_buf(),
        rel,
        display,
        kind,
    }
}
