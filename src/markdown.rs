//! Markdown to HTML: pulldown-cmark with tables, footnotes, strikethrough and task lists;
//! heading ids and a table of contents; links between pages resolved to their URLs.
//!
//! Safe by default: link and image URLs with a scheme other than http(s), mailto and tel
//! (`javascript:`, `data:`…) become `#`, table alignment is written as a class (not a `style`
//! attribute, which a strict Content-Security-Policy blocks), and the resulting HTML goes
//! through the allow-list sanitiser of [`crate::sanitize`] unless the site trusts its writers
//! (`[markdown] allow_raw_html = true`).

use std::collections::HashSet;

use pulldown_cmark::{Alignment, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::model::slug::slugify;

/// One heading in a page's table of contents, with the headings nested under it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    /// 1 to 6.
    pub level: u8,
    /// The heading's `id`, for `#fragment` links.
    pub id: String,
    /// The heading's text.
    pub title: String,
    /// Headings one level further in.
    pub children: Vec<TocEntry>,
}

/// What the renderer produced for one page.
#[derive(Clone, Debug, Default)]
pub struct Rendered {
    /// The body as HTML.
    pub html: String,
    /// Table of contents (from `##` headings down; a `#` heading is kept as well).
    pub toc: Vec<TocEntry>,
    /// Plain text of the body, for search and summaries.
    pub plain: String,
    /// Every heading's text, in order.
    pub headings: Vec<String>,
}

/// What became of a link's target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkOutcome {
    /// Not a link between pages: keep as written.
    Keep,
    /// A link to another page: use this URL instead.
    Rewrite(String),
    /// A link to a page that does not exist.
    Missing,
}

/// A link whose target does not exist, or link syntax that did not become a link, with its
/// byte offset in the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrokenLink {
    /// Byte offset of the link in the Markdown body.
    pub offset: usize,
    /// The target as written ([`LinkProblem::Missing`]), or the whole text that was meant
    /// as a link or image, `![alt](target)` ([`LinkProblem::NotALink`]).
    pub target: String,
    /// What is wrong with it.
    pub problem: LinkProblem,
}

/// What is wrong with a [`BrokenLink`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkProblem {
    /// The page or file it names does not exist.
    Missing,
    /// It was written as a link or image (`[…](…)`) but Markdown did not read it as one
    /// (a space in the address, a missing bracket): the page would show the raw text.
    NotALink,
}

/// Whether a link target names a local file that is not a page: `foto.jpg`, `lampiran/a.pdf`
/// (relative, with a file extension, not Markdown, not HTML).
pub fn is_file_link(target: &str) -> bool {
    if target.contains(':') || target.starts_with(['/', '#', '@', '?']) || is_page_link(target) {
        return false;
    }
    let path = target.split(['#', '?']).next().unwrap_or("");
    let name = path.rsplit('/').next().unwrap_or("");
    match name.rsplit_once('.') {
        Some((stem, ext)) => {
            !stem.is_empty()
                && !ext.is_empty()
                && !matches!(ext.to_ascii_lowercase().as_str(), "html" | "htm")
        }
        None => false,
    }
}

/// Whether a link target points at a Markdown file of the project (`x.md`, `../a/b.md#s`, `@/…`).
pub fn is_page_link(target: &str) -> bool {
    if target.starts_with("@/") {
        return true;
    }
    if target.contains("://") || target.starts_with("mailto:") || target.starts_with('#') {
        return false;
    }
    let path = target.split(['#', '?']).next().unwrap_or("");
    path.to_ascii_lowercase().ends_with(".md")
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// How a body is rendered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RenderOptions {
    /// Keep raw HTML as written (no sanitising): only for portals whose writers are all
    /// trusted. Dangerous link and image URLs are neutralised either way.
    pub allow_raw_html: bool,
    /// The page's language: the label of the region a table scrolls in is in it.
    pub lang: crate::diagnostics::Lang,
}

impl RenderOptions {
    /// These options for a page in `lang`.
    pub fn in_lang(self, lang: crate::diagnostics::Lang) -> RenderOptions {
        RenderOptions { lang, ..self }
    }
}

/// Renders a Markdown body, sanitised. `resolve` decides what each link target becomes.
pub fn render(body: &str, resolve: &dyn Fn(&str) -> LinkOutcome) -> (Rendered, Vec<BrokenLink>) {
    render_with(body, resolve, RenderOptions::default())
}

/// Renders a Markdown body with explicit options.
pub fn render_with(
    body: &str,
    resolve: &dyn Fn(&str) -> LinkOutcome,
    opts: RenderOptions,
) -> (Rendered, Vec<BrokenLink>) {
    render_inner(body, resolve, opts, true)
}

