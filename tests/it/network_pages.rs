//! A hub's members' reports beyond the `/jaringan/` pages: on its topic, place and year
//! pages, in its recommendation tracker, and in its prior-visit reviews and related reports,
//! each as an escaped card or link that names its portal and points at the member portal.

use crate::common::{report, Project};

const HOSTILE: &str = "<img src=x onerror=alert(1)>";

/// A member portal built from `reports` (file name, Markdown), at `base`.
fn member(base: &str, title: &str, reports: &[(&str, String)]) -> Project {
    let p = Project::new();
    p.file(
        "tilik.toml",
        &format!("title = \"{title}\"\nbase_url = \"{base}\"\n"),
    );
    for (name, text) in reports {
        p.file(&format!("content/laporan/{name}.md"), text);
    }
    p.run(&["build"]).expect_code(0);
    p
}

/// The sample report, retitled, on other topics and visited in another year.
fn member_report(title: &str, topics: &str, start: &str) -> String {
    report("X")
        .replace("title = \"X\"", &format!("title = {title:?}"))
        .replace(
            "topics = [\"pengelolaan sampah\"]",
            &format!("topics = {topics}"),
        )
        .replace("start = 2024-05-06", &format!("start = {start}"))
        .replace("end = 2024-05-08\n", "")
}

fn hub_of(members: &[(&str, &Project)]) -> Project {
    let hub = Project::new();
    let mut toml =
        String::from("title = \"Portal Provinsi\"\nbase_url = \"https://prov.example.go.id/\"\n");
    for (name, p) in members {
        toml += &format!(
            "[[network.members]]\nname = \"{name}\"\nurl = {:?}\n",
            p.path()
        );
    }
    hub.file("tilik.toml", &toml);
    hub.file("content/laporan/own.md", &report("Laporan Provinsi"));
    hub
}

const SLEMAN: &str = "href=\"https://sleman.example.go.id/laporan/r0/\"";

