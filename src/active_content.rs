//! Bundle files that a browser would run as part of the portal: HTML pages, scripts, Flash,
//! and SVG images carrying script. Copied as they are, they would run on the portal's origin
//! (opened directly, an SVG is a document, not an image), so they are refused unless the site
//! trusts its writers (`[markdown] allow_raw_html = true`).

use std::path::Path;

use crate::diagnostics::{Diagnostic, Lang};
use crate::model::site::Site;

/// Extensions of files a browser runs or renders as a page of the site.
const ACTIVE: &[&str] = &[
    "html", "htm", "xhtml", "xht", "shtml", "js", "mjs", "swf", "xml", "xsl",
];

/// What in an SVG can run script or load a page into it.
const SVG_ACTIVE: &[&str] = &[
    "<script",
    "<foreignobject",
    "javascript:",
    "<iframe",
    "<embed",
    "<object",
];

/// Errors for active bundle files, unless raw HTML is allowed.
pub fn check(site: &Site, lang: Lang) -> Vec<Diagnostic> {
    if site.config.markdown.allow_raw_html {
        return Vec::new();
    }
    let mut out = Vec::new();
    for page in site.pages.iter().chain(&site.sections) {
        let shown_dir = page.source.display.parent().unwrap_or(Path::new(""));
        for asset in page.assets() {
            let ext = asset
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default();
            let active = ACTIVE.contains(&ext.as_str())
                || (matches!(ext.as_str(), "svg" | "svgz") && svg_is_active(asset));
            if active {
                let shown = shown_dir.join(asset.file_name().unwrap_or_default());
                out.push(
                    Diagnostic::error(
                        shown,
                        None,
                        lang.pick(
                            "berkas ini dapat menjalankan skrip di portal (HTML, JavaScript, atau SVG berisi skrip); tidak diterbitkan",
                            "this file can run script on the portal (HTML, JavaScript, or an SVG with script); it is not published",
                        ),
                    )
                    .with_hint(lang.pick(
                        "lampirkan sebagai PDF atau gambar PNG/JPEG; bila semua penulis portal tepercaya, tulis [markdown] allow_raw_html = true di tilik.toml",
                        "attach it as a PDF or a PNG/JPEG image; if every writer of the portal is trusted, set [markdown] allow_raw_html = true in tilik.toml",
                    )),
                );
            }
        }
    }
    out
}

/// Whether an SVG file holds script, event handlers or embedded documents (or cannot be
/// read as text, which an SVG compressed as `.svgz` cannot: refused too).
fn svg_is_active(path: &Path) -> bool {
    let Ok(bytes) = std::fs::read(path) else {
        return true;
    };
    let text = String::from_utf8_lossy(&bytes).to_ascii_lowercase();
    SVG_ACTIVE.iter().any(|a| text.contains(a)) || has_event_handler(&text)
}

/// ` onload=`, `\ton click =`…: an attribute whose name starts with `on`.
fn has_event_handler(text: &str) -> bool {
    let bytes = text.as_bytes();
    text.match_indices("on").any(|(i, _)| {
        let before_ok = i > 0
            && matches!(
                bytes[i - 1],
                b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'"' | b'\''
            );
        let rest = &bytes[i + 2..];
        let name_len = rest.iter().take_while(|b| b.is_ascii_alphabetic()).count();
        let after = rest[name_len..].iter().find(|b| !b.is_ascii_whitespace());
        before_ok && name_len > 0 && after == Some(&b'=')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_handlers_are_found_in_any_spelling() {
        for active in [
            "<svg onload=\"x\">",
            "<svg\tonclick = 'x'>",
            "<rect/onmouseover=x>",
            "<svg\nonerror=x>",
        ] {
            assert!(has_event_handler(active), "{active}");
        }
        for inert in [
            "<svg><text>lokasi: on the road</text></svg>",
            "<svg id=\"button\"><title>Ikon</title></svg>",
            "<svg>tombol on=</svg>",
        ] {
            assert!(!has_event_handler(inert), "{inert}");
        }
    }
}
