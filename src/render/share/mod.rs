//! Share cards: the picture a chat or social app shows when a report's link is pasted in it
//! (Open Graph `og:image`, Twitter `summary_large_image`).
//!
//! One PNG of 1200 × 630 pixels per published report, at `kartu/<slug>.png`: the report's
//! title, unit, destination and year and its follow-up figures, in the default theme's
//! colours and the embedded font (Tilik Kartu Sans, a subset of Liberation Sans under the SIL
//! Open Font License: `fonts/OFL.txt`), so that it looks the same on every machine. Drawn in
//! Rust (tiny-skia), no browser or system font involved.
//!
//! Cards are kept in `.tilik-cache/kartu/` of the project under a hash of what they show, so
//! a rebuild draws only the cards whose text changed. `[share] cards = false` turns them off.

mod draw;

use crate::msg;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use tiny_skia::Color;

use crate::model::report::Status;
use crate::model::site::{Page, Site};
use crate::output::OutputFile;
use draw::{Canvas, Font, Weight};

/// Width of a card in pixels (the size Open Graph recommends).
pub const WIDTH: u32 = 1200;
/// Height of a card in pixels.
pub const HEIGHT: u32 = 630;
/// Folder of the cards in the output.
pub const FOLDER: &str = "kartu/";
/// Folder of the cached cards in the project.
pub const CACHE: &str = ".tilik-cache/kartu";
/// Changes whenever the drawing changes, so that cached cards of an older drawing are not used.
const DRAWING_VERSION: &str = "kartu-1";

/// Site path of the share card of a report.
pub fn card_path(page: &Page) -> String {
    format!("{FOLDER}{}.png", page.slug)
}

/// What a card shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardText {
    /// The portal's title, at the top.
    pub portal: String,
    /// The report's title.
    pub title: String,
    /// The unit that made the visit.
    pub unit: String,
    /// "Kota Surabaya · 2024".
    pub place: String,
    /// "4 rekomendasi · 1 selesai · 2 terlambat", or empty.
    pub figures: String,
}

impl CardText {
    /// The card of a report, in the page's language, on the build date of `site`.
    pub fn of(site: &Site, page: &Page) -> Option<CardText> {
        let report = page.report.as_ref()?;
        let lang = page.lang;
        let visit = &report.visit;
        let mut place = visit.destination.trim().to_string();
        if let Some(year) = page.visit_year() {
            if !place.is_empty() {
                place.push_str(" · ");
            }
            place.push_str(&year.to_string());
        }
        let recs = &report.recommendations;
        let figures = if recs.is_empty() {
            String::new()
        } else {
            let done = recs
                .iter()
                .filter(|r| matches!(r.status, Status::Selesai | Status::Dievaluasi))
                .count();
            let open = recs
                .iter()
                .filter(|r| matches!(r.status, Status::Usulan | Status::Proses))
                .count();
            let late = recs
                .iter()
                .filter(|r| r.is_overdue(site.build_date))
                .count();
            let mut parts = vec![msg!(lang, "count.recommendations", count = recs.len())];
            parts.push(msg!(lang, "share.done", count = done));
            if open > 0 {
                parts.push(msg!(lang, "share.open", count = open));
            }
            if late > 0 {
                parts.push(msg!(lang, "share.overdue", count = late));
            }
            parts.join(" · ")
        };
        Some(CardText {
            portal: site.config.title.clone(),
            title: page.meta.title.clone(),
            unit: visit.unit.clone(),
            place,
            figures,
        })
    }

    /// The name of this card in the cache: a hash of everything drawn.
    fn cache_name(&self) -> String {
        let key = [
            DRAWING_VERSION,
            &self.portal,
            &self.title,
            &self.unit,
            &self.place,
            &self.figures,
        ]
        .join("\u{1f}");
        format!(
            "{}.png",
            crate::search::encode::content_hash(key.as_bytes())
        )
    }
}

/// The default theme's colours (`--hd`, `--hl`, `--a`, `--fo` of `css/tilik.css`).
const BACKGROUND: [u8; 3] = [0x0b, 0x3a, 0x4e];
const PALE: [u8; 3] = [0xd6, 0xec, 0xf5];
const BAND: [u8; 3] = [0x0a, 0x5a, 0x78];
const ACCENT: [u8; 3] = [0xff, 0xb3, 0x5c];

fn rgb([r, g, b]: [u8; 3]) -> Color {
    Color::from_rgba8(r, g, b, 255)
}

