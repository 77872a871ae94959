//! The site: every published page with its URL and rendered body, and what is derived from
//! them. Built once per run and shared read-only with every renderer.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;

use super::paths::{relative_url, resolve_link_target};
use super::report::{PageMeta, ReportData, Stage};
use super::site_links::Portal;
use super::slug::slugify;
use super::taxonomy::{self, Taxonomies};
use crate::config::Config;
use crate::content::cache::ParseCache;
use crate::content::discover::{SourceFile, SourceKind};
use crate::content::load::LoadedFile;
use crate::diagnostics::{Diagnostic, Lang, Pos};
use crate::markdown::{
    self, is_file_link, is_page_link, LinkOutcome, LinkProblem, Memo, Rendered, Validity,
};
use crate::msg;

/// One page of the site: a report, an ordinary page, or a section's text.
#[derive(Debug)]
pub struct Page {
    /// The file it came from.
    pub source: SourceFile,
    /// Front-matter fields.
    pub meta: Arc<PageMeta>,
    /// Present for reports.
    pub report: Option<Arc<ReportData>>,
    /// The page's language (its own or the site's).
    pub lang: Lang,
    /// Last part of its URL.
    pub slug: String,
    /// Site path, e.g. `laporan/denpasar-mpp/` (`""` for the home page's text).
    pub path: String,
    /// Markdown body.
    pub body: Arc<str>,
    /// Line where the body starts in the file.
    pub body_line: usize,
    /// Rendered body (shared with the parse cache of `tilik serve`). Its `html` is empty
    /// while `html_later` is set.
    pub rendered: Arc<Rendered>,
    /// When the model was assembled with [`BodyHtml::Later`]: the link resolver's answers for
    /// the body, with which [`Site::complete_html`] renders its HTML.
    pub html_later: Option<Vec<(String, markdown::LinkOutcome)>>,
}

impl Page {
    /// True for reports (pages with a `visit` table, not plans).
    pub fn is_report(&self) -> bool {
        self.report
            .as_ref()
            .is_some_and(|r| r.stage == Stage::Laporan)
    }

    /// True for visit plans (`stage = "rencana"`).
    pub fn is_plan(&self) -> bool {
        self.report
            .as_ref()
            .is_some_and(|r| r.stage == Stage::Rencana)
    }

    /// True for `_index.md` files.
    pub fn is_section(&self) -> bool {
        self.source.kind == SourceKind::Section
    }

    /// Files of a bundle, copied next to the page.
    pub fn assets(&self) -> &[PathBuf] {
        match &self.source.kind {
            SourceKind::Bundle { assets } => assets,
            _ => &[],
        }
    }

    /// Year of the visit, for reports.
    pub fn visit_year(&self) -> Option<i32> {
        self.report.as_ref()?.visit.start.map(|d| d.year())
    }

    /// Renders the body's HTML if it was left for later, then frees the Markdown source.
    fn complete_html(&mut self, options: markdown::RenderOptions) {
        if let Some(answers) = self.html_later.take() {
            let html = markdown::html_again(&self.body, &answers, options.in_lang(self.lang));
            match Arc::get_mut(&mut self.rendered) {
                Some(rendered) => rendered.html = html,
                None => {
                    let mut rendered = Rendered::clone(&self.rendered);
                    rendered.html = html;
                    self.rendered = Arc::new(rendered);
                }
            }
        }
        self.body = Arc::from("");
    }
}

/// When the model renders the HTML of the pages' bodies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyHtml {
    /// With the rest of the model, in [`assemble_with_cache`].
    Now,
    /// Later, by [`Site::complete_html`]: what a build does, so that the Markdown source
    /// and the HTML of every page are never held together (the checks after the model read
    /// the source; only the writing needs the HTML). Bodies taken from a parse cache come
    /// with their HTML.
    Later,
}

