//! Visit plans (issue 18): plans are published apart from reports, reviewed against earlier
//! reports ("Kajian awal"), checked for repeated visits and for visits without a report, and
//! every report links its related reports ("Laporan terkait").

use crate::common::{report, Project};

/// A plan of the Sleman environment office to Surabaya (the unit and place of `report()`).
fn plan(title: &str, stage_key: &str, start: &str, end: &str, extra: &str) -> String {
    format!(
        r#"+++
title = "{title}"
date = 2026-01-10
summary = "Rencana {title}."
{stage_key} = "rencana"

[visit]
unit = "Dinas Lingkungan Hidup Kabupaten Sleman"
start = {start}
end = {end}
destination = "Kota Surabaya"
topics = ["pengelolaan sampah"]
objectives = ["Mempelajari TPS3R dan bank sampah"]
budget = 51000000
{extra}
+++

## Latar Belakang

Isi rencana.
"#
    )
}

/// A report on another unit, place and topic: related to nothing.
fn unrelated(title: &str) -> String {
    report(title)
        .replace(
            "Dinas Lingkungan Hidup Kabupaten Sleman",
            "Dinas Pariwisata Kabupaten Toba",
        )
        .replace("Kota Surabaya", "Kabupaten Badung")
        .replace("pengelolaan sampah", "pariwisata")
        .replace("DLH Kota Surabaya", "Dinas Pariwisata Badung")
        .replace("Membangun TPS3R percontohan.", "Melatih pemandu wisata.")
}

fn portal() -> Project {
    let p = Project::new();
    p.file("content/laporan/2024/sampah.md", &report("Studi TPS3R"));
    p.file("content/laporan/2024/wisata.md", &unrelated("Studi Wisata"));
    p.file(
        "content/laporan/2027/rencana-sampah.md",
        &plan(
            "Rencana Sampah Lagi",
            "stage",
            "2025-09-01",
            "2025-09-03",
            "questions = [\"Berapa biaya operasional TPS3R?\"]",
        ),
    );
    p.file(
        "content/laporan/2027/rencana-baru.md",
        &plan(
            "Rencana Kunjungan Mendatang",
            "tahap",
            "2027-03-01",
            "2027-03-02",
            "pertanyaan = [\"Bagaimana bank sampah didampingi?\"]",
        ),
    );
    p
}

#[test]
fn plans_are_published_apart_and_not_counted_as_reports() {
    let p = portal();
    let run = p.run(&["build"]).expect_code(0);
    assert!(run.stdout.contains("2 laporan"), "{}", run.stdout);
    let plan = p.read("public/rencana/rencana-baru/index.html");
    assert!(plan.contains("Rencana Kunjungan Mendatang"));
    assert!(
        plan.contains("Bagaimana bank sampah didampingi?"),
        "questions"
    );
    assert!(plan.contains("Rp 51.000.000"), "budget is public in a plan");
    assert!(!p.path().join("public/laporan/rencana-baru").exists());
    let list = p.read("public/rencana/index.html");
    let upcoming = list.find("Rencana Kunjungan Mendatang").unwrap();
    let past = list.find("Rencana Sampah Lagi").unwrap();
    assert!(upcoming < past, "upcoming plans first");
    // Plans are not reports: not in the report list, feeds, search, taxonomy counts or data.
    let reports = p.read("public/laporan/index.html");
    assert!(!reports.contains("Rencana Kunjungan Mendatang"));
    assert!(!p.read("public/feed.xml").contains("Rencana"));
    assert!(!p.read("public/data/laporan.json").contains("Rencana"));
    let csv = p.read("public/data/rencana.csv");
    assert!(csv.starts_with("plan_url,"), "{csv}");
    assert_eq!(csv.lines().count(), 3, "{csv}");
    // The sitemap lists the plan pages.
    assert!(p
        .read("public/sitemap.xml")
        .contains("/rencana/rencana-baru/"));
}

