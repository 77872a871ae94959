//! Small command-line edges (issue #14, item 5): a closed pipe on stdout ends `tilik`
//! quietly, and an invalid `TILIK_BUILD_DATE` is refused with a message.

use std::process::{Command, Stdio};

use crate::common::{report, Project};

/// A project whose check prints a summary and many warnings.
fn project_with_warnings() -> Project {
    let p = Project::new();
    for i in 0..40 {
        p.file(
            &format!("content/laporan/r{i}.md"),
            &report(&format!("Laporan {i}")),
        );
    }
    p
}

#[test]
fn a_closed_pipe_on_stdout_ends_quietly() {
    let p = project_with_warnings();
    for args in [&["check"][..], &["build"], &["check", "--lang", "en"]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tilik"))
            .args(args)
            .current_dir(p.path())
            .env("TILIK_BUILD_DATE", "2026-11-23")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run tilik");
        // As `tilik check | head -0` would: the reader is gone before anything is written.
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("wait for tilik");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(!stderr.contains("Broken pipe"), "{args:?}: {stderr}");
        #[cfg(unix)]
        {
            use std::os::unix::process::ExitStatusExt;
            assert_eq!(
                out.status.signal(),
                Some(libc_sigpipe()),
                "{args:?}: ended by SIGPIPE, as `cat` or `grep` would; {:?}\n{stderr}",
                out.status
            );
        }
    }
}

/// SIGPIPE's number (13 on Linux and the BSDs).
#[cfg(unix)]
fn libc_sigpipe() -> i32 {
    13
}

#[test]
fn an_invalid_build_date_is_refused_with_its_value() {
    let p = Project::new();
    p.file("content/laporan/a.md", &report("A"));
    for (value, lang, expected) in [
        (
            "2024-13-01",
            "en",
            "error: TILIK_BUILD_DATE = \"2024-13-01\" is not a valid date",
        ),
        (
            "31/12/2024",
            "id",
            "error: TILIK_BUILD_DATE = \"31/12/2024\" bukan tanggal yang sah",
        ),
    ] {
        for command in ["check", "build"] {
            let out = Command::new(env!("CARGO_BIN_EXE_tilik"))
                .args([command, "--lang", lang])
                .current_dir(p.path())
                .env("TILIK_BUILD_DATE", value)
                .output()
                .expect("run tilik");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{command} {value}: {stderr}");
            assert!(stderr.contains(expected), "{stderr}");
            assert!(stderr.contains("YYYY-MM-DD"), "{stderr}");
        }
    }
    assert!(!p.path().join("public").exists());
    // A valid date, and an empty variable (today), still build.
    for value in ["2024-12-31", ""] {
        let out = Command::new(env!("CARGO_BIN_EXE_tilik"))
            .arg("build")
            .current_dir(p.path())
            .env("TILIK_BUILD_DATE", value)
            .output()
            .expect("run tilik");
        assert_eq!(out.status.code(), Some(0), "{value:?}");
    }
}
