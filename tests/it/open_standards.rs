//! Open standards (issue 20): the sample portal's DCAT catalogue read as RDF and validated
//! against the SHACL shapes in `docs/schema/dcat-shapes.ttl`, `rekomendasi.csv` validated
//! against its CSV on the Web description, and every page's schema.org JSON-LD read back as a
//! search engine reads it. The checker is `tests/clients/open_data.py` (rdflib, pyshacl, csvw,
//! extruct from pip).
//!
//! Without `python3` or those packages the test is skipped, unless `TILIK_REQUIRE_ALL_TESTS`
//! is set.

use crate::common;

use std::path::Path;

use crate::common::Project;

/// Runs the checker on a built site: (exit code, its JSON report), or None when it cannot run.
fn check(site: &Path, base: &str) -> Option<(i32, serde_json::Value)> {
    let shapes = common::repo_root().join("docs/schema/dcat-shapes.ttl");
    common::python_checker(
        "open_data.py",
        &[site.as_os_str(), base.as_ref(), shapes.as_os_str()],
    )
}

fn problems(report: &serde_json::Value) -> Vec<String> {
    report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_string())
        .collect()
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn catalogue_csvw_and_schema_org_of_the_sample_portal_validate_and_the_checker_catches_breakage() {
    let base = "https://contoh.go.id/portal/";
    let site = common::build_sample(Some(base), &[]);
    let Some((code, report)) = check(&site.out, base) else {
        return common::skip("python3 with rdflib, pyshacl, csvw and extruct (pip install rdflib pyshacl csvw extruct)");
    };
    assert_eq!(code, 0, "{report:#}");
    let checked = &report["checked"];
    assert_eq!(checked["shacl_conforms"], true);
    assert_eq!(checked["datasets"], 2, "{report:#}");
    assert_eq!(
        checked["media_types"],
        serde_json::json!(["application/json", "text/csv"])
    );
    // Every recommendation row and every report page was read.
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(site.out.join("data/laporan.json")).unwrap())
            .unwrap();
    let reports = json["reports"].as_array().unwrap();
    let recommendations: usize = reports
        .iter()
        .map(|r| r["recommendations"].as_array().unwrap().len())
        .sum();
    assert_eq!(checked["csv_rows"], recommendations);
    assert_eq!(checked["report_pages"], reports.len());

    // Break each promise once; the checker must name each.
    let data = site.out.join("data");
    edit(
        &data.join("catalog.jsonld"),
        "\"dcat:keyword\"",
        "\"x:keyword\"",
    );
    let text = std::fs::read_to_string(data.join("catalog.jsonld")).unwrap();
    let size = std::fs::metadata(data.join("rekomendasi.csv"))
        .unwrap()
        .len();
    std::fs::write(
        data.join("catalog.jsonld"),
        text.replace(&format!("\"{size}\""), &format!("\"{}\"", size + 1)),
    )
    .unwrap();
    edit(&data.join("rekomendasi.csv"), ",proses,", ",done,");
    edit(
        &site.out.join("laporan/sleman-tpst-banyumas/index.html"),
        "\"@type\":\"Report\"",
        "\"@type\":\"Article\"",
    );
    edit(
        &site.out.join("index.html"),
        "cari/?q={search_term_string}",
        "search?q={search_term_string}",
    );
    let (code, report) = check(&site.out, base).unwrap();
    assert_eq!(code, 1, "{report:#}");
    let found = problems(&report).join("\n");
    for expected in [
        "no dcat:keyword",
        "byteSize",
        "CSVW",
        "SHACL",
        "laporan/sleman-tpst-banyumas/index.html: 0 Report items",
        "no SearchAction",
    ] {
        assert!(found.contains(expected), "{expected:?} not in:\n{found}");
    }
}

