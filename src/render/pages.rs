//! The pages of a portal, one job each, and how each is rendered.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use super::cards::Cards;
use super::engine::{Engine, FeedLink, PageFrame};
use super::network::{ExternalItem, ListEntry};
use super::structured;
use super::views::{PageView, RecommendationView, StatusCounts, TermView, Viewer};
use crate::diagnostics::{Diagnostic, Lang};
use crate::model::report::Status;
use crate::model::site::{Page, Site};
use crate::model::taxonomy::{TaxonomyKind, Term};
use crate::output::OutputFile;

/// One unit of rendering work.
pub enum Job {
    /// `/`.
    Home,
    /// A report or page, by index in `Site::pages`.
    Page(usize),
    /// One page of the list of pages under a content folder.
    Section {
        /// Site path of the list.
        path: String,
        /// Index in `Site::sections` of its `_index.md`, if it has one.
        section: Option<usize>,
        /// The pages listed (indexes into `Site::pages`), shared by the list's pages.
        items: Arc<[usize]>,
        /// Page number, from 1.
        number: usize,
    },
    /// `/skpd/` and friends.
    TaxonomyList(TaxonomyKind),
    /// One page of the list of a term's pages: taxonomy, term index, page number (from 1).
    Term(TaxonomyKind, usize, usize),
    /// `/rekomendasi/` (no unit) or `/rekomendasi/<unit>/`.
    Tracker(Option<usize>),
    /// In a hub, a member's unit: `/jaringan/<member>/rekomendasi/<unit>/`.
    MemberTracker(super::network::MemberUnit),
    /// A page without data of its own: template, site path.
    Plain(&'static str, &'static str),
    /// `/cari/`, with the path of the search index entry.
    Search(String),
    /// `/jaringan/`: a hub's members.
    Network,
    /// `/jaringan/<member>/`, by index in `Site::network`.
    Member(usize),
    /// A visit plan, by index in `Site::plans`.
    Plan(usize),
    /// `/rencana/`: every plan, upcoming first.
    Plans,
}

/// Every job of the site. Lists are one job per page, so that a term with a thousand reports
/// is shared out between the threads like any other work.
pub fn jobs(site: &Site) -> Vec<Job> {
    let mut jobs = vec![
        Job::Home,
        Job::Tracker(None),
        Job::Plain("data.html", "data/"),
        Job::Plain("follow.html", "ikuti/"),
        Job::Plain("404.html", "404.html"),
    ];
    jobs.extend((0..site.pages.len()).map(Job::Page));
    if !site.network.is_empty() {
        jobs.push(Job::Network);
        jobs.extend((0..site.network.len()).map(Job::Member));
    }
    if site.plans_published && !site.plans.is_empty() {
        jobs.push(Job::Plans);
        jobs.extend((0..site.plans.len()).map(Job::Plan));
    }
    let per_page = site.config.paginate;
    let mut list = |path: &str, section: Option<usize>, folder: &str| {
        let items: Arc<[usize]> = (0..site.pages.len())
            .filter(|&i| site.pages[i].source.rel.starts_with(folder))
            .collect();
        for number in 1..=page_count(items.len(), per_page) {
            jobs.push(Job::Section {
                path: path.to_string(),
                section,
                items: Arc::clone(&items),
                number,
            });
        }
    };
    let mut has_reports_section = false;
    for (i, section) in site.sections.iter().enumerate() {
        if section.path.is_empty() {
            continue; // the home page's text
        }
        has_reports_section |= section.path == "laporan/";
        list(
            &section.path,
            Some(i),
            section.source.rel.trim_end_matches("_index.md"),
        );
    }
    if !has_reports_section {
        list("laporan/", None, "laporan/");
    }
    let units = site.taxonomies.get(TaxonomyKind::Unit).terms.len();
    jobs.extend((0..units).map(|i| Job::Tracker(Some(i))));
    jobs.extend(
        super::network::member_units(site)
            .into_iter()
            .map(Job::MemberTracker),
    );
    for taxonomy in &site.taxonomies.all {
        jobs.push(Job::TaxonomyList(taxonomy.kind));
        for (i, term) in taxonomy.terms.iter().enumerate() {
            for number in 1..=page_count(term.pages.len() + term.members.len(), per_page) {
                jobs.push(Job::Term(taxonomy.kind, i, number));
            }
        }
    }
    jobs
}