/// [`render_with`]; without its HTML (left empty) when `want_html` is false: the checks of
/// `tilik build` need the text, headings and links of a body, and its HTML is made again
/// later ([`html_again`]), so the first pass does not generate (and sanitise) it.
fn render_inner(
    body: &str,
    resolve: &dyn Fn(&str) -> LinkOutcome,
    opts: RenderOptions,
    want_html: bool,
) -> (Rendered, Vec<BrokenLink>) {
    let mut out = Rendered::default();
    let mut broken = Vec::new();
    // Ids the theme uses for itself (the skip link's target): a heading never takes them.
    let mut used_ids: HashSet<String> = RESERVED_IDS.iter().map(|s| s.to_string()).collect();
    let mut flat_toc: Vec<(u8, String, String)> = Vec::new();
    let mut events: Vec<Event> = Vec::new();
    // While inside a heading: index of its start event in `events` and its text so far.
    let mut heading: Option<(usize, String)> = None;
    let mut table = TableState::default();
    let mut nesting = Nesting::default();
    // Indices in `events` of raw HTML (escaped instead of sanitised when nested too deeply).
    let mut raw_html: Vec<usize> = Vec::new();
    // Source range of the text read so far outside code (pieces of one paragraph line), to
    // find link syntax Markdown left as text.
    let mut text_run: Option<std::ops::Range<usize>> = None;
    let mut in_code_block = false;

    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match &event {
            Event::Text(_) if !in_code_block => {
                // Pieces of text next to each other (split at brackets, escapes…) are one.
                text_run = Some(match text_run.take() {
                    Some(run) => run.start..range.end.max(run.end),
                    None => range.clone(),
                });
            }
            _ => {
                if let Some(run) = text_run.take() {
                    unrendered_links(body, run, &mut broken);
                }
                match &event {
                    Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
                    Event::End(TagEnd::CodeBlock) => in_code_block = false,
                    _ => {}
                }
            }
        }
        nesting.see(&event);
        if let Event::Html(t) | Event::InlineHtml(t) = &event {
            raw_html.push(events.len());
            nesting.see_raw(t);
        }
        if let Some(html) = table.cell_html(&event) {
            events.push(Event::Html(CowStr::from(html)));
            if matches!(event, Event::End(TagEnd::TableCell)) {
                out.plain.push('\n');
            }
            continue;
        }
        match event {
            Event::Start(Tag::Heading { .. }) => {
                heading = Some((events.len(), String::new()));
                events.push(event);
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((start, text)) = heading.take() {
                    let text = text.trim().to_string();
                    if let Event::Start(Tag::Heading { id, .. }) = &mut events[start] {
                        let base = match id {
                            Some(explicit) => explicit.to_string(),
                            None => {
                                let s = slugify(&text);
                                if s.is_empty() {
                                    "bagian".to_string()
                                } else {
                                    s
                                }
                            }
                        };
                        let unique = unique_id(&base, &mut used_ids);
                        *id = Some(CowStr::from(unique.clone()));
                        flat_toc.push((heading_level(level), unique, text.clone()));
                    }
                    out.headings.push(text);
                }
                out.plain.push('\n');
                events.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = resolve_url(dest_url, range.start, resolve, &mut broken);
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = resolve_url(dest_url, range.start, resolve, &mut broken);
                events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            // A checkbox without a label is an accessibility error; a symbol reads and prints.
            Event::TaskListMarker(done) => {
                let mark = if done {
                    "\u{2611}\u{a0}"
                } else {
                    "\u{2610}\u{a0}"
                };
                events.push(Event::Text(CowStr::Borrowed(mark)));
            }
            // Footnote ids get a prefix, so that `[^1]` cannot collide with another id.
            Event::FootnoteReference(label) => {
                events.push(Event::FootnoteReference(footnote_id(&label)));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                events.push(Event::Start(Tag::FootnoteDefinition(footnote_id(&label))));
            }
            // Wide tables scroll inside a focusable region instead of widening the page.
            Event::Start(Tag::Table(_)) => {
                events.push(Event::Html(CowStr::Borrowed(
                    opts.lang.pick(TABLE_WRAP_OPEN_ID, TABLE_WRAP_OPEN_EN),
                )));
                events.push(event);
            }
            Event::End(TagEnd::Table) => {
                events.push(event);
                events.push(Event::Html(CowStr::Borrowed("</div>")));
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                if let Some((_, h)) = heading.as_mut() {
                    h.push_str(t);
                }
                out.plain.push_str(t);
                events.push(event);
            }
            Event::SoftBreak | Event::HardBreak => {
                out.plain.push(' ');
                events.push(event);
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::CodeBlock) => {
                out.plain.push('\n');
                events.push(event);
            }
            other => events.push(other),
        }
    }
    if let Some(run) = text_run.take() {
        unrendered_links(body, run, &mut broken);
    }
    broken.sort_by_key(|b| b.offset);
    let sanitise = !opts.allow_raw_html;
    // The sanitiser's HTML parser takes time quadratic in nesting depth: past a sane depth the
    // raw HTML is shown as text instead, and pulldown-cmark's own (escaped) HTML needs no
    // sanitising. A body without raw HTML (most reports) needs none either: its text and
    // attribute values are escaped, its URLs neutralised above, and the only attributes a
    // writer can add, `{key=value}` on a heading, are dropped here as the allow-list would.
    let too_deep = sanitise && nesting.max > MAX_SANITISED_DEPTH;
    let needs_sanitiser = sanitise && !too_deep && !raw_html.is_empty();
    if too_deep {
        for i in raw_html {
            if let Event::Html(t) | Event::InlineHtml(t) = &events[i] {
                events[i] = Event::Text(t.clone());
            }
        }
    }
    if sanitise && !needs_sanitiser {
        for event in &mut events {
            if let Event::Start(Tag::Heading { attrs, .. }) = event {
                attrs.clear();
            }
        }
    }
    demote_headings(&mut events, &mut flat_toc);
    out.plain = exact(&out.plain);
    out.toc = nest(&flat_toc);
    if !want_html {
        return (out, broken);
    }
    // Reserved once for the usual size (HTML is about a third longer than its Markdown), so
    // that it does not grow by doubling.
    let mut html = String::with_capacity(body.len() + body.len() / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    // The model holds these for every page until it is written: at their exact size.
    out.html = if needs_sanitiser {
        exact(&crate::sanitize::clean(&html))
    } else {
        exact(&html)
    };
    (out, broken)
}

/// A copy of `s` that holds no spare capacity (shrinking in place may keep it).
fn exact(s: &str) -> String {
    s.to_owned()
}

/// Renders `body` as [`render_with`] does, and gives the resolver's answers too, target by
/// target in the order they were asked: [`html_again`] renders the same HTML from them.
pub fn render_recording(
    body: &str,
    resolve: &dyn Fn(&str) -> LinkOutcome,
    opts: RenderOptions,
) -> (Rendered, Vec<BrokenLink>, Vec<(String, LinkOutcome)>) {
    let answers = std::cell::RefCell::new(Vec::new());
    let recording = |target: &str| -> LinkOutcome {
        let outcome = resolve(target);
        answers
            .borrow_mut()
            .push((target.to_string(), outcome.clone()));
        outcome
    };
    let (rendered, broken) = render_with(body, &recording, opts);
    (rendered, broken, answers.into_inner())
}

/// [`render_recording`] without the HTML (its `html` is empty): what the checks of a build
/// need, the HTML being made afterwards by [`html_again`] from the answers.
pub fn check_recording(
    body: &str,
    resolve: &dyn Fn(&str) -> LinkOutcome,
    opts: RenderOptions,
) -> (Rendered, Vec<BrokenLink>, Vec<(String, LinkOutcome)>) {
    let answers = std::cell::RefCell::new(Vec::new());
    let recording = |target: &str| -> LinkOutcome {
        let outcome = resolve(target);
        answers
            .borrow_mut()
            .push((target.to_string(), outcome.clone()));
        outcome
    };
    let (rendered, broken) = render_inner(body, &recording, opts, false);
    (rendered, broken, answers.into_inner())
}

/// The HTML of a body rendered before by [`render_recording`], with the answers it gave:
/// the same HTML, without the link targets at hand. A target asked that is not the next
/// one recorded (the body is not the one recorded) is kept as written.
pub fn html_again(body: &str, answers: &[(String, LinkOutcome)], opts: RenderOptions) -> String {
    let next = std::cell::Cell::new(0);
    let replay = |target: &str| -> LinkOutcome {
        let i = next.get();
        next.set(i + 1);
        match answers.get(i) {
            Some((asked, outcome)) if asked == target => outcome.clone(),
            _ => LinkOutcome::Keep,
        }
    };
    render_with(body, &replay, opts).0.html
}

/// A body rendered once, with every answer its link resolver gave.
///
/// [`render_with`] depends on nothing but the body, the options and those answers (it asks
/// about the same targets in the same order as long as the answers are the same), so the
/// result stands for the same body and options for as long as the resolver answers every
/// recorded question the same way: what a rebuild of the preview uses to render only the
/// pages whose text or link targets changed.
///
/// Asking again costs a little per link; a memo also carries the caller's `context`, a hash
/// of everything the resolver's answers depend on (the targets, the page's place): while it is
/// the same, the answers are too, and nothing is asked.
#[derive(Debug)]
pub struct Memo {
    options: RenderOptions,
    context: u64,
    answers: Vec<(String, LinkOutcome)>,
    /// The rendered body.
    pub rendered: std::sync::Arc<Rendered>,
    /// Its broken links.
    pub broken: Vec<BrokenLink>,
}

/// Whether a [`Memo`] still stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Validity {
    /// Same options, same context.
    Same,
    /// Same options, another context, but every recorded question gets the same answer: it
    /// stands, and may take the new context ([`Memo::set_context`]).
    SameAnswers,
    /// The body must be rendered again.
    Changed,
}

