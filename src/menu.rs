//! `[[menu]]` in `tilik.toml`: the portal's own links (about, contact/PPID, the writer's
//! guide, another site) shown in the default theme's navigation and footer.
//!
//! An entry's `url` is a site path (`/halaman/tentang/`, taken from the portal's root as
//! writers think of it, also under a subpath) or a full URL. A site path, or a full URL of the
//! portal itself, must name a page the portal publishes (like other internal links) and is
//! written page-relative, so the menu works under any subpath and from `file://`.

use crate::msg;

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostic, Lang, Pos};
use crate::model::site_links::Portal;

/// One `[[menu]]` entry.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MenuEntry {
    /// The link text: "Tentang", "Kontak (PPID)".
    pub name: String,
    /// A site path (`/halaman/tentang/`) or a full URL (`https://ppid.example.go.id/`).
    pub url: String,
    /// Where the link is shown: `nav`, `footer` or `both` (the default).
    #[serde(default, rename = "where")]
    pub place: Place,
    /// Where `url` is written in `tilik.toml` (filled in by [`crate::config::Config::parse`]).
    #[serde(skip)]
    pub pos: Option<Pos>,
}

/// Where a menu entry is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Place {
    /// The navigation bar under the header.
    Nav,
    /// The footer.
    Footer,
    /// Both.
    #[default]
    Both,
}

/// What a menu entry's `url` points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A page of this portal: its site path (`halaman/tentang/`, no leading `/`) and any
    /// `#fragment` or `?query`.
    Site(String),
    /// Another site, or an e-mail address.
    External(String),
}

/// A menu entry as templates see it (`site.menu`).
#[derive(Clone, Debug, Serialize)]
pub struct MenuLink {
    /// Link text.
    pub name: String,
    /// Site path (plus fragment) of a page of the portal, to be written after `{{ root }}`.
    pub path: Option<String>,
    /// The address of a link out of the portal.
    pub url: Option<String>,
    /// Shown in the navigation bar.
    pub nav: bool,
    /// Shown in the footer.
    pub footer: bool,
}

impl MenuEntry {
    /// What `url` points at on the portal at `portal`; `None` when it is neither a site path
    /// nor a full `http(s)://` or `mailto:` URL.
    pub fn target(&self, portal: &Portal) -> Option<Target> {
        let url = self.url.trim();
        if url.is_empty() || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return None;
        }
        if let Some((path, suffix)) = portal.site_address(url) {
            return Some(Target::Site(format!("{}{suffix}", folder_path(path))));
        }
        let lower = url.to_ascii_lowercase();
        let full = ["http://", "https://"]
            .iter()
            .any(|s| lower.starts_with(s) && url.len() > s.len());
        if full || (lower.starts_with("mailto:") && url.contains('@')) {
            Some(Target::External(url.to_string()))
        } else {
            None
        }
    }
}

/// `halaman/tentang` is the folder `halaman/tentang/`; `feed.xml` a file; `index.html` the
/// folder it is in.
fn folder_path(path: &str) -> String {
    let path = path.strip_suffix("index.html").unwrap_or(path);
    let last = path.rsplit('/').next().unwrap_or("");
    if !path.is_empty() && !path.ends_with('/') && !last.contains('.') {
        format!("{path}/")
    } else {
        path.to_string()
    }
}

/// The menu for templates. Entries whose `url` is not usable are left out (the config check
/// refuses them before anything is rendered).
pub fn links(entries: &[MenuEntry], base_url: &str) -> Vec<MenuLink> {
    let portal = Portal::new(base_url);
    entries
        .iter()
        .filter_map(|e| {
            let (path, url) = match e.target(&portal)? {
                Target::Site(path) => (Some(path), None),
                Target::External(url) => (None, Some(url)),
            };
            Some(MenuLink {
                name: e.name.trim().to_string(),
                path,
                url,
                nav: e.place != Place::Footer,
                footer: e.place != Place::Nav,
            })
        })
        .collect()
}

/// The errors of the entries themselves: an empty name, or a `url` that is neither a site
/// path nor a full URL. Reported at their line of `tilik.toml`.
pub fn check_entries(entries: &[MenuEntry], base_url: &str, lang: Lang) -> Vec<Diagnostic> {
    let portal = Portal::new(base_url);
    let mut out = Vec::new();
    for e in entries {
        if e.name.trim().is_empty() {
            out.push(
                Diagnostic::error("tilik.toml", e.pos, msg!(lang, "menu.no_name", url = e.url))
                    .with_hint(msg!(lang, "menu.no_name_hint")),
            );
        }
        if e.target(&portal).is_none() {
            let url = e.url.trim();
            let suggestion = url.trim_start_matches("./").trim_matches('/');
            let hint = if !suggestion.is_empty()
                && !suggestion.contains(':')
                && !suggestion.chars().any(char::is_whitespace)
            {
                msg!(lang, "menu.bad_url_hint_slash", suggestion)
            } else {
                msg!(lang, "menu.bad_url_hint")
            };
            out.push(
                Diagnostic::error("tilik.toml", e.pos, msg!(lang, "menu.bad_url", url))
                    .with_hint(hint),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(url: &str) -> MenuEntry {
        MenuEntry {
            name: "Tentang".into(),
            url: url.into(),
            place: Place::Both,
            pos: None,
        }
    }

    #[test]
    fn site_paths_and_full_urls() {
        let portal = Portal::new("https://x.go.id/portal/");
        let t = |u: &str| entry(u).target(&portal);
        assert_eq!(
            t("/halaman/tentang"),
            Some(Target::Site("halaman/tentang/".into()))
        );
        assert_eq!(
            t("/portal/halaman/tentang/#ppid"),
            Some(Target::Site("halaman/tentang/#ppid".into()))
        );
        assert_eq!(
            t("https://x.go.id/portal/feed.xml"),
            Some(Target::Site("feed.xml".into()))
        );
        assert_eq!(t("/"), Some(Target::Site("".into())));
        assert_eq!(
            t("https://ppid.go.id/"),
            Some(Target::External("https://ppid.go.id/".into()))
        );
        assert_eq!(
            t("mailto:ppid@x.go.id"),
            Some(Target::External("mailto:ppid@x.go.id".into()))
        );
        for bad in [
            "tentang",
            "halaman/tentang/",
            "javascript:alert(1)",
            "",
            "/halaman/ten tang/",
            "https://",
            "//cdn.x/",
        ] {
            assert_eq!(t(bad), None, "{bad}");
        }
    }

    #[test]
    fn links_split_by_place() {
        let mut a = entry("/a/");
        a.place = Place::Nav;
        let mut b = entry("https://b.go.id/");
        b.place = Place::Footer;
        let links = links(&[a, b, entry("nope")], "https://x.go.id/");
        assert_eq!(links.len(), 2);
        assert!(links[0].nav && !links[0].footer);
        assert_eq!(links[0].path.as_deref(), Some("a/"));
        assert!(!links[1].nav && links[1].footer);
        assert_eq!(links[1].url.as_deref(), Some("https://b.go.id/"));
    }

    #[test]
    fn a_bare_name_gets_the_slash_hint() {
        let d = check_entries(&[entry("tentang")], "https://x.go.id/", Lang::En);
        assert_eq!(d.len(), 1);
        assert!(
            d[0].render(Lang::En).contains("url = \"/tentang/\""),
            "{d:?}"
        );
    }
}
