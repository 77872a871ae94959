//! Result metadata: what a result shows (title, path, unit, destination, year, date, snippet
//! source, language), in files of a few pages each so that a search loads only the files of
//! the results it shows.
//!
//! A metadata file is a JSON array, one entry per page in page-number order:
//! `[title, path, unit, destination, year, date, text, lang, follow_up]` (`""`/`null` when
//! absent), where `text` is the summary, or the start of the body when there is no summary,
//! and `follow_up` the counts of recommendations done, evaluated, in progress, proposed,
//! dropped and overdue (`0` for a page without recommendations). In a hub's index a member's
//! report has a tenth field, the name of its portal, and its `path` is an absolute URL.

use super::encode::safe_json;
use super::files::Files;
use super::index::SearchDocument;
use serde_json::{json, Value};

/// Longest snippet source taken from the body, in characters.
pub const BODY_SNIPPET_CHARS: usize = 320;

/// The text from which a result's snippet is made.
fn snippet_source(doc: &SearchDocument) -> String {
    let summary = doc.summary.split_whitespace().collect::<Vec<_>>().join(" ");
    if !summary.is_empty() {
        return summary;
    }
    let mut out = String::new();
    for word in doc.body.split_whitespace() {
        if out.chars().count() + word.chars().count() + 1 > BODY_SNIPPET_CHARS {
            out.push('…');
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn entry(doc: &SearchDocument) -> Value {
    let mut entry = json!([
        doc.title,
        doc.path,
        doc.unit.as_deref().unwrap_or(""),
        doc.destination.as_deref().unwrap_or(""),
        doc.year,
        doc.date,
        snippet_source(doc),
        doc.lang,
        match doc.follow_up {
            Some(counts) => json!(counts),
            None => json!(0),
        },
    ]);
    if let (Some(portal), Value::Array(fields)) = (&doc.portal, &mut entry) {
        fields.push(json!(portal));
    }
    entry
}

/// Writes metadata files `m/<k>-<hash>.js` of `per_file` pages each, `group` files sharing
/// the hash of their group's content; returns the groups' short hashes concatenated, in order.
pub fn write(docs: &[&SearchDocument], per_file: usize, group: usize, files: &mut Files) -> String {
    let per_file = per_file.max(1);
    let jsons: Vec<String> = docs
        .chunks(per_file)
        .map(|chunk| {
            let list: Vec<Value> = chunk.iter().map(|d| entry(d)).collect();
            safe_json(&list)
        })
        .collect();
    jsons
        .chunks(group.max(1))
        .enumerate()
        .map(|(g, jsons)| files.add_numbered_group("m", g * group.max(1), jsons))
        .collect()
}
