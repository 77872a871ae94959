//! `tilik serve`: a live preview of the portal, built by the same pipeline as `tilik build`
//! and kept in memory (nothing is written to the output folder).
//!
//! Threads and state:
//!
//! - **Connections**: the accept loop starts a thread per connection ([`conn`]: HTTP/1.1 with
//!   keep-alive, every read bounded), which answers its requests from the current
//!   [`Snapshot`] ([`http`] maps a request to a response). The site lock is held only long
//!   enough to clone an `Arc`, so requests never wait behind a rebuild.
//! - **Event streams**: a request for `/__tilik/events` turns its connection into a live-reload
//!   stream ([`reload`]) on that connection's own thread, so a held-open stream never delays
//!   anyone else.
//! - **Watcher** ([`watch`]): notify events, debounced into one [`watch::ChangeSet`] per burst.
//! - **Builder** ([`builder`]): runs the pipeline for each change set ([`rebuild`]: the edited
//!   pages first, then the whole site in the background), swaps each new snapshot in (the
//!   write lock is held only for the pointer swap), and tells the reload [`reload::Hub`]
//!   (reload, swap CSS, or show the errors while the last good site stays served).
//!
//! Ctrl-C ends the process: serve writes no file, so there is nothing to clean up.

mod bind;
mod builder;
mod conn;
mod console;
pub mod edit;
pub mod http;
pub mod inject;
mod limits;
pub mod mime;
pub mod rebuild;
pub mod reload;
pub mod snapshot;
pub mod urlpath;
pub mod watch;

use std::io::Write;
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, RwLock};
use std::thread;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::diagnostics::{Diagnostic, Lang};
use crate::msg;
use crate::{Failure, Options};
use builder::{Changed, Phase};
use rebuild::{Outcome, Rebuilder};
use reload::{Change, Hub};
use snapshot::Snapshot;

/// Most connections open at once (each is a thread); more are answered 503 at once.
pub const MAX_CONNECTIONS: usize = 1024;
/// Most event streams open at once; more are refused with 503.
pub const MAX_STREAMS: usize = 256;
/// Quiet time after the last file event before a rebuild starts.
pub const DEBOUNCE: Duration = Duration::from_millis(100);
/// Quiet time after the last file event before a rebuild starts when every file written is
/// known to be complete: a save in an editor, as Linux reports it.
pub const SETTLED: Duration = Duration::from_millis(20);
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
    /// Editing from the preview (`--edit`, `--no-edit`; on for a loopback bind by default).
    pub edit: edit::guard::EditMode,
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
    /// Warnings printed so far.
    warnings: console::WarningLog,
    /// Editing from the preview, when it is on.
    editor: Option<edit::endpoint::Editor>,
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
    let fallback_lang =
        crate::config::Config::message_language(&opts.options.root, opts.options.lang);
    let root = opts.options.root.canonicalize().map_err(|e| {
        Failure::Config(vec![config_failure(
            &opts.options.root,
            msg!(fallback_lang, "serve.cannot_open_root", error = e),
        )])
    })?;
    let bound = bind::bind(opts.bind, opts.port)
        .map_err(|e| {
            config_failure(
                "--port",
                msg!(
                    fallback_lang,
                    "serve.cannot_listen",
                    bind = opts.bind,
                    port = opts.port,
                    error = e
                ),
            )
            .with_hint(msg!(fallback_lang, "serve.cannot_listen_hint"))
        })
        .map_err(|d| Failure::Config(vec![d]))?;
    let origin = origin(bound.addr);
    let options = Options {
        root: root.clone(),
        ..opts.options.clone()
    };
    let mut rebuilder = Rebuilder::new(options, origin.clone(), instance_id());

    // The first build, before anything is served.
    let warnings = console::WarningLog::default();
    let (first, first_errors) = match rebuilder.rebuild() {
        Outcome::Built(built) => {
            warnings.print(rebuilder.lang(), &built.warnings);
            console::counts(rebuilder.lang(), &built.warnings);
            let everything = Changed {
                kind: Change::Files {
                    reload: reload::Reload::All,
                    css: true,
                },
                files: built.snapshot.len(),
            };
            console::built(
                rebuilder.lang(),
                &built.snapshot,
                &built.timings,
                "",
                &everything,
                Phase::Everything,
            );
            (built.snapshot, None)
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
    let editing = opts.edit.enabled(opts.bind);
    let editor = editing.then(|| {
        edit::endpoint::Editor::new(
            root.clone(),
            bound.addr.port(),
            opts.options.build_date,
            lang,
        )
    });
    let shared = Arc::new(Shared {
        site: RwLock::new(Arc::new(first)),
        hub,
        lang,
        warnings,
        editor,
    });

    let (changes_tx, changes_rx) = mpsc::channel();
    let debounce = watch::Debounce {
        quiet: DEBOUNCE,
        settled: SETTLED,
    };
    let _watch = watch::spawn(&root, debounce, lang, changes_tx).map_err(|e| {
        Failure::Config(vec![config_failure(
            &root,
            msg!(lang, "serve.cannot_watch", error = e),
        )])
    })?;
    {
        let shared = Arc::clone(&shared);
        thread::Builder::new()
            .name("tilik-build".into())
            .spawn(move || builder::run(rebuilder, &changes_rx, &shared))
            .map_err(|e| Failure::Config(vec![config_failure("serve", e.to_string())]))?;
    }

    console::listening(lang, &url, bound.addr, &bound.busy);
    console::editing(lang, opts.edit, bound.addr.ip());
    // Flushed at once so that tools reading the output (and tests) see the address.
    let _ = std::io::stdout().flush();
    if opts.open {
        open_browser(&url, lang);
    }
    accept_loop(&bound.listener, &shared);
    Ok(())
}

/// Accepts connections, each served by a thread of its own ([`conn`]).
fn accept_loop(listener: &TcpListener, shared: &Arc<Shared>) {
    let open = Arc::new(AtomicUsize::new(0));
    let per_address = limits::PerAddress::new(limits::MAX_PER_ADDRESS);
    for stream in listener.incoming() {
        let stream = match stream {
            Ok(s) => s,
            Err(e) => {
                // Out of file descriptors or a connection reset before it was accepted:
                // pause briefly rather than spin, then go on.
                eprintln!("{}", msg!(shared.lang, "serve.accept_failed", error = e));
                thread::sleep(Duration::from_millis(20));
                continue;
            }
        };
        if conn::configure(&stream).is_err() {
            continue;
        }
        let slot = stream
            .peer_addr()
            .ok()
            .and_then(|peer| per_address.enter(peer.ip()));
        let Some(slot) = slot else {
            let mut stream = stream;
            let reply = conn::error_reply(503, "too many connections from this address");
            let _ = conn::write_reply(&mut stream, reply, false, false);
            continue;
        };
        if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            open.fetch_sub(1, Ordering::SeqCst);
            let mut stream = stream;
            let reply = conn::error_reply(503, "too many connections");
            let _ = conn::write_reply(&mut stream, reply, false, false);
            continue;
        }
        let lang = shared.lang;
        let shared = Arc::clone(shared);
        let open_count = Arc::clone(&open);
        let spawned = thread::Builder::new()
            .name("tilik-conn".into())
            .spawn(move || {
                conn::serve(stream, |head, method, out| {
                    handle(head, method, out, &shared)
                });
                open_count.fetch_sub(1, Ordering::SeqCst);
                drop(slot);
            });
        if let Err(e) = spawned {
            open.fetch_sub(1, Ordering::SeqCst);
            eprintln!(
                "{}",
                msg!(lang, "serve.cannot_start_connection_thread", error = e)
            );
        }
    }
}