/// Pages of a list of `items` (an empty list still has its first page).
fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page.max(1)).max(1)
}

/// A page of a paginated list.
#[derive(Serialize)]
struct Paginator<'a> {
    items: Vec<ItemView<'a>>,
    number: usize,
    total_pages: usize,
    total_items: usize,
    prev: Option<String>,
    next: Option<String>,
    pages: Vec<PageLink>,
}

/// An item of a list page: a page of the site (as before hubs), or a member's report.
#[derive(Serialize)]
#[serde(untagged)]
#[allow(clippy::large_enum_variant)] // most items are the site's own pages
enum ItemView<'a> {
    Own(PageView<'a>),
    Member(ExternalItem<'a>),
}

#[derive(Serialize)]
struct PageLink {
    number: usize,
    path: String,
}

fn page_path(base: &str, number: usize) -> String {
    if number == 1 {
        base.to_string()
    } else {
        format!("{base}halaman/{number}/")
    }
}

/// The page numbers a pagination bar links to: the first, the last, and the current one
/// with three on each side (a list of thousands of pages must not link to all of them from
/// every page).
fn window(current: usize, total: usize) -> impl Iterator<Item = usize> {
    let near = current.saturating_sub(3).max(1)..=(current + 3).min(total);
    let mut numbers: Vec<usize> = [1, total].into_iter().chain(near).collect();
    numbers.sort_unstable();
    numbers.dedup();
    numbers.into_iter()
}

/// Renders page `number` of the list of `items` (indexes into `Site::pages`) at `base`; every
/// item carries its card (see [`Cards`]).
fn list_page<'a, E: Copy + Into<ListEntry>>(
    items: &[E],
    base: &str,
    number: usize,
    lang: Lang,
    viewer: &Viewer<'a>,
    cards: &Cards,
    render: impl FnOnce(&str, Paginator<'a>) -> Result<OutputFile, Diagnostic>,
) -> Result<Vec<OutputFile>, Diagnostic> {
    let per_page = viewer.site.config.paginate.max(1);
    let total_pages = page_count(items.len(), per_page);
    let path = page_path(base, number);
    let chunk = items.chunks(per_page).nth(number - 1).unwrap_or(&[]);
    let views = chunk
        .iter()
        .filter_map(|&entry| match entry.into() {
            ListEntry::Own(i) => {
                let mut view = viewer.page(&viewer.site.pages[i], false);
                Some(cards.card(i, &view, &path, lang).map(|card| {
                    view.card = card;
                    ItemView::Own(view)
                }))
            }
            ListEntry::Member(m, r) => {
                let item = ExternalItem::of(viewer.site, m, r)?;
                Some(
                    cards
                        .external(&item.report, &path, lang)
                        .map(|card| ItemView::Member(item.with_card(card))),
                )
            }
        })
        .collect::<Result<Vec<_>, Diagnostic>>()?;
    let paginator = Paginator {
        items: views,
        number,
        total_pages,
        total_items: items.len(),
        prev: (number > 1).then(|| page_path(base, number - 1)),
        next: (number < total_pages).then(|| page_path(base, number + 1)),
        pages: window(number, total_pages)
            .map(|n| PageLink {
                number: n,
                path: page_path(base, n),
            })
            .collect(),
    };
    Ok(vec![render(&path, paginator)?])
}

fn html_file(path: &str, html: String) -> OutputFile {
    let file = if path.ends_with(".html") {
        path.to_string()
    } else {
        format!("{path}index.html")
    };
    OutputFile::bytes(file, html)
}

fn text<'s>(strings: &'s BTreeMap<String, String>, key: &str, fallback: &'s str) -> &'s str {
    strings.get(key).map_or(fallback, String::as_str)
}

/// Renders one job into its files.
pub fn render_job<'a>(
    job: &Job,
    site: &'a Site,
    viewer: &Viewer<'a>,
    engine: &Engine,
    cards: &Cards,
    strings: &BTreeMap<String, String>,
    lang: Lang,
) -> Result<Vec<OutputFile>, Diagnostic> {
    let site_lang = site.config.language;
    let description = site.config.description.as_str();
    let home = text(strings, "site_home", "Beranda");
    let main_feed = || {
        vec![FeedLink {
            title: site.config.title.clone(),
            path: "feed.xml".into(),
        }]
    };
    match job {
        Job::Home => {
            let intro = site.section("");
            let frame = PageFrame {
                path: "",
                lang: site_lang,
                title: &site.config.title,
                description,
                feeds: main_feed(),
            };
            let mut ctx = engine.context(site, &frame);
            ctx.insert("home", &home_view(site, viewer, intro, strings));
            ctx.insert("network", &super::network::members(site));
            ctx.insert(structured::CONTEXT_KEY, &structured::website(site));
            Ok(vec![html_file(
                "",
                engine.render("index.html", &ctx, lang)?,
            )])
        }
        Job::Page(i) => {
            let page = &site.pages[*i];
            let template = if page.is_report() {
                "report.html"
            } else {
                "page.html"
            };
            let frame = PageFrame {
                path: &page.path,
                lang: page.lang,
                title: &page.meta.title,
                description: page.meta.summary.as_deref().unwrap_or(description),
                feeds: main_feed(),
            };
            let mut ctx = engine.context(site, &frame);
            ctx.insert("page", &viewer.page(page, true));
            if let Some(data) = structured::report(site, page) {
                ctx.insert(structured::CONTEXT_KEY, &data);
            }
            let links = site.related.of_page.get(*i).map_or(&[][..], Vec::as_slice);
            let members = site.network_related.of_page.get(*i);
            ctx.insert(
                "related",
                &viewer.related_in_hub(links, members.map_or(&[][..], Vec::as_slice), false),
            );
            let due = site.config.publish.report_due_days;
            ctx.insert(
                "report_delay_days",
                &crate::model::plan::report_delay(page, due),
            );
            Ok(vec![html_file(
                &page.path,
                engine.render(template, &ctx, lang)?,
            )])
        }
        Job::Plan(i) => {
            let page = &site.plans[*i];
            let frame = PageFrame {
                path: &page.path,
                lang: page.lang,
                title: &page.meta.title,
                description: page.meta.summary.as_deref().unwrap_or(description),
                feeds: main_feed(),
            };
            let mut ctx = engine.context(site, &frame);
            ctx.insert("plan", &viewer.plan(*i, true));
            ctx.insert("report_due_days", &site.config.publish.report_due_days);
            Ok(vec![html_file(
                &page.path,
                engine.render("plan.html", &ctx, lang)?,
            )])
        }
        Job::Plans => {
            let frame = PageFrame {
                path: "rencana/",
                lang: site_lang,
                title: text(strings, "plans_title", "Rencana kunjungan"),
                description,
                feeds: main_feed(),
            };
            let today = site.build_date;
            let (upcoming, past): (Vec<usize>, Vec<usize>) = (0..site.plans.len())
                .partition(|&i| crate::model::plan::is_upcoming(&site.plans[i], today));
            let view = |ids: &[usize]| -> Vec<_> {
                ids.iter().filter_map(|&i| viewer.plan(i, false)).collect()
            };
            let mut ctx = engine.context(site, &frame);
            ctx.insert("upcoming", &view(&upcoming));
            ctx.insert("past", &view(&past.into_iter().rev().collect::<Vec<_>>()));
            Ok(vec![html_file(
                "rencana/",
                engine.render("plans.html", &ctx, lang)?,
            )])
        }
        Job::Section {
            path,
            section,
            items,
            number,
        } => {
            let section = section.map(|i| &site.sections[i]);
            let title = section.map_or(text(strings, "nav_reports", "Laporan"), |s| {
                s.meta.title.as_str()
            });
            let content = section.map_or("", |s| s.rendered.html.as_str());
            let section_lang = section.map_or(site_lang, |s| s.lang);
            list_page(
                items,
                path,
                *number,
                section_lang,
                viewer,
                cards,
                |page_path, paginator| {
                    let frame = PageFrame {
                        path: page_path,
                        lang: section_lang,
                        title,
                        description: section
                            .and_then(|s| s.meta.summary.as_deref())
                            .unwrap_or(description),
                        feeds: main_feed(),
                    };
                    let mut ctx = engine.context(site, &frame);
                    ctx.insert(
                        "section",
                        &SectionView {
                            title,
                            content,
                            path,
                        },
                    );
                    ctx.insert("paginator", &paginator);
                    ctx.insert(
                        structured::CONTEXT_KEY,
                        &structured::breadcrumbs(site, home, &[(title, path.as_str())]),
                    );
                    Ok(html_file(
                        page_path,
                        engine.render("section.html", &ctx, lang)?,
                    ))
                },
            )
        }
        Job::TaxonomyList(kind) => {
            let taxonomy = site.taxonomies.get(*kind);
            let path = format!("{}/", kind.key());
            let title = text(strings, &format!("tax_{}", kind.key()), kind.key());
            let frame = PageFrame {
                path: &path,
                lang: site_lang,
                title,
                description,
                feeds: main_feed(),
            };
            let mut ctx = engine.context(site, &frame);
            ctx.insert(
                "taxonomy",
                &TaxonomyView {
                    key: kind.key(),
                    path: &path,
                    terms: taxonomy.terms.iter().map(TermView::of).collect(),
                },
            );
            ctx.insert(
                structured::CONTEXT_KEY,
                &structured::breadcrumbs(site, home, &[(title, &path)]),
            );
            Ok(vec![html_file(
                &path,
                engine.render("taxonomy_list.html", &ctx, lang)?,
            )])
        }
        Job::Term(kind, i, number) => {
            let taxonomy = site.taxonomies.get(*kind);
            let term = &taxonomy.terms[*i];
            let tax_path = format!("{}/", kind.key());
            let feed_path = matches!(kind, TaxonomyKind::Unit | TaxonomyKind::Topic)
                .then(|| format!("{}feed.xml", term.path));
            let title = format!(
                "{}: {}",
                text(strings, &format!("tax_{}", kind.key()), kind.key()),
                term.name
            );
            let render = |page_path: &str, paginator: Paginator<'a>| {
                let mut feeds = main_feed();
                if let Some(f) = &feed_path {
                    feeds.push(FeedLink {
                        title: format!("{} — {}", site.config.title, term.name),
                        path: f.clone(),
                    });
                }
                let frame = PageFrame {
                    path: page_path,
                    lang: site_lang,
                    title: &title,
                    description,
                    feeds,
                };
                let mut ctx = engine.context(site, &frame);
                ctx.insert(
                    "taxonomy",
                    &TaxonomyView {
                        key: kind.key(),
                        path: &tax_path,
                        terms: Vec::new(),
                    },
                );
                ctx.insert("term", &TermView::of(term));
                ctx.insert("paginator", &paginator);
                ctx.insert("feed_path", &feed_path);
                let tax_title = text(strings, &format!("tax_{}", kind.key()), kind.key());
                ctx.insert(
                    structured::CONTEXT_KEY,
                    &structured::breadcrumbs(
                        site,
                        home,
                        &[(tax_title, &tax_path), (&term.name, &term.path)],
                    ),
                );
                Ok(html_file(
                    page_path,
                    engine.render("taxonomy_term.html", &ctx, lang)?,
                ))
            };
            let (path, number) = (&term.path, *number);
            if term.members.is_empty() {
                list_page(&term.pages, path, number, site_lang, viewer, cards, render)
            } else {
                // A hub: the term's own pages and its members' reports, newest first.
                let entries = super::network::term_entries(site, term);
                list_page(&entries, path, number, site_lang, viewer, cards, render)
            }
        }
        Job::Tracker(unit) => {
            let unit = unit.map(|i| &site.taxonomies.get(TaxonomyKind::Unit).terms[i]);
            let path = unit.map_or_else(|| "rekomendasi/".to_string(), |u| tracker_path(&u.slug));
            let base_title = text(strings, "nav_tracker", "Rekomendasi");
            let title = unit.map_or_else(
                || base_title.to_string(),
                |u| format!("{base_title}: {}", u.name),
            );
            let frame = PageFrame {
                path: &path,
                lang: site_lang,
                title: &title,
                description,
                feeds: main_feed(),
            };
            let mut ctx = engine.context(site, &frame);
            ctx.insert("tracker", &tracker_view(site, viewer, unit));
            let trail: Vec<(&str, &str)> = match unit {
                Some(u) => vec![(base_title, "rekomendasi/"), (&u.name, &path)],
                None => vec![(base_title, "rekomendasi/")],
            };
            ctx.insert(
                structured::CONTEXT_KEY,
                &structured::breadcrumbs(site, home, &trail),
            );
            Ok(vec![html_file(
                &path,
                engine.render("tracker.html", &ctx, lang)?,
            )])
        }
        Job::MemberTracker(unit) => {
            let path = unit.tracker_path(site);
            let (name, member) = (unit.name(site), &site.network[unit.member]);
            let base_title = text(strings, "nav_tracker", "Rekomendasi");
            let title = format!("{base_title}: {name}");
            let frame = PageFrame {
                path: &path,
                lang: site_lang,
                title: &title,
                description,
                feeds: main_feed(),
            };
            let mut ctx = engine.context(site, &frame);
            ctx.insert("tracker", &member_tracker_view(site, unit));
            let member_path = format!("jaringan/{}/", member.slug);
            let trail = [
                (base_title, "rekomendasi/"),
                (member.config.name.as_str(), member_path.as_str()),
                (name, path.as_str()),
            ];
            ctx.insert(
                structured::CONTEXT_KEY,
                &structured::breadcrumbs(site, home, &trail),
            );
            Ok(vec![html_file(
                &path,
                engine.render("tracker.html", &ctx, lang)?,
            )])
        }
        Job::Plain(template, path) => {
            if !engine.has(template) {
                return Ok(Vec::new());
            }
            let key = template.trim_end_matches(".html");
            let frame = PageFrame {
                path,
                lang: site_lang,
                title: text(strings, &format!("title_{key}"), key),
                description,
                feeds: main_feed(),
            };
            let ctx = engine.context(site, &frame);
            Ok(vec![html_file(path, engine.render(template, &ctx, lang)?)])
        }
        Job::Network => super::network::network_page(site, engine, strings, lang),
        Job::Member(i) => super::network::member_page(site, *i, engine, lang),
        Job::Search(entry) => {
            let frame = PageFrame {
                path: "cari/",
                lang: site_lang,
                title: text(strings, "search_title", "Cari"),
                description,
                feeds: main_feed(),
            };
            let mut ctx = engine.context(site, &frame);
            ctx.insert("search_entry", entry);
            Ok(vec![html_file(
                "cari/",
                engine.render("search.html", &ctx, lang)?,
            )])
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn pagination_links_a_window_not_every_page() {
        let w = |c, t| super::window(c, t).collect::<Vec<_>>();
        assert_eq!(w(1, 1), [1]);
        assert_eq!(w(1, 3), [1, 2, 3]);
        assert_eq!(w(50, 1000), [1, 47, 48, 49, 50, 51, 52, 53, 1000]);
        assert_eq!(w(999, 1000), [1, 996, 997, 998, 999, 1000]);
    }
}

#[derive(Serialize)]
struct SectionView<'a> {
    title: &'a str,
    content: &'a str,
    path: &'a str,
}

