//! Harvesting the members of a hub: each member's manifest and shards, read and checked.
//! A member that cannot be read is a warning naming it and the reason (an error under
//! `--strict`); the build goes on without it.

use std::path::Path;

use rayon::prelude::*;

use super::manifest::{read_manifest, read_shard, Manifest, MemberReport, Problem};
use super::member::MemberConfig;
use crate::config::Config;
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
enum Failure {
    /// Its data broke the format's rules.
    Data(Problem),
    /// A file could not be read (missing folder, I/O).
    Unreadable(String, std::io::Error),
    /// A file over the size limit.
    Oversized(String, u64),
    /// A kind of member this build cannot reach yet.
    Unsupported,
}

impl Failure {
    fn describe(&self, lang: Lang) -> String {
        match self {
            Failure::Data(p) => p.describe(lang),
            Failure::Unreadable(what, e) => lang.pick(
                format!("`{what}` tidak dapat dibaca: {e}"),
                format!("`{what}` cannot be read: {e}"),
            ),
            Failure::Oversized(what, limit) => lang.pick(
                format!("`{what}` lebih besar dari batas {limit} byte (network.max_bytes)"),
                format!("`{what}` is over the limit of {limit} bytes (network.max_bytes)"),
            ),
            Failure::Unsupported => lang.pick(
                "anggota lewat HTTP belum didukung versi ini: pakai folder portal yang sudah dibangun".to_string(),
                "members over HTTP are not supported by this version yet: use a folder of a built portal".to_string(),
            ),
        }
    }
}

/// Reads every member of `config.network`, in parallel. Problems become warnings in
/// `diags`; a member with a problem has no data.
pub fn harvest(
    config: &Config,
    root: &Path,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Member> {
    let net = &config.network;
    let results: Vec<(Member, Option<Diagnostic>)> = net
        .members
        .par_iter()
        .map(|m| {
            let result = if m.is_http() {
                Err(Failure::Unsupported)
            } else {
                read_folder(&root.join(m.url.trim()), net.max_bytes)
            };
            let (data, warning) = match result {
                Ok(data) => (Some(data), None),
                Err(f) => (
                    None,
                    Some(
                        Diagnostic::warning(
                            "tilik.toml",
                            None,
                            lang.pick(
                                format!("anggota jaringan `{}` dilewati: {}", m.name, f.describe(lang)),
                                format!("network member `{}` skipped: {}", m.name, f.describe(lang)),
                            ),
                        )
                        .with_hint(lang.pick(
                            "periksa alamat anggota di [[network.members]]; portal lain tetap dibangun",
                            "check the member's url in [[network.members]]; the rest of the hub is still built",
                        )),
                    ),
                ),
            };
            let member = Member {
                slug: m.slug(),
                config: m.clone(),
                data,
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
