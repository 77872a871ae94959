//! HTTP/1.1 connections: one thread per connection, keep-alive, bounded reads.
//!
//! Why not tiny_http's own connection handling: its connection pool hands new connections to
//! worker threads through a counter of idle threads that can be stale (a thread already woken
//! for one connection is still counted as idle when the next one arrives), so in a burst of
//! connections one can be left queued until some other connection closes. Reload streams and
//! idle keep-alive connections hold pool threads for minutes, and the stall was reproduced
//! (new connections waiting 5 s, or indefinitely while four streams were open). A thread of
//! our own per connection has no such queue: accepting a connection starts its thread at once,
//! and a held-open stream only ever occupies its own.
//!
//! The protocol subset is the one a preview needs: `GET` and `HEAD`, `POST` for editing from
//! the preview (other methods get 405 from [`super::http`]), request bodies kept when small, `Transfer-Encoding`
//! refused, every size and wait bounded, and malformed input answered with 400 and a close,
//! never a panic.

use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use super::http::{self, Body, Reply};

/// Longest request head (request line and headers) accepted.
pub const MAX_HEAD: usize = 16 * 1024;
/// Most headers accepted in one request.
pub const MAX_HEADERS: usize = 100;
/// Largest request body read (and dropped); larger ones close the connection.
pub const MAX_BODY: usize = 64 * 1024;
/// How long an idle keep-alive connection is kept.
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(30);
/// Bound on each write to a client (a client that stops reading is dropped).
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(30);
/// Time a client has for a whole request head (and small body) once its first byte came: a
/// client sending a byte at a time cannot hold a connection for longer.
pub const HEAD_DEADLINE: Duration = Duration::from_secs(10);

/// A parsed request head.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Head {
    /// The method, as sent.
    pub method: String,
    /// The request target, as sent.
    pub target: String,
    /// Whether the client speaks HTTP/1.0 (no keep-alive unless asked).
    pub http10: bool,
    /// Header fields (name, value), in order.
    pub headers: Vec<(String, String)>,
    /// The request body (at most [`MAX_BODY`] bytes; only `POST` requests use it).
    pub body: Vec<u8>,
}

impl Head {
    /// The first value of a header.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Whether the connection should stay open after the response.
    pub fn keep_alive(&self) -> bool {
        let connection = self.header("Connection").map(str::to_ascii_lowercase);
        match connection.as_deref() {
            Some(c) if c.contains("close") => false,
            Some(c) if c.contains("keep-alive") => true,
            _ => !self.http10,
        }
    }
}

/// Why no request could be read.
#[derive(Debug)]
pub enum ReadError {
    /// The client closed the connection (or stayed idle too long) between requests.
    Closed,
    /// The request is malformed or too large: answer with this status and close.
    Bad(u16, &'static str),
    /// The connection failed (reset, or timed out in the middle of a request).
    Io,
}

/// Reads one request head (and drops a small body).
pub fn read_request(reader: &mut impl BufRead) -> Result<Head, ReadError> {
    let mut budget = MAX_HEAD;
    // RFC 9112 §2.2: ignore empty lines before the request line.
    let mut line = String::new();
    for _ in 0..4 {
        line = read_line(reader, &mut budget, true)?;
        if !line.is_empty() {
            break;
        }
    }
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(ReadError::Bad(400, "malformed request line"));
    };
    if method.is_empty() || !method.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(ReadError::Bad(400, "malformed method"));
    }
    if target.is_empty() {
        return Err(ReadError::Bad(400, "empty request target"));
    }
    let http10 = match version {
        "HTTP/1.1" => false,
        "HTTP/1.0" => true,
        v if v.starts_with("HTTP/") => {
            return Err(ReadError::Bad(505, "HTTP version not supported"))
        }
        _ => return Err(ReadError::Bad(400, "malformed request line")),
    };
    let mut headers = Vec::new();
    loop {
        let line = read_line(reader, &mut budget, false)?;
        if line.is_empty() {
            break;
        }
        if headers.len() == MAX_HEADERS {
            return Err(ReadError::Bad(431, "too many header fields"));
        }
        if line.starts_with([' ', '\t']) {
            return Err(ReadError::Bad(400, "obsolete header line folding"));
        }
        let Some((name, value)) = line.split_once(':') else {
            return Err(ReadError::Bad(400, "malformed header field"));
        };
        if name.is_empty() || name.contains([' ', '\t']) {
            return Err(ReadError::Bad(400, "malformed header name"));
        }
        headers.push((name.to_string(), value.trim().to_string()));
    }
    let mut head = Head {
        method: method.to_string(),
        target: target.to_string(),
        http10,
        headers,
        body: Vec::new(),
    };
    if head.header("Transfer-Encoding").is_some() {
        return Err(ReadError::Bad(501, "request bodies with Transfer-Encoding"));
    }
    if let Some(length) = head.header("Content-Length") {
        let length: usize = length
            .parse()
            .map_err(|_| ReadError::Bad(400, "malformed Content-Length"))?;
        if length > MAX_BODY {
            return Err(ReadError::Bad(413, "request body too large"));
        }
        let mut body = Vec::with_capacity(length);
        reader
            .take(length as u64)
            .read_to_end(&mut body)
            .map_err(|_| ReadError::Io)?;
        if body.len() < length {
            return Err(ReadError::Io);
        }
        head.body = body;
    }
    Ok(head)
}

