//! What `tilik check` says about visit plans: a plan that repeats a visit its own unit
//! reported less than two years earlier, a visit whose report is overdue, and for each plan
//! its most related earlier reports.

use crate::diagnostics::{Diagnostic, Lang, Pos};
use crate::model::plan::days_without_report;
use crate::model::site::Site;
use crate::related::REPEAT_DAYS;

/// Related reports printed per plan by `tilik check`.
pub const SHOWN: usize = 3;

/// Warnings about the site's plans: repeated visits and visits without a report.
pub fn check(site: &Site, lang: Lang) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let due = site.config.publish.report_due_days;
    for (i, plan) in site.plans.iter().enumerate() {
        let Some(report) = &plan.report else { continue };
        let visit = &report.visit;
        let file = &plan.source.display;
        for &r in site.related.repeats.get(i).map_or(&[][..], Vec::as_slice) {
            let Some(earlier) = site.pages.get(r) else {
                continue;
            };
            let when = earlier
                .report
                .as_ref()
                .and_then(|e| e.visit.start)
                .map(|d| d.to_string())
                .unwrap_or_default();
            let shown = crate::diagnostics::display_path(&earlier.source.display);
            out.push(
                Diagnostic::warning(
                    file,
                    visit.destination_pos,
                    lang.pick(
                        format!(
                            "{} sudah berkunjung ke {} untuk topik yang sama pada {when} (kurang dari {} tahun lalu): {shown}",
                            visit.unit, visit.destination, REPEAT_DAYS / 365
                        ),
                        format!(
                            "{} already visited {} on the same topic on {when} (less than {} years ago): {shown}",
                            visit.unit, visit.destination, REPEAT_DAYS / 365
                        ),
                    ),
                )
                .with_hint(lang.pick(
                    "baca laporan itu dan tindak lanjutnya; tulis di rencana apa yang belum terjawab, atau pilih tujuan lain",
                    "read that report and its follow-up; write in the plan what it left unanswered, or choose another destination",
                )),
            );
        }
        let marker = crate::quality::TEMPLATE_MARKER;
        let texts = [plan.meta.title.as_str(), &plan.body]
            .into_iter()
            .chain(plan.meta.summary.as_deref())
            .chain(visit.objectives.iter().map(String::as_str))
            .chain(visit.questions.iter().map(String::as_str));
        if site.config.checks.template_text && texts.into_iter().any(|t| t.contains(marker)) {
            out.push(
                Diagnostic::warning(
                    file,
                    Some(Pos::new(1, 1)),
                    lang.pick(
                        format!("masih ada teks templat \"{marker} …\" yang belum diganti"),
                        format!("template text \"{marker} …\" has not been replaced"),
                    ),
                )
                .with_hint(lang.pick(
                    "ganti setiap \"ISI: …\" dengan isi rencana yang sebenarnya",
                    "replace every \"ISI: …\" with the plan's real content",
                )),
            );
        }
        if let Some(days) = days_without_report(plan, site.build_date, due) {
            let end = visit.end.map(|d| d.to_string()).unwrap_or_default();
            out.push(
                Diagnostic::warning(
                    file,
                    visit.end_pos.or(Some(Pos::new(1, 1))),
                    lang.pick(
                        format!(
                            "kunjungan selesai {end}, tetapi laporannya belum ada {days} hari setelah tenggat ({due} hari setelah kunjungan)"
                        ),
                        format!(
                            "the visit ended on {end}, but its report is {days} days past due ({due} days after the visit)"
                        ),
                    ),
                )
                .with_hint(lang.pick(
                    "tulis laporannya di berkas ini: ubah `stage` menjadi \"laporan\", lalu isi temuan dan rekomendasi",
                    "write the report in this file: set `stage` to \"laporan\", then add findings and recommendations",
                )),
            );
        }
    }
    out
}

/// For each plan, its most related earlier reports, as `tilik check` prints them.
pub fn review_summary(site: &Site, lang: Lang) -> String {
    if site.plans.is_empty() {
        return String::new();
    }
    let mut out = lang.pick(
        "Kajian awal rencana kunjungan (laporan terdahulu yang paling terkait):\n".to_string(),
        "Prior-visit review of the visit plans (most related earlier reports):\n".to_string(),
    );
    for (i, plan) in site.plans.iter().enumerate() {
        let shown = crate::diagnostics::display_path(&plan.source.display);
        out.push_str(&format!("  {shown}: {}\n", plan.meta.title));
        let links = site.related.of_plan.get(i).map_or(&[][..], Vec::as_slice);
        if links.is_empty() {
            out.push_str(lang.pick(
                "      (belum ada laporan terdahulu yang serupa)\n",
                "      (no similar earlier report)\n",
            ));
        }
        for link in links.iter().take(SHOWN) {
            let Some(page) = site.pages.get(link.page) else {
                continue;
            };
            let reasons: Vec<&str> = link
                .reasons
                .iter()
                .map(|r| match lang {
                    Lang::Id => r.label(),
                    Lang::En => r.label_en(),
                })
                .collect();
            let year = page
                .visit_year()
                .map(|y| format!(" ({y})"))
                .unwrap_or_default();
            out.push_str(&format!(
                "    - {}{year} [{}]: {}\n",
                page.meta.title,
                reasons.join(", "),
                crate::diagnostics::display_path(&page.source.display)
            ));
        }
    }
    out
}
