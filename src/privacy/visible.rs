//! The text as a reader sees it, for the personal-data guard: HTML character references
//! (`&#51;`, `&#x33;`, `&nbsp;`) and URL escapes (`%33`, `%20`) decoded, every character put in
//! its Unicode compatibility form (NFKC: full-width `３` is `3`, a no-break space is a space),
//! and invisible characters (zero-width space and joiners, soft hyphen, direction marks)
//! left out. Each character remembers the bytes of the source it comes from, so that a number
//! found in the visible text is reported at its place in the file.
//!
//! Markdown markup (`**`, `\-`) is not removed here: the number matcher
//! ([`super::numbers`]) reads it as markup between digits.

use unicode_normalization::UnicodeNormalization;

/// One character of the visible text and the bytes of the source it comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VisibleChar {
    /// The character as shown.
    pub c: char,
    /// Byte offset in the source where what it comes from starts.
    pub start: usize,
    /// Byte offset in the source after what it comes from.
    pub end: usize,
}

/// The visible characters of `text`, in order.
pub fn visible(text: &str) -> Vec<VisibleChar> {
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let (c, len) = match rest.as_bytes()[0] {
            b'&' => reference(rest).unwrap_or(('&', 1)),
            b'%' => url_escape(rest).unwrap_or(('%', 1)),
            _ => match rest.chars().next() {
                Some(c) => (c, c.len_utf8()),
                None => break,
            },
        };
        push(&mut out, c, i, i + len);
        i += len;
    }
    out
}

/// Adds `c` in its compatibility form, unless it is invisible.
fn push(out: &mut Vec<VisibleChar>, c: char, start: usize, end: usize) {
    if c.is_ascii() || c.is_alphabetic() {
        // Letters stay as written (their decomposition changes nothing the matcher reads).
        out.push(VisibleChar { c, start, end });
    } else if !invisible(c) {
        out.extend(
            std::iter::once(c)
                .nfkc()
                .map(|c| VisibleChar { c, start, end }),
        );
    }
}

/// Characters that show nothing: zero-width space and joiners, word joiner and invisible
/// operators, soft hyphen, byte-order mark, direction marks and embeddings.
fn invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}'
        | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}')
}

/// An HTML character reference at the start of `s`: `&#51;`, `&#x33;` (the `;` may be left
/// out, as browsers allow) or one of the named ones that can stand between digits.
fn reference(s: &str) -> Option<(char, usize)> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let hex = matches!(b.get(2), Some(b'x' | b'X'));
        let from = if hex { 3 } else { 2 };
        let len = b[from..]
            .iter()
            .take(8)
            .take_while(|d| {
                if hex {
                    d.is_ascii_hexdigit()
                } else {
                    d.is_ascii_digit()
                }
            })
            .count();
        if len == 0 {
            return None;
        }
        let value = u32::from_str_radix(&s[from..from + len], if hex { 16 } else { 10 }).ok()?;
        let c = char::from_u32(value)?;
        let semicolon = usize::from(b.get(from + len) == Some(&b';'));
        return Some((c, from + len + semicolon));
    }
    let end = b.iter().take(32).position(|b| *b == b';')?;
    let c = match &s[1..end] {
        "nbsp" | "ensp" | "emsp" | "thinsp" | "numsp" | "puncsp" | "hairsp" | "MediumSpace"
        | "NoBreak" => ' ',
        "ndash" | "mdash" | "minus" | "hyphen" | "dash" => '-',
        "period" => '.',
        "comma" => ',',
        "sol" => '/',
        "lowbar" | "UnderBar" => '_',
        "ast" | "midast" => '*',
        "shy"
        | "zwsp"
        | "zwj"
        | "zwnj"
        | "ZeroWidthSpace"
        | "NegativeThinSpace"
        | "NegativeMediumSpace"
        | "NegativeThickSpace"
        | "NegativeVeryThinSpace" => '\u{200B}',
        "amp" => '&',
        _ => return None,
    };
    Some((c, end + 1))
}

/// A URL escape at the start of `s`: `%33`, `%20`, or the escapes of one UTF-8 character
/// (`%C2%A0`, `%EF%BC%93`).
fn url_escape(s: &str) -> Option<(char, usize)> {
    let byte = |at: usize| -> Option<u8> {
        let hex = s.get(at..at + 3)?.strip_prefix('%')?;
        u8::from_str_radix(hex, 16).ok()
    };
    let first = byte(0)?;
    let len = match first {
        0x00..=0x7F => return Some((char::from(first), 3)),
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => return None,
    };
    let mut bytes = vec![first];
    for k in 1..len {
        bytes.push(byte(3 * k)?);
    }
    let c = std::str::from_utf8(&bytes).ok()?.chars().next()?;
    Some((c, 3 * len))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> String {
        visible(text).iter().map(|v| v.c).collect()
    }

    #[test]
    fn references_and_url_escapes_are_decoded() {
        assert_eq!(shown("&#51;471&#x30;215"), "34710215");
        assert_eq!(
            shown("&#51471"),
            "\u{c90f}",
            "at most the digits of a code point"
        );
        assert_eq!(shown("3471&nbsp;0215&ndash;0385"), "3471 0215-0385");
        assert_eq!(shown("?q=3471%200215%2D0385"), "?q=3471 0215-0385");
        assert_eq!(
            shown("a%C2%A0b"),
            "a b",
            "a no-break space in UTF-8 escapes"
        );
        assert_eq!(
            shown("AT&T &copy; 50% &#; %zz %"),
            "AT&T &copy; 50% &#; %zz %"
        );
    }

    #[test]
    fn compatibility_forms_and_invisible_characters() {
        assert_eq!(shown("３４７１"), "3471");
        assert_eq!(shown("34\u{00A0}71\u{202F}02"), "34 71 02");
        assert_eq!(shown("34\u{200B}71\u{00AD}02\u{FEFF}15"), "34710215");
        assert_eq!(shown("“é” – ñ"), "“é” – ñ", "letters and dashes as written");
    }

    #[test]
    fn each_character_knows_its_source_bytes() {
        let text = "a&#51;%34５\u{200B}6";
        let v = visible(text);
        let spans: Vec<(char, &str)> = v.iter().map(|v| (v.c, &text[v.start..v.end])).collect();
        assert_eq!(
            spans,
            [
                ('a', "a"),
                ('3', "&#51;"),
                ('4', "%34"),
                ('5', "５"),
                ('6', "6")
            ]
        );
    }
}
