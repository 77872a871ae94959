//! Facet files: one per facet (unit, topic, year, scope, recommendation status), each listing
//! the facet's values and, per value, the numbers of the pages that have it.
//!
//! A facet file is `{"v": [value, …], "d": [id list, …]}` where each id list is encoded by
//! [`id_list`]; the page count of a value is the length of its list.

use super::encode::{id_list, safe_json};
use super::files::Files;
use super::index::SearchDocument;
use serde::Serialize;
use std::collections::BTreeMap;

/// URL parameter names of the facets, in display order (`portal` only in a hub's index).
pub const NAMES: [&str; 6] = ["portal", "skpd", "topik", "tahun", "lingkup", "status"];

const SCOPES: [&str; 2] = ["dalam-negeri", "luar-negeri"];
const STATUSES: [&str; 5] = ["usulan", "proses", "selesai", "dievaluasi", "dibatalkan"];

#[derive(Serialize)]
struct Facet<'a> {
    v: Vec<&'a str>,
    d: Vec<String>,
}

/// The values of facet `name` for one page.
fn values<'a>(name: &str, doc: &'a SearchDocument, year: &'a str) -> Vec<&'a str> {
    let mut v: Vec<&str> = match name {
        "skpd" => doc.unit.iter().map(String::as_str).collect(),
        "topik" => doc.topics.iter().map(String::as_str).collect(),
        "tahun" => doc.year.map(|_| year).into_iter().collect(),
        "lingkup" => doc.scope.iter().map(String::as_str).collect(),
        "portal" => doc.portal.iter().map(String::as_str).collect(),
        _ => doc.statuses.iter().map(String::as_str).collect(),
    };
    v.retain(|s| !s.trim().is_empty());
    v.sort_unstable();
    v.dedup();
    v
}

/// Display order of a facet's values: years newest first, scopes and statuses in their
/// natural order, names alphabetically (ignoring case and accents).
fn sort_key(name: &str, value: &str) -> (usize, String, String) {
    let fixed: &[&str] = match name {
        "lingkup" => &SCOPES,
        "status" => &STATUSES,
        _ => &[],
    };
    let rank = fixed
        .iter()
        .position(|s| *s == value)
        .unwrap_or(fixed.len());
    let key = if name == "tahun" {
        format!("{:>12}", i64::MAX - value.parse::<i64>().unwrap_or(0))
    } else {
        super::analyser::fold(value)
    };
    (rank, key, value.to_string())
}

/// Writes the facet files of `docs` (in page-number order); returns facet name →
/// (hash, size in bytes): `search.js` loads small facets at once and large ones on demand.
pub fn write(docs: &[&SearchDocument], files: &mut Files) -> BTreeMap<String, (String, usize)> {
    let years: Vec<String> = docs
        .iter()
        .map(|d| d.year.map(|y| y.to_string()).unwrap_or_default())
        .collect();
    let mut out = BTreeMap::new();
    for name in NAMES {
        if name == "portal" && docs.iter().all(|d| d.portal.is_none()) {
            continue; // not a hub
        }
        let mut lists: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
        for (id, doc) in docs.iter().enumerate() {
            for v in values(name, doc, &years[id]) {
                lists.entry(v).or_default().push(id as u32);
            }
        }
        let mut entries: Vec<(&str, Vec<u32>)> = lists.into_iter().collect();
        entries.sort_by_cached_key(|(v, _)| sort_key(name, v));
        let facet = Facet {
            v: entries.iter().map(|(v, _)| *v).collect(),
            d: entries.iter().map(|(_, ids)| id_list(ids)).collect(),
        };
        let json = safe_json(&facet);
        out.insert(name.to_string(), (files.add("f", &json), json.len()));
    }
    out
}
