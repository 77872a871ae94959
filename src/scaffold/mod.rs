//! Scaffolding: `tilik new DIR` (a working portal) and `tilik new report "Title"` (a report
//! skeleton with every front-matter field explained in Indonesian).

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{Datelike, Months, NaiveDate};

use crate::diagnostics::{Diagnostic, Lang};
use crate::model::slug::slugify;
use crate::msg;
use crate::render::theme::DEFAULT_THEME;

/// The report skeleton; `{{…}}` placeholders are filled in by [`new_report`].
const REPORT_TEMPLATE: &str = include_str!("laporan.md");

/// The instructions of the report skeleton's sections: a report still holding one is not
/// finished (a quality warning, an error under `--strict`).
pub const SKELETON_INSTRUCTIONS: &[&str] = &[
    "Jelaskan masalah yang dihadapi daerah dan mengapa daerah tujuan dipilih.",
    "Apa yang ingin dipelajari; sesuaikan dengan `objectives` di atas.",
    "Waktu, tempat, instansi yang ditemui, dan agenda kunjungan.",
    "Apa yang dilihat dan dipelajari, dengan angka bila ada.",
    "Apa yang dapat diterapkan di daerah sendiri, dan apa yang tidak cocok.",
];

/// The visit-plan skeleton (`tilik new rencana`), filled in like the report's.
const PLAN_TEMPLATE: &str = include_str!("rencana.md");

/// The finished sample report of a new portal: shows what a complete report looks like.
const SAMPLE_REPORT: &str = include_str!("contoh.md");

/// The about page of a new portal, linked from its menu.
const ABOUT_PAGE: &str = include_str!("tentang.md");

/// The contact and PPID page of a new portal, linked from its menu.
const CONTACT_PAGE: &str = include_str!("kontak.md");

/// The writers' guide, in Indonesian: the sample portal's page, copied into every new portal
/// (see [`writers_guide`]).
const WRITERS_GUIDE: &str = include_str!("../../content/halaman/panduan-menulis.md");

/// The `[[menu]]` of a new portal's `tilik.toml`: the pages above.
const NEW_PORTAL_MENU: &str = "\n# Tautan di navigasi dan kaki halaman. url: alamat halaman di portal ini (diawali /)\n# atau URL lengkap; where = \"nav\", \"footer\", atau \"both\" (bawaan). Lihat docs/configuration.md.\n[[menu]]\nname = \"Tentang\"\nurl = \"/halaman/tentang/\"\n\n[[menu]]\nname = \"Kontak & PPID\"\nurl = \"/halaman/kontak/\"\n\n[[menu]]\nname = \"Panduan Menulis\"\nurl = \"/halaman/panduan-menulis/\"\nwhere = \"footer\"\n";

/// Values a writer may give on the command line to fill the report's front matter.
#[derive(Clone, Debug, Default)]
pub struct ReportFields {
    /// `visit.unit`.
    pub unit: Option<String>,
    /// `visit.destination`.
    pub destination: Option<String>,
    /// `visit.start`.
    pub start: Option<NaiveDate>,
    /// `visit.end`.
    pub end: Option<NaiveDate>,
    /// `visit.topics`.
    pub topics: Vec<String>,
    /// `visit.country` (Indonesia when absent).
    pub country: Option<String>,
    /// `visit.kind` (studi-banding when absent).
    pub kind: Option<String>,
    /// Write the report as a folder, `SLUG/index.md`, to hold its photos and attachments.
    pub bundle: bool,
}

fn toml_string(s: &str) -> String {
    toml_edit::Value::from(s).to_string().trim().to_string()
}

fn io_error(path: &Path, e: &std::io::Error, lang: Lang) -> Diagnostic {
    Diagnostic::error(path, None, msg!(lang, "scaffold.cannot_write", error = e))
}

/// Writes a report skeleton into `content/laporan/<year>/<slug>.md` of the project at `root`.
/// Refuses to overwrite an existing file. Returns what to tell the writer.
pub fn new_report(
    root: &Path,
    title: &str,
    fields: &ReportFields,
    today: NaiveDate,
    lang: Lang,
) -> Result<String, Diagnostic> {
    new_skeleton(root, title, fields, today, lang, false)
}

