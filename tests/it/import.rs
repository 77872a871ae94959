//! `tilik import`: Word and LibreOffice documents become draft report bundles.
//!
//! Realistic documents are written at test time by python-docx and odfpy
//! (`tests/import/make_report.py`); where pandoc is installed its plain-text reading of the
//! same documents is an oracle for the body. Hostile documents are built here with the zip
//! crate. Without python-docx/odfpy/pandoc the tests that need them are skipped, unless
//! `TILIK_REQUIRE_ALL_TESTS` is set.

use crate::common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{skip, snapshot, Project};
use zip::write::SimpleFileOptions;

const BUNDLE: &str =
    "content/laporan/2024/laporan-hasil-studi-banding-ke-dinas-komunikasi-dan-informatika-kota-surabaya";

/// Writes the fixture report as `kind` (docx or odt) into `dir`; `None` (after a skip
/// message) when python-docx or odfpy is missing.
fn fixture(kind: &str, dir: &Path) -> Option<PathBuf> {
    let module = if kind == "docx" { "docx" } else { "odf" };
    let has = Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has {
        skip(&format!(
            "python3 module {module} missing (pip install python-docx odfpy)"
        ));
        return None;
    }
    let out = dir.join(format!("laporan.{kind}"));
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/import/make_report.py");
    let status = Command::new("python3")
        .arg(script)
        .arg(kind)
        .arg(&out)
        .status()
        .expect("run python3");
    assert!(status.success(), "make_report.py {kind} failed");
    Some(out)
}

fn import(p: &Project, file: &Path, extra: &[&str]) -> common::Run {
    let mut args = vec!["import", file.to_str().unwrap()];
    args.extend_from_slice(extra);
    p.run(&args)
}

/// The line (1-based) that the summary gives for a note containing `what`.
fn summary_line(stdout: &str, what: &str) -> usize {
    let line = stdout
        .lines()
        .find(|l| l.contains(what))
        .unwrap_or_else(|| panic!("no `{what}` in summary:\n{stdout}"));
    line.split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no line number in `{line}`"))
}

fn body(text: &str) -> &str {
    let end = text[3..].find("\n+++\n").expect("front matter end") + 3 + 5;
    &text[end..]
}