/// The whole site.
#[derive(Debug)]
pub struct Site {
    /// `tilik.toml`, with command-line overrides applied.
    pub config: Config,
    /// "Today" for overdue checks; injectable for tests.
    pub build_date: NaiveDate,
    /// Published reports and pages, newest first (then by title); sections excluded.
    pub pages: Vec<Page>,
    /// `_index.md` texts, by path.
    pub sections: Vec<Page>,
    /// Visit plans (`stage = "rencana"`), by planned start; never among `pages`.
    pub plans: Vec<Page>,
    /// Whether the plans are written to the output (`[publish] plans`, or `--drafts`);
    /// `check` reviews them either way.
    pub plans_published: bool,
    /// Related reports of every report and plan (see [`crate::related`]); filled in by
    /// [`crate::load`] once the site is assembled.
    pub related: crate::related::Related,
    /// Bundle images already read and stripped by the content checks, taken by the render
    /// so that each image is read and stripped once (see [`crate::output::strip::Stripped`]).
    pub stripped: crate::output::strip::Stripped,
    /// Units, topics, places, years and tags.
    pub taxonomies: Taxonomies,
    /// The member portals of a hub (`[[network.members]]`), with their reports.
    pub network: Vec<crate::network::Member>,
    /// In a hub: members' reports related to its reports and plans.
    pub network_related: crate::network::review::MemberRelated,
}

impl Site {
    /// The published reports, newest first.
    pub fn reports(&self) -> impl Iterator<Item = &Page> {
        self.pages.iter().filter(|p| p.is_report())
    }

    /// The section text at a site path, if there is one.
    pub fn section(&self, path: &str) -> Option<&Page> {
        self.sections.iter().find(|s| s.path == path)
    }

    /// Renders the HTML of the bodies left for later ([`BodyHtml::Later`]) and frees the
    /// Markdown source of every page, section and plan: nothing reads it once the model is
    /// checked, and the HTML is what the writing needs.
    pub fn complete_html(&mut self) {
        let options = markdown::RenderOptions {
            allow_raw_html: self.config.markdown.allow_raw_html,
            lang: self.config.language,
        };
        self.pages
            .par_iter_mut()
            .chain(self.sections.par_iter_mut())
            .chain(self.plans.par_iter_mut())
            .for_each(|page| page.complete_html(options));
    }
}

/// Which pages a run publishes.
#[derive(Clone, Copy, Debug)]
pub struct Publication {
    /// `--drafts`: publish drafts (and reports dated in the future) too.
    pub include_drafts: bool,
    /// `[publish] future_reports`: publish reports dated after the build date.
    pub future_reports: bool,
    /// "Today".
    pub build_date: NaiveDate,
}

impl Publication {
    /// Whether a page with this front matter is published. A report dated after the build
    /// date is held back like a draft when the site says so.
    pub fn publishes(&self, meta: &PageMeta, is_report: bool) -> bool {
        let future = is_report && meta.date.is_some_and(|d| d > self.build_date);
        self.include_drafts || !(meta.draft || !self.future_reports && future)
    }
}

/// Where a page lives: reports at `laporan/<slug>/`, plans at `rencana/<slug>/`, other pages
/// by their place in `content/`.
fn site_path(source: &SourceFile, report: Option<&ReportData>, slug: &str) -> String {
    // The folders of `rel`, each with its `/`: everything up to the last `/`.
    let folders = |rel: &str| rel.rfind('/').map_or("", |i| &rel[..=i]).to_string();
    match &source.kind {
        SourceKind::Section => folders(&source.rel),
        _ if report.is_some_and(|r| r.stage == Stage::Rencana) => format!("rencana/{slug}/"),
        _ if report.is_some() => format!("laporan/{slug}/"),
        SourceKind::Bundle { .. } => {
            // The bundle folder is replaced by the slug.
            let bundle = source.rel.rfind('/').map_or("", |i| &source.rel[..i]);
            folders(bundle) + slug + "/"
        }
        SourceKind::Page => folders(&source.rel) + slug + "/",
    }
}

fn default_slug(source: &SourceFile) -> String {
    let mut parts = source.rel.rsplit('/');
    let file = parts.next().unwrap_or("");
    let name = match source.kind {
        SourceKind::Bundle { .. } => parts.next().unwrap_or(""),
        // `X.MD` is a page too: its extension goes whatever its case.
        _ => file
            .len()
            .checked_sub(3)
            .filter(|&i| file.is_char_boundary(i) && file[i..].eq_ignore_ascii_case(".md"))
            .map_or(file, |i| &file[..i]),
    };
    slugify(name)
}

