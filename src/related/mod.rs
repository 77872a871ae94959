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
use std::path::{Path, PathBuf};

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
/// The most reports a term may be found in and still find candidates (see `compute`).
const MAX_DF_CAP: usize = 500;
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

/// What is compared of one report or plan. Destinations, hosts, topics and units are
/// interned ([`Keys`]): comparing them is comparing integers.
struct Doc {
    unit: u32,
    /// `None` when the page names no destination.
    destination: Option<u32>,
    hosts: Vec<u32>,
    topics: Vec<u32>,
    start: Option<NaiveDate>,
    date: Option<NaiveDate>,
    /// The [`QUERY_TERMS`] heaviest terms: id and BM25 weight, heaviest first (ids are of the
    /// reports' vocabulary). Only these are looked up in the index.
    terms: Vec<(u32, f32)>,
    /// Euclidean norm of the weights of all the text's terms.
    norm: f32,
}

/// Interned keys (folded destinations, hosts, topics and units).
#[derive(Default)]
struct Keys(HashMap<String, u32, foldhash::fast::RandomState>);

impl Keys {
    fn id(&mut self, s: &str) -> u32 {
        let k = key(s);
        let next = self.0.len() as u32;
        *self.0.entry(k).or_insert(next)
    }
}

/// The reports' inverted indexes.
struct Index {
    /// Term id → (report, weight), for the terms rare enough to find candidates by (found in
    /// at most `max_df` reports); common terms have an empty list.
    postings: Vec<Vec<(u32, f32)>>,
    destinations: HashMap<u32, Vec<u32>>,
    hosts: HashMap<u32, Vec<u32>>,
    topics: HashMap<u32, Vec<u32>>,
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

/// Reports whose terms are counted at once: the terms of a chunk are turned into integer ids
/// before the next chunk is read, so that the whole portal's terms are never held as strings.
const CHUNK: usize = 2048;

/// A text's terms as vocabulary ids with their counts, and its length in terms.
type Counts = (Vec<(u32, u32)>, u32);

/// Terms are counted for every report and plan, but only reports make the vocabulary.
#[derive(Default)]
struct Vocabulary {
    ids: HashMap<Term, u32, foldhash::fast::RandomState>,
    /// By term id: in how many reports it occurs.
    df: Vec<u32>,
}

impl Vocabulary {
    /// Counts the terms of `pages` (in parallel, chunk by chunk), adding them to the
    /// vocabulary when `grow`; terms outside the vocabulary are dropped otherwise.
    fn count(&mut self, pages: &[&Page], grow: bool) -> Vec<Counts> {
        let mut out = Vec::with_capacity(pages.len());
        for chunk in pages.chunks(CHUNK) {
            let counted: Vec<(Vec<(Term, u32)>, u32)> =
                chunk.par_iter().map(|p| text::term_counts(p)).collect();
            for (terms, len) in counted {
                let ids = terms
                    .into_iter()
                    .filter_map(|(t, tf)| {
                        let id = match self.ids.get(&t) {
                            Some(&id) => id,
                            None if grow => {
                                let id = self.df.len() as u32;
                                self.ids.insert(t, id);
                                self.df.push(0);
                                id
                            }
                            None => return None,
                        };
                        if grow {
                            self.df[id as usize] += 1;
                        }
                        Some((id, tf))
                    })
                    .collect();
                out.push((ids, len));
            }
        }
        out
    }
}

impl Related {
    /// Computes the related reports of every report of `pages` and of every plan of `plans`.
    pub fn compute(pages: &[Page], plans: &[Page]) -> Related {
        let watch = crate::timings::Stopwatch::nested(2);
        let report_ids: Vec<usize> = (0..pages.len()).filter(|&i| pages[i].is_report()).collect();
        let reports: Vec<&Page> = report_ids.iter().map(|&i| &pages[i]).collect();
        let mut vocab = Vocabulary::default();
        let counted = vocab.count(&reports, true);
        let plan_refs: Vec<&Page> = plans.iter().collect();
        let plan_counts = vocab.count(&plan_refs, false);
        let df = std::mem::take(&mut vocab.df);
        drop(vocab);
        watch.lap("(related: terms)");
        let n = report_ids.len();
        // Terms found in more reports than this are too common to find candidates by. The
        // cap keeps a query's cost the same from 10,000 reports on (each report's query walks
        // the postings of its terms: without it, the work grows with n² — 560 s at 100,000).
        let max_df = (n / 20).clamp(30, MAX_DF_CAP);
        let avg_len = if n == 0 {
            1.0
        } else {
            counted.iter().map(|(_, l)| *l as f32).sum::<f32>() / n as f32
        };
        let idf: Vec<f32> = df.iter().map(|&d| text::idf(d as usize, n)).collect();
        let weigh = |(terms, len): &Counts| -> Vec<(u32, f32)> {
            terms
                .iter()
                .map(|&(id, tf)| (id, text::weight(tf, *len, avg_len, idf[id as usize])))
                .collect()
        };
        let mut keys = Keys::default();
        let mut index = Index {
            postings: vec![Vec::new(); df.len()],
            destinations: HashMap::new(),
            hosts: HashMap::new(),
            topics: HashMap::new(),
        };
        let mut docs = Vec::with_capacity(n);
        for (d, (page, c)) in reports.iter().zip(&counted).enumerate() {
            let weights = weigh(c);
            for &(t, w) in &weights {
                if df[t as usize] as usize <= max_df {
                    index.postings[t as usize].push((d as u32, w));
                }
            }
            let doc = doc(page, weights, &mut keys);
            index.add(d as u32, &doc);
            docs.push(doc);
        }
        drop(counted);
        let plan_docs: Vec<Doc> = plans
            .iter()
            .zip(&plan_counts)
            .map(|(p, c)| doc(p, weigh(c), &mut keys))
            .collect();
        watch.lap("(related: index)");
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
        watch.lap("(related: queries)");
        Related {
            of_page,
            of_plan,
            repeats,
        }
    }
}

/// Related reports kept from one load of `tilik serve` to the next, by source path: a
/// rebuild shows the edited page with them at once (page indexes remapped), and computes the
/// fresh ones after (see [`crate::Staged::finish`]).
#[derive(Clone, Debug, Default)]
pub struct Kept {
    pages: Vec<PathBuf>,
    plans: Vec<PathBuf>,
    related: Related,
}

impl Related {
    /// Keeps these related reports of `pages` and `plans` for a later load.
    pub fn keep(&self, pages: &[Page], plans: &[Page]) -> Kept {
        let paths = |p: &[Page]| p.iter().map(|p| p.source.path.clone()).collect();
        Kept {
            pages: paths(pages),
            plans: paths(plans),
            related: self.clone(),
        }
    }
}

impl Kept {
    /// The kept related reports for a site of `pages` and `plans`: the lists of the pages and
    /// plans that were there, without the pages that are not there any more.
    pub fn for_site(&self, pages: &[Page], plans: &[Page]) -> Related {
        let now: HashMap<&Path, usize> = pages
            .iter()
            .enumerate()
            .map(|(i, p)| (p.source.path.as_path(), i))
            .collect();
        let moved: Vec<Option<usize>> = self
            .pages
            .iter()
            .map(|p| now.get(p.as_path()).copied())
            .collect();
        let links = |old: &[Link]| -> Vec<Link> {
            old.iter()
                .filter_map(|l| {
                    let page = (*moved.get(l.page)?)?;
                    Some(Link { page, ..l.clone() })
                })
                .collect()
        };
        let mut of_page = vec![Vec::new(); pages.len()];
        for (old, list) in self.related.of_page.iter().enumerate() {
            if let Some(Some(new)) = moved.get(old) {
                of_page[*new] = links(list);
            }
        }
        let kept_plans: HashMap<&Path, usize> = self
            .plans
            .iter()
            .enumerate()
            .map(|(i, p)| (p.as_path(), i))
            .collect();
        let mut of_plan = Vec::with_capacity(plans.len());
        let mut repeats = Vec::with_capacity(plans.len());
        for plan in plans {
            let old = kept_plans.get(plan.source.path.as_path()).copied();
            of_plan.push(
                old.and_then(|o| self.related.of_plan.get(o))
                    .map_or_else(Vec::new, |l| links(l)),
            );
            repeats.push(
                old.and_then(|o| self.related.repeats.get(o))
                    .map_or_else(Vec::new, |r| {
                        r.iter().filter_map(|&p| *moved.get(p)?).collect()
                    }),
            );
        }
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

/// The comparable parts of a page, with the weights of its text's terms.
fn doc(page: &Page, mut weights: Vec<(u32, f32)>, keys: &mut Keys) -> Doc {
    let norm = weights.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    weights.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    weights.truncate(QUERY_TERMS);
    weights.shrink_to_fit();
    let visit = page.report.as_ref().map(|r| &r.visit);
    Doc {
        unit: keys.id(visit.map_or("", |v| &v.unit)),
        destination: visit
            .map(|v| key(&v.destination))
            .filter(|d| !d.is_empty())
            .map(|d| keys.id(&d)),
        hosts: visit
            .map(|v| v.hosts.iter().map(|h| keys.id(h)).collect())
            .unwrap_or_default(),
        topics: visit
            .map(|v| v.topics.iter().map(|t| keys.id(t)).collect())
            .unwrap_or_default(),
        start: visit.and_then(|v| v.start),
        date: page.meta.date,
        terms: weights,
        norm,
    }
}

impl Index {
    /// Adds report `d`'s destination, hosts and topics to the structural indexes.
    fn add(&mut self, d: u32, doc: &Doc) {
        if let Some(dest) = doc.destination {
            self.destinations.entry(dest).or_default().push(d);
        }
        for &h in &doc.hosts {
            self.hosts.entry(h).or_default().push(d);
        }
        for &t in &doc.topics {
            self.topics.entry(t).or_default().push(d);
        }
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
        for &(t, w) in &q.terms {
            for &(d, wd) in &self.postings[t as usize] {
                touch(s, d, w * wd);
            }
        }
        let structural = std::iter::once(q.destination.and_then(|d| self.destinations.get(&d)))
            .chain(q.hosts.iter().map(|h| self.hosts.get(h)))
            .chain(q.topics.iter().map(|t| self.topics.get(t)))
            .flatten();
        for list in structural {
            for &d in list.iter().take(STRUCTURAL_CAP) {
                touch(s, d, 0.0);
            }
        }
        // The best MAX_LINKS so far, best first.
        let mut best: Vec<(Scored, Option<NaiveDate>)> = Vec::with_capacity(MAX_LINKS + 1);
        let better = |(a, da): &(Scored, Option<NaiveDate>),
                      (b, db): &(Scored, Option<NaiveDate>)| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| db.cmp(da))
                .then_with(|| a.page.cmp(&b.page))
        };
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
            if let Some(found) = scored(q, other, cosine, report_ids[d as usize]) {
                let entry = (found, other.date);
                let at = best.partition_point(|b| better(b, &entry).is_lt());
                if at < MAX_LINKS {
                    best.insert(at, entry);
                    best.truncate(MAX_LINKS);
                }
            }
        }
        best.into_iter().map(|(l, _)| l.link()).collect()
    }

