//! The preview's source map: which source file each report page comes from, taken from the
//! model when the page is rendered. Saves name a page and a recommendation id; the file
//! written is looked up here, never taken from the request.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::model::site::Site;

/// Where a report page comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageSource {
    /// Absolute path of the Markdown file.
    pub path: PathBuf,
    /// Its path from the project root, as shown (`content/laporan/2024/a.md`).
    pub display: PathBuf,
    /// The ids of its recommendations, in order.
    pub recommendations: Vec<String>,
}

/// Site key of a page (`laporan/a/index.html`) → its source.
pub type SourceMap = HashMap<String, PageSource>;

/// The source map of the reports of `site` whose file lies under `root/content/` (compared
/// as paths: discovery already refuses symlinks that lead out, and [`is_under_content`]
/// checks the real path again before each write).
pub fn of(site: &Site, root: &Path) -> SourceMap {
    let content = root.join("content");
    site.pages
        .iter()
        .chain(&site.plans)
        .filter_map(|page| {
            let report = page.report.as_ref()?;
            if !page.source.path.starts_with(&content) {
                return None;
            }
            let source = PageSource {
                path: page.source.path.clone(),
                display: page.source.display.clone(),
                recommendations: report
                    .recommendations
                    .iter()
                    .map(|r| r.id.clone())
                    .collect(),
            };
            Some((format!("{}index.html", page.path), source))
        })
        .collect()
}

/// Whether `path` (canonical) is a file under `root/content/` now: checked again before a
/// write, in case a folder was replaced by a symlink since the page was rendered.
pub fn is_under_content(path: &Path, root: &Path) -> bool {
    let Ok(content) = root.join("content").canonicalize() else {
        return false;
    };
    path.canonicalize()
        .is_ok_and(|real| real.starts_with(&content) && real.is_file())
}
