//! The document model both readers produce: paragraphs, lists, tables and images, with just
//! the formatting a report keeps (bold, italic, links, footnotes).

/// A document read from a `.docx` or `.odt` file.
#[derive(Clone, Debug, Default)]
pub struct Document {
    /// Body blocks, in order.
    pub blocks: Vec<Block>,
    /// Footnote and endnote texts; [`Inline::Note`] indexes this.
    pub notes: Vec<Vec<Inline>>,
    /// Embedded images; [`Inline::Image`] indexes this.
    pub images: Vec<Image>,
    /// Text of the page headers (where a letterhead often sits); never put in the body.
    pub header_lines: Vec<String>,
    /// Things the reader skipped, for the writer's summary.
    pub notices: Vec<crate::messages::Deferred>,
}

/// A block of the body.
#[derive(Clone, Debug)]
pub enum Block {
    /// A paragraph or heading.
    Para(Para),
    /// A table.
    Table(Table),
}

/// A paragraph.
#[derive(Clone, Debug, Default)]
pub struct Para {
    /// What its style says it is.
    pub kind: ParaKind,
    /// Its content.
    pub inlines: Vec<Inline>,
    /// Set when it is an item of a numbered or bulleted list.
    pub list: Option<ListInfo>,
    /// Centred (title pages, letterheads, signature blocks).
    pub centered: bool,
}

/// The role a paragraph's style gives it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ParaKind {
    /// Body text.
    #[default]
    Normal,
    /// The document title style.
    Title,
    /// A heading of level 1–9.
    Heading(u8),
    /// A caption under an image or table.
    Caption,
    /// An entry of a table of contents.
    Toc,
}

/// A list item's numbering.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ListInfo {
    /// Numbered (not bulleted).
    pub ordered: bool,
    /// Nesting level, 0 for the outermost.
    pub level: u8,
    /// Numbered with Roman numerals or letters (typed chapter numbering made automatic).
    pub format: NumFormat,
}

/// How list items are numbered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumFormat {
    /// Bullets.
    Bullet,
    /// 1, 2, 3.
    Decimal,
    /// I, II, III.
    UpperRoman,
    /// A, B, C.
    UpperLetter,
    /// a, b, c / i, ii, iii.
    Lower,
}

/// Inline content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline {
    /// A run of text.
    Text {
        /// The text.
        text: String,
        /// Bold.
        bold: bool,
        /// Italic.
        italic: bool,
    },
    /// A hyperlink.
    Link {
        /// Its target.
        url: String,
        /// Its text.
        children: Vec<Inline>,
    },
    /// A footnote reference (index into [`Document::notes`]).
    Note(usize),
    /// An image (index into [`Document::images`]) with its description.
    Image {
        /// Index into [`Document::images`].
        index: usize,
        /// Alternative text from the document, possibly empty.
        alt: String,
    },
    /// A line break.
    Break,
    /// A tab.
    Tab,
}

/// A table, flattened to rows of cells.
#[derive(Clone, Debug, Default)]
pub struct Table {
    /// Rows of cells.
    pub rows: Vec<Vec<Cell>>,
    /// Some cells spanned several columns or rows.
    pub merged: bool,
    /// Some cells held tables of their own (flattened into text).
    pub nested: bool,
}

/// A table cell: its paragraphs.
#[derive(Clone, Debug, Default)]
pub struct Cell {
    /// Paragraphs (a nested table's cells become paragraphs too).
    pub paras: Vec<Para>,
}

/// An embedded image.
#[derive(Clone, Debug)]
pub struct Image {
    /// Its path inside the package.
    pub source: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

impl Para {
    /// The plain text of the paragraph.
    pub fn text(&self) -> String {
        let mut s = String::new();
        plain(&self.inlines, &mut s);
        s
    }

    /// Whether every visible character is bold.
    pub fn all_bold(&self) -> bool {
        let mut any = false;
        let ok = self.inlines.iter().all(|i| match i {
            Inline::Text { text, bold, .. } => {
                if text.trim().is_empty() {
                    true
                } else {
                    any = true;
                    *bold
                }
            }
            _ => true,
        });
        ok && any
    }

    /// Images in the paragraph.
    pub fn images(&self) -> Vec<(usize, String)> {
        self.inlines
            .iter()
            .filter_map(|i| match i {
                Inline::Image { index, alt } => Some((*index, alt.clone())),
                _ => None,
            })
            .collect()
    }
}

impl Cell {
    /// The cell's text, paragraphs joined by a space.
    pub fn text(&self) -> String {
        self.paras
            .iter()
            .map(|p| p.text().trim().to_string())
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Appends the plain text of `inlines` to `out`.
pub fn plain(inlines: &[Inline], out: &mut String) {
    for i in inlines {
        match i {
            Inline::Text { text, .. } => out.push_str(text),
            Inline::Link { children, .. } => plain(children, out),
            Inline::Break => out.push(' '),
            Inline::Tab => out.push(' '),
            Inline::Note(_) | Inline::Image { .. } => {}
        }
    }
}

/// Collapses runs of whitespace and trims.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Document {
    /// Adds an image, returning its index.
    pub fn add_image(&mut self, source: String, bytes: Vec<u8>) -> usize {
        if let Some(i) = self.images.iter().position(|im| im.source == source) {
            return i;
        }
        self.images.push(Image { source, bytes });
        self.images.len() - 1
    }
}
