//! A hub's members over HTTP: a member portal built by `tilik build` and served for real on
//! 127.0.0.1 by a small test server (tiny_http) that answers conditional requests with 304
//! and can be told to fail. Asserts the cache in `.tilik-cache/network/`: an unchanged member
//! costs one 304, a changed one is fetched again, a member that is down or answers garbage,
//! a wrong hash or a huge body is a warning naming it and its last good copy is used, and
//! `--offline` asks nothing of the network. A member slower than `[network] timeout`, or one
//! whose connection is never accepted (past `connect_timeout`), is a warning naming it and
//! the setting that ran out.

use crate::common::{report, Project};

use std::path::PathBuf;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex};

const NORMAL: u8 = 0;
const ERROR_500: u8 = 1;
const GARBAGE: u8 = 2;
const HUGE: u8 = 3;
const TAMPERED: u8 = 4;
/// Answers as NORMAL, but only after [`SLOW_SECONDS`].
const SLOW: u8 = 5;
const SLOW_SECONDS: u64 = 3;

/// A member portal served over HTTP.
struct Served {
    port: u16,
    mode: Arc<AtomicU8>,
    /// (path, status) of every request answered.
    log: Arc<Mutex<Vec<(String, u16)>>>,
    member: Project,
}

impl Served {
    fn base(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    fn set(&self, mode: u8) {
        self.mode.store(mode, Ordering::SeqCst);
    }

    fn take_log(&self) -> Vec<(String, u16)> {
        std::mem::take(&mut *self.log.lock().unwrap())
    }

    /// Rebuilds the member with these reports.
    fn publish(&self, reports: &[&str]) {
        for (i, r) in reports.iter().enumerate() {
            self.member.file(&format!("content/laporan/r{i}.md"), r);
        }
        self.member.run(&["build"]).expect_code(0);
    }
}

fn etag(bytes: &[u8]) -> String {
    // FNV-1a: a validator only has to change when the bytes do.
    let mut h: u64 = 0xcbf29ce484222325;
    for b in bytes {
        h = (h ^ u64::from(*b)).wrapping_mul(0x100000001b3);
    }
    format!("\"{h:016x}\"")
}

/// Starts a server for a new member portal (built with one report, titled `title`).
fn serve(title: &str) -> Served {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let port = server.server_addr().to_ip().unwrap().port();
    let member = Project::new();
    member.file(
        "tilik.toml",
        &format!("title = \"Portal Sleman\"\nbase_url = \"http://127.0.0.1:{port}/\"\n"),
    );
    let served = Served {
        port,
        mode: Arc::new(AtomicU8::new(NORMAL)),
        log: Arc::new(Mutex::new(Vec::new())),
        member,
    };
    served.publish(&[&report(title)]);
    let root: PathBuf = served.member.path().join("public");
    let (mode, log) = (Arc::clone(&served.mode), Arc::clone(&served.log));
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let path = request.url().split('?').next().unwrap_or("").to_string();
            let file = root.join(path.trim_start_matches('/'));
            let asked = request
                .headers()
                .iter()
                .find(|h| h.field.equiv("If-None-Match"))
                .map(|h| h.value.as_str().to_string());
            let mut mode = mode.load(Ordering::SeqCst);
            if mode == SLOW {
                std::thread::sleep(std::time::Duration::from_secs(SLOW_SECONDS));
                mode = NORMAL;
            }
            let (status, body, tag) = match mode {
                ERROR_500 => (500, b"oops".to_vec(), None),
                GARBAGE => (200, b"{\"format\": nope".to_vec(), None),
                HUGE => (200, vec![b' '; 3_000_000], None),
                m => match std::fs::read(&file) {
                    Ok(mut bytes) => {
                        if m == TAMPERED && path.contains("/jaringan/") {
                            bytes = String::from_utf8(bytes)
                                .unwrap()
                                .replace("Ringkasan", "Ringkasan palsu")
                                .into_bytes();
                        }
                        let tag = etag(&bytes);
                        if asked.as_deref() == Some(tag.as_str()) {
                            (304, Vec::new(), Some(tag))
                        } else {
                            (200, bytes, Some(tag))
                        }
                    }
                    Err(_) => (404, b"not found".to_vec(), None),
                },
            };
            log.lock().unwrap().push((path, status));
            let mut response = tiny_http::Response::from_data(body).with_status_code(status);
            if let Some(tag) = tag {
                response = response
                    .with_header(tiny_http::Header::from_bytes("ETag", tag.as_bytes()).unwrap());
            }
            let _ = request.respond(response);
        }
    });
    served
}

