//! Finding a report's structure in a word-processor document: the letterhead (*kop surat*)
//! and title at the top, headings given by style or by the numbering people type ("BAB I",
//! "I. PENDAHULUAN", "A. Latar Belakang", "1. …"), captions under photos, tables of contents
//! and the signature block at the end, which are dropped.

use super::model::{squash, Block, Document, NumFormat, Para, ParaKind, Table};
use crate::deferred_msg;

/// A piece of the body once the structure is known.
#[derive(Clone, Debug)]
pub enum Item {
    /// A heading, `##` (2) to `######` (6).
    Heading {
        /// Markdown level.
        level: u8,
        /// Its text without the typed number, in title case if it was all capitals.
        text: String,
    },
    /// A paragraph or list item.
    Para(Para),
    /// A caption under an image or table.
    Caption(String),
    /// A table and its number (1-based, in document order).
    Table(Table, usize),
}

/// The document split into what goes where.
#[derive(Clone, Debug, Default)]
pub struct Outline {
    /// The title, when one was found.
    pub title: Option<String>,
    /// Lines of the letterhead (from the body's top or the page header).
    pub letterhead: Vec<String>,
    /// The body.
    pub items: Vec<Item>,
    /// What was dropped, for the writer's summary.
    pub dropped: Vec<crate::messages::Deferred>,
}

const LETTERHEAD_STARTS: [&str; 12] = [
    "PEMERINTAH",
    "DINAS",
    "BADAN",
    "SEKRETARIAT",
    "KANTOR",
    "INSPEKTORAT",
    "SATUAN",
    "BAGIAN",
    "RUMAH SAKIT",
    "KECAMATAN",
    "DEWAN",
    "KELURAHAN",
];

const LETTERHEAD_WORDS: [&str; 10] = [
    "jalan ", "jl.", "jl ", "telp", "telepon", "faks", "kode pos", "e-mail", "email", "website",
];

const SIGNATURE_WORDS: [&str; 10] = [
    "nip",
    "mengetahui",
    "ttd",
    "yang membuat",
    "pelapor",
    "kepala dinas",
    "pembina",
    "penata",
    "ketua tim",
    "menyetujui",
];

/// Words kept in capitals when a title in capitals is put in title case.
const ACRONYMS: [&str; 24] = [
    "APBD", "APBN", "DPRD", "RSUD", "UPT", "UPTD", "OPD", "SKPD", "BUMD", "PAD", "SPBE", "TIK",
    "UMKM", "CCTV", "PPID", "LPSE", "ASN", "PNS", "RI", "NTB", "NTT", "DIY", "DKI", "BLUD",
];

const SMALL_WORDS: [&str; 14] = [
    "dan", "di", "ke", "dari", "yang", "untuk", "pada", "atau", "dengan", "serta", "of", "and",
    "the", "in",
];