#[derive(Serialize)]
struct TaxonomyView<'a> {
    key: &'static str,
    path: &'a str,
    terms: Vec<TermView<'a>>,
}

#[derive(Serialize)]
struct Figures {
    reports: usize,
    units: usize,
    places: usize,
    abroad: usize,
    recommendations: usize,
    usulan: usize,
    proses: usize,
    selesai: usize,
    dievaluasi: usize,
    dibatalkan: usize,
    overdue: usize,
    completed_percent: usize,
    /// Visits whose report is overdue (absent when plans are not published).
    without_report: Option<usize>,
}

#[derive(Serialize)]
struct Charts {
    years_svg: String,
    status_svg: String,
}

#[derive(Serialize)]
struct HomeView<'a> {
    content: &'a str,
    latest: Vec<PageView<'a>>,
    figures: Figures,
    charts: Charts,
    years: Vec<TermView<'a>>,
    units: Vec<TermView<'a>>,
    topics: Vec<TermView<'a>>,
    places: Vec<TermView<'a>>,
}

fn charts(site: &Site, counts: &StatusCounts, strings: &BTreeMap<String, String>) -> Charts {
    use super::charts::{bar_chart, Bar};
    let mut years: Vec<Bar> = site
        .taxonomies
        .get(TaxonomyKind::Year)
        .terms
        .iter()
        .map(|t| Bar {
            label: t.name.clone(),
            value: t.pages.len(),
            class: "chart-year".into(),
        })
        .collect();
    years.sort_by(|a, b| a.label.cmp(&b.label));
    let statuses: Vec<Bar> = Status::ALL
        .iter()
        .map(|s| Bar {
            label: text(strings, &format!("status_{}", s.as_str()), s.as_str()).to_string(),
            value: counts.of(*s),
            class: format!("status-{}", s.as_str()),
        })
        .collect();
    Charts {
        years_svg: bar_chart(
            "svg-tahun",
            text(strings, "chart_years_title", "Laporan per tahun"),
            &years,
        ),
        status_svg: bar_chart(
            "svg-status",
            text(strings, "chart_status_title", "Rekomendasi menurut status"),
            &statuses,
        ),
    }
}

