//! Reading a member's hub interface (the format [`crate::output::network`] writes): the
//! manifest and the report shards, checked as untrusted input.

use crate::msg;
use serde::Deserialize;

use crate::model::report::Status;
use crate::output::network::{FORMAT, SHARD_FORMAT, VERSION};

/// `data/jaringan.json` of a member, as much of it as a hub uses.
#[derive(Clone, Debug, Deserialize)]
pub struct Manifest {
    /// Must be [`FORMAT`].
    pub format: String,
    /// At most [`VERSION`].
    pub version: u32,
    /// The member portal's title.
    pub title: String,
    /// Where the member portal is published; every report URL must be under it.
    pub base_url: String,
    /// Region it serves.
    #[serde(default)]
    pub region: Option<String>,
    /// Its build date, `YYYY-MM-DD`: the date of its data.
    pub generated: String,
    /// The shards.
    pub shards: Vec<ShardRef>,
}

/// One entry of the manifest's `shards`.
#[derive(Clone, Debug, Deserialize)]
pub struct ShardRef {
    /// Path from the member's root, under `data/jaringan/`.
    pub path: String,
    /// Size in bytes.
    pub bytes: u64,
    /// SHA-256 of the shard's bytes, lower-case hex.
    pub sha256: String,
}

/// A report shard.
#[derive(Clone, Debug, Deserialize)]
pub struct Shard {
    /// Must be [`SHARD_FORMAT`].
    pub format: String,
    /// At most [`VERSION`].
    pub version: u32,
    /// Its reports.
    pub reports: Vec<MemberReport>,
}

/// A member's report, as the hub shows it.
#[derive(Clone, Debug, Deserialize)]
pub struct MemberReport {
    /// Title.
    pub title: String,
    /// Canonical URL on the member portal.
    pub url: String,
    /// Summary.
    #[serde(default)]
    pub summary: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    #[serde(default)]
    pub date: Option<String>,
    /// Visiting unit.
    #[serde(default)]
    pub unit: String,
    /// Place visited.
    #[serde(default)]
    pub destination: String,
    /// Province of the place.
    #[serde(default)]
    pub province: Option<String>,
    /// Official region code of the place visited (Kemendagri), when the member knows it.
    #[serde(default)]
    pub kode_wilayah: Option<String>,
    /// Country of the place.
    #[serde(default)]
    pub country: String,
    /// Language of the report, `id` or `en`.
    #[serde(default)]
    pub lang: String,
    /// First day of the visit.
    #[serde(default)]
    pub start: Option<String>,
    /// Topics.
    #[serde(default)]
    pub topics: Vec<String>,
    /// Recommendations.
    #[serde(default)]
    pub recommendations: Vec<MemberRecommendation>,
    /// Plain text of the body (capped by the member).
    #[serde(default)]
    pub text: String,
    /// Hash of the record.
    #[serde(default)]
    pub sha256: String,
}

/// A recommendation of a member's report.
#[derive(Clone, Debug, Deserialize, serde::Serialize)]
pub struct MemberRecommendation {
    /// Its id within the report.
    #[serde(default)]
    pub id: String,
    /// What should be done.
    pub text: String,
    /// Who acts on it.
    #[serde(default)]
    pub owner: String,
    /// Deadline.
    #[serde(default)]
    pub due: Option<String>,
    /// Follow-up status (the contract's spelling).
    pub status: String,
    /// Overdue on the member's build date.
    #[serde(default)]
    pub overdue: bool,
    /// How progress is measured.
    #[serde(default)]
    pub indicator: Option<String>,
    /// The owner's latest note.
    #[serde(default)]
    pub note: Option<String>,
}

impl MemberRecommendation {
    /// The status, if it is one Tilik knows.
    pub fn status(&self) -> Option<Status> {
        Status::parse(&self.status)
    }
}

/// Why a member's data was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Not JSON of the expected shape (the parser's message).
    Malformed(String),
    /// Looks like an HTML page.
    Html,
    /// Another format name.
    UnknownFormat(String),
    /// A version newer than this Tilik reads.
    NewerVersion(u32),
    /// A report or shard URL outside the member's `base_url`.
    OutsideBase(String),
    /// A shard whose bytes do not match the manifest's hash or size.
    HashMismatch(String),
    /// A recommendation status Tilik does not know.
    UnknownStatus(String),
}

impl Problem {
    /// The reason in the writer's language.
    pub fn describe(&self, lang: crate::diagnostics::Lang) -> String {
        match self {
            Problem::Malformed(e) => msg!(lang, "network.malformed", error = e),
            Problem::Html => msg!(lang, "network.html_not_json"),
            Problem::UnknownFormat(f) => {
                msg!(
                    lang,
                    "network.unknown_format",
                    format = f,
                    expected = FORMAT
                )
            }
            Problem::NewerVersion(v) => {
                msg!(
                    lang,
                    "network.newer_version",
                    version = v,
                    supported = VERSION
                )
            }
            Problem::OutsideBase(u) => msg!(lang, "network.outside_base", url = u),
            Problem::HashMismatch(p) => msg!(lang, "network.hash_mismatch", file = p),
            Problem::UnknownStatus(s) => msg!(lang, "network.unknown_status", status = s),
        }
    }
}

fn parse<T: for<'de> Deserialize<'de>>(bytes: &[u8]) -> Result<T, Problem> {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .map_or(&[][..], |i| &bytes[i..]);
    if start.first() == Some(&b'<') {
        return Err(Problem::Html);
    }
    serde_json::from_slice(bytes).map_err(|e| Problem::Malformed(e.to_string()))
}

