//! Open data of the visit plans: `data/rencana.csv` (RFC 4180, UTF-8), one row per plan with
//! its dates, budget and, for a visit whose report is overdue, the days past due.

use crate::model::plan::{days_without_report, is_upcoming};
use crate::model::site::Site;

use super::OutputFile;

/// The columns of `data/rencana.csv`.
pub const HEADER: [&str; 11] = [
    "plan_url",
    "plan_title",
    "unit",
    "destination",
    "country",
    "start",
    "end",
    "budget",
    "funding",
    "upcoming",
    "days_without_report",
];

/// `data/rencana.csv`, when plans are published and there are any.
pub fn plan_data(site: &Site) -> Vec<OutputFile> {
    if !site.plans_published || site.plans.is_empty() {
        return Vec::new();
    }
    let due = site.config.publish.report_due_days;
    let mut csv = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to memory cannot fail; errors here would be a bug, not bad input.
    csv.write_record(HEADER).expect("write to memory");
    for plan in &site.plans {
        let Some(r) = &plan.report else { continue };
        let v = &r.visit;
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let cells = [
            format!("{}{}", site.config.base_url, plan.path),
            plan.meta.title.clone(),
            v.unit.clone(),
            v.destination.clone(),
            v.country.clone(),
            date(v.start),
            date(v.end),
            v.budget.map(|b| b.to_string()).unwrap_or_default(),
            v.funding.clone().unwrap_or_default(),
            is_upcoming(plan, site.build_date).to_string(),
            days_without_report(plan, site.build_date, due)
                .map(|d| d.to_string())
                .unwrap_or_default(),
        ]
        .map(|c| crate::sanitize::spreadsheet_safe(&c).into_owned());
        csv.write_record(&cells).expect("write to memory");
    }
    vec![OutputFile::bytes(
        "data/rencana.csv",
        csv.into_inner().expect("write to memory"),
    )]
}
