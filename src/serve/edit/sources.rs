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

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, recommendation: &str) {
        let report = format!(
            r#"+++
title = "Laporan Alpha"
date = 2024-05-01
summary = "Ringkasan."

[visit]
unit = "Dinas Lingkungan Hidup Kabupaten Sleman"
start = 2024-05-06
end = 2024-05-08
destination = "Kota Surabaya"
hosts = ["DLH Kota Surabaya"]
topics = ["pengelolaan sampah"]

[[recommendations]]
id = "{recommendation}"
text = "Membangun TPS3R percontohan."
owner = "Bidang Pengelolaan Sampah"
due = 2025-01-31
status = "proses"
+++

Isi.
"#
        );
        let path = root.join("content/laporan/alpha.md");
        std::fs::create_dir_all(path.parent().unwrap_or(root)).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(path, report).unwrap_or_else(|e| panic!("{e}"));
    }

    fn site(root: &Path) -> Site {
        let options = crate::Options {
            root: root.to_path_buf(),
            ..crate::Options::default()
        };
        match crate::load(&options) {
            Ok(loaded) => loaded.site,
            Err(failure) => panic!("{:?}", failure.diagnostics()),
        }
    }

    #[test]
    fn an_edit_keeps_the_map_unless_it_changes_the_page_entry() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let root = dir.path();
        std::fs::write(
            root.join("tilik.toml"),
            "title = \"Portal\"\nbase_url = \"https://contoh.go.id/\"\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        write(root, "R1");
        let before = site(root);
        let map = of(&before, root);
        assert_eq!(map["laporan/alpha/index.html"].recommendations, ["R1"]);
        // The same entries: the map is shared.
        assert!(after_edits(&map, &before, root, &[0]).is_none());
        // A recommendation renamed: the new map names it.
        write(root, "R9");
        let after = site(root);
        let changed = after_edits(&map, &after, root, &[0]).unwrap_or_else(|| panic!("kept"));
        assert_eq!(changed["laporan/alpha/index.html"].recommendations, ["R9"]);
    }
}
