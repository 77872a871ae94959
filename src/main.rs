//! The `tilik` command line: parses arguments, runs the library, prints diagnostics once,
//! and maps the outcome to an exit status (0 clean, 1 content errors, 2 usage/config errors).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use tilik::config::Config;
use tilik::diagnostics::{self, Diagnostic, Lang};
use tilik::{msg, Failure, Options};

/// Tilik: a portal for study-visit reports (laporan studi banding).
#[derive(Parser)]
#[command(name = "tilik", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Scaffold a portal (`tilik new DIR`), a report (`tilik new report "Title"`) or a visit plan (`tilik new rencana "Title"`).
    New(NewArgs),
    /// Build the portal into the output folder.
    Build(BuildArgs),
    /// Validate content and internal links without writing anything (`tilik check FILE…`:
    /// only those files).
    Check(CheckArgs),
    /// Preview the portal with live reload, rebuilt in memory on every change.
    Serve(ServeArgs),
    /// Import a report written in Word (.docx) or LibreOffice (.odt) as a draft report.
    Import(ImportArgs),
}

#[derive(Args)]
struct ImportArgs {
    /// The document: .docx (Word, Google Docs, LibreOffice) or .odt (LibreOffice Writer).
    file: PathBuf,
    /// Project folder (holds tilik.toml).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// The visiting unit (SKPD), when the letterhead does not say it.
    #[arg(long)]
    unit: Option<String>,
    /// Language of messages: id or en.
    #[arg(long, value_parser = ["id", "en"])]
    lang: Option<String>,
}

#[derive(Args)]
struct CommonArgs {
    /// Project folder (holds tilik.toml).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Include drafts.
    #[arg(long)]
    drafts: bool,
    /// Treat warnings (report quality checks) as errors.
    #[arg(long)]
    strict: bool,
    /// A hub's members over HTTP come from the cache only (.tilik-cache/network/).
    #[arg(long)]
    offline: bool,
    /// Language of messages: id or en (default: the site's language).
    #[arg(long, value_parser = ["id", "en"])]
    lang: Option<String>,
}

#[derive(Args)]
struct CheckArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// Check only these Markdown files (the whole portal is still read, for links);
    /// `--strict` then applies to them alone.
    files: Vec<PathBuf>,
}

#[derive(Args)]
struct BuildArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// Output folder (default: output_dir of tilik.toml, `public`).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Override base_url, e.g. https://example.go.id/portal/.
    #[arg(long)]
    base_url: Option<String>,
    /// Also write .gz and .br copies of text files, for hosts that serve them as they are.
    #[arg(long)]
    precompress: bool,
    /// Stop at once (exit status 2) if another build is writing the same output folder,
    /// instead of waiting for it to finish.
    #[arg(long)]
    no_wait: bool,
}

#[derive(Args)]
struct ServeArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// Port to listen on; the next free one is used when it is busy (0: any free port).
    #[arg(short, long, default_value_t = 8000)]
    port: u16,
    /// Address to listen on (0.0.0.0 to let other computers on the network see the preview).
    #[arg(long, default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
    /// Open the preview in the default browser.
    #[arg(long)]
    open: bool,
    /// Allow editing from the preview (Perbarui, Laporan baru) on a non-loopback --bind.
    #[arg(long, conflicts_with = "no_edit")]
    edit: bool,
    /// Turn editing from the preview off.
    #[arg(long)]
    no_edit: bool,
}

