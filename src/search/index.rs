//! The index writer: turns the published pages into the files of a static search index.
//!
//! Layout (all under `search/`, every name carrying a content hash, every file a classic
//! script `(window.TilikSearch=window.TilikSearch||{})[key]=DATA;` so it loads from `file://`):
//!
//! | file | key | what |
//! |---|---|---|
//! | `index.<hash>.js` | `index` | the entry: page count, languages, shard table, dictionary, facet and metadata file hashes |
//! | `t/<hash>.js` | `t/<hash>` | a term shard ([`super::shards`]) |
//! | `d/<hash>.js` | `d/<hash>` | the terms starting with one character, for typo tolerance |
//! | `f/<hash>.js` | `f/<hash>` | one facet ([`super::facets`]) |
//! | `m/<k>-<hash>.js` | `m/<k>-<hash>` | result metadata of the `k`-th few pages ([`super::meta`]) |
//! | `x/<hash>.js` | `x/<hash>` | acronyms, synonyms and translations of the keys starting with one character ([`super::lexicon`]) |
//!
//! Pages are numbered newest first (date descending, then path), so output depends only on
//! the set of pages, not on the order they are given in.

use super::analyser::Term;
use super::encode::safe_json;
use super::files::{Files, SHORT_HASH_LEN};
use super::lexicon::Lexicon;
use super::score::{body_len, count, score, Counts};
use super::shards::{Postings, TermPostings};
use super::{facets, meta, shards};
use rayon::prelude::*;
use serde_json::json;
use std::borrow::Cow;
use std::collections::HashMap;

/// One published page to index.
#[derive(Clone, Debug, Default)]
pub struct SearchDocument<'a> {
    /// Path from the site root, e.g. `laporan/denpasar-mpp/`.
    pub path: String,
    /// Language of the page: `id` or `en`.
    pub lang: String,
    /// Language of the unit, destination and topic names: the portal's (they are shared by
    /// pages of every language, so they give the same terms on every page). Empty: `lang`.
    pub names_lang: String,
    /// Title.
    pub title: String,
    /// Summary (plain text).
    pub summary: String,
    /// Headings of the body (plain text).
    pub headings: Vec<String>,
    /// Plain text of the Markdown body, borrowed from the rendered page where possible.
    pub body: Cow<'a, str>,
    /// Visiting unit (SKPD), for reports.
    pub unit: Option<String>,
    /// Place visited, for reports.
    pub destination: Option<String>,
    /// `dalam-negeri` or `luar-negeri`, for reports.
    pub scope: Option<String>,
    /// Topics studied.
    pub topics: Vec<String>,
    /// Texts of the recommendations.
    pub recommendations: Vec<String>,
    /// Recommendation statuses present (`usulan`, `proses`, …).
    pub statuses: Vec<String>,
    /// How many recommendations are done, evaluated, in progress, proposed, dropped, and
    /// overdue (in that order), for reports with recommendations; shown with the result.
    pub follow_up: Option<[u32; 6]>,
    /// Year of the visit.
    pub year: Option<i32>,
    /// Publication date, `YYYY-MM-DD`.
    pub date: String,
    /// For a hub, the member portal a report comes from (its `path` is then the report's
    /// absolute URL on that portal); `None` for the portal's own pages.
    pub portal: Option<String>,
}

/// The files of a search index, paths relative to the site root (e.g. `search/…`).
#[derive(Clone, Debug)]
pub struct SearchIndex {
    /// (path from the site root, content), sorted by path.
    pub files: Vec<(String, Vec<u8>)>,
    /// Path from the site root of the file the search page loads first.
    pub entry: String,
}

/// Tuning of the index layout.
#[derive(Clone, Debug)]
pub struct Options {
    /// Largest size of a term shard file, in bytes.
    pub shard_bytes: usize,
    /// Longest postings string kept whole in a shard: a longer one keeps its best postings
    /// within this many bytes and the rest goes to a tail file loaded when needed.
    pub head_bytes: usize,
    /// Pages per result-metadata file.
    pub meta_pages: usize,
    /// Result-metadata files named by one content hash (the entry lists one hash per group).
    pub meta_group: usize,
    /// Acronyms, synonyms and translations searched along with a query's words.
    pub lexicon: Lexicon,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            shard_bytes: 32 * 1024,
            // A knob for tests and measurements: the browser tests cut short postings too.
            head_bytes: std::env::var("TILIK_SEARCH_HEAD_BYTES")
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(2048),
            meta_pages: 8,
            meta_group: 64,
            lexicon: Lexicon::builtin(),
        }
    }
}

/// Builds the search index of `docs` with the default [`Options`].
pub fn build_index(docs: &[SearchDocument]) -> SearchIndex {
    build_index_with(docs, &Options::default())
}

