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

use crate::diagnostics::{display_path, Diagnostic, Lang};
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
            format!("bagian {part} memuat deklarasi DOCTYPE; dokumen ini tidak dibuat oleh pengolah kata biasa dan tidak dibuka"),
            format!("part {part} has a DOCTYPE declaration; this document was not made by an ordinary word processor and was not opened"),
            "simpan ulang dokumen dari Word atau LibreOffice lalu coba lagi",
            "save the document again from Word or LibreOffice and try again",
        ),
        xml::XmlError::TooDeep => Refusal::new(
            format!("bagian {part} bersarang terlalu dalam"),
            format!("part {part} is nested too deeply"),
            "simpan ulang dokumen dari Word atau LibreOffice lalu coba lagi",
            "save the document again from Word or LibreOffice and try again",
        ),
        xml::XmlError::Malformed(m) => Refusal::new(
            format!("bagian {part} rusak ({m})"),
            format!("part {part} is damaged ({m})"),
            "buka dokumen di Word atau LibreOffice, simpan ulang, lalu coba lagi",
            "open the document in Word or LibreOffice, save it again, and try again",
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
            "dokumen .docm berisi makro; makro tidak pernah dibaca dan dokumen tidak diimpor",
            "a .docm document contains macros; macros are never read and it was not imported",
            "di Word pilih File › Simpan Sebagai › Dokumen Word (.docx), lalu impor berkas .docx itu",
            "in Word choose File › Save As › Word Document (.docx), then import that .docx",
        ));
    }
    let mut package = Package::open(bytes)?;
    if package.has("word/document.xml") || package.has("[Content_Types].xml") {
        Ok((docx::read(&mut package)?, Format::Docx))
    } else if package.has("content.xml") {
        Ok((odt::read(&mut package)?, Format::Odt))
    } else {
        Err(Refusal::new(
            "berkas zip ini bukan dokumen Word (.docx) atau LibreOffice (.odt)",
            "this zip file is not a Word (.docx) or LibreOffice (.odt) document",
            "pilih berkas .docx atau .odt",
            "choose a .docx or .odt file",
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
    /// Lines (1-based) of interest: (line, Indonesian, English, kind).
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
    /// In Indonesian.
    pub id: String,
    /// In English.
    pub en: String,
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
    fn note(&mut self, line: usize, kind: NoteKind, id: impl Into<String>, en: impl Into<String>) {
        self.notes.push(Note {
            line: Some(line),
            kind,
            id: id.into(),
            en: en.into(),
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
        l.note(at, Filled, "judul", "title");
    } else {
        l.note(
            at,
            Missing,
            "judul tidak ditemukan; diambil dari nama berkas",
            "title not found; taken from the file name",
        );
    }
    l.push(format!("date = {today}"));
    l.push("# Satu atau dua kalimat: apa yang dipelajari dan untuk apa.");
    let at = l.push("summary = \"ISI: ringkasan laporan dalam satu atau dua kalimat.\"");
    l.note(at, Missing, "ringkasan (summary)", "summary");
    l.push("# Laporan draf tidak diterbitkan. Ubah menjadi false bila laporan siap terbit.");
    l.push("draft = true");
    l.push("");
    l.push("[visit]");
    l.push(format!("kind = \"{}\"", fields.kind));
    match &fields.unit {
        Some(u) => {
            let at = l.push(format!("unit = {}", toml_string(u)));
            l.note(at, Filled, "SKPD (visit.unit)", "unit (visit.unit)");
        }
        None => {
            let at = l.push("unit = \"ISI: nama lengkap SKPD\"");
            l.note(
                at,
                Missing,
                "SKPD (visit.unit); atau pakai --unit",
                "unit (visit.unit); or pass --unit",
            );
        }
    }
    let (start, end) = fields.dates.unwrap_or((today, today));
    let at = l.push(format!("start = {start}"));
    l.push(format!("end = {end}"));
    if fields.dates.is_some() {
        l.note(
            at,
            Filled,
            "tanggal kunjungan (visit.start, visit.end)",
            "visit dates (visit.start, visit.end)",
        );
    } else {
        l.note(
            at,
            Missing,
            "tanggal kunjungan tidak ditemukan; diisi tanggal hari ini",
            "visit dates not found; today's date was put",
        );
    }
    match &fields.destination {
        Some(d) => {
            let at = l.push(format!("destination = {}", toml_string(d)));
            l.note(
                at,
                Filled,
                "daerah tujuan (visit.destination)",
                "destination (visit.destination)",
            );
        }
        None => {
            let at = l.push("destination = \"ISI: daerah tujuan\"");
            l.note(
                at,
                Missing,
                "daerah tujuan (visit.destination)",
                "destination (visit.destination)",
            );
        }
    }
    l.push("country = \"Indonesia\"");
    if fields.hosts.is_empty() {
        let at = l.push("hosts = [\"ISI: instansi tuan rumah\"]");
        l.note(
            at,
            Missing,
            "instansi yang dikunjungi (visit.hosts)",
            "hosts (visit.hosts)",
        );
    } else {
        let at = l.list("hosts", &fields.hosts);
        l.note(
            at,
            Filled,
            "instansi yang dikunjungi (visit.hosts)",
            "hosts (visit.hosts)",
        );
    }
    l.push("# Bidang yang dipelajari (sedikitnya satu).");
    let at = l.push("topics = [\"ISI: topik\"]");
    l.note(at, Missing, "topik (visit.topics)", "topics (visit.topics)");
    if fields.objectives.is_empty() {
        let at = l.push("objectives = [\"ISI: tujuan kunjungan\"]");
        l.note(
            at,
            Missing,
            "tujuan (visit.objectives)",
            "objectives (visit.objectives)",
        );
    } else {
        let at = l.list("objectives", &fields.objectives);
        l.note(
            at,
            Filled,
            format!(
                "tujuan (visit.objectives), {} butir",
                fields.objectives.len()
            ),
            format!(
                "objectives (visit.objectives), {} items",
                fields.objectives.len()
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
            format!(
                "tim (visit.team), {} orang; daftar peserta dipindahkan dari isi laporan",
                fields.team.len()
            ),
            format!(
                "team (visit.team), {} people; the participant list was moved out of the body",
                fields.team.len()
            ),
        );
        let numbers = fields.team.iter().any(|t| {
            crate::privacy::scan(t)
                .iter()
                .any(|m| m.kind != crate::privacy::Kind::Mobile)
        });
        if numbers {
            l.note(
                at,
                Check,
                "daftar tim memuat NIK/NIP: hapus nomor itu (tilik check menolaknya)",
                "the team list holds NIK/NIP numbers: delete them (tilik check refuses them)",
            );
        }
    }
    match fields.budget {
        Some(b) => {
            let at = l.push(format!("budget = {b}"));
            l.note(
                at,
                Filled,
                "anggaran (visit.budget)",
                "budget (visit.budget)",
            );
            if fields.budget_guessed {
                l.note(at, Check, "dokumen menyebut beberapa jumlah rupiah; pastikan anggaran ini jumlah seluruhnya", "the document gives several amounts; make sure this budget is the total");
            }
        }
        None => {
            l.push("# budget = 45000000");
        }
    }
    match &fields.funding {
        Some(f) => {
            let at = l.push(format!("funding = {}", toml_string(f)));
            l.note(
                at,
                Filled,
                "sumber dana (visit.funding)",
                "funding (visit.funding)",
            );
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
        l.note(
            at,
            Missing,
            "rekomendasi (di bawah \"Saran\", \"Rekomendasi\" atau \"Tindak Lanjut\")",
            "recommendations (under \"Saran\", \"Rekomendasi\" or \"Tindak Lanjut\")",
        );
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
            format!("{n} rekomendasi (status \"usulan\")"),
            format!("{n} recommendations (status \"usulan\")"),
        );
        if fields
            .recs
            .iter()
            .any(|r| r.owner.is_none() || r.due.is_none() || r.indicator.is_none())
        {
            l.note(
                at,
                Missing,
                "penanggung jawab, tenggat dan indikator rekomendasi",
                "the recommendations' owner, due date and indicator",
            );
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
            id: format!("bagian \"{from}\" diberi nama \"{to}\""),
            en: format!("section \"{from}\" renamed \"{to}\""),
        });
    }
    for n in &body.notes {
        l.notes.push(Note {
            line: Some(n.line + offset + 1),
            kind: Check,
            id: n.id.clone(),
            en: n.en.clone(),
        });
    }
    for (id, en) in outline.dropped.iter().chain(doc.notices.iter()) {
        l.notes.push(Note {
            line: None,
            kind: Check,
            id: id.clone(),
            en: en.clone(),
        });
    }
    for (i, line) in body.text.lines().enumerate() {
        let found = crate::privacy::scan(line);
        if found.iter().any(|m| m.kind != crate::privacy::Kind::Mobile) {
            l.notes.push(Note {
                line: Some(i + offset + 1),
                kind: Check,
                id: "nomor berbentuk NIK/NIP di isi laporan: hapus (tilik check menolaknya)".into(),
                en: "a number shaped like an NIK/NIP in the body: delete it (tilik check refuses it)".into(),
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

fn usage(path: impl Into<PathBuf>, id: String, en: String, lang: Lang) -> ImportError {
    ImportError {
        diagnostic: Diagnostic::error(path, None, lang.pick(id, en)),
        exit_code: 2,
    }
}

/// Imports `opts.file` into the project at `opts.root`. Nothing is written when it fails.
pub fn import(opts: &ImportOptions) -> Result<Imported, ImportError> {
    let lang = opts.lang;
    if !opts.root.join("tilik.toml").is_file() {
        return Err(usage(
            opts.root.join("tilik.toml"),
            "tilik.toml tidak ditemukan: jalankan perintah ini di folder portal atau pakai --root"
                .into(),
            "tilik.toml not found: run this in the portal folder or pass --root".into(),
            lang,
        ));
    }
    let shown = display_path(&opts.file);
    let meta = fs::metadata(&opts.file).map_err(|e| {
        usage(
            &opts.file,
            format!("berkas tidak dapat dibuka: {e}"),
            format!("cannot open the file: {e}"),
            lang,
        )
    })?;
    if meta.len() > limits::MAX_FILE {
        return Err(refused(&opts.file, &Refusal::new(
            format!("berkas terlalu besar ({} MB; paling besar {} MB)", meta.len() >> 20, limits::MAX_FILE >> 20),
            format!("file too large ({} MB; at most {} MB)", meta.len() >> 20, limits::MAX_FILE >> 20),
            "perkecil foto di dalam dokumen (Word: Gambar › Kompres Gambar) lalu coba lagi",
            "compress the pictures in the document (Word: Picture › Compress Pictures) and try again",
        ), lang));
    }
    let bytes = fs::read(&opts.file).map_err(|e| {
        usage(
            &opts.file,
            format!("berkas tidak dapat dibaca: {e}"),
            format!("cannot read the file: {e}"),
            lang,
        )
    })?;
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
            diagnostic: Diagnostic::error(&rel, None, msg!(lang, "import.cannot_write", e)),
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
        diagnostic: Diagnostic::error(file, None, lang.pick(&r.id, &r.en).to_string())
            .with_hint(lang.pick(&r.hint_id, &r.hint_en).to_string()),
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
        (
            NoteKind::Filled,
            "Diisi dari dokumen:",
            "Filled from the document:",
        ),
        (
            NoteKind::Missing,
            "Belum diisi (cari \"ISI:\"):",
            "Not filled (look for \"ISI:\"):",
        ),
        (NoteKind::Check, "Periksa:", "Check:"),
    ];
    for (kind, id, en) in sections {
        let mut notes: Vec<&Note> = c.notes.iter().filter(|n| n.kind == kind).collect();
        if notes.is_empty() {
            continue;
        }
        notes.sort_by_key(|n| n.line.unwrap_or(usize::MAX));
        out.push('\n');
        out.push_str(lang.pick(id, en));
        out.push('\n');
        for n in notes {
            let at = match n.line {
                Some(l) => msg!(lang, "import.line", line = l),
                None => "-".into(),
            };
            out.push_str(&format!("  {at:<9} {}\n", lang.pick(&n.id, &n.en)));
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