impl Memo {
    /// Renders `body` as [`render_with`] does, recording the resolver's answers.
    pub fn render(
        body: &str,
        context: u64,
        resolve: &dyn Fn(&str) -> LinkOutcome,
        opts: RenderOptions,
    ) -> Memo {
        let (rendered, broken, answers) = render_recording(body, resolve, opts);
        Memo {
            options: opts,
            context,
            answers,
            rendered: std::sync::Arc::new(rendered),
            broken,
        }
    }

    /// Whether rendering the same body again in `context`, with `resolve` and `opts`, would
    /// give the same result.
    pub fn validity(
        &self,
        context: u64,
        resolve: &dyn Fn(&str) -> LinkOutcome,
        opts: RenderOptions,
    ) -> Validity {
        if self.options != opts {
            Validity::Changed
        } else if self.context == context {
            Validity::Same
        } else if self
            .answers
            .iter()
            .all(|(target, outcome)| resolve(target) == *outcome)
        {
            Validity::SameAnswers
        } else {
            Validity::Changed
        }
    }

    /// Whether the memo stands for `context` and `opts` without asking anything
    /// ([`Validity::Same`]).
    pub fn stands_for(&self, context: u64, opts: RenderOptions) -> bool {
        self.options == opts && self.context == context
    }

    /// The context the memo stands for from now on (after [`Validity::SameAnswers`]).
    pub fn set_context(&mut self, context: u64) {
        self.context = context;
    }
}