/// What both fixtures must give.
fn check_common(p: &Project, run: &common::Run) -> String {
    let text = p.read(&format!("{BUNDLE}/index.md"));
    for expected in [
        "title = \"Laporan Hasil Studi Banding ke Dinas Komunikasi dan Informatika Kota Surabaya\"",
        "draft = true",
        "unit = \"Dinas Komunikasi dan Informatika Kabupaten Sleman\"",
        "start = 2024-05-06\nend = 2024-05-08",
        "destination = \"Kota Surabaya\"",
        "hosts = [\"Dinas Komunikasi dan Informatika Kota Surabaya\"]",
        "  \"Mempelajari tata kelola Command Center 112 dan alur penanganan pengaduan\",",
        "  \"Menjajaki kerja sama pendampingan teknis\",",
        "budget = 45000000",
        "funding = \"APBD Kabupaten Sleman Tahun Anggaran 2024\"",
        "id = \"R3\"\ntext = \"Menjalin kerja sama pendampingan teknis dengan Diskominfo Kota Surabaya\"",
        "owner = \"ISI: bidang atau unit penanggung jawab\"",
        "status = \"usulan\"",
        "  \"Siti Rahmawati, S.T., 19850505 201001 2 003, Pranata Komputer Ahli Muda\",",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    assert_eq!(text.matches("[[recommendations]]").count(), 3);
    let body = body(&text);
    for expected in [
        "## Pendahuluan\n\n### Latar Belakang\n\nPelayanan pengaduan",
        "### Tujuan\n\nTujuan studi banding ini adalah:\n\n1. Mempelajari tata kelola",
        "## Pelaksanaan\n",
        "## Temuan\n\n### Command Center 112\n",
        "| Hari | Waktu | Kegiatan |\n|---|---|---|\n| Senin, 6 Mei 2024 | 09.00–12.00 | Paparan Command Center 112 |\n|  | 13.00–15.00 |",
        "**Integrasi data** dilakukan",
        "[portal Command Center 112](https://112.surabaya.go.id/).",
        "- Aplikasi pelaporan warga\n  - Android dan iOS\n  - Kanal WhatsApp\n- Kamera lalu lintas",
        "![Tim berdiskusi dengan operator di ruang kendali](gambar-1.png)\n\n*Gambar 1. Diskusi tim dengan operator Command Center 112*",
        "*Catatan:* operator bekerja",
        "### Rekomendasi\n\nRekomendasi dicatat di front matter",
        "Demikian laporan ini kami sampaikan",
    ] {
        assert!(body.contains(expected), "missing {expected:?} in body\n{body}");
    }
    // Letterhead, table of contents, participant list and signature block are not body text.
    for gone in [
        "PEMERINTAH",
        "Jalan Parasamya",
        "DAFTAR ISI",
        "PENDAHULUAN\t",
        "Budi Santoso",
        "(ttd)",
        "NIP",
        "Ketua Tim",
        "Sleman, 10 Mei",
    ] {
        assert!(!body.contains(gone), "{gone:?} left in body\n{body}");
    }
    // The photo is written next to index.md without its metadata; the letterhead logo is not.
    let photo = std::fs::read(p.path().join(BUNDLE).join("gambar-1.png")).unwrap();
    assert!(photo.starts_with(b"\x89PNG"));
    assert!(
        !photo.windows(4).any(|w| w == b"tEXt"),
        "PNG text chunk kept"
    );
    assert!(!p.path().join(BUNDLE).join("gambar-2.png").exists());
    // The summary's line numbers point at the lines they describe.
    let lines: Vec<&str> = text.lines().collect();
    let at = |what: &str| lines[summary_line(&run.stdout, what) - 1];
    assert!(at("judul").starts_with("title = "));
    assert!(at("tanggal kunjungan").starts_with("start = 2024-05-06"));
    assert!(at("tabel 2 (\"Hari | Waktu | Kegiatan\"): sel gabungan").starts_with("| Hari |"));
    assert!(at("ringkasan").starts_with("summary = \"ISI:"));
    assert!(at("\"Hasil Kunjungan\" diberi nama \"Temuan\"") == "## Temuan");
    assert!(at("tim (visit.team), 2 orang").starts_with("team = ["));
    assert!(run.stdout.contains("kop surat dihapus"));
    assert!(run.stdout.contains("blok tanda tangan"));
    assert!(run.stdout.contains("daftar isi dihapus"));
    text
}

/// `tilik check --drafts` refuses the NIPs pasted from the participant table, at their
/// lines; once the writer deletes them the report passes.
fn check_then_fix(p: &Project, text: &str) {
    let run = p.run(&["check", "--drafts"]).expect_code(1);
    let team_line = text
        .lines()
        .position(|l| l.contains("Budi Santoso"))
        .unwrap()
        + 1;
    assert!(
        run.stderr
            .contains(&format!("index.md:{team_line}:3: error: angka 1980")),
        "{}",
        run.stderr
    );
    let fixed = text
        .replace(", 19800101 200501 1 001", "")
        .replace(", 19850505 201001 2 003", "");
    p.file(&format!("{BUNDLE}/index.md"), &fixed);
    let run = p.run(&["check", "--drafts"]).expect_code(0);
    assert!(
        run.stderr.contains("ISI:"),
        "template text is a warning: {}",
        run.stderr
    );
}

#[test]
fn a_word_report_becomes_a_draft_bundle() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(docx) = fixture("docx", tmp.path()) else {
        return;
    };
    let p = Project::new();
    let run = import(&p, &docx, &[]).expect_code(0);
    let text = check_common(&p, &run);
    check_then_fix(&p, &text);
}

#[test]
fn a_libreoffice_report_becomes_a_draft_bundle() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(odt) = fixture("odt", tmp.path()) else {
        return;
    };
    let p = Project::new();
    let run = import(&p, &odt, &[]).expect_code(0);
    let text = check_common(&p, &run);
    assert!(text.contains("lalu lintas.[^1]\n"));
    assert!(text.ends_with("\n[^1]: Berdasarkan data Diskominfo Kota Surabaya per April 2024.\n"));
    check_then_fix(&p, &text);
}

