//! `tilik import FILE`: a study-visit report written in Word (`.docx`) or LibreOffice
//! (`.odt`) becomes a draft report bundle, `content/laporan/<year>/<slug>/index.md` with the
//! document's images next to it.
//!
//! The stages, one module each:
//!
//! ```text
//! limits (open the zip safely) → docx | odt (read into model) → structure (letterhead,
//! title, headings, signature) → frontmatter (fields found) → markdown (body) → write
//! ```
//!
//! The document is untrusted: every size is capped ([`limits`]), XML with a DOCTYPE is refused
//! ([`xml`]), macros are never read, and nothing is written unless the whole document was read.

pub mod dates;
pub mod docx;
pub mod frontmatter;
pub mod limits;
pub mod markdown;
pub mod model;
pub mod odt;
pub mod structure;
pub mod xml;

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use crate::deferred_msg;
use crate::diagnostics::{display_path, Diagnostic, Lang};
use crate::messages::Deferred;
use crate::model::slug::slugify;
use crate::msg;
use crate::output::strip;
use frontmatter::Fields;
use limits::{Package, Refusal, MAX_XML};
use model::Document;

/// What `tilik import` is asked to do.
#[derive(Clone, Debug)]
pub struct ImportOptions {
    /// Project folder (holds `tilik.toml`).
    pub root: PathBuf,
    /// The document to import.
    pub file: PathBuf,
    /// `visit.unit`, overriding the letterhead.
    pub unit: Option<String>,
    /// Language of messages.
    pub lang: Lang,
    /// Today, for `date` and `updated`.
    pub today: NaiveDate,
}

/// Why an import stopped; nothing was written.
#[derive(Debug)]
pub struct ImportError {
    /// What to tell the writer.
    pub diagnostic: Diagnostic,
    /// Exit status: 1 for a document that cannot be imported, 2 for a usage problem or an
    /// existing report.
    pub exit_code: u8,
}

/// What an import wrote.
#[derive(Debug)]
pub struct Imported {
    /// The new `index.md`, relative to the project root.
    pub path: PathBuf,
    /// The summary to print: what was filled, what was not, what to check.
    pub summary: String,
}

impl Package<'_> {
    /// Reads and parses an XML part of at most [`MAX_XML`] bytes.
    pub fn read_xml(&mut self, name: &str) -> Result<Option<xml::Element>, Refusal> {
        match self.read(name, MAX_XML)? {
            None => Ok(None),
            Some(bytes) => xml::parse(&bytes)
                .map(Some)
                .map_err(|e| xml_refusal(name, &e)),
        }
    }
}

/// The refusal for an XML part that cannot be read.
pub fn xml_refusal(part: &str, e: &xml::XmlError) -> Refusal {
    match e {
        xml::XmlError::Doctype => Refusal::new(
            deferred_msg!("import.part_doctype", part),
            deferred_msg!("import.resave_and_retry"),
        ),
        xml::XmlError::TooDeep => Refusal::new(
            deferred_msg!("import.part_too_deep", part),
            deferred_msg!("import.resave_and_retry"),
        ),
        xml::XmlError::Malformed(m) => Refusal::new(
            deferred_msg!("import.part_damaged", part, m),
            deferred_msg!("import.part_damaged_hint"),
        ),
    }
}

/// The document format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Office Open XML (Word 2007+).
    Docx,
    /// OpenDocument text.
    Odt,
}

/// Reads a document's bytes into the model; `name` is only used for its extension.
pub fn read_document(bytes: &[u8], name: &str) -> Result<(Document, Format), Refusal> {
    let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    if ext == "docm" || ext == "dotm" {
        return Err(Refusal::new(
            deferred_msg!("import.docm"),
            deferred_msg!("import.save_as_docx"),
        ));
    }
    let mut package = Package::open(bytes)?;
    if package.has("word/document.xml") || package.has("[Content_Types].xml") {
        Ok((docx::read(&mut package)?, Format::Docx))
    } else if package.has("content.xml") {
        Ok((odt::read(&mut package)?, Format::Odt))
    } else {
        Err(Refusal::new(
            deferred_msg!("import.not_a_document"),
            deferred_msg!("import.not_a_document_hint"),
        ))
    }
}

/// The result of converting a document, before anything is written.
#[derive(Debug)]
pub struct Converted {
    /// The whole `index.md`.
    pub text: String,
    /// Images to write: (file name, bytes, already stripped).
    pub images: Vec<(String, Vec<u8>)>,
    /// Fields found.
    pub fields: Fields,
    /// Lines (1-based) of interest.
    pub notes: Vec<Note>,
    /// The year of the visit.
    pub year: i32,
}

