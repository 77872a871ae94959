//! Report quality checks (issue 8): each warning fires on a report that should trigger it and
//! stays quiet on one that should not; `--strict` fails; `[checks]` switches them off.

use crate::common;
use crate::common::{report, Project};

/// A report that passes every check on 2026-11-23.
fn good() -> String {
    report("Baik")
        .replace("start = 2024-05-06\nend = 2024-05-08", "start = 2026-05-06\nend = 2026-05-08\nobjectives = [\"Belajar\"]")
        .replace("due = 2025-01-31\nstatus = \"proses\"", "due = 2027-01-31\nindicator = \"TPS3R beroperasi\"\nstatus = \"proses\"\nupdated = 2026-10-01")
        .replace("## Latar Belakang", "## Temuan")
}

fn warnings(p: &Project) -> String {
    let run = p.run(&["check", "--lang", "en"]).expect_code(0);
    run.stderr
}

#[test]
fn a_good_report_has_no_warnings() {
    let p = Project::new();
    p.file("content/laporan/baik.md", &good());
    assert_eq!(warnings(&p), "");
}

#[test]
fn each_check_fires_with_a_position() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "summary = \"Ringkasan Baik.\"\n",
            "",
            "1:1: warning: report without a summary",
        ),
        (
            "objectives = [\"Belajar\"]\n",
            "",
            "1:1: warning: report without the visit's objectives",
        ),
        (
            "## Temuan",
            "## Lain",
            "warning: report without a findings section",
        ),
        (
            "due = 2027-01-31\n",
            "",
            "18:1: warning: recommendation R1 has no due date",
        ),
        (
            "indicator = \"TPS3R beroperasi\"\n",
            "",
            "warning: recommendation R1 has no success indicator",
        ),
        (
            "updated = 2026-10-01",
            "updated = 2026-04-01",
            "warning: recommendation R1 is `proses` with no update since 2026-04-01",
        ),
        (
            "start = 2026-05-06\nend = 2026-05-08",
            "start = 2025-05-06\nend = 2025-05-08",
            "warning: the visit ended on 2025-05-08, over a year ago, but has no evaluation",
        ),
        (
            "updated = 2026-10-01",
            "updated = 2072-04-01",
            "warning: recommendation R1: its `updated` date 2072-04-01 is in the future (today is 2026-11-23)",
        ),
        (
            "due = 2027-01-31",
            "due = 2025-01-31",
            "18:1: warning: recommendation R1: its due date 2025-01-31 is before the visit (2026-05-06)",
        ),
        (
            "Isi laporan",
            "ISI: tulis latar belakang",
            "warning: template text \"ISI: …\" has not been replaced",
        ),
    ];
    for (from, to, expected) in cases {
        let p = Project::new();
        let text = good().replace(from, to);
        assert_ne!(text, good(), "fixture for {expected} did not change");
        p.file("content/laporan/x.md", &text);
        let w = warnings(&p);
        assert!(w.contains(expected), "expected {expected:?} in:\n{w}");
        assert_eq!(w.matches("warning:").count(), 1, "only that warning:\n{w}");
    }
}

#[test]
fn the_template_marker_in_the_body_points_at_its_line() {
    let p = Project::new();
    p.file(
        "content/laporan/x.md",
        &good().replace("Isi laporan", "Ini ISI: latar"),
    );
    assert!(
        warnings(&p).contains("content/laporan/x.md:30:5: warning: template text"),
        "{}",
        warnings(&p)
    );
}

#[test]
fn a_fresh_scaffold_is_flagged_as_template_text() {
    let p = Project::new();
    p.run(&[
        "new",
        "report",
        "Kunjungan Baru",
        "--start",
        "2026-11-01",
        "--unit",
        "Dinas A",
        "--destination",
        "Kota B",
        "--topic",
        "c",
    ])
    .expect_code(0);
    let run = p.run(&["check", "--drafts", "--lang", "en"]).expect_code(0);
    assert!(run.stderr.contains("template text"), "{}", run.stderr);
}

#[test]
fn strict_turns_warnings_into_errors() {
    let p = Project::new();
    p.file(
        "content/laporan/x.md",
        &good().replace("summary = \"Ringkasan Baik.\"\n", ""),
    );
    p.run(&["check"]).expect_code(0);
    let run = p.run(&["check", "--strict", "--lang", "en"]).expect_code(1);
    assert!(
        run.stderr.contains("error: report without a summary"),
        "{}",
        run.stderr
    );
    p.run(&["build", "--strict"]).expect_code(1);
    assert!(!p.path().join("public").exists());
}

#[test]
fn checks_can_be_switched_off() {
    let p = Project::new();
    p.file(
        "tilik.toml",
        &format!("{}[checks]\nsummary = false\n", common::CONFIG),
    );
    p.file(
        "content/laporan/x.md",
        &good().replace("summary = \"Ringkasan Baik.\"\n", ""),
    );
    assert_eq!(warnings(&p), "");
}

#[test]
fn check_prints_the_follow_up_summary() {
    let p = Project::new();
    p.file("content/laporan/a.md", &report("A")); // R1 proses, due 2025-01-31: overdue and quiet
    p.file("content/laporan/b.md", &good());
    let run = p.run(&["check", "--lang", "en"]).expect_code(0);
    let out = &run.stdout;
    assert!(out.contains("2 reports, 2 recommendations: 0 proposed, 2 in progress, 0 done, 0 evaluated, 0 dropped; 0% completed"), "{out}");
    assert!(
        out.contains("1 overdue, 1 with no update for over 6 months"),
        "{out}"
    );
    assert!(
        out.contains("Dinas Lingkungan Hidup Kabupaten Sleman      2    0%        1      1"),
        "{out}"
    );
}

#[test]
fn numbered_and_synonymous_headings_count_as_sections() {
    for (objectives, findings) in [
        ("## Maksud dan Tujuan", "## Hasil Kunjungan"),
        ("## B. Tujuan", "## III. Temuan"),
        ("## 1. Maksud", "## Kesimpulan dan Saran"),
    ] {
        let p = Project::new();
        let text = good().replace("objectives = [\"Belajar\"]\n", "").replace(
            "## Temuan",
            &format!("{objectives}\n\nAgar belajar.\n\n{findings}"),
        );
        p.file("content/laporan/x.md", &text);
        assert_eq!(warnings(&p), "", "{objectives} / {findings}");
    }
}

#[test]
fn the_skeletons_instructions_left_in_a_report_are_flagged() {
    let p = Project::new();
    p.file(
        "content/laporan/x.md",
        &good().replace(
            "Isi laporan Baik.",
            "Jelaskan masalah yang dihadapi daerah dan mengapa daerah tujuan dipilih.",
        ),
    );
    let w = warnings(&p);
    assert!(
        w.contains(
            "content/laporan/x.md:30:1: warning: the template's instruction \"Jelaskan masalah"
        ),
        "{w}"
    );
    let run = p.run(&["check", "--strict", "--lang", "en"]).expect_code(1);
    assert!(
        run.stderr.contains("error: the template's instruction"),
        "{}",
        run.stderr
    );
}
