//! The model at the centre of the pipeline: plain Rust types for pages, reports and the site.

pub mod abroad;
pub mod history;
pub mod link_hints;
pub mod menu_check;
pub mod paths;
pub mod plan;
pub mod report;
pub mod site;
pub mod site_links;
pub mod slug;
pub mod taxonomy;
pub mod tracker;
