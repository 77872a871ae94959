//! Open data: `data/laporan.json` (every published report), `data/rekomendasi.csv` (every
//! recommendation, RFC 4180, UTF-8) with its CSV on the Web description
//! (`data/rekomendasi.csv-metadata.json`), and the DCAT catalogue of both
//! (`data/catalog.jsonld`) that data portals harvest.

use std::io::{Seek, Write};

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::{Diagnostic, Lang};
use crate::msg;

use crate::model::report::ReportData;
use crate::model::report::{Scope, Status, VisitKind};
use crate::model::site::{Page, Site};
use crate::model::taxonomy::TaxonomyKind;
use crate::render::views::RecommendationView;

use super::OutputFile;

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
    /// Official region code of the regency/city or province visited (Kemendagri).
    kode_wilayah: Option<&'static str>,
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

/// Where the open-data files are published, from the site root.
pub const REPORTS_JSON: &str = "data/laporan.json";
/// See [`REPORTS_JSON`].
pub const RECOMMENDATIONS_CSV: &str = "data/rekomendasi.csv";
/// The CSVW description of [`RECOMMENDATIONS_CSV`] (the name CSVW clients look for).
pub const RECOMMENDATIONS_CSVW: &str = "data/rekomendasi.csv-metadata.json";
/// The DCAT catalogue.
pub const CATALOG: &str = "data/catalog.jsonld";

/// What a column of `rekomendasi.csv` holds, for its CSVW description.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnType {
    /// An absolute URL.
    Url,
    /// Free text.
    Text,
    /// `YYYY-MM-DD`, or empty.
    Date,
    /// `true` or `false`.
    Boolean,
    /// One of the five status values.
    Status,
    /// A Kemendagri region code (`33` or `33.02`), or empty.
    RegionCode,
}

/// One column of `rekomendasi.csv`.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    /// The header cell, as written in the file.
    pub name: &'static str,
    /// Title in Indonesian.
    pub title_id: &'static str,
    /// Title in English.
    pub title_en: &'static str,
    /// What its cells hold.
    pub kind: ColumnType,
    /// True when every row has a value.
    pub required: bool,
}

const fn column(
    name: &'static str,
    title_id: &'static str,
    title_en: &'static str,
    kind: ColumnType,
    required: bool,
) -> Column {
    Column {
        name,
        title_id,
        title_en,
        kind,
        required,
    }
}

/// The columns of `rekomendasi.csv`, in order. New columns are added at the end, so that a
/// reader that goes by position keeps working.
pub const RECOMMENDATION_COLUMNS: [Column; 19] = [
    column(
        "report_url",
        "Alamat laporan",
        "Report URL",
        ColumnType::Url,
        true,
    ),
    column(
        "report_title",
        "Judul laporan",
        "Report title",
        ColumnType::Text,
        true,
    ),
    column(
        "unit",
        "Perangkat daerah",
        "Government unit",
        ColumnType::Text,
        true,
    ),
    column(
        "id",
        "Nomor rekomendasi",
        "Recommendation number",
        ColumnType::Text,
        true,
    ),
    column(
        "text",
        "Rekomendasi",
        "Recommendation",
        ColumnType::Text,
        true,
    ),
    column("owner", "Penanggung jawab", "Owner", ColumnType::Text, true),
    column("due", "Tenggat", "Due date", ColumnType::Date, false),
    column("status", "Status", "Status", ColumnType::Status, true),
    column("overdue", "Terlambat", "Overdue", ColumnType::Boolean, true),
    column("updated", "Diperbarui", "Updated", ColumnType::Date, false),
    column(
        "indicator",
        "Indikator",
        "Indicator",
        ColumnType::Text,
        false,
    ),
    column("note", "Catatan", "Note", ColumnType::Text, false),
    column(
        "kode_wilayah",
        "Kode wilayah tujuan (Kemendagri)",
        "Region code of the destination (Ministry of Home Affairs)",
        ColumnType::RegionCode,
        false,
    ),
    column(
        "reached_usulan",
        "Tanggal pertama berstatus usulan",
        "Date first proposed",
        ColumnType::Date,
        false,
    ),
    column(
        "reached_proses",
        "Tanggal pertama berstatus proses",
        "Date first in progress",
        ColumnType::Date,
        false,
    ),
    column(
        "reached_selesai",
        "Tanggal pertama berstatus selesai",
        "Date first done",
        ColumnType::Date,
        false,
    ),
    column(
        "reached_dievaluasi",
        "Tanggal pertama berstatus dievaluasi",
        "Date first evaluated",
        ColumnType::Date,
        false,
    ),
    column(
        "reached_dibatalkan",
        "Tanggal pertama berstatus dibatalkan",
        "Date first dropped",
        ColumnType::Date,
        false,
    ),
    column(
        "source",
        "Portal sumber",
        "Source portal",
        ColumnType::Text,
        true,
    ),
];