/// A line of the summary.
#[derive(Clone, Debug)]
pub struct Note {
    /// Line in the new file (1-based), when it has one.
    pub line: Option<usize>,
    /// Filled, missing or to check.
    pub kind: NoteKind,
    /// What was filled, is missing or should be checked, shown in the run's language.
    pub text: Deferred,
}

/// The three lists of the summary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoteKind {
    /// A field filled from the document.
    Filled,
    /// A field the writer must fill.
    Missing,
    /// Something the writer should look at.
    Check,
}

fn toml_string(s: &str) -> String {
    toml_edit::Value::from(s).to_string().trim().to_string()
}

struct Lines {
    lines: Vec<String>,
    notes: Vec<Note>,
}

impl Lines {
    fn push(&mut self, s: impl Into<String>) -> usize {
        self.lines.push(s.into());
        self.lines.len()
    }
    fn note(&mut self, line: usize, kind: NoteKind, text: Deferred) {
        self.notes.push(Note {
            line: Some(line),
            kind,
            text,
        });
    }
    fn list(&mut self, key: &str, items: &[String]) -> usize {
        if items.len() <= 1 {
            let inner = items
                .iter()
                .map(|s| toml_string(s))
                .collect::<Vec<_>>()
                .join(", ");
            return self.push(format!("{key} = [{inner}]"));
        }
        let at = self.push(format!("{key} = ["));
        for it in items {
            self.push(format!("  {},", toml_string(it)));
        }
        self.push("]");
        at
    }
}

