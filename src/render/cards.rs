//! Report cards of list pages, rendered once and reused.
//!
//! A report appears on many list pages (its section, its unit, each topic, its place, its
//! year, its labels, and their later pages), and its card, `partials/report_card.html`, comes
//! out the same on every list page with the same relative way back to the site root (`root`)
//! and language. On a big portal most list pages are a page 2 or later, so a report's cards
//! come in two or three variants where it is shown six or more times: each variant is
//! rendered once.
//!
//! When the card template uses `root` only as `{{ root }}` (the default theme's does), a
//! report's card is rendered once per language whatever the list: with a marker in place of
//! `root`, which each list's own `root` then replaces. The marker is random per build and
//! made of characters no card text holds (a card whose text holds one is rendered as before),
//! so the result is the same bytes as a render with the list's own `root`.

use std::sync::Mutex;

use super::engine::{Engine, PageFrame};
use super::network::ExternalReportView;
use super::views::PageView;
use crate::diagnostics::{Diagnostic, Lang};
use crate::model::paths::root_prefix;
use crate::model::site::Site;

/// The card template of the theme.
pub const CARD_TEMPLATE: &str = "partials/report_card.html";

/// The card template of a member's report in a hub: an external link to the member portal.
pub const EXTERNAL_CARD_TEMPLATE: &str = "partials/external_card.html";

/// Heading level of a card's title on list pages.
const LIST_LEVEL: u8 = 2;

/// The cards rendered so far, per page of the site.
pub struct Cards<'a> {
    engine: &'a Engine,
    site: &'a Site,
    enabled: bool,
    /// The marker rendered in place of `root`, when the card template allows it.
    marker: Option<String>,
    /// For each page of `site.pages`: (root, language, card HTML) of the variants made; with
    /// a marker, (marker, language, card HTML with the marker) for each language.
    made: Vec<Mutex<Vec<(String, Lang, String)>>>,
}

impl<'a> Cards<'a> {
    /// An empty cache of the cards of `site`; `source` is the text of the card template.
    pub fn new(engine: &'a Engine, site: &'a Site, source: Option<&str>) -> Self {
        Cards {
            engine,
            site,
            enabled: engine.has(CARD_TEMPLATE),
            marker: source.filter(|s| root_only_printed(s)).map(|_| marker()),
            made: site.pages.iter().map(|_| Mutex::new(Vec::new())).collect(),
        }
    }

    /// The card of page `index` (whose view is `view`) on the list page at site path
    /// `list_path` in `lang`; `None` when the theme has no card template.
    pub fn card(
        &self,
        index: usize,
        view: &PageView,
        list_path: &str,
        lang: Lang,
    ) -> Result<Option<String>, Diagnostic> {
        if !self.enabled {
            return Ok(None);
        }
        let root = root_prefix(list_path);
        if let Some(marker) = &self.marker {
            if let Some(html) = self.card_with_marker(index, view, list_path, lang, marker)? {
                return Ok(Some(html.replace(marker.as_str(), &root)));
            }
        }
        let slot = &self.made[index];
        let cached = slot
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .find(|(r, l, _)| *r == root && *l == lang)
            .map(|(_, _, html)| html.clone());
        if let Some(html) = cached {
            return Ok(Some(html));
        }
        let html = self.render(CARD_TEMPLATE, view, list_path, lang)?;
        slot.lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((root, lang, html.clone()));
        Ok(Some(html))
    }

    /// The card of page `index` in `lang` with `marker` for `root`, rendered once; `None`
    /// when the card's own text holds a character of the marker (then rendered as usual).
    fn card_with_marker(
        &self,
        index: usize,
        view: &PageView,
        list_path: &str,
        lang: Lang,
        marker: &str,
    ) -> Result<Option<String>, Diagnostic> {
        let slot = &self.made[index];
        let cached = slot
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .find(|(r, l, _)| r == marker && *l == lang)
            .map(|(_, _, html)| html.clone());
        if cached.is_some() {
            return Ok(cached);
        }
        let html = self.render_with_root(CARD_TEMPLATE, view, list_path, lang, Some(marker))?;
        // Every marker character comes from a marker: the card's text holds none.
        let markers = html.matches(marker).count();
        if html.matches(MARKER_CHAR).count() != markers * 2 {
            return Ok(None);
        }
        slot.lock().unwrap_or_else(|e| e.into_inner()).push((
            marker.to_string(),
            lang,
            html.clone(),
        ));
        Ok(Some(html))
    }

