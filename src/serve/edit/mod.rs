//! Editing from the preview: the Perbarui (update) control of each recommendation and the
//! "Laporan baru" form, only in `tilik serve` (nothing of it is in the build output).
//!
//! - [`toml`] and [`yaml`] rewrite a recommendation's `status`, `updated`, `note` and append a
//!   `history` step, touching no other byte of the front matter (comments, key order,
//!   spacing, aliases).
//! - [`apply`] reads the source, checks it has not changed since the page was shown, runs the
//!   rewrite, validates the result through the normal parser and renames it into place.
//! - [`sources`] is the page → source file map taken from the model: write paths come from
//!   it, never from the request.
//! - [`guard`] holds the per-run token and the same-origin and loopback rules.
//! - [`endpoint`] answers the `POST` requests of the control and the form.
//! - [`page`] adds the editing script to pages and the file's version to their ETags.

pub mod apply;
pub mod endpoint;
pub mod guard;
pub mod page;
pub mod sources;
pub mod toml;
pub mod yaml;

use chrono::NaiveDate;

use crate::model::report::Status;

/// What a save from the Perbarui control changes in one recommendation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Update {
    /// The new current status.
    pub status: Status,
    /// The note of this step: becomes the current `note` and the history entry's note; `None`
    /// leaves the current note as it is.
    pub note: Option<String>,
    /// The date of the step: the new `updated` and the history entry's date.
    pub date: NaiveDate,
}

/// A rewrite that cannot be made; `message` is in the run's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// The HTTP status to answer with.
    pub status: u16,
    /// What went wrong, for the writer.
    pub message: String,
}

impl Refusal {
    /// A refusal with status 422 (the request was understood, the change cannot be made).
    pub fn unprocessable(message: impl Into<String>) -> Refusal {
        Refusal {
            status: 422,
            message: message.into(),
        }
    }

    /// "No recommendation `id` here" (404).
    pub fn not_found(id: &str, lang: crate::diagnostics::Lang) -> Refusal {
        Refusal {
            status: 404,
            message: crate::msg!(lang, "edit.not_found", id),
        }
    }
}

/// Which spelling of the contract's keys a recommendation uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spelling {
    /// `status`, `updated`, `note`, `history`, `date`.
    English,
    /// `status`, `diperbarui`, `catatan`, `riwayat`, `tanggal`.
    Indonesian,
}

/// A key the writer sets: English name and Indonesian alias.
pub type Key = (&'static str, &'static str);

/// `status`.
pub const STATUS: Key = ("status", "status");
/// `updated` (diperbarui).
pub const UPDATED: Key = ("updated", "diperbarui");
/// `note` (catatan).
pub const NOTE: Key = ("note", "catatan");
/// `history` (riwayat).
pub const HISTORY: Key = ("history", "riwayat");
/// `date` (tanggal) of a history entry.
pub const DATE: Key = ("date", "tanggal");
/// The recommendations list.
pub const RECOMMENDATIONS: Key = ("recommendations", "rekomendasi");

/// English-only and Indonesian-only keys of a recommendation, to tell which spelling it uses.
const ENGLISH_ONLY: [&str; 7] = [
    "text",
    "owner",
    "due",
    "indicator",
    "updated",
    "note",
    "history",
];
const INDONESIAN_ONLY: [&str; 7] = [
    "isi",
    "penanggung_jawab",
    "tenggat",
    "indikator",
    "diperbarui",
    "catatan",
    "riwayat",
];

impl Spelling {
    /// The spelling most of `keys` use; `list_key` (`rekomendasi` or `recommendations`)
    /// decides a tie.
    pub fn of<'a>(keys: impl Iterator<Item = &'a str>, list_key: &str) -> Spelling {
        let (mut en, mut id) = (0, 0);
        for k in keys {
            en += usize::from(ENGLISH_ONLY.contains(&k));
            id += usize::from(INDONESIAN_ONLY.contains(&k));
        }
        if id > en || (id == en && list_key == RECOMMENDATIONS.1) {
            Spelling::Indonesian
        } else {
            Spelling::English
        }
    }

    /// The name of `key` in this spelling.
    pub fn name(self, key: Key) -> &'static str {
        match self {
            Spelling::English => key.0,
            Spelling::Indonesian => key.1,
        }
    }
}

/// The name `key` is written with among `keys`, if any.
pub fn written<'a>(mut keys: impl Iterator<Item = &'a str>, key: Key) -> Option<&'a str> {
    keys.find(|k| *k == key.0 || *k == key.1)
}
