//! A cap on the connections one address may hold open, so that one client (a misbehaving
//! browser, a slow or hostile machine on an office network with `serve --bind 0.0.0.0`)
//! cannot take every connection of the preview for itself.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};

/// Most connections one address may hold open at once (a browser opens about six per host,
/// plus one live-reload stream per open tab).
pub const MAX_PER_ADDRESS: usize = 64;

/// Open connections per client address.
#[derive(Debug)]
pub struct PerAddress {
    max: usize,
    open: Mutex<HashMap<IpAddr, usize>>,
}

/// One open connection of an address, counted until dropped.
#[derive(Debug)]
pub struct Slot {
    owner: Arc<PerAddress>,
    ip: IpAddr,
}

impl PerAddress {
    /// A cap of `max` connections per address.
    pub fn new(max: usize) -> Arc<PerAddress> {
        Arc::new(PerAddress {
            max,
            open: Mutex::new(HashMap::new()),
        })
    }

    /// A slot for a new connection from `ip`, or `None` when it has `max` open already.
    pub fn enter(self: &Arc<PerAddress>, ip: IpAddr) -> Option<Slot> {
        let ip = canonical(ip);
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        let count = open.entry(ip).or_insert(0);
        if *count >= self.max {
            return None;
        }
        *count += 1;
        Some(Slot {
            owner: Arc::clone(self),
            ip,
        })
    }

    /// How many connections `ip` holds open.
    #[cfg(test)]
    pub fn open(&self, ip: IpAddr) -> usize {
        let open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        open.get(&canonical(ip)).copied().unwrap_or(0)
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut open = self.owner.open.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(count) = open.get_mut(&self.ip) {
            *count -= 1;
            if *count == 0 {
                open.remove(&self.ip);
            }
        }
    }
}

/// An IPv4 client of a dual-stack socket (`::ffff:a.b.c.d`) counts as `a.b.c.d`.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_address_has_its_own_cap_and_slots_are_given_back() {
        let limits = PerAddress::new(2);
        let a: IpAddr = "192.168.1.10".parse().unwrap();
        let mapped: IpAddr = "::ffff:192.168.1.10".parse().unwrap();
        let b: IpAddr = "192.168.1.11".parse().unwrap();
        let first = limits.enter(a).expect("first");
        let _second = limits.enter(mapped).expect("second, same address");
        assert!(limits.enter(a).is_none(), "third from the same address");
        assert!(limits.enter(b).is_some(), "another address still gets in");
        drop(first);
        assert_eq!(limits.open(a), 1);
        assert!(limits.enter(a).is_some(), "a slot was given back");
    }
}
