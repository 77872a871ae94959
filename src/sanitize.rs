//! Sanitising the HTML of a rendered Markdown body: an allow-list of harmless tags and
//! attributes (ammonia), so that raw HTML written in a report cannot run script on a portal
//! published under a government name.
//!
//! What survives is what Markdown itself produces (headings with ids, tables, footnotes,
//! task-list checkboxes, `<del>`, code with its `language-*` class, images, links) plus plain
//! formatting tags. What goes: `<script>`, `<style>`, `<iframe>`, `<object>`, `<embed>`,
//! `<form>`, event-handler attributes, `style` attributes, and every URL whose scheme is not
//! `http`, `https`, `mailto` or `tel` (so `javascript:`, `vbscript:` and `data:` are dropped).
//! Portals whose writers are all trusted can turn this off with
//! `[markdown] allow_raw_html = true` in `tilik.toml`.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

/// URL schemes a link or image may use; relative URLs are always kept.
pub const SAFE_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// Tags kept besides ammonia's default allow-list (which has no script, style, iframe,
/// object, embed, form or input).
const EXTRA_TAGS: &[&str] = &["input"];

/// Tags dropped together with their content (not only the tags).
const DROP_WITH_CONTENT: &[&str] = &["script", "style", "iframe", "object", "embed", "template"];

/// Tags that may carry an `id` (heading anchors, footnote definitions) or a `class`.
const ID_AND_CLASS_TAGS: &[&str] = &[
    "h1", "h2", "h3", "h4", "h5", "h6", "div", "sup", "code", "th", "td", "span", "li", "p",
];

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.add_tags(EXTRA_TAGS)
        .add_clean_content_tags(DROP_WITH_CONTENT)
        .url_schemes(SAFE_SCHEMES.iter().copied().collect::<HashSet<_>>())
        .link_rel(None)
        .strip_comments(true)
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tag_attributes("div", ["role", "tabindex", "aria-label"])
        .attribute_filter(filter_attribute);
    for tag in ID_AND_CLASS_TAGS {
        b.add_tag_attributes(tag, ["id", "class"]);
    }
    b
});

/// Keeps only harmless values of the attributes the allow-list lets through.
fn filter_attribute<'u>(element: &str, attribute: &str, value: &'u str) -> Option<Cow<'u, str>> {
    match (element, attribute) {
        // A Markdown task-list item; any other input type is not ours.
        ("input", "type") => (value == "checkbox").then_some(Cow::Borrowed(value)),
        // The scrollable region a table is wrapped in; nothing else.
        ("div", "role") => (value == "region").then_some(Cow::Borrowed(value)),
        ("div", "tabindex") => (value == "0").then_some(Cow::Borrowed(value)),
        (_, "class") => {
            let kept: Vec<&str> = value
                .split_ascii_whitespace()
                .filter(|c| is_token(c))
                .collect();
            (!kept.is_empty()).then(|| Cow::Owned(kept.join(" ")))
        }
        (_, "id") => is_token(value).then_some(Cow::Borrowed(value)),
        _ => Some(Cow::Borrowed(value)),
    }
}

/// One word: no spaces or control characters, at most 200 bytes (the value is escaped when
/// written, so any other character is harmless: footnote labels and `{#bab-1.2}` ids keep
/// working).
fn is_token(s: &str) -> bool {
    !s.is_empty() && s.len() <= 200 && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Sanitises an HTML fragment with the allow-list.
pub fn clean(html: &str) -> String {
    SANITIZER.clean(html).to_string()
}

/// Whether a URL written in Markdown may be kept: relative URLs and [`SAFE_SCHEMES`] only.
///
/// The scheme is read the way browsers read it: leading spaces and control characters are
/// ignored, tabs and newlines inside the scheme are removed, and case does not matter, so
/// `  JaVa\tScRiPt:alert(1)` is refused.
pub fn is_safe_url(url: &str) -> bool {
    let mut scheme = String::new();
    for c in url.chars() {
        match c {
            ':' if scheme.is_empty() => return true, // `:x` is a relative path
            ':' => {
                let scheme = scheme.to_ascii_lowercase();
                return SAFE_SCHEMES.contains(&scheme.as_str());
            }
            '/' | '?' | '#' => return true,
            '\t' | '\n' | '\r' => {} // browsers remove these anywhere in a URL
            c if c <= ' ' && scheme.is_empty() => {} // and strip these before it
            // A scheme starts with a letter: `:x`, `1a:b` are relative paths.
            c if scheme.is_empty() && !c.is_ascii_alphabetic() => return true,
            c if c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.') => scheme.push(c),
            _ => return true, // not a scheme: a relative URL such as `foto tpst.jpg`
        }
    }
    true
}

/// The URL to write for a Markdown link or image: as written when safe, `#` when not.
pub fn neutralise_url(url: &str) -> Option<&'static str> {
    (!is_safe_url(url)).then_some("#")
}

