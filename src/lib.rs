//! Tilik turns study-visit reports (studi banding, kunjungan kerja) of regional government
//! units into a static portal.
//!
//! One pipeline serves every command:
//!
//! ```text
//! discover → parse → validate → model → render → write
//! ```
//!
//! [`load`] runs up to the model (what `tilik check` needs), [`render_site`] turns the model
//! into output files in memory, and [`build`] writes them to the output folder (`tilik build`).
//! `tilik serve` runs the same stages with a [`ParseCache`] ([`load_with_cache`]), so that a
//! rebuild reads and parses only the files that changed, and in two steps
//! ([`stage_with_cache`], then [`Staged::finish`]) so that an edited page can be shown before
//! the report quality checks have run.

pub mod active_content;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod import;
pub mod markdown;
pub mod menu;
pub mod messages;
pub mod model;
pub mod network;
pub mod output;
pub mod plan_checks;
pub mod privacy;
pub mod quality;
pub mod region;
pub mod related;
pub mod render;
pub mod sanitize;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod timings;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use config::Config;
use content::cache::ParseCache;
use diagnostics::{Diagnostic, Lang, Severity};
use model::site::Site;

/// What a command asks of the pipeline.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Project root (holds `tilik.toml`).
    pub root: PathBuf,
    /// Output folder; `output_dir` of `tilik.toml` when absent.
    pub output: Option<PathBuf>,
    /// Overrides `base_url`.
    pub base_url: Option<String>,
    /// Publish drafts too.
    pub drafts: bool,
    /// Language of messages; the site's language when absent.
    pub lang: Option<Lang>,
    /// "Today", for overdue recommendations; the real date when absent.
    pub build_date: Option<NaiveDate>,
    /// Treat warnings as errors.
    pub strict: bool,
    /// Write `.gz`/`.br` copies of text files (also `precompress = true` in tilik.toml).
    pub precompress: bool,
    /// When not empty, only the problems of these files (relative to `root`) are reported,
    /// and only they can fail the run (`tilik check FILE…`).
    pub only: Vec<PathBuf>,
    /// The problems of these files (relative to `root`) come first: the files being edited.
    pub first: Vec<PathBuf>,
    /// Fail at once (exit status 2) when another build is writing the same output folder,
    /// instead of waiting for it.
    pub no_wait: bool,
    /// A hub's HTTP members come from the cache only (`--offline`).
    pub offline: bool,
}

/// Why a run stopped.
#[derive(Debug)]
pub enum Failure {
    /// Usage or configuration problem (exit status 2).
    Config(Vec<Diagnostic>),
    /// Problems in the content (exit status 1).
    Content(Vec<Diagnostic>),
}

impl Failure {
    /// The process exit status for this failure.
    pub fn exit_code(&self) -> i32 {
        match self {
            Failure::Config(_) => 2,
            Failure::Content(_) => 1,
        }
    }

    /// The diagnostics to show.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Failure::Config(d) | Failure::Content(d) => d,
        }
    }
}

/// A loaded site and the warnings found on the way.
#[derive(Debug)]
pub struct Loaded {
    /// The model.
    pub site: Site,
    /// Warnings (errors stop the run).
    pub warnings: Vec<Diagnostic>,
    /// The language messages are written in.
    pub lang: Lang,
}

/// Runs discover → parse → validate → model. Every content error of the run is reported
/// together in [`Failure::Content`].
pub fn load(opts: &Options) -> Result<Loaded, Failure> {
    load_with_cache(opts, &mut ParseCache::disabled())
}

/// [`load`], re-reading and re-parsing only the source files that changed since the last
/// load with the same `cache` (and re-rendering only the bodies whose text or link targets
/// changed): what `tilik serve` runs on each change. The result is the same as [`load`]'s.
pub fn load_with_cache(opts: &Options, cache: &mut ParseCache) -> Result<Loaded, Failure> {
    stage_with_cache(opts, cache)?.finish(cache)
}

/// A site loaded up to the model, before the report quality checks and the ordering of the
/// diagnostics, which [`Staged::finish`] adds to make it a [`Loaded`]: `tilik serve` shows an
/// edited page from it first.
#[derive(Debug)]
pub struct Staged {
    site: Site,
    /// Found so far: warnings only (errors stop the staging).
    diags: Vec<Diagnostic>,
    lang: Lang,
    strict: bool,
    focus: diagnostics::Focus,
    timer: timings::Stopwatch,
    /// The site's related reports are those of the previous load of `tilik serve` (remapped):
    /// [`Staged::finish`] computes them again.
    related_pending: bool,
}