/// Builds the search index of `docs` with the given layout options.
pub fn build_index_with(docs: &[SearchDocument], options: &Options) -> SearchIndex {
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&docs[a], &docs[b]);
        y.date
            .cmp(&x.date)
            .then_with(|| x.path.cmp(&y.path))
            .then(a.cmp(&b))
    });
    let docs: Vec<&SearchDocument> = order.iter().map(|&i| &docs[i]).collect();
    let terms = postings(&docs);

    let mut files = Files::default();
    let layout = shards::Layout {
        shard_bytes: options.shard_bytes,
        head_bytes: options.head_bytes,
        pages: docs.len() as u32,
    };
    let (shard_table, dict) = shards::write(&terms, layout, &mut files);
    let facet_files = facets::write(&docs, &mut files);
    let (meta_pages, meta_group) = (options.meta_pages.max(1), options.meta_group.max(1));
    let meta_files = meta::write(&docs, meta_pages, meta_group, &mut files);
    let present: std::collections::HashSet<&str> = terms.iter().map(|(t, _)| t.as_str()).collect();
    let expansions = options.lexicon.write(&present, &mut files);
    // Languages of the pages: the client looks up English stems only if there are English
    // pages.
    let langs: std::collections::BTreeSet<&str> = docs
        .iter()
        .flat_map(|d| [d.lang.as_str(), d.names_lang.as_str()])
        .filter(|l| !l.is_empty())
        .collect();
    let entry = json!({
        "v": 2,
        "n": docs.len(),
        "l": langs,
        "t": shard_table,
        "d": dict,
        "f": facet_files,
        "m": meta_files,
        "mc": meta_pages,
        "mg": meta_group,
        "x": expansions,
        "hl": SHORT_HASH_LEN,
    });
    let entry = files.add_entry(&safe_json(&entry));
    SearchIndex {
        files: files.into_vec(),
        entry,
    }
}

impl TermPostings for Packed {
    fn postings(&self) -> Cow<'_, Postings> {
        Cow::Owned(self.unpack())
    }
}

/// Documents analysed at a time: their term counts are held only while their postings are
/// added, so memory does not grow with the number of pages.
const CHUNK: usize = 256;

/// The postings of every term (packed: each is unpacked when its shard entry is written),
/// terms in UTF-16 order (the order JavaScript compares in).
///
/// Two passes: the body lengths first (for the average), then, chunk by chunk, each page's
/// terms are counted, scored and appended to the postings of the term's interned number.
fn postings(docs: &[&SearchDocument]) -> Vec<(String, Packed)> {
    let total: usize = docs.par_iter().map(|d| body_len(d)).sum();
    let avg = total as f64 / docs.len().max(1) as f64;
    let mut ids: HashMap<Term, u32, _> =
        HashMap::with_hasher(foldhash::fast::FixedState::default());
    let mut terms: Vec<Term> = Vec::new();
    let mut lists: Vec<Packed> = Vec::new();
    for (c, chunk) in docs.chunks(CHUNK).enumerate() {
        let scored: Vec<Vec<(Term, u32)>> = chunk
            .par_iter()
            .map(|d| {
                let c: Counts = count(d);
                c.terms
                    .into_iter()
                    .map(|(t, fields)| {
                        let s =
                            score(&fields, c.body_len, avg) << 1 | u32::from(c.bare.contains(&t));
                        (t, s)
                    })
                    .collect()
            })
            .collect();
        for (k, doc_terms) in scored.into_iter().enumerate() {
            let id = (c * CHUNK + k) as u32;
            for (t, s) in doc_terms {
                let tid = match ids.get(&t) {
                    Some(&tid) => tid,
                    None => {
                        let tid = terms.len() as u32;
                        ids.insert(t.clone(), tid);
                        terms.push(t);
                        lists.push(Packed::default());
                        tid
                    }
                };
                lists[tid as usize].push(id, s);
            }
        }
    }
    drop(ids);
    let mut order: Vec<u32> = (0..terms.len() as u32).collect();
    order.sort_unstable_by(|&a, &b| {
        terms[a as usize]
            .encode_utf16()
            .cmp(terms[b as usize].encode_utf16())
    });
    order
        .into_iter()
        .map(|i| {
            let i = i as usize;
            let mut packed = std::mem::take(&mut lists[i]);
            // Held until the shards are written: without the slack of growing by doubling.
            packed.bytes.shrink_to_fit();
            (terms[i].to_string(), packed)
        })
        .collect()
}

/// The postings of one term while they are gathered, packed: (gap to the previous page
/// number, score) pairs as LEB128 varints, most of them 3 bytes instead of 8, in a buffer
/// that grows by doubling (and at 100,000 pages holds tens of millions of postings).
#[derive(Default)]
struct Packed {
    bytes: Vec<u8>,
    /// Postings in `bytes`.
    len: u32,
    /// The page number of the last one.
    last: u32,
}

impl Packed {
    /// Adds the posting of page `id` (greater than the last one's) with score `score`.
    fn push(&mut self, id: u32, score: u32) {
        let gap = if self.len == 0 { id } else { id - self.last };
        for mut n in [gap, score] {
            while n >= 0x80 {
                self.bytes.push((n & 0x7f) as u8 | 0x80);
                n >>= 7;
            }
            self.bytes.push(n as u8);
        }
        self.len += 1;
        self.last = id;
    }

    /// The postings, at their exact size.
    fn unpack(&self) -> Postings {
        let mut out = Vec::with_capacity(self.len as usize);
        let mut bytes = self.bytes.iter();
        let mut next = || {
            let mut n = 0u32;
            let mut shift = 0;
            for &b in bytes.by_ref() {
                n |= u32::from(b & 0x7f) << shift;
                if b < 0x80 {
                    break;
                }
                shift += 7;
            }
            n
        };
        let mut id = 0;
        for k in 0..self.len {
            let gap = next();
            id = if k == 0 { gap } else { id + gap };
            out.push((id, next()));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_postings_unpack_as_pushed() {
        let pushed = [
            (0, 1),
            (1, 4095 << 1 | 1),
            (130, 2),
            (20_000, 300),
            (1 << 30, 7),
        ];
        let mut packed = Packed::default();
        for (id, score) in pushed {
            packed.push(id, score);
        }
        assert!(packed.bytes.len() < pushed.len() * 8);
        assert_eq!(packed.unpack(), pushed.to_vec());
        assert_eq!(Packed::default().unpack(), Vec::new());
    }
}
