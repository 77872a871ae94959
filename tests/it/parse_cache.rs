//! The parse cache of `tilik serve` (`tilik::content::cache`): a load that takes unchanged
//! files from the cache must give exactly what a fresh load gives, whatever changed since the
//! last one (an edit, a new, deleted or renamed file, a broken file and its fix, a link target
//! that moved or became a draft, a damaged bundle image and its fix, the configuration). Each step compares the whole rendered
//! site (or the diagnostics of a failed load) of a cached load with a fresh one.

use crate::common::{self, Report};

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use tilik::content::cache::ParseCache;
use tilik::diagnostics::Diagnostic;
use tilik::output::OutputFile;
use tilik::{Failure, Options};

/// What a load gives, in a form two loads can be compared by.
#[derive(Debug, PartialEq, Eq)]
enum Result {
    /// The warnings and every output file.
    Built(Vec<Diagnostic>, Vec<OutputFile>),
    /// The exit status and the diagnostics.
    Failed(i32, Vec<Diagnostic>),
}

fn options(root: &Path) -> Options {
    Options {
        root: root.to_path_buf(),
        // As `tilik serve` does: the preview's address.
        base_url: Some("http://127.0.0.1:8000/".into()),
        build_date: NaiveDate::from_ymd_opt(2026, 11, 23),
        ..Options::default()
    }
}

fn result(loaded: std::result::Result<tilik::Loaded, Failure>, root: &Path) -> Result {
    let loaded = match loaded {
        Ok(loaded) => loaded,
        Err(failure) => return Result::Failed(failure.exit_code(), failure.diagnostics().to_vec()),
    };
    match tilik::render_site(&loaded, root) {
        Ok(files) => Result::Built(loaded.warnings, files),
        Err(failure) => Result::Failed(failure.exit_code(), failure.diagnostics().to_vec()),
    }
}

/// Loads with `cache`, then afresh, and checks that both give the same site; returns it.
fn same_as_fresh(cache: &mut ParseCache, root: &Path) -> Result {
    let opts = options(root);
    let cached = result(tilik::load_with_cache(&opts, cache), root);
    let fresh = result(tilik::load(&opts), root);
    assert_eq!(cached, fresh, "a cached load differs from a fresh one");
    cached
}

fn built(result: &Result) -> &[OutputFile] {
    match result {
        Result::Built(_, files) => files,
        Result::Failed(_, diags) => panic!("the load failed: {diags:#?}"),
    }
}

fn page<'a>(result: &'a Result, path: &str) -> &'a str {
    let file = built(result)
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no {path}"));
    match &file.content {
        tilik::output::Content::Bytes(b) => std::str::from_utf8(b).unwrap(),
        other => panic!("{path}: {other:?}"),
    }
}

/// A report of the given date, extra front-matter lines and `## Temuan` section.
fn report(title: &str, date: &str, extra: &str, body: &str) -> String {
    Report::new(title)
        .date(date)
        .front(extra)
        .body(&format!("## Temuan\n\n{body}\n"))
        .text()
}

/// A small portal whose pages link to each other.
fn project() -> common::Project {
    let p = common::Project::new();
    p.file(
        "content/laporan/alpha.md",
        &report(
            "Laporan Alpha",
            "2024-05-01",
            "",
            "Lihat [Beta](beta.md) dan [Gamma](@/laporan/gamma/index.md#temuan).",
        ),
    );
    p.file(
        "content/laporan/beta.md",
        &report("Laporan Beta", "2024-05-02", "", "Isi BETA-SATU."),
    );
    p.file(
        "content/laporan/gamma/index.md",
        &report(
            "Laporan Gamma",
            "2024-05-03",
            "",
            "![Foto](foto.jpg)\n\nKembali ke [Alpha](../alpha.md).",
        ),
    );
    p.bytes("content/laporan/gamma/foto.jpg", common::JPEG);
    p.file(
        "content/halaman/tentang.md",
        "+++\ntitle = \"Tentang\"\ndate = 2024-01-01\n+++\n\nLaporan [Alpha](@/laporan/alpha.md).\n",
    );
    p
}

fn sources(root: &Path) -> Vec<PathBuf> {
    common::files_with(&root.join("content"), &["md"])
}

