//! Content validation through the CLI: every rule reports `path:line:column: error: message`,
//! all problems of a run come together, exit status 1; nothing panics.

use crate::common;
use crate::common::{report, Project};

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
        &report("A").replace("status = \"proses\"", "status = \"tuntas\""),
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
    assert!(e.contains("content/laporan/a.md:22:10: error: `status`: unknown value `tuntas`; allowed: usulan, proses, selesai, dievaluasi, dibatalkan"), "{e}");
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
        run.stderr.contains(
            "tilik.toml:3:1: error: kunci `paginat` tidak dikenal; kunci yang dikenal: `title`"
        ),
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
            .contains("hint: write the date as 2026-10-01 (YEAR-MONTH-DAY, without quotes)"),
        "{}",
        run.stderr
    );
}

#[test]
fn link_syntax_left_as_text_is_an_error_with_the_fix() {
    let p = Project::new();
    p.file(
        "content/laporan/b/index.md",
        &format!(
            "{}\n![Loket antrean](Foto Loket.jpg) dan `[x](y z)` dan \\[a](b c)\n\n![Ruang](foto-ruang-tunggu.jpg)\n\n```\n[kode](a b)\n```\n\n[situs](<Foto Loket.jpg>)\n",
            report("B")
        ),
    );
    p.bytes("content/laporan/b/foto-ruang-tunggu.JPG", common::JPEG);
    p.bytes("content/laporan/b/Foto Loket.jpg", common::JPEG);
    let run = p.run(&["check", "--lang", "en"]).expect_code(1);
    let e = &run.stderr;
    assert!(e.contains("content/laporan/b/index.md:29:1: error: `![Loket antrean](Foto Loket.jpg)` does not become an image"), "{e}");
    assert!(e.contains("`![Loket antrean](<Foto Loket.jpg>)`"), "{e}");
    assert!(
        e.contains(
            "content/laporan/b/index.md:31:1: error: link to `foto-ruang-tunggu.jpg`: no such file"
        ),
        "{e}"
    );
    assert!(e.contains("that folder has `foto-ruang-tunggu.JPG`"), "{e}");
    // Code, escaped brackets and an address between < > are not reported.
    assert!(
        !e.contains("y z") && !e.contains("b c") && !e.contains("kode"),
        "{e}"
    );
    assert!(e.contains("2 errors"), "{e}");
}

#[test]
fn links_to_the_portals_own_addresses_are_checked_and_made_relative() {
    let p = Project::new();
    let body = "[ada](/laporan/b/#latar-belakang) [skpd](/skpd/) [lain](https://lain.go.id/laporan/x/) [penuh](https://uji.example.go.id/laporan/b/) [md](/laporan/b.md)";
    p.file(
        "content/laporan/a.md",
        &format!(
            "{}\n{body} [tidak](https://uji.example.go.id/laporan/tidak-ada/) [x](/laporan/x/)\n",
            report("A")
        ),
    );
    p.file("content/laporan/b.md", &report("B"));
    let run = p.run(&["check", "--lang", "en"]).expect_code(1);
    let e = &run.stderr;
    assert!(e.contains("content/laporan/a.md:29:"), "{e}");
    assert!(e.contains("error: link to `https://uji.example.go.id/laporan/tidak-ada/`: there is no page at that address"), "{e}");
    assert!(
        e.contains("error: link to `/laporan/x/`: there is no page at that address"),
        "{e}"
    );
    assert!(e.contains("2 errors"), "{e}");
    p.file(
        "content/laporan/a.md",
        &format!("{}\n{body}\n", report("A")),
    );
    p.run(&["build"]).expect_code(0);
    let html = p.read("public/laporan/a/index.html");
    for href in [
        "href=\"../../laporan/b/#latar-belakang\"",
        "href=\"../../skpd/\"",
        "href=\"https://lain.go.id/laporan/x/\"",
        "href=\"../../laporan/b/\">penuh",
        "href=\"../../laporan/b/\">md",
    ] {
        assert!(html.contains(href), "{href} not in the page");
    }
    assert!(
        !html.contains("href=\"/laporan/"),
        "root-absolute link kept"
    );
}

