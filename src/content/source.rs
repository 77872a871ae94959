//! Reading a Markdown source file and splitting it into front matter and body.
//!
//! Handles what real editors produce: a UTF-8 byte-order mark, CRLF line endings, trailing
//! spaces after the `+++`/`---` fences. Rejects, with a position, what cannot be a report:
//! binary files, text that is not UTF-8, a missing or unterminated front matter.

use crate::diagnostics::{Lang, Pos};

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
/// LF.
pub fn decode(bytes: &[u8], lang: Lang) -> Result<String, SplitError> {
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(SplitError {
            pos: pos_of_offset(bytes, offset),
            message: lang
                .pick(
                    "berkas ini biner, bukan teks Markdown",
                    "this is a binary file, not Markdown text",
                )
                .into(),
            hint: Some(
                lang.pick(
                    "gambar dan lampiran diletakkan di folder laporan (bundle) di samping index.md",
                    "put images and attachments in the report's folder (bundle) next to index.md",
                )
                .into(),
            ),
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        // A lone CR is a line break too (old Mac files, mixed endings): YAML and Markdown
        // read it so, and positions must count the same lines.
        Ok(text) => Ok(text.replace("\r\n", "\n").replace('\r', "\n")),
        Err(e) => Err(SplitError {
            pos: pos_of_offset(bytes, e.valid_up_to()),
            message: lang
                .pick(
                    "teks ini bukan UTF-8 yang sah",
                    "this text is not valid UTF-8",
                )
                .into(),
            hint: Some(
                lang.pick(
                    "simpan ulang berkas dengan pengodean UTF-8 (di editor: Save with Encoding → UTF-8)",
                    "save the file again with UTF-8 encoding",
                )
                .into(),
            ),
        }),
    }
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
                message: lang
                    .pick(
                        "berkas tidak diawali front matter (baris `+++` atau `---`)",
                        "the file does not start with front matter (a `+++` or `---` line)",
                    )
                    .into(),
                hint: Some(
                    lang.pick(
                        "awali berkas dengan:\n      +++\n      title = \"Judul laporan\"\n      date = 2024-05-06\n      +++",
                        "start the file with:\n      +++\n      title = \"Report title\"\n      date = 2024-05-06\n      +++",
                    )
                    .into(),
                ),
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
        message: lang.pick(
            format!("front matter tidak ditutup: baris `{fence}` penutup tidak ditemukan"),
            format!("unterminated front matter: no closing `{fence}` line"),
        ),
        hint: Some(lang.pick(
            format!("tambahkan baris `{fence}` setelah kunci terakhir, sebelum isi laporan"),
            format!("add a `{fence}` line after the last key, before the body"),
        )),
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
        let e = crate::content::value::parse_yaml(&s.front_matter, s.front_matter_line);
        assert!(e.unwrap_err().pos.line <= 6);
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
