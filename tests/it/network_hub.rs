//! A hub portal with member portals given as local folders (`[[network.members]]`): members
//! built by `tilik build`, their reports on `/jaringan/` pages as escaped external cards, and
//! a member that cannot be read as a warning (an error under `--strict`).

use crate::common::{report, Project};

/// A member portal built from one report, at `base`.
fn member(base: &str, title: &str, reports: &[&str]) -> Project {
    let p = Project::new();
    p.file(
        "tilik.toml",
        &format!("title = \"{title}\"\nbase_url = \"{base}\"\nregion = \"Wilayah {title}\"\n"),
    );
    for (i, r) in reports.iter().enumerate() {
        p.file(&format!("content/laporan/r{i}.md"), r);
    }
    p.run(&["build"]).expect_code(0);
    p
}

/// A hub of these members; `indonesian`: written with `[[jaringan.anggota]]`, `nama` and
/// `alamat` instead of `[[network.members]]`, `name` and `url`.
fn hub_in(members: &[(&str, &std::path::Path)], indonesian: bool) -> Project {
    let hub = Project::new();
    let mut toml =
        String::from("title = \"Portal Provinsi\"\nbase_url = \"https://prov.example.go.id/\"\n");
    for (name, path) in members {
        if !indonesian {
            toml += &format!("[[network.members]]\nname = \"{name}\"\nurl = {:?}\n", path);
        } else {
            toml += &format!(
                "[[jaringan.anggota]]\nnama = \"{name}\"\nalamat = {:?}\n",
                path
            );
        }
    }
    hub.file("tilik.toml", &toml);
    hub
}

fn hub(members: &[(&str, &std::path::Path)]) -> Project {
    hub_in(members, false)
}

