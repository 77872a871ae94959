//! Request targets → safe site paths.
//!
//! A request target is untrusted text. It is decoded once, checked segment by segment, and
//! turned into a [`SitePath`]: a list of plain names that can only ever be looked up in the
//! in-memory site. Anything that could mean "somewhere else" (`..`, `.`, backslashes, NUL and
//! other control characters, in raw or percent-encoded form) is refused rather than cleaned
//! up, so that a hostile path never becomes a different, valid one.

use percent_encoding::percent_decode_str;

/// A decoded, checked request path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SitePath {
    /// The decoded segments, none empty, `.` or `..`.
    pub segments: Vec<String>,
    /// Whether the path ended with `/` (a folder).
    pub trailing_slash: bool,
}

/// Why a request target was refused (answered with 400 Bad Request).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Not of the form `/path` (or `http://host/path`).
    NotAPath,
    /// Percent-encoding that is not UTF-8.
    BadEncoding,
    /// A `.` or `..` segment.
    DotSegment,
    /// A backslash, NUL or other control character.
    ForbiddenCharacter,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Refusal::NotAPath => "the request target is not a path",
            Refusal::BadEncoding => "the path is not valid UTF-8 once decoded",
            Refusal::DotSegment => "the path contains a `.` or `..` segment",
            Refusal::ForbiddenCharacter => "the path contains a backslash or control character",
        })
    }
}

/// Splits a raw request target into its path and query (without the `?`).
pub fn split_query(target: &str) -> (&str, Option<&str>) {
    let target = target.split('#').next().unwrap_or("");
    match target.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (target, None),
    }
}

/// Decodes and checks the path part of a request target.
pub fn parse(target: &str) -> Result<SitePath, Refusal> {
    let (raw, _) = split_query(target);
    let raw = strip_authority(raw).ok_or(Refusal::NotAPath)?;
    if !raw.starts_with('/') {
        return Err(Refusal::NotAPath);
    }
    if raw.chars().any(forbidden) {
        return Err(Refusal::ForbiddenCharacter);
    }
    let decoded = percent_decode_str(raw)
        .decode_utf8()
        .map_err(|_| Refusal::BadEncoding)?;
    if decoded.chars().any(forbidden) {
        return Err(Refusal::ForbiddenCharacter);
    }
    let trailing_slash = decoded.ends_with('/');
    let mut segments = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            // `//` is harmless (there is no empty name in the site): treat it as one `/`.
            "" => {}
            "." | ".." => return Err(Refusal::DotSegment),
            s => segments.push(s.to_string()),
        }
    }
    Ok(SitePath {
        segments,
        trailing_slash,
    })
}

impl SitePath {
    /// The path as a URL path from the server root: `/a/b/` or `/a/b.html`.
    pub fn to_url(&self) -> String {
        let mut url = String::from("/");
        url.push_str(&self.segments.join("/"));
        if self.trailing_slash && !self.segments.is_empty() {
            url.push('/');
        }
        url
    }

    /// The segments left after `prefix` (a site's base path split into segments), or `None`
    /// when the path lies outside it.
    pub fn strip_prefix(&self, prefix: &[String]) -> Option<SitePath> {
        if self.segments.len() < prefix.len() || self.segments[..prefix.len()] != *prefix {
            return None;
        }
        Some(SitePath {
            segments: self.segments[prefix.len()..].to_vec(),
            trailing_slash: self.trailing_slash,
        })
    }

    /// The key of this path in the site (`laporan/a/index.html`), folders ending in
    /// `index.html`.
    pub fn site_key(&self) -> String {
        let joined = self.segments.join("/");
        if self.segments.is_empty() {
            "index.html".to_string()
        } else if self.trailing_slash {
            format!("{joined}/index.html")
        } else {
            joined
        }
    }
}

/// Splits a base path such as `/portal/` into its segments.
pub fn base_segments(base_path: &str) -> Vec<String> {
    let decoded = percent_decode_str(base_path).decode_utf8_lossy();
    decoded
        .split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn forbidden(c: char) -> bool {
    c == '\\' || c.is_control()
}

/// Accepts the absolute form `http://host/path` by dropping the scheme and host.
fn strip_authority(raw: &str) -> Option<&str> {
    let lower = raw.get(..8).unwrap_or(raw).to_ascii_lowercase();
    let rest = if lower.starts_with("http://") {
        &raw[7..]
    } else if lower.starts_with("https://") {
        &raw[8..]
    } else {
        return Some(raw);
    };
    Some(rest.find('/').map_or("/", |i| &rest[i..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(target: &str) -> SitePath {
        parse(target).unwrap_or_else(|e| panic!("{target}: {e}"))
    }

    #[test]
    fn plain_paths_decode_into_segments() {
        let p = ok("/laporan/a%20b/?q=1");
        assert_eq!(p.segments, ["laporan", "a b"]);
        assert!(p.trailing_slash);
        assert_eq!(p.site_key(), "laporan/a b/index.html");
        assert_eq!(ok("/").site_key(), "index.html");
        assert_eq!(ok("/css/tilik.css").site_key(), "css/tilik.css");
        assert_eq!(ok("http://x:1/a/b").segments, ["a", "b"]);
    }

    #[test]
    fn traversal_in_any_spelling_is_refused() {
        for target in [
            "/../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/%2E%2E/Cargo.toml",
            "/..%2fCargo.toml",
            "/a/../../etc/passwd",
            "/./x",
            "/%2e/x",
        ] {
            assert_eq!(parse(target), Err(Refusal::DotSegment), "{target}");
        }
        for target in [
            "/..\\Cargo.toml",
            "/%5c..%5cx",
            "/a%00b",
            "/a\u{0}b",
            "/a%0d%0ab",
        ] {
            assert_eq!(parse(target), Err(Refusal::ForbiddenCharacter), "{target}");
        }
        assert_eq!(parse("/%ff"), Err(Refusal::BadEncoding));
        assert_eq!(parse("Cargo.toml"), Err(Refusal::NotAPath));
        assert_eq!(parse("*"), Err(Refusal::NotAPath));
    }

    #[test]
    fn base_path_prefix_is_stripped() {
        let base = base_segments("/portal/");
        let p = ok("/portal/laporan/").strip_prefix(&base);
        assert_eq!(p.map(|p| p.site_key()), Some("laporan/index.html".into()));
        let root = ok("/portal").strip_prefix(&base);
        assert_eq!(root.as_ref().map(|p| p.segments.len()), Some(0));
        assert_eq!(root.map(|p| p.trailing_slash), Some(false));
        assert_eq!(ok("/other/").strip_prefix(&base), None);
        assert_eq!(ok("/portalx/").strip_prefix(&base), None);
    }
}
