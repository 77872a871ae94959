//! Rendering: the model into output files (HTML pages through the theme's templates, plus
//! static files and bundle assets), in parallel and in a deterministic order.

pub mod cards;
pub mod charts;
pub mod engine;
pub mod format;
pub mod network;
mod pages;
mod related;
pub mod search;
pub mod share;
pub mod structured;
pub mod theme;
pub mod views;

use std::path::Path;
use std::sync::Mutex;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Lang};
use crate::model::site::Site;
use crate::msg;
use crate::output::OutputFile;
use crate::Failure;
use engine::Engine;
use theme::{StaticSource, Theme};

/// Renders every file of the site. Files come back sorted by path.
pub fn render(site: &Site, root: &Path, lang: Lang) -> Result<Vec<OutputFile>, Failure> {
    let files = Mutex::new(Vec::new());
    let keep = |file| {
        files.lock().unwrap_or_else(|e| e.into_inner()).push(file);
        Ok(())
    };
    render_to(site, root, lang, &keep, Held::InMemory)?;
    let mut files = files.into_inner().unwrap_or_else(|e| e.into_inner());
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Where rendered files go: called from many threads, once per file, as soon as it is ready.
pub type Sink<'a> = dyn Fn(OutputFile) -> Result<(), Diagnostic> + Sync + 'a;

/// Renders every file of the site into `sink` as it is made, so that a big portal is never
/// held in memory whole. Returns the site paths of all files, sorted. The sink must copy a
/// file's content during the call: some are copies of temporary files (the open data).
pub fn render_into(
    site: &Site,
    root: &Path,
    lang: Lang,
    sink: &Sink,
) -> Result<Vec<String>, Failure> {
    render_to(site, root, lang, sink, Held::OnDisk)
}

/// Whether the sink keeps the files it is given ([`render`]) or writes them at once.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Held {
    InMemory,
    OnDisk,
}

/// [`render_into`], with the big generated files made as bytes when the sink keeps them.
fn render_to(
    site: &Site,
    root: &Path,
    lang: Lang,
    sink: &Sink,
    held: Held,
) -> Result<Vec<String>, Failure> {
    let config_error = |d: Diagnostic| Failure::Config(vec![d]);
    let theme = Theme::load(root, &site.config.theme, lang).map_err(config_error)?;
    let engine = Engine::new(&theme, site, lang).map_err(config_error)?;
    let strings = theme.strings(site.config.language);
    let jobs = pages::jobs(site);
    let viewer = views::Viewer::new(site);
    let cards = cards::Cards::new(
        &engine,
        site,
        theme
            .templates
            .get(cards::CARD_TEMPLATE)
            .map(String::as_str),
    );
    let paths = Mutex::new(Vec::new());
    let emit = |file: OutputFile| -> Result<(), Diagnostic> {
        paths
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(file.path.clone());
        sink(file)
    };
    let watch = crate::timings::Stopwatch::nested(1);
    let index_watch = crate::timings::Stopwatch::nested(2);
    let (index, rendered) = rayon::join(
        move || {
            let index = search::index(site);
            index_watch.lap("(search index, alongside)");
            index
        },
        || -> Result<(), Diagnostic> {
            jobs.par_iter().try_for_each(|job| {
                pages::render_job(job, site, &viewer, &engine, &cards, &strings, lang)?
                    .into_iter()
                    .try_for_each(emit)
            })
        },
    );
    rendered.map_err(config_error)?;
    watch.lap("pages and search index");
    // The search page names the index entry, whose file name carries a content hash.
    let search_job = pages::Job::Search(index.entry.clone());
    let mut rest = pages::render_job(&search_job, site, &viewer, &engine, &cards, &strings, lang)
        .map_err(config_error)?;
    // The rest is written group by group, each group freed before the next is made (the open
    // data of a big portal alone is tens of megabytes).
    drop(cards);
    rest.extend(
        index
            .files
            .into_iter()
            .map(|(path, bytes)| OutputFile::bytes(path, bytes)),
    );
    let clean_svg = crate::active_content::cleans_svg(site);
    let rewrite = |path: &Path| {
        crate::output::strip::is_strippable(path)
            || (clean_svg && crate::active_content::is_svg(path))
    };
    for (rel, source) in &theme.statics {
        rest.push(match source {
            StaticSource::Disk(path) if clean_svg && crate::active_content::is_svg(path) => {
                OutputFile {
                    path: rel.clone(),
                    content: crate::output::Content::Image(path.clone()),
                }
            }
            StaticSource::Disk(path) => OutputFile::copy(rel.clone(), path.clone()),
            StaticSource::Embedded(bytes) => OutputFile::bytes(rel.clone(), bytes.to_vec()),
        });
    }
    let plans = if site.plans_published {
        &site.plans[..]
    } else {
        &[]
    };
    for page in site.pages.iter().chain(&site.sections).chain(plans) {
        for asset in page.assets() {
            let bundle_dir = page.source.path.parent().unwrap_or(Path::new(""));
            let rel = asset
                .strip_prefix(bundle_dir)
                .unwrap_or(asset)
                .to_string_lossy()
                .replace('\\', "/");
            let path = format!("{}{rel}", page.path);
            rest.push(if let Some(clean) = site.stripped.take(asset) {
                // Read and stripped once, by the content checks.
                OutputFile::bytes(path, clean)
            } else if rewrite(asset) {
                OutputFile {
                    path,
                    content: crate::output::Content::Image(asset.clone()),
                }
            } else {
                OutputFile::copy(path, asset.clone())
            });
        }
    }
    let emit_all = |files: Vec<OutputFile>| -> Result<(), Failure> {
        files
            .into_par_iter()
            .try_for_each(emit)
            .map_err(config_error)
    };
    emit_all(rest)?;
    let styled_feeds = theme
        .statics
        .contains_key(crate::output::feeds::FEED_STYLESHEET);
    let follow_page = theme.templates.contains_key("follow.html");
    emit_all(crate::output::feeds::feeds(site, styled_feeds, follow_page))?;
    crate::output::opendata::publish(site, lang, held == Held::InMemory, emit)
        .map_err(config_error)?;
    crate::output::network::publish(site, emit).map_err(config_error)?;
    emit_all(crate::output::plandata::plan_data(site))?;
    emit_all(share::cards(site, root))?;
    watch.lap("static files, assets, feeds, open data");
    let mut all = paths.into_inner().unwrap_or_else(|e| e.into_inner());
    all.sort();
    for file in crate::output::sitemap::sitemap_and_robots(site, &all) {
        all.push(file.path.clone());
        sink(file).map_err(config_error)?;
    }
    all.sort();
    let collisions = collisions(&all, site, &theme, root, lang);
    if !collisions.is_empty() {
        return Err(Failure::Content(collisions));
    }
    watch.lap("sitemap");
    Ok(all)
}

