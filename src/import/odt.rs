//! Reading an OpenDocument text (`.odt`, LibreOffice Writer) into the [`Document`] model.
//!
//! Parts read: `content.xml` (body and automatic styles), `styles.xml` (named styles, list
//! styles, and the page header for the letterhead's text), `META-INF/manifest.xml` (a
//! password-protected document lists encryption data there). Macro libraries (`Basic/`,
//! `Scripts/`) are never read: a document carrying them is refused.

use std::collections::HashMap;

use super::limits::{Package, Refusal, MAX_IMAGE};
use super::model::{Block, Cell, Document, Inline, ListInfo, NumFormat, Para, ParaKind, Table};
use super::xml::{Element, Node};
use crate::deferred_msg;

#[derive(Clone, Debug, Default)]
struct Style {
    parent: Option<String>,
    display: String,
    outline: Option<u8>,
    bold: Option<bool>,
    italic: Option<bool>,
    centered: Option<bool>,
}

struct Ctx<'p, 'a> {
    package: &'p mut Package<'a>,
    styles: HashMap<String, Style>,
    lists: HashMap<String, HashMap<u8, NumFormat>>,
    doc: Document,
    image_error: Option<Refusal>,
    /// The blocks of the text boxes anchored in the paragraph being read, put after it.
    boxes: Vec<Block>,
    /// How many text boxes the one being read is inside.
    box_depth: usize,
}

/// Text boxes inside text boxes deeper than this are left out.
const MAX_BOX_DEPTH: usize = 4;

/// Reads an `.odt` package.
pub fn read(package: &mut Package<'_>) -> Result<Document, Refusal> {
    if let Some(manifest) = package.read_xml("META-INF/manifest.xml")? {
        if manifest.find("manifest:encryption-data").is_some() {
            return Err(Refusal::new(
                deferred_msg!("import.password_protected"),
                deferred_msg!("import.password_protected_odt_hint"),
            ));
        }
    }
    let macros = package
        .names()
        .iter()
        .any(|n| (n.starts_with("Basic/") || n.starts_with("Scripts/")) && !n.ends_with('/'));
    if macros {
        return Err(Refusal::new(
            deferred_msg!("import.odt_macros"),
            deferred_msg!("import.odt_macros_hint"),
        ));
    }
    let Some(content) = package.read_xml("content.xml")? else {
        return Err(Refusal::new(
            deferred_msg!("import.no_content_xml"),
            deferred_msg!("import.no_content_xml_hint"),
        ));
    };
    let mut ctx = Ctx {
        package,
        styles: HashMap::new(),
        lists: HashMap::new(),
        doc: Document::default(),
        image_error: None,
        boxes: Vec::new(),
        box_depth: 0,
    };
    if let Some(styles) = ctx.package.read_xml("styles.xml")? {
        ctx.read_styles(&styles);
        let mut headers = Vec::new();
        styles.find_all("style:header", &mut headers);
        for h in headers {
            let mut paras = Vec::new();
            h.find_all("text:p", &mut paras);
            for p in paras {
                let t = super::model::squash(&p.text());
                if !t.is_empty() && !ctx.doc.header_lines.contains(&t) {
                    ctx.doc.header_lines.push(t);
                }
            }
        }
    }
    ctx.read_styles(&content);
    if let Some(text) = content
        .child("office:body")
        .and_then(|b| b.child("office:text"))
    {
        let mut blocks = Vec::new();
        ctx.blocks(text, &mut blocks, None, 0, 0);
        ctx.doc.blocks = blocks;
    }
    if let Some(e) = ctx.image_error {
        return Err(e);
    }
    Ok(ctx.doc)
}

fn num_format(level: &Element) -> NumFormat {
    if level.name == "text:list-level-style-bullet" {
        return NumFormat::Bullet;
    }
    match level.attr("style:num-format").unwrap_or("1") {
        "I" => NumFormat::UpperRoman,
        "A" => NumFormat::UpperLetter,
        "a" | "i" => NumFormat::Lower,
        "" => NumFormat::Bullet,
        _ => NumFormat::Decimal,
    }
}

