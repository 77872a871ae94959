//! The output folder under pressure (issue #15): builds at the same time, attachments with
//! the longest legal names, failed builds that must not leave the disk full.

use crate::common;

use std::process::{Command, Stdio};
use std::time::Duration;

use crate::common::{report, snapshot, Project};
use tilik::diagnostics::Lang;
use tilik::output::lock::{OutputLock, Wait};

fn project(reports: usize) -> Project {
    let p = Project::new();
    let body = "Paragraf temuan dengan **penekanan**.\n\n".repeat(30);
    for i in 0..reports {
        p.file(
            &format!("content/laporan/r{i}.md"),
            &(report(&format!("Laporan {i}")) + &body),
        );
    }
    p
}

fn spawn_build(p: &Project, extra: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_tilik"))
        .arg("build")
        .args(extra)
        .current_dir(p.path())
        .env("TILIK_BUILD_DATE", "2026-11-23")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn tilik")
}

#[cfg(unix)]
#[test]
fn a_second_build_waits_for_the_lock_or_with_no_wait_exits_2() {
    let p = project(3);
    p.run(&["build"]).expect_code(0);
    let before = snapshot(&p.path().join("public"));
    // This test holds the output's lock, as a build in progress does.
    let out = p.path().join("public");
    let lock = OutputLock::acquire(p.path(), "public", &out, Wait::NoWait, Lang::En).unwrap();
    let me = std::process::id();

    let run = p
        .run(&["build", "--no-wait", "--lang", "en"])
        .expect_code(2);
    assert!(
        run.stderr.contains(&format!(
            "another build (pid {me}) is writing this output folder"
        )),
        "{}",
        run.stderr
    );
    assert_eq!(snapshot(&out), before, "the output is untouched");

    let waiting = spawn_build(&p, &[]);
    std::thread::sleep(Duration::from_millis(1500));
    let mut waiting = waiting;
    assert!(
        waiting.try_wait().unwrap().is_none(),
        "the second build waits while the lock is held"
    );
    drop(lock);
    let done = waiting.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&done.stderr);
    assert_eq!(done.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains(&format!("menunggu build lain selesai (pid {me})")),
        "{stderr}"
    );
}

#[test]
fn two_builds_at_once_both_succeed_and_leave_one_complete_output() {
    let p = project(60);
    p.run(&["build"]).expect_code(0);
    for round in 0..6 {
        p.file(
            "content/laporan/baru.md",
            &report(&format!("Putaran {round}")),
        );
        let a = spawn_build(&p, &[]);
        let b = spawn_build(&p, &[]);
        for child in [a, b] {
            let out = child.wait_with_output().unwrap();
            assert_eq!(
                out.status.code(),
                Some(0),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let page = p.read("public/laporan/baru/index.html");
        assert!(page.contains(&format!("Putaran {round}")), "round {round}");
    }
    let leftovers: Vec<String> = std::fs::read_dir(p.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("tilik-") && n != ".public.tilik-spare")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn an_attachment_with_a_246_byte_name_builds_again_and_again() {
    let p = Project::new();
    p.file("content/laporan/a/index.md", &report("A"));
    let long = format!(
        "{}.txt",
        "lampiran-".repeat(27).chars().take(242).collect::<String>()
    );
    assert_eq!(long.len(), 246);
    p.file(
        &format!("content/laporan/a/{long}"),
        &"isi lampiran ".repeat(200),
    );
    for round in 0..4 {
        // A changed file, so that the spare tree's copy is replaced (written beside it).
        p.file(
            &format!("content/laporan/a/{long}"),
            &format!("isi lampiran {round} ").repeat(200),
        );
        // The last build also writes `.gz`/`.br` copies beside it (slow in debug builds).
        let args: &[&str] = if round == 3 {
            &["build", "--precompress"]
        } else {
            &["build"]
        };
        p.run(args).expect_code(0);
        assert!(
            p.read(&format!("public/laporan/a/{long}"))
                .starts_with(&format!("isi lampiran {round} ")),
            "round {round}"
        );
    }
}

#[test]
fn a_name_too_long_to_publish_is_a_content_error_at_its_path() {
    let p = Project::new();
    p.file("content/laporan/a/index.md", &report("A"));
    let long = format!("{}.pdf", "n".repeat(250));
    p.file(&format!("content/laporan/a/{long}"), "%PDF-1.4");
    let run = p.run(&["build", "--lang", "en"]).expect_code(1);
    assert!(
        run.stderr.contains(&format!(
            "content/laporan/a/{long}: error: this file's name is too long to be published (254 bytes; at most 251)"
        )),
        "{}",
        run.stderr
    );
}

/// A small tmpfs mounted on a temporary folder (root only), unmounted on drop.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount(size: &str) -> Option<SmallDisk> {
        let dir = tempfile::tempdir().ok()?;
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        mounted.then_some(SmallDisk { dir })
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

#[test]
fn a_build_that_fills_the_disk_removes_what_it_wrote_and_says_what_it_needs() {
    let Some(disk) = SmallDisk::mount("3m") else {
        return common::skip("mounting a small tmpfs (needs root) for the disk-full test");
    };
    let p = Project::new();
    p.file("content/laporan/a/index.md", &report("A"));
    p.file("content/laporan/a/kecil.txt", "lampiran kecil");
    let out = disk.dir.path().join("public");
    let out_arg = out.to_str().unwrap();
    p.run(&["build", "-o", out_arg]).expect_code(0);
    let before = snapshot(&out);
    let names = || -> Vec<String> {
        let mut n: Vec<String> = std::fs::read_dir(disk.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        n.sort();
        n
    };
    // An attachment bigger than the disk.
    let big: Vec<u8> = (0..4_000_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    p.bytes("content/laporan/a/besar.bin", &big);
    for _ in 0..2 {
        let run = p.run(&["build", "-o", out_arg, "--lang", "en"]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(
            run.stderr
                .contains("the disk is full: this build had written")
                && run.stderr.contains("needs at least 4."),
            "{}",
            run.stderr
        );
        assert_eq!(snapshot(&out), before, "the live output is intact");
        assert_eq!(names(), ["public"], "nothing of the failed build is left");
    }
    std::fs::remove_file(p.path().join("content/laporan/a/besar.bin")).unwrap();
    p.run(&["build", "-o", out_arg]).expect_code(0);
}
