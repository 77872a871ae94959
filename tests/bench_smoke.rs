//! The benchmark command runs on a small portal (figures are printed, never asserted).

#[test]
fn benchmark_command_runs_on_a_small_portal() {
    let setup = common_shared_setup();
    if !setup.exists() {
        if std::env::var_os("TILIK_REQUIRE_ALL_TESTS").is_some() {
            panic!("{} is missing", setup.display());
        }
        eprintln!("skipped: {} not found", setup.display());
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let out = std::process::Command::new("python3")
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
}

fn common_shared_setup() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/setup.sh")
}
