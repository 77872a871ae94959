//! SVG files rewritten from an allow-list of drawing.
//!
//! Opened directly, an SVG is an XML document of the portal's origin: a `script` element (in
//! any namespace: `<svg:script>`, `<x:script xmlns:x="http://www.w3.org/1999/xhtml">`), an
//! event handler, a `javascript:` link, HTML inside a `foreignObject` or an `xml-stylesheet`
//! instruction all run or load something there. Looking for such things in the text misses
//! spellings; so the file is parsed as XML (namespaces resolved, no DTD, no entity but the
//! five predefined ones and character references) and written again from what is known to be
//! drawing only:
//!
//! - elements of the SVG namespace (or of none) on [`ELEMENTS`], written with their plain
//!   SVG names; everything else (editor metadata, animation, `foreignObject` with the HTML
//!   inside it, as diagram editors write for labels, elements of other namespaces) is left
//!   out with its content;
//! - attributes on [`ATTRIBUTES`], `aria-*`, `xml:space`/`xml:lang` and `href`/`xlink:href`
//!   where the reference stays inside the file (`#id`), is a raster `data:` image (on `image`
//!   and `feImage`) or the site (relative), or is a web or mail link (on `a`);
//! - `style` attributes and elements, and values with `url(…)`, only when their CSS names
//!   nothing outside the file (`url(#id)`), has no `@import` and no escapes;
//! - no comments, processing instructions, XML or DOCTYPE declarations.
//!
//! What shows an intent to run script is refused with its line and column instead of being
//! dropped, so that the writer learns why the file is not published: script-like elements
//! (`script`, `iframe`, `object`…) in any namespace, `on…` attributes, `javascript:` and
//! `vbscript:` URLs and non-image `data:` URLs; so are DTDs with declarations (entities) and
//! anything that is not well-formed XML.
//!
//! The output depends only on the input bytes, so rebuilds stay byte-identical.

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use crate::deferred_msg;
use crate::diagnostics::{Lang, Pos};
use crate::messages::Deferred;

const SVG_NS: &[u8] = b"http://www.w3.org/2000/svg";
const XLINK_NS: &[u8] = b"http://www.w3.org/1999/xlink";
const XML_NS: &[u8] = b"http://www.w3.org/XML/1998/namespace";

/// SVG elements that only draw (names as SVG spells them).
pub const ELEMENTS: &[&str] = &[
    "a",
    "circle",
    "clipPath",
    "defs",
    "desc",
    "ellipse",
    "feBlend",
    "feColorMatrix",
    "feComponentTransfer",
    "feComposite",
    "feConvolveMatrix",
    "feDiffuseLighting",
    "feDisplacementMap",
    "feDistantLight",
    "feDropShadow",
    "feFlood",
    "feFuncA",
    "feFuncB",
    "feFuncG",
    "feFuncR",
    "feGaussianBlur",
    "feImage",
    "feMerge",
    "feMergeNode",
    "feMorphology",
    "feOffset",
    "fePointLight",
    "feSpecularLighting",
    "feSpotLight",
    "feTile",
    "feTurbulence",
    "filter",
    "g",
    "image",
    "line",
    "linearGradient",
    "marker",
    "mask",
    "path",
    "pattern",
    "polygon",
    "polyline",
    "radialGradient",
    "rect",
    "stop",
    "style",
    "svg",
    "switch",
    "symbol",
    "text",
    "textPath",
    "title",
    "tspan",
    "use",
    "view",
];

