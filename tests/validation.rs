//! Content validation through the CLI: every rule reports `path:line:column: error: message`,
//! all problems of a run come together, exit status 1; nothing panics.

mod common;
use common::{report, Project};

#[test]
fn unknown_key_names_file_line_and_suggestion() {
    let p = Project::new();
    p.file(
        "content/laporan/a.md",
        &report("A").replace("summary =", "sumary ="),
    );
    let run = p.run(&["check"]).expect_code(1);
    assert!(
        run.stderr.contains(
            "content/laporan/a.md:4:1: error: kunci `sumary` tidak dikenal di front matter"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("saran: maksud Anda `summary`?"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("1 kesalahan, 0 peringatan, dalam 1 berkas."),
        "{}",
        run.stderr
    );
}

#[test]
fn every_problem_of_every_file_in_one_run() {
    let p = Project::new();
    p.file(
        "content/laporan/a.md",
        &report("A").replace("status = \"proses\"", "status = \"done\""),
    );
    p.file(
        "content/laporan/b.md",
        &report("B")
            .replace("end = 2024-05-08", "end = 2024-05-01")
            .replace("date = 2024-05-20", "date = \"2024-13-01\""),
    );
    p.file(
        "content/laporan/c.md",
        &report("C").replace("title = \"C\"", "title = \"C\"\njudul = \"C\""),
    );
    let run = p.run(&["check", "--lang", "en"]).expect_code(1);
    let e = &run.stderr;
    assert!(e.contains("content/laporan/a.md:22:10: error: `status`: unknown value `done`; allowed: usulan, proses, selesai, dievaluasi, dibatalkan"), "{e}");
    assert!(e.contains("hint: did you mean `selesai`?"), "{e}");
    assert!(
        e.contains("content/laporan/b.md:3:8: error: `date`: `2024-13-01` is not a valid date"),
        "{e}"
    );
    assert!(
        e.contains(
            "content/laporan/b.md:9:7: error: end date 2024-05-01 is before start date 2024-05-06"
        ),
        "{e}"
    );
    assert!(
        e.contains("content/laporan/c.md:3:1: error: `title` and `judul` are the same key"),
        "{e}"
    );
    assert!(e.contains("4 errors, 0 warnings, in 3 files."), "{e}");
    // A date TOML itself rejects is reported by the TOML parser, at the value.
    p.file(
        "content/laporan/b.md",
        &report("B").replace("date = 2024-05-20", "date = 2024-13-01"),
    );
    let run = p.run(&["check", "--lang", "en"]).expect_code(1);
    assert!(
        run.stderr.contains(
            "content/laporan/b.md:3:13: error: invalid TOML front matter: invalid date-time"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn missing_required_fields_are_named() {
    let p = Project::new();
    p.file(
        "content/laporan/a.md",
        "+++\nsummary = \"x\"\n[visit]\nkind = \"studi-banding\"\n+++\n",
    );
    let run = p.run(&["check", "--lang", "en"]).expect_code(1);
    for key in [
        "`title` (judul)",
        "`date` (tanggal)",
        "`unit` (skpd)",
        "`start` (mulai)",
        "`destination` (lokasi)",
        "`topics` (topik)",
    ] {
        assert!(
            run.stderr
                .contains(&format!("required key {key} is missing")),
            "{key}: {}",
            run.stderr
        );
    }
    assert!(
        run.stderr
            .contains("content/laporan/a.md:3:1: error: required key `unit`"),
        "{}",
        run.stderr
    );
}

#[test]
fn hostile_files_are_errors_not_panics() {
    let p = Project::new();
    p.bytes("content/biner.md", b"\x89PNG\r\n\x1a\n\0\0\0IHDR");
    p.file("content/kosong.md", "");
    p.file("content/terbuka.md", "+++\ntitle = \"a\"\n");
    p.bytes("content/latin1.md", b"+++\ntitle = \"Caf\xe9\"\n+++\n");
    p.file("content/tanpa.md", "# Judul saja\n");
    p.file(
        "content/rusak.md",
        "+++\ntitle = \"a\ndate = 2024-01-01\n+++\n",
    );
    p.file("content/yaml.md", "---\ntitle: [a\n---\n");
    let run = p.run(&["check", "--lang", "en"]).expect_code(1);
    let e = &run.stderr;
    assert!(
        e.contains("content/biner.md:3:1: error: this is a binary file"),
        "{e}"
    );
    assert!(
        e.contains("content/kosong.md:1:1: error: the file does not start with front matter"),
        "{e}"
    );
    assert!(
        e.contains(
            "content/terbuka.md:1:1: error: unterminated front matter: no closing `+++` line"
        ),
        "{e}"
    );
    assert!(
        e.contains("content/latin1.md:2:13: error: this text is not valid UTF-8"),
        "{e}"
    );
    assert!(e.contains("content/tanpa.md:1:1: error"), "{e}");
    assert!(e.contains("content/rusak.md:2:"), "{e}");
    assert!(e.contains("content/yaml.md:"), "{e}");
    assert!(!e.contains("panicked"), "{e}");
    assert!(e.contains("7 errors"), "{e}");
}

#[test]
fn broken_links_are_errors_with_position() {
    let p = Project::new();
    p.file(
        "content/laporan/2024/a.md",
        &format!(
            "{}\nLihat [B](../2023/b.md) dan [C](@/laporan/c.md#temuan).\n",
            report("A")
        ),
    );
    p.file("content/laporan/2023/b.md", &report("B"));
    let run = p.run(&["check", "--lang", "en"]).expect_code(1);
    assert!(
        run.stderr.contains(
            "content/laporan/2024/a.md:29:29: error: link to `@/laporan/c.md#temuan`: no such file"
        ),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("../2023/b.md"), "{}", run.stderr);
}

#[test]
fn a_link_to_a_draft_is_explained() {
    let p = Project::new();
    p.file(
        "content/laporan/a.md",
        &format!("{}\n[B](b.md)\n", report("A")),
    );
    p.file(
        "content/laporan/b.md",
        &report("B").replace("+++\ntitle", "+++\ndraft = true\ntitle"),
    );
    let run = p.run(&["check", "--lang", "en"]).expect_code(1);
    assert!(
        run.stderr.contains("that page is a draft"),
        "{}",
        run.stderr
    );
    p.run(&["check", "--drafts"]).expect_code(0);
}

#[test]
fn duplicate_report_slugs_and_colliding_terms_are_errors() {
    let p = Project::new();
    p.file("content/laporan/2023/sama.md", &report("A"));
    p.file("content/laporan/2024/sama.md", &report("B"));
    p.file(
        "content/laporan/2024/c.md",
        &report("C").replace(
            "Dinas Lingkungan Hidup Kabupaten Sleman",
            "Dinas Lingkungan Hidup Kabupaten  SLEMAN",
        ),
    );
    let run = p.run(&["check", "--lang", "en"]).expect_code(1);
    assert!(run.stderr.contains("content/laporan/2024/sama.md:1:1: error: the URL /laporan/sama/ is already used by content/laporan/2023/sama.md"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("give the same URL /skpd/dinas-lingkungan-hidup-kabupaten-sleman/"),
        "{}",
        run.stderr
    );
}

#[test]
fn messages_follow_the_site_language() {
    let p = Project::new();
    p.file(
        "tilik.toml",
        &format!("{}language = \"en\"\n", common::CONFIG),
    );
    p.file("content/a.md", "+++\ntitel = \"x\"\n+++\n");
    let run = p.run(&["check"]).expect_code(1);
    assert!(run.stderr.contains("unknown key `titel`"), "{}", run.stderr);
    let run = p.run(&["check", "--lang", "id"]).expect_code(1);
    assert!(
        run.stderr.contains("kunci `titel` tidak dikenal"),
        "{}",
        run.stderr
    );
}

#[test]
fn configuration_and_usage_errors_exit_2() {
    let p = Project::bare();
    let run = p.run(&["check"]).expect_code(2);
    assert!(
        run.stderr.contains("tilik.toml tidak ditemukan"),
        "{}",
        run.stderr
    );
    p.file(
        "tilik.toml",
        "title = \"x\"\nbase_url = \"https://x/\"\npaginat = 3\n",
    );
    std::fs::create_dir_all(p.path().join("content")).unwrap();
    let run = p.run(&["check"]).expect_code(2);
    assert!(
        run.stderr
            .contains("tilik.toml:3:1: error: unknown field `paginat`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("maksud Anda `paginate`?"),
        "{}",
        run.stderr
    );
    p.run(&["build", "--bogus"]).expect_code(2);
    p.file("tilik.toml", common::CONFIG);
    p.run(&["build", "--base-url", "portal"]).expect_code(2);
}

#[test]
fn warnings_do_not_fail_the_build() {
    let p = Project::new();
    p.file("content/laporan/a.md", &report("A"));
    p.bytes("content/laporan/liar.jpg", b"\xff\xd8\xff");
    let run = p.run(&["build"]).expect_code(0);
    assert!(
        run.stderr.contains("content/laporan/liar.jpg: warning:"),
        "{}",
        run.stderr
    );
}

#[test]
fn missing_and_unpublished_files_are_errors() {
    let p = Project::new();
    p.file(
        "content/laporan/2024/b/index.md",
        &format!(
            "{}\n![Foto](foto.jpg)\n![Ada](ada.jpg)\n[lampiran](../lepas.pdf)\n",
            report("B")
        ),
    );
    p.bytes("content/laporan/2024/b/ada.jpg", common::JPEG);
    p.file(
        "content/laporan/2024/a.md",
        &format!(
            "{}\n![Foto](lepas.jpg) [lihat situs](https://x.go.id/a.pdf) [SKPD](../../skpd/)\n",
            report("A")
        ),
    );
    p.bytes("content/laporan/2024/lepas.jpg", b"\xff\xd8");
    p.bytes("content/laporan/2024/lepas.pdf", b"%PDF");
    let run = p.run(&["check", "--lang", "en"]).expect_code(1);
    let e = &run.stderr;
    assert!(e.contains("content/laporan/2024/a.md:29:1: error: the file `lepas.jpg` is not published: only a report that is a folder (bundle) carries its files"), "{e}");
    assert!(
        e.contains("content/laporan/2024/b/index.md:29:1: error: link to `foto.jpg`: no such file"),
        "{e}"
    );
    assert!(e.contains("content/laporan/2024/b/index.md:31:1: error: the file `../lepas.pdf` is outside this report's folder"), "{e}");
    assert!(
        !e.contains("ada.jpg") && !e.contains("x.go.id") && !e.contains("skpd"),
        "{e}"
    );
}

#[test]
fn drafts_links_are_checked_and_may_point_at_drafts() {
    let p = Project::new();
    let draft = |t: &str| report(t).replace("+++\ntitle", "+++\ndraft = true\ntitle");
    p.file(
        "content/laporan/a.md",
        &format!("{}\n[B](b.md) [X](x.md)\n", draft("A")),
    );
    p.file("content/laporan/b.md", &draft("B"));
    let run = p.run(&["check", "--lang", "en"]).expect_code(1);
    assert!(
        run.stderr.contains("link to `x.md`: no such file"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("`b.md`"), "{}", run.stderr);
}

#[test]
fn syntax_errors_come_with_a_hint() {
    let p = Project::new();
    p.file("content/a.md", "+++\ntitle = Studi Banding\n+++\n");
    p.file(
        "content/b.md",
        "+++\ntitle = \"B\"\ndate = 2026-10-1\n+++\n",
    );
    let run = p.run(&["check", "--lang", "en"]).expect_code(1);
    assert!(
        run.stderr
            .contains("content/a.md:2:9: error: invalid TOML front matter"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("hint: put text in quotes"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("hint: write dates as YEAR-MONTH-DAY with two-digit month and day"),
        "{}",
        run.stderr
    );
}
