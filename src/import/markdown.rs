//! Writing the body of an imported report as Markdown: headings, paragraphs with bold and
//! italic, nested lists, links, footnotes, pipe tables and images.

use super::model::{squash, Cell, Document, Inline, Para, Table};
use super::structure::Item;
use crate::deferred_msg;

/// A note for the writer about a line of the body (0-based line in the body).
#[derive(Clone, Debug)]
pub struct BodyNote {
    /// Line in the body, 0-based.
    pub line: usize,
    /// What to look at, shown in the run's language.
    pub text: crate::messages::Deferred,
}

/// An image to write next to `index.md`.
#[derive(Clone, Debug)]
pub struct ImageOut {
    /// Index into [`Document::images`].
    pub index: usize,
    /// File name next to `index.md`.
    pub name: String,
}

/// The rendered body.
#[derive(Clone, Debug, Default)]
pub struct Body {
    /// The Markdown text.
    pub text: String,
    /// Notes about lines of it.
    pub notes: Vec<BodyNote>,
    /// Images used, with their names.
    pub images: Vec<ImageOut>,
}

/// Image kind by content: the extension to write, or `None` when the format is not
/// published (EMF, WMF, TIFF, BMP…).
pub fn image_ext(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("jpg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("png")
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("webp")
    } else if bytes.starts_with(b"GIF8") {
        Some("gif")
    } else {
        None
    }
}

/// Escapes text so that Markdown shows it as it is.
pub fn escape(text: &str, in_table: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' => {
                out.push('\\');
                out.push(c);
            }
            '|' if in_table => out.push_str("\\|"),
            '\u{a0}' => out.push(' '),
            c if c.is_control() && c != '\t' => {}
            '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

fn safe_url(url: &str) -> Option<String> {
    let u = url.trim();
    let lower = u.to_ascii_lowercase();
    if !(lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("mailto:"))
    {
        return None;
    }
    Some(
        u.chars()
            .map(|c| match c {
                ' ' => "%20".to_string(),
                '(' => "%28".to_string(),
                ')' => "%29".to_string(),
                '<' => "%3C".to_string(),
                '>' => "%3E".to_string(),
                c if c.is_control() => String::new(),
                c => c.to_string(),
            })
            .collect(),
    )
}

struct Writer<'d> {
    doc: &'d Document,
    images: Vec<ImageOut>,
    notes_used: Vec<usize>,
    skipped_images: Vec<String>,
}

impl Writer<'_> {
    /// Inline Markdown; bold and italic runs are merged and their markers kept off spaces.
    fn inlines(&mut self, inlines: &[Inline], in_table: bool) -> String {
        let mut out = String::new();
        let mut run = String::new();
        let mut style = (false, false);
        let flush = |out: &mut String, run: &mut String, style: (bool, bool)| {
            if run.is_empty() {
                return;
            }
            let marker = match style {
                (true, true) => "***",
                (true, false) => "**",
                (false, true) => "*",
                (false, false) => "",
            };
            let trimmed = run.trim();
            if marker.is_empty() || trimmed.is_empty() {
                out.push_str(run);
            } else {
                let lead = &run[..run.len() - run.trim_start().len()];
                let trail = &run[run.trim_end().len()..];
                out.push_str(lead);
                out.push_str(marker);
                out.push_str(trimmed);
                out.push_str(marker);
                out.push_str(trail);
            }
            run.clear();
        };
        for i in inlines {
            match i {
                Inline::Text { text, bold, italic } => {
                    if (*bold, *italic) != style && !text.trim().is_empty() {
                        flush(&mut out, &mut run, style);
                        style = (*bold, *italic);
                    }
                    run.push_str(&escape(text, in_table));
                }
                other => {
                    flush(&mut out, &mut run, style);
                    style = (false, false);
                    match other {
                        Inline::Link { url, children } => {
                            let text = self.inlines(children, in_table);
                            match safe_url(url) {
                                Some(u) if !text.trim().is_empty() => {
                                    out.push_str(&format!("[{}]({u})", text.trim()))
                                }
                                Some(u) => out.push_str(&format!("<{u}>")),
                                None => out.push_str(&text),
                            }
                        }
                        Inline::Note(n) => {
                            if !self.notes_used.contains(n) {
                                self.notes_used.push(*n);
                            }
                            let k = self.notes_used.iter().position(|x| x == n).unwrap_or(0) + 1;
                            out.push_str(&format!("[^{k}]"));
                        }
                        Inline::Image { index, alt } => out.push_str(&self.image(*index, alt)),
                        Inline::Break => out.push_str(if in_table { "<br>" } else { "\\\n" }),
                        Inline::Tab => out.push(' '),
                        Inline::Text { .. } => {}
                    }
                }
            }
        }
        flush(&mut out, &mut run, style);
        out
    }

    fn image(&mut self, index: usize, alt: &str) -> String {
        let Some(img) = self.doc.images.get(index) else {
            return String::new();
        };
        let alt = escape(&squash(alt), false);
        match image_ext(&img.bytes) {
            Some(ext) => {
                let name = match self.images.iter().find(|i| i.index == index) {
                    Some(i) => i.name.clone(),
                    None => {
                        let name = format!("gambar-{}.{ext}", self.images.len() + 1);
                        self.images.push(ImageOut {
                            index,
                            name: name.clone(),
                        });
                        name
                    }
                };
                format!("![{alt}]({name})")
            }
            None => {
                let file = img.source.rsplit('/').next().unwrap_or("").to_string();
                self.skipped_images.push(file.clone());
                format!("*(ISI: gambar {} tidak diimpor; simpan sebagai PNG atau JPEG dan sisipkan di sini)*", escape(&file, false))
            }
        }
    }
}