#[derive(Args)]
struct NewArgs {
    /// `DIR` for a new portal, `report "TITLE"` for a new report, `rencana "TITLE"` for a visit plan.
    #[arg(required = true, num_args = 1..=2, value_names = ["DIR | report", "TITLE"])]
    what: Vec<String>,
    /// Project folder, for `new report`.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Copy the default theme into the new portal's themes/ folder.
    #[arg(long)]
    with_theme: bool,
    /// Language of messages: id or en.
    #[arg(long, value_parser = ["id", "en"])]
    lang: Option<String>,
    /// For `new report`: the visiting unit (SKPD).
    #[arg(long)]
    unit: Option<String>,
    /// For `new report`: the place visited.
    #[arg(long)]
    destination: Option<String>,
    /// For `new report`: first day of the visit (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    start: Option<chrono::NaiveDate>,
    /// For `new report`: last day of the visit (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    end: Option<chrono::NaiveDate>,
    /// For `new report`: a topic studied (repeat for several).
    #[arg(long = "topic")]
    topics: Vec<String>,
    /// For `new report`: the country visited (default Indonesia).
    #[arg(long)]
    country: Option<String>,
    /// For `new report`: studi-banding or kunjungan-kerja.
    #[arg(long, value_parser = ["studi-banding", "kunjungan-kerja"])]
    kind: Option<String>,
    /// For `new report`: write the report as a folder (NAME/index.md), to put photos and
    /// attachments next to it.
    #[arg(long)]
    bundle: bool,
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date YYYY-MM-DD"))
}

/// Today, or the day `TILIK_BUILD_DATE` gives.
fn today(build_date: Option<chrono::NaiveDate>) -> chrono::NaiveDate {
    build_date.unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// The project folder: `root` as given, or, when it is the current folder and holds no
/// `tilik.toml`, the nearest folder above that does (a writer working in `content/laporan/`).
fn project_root(root: &Path) -> PathBuf {
    if root != Path::new(".") || root.join("tilik.toml").is_file() {
        return root.to_path_buf();
    }
    std::env::current_dir()
        .ok()
        .and_then(|cwd| {
            cwd.ancestors()
                .find(|dir| dir.join("tilik.toml").is_file())
                .map(Path::to_path_buf)
        })
        .unwrap_or_else(|| root.to_path_buf())
}

/// The files of `tilik check FILE…`, relative to the project root as diagnostics name them.
fn focus_files(root: &Path, files: &[PathBuf], lang: Lang) -> Result<Vec<PathBuf>, Diagnostic> {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    files
        .iter()
        .map(|file| {
            file.canonicalize()
                .ok()
                .and_then(|abs| abs.strip_prefix(&root).ok().map(Path::to_path_buf))
                .ok_or_else(|| {
                    Diagnostic::error(file, None, msg!(lang, "cli.outside_portal"))
                        .with_hint(msg!(lang, "cli.outside_portal_hint"))
                })
        })
        .collect()
}

fn options(common: &CommonArgs, build_date: Option<chrono::NaiveDate>) -> Options {
    Options {
        root: project_root(&common.root),
        drafts: common.drafts,
        strict: common.strict,
        offline: common.offline,
        lang: common.lang.as_deref().and_then(Lang::parse),
        build_date,
        ..Options::default()
    }
}

/// `TILIK_BUILD_DATE=YYYY-MM-DD` fixes "today" (for overdue recommendations): used by tests
/// and by admins who rebuild an archive as of a given day. Unset or empty: today. Any other
/// value that is not such a date is an error (a message naming the variable and its value).
fn build_date_override(lang: Lang) -> Result<Option<chrono::NaiveDate>, String> {
    let Some(value) = std::env::var_os("TILIK_BUILD_DATE") else {
        return Ok(None);
    };
    let value = value.to_string_lossy();
    if value.trim().is_empty() {
        return Ok(None);
    }
    chrono::NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
        .map(Some)
        .map_err(|_| msg!(lang, "cli.bad_build_date", value = format!("{value:?}")))
}

/// Lets `tilik check | head -1` end quietly: with the default action for SIGPIPE, writing to
/// a closed pipe ends the process as other command-line tools end, instead of an error that
/// `println!` turns into a panic. `serve` keeps ignoring it (its sockets report closed
/// connections as errors).
fn end_quietly_on_broken_pipe(command: &Command) {
    #[cfg(unix)]
    {
        let action = if matches!(command, Command::Serve(_)) {
            libc::SIG_IGN
        } else {
            libc::SIG_DFL
        };
        // SAFETY: called at the start of `main`, before any other thread runs; setting the
        // disposition of SIGPIPE to a standard action installs no handler code.
        unsafe {
            libc::signal(libc::SIGPIPE, action);
        }
    }
    #[cfg(not(unix))]
    let _ = command;
}

impl Command {
    /// The language of messages given with `--lang`, or the default.
    fn lang(&self) -> Lang {
        let given = match self {
            Command::New(a) => &a.lang,
            Command::Build(a) => &a.common.lang,
            Command::Check(a) => &a.common.lang,
            Command::Serve(a) => &a.common.lang,
            Command::Import(a) => &a.lang,
        };
        given.as_deref().and_then(Lang::parse).unwrap_or_default()
    }
}

fn print_diagnostics(diags: &[Diagnostic], lang: Lang) {
    for d in diags {
        eprintln!("{}", d.render(lang));
    }
}

fn fail(failure: &Failure, lang: Lang) -> ExitCode {
    let diags = failure.diagnostics();
    print_diagnostics(diags, lang);
    if matches!(failure, Failure::Content(_)) {
        eprintln!("{}", diagnostics::summary_line(diags, lang));
    }
    ExitCode::from(failure.exit_code() as u8)
}

/// A faster allocator than the system one for the many small strings of rendering.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    run(Cli::parse())
}

