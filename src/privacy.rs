//! Personal data guard (UU PDP, Law 27/2022): numbers shaped like an NIK (16 digits, the
//! national identity number), an NIP (18 digits, a civil servant's number) or a personal
//! mobile number, found in a report's body or front matter.
//!
//! An NIK or NIP fails the build; a mobile number (`08…`, `+628…`, `628…`) is a warning.
//! Office numbers such as `(0274) 868405` are public and pass. A value listed in
//! `[privacy] allowed_numbers` passes whatever its shape. Every page is scanned while it is
//! loaded, but findings are reported only for pages this run publishes (a draft is checked
//! when it is built with `--drafts`, and by every build once it is published).
//!
//! Numbers are read as groups of digits joined by single separators (space, `-`, `.`, `(`,
//! `)`), so `1971 0304 199703 1 002` and `0812-3456-7890` are found, and each run of groups is
//! classified; a grouped 16-digit number counts as an NIK only when its parts are plausible
//! (province code, day, month), so that `2020 2021 2022 2023` is not one.

use crate::content::value::{Node, Value};
use crate::diagnostics::{Diagnostic, Lang, Pos};
use crate::msg;

/// What a number looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// Nomor Induk Kependudukan: 16 digits.
    Nik,
    /// Nomor Induk Pegawai: 18 digits.
    Nip,
    /// A personal mobile number.
    Mobile,
}

/// A number found in a text, by byte range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    /// What it looks like.
    pub kind: Kind,
    /// Byte offset where it starts.
    pub start: usize,
    /// Byte offset after its end.
    pub end: usize,
    /// Its digits, normalised (a mobile number in its `08…` form).
    pub digits: String,
}

/// A number found in a source file, with its position in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// What it looks like.
    pub kind: Kind,
    /// Where it is.
    pub pos: Pos,
    /// Its normalised digits, to compare with `allowed_numbers`.
    pub digits: String,
}

/// A group of digits and where it stands.
#[derive(Clone, Copy)]
struct Group {
    start: usize,
    end: usize,
}

/// The longest runs of groups a token is split into (a table row of years can be long).
const MAX_GROUPS: usize = 8;

/// Finds every NIK-, NIP- and mobile-shaped number in a text, left to right, without overlaps.
pub fn scan(text: &str) -> Vec<Match> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        // Digits glued to a letter or to a longer number are not a number of their own.
        if i > 0 && is_word_byte(bytes[i - 1]) {
            while i < bytes.len() && is_word_byte(bytes[i]) {
                i += 1;
            }
            continue;
        }
        let (groups, next) = token(bytes, i);
        found.extend(classify(text, &groups));
        i = next.max(i + 1);
    }
    found
}

/// Letters and digits of any script (non-ASCII bytes count as letters).
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// Reads the groups of digits of one token starting at `start`; returns them and where the
/// token ends.
fn token(bytes: &[u8], start: usize) -> (Vec<Group>, usize) {
    let mut groups = Vec::new();
    let mut i = start;
    loop {
        let g = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i < bytes.len() && is_word_byte(bytes[i]) {
            // `12abc`: this group is glued to a word; the token ends before it.
            if groups.is_empty() {
                while i < bytes.len() && is_word_byte(bytes[i]) {
                    i += 1;
                }
            }
            return (groups, i);
        }
        groups.push(Group { start: g, end: i });
        // One or two separators, then more digits, continue the token.
        let mut j = i;
        let mut seps = 0;
        while j < bytes.len() && seps < 2 && matches!(bytes[j], b' ' | b'-' | b'.' | b'(' | b')') {
            j += 1;
            seps += 1;
        }
        if seps == 0 || j >= bytes.len() || !bytes[j].is_ascii_digit() {
            return (groups, i);
        }
        i = j;
    }
}

/// Classifies the runs of consecutive groups, longest first, keeping non-overlapping ones.
fn classify(text: &str, groups: &[Group]) -> Vec<Match> {
    let mut candidates: Vec<(usize, usize, Match)> = Vec::new();
    for a in 0..groups.len() {
        let mut total = 0;
        for b in a..groups.len().min(a + MAX_GROUPS) {
            total += groups[b].end - groups[b].start;
            if total > 18 {
                break;
            }
            if total < 10 {
                continue;
            }
            if let Some(m) = classify_run(text, &groups[a..=b]) {
                candidates.push((a, b, m));
            }
        }
    }
    // Longest (most digits) first, then leftmost.
    candidates.sort_by(|x, y| {
        y.2.digits
            .len()
            .cmp(&x.2.digits.len())
            .then(x.2.start.cmp(&y.2.start))
    });
    let mut taken = vec![false; groups.len()];
    let mut out = Vec::new();
    for (a, b, m) in candidates {
        if taken[a..=b].iter().any(|t| *t) {
            continue;
        }
        taken[a..=b].iter_mut().for_each(|t| *t = true);
        out.push(m);
    }
    out.sort_by_key(|m| m.start);
    out
}