#[test]
fn plan_page_reviews_earlier_reports_and_report_pages_link_related_ones() {
    let p = portal();
    p.run(&["build"]).expect_code(0);
    let plan = p.read("public/rencana/rencana-baru/index.html");
    let review = &plan[plan.find("id=\"kajian-awal\"").expect("review section")..];
    assert!(
        review.contains("Studi TPS3R"),
        "the earlier report to Surabaya"
    );
    assert!(
        !review.contains("Studi Wisata"),
        "an unrelated report is left out"
    );
    assert!(review.contains("tujuan sama") && review.contains("topik sama"));
    assert!(
        review.contains("Membangun TPS3R percontohan."),
        "what it recommended"
    );
    assert!(review.contains("Terlambat"), "how far that went (overdue)");
    let report = p.read("public/laporan/sampah/index.html");
    let related = &report[report
        .find("id=\"laporan-terkait\"")
        .expect("related section")..];
    let related = &related[..related.find("</section>").unwrap()];
    // The only other report is unrelated; plans are never related reports.
    assert!(!related.contains("Studi Wisata") && !related.contains("Rencana"));
    assert!(related.contains("Belum ada laporan terkait."));
}

#[test]
fn check_reviews_plans_and_warns_about_repeats_and_missing_reports() {
    let p = portal();
    let run = p.run(&["check", "--lang", "en"]).expect_code(0);
    assert!(
        run.stdout.contains("Prior-visit review of the visit plans"),
        "{}",
        run.stdout
    );
    assert!(run
        .stdout
        .contains("- Studi TPS3R (2024) [same destination, same topic"));
    // The 2025 plan repeats the unit's 2024 visit: warned at its `destination` line (11).
    assert!(
        run.stderr.contains(
            "content/laporan/2027/rencana-sampah.md:11:1: warning: Dinas Lingkungan Hidup Kabupaten Sleman already visited Kota Surabaya on the same topic on 2024-05-06"
        ),
        "{}",
        run.stderr
    );
    // Its visit ended 2025-09-03: on 2026-11-23 that is 446 days, 356 past the 90 allowed.
    assert!(
        run.stderr.contains(
            "rencana-sampah.md:10:1: warning: the visit ended on 2025-09-03, but its report is 356 days past due"
        ),
        "{}",
        run.stderr
    );
    // The upcoming plan is neither a repeat (more than two years later) nor overdue.
    assert!(!run.stderr.contains("rencana-baru.md:"), "{}", run.stderr);
}

#[test]
fn visits_without_report_show_on_tracker_home_and_plan_page() {
    let p = portal();
    p.file(
        "tilik.toml",
        "title = \"Portal Uji\"\nbase_url = \"https://uji.example.go.id/\"\n[publish]\nreport_due_days = 400\n",
    );
    p.run(&["build"]).expect_code(0);
    // 446 days after the visit, 400 allowed: 46 days past due.
    let tracker = p.read("public/rekomendasi/index.html");
    let section = &tracker[tracker.find("id=\"tanpa-laporan\"").expect("section")..];
    assert!(section.contains("Dinas Lingkungan Hidup Kabupaten Sleman"));
    assert!(section.contains("Rencana Sampah Lagi") && section.contains(">46<"));
    assert!(!section[..section.find("</section>").unwrap()].contains("Mendatang"));
    let home = p.read("public/index.html");
    let count = &home[home.find("tanpa-laporan-jumlah").expect("home count")..];
    assert!(count[..count.find("</div>").unwrap()].contains("<dd>1</dd>"));
    let page = p.read("public/rencana/rencana-sampah/index.html");
    assert!(page.contains("Belum ada laporan: 46 hari lewat tenggat"));
    assert!(p.read("public/data/rencana.csv").contains(",false,46\r\n"));
}

