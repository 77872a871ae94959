//! Loading: reading each source file, splitting and validating its front matter.

use rayon::prelude::*;

use super::discover::{SourceFile, SourceKind};
use super::frontmatter::{self, FileRole, FrontMatter};
use super::source::{self, Format};
use super::value;
use crate::diagnostics::{Diagnostic, Lang};
use crate::msg;

/// A source file after its front matter has been read and validated.
#[derive(Debug)]
pub struct LoadedFile {
    /// Where it came from.
    pub source: SourceFile,
    /// Its validated front matter (best effort when there were errors).
    pub front_matter: FrontMatter,
    /// The Markdown body (shared with the parse cache of `tilik serve`).
    pub body: std::sync::Arc<str>,
    /// 1-based line in the file where the body starts.
    pub body_line: usize,
    /// NIK-, NIP- and mobile-shaped numbers in the front matter and body (reported later,
    /// for published pages only).
    pub personal_data: Vec<crate::privacy::Finding>,
}

/// Reads and validates every source, in parallel. Files that cannot be read at all are left
/// out of the result; every problem is in the returned diagnostics.
pub fn load_all(sources: Vec<SourceFile>, lang: Lang) -> (Vec<LoadedFile>, Vec<Diagnostic>) {
    let results: Vec<(Option<LoadedFile>, Vec<Diagnostic>)> =
        sources.into_par_iter().map(|s| load_one(s, lang)).collect();
    let mut files = Vec::new();
    let mut diags = Vec::new();
    for (file, d) in results {
        files.extend(file);
        diags.extend(d);
    }
    (files, diags)
}

/// Reads and validates one source file.
pub fn load_one(source: SourceFile, lang: Lang) -> (Option<LoadedFile>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let bytes = match std::fs::read(&source.path) {
        Ok(b) => b,
        Err(e) => {
            diags.push(Diagnostic::error(
                &source.display,
                None,
                msg!(lang, "load.cannot_read", error = e),
            ));
            return (None, diags);
        }
    };
    let loaded = parse_text(source, &bytes, lang, &mut diags);
    (loaded, diags)
}

/// Splits, parses and validates the bytes of a source file.
pub fn parse_text(
    source: SourceFile,
    bytes: &[u8],
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) -> Option<LoadedFile> {
    let split = source::decode(bytes, lang).and_then(|text| source::split(&text, lang));
    let split = match split {
        Ok(s) => s,
        Err(e) => {
            let mut d = Diagnostic::error(&source.display, Some(e.pos), e.message);
            d.hint = e.hint;
            diags.push(d);
            return None;
        }
    };
    let parsed = match split.format {
        Format::Toml => value::parse_toml(&split.front_matter, split.front_matter_line),
        Format::Yaml => value::parse_yaml(&split.front_matter, split.front_matter_line, lang),
    };
    let node = match parsed {
        Ok(n) => n,
        Err(e) => {
            let syntax = if split.format == Format::Toml {
                "TOML"
            } else {
                "YAML"
            };
            let message = e.message.replace('\n', ": ");
            let mut d = Diagnostic::error(
                &source.display,
                Some(e.pos),
                msg!(lang, "load.invalid_front_matter", syntax, message),
            );
            let line = split
                .front_matter
                .lines()
                .nth(e.pos.line.saturating_sub(split.front_matter_line))
                .unwrap_or("");
            d.hint = super::hints::syntax_hint(&e.message, line, split.format, lang);
            diags.push(d);
            return None;
        }
    };
    let role = if source.kind == SourceKind::Section {
        FileRole::Section
    } else {
        FileRole::Page
    };
    let front_matter = frontmatter::validate(&node, role, &source.display, lang, diags);
    let mut personal_data = crate::privacy::scan_front_matter(&node);
    personal_data.extend(crate::privacy::scan_body(&split.body, split.body_line));
    Some(LoadedFile {
        source,
        front_matter,
        body: split.body.into(),
        body_line: split.body_line,
        personal_data,
    })
}