/// Converts a document into the text of `index.md` and its images.
pub fn convert(
    mut doc: Document,
    source_name: &str,
    unit: Option<String>,
    today: NaiveDate,
) -> Converted {
    // Strip metadata from images first: one that cannot be rewritten is not published.
    for img in &mut doc.images {
        let ext = markdown::image_ext(&img.bytes);
        if matches!(ext, Some("jpg" | "png" | "webp")) {
            match strip::strip(&img.bytes) {
                Ok(clean) => img.bytes = clean,
                Err(_) => img.bytes.clear(),
            }
        }
    }
    let mut outline = structure::outline(&mut doc);
    let mut letterhead = outline.letterhead.clone();
    letterhead.extend(doc.header_lines.iter().cloned());
    let fields = frontmatter::detect(&mut outline.items, outline.title.clone(), &letterhead, unit);
    let body = markdown::render(&doc, &outline.items);
    let mut l = Lines {
        lines: Vec::new(),
        notes: Vec::new(),
    };
    use NoteKind::{Check, Filled, Missing};
    l.push("+++");
    let shown_name: String = source_name
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    l.push(format!(
        "# Diimpor dari {shown_name} dengan `tilik import` pada {today}."
    ));
    l.push("# Periksa setiap nilai dan ganti setiap teks \"ISI: …\".");
    let title = fields.title.clone().unwrap_or_else(|| {
        let stem = source_name
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(source_name);
        let stem = stem.rsplit_once('.').map(|(s, _)| s).unwrap_or(stem);
        structure::title_case(&stem.replace(['_', '-'], " "))
    });
    let at = l.push(format!("title = {}", toml_string(&title)));
    if fields.title.is_some() {
        l.note(at, Filled, deferred_msg!("import.field_title"));
    } else {
        l.note(at, Missing, deferred_msg!("import.title_from_file_name"));
    }
    l.push(format!("date = {today}"));
    l.push("# Satu atau dua kalimat: apa yang dipelajari dan untuk apa.");
    let at = l.push("summary = \"ISI: ringkasan laporan dalam satu atau dua kalimat.\"");
    l.note(at, Missing, deferred_msg!("import.field_summary"));
    l.push("# Laporan draf tidak diterbitkan. Ubah menjadi false bila laporan siap terbit.");
    l.push("draft = true");
    l.push("");
    l.push("[visit]");
    l.push(format!("kind = \"{}\"", fields.kind));
    match &fields.unit {
        Some(u) => {
            let at = l.push(format!("unit = {}", toml_string(u)));
            l.note(at, Filled, deferred_msg!("import.field_unit"));
        }
        None => {
            let at = l.push("unit = \"ISI: nama lengkap SKPD\"");
            l.note(at, Missing, deferred_msg!("import.field_unit_or_flag"));
        }
    }
    let (start, end) = fields.dates.unwrap_or((today, today));
    let at = l.push(format!("start = {start}"));
    l.push(format!("end = {end}"));
    if fields.dates.is_some() {
        l.note(at, Filled, deferred_msg!("import.field_dates"));
    } else {
        l.note(at, Missing, deferred_msg!("import.dates_not_found"));
    }
    match &fields.destination {
        Some(d) => {
            let at = l.push(format!("destination = {}", toml_string(d)));
            l.note(at, Filled, deferred_msg!("import.field_destination"));
        }
        None => {
            let at = l.push("destination = \"ISI: daerah tujuan\"");
            l.note(at, Missing, deferred_msg!("import.field_destination"));
        }
    }
    l.push("country = \"Indonesia\"");
    if fields.hosts.is_empty() {
        let at = l.push("hosts = [\"ISI: instansi tuan rumah\"]");
        l.note(at, Missing, deferred_msg!("import.field_hosts"));
    } else {
        let at = l.list("hosts", &fields.hosts);
        l.note(at, Filled, deferred_msg!("import.field_hosts"));
    }
    l.push("# Bidang yang dipelajari (sedikitnya satu).");
    let at = l.push("topics = [\"ISI: topik\"]");
    l.note(at, Missing, deferred_msg!("import.field_topics"));
    if fields.objectives.is_empty() {
        let at = l.push("objectives = [\"ISI: tujuan kunjungan\"]");
        l.note(at, Missing, deferred_msg!("import.field_objectives"));
    } else {
        let at = l.list("objectives", &fields.objectives);
        l.note(
            at,
            Filled,
            deferred_msg!(
                "import.field_objectives_count",
                count = fields.objectives.len()
            ),
        );
    }
    l.push(
        "# Nama peserta. Data pribadi: hanya terbit bila tilik.toml mengizinkan. Jangan cantumkan",
    );
    l.push("# NIK atau NIP.");
    let at = l.list("team", &fields.team);
    if !fields.team.is_empty() {
        l.note(
            at,
            Filled,
            deferred_msg!("import.field_team", count = fields.team.len()),
        );
        let numbers = fields.team.iter().any(|t| {
            crate::privacy::scan(t)
                .iter()
                .any(|m| m.kind != crate::privacy::Kind::Mobile)
        });
        if numbers {
            l.note(at, Check, deferred_msg!("import.team_with_nik"));
        }
    }
    match fields.budget {
        Some(b) => {
            let at = l.push(format!("budget = {b}"));
            l.note(at, Filled, deferred_msg!("import.field_budget"));
            if fields.budget_guessed {
                l.note(at, Check, deferred_msg!("import.several_amounts"));
            }
        }
        None => {
            l.push("# budget = 45000000");
        }
    }
    match &fields.funding {
        Some(f) => {
            let at = l.push(format!("funding = {}", toml_string(f)));
            l.note(at, Filled, deferred_msg!("import.field_funding"));
        }
        None => {
            l.push(format!("# funding = \"APBD {}\"", start.year()));
        }
    }
    l.push("");
    if fields.recs.is_empty() {
        l.push("# Rekomendasi tidak ditemukan di dokumen. Tambahkan satu blok [[recommendations]]");
        l.push("# untuk setiap rekomendasi.");
        l.push("[[recommendations]]");
        l.push("id = \"R1\"");
        let at = l.push("text = \"ISI: apa yang akan dilakukan.\"");
        l.push("owner = \"ISI: bidang atau unit penanggung jawab\"");
        l.push("status = \"usulan\"");
        l.push(format!("updated = {today}"));
        l.note(at, Missing, deferred_msg!("import.field_recommendations"));
    } else {
        let mut first = None;
        for (i, r) in fields.recs.iter().enumerate() {
            if i > 0 {
                l.push("");
            }
            let at = l.push("[[recommendations]]");
            first.get_or_insert(at);
            l.push(format!("id = \"R{}\"", i + 1));
            l.push(format!("text = {}", toml_string(&r.text)));
            match &r.owner {
                Some(o) => {
                    l.push(format!("owner = {}", toml_string(o)));
                }
                None => {
                    l.push("# ISI: penanggung jawab tidak tertulis di dokumen.");
                    l.push("owner = \"ISI: bidang atau unit penanggung jawab\"");
                }
            }
            match r.due {
                Some(d) => {
                    l.push(format!("due = {d}"));
                }
                None => {
                    l.push("# ISI: tenggat (TAHUN-BULAN-HARI), lalu hapus tanda # di depannya.");
                    l.push(format!("# due = {}-12-31", end.year()));
                }
            }
            match &r.indicator {
                Some(ind) => {
                    l.push(format!("indicator = {}", toml_string(ind)));
                }
                None => {
                    l.push("# ISI: ukuran keberhasilan, lalu hapus tanda # di depannya.");
                    l.push("# indicator = \"ISI: ukuran keberhasilan\"");
                }
            }
            l.push("status = \"usulan\"");
            l.push(format!("updated = {today}"));
        }
        let n = fields.recs.len();
        let at = first.unwrap_or(1);
        l.note(
            at,
            Filled,
            deferred_msg!("import.recommendations_found", count = n),
        );
        if fields
            .recs
            .iter()
            .any(|r| r.owner.is_none() || r.due.is_none() || r.indicator.is_none())
        {
            l.note(at, Missing, deferred_msg!("import.recommendation_details"));
        }
    }
    l.push("+++");
    l.push("");
    let offset = l.lines.len();
    for (from, to) in &fields.renamed {
        let line = body
            .text
            .lines()
            .position(|x| x.starts_with('#') && x.trim_start_matches('#').trim() == to)
            .map(|p| p + offset + 1);
        l.notes.push(Note {
            line,
            kind: Check,
            text: deferred_msg!("import.section_renamed", from, to),
        });
    }
    for n in &body.notes {
        l.notes.push(Note {
            line: Some(n.line + offset + 1),
            kind: Check,
            text: n.text.clone(),
        });
    }
    for text in outline.dropped.iter().chain(doc.notices.iter()) {
        l.notes.push(Note {
            line: None,
            kind: Check,
            text: text.clone(),
        });
    }
    for (i, line) in body.text.lines().enumerate() {
        let found = crate::privacy::scan(line);
        if found.iter().any(|m| m.kind != crate::privacy::Kind::Mobile) {
            l.notes.push(Note {
                line: Some(i + offset + 1),
                kind: Check,
                text: deferred_msg!("import.nik_in_body"),
            });
        }
    }
    let mut text = l.lines.join("\n");
    text.push('\n');
    text.push_str(&body.text);
    let images = body
        .images
        .iter()
        .filter_map(|im| {
            doc.images
                .get(im.index)
                .map(|d| (im.name.clone(), d.bytes.clone()))
        })
        .collect();
    Converted {
        text,
        images,
        year: start.year(),
        fields,
        notes: l.notes,
    }
}

