//! Removing metadata (EXIF with GPS position and camera owner, XMP, IPTC, comments) from the
//! images of report bundles as they are copied, without re-encoding a single pixel.
//!
//! Each format is rewritten by walking its container and keeping an allow-list of the parts
//! a viewer needs; everything after the image's end marker goes too (phones append depth maps,
//! HDR gain maps and vendor trailers there, each with metadata of its own):
//!
//! - JPEG: image segments (tables, frame, scans, restart interval), `APP0` JFIF, `APP2` ICC
//!   profile and `APP14` Adobe (colour transform). The EXIF orientation is kept, in a fresh
//!   EXIF segment holding nothing else, so that portrait photos stay upright.
//! - PNG: critical chunks and the ancillary chunks about colour, transparency, pixel size and
//!   animation; text chunks, `eXIf` and `tIME` go.
//! - WebP: image, alpha, animation and ICC chunks; `EXIF` and `XMP ` go and the `VP8X` flags
//!   saying they were there are cleared.
//!
//! The `img-parts` crate was considered: it keeps MPF secondary images and bytes after the
//! end of the image (which can hold their own EXIF), and leaves the WebP XMP flag set.
//!
//! The output depends only on the input bytes, so rebuilds stay byte-identical.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::content::cache::{ParseCache, Stamp};
use crate::diagnostics::{Diagnostic, Lang};
use crate::messages::Deferred;
use crate::model::site::{Page, Site};
use crate::{deferred_msg, msg};

/// Image formats whose metadata is removed on copy.
const STRIPPED: &[&str] = &["jpg", "jpeg", "jpe", "jfif", "png", "webp"];

/// Image formats that can carry EXIF but are copied as they are (with a warning).
const NOT_STRIPPED: &[&str] = &[
    "tif", "tiff", "heic", "heif", "avif", "jxl", "dng", "cr2", "nef", "arw",
];

/// Why an image could not be rewritten, shown in the run's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StripError {
    reason: Deferred,
}

impl StripError {
    fn new(reason: Deferred) -> StripError {
        StripError { reason }
    }

    /// The reason, in the language of messages.
    pub fn describe(&self, lang: Lang) -> String {
        self.reason.show(lang)
    }
}

fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

/// Whether a file is an image whose metadata Tilik removes on copy.
pub fn is_strippable(path: &Path) -> bool {
    STRIPPED.contains(&extension(path).as_str())
}

/// Removes metadata from an image of a [`is_strippable`] kind, chosen by its content.
pub fn strip(bytes: &[u8]) -> Result<Vec<u8>, StripError> {
    if bytes.starts_with(&[0xFF, 0xD8]) {
        strip_jpeg(bytes)
    } else if bytes.starts_with(PNG_SIGNATURE) {
        strip_png(bytes)
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        strip_webp(bytes)
    } else {
        Err(StripError::new(deferred_msg!("strip.not_an_image")))
    }
}

/// The most bytes of stripped images a build keeps between the content checks and the
/// write ([`Stripped`]); images past it are read and stripped again when written.
const KEPT_BYTES: usize = 256 << 20;

/// Bundle images read and stripped by [`damaged_images`], by source path, for the render to
/// take: a build reads and strips each image once. `tilik serve` keeps them in its
/// [`ParseCache`] too, so that an unchanged image is never read again.
#[derive(Debug, Default)]
pub struct Stripped {
    images: std::sync::Mutex<std::collections::HashMap<PathBuf, std::sync::Arc<Vec<u8>>>>,
}

impl Stripped {
    /// Takes the stripped bytes of the image at `source`, when they were kept: a second
    /// render of the same site reads the image again.
    pub fn take(&self, source: &Path) -> Option<Vec<u8>> {
        let arc = self
            .images
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(source)?;
        Some(std::sync::Arc::try_unwrap(arc).unwrap_or_else(|shared| (*shared).clone()))
    }

