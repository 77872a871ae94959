//! Share cards (#20 item 5): Open Graph and Twitter card metadata on every report page, with a
//! PNG card per report drawn at build time, cached in `.tilik-cache/kartu/` by what it shows,
//! and `[share] cards = true` to turn them on (they are off by default).

use crate::common;

use crate::common::Project;

const ON: &str = "\n[share]\ncards = true\n";

fn project(config_extra: &str) -> Project {
    let p = Project::bare();
    p.file(
        "tilik.toml",
        &format!(
            "title = \"Portal Uji\"\nbase_url = \"https://uji.example.go.id/portal/\"\n{config_extra}"
        ),
    );
    p.file(
        "content/laporan/2024/a.md",
        &common::report("A").replace(
            "title = \"A\"",
            "title = \"Sampah & \\\"Maggot\\\" <Banyumas>\"",
        ),
    );
    p
}

/// The `content` of `<meta property|name="key" content="…">` in `html`.
fn meta<'a>(html: &'a str, key: &str) -> Option<&'a str> {
    ["property", "name"].iter().find_map(|attr| {
        let start = format!("<meta {attr}=\"{key}\" content=\"");
        let from = html.find(&start)? + start.len();
        Some(&html[from..from + html[from..].find('"')?])
    })
}

/// Width, height, colour type of a PNG, after checking its signature and IHDR.
fn png_header(bytes: &[u8]) -> (u32, u32, u8) {
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    assert_eq!(&bytes[12..16], b"IHDR");
    let be = |i: usize| u32::from_be_bytes(bytes[i..i + 4].try_into().unwrap());
    assert!(
        bytes.ends_with(b"IEND\xaeB`\x82"),
        "PNG does not end with IEND"
    );
    (be(16), be(20), bytes[25])
}

#[test]
fn a_report_page_has_open_graph_and_twitter_metadata_with_its_card() {
    let p = project(ON);
    p.run(&["build"]).expect_code(0);
    let html = p.read("public/laporan/a/index.html");
    let escaped = "Sampah &amp; &quot;Maggot&quot; &lt;Banyumas&gt;";
    assert_eq!(meta(&html, "og:title"), Some(escaped), "{html}");
    assert_eq!(meta(&html, "twitter:title"), Some(escaped));
    assert_eq!(meta(&html, "og:image:alt"), Some(escaped));
    assert_eq!(meta(&html, "og:description"), Some("Ringkasan A."));
    assert_eq!(meta(&html, "twitter:description"), Some("Ringkasan A."));
    assert_eq!(
        meta(&html, "og:url"),
        Some("https://uji.example.go.id/portal/laporan/a/")
    );
    let image = "https://uji.example.go.id/portal/kartu/a.png";
    assert_eq!(meta(&html, "og:image"), Some(image));
    assert_eq!(meta(&html, "twitter:image"), Some(image));
    assert_eq!(meta(&html, "twitter:card"), Some("summary_large_image"));
    assert_eq!(meta(&html, "og:image:width"), Some("1200"));
    let png = std::fs::read(p.path().join("public/kartu/a.png")).unwrap();
    assert_eq!(png_header(&png), (1200, 630, 3), "1200 × 630, indexed");
    assert!(png.len() <= 60 * 1024, "{} bytes", png.len());
    // An ordinary page has no card.
    assert_eq!(
        std::fs::read_dir(p.path().join("public/kartu"))
            .unwrap()
            .count(),
        1
    );
}

#[test]
fn cards_are_reused_from_the_cache_until_what_they_show_changes() {
    let p = project(ON);
    p.run(&["build"]).expect_code(0);
    let cache = p.path().join(".tilik-cache/kartu");
    let cached: Vec<_> = std::fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(cached.len(), 1, "{cached:?}");
    let first = std::fs::read(p.path().join("public/kartu/a.png")).unwrap();
    assert_eq!(std::fs::read(&cached[0]).unwrap(), first);
    // A rebuild takes the card from the cache: a marked copy there comes out as the card.
    let mut marked = first.clone();
    marked.extend_from_slice(b"dari-cache");
    std::fs::write(&cached[0], &marked).unwrap();
    p.run(&["build"]).expect_code(0);
    assert_eq!(
        std::fs::read(p.path().join("public/kartu/a.png")).unwrap(),
        marked
    );
    // A changed status changes the card's figures: a new card, cached beside the old one.
    p.file(
        "content/laporan/2024/a.md",
        &p.read("content/laporan/2024/a.md")
            .replace("status = \"proses\"", "status = \"selesai\""),
    );
    p.run(&["build"]).expect_code(0);
    let card = std::fs::read(p.path().join("public/kartu/a.png")).unwrap();
    assert_ne!(card, first);
    assert_ne!(card, marked);
    assert_eq!(std::fs::read_dir(&cache).unwrap().count(), 2);
}

#[test]
fn without_share_cards_there_is_no_image_and_a_small_twitter_card() {
    // Off by default (opt-in: they cost more than a fifth of a big portal's first build).
    for config in ["", "\n[share]\ncards = false\n"] {
        let p = project(config);
        p.run(&["build"]).expect_code(0);
        let html = p.read("public/laporan/a/index.html");
        assert_eq!(meta(&html, "og:image"), None);
        assert_eq!(meta(&html, "twitter:card"), Some("summary"));
        assert_eq!(
            meta(&html, "og:url"),
            Some("https://uji.example.go.id/portal/laporan/a/")
        );
        assert!(!p.path().join("public/kartu").exists());
        assert!(!p.path().join(".tilik-cache").exists());
    }
    let typo = project("\n[share]\ncard = true\n");
    let run = typo.run(&["check", "--lang", "en"]).expect_code(2);
    assert!(
        run.stderr.contains("did you mean `cards`?"),
        "{}",
        run.stderr
    );
}
