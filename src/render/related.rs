//! Views of related reports: "Laporan terkait" on report pages and the prior-visit review
//! ("Kajian awal") on plan pages, and of the plans themselves.

use serde::Serialize;

use super::views::{PageView, StatusCounts, TermView, Viewer};
use crate::model::plan;
use crate::model::report::Status;
use crate::model::site::Page;
use crate::model::taxonomy::TaxonomyKind;
use crate::network::review::MemberLink;
use crate::related::{Link, Reason};

/// A related report as templates see it.
#[derive(Serialize)]
pub struct RelatedView<'a> {
    title: &'a str,
    path: &'a str,
    /// In a hub, a member's report: its URL on the member portal (else null).
    url: Option<&'a str>,
    /// In a hub, a member's report: the member portal's name (else null).
    portal: Option<&'a str>,
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
                    url: None,
                    portal: None,
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

    /// Like [`Viewer::related`], with a hub's related member reports in the same ranking
    /// (by score, the hub's own first on a tie), [`crate::related::MAX_LINKS`] at most.
    pub fn related_in_hub(
        &self,
        links: &'a [Link],
        members: &'a [MemberLink],
        with_recs: bool,
    ) -> Vec<RelatedView<'a>> {
        if members.is_empty() {
            return self.related(links, with_recs);
        }
        let mut scored: Vec<(f32, RelatedView<'a>)> = links
            .iter()
            .zip(self.related(links, with_recs))
            .map(|(l, v)| (l.score, v))
            .collect();
        scored.extend(
            members
                .iter()
                .filter_map(|l| Some((l.score, self.member_related(l, with_recs)?))),
        );
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        scored.truncate(crate::related::MAX_LINKS);
        scored.into_iter().map(|(_, v)| v).collect()
    }

    /// The view of a member's related report: linked out to the member portal.
    fn member_related(&self, link: &'a MemberLink, with_recs: bool) -> Option<RelatedView<'a>> {
        let member = self.site.network.get(link.member)?;
        let r = member.data.as_ref()?.reports.get(link.report)?;
        let base = &member.data.as_ref()?.manifest.base_url;
        if !crate::network::manifest::is_under(&r.url, base) {
            return None;
        }
        let mut rec_summary = StatusCounts::default();
        for rec in &r.recommendations {
            rec_summary.total += 1;
            match rec.status() {
                Some(Status::Usulan) | None => rec_summary.usulan += 1,
                Some(Status::Proses) => rec_summary.proses += 1,
                Some(Status::Selesai) => rec_summary.selesai += 1,
                Some(Status::Dievaluasi) => rec_summary.dievaluasi += 1,
                Some(Status::Dibatalkan) => rec_summary.dibatalkan += 1,
            }
            rec_summary.overdue += usize::from(rec.overdue);
        }
        let unlinked = |name: &'a str| TermView {
            name,
            slug: "",
            path: None,
            count: 0,
            scope: None,
            region_code: None,
        };
        Some(RelatedView {
            title: &r.title,
            path: "",
            url: Some(&r.url),
            portal: Some(&member.config.name),
            summary: r.summary.as_deref(),
            unit: unlinked(&r.unit),
            // The hub has a page for the place (members' reports are filed under it).
            destination: self.terms.view(TaxonomyKind::Place, &r.destination),
            year: crate::network::terms::parse_date(r.start.as_deref())
                .map(|d| chrono::Datelike::year(&d)),
            reasons: link.reasons.clone(),
            rec_summary,
            recommendations: if with_recs {
                r.recommendations
                    .iter()
                    .map(|x| RecLine {
                        id: &x.id,
                        text: &x.text,
                        status: x.status().unwrap_or(Status::Usulan),
                        overdue: x.overdue,
                    })
                    .collect()
            } else {
                Vec::new()
            },
        })
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
                let members = site.network_related.of_plan.get(index);
                self.related_in_hub(links, members.map_or(&[], Vec::as_slice), true)
            } else {
                Vec::new()
            },
        })
    }
}
