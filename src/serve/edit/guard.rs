//! Who may write: editing is on only for a loopback bind unless `--edit` is given (and off
//! with `--no-edit`); every write carries the per-run random token embedded in the pages and
//! comes from a page of the preview itself (`Origin`, or else `Referer`).

use std::io::Read;
use std::net::IpAddr;

/// Whether editing from the preview is allowed, as asked on the command line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EditMode {
    /// On for a loopback bind, off otherwise (the default).
    #[default]
    Auto,
    /// `--edit`: on whatever the bind address.
    On,
    /// `--no-edit`: off.
    Off,
}

impl EditMode {
    /// Whether editing is on when listening on `bind`.
    pub fn enabled(self, bind: IpAddr) -> bool {
        match self {
            EditMode::Auto => bind.is_loopback(),
            EditMode::On => true,
            EditMode::Off => false,
        }
    }
}

/// The checks every write request passes.
#[derive(Clone, Debug)]
pub struct Guard {
    /// The per-run token, embedded in the pages.
    pub token: String,
    /// The port the preview listens on.
    pub port: u16,
}

/// Why a request may not write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Denied {
    /// No token, or another one.
    Token,
    /// Neither `Origin` nor `Referer` is a page of this preview.
    Origin,
}

impl Guard {
    /// A guard with a fresh random token.
    pub fn new(port: u16) -> Guard {
        Guard {
            token: random_token(),
            port,
        }
    }

    /// Checks a write request: its `token`, and that it comes from a page of this preview.
    /// `host` is the request's `Host` header.
    pub fn check(
        &self,
        token: Option<&str>,
        origin: Option<&str>,
        referer: Option<&str>,
        host: Option<&str>,
    ) -> Result<(), Denied> {
        if !token.is_some_and(|t| constant_time_eq(t.as_bytes(), self.token.as_bytes())) {
            return Err(Denied::Token);
        }
        let from = match (origin, referer) {
            (Some(o), _) if o != "null" => o.to_string(),
            (_, Some(r)) => origin_of(r).ok_or(Denied::Origin)?,
            _ => return Err(Denied::Origin),
        };
        if self.is_own_origin(&from, host) {
            Ok(())
        } else {
            Err(Denied::Origin)
        }
    }

    /// Whether `origin` (`http://host:port`) is this preview: `http`, our port, the host the
    /// request was sent to, and that host an IP address or `localhost` (a domain name could
    /// be rebound to this computer by another site).
    fn is_own_origin(&self, origin: &str, host: Option<&str>) -> bool {
        let Some(authority) = origin.strip_prefix("http://") else {
            return false;
        };
        if host.is_some_and(|h| !h.eq_ignore_ascii_case(authority)) || host.is_none() {
            return false;
        }
        let Some((name, port)) = authority.rsplit_once(':') else {
            return false;
        };
        if port.parse::<u16>().ok() != Some(self.port) {
            return false;
        }
        let bare = name.trim_start_matches('[').trim_end_matches(']');
        name.eq_ignore_ascii_case("localhost") || bare.parse::<IpAddr>().is_ok()
    }
}

/// `scheme://authority` of a URL.
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    Some(format!("{scheme}://{authority}"))
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// 128 random bits as hex: from the system's random source, or, where there is none, from
/// std's randomly seeded hasher.
fn random_token() -> String {
    let mut bytes = [0u8; 16];
    let read = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut bytes));
    if read.is_err() {
        use std::hash::{BuildHasher, Hasher};
        for chunk in bytes.chunks_mut(8) {
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_u128(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_nanos()),
            );
            chunk.copy_from_slice(&h.finish().to_le_bytes());
        }
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_differ_and_are_long() {
        let (a, b) = (random_token(), random_token());
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
    }

    #[test]
    fn a_write_needs_the_token_and_a_page_of_this_preview() {
        let g = Guard::new(8000);
        let t = Some(g.token.as_str());
        let host = Some("127.0.0.1:8000");
        assert_eq!(
            g.check(t, Some("http://127.0.0.1:8000"), None, host),
            Ok(())
        );
        assert_eq!(
            g.check(t, None, Some("http://127.0.0.1:8000/laporan/a/"), host),
            Ok(())
        );
        assert_eq!(
            g.check(None, Some("http://127.0.0.1:8000"), None, host),
            Err(Denied::Token)
        );
        assert_eq!(
            g.check(Some("x"), Some("http://127.0.0.1:8000"), None, host),
            Err(Denied::Token)
        );
        for other in [
            "http://evil.example:8000",
            "http://127.0.0.1:8001",
            "https://127.0.0.1:8000",
            "null",
        ] {
            assert_eq!(
                g.check(t, Some(other), None, host),
                Err(Denied::Origin),
                "{other}"
            );
        }
        assert_eq!(g.check(t, None, None, host), Err(Denied::Origin));
        // A rebound domain name: Origin and Host agree, but it is not an address.
        let rebound = Some("evil.example:8000");
        assert_eq!(
            g.check(t, Some("http://evil.example:8000"), None, rebound),
            Err(Denied::Origin)
        );
        assert!(EditMode::Auto.enabled(IpAddr::from([127, 0, 0, 1])));
        assert!(!EditMode::Auto.enabled(IpAddr::from([0, 0, 0, 0])));
        assert!(EditMode::On.enabled(IpAddr::from([0, 0, 0, 0])));
        assert!(!EditMode::Off.enabled(IpAddr::from([127, 0, 0, 1])));
    }
}