impl Staged {
    /// The model.
    pub fn site(&self) -> &Site {
        &self.site
    }

    /// The language messages are written in.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Whether [`Staged::finish`] cannot fail: it only adds warnings, unless warnings are
    /// errors (`--strict`).
    pub fn will_succeed(&self) -> bool {
        !self.strict
    }

    /// Runs the report quality checks (taking the warnings of unchanged reports from `cache`)
    /// and orders every diagnostic, as [`load`] does.
    pub fn finish(self, cache: &mut ParseCache) -> Result<Loaded, Failure> {
        let (loaded, kept) = self.finish_but_related(cache)?.complete();
        if let Some(kept) = kept {
            cache.store_related(kept);
        }
        Ok(loaded)
    }

    /// [`Staged::finish`] without what waits for the fresh related reports (seconds on a big
    /// portal): `tilik serve` runs the quality checks here, on the thread the next save waits
    /// for, and [`AwaitingRelated::complete`] with the full render, in the background. Under
    /// `--strict` the related reports are computed here (their warnings can fail the load).
    pub fn finish_but_related(self, cache: &mut ParseCache) -> Result<AwaitingRelated, Failure> {
        let Staged {
            mut site,
            diags,
            lang,
            strict,
            focus,
            timer,
            mut related_pending,
        } = self;
        if related_pending && strict {
            compute_related(&mut site, cache);
            timer.lap("related reports");
            related_pending = false;
        }
        let diags = if related_pending {
            // The plan checks read the related reports: they follow in `complete`.
            let mut diags = diags;
            diags.extend(quality::check_with_cache(
                &site,
                &site.config.checks,
                lang,
                cache,
            ));
            timer.lap("quality");
            diags
        } else {
            finish_diagnostics(&site, diags, lang, strict, &focus, cache, &timer)
        };
        if diags.iter().any(|d| d.severity == Severity::Error) {
            return Err(Failure::Content(diags));
        }
        Ok(AwaitingRelated {
            loaded: Loaded {
                site,
                warnings: diags,
                lang,
            },
            pending: related_pending.then_some(focus),
        })
    }
}

/// A loaded site that may still show the related reports of the previous load of `tilik
/// serve` ([`Staged::finish_but_related`]): [`AwaitingRelated::complete`] makes it the
/// [`Loaded`] a fresh [`load`] gives.
#[derive(Debug)]
pub struct AwaitingRelated {
    loaded: Loaded,
    /// When the related reports are still to be computed: which problems to show first.
    pending: Option<diagnostics::Focus>,
}

impl AwaitingRelated {
    /// The model (with the previous load's related reports while they are pending).
    pub fn site(&self) -> &Site {
        &self.loaded.site
    }

    /// The language messages are written in.
    pub fn lang(&self) -> Lang {
        self.loaded.lang
    }

    /// Whether the related reports are still those of the previous load.
    pub fn is_pending(&self) -> bool {
        self.pending.is_some()
    }

    /// Computes the fresh related reports and the plan checks that read them, and orders the
    /// diagnostics: the same [`Loaded`] as a fresh [`load`]. Also returns the related reports
    /// to keep for the next load ([`ParseCache::store_related`]) when they were computed here.
    /// Cannot fail: warnings are errors only under `--strict`, which computes them before.
    pub fn complete(self) -> (Loaded, Option<related::Kept>) {
        let AwaitingRelated {
            mut loaded,
            pending,
        } = self;
        let Some(focus) = pending else {
            return (loaded, None);
        };
        let timer = timings::Stopwatch::nested(1);
        let site = &mut loaded.site;
        site.related = related::Related::compute(&site.pages, &site.plans);
        let kept = site.related.keep(&site.pages, &site.plans);
        timer.lap("related reports");
        let diags = &mut loaded.warnings;
        diags.extend(plan_checks::check(site, loaded.lang));
        focus.retain(diags);
        diagnostics::sort(diags);
        focus.put_first(diags);
        timer.lap("plan checks, sort diagnostics");
        (loaded, Some(kept))
    }
}

