//! Bundle and static files that a browser would run as part of the portal: HTML pages,
//! scripts, Flash, XML, and SVG images carrying script. Copied as they are, they would run on
//! the portal's origin (opened directly, an SVG is a document, not an image).
//!
//! HTML, script and XML files are refused. Every SVG (of a bundle, of `static/` or of the
//! theme's `static/`) is rewritten from an allow-list of drawing ([`svg`]) when it is
//! published; one that shows an intent to run script, or cannot be read as XML, is refused
//! with its line and column. All of this is off when the site trusts its writers
//! (`[markdown] allow_raw_html = true`): files are then published as they are.

pub mod svg;

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Lang};
use crate::model::site::Site;
use crate::msg;

/// Extensions of files a browser runs or renders as a page of the site.
const ACTIVE: &[&str] = &[
    "html", "htm", "xhtml", "xht", "shtml", "mht", "mhtml", "js", "mjs", "swf", "xml", "xsl",
    "xslt",
];

/// Whether a file is an SVG image by its name (`.svg`, any case).
pub fn is_svg(path: &Path) -> bool {
    extension(path) == "svg"
}

/// Whether the SVG files of `site` are rewritten when published (unless writers are trusted).
pub fn cleans_svg(site: &Site) -> bool {
    !site.config.markdown.allow_raw_html
}

fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

/// Errors for active bundle files and for SVG files (of bundles, `static/` and the theme)
/// that cannot be published, unless raw HTML is allowed.
pub fn check(site: &Site, root: &Path, lang: Lang) -> Vec<Diagnostic> {
    if !cleans_svg(site) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for page in site.pages.iter().chain(&site.sections) {
        let shown_dir = page.source.display.parent().unwrap_or(Path::new(""));
        for asset in page.assets() {
            let shown = shown_dir.join(asset.file_name().unwrap_or_default());
            let ext = extension(asset);
            if ACTIVE.contains(&ext.as_str()) {
                out.push(active_file(shown, lang));
            } else if ext == "svgz" {
                out.push(compressed_svg(shown, lang));
            } else if ext == "svg" {
                out.extend(check_svg(asset, shown, lang));
            }
        }
    }
    for dir in static_dirs(root, &site.config.theme) {
        for entry in walkdir::WalkDir::new(&dir).into_iter().flatten() {
            if entry.file_type().is_file() && is_svg(entry.path()) {
                let shown = entry
                    .path()
                    .strip_prefix(root)
                    .unwrap_or(entry.path())
                    .to_path_buf();
                out.extend(check_svg(entry.path(), shown, lang));
            }
        }
    }
    out
}

/// The `static/` folders of the project and of its theme (on disk).
fn static_dirs(root: &Path, theme: &str) -> Vec<PathBuf> {
    [
        root.join("themes").join(theme).join("static"),
        root.join("static"),
    ]
    .into_iter()
    .filter(|d| d.is_dir())
    .collect()
}

/// The error of an SVG file that cannot be published, if it cannot.
fn check_svg(path: &Path, shown: PathBuf, lang: Lang) -> Option<Diagnostic> {
    let refusal = match std::fs::read(path) {
        Ok(bytes) => svg::clean(&bytes).err()?,
        Err(e) => {
            return Some(Diagnostic::error(
                shown,
                None,
                msg!(lang, "active_content.cannot_read", error = e),
            ))
        }
    };
    Some(svg_diagnostic(shown, &refusal, lang))
}

/// The error for an SVG file refused by [`svg::clean`].
pub fn svg_diagnostic(shown: PathBuf, refusal: &svg::Refusal, lang: Lang) -> Diagnostic {
    let reason = refusal.describe(lang);
    let message = if refusal.is_script() {
        msg!(lang, "active_content.svg_script", reason)
    } else {
        msg!(lang, "active_content.svg_unreadable", reason)
    };
    Diagnostic::error(shown, Some(refusal.pos), message)
        .with_hint(msg!(lang, "active_content.svg_hint"))
}

fn active_file(shown: PathBuf, lang: Lang) -> Diagnostic {
    Diagnostic::error(shown, None, msg!(lang, "active_content.active_file"))
        .with_hint(msg!(lang, "active_content.active_file_hint"))
}

fn compressed_svg(shown: PathBuf, lang: Lang) -> Diagnostic {
    Diagnostic::error(shown, None, msg!(lang, "active_content.svgz"))
        .with_hint(msg!(lang, "active_content.svgz_hint"))
}
