//! Visit plans (`stage = "rencana"`): whether a plan's report is overdue, and how long a
//! report took to appear after its visit.

use chrono::NaiveDate;

use super::site::{Page, Site};

/// Days past the report's due date (`end` + `report_due_days`) of a plan still not turned
/// into a report on `today`; `None` when it is not overdue (or not a plan).
pub fn days_without_report(page: &Page, today: NaiveDate, due_days: u32) -> Option<i64> {
    let report = page.report.as_ref().filter(|_| page.is_plan())?;
    let end = report.visit.end.or(report.visit.start)?;
    let late = (today - end).num_days() - i64::from(due_days);
    (late > 0).then_some(late)
}

/// Whether a plan's visit has not ended yet on `today`.
pub fn is_upcoming(page: &Page, today: NaiveDate) -> bool {
    page.report
        .as_ref()
        .and_then(|r| r.visit.end.or(r.visit.start))
        .is_some_and(|end| end >= today)
}

/// Days from the end of a report's visit to its publication, when that is more than
/// `due_days` (a report that took long to appear says so).
pub fn report_delay(page: &Page, due_days: u32) -> Option<i64> {
    let report = page.report.as_ref().filter(|_| page.is_report())?;
    let end = report.visit.end.or(report.visit.start)?;
    let days = (page.meta.date? - end).num_days();
    (days > i64::from(due_days)).then_some(days)
}

/// The plans of a site whose report is overdue, with the days past due: by unit (as
/// written, case-insensitively), then most overdue first.
pub fn without_report(site: &Site) -> Vec<(&Page, i64)> {
    let due = site.config.publish.report_due_days;
    let mut out: Vec<(&Page, i64)> = site
        .plans
        .iter()
        .filter_map(|p| Some((p, days_without_report(p, site.build_date, due)?)))
        .collect();
    let unit = |p: &Page| {
        p.report
            .as_ref()
            .map(|r| r.visit.unit.to_lowercase())
            .unwrap_or_default()
    };
    out.sort_by(|a, b| {
        unit(a.0)
            .cmp(&unit(b.0))
            .then(b.1.cmp(&a.1))
            .then_with(|| a.0.path.cmp(&b.0.path))
    });
    out
}
