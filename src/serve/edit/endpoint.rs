//! The editing endpoints of the preview and what pages get to use them.
//!
//! - `POST /__tilik/edit/update`: form fields `token`, `page` (the page's site key, looked up
//!   in the snapshot's source map), `rec` (recommendation id), `version` (of the source file
//!   when the page was served), `status`, `note`, `date`. Answers JSON `{ok, message}` with
//!   200, 403 (token or origin), 404 (unknown page or recommendation), 409 (the file changed
//!   on disk), 422 (invalid value or result) or 500.
//! - `POST /__tilik/edit/new`: `token`, `title`, `unit`, `destination`, `start`, `end`,
//!   `topics` (one per line or comma-separated): writes the same file as `tilik new report`.
//! - Every HTML page gets the editing script (with the token and, on report pages, the source
//!   path and version): [`Editor::decorate`].

use crate::msg;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;

use chrono::NaiveDate;

use super::apply::{self, Target};
use super::guard::{Denied, Guard};
use super::{sources, Refusal, Update};
use crate::diagnostics::Lang;
use crate::model::report::Status;
use crate::serve::conn::Head;
use crate::serve::http::{Body, Reply};
use crate::serve::snapshot::Snapshot;

/// The update endpoint.
pub const UPDATE_PATH: &str = "/__tilik/edit/update";
/// The new-report endpoint.
pub const NEW_PATH: &str = "/__tilik/edit/new";
/// The editing script.
pub const SCRIPT_PATH: &str = "/__tilik/edit.js";
/// The editing controls' stylesheet.
pub const STYLE_PATH: &str = "/__tilik/edit.css";
/// Source of the editing script.
pub const EDIT_JS: &str = include_str!("edit.js");
/// Source of its stylesheet.
pub const EDIT_CSS: &str = include_str!("edit.css");

/// Longest note accepted, in characters.
pub const MAX_NOTE: usize = 2000;
/// Longest other field accepted, in characters.
pub const MAX_FIELD: usize = 300;

/// Editing from the preview, when it is on.
#[derive(Debug)]
pub struct Editor {
    guard: Guard,
    root: PathBuf,
    /// `TILIK_BUILD_DATE`, when set; otherwise today's date at each request.
    build_date: Option<NaiveDate>,
    lang: Lang,
    /// One write at a time.
    lock: Mutex<()>,
}

impl Editor {
    /// Editing of the project at `root` (canonical), served on `port`.
    pub fn new(root: PathBuf, port: u16, build_date: Option<NaiveDate>, lang: Lang) -> Editor {
        Editor {
            guard: Guard::new(port),
            root,
            build_date,
            lang,
            lock: Mutex::new(()),
        }
    }

    /// The per-run token (for tests and the console).
    pub fn token(&self) -> &str {
        &self.guard.token
    }

