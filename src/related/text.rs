//! The text a report or plan is compared by, and its weighted terms.
//!
//! A page's text is its title, summary, `visit.objectives`, `visit.questions` and the
//! findings section of its body ("## Temuan"), analysed by the search analyser (Indonesian
//! stems, stopwords) so that *perizinan* and *izin* meet. Terms are weighted with BM25
//! against the reports of the portal.

use std::collections::HashMap;

use crate::model::site::Page;
use crate::search::analyser::{self, Term};

/// Headings that open a findings section (as the quality checks know them).
const FINDING_HEADINGS: [&str; 3] = ["temuan", "findings", "finding"];

/// The most body text read from a findings section: enough to say what it is about, and a
/// bound on the work a very long report can cause.
const MAX_FINDINGS_BYTES: usize = 6_000;

/// BM25's term-frequency saturation.
const K1: f32 = 1.2;
/// BM25's length normalisation.
const B: f32 = 0.75;

/// The findings section of a Markdown body: the lines under the first heading that starts
/// with "Temuan" (or "Findings"), up to the next heading of the same or a higher level.
pub fn findings(body: &str) -> &str {
    let mut start = None;
    let mut level = 0;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let here = offset;
        offset += line.len();
        let trimmed = line.trim_start();
        let hashes = trimmed.chars().take_while(|&c| c == '#').count();
        if hashes == 0 || hashes > 6 || !trimmed[hashes..].starts_with([' ', '\t']) {
            continue;
        }
        match start {
            None => {
                let title = trimmed[hashes..].trim().to_lowercase();
                if FINDING_HEADINGS.iter().any(|h| title.starts_with(h)) {
                    start = Some(offset);
                    level = hashes;
                }
            }
            Some(s) if hashes <= level => return clip(&body[s..here]),
            Some(_) => {}
        }
    }
    start.map_or("", |s| clip(&body[s..]))
}

/// At most [`MAX_FINDINGS_BYTES`] of `text`, cut at a character boundary.
fn clip(text: &str) -> &str {
    if text.len() <= MAX_FINDINGS_BYTES {
        return text;
    }
    let mut end = MAX_FINDINGS_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The terms of a page's comparable text, with how often each occurs, and the text's
/// length in terms. Only the first candidate stem of a word is counted.
pub fn term_counts(page: &Page) -> (Vec<(Term, u32)>, u32) {
    let lang = page.lang;
    let mut counts: HashMap<Term, u32, foldhash::fast::RandomState> = HashMap::default();
    let mut len = 0u32;
    let mut add = |text: &str| {
        analyser::analyse_with(text, lang, |terms| {
            if let Some(t) = terms.first() {
                *counts.entry(t.clone()).or_insert(0) += 1;
                len += 1;
            }
        });
    };
    add(&page.meta.title);
    if let Some(s) = &page.meta.summary {
        add(s);
    }
    if let Some(r) = &page.report {
        for line in r.visit.objectives.iter().chain(&r.visit.questions) {
            add(line);
        }
    }
    add(findings(&page.body));
    let mut counts: Vec<(Term, u32)> = counts.into_iter().collect();
    counts.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    (counts, len)
}

/// BM25 inverse document frequency of a term found in `df` of `n` documents.
pub fn idf(df: usize, n: usize) -> f32 {
    let (df, n) = (df as f32, n as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// BM25 weight of a term occurring `tf` times in a text of `len` terms, against an average
/// length of `avg_len`.
pub fn weight(tf: u32, len: u32, avg_len: f32, idf: f32) -> f32 {
    let tf = tf as f32;
    let norm = 1.0 - B + B * (len as f32) / avg_len.max(1.0);
    idf * tf * (K1 + 1.0) / (tf + K1 * norm)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_section_ends_at_the_next_heading_of_its_level() {
        let body = "## Tujuan\nx\n\n## Temuan\nSatu.\n### Rinci\nDua.\n## Rekomendasi\nTiga.\n";
        assert_eq!(findings(body), "Satu.\n### Rinci\nDua.\n");
        assert_eq!(findings("# Temuan utama\nA\n"), "A\n");
        assert_eq!(findings("## Latar\nA\n"), "");
        assert_eq!(
            findings("#Temuan\nA\n"),
            "",
            "not a heading without a space"
        );
    }

    #[test]
    fn long_findings_are_clipped_at_a_character() {
        let body = format!("## Temuan\n{}", "é".repeat(MAX_FINDINGS_BYTES));
        let f = findings(&body);
        assert!(f.len() <= MAX_FINDINGS_BYTES && f.len() > MAX_FINDINGS_BYTES - 2);
    }

    #[test]
    fn rare_terms_weigh_more_and_repeats_saturate() {
        assert!(idf(1, 100) > idf(50, 100));
        let w1 = weight(1, 100, 100.0, 1.0);
        let w10 = weight(10, 100, 100.0, 1.0);
        assert!(w10 > w1 && w10 < 10.0 * w1);
    }
}
