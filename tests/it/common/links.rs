//! A small link checker for built sites: every `href`, `src`, `srcset` and form `action` URL
//! that stays inside the site must name an existing file, and every `#fragment` an existing
//! `id`.
#![allow(dead_code)]

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Attribute values of `name="…"` in an HTML text (our output always quotes attributes).
pub fn attribute_values<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let needle = format!(" {name}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        if let Some(end) = rest.find('"') {
            out.push(&rest[..end]);
            rest = &rest[end..];
        }
    }
    out
}

fn decode(url: &str) -> String {
    url.replace("&amp;", "&")
}

/// Checks every internal link of every HTML file under `root`. `base_path` is the URL path
/// the site is served under (`/` or `/portal/`), for root-relative links of 404.html.
/// Returns one line per broken link.
pub fn broken_links(root: &Path, base_path: &str) -> Vec<String> {
    let html_files: Vec<PathBuf> = walkdir::WalkDir::new(root)
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.path().to_path_buf())
        .collect();
    let mut ids: HashMap<PathBuf, HashSet<String>> = HashMap::new();
    for file in &html_files {
        let html = std::fs::read_to_string(file).unwrap();
        let set = attribute_values(&html, "id")
            .into_iter()
            .map(String::from)
            .collect();
        ids.insert(file.clone(), set);
    }
    let mut broken = Vec::new();
    for file in &html_files {
        let html = std::fs::read_to_string(file).unwrap();
        let mut urls: Vec<String> = Vec::new();
        for attr in ["href", "src", "action"] {
            urls.extend(attribute_values(&html, attr).into_iter().map(decode));
        }
        for set in attribute_values(&html, "srcset") {
            urls.extend(
                set.split(',')
                    .filter_map(|c| c.split_whitespace().next())
                    .map(decode),
            );
        }
        for url in urls {
            if url.contains("://")
                || url.starts_with("mailto:")
                || url.starts_with("data:")
                || url.starts_with("tel:")
            {
                continue;
            }
            let (path_part, fragment) = match url.split_once('#') {
                Some((p, f)) => (p.to_string(), Some(f.to_string())),
                None => (url.clone(), None),
            };
            let path_part = path_part.split('?').next().unwrap_or("").to_string();
            let target = if path_part.is_empty() {
                file.clone()
            } else if let Some(abs) = path_part.strip_prefix('/') {
                match format!("/{abs}").strip_prefix(base_path) {
                    Some(inside) => root.join(inside),
                    None => {
                        broken.push(format!(
                            "{}: {url} escapes the base path {base_path}",
                            file.display()
                        ));
                        continue;
                    }
                }
            } else {
                file.parent().unwrap().join(&path_part)
            };
            let target = normalise(&target);
            if !target.starts_with(root) {
                broken.push(format!("{}: {url} leaves the site", file.display()));
                continue;
            }
            let target = if target.is_dir() || path_part.ends_with('/') {
                target.join("index.html")
            } else {
                target
            };
            if !target.is_file() {
                broken.push(format!(
                    "{}: {url} → missing {}",
                    file.display(),
                    target.display()
                ));
                continue;
            }
            if let Some(f) = fragment.filter(|f| !f.is_empty()) {
                let f = percent_encoding::percent_decode_str(&f)
                    .decode_utf8_lossy()
                    .into_owned();
                if ids.get(&target).is_some_and(|set| !set.contains(&f)) {
                    broken.push(format!("{}: {url} → no id \"{f}\"", file.display()));
                }
            }
        }
    }
    broken
}

fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Every URL path inside the site that a page of `root` links to (`href`, `src`, `srcset`,
/// `action`),
/// as a server under `base_path` sees it (`/portal/skpd/`, `/portal/css/tilik.css`…), without
/// fragment or query: for checking a real server, where each should answer 200.
pub fn site_urls(root: &Path, base_path: &str) -> std::collections::BTreeSet<String> {
    let mut out = std::collections::BTreeSet::new();
    for entry in walkdir::WalkDir::new(root).into_iter().flatten() {
        let file = entry.path();
        if file.extension().is_none_or(|x| x != "html") {
            continue;
        }
        let rel = file
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        // The folder URL the page is served at (404.html's links are root-relative).
        let dir = match rel.rsplit_once('/') {
            Some((d, _)) => format!("{base_path}{d}/"),
            None => base_path.to_string(),
        };
        let html = std::fs::read_to_string(file).unwrap();
        let mut urls: Vec<String> = ["href", "src", "action"]
            .iter()
            .flat_map(|a| attribute_values(&html, a))
            .map(decode)
            .collect();
        for set in attribute_values(&html, "srcset") {
            urls.extend(
                set.split(',')
                    .filter_map(|c| c.split_whitespace().next())
                    .map(decode),
            );
        }
        for url in urls {
            if url.contains("://") || (url.contains(':') && !url.starts_with('/')) {
                continue; // other hosts, mailto:, data:, tel:
            }
            let path = url.split(['#', '?']).next().unwrap_or("");
            if path.is_empty() {
                continue;
            }
            let joined = if path.starts_with('/') {
                path.to_string()
            } else {
                format!("{dir}{path}")
            };
            let mut parts: Vec<&str> = Vec::new();
            for seg in joined.split('/').skip(1) {
                match seg {
                    "." => {}
                    ".." => {
                        parts.pop();
                    }
                    s => parts.push(s),
                }
            }
            out.insert(format!("/{}", parts.join("/")));
        }
    }
    out
}
