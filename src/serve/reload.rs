//! The live-reload channel: Server-Sent Events on the preview's own port.
//!
//! The [`Hub`] holds what reload clients need to know (the token of the site being served,
//! whether the last change was CSS only, the errors of a failed rebuild) behind one mutex,
//! with a condition variable to wake the streams. Each open page holds one
//! `GET /__tilik/events?since=TOKEN` connection, served by a thread of its own, so a held-open
//! stream never occupies a worker that ordinary requests need.
//!
//! Events, in the `text/event-stream` format:
//!
//! - `reload` (data: JSON `{"token", "pages", "css"}`): a build succeeded. `pages` lists the
//!   URL paths whose HTML changed (`null`: every page must reload, e.g. an image or script
//!   changed); a page showing one of them reloads, the others only take the new token, and
//!   swap their stylesheets when `css` is true (a stylesheet-only change reloads nothing);
//! - `ok` (data: the token): a build succeeded without changing any file (a fix that restored
//!   the last good output, a save without changes): hide the overlay, nothing to reload;
//! - `errors` (data: JSON `{"token", "title", "errors": ["path:line:column: error: …"]}`):
//!   a build failed, the last good site is still served, show the overlay;
//! - `: keepalive` comments, so dead connections are noticed and their threads end.
//!
//! A page carries the token of the build it came from, so a change made while it was loading
//! is not missed: if the token it sends is not the current one, it is told to reload at once.

use std::collections::{BTreeSet, VecDeque};
use std::io::{self, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// A failed rebuild, as shown in the overlay.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ErrorReport {
    /// Heading of the overlay, in the site's language.
    pub title: String,
    /// Each diagnostic rendered as `path:line:column: error: message` (plus hint lines).
    pub errors: Vec<String>,
}

#[derive(Clone, Debug)]
struct HubState {
    /// Bumped on every change.
    seq: u64,
    /// Token of the site being served.
    token: String,
    /// Recent builds that changed files, oldest first: (`seq`, pages to reload, CSS changed).
    history: VecDeque<(u64, Reload, bool)>,
    /// The highest `seq` dropped from `history` (streams older than it reload everything).
    forgotten: u64,
    /// Errors of the last rebuild, if it failed.
    errors: Option<Arc<ErrorReport>>,
    /// `seq` at which `errors` was set.
    errors_seq: u64,
}

/// Shared state of the reload channel.
#[derive(Debug)]
pub struct Hub {
    state: Mutex<HubState>,
    changed: Condvar,
    streams: AtomicUsize,
}

/// Builds remembered for streams that missed some (a stream older than that reloads).
const HISTORY: usize = 64;
/// Most page paths sent in one event; more means "every page".
pub const MAX_PAGES: usize = 500;

/// Which open pages must reload.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reload {
    /// Every page (something pages may embed changed: an image, a script…).
    All,
    /// Only pages at these URL paths (`/portal/laporan/a/`); possibly none.
    Only(Arc<[String]>),
}

/// What a successful build changed, as far as open pages are concerned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// Files changed: these pages reload; `css`: stylesheets changed, the others swap them.
    Files {
        /// Pages to reload.
        reload: Reload,
        /// Whether stylesheets changed.
        css: bool,
    },
    /// No file changed: the site being served stays, only errors are cleared.
    Nothing,
}

/// What a stream has told its client so far.
#[derive(Debug)]
struct Seen {
    seq: u64,
    token: String,
    errors_seq: u64,
    had_errors: bool,
}

impl Seen {
    fn of(state: &HubState) -> Seen {
        Seen {
            seq: state.seq,
            token: state.token.clone(),
            errors_seq: state.errors_seq,
            had_errors: state.errors.is_some(),
        }
    }
}

impl Hub {
    /// A hub serving the site with this token.
    pub fn new(token: String) -> Hub {
        Hub {
            state: Mutex::new(HubState {
                seq: 0,
                token,
                history: VecDeque::new(),
                forgotten: 0,
                errors: None,
                errors_seq: 0,
            }),
            changed: Condvar::new(),
            streams: AtomicUsize::new(0),
        }
    }

    fn lock(&self) -> MutexGuard<'_, HubState> {
        // The state is a few plain values, always consistent: a panic elsewhere cannot leave
        // it half-updated, so a poisoned lock is still usable.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A build succeeded and the site with `token` is now served (for [`Change::Nothing`], the
    /// token of the site kept). Clears the errors.
    pub fn publish_build(&self, token: String, change: Change) {
        let mut state = self.lock();
        state.seq += 1;
        state.token = token;
        if let Change::Files { reload, css } = change {
            let seq = state.seq;
            state.history.push_back((seq, reload, css));
            if state.history.len() > HISTORY {
                if let Some((dropped, _, _)) = state.history.pop_front() {
                    state.forgotten = dropped;
                }
            }
        }
        state.errors = None;
        drop(state);
        self.changed.notify_all();
    }

