//! The typed content of one page: what the front matter says, after validation.

use chrono::NaiveDate;
use serde::Serialize;

use crate::diagnostics::{Lang, Pos};

/// Front-matter fields every page has.
#[derive(Clone, Debug, Default)]
pub struct PageMeta {
    /// `title` (judul).
    pub title: String,
    /// `date` (tanggal): publication date.
    pub date: Option<NaiveDate>,
    /// `summary` (ringkasan).
    pub summary: Option<String>,
    /// `draft`.
    pub draft: bool,
    /// `lang` (bahasa); the site's language when absent.
    pub lang: Option<Lang>,
    /// `slug`; from the file or bundle name when absent.
    pub slug: Option<String>,
    /// `tags` (label).
    pub tags: Vec<String>,
    /// `extra`: free data for site templates.
    pub extra: serde_json::Value,
}

/// `visit.kind` (jenis).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Default)]
pub enum VisitKind {
    /// `studi-banding`: learning from a peer.
    #[default]
    #[serde(rename = "studi-banding")]
    StudiBanding,
    /// `kunjungan-kerja`: a working visit.
    #[serde(rename = "kunjungan-kerja")]
    KunjunganKerja,
}

impl VisitKind {
    /// Every accepted spelling, in the contract's order.
    pub const NAMES: [&'static str; 2] = ["studi-banding", "kunjungan-kerja"];

    /// Parses the contract's spelling.
    pub fn parse(s: &str) -> Option<VisitKind> {
        match s {
            "studi-banding" => Some(VisitKind::StudiBanding),
            "kunjungan-kerja" => Some(VisitKind::KunjunganKerja),
            _ => None,
        }
    }
}

/// Domestic or abroad, derived from `country`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Scope {
    /// In Indonesia.
    #[serde(rename = "dalam-negeri")]
    DalamNegeri,
    /// Abroad.
    #[serde(rename = "luar-negeri")]
    LuarNegeri,
}

impl Scope {
    /// The contract's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::DalamNegeri => "dalam-negeri",
            Scope::LuarNegeri => "luar-negeri",
        }
    }
}

/// `stage` (tahap): whether a page with a `visit` table is a plan or a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// `rencana`: a visit being planned (no findings yet).
    Rencana,
    /// `laporan`: the report of a visit made (the default).
    #[default]
    Laporan,
}

impl Stage {
    /// Every accepted spelling.
    pub const NAMES: [&'static str; 2] = ["rencana", "laporan"];

    /// Parses the contract's spelling.
    pub fn parse(s: &str) -> Option<Stage> {
        match s {
            "rencana" => Some(Stage::Rencana),
            "laporan" => Some(Stage::Laporan),
            _ => None,
        }
    }

    /// The stage an English word most likely means, for hints.
    pub fn from_synonym(s: &str) -> Option<&'static str> {
        match s.to_lowercase().as_str() {
            "plan" | "planned" | "draft-plan" | "renc" => Some("rencana"),
            "report" | "done" | "lap" => Some("laporan"),
            _ => None,
        }
    }
}

/// The `visit` (kunjungan) table: present means the page is a report (or a plan).
#[derive(Clone, Debug, Default)]
pub struct Visit {
    /// Kind of visit.
    pub kind: VisitKind,
    /// The visiting unit (SKPD).
    pub unit: String,
    /// First day.
    pub start: Option<NaiveDate>,
    /// Last day (defaults to `start`).
    pub end: Option<NaiveDate>,
    /// The place visited.
    pub destination: String,
    /// Province of the place.
    pub province: Option<String>,
    /// Country; "Indonesia" by default.
    pub country: String,
    /// Institutions visited.
    pub hosts: Vec<String>,
    /// Fields studied.
    pub topics: Vec<String>,
    /// What the visit set out to learn.
    pub objectives: Vec<String>,
    /// `questions` (pertanyaan): what the team wants to ask the hosts (mostly in plans).
    pub questions: Vec<String>,
    /// Where `destination` is written, for messages about it.
    pub destination_pos: Option<Pos>,
    /// Where `end` (or else `start`) is written, for messages about the visit's dates.
    pub end_pos: Option<Pos>,
    /// Participants: personal data, published only if the site says so.
    pub team: Vec<String>,
    /// Budget in rupiah.
    pub budget: Option<i64>,
    /// Source of funds.
    pub funding: Option<String>,
    /// The official province and regency/city of a domestic visit, when they are known.
    pub place: crate::region::Place,
    /// What is wrong with `province`, and where it is written.
    pub place_problem: Option<(Pos, crate::region::PlaceProblem)>,
}

impl Visit {
    /// Domestic unless the country is something other than Indonesia.
    pub fn scope(&self) -> Scope {
        if self.country.trim().eq_ignore_ascii_case("indonesia") {
            Scope::DalamNegeri
        } else {
            Scope::LuarNegeri
        }
    }
}

