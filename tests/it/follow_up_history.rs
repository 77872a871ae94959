//! A recommendation's follow-up history (`history`, riwayat): validation, the report page's
//! timeline and "selesai terlambat", and the open data (JSON history, CSV first dates).

use crate::common;

use crate::common::Project;

fn with_history(history: &str, status: &str) -> String {
    common::report("Sampah").replace(
        "status = \"proses\"",
        &format!("status = \"{status}\"\n{history}"),
    )
}

#[test]
fn history_shows_as_a_timeline_and_in_the_open_data() {
    let p = Project::new();
    p.file(
        "content/laporan/sampah.md",
        &with_history(
            "riwayat = [\n  { tanggal = 2024-09-01, status = \"proses\", catatan = \"Lahan disiapkan\" },\n  { tanggal = 2025-02-05, status = \"selesai\", catatan = \"TPS3R diresmikan\" },\n]",
            "selesai",
        ),
    );
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = p.read("public/laporan/sampah/index.html");
    assert!(html.contains("class=\"rec-history\""), "no timeline");
    assert!(html.contains("Lahan disiapkan") && html.contains("TPS3R diresmikan"));
    // Due 2025-01-31, first done 2025-02-05.
    assert!(html.contains("selesai terlambat (5 hari)"), "no late label");

    let json: serde_json::Value =
        serde_json::from_str(&p.read("public/data/laporan.json")).unwrap_or_default();
    let rec = &json["reports"][0]["recommendations"][0];
    assert_eq!(rec["history"][1]["status"], "selesai");
    assert_eq!(rec["history"][1]["date"], "2025-02-05");
    assert_eq!(rec["finished_late_days"], 5);

    let csv = p.read("public/data/rekomendasi.csv");
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
    let row: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
    let cell = |name: &str| {
        let i = header.iter().position(|h| *h == name);
        i.and_then(|i| row.get(i).copied())
    };
    assert_eq!(cell("reached_proses"), Some("2024-09-01"));
    assert_eq!(cell("reached_selesai"), Some("2025-02-05"));
    assert_eq!(cell("reached_usulan"), Some(""));
    // New columns come last: the old ones keep their places.
    assert_eq!(header.get(12), Some(&"kode_wilayah"));
}

#[test]
fn a_history_step_after_the_build_date_is_an_error_at_its_line() {
    let p = Project::new();
    p.file(
        "content/laporan/sampah.md",
        &with_history(
            "history = [{ date = 2030-01-01, status = \"selesai\" }]",
            "selesai",
        ),
    );
    let run = p.run(&["check"]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains("content/laporan/sampah.md:23:"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unknown_status_in_the_history_is_an_error() {
    let p = Project::new();
    p.file(
        "content/laporan/sampah.md",
        &with_history(
            "history = [{ date = 2024-06-01, status = \"beres\" }]",
            "proses",
        ),
    );
    let run = p.run(&["check"]);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("beres"), "{}", run.stderr);
}
