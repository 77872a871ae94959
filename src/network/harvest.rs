//! Harvesting the members of a hub: each member's manifest and shards, read and checked.
//! A member that cannot be read is a warning naming it and the reason (an error under
//! `--strict`); the build goes on without it.

use crate::msg;
use std::path::Path;
use std::time::Duration;

use rayon::prelude::*;

use super::manifest::{read_manifest, read_shard, Manifest, MemberReport, Problem};
use super::member::MemberConfig;
use crate::config::Config;
use crate::content::cache::ParseCache;
use crate::diagnostics::{Diagnostic, Lang};
use crate::output::network::MANIFEST_PATH;

/// One member of the hub, with what could be read of it.
#[derive(Clone, Debug)]
pub struct Member {
    /// As configured.
    pub config: MemberConfig,
    /// Last part of `/jaringan/<slug>/`.
    pub slug: String,
    /// Its data, when it could be read.
    pub data: Option<MemberData>,
    /// The data is the last good copy from the cache: the member could not be fetched now.
    pub stale: bool,
}

/// What a member published.
#[derive(Clone, Debug)]
pub struct MemberData {
    /// Its manifest.
    pub manifest: Manifest,
    /// Its reports (without those another member or the hub itself already has).
    pub reports: Vec<MemberReport>,
}