/// Runs one command line: the build date, then the command; the exit status of the outcome.
fn run(cli: Cli) -> ExitCode {
    end_quietly_on_broken_pipe(&cli.command);
    let build_date = match build_date_override(cli.command.lang()) {
        Ok(date) => date,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    match cli.command {
        Command::Check(args) => check(args, build_date),
        Command::Build(args) => build(args, build_date),
        Command::Serve(args) => serve(args, build_date),
        Command::Import(args) => import(args, build_date),
        Command::New(args) => new(args, build_date),
    }
}

/// `tilik check [FILE…]`: warnings, the quality and plan review summaries, what was checked.
fn check(args: CheckArgs, build_date: Option<chrono::NaiveDate>) -> ExitCode {
    let mut opts = options(&args.common, build_date);
    let lang = Config::message_language(&opts.root, opts.lang);
    match focus_files(&opts.root, &args.files, lang) {
        Ok(files) => opts.only = files,
        Err(d) => {
            print_diagnostics(&[d], lang);
            return ExitCode::from(2);
        }
    }
    opts.first = opts.only.clone();
    match tilik::load(&opts) {
        Ok(loaded) => {
            print_check_summary(&loaded, &opts.only);
            ExitCode::SUCCESS
        }
        Err(f) => fail(&f, lang),
    }
}

/// What a successful `tilik check` prints: warnings on stderr, then on stdout the report
/// quality summary, the plans' review, the counts checked and the closing summary line.
fn print_check_summary(loaded: &tilik::Loaded, only: &[PathBuf]) {
    let lang = loaded.lang;
    print_diagnostics(&loaded.warnings, lang);
    println!("{}", tilik::quality::summary(&loaded.site, lang));
    let review = tilik::plan_checks::review_summary(&loaded.site, lang);
    if !review.is_empty() {
        println!("{review}");
    }
    let reports = loaded.site.reports().count();
    let pages = loaded.site.pages.len() - reports;
    let plans = loaded.site.plans.len();
    let checked = if only.is_empty() {
        msg!(
            lang,
            "cli.check_ok",
            reports = msg!(lang, "count.reports", count = reports),
            plans = msg!(lang, "count.visit_plans", count = plans),
            pages = msg!(lang, "count.other_pages", count = pages),
        )
    } else {
        msg!(lang, "cli.check_ok_files", count = only.len())
    };
    println!("{checked}");
    println!("{}", diagnostics::summary_line(&loaded.warnings, lang));
}

/// `tilik build`: writes the portal, then prints what was written and the warnings.
fn build(args: BuildArgs, build_date: Option<chrono::NaiveDate>) -> ExitCode {
    let mut opts = options(&args.common, build_date);
    opts.output = args.output;
    opts.base_url = args.base_url;
    opts.precompress = args.precompress;
    opts.no_wait = args.no_wait;
    let lang = Config::message_language(&opts.root, opts.lang);
    let started = std::time::Instant::now();
    match tilik::build(&opts) {
        Ok(report) => {
            print_diagnostics(&report.warnings, report.lang);
            println!(
                "{}",
                msg!(
                    report.lang,
                    "cli.build_done",
                    reports = msg!(report.lang, "count.reports", count = report.reports),
                    files = msg!(report.lang, "count.files", count = report.files),
                    output = report.output.display(),
                    elapsed = started.elapsed().as_millis(),
                )
            );
            println!(
                "{}",
                diagnostics::summary_line(&report.warnings, report.lang)
            );
            ExitCode::SUCCESS
        }
        Err(f) => fail(&f, lang),
    }
}

/// `tilik serve`: the live preview, until it is stopped.
fn serve(args: ServeArgs, build_date: Option<chrono::NaiveDate>) -> ExitCode {
    let opts = tilik::serve::ServeOptions {
        options: options(&args.common, build_date),
        bind: args.bind,
        port: args.port,
        open: args.open,
        edit: match (args.edit, args.no_edit) {
            (_, true) => tilik::serve::edit::guard::EditMode::Off,
            (true, _) => tilik::serve::edit::guard::EditMode::On,
            _ => tilik::serve::edit::guard::EditMode::Auto,
        },
    };
    let lang = Config::message_language(&opts.options.root, opts.options.lang);
    match tilik::serve::run(opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => fail(&f, lang),
    }
}

/// `tilik import FILE`: a Word or LibreOffice document becomes a draft report.
fn import(args: ImportArgs, build_date: Option<chrono::NaiveDate>) -> ExitCode {
    let asked = args.lang.as_deref().and_then(Lang::parse);
    let lang = Config::message_language(&args.root, asked);
    let opts = tilik::import::ImportOptions {
        root: args.root,
        file: args.file,
        unit: args.unit,
        lang,
        today: today(build_date),
    };
    match tilik::import::import(&opts) {
        Ok(done) => {
            println!("{}", done.summary);
            ExitCode::SUCCESS
        }
        Err(e) => {
            print_diagnostics(&[e.diagnostic], lang);
            ExitCode::from(e.exit_code)
        }
    }
}

/// `tilik new DIR`, `tilik new report "TITLE"`, `tilik new rencana "TITLE"`.
fn new(args: NewArgs, build_date: Option<chrono::NaiveDate>) -> ExitCode {
    // `new report` and `new rencana` speak the portal's language; a new portal has none yet.
    let asked = args.lang.as_deref().and_then(Lang::parse);
    let lang = match args.what.as_slice() {
        [_, _] => Config::message_language(&project_root(&args.root), asked),
        _ => asked.unwrap_or_default(),
    };
    match scaffold(args, today(build_date), lang) {
        Ok(message) => {
            println!("{message}");
            ExitCode::SUCCESS
        }
        Err(d) => {
            print_diagnostics(&[d], lang);
            ExitCode::from(2)
        }
    }
}

/// Writes what `tilik new` asks for; the message to print, or the problem.
fn scaffold(args: NewArgs, today: chrono::NaiveDate, lang: Lang) -> Result<String, Diagnostic> {
    match args.what.as_slice() {
        [kind, title] if ["report", "laporan", "rencana", "plan"].contains(&kind.as_str()) => {
            let fields = tilik::scaffold::ReportFields {
                unit: args.unit,
                destination: args.destination,
                start: args.start,
                end: args.end,
                topics: args.topics,
                country: args.country,
                kind: args.kind,
                bundle: args.bundle,
            };
            let root = project_root(&args.root);
            if kind == "rencana" || kind == "plan" {
                tilik::scaffold::new_plan(&root, title, &fields, today, lang)
            } else {
                tilik::scaffold::new_report(&root, title, &fields, today, lang)
            }
        }
        [dir] => tilik::scaffold::new_portal(&PathBuf::from(dir), args.with_theme, today, lang),
        _ => Err(Diagnostic::error(
            "tilik new",
            None,
            msg!(lang, "cli.new_usage"),
        )),
    }
}
