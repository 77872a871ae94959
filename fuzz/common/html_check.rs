//! Checks that rendered HTML carries nothing that can run script: no `script`, `iframe`,
//! `object`, `embed`, `style`, `base` or (in a body) `form`, `meta` or `link` tag, no event-handler or `style` attribute, no URL
//! with a scheme other than http(s), mailto or tel. Tags are read by html5ever's tokenizer,
//! as a browser would read them. The theme's own `<script src="…js/…">` is allowed.
//!
//! Shared by the Markdown fuzz target and `tests/it/hardening.rs`.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

struct Sink {
    page: bool,
    found: RefCell<Vec<String>>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        if let Token::TagToken(tag) = token {
            if let Some(problem) = problem(&tag, self.page) {
                self.found.borrow_mut().push(problem);
            }
        }
        TokenSinkResult::Continue
    }
}

/// Tags no content may bring; a whole page has the theme's `form`, `meta` and `link`.
const FORBIDDEN: &[&str] = &[
    "script", "iframe", "object", "embed", "style", "frame", "base", "form", "meta", "link",
];
const THEME_DOCUMENT_TAGS: &[&str] = &["form", "meta", "link"];

fn problem(tag: &Tag, page: bool) -> Option<String> {
    if tag.kind != TagKind::StartTag {
        return None;
    }
    let name = tag.name.to_string().to_ascii_lowercase();
    if name == "script" && (is_theme_script(tag) || (page && is_data_block(tag))) {
        return None;
    }
    let allowed_on_page = page && THEME_DOCUMENT_TAGS.contains(&name.as_str());
    if FORBIDDEN.contains(&name.as_str()) && !allowed_on_page {
        return Some(format!("<{name}>"));
    }
    for attr in &tag.attrs {
        let attr_name = attr.name.local.to_string().to_ascii_lowercase();
        if attr_name.starts_with("on") || attr_name == "style" || attr_name == "srcdoc" {
            return Some(format!("<{name} {attr_name}=…>"));
        }
        if matches!(
            attr_name.as_str(),
            "href" | "src" | "action" | "formaction" | "xlink:href"
        ) && !tilik::sanitize::is_safe_url(&attr.value)
        {
            return Some(format!("<{name} {attr_name}=\"{}\">", attr.value));
        }
    }
    None
}

/// The theme's own scripts: `<script src="…js/…">` and the search index entry
/// `<script src="…search/index.….js">`, on this site, nothing inline.
fn is_theme_script(tag: &Tag) -> bool {
    tag.attrs.iter().any(|a| {
        let value = a.value.to_string();
        &*a.name.local == "src"
            && !value.contains(':')
            && !value.starts_with("//")
            && (value.contains("js/") || value.contains("search/index."))
    })
}

/// The theme's schema.org data on a whole page: `<script type="application/ld+json">`, which no
/// browser runs (its JSON is escaped so that it cannot close the element: a second `<script>`
/// after it would be reported).
fn is_data_block(tag: &Tag) -> bool {
    tag.attrs.len() == 1
        && &*tag.attrs[0].name.local == "type"
        && &*tag.attrs[0].value == "application/ld+json"
}

/// Every problem found in an HTML fragment (a rendered body), one line each.
#[allow(dead_code)]
pub fn problems(html: &str) -> Vec<String> {
    check(html, false)
}

/// Every problem found in a whole page, one line each: the theme's own `<meta>`, `<link>`
/// and (search) `<form>` are allowed there; their attributes are still checked.
#[allow(dead_code)]
pub fn page_problems(html: &str) -> Vec<String> {
    check(html, true)
}

fn check(html: &str, page: bool) -> Vec<String> {
    let sink = Sink {
        page,
        found: RefCell::new(Vec::new()),
    };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    tokenizer.sink.found.take()
}