fn usage(path: impl Into<PathBuf>, message: String) -> ImportError {
    ImportError {
        diagnostic: Diagnostic::error(path, None, message),
        exit_code: 2,
    }
}

/// Imports `opts.file` into the project at `opts.root`. Nothing is written when it fails.
pub fn import(opts: &ImportOptions) -> Result<Imported, ImportError> {
    let lang = opts.lang;
    if !opts.root.join("tilik.toml").is_file() {
        return Err(usage(
            opts.root.join("tilik.toml"),
            msg!(lang, "import.no_tilik_toml"),
        ));
    }
    let shown = display_path(&opts.file);
    let meta = fs::metadata(&opts.file)
        .map_err(|e| usage(&opts.file, msg!(lang, "import.cannot_open", error = e)))?;
    if meta.len() > limits::MAX_FILE {
        return Err(refused(
            &opts.file,
            &Refusal::new(
                deferred_msg!(
                    "import.file_too_large",
                    size = meta.len() >> 20,
                    max = limits::MAX_FILE >> 20
                ),
                deferred_msg!("import.file_too_large_hint"),
            ),
            lang,
        ));
    }
    let bytes = fs::read(&opts.file)
        .map_err(|e| usage(&opts.file, msg!(lang, "import.cannot_read", error = e)))?;
    let (doc, _format) =
        read_document(&bytes, &shown).map_err(|r| refused(&opts.file, &r, lang))?;
    drop(bytes);
    let file_name = opts
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or(shown.clone());
    let converted = convert(doc, &file_name, opts.unit.clone(), opts.today);
    let title = converted
        .fields
        .title
        .clone()
        .unwrap_or_else(|| file_name.clone());
    let mut slug = slugify(&title);
    if slug.is_empty() {
        slug = "laporan-impor".into();
    }
    if slug.len() > 80 {
        let cut = slug[..80].rfind('-').unwrap_or(80);
        slug.truncate(cut);
    }
    let rel_dir = PathBuf::from("content")
        .join("laporan")
        .join(converted.year.to_string())
        .join(&slug);
    let rel = rel_dir.join("index.md");
    let dir = opts.root.join(&rel_dir);
    if dir.exists() {
        return Err(ImportError {
            diagnostic: Diagnostic::error(&rel_dir, None, msg!(lang, "import.folder_exists"))
                .with_hint(msg!(lang, "import.folder_exists_hint")),
            exit_code: 2,
        });
    }
    if let Some(existing) = crate::scaffold::report_with_slug(&opts.root.join("content"), &slug) {
        let existing = display_path(existing.strip_prefix(&opts.root).unwrap_or(&existing));
        return Err(ImportError {
            diagnostic: Diagnostic::error(
                &rel,
                None,
                msg!(lang, "import.same_slug", existing, slug),
            ),
            exit_code: 2,
        });
    }
    write_bundle(&dir, &converted).map_err(|e| {
        let _ = fs::remove_dir_all(&dir);
        ImportError {
            diagnostic: Diagnostic::error(&rel, None, msg!(lang, "import.cannot_write", error = e)),
            exit_code: 1,
        }
    })?;
    Ok(Imported {
        summary: summary(&rel, &converted, lang),
        path: rel,
    })
}

