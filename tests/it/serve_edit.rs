//! Editing from the preview through HTTP: the real `tilik serve` on a free port, a TOML and a
//! YAML report with comments and Indonesian aliases, saves from the Perbarui endpoint and the
//! checks around them (token, origin, conflicts, invalid values, bind address).

use crate::common::http;
use crate::common::{self, Project};

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

const PATIENCE: Duration = Duration::from_secs(90);
const BUILD_DATE: &str = "2026-11-23";

const CONFIG: &str = "title = \"Portal Uji Sunting\"\nbase_url = \"https://contoh.go.id/portal/\"\nlanguage = \"id\"\n";

const TOML_REPORT: &str = r#"+++
# Laporan dengan komentar: harus tetap ada setelah disimpan.
judul = "Laporan Toml"
tanggal = 2024-05-01

[kunjungan]
skpd   = "Dinas Uji"   # rata kiri dengan spasi
mulai = 2024-04-01
lokasi = "Kota Surabaya"
topik = ["pelayanan publik"]

# Rekomendasi pertama
[[rekomendasi]]
id = "R1"
isi = "Membangun layanan daring."
penanggung_jawab = "Bidang Layanan"
tenggat = 2025-01-31
status = "usulan"  # belum dimulai

[[rekomendasi]]
id = "R2"
isi = "Melatih petugas."
penanggung_jawab = "Bidang SDM"
status = "proses"
+++

## Latar belakang

Isi laporan TOML.
"#;

const YAML_REPORT: &str = "---\n# Laporan YAML dengan komentar\njudul: Laporan Yaml\ntanggal: 2024-05-02\nkunjungan:\n  skpd: Dinas Uji\n  mulai: 2024-04-01\n  lokasi: Kota Surabaya\n  topik: [pelayanan publik]\nrekomendasi:\n  # yang pertama\n  - id: R1\n    isi: Membuat dasbor.\n    penanggung_jawab: Bidang Data\n    status: usulan   # baru\n    catatan: 'awal # bukan komentar'\n---\n\nIsi laporan YAML.\n";