#[test]
fn members_reports_are_listed_as_escaped_external_cards() {
    let sleman = member(
        "https://sleman.example.go.id/",
        "Portal Sleman",
        &[
            &report("Bank Sampah Sleman"),
            &report("<img src=x onerror=alert(1)>"),
        ],
    );
    let sigi = member(
        "https://sigi.example.go.id/studi/",
        "Portal Sigi",
        &[&report("Mal Pelayanan Sigi")],
    );
    let h = hub_in(
        &[
            ("Kabupaten Sleman", &sleman.path().join("public")),
            ("Kabupaten Sigi", sigi.path()),
        ],
        true,
    );
    h.file("content/laporan/own.md", &report("Laporan Provinsi"));
    let run = h.run(&["build"]).expect_code(0);
    assert!(
        !run.stderr.contains("peringatan: anggota"),
        "{}",
        run.stderr
    );

    let list = h.read("public/jaringan/index.html");
    assert!(list.contains("Kabupaten Sleman") && list.contains("Kabupaten Sigi"));
    assert!(
        list.contains("href=\"../jaringan/kabupaten-sleman/\"")
            || list.contains("kabupaten-sleman/")
    );
    assert!(list.contains("2026-11-23"), "data date of each member");
    let page = h.read("public/jaringan/kabupaten-sleman/index.html");
    assert!(page.contains("href=\"https://sleman.example.go.id/laporan/r0/\""));
    assert!(page.contains("Bank Sampah Sleman"));
    // The hostile title is text, never markup.
    assert!(
        page.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{page}"
    );
    assert!(!page.contains("<img src=x"));
    let sigi_page = h.read("public/jaringan/kabupaten-sigi/index.html");
    assert!(sigi_page.contains("href=\"https://sigi.example.go.id/studi/laporan/r0/\""));
    // The home page shows each member's figures.
    let home = h.read("public/index.html");
    assert!(home.contains("Kabupaten Sigi") && home.contains("jaringan/kabupaten-sigi/"));
    // One search index: members' reports with their absolute URLs and portal names, and a
    // Portal facet; the hostile title never appears as markup in the index files either.
    let mut index = String::new();
    for e in walkdir::WalkDir::new(h.path().join("public/search")) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            index += &std::fs::read_to_string(e.path()).unwrap();
        }
    }
    assert!(index.contains("https://sleman.example.go.id/laporan/r0/"));
    assert!(index.contains("https://sigi.example.go.id/studi/laporan/r0/"));
    assert!(index.contains("\"Kabupaten Sigi\""));
    assert!(index.contains("Laporan Provinsi"));
    assert!(
        index.contains("\"portal\""),
        "the entry names the Portal facet"
    );
    assert!(!index.contains("<img"));
    // The hub's open data says where each report comes from.
    let data: serde_json::Value =
        serde_json::from_str(&h.read("public/data/laporan.json")).unwrap();
    let sources: Vec<(String, String)> = data["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["title"].as_str().unwrap().into(),
                r["source"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert!(sources.contains(&("Laporan Provinsi".into(), "Portal Provinsi".into())));
    assert!(sources.contains(&("Mal Pelayanan Sigi".into(), "Kabupaten Sigi".into())));
    assert_eq!(sources.len(), 4);
    let csv = h.read("public/data/rekomendasi.csv");
    assert!(csv.lines().next().unwrap().ends_with(",source"));
    assert!(csv.contains("https://sigi.example.go.id/studi/laporan/r0/,Mal Pelayanan Sigi,"));
    assert!(csv.lines().any(|l| l.ends_with(",Kabupaten Sleman")));
    // No copy of a member's page in the hub.
    assert!(!h.path().join("public/laporan/r0").exists());
}

#[test]
fn a_member_that_cannot_be_read_is_a_warning_or_under_strict_an_error() {
    let good = member(
        "https://baik.example.go.id/",
        "Portal Baik",
        &[&report("Laporan Baik")],
    );
    let broken = Project::bare();
    broken.file("data/jaringan.json", "<!doctype html><p>Not found</p>");
    let newer = Project::bare();
    newer.file(
        "data/jaringan.json",
        r#"{"format":"tilik-jaringan","version":7,"title":"T","base_url":"https://n.example/","generated":"2026-01-01","shards":[]}"#,
    );
    let missing = good.path().join("tidak-ada");
    let h = hub(&[
        ("Anggota Baik", good.path()),
        ("Anggota Rusak", broken.path()),
        ("Anggota Baru", newer.path()),
        ("Anggota Hilang", &missing),
    ]);
    let run = h.run(&["build", "--lang", "en"]).expect_code(0);
    for needle in [
        "network member `Anggota Rusak` skipped: answered an HTML page instead of JSON",
        "network member `Anggota Baru` skipped: format version 7 is newer",
        "network member `Anggota Hilang` skipped:",
    ] {
        assert!(
            run.stderr.contains(needle),
            "missing {needle:?} in\n{}",
            run.stderr
        );
    }
    assert!(!run.stderr.contains("Anggota Baik"), "{}", run.stderr);
    let list = h.read("public/jaringan/index.html");
    assert!(list.contains("data tidak tersedia"));
    assert!(h
        .read("public/jaringan/anggota-baik/index.html")
        .contains("Laporan Baik"));
    h.run(&["build", "--strict"]).expect_code(1);
}

#[test]
fn report_urls_outside_the_members_base_url_refuse_the_member() {
    let m = member(
        "https://asli.example.go.id/",
        "Portal Asli",
        &[&report("Laporan Asli")],
    );
    // Tamper with a shard: a report now points elsewhere (hash fixed up to match).
    let public = m.path().join("public");
    let manifest_path = public.join("data/jaringan.json");
    let mut manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&manifest_path).unwrap()).unwrap();
    let shard_rel = manifest["shards"][0]["path"].as_str().unwrap().to_string();
    let shard = std::fs::read_to_string(public.join(&shard_rel))
        .unwrap()
        .replace(
            "https://asli.example.go.id/laporan/",
            "javascript:alert(1)//",
        );
    std::fs::write(public.join(&shard_rel), &shard).unwrap();
    use sha2::Digest;
    let hash: String = sha2::Sha256::digest(shard.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    manifest["shards"][0]["sha256"] = hash.into();
    manifest["shards"][0]["bytes"] = shard.len().into();
    std::fs::write(&manifest_path, manifest.to_string()).unwrap();
    let h = hub(&[("Anggota Palsu", &public)]);
    let run = h.run(&["build", "--lang", "en"]).expect_code(0);
    assert!(
        run.stderr.contains("is outside the member's base_url"),
        "{}",
        run.stderr
    );
    let all = h.read("public/jaringan/anggota-palsu/index.html");
    assert!(!all.contains("javascript:"));
}

#[test]
fn a_report_in_two_members_appears_once() {
    let m = member(
        "https://satu.example.go.id/",
        "Portal Satu",
        &[&report("Laporan Bersama")],
    );
    let h = hub(&[("Pertama", m.path()), ("Kedua", m.path())]);
    h.run(&["build"]).expect_code(0);
    assert!(h
        .read("public/jaringan/pertama/index.html")
        .contains("Laporan Bersama"));
    assert!(!h
        .read("public/jaringan/kedua/index.html")
        .contains("Laporan Bersama"));
}