/// Writes a visit-plan skeleton (`stage = "rencana"`) into `content/laporan/<year>/<slug>.md`
/// of the project at `root`, where the report of the visit will later be written in the same
/// file. Refuses to overwrite an existing file. Returns what to tell the writer.
pub fn new_plan(
    root: &Path,
    title: &str,
    fields: &ReportFields,
    today: NaiveDate,
    lang: Lang,
) -> Result<String, Diagnostic> {
    new_skeleton(root, title, fields, today, lang, true)
}

fn new_skeleton(
    root: &Path,
    title: &str,
    fields: &ReportFields,
    today: NaiveDate,
    lang: Lang,
    plan: bool,
) -> Result<String, Diagnostic> {
    if !root.join("tilik.toml").is_file() {
        return Err(Diagnostic::error(
            root.join("tilik.toml"),
            None,
            msg!(lang, "scaffold.no_tilik_toml"),
        ));
    }
    let title = title.trim();
    let slug = crate::model::slug::short_slug(title);
    if slug.is_empty() {
        return Err(Diagnostic::error(
            "tilik new report",
            None,
            msg!(lang, "scaffold.empty_title"),
        ));
    }
    let start = fields.start.unwrap_or(today);
    let end = fields.end.unwrap_or(start).max(start);
    let year = start.year();
    let folder = PathBuf::from("content")
        .join("laporan")
        .join(year.to_string());
    let rel = if fields.bundle {
        folder.join(&slug).join("index.md")
    } else {
        folder.join(format!("{slug}.md"))
    };
    let path = root.join(&rel);
    if let Some(existing) = report_with_slug(&root.join("content"), &slug) {
        let existing =
            crate::diagnostics::display_path(existing.strip_prefix(root).unwrap_or(&existing));
        return Err(Diagnostic::error(
            &rel,
            None,
            msg!(lang, "scaffold.same_slug", existing, slug),
        )
        .with_hint(msg!(lang, "scaffold.same_slug_hint")));
    }
    if path.exists() {
        return Err(
            Diagnostic::error(&rel, None, msg!(lang, "scaffold.file_exists"))
                .with_hint(msg!(lang, "scaffold.same_slug_hint")),
        );
    }
    let topics = if fields.topics.is_empty() {
        toml_string("ISI: topik")
    } else {
        fields
            .topics
            .iter()
            .map(|t| toml_string(t))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let due = today.checked_add_months(Months::new(6)).unwrap_or(today);
    let template = if plan { PLAN_TEMPLATE } else { REPORT_TEMPLATE };
    let text = template
        .replace("{{TITLE}}", &toml_string(title))
        .replace("{{DATE}}", &today.to_string())
        .replace(
            "{{UNIT}}",
            &toml_string(fields.unit.as_deref().unwrap_or("ISI: nama lengkap SKPD")),
        )
        .replace("{{START}}", &start.to_string())
        .replace("{{END}}", &end.to_string())
        .replace(
            "{{DESTINATION}}",
            &toml_string(
                fields
                    .destination
                    .as_deref()
                    .unwrap_or("ISI: daerah tujuan"),
            ),
        )
        .replace("{{TOPICS}}", &topics)
        .replace(
            "{{KIND}}",
            &toml_string(fields.kind.as_deref().unwrap_or("studi-banding")),
        )
        .replace(
            "{{COUNTRY}}",
            &toml_string(fields.country.as_deref().unwrap_or("Indonesia")),
        )
        .replace("{{DUE}}", &due.to_string())
        .replace("{{YEAR}}", &year.to_string());
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| io_error(parent, &e, lang))?;
    }
    fs::write(&path, text).map_err(|e| io_error(&path, &e, lang))?;
    // Run from a subfolder, the portal is somewhere above: name the file in full.
    let shown = if root == Path::new(".") {
        crate::diagnostics::display_path(&rel)
    } else {
        crate::diagnostics::display_path(&path)
    };
    if plan {
        return Ok(msg!(lang, "scaffold.plan_written", shown));
    }
    Ok(msg!(lang, "scaffold.report_written", shown))
}

