//! The benchmark command runs on a small portal (figures are printed, never asserted), and the
//! corpus generator it uses stands alone in `benches/`.

use crate::common;

use std::process::Command;

/// `python3`, or a skip (a failure under `TILIK_REQUIRE_ALL_TESTS`) when it is missing.
fn python3() -> Option<Command> {
    if common::runs("python3", &["--version"]) {
        Some(Command::new("python3"))
    } else {
        common::skip("python3 not found");
        None
    }
}

#[test]
fn benchmark_command_runs_on_a_small_portal() {
    let Some(mut python) = python3() else { return };
    let work = tempfile::tempdir().unwrap();
    let out = python
        .args([
            "benches/portal.py",
            "--sizes",
            "30",
            "--runs",
            "1",
            "--no-hugo",
            "--no-serve",
            "--no-build",
        ])
        .arg("--work")
        .arg(work.path())
        .arg("--tilik")
        .arg(env!("CARGO_BIN_EXE_tilik"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("python3");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("== 30 reports"), "{stdout}");
    assert!(stdout.contains("tilik  build"), "{stdout}");
    assert!(
        stdout.contains("first  build into an empty folder: tilik"),
        "{stdout}"
    );
    // The stage timings of one more build, with the related-reports step among them.
    assert!(stdout.contains("stages (TILIK_TIMINGS=1"), "{stdout}");
    assert!(stdout.contains("ms  related reports (peak"), "{stdout}");
    // The portal was generated in the work folder, by the generator of this repository.
    let reports = common::files_with(&work.path().join("30/tilik/content/laporan"), &["md"])
        .into_iter()
        .filter(|p| !p.ends_with("_index.md"))
        .count();
    assert_eq!(reports, 30);
    assert!(work.path().join("30/hugo/layouts").is_dir());
}

/// The generated reports have the shape of real ones (a body of 600 to 1,200 words with the
/// usual sections, a table, lists and recommendations with statuses), the same seed gives the
/// same files, and the Tilik project checks without errors.
#[test]
fn generated_corpus_is_deterministic_realistic_and_valid() {
    let Some(_) = python3() else { return };
    let work = tempfile::tempdir().unwrap();
    let generate = |dir: &str, flavor: &str| {
        let out = Command::new("python3")
            .arg("benches/gen_corpus.py")
            .args(["--n", "12", "--seed", "3", "--flavor", flavor, "--out"])
            .arg(work.path().join(dir))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("python3");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    generate("a", "tilik");
    generate("b", "tilik");
    generate("h", "hugo");
    let files = |dir: &str| -> Vec<(String, Vec<u8>)> {
        common::snapshot(&work.path().join(dir))
            .into_iter()
            .map(|(p, bytes)| (p.display().to_string(), bytes))
            .collect()
    };
    let a = files("a");
    assert_eq!(a, files("b"), "same seed, different files");
    let reports: Vec<String> = a
        .iter()
        .filter(|(p, _)| p.ends_with(".md") && !p.ends_with("_index.md"))
        .map(|(_, text)| String::from_utf8(text.clone()).unwrap())
        .collect();
    assert_eq!(reports.len(), 12);
    for report in &reports {
        let body = report.splitn(3, "+++").nth(2).unwrap();
        let words = body
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .count();
        assert!((600..=1300).contains(&words), "{words} words:\n{body}");
        for part in [
            "## Latar Belakang",
            "## Tujuan",
            "## Temuan",
            "### Temuan 1",
            "|---|",
            "\n1. ",
            "\n- ",
        ] {
            assert!(body.contains(part), "no {part:?} in:\n{body}");
        }
        assert!(report.contains("[[recommendations]]"));
        assert!(report.contains("status = \""));
        assert!(report.contains("topics = ["));
    }
    // The Hugo site has the same reports, with its own templates beside them.
    let hugo = files("h");
    let hugo_reports = hugo
        .iter()
        .filter(|(p, _)| p.starts_with("content/laporan/") && !p.ends_with("_index.md"))
        .count();
    assert_eq!(hugo_reports, 12);
    assert!(hugo
        .iter()
        .any(|(p, _)| p == "layouts/_default/single.html"));

    let check = Command::new(env!("CARGO_BIN_EXE_tilik"))
        .args(["check", "--root"])
        .arg(work.path().join("a"))
        .env("TILIK_BUILD_DATE", "2026-12-01")
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}