#[test]
fn front_matter_mistakes_get_the_fix_in_the_writers_words() {
    let p = Project::new();
    p.file(
        "content/laporan/tanggal.md",
        &report("A").replace("date = 2024-05-20", "date = 6 Mei 2026"),
    );
    p.file(
        "content/laporan/anggaran.md",
        &report("B").replace("budget = 45000000", "budget = 45.000.000"),
    );
    p.file(
        "content/laporan/yaml.md",
        "---\ntitle: Studi Banding: MPP Denpasar\ndate: 2026-05-06\n---\n",
    );
    p.file(
        "content/laporan/ids.md",
        &report("C").replace("id = \"R1\"\n", ""),
    );
    let dup = report("D").replace(
        "status = \"proses\"\n+++",
        "status = \"Dalam Proses\"\n\n[[recommendations]]\nid = \"R1\"\ntext = \"Lagi.\"\nowner = \"Bidang\"\nstatus = \"sudah selesai\"\n+++",
    );
    p.file("content/laporan/dup.md", &dup);
    let run = p.run(&["check"]).expect_code(1);
    let e = &run.stderr;
    assert!(e.contains("content/laporan/tanggal.md:3:"), "{e}");
    assert!(e.contains("saran: tulis tanggal sebagai 2026-05-06"), "{e}");
    assert!(e.contains("content/laporan/anggaran.md:15:"), "{e}");
    assert!(
        e.contains("saran: tulis anggaran sebagai 45000000 tanpa titik"),
        "{e}"
    );
    assert!(e.contains("content/laporan/yaml.md:2:"), "{e}");
    assert!(
        e.contains("di antara tanda kutip: title: \"Studi Banding: MPP Denpasar\""),
        "{e}"
    );
    assert!(
        e.contains("content/laporan/ids.md:17:1: error: rekomendasi ke-1 tidak punya `id`"),
        "{e}"
    );
    assert!(
        e.contains("saran: tulis id = \"R1\" di bawah [[recommendations]] ini"),
        "{e}"
    );
    // The site's own label is accepted; a phrase holding a status gets it suggested.
    assert!(!e.contains("Dalam Proses"), "{e}");
    assert!(
        e.contains("`status`: nilai `sudah selesai` tidak dikenal")
            && e.contains("maksud Anda `selesai`?"),
        "{e}"
    );
    assert!(
        e.contains(
            "content/laporan/dup.md:24:1: error: id rekomendasi `R1` dipakai lebih dari sekali"
        ),
        "{e}"
    );
    assert!(
        e.contains(
            "`R1` sudah dipakai di baris 17; beri rekomendasi ini id lain, misalnya id = \"R2\""
        ),
        "{e}"
    );
}

#[test]
fn a_utf16_file_from_notepad_is_read() {
    let p = Project::new();
    let text = report("Unicode Notepad").replace('\n', "\r\n");
    let bytes: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    p.bytes("content/laporan/notepad.md", &bytes);
    let no_bom: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    p.bytes("content/laporan/tanpa-bom.md", &no_bom);
    let run = p.run(&["check"]).expect_code(1);
    assert!(
        !run.stderr.contains("notepad.md:1:1: error"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "content/laporan/tanpa-bom.md:1:1: error: berkas ini tersimpan sebagai UTF-16"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("simpan ulang sebagai UTF-8"),
        "{}",
        run.stderr
    );
    p.file("content/laporan/tanpa-bom.md", &report("Lain"));
    p.run(&["build"]).expect_code(0);
    assert!(p
        .read("public/laporan/notepad/index.html")
        .contains("Unicode Notepad"));
}

#[test]
fn a_missing_page_link_names_the_page_that_is_there() {
    let p = Project::new();
    p.file(
        "content/laporan/2024/a.md",
        &format!("{}\nLihat [B](studi_banding_bandung.md).\n", report("A")),
    );
    p.file(
        "content/laporan/2024/studi-banding-bandung.md",
        &report("B"),
    );
    let run = p.run(&["check", "--lang", "en"]).expect_code(1);
    assert!(
        run.stderr.contains(
            "content/laporan/2024/a.md:29:7: error: link to `studi_banding_bandung.md`: no such file"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("hint: that folder has `studi-banding-bandung.md`"),
        "{}",
        run.stderr
    );
}