    /// Earlier reports of the plan's unit to its destination on a shared topic, within
    /// [`REPEAT_DAYS`] before its start.
    fn repeats(&self, plan: &Doc, docs: &[Doc], report_ids: &[usize]) -> Vec<usize> {
        let Some(start) = plan.start else {
            return Vec::new();
        };
        let Some(list) = plan.destination.and_then(|d| self.destinations.get(&d)) else {
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

/// A candidate's score and reasons (a bit per [`Reason`]), before it becomes a [`Link`].
#[derive(Clone, Copy, Debug)]
struct Scored {
    page: usize,
    score: f32,
    reasons: u8,
}

const REASONS: [Reason; 3] = [
    Reason::SameDestination,
    Reason::SameTopic,
    Reason::SimilarText,
];

impl Scored {
    fn link(self) -> Link {
        Link {
            page: self.page,
            score: self.score,
            reasons: (0..REASONS.len())
                .filter(|i| self.reasons & (1 << i) != 0)
                .map(|i| REASONS[i])
                .collect(),
        }
    }
}

/// The link to `other` with its score and reasons, when it is related enough.
#[cfg(test)]
fn score(q: &Doc, other: &Doc, cosine: f32, page: usize) -> Option<Link> {
    scored(q, other, cosine, page).map(Scored::link)
}

/// `other`'s score and reasons as a candidate related to `q`, when it is related enough.
fn scored(q: &Doc, other: &Doc, cosine: f32, page: usize) -> Option<Scored> {
    let same_destination = q.destination.is_some() && q.destination == other.destination;
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
    let reasons = u8::from(same_destination || shared_host)
        | u8::from(shared_topics > 0) << 1
        | u8::from(cosine >= SIMILAR_TEXT) << 2;
    (score >= MIN_SCORE && reasons != 0).then_some(Scored {
        page,
        score,
        reasons,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(dest: &str, topics: &[&str], hosts: &[&str]) -> Doc {
        thread_local!(static KEYS: std::cell::RefCell<Keys> = Default::default());
        KEYS.with(|k| {
            let mut k = k.borrow_mut();
            Doc {
                unit: k.id("u"),
                destination: Some(k.id(dest)),
                hosts: hosts.iter().map(|s| k.id(s)).collect(),
                topics: topics.iter().map(|s| k.id(s)).collect(),
                start: None,
                date: None,
                terms: Vec::new(),
                norm: 0.0,
            }
        })
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
