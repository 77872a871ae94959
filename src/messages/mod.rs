//! Every line Tilik prints, once per language: the message catalogues `id.toml` and
//! `en.toml` beside this file (embedded in the binary), and [`msg!`](crate::msg) to fill one in.
//!
//! A message has a key (`frontmatter.unknown_key`: the module, then what it says) and named
//! placeholders (`{key}`, `{file}`) filled by the caller:
//!
//! ```
//! use tilik::{msg, messages::Lang};
//! let key = "titel";
//! let context = "[visit]";
//! assert_eq!(
//!     msg!(Lang::En, "frontmatter.unknown_key", key, context),
//!     "unknown key `titel` in [visit]"
//! );
//! ```
//!
//! A message whose counted word changes with a number (English `1 error`, `2 errors`) is a
//! table with the forms `one` and `other`; its `{count}` argument chooses the form. A language
//! without plurals (Indonesian) writes a plain string. The unit tests below fail when a key is
//! in one catalogue and not the other, when the two languages have different placeholders,
//! when the code uses a key the catalogues lack or fills other placeholders than the message
//! has, and when a key is no longer used.
//! docs/translating.md is the guide for translators.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

/// Language of messages and of the portal's interface text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize)]
pub enum Lang {
    /// Bahasa Indonesia (the default).
    #[default]
    #[serde(rename = "id")]
    Id,
    /// English.
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// Parses `id` or `en`.
    pub fn parse(code: &str) -> Option<Lang> {
        match code {
            "id" => Some(Lang::Id),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language of a page's `lang` code as the search analyser reads it: `en` (any
    /// case) is English, anything else Indonesian.
    pub fn from_code(code: &str) -> Lang {
        if code.eq_ignore_ascii_case("en") {
            Lang::En
        } else {
            Lang::Id
        }
    }

    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    /// Picks the Indonesian or the English value. Messages belong in the catalogues
    /// ([`msg!`](crate::msg)); this is for language data that is not a message (month names,
    /// the decimal separator).
    pub fn pick<T>(self, id: T, en: T) -> T {
        match self {
            Lang::Id => id,
            Lang::En => en,
        }
    }
}

/// The Indonesian catalogue, as written by translators.
const ID: &str = include_str!("id.toml");
/// The English catalogue.
const EN: &str = include_str!("en.toml");

/// One catalogue entry: a text, or the forms of a counted text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Entry {
    /// The same text for every number.
    Text(String),
    /// `one` for a count of 1, `other` for any other count.
    Plural { one: String, other: String },
}

#[cfg(test)]
impl Entry {
    fn forms(&self) -> Vec<&str> {
        match self {
            Entry::Text(t) => vec![t],
            Entry::Plural { one, other } => vec![one, other],
        }
    }
}

/// Messages by key (`section.name`).
type Catalogue = HashMap<String, Entry>;

/// Reads a catalogue: nested tables make dotted keys; a table of exactly `one` and `other`
/// is a counted message.
fn parse(text: &str) -> Result<Catalogue, String> {
    let doc: toml_edit::DocumentMut = text.parse().map_err(|e| format!("{e}"))?;
    let mut out = Catalogue::new();
    flatten(doc.as_table(), "", &mut out)?;
    Ok(out)
}

fn flatten(
    table: &dyn toml_edit::TableLike,
    prefix: &str,
    out: &mut Catalogue,
) -> Result<(), String> {
    for (name, item) in table.iter() {
        let key = if prefix.is_empty() {
            name.to_string()
        } else {
            format!("{prefix}.{name}")
        };
        if let Some(text) = item.as_str() {
            out.insert(key, Entry::Text(text.to_string()));
        } else if let Some(sub) = item.as_table_like() {
            let form = |f: &str| sub.get(f).and_then(|i| i.as_str()).map(str::to_string);
            match (form("one"), form("other"), sub.len()) {
                (Some(one), Some(other), 2) => {
                    out.insert(key, Entry::Plural { one, other });
                }
                _ => flatten(sub, &key, out)?,
            }
        } else {
            return Err(format!("`{key}` must be a string or a table"));
        }
    }
    Ok(())
}

fn catalogue(lang: Lang) -> &'static Catalogue {
    static CATALOGUES: OnceLock<[Catalogue; 2]> = OnceLock::new();
    let both = CATALOGUES.get_or_init(|| {
        // The catalogues are part of the binary and checked by the tests: an error here is a
        // bug of this build, shown as message keys rather than a crash.
        let load = |text| parse(text).unwrap_or_default();
        [load(ID), load(EN)]
    });
    &both[lang as usize]
}

