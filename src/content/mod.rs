//! Content loading: finding the Markdown files of a project and reading them into pages
//! ([`discover`], then [`load`]); [`cache`] keeps what was read from one load to the next, for
//! the rebuilds of `tilik serve`.

pub mod cache;
pub mod discover;
pub mod frontmatter;
pub mod hints;
pub mod load;
pub mod source;
pub mod value;
