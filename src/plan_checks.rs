//! What `tilik check` says about visit plans: a plan that repeats a visit its own unit
//! reported less than two years earlier, a visit whose report is overdue, and for each plan
//! its most related earlier reports.

use crate::diagnostics::{Diagnostic, Lang, Pos};
use crate::model::plan::days_without_report;
use crate::model::site::Site;
use crate::msg;
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
                    msg!(
                        lang,
                        "plan_checks.visited_before",
                        unit = visit.unit,
                        destination = visit.destination,
                        when,
                        years = REPEAT_DAYS / 365,
                        shown
                    ),
                )
                .with_hint(msg!(lang, "plan_checks.visited_before_hint")),
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
                    msg!(lang, "plan_checks.template_marker", marker),
                )
                .with_hint(msg!(lang, "plan_checks.template_marker_hint")),
            );
        }
        if let Some(days) = days_without_report(plan, site.build_date, due) {
            let end = visit.end.map(|d| d.to_string()).unwrap_or_default();
            out.push(
                Diagnostic::warning(
                    file,
                    visit.end_pos.or(Some(Pos::new(1, 1))),
                    msg!(
                        lang,
                        "plan_checks.report_overdue",
                        end,
                        days = msg!(lang, "count.days", count = days),
                        due = msg!(lang, "count.days", count = due),
                    ),
                )
                .with_hint(msg!(lang, "plan_checks.report_overdue_hint")),
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
    let mut out = msg!(lang, "plan_checks.review_heading");
    for (i, plan) in site.plans.iter().enumerate() {
        let shown = crate::diagnostics::display_path(&plan.source.display);
        out.push_str(&format!("  {shown}: {}\n", plan.meta.title));
        let links = site.related.of_plan.get(i).map_or(&[][..], Vec::as_slice);
        if links.is_empty() {
            out.push_str(&msg!(lang, "plan_checks.review_none"));
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
