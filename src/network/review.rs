//! A hub's members in its prior-visit reviews ("Kajian awal") and "Laporan terkait": the
//! members' reports most related to each of the hub's plans and reports, by the same three
//! signals as [`crate::related`] (same destination, shared topics, similar text) and the
//! same weights, so that a member's report and the hub's own compete in one ranking.
//!
//! A member's text is its title and summary (its body is not compared: a hub of 100,000
//! member reports would otherwise analyse gigabytes of text per build). Candidates come
//! from inverted indexes of destinations, topics and terms, never from all pairs.

use std::collections::HashMap;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::model::site::{Page, Site};
use crate::related::text::{idf, term_counts};
use crate::related::{Reason, MAX_LINKS, MIN_SCORE, SIMILAR_TEXT};
use crate::search::analyser::{self, fold, Term};

/// A member's report related to a page of the hub.
#[derive(Clone, Debug, PartialEq)]
pub struct MemberLink {
    /// Index in `Site::network`.
    pub member: usize,
    /// Index in that member's reports.
    pub report: usize,
    /// How related (comparable with [`crate::related::Link::score`]).
    pub score: f32,
    /// Why, strongest first.
    pub reasons: Vec<Reason>,
}

/// Members' reports related to the hub's pages.
#[derive(Clone, Debug, Default)]
pub struct MemberRelated {
    /// By index in `Site::pages` (empty for pages that are not reports).
    pub of_page: Vec<Vec<MemberLink>>,
    /// By index in `Site::plans`: only reports of visits that started before the plan's.
    pub of_plan: Vec<Vec<MemberLink>>,
}

/// One member report, as compared.
struct Doc {
    at: (usize, usize),
    destination: String,
    topics: Vec<String>,
    start: Option<NaiveDate>,
    /// Term → tf-idf weight.
    terms: HashMap<Term, f32>,
    norm: f32,
}

/// The inverted indexes of the members' reports.
struct Index {
    docs: Vec<Doc>,
    destinations: HashMap<String, Vec<u32>>,
    topics: HashMap<String, Vec<u32>>,
    postings: HashMap<Term, Vec<u32>>,
    idf: HashMap<Term, f32>,
}

/// Lists longer than this are too common to find candidates by (a topic every member has).
const CAP: usize = 300;

fn text_terms(text: &str, lang: analyser::Lang) -> HashMap<Term, u32> {
    let mut counts = HashMap::new();
    analyser::analyse_with(text, lang, |terms| {
        if let Some(t) = terms.first() {
            *counts.entry(t.clone()).or_insert(0) += 1;
        }
    });
    counts
}

/// tf-idf weights of `counts` and their norm. A term no member report has weighs `unseen`
/// (the rarest there is) when given, else it is left out: a query's words that no member
/// uses must still count in its norm, or two texts sharing one common word would look alike.
fn weighted(
    counts: HashMap<Term, u32>,
    idf: &HashMap<Term, f32>,
    unseen: Option<f32>,
) -> (HashMap<Term, f32>, f32) {
    let terms: HashMap<Term, f32> = counts
        .into_iter()
        .filter_map(|(t, tf)| {
            let w = idf.get(&t).copied().or(unseen)?;
            Some((t, (1.0 + (tf as f32).ln()) * w))
        })
        .collect();
    let norm = terms.values().map(|w| w * w).sum::<f32>().sqrt();
    (terms, norm)
}

impl Index {
    fn of(site: &Site) -> Index {
        let raw: Vec<((usize, usize), &crate::network::manifest::MemberReport)> = site
            .network
            .iter()
            .enumerate()
            .filter_map(|(m, member)| member.data.as_ref().map(|d| (m, d)))
            .flat_map(|(m, d)| d.reports.iter().enumerate().map(move |(r, x)| ((m, r), x)))
            .collect();
        let counted: Vec<HashMap<Term, u32>> = raw
            .par_iter()
            .map(|(_, r)| {
                let lang = analyser::Lang::from_code(&r.lang);
                let text = format!("{}\n{}", r.title, r.summary.as_deref().unwrap_or(""));
                text_terms(&text, lang)
            })
            .collect();
        let mut df: HashMap<Term, usize> = HashMap::new();
        for c in &counted {
            for t in c.keys() {
                *df.entry(t.clone()).or_insert(0) += 1;
            }
        }
        let n = raw.len();
        let idf: HashMap<Term, f32> = df.iter().map(|(t, &d)| (t.clone(), idf(d, n))).collect();
        let mut index = Index {
            docs: Vec::with_capacity(n),
            destinations: HashMap::new(),
            topics: HashMap::new(),
            postings: HashMap::new(),
            idf,
        };
        for ((at, r), counts) in raw.into_iter().zip(counted) {
            let d = index.docs.len() as u32;
            let (terms, norm) = weighted(counts, &index.idf, None);
            for t in terms.keys() {
                if df[t] <= CAP {
                    index.postings.entry(t.clone()).or_default().push(d);
                }
            }
            let destination = fold(r.destination.trim());
            if !destination.is_empty() {
                index
                    .destinations
                    .entry(destination.clone())
                    .or_default()
                    .push(d);
            }
            let topics: Vec<String> = r.topics.iter().map(|t| fold(t.trim())).collect();
            for t in &topics {
                index.topics.entry(t.clone()).or_default().push(d);
            }
            index.docs.push(Doc {
                at,
                destination,
                topics,
                start: super::terms::parse_date(r.start.as_deref()),
                terms,
                norm,
            });
        }
        index
    }

