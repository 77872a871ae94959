//! Related reports: for every report its "Laporan terkait", for every visit plan its prior-visit
//! review ("Kajian awal"), and the plans that repeat a visit their own unit already reported.
//!
//! A report is related to another by three signals, each a reason shown to readers:
//!
//! * **tujuan sama**: the same destination (or a host institution in common);
//! * **topik sama**: topics in common;
//! * **isi mirip**: similar text (title, summary, objectives, questions, findings), the cosine
//!   of the two texts' BM25 term weights (see [`text`]).
//!
//! Candidates come from inverted indexes (destination, host, topic, and the rarest terms of a
//! text), never from comparing all pairs: a portal of 10,000 reports compares each with a few
//! hundred candidates at most.

pub mod text;

use std::collections::HashMap;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;

use crate::model::site::Page;
use crate::search::analyser::{fold, Term};

/// Related reports shown on a report page, and in a plan's review, at most.
pub const MAX_LINKS: usize = 5;
/// The least score a related report needs.
pub const MIN_SCORE: f32 = 0.6;
/// Text similarity (cosine) from which "isi mirip" is a reason.
pub const SIMILAR_TEXT: f32 = 0.2;
/// A text's terms looked up in the index: its heaviest ones.
const QUERY_TERMS: usize = 24;
/// Entries of one destination, host or topic list taken as candidates (newest first).
const STRUCTURAL_CAP: usize = 300;
/// How far back the "same unit already went there" warning looks.
pub const REPEAT_DAYS: i64 = 730;

/// Why a report was picked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Reason {
    /// Same destination or a host in common.
    #[serde(rename = "tujuan-sama")]
    SameDestination,
    /// Topics in common.
    #[serde(rename = "topik-sama")]
    SameTopic,
    /// Similar text.
    #[serde(rename = "isi-mirip")]
    SimilarText,
}

impl Reason {
    /// The reason as readers see it in Indonesian (the theme translates the key).
    pub fn label(self) -> &'static str {
        match self {
            Reason::SameDestination => "tujuan sama",
            Reason::SameTopic => "topik sama",
            Reason::SimilarText => "isi mirip",
        }
    }

    /// The reason in English, for messages.
    pub fn label_en(self) -> &'static str {
        match self {
            Reason::SameDestination => "same destination",
            Reason::SameTopic => "same topic",
            Reason::SimilarText => "similar content",
        }
    }
}

/// One related report.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    /// Index of the report in `Site::pages`.
    pub page: usize,
    /// How related (higher is closer).
    pub score: f32,
    /// Why, strongest first.
    pub reasons: Vec<Reason>,
}

/// Related reports of a whole site.
#[derive(Clone, Debug, Default)]
pub struct Related {
    /// By index in `Site::pages`: the related reports of each report (empty for other pages).
    pub of_page: Vec<Vec<Link>>,
    /// By index in `Site::plans`: the earlier reports most related to each plan.
    pub of_plan: Vec<Vec<Link>>,
    /// By index in `Site::plans`: earlier reports of the plan's own unit to the same
    /// destination on a shared topic within [`REPEAT_DAYS`] before it.
    pub repeats: Vec<Vec<usize>>,
}

/// What is compared of one report or plan.
struct Doc {
    unit: String,
    destination: String,
    hosts: Vec<String>,
    topics: Vec<String>,
    start: Option<NaiveDate>,
    date: Option<NaiveDate>,
    /// Term id and BM25 weight, heaviest first (ids are of the reports' vocabulary).
    terms: Vec<(u32, f32)>,
    /// Euclidean norm of the weights.
    norm: f32,
}

/// The reports' inverted indexes.
struct Index {
    /// Term id → (report, weight).
    postings: Vec<Vec<(u32, f32)>>,
    destinations: HashMap<String, Vec<u32>>,
    hosts: HashMap<String, Vec<u32>>,
    topics: HashMap<String, Vec<u32>>,
    /// Terms found in more reports than this are too common to find candidates by.
    max_df: usize,
}

/// Per-thread scratch space of a query: a dense accumulator and the entries touched.
struct Scratch {
    acc: Vec<Acc>,
    touched: Vec<u32>,
}

#[derive(Clone, Copy, Default)]
struct Acc {
    seen: bool,
    dot: f32,
}