/// Attributes (without a namespace) of geometry, presentation and accessibility.
pub const ATTRIBUTES: &[&str] = &[
    // Core, structure, accessibility
    "id",
    "class",
    "style",
    "lang",
    "role",
    "version",
    "baseProfile",
    "viewBox",
    "preserveAspectRatio",
    "transform",
    "width",
    "height",
    "x",
    "y",
    "x1",
    "y1",
    "x2",
    "y2",
    "cx",
    "cy",
    "r",
    "rx",
    "ry",
    "fx",
    "fy",
    "fr",
    "d",
    "points",
    "pathLength",
    "dx",
    "dy",
    "rotate",
    "textLength",
    "lengthAdjust",
    "startOffset",
    "method",
    "spacing",
    "side",
    "systemLanguage",
    "requiredFeatures",
    "zoomAndPan",
    // Paint servers, clipping, masking, markers
    "gradientUnits",
    "gradientTransform",
    "spreadMethod",
    "offset",
    "patternUnits",
    "patternContentUnits",
    "patternTransform",
    "clipPathUnits",
    "maskUnits",
    "maskContentUnits",
    "markerUnits",
    "markerWidth",
    "markerHeight",
    "refX",
    "refY",
    "orient",
    // Filters
    "filterUnits",
    "primitiveUnits",
    "in",
    "in2",
    "result",
    "stdDeviation",
    "mode",
    "type",
    "values",
    "operator",
    "k1",
    "k2",
    "k3",
    "k4",
    "order",
    "kernelMatrix",
    "divisor",
    "bias",
    "targetX",
    "targetY",
    "edgeMode",
    "kernelUnitLength",
    "preserveAlpha",
    "surfaceScale",
    "diffuseConstant",
    "specularConstant",
    "specularExponent",
    "scale",
    "xChannelSelector",
    "yChannelSelector",
    "radius",
    "azimuth",
    "elevation",
    "pointsAtX",
    "pointsAtY",
    "pointsAtZ",
    "limitingConeAngle",
    "baseFrequency",
    "numOctaves",
    "seed",
    "stitchTiles",
    "tableValues",
    "slope",
    "intercept",
    "amplitude",
    "exponent",
    // Presentation attributes
    "alignment-baseline",
    "baseline-shift",
    "clip",
    "clip-path",
    "clip-rule",
    "color",
    "color-interpolation",
    "color-interpolation-filters",
    "color-rendering",
    "direction",
    "display",
    "dominant-baseline",
    "enable-background",
    "fill",
    "fill-opacity",
    "fill-rule",
    "filter",
    "flood-color",
    "flood-opacity",
    "font",
    "font-family",
    "font-size",
    "font-size-adjust",
    "font-stretch",
    "font-style",
    "font-variant",
    "font-weight",
    "glyph-orientation-horizontal",
    "glyph-orientation-vertical",
    "image-rendering",
    "isolation",
    "kerning",
    "letter-spacing",
    "lighting-color",
    "marker-start",
    "marker-mid",
    "marker-end",
    "mask",
    "mix-blend-mode",
    "opacity",
    "overflow",
    "paint-order",
    "pointer-events",
    "shape-rendering",
    "stop-color",
    "stop-opacity",
    "stroke",
    "stroke-dasharray",
    "stroke-dashoffset",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-miterlimit",
    "stroke-opacity",
    "stroke-width",
    "text-anchor",
    "text-decoration",
    "text-rendering",
    "transform-origin",
    "unicode-bidi",
    "vector-effect",
    "visibility",
    "word-spacing",
    "writing-mode",
];

/// Elements (in any namespace, any case) that run script or load a document: refused.
const SCRIPTING: &[&str] = &[
    "script", "iframe", "frame", "frameset", "embed", "object", "applet", "handler", "listener",
    "portal", "base", "meta",
];

/// Why an SVG is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// Where, in the SVG file.
    pub pos: Pos,
    /// Why, shown in the run's language.
    reason: Deferred,
    script: bool,
}

impl Refusal {
    /// A file that is no well-formed SVG.
    fn new(pos: Pos, reason: Deferred) -> Refusal {
        Refusal {
            pos,
            reason,
            script: false,
        }
    }

    /// A file with something that can run script.
    fn script(pos: Pos, reason: Deferred) -> Refusal {
        Refusal {
            script: true,
            ..Refusal::new(pos, reason)
        }
    }

    /// The reason, in the language of messages.
    pub fn describe(&self, lang: Lang) -> String {
        self.reason.show(lang)
    }

    /// Whether the file was refused for what can run script (rather than for being no
    /// well-formed SVG).
    pub fn is_script(&self) -> bool {
        self.script
    }
}

/// Rewrites an SVG file keeping only drawing (see the module documentation), or says where
/// and why it cannot be published.
pub fn clean(bytes: &[u8]) -> Result<Vec<u8>, Refusal> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Refusal::new(
            position(bytes, e.valid_up_to()),
            deferred_msg!("svg.not_utf8"),
        )
    })?;
    Cleaner::new(text).run()
}

/// One open element of the source.
struct Frame {
    /// Its SVG name when it is written, `None` when it is left out (with its content).
    kept: Option<&'static str>,
}