/// One line without its line ending, charged to `budget`.
fn read_line(
    reader: &mut impl BufRead,
    budget: &mut usize,
    first: bool,
) -> Result<String, ReadError> {
    let mut bytes = Vec::new();
    let limit = (*budget as u64).saturating_add(1);
    let n = match reader.take(limit).read_until(b'\n', &mut bytes) {
        Ok(n) => n,
        Err(e)
            if first
                && matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock
                        | io::ErrorKind::TimedOut
                        | io::ErrorKind::ConnectionReset
                ) =>
        {
            return Err(ReadError::Closed)
        }
        Err(_) => return Err(ReadError::Io),
    };
    if n == 0 {
        return Err(if first {
            ReadError::Closed
        } else {
            ReadError::Bad(400, "incomplete request head")
        });
    }
    if n > *budget || bytes.last() != Some(&b'\n') {
        return Err(if n > *budget {
            ReadError::Bad(431, "request head too large")
        } else {
            ReadError::Bad(400, "incomplete request head")
        });
    }
    *budget -= n;
    bytes.pop();
    if bytes.last() == Some(&b'\r') {
        bytes.pop();
    }
    String::from_utf8(bytes).map_err(|_| ReadError::Bad(400, "request head is not UTF-8"))
}

/// The reason phrase of a status code.
pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        413 => "Content Too Large",
        422 => "Unprocessable Content",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

/// Writes a response; the body is left out for `HEAD` and 304.
pub fn write_reply(
    out: &mut impl Write,
    reply: Reply,
    head_only: bool,
    keep_alive: bool,
) -> io::Result<()> {
    let status = reply.status;
    let mut w = BufWriter::with_capacity(16 * 1024, out);
    write!(w, "HTTP/1.1 {status} {}\r\n", reason(status))?;
    for (name, value) in &reply.headers {
        // Header values come from our own code, but never let one break the framing.
        if !value.contains(['\r', '\n']) {
            write!(w, "{name}: {value}\r\n")?;
        }
    }
    let length = reply.body.len();
    write!(
        w,
        "Content-Length: {length}\r\nConnection: {}\r\n\r\n",
        if keep_alive { "keep-alive" } else { "close" }
    )?;
    if !head_only && status != 304 {
        io::copy(&mut reply.body.into_reader(), &mut w)?;
    }
    w.flush()
}

/// A plain-text error response.
pub fn error_reply(status: u16, why: &str) -> Reply {
    Reply {
        status,
        headers: vec![("Content-Type", "text/plain; charset=utf-8".to_string())],
        body: Body::Owned(format!("{status} {}: {why}\n", reason(status)).into_bytes()),
    }
}

