//! Drawing a share card: flat shapes and lines of text in the embedded font, rasterised with
//! tiny-skia and encoded as PNG.

use tiny_skia::{Color, FillRule, Paint, PathBuilder, Pixmap, Rect, Transform};
use ttf_parser::{Face, GlyphId, OutlineBuilder};

/// The regular and bold faces of the embedded font (see `fonts/OFL.txt`).
static REGULAR: &[u8] = include_bytes!("fonts/TilikKartuSans-Regular.ttf");
static BOLD: &[u8] = include_bytes!("fonts/TilikKartuSans-Bold.ttf");

/// Which face to draw in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weight {
    /// Regular.
    Regular,
    /// Bold.
    Bold,
}

/// A font face, parsed once.
pub struct Font<'a> {
    face: Face<'a>,
    /// Drawn for a character the font does not have.
    fallback: Option<GlyphId>,
}

impl Font<'static> {
    /// The embedded face of this weight; `None` only if the embedded file were damaged.
    pub fn embedded(weight: Weight) -> Option<Font<'static>> {
        let data = match weight {
            Weight::Regular => REGULAR,
            Weight::Bold => BOLD,
        };
        let face = Face::parse(data, 0).ok()?;
        let fallback = face.glyph_index('?');
        Some(Font { face, fallback })
    }
}

impl Font<'_> {
    fn glyph(&self, c: char) -> Option<GlyphId> {
        self.face.glyph_index(c).or(self.fallback)
    }

    /// The width of `text` at `size` pixels.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let scale = size / f32::from(self.face.units_per_em());
        text.chars()
            .filter_map(|c| self.glyph(c))
            .map(|g| f32::from(self.face.glyph_hor_advance(g).unwrap_or(0)) * scale)
            .sum()
    }

    /// `text` broken into lines no wider than `max` at `size`, at most `lines` of them; a
    /// text that does not fit ends with "…".
    pub fn wrap(&self, text: &str, size: f32, max: f32, lines: usize) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut line = String::new();
        let mut cut = false;
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if line.is_empty() || self.width(&candidate, size) <= max {
                line = candidate;
                continue;
            }
            out.push(std::mem::take(&mut line));
            if out.len() == lines {
                cut = true;
                break;
            }
            line = word.to_string();
        }
        if !line.is_empty() {
            out.push(line);
        }
        let last = out.len().saturating_sub(1);
        for (i, l) in out.iter_mut().enumerate() {
            if (cut && i == last) || self.width(l, size) > max {
                *l = self.shorten(l, size, max);
            }
        }
        out
    }

    /// `text` cut to fit `max` with a final "…".
    fn shorten(&self, text: &str, size: f32, max: f32) -> String {
        let mut chars: Vec<char> = text.chars().collect();
        loop {
            let s: String = chars.iter().collect::<String>().trim_end().to_string() + "…";
            if chars.is_empty() || self.width(&s, size) <= max {
                return s;
            }
            chars.pop();
        }
    }
}

/// A card being drawn.
pub struct Canvas {
    pixmap: Pixmap,
}

impl Canvas {
    /// A canvas of `width` × `height` filled with `background`.
    pub fn new(width: u32, height: u32, background: Color) -> Option<Canvas> {
        let mut pixmap = Pixmap::new(width, height)?;
        pixmap.fill(background);
        Some(Canvas { pixmap })
    }

