//! A front-matter value tree that remembers where every key and value stands in the file.
//!
//! TOML (via `toml_edit`) and YAML (via `marked-yaml`) are both converted into this one tree,
//! so validation is written once and every error can name `line:column`.

use std::ops::Range;

use crate::diagnostics::{Lang, Pos};
use crate::msg;

/// A value with its position in the source file.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Where the value starts.
    pub pos: Pos,
}

/// A key of a table, with its position.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The key as written.
    pub key: String,
    /// Where the key starts.
    pub key_pos: Pos,
    /// Its value.
    pub node: Node,
}

/// The kinds of front-matter values.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A quoted or typed string.
    Str(String),
    /// An untyped YAML scalar: a string, number, boolean or date depending on what is expected.
    Scalar(String),
    /// An integer.
    Int(i64),
    /// A float.
    Float(f64),
    /// A boolean.
    Bool(bool),
    /// A TOML date or date-time, as written.
    Datetime(String),
    /// YAML `~`/`null`/empty value.
    Null,
    /// A list.
    Array(Vec<Node>),
    /// A table, keys in source order.
    Table(Vec<Entry>),
}

impl Value {
    /// A word for the kind of value, for messages ("teks", "angka"…).
    pub fn kind_name(&self, lang: crate::diagnostics::Lang) -> String {
        match self {
            Value::Str(_) | Value::Scalar(_) => msg!(lang, "value.string"),
            Value::Int(_) | Value::Float(_) => msg!(lang, "value.number"),
            Value::Bool(_) => msg!(lang, "value.boolean"),
            Value::Datetime(_) => msg!(lang, "value.date"),
            Value::Null => msg!(lang, "value.empty"),
            Value::Array(_) => msg!(lang, "value.list"),
            Value::Table(_) => msg!(lang, "value.table"),
        }
    }
}

/// A parse error with its position.
#[derive(Debug)]
pub struct ParseError {
    /// Where.
    pub pos: Pos,
    /// The parser's message.
    pub message: String,
}

/// Maps byte offsets in the front matter text to positions in the file.
struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    first_line: usize,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str, first_line: usize) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex {
            text,
            starts,
            first_line,
        }
    }

    fn pos(&self, offset: usize) -> Pos {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let col = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        Pos::new(self.first_line + line, col)
    }

    fn span_pos(&self, span: Option<Range<usize>>, fallback: Pos) -> Pos {
        span.map_or(fallback, |r| self.pos(r.start))
    }
}

/// Parses TOML front matter; `first_line` is the file line of the text's first line.
pub fn parse_toml(text: &str, first_line: usize) -> Result<Node, ParseError> {
    let index = LineIndex::new(text, first_line);
    let doc = toml_edit::ImDocument::parse(text).map_err(|e| ParseError {
        pos: index.span_pos(e.span(), Pos::new(first_line, 1)),
        message: e.message().trim().to_string(),
    })?;
    let top = Pos::new(first_line, 1);
    Ok(Node {
        value: toml_table(doc.as_table(), &index, top),
        pos: top,
    })
}

fn toml_table(table: &toml_edit::Table, index: &LineIndex, fallback: Pos) -> Value {
    let mut entries = Vec::new();
    for (key, item) in table.iter() {
        let key_pos = index.span_pos(table.key(key).and_then(|k| k.span()), fallback);
        if let Some(node) = toml_item(item, index, key_pos) {
            entries.push(Entry {
                key: key.to_string(),
                key_pos,
                node,
            });
        }
    }
    Value::Table(entries)
}

fn toml_item(item: &toml_edit::Item, index: &LineIndex, fallback: Pos) -> Option<Node> {
    match item {
        toml_edit::Item::None => None,
        toml_edit::Item::Value(v) => Some(toml_value(v, index, fallback)),
        toml_edit::Item::Table(t) => Some(Node {
            pos: index.span_pos(t.span(), fallback),
            value: toml_table(t, index, fallback),
        }),
        toml_edit::Item::ArrayOfTables(a) => Some(Node {
            pos: index.span_pos(a.span(), fallback),
            value: Value::Array(
                a.iter()
                    .map(|t| {
                        let pos = index.span_pos(t.span(), fallback);
                        Node {
                            value: toml_table(t, index, pos),
                            pos,
                        }
                    })
                    .collect(),
            ),
        }),
    }
}

fn toml_value(v: &toml_edit::Value, index: &LineIndex, fallback: Pos) -> Node {
    use toml_edit::Value as T;
    let pos = index.span_pos(v.span(), fallback);
    let value = match v {
        T::String(s) => Value::Str(s.value().clone()),
        T::Integer(i) => Value::Int(*i.value()),
        T::Float(f) => Value::Float(*f.value()),
        T::Boolean(b) => Value::Bool(*b.value()),
        T::Datetime(d) => Value::Datetime(d.value().to_string()),
        T::Array(a) => Value::Array(a.iter().map(|v| toml_value(v, index, pos)).collect()),
        T::InlineTable(t) => {
            let mut entries = Vec::new();
            for (key, value) in t.iter() {
                let key_pos = index.span_pos(t.key(key).and_then(|k| k.span()), pos);
                entries.push(Entry {
                    key: key.to_string(),
                    key_pos,
                    node: toml_value(value, index, key_pos),
                });
            }
            Value::Table(entries)
        }
    };
    Node { value, pos }
}

