//! The preview's source map: which source file each report page comes from, taken from the
//! model when the page is rendered. Saves name a page and a recommendation id; the file
//! written is looked up here, never taken from the request.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::model::site::{Page, Site};

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
        .filter_map(|page| Some((key(page), source(page, &content)?)))
        .collect()
}

/// The source map of `site` when its pages `edited` (indexes into `site.pages`) were
/// re-rendered over a site whose map is `current`: `None` when their entries are those of
/// `current` (an edit of the text, the usual case: the map is shared), else the whole map.
pub fn after_edits(
    current: &SourceMap,
    site: &Site,
    root: &Path,
    edited: &[usize],
) -> Option<SourceMap> {
    let content = root.join("content");
    let same = edited.iter().all(|&i| {
        let page = &site.pages[i];
        source(page, &content).as_ref() == current.get(&key(page))
    });
    (!same).then(|| of(site, root))
}

/// The key of a page in the map.
fn key(page: &Page) -> String {
    format!("{}index.html", page.path)
}

/// Where a page comes from, when it is a report under `content` (absolute).
fn source(page: &Page, content: &Path) -> Option<PageSource> {
    let report = page.report.as_ref()?;
    if !page.source.path.starts_with(content) {
        return None;
    }
    Some(PageSource {
        path: page.source.path.clone(),
        display: page.source.display.clone(),
        recommendations: report
            .recommendations
            .iter()
            .map(|r| r.id.clone())
            .collect(),
    })
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