/// Whether a text is written in capitals (at least one letter, none lowercase).
pub fn is_upper(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

/// "LAPORAN STUDI BANDING KE DINAS KOMINFO" → "Laporan Studi Banding ke Dinas Kominfo";
/// text not in capitals is returned as it is.
pub fn title_case(s: &str) -> String {
    let s = squash(s);
    if !is_upper(&s) {
        return s;
    }
    s.split(' ')
        .enumerate()
        .map(|(i, w)| {
            let core: String = w.chars().filter(|c| c.is_alphanumeric()).collect();
            let lower = w.to_lowercase();
            let no_vowel = core.len() >= 2
                && core.chars().all(|c| c.is_ascii_uppercase())
                && !core.chars().any(|c| "AIUEO".contains(c));
            if ACRONYMS.contains(&core.as_str()) || no_vowel || is_roman(&core) && core.len() > 1 {
                w.to_string()
            } else if i > 0 && SMALL_WORDS.contains(&lower.as_str()) {
                lower
            } else {
                let mut cs = lower.chars();
                match cs.next() {
                    Some(f) => f.to_uppercase().collect::<String>() + cs.as_str(),
                    None => String::new(),
                }
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_roman(s: &str) -> bool {
    !s.is_empty() && s.len() <= 6 && s.chars().all(|c| "IVXL".contains(c))
}

/// The kinds of typed numbering a heading can start with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Typed {
    /// "BAB I", "BAB 1".
    Chapter,
    /// "I.", "II.".
    Roman,
    /// "A.", "B.".
    Letter,
    /// "1.", "2.".
    Digit,
}

/// Splits a typed number off a paragraph's text: ("I.", "PENDAHULUAN") → Roman.
pub fn typed_number(text: &str) -> Option<(Typed, String)> {
    let t = text.trim();
    if let Some(rest) = t.strip_prefix("BAB ").or_else(|| t.strip_prefix("Bab ")) {
        let (num, title) = rest.split_once([' ', '.', ':', '\t']).unwrap_or((rest, ""));
        if is_roman(num) || num.chars().all(|c| c.is_ascii_digit()) {
            let title = title.trim_start_matches(['.', ':', ' ', '-', '–']).trim();
            return Some((Typed::Chapter, title.to_string()));
        }
    }
    let (num, rest) = t.split_once(['.', ')'])?;
    if !rest.starts_with([' ', '\t', '\u{a0}']) {
        return None;
    }
    let rest = rest.trim().to_string();
    if rest.is_empty() {
        return None;
    }
    let kind = if is_roman(num) {
        Typed::Roman
    } else if num.len() == 1 && num.chars().all(|c| c.is_ascii_uppercase()) {
        Typed::Letter
    } else if !num.is_empty() && num.len() <= 2 && num.chars().all(|c| c.is_ascii_digit()) {
        Typed::Digit
    } else {
        return None;
    };
    Some((kind, rest))
}

/// Short, no final punctuation: reads as a heading rather than a sentence.
fn heading_like(text: &str) -> bool {
    let t = text.trim();
    t.chars().count() <= 90
        && t.split_whitespace().count() <= 12
        && !t.ends_with(['.', ';', ',', ':'])
        && t.chars().any(char::is_alphabetic)
}

/// A heading named after a usual report section even when only typed in bold.
const SECTION_WORDS: [&str; 14] = [
    "latar belakang",
    "maksud dan tujuan",
    "tujuan",
    "pelaksanaan",
    "hasil kunjungan",
    "hasil studi banding",
    "temuan",
    "pembelajaran",
    "kesimpulan",
    "saran",
    "rekomendasi",
    "tindak lanjut",
    "penutup",
    "pendahuluan",
];

fn is_letterhead_line(text: &str) -> bool {
    let upper = text.trim().to_uppercase();
    let lower = text.to_lowercase();
    LETTERHEAD_STARTS
        .iter()
        .any(|s| upper.starts_with(s) && is_upper(text))
        || LETTERHEAD_WORDS.iter().any(|w| lower.contains(w))
        || lower.contains("www.")
}

fn block_text(b: &Block) -> String {
    match b {
        Block::Para(p) => squash(&p.text()),
        Block::Table(t) => squash(
            &t.rows
                .iter()
                .flatten()
                .map(|c| c.text())
                .collect::<Vec<_>>()
                .join(" "),
        ),
    }
}

fn is_toc_line(p: &Para) -> bool {
    let t = p.text();
    let t = t.trim_end();
    let ends_with_page = t
        .chars()
        .last()
        .is_some_and(|c| c.is_ascii_digit() || "ivx".contains(c));
    ends_with_page
        && (t.contains("....")
            || t.contains("\u{2026}")
            || p.inlines
                .iter()
                .any(|i| matches!(i, super::model::Inline::Tab)))
}

/// Finds the structure of `doc`, taking its blocks.
pub fn outline(doc: &mut Document) -> Outline {
    let mut out = Outline::default();
    let blocks = std::mem::take(&mut doc.blocks);
    // Drop empty paragraphs and tables of contents.
    let mut kept: Vec<Block> = Vec::new();
    let mut in_toc = false;
    let mut toc_lines = 0;
    for b in blocks {
        if let Block::Para(p) = &b {
            let text = squash(&p.text());
            if text.is_empty() && p.images().is_empty() {
                continue;
            }
            if p.kind == ParaKind::Toc {
                toc_lines += 1;
                continue;
            }
            let upper = text.to_uppercase();
            if upper == "DAFTAR ISI" || upper == "TABLE OF CONTENTS" || upper == "CONTENTS" {
                in_toc = true;
                toc_lines += 1;
                continue;
            }
            if in_toc {
                if is_toc_line(p) {
                    toc_lines += 1;
                    continue;
                }
                in_toc = false;
            }
        }
        kept.push(b);
    }
    if toc_lines > 0 {
        out.dropped
            .push(deferred_msg!("import.toc_dropped_lines", count = toc_lines));
    }
    // Letterhead: the first blocks, while they read like one.
    let mut start = 0;
    while start < kept.len().min(10) {
        let b = &kept[start];
        let text = block_text(b);
        let image_only = matches!(b, Block::Para(p) if text.is_empty() && !p.images().is_empty());
        let line = match b {
            Block::Para(_) => is_letterhead_line(&text),
            Block::Table(t) => {
                t.rows.len() <= 3
                    && t.rows
                        .iter()
                        .flatten()
                        .any(|c| c.paras.iter().any(|p| is_letterhead_line(&p.text())))
            }
        };
        if !(line || image_only && start + 1 < kept.len()) {
            break;
        }
        match b {
            Block::Para(p) => {
                if !text.is_empty() {
                    out.letterhead.push(squash(&p.text()));
                }
            }
            Block::Table(t) => {
                for c in t.rows.iter().flatten() {
                    for p in &c.paras {
                        let s = squash(&p.text());
                        if !s.is_empty() {
                            out.letterhead.push(s);
                        }
                    }
                }
            }
        }
        start += 1;
    }
    if start > 0 {
        out.dropped
            .push(deferred_msg!("import.letterhead_dropped", count = start));
    }
    let mut blocks: Vec<Block> = kept.split_off(start);
    // Title: the title style, else the first lines in capitals starting with "LAPORAN".
    let mut title_at: Option<(usize, usize)> = None;
    if let Some(i) = blocks
        .iter()
        .take(12)
        .position(|b| matches!(b, Block::Para(p) if p.kind == ParaKind::Title))
    {
        let mut j = i + 1;
        while j < blocks.len()
            && j < i + 3
            && matches!(&blocks[j], Block::Para(p) if p.kind == ParaKind::Title)
        {
            j += 1;
        }
        title_at = Some((i, j));
    } else if let Some(i) = blocks.iter().take(8).position(|b| {
        matches!(b, Block::Para(p) if {
            let t = squash(&p.text()).to_uppercase();
            t.starts_with("LAPORAN") && p.list.is_none() && typed_number(&t).is_none()
        })
    }) {
        let mut j = i + 1;
        while j < blocks.len() && j < i + 4 {
            let more = matches!(&blocks[j], Block::Para(p) if {
                let t = squash(&p.text());
                (p.centered || is_upper(&t)) && heading_like(&t) && typed_number(&t).is_none()
                    && p.list.is_none() && p.images().is_empty()
                    && !matches!(p.kind, ParaKind::Heading(_))
            });
            if !more {
                break;
            }
            j += 1;
        }
        title_at = Some((i, j));
    } else if let Some(i) = blocks.iter().take(5).position(|b| {
        matches!(b, Block::Para(p) if p.kind == ParaKind::Heading(1) && {
            let t = squash(&p.text());
            typed_number(&t).is_none() && !is_section_name(&t)
        })
    }) {
        title_at = Some((i, i + 1));
    }
    if let Some((i, j)) = title_at {
        let text = blocks[i..j]
            .iter()
            .map(block_text)
            .collect::<Vec<_>>()
            .join(" ");
        out.title = Some(title_case(&text));
        blocks.drain(i..j);
        // Lines between the letterhead and the title (a document number, "Kepada Yth.") go too.
        if i > 0
            && i <= 3
            && blocks[..i]
                .iter()
                .all(|b| block_text(b).chars().count() < 80)
        {
            blocks.drain(..i);
        }
    }
    // The signature block at the end.
    let sig = signature_start(&blocks);
    if let Some(s) = sig {
        let n = blocks.len() - s;
        blocks.truncate(s);
        out.dropped
            .push(deferred_msg!("import.signature_dropped", count = n));
    }
    out.items = headings(blocks);
    out
}

fn is_section_name(t: &str) -> bool {
    let l = t.to_lowercase();
    SECTION_WORDS.iter().any(|w| l.starts_with(w))
}

fn signature_start(blocks: &[Block]) -> Option<usize> {
    let closing = blocks.iter().rposition(|b| {
        matches!(b, Block::Para(p) if {
            let t = p.text();
            let t = t.trim_start().to_lowercase();
            t.starts_with("demikian")
        })
    });
    let from = match closing {
        Some(c) => c + 1,
        None => blocks.len().saturating_sub(15),
    };
    let mut start = None;
    let mut whole_run = true;
    for (i, b) in blocks.iter().enumerate().skip(from).rev() {
        let text = block_text(b);
        let short = match b {
            Block::Para(p) => text.chars().count() <= 100 && p.list.is_none(),
            Block::Table(t) => t.rows.len() <= 8,
        };
        if !short {
            whole_run = false;
            break;
        }
        let lower = text.to_lowercase();
        let signs = SIGNATURE_WORDS.iter().any(|w| {
            lower
                .split(|c: char| !c.is_alphanumeric() && c != ' ')
                .any(|part| part.trim().starts_with(w))
        }) || place_and_date(&text);
        if signs {
            start = Some(i);
        }
    }
    match (closing, start) {
        // Everything after the closing sentence, when all of it reads like a signature block.
        (Some(c), Some(_)) if whole_run => Some(c + 1),
        // Otherwise the run of short lines at the end, from its first signature line.
        (_, Some(s)) => Some(s),
        _ => None,
    }
}

/// "Sleman, 10 Mei 2024": where and when a letter was signed.
fn place_and_date(text: &str) -> bool {
    let Some((place, date)) = text.split_once(',') else {
        return false;
    };
    place.split_whitespace().count() <= 3
        && text.chars().count() < 50
        && super::dates::find_range(date).is_some()
}

fn headings(blocks: Vec<Block>) -> Vec<Item> {
    // Which typed kinds appear as headings, to give them levels in order.
    let mut kinds: Vec<Typed> = Vec::new();
    let typed_heading = |p: &Para| -> Option<(Typed, String)> {
        if p.kind != ParaKind::Normal && !matches!(p.kind, ParaKind::Heading(_)) {
            return None;
        }
        let text = squash(&p.text());
        if let Some(l) = &p.list {
            let kind = match l.format {
                NumFormat::UpperRoman if l.level == 0 => Typed::Roman,
                NumFormat::UpperLetter if l.level <= 1 => Typed::Letter,
                _ => return None,
            };
            return (heading_like(&text)
                && (p.all_bold() || is_upper(&text) || kind == Typed::Roman))
                .then_some((kind, text));
        }
        let (kind, rest) = typed_number(&text)?;
        let strong = p.all_bold() || is_upper(&rest);
        let ok = heading_like(&rest)
            && match kind {
                Typed::Chapter | Typed::Roman => true,
                Typed::Letter => strong || is_section_name(&rest),
                Typed::Digit => p.all_bold(),
            };
        ok.then_some((kind, rest))
    };
    for b in &blocks {
        if let Block::Para(p) = b {
            if let Some((k, _)) = typed_heading(p) {
                if !kinds.contains(&k) {
                    kinds.push(k);
                }
            }
        }
    }
    let order = [Typed::Chapter, Typed::Roman, Typed::Letter, Typed::Digit];
    kinds.sort_by_key(|k| order.iter().position(|o| o == k));
    if kinds.contains(&Typed::Chapter) && kinds.contains(&Typed::Roman) {
        kinds.retain(|k| *k != Typed::Roman);
    }
    let level_of = |k: Typed| -> Option<u8> {
        kinds
            .iter()
            .position(|x| *x == k)
            .map(|i| (i as u8 + 2).min(6))
    };
    let mut items = Vec::new();
    let mut tables = 0;
    let mut deepest_typed = 1u8;
    for b in blocks {
        match b {
            Block::Table(t) => {
                tables += 1;
                items.push(Item::Table(t, tables));
            }
            Block::Para(p) => {
                let text = squash(&p.text());
                if let ParaKind::Heading(n) = p.kind {
                    let clean = typed_heading(&p).map(|(_, r)| r).unwrap_or(text.clone());
                    let clean = match typed_number(&clean) {
                        Some((_, r)) => r,
                        None => clean,
                    };
                    items.push(Item::Heading {
                        level: (n + 1).min(6),
                        text: title_case(&clean),
                    });
                    continue;
                }
                if let Some((k, rest)) = typed_heading(&p) {
                    if let Some(level) = level_of(k) {
                        let rest = match typed_number(&rest) {
                            Some((_, r)) if p.list.is_some() => r,
                            _ => rest,
                        };
                        deepest_typed = level;
                        items.push(Item::Heading {
                            level,
                            text: title_case(&rest),
                        });
                        continue;
                    }
                }
                if p.list.is_none() && p.all_bold() && heading_like(&text) && is_section_name(&text)
                {
                    let level = if kinds.is_empty() {
                        2
                    } else {
                        (deepest_typed + 1).min(6)
                    };
                    items.push(Item::Heading {
                        level,
                        text: title_case(&text),
                    });
                    continue;
                }
                let prev_image =
                    matches!(items.last(), Some(Item::Para(q)) if !q.images().is_empty());
                let lower = text.to_lowercase();
                let looks_caption = ["gambar ", "foto ", "figure ", "tabel ", "table "]
                    .iter()
                    .any(|w| lower.starts_with(w))
                    && text.chars().count() <= 200;
                if p.kind == ParaKind::Caption || prev_image && looks_caption {
                    if !text.is_empty() {
                        items.push(Item::Caption(text));
                    }
                    if p.images().is_empty() {
                        continue;
                    }
                }
                items.push(Item::Para(p));
            }
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_numbers_are_read() {
        assert_eq!(
            typed_number("I. PENDAHULUAN"),
            Some((Typed::Roman, "PENDAHULUAN".into()))
        );
        assert_eq!(
            typed_number("A. Latar Belakang"),
            Some((Typed::Letter, "Latar Belakang".into()))
        );
        assert_eq!(
            typed_number("BAB II HASIL KUNJUNGAN"),
            Some((Typed::Chapter, "HASIL KUNJUNGAN".into()))
        );
        assert_eq!(
            typed_number("1. Jadwal"),
            Some((Typed::Digit, "Jadwal".into()))
        );
        assert_eq!(typed_number("Jl. Merdeka"), None);
        assert_eq!(typed_number("2024. tahun"), None);
    }

    #[test]
    fn capitals_become_title_case_keeping_acronyms() {
        assert_eq!(
            title_case("LAPORAN STUDI BANDING KE DPMPTSP KOTA SURABAYA"),
            "Laporan Studi Banding ke DPMPTSP Kota Surabaya"
        );
        assert_eq!(title_case("Hasil Kunjungan"), "Hasil Kunjungan");
        assert_eq!(title_case("SUMBER DANA APBD"), "Sumber Dana APBD");
    }

    fn para(text: &str) -> Block {
        Block::Para(Para {
            inlines: vec![super::super::model::Inline::Text {
                text: text.into(),
                bold: false,
                italic: false,
            }],
            ..Para::default()
        })
    }

    #[test]
    fn the_signature_block_goes_but_not_an_appendix_after_it() {
        let long = "Lampiran ini memuat rincian jadwal dan daftar hadir yang disusun oleh sekretariat tim selama tiga hari kunjungan.";
        let mut blocks = vec![
            para("Isi laporan."),
            para("Demikian laporan ini kami sampaikan."),
            para("Sleman, 10 Mei 2024"),
            para("Ketua Tim,"),
            para("NIP. 19800101 200501 1 001"),
        ];
        assert_eq!(signature_start(&blocks), Some(2));
        blocks.push(para(long));
        assert_eq!(signature_start(&blocks), None);
        let without_closing = vec![
            para(long),
            para("Mengetahui,"),
            para("Kepala Dinas"),
            para("Budi"),
        ];
        assert_eq!(signature_start(&without_closing), Some(1));
    }

    #[test]
    fn place_and_date_lines_are_signature_lines() {
        assert!(place_and_date("Sleman, 10 Mei 2024"));
        assert!(!place_and_date(
            "Pada hari itu, kami berkunjung ke kantor dinas"
        ));
    }
}
