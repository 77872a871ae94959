//! Content loading: finding the Markdown files of a project and reading them into pages.

pub mod cache;
pub mod discover;
pub mod frontmatter;
pub mod load;
pub mod source;
pub mod value;