/// Draws a card as PNG; `None` only if the embedded fonts were damaged.
pub fn draw(card: &CardText) -> Option<Vec<u8>> {
    let regular = Font::embedded(Weight::Regular)?;
    let bold = Font::embedded(Weight::Bold)?;
    let mut canvas = Canvas::new(WIDTH, HEIGHT, rgb(BACKGROUND))?;
    let margin = 64.0;
    let inner = WIDTH as f32 - 2.0 * margin;
    canvas.rect(0.0, 0.0, WIDTH as f32, 10.0, rgb(ACCENT));
    let portal = regular.wrap(&card.portal, 28.0, inner, 1);
    if let Some(line) = portal.first() {
        canvas.text(&regular, line, margin, 78.0, 28.0, rgb(PALE));
    }
    // The title as large as its length allows: three lines at 60 px, or four smaller.
    let (size, lines) = {
        let big = bold.wrap(&card.title, 60.0, inner, 3);
        if big.last().is_some_and(|l| l.ends_with('…')) {
            (50.0, bold.wrap(&card.title, 50.0, inner, 4))
        } else {
            (60.0, big)
        }
    };
    let mut y = 110.0 + size;
    for line in &lines {
        canvas.text(&bold, line, margin, y, size, Color::WHITE);
        y += size * 1.2;
    }
    y += 14.0;
    for line in [&card.unit, &card.place] {
        if let Some(l) = regular.wrap(line, 32.0, inner, 1).first() {
            canvas.text(&regular, l, margin, y, 32.0, rgb(PALE));
            y += 44.0;
        }
    }
    let band = HEIGHT as f32 - 96.0;
    canvas.rect(0.0, band, WIDTH as f32, 96.0, rgb(BAND));
    if let Some(l) = regular.wrap(&card.figures, 32.0, inner, 1).first() {
        canvas.text(&regular, l, margin, band + 60.0, 32.0, Color::WHITE);
    }
    canvas.png()
}

/// The share card of every published report, from the cache in `root` where one with the same
/// text is there, drawn (and cached) otherwise. Nothing when `[share] cards = false`.
pub fn cards(site: &Site, root: &Path) -> Vec<OutputFile> {
    if !site.config.share.cards {
        return Vec::new();
    }
    let cache = root.join(CACHE);
    let cache_ok = std::fs::create_dir_all(&cache).is_ok();
    let reports: Vec<&Page> = site.reports().collect();
    reports
        .par_iter()
        .filter_map(|page| {
            let card = CardText::of(site, page)?;
            Some(
                match cached_or_drawn(&card, cache_ok.then_some(cache.as_path()))? {
                    Card::Cached(file) => OutputFile::copy(card_path(page), file),
                    Card::Drawn(bytes) => OutputFile::bytes(card_path(page), bytes),
                },
            )
        })
        .collect()
}

/// Where a card comes from: its file in the cache (copied into the output, never held in
/// memory: 10,000 cards weigh over 200 MB), or its bytes when the cache cannot keep it.
enum Card {
    Cached(PathBuf),
    Drawn(Vec<u8>),
}

/// The card from the cache, or drawn and put in the cache (a cache that cannot be written is
/// only slower).
fn cached_or_drawn(card: &CardText, cache: Option<&Path>) -> Option<Card> {
    let file: Option<PathBuf> = cache.map(|c| c.join(card.cache_name()));
    if let Some(file) = file.as_ref().filter(|f| is_png(f)) {
        return Some(Card::Cached(file.clone()));
    }
    let bytes = draw(card)?;
    if let Some(file) = file {
        // Written beside, then renamed: a build running alongside never reads half a card.
        let tmp = file.with_extension(format!("tmp{}", std::process::id()));
        if std::fs::write(&tmp, &bytes).is_ok() && std::fs::rename(&tmp, &file).is_ok() {
            return Some(Card::Cached(file));
        }
        let _ = std::fs::remove_file(&tmp);
    }
    Some(Card::Drawn(bytes))
}

/// Whether `file` starts as a PNG does (a cache file cut short or overwritten is drawn again).
fn is_png(file: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 8];
    std::fs::File::open(file)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && head == *b"\x89PNG\r\n\x1a\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(title: &str) -> CardText {
        CardText {
            portal: "Portal Pembelajaran Studi Banding".into(),
            title: title.into(),
            unit: "Dinas Lingkungan Hidup Kabupaten Sleman".into(),
            place: "Kabupaten Banyumas · 2024".into(),
            figures: "4 rekomendasi · 1 selesai · 2 berjalan · 1 terlambat".into(),
        }
    }

    #[test]
    fn a_card_is_a_small_png_of_the_open_graph_size() {
        let long = "Studi Banding Tempat Pengolahan Sampah Terpadu (TPST) ke Kabupaten Banyumas dan Kota Surabaya tentang budi daya maggot, RDF, dan jejaring bank sampah di tingkat kelurahan";
        for title in ["Kunjungan Singkat", long] {
            let png = draw(&card(title)).unwrap();
            assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
            assert_eq!(&png[16..24], &[0, 0, 4, 176, 0, 0, 2, 118], "1200 × 630");
            assert!(png.len() <= 60 * 1024, "{} bytes", png.len());
        }
        assert_ne!(draw(&card("A")), draw(&card("B")));
    }

    #[test]
    fn cache_names_follow_the_text() {
        assert_eq!(card("A").cache_name(), card("A").cache_name());
        assert_ne!(card("A").cache_name(), card("B").cache_name());
        let mut other = card("A");
        other.figures = "4 rekomendasi · 4 selesai".into();
        assert_ne!(card("A").cache_name(), other.cache_name());
    }
}