fn home_view<'a>(
    site: &'a Site,
    viewer: &Viewer<'a>,
    intro: Option<&'a Page>,
    strings: &BTreeMap<String, String>,
) -> HomeView<'a> {
    let counts = viewer.tracker().all;
    let terms = |kind| {
        site.taxonomies
            .get(kind)
            .terms
            .iter()
            .map(TermView::of)
            .collect::<Vec<_>>()
    };
    let places = site.taxonomies.get(TaxonomyKind::Place);
    let figures = Figures {
        reports: site.reports().count(),
        units: site.taxonomies.get(TaxonomyKind::Unit).terms.len(),
        places: places.terms.len(),
        abroad: site
            .reports()
            .filter(|p| {
                p.report
                    .as_ref()
                    .is_some_and(|r| r.visit.scope() == crate::model::report::Scope::LuarNegeri)
            })
            .count(),
        recommendations: counts.total,
        usulan: counts.usulan,
        proses: counts.proses,
        selesai: counts.selesai,
        dievaluasi: counts.dievaluasi,
        dibatalkan: counts.dibatalkan,
        overdue: counts.overdue,
        completed_percent: counts.completed_percent(),
        without_report: site
            .plans_published
            .then(|| crate::model::plan::without_report(site).len()),
    };
    HomeView {
        content: intro.map_or("", |p| p.rendered.html.as_str()),
        latest: site
            .reports()
            .take(6)
            .map(|p| viewer.page(p, false))
            .collect(),
        figures,
        charts: charts(site, &counts, strings),
        years: terms(TaxonomyKind::Year),
        units: terms(TaxonomyKind::Unit),
        topics: terms(TaxonomyKind::Topic),
        places: terms(TaxonomyKind::Place),
    }
}

