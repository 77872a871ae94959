//! Jaringan: a hub portal gathers the reports of member portals through the interface every
//! build publishes ([`crate::output::network`], docs/network.md).

pub mod member;
