//! The open-data files (`data/laporan.json`, `data/rekomendasi.csv`, each unit's
//! `rekomendasi.csv`, `data/catalog.jsonld`) of a portal with many reports: valid JSON and CSV
//! holding every published report and every recommendation, sizes in the catalogue that match
//! the files, and no temporary file left behind (the two big files are streamed to disk).

use std::collections::BTreeSet;

use crate::common::{Project, Report};

/// Reports over three units, with recommendations whose text needs CSV quoting.
fn portal(reports: usize) -> Project {
    let p = Project::new();
    let units = [
        "Dinas Kesehatan Kota Palu",
        "Bappeda Kabupaten Sigi",
        "Dinas \"Pendidikan\", Kota Palu",
    ];
    for i in 0..reports {
        let unit = units[i % units.len()];
        let text = Report::new(&format!("Laporan {i}"))
            .date(&format!("2024-{:02}-{:02}", 1 + i % 12, 1 + i % 28))
            .text()
            .replace(
                "unit = \"Dinas Lingkungan Hidup Kabupaten Sleman\"",
                &format!("unit = {unit:?}"),
            )
            .replace(
                "text = \"Membangun TPS3R percontohan.\"",
                &format!("text = \"Rekomendasi {i}, dengan koma dan \\\"kutip\\\"\\nbaris kedua.\""),
            )
            .replace(
                "status = \"proses\"\n",
                &format!(
                    "status = \"proses\"\n\n[[recommendations]]\nid = \"R2\"\ntext = \"Kedua {i}.\"\nowner = \"Sekretariat\"\nstatus = \"usulan\"\n{}",
                    if i % 2 == 0 { "note = \"=SUM(A1)\"\n" } else { "" }
                ),
            );
        p.file(&format!("content/laporan/laporan-{i:03}.md"), &text);
    }
    // A draft: never in the open data.
    p.file(
        "content/laporan/draf.md",
        &Report::new("Draf").front("draft = true").text(),
    );
    p
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| r.expect("valid CSV").iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn open_data_holds_every_report_and_recommendation_as_valid_json_and_csv() {
    let reports = 60;
    let p = portal(reports);
    let tmp = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tilik"))
        .args(["build"])
        .current_dir(p.path())
        .env("TILIK_BUILD_DATE", "2026-11-23")
        .env("TMPDIR", tmp.path())
        .output()
        .expect("run tilik");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The streamed files' temporary copies are gone.
    let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    assert!(left.is_empty(), "left in TMPDIR: {left:?}");

    let json_text = p.read("public/data/laporan.json");
    let json: serde_json::Value = serde_json::from_str(&json_text).expect("valid JSON");
    assert_eq!(json["title"], "Portal Uji");
    assert_eq!(json["generated"], "2026-11-23");
    let records = json["reports"].as_array().unwrap();
    let titles: BTreeSet<String> = records
        .iter()
        .map(|r| r["title"].as_str().unwrap().to_string())
        .collect();
    let expected: BTreeSet<String> = (0..reports).map(|i| format!("Laporan {i}")).collect();
    assert_eq!(titles, expected, "every published report once, no draft");
    assert_eq!(records.len(), reports);
    for r in records {
        assert_eq!(r["recommendations"].as_array().unwrap().len(), 2, "{r:#}");
    }
    // Pretty-printed as before: two-space indentation, no trailing newline.
    assert!(json_text.starts_with("{\n  \"title\": \"Portal Uji\",\n"));
    assert!(
        json_text.ends_with("\n  ]\n}"),
        "{}",
        &json_text[json_text.len() - 20..]
    );

    let csv_text = p.read("public/data/rekomendasi.csv");
    assert!(csv_text.contains("\r\n"), "CRLF line ends");
    let rows = csv_rows(&csv_text);
    assert_eq!(rows[0][0], "report_url");
    let body = &rows[1..];
    assert_eq!(body.len(), 2 * reports, "one row per recommendation");
    assert!(body.iter().all(|row| row.len() == rows[0].len()));
    for i in 0..reports {
        let text = format!("Rekomendasi {i}, dengan koma dan \"kutip\"\nbaris kedua.");
        assert_eq!(
            body.iter().filter(|row| row[4] == text).count(),
            1,
            "R1 of report {i}, quoted and whole"
        );
    }
    // A formula-looking cell is made inert for spreadsheets.
    assert!(body.iter().any(|row| row[11] == "'=SUM(A1)"), "{csv_text}");

    // Each unit's CSV holds exactly that unit's rows; together, every row.
    let mut from_units: Vec<Vec<String>> = Vec::new();
    for entry in std::fs::read_dir(p.path().join("public/rekomendasi")).unwrap() {
        let path = entry.unwrap().path().join("rekomendasi.csv");
        if !path.is_file() {
            continue;
        }
        let unit_rows = csv_rows(&std::fs::read_to_string(&path).unwrap());
        assert_eq!(unit_rows[0], rows[0], "{}", path.display());
        let units: BTreeSet<&str> = unit_rows[1..].iter().map(|r| r[2].as_str()).collect();
        assert_eq!(units.len(), 1, "{}: {units:?}", path.display());
        from_units.extend(unit_rows.into_iter().skip(1));
    }
    let mut all = body.to_vec();
    all.sort();
    from_units.sort();
    assert_eq!(from_units, all);

    // The catalogue gives each file's size in bytes.
    let catalog = p.read("public/data/catalog.jsonld");
    for (file, text) in [("laporan.json", &json_text), ("rekomendasi.csv", &csv_text)] {
        assert!(
            catalog.contains(&format!("\"{}\"", text.len())),
            "{file} size {} not in the catalogue:\n{catalog}",
            text.len()
        );
    }
}
