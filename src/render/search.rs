//! The search index of a site: one [`SearchDocument`] per published page (reports and
//! ordinary pages; never drafts, never team names).

use std::collections::BTreeSet;

use crate::model::site::Site;
use crate::model::tracker::StatusCounts;
use crate::search::lexicon::Lexicon;
use crate::search::{build_index_with, Options, SearchDocument, SearchIndex};

/// Builds the search index of every published page.
pub fn index(site: &Site) -> SearchIndex {
    // A hub's member reports join its own pages in one index, with a Portal facet.
    let docs: Vec<SearchDocument> = site
        .pages
        .iter()
        .map(|page| {
            let report = page.report.as_ref();
            let visit = report.map(|r| &r.visit);
            let statuses: BTreeSet<&str> = report
                .iter()
                .flat_map(|r| &r.recommendations)
                .map(|r| r.status.as_str())
                .collect();
            SearchDocument {
                path: page.path.clone(),
                lang: page.lang.code().to_string(),
                names_lang: site.config.language.code().to_string(),
                title: page.meta.title.clone(),
                summary: page.meta.summary.clone().unwrap_or_default(),
                headings: page.rendered.headings.clone(),
                body: page.rendered.plain.as_str().into(),
                unit: visit.map(|v| v.unit.clone()),
                destination: visit.map(|v| v.destination.clone()),
                scope: visit.map(|v| v.scope().as_str().to_string()),
                topics: visit.map(|v| v.topics.clone()).unwrap_or_default(),
                recommendations: report
                    .iter()
                    .flat_map(|r| &r.recommendations)
                    .map(|r| r.text.clone())
                    .collect(),
                statuses: statuses.into_iter().map(String::from).collect(),
                follow_up: report.filter(|r| !r.recommendations.is_empty()).map(|r| {
                    let c = StatusCounts::of_report(
                        &r.recommendations,
                        page.meta.date,
                        site.build_date,
                    );
                    [
                        c.selesai,
                        c.dievaluasi,
                        c.proses,
                        c.usulan,
                        c.dibatalkan,
                        c.overdue,
                    ]
                    .map(|n| n as u32)
                }),
                year: page.visit_year(),
                date: page.meta.date.map(|d| d.to_string()).unwrap_or_default(),
                portal: None,
            }
        })
        .chain(crate::network::search::documents(site))
        .collect();
    let options = Options {
        lexicon: Lexicon::of_portal(&site.config.search),
        ..Options::default()
    };
    build_index_with(&docs, &options)
}
