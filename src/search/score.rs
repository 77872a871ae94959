//! How much each field of a page weighs, and the score of a term in a page.
//!
//! A term's score in a page adds, over the fields, `weight × tf × (K + 1) / (tf + K × norm)`
//! (BM25's saturation: repeating a word helps less and less), where `norm` is 1 except in the
//! body, whose length is normalised against the average body (`B` = 0.75). The score is stored
//! as an integer in half points, at least 1; `search.js` multiplies it by the term's rarity.
//! The index stores it shifted left by one bit, the low bit set when the page has the term as
//! a word of its own (`tulis`, not only `menulis`): a query for the root ranks those pages
//! first (an exact match above a stem match).

use super::analyser::{analyse_with, analyse_words_with, Lang, Term};
use super::index::SearchDocument;
use std::collections::HashMap;
use std::collections::HashSet;

/// Weight of a title hit.
pub const TITLE: f64 = 12.0;
/// Weight of a hit in the unit, the topics or the destination.
pub const FACETS: f64 = 6.0;
/// Weight of a hit in the summary, a heading, or the year.
pub const SUMMARY: f64 = 4.0;
/// Weight of a hit in a recommendation.
pub const RECOMMENDATION: f64 = 2.0;
/// Weight of a hit in the body.
pub const BODY: f64 = 1.0;

const K: f64 = 1.2;
const B: f64 = 0.75;

/// Term frequencies of one page, per field weight, plus the body length in words.
pub struct Counts {
    /// For each term (in no particular order): (field weight, occurrences) pairs, one per
    /// field text the term occurs in.
    pub terms: Vec<(Term, Vec<(f64, u32)>)>,
    /// Number of words in the body.
    pub body_len: usize,
    /// Terms that occur as words of their own (the word is its own stem).
    pub bare: HashSet<Term, foldhash::fast::FixedState>,
}

/// Counts the terms of every field of `doc`.
pub fn count(doc: &SearchDocument) -> Counts {
    let lang = Lang::from_code(&doc.lang);
    let year = doc.year.map(|y| y.to_string()).unwrap_or_default();
    let names = match doc.names_lang.as_str() {
        "" => lang,
        code => Lang::from_code(code),
    };
    let mut fields: Vec<(f64, &str, Lang)> =
        vec![(TITLE, &doc.title, lang), (SUMMARY, &doc.summary, lang)];
    for s in [&doc.unit, &doc.destination].into_iter().flatten() {
        fields.push((FACETS, s, names));
    }
    fields.extend(doc.topics.iter().map(|t| (FACETS, t.as_str(), names)));
    fields.extend(doc.headings.iter().map(|h| (SUMMARY, h.as_str(), lang)));
    fields.push((SUMMARY, &year, lang));
    fields.extend(
        doc.recommendations
            .iter()
            .map(|r| (RECOMMENDATION, r.as_str(), lang)),
    );
    let hasher = foldhash::fast::FixedState::default();
    // Term → its place in `terms`; term frequencies of the current field text.
    let mut slots: HashMap<Term, usize, _> = HashMap::with_hasher(hasher);
    let mut terms: Vec<(Term, Vec<(f64, u32)>)> = Vec::new();
    let mut tf: HashMap<Term, u32, _> = HashMap::with_hasher(hasher);
    let mut bare: HashSet<Term, _> = HashSet::with_hasher(hasher);
    let mut add = |weight: f64, text: &str, lang: Lang| {
        let mut words = 0;
        analyse_words_with(text, lang, |word, candidates| {
            words += 1;
            if let Some(t) = candidates.iter().find(|t| &***t == word) {
                if !bare.contains(t) {
                    bare.insert(t.clone());
                }
            }
            for t in candidates {
                match tf.get_mut(t) {
                    Some(n) => *n += 1,
                    None => {
                        tf.insert(t.clone(), 1);
                    }
                }
            }
        });
        for (t, n) in tf.drain() {
            let slot = match slots.get(&t) {
                Some(&slot) => slot,
                None => {
                    slots.insert(t.clone(), terms.len());
                    terms.push((t, Vec::new()));
                    terms.len() - 1
                }
            };
            terms[slot].1.push((weight, n));
        }
        words
    };
    for (weight, text, lang) in fields {
        add(weight, text, lang);
    }
    let body_len = add(BODY, &doc.body, lang);
    Counts {
        terms,
        body_len,
        bare,
    }
}

/// Number of words in the body of `doc`, as [`count`] gives it.
pub fn body_len(doc: &SearchDocument) -> usize {
    let mut words = 0;
    analyse_with(&doc.body, Lang::from_code(&doc.lang), |_| words += 1);
    words
}

/// The stored score (half points, 1 to 4095) of a term from its per-field counts.
pub fn score(fields: &[(f64, u32)], body_len: usize, avg_body_len: f64) -> u32 {
    let norm = if avg_body_len > 0.0 {
        1.0 - B + B * body_len as f64 / avg_body_len
    } else {
        1.0
    };
    let s: f64 = fields
        .iter()
        .map(|&(w, tf)| {
            let tf = f64::from(tf);
            let n = if w == BODY { norm } else { 1.0 };
            w * tf * (K + 1.0) / (tf + K * n)
        })
        .sum();
    ((s * 2.0).round() as u32).clamp(1, 4095)
}