/// A hub whose one member is `served` (files over 1 MB refused).
fn hub(served: &Served) -> Project {
    let h = Project::new();
    h.file(
        "tilik.toml",
        &format!(
            "title = \"Portal Provinsi\"\nbase_url = \"https://prov.example.go.id/\"\n\
             [network]\nmax_bytes = 1000000\ntimeout = 10\n\
             [[network.members]]\nname = \"Kabupaten Sleman\"\nurl = \"{}\"\n",
            served.base()
        ),
    );
    h
}

const PAGE: &str = "public/jaringan/kabupaten-sleman/index.html";

fn shard_requests(log: &[(String, u16)]) -> Vec<&(String, u16)> {
    log.iter()
        .filter(|(p, _)| p.starts_with("/data/jaringan/"))
        .collect()
}

#[test]
fn a_member_is_fetched_an_unchanged_one_costs_a_304_and_a_changed_one_is_fetched_again() {
    let s = serve("Bank Sampah Sleman");
    let h = hub(&s);
    let run = h.run(&["build"]).expect_code(0);
    assert!(!run.stderr.contains("Kabupaten Sleman"), "{}", run.stderr);
    let page = h.read(PAGE);
    assert!(
        page.contains(&format!("href=\"{}laporan/r0/\"", s.base())),
        "{page}"
    );
    assert!(page.contains("Bank Sampah Sleman"));
    let first = s.take_log();
    assert!(
        first.contains(&("/data/jaringan.json".into(), 200)),
        "{first:?}"
    );
    assert!(!shard_requests(&first).is_empty());
    assert!(h
        .path()
        .join(".tilik-cache/network/kabupaten-sleman/manifest.json")
        .is_file());
    // Unchanged: one conditional request answered 304, no shard fetched.
    h.run(&["build"]).expect_code(0);
    let second = s.take_log();
    assert_eq!(second, [("/data/jaringan.json".to_string(), 304)]);
    assert!(h.read(PAGE).contains("Bank Sampah Sleman"));
    // Changed: the manifest and the changed shard are fetched; the new report is shown.
    s.publish(&[
        &report("Bank Sampah Sleman"),
        &report("Mal Pelayanan Publik"),
    ]);
    h.run(&["build"]).expect_code(0);
    let third = s.take_log();
    assert!(
        third.contains(&("/data/jaringan.json".into(), 200)),
        "{third:?}"
    );
    assert!(!shard_requests(&third).is_empty());
    assert!(h.read(PAGE).contains("Mal Pelayanan Publik"));
}

