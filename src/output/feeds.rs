//! Atom feeds (RFC 4287): the newest reports of the portal, of each unit and of each topic.

use crate::model::site::{Page, Site};
use crate::model::taxonomy::TaxonomyKind;
use crate::msg;
use crate::render::engine::escape_html as esc;

use super::OutputFile;

/// How many entries a feed carries.
pub const FEED_SIZE: usize = 20;

/// The theme's XSLT stylesheet that shows a feed opened in a browser as a page telling the
/// reader what a feed is and how to follow it (`themes/default/static/feed-style.xml`).
pub const FEED_STYLESHEET: &str = "feed-style.xml";

/// The page for people that tells what a feed is and how to follow the portal's
/// (`themes/default/templates/follow.html`).
pub const FOLLOW_PAGE: &str = "ikuti/";

/// `feed.xml` plus `skpd/<slug>/feed.xml` and `topik/<slug>/feed.xml`. With `styled` (the
/// theme has [`FEED_STYLESHEET`]), each feed names it in an `<?xml-stylesheet?>` instruction;
/// with `follow_page` (the theme renders [`FOLLOW_PAGE`]), each links to that page with
/// `<link rel="related" type="text/html">`, beside its `alternate` HTML page.
pub fn feeds(site: &Site, styled: bool, follow_page: bool) -> Vec<OutputFile> {
    let reports: Vec<&Page> = site.reports().collect();
    let feed = |path: &str, title: &str, html_path: &str, pages: &[&Page]| {
        let mut xml = atom(site, path, title, html_path, pages, styled);
        if follow_page {
            // Atom allows one `alternate` per type: the feed's own HTML page keeps it.
            let link = format!(
                "  <link rel=\"related\" type=\"text/html\" href=\"{}\" title=\"{}\"/>\n",
                esc(&format!("{}{FOLLOW_PAGE}", site.config.base_url)),
                msg!(site.config.language, "output.feed_follow_title"),
            );
            if let Some(at) = xml.find("  <id>") {
                xml.insert_str(at, &link);
            }
        }
        xml
    };
    let mut files = vec![OutputFile::bytes(
        "feed.xml",
        feed("feed.xml", &site.config.title, "", &reports),
    )];
    for kind in [TaxonomyKind::Unit, TaxonomyKind::Topic] {
        for term in &site.taxonomies.get(kind).terms {
            let pages: Vec<&Page> = term.pages.iter().map(|&i| &site.pages[i]).collect();
            let path = format!("{}feed.xml", term.path);
            let title = format!("{} — {}", site.config.title, term.name);
            files.push(OutputFile::bytes(
                path.clone(),
                feed(&path, &title, &term.path, &pages),
            ));
        }
    }
    files
}

fn timestamp(date: Option<chrono::NaiveDate>) -> String {
    format!(
        "{}T00:00:00Z",
        date.map_or_else(|| "1970-01-01".to_string(), |d| d.to_string())
    )
}

/// One Atom document. `pages` are newest first.
fn atom(
    site: &Site,
    path: &str,
    title: &str,
    html_path: &str,
    pages: &[&Page],
    styled: bool,
) -> String {
    let base = &site.config.base_url;
    let updated = pages.iter().filter_map(|p| last_change(p)).max();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    if styled {
        // Relative, so that the stylesheet comes from the same origin under any base URL.
        let up = "../".repeat(path.matches('/').count());
        xml.push_str(&format!(
            "<?xml-stylesheet type=\"text/xsl\" href=\"{up}{FEED_STYLESHEET}\"?>\n"
        ));
    }
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        site.config.language.code()
    ));
    xml.push_str(&format!("  <title>{}</title>\n", esc(title)));
    if !site.config.description.is_empty() {
        xml.push_str(&format!(
            "  <subtitle>{}</subtitle>\n",
            esc(&site.config.description)
        ));
    }
    xml.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        esc(&format!("{base}{path}"))
    ));
    xml.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        esc(&format!("{base}{html_path}"))
    ));
    xml.push_str(&format!("  <id>{}</id>\n", esc(&format!("{base}{path}"))));
    xml.push_str(&format!("  <updated>{}</updated>\n", timestamp(updated)));
    xml.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        esc(&site.config.title)
    ));
    xml.push_str(&format!(
        "  <generator version=\"{}\">Tilik</generator>\n",
        env!("CARGO_PKG_VERSION")
    ));
    for page in pages.iter().take(FEED_SIZE) {
        let url = format!("{base}{}", page.path);
        xml.push_str("  <entry>\n");
        xml.push_str(&format!("    <title>{}</title>\n", esc(&page.meta.title)));
        xml.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            esc(&url)
        ));
        xml.push_str(&format!("    <id>{}</id>\n", esc(&url)));
        xml.push_str(&format!(
            "    <published>{}</published>\n",
            timestamp(page.meta.date)
        ));
        xml.push_str(&format!(
            "    <updated>{}</updated>\n",
            timestamp(last_change(page))
        ));
        if let Some(report) = &page.report {
            xml.push_str(&format!(
                "    <author><name>{}</name></author>\n",
                esc(&report.visit.unit)
            ));
            for topic in &report.visit.topics {
                xml.push_str(&format!("    <category term=\"{}\"/>\n", esc(topic)));
            }
        }
        if let Some(summary) = &page.meta.summary {
            xml.push_str(&format!("    <summary>{}</summary>\n", esc(summary)));
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

/// The latest date a reader would call a change: publication or a recommendation update.
pub fn last_change(page: &Page) -> Option<chrono::NaiveDate> {
    let updates = page
        .report
        .iter()
        .flat_map(|r| &r.recommendations)
        .filter_map(|r| r.updated);
    updates.chain(page.meta.date).max()
}