/// Writes a new portal into `dir`: config, home and about pages, one sample report.
/// The default theme is built in; `with_theme` copies it into `themes/default/` to customise.
pub fn new_portal(
    dir: &Path,
    with_theme: bool,
    today: NaiveDate,
    lang: Lang,
) -> Result<String, Diagnostic> {
    if dir.exists()
        && fs::read_dir(dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        return Err(
            Diagnostic::error(dir, None, msg!(lang, "scaffold.folder_not_empty"))
                .with_hint(msg!(lang, "scaffold.folder_not_empty_hint")),
        );
    }
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "portal".into());
    let files: Vec<(PathBuf, String)> = vec![
        (
            "tilik.toml".into(),
            format!(
                "# Konfigurasi portal. Ubah judul dan alamat sebelum terbit.\ntitle = {}\ndescription = \"Laporan studi banding dan kunjungan kerja beserta tindak lanjut rekomendasinya.\"\nbase_url = \"https://{}.example.go.id/\"\nlanguage = \"id\"\npaginate = 10\n\n[privacy]\n# Nama anggota tim adalah data pribadi: tidak diterbitkan kecuali diubah menjadi true.\npublish_team = false\n{NEW_PORTAL_MENU}",
                toml_string(&portal_title(&name)),
                slugify(&name)
            ),
        ),
        (
            ".gitignore".into(),
            "# Keluaran tilik build, pohon cadangan yang dipakai ulang oleh build berikutnya, dan\n# simpanan kartu berbagi (.tilik-cache).\n/public/\n/.public.tilik-*\n/.tilik-cache/\n".into(),
        ),
        (
            "content/_index.md".into(),
            "+++\ntitle = \"Beranda\"\n+++\n\nPortal ini memuat laporan studi banding dan kunjungan kerja perangkat daerah, beserta rekomendasi dan tindak lanjutnya.\n".into(),
        ),
        (
            "content/halaman/tentang.md".into(),
            ABOUT_PAGE.replace("{{DATE}}", &today.to_string()),
        ),
        (
            "content/halaman/kontak.md".into(),
            CONTACT_PAGE.replace("{{DATE}}", &today.to_string()),
        ),
        (
            "content/halaman/panduan-menulis.md".into(),
            writers_guide(today),
        ),
    ];
    for (rel, text) in &files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| io_error(parent, &e, lang))?;
        }
        fs::write(&path, text).map_err(|e| io_error(&path, &e, lang))?;
    }
    write_sample_report(dir, today, lang)?;
    if with_theme {
        let target = dir.join("themes").join("default");
        fs::create_dir_all(&target)
            .and_then(|()| DEFAULT_THEME.extract(&target))
            .map_err(|e| io_error(&target, &e, lang))?;
    }
    let shown = crate::diagnostics::display_path(dir);
    Ok(msg!(lang, "scaffold.portal_created", shown))
}

/// The writers' guide for a new portal: dated today, and with its links to the sample
/// portal's reports (`[judul](@/laporan/…)`), which a new portal does not have, left as
/// their text. Links shown as code (`` `[…](…)` ``) are examples and stay.
fn writers_guide(today: NaiveDate) -> String {
    let mut out = String::with_capacity(WRITERS_GUIDE.len());
    let mut in_front_matter = false;
    for (i, line) in WRITERS_GUIDE.lines().enumerate() {
        if line == "+++" {
            in_front_matter = i == 0;
        } else if in_front_matter && line.starts_with("date = ") {
            out.push_str(&format!("date = {today}\n"));
            continue;
        }
        out.push_str(&unlink_sample_reports(line));
        out.push('\n');
    }
    out
}

