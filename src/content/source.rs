//! Reading a Markdown source file and splitting it into front matter and body.
//!
//! Handles what real editors produce: a UTF-8 byte-order mark, CRLF line endings, trailing
//! spaces after the `+++`/`---` fences. Rejects, with a position, what cannot be a report:
//! binary files, text that is not UTF-8, a missing or unterminated front matter.

use crate::diagnostics::{Lang, Pos};
use crate::msg;

/// The two front-matter syntaxes of the contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// TOML between `+++` lines.
    Toml,
    /// YAML between `---` lines.
    Yaml,
}

/// A source file split into its parts.
#[derive(Debug)]
pub struct Split {
    /// Which syntax the front matter is in.
    pub format: Format,
    /// The front matter text (without fences), with `\n` line endings.
    pub front_matter: String,
    /// 1-based line in the file where the front matter text starts.
    pub front_matter_line: usize,
    /// The Markdown body, with `\n` line endings.
    pub body: String,
    /// 1-based line in the file where the body starts.
    pub body_line: usize,
}

/// Why a file could not be split; `pos` says where.
#[derive(Debug)]
pub struct SplitError {
    /// Where the problem is.
    pub pos: Pos,
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub hint: Option<String>,
}

/// Decodes bytes as UTF-8 text for a Markdown file: strips a BOM, turns CRLF and lone CR into
/// LF. UTF-16 with a byte-order mark (what Notepad saves as "Unicode") is read too.
pub fn decode(bytes: &[u8], lang: Lang) -> Result<String, SplitError> {
    let save_as_utf8 = || msg!(lang, "source.not_utf8_notepad").to_string();
    if let Some(text) = decode_utf16(bytes) {
        return match text {
            Some(text) => Ok(text.replace("\r\n", "\n").replace('\r', "\n")),
            None => Err(SplitError {
                pos: Pos::new(1, 1),
                message: msg!(lang, "source.damaged_utf16"),
                hint: Some(save_as_utf8()),
            }),
        };
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        if looks_like_utf16(bytes) {
            return Err(SplitError {
                pos: Pos::new(1, 1),
                message: msg!(lang, "source.utf16"),
                hint: Some(save_as_utf8()),
            });
        }
        return Err(SplitError {
            pos: pos_of_offset(bytes, offset),
            message: msg!(lang, "source.binary"),
            hint: Some(msg!(lang, "source.attachment_outside_bundle")),
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        // A lone CR is a line break too (old Mac files, mixed endings): YAML and Markdown
        // read it so, and positions must count the same lines.
        Ok(text) => Ok(text.replace("\r\n", "\n").replace('\r', "\n")),
        Err(e) => Err(SplitError {
            pos: pos_of_offset(bytes, e.valid_up_to()),
            message: msg!(lang, "source.invalid_utf8"),
            hint: Some(msg!(lang, "source.not_utf8")),
        }),
    }
}

/// The text of UTF-16 bytes that start with a byte-order mark (`None` inside when they are
/// damaged); `None` for bytes without one.
fn decode_utf16(bytes: &[u8]) -> Option<Option<String>> {
    let (rest, big_endian) = match bytes {
        [0xFF, 0xFE, rest @ ..] => (rest, false),
        [0xFE, 0xFF, rest @ ..] => (rest, true),
        _ => return None,
    };
    if rest.len() % 2 != 0 {
        return Some(None);
    }
    let units = rest.chunks_exact(2).map(|pair| {
        let pair = [pair[0], pair[1]];
        if big_endian {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }
    });
    Some(
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .ok(),
    )
}

/// Whether bytes without a byte-order mark look like UTF-16 text: a zero in every other
/// byte of the start (Latin text in UTF-16).
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let start = &bytes[..bytes.len().min(64) & !1];
    if start.len() < 4 {
        return false;
    }
    let zeros_at = |parity: usize| {
        start
            .iter()
            .enumerate()
            .filter(|(i, &b)| i % 2 == parity && b == 0)
            .count()
    };
    let half = start.len() / 2;
    zeros_at(0) * 10 >= half * 9 || zeros_at(1) * 10 >= half * 9
}

/// Line and column of a byte offset (columns count characters, best effort for bad UTF-8).
fn pos_of_offset(bytes: &[u8], offset: usize) -> Pos {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    Pos::new(line, col)
}

/// Splits decoded text into front matter and body.
pub fn split(text: &str, lang: Lang) -> Result<Split, SplitError> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    let format = match first.trim_end() {
        "+++" => Format::Toml,
        "---" => Format::Yaml,
        _ => {
            return Err(SplitError {
                pos: Pos::new(1, 1),
                message: msg!(lang, "source.no_front_matter"),
                hint: Some(msg!(lang, "source.no_front_matter_hint")),
            })
        }
    };
    let fence = if format == Format::Toml { "+++" } else { "---" };
    let mut offset = first.len();
    let mut line_no = 1;
    for line in lines {
        line_no += 1;
        if line.trim_end() == fence {
            let front_matter = text[first.len()..offset].to_string();
            let body_start = offset + line.len();
            return Ok(Split {
                format,
                front_matter,
                front_matter_line: 2,
                body: text[body_start..].to_string(),
                body_line: line_no + 1,
            });
        }
        offset += line.len();
    }
    Err(SplitError {
        pos: Pos::new(1, 1),
        message: msg!(lang, "source.unterminated_front_matter", fence),
        hint: Some(msg!(lang, "source.unterminated_front_matter_hint", fence)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_toml_with_bom_and_crlf() {
        let text = decode(
            b"\xEF\xBB\xBF+++\r\ntitle = \"A\"\r\n+++\r\nbody\r\n",
            Lang::Id,
        )
        .unwrap();
        let s = split(&text, Lang::Id).unwrap();
        assert_eq!(s.format, Format::Toml);
        assert_eq!(s.front_matter, "title = \"A\"\n");
        assert_eq!(s.body, "body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn reports_unterminated_and_missing_front_matter() {
        assert!(split("---\ntitle: a\n", Lang::En)
            .unwrap_err()
            .message
            .contains("unterminated"));
        assert!(split("# Judul\n", Lang::En)
            .unwrap_err()
            .message
            .contains("does not start"));
        assert!(split("", Lang::En).is_err());
    }

    #[test]
    fn lone_carriage_returns_are_line_breaks() {
        // Found by fuzzing: YAML counted `\r` as a line break and gave error lines past the
        // end of the file.
        let text = decode(b"---\rtitle: a\r\r\rbad\r---\rbody", Lang::En).unwrap();
        assert_eq!(text, "---\ntitle: a\n\n\nbad\n---\nbody");
        let s = split(&text, Lang::En).unwrap();
        let e = crate::content::value::parse_yaml(&s.front_matter, s.front_matter_line, Lang::En);
        assert!(e.unwrap_err().pos.line <= 6);
    }

    #[test]
    fn reads_utf16_with_a_byte_order_mark_and_explains_it_without() {
        let text = "+++\r\ntitle = \"Pelayanan Publik — Ö\"\r\n+++\r\nIsi\r\n";
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        let expected = text.replace("\r\n", "\n");
        assert_eq!(decode(&le, Lang::Id).unwrap(), expected);
        assert_eq!(decode(&be, Lang::Id).unwrap(), expected);
        let e = decode(&le[..le.len() - 1], Lang::Id).unwrap_err();
        assert!(e.hint.unwrap().contains("simpan ulang sebagai UTF-8"));
        let e = decode(&le[2..], Lang::Id).unwrap_err();
        assert!(e.message.contains("UTF-16"), "{}", e.message);
        assert!(e.hint.unwrap().contains("simpan ulang sebagai UTF-8"));
    }

    #[test]
    fn rejects_binary_and_bad_utf8_with_position() {
        assert_eq!(
            decode(b"ab\ncd\0", Lang::En).unwrap_err().pos,
            Pos::new(2, 3)
        );
        assert_eq!(
            decode(b"+++\n\xff", Lang::En).unwrap_err().pos,
            Pos::new(2, 1)
        );
    }
}