/// Follow-up status of a recommendation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Proposed.
    #[default]
    Usulan,
    /// In progress.
    Proses,
    /// Done.
    Selesai,
    /// Done and evaluated.
    Dievaluasi,
    /// Dropped.
    Dibatalkan,
}

impl Status {
    /// Every status, in the contract's order.
    pub const ALL: [Status; 5] = [
        Status::Usulan,
        Status::Proses,
        Status::Selesai,
        Status::Dievaluasi,
        Status::Dibatalkan,
    ];

    /// The contract's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Usulan => "usulan",
            Status::Proses => "proses",
            Status::Selesai => "selesai",
            Status::Dievaluasi => "dievaluasi",
            Status::Dibatalkan => "dibatalkan",
        }
    }

    /// Parses the contract's spelling.
    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// Reads a status as writers write it: the contract's spelling, the label the portal
    /// shows (`Dalam proses`, `Done`) or the English name (`in-progress`), in any case.
    pub fn read(s: &str) -> Option<Status> {
        match loose(s).as_str() {
            "usulan" | "proposed" => Some(Status::Usulan),
            "proses" | "dalam-proses" | "in-progress" => Some(Status::Proses),
            "selesai" | "done" => Some(Status::Selesai),
            "dievaluasi" | "evaluated" => Some(Status::Dievaluasi),
            "dibatalkan" | "dropped" => Some(Status::Dibatalkan),
            _ => None,
        }
    }

    /// The status an English or informal word most likely means, for hints: a synonym, or
    /// a phrase holding a status's name (`sudah selesai`).
    pub fn from_synonym(s: &str) -> Option<Status> {
        let word = loose(s);
        // `belum selesai` (not yet done) is in progress; `belum dimulai` only proposed.
        if let Some(rest) = word.strip_prefix("belum-") {
            return Some(if rest.contains("selesai") {
                Status::Proses
            } else {
                Status::Usulan
            });
        }
        let named = || {
            word.split('-')
                .find_map(|w| Status::read(w).or_else(|| Status::synonym(w)))
        };
        Status::synonym(&word).or_else(named)
    }

    fn synonym(word: &str) -> Option<Status> {
        match word {
            "done" | "completed" | "complete" | "finished" | "closed" | "tuntas" => {
                Some(Status::Selesai)
            }
            "proposed" | "planned" | "open" | "new" | "baru" | "rencana" => Some(Status::Usulan),
            "in-progress" | "progress" | "ongoing" | "started" | "berjalan" | "diproses" => {
                Some(Status::Proses)
            }
            "evaluated" | "reviewed" | "evaluasi" => Some(Status::Dievaluasi),
            "cancelled" | "canceled" | "dropped" | "batal" => Some(Status::Dibatalkan),
            _ => None,
        }
    }

    /// Counts as acted on (done or evaluated).
    pub fn is_done(self) -> bool {
        matches!(self, Status::Selesai | Status::Dievaluasi)
    }

    /// Still open (proposed or in progress).
    pub fn is_open(self) -> bool {
        matches!(self, Status::Usulan | Status::Proses)
    }
}

/// Lower case, one dash between words: `Dalam Proses` → `dalam-proses`.
fn loose(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '_' || c == '-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
        .to_lowercase()
}

/// One entry of `recommendations` (rekomendasi).
#[derive(Clone, Debug, Default)]
pub struct Recommendation {
    /// Unique within the report, e.g. "R1".
    pub id: String,
    /// What should be done.
    pub text: String,
    /// Who acts on it.
    pub owner: String,
    /// Deadline.
    pub due: Option<NaiveDate>,
    /// How success is measured.
    pub indicator: Option<String>,
    /// Follow-up status.
    pub status: Status,
    /// Date of the last status change.
    pub updated: Option<NaiveDate>,
    /// A note.
    pub note: Option<String>,
    /// The follow-up's past (`history`, riwayat), oldest first; `status`, `updated` and
    /// `note` stay the current values.
    pub history: Vec<HistoryEntry>,
    /// Where the entry starts in the source file.
    pub pos: Pos,
}

/// One step of a recommendation's follow-up: an entry of `history` (riwayat).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryEntry {
    /// When the step was taken (`date`, tanggal).
    pub date: NaiveDate,
    /// The status from then on.
    pub status: Status,
    /// What happened (`note`, catatan).
    pub note: Option<String>,
    /// Where the entry starts in the source file.
    pub pos: Pos,
}

impl Recommendation {
    /// The date the follow-up first reached `status`: from the history, or `updated` when the
    /// current status is `status` and the history does not say.
    pub fn first_reached(&self, status: Status) -> Option<NaiveDate> {
        self.history
            .iter()
            .find(|h| h.status == status)
            .map(|h| h.date)
            .or_else(|| self.updated.filter(|_| self.status == status))
    }

    /// The date the recommendation was finished (first `selesai` or `dievaluasi`), when its
    /// current status is one of these: from the history, else `updated` of a `selesai` one
    /// (the `updated` of a `dievaluasi` one may be the evaluation's date, not the finish's).
    pub fn finished_on(&self) -> Option<NaiveDate> {
        if !self.status.is_done() {
            return None;
        }
        let from_history = self
            .history
            .iter()
            .find(|h| h.status.is_done())
            .map(|h| h.date);
        from_history.or(self.updated.filter(|_| self.status == Status::Selesai))
    }

