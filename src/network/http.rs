//! Members over HTTP: a member portal's hub interface fetched with conditional requests
//! (ETag / Last-Modified) and kept in `.tilik-cache/network/<member>/` beside `tilik.toml`,
//! so that an unchanged member costs one `304 Not Modified`, only shards whose hash changed
//! are fetched again, and a member that is down or answers nonsense falls back to its last
//! good copy. Timeouts and the size limit come from `[network]`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::harvest::{Failure, MemberData};
use super::manifest::{read_manifest, read_shard, Manifest};
use super::member::NetworkConfig;
use crate::output::network::MANIFEST_PATH;

/// Where a member's cached copy is kept: `<root>/.tilik-cache/network/<slug>/`.
pub fn cache_dir(root: &Path, slug: &str) -> PathBuf {
    root.join(".tilik-cache").join("network").join(slug)
}

/// The HTTP client of a harvest.
pub fn agent(net: &NetworkConfig) -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_connect(Some(Duration::from_secs(net.connect_timeout)))
        .timeout_global(Some(Duration::from_secs(net.timeout)))
        .http_status_as_error(false)
        .user_agent(concat!("tilik/", env!("CARGO_PKG_VERSION"), " (hub)"))
        .build()
        .into()
}

/// The member's base URL with its trailing slash.
fn base_of(url: &str) -> String {
    let url = url.trim();
    if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    }
}

/// What went wrong with a request for `shown`: a timeout names the `[network]` setting that
/// ran out.
fn failure(shown: &str, e: ureq::Error, net: &NetworkConfig) -> Failure {
    match e {
        ureq::Error::Timeout(ureq::Timeout::Connect) => {
            Failure::Timeout(shown.into(), "connect_timeout", net.connect_timeout)
        }
        ureq::Error::Timeout(_) => Failure::Timeout(shown.into(), "timeout", net.timeout),
        e => Failure::Http(shown.into(), e.to_string()),
    }
}

/// One GET: `Ok(None)` for `304 Not Modified`, else the body (at most `max_bytes`) with its
/// ETag and Last-Modified.
fn get(
    agent: &ureq::Agent,
    url: &str,
    shown: &str,
    net: &NetworkConfig,
    validators: Option<(&str, &str)>,
) -> Result<Option<(Vec<u8>, String, String)>, Failure> {
    let limit = net.max_bytes;
    let mut request = agent.get(url);
    if let Some((etag, modified)) = validators {
        if !etag.is_empty() {
            request = request.header("If-None-Match", etag);
        }
        if !modified.is_empty() {
            request = request.header("If-Modified-Since", modified);
        }
    }
    let mut response = request.call().map_err(|e| failure(shown, e, net))?;
    let status = response.status().as_u16();
    if status == 304 && validators.is_some() {
        return Ok(None);
    }
    if status != 200 {
        return Err(Failure::Http(shown.into(), format!("HTTP {status}")));
    }
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    let (etag, modified) = (header("etag"), header("last-modified"));
    let body = response
        .body_mut()
        .with_config()
        .limit(limit)
        .read_to_vec()
        .map_err(|e| match e {
            ureq::Error::BodyExceedsLimit(_) => Failure::Oversized(shown.into(), limit),
            e => failure(shown, e, net),
        })?;
    Ok(Some((body, etag, modified)))
}

fn read(path: &Path) -> Option<Vec<u8>> {
    std::fs::read(path).ok()
}

fn read_string(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// Writes `bytes` to `path` through a temporary file, so that a cache file is whole or absent.
fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(tmp, path)
}

/// The file of a cached shard, by its hash (checked to be hex when the manifest is read).
fn shard_file(dir: &Path, sha256: &str) -> PathBuf {
    let name: String = sha256.chars().filter(char::is_ascii_hexdigit).collect();
    dir.join("shards").join(format!("{name}.json"))
}

/// Files fetched that the cache does not have yet: (cache file, bytes).
type NewFiles = Vec<(PathBuf, Vec<u8>)>;