/// Why a member could not be read at all.
#[derive(Debug)]
pub enum Failure {
    /// Its data broke the format's rules.
    Data(Problem),
    /// A file could not be read (missing folder, I/O).
    Unreadable(String, std::io::Error),
    /// A file over the size limit.
    Oversized(String, u64),
    /// An HTTP member that could not be fetched: the file and what went wrong (refused, a
    /// status other than 200).
    Http(String, String),
    /// An HTTP member that did not answer in time: the file, the `[network]` setting that
    /// ran out (`connect_timeout` or `timeout`) and its seconds.
    Timeout(String, &'static str, u64),
    /// `--offline` and no cached copy.
    Offline,
}

impl Failure {
    fn describe(&self, lang: Lang) -> String {
        match self {
            Failure::Data(p) => p.describe(lang),
            Failure::Unreadable(what, e) => msg!(lang, "network.unreadable", what, error = e),
            Failure::Oversized(what, limit) => msg!(lang, "network.oversized", what, limit),
            Failure::Http(what, e) => msg!(lang, "network.fetch_failed", what, error = e),
            Failure::Timeout(what, setting, seconds) => {
                msg!(lang, "network.timeout", what, setting, seconds)
            }
            Failure::Offline => msg!(lang, "network.offline_no_copy"),
        }
    }
}

/// A harvest kept by `tilik serve` ([`harvest_cached`]): the members as read, the warnings
/// about them, and when.
#[derive(Clone, Debug)]
pub struct Kept {
    at: std::time::Instant,
    offline: bool,
    members: Vec<Member>,
    warnings: Vec<Diagnostic>,
}

/// [`harvest`], reusing the harvest kept in `cache` while it is younger than
/// `[network] refresh_minutes`: a rebuild of `tilik serve` after a local edit asks nothing of
/// the members (no network I/O), and asks them again on the first rebuild after that time.
/// The cache forgets the harvest when the configuration changes; a disabled cache (`tilik
/// build`, `tilik check`) always harvests.
pub fn harvest_cached(
    config: &Config,
    root: &Path,
    lang: Lang,
    offline: bool,
    cache: &mut ParseCache,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Member> {
    let refresh = Duration::from_secs(config.network.refresh_minutes.saturating_mul(60));
    if let Some(kept) = cache.kept_harvest() {
        if kept.offline == offline && kept.at.elapsed() < refresh {
            diags.extend(kept.warnings.iter().cloned());
            return kept.members.clone();
        }
    }
    let at = std::time::Instant::now();
    let mut warnings = Vec::new();
    let members = harvest(config, root, lang, offline, &mut warnings);
    if cache.is_enabled() {
        cache.keep_harvest(Kept {
            at,
            offline,
            members: members.clone(),
            warnings: warnings.clone(),
        });
    }
    diags.extend(warnings);
    members
}

/// Reads every member of `config.network`, in parallel. Problems become warnings in
/// `diags`; a member with a problem has no data.
pub fn harvest(
    config: &Config,
    root: &Path,
    lang: Lang,
    offline: bool,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Member> {
    let net = &config.network;
    let agent = super::http::agent(net);
    let results: Vec<(Member, Option<Diagnostic>)> = net
        .members
        .par_iter()
        .map(|m| {
            let cache = super::http::cache_dir(root, &m.slug());
            let result = if !m.is_http() {
                read_folder(&root.join(m.url.trim()), net.max_bytes)
            } else if offline {
                super::http::cached(&cache).ok_or(Failure::Offline)
            } else {
                super::http::fetch(&agent, &m.url, &cache, net)
            };
            let (data, warning, stale) = match result {
                Ok(data) => (Some(data), None, false),
                Err(f) => {
                    // A member that cannot be fetched now: its last good copy, if any.
                    let last = (m.is_http() && !matches!(f, Failure::Offline))
                        .then(|| super::http::cached(&cache))
                        .flatten();
                    let (data, warning) = unreadable(m, f, last, lang);
                    let stale = data.is_some();
                    (data, Some(warning), stale)
                }
            };
            let member = Member {
                slug: m.slug(),
                config: m.clone(),
                data,
                stale,
            };
            (member, warning)
        })
        .collect();
    let mut members = Vec::with_capacity(results.len());
    for (member, warning) in results {
        diags.extend(warning);
        members.push(member);
    }
    unique_slugs(&mut members);
    members
}

/// The warning about member `m` that could not be read (`f`), and the data used instead:
/// its last good copy, when there is one.
fn unreadable(
    m: &MemberConfig,
    f: Failure,
    last: Option<MemberData>,
    lang: Lang,
) -> (Option<MemberData>, Diagnostic) {
    let why = f.describe(lang);
    let name = &m.name;
    let warning = match &last {
        Some(data) => {
            let date = &data.manifest.generated;
            Diagnostic::warning(
                "tilik.toml",
                None,
                msg!(lang, "network.member_cached", name, why, date),
            )
            .with_hint(msg!(lang, "network.member_cached_hint"))
        }
        None => Diagnostic::warning(
            "tilik.toml",
            None,
            msg!(lang, "network.member_skipped", name, why),
        )
        .with_hint(msg!(lang, "network.member_skipped_hint")),
    };
    (last, warning)
}

/// Two members whose names give the same slug get `-2`, `-3`… in configuration order.
fn unique_slugs(members: &mut [Member]) {
    let mut seen = std::collections::HashSet::new();
    for m in members {
        let base = m.slug.clone();
        let mut n = 1;
        while !seen.insert(m.slug.clone()) {
            n += 1;
            m.slug = format!("{base}-{n}");
        }
    }
}

fn read_limited(path: &Path, shown: &str, limit: u64) -> Result<Vec<u8>, Failure> {
    let meta = std::fs::metadata(path).map_err(|e| Failure::Unreadable(shown.into(), e))?;
    if meta.len() > limit {
        return Err(Failure::Oversized(shown.into(), limit));
    }
    std::fs::read(path).map_err(|e| Failure::Unreadable(shown.into(), e))
}

/// A member given as a folder: the output folder of a built portal (or a project folder
/// whose `public/` is one).
fn read_folder(folder: &Path, limit: u64) -> Result<MemberData, Failure> {
    let dir = if !folder.join(MANIFEST_PATH).is_file() && folder.join("public").is_dir() {
        folder.join("public")
    } else {
        folder.to_path_buf()
    };
    let bytes = read_limited(&dir.join(MANIFEST_PATH), MANIFEST_PATH, limit)?;
    let manifest = read_manifest(&bytes).map_err(Failure::Data)?;
    let mut reports = Vec::new();
    for entry in &manifest.shards {
        let bytes = read_limited(&dir.join(&entry.path), &entry.path, limit)?;
        let shard = read_shard(&bytes, entry, &manifest.base_url).map_err(Failure::Data)?;
        reports.extend(shard.reports);
    }
    Ok(MemberData { manifest, reports })
}

/// Keeps each report once: a report whose URL the hub itself publishes (`own`) or an
/// earlier member already has is dropped from the later member.
pub fn dedupe(members: &mut [Member], own: &std::collections::HashSet<String>) {
    let mut seen: std::collections::HashSet<String> = own.clone();
    for m in members {
        if let Some(data) = &mut m.data {
            data.reports.retain(|r| seen.insert(r.url.clone()));
            // Newest first, as the hub's own lists.
            data.reports
                .sort_by(|a, b| b.date.cmp(&a.date).then(a.url.cmp(&b.url)));
        }
    }
}
