//! Term shards: the postings of all terms, in term order, cut into files of at most a byte
//! budget each; plus, per first letter, the list of terms (for typo tolerance).
//!
//! A shard is a JSON array with one entry per term:
//!
//! - `[term, postings]`: `postings` is the varint string of (gap to the previous page number,
//!   score) pairs (the score shifted left by one bit, the low bit telling whether the page has
//!   the term as a word of its own: [`super::score`]);
//! - `[term, head, max, tail, hash]` for a common term whose postings are longer than the head
//!   budget: `head` holds only its best-scored postings (as above, in page order); `max` is
//!   the highest score (in half points) of the others, the *tail*; `tail` is the set of the
//!   tail's page numbers ([`members`]); `hash` names the file `s/<hash>.js` that holds the
//!   tail's stored scores, in page order, as one varint string. A first query ranks with the
//!   head and the bounds the tail allows, and loads the tail only when the bounds cannot
//!   settle the first results (see `search.js`).
//!
//! A term is never split over shards, so a query loads one shard per term; a term whose entry
//! is larger than the budget gets a shard of its own.

use super::encode::{push_varint, safe_json};
use super::files::Files;
use std::collections::BTreeMap;

/// One shard in the entry's table: first term, last term, content hash.
pub type ShardRef = (String, String, String);

/// The postings of one term: (page number, score), page numbers increasing.
pub type Postings = Vec<(u32, u32)>;

/// A term's postings as they are held until its shard entry is written: the index writer
/// keeps them packed and unpacks one term at a time (at 100,000 pages, tens of millions of
/// postings).
pub trait TermPostings {
    /// The postings, page numbers ascending.
    fn postings(&self) -> std::borrow::Cow<'_, Postings>;
}

impl TermPostings for Postings {
    fn postings(&self) -> std::borrow::Cow<'_, Postings> {
        std::borrow::Cow::Borrowed(self)
    }
}

/// Smallest shard budget accepted (a budget must hold at least one long term and a posting).
pub const MIN_BUDGET: usize = 1024;

/// Smallest head budget accepted.
pub const MIN_HEAD: usize = 8;

/// How the postings are cut into files.
#[derive(Clone, Copy, Debug)]
pub struct Layout {
    /// Largest shard file, in bytes (a single larger entry gets a shard of its own).
    pub shard_bytes: usize,
    /// Longest postings string kept whole; longer ones are cut into a head and a tail.
    pub head_bytes: usize,
    /// Number of pages (tail sets are subsets of `0..pages`).
    pub pages: u32,
}

/// Writes the shards, tails and dictionaries of `terms` (sorted in UTF-16 order); returns the
/// shard table and, for each first character, the hash of its dictionary file.
pub fn write<P: TermPostings>(
    terms: &[(String, P)],
    layout: Layout,
    files: &mut Files,
) -> (Vec<ShardRef>, BTreeMap<String, String>) {
    let room = layout.shard_bytes.max(MIN_BUDGET) - Files::overhead("t") - 2;
    let head_bytes = layout.head_bytes.clamp(MIN_HEAD, room / 2);
    let mut table = Vec::new();
    // Entries of the shard being filled (JSON text each) and their total length.
    let mut shard: Vec<(&str, String)> = Vec::new();
    let mut size = 0;
    for (term, postings) in terms {
        let entry = term_entry(term, &postings.postings(), head_bytes, layout.pages, files);
        if !shard.is_empty() && size + entry.len() + 1 > room {
            table.push(flush(&mut shard, files));
            size = 0;
        }
        size += entry.len() + 1;
        shard.push((term, entry));
    }
    if !shard.is_empty() {
        table.push(flush(&mut shard, files));
    }
    (table, dictionaries(terms, files))
}

/// Writes the shard of `entries` (not empty) and empties it; returns its line of the table.
fn flush(entries: &mut Vec<(&str, String)>, files: &mut Files) -> ShardRef {
    let first = entries.first().map(|e| e.0.to_string()).unwrap_or_default();
    let last = entries.last().map(|e| e.0.to_string()).unwrap_or_default();
    let json = format!(
        "[{}]",
        entries
            .iter()
            .map(|(_, e)| e.as_str())
            .collect::<Vec<_>>()
            .join(",")
    );
    entries.clear();
    (first, last, files.add("t", &json))
}