#[derive(Serialize)]
struct TrackerRow<'a> {
    report: ReportLink<'a>,
    unit: TermView<'a>,
    /// In a hub, for a member's recommendation: the member portal's name.
    portal: Option<&'a str>,
    /// What the rows are grouped by: the unit, and for a member's rows also its portal.
    group: String,
    #[serde(flatten)]
    rec: RecommendationView<'a>,
}

#[derive(Serialize)]
struct ReportLink<'a> {
    title: &'a str,
    path: &'a str,
    lang: Lang,
    /// A member's report in a hub: its absolute URL on the member portal (else null).
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct UnitProgress<'a> {
    name: &'a str,
    /// In a hub, for a member's unit: the member portal's name.
    portal: Option<&'a str>,
    path: Option<&'a str>,
    tracker_path: String,
    total: usize,
    done: usize,
    percent: usize,
    overdue: usize,
    quiet: usize,
}

#[derive(Serialize)]
struct TrackerView<'a> {
    /// Set on a unit's own tracker page.
    unit: Option<TermView<'a>>,
    /// In a hub, on a member's unit's page: the member.
    member: Option<super::network::MemberView<'a>>,
    /// The whole list is too long for one page: rows are on the units' pages only.
    split: bool,
    /// Site path of the CSV of what the page lists (the unit's, or the whole portal's).
    csv_path: String,
    total: usize,
    overdue: usize,
    by_status: BTreeMap<&'static str, usize>,
    units: Vec<UnitProgress<'a>>,
    rows: Vec<TrackerRow<'a>>,
    /// Planned visits whose report is overdue, by unit (absent when plans are not published).
    without_report: Option<Vec<WithoutReportRow<'a>>>,
    /// In a hub, on the main tracker: the member portals with their figures (else empty).
    portals: Vec<super::network::MemberView<'a>>,
}

