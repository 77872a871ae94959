//! Every line `tilik` prints follows the portal's language: messages, hints, counts and
//! summaries, whether the run fails or not (src/messages/, docs/translating.md).

use crate::common;
use crate::common::Project;

/// Words of Indonesian messages that no English line may contain.
const INDONESIAN: &[&str] = &[
    "saran",
    "kesalahan",
    "peringatan",
    "berkas",
    "dalam",
    "tidak",
    "harus",
    "maksud",
    "tulis",
    "kunci",
    "bukan",
    "rekomendasi",
    "laporan",
    "terlambat",
    "tanpa",
    "ringkasan",
    "selesai:",
];

/// Words of English messages that no Indonesian line may contain (`error` and `warning`
/// after the position are the same in every language, for editors that read them).
const ENGLISH: &[&str] = &[
    "hint",
    "errors",
    "warnings",
    "file",
    "files",
    "unknown",
    "must",
    "mean",
    "write",
    "recommendation",
    "recommendations",
    "report",
    "reports",
    "overdue",
    "quiet",
    "without",
    "the",
    "done:",
];

/// A report in `content/NAME.md` whose recommendations have the given statuses, with an
/// English body and names so that only Tilik's own words can be in either language.
fn report(title: &str, statuses: &[&str], extra: &str) -> String {
    let recs: String = statuses
        .iter()
        .enumerate()
        .map(|(i, s)| {
            format!(
                "\n[[recommendations]]\nid = \"R{n}\"\ntext = \"Build a pilot.\"\nowner = \"Waste Division\"\ndue = 2026-09-30\nupdated = 2026-10-01\nindicator = \"one pilot\"\nstatus = \"{s}\"\n",
                n = i + 1
            )
        })
        .collect();
    format!(
        "+++\ntitle = \"{title}\"\ndate = 2026-05-20\nsummary = \"Summary.\"\n{extra}\n[visit]\nunit = \"Environment Agency\"\nstart = 2026-05-06\nend = 2026-05-08\ndestination = \"Kota Surabaya\"\nprovince = \"Jawa Timur\"\nhosts = [\"Surabaya\"]\ntopics = [\"waste\"]\nobjectives = [\"learn\"]\nteam = [\"Budi\"]\n{recs}+++\n\n## Findings\n\nText.\n"
    )
}

/// A portal in `lang` with errors of several kinds in `a.md`…`d.md`.
fn broken_portal(lang: &str) -> Project {
    let p = Project::new();
    p.file(
        "tilik.toml",
        &format!("{}language = \"{lang}\"\n", common::CONFIG),
    );
    // An unknown key (with a suggestion) and an unknown status (with a suggestion).
    p.file(
        "content/a.md",
        &report("A", &["sudah tuntas"], "titel = \"x\""),
    );
    // A date that is not a date, a budget with dots.
    p.file(
        "content/b.md",
        &report("B", &["proses"], "")
            .replace("start = 2026-05-06", "start = \"6 Mei 2026\"")
            .replace(
                "team = [\"Budi\"]",
                "team = [\"Budi\"]\nbudget = \"45.000.000\"",
            ),
    );
    // A broken link, and link syntax left as text.
    p.file(
        "content/c.md",
        &report("C", &["usulan"], "").replace(
            "Text.",
            "See [the plan](rencana.md) and ![Photo](Photo Desk.jpg).",
        ),
    );
    // A file without front matter, and a quality warning (no summary).
    p.file("content/d.md", "Just text.\n");
    p.file(
        "content/e.md",
        &report("E", &["proses"], "").replace("summary = \"Summary.\"\n", ""),
    );
    p
}

/// A portal in `lang` that builds, with warnings of several kinds and a follow-up summary.
fn warned_portal(lang: &str) -> Project {
    let p = Project::new();
    p.file(
        "tilik.toml",
        &format!("{}language = \"{lang}\"\n", common::CONFIG),
    );
    p.file(
        "content/a.md",
        &report("A", &["proses", "done"], "").replace("summary = \"Summary.\"\n", ""),
    );
    p.file(
        "content/b.md",
        &report("B", &["in-progress"], "")
            .replace("updated = 2026-10-01\n", "")
            .replace("indicator = \"one pilot\"\n", ""),
    );
    p
}

/// The words of `text` found in `words`, as whole words, case-insensitive; paths, positions
/// and the writer's own text (between backticks) are left out.
fn words_in(text: &str, words: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines() {
        let line = line.split(": error: ").last().unwrap_or(line);
        let line = line.split(": warning: ").last().unwrap_or(line);
        let own: String = line
            .split('`')
            .step_by(2)
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        // Paths (`@/laporan/2023/report.md`) are the portal's addresses, not words.
        let tokens: Vec<&str> = own
            .split_whitespace()
            .filter(|chunk| !chunk.contains('/'))
            .flat_map(|chunk| chunk.split(|c: char| !(c.is_alphanumeric() || c == ':' || c == '-')))
            .collect();
        for w in words {
            let hit = tokens
                .iter()
                .any(|t| t == w || (!w.ends_with(':') && t.trim_end_matches(':') == *w));
            if hit {
                found.push(format!("{w:?} in {line:?}"));
            }
        }
    }
    found
}