fn refused(file: &Path, r: &Refusal, lang: Lang) -> ImportError {
    ImportError {
        diagnostic: Diagnostic::error(file, None, r.message.show(lang))
            .with_hint(r.hint.show(lang)),
        exit_code: 1,
    }
}

fn write_bundle(dir: &Path, c: &Converted) -> std::io::Result<()> {
    fs::create_dir_all(dir.parent().unwrap_or(dir))?;
    fs::create_dir(dir)?;
    for (name, bytes) in &c.images {
        fs::write(dir.join(name), bytes)?;
    }
    fs::write(dir.join("index.md"), &c.text)
}

fn summary(rel: &Path, c: &Converted, lang: Lang) -> String {
    let mut out = msg!(lang, "import.imported", display_path = display_path(rel));
    if !c.images.is_empty() {
        out.push_str(&msg!(
            lang,
            "import.imported_images",
            count = c.images.len()
        ));
    }
    out.push('\n');
    let sections = [
        (NoteKind::Filled, msg!(lang, "import.heading_filled")),
        (NoteKind::Missing, msg!(lang, "import.heading_missing")),
        (NoteKind::Check, msg!(lang, "import.heading_check")),
    ];
    for (kind, heading) in sections {
        let mut notes: Vec<&Note> = c.notes.iter().filter(|n| n.kind == kind).collect();
        if notes.is_empty() {
            continue;
        }
        notes.sort_by_key(|n| n.line.unwrap_or(usize::MAX));
        out.push('\n');
        out.push_str(&heading);
        out.push('\n');
        for n in notes {
            let at = match n.line {
                Some(l) => msg!(lang, "import.line", line = l),
                None => "-".into(),
            };
            out.push_str(&format!("  {at:<9} {}\n", n.text.show(lang)));
        }
    }
    out.push_str(&msg!(lang, "import.next_steps"));
    out
}

#[cfg(test)]
mod tests {
    use super::model::{Block, Inline, Para, ParaKind};
    use super::*;

    fn para(text: &str, kind: ParaKind) -> Block {
        Block::Para(Para {
            kind,
            inlines: vec![Inline::Text {
                text: text.into(),
                bold: false,
                italic: false,
            }],
            ..Para::default()
        })
    }

    #[test]
    fn hostile_text_stays_inside_its_toml_strings() {
        let doc = Document {
            blocks: vec![
                para("Judul \"x\"\n+++\ndraft = false \u{7}", ParaKind::Title),
                para("Tempat : Kota \"Bogor\"\u{0}", ParaKind::Normal),
                para("+++", ParaKind::Normal),
            ],
            ..Document::default()
        };
        let today = NaiveDate::from_ymd_opt(2024, 5, 20).unwrap();
        let c = convert(doc, "a\nb\u{b}.docx", None, today);
        let (front, body) = c.text[4..].split_once("\n+++\n").unwrap();
        let parsed: toml_edit::DocumentMut = front.parse().unwrap();
        assert_eq!(parsed["draft"].as_bool(), Some(true));
        assert!(parsed["title"].as_str().unwrap().contains("+++"));
        assert!(body.contains("+++"));
    }
}
