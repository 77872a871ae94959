//! Choosing the preview's port: the one asked for, or the next free one, said plainly.

use std::io;
use std::net::{IpAddr, SocketAddr, TcpListener};

/// How many ports after the requested one are tried when it is busy.
pub const PORT_TRIES: u16 = 20;

/// A listening socket and what it took to get it.
#[derive(Debug)]
pub struct Bound {
    /// The socket.
    pub listener: TcpListener,
    /// Its address (with the real port when port 0 was asked for).
    pub addr: SocketAddr,
    /// Ports tried first and found busy.
    pub busy: Vec<u16>,
}

/// Binds `ip:port`, or the next free port among the following [`PORT_TRIES`] when it is in
/// use. Port 0 lets the system choose. Any error other than "in use" is returned at once.
pub fn bind(ip: IpAddr, port: u16) -> io::Result<Bound> {
    let mut busy = Vec::new();
    let last = if port == 0 {
        0
    } else {
        port.saturating_add(PORT_TRIES - 1)
    };
    for candidate in port..=last {
        match TcpListener::bind(SocketAddr::new(ip, candidate)) {
            Ok(listener) => {
                let addr = listener.local_addr()?;
                return Ok(Bound {
                    listener,
                    addr,
                    busy,
                });
            }
            Err(e) if e.kind() == io::ErrorKind::AddrInUse => busy.push(candidate),
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AddrInUse,
        format!("ports {port}–{last} on {ip} are all in use"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv4Addr;

    #[test]
    fn a_busy_port_moves_to_the_next() {
        let local = IpAddr::V4(Ipv4Addr::LOCALHOST);
        let first = bind(local, 0).unwrap_or_else(|e| panic!("bind: {e}"));
        let port = first.addr.port();
        if port == u16::MAX {
            return;
        }
        match bind(local, port) {
            Ok(second) => {
                assert_eq!(second.busy.first(), Some(&port));
                assert!(second.addr.port() > port);
            }
            // Every following port taken by someone else: still a clear error.
            Err(e) => assert_eq!(e.kind(), io::ErrorKind::AddrInUse),
        }
    }
}
