//! The site: every published page with its URL and rendered body, and what is derived from
//! them. Built once per run and shared read-only with every renderer.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;

use super::paths::{relative_url, resolve_link_target};
use super::report::{PageMeta, ReportData};
use super::slug::slugify;
use super::taxonomy::{self, Taxonomies};
use crate::config::Config;
use crate::content::discover::{SourceFile, SourceKind};
use crate::content::load::LoadedFile;
use crate::diagnostics::{Diagnostic, Lang, Pos};
use crate::markdown::{self, is_file_link, is_page_link, LinkOutcome, Rendered};

/// One page of the site: a report, an ordinary page, or a section's text.
#[derive(Debug)]
pub struct Page {
    /// The file it came from.
    pub source: SourceFile,
    /// Front-matter fields.
    pub meta: PageMeta,
    /// Present for reports.
    pub report: Option<ReportData>,
    /// The page's language (its own or the site's).
    pub lang: Lang,
    /// Last part of its URL.
    pub slug: String,
    /// Site path, e.g. `laporan/denpasar-mpp/` (`""` for the home page's text).
    pub path: String,
    /// Markdown body.
    pub body: String,
    /// Line where the body starts in the file.
    pub body_line: usize,
    /// Rendered body.
    pub rendered: Rendered,
}

impl Page {
    /// True for reports (pages with a `visit` table).
    pub fn is_report(&self) -> bool {
        self.report.is_some()
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
    /// Units, topics, places, years and tags.
    pub taxonomies: Taxonomies,
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

/// Where a page lives: reports at `laporan/<slug>/`, other pages by their place in `content/`.
fn site_path(source: &SourceFile, is_report: bool, slug: &str) -> String {
    let mut parts: Vec<&str> = source.rel.split('/').collect();
    parts.pop(); // the file name
    match &source.kind {
        SourceKind::Section => parts.iter().map(|p| format!("{p}/")).collect(),
        _ if is_report => format!("laporan/{slug}/"),
        SourceKind::Bundle { .. } => {
            parts.pop(); // the bundle folder; replaced by the slug
            parts.iter().map(|p| format!("{p}/")).collect::<String>() + slug + "/"
        }
        SourceKind::Page => parts.iter().map(|p| format!("{p}/")).collect::<String>() + slug + "/",
    }
}

fn default_slug(source: &SourceFile) -> String {
    let mut parts = source.rel.rsplit('/');
    let file = parts.next().unwrap_or("");
    let name = match source.kind {
        SourceKind::Bundle { .. } => parts.next().unwrap_or(""),
        _ => file.strip_suffix(".md").unwrap_or(file),
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
    let mut all: Vec<Page> = files
        .into_iter()
        .map(|f| {
            let is_report = f.front_matter.report.is_some();
            let slug = f
                .front_matter
                .meta
                .slug
                .clone()
                .unwrap_or_else(|| default_slug(&f.source));
            let path = site_path(&f.source, is_report, &slug);
            Page {
                lang: f.front_matter.meta.lang.unwrap_or(config.language),
                meta: f.front_matter.meta,
                report: f.front_matter.report,
                slug,
                path,
                source: f.source,
                body: f.body,
                body_line: f.body_line,
                rendered: Rendered::default(),
            }
        })
        .collect();

    check_unique_paths(&all, lang, diags);
    let rule = Publication {
        include_drafts,
        future_reports: config.publish.future_reports,
        build_date,
    };
    let published = |p: &Page| rule.publishes(&p.meta, p.is_report());
    // Links from published pages resolve to published pages only (a link to a draft would
    // be broken on the portal); drafts may also link to other drafts. Drafts are rendered
    // too, so that `check` and `build` report their broken links before they are published.
    let all_targets: HashMap<String, String> = all
        .iter()
        .map(|p| (p.source.rel.clone(), p.path.clone()))
        .collect();
    let published_targets: HashMap<String, String> = all
        .iter()
        .filter(|p| published(p))
        .map(|p| (p.source.rel.clone(), p.path.clone()))
        .collect();
    let content_dir = config_content_dir(&all);
    let options = markdown::RenderOptions {
        allow_raw_html: config.markdown.allow_raw_html,
    };
    let link_diags: Vec<Vec<Diagnostic>> = all
        .par_iter_mut()
        .map(|page| {
            let targets = if published(page) {
                &published_targets
            } else {
                &all_targets
            };
            render_page(
                page,
                targets,
                &all_targets,
                content_dir.as_deref(),
                options,
                lang,
            )
        })
        .collect();
    diags.extend(link_diags.into_iter().flatten());
    all.retain(|p| published(p));

    let (sections, mut pages): (Vec<Page>, Vec<Page>) =
        all.into_iter().partition(|p| p.is_section());
    pages.sort_by(|a, b| {
        b.meta
            .date
            .cmp(&a.meta.date)
            .then_with(|| a.meta.title.cmp(&b.meta.title))
    });
    let taxonomies = taxonomy::build(&pages, lang, diags);
    Site {
        config,
        build_date,
        pages,
        sections,
        taxonomies,
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

fn render_page(
    page: &mut Page,
    targets: &HashMap<String, String>,
    all_pages: &HashMap<String, String>,
    content_dir: Option<&Path>,
    options: markdown::RenderOptions,
    lang: Lang,
) -> Vec<Diagnostic> {
    let rel = page.source.rel.clone();
    let from = page.path.clone();
    let bundle_dir: Option<String> =
        matches!(page.source.kind, SourceKind::Bundle { .. }).then(|| {
            rel.rsplit_once('/')
                .map_or(String::new(), |(dir, _)| dir.to_string())
        });
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
            return match resolve_link_target(&rel, target) {
                Some((file, fragment)) => match targets.get(&file) {
                    Some(path) => {
                        LinkOutcome::Rewrite(format!("{}{fragment}", relative_url(&from, path)))
                    }
                    None => LinkOutcome::Missing,
                },
                None => LinkOutcome::Missing,
            };
        }
        if is_file_link(target) {
            let known =
                resolve_link_target(&rel, target).is_some_and(|(file, _)| assets.contains(&file));
            return if known {
                LinkOutcome::Keep
            } else {
                LinkOutcome::Missing
            };
        }
        LinkOutcome::Keep
    };
    let (rendered, broken) = markdown::render_with(&page.body, &resolve, options);
    page.rendered = rendered;
    broken
        .into_iter()
        .map(|b| {
            let pos = body_pos(&page.body, page.body_line, b.offset);
            let file = resolve_link_target(&rel, &b.target).map(|(f, _)| f);
            let (message, hint) = if is_page_link(&b.target) {
                if file.as_ref().is_some_and(|f| all_pages.contains_key(f)) {
                    (
                        lang.pick(
                            format!("tautan ke `{}`: halaman itu masih draf (atau bertanggal di masa depan), jadi tidak diterbitkan", b.target),
                            format!("link to `{}`: that page is a draft (or dated in the future), so it is not published", b.target),
                        ),
                        lang.pick(
                            "terbitkan halaman itu (draft = false) atau hapus tautannya",
                            "publish that page (draft = false) or remove the link",
                        ),
                    )
                } else {
                    (
                        lang.pick(
                            format!("tautan ke `{}`: berkas tujuan tidak ada", b.target),
                            format!("link to `{}`: no such file", b.target),
                        ),
                        lang.pick(
                            "tulis jalur berkas .md relatif terhadap berkas ini (../2023/laporan.md) atau dari folder content (@/laporan/2023/laporan.md)",
                            "write the .md file's path relative to this file (../2023/report.md) or from the content folder (@/laporan/2023/report.md)",
                        ),
                    )
                }
            } else {
                let exists = file
                    .as_ref()
                    .zip(content_dir)
                    .is_some_and(|(f, c)| c.join(f).is_file());
                if exists && bundle_dir.is_none() {
                    (
                        lang.pick(
                            format!("berkas `{}` tidak ikut diterbitkan: hanya laporan berbentuk folder (bundle) yang membawa berkasnya", b.target),
                            format!("the file `{}` is not published: only a report that is a folder (bundle) carries its files", b.target),
                        ),
                        lang.pick(
                            "jadikan laporan sebuah folder: pindahkan berkas .md menjadi NAMA/index.md dan letakkan gambar di sampingnya",
                            "make the report a folder: move the .md file to NAME/index.md and put the image next to it",
                        ),
                    )
                } else if exists {
                    (
                        lang.pick(
                            format!("berkas `{}` berada di luar folder laporan ini, jadi tidak ikut diterbitkan", b.target),
                            format!("the file `{}` is outside this report's folder, so it is not published", b.target),
                        ),
                        lang.pick(
                            "salin berkas itu ke folder laporan ini dan tautkan dengan namanya saja",
                            "copy the file into this report's folder and link it by its plain name",
                        ),
                    )
                } else {
                    (
                        lang.pick(
                            format!("tautan ke `{}`: berkas tidak ada", b.target),
                            format!("link to `{}`: no such file", b.target),
                        ),
                        lang.pick(
                            "periksa nama berkas, termasuk huruf besar/kecil dan ekstensinya (.jpg, .JPG, .jpeg)",
                            "check the file name, including upper/lower case and the extension (.jpg, .JPG, .jpeg)",
                        ),
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

fn check_unique_paths(pages: &[Page], lang: Lang, diags: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, &Page> = HashMap::new();
    for page in pages {
        if let Some(first) = seen.get(page.path.as_str()) {
            let first_file = crate::diagnostics::display_path(&first.source.display);
            diags.push(
                Diagnostic::error(
                    &page.source.display,
                    None,
                    lang.pick(
                        format!("alamat /{} sudah dipakai oleh {first_file}", page.path),
                        format!("the URL /{} is already used by {first_file}", page.path),
                    ),
                )
                .with_hint(lang.pick(
                    "ganti nama berkas atau tulis `slug` yang berbeda di front matter",
                    "rename the file or set a different `slug` in the front matter",
                )),
            );
        } else {
            seen.insert(&page.path, page);
        }
    }
}