struct Cleaner<'a> {
    text: &'a str,
    reader: NsReader<&'a [u8]>,
    out: String,
    stack: Vec<Frame>,
    /// The text of an open `style` element, written (or not) when it closes.
    style: Option<String>,
    root_done: bool,
}

impl<'a> Cleaner<'a> {
    fn new(text: &'a str) -> Cleaner<'a> {
        let mut reader = NsReader::from_reader(text.as_bytes());
        let config = reader.config_mut();
        config.check_end_names = true;
        config.expand_empty_elements = false;
        config.trim_text(false);
        Cleaner {
            text,
            reader,
            out: String::with_capacity(text.len()),
            stack: Vec::new(),
            style: None,
            root_done: false,
        }
    }

    fn pos(&self, offset: u64) -> Pos {
        position(
            self.text.as_bytes(),
            usize::try_from(offset).unwrap_or(usize::MAX),
        )
    }

    fn skipping(&self) -> bool {
        self.stack.iter().any(|f| f.kept.is_none())
    }

    fn run(mut self) -> Result<Vec<u8>, Refusal> {
        loop {
            let start = self.reader.buffer_position();
            let event = match self.reader.read_event() {
                Ok(event) => event,
                Err(e) => {
                    let at = self.pos(self.reader.error_position());
                    return Err(Refusal::new(at, deferred_msg!("svg.not_xml", error = e)));
                }
            };
            let at = self.pos(start);
            match event {
                Event::Start(e) => self.open(&e, at, false)?,
                Event::Empty(e) => self.open(&e, at, true)?,
                Event::End(_) => self.close(),
                Event::Text(t) => {
                    let text = t.xml10_content().map_err(|e| malformed(at, &e))?;
                    self.text_content(&text, at)?;
                }
                Event::CData(t) => {
                    let text = t.xml10_content().map_err(|e| malformed(at, &e))?;
                    self.text_content(&text, at)?;
                }
                Event::GeneralRef(r) => {
                    let name = r.decode().map_err(|e| malformed(at, &e))?;
                    let ch = if r.is_char_ref() {
                        r.resolve_char_ref().ok().flatten()
                    } else {
                        predefined(&name)
                    };
                    let Some(ch) = ch else {
                        return Err(Refusal::new(at, deferred_msg!("svg.unknown_entity", name)));
                    };
                    self.text_content(ch.encode_utf8(&mut [0; 4]), at)?;
                }
                Event::DocType(d) => {
                    if d.into_inner().contains(&b'[') {
                        return Err(Refusal::new(at, deferred_msg!("svg.doctype_entities")));
                    }
                }
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
                Event::Eof => break,
            }
        }
        let end = self.pos(self.reader.buffer_position());
        if !self.stack.is_empty() {
            return Err(Refusal::new(end, deferred_msg!("svg.cut_short")));
        }
        if !self.root_done {
            return Err(Refusal::new(end, deferred_msg!("svg.no_svg_element")));
        }
        Ok(self.out.into_bytes())
    }

    fn open(&mut self, e: &BytesStart, at: Pos, empty: bool) -> Result<(), Refusal> {
        let (ns, local) = self.reader.resolver().resolve_element(e.name());
        let ns = namespace(&ns);
        let local = String::from_utf8_lossy(local.as_ref()).into_owned();
        let shown = String::from_utf8_lossy(e.name().as_ref()).into_owned();
        let lower = local.to_ascii_lowercase();
        if SCRIPTING.contains(&lower.as_str()) {
            return Err(Refusal::script(
                at,
                deferred_msg!("svg.script_element", shown),
            ));
        }
        let attrs = self.attributes(e, at)?;
        if self.stack.is_empty() && self.root_done {
            return Err(Refusal::new(at, deferred_msg!("svg.content_after_end")));
        }
        let is_root = self.stack.is_empty();
        if is_root && (local != "svg" || !matches!(ns, Ns::Svg | Ns::None)) {
            return Err(Refusal::new(at, deferred_msg!("svg.other_root", shown)));
        }
        let kept = if self.skipping() || self.style.is_some() || !matches!(ns, Ns::Svg | Ns::None) {
            None
        } else {
            ELEMENTS.iter().copied().find(|n| *n == local)
        };
        if let Some(name) = kept {
            self.out.push('<');
            self.out.push_str(name);
            if is_root {
                self.out.push_str(" xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"");
            }
            for (attr, value) in attrs {
                if let Some(value) = allowed_value(name, &attr, &value) {
                    self.out.push(' ');
                    self.out.push_str(&attr);
                    self.out.push_str("=\"");
                    escape_into(&mut self.out, value, true);
                    self.out.push('"');
                }
            }
            if empty {
                self.out.push_str("/>");
            } else {
                self.out.push('>');
                if name == "style" {
                    self.style = Some(String::new());
                }
            }
        }
        if empty {
            self.root_done |= is_root;
        } else {
            self.stack.push(Frame { kept });
        }
        Ok(())
    }

    /// The attributes of an element as `(name as written out, value)`, refusing event
    /// handlers and script URLs in any namespace. Names not allowed anywhere come back as
    /// an empty name (dropped by [`allowed_value`]).
    fn attributes(&self, e: &BytesStart, at: Pos) -> Result<Vec<(String, String)>, Refusal> {
        let mut out = Vec::new();
        for attr in e.attributes().with_checks(true) {
            let attr = attr.map_err(|err| malformed(at, &err))?;
            let qname = attr.key;
            let raw = qname.as_ref();
            if raw == b"xmlns" || raw.starts_with(b"xmlns:") {
                continue;
            }
            let shown = String::from_utf8_lossy(raw).into_owned();
            let (ns, local) = self.reader.resolver().resolve_attribute(qname);
            let local = String::from_utf8_lossy(local.as_ref()).into_owned();
            if local.to_ascii_lowercase().starts_with("on") {
                return Err(Refusal::script(
                    at,
                    deferred_msg!("svg.event_handler", shown),
                ));
            }
            let value = attr
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|err| {
                    Refusal::new(
                        at,
                        deferred_msg!("svg.unreadable_attribute", shown, error = err),
                    )
                })?
                .into_owned();
            if let Some(scheme) = script_url(&value) {
                return Err(Refusal::script(
                    at,
                    deferred_msg!("svg.script_address", shown, scheme),
                ));
            }
            let name = match namespace(&ns) {
                Ns::None if ATTRIBUTES.contains(&local.as_str()) => local,
                Ns::None if local == "href" => local,
                Ns::None if local.starts_with("aria-") && is_plain_name(&local) => local,
                Ns::Xlink if local == "href" || local == "title" => format!("xlink:{local}"),
                Ns::Xml if local == "space" || local == "lang" => format!("xml:{local}"),
                _ => String::new(),
            };
            out.push((name, value));
        }
        Ok(out)
    }

    fn close(&mut self) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        if let Some(name) = frame.kept {
            if name == "style" {
                if let Some(css) = self.style.take() {
                    if css_is_inert(&css) {
                        escape_into(&mut self.out, &css, false);
                    }
                }
            }
            self.out.push_str("</");
            self.out.push_str(name);
            self.out.push('>');
        }
        if self.stack.is_empty() {
            self.root_done = true;
        }
    }