/// Two outputs at one path would silently overwrite each other: make it an error instead.
/// An error for every output path written twice (`paths` sorted), at the project files it
/// comes from: a page (at its `slug` line, or its start), a bundle file, a static file, or a
/// page Tilik generates (the search page `cari/`, lists, feeds…).
fn collisions(
    paths: &[String],
    site: &Site,
    theme: &Theme,
    root: &Path,
    lang: Lang,
) -> Vec<Diagnostic> {
    let mut twice: Vec<&str> = paths
        .windows(2)
        .filter(|pair| pair[0] == pair[1])
        .map(|pair| pair[0].as_str())
        .collect();
    twice.dedup();
    let mut out = Vec::new();
    for path in twice {
        let mut sources: Vec<(std::path::PathBuf, Option<crate::diagnostics::Pos>)> = Vec::new();
        for page in site.pages.iter().chain(&site.sections) {
            if format!("{}index.html", page.path) == path {
                let pos = crate::model::site::slug_pos(&page.source.path);
                sources.push((page.source.display.clone(), Some(pos)));
            }
            let bundle_dir = page.source.path.parent().unwrap_or(Path::new(""));
            for asset in page.assets() {
                let rel = asset.strip_prefix(bundle_dir).unwrap_or(asset);
                if format!("{}{}", page.path, rel.to_string_lossy().replace('\\', "/")) == path {
                    let shown = page.source.display.parent().unwrap_or(Path::new(""));
                    sources.push((shown.join(rel), None));
                }
            }
        }
        if let Some(StaticSource::Disk(file)) = theme.statics.get(path) {
            let shown = file.strip_prefix(root).unwrap_or(file).to_path_buf();
            sources.push((shown, None));
        }
        let generated = sources.len() < 2;
        let what = msg!(lang, "render.path_collision", path);
        let what = if generated {
            msg!(lang, "render.path_collision_builtin", what)
        } else {
            what
        };
        let hint = msg!(lang, "render.path_collision_hint");
        if sources.is_empty() {
            sources.push(("content".into(), None));
        }
        for (shown, pos) in sources {
            out.push(Diagnostic::error(shown, pos, what.clone()).with_hint(hint.clone()));
        }
    }
    out
}

/// Renders only the pages of `site.pages` at `indexes` (reports and ordinary pages), each
/// exactly as [`render`] renders it. The preview uses it to show an edited report at once
/// while the rest of the site is rebuilt behind it, with the templates compiled for the last
/// edit kept in `templates`.
pub fn render_pages(
    site: &Site,
    root: &Path,
    lang: Lang,
    indexes: &[usize],
    templates: &mut engine::TemplateCache,
) -> Result<Vec<OutputFile>, Failure> {
    let config_error = |d: Diagnostic| Failure::Config(vec![d]);
    let theme = Theme::load(root, &site.config.theme, lang).map_err(config_error)?;
    let engine = Engine::with_cache(&theme, site, lang, templates).map_err(config_error)?;
    let strings = theme.strings(site.config.language);
    let viewer = views::Viewer::new(site);
    let cards = cards::Cards::new(
        &engine,
        site,
        theme
            .templates
            .get(cards::CARD_TEMPLATE)
            .map(String::as_str),
    );
    let rendered: Result<Vec<Vec<OutputFile>>, Diagnostic> = indexes
        .par_iter()
        .filter(|&&i| i < site.pages.len())
        .map(|&i| {
            let job = pages::Job::Page(i);
            pages::render_job(&job, site, &viewer, &engine, &cards, &strings, lang)
        })
        .collect();
    Ok(rendered
        .map_err(config_error)?
        .into_iter()
        .flatten()
        .collect())
}
