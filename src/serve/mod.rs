//! `tilik serve`: a live preview of the portal, built by the same pipeline as `tilik build`
//! and kept in memory (nothing is written to the output folder).

pub mod http;
pub mod inject;
pub mod mime;
pub mod reload;
pub mod snapshot;
pub mod urlpath;