#[test]
fn edits_additions_deletions_and_renames_load_as_a_fresh_load_does() {
    let p = project();
    let root = p.path();
    let mut cache = ParseCache::new();
    let first = same_as_fresh(&mut cache, root);
    assert!(page(&first, "laporan/alpha/index.html").contains("laporan/beta/"));
    let all = sources(root).len();
    assert_eq!(cache.stats().parsed, all);
    assert_eq!(cache.len(), all);

    // Loading again reads nothing.
    same_as_fresh(&mut cache, root);
    assert_eq!(cache.stats().parsed, 0);
    assert_eq!(cache.stats().reused, all);
    assert_eq!(cache.stats().rendered, 0);

    // An edit of one body: that file alone is read and rendered again.
    p.edit("content/laporan/beta.md", "BETA-SATU", "BETA-DUA");
    let edited = same_as_fresh(&mut cache, root);
    assert!(page(&edited, "laporan/beta/index.html").contains("BETA-DUA"));
    assert_eq!(cache.stats().parsed, 1);
    assert_eq!(cache.stats().rendered, 1);

    // A title and a date: lists and order change, bodies do not.
    p.edit("content/laporan/alpha.md", "2024-05-01", "2024-06-01");
    p.edit("content/laporan/alpha.md", "Laporan Alpha", "Laporan Alfa");
    let retitled = same_as_fresh(&mut cache, root);
    assert!(page(&retitled, "index.html").contains("Laporan Alfa"));

    // A new slug moves a page: the pages linking to it are rendered again.
    p.edit(
        "content/laporan/beta.md",
        "summary",
        "slug = \"beta-baru\"\nsummary",
    );
    let moved = same_as_fresh(&mut cache, root);
    assert!(page(&moved, "laporan/alpha/index.html").contains("laporan/beta-baru/"));
    assert_eq!(cache.stats().parsed, 1);
    assert!(cache.stats().rendered >= 2, "{:?}", cache.stats());

    // A new page, then a new link to it.
    p.file(
        "content/laporan/delta.md",
        &report("Laporan Delta", "2024-05-04", "", "Isi DELTA."),
    );
    same_as_fresh(&mut cache, root);
    assert_eq!(cache.len(), all + 1);
    p.edit(
        "content/halaman/tentang.md",
        "Laporan [Alpha]",
        "[Delta](../laporan/delta.md) dan [Alpha]",
    );
    let linked = same_as_fresh(&mut cache, root);
    assert!(page(&linked, "halaman/tentang/index.html").contains("laporan/delta/"));

    // A renamed file: its old entry is forgotten; the link to the old name breaks.
    std::fs::rename(
        root.join("content/laporan/delta.md"),
        root.join("content/laporan/epsilon.md"),
    )
    .unwrap();
    let renamed = same_as_fresh(&mut cache, root);
    assert!(matches!(renamed, Result::Failed(1, _)), "{renamed:?}");
    assert_eq!(cache.len(), all + 1);
    p.edit(
        "content/halaman/tentang.md",
        "../laporan/delta.md",
        "../laporan/epsilon.md",
    );
    same_as_fresh(&mut cache, root);

    // A deleted page that others link to: their links break; then the links are fixed.
    std::fs::remove_file(root.join("content/laporan/beta.md")).unwrap();
    let deleted = same_as_fresh(&mut cache, root);
    let Result::Failed(1, diags) = &deleted else {
        panic!("{deleted:?}")
    };
    assert!(
        diags.iter().any(|d| d.path.ends_with("alpha.md")),
        "{diags:#?}"
    );
    assert_eq!(cache.len(), all);
    p.edit("content/laporan/alpha.md", "[Beta](beta.md)", "Beta");
    let fixed = same_as_fresh(&mut cache, root);
    assert!(!built(&fixed)
        .iter()
        .any(|f| f.path.starts_with("laporan/beta")));
}

