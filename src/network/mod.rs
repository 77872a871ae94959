//! Jaringan: a hub portal gathers the reports of member portals through the interface every
//! build publishes ([`crate::output::network`], docs/network.md).
//!
//! - [`member`]: `[[network.members]]` in `tilik.toml`;
//! - [`manifest`]: reading a member's manifest and shards as untrusted input;
//! - [`harvest`]: reading every member, with a warning for each that cannot be read.

pub mod harvest;
pub mod manifest;
pub mod member;
pub mod opendata;
pub mod search;

pub use harvest::{Member, MemberData};

/// Figures of one member, from the reports the hub shows of it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct MemberFigures {
    /// Reports.
    pub reports: usize,
    /// Recommendations.
    pub recommendations: usize,
    /// Recommendations done or evaluated.
    pub done: usize,
    /// Recommendations dropped.
    pub dropped: usize,
    /// Recommendations overdue on the member's build date.
    pub overdue: usize,
    /// Done as a whole percentage of the recommendations not dropped (0 when there are none).
    pub completed_percent: usize,
}

impl Member {
    /// The member's figures (all zero when it could not be read).
    pub fn figures(&self) -> MemberFigures {
        let mut f = MemberFigures::default();
        let Some(data) = &self.data else { return f };
        f.reports = data.reports.len();
        for r in &data.reports {
            for rec in &r.recommendations {
                f.recommendations += 1;
                match rec.status() {
                    Some(s) if s.is_done() => f.done += 1,
                    Some(crate::model::report::Status::Dibatalkan) => f.dropped += 1,
                    _ => {}
                }
                if rec.overdue {
                    f.overdue += 1;
                }
            }
        }
        let counted = f.recommendations - f.dropped;
        if counted > 0 {
            f.completed_percent = (f.done * 100 + counted / 2) / counted;
        }
        f
    }
}