/// Adds the quality warnings to the diagnostics of a loaded site, makes them all errors under
/// `--strict`, and orders them.
fn finish_diagnostics(
    site: &Site,
    mut diags: Vec<Diagnostic>,
    lang: Lang,
    strict: bool,
    focus: &diagnostics::Focus,
    cache: &mut ParseCache,
    timer: &timings::Stopwatch,
) -> Vec<Diagnostic> {
    // Quality warnings on a file that has errors would only be noise about half-read data.
    let broken: std::collections::HashSet<PathBuf> = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.path.clone())
        .collect();
    diags.extend(
        quality::check_with_cache(site, &site.config.checks, lang, cache)
            .into_iter()
            .filter(|d| !broken.contains(&d.path)),
    );
    diags.extend(
        plan_checks::check(site, lang)
            .into_iter()
            .filter(|d| !broken.contains(&d.path)),
    );
    timer.lap("quality");
    focus.retain(&mut diags);
    if strict {
        for d in &mut diags {
            d.severity = Severity::Error;
        }
    }
    diagnostics::sort(&mut diags);
    focus.put_first(&mut diags);
    timer.lap("sort diagnostics");
    diags
}

/// The first stages of [`load_with_cache`]: discover → parse → validate → model. Fails with
/// every diagnostic of the run, as [`load`] does, when they include errors.
pub fn stage_with_cache(opts: &Options, cache: &mut ParseCache) -> Result<Staged, Failure> {
    stage(opts, cache, model::site::BodyHtml::Now)
}

/// [`stage_with_cache`], rendering the HTML of the bodies `when` asked.
fn stage(
    opts: &Options,
    cache: &mut ParseCache,
    when: model::site::BodyHtml,
) -> Result<Staged, Failure> {
    let timer = timings::Stopwatch::nested(1);
    let root = &opts.root;
    let fallback_lang = Config::message_language(root, opts.lang);
    let mut config = Config::load(root, fallback_lang).map_err(Failure::Config)?;
    let lang = opts.lang.unwrap_or(config.language);
    if let Some(url) = &opts.base_url {
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(Failure::Config(vec![Diagnostic::error(
                "--base-url",
                None,
                msg!(lang, "lib.base_url_not_full", url),
            )]));
        }
        config.base_url = config::normalise_base_url(url);
    }
    let content_dir = root.join("content");
    if !content_dir.is_dir() {
        return Err(Failure::Config(vec![Diagnostic::error(
            "content",
            None,
            msg!(lang, "lib.no_content_folder"),
        )]));
    }
    let build_date = opts
        .build_date
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    cache.begin(content::cache::Settings::new(
        &config,
        lang,
        opts.drafts,
        build_date,
    ));
    let mut diags = Vec::new();
    let sources = match cache.trusted_walk() {
        // `tilik serve`, for edits of existing files the watcher reported: the last walk's.
        Some((sources, walk_diags)) => {
            diags = walk_diags;
            sources
        }
        None => {
            let sources = content::discover::discover(root, &content_dir, lang, &mut diags);
            cache.keep_walk(&sources, &diags);
            sources
        }
    };
    timer.lap("discover");
    let (files, load_diags) = cache.load_all(sources, lang);
    diags.extend(load_diags);
    timer.lap("parse (changed files)");
    check_personal_data(&files, &config, opts, build_date, lang, cache, &mut diags);
    timer.lap("privacy");
    let mut site = model::site::assemble_with_cache(
        config,
        files,
        opts.drafts,
        build_date,
        lang,
        &mut diags,
        cache,
        when,
    );
    timer.lap("model (markdown)");
    if !site.config.network.members.is_empty() {
        site.network = network::harvest::harvest_cached(
            &site.config,
            root,
            lang,
            opts.offline,
            cache,
            &mut diags,
        );
        let own = site
            .reports()
            .map(|p| format!("{}{}", site.config.base_url, p.path))
            .collect();
        network::harvest::dedupe(&mut site.network, &own);
        network::terms::attach(&mut site);
        timer.lap("network members");
    }
    // `tilik serve` shows an edited page with the related reports of the previous load, and
    // computes the fresh ones after (in `finish`): they take seconds on a big portal.
    let related_pending = match cache.kept_related() {
        Some(kept) => {
            site.related = kept.for_site(&site.pages, &site.plans);
            true
        }
        None => {
            compute_related(&mut site, cache);
            false
        }
    };
    timer.lap("related reports");
    if !site.network.is_empty() {
        site.network_related = network::review::compute(&site);
        timer.lap("related member reports");
    }
    diags.extend(output::strip::unsupported_images(&site, lang));
    diags.extend(output::strip::damaged_images(&site, cache, lang));
    diags.extend(active_content::check(&site, root, lang));
    diags.extend(model::menu_check::check_targets(&site, lang));
    timer.lap("bundle files");
    let focus = diagnostics::Focus {
        only: opts.only.clone(),
        first: opts.first.clone(),
    };
    focus.retain(&mut diags);
    if diags.iter().any(|d| d.severity == Severity::Error) {
        if related_pending {
            compute_related(&mut site, cache);
        }
        let diags = finish_diagnostics(&site, diags, lang, opts.strict, &focus, cache, &timer);
        return Err(Failure::Content(diags));
    }
    Ok(Staged {
        site,
        diags,
        lang,
        strict: opts.strict,
        focus,
        timer,
        related_pending,
    })
}

