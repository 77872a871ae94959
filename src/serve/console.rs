//! What `serve` tells the writer in the terminal: where the preview is, each rebuild and how
//! long it took, and every error of a failed rebuild (the same text the overlay shows).

use std::net::SocketAddr;

use super::builder::{Changed, Phase};
use super::rebuild::Timings;
use super::reload::{Change, ErrorReport, Reload};
use super::snapshot::Snapshot;
use crate::diagnostics::{self, Diagnostic, Lang};
use crate::Failure;

/// Says where the preview is served, and which busy ports were skipped.
pub fn listening(lang: Lang, url: &str, addr: SocketAddr, busy: &[u16]) {
    if let Some(first) = busy.first() {
        println!(
            "{}",
            lang.pick(
                format!(
                    "Port {first} sedang dipakai program lain; pratinjau memakai port {} saja.",
                    addr.port()
                ),
                format!(
                    "Port {first} is in use by another program; the preview uses port {} instead.",
                    addr.port()
                ),
            )
        );
    }
    println!(
        "{}",
        lang.pick(
            format!("Pratinjau: {url}  (Ctrl-C untuk berhenti)"),
            format!("Preview: {url}  (Ctrl-C to stop)"),
        )
    );
    if addr.ip().is_unspecified() {
        println!(
            "{}",
            lang.pick(
                "Terbuka untuk semua antarmuka jaringan: komputer lain memakai alamat IP komputer ini.",
                "Listening on every network interface: other computers use this computer's IP address.",
            )
        );
    }
}

/// Reports a successful build: what triggered it, how long each stage took, what changed.
pub fn built(
    lang: Lang,
    site: &Snapshot,
    timings: &Timings,
    what: &str,
    changed: &Changed,
    phase: Phase,
) {
    let ms = |d: std::time::Duration| d.as_millis();
    let stages = format!(
        "{} {} ms, render {} ms, {} {} ms",
        lang.pick("muat", "load"),
        ms(timings.load),
        ms(timings.render),
        lang.pick("banding", "compare"),
        ms(timings.compare + timings.snapshot),
    );
    let total = ms(timings.total());
    let (reports, files, n) = (site.reports, site.len(), changed.files);
    let line = if phase == Phase::EditedPages {
        lang.pick(
            format!("Berubah: {what} → halaman yang diubah tampil dalam {total} ms ({stages}); membangun ulang sisanya…"),
            format!("Changed: {what} → edited pages shown in {total} ms ({stages}); rebuilding the rest…"),
        )
    } else if what.is_empty() {
        lang.pick(
            format!("Dibangun: {reports} laporan, {files} berkas dalam {total} ms ({stages})."),
            format!("Built: {reports} reports, {files} files in {total} ms ({stages})."),
        )
    } else {
        let effect = match &changed.kind {
            Change::Files {
                reload: Reload::All,
                ..
            } => lang.pick(
                format!("{n} berkas berubah, semua halaman dimuat ulang"),
                format!("{n} files changed, every page reloads"),
            ),
            Change::Files {
                reload: Reload::Only(pages),
                css,
            } => {
                let css = if *css {
                    lang.pick(", stylesheet diganti", ", stylesheets swapped")
                } else {
                    ""
                };
                lang.pick(
                    format!(
                        "{n} berkas berubah, {} halaman dimuat ulang{css}",
                        pages.len()
                    ),
                    format!("{n} files changed, {} pages reload{css}", pages.len()),
                )
            }
            Change::Nothing => lang.pick(
                "tidak ada berkas yang berubah".to_string(),
                "no file changed".to_string(),
            ),
        };
        lang.pick(
            format!("Berubah: {what} → dibangun ulang dalam {total} ms ({stages}); {effect}."),
            format!("Changed: {what} → rebuilt in {total} ms ({stages}); {effect}."),
        )
    };
    println!("{line}");
}

/// Prints warnings of a successful build.
pub fn warnings(lang: Lang, warnings: &[Diagnostic]) {
    for w in warnings {
        eprintln!("{}", w.render(lang));
    }
}

/// The errors of a failed build, for the terminal and the overlay alike.
pub fn error_report(lang: Lang, failure: &Failure, ever_built: bool) -> ErrorReport {
    let title = if ever_built {
        lang.pick(
            "Tilik: pembangunan ulang gagal; versi terakhir yang berhasil masih ditampilkan",
            "Tilik: rebuild failed; the last good version is still shown",
        )
    } else {
        lang.pick(
            "Tilik: situs belum dapat dibangun",
            "Tilik: the site could not be built",
        )
    };
    ErrorReport {
        title: title.to_string(),
        errors: failure
            .diagnostics()
            .iter()
            .map(|d| d.render(lang))
            .collect(),
    }
}

/// Prints a failed build.
pub fn failed(lang: Lang, failure: &Failure, report: &ErrorReport, what: &str) {
    if !what.is_empty() {
        eprintln!(
            "{}",
            lang.pick(format!("Berubah: {what}"), format!("Changed: {what}"))
        );
    }
    for line in &report.errors {
        eprintln!("{line}");
    }
    eprintln!(
        "{} {}",
        diagnostics::summary_line(failure.diagnostics(), lang),
        lang.pick(
            "Pratinjau tetap menampilkan versi terakhir yang berhasil.",
            "The preview keeps showing the last good version."
        )
    );
}