impl Related {
    /// Computes the related reports of every report of `pages` and of every plan of `plans`.
    pub fn compute(pages: &[Page], plans: &[Page]) -> Related {
        let report_ids: Vec<usize> = (0..pages.len()).filter(|&i| pages[i].is_report()).collect();
        let counted: Vec<(Vec<(Term, u32)>, u32)> = report_ids
            .par_iter()
            .map(|&i| text::term_counts(&pages[i]))
            .collect();
        let plan_counts: Vec<(Vec<(Term, u32)>, u32)> =
            plans.par_iter().map(text::term_counts).collect();
        // The vocabulary and document frequencies of the reports.
        let mut vocab: HashMap<Term, u32, foldhash::fast::RandomState> = HashMap::default();
        let mut df: Vec<usize> = Vec::new();
        for (terms, _) in &counted {
            for (t, _) in terms {
                let next = vocab.len() as u32;
                let id = *vocab.entry(t.clone()).or_insert(next);
                if id as usize == df.len() {
                    df.push(0);
                }
                df[id as usize] += 1;
            }
        }
        let n = report_ids.len();
        let avg_len = if n == 0 {
            1.0
        } else {
            counted.iter().map(|(_, l)| *l as f32).sum::<f32>() / n as f32
        };
        let idf: Vec<f32> = df.iter().map(|&d| text::idf(d, n)).collect();
        let weigh = |(terms, len): &(Vec<(Term, u32)>, u32)| -> (Vec<(u32, f32)>, f32) {
            let mut out: Vec<(u32, f32)> = terms
                .iter()
                .filter_map(|(t, tf)| {
                    let id = *vocab.get(t)?;
                    Some((id, text::weight(*tf, *len, avg_len, idf[id as usize])))
                })
                .collect();
            out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            let norm = out.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
            (out, norm)
        };
        let docs: Vec<Doc> = report_ids
            .iter()
            .zip(&counted)
            .map(|(&i, c)| doc(&pages[i], weigh(c)))
            .collect();
        let plan_docs: Vec<Doc> = plans
            .iter()
            .zip(&plan_counts)
            .map(|(p, c)| doc(p, weigh(c)))
            .collect();
        drop((counted, plan_counts));
        let index = Index::of(&docs, vocab.len(), n);
        let new_scratch = || Scratch {
            acc: vec![Acc::default(); n],
            touched: Vec::new(),
        };
        let by_report: Vec<Vec<Link>> = (0..docs.len())
            .into_par_iter()
            .map_init(new_scratch, |s, d| {
                index.query(&docs[d], &docs, Some(d as u32), None, s, &report_ids)
            })
            .collect();
        let mut of_page = vec![Vec::new(); pages.len()];
        for (&i, links) in report_ids.iter().zip(by_report) {
            of_page[i] = links;
        }
        let of_plan: Vec<Vec<Link>> = plan_docs
            .par_iter()
            .map_init(new_scratch, |s, plan| {
                index.query(plan, &docs, None, plan.start, s, &report_ids)
            })
            .collect();
        let repeats = plan_docs
            .iter()
            .map(|plan| index.repeats(plan, &docs, &report_ids))
            .collect();
        Related {
            of_page,
            of_plan,
            repeats,
        }
    }
}

fn key(s: &str) -> String {
    fold(s.trim())
}

fn doc(page: &Page, (terms, norm): (Vec<(u32, f32)>, f32)) -> Doc {
    let visit = page.report.as_ref().map(|r| &r.visit);
    Doc {
        unit: visit.map(|v| key(&v.unit)).unwrap_or_default(),
        destination: visit.map(|v| key(&v.destination)).unwrap_or_default(),
        hosts: visit
            .map(|v| v.hosts.iter().map(|h| key(h)).collect())
            .unwrap_or_default(),
        topics: visit
            .map(|v| v.topics.iter().map(|t| key(t)).collect())
            .unwrap_or_default(),
        start: visit.and_then(|v| v.start),
        date: page.meta.date,
        terms,
        norm,
    }
}

impl Index {
    fn of(docs: &[Doc], vocab: usize, n: usize) -> Index {
        let mut index = Index {
            postings: vec![Vec::new(); vocab],
            destinations: HashMap::new(),
            hosts: HashMap::new(),
            topics: HashMap::new(),
            max_df: (n / 20).max(30),
        };
        for (d, doc) in docs.iter().enumerate() {
            let d = d as u32;
            for &(t, w) in &doc.terms {
                index.postings[t as usize].push((d, w));
            }
            if !doc.destination.is_empty() {
                index
                    .destinations
                    .entry(doc.destination.clone())
                    .or_default()
                    .push(d);
            }
            for h in &doc.hosts {
                index.hosts.entry(h.clone()).or_default().push(d);
            }
            for t in &doc.topics {
                index.topics.entry(t.clone()).or_default().push(d);
            }
        }
        index
    }

