//! Reading a Word document (`.docx`, also what Google Docs and LibreOffice export) into the
//! [`Document`] model.
//!
//! Parts read: `word/document.xml` (the body), `styles.xml` (which styles are headings,
//! title, captions, table-of-contents entries), `numbering.xml` (bulleted or numbered lists),
//! the relationships (hyperlink targets, images), `footnotes.xml`/`endnotes.xml`, and the page
//! headers (for the letterhead's text only). A macro project (`vbaProject.bin`) is never read:
//! a macro-enabled document is refused.

use std::collections::HashMap;

use super::limits::{Package, Refusal, MAX_IMAGE};
use super::model::{Block, Cell, Document, Inline, ListInfo, NumFormat, Para, ParaKind, Table};
use super::xml::Element;
use crate::deferred_msg;

struct Ctx<'p, 'a> {
    package: &'p mut Package<'a>,
    styles: HashMap<String, StyleInfo>,
    numbering: HashMap<(String, u8), NumFormat>,
    rels: HashMap<String, String>,
    notes: HashMap<String, usize>,
    doc: Document,
    image_error: Option<Refusal>,
    /// The blocks of the text boxes anchored in the paragraph being read, put after it.
    boxes: Vec<Block>,
    /// How many text boxes the one being read is inside.
    box_depth: usize,
}

/// Text boxes inside text boxes deeper than this are left out.
const MAX_BOX_DEPTH: usize = 4;

/// Reads a `.docx` package.
pub fn read(package: &mut Package<'_>) -> Result<Document, Refusal> {
    if let Some(types) = package.read_xml("[Content_Types].xml")? {
        let mut defaults = Vec::new();
        types.find_all("Override", &mut defaults);
        if defaults.iter().any(|o| {
            o.attr("ContentType")
                .is_some_and(|t| t.contains("macroEnabled"))
        }) {
            return Err(macros());
        }
    }
    if package
        .names()
        .iter()
        .any(|n| n.ends_with("vbaProject.bin"))
    {
        return Err(macros());
    }
    let Some(body_xml) = package.read_xml("word/document.xml")? else {
        return Err(Refusal::new(
            deferred_msg!("import.no_document_xml"),
            deferred_msg!("import.no_document_xml_hint"),
        ));
    };
    let mut ctx = Ctx {
        styles: HashMap::new(),
        numbering: HashMap::new(),
        rels: HashMap::new(),
        notes: HashMap::new(),
        doc: Document::default(),
        image_error: None,
        boxes: Vec::new(),
        box_depth: 0,
        package,
    };
    if let Some(styles) = ctx.package.read_xml("word/styles.xml")? {
        ctx.styles = read_styles(&styles);
    }
    if let Some(numbering) = ctx.package.read_xml("word/numbering.xml")? {
        ctx.numbering = read_numbering(&numbering);
    }
    if let Some(rels) = ctx.package.read_xml("word/_rels/document.xml.rels")? {
        for r in rels.elements() {
            if let (Some(id), Some(target)) = (r.attr("Id"), r.attr("Target")) {
                ctx.rels.insert(id.to_string(), target.to_string());
            }
        }
    }
    for part in ["word/footnotes.xml", "word/endnotes.xml"] {
        if let Some(notes) = ctx.package.read_xml(part)? {
            for n in notes.elements() {
                if n.attr("w:type").is_some_and(|t| t != "normal") {
                    continue;
                }
                let Some(id) = n.attr("w:id") else { continue };
                let mut inlines = Vec::new();
                for p in n.elements().filter(|e| e.name == "w:p") {
                    if !inlines.is_empty() {
                        inlines.push(Inline::Break);
                    }
                    let para = ctx.paragraph(p);
                    inlines.extend(para.inlines);
                    // A text box in a footnote is not body text.
                    ctx.boxes.clear();
                }
                let key = format!("{}{id}", if part.contains("end") { "e" } else { "f" });
                ctx.doc.notes.push(inlines);
                ctx.notes.insert(key, ctx.doc.notes.len() - 1);
            }
        }
    }
    let mut headers: Vec<String> = ctx
        .package
        .names()
        .into_iter()
        .filter(|n| n.starts_with("word/header") && n.ends_with(".xml"))
        .collect();
    headers.sort();
    for h in headers {
        if let Some(header) = ctx.package.read_xml(&h)? {
            let mut paras = Vec::new();
            header.find_all("w:p", &mut paras);
            for p in paras {
                let t = super::model::squash(&p.text());
                if !t.is_empty() && !ctx.doc.header_lines.contains(&t) {
                    ctx.doc.header_lines.push(t);
                }
            }
        }
    }
    if let Some(body) = body_xml.child("w:body") {
        let mut blocks = Vec::new();
        ctx.blocks(body, &mut blocks, 0);
        ctx.doc.blocks = blocks;
    }
    if let Some(e) = ctx.image_error {
        return Err(e);
    }
    Ok(ctx.doc)
}

