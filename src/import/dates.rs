//! Reading the dates and amounts Indonesian reports type: "Senin s.d. Rabu, 6–8 Mei 2024",
//! "6 Mei 2024 s/d 8 Mei 2024", "30 April – 2 Mei 2024", "06/05/2024", "Rp 45.000.000,-".

use chrono::NaiveDate;

const MONTHS: [(&str, u32); 31] = [
    ("januari", 1),
    ("februari", 2),
    ("pebruari", 2),
    ("maret", 3),
    ("april", 4),
    ("mei", 5),
    ("juni", 6),
    ("juli", 7),
    ("agustus", 8),
    ("september", 9),
    ("oktober", 10),
    ("nopember", 11),
    ("november", 11),
    ("desember", 12),
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("october", 10),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("agu", 8),
    ("agt", 8),
];

const SHORT_MONTHS: [(&str, u32); 8] = [
    ("ags", 8),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("okt", 10),
    ("oct", 10),
    ("nov", 11),
    ("des", 12),
];

fn month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    MONTHS
        .iter()
        .chain(SHORT_MONTHS.iter())
        .find(|(name, _)| *name == w)
        .map(|(_, m)| *m)
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Tok {
    Num(u32),
    Month(u32),
    Full(NaiveDate),
    Range,
    Other,
}

fn is_range_word(w: &str) -> bool {
    matches!(
        w.to_lowercase().as_str(),
        "s/d"
            | "s.d."
            | "s.d"
            | "sd"
            | "sampai"
            | "hingga"
            | "until"
            | "to"
            | "-"
            | "–"
            | "—"
            | "s/d."
            | "sd."
    )
}

fn numeric_date(w: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = w.split(['/', '-', '.']).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let (a, b, c) = (
        parts[0].parse::<u32>().ok()?,
        parts[1].parse::<u32>().ok()?,
        parts[2].parse::<i32>().ok()?,
    );
    if parts[0].len() == 4 {
        return NaiveDate::from_ymd_opt(a as i32, b, c as u32);
    }
    if parts[2].len() != 4 {
        return None;
    }
    NaiveDate::from_ymd_opt(c, b, a)
}

fn tokens(text: &str) -> Vec<Tok> {
    let mut spaced = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '–' | '—' => spaced.push_str(" – "),
            ',' | '(' | ')' | ';' => spaced.push(' '),
            _ => spaced.push(c),
        }
    }
    let mut out = Vec::new();
    for word in spaced.split_whitespace() {
        if is_range_word(word) {
            out.push(Tok::Range);
        } else if let Some(d) = numeric_date(word.trim_end_matches('.')) {
            out.push(Tok::Full(d));
        } else if let Some((a, b)) = word.split_once('-').filter(|(a, b)| {
            !a.is_empty()
                && !b.is_empty()
                && a.bytes().all(|x| x.is_ascii_digit())
                && b.bytes().all(|x| x.is_ascii_digit())
        }) {
            // "6-8" typed without spaces.
            out.push(a.parse().map(Tok::Num).unwrap_or(Tok::Other));
            out.push(Tok::Range);
            out.push(b.parse().map(Tok::Num).unwrap_or(Tok::Other));
        } else if let Ok(n) = word.trim_end_matches('.').parse::<u32>() {
            out.push(Tok::Num(n));
        } else if let Some(m) = month(word) {
            out.push(Tok::Month(m));
        } else {
            out.push(Tok::Other);
        }
    }
    out
}

#[derive(Clone, Copy, Debug, Default)]
struct Partial {
    day: Option<u32>,
    month: Option<u32>,
    year: Option<i32>,
}

