//! Text analysis shared by the index writer and, line for line, by `search.js`: folding,
//! tokenising, stopwords and stemming into index terms.
//!
//! Every step is defined so that JavaScript can reproduce it exactly:
//!
//! * **fold**: lower case (Unicode default case mapping: `str::to_lowercase` /
//!   `String.prototype.toLowerCase`), canonical decomposition (NFD), then the combining
//!   diacritical marks U+0300–U+036F are dropped (`é` → `e`, `İ` → `i`).
//! * **tokenise**: a word is a run of alphanumeric characters (`char::is_alphanumeric`, in JS
//!   `[\p{Alphabetic}\p{N}]`); a hyphen (`-`, U+2010, U+2011) between two such characters joins
//!   words into a group. In a group, a part equal to an earlier part, or ending an earlier part,
//!   is a reduplication and is dropped (`anak-anak` → `anak`, `bermain-main` → `bermain`);
//!   the other parts are separate words (`covid-19` → `covid`, `19`). Words of one character or
//!   of more than [`MAX_WORD_CHARS`] characters are dropped.
//! * **stopwords**: a short list per language ([`is_stopword`]); content words such as *tahun*
//!   or *masalah* are kept.
//! * **stem**: Indonesian words go through [`stem_id::stem`], which may give several candidate
//!   roots; English words through Snowball's English (Porter2) stemmer.

use super::stem_id;
use rust_stemmers::{Algorithm, Stemmer};
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, OnceLock};
use unicode_normalization::UnicodeNormalization;

/// Longest word (in characters) that is indexed; longer runs are codes or garbage.
pub const MAX_WORD_CHARS: usize = 40;

/// Language of a text, which picks the stopword list and the stemmer: the portal's one
/// language type ([`crate::messages::Lang`]).
pub use crate::messages::Lang;

/// Indonesian stopwords: function words only.
const STOP_ID: &[&str] = &[
    "adalah", "agar", "akan", "apabila", "atau", "bagi", "bahwa", "dalam", "dan", "dapat", "dari",
    "dengan", "di", "ialah", "ini", "itu", "jika", "juga", "karena", "ke", "maka", "maupun",
    "namun", "oleh", "pada", "para", "sebagai", "secara", "sehingga", "serta", "sudah", "telah",
    "tersebut", "tetapi", "untuk", "yaitu", "yakni", "yang",
];

/// English stopwords: function words only.
const STOP_EN: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "been", "by", "for", "from", "in", "into", "is",
    "it", "its", "of", "on", "or", "that", "the", "these", "this", "those", "to", "was", "were",
    "with",
];

/// Words that make a query a question or a request ("bagaimana daerah lain menurunkan
/// stunting?", "how do other cities…"): `search.js` leaves them out of a query that has other
/// words, so that the content words carry the ranking. They are indexed as usual.
pub const QUERY_FILLERS: &[&str] = &[
    "ada",
    "adakah",
    "apa",
    "apakah",
    "bagaimana",
    "bagaimanakah",
    "berapa",
    "bisa",
    "bisakah",
    "can",
    "cara",
    "could",
    "dapatkah",
    "did",
    "dimana",
    "do",
    "does",
    "gimana",
    "how",
    "kapan",
    "kenapa",
    "lain",
    "lainnya",
    "mana",
    "manakah",
    "mengapa",
    "mengenai",
    "other",
    "others",
    "saja",
    "seperti",
    "should",
    "siapa",
    "tentang",
    "what",
    "when",
    "where",
    "which",
    "who",
    "why",
];

/// Whether a folded word is one of the [`QUERY_FILLERS`].
pub fn is_query_filler(word: &str) -> bool {
    QUERY_FILLERS.binary_search(&word).is_ok()
}

/// Case and accent folding (see the module documentation).
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.to_lowercase()
        .nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .collect()
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Splits folded text into words (see the module documentation).
pub fn tokenize(folded: &str) -> Vec<String> {
    let mut words = Vec::new();
    for_each_word(folded, |w| words.push(w.to_string()));
    words
}

/// Calls `f` with each word of folded text, in order, as [`tokenize`] splits it (without
/// allocating a string per word: the index writer sees millions of words).
pub fn for_each_word(folded: &str, mut f: impl FnMut(&str)) {
    let mut group: Vec<&str> = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = folded.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            group.push(&folded[s..i]);
        }
        let joins = is_hyphen(c)
            && !group.is_empty()
            && chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
        if !joins {
            flush_group(&mut group, &mut f);
        }
    }
    if let Some(s) = start {
        group.push(&folded[s..]);
    }
    flush_group(&mut group, &mut f);
}