#[test]
fn edits_the_watcher_reported_load_without_a_walk_and_the_next_load_walks_again() {
    let p = project();
    let root = p.path();
    let mut cache = ParseCache::new();
    same_as_fresh(&mut cache, root);
    let all = sources(root).len();
    let alpha = root.join("content/laporan/alpha.md");
    let beta = root.join("content/laporan/beta.md");

    // A file the last walk did not find: nothing is trusted, the next load walks.
    p.file(
        "content/laporan/delta.md",
        &report("Laporan Delta", "2024-05-04", "", "Isi DELTA."),
    );
    assert!(!cache.trust_edits(&[root.join("content/laporan/delta.md")]));
    assert!(!cache.trust_edits(&[]));
    let added = same_as_fresh(&mut cache, root);
    assert!(page(&added, "laporan/delta/index.html").contains("DELTA"));

    // An edit the watcher reported: only that file is looked at, and the site is a fresh
    // load's.
    p.edit("content/laporan/beta.md", "BETA-SATU", "BETA-DUA");
    assert!(cache.trust_edits(std::slice::from_ref(&beta)));
    let edited = same_as_fresh(&mut cache, root);
    assert!(page(&edited, "laporan/beta/index.html").contains("BETA-DUA"));
    assert_eq!(cache.stats().parsed, 1);
    assert_eq!(cache.stats().reused, all);

    // A change the watcher did not report is not seen by the load that trusts it (which is
    // why it only shows the edited page), and is by the next load, which walks again.
    p.edit("content/laporan/alpha.md", "Lihat", "LIHAT-BARU");
    p.edit("content/laporan/beta.md", "BETA-DUA", "BETA-TIGA");
    assert!(cache.trust_edits(std::slice::from_ref(&beta)));
    let trusting = result(tilik::load_with_cache(&options(root), &mut cache), root);
    assert!(page(&trusting, "laporan/beta/index.html").contains("BETA-TIGA"));
    assert!(!page(&trusting, "laporan/alpha/index.html").contains("LIHAT-BARU"));
    let next = same_as_fresh(&mut cache, root);
    assert!(page(&next, "laporan/alpha/index.html").contains("LIHAT-BARU"));
    assert_eq!(cache.stats().parsed, 1, "{:?}", cache.stats());
    assert!(alpha.is_file());
}

#[test]
fn a_broken_file_is_reported_until_fixed_and_again_when_broken_again() {
    let p = project();
    let root = p.path();
    let mut cache = ParseCache::new();
    same_as_fresh(&mut cache, root);
    let all = sources(root).len();

    p.edit(
        "content/laporan/beta.md",
        "title = \"Laporan Beta\"",
        "title = Laporan Beta",
    );
    let broken = same_as_fresh(&mut cache, root);
    assert!(matches!(broken, Result::Failed(1, _)), "{broken:?}");
    // The broken file is kept with its errors: loading again reads nothing.
    let again = same_as_fresh(&mut cache, root);
    assert_eq!(again, broken);
    assert_eq!(cache.stats().parsed, 0);
    assert_eq!(cache.len(), all);

    p.edit(
        "content/laporan/beta.md",
        "title = Laporan Beta",
        "title = \"Laporan Beta\"",
    );
    let fixed = same_as_fresh(&mut cache, root);
    assert!(page(&fixed, "laporan/alpha/index.html").contains("laporan/beta/"));
    assert_eq!(cache.stats().parsed, 1);

    // Broken again, now by a link to a page that does not exist.
    p.edit("content/laporan/beta.md", "BETA-SATU", "[x](tidak-ada.md)");
    assert!(matches!(
        same_as_fresh(&mut cache, root),
        Result::Failed(1, _)
    ));
    p.edit("content/laporan/beta.md", "[x](tidak-ada.md)", "BETA-SATU");
    same_as_fresh(&mut cache, root);
}

#[test]
fn drafts_and_bundle_files_change_what_links_resolve_to() {
    let p = project();
    let root = p.path();
    let mut cache = ParseCache::new();
    same_as_fresh(&mut cache, root);

    // A linked page becomes a draft: the published pages linking to it now fail.
    p.edit(
        "content/laporan/beta.md",
        "summary",
        "draft = true\nsummary",
    );
    assert!(matches!(
        same_as_fresh(&mut cache, root),
        Result::Failed(1, _)
    ));
    p.edit("content/laporan/beta.md", "draft = true\n", "");
    same_as_fresh(&mut cache, root);

    // A bundle file that a page links to goes away, and comes back.
    std::fs::remove_file(root.join("content/laporan/gamma/foto.jpg")).unwrap();
    assert!(matches!(
        same_as_fresh(&mut cache, root),
        Result::Failed(1, _)
    ));
    std::fs::write(root.join("content/laporan/gamma/foto.jpg"), common::JPEG).unwrap();
    same_as_fresh(&mut cache, root);

    // The image is damaged (its metadata could not be removed), then saved again.
    std::fs::write(
        root.join("content/laporan/gamma/foto.jpg"),
        b"\xff\xd8rusak",
    )
    .unwrap();
    assert!(matches!(
        same_as_fresh(&mut cache, root),
        Result::Failed(1, _)
    ));
    std::fs::write(root.join("content/laporan/gamma/foto.jpg"), common::JPEG).unwrap();
    same_as_fresh(&mut cache, root);
}

