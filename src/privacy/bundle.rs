//! The names of a page's files (its source, the files of its bundle) and the text of the
//! bundle's text files. The name of a page's source gives its address; the files of a
//! report's bundle, and the text of those that are text
//! (`.txt`, `.csv`, `.md`, `.html`, `.json`, `.xml`, `.svg`…), are published with the report,
//! so an NIK or NIP in them is refused like one in the report. Mobile numbers are not looked
//! for there (a list of office contacts attached as CSV would warn on every line).
//!
//! PDFs, images and office documents are not read: their writers must check them.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::{located, masked_text, personal_ids, Finding, Place};
use crate::content::cache::ParseCache;
use crate::content::discover::{SourceFile, SourceKind};

/// Extensions (lower case) of the bundle files whose text is scanned.
pub const TEXT_EXTENSIONS: &[&str] = &[
    "txt", "text", "csv", "tsv", "md", "markdown", "html", "htm", "xhtml", "json", "geojson",
    "xml", "svg", "kml", "gpx", "yaml", "yml", "toml", "ics", "vcf", "log",
];

/// How much of a text file is scanned: enough for any attachment written by hand; a larger
/// file is scanned up to here.
const MAX_TEXT_BYTES: u64 = 32 << 20;

/// Scans the name of `source` (its path under `content/`), the names of the files of its
/// bundle (their paths inside the bundle) and the text of its text files. Files that cannot
/// be read are left to the steps that publish them. The paths in findings have the numbers
/// in them masked.
pub fn scan(source: &SourceFile) -> Vec<Finding> {
    scan_with(source, &mut |asset, shown| scan_file(asset, shown))
}

/// [`scan`], taking the findings in the text of an unchanged attachment from `cache` (what
/// `tilik serve` does on every rebuild: an attachment is read again only when it changed).
pub fn scan_cached(source: &SourceFile, cache: &mut ParseCache) -> Vec<Finding> {
    scan_with(source, &mut |asset, shown| {
        cache.attachment_scan(asset, shown, || scan_file(asset, shown))
    })
}

/// The NIK and NIP in the text of the attachment `asset` (`shown` in messages); nothing when
/// it cannot be read.
fn scan_file(asset: &Path, shown: &Path) -> Vec<Finding> {
    read_text(asset).map_or_else(Vec::new, |text| scan_text(&text, shown))
}

/// [`scan`], with `text` finding the numbers in the text of an attachment.
fn scan_with(
    source: &SourceFile,
    text: &mut dyn FnMut(&Path, &Path) -> Vec<Finding>,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let content_dir = source
        .display
        .ancestors()
        .nth(source.rel.split('/').count())
        .unwrap_or(Path::new(""));
    out.extend(scan_name(&source.rel, content_dir));
    let SourceKind::Bundle { assets } = &source.kind else {
        return out;
    };
    let Some(dir) = source.path.parent() else {
        return out;
    };
    let shown_dir = source.display.parent().unwrap_or(Path::new(""));
    for asset in assets {
        let rel = asset.strip_prefix(dir).unwrap_or(asset).to_string_lossy();
        out.extend(scan_name(&rel, shown_dir));
        let shown = shown_dir.join(masked_text(&rel));
        if is_text(asset) {
            out.extend(text(asset, &shown));
        }
    }
    out
}

/// The NIK and NIP in a file's name `name` (its path inside `shown_dir`, the folder as
/// shown in messages).
pub fn scan_name(name: &str, shown_dir: &Path) -> Vec<Finding> {
    let found = personal_ids(name);
    if found.is_empty() {
        return Vec::new();
    }
    let shown = shown_dir.join(masked_text(name));
    found
        .into_iter()
        .map(|m| Finding {
            kind: m.kind,
            place: Place::FileName(shown.clone()),
            pos: None,
            digits: m.digits,
        })
        .collect()
}

/// The NIK and NIP in the text of an attached file, with their lines and columns.
pub fn scan_text(text: &str, shown: &Path) -> Vec<Finding> {
    located(
        personal_ids(text),
        text,
        1,
        &Place::Attachment(PathBuf::from(shown)),
    )
}

/// Whether a file's text is scanned, by its extension.
pub fn is_text(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| TEXT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// The text of a file (up to [`MAX_TEXT_BYTES`]), invalid UTF-8 replaced.
fn read_text(path: &Path) -> Option<String> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(MAX_TEXT_BYTES)
        .read_to_end(&mut bytes)
        .ok()?;
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_text_are_scanned_with_positions() {
        let f = scan_name(
            "lampiran/ktp_3471021503850001.pdf",
            Path::new("content/laporan/a"),
        );
        assert_eq!(f.len(), 1);
        assert_eq!(
            f[0].place,
            Place::FileName("content/laporan/a/lampiran/ktp_3471•••••••••001.pdf".into())
        );
        assert_eq!(f[0].pos, None);
        let shown = Path::new("content/laporan/a/peserta.csv");
        let f = scan_text(
            "nama,nik\nAni,3471021503850001\nBudi,0812-3456-7890\n",
            shown,
        );
        assert_eq!(f.len(), 1, "mobile numbers are not looked for: {f:?}");
        assert_eq!(f[0].pos, Some(crate::diagnostics::Pos::new(2, 5)));
    }

    #[test]
    fn text_files_by_extension() {
        assert!(is_text(Path::new("a/Data.CSV")));
        assert!(is_text(Path::new("peta.svg")));
        assert!(!is_text(Path::new("foto.jpg")));
        assert!(!is_text(Path::new("laporan.pdf")));
        assert!(!is_text(Path::new("README")));
    }
}