    fn text_content(&mut self, text: &str, at: Pos) -> Result<(), Refusal> {
        if self.stack.is_empty() {
            if text.trim().is_empty() {
                return Ok(());
            }
            return Err(Refusal::new(at, deferred_msg!("svg.text_outside")));
        }
        if let Some(css) = &mut self.style {
            css.push_str(text);
        } else if !self.skipping() {
            escape_into(&mut self.out, text, false);
        }
        Ok(())
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ns {
    None,
    Svg,
    Xlink,
    Xml,
    Other,
}

fn namespace(ns: &ResolveResult) -> Ns {
    match ns {
        ResolveResult::Unbound => Ns::None,
        ResolveResult::Bound(n) => match n.as_ref() {
            SVG_NS => Ns::Svg,
            XLINK_NS => Ns::Xlink,
            XML_NS => Ns::Xml,
            _ => Ns::Other,
        },
        ResolveResult::Unknown(prefix) if prefix == b"xml" => Ns::Xml,
        ResolveResult::Unknown(_) => Ns::Other,
    }
}

fn is_plain_name(name: &str) -> bool {
    name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
}

/// The value an allowed attribute is written with on element `element`, or `None` when it
/// is left out.
fn allowed_value<'v>(element: &str, attr: &str, value: &'v str) -> Option<&'v str> {
    if attr.is_empty() {
        return None;
    }
    if attr == "href" || attr == "xlink:href" {
        return reference_is_allowed(element, value).then_some(value);
    }
    if attr == "style" || value.to_ascii_lowercase().contains("url(") {
        return css_is_inert(value).then_some(value);
    }
    Some(value)
}