#[test]
fn unit_option_and_english_messages() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(docx) = fixture("docx", tmp.path()) else {
        return;
    };
    let p = Project::new();
    let run = import(
        &p,
        &docx,
        &["--unit", "Bappeda Kabupaten Sleman", "--lang", "en"],
    )
    .expect_code(0);
    assert!(
        run.stdout.contains("Report imported as a draft"),
        "{}",
        run.stdout
    );
    assert!(run
        .stdout
        .contains("table 2 (\"Hari | Waktu | Kegiatan\"): merged cells flattened"));
    let text = p.read(&format!("{BUNDLE}/index.md"));
    assert!(text.contains("unit = \"Bappeda Kabupaten Sleman\""));
}

#[test]
fn an_existing_report_is_never_overwritten() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(docx) = fixture("docx", tmp.path()) else {
        return;
    };
    let p = Project::new();
    import(&p, &docx, &[]).expect_code(0);
    p.file(&format!("{BUNDLE}/index.md"), "edited by the writer");
    let before = snapshot(p.path());
    let run = import(&p, &docx, &[]).expect_code(2);
    assert!(run.stderr.contains(BUNDLE), "{}", run.stderr);
    assert!(run.stderr.contains("tidak ditimpa"));
    assert_eq!(snapshot(p.path()), before);
}

/// Every paragraph pandoc reads in the document's body is in the Markdown (front matter
/// included: dates, objectives, team and recommendations move there), except what is
/// dropped by design (letterhead, table of contents, signature block).
#[test]
fn pandoc_sees_nothing_that_the_import_lost() {
    if !common::runs("pandoc", &["--version"]) {
        return skip("pandoc not installed (apt-get install pandoc)");
    }
    let tmp = tempfile::tempdir().unwrap();
    for kind in ["docx", "odt"] {
        let Some(doc) = fixture(kind, tmp.path()) else {
            return;
        };
        let p = Project::new();
        let run = import(&p, &doc, &[]).expect_code(0);
        // Headings the import says it renamed to the scaffold's names.
        let renamed: Vec<String> = run
            .stdout
            .lines()
            .filter_map(|l| {
                l.split_once("bagian \"")?
                    .1
                    .split_once('"')
                    .map(|(a, _)| normalise(a))
            })
            .collect();
        assert!(!renamed.is_empty());
        let markdown = normalise(&p.read(&format!("{BUNDLE}/index.md")));
        let out = Command::new("pandoc")
            .args(["-t", "plain", "--wrap=none"])
            .arg(&doc)
            .output()
            .unwrap();
        assert!(out.status.success());
        let plain = String::from_utf8(out.stdout).unwrap();
        let dropped = [
            "pemerintah kabupaten sleman",
            "jalan parasamya",
            "daftar isi",
            "sleman 10 mei 2024",
            "ketua tim",
            "ttd",
            "nip 19800101",
        ];
        // The participant table's header: its rows move to `team`, one line per person.
        let team_header = ["no", "nama", "nip", "jabatan"];
        let mut checked = 0;
        for para in plain.split("\n\n") {
            for line in para.lines() {
                if line.trim().chars().all(|c| "-=+| ".contains(c)) {
                    continue;
                }
                // Table rows: cells are separated by runs of spaces.
                for piece in line.split("  ") {
                    let n = normalise(&strip_marker(piece));
                    if n.is_empty()
                        || dropped.iter().any(|d| n.contains(d))
                        || is_toc(&normalise(piece))
                        || renamed.contains(&n)
                        || team_header.contains(&n.as_str())
                    {
                        continue;
                    }
                    checked += 1;
                    assert!(
                        markdown.contains(&n),
                        "{kind}: pandoc's {n:?} is not in\n{markdown}"
                    );
                }
            }
        }
        assert!(checked > 30, "{kind}: only {checked} pieces checked");
    }
}