/// Nesting depth past which raw HTML is escaped rather than sanitised.
const MAX_SANITISED_DEPTH: usize = 128;

/// Tracks how deeply elements nest: Markdown containers plus tags opened in raw HTML
/// (counted roughly and on the high side: an unclosed `<p>` counts as open).
#[derive(Default)]
struct Nesting {
    depth: usize,
    raw: usize,
    max: usize,
}

impl Nesting {
    fn see(&mut self, event: &Event) {
        match event {
            Event::Start(_) => self.depth += 1,
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        self.max = self.max.max(self.depth + self.raw);
    }

    fn see_raw(&mut self, html: &str) {
        const VOID: &[&str] = &[
            "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
            "track", "wbr",
        ];
        let bytes = html.as_bytes();
        for (i, _) in html.match_indices('<') {
            match bytes.get(i + 1) {
                Some(b'/') => self.raw = self.raw.saturating_sub(1),
                Some(c) if c.is_ascii_alphabetic() => {
                    let rest = &html[i + 1..];
                    let name_len = rest
                        .find(|c: char| !c.is_ascii_alphanumeric())
                        .unwrap_or(rest.len());
                    let name = rest[..name_len].to_ascii_lowercase();
                    let self_closing = rest.find('>').is_some_and(|end| rest[..end].ends_with('/'));
                    if !VOID.contains(&name.as_str()) && !self_closing {
                        self.raw += 1;
                        self.max = self.max.max(self.depth + self.raw);
                    }
                }
                _ => {}
            }
        }
    }
}

/// A link or image URL as written, or `#` when its scheme is not a safe one.
fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    match crate::sanitize::neutralise_url(&url) {
        Some(replacement) => CowStr::Borrowed(replacement),
        None => url,
    }
}

/// Where the parser is in a table, to write cells with an alignment class instead of the
/// `style` attribute pulldown-cmark would write.
#[derive(Default)]
struct TableState {
    alignments: Vec<Alignment>,
    in_head: bool,
    cell: usize,
}

