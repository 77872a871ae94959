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
            lang.pick("laporan tanpa ringkasan (`summary`)", "report without a summary (`summary`)").into(),
            lang.pick(
                "tulis satu atau dua kalimat: apa yang dipelajari dan untuk apa; ringkasan tampil di daftar, pencarian dan umpan berita",
                "write one or two sentences on what was learnt and why; it shows in lists, search and feeds",
            ),
        );
    }
    if checks.objectives
        && report.visit.objectives.is_empty()
        && !has_heading(page, OBJECTIVE_WORDS)
    {
        warn(
            top,
            lang.pick(
                "laporan tanpa tujuan kunjungan",
                "report without the visit's objectives",
            )
            .into(),
            lang.pick(
                "isi `objectives` (tujuan) di tabel [visit] atau tulis bagian \"## Tujuan\"",
                "fill `objectives` in [visit] or write an \"## Objectives\" section",
            ),
        );
    }
    if checks.findings && !has_heading(page, FINDING_WORDS) {
        warn(
            Some(Pos::new(page.body_line, 1)),
            lang.pick(
                "laporan tanpa bagian temuan",
                "report without a findings section",
            )
            .into(),
            lang.pick(
                "tulis bagian \"## Temuan\": apa yang dilihat dan dipelajari",
                "write a \"## Findings\" section: what was seen and learnt",
            ),
        );
    }
    let visit = &report.visit;
    if let Some((pos, problem)) = visit.place_problem.as_ref().filter(|_| checks.region) {
        let province = visit.province.as_deref().unwrap_or_default();
        let (message, hint) = match problem {
            crate::region::PlaceProblem::UnknownProvince(near) => (
                lang.pick(
                    format!("provinsi `{province}` tidak ada dalam daftar resmi Kemendagri"),
                    format!("province `{province}` is not in the official list of the Ministry of Home Affairs"),
                ),
                match near {
                    Some(n) => lang.pick(format!("maksud Anda `{n}`?"), format!("did you mean `{n}`?")),
                    None => lang.pick(
                        "tulis nama resmi provinsi, misalnya \"Jawa Tengah\" atau \"Daerah Istimewa Yogyakarta\"".to_string(),
                        "write the official name of the province, e.g. \"Jawa Tengah\" or \"Daerah Istimewa Yogyakarta\"".to_string(),
                    ),
                },
            ),
            crate::region::PlaceProblem::OtherProvince { regency, province: official } => (
                lang.pick(
                    format!("{regency} berada di provinsi {official}, bukan `{province}`"),
                    format!("{regency} is in the province of {official}, not `{province}`"),
                ),
                lang.pick(
                    format!("tulis province = \"{official}\", atau periksa `destination`"),
                    format!("write province = \"{official}\", or check `destination`"),
                ),
            ),
        };
        warn(Some(*pos), message, &hint);
    }
    if let Some(abroad) = crate::model::abroad::country_named_in(&visit.destination)
        .filter(|_| crate::model::abroad::is_indonesia(&visit.country))
    {
        warn(
            top,
            lang.pick(
                format!(
                    "tujuan `{}` berada di {abroad}, tetapi negara kunjungan tertulis Indonesia",
                    visit.destination
                ),
                format!(
                    "the destination `{}` is in {abroad}, but the visit's country says Indonesia",
                    visit.destination
                ),
            ),
            &lang.pick(
                format!("tulis country = \"{abroad}\" di tabel [visit] (kunjungan ke luar negeri)"),
                format!("write country = \"{abroad}\" in the [visit] table (a visit abroad)"),
            ),
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
                lang.pick(
                    format!("rekomendasi {} tanpa tenggat (`due`)", rec.id),
                    format!("recommendation {} has no due date (`due`)", rec.id),
                ),
                lang.pick(
                    "rekomendasi yang tidak bertenggat sulit dipantau; tambahkan due = TAHUN-BULAN-HARI",
                    "a recommendation without a deadline cannot be followed up; add due = YEAR-MONTH-DAY",
                ),
            );
        }
        if checks.indicator && rec.indicator.is_none() {
            warn(
                pos,
                lang.pick(
                    format!("rekomendasi {} tanpa indikator keberhasilan (`indicator`)", rec.id),
                    format!("recommendation {} has no success indicator (`indicator`)", rec.id),
                ),
                lang.pick(
                    "tuliskan ukuran yang dapat diperiksa, misalnya \"waktu layanan izin turun menjadi 3 hari\"",
                    "write a measurable target, e.g. \"permit processing time down to 3 days\"",
                ),
            );
        }
        if let Some(updated) = rec.updated.filter(|u| checks.quiet && *u > site.build_date) {
            warn(
                pos,
                lang.pick(
                    format!("rekomendasi {}: tanggal `updated` {updated} ada di masa depan (hari ini {})", rec.id, site.build_date),
                    format!("recommendation {}: its `updated` date {updated} is in the future (today is {})", rec.id, site.build_date),
                ),
                lang.pick(
                    "tulis tanggal kabar terakhir yang sebenarnya; tanggal di masa depan menyembunyikan peringatan \"tanpa kabar\" untuk selamanya",
                    "write the date of the real last update; a future date hides the \"no update\" warning for good",
                ),
            );
        }
        if let (Some(due), Some(start)) = (rec.due.filter(|_| checks.due), report.visit.start) {
            if due < start {
                warn(
                    pos,
                    lang.pick(
                        format!(
                            "rekomendasi {}: tenggat {due} lebih awal dari kunjungan ({start})",
                            rec.id
                        ),
                        format!(
                            "recommendation {}: its due date {due} is before the visit ({start})",
                            rec.id
                        ),
                    ),
                    lang.pick(
                        "periksa tahunnya: tenggat sebuah rekomendasi jatuh setelah kunjungan",
                        "check the year: a recommendation falls due after the visit",
                    ),
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
                lang.pick(
                    format!("rekomendasi {} berstatus `{}` tanpa kabar sejak {since} (lebih dari {QUIET_MONTHS} bulan)", rec.id, rec.status.as_str()),
                    format!("recommendation {} is `{}` with no update since {since} (over {QUIET_MONTHS} months)", rec.id, rec.status.as_str()),
                ),
                lang.pick(
                    "tanyakan perkembangannya kepada penanggung jawab, lalu perbarui `status` dan `updated`",
                    "ask the owner how it is going, then update `status` and `updated`",
                ),
            );
        }
    }
    if checks.evaluation && report.evaluation.is_none() {
        let year_ago = site.build_date.checked_sub_months(Months::new(12));
        if let (Some(end), Some(limit)) = (report.visit.end, year_ago) {
            if end < limit {
                warn(
                    top,
                    lang.pick(
                        format!("kunjungan selesai {end}, lebih dari setahun lalu, tetapi belum dievaluasi"),
                        format!("the visit ended on {end}, over a year ago, but has no evaluation"),
                    ),
                    lang.pick(
                        "tambahkan tabel [evaluation]: goals_met, feedback, impact, reviewed",
                        "add an [evaluation] table: goals_met, feedback, impact, reviewed",
                    ),
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
                lang.pick(
                    format!("masih ada petunjuk templat \"{short}…\" di isi laporan"),
                    format!("the template's instruction \"{short}…\" is still in the report"),
                ),
                lang.pick(
                    "ganti petunjuk itu dengan isi bagiannya, atau hapus bagian yang tidak dipakai",
                    "replace the instruction with the section's content, or remove a section you do not use",
                ),
            );
        }
        if let Some(pos) = first {
            warn(
                Some(pos),
                lang.pick(
                    format!("masih ada teks templat \"{TEMPLATE_MARKER} …\" yang belum diganti"),
                    format!("template text \"{TEMPLATE_MARKER} …\" has not been replaced"),
                ),
                lang.pick(
                    "ganti setiap \"ISI: …\" dengan isi laporan yang sebenarnya",
                    "replace every \"ISI: …\" with the report's real content",
                ),
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
    out.push_str(&lang.pick(
        format!("Ringkasan tindak lanjut per {}:\n", site.build_date),
        format!("Follow-up summary as of {}:\n", site.build_date),
    ));
    out.push_str(&lang.pick(
        format!(
            "  {reports} laporan, {} rekomendasi: {} usulan, {} proses, {} selesai, {} dievaluasi, {} dibatalkan; {}% tuntas\n",
            all.total, all.usulan, all.proses, all.selesai, all.dievaluasi, all.dibatalkan, all.completed_percent()
        ),
        format!(
            "  {reports} reports, {} recommendations: {} proposed, {} in progress, {} done, {} evaluated, {} dropped; {}% completed\n",
            all.total, all.usulan, all.proses, all.selesai, all.dievaluasi, all.dibatalkan, all.completed_percent()
        ),
    ));
    out.push_str(&lang.pick(
        format!(
            "  {} terlambat, {} tanpa kabar lebih dari {QUIET_MONTHS} bulan\n",
            all.overdue, all.quiet
        ),
        format!(
            "  {} overdue, {} with no update for over {QUIET_MONTHS} months\n",
            all.overdue, all.quiet
        ),
    ));
    let width = tracker
        .by_unit
        .keys()
        .map(|u| u.chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    out.push_str(&lang.pick(
        format!(
            "\n  {:<width$}  total  tuntas  terlambat  tanpa kabar\n",
            "SKPD"
        ),
        format!("\n  {:<width$}  total  done  overdue  quiet\n", "Unit"),
    ));
    for (unit, c) in &tracker.by_unit {
        let pad = width - unit.chars().count();
        out.push_str(&lang.pick(
            format!(
                "  {unit}{}  {:>5}  {:>5}%  {:>9}  {:>11}\n",
                " ".repeat(pad),
                c.total,
                c.completed_percent(),
                c.overdue,
                c.quiet
            ),
            format!(
                "  {unit}{}  {:>5}  {:>3}%  {:>7}  {:>5}\n",
                " ".repeat(pad),
                c.total,
                c.completed_percent(),
                c.overdue,
                c.quiet
            ),
        ));
    }
    out
}