/// A table-of-contents line: a chapter number, its title and its page number ("i pendahuluan 1").
fn is_toc(n: &str) -> bool {
    let words: Vec<&str> = n.split(' ').collect();
    words.len() >= 3
        && words.len() <= 5
        && words[0].chars().all(|c| "ivx".contains(c))
        && words
            .last()
            .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()))
}

/// Drops a list marker or typed number ("1.", "-", "I.", "A.") and footnote marks.
fn strip_marker(s: &str) -> String {
    let t = s.trim();
    let t = t.trim_start_matches(['-', '•', '*']).trim_start();
    let t = match t.split_once(". ") {
        Some((n, rest))
            if n.len() <= 3
                && n.chars().all(|c| c.is_ascii_alphanumeric())
                && (n.chars().all(|c| c.is_ascii_digit())
                    || n.chars().all(|c| c.is_ascii_uppercase())) =>
        {
            rest
        }
        _ => t,
    };
    let mut out = String::new();
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '[' && chars.peek().is_some_and(|d| d.is_ascii_digit()) {
            while chars.next().is_some_and(|d| d != ']') {}
            continue;
        }
        out.push(c);
    }
    out
}

/// Lower case, letters and digits only, single spaces; a trailing "dan" of a list item goes.
fn normalise(s: &str) -> String {
    let words: String = s
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let words: Vec<&str> = words.split_whitespace().collect();
    let mut words = words.as_slice();
    if words.len() > 3 && words.last() == Some(&"dan") {
        words = &words[..words.len() - 1];
    }
    words.join(" ")
}

// ── Hostile documents ──────────────────────────────────────────────────────────────────

const TYPES: &str = r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

fn body_xml(inner: &str) -> String {
    format!(
        r#"<?xml version="1.0"?><w:document xmlns:w="w" xmlns:r="r" xmlns:wp="wp" xmlns:a="a"><w:body>{inner}</w:body></w:document>"#
    )
}

fn zip_of(entries: &[(&str, &[u8])], stored: bool) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = if stored {
        SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored)
    } else {
        SimpleFileOptions::default()
    };
    for (name, data) in entries {
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn small_docx() -> Vec<u8> {
    let doc = body_xml("<w:p><w:r><w:t>LAPORAN KUNJUNGAN</w:t></w:r></w:p>");
    zip_of(
        &[
            ("[Content_Types].xml", TYPES.as_bytes()),
            ("word/document.xml", doc.as_bytes()),
        ],
        false,
    )
}

/// Imports `bytes` saved as `name`: exit 1, a message containing `expected`, no panic, and
/// nothing written.
fn refused(name: &str, bytes: &[u8], expected: &str) {
    let p = Project::new();
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join(name);
    std::fs::write(&file, bytes).unwrap();
    let before = snapshot(p.path());
    let run = import(&p, &file, &[]).expect_code(1);
    assert!(
        run.stderr.contains(expected),
        "{name}: expected {expected:?} in\n{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("saran:"),
        "{name}: no hint in {}",
        run.stderr
    );
    assert_eq!(snapshot(p.path()), before, "{name}: something was written");
}

#[test]
fn the_small_document_itself_imports() {
    let p = Project::new();
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("kecil.docx");
    std::fs::write(&file, small_docx()).unwrap();
    import(&p, &file, &[]).expect_code(0);
    assert!(p
        .path()
        .join("content/laporan/2026/laporan-kunjungan/index.md")
        .is_file());
}

#[test]
fn what_is_not_a_document_is_refused() {
    refused(
        "laporan.docx",
        b"Ini bukan dokumen Word.",
        "bukan arsip zip",
    );
    refused("kosong.docx", b"", "bukan arsip zip");
    let other = zip_of(&[("a.txt", b"halo")], false);
    refused("lain.docx", &other, "bukan dokumen Word");
}

#[test]
fn damaged_and_truncated_documents_are_refused() {
    let docx = small_docx();
    refused(
        "potong.docx",
        &docx[..docx.len() / 2],
        "rusak atau terpotong",
    );
    let mut flipped = docx.clone();
    let at = flipped.len() / 3;
    for b in &mut flipped[at..at + 40] {
        *b ^= 0x5a;
    }
    refused("rusak.docx", &flipped, "rusak");
    let bad_xml = zip_of(
        &[
            ("[Content_Types].xml", TYPES.as_bytes()),
            ("word/document.xml", b"<w:document><w:body>"),
        ],
        false,
    );
    refused("xml.docx", &bad_xml, "word/document.xml rusak");
}

#[test]
fn password_protected_documents_are_refused() {
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(512, 0);
    ole.extend(
        "EncryptedPackage"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes()),
    );
    refused("sandi.docx", &ole, "dilindungi kata sandi");
    // Zip entries with the encryption flag set (traditional PKWARE encryption).
    let mut docx = small_docx();
    for (sig, flag_at) in [(&b"PK\x03\x04"[..], 6), (&b"PK\x01\x02"[..], 8)] {
        let starts: Vec<usize> = docx
            .windows(4)
            .enumerate()
            .filter(|(_, w)| *w == sig)
            .map(|(i, _)| i)
            .collect();
        for s in starts {
            docx[s + flag_at] |= 1;
        }
    }
    refused("sandi-zip.docx", &docx, "dilindungi kata sandi");
    let manifest = br#"<?xml version="1.0"?><manifest:manifest xmlns:manifest="m"><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/></manifest:file-entry></manifest:manifest>"#;
    let odt = zip_of(
        &[
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("META-INF/manifest.xml", manifest),
            ("content.xml", b"garbage"),
        ],
        false,
    );
    refused("sandi.odt", &odt, "dilindungi kata sandi");
}