impl Ctx<'_, '_> {
    fn read_styles(&mut self, root: &Element) {
        for section in ["office:styles", "office:automatic-styles"] {
            let Some(sec) = root.child(section) else {
                continue;
            };
            for s in sec.elements() {
                match s.name.as_str() {
                    "style:style" => {
                        let Some(name) = s.attr("style:name") else {
                            continue;
                        };
                        let text = s.child("style:text-properties");
                        let para = s.child("style:paragraph-properties");
                        let style = Style {
                            parent: s.attr("style:parent-style-name").map(str::to_string),
                            display: s.attr("style:display-name").unwrap_or(name).to_lowercase(),
                            outline: s
                                .attr("style:default-outline-level")
                                .and_then(|v| v.parse().ok()),
                            bold: text
                                .and_then(|t| t.attr("fo:font-weight"))
                                .map(|w| w == "bold" || w.parse::<u32>().is_ok_and(|n| n >= 600)),
                            italic: text
                                .and_then(|t| t.attr("fo:font-style"))
                                .map(|w| w == "italic" || w == "oblique"),
                            centered: para
                                .and_then(|p| p.attr("fo:text-align"))
                                .map(|a| a == "center"),
                        };
                        self.styles.insert(name.to_string(), style);
                    }
                    "text:list-style" => {
                        let Some(name) = s.attr("style:name") else {
                            continue;
                        };
                        let mut levels = HashMap::new();
                        for l in s.elements() {
                            if let Some(n) = l.attr("text:level").and_then(|v| v.parse::<u8>().ok())
                            {
                                levels.insert(n.saturating_sub(1), num_format(l));
                            }
                        }
                        self.lists.insert(name.to_string(), levels);
                    }
                    _ => {}
                }
            }
        }
    }

    /// A style's property, looked up through its parents.
    fn prop<T>(&self, name: &str, get: impl Fn(&Style) -> Option<T>) -> Option<T> {
        let mut current = Some(name.to_string());
        for _ in 0..10 {
            let style = self.styles.get(current.as_deref()?)?;
            if let Some(v) = get(style) {
                return Some(v);
            }
            current = style.parent.clone();
        }
        None
    }

    fn kind(&self, name: &str) -> ParaKind {
        let mut current = Some(name.to_string());
        for _ in 0..10 {
            let Some(cur) = current.take() else { break };
            let display = self
                .styles
                .get(&cur)
                .map(|s| s.display.clone())
                .unwrap_or_else(|| cur.to_lowercase().replace("_20_", " "));
            let display = display.replace("_20_", " ");
            if display == "title" {
                return ParaKind::Title;
            }
            if display.starts_with("contents ") || display.starts_with("contents heading") {
                return ParaKind::Toc;
            }
            if matches!(
                display.as_str(),
                "caption" | "illustration" | "figure" | "drawing" | "table"
            ) {
                return ParaKind::Caption;
            }
            if let Some(n) = display
                .strip_prefix("heading ")
                .and_then(|n| n.trim().parse::<u8>().ok())
                .filter(|n| (1..=9).contains(n))
            {
                return ParaKind::Heading(n);
            }
            if let Some(n) = self
                .styles
                .get(&cur)
                .and_then(|s| s.outline)
                .filter(|n| (1..=9).contains(n))
            {
                return ParaKind::Heading(n);
            }
            current = self.styles.get(&cur).and_then(|s| s.parent.clone());
        }
        ParaKind::Normal
    }

    fn blocks(
        &mut self,
        parent: &Element,
        out: &mut Vec<Block>,
        list: Option<(&str, u8)>,
        depth: usize,
        item_level: u8,
    ) {
        if depth > 64 {
            return;
        }
        for e in parent.elements() {
            match e.name.as_str() {
                "text:p" | "text:h" => {
                    let mut para = self.paragraph(e);
                    if let Some((style, level)) = list {
                        let format = self
                            .lists
                            .get(style)
                            .and_then(|l| l.get(&level))
                            .copied()
                            .unwrap_or(NumFormat::Bullet);
                        if para.list.is_none() {
                            para.list = Some(ListInfo {
                                ordered: format != NumFormat::Bullet,
                                level,
                                format,
                            });
                        }
                        if item_level > 0 {
                            // Continuation paragraphs of an item stay in the item.
                            para.list = None;
                        }
                    }
                    if e.name == "text:h" && para.kind == ParaKind::Normal {
                        let lvl = e
                            .attr("text:outline-level")
                            .and_then(|v| v.parse::<u8>().ok())
                            .unwrap_or(1)
                            .clamp(1, 9);
                        para.kind = ParaKind::Heading(lvl);
                    }
                    out.push(Block::Para(para));
                    // Its text boxes, in place: after the paragraph they are anchored in.
                    out.append(&mut self.boxes);
                }
                "text:list" => {
                    let style = e
                        .attr("text:style-name")
                        .map(str::to_string)
                        .or_else(|| list.map(|(s, _)| s.to_string()))
                        .unwrap_or_default();
                    let level = list.map(|(_, l)| l.saturating_add(1).min(8)).unwrap_or(0);
                    for item in e.elements() {
                        if item.name == "text:list-item" || item.name == "text:list-header" {
                            let mut first = true;
                            for child in item.elements() {
                                let holder = Element {
                                    name: "holder".into(),
                                    attrs: Vec::new(),
                                    children: vec![Node::Element(child.clone())],
                                };
                                let idx = if first || child.name == "text:list" {
                                    0
                                } else {
                                    1
                                };
                                self.blocks(&holder, out, Some((&style, level)), depth + 1, idx);
                                if child.name == "text:p" || child.name == "text:h" {
                                    first = false;
                                }
                            }
                        }
                    }
                }
                "table:table" => out.push(Block::Table(self.table(e))),
                "text:table-of-content" | "text:illustration-index" | "text:alphabetical-index" => {
                    self.doc.notices.push(deferred_msg!("import.toc_dropped"));
                }
                "text:section" => self.blocks(e, out, list, depth + 1, item_level),
                "draw:frame" => {
                    let mut inlines = Vec::new();
                    self.frame(e, &mut inlines);
                    if !inlines.is_empty() {
                        out.push(Block::Para(Para {
                            inlines,
                            ..Para::default()
                        }));
                    }
                    out.append(&mut self.boxes);
                }
                _ => {}
            }
        }
    }