#[test]
fn members_reports_are_on_topic_place_and_year_pages_as_escaped_external_cards() {
    let sleman = member(
        "https://sleman.example.go.id/",
        "Portal Sleman",
        &[(
            "r0",
            member_report(
                HOSTILE,
                "[\"pengelolaan sampah\", \"bank sampah digital\"]",
                "2023-03-01",
            ),
        )],
    );
    let h = hub_of(&[("Kabupaten Sleman", &sleman)]);
    h.run(&["build"]).expect_code(0);
    // A topic both use: the hub's own report and the member's, the member's marked external
    // and naming its portal.
    let topic = h.read("public/topik/pengelolaan-sampah/index.html");
    assert!(topic.contains("Laporan Provinsi"), "{topic}");
    assert!(topic.contains(SLEMAN), "{topic}");
    assert!(topic.contains("rel=\"external noopener\""));
    assert!(topic.contains("Kabupaten Sleman"));
    assert!(topic.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(!topic.contains("<img src=x"));
    assert!(topic.contains(">2 "), "the count has both reports: {topic}");
    // A topic and a year only the member has get pages of their own, listed with the rest.
    let only = h.read("public/topik/bank-sampah-digital/index.html");
    assert!(only.contains(SLEMAN), "{only}");
    assert!(h
        .read("public/topik/index.html")
        .contains("bank sampah digital"));
    assert!(h.read("public/tahun/2023/index.html").contains(SLEMAN));
    assert!(!h.read("public/tahun/2024/index.html").contains(SLEMAN));
    assert!(h
        .read("public/lokasi/kota-surabaya/index.html")
        .contains(SLEMAN));
    // The member's own pages are not copied.
    assert!(!h.path().join("public/laporan/r0").exists());
}

#[test]
fn the_hubs_tracker_counts_and_lists_members_recommendations() {
    let sleman = member(
        "https://sleman.example.go.id/",
        "Portal Sleman",
        &[(
            "r0",
            member_report(HOSTILE, "[\"air bersih\"]", "2023-03-01"),
        )],
    );
    let alone = hub_of(&[]);
    alone.run(&["build"]).expect_code(0);
    let before = alone.read("public/rekomendasi/index.html");
    assert!(before.contains("<dd>1</dd>"), "one own recommendation");
    let h = hub_of(&[("Kabupaten Sleman", &sleman)]);
    h.run(&["build"]).expect_code(0);
    let tracker = h.read("public/rekomendasi/index.html");
    // The total and the status figures count the member's recommendation too.
    assert!(tracker.contains("<dd>2</dd>"), "{tracker}");
    // Its row links to the recommendation on the member portal and names the portal.
    assert!(
        tracker.contains("href=\"https://sleman.example.go.id/laporan/r0/#rek_R1\""),
        "{tracker}"
    );
    assert!(tracker.contains("Kabupaten Sleman"));
    assert!(tracker.contains("id=\"per-portal\""));
    assert!(tracker.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(!tracker.contains("<img src=x"));
    // A unit's own tracker page stays the hub's own.
    let unit = h.read("public/rekomendasi/dinas-lingkungan-hidup-kabupaten-sleman/index.html");
    assert!(!unit.contains("sleman.example.go.id"));
    // The member's unit is in the table of units, with its own page, as the hub's own are.
    assert!(
        tracker.contains(&format!("href=\"../{MEMBER_UNIT}\"")),
        "{tracker}"
    );
    let page = h.read(&format!("public/{MEMBER_UNIT}index.html"));
    assert!(
        page.contains("href=\"https://sleman.example.go.id/laporan/r0/#rek_R1\""),
        "{page}"
    );
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(!page.contains("<img src=x"));
    assert!(page.contains("<dd>1</dd>"), "one recommendation: {page}");
    assert!(
        !page.contains("Laporan Provinsi"),
        "not the hub's own: {page}"
    );
    assert!(
        page.contains("href=\"../../../../jaringan/kabupaten-sleman/\""),
        "the member's page: {page}"
    );
}

/// The tracker page of the Sleman member's unit in the hub.
const MEMBER_UNIT: &str =
    "jaringan/kabupaten-sleman/rekomendasi/dinas-lingkungan-hidup-kabupaten-sleman/";

#[test]
fn when_the_tracker_is_too_long_for_one_page_members_rows_are_on_their_units_pages() {
    // One member report with 301 recommendations: past the main page's limit (300).
    let mut text = member_report("Laporan Panjang", "[\"air bersih\"]", "2023-03-01");
    let extra: String = (2..=301)
        .map(|i| {
            format!(
                "\n[[recommendations]]\nid = \"R{i}\"\ntext = \"Rekomendasi nomor {i}.\"\n\
                 owner = \"Bidang\"\nstatus = \"usulan\"\n"
            )
        })
        .collect();
    let end = text.rfind("+++").unwrap();
    text.insert_str(end, &extra);
    let sleman = member(
        "https://sleman.example.go.id/",
        "Portal Sleman",
        &[("r0", text)],
    );
    let h = hub_of(&[("Kabupaten Sleman", &sleman)]);
    h.run(&["build"]).expect_code(0);
    let tracker = h.read("public/rekomendasi/index.html");
    assert!(tracker.contains("class=\"tracker-split\""), "{tracker}");
    assert!(!tracker.contains("Rekomendasi nomor 301."));
    assert!(tracker.contains(&format!("href=\"../{MEMBER_UNIT}\"")));
    let page = h.read(&format!("public/{MEMBER_UNIT}index.html"));
    assert!(page.contains("Rekomendasi nomor 301."), "{page}");
    assert!(page.contains("href=\"https://sleman.example.go.id/laporan/r0/#rek_R301\""));
}
/// A plan of the hub: a visit to Surabaya about waste, after the members' visits.
fn plan() -> String {
    r#"+++
title = "Rencana Kunjungan Sampah ke Surabaya"
date = 2026-11-16
stage = "rencana"

[visit]
unit = "Dinas Lingkungan Hidup Provinsi"
start = 2027-02-16
end = 2027-02-18
destination = "Kota Surabaya"
topics = ["pengelolaan sampah"]
objectives = ["Mempelajari pemilahan sampah dari sumber"]
+++

Rencana.
"#
    .to_string()
}

#[test]
fn plans_reviews_and_related_reports_draw_on_members_reports() {
    let sleman = member(
        "https://sleman.example.go.id/",
        "Portal Sleman",
        &[(
            "r0",
            member_report(HOSTILE, "[\"pengelolaan sampah\"]", "2023-03-01"),
        )],
    );
    let far = member(
        "https://jauh.example.go.id/",
        "Portal Jauh",
        &[(
            "r0",
            member_report("Kunjungan Pariwisata", "[\"pariwisata\"]", "2023-03-01")
                .replace("Kota Surabaya", "Kabupaten Badung")
                .replace("Jawa Timur", "Bali"),
        )],
    );
    let h = hub_of(&[("Kabupaten Sleman", &sleman), ("Kabupaten Jauh", &far)]);
    h.file("content/laporan/rencana/surabaya.md", &plan());
    h.run(&["build"]).expect_code(0);
    let page = h.read("public/rencana/surabaya/index.html");
    let review = &page[page.find("id=\"kajian-awal\"").expect("review section")..];
    assert!(review.contains(SLEMAN), "{review}");
    assert!(review.contains("Kabupaten Sleman"));
    assert!(
        review.contains("Laporan Provinsi"),
        "the hub's own report too"
    );
    assert!(review.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(!review.contains("<img src=x"));
    assert!(
        !review.contains("jauh.example.go.id"),
        "unrelated: {review}"
    );
    // The member's recommendation and how far it went are in the review.
    assert!(review.contains("Membangun TPS3R percontohan."));
    // The hub's own report on the same visit lists the member's as related.
    let own = h.read("public/laporan/own/index.html");
    let related = &own[own.find("id=\"laporan-terkait\"").expect("related section")..];
    assert!(related.contains(SLEMAN), "{related}");
    assert!(!related.contains("jauh.example.go.id"));
}

type FeedEntry = (String, String, Option<String>);

/// Adds `t` to the title of `current` or of its source, if that is where `path` is.
fn text(current: &mut Option<FeedEntry>, path: &[String], t: &str) {
    let at: Vec<&str> = path.iter().rev().take(3).map(String::as_str).collect();
    if let Some(c) = current {
        match at.as_slice() {
            ["title", "entry", ..] => c.0.push_str(t),
            ["title", "source", "entry"] => c.2.get_or_insert_with(String::new).push_str(t),
            _ => {}
        }
    }
}

/// The entries of an Atom feed as (title, link, source title), checking on the way that the
/// feed is well-formed XML.
fn feed_entries(xml: &str) -> Vec<FeedEntry> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut entries, mut path) = (Vec::new(), Vec::<String>::new());
    let mut current: Option<FeedEntry> = None;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                if name == "entry" {
                    current = Some(Default::default());
                }
                path.push(name);
            }
            Event::Empty(e)
                if e.name().as_ref() == b"link" && path.last().is_some_and(|p| p == "entry") =>
            {
                let href = e.try_get_attribute("href").unwrap().unwrap();
                let href = href
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .unwrap();
                if let Some(c) = &mut current {
                    c.1 = href.into_owned();
                }
            }
            Event::Text(t) => text(&mut current, &path, &t.decode().unwrap()),
            Event::GeneralRef(r) => {
                let name: &[u8] = &r;
                let c = match name {
                    b"lt" => "<",
                    b"gt" => ">",
                    b"amp" => "&",
                    b"quot" => "\"",
                    b"apos" => "'",
                    other => panic!("entity {other:?}"),
                };
                text(&mut current, &path, c);
            }
            Event::End(_) if path.pop().as_deref() == Some("entry") => {
                entries.extend(current.take());
            }
            Event::Eof => break,
            _ => {}
        }
    }
    entries
}

