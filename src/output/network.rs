//! The hub interface ("jaringan"): what every build publishes under `data/` so that a hub
//! portal can gather this portal's reports (docs/network.md, docs/schema/).
//!
//! - `data/jaringan.json`: the manifest: format name and version, the portal's title,
//!   `base_url`, language and region, the generator, the build date, counts, and the list of
//!   report shards with their sizes and SHA-256 hashes.
//! - `data/jaringan/laporan-<k>.json`: the shards: every published report as
//!   `data/laporan.json` has it (never the team), plus the plain text of its body capped at
//!   [`TEXT_LIMIT`] characters and the SHA-256 hash of its record.
//!
//! A report goes to the shard its URL path hashes to, among a power-of-two number of shards
//! chosen so that none is over [`SHARD_LIMIT`]: an edit changes one shard's hash, and a hub
//! re-fetches only that one.

use serde::Serialize;
use sha2::{Digest, Sha256};

use rayon::prelude::*;

use crate::model::report::{ReportData, Status};
use crate::model::site::{Page, Site};

use super::opendata::{record, to_json, ReportRecord};
use super::OutputFile;

/// Name of the format, in the manifest's `format`.
pub const FORMAT: &str = "tilik-jaringan";
/// Name of the shard format, in each shard's `format`.
pub const SHARD_FORMAT: &str = "tilik-jaringan-laporan";
/// Version of the format this build writes (and the newest a hub reads).
pub const VERSION: u32 = 1;
/// Path of the manifest from the site root.
pub const MANIFEST_PATH: &str = "data/jaringan.json";
/// Largest number of characters of a report's body text in a shard.
pub const TEXT_LIMIT: usize = 20_000;
/// Largest size of a shard file, in bytes.
pub const SHARD_LIMIT: usize = 5 * 1024 * 1024;

#[derive(Serialize)]
struct Manifest<'a> {
    format: &'static str,
    version: u32,
    title: &'a str,
    base_url: &'a str,
    language: &'static str,
    region: Option<&'a str>,
    generator: String,
    generated: String,
    text_limit: usize,
    counts: Counts,
    shards: Vec<ShardEntry>,
}

/// Figures of the whole portal, as its own pages show them.
#[derive(Serialize, Default)]
struct Counts {
    reports: usize,
    recommendations: usize,
    done: usize,
    in_progress: usize,
    proposed: usize,
    dropped: usize,
    overdue: usize,
}

#[derive(Serialize)]
struct ShardEntry {
    path: String,
    reports: usize,
    bytes: usize,
    sha256: String,
}

/// A report in a shard: the open-data record plus its text.
#[derive(Serialize)]
struct NetworkRecord<'a> {
    #[serde(flatten)]
    record: ReportRecord<'a>,
    /// Plain text of the body, at most [`TEXT_LIMIT`] characters.
    text: &'a str,
    /// Whether `text` was cut.
    text_truncated: bool,
}

#[derive(Serialize)]
struct WithHash<'a> {
    #[serde(flatten)]
    record: &'a NetworkRecord<'a>,
    sha256: &'a str,
}

/// `text` cut to at most `limit` characters, and whether it was cut.
pub fn cap_text(text: &str, limit: usize) -> (&str, bool) {
    match text.char_indices().nth(limit) {
        Some((i, _)) => (&text[..i], true),
        None => (text, false),
    }
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// Makes the manifest and the shards of this site, giving each file to `emit` as soon as it
/// is made (the shards in parallel, the manifest last): the records of a shard are
/// made when the shard is written, so that a big portal's shards (a hundred megabytes at
/// 10,000 reports) are never all held in memory.
pub fn publish<E>(site: &Site, emit: impl Fn(OutputFile) -> Result<(), E> + Sync) -> Result<(), E>
where
    E: Send,
{
    let base = &site.config.base_url;
    let today = site.build_date;
    let mut counts = Counts::default();
    let reports: Vec<(&Page, &ReportData)> = site
        .reports()
        .filter_map(|page| Some((page, page.report.as_deref()?)))
        .collect();
    for (_, r) in &reports {
        counts.reports += 1;
        for rec in &r.recommendations {
            counts.recommendations += 1;
            match rec.status {
                Status::Selesai | Status::Dievaluasi => counts.done += 1,
                Status::Proses => counts.in_progress += 1,
                Status::Usulan => counts.proposed += 1,
                Status::Dibatalkan => counts.dropped += 1,
            }
            if rec.is_overdue(today) {
                counts.overdue += 1;
            }
        }
    }
    // Each record's size and hash first; the record itself is made again for its shard.
    let hashed: Vec<(usize, String)> = reports
        .par_iter()
        .map(|&(page, r)| {
            // The hash is over the canonical form: compact JSON with keys sorted (serde_json's
            // `Value` keeps its maps sorted), which any hub can recompute from the shard.
            // Serialising plain data to memory cannot fail; an error here would be a bug.
            let value =
                serde_json::to_value(network_record(site, page, r)).expect("serialise plain data");
            let json = serde_json::to_vec(&value).expect("serialise plain data");
            (json.len(), sha256_hex(&json))
        })
        .collect();
    let sizes: Vec<(&str, usize)> = reports
        .iter()
        .zip(&hashed)
        .map(|((page, _), (bytes, _))| (page.path.as_str(), *bytes))
        .collect();
    let (n, plan) = plan_shards(&sizes, SHARD_LIMIT);
    let mut buckets: Vec<Vec<usize>> = (0..n).map(|_| Vec::new()).collect();
    for (i, k) in plan.into_iter().enumerate() {
        buckets[k].push(i);
    }
    let width = n.to_string().len().max(3);
    let shards: Vec<ShardEntry> = buckets
        .into_par_iter()
        .enumerate()
        .map(|(k, bucket)| {
            let records: Vec<NetworkRecord> = bucket
                .iter()
                .map(|&i| network_record(site, reports[i].0, reports[i].1))
                .collect();
            let with_hash: Vec<WithHash> = records
                .iter()
                .zip(&bucket)
                .map(|(record, &i)| WithHash {
                    record,
                    sha256: &hashed[i].1,
                })
                .collect();
            let json = to_json(&ShardOut {
                format: SHARD_FORMAT,
                version: VERSION,
                reports: with_hash,
            });
            let path = format!("data/jaringan/laporan-{:0width$}.json", k + 1);
            let entry = ShardEntry {
                path: path.clone(),
                reports: bucket.len(),
                bytes: json.len(),
                sha256: sha256_hex(&json),
            };
            emit(OutputFile::bytes(path, json))?;
            Ok(entry)
        })
        .collect::<Result<_, E>>()?;
    let manifest = Manifest {
        format: FORMAT,
        version: VERSION,
        title: &site.config.title,
        base_url: base,
        language: site.config.language.code(),
        region: site.config.region.as_deref(),
        generator: format!("tilik {}", env!("CARGO_PKG_VERSION")),
        generated: today.to_string(),
        text_limit: TEXT_LIMIT,
        counts,
        shards,
    };
    emit(OutputFile::bytes(MANIFEST_PATH, to_json(&manifest)))
}

/// The record of a report in a shard.
fn network_record<'a>(site: &'a Site, page: &'a Page, r: &'a ReportData) -> NetworkRecord<'a> {
    let url = format!("{}{}", site.config.base_url, page.path);
    let mut record = record(site, page, r, url);
    // Team names never leave the portal through the hub interface.
    record.team = None;
    let (text, text_truncated) = cap_text(&page.rendered.plain, TEXT_LIMIT);
    NetworkRecord {
        record,
        text,
        text_truncated,
    }
}

