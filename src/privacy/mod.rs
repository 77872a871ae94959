//! Personal data guard (UU PDP, Law 27/2022): numbers shaped like an NIK (16 digits, the
//! national identity number), an NIP (18 digits, a civil servant's number) or a personal
//! mobile number, found in a report's body or front matter, in the names of its bundle's
//! files or in the text files it attaches.
//!
//! An NIK or NIP fails the build; a mobile number (`08…`, `+628…`, `628…`) in a page is a
//! warning. A value listed in `[privacy] allowed_numbers` passes whatever its shape. Every
//! page is scanned while it is loaded (its bundle's files when findings are reported), but
//! findings are reported only for pages this run publishes (a draft is checked when it is
//! built with `--drafts`, and by every build once it is published).
//!
//! NIK and NIP are looked for in the text as a reader sees it ([`visible`]: entities, URL
//! escapes, full-width digits, invisible characters), however the digits are grouped and
//! separated ([`numbers`], which also says what keeps budgets, dates and tables of figures
//! from being flagged). Mobile numbers are looked for in their ordinary spellings
//! ([`mobile`]).

pub mod bundle;
pub mod ids;
pub mod mobile;
pub mod numbers;
pub mod visible;

use crate::msg;
use std::path::PathBuf;

use crate::content::value::{Node, Value};
use crate::diagnostics::{Diagnostic, Lang, Pos};

pub use ids::{masked_text, personal_ids, Match};
pub use numbers::Kind;

use ids::masked;

/// Where a finding is, besides its position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// In the page's source file (front matter or body).
    Source,
    /// In the name of a file of the page's bundle (the path shown in messages).
    FileName(PathBuf),
    /// In the text of a file of the page's bundle (the path shown in messages).
    Attachment(PathBuf),
}

/// A number found in a source file, with its position in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// What it looks like.
    pub kind: Kind,
    /// In which file, or which file's name.
    pub place: Place,
    /// Where it is in that file (none for a file name).
    pub pos: Option<Pos>,
    /// Its normalised digits, to compare with `allowed_numbers`.
    pub digits: String,
}

/// Finds every NIK-, NIP- and mobile-shaped number in a text, left to right, without
/// overlaps.
pub fn scan(text: &str) -> Vec<Match> {
    let mut found = personal_ids(text);
    let ids = found.clone();
    found.extend(
        mobile::find(text)
            .into_iter()
            .filter(|m| !ids.iter().any(|id| id.start < m.end && m.start < id.end))
            .map(|m| Match {
                kind: Kind::Mobile,
                start: m.start,
                end: m.end,
                digits: m.digits,
            }),
    );
    found.sort_by_key(|m| m.start);
    found
}

/// Scans a Markdown body; positions are in the file (the body starts at `body_line`).
pub fn scan_body(body: &str, body_line: usize) -> Vec<Finding> {
    located(scan(body), body, body_line, &Place::Source)
}

/// Gives each match in `text` (which starts at line `first_line` of its file) its line and
/// column: those of its first character.
fn located(found: Vec<Match>, text: &str, first_line: usize, place: &Place) -> Vec<Finding> {
    // Lines and columns are counted incrementally: a long one-line text stays linear.
    let mut line = first_line;
    let mut col = 1;
    let mut counted = 0;
    found
        .into_iter()
        .map(|m| {
            let between = &text[counted..m.start];
            match between.rfind('\n') {
                Some(nl) => {
                    line += between.matches('\n').count();
                    col = between[nl + 1..].chars().count() + 1;
                }
                None => col += between.chars().count(),
            }
            counted = m.start;
            Finding {
                kind: m.kind,
                place: place.clone(),
                pos: Some(Pos::new(line, col)),
                digits: m.digits,
            }
        })
        .collect()
}

/// Scans every key and string (and integer) of a front-matter tree; a finding's position is
/// its value's.
pub fn scan_front_matter(node: &Node) -> Vec<Finding> {
    let mut out = Vec::new();
    walk(node, &mut out);
    out
}

fn walk(node: &Node, out: &mut Vec<Finding>) {
    match &node.value {
        Value::Str(s) | Value::Scalar(s) | Value::Datetime(s) => add(s, node.pos, out),
        Value::Int(i) => add(&i.to_string(), node.pos, out),
        Value::Float(_) | Value::Bool(_) | Value::Null => {}
        Value::Array(items) => items.iter().for_each(|n| walk(n, out)),
        Value::Table(entries) => {
            for e in entries {
                add(&e.key, e.key_pos, out);
                walk(&e.node, out);
            }
        }
    }
}