fn macros() -> Refusal {
    Refusal::new(
        deferred_msg!("import.docx_macros"),
        deferred_msg!("import.save_as_docx"),
    )
}

fn on(e: Option<&Element>) -> bool {
    e.is_some_and(|e| !matches!(e.attr("w:val"), Some("0" | "false" | "off" | "none")))
}

/// What a paragraph style says: its kind, centring, and list numbering (numId, level).
#[derive(Clone, Debug, Default)]
struct StyleInfo {
    kind: ParaKind,
    centered: bool,
    num: Option<(String, u8)>,
}

/// A style's own list numbering; "List Bullet 2" styles nest one level per number.
fn style_num(s: &Element, name: &str) -> Option<(String, u8)> {
    let numpr = s.child("w:pPr")?.child("w:numPr")?;
    let id = numpr.child("w:numId")?.attr("w:val")?.to_string();
    let mut level = numpr
        .child("w:ilvl")
        .and_then(|l| l.attr("w:val"))
        .and_then(|v| v.parse::<u8>().ok())
        .unwrap_or(0);
    if level == 0 && name.starts_with("list") {
        if let Some(n) = name.rsplit(' ').next().and_then(|n| n.parse::<u8>().ok()) {
            level = n.saturating_sub(1).min(8);
        }
    }
    Some((id, level))
}

/// A style as written: name, outline level, parent, centred, numbering.
type RawStyle = (
    String,
    Option<u8>,
    Option<String>,
    bool,
    Option<(String, u8)>,
);

fn read_styles(root: &Element) -> HashMap<String, StyleInfo> {
    let mut raw: HashMap<String, RawStyle> = HashMap::new();
    for s in root.elements().filter(|e| e.name == "w:style") {
        let Some(id) = s.attr("w:styleId") else {
            continue;
        };
        let name = s
            .child("w:name")
            .and_then(|n| n.attr("w:val"))
            .unwrap_or(id)
            .to_lowercase();
        let outline = s
            .child("w:pPr")
            .and_then(|p| p.child("w:outlineLvl"))
            .and_then(|o| o.attr("w:val"))
            .and_then(|v| v.parse::<u8>().ok());
        let based = s
            .child("w:basedOn")
            .and_then(|b| b.attr("w:val"))
            .map(str::to_string);
        let centered = s
            .child("w:pPr")
            .and_then(|p| p.child("w:jc"))
            .and_then(|j| j.attr("w:val"))
            == Some("center");
        let num = style_num(s, &name);
        raw.insert(id.to_string(), (name, outline, based, centered, num));
    }
    let mut out = HashMap::new();
    for id in raw.keys() {
        let mut kind = ParaKind::Normal;
        let mut current = Some(id.clone());
        let mut centered = None;
        let mut num = None;
        for _ in 0..8 {
            let Some(cur) = current.take() else { break };
            let Some((name, outline, based, c, n)) = raw.get(&cur) else {
                break;
            };
            centered.get_or_insert(*c);
            if num.is_none() {
                num = n.clone();
            }
            kind = style_kind(name, &cur, *outline);
            if kind != ParaKind::Normal {
                break;
            }
            current = based.clone();
        }
        out.insert(
            id.clone(),
            StyleInfo {
                kind,
                centered: centered.unwrap_or(false),
                num,
            },
        );
    }
    out
}

