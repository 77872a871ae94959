//! Runs the browser tests in `e2e/` (Node's test runner driving Debian's headless Chromium
//! through playwright-core), so that `cargo test` is the whole test suite.
//!
//! Without Chromium or Node the tests are skipped with a message, unless
//! `TILIK_REQUIRE_ALL_TESTS` is set (CI sets it), in which case that is a failure.

use std::path::Path;
use std::process::Command;

use crate::common;

/// The browser tests cannot run here: a skip, or a failure under `TILIK_REQUIRE_ALL_TESTS`.
fn missing(what: &str) {
    common::skip(&format!("browser tests: {what}"));
}

#[test]
fn browser_tests() {
    let e2e = Path::new(env!("CARGO_MANIFEST_DIR")).join("e2e");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).exists() {
        return missing(&format!(
            "{chromium} not found (apt-get install -y chromium)"
        ));
    }
    if Command::new("node").arg("--version").output().is_err() {
        return missing("node not found");
    }
    // `--ignore-scripts`: vnu-jar's install script would download a Java runtime; the
    // machine's Java is used instead.
    let installed = ["playwright-core", "axe-core", "vnu-jar"]
        .iter()
        .all(|p| e2e.join("node_modules").join(p).exists());
    if !installed {
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--ignore-scripts"])
            .current_dir(&e2e)
            .status();
        if !status.is_ok_and(|s| s.success()) {
            return missing("`npm ci` in e2e/ failed");
        }
    }
    let out = Command::new("node")
        .args(["--test", "--test-concurrency=1"])
        .current_dir(&e2e)
        .env("TILIK_BIN", env!("CARGO_BIN_EXE_tilik"))
        .output()
        .expect("run node --test");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    assert!(
        out.status.success(),
        "browser tests failed:\n{stdout}\n{stderr}"
    );
}