#[test]
fn macros_are_never_read() {
    refused("makro.docm", &small_docx(), "makro");
    let types = TYPES.replace("document.main+xml", "document.macroEnabled.main+xml");
    let doc = body_xml("<w:p><w:r><w:t>x</w:t></w:r></w:p>");
    let docm = zip_of(
        &[
            ("[Content_Types].xml", types.as_bytes()),
            ("word/document.xml", doc.as_bytes()),
        ],
        false,
    );
    refused("makro.docx", &docm, "makro");
    let vba = zip_of(
        &[
            ("[Content_Types].xml", TYPES.as_bytes()),
            ("word/document.xml", doc.as_bytes()),
            ("word/vbaProject.bin", b"Attribute VB_Name"),
        ],
        false,
    );
    refused("vba.docx", &vba, "makro");
}

#[test]
fn zip_bombs_are_refused() {
    let names: Vec<String> = (0..6000).map(|i| format!("word/x{i}.xml")).collect();
    let mut entries: Vec<(&str, &[u8])> = vec![("[Content_Types].xml", TYPES.as_bytes())];
    entries.extend(names.iter().map(|n| (n.as_str(), &b"<a/>"[..])));
    refused("banyak.docx", &zip_of(&entries, false), "bom zip");
    let spaces = " ".repeat(8 * 1024 * 1024);
    let doc = body_xml(&spaces);
    let bomb = zip_of(
        &[
            ("[Content_Types].xml", TYPES.as_bytes()),
            ("word/document.xml", doc.as_bytes()),
        ],
        false,
    );
    assert!(bomb.len() < 200_000);
    refused("bom.docx", &bomb, "bom zip");
}

#[test]
fn doctype_and_entities_are_refused_not_expanded() {
    let laughs = r#"<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "hahahahahahahahahaha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><w:document xmlns:w="w"><w:body><w:p><w:r><w:t>&c;</w:t></w:r></w:p></w:body></w:document>"#;
    let docx = zip_of(
        &[
            ("[Content_Types].xml", TYPES.as_bytes()),
            ("word/document.xml", laughs.as_bytes()),
        ],
        false,
    );
    refused("tawa.docx", &docx, "DOCTYPE");
    let external = r#"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><office:document-content xmlns:office="o"><office:body><office:text><text:p xmlns:text="t">&x;</text:p></office:text></office:body></office:document-content>"#;
    let odt = zip_of(
        &[
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", external.as_bytes()),
        ],
        false,
    );
    refused("luar.odt", &odt, "DOCTYPE");
}

