//! Opening a document package (a zip file) without trusting it.
//!
//! Everything is checked before a byte is inflated: the file's signature (a password-protected
//! Word document is not a zip but an OLE container holding an `EncryptedPackage`), the number
//! of entries, the sizes the archive declares, encrypted entries. Reading an entry then stops
//! at its own limit whatever the archive declared (declared sizes can lie), and an entry that
//! inflates more than [`MAX_RATIO`] times its compressed size is refused as a zip bomb.

use std::io::{Cursor, Read};

use zip::ZipArchive;

use crate::deferred_msg;
use crate::messages::Deferred;

/// Largest document file read.
pub const MAX_FILE: u64 = 100 * 1024 * 1024;
/// Most entries in a package (a long report with many photos has a few hundred).
pub const MAX_ENTRIES: usize = 5_000;
/// Largest XML part, inflated.
pub const MAX_XML: u64 = 64 * 1024 * 1024;
/// Largest image, inflated.
pub const MAX_IMAGE: u64 = 25 * 1024 * 1024;
/// Most bytes inflated from one package in total.
pub const MAX_TOTAL: u64 = 256 * 1024 * 1024;
/// Largest inflated/compressed ratio for an entry over [`RATIO_FLOOR`] bytes (XML compresses
/// about 10:1, a page of repeated styles perhaps 60:1).
pub const MAX_RATIO: u64 = 200;
/// Entries smaller than this are not held to [`MAX_RATIO`].
pub const RATIO_FLOOR: u64 = 1024 * 1024;

/// Why a package was refused, with a hint for the writer, shown in the run's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// What is wrong.
    pub message: Deferred,
    /// What to do.
    pub hint: Deferred,
}

impl Refusal {
    /// A refusal with its hint.
    pub fn new(message: Deferred, hint: Deferred) -> Refusal {
        Refusal { message, hint }
    }
}

const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn resave() -> Deferred {
    deferred_msg!("import.resave")
}

/// A zip package opened with its limits.
pub struct Package<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    inflated: u64,
}

/// Whether `bytes` hold a UTF-16LE copy of `name` (how OLE directories store names).
fn has_utf16(bytes: &[u8], name: &str) -> bool {
    let needle: Vec<u8> = name.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    bytes.windows(needle.len()).any(|w| w == needle.as_slice())
}

impl<'a> Package<'a> {
    /// Opens `bytes` as a package, checking the signature, entry count, declared sizes and
    /// encryption.
    pub fn open(bytes: &'a [u8]) -> Result<Package<'a>, Refusal> {
        if bytes.len() as u64 > MAX_FILE {
            return Err(Refusal::new(
                deferred_msg!(
                    "import.file_too_large",
                    size = bytes.len() >> 20,
                    max = MAX_FILE >> 20
                ),
                deferred_msg!("import.file_too_large_hint"),
            ));
        }
        if bytes.starts_with(OLE_MAGIC) {
            if has_utf16(bytes, "EncryptedPackage") {
                return Err(Refusal::new(
                    deferred_msg!("import.password_protected"),
                    deferred_msg!("import.password_protected_word_hint"),
                ));
            }
            return Err(Refusal::new(deferred_msg!("import.old_doc"), resave()));
        }
        if !bytes.starts_with(b"PK\x03\x04") && !bytes.starts_with(b"PK\x05\x06") {
            return Err(Refusal::new(deferred_msg!("import.not_a_zip"), resave()));
        }
        let archive = ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| Refusal::new(deferred_msg!("import.damaged", error = e), resave()))?;
        let mut package = Package {
            archive,
            inflated: 0,
        };
        package.check_entries()?;
        Ok(package)
    }

    fn check_entries(&mut self) -> Result<(), Refusal> {
        let count = self.archive.len();
        if count > MAX_ENTRIES {
            return Err(bomb(format!("{count} entries (at most {MAX_ENTRIES})")));
        }
        let mut declared: u64 = 0;
        for i in 0..count {
            let entry = self.archive.by_index_raw(i).map_err(|e| damaged(&e))?;
            if entry.encrypted() {
                return Err(Refusal::new(
                    deferred_msg!("import.encrypted_entries"),
                    deferred_msg!("import.encrypted_entries_hint"),
                ));
            }
            declared = declared.saturating_add(entry.size());
        }
        if declared > MAX_TOTAL {
            return Err(bomb(format!(
                "{} MB once unpacked (at most {} MB)",
                declared >> 20,
                MAX_TOTAL >> 20
            )));
        }
        Ok(())
    }