#[test]
fn a_change_of_configuration_reads_every_file_again() {
    let p = project();
    let root = p.path();
    let mut cache = ParseCache::new();
    same_as_fresh(&mut cache, root);
    let all = sources(root).len();

    // Raw HTML: kept as written once the site trusts its writers.
    p.edit(
        "content/laporan/beta.md",
        "BETA-SATU",
        "BETA-SATU <span onclick=\"khusus()\">x</span>",
    );
    let sanitised = same_as_fresh(&mut cache, root);
    assert!(!page(&sanitised, "laporan/beta/index.html").contains("khusus()"));
    p.file(
        "tilik.toml",
        &format!("{}\n[markdown]\nallow_raw_html = true\n", common::CONFIG),
    );
    let raw = same_as_fresh(&mut cache, root);
    assert!(page(&raw, "laporan/beta/index.html").contains("khusus()"));
    assert_eq!(cache.stats().parsed, all);
    assert_eq!(cache.stats().rendered, all);

    // The language of messages: every diagnostic is written again.
    p.edit("content/laporan/beta.md", "## Temuan", "## Lain");
    let indonesian = same_as_fresh(&mut cache, root);
    p.file(
        "tilik.toml",
        &format!(
            "{}language = \"en\"\n[markdown]\nallow_raw_html = true\n",
            common::CONFIG
        ),
    );
    let english = same_as_fresh(&mut cache, root);
    assert_eq!(cache.stats().parsed, all);
    let warnings = |r: &Result| match r {
        Result::Built(w, _) => w.iter().map(|d| d.message.clone()).collect::<Vec<_>>(),
        Result::Failed(_, d) => panic!("{d:#?}"),
    };
    assert_ne!(warnings(&indonesian), warnings(&english));

    // A setting of the run rather than of the file: drafts.
    p.edit(
        "content/laporan/beta.md",
        "summary",
        "draft = true\nsummary",
    );
    p.edit("content/laporan/alpha.md", "[Beta](beta.md)", "Beta");
    let opts = Options {
        drafts: true,
        ..options(root)
    };
    let with_drafts = result(tilik::load_with_cache(&opts, &mut cache), root);
    assert_eq!(with_drafts, result(tilik::load(&opts), root));
    assert_eq!(cache.stats().parsed, all);
    assert!(page(&with_drafts, "laporan/beta/index.html").contains("BETA-SATU"));
    let without = same_as_fresh(&mut cache, root);
    assert!(!built(&without)
        .iter()
        .any(|f| f.path.starts_with("laporan/beta/")));
}

#[test]
fn the_sample_portal_loads_from_the_cache_as_it_does_afresh() {
    let p = common::Project::bare();
    let root = p.path();
    let repo = common::repo_root();
    std::fs::copy(repo.join("tilik.toml"), root.join("tilik.toml")).unwrap();
    for source in common::files_with(&repo.join("content"), &["md", "jpg", "png", "pdf"]) {
        let rel = source.strip_prefix(&repo).unwrap();
        std::fs::create_dir_all(root.join(rel).parent().unwrap()).unwrap();
        std::fs::copy(&source, root.join(rel)).unwrap();
    }
    let mut cache = ParseCache::new();
    same_as_fresh(&mut cache, root);
    p.edit(
        "content/laporan/2024/sleman-tpst-banyumas/index.md",
        "title = \"",
        "title = \"Ubah: ",
    );
    let edited = same_as_fresh(&mut cache, root);
    assert_eq!(cache.stats().parsed, 1);
    assert!(built(&edited)
        .iter()
        .any(|f| f.path == "laporan/sleman-tpst-banyumas/index.html"));
}

/// The related reports of each report, as source paths relative to `root`.
fn related_paths(site: &tilik::model::site::Site, root: &Path) -> Vec<(PathBuf, Vec<PathBuf>)> {
    let rel =
        |p: &tilik::model::site::Page| p.source.path.strip_prefix(root).unwrap().to_path_buf();
    site.pages
        .iter()
        .zip(&site.related.of_page)
        .filter(|(_, links)| !links.is_empty())
        .map(|(p, links)| {
            (
                rel(p),
                links.iter().map(|l| rel(&site.pages[l.page])).collect(),
            )
        })
        .collect()
}

