//! The personal-data guard through the CLI (issue #15, item 2): an NIK written in any of the
//! ways writers (or their editors) write it is refused by `tilik check` and `tilik build`, at
//! its file and line, with its middle masked, and nothing of it reaches the output; and the
//! figures of ordinary reports (budgets, dates, phone numbers, tables, ISBNs) are not refused.

use crate::common;

use std::path::Path;

use crate::common::{report, Project};

/// The NIK of the fixtures: province 34, regency 71, district 02, born 15-03-85, serial 0001.
const NIK: &str = "3471021503850001";
/// The NIK as messages show it.
const MASKED: &str = "3471•••••••••001";
/// Pieces of the NIK that would show in the output (or in its search index, word by word)
/// if any spelling of it were published.
const PIECES: &[&str] = &[NIK, "0215", "0385", "150385"];

/// The 1-based line of `text` where the NIK starts, in one of the spellings of the fixtures.
fn line_of_number(text: &str) -> usize {
    let at = ["3471", "&#51;", "３４７１"]
        .iter()
        .filter_map(|start| text.find(start))
        .min()
        .expect("the fixture holds the number");
    text[..at].matches('\n').count() + 1
}

/// A valid report with `body` appended.
fn report_with_body(body: &str) -> String {
    report("Kunjungan Layanan") + "\n" + body + "\n"
}

/// No file under `dir` holds a piece of the NIK.
fn assert_nothing_published(dir: &Path) {
    for entry in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        let name = entry.path().to_string_lossy();
        for piece in PIECES {
            assert!(!name.contains(piece), "{name} publishes {piece}");
        }
        if entry.file_type().is_file() {
            let text = String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()).into_owned();
            for piece in PIECES {
                assert!(!text.contains(piece), "{name} holds {piece}");
            }
        }
    }
}

/// Writes the files, then checks that `check` and `build` refuse them with the error at
/// `at` (`path:line:`, or `path:` for a file name) and publish nothing of the number.
fn assert_refused(files: &[(&str, &str)], at: &str) {
    let p = Project::new();
    p.file("content/laporan/bersih.md", &report("Laporan Bersih"));
    // A first output, from before the number was written: it must stay as it was.
    p.run(&["build"]).expect_code(0);
    for (rel, text) in files {
        p.file(rel, text);
    }
    let check = p.run(&["check", "--lang", "en"]).expect_code(1);
    let messages = [
        format!("error: the number {MASKED} looks like an NIK (16 digits)"),
        format!(
            "error: the file name holds the number {MASKED}, which looks like an NIK (16 digits)"
        ),
    ];
    assert!(
        check
            .stderr
            .lines()
            .any(|l| l.starts_with(at) && messages.iter().any(|m| l.contains(m.as_str()))),
        "expected an error at {at:?}:\n{}",
        check.stderr
    );
    let build = p.run(&["build"]).expect_code(1);
    assert!(
        build.stderr.contains("berbentuk NIK (16 digit)"),
        "{}",
        build.stderr
    );
    assert!(build.stderr.contains("saran: "), "{}", build.stderr);
    for run in [&check, &build] {
        for piece in [NIK, "150385"] {
            assert!(
                !run.stdout.contains(piece) && !run.stderr.contains(piece),
                "the number is repeated:\n{}\n{}",
                run.stdout,
                run.stderr
            );
        }
    }
    assert!(p.path().join("public/index.html").exists());
    assert_nothing_published(&p.path().join("public"));
}

/// A report whose body holds `snippet`, refused at the snippet's line.
fn assert_body_refused(snippet: &str) {
    let text = report_with_body(snippet);
    let at = format!("content/laporan/a.md:{}:", line_of_number(&text));
    assert_refused(&[("content/laporan/a.md", &text)], &at);
}

