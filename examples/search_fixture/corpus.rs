//! A minimal reader of a generated portal (`shared/bench/gen_corpus.py`): only what the index
//! needs, from the TOML front matter and the Markdown body. Not Tilik's content loader.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::path::{Path, PathBuf};

use tilik::search::SearchDocument;
use toml_edit::{DocumentMut, Item};

fn strings(item: &Item) -> Vec<String> {
    item.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn text(item: &Item) -> String {
    match item.as_value() {
        Some(v) if v.is_str() => v.as_str().unwrap_or_default().to_string(),
        Some(v) => v.to_string().trim().to_string(),
        None => String::new(),
    }
}

/// Plain text and headings of a Markdown body.
fn plain(markdown: &str) -> (String, Vec<String>) {
    let (mut body, mut headings, mut heading) = (String::new(), Vec::new(), None::<String>);
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => headings.extend(heading.take()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                } else {
                    body.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak | Event::End(_) => body.push(' '),
            _ => {}
        }
    }
    (body, headings)
}

fn load(file: &Path) -> Option<SearchDocument<'static>> {
    let source = std::fs::read_to_string(file).ok()?;
    let rest = source.strip_prefix("+++\n")?;
    let (front, markdown) = rest.split_once("\n+++\n")?;
    let fm: DocumentMut = front.parse().ok()?;
    let visit = &fm["visit"];
    let (body, headings) = plain(markdown);
    let country = text(&visit["country"]);
    let start = text(&visit["start"]);
    let slug = file.file_stem()?.to_string_lossy().to_string();
    let recs = fm["recommendations"].as_array_of_tables();
    let mut statuses: Vec<String> = recs
        .map(|a| {
            a.iter()
                .map(|t| t.get("status").map(text).unwrap_or_default())
                .collect()
        })
        .unwrap_or_default();
    statuses.sort();
    statuses.dedup();
    Some(SearchDocument {
        path: format!("laporan/{slug}/"),
        lang: "id".into(),
        title: text(&fm["title"]),
        summary: text(&fm["summary"]),
        headings,
        body: body.into(),
        unit: Some(text(&visit["unit"])),
        destination: Some(text(&visit["destination"])),
        scope: Some(
            if country.is_empty() || country == "Indonesia" {
                "dalam-negeri"
            } else {
                "luar-negeri"
            }
            .into(),
        ),
        topics: strings(&visit["topics"]),
        recommendations: recs
            .map(|a| {
                a.iter()
                    .map(|t| t.get("text").map(text).unwrap_or_default())
                    .collect()
            })
            .unwrap_or_default(),
        statuses,
        year: start.get(..4).and_then(|y| y.parse().ok()),
        date: text(&fm["date"]),
    })
}

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            markdown_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "md") {
            out.push(p);
        }
    }
}

/// Every report of the portal at `root`, in path order.
pub fn documents(root: &Path) -> Vec<SearchDocument<'static>> {
    let mut paths = Vec::new();
    markdown_files(&root.join("content"), &mut paths);
    paths.sort();
    paths.iter().filter_map(|p| load(p)).collect()
}
