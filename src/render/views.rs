//! Views: the shapes templates see (documented in `themes/default/README.md`), built from
//! the model by reference.

use std::collections::HashMap;

use serde::Serialize;

use crate::markdown::TocEntry;
use crate::model::report::{Evaluation, Recommendation, Scope, Status, VisitKind};
use crate::model::site::{Page, Site};
use crate::model::taxonomy::{TaxonomyKind, Term};
pub use crate::model::tracker::StatusCounts;
use crate::model::tracker::Tracker;

/// A taxonomy term as templates see it.
#[derive(Clone, Debug, Serialize)]
pub struct TermView<'a> {
    /// Name as written.
    pub name: &'a str,
    /// ASCII slug (empty for names no report publishes).
    pub slug: &'a str,
    /// Site path, or null.
    pub path: Option<&'a str>,
    /// Reports under it.
    pub count: usize,
    /// For places: `dalam-negeri` / `luar-negeri`.
    pub scope: Option<Scope>,
    /// For places in Indonesia: the official region code, `kode_wilayah`.
    pub region_code: Option<&'static str>,
}

impl<'a> TermView<'a> {
    /// The view of a term.
    pub fn of(term: &'a Term) -> Self {
        TermView {
            name: &term.name,
            slug: &term.slug,
            path: Some(&term.path),
            count: term.pages.len() + term.members.len(),
            scope: term.scope,
            region_code: term.region_code,
        }
    }
}

/// Finds the term of a name quickly.
pub struct Terms<'a> {
    map: HashMap<(TaxonomyKind, &'a str), &'a Term>,
}

impl<'a> Terms<'a> {
    /// Indexes every term of the site.
    pub fn new(site: &'a Site) -> Self {
        let mut map = HashMap::new();
        for taxonomy in &site.taxonomies.all {
            for term in &taxonomy.terms {
                map.insert((taxonomy.kind, term.name.as_str()), term);
            }
        }
        Terms { map }
    }

    /// The view of a name in a taxonomy (a bare name when no term has it).
    pub fn view(&self, kind: TaxonomyKind, name: &'a str) -> TermView<'a> {
        match self.map.get(&(kind, name)) {
            Some(term) => TermView::of(term),
            None => TermView {
                name,
                slug: "",
                path: None,
                count: 0,
                scope: None,
                region_code: None,
            },
        }
    }
}

/// The `visit` of a report.
#[derive(Debug, Serialize)]
pub struct VisitView<'a> {
    kind: VisitKind,
    unit: TermView<'a>,
    start: Option<String>,
    end: Option<String>,
    destination: TermView<'a>,
    province: Option<&'a str>,
    country: &'a str,
    scope: Scope,
    hosts: &'a [String],
    topics: Vec<TermView<'a>>,
    objectives: &'a [String],
    team: &'a [String],
    budget: Option<i64>,
    funding: Option<&'a str>,
    year: Option<TermView<'a>>,
}

/// One recommendation.
#[derive(Debug, Serialize)]
pub struct RecommendationView<'a> {
    id: &'a str,
    text: &'a str,
    owner: &'a str,
    due: Option<String>,
    indicator: Option<&'a str>,
    status: Status,
    updated: Option<String>,
    note: Option<&'a str>,
    overdue: bool,
    /// The follow-up's steps, oldest first.
    history: Vec<HistoryView<'a>>,
    /// Days a finished recommendation was late ("selesai terlambat"), or null.
    finished_late_days: Option<i64>,
}

/// One step of a recommendation's history.
#[derive(Debug, Serialize)]
pub struct HistoryView<'a> {
    date: String,
    status: Status,
    note: Option<&'a str>,
}

impl<'a> RecommendationView<'a> {
    /// The view of a recommendation, with its overdue flag for `today`.
    pub fn of(r: &'a Recommendation, today: chrono::NaiveDate) -> Self {
        RecommendationView {
            id: &r.id,
            text: &r.text,
            owner: &r.owner,
            due: r.due.map(|d| d.to_string()),
            indicator: r.indicator.as_deref(),
            status: r.status,
            updated: r.updated.map(|d| d.to_string()),
            note: r.note.as_deref(),
            overdue: r.is_overdue(today),
            history: r
                .history
                .iter()
                .map(|h| HistoryView {
                    date: h.date.to_string(),
                    status: h.status,
                    note: h.note.as_deref(),
                })
                .collect(),
            finished_late_days: r.finished_late_by(),
        }
    }

    /// The view of a member's recommendation in a hub (overdue as of the member's build).
    pub fn of_member(r: &'a crate::network::manifest::MemberRecommendation) -> Self {
        RecommendationView {
            id: &r.id,
            text: &r.text,
            owner: &r.owner,
            due: r.due.clone(),
            indicator: r.indicator.as_deref(),
            // Statuses are checked when a member is read; an unknown one never gets here.
            status: r.status().unwrap_or(Status::Usulan),
            updated: None,
            note: r.note.as_deref(),
            overdue: r.overdue,
            // The hub interface carries the current status only.
            history: Vec::new(),
            finished_late_days: None,
        }
    }
}