#[test]
fn a_member_that_is_down_or_answers_garbage_uses_its_last_good_copy() {
    let s = serve("Bank Sampah Sleman");
    let h = hub(&s);
    h.run(&["build"]).expect_code(0);
    for (mode, reason) in [
        (ERROR_500, "HTTP 500"),
        (GARBAGE, "bukan JSON"),
        (HUGE, "batas 1000000 byte"),
        (TAMPERED, "tidak cocok dengan hash"),
    ] {
        s.set(mode);
        if mode == TAMPERED {
            // A new shard (its hash not in the cache) that does not match its manifest.
            s.set(NORMAL);
            s.publish(&[&report("Bank Sampah Sleman"), &report("Laporan Kedua")]);
            s.set(TAMPERED);
        }
        let run = h.run(&["build"]).expect_code(0);
        assert!(
            run.stderr.contains("Kabupaten Sleman") && run.stderr.contains(reason),
            "{reason}: {}",
            run.stderr
        );
        assert!(run.stderr.contains("salinan terakhir"), "{}", run.stderr);
        let page = h.read(PAGE);
        assert!(page.contains("Bank Sampah Sleman"), "{reason}: {page}");
        assert!(page.contains("notice-stale"), "the page says so: {page}");
        assert!(!page.contains("Laporan Kedua") && !page.contains("palsu"));
        // Under --strict it is an error.
        h.run(&["build", "--strict"]).expect_code(1);
    }
}

#[test]
fn offline_uses_the_cache_only_and_a_member_without_one_is_skipped() {
    let s = serve("Bank Sampah Sleman");
    let h = hub(&s);
    let run = h.run(&["build", "--offline"]).expect_code(0);
    assert!(run.stderr.contains("--offline"), "{}", run.stderr);
    assert!(s.take_log().is_empty(), "nothing asked of the network");
    h.run(&["build"]).expect_code(0);
    s.take_log();
    s.set(ERROR_500);
    let run = h.run(&["build", "--offline"]).expect_code(0);
    assert!(s.take_log().is_empty());
    assert!(!run.stderr.contains("Kabupaten Sleman"), "{}", run.stderr);
    assert!(h.read(PAGE).contains("Bank Sampah Sleman"));
    // A member nobody answers for, and no cache: skipped with the reason, the hub still built.
    let garbage = serve("X");
    garbage.set(GARBAGE);
    let h2 = hub(&garbage);
    let run = h2.run(&["build"]).expect_code(0);
    assert!(run.stderr.contains("dilewati"), "{}", run.stderr);
}

/// `h`'s tilik.toml with `[network] timeout` of one second.
fn with_timeout_of_one_second(h: &Project) {
    let toml = h.read("tilik.toml").replace("timeout = 10", "timeout = 1");
    h.file("tilik.toml", &toml);
}

