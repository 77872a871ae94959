//! A recommendation's `history` (riwayat): the steps of its follow-up, oldest first.
//!
//! Each entry has a `date` (tanggal), a `status` and an optional `note` (catatan). The dates
//! must be in order; that none lies after the build date is checked when the site is
//! assembled ([`crate::model::history`]), where the build date is known.

use super::{Checker, KeyDef};
use crate::content::value::{Entry, Value};
use crate::model::report::{HistoryEntry, Status};
use crate::msg;

/// The keys of one history entry.
pub(super) const HISTORY_KEYS: &[KeyDef] = &[
    ("date", "tanggal"),
    ("status", "status"),
    ("note", "catatan"),
];

impl Checker<'_> {
    /// The entries of `history`, as far as they are valid.
    pub(super) fn history(&mut self, entry: &Entry) -> Vec<HistoryEntry> {
        let items = match &entry.node.value {
            Value::Array(items) => items,
            Value::Null => return Vec::new(),
            _ => {
                let expected = msg!(self.lang, "frontmatter.history_expected_list");
                self.type_error(entry, &expected);
                return Vec::new();
            }
        };
        let ctx = msg!(self.lang, "frontmatter.history_entry");
        let mut out: Vec<HistoryEntry> = Vec::new();
        for item in items {
            let f = self.fields(item, HISTORY_KEYS, &ctx);
            let date = self.date(&f, HISTORY_KEYS[0], true, &ctx);
            let status = match self.lookup(&f, HISTORY_KEYS[1], true, &ctx) {
                Some(e) => {
                    let allowed: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
                    self.one_of(e, &allowed, Status::read, |w| {
                        Status::from_synonym(w).map(Status::as_str)
                    })
                }
                None => None,
            };
            let note = self.string(&f, HISTORY_KEYS[2], false, &ctx);
            let (Some(date), Some(status)) = (date, status) else {
                continue;
            };
            if let Some(previous) = out.last().filter(|p| p.date > date) {
                let at = f.get("date").map_or(item.pos, |e| e.node.pos);
                let msg = msg!(
                    self.lang,
                    "frontmatter.history_out_of_order",
                    date,
                    previous = previous.date
                );
                let hint = msg!(self.lang, "frontmatter.history_out_of_order_hint");
                self.error(at, msg).hint = Some(hint);
                continue;
            }
            out.push(HistoryEntry {
                date,
                status,
                note,
                pos: item.pos,
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::content::frontmatter::{validate, FileRole};
    use crate::content::value::parse_toml;
    use crate::diagnostics::{Diagnostic, Lang};
    use crate::model::report::Status;

    fn check(recs: &str) -> (Vec<crate::model::report::HistoryEntry>, Vec<Diagnostic>) {
        let text = format!(
            "judul = \"S\"\ntanggal = 2024-05-06\n[kunjungan]\nskpd = \"DLH\"\nmulai = 2024-05-01\nlokasi = \"Surabaya\"\ntopik = [\"sampah\"]\n{recs}"
        );
        let node = parse_toml(&text, 1).unwrap_or_else(|e| panic!("{}", e.message));
        let mut diags = Vec::new();
        let fm = validate(
            &node,
            FileRole::Page,
            std::path::Path::new("a.md"),
            Lang::Id,
            &mut diags,
        );
        let history = fm
            .report
            .and_then(|r| r.recommendations.first().map(|r| r.history.clone()))
            .unwrap_or_default();
        (history, diags)
    }

    #[test]
    fn history_in_either_spelling_is_read() {
        let (history, diags) = check(
            "[[rekomendasi]]\nid = \"R1\"\nisi = \"x\"\npenanggung_jawab = \"y\"\nstatus = \"proses\"\nriwayat = [\n  { tanggal = 2024-06-01, status = \"proses\", catatan = \"rapat\" },\n  { date = 2024-07-01, status = \"Dalam proses\" },\n]\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(history.len(), 2);
        assert_eq!(history[0].note.as_deref(), Some("rapat"));
        assert_eq!(history[1].status, Status::Proses);
    }

    #[test]
    fn out_of_order_dates_and_unknown_statuses_are_errors_at_their_line() {
        let (history, diags) = check(
            "[[rekomendasi]]\nid = \"R1\"\nisi = \"x\"\npenanggung_jawab = \"y\"\nriwayat = [\n  { tanggal = 2024-07-01, status = \"proses\" },\n  { tanggal = 2024-06-01, status = \"selesai\" },\n  { tanggal = 2024-08-01, status = \"beres\" },\n  { status = \"selesai\" },\n]\n",
        );
        assert_eq!(history.len(), 1);
        let lines: Vec<usize> = diags.iter().filter_map(|d| d.pos.map(|p| p.line)).collect();
        assert_eq!(lines, [14, 15, 16], "{diags:?}");
        assert!(diags[0].message.contains("tidak berurutan"), "{diags:?}");
        assert!(diags[1].message.contains("beres"), "{diags:?}");
    }
}