/// Reads one date or range of dates from a text; `None` when there is no complete date.
/// Returns (start, end), equal for a single day.
pub fn find_range(text: &str) -> Option<(NaiveDate, NaiveDate)> {
    let toks = tokens(text);
    let mut i = 0;
    while i < toks.len() {
        let (first, next) = match partial(&toks, i) {
            Some(p) => p,
            None => {
                i += 1;
                continue;
            }
        };
        let mut end = None;
        if toks.get(next) == Some(&Tok::Range) {
            end = partial(&toks, next + 1).map(|(p, _)| p);
        }
        let last = end.unwrap_or(first);
        let year = last.year.or(first.year);
        let start = Partial {
            day: first.day,
            month: first.month.or(last.month),
            year: first.year.or(year),
        };
        if let Some(s) = complete(start) {
            let e = complete(Partial {
                year: last.year.or(Some(s.year_ce().1 as i32)),
                ..last
            })
            .filter(|e| *e >= s)
            .unwrap_or(s);
            return Some((s, e));
        }
        i = next.max(i + 1);
    }
    None
}

fn complete(p: Partial) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(p.year?, p.month?, p.day?)
}

use chrono::Datelike;

/// A date starting at `toks[i]`, and where it ends.
fn partial(toks: &[Tok], i: usize) -> Option<(Partial, usize)> {
    match toks.get(i)? {
        Tok::Full(d) => Some((
            Partial {
                day: Some(d.day()),
                month: Some(d.month()),
                year: Some(d.year()),
            },
            i + 1,
        )),
        Tok::Num(d) if (1..=31).contains(d) => {
            let mut p = Partial {
                day: Some(*d),
                ..Partial::default()
            };
            let mut j = i + 1;
            if let Some(Tok::Month(m)) = toks.get(j) {
                p.month = Some(*m);
                j += 1;
                if let Some(Tok::Num(y)) = toks.get(j) {
                    if (1900..=2200).contains(y) {
                        p.year = Some(*y as i32);
                        j += 1;
                    }
                }
            } else if toks.get(j) != Some(&Tok::Range) {
                return None;
            }
            Some((p, j))
        }
        _ => None,
    }
}

/// Reads an amount of rupiah: "Rp 45.000.000,-", "Rp. 45.000.000,00", "Rp45.000.000".
pub fn rupiah(text: &str) -> Option<u64> {
    let lower = text.to_lowercase();
    let at = lower.find("rp")?;
    let rest = &text[at + 2..];
    let rest = rest.trim_start_matches(['.', ' ', '\u{a0}']);
    let mut digits = String::new();
    for c in rest.chars() {
        match c {
            '0'..='9' => digits.push(c),
            '.' => {}
            _ => break,
        }
    }
    if digits.is_empty() || digits.len() > 15 {
        return None;
    }
    digits.parse().ok().filter(|n| *n > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn reads_the_ways_reports_type_dates() {
        let may = Some((d("2024-05-06"), d("2024-05-08")));
        assert_eq!(find_range("Senin s.d. Rabu, 6–8 Mei 2024"), may);
        assert_eq!(find_range("6 Mei 2024 s/d 8 Mei 2024"), may);
        assert_eq!(find_range("tanggal 6 - 8 Mei 2024"), may);
        assert_eq!(find_range("6-8 Mei 2024"), may);
        assert_eq!(find_range("06/05/2024 s.d. 08/05/2024"), may);
        assert_eq!(
            find_range("Hari/Tanggal: Senin, 06/05/2024"),
            Some((d("2024-05-06"), d("2024-05-06")))
        );
        assert_eq!(
            find_range("30 April s.d. 2 Mei 2024"),
            Some((d("2024-04-30"), d("2024-05-02")))
        );
        assert_eq!(
            find_range("pada 12 Agustus 2023"),
            Some((d("2023-08-12"), d("2023-08-12")))
        );
        assert_eq!(find_range("Nomor 12 Tahun 2023"), None);
        assert_eq!(find_range("31 Februari 2024"), None);
    }

    #[test]
    fn reads_rupiah() {
        assert_eq!(rupiah("Rp 45.000.000,-"), Some(45_000_000));
        assert_eq!(rupiah("sebesar Rp. 12.500.000,00 dari"), Some(12_500_000));
        assert_eq!(rupiah("Rp45.000.000"), Some(45_000_000));
        assert_eq!(rupiah("tanpa biaya"), None);
    }
}
