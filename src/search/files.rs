//! The set of index files being written, each a classic script named by its content hash.

use super::encode::{content_hash, data_script};
use std::collections::BTreeMap;

/// Folder of the index, from the site root.
pub const DIR: &str = "search/";

/// Hash length in the names of numbered files: their hashes are all listed in the entry.
pub const SHORT_HASH_LEN: usize = 6;

/// Index files by path from the site root.
#[derive(Default)]
pub struct Files {
    files: BTreeMap<String, Vec<u8>>,
}

impl Files {
    /// Adds the data `json` in sub-folder `kind` (`t`, `d`, `f`, `m`); returns its hash, which
    /// `search.js` turns back into the path `kind/<hash>.js` relative to the entry file.
    pub fn add(&mut self, kind: &str, json: &str) -> String {
        let hash = content_hash(json.as_bytes());
        let key = format!("{kind}/{hash}");
        let path = format!("{DIR}{key}.js");
        self.files
            .entry(path)
            .or_insert_with(|| data_script(&key, json));
        hash
    }

    /// Adds a group of consecutive files of a numbered series (result metadata), the `k`-th
    /// under `kind/<k>-<hash>`, all with the same short hash of [`SHORT_HASH_LEN`] characters,
    /// taken from the content of the whole group (the number keeps names unique, and the entry
    /// lists one hash per group instead of one per file); returns the short hash.
    pub fn add_numbered_group(&mut self, kind: &str, first: usize, jsons: &[String]) -> String {
        let mut all = Vec::new();
        for json in jsons {
            all.extend_from_slice(json.as_bytes());
            all.push(b'\n');
        }
        let mut hash = content_hash(&all);
        hash.truncate(SHORT_HASH_LEN);
        for (i, json) in jsons.iter().enumerate() {
            let key = format!("{kind}/{}-{hash}", first + i);
            self.files
                .insert(format!("{DIR}{key}.js"), data_script(&key, json));
        }
        hash
    }

    /// Adds the entry file (registered under the key `index`); returns its path.
    pub fn add_entry(&mut self, json: &str) -> String {
        let path = format!("{DIR}index.{}.js", content_hash(json.as_bytes()));
        self.files.insert(path.clone(), data_script("index", json));
        path
    }

    /// Bytes of the wrapper `data_script` puts around a payload of kind `kind`.
    pub fn overhead(kind: &str) -> usize {
        data_script(&format!("{kind}/{}", content_hash(b"")), "").len()
    }

    /// All files, sorted by path.
    pub fn into_vec(self) -> Vec<(String, Vec<u8>)> {
        self.files.into_iter().collect()
    }
}
