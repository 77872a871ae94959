//! What a writer meets on the command line (issue 16): `tilik new` from a subfolder and with
//! the visit's country, kind and a folder; `tilik check FILE…`; counts at the end of every
//! run; titles and slugs that read well.

use crate::common::{report, run_in, Project};

#[test]
fn new_report_from_a_subfolder_finds_the_portal_and_takes_country_kind_and_bundle() {
    let p = Project::new();
    p.file("content/laporan/2026/.keep", "");
    let sub = p.path().join("content/laporan/2026");
    let run = run_in(
        &sub,
        &[
            "new",
            "report",
            "Studi Banding ke Kuala Lumpur",
            "--start",
            "2026-10-01",
            "--unit",
            "Dinas A",
            "--destination",
            "Kuala Lumpur",
            "--topic",
            "perizinan",
            "--country",
            "Malaysia",
            "--kind",
            "kunjungan-kerja",
            "--bundle",
        ],
    )
    .expect_code(0);
    let rel = "content/laporan/2026/studi-banding-ke-kuala-lumpur/index.md";
    assert!(run.stdout.contains(rel), "{}", run.stdout);
    let text = p.read(rel);
    assert!(text.contains("country = \"Malaysia\""), "{text}");
    assert!(text.contains("kind = \"kunjungan-kerja\""), "{text}");
    // The report is checked from the same subfolder, by its path from there.
    let run = run_in(
        &sub,
        &[
            "check",
            "--drafts",
            "--lang",
            "en",
            "studi-banding-ke-kuala-lumpur/index.md",
        ],
    )
    .expect_code(0);
    assert!(!run.stderr.contains("is in Malaysia"), "{}", run.stderr);
    assert!(run.stderr.contains(&format!("{rel}:")), "{}", run.stderr);
}

#[test]
fn a_destination_abroad_with_country_indonesia_is_flagged() {
    let p = Project::new();
    p.file(
        "content/laporan/a.md",
        &report("A").replace(
            "destination = \"Kota Surabaya\"",
            "destination = \"Kuala Lumpur\"",
        ),
    );
    p.file("content/laporan/b.md", &report("B"));
    let run = p.run(&["check", "--lang", "en"]).expect_code(0);
    assert!(
        run.stderr.contains("content/laporan/a.md:1:1: warning: the destination `Kuala Lumpur` is in Malaysia, but the visit's country says Indonesia"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("write country = \"Malaysia\""),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("is in Malaysia").count(), 1);
    p.file(
        "content/laporan/a.md",
        &report("A").replace(
            "destination = \"Kota Surabaya\"",
            "destination = \"Kuala Lumpur\"\ncountry = \"Malaysia\"",
        ),
    );
    let run = p.run(&["check", "--lang", "en"]).expect_code(0);
    assert!(!run.stderr.contains("is in Malaysia"), "{}", run.stderr);
}

#[test]
fn check_files_checks_just_those_and_strict_applies_to_them_alone() {
    let p = Project::new();
    // b has a warning (no summary) and c an error; a is clean but for the sample warnings.
    let clean = report("A");
    p.file("content/laporan/a.md", &clean);
    p.file(
        "content/laporan/b.md",
        &report("B").replace("summary = \"Ringkasan B.\"\n", ""),
    );
    p.file(
        "content/laporan/c.md",
        &report("C").replace("date = 2024-05-20", "date = 2024-13-01"),
    );
    // The whole portal fails on c.
    p.run(&["check"]).expect_code(1);
    // Only b: its warnings, not c's error nor a's warnings.
    let run = p
        .run(&["check", "--lang", "en", "content/laporan/b.md"])
        .expect_code(0);
    assert!(
        run.stderr
            .contains("content/laporan/b.md:1:1: warning: report without a summary"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("a.md") && !run.stderr.contains("c.md"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout.trim_end().ends_with("in 1 file."),
        "{}",
        run.stdout
    );
    p.run(&["check", "--strict", "content/laporan/b.md"])
        .expect_code(1);
    // c's error is reported when c is asked for; a file outside the portal is a usage error.
    let run = p
        .run(&[
            "check",
            "--lang",
            "en",
            "content/laporan/c.md",
            "content/laporan/b.md",
        ])
        .expect_code(1);
    assert!(
        run.stderr.contains("content/laporan/c.md:3:"),
        "{}",
        run.stderr
    );
    let outside = tempfile::NamedTempFile::new().unwrap();
    p.run(&["check", outside.path().to_str().unwrap()])
        .expect_code(2);
}

#[test]
fn every_run_ends_with_the_counts() {
    let p = Project::new();
    p.file("content/laporan/a.md", &report("A"));
    let check = p.run(&["check", "--lang", "en"]).expect_code(0);
    let last = check.stdout.trim_end().lines().last().unwrap_or("");
    assert!(
        last.starts_with("0 errors, ") && last.contains(" warnings, in 1 file."),
        "{}",
        check.stdout
    );
    let build = p.run(&["build", "--lang", "en"]).expect_code(0);
    let last = build.stdout.trim_end().lines().last().unwrap_or("");
    assert!(last.starts_with("0 errors, "), "{}", build.stdout);
}

#[test]
fn portal_titles_do_not_repeat_themselves() {
    let p = Project::bare();
    run_in(p.path(), &["new", "portal"]).expect_code(0);
    let config = p.read("portal/tilik.toml");
    assert!(
        config.contains("title = \"Portal Studi Banding\"\n"),
        "{config}"
    );
    run_in(p.path(), &["new", "kab-sleman"]).expect_code(0);
    assert!(p
        .read("kab-sleman/tilik.toml")
        .contains("title = \"Portal Studi Banding Kab Sleman\""));
    run_in(&p.path().join("portal"), &["build"]).expect_code(0);
    let home = p.read("portal/public/index.html");
    assert!(
        home.contains("<title>Portal Studi Banding</title>"),
        "{}",
        &home[..home.len().min(800)]
    );
    let list = p.read("portal/public/laporan/index.html");
    assert!(
        list.contains("<title>Laporan · Portal Studi Banding</title>"),
        "{}",
        &list[..list.len().min(800)]
    );
}

#[test]
fn a_long_title_gets_a_short_file_name() {
    let p = Project::new();
    let title = "Laporan Hasil Studi Banding Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kabupaten Sleman ke Kota Surabaya Tahun 2026";
    let run = p
        .run(&["new", "report", title, "--start", "2026-10-01"])
        .expect_code(0);
    let line = run
        .stdout
        .lines()
        .find(|l| l.contains("content/laporan/2026/"))
        .unwrap_or_default();
    let name = line.rsplit('/').next().unwrap_or_default();
    assert!(name.len() <= 63 && name.ends_with(".md"), "{name}");
    assert!(name.starts_with("dinas-penanaman-modal"), "{name}");
}
