//! `tilik build` through the CLI: what a built portal contains, and output you can trust.

use crate::common;
use crate::common::{report, snapshot, Project};

#[test]
fn report_page_shows_the_visit_at_a_glance() {
    let p = Project::new();
    p.file(
        "content/laporan/2024/sleman-surabaya.md",
        &report("Studi Sampah"),
    );
    p.run(&["build"]).expect_code(0);
    let html = p.read("public/laporan/sleman-surabaya/index.html");
    for needle in [
        "Studi Sampah",
        "6–8 Mei 2024",
        "Rp 45.000.000",
        "Kota Surabaya",
        "Dinas Lingkungan Hidup Kabupaten Sleman",
        "Membangun TPS3R percontohan.",
        "Bidang Pengelolaan Sampah",
        "id=\"latar-belakang\"",
    ] {
        assert!(html.contains(needle), "missing {needle:?}");
    }
    // Team names are personal data: hidden unless the site allows them.
    assert!(!html.contains("Budi Santoso"));
    // Links are page-relative, so the portal works under any subpath.
    assert!(html.contains("href=\"../../skpd/dinas-lingkungan-hidup-kabupaten-sleman/\""));
    assert!(!html.contains("href=\"/"), "no root-relative links");
}

#[test]
fn team_is_published_only_when_allowed() {
    let p = Project::new();
    p.file(
        "tilik.toml",
        &format!("{}[privacy]\npublish_team = true\n", common::CONFIG),
    );
    p.file("content/laporan/a.md", &report("A"));
    p.run(&["build"]).expect_code(0);
    assert!(p
        .read("public/laporan/a/index.html")
        .contains("Budi Santoso"));
}

#[test]
fn every_alias_reads_like_its_english_key_in_toml_and_yaml() {
    let toml = r#"+++
judul = "Laporan Alias"
tanggal = 2024-06-01
ringkasan = "Ringkasan alias."
draf = false
bahasa = "id"
label = ["inovasi"]
[ekstra]
warna = "hijau"
[kunjungan]
jenis = "kunjungan-kerja"
skpd = "Bappeda Kota Palu"
mulai = 2024-05-06
selesai = 2024-05-07
lokasi = "Kitakyushu"
provinsi = "Fukuoka"
negara = "Jepang"
instansi = ["Kitakyushu City"]
topik = ["pengelolaan sampah"]
tujuan = ["Belajar pemilahan"]
tim = ["Rina"]
anggaran = 250000000
sumber_dana = "APBD 2024"
[[rekomendasi]]
id = "R1"
isi = "Menyusun perbup."
penanggung_jawab = "Bagian Hukum"
tenggat = 2025-01-01
indikator = "Perbup terbit"
status = "selesai"
diperbarui = 2025-02-01
catatan = "Sudah terbit."
[evaluasi]
tujuan_tercapai = true
umpan_balik = "Bermanfaat."
dampak = "Sampah turun 20%."
ditinjau = 2025-06-01
+++
Isi.
"#;
    let yaml = toml
        .replace("+++", "---")
        .replace(" = ", ": ")
        .replace("[ekstra]", "ekstra:")
        .replace("warna:", "  warna:")
        .replace("[kunjungan]\n", "kunjungan:\n")
        .replace("[[rekomendasi]]\n", "rekomendasi:\n")
        .replace("[evaluasi]\n", "evaluasi:\n");
    // Indent the table bodies for YAML.
    let mut out = String::new();
    let mut indent = "";
    for line in yaml.lines() {
        match line {
            "kunjungan:" | "evaluasi:" => {
                out.push_str(line);
                indent = "  ";
            }
            "rekomendasi:" => {
                out.push_str(line);
                indent = "  - ";
            }
            "---" | "Isi." => {
                out.push_str(line);
                indent = "";
            }
            l if l.starts_with("ekstra") || l.starts_with("  warna") => out.push_str(l),
            l => {
                out.push_str(indent);
                out.push_str(l);
                if indent == "  - " {
                    indent = "    ";
                }
            }
        }
        out.push('\n');
    }
    let p = Project::new();
    p.file("content/laporan/toml-alias.md", toml);
    p.file(
        "content/laporan/yaml-alias.md",
        &out.replace("Laporan Alias", "Laporan Alias YAML"),
    );
    let run = p.run(&["build"]).expect_code(0);
    assert!(!run.stderr.contains("error"), "{}", run.stderr);
    for slug in ["toml-alias", "yaml-alias"] {
        let html = p.read(&format!("public/laporan/{slug}/index.html"));
        for needle in [
            "Laporan Alias",
            "Bappeda Kota Palu",
            "Kitakyushu",
            "Jepang",
            "Rp 250.000.000",
            "Menyusun perbup.",
            "Bagian Hukum",
            "Sampah turun 20%.",
        ] {
            assert!(html.contains(needle), "{slug}: missing {needle:?}");
        }
    }
}