/// Every open-data file, each given to `emit` as soon as it is made. `laporan.json` and
/// `rekomendasi.csv` (tens of megabytes at 10,000 reports) are streamed record by record into
/// temporary files and published as copies of them (a big portal never holds them in
/// memory), or as their bytes when `in_memory` (for a caller that keeps the files it is given).
pub fn publish(
    site: &Site,
    lang: Lang,
    in_memory: bool,
    emit: impl Fn(OutputFile) -> Result<(), Diagnostic> + Sync,
) -> Result<(), Diagnostic> {
    let base = &site.config.base_url;
    let json_file = temp_file(lang)?;
    let csv_file = temp_file(lang)?;
    let write_error = |file: &tempfile::NamedTempFile, e: &dyn std::fmt::Display| {
        Diagnostic::error(
            file.path(),
            None,
            msg!(lang, "write.cannot_write", error = e),
        )
    };
    let clone = |file: &tempfile::NamedTempFile| {
        file.as_file()
            .try_clone()
            .map(std::io::BufWriter::new)
            .map_err(|e| write_error(file, &e))
    };
    let csv = recommendations_writer(clone(&csv_file)?).map_err(|e| write_error(&csv_file, &e))?;
    let export = Export {
        title: &site.config.title,
        url: base,
        generated: site.build_date.to_string(),
        reports: Reports {
            site,
            csv: std::cell::RefCell::new(csv),
            csv_error: std::cell::RefCell::new(None),
        },
    };
    let mut json = Counted::new(clone(&json_file)?);
    let written = serde_json::to_writer_pretty(&mut json, &export);
    let Reports { csv, csv_error, .. } = export.reports;
    if let Some(e) = csv_error.into_inner() {
        return Err(write_error(&csv_file, &e));
    }
    written.map_err(|e| write_error(&json_file, &e))?;
    json.inner
        .flush()
        .map_err(|e| write_error(&json_file, &e))?;
    let csv_size = csv
        .into_inner()
        .into_inner()
        .map_err(|e| write_error(&csv_file, e.error()))?
        .into_inner()
        .map_err(|e| write_error(&csv_file, e.error()))?
        .stream_position()
        .map_err(|e| write_error(&csv_file, &e))?;
    let sizes = super::catalog::Sizes {
        reports_json: json.count,
        recommendations_csv: csv_size as usize,
    };
    drop(json);
    for (path, file) in [(REPORTS_JSON, &json_file), (RECOMMENDATIONS_CSV, &csv_file)] {
        emit(if in_memory {
            let bytes = std::fs::read(file.path()).map_err(|e| {
                Diagnostic::error(
                    file.path(),
                    None,
                    msg!(lang, "output.cannot_read", error = e),
                )
            })?;
            OutputFile::bytes(path, bytes)
        } else {
            OutputFile::copy(path, file.path().to_path_buf())
        })?;
    }
    drop((json_file, csv_file));
    emit(OutputFile::bytes(
        CATALOG,
        super::catalog::catalog(site, &sizes),
    ))?;
    emit(OutputFile::bytes(
        RECOMMENDATIONS_CSVW,
        super::catalog::csvw_metadata(site),
    ))?;
    unit_csvs(site, emit)
}

/// `data/laporan.json` as a whole.
#[derive(Serialize)]
struct Export<'a> {
    title: &'a str,
    url: &'a str,
    generated: String,
    reports: Reports<'a>,
}

/// The records of `data/laporan.json`, each made as it is written (the portal's own, then, in
/// a hub, the members'), with its recommendations' rows written to `rekomendasi.csv`.
struct Reports<'a> {
    site: &'a Site,
    csv: std::cell::RefCell<csv::Writer<std::io::BufWriter<std::fs::File>>>,
    /// Why writing `rekomendasi.csv` failed (the JSON stops there).
    csv_error: std::cell::RefCell<Option<csv::Error>>,
}

impl Serialize for Reports<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeSeq};
        let site = self.site;
        let base = &site.config.base_url;
        let today = site.build_date;
        // A hub's `laporan.json` says where each report comes from; every CSV row does.
        let hub = !site.network.is_empty();
        let source = site.config.title.as_str();
        let mut csv = self.csv.borrow_mut();
        let failed = |e: csv::Error| {
            *self.csv_error.borrow_mut() = Some(e);
            S::Error::custom("rekomendasi.csv")
        };
        let mut seq = serializer.serialize_seq(None)?;
        for page in site.reports() {
            let Some(r) = &page.report else { continue };
            let url = format!("{base}{}", page.path);
            write_recommendations(&mut csv, page, r, &url, today, source).map_err(failed)?;
            let mut own = record(site, page, r, url);
            if hub {
                own.source = Some(source);
            }
            seq.serialize_element(&Record::Own(own))?;
        }
        let members = crate::network::opendata::records(site, &mut csv).map_err(failed)?;
        for member in members {
            seq.serialize_element(&Record::Member(member))?;
        }
        seq.end()
    }
}

