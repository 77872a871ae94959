//! Every generated HTML page (and the theme's CSS) of the sample portal, built at the domain
//! root and under `/portal/`, passes the W3C Nu HTML Checker (`vnu.jar`) with zero errors.
//!
//! The jar comes from the npm package `vnu-jar` pinned in `e2e/package.json`
//! (`cd e2e && npm ci --ignore-scripts`), or from `VNU_JAR`. One JVM checks every file. Without
//! Java or the jar the test is skipped, unless `TILIK_REQUIRE_ALL_TESTS` is set.

use crate::common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Where vnu.jar is, if it is there.
fn vnu_jar() -> Option<PathBuf> {
    let jar = std::env::var_os("VNU_JAR")
        .map(PathBuf::from)
        .unwrap_or_else(|| common::repo_root().join("e2e/node_modules/vnu-jar/build/dist/vnu.jar"));
    jar.is_file().then_some(jar)
}

/// Runs vnu over `files` in one JVM; returns the error messages per file (`file:` URL path).
fn vnu_errors(jar: &Path, files: &[PathBuf]) -> BTreeMap<String, Vec<String>> {
    let out = Command::new("java")
        .arg("-jar")
        .arg(jar)
        .args([
            "--errors-only",
            "--also-check-css",
            "--format",
            "json",
            "--stdout",
        ])
        .args(files)
        .output()
        .expect("run java");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "vnu printed no JSON ({e}):\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let mut errors: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for m in report["messages"].as_array().expect("messages") {
        let file = m["url"].as_str().unwrap_or("?").trim_start_matches("file:");
        errors.entry(file.to_string()).or_default().push(format!(
            "{}:{}: {}: {} [{}]",
            m["lastLine"],
            m["firstColumn"],
            m["type"].as_str().unwrap_or("?"),
            m["message"].as_str().unwrap_or("?"),
            m["extract"].as_str().unwrap_or("").trim()
        ));
    }
    errors
}

#[test]
fn every_page_passes_the_nu_html_checker_at_the_root_and_under_a_subpath() {
    if !common::runs("java", &["-version"]) {
        return common::skip("java not found (apt-get install -y default-jre-headless)");
    }
    let Some(jar) = vnu_jar() else {
        return common::skip("vnu.jar not found: run `npm ci --ignore-scripts` in e2e/");
    };
    let root = common::build_sample(None, &[]);
    let sub = common::build_sample(Some("https://contoh.go.id/portal/"), &[]);
    let mut files = common::files_with(&root.out, &["html", "css"]);
    files.extend(common::files_with(&sub.out, &["html", "css"]));
    assert!(files.len() > 100, "the sample portal has many pages");

    // Proof that the checker sees errors: a small invalid page checked in the same run.
    let fixture = tempfile::tempdir().unwrap();
    let invalid = fixture.path().join("invalid.html");
    std::fs::write(
        &invalid,
        "<!doctype html><html lang=\"id\"><head><meta charset=\"utf-8\"></head>\
         <body><p id=\"a\">x</p><p id=\"a\"><div>y</div></p></body></html>",
    )
    .unwrap();
    files.push(invalid.clone());

    let mut errors = vnu_errors(&jar, &files);
    let caught = errors
        .remove(invalid.to_str().unwrap())
        .expect("the invalid fixture is reported");
    // No <title>, a duplicate id, a stray </p>.
    assert!(caught.len() >= 3, "{caught:#?}");
    assert!(errors.is_empty(), "Nu HTML Checker errors:\n{errors:#?}");
}
