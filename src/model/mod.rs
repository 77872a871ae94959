//! The model at the centre of the pipeline: plain Rust types for pages, reports and the site.

pub mod paths;
pub mod plan;
pub mod report;
pub mod site;
pub mod slug;
pub mod taxonomy;
pub mod tracker;