#[test]
fn bom_and_crlf_files_work() {
    let p = Project::new();
    let crlf = report("Windows").replace('\n', "\r\n");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(crlf.as_bytes());
    p.bytes("content/laporan/windows.md", &bytes);
    p.run(&["build"]).expect_code(0);
    let html = p.read("public/laporan/windows/index.html");
    assert!(html.contains("Windows") && html.contains("Rp 45.000.000"));
}

#[test]
fn links_between_pages_are_rewritten_and_bundles_carry_their_files() {
    let p = Project::new();
    p.file(
        "content/laporan/2024/a/index.md",
        &format!("{}\n![Foto](foto.jpg)\n\nLihat [B](../../2023/b.md#latar-belakang) dan [tentang](@/halaman/tentang.md).\n", report("A")),
    );
    // A JPEG without metadata: copied byte for byte (metadata would be stripped).
    p.bytes("content/laporan/2024/a/foto.jpg", common::JPEG);
    p.file("content/laporan/2023/b.md", &report("B"));
    p.file(
        "content/halaman/tentang.md",
        "+++\ntitle = \"Tentang\"\ndate = 2024-01-01\n+++\nHalo.\n",
    );
    p.run(&["build"]).expect_code(0);
    let html = p.read("public/laporan/a/index.html");
    assert!(
        html.contains("href=\"../../laporan/b/#latar-belakang\""),
        "{html}"
    );
    assert!(html.contains("href=\"../../halaman/tentang/\""));
    assert!(html.contains("src=\"foto.jpg\""));
    assert_eq!(
        std::fs::read(p.path().join("public/laporan/a/foto.jpg")).unwrap(),
        common::JPEG
    );
    assert!(p
        .read("public/halaman/tentang/index.html")
        .contains("Halo."));
}

#[test]
fn drafts_only_with_the_flag() {
    let p = Project::new();
    p.file("content/laporan/a.md", &report("A"));
    p.file(
        "content/laporan/rahasia.md",
        &report("Draf Rahasia").replace("+++\ntitle", "+++\ndraft = true\ntitle"),
    );
    p.run(&["build"]).expect_code(0);
    assert!(!p.path().join("public/laporan/rahasia").exists());
    let all: Vec<u8> = snapshot(&p.path().join("public"))
        .into_iter()
        .flat_map(|(_, b)| b)
        .collect();
    assert!(
        !String::from_utf8_lossy(&all).contains("Draf Rahasia"),
        "draft leaked"
    );
    p.run(&["build", "--drafts"]).expect_code(0);
    assert!(p
        .read("public/laporan/rahasia/index.html")
        .contains("Draf Rahasia"));
}

