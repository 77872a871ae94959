//! Readable, stable ASCII slugs for URLs and heading ids.

/// Turns text into a URL slug: ASCII letters and digits, words joined by `-`.
///
/// Accented and non-Latin letters are transliterated ("Dinas Lingkungan Hidup" →
/// `dinas-lingkungan-hidup`, "Köln" → `koln`), so the same name always gives the same slug.
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
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
