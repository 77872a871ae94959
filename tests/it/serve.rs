//! Integration tests of `tilik serve`: the real binary on a free port, against a temporary
//! project, spoken to with raw HTTP over `std::net::TcpStream` (so that hostile request
//! targets reach the server exactly as written). Every wait is bounded; the server process is
//! killed when a test ends, whether it passed or not.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use crate::common::{Project, Report};

/// How long a server may take to start, and a change to show.
const PATIENCE: Duration = Duration::from_secs(60);
/// Bound on any single socket read or write.
const IO_TIMEOUT: Duration = Duration::from_secs(20);

const CONFIG: &str = r#"title = "Portal Uji Pratinjau"
description = "Portal untuk menguji tilik serve."
base_url = "https://contoh.go.id/portal/"
language = "id"
"#;

/// A report of 2024-05-01 whose `## Latar belakang` section is `body`.
fn report(title: &str, body: &str) -> String {
    Report::new(title)
        .date("2024-05-01")
        .body(&format!("## Latar belakang\n\n{body}\n"))
        .text()
}

/// A small project beside a folder a test can write into (for files outside the site): two
/// single-file reports and one bundle with an image.
fn project() -> Project {
    let project = Project::nested();
    project.save("tilik.toml", CONFIG);
    project.save(
        "content/laporan/alpha.md",
        report("Laporan Alpha", "Isi ALPHA-SATU."),
    );
    project.save(
        "content/laporan/beta.md",
        report("Laporan Beta", "Isi BETA-SATU."),
    );
    project.save(
        "content/laporan/gamma/index.md",
        report("Laporan Gamma", "![Foto](foto.jpg)\n\nIsi GAMMA-SATU."),
    );
    project.save("content/laporan/gamma/foto.jpg", jpeg_bytes());
    project
}

/// A small well-formed JPEG with no metadata (so stripping leaves it byte for byte).
fn jpeg_bytes() -> Vec<u8> {
    fn seg(marker: u8, payload: &[u8]) -> Vec<u8> {
        let mut s = vec![0xFF, marker];
        s.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
        s.extend_from_slice(payload);
        s
    }
    let mut j = vec![0xFF, 0xD8];
    j.extend(seg(0xDB, &[1u8; 65]));
    j.extend(seg(0xC0, b"\x08\0\x01\0\x01\x01\x01\x11\0"));
    j.extend(seg(0xDA, b"\x01\x01\0\0\x3F\0"));
    j.extend((0..2000u32).map(|i| (i % 251) as u8).filter(|&b| b != 0xFF));
    j.extend_from_slice(b"\xFF\xD9");
    j
}

/// A running `tilik serve`, killed on drop.
struct Server {
    child: Child,
    port: u16,
    output: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(project: &Project) -> Server {
        Server::start_with(project, &["--port", "0"])
    }