#[test]
fn a_member_slower_than_the_timeout_is_a_warning_and_its_last_good_copy_is_used() {
    let s = serve("Bank Sampah Sleman");
    let h = hub(&s);
    with_timeout_of_one_second(&h);
    h.run(&["build"]).expect_code(0);
    s.set(SLOW);
    let run = h.run(&["build"]).expect_code(0);
    assert!(
        run.stderr.contains("Kabupaten Sleman")
            && run.stderr.contains("tidak dijawab dalam 1 detik")
            && run.stderr.contains("`timeout`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("salinan terakhir"), "{}", run.stderr);
    let page = h.read(PAGE);
    assert!(page.contains("Bank Sampah Sleman") && page.contains("notice-stale"));
    h.run(&["build", "--strict"]).expect_code(1);
    // In English too.
    let run = h.run(&["build", "--lang", "en"]).expect_code(0);
    assert!(
        run.stderr.contains("got no answer within 1 s"),
        "{}",
        run.stderr
    );
}

/// A listening socket whose queue of connections waiting to be accepted is full: a new
/// connection is never accepted, as with a server that is overloaded or a firewall that
/// drops packets. Returns it with the connections that fill it (kept open).
fn never_accepting() -> (std::net::TcpListener, Vec<std::net::TcpStream>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let mut held = Vec::new();
    while held.len() < 100_000 {
        match std::net::TcpStream::connect_timeout(&addr, std::time::Duration::from_millis(300)) {
            Ok(c) => held.push(c),
            Err(_) => return (listener, held),
        }
    }
    panic!("the listening queue never filled");
}

#[test]
fn a_member_that_never_accepts_or_never_answers_the_connection_is_skipped_naming_the_timeout() {
    let (full, _held) = never_accepting();
    // Accepted by the system (the queue has room) but never answered.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let h = Project::new();
    h.file(
        "tilik.toml",
        &format!(
            "title = \"Portal Provinsi\"\nbase_url = \"https://prov.example.go.id/\"\n\
             [network]\nconnect_timeout = 1\ntimeout = 2\n\
             [[network.members]]\nname = \"Kabupaten Penuh\"\nurl = \"http://{}/\"\n\
             [[network.members]]\nname = \"Kabupaten Diam\"\nurl = \"http://{}/\"\n",
            full.local_addr().unwrap(),
            silent.local_addr().unwrap()
        ),
    );
    let run = h.run(&["build"]).expect_code(0);
    let line = |name: &str| {
        run.stderr
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("no warning about {name}: {}", run.stderr))
            .to_string()
    };
    let full_line = line("Kabupaten Penuh");
    assert!(
        full_line.contains("dilewati") && full_line.contains("`connect_timeout`"),
        "{full_line}"
    );
    let silent_line = line("Kabupaten Diam");
    assert!(
        silent_line.contains("dilewati") && silent_line.contains("tidak dijawab dalam 2 detik"),
        "{silent_line}"
    );
    // Both are still shown on the hub, as without data.
    assert!(h
        .read("public/jaringan/index.html")
        .contains("Kabupaten Penuh"));
    h.run(&["build", "--strict"]).expect_code(1);
}

/// The titles of the members' reports in a loaded hub, and of its own reports.
fn titles(loaded: &tilik::Loaded) -> (Vec<String>, Vec<String>) {
    let members = loaded
        .site
        .network
        .iter()
        .flat_map(|m| m.data.iter().flat_map(|d| &d.reports))
        .map(|r| r.title.clone())
        .collect();
    let own = loaded
        .site
        .reports()
        .map(|p| p.meta.title.clone())
        .collect();
    (members, own)
}

#[test]
fn serve_asks_the_members_again_only_after_refresh_minutes() {
    let s = serve("Bank Sampah Sleman");
    let h = hub(&s);
    h.file("content/laporan/lokal.md", &report("Layanan Lokal"));
    let opts = tilik::Options {
        root: h.path().to_path_buf(),
        ..tilik::Options::default()
    };
    // The first load of `tilik serve` harvests the member.
    let mut cache = tilik::content::cache::ParseCache::new();
    let first = tilik::load_with_cache(&opts, &mut cache).unwrap();
    let asked = s.take_log();
    assert!(
        asked.contains(&("/data/jaringan.json".into(), 200)),
        "{asked:?}"
    );
    assert_eq!(titles(&first).0, ["Bank Sampah Sleman"]);
    // A local edit within `refresh_minutes` (10 by default): no request at all, and the
    // member's reports are the ones harvested, as a fresh load has them.
    h.file(
        "content/laporan/lokal.md",
        &report("Layanan Lokal Diperbarui"),
    );
    let second = tilik::load_with_cache(&opts, &mut cache).unwrap();
    assert_eq!(s.take_log(), []);
    let fresh = tilik::load(&opts).unwrap();
    s.take_log();
    assert_eq!(titles(&second), titles(&fresh));
    assert_eq!(titles(&second).1, ["Layanan Lokal Diperbarui"]);
    // `refresh_minutes = 0`: every rebuild asks (a conditional request answered 304).
    let config = h.read("tilik.toml");
    h.file(
        "tilik.toml",
        &config.replace("timeout = 10\n", "timeout = 10\nrefresh_minutes = 0\n"),
    );
    tilik::load_with_cache(&opts, &mut cache).unwrap();
    s.take_log();
    h.file("content/laporan/lokal.md", &report("Layanan Lokal Lagi"));
    tilik::load_with_cache(&opts, &mut cache).unwrap();
    assert_eq!(s.take_log(), [("/data/jaringan.json".to_string(), 304)]);
}