fn list_marker(p: &Para, counters: &mut [u32; 9]) -> (usize, String) {
    let Some(l) = p.list else {
        return (0, String::new());
    };
    let level = (l.level as usize).min(8);
    for c in counters.iter_mut().skip(level + 1) {
        *c = 0;
    }
    if l.ordered {
        counters[level] += 1;
        (level, format!("{}. ", counters[level]))
    } else {
        (level, "- ".to_string())
    }
}

/// Renders the body. `replaced_alt` gives captions to images that had no description.
pub fn render(doc: &Document, items: &[Item]) -> Body {
    let mut out = BodyLines {
        w: Writer {
            doc,
            images: Vec::new(),
            notes_used: Vec::new(),
            skipped_images: Vec::new(),
        },
        lines: Vec::new(),
        notes: Vec::new(),
        counters: [0; 9],
        indents: Vec::new(),
        in_list: false,
    };
    for item in items {
        let is_list = matches!(item, Item::Para(p) if p.list.is_some());
        if !is_list {
            out.counters = [0; 9];
            out.indents.clear();
            if out.in_list {
                out.blank();
            }
        }
        match item {
            Item::Heading { level, text } => out.heading(*level, text),
            Item::Caption(text) => out.caption(text),
            Item::Para(p) if is_list => out.list_item(p),
            Item::Para(p) => out.paragraph(p),
            Item::Table(t, n) => out.table(t, *n),
        }
    }
    out.finish()
}

/// The Markdown lines of a body being written, with what the list being written needs.
struct BodyLines<'a> {
    w: Writer<'a>,
    lines: Vec<String>,
    /// Notes for the writer, at the line they are about.
    notes: Vec<BodyNote>,
    /// Item numbers of the ordered list being written, per level.
    counters: [u32; 9],
    /// Indentation of each level of the list being written.
    indents: Vec<usize>,
    /// Whether the last line written belongs to a list.
    in_list: bool,
}