#[derive(Serialize)]
struct ShardOut<'a> {
    format: &'static str,
    version: u32,
    reports: Vec<WithHash<'a>>,
}

/// How many shards (a power of two) records of these (URL path, size) go into so that none
/// is over `limit` bytes, and the shard of each record.
fn plan_shards(records: &[(&str, usize)], limit: usize) -> (usize, Vec<usize>) {
    // Room for the shard's own framing and pretty-printing of each record.
    let size = |bytes: usize| (bytes + 96) * 5 / 4;
    let total: usize = records.iter().map(|&(_, b)| size(b)).sum();
    let mut n = total
        .div_ceil((limit / 2).max(1))
        .max(1)
        .next_power_of_two();
    loop {
        let plan: Vec<usize> = records.iter().map(|&(key, _)| bucket(key, n)).collect();
        let mut sizes = vec![1024usize; n];
        for (&(_, b), &k) in records.iter().zip(&plan) {
            sizes[k] += size(b);
        }
        // A single record is far below the limit (its text is capped), so doubling ends.
        if sizes.iter().all(|&s| s <= limit) || n >= 1 << 16 {
            return (n, plan);
        }
        n *= 2;
    }
}

/// The shard of `n` (a power of two) a report at URL path `key` goes to: from the first
/// bytes of the path's SHA-256, so that it is the same on every build and every platform.
fn bucket(key: &str, n: usize) -> usize {
    let d = Sha256::digest(key.as_bytes());
    let v = u32::from_be_bytes([d[0], d[1], d[2], d[3]]) as usize;
    v & (n - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_capped_on_a_character_boundary() {
        assert_eq!(cap_text("abc", 3), ("abc", false));
        assert_eq!(cap_text("abcd", 3), ("abc", true));
        assert_eq!(cap_text("ééé", 2), ("éé", true));
        assert_eq!(cap_text("", 0), ("", false));
    }

    #[test]
    fn sha256_of_known_input() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn shards_stay_under_the_limit_and_keep_their_reports() {
        let keys: Vec<String> = (0..40).map(|i| format!("laporan/r{i}/")).collect();
        let records: Vec<(&str, usize)> = keys.iter().map(|k| (k.as_str(), 150_000)).collect();
        let (n, plan) = plan_shards(&records, 1_000_000);
        assert!(n >= 8 && n.is_power_of_two(), "{n}");
        let mut sizes = vec![0; n];
        for (&(_, b), &k) in records.iter().zip(&plan) {
            sizes[k] += b;
        }
        assert!(sizes.iter().all(|&s| s <= 1_000_000), "{sizes:?}");
        // A record growing a little leaves every record in its shard.
        let mut grown = records.clone();
        grown[7].1 += 2_000;
        let (m, again) = plan_shards(&grown, 1_000_000);
        assert_eq!((m, again), (n, plan));
        // Small portals have one shard; an empty one too.
        assert_eq!(plan_shards(&records[..2], 1_000_000).0, 1);
        assert_eq!(plan_shards(&[], 1_000_000), (1, vec![]));
    }

    #[test]
    fn buckets_spread_and_stay_in_range() {
        let mut seen = [0usize; 4];
        for i in 0..400 {
            let k = bucket(&format!("laporan/r{i}/"), 4);
            seen[k] += 1;
        }
        assert!(seen.iter().all(|&c| c > 50), "{seen:?}");
        assert_eq!(bucket("laporan/a/", 1), 0);
    }
}