/// A planned visit whose report is overdue, on the tracker page.
#[derive(Serialize)]
struct WithoutReportRow<'a> {
    plan: ReportLink<'a>,
    unit: TermView<'a>,
    destination: &'a str,
    start: Option<String>,
    end: Option<String>,
    days: i64,
}

/// Recommendations shown on the main tracker page at most; past this (a province's ten years
/// of reports) every unit's list is on its own page, so that a phone can load the tracker.
const TRACKER_INLINE_LIMIT: usize = 300;

fn tracker_path(unit_slug: &str) -> String {
    format!("rekomendasi/{unit_slug}/")
}

fn tracker_view<'a>(
    site: &'a Site,
    viewer: &Viewer<'a>,
    unit: Option<&'a Term>,
) -> TrackerView<'a> {
    let today = site.build_date;
    let tracker = viewer.tracker();
    let all = match unit {
        Some(u) => tracker
            .by_unit
            .get(u.name.as_str())
            .copied()
            .unwrap_or_default(),
        // A hub's main tracker counts its members' recommendations too.
        None => super::network::with_member_counts(site, tracker.all),
    };
    let split = unit.is_none() && all.total > TRACKER_INLINE_LIMIT;
    let mut rows = Vec::new();
    // A unit's page looks at the unit's reports only (there are hundreds of unit pages).
    let reports: Box<dyn Iterator<Item = &Page>> = match unit {
        Some(u) => Box::new(u.pages.iter().map(|&i| &site.pages[i])),
        None => Box::new(site.reports()),
    };
    for page in reports {
        let Some(report) = &page.report else { continue };
        if split || unit.is_some_and(|u| u.name != report.visit.unit) {
            continue;
        }
        for rec in &report.recommendations {
            rows.push((page, rec));
        }
    }
    // Pages are newest first already; a stable sort by unit keeps that order within a unit.
    rows.sort_by(|a, b| {
        let unit = |p: &Page| {
            p.report
                .as_ref()
                .map(|r| r.visit.unit.to_lowercase())
                .unwrap_or_default()
        };
        unit(a.0)
            .cmp(&unit(b.0))
            .then_with(|| b.0.meta.date.cmp(&a.0.meta.date))
            .then_with(|| a.0.path.cmp(&b.0.path))
            .then_with(|| a.1.id.cmp(&b.1.id))
    });
    let mut units: Vec<UnitProgress> = tracker
        .by_unit
        .iter()
        .filter(|(name, _)| unit.is_none_or(|u| u.name == **name))
        .map(|(name, c)| UnitProgress {
            name,
            path: viewer.terms.view(TaxonomyKind::Unit, name).path,
            portal: None,
            tracker_path: tracker_path(viewer.terms.view(TaxonomyKind::Unit, name).slug),
            total: c.total,
            done: c.done(),
            percent: c.completed_percent(),
            overdue: c.overdue,
            quiet: c.quiet,
        })
        .collect();
    units.sort_by_key(|u| u.name.to_lowercase());
    if unit.is_none() {
        // A hub's members' units follow, each with its own page.
        units.extend(
            super::network::member_units(site)
                .iter()
                .map(|u| member_unit_progress(site, u)),
        );
    }
    let without_report = site.plans_published.then(|| {
        crate::model::plan::without_report(site)
            .into_iter()
            .filter_map(|(page, days)| {
                let v = &page.report.as_ref()?.visit;
                if unit.is_some_and(|u| u.name != v.unit) {
                    return None;
                }
                Some(WithoutReportRow {
                    plan: ReportLink {
                        title: &page.meta.title,
                        path: &page.path,
                        lang: page.lang,
                        url: None,
                    },
                    unit: viewer.terms.view(TaxonomyKind::Unit, &v.unit),
                    destination: &v.destination,
                    start: v.start.map(|d| d.to_string()),
                    end: v.end.map(|d| d.to_string()),
                    days,
                })
            })
            .collect()
    });
    let portals = if unit.is_none() {
        super::network::members(site)
    } else {
        Vec::new()
    };
    let mut rows: Vec<TrackerRow> = rows
        .into_iter()
        .map(|(page, rec)| {
            let unit = page.report.as_ref().map_or("", |r| r.visit.unit.as_str());
            TrackerRow {
                report: ReportLink {
                    title: &page.meta.title,
                    path: &page.path,
                    lang: page.lang,
                    url: None,
                },
                unit: viewer.terms.view(TaxonomyKind::Unit, unit),
                portal: None,
                group: unit.to_string(),
                rec: RecommendationView::of(rec, today),
            }
        })
        .collect();
    if unit.is_none() && !split {
        rows.extend(member_rows(site));
    }
    TrackerView {
        member: None,
        portals,
        without_report,
        unit: unit.map(TermView::of),
        split,
        csv_path: unit.map_or_else(
            || crate::output::opendata::RECOMMENDATIONS_CSV.to_string(),
            |u| crate::output::opendata::unit_csv_path(&u.slug),
        ),
        total: all.total,
        overdue: all.overdue,
        by_status: Status::ALL
            .iter()
            .map(|s| (s.as_str(), all.of(*s)))
            .collect(),
        units,
        rows,
    }
}

