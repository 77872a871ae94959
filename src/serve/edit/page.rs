//! What editing changes in the preview's answers to ordinary requests: the editing script and
//! stylesheet, the editing tag in HTML pages, and report pages' ETags, which carry their
//! source file's version so that a page is never answered 304 for an older version of it.

use super::endpoint::{Editor, EDIT_CSS, EDIT_JS, SCRIPT_PATH, STYLE_PATH};
use crate::serve::http::{Body, Reply, Route};
use crate::serve::snapshot::Snapshot;
use crate::serve::urlpath;

/// One request as editing sees it.
#[derive(Debug)]
pub struct PageRequest {
    /// The decoded URL path (`/portal/laporan/a/`).
    pub url: String,
    /// The site key it names (`laporan/a/index.html`), when it is under the site's base path.
    key: Option<String>,
    /// `-e<version>"`: what a report page's ETag ends with (its source file's version).
    etag_suffix: Option<String>,
}

impl PageRequest {
    /// The request for `target` on `site`; `None` for a target that is not a path.
    pub fn of(target: &str, site: &Snapshot) -> Option<PageRequest> {
        let path = urlpath::parse(target).ok()?;
        let url = path.to_url();
        let base = urlpath::base_segments(&site.base_path);
        let key = path.strip_prefix(&base).map(|p| p.site_key());
        let etag_suffix = key
            .as_ref()
            .and_then(|k| site.sources.get(k))
            .map(|page| super::apply::version_of(&page.path).unwrap_or_default())
            .map(|v| format!("-e{v}\""));
        Some(PageRequest {
            url,
            key,
            etag_suffix,
        })
    }

    /// The `If-None-Match` to answer with: for a report page, only an ETag of its file's
    /// current version counts (stripped of the version, as the site's files know it).
    pub fn if_none_match(&self, header: Option<&str>) -> Option<String> {
        match &self.etag_suffix {
            Some(suffix) => header
                .filter(|h| h.contains(suffix.as_str()))
                .map(|h| h.replace(suffix.as_str(), "\"")),
            None => header.map(str::to_string),
        }
    }

    /// `route` with the editing tag in an HTML page and the file's version in its ETag.
    pub fn finish(&self, route: Route, editor: &Editor, site: &Snapshot) -> Route {
        let Route::Reply(mut reply) = route else {
            return route;
        };
        if let Some(suffix) = &self.etag_suffix {
            for (name, value) in &mut reply.headers {
                if *name == "ETag" && value.ends_with('"') {
                    value.pop();
                    value.push_str(suffix);
                }
            }
        }
        let html = reply
            .header("Content-Type")
            .is_some_and(|t| t.starts_with("text/html"));
        if let (true, 200 | 404, Body::Owned(bytes), Some(key)) =
            (html, reply.status, &reply.body, &self.key)
        {
            reply.body = Body::Owned(editor.decorate(bytes, key, site));
        }
        Route::Reply(reply)
    }
}

/// The editing script or stylesheet, when `url` names one.
pub fn asset(url: &str) -> Option<Reply> {
    let (body, content_type) = match url {
        SCRIPT_PATH => (EDIT_JS, "text/javascript; charset=utf-8"),
        STYLE_PATH => (EDIT_CSS, "text/css; charset=utf-8"),
        _ => return None,
    };
    Some(Reply {
        status: 200,
        headers: vec![
            ("Content-Type", content_type.to_string()),
            ("Cache-Control", "no-cache".to_string()),
            ("X-Content-Type-Options", "nosniff".to_string()),
        ],
        body: Body::Owned(body.as_bytes().to_vec()),
    })
}
