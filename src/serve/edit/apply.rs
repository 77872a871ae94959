//! Applying an update to a source file: conflict check, format-preserving rewrite, validation
//! through the normal parser, atomic rename. Nothing is written unless every step succeeds.

use crate::msg;
use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;

use super::{Refusal, Update};
use crate::content::discover::{SourceFile, SourceKind};
use crate::content::load;
use crate::content::source::{self, Format};
use crate::diagnostics::{Lang, Severity};
use crate::serve::snapshot::hash_bytes;

const BOM: &str = "\u{feff}";

/// The version of a file's bytes, as pages carry it for conflict detection.
pub fn version(bytes: &[u8]) -> String {
    format!("{:016x}-{}", hash_bytes(bytes), bytes.len())
}

/// The version of the file at `path` now (`None` when it cannot be read).
pub fn version_of(path: &Path) -> Option<String> {
    std::fs::read(path).ok().map(|b| version(&b))
}

/// The file changed since the page was shown (409).
pub fn conflict(display: &Path, lang: Lang) -> Refusal {
    let file = crate::diagnostics::display_path(display);
    Refusal {
        status: 409,
        message: msg!(lang, "edit.conflict", file),
    }
}

/// Where a recommendation is and which version of its file the page showed.
#[derive(Clone, Copy, Debug)]
pub struct Target<'a> {
    /// Absolute path of the source file.
    pub path: &'a Path,
    /// Its path as shown to writers (`content/laporan/a.md`).
    pub display: &'a Path,
    /// The recommendation's place in its report.
    pub index: usize,
    /// Its id.
    pub id: &'a str,
    /// [`version`] of the file when the page was shown.
    pub version: &'a str,
}

/// Writes `update` into the recommendation at `target`. Refused, with nothing written, when
/// the file changed since `target.version`, the date is after `build_date`, the front matter
/// cannot be edited safely, or the result would not be valid.
pub fn update_recommendation(
    target: Target<'_>,
    update: &Update,
    build_date: NaiveDate,
    lang: Lang,
) -> Result<(), Refusal> {
    if update.date > build_date {
        return Err(Refusal::unprocessable(msg!(
            lang,
            "edit.date_in_future",
            date = update.date,
            build_date
        )));
    }
    let bytes = std::fs::read(target.path).map_err(|e| io_refusal(target.display, &e, lang))?;
    if version(&bytes) != target.version {
        return Err(conflict(target.display, lang));
    }
    let new = rewrite(&bytes, target.index, target.id, update, lang)?;
    check(&new, target, update, build_date, lang)?;
    replace_file(target.path, &new, &bytes).map_err(|e| match e {
        ReplaceError::Changed => conflict(target.display, lang),
        ReplaceError::Io(e) => io_refusal(target.display, &e, lang),
    })
}

/// The new bytes of the file: the front matter rewritten, every other byte as it was (a
/// byte-order mark and CRLF line endings included).
pub fn rewrite(
    bytes: &[u8],
    index: usize,
    id: &str,
    update: &Update,
    lang: Lang,
) -> Result<Vec<u8>, Refusal> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| Refusal::unprocessable(msg!(lang, "edit.not_utf8")))?;
    let (bom, text) = match text.strip_prefix(BOM) {
        Some(rest) => (BOM, rest),
        None => ("", text),
    };
    let crlf = text.contains("\r\n");
    if crlf && text.replace("\r\n", "").contains('\n') {
        return Err(Refusal::unprocessable(msg!(
            lang,
            "edit.mixed_line_endings"
        )));
    }
    let work = if crlf {
        text.replace("\r\n", "\n")
    } else {
        text.to_string()
    };
    let split = source::split(&work, lang).map_err(|e| Refusal::unprocessable(e.message))?;
    let start = work.find('\n').map_or(work.len(), |i| i + 1);
    let end = start + split.front_matter.len();
    let front_matter = match split.format {
        Format::Toml => super::toml::rewrite(&split.front_matter, index, id, update, lang)?,
        Format::Yaml => super::yaml::rewrite(&split.front_matter, index, id, update, lang)?,
    };
    let mut out = format!("{}{front_matter}{}", &work[..start], &work[end..]);
    if crlf {
        out = out.replace('\n', "\r\n");
    }
    Ok(format!("{bom}{out}").into_bytes())
}

/// Validates the new bytes through the normal parser and checks that the recommendation now
/// says what was asked.
fn check(
    new: &[u8],
    target: Target<'_>,
    update: &Update,
    build_date: NaiveDate,
    lang: Lang,
) -> Result<(), Refusal> {
    let source = SourceFile {
        path: target.path.to_path_buf(),
        rel: String::new(),
        display: target.display.to_path_buf(),
        kind: SourceKind::Page,
    };
    let mut diags = Vec::new();
    let loaded = load::parse_text(source, new, lang, &mut diags);
    let rec = loaded.as_ref().and_then(|l| {
        let report = l.front_matter.report.as_ref()?;
        report.recommendations.get(target.index).cloned()
    });
    if let Some(rec) = &rec {
        diags.extend(crate::model::history::future_steps(
            rec,
            target.display,
            build_date,
            lang,
        ));
    }
    let errors: Vec<String> = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.render(lang))
        .collect();
    if !errors.is_empty() {
        return Err(Refusal::unprocessable(msg!(
            lang,
            "edit.change_refused",
            errors = errors.join("\n")
        )));
    }
    let step = rec.as_ref().and_then(|r| r.history.last());
    let as_asked = rec.as_ref().is_some_and(|r| {
        r.id == target.id
            && r.status == update.status
            && r.updated == Some(update.date)
            && (update.note.is_none()
                || r.note == update.note.as_ref().map(|n| n.trim().to_string()))
    }) && step.is_some_and(|s| s.date == update.date && s.status == update.status);
    if !as_asked {
        return Err(Refusal {
            status: 500,
            message: msg!(lang, "edit.unsafe_write"),
        });
    }
    Ok(())
}