/// The rows of a hub's members' recommendations on the main tracker: after the hub's own,
/// by member (in configuration order), then unit, newest report first; each links out to
/// the report on its member portal.
fn member_rows(site: &Site) -> Vec<TrackerRow<'_>> {
    let mut rows = Vec::new();
    for member in &site.network {
        let mut reports: Vec<_> = member
            .data
            .iter()
            .flat_map(|d| &d.reports)
            .filter(|r| !r.recommendations.is_empty())
            .filter_map(|r| super::network::ExternalReportView::of(r, member).map(|_| r))
            .collect();
        // Reports are newest first already; a stable sort by unit keeps that within a unit.
        reports.sort_by_cached_key(|r| r.unit.to_lowercase());
        rows.extend(member_report_rows(member, reports));
    }
    rows
}

/// The rows of the recommendations of `reports` of `member`.
fn member_report_rows<'a>(
    member: &'a crate::network::Member,
    reports: impl IntoIterator<Item = &'a crate::network::manifest::MemberReport>,
) -> Vec<TrackerRow<'a>> {
    let portal = member.config.name.as_str();
    let mut rows = Vec::new();
    for r in reports {
        let lang = if r.lang == "en" { Lang::En } else { Lang::Id };
        for rec in &r.recommendations {
            rows.push(TrackerRow {
                report: ReportLink {
                    title: &r.title,
                    path: "",
                    lang,
                    url: Some(&r.url),
                },
                unit: member_unit_term(&r.unit),
                portal: Some(portal),
                group: format!("{portal}\u{1f}{}", r.unit),
                rec: RecommendationView::of_member(rec),
            });
        }
    }
    rows
}