impl BodyLines<'_> {
    /// An empty line, unless there is one already.
    fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
    }

    fn heading(&mut self, level: u8, text: &str) {
        self.blank();
        self.lines.push(format!(
            "{} {}",
            "#".repeat(level as usize),
            escape(text, false)
        ));
        self.lines.push(String::new());
    }

    fn caption(&mut self, text: &str) {
        // The image above takes the caption as its description when it had none.
        if let Some(last) = self.lines.iter().rposition(|l| !l.is_empty()) {
            if self.lines[last].contains("![](") {
                self.lines[last] =
                    self.lines[last].replacen("![](", &format!("![{}](", escape(text, false)), 1);
            }
        }
        self.blank();
        self.lines.push(format!("*{}*", escape(text, false).trim()));
        self.lines.push(String::new());
    }

    /// The paragraph's text, noting the images it could not keep (at `line`).
    fn text_of(&mut self, p: &Para, line: usize) -> String {
        let skipped_before = self.w.skipped_images.len();
        let text = self.w.inlines(&p.inlines, false);
        if self.w.skipped_images.len() > skipped_before {
            self.notes.push(BodyNote {
                line,
                text: deferred_msg!("import.unpublishable_image"),
            });
        }
        text.trim().to_string()
    }

    fn list_item(&mut self, p: &Para) {
        let line = self.lines.len() + usize::from(!self.in_list);
        let text = self.text_of(p, line);
        if text.is_empty() {
            return;
        }
        let (level, marker) = list_marker(p, &mut self.counters);
        self.indents.truncate(level);
        while self.indents.len() < level {
            self.indents.push(2);
        }
        let pad: usize = self.indents.iter().sum();
        if !self.in_list {
            self.blank();
        }
        let cont = " ".repeat(pad + marker.len());
        let body = text.replace("\\\n", &format!("\\\n{cont}"));
        self.lines
            .push(format!("{}{marker}{body}", " ".repeat(pad)));
        self.indents.push(marker.len());
        self.indents.truncate(level + 1);
        self.in_list = true;
    }

    fn paragraph(&mut self, p: &Para) {
        let line = self.lines.len() + 1;
        let mut text = self.text_of(p, line);
        if text.is_empty() {
            return;
        }
        self.in_list = false;
        self.blank();
        if text.starts_with('#') || text.starts_with("+ ") || text.starts_with("- ") {
            text.insert(0, '\\');
        }
        self.lines.push(text);
        self.lines.push(String::new());
    }

    /// A table as a pipe table; merged or nested cells are flattened, with a note saying so.
    fn table(&mut self, t: &Table, n: usize) {
        self.in_list = false;
        self.blank();
        let width = t.rows.iter().map(Vec::len).max().unwrap_or(0);
        if width == 0 {
            return;
        }
        if t.merged || t.nested {
            let header: String = t.rows[0]
                .iter()
                .map(|c| c.text())
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" | ");
            let text = match (t.merged, t.nested) {
                (true, true) => deferred_msg!("import.flattened_merged_nested", n, header),
                (true, false) => deferred_msg!("import.flattened_merged", n, header),
                _ => deferred_msg!("import.flattened_nested", n, header),
            };
            self.notes.push(BodyNote {
                line: self.lines.len(),
                text,
            });
        }
        for (r, row) in t.rows.iter().enumerate() {
            let mut cells: Vec<String> = row.iter().map(|c| self.cell(c)).collect();
            cells.resize(width, String::new());
            self.lines.push(format!("| {} |", cells.join(" | ")));
            if r == 0 {
                self.lines.push(format!("|{}", "---|".repeat(width)));
            }
        }
        self.lines.push(String::new());
    }

    /// A table cell on one line: its paragraphs joined by `<br>`, list items bulleted.
    fn cell(&mut self, c: &Cell) -> String {
        let parts: Vec<String> = c
            .paras
            .iter()
            .map(|p| {
                let s = self.w.inlines(&p.inlines, true);
                let s = s.trim().to_string();
                match p.list {
                    Some(l) if !l.ordered && !s.is_empty() => format!("• {s}"),
                    _ => s,
                }
            })
            .filter(|s| !s.is_empty())
            .collect();
        parts.join("<br>").replace('\n', " ")
    }

    /// The lines with the footnotes used, as one text.
    fn finish(mut self) -> Body {
        while self.lines.last().is_some_and(|l| l.is_empty()) {
            self.lines.pop();
        }
        if !self.w.notes_used.is_empty() {
            self.lines.push(String::new());
            for (k, n) in self.w.notes_used.clone().iter().enumerate() {
                let text = match self.w.doc.notes.get(*n) {
                    Some(inl) => self.w.inlines(inl, false).replace("\\\n", " "),
                    None => String::new(),
                };
                self.lines.push(format!("[^{}]: {}", k + 1, text.trim()));
            }
        }
        let mut text = self.lines.join("\n");
        text.push('\n');
        Body {
            text,
            notes: self.notes,
            images: self.w.images,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::model::{ListInfo, NumFormat};

    fn t(s: &str, bold: bool) -> Inline {
        Inline::Text {
            text: s.into(),
            bold,
            italic: false,
        }
    }

    #[test]
    fn bold_markers_stay_off_spaces_and_text_is_escaped() {
        let doc = Document::default();
        let p = Para {
            inlines: vec![t("Hasil ", false), t("penting ", true), t("a*b <x>", false)],
            ..Para::default()
        };
        let body = render(&doc, &[Item::Para(p)]);
        assert_eq!(body.text, "Hasil **penting** a\\*b \\<x\\>\n");
    }

    #[test]
    fn nested_lists_are_indented_under_their_parent() {
        let doc = Document::default();
        let item = |s: &str, ordered, level| {
            Item::Para(Para {
                inlines: vec![t(s, false)],
                list: Some(ListInfo {
                    ordered,
                    level,
                    format: if ordered {
                        NumFormat::Decimal
                    } else {
                        NumFormat::Bullet
                    },
                }),
                ..Para::default()
            })
        };
        let body = render(
            &doc,
            &[
                item("satu", true, 0),
                item("a", false, 1),
                item("dua", true, 0),
            ],
        );
        assert_eq!(body.text, "1. satu\n   - a\n2. dua\n");
    }

    #[test]
    fn only_web_links_are_kept() {
        assert_eq!(
            safe_url("https://a.id/x y").as_deref(),
            Some("https://a.id/x%20y")
        );
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url("file:///c:/x"), None);
    }
}
