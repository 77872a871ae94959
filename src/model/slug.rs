//! Readable, stable ASCII slugs for URLs and heading ids.

/// Turns text into a URL slug: ASCII letters and digits, words joined by `-`.
///
/// Accented and non-Latin letters are transliterated ("Dinas Lingkungan Hidup" →
/// `dinas-lingkungan-hidup`, "Köln" → `koln`), so the same name always gives the same slug.
pub fn slugify(text: &str) -> String {
    // Most names are ASCII already, and transliteration leaves ASCII as it is (but for DEL,
    // which it drops).
    let ascii = if text.is_ascii() && !text.contains('\x7f') {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(deunicode::deunicode(text))
    };
    let mut slug = String::with_capacity(ascii.len());
    let mut pending_dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
    }
    slug
}

/// Longest slug [`short_slug`] makes, in bytes.
const SHORT_SLUG_MAX: usize = 60;

/// Words every report title has, left out of a long title's slug: they tell one report from
/// another no more than `/laporan/` in its URL does.
const FILLER_WORDS: &[&str] = &[
    "laporan",
    "hasil",
    "studi",
    "banding",
    "kunjungan",
    "kerja",
    "dalam",
    "rangka",
    "tentang",
    "mengenai",
    "tahun",
    "ke",
    "di",
    "dan",
    "yang",
    "pada",
];

/// A slug for a new file named after a (possibly long) title: the title's slug when it is
/// short enough; else without the filler words of report titles and cut at a word to at most
/// 60 characters ("Laporan Hasil Studi Banding Dinas Penanaman Modal dan PTSP ke Kota
/// Surabaya Tahun 2026" → `dinas-penanaman-modal-ptsp-kota-surabaya-2026`).
pub fn short_slug(title: &str) -> String {
    let full = slugify(title);
    if full.len() <= SHORT_SLUG_MAX {
        return full;
    }
    let words: Vec<&str> = full
        .split('-')
        .filter(|w| !FILLER_WORDS.contains(w))
        .collect();
    let words = if words.is_empty() {
        full.split('-').collect()
    } else {
        words
    };
    let mut slug = String::new();
    for word in words {
        let extra = word.len() + usize::from(!slug.is_empty());
        if slug.len() + extra > SHORT_SLUG_MAX {
            if slug.is_empty() {
                slug.push_str(&word[..SHORT_SLUG_MAX]);
            }
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::{short_slug, slugify};

    #[test]
    fn long_titles_get_short_slugs_that_keep_what_tells_them_apart() {
        assert_eq!(
            short_slug("Studi Banding ke Kota Surabaya"),
            "studi-banding-ke-kota-surabaya"
        );
        let long = "Laporan Hasil Studi Banding Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kabupaten Sleman ke Kota Surabaya Tahun 2026";
        let slug = short_slug(long);
        assert!(slug.len() <= 60, "{slug}");
        assert_eq!(
            slug,
            "dinas-penanaman-modal-pelayanan-terpadu-satu-pintu-kabupaten"
        );
        assert!(!slug.ends_with('-'));
        assert_eq!(short_slug(&"x".repeat(100)).len(), 60);
    }

    #[test]
    fn ascii_is_not_transliterated() {
        let all: String = (0u8..127).map(char::from).collect();
        assert_eq!(deunicode::deunicode(&all), all);
        assert_eq!(slugify("a\x7fb"), "ab");
    }

    #[test]
    fn slugs_are_readable_ascii() {
        assert_eq!(
            slugify("Dinas Lingkungan Hidup Kabupaten Sleman"),
            "dinas-lingkungan-hidup-kabupaten-sleman"
        );
        assert_eq!(
            slugify("  Bappeda — Kota Palu (2024)  "),
            "bappeda-kota-palu-2024"
        );
        assert_eq!(slugify("Köln & Zürich"), "koln-zurich");
        assert_eq!(slugify("UMKM"), "umkm");
        assert_eq!(slugify("!!!"), "");
    }
}