    fn put(&self, source: &Path, bytes: std::sync::Arc<Vec<u8>>) {
        self.images
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(source.to_path_buf(), bytes);
    }
}

/// Errors for the bundle images of a format Tilik rewrites that cannot be read as that
/// format: such an image would be published with its metadata, so the run stops, as for any
/// other content error, and `tilik check` finds it too. Images are read in parallel; `cache`
/// keeps each answer while the image is unchanged (`tilik serve`). The stripped images are
/// kept in `site.stripped` for the render (up to [`KEPT_BYTES`] when nothing is cached).
pub fn damaged_images(site: &Site, cache: &mut ParseCache, lang: Lang) -> Vec<Diagnostic> {
    let mut todo = Vec::new();
    let mut out = Vec::new();
    // Plans' images are checked when they are published, as they are written then.
    let plans = if site.plans_published {
        &site.plans[..]
    } else {
        &[]
    };
    for page in site.pages.iter().chain(&site.sections).chain(plans) {
        for asset in page.assets().iter().filter(|a| is_strippable(a)) {
            let shown = shown_path(page, asset);
            let stamp = if cache.is_enabled() {
                Stamp::of(asset)
            } else {
                None
            };
            match stamp.and_then(|s| cache.image_check(asset, s)) {
                Some(Err(reason)) => out.push(damaged(shown, reason, lang)),
                Some(Ok(bytes)) => site.stripped.put(asset, bytes.clone()),
                None => todo.push((asset.as_path(), shown, stamp)),
            }
        }
    }
    let kept = std::sync::atomic::AtomicUsize::new(0);
    let keep_all = cache.is_enabled();
    let checked: Vec<_> = todo
        .into_par_iter()
        .map(|(asset, shown, stamp)| {
            let result = match std::fs::read(asset) {
                Ok(bytes) => strip(&bytes)
                    .map(std::sync::Arc::new)
                    .map_err(|e| e.describe(lang).to_string()),
                Err(e) => Err(msg!(lang, "strip.cannot_read", error = e)),
            };
            if let Ok(bytes) = &result {
                let total = kept.fetch_add(bytes.len(), std::sync::atomic::Ordering::Relaxed);
                if keep_all || total + bytes.len() <= KEPT_BYTES {
                    site.stripped.put(asset, bytes.clone());
                }
            }
            (asset, shown, stamp, result)
        })
        .collect();
    for (asset, shown, stamp, result) in checked {
        if let Err(reason) = &result {
            out.push(damaged(shown, reason, lang));
        }
        if let Some(stamp) = stamp {
            cache.keep_image_check(asset, stamp, result);
        }
    }
    out
}

/// The error for an image whose metadata cannot be removed, and why.
pub fn damaged(shown: PathBuf, reason: &str, lang: Lang) -> Diagnostic {
    Diagnostic::error(shown, None, msg!(lang, "strip.damaged", reason))
        .with_hint(msg!(lang, "strip.damaged_hint"))
}

/// The path of a bundle file as messages show it: the page's folder as shown, and its name.
fn shown_path(page: &Page, asset: &Path) -> PathBuf {
    page.source
        .display
        .parent()
        .map(|d| d.join(asset.file_name().unwrap_or_default()))
        .unwrap_or_else(|| asset.to_path_buf())
}