    /// The members' reports related to `page`, visited before `before` when given.
    fn query(&self, page: &Page, before: Option<NaiveDate>) -> Vec<MemberLink> {
        let Some(visit) = page.report.as_ref().map(|r| &r.visit) else {
            return Vec::new();
        };
        let destination = fold(visit.destination.trim());
        let topics: Vec<String> = visit.topics.iter().map(|t| fold(t.trim())).collect();
        let (counts, _) = term_counts(page);
        let unseen = idf(0, self.docs.len());
        let (terms, norm) = weighted(counts.into_iter().collect(), &self.idf, Some(unseen));
        let mut candidates: Vec<u32> = Vec::new();
        let lists = std::iter::once(self.destinations.get(&destination))
            .chain(topics.iter().map(|t| self.topics.get(t)))
            .chain(terms.keys().map(|t| self.postings.get(t)))
            .flatten();
        for list in lists {
            candidates.extend(list.iter().take(CAP));
        }
        candidates.sort_unstable();
        candidates.dedup();
        let mut links: Vec<MemberLink> = candidates
            .into_iter()
            .filter_map(|d| {
                let doc = &self.docs[d as usize];
                if before.is_some_and(|limit| doc.start.is_none_or(|s| s >= limit)) {
                    return None;
                }
                let dot: f32 = terms
                    .iter()
                    .filter_map(|(t, w)| Some(w * doc.terms.get(t)?))
                    .sum();
                let cosine = if norm > 0.0 && doc.norm > 0.0 {
                    dot / (norm * doc.norm)
                } else {
                    0.0
                };
                score(&destination, &topics, doc, cosine)
            })
            .collect();
        links.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| (a.member, a.report).cmp(&(b.member, b.report)))
        });
        links.truncate(MAX_LINKS);
        links
    }
}

/// The link to `doc` when it is related enough: the weights of [`crate::related`].
fn score(destination: &str, topics: &[String], doc: &Doc, cosine: f32) -> Option<MemberLink> {
    let same_destination = !destination.is_empty() && destination == doc.destination;
    let shared = topics.iter().filter(|t| doc.topics.contains(t)).count();
    let fewer = topics.len().min(doc.topics.len());
    let topic_share = if fewer == 0 {
        0.0
    } else {
        (shared as f32 / fewer as f32).min(1.0)
    };
    let score = 0.7 * f32::from(u8::from(same_destination)) + 0.8 * topic_share + 2.0 * cosine;
    let mut reasons = Vec::new();
    if same_destination {
        reasons.push(Reason::SameDestination);
    }
    if shared > 0 {
        reasons.push(Reason::SameTopic);
    }
    if cosine >= SIMILAR_TEXT {
        reasons.push(Reason::SimilarText);
    }
    (score >= MIN_SCORE && !reasons.is_empty()).then_some(MemberLink {
        member: doc.at.0,
        report: doc.at.1,
        score,
        reasons,
    })
}

/// The members' reports related to every report and plan of a hub (nothing for a portal
/// without members).
pub fn compute(site: &Site) -> MemberRelated {
    if site.network.iter().all(|m| m.data.is_none()) {
        return MemberRelated::default();
    }
    let index = Index::of(site);
    MemberRelated {
        of_page: site
            .pages
            .par_iter()
            .map(|p| {
                if p.is_report() {
                    index.query(p, None)
                } else {
                    Vec::new()
                }
            })
            .collect(),
        of_plan: site
            .plans
            .par_iter()
            .map(|p| {
                let start = p.report.as_ref().and_then(|r| r.visit.start);
                index.query(p, start)
            })
            .collect(),
    }
}
