//! A hub's open data: its members' reports in `data/laporan.json` and their recommendations
//! in `data/rekomendasi.csv`, each with the `source` (the member's name).

use serde::Serialize;

use crate::model::site::Site;
use crate::network::manifest::MemberRecommendation;

/// A member's report in the hub's `data/laporan.json`.
#[derive(Serialize)]
pub struct MemberRecord<'a> {
    title: &'a str,
    url: &'a str,
    summary: Option<&'a str>,
    date: Option<&'a str>,
    lang: &'a str,
    unit: &'a str,
    destination: &'a str,
    province: Option<&'a str>,
    kode_wilayah: Option<&'a str>,
    country: &'a str,
    start: Option<&'a str>,
    topics: &'a [String],
    recommendations: &'a [MemberRecommendation],
    /// The member portal it comes from.
    source: &'a str,
}

/// Every member's reports, in configuration order, with their recommendations written to
/// `csv` (columns as the hub's own rows, `source` last; `updated` and the first-reached dates empty).
pub fn records<'a, W: std::io::Write>(
    site: &'a Site,
    csv: &mut csv::Writer<W>,
) -> Result<Vec<MemberRecord<'a>>, csv::Error> {
    let mut out = Vec::new();
    for member in &site.network {
        let Some(data) = &member.data else { continue };
        let source = member.config.name.as_str();
        for r in &data.reports {
            for rec in &r.recommendations {
                let cells = [
                    r.url.as_str(),
                    &r.title,
                    &r.unit,
                    &rec.id,
                    &rec.text,
                    &rec.owner,
                    rec.due.as_deref().unwrap_or(""),
                    &rec.status,
                    if rec.overdue { "true" } else { "false" },
                    "",
                    rec.indicator.as_deref().unwrap_or(""),
                    rec.note.as_deref().unwrap_or(""),
                    r.kode_wilayah.as_deref().unwrap_or(""),
                    // The dates each status was first reached: not in the hub interface.
                    "",
                    "",
                    "",
                    "",
                    "",
                    source,
                ]
                .map(crate::sanitize::spreadsheet_safe);
                csv.write_record(cells.iter().map(|c| c.as_bytes()))?;
            }
            out.push(MemberRecord {
                title: &r.title,
                url: &r.url,
                summary: r.summary.as_deref(),
                date: r.date.as_deref(),
                lang: &r.lang,
                unit: &r.unit,
                destination: &r.destination,
                province: r.province.as_deref(),
                kode_wilayah: r.kode_wilayah.as_deref(),
                country: &r.country,
                start: r.start.as_deref(),
                topics: &r.topics,
                recommendations: &r.recommendations,
                source,
            });
        }
    }
    Ok(out)
}
