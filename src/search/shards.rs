//! Term shards: the postings of all terms, in term order, cut into files of at most a byte
//! budget each; plus, per first letter, the list of terms (for typo tolerance).
//!
//! A shard is a JSON array of `[term, postings]`; `postings` is the varint string of
//! (gap to the previous page number, score) pairs (the score shifted left by one bit, the low
//! bit telling whether the page has the term as a word of its own: [`super::score`]). A term whose postings do not fit in one
//! shard is split into pieces at posting boundaries, each piece starting afresh, in
//! consecutive shards; the entry's shard table gives the first and last term of each shard.
//! A term that fits in one shard is never split, so that a query loads one shard per term.

use super::encode::{push_varint, safe_json};
use super::files::Files;
use std::collections::BTreeMap;

/// One shard in the entry's table: first term, last term, content hash.
pub type ShardRef = (String, String, String);

/// The postings of one term: (page number, score), page numbers increasing.
pub type Postings = Vec<(u32, u32)>;

/// Smallest shard budget accepted (a budget must hold at least one long term and a posting).
pub const MIN_BUDGET: usize = 1024;

/// Writes the shards and dictionaries of `terms` (sorted in UTF-16 order); returns the shard
/// table and, for each first character, the hash of its dictionary file.
pub fn write(
    terms: &[(String, Postings)],
    budget: usize,
    files: &mut Files,
) -> (Vec<ShardRef>, BTreeMap<String, String>) {
    let room = budget.max(MIN_BUDGET) - Files::overhead("t") - 2;
    let mut table = Vec::new();
    let mut shard: Vec<(String, String)> = Vec::new();
    let mut size = 0;
    let mut flush = |shard: &mut Vec<(String, String)>, size: &mut usize| {
        if let (Some(first), Some(last)) = (shard.first(), shard.last()) {
            let (first, last) = (first.0.clone(), last.0.clone());
            let hash = files.add("t", &safe_json(&*shard));
            table.push((first, last, hash));
        }
        shard.clear();
        *size = 0;
    };
    for (term, postings) in terms {
        let fixed = safe_json(term).len() + 6; // ["term","…"],
                                               // A term that fits in a shard of its own is never split: it starts a new shard.
        if size + fixed + encoded_len(postings) > room && fixed + encoded_len(postings) <= room {
            flush(&mut shard, &mut size);
        }
        let mut piece = String::new();
        let mut prev: i64 = -1;
        for &(id, score) in postings {
            let mut one = String::new();
            push_varint(&mut one, (i64::from(id) - prev - 1) as u64);
            push_varint(&mut one, u64::from(score));
            if size + fixed + piece.len() + one.len() > room {
                if !piece.is_empty() {
                    shard.push((term.clone(), std::mem::take(&mut piece)));
                }
                flush(&mut shard, &mut size);
                one.clear();
                push_varint(&mut one, u64::from(id));
                push_varint(&mut one, u64::from(score));
            }
            piece.push_str(&one);
            prev = i64::from(id);
        }
        size += fixed + piece.len();
        shard.push((term.clone(), piece));
    }
    flush(&mut shard, &mut size);
    (table, dictionaries(terms, files))
}

/// Length of the encoding of `postings` as one piece.
fn encoded_len(postings: &Postings) -> usize {
    let mut out = String::new();
    let mut prev: i64 = -1;
    for &(id, score) in postings {
        push_varint(&mut out, (i64::from(id) - prev - 1) as u64);
        push_varint(&mut out, u64::from(score));
        prev = i64::from(id);
    }
    out.len()
}

/// One file per first character listing the terms that start with it.
fn dictionaries(terms: &[(String, Postings)], files: &mut Files) -> BTreeMap<String, String> {
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
