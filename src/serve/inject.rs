//! What `serve` adds to HTML responses, and only there: a `<script src>` tag for the reload
//! client (no inline script, so a strict Content-Security-Policy keeps working), and the
//! page shown before the first successful build.
//!
//! Injection happens when a response is made, never in the pipeline: a built site contains
//! no trace of it.

use crate::diagnostics::Lang;
use crate::msg;

/// Paths under this prefix belong to the preview server, not to the site.
pub const RESERVED_PREFIX: &str = "/__tilik/";
/// The reload client.
pub const SCRIPT_PATH: &str = "/__tilik/reload.js";
/// The event stream (see [`super::reload`]).
pub const EVENTS_PATH: &str = "/__tilik/events";
/// The current token and errors as JSON (for tools and tests).
pub const STATUS_PATH: &str = "/__tilik/status";

/// Source of the reload client.
pub const RELOAD_JS: &str = include_str!("reload.js");

/// The tag that loads the reload client, carrying the token of the build the page came from.
pub fn script_tag(token: &str) -> String {
    format!(
        "<script src=\"{SCRIPT_PATH}\" data-token=\"{}\"></script>",
        escape_attr(token)
    )
}

/// `html` with the reload client added just before its last `</body>` (or at the end when it
/// has none).
pub fn inject(html: &[u8], token: &str) -> Vec<u8> {
    insert_before_body_end(html, &script_tag(token))
}

/// `html` with `tag` added just before its last `</body>` (or at the end when it has none).
pub fn insert_before_body_end(html: &[u8], tag: &str) -> Vec<u8> {
    let at = find_last_ci(html, b"</body").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len() + 1);
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.push(b'\n');
    out.extend_from_slice(&html[at..]);
    out
}

/// The page served while no build has succeeded yet: the overlay lists the errors, and the
/// page reloads itself once they are fixed.
pub fn placeholder_page(lang: Lang, token: &str) -> Vec<u8> {
    let title = msg!(lang, "serve.placeholder_title");
    let text = msg!(lang, "serve.placeholder_text");
    let html = format!(
        "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\n<body><h1>{title}</h1><p>{text}</p></body></html>\n",
        lang.code()
    );
    inject(html.as_bytes(), token)
}

fn find_last_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.len() > haystack.len() {
        return None;
    }
    (0..=haystack.len() - needle.len())
        .rev()
        .find(|&i| haystack[i..i + needle.len()].eq_ignore_ascii_case(needle))
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
    fn script_goes_before_the_last_body_end() {
        let html = b"<html><body><p>a</p></BODY></html>";
        let out = String::from_utf8(inject(html, "t.1")).unwrap_or_default();
        assert_eq!(
            out,
            "<html><body><p>a</p><script src=\"/__tilik/reload.js\" data-token=\"t.1\"></script>\n</BODY></html>"
        );
    }

    #[test]
    fn script_is_appended_without_body() {
        let out = String::from_utf8(inject(b"<p>x</p>", "t")).unwrap_or_default();
        assert!(out.starts_with("<p>x</p><script src="));
    }

    #[test]
    fn placeholder_loads_the_client() {
        let page = String::from_utf8(placeholder_page(Lang::En, "t.0")).unwrap_or_default();
        assert!(page.contains("data-token=\"t.0\""));
        assert!(page.contains("could not be built"));
    }
}
