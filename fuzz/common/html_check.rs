//! Checks that rendered HTML carries nothing that can run script: no `script`, `iframe`,
//! `object`, `embed`, `style` or `form` tag, no event-handler or `style` attribute, no URL
//! with a scheme other than http(s), mailto or tel. Tags are read by html5ever's tokenizer,
//! as a browser would read them.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

struct Sink(RefCell<Vec<String>>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        if let Token::TagToken(tag) = token {
            if let Some(problem) = problem(&tag) {
                self.0.borrow_mut().push(problem);
            }
        }
        TokenSinkResult::Continue
    }
}

fn problem(tag: &Tag) -> Option<String> {
    if tag.kind != TagKind::StartTag {
        return None;
    }
    let name = tag.name.to_string().to_ascii_lowercase();
    if matches!(
        name.as_str(),
        "script" | "iframe" | "object" | "embed" | "style" | "form" | "frame" | "base" | "meta" | "link"
    ) {
        return Some(format!("<{name}>"));
    }
    for attr in &tag.attrs {
        let attr_name = attr.name.local.to_string().to_ascii_lowercase();
        if attr_name.starts_with("on") || attr_name == "style" || attr_name == "srcdoc" {
            return Some(format!("<{name} {attr_name}=…>"));
        }
        if matches!(attr_name.as_str(), "href" | "src" | "action" | "formaction" | "xlink:href")
            && !tilik::sanitize::is_safe_url(&attr.value)
        {
            return Some(format!("<{name} {attr_name}=\"{}\">", attr.value));
        }
    }
    None
}

/// Every problem found in `html`, one line each.
pub fn problems(html: &str) -> Vec<String> {
    let sink = Sink(RefCell::new(Vec::new()));
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    tokenizer.sink.0.take()
}
