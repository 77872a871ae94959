//! `tilik serve`: a live preview of the portal, built by the same pipeline as `tilik build`
//! and kept in memory (nothing is written to the output folder).
//!
//! Threads and state:
//!
//! - **Workers** ([`WORKERS`] threads) take requests from the tiny_http server and answer them
//!   from the current [`Snapshot`] ([`http`] maps a request to a response). A worker only
//!   holds the site lock long enough to clone an `Arc`, so requests never wait behind a
//!   rebuild.
//! - **Event streams**: a request for `/__tilik/events` is handed to a thread of its own
//!   ([`reload`]), so held-open reload connections never occupy a worker.
//! - **Watcher** ([`watch`]): notify events, debounced into one [`watch::ChangeSet`] per burst.
//! - **Builder**: runs the pipeline for each change set ([`rebuild`]), swaps the new snapshot
//!   in (the write lock is held only for the pointer swap), and tells the reload [`reload::Hub`]
//!   (reload, swap CSS, or show the errors while the last good site stays served).
//!
//! Ctrl-C ends the process: serve writes no file, so there is nothing to clean up.

mod bind;
mod console;
pub mod http;
pub mod inject;
pub mod mime;
pub mod rebuild;
pub mod reload;
pub mod snapshot;
pub mod urlpath;
pub mod watch;

use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, RwLock};
use std::thread;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::diagnostics::{Diagnostic, Lang};
use crate::{Failure, Options};
use rebuild::{Outcome, Rebuilder};
use reload::Hub;
use snapshot::Snapshot;
use watch::ChangeSet;

/// Threads answering ordinary requests.
pub const WORKERS: usize = 8;
/// Most event streams open at once (each is a thread); more are refused with 503.
pub const MAX_STREAMS: usize = 256;
/// Quiet time after the last file event before a rebuild starts.
pub const DEBOUNCE: Duration = Duration::from_millis(100);
/// Interval of keep-alive comments on event streams.
pub const KEEPALIVE: Duration = Duration::from_secs(15);

/// What `tilik serve` was asked for.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// Project root and pipeline options (`base_url` is replaced by the preview's address).
    pub options: Options,
    /// Address to listen on.
    pub bind: IpAddr,
    /// Port to listen on (the next free one when busy; 0 lets the system choose).
    pub port: u16,
    /// Open the preview in the default browser.
    pub open: bool,
}

/// State shared by the workers and the builder.
#[derive(Debug)]
struct Shared {
    /// The site being served; replaced as a whole on each successful build.
    site: RwLock<Arc<Snapshot>>,
    /// The live-reload channel.
    hub: Arc<Hub>,
    /// Language of messages (for the stand-in page).
    lang: Lang,
}

impl Shared {
    fn current(&self) -> Arc<Snapshot> {
        Arc::clone(&self.site.read().unwrap_or_else(|p| p.into_inner()))
    }

    /// Puts `next` in place; the old site is dropped after the lock is released.
    fn swap(&self, next: Snapshot) {
        let next = Arc::new(next);
        let old = {
            let mut guard = self.site.write().unwrap_or_else(|p| p.into_inner());
            std::mem::replace(&mut *guard, next)
        };
        drop(old);
    }
}