/// A member's unit as a term without a page on the hub.
fn member_unit_term(name: &str) -> TermView<'_> {
    TermView {
        name,
        slug: "",
        path: None,
        count: 0,
        scope: None,
        region_code: None,
    }
}

/// The counts of a member's unit's recommendations.
fn member_unit_counts(site: &Site, unit: &super::network::MemberUnit) -> StatusCounts {
    super::network::add_member_counts(
        StatusCounts::default(),
        unit.reports(site).flat_map(|r| &r.recommendations),
    )
}

/// A member's unit in the tracker's table of units, linking to its own page.
fn member_unit_progress<'a>(site: &'a Site, unit: &super::network::MemberUnit) -> UnitProgress<'a> {
    let c = member_unit_counts(site, unit);
    UnitProgress {
        name: unit.name(site),
        portal: Some(site.network[unit.member].config.name.as_str()),
        path: None,
        tracker_path: unit.tracker_path(site),
        total: c.total,
        done: c.done(),
        percent: c.completed_percent(),
        overdue: c.overdue,
        quiet: 0,
    }
}

/// The tracker page of a member's unit: its recommendations, each linking to the report on
/// the member portal.
fn member_tracker_view<'a>(site: &'a Site, unit: &super::network::MemberUnit) -> TrackerView<'a> {
    let member = &site.network[unit.member];
    let all = member_unit_counts(site, unit);
    TrackerView {
        unit: Some(member_unit_term(unit.name(site))),
        member: Some(super::network::MemberView::of(member)),
        split: false,
        csv_path: crate::output::opendata::RECOMMENDATIONS_CSV.to_string(),
        total: all.total,
        overdue: all.overdue,
        by_status: Status::ALL
            .iter()
            .map(|s| (s.as_str(), all.of(*s)))
            .collect(),
        units: vec![member_unit_progress(site, unit)],
        rows: member_report_rows(member, unit.reports(site)),
        without_report: None,
        portals: Vec::new(),
    }
}
