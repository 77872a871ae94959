//! Finding NIK- and NIP-shaped numbers in visible text ([`super::visible`]), however they are
//! written.
//!
//! The text is read as **groups of digits** joined by short **separators**: any run of
//! spaces, line breaks (one at most: a blank line ends a paragraph) and punctuation other
//! than `|` (a table cell border), of at most three parts (` - ` is three: space, dash,
//! space), plus any Markdown markup (`*`, `_`, `` ` ``, `~`, `\`, short HTML tags such as
//! `<b>`), which counts for nothing: `3471**0215**…` is one group of digits. Letters end a
//! group. A run of consecutive groups with 16 digits in all may be an NIK, with 18 an NIP:
//!
//! - **one group** of exactly 16 or 18 digits always counts, unless it is glued to a letter
//!   (`NIK3471…`, `ktp3471….pdf`): then only when its parts are plausible (below);
//! - **after a label** (`NIK`, `NIP` or `KTP`, followed by at most six characters such as
//!   `: `, ` – `, `. `), digits in any grouping count;
//! - **otherwise**, the groups must be written the way people write these numbers (sizes
//!   such as 4-4-4-4, 6-6-4, 2-2-2-6-4 for an NIK; 8-6-1-3, 4-4-6-1-3 for an NIP; see
//!   [`NIK_GROUPS`], [`NIP_GROUPS`]), with the same separator between all of them and not
//!   continuing a longer row of figures with that separator, and the number must be
//!   plausible. A number may be wrapped once: one line break may split a group anywhere.
//!
//! Plausible means: an NIK starts with a province code (11–99, not 4x) and holds a birth
//! date DDMMYY (day 1–31, or 41–71 for women; month 1–12); an NIP starts with a birth date
//! YYYYMMDD, then the month of appointment YYYYMM, then the sex (1 or 2).

use super::visible::VisibleChar;

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

/// Group sizes in which people write an NIK (province-regency-district, birth date, serial).
pub const NIK_GROUPS: &[&[usize]] = &[
    &[16],
    &[4, 4, 4, 4],
    &[6, 6, 4],
    &[6, 10],
    &[12, 4],
    &[8, 8],
    &[2, 2, 2, 6, 4],
    &[6, 2, 2, 2, 4],
    &[2, 2, 2, 2, 2, 2, 4],
    &[2, 2, 2, 2, 2, 6],
];

/// Group sizes in which people write an NIP (birth date, appointment, sex, serial).
pub const NIP_GROUPS: &[&[usize]] = &[
    &[18],
    &[8, 6, 1, 3],
    &[8, 6, 4],
    &[8, 7, 3],
    &[8, 10],
    &[14, 4],
    &[14, 1, 3],
    &[4, 4, 6, 1, 3],
    &[4, 2, 2, 6, 1, 3],
    &[4, 2, 2, 4, 2, 1, 3],
    &[4, 4, 4, 4, 2],
];

/// The longest runs of groups considered.
const MAX_GROUPS: usize = 8;
/// The most parts a separator may have (a run of spaces is one part, each punctuation mark
/// another).
const MAX_SEPARATOR_PARTS: usize = 3;
/// The most characters, markup included, between two groups.
pub const MAX_SEPARATOR_CHARS: usize = 16;
/// The most characters between a label and the number.
const MAX_LABEL_GAP: usize = 6;

/// An NIK or NIP found, by index in the visible characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// NIK or NIP.
    pub kind: Kind,
    /// Index of its first digit.
    pub first: usize,
    /// Index of its last digit.
    pub last: usize,
    /// Its digits.
    pub digits: String,
}

/// What a visible character is to the matcher.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Digit,
    Letter,
    Space { newline: bool },
    Markup,
    Barrier,
    Punct,
}

fn class(c: char) -> Class {
    match c {
        '0'..='9' => Class::Digit,
        '*' | '_' | '`' | '~' | '\\' => Class::Markup,
        '|' => Class::Barrier,
        c if c.is_whitespace() => Class::Space { newline: c == '\n' },
        // Digits of other scripts glue like letters.
        c if c.is_alphanumeric() => Class::Letter,
        _ => Class::Punct,
    }
}