/// Builds the site, serves it, and rebuilds it on every change, until the process is stopped.
/// Returns only when the server cannot start.
pub fn run(opts: ServeOptions) -> Result<(), Failure> {
    let fallback_lang = opts.options.lang.unwrap_or_default();
    let root = opts.options.root.canonicalize().map_err(|e| {
        Failure::Config(vec![config_failure(
            &opts.options.root,
            fallback_lang.pick(
                format!("folder proyek tidak dapat dibuka: {e}"),
                format!("cannot open the project folder: {e}"),
            ),
        )])
    })?;
    let bound = bind::bind(opts.bind, opts.port)
        .map_err(|e| {
            config_failure(
                "--port",
                fallback_lang.pick(
                    format!(
                        "tidak dapat mendengarkan di {}:{}: {e}",
                        opts.bind, opts.port
                    ),
                    format!("cannot listen on {}:{}: {e}", opts.bind, opts.port),
                ),
            )
            .with_hint(fallback_lang.pick(
                "pilih port lain dengan --port, misalnya --port 8080",
                "choose another port with --port, e.g. --port 8080",
            ))
        })
        .map_err(|d| Failure::Config(vec![d]))?;
    let origin = origin(bound.addr);
    let options = Options {
        root: root.clone(),
        ..opts.options.clone()
    };
    let mut rebuilder = Rebuilder::new(options, origin.clone(), instance_id());

    // The first build, before anything is served.
    let (first, first_errors) = match rebuilder.rebuild(&ChangeSet::default()) {
        Outcome::Built {
            snapshot,
            warnings,
            timings,
        } => {
            console::warnings(rebuilder.lang(), &warnings);
            console::built(
                rebuilder.lang(),
                snapshot.reports,
                snapshot.files.len(),
                &timings,
                "",
            );
            (snapshot, None)
        }
        Outcome::Failed(failure) => {
            let report = console::error_report(rebuilder.lang(), &failure, false);
            console::failed(rebuilder.lang(), &failure, &report, "");
            let empty = Snapshot::empty(rebuilder.base_path(), rebuilder.initial_token());
            (empty, Some(report))
        }
    };
    let hub = Arc::new(Hub::new(first.token.clone()));
    if let Some(report) = first_errors {
        hub.publish_errors(report);
    }
    let url = format!("{origin}{}", first.base_path);
    let lang = rebuilder.lang();
    let shared = Arc::new(Shared {
        site: RwLock::new(Arc::new(first)),
        hub,
        lang,
    });

    let (changes_tx, changes_rx) = mpsc::channel();
    let _watch = watch::spawn(&root, DEBOUNCE, changes_tx).map_err(|e| {
        Failure::Config(vec![config_failure(
            &root,
            lang.pick(
                format!("tidak dapat memantau perubahan berkas: {e}"),
                format!("cannot watch files for changes: {e}"),
            ),
        )])
    })?;
    {
        let shared = Arc::clone(&shared);
        thread::Builder::new()
            .name("tilik-build".into())
            .spawn(move || builder_loop(rebuilder, &changes_rx, &shared))
            .map_err(|e| Failure::Config(vec![config_failure("serve", e.to_string())]))?;
    }

    let server = tiny_http::Server::from_listener(bound.listener, None)
        .map_err(|e| Failure::Config(vec![config_failure("serve", e.to_string())]))?;
    let server = Arc::new(server);
    console::listening(lang, &url, bound.addr, &bound.busy);
    // Flushed at once so that tools reading the output (and tests) see the address.
    let _ = std::io::stdout().flush();
    if opts.open {
        open_browser(&url, lang);
    }

    let mut workers = Vec::new();
    for i in 0..WORKERS {
        let server = Arc::clone(&server);
        let shared = Arc::clone(&shared);
        let worker = thread::Builder::new()
            .name(format!("tilik-http-{i}"))
            .spawn(move || worker_loop(&server, &shared))
            .map_err(|e| Failure::Config(vec![config_failure("serve", e.to_string())]))?;
        workers.push(worker);
    }
    for worker in workers {
        let _ = worker.join();
    }
    Ok(())
}

/// Rebuilds on every change set, coalescing those that arrived during a build.
fn builder_loop(mut rebuilder: Rebuilder, changes: &Receiver<ChangeSet>, shared: &Shared) {
    let mut ever_built = shared.current().is_built();
    while let Ok(mut set) = changes.recv() {
        while let Ok(more) = changes.try_recv() {
            set.merge(more);
        }
        let what = set.describe();
        match rebuilder.rebuild(&set) {
            Outcome::Built {
                snapshot,
                warnings,
                timings,
            } => {
                let lang = rebuilder.lang();
                console::warnings(lang, &warnings);
                console::built(
                    lang,
                    snapshot.reports,
                    snapshot.files.len(),
                    &timings,
                    &what,
                );
                let token = snapshot.token.clone();
                // A stand-in page has no stylesheet to swap: the first good build reloads.
                let css_only = ever_built && set.css_only();
                shared.swap(snapshot);
                shared.hub.publish_build(token, css_only);
                ever_built = true;
            }
            Outcome::Failed(failure) => {
                let lang = rebuilder.lang();
                let report = console::error_report(lang, &failure, ever_built);
                console::failed(lang, &failure, &report, &what);
                shared.hub.publish_errors(report);
            }
        }
        let _ = std::io::stdout().flush();
    }
}