    /// A rebuild failed: the last good site stays, clients show these errors.
    pub fn publish_errors(&self, report: ErrorReport) {
        let mut state = self.lock();
        state.seq += 1;
        state.errors = Some(Arc::new(report));
        state.errors_seq = state.seq;
        drop(state);
        self.changed.notify_all();
    }

    /// The token being served and the current errors, if any.
    pub fn current(&self) -> (String, Option<Arc<ErrorReport>>) {
        let state = self.lock();
        (state.token.clone(), state.errors.clone())
    }

    /// How many event streams are open.
    pub fn open_streams(&self) -> usize {
        self.streams.load(Ordering::Relaxed)
    }

    /// Counts a stream as open until the guard is dropped; `None` when `limit` streams are
    /// already open.
    pub fn enter(self: &Arc<Self>, limit: usize) -> Option<StreamGuard> {
        let before = self.streams.fetch_add(1, Ordering::SeqCst);
        let guard = StreamGuard(Arc::clone(self));
        (before < limit).then_some(guard)
    }

    /// Writes the event stream for a client whose page has token `since`, until writing
    /// fails (the client went away). `out` must already carry the response headers.
    pub fn stream(&self, since: &str, out: &mut dyn Write, keepalive: Duration) -> io::Result<()> {
        let (events, mut seen) = {
            let state = self.lock();
            let page = Seen {
                seq: state.seq,
                token: since.to_string(),
                errors_seq: 0,
                had_errors: false,
            };
            (events_for(&state, &page, true), Seen::of(&state))
        };
        out.write_all(b"retry: 1000\n\n")?;
        write_events(out, &events)?;
        loop {
            let mut state = self.lock();
            while state.seq == seen.seq {
                let (next, timeout) = self
                    .changed
                    .wait_timeout(state, keepalive)
                    .unwrap_or_else(|p| p.into_inner());
                state = next;
                if timeout.timed_out() && state.seq == seen.seq {
                    drop(state);
                    out.write_all(b": keepalive\n\n")?;
                    out.flush()?;
                    state = self.lock();
                }
            }
            let events = events_for(&state, &seen, false);
            seen = Seen::of(&state);
            drop(state);
            write_events(out, &events)?;
        }
    }
}

/// Releases a stream slot when dropped.
#[derive(Debug)]
pub struct StreamGuard(Arc<Hub>);

