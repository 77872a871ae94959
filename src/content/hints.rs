//! Hints in the writer's words for the front-matter mistakes people really make: a date
//! written as on paper (`date = 6 Mei 2026`), a rupiah amount with dots
//! (`budget = 45.000.000`), text without quotes, a YAML title holding a colon.

use chrono::NaiveDate;

use super::source::Format;
use crate::diagnostics::Lang;
use crate::msg;

/// Keys (English and Indonesian) whose values are dates.
const DATE_KEYS: &[&str] = &[
    "date",
    "tanggal",
    "start",
    "mulai",
    "end",
    "selesai",
    "due",
    "tenggat",
    "updated",
    "diperbarui",
    "reviewed",
    "ditinjau",
];

/// Keys whose values are rupiah amounts.
const MONEY_KEYS: &[&str] = &["budget", "anggaran"];

/// The date a writer meant by `raw`, written the Indonesian way: `6 Mei 2026`,
/// `Rabu, 6 Mei 2026`, `06/05/2026`, `6-5-2026` (day first), `2026-5-6`.
pub fn written_date(raw: &str) -> Option<NaiveDate> {
    let raw = raw.trim().trim_matches(['"', '\'']).trim();
    // A weekday before a comma: `Rabu, 6 Mei 2026`.
    let raw = raw.split_once(',').map_or(raw, |(_, rest)| rest).trim();
    let parts: Vec<&str> = raw
        .split(|c: char| c.is_whitespace() || matches!(c, '/' | '-' | '.'))
        .filter(|p| !p.is_empty())
        .collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let num = |s: &str| s.parse::<u32>().ok();
    let (year, month, day) = if a.len() == 4 {
        (num(a)?, num(b)?, num(c)?)
    } else {
        let month = num(b).or_else(|| month_number(b))?;
        (num(c)?, month, num(a)?)
    };
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// The number of a month written out in Indonesian or English, in full or short.
fn month_number(name: &str) -> Option<u32> {
    let name = name.to_lowercase();
    let n = match name.as_str() {
        "januari" | "january" | "jan" => 1,
        "februari" | "pebruari" | "february" | "feb" | "peb" => 2,
        "maret" | "march" | "mar" => 3,
        "april" | "apr" => 4,
        "mei" | "may" => 5,
        "juni" | "june" | "jun" => 6,
        "juli" | "july" | "jul" => 7,
        "agustus" | "august" | "agu" | "agt" | "agus" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "oktober" | "october" | "okt" | "oct" => 10,
        "november" | "nopember" | "nov" | "nop" => 11,
        "desember" | "december" | "des" | "dec" => 12,
        _ => return None,
    };
    Some(n)
}

/// The whole rupiah amount a writer meant by `raw`: `45.000.000`, `Rp 45.000.000,00`,
/// `45,000,000`.
pub fn written_rupiah(raw: &str) -> Option<u64> {
    let raw = raw.trim().trim_matches(['"', '\'']).trim();
    let raw = raw
        .strip_prefix("Rp.")
        .or_else(|| raw.strip_prefix("Rp"))
        .or_else(|| raw.strip_prefix("rp"))
        .unwrap_or(raw)
        .trim();
    let raw = raw
        .strip_suffix(",00")
        .or_else(|| raw.strip_suffix(",-"))
        .unwrap_or(raw);
    if raw.is_empty()
        || !raw
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    raw.replace(['.', ','], "").parse().ok()
}

/// The hint for a date value that is not `YYYY-MM-DD`.
pub fn date_hint(raw: &str, lang: Lang) -> String {
    match written_date(raw) {
        Some(date) => msg!(lang, "hints.date_format", date),
        None => msg!(lang, "hints.date_example").to_string(),
    }
}

/// The hint for a rupiah amount that is not a plain whole number, if its digits can be read.
pub fn rupiah_hint(raw: &str, lang: Lang) -> Option<String> {
    let amount = written_rupiah(raw)?;
    Some(msg!(lang, "hints.rupiah_format", amount))
}

/// A hint for a front-matter syntax error, from the parser's `message` and the text of the
/// line it points at.
pub fn syntax_hint(message: &str, line: &str, format: Format, lang: Lang) -> Option<String> {
    let from_line = match format {
        Format::Toml => toml_line_hint(line, lang),
        Format::Yaml => yaml_line_hint(line, lang),
    };
    from_line.or_else(|| message_hint(message, format, lang))
}

/// `key = value` with a value TOML cannot read, judged by the key.
fn toml_line_hint(line: &str, lang: Lang) -> Option<String> {
    let (key, value) = line.split_once('=')?;
    let key = key.trim().trim_matches('"');
    let value = value.trim();
    let key_name = key.rsplit('.').next().unwrap_or(key);
    if DATE_KEYS.contains(&key_name) {
        return Some(date_hint(value, lang));
    }
    if MONEY_KEYS.contains(&key_name) {
        if let Some(hint) = rupiah_hint(value, lang) {
            return Some(hint);
        }
    }
    let quoted_or_typed = value.starts_with(['"', '\'', '[', '{'])
        || value.chars().next().is_some_and(|c| c.is_ascii_digit())
        || matches!(value, "true" | "false");
    if !quoted_or_typed && !value.is_empty() {
        let text = value.replace('"', "\\\"");
        return Some(msg!(lang, "hints.quote_text", key, text));
    }
    None
}

/// `key: value` holding a second `: ` (a title with a colon), which YAML cannot read.
fn yaml_line_hint(line: &str, lang: Lang) -> Option<String> {
    let (key, value) = line.split_once(": ")?;
    let value = value.trim();
    if value.starts_with(['"', '\'']) || !value.contains(": ") {
        return None;
    }
    let key = key.trim();
    let text = value.replace('"', "\\\"");
    Some(msg!(lang, "hints.quote_colon", key, text))
}

/// A hint from the parser's message alone.
fn message_hint(message: &str, format: Format, lang: Lang) -> Option<String> {
    let m = message.to_lowercase();
    let hint = if m.contains("date-time") || m.contains("datetime") {
        msg!(lang, "hints.date_two_digits")
    } else if format == Format::Toml
        && (m.contains("invalid string")
            || m.contains("expected `\"`")
            || m.contains("invalid key"))
    {
        msg!(lang, "hints.toml_syntax")
    } else if m.contains("duplicate") {
        msg!(lang, "hints.duplicate_key")
    } else if format == Format::Yaml && (m.contains("mapping") || m.contains("indent")) {
        msg!(lang, "hints.yaml_indentation")
    } else {
        return None;
    };
    Some(hint.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_written_as_on_paper() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(written_date("6 Mei 2026"), d(2026, 5, 6));
        assert_eq!(written_date("Rabu, 06 mei 2026"), d(2026, 5, 6));
        assert_eq!(written_date("17 Agustus 2025"), d(2025, 8, 17));
        assert_eq!(written_date("06/05/2026"), d(2026, 5, 6));
        assert_eq!(written_date("6-5-2026"), d(2026, 5, 6));
        assert_eq!(written_date("2026-5-6"), d(2026, 5, 6));
        assert_eq!(written_date("31 Februari 2026"), None);
        assert_eq!(written_date("minggu depan"), None);
    }

    #[test]
    fn rupiah_with_dots() {
        assert_eq!(written_rupiah("45.000.000"), Some(45_000_000));
        assert_eq!(written_rupiah("Rp 45.000.000,00"), Some(45_000_000));
        assert_eq!(written_rupiah("\"Rp45.000.000\""), Some(45_000_000));
        assert_eq!(written_rupiah("empat puluh juta"), None);
    }

    #[test]
    fn hints_name_the_fix_for_the_line() {
        let h = |line, format| syntax_hint("expected newline", line, format, Lang::Id).unwrap();
        assert!(h("date = 6 Mei 2026", Format::Toml).contains("tulis tanggal sebagai 2026-05-06"));
        assert!(h("budget = 45.000.000", Format::Toml)
            .contains("tulis anggaran sebagai 45000000 tanpa titik"));
        assert!(h("title = Studi Banding", Format::Toml).contains("title = \"Studi Banding\""));
        assert!(h("title: Studi Banding: MPP Denpasar", Format::Yaml)
            .contains("title: \"Studi Banding: MPP Denpasar\""));
        assert_eq!(
            syntax_hint("x", "title = \"ok\"", Format::Toml, Lang::En),
            None
        );
    }
}
