//! The documentation stands alone: every relative link in `README.md` and `docs/*.md` names a
//! file of this repository (and, for a `#fragment` into a Markdown file, one of its headings),
//! and nothing points outside the repository (`../shared/…`).

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `README.md` and every Markdown file of `docs/`.
fn documents() -> Vec<PathBuf> {
    let mut docs = vec![repo().join("README.md")];
    let mut in_docs: Vec<PathBuf> = std::fs::read_dir(repo().join("docs"))
        .expect("docs/ exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    in_docs.sort();
    docs.extend(in_docs);
    docs
}

/// The link targets of a Markdown text (code blocks and code spans are not links).
fn links(text: &str) -> Vec<String> {
    Parser::new_ext(text, Options::all())
        .filter_map(|e| match e {
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => Some(dest_url.to_string()),
            _ => None,
        })
        .collect()
}

/// The anchors GitHub gives the headings of a Markdown text: lowercase, punctuation other than
/// `-` and `_` removed, spaces turned into `-`, repeats numbered `-1`, `-2`…
fn anchors(text: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    let mut heading: Option<String> = None;
    for event in Parser::new_ext(text, Options::all()) {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                let h = heading.take().unwrap_or_default();
                let base: String = h
                    .to_lowercase()
                    .chars()
                    .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
                    .map(|c| if c == ' ' { '-' } else { c })
                    .collect();
                let mut slug = base.clone();
                let mut n = 0;
                while out.contains(&slug) {
                    n += 1;
                    slug = format!("{base}-{n}");
                }
                out.insert(slug);
            }
            _ => {}
        }
    }
    out
}

/// `path` with `.` and `..` resolved lexically.
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[test]
fn every_relative_link_of_the_documentation_names_an_existing_file() {
    let root = repo();
    let mut checked = 0;
    let mut broken = Vec::new();
    for doc in documents() {
        let text = std::fs::read_to_string(&doc).unwrap();
        let shown = doc.strip_prefix(&root).unwrap().display().to_string();
        for link in links(&text) {
            if link.contains("://") || link.starts_with("mailto:") || link.starts_with("tel:") {
                continue;
            }
            let (path, fragment) = link.split_once('#').unwrap_or((&link, ""));
            let target = if path.is_empty() {
                doc.clone()
            } else {
                normalise(&doc.parent().unwrap().join(path))
            };
            checked += 1;
            if !target.starts_with(&root) {
                broken.push(format!("{shown}: `{link}` leaves the repository"));
            } else if !target.exists() {
                broken.push(format!("{shown}: `{link}`: no such file"));
            } else if !fragment.is_empty() && target.extension().is_some_and(|e| e == "md") {
                let headings = anchors(&std::fs::read_to_string(&target).unwrap());
                if !headings.contains(fragment) {
                    broken.push(format!("{shown}: `{link}`: no heading #{fragment}"));
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    // README and docs link each other: a parser that found no link would prove nothing.
    assert!(checked >= 40, "only {checked} relative links found");
}

#[test]
fn the_readme_starts_with_the_two_commands_and_names_nothing_outside_the_repository() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let first_block = readme
        .split("```")
        .nth(1)
        .expect("a code block in README.md");
    assert!(
        first_block.contains("cargo run --release -- serve"),
        "{first_block}"
    );
    assert!(first_block.contains("cargo test"), "{first_block}");
    for doc in documents() {
        let text = std::fs::read_to_string(&doc).unwrap();
        assert!(
            !text.contains("../shared") && !text.contains("/work/"),
            "{} names a path outside the repository",
            doc.display()
        );
    }
}

#[test]
fn anchors_follow_github() {
    let a =
        anchors("# Tilik\n## `[checks]`: report quality checks\n## Exit status\n## Exit status\n");
    for slug in [
        "tilik",
        "checks-report-quality-checks",
        "exit-status",
        "exit-status-1",
    ] {
        assert!(a.contains(slug), "{slug} not in {a:?}");
    }
    assert_eq!(
        links("[a](x.md) `[b](y.md)`\n\n```\n[c](z.md)\n```\n![d](e.png)"),
        ["x.md", "e.png"]
    );
}