/// The length of a short HTML tag (`<b>`, `</em>`, `<br/>`) starting at `i`, if there is one.
fn tag_len(text: &[VisibleChar], i: usize) -> Option<usize> {
    let mut j = i + 1;
    if text.get(j)?.c == '/' {
        j += 1;
    }
    let name = j;
    while text.get(j).is_some_and(|v| v.c.is_ascii_alphabetic()) && j - name < 8 {
        j += 1;
    }
    if j == name {
        return None;
    }
    while text.get(j).is_some_and(|v| v.c == ' ' || v.c == '/') && j - name < 12 {
        j += 1;
    }
    (text.get(j)?.c == '>').then_some(j + 1 - i)
}

/// What joins two groups: its normalised form (markup left out, each run of spaces and line
/// breaks as one space) and whether it holds a line break.
#[derive(Clone, PartialEq, Eq, Debug)]
struct Separator {
    shape: String,
    newline: bool,
}

impl Separator {
    /// Whether two separators are written the same: the same shape, or, when a line break is
    /// in one of them, the same punctuation (`-` and `-` + line break).
    fn same(&self, other: &Separator) -> bool {
        self.shape == other.shape
            || ((self.newline || other.newline) && self.shape.trim() == other.shape.trim())
    }
}

/// How a separator between two groups of a candidate number may be read.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Join {
    /// Between two groups of the number.
    Cut,
    /// A line break inside a group (a number wrapped across two lines).
    Glue,
    /// Either (a line break where the other groups have spaces).
    Either,
}

/// A group of digits (markup inside left out).
#[derive(Clone, Debug)]
struct Group {
    first: usize,
    last: usize,
    digits: String,
    /// The separator before it, within its token.
    before: Option<Separator>,
}

/// Reads the separator starting at `i` (after a digit). Returns it and the index of the
/// next digit, or `None` when the token ends here. A separator of markup alone returns an
/// empty shape: the digits go on in the same group.
fn separator(text: &[VisibleChar], i: usize) -> Option<(Separator, usize)> {
    let mut j = i;
    let mut parts = 0;
    let mut newlines = 0;
    let mut in_space = false;
    let mut shape = String::new();
    while j < text.len() && j - i <= MAX_SEPARATOR_CHARS {
        match class(text[j].c) {
            Class::Digit => break,
            Class::Letter | Class::Barrier => return None,
            Class::Space { newline } => {
                newlines += usize::from(newline);
                if !in_space {
                    parts += 1;
                    shape.push(' ');
                }
                in_space = true;
            }
            Class::Markup => {}
            Class::Punct => {
                if let Some(len) = (text[j].c == '<').then(|| tag_len(text, j)).flatten() {
                    j += len;
                    continue;
                }
                parts += 1;
                in_space = false;
                shape.push(text[j].c);
            }
        }
        j += 1;
    }
    if j >= text.len() || class(text[j].c) != Class::Digit {
        return None;
    }
    if parts > MAX_SEPARATOR_PARTS || newlines > 1 || j - i > MAX_SEPARATOR_CHARS {
        return None;
    }
    Some((
        Separator {
            shape,
            newline: newlines > 0,
        },
        j,
    ))
}

/// Reads the groups of the token whose first digit is at `start`; returns them and the
/// index after the token.
fn token(text: &[VisibleChar], start: usize) -> (Vec<Group>, usize) {
    let mut groups: Vec<Group> = Vec::new();
    let mut before = None;
    let mut group = Group {
        first: start,
        last: start,
        digits: String::new(),
        before: None,
    };
    let mut i = start;
    loop {
        while i < text.len() && text[i].c.is_ascii_digit() {
            group.digits.push(text[i].c);
            group.last = i;
            i += 1;
        }
        // Glued to a letter: the token ends with this group.
        let next = match separator(text, i) {
            Some(s) => s,
            None => {
                group.before = before;
                groups.push(group);
                return (groups, i);
            }
        };
        let (sep, j) = next;
        if sep.shape.is_empty() {
            i = j; // markup only: the same group goes on
            continue;
        }
        group.before = before.take();
        groups.push(group);
        before = Some(sep);
        group = Group {
            first: j,
            last: j,
            digits: String::new(),
            before: None,
        };
        i = j;
    }
}