#[test]
fn a_huge_image_is_refused() {
    let rels = r#"<?xml version="1.0"?><Relationships xmlns="r"><Relationship Id="rId9" Type="image" Target="media/besar.png"/></Relationships>"#;
    let doc = body_xml(
        r#"<w:p><w:r><w:drawing><wp:inline><wp:docPr id="1" name="x" descr="foto"/><a:graphic><a:graphicData><a:blip r:embed="rId9"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#,
    );
    // Bytes that do not compress, stored as they are: the image limit, not the ratio, refuses it.
    let mut image = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut x: u32 = 12345;
    image.extend((0..26 * 1024 * 1024).map(|_| {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        (x >> 16) as u8
    }));
    let docx = zip_of(
        &[
            ("[Content_Types].xml", TYPES.as_bytes()),
            ("word/document.xml", doc.as_bytes()),
            ("word/_rels/document.xml.rels", rels.as_bytes()),
            ("word/media/besar.png", &image),
        ],
        true,
    );
    refused(
        "foto-besar.docx",
        &docx,
        "gambar word/media/besar.png terlalu besar",
    );
}

/// The sample portal's source document (committed; written by make_report.py) imports
/// without Python: the command's main path runs everywhere.
#[test]
fn the_committed_example_imports() {
    let p = Project::new();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/laporan-studi-banding.docx");
    let run = import(&p, &example, &["--unit", "Diskominfo Sleman"]).expect_code(0);
    let text = p.read(&format!("{BUNDLE}/index.md"));
    assert!(text.contains("unit = \"Diskominfo Sleman\""));
    assert!(text.contains("start = 2024-05-06\nend = 2024-05-08"));
    assert_eq!(text.matches("[[recommendations]]").count(), 3);
    assert!(run.stdout.contains("sel gabungan diratakan"));
    assert!(p.path().join(BUNDLE).join("gambar-1.png").is_file());
}

/// Some hundreds of byte-level mutations of the example's XML parts, read and converted
/// through the library: no panic, and the front matter stays valid TOML. (The `import` fuzz
/// target does this for as long as it is run; this keeps a short run in the test suite.)
#[test]
fn mutated_documents_never_panic() {
    use std::io::Read;
    let example = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/laporan-studi-banding.docx"),
    )
    .unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&example)).unwrap();
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        // Parts the importer never reads stay out (the test's time goes to what it reads).
        if !f.name().contains("stylesWithEffects") && !f.name().contains("thumbnail") {
            parts.push((f.name().to_string(), data));
        }
    }
    let targets: Vec<usize> = parts
        .iter()
        .enumerate()
        .filter(|(_, (n, _))| {
            n.ends_with("document.xml") || n.ends_with("styles.xml") || n.ends_with("numbering.xml")
        })
        .map(|(i, _)| i)
        .collect();
    assert_eq!(targets.len(), 3);
    let today = chrono::NaiveDate::from_ymd_opt(2024, 5, 20).unwrap();
    let mut seed: u64 = 0x5eed;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut read = 0;
    for round in 0..90 {
        let mut mutated = parts.clone();
        let t = targets[round % targets.len()];
        let data = &mut mutated[t].1;
        for _ in 0..(1 + next() % 8) {
            let at = (next() as usize) % data.len();
            match next() % 4 {
                0 => data[at] = b"<>&\"'/=:; \0\xff"[(next() % 12) as usize],
                1 => {
                    data.remove(at);
                }
                2 => {
                    let len = ((next() % 64) as usize).min(data.len() - at);
                    let chunk = data[at..at + len].to_vec();
                    let to = (next() as usize) % data.len();
                    data.splice(to..to, chunk);
                }
                _ => data[at] = data[at].wrapping_add(1),
            }
        }
        let entries: Vec<(&str, &[u8])> = mutated
            .iter()
            .map(|(n, d)| (n.as_str(), d.as_slice()))
            .collect();
        let bytes = zip_of(&entries, true);
        if let Ok((doc, _)) = tilik::import::read_document(&bytes, "m.docx") {
            read += 1;
            let c = tilik::import::convert(doc, "m.docx", None, today);
            let (front, _) = c.text[4..]
                .split_once("\n+++\n")
                .expect("front matter ends");
            front
                .parse::<toml_edit::DocumentMut>()
                .unwrap_or_else(|e| panic!("round {round}: {e}\n{front}"));
        }
    }
    assert!(read > 10, "only {read} mutated documents were readable");
}