/// Hands the parts of a hyphen group to `f`, dropping reduplications and bad lengths.
///
/// A part is a reduplication when it ends an earlier part of the group (or equals one). Only
/// parts of 2 to [`MAX_WORD_CHARS`] characters can be kept, so only the earlier parts' suffixes
/// of those lengths matter: long groups keep them in a set, so that a hyphen chain of a
/// million parts takes linear time, not quadratic (found while hardening: `w0-w1-…-w8000`
/// took a third of a second, a 50 MB one would have hung the build).
fn flush_group(group: &mut Vec<&str>, f: &mut impl FnMut(&str)) {
    if group.len() <= SHORT_GROUP {
        for (i, part) in group.iter().enumerate() {
            if group[..i].iter().any(|p| p.ends_with(part)) {
                continue;
            }
            emit_if_indexed(part, f);
        }
        group.clear();
        return;
    }
    let mut endings: HashSet<&str> = HashSet::new();
    for part in group.drain(..) {
        if !endings.contains(part) {
            emit_if_indexed(part, f);
        }
        let starts = part.char_indices().rev().take(MAX_WORD_CHARS);
        for (k, (i, _)) in starts.enumerate() {
            if k >= 1 {
                endings.insert(&part[i..]);
            }
        }
    }
}

/// Groups up to this many parts are checked pairwise (no set to allocate).
const SHORT_GROUP: usize = 16;

fn emit_if_indexed(part: &str, f: &mut impl FnMut(&str)) {
    if (2..=MAX_WORD_CHARS).contains(&part.chars().count()) {
        f(part);
    }
}

/// Whether a folded word is a stopword of `lang`.
pub fn is_stopword(word: &str, lang: Lang) -> bool {
    match lang {
        Lang::Id => STOP_ID.binary_search(&word).is_ok(),
        Lang::En => STOP_EN.binary_search(&word).is_ok(),
    }
}

fn english() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// The index terms of one folded word: its candidate stems, or nothing for a stopword.
pub fn word_terms(word: &str, lang: Lang) -> Vec<String> {
    if is_stopword(word, lang) {
        return Vec::new();
    }
    match lang {
        Lang::Id => stem_id::stem(word),
        Lang::En => vec![english().stem(word).into_owned()],
    }
}

/// Words remembered per thread by [`analyse`] before the memory is cleared.
const MEMO_WORDS: usize = 200_000;

/// An index term, shared between the memory of analysed words and the index writer.
pub type Term = Arc<str>;

/// Terms of the words already analysed on this thread, per language.
type Memo = [HashMap<Box<str>, Arc<[Term]>, FastHash>; 2];

/// A fast hash for short words (the memory is private to the build: no untrusted keys are
/// compared across requests, so collision resistance is not needed).
type FastHash = foldhash::fast::RandomState;

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Default::default());
}

/// Calls `f` with the candidate terms of each indexed word of `text`, in order.
///
/// Stems are remembered per thread: reports repeat the same few thousand words.
pub fn analyse_with(text: &str, lang: Lang, mut f: impl FnMut(&[Term])) {
    analyse_words_with(text, lang, |_, terms| f(terms));
}

/// Like [`analyse_with`], with each folded word along with its terms.
pub fn analyse_words_with(text: &str, lang: Lang, mut f: impl FnMut(&str, &[Term])) {
    MEMO.with(|m| {
        let mut memo = m.borrow_mut();
        let memo = &mut memo[lang as usize];
        for_each_word(&fold(text), |word| {
            let terms = match memo.get(word) {
                Some(t) => t,
                None => {
                    if memo.len() >= MEMO_WORDS {
                        memo.clear();
                    }
                    let terms: Vec<Term> =
                        word_terms(word, lang).into_iter().map(Term::from).collect();
                    memo.entry(word.into()).or_insert(terms.into())
                }
            };
            if !terms.is_empty() {
                f(word, terms);
            }
        });
    });
}

/// Analyses a text: for each indexed word, in order, its list of candidate terms.
pub fn analyse(text: &str, lang: Lang) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    analyse_with(text, lang, |t| {
        out.push(t.iter().map(|t| t.to_string()).collect())
    });
    out
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod hyphen_chain_tests {
    use super::*;

    /// The definition, pairwise.
    fn reference(parts: &[String]) -> Vec<String> {
        let mut words = Vec::new();
        for (i, part) in parts.iter().enumerate() {
            if !parts[..i].iter().any(|p| p.ends_with(part.as_str())) {
                emit_if_indexed(part, &mut |w: &str| words.push(w.to_string()));
            }
        }
        words
    }

    #[test]
    fn long_groups_drop_the_same_reduplications_as_the_definition() {
        let pool = [
            "anak", "nak", "ak", "k", "main", "bermain", "rumah", "mah", "ümah", "ah",
        ];
        for seed in 0..200usize {
            let parts: Vec<String> = (0..(seed % 40) + 1)
                .map(|i| pool[(seed * 7 + i * 13 + i * i) % pool.len()].to_string())
                .chain(std::iter::once("x".repeat(seed % 50)))
                .filter(|p| !p.is_empty())
                .collect();
            let mut group: Vec<&str> = parts.iter().map(String::as_str).collect();
            let mut words = Vec::new();
            flush_group(&mut group, &mut |w: &str| words.push(w.to_string()));
            assert_eq!(words, reference(&parts), "{parts:?}");
        }
    }

    #[test]
    fn a_long_hyphen_chain_is_split_into_every_part() {
        // No time limit here (a shared machine makes a timed test flaky): a tokenizer that went
        // back over the chain for each part would make this test run for minutes instead.
        let text: String = (0..200_000).map(|i| format!("w{i}-")).collect::<String>() + "x";
        let words = tokenize(&text);
        assert_eq!(words.len(), 200_000, "every part is a word of its own");
    }
}