    /// Fills a rectangle.
    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, colour: Color) {
        if let Some(rect) = Rect::from_xywh(x, y, w, h) {
            let mut paint = Paint::default();
            paint.set_color(colour);
            self.pixmap
                .fill_rect(rect, &paint, Transform::identity(), None);
        }
    }

    /// Draws one line of text with its baseline at `y`, starting at `x`.
    pub fn text(&mut self, font: &Font, text: &str, x: f32, y: f32, size: f32, colour: Color) {
        let scale = size / f32::from(font.face.units_per_em());
        let mut outline = Outline {
            path: PathBuilder::new(),
            x,
            y,
            scale,
        };
        for c in text.chars() {
            let Some(g) = font.glyph(c) else { continue };
            font.face.outline_glyph(g, &mut outline);
            outline.x += f32::from(font.face.glyph_hor_advance(g).unwrap_or(0)) * scale;
        }
        if let Some(path) = outline.path.finish() {
            let mut paint = Paint::default();
            paint.set_color(colour);
            paint.anti_alias = true;
            self.pixmap.fill_path(
                &path,
                &paint,
                FillRule::Winding,
                Transform::identity(),
                None,
            );
        }
    }

    /// The card as an indexed-colour PNG: flat colours and the anti-aliased edges between
    /// them need far fewer than 256 colours, and take a third of the bytes of RGBA.
    pub fn png(&self) -> Option<Vec<u8>> {
        let pixels: Vec<[u8; 3]> = self
            .pixmap
            .pixels()
            .iter()
            .map(|p| {
                let c = p.demultiply();
                [c.red(), c.green(), c.blue()]
            })
            .collect();
        // Exact colours when there are few enough; else edges share the nearest of coarser
        // steps (the flat colours, seen first, keep their exact value).
        let (palette, indexes) = (0..8).find_map(|shift| palette_of(&pixels, shift))?;
        let mut out = Vec::new();
        {
            let mut encoder =
                png::Encoder::new(&mut out, self.pixmap.width(), self.pixmap.height());
            encoder.set_color(png::ColorType::Indexed);
            encoder.set_depth(png::BitDepth::Eight);
            encoder.set_palette(palette.concat());
            encoder.set_compression(png::Compression::Default);
            encoder.set_filter(png::FilterType::NoFilter);
            let mut writer = encoder.write_header().ok()?;
            writer.write_image_data(&indexes).ok()?;
        }
        Some(out)
    }
}

/// A palette of at most 256 colours for `pixels` with each channel's low `shift` bits
/// ignored, and each pixel's index in it; `None` when more colours are needed.
fn palette_of(pixels: &[[u8; 3]], shift: u32) -> Option<(Vec<[u8; 3]>, Vec<u8>)> {
    let mut seen: std::collections::HashMap<[u8; 3], u8> = std::collections::HashMap::new();
    let mut palette: Vec<[u8; 3]> = Vec::new();
    let mut indexes = Vec::with_capacity(pixels.len());
    // Runs of one colour are the rule on a card: the previous pixel answers most lookups.
    let mut last: Option<([u8; 3], u8)> = None;
    for p in pixels {
        let key = p.map(|c| c >> shift);
        if let Some((last_key, last_index)) = last {
            if last_key == key {
                indexes.push(last_index);
                continue;
            }
        }
        let index = match seen.get(&key) {
            Some(&i) => i,
            None => {
                let i = u8::try_from(palette.len()).ok()?;
                palette.push(*p);
                seen.insert(key, i);
                i
            }
        };
        indexes.push(index);
        last = Some((key, index));
    }
    Some((palette, indexes))
}

/// Glyph outlines (font units, y up) into one path in pixels (y down) at a pen position.
struct Outline {
    path: PathBuilder,
    x: f32,
    y: f32,
    scale: f32,
}

impl Outline {
    fn at(&self, x: f32, y: f32) -> (f32, f32) {
        (self.x + x * self.scale, self.y - y * self.scale)
    }
}

impl OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.at(x, y);
        self.path.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.at(x, y);
        self.path.line_to(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let (x1, y1) = self.at(x1, y1);
        let (x, y) = self.at(x, y);
        self.path.quad_to(x1, y1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let (x1, y1) = self.at(x1, y1);
        let (x2, y2) = self.at(x2, y2);
        let (x, y) = self.at(x, y);
        self.path.cubic_to(x1, y1, x2, y2, x, y);
    }
    fn close(&mut self) {
        self.path.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_fonts_load_and_wrap_text() {
        let bold = Font::embedded(Weight::Bold).unwrap();
        let regular = Font::embedded(Weight::Regular).unwrap();
        assert!(bold.width("Surabaya", 40.0) > regular.width("Surabaya", 40.0) * 0.9);
        let lines = regular.wrap("satu dua tiga empat lima enam tujuh", 40.0, 200.0, 2);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines[1].ends_with('…'), "{lines:?}");
        for l in &lines {
            assert!(regular.width(l, 40.0) <= 200.0, "{l}");
        }
        let one = regular.wrap("Pendek", 40.0, 800.0, 3);
        assert_eq!(one, vec!["Pendek".to_string()]);
        let long = regular.wrap("Supercalifragilisticexpialidocious", 40.0, 200.0, 3);
        assert_eq!(long.len(), 1);
        assert!(long[0].ends_with('…') && regular.width(&long[0], 40.0) <= 200.0);
        // A character the font lacks is drawn as "?", not left out.
        assert!(regular.width("日", 40.0) > 0.0);
    }
}
