//! Report cards of list pages, rendered once and reused.
//!
//! A report appears on many list pages (its section, its unit, each topic, its place, its
//! year, its labels, and their later pages), and its card, `partials/report_card.html`, comes
//! out the same on every list page with the same relative way back to the site root (`root`)
//! and language. On a big portal most list pages are a page 2 or later, so a report's cards
//! come in two or three variants where it is shown six or more times: each variant is
//! rendered once.

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
    /// For each page of `site.pages`: (root, language, card HTML) of the variants made.
    made: Vec<Mutex<Vec<(String, Lang, String)>>>,
}

impl<'a> Cards<'a> {
    /// An empty cache of the cards of `site`.
    pub fn new(engine: &'a Engine, site: &'a Site) -> Self {
        Cards {
            engine,
            site,
            enabled: engine.has(CARD_TEMPLATE),
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
        self.engine.render(template, &ctx, lang)
    }
}
