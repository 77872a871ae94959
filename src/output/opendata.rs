//! Open data: `data/laporan.json` (every published report) and `data/rekomendasi.csv`
//! (every recommendation, RFC 4180, UTF-8).

use serde::Serialize;

use crate::model::report::{Scope, VisitKind};
use crate::model::site::Site;
use crate::render::views::RecommendationView;

use super::OutputFile;

#[derive(Serialize)]
struct Export<'a> {
    title: &'a str,
    url: &'a str,
    generated: String,
    reports: Vec<ReportRecord<'a>>,
}

#[derive(Serialize)]
struct ReportRecord<'a> {
    title: &'a str,
    url: String,
    summary: Option<&'a str>,
    date: Option<String>,
    lang: &'static str,
    kind: VisitKind,
    unit: &'a str,
    destination: &'a str,
    province: Option<&'a str>,
    country: &'a str,
    scope: Scope,
    start: Option<String>,
    end: Option<String>,
    hosts: &'a [String],
    topics: &'a [String],
    objectives: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    team: Option<&'a [String]>,
    tags: &'a [String],
    budget: Option<i64>,
    funding: Option<&'a str>,
    recommendations: Vec<RecommendationView<'a>>,
    evaluation: Option<EvaluationRecord<'a>>,
    /// Days from the end of the visit to the report's publication.
    days_to_report: Option<i64>,
}

#[derive(Serialize)]
struct EvaluationRecord<'a> {
    goals_met: Option<bool>,
    feedback: Option<&'a str>,
    impact: Option<&'a str>,
    reviewed: Option<String>,
}

fn date(d: Option<chrono::NaiveDate>) -> Option<String> {
    d.map(|d| d.to_string())
}

/// Both open-data files.
pub fn open_data(site: &Site) -> Vec<OutputFile> {
    let base = &site.config.base_url;
    let today = site.build_date;
    let mut reports = Vec::new();
    let mut csv = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let header = [
        "report_url",
        "report_title",
        "unit",
        "id",
        "text",
        "owner",
        "due",
        "status",
        "overdue",
        "updated",
    ];
    // Writing to memory cannot fail; errors here would be a bug, not bad input.
    csv.write_record(header).expect("write to memory");
    for page in site.reports() {
        let Some(r) = &page.report else { continue };
        let v = &r.visit;
        let url = format!("{base}{}", page.path);
        for rec in &r.recommendations {
            let due = date(rec.due).unwrap_or_default();
            let updated = date(rec.updated).unwrap_or_default();
            let overdue = if rec.is_overdue(today) {
                "true"
            } else {
                "false"
            };
            let cells = [
                url.as_str(),
                page.meta.title.as_str(),
                v.unit.as_str(),
                rec.id.as_str(),
                rec.text.as_str(),
                rec.owner.as_str(),
                due.as_str(),
                rec.status.as_str(),
                overdue,
                updated.as_str(),
            ]
            .map(crate::sanitize::spreadsheet_safe);
            csv.write_record(cells.iter().map(|c| c.as_bytes()))
                .expect("write to memory");
        }
        reports.push(ReportRecord {
            title: &page.meta.title,
            url,
            summary: page.meta.summary.as_deref(),
            date: date(page.meta.date),
            lang: page.lang.code(),
            kind: v.kind,
            unit: &v.unit,
            destination: &v.destination,
            province: v.province.as_deref(),
            country: &v.country,
            scope: v.scope(),
            start: date(v.start),
            end: date(v.end),
            hosts: &v.hosts,
            topics: &v.topics,
            objectives: &v.objectives,
            team: site
                .config
                .privacy
                .publish_team
                .then_some(v.team.as_slice()),
            tags: &page.meta.tags,
            budget: v.budget,
            funding: v.funding.as_deref(),
            recommendations: r
                .recommendations
                .iter()
                .map(|rec| RecommendationView::of(rec, today))
                .collect(),
            evaluation: r.evaluation.as_ref().map(|e| EvaluationRecord {
                goals_met: e.goals_met,
                feedback: e.feedback.as_deref(),
                impact: e.impact.as_deref(),
                reviewed: date(e.reviewed),
            }),
            days_to_report: page
                .meta
                .date
                .zip(v.end.or(v.start))
                .map(|(d, end)| (d - end).num_days()),
        });
    }
    let export = Export {
        title: &site.config.title,
        url: base,
        generated: today.to_string(),
        reports,
    };
    let json = to_json(&export);
    let csv = csv.into_inner().expect("write to memory");
    vec![
        OutputFile::bytes("data/laporan.json", json),
        OutputFile::bytes("data/rekomendasi.csv", csv),
    ]
}

/// Pretty JSON of `value` in a buffer of exactly its size: the export of a big portal is tens
/// of megabytes, and a buffer grown by doubling would hold up to three times that at once.
fn to_json(value: &impl Serialize) -> Vec<u8> {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    // Serialising plain data to memory cannot fail; an error here would be a bug.
    let mut count = Count(0);
    serde_json::to_writer_pretty(&mut count, value).expect("serialise plain data");
    let mut json = Vec::with_capacity(count.0);
    serde_json::to_writer_pretty(&mut json, value).expect("serialise plain data");
    json
}