/// A report with `field_line` replacing `replaced` in its front matter, refused at that line.
fn assert_front_matter_refused(replaced: &str, field_line: &str) {
    let base = report("Kunjungan Layanan");
    assert!(base.contains(replaced), "{replaced}");
    let text = base.replacen(replaced, field_line, 1);
    let at = format!("content/laporan/a.md:{}:", line_of_number(&text));
    assert_refused(&[("content/laporan/a.md", &text)], &at);
}

#[test]
fn curly_quotes_around_the_number_in_the_title() {
    assert_front_matter_refused(
        "title = \"Kunjungan Layanan\"",
        "title = \"Kunjungan “3471021503850001”\"",
    );
}

#[test]
fn number_glued_to_its_label_in_the_summary() {
    assert_front_matter_refused(
        "summary = \"Ringkasan Kunjungan Layanan.\"",
        "summary = \"Narasumber NIK3471021503850001.\"",
    );
}

#[test]
fn en_dash_after_the_label() {
    assert_body_refused("Narasumber: Ibu Ani (NIK–3471021503850001).");
}

#[test]
fn number_wrapped_across_two_lines() {
    assert_body_refused("Data narasumber dicatat dengan nomor 34710215038\n50001 di buku tamu.");
}

#[test]
fn no_break_spaces_in_a_table() {
    assert_body_refused(
        "| Nama | Nomor |\n|---|---|\n| Ani | 3471\u{00A0}0215\u{00A0}0385\u{00A0}0001 |",
    );
}

#[test]
fn zero_width_separators_in_image_alt_text() {
    assert_body_refused("![KTP 3471\u{200B}0215\u{200B}0385\u{200B}0001](foto.jpg)");
}

#[test]
fn slash_separators_in_a_recommendation() {
    assert_front_matter_refused(
        "text = \"Membangun TPS3R percontohan.\"",
        "text = \"Hubungi pemilik kartu 3471/0215/0385/0001.\"",
    );
}

#[test]
fn comma_separators_in_a_recommendation_note() {
    assert_front_matter_refused(
        "status = \"proses\"",
        "status = \"proses\"\nnote = \"Menunggu berkas 3471,0215,0385,0001.\"",
    );
}

#[test]
fn spaced_dashes_in_the_findings() {
    assert_body_refused("## Temuan\n\nWarga dengan nomor 3471 - 0215 - 0385 - 0001 dilayani.");
}

#[test]
fn markdown_emphasis_inside_the_number() {
    assert_body_refused("Nomor kartu: 3471**0215**0385**0001.");
}

#[test]
fn markdown_escapes_inside_the_number() {
    assert_body_refused("Nomor kartu: 3471\\-0215\\-0385\\-0001.");
}

#[test]
fn html_character_references() {
    assert_body_refused("Nomor kartu: &#51;471&#x30;21503850001.");
}

#[test]
fn full_width_digits() {
    assert_body_refused("Nomor kartu: ３４７１０２１５０３８５０００１.");
}

#[test]
fn percent_escapes_in_a_link() {
    assert_body_refused("[cari data](https://contoh.go.id/cari?q=3471%200215%200385%200001)");
}

#[test]
fn number_in_the_name_of_a_bundle_file() {
    let text = report_with_body("Lihat [lampiran](ktp_3471021503850001.pdf).");
    assert_refused(
        &[
            ("content/laporan/a/index.md", &text),
            ("content/laporan/a/ktp_3471021503850001.pdf", "%PDF-1.4\n"),
        ],
        "content/laporan/a/ktp_3471•••••••••001.pdf:",
    );
}

#[test]
fn number_in_the_name_of_a_page() {
    assert_refused(
        &[(
            "content/laporan/warga-3471021503850001.md",
            &report("Kunjungan Layanan"),
        )],
        "content/laporan/warga-3471•••••••••001.md:",
    );
}