fn add(text: &str, pos: Pos, out: &mut Vec<Finding>) {
    out.extend(scan(text).into_iter().map(|m| Finding {
        kind: m.kind,
        place: Place::Source,
        pos: Some(pos),
        digits: m.digits,
    }));
}

/// Normalises a number of `allowed_numbers` the way findings are: digits only, a mobile
/// number in its `08…` form.
pub fn normalise(number: &str) -> String {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    match digits.strip_prefix("62") {
        Some(rest) if rest.starts_with('8') && digits.len() <= 14 => format!("0{rest}"),
        _ => digits,
    }
}

/// The diagnostic for a finding in the page whose source is `path`, unless its number is
/// allowed.
pub fn diagnostic(
    finding: &Finding,
    path: &std::path::Path,
    allowed: &[String],
    lang: Lang,
) -> Option<Diagnostic> {
    if allowed.iter().any(|a| normalise(a) == finding.digits) {
        return None;
    }
    let number = masked(&finding.digits);
    let allow_hint = msg!(lang, "privacy.allow_hint");
    let (path, what_to_do) = match &finding.place {
        Place::Source => (path, msg!(lang, "privacy.remove_number")),
        Place::FileName(file) => (file.as_path(), msg!(lang, "privacy.rename_file")),
        Place::Attachment(file) => (file.as_path(), msg!(lang, "privacy.remove_from_attachment")),
    };
    let d = match finding.kind {
        Kind::Nik | Kind::Nip => {
            let (name, len) = if finding.kind == Kind::Nik {
                ("NIK", 16)
            } else {
                ("NIP", 18)
            };
            let message = match finding.place {
                Place::FileName(_) => {
                    msg!(lang, "privacy.id_number_in_file_name", number, name, len)
                }
                _ => msg!(lang, "privacy.id_number", number, name, len),
            };
            Diagnostic::error(path, finding.pos, message).with_hint(msg!(
                lang,
                "privacy.id_number_hint",
                what_to_do,
                allow_hint
            ))
        }
        Kind::Mobile => {
            Diagnostic::warning(path, finding.pos, msg!(lang, "privacy.mobile", number))
                .with_hint(msg!(lang, "privacy.mobile_hint", allow_hint))
        }
    };
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, &str)> {
        scan(text)
            .into_iter()
            .map(|m| (m.kind, &text[m.start..m.end]))
            .collect()
    }

    #[test]
    fn nik_and_nip_in_their_usual_spellings() {
        assert_eq!(
            kinds("NIK 3404121503850001, NIP 197103041997031002."),
            [
                (Kind::Nik, "3404121503850001"),
                (Kind::Nip, "197103041997031002")
            ]
        );
        assert_eq!(
            kinds("NIP. 19710304 199703 1 002 (Kepala Dinas)"),
            [(Kind::Nip, "19710304 199703 1 002")]
        );
        assert_eq!(
            kinds("nik: 3404-1215-0385-0001"),
            [(Kind::Nik, "3404-1215-0385-0001")]
        );
    }

    #[test]
    fn mobile_numbers_in_their_usual_spellings() {
        for text in [
            "HP 081234567890",
            "WA: 0812-3456-7890",
            "0812 3456 789",
            "+62 812-3456-7890",
            "+6281234567890",
            "6281234567890",
        ] {
            let found = kinds(text);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!(found[0].0, Kind::Mobile, "{text}");
        }
        assert_eq!(scan("+62 812-3456-7890")[0].digits, "081234567890");
    }

    #[test]
    fn ordinary_numbers_pass() {
        for text in [
            "Telp. (0274) 868405",
            "(0274) 868405 ext 12",
            "0274-868405",
            "Rp 45.000.000 dari APBD 2024",
            "tahun 2020 2021 2022 2023",
            "2024-05-06 s.d. 2024-05-08",
            "1234567890123456789012345",
            "SK 188.45/123/2024",
            "abc1234567890123456",
            "Peraturan Daerah Nomor 12 Tahun 2019 pasal 3 ayat 1",
            "08:30 - 12:00",
        ] {
            assert_eq!(kinds(text), [], "{text}");
        }
    }

    #[test]
    fn numbers_glued_to_words_are_found_when_plausible() {
        assert_eq!(
            kinds("abc3404121503850001 3404121503850001x"),
            [
                (Kind::Nik, "3404121503850001"),
                (Kind::Nik, "3404121503850001")
            ]
        );
    }

    #[test]
    fn a_mobile_inside_an_nik_is_not_reported_twice() {
        assert_eq!(
            kinds("NIK 0812 3456 7890 1234, HP 0812 3456 7890"),
            [
                (Kind::Nik, "0812 3456 7890 1234"),
                (Kind::Mobile, "0812 3456 7890")
            ]
        );
    }

    #[test]
    fn reading_windows_finds_what_reading_everything_finds() {
        let filler = "kata biasa tanpa angka, ".repeat(3);
        let cases = [
            "NIK 3471021503850001",
            "NIK\u{2013}\u{2013}\u{2013} 3471 0215 0385 0001",
            "&ZeroWidthSpace;&#51;471021503850001&nbsp;",
            "３４７１０２１５０３８５０００１ dan 1971 0304 199703 1 002",
            "2024: 3471 0215 0385 0001 dan 0812-3456-7890",
            "3471 0215 0385 0001 800",
            "3471&NegativeVeryThinSpace;0215&NegativeVeryThinSpace;0385&NegativeVeryThinSpace;0001",
            "3471 &NegativeVeryThinSpace;0215&NegativeVeryThinSpace; 0385 0001",
        ];
        for case in cases {
            for text in [
                case.to_string(),
                format!("{filler}{case}{filler}"),
                format!("{case}{filler}{case}"),
                format!("é{filler}{case}"),
            ] {
                let whole = numbers::find(&visible::visible(&text));
                let shown = visible::visible(&text);
                let expected: Vec<(usize, String)> = whole
                    .into_iter()
                    .map(|f| (shown[f.first].start, f.digits))
                    .collect();
                let got: Vec<(usize, String)> = personal_ids(&text)
                    .into_iter()
                    .map(|m| (m.start, m.digits))
                    .collect();
                assert_eq!(got, expected, "{text}");
                assert!(!expected.is_empty() || case.ends_with("800"), "{text}");
            }
        }
    }

    #[test]
    fn a_mobile_after_other_numbers_is_still_found() {
        assert_eq!(
            kinds("pada 2024 0812 3456 7890"),
            [(Kind::Mobile, "0812 3456 7890")]
        );
    }

    #[test]
    fn body_positions_are_file_lines_and_columns() {
        let body = "Baris satu.\nKontak: 081234567890 dan\nNIK 3404121503850001\n";
        let f = scan_body(body, 10);
        assert_eq!(f[0].pos, Some(Pos::new(11, 9)));
        assert_eq!(f[1].pos, Some(Pos::new(12, 5)));
        assert_eq!(f[1].kind, Kind::Nik);
    }

    #[test]
    fn allowed_numbers_pass_whatever_their_spelling() {
        let f = &scan_body("NIP 19710304 199703 1 002 dan 0812-3456-7890", 1);
        let allowed = vec!["197103041997031002".to_string(), "+62 812 3456 7890".into()];
        let path = std::path::Path::new("a.md");
        assert!(f
            .iter()
            .all(|f| diagnostic(f, path, &allowed, Lang::En).is_none()));
        let d = diagnostic(&f[0], path, &[], Lang::Id).unwrap();
        let text = d.render(Lang::Id);
        assert!(
            text.starts_with("a.md:1:5: error: angka 1971•••••••••••002 berbentuk NIP"),
            "{text}"
        );
        assert!(!text.contains("197103041997031002"));
        let d = diagnostic(&f[1], path, &[], Lang::En).unwrap();
        assert!(d
            .render(Lang::En)
            .contains("warning: 0812•••••890 looks like a personal mobile number"));
    }

    #[test]
    fn non_ascii_text_around_numbers_is_fine() {
        assert_eq!(kinds("ñ 081234567890 é"), [(Kind::Mobile, "081234567890")]);
        assert_eq!(kinds("é081234567890"), []);
        let f = scan_body("Rapat “ketua” 081234567890", 1);
        assert_eq!(f[0].pos, Some(Pos::new(1, 15)));
    }
}
