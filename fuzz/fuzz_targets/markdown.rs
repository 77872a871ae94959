//! Markdown to HTML with link resolution, as a page of a site renders it: must not panic or
//! hang, and with sanitising on (the default) must emit nothing that can run script.
#![no_main]

#[path = "../common/html_check.rs"]
mod html_check;

use libfuzzer_sys::fuzz_target;
use tilik::markdown::{is_page_link, render_with, LinkOutcome, RenderOptions};
use tilik::model::paths::{relative_url, resolve_link_target};

/// Pages that exist in the imaginary site, by their path under `content/`.
const TARGETS: &[(&str, &str)] = &[
    ("laporan/2023/bandung-arsip.md", "laporan/bandung-arsip/"),
    ("laporan/2024/a b/index.md", "laporan/a-b/"),
    ("halaman/tentang.md", "halaman/tentang/"),
];

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let Ok(body) = std::str::from_utf8(rest) else {
        return;
    };
    let from = "laporan/denpasar-mpp/";
    let rel = "laporan/2024/denpasar-mpp.md";
    let resolve = |target: &str| {
        if !is_page_link(target) {
            return LinkOutcome::Keep;
        }
        match resolve_link_target(rel, target) {
            Some((file, fragment)) => match TARGETS.iter().find(|(f, _)| *f == file) {
                Some((_, path)) => LinkOutcome::Rewrite(format!("{}{fragment}", relative_url(from, path))),
                None => LinkOutcome::Missing,
            },
            None => LinkOutcome::Missing,
        }
    };
    let options = RenderOptions {
        allow_raw_html: flags & 1 == 1,
        ..Default::default()
    };
    let (rendered, broken) = render_with(body, &resolve, options);
    for b in &broken {
        assert!(b.offset <= body.len(), "broken link offset past the end");
    }
    if !options.allow_raw_html {
        let problems = html_check::problems(&rendered.html);
        assert!(problems.is_empty(), "{problems:?} in {}", rendered.html);
    }
});