fn style_kind(name: &str, id: &str, outline: Option<u8>) -> ParaKind {
    let id = id.to_lowercase();
    let level = |s: &str| s.trim().parse::<u8>().ok().filter(|n| (1..=9).contains(n));
    if name == "title" || id == "title" || name == "judul" {
        return ParaKind::Title;
    }
    for prefix in ["heading ", "heading", "judul "] {
        if let Some(n) = name.strip_prefix(prefix).and_then(level) {
            return ParaKind::Heading(n);
        }
    }
    if let Some(n) = id.strip_prefix("heading").and_then(level) {
        return ParaKind::Heading(n);
    }
    if name == "caption" || name == "keterangan" {
        return ParaKind::Caption;
    }
    if name.starts_with("toc ") || name.starts_with("toc heading") || id.starts_with("toc") {
        return ParaKind::Toc;
    }
    match outline {
        Some(n) if n < 9 => ParaKind::Heading(n + 1),
        _ => ParaKind::Normal,
    }
}

fn num_format(val: &str) -> NumFormat {
    match val {
        "bullet" | "none" => NumFormat::Bullet,
        "upperRoman" => NumFormat::UpperRoman,
        "upperLetter" => NumFormat::UpperLetter,
        "lowerLetter" | "lowerRoman" => NumFormat::Lower,
        _ => NumFormat::Decimal,
    }
}

fn read_numbering(root: &Element) -> HashMap<(String, u8), NumFormat> {
    let mut abstracts: HashMap<String, HashMap<u8, NumFormat>> = HashMap::new();
    for a in root.elements().filter(|e| e.name == "w:abstractNum") {
        let Some(id) = a.attr("w:abstractNumId") else {
            continue;
        };
        let mut levels = HashMap::new();
        for l in a.elements().filter(|e| e.name == "w:lvl") {
            let Some(ilvl) = l.attr("w:ilvl").and_then(|v| v.parse::<u8>().ok()) else {
                continue;
            };
            let fmt = l
                .child("w:numFmt")
                .and_then(|f| f.attr("w:val"))
                .map(num_format)
                .unwrap_or(NumFormat::Decimal);
            levels.insert(ilvl, fmt);
        }
        abstracts.insert(id.to_string(), levels);
    }
    let mut out = HashMap::new();
    for n in root.elements().filter(|e| e.name == "w:num") {
        let (Some(num), Some(abs)) = (
            n.attr("w:numId"),
            n.child("w:abstractNumId").and_then(|a| a.attr("w:val")),
        ) else {
            continue;
        };
        if let Some(levels) = abstracts.get(abs) {
            for (lvl, fmt) in levels {
                out.insert((num.to_string(), *lvl), *fmt);
            }
        }
    }
    out
}

impl Ctx<'_, '_> {
    fn blocks(&mut self, parent: &Element, out: &mut Vec<Block>, depth: usize) {
        if depth > 64 {
            return;
        }
        for e in parent.elements() {
            match e.name.as_str() {
                "w:p" => {
                    out.push(Block::Para(self.paragraph(e)));
                    // Its text boxes, in place: after the paragraph they are anchored in.
                    out.append(&mut self.boxes);
                }
                "w:tbl" => out.push(Block::Table(self.table(e))),
                "w:sdt" => {
                    let gallery = e
                        .child("w:sdtPr")
                        .and_then(|p| p.find("w:docPartGallery"))
                        .and_then(|g| g.attr("w:val"))
                        .unwrap_or("");
                    if gallery.contains("Table of Contents") {
                        self.doc.notices.push(deferred_msg!("import.toc_dropped"));
                        continue;
                    }
                    if let Some(content) = e.child("w:sdtContent") {
                        self.blocks(content, out, depth + 1);
                    }
                }
                "w:customXml" | "w:ins" | "w:smartTag" => self.blocks(e, out, depth + 1),
                _ => {}
            }
        }
    }

