//! Front matter: splitting, TOML/YAML parsing, validation and the personal-data scan, on
//! arbitrary bytes. Must not panic or hang; every diagnostic has a position inside the file.
#![no_main]

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;
use tilik::content::discover::{SourceFile, SourceKind};
use tilik::content::load::parse_text;
use tilik::diagnostics::Lang;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, bytes)) = data.split_first() else {
        return;
    };
    let kind = match flags % 3 {
        0 => SourceKind::Page,
        1 => SourceKind::Section,
        _ => SourceKind::Bundle { assets: Vec::new() },
    };
    let lang = if flags & 4 == 0 { Lang::Id } else { Lang::En };
    let source = SourceFile {
        path: PathBuf::from("/fuzz/content/laporan/a.md"),
        rel: "laporan/a.md".into(),
        display: PathBuf::from("content/laporan/a.md"),
        kind,
    };
    let mut diags = Vec::new();
    let loaded = parse_text(source, bytes, lang, &mut diags);
    // CR alone is a line break too (see `source::decode`).
    let lines = bytes.iter().filter(|&&b| b == b'\n' || b == b'\r').count() + 2;
    let mut all = diags;
    if let Some(file) = &loaded {
        for finding in &file.personal_data {
            all.extend(tilik::privacy::diagnostic(finding, &file.source.display, &[], lang));
        }
    }
    for d in &all {
        let text = d.render(lang);
        if let Some(pos) = d.pos {
            assert!(pos.line >= 1 && pos.col >= 1, "{text}");
            assert!(pos.line <= lines, "line past the end of the file: {text}");
        }
    }
});
