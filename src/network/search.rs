//! A hub's member reports as documents of its search index: one index and one ranking for
//! the hub's own pages and every member's reports, with a Portal facet.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};

use crate::model::report::Status;
use crate::model::site::Site;
use crate::network::manifest::MemberReport;
use crate::search::SearchDocument;

/// The search documents of every member's reports (none for a portal without members).
pub fn documents(site: &Site) -> impl Iterator<Item = SearchDocument<'_>> {
    site.network.iter().flat_map(move |member| {
        member
            .data
            .iter()
            .flat_map(|d| &d.reports)
            .map(move |r| document(site, &member.config.name, r))
    })
}

fn date(s: Option<&str>) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s?, "%Y-%m-%d").ok()
}

fn document<'a>(site: &'a Site, portal: &str, r: &'a MemberReport) -> SearchDocument<'a> {
    let lang = if r.lang == "en" { "en" } else { "id" };
    let statuses: BTreeSet<&str> = r
        .recommendations
        .iter()
        .filter_map(|x| x.status())
        .map(Status::as_str)
        .collect();
    let follow_up = (!r.recommendations.is_empty()).then(|| {
        let mut c = [0u32; 6];
        for x in &r.recommendations {
            let slot = match x.status() {
                Some(Status::Selesai) => 0,
                Some(Status::Dievaluasi) => 1,
                Some(Status::Proses) => 2,
                Some(Status::Usulan) | None => 3,
                Some(Status::Dibatalkan) => 4,
            };
            c[slot] += 1;
            if x.overdue {
                c[5] += 1;
            }
        }
        c
    });
    let scope = if r.country.trim().is_empty() || r.country.trim().eq_ignore_ascii_case("indonesia")
    {
        "dalam-negeri"
    } else {
        "luar-negeri"
    };
    SearchDocument {
        // Checked at harvest to be an http(s) URL under the member's base URL.
        path: r.url.clone(),
        lang: lang.to_string(),
        names_lang: site.config.language.code().to_string(),
        title: r.title.clone(),
        summary: r.summary.clone().unwrap_or_default(),
        headings: Vec::new(),
        body: r.text.as_str().into(),
        unit: Some(r.unit.clone()),
        destination: Some(r.destination.clone()),
        scope: Some(scope.to_string()),
        topics: r.topics.clone(),
        recommendations: r.recommendations.iter().map(|x| x.text.clone()).collect(),
        statuses: statuses.into_iter().map(String::from).collect(),
        follow_up,
        year: date(r.start.as_deref()).map(|d| d.year()),
        date: date(r.date.as_deref())
            .map(|d| d.to_string())
            .unwrap_or_default(),
        portal: Some(portal.to_string()),
    }
}