impl TableState {
    /// The HTML replacing a table-cell event, or `None` for other events (which update the
    /// state as they pass).
    fn cell_html(&mut self, event: &Event) -> Option<String> {
        match event {
            Event::Start(Tag::Table(alignments)) => self.alignments = alignments.clone(),
            Event::Start(Tag::TableHead) => {
                self.in_head = true;
                self.cell = 0;
            }
            Event::End(TagEnd::TableHead) => self.in_head = false,
            Event::Start(Tag::TableRow) => self.cell = 0,
            Event::Start(Tag::TableCell) => {
                let tag = if self.in_head { "th" } else { "td" };
                let class = match self.alignments.get(self.cell) {
                    Some(Alignment::Left) => " class=\"align-left\"",
                    Some(Alignment::Center) => " class=\"align-center\"",
                    Some(Alignment::Right) => " class=\"align-right\"",
                    _ => "",
                };
                return Some(format!("<{tag}{class}>"));
            }
            Event::End(TagEnd::TableCell) => {
                self.cell += 1;
                let tag = if self.in_head { "th" } else { "td" };
                return Some(format!("</{tag}>"));
            }
            _ => {}
        }
        None
    }
}

/// Resolves a link or image target: rewritten to a page's URL, or made safe, or recorded as
/// broken (and kept, made safe, so the rest of the page still renders).
fn resolve_url<'a>(
    dest_url: CowStr<'a>,
    offset: usize,
    resolve: &dyn Fn(&str) -> LinkOutcome,
    broken: &mut Vec<BrokenLink>,
) -> CowStr<'a> {
    match resolve(&dest_url) {
        LinkOutcome::Keep => safe_url(dest_url),
        LinkOutcome::Rewrite(url) => CowStr::from(url),
        LinkOutcome::Missing => {
            broken.push(BrokenLink {
                offset,
                target: dest_url.to_string(),
                problem: LinkProblem::Missing,
            });
            safe_url(dest_url)
        }
    }
}

/// Records the link or image syntax left as text in `body[run]` (a stretch of text outside
/// code): a `](` that is not escaped, from the `[` (or `![`) before it to the `)` after it.
fn unrendered_links(body: &str, run: std::ops::Range<usize>, broken: &mut Vec<BrokenLink>) {
    let Some(text) = body.get(run.clone()) else {
        return;
    };
    let mut from = 0;
    while let Some(i) = text[from..].find("](").map(|i| i + from) {
        from = i + 2;
        let Some(open) = text[..i].rfind('[') else {
            continue;
        };
        if text[..i].ends_with('\\') || text[..open].ends_with('\\') {
            continue;
        }
        let start = if text[..open].ends_with('!') {
            open - 1
        } else {
            open
        };
        let end = text[i..]
            .find(')')
            .map_or(text.len(), |close| i + close + 1);
        broken.push(BrokenLink {
            offset: run.start + start,
            target: text[start..end].to_string(),
            problem: LinkProblem::NotALink,
        });
        from = from.max(end);
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    level as u8
}

/// Ids of the theme's own elements, which body headings must not take.
const RESERVED_IDS: &[&str] = &["isi"];

/// Opens the scrollable region a table is wrapped in, on an Indonesian page.
const TABLE_WRAP_OPEN_ID: &str =
    "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Tabel\">";
/// Opens the scrollable region a table is wrapped in, on an English page.
const TABLE_WRAP_OPEN_EN: &str =
    "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Table\">";

fn footnote_id(label: &str) -> CowStr<'static> {
    CowStr::from(format!("catatan-{label}"))
}

/// Shifts every heading one level down when the body has a level-1 heading: the page's
/// title is its only `h1`.
fn demote_headings(events: &mut [Event], toc: &mut [(u8, String, String)]) {
    let has_h1 = events.iter().any(|e| {
        matches!(
            e,
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            })
        )
    });
    if !has_h1 {
        return;
    }
    let down = |l: HeadingLevel| match l {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    };
    for event in events.iter_mut() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => *level = down(*level),
            Event::End(TagEnd::Heading(level)) => *level = down(*level),
            _ => {}
        }
    }
    for entry in toc.iter_mut() {
        entry.0 = (entry.0 + 1).min(6);
    }
}

fn unique_id(base: &str, used: &mut HashSet<String>) -> String {
    let mut candidate = base.to_string();
    let mut n = 1;
    while !used.insert(candidate.clone()) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    candidate
}