/// Finds every NIK- and NIP-shaped number, left to right, without overlaps.
pub fn find(text: &[VisibleChar]) -> Vec<Found> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < text.len() {
        if !text[i].c.is_ascii_digit() {
            i += 1;
            continue;
        }
        let (groups, next) = token(text, i);
        found.extend(choose(text, &groups));
        i = next.max(i + 1);
    }
    found
}

/// The accepted runs of consecutive groups of one token, longest first, without overlaps.
fn choose(text: &[VisibleChar], groups: &[Group]) -> Vec<Found> {
    let mut candidates: Vec<(usize, usize, Found)> = Vec::new();
    for a in 0..groups.len() {
        let mut total = 0;
        for b in a..groups.len().min(a + MAX_GROUPS) {
            total += groups[b].digits.len();
            if total > 18 {
                break;
            }
            let kind = match total {
                16 => Kind::Nik,
                18 => Kind::Nip,
                _ => continue,
            };
            if accept(text, groups, a, b, kind) {
                let digits = groups[a..=b].iter().map(|g| g.digits.as_str()).collect();
                let found = Found {
                    kind,
                    first: groups[a].first,
                    last: groups[b].last,
                    digits,
                };
                candidates.push((a, b, found));
            }
        }
    }
    candidates.sort_by(|x, y| {
        y.2.digits
            .len()
            .cmp(&x.2.digits.len())
            .then(x.2.first.cmp(&y.2.first))
    });
    let mut taken = vec![false; groups.len()];
    let mut out = Vec::new();
    for (a, b, found) in candidates {
        if taken[a..=b].iter().any(|t| *t) {
            continue;
        }
        taken[a..=b].iter_mut().for_each(|t| *t = true);
        out.push(found);
    }
    out.sort_by_key(|f| f.first);
    out
}

/// Whether groups `a..=b` (16 or 18 digits) are an NIK or NIP; see the module documentation.
fn accept(text: &[VisibleChar], groups: &[Group], a: usize, b: usize, kind: Kind) -> bool {
    let digits: String = groups[a..=b].iter().map(|g| g.digits.as_str()).collect();
    let plausible = match kind {
        Kind::Nik => plausible_nik(&digits),
        _ => plausible_nip(&digits),
    };
    if label(text, groups[a].first) == Some(kind) {
        return true;
    }
    if a == b {
        let glued = |i: Option<usize>| {
            i.and_then(|i| text.get(i))
                .is_some_and(|v| class(v.c) == Class::Letter)
        };
        let first = groups[a].first;
        return plausible || !(glued(first.checked_sub(1)) || glued(Some(groups[b].last + 1)));
    }
    // One separator between all the groups; a line break may also split a group anywhere.
    let inner: Vec<&Separator> = groups[a + 1..=b]
        .iter()
        .filter_map(|g| g.before.as_ref())
        .collect();
    let Some(common) = inner.iter().find(|s| !s.newline).or(inner.first()) else {
        return false;
    };
    let mut joins = Vec::with_capacity(inner.len());
    for s in &inner {
        let blank = s.shape.trim().is_empty();
        joins.push(match (s.newline, s.same(common), blank) {
            (false, true, _) | (true, true, false) => Join::Cut,
            (true, true, true) => Join::Either,
            (true, false, true) => Join::Glue,
            _ => return false,
        });
    }
    // Not a part of a longer row of figures written with the same separator.
    let continues = |s: Option<&Separator>| s.is_some_and(|s| s.same(common));
    if continues(groups[a].before.as_ref())
        || continues(groups.get(b + 1).and_then(|g| g.before.as_ref()))
    {
        return false;
    }
    let shapes = match kind {
        Kind::Nik => NIK_GROUPS,
        _ => NIP_GROUPS,
    };
    let sizes: Vec<usize> = groups[a..=b].iter().map(|g| g.digits.len()).collect();
    let ways = ways_to_read(&sizes, &joins);
    let written_so = ways.iter().any(|s| shapes.contains(&s.as_slice()));
    let official_nip = ways.iter().any(|s| s == &[8, 6, 1, 3]);
    written_so && (plausible || official_nip)
}