/// `[text](@/laporan/…)` as `text`, except inside a code span.
fn unlink_sample_reports(line: &str) -> String {
    const TARGET: &str = "](@/laporan/";
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find(TARGET) {
        let open = rest[..at].rfind('[');
        let close = rest[at..].find(')').map(|c| at + c);
        match (open, close) {
            (Some(open), Some(close)) if !rest[..open].ends_with('`') => {
                out.push_str(&rest[..open]);
                out.push_str(&rest[open + 1..at]);
                rest = &rest[close + 1..];
            }
            _ => {
                out.push_str(&rest[..at + TARGET.len()]);
                rest = &rest[at + TARGET.len()..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The title of a new portal in the folder `name`: "Portal Studi Banding" and what the name
/// adds to it (`kab-sleman` → "Portal Studi Banding Kab Sleman"; `portal` adds nothing).
fn portal_title(name: &str) -> String {
    const SAID: &[&str] = &[
        "portal", "studi", "banding", "tilik", "situs", "site", "web", "www",
    ];
    let words: Vec<String> = name
        .split(|c: char| c == '-' || c == '_' || c == '.' || c.is_whitespace())
        .filter(|w| !w.is_empty() && !SAID.contains(&w.to_lowercase().as_str()))
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        })
        .collect();
    if words.is_empty() {
        "Portal Studi Banding".to_string()
    } else {
        format!("Portal Studi Banding {}", words.join(" "))
    }
}

/// A report file under `content/` whose slug (file or bundle name) is `slug`, if any.
pub(crate) fn report_with_slug(content: &Path, slug: &str) -> Option<PathBuf> {
    walkdir::WalkDir::new(content.join("laporan"))
        .into_iter()
        .flatten()
        .map(|e| e.into_path())
        .find(|p| {
            let stem = p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let is_md = p.extension().is_some_and(|e| e == "md");
            (is_md && slugify(&stem) == slug)
                || (stem == "index"
                    && is_md
                    && p.parent()
                        .and_then(|d| d.file_name())
                        .is_some_and(|n| slugify(&n.to_string_lossy()) == slug))
        })
}

fn write_sample_report(dir: &Path, today: NaiveDate, lang: Lang) -> Result<(), Diagnostic> {
    let start = today.checked_sub_months(Months::new(1)).unwrap_or(today);
    let end = start.succ_opt().unwrap_or(start);
    let due = today.checked_add_months(Months::new(6)).unwrap_or(today);
    let text = SAMPLE_REPORT
        .replace("{{DATE}}", &today.to_string())
        .replace("{{START}}", &start.to_string())
        .replace("{{END}}", &end.to_string())
        .replace("{{DUE}}", &due.to_string())
        .replace("{{YEAR}}", &start.year().to_string());
    let path = dir
        .join("content")
        .join("laporan")
        .join(start.year().to_string())
        .join("contoh-bank-sampah-surabaya.md");
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| io_error(parent, &e, lang))?;
    }
    fs::write(&path, text).map_err(|e| io_error(&path, &e, lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_skeleton_holds_every_instruction_the_checks_look_for() {
        for text in SKELETON_INSTRUCTIONS {
            assert!(REPORT_TEMPLATE.lines().any(|l| l.trim() == *text), "{text}");
            assert!(!SAMPLE_REPORT.contains(text), "{text}");
        }
    }

    #[test]
    fn the_guide_keeps_its_text_and_loses_links_to_the_sample_reports() {
        let guide = writers_guide(NaiveDate::from_ymd_opt(2030, 1, 2).unwrap());
        assert!(guide.contains("\ndate = 2030-01-02\n"));
        assert!(!guide.contains("](@/laporan/2026/palu-perizinan-surabaya.md)"));
        assert!(guide
            .contains("Studi Banding Layanan Perizinan Berusaha Terintegrasi ke Kota Surabaya"));
        // The example in a code span stays as written.
        assert!(
            guide.contains("`[laporan ke BKPM](@/laporan/2024/palu-pengawasan-perizinan-bkpm.md)`")
        );
        assert_eq!(
            unlink_sample_reports("a [b](@/laporan/x.md) c [d](@/laporan/y/index.md#t)."),
            "a b c d."
        );
        assert_eq!(unlink_sample_reports("[b](tentang.md)"), "[b](tentang.md)");
    }

    #[test]
    fn portal_titles_add_only_what_the_folder_name_says() {
        assert_eq!(portal_title("portal"), "Portal Studi Banding");
        assert_eq!(portal_title("portal-studi-banding"), "Portal Studi Banding");
        assert_eq!(
            portal_title("kab-sleman"),
            "Portal Studi Banding Kab Sleman"
        );
        assert_eq!(portal_title("Portal_Palu"), "Portal Studi Banding Palu");
    }
}