/// Prepares a freshly accepted socket: no Nagle delay (event streams send small writes),
/// bounded waits.
pub fn configure(stream: &TcpStream) -> io::Result<()> {
    stream.set_nodelay(true)?;
    stream.set_read_timeout(Some(IDLE_TIMEOUT))?;
    stream.set_write_timeout(Some(WRITE_TIMEOUT))
}

/// Serves requests on one connection until it closes. `handle` answers a request: a reply,
/// or `None` when it took over the connection (an event stream), which then ends.
pub fn serve(
    stream: TcpStream,
    handle: impl FnMut(&Head, http::Method, &mut TcpStream) -> Option<Reply>,
) {
    serve_with(stream, HEAD_DEADLINE, handle)
}

/// [`serve`] with another deadline for request heads.
pub fn serve_with(
    stream: TcpStream,
    head_deadline: Duration,
    mut handle: impl FnMut(&Head, http::Method, &mut TcpStream) -> Option<Reply>,
) {
    let Ok(mut writer) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(Deadline {
        stream,
        until: None,
    });
    loop {
        // Idle between requests up to IDLE_TIMEOUT; from the first byte on, the whole head
        // has HEAD_DEADLINE.
        match reader.fill_buf() {
            Ok([]) | Err(_) => return,
            Ok(_) => {}
        }
        reader.get_mut().until = Some(Instant::now() + head_deadline);
        let head = read_request(&mut reader);
        reader.get_mut().until = None;
        if reader
            .get_ref()
            .stream
            .set_read_timeout(Some(IDLE_TIMEOUT))
            .is_err()
        {
            return;
        }
        let head = match head {
            Ok(head) => head,
            Err(ReadError::Closed | ReadError::Io) => return,
            Err(ReadError::Bad(status, why)) => {
                let _ = write_reply(&mut writer, error_reply(status, why), false, false);
                return;
            }
        };
        let method = match head.method.as_str() {
            "GET" => http::Method::Get,
            "HEAD" => http::Method::Head,
            "POST" => http::Method::Post,
            _ => http::Method::Other,
        };
        let keep_alive = head.keep_alive();
        let Some(reply) = handle(&head, method, &mut writer) else {
            return;
        };
        let written = write_reply(&mut writer, reply, method == http::Method::Head, keep_alive);
        if written.is_err() || !keep_alive {
            return;
        }
    }
}

/// A socket whose reads fail with `TimedOut` once `until` has passed (each read waits at
/// most until then).
struct Deadline {
    stream: TcpStream,
    until: Option<Instant>,
}

