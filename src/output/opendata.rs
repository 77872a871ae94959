//! Open data: `data/laporan.json` (every published report) and `data/rekomendasi.csv`
//! (every recommendation, RFC 4180, UTF-8).

use serde::Serialize;

use crate::model::report::{ReportData, Scope, VisitKind};
use crate::model::site::{Page, Site};
use crate::render::views::RecommendationView;

use super::OutputFile;

#[derive(Serialize)]
struct Export<'a> {
    title: &'a str,
    url: &'a str,
    generated: String,
    reports: Vec<Record<'a>>,
}

/// A report of the export: the portal's own, or (in a hub) a member's.
#[derive(Serialize)]
#[allow(clippy::large_enum_variant)] // most records are the portal's own
#[serde(untagged)]
enum Record<'a> {
    Own(ReportRecord<'a>),
    Member(crate::network::opendata::MemberRecord<'a>),
}

/// One report as `data/laporan.json` publishes it (also the base of the hub interface's
/// records, [`super::network`]).
#[derive(Serialize)]
pub(crate) struct ReportRecord<'a> {
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
    pub(crate) team: Option<&'a [String]>,
    /// In a hub: the portal the report comes from (the hub's own title for its own reports).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) source: Option<&'a str>,
    tags: &'a [String],
    budget: Option<i64>,
    funding: Option<&'a str>,
    recommendations: Vec<RecommendationView<'a>>,
    evaluation: Option<EvaluationRecord<'a>>,
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
    // A hub's files say where each report comes from.
    let hub = !site.network.is_empty();
    let source = crate::sanitize::spreadsheet_safe(&site.config.title);
    // Writing to memory cannot fail; errors here would be a bug, not bad input.
    csv.write_record(header.into_iter().chain(hub.then_some("source")))
        .expect("write to memory");
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
            let source = hub.then_some(source.as_bytes());
            csv.write_record(cells.iter().map(|c| c.as_bytes()).chain(source))
                .expect("write to memory");
        }
        let mut own = record(site, page, r, url);
        if hub {
            own.source = Some(&site.config.title);
        }
        reports.push(Record::Own(own));
    }
    for member in crate::network::opendata::records(site, &mut csv) {
        reports.push(Record::Member(member));
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

/// The open-data record of one published report at `url`.
pub(crate) fn record<'a>(
    site: &'a Site,
    page: &'a Page,
    r: &'a ReportData,
    url: String,
) -> ReportRecord<'a> {
    let v = &r.visit;
    let today = site.build_date;
    ReportRecord {
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
        source: None,
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
    }
}

/// Pretty JSON of `value` in a buffer of exactly its size: the export of a big portal is tens
/// of megabytes, and a buffer grown by doubling would hold up to three times that at once.
pub(crate) fn to_json(value: &impl Serialize) -> Vec<u8> {
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