    /// Names of the entries.
    pub fn names(&self) -> Vec<String> {
        self.archive.file_names().map(str::to_string).collect()
    }

    /// Whether an entry exists.
    pub fn has(&self, name: &str) -> bool {
        self.archive.index_for_name(name).is_some()
    }

    /// Reads an entry of at most `limit` bytes; `Ok(None)` when there is no such entry.
    pub fn read(&mut self, name: &str, limit: u64) -> Result<Option<Vec<u8>>, Refusal> {
        let Some(index) = self.archive.index_for_name(name) else {
            return Ok(None);
        };
        let budget = MAX_TOTAL.saturating_sub(self.inflated);
        let mut entry = self.archive.by_index(index).map_err(|e| damaged(&e))?;
        let compressed = entry.compressed_size().max(1);
        let cap = limit.min(budget);
        let mut out = Vec::new();
        (&mut entry)
            .take(cap + 1)
            .read_to_end(&mut out)
            .map_err(|e| damaged(&e))?;
        let got = out.len() as u64;
        if got > cap {
            if cap < limit {
                return Err(bomb(format!(
                    "more than {} MB once unpacked",
                    MAX_TOTAL >> 20
                )));
            }
            return Err(too_big(name, limit));
        }
        if got > RATIO_FLOOR && got / compressed > MAX_RATIO {
            return Err(bomb(format!(
                "{name} unpacks {}× its size",
                got / compressed
            )));
        }
        self.inflated += got;
        Ok(Some(out))
    }
}

fn damaged(e: &dyn std::fmt::Display) -> Refusal {
    Refusal::new(deferred_msg!("import.damaged", error = e), resave())
}

fn bomb(detail: String) -> Refusal {
    Refusal::new(
        deferred_msg!("import.zip_bomb", detail),
        deferred_msg!("import.zip_bomb_hint"),
    )
}

fn too_big(name: &str, limit: u64) -> Refusal {
    if name.contains("media/") || name.starts_with("Pictures/") {
        Refusal::new(
            deferred_msg!("import.image_too_large", name, max = limit >> 20),
            deferred_msg!("import.image_too_large_hint"),
        )
    } else {
        bomb(format!("{name} is over {} MB", limit >> 20))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in entries {
            w.start_file(*name, SimpleFileOptions::default()).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn refuses_what_is_not_a_zip() {
        assert!(Package::open(b"hello")
            .err()
            .unwrap()
            .message
            .show(crate::messages::Lang::En)
            .contains("not a zip"));
        let mut ole = OLE_MAGIC.to_vec();
        ole.extend(
            "EncryptedPackage"
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes()),
        );
        assert!(Package::open(&ole)
            .err()
            .unwrap()
            .message
            .show(crate::messages::Lang::En)
            .contains("password"));
        assert!(Package::open(OLE_MAGIC)
            .err()
            .unwrap()
            .message
            .show(crate::messages::Lang::En)
            .contains(".doc"));
    }

    #[test]
    fn refuses_truncated_zip() {
        let z = zip_of(&[("a.xml", b"<a/>")]);
        let cut = &z[..z.len() - 10];
        assert!(Package::open(cut)
            .err()
            .unwrap()
            .message
            .show(crate::messages::Lang::En)
            .contains("damaged"));
    }

    #[test]
    fn reads_entries_and_refuses_bombs() {
        let z = zip_of(&[("a.xml", b"<a/>")]);
        let mut p = Package::open(&z).unwrap();
        assert_eq!(p.read("a.xml", 100).unwrap().unwrap(), b"<a/>");
        assert_eq!(p.read("b.xml", 100).unwrap(), None);
        let zeros = vec![0u8; 4 * 1024 * 1024];
        let z = zip_of(&[("big.xml", &zeros)]);
        let mut p = Package::open(&z).unwrap();
        assert!(p
            .read("big.xml", MAX_XML)
            .err()
            .unwrap()
            .message
            .show(crate::messages::Lang::En)
            .contains("zip bomb"));
        let mut p = Package::open(&z).unwrap();
        assert!(p
            .read("big.xml", 1024)
            .err()
            .unwrap()
            .message
            .show(crate::messages::Lang::En)
            .contains("zip bomb"));
    }
}