/// A message of the catalogue being filled in: [`get`], then [`Message::arg`] for each
/// placeholder, then `to_string()` (or `{}` in a format string).
#[derive(Debug, Clone)]
pub struct Message {
    key: &'static str,
    entry: Option<&'static Entry>,
    args: Vec<(&'static str, String)>,
}

/// The message `key` in `lang`. An unknown key (a bug the unit tests catch) shows as the key.
pub fn get(lang: Lang, key: &'static str) -> Message {
    Message {
        key,
        entry: catalogue(lang).get(key),
        args: Vec::new(),
    }
}

impl Message {
    /// Fills the placeholder `{name}` with `value`.
    pub fn arg(mut self, name: &'static str, value: impl fmt::Display) -> Message {
        self.args.push((name, value.to_string()));
        self
    }

    /// The template for the arguments given: the `one` form of a counted message when its
    /// `count` is 1.
    fn template(&self) -> Option<&'static str> {
        match self.entry? {
            Entry::Text(t) => Some(t),
            Entry::Plural { one, other } => {
                let count = self.args.iter().find(|(n, _)| *n == "count");
                Some(if count.is_some_and(|(_, v)| v == "1") {
                    one
                } else {
                    other
                })
            }
        }
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(template) = self.template() else {
            return f.write_str(self.key);
        };
        for piece in pieces(template) {
            match piece {
                Piece::Text(t) => f.write_str(t)?,
                Piece::Placeholder(name) => match self.args.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => f.write_str(value)?,
                    None => {
                        debug_assert!(false, "message `{}`: no value for {{{name}}}", self.key);
                        write!(f, "{{{name}}}")?;
                    }
                },
            }
        }
        Ok(())
    }
}

/// A message chosen before the language is known: its key and arguments, shown later with
/// [`Deferred::show`] (`tilik import` collects its notes while reading a document and writes
/// them in the run's language at the end). Made with [`deferred_msg!`](crate::deferred_msg).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deferred {
    key: &'static str,
    args: Vec<(&'static str, String)>,
}

impl Deferred {
    /// The message `key`, without arguments yet.
    pub fn new(key: &'static str) -> Deferred {
        Deferred {
            key,
            args: Vec::new(),
        }
    }

    /// Fills the placeholder `{name}` with `value`.
    pub fn arg(mut self, name: &'static str, value: impl fmt::Display) -> Deferred {
        self.args.push((name, value.to_string()));
        self
    }

    /// The message in `lang`.
    pub fn show(&self, lang: Lang) -> String {
        let mut message = get(lang, self.key);
        message.args.clone_from(&self.args);
        message.to_string()
    }
}

