//! Full-text search: Indonesian and English text analysis and the static, sharded index that
//! the search page (`themes/default/static/js/search.js`) loads from any host or from disk.
//!
//! The build pipeline calls [`build_index`] with one [`SearchDocument`] per published page and
//! writes the returned files; the search template loads [`SearchIndex::entry`].

pub mod analyser;
pub mod encode;
pub mod facets;
pub mod files;
pub mod index;
pub mod lexicon;
pub mod meta;
pub mod score;
pub mod shards;
pub mod stem_id;

pub use index::{build_index, build_index_with, Options, SearchDocument, SearchIndex};
