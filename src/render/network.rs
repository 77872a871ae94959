//! The hub's pages about its members: `/jaringan/` (every member with its figures and data
//! date) and `/jaringan/<member>/` (a member's reports as external cards), and the members'
//! figures on the home page. Member data is untrusted: templates escape every string, and
//! only http(s) URLs under the member's `base_url` are given to them as links.

use std::collections::BTreeMap;

use serde::Serialize;

use super::engine::{Engine, FeedLink, PageFrame};
use crate::diagnostics::{Diagnostic, Lang};
use crate::model::site::Site;
use crate::model::taxonomy::Term;
use crate::model::tracker::StatusCounts;
use crate::network::manifest::{is_under, MemberRecommendation, MemberReport};
use crate::network::{Member, MemberFigures};
use crate::output::OutputFile;

/// A member as the hub's templates see it.
#[derive(Serialize)]
pub struct MemberView<'a> {
    /// Name given in `tilik.toml`.
    pub name: &'a str,
    /// Site path of its page, `jaringan/<slug>/`.
    pub path: String,
    /// Title of the member portal, when its data could be read.
    pub title: Option<&'a str>,
    /// Its `base_url`, when its data could be read.
    pub url: Option<&'a str>,
    /// Region it serves.
    pub region: Option<&'a str>,
    /// Date of its data (its build date), `YYYY-MM-DD`.
    pub data_date: Option<&'a str>,
    /// Whether its data could be read.
    pub available: bool,
    /// The data is its last good copy: the member could not be fetched this time.
    pub stale: bool,
    /// Its figures.
    pub figures: MemberFigures,
}

impl<'a> MemberView<'a> {
    /// The view of a member.
    pub fn of(m: &'a Member) -> Self {
        let manifest = m.data.as_ref().map(|d| &d.manifest);
        MemberView {
            name: &m.config.name,
            path: format!("jaringan/{}/", m.slug),
            title: manifest.map(|x| x.title.as_str()),
            url: manifest.map(|x| x.base_url.as_str()),
            region: manifest.and_then(|x| x.region.as_deref()),
            data_date: manifest.map(|x| x.generated.as_str()),
            available: m.data.is_some(),
            stale: m.stale,
            figures: m.figures(),
        }
    }
}

/// A member's report, shown as a card that links to its page on the member portal.
#[derive(Serialize)]
pub struct ExternalReportView<'a> {
    /// Title.
    pub title: &'a str,
    /// Its canonical URL on the member portal (checked to be under the member's base URL).
    pub url: &'a str,
    /// Summary.
    pub summary: Option<&'a str>,
    /// Publication date.
    pub date: Option<&'a str>,
    /// Visiting unit.
    pub unit: &'a str,
    /// Place visited.
    pub destination: &'a str,
    /// First day of the visit.
    pub start: Option<&'a str>,
    /// Topics.
    pub topics: &'a [String],
    /// Name of the member portal.
    pub portal: &'a str,
    /// Recommendations.
    pub recommendations: usize,
    /// Of which overdue.
    pub overdue: usize,
}

impl<'a> ExternalReportView<'a> {
    /// The view of a report of `member`; `None` when its URL is not under the member's
    /// base URL (never linked).
    pub fn of(r: &'a MemberReport, member: &'a Member) -> Option<Self> {
        let base = &member.data.as_ref()?.manifest.base_url;
        is_under(&r.url, base).then(|| ExternalReportView {
            title: &r.title,
            url: &r.url,
            summary: r.summary.as_deref(),
            date: r.date.as_deref(),
            unit: &r.unit,
            destination: &r.destination,
            start: r.start.as_deref(),
            topics: &r.topics,
            portal: &member.config.name,
            recommendations: r.recommendations.len(),
            overdue: r.recommendations.iter().filter(|x| x.overdue).count(),
        })
    }
}

/// An item of a list page (see `pages::list_page`): a page of the site by index in
/// `Site::pages`, or a member's report by (index in `Site::network`, index in its reports).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListEntry {
    /// A page of the site.
    Own(usize),
    /// A member's report.
    Member(usize, usize),
}