fn check_version(format: &str, expected: &str, version: u32) -> Result<(), Problem> {
    if format != expected {
        return Err(Problem::UnknownFormat(format.to_string()));
    }
    if version == 0 || version > VERSION {
        return Err(Problem::NewerVersion(version));
    }
    Ok(())
}

/// Whether `url` is an http(s) URL under `base` (itself an http(s) URL ending in `/`).
pub fn is_under(url: &str, base: &str) -> bool {
    let web = |u: &str| u.starts_with("https://") || u.starts_with("http://");
    web(url)
        && web(base)
        && base.ends_with('/')
        && url.starts_with(base)
        && !url[base.len()..].split(['/', '?', '#']).any(|s| s == "..")
        && !url.contains(['<', '>', '"', '\'', '\\', ' ', '\n', '\r', '\t'])
}

/// Whether `code` has the form of a Kemendagri province or regency/city code (`33`, `33.02`).
fn is_region_code(code: &str) -> bool {
    let b = code.as_bytes();
    let digits = |s: &[u8]| s.len() == 2 && s.iter().all(u8::is_ascii_digit);
    match b.len() {
        2 => digits(b),
        5 => digits(&b[..2]) && b[2] == b'.' && digits(&b[3..]),
        _ => false,
    }
}

/// Reads and checks a manifest.
pub fn read_manifest(bytes: &[u8]) -> Result<Manifest, Problem> {
    let m: Manifest = parse(bytes)?;
    check_version(&m.format, FORMAT, m.version)?;
    if !(m.base_url.starts_with("https://") || m.base_url.starts_with("http://"))
        || !m.base_url.ends_with('/')
    {
        return Err(Problem::OutsideBase(m.base_url));
    }
    for s in &m.shards {
        let fine = s.path.starts_with("data/jaringan/")
            && s.path.ends_with(".json")
            && !s.path.split('/').any(|p| p == ".." || p.is_empty())
            && s.path
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"/-_.".contains(&b));
        if !fine {
            return Err(Problem::OutsideBase(s.path.clone()));
        }
    }
    Ok(m)
}

/// Reads and checks one shard against its manifest entry and the member's base URL.
pub fn read_shard(bytes: &[u8], entry: &ShardRef, base_url: &str) -> Result<Shard, Problem> {
    if bytes.len() as u64 != entry.bytes
        || crate::output::network::sha256_hex(bytes) != entry.sha256
    {
        return Err(Problem::HashMismatch(entry.path.clone()));
    }
    let mut shard: Shard = parse(bytes)?;
    check_version(&shard.format, SHARD_FORMAT, shard.version)?;
    for r in &mut shard.reports {
        // A region code is published as one: anything else is dropped, not passed on.
        if r.kode_wilayah
            .as_deref()
            .is_some_and(|c| !is_region_code(c))
        {
            r.kode_wilayah = None;
        }
        if !is_under(&r.url, base_url) {
            return Err(Problem::OutsideBase(r.url.clone()));
        }
        if let Some(rec) = r.recommendations.iter().find(|rec| rec.status().is_none()) {
            return Err(Problem::UnknownStatus(rec.status.clone()));
        }
    }
    Ok(shard)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_codes_have_their_form() {
        assert!(is_region_code("33"));
        assert!(is_region_code("33.02"));
        assert!(!is_region_code("33.0"));
        assert!(!is_region_code("=1+1"));
        assert!(!is_region_code("3302"));
    }

    #[test]
    fn urls_must_stay_under_the_base() {
        let base = "https://a.go.id/portal/";
        assert!(is_under("https://a.go.id/portal/laporan/x/", base));
        assert!(!is_under("https://a.go.id/lain/x/", base));
        assert!(!is_under("https://a.go.id/portal/../admin/", base));
        assert!(!is_under("javascript:alert(1)", base));
        assert!(!is_under("https://a.go.id/portal/x\"onmouseover=1", base));
        assert!(!is_under(
            "https://a.go.id.evil.example/portal/",
            "https://a.go.id/"
        ));
        assert!(!is_under("https://a.go.id/x/", "javascript:/"));
    }

    #[test]
    fn html_garbage_and_newer_versions_are_refused() {
        assert_eq!(
            read_manifest(b"  <!doctype html>").unwrap_err(),
            Problem::Html
        );
        assert!(matches!(
            read_manifest(b"{nope").unwrap_err(),
            Problem::Malformed(_)
        ));
        let newer = br#"{"format":"tilik-jaringan","version":99,"title":"T","base_url":"https://a/","generated":"2026-01-01","shards":[]}"#;
        assert_eq!(read_manifest(newer).unwrap_err(), Problem::NewerVersion(99));
        let other = br#"{"format":"lain","version":1,"title":"T","base_url":"https://a/","generated":"2026-01-01","shards":[]}"#;
        assert!(matches!(
            read_manifest(other).unwrap_err(),
            Problem::UnknownFormat(_)
        ));
        let escape = br#"{"format":"tilik-jaringan","version":1,"title":"T","base_url":"https://a/","generated":"2026-01-01","shards":[{"path":"data/jaringan/../../etc/passwd","bytes":1,"sha256":"x"}]}"#;
        assert!(matches!(
            read_manifest(escape).unwrap_err(),
            Problem::OutsideBase(_)
        ));
    }
}