#[test]
fn serve_shows_the_last_related_reports_at_once_and_the_fresh_ones_after() {
    let p = common::Project::bare();
    let root = p.path();
    let repo = common::repo_root();
    std::fs::copy(repo.join("tilik.toml"), root.join("tilik.toml")).unwrap();
    for source in common::files_with(&repo.join("content"), &["md", "jpg", "png", "pdf"]) {
        let rel = source.strip_prefix(&repo).unwrap();
        std::fs::create_dir_all(root.join(rel).parent().unwrap()).unwrap();
        std::fs::copy(&source, root.join(rel)).unwrap();
    }
    let opts = options(root);
    let mut cache = ParseCache::new();
    let first = tilik::load_with_cache(&opts, &mut cache).unwrap();
    let before = related_paths(&first.site, root);
    // A related report no page links to (deleting it breaks no link).
    let texts: Vec<String> = sources(root)
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let gone = before
        .iter()
        .flat_map(|(_, links)| links)
        .find(|l| {
            let stem = l.file_stem().unwrap().to_string_lossy();
            let stem = if stem == "index" {
                l.parent().unwrap().file_name().unwrap().to_string_lossy()
            } else {
                stem
            };
            texts.iter().all(|t| !t.contains(stem.as_ref()))
        })
        .expect("a related report no page links to")
        .clone();
    // Deleting a report moves the index of every page after it: the related reports shown
    // before the fresh ones are computed still name the same reports, without the deleted one.
    std::fs::remove_file(root.join(&gone)).unwrap();
    let staged = tilik::stage_with_cache(&opts, &mut cache).unwrap();
    let stale = related_paths(staged.site(), root);
    let expected: Vec<(PathBuf, Vec<PathBuf>)> = before
        .iter()
        .filter(|(p, _)| *p != gone)
        .map(|(p, links)| {
            (
                p.clone(),
                links.iter().filter(|l| **l != gone).cloned().collect(),
            )
        })
        .filter(|(_, links): &(PathBuf, Vec<PathBuf>)| !links.is_empty())
        .collect();
    assert_eq!(stale, expected);
    // Then the fresh ones, as a fresh load finds them.
    let finished = staged.finish(&mut cache).unwrap();
    let fresh = tilik::load(&opts).unwrap();
    assert_eq!(
        related_paths(&finished.site, root),
        related_paths(&fresh.site, root)
    );
    assert_eq!(finished.site.related.of_plan, fresh.site.related.of_plan);
    assert_eq!(finished.site.related.repeats, fresh.site.related.repeats);
    same_as_fresh(&mut cache, root);
}

#[test]
fn serve_computes_the_fresh_related_reports_and_plan_checks_with_the_full_render() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let repo = common::repo_root();
    std::fs::copy(repo.join("tilik.toml"), root.join("tilik.toml")).unwrap();
    for source in common::files_with(&repo.join("content"), &["md", "jpg", "png", "pdf"]) {
        let rel = source.strip_prefix(&repo).unwrap();
        std::fs::create_dir_all(root.join(rel).parent().unwrap()).unwrap();
        std::fs::copy(&source, root.join(rel)).unwrap();
    }
    let opts = options(root);
    let mut cache = ParseCache::new();
    let first = tilik::load_with_cache(&opts, &mut cache).unwrap();
    let plan = "content/laporan/rencana/mataram-angkutan-bogor-2026.md";
    let repeat_warnings = |warnings: &[Diagnostic]| {
        warnings
            .iter()
            .filter(|d| d.path.ends_with(plan) && d.message.contains("Kota Bogor"))
            .count()
    };
    assert_eq!(repeat_warnings(&first.warnings), 0, "{:#?}", first.warnings);
    // The plan's own unit reports a visit to the same destination on the same topic a year
    // before it: a related report of the plan and a "visited before" warning.
    std::fs::write(
        root.join("content/laporan/2025/mataram-bogor-2025.md"),
        r#"+++
title = "Studi Banding Bus Perkotaan Kota Bogor"
date = 2025-08-20
summary = "Dinas Perhubungan Kota Mataram mempelajari bus perkotaan skema pembelian layanan di Kota Bogor."

[visit]
unit = "Dinas Perhubungan Kota Mataram"
start = 2025-08-04
end = 2025-08-06
destination = "Kota Bogor"
hosts = ["Dinas Perhubungan Kota Bogor"]
topics = ["transportasi perkotaan"]
+++

## Temuan

Skema pembelian layanan bus perkotaan dibayar per kilometer kepada operator, dan trayek
angkot ditata ulang menjadi layanan pengumpan.
"#,
    )
    .unwrap();
    let staged = tilik::stage_with_cache(&opts, &mut cache).unwrap();
    let awaiting = staged.finish_but_related(&mut cache).unwrap();
    // Until the full render completes it: the related reports of the previous load.
    assert!(awaiting.is_pending());
    let new_report = |site: &tilik::model::site::Site| {
        let plan = site
            .plans
            .iter()
            .position(|p| p.source.path.ends_with(plan))
            .unwrap();
        site.related.of_plan[plan].iter().any(|l| {
            site.pages[l.page]
                .source
                .path
                .ends_with("mataram-bogor-2025.md")
        })
    };
    assert!(!new_report(awaiting.site()));
    let (loaded, kept) = awaiting.complete();
    assert!(
        kept.is_some(),
        "the fresh related reports are returned to keep"
    );
    assert!(new_report(&loaded.site));
    assert_eq!(
        repeat_warnings(&loaded.warnings),
        1,
        "{:#?}",
        loaded.warnings
    );
    // What the full render then serves is what a fresh build makes, warnings included.
    let completed = result(Ok(loaded), root);
    let fresh = result(tilik::load(&opts), root);
    assert_eq!(completed, fresh);
    // Kept, the next edit's page is shown with them at once.
    cache.store_related(kept.unwrap());
    let staged = tilik::stage_with_cache(&opts, &mut cache).unwrap();
    assert!(new_report(staged.site()));
    same_as_fresh(&mut cache, root);
}