/// Computes the site's related reports, and keeps them in `cache` for the next load.
fn compute_related(site: &mut Site, cache: &mut ParseCache) {
    site.related = related::Related::compute(&site.pages, &site.plans);
    cache.keep_related(|| site.related.keep(&site.pages, &site.plans));
}

/// Reports the NIK-, NIP- and mobile-shaped numbers of the pages this run publishes (and
/// the NIK and NIP in the names and text files of their bundles; `cache` keeps those of
/// unchanged text files).
fn check_personal_data(
    files: &[content::load::LoadedFile],
    config: &Config,
    opts: &Options,
    build_date: NaiveDate,
    lang: Lang,
    cache: &mut ParseCache,
    diags: &mut Vec<Diagnostic>,
) {
    let rule = model::site::Publication {
        include_drafts: opts.drafts,
        future_reports: config.publish.future_reports,
        build_date,
    };
    for file in files {
        let fm = &file.front_matter;
        let is_report = fm
            .report
            .as_ref()
            .is_some_and(|r| r.stage == model::report::Stage::Laporan);
        if !rule.publishes(&fm.meta, is_report) {
            continue;
        }
        let bundle_files = privacy::bundle::scan_cached(&file.source, cache);
        for finding in file.personal_data.iter().chain(&bundle_files) {
            diags.extend(privacy::diagnostic(
                finding,
                &file.source.display,
                &config.privacy.allowed_numbers,
                lang,
            ));
        }
    }
}

/// Renders the whole site into output files in memory.
pub fn render_site(loaded: &Loaded, root: &Path) -> Result<Vec<output::OutputFile>, Failure> {
    render::render(&loaded.site, root, loaded.lang)
}

/// What `build` did.
#[derive(Debug)]
pub struct BuildReport {
    /// Warnings about the content.
    pub warnings: Vec<Diagnostic>,
    /// Files written.
    pub files: usize,
    /// Where.
    pub output: PathBuf,
    /// Reports published.
    pub reports: usize,
    /// Language of messages.
    pub lang: Lang,
}

/// Runs the whole pipeline and writes the site. The previous output is replaced only when
/// everything succeeded.
pub fn build(opts: &Options) -> Result<BuildReport, Failure> {
    let timer = timings::Stopwatch::start();
    // The HTML of the bodies is rendered once the Markdown sources are checked, and the
    // sources freed as it is: a big portal never holds both.
    let mut cache = ParseCache::disabled();
    let mut loaded = stage(opts, &mut cache, model::site::BodyHtml::Later)?.finish(&mut cache)?;
    timer.lap("load (discover, parse, validate, model, markdown)");
    loaded.site.complete_html();
    timer.lap("HTML of the bodies");
    let output = match &opts.output {
        Some(o) if o.is_absolute() => o.clone(),
        Some(o) => std::env::current_dir()
            .map(|d| d.join(o))
            .unwrap_or_else(|_| o.clone()),
        None => opts.root.join(&loaded.site.config.output_dir),
    };
    // Files are written as they are rendered: a big portal is never held in memory whole.
    let wait = if opts.no_wait {
        output::lock::Wait::NoWait
    } else {
        output::lock::Wait::Block
    };
    let staging = output::Staging::prepare_waiting(&opts.root, &output, wait, loaded.lang)
        .map_err(|d| Failure::Config(vec![d]))?;
    let precompress = opts.precompress || loaded.site.config.precompress;
    let written = std::sync::atomic::AtomicUsize::new(0);
    let sink = |file: output::OutputFile| -> Result<(), Diagnostic> {
        if precompress {
            for copy in output::compress::copies_of(&file) {
                staging.put(&copy)?;
                written.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
        }
        written.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        staging.put(&file)
    };
    render::render_into(&loaded.site, &opts.root, loaded.lang, &sink)?;
    timer.lap("render and write into staging");
    staging.commit().map_err(|d| Failure::Config(vec![d]))?;
    timer.lap("swap");
    let files = written.into_inner();
    Ok(BuildReport {
        reports: loaded.site.reports().count(),
        warnings: loaded.warnings,
        files,
        output,
        lang: loaded.lang,
    })
}
