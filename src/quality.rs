//! Report quality checks: warnings that help writers make a report worth its budget —
//! concrete, measurable recommendations that are followed up and evaluated.
//!
//! Each check can be switched off under `[checks]` in `tilik.toml`; `--strict` makes
//! warnings fail the run. The follow-up summary printed by `tilik check` is here too.

use chrono::Months;
use rayon::prelude::*;

use crate::config::Checks;
use crate::content::cache::ParseCache;
use crate::diagnostics::{Diagnostic, Lang, Pos};
use crate::model::report::Status;
use crate::model::site::{Page, Site};
use crate::model::tracker::{is_quiet, Tracker, QUIET_MONTHS};
use crate::msg;

/// The marker the report scaffold puts where the writer must write.
pub const TEMPLATE_MARKER: &str = "ISI:";

/// Words of headings that hold a report's objectives ("Maksud dan Tujuan", "B. Tujuan").
const OBJECTIVE_WORDS: &[&str] = &["tujuan", "maksud", "sasaran", "objectives", "objective"];
/// Words of headings that hold its findings ("III. Temuan", "Hasil Kunjungan", "Kesimpulan
/// dan Saran").
const FINDING_WORDS: &[&str] = &[
    "temuan",
    "hasil",
    "kesimpulan",
    "findings",
    "finding",
    "results",
    "conclusions",
];

/// Whether a heading of the page has one of `words`, numbered or not ("III. Temuan",
/// "2) Hasil Kunjungan", "B. Maksud dan Tujuan").
fn has_heading(page: &Page, words: &[&str]) -> bool {
    page.rendered.headings.iter().any(|h| {
        let h = h.to_lowercase();
        h.split(|c: char| !c.is_alphanumeric())
            .any(|word| words.contains(&word))
    })
}

/// Runs every enabled check on the published reports.
pub fn check(site: &Site, checks: &Checks, lang: Lang) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for page in site.reports() {
        check_report(site, page, checks, lang, &mut out);
    }
    out
}

/// [`check`], taking the warnings of each report whose file and rendering have not changed
/// from `cache`, and keeping the new ones there.
pub fn check_with_cache(
    site: &Site,
    checks: &Checks,
    lang: Lang,
    cache: &mut ParseCache,
) -> Vec<Diagnostic> {
    if !cache.is_enabled() {
        return check(site, checks, lang);
    }
    let kept: &ParseCache = cache;
    let found: Vec<(&Page, Vec<Diagnostic>, bool)> = site
        .reports()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|page| match kept.quality(&page.source.path) {
            Some(warnings) => (page, warnings.to_vec(), false),
            None => {
                let mut warnings = Vec::new();
                check_report(site, page, checks, lang, &mut warnings);
                (page, warnings, true)
            }
        })
        .collect();
    let mut out = Vec::new();
    for (page, warnings, new) in found {
        if new {
            cache.keep_quality(&page.source.path, warnings.clone());
        }
        out.extend(warnings);
    }
    out
}

