//! Feeds and sitemap of the sample portal, at the root and under `/portal/`, checked by the
//! tools other people use: Python's `feedparser` (no `bozo`) for every Atom feed, and the
//! sitemaps.org XML Schema (`tests/clients/sitemap.xsd`, through `lxml`) for `sitemap.xml`;
//! every feed's XSLT stylesheet (the page a browser shows) is applied with `lxml`'s libxslt.
//! The checker is `tests/clients/feeds_sitemap.py`; one Python process checks everything.
//!
//! Without `python3`, `feedparser` or `lxml` the test is skipped, unless
//! `TILIK_REQUIRE_ALL_TESTS` is set.

use crate::common;

use std::path::Path;

/// Runs the checker over folders: (exit code, its JSON report).
fn check(dirs: &[&Path]) -> Option<(i32, serde_json::Value)> {
    let args: Vec<&std::ffi::OsStr> = dirs.iter().map(|d| d.as_os_str()).collect();
    common::python_checker("feeds_sitemap.py", &args)
}

/// A folder with a feed that is not well-formed, a feed whose stylesheet is missing and a
/// sitemap that breaks the schema.
fn broken_fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("skpd/a")).unwrap();
    std::fs::write(
        dir.path().join("skpd/a/feed.xml"),
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <?xml-stylesheet type=\"text/xsl\" href=\"../feed-style.xml\"?>\n\
         <feed xmlns=\"http://www.w3.org/2005/Atom\"><title>A</title></feed>",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("feed.xml"),
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\
         <title>Sampah & Limbah</title><entry><title>A</title></feed>",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("sitemap.xml"),
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\
         <url><loc>https://contoh.go.id/</loc><lastmod>23-11-2026</lastmod></url>\
         <url><lastmod>2026-11-23</lastmod></url></urlset>",
    )
    .unwrap();
    dir
}

#[test]
fn feeds_parse_and_the_sitemap_validates_at_the_root_and_under_a_subpath() {
    let broken = broken_fixture();
    let Some((code, report)) = check(&[broken.path()]) else {
        return common::skip("python3 with feedparser and lxml (pip install feedparser lxml)");
    };
    // The checker catches each broken input.
    assert_eq!(code, 1, "{report:#}");
    let problems = report["problems"].as_object().unwrap();
    let feed = problems[broken.path().join("feed.xml").to_str().unwrap()].to_string();
    assert!(feed.contains("bozo"), "{feed}");
    let unstyled = problems[broken.path().join("skpd/a/feed.xml").to_str().unwrap()].to_string();
    assert!(
        unstyled.contains("stylesheet ../feed-style.xml missing"),
        "{unstyled}"
    );
    let sitemap = problems[broken.path().join("sitemap.xml").to_str().unwrap()]
        .as_array()
        .unwrap();
    assert_eq!(sitemap.len(), 2, "bad date and missing loc: {sitemap:?}");

    let root = common::build_sample(None, &[]);
    let sub = common::build_sample(Some("https://contoh.go.id/portal/"), &[]);
    let (code, report) = check(&[&root.out, &sub.out]).unwrap();
    assert_eq!(code, 0, "{report:#}");
    // The site feed plus one per unit and per topic, in both builds.
    let feeds = report["checked"]["feeds"].as_u64().unwrap();
    let expected = 2 * common::files_with(&root.out, &["xml"])
        .iter()
        .filter(|p| p.ends_with("feed.xml"))
        .count() as u64;
    assert!(feeds >= 2 * 10 && feeds == expected, "{report:#}");
    // Every feed is shown in a browser by the theme's stylesheet (see e2e/feed.test.mjs).
    assert_eq!(report["checked"]["styled"], feeds, "{report:#}");
    assert_eq!(report["checked"]["sitemaps"], 2);
    let sitemap = std::fs::read_to_string(sub.out.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>https://contoh.go.id/portal/laporan/"));
}

#[test]
fn control_characters_in_title_and_summary_are_removed_with_a_warning_and_feeds_stay_xml() {
    let p = common::Project::new();
    let report = common::report("X")
        .replace("title = \"X\"", "title = \"Kunjungan \\u0007ke Surabaya\"")
        .replace(
            "summary = \"Ringkasan X.\"",
            "summary = \"Ringkasan\\u001b sampah.\"",
        );
    p.file("content/laporan/x.md", &report);
    let run = p.run(&["build"]).expect_code(0);
    for (line, code) in [(2, "U+0007"), (4, "U+001B")] {
        assert!(
            run.stderr.lines().any(
                |l| l.starts_with(&format!("content/laporan/x.md:{line}:")) && l.contains(code)
            ),
            "{code} at line {line}:\n{}",
            run.stderr
        );
    }
    for file in common::files_with(&p.path().join("public"), &["xml", "html", "json", "csv"]) {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            !text
                .chars()
                .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')),
            "control character in {}",
            file.display()
        );
    }
    assert!(p.read("public/feed.xml").contains("Kunjungan ke Surabaya"));
}