/// Assembles the site from loaded files: URLs, drafts, links, Markdown, taxonomies.
pub fn assemble(
    config: Config,
    files: Vec<LoadedFile>,
    include_drafts: bool,
    build_date: NaiveDate,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) -> Site {
    let mut none = ParseCache::disabled();
    assemble_with_cache(
        config,
        files,
        include_drafts,
        build_date,
        lang,
        diags,
        &mut none,
        BodyHtml::Now,
    )
}

/// [`assemble`], taking each body's HTML from `cache` where neither the body nor the answers
/// about its links changed, and keeping the new ones there; the HTML of the others is
/// rendered `when` asked.
#[allow(clippy::too_many_arguments)]
pub fn assemble_with_cache(
    config: Config,
    files: Vec<LoadedFile>,
    include_drafts: bool,
    build_date: NaiveDate,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
    cache: &mut ParseCache,
    when: BodyHtml,
) -> Site {
    let mut all: Vec<Page> = files
        .into_iter()
        .map(|f| {
            let slug = f
                .front_matter
                .meta
                .slug
                .clone()
                .unwrap_or_else(|| default_slug(&f.source));
            let path = site_path(&f.source, f.front_matter.report.as_deref(), &slug);
            Page {
                lang: f.front_matter.meta.lang.unwrap_or(config.language),
                meta: f.front_matter.meta,
                report: f.front_matter.report,
                slug,
                path,
                source: f.source,
                body: f.body,
                body_line: f.body_line,
                rendered: Arc::default(),
                html_later: None,
            }
        })
        .collect();

    check_unique_paths(&all, lang, diags);
    for page in &all {
        for rec in page.report.iter().flat_map(|r| &r.recommendations) {
            let path = &page.source.display;
            diags.extend(super::history::future_steps(rec, path, build_date, lang));
        }
    }
    let rule = Publication {
        include_drafts,
        future_reports: config.publish.future_reports,
        build_date,
    };
    let plans_published = config.publish.plans || include_drafts;
    // A plan is kept for `check` when its draft rule allows, but published only when plans are.
    let keeps = |p: &Page| rule.publishes(&p.meta, p.is_report());
    let published = |p: &Page| keeps(p) && (plans_published || !p.is_plan());
    // Links from published pages resolve to published pages only (a link to a draft would
    // be broken on the portal); drafts may also link to other drafts. Drafts are rendered
    // too, so that `check` and `build` report their broken links before they are published.
    let all_targets = Targets::of(all.iter());
    // Usually every page is published: then the two are one.
    let published_targets = if all.iter().all(published) {
        None
    } else {
        Some(Targets::of(all.iter().filter(|p| published(p))))
    };
    let targets_of = |page: &Page| {
        if published(page) {
            published_targets.as_ref().unwrap_or(&all_targets)
        } else {
            &all_targets
        }
    };
    let content_dir = config_content_dir(&all);
    // Links to the portal's own addresses depend on its base URL too.
    let content_dir_hash = {
        let mut hasher = std::hash::DefaultHasher::new();
        (&content_dir, &config.base_url).hash(&mut hasher);
        hasher.finish()
    };
    let portal = Portal::new(&config.base_url);
    let content_dir = (content_dir.as_deref(), content_dir_hash);
    let options = markdown::RenderOptions {
        allow_raw_html: config.markdown.allow_raw_html,
        lang: config.language,
    };
    let keep = cache.is_enabled();
    let kept: &ParseCache = cache;
    // The bodies kept for the very same targets first (one by one: there is little to do for
    // each), then the others in parallel.
    let mut bodies: Vec<Option<Body>> = all
        .iter()
        .map(|page| {
            let memo = kept.markdown(&page.source.path)?;
            let context = page_context(page, targets_of(page), content_dir.1);
            memo.stands_for(context, options.in_lang(page.lang))
                .then(|| Body {
                    rendered: Arc::clone(&memo.rendered),
                    diags: link_diagnostics(page, &memo.broken, &all_targets, content_dir.0, lang),
                    memo: Reuse::Kept,
                    html_later: None,
                })
        })
        .collect();
    let missing: Vec<usize> = (0..all.len()).filter(|&i| bodies[i].is_none()).collect();
    let rendered: Vec<(usize, Body)> = missing
        .into_par_iter()
        .map(|i| {
            let page = &all[i];
            let body = render_page(
                page,
                targets_of(page),
                &all_targets,
                content_dir,
                &portal,
                options,
                lang,
                kept.markdown(&page.source.path),
                keep,
                when,
            );
            (i, body)
        })
        .collect();
    for (i, body) in rendered {
        bodies[i] = Some(body);
    }
    drop((all_targets, published_targets));
    for (page, body) in all.iter_mut().zip(bodies) {
        let Some(body) = body else { continue };
        page.rendered = body.rendered;
        page.html_later = body.html_later;
        diags.extend(body.diags);
        match body.memo {
            Reuse::Rendered(memo) => cache.keep_markdown(&page.source.path, memo),
            Reuse::NewContext(context) => cache.markdown_context(&page.source.path, context),
            Reuse::Kept | Reuse::Nothing => {}
        }
    }
    all.retain(|p| keeps(p));

    let (plans, all): (Vec<Page>, Vec<Page>) = all.into_iter().partition(|p| p.is_plan());
    let (sections, pages): (Vec<Page>, Vec<Page>) = all.into_iter().partition(|p| p.is_section());
    let mut plans = plans;
    plans.sort_by(|a, b| {
        let start = |p: &Page| p.report.as_ref().and_then(|r| r.visit.start);
        start(a)
            .cmp(&start(b))
            .then_with(|| a.meta.title.cmp(&b.meta.title))
    });
    // Newest first, then by title. (Sorted by index, then moved once: a page is big.)
    let mut order: Vec<usize> = (0..pages.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&pages[a].meta, &pages[b].meta);
        b.date.cmp(&a.date).then_with(|| a.title.cmp(&b.title))
    });
    let mut slots: Vec<Option<Page>> = pages.into_iter().map(Some).collect();
    let pages: Vec<Page> = order.iter().filter_map(|&i| slots[i].take()).collect();
    let taxonomies = taxonomy::build(&pages, lang, diags);
    Site {
        config,
        build_date,
        pages,
        sections,
        plans,
        plans_published,
        related: crate::related::Related::default(),
        stripped: Default::default(),
        taxonomies,
        network: Vec::new(),
        network_related: Default::default(),
    }
}