#[test]
fn members_reports_are_in_the_hubs_feeds_escaped_and_linking_to_their_portal() {
    let sleman = member(
        "https://sleman.example.go.id/",
        "Portal Sleman",
        &[
            (
                "r0",
                member_report(
                    HOSTILE,
                    "[\"pengelolaan sampah\", \"bank sampah digital\"]",
                    "2023-03-01",
                ),
            ),
            (
                "r1",
                member_report("Kunjungan Lama", "[\"pariwisata\"]", "2019-03-01")
                    .replace("date = 2024-05-20", "date = 2019-04-01"),
            ),
        ],
    );
    let h = hub_of(&[("Kabupaten Sleman", &sleman)]);
    h.file(
        "content/laporan/newer.md",
        &report("Laporan Provinsi Terbaru").replace("date = 2024-05-20", "date = 2025-01-10"),
    );
    h.run(&["build"]).expect_code(0);
    let xml = h.read("public/feed.xml");
    assert!(!xml.contains("<img"), "{xml}");
    assert!(xml.contains("&lt;img src=x onerror=alert(1)&gt;"), "{xml}");
    let hostile = (
        HOSTILE.to_string(),
        "https://sleman.example.go.id/laporan/r0/".to_string(),
        Some("Kabupaten Sleman".to_string()),
    );
    let own = |title: &str, slug: &str| {
        (
            title.to_string(),
            format!("https://prov.example.go.id/laporan/{slug}/"),
            None,
        )
    };
    // Newest first by publication date, the hub's own first on the same date (2024-05-20).
    let old = (
        "Kunjungan Lama".to_string(),
        "https://sleman.example.go.id/laporan/r1/".to_string(),
        Some("Kabupaten Sleman".to_string()),
    );
    assert_eq!(
        feed_entries(&xml),
        [
            own("Laporan Provinsi Terbaru", "newer"),
            own("Laporan Provinsi", "own"),
            hostile.clone(),
            old
        ]
    );
    // The source names the member portal with its address.
    assert!(xml.contains(
        "<link rel=\"alternate\" type=\"text/html\" href=\"https://sleman.example.go.id/\"/>"
    ));
    // A topic both have, and one only the member has.
    let topic = h.read("public/topik/pengelolaan-sampah/feed.xml");
    assert_eq!(
        feed_entries(&topic),
        [
            own("Laporan Provinsi Terbaru", "newer"),
            own("Laporan Provinsi", "own"),
            hostile.clone()
        ]
    );
    let only = h.read("public/topik/bank-sampah-digital/feed.xml");
    assert_eq!(feed_entries(&only), [hostile]);
    // A unit's feed stays the hub's own.
    let unit = h.read("public/skpd/dinas-lingkungan-hidup-kabupaten-sleman/feed.xml");
    assert!(!unit.contains("sleman.example.go.id"), "{unit}");
}