/// Builds the nested table of contents from headings in document order.
fn nest(flat: &[(u8, String, String)]) -> Vec<TocEntry> {
    fn take(flat: &[(u8, String, String)], i: &mut usize, parent_level: u8) -> Vec<TocEntry> {
        let mut entries = Vec::new();
        while *i < flat.len() && flat[*i].0 > parent_level {
            let (level, id, title) = flat[*i].clone();
            *i += 1;
            let children = take(flat, i, level);
            entries.push(TocEntry {
                level,
                id,
                title,
                children,
            });
        }
        entries
    }
    let mut i = 0;
    take(flat, &mut i, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keep(_: &str) -> LinkOutcome {
        LinkOutcome::Keep
    }

    #[test]
    fn headings_get_unique_ids_and_a_nested_toc() {
        let (r, _) = render(
            "## Latar Belakang\n\n### Temuan 1\n\n## Temuan\n\n## Temuan\n",
            &keep,
        );
        assert!(
            r.html
                .contains("<h2 id=\"latar-belakang\">Latar Belakang</h2>"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<h2 id=\"temuan-1\">Temuan</h2>")
                || r.html.contains("id=\"temuan-2\""),
            "{}",
            r.html
        );
        assert_eq!(r.toc.len(), 3);
        assert_eq!(r.toc[0].children[0].id, "temuan-1");
        assert_eq!(r.toc[1].id, "temuan");
        assert_eq!(r.toc[2].id, "temuan-2");
    }

    #[test]
    fn a_table_region_is_labelled_in_the_page_language() {
        let table = "| a | b |\n|---|---|\n| 1 | 2 |\n";
        let label = |lang| {
            let (r, _) = render_with(table, &keep, RenderOptions::default().in_lang(lang));
            let at = r.html.find("aria-label=\"").map(|i| i + 12).unwrap_or(0);
            r.html[at..].split('"').next().unwrap_or("").to_string()
        };
        assert_eq!(label(crate::diagnostics::Lang::Id), "Tabel");
        assert_eq!(label(crate::diagnostics::Lang::En), "Table");
    }

    #[test]
    fn extensions_are_on() {
        let (r, _) = render(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~lama~~ [^1]\n\n- [x] selesai\n\n[^1]: catatan\n",
            &keep,
        );
        assert!(
            r.html
                .contains("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\""),
            "{}",
            r.html
        );
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("<del>lama</del>"));
        assert!(r.html.contains("id=\"catatan-1\""), "{}", r.html);
        assert!(r.html.contains("href=\"#catatan-1\""), "{}", r.html);
        assert!(
            r.html.contains("\u{2611}\u{a0}selesai"),
            "task marker as text: {}",
            r.html
        );
        assert!(!r.html.contains("<input"));
    }

    #[test]
    fn a_body_h1_is_demoted_and_theme_ids_are_reserved() {
        let (r, _) = render("# Isi\n\n## Bagian\n", &keep);
        assert!(r.html.contains("<h2 id=\"isi-1\">Isi</h2>"), "{}", r.html);
        assert!(r.html.contains("<h3 id=\"bagian\">"), "{}", r.html);
        assert_eq!(r.toc[0].level, 2);
        let (r, _) = render("## Tetap\n", &keep);
        assert!(r.html.contains("<h2 id=\"tetap\">"));
    }

    #[test]
    fn page_links_are_resolved_and_missing_ones_reported() {
        let resolve = |t: &str| match t {
            "../2023/a.md" => LinkOutcome::Rewrite("../../laporan/a/".into()),
            t if is_page_link(t) => LinkOutcome::Missing,
            _ => LinkOutcome::Keep,
        };
        let body =
            "Lihat [A](../2023/a.md) dan\n[B](@/laporan/b.md) dan [web](https://x.go.id/a.md).";
        let (r, broken) = render(body, &resolve);
        assert!(r.html.contains("href=\"../../laporan/a/\""));
        assert!(r.html.contains("href=\"https://x.go.id/a.md\""));
        assert_eq!(
            broken,
            vec![BrokenLink {
                offset: body.find("[B]").unwrap(),
                target: "@/laporan/b.md".into(),
                problem: LinkProblem::Missing,
            }]
        );
    }

    #[test]
    fn plain_text_keeps_words_apart() {
        let (r, _) = render("# Judul\n\nSatu **dua**\ntiga.\n\n- empat\n- lima\n", &keep);
        let words: Vec<&str> = r.plain.split_whitespace().collect();
        assert_eq!(words, ["Judul", "Satu", "dua", "tiga.", "empat", "lima"]);
        assert_eq!(r.headings, ["Judul"]);
    }

    #[test]
    fn the_checks_pass_finds_what_a_full_render_finds_and_html_again_completes_it() {
        let body = "# Judul\n\nLihat [a](a.md), [hilang](b.md), [web](https://contoh.go.id/) \
            dan [bukan tautan] (c.md).\n\n## Bagian <b>tebal</b>\n\n| x |\n|---|\n| 1 |\n";
        let resolve = |t: &str| match t {
            "a.md" => LinkOutcome::Rewrite("../a/".into()),
            "b.md" => LinkOutcome::Missing,
            _ => LinkOutcome::Keep,
        };
        let opts = RenderOptions::default();
        let (full, full_broken, full_answers) = render_recording(body, &resolve, opts);
        let (checked, broken, answers) = check_recording(body, &resolve, opts);
        assert!(checked.html.is_empty());
        assert!(!full.html.is_empty());
        assert_eq!(checked.toc, full.toc);
        assert_eq!(checked.plain, full.plain);
        assert_eq!(checked.headings, full.headings);
        assert_eq!(broken, full_broken);
        assert!(!broken.is_empty());
        assert_eq!(answers, full_answers);
        assert_eq!(html_again(body, &answers, opts), full.html);
    }

    #[test]
    fn a_memo_stands_while_the_resolver_answers_the_same() {
        let body = "Lihat [a](a.md), [b](b.md) dan [web](https://contoh.go.id/).\n";
        let answer = |a: &'static str, b: &'static str| {
            move |t: &str| match t {
                "a.md" => LinkOutcome::Rewrite(a.to_string()),
                "b.md" if b.is_empty() => LinkOutcome::Missing,
                "b.md" => LinkOutcome::Rewrite(b.to_string()),
                _ => LinkOutcome::Keep,
            }
        };
        let opts = RenderOptions::default();
        let mut memo = Memo::render(body, 1, &answer("../a/", "../b/"), opts);
        let (fresh, broken) = render_with(body, &answer("../a/", "../b/"), opts);
        assert_eq!(memo.rendered.html, fresh.html);
        assert_eq!(memo.broken, broken);
        // The same context: nothing is asked.
        assert_eq!(memo.validity(1, &answer("../x/", ""), opts), Validity::Same);
        // Another context: the answers decide.
        let same = memo.validity(2, &answer("../a/", "../b/"), opts);
        assert_eq!(same, Validity::SameAnswers);
        assert_eq!(
            memo.validity(2, &answer("../a2/", "../b/"), opts),
            Validity::Changed
        );
        assert_eq!(
            memo.validity(2, &answer("../a/", ""), opts),
            Validity::Changed
        );
        memo.set_context(2);
        assert_eq!(memo.validity(2, &answer("../x/", ""), opts), Validity::Same);
        let raw = RenderOptions {
            allow_raw_html: true,
            ..Default::default()
        };
        assert_eq!(
            memo.validity(2, &answer("../a/", "../b/"), raw),
            Validity::Changed
        );
        let missing = Memo::render(body, 3, &answer("../a/", ""), opts);
        assert_eq!(missing.broken.len(), 1);
        assert_eq!(
            missing.validity(4, &answer("../a/", ""), opts),
            Validity::SameAnswers
        );
    }
}

