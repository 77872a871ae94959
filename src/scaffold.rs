//! Scaffolding: `tilik new DIR` (a working portal) and `tilik new report "Title"`.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Lang};

/// Writes a new portal into `dir`.
pub fn new_portal(dir: &Path, with_theme: bool, lang: Lang) -> Result<String, Diagnostic> {
    let _ = (dir, with_theme);
    Err(Diagnostic::error(
        dir,
        None,
        lang.pick("belum tersedia", "not available yet"),
    ))
}

/// Writes a new report skeleton under `content/laporan/<year>/`.
pub fn new_report(root: &Path, title: &str, lang: Lang) -> Result<String, Diagnostic> {
    let _ = (root, title);
    Err(Diagnostic::error(
        root,
        None,
        lang.pick("belum tersedia", "not available yet"),
    ))
}