#[test]
fn english_check_output_has_no_indonesian_words() {
    let p = broken_portal("en");
    let run = p.run(&["check"]).expect_code(1);
    let out = format!("{}{}", run.stdout, run.stderr);
    // The run found what the fixture holds, so the check below looks at real messages.
    for expected in [
        "unknown key `titel`",
        "hint: did you mean `title`?",
        "did you mean `selesai`?",
        "not a valid date",
        "no such file",
        "error",
        "warning",
    ] {
        assert!(out.contains(expected), "{expected}\n{out}");
    }
    assert!(
        out.lines()
            .last()
            .unwrap_or_default()
            .ends_with(" errors, 1 warning, in 5 files."),
        "{out}"
    );
    let found = words_in(&out, INDONESIAN);
    assert!(found.is_empty(), "{found:#?}\n{out}");
}

#[test]
fn indonesian_check_output_has_no_english_words() {
    let p = broken_portal("id");
    let run = p.run(&["check"]).expect_code(1);
    let out = format!("{}{}", run.stdout, run.stderr);
    for expected in [
        "kunci `titel` tidak dikenal",
        "saran: maksud Anda `title`?",
        "1 peringatan, dalam 5 berkas.",
    ] {
        assert!(out.contains(expected), "{expected}\n{out}");
    }
    let found = words_in(&out, ENGLISH);
    assert!(found.is_empty(), "{found:#?}\n{out}");
}

#[test]
fn english_summaries_count_in_english() {
    let p = warned_portal("en");
    let run = p.run(&["check"]).expect_code(0);
    let out = format!("{}{}", run.stdout, run.stderr);
    for expected in [
        "OK: 2 reports, 0 visit plans and 0 other pages, no errors.",
        "2 reports, 3 recommendations: 0 proposed, 2 in progress, 1 done",
        "0 errors, 3 warnings, in 2 files.",
    ] {
        assert!(out.contains(expected), "{expected}\n{out}");
    }
    let found = words_in(&out, INDONESIAN);
    assert!(found.is_empty(), "{found:#?}\n{out}");

    let out_dir = p.path().join("out");
    let run = p
        .run(&["build", "-o", out_dir.to_str().unwrap()])
        .expect_code(0);
    assert!(run.stdout.contains("Done: 2 reports, "), "{}", run.stdout);
    let found = words_in(&format!("{}{}", run.stdout, run.stderr), INDONESIAN);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn one_of_a_kind_is_singular_in_english() {
    let p = warned_portal("en");
    p.file("content/b.md", &report("B", &["proses"], ""));
    let run = p.run(&["check", "content/b.md"]).expect_code(0);
    assert!(
        run.stdout
            .contains("OK: the 1 file checked has no errors.\n0 errors, 0 warnings, in 0 files."),
        "{}",
        run.stdout
    );
    std::fs::remove_file(p.path().join("content/a.md")).unwrap();
    let run = p.run(&["check"]).expect_code(0);
    assert!(
        run.stdout
            .contains("OK: 1 report, 0 visit plans and 0 other pages, no errors."),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("1 report, 1 recommendation: "),
        "{}",
        run.stdout
    );
}

#[test]
fn indonesian_summaries_stay_indonesian() {
    let p = warned_portal("id");
    let run = p.run(&["check"]).expect_code(0);
    let out = format!("{}{}", run.stdout, run.stderr);
    for expected in [
        "OK: 2 laporan, 0 rencana kunjungan dan 0 halaman lain tanpa kesalahan.",
        "0 kesalahan, 3 peringatan, dalam 2 berkas.",
    ] {
        assert!(out.contains(expected), "{expected}\n{out}");
    }
    let found = words_in(&out, ENGLISH);
    assert!(found.is_empty(), "{found:#?}\n{out}");
}

#[test]
fn a_broken_configuration_speaks_the_portal_language() {
    let p = Project::new();
    p.file(
        "tilik.toml",
        &format!("{}language = \"en\"\npaginate = 0\n", common::CONFIG),
    );
    let run = p.run(&["check"]).expect_code(2);
    assert!(
        run.stderr.contains("paginate must be more than 0"),
        "{}",
        run.stderr
    );
    let run = p.run(&["check", "--lang", "id"]).expect_code(2);
    assert!(
        run.stderr.contains("paginate harus lebih dari 0"),
        "{}",
        run.stderr
    );
}

#[test]
fn english_status_names_are_accepted() {
    let p = Project::new();
    p.file(
        "content/a.md",
        &report(
            "A",
            &["proposed", "in-progress", "done", "evaluated", "dropped"],
            "",
        ),
    );
    let run = p.run(&["check"]).expect_code(0);
    assert!(
        run.stdout
            .contains("5 rekomendasi: 1 usulan, 1 proses, 1 selesai, 1 dievaluasi, 1 dibatalkan"),
        "{}",
        run.stdout
    );
}