    fn today(&self) -> NaiveDate {
        self.build_date
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    /// Answers a `POST` to `path`; `None` when `path` is not an editing endpoint.
    pub fn handle(&self, path: &str, head: &Head, site: &Snapshot) -> Option<Reply> {
        if path != UPDATE_PATH && path != NEW_PATH {
            return None;
        }
        let form = parse_form(&head.body);
        let token = form
            .get("token")
            .map(String::as_str)
            .or_else(|| head.header("X-Tilik-Token"));
        let checked = self.guard.check(
            token,
            head.header("Origin"),
            head.header("Referer"),
            head.header("Host"),
        );
        if let Err(denied) = checked {
            let message = match denied {
                Denied::Token => msg!(self.lang, "edit.bad_token"),
                Denied::Origin => msg!(self.lang, "edit.bad_origin"),
            };
            return Some(json_reply(403, false, &message));
        }
        let result = if path == UPDATE_PATH {
            self.update(&form, site)
        } else {
            self.new_report(&form)
        };
        Some(match result {
            Ok(message) => json_reply(200, true, &message),
            Err(refusal) => json_reply(refusal.status, false, &refusal.message),
        })
    }

    fn update(&self, form: &HashMap<String, String>, site: &Snapshot) -> Result<String, Refusal> {
        let lang = self.lang;
        let field = |name: &str| form.get(name).map(|s| s.trim()).unwrap_or("");
        let page = site.sources.get(field("page")).ok_or_else(|| Refusal {
            status: 404,
            message: msg!(lang, "edit.unknown_page"),
        })?;
        let id = field("rec");
        let index = page
            .recommendations
            .iter()
            .position(|r| r == id)
            .ok_or_else(|| Refusal::not_found(id, lang))?;
        let raw_status = field("status");
        let status = Status::parse(raw_status).ok_or_else(|| {
            let allowed = Status::ALL.map(Status::as_str).join(", ");
            Refusal::unprocessable(msg!(lang, "edit.unknown_status", raw_status, allowed))
        })?;
        let raw_date = field("date");
        let date = if raw_date.is_empty() {
            self.today()
        } else {
            NaiveDate::parse_from_str(raw_date, "%Y-%m-%d")
                .ok()
                .filter(|_| raw_date.len() == 10)
                .ok_or_else(|| {
                    Refusal::unprocessable(msg!(lang, "edit.bad_date", raw = raw_date))
                })?
        };
        let note = field("note");
        if note.chars().count() > MAX_NOTE {
            return Err(Refusal::unprocessable(msg!(
                lang,
                "edit.note_too_long",
                max = MAX_NOTE
            )));
        }
        if !sources::is_under_content(&page.path, &self.root) {
            return Err(Refusal {
                status: 403,
                message: msg!(lang, "edit.outside_content"),
            });
        }
        let update = Update {
            status,
            note: (!note.is_empty()).then(|| note.to_string()),
            date,
        };
        let target = Target {
            path: &page.path,
            display: &page.display,
            index,
            id,
            version: field("version"),
        };
        let _one_at_a_time = self.lock.lock().unwrap_or_else(|p| p.into_inner());
        apply::update_recommendation(target, &update, self.today(), lang)?;
        let file = crate::diagnostics::display_path(&page.display);
        Ok(msg!(lang, "edit.saved", file, id, status = status.as_str()))
    }

    fn new_report(&self, form: &HashMap<String, String>) -> Result<String, Refusal> {
        let lang = self.lang;
        let field = |name: &str| {
            let v = form.get(name).map(|s| s.trim()).unwrap_or("");
            (!v.is_empty()).then(|| v.to_string())
        };
        if form
            .values()
            .any(|v| v.chars().count() > MAX_FIELD && !v.contains('\n'))
        {
            return Err(Refusal::unprocessable(msg!(
                lang,
                "edit.field_too_long",
                max = MAX_FIELD
            )));
        }
        let date = |name: &str| -> Result<Option<NaiveDate>, Refusal> {
            match field(name) {
                None => Ok(None),
                Some(raw) => NaiveDate::parse_from_str(&raw, "%Y-%m-%d")
                    .map(Some)
                    .map_err(|_| Refusal::unprocessable(msg!(lang, "edit.bad_date", raw))),
            }
        };
        let fields = crate::scaffold::ReportFields {
            unit: field("unit"),
            destination: field("destination"),
            start: date("start")?,
            end: date("end")?,
            topics: field("topics")
                .unwrap_or_default()
                .split([',', '\n'])
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect(),
            ..Default::default()
        };
        let title = field("title").unwrap_or_default();
        let _one_at_a_time = self.lock.lock().unwrap_or_else(|p| p.into_inner());
        crate::scaffold::new_report(&self.root, &title, &fields, self.today(), lang)
            .map_err(|d| Refusal::unprocessable(d.render(lang)))
    }

    /// `html` of the page at site key `key` with the editing script added before `</body>`:
    /// the token always (for the new-report form), and on report pages the source path, the
    /// file's version now, and the recommendation ids.
    pub fn decorate(&self, html: &[u8], key: &str, site: &Snapshot) -> Vec<u8> {
        let mut attrs = vec![
            ("data-edit-token", self.guard.token.clone()),
            ("data-today", self.today().to_string()),
        ];
        if let Some(page) = site.sources.get(key) {
            let version = apply::version_of(&page.path).unwrap_or_default();
            attrs.extend([
                ("data-page", key.to_string()),
                (
                    "data-source",
                    crate::diagnostics::display_path(&page.display),
                ),
                ("data-version", version),
                ("data-recs", page.recommendations.join(" ")),
            ]);
        }
        let attrs: String = attrs
            .iter()
            .map(|(k, v)| format!(" {k}=\"{}\"", escape_attr(v)))
            .collect();
        let tag = format!("<script src=\"{SCRIPT_PATH}\"{attrs} defer></script>");
        crate::serve::inject::insert_before_body_end(html, &tag)
    }
}

/// A JSON answer `{ok, message}`.
fn json_reply(status: u16, ok: bool, message: &str) -> Reply {
    let body = serde_json::json!({ "ok": ok, "message": message }).to_string();
    Reply {
        status,
        headers: vec![
            (
                "Content-Type",
                "application/json; charset=utf-8".to_string(),
            ),
            ("Cache-Control", "no-store".to_string()),
            ("X-Content-Type-Options", "nosniff".to_string()),
        ],
        body: Body::Owned(body.into_bytes()),
    }
}

/// The fields of an `application/x-www-form-urlencoded` body (the first of repeated names).
pub fn parse_form(body: &[u8]) -> HashMap<String, String> {
    let text = String::from_utf8_lossy(body);
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(&s.replace('+', " "))
            .decode_utf8_lossy()
            .into_owned()
    };
    let mut form = HashMap::new();
    for pair in text.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        form.entry(decode(k)).or_insert_with(|| decode(v));
    }
    form
}

fn escape_attr(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_bodies_are_decoded() {
        let form = parse_form(b"a=1&note=Rapat+ke-2%3A+%22ok%22&a=2&empty=&flag");
        assert_eq!(form.get("a").map(String::as_str), Some("1"));
        assert_eq!(
            form.get("note").map(String::as_str),
            Some("Rapat ke-2: \"ok\"")
        );
        assert_eq!(form.get("empty").map(String::as_str), Some(""));
        assert_eq!(form.get("flag").map(String::as_str), Some(""));
    }
}
