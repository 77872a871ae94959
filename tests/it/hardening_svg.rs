//! SVG files of bundles, `static/` and the theme: hostile ones are refused with their line and
//! column, the others are published rewritten from an allow-list of drawing (issue #15.1).

use crate::common;

use crate::common::{report, Project, CONFIG};

const NS: &str = "xmlns=\"http://www.w3.org/2000/svg\"";

/// The reproductions of issue #15.1: each must fail the build, at the line of the problem.
const HOSTILE: &[(&str, &str, &str)] = &[
    (
        "svg-script.svg",
        "<svg:script xmlns:svg=\"http://www.w3.org/2000/svg\">alert(document.domain)</svg:script>",
        "<svg:script>",
    ),
    (
        "xhtml-script.svg",
        "<x:script xmlns:x=\"http://www.w3.org/1999/xhtml\">alert(document.domain)</x:script>",
        "<x:script>",
    ),
    (
        "foreign.svg",
        "<foreignObject width=\"9\" height=\"9\"><p xmlns=\"http://www.w3.org/1999/xhtml\"><img src=\"x\" onerror=\"alert(1)\"/></p></foreignObject>",
        "onerror",
    ),
    (
        "xlink-js.svg",
        "<a xmlns:xlink=\"http://www.w3.org/1999/xlink\" xlink:href=\"jav&#x09;ascript:alert(1)\"><text>x</text></a>",
        "javascript:",
    ),
    (
        "ns-handler.svg",
        "<g xmlns:e=\"http://www.w3.org/2000/svg\" e:onclick=\"alert(1)\"/>",
        "e:onclick",
    ),
    (
        "animate-href.svg",
        "<a><set attributeName=\"href\" to=\"javascript:alert(1)\"/><text>x</text></a>",
        "javascript:",
    ),
];

fn svg(inner: &str) -> String {
    format!("<?xml version=\"1.0\"?>\n<svg {NS} viewBox=\"0 0 9 9\">\n{inner}\n</svg>\n")
}

fn bundle(p: &Project) {
    p.file("content/laporan/a/index.md", &report("A"));
}

#[test]
fn script_in_any_namespace_and_every_reproduction_is_refused_at_its_line() {
    let p = Project::new();
    bundle(&p);
    for (name, inner, _) in HOSTILE {
        p.file(&format!("content/laporan/a/{name}"), &svg(inner));
    }
    let run = p.run(&["build", "--lang", "en"]).expect_code(1);
    for (name, _, what) in HOSTILE {
        let line = run
            .stderr
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} not reported:\n{}", run.stderr));
        assert!(
            line.starts_with(&format!("content/laporan/a/{name}:3:"))
                && line.contains(": error: ")
                && line.contains("can run script")
                && line.contains(what),
            "{line}"
        );
    }
    assert!(!p.path().join("public").exists());
    // Indonesian too, and `check` reports the same.
    let run = p.run(&["check"]).expect_code(1);
    assert!(
        run.stderr
            .contains("gambar SVG ini dapat menjalankan skrip"),
        "{}",
        run.stderr
    );
}

