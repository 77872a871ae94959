//! The search's vocabulary of equivalent phrases: government acronyms and their expansions,
//! synonym sets, and an Indonesian–English glossary (`src/search/data/*.toml`), plus the
//! portal's own entries from `tilik.toml`'s `[search]` table.
//!
//! Expansion happens at query time: the index stays as it is (one set of postings per term,
//! so a reader can ask for the plain query and ranking can tell an expansion from the words
//! typed), and the writer adds small files that the client loads for the words of a query.
//! Each phrase is keyed by its words' first candidate terms (see [`key_of`]); the files are
//! bucketed by the key's first character, so a query loads one small file per first letter
//! of its words. Only alternatives that can match a page (every word has a term in the index)
//! are written, so a portal pays only for the vocabulary its reports use.

use super::analyser::{fold, is_query_filler, is_stopword, tokenize, word_terms, Lang};
use super::encode::safe_json;
use super::files::Files;
use crate::config::Expansions;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashSet};

const ACRONYMS: &str = include_str!("data/akronim.toml");
const SYNONYMS: &str = include_str!("data/sinonim.toml");
const GLOSSARY: &str = include_str!("data/glosarium.toml");

/// Longest key, in words, that the client looks for.
pub const MAX_KEY_WORDS: usize = 8;

/// A phrase in a language.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Phrase {
    /// The phrase as written (shown to the reader: "juga dicari: lanjut usia").
    pub text: String,
    /// The language it is analysed in.
    pub lang: Lang,
}