#[test]
fn two_builds_are_byte_identical() {
    let p = Project::new();
    for (i, name) in ["a", "b", "c", "d"].iter().enumerate() {
        p.file(&format!("content/laporan/202{i}/{name}.md"), &report(name));
    }
    p.run(&["build", "-o", "satu"]).expect_code(0);
    p.run(&["build", "-o", "dua"]).expect_code(0);
    let one = snapshot(&p.path().join("satu"));
    let two = snapshot(&p.path().join("dua"));
    assert!(one.len() > 10);
    assert_eq!(one, two);
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let p = Project::new();
    p.file("content/laporan/a.md", &report("A"));
    p.run(&["build"]).expect_code(0);
    let before = snapshot(&p.path().join("public"));
    p.file(
        "content/laporan/a.md",
        &report("A berubah").replace("title =", "titel ="),
    );
    p.run(&["build"]).expect_code(1);
    assert_eq!(snapshot(&p.path().join("public")), before);
    // A template error (exit 2) also leaves it untouched.
    p.file("content/laporan/a.md", &report("A berubah"));
    p.file("templates/report.html", "{{ page.nope | rupiah }}");
    let run = p.run(&["build"]).expect_code(2);
    assert!(
        run.stderr.contains("template error") || run.stderr.contains("kesalahan templat"),
        "{}",
        run.stderr
    );
    assert_eq!(snapshot(&p.path().join("public")), before);
    let leftovers: Vec<_> = std::fs::read_dir(p.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("tilik-"))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != ".public.tilik-spare")
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
}