impl From<usize> for ListEntry {
    fn from(i: usize) -> Self {
        ListEntry::Own(i)
    }
}

/// A member's report as an item of a list page: its view, its rendered card, and
/// `external: true` so that a theme can tell it from the site's own pages.
#[derive(Serialize)]
pub struct ExternalItem<'a> {
    /// The report.
    #[serde(flatten)]
    pub report: ExternalReportView<'a>,
    /// Its card (`partials/external_card.html`), when the theme has one.
    pub card: Option<String>,
    /// Always true.
    pub external: bool,
}

impl<'a> ExternalItem<'a> {
    /// Report `r` of member `m`; `None` when it cannot be linked.
    pub fn of(site: &'a Site, m: usize, r: usize) -> Option<Self> {
        let member = site.network.get(m)?;
        let report = member.data.as_ref()?.reports.get(r)?;
        Some(ExternalItem {
            report: ExternalReportView::of(report, member)?,
            card: None,
            external: true,
        })
    }

    /// The same item with its card.
    pub fn with_card(self, card: Option<String>) -> Self {
        ExternalItem { card, ..self }
    }
}

/// The items of a term's list in a hub: its own pages and its members' reports, merged
/// newest first by publication date (own pages first on a tie).
pub fn term_entries(site: &Site, term: &Term) -> Vec<ListEntry> {
    let own_date = |i: usize| site.pages[i].meta.date;
    let member_date = |(m, r): (usize, usize)| {
        let report = site.network[m].data.as_ref().map(|d| &d.reports[r]);
        crate::network::terms::parse_date(report.and_then(|r| r.date.as_deref()))
    };
    let mut out = Vec::with_capacity(term.pages.len() + term.members.len());
    let (mut own, mut members) = (
        term.pages.iter().copied().peekable(),
        term.members.iter().copied().peekable(),
    );
    loop {
        let next = match (own.peek(), members.peek()) {
            (Some(&i), Some(&e)) if member_date(e) > own_date(i) => {
                members.next().map(|(m, r)| ListEntry::Member(m, r))
            }
            (Some(_), _) => own.next().map(ListEntry::Own),
            (None, Some(_)) => members.next().map(|(m, r)| ListEntry::Member(m, r)),
            (None, None) => break,
        };
        out.extend(next);
    }
    out
}

/// `counts` (the hub's own recommendations) with every member's recommendations added.
pub fn with_member_counts(site: &Site, counts: StatusCounts) -> StatusCounts {
    let recs = site
        .network
        .iter()
        .filter_map(|m| m.data.as_ref())
        .flat_map(|d| &d.reports)
        .flat_map(|r| &r.recommendations);
    add_member_counts(counts, recs)
}

/// `counts` with the members' recommendations `recs` added.
pub fn add_member_counts<'a>(
    mut counts: StatusCounts,
    recs: impl IntoIterator<Item = &'a MemberRecommendation>,
) -> StatusCounts {
    use crate::model::report::Status;
    for rec in recs {
        counts.total += 1;
        match rec.status() {
            Some(Status::Usulan) | None => counts.usulan += 1,
            Some(Status::Proses) => counts.proses += 1,
            Some(Status::Selesai) => counts.selesai += 1,
            Some(Status::Dievaluasi) => counts.dievaluasi += 1,
            Some(Status::Dibatalkan) => counts.dibatalkan += 1,
        }
        if rec.overdue {
            counts.overdue += 1;
        }
    }
    counts
}

/// A unit of a member whose reports have recommendations: its recommendations have a
/// tracker page of their own in the hub, `jaringan/<member>/rekomendasi/<unit>/`, as the
/// hub's own units have `rekomendasi/<unit>/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberUnit {
    /// Index in `Site::network`.
    pub member: usize,
    /// The unit's slug (unit names that give the same slug are one unit).
    pub slug: String,
    /// Indexes of its reports in the member's reports, newest first; only reports that
    /// can be linked.
    pub reports: Vec<usize>,
}