/// Answers one request; `None` when the connection became an event stream (now ended).
fn handle(
    head: &conn::Head,
    method: http::Method,
    out: &mut TcpStream,
    shared: &Shared,
) -> Option<http::Reply> {
    let site = shared.current();
    // Editing, when on: its endpoints and files, and what it adds to pages.
    let editing = shared
        .editor
        .as_ref()
        .and_then(|editor| Some((editor, edit::page::PageRequest::of(&head.target, &site)?)));
    if let Some((editor, request)) = &editing {
        if method == http::Method::Post {
            if let Some(reply) = editor.handle(&request.url, head, &site) {
                return Some(reply);
            }
        }
        if let Some(reply) = edit::page::asset(&request.url) {
            return Some(reply);
        }
    }
    let if_none_match = match &editing {
        Some((_, request)) => request.if_none_match(head.header("If-None-Match")),
        None => head.header("If-None-Match").map(str::to_string),
    };
    let route = http::route(
        &http::Request {
            method,
            target: &head.target,
            if_none_match: if_none_match.as_deref(),
        },
        &site,
        &shared.hub,
        shared.lang,
    );
    let route = match &editing {
        Some((editor, request)) => request.finish(route, editor, &site),
        None => route,
    };
    drop(site);
    match route {
        http::Route::Reply(reply) => Some(reply),
        http::Route::Events { since } => {
            let Some(_slot) = shared.hub.enter(MAX_STREAMS) else {
                return Some(conn::error_reply(503, "too many live-reload connections"));
            };
            // This connection's thread is the stream's: it ends when the client goes away.
            let _ = out.set_read_timeout(None);
            if out.write_all(reload::STREAM_HEAD).is_ok() {
                let _ = shared.hub.stream(&since, out, KEEPALIVE);
            }
            None
        }
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
                msg!(lang, "serve.cannot_open_browser", error = e, url)
            );
        }
    }
}
