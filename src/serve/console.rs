//! What `serve` tells the writer in the terminal: where the preview is, each rebuild and how
//! long it took, and every error of a failed rebuild (the same text the overlay shows).

use std::net::SocketAddr;

use super::builder::{Changed, Phase};
use super::rebuild::Timings;
use super::reload::{Change, ErrorReport, Reload};
use super::snapshot::Snapshot;
use crate::diagnostics::{self, Diagnostic, Lang};
use crate::msg;
use crate::Failure;

/// Says whether pages can edit their sources, and warns when they can from the network.
pub fn editing(lang: Lang, mode: super::edit::guard::EditMode, bind: std::net::IpAddr) {
    use super::edit::guard::EditMode;
    let line = match (mode.enabled(bind), bind.is_loopback(), mode) {
        (true, true, _) => msg!(lang, "console.editing_on"),
        (true, false, _) => msg!(lang, "console.editing_on_network"),
        (false, false, EditMode::Auto) => msg!(lang, "console.editing_off_not_loopback"),
        (false, _, _) => msg!(lang, "console.editing_off"),
    };
    println!("{line}");
}

/// Says where the preview is served, and which busy ports were skipped.
pub fn listening(lang: Lang, url: &str, addr: SocketAddr, busy: &[u16]) {
    if let Some(first) = busy.first() {
        println!(
            "{}",
            msg!(lang, "console.port_busy", first, port = addr.port())
        );
    }
    println!("{}", msg!(lang, "console.preview_url", url));
    if addr.ip().is_unspecified() {
        println!("{}", msg!(lang, "console.all_interfaces"));
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
        msg!(lang, "console.load"),
        ms(timings.load),
        ms(timings.render),
        msg!(lang, "console.compare"),
        ms(timings.compare + timings.snapshot),
    );
    let total = ms(timings.total());
    let (reports, files, n) = (site.reports, site.len(), changed.files);
    let line = if phase == Phase::EditedPages {
        msg!(lang, "console.changed_first", what, total, stages)
    } else if what.is_empty() {
        msg!(
            lang,
            "console.built",
            reports = msg!(lang, "count.reports", count = reports),
            files = msg!(lang, "count.files", count = files),
            total,
            stages
        )
    } else {
        let effect = match &changed.kind {
            Change::Files {
                reload: Reload::All,
                ..
            } => msg!(lang, "console.reload_all", count = n),
            Change::Files {
                reload: Reload::Only(pages),
                css,
            } => {
                let css = if *css {
                    msg!(lang, "console.css_swapped")
                } else {
                    String::new()
                };
                msg!(
                    lang,
                    "console.reload_some",
                    files = msg!(lang, "console.files_changed", count = n),
                    pages = msg!(lang, "console.pages_reload", count = pages.len()),
                    css
                )
            }
            Change::Nothing => msg!(lang, "console.nothing_changed"),
        };
        msg!(lang, "console.rebuilt", what, total, stages, effect)
    };
    println!("{line}");
}

/// Ends the report of a successful build with the counts of its problems.
pub fn counts(lang: Lang, warnings: &[Diagnostic]) {
    println!("{}", diagnostics::summary_line(warnings, lang));
}

/// The warnings already printed in this run of the server: after each rebuild only the new
/// ones are printed, with a count of the others (a big portal has thousands, and a writer wants
/// to see what their last save changed).
#[derive(Debug, Default)]
pub struct WarningLog {
    shown: std::sync::Mutex<std::collections::HashSet<String>>,
}

impl WarningLog {
    /// Prints the warnings of a successful build not printed before, then how many others
    /// there still are.
    pub fn print(&self, lang: Lang, warnings: &[Diagnostic]) {
        let (new, known) = self.sort_out(warnings.iter().map(|w| w.render(lang)).collect());
        for text in new {
            eprintln!("{text}");
        }
        if known > 0 {
            eprintln!("{}", msg!(lang, "console.known_warnings", count = known));
        }
    }

    /// Splits this build's warnings into those not shown before (in order) and a count of the
    /// others; remembers this build's as shown.
    fn sort_out(&self, rendered: Vec<String>) -> (Vec<String>, usize) {
        let mut shown = self.shown.lock().unwrap_or_else(|e| e.into_inner());
        let (known, new): (Vec<&String>, Vec<&String>) =
            rendered.iter().partition(|t| shown.contains(*t));
        let new = new.into_iter().cloned().collect();
        let known = known.len();
        *shown = rendered.into_iter().collect();
        (new, known)
    }
}

/// The errors of a failed build, for the terminal and the overlay alike.
pub fn error_report(lang: Lang, failure: &Failure, ever_built: bool) -> ErrorReport {
    let title = if ever_built {
        msg!(lang, "console.rebuild_failed")
    } else {
        msg!(lang, "console.build_failed")
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
        eprintln!("{}", msg!(lang, "console.changed", what));
    }
    for line in &report.errors {
        eprintln!("{line}");
    }
    eprintln!(
        "{} {}",
        diagnostics::summary_line(failure.diagnostics(), lang),
        msg!(lang, "console.last_good_shown")
    );
}

#[cfg(test)]
mod warning_log_tests {
    use super::WarningLog;

    #[test]
    fn only_new_warnings_are_shown_again() {
        let log = WarningLog::default();
        let w = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(log.sort_out(w(&["a", "b"])), (w(&["a", "b"]), 0));
        assert_eq!(log.sort_out(w(&["a", "b", "c"])), (w(&["c"]), 2));
        // A warning fixed and back again is new again.
        assert_eq!(log.sort_out(w(&["a", "c"])), (w(&[]), 2));
        assert_eq!(log.sort_out(w(&["a", "b", "c"])), (w(&["b"]), 2));
    }
}
