//! Atom feeds (RFC 4287): the newest reports of the portal, of each unit and of each topic.
//! In a hub, members' reports are entries of the portal's feed and of its topic feeds, beside
//! the hub's own: each links to its canonical page on the member portal and names that
//! portal in an Atom `<source>`.

use chrono::NaiveDate;

use crate::model::site::{Page, Site};
use crate::model::taxonomy::TaxonomyKind;
use crate::msg;
use crate::network::manifest::MemberReport;
use crate::network::Member;
use crate::render::engine::escape_html;
use crate::render::network::ListEntry;

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
    let feed = |path: &str, title: &str, html_path: &str, entries: &[Entry]| {
        let mut xml = atom(site, path, title, html_path, entries, styled);
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
        feed("feed.xml", &site.config.title, "", &site_entries(site)),
    )];
    for kind in [TaxonomyKind::Unit, TaxonomyKind::Topic] {
        for term in &site.taxonomies.get(kind).terms {
            let entries: Vec<Entry> = crate::render::network::term_entries(site, term)
                .into_iter()
                .filter_map(|e| Entry::of(site, e))
                .take(FEED_SIZE)
                .collect();
            let path = format!("{}feed.xml", term.path);
            let title = format!("{} — {}", site.config.title, term.name);
            files.push(OutputFile::bytes(
                path.clone(),
                feed(&path, &title, &term.path, &entries),
            ));
        }
    }
    files
}

/// An entry of a feed: a report of the portal, or (in a hub) a member's report.
enum Entry<'a> {
    Own(&'a Page),
    Member(&'a MemberReport, &'a Member),
}

impl<'a> Entry<'a> {
    /// The entry of a list item; `None` for a member's report that cannot be linked (its
    /// URL is not under the member's base URL).
    fn of(site: &'a Site, e: ListEntry) -> Option<Self> {
        match e {
            ListEntry::Own(i) => site.pages.get(i).map(Entry::Own),
            ListEntry::Member(m, r) => {
                let member = site.network.get(m)?;
                let report = member.data.as_ref()?.reports.get(r)?;
                Self::member(report, member)
            }
        }
    }

    fn member(report: &'a MemberReport, member: &'a Member) -> Option<Self> {
        let base = &member.data.as_ref()?.manifest.base_url;
        crate::network::manifest::is_under(&report.url, base)
            .then_some(Entry::Member(report, member))
    }

    /// Publication date.
    fn published(&self) -> Option<NaiveDate> {
        match self {
            Entry::Own(p) => p.meta.date,
            Entry::Member(r, _) => crate::network::terms::parse_date(r.date.as_deref()),
        }
    }

    /// Latest change: for a member's report, its publication (a member's shard carries no
    /// recommendation updates a hub shows).
    fn updated(&self) -> Option<NaiveDate> {
        match self {
            Entry::Own(p) => last_change(p),
            Entry::Member(..) => self.published(),
        }
    }
}

/// The portal's feed: its newest reports and, in a hub, its members' newest, merged newest
/// first (the portal's own first on the same date).
fn site_entries(site: &Site) -> Vec<Entry<'_>> {
    let mut entries: Vec<Entry> = site.reports().take(FEED_SIZE).map(Entry::Own).collect();
    let mut members: Vec<Entry> = site
        .network
        .iter()
        .flat_map(|m| {
            m.data
                .iter()
                .flat_map(move |d| d.reports.iter().map(move |r| (r, m)))
        })
        .filter_map(|(r, m)| Entry::member(r, m))
        .collect();
    // Newest first; stable, so members keep configuration order on the same date.
    members.sort_by_key(|e| std::cmp::Reverse(e.published()));
    entries.extend(members.into_iter().take(FEED_SIZE));
    entries.sort_by_key(|e| std::cmp::Reverse(e.published()));
    entries.truncate(FEED_SIZE);
    entries
}

/// `s` escaped for XML text and attributes, without the characters XML 1.0 forbids (control
/// characters a member's data may hold; the portal's own were removed when it was read).
fn esc(s: &str) -> String {
    let allowed = |c: &char| !matches!(*c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}');
    if s.chars().all(|c| allowed(&c)) {
        escape_html(s)
    } else {
        escape_html(&s.chars().filter(allowed).collect::<String>())
    }
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
    entries: &[Entry],
    styled: bool,
) -> String {
    let base = &site.config.base_url;
    let updated = entries.iter().filter_map(Entry::updated).max();
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
    for entry in entries.iter().take(FEED_SIZE) {
        xml.push_str(&entry_xml(site, entry));
    }
    xml.push_str("</feed>\n");
    xml
}

/// One `<entry>`.
fn entry_xml(site: &Site, entry: &Entry) -> String {
    let (title, url, unit, topics, summary) = match entry {
        Entry::Own(page) => (
            page.meta.title.as_str(),
            format!("{}{}", site.config.base_url, page.path),
            page.report.as_ref().map(|r| r.visit.unit.as_str()),
            page.report
                .as_ref()
                .map_or(&[][..], |r| &r.visit.topics[..]),
            page.meta.summary.as_deref(),
        ),
        Entry::Member(r, _) => (
            r.title.as_str(),
            r.url.clone(),
            Some(r.unit.as_str()).filter(|u| !u.trim().is_empty()),
            &r.topics[..],
            r.summary.as_deref(),
        ),
    };
    let mut xml = String::from("  <entry>\n");
    xml.push_str(&format!("    <title>{}</title>\n", esc(title)));
    xml.push_str(&format!(
        "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        esc(&url)
    ));
    xml.push_str(&format!("    <id>{}</id>\n", esc(&url)));
    xml.push_str(&format!(
        "    <published>{}</published>\n",
        timestamp(entry.published())
    ));
    xml.push_str(&format!(
        "    <updated>{}</updated>\n",
        timestamp(entry.updated())
    ));
    if let Some(unit) = unit {
        xml.push_str(&format!(
            "    <author><name>{}</name></author>\n",
            esc(unit)
        ));
    }
    for topic in topics {
        xml.push_str(&format!("    <category term=\"{}\"/>\n", esc(topic)));
    }
    if let Some(summary) = summary {
        xml.push_str(&format!("    <summary>{}</summary>\n", esc(summary)));
    }
    if let Entry::Member(_, member) = entry {
        xml.push_str(&source_xml(member));
    }
    xml.push_str("  </entry>\n");
    xml
}

/// The `<source>` of a member's entry (RFC 4287 4.2.11): the member portal it comes from,
/// named as in `tilik.toml`, with its address, its feed and the date of its data.
fn source_xml(member: &Member) -> String {
    let manifest = member.data.as_ref().map(|d| &d.manifest);
    let base = manifest.map_or("", |m| m.base_url.as_str());
    let updated = crate::network::terms::parse_date(manifest.map(|m| m.generated.as_str()));
    format!(
        "    <source>\n      <id>{feed}</id>\n      <title>{name}</title>\n      \
         <link rel=\"alternate\" type=\"text/html\" href=\"{base}\"/>\n      \
         <link rel=\"self\" type=\"application/atom+xml\" href=\"{feed}\"/>\n      \
         <updated>{updated}</updated>\n    </source>\n",
        feed = esc(&format!("{base}feed.xml")),
        name = esc(&member.config.name),
        base = esc(base),
        updated = timestamp(updated),
    )
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

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn esc_escapes_markup_and_drops_what_xml_forbids() {
        assert_eq!(
            esc("<b>&\"x\"</b>"),
            "&lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;"
        );
        assert_eq!(esc("a\u{1}b\u{1f}c\u{fffe}\td\ne"), "abc\td\ne");
    }
}
