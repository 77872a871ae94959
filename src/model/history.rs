//! Checks of recommendations' follow-up history that need the build date: no step of the
//! history lies in the future.

use crate::msg;
use chrono::NaiveDate;

use super::report::Recommendation;
use crate::diagnostics::{Diagnostic, Lang};

/// Errors for the history entries of `rec` (in the file `path`) dated after `build_date`.
pub fn future_steps(
    rec: &Recommendation,
    path: &std::path::Path,
    build_date: NaiveDate,
    lang: Lang,
) -> Vec<Diagnostic> {
    rec.history
        .iter()
        .filter(|h| h.date > build_date)
        .map(|h| {
            Diagnostic::error(
                path,
                Some(h.pos),
                msg!(
                    lang,
                    "model.history_in_future",
                    id = rec.id,
                    date = h.date,
                    build_date
                ),
            )
            .with_hint(msg!(lang, "model.history_in_future_hint"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Pos;
    use crate::model::report::{HistoryEntry, Status};

    #[test]
    fn a_step_after_the_build_date_is_an_error() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default();
        let step = |date: &str, line| HistoryEntry {
            date: d(date),
            status: Status::Proses,
            note: None,
            pos: Pos::new(line, 3),
        };
        let rec = Recommendation {
            id: "R1".into(),
            history: vec![step("2026-01-01", 7), step("2026-01-03", 8)],
            ..Default::default()
        };
        let path = std::path::Path::new("a.md");
        let errors = future_steps(&rec, path, d("2026-01-02"), Lang::En);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].pos, Some(Pos::new(8, 3)));
        assert!(future_steps(&rec, path, d("2026-01-03"), Lang::En).is_empty());
    }
}