/// The `content/` folder, derived from any page's absolute and relative paths.
fn config_content_dir(pages: &[Page]) -> Option<PathBuf> {
    let page = pages.first()?;
    let depth = page.source.rel.split('/').count();
    page.source
        .path
        .ancestors()
        .nth(depth)
        .map(Path::to_path_buf)
}

/// The site path of each page, by its file (path relative to `content/`), and a hash of them
/// all.
struct Targets<'a> {
    paths: HashMap<&'a str, &'a str, foldhash::fast::RandomState>,
    /// The site paths themselves.
    site: HashSet<&'a str>,
    hash: u64,
}

impl<'a> Targets<'a> {
    fn of(pages: impl Iterator<Item = &'a Page>) -> Targets<'a> {
        let mut hasher = std::hash::DefaultHasher::new();
        let paths = pages
            .map(|p| {
                let pair = (p.source.rel.as_str(), p.path.as_str());
                pair.hash(&mut hasher);
                pair
            })
            .collect::<HashMap<_, _, _>>();
        let site = paths.values().copied().collect();
        Targets {
            paths,
            site,
            hash: hasher.finish(),
        }
    }
}

/// A page's rendered body, the errors about its links, and what to keep in the parse cache.
struct Body {
    rendered: Arc<Rendered>,
    diags: Vec<Diagnostic>,
    memo: Reuse,
    /// The resolver's answers, when the HTML is left for later.
    html_later: Option<Vec<(String, markdown::LinkOutcome)>>,
}

/// What became of the kept rendering of a body.
enum Reuse {
    /// Taken as it was.
    Kept,
    /// Taken, and to be kept for a new context.
    NewContext(u64),
    /// Rendered again: keep this.
    Rendered(Memo),
    /// Rendered, nothing to keep.
    Nothing,
}

/// A hash of everything the answers about a page's links depend on (see [`Memo`]).
fn page_context(page: &Page, targets: &Targets, content_dir_hash: u64) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    (
        targets.hash,
        content_dir_hash,
        page.source.rel.as_str(),
        page.path.as_str(),
    )
        .hash(&mut hasher);
    for asset in page.assets() {
        asset.as_os_str().hash(&mut hasher);
    }
    hasher.finish()
}