#[test]
fn plans_can_be_kept_out_of_the_output_but_are_still_checked() {
    let p = portal();
    p.file(
        "tilik.toml",
        "title = \"Portal Uji\"\nbase_url = \"https://uji.example.go.id/\"\n[publish]\nplans = false\n",
    );
    p.run(&["build"]).expect_code(0);
    assert!(!p.path().join("public/rencana").exists());
    assert!(!p.path().join("public/data/rencana.csv").exists());
    assert!(!p
        .read("public/rekomendasi/index.html")
        .contains("tanpa-laporan"));
    assert!(!p.read("public/sitemap.xml").contains("rencana"));
    let run = p.run(&["check"]).expect_code(0);
    assert!(run.stdout.contains("Kajian awal rencana kunjungan"));
    assert!(run.stderr.contains("rencana-sampah.md:10:1: warning"));
    // `--drafts` shows them, as it shows drafts.
    p.run(&["build", "--drafts"]).expect_code(0);
    assert!(p
        .path()
        .join("public/rencana/rencana-baru/index.html")
        .exists());
}

#[test]
fn a_plan_needs_objectives_and_a_visit() {
    let p = Project::new();
    p.file(
        "content/laporan/a.md",
        &plan("A", "stage", "2027-01-01", "2027-01-02", "")
            .replace("objectives = [\"Mempelajari TPS3R dan bank sampah\"]\n", ""),
    );
    p.file(
        "content/laporan/b.md",
        "+++\ntitle = \"B\"\ndate = 2026-01-01\nstage = \"rencana\"\n+++\n",
    );
    p.file(
        "content/laporan/c.md",
        &plan("C", "stage", "2027-01-01", "2027-01-02", "").replace("\"rencana\"", "\"plan\""),
    );
    let run = p.run(&["check", "--lang", "en"]).expect_code(1);
    assert!(
        run.stderr
            .contains("a.md:7:1: error: a visit plan must have `objectives`"),
        "{}",
        run.stderr
    );
    assert!(run
        .stderr
        .contains("b.md:4:1: error: a visit plan needs a `visit` table"));
    assert!(run
        .stderr
        .contains("c.md:5:9: error: `stage`: unknown value `plan`; allowed: rencana, laporan"));
    assert!(run.stderr.contains("did you mean `rencana`?"));
}

#[test]
fn a_plan_turned_into_a_report_is_a_report() {
    let p = portal();
    let text = plan(
        "Rencana Kunjungan Mendatang",
        "tahap",
        "2025-03-01",
        "2025-03-02",
        "",
    )
    .replace("tahap = \"rencana\"", "tahap = \"laporan\"");
    p.file("content/laporan/2027/rencana-baru.md", &text);
    let run = p.run(&["build"]).expect_code(0);
    assert!(run.stdout.contains("3 laporan"), "{}", run.stdout);
    let page = p.read("public/laporan/rencana-baru/index.html");
    // Published 314 days after the visit ended (2025-03-02 → 2026-01-10).
    assert!(
        page.contains("terbit 314 hari setelah kunjungan"),
        "report delay"
    );
    let related = &page[page.find("id=\"laporan-terkait\"").unwrap()..];
    assert!(related.contains("Studi TPS3R"));
}

#[test]
fn new_rencana_scaffolds_a_plan_that_checks_with_only_template_warnings() {
    let p = Project::new();
    p.file("content/laporan/2024/sampah.md", &report("Studi TPS3R"));
    let run = p
        .run(&[
            "new",
            "rencana",
            "Kunjungan Bank Sampah",
            "--unit",
            "Dinas Lingkungan Hidup Kabupaten Sleman",
            "--destination",
            "Kota Surabaya",
            "--topic",
            "pengelolaan sampah",
            "--start",
            "2027-02-01",
        ])
        .expect_code(0);
    assert!(run
        .stdout
        .contains("content/laporan/2027/kunjungan-bank-sampah.md"));
    let text = p.read("content/laporan/2027/kunjungan-bank-sampah.md");
    assert!(text.contains("stage = \"rencana\"") && text.contains("questions = "));
    let run = p.run(&["check", "--drafts"]).expect_code(0);
    assert!(
        run.stderr
            .contains("kunjungan-bank-sampah.md:1:1: warning: masih ada teks templat"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout
            .contains("- Studi TPS3R (2024) [tujuan sama, topik sama"),
        "{}",
        run.stdout
    );
}