impl Phrase {
    fn id(text: &str) -> Phrase {
        Phrase {
            text: text.trim().to_string(),
            lang: Lang::Id,
        }
    }
    fn en(text: &str) -> Phrase {
        Phrase {
            text: text.trim().to_string(),
            lang: Lang::En,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AcronymFile {
    kelompok: Vec<AcronymGroup>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AcronymGroup {
    #[allow(dead_code)] // read by people: where the entries come from
    sumber: String,
    akronim: BTreeMap<String, Expansions>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SynonymFile {
    kelompok: Vec<SynonymGroup>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SynonymGroup {
    #[allow(dead_code)] // read by people
    catatan: String,
    sinonim: Vec<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GlossaryFile {
    kelompok: Vec<GlossaryGroup>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GlossaryGroup {
    #[allow(dead_code)] // read by people
    catatan: String,
    /// `[Indonesian, English]` pairs.
    pasangan: Vec<[String; 2]>,
}

/// Directed equivalences: a phrase a reader may type, and what else to search for it.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    rules: BTreeMap<Phrase, BTreeSet<Phrase>>,
}

impl Lexicon {
    /// An empty vocabulary (no expansion at all).
    pub fn empty() -> Lexicon {
        Lexicon::default()
    }

    /// The built-in acronyms, synonyms and glossary of `src/search/data/`.
    pub fn builtin() -> Lexicon {
        static BUILTIN: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
        BUILTIN.get_or_init(Lexicon::parse_builtin).clone()
    }

    fn parse_builtin() -> Lexicon {
        let mut lex = Lexicon::default();
        // The files are part of the program (checked by this module's tests), not user input.
        let acronyms: AcronymFile =
            toml_edit::de::from_str(ACRONYMS).expect("src/search/data/akronim.toml is valid");
        let synonyms: SynonymFile =
            toml_edit::de::from_str(SYNONYMS).expect("src/search/data/sinonim.toml is valid");
        let glossary: GlossaryFile =
            toml_edit::de::from_str(GLOSSARY).expect("src/search/data/glosarium.toml is valid");
        for g in &acronyms.kelompok {
            for (short, long) in &g.akronim {
                lex.add_acronym(short, &long.list());
            }
        }
        for g in &synonyms.kelompok {
            for set in &g.sinonim {
                lex.add_synonyms(set);
            }
        }
        for g in &glossary.kelompok {
            for [id, en] in &g.pasangan {
                lex.add_translation(id, en);
            }
        }
        lex
    }

    /// The vocabulary of a portal: the built-in one (unless `builtin = false`) plus the
    /// `[search]` entries of its `tilik.toml`.
    pub fn of_portal(config: &crate::config::SearchConfig) -> Lexicon {
        let mut lex = if config.builtin {
            Lexicon::builtin()
        } else {
            Lexicon::empty()
        };
        for set in &config.synonyms {
            lex.add_synonyms(set);
        }
        for (short, long) in &config.acronyms {
            lex.add_acronym(short, &long.list());
        }
        for [id, en] in &config.glossary {
            lex.add_translation(id, en);
        }
        lex
    }

    /// Adds an acronym with its expansions: the acronym finds each expansion and each
    /// expansion the acronym (not the other expansions).
    pub fn add_acronym(&mut self, short: &str, long: &[&str]) {
        for l in long {
            self.link(Phrase::id(short), Phrase::id(l));
            self.link(Phrase::id(l), Phrase::id(short));
        }
    }

    /// Adds a set of synonyms: each finds every other.
    pub fn add_synonyms(&mut self, set: &[String]) {
        for a in set {
            for b in set {
                if a != b {
                    self.link(Phrase::id(a), Phrase::id(b));
                }
            }
        }
    }

    /// Adds an Indonesian phrase and its English equivalent, each finding the other.
    pub fn add_translation(&mut self, id: &str, en: &str) {
        self.link(Phrase::id(id), Phrase::en(en));
        self.link(Phrase::en(en), Phrase::id(id));
    }

    fn link(&mut self, from: Phrase, to: Phrase) {
        if !from.text.is_empty() && !to.text.is_empty() {
            self.rules.entry(from).or_default().insert(to);
        }
    }

    /// Every phrase of the vocabulary (for tests that compare keys with `search.js`).
    pub fn phrases(&self) -> BTreeSet<&Phrase> {
        self.rules
            .iter()
            .flat_map(|(from, to)| std::iter::once(from).chain(to))
            .collect()
    }

    /// Number of phrases that have alternatives.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// Whether there is no rule at all.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The direct alternatives of a phrase typed in a query, found by key as the client
    /// finds them ([`Lexicon::write`] adds the alternatives of these).
    pub fn alternatives(&self, query: &str) -> Vec<Phrase> {
        let keys = [key_of(query, Lang::Id), key_of(query, Lang::En)];
        let mut out = BTreeSet::new();
        for (from, to) in &self.rules {
            if keys.contains(&key_of(&from.text, from.lang)) {
                out.extend(to.iter().cloned());
            }
        }
        out.into_iter().collect()
    }

    /// Writes the expansion files for an index whose terms are `terms`; returns, for each
    /// first character of a key, the hash of its file. A phrase's alternatives are its
    /// direct ones and theirs (one step: an English term reaches the acronym of its
    /// Indonesian equivalent), less those with the phrase's own key.
    pub fn write(&self, terms: &HashSet<&str>, files: &mut Files) -> BTreeMap<String, String> {
        // Alternatives by the key and language of the phrase they are for (phrases that
        // differ only in case or affixes share them).
        let mut direct: BTreeMap<(String, Lang), BTreeSet<&Phrase>> = BTreeMap::new();
        for (from, to) in &self.rules {
            let key = key_of(&from.text, from.lang);
            if !key.is_empty() && key.split(' ').count() <= MAX_KEY_WORDS {
                direct.entry((key, from.lang)).or_default().extend(to);
            }
        }
        // key → alternatives by (their key, lang code) → text, kept only if every word can
        // match; alternatives that differ only in case or affixes are written once.
        let mut by_key: BTreeMap<String, BTreeMap<(String, &'static str), String>> =
            BTreeMap::new();
        for ((key, _), to) in &direct {
            // One step further: "one-stop service" → "pelayanan terpadu satu pintu" → "PTSP".
            let further = to
                .iter()
                .filter_map(|a| direct.get(&(key_of(&a.text, a.lang), a.lang)))
                .flatten();
            for alt in to.iter().chain(further) {
                let alt_key = key_of(&alt.text, alt.lang);
                if alt_key == *key || alt_key.is_empty() || !can_match(alt, terms) {
                    continue;
                }
                let code = match alt.lang {
                    Lang::Id => "id",
                    Lang::En => "en",
                };
                by_key
                    .entry(key.clone())
                    .or_default()
                    .entry((alt_key, code))
                    .or_insert_with(|| alt.text.clone());
            }
        }
        let mut buckets: BTreeMap<String, Vec<Entry>> = BTreeMap::new();
        for (key, alts) in by_key {
            if let Some(c) = key.chars().next() {
                buckets
                    .entry(c.to_string())
                    .or_default()
                    .push((key, alts.into_iter().map(|((_, l), t)| (t, l)).collect()));
            }
        }
        buckets
            .into_iter()
            .map(|(c, list)| (c, files.add("x", &safe_json(&list))))
            .collect()
    }
}

/// One key of an expansion file with its alternatives (text, language code).
type Entry = (String, Vec<(String, &'static str)>);

/// Whether every word of `alt` has a candidate term present in the index.
fn can_match(alt: &Phrase, terms: &HashSet<&str>) -> bool {
    let words: Vec<Vec<String>> = tokenize(&fold(&alt.text))
        .iter()
        .map(|w| word_terms(w, alt.lang))
        .filter(|t| !t.is_empty())
        .collect();
    !words.is_empty()
        && words
            .iter()
            .all(|cands| cands.iter().any(|t| terms.contains(t.as_str())))
}

/// The key of a phrase: the first candidate term of each of its words, space-separated,
/// leaving out stopwords of either language and the words that only make a query a question
/// (`search.js` matches a query's words against keys the same way).
pub fn key_of(text: &str, lang: Lang) -> String {
    tokenize(&fold(text))
        .iter()
        .filter(|w| !is_stopword(w, Lang::Id) && !is_stopword(w, Lang::En) && !is_query_filler(w))
        .filter_map(|w| word_terms(w, lang).into_iter().next())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests;