impl Read for Deadline {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Some(until) = self.until {
            let left = until.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(io::ErrorKind::TimedOut.into());
            }
            self.stream.set_read_timeout(Some(left.min(IDLE_TIMEOUT)))?;
        }
        self.stream.read(buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(raw: &str) -> Result<Head, ReadError> {
        read_request(&mut io::Cursor::new(raw.as_bytes().to_vec()))
    }

    fn status(raw: &str) -> u16 {
        match parse(raw) {
            Err(ReadError::Bad(status, _)) => status,
            other => panic!("{raw:?}: {other:?}"),
        }
    }

    #[test]
    fn parses_a_request_and_drops_its_body() {
        let mut input = io::Cursor::new(
            b"\r\nGET /a?b HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabcGET / HTTP/1.0\r\n\r\n"
                .to_vec(),
        );
        let head = read_request(&mut input).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            (head.method.as_str(), head.target.as_str()),
            ("GET", "/a?b")
        );
        assert_eq!(head.header("host"), Some("x"));
        assert!(head.keep_alive());
        let next = read_request(&mut input).unwrap_or_else(|e| panic!("{e:?}"));
        assert!(next.http10 && !next.keep_alive());
        assert!(matches!(read_request(&mut input), Err(ReadError::Closed)));
    }

    #[test]
    fn malformed_and_oversized_requests_are_refused() {
        assert_eq!(status("GET /\r\n\r\n"), 400);
        assert_eq!(status("GET / HTTP/1.1 x\r\n\r\n"), 400);
        assert_eq!(status("G=T / HTTP/1.1\r\n\r\n"), 400);
        assert_eq!(status("GET / HTTP/2.0\r\n\r\n"), 505);
        assert_eq!(status("GET / HTTP/1.1\r\nNoColon\r\n\r\n"), 400);
        assert_eq!(status("GET / HTTP/1.1\r\n folded\r\n\r\n"), 400);
        assert_eq!(status("GET / HTTP/1.1\r\nHost: x"), 400);
        assert_eq!(
            status("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"),
            501
        );
        assert_eq!(
            status("POST / HTTP/1.1\r\nContent-Length: 99999999\r\n\r\n"),
            413
        );
        assert_eq!(status("GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n"), 400);
        let long = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(MAX_HEAD));
        assert_eq!(status(&long), 431);
        let many = format!(
            "GET / HTTP/1.1\r\n{}\r\n",
            "A: b\r\n".repeat(MAX_HEADERS + 1)
        );
        assert_eq!(status(&many), 431);
        let binary = b"GET /\xff HTTP/1.1\r\n\r\n".to_vec();
        assert!(matches!(
            read_request(&mut io::Cursor::new(binary)),
            Err(ReadError::Bad(400, _))
        ));
    }

    /// A server of `serve_with` on a free port, answering 200 to every request.
    fn server(deadline: Duration) -> std::net::SocketAddr {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                configure(&stream).unwrap();
                std::thread::spawn(move || {
                    serve_with(stream, deadline, |_, _, _| {
                        Some(Reply {
                            status: 200,
                            headers: Vec::new(),
                            body: Body::Owned(b"ok".to_vec()),
                        })
                    })
                });
            }
        });
        addr
    }

    #[test]
    fn a_client_sending_its_head_a_byte_at_a_time_is_cut_off_at_the_deadline() {
        let deadline = Duration::from_millis(600);
        let addr = server(deadline);
        // In time: answered, even when sent in pieces.
        let mut quick = TcpStream::connect(addr).unwrap();
        quick.write_all(b"GET / HTTP/1.1\r\n").unwrap();
        std::thread::sleep(Duration::from_millis(100));
        quick
            .write_all(b"Host: x\r\nConnection: close\r\n\r\n")
            .unwrap();
        let mut answer = String::new();
        quick.read_to_string(&mut answer).unwrap();
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        // One byte every 100 ms: the connection is closed once the deadline has passed,
        // although no single read waited long.
        let mut slow = TcpStream::connect(addr).unwrap();
        let started = Instant::now();
        let request =
            b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n";
        let mut closed_after = None;
        for byte in request {
            if slow.write_all(&[*byte]).is_err() {
                closed_after = Some(started.elapsed());
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
            let _ = slow.set_nonblocking(true);
            let mut buf = [0u8; 64];
            let eof = matches!(slow.read(&mut buf), Ok(0));
            let _ = slow.set_nonblocking(false);
            if eof {
                closed_after = Some(started.elapsed());
                break;
            }
        }
        let closed_after = closed_after.expect("the slow client was never cut off");
        assert!(
            closed_after >= deadline && closed_after < deadline * 4,
            "closed after {closed_after:?}"
        );
    }

    #[test]
    fn head_responses_have_a_length_and_no_body() {
        let reply = Reply {
            status: 200,
            headers: vec![("Content-Type", "text/plain".into())],
            body: Body::Owned(b"hello".to_vec()),
        };
        let mut out = Vec::new();
        write_reply(&mut out, reply, true, true).unwrap_or_else(|e| panic!("{e}"));
        let text = String::from_utf8_lossy(&out);
        assert!(text.starts_with("HTTP/1.1 200 OK\r\n"));
        assert!(text.contains("Content-Length: 5\r\nConnection: keep-alive\r\n\r\n"));
        assert!(text.ends_with("\r\n\r\n"));
    }
}
