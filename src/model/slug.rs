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

#[cfg(test)]
mod tests {
    use super::slugify;

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