/// Parses YAML front matter; `first_line` is the file line of the text's first line. `lang`
/// is the language of the messages Tilik writes itself (the YAML loader's are in English).
pub fn parse_yaml(text: &str, first_line: usize, lang: Lang) -> Result<Node, ParseError> {
    let top = Pos::new(first_line, 1);
    if text.trim().is_empty() {
        return Ok(Node {
            value: Value::Table(Vec::new()),
            pos: top,
        });
    }
    if let Some(line) = yaml_too_deep(text) {
        return Err(ParseError {
            pos: Pos::new(first_line + line, 1),
            message: msg!(lang, "value.yaml_too_deep", levels = MAX_YAML_INDENT),
        });
    }
    let options = marked_yaml::LoaderOptions::default().error_on_duplicate_keys(true);
    // The YAML loader is third-party code fed with user input: a panic in it must become an
    // error about the file, not a crash of the whole build.
    let parsed =
        std::panic::catch_unwind(|| marked_yaml::parse_yaml_with_options(0, text, options))
            .map_err(|_| ParseError {
                pos: top,
                message: msg!(lang, "value.yaml_unreadable"),
            })?;
    let node = parsed.map_err(|e| yaml_error(&e, first_line))?;
    Ok(yaml_node(&node, first_line, top))
}

/// Deepest indentation (spaces plus `- `, `? `, `: ` indicators) of a YAML line. Block
/// nesting needs at least one more column per level, so this bounds the depth of the tree,
/// which the YAML loader and validation walk recursively: without a bound, a few thousand
/// nested `- ` lines overflow the stack (found while hardening; see the test below).
const MAX_YAML_INDENT: usize = 200;

/// The 0-based index of the first line indented past [`MAX_YAML_INDENT`].
fn yaml_too_deep(text: &str) -> Option<usize> {
    text.lines().position(|line| {
        let b = line.as_bytes();
        let mut j = 0;
        loop {
            match b.get(j) {
                Some(b' ' | b'\t') => j += 1,
                Some(b'-' | b'?' | b':') if matches!(b.get(j + 1), None | Some(b' ' | b'\t')) => {
                    j += 1
                }
                _ => break,
            }
            if j > MAX_YAML_INDENT {
                return true;
            }
        }
        false
    })
}

fn yaml_marker_pos(marker: Option<&marked_yaml::Marker>, first_line: usize, fallback: Pos) -> Pos {
    marker.map_or(fallback, |m| {
        Pos::new(first_line + m.line().saturating_sub(1), m.column().max(1))
    })
}

fn yaml_error(e: &marked_yaml::LoadError, first_line: usize) -> ParseError {
    use marked_yaml::LoadError as E;
    let top = Pos::new(first_line, 1);
    let (marker, message) = match e {
        E::TopLevelMustBeMapping(m) => (
            Some(*m),
            "front matter must be a mapping of `key: value`".to_string(),
        ),
        E::TopLevelMustBeSequence(m) => (Some(*m), "unexpected sequence".to_string()),
        E::UnexpectedAnchor(m) => (Some(*m), "YAML anchors are not supported".to_string()),
        E::MappingKeyMustBeScalar(m) => (Some(*m), "keys must be plain words".to_string()),
        E::UnexpectedTag(m) => (Some(*m), "YAML tags are not supported".to_string()),
        E::ScanError(m, se) => (Some(*m), se.info().to_string()),
        E::DuplicateKey(inner) => (
            inner.key.span().start().copied(),
            format!("duplicate key `{}`", inner.key.as_str()),
        ),
    };
    ParseError {
        pos: yaml_marker_pos(marker.as_ref(), first_line, top),
        message,
    }
}

