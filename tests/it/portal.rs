//! The portal's ways in (issue 3): taxonomies, home figures, the recommendation tracker,
//! open data, feeds, sitemap, languages and subpath hosting.

use crate::common;
use crate::common::links;

use crate::common::{report, Project};

/// A report of a given unit/topic/place/year with recommendations in the given statuses.
fn visit(
    title: &str,
    unit: &str,
    topic: &str,
    place: &str,
    country: &str,
    year: u32,
    recs: &[(&str, &str)],
) -> String {
    let mut text = format!(
        "+++\ntitle = \"{title}\"\ndate = {year}-06-01\nsummary = \"Ringkasan {title}.\"\ntags = [\"inovasi\"]\n[visit]\nunit = \"{unit}\"\nstart = {year}-05-06\ndestination = \"{place}\"\ncountry = \"{country}\"\ntopics = [\"{topic}\"]\nbudget = 1000000\n"
    );
    for (i, (status, due)) in recs.iter().enumerate() {
        text.push_str(&format!(
            "[[recommendations]]\nid = \"R{}\"\ntext = \"Rekomendasi {}, {title}\"\nowner = \"Bidang {}\"\nstatus = \"{status}\"\ndue = {due}\nupdated = {year}-07-01\n",
            i + 1,
            i + 1,
            i + 1
        ));
    }
    text.push_str("+++\n\n## Temuan\n\nIsi.\n");
    text
}

fn sample() -> Project {
    let p = Project::new();
    p.file(
        "content/laporan/2023/a.md",
        &visit(
            "Laporan A",
            "Dinas Kesehatan Kota Palu",
            "penurunan stunting",
            "Kabupaten Sumedang",
            "Indonesia",
            2023,
            &[("usulan", "2026-01-01"), ("selesai", "2024-01-01")],
        ),
    );
    p.file(
        "content/laporan/2024/b.md",
        &visit(
            "Laporan B",
            "Dinas Kesehatan Kota Palu",
            "pelayanan publik",
            "Seoul",
            "Korea Selatan",
            2024,
            &[("proses", "2027-01-01"), ("dibatalkan", "2024-01-01")],
        ),
    );
    p.file(
        "content/laporan/2024/c.md",
        &visit(
            "Laporan C",
            "Bappeda Kabupaten Sigi",
            "penurunan stunting",
            "Kabupaten Sumedang",
            "Indonesia",
            2024,
            &[("dievaluasi", "2025-01-01"), ("proses", "2026-11-22")],
        ),
    );
    p
}

#[test]
fn taxonomy_pages_list_terms_with_counts() {
    let p = sample();
    p.run(&["build"]).expect_code(0);
    let units = p.read("public/skpd/index.html");
    assert!(
        units.contains("Dinas Kesehatan Kota Palu") && units.contains("Bappeda Kabupaten Sigi")
    );
    let palu = p.read("public/skpd/dinas-kesehatan-kota-palu/index.html");
    assert!(
        palu.contains("Laporan A") && palu.contains("Laporan B") && !palu.contains("Laporan C")
    );
    let topic = p.read("public/topik/penurunan-stunting/index.html");
    assert!(
        topic.contains("Laporan A") && topic.contains("Laporan C") && !topic.contains("Laporan B")
    );
    assert!(p
        .read("public/lokasi/seoul/index.html")
        .contains("Laporan B"));
    assert!(p.read("public/lokasi/index.html").contains("Seoul"));
    let year = p.read("public/tahun/2024/index.html");
    assert!(
        year.contains("Laporan B") && year.contains("Laporan C") && !year.contains("Laporan A")
    );
    assert!(p
        .read("public/label/inovasi/index.html")
        .contains("Laporan A"));
}