#[cfg(test)]
mod hardening_tests {
    use super::*;

    fn keep(_: &str) -> LinkOutcome {
        LinkOutcome::Keep
    }

    const HOSTILE: &str = "# Judul {onclick=alert(1) .x}\n\n<script>alert(1)</script>\n\n<p onmouseover=\"alert(2)\">teks</p>\n\n[a](javascript:alert(3)) [b](JaVaScRiPt&#58;alert(4)) <javascript:alert(5)>\n\n![c](data:image/svg+xml,abc) [d](vbscript:x)\n\n<iframe src=\"https://x\"></iframe>\n";

    #[test]
    fn raw_html_is_sanitised_by_default() {
        let (r, _) = render(HOSTILE, &keep);
        for bad in [
            "<script",
            "onclick",
            "onmouseover",
            "=\"javascript",
            "JaVa",
            "data:",
            "vbscript",
            "<iframe",
            "alert(1)",
            "alert(2)",
            "alert(3)",
            "alert(4)",
        ] {
            assert!(!r.html.contains(bad), "{bad} in {}", r.html);
        }
        assert!(r.html.contains("<p>teks</p>"), "{}", r.html);
        assert!(
            r.html.contains("<h2 id=\"judul\" class=\"x\">"),
            "{}",
            r.html
        );
    }