    fn paragraph(&mut self, p: &Element) -> Para {
        let mut para = Para::default();
        let mut style_num = None;
        if let Some(ppr) = p.child("w:pPr") {
            if let Some(style) = ppr.child("w:pStyle").and_then(|s| s.attr("w:val")) {
                if let Some(info) = self.styles.get(style) {
                    para.kind = info.kind;
                    para.centered = info.centered;
                    style_num = info.num.clone();
                } else {
                    para.kind = style_kind(&style.to_lowercase(), style, None);
                }
            }
            if let Some(lvl) = ppr
                .child("w:outlineLvl")
                .and_then(|o| o.attr("w:val"))
                .and_then(|v| v.parse::<u8>().ok())
            {
                if lvl < 9 && para.kind == ParaKind::Normal {
                    para.kind = ParaKind::Heading(lvl + 1);
                }
            }
            if let Some(jc) = ppr.child("w:jc").and_then(|j| j.attr("w:val")) {
                para.centered = jc == "center";
            }
            let direct = ppr.child("w:numPr").map(|numpr| {
                let num = numpr
                    .child("w:numId")
                    .and_then(|n| n.attr("w:val"))
                    .or(style_num.as_ref().map(|(n, _)| n.as_str()))
                    .unwrap_or("0")
                    .to_string();
                let level = numpr
                    .child("w:ilvl")
                    .and_then(|n| n.attr("w:val"))
                    .and_then(|v| v.parse::<u8>().ok())
                    .or(style_num.as_ref().map(|(_, l)| *l))
                    .unwrap_or(0)
                    .min(8);
                (num, level)
            });
            if let Some((num, level)) = direct.or(style_num) {
                let level_fmt = level;
                if num != "0" {
                    let format = self
                        .numbering
                        .get(&(num.to_string(), level_fmt))
                        .or_else(|| self.numbering.get(&(num.to_string(), 0)))
                        .copied()
                        .unwrap_or(NumFormat::Decimal);
                    para.list = Some(ListInfo {
                        ordered: format != NumFormat::Bullet,
                        level,
                        format,
                    });
                }
            }
        }
        let mut inlines = Vec::new();
        self.inlines(p, &mut inlines, 0);
        para.inlines = inlines;
        para
    }

    fn inlines(&mut self, parent: &Element, out: &mut Vec<Inline>, depth: usize) {
        if depth > 32 {
            return;
        }
        for e in parent.elements() {
            match e.name.as_str() {
                "w:r" => self.run(e, out),
                "w:hyperlink" => {
                    let mut children = Vec::new();
                    self.inlines(e, &mut children, depth + 1);
                    match e.attr("r:id").and_then(|id| self.rels.get(id)) {
                        Some(url) => out.push(Inline::Link {
                            url: url.clone(),
                            children,
                        }),
                        None => out.extend(children),
                    }
                }
                "w:ins" | "w:smartTag" | "w:fldSimple" | "w:customXml" | "w:dir" | "w:bdo" => {
                    self.inlines(e, out, depth + 1)
                }
                "w:sdt" => {
                    if let Some(c) = e.child("w:sdtContent") {
                        self.inlines(c, out, depth + 1);
                    }
                }
                // Word's choice of a new feature and a fallback for older readers, both
                // showing the same thing: take the choice only.
                "mc:AlternateContent" => {
                    if let Some(choice) = e.child("mc:Choice") {
                        self.inlines(choice, out, depth + 1);
                    }
                }
                _ => {}
            }
        }
    }

    fn run(&mut self, r: &Element, out: &mut Vec<Inline>) {
        let rpr = r.child("w:rPr");
        let bold = on(rpr.and_then(|p| p.child("w:b")));
        let italic = on(rpr.and_then(|p| p.child("w:i")));
        let hidden = on(rpr.and_then(|p| p.child("w:vanish")));
        if hidden {
            return;
        }
        for c in r.elements() {
            match c.name.as_str() {
                "w:t" => out.push(Inline::Text {
                    text: c.text(),
                    bold,
                    italic,
                }),
                "w:tab" | "w:ptab" => out.push(Inline::Tab),
                "w:br" | "w:cr" if c.attr("w:type") != Some("page") => out.push(Inline::Break),
                "w:noBreakHyphen" => out.push(Inline::Text {
                    text: "-".into(),
                    bold,
                    italic,
                }),
                "w:footnoteReference" | "w:endnoteReference" => {
                    let kind = if c.name.contains("end") { "e" } else { "f" };
                    if let Some(i) = c
                        .attr("w:id")
                        .and_then(|id| self.notes.get(&format!("{kind}{id}")))
                    {
                        out.push(Inline::Note(*i));
                    }
                }
                "w:drawing" => self.drawing(c, out),
                "w:pict" | "w:object" => {
                    if let Some(id) = c.find("v:imagedata").and_then(|d| d.attr("r:id")) {
                        let alt = c
                            .find("v:shape")
                            .and_then(|s| s.attr("alt"))
                            .unwrap_or("")
                            .to_string();
                        self.image(id.to_string(), alt, out);
                    }
                    // A VML text box (`v:textbox`), as older Word writes it.
                    self.text_boxes(c);
                }
                "mc:AlternateContent" => {
                    if let Some(choice) = c.child("mc:Choice") {
                        let wrapper = Element {
                            name: "w:r".into(),
                            attrs: Vec::new(),
                            children: choice.children.clone(),
                        };
                        self.run(&wrapper, out);
                    }
                }
                _ => {}
            }
        }
    }