/// A writer that counts the bytes written through it.
struct Counted<W> {
    inner: W,
    count: usize,
}

impl<W> Counted<W> {
    fn new(inner: W) -> Self {
        Counted { inner, count: 0 }
    }
}

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.count += n;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// A temporary file (in the system's temporary folder, `TMPDIR`), removed when dropped.
fn temp_file(lang: Lang) -> Result<tempfile::NamedTempFile, Diagnostic> {
    tempfile::Builder::new()
        .prefix(".tilik-opendata-")
        .tempfile()
        .map_err(|e| {
            Diagnostic::error(
                std::env::temp_dir(),
                None,
                msg!(lang, "write.cannot_write", error = e),
            )
        })
}

/// A CSV writer of `rekomendasi.csv`'s form into `out`, with its header row written.
fn recommendations_writer<W: Write>(out: W) -> Result<csv::Writer<W>, csv::Error> {
    let mut csv = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    csv.write_record(RECOMMENDATION_COLUMNS.map(|c| c.name))?;
    Ok(csv)
}

/// The rows of one report's recommendations.
fn write_recommendations<W: Write>(
    csv: &mut csv::Writer<W>,
    page: &Page,
    r: &ReportData,
    url: &str,
    today: chrono::NaiveDate,
    source: &str,
) -> Result<(), csv::Error> {
    let v = &r.visit;
    for rec in &r.recommendations {
        let due = date(rec.due).unwrap_or_default();
        let updated = date(rec.updated).unwrap_or_default();
        let reached = Status::ALL.map(|s| date(rec.first_reached(s)).unwrap_or_default());
        let overdue = if rec.is_overdue(today) {
            "true"
        } else {
            "false"
        };
        let cells = [
            url,
            page.meta.title.as_str(),
            v.unit.as_str(),
            rec.id.as_str(),
            rec.text.as_str(),
            rec.owner.as_str(),
            due.as_str(),
            rec.status.as_str(),
            overdue,
            updated.as_str(),
            rec.indicator.as_deref().unwrap_or_default(),
            rec.note.as_deref().unwrap_or_default(),
            v.place.code().unwrap_or_default(),
            reached[0].as_str(),
            reached[1].as_str(),
            reached[2].as_str(),
            reached[3].as_str(),
            reached[4].as_str(),
            source,
        ]
        .map(crate::sanitize::spreadsheet_safe);
        csv.write_record(cells.iter().map(|c| c.as_bytes()))?;
    }
    Ok(())
}

/// `rekomendasi/<unit>/rekomendasi.csv`: the recommendations of one unit's reports, as its
/// tracker page lists them, in the columns of `data/rekomendasi.csv`; each given to `emit` as
/// it is made.
fn unit_csvs(
    site: &Site,
    emit: impl Fn(OutputFile) -> Result<(), Diagnostic> + Sync,
) -> Result<(), Diagnostic> {
    let base = &site.config.base_url;
    site.taxonomies
        .get(TaxonomyKind::Unit)
        .terms
        .par_iter()
        .try_for_each(|term| {
            // Writing to memory cannot fail; an error here would be a bug.
            let mut csv = recommendations_writer(Vec::new()).expect("write to memory");
            for page in term.pages.iter().map(|&i| &site.pages[i]) {
                let Some(r) = &page.report else { continue };
                if r.visit.unit == term.name {
                    let url = format!("{base}{}", page.path);
                    write_recommendations(
                        &mut csv,
                        page,
                        r,
                        &url,
                        site.build_date,
                        &site.config.title,
                    )
                    .expect("write to memory");
                }
            }
            let bytes = csv.into_inner().expect("write to memory");
            emit(OutputFile::bytes(unit_csv_path(&term.slug), bytes))
        })
}

/// Where a unit's recommendations CSV is published, beside its tracker page.
pub fn unit_csv_path(unit_slug: &str) -> String {
    format!("rekomendasi/{unit_slug}/rekomendasi.csv")
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
        kode_wilayah: v.place.code(),
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
        days_to_report: page
            .meta
            .date
            .zip(v.end.or(v.start))
            .map(|(d, end)| (d - end).num_days()),
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
