//! Menu entries of `tilik.toml` that name a page of the portal this run does not publish:
//! checked against the model once it is built (the entries' own shape is checked with the
//! configuration, [`crate::menu::check_entries`]).

use std::collections::HashSet;

use super::site::Site;
use super::site_links::Portal;
use crate::diagnostics::{Diagnostic, Lang};
use crate::menu::Target;
use crate::msg;

/// Top-level folders and files Tilik writes itself: a menu may link to them.
const GENERATED: &[&str] = &[
    "laporan",
    "skpd",
    "topik",
    "lokasi",
    "tahun",
    "label",
    "rekomendasi",
    "cari",
    "data",
    "ikuti",
    "feed.xml",
    "sitemap.xml",
];

/// An error at its line of `tilik.toml` for every menu entry naming a page of the portal
/// that this run does not publish, with the nearest published page as a hint.
pub fn check_targets(site: &Site, lang: Lang) -> Vec<Diagnostic> {
    let portal = Portal::new(&site.config.base_url);
    let mut pages: HashSet<&str> = site
        .pages
        .iter()
        .chain(&site.sections)
        .map(|p| p.path.as_str())
        .collect();
    if site.plans_published && !site.plans.is_empty() {
        pages.insert("rencana/");
        pages.extend(site.plans.iter().map(|p| p.path.as_str()));
    }
    let mut out = Vec::new();
    for e in &site.config.menu {
        let Some(Target::Site(target)) = e.target(&portal) else {
            continue;
        };
        let path = &target[..target.find(['#', '?']).unwrap_or(target.len())];
        if exists(site, &pages, path) {
            continue;
        }
        let mut known: Vec<&str> = pages.iter().copied().filter(|p| !p.is_empty()).collect();
        known.sort_unstable();
        let near = crate::diagnostics::did_you_mean(path, known);
        let hint = match near {
            Some(p) => msg!(lang, "menu.did_you_mean", path = p),
            None => msg!(lang, "menu.missing_page_hint"),
        };
        out.push(
            Diagnostic::error(
                "tilik.toml",
                e.pos,
                msg!(lang, "menu.missing_page", name = e.name.trim(), path),
            )
            .with_hint(hint),
        );
    }
    out
}

/// Whether the site publishes something at the site path `path`.
fn exists(site: &Site, pages: &HashSet<&str>, path: &str) -> bool {
    if path.is_empty() || pages.contains(path) {
        return true;
    }
    let top = path.split('/').next().unwrap_or("");
    if top == "laporan" {
        // The list and its pages; a report itself must be among the pages.
        return path == "laporan/" || path.starts_with("laporan/halaman/");
    }
    if GENERATED.contains(&top) {
        return true;
    }
    // A file of a page's bundle (`halaman/ppid/formulir.pdf`).
    let (folder, file) = path.rsplit_once('/').unwrap_or(("", path));
    let folder = format!("{folder}/");
    site.pages.iter().any(|p| {
        p.path == folder
            && p.assets()
                .iter()
                .any(|a| a.file_name().is_some_and(|n| n.to_string_lossy() == file))
    })
}