    fn drawing(&mut self, d: &Element, out: &mut Vec<Inline>) {
        let doc_pr = d.find("wp:docPr");
        let alt = doc_pr
            .and_then(|p| p.attr("descr").filter(|s| !s.trim().is_empty()))
            .or_else(|| doc_pr.and_then(|p| p.attr("title")))
            .unwrap_or("")
            .to_string();
        if let Some(id) = d.find("a:blip").and_then(|b| b.attr("r:embed")) {
            self.image(id.to_string(), alt, out);
        }
        // A text box shape (`wps:txbx`), or a group holding some.
        self.text_boxes(d);
    }

    /// Reads the text boxes (`w:txbxContent`) below `e` as body blocks, kept in
    /// [`Ctx::boxes`] to be put after the paragraph that anchors them.
    fn text_boxes(&mut self, e: &Element) {
        let mut found = Vec::new();
        e.find_all("w:txbxContent", &mut found);
        if found.is_empty() || self.box_depth >= MAX_BOX_DEPTH {
            return;
        }
        // The boxes of the paragraphs inside a box go in place inside it: keep the ones
        // already found for the outer paragraph aside meanwhile.
        let mut outer = std::mem::take(&mut self.boxes);
        self.box_depth += 1;
        for content in found {
            let mut blocks = Vec::new();
            self.blocks(content, &mut blocks, 0);
            outer.append(&mut blocks);
        }
        self.box_depth -= 1;
        self.boxes = outer;
    }

    fn image(&mut self, rel: String, alt: String, out: &mut Vec<Inline>) {
        let Some(target) = self.rels.get(&rel) else {
            return;
        };
        let path = resolve("word/", target);
        if self.image_error.is_some() {
            return;
        }
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
        for tr in t.elements().filter(|e| e.name == "w:tr") {
            let mut row = Vec::new();
            for tc in tr
                .elements()
                .filter(|e| e.name == "w:tc" || e.name == "w:sdt")
            {
                let tc = if tc.name == "w:sdt" {
                    match tc.child("w:sdtContent").and_then(|c| c.child("w:tc")) {
                        Some(c) => c,
                        None => continue,
                    }
                } else {
                    tc
                };
                let tcpr = tc.child("w:tcPr");
                let span = tcpr
                    .and_then(|p| p.child("w:gridSpan"))
                    .and_then(|g| g.attr("w:val"))
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 64);
                let vmerge = tcpr.and_then(|p| p.child("w:vMerge"));
                let continued = vmerge.is_some_and(|v| v.attr("w:val") != Some("restart"));
                if vmerge.is_some() || span > 1 {
                    table.merged = true;
                }
                let mut cell = Cell::default();
                if !continued {
                    self.cell(tc, &mut cell, &mut table.nested, 0);
                }
                row.push(cell);
                for _ in 1..span {
                    row.push(Cell::default());
                }
            }
            table.rows.push(row);
        }
        table
    }

    fn cell(&mut self, tc: &Element, cell: &mut Cell, nested: &mut bool, depth: usize) {
        for e in tc.elements() {
            match e.name.as_str() {
                "w:p" => {
                    cell.paras.push(self.paragraph(e));
                    for b in std::mem::take(&mut self.boxes) {
                        match b {
                            Block::Para(p) => cell.paras.push(p),
                            Block::Table(t) => {
                                *nested = true;
                                cell.paras
                                    .extend(t.rows.into_iter().flatten().flat_map(|c| c.paras));
                            }
                        }
                    }
                }
                "w:tbl" if depth < 8 => {
                    *nested = true;
                    for tr in e.elements().filter(|r| r.name == "w:tr") {
                        for inner in tr.elements().filter(|c| c.name == "w:tc") {
                            self.cell(inner, cell, nested, depth + 1);
                        }
                    }
                }
                "w:sdt" => {
                    if let Some(c) = e.child("w:sdtContent") {
                        self.cell(c, cell, nested, depth + 1);
                    }
                }
                _ => {}
            }
        }
    }
}