#[test]
fn bundle_text_files_are_scanned_for_personal_data_once_then_again_when_changed() {
    let p = project();
    let root = p.path();
    p.file(
        "content/laporan/gamma/hadir.csv",
        "nama,kecamatan\nAni,Gondokusuman\n",
    );
    let mut cache = ParseCache::new();
    same_as_fresh(&mut cache, root);
    assert_eq!(cache.stats().attachments_read, 1);
    // Unchanged: its findings come from the cache, it is not read.
    same_as_fresh(&mut cache, root);
    assert_eq!(cache.stats().attachments_read, 0);
    // An edit of the report alone reads no attachment either.
    p.edit("content/laporan/gamma/index.md", "Kembali", "Lalu kembali");
    same_as_fresh(&mut cache, root);
    assert_eq!(cache.stats().attachments_read, 0);
    // Changed: read again, and refused.
    std::fs::write(
        root.join("content/laporan/gamma/hadir.csv"),
        "nama,kecamatan\nAni,3471021503850001\n",
    )
    .unwrap();
    let Result::Failed(_, diags) = same_as_fresh(&mut cache, root) else {
        panic!("an NIK in an attachment is refused");
    };
    assert_eq!(cache.stats().attachments_read, 1);
    assert!(
        diags
            .iter()
            .any(|d| d.path.ends_with("gamma/hadir.csv") && d.pos.is_some_and(|p| p.line == 2)),
        "{diags:#?}"
    );
    // Fixed: read again, and accepted.
    std::fs::write(
        root.join("content/laporan/gamma/hadir.csv"),
        "nama,kecamatan\nAni,Gondokusuman\n",
    )
    .unwrap();
    assert!(matches!(same_as_fresh(&mut cache, root), Result::Built(..)));
    assert_eq!(cache.stats().attachments_read, 1);
}

/// The content of the output file at `path`.
fn content<'a>(files: &'a [OutputFile], path: &str) -> &'a tilik::output::Content {
    &files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no {path}"))
        .content
}

#[test]
fn bundle_images_are_read_and_stripped_once_then_taken_from_the_cache() {
    let p = project();
    let root = p.path();
    let opts = options(root);
    let clean = tilik::output::strip::strip(common::JPEG).unwrap();
    let expected = tilik::output::Content::Bytes(clean);
    // A build: the bytes the checks stripped are the bytes written (no second read).
    let fresh = tilik::load(&opts).unwrap();
    let files = tilik::render_site(&fresh, root).unwrap();
    assert_eq!(content(&files, "laporan/gamma/foto.jpg"), &expected);
    // `tilik serve`: an unchanged image is not read again, its stripped bytes are kept.
    let mut cache = ParseCache::new();
    for _ in 0..2 {
        let loaded = tilik::load_with_cache(&opts, &mut cache).unwrap();
        let files = tilik::render_site(&loaded, root).unwrap();
        assert_eq!(content(&files, "laporan/gamma/foto.jpg"), &expected);
    }
    // A second render of the same site reads the image again (the kept bytes were taken).
    let files = tilik::render_site(&fresh, root).unwrap();
    assert!(matches!(
        content(&files, "laporan/gamma/foto.jpg"),
        tilik::output::Content::Image(_)
    ));
}
