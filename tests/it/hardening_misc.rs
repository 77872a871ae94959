//! The smaller findings of issue #15.7: where collisions and duplicate URLs come from, dangling
//! symlinks, `.MD` files, links that climb out of the portal.

use crate::common::{report, Project};

const PAGE: &str = "+++\ntitle = \"Halaman\"\ndate = 2024-01-01\n+++\n\nIsi.\n";

#[test]
fn every_collision_with_a_generated_page_names_its_source() {
    let p = Project::new();
    p.file("content/laporan/a.md", &report("A"));
    p.file("content/cari.md", PAGE);
    p.file("static/sitemap.xml", "<urlset/>");
    let run = p.run(&["build", "--lang", "en"]).expect_code(1);
    for expected in [
        "content/cari.md:1:1: error: two outputs at the same path: /cari/index.html (the other is made by Tilik itself)",
        "static/sitemap.xml: error: two outputs at the same path: /sitemap.xml (the other is made by Tilik itself)",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{}", run.stderr);
    }
}

#[test]
fn a_duplicate_url_is_reported_at_the_slug_line() {
    let p = Project::new();
    p.file("content/laporan/a.md", &report("A"));
    p.file(
        "content/halaman/satu.md",
        "+++\ntitle = \"Satu\"\ndate = 2024-01-01\nslug = \"sama\"\n+++\n",
    );
    p.file(
        "content/halaman/dua.md",
        "+++\ntitle = \"Dua\"\ndate = 2024-01-01\n  slug = \"sama\"\n+++\n",
    );
    let run = p.run(&["check", "--lang", "en"]).expect_code(1);
    assert!(
        run.stderr.contains(
            "content/halaman/satu.md:4:1: error: the URL /halaman/sama/ is already used by content/halaman/dua.md"
        ) || run.stderr.contains(
            "content/halaman/dua.md:4:3: error: the URL /halaman/sama/ is already used by content/halaman/satu.md"
        ),
        "{}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn a_dangling_symlink_is_called_dangling_not_outside() {
    let p = Project::new();
    p.file("content/laporan/a/index.md", &report("A"));
    std::os::unix::fs::symlink(
        "hilang.pdf",
        p.path().join("content/laporan/a/lampiran.pdf"),
    )
    .unwrap();
    let run = p.run(&["check", "--lang", "en"]).expect_code(1);
    assert!(
        run.stderr.contains(
            "content/laporan/a/lampiran.pdf: error: this symbolic link points to a file that does not exist"
        ),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("outside"), "{}", run.stderr);
}

#[test]
fn an_upper_case_md_extension_is_not_part_of_the_slug() {
    let p = Project::new();
    p.file("content/laporan/a.md", &report("A"));
    p.file("content/halaman/Profil.MD", PAGE);
    p.run(&["build"]).expect_code(0);
    assert!(p.path().join("public/halaman/profil/index.html").exists());
}

#[test]
fn a_link_climbing_out_of_content_is_an_error_at_its_position() {
    let p = Project::new();
    p.file(
        "content/laporan/a.md",
        &(report("A") + "\nLihat [berkas](../../../../etc/nope) dan [beranda](../../).\n"),
    );
    let run = p.run(&["check", "--lang", "en"]).expect_code(1);
    let line = run
        .stderr
        .lines()
        .find(|l| l.contains("climbs out"))
        .unwrap_or_else(|| panic!("{}", run.stderr));
    assert!(
        line.starts_with("content/laporan/a.md:29:7: error: the link to `../../../../etc/nope` climbs out of the portal (above its root)"),
        "{line}"
    );
    assert_eq!(
        run.stderr.matches("climbs out").count(),
        1,
        "`../../` from /laporan/a/ is the home page: {}",
        run.stderr
    );
}
