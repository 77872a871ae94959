//! Formatting dates and numbers the way readers expect them, per language,
//! and the Tera filters and functions that expose them to templates.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use tera::{Result as TeraResult, Value};

use crate::diagnostics::Lang;

const MONTHS_ID: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month(lang: Lang, m: u32) -> &'static str {
    let names = lang.pick(&MONTHS_ID, &MONTHS_EN);
    names[(m as usize).saturating_sub(1) % 12]
}

/// `6 Mei 2024` / `6 May 2024`.
pub fn date(d: NaiveDate, lang: Lang) -> String {
    format!("{} {} {}", d.day(), month(lang, d.month()), d.year())
}

/// `6–8 Mei 2024`, `30 April – 2 Mei 2024`, `30 Desember 2024 – 2 Januari 2025`, or one date.
pub fn date_range(start: NaiveDate, end: NaiveDate, lang: Lang) -> String {
    if end <= start {
        date(start, lang)
    } else if start.year() != end.year() {
        format!("{} – {}", date(start, lang), date(end, lang))
    } else if start.month() != end.month() {
        format!(
            "{} {} – {}",
            start.day(),
            month(lang, start.month()),
            date(end, lang)
        )
    } else {
        format!("{}–{}", start.day(), date(end, lang))
    }
}

/// Groups digits by thousands: `45.000.000` (id) or `45,000,000` (en).
pub fn number(n: i64, lang: Lang) -> String {
    let sep = lang.pick('.', ',');
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// `Rp 45.000.000`.
pub fn rupiah(n: i64) -> String {
    format!("Rp {}", number(n, Lang::Id))
}

fn lang_arg(args: &HashMap<String, Value>) -> Lang {
    args.get("lang")
        .and_then(Value::as_str)
        .and_then(Lang::parse)
        .unwrap_or_default()
}

fn date_value(v: &Value, what: &str) -> TeraResult<NaiveDate> {
    v.as_str()
        .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        .ok_or_else(|| tera::Error::msg(format!("{what}: expected a YYYY-MM-DD date, got {v}")))
}

/// Registers `tanggal`, `rupiah`, `angka` and `date_range` on a Tera instance.
pub fn register(tera: &mut tera::Tera) {
    tera.register_filter("tanggal", |v: &Value, args: &HashMap<String, Value>| {
        if v.is_null() {
            return Ok(Value::String(String::new()));
        }
        Ok(Value::String(date(
            date_value(v, "tanggal")?,
            lang_arg(args),
        )))
    });
    tera.register_filter("rupiah", |v: &Value, _: &HashMap<String, Value>| {
        let n = v
            .as_i64()
            .ok_or_else(|| tera::Error::msg(format!("rupiah: expected an integer, got {v}")))?;
        Ok(Value::String(rupiah(n)))
    });
    tera.register_filter("angka", |v: &Value, args: &HashMap<String, Value>| {
        let n = v
            .as_i64()
            .or_else(|| v.as_f64().map(|f| f.round() as i64))
            .ok_or_else(|| tera::Error::msg(format!("angka: expected a number, got {v}")))?;
        Ok(Value::String(number(n, lang_arg(args))))
    });
    tera.register_function("date_range", |args: &HashMap<String, Value>| {
        let start = date_value(
            args.get("start").unwrap_or(&Value::Null),
            "date_range start",
        )?;
        let end = match args.get("end") {
            Some(v) if !v.is_null() => date_value(v, "date_range end")?,
            _ => start,
        };
        Ok(Value::String(date_range(start, end, lang_arg(args))))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn dates_per_language() {
        assert_eq!(date(d("2024-05-06"), Lang::Id), "6 Mei 2024");
        assert_eq!(date(d("2024-05-06"), Lang::En), "6 May 2024");
        assert_eq!(
            date_range(d("2024-05-06"), d("2024-05-08"), Lang::Id),
            "6–8 Mei 2024"
        );
        assert_eq!(
            date_range(d("2024-04-30"), d("2024-05-02"), Lang::Id),
            "30 April – 2 Mei 2024"
        );
        assert_eq!(
            date_range(d("2024-12-30"), d("2025-01-02"), Lang::Id),
            "30 Desember 2024 – 2 Januari 2025"
        );
        assert_eq!(
            date_range(d("2024-05-06"), d("2024-05-06"), Lang::Id),
            "6 Mei 2024"
        );
    }

    #[test]
    fn numbers_and_rupiah() {
        assert_eq!(rupiah(45_000_000), "Rp 45.000.000");
        assert_eq!(rupiah(0), "Rp 0");
        assert_eq!(number(1234, Lang::En), "1,234");
        assert_eq!(number(999, Lang::Id), "999");
        assert_eq!(number(-1000, Lang::Id), "-1.000");
    }
}
