//! Links a writer wrote as the portal's own addresses: root-absolute (`/laporan/contoh/`) or
//! the portal's full URL (`https://portal.example.go.id/laporan/contoh/`). They are checked
//! against the site's pages like `@/` links, and written page-relative, so that they keep
//! working when the portal is served under a subpath or opened from `file://`.

use std::collections::HashSet;

use super::paths::relative_url;
use crate::markdown::LinkOutcome;

/// Top-level folders Tilik writes itself (lists, taxonomies, the tracker, search, open data):
/// addresses in them are not checked, only made page-relative.
const GENERATED: &[&str] = &[
    "skpd",
    "topik",
    "lokasi",
    "tahun",
    "label",
    "rekomendasi",
    "cari",
    "data",
];

/// The portal's address, to recognise links to it.
#[derive(Clone, Debug)]
pub struct Portal {
    /// The base URL without its scheme: `portal.example.go.id/sub/`.
    host_and_path: String,
    /// The path of the base URL: `/` or `/sub/`.
    base_path: String,
}

impl Portal {
    /// The portal at `base_url` (normalised: ends with `/`).
    pub fn new(base_url: &str) -> Portal {
        let host_and_path = base_url
            .split_once("://")
            .map_or(base_url, |(_, rest)| rest)
            .to_string();
        let base_path = host_and_path
            .find('/')
            .map_or("/".to_string(), |i| host_and_path[i..].to_string());
        Portal {
            host_and_path,
            base_path,
        }
    }

    /// The site path (`laporan/contoh/`, no leading `/`) and the `#fragment` or `?query`
    /// after it, when `target` is an address on this portal; `None` for anything else
    /// (relative links, other sites, `//host/…`).
    pub fn site_address<'a>(&self, target: &'a str) -> Option<(&'a str, &'a str)> {
        let rest = if let Some(abs) = target.strip_prefix('/') {
            if abs.starts_with('/') {
                return None;
            }
            // `/sub/laporan/a/` under a portal at `/sub/`; `/laporan/a/` as writers think of it.
            target
                .strip_prefix(self.base_path.as_str())
                .filter(|_| self.base_path != "/")
                .unwrap_or(abs)
        } else {
            let (scheme, after) = target.split_once("://")?;
            if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
                return None;
            }
            let host_len = self.host_and_path.len();
            let same = after.len() >= host_len - 1
                && after.is_char_boundary(host_len - 1)
                && after[..host_len - 1].eq_ignore_ascii_case(&self.host_and_path[..host_len - 1]);
            if !same {
                return None;
            }
            let rest = &after[host_len - 1..];
            if !(rest.is_empty() || rest.starts_with(['/', '#', '?'])) {
                return None;
            }
            rest.strip_prefix('/').unwrap_or(rest)
        };
        let split = rest.find(['#', '?']).unwrap_or(rest.len());
        Some((&rest[..split], &rest[split..]))
    }
}

/// What a link to the site path `path` (from [`Portal::site_address`]) becomes on the page at
/// `from`: page-relative; missing when it names a report or a page of a content folder that
/// does not exist.
pub fn resolve(from: &str, path: &str, suffix: &str, pages: &HashSet<&str>) -> LinkOutcome {
    let path = path.strip_suffix("index.html").unwrap_or(path);
    let last = path.rsplit('/').next().unwrap_or("");
    // `laporan/contoh` is the folder `laporan/contoh/`; `css/gaya.css` a file.
    let path = if !path.is_empty() && !path.ends_with('/') && !last.contains('.') {
        format!("{path}/")
    } else {
        path.to_string()
    };
    let rewrite = || LinkOutcome::Rewrite(format!("{}{suffix}", relative_url(from, &path)));
    if path.is_empty() || pages.contains(path.as_str()) {
        return rewrite();
    }
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    let top = segments[0];
    let missing = if !path.ends_with('/') || GENERATED.contains(&top) {
        false
    } else if top == "laporan" {
        // Reports live at `laporan/SLUG/`; `laporan/halaman/N/` are the list's pages.
        segments.len() == 2 && segments[1] != "halaman"
    } else {
        pages.iter().any(|p| p.split('/').next() == Some(top))
    };
    if missing {
        LinkOutcome::Missing
    } else {
        rewrite()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_root_absolute_and_full_urls_of_the_portal_only() {
        let portal = Portal::new("https://uji.example.go.id/");
        assert_eq!(
            portal.site_address("/laporan/a/#temuan"),
            Some(("laporan/a/", "#temuan"))
        );
        assert_eq!(
            portal.site_address("https://uji.example.go.id/laporan/a/"),
            Some(("laporan/a/", ""))
        );
        assert_eq!(
            portal.site_address("http://UJI.example.go.id"),
            Some(("", ""))
        );
        assert_eq!(
            portal.site_address("https://uji.example.go.id.evil/x/"),
            None
        );
        assert_eq!(portal.site_address("https://lain.go.id/laporan/a/"), None);
        assert_eq!(portal.site_address("//cdn.go.id/a.js"), None);
        assert_eq!(portal.site_address("laporan/a/"), None);
        assert_eq!(portal.site_address("mailto:a@b.id"), None);
        let sub = Portal::new("https://x.go.id/portal/");
        assert_eq!(
            sub.site_address("/portal/laporan/a/"),
            Some(("laporan/a/", ""))
        );
        assert_eq!(sub.site_address("/laporan/a/"), Some(("laporan/a/", "")));
        assert_eq!(
            sub.site_address("https://x.go.id/portal/laporan/a/?q=1"),
            Some(("laporan/a/", "?q=1"))
        );
        assert_eq!(sub.site_address("https://x.go.id/lain/"), None);
    }

    #[test]
    fn resolves_against_the_pages() {
        let pages: HashSet<&str> = ["", "laporan/", "laporan/a/", "halaman/tentang/"].into();
        let r = |p, s| resolve("laporan/b/", p, s, &pages);
        assert_eq!(
            r("laporan/a", "#t"),
            LinkOutcome::Rewrite("../../laporan/a/#t".into())
        );
        assert_eq!(r("", ""), LinkOutcome::Rewrite("../../".into()));
        assert_eq!(r("laporan/tidak-ada/", ""), LinkOutcome::Missing);
        assert_eq!(r("halaman/kontak/", ""), LinkOutcome::Missing);
        assert_eq!(
            r("skpd/dinas-x/", ""),
            LinkOutcome::Rewrite("../../skpd/dinas-x/".into())
        );
        assert_eq!(
            r("laporan/halaman/2/", ""),
            LinkOutcome::Rewrite("../../laporan/halaman/2/".into())
        );
        assert_eq!(
            r("feed.xml", ""),
            LinkOutcome::Rewrite("../../feed.xml".into())
        );
    }
}
