//! Markdown to HTML: pulldown-cmark with tables, footnotes, strikethrough and task lists;
//! heading ids and a table of contents; links between pages resolved to their URLs.

use std::collections::HashSet;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
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
pub enum LinkOutcome {
    /// Not a link between pages: keep as written.
    Keep,
    /// A link to another page: use this URL instead.
    Rewrite(String),
    /// A link to a page that does not exist.
    Missing,
}

/// A link whose target does not exist, with its byte offset in the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrokenLink {
    /// Byte offset of the link in the Markdown body.
    pub offset: usize,
    /// The target as written.
    pub target: String,
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

/// Renders a Markdown body. `resolve` decides what each link target becomes.
pub fn render(body: &str, resolve: &dyn Fn(&str) -> LinkOutcome) -> (Rendered, Vec<BrokenLink>) {
    let mut out = Rendered::default();
    let mut broken = Vec::new();
    let mut used_ids = HashSet::new();
    let mut flat_toc: Vec<(u8, String, String)> = Vec::new();
    let mut events: Vec<Event> = Vec::new();
    // While inside a heading: index of its start event in `events` and its text so far.
    let mut heading: Option<(usize, String)> = None;

    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
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
                let dest_url = match resolve(&dest_url) {
                    LinkOutcome::Keep => dest_url,
                    LinkOutcome::Rewrite(url) => CowStr::from(url),
                    LinkOutcome::Missing => {
                        broken.push(BrokenLink {
                            offset: range.start,
                            target: dest_url.to_string(),
                        });
                        dest_url
                    }
                };
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
                let dest_url = match resolve(&dest_url) {
                    LinkOutcome::Keep => dest_url,
                    LinkOutcome::Rewrite(url) => CowStr::from(url),
                    LinkOutcome::Missing => {
                        broken.push(BrokenLink {
                            offset: range.start,
                            target: dest_url.to_string(),
                        });
                        dest_url
                    }
                };
                events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
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
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::CodeBlock,
            ) => {
                out.plain.push('\n');
                events.push(event);
            }
            other => events.push(other),
        }
    }
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter());
    out.toc = nest(&flat_toc);
    (out, broken)
}

fn heading_level(level: HeadingLevel) -> u8 {
    level as u8
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
    fn extensions_are_on() {
        let (r, _) = render(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~lama~~ [^1]\n\n- [x] selesai\n\n[^1]: catatan\n",
            &keep,
        );
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("<del>lama</del>"));
        assert!(r.html.contains("footnote"));
        assert!(r.html.contains("type=\"checkbox\""));
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
                target: "@/laporan/b.md".into()
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
}