#[test]
fn number_in_an_attached_text_file() {
    let csv = "nama,nomor,kecamatan\nAni,3471 0215 0385 0001,Gondokusuman\n";
    assert_refused(
        &[
            (
                "content/laporan/a/index.md",
                &report_with_body("Daftar hadir: [CSV](hadir.csv)."),
            ),
            ("content/laporan/a/hadir.csv", csv),
        ],
        "content/laporan/a/hadir.csv:2:",
    );
}

#[test]
fn allowed_numbers_pass_in_any_spelling() {
    let p = Project::new();
    p.file(
        "tilik.toml",
        &format!(
            "{}[privacy]\nallowed_numbers = [\"3471 0215 0385 0001\"]\n",
            common::CONFIG
        ),
    );
    p.file(
        "content/laporan/a.md",
        &report_with_body("Nomor layanan: 3471**0215**0385**0001."),
    );
    p.run(&["build"]).expect_code(0);
}

/// Figures of ordinary reports: none is refused, and all of them are published.
const FIGURES: &str = "\
## Anggaran dan jadwal

Anggaran Rp 45.000.000.000.000 (APBD 2024) dan Rp 1.215.030.385.000.100 dari APBN;
realisasi Rp 12.500.000,00 / Rp 3.400.000,00.
Kegiatan 2024-05-06 2024-05-07, lalu 15/03/2024 - 01/02/2024 dan 15-03-2024 01-02-2024.
Tahun 2020 2021 2022 2023.

Kontak kantor: +62 274 123456, +62 274 654321, (0274) 868405.
ISBN 978-602-1234-56-7 dan ISBN 978-623-7890-12-3; NPWP instansi 01.234.567.8-901.000.

| Kecamatan | 2020 | 2021 | 2022 | 2023 |
|---|---:|---:|---:|---:|
| Gondokusuman | 3471 | 0215 | 0385 | 0001 |
| Jetis | 12 | 15 | 20 | 11 |

Rekap: 12, 15, 20, 11, 09, 05, 30, 01, 44 kunjungan; 1200 3471 0215 0385 0001 800 berkas.
Jam layanan 08:30 - 12:00 14:00 - 15:30.
";

#[test]
fn ordinary_figures_are_not_refused() {
    let p = Project::new();
    p.file("content/laporan/a.md", &report_with_body(FIGURES));
    p.file(
        "content/laporan/b/index.md",
        &report_with_body("[Data](data.csv)"),
    );
    p.file(
        "content/laporan/b/data.csv",
        "tahun,anggaran,realisasi\n2023,45000000000,41250000000\n2024,\"1.215.030.385\",\"1.003.850.001\"\n",
    );
    p.file("content/laporan/b/isbn-978-602-1234-56-7.pdf", "%PDF-1.4\n");
    let run = p.run(&["build", "--lang", "en"]).expect_code(0);
    assert!(
        !run.stderr.contains("NIK") && !run.stderr.contains("NIP"),
        "{}",
        run.stderr
    );
    let page = p.read("public/laporan/a/index.html");
    assert!(
        page.contains("1200 3471 0215 0385 0001 800"),
        "the figures are published"
    );
}

#[test]
fn sample_portal_and_a_generated_corpus_have_no_personal_data_errors() {
    let sample = common::run_in(&common::repo_root(), &["check", "--lang", "en"]);
    assert!(
        !sample.stderr.contains("looks like an N"),
        "{}",
        sample.stderr
    );
    let out = tempfile::tempdir().unwrap();
    let script = common::repo_root().join("benches/gen_corpus.py");
    let generated = std::process::Command::new("python3")
        .arg(&script)
        .args(["--n", "300", "--out"])
        .arg(out.path())
        .status();
    match generated {
        Ok(s) if s.success() => {}
        other => {
            return common::skip(&format!("benches/gen_corpus.py (python3): {other:?}"));
        }
    }
    let run = common::run_in(out.path(), &["check", "--lang", "en"]).expect_code(0);
    assert!(
        !run.stderr.contains("looks like an N") && !run.stderr.contains("mobile"),
        "{}",
        run.stderr
    );
}