    /// The related reports of `q`: not `me`, and visited before `before` when given.
    fn query(
        &self,
        q: &Doc,
        docs: &[Doc],
        me: Option<u32>,
        before: Option<NaiveDate>,
        s: &mut Scratch,
        report_ids: &[usize],
    ) -> Vec<Link> {
        let touch = |s: &mut Scratch, d: u32, dot: f32| {
            let acc = &mut s.acc[d as usize];
            if !acc.seen {
                acc.seen = true;
                s.touched.push(d);
            }
            acc.dot += dot;
        };
        for &(t, w) in q.terms.iter().take(QUERY_TERMS) {
            let posting = &self.postings[t as usize];
            if posting.len() > self.max_df {
                continue;
            }
            for &(d, wd) in posting {
                touch(s, d, w * wd);
            }
        }
        let structural = std::iter::once(self.destinations.get(&q.destination))
            .chain(q.hosts.iter().map(|h| self.hosts.get(h)))
            .chain(q.topics.iter().map(|t| self.topics.get(t)))
            .flatten();
        for list in structural {
            for &d in list.iter().take(STRUCTURAL_CAP) {
                touch(s, d, 0.0);
            }
        }
        let mut links = Vec::new();
        for d in s.touched.drain(..) {
            let acc = std::mem::take(&mut s.acc[d as usize]);
            if Some(d) == me {
                continue;
            }
            let other = &docs[d as usize];
            if let Some(limit) = before {
                if other.start.is_none_or(|st| st >= limit) {
                    continue;
                }
            }
            let cosine = if q.norm > 0.0 && other.norm > 0.0 {
                acc.dot / (q.norm * other.norm)
            } else {
                0.0
            };
            if let Some(link) = score(q, other, cosine, report_ids[d as usize]) {
                links.push((link, other.date));
            }
        }
        links.sort_by(|(a, da), (b, db)| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| db.cmp(da))
                .then_with(|| a.page.cmp(&b.page))
        });
        links.truncate(MAX_LINKS);
        links.into_iter().map(|(l, _)| l).collect()
    }

    /// Earlier reports of the plan's unit to its destination on a shared topic, within
    /// [`REPEAT_DAYS`] before its start.
    fn repeats(&self, plan: &Doc, docs: &[Doc], report_ids: &[usize]) -> Vec<usize> {
        let Some(start) = plan.start else {
            return Vec::new();
        };
        let Some(list) = self.destinations.get(&plan.destination) else {
            return Vec::new();
        };
        list.iter()
            .filter(|&&d| {
                let r = &docs[d as usize];
                r.unit == plan.unit
                    && r.topics.iter().any(|t| plan.topics.contains(t))
                    && r.start
                        .is_some_and(|s| s <= start && (start - s).num_days() <= REPEAT_DAYS)
            })
            .map(|&d| report_ids[d as usize])
            .collect()
    }
}

/// The link to `other` with its score and reasons, when it is related enough.
fn score(q: &Doc, other: &Doc, cosine: f32, page: usize) -> Option<Link> {
    let same_destination = !q.destination.is_empty() && q.destination == other.destination;
    let shared_host = q.hosts.iter().any(|h| other.hosts.contains(h));
    let shared_topics = q.topics.iter().filter(|t| other.topics.contains(t)).count();
    // Shared topics over the topics of the report with fewer: a report on one topic that the
    // other also covers is fully on topic.
    let fewer = q.topics.len().min(other.topics.len());
    let topic_share = if fewer == 0 {
        0.0
    } else {
        (shared_topics as f32 / fewer as f32).min(1.0)
    };
    let score = 0.7 * f32::from(u8::from(same_destination))
        + 0.4 * f32::from(u8::from(shared_host))
        + 0.8 * topic_share
        + 2.0 * cosine;
    let mut reasons = Vec::new();
    if same_destination || shared_host {
        reasons.push(Reason::SameDestination);
    }
    if shared_topics > 0 {
        reasons.push(Reason::SameTopic);
    }
    if cosine >= SIMILAR_TEXT {
        reasons.push(Reason::SimilarText);
    }
    (score >= MIN_SCORE && !reasons.is_empty()).then_some(Link {
        page,
        score,
        reasons,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(dest: &str, topics: &[&str], hosts: &[&str]) -> Doc {
        Doc {
            unit: "u".into(),
            destination: dest.into(),
            hosts: hosts.iter().map(|s| s.to_string()).collect(),
            topics: topics.iter().map(|s| s.to_string()).collect(),
            start: None,
            date: None,
            terms: Vec::new(),
            norm: 0.0,
        }
    }

    #[test]
    fn reasons_follow_the_signals() {
        let q = d("surabaya", &["sampah", "bank sampah"], &[]);
        let same_place = score(&q, &d("surabaya", &["air"], &[]), 0.0, 1).unwrap();
        assert_eq!(same_place.reasons, [Reason::SameDestination]);
        let both = score(&q, &d("surabaya", &["sampah"], &[]), 0.3, 1).unwrap();
        assert_eq!(
            both.reasons,
            [
                Reason::SameDestination,
                Reason::SameTopic,
                Reason::SimilarText
            ]
        );
        assert!(both.score > same_place.score);
        // Half the topics and nothing else is not enough.
        assert!(score(&q, &d("bandung", &["sampah", "air"], &[]), 0.0, 1).is_none());
        // A report on one of the query's topics only is on topic.
        assert!(score(&q, &d("bandung", &["sampah"], &[]), 0.0, 1).is_some());
        // Text alone must be clearly similar.
        assert!(score(&q, &d("bandung", &[], &[]), 0.25, 1).is_none());
        assert!(score(&q, &d("bandung", &[], &[]), 0.35, 1).is_some());
        let host = score(&d("x", &[], &["dlh"]), &d("y", &[], &["dlh"]), 0.15, 1).unwrap();
        assert_eq!(host.reasons, [Reason::SameDestination]);
    }
}