struct Server {
    child: Child,
    port: u16,
    project: Project,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(args: &[&str]) -> Server {
        let project = Project::bare();
        project.file("tilik.toml", CONFIG);
        project.file("content/laporan/toml.md", TOML_REPORT);
        project.file("content/laporan/yaml.md", YAML_REPORT);
        let root = project.path();
        let mut child = Command::new(env!("CARGO_BIN_EXE_tilik"))
            .arg("serve")
            .arg("--root")
            .arg(root)
            .args(["--port", "0"])
            .args(args)
            .env("TILIK_BUILD_DATE", BUILD_DATE)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start tilik serve: {e}"));
        let (tx, rx) = mpsc::channel();
        let stdout = child.stdout.take();
        thread::spawn(move || {
            for line in stdout
                .map(BufReader::new)
                .into_iter()
                .flat_map(|r| r.lines())
            {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let deadline = Instant::now() + PATIENCE;
        let mut seen = String::new();
        let port = loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = rx
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("serve printed no address:\n{seen}"));
            seen.push_str(&line);
            seen.push('\n');
            if let Some(rest) = line.split("http://").nth(1) {
                let port = rest.split([':', '/']).nth(1).and_then(|p| p.parse().ok());
                if let Some(port) = port {
                    break port;
                }
            }
        };
        // Keep draining the output so that the server never blocks on a full pipe.
        thread::spawn(move || while rx.recv().is_ok() {});
        Server {
            child,
            port,
            project,
        }
    }

    fn addr(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    fn origin(&self) -> String {
        format!("http://{}", self.addr())
    }

    fn file(&self, rel: &str) -> PathBuf {
        self.project.path().join(rel)
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.file(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    fn get(&self, path: &str) -> (u16, String) {
        let r = http::get(&self.addr(), path, &[]).unwrap_or_else(|e| panic!("GET {path}: {e}"));
        (r.status, String::from_utf8_lossy(&r.body).into_owned())
    }

    /// The editing attributes of the page at `path` (`data-edit-token`, `data-version`…).
    fn edit_attrs(&self, path: &str) -> Option<Vec<(String, String)>> {
        let (_, html) = self.get(path);
        let tag = html.split("<script src=\"/__tilik/edit.js\"").nth(1)?;
        let tag = tag.split('>').next()?;
        Some(
            tag.split(" data-")
                .skip(1)
                .filter_map(|a| {
                    let (k, v) = a.split_once("=\"")?;
                    Some((k.to_string(), v.split('"').next()?.to_string()))
                })
                .collect(),
        )
    }

    fn attr(&self, path: &str, name: &str) -> String {
        let attrs = self
            .edit_attrs(path)
            .unwrap_or_else(|| panic!("{path} has no editing script"));
        attrs
            .into_iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
            .unwrap_or_else(|| panic!("{path}: no data-{name}"))
    }

    /// `POST path` with a form body and extra headers; (status, body).
    fn post(&self, path: &str, form: &[(&str, &str)], headers: &[(&str, &str)]) -> (u16, String) {
        let body: String = form
            .iter()
            .map(|(k, v)| format!("{k}={}", encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let mut stream = TcpStream::connect(self.addr()).unwrap_or_else(|e| panic!("connect: {e}"));
        let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
        let mut request = format!(
            "POST {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
            self.addr(),
            body.len()
        );
        for (k, v) in headers {
            request.push_str(&format!("{k}: {v}\r\n"));
        }
        request.push_str("\r\n");
        request.push_str(&body);
        stream
            .write_all(request.as_bytes())
            .unwrap_or_else(|e| panic!("write: {e}"));
        let mut raw = Vec::new();
        let _ = stream.read_to_end(&mut raw);
        let text = String::from_utf8_lossy(&raw).into_owned();
        let status = text
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let body = text.split("\r\n\r\n").nth(1).unwrap_or("").to_string();
        (status, body)
    }

    /// Saves an update of recommendation `rec` of the page at `page_url` as its page would.
    fn save(
        &self,
        page_url: &str,
        rec: &str,
        status: &str,
        note: &str,
        date: &str,
    ) -> (u16, String) {
        let token = self.attr(page_url, "edit-token");
        let version = self.attr(page_url, "version");
        let page = self.attr(page_url, "page");
        let origin = self.origin();
        self.post(
            "/__tilik/edit/update",
            &[
                ("token", &token),
                ("page", &page),
                ("rec", rec),
                ("version", &version),
                ("status", status),
                ("note", note),
                ("date", date),
            ],
            &[("Origin", &origin)],
        )
    }

    /// Waits until the page at `path` contains `needle`.
    fn wait_for(&self, path: &str, needle: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let (_, html) = self.get(path);
            if html.contains(needle) {
                return html;
            }
            assert!(Instant::now() < deadline, "{path} never showed {needle:?}");
            thread::sleep(Duration::from_millis(100));
        }
    }
}

fn encode(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// Lines removed and added between two texts (a line diff).
fn diff(before: &str, after: &str) -> (Vec<String>, Vec<String>) {
    let diff = similar::TextDiff::from_lines(before, after);
    let (mut removed, mut added) = (Vec::new(), Vec::new());
    for change in diff.iter_all_changes() {
        let line = change.value().trim_end_matches(['\n', '\r']).to_string();
        match change.tag() {
            similar::ChangeTag::Delete => removed.push(line),
            similar::ChangeTag::Insert => added.push(line),
            similar::ChangeTag::Equal => {}
        }
    }
    (removed, added)
}

const TOML_PAGE: &str = "/portal/laporan/toml/";
const YAML_PAGE: &str = "/portal/laporan/yaml/";

#[test]
fn a_toml_report_changes_only_in_the_edited_values_and_pages_follow() {
    let server = Server::start(&[]);
    let (status, body) = server.save(
        TOML_PAGE,
        "R1",
        "selesai",
        "Diresmikan bupati",
        "2026-11-20",
    );
    assert_eq!(status, 200, "{body}");
    let after = server.read("content/laporan/toml.md");
    let (removed, added) = diff(TOML_REPORT, &after);
    assert_eq!(removed, ["status = \"usulan\"  # belum dimulai"]);
    assert_eq!(
        added,
        [
            "status = \"selesai\"  # belum dimulai",
            "diperbarui = 2026-11-20",
            "catatan = \"Diresmikan bupati\"",
            "riwayat = [",
            "  { tanggal = 2026-11-20, status = \"selesai\", catatan = \"Diresmikan bupati\" },",
            "]",
        ]
    );
    // The report page and the tracker show it after the rebuild.
    let page = server.wait_for(TOML_PAGE, "rec-history");
    assert!(page.contains("Diresmikan bupati"));
    assert!(
        page.contains("selesai terlambat ("),
        "due 2025-01-31, done 2026-11-20"
    );
    let tracker = server.wait_for("/portal/rekomendasi/", "datetime=\"2026-11-20\"");
    let row = tracker
        .split("laporan/toml/#rek_R1")
        .nth(1)
        .and_then(|r| r.split("</tr>").next())
        .unwrap_or_default();
    assert!(row.contains("badge-selesai"), "{row}");
}

#[test]
fn a_yaml_report_keeps_its_comments_and_aliases() {
    let server = Server::start(&[]);
    let (status, body) = server.save(YAML_PAGE, "R1", "proses", "Rapat \"pertama\"", "2026-11-01");
    assert_eq!(status, 200, "{body}");
    let after = server.read("content/laporan/yaml.md");
    let (removed, added) = diff(YAML_REPORT, &after);
    assert_eq!(
        removed,
        [
            "    status: usulan   # baru",
            "    catatan: 'awal # bukan komentar'"
        ]
    );
    assert_eq!(
        added,
        [
            "    status: proses   # baru",
            "    catatan: \"Rapat \\\"pertama\\\"\"",
            "    diperbarui: 2026-11-01",
            "    riwayat:",
            "      - tanggal: 2026-11-01",
            "        status: proses",
            "        catatan: \"Rapat \\\"pertama\\\"\"",
        ]
    );
    let page = server.wait_for(YAML_PAGE, "rec-history");
    assert!(page.contains("Rapat &quot;pertama&quot;") || page.contains("Rapat \"pertama\""));
}

/// Name and value pairs: form fields or request headers.
type Pairs<'a> = Vec<(&'a str, &'a str)>;

#[test]
fn writes_without_the_token_or_from_another_origin_are_forbidden() {
    let server = Server::start(&[]);
    let token = server.attr(TOML_PAGE, "edit-token");
    let version = server.attr(TOML_PAGE, "version");
    let form = |token| -> Pairs<'_> {
        vec![
            ("token", token),
            ("page", "laporan/toml/index.html"),
            ("rec", "R1"),
            ("status", "selesai"),
            ("date", "2026-11-20"),
            ("version", version.as_str()),
        ]
    };
    let origin = server.origin();
    let referer = format!("{origin}/portal/laporan/toml/");
    let cases: Vec<(Pairs<'_>, Pairs<'_>)> = vec![
        (form(""), vec![("Origin", &origin)]),
        (
            form("0123456789abcdef0123456789abcdef"),
            vec![("Origin", &origin)],
        ),
        (form(&token), vec![("Origin", "http://evil.example")]),
        (form(&token), vec![("Referer", "http://evil.example/x")]),
        (form(&token), vec![]),
    ];
    for (form, headers) in cases {
        let (status, body) = server.post("/__tilik/edit/update", &form, &headers);
        assert_eq!(status, 403, "{form:?} {headers:?}: {body}");
    }
    assert_eq!(server.read("content/laporan/toml.md"), TOML_REPORT);
    // With the token and a Referer of the preview, the same save goes through.
    let (status, body) = server.post(
        "/__tilik/edit/update",
        &form(&token),
        &[("Referer", &referer)],
    );
    assert_eq!(status, 200, "{body}");
}

#[test]
fn a_change_on_disk_since_the_page_was_served_is_a_conflict() {
    let server = Server::start(&[]);
    let token = server.attr(TOML_PAGE, "edit-token");
    let version = server.attr(TOML_PAGE, "version");
    // The writer also has the file open in an editor, and saves there.
    let edited = TOML_REPORT.replace("Isi laporan TOML.", "Isi laporan TOML, disunting.");
    std::fs::write(server.file("content/laporan/toml.md"), &edited)
        .unwrap_or_else(|e| panic!("{e}"));
    let origin = server.origin();
    let (status, body) = server.post(
        "/__tilik/edit/update",
        &[
            ("token", &token),
            ("page", "laporan/toml/index.html"),
            ("rec", "R1"),
            ("version", &version),
            ("status", "selesai"),
            ("date", "2026-11-20"),
        ],
        &[("Origin", &origin)],
    );
    assert_eq!(status, 409, "{body}");
    assert!(body.contains("muat ulang"), "{body}");
    assert_eq!(server.read("content/laporan/toml.md"), edited);
}

#[test]
fn invalid_values_are_refused_with_nothing_written() {
    let server = Server::start(&[]);
    // After the build date.
    let (status, body) = server.save(TOML_PAGE, "R1", "selesai", "", "2026-11-24");
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("2026-11-24"), "{body}");
    // A status forced into the request that is not one of the five.
    let (status, body) = server.save(TOML_PAGE, "R1", "beres", "", "2026-11-20");
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("beres"), "{body}");
    // Not a date; an unknown recommendation; a page not in the source map.
    let (status, _) = server.save(TOML_PAGE, "R1", "selesai", "", "20-11-2026");
    assert_eq!(status, 422);
    let (status, _) = server.save(TOML_PAGE, "R9", "selesai", "", "2026-11-20");
    assert_eq!(status, 404);
    assert_eq!(server.read("content/laporan/toml.md"), TOML_REPORT);
    // A history entry earlier than the new one: the result would not be valid.
    let earlier = TOML_REPORT.replace(
        "status = \"proses\"\n",
        "status = \"proses\"\nriwayat = [{ tanggal = 2026-11-10, status = \"proses\" }]\n",
    );
    std::fs::write(server.file("content/laporan/toml.md"), &earlier)
        .unwrap_or_else(|e| panic!("{e}"));
    server.wait_for(TOML_PAGE, "rec-history");
    let (status, body) = server.save(TOML_PAGE, "R2", "selesai", "", "2026-11-05");
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("tidak berurutan"), "{body}");
    assert_eq!(server.read("content/laporan/toml.md"), earlier);
    let leftovers = std::fs::read_dir(server.file("content/laporan"))
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(leftovers, 2, "no temporary file is left");
}

#[test]
fn twenty_saves_in_a_row_leave_a_valid_file() {
    let server = Server::start(&[]);
    let statuses = ["proses", "selesai", "dievaluasi", "proses"];
    for i in 0..20 {
        let date = format!("2026-11-{:02}", i + 1);
        let status = statuses[i % statuses.len()];
        // Each save is made from the page as served now (the version of the file changes).
        let (code, body) = server.save(YAML_PAGE, "R1", status, &format!("langkah {i}"), &date);
        assert_eq!(code, 200, "save {i}: {body}");
    }
    let after = server.read("content/laporan/yaml.md");
    assert_eq!(
        after.matches("      - tanggal: 2026-11-").count(),
        20,
        "{after}"
    );
    assert!(after.contains("# Laporan YAML dengan komentar"));
    assert!(after.contains("    status: proses   # baru"), "{after}");
    let check = Command::new(env!("CARGO_BIN_EXE_tilik"))
        .args(["check", "--root"])
        .arg(server.project.path())
        .env("TILIK_BUILD_DATE", BUILD_DATE)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(!stderr.contains("error"), "{stderr}");
    assert!(
        !stderr.contains("kesalahan:") || stderr.contains("0 kesalahan"),
        "{stderr}"
    );
}

#[test]
fn laporan_baru_writes_the_same_file_as_tilik_new_report() {
    let server = Server::start(&[]);
    let token = server.attr(TOML_PAGE, "edit-token");
    let origin = server.origin();
    let form = [
        ("token", token.as_str()),
        ("title", "Studi Banding Sampah Terpadu"),
        ("unit", "Dinas Lingkungan Hidup"),
        ("destination", "Kota Surabaya"),
        ("start", "2026-10-01"),
        ("end", "2026-10-03"),
        ("topics", "pengelolaan sampah\nbank sampah"),
    ];
    let (status, body) = server.post("/__tilik/edit/new", &form, &[("Origin", &origin)]);
    assert_eq!(status, 200, "{body}");
    let created = std::fs::read_dir(server.file("content/laporan/2026"))
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect::<Vec<_>>();
    assert_eq!(created.len(), 1, "{created:?}");
    let from_preview = std::fs::read_to_string(&created[0]).unwrap_or_default();
    // The command line writes the same text in another project.
    let other = Project::bare();
    other.file("tilik.toml", CONFIG);
    let out = Command::new(env!("CARGO_BIN_EXE_tilik"))
        .args(["new", "report", "Studi Banding Sampah Terpadu", "--root"])
        .arg(other.path())
        .args([
            "--unit",
            "Dinas Lingkungan Hidup",
            "--destination",
            "Kota Surabaya",
        ])
        .args(["--start", "2026-10-01", "--end", "2026-10-03"])
        .args(["--topic", "pengelolaan sampah", "--topic", "bank sampah"])
        .env("TILIK_BUILD_DATE", BUILD_DATE)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let name = created[0].file_name().unwrap_or_default();
    let from_cli = std::fs::read_to_string(other.path().join("content/laporan/2026").join(name))
        .unwrap_or_default();
    assert_eq!(from_preview, from_cli);
    // Without the token: nothing is written.
    let (status, _) = server.post(
        "/__tilik/edit/new",
        &[("title", "Lain")],
        &[("Origin", &origin)],
    );
    assert_eq!(status, 403);
}

#[test]
fn editing_is_off_for_a_network_bind_unless_asked_and_with_no_edit() {
    for (args, on) in [
        (&["--no-edit"][..], false),
        (&["--bind", "0.0.0.0"][..], false),
        (&["--bind", "0.0.0.0", "--edit"][..], true),
    ] {
        let server = Server::start(args);
        let (status, html) = server.get(TOML_PAGE);
        assert_eq!(status, 200);
        assert_eq!(html.contains("/__tilik/edit.js"), on, "{args:?}");
        let (status, _) = server.post(
            "/__tilik/edit/update",
            &[("status", "selesai")],
            &[("Origin", &server.origin())],
        );
        assert_eq!(status, if on { 403 } else { 405 }, "{args:?}");
        let script =
            http::get(&server.addr(), "/__tilik/edit.js", &[]).unwrap_or_else(|e| panic!("{e}"));
        let javascript = script
            .header("Content-Type")
            .is_some_and(|t| t.starts_with("text/javascript"));
        assert_eq!(javascript, on, "{args:?}");
    }
}

#[test]
fn the_build_output_has_no_trace_of_editing() {
    let project = Project::bare();
    project.file("tilik.toml", CONFIG);
    project.file("content/laporan/toml.md", TOML_REPORT);
    project.run(&["build"]).expect_code(0);
    for file in common::files_with(&project.path().join("public"), &["html", "js", "css"]) {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        assert!(
            !text.contains("__tilik")
                && !text.contains("data-edit-token")
                && !text.contains("Perbarui"),
            "{}",
            file.display()
        );
    }
}

#[test]
fn a_page_is_never_answered_304_for_an_older_version_of_its_file() {
    let server = Server::start(&[]);
    let first = http::get(&server.addr(), TOML_PAGE, &[]).unwrap_or_else(|e| panic!("{e}"));
    let etag = first.header("ETag").unwrap_or_default().to_string();
    let again = http::get(&server.addr(), TOML_PAGE, &[("If-None-Match", &etag)])
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again.status, 304);
    // A comment only: the page's HTML stays the same, its file's version does not.
    let edited = TOML_REPORT.replace("# Rekomendasi pertama", "# Rekomendasi pertama (ditinjau)");
    std::fs::write(server.file("content/laporan/toml.md"), edited)
        .unwrap_or_else(|e| panic!("{e}"));
    let after = http::get(&server.addr(), TOML_PAGE, &[("If-None-Match", &etag)])
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(after.status, 200);
    assert_ne!(after.header("ETag"), Some(etag.as_str()));
}