impl MemberUnit {
    /// Site path of its tracker page.
    pub fn tracker_path(&self, site: &Site) -> String {
        format!(
            "jaringan/{}/rekomendasi/{}/",
            site.network[self.member].slug, self.slug
        )
    }

    /// The unit's name, as its first report gives it.
    pub fn name<'a>(&self, site: &'a Site) -> &'a str {
        self.reports(site).next().map_or("", |r| r.unit.as_str())
    }

    /// Its reports.
    pub fn reports<'a>(&self, site: &'a Site) -> impl Iterator<Item = &'a MemberReport> + 'a {
        let reports = site.network[self.member]
            .data
            .as_ref()
            .map_or(&[][..], |d| &d.reports[..]);
        self.reports
            .clone()
            .into_iter()
            .filter_map(|i| reports.get(i))
    }
}

/// Every member's units with recommendations: by member in configuration order, then by
/// unit name.
pub fn member_units(site: &Site) -> Vec<MemberUnit> {
    let mut out = Vec::new();
    for (m, member) in site.network.iter().enumerate() {
        let Some(data) = &member.data else { continue };
        let mut units: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
        for (i, r) in data.reports.iter().enumerate() {
            if r.recommendations.is_empty() || ExternalReportView::of(r, member).is_none() {
                continue;
            }
            let slug = crate::model::slug::slugify(r.unit.trim());
            let slug = if slug.is_empty() { "skpd".into() } else { slug };
            units
                .entry(slug)
                .or_insert_with(|| (r.unit.to_lowercase(), Vec::new()))
                .1
                .push(i);
        }
        let mut units: Vec<_> = units.into_iter().collect();
        units.sort_by(|a, b| a.1 .0.cmp(&b.1 .0).then(a.0.cmp(&b.0)));
        out.extend(units.into_iter().map(|(slug, (_, reports))| MemberUnit {
            member: m,
            slug,
            reports,
        }));
    }
    out
}

/// Every member's view, in configuration order.
pub fn members(site: &Site) -> Vec<MemberView<'_>> {
    site.network.iter().map(MemberView::of).collect()
}

fn html_file(path: &str, html: String) -> OutputFile {
    OutputFile::bytes(format!("{path}index.html"), html)
}

fn text<'s>(strings: &'s BTreeMap<String, String>, key: &str, fallback: &'s str) -> &'s str {
    strings.get(key).map_or(fallback, String::as_str)
}

/// `/jaringan/`.
pub fn network_page(
    site: &Site,
    engine: &Engine,
    strings: &BTreeMap<String, String>,
    lang: Lang,
) -> Result<Vec<OutputFile>, Diagnostic> {
    let path = "jaringan/";
    let frame = PageFrame {
        path,
        lang: site.config.language,
        title: text(strings, "network_title", "Jaringan"),
        description: &site.config.description,
        feeds: vec![FeedLink {
            title: site.config.title.clone(),
            path: "feed.xml".into(),
        }],
    };
    let mut ctx = engine.context(site, &frame);
    ctx.insert("members", &members(site));
    Ok(vec![html_file(
        path,
        engine.render("jaringan.html", &ctx, lang)?,
    )])
}

/// `/jaringan/<member>/`: every report of member `i`.
pub fn member_page(
    site: &Site,
    i: usize,
    engine: &Engine,
    lang: Lang,
) -> Result<Vec<OutputFile>, Diagnostic> {
    let member = &site.network[i];
    let view = MemberView::of(member);
    let path = view.path.clone();
    let reports: Vec<ExternalReportView> = member
        .data
        .iter()
        .flat_map(|d| &d.reports)
        .filter_map(|r| ExternalReportView::of(r, member))
        .collect();
    let frame = PageFrame {
        path: &path,
        lang: site.config.language,
        title: &member.config.name,
        description: &site.config.description,
        feeds: vec![FeedLink {
            title: site.config.title.clone(),
            path: "feed.xml".into(),
        }],
    };
    let mut ctx = engine.context(site, &frame);
    ctx.insert("member", &view);
    ctx.insert("reports", &reports);
    Ok(vec![html_file(
        &path,
        engine.render("jaringan_anggota.html", &ctx, lang)?,
    )])
}