/// The shards of `manifest`, each from the cache when its hash is there, else from `fetch`.
fn shards(
    manifest: &Manifest,
    dir: &Path,
    mut fetch: impl FnMut(&str) -> Result<Vec<u8>, Failure>,
) -> Result<(MemberData, NewFiles), Failure> {
    let mut reports = Vec::new();
    let mut new_files = Vec::new();
    for entry in &manifest.shards {
        let file = shard_file(dir, &entry.sha256);
        let cached = read(&file).and_then(|b| read_shard(&b, entry, &manifest.base_url).ok());
        let shard = match cached {
            Some(shard) => shard,
            None => {
                let bytes = fetch(&entry.path)?;
                let shard = read_shard(&bytes, entry, &manifest.base_url).map_err(Failure::Data)?;
                new_files.push((file, bytes));
                shard
            }
        };
        reports.extend(shard.reports);
    }
    let data = MemberData {
        manifest: manifest.clone(),
        reports,
    };
    Ok((data, new_files))
}

/// The member's last good copy, if the cache has a whole one.
pub fn cached(dir: &Path) -> Option<MemberData> {
    let manifest = read_manifest(&read(&dir.join("manifest.json"))?).ok()?;
    shards(&manifest, dir, |_| Err(Failure::Offline))
        .ok()
        .map(|(data, _)| data)
}

/// Fetches member `url` (a fresh copy, written to the cache at `dir` once it is whole and
/// valid). Shards whose hash the cache has are not fetched again.
pub fn fetch(
    agent: &ureq::Agent,
    url: &str,
    dir: &Path,
    net: &NetworkConfig,
) -> Result<MemberData, Failure> {
    let base = base_of(url);
    let cached_manifest = read(&dir.join("manifest.json"));
    let (etag, modified) = (
        read_string(&dir.join("etag")),
        read_string(&dir.join("last-modified")),
    );
    let validators = cached_manifest
        .is_some()
        .then_some((etag.as_str(), modified.as_str()));
    let manifest_url = format!("{base}{MANIFEST_PATH}");
    let (bytes, fresh) = match get(agent, &manifest_url, MANIFEST_PATH, net, validators)? {
        Some((body, etag, modified)) => (body, Some((etag, modified))),
        // 304: the cached manifest is still the member's.
        None => (cached_manifest.unwrap_or_default(), None),
    };
    let manifest = read_manifest(&bytes).map_err(Failure::Data)?;
    if manifest.base_url != base {
        return Err(Failure::Data(super::manifest::Problem::OutsideBase(
            manifest.base_url,
        )));
    }
    let (data, new_files) = shards(&manifest, dir, |path| {
        let url = format!("{base}{path}");
        match get(agent, &url, path, net, None)? {
            Some((body, _, _)) => Ok(body),
            None => Err(Failure::Http(path.into(), "HTTP 304".into())),
        }
    })?;
    // The whole copy is good: keep it (a cache that cannot be written only costs a re-fetch).
    let _ = save(dir, &manifest, &bytes, fresh, new_files);
    Ok(data)
}

fn save(
    dir: &Path,
    manifest: &Manifest,
    bytes: &[u8],
    fresh: Option<(String, String)>,
    new_files: NewFiles,
) -> std::io::Result<()> {
    for (file, body) in &new_files {
        write(file, body)?;
    }
    if let Some((etag, modified)) = fresh {
        write(&dir.join("manifest.json"), bytes)?;
        write(&dir.join("etag"), etag.as_bytes())?;
        write(&dir.join("last-modified"), modified.as_bytes())?;
    }
    // Shards no longer in the manifest go.
    let keep: Vec<PathBuf> = manifest
        .shards
        .iter()
        .map(|s| shard_file(dir, &s.sha256))
        .collect();
    if let Ok(entries) = std::fs::read_dir(dir.join("shards")) {
        for e in entries.flatten() {
            if !keep.contains(&e.path()) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    Ok(())
}