/// LibreOffice (headless) converts each fixture into the other format, as a writer who
/// "saves as" would: LibreOffice's own .odt and .docx import like python-docx's and odfpy's.
#[test]
fn documents_saved_by_libreoffice_import_too() {
    if !common::runs("soffice", &["--version"]) {
        return skip("LibreOffice not installed (apt-get install libreoffice-writer-nogui)");
    }
    let tmp = tempfile::tempdir().unwrap();
    for (from, to) in [("docx", "odt"), ("odt", "docx")] {
        let Some(source) = fixture(from, tmp.path()) else {
            return;
        };
        let out = tmp.path().join(format!("lo-{from}"));
        let status = Command::new("soffice")
            .args(["--headless", "--norestore", "--convert-to", to, "--outdir"])
            .arg(&out)
            .arg(&source)
            .env("HOME", tmp.path())
            .output()
            .expect("run soffice");
        assert!(
            status.status.success(),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
        let converted = out.join(format!("laporan.{to}"));
        assert!(converted.is_file(), "soffice wrote no {to}");
        let p = Project::new();
        let run = import(&p, &converted, &[]).expect_code(0);
        let text = p.read(&format!("{BUNDLE}/index.md"));
        for expected in [
            "unit = \"Dinas Komunikasi dan Informatika Kabupaten Sleman\"",
            "start = 2024-05-06\nend = 2024-05-08",
            "destination = \"Kota Surabaya\"",
            "budget = 45000000",
            "text = \"Menjalin kerja sama pendampingan teknis dengan Diskominfo Kota Surabaya\"",
            "## Temuan",
            "| Hari | Waktu | Kegiatan |",
            "](gambar-1.png)",
            "[portal Command Center 112](https://112.surabaya.go.id/)",
        ] {
            assert!(
                text.contains(expected),
                "{from}→{to}: missing {expected:?} in\n{text}\n{}",
                run.stdout
            );
        }
        assert!(
            !body(&text).contains("Jalan Parasamya"),
            "{from}→{to}: letterhead left"
        );
        assert!(
            !body(&text).contains("(ttd)"),
            "{from}→{to}: signature left"
        );
    }
}

// ── Text boxes ─────────────────────────────────────────────────────────────────────────

/// A paragraph whose run holds a text box as Word 2010+ writes it: the DrawingML shape as
/// `mc:Choice` and the same box in VML as `mc:Fallback`, for older readers.
fn word_text_box(paragraphs: &[&str]) -> String {
    let content: String = paragraphs
        .iter()
        .map(|t| format!("<w:p><w:r><w:t>{t}</w:t></w:r></w:p>"))
        .collect();
    format!(
        r#"<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:docPr id="1" name="Kotak Teks 1"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{content}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"#
    )
}

fn import_docx_body(inner: &str) -> String {
    let doc = body_xml(inner).replace(
        "xmlns:a=\"a\"",
        "xmlns:a=\"a\" xmlns:mc=\"mc\" xmlns:wps=\"wps\" xmlns:v=\"v\"",
    );
    let p = Project::new();
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("kotak.docx");
    std::fs::write(
        &file,
        zip_of(
            &[
                ("[Content_Types].xml", TYPES.as_bytes()),
                ("word/document.xml", doc.as_bytes()),
            ],
            false,
        ),
    )
    .unwrap();
    import(&p, &file, &[]).expect_code(0);
    let text = p.read("content/laporan/2026/laporan-kunjungan/index.md");
    body(&text).to_string()
}

/// `needles` appear in `text` in this order, each exactly once.
fn in_order_once(text: &str, needles: &[&str]) {
    let mut last = 0;
    for n in needles {
        assert_eq!(text.matches(n).count(), 1, "{n:?} once in\n{text}");
        let at = text.find(n).unwrap();
        assert!(at >= last, "{n:?} out of place in\n{text}");
        last = at;
    }
}

#[test]
fn word_text_boxes_are_body_text_in_place_read_once() {
    let body = import_docx_body(&format!(
        "<w:p><w:r><w:t>LAPORAN KUNJUNGAN</w:t></w:r></w:p>\
         <w:p><w:r><w:t>Sebelum kotak.</w:t></w:r></w:p>{}\
         <w:p><w:r><w:t>Sesudah kotak.</w:t></w:r></w:p>\
         <w:p><w:r><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>Kotak VML lama.</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>\
         <w:p><w:r><w:t>Penutup.</w:t></w:r></w:p>",
        word_text_box(&[
            "Pelayanan terpadu: 120 jenis izin.",
            "Waktu layanan rata-rata 3 hari."
        ])
    ));
    in_order_once(
        &body,
        &[
            "Sebelum kotak.",
            "Pelayanan terpadu: 120 jenis izin.",
            "Waktu layanan rata-rata 3 hari.",
            "Sesudah kotak.",
            "Kotak VML lama.",
            "Penutup.",
        ],
    );
    // Two paragraphs of the box stay two paragraphs.
    assert!(
        body.contains("Pelayanan terpadu: 120 jenis izin.\n\nWaktu layanan"),
        "{body}"
    );
}

#[test]
fn word_text_boxes_inside_text_boxes_and_tables_are_read() {
    let inner = word_text_box(&["Kotak dalam kotak."]);
    let outer = word_text_box(&["Kotak luar."]).replace(
        "<w:p><w:r><w:t>Kotak luar.</w:t></w:r></w:p>",
        &format!("<w:p><w:r><w:t>Kotak luar.</w:t></w:r></w:p>{inner}"),
    );
    let table = format!(
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Sel</w:t></w:r></w:p></w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
        word_text_box(&["Kotak di sel."])
    );
    let body = import_docx_body(&format!(
        "<w:p><w:r><w:t>LAPORAN KUNJUNGAN</w:t></w:r></w:p>{outer}<w:p><w:r><w:t>Akhir.</w:t></w:r></w:p>{table}"
    ));
    in_order_once(
        &body,
        &[
            "Kotak luar.",
            "Kotak dalam kotak.",
            "Akhir.",
            "Kotak di sel.",
        ],
    );
    assert!(
        body.lines()
            .any(|l| l.starts_with('|') && l.contains("Kotak di sel.")),
        "{body}"
    );
}

#[test]
fn libreoffice_text_boxes_are_body_text_in_place() {
    let content = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"><office:body><office:text><text:p>LAPORAN KUNJUNGAN</text:p><text:p>Sebelum kotak.<draw:frame draw:name="Bingkai1" text:anchor-type="paragraph" svg:width="8cm"><draw:text-box><text:p>Pelayanan terpadu: 120 jenis izin.</text:p><text:list><text:list-item><text:p>Loket satu pintu</text:p></text:list-item><text:list-item><text:p>Izin daring</text:p></text:list-item></text:list></draw:text-box></draw:frame></text:p><text:p>Sesudah kotak.</text:p></office:text></office:body></office:document-content>"#;
    let p = Project::new();
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("kotak.odt");
    std::fs::write(
        &file,
        zip_of(
            &[
                ("mimetype", b"application/vnd.oasis.opendocument.text"),
                ("content.xml", content.as_bytes()),
            ],
            true,
        ),
    )
    .unwrap();
    import(&p, &file, &[]).expect_code(0);
    let text = p.read("content/laporan/2026/laporan-kunjungan/index.md");
    let body = body(&text);
    in_order_once(
        body,
        &[
            "Sebelum kotak.",
            "Pelayanan terpadu: 120 jenis izin.",
            "Loket satu pintu",
            "Izin daring",
            "Sesudah kotak.",
        ],
    );
    assert!(
        body.contains("\n\nPelayanan terpadu"),
        "own paragraph: {body}"
    );
    assert!(
        body.contains("- Loket satu pintu\n- Izin daring"),
        "a list: {body}"
    );
}