    /// The card of a member's report in a hub ([`EXTERNAL_CARD_TEMPLATE`]) on the list page at
    /// `list_path`; `None` when the theme has no such template. Not cached: a member's report
    /// is on a few list pages only (its topics, place and year).
    pub fn external(
        &self,
        view: &ExternalReportView,
        list_path: &str,
        lang: Lang,
    ) -> Result<Option<String>, Diagnostic> {
        if !self.engine.has(EXTERNAL_CARD_TEMPLATE) {
            return Ok(None);
        }
        self.render(EXTERNAL_CARD_TEMPLATE, view, list_path, lang)
            .map(Some)
    }

    /// Renders `template` for `view` (as `r`) as it appears on the list page at `list_path`.
    fn render(
        &self,
        template: &str,
        view: &impl serde::Serialize,
        list_path: &str,
        lang: Lang,
    ) -> Result<String, Diagnostic> {
        self.render_with_root(template, view, list_path, lang, None)
    }

    /// [`Cards::render`], with `root` set to `root` when given.
    fn render_with_root(
        &self,
        template: &str,
        view: &impl serde::Serialize,
        list_path: &str,
        lang: Lang,
        root: Option<&str>,
    ) -> Result<String, Diagnostic> {
        let frame = PageFrame {
            path: list_path,
            lang,
            title: "",
            description: "",
            feeds: Vec::new(),
        };
        let mut ctx = self.engine.context(self.site, &frame);
        ctx.insert("r", view);
        ctx.insert("level", &LIST_LEVEL);
        if let Some(root) = root {
            ctx.insert("root", root);
        }
        self.engine.render(template, &ctx, lang)
    }
}

/// The character a marker begins and ends with: a control character, which no text of a
/// report holds in practice (and a card holding one is rendered without the marker).
const MARKER_CHAR: char = '\u{1}';

/// A marker for `root`, random for each build (no text can hold it by design): passes
/// through [`super::engine::escape_html`] unchanged.
fn marker() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(std::process::id().into());
    format!(
        "{MARKER_CHAR}tilik-root-{:016x}{MARKER_CHAR}",
        hasher.finish()
    )
}

/// Whether a card template prints `root` as `{{ root }}` and uses it nowhere else (no
/// filter, test or comparison could then tell a marker from the real value), and includes,
/// imports or extends nothing that could use it.
fn root_only_printed(source: &str) -> bool {
    let mut text = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(start) = rest.find("{#") {
        text.push_str(&rest[..start]);
        match rest[start..].find("#}") {
            Some(end) => rest = &rest[start + end + 2..],
            None => return false,
        }
    }
    text.push_str(rest);
    if ["include", "import", "extends", "::", "{{root", "root}}"]
        .iter()
        .any(|w| text.contains(w))
    {
        return false;
    }
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let words = text
        .match_indices("root")
        .filter(|(i, _)| {
            let before = text[..*i].chars().next_back();
            let after = text[i + 4..].chars().next();
            !before.is_some_and(ident) && !after.is_some_and(ident)
        })
        .count();
    words == text.matches("{{ root }}").count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marker_stands_for_root_only_where_root_is_only_printed() {
        let card = include_str!("../../themes/default/templates/partials/report_card.html");
        assert!(root_only_printed(card));
        assert!(root_only_printed(
            "{# root #}<a href=\"{{ root }}{{ r.path }}\">"
        ));
        for used in [
            "{{ root | upper }}",
            "{% if root == \"../\" %}x{% endif %}",
            "{{ root }}{% set x = root %}",
            "{% include \"a.html\" %}{{ root }}",
            "{{ m::link(root=root) }}",
            "{{root}}",
            "{# open",
        ] {
            assert!(!root_only_printed(used), "{used}");
        }
        let marker = marker();
        assert_eq!(super::super::engine::escape_html(&marker), marker);
        assert_eq!(marker.matches(MARKER_CHAR).count(), 2);
        assert_ne!(marker, super::marker());
    }
}