/// Whether a reference may be published: inside the file anywhere; a raster `data:` image
/// or a file of the site on `image` and `feImage`; a web or mail link on `a`.
fn reference_is_allowed(element: &str, value: &str) -> bool {
    let url = compact_url(value);
    if url.starts_with('#') {
        return true;
    }
    // `//host/…`, and `/\host/…` or `\\host` as browsers read them, leave the site.
    let relative = scheme(&url).is_none()
        && !url
            .get(..2)
            .is_some_and(|two| two.chars().all(|c| c == '/' || c == '\\'));
    match element {
        "a" => relative || matches!(scheme(&url), Some("http" | "https" | "mailto" | "tel")),
        "image" | "feImage" => {
            relative
                || ["png", "jpeg", "jpg", "gif", "webp", "avif"]
                    .iter()
                    .any(|t| {
                        url.starts_with(&format!("data:image/{t};"))
                            || url.starts_with(&format!("data:image/{t},"))
                    })
        }
        _ => false,
    }
}

/// A URL as a browser reads it: without surrounding spaces and control characters, without
/// tabs and newlines inside, the scheme in lower case.
fn compact_url(value: &str) -> String {
    let url: String = value
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    match scheme(&url) {
        Some(s) => format!("{}{}", s.to_ascii_lowercase(), &url[s.len()..]),
        None => url,
    }
}

/// The scheme of a URL (`https` of `https://…`), if it has one.
fn scheme(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    let scheme = &url[..colon];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(scheme)
}

/// `javascript`, `vbscript` or a non-image `data` when an attribute value holds such a URL
/// (anywhere: inside `url(…)` or a list too).
fn script_url(value: &str) -> Option<&'static str> {
    let squashed: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .flat_map(char::to_lowercase)
        .collect();
    if squashed.contains("javascript:") {
        return Some("javascript:");
    }
    if squashed.contains("vbscript:") {
        return Some("vbscript:");
    }
    let url = compact_url(value);
    if scheme(&url) == Some("data") && !url.starts_with("data:image/") {
        return Some("data:");
    }
    None
}

/// Whether CSS names nothing outside the file: every `url(…)` is `#id`, and there is no
/// `@import`, escape (which could spell either) or legacy script hook.
fn css_is_inert(css: &str) -> bool {
    let lower = css.to_ascii_lowercase();
    if lower.contains('\\')
        || lower.contains("@import")
        || lower.contains("expression(")
        || lower.contains("-moz-binding")
        || lower.contains("behavior")
        || lower.contains("image-set(")
        || lower.contains("src(")
    {
        return false;
    }
    lower.match_indices("url(").all(|(i, _)| {
        let target =
            lower[i + 4..].trim_start_matches(|c: char| c.is_whitespace() || c == '"' || c == '\'');
        target.starts_with('#')
    })
}

fn predefined(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    }
}

/// Escapes text for XML content (`attr` false) or a double-quoted attribute value.
fn escape_into(out: &mut String, text: &str, attr: bool) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attr => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            '\n' if attr => out.push_str("&#10;"),
            '\t' if attr => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
}

fn malformed(at: Pos, e: &dyn std::fmt::Display) -> Refusal {
    Refusal::new(at, deferred_msg!("svg.not_xml", error = e))
}

/// The 1-based line and column (in characters) of a byte offset.
fn position(bytes: &[u8], offset: usize) -> Pos {
    let before = &bytes[..offset.min(bytes.len())];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    Pos::new(line, col)
}