enum ReplaceError {
    /// The file changed while the new one was prepared.
    Changed,
    Io(std::io::Error),
}

/// Writes `new` beside `path` and renames it over `path`, unless the file no longer holds
/// `old`. The temporary file is hidden (starts with `.`): the watcher ignores it.
fn replace_file(path: &Path, new: &[u8], old: &[u8]) -> Result<(), ReplaceError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("berkas");
    let temp = dir.join(format!(".{name}.tilik-{}.tmp", std::process::id()));
    let written = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(new)?;
        file.sync_all()?;
        if let Ok(meta) = std::fs::metadata(path) {
            std::fs::set_permissions(&temp, meta.permissions())?;
        }
        Ok(())
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(ReplaceError::Io(e));
    }
    if std::fs::read(path).map_err(ReplaceError::Io)? != old {
        let _ = std::fs::remove_file(&temp);
        return Err(ReplaceError::Changed);
    }
    std::fs::rename(&temp, path).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        ReplaceError::Io(e)
    })
}

fn io_refusal(display: &Path, e: &std::io::Error, lang: Lang) -> Refusal {
    let file = crate::diagnostics::display_path(display);
    Refusal {
        status: 500,
        message: msg!(lang, "edit.io_error", file, error = e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::report::Status;

    const REPORT: &str = "+++\r\n# komentar\r\njudul = \"Studi\"\r\ntanggal = 2024-05-06\r\n[kunjungan]\r\nskpd = \"DLH\"\r\nmulai = 2024-05-01\r\nlokasi = \"Surabaya\"\r\ntopik = [\"sampah\"]\r\n[[rekomendasi]]\r\nid = \"R1\"\r\nisi = \"x\"\r\npenanggung_jawab = \"y\"\r\nstatus = \"usulan\" # awal\r\n+++\r\n\r\nIsi laporan.\r\n";

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap_or_default()
    }

    fn update(d: u32) -> Update {
        Update {
            status: Status::Proses,
            note: Some(format!("langkah {d}")),
            date: day(d),
        }
    }

    fn setup(text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("a.md");
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
        (dir, path)
    }

    fn target<'a>(path: &'a Path, version: &'a str) -> Target<'a> {
        Target {
            path,
            display: Path::new("content/a.md"),
            index: 0,
            id: "R1",
            version,
        }
    }

    #[test]
    fn a_byte_order_mark_and_crlf_line_endings_are_kept() {
        let text = format!("{BOM}{REPORT}");
        let (_dir, path) = setup(&text);
        let v = version(text.as_bytes());
        update_recommendation(target(&path, &v), &update(2), day(10), Lang::Id)
            .unwrap_or_else(|r| panic!("{}", r.message));
        let new = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(new.starts_with(BOM));
        assert!(!new.replace("\r\n", "").contains('\n'), "{new:?}");
        assert!(new.contains("status = \"proses\" # awal\r\ndiperbarui = 2026-03-02\r\n"));
        assert!(new.ends_with("+++\r\n\r\nIsi laporan.\r\n"));
    }

    #[test]
    fn conflicts_and_future_dates_are_refused_with_nothing_written() {
        let (_dir, path) = setup(REPORT);
        let stale = version(b"what the page showed");
        let refused = update_recommendation(target(&path, &stale), &update(2), day(10), Lang::En);
        assert_eq!(refused.map_err(|r| r.status), Err(409));
        let v = version(REPORT.as_bytes());
        let refused = update_recommendation(target(&path, &v), &update(11), day(10), Lang::En);
        assert_eq!(refused.map_err(|r| r.status), Err(422));
        assert_eq!(std::fs::read_to_string(&path).unwrap_or_default(), REPORT);
        // No temporary file is left behind.
        let names = std::fs::read_dir(_dir.path()).map_or(0, |d| d.count());
        assert_eq!(names, 1);
    }

    #[test]
    fn an_invalid_result_is_refused_with_its_message() {
        // A history step dated before the one already written: out of order.
        let text = REPORT.replace(
            "status = \"usulan\" # awal\r\n",
            "status = \"usulan\" # awal\r\nriwayat = [{ tanggal = 2026-03-05, status = \"usulan\" }]\r\n",
        );
        let (_dir, path) = setup(&text);
        let v = version(text.as_bytes());
        let refused = update_recommendation(target(&path, &v), &update(2), day(10), Lang::Id)
            .err()
            .unwrap_or_else(|| panic!("accepted"));
        assert_eq!(refused.status, 422);
        assert!(
            refused.message.contains("tidak berurutan"),
            "{}",
            refused.message
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap_or_default(), text);
    }

    #[test]
    fn twenty_saves_in_a_row_leave_a_valid_file_with_twenty_steps() {
        let (_dir, path) = setup(REPORT);
        for d in 1..=20 {
            let v = version_of(&path).unwrap_or_default();
            update_recommendation(target(&path, &v), &update(d), day(25), Lang::Id)
                .unwrap_or_else(|r| panic!("save {d}: {}", r.message));
        }
        let bytes = std::fs::read(&path).unwrap_or_default();
        let source = SourceFile {
            path: path.clone(),
            rel: String::new(),
            display: "a.md".into(),
            kind: SourceKind::Page,
        };
        let mut diags = Vec::new();
        let loaded = load::parse_text(source, &bytes, Lang::Id, &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        let report = loaded.and_then(|l| l.front_matter.report.clone());
        let rec = report.and_then(|r| r.recommendations.first().cloned());
        assert_eq!(rec.map(|r| r.history.len()), Some(20));
    }
}
