//! `tilik serve` against slow and greedy clients (issue #15.6): a client sending its request a
//! byte at a time is cut off when the head deadline passes, and one address cannot take every
//! connection: another machine is still served.

#![cfg(target_os = "linux")]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, SocketAddrV4, TcpStream};
use std::os::fd::FromRawFd;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{report, Project};

/// A running `tilik serve`, killed on drop.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(p: &Project) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tilik"))
        .args(["serve", "--port", "0", "--bind", "0.0.0.0"])
        .current_dir(p.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start tilik serve");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let mut port = 0;
    for line in lines.by_ref().map_while(Result::ok) {
        if let Some(i) = line.find("http://") {
            let rest = &line[i + "http://".len()..];
            let rest = &rest[rest.find(':').map_or(0, |c| c + 1)..];
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            if let Ok(p) = digits.parse() {
                port = p;
                break;
            }
        }
    }
    assert_ne!(port, 0, "serve printed no address");
    // Keep reading its output so that it never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines.map_while(Result::ok) {});
    Server { child, port }
}

/// A TCP connection from the local address `from` (any of 127.0.0.0/8 on Linux), as another
/// machine of the network would connect.
fn connect_from(from: Ipv4Addr, to: SocketAddrV4) -> std::io::Result<TcpStream> {
    fn sockaddr(a: SocketAddrV4) -> libc::sockaddr_in {
        libc::sockaddr_in {
            sin_family: libc::AF_INET as libc::sa_family_t,
            sin_port: a.port().to_be(),
            sin_addr: libc::in_addr {
                s_addr: u32::from(*a.ip()).to_be(),
            },
            sin_zero: [0; 8],
        }
    }
    let len = std::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t;
    // SAFETY: plain socket calls on a descriptor this function owns; the addresses live on
    // the stack for the duration of the calls.
    unsafe {
        let fd = libc::socket(libc::AF_INET, libc::SOCK_STREAM | libc::SOCK_CLOEXEC, 0);
        if fd < 0 {
            return Err(std::io::Error::last_os_error());
        }
        let stream = TcpStream::from_raw_fd(fd);
        let src = sockaddr(SocketAddrV4::new(from, 0));
        if libc::bind(fd, (&src as *const libc::sockaddr_in).cast(), len) != 0 {
            return Err(std::io::Error::last_os_error());
        }
        let dst = sockaddr(to);
        if libc::connect(fd, (&dst as *const libc::sockaddr_in).cast(), len) != 0 {
            return Err(std::io::Error::last_os_error());
        }
        Ok(stream)
    }
}

fn get_from(from: Ipv4Addr, port: u16) -> String {
    let mut s = connect_from(from, SocketAddrV4::new(Ipv4Addr::LOCALHOST, port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut answer = String::new();
    let _ = s.read_to_string(&mut answer);
    answer
}

/// Whether the server closed (or answered on) a connection within `wait`.
fn answered_or_closed(s: &mut TcpStream, wait: Duration) -> Option<String> {
    s.set_read_timeout(Some(wait)).unwrap();
    let mut buf = [0u8; 256];
    match s.read(&mut buf) {
        Ok(n) => Some(String::from_utf8_lossy(&buf[..n]).into_owned()),
        Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => Some(String::new()),
        Err(_) => None,
    }
}

#[test]
fn slow_clients_from_one_address_neither_last_nor_lock_others_out() {
    let p = Project::new();
    p.file("content/laporan/a.md", &report("A"));
    let server = start(&p);
    let greedy = Ipv4Addr::new(127, 0, 0, 1);
    let other = Ipv4Addr::new(127, 0, 0, 2);
    assert!(get_from(greedy, server.port).starts_with("HTTP/1.1 200"));

    // A slow client opens more connections than an address may hold, each with the first
    // bytes of a request that never ends.
    let started = Instant::now();
    let mut slow = Vec::new();
    for _ in 0..80 {
        let mut s = connect_from(greedy, SocketAddrV4::new(Ipv4Addr::LOCALHOST, server.port))
            .expect("connect");
        s.write_all(b"GET / HT").unwrap();
        slow.push(s);
    }
    // Those over the cap are refused at once, the others are held…
    let mut refused = 0;
    for s in slow.iter_mut() {
        if let Some(answer) = answered_or_closed(s, Duration::from_millis(50)) {
            assert!(answer.starts_with("HTTP/1.1 503"), "{answer:?}");
            refused += 1;
        }
    }
    assert!((10..=20).contains(&refused), "{refused} refused");
    // …and another machine is still served.
    let answer = get_from(other, server.port);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");

    // The held ones are cut off once the head deadline (10 s) has passed, although they keep
    // sending a byte now and then.
    let mut open: Vec<TcpStream> = slow
        .into_iter()
        .filter_map(|mut s| {
            answered_or_closed(&mut s, Duration::from_millis(1))
                .is_none()
                .then_some(s)
        })
        .collect();
    while !open.is_empty() && started.elapsed() < Duration::from_secs(25) {
        std::thread::sleep(Duration::from_millis(500));
        open.retain_mut(|s| {
            let _ = s.write_all(b"T");
            answered_or_closed(s, Duration::from_millis(1)).is_none()
        });
    }
    assert!(open.is_empty(), "{} slow clients still held", open.len());
    assert!(started.elapsed() >= Duration::from_secs(9));
    assert!(get_from(greedy, server.port).starts_with("HTTP/1.1 200"));
}