/// The evaluation of a report.
#[derive(Debug, Serialize)]
pub struct EvaluationView<'a> {
    goals_met: Option<bool>,
    feedback: Option<&'a str>,
    impact: Option<&'a str>,
    reviewed: Option<String>,
}

impl<'a> EvaluationView<'a> {
    fn of(e: &'a Evaluation) -> Self {
        EvaluationView {
            goals_met: e.goals_met,
            feedback: e.feedback.as_deref(),
            impact: e.impact.as_deref(),
            reviewed: e.reviewed.map(|d| d.to_string()),
        }
    }
}

/// A page or report as templates see it.
#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    title: &'a str,
    summary: Option<&'a str>,
    date: Option<String>,
    lang: crate::diagnostics::Lang,
    slug: &'a str,
    path: &'a str,
    permalink: String,
    /// The body HTML: only in the page's own view, not in list cards.
    content: Option<&'a str>,
    toc: &'a [TocEntry],
    extra: &'a serde_json::Value,
    tags: Vec<TermView<'a>>,
    visit: Option<VisitView<'a>>,
    recommendations: Vec<RecommendationView<'a>>,
    rec_summary: Option<StatusCounts>,
    evaluation: Option<EvaluationView<'a>>,
    /// On list pages: the item's card, HTML from `partials/report_card.html`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub card: Option<String>,
}

/// Builds views of pages, with the lookups every page shares computed once.
pub struct Viewer<'a> {
    /// The site.
    pub site: &'a Site,
    /// Term lookup.
    pub terms: Terms<'a>,
    /// Follow-up figures of the whole site and of each unit, counted on first use (a preview
    /// that renders only the edited report never needs them).
    tracker: std::sync::OnceLock<Tracker<'a>>,
}

impl<'a> Viewer<'a> {
    /// A viewer of a site.
    pub fn new(site: &'a Site) -> Self {
        Viewer {
            site,
            terms: Terms::new(site),
            tracker: std::sync::OnceLock::new(),
        }
    }

    /// Follow-up figures of the whole site and of each unit.
    pub fn tracker(&self) -> &Tracker<'a> {
        self.tracker.get_or_init(|| Tracker::of(self.site))
    }

    /// The view of a page; `full` adds the body and table of contents.
    pub fn page(&self, page: &'a Page, full: bool) -> PageView<'a> {
        let today = self.site.build_date;
        let report = page.report.as_ref();
        let visit = report.map(|r| {
            let v = &r.visit;
            VisitView {
                kind: v.kind,
                unit: self.terms.view(TaxonomyKind::Unit, &v.unit),
                start: v.start.map(|d| d.to_string()),
                end: v.end.map(|d| d.to_string()),
                destination: self.terms.view(TaxonomyKind::Place, &v.destination),
                province: v.province.as_deref(),
                country: &v.country,
                scope: v.scope(),
                hosts: &v.hosts,
                topics: v
                    .topics
                    .iter()
                    .map(|t| self.terms.view(TaxonomyKind::Topic, t))
                    .collect(),
                objectives: &v.objectives,
                team: if self.site.config.privacy.publish_team {
                    &v.team
                } else {
                    &[]
                },
                budget: v.budget,
                funding: v.funding.as_deref(),
                year: page
                    .visit_year()
                    .and_then(|y| {
                        self.site
                            .taxonomies
                            .get(TaxonomyKind::Year)
                            .term(&y.to_string())
                    })
                    .map(TermView::of),
            }
        });
        let rec_summary =
            report.map(|r| StatusCounts::of_report(&r.recommendations, page.meta.date, today));
        PageView {
            title: &page.meta.title,
            summary: page.meta.summary.as_deref(),
            date: page.meta.date.map(|d| d.to_string()),
            lang: page.lang,
            slug: &page.slug,
            path: &page.path,
            permalink: format!("{}{}", self.site.config.base_url, page.path),
            content: full.then_some(page.rendered.html.as_str()),
            toc: if full { &page.rendered.toc } else { &[] },
            extra: &page.meta.extra,
            tags: page
                .meta
                .tags
                .iter()
                .map(|t| self.terms.view(TaxonomyKind::Tag, t))
                .collect(),
            visit,
            recommendations: report
                .map(|r| {
                    r.recommendations
                        .iter()
                        .map(|rec| RecommendationView::of(rec, today))
                        .collect()
                })
                .unwrap_or_default(),
            rec_summary,
            evaluation: report
                .and_then(|r| r.evaluation.as_ref())
                .map(EvaluationView::of),
            card: None,
        }
    }
}