/// Renders a page's body (or takes it from `cached` when that still stands), with the errors
/// about its broken links, and the memo to keep when `keep` is set and it was rendered.
#[allow(clippy::too_many_arguments)]
fn render_page(
    page: &Page,
    targets: &Targets,
    all_pages: &Targets,
    (content_dir, content_dir_hash): (Option<&Path>, u64),
    portal: &Portal,
    options: markdown::RenderOptions,
    lang: Lang,
    cached: Option<&Memo>,
    keep: bool,
    when: BodyHtml,
) -> Body {
    let options = options.in_lang(page.lang);
    let rel = page.source.rel.as_str();
    let from = page.path.as_str();
    let context = page_context(page, targets, content_dir_hash);
    let assets: HashSet<String> = page
        .assets()
        .iter()
        .filter_map(|a| content_dir.and_then(|c| a.strip_prefix(c).ok()))
        .map(|a| {
            a.components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/")
        })
        .collect();
    let resolve = |target: &str| -> LinkOutcome {
        if is_page_link(target) {
            return match resolve_link_target(rel, target) {
                Some((file, fragment)) => match targets.paths.get(file.as_str()) {
                    Some(path) => {
                        LinkOutcome::Rewrite(format!("{}{fragment}", relative_url(from, path)))
                    }
                    None => LinkOutcome::Missing,
                },
                None => LinkOutcome::Missing,
            };
        }
        if let Some((path, suffix)) = portal.site_address(target) {
            return super::site_links::resolve(from, path, suffix, &targets.site);
        }
        if is_file_link(target) {
            let known =
                resolve_link_target(rel, target).is_some_and(|(file, _)| assets.contains(&file));
            return if known {
                LinkOutcome::Keep
            } else {
                LinkOutcome::Missing
            };
        }
        if climbs_out(from, target) {
            return LinkOutcome::Missing;
        }
        LinkOutcome::Keep
    };
    let validity = cached.map(|memo| (memo, memo.validity(context, &resolve, options)));
    let mut html_later = None;
    let (rendered, broken, memo) = match validity {
        Some((memo, Validity::Same)) => {
            (Arc::clone(&memo.rendered), memo.broken.clone(), Reuse::Kept)
        }
        Some((memo, Validity::SameAnswers)) => (
            Arc::clone(&memo.rendered),
            memo.broken.clone(),
            Reuse::NewContext(context),
        ),
        _ if keep => {
            let memo = Memo::render(&page.body, context, &resolve, options);
            (
                Arc::clone(&memo.rendered),
                memo.broken.clone(),
                Reuse::Rendered(memo),
            )
        }
        _ if when == BodyHtml::Later => {
            let (rendered, broken, answers) =
                markdown::check_recording(&page.body, &resolve, options);
            html_later = Some(answers);
            (Arc::new(rendered), broken, Reuse::Nothing)
        }
        _ => {
            let (rendered, broken) = markdown::render_with(&page.body, &resolve, options);
            (Arc::new(rendered), broken, Reuse::Nothing)
        }
    };
    Body {
        rendered,
        diags: link_diagnostics(page, &broken, all_pages, content_dir, lang),
        memo,
        html_later,
    }
}

/// Whether a relative link (no scheme, not from the site root) climbs above the site root
/// from the page at site path `from` (`../../../../etc/nope`): it would leave the portal
/// (browsers stop at the host's root, outside a portal published under a path).
fn climbs_out(from: &str, target: &str) -> bool {
    let relative = !target.starts_with(['/', '#', '?', '@', '\\'])
        && !target
            .split(['/', '?', '#'])
            .next()
            .is_some_and(|first| first.contains(':'));
    relative && resolve_link_target(&format!("{from}index.html"), target).is_none()
}