/// Warnings for bundle images in formats whose metadata Tilik cannot remove.
pub fn unsupported_images(site: &Site, lang: Lang) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for page in site.pages.iter().chain(&site.sections) {
        for asset in page.assets() {
            let ext = extension(asset);
            if NOT_STRIPPED.contains(&ext.as_str()) {
                let shown = shown_path(page, asset);
                out.push(
                    Diagnostic::warning(shown, None, msg!(lang, "strip.not_stripped", ext))
                        .with_hint(msg!(lang, "strip.not_stripped_hint")),
                );
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// JPEG

fn strip_jpeg(b: &[u8]) -> Result<Vec<u8>, StripError> {
    let truncated = StripError::new(deferred_msg!("strip.truncated_jpeg"));
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(&[0xFF, 0xD8]);
    let mut orientation_written = false;
    let mut i = 2;
    loop {
        // A marker: 0xFF, any number of fill 0xFF bytes, then the marker code.
        if *b.get(i).ok_or(truncated.clone())? != 0xFF {
            return Err(StripError::new(deferred_msg!("strip.jpeg_no_marker")));
        }
        while b.get(i) == Some(&0xFF) {
            i += 1;
        }
        let marker = *b.get(i).ok_or(truncated.clone())?;
        i += 1;
        match marker {
            0xD9 => {
                out.extend_from_slice(&[0xFF, 0xD9]);
                return Ok(out); // anything after the end of the image is dropped
            }
            0x01 | 0xD0..=0xD7 => {
                out.extend_from_slice(&[0xFF, marker]);
                continue;
            }
            _ => {}
        }
        let len_bytes = b.get(i..i + 2).ok_or(truncated.clone())?;
        let len = usize::from(u16::from_be_bytes([len_bytes[0], len_bytes[1]]));
        if len < 2 {
            return Err(StripError::new(deferred_msg!("strip.jpeg_bad_length")));
        }
        let segment = b.get(i - 2..i + len).ok_or(truncated.clone())?;
        let payload = &segment[4..];
        i += len;
        match marker {
            0xE1 => {
                if let Some(o) = payload.strip_prefix(b"Exif\0\0").and_then(exif_orientation) {
                    if o != 1 && !orientation_written {
                        out.extend_from_slice(&orientation_only_exif(o));
                        orientation_written = true;
                    }
                }
            }
            0xE0 if payload.starts_with(b"JFIF\0") => out.extend_from_slice(segment),
            0xE2 if payload.starts_with(b"ICC_PROFILE\0") => out.extend_from_slice(segment),
            0xEE if payload.starts_with(b"Adobe") => out.extend_from_slice(segment),
            0xE0..=0xEF | 0xFE => {} // other application segments and comments
            0xDA => {
                out.extend_from_slice(segment);
                // Entropy-coded data runs to the next marker that is not a stuffed 0xFF00
                // or a restart marker.
                let start = i;
                loop {
                    let ff = b[i..]
                        .iter()
                        .position(|&x| x == 0xFF)
                        .ok_or(truncated.clone())?;
                    i += ff;
                    match b.get(i + 1) {
                        Some(0x00 | 0xD0..=0xD7) => i += 2,
                        Some(0xFF) => i += 1,
                        Some(_) => break,
                        None => return Err(truncated),
                    }
                }
                out.extend_from_slice(&b[start..i]);
            }
            _ => out.extend_from_slice(segment),
        }
    }
}

/// The orientation (1–8) of an EXIF block (TIFF header and IFD0), if it has one.
fn exif_orientation(tiff: &[u8]) -> Option<u16> {
    let big = match tiff.get(..2)? {
        b"MM" => true,
        b"II" => false,
        _ => return None,
    };
    let u16_at = |at: usize| -> Option<u16> {
        let s = tiff.get(at..at + 2)?;
        Some(if big {
            u16::from_be_bytes([s[0], s[1]])
        } else {
            u16::from_le_bytes([s[0], s[1]])
        })
    };
    let u32_at = |at: usize| -> Option<u32> {
        let s = tiff.get(at..at + 4)?;
        let a = [s[0], s[1], s[2], s[3]];
        Some(if big {
            u32::from_be_bytes(a)
        } else {
            u32::from_le_bytes(a)
        })
    };
    let ifd = usize::try_from(u32_at(4)?).ok()?;
    let count = usize::from(u16_at(ifd)?);
    (0..count).find_map(|n| {
        let entry = ifd.checked_add(2 + 12 * n)?;
        (u16_at(entry)? == 0x0112 && u16_at(entry + 2)? == 3)
            .then(|| u16_at(entry + 8))
            .flatten()
            .filter(|o| (1..=8).contains(o))
    })
}

/// An APP1 segment with an EXIF block holding only the orientation.
fn orientation_only_exif(orientation: u16) -> Vec<u8> {
    let mut tiff = Vec::new();
    tiff.extend_from_slice(b"MM\0\x2A\0\0\0\x08"); // big-endian, IFD0 at offset 8
    tiff.extend_from_slice(&1u16.to_be_bytes()); // one entry
    tiff.extend_from_slice(&0x0112u16.to_be_bytes()); // Orientation
    tiff.extend_from_slice(&3u16.to_be_bytes()); // SHORT
    tiff.extend_from_slice(&1u32.to_be_bytes()); // one value
    tiff.extend_from_slice(&orientation.to_be_bytes());
    tiff.extend_from_slice(&[0, 0]);
    tiff.extend_from_slice(&0u32.to_be_bytes()); // no next IFD
    let mut seg = vec![0xFF, 0xE1];
    let len = 2 + 6 + tiff.len();
    seg.extend_from_slice(&(len as u16).to_be_bytes());
    seg.extend_from_slice(b"Exif\0\0");
    seg.extend_from_slice(&tiff);
    seg
}

// ---------------------------------------------------------------------------------------
// PNG

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// Ancillary chunks a viewer needs: colour, transparency, pixel size, animation.
const PNG_KEEP: &[&[u8; 4]] = &[
    b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT", b"bKGD", b"pHYs", b"hIST", b"sPLT",
    b"cICP", b"mDCv", b"cLLi", b"acTL", b"fcTL", b"fdAT",
];

fn strip_png(b: &[u8]) -> Result<Vec<u8>, StripError> {
    let truncated = StripError::new(deferred_msg!("strip.truncated_png"));
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(PNG_SIGNATURE);
    let mut i = PNG_SIGNATURE.len();
    loop {
        let head = b.get(i..i + 8).ok_or(truncated.clone())?;
        let len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
        let kind: [u8; 4] = [head[4], head[5], head[6], head[7]];
        let end = i
            .checked_add(12)
            .and_then(|n| n.checked_add(len))
            .ok_or(truncated.clone())?;
        let chunk = b.get(i..end).ok_or(truncated.clone())?;
        i = end;
        let critical = kind[0].is_ascii_uppercase();
        if critical || PNG_KEEP.contains(&&kind) {
            out.extend_from_slice(chunk);
        }
        if &kind == b"IEND" {
            return Ok(out); // anything after the end of the image is dropped
        }
    }
}

// ---------------------------------------------------------------------------------------
// WebP

const WEBP_KEEP: &[&[u8; 4]] = &[
    b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP",
];

fn strip_webp(b: &[u8]) -> Result<Vec<u8>, StripError> {
    let truncated = StripError::new(deferred_msg!("strip.truncated_webp"));
    let riff_len = u32::from_le_bytes([b[4], b[5], b[6], b[7]]) as usize;
    let end = riff_len.checked_add(8).ok_or(truncated.clone())?;
    let body = b.get(12..end).ok_or(truncated.clone())?;
    let mut chunks = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        let head = body.get(i..i + 8).ok_or(truncated.clone())?;
        let len = u32::from_le_bytes([head[4], head[5], head[6], head[7]]) as usize;
        let padded = len + (len & 1);
        let chunk_end = i
            .checked_add(8)
            .and_then(|n| n.checked_add(padded))
            .ok_or(truncated.clone())?;
        // The last chunk may lack its padding byte; take what is there.
        let chunk = body
            .get(i..chunk_end.min(body.len()))
            .ok_or(truncated.clone())?;
        if chunk.len() < 8 + len {
            return Err(truncated);
        }
        let id: [u8; 4] = [head[0], head[1], head[2], head[3]];
        if WEBP_KEEP.contains(&&id) {
            let start = chunks.len();
            chunks.extend_from_slice(chunk);
            if chunk.len() < 8 + padded {
                chunks.push(0);
            }
            if &id == b"VP8X" && len >= 1 {
                chunks[start + 8] &= !(0x08 | 0x04); // EXIF and XMP flags
            }
        }
        i = chunk_end;
    }
    let mut out = Vec::with_capacity(chunks.len() + 12);
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&((chunks.len() + 4) as u32).to_le_bytes());
    out.extend_from_slice(b"WEBP");
    out.extend_from_slice(&chunks);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A JPEG's frame: the smallest set of segments with a scan, as a viewer would see them.
    fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
        let mut s = vec![0xFF, marker];
        s.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
        s.extend_from_slice(payload);
        s
    }

    fn exif_with_gps(orientation: u16) -> Vec<u8> {
        // Little-endian TIFF: IFD0 with Make, Orientation and an Artist string.
        let mut t = b"II\x2A\0\x08\0\0\0".to_vec();
        t.extend_from_slice(&3u16.to_le_bytes());
        for (tag, kind, count, value) in [
            (0x010Fu16, 2u16, 4u32, *b"Cam\0"),
            (0x0112, 3, 1, [orientation as u8, 0, 0, 0]),
            (0x013B, 2, 4, *b"Ani\0"),
        ] {
            t.extend_from_slice(&tag.to_le_bytes());
            t.extend_from_slice(&kind.to_le_bytes());
            t.extend_from_slice(&count.to_le_bytes());
            t.extend_from_slice(&value);
        }
        t.extend_from_slice(&0u32.to_le_bytes());
        t.extend_from_slice(b"GPS -7.7956 110.3695 SECRET-OWNER");
        let mut p = b"Exif\0\0".to_vec();
        p.extend_from_slice(&t);
        p
    }

    fn jpeg(orientation: u16) -> Vec<u8> {
        let mut j = vec![0xFF, 0xD8];
        j.extend(segment(0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0"));
        j.extend(segment(0xE1, &exif_with_gps(orientation)));
        j.extend(segment(
            0xE1,
            b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>SECRET-OWNER</x:xmpmeta>",
        ));
        j.extend(segment(0xE2, b"ICC_PROFILE\0\x01\x01profile"));
        j.extend(segment(0xED, b"Photoshop 3.0\0SECRET-OWNER"));
        j.extend(segment(0xFE, b"SECRET-OWNER comment"));
        j.extend(segment(0xDB, &[0u8; 65]));
        j.extend(segment(0xC0, b"\x08\0\x01\0\x01\x01\x01\x11\0"));
        j.extend(segment(0xC4, &[0u8; 20]));
        j.extend(segment(0xDA, b"\x01\x01\0\0\x3F\0"));
        j.extend_from_slice(b"\x12\xFF\x00\x34\xFF\xD0\x56"); // stuffed byte and a restart
        j.extend_from_slice(&[0xFF, 0xD9]);
        j.extend_from_slice(b"trailer SECRET-OWNER");
        j
    }

    #[test]
    fn jpeg_loses_exif_xmp_iptc_comments_and_trailers_but_keeps_pixels() {
        let input = jpeg(1);
        let out = strip(&input).unwrap();
        let text = String::from_utf8_lossy(&out);
        for gone in ["SECRET-OWNER", "GPS", "Exif", "xmpmeta", "Cam", "Photoshop"] {
            assert!(!text.contains(gone), "{gone} still there");
        }
        assert!(text.contains("JFIF") && text.contains("ICC_PROFILE"));
        assert!(out.ends_with(b"\x3F\0\x12\xFF\x00\x34\xFF\xD0\x56\xFF\xD9"));
        assert_eq!(strip(&out).unwrap(), out, "stripping is idempotent");
    }

    #[test]
    fn jpeg_keeps_the_orientation_alone() {
        let out = strip(&jpeg(6)).unwrap();
        let at = out
            .windows(6)
            .position(|w| w == b"Exif\0\0")
            .expect("an EXIF segment");
        assert_eq!(exif_orientation(&out[at + 6..]), Some(6));
        assert!(!String::from_utf8_lossy(&out).contains("SECRET"));
        assert_eq!(strip(&out).unwrap(), out);
    }

    #[test]
    fn damaged_jpegs_are_errors_not_panics() {
        let full = jpeg(6);
        for n in 0..full.len() - 22 {
            let _ = strip(&full[..n]);
        }
        assert!(strip(&full[..40]).is_err());
        assert!(strip(b"\xFF\xD8\xFF\xE1\x00\x01").is_err());
    }

    fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut c = (data.len() as u32).to_be_bytes().to_vec();
        c.extend_from_slice(kind);
        c.extend_from_slice(data);
        c.extend_from_slice(&[0, 0, 0, 0]); // CRC: copied as is, not checked here
        c
    }

    #[test]
    fn png_loses_text_exif_and_time() {
        let mut p = PNG_SIGNATURE.to_vec();
        p.extend(png_chunk(b"IHDR", &[0; 13]));
        p.extend(png_chunk(b"tEXt", b"Author\0SECRET-OWNER"));
        p.extend(png_chunk(b"eXIf", b"MM\0\x2aSECRET"));
        p.extend(png_chunk(b"iTXt", b"XML:com.adobe.xmp\0SECRET"));
        p.extend(png_chunk(b"tIME", &[0; 7]));
        p.extend(png_chunk(b"pHYs", &[0; 9]));
        p.extend(png_chunk(b"IDAT", b"pixels"));
        p.extend(png_chunk(b"IEND", b""));
        p.extend_from_slice(b"SECRET trailer");
        let out = strip(&p).unwrap();
        let text = String::from_utf8_lossy(&out);
        assert!(!text.contains("SECRET") && !text.contains("tIME"), "{text}");
        assert!(text.contains("IHDR") && text.contains("pHYs") && text.contains("pixels"));
        assert!(out.ends_with(b"IEND\0\0\0\0"));
        assert!(strip(&p[..30]).is_err());
    }

    #[test]
    fn webp_loses_exif_and_xmp_and_their_flags() {
        let chunk = |id: &[u8; 4], data: &[u8]| {
            let mut c = id.to_vec();
            c.extend_from_slice(&(data.len() as u32).to_le_bytes());
            c.extend_from_slice(data);
            if data.len() % 2 == 1 {
                c.push(0);
            }
            c
        };
        let mut body = b"WEBP".to_vec();
        body.extend(chunk(b"VP8X", &[0x2C, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
        body.extend(chunk(b"ICCP", b"icc"));
        body.extend(chunk(b"VP8 ", b"pixels"));
        body.extend(chunk(b"EXIF", b"SECRET-GPS"));
        body.extend(chunk(b"XMP ", b"SECRET-OWNER!"));
        let mut w = b"RIFF".to_vec();
        w.extend_from_slice(&(body.len() as u32).to_le_bytes());
        w.extend(body);
        let out = strip(&w).unwrap();
        assert!(!String::from_utf8_lossy(&out).contains("SECRET"));
        assert_eq!(out[20], 0x20, "only the ICC flag is left");
        let len = u32::from_le_bytes([out[4], out[5], out[6], out[7]]) as usize;
        assert_eq!(len + 8, out.len());
        assert_eq!(strip(&out).unwrap(), out);
        assert!(strip(&w[..25]).is_err());
    }

    #[test]
    fn kinds_by_extension() {
        assert!(is_strippable(Path::new("a/Foto TPST.JPG")));
        assert!(is_strippable(Path::new("b.webp")));
        assert!(!is_strippable(Path::new("c.pdf")));
        assert!(strip(b"%PDF-1.4").is_err());
    }
}