    fn start_with(project: &Project, args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tilik"))
            .arg("serve")
            .arg("--root")
            .arg(project.path())
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start tilik serve: {e}"));
        let output = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = mpsc::channel::<String>();
        for stream in [
            child
                .stdout
                .take()
                .map(|s| Box::new(s) as Box<dyn Read + Send>),
            child
                .stderr
                .take()
                .map(|s| Box::new(s) as Box<dyn Read + Send>),
        ]
        .into_iter()
        .flatten()
        {
            let output = Arc::clone(&output);
            let tx = tx.clone();
            thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    if let Ok(mut o) = output.lock() {
                        o.push_str(&line);
                        o.push('\n');
                    }
                    let _ = tx.send(line);
                }
            });
        }
        let mut server = Server {
            child,
            port: 0,
            output,
        };
        let deadline = Instant::now() + PATIENCE;
        while server.port == 0 {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(line) => {
                    if let Some(port) = port_in(&line) {
                        server.port = port;
                    }
                }
                Err(_) => panic!("serve printed no URL; output:\n{}", server.output()),
            }
        }
        server
    }

    fn output(&self) -> String {
        self.output.lock().map(|o| o.clone()).unwrap_or_default()
    }

    fn get(&self, target: &str) -> Response {
        self.raw(&format!(
            "GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        ))
    }

    fn raw(&self, request: &str) -> Response {
        raw_request(self.port, request)
            .unwrap_or_else(|e| panic!("request failed: {e}\n{request}\n{}", self.output()))
    }

    /// The token of the build being served.
    fn token(&self) -> String {
        let status = self.get("/__tilik/status").body_text();
        let start = status
            .find("\"token\":\"")
            .map(|i| i + 9)
            .unwrap_or_else(|| panic!("no token in {status}"));
        status[start..]
            .split('"')
            .next()
            .unwrap_or_default()
            .to_string()
    }

    /// Waits until `check` holds for the response to `target`.
    fn wait_for(&self, target: &str, what: &str, check: impl Fn(&Response) -> bool) -> Response {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let response = self.get(target);
            if check(&response) {
                return response;
            }
            if Instant::now() > deadline {
                panic!(
                    "{target}: still not {what} after {PATIENCE:?}; last status {}; output:\n{}",
                    response.status,
                    self.output()
                );
            }
            thread::sleep(Duration::from_millis(50));
        }
    }

    fn open_events(&self, since: &str) -> EventStream {
        let mut stream =
            TcpStream::connect(("127.0.0.1", self.port)).unwrap_or_else(|e| panic!("connect: {e}"));
        stream
            .set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap_or_else(|e| panic!("{e}"));
        let request = format!(
            "GET /__tilik/events?since={since} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
        );
        stream
            .write_all(request.as_bytes())
            .unwrap_or_else(|e| panic!("write: {e}"));
        EventStream {
            stream,
            seen: String::new(),
        }
    }
}

fn port_in(line: &str) -> Option<u16> {
    let rest = &line[line.find("http://127.0.0.1:")? + "http://127.0.0.1:".len()..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// An open live-reload stream.
struct EventStream {
    stream: TcpStream,
    seen: String,
}

impl EventStream {
    /// Reads until the text received so far (from `from` on) contains `needle`; returns it.
    fn wait_for(&mut self, needle: &str, from: usize, server: &Server) -> String {
        let deadline = Instant::now() + PATIENCE;
        let mut buf = [0u8; 4096];
        loop {
            if let Some(i) = self.seen[from..].find(needle) {
                return self.seen[from..from + i + needle.len()].to_string();
            }
            if Instant::now() > deadline {
                panic!(
                    "no `{needle}` on the event stream; got:\n{}\nserver output:\n{}",
                    self.seen,
                    server.output()
                );
            }
            match self.stream.read(&mut buf) {
                Ok(0) => panic!("event stream closed; got:\n{}", self.seen),
                Ok(n) => self.seen.push_str(&String::from_utf8_lossy(&buf[..n])),
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(e) => panic!("event stream: {e}"),
            }
        }
    }
}

#[derive(Debug)]
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends `request` as is and reads the response (up to the end of its body or the close).
fn raw_request(port: u16, request: &str) -> std::io::Result<Response> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(IO_TIMEOUT))?;
    stream.set_write_timeout(Some(IO_TIMEOUT))?;
    stream.write_all(request.as_bytes())?;
    let head_only = request.starts_with("HEAD ");
    let mut data = Vec::new();
    let mut buf = [0u8; 16384];
    loop {
        if let Some(response) = parse_response(&data, head_only) {
            return Ok(response);
        }
        let n = stream.read(&mut buf)?;
        if n == 0 {
            return parse_response(&data, true).ok_or_else(|| {
                std::io::Error::new(
                    std::io::ErrorKind::UnexpectedEof,
                    format!("incomplete response: {:?}", String::from_utf8_lossy(&data)),
                )
            });
        }
        data.extend_from_slice(&buf[..n]);
    }
}

/// A complete response in `data`, if there is one (`no_body`: do not wait for a body).
fn parse_response(data: &[u8], no_body: bool) -> Option<Response> {
    let end = data.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&data[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let status: u16 = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    let body = &data[end + 4..];
    let length = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("Content-Length"))
        .and_then(|(_, v)| v.parse::<usize>().ok());
    let complete = no_body || status == 304 || length.is_some_and(|l| body.len() >= l);
    complete.then(|| Response {
        status,
        body: if no_body && length.is_none() {
            body.to_vec()
        } else {
            body[..length.unwrap_or(0).min(body.len())].to_vec()
        },
        headers,
    })
}

