//! A hub's members' reports on its topic, place and year pages: each member's report is
//! filed under the hub's terms of the same slug, and a name only members use gets a term
//! (and so a page) of its own. Member data never makes an error here: a member's name that
//! differs from the hub's only by case or accents joins the hub's term.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use crate::model::site::Site;
use crate::model::slug::slugify;
use crate::model::taxonomy::{sort_terms, TaxonomyKind, Term};
use crate::network::manifest::MemberReport;

/// The taxonomies a member's reports are filed under.
pub const KINDS: [TaxonomyKind; 3] = [TaxonomyKind::Topic, TaxonomyKind::Place, TaxonomyKind::Year];

/// A member report's date, `YYYY-MM-DD`, if it has a valid one.
pub fn parse_date(s: Option<&str>) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s?, "%Y-%m-%d").ok()
}

/// The names of `r` in the taxonomy `kind`.
fn names(kind: TaxonomyKind, r: &MemberReport) -> Vec<String> {
    match kind {
        TaxonomyKind::Topic => r.topics.clone(),
        TaxonomyKind::Place => vec![r.destination.clone()],
        TaxonomyKind::Year => parse_date(r.start.as_deref())
            .map(|d| vec![d.year().to_string()])
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// Files every member's report under the hub's topic, place and year terms
/// ([`Term::members`], newest first), making the terms only members use.
pub fn attach(site: &mut Site) {
    let network = &site.network;
    for taxonomy in site.taxonomies.all.iter_mut() {
        if !KINDS.contains(&taxonomy.kind) {
            continue;
        }
        let kind = taxonomy.kind;
        let terms = &mut taxonomy.terms;
        let mut by_slug: HashMap<String, usize> = terms
            .iter()
            .enumerate()
            .map(|(i, t)| (t.slug.clone(), i))
            .collect();
        let before = terms.len();
        for (m, member) in network.iter().enumerate() {
            let Some(data) = &member.data else { continue };
            for (r, report) in data.reports.iter().enumerate() {
                for name in names(kind, report) {
                    let name = name.trim();
                    let slug = slugify(name);
                    if slug.is_empty() {
                        continue;
                    }
                    let at = *by_slug.entry(slug.clone()).or_insert_with(|| {
                        terms.push(Term {
                            path: format!("{}/{slug}/", kind.key()),
                            slug,
                            name: name.to_string(),
                            pages: Vec::new(),
                            members: Vec::new(),
                            scope: None,
                            region_code: None,
                        });
                        terms.len() - 1
                    });
                    let filed = &mut terms[at].members;
                    if filed.last() != Some(&(m, r)) {
                        filed.push((m, r));
                    }
                }
            }
        }
        for term in terms.iter_mut().filter(|t| !t.members.is_empty()) {
            let date = |&(m, r): &(usize, usize)| {
                network[m]
                    .data
                    .as_ref()
                    .and_then(|d| d.reports[r].date.clone())
            };
            // Newest first; a stable sort keeps members in configuration order on a tie.
            term.members
                .sort_by_cached_key(|e| std::cmp::Reverse(date(e)));
        }
        if terms.len() > before {
            sort_terms(kind, terms);
        }
    }
}