    /// Markdown without raw HTML skips the sanitiser: what it writes must be what the
    /// sanitiser would let through, for every construct a writer can use.
    #[test]
    fn markdown_without_raw_html_is_already_what_the_sanitiser_keeps() {
        let body = "# Judul {#utama .a .b data-x=1 onclick=alert(1)}\n\n\
            ## Sub *miring* `kode`\n\nTeks **tebal**, ~~coret~~, <https://a.go.id/>, \
            [tautan](https://b.go.id/ \"judul\") [bahaya](javascript:alert(1)) \
            ![gambar](foto.jpg \"t\") & < > \" ' catatan[^1].\n\n\
            - [x] selesai\n- [ ] belum\n\n1. satu\n2. dua\n\n> kutipan\n\n\
            | A | B |\n|:--|--:|\n| 1 | 2 |\n\n```rust\nlet x = 1 < 2;\n```\n\n---\n\n\
            [^1]: Catatan kaki.\n";
        let (r, _) = render(body, &keep);
        assert!(
            !r.html.contains("onclick") && !r.html.contains("data-x"),
            "{}",
            r.html
        );
        assert!(!r.html.contains("javascript"), "{}", r.html);
        // The sanitiser writes void elements and no-break spaces its own way.
        let written_as_sanitiser = r.html.replace(" />", ">").replace('\u{a0}', "&nbsp;");
        assert_eq!(crate::sanitize::clean(&r.html), written_as_sanitiser);
    }

    #[test]
    fn trusted_raw_html_is_kept_but_markdown_urls_are_still_neutralised() {
        let opts = RenderOptions {
            allow_raw_html: true,
            ..Default::default()
        };
        let (r, _) = render_with(HOSTILE, &keep, opts);
        assert!(r.html.contains("<script>alert(1)</script>"), "{}", r.html);
        assert!(r.html.contains("<iframe"), "{}", r.html);
        for bad in ["=\"javascript:", "JaVaScRiPt", "data:", "vbscript:"] {
            assert!(!r.html.contains(bad), "{bad} in {}", r.html);
        }
    }

    #[test]
    fn broken_page_links_are_neutralised_too() {
        // `javascript:…//x.md` looks like a link to a page; it is reported as broken, and
        // its URL must not survive even where raw HTML is trusted.
        let missing = |t: &str| {
            if is_page_link(t) {
                LinkOutcome::Missing
            } else {
                LinkOutcome::Keep
            }
        };
        let opts = RenderOptions {
            allow_raw_html: true,
            ..Default::default()
        };
        let (r, broken) = render_with(
            "[a](javascript:alert(1)//x.md) [b](:p.md#s)",
            &missing,
            opts,
        );
        assert_eq!(broken.len(), 2);
        assert!(!r.html.contains("javascript"), "{}", r.html);
        // Found by fuzzing: `:p.md` has no scheme (none starts with `:`), a relative URL.
        assert!(r.html.contains("href=\":p.md#s\""), "{}", r.html);
    }

    #[test]
    fn table_alignment_is_a_class_not_a_style() {
        let (r, _) = render("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n", &keep);
        assert!(!r.html.contains("style"), "{}", r.html);
        for needle in [
            "<th class=\"align-left\">a</th>",
            "<th class=\"align-center\">b</th>",
            "<td class=\"align-right\">3</td>",
        ] {
            assert!(r.html.contains(needle), "{needle} not in {}", r.html);
        }
        assert_eq!(
            r.plain.split_whitespace().collect::<Vec<_>>(),
            ["a", "b", "c", "1", "2", "3"]
        );
    }

    #[test]
    fn deep_nesting_neither_crashes_nor_hangs() {
        // Nesting like this made the sanitiser's HTML parser take seconds per thousand levels.
        // No time limit (a shared machine makes a timed test flaky): quadratic work on these
        // inputs would make the test run for minutes instead of a second.
        for body in [
            "<div>".repeat(100_000),
            ">".repeat(50_000) + " x",
            "- ".repeat(20_000) + "x",
            "[".repeat(50_000),
            "<a href=x>".repeat(20_000),
            "<b><i>".repeat(20_000),
        ] {
            let (r, _) = render(&body, &keep);
            assert!(
                !r.html.contains("<div>"),
                "raw HTML past the depth limit is text"
            );
            assert!(r.html.len() < body.len() * 40);
        }
    }

    #[test]
    fn past_the_depth_limit_nothing_hostile_gets_through_either() {
        let body = format!("{}\n\n# H {{onclick=alert(1)}}\n\n[x](javascript:alert(2))\n\n<script>alert(3)</script>", "<div>".repeat(500));
        let (r, _) = render(&body, &keep);
        for bad in ["onclick", "javascript", "<script"] {
            assert!(!r.html.contains(bad), "{bad}");
        }
        assert!(r.html.contains("&lt;script&gt;"));
    }

    #[test]
    fn ordinary_nesting_is_still_sanitised_not_escaped() {
        let (r, _) = render(
            "<details><summary>Lampiran</summary>\n\n- a\n  - b\n</details>\n",
            &keep,
        );
        assert!(
            r.html.contains("<details><summary>Lampiran</summary>"),
            "{}",
            r.html
        );
    }
}