/// Panics unless `out`, what [`clean`] published, is UTF-8, cleans to itself, holds only
/// allow-listed elements and no `javascript:` however it is spaced: the properties the unit
/// tests and the fuzz target check on every published SVG.
#[doc(hidden)]
pub fn assert_published_svg_is_clean(out: &[u8]) {
    let text = std::str::from_utf8(out).expect("UTF-8 output");
    assert_eq!(
        clean(out).as_deref(),
        Ok(out),
        "cleaning is idempotent: {text}"
    );
    for tag in text.split('<').skip(1) {
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        assert!(ELEMENTS.contains(&name.as_str()), "<{name} in {text}");
    }
    let squashed: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    assert!(!squashed.contains("javascript:"), "{text}");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(svg: &str) -> String {
        String::from_utf8(clean(svg.as_bytes()).unwrap_or_else(|r| panic!("{r:?}: {svg}"))).unwrap()
    }

    fn refused(svg: &str) -> Refusal {
        match clean(svg.as_bytes()) {
            Err(r) => r,
            Ok(out) => panic!("published: {}", String::from_utf8_lossy(&out)),
        }
    }

    const OPEN: &str =
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"";

    #[test]
    fn drawing_is_kept_as_it_was() {
        let svg = "<?xml version=\"1.0\"?>\n<!-- peta -->\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">\n  <title>Peta &amp; lokasi</title>\n  <defs><linearGradient id=\"g\"><stop offset=\"0\" stop-color=\"#fff\"/></linearGradient></defs>\n  <rect width=\"4\" height=\"4\" fill=\"url(#g)\" style=\"stroke: #000\"/>\n  <text x=\"1\" y=\"2\">a &lt; b</text>\n</svg>\n";
        assert_eq!(
            cleaned(svg),
            format!("{OPEN} viewBox=\"0 0 10 10\">\n  <title>Peta &amp; lokasi</title>\n  <defs><linearGradient id=\"g\"><stop offset=\"0\" stop-color=\"#fff\"/></linearGradient></defs>\n  <rect width=\"4\" height=\"4\" fill=\"url(#g)\" style=\"stroke: #000\"/>\n  <text x=\"1\" y=\"2\">a &lt; b</text>\n</svg>")
        );
    }

    #[test]
    fn prefixed_svg_and_editor_metadata() {
        let svg = "<svg:svg xmlns:svg=\"http://www.w3.org/2000/svg\" xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\" inkscape:version=\"1.2\"><inkscape:grid/><svg:metadata><x/></svg:metadata><svg:circle r=\"1\" data-x=\"1\" aria-label=\"titik\"/></svg:svg>";
        assert_eq!(
            cleaned(svg),
            format!("{OPEN}><circle r=\"1\" aria-label=\"titik\"/></svg>")
        );
    }

    #[test]
    fn script_in_any_namespace_is_refused_with_its_position() {
        for (svg, line, col) in [
            ("<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <svg:script xmlns:svg=\"http://www.w3.org/2000/svg\">alert(1)</svg:script></svg>", 2, 3),
            ("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:x=\"http://www.w3.org/1999/xhtml\"><x:script>alert(1)</x:script></svg>", 1, 80),
            ("<svg xmlns=\"http://www.w3.org/2000/svg\"><SCRIPT>alert(1)</SCRIPT></svg>", 1, 41),
            ("<svg xmlns=\"http://www.w3.org/2000/svg\"><metadata><q:script xmlns:q=\"urn:q\"/></metadata></svg>", 1, 51),
            ("<svg xmlns=\"http://www.w3.org/2000/svg\"><foreignObject><p xmlns=\"http://www.w3.org/1999/xhtml\"><iframe src=\"x\"/></p></foreignObject></svg>", 1, 96),
        ] {
            let r = refused(svg);
            assert_eq!((r.pos.line, r.pos.col), (line, col), "{svg}: {r:?}");
            assert!(r.is_script(), "{r:?}");
        }
    }

    #[test]
    fn event_handlers_and_script_urls_in_any_namespace_are_refused() {
        for svg in [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:e=\"http://www.w3.org/2000/svg\" e:onload=\"alert(1)\"/>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect ONCLICK=\"x\"/></svg>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><a xlink:href=\"java&#x09;script:alert(1)\"><text>x</text></a></svg>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\" JaVaScRiPt:alert(1)\"/></svg>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"&#106;avascript:alert(1)\"/></svg>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"data:text/html,&lt;script>alert(1)&lt;/script>\"/></svg>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><set attributeName=\"href\" to=\"javascript:alert(1)\"/></svg>",
        ] {
            assert!(refused(svg).is_script(), "{svg}");
        }
    }

    #[test]
    fn external_references_and_active_css_are_left_out() {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">\
            <image href=\"https://pelacak.example/x.png\" width=\"1\"/>\
            <image xlink:href=\"data:image/png;base64,iVBO\"/>\
            <image href=\"data:image/svg+xml,&lt;svg/>\"/>\
            <use href=\"other.svg#a\"/><use xlink:href=\"#a\"/>\
            <a href=\"https://pemda.example/\"><text>tautan</text></a>\
            <rect fill=\"url(https://x/y.svg#p)\" stroke=\"url(#p)\" style=\"background:url(//x/t.png)\"/>\
            <style>@import url(https://x/a.css); rect{fill:red}</style><style>rect{fill:url(#p)}</style>\
            <animate attributeName=\"x\" values=\"1;2\"/>\
            </svg>";
        assert_eq!(
            cleaned(svg),
            format!("{OPEN}><image width=\"1\"/><image xlink:href=\"data:image/png;base64,iVBO\"/><image/><use/><use xlink:href=\"#a\"/><a href=\"https://pemda.example/\"><text>tautan</text></a><rect stroke=\"url(#p)\"/><style></style><style>rect{{fill:url(#p)}}</style></svg>")
        );
    }

    #[test]
    fn entities_and_broken_xml_are_refused() {
        let bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg [<!ENTITY a \"aaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&b;</text></svg>";
        let r = refused(bomb);
        assert_eq!(r.pos.line, 2);
        assert!(!r.is_script());
        let r = refused("<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&xxe;</text></svg>");
        assert!(r.describe(Lang::En).contains("&xxe;"), "{r:?}");
        for broken in [
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><g></svg>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><g>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" a=\"1\" a=\"2\"/>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/><svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            "<html><body/></html>",
            "just text",
            "",
        ] {
            refused(broken);
        }
        assert!(clean(b"<svg>\xFF</svg>").is_err());
        // A public DOCTYPE without declarations is only dropped (old editors write it).
        let svg = "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>";
        assert_eq!(cleaned(svg), format!("{OPEN}/>"));
    }

    #[test]
    fn foreign_objects_and_html_are_left_out() {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:h=\"http://www.w3.org/1999/xhtml\"><switch><foreignObject width=\"9\"><h:div>Label <h:b>HTML</h:b></h:div></foreignObject><text>Label</text></switch><h:img src=\"https://x/t.png\"/></svg>";
        assert_eq!(
            cleaned(svg),
            format!("{OPEN}><switch><text>Label</text></switch></svg>")
        );
        for leaves in [
            "/\\\\host/x.png",
            "\\\\host/x.png",
            "//host/x.png",
            " HTTPS://host/x.png",
        ] {
            let svg = format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><image href=\"{leaves}\"/></svg>"
            );
            assert_eq!(cleaned(&svg), format!("{OPEN}><image/></svg>"), "{leaves}");
        }
    }

    #[test]
    fn an_svg_without_a_namespace_is_given_one() {
        assert_eq!(cleaned("<svg/>"), format!("{OPEN}/>"));
    }

    /// The properties of the `svg` fuzz target (fuzz/), on seeds mutated by a fixed
    /// pseudo-random sequence: a quick stand-in that runs with `cargo test`.
    #[test]
    fn mutated_inputs_never_publish_script() {
        let seeds: &[&[u8]] = &[
            b"<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><a xlink:href=\"#a\"><text>t &amp; &#106;</text></a><style>r{fill:url(#g)}</style><image href=\"data:image/png;base64,AA\"/><use href=\"#a\"/></svg>",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"><g onclick=\"x\"/><svg:script xmlns:svg=\"http://www.w3.org/2000/svg\"/><a href=\"javascript:x\"/></svg>",
            include_bytes!("../../themes/default/static/favicon.svg"),
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let alphabet = b"<>/=\"' &;#:xmlnsvgscriptonjavaSCRIPThref()url-_.\n\t";
        let mut published = 0;
        for round in 0..3000 {
            let mut input = seeds[round % seeds.len()].to_vec();
            for _ in 0..=(next() % 8) {
                let at = (next() as usize) % (input.len() + 1);
                match next() % 3 {
                    0 if at < input.len() => {
                        input.remove(at);
                    }
                    1 if at < input.len() => {
                        input[at] = alphabet[(next() as usize) % alphabet.len()]
                    }
                    _ => input.insert(at, alphabet[(next() as usize) % alphabet.len()]),
                }
            }
            let Ok(out) = clean(&input) else { continue };
            published += 1;
            assert_published_svg_is_clean(&out);
        }
        assert!(published > 300, "only {published} mutants were published");
    }

    #[test]
    fn the_output_is_clean_again_unchanged() {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><text x=\"1\">a&amp;b \"c\" &#10;</text><g id=\"a&quot;b\" class=\"x\ty\"/></svg>";
        let once = cleaned(svg);
        assert_eq!(cleaned(&once), once);
    }
}