/// The group sizes `sizes` can be read as, given how each separator between them may be read.
/// A number is wrapped once at most: one line break at most is read as inside a group.
fn ways_to_read(sizes: &[usize], joins: &[Join]) -> Vec<Vec<usize>> {
    let either: Vec<usize> = (0..joins.len())
        .filter(|k| joins[*k] == Join::Either)
        .take(3)
        .collect();
    let forced = joins.iter().filter(|j| **j == Join::Glue).count();
    (0..1usize << either.len())
        .filter(|mask| forced + mask.count_ones() as usize <= 1)
        .map(|mask| {
            let mut out = vec![sizes[0]];
            for (k, size) in sizes.iter().enumerate().skip(1) {
                let joined = match joins.get(k - 1) {
                    Some(Join::Glue) => true,
                    Some(Join::Either) => either
                        .iter()
                        .position(|e| *e == k - 1)
                        .is_some_and(|bit| mask & (1 << bit) != 0),
                    _ => false,
                };
                match out.last_mut() {
                    Some(last) if joined => *last += size,
                    _ => out.push(*size),
                }
            }
            out
        })
        .collect()
}

/// The kind of number a label (`NIK`, `KTP`: an NIK; `NIP`) right before the digit at
/// `first` announces.
fn label(text: &[VisibleChar], first: usize) -> Option<Kind> {
    let mut i = first;
    let mut gap = 0;
    while i > 0 && !text[i - 1].c.is_alphanumeric() {
        gap += 1;
        if gap > MAX_LABEL_GAP || text[i - 1].c == '|' {
            return None;
        }
        i -= 1;
    }
    let end = i;
    while i > 0 && text[i - 1].c.is_alphabetic() && end - i < 4 {
        i -= 1;
    }
    if i > 0 && text[i - 1].c.is_alphanumeric() {
        return None; // a longer word, such as "teknik"
    }
    let word: String = text[i..end]
        .iter()
        .map(|v| v.c.to_ascii_lowercase())
        .collect();
    match word.as_str() {
        "nik" | "ktp" => Some(Kind::Nik),
        "nip" => Some(Kind::Nip),
        _ => None,
    }
}

fn two(d: &str, at: usize) -> u32 {
    d.get(at..at + 2).and_then(|s| s.parse().ok()).unwrap_or(0)
}

/// Province code 11–99 (none starts with 0 or 4), day 01–31 (41–71 for women), month 01–12.
pub fn plausible_nik(d: &str) -> bool {
    let province = two(d, 0);
    let day = two(d, 6);
    let month = two(d, 8);
    (11..=99).contains(&province)
        && province / 10 != 4
        && ((1..=31).contains(&day) || (41..=71).contains(&day))
        && (1..=12).contains(&month)
}

/// Birth date YYYYMMDD, appointment YYYYMM, sex 1 or 2.
pub fn plausible_nip(d: &str) -> bool {
    let year = |at: usize| two(d, at) * 100 + two(d, at + 2);
    (1940..=2100).contains(&year(0))
        && (1..=12).contains(&two(d, 4))
        && (1..=31).contains(&two(d, 6))
        && (1960..=2100).contains(&year(8))
        && (1..=12).contains(&two(d, 12))
        && matches!(d.get(14..15), Some("1" | "2"))
}

#[cfg(test)]
mod tests {
    use super::super::visible::visible;
    use super::*;

    /// The numbers found, as written in the source.
    fn found(text: &str) -> Vec<(Kind, String)> {
        let v = visible(text);
        find(&v)
            .into_iter()
            .map(|f| (f.kind, text[v[f.first].start..v[f.last].end].to_string()))
            .collect()
    }

    fn nik(text: &str) -> Vec<(Kind, String)> {
        vec![(Kind::Nik, text.to_string())]
    }