#[test]
fn data_settings_reach_the_catalogue_and_the_pages() {
    let p = Project::new();
    p.file(
        "tilik.toml",
        &format!(
            "{}[data]\npublisher = \"Dinas Kominfo Kabupaten Uji\"\ncontact_email = \"ppid@uji.go.id\"\nlicense = \"https://creativecommons.org/publicdomain/zero/1.0/\"\n",
            common::CONFIG
        ),
    );
    p.file("content/laporan/a.md", &common::report("A"));
    p.run(&["build"]).expect_code(0);
    let catalog: serde_json::Value =
        serde_json::from_str(&p.read("public/data/catalog.jsonld")).unwrap();
    assert_eq!(
        catalog["dct:publisher"]["foaf:name"]["@value"],
        "Dinas Kominfo Kabupaten Uji"
    );
    assert_eq!(
        catalog["dct:license"]["@id"],
        "https://creativecommons.org/publicdomain/zero/1.0/"
    );
    let dataset = &catalog["dcat:dataset"][0];
    assert_eq!(
        dataset["dcat:contactPoint"]["vcard:hasEmail"]["@id"],
        "mailto:ppid@uji.go.id"
    );
    // The sample report's topic and visit dates are the dataset's coverage.
    assert_eq!(
        dataset["dcat:keyword"][0]["@value"], "pengelolaan sampah",
        "{dataset:#}"
    );
    assert_eq!(
        dataset["dct:temporal"]["dcat:startDate"]["@value"],
        "2024-05-06"
    );
    // The CSV's header is the CSVW description's column names, in order.
    let csvw: serde_json::Value =
        serde_json::from_str(&p.read("public/data/rekomendasi.csv-metadata.json")).unwrap();
    let names: Vec<&str> = csvw["tableSchema"]["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    let csv = p.read("public/data/rekomendasi.csv");
    assert_eq!(csv.lines().next().unwrap(), names.join(","));
    // The last column says which portal each row comes from: here, the portal itself (a hub
    // names its members there, tests/it/network_hub.rs).
    let source = &csvw["tableSchema"]["columns"][names.len() - 1];
    assert_eq!(source["name"], "source");
    assert_eq!(source["required"], true);
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let title = common::CONFIG
        .lines()
        .find_map(|l| l.strip_prefix("title = "))
        .unwrap()
        .trim_matches('"');
    let mut count = 0;
    for row in rows.records() {
        assert_eq!(row.unwrap().iter().next_back(), Some(title));
        count += 1;
    }
    assert!(count > 0);
    // A bad e-mail address is a configuration error at its line.
    p.file(
        "tilik.toml",
        &format!(
            "{}[data]\ncontact_email = \"ppid di uji\"\n",
            common::CONFIG
        ),
    );
    let run = p.run(&["check"]).expect_code(2);
    assert!(run.stderr.contains("tilik.toml:4:"), "{}", run.stderr);
}

#[test]
fn a_hostile_title_cannot_leave_the_json_ld_script() {
    let p = Project::new();
    let title = "Kunjungan </script><script>alert(1)</script>";
    let report = common::report("X").replace("title = \"X\"", &format!("title = {title:?}"));
    p.file("content/laporan/x.md", &report);
    p.run(&["build"]).expect_code(0);
    let html = p.read("public/laporan/x/index.html");
    let start = html.find("<script type=\"application/ld+json\">").unwrap();
    let block = &html[start..];
    let end = block.find("</script>").unwrap();
    let json = &block["<script type=\"application/ld+json\">".len()..end];
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(value["name"], title);
    assert!(!html.contains("<script>alert(1)"));
}

#[test]
fn provinces_are_checked_against_the_official_list_and_places_get_their_codes() {
    let p = Project::new();
    let with = |title: &str, province: &str, destination: &str| {
        common::report(title)
            .replace(
                "province = \"Jawa Timur\"\n",
                &if province.is_empty() {
                    String::new()
                } else {
                    format!("province = \"{province}\"\n")
                },
            )
            .replace("Kota Surabaya", destination)
    };
    p.file(
        "content/laporan/a.md",
        &with("A", "Jawa Tenga", "Kabupaten Banyumas"),
    );
    p.file(
        "content/laporan/b.md",
        &with("B", "Jawa Tengah", "Kota Surabaya"),
    );
    p.file(
        "content/laporan/c.md",
        &with("C", "Jateng", "Kab. Banyumas"),
    );
    p.file("content/laporan/d.md", &with("D", "", "Kota Surabaya"));
    let run = p.run(&["check"]).expect_code(0);
    let line = |name: &str| {
        run.stderr
            .lines()
            .find(|l| {
                l.starts_with(&format!("content/laporan/{name}.md:")) && l.contains("rovinsi")
            })
            .map(str::to_string)
    };
    // The misspelt province, at its line, with the official name to write.
    let a = line("a").unwrap_or_else(|| panic!("{}", run.stderr));
    assert!(a.starts_with("content/laporan/a.md:11:"), "{a}");
    assert!(
        run.stderr.contains("maksud Anda `Jawa Tengah`?"),
        "{}",
        run.stderr
    );
    let b = line("b").unwrap_or_else(|| panic!("{}", run.stderr));
    assert!(
        b.contains("Kota Surabaya berada di provinsi Jawa Timur"),
        "{b}"
    );
    // A short form and a filled-in province are no warning.
    assert_eq!(line("c"), None, "{}", run.stderr);
    assert_eq!(line("d"), None, "{}", run.stderr);
    // `[checks] region = false` switches the check off.
    p.file(
        "tilik.toml",
        &format!("{}[checks]\nregion = false\n", common::CONFIG),
    );
    let quiet = p.run(&["check"]).expect_code(0);
    assert!(!quiet.stderr.contains("rovinsi"), "{}", quiet.stderr);

    p.run(&["build"]).expect_code(0);
    let json: serde_json::Value =
        serde_json::from_str(&p.read("public/data/laporan.json")).unwrap();
    let by_title = |t: &str| {
        json["reports"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["title"] == t)
            .unwrap()
            .clone()
    };
    assert_eq!(by_title("C")["kode_wilayah"], "33.02");
    // The province left out is filled in from the destination.
    assert_eq!(by_title("D")["province"], "Jawa Timur");
    assert_eq!(by_title("D")["kode_wilayah"], "35.78");
    // An unknown province still gives the destination's regency code.
    assert_eq!(by_title("A")["kode_wilayah"], "33.02");
    let csv = p.read("public/data/rekomendasi.csv");
    // `kode_wilayah` is the 13th column; the dates each status was first reached follow it.
    let code_column = |l: &str| l.split(',').nth(12).map(str::to_string);
    assert!(
        csv.lines()
            .any(|l| code_column(l).as_deref() == Some("35.78")),
        "{csv}"
    );
    let place = p.read("public/lokasi/kabupaten-banyumas/index.html");
    assert!(place.contains("<code>33.02</code>"), "{place}");
}