fn yaml_node(node: &marked_yaml::Node, first_line: usize, fallback: Pos) -> Node {
    use marked_yaml::Node as Y;
    let pos = yaml_marker_pos(node.span().start(), first_line, fallback);
    let value = match node {
        Y::Scalar(s) => {
            let text = s.as_str();
            if !s.may_coerce() {
                Value::Str(text.to_string())
            } else if matches!(text, "" | "~" | "null" | "Null" | "NULL") {
                Value::Null
            } else {
                Value::Scalar(text.to_string())
            }
        }
        Y::Sequence(seq) => {
            Value::Array(seq.iter().map(|n| yaml_node(n, first_line, pos)).collect())
        }
        Y::Mapping(map) => Value::Table(
            map.iter()
                .map(|(k, v)| {
                    let key_pos = yaml_marker_pos(k.span().start(), first_line, pos);
                    Entry {
                        key: k.as_str().to_string(),
                        key_pos,
                        node: yaml_node(v, first_line, key_pos),
                    }
                })
                .collect(),
        ),
    };
    Node { value, pos }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(node: &Node) -> &[Entry] {
        match &node.value {
            Value::Table(e) => e,
            other => panic!("not a table: {other:?}"),
        }
    }

    #[test]
    fn toml_keys_carry_file_positions() {
        let node = parse_toml("title = \"A\"\n\n[visit]\n  unit = \"B\"\n", 2).unwrap();
        let entries = table(&node);
        assert_eq!(entries[0].key_pos, Pos::new(2, 1));
        let visit = table(&entries[1].node);
        assert_eq!(visit[0].key, "unit");
        assert_eq!(visit[0].key_pos, Pos::new(5, 3));
        assert_eq!(visit[0].node.pos, Pos::new(5, 10));
    }

    #[test]
    fn yaml_keys_carry_file_positions() {
        let node = parse_yaml(
            "title: \"2024\"\ndate: 2024-05-06\ntags:\n  - a\n",
            2,
            Lang::En,
        )
        .unwrap();
        let entries = table(&node);
        assert!(matches!(&entries[0].node.value, Value::Str(s) | Value::Scalar(s) if s == "2024"));
        assert_eq!(entries[1].key_pos, Pos::new(3, 1));
        assert_eq!(entries[1].node.value, Value::Scalar("2024-05-06".into()));
    }

    #[test]
    fn parse_errors_have_positions() {
        let e = parse_toml("title = \"A\"\ndate = = 3\n", 2).unwrap_err();
        assert_eq!(e.pos.line, 3);
        let e = parse_yaml("title: a\ntitle: b\n", 2, Lang::En).unwrap_err();
        assert_eq!(e.pos.line, 3);
        assert!(e.message.contains("duplicate"));
    }
}

#[cfg(test)]
mod nesting_tests {
    use super::*;

    const DEEP: usize = 100_000;

    // Nesting like this must give an error with a position, never a stack overflow (an abort
    // that no `catch_unwind` can turn into a diagnostic).
    fn assert_refused(text: &str, result: Result<Node, ParseError>, line: usize, message: &str) {
        let e = match result {
            Ok(node) => panic!("accepted: {:?}", std::mem::discriminant(&node.value)),
            Err(e) => e,
        };
        assert_eq!(e.pos.line, line, "{}", e.message);
        let line_text = text.lines().nth(line - 2).unwrap_or("");
        assert!(
            e.pos.col >= 1 && e.pos.col <= line_text.chars().count() + 1,
            "column {} past the line",
            e.pos.col
        );
        assert!(e.message.contains(message), "{}", e.message);
    }
    #[test]
    fn toml_arrays() {
        let text = format!("a = {}{}", "[".repeat(DEEP), "]".repeat(DEEP));
        assert_refused(&text, parse_toml(&text, 2), 2, "recursion limit");
    }
    #[test]
    fn toml_tables() {
        let text = format!("a = {}1{}", "{b = ".repeat(DEEP), "}".repeat(DEEP));
        assert_refused(&text, parse_toml(&text, 2), 2, "recursion limit");
    }
    #[test]
    fn yaml_flow_sequences() {
        let text = format!("a: {}{}", "[".repeat(DEEP), "]".repeat(DEEP));
        assert_refused(&text, parse_yaml(&text, 2, Lang::En), 2, "recursion limit");
    }
    #[test]
    fn yaml_flow_mappings() {
        let text = format!("a: {}1{}", "{b: ".repeat(DEEP), "}".repeat(DEEP));
        assert_refused(&text, parse_yaml(&text, 2, Lang::En), 2, "recursion limit");
    }
    #[test]
    fn toml_dotted_keys() {
        let text = format!("{}b = 1", "a.".repeat(DEEP));
        assert_refused(&text, parse_toml(&text, 2), 2, "recursion limit");
        let text = format!("[{}b]\nc = 1", "a.".repeat(DEEP));
        assert_refused(&text, parse_toml(&text, 2), 2, "invalid table header");
    }
    #[test]
    fn yaml_block_nesting_is_bounded_before_it_overflows_the_stack() {
        let mut yaml = String::new();
        for i in 0..5_000 {
            yaml.push_str(&" ".repeat(i));
            yaml.push_str("- \n");
        }
        let e = parse_yaml(&yaml, 2, Lang::En).unwrap_err();
        assert_eq!(e.message, "nested more than 200 levels deep");
        let e = parse_yaml(&yaml, 2, Lang::Id).unwrap_err();
        assert_eq!(e.message, "bertingkat lebih dari 200 tingkat");
        assert_eq!(e.pos.line, 2 + 199, "the line with 199 spaces and `- `");
        let e = parse_yaml(&format!("{}1", "- ".repeat(5_000)), 2, Lang::En).unwrap_err();
        assert!(e.message.contains("nested more than"));
        let mut ok = String::new();
        for i in 0..50 {
            ok.push_str(&format!("{}k{i}:\n", " ".repeat(i)));
        }
        ok.push_str(&format!("{}x: 1\n", " ".repeat(50)));
        assert!(parse_yaml(&ok, 2, Lang::En).is_ok());
    }
}