fn check_report(site: &Site, page: &Page, checks: &Checks, lang: Lang, out: &mut Vec<Diagnostic>) {
    let Some(report) = &page.report else { return };
    let file = &page.source.display;
    let top = Some(Pos::new(1, 1));
    let mut warn = |pos: Option<Pos>, message: String, hint: &str| {
        out.push(Diagnostic::warning(file, pos, message).with_hint(hint));
    };
    if checks.summary && page.meta.summary.is_none() {
        warn(
            top,
            msg!(lang, "quality.no_summary"),
            &msg!(lang, "quality.no_summary_hint"),
        );
    }
    if checks.objectives
        && report.visit.objectives.is_empty()
        && !has_heading(page, OBJECTIVE_WORDS)
    {
        warn(
            top,
            msg!(lang, "quality.no_objectives"),
            &msg!(lang, "quality.no_objectives_hint"),
        );
    }
    if checks.findings && !has_heading(page, FINDING_WORDS) {
        warn(
            Some(Pos::new(page.body_line, 1)),
            msg!(lang, "quality.no_findings"),
            &msg!(lang, "quality.no_findings_hint"),
        );
    }
    let visit = &report.visit;
    if let Some((pos, problem)) = visit.place_problem.as_ref().filter(|_| checks.region) {
        let province = visit.province.as_deref().unwrap_or_default();
        let (message, hint) = match problem {
            crate::region::PlaceProblem::UnknownProvince(near) => (
                msg!(lang, "quality.unknown_province", province),
                match near {
                    Some(n) => msg!(lang, "quality.did_you_mean", suggestion = n),
                    None => msg!(lang, "quality.unknown_province_hint"),
                },
            ),
            crate::region::PlaceProblem::OtherProvince {
                regency,
                province: official,
            } => (
                msg!(lang, "quality.other_province", regency, official, province),
                msg!(lang, "quality.other_province_hint", official),
            ),
        };
        warn(Some(*pos), message, &hint);
    }
    if let Some(abroad) = crate::model::abroad::country_named_in(&visit.destination)
        .filter(|_| crate::model::abroad::is_indonesia(&visit.country))
    {
        warn(
            top,
            msg!(
                lang,
                "quality.abroad_destination",
                destination = visit.destination,
                abroad
            ),
            &msg!(lang, "quality.abroad_destination_hint", abroad),
        );
    }
    for rec in &report.recommendations {
        let pos = Some(rec.pos);
        if rec.status == Status::Dibatalkan {
            continue;
        }
        if checks.due && rec.due.is_none() {
            warn(
                pos,
                msg!(lang, "quality.no_due_date", id = rec.id),
                &msg!(lang, "quality.no_due_date_hint"),
            );
        }
        if checks.indicator && rec.indicator.is_none() {
            warn(
                pos,
                msg!(lang, "quality.no_indicator", id = rec.id),
                &msg!(lang, "quality.no_indicator_hint"),
            );
        }
        if let Some(updated) = rec.updated.filter(|u| checks.quiet && *u > site.build_date) {
            warn(
                pos,
                msg!(
                    lang,
                    "quality.updated_in_future",
                    id = rec.id,
                    updated,
                    build_date = site.build_date
                ),
                &msg!(lang, "quality.updated_in_future_hint"),
            );
        }
        if let (Some(due), Some(start)) = (rec.due.filter(|_| checks.due), report.visit.start) {
            if due < start {
                warn(
                    pos,
                    msg!(lang, "quality.due_before_visit", id = rec.id, due, start),
                    &msg!(lang, "quality.due_before_visit_hint"),
                );
            }
        }
        if checks.quiet && is_quiet(rec, page.meta.date, site.build_date) {
            let since = rec
                .updated
                .or(page.meta.date)
                .map(|d| d.to_string())
                .unwrap_or_default();
            warn(
                pos,
                msg!(
                    lang,
                    "quality.quiet_recommendation",
                    id = rec.id,
                    status = rec.status.as_str(),
                    since,
                    months = QUIET_MONTHS
                ),
                &msg!(lang, "quality.quiet_recommendation_hint"),
            );
        }
    }
    if checks.evaluation && report.evaluation.is_none() {
        let year_ago = site.build_date.checked_sub_months(Months::new(12));
        if let (Some(end), Some(limit)) = (report.visit.end, year_ago) {
            if end < limit {
                warn(
                    top,
                    msg!(lang, "quality.no_evaluation", end),
                    &msg!(lang, "quality.no_evaluation_hint"),
                );
            }
        }
    }
    if checks.template_text {
        let mut markers = page
            .body
            .lines()
            .enumerate()
            .filter(|(_, l)| l.contains(TEMPLATE_MARKER))
            .map(|(i, l)| {
                Pos::new(
                    page.body_line + i,
                    l.find(TEMPLATE_MARKER)
                        .map_or(1, |c| l[..c].chars().count() + 1),
                )
            });
        let in_front_matter = front_matter_strings(page).any(|s| s.contains(TEMPLATE_MARKER));
        let first = if in_front_matter {
            Some(Pos::new(1, 1))
        } else {
            markers.next()
        };
        let instruction = page.body.lines().enumerate().find_map(|(i, line)| {
            let line = line.trim();
            crate::scaffold::SKELETON_INSTRUCTIONS
                .iter()
                .find(|text| line.starts_with(text.split(['.', ';']).next().unwrap_or(text)))
                .map(|text| (Pos::new(page.body_line + i, 1), *text))
        });
        if let Some((pos, text)) = instruction {
            let short: String = text.chars().take(40).collect();
            warn(
                Some(pos),
                msg!(lang, "quality.template_instruction", short),
                &msg!(lang, "quality.template_instruction_hint"),
            );
        }
        if let Some(pos) = first {
            warn(
                Some(pos),
                msg!(lang, "quality.template_marker", marker = TEMPLATE_MARKER),
                &msg!(lang, "quality.template_marker_hint"),
            );
        }
    }
}