#[test]
fn entity_expansion_and_broken_svg_are_refused_not_expanded() {
    let p = Project::new();
    bundle(&p);
    let laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg [\n<!ENTITY a \"tawa\">\n<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n]>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&c;</text></svg>\n";
    p.file("content/laporan/a/tawa.svg", laughs);
    p.file(
        "content/laporan/a/rusak.svg",
        &svg("<g><rect width=\"1\"></g>"),
    );
    let run = p.run(&["build", "--lang", "en"]).expect_code(1);
    assert!(
        run.stderr
            .contains("content/laporan/a/tawa.svg:2:1: error: this SVG image cannot be checked"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("content/laporan/a/rusak.svg:3:20: error: this SVG image cannot be checked"),
        "{}",
        run.stderr
    );
}

#[test]
fn drawings_are_published_without_external_references_or_editor_metadata() {
    let p = Project::new();
    bundle(&p);
    p.file(
        "content/laporan/a/peta.svg",
        &svg(concat!(
            "<metadata><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/></metadata>\n",
            "<image href=\"https://pelacak.example/p.png\" width=\"9\" height=\"9\"/>\n",
            "<use href=\"https://luar.example/s.svg#x\"/>\n",
            "<rect width=\"9\" height=\"9\" fill=\"url(https://luar.example/p.svg#g)\" style=\"fill:url(#g)\"/>\n",
            "<style>@import url(https://luar.example/a.css);</style>\n",
            "<text x=\"1\" y=\"5\">Kantor &amp; Dinas</text>\n",
            "<foreignObject width=\"9\" height=\"9\"><div xmlns=\"http://www.w3.org/1999/xhtml\">Label HTML</div></foreignObject>",
        )),
    );
    p.file(
        "static/logo.svg",
        &svg("<circle r=\"4\" onclick=\"alert(1)\"/>"),
    );
    // The static file is hostile: refused like a bundle file, at its path.
    let run = p.run(&["build", "--lang", "en"]).expect_code(1);
    assert!(
        run.stderr
            .contains("static/logo.svg:3:1: error: this SVG image can run script"),
        "{}",
        run.stderr
    );
    p.file("static/logo.svg", &svg("<circle r=\"4\"/>"));
    p.run(&["build"]).expect_code(0);
    let out = p.read("public/laporan/a/peta.svg");
    for gone in [
        "luar.example",
        "pelacak.example",
        "metadata",
        "rdf",
        "@import",
    ] {
        assert!(!out.contains(gone), "{gone} in {out}");
    }
    for kept in [
        "<text x=\"1\" y=\"5\">Kantor &amp; Dinas</text>",
        "style=\"fill:url(#g)\"",
        "<image width=\"9\" height=\"9\"/>",
    ] {
        assert!(out.contains(kept), "{kept} not in {out}");
    }
    assert!(p.read("public/logo.svg").contains("<circle r=\"4\"/>"));
    // Rebuilt byte for byte the same.
    p.run(&["build"]).expect_code(0);
    assert_eq!(p.read("public/laporan/a/peta.svg"), out);
}

#[test]
fn a_theme_svg_is_checked_too() {
    let p = Project::bare();
    common::run_in(p.path(), &["new", "portal", "--with-theme"]).expect_code(0);
    let site = p.path().join("portal");
    let ikon = site.join("themes/default/static/ikon.svg");
    std::fs::write(
        &ikon,
        svg("<svg:script xmlns:svg=\"http://www.w3.org/2000/svg\">alert(1)</svg:script>"),
    )
    .unwrap();
    let run = common::run_in(&site, &["build", "--lang", "en"]).expect_code(1);
    assert!(
        run.stderr
            .contains("themes/default/static/ikon.svg:3:1: error: this SVG image can run script"),
        "{}",
        run.stderr
    );
    std::fs::write(&ikon, svg("<path d=\"M0 0h9\"/>")).unwrap();
    common::run_in(&site, &["build"]).expect_code(0);
    let out = std::fs::read_to_string(site.join("public/ikon.svg")).unwrap();
    assert!(out.contains("<path d=\"M0 0h9\"/>"), "{out}");
}

#[test]
fn trusted_writers_publish_svg_files_as_they_are() {
    let p = Project::new();
    bundle(&p);
    let hostile = svg("<svg:script xmlns:svg=\"http://www.w3.org/2000/svg\">alert(1)</svg:script>");
    p.file("content/laporan/a/p.svg", &hostile);
    p.file(
        "tilik.toml",
        &format!("{CONFIG}[markdown]\nallow_raw_html = true\n"),
    );
    p.run(&["build"]).expect_code(0);
    assert_eq!(p.read("public/laporan/a/p.svg"), hostile);
}