    #[test]
    fn every_way_of_writing_an_nik() {
        for (text, number) in [
            ("NIK 3471021503850001.", "3471021503850001"),
            ("“3471021503850001”", "3471021503850001"),
            ("NIK3471021503850001", "3471021503850001"),
            ("ktp3471021503850001.pdf", "3471021503850001"),
            ("ktp_3471021503850001.pdf", "3471021503850001"),
            ("NIK – 3471021503850001", "3471021503850001"),
            ("3471 0215\n0385 0001", "3471 0215\n0385 0001"),
            ("34710215038\n50001", "34710215038\n50001"),
            (
                "3471\u{00A0}0215\u{00A0}0385\u{00A0}0001",
                "3471\u{00A0}0215\u{00A0}0385\u{00A0}0001",
            ),
            (
                "3471\u{200B}0215\u{200B}0385\u{200B}0001",
                "3471\u{200B}0215\u{200B}0385\u{200B}0001",
            ),
            ("3471/0215/0385/0001", "3471/0215/0385/0001"),
            ("3471,0215,0385,0001", "3471,0215,0385,0001"),
            ("3471 - 0215 - 0385 - 0001", "3471 - 0215 - 0385 - 0001"),
            ("3471**0215**0385**0001", "3471**0215**0385**0001"),
            ("3471 **0215** 0385 0001", "3471 **0215** 0385 0001"),
            ("3471\\-0215\\-0385\\-0001", "3471\\-0215\\-0385\\-0001"),
            ("&#51;471021503850001", "&#51;471021503850001"),
            (
                "３４７１０２１５０３８５０００１",
                "３４７１０２１５０３８５０００１",
            ),
            (
                "?q=3471%200215%200385%200001&x",
                "3471%200215%200385%200001",
            ),
            ("347102.150385.0001", "347102.150385.0001"),
            ("34.71.02.150385.0001", "34.71.02.150385.0001"),
            ("3471<b>0215</b>03850001", "3471<b>0215</b>03850001"),
            ("NIK: 1234 5678 9012 3456", "1234 5678 9012 3456"),
        ] {
            assert_eq!(found(text), nik(number), "{text:?}");
        }
    }

    #[test]
    fn every_way_of_writing_an_nip() {
        for text in [
            "197103041997031002",
            "19710304 199703 1 002",
            "19710304.199703.1.002",
            "1971 0304 199703 1 002",
            "19710304-199703-1-002",
        ] {
            let f = found(text);
            assert_eq!(f.len(), 1, "{text}: {f:?}");
            assert_eq!(f[0], (Kind::Nip, text.to_string()));
        }
        assert_eq!(
            found("NIP. 19710304 199703 1 002 (Kepala Dinas)")[0].0,
            Kind::Nip
        );
    }

    #[test]
    fn figures_that_are_not_personal_pass() {
        for text in [
            "Rp 45.000.000.000.000",
            "Rp 1.215.030.385.000.100",
            "Rp 45.000.000,00 12.500.000,00 3.400.000,00",
            "2024-05-06 2024-05-07",
            "15/03/2024 01/02/2024",
            "15-03-2024 01-02-2024",
            "15/03/2024 - 01/02/2024",
            "tahun 2020 2021 2022 2023",
            "0812-3456-7890, 0813-1111-2222",
            "0812 3456 7890 0813 1111 2222",
            "+62 274 123456, +62 274 654321",
            "| 3471 | 0215 | 0385 | 0001 |",
            "| 12 | 15 | 20 | 11 | 09 | 05 | 3001 |",
            "12, 15, 20, 11, 09, 05, 30, 01, 44",
            "1200 3471 0215 0385 0001 800",
            "ISBN 978-602-1234-56-7, ISBN 978-623-7890-12-3",
            "NPWP 01.234.567.8-901.000",
            "1234567890123456789012345",
            "teknik 1234 5678 9012 3456",
            "ID1234567890123456",
            "08:30 - 12:00 14:00 - 15:30",
        ] {
            assert_eq!(found(text), [], "{text}");
        }
    }