#[test]
fn output_folder_safety() {
    let p = Project::new();
    p.file("content/laporan/a.md", &report("A"));
    let refuse = |args: &[&str]| {
        let run = p.run(args).expect_code(2);
        assert!(
            run.stderr.contains("menolak") || run.stderr.contains("Tilik tidak akan"),
            "{args:?}: {}",
            run.stderr
        );
    };
    refuse(&["build", "-o", "/"]);
    refuse(&["build", "-o", "."]);
    refuse(&["build", "-o", ".."]);
    refuse(&["build", "-o", "content"]);
    refuse(&["build", "-o", "content/keluaran"]);
    p.file("dokumen/penting.txt", "jangan hapus");
    refuse(&["build", "-o", "dokumen"]);
    assert_eq!(p.read("dokumen/penting.txt"), "jangan hapus");
    // An empty folder is fine, and once marked it can be rebuilt.
    std::fs::create_dir_all(p.path().join("kosong")).unwrap();
    p.run(&["build", "-o", "kosong"]).expect_code(0);
    p.run(&["build", "-o", "kosong"]).expect_code(0);
    assert!(p.path().join("kosong/.tilik-output").exists());
    // The home folder is refused.
    let home = std::env::var("HOME").unwrap();
    let run = common::run_in(p.path(), &["build", "-o", &home]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

#[test]
fn stale_files_disappear_on_rebuild() {
    let p = Project::new();
    p.file("content/laporan/a.md", &report("A"));
    p.file("content/laporan/b.md", &report("B"));
    p.run(&["build"]).expect_code(0);
    assert!(p.path().join("public/laporan/b/index.html").exists());
    std::fs::remove_file(p.path().join("content/laporan/b.md")).unwrap();
    p.run(&["build"]).expect_code(0);
    assert!(!p.path().join("public/laporan/b").exists());
}

#[test]
fn project_templates_override_the_theme_file_by_file() {
    let p = Project::new();
    p.file("content/laporan/a.md", &report("A"));
    p.file("templates/page.html", "KHUSUS {{ page.title }}");
    p.file(
        "content/halaman/x.md",
        "+++\ntitle = \"X\"\ndate = 2024-01-01\n+++\n",
    );
    p.file(
        "static/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"4\"/></svg>",
    );
    p.run(&["build"]).expect_code(0);
    assert_eq!(p.read("public/halaman/x/index.html"), "KHUSUS X");
    assert!(
        p.read("public/laporan/a/index.html")
            .contains("<!doctype html>"),
        "theme still used for reports"
    );
    assert!(
        p.read("public/logo.svg").contains("<circle r=\"4\"/>"),
        "static SVG published (cleaned)"
    );
    assert!(
        p.path().join("public/css/tilik.css").exists(),
        "embedded theme static files"
    );
}

#[test]
fn english_report_gets_english_labels() {
    let p = Project::new();
    p.file(
        "content/laporan/en.md",
        &report("Visit").replace("+++\ntitle", "+++\nlang = \"en\"\ntitle"),
    );
    p.run(&["build"]).expect_code(0);
    let html = p.read("public/laporan/en/index.html");
    assert!(html.contains("<html lang=\"en\""), "{html}");
    assert!(html.contains("6–8 May 2024"));
}

#[test]
fn scaffolds_build() {
    let p = Project::bare();
    common::run_in(p.path(), &["new", "portal"]).expect_code(0);
    let root = p.path().join("portal");
    let run = common::run_in(
        &root,
        &[
            "new",
            "report",
            "Studi Banding ke Kota Bandung",
            "--unit",
            "Bappeda Kota Palu",
            "--topic",
            "arsip",
            "--start",
            "2026-10-01",
        ],
    );
    let run = run.expect_code(0);
    assert!(
        run.stdout
            .contains("content/laporan/2026/studi-banding-ke-kota-bandung.md"),
        "{}",
        run.stdout
    );
    let text =
        std::fs::read_to_string(root.join("content/laporan/2026/studi-banding-ke-kota-bandung.md"))
            .unwrap();
    for section in [
        "## Latar Belakang",
        "## Tujuan",
        "## Pelaksanaan",
        "## Temuan",
        "## Pembelajaran",
        "## Rekomendasi",
        "## Tindak Lanjut",
    ] {
        assert!(text.contains(section), "{section}");
    }
    assert!(text.contains("unit = \"Bappeda Kota Palu\""));
    common::run_in(&root, &["check", "--drafts"]).expect_code(0);
    common::run_in(&root, &["build", "--drafts"]).expect_code(0);
    assert!(root
        .join("public/laporan/studi-banding-ke-kota-bandung/index.html")
        .exists());
    // A new portal's sample report is complete: no warnings at all.
    let fresh = common::run_in(p.path(), &["check", "--root", "portal"]).expect_code(0);
    assert!(
        fresh.stderr.contains("0 peringatan") || !fresh.stderr.contains("warning"),
        "{}",
        fresh.stderr
    );
    // Refuses a title whose URL another year's report already has.
    let clash = common::run_in(
        &root,
        &[
            "new",
            "report",
            "Studi Banding ke Kota Bandung",
            "--start",
            "2025-10-01",
        ],
    )
    .expect_code(2);
    assert!(
        clash
            .stderr
            .contains("content/laporan/2026/studi-banding-ke-kota-bandung.md"),
        "{}",
        clash.stderr
    );
    // Never overwrites.
    common::run_in(
        &root,
        &[
            "new",
            "report",
            "Studi Banding ke Kota Bandung",
            "--start",
            "2026-10-01",
        ],
    )
    .expect_code(2);
    common::run_in(p.path(), &["new", "portal"]).expect_code(2);
    // --with-theme copies the theme for customising.
    common::run_in(p.path(), &["new", "bertema", "--with-theme"]).expect_code(0);
    assert!(p
        .path()
        .join("bertema/themes/default/templates/base.html")
        .exists());
    common::run_in(&p.path().join("bertema"), &["build"]).expect_code(0);
}

#[test]
fn the_sample_portal_builds_cleanly() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("public");
    let run = common::run_in(
        &common::repo_root(),
        &["build", "-o", target.to_str().unwrap()],
    )
    .expect_code(0);
    // The sample shows a realistic follow-up state: quiet recommendations, missing
    // evaluations and a planned visit whose report is overdue (content/laporan/rencana/) are
    // expected warnings; anything else is a mistake in the sample.
    for line in run.stderr.lines().filter(|l| !l.starts_with("  ")) {
        assert!(
            line.contains("tanpa kabar sejak")
                || line.contains("belum dievaluasi")
                || line.contains("laporannya belum ada")
                || line.contains("peringatan, dalam"),
            "unexpected diagnostic in the sample portal: {line}"
        );
    }
    assert!(target.join("index.html").exists());
    assert!(target.join("laporan/index.html").exists());
}

#[test]
fn precompressed_copies_match_and_are_deterministic() {
    use std::io::Read;
    let p = Project::new();
    p.file("content/laporan/a.md", &report("A"));
    p.run(&["build", "--precompress", "-o", "satu"])
        .expect_code(0);
    p.run(&["build", "--precompress", "-o", "dua"])
        .expect_code(0);
    assert_eq!(
        snapshot(&p.path().join("satu")),
        snapshot(&p.path().join("dua"))
    );
    let gz = std::fs::read(p.path().join("satu/laporan/a/index.html.gz")).unwrap();
    let mut html = String::new();
    flate2::read::GzDecoder::new(gz.as_slice())
        .read_to_string(&mut html)
        .unwrap();
    assert_eq!(html, p.read("satu/laporan/a/index.html"));
    assert!(p.path().join("satu/css/tilik.css.br").exists());
    assert!(!p.path().join("satu/laporan/a/index.html.gz.gz").exists());
    p.run(&["build", "-o", "tiga"]).expect_code(0);
    assert!(
        !p.path().join("tiga/index.html.gz").exists(),
        "off by default"
    );
}

#[test]
fn index_file_names_follow_one_rule_for_case() {
    let p = common::Project::new();
    // `Index.md` makes a bundle like `index.md`; `_Index.md` is a section's text.
    p.file(
        "content/laporan/kunjungan-a/Index.md",
        &common::report("Bundle A"),
    );
    p.bytes("content/laporan/kunjungan-a/foto.jpg", common::JPEG);
    p.file(
        "content/laporan/_Index.md",
        "+++\ntitle = \"Daftar Laporan Uji\"\n+++\n\nPengantar daftar.\n",
    );
    let run = p.run(&["build"]).expect_code(0);
    assert!(!run.stderr.contains("foto.jpg"), "{}", run.stderr);
    assert!(p
        .path()
        .join("public/laporan/kunjungan-a/index.html")
        .is_file());
    assert!(p
        .path()
        .join("public/laporan/kunjungan-a/foto.jpg")
        .is_file());
    assert!(!p.path().join("public/laporan/index/index.html").exists());
    assert!(p
        .read("public/laporan/index.html")
        .contains("Daftar Laporan Uji"));
}

/// A build renders the HTML of the bodies after the checks (freeing the Markdown as it goes)
/// and writes the hub shards one by one: what it writes is what rendering the loaded site in
/// memory gives, byte for byte (rewritten links, tables, headings, the hub interface).
#[test]
fn build_writes_what_the_in_memory_render_of_a_load_gives() {
    let built = common::build_sample(None, &[]);
    let opts = tilik::Options {
        root: common::repo_root(),
        build_date: chrono::NaiveDate::from_ymd_opt(2026, 11, 23),
        ..tilik::Options::default()
    };
    let loaded = tilik::load(&opts).expect("the sample portal loads");
    let files = tilik::render_site(&loaded, &opts.root).expect("the sample portal renders");
    let mut compared = 0;
    for file in files {
        let tilik::output::Content::Bytes(bytes) = &file.content else {
            continue;
        };
        let written = std::fs::read(built.out.join(&file.path))
            .unwrap_or_else(|e| panic!("{}: {e}", file.path));
        assert!(written == *bytes, "{} differs", file.path);
        compared += 1;
    }
    assert!(compared > 50, "only {compared} files compared");
    let report =
        std::fs::read_to_string(built.out.join("laporan/sleman-tpst-banyumas/index.html")).unwrap();
    assert!(report.contains("<table"), "a body's HTML is on its page");
    assert!(built.out.join("data/jaringan.json").is_file());
}