/// The `path:line:column: error:` prefix of a diagnostic about `path` at `line`, if `text`
/// has one.
fn located_error(text: &str, path: &str, line: usize) -> Option<String> {
    let prefix = format!("{path}:{line}:");
    let start = text.find(&prefix)?;
    let rest = &text[start + prefix.len()..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let located = format!("{prefix}{digits}: error:");
    (!digits.is_empty() && text.contains(&located)).then_some(located)
}

fn contains(response: &Response, text: &str) -> bool {
    response.status == 200 && response.body_text().contains(text)
}

#[test]
fn serves_pages_assets_and_404_under_the_base_path() {
    let project = project();
    let server = Server::start(&project);

    let root = server.get("/");
    assert_eq!(root.status, 302);
    assert_eq!(root.header("Location"), Some("/portal/"));

    let home = server.get("/portal/");
    assert_eq!(home.status, 200, "{}", server.output());
    assert_eq!(
        home.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    let text = home.body_text();
    assert!(text.contains("Portal Uji Pratinjau"));
    assert!(text.contains("<script src=\"/__tilik/reload.js\" data-token=\""));
    assert!(
        text.contains(&format!("http://127.0.0.1:{}/portal/", server.port)),
        "canonical URLs point at the preview"
    );

    assert!(contains(
        &server.get("/portal/laporan/alpha/"),
        "ALPHA-SATU"
    ));
    let folder = server.get("/portal/laporan/alpha");
    assert_eq!(folder.status, 302);
    assert_eq!(folder.header("Location"), Some("/portal/laporan/alpha/"));

    let photo = server.get("/portal/laporan/gamma/foto.jpg");
    assert_eq!(photo.status, 200);
    assert_eq!(photo.header("Content-Type"), Some("image/jpeg"));
    assert_eq!(photo.body, jpeg_bytes());

    let css = server.get("/portal/css/tilik.css");
    assert_eq!(css.header("Content-Type"), Some("text/css; charset=utf-8"));
    assert!(!css.body_text().contains("__tilik"));

    let js = server.get("/__tilik/reload.js");
    assert_eq!(
        js.header("Content-Type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(js.body_text().contains("EventSource"));

    let missing = server.get("/portal/tidak-ada/");
    assert_eq!(missing.status, 404);
    assert!(missing.body_text().contains("<html"), "the site's 404 page");
    assert_eq!(server.get("/lain/").status, 404);

    // Serve keeps the site in memory: no output folder appears.
    assert!(!project.path().join("public").exists());
}

#[test]
fn head_and_conditional_requests() {
    let project = project();
    let server = Server::start(&project);
    for target in ["/portal/laporan/beta/", "/portal/css/tilik.css"] {
        let full = server.get(target);
        assert_eq!(full.status, 200);
        let head = server.raw(&format!(
            "HEAD {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        ));
        assert_eq!(head.status, 200);
        assert!(head.body.is_empty());
        assert_eq!(
            head.header("Content-Length"),
            Some(full.body.len().to_string().as_str())
        );
        let etag = full
            .header("ETag")
            .unwrap_or_else(|| panic!("no ETag for {target}"));
        let again = server.raw(&format!(
            "GET {target} HTTP/1.1\r\nHost: x\r\nIf-None-Match: {etag}\r\nConnection: close\r\n\r\n"
        ));
        assert_eq!(again.status, 304, "{target}");
        assert!(again.body.is_empty());
        let other = server.raw(&format!(
            "GET {target} HTTP/1.1\r\nHost: x\r\nIf-None-Match: \"other\"\r\nConnection: close\r\n\r\n"
        ));
        assert_eq!(other.status, 200);
    }
    let post = server
        .raw("POST /portal/ HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    assert_eq!(post.status, 405);
}

#[test]
fn edits_additions_and_deletions_are_served() {
    let project = project();
    let server = Server::start(&project);

    project.save(
        "content/laporan/alpha.md",
        report("Laporan Alpha", "Isi ALPHA-DUA."),
    );
    server.wait_for("/portal/laporan/alpha/", "edited", |r| {
        contains(r, "ALPHA-DUA")
    });

    project.save(
        "content/laporan/delta.md",
        report("Laporan Delta", "Isi DELTA-SATU."),
    );
    server.wait_for("/portal/laporan/delta/", "added", |r| {
        contains(r, "DELTA-SATU")
    });
    assert!(contains(&server.get("/portal/laporan/"), "Laporan Delta"));

    fs::remove_file(project.path().join("content/laporan/delta.md"))
        .unwrap_or_else(|e| panic!("{e}"));
    server.wait_for("/portal/laporan/delta/", "deleted", |r| r.status == 404);

    // A whole bundle folder appears (as a copy or an unzip would make it) and disappears.
    let staging = project.beside("epsilon");
    fs::create_dir_all(&staging).unwrap_or_else(|e| panic!("{e}"));
    fs::write(
        staging.join("index.md"),
        report("Laporan Epsilon", "![Foto](foto.jpg) EPSILON-SATU"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    fs::write(staging.join("foto.jpg"), jpeg_bytes()).unwrap_or_else(|e| panic!("{e}"));
    fs::rename(&staging, project.path().join("content/laporan/epsilon"))
        .unwrap_or_else(|e| panic!("{e}"));
    server.wait_for("/portal/laporan/epsilon/", "added as a bundle", |r| {
        contains(r, "EPSILON-SATU")
    });
    assert_eq!(
        server.get("/portal/laporan/epsilon/foto.jpg").body,
        jpeg_bytes()
    );
    fs::remove_dir_all(project.path().join("content/laporan/epsilon"))
        .unwrap_or_else(|e| panic!("{e}"));
    server.wait_for("/portal/laporan/epsilon/", "deleted as a bundle", |r| {
        r.status == 404
    });
    assert_eq!(server.get("/portal/laporan/epsilon/foto.jpg").status, 404);

    // A change to the configuration rebuilds too.
    project.save(
        "tilik.toml",
        CONFIG.replace("Portal Uji Pratinjau", "Portal Uji Berganti"),
    );
    server.wait_for("/portal/", "retitled", |r| {
        contains(r, "Portal Uji Berganti")
    });
    assert!(!project.path().join("public").exists());
}

#[test]
fn the_reload_signal_arrives_after_a_change() {
    let project = project();
    let server = Server::start(&project);
    let token = server.token();

    // A page from an older build is told to reload at once.
    let mut stale = server.open_events("older-build");
    stale.wait_for("event: reload", 0, &server);

    let mut events = server.open_events(&token);
    events.wait_for("retry:", 0, &server);
    let from = events.seen.len();
    project.save(
        "content/laporan/beta.md",
        report("Laporan Beta", "Isi BETA-DUA."),
    );
    events.wait_for("event: reload", from, &server);
    // The event names the pages whose HTML changed, so that only they reload.
    let data = events.wait_for("\n\n", from, &server);
    assert!(data.contains("\"/portal/laporan/beta/\""), "{data}");
    assert!(contains(&server.get("/portal/laporan/beta/"), "BETA-DUA"));
    assert_ne!(server.token(), token);
}

#[test]
fn a_broken_report_shows_the_overlay_and_keeps_the_last_good_page() {
    let project = project();
    let server = Server::start(&project);
    let mut events = server.open_events(&server.token());
    events.wait_for("retry:", 0, &server);

    let good = project.read("content/laporan/alpha.md");
    project.save(
        "content/laporan/alpha.md",
        good.replacen("date = 2024-05-01", "date = 2024-13-45", 1),
    );
    let from = events.seen.len();
    events.wait_for("event: errors", from, &server);
    let data = events.wait_for("\n\n", from, &server);
    let located = located_error(&data, "content/laporan/alpha.md", 3)
        .unwrap_or_else(|| panic!("the overlay gets path:line:column: {data}"));
    // The terminal says the same.
    let deadline = Instant::now() + PATIENCE;
    while !server.output().contains(&located) {
        assert!(Instant::now() < deadline, "{located}\n{}", server.output());
        thread::sleep(Duration::from_millis(50));
    }
    // The last good site is still served, and the status says why it is not updated.
    assert!(contains(
        &server.get("/portal/laporan/alpha/"),
        "ALPHA-SATU"
    ));
    assert!(server.get("/__tilik/status").body_text().contains(&located));
    // A page opened now gets the errors at once.
    let mut late = server.open_events(&server.token());
    late.wait_for("event: errors", 0, &server);

    let from = events.seen.len();
    project.save(
        "content/laporan/alpha.md",
        good.replace("ALPHA-SATU", "ALPHA-TIGA"),
    );
    events.wait_for("event: reload", from, &server);
    assert!(contains(
        &server.get("/portal/laporan/alpha/"),
        "ALPHA-TIGA"
    ));
    assert!(server
        .get("/__tilik/status")
        .body_text()
        .contains("\"errors\":[]"));
}

#[test]
fn traversal_attempts_never_reach_other_files() {
    let project = project();
    // A secret next to the project, outside the site.
    fs::write(project.beside("secret.txt"), "SECRET-MARKER").unwrap_or_else(|e| panic!("{e}"));
    let server = Server::start(&project);
    let targets = [
        "/../secret.txt",
        "/portal/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/secret.txt",
        "/portal/..%2f..%2fsecret.txt",
        "/portal/%2e%2e%2f%2e%2e%2fsecret.txt",
        "/..\\secret.txt",
        "/portal/..\\..\\secret.txt",
        "/portal/%5c..%5c..%5csecret.txt",
        "/portal/%252e%252e/secret.txt",
        "/portal/%00/../secret.txt",
        "/portal/.%2e/tilik.toml",
        "/../project/tilik.toml",
        "/portal/../tilik.toml",
        "/tilik.toml",
        "/portal/tilik.toml",
        "/portal/content/laporan/alpha.md",
        "/etc/passwd",
        "//etc/passwd",
        "/portal//etc/passwd",
        "http://127.0.0.1/../secret.txt",
        "/portal/laporan/gamma/bocor.txt",
    ];
    for target in targets {
        let response = server.raw(&format!(
            "GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        ));
        assert!(
            response.status == 400 || response.status == 404,
            "{target}: status {} {}\n{}",
            response.status,
            response.body_text(),
            server.output()
        );
        let body = response.body_text();
        for marker in ["SECRET-MARKER", "base_url", "root:x:0", "Isi ALPHA-SATU"] {
            assert!(!body.contains(marker), "{target} leaked {marker}");
        }
    }
    // Dot segments are refused outright, not cleaned up into another path.
    assert_eq!(server.get("/portal/laporan/../laporan/alpha/").status, 400);

    // A symlink in a bundle leading out of the project: the pipeline refuses it, the last
    // good site stays, and the link's target is never served.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(
            project.beside("secret.txt"),
            project.path().join("content/laporan/gamma/bocor.txt"),
        )
        .unwrap_or_else(|e| panic!("symlink: {e}"));
        server.wait_for("/__tilik/status", "reporting the symlink", |r| {
            r.body_text().contains("gamma/bocor.txt")
        });
        let leak = server.get("/portal/laporan/gamma/bocor.txt");
        assert_eq!(leak.status, 404);
        assert!(!leak.body_text().contains("SECRET-MARKER"));
    }
}

#[test]
fn fifty_concurrent_requests_succeed_while_a_reload_stream_is_open() {
    let project = project();
    let server = Server::start(&project);
    let mut held = server.open_events(&server.token());
    held.wait_for("retry:", 0, &server);
    let mut extra: Vec<EventStream> = (0..10).map(|_| server.open_events("x")).collect();
    for stream in &mut extra {
        stream.wait_for("event: reload", 0, &server);
    }

    let port = server.port;
    let targets = [
        "/portal/",
        "/portal/laporan/alpha/",
        "/portal/laporan/beta/",
        "/portal/css/tilik.css",
        "/portal/laporan/gamma/foto.jpg",
    ];
    let handles: Vec<_> = (0..50)
        .map(|i| {
            let target = targets[i % targets.len()];
            thread::spawn(move || {
                raw_request(
                    port,
                    &format!("GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
                )
                .map(|r| r.status)
                .map_err(|e| format!("{target}: {e}"))
            })
        })
        .collect();
    let statuses: Vec<Result<u16, String>> = handles
        .into_iter()
        .map(|h| h.join().unwrap_or_else(|_| Err("thread panicked".into())))
        .collect();
    assert!(
        statuses.iter().all(|s| s == &Ok(200)),
        "{statuses:?}\n{}",
        server.output()
    );
    // The held stream is still alive and still gets events.
    let from = held.seen.len();
    project.save(
        "content/laporan/beta.md",
        report("Laporan Beta", "Isi BETA-EMPAT."),
    );
    held.wait_for("event: reload", from, &server);
}

#[test]
fn a_busy_port_moves_to_the_next_one_and_says_so() {
    let project = project();
    let busy = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
    let port = busy.local_addr().map(|a| a.port()).unwrap_or_default();
    let server = Server::start_with(&project, &["--port", &port.to_string(), "--lang", "en"]);
    assert_ne!(server.port, port);
    assert!(
        server.output().contains(&format!("Port {port} is in use")),
        "{}",
        server.output()
    );
    assert_eq!(server.get("/portal/").status, 200);
}

#[test]
fn a_broken_site_at_start_is_served_as_an_error_page_until_fixed() {
    let project = project();
    let good = project.read("content/laporan/beta.md");
    project.save("content/laporan/beta.md", "+++\ntitle = \n+++\n");
    let server = Server::start(&project);
    let page = server.get("/portal/");
    assert_eq!(page.status, 503);
    assert!(page.body_text().contains("/__tilik/reload.js"));
    assert!(server
        .get("/__tilik/status")
        .body_text()
        .contains("content/laporan/beta.md:2:"));
    project.save("content/laporan/beta.md", &good);
    server.wait_for("/portal/laporan/beta/", "fixed", |r| {
        contains(r, "BETA-SATU")
    });
}

#[test]
fn a_built_site_has_no_trace_of_the_reload_client() {
    let project = project();
    let out = project.beside("public");
    let status = Command::new(env!("CARGO_BIN_EXE_tilik"))
        .args(["build", "--root"])
        .arg(project.path())
        .arg("-o")
        .arg(&out)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap_or_else(|e| panic!("tilik build: {e}"));
    assert!(status.success());
    let mut checked = 0;
    let mut stack = vec![out];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{e}"))
            .flatten()
        {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = fs::read(&path).unwrap_or_default();
                assert!(
                    !String::from_utf8_lossy(&bytes).contains("__tilik"),
                    "{path:?} mentions the reload client"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 5);
}

#[test]
fn rapid_saves_end_with_the_last_version_everywhere() {
    let project = project();
    let server = Server::start(&project);
    // A burst of saves, some landing while an earlier rebuild is still running.
    for i in 1..=6 {
        project.save(
            "content/laporan/alpha.md",
            report(
                &format!("Laporan Alpha Versi {i}"),
                &format!("Isi ALPHA-V{i}."),
            ),
        );
        thread::sleep(Duration::from_millis(40 * i));
    }
    server.wait_for("/portal/laporan/alpha/", "at the last version", |r| {
        contains(r, "ALPHA-V6")
    });
    // The list pages catch up with the new title too (the full rebuild after the edited page).
    server.wait_for("/portal/laporan/", "listing the new title", |r| {
        contains(r, "Laporan Alpha Versi 6")
    });
    // And nothing older comes back once everything has settled.
    thread::sleep(Duration::from_millis(800));
    let page = server.get("/portal/laporan/alpha/");
    assert!(contains(&page, "ALPHA-V6"), "{}", server.output());
    assert!(!page.body_text().contains("ALPHA-V5"));
}

#[test]
fn every_build_ends_with_the_counts() {
    let project = project();
    let server = Server::start(&project);
    let counts = |out: &str| {
        out.lines()
            .filter(|l| l.contains(" kesalahan, ") && l.contains(" peringatan"))
            .count()
    };
    assert_eq!(counts(&server.output()), 1, "{}", server.output());
    project.save(
        "content/laporan/alpha.md",
        report("Laporan Alpha", "Isi ALPHA-TIGA."),
    );
    server.wait_for("/portal/laporan/alpha/", "edited", |r| {
        contains(r, "ALPHA-TIGA")
    });
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while counts(&server.output()) < 2 && std::time::Instant::now() < deadline {
        thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(counts(&server.output()), 2, "{}", server.output());
}
