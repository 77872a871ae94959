//! Follow-up figures: recommendations counted by status, overdue and quiet, per unit and in
//! all. The tracker page, the home figures and the summary of `tilik check` share them.

use std::collections::BTreeMap;

use chrono::{Months, NaiveDate};
use serde::Serialize;

use super::report::{Recommendation, Status};
use super::site::Site;

/// How long an open recommendation may go without a status update before it counts as quiet.
pub const QUIET_MONTHS: u32 = 6;

/// Whether an open recommendation has had no status change for [`QUIET_MONTHS`]
/// (its `updated` date, or the report's date when it was never updated).
pub fn is_quiet(rec: &Recommendation, report_date: Option<NaiveDate>, today: NaiveDate) -> bool {
    let Some(limit) = today.checked_sub_months(Months::new(QUIET_MONTHS)) else {
        return false;
    };
    rec.status.is_open() && rec.updated.or(report_date).is_some_and(|d| d < limit)
}

/// Counts of recommendations by status.
#[derive(Debug, Default, Serialize, Clone, Copy, PartialEq, Eq)]
pub struct StatusCounts {
    /// All.
    pub total: usize,
    /// Proposed.
    pub usulan: usize,
    /// In progress.
    pub proses: usize,
    /// Done.
    pub selesai: usize,
    /// Evaluated.
    pub dievaluasi: usize,
    /// Dropped.
    pub dibatalkan: usize,
    /// Overdue.
    pub overdue: usize,
    /// Open with no status change for six months.
    pub quiet: usize,
}

impl StatusCounts {
    /// The counts of one report's recommendations (`report_date`: when it was published).
    pub fn of_report(
        recommendations: &[Recommendation],
        report_date: Option<NaiveDate>,
        today: NaiveDate,
    ) -> StatusCounts {
        let mut counts = StatusCounts::default();
        for r in recommendations {
            counts.add(r, report_date, today);
        }
        counts
    }

    /// Adds one recommendation.
    pub fn add(&mut self, r: &Recommendation, report_date: Option<NaiveDate>, today: NaiveDate) {
        self.total += 1;
        match r.status {
            Status::Usulan => self.usulan += 1,
            Status::Proses => self.proses += 1,
            Status::Selesai => self.selesai += 1,
            Status::Dievaluasi => self.dievaluasi += 1,
            Status::Dibatalkan => self.dibatalkan += 1,
        }
        if r.is_overdue(today) {
            self.overdue += 1;
        }
        if is_quiet(r, report_date, today) {
            self.quiet += 1;
        }
    }

    /// Done or evaluated, as a whole percentage of those not dropped.
    pub fn completed_percent(&self) -> usize {
        let counted = self.total - self.dibatalkan;
        ((self.selesai + self.dievaluasi) * 100 + counted / 2)
            .checked_div(counted)
            .unwrap_or(0)
    }

    /// The count of one status.
    pub fn of(&self, status: Status) -> usize {
        match status {
            Status::Usulan => self.usulan,
            Status::Proses => self.proses,
            Status::Selesai => self.selesai,
            Status::Dievaluasi => self.dievaluasi,
            Status::Dibatalkan => self.dibatalkan,
        }
    }

    /// Done or evaluated.
    pub fn done(&self) -> usize {
        self.selesai + self.dievaluasi
    }
}

/// The follow-up state of a whole site.
#[derive(Debug, Default)]
pub struct Tracker<'a> {
    /// Every published recommendation.
    pub all: StatusCounts,
    /// By unit name, sorted by name.
    pub by_unit: BTreeMap<&'a str, StatusCounts>,
}

impl<'a> Tracker<'a> {
    /// Counts every recommendation of every published report.
    pub fn of(site: &'a Site) -> Self {
        let mut tracker = Tracker::default();
        for page in site.reports() {
            let Some(report) = &page.report else { continue };
            for rec in &report.recommendations {
                tracker.all.add(rec, page.meta.date, site.build_date);
                tracker
                    .by_unit
                    .entry(report.visit.unit.as_str())
                    .or_default()
                    .add(rec, page.meta.date, site.build_date);
            }
        }
        tracker
    }
}
