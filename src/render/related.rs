//! Views of related reports: "Laporan terkait" on report pages and the prior-visit review
//! ("Kajian awal") on plan pages, and of the plans themselves.

use serde::Serialize;

use super::views::{PageView, StatusCounts, TermView, Viewer};
use crate::model::plan;
use crate::model::report::Status;
use crate::model::site::Page;
use crate::model::taxonomy::TaxonomyKind;
use crate::related::{Link, Reason};

/// A related report as templates see it.
#[derive(Serialize)]
pub struct RelatedView<'a> {
    title: &'a str,
    path: &'a str,
    summary: Option<&'a str>,
    unit: TermView<'a>,
    destination: TermView<'a>,
    year: Option<i32>,
    /// Reason keys (`tujuan-sama`, `topik-sama`, `isi-mirip`), strongest first.
    reasons: Vec<Reason>,
    /// Its recommendations by status.
    rec_summary: StatusCounts,
    /// Its recommendations, each with its status (in the review only).
    recommendations: Vec<RecLine<'a>>,
}

/// One recommendation of a related report, in a plan's review.
#[derive(Serialize)]
pub struct RecLine<'a> {
    id: &'a str,
    text: &'a str,
    status: Status,
    overdue: bool,
}

/// A plan as templates see it: the page, and what is known before the trip.
#[derive(Serialize)]
pub struct PlanView<'a> {
    /// The page (visit, objectives, body).
    #[serde(flatten)]
    pub page: PageView<'a>,
    /// Questions the team wants answered.
    questions: &'a [String],
    /// The visit has not ended yet.
    upcoming: bool,
    /// Days past the due date of its report, when overdue.
    days_without_report: Option<i64>,
    /// The earlier reports most related to it.
    review: Vec<RelatedView<'a>>,
}

impl<'a> Viewer<'a> {
    /// The views of related reports; `with_recs` adds each one's recommendations.
    pub fn related(&self, links: &'a [Link], with_recs: bool) -> Vec<RelatedView<'a>> {
        let today = self.site.build_date;
        links
            .iter()
            .filter_map(|link| {
                let page = self.site.pages.get(link.page)?;
                let report = page.report.as_ref()?;
                let v = &report.visit;
                Some(RelatedView {
                    title: &page.meta.title,
                    path: &page.path,
                    summary: page.meta.summary.as_deref(),
                    unit: self.terms.view(TaxonomyKind::Unit, &v.unit),
                    destination: self.terms.view(TaxonomyKind::Place, &v.destination),
                    year: page.visit_year(),
                    reasons: link.reasons.clone(),
                    rec_summary: StatusCounts::of_report(
                        &report.recommendations,
                        page.meta.date,
                        today,
                    ),
                    recommendations: if with_recs {
                        report
                            .recommendations
                            .iter()
                            .map(|r| RecLine {
                                id: &r.id,
                                text: &r.text,
                                status: r.status,
                                overdue: r.is_overdue(today),
                            })
                            .collect()
                    } else {
                        Vec::new()
                    },
                })
            })
            .collect()
    }

    /// The view of the plan at `index` in `Site::plans`.
    pub fn plan(&self, index: usize, full: bool) -> Option<PlanView<'a>> {
        let site = self.site;
        let page: &'a Page = site.plans.get(index)?;
        let due = site.config.publish.report_due_days;
        let links: &'a [Link] = site.related.of_plan.get(index).map_or(&[], Vec::as_slice);
        Some(PlanView {
            page: self.page(page, full),
            questions: page.report.as_ref().map_or(&[], |r| &r.visit.questions),
            upcoming: plan::is_upcoming(page, site.build_date),
            days_without_report: plan::days_without_report(page, site.build_date, due),
            review: if full {
                self.related(links, true)
            } else {
                Vec::new()
            },
        })
    }
}