fn front_matter_strings(page: &Page) -> impl Iterator<Item = &str> {
    let meta = [Some(page.meta.title.as_str()), page.meta.summary.as_deref()];
    let report = page.report.iter().flat_map(|r| {
        let v = &r.visit;
        [v.unit.as_str(), v.destination.as_str()]
            .into_iter()
            .chain(v.hosts.iter().map(String::as_str))
            .chain(v.topics.iter().map(String::as_str))
            .chain(v.objectives.iter().map(String::as_str))
            .chain(r.recommendations.iter().flat_map(|rec| {
                [
                    Some(rec.text.as_str()),
                    Some(rec.owner.as_str()),
                    rec.indicator.as_deref(),
                ]
                .into_iter()
                .flatten()
            }))
    });
    meta.into_iter().flatten().chain(report)
}

/// The follow-up state in a few lines: reports, recommendations by status, and per unit
/// the overdue and quiet ones — the numbers of the tracker page.
pub fn summary(site: &Site, lang: Lang) -> String {
    let tracker = Tracker::of(site);
    let all = &tracker.all;
    let reports = site.reports().count();
    let mut out = String::new();
    out.push_str(&msg!(
        lang,
        "quality.summary_heading",
        build_date = site.build_date
    ));
    out.push_str(&msg!(
        lang,
        "quality.summary_counts",
        reports = msg!(lang, "count.reports", count = reports),
        recommendations = msg!(lang, "count.recommendations", count = all.total),
        usulan = all.usulan,
        proses = all.proses,
        selesai = all.selesai,
        dievaluasi = all.dievaluasi,
        dibatalkan = all.dibatalkan,
        completed_percent = all.completed_percent()
    ));
    out.push_str(&msg!(
        lang,
        "quality.summary_overdue",
        overdue = all.overdue,
        quiet = all.quiet,
        months = QUIET_MONTHS
    ));
    let width = tracker
        .by_unit
        .keys()
        .map(|u| u.chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    // Each number is right-aligned under its column's label, as wide as the label.
    let columns = [
        msg!(lang, "quality.column_total"),
        msg!(lang, "quality.column_done"),
        msg!(lang, "quality.column_overdue"),
        msg!(lang, "quality.column_quiet"),
    ];
    let widths = columns.each_ref().map(|c| c.chars().count());
    let unit_label = msg!(lang, "quality.column_unit");
    out.push_str(&format!(
        "\n  {unit_label:<width$}  {}\n",
        columns.join("  ")
    ));
    for (unit, c) in &tracker.by_unit {
        let pad = width - unit.chars().count();
        out.push_str(&format!(
            "  {unit}{}  {:>w0$}  {:>w1$}%  {:>w2$}  {:>w3$}\n",
            " ".repeat(pad),
            c.total,
            c.completed_percent(),
            c.overdue,
            c.quiet,
            w0 = widths[0],
            w1 = widths[1].saturating_sub(1),
            w2 = widths[2],
            w3 = widths[3],
        ));
    }
    out
}