impl Drop for StreamGuard {
    fn drop(&mut self) {
        self.0.streams.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The events that bring a client from `seen` to `state`.
fn events_for(state: &HubState, seen: &Seen, first: bool) -> Vec<String> {
    let mut events = Vec::new();
    if state.token != seen.token {
        let (pages, css) = if first || state.forgotten > seen.seq {
            (None, true)
        } else {
            missed_changes(state, seen.seq)
        };
        let json = serde_json::json!({ "token": state.token, "pages": pages, "css": css });
        events.push(format!("event: reload\ndata: {json}\n\n"));
    }
    if let Some(errors) = &state.errors {
        if first || state.errors_seq > seen.errors_seq {
            events.push(errors_event(&state.token, errors));
        }
    } else if seen.had_errors && state.token == seen.token {
        events.push(format!("event: ok\ndata: {}\n\n", state.token));
    }
    events
}

/// The pages to reload (`None`: all) and whether CSS changed, over the builds after `since`.
fn missed_changes(state: &HubState, since: u64) -> (Option<Vec<String>>, bool) {
    let mut pages = BTreeSet::new();
    let mut all = false;
    let mut css = false;
    for (_, reload, changed_css) in state.history.iter().filter(|(seq, _, _)| *seq > since) {
        css |= *changed_css;
        match reload {
            Reload::All => all = true,
            Reload::Only(list) => pages.extend(list.iter().cloned()),
        }
    }
    if all || pages.len() > MAX_PAGES {
        (None, css)
    } else {
        (Some(pages.into_iter().collect()), css)
    }
}

fn errors_event(token: &str, report: &ErrorReport) -> String {
    let json = serde_json::json!({
        "token": token,
        "title": report.title,
        "errors": report.errors,
    });
    // JSON from serde_json has no raw newline, so one `data:` line carries it.
    format!("event: errors\ndata: {json}\n\n")
}

fn write_events(out: &mut dyn Write, events: &[String]) -> io::Result<()> {
    for event in events {
        out.write_all(event.as_bytes())?;
    }
    out.flush()
}

/// The response head of an event stream: no length, the body runs until the connection
/// closes, each event flushed as it comes.
pub const STREAM_HEAD: &[u8] = b"HTTP/1.1 200 OK\r\n\
Content-Type: text/event-stream; charset=utf-8\r\n\
Cache-Control: no-cache, no-store\r\n\
X-Accel-Buffering: no\r\n\
Connection: close\r\n\r\n";

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::thread;

    /// A writer that forwards every flush to a channel, and fails once the receiver is gone.
    struct ChannelWriter {
        buf: Vec<u8>,
        tx: mpsc::Sender<String>,
    }

    impl Write for ChannelWriter {
        fn write(&mut self, b: &[u8]) -> io::Result<usize> {
            self.buf.extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            let text = String::from_utf8_lossy(&self.buf).into_owned();
            self.buf.clear();
            self.tx
                .send(text)
                .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "gone"))
        }
    }

    fn next(rx: &mpsc::Receiver<String>) -> String {
        rx.recv_timeout(Duration::from_secs(5))
            .unwrap_or_else(|e| panic!("no event: {e}"))
    }

    fn open(hub: &Arc<Hub>, since: &str) -> mpsc::Receiver<String> {
        let (tx, rx) = mpsc::channel();
        let hub = Arc::clone(hub);
        let since = since.to_string();
        thread::spawn(move || {
            let mut w = ChannelWriter {
                buf: Vec::new(),
                tx,
            };
            let _ = hub.stream(&since, &mut w, Duration::from_secs(60));
        });
        rx
    }

    fn all() -> Change {
        Change::Files {
            reload: Reload::All,
            css: false,
        }
    }

    fn only(pages: &[&str], css: bool) -> Change {
        let pages: Vec<String> = pages.iter().map(|p| p.to_string()).collect();
        Change::Files {
            reload: Reload::Only(pages.into()),
            css,
        }
    }

    #[test]
    fn missed_builds_add_up() {
        let hub = Hub::new("t.0".into());
        hub.publish_build("t.1".into(), only(&["/a/"], false));
        hub.publish_build("t.2".into(), only(&["/b/", "/a/"], true));
        let state = hub.lock();
        assert_eq!(
            missed_changes(&state, 0),
            (Some(vec!["/a/".to_string(), "/b/".to_string()]), true)
        );
        assert_eq!(
            missed_changes(&state, 1),
            (Some(vec!["/a/".to_string(), "/b/".to_string()]), true)
        );
        drop(state);
        hub.publish_build("t.3".into(), all());
        assert_eq!(missed_changes(&hub.lock(), 2), (None, false));
    }

    #[test]
    fn stale_page_reloads_at_once_current_page_waits() {
        let hub = Arc::new(Hub::new("t.1".into()));
        let stale = open(&hub, "t.0");
        let event = next(&stale);
        assert!(
            event.contains("event: reload") && event.contains("\"pages\":null"),
            "{event}"
        );
        let current = open(&hub, "t.1");
        assert_eq!(next(&current), "retry: 1000\n\n");
        hub.publish_build("t.2".into(), all());
        let event = next(&current);
        assert!(event.contains("event: reload\ndata: {"), "{event}");
        assert!(event.contains("\"pages\":null"), "{event}");
        assert!(event.contains("\"token\":\"t.2\""), "{event}");
    }

    #[test]
    fn errors_then_css_then_reload() {
        let hub = Arc::new(Hub::new("t.1".into()));
        let rx = open(&hub, "t.1");
        next(&rx);
        hub.publish_errors(ErrorReport {
            title: "Build failed".into(),
            errors: vec!["content/a.md:3:1: error: bad".into()],
        });
        let e = next(&rx);
        assert!(e.starts_with("event: errors\n"), "{e}");
        assert!(e.contains("content/a.md:3:1: error: bad"), "{e}");
        hub.publish_build("t.2".into(), only(&[], true));
        let event = next(&rx);
        assert!(event.contains("\"pages\":[]"), "{event}");
        assert!(event.contains("\"css\":true"), "{event}");
        hub.publish_build("t.3".into(), only(&["/laporan/a/"], false));
        let event = next(&rx);
        assert!(event.contains("\"pages\":[\"/laporan/a/\"]"), "{event}");
        assert!(event.contains("\"css\":false"), "{event}");
        hub.publish_errors(ErrorReport {
            title: "Build failed".into(),
            errors: vec!["e".into()],
        });
        assert!(next(&rx).contains("event: errors"));
        hub.publish_build("t.3".into(), Change::Nothing);
        assert_eq!(next(&rx), "event: ok\ndata: t.3\n\n");
    }

    #[test]
    fn a_new_stream_sees_current_errors() {
        let hub = Arc::new(Hub::new("t.1".into()));
        hub.publish_errors(ErrorReport {
            title: "x".into(),
            errors: vec!["e".into()],
        });
        let rx = open(&hub, "t.1");
        assert!(next(&rx).contains("event: errors"));
    }

    #[test]
    fn stream_slots_are_limited_and_released() {
        let hub = Arc::new(Hub::new("t".into()));
        let a = hub.enter(1);
        assert!(a.is_some());
        assert!(hub.enter(1).is_none());
        assert_eq!(hub.open_streams(), 1);
        drop(a);
        assert_eq!(hub.open_streams(), 0);
    }
}