    /// Days by which a finished recommendation missed its due date ("selesai terlambat");
    /// `None` when it is not finished, has no due date or was finished in time.
    pub fn finished_late_by(&self) -> Option<i64> {
        let days = (self.finished_on()? - self.due?).num_days();
        (days > 0).then_some(days)
    }

    /// Overdue: a due date before `today` and still proposed or in progress.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status.is_open() && self.due.is_some_and(|due| due < today)
    }
}

/// The `evaluation` (evaluasi) table.
#[derive(Clone, Debug, Default)]
pub struct Evaluation {
    /// Whether the visit's goals were met.
    pub goals_met: Option<bool>,
    /// Feedback.
    pub feedback: Option<String>,
    /// Impact observed.
    pub impact: Option<String>,
    /// Date of the review.
    pub reviewed: Option<NaiveDate>,
}

/// The report part of a page: present when the front matter has a `visit` table. With
/// `stage = "rencana"` it is a visit plan rather than a report.
#[derive(Clone, Debug, Default)]
pub struct ReportData {
    /// Plan or report (`stage`, tahap).
    pub stage: Stage,
    /// The visit.
    pub visit: Visit,
    /// Its recommendations.
    pub recommendations: Vec<Recommendation>,
    /// Its long-term evaluation.
    pub evaluation: Option<Evaluation>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_read_as_written_and_phrases_suggest_one() {
        for (written, status) in [
            ("Dalam Proses", Status::Proses),
            ("SELESAI", Status::Selesai),
            (" in-progress ", Status::Proses),
            ("in progress", Status::Proses),
            ("proposed", Status::Usulan),
            ("done", Status::Selesai),
            ("evaluated", Status::Dievaluasi),
            ("Dropped", Status::Dibatalkan),
        ] {
            assert_eq!(Status::read(written), Some(status), "{written}");
        }
        assert_eq!(Status::read("sudah selesai"), None);
        assert_eq!(Status::from_synonym("sudah selesai"), Some(Status::Selesai));
        assert_eq!(Status::from_synonym("belum selesai"), Some(Status::Proses));
        assert_eq!(Status::from_synonym("belum dimulai"), Some(Status::Usulan));
        assert_eq!(
            Status::from_synonym("sedang berjalan"),
            Some(Status::Proses)
        );
        assert_eq!(Status::from_synonym("entah"), None);
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn overdue_needs_open_status_and_past_due() {
        let today = d("2026-01-10");
        let mut r = Recommendation {
            due: Some(d("2026-01-09")),
            ..Default::default()
        };
        assert!(r.is_overdue(today));
        r.status = Status::Proses;
        assert!(r.is_overdue(today));
        r.status = Status::Selesai;
        assert!(!r.is_overdue(today));
        r.status = Status::Usulan;
        r.due = Some(today);
        assert!(!r.is_overdue(today), "due today is not yet overdue");
        r.due = None;
        assert!(!r.is_overdue(today));
    }

    fn step(date: &str, status: Status) -> HistoryEntry {
        HistoryEntry {
            date: d(date),
            status,
            note: None,
            pos: Pos::new(1, 1),
        }
    }

    #[test]
    fn history_tells_when_each_status_was_reached_and_lateness() {
        let mut r = Recommendation {
            due: Some(d("2026-01-10")),
            status: Status::Dievaluasi,
            updated: Some(d("2026-03-01")),
            history: vec![
                step("2025-12-01", Status::Proses),
                step("2026-01-15", Status::Selesai),
                step("2026-03-01", Status::Dievaluasi),
            ],
            ..Default::default()
        };
        assert_eq!(r.first_reached(Status::Proses), Some(d("2025-12-01")));
        assert_eq!(r.first_reached(Status::Usulan), None);
        assert_eq!(r.finished_on(), Some(d("2026-01-15")));
        assert_eq!(r.finished_late_by(), Some(5));
        // Without a history, `updated` of a `selesai` recommendation is when it finished; that
        // of a `dievaluasi` one says nothing about it.
        r.history.clear();
        assert_eq!(r.finished_late_by(), None);
        r.status = Status::Selesai;
        assert_eq!(r.finished_late_by(), Some(50));
        r.updated = Some(d("2026-01-10"));
        assert_eq!(
            r.finished_late_by(),
            None,
            "finished on the due date is in time"
        );
        r.status = Status::Proses;
        assert_eq!(r.finished_late_by(), None);
    }

    #[test]
    fn scope_from_country() {
        let mut v = Visit {
            country: "Indonesia".into(),
            ..Default::default()
        };
        assert_eq!(v.scope(), Scope::DalamNegeri);
        v.country = "Jepang".into();
        assert_eq!(v.scope(), Scope::LuarNegeri);
    }
}
