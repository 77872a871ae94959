//! `tilik import`: arbitrary bytes as a document package, or as the main XML part of a
//! `.docx` or `.odt` wrapped in a well-formed zip (so that the fuzzer reaches the XML readers
//! instead of failing on zip checksums). Must not panic or hang; a document that is read
//! becomes an `index.md` whose front matter is valid TOML and starts and ends with `+++`.
#![no_main]

use std::io::Write;

use libfuzzer_sys::fuzz_target;
use tilik::import::{convert, read_document};

const TYPES: &[u8] = br#"<?xml version="1.0"?><Types xmlns="t"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored);
    for (name, data) in entries {
        w.start_file(*name, opts).expect("start entry");
        w.write_all(data).expect("write entry");
    }
    w.finish().expect("finish zip").into_inner()
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, bytes)) = data.split_first() else {
        return;
    };
    let (package, name) = match flags % 4 {
        0 => (bytes.to_vec(), "laporan.docx"),
        1 => (
            zip_of(&[("[Content_Types].xml", TYPES), ("word/document.xml", bytes)]),
            "laporan.docx",
        ),
        2 => (
            zip_of(&[
                ("mimetype", b"application/vnd.oasis.opendocument.text"),
                ("content.xml", bytes),
            ]),
            "laporan.odt",
        ),
        _ => {
            // Half the bytes as the body, half as the styles (docx) or numbering.
            let mid = bytes.len() / 2;
            let part = if flags & 4 == 0 { "word/styles.xml" } else { "word/numbering.xml" };
            (
                zip_of(&[
                    ("[Content_Types].xml", TYPES),
                    ("word/document.xml", &bytes[..mid]),
                    (part, &bytes[mid..]),
                ]),
                "laporan.docx",
            )
        }
    };
    let Ok((doc, _)) = read_document(&package, name) else {
        return;
    };
    let today = chrono::NaiveDate::from_ymd_opt(2024, 5, 20).expect("date");
    let converted = convert(doc, name, None, today);
    let text = &converted.text;
    assert!(text.starts_with("+++\n"));
    let (front, _body) = text[4..].split_once("\n+++\n").expect("front matter ends");
    if let Err(e) = front.parse::<toml_edit::DocumentMut>() {
        panic!("front matter is not TOML: {e}\n{front}");
    }
});