/// Resolves a relationship target against the folder of the part that names it.
fn resolve(base: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    let mut parts: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
    for seg in target.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn package(parts: &[(&str, &str)]) -> Vec<u8> {
        use std::io::Write;
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, text) in parts {
            w.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            w.write_all(text.as_bytes()).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn reads_toc_controls_footnotes_merged_cells_and_numbered_styles() {
        let document = r#"<w:document xmlns:w="w" xmlns:r="r"><w:body>
<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr>
  <w:sdtContent><w:p><w:r><w:t>DAFTAR ISI 1</w:t></w:r></w:p></w:sdtContent></w:sdt>
<w:p><w:pPr><w:pStyle w:val="Judul1"/></w:pPr><w:r><w:t>Latar</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Daftar"/></w:pPr><w:r><w:t>satu</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="7"/></w:numPr></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>PENDAHULUAN</w:t></w:r><w:r><w:rPr><w:i w:val="0"/></w:rPr><w:t> x</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>inner</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>
</w:body></w:document>"#;
        let styles = r#"<w:styles xmlns:w="w">
<w:style w:type="paragraph" w:styleId="Judul1"><w:name w:val="heading 1"/></w:style>
<w:style w:type="paragraph" w:styleId="Daftar"><w:name w:val="List Bullet"/><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
</w:styles>"#;
        let numbering = r#"<w:numbering xmlns:w="w">
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:numFmt w:val="upperRoman"/></w:lvl></w:abstractNum>
<w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num><w:num w:numId="7"><w:abstractNumId w:val="2"/></w:num>
</w:numbering>"#;
        let footnotes = r#"<w:footnotes xmlns:w="w"><w:footnote w:type="separator" w:id="0"><w:p/></w:footnote>
<w:footnote w:id="2"><w:p><w:r><w:t>Sumber data.</w:t></w:r></w:p></w:footnote></w:footnotes>"#;
        let bytes = package(&[
            ("[Content_Types].xml", "<Types/>"),
            ("word/document.xml", document),
            ("word/styles.xml", styles),
            ("word/numbering.xml", numbering),
            ("word/footnotes.xml", footnotes),
        ]);
        let mut p = Package::open(&bytes).unwrap();
        let doc = read(&mut p).unwrap();
        assert_eq!(doc.notices.len(), 1, "table of contents dropped");
        let paras: Vec<&Para> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Para(p) => Some(p),
                Block::Table(_) => None,
            })
            .collect();
        assert_eq!(paras[0].kind, ParaKind::Heading(1));
        assert_eq!(paras[0].text(), "Latar");
        let bullet = paras[1].list.unwrap();
        assert!(!bullet.ordered);
        assert!(paras[1].inlines.contains(&Inline::Note(0)));
        assert_eq!(doc.notes.len(), 1);
        assert_eq!(paras[2].list.unwrap().format, NumFormat::UpperRoman);
        assert!(paras[2]
            .inlines
            .iter()
            .any(|i| matches!(i, Inline::Text { bold: true, .. })));
        let Block::Table(t) = &doc.blocks[3] else {
            panic!("table expected")
        };
        assert!(t.merged && t.nested);
        assert_eq!(t.rows[0].len(), 2);
        assert_eq!(t.rows[1][1].text(), "inner");
    }

    #[test]
    fn resolves_relationship_targets() {
        assert_eq!(
            resolve("word/", "media/image1.png"),
            "word/media/image1.png"
        );
        assert_eq!(resolve("word/", "../media/a.png"), "media/a.png");
        assert_eq!(resolve("word/", "/word/media/b.png"), "word/media/b.png");
    }

    #[test]
    fn style_names_give_kinds() {
        assert_eq!(
            style_kind("heading 2", "Heading2", None),
            ParaKind::Heading(2)
        );
        assert_eq!(style_kind("title", "Title", None), ParaKind::Title);
        assert_eq!(style_kind("toc 1", "TOC1", None), ParaKind::Toc);
        assert_eq!(style_kind("my style", "X", Some(0)), ParaKind::Heading(1));
        assert_eq!(style_kind("normal", "Normal", None), ParaKind::Normal);
    }
}