    fn paragraph(&mut self, p: &Element) -> Para {
        let style = p.attr("text:style-name").unwrap_or("");
        let mut para = Para {
            kind: self.kind(style),
            centered: self.prop(style, |s| s.centered).unwrap_or(false),
            ..Para::default()
        };
        let bold = self.prop(style, |s| s.bold).unwrap_or(false);
        let italic = self.prop(style, |s| s.italic).unwrap_or(false);
        let mut inlines = Vec::new();
        self.inlines(p, &mut inlines, bold, italic, 0);
        para.inlines = inlines;
        para
    }

    fn inlines(
        &mut self,
        parent: &Element,
        out: &mut Vec<Inline>,
        bold: bool,
        italic: bool,
        depth: usize,
    ) {
        if depth > 32 {
            return;
        }
        for c in &parent.children {
            match c {
                Node::Text(t) => out.push(Inline::Text {
                    text: t.replace(['\n', '\r'], " "),
                    bold,
                    italic,
                }),
                Node::Element(e) => match e.name.as_str() {
                    "text:span" => {
                        let style = e.attr("text:style-name").unwrap_or("");
                        let b = self.prop(style, |s| s.bold).unwrap_or(bold);
                        let i = self.prop(style, |s| s.italic).unwrap_or(italic);
                        self.inlines(e, out, b, i, depth + 1);
                    }
                    "text:a" => {
                        let mut children = Vec::new();
                        self.inlines(e, &mut children, bold, italic, depth + 1);
                        match e.attr("xlink:href") {
                            Some(url) if !url.starts_with('#') => out.push(Inline::Link {
                                url: url.to_string(),
                                children,
                            }),
                            _ => out.extend(children),
                        }
                    }
                    "text:s" => {
                        let n = e
                            .attr("text:c")
                            .and_then(|v| v.parse::<usize>().ok())
                            .unwrap_or(1)
                            .min(8);
                        out.push(Inline::Text {
                            text: " ".repeat(n),
                            bold,
                            italic,
                        });
                    }
                    "text:tab" => out.push(Inline::Tab),
                    "text:line-break" => out.push(Inline::Break),
                    "text:note" => {
                        if let Some(body) = e.child("text:note-body") {
                            let mut note = Vec::new();
                            for p in body.elements() {
                                if !note.is_empty() {
                                    note.push(Inline::Break);
                                }
                                self.inlines(p, &mut note, false, false, depth + 1);
                            }
                            self.doc.notes.push(note);
                            out.push(Inline::Note(self.doc.notes.len() - 1));
                        }
                    }
                    "draw:frame" => self.frame(e, out),
                    "draw:a" => self.inlines(e, out, bold, italic, depth + 1),
                    "text:bookmark-ref" | "text:sequence" | "text:page-number" | "text:date"
                    | "text:time" | "text:title" | "text:subject" | "text:author-name"
                    | "text:reference-ref" | "text:sequence-ref" | "text:meta" | "text:chapter"
                    | "text:ruby" | "text:ruby-base" => {
                        self.inlines(e, out, bold, italic, depth + 1)
                    }
                    _ => {}
                },
            }
        }
    }