/// The JSON of one term's shard entry; writes its tail file when it has one.
fn term_entry(
    term: &str,
    postings: &Postings,
    head_bytes: usize,
    pages: u32,
    files: &mut Files,
) -> String {
    let whole = encode(postings);
    if whole.len() <= head_bytes {
        return format!("[{},\"{whole}\"]", safe_json(term));
    }
    let (head, tail) = split(postings, head_bytes);
    let max = tail.iter().map(|&(_, s)| s >> 1).max().unwrap_or(0);
    let ids: Vec<u32> = tail.iter().map(|&(id, _)| id).collect();
    let mut scores = String::new();
    for &(_, s) in &tail {
        push_varint(&mut scores, u64::from(s));
    }
    let hash = files.add("s", &safe_json(&scores));
    format!(
        "[{},\"{}\",{max},\"{}\",\"{hash}\"]",
        safe_json(term),
        encode(&head),
        members(&ids, pages)
    )
}

/// The postings as one varint string of (gap, score) pairs.
fn encode(postings: &[(u32, u32)]) -> String {
    let mut out = String::new();
    let mut prev: i64 = -1;
    for &(id, score) in postings {
        push_varint(&mut out, (i64::from(id) - prev - 1) as u64);
        push_varint(&mut out, u64::from(score));
        prev = i64::from(id);
    }
    out
}

/// Cuts `postings` into the head (the best scores, whose encoding fits `head_bytes`) and the
/// tail, both in page order. Ties go to the lower page number (the order results are shown
/// in).
fn split(postings: &Postings, head_bytes: usize) -> (Postings, Postings) {
    let mut best: Vec<(u32, u32)> = postings.clone();
    best.sort_unstable_by(|a, b| (b.1 >> 1).cmp(&(a.1 >> 1)).then(a.0.cmp(&b.0)));
    let head_of = |k: usize| {
        let mut head = best[..k].to_vec();
        head.sort_unstable();
        head
    };
    // The largest head that fits (the encoding grows with the head).
    let (mut lo, mut hi) = (0, best.len() - 1);
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if encode(&head_of(mid)).len() <= head_bytes {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let mut tail = best[lo..].to_vec();
    tail.sort_unstable();
    (head_of(lo), tail)
}

/// A set of page numbers of `0..pages`, increasing, in the shortest of three encodings: the
/// gap list ([`super::encode::id_list`]); `~` and the gap list of the pages not in the set;
/// `.` and a bitmap, six pages per character of the varint alphabet (page `6k + b` is bit `b`
/// of character `k`).
pub fn members(ids: &[u32], pages: u32) -> String {
    let list = super::encode::id_list(ids);
    let mut set = vec![false; pages as usize];
    for &id in ids {
        if let Some(x) = set.get_mut(id as usize) {
            *x = true;
        }
    }
    let others: Vec<u32> = (0..pages).filter(|&i| !set[i as usize]).collect();
    let complement = format!("~{}", super::encode::id_list(&others));
    let bitmap: String = std::iter::once('.')
        .chain(set.chunks(6).map(|c| {
            let v = c
                .iter()
                .enumerate()
                .fold(0usize, |v, (b, &x)| v | usize::from(x) << b);
            super::encode::DIGITS[v] as char
        }))
        .collect();
    [list, complement, bitmap]
        .into_iter()
        .min_by_key(String::len)
        .unwrap_or_default()
}

/// One file per first character listing the terms that start with it.
fn dictionaries<P>(terms: &[(String, P)], files: &mut Files) -> BTreeMap<String, String> {
    let mut by_first: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for (t, _) in terms {
        if let Some(c) = t.chars().next() {
            by_first.entry(c.to_string()).or_default().push(t);
        }
    }
    by_first
        .into_iter()
        .map(|(c, list)| {
            let hash = files.add("d", &safe_json(&list));
            (c, hash)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_take_the_shortest_encoding() {
        assert_eq!(members(&[0, 1, 5], 100), "AAD");
        // All pages but two: the complement.
        let most: Vec<u32> = (0..100).filter(|&i| i != 3 && i != 50).collect();
        assert_eq!(members(&most, 100), "~DuB");
        // Every other page: a bitmap, pages 0, 2, 4 in the first character (0b010101).
        let half: Vec<u32> = (0..60).step_by(2).collect();
        let m = members(&half, 60);
        assert!(m.starts_with(".V"), "{m}");
        assert_eq!(m.len(), 11);
    }

    #[test]
    fn the_head_holds_the_best_scores_within_its_budget() {
        let postings: Postings = (0..200)
            .map(|i| (i, if i % 10 == 0 { 40 } else { 2 }))
            .collect();
        let (head, tail) = split(&postings, 60);
        assert!(encode(&head).len() <= 60);
        assert!(head.len() >= 20, "{head:?}");
        assert!(head.iter().take(20).all(|&(_, s)| s == 40));
        assert_eq!(head.len() + tail.len(), 200);
        assert!(tail.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(tail.iter().all(|&(_, s)| s == 2));
    }
}
