//! The GitHub Pages and GitLab Pages examples in `tests/hosting/` cannot run here: they are
//! linted instead (`tests/hosting/check_workflows.py`: YAML, the shape each host expects, a
//! `tilik build` with the host's base URL, the output published), and the lint is shown to catch
//! broken ones. The object-storage script must at least parse (`bash -n`); `hosting_s3.rs` runs
//! it for real.
//!
//! Without `python3` and PyYAML the lint is skipped, unless `TILIK_REQUIRE_ALL_TESTS` is set.

use crate::common;

use std::path::Path;
use std::process::Command;

/// Runs the lint: None when PyYAML is missing, else (exit code, printed problems).
fn lint(github: &Path, gitlab: &Path) -> Option<(i32, String)> {
    let script = common::repo_root().join("tests/hosting/check_workflows.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(github)
        .arg(gitlab)
        .output()
        .ok()?;
    let code = out.status.code().unwrap_or(-1);
    (code != 2).then(|| (code, String::from_utf8_lossy(&out.stdout).into_owned()))
}

#[test]
fn the_pages_workflows_are_valid_and_build_with_the_hosts_base_url() {
    let hosting = common::repo_root().join("tests/hosting");
    let (github, gitlab) = (
        hosting.join("github-pages.yml"),
        hosting.join("gitlab-pages.yml"),
    );
    let Some((code, problems)) = lint(&github, &gitlab) else {
        return common::skip("python3 with PyYAML (pip install pyyaml)");
    };
    assert_eq!(code, 0, "{problems}");

    // Broken on purpose: a YAML syntax error, and a GitLab job that publishes the wrong folder.
    let dir = tempfile::tempdir().unwrap();
    let bad_yaml = dir.path().join("gh.yml");
    std::fs::write(&bad_yaml, "on: [push\njobs: {}\n").unwrap();
    let wrong_folder = dir.path().join("gl.yml");
    let text = std::fs::read_to_string(&gitlab).unwrap();
    std::fs::write(
        &wrong_folder,
        text.replace("      - public\n", "      - situs\n"),
    )
    .unwrap();
    let (code, problems) = lint(&bad_yaml, &wrong_folder).unwrap();
    assert_eq!(code, 1);
    assert!(problems.contains("gh.yml: while parsing"), "{problems}");
    assert!(problems.contains("does not keep public/"), "{problems}");
}

#[test]
fn the_object_storage_script_parses() {
    let script = common::repo_root().join("tests/hosting/publish-s3.sh");
    let status = Command::new("bash")
        .arg("-n")
        .arg(&script)
        .status()
        .unwrap();
    assert!(status.success());
    // Without a built portal it stops before calling aws, with a usage error.
    let out = Command::new("bash")
        .arg(&script)
        .args(["/nonexistent", "s3://bucket/p"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