/// A CSV cell that a spreadsheet will not run as a formula: text starting with `=`, `+`,
/// `-`, `@`, a tab or a carriage return gets a leading `'` (OWASP's advice against CSV
/// injection; `=HYPERLINK(…)` in a recommendation would otherwise become a live link).
pub fn spreadsheet_safe(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_handlers_and_frames_are_removed() {
        let dirty = r#"<p onclick="alert(1)">a<script>alert(2)</script><iframe src="https://x"></iframe>
<object data="x.swf"></object><embed src="x"><img src=x onerror=alert(3)><style>body{}</style>
<svg><script>alert(4)</script></svg><form action="https://x"><input type="password"></form></p>"#;
        let clean = clean(dirty);
        for bad in [
            "<script", "alert", "<iframe", "<object", "<embed", "onerror", "onclick", "<style",
            "<svg", "<form", "password",
        ] {
            assert!(!clean.contains(bad), "{bad} in {clean}");
        }
        assert!(clean.contains("<img src=\"x\">"), "{clean}");
    }

    #[test]
    fn dangerous_urls_and_style_attributes_are_dropped() {
        let clean = clean(
            r#"<a href="javascript:alert(1)">j</a><a href=" JAVA&#9;SCRIPT:alert(1)">k</a>
<a href="vbscript:x">v</a><a href="data:text/html,<script>x</script>">d</a>
<img src="data:image/svg+xml,x"><p style="background:url(https://x/track.png)">s</p>
<a href="https://example.go.id/" target="_blank">ok</a><a href="../a/">rel</a>"#,
        );
        for bad in [
            "javascript",
            "JAVA",
            "vbscript",
            "data:",
            "style",
            "url(",
            "target",
        ] {
            assert!(!clean.contains(bad), "{bad} in {clean}");
        }
        assert!(clean.contains(r#"<a href="https://example.go.id/">ok</a>"#));
        assert!(clean.contains(r#"<a href="../a/">rel</a>"#));
    }

    #[test]
    fn what_markdown_produces_is_kept() {
        let html = r##"<h2 id="latar-belakang" class="khusus">Latar</h2>
<table><thead><tr><th class="align-center">a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>
<p><del>lama</del><sup class="footnote-reference"><a href="#1">1</a></sup></p>
<ul><li><input disabled="" type="checkbox" checked=""> selesai</li></ul>
<pre><code class="language-rust">fn main() {}</code></pre>
<div class="footnote-definition" id="1"><sup class="footnote-definition-label">1</sup><p>catatan</p></div>"##;
        let clean = clean(html);
        for good in [
            r#"<h2 id="latar-belakang" class="khusus">"#,
            r#"<th class="align-center">"#,
            "<del>lama</del>",
            r##"<sup class="footnote-reference"><a href="#1">1</a></sup>"##,
            r#"type="checkbox""#,
            "checked",
            r#"<code class="language-rust">"#,
            r#"<div class="footnote-definition" id="1">"#,
        ] {
            assert!(clean.contains(good), "{good} not in {clean}");
        }
    }

    #[test]
    fn input_other_than_checkbox_loses_its_type() {
        let clean = clean(r#"<input type="image" src="x"><input type="checkbox">"#);
        let ids =
            super::clean(r#"<h2 id="bab-1.2" class="a b&quot;c">x</h2><h3 id="dua kata">y</h3>"#);
        assert!(
            ids.contains(r#"<h2 id="bab-1.2" class="a b&quot;c">"#),
            "{ids}"
        );
        assert!(ids.contains("<h3>y</h3>"), "{ids}");
        assert!(!clean.contains("image"), "{clean}");
        assert!(clean.contains(r#"<input type="checkbox">"#), "{clean}");
    }

    #[test]
    fn csv_cells_never_start_a_formula() {
        assert_eq!(spreadsheet_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(spreadsheet_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(spreadsheet_safe("-2+3"), "'-2+3");
        assert_eq!(spreadsheet_safe("Membangun TPS3R"), "Membangun TPS3R");
        assert_eq!(spreadsheet_safe(""), "");
    }

    #[test]
    fn url_safety_reads_schemes_like_a_browser() {
        for safe in [
            "https://x.go.id/a",
            "http://x",
            "mailto:a@b.go.id",
            "tel:+62274868405",
            "../a/b/",
            "foto tpst.jpg",
            "laporan 2024:final.pdf",
            // Found by fuzzing: no scheme without a leading letter.
            ":p.md#s",
            "1a:b",
            "#bagian",
            "?q=1",
            "a/b:c",
            "",
        ] {
            assert!(is_safe_url(safe), "{safe}");
        }
        for bad in [
            "javascript:alert(1)",
            "  JavaScript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:x",
            "\u{1}javascript:x",
            "vbscript:x",
            "data:text/html;base64,AAAA",
            "file:///etc/passwd",
        ] {
            assert!(!is_safe_url(bad), "{bad:?}");
        }
    }
}