/// A part of a template.
#[derive(Debug, PartialEq, Eq)]
enum Piece<'a> {
    /// Literal text.
    Text(&'a str),
    /// `{name}`.
    Placeholder(&'a str),
}

/// Splits a template into text and `{name}` placeholders; `{{` and `}}` are literal braces,
/// and a brace that does not open a placeholder is kept as it is.
fn pieces(template: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(at) = rest.find(['{', '}']) {
        let (text, tail) = rest.split_at(at);
        if !text.is_empty() {
            out.push(Piece::Text(text));
        }
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push(Piece::Text(&tail[..1]));
            rest = &tail[2..];
            continue;
        }
        if let Some(end) = tail.find('}').filter(|_| tail.starts_with('{')) {
            let name = &tail[1..end];
            if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                out.push(Piece::Placeholder(name));
                rest = &tail[end + 1..];
                continue;
            }
        }
        out.push(Piece::Text(&tail[..1]));
        rest = &tail[1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    out
}

/// A message of the catalogue in the given language, filled in, as a `String`:
/// `msg!(lang, "section.name", file, value = expr)` fills `{file}` with the variable `file`
/// and `{value}` with `expr` (anything that implements `Display`).
#[macro_export]
macro_rules! msg {
    (@value $name:ident = $value:expr) => {
        $value
    };
    (@value $name:ident) => {
        $name
    };
    ($lang:expr, $key:literal $(, $name:ident $(= $value:expr)?)* $(,)?) => {
        $crate::messages::get($lang, $key)
            $(.arg(stringify!($name), &$crate::msg!(@value $name $(= $value)?)))*
            .to_string()
    };
}

/// A [`Deferred`] message, shown later in the language of the run:
/// `deferred_msg!("section.name", file, value = expr)`, with arguments as in
/// [`msg!`](crate::msg).
#[macro_export]
macro_rules! deferred_msg {
    ($key:literal $(, $name:ident $(= $value:expr)?)* $(,)?) => {
        $crate::messages::Deferred::new($key)
            $(.arg(stringify!($name), &$crate::msg!(@value $name $(= $value)?)))*
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn both() -> [(Lang, Catalogue); 2] {
        [
            (Lang::Id, parse(ID).expect("id.toml")),
            (Lang::En, parse(EN).expect("en.toml")),
        ]
    }

    fn placeholders(entry: &Entry) -> BTreeSet<String> {
        entry
            .forms()
            .into_iter()
            .flat_map(pieces)
            .filter_map(|p| match p {
                Piece::Placeholder(name) => Some(name.to_string()),
                Piece::Text(_) => None,
            })
            .collect()
    }

    /// One use of a message in the code: its key, the names of its arguments, the file.
    struct Use {
        key: String,
        args: BTreeSet<String>,
        file: String,
    }

    /// The arguments of a macro call, `text` starting after its `(`: split at the commas
    /// outside brackets and string literals, up to the closing `)`.
    fn call_args(text: &str) -> Vec<String> {
        let (mut args, mut current, mut depth) = (Vec::new(), String::new(), 0usize);
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' => {
                    current.push(c);
                    while let Some(s) = chars.next() {
                        current.push(s);
                        match s {
                            '\\' => current.extend(chars.next()),
                            '"' => break,
                            _ => {}
                        }
                    }
                }
                '(' | '[' | '{' => {
                    depth += 1;
                    current.push(c);
                }
                ')' | ']' | '}' if depth == 0 => break,
                ')' | ']' | '}' => {
                    depth -= 1;
                    current.push(c);
                }
                ',' if depth == 0 => args.push(std::mem::take(&mut current)),
                _ => current.push(c),
            }
        }
        if !current.trim().is_empty() {
            args.push(current);
        }
        args.into_iter().map(|a| a.trim().to_string()).collect()
    }

    /// Every `msg!(lang, "key", …)` and `deferred_msg!("key", …)` in the source files
    /// under src/ (outside this module).
    fn uses_in_code() -> Vec<Use> {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut uses = Vec::new();
        for file in walkdir::WalkDir::new(&src).into_iter().flatten() {
            let path = file.path();
            if path.extension().is_none_or(|e| e != "rs") || path.starts_with(src.join("messages"))
            {
                continue;
            }
            let text = std::fs::read_to_string(path).unwrap();
            for (at, _) in text.match_indices("msg!(") {
                let deferred = text[..at].ends_with("deferred_");
                let args = call_args(&text[at + "msg!(".len()..]);
                let skip = if deferred { 0 } else { 1 };
                let Some(key) = args.get(skip) else {
                    continue;
                };
                let names = args[skip + 1..]
                    .iter()
                    .map(|a| a.split('=').next().unwrap_or_default().trim().to_string())
                    .collect();
                uses.push(Use {
                    key: key.trim_matches('"').to_string(),
                    args: names,
                    file: path.display().to_string(),
                });
            }
        }
        uses
    }

    /// The keys the code asks for, with a file that asks for each.
    fn keys_used_in_code() -> BTreeSet<(String, String)> {
        uses_in_code()
            .into_iter()
            .map(|u| (u.key, u.file))
            .collect()
    }

    #[test]
    fn every_use_fills_exactly_the_placeholders_of_its_message() {
        let [(_, id), _] = both();
        let mut wrong = Vec::new();
        let uses = uses_in_code();
        for u in &uses {
            if let Some(entry) = id.get(&u.key) {
                let wanted = placeholders(entry);
                if wanted != u.args {
                    wrong.push(format!(
                        "{} in {}: {:?} for {:?}",
                        u.key, u.file, u.args, wanted
                    ));
                }
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
        assert!(
            uses.iter().any(|u| u.args.len() > 2),
            "the scan reads arguments"
        );
    }

    #[test]
    fn call_args_split_at_top_level_commas_only() {
        assert_eq!(
            call_args(r#"lang, "a.b", x, y = f(1, "p, q", [2, 3]), z = "\"," ) rest"#),
            [
                "lang",
                "\"a.b\"",
                "x",
                "y = f(1, \"p, q\", [2, 3])",
                "z = \"\\\",\""
            ]
        );
    }

    #[test]
    fn both_languages_have_the_same_keys() {
        let [(_, id), (_, en)] = both();
        let only_id: Vec<_> = id.keys().filter(|k| !en.contains_key(*k)).collect();
        let only_en: Vec<_> = en.keys().filter(|k| !id.contains_key(*k)).collect();
        assert!(only_id.is_empty(), "missing from en.toml: {only_id:?}");
        assert!(only_en.is_empty(), "missing from id.toml: {only_en:?}");
        assert!(id.len() > 100, "{}", id.len());
    }

    #[test]
    fn both_languages_have_the_same_placeholders() {
        let [(_, id), (_, en)] = both();
        let mut differ = Vec::new();
        for (key, entry) in &id {
            if let Some(other) = en.get(key) {
                if placeholders(entry) != placeholders(other) {
                    differ.push(key);
                }
            }
        }
        differ.sort();
        assert!(differ.is_empty(), "different placeholders: {differ:?}");
    }

    #[test]
    fn counted_messages_have_a_count() {
        for (lang, catalogue) in both() {
            for (key, entry) in &catalogue {
                if matches!(entry, Entry::Plural { .. }) {
                    assert!(placeholders(entry).contains("count"), "{lang:?} {key}");
                }
            }
        }
    }

    #[test]
    fn every_key_the_code_uses_is_in_the_catalogue() {
        let [(_, id), _] = both();
        let used = keys_used_in_code();
        let missing: Vec<_> = used.iter().filter(|(k, _)| !id.contains_key(k)).collect();
        assert!(missing.is_empty(), "not in the catalogues: {missing:?}");
        assert!(used.len() > 100, "the scan finds the keys: {}", used.len());
    }

    #[test]
    fn every_key_of_the_catalogue_is_used() {
        let [(_, id), _] = both();
        let used: BTreeSet<String> = keys_used_in_code().into_iter().map(|(k, _)| k).collect();
        let mut unused: Vec<_> = id.keys().filter(|k| !used.contains(*k)).collect();
        unused.sort();
        assert!(unused.is_empty(), "unused keys: {unused:?}");
    }

    #[test]
    fn fills_placeholders_and_chooses_the_plural_form() {
        let errors = |lang, count: usize| msg!(lang, "summary.errors", count);
        assert_eq!(errors(Lang::En, 1), "1 error");
        assert_eq!(errors(Lang::En, 0), "0 errors");
        assert_eq!(errors(Lang::En, 2), "2 errors");
        assert_eq!(errors(Lang::Id, 1), "1 kesalahan");
        assert_eq!(errors(Lang::Id, 2), "2 kesalahan");
        let context = "[[recommendations]]";
        assert_eq!(
            msg!(Lang::Id, "frontmatter.unknown_key", key = "ownr", context),
            "kunci `ownr` tidak dikenal di [[recommendations]]"
        );
    }

    #[test]
    fn braces_that_are_not_placeholders_stay() {
        assert_eq!(
            pieces("a {{b}} {c} {d e} {"),
            vec![
                Piece::Text("a "),
                Piece::Text("{"),
                Piece::Text("b"),
                Piece::Text("}"),
                Piece::Text(" "),
                Piece::Placeholder("c"),
                Piece::Text(" "),
                Piece::Text("{"),
                Piece::Text("d e"),
                Piece::Text("}"),
                Piece::Text(" "),
                Piece::Text("{"),
            ]
        );
    }

    #[test]
    fn a_deferred_message_is_shown_in_either_language() {
        let count = 2;
        let later = crate::deferred_msg!("summary.errors", count);
        assert_eq!(later.show(Lang::En), "2 errors");
        assert_eq!(later.show(Lang::Id), "2 kesalahan");
    }

    #[test]
    fn an_unknown_key_shows_as_the_key() {
        assert_eq!(get(Lang::En, "no.such_key").to_string(), "no.such_key");
    }

    #[test]
    fn a_table_of_one_and_other_is_a_counted_message() {
        let c =
            parse("[s]\nn = { one = \"{count} file\", other = \"{count} files\" }\nt = \"x\"\n")
                .unwrap();
        assert_eq!(
            c["s.n"],
            Entry::Plural {
                one: "{count} file".into(),
                other: "{count} files".into()
            }
        );
        assert_eq!(c["s.t"], Entry::Text("x".into()));
        assert!(parse("[s]\nn = 3\n").is_err());
    }
}
