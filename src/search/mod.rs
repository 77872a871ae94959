//! Full-text search: Indonesian and English text analysis and the static, sharded index that
//! the search page (`themes/default/static/js/search.js`) loads from any host or from disk.

pub mod analyser;
pub mod stem_id;
