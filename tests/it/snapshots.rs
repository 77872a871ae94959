//! Snapshots (insta) of what readers and writers see: the main content of a report page, and
//! `tilik check` on a portal with errors and warnings, each in Indonesian and in English.
//! The reviewed texts are in `snapshots/`. A change fails the test with a diff; accept a
//! deliberate one with `cargo insta review` (tests/README.md). Under `CI=true` (and with
//! `INSTA_UPDATE=no`, as `.ci/run` sets) nothing is written: a mismatch only fails.

use crate::common::Project;

/// A report with everything a report page shows and nothing `tilik check` warns about:
/// objectives, findings with a table, an evaluation, three recommendations in different
/// states (one overdue, with a follow-up note).
const REPORT: &str = r#"+++
title = "Studi Banding Pengelolaan Sampah Terpadu"
date = 2024-05-20
summary = "Belajar bank sampah dan TPS3R dari Kota Surabaya."
tags = ["sampah", "3R"]

[visit]
unit = "Dinas Lingkungan Hidup Kabupaten Sleman"
start = 2024-05-06
end = 2024-05-08
destination = "Kota Surabaya"
province = "Jawa Timur"
hosts = ["DLH Kota Surabaya", "Bank Sampah Induk Surabaya"]
topics = ["pengelolaan sampah", "bank sampah"]
objectives = ["Mempelajari pengelolaan bank sampah induk"]
team = ["Budi Santoso", "Sri Wahyuni"]
budget = 45000000

[evaluation]
goals_met = true
feedback = "Warga desa percontohan puas dengan layanan bank sampah."
impact = "Sampah ke TPA turun 12% dalam setahun."
reviewed = 2025-06-01

[[recommendations]]
id = "R1"
text = "Membangun TPS3R percontohan di dua kecamatan."
owner = "Bidang Pengelolaan Sampah"
due = 2025-01-31
indicator = "Dua TPS3R beroperasi"
status = "proses"
updated = 2026-10-01
note = "Lahan di Depok sudah tersedia."

[[recommendations]]
id = "R2"
text = "Menyusun peraturan bupati tentang bank sampah."
owner = "Bagian Hukum"
due = 2026-12-31
indicator = "Peraturan bupati terbit"
status = "usulan"
updated = 2026-10-01

[[recommendations]]
id = "R3"
text = "Melatih pengelola bank sampah desa."
owner = "Bidang Pengelolaan Sampah"
due = 2024-12-31
indicator = "50 pengelola terlatih"
status = "selesai"
updated = 2024-08-15
+++

## Tujuan

Mempelajari cara Kota Surabaya mengelola **bank sampah induk**.

## Temuan

| Fasilitas | Jumlah |
|-----------|-------:|
| Bank sampah unit | 420 |
| TPS3R | 12 |

Warga menabung sampah terpilah; hasilnya dicatat di buku tabungan.
"#;

/// A portal in `lang` whose report has the given front matter (the fixture report otherwise).
fn portal(lang: &str, report: &str) -> Project {
    let p = Project::new();
    p.file(
        "tilik.toml",
        &format!("{}language = \"{lang}\"\n", crate::common::CONFIG),
    );
    p.file("content/laporan/sampah.md", report);
    p
}

/// The fixture report, as English (`lang = "en"`) or Indonesian.
fn report_in(lang: &str) -> String {
    REPORT.replacen("+++\n", &format!("+++\nlang = \"{lang}\"\n"), 1)
}

/// Replaces what changes between runs or releases, not with the content: the version and
/// the build date (fixed by `TILIK_BUILD_DATE` in tests, redacted all the same).
fn redact(text: &str) -> String {
    text.replace(
        concat!("tilik ", env!("CARGO_PKG_VERSION")),
        "tilik [version]",
    )
    .replace("2026-11-23", "[build date]")
}

/// The `<main>` element of a page: trimmed non-empty lines, so that a template's indentation
/// and blank lines are not a change.
fn main_content(html: &str) -> String {
    let start = html.find("<main").expect("a <main> element");
    let end = html[start..].find("</main>").expect("</main>") + start + "</main>".len();
    let lines: Vec<&str> = html[start..end]
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    redact(&lines.join("\n"))
}

/// The report page's main content, in the report's own language.
fn report_page(lang: &str) -> String {
    let p = portal(lang, &report_in(lang));
    p.run(&["build"]).expect_code(0);
    main_content(&p.read("public/laporan/sampah/index.html"))
}

#[test]
fn report_page_in_indonesian() {
    insta::assert_snapshot!(report_page("id"));
}

#[test]
fn report_page_in_english() {
    insta::assert_snapshot!(report_page("en"));
}

/// `tilik check` on a portal with errors (an unknown key, a date that is not one, an unknown
/// status) and warnings (a report without findings, a recommendation without an indicator),
/// with messages in `lang`: exit status, standard output and standard error.
fn check_with_errors(lang: &str) -> String {
    let p = portal(lang, REPORT);
    let broken = REPORT
        .replacen("title = ", "titel = \"x\"\ntitle = ", 1)
        .replacen("start = 2024-05-06", "start = \"6 Mei 2024\"", 1)
        .replacen("status = \"usulan\"", "status = \"sudah tuntas\"", 1);
    p.file("content/laporan/rusak.md", &broken);
    let warned = REPORT.replacen("## Temuan", "## Catatan", 1).replacen(
        "indicator = \"Peraturan bupati terbit\"\n",
        "",
        1,
    );
    p.file("content/laporan/tanpa-temuan.md", &warned);
    let run = p.run(&["check", "--lang", lang]);
    redact(&format!(
        "exit status: {}\n--- stdout\n{}--- stderr\n{}",
        run.code, run.stdout, run.stderr
    ))
}

#[test]
fn check_with_errors_and_warnings_in_indonesian() {
    insta::assert_snapshot!(check_with_errors("id"));
}

#[test]
fn check_with_errors_and_warnings_in_english() {
    insta::assert_snapshot!(check_with_errors("en"));
}
