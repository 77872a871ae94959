//! What to tell a writer about a link or image that does not work: link syntax Markdown left
//! as text (`![Foto](Foto Loket.jpg)`), and a file name that is almost right
//! (`foto.JPG` for `foto.jpg`).

use std::path::Path;

use crate::diagnostics::Lang;
use crate::msg;

/// The message and hint for `snippet`, written as a link or image (`[…](…)`, `![…](…)`) that
/// Markdown read as plain text.
pub fn not_a_link(snippet: &str, lang: Lang) -> (String, String) {
    let image = snippet.starts_with('!');
    let (label, target) = match snippet.split_once("](") {
        Some((label, target)) => (label, target.strip_suffix(')').unwrap_or(target)),
        None => (snippet, ""),
    };
    let what = if image {
        msg!(lang, "link_hints.an_image")
    } else {
        msg!(lang, "link_hints.a_link")
    };
    let message = msg!(lang, "link_hints.not_a_link", snippet, what);
    let target = target.trim();
    let hint = if target.contains(char::is_whitespace) && !target.starts_with('<') {
        let renamed: String = target
            .split_whitespace()
            .collect::<Vec<_>>()
            .join("-")
            .to_lowercase();
        msg!(lang, "link_hints.spaces_in_address", label, target, renamed)
    } else {
        msg!(lang, "link_hints.not_a_link_hint")
    };
    (message, hint)
}

/// The name of a file in the same folder as `missing` (a page for a `.md` name, else any other
/// file) that differs from its name only in the
/// ways writers slip: upper/lower case, `.jpeg` for `.jpg`, spaces, underscores or dashes;
/// else one whose name is close enough to be a typo.
pub fn near_miss_file(missing: &Path) -> Option<String> {
    let wanted = missing.file_name()?.to_str()?;
    let names: Vec<String> = std::fs::read_dir(missing.parent()?)
        .ok()?
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().into_string().ok())
        // A page link looks among pages, a file link among the other files.
        .filter(|n| n.to_lowercase().ends_with(".md") == wanted.to_lowercase().ends_with(".md"))
        .collect();
    let key = loose_name(wanted);
    if let Some(same) = names.iter().find(|n| loose_name(n) == key) {
        return Some(same.clone());
    }
    let loose: Vec<String> = names.iter().map(|n| loose_name(n)).collect();
    let closest = crate::diagnostics::did_you_mean(&key, loose.iter().map(String::as_str))?;
    let i = loose.iter().position(|l| l == closest)?;
    Some(names[i].clone())
}

/// A file name with the differences writers do not see taken out: lower case, one dash for
/// each run of spaces, underscores and dashes, `.jpeg` as `.jpg`.
fn loose_name(name: &str) -> String {
    let lower = name.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    for c in lower.chars() {
        let c = if c == ' ' || c == '_' { '-' } else { c };
        if !(c == '-' && out.ends_with('-')) {
            out.push(c);
        }
    }
    match out.strip_suffix(".jpeg") {
        Some(stem) => format!("{stem}.jpg"),
        None => out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_with_a_space_gets_both_fixes() {
        let (message, hint) = not_a_link("![Loket antrean](Foto Loket.jpg)", Lang::En);
        assert!(message.contains("does not become an image"), "{message}");
        assert!(
            hint.contains("`![Loket antrean](<Foto Loket.jpg>)`"),
            "{hint}"
        );
        assert!(hint.contains("(foto-loket.jpg)"), "{hint}");
        let (message, hint) = not_a_link("[situs](https://a.go.id/x(1)", Lang::Id);
        assert!(message.contains("tidak menjadi tautan"), "{message}");
        assert!(hint.contains("tepat setelah"), "{hint}");
    }

    #[test]
    fn near_misses_differ_in_case_extension_spaces_or_dashes() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "foto-ruang-tunggu.JPG",
            "Denah_Lokasi.jpeg",
            "index.md",
            "x.pdf",
        ] {
            std::fs::write(dir.path().join(name), b"").unwrap();
        }
        let near = |n: &str| near_miss_file(&dir.path().join(n));
        assert_eq!(
            near("foto-ruang-tunggu.jpg").as_deref(),
            Some("foto-ruang-tunggu.JPG")
        );
        assert_eq!(
            near("denah lokasi.jpg").as_deref(),
            Some("Denah_Lokasi.jpeg")
        );
        assert_eq!(
            near("foto-ruang-tungu.JPG").as_deref(),
            Some("foto-ruang-tunggu.JPG")
        );
        assert_eq!(near("anggaran.xlsx"), None);
        assert_eq!(near("Index.md").as_deref(), Some("index.md"));
        assert_eq!(near("x.PDF").as_deref(), Some("x.pdf"));
    }
}
