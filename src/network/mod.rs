//! Jaringan: a hub portal gathers the reports of member portals through the interface every
//! build publishes ([`crate::output::network`], docs/network.md).
//!
//! - [`member`]: `[[network.members]]` in `tilik.toml`;
//! - [`manifest`]: reading a member's manifest and shards as untrusted input;
//! - [`harvest`]: reading every member, with a warning for each that cannot be read;
//! - [`terms`]: members' reports on the hub's topic, place and year pages;
//! - [`review`]: members' reports in the hub's prior-visit reviews and related reports.

pub mod harvest;
pub mod http;
pub mod manifest;
pub mod member;
pub mod opendata;
pub mod review;
pub mod search;
pub mod terms;

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
        f.completed_percent = (f.done * 100 + counted / 2)
            .checked_div(counted)
            .unwrap_or(0);
        f
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use manifest::{Manifest, MemberRecommendation, MemberReport};

    fn rec(status: &str, overdue: bool) -> MemberRecommendation {
        MemberRecommendation {
            id: "R".into(),
            text: "t".into(),
            owner: String::new(),
            due: None,
            status: status.into(),
            overdue,
            indicator: None,
            note: None,
        }
    }

    #[test]
    fn figures_count_done_overdue_and_completion_without_dropped() {
        let report = MemberReport {
            title: "A".into(),
            url: "https://a/laporan/a/".into(),
            summary: None,
            date: None,
            unit: String::new(),
            destination: String::new(),
            province: None,
            kode_wilayah: None,
            country: String::new(),
            lang: String::new(),
            start: None,
            topics: vec![],
            recommendations: vec![
                rec("selesai", false),
                rec("dievaluasi", false),
                rec("proses", true),
                rec("dibatalkan", false),
            ],
            text: String::new(),
            sha256: String::new(),
        };
        let mut m = Member {
            config: member::MemberConfig {
                name: "A".into(),
                url: "a".into(),
            },
            slug: "a".into(),
            data: None,
            stale: false,
        };
        assert_eq!(m.figures(), MemberFigures::default());
        m.data = Some(MemberData {
            manifest: Manifest {
                format: "tilik-jaringan".into(),
                version: 1,
                title: "A".into(),
                base_url: "https://a/".into(),
                region: None,
                generated: "2026-01-01".into(),
                shards: vec![],
            },
            reports: vec![report],
        });
        let f = m.figures();
        assert_eq!((f.reports, f.recommendations, f.done), (1, 4, 2));
        assert_eq!((f.dropped, f.overdue), (1, 1));
        assert_eq!(f.completed_percent, 67, "2 of the 3 not dropped");
    }
}