    fn frame(&mut self, frame: &Element, out: &mut Vec<Inline>) {
        let alt = frame
            .child("svg:desc")
            .map(|d| d.text())
            .filter(|t| !t.trim().is_empty())
            .or_else(|| frame.child("svg:title").map(|t| t.text()))
            .unwrap_or_default();
        if let Some(img) = frame.child("draw:image") {
            if let Some(href) = img.attr("xlink:href") {
                self.image(href.to_string(), alt, out);
            }
        }
        let Some(tb) = frame.child("draw:text-box") else {
            return;
        };
        if tb.find("draw:image").is_none() {
            self.text_box(tb);
            return;
        }
        // A picture with its caption (LibreOffice's captioned image): one paragraph.
        for p in tb.elements() {
            if p.name == "text:p" || p.name == "text:h" {
                if !out.is_empty() {
                    out.push(Inline::Break);
                }
                self.inlines(p, out, false, false, 1);
            }
        }
    }

    /// Reads a text box (`draw:text-box`) as body blocks, kept in [`Ctx::boxes`] to be put
    /// after the paragraph that anchors it.
    fn text_box(&mut self, tb: &Element) {
        if self.box_depth >= MAX_BOX_DEPTH {
            return;
        }
        // The boxes of the paragraphs inside this one go in place inside it.
        let mut outer = std::mem::take(&mut self.boxes);
        self.box_depth += 1;
        let mut blocks = Vec::new();
        self.blocks(tb, &mut blocks, None, 0, 0);
        self.box_depth -= 1;
        outer.append(&mut blocks);
        self.boxes = outer;
    }

    fn image(&mut self, href: String, alt: String, out: &mut Vec<Inline>) {
        if self.image_error.is_some() || href.contains("://") {
            return;
        }
        let path = href.trim_start_matches("./").to_string();
        if let Some(i) = self.doc.images.iter().position(|im| im.source == path) {
            out.push(Inline::Image { index: i, alt });
            return;
        }
        match self.package.read(&path, MAX_IMAGE) {
            Ok(Some(bytes)) => {
                let index = self.doc.add_image(path, bytes);
                out.push(Inline::Image { index, alt });
            }
            Ok(None) => {}
            Err(e) => self.image_error = Some(e),
        }
    }

    fn table(&mut self, t: &Element) -> Table {
        let mut table = Table::default();
        let mut rows = Vec::new();
        collect_rows(t, &mut rows, 0);
        for tr in rows {
            let mut row = Vec::new();
            for tc in tr.elements() {
                match tc.name.as_str() {
                    "table:table-cell" => {
                        let span = tc
                            .attr("table:number-columns-spanned")
                            .and_then(|v| v.parse::<usize>().ok())
                            .unwrap_or(1)
                            .clamp(1, 64);
                        let rspan = tc
                            .attr("table:number-rows-spanned")
                            .and_then(|v| v.parse::<usize>().ok())
                            .unwrap_or(1);
                        if span > 1 || rspan > 1 {
                            table.merged = true;
                        }
                        let repeat = tc
                            .attr("table:number-columns-repeated")
                            .and_then(|v| v.parse::<usize>().ok())
                            .unwrap_or(1)
                            .clamp(1, 64);
                        let mut cell = Cell::default();
                        self.cell(tc, &mut cell, &mut table.nested, 0);
                        for _ in 0..repeat {
                            row.push(cell.clone());
                        }
                    }
                    "table:covered-table-cell" => {
                        table.merged = true;
                        let repeat = tc
                            .attr("table:number-columns-repeated")
                            .and_then(|v| v.parse::<usize>().ok())
                            .unwrap_or(1)
                            .clamp(1, 64);
                        for _ in 0..repeat {
                            row.push(Cell::default());
                        }
                    }
                    _ => {}
                }
            }
            table.rows.push(row);
        }
        table
    }

    fn cell(&mut self, tc: &Element, cell: &mut Cell, nested: &mut bool, depth: usize) {
        let mut blocks = Vec::new();
        self.blocks(tc, &mut blocks, None, depth + 1, 0);
        for b in blocks {
            match b {
                Block::Para(p) => cell.paras.push(p),
                Block::Table(t) => {
                    *nested = true;
                    for row in t.rows {
                        for c in row {
                            cell.paras.extend(c.paras);
                        }
                    }
                }
            }
        }
    }
}

fn collect_rows<'e>(e: &'e Element, out: &mut Vec<&'e Element>, depth: usize) {
    if depth > 4 {
        return;
    }
    for c in e.elements() {
        match c.name.as_str() {
            "table:table-row" => out.push(c),
            "table:table-header-rows" | "table:table-rows" | "table:table-row-group" => {
                collect_rows(c, out, depth + 1)
            }
            _ => {}
        }
    }
}
