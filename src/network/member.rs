//! `[network]` in `tilik.toml`: the member portals a hub gathers.

use serde::Deserialize;

/// `[network]` (alias `[jaringan]`).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkConfig {
    /// `[[network.members]]` (alias `[[jaringan.anggota]]`).
    #[serde(default, alias = "anggota")]
    pub members: Vec<MemberConfig>,
    /// Seconds to wait for a member's server to accept a connection.
    #[serde(default = "default_connect_timeout")]
    pub connect_timeout: u64,
    /// Seconds a whole harvest of one member may take.
    #[serde(default = "default_timeout")]
    pub timeout: u64,
    /// Largest size of one file of a member, in bytes.
    #[serde(default = "default_max_bytes")]
    pub max_bytes: u64,
    /// `tilik serve`: minutes a harvest of the members is used for before they are asked
    /// again (on the next rebuild after that); `0` asks them on every rebuild.
    #[serde(default = "default_refresh_minutes")]
    pub refresh_minutes: u64,
}

impl Default for NetworkConfig {
    fn default() -> Self {
        NetworkConfig {
            members: Vec::new(),
            connect_timeout: default_connect_timeout(),
            timeout: default_timeout(),
            max_bytes: default_max_bytes(),
            refresh_minutes: default_refresh_minutes(),
        }
    }
}

fn default_connect_timeout() -> u64 {
    5
}
fn default_timeout() -> u64 {
    30
}
fn default_refresh_minutes() -> u64 {
    10
}
fn default_max_bytes() -> u64 {
    // A shard is at most 5 MB; a little room for a member's own formatting.
    8 * 1024 * 1024
}

/// One `[[network.members]]` entry.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberConfig {
    /// Name shown on the hub (alias `nama`).
    #[serde(alias = "nama")]
    pub name: String,
    /// Where the member is: an `https://` (or `http://`) URL of its portal, or a folder of
    /// a built portal, relative to the hub's project root (alias `alamat`).
    #[serde(alias = "alamat")]
    pub url: String,
}

impl MemberConfig {
    /// The member's slug: the last part of `/jaringan/<slug>/`.
    pub fn slug(&self) -> String {
        let s = crate::model::slug::slugify(&self.name);
        if s.is_empty() {
            "anggota".into()
        } else {
            s
        }
    }

    /// Whether the member is reached over HTTP (else it is a local folder).
    pub fn is_http(&self) -> bool {
        let u = self.url.trim();
        u.starts_with("https://") || u.starts_with("http://")
    }
}
