//! The hub's pages about its members: `/jaringan/` (every member with its figures and data
//! date) and `/jaringan/<member>/` (a member's reports as external cards), and the members'
//! figures on the home page. Member data is untrusted: templates escape every string, and
//! only http(s) URLs under the member's `base_url` are given to them as links.

use std::collections::BTreeMap;

use serde::Serialize;

use super::engine::{Engine, FeedLink, PageFrame};
use crate::diagnostics::{Diagnostic, Lang};
use crate::model::site::Site;
use crate::network::manifest::{is_under, MemberReport};
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
