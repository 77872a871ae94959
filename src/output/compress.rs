//! Pre-compressed copies (`.gz`, `.br`) of text files, for hosts that serve them as they are
//! (nginx `gzip_static`/`brotli_static`, some object stores). Deterministic: no timestamps
//! or file names in the gzip header, so rebuilds stay byte-identical.

use std::io::Write;

use rayon::prelude::*;

use super::{Content, OutputFile};

/// File endings worth compressing.
const TEXT: [&str; 9] = [
    "html", "css", "js", "json", "xml", "csv", "txt", "svg", "mjs",
];

/// Files below this size are not worth a second request path.
const MIN_SIZE: usize = 512;

fn is_text(path: &str) -> bool {
    path.rsplit_once('.')
        .is_some_and(|(_, ext)| TEXT.contains(&ext.to_ascii_lowercase().as_str()))
}

/// `.gz` and `.br` copies of every text file in `files` that compresses smaller.
pub fn precompressed(files: &[OutputFile]) -> Vec<OutputFile> {
    files.par_iter().flat_map_iter(copies_of).collect()
}

/// The `.gz` and `.br` copies of one file, if it is text and compresses smaller.
pub fn copies_of(f: &OutputFile) -> Vec<OutputFile> {
    if !is_text(&f.path) {
        return Vec::new();
    }
    let bytes = match &f.content {
        Content::Bytes(b) => std::borrow::Cow::Borrowed(b.as_slice()),
        Content::Copy(path) => match std::fs::read(path) {
            Ok(b) => std::borrow::Cow::Owned(b),
            Err(_) => return Vec::new(),
        },
        Content::Image(path) => match super::rewritten(path, Default::default()) {
            Ok(b) => std::borrow::Cow::Owned(b),
            Err(_) => return Vec::new(),
        },
    };
    if bytes.len() < MIN_SIZE {
        return Vec::new();
    }
    let mut out = Vec::new();
    let gz = gzip(&bytes);
    if gz.len() < bytes.len() {
        out.push(OutputFile::bytes(format!("{}.gz", f.path), gz));
    }
    let br = brotli(&bytes);
    if br.len() < bytes.len() {
        out.push(OutputFile::bytes(format!("{}.br", f.path), br));
    }
    out
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), flate2::Compression::best());
    // Writing to memory cannot fail.
    encoder.write_all(bytes).expect("write to memory");
    encoder.finish().expect("write to memory")
}

fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    let mut input = bytes;
    brotli::BrotliCompress(&mut input, &mut out, &params).expect("write to memory");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn compresses_text_only_and_round_trips() {
        let html = "<p>Laporan studi banding</p>\n".repeat(100);
        let files = vec![
            OutputFile::bytes("a/index.html", html.clone()),
            OutputFile::bytes("foto.jpg", vec![0xff; 4096]),
            OutputFile::bytes("kecil.css", "a{}"),
        ];
        let out = precompressed(&files);
        let names: Vec<&str> = out.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(names, ["a/index.html.gz", "a/index.html.br"]);
        let Content::Bytes(gz) = &out[0].content else {
            panic!()
        };
        let mut back = String::new();
        flate2::read::GzDecoder::new(gz.as_slice())
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, html);
        assert_eq!(precompressed(&files), out, "deterministic");
    }
}