/// The errors about a page's broken links.
fn link_diagnostics(
    page: &Page,
    broken: &[markdown::BrokenLink],
    all_pages: &Targets,
    content_dir: Option<&Path>,
    lang: Lang,
) -> Vec<Diagnostic> {
    if broken.is_empty() {
        return Vec::new();
    }
    let rel = page.source.rel.as_str();
    let bundle_dir: Option<String> =
        matches!(page.source.kind, SourceKind::Bundle { .. }).then(|| {
            rel.rsplit_once('/')
                .map_or(String::new(), |(dir, _)| dir.to_string())
        });
    broken
        .iter()
        .map(|b| {
            let pos = body_pos(&page.body, page.body_line, b.offset);
            if b.problem == LinkProblem::NotALink {
                let (message, hint) = super::link_hints::not_a_link(&b.target, lang);
                return Diagnostic::error(&page.source.display, Some(pos), message).with_hint(hint);
            }
            let file = resolve_link_target(rel, &b.target).map(|(f, _)| f);
            let address = !is_page_link(&b.target) && !is_file_link(&b.target);
            let (message, hint) = if climbs_out(&page.path, &b.target) {
                (
                    msg!(lang, "site.link_above_root", target = b.target),
                    msg!(lang, "site.link_above_root_hint").to_string(),
                )
            } else if address {
                (
                    msg!(lang, "site.no_page_at_link", target = b.target),
                    msg!(lang, "site.no_page_at_link_hint").to_string(),
                )
            } else if is_page_link(&b.target) {
                if file
                    .as_ref()
                    .is_some_and(|f| all_pages.paths.contains_key(f.as_str()))
                {
                    (
                        msg!(lang, "site.link_to_unpublished", target = b.target),
                        msg!(lang, "site.link_to_unpublished_hint").to_string(),
                    )
                } else if let Some(name) = file
                    .as_ref()
                    .zip(content_dir)
                    .and_then(|(f, c)| super::link_hints::near_miss_file(&c.join(f)))
                {
                    (
                        msg!(lang, "site.no_such_file", target = b.target),
                        msg!(lang, "site.near_miss", name),
                    )
                } else {
                    (
                        msg!(lang, "site.no_such_file", target = b.target),
                        msg!(lang, "site.no_such_page_hint").to_string(),
                    )
                }
            } else {
                let exists = file
                    .as_ref()
                    .zip(content_dir)
                    .is_some_and(|(f, c)| c.join(f).is_file());
                if exists && bundle_dir.is_none() {
                    (
                        msg!(lang, "site.file_of_plain_report", target = b.target),
                        msg!(lang, "site.file_of_plain_report_hint").to_string(),
                    )
                } else if exists {
                    (
                        msg!(lang, "site.file_outside_bundle", target = b.target),
                        msg!(lang, "site.file_outside_bundle_hint").to_string(),
                    )
                } else {
                    let near = file
                        .as_ref()
                        .zip(content_dir)
                        .and_then(|(f, c)| super::link_hints::near_miss_file(&c.join(f)));
                    (
                        msg!(lang, "site.no_such_file_in_bundle", target = b.target),
                        match near {
                            Some(name) => msg!(lang, "site.near_miss_file", name),
                            None => msg!(lang, "site.no_such_file_hint").to_string(),
                        },
                    )
                }
            };
            Diagnostic::error(&page.source.display, Some(pos), message).with_hint(hint)
        })
        .collect()
}

/// Position in the file of a byte offset in the body.
fn body_pos(body: &str, body_line: usize, offset: usize) -> Pos {
    let before = &body[..offset.min(body.len())];
    let line = body_line + before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Pos::new(line, before[line_start..].chars().count() + 1)
}

/// Where a page's URL comes from in its file: the `slug` line of the front matter, or the
/// start of the file (the URL comes from its name).
pub fn slug_pos(path: &Path) -> Pos {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut fences = 0;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_end();
        if trimmed == "+++" || trimmed == "---" {
            fences += 1;
            if fences == 2 {
                break;
            }
            continue;
        }
        let key = line.trim_start();
        if fences == 1 && key.starts_with("slug") {
            let rest = key["slug".len()..].trim_start();
            if rest.starts_with(['=', ':']) {
                return Pos::new(i + 1, line.len() - key.len() + 1);
            }
        }
    }
    Pos::new(1, 1)
}

fn check_unique_paths(pages: &[Page], lang: Lang, diags: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, &Page, foldhash::fast::RandomState> = HashMap::default();
    for page in pages {
        if let Some(first) = seen.get(page.path.as_str()) {
            let first_file = crate::diagnostics::display_path(&first.source.display);
            diags.push(
                Diagnostic::error(
                    &page.source.display,
                    Some(slug_pos(&page.source.path)),
                    msg!(lang, "site.url_collision", path = page.path, first_file),
                )
                .with_hint(msg!(lang, "site.url_collision_hint")),
            );
        } else {
            seen.insert(&page.path, page);
        }
    }
}