fn classify_run(text: &str, run: &[Group]) -> Option<Match> {
    let first = run.first()?;
    let last = run.last()?;
    let digits: String = run.iter().map(|g| &text[g.start..g.end]).collect();
    let lens: Vec<usize> = run.iter().map(|g| g.end - g.start).collect();
    let single = run.len() == 1;
    // A `+` right before the first digit belongs to the number (`+62 812…`).
    let start = if first.start > 0 && text.as_bytes()[first.start - 1] == b'+' {
        first.start - 1
    } else {
        first.start
    };
    let kind = match digits.len() {
        18 if single || lens == [8, 6, 1, 3] || plausible_nip(&digits) => Some(Kind::Nip),
        16 if single || plausible_nik(&digits) => Some(Kind::Nik),
        _ => None,
    };
    if let Some(kind) = kind {
        return Some(Match {
            kind,
            start,
            end: last.end,
            digits,
        });
    }
    let national = match digits.strip_prefix("62") {
        Some(rest) if rest.starts_with('8') => format!("0{rest}"),
        _ => digits.clone(),
    };
    if national.starts_with("08") && (10..=13).contains(&national.len()) {
        return Some(Match {
            kind: Kind::Mobile,
            start,
            end: last.end,
            digits: national,
        });
    }
    None
}

fn two(d: &str, at: usize) -> u32 {
    d.get(at..at + 2).and_then(|s| s.parse().ok()).unwrap_or(0)
}

/// Province code 11–99 (none starts with 0 or 4), day 01–31 (41–71 for women), month 01–12.
fn plausible_nik(d: &str) -> bool {
    let province = two(d, 0);
    let day = two(d, 6);
    let month = two(d, 8);
    (11..=99).contains(&province)
        && province / 10 != 4
        && ((1..=31).contains(&day) || (41..=71).contains(&day))
        && (1..=12).contains(&month)
}

/// Birth date YYYYMMDD, appointment YYYYMM, sex 1 or 2.
fn plausible_nip(d: &str) -> bool {
    let year = |at: usize| two(d, at) * 100 + two(d, at + 2);
    (1940..=2100).contains(&year(0))
        && (1..=12).contains(&two(d, 4))
        && (1..=31).contains(&two(d, 6))
        && (1960..=2100).contains(&year(8))
        && (1..=12).contains(&two(d, 12))
        && matches!(&d[14..15], "1" | "2")
}

/// Scans a Markdown body; positions are in the file (the body starts at `body_line`).
pub fn scan_body(body: &str, body_line: usize) -> Vec<Finding> {
    // Lines and columns are counted incrementally: a long one-line body stays linear.
    let mut line = body_line;
    let mut col = 1;
    let mut counted = 0;
    scan(body)
        .into_iter()
        .map(|m| {
            let between = &body[counted..m.start];
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
                pos: Pos::new(line, col),
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
        pos,
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

/// The number with its middle hidden, so that messages and CI logs do not repeat it.
fn masked(digits: &str) -> String {
    let n = digits.len();
    digits
        .chars()
        .enumerate()
        .map(|(i, c)| if i < 4 || i + 3 >= n { c } else { '•' })
        .collect()
}

/// The diagnostic for a finding, unless its number is allowed.
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
    let d = match finding.kind {
        Kind::Nik | Kind::Nip => {
            let (name, len) = if finding.kind == Kind::Nik {
                ("NIK", 16)
            } else {
                ("NIP", 18)
            };
            Diagnostic::error(
                path,
                Some(finding.pos),
                msg!(lang, "privacy.id_number", number, name, len),
            )
            .with_hint(msg!(lang, "privacy.id_number_hint", allow_hint))
        }
        Kind::Mobile => Diagnostic::warning(
            path,
            Some(finding.pos),
            msg!(lang, "privacy.mobile", number),
        )
        .with_hint(msg!(lang, "privacy.mobile_hint", allow_hint)),
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
            "abc3404121503850001",
            "3404121503850001x",
            "Peraturan Daerah Nomor 12 Tahun 2019 pasal 3 ayat 1",
            "08:30 - 12:00",
        ] {
            assert_eq!(kinds(text), [], "{text}");
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
        assert_eq!(f[0].pos, Pos::new(11, 9));
        assert_eq!(f[1].pos, Pos::new(12, 5));
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
        assert_eq!(f[0].pos, Pos::new(1, 15));
    }
}