    #[test]
    fn groups_split_by_a_line_break_may_be_read_joined() {
        use Join::*;
        assert_eq!(
            ways_to_read(&[4, 8, 4], &[Cut, Either]),
            [vec![4, 8, 4], vec![4, 12]]
        );
        assert_eq!(ways_to_read(&[4, 4, 8], &[Glue, Cut]), [vec![8, 8]]);
        assert_eq!(
            ways_to_read(&[4, 4, 8], &[Either, Either]),
            [vec![4, 4, 8], vec![8, 8], vec![4, 12]],
            "one line break at most inside a group"
        );
        assert_eq!(
            ways_to_read(&[4, 4, 8], &[Glue, Glue]),
            [] as [Vec<usize>; 0]
        );
        assert_eq!(ways_to_read(&[16], &[]), [vec![16]]);
    }

    #[test]
    fn labels_are_whole_words_right_before_the_number() {
        let v = visible("NIK: 1 teknik 2 NIP.3 KTP-el 4 nik/nip – 5 NIK dan 6 e-KTP 7");
        let at = |d: char| v.iter().position(|c| c.c == d).unwrap();
        assert_eq!(label(&v, at('1')), Some(Kind::Nik));
        assert_eq!(label(&v, at('2')), None);
        assert_eq!(label(&v, at('3')), Some(Kind::Nip));
        assert_eq!(label(&v, at('4')), None, "`el` is the word before");
        assert_eq!(label(&v, at('5')), Some(Kind::Nip));
        assert_eq!(label(&v, at('6')), None);
        assert_eq!(label(&v, at('7')), Some(Kind::Nik));
        assert_eq!(
            found("NIK 3471 0215 0385 0001 20"),
            nik("3471 0215 0385 0001"),
            "the label says how many digits"
        );
    }
}

#[cfg(test)]
mod bulk_tests {
    use super::super::visible::visible;
    use super::*;

    /// A small deterministic generator (64-bit LCG), so that the test is the same every run.
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self, n: u64) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (self.0 >> 33) % n
        }
    }

    /// One figure as reports write them: money, dates, times, phone numbers, counts, ISBNs.
    fn figure(r: &mut Lcg) -> String {
        let thousands = |r: &mut Lcg, groups: u64| {
            let mut s = (1 + r.next(999)).to_string();
            for _ in 0..groups {
                s.push_str(&format!(".{:03}", r.next(1000)));
            }
            s
        };
        let groups = 1 + r.next(5);
        let day = 1 + r.next(28);
        let month = 1 + r.next(12);
        let year = 2015 + r.next(12);
        match r.next(12) {
            0 => format!("Rp {}", thousands(r, groups)),
            1 => format!("Rp {},00", thousands(r, groups)),
            2 => format!("{year}-{month:02}-{day:02}"),
            3 => format!("{day:02}/{month:02}/{year}"),
            4 => format!("{day:02}-{month:02}-{year}"),
            5 => format!("{:02}:{:02}", r.next(24), r.next(60)),
            6 => format!(
                "08{}-{:04}-{:04}",
                11 + r.next(80),
                r.next(10000),
                r.next(10000)
            ),
            7 => format!("(0{}) {}", 21 + r.next(900), 100000 + r.next(900000)),
            8 => format!("{}%", r.next(100)),
            9 => year.to_string(),
            10 => format!(
                "978-602-{:04}-{:02}-{}",
                r.next(10000),
                r.next(100),
                r.next(10)
            ),
            _ => r.next(100000).to_string(),
        }
    }

    #[test]
    fn rows_of_ordinary_figures_pass() {
        let mut r = Lcg(2024);
        let joins = [
            " ", ", ", "; ", " - ", " / ", " | ", "\n", " dan ", " s.d. ",
        ];
        let mut refused = Vec::new();
        for _ in 0..10_000 {
            let join = joins[r.next(joins.len() as u64) as usize];
            let n = 2 + r.next(6);
            let row: Vec<String> = (0..n).map(|_| figure(&mut r)).collect();
            let text = row.join(join);
            if !find(&visible(&text)).is_empty() {
                refused.push(text);
            }
        }
        assert!(
            refused.is_empty(),
            "{} refused: {:#?}",
            refused.len(),
            &refused[..refused.len().min(20)]
        );
    }
}