/// Answers requests until the server stops.
fn worker_loop(server: &tiny_http::Server, shared: &Shared) {
    while let Ok(request) = server.recv() {
        handle(request, shared);
    }
}

fn handle(request: tiny_http::Request, shared: &Shared) {
    let method = match request.method() {
        tiny_http::Method::Get => http::Method::Get,
        tiny_http::Method::Head => http::Method::Head,
        _ => http::Method::Other,
    };
    let if_none_match = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("If-None-Match"))
        .map(|h| h.value.as_str().to_string());
    let site = shared.current();
    let route = http::route(
        &http::Request {
            method,
            target: request.url(),
            if_none_match: if_none_match.as_deref(),
        },
        &site,
        &shared.hub,
        shared.lang,
    );
    drop(site);
    match route {
        http::Route::Reply(reply) => respond(request, reply),
        http::Route::Events { since } => open_stream(request, since, &shared.hub),
    }
}

fn respond(request: tiny_http::Request, reply: http::Reply) {
    let headers = reply
        .headers
        .iter()
        .filter_map(|(name, value)| {
            tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
        })
        .collect();
    let length = reply.body.len();
    let response = tiny_http::Response::new(
        tiny_http::StatusCode(reply.status),
        headers,
        reply.body.into_reader(),
        Some(length),
        None,
    )
    // Known lengths go out as Content-Length, never chunked.
    .with_chunked_threshold(usize::MAX);
    // The client may have gone away: nothing to do about it.
    let _ = request.respond(response);
}

/// Hands an event stream to a thread of its own.
fn open_stream(request: tiny_http::Request, since: String, hub: &Arc<Hub>) {
    let Some(guard) = hub.enter(MAX_STREAMS) else {
        let _ = request.respond(
            tiny_http::Response::from_string("503 Too many live-reload connections\n")
                .with_status_code(503),
        );
        return;
    };
    let hub = Arc::clone(hub);
    let spawned = thread::Builder::new()
        .name("tilik-events".into())
        .spawn(move || {
            let mut out = request.into_writer();
            if out.write_all(reload::STREAM_HEAD).is_ok() {
                // Ends when the client goes away.
                let _ = hub.stream(&since, &mut out, KEEPALIVE);
            }
            drop(guard);
        });
    if let Err(e) = spawned {
        eprintln!("tilik serve: cannot open a live-reload stream: {e}");
    }
}

/// `http://host:port` for the bound address (`localhost` when listening everywhere).
fn origin(addr: SocketAddr) -> String {
    let host = if addr.ip().is_unspecified() {
        "localhost".to_string()
    } else {
        match addr.ip() {
            IpAddr::V4(ip) => ip.to_string(),
            IpAddr::V6(ip) => format!("[{ip}]"),
        }
    };
    format!("http://{host}:{}", addr.port())
}

/// A string that differs between two runs of the server, so that pages from an earlier run
/// reload when they reconnect.
fn instance_id() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!(
        "{:x}",
        (nanos as u64) ^ u64::from(std::process::id()).rotate_left(40)
    )
}

fn config_failure(path: impl Into<PathBuf>, message: String) -> Diagnostic {
    Diagnostic::error(path, None, message)
}

/// Opens `url` in the default browser; failing to is only worth a message.
fn open_browser(url: &str, lang: Lang) {
    let result = if cfg!(target_os = "macos") {
        std::process::Command::new("open").arg(url).spawn()
    } else if cfg!(windows) {
        std::process::Command::new("cmd")
            .args(["/C", "start", "", url])
            .spawn()
    } else {
        std::process::Command::new("xdg-open").arg(url).spawn()
    };
    match result {
        // Reaped in the background so that it leaves no zombie behind.
        Ok(mut child) => {
            let _ = thread::Builder::new().spawn(move || child.wait());
        }
        Err(e) => {
            eprintln!(
                "{}",
                lang.pick(
                    format!("Peramban tidak dapat dibuka ({e}); buka {url} sendiri."),
                    format!("Cannot open a browser ({e}); open {url} yourself."),
                )
            );
        }
    }
}