#[test]
fn lists_are_paginated_by_the_configured_size() {
    let p = Project::new();
    p.file("tilik.toml", &format!("{}paginate = 2\n", common::CONFIG));
    for i in 0..5 {
        p.file(
            &format!("content/laporan/r{i}.md"),
            &report(&format!("Laporan {i}")),
        );
    }
    p.run(&["build"]).expect_code(0);
    assert!(p
        .path()
        .join("public/laporan/halaman/3/index.html")
        .exists());
    assert!(!p
        .path()
        .join("public/laporan/halaman/4/index.html")
        .exists());
    let unit = "public/skpd/dinas-lingkungan-hidup-kabupaten-sleman";
    assert!(p
        .path()
        .join(format!("{unit}/halaman/2/index.html"))
        .exists());
    let page2 = p.read(&format!("{unit}/halaman/2/index.html"));
    assert!(
        page2.contains(
            "href=\"../../../../skpd/dinas-lingkungan-hidup-kabupaten-sleman/halaman/3/\""
        ),
        "next link"
    );
    let broken = links::broken_links(&p.path().join("public"), "/");
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn tracker_marks_overdue_by_the_build_date() {
    let p = sample();
    p.run(&["build"]).expect_code(0); // TILIK_BUILD_DATE=2026-11-23
    let tracker = p.read("public/rekomendasi/index.html");
    for r in [
        "Rekomendasi 1, Laporan A",
        "Rekomendasi 2, Laporan B",
        "Rekomendasi 2, Laporan C",
    ] {
        assert!(tracker.contains(r), "{r}");
    }
    let csv = p.read("public/data/rekomendasi.csv");
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(
        rows[0],
        "report_url,report_title,unit,id,text,owner,due,status,overdue,updated,indicator,note,kode_wilayah,reached_usulan,reached_proses,reached_selesai,reached_dievaluasi,reached_dibatalkan,source"
    );
    assert_eq!(rows.len(), 7, "{csv}");
    let overdue: Vec<&&str> = rows.iter().filter(|r| r.contains(",true,")).collect();
    // A (usulan, due 2026-01-01) and C R2 (proses, due 2026-11-22) are overdue on 2026-11-23.
    assert_eq!(overdue.len(), 2, "{csv}");
    assert!(csv.contains("\r\n"), "RFC 4180 line endings");
    assert!(
        csv.contains("\"Rekomendasi 1, Laporan A\""),
        "fields with commas are quoted"
    );
    // A day earlier, C R2 is not overdue yet.
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_tilik"))
        .args(["build"])
        .current_dir(p.path())
        .env("TILIK_BUILD_DATE", "2026-11-22")
        .output()
        .unwrap();
    assert!(run.status.success());
    assert_eq!(
        p.read("public/data/rekomendasi.csv")
            .matches(",true,")
            .count(),
        1
    );
}

#[test]
fn each_unit_has_its_own_csv_and_its_pages_link_to_each_other() {
    let p = sample();
    p.run(&["build"]).expect_code(0);
    let all = p.read("public/data/rekomendasi.csv");
    let palu = p.read("public/rekomendasi/dinas-kesehatan-kota-palu/rekomendasi.csv");
    let sigi = p.read("public/rekomendasi/bappeda-kabupaten-sigi/rekomendasi.csv");
    // Same header; the unit's rows only (A and B: 4 recommendations; C: 2).
    let header = all.lines().next().unwrap();
    assert_eq!(palu.lines().next().unwrap(), header);
    assert_eq!(palu.lines().count(), 1 + 4, "{palu}");
    assert_eq!(sigi.lines().count(), 1 + 2, "{sigi}");
    assert!(palu
        .lines()
        .skip(1)
        .all(|l| l.contains("Dinas Kesehatan Kota Palu")));
    assert!(!palu.contains("Laporan C"));
    // The unit's tracker downloads the unit's CSV and links the unit's reports; the unit's
    // page links its tracker.
    let tracker = p.read("public/rekomendasi/dinas-kesehatan-kota-palu/index.html");
    assert!(
        tracker.contains(
            "href=\"../../rekomendasi/dinas-kesehatan-kota-palu/rekomendasi.csv\" download"
        ),
        "{tracker}"
    );
    assert!(tracker.contains("href=\"../../skpd/dinas-kesehatan-kota-palu/\""));
    let unit = p.read("public/skpd/dinas-kesehatan-kota-palu/index.html");
    assert!(unit.contains("href=\"../../rekomendasi/dinas-kesehatan-kota-palu/\""));
    // The portal's tracker still downloads the whole CSV.
    assert!(p
        .read("public/rekomendasi/index.html")
        .contains("href=\"../data/rekomendasi.csv\" download"));
}

#[test]
fn open_data_json_has_every_field() {
    let p = sample();
    p.run(&["build"]).expect_code(0);
    let json: serde_json::Value =
        serde_json::from_str(&p.read("public/data/laporan.json")).unwrap();
    let reports = json["reports"].as_array().unwrap();
    assert_eq!(reports.len(), 3);
    let b = reports.iter().find(|r| r["title"] == "Laporan B").unwrap();
    for field in [
        "title",
        "url",
        "summary",
        "date",
        "kind",
        "unit",
        "destination",
        "province",
        "country",
        "scope",
        "start",
        "end",
        "hosts",
        "topics",
        "tags",
        "budget",
        "recommendations",
    ] {
        assert!(b.get(field).is_some(), "missing {field}");
    }
    assert_eq!(b["url"], "https://uji.example.go.id/laporan/b/");
    assert_eq!(b["scope"], "luar-negeri");
    assert_eq!(b["kind"], "studi-banding");
    assert_eq!(b["end"], "2024-05-06", "end defaults to start");
    assert_eq!(b["recommendations"][1]["status"], "dibatalkan");
    assert!(b.get("team").is_none());
    assert!(p.read("public/data/index.html").contains("report_url"));
}

#[test]
fn feeds_and_sitemap_use_absolute_urls() {
    let p = sample();
    p.run(&["build"]).expect_code(0);
    let feed = p.read("public/feed.xml");
    assert!(feed.starts_with(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <?xml-stylesheet type=\"text/xsl\" href=\"feed-style.xml\"?>\n\
         <feed xmlns=\"http://www.w3.org/2005/Atom\""
    ));
    assert_eq!(feed.matches("<entry>").count(), 3);
    assert!(feed.contains("<link rel=\"alternate\" type=\"text/html\" href=\"https://uji.example.go.id/laporan/c/\"/>"));
    assert!(
        feed.find("Laporan C").unwrap() < feed.find("Laporan A").unwrap(),
        "newest first"
    );
    let unit_feed = p.read("public/skpd/bappeda-kabupaten-sigi/feed.xml");
    assert_eq!(unit_feed.matches("<entry>").count(), 1);
    assert!(p
        .path()
        .join("public/topik/penurunan-stunting/feed.xml")
        .exists());
    let sitemap = p.read("public/sitemap.xml");
    assert!(
        sitemap.contains(
            "<loc>https://uji.example.go.id/laporan/a/</loc><lastmod>2023-07-01</lastmod>"
        ),
        "{sitemap}"
    );
    assert!(sitemap.contains("<loc>https://uji.example.go.id/</loc>"));
    assert!(!sitemap.contains("404"));
    assert_eq!(
        p.read("public/robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://uji.example.go.id/sitemap.xml\n"
    );
}

/// Opened in a browser, a feed is shown by the theme's XSLT stylesheet as a page about feeds;
/// the instruction names it relative to the feed, so it loads from the feed's own origin.
#[test]
fn feeds_name_the_theme_stylesheet_relative_to_themselves() {
    let p = sample();
    p.run(&["build"]).expect_code(0);
    let pi = |rel: &str| p.read(rel).lines().nth(1).unwrap_or_default().to_string();
    assert_eq!(
        pi("public/feed.xml"),
        "<?xml-stylesheet type=\"text/xsl\" href=\"feed-style.xml\"?>"
    );
    for nested in [
        "public/skpd/bappeda-kabupaten-sigi/feed.xml",
        "public/topik/penurunan-stunting/feed.xml",
    ] {
        assert_eq!(
            pi(nested),
            "<?xml-stylesheet type=\"text/xsl\" href=\"../../feed-style.xml\"?>",
            "{nested}"
        );
    }
    let xsl = p.read("public/feed-style.xml");
    assert!(xsl.contains("<xsl:stylesheet version=\"1.0\""));
    // The portal's CSP (default-src 'self') allows no inline script or style.
    for inline in ["<script", "<style", " style=", " onclick="] {
        assert!(!xsl.contains(inline), "{inline} in feed-style.xml");
    }

    // A theme without the stylesheet gets feeds without the instruction (not a broken link).
    common::run_in(p.path(), &["new", "bertema", "--with-theme"]).expect_code(0);
    let root = p.path().join("bertema");
    std::fs::remove_file(root.join("themes/default/static/feed-style.xml")).unwrap();
    common::run_in(&root, &["build"]).expect_code(0);
    let feed = std::fs::read_to_string(root.join("public/feed.xml")).unwrap();
    assert!(!feed.contains("xml-stylesheet"), "{feed}");
    assert!(!root.join("public/feed-style.xml").exists());
}

#[test]
fn home_shows_figures_and_charts_with_text() {
    let p = sample();
    p.run(&["build"]).expect_code(0);
    let home = p.read("public/index.html");
    assert!(home.contains("<svg"), "inline SVG charts");
    assert!(home.contains("<title id=\"svg-tahun\">"));
    assert!(
        home.contains("2023: 1, 2024: 2"),
        "chart title states the numbers"
    );
    // The only script element is schema.org data, which no browser runs.
    assert_eq!(
        home.matches("<script").count(),
        home.matches("<script type=\"application/ld+json\">")
            .count(),
        "no JavaScript on the home page"
    );
    assert_eq!(home.matches("<script").count(), 1);
}

#[test]
fn every_link_works_at_the_root_and_under_a_subpath() {
    let root = common::repo_root();
    for (base, base_path) in [
        (None, "/"),
        (Some("https://contoh.go.id/portal/"), "/portal/"),
    ] {
        let out = tempfile::tempdir().unwrap();
        let target = out.path().join("public");
        let mut args = vec!["build", "-o", target.to_str().unwrap()];
        if let Some(b) = base {
            args.extend(["--base-url", b]);
        }
        common::run_in(&root, &args).expect_code(0);
        let broken = links::broken_links(&target, base_path);
        assert!(broken.is_empty(), "{base_path}: {broken:#?}");
        if let Some(b) = base {
            let feed = std::fs::read_to_string(target.join("feed.xml")).unwrap();
            assert!(
                feed.contains(&format!("href=\"{b}laporan/")),
                "feed URLs use the subpath"
            );
            let html_404 = std::fs::read_to_string(target.join("404.html")).unwrap();
            assert!(
                html_404.contains("href=\"/portal/css/"),
                "404 uses the base path: it is served at any depth"
            );
        }
    }
}

#[test]
fn the_link_checker_finds_each_kind_of_broken_link() {
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path();
    std::fs::create_dir_all(r.join("a")).unwrap();
    std::fs::write(r.join("a/index.html"), "<h2 id=\"ada\">x</h2>").unwrap();
    std::fs::write(
        r.join("index.html"),
        "<a href=\"a/\">ok</a><a href=\"a/#ada\">ok</a><a href=\"b/\">1</a><a href=\"a/#tidak\">2</a><img src=\"x.png\"><img srcset=\"a/index.html 1x, y.png 2x\"><a href=\"/luar/\">3</a><a href=\"../../etc/\">4</a><form action=\"cari/\"></form>",
    )
    .unwrap();
    let broken = links::broken_links(r, "/portal/");
    assert_eq!(broken.len(), 7, "{broken:#?}");
}

#[test]
fn each_unit_has_its_tracker_page_and_a_big_tracker_is_split_by_unit() {
    let p = sample();
    p.run(&["build"]).expect_code(0);
    let unit = p.read("public/rekomendasi/bappeda-kabupaten-sigi/index.html");
    assert!(unit.contains("Rekomendasi 2, Laporan C") && !unit.contains("Laporan A"));
    assert!(
        p.read("public/rekomendasi/index.html")
            .contains("Rekomendasi 1, Laporan A"),
        "small: all rows on the main page"
    );

    let big = Project::new();
    let recs: Vec<(&str, &str)> = vec![("proses", "2027-01-01"); 3];
    for i in 0..101 {
        let unit = if i % 2 == 0 { "Dinas A" } else { "Dinas B" };
        big.file(
            &format!("content/laporan/r{i}.md"),
            &visit(
                &format!("Laporan {i}"),
                unit,
                "t",
                "Kota X",
                "Indonesia",
                2024,
                &recs,
            ),
        );
    }
    big.run(&["build"]).expect_code(0);
    let main = big.read("public/rekomendasi/index.html");
    assert!(
        !main.contains("Rekomendasi 1, Laporan 0"),
        "303 recommendations: rows only on unit pages"
    );
    assert!(
        main.contains("href=\"../rekomendasi/dinas-a/\""),
        "links to the units' pages"
    );
    let a = big.read("public/rekomendasi/dinas-a/index.html");
    assert_eq!(a.matches("Rekomendasi 1, Laporan").count(), 51);
    let broken = links::broken_links(&big.path().join("public"), "/");
    assert!(broken.is_empty(), "{broken:#?}");
}
