//! `tilik.toml`: the site's configuration.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostics::{did_you_mean, Diagnostic, Lang, Pos};
use crate::msg;

/// The site configuration, as read from `tilik.toml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Name of the portal.
    pub title: String,
    /// One sentence about the portal (meta description of the home page).
    #[serde(default)]
    pub description: String,
    /// Absolute URL where the portal is published, e.g. `https://dokumentasi.example.go.id/portal/`.
    pub base_url: String,
    /// Default language of pages and of messages.
    #[serde(default)]
    pub language: Lang,
    /// Theme folder name under `themes/` (the default theme is also built in).
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Output folder, relative to the project root.
    #[serde(default = "default_output")]
    pub output_dir: PathBuf,
    /// Reports per page on list pages.
    #[serde(default = "default_paginate")]
    pub paginate: usize,
    /// Privacy settings.
    #[serde(default)]
    pub privacy: Privacy,
    /// Also write `.gz` and `.br` copies of text files.
    #[serde(default)]
    pub precompress: bool,
    /// Report quality checks (warnings); each can be switched off.
    #[serde(default)]
    pub checks: Checks,
    /// Markdown settings.
    #[serde(default)]
    pub markdown: MarkdownConfig,
    /// Which reports are published.
    #[serde(default)]
    pub publish: Publish,
    /// Region the portal serves (e.g. "Kabupaten Sleman"), named in the hub interface.
    #[serde(default, alias = "wilayah")]
    pub region: Option<String>,
    /// `[network]` (alias `[jaringan]`): the member portals a hub gathers.
    #[serde(default, alias = "jaringan")]
    pub network: crate::network::member::NetworkConfig,
    /// Open data: who publishes it and under which licence (`data/catalog.jsonld`).
    #[serde(default)]
    pub data: DataConfig,
    /// Search vocabulary of the portal (docs/search-language.md).
    #[serde(default)]
    pub search: SearchConfig,
    /// The portal's own links in the navigation and footer (`[[menu]]`, see [`crate::menu`]).
    #[serde(default)]
    pub menu: Vec<crate::menu::MenuEntry>,
    /// Share cards of reports (`[share]`, see [`crate::render::share`]).
    #[serde(default)]
    pub share: ShareConfig,
}

/// `[share]`: what a link to a report shows when it is shared in a chat or social app.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShareConfig {
    /// Draw a PNG share card for every report (`og:image`). Off by default: on a big portal
    /// the cards cost more than a fifth of a first build (docs/open-standards.md).
    #[serde(default)]
    pub cards: bool,
}

/// The licence open data is published under when `[data] license` is not set: Creative
/// Commons Attribution 4.0.
pub const DEFAULT_DATA_LICENSE: &str = "https://creativecommons.org/licenses/by/4.0/";

/// `[data]`: the publisher of the open data and its licence, for the DCAT catalogue that
/// national and regional data portals (Satu Data, CKAN) harvest.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataConfig {
    /// The organisation that publishes the data (default: the portal's title).
    #[serde(default)]
    pub publisher: Option<String>,
    /// An e-mail address for questions about the data.
    #[serde(default)]
    pub contact_email: Option<String>,
    /// URI of the licence (default: CC BY 4.0, [`DEFAULT_DATA_LICENSE`]).
    #[serde(default)]
    pub license: Option<String>,
}

impl DataConfig {
    /// The licence URI the data is published under.
    pub fn license_uri(&self) -> &str {
        self.license.as_deref().unwrap_or(DEFAULT_DATA_LICENSE)
    }
}

/// `[search]`: the portal's own synonyms, acronyms and English terms, searched along with the
/// built-in ones of `src/search/data/`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchConfig {
    /// Sets of words or phrases that find each other: `[["lansia", "lanjut usia"]]`.
    #[serde(default)]
    pub synonyms: Vec<Vec<String>>,
    /// Acronyms and their expansions: `{ SIPAKAR = "Sistem …" }`, or a list for several.
    #[serde(default)]
    pub acronyms: std::collections::BTreeMap<String, Expansions>,
    /// `[Indonesian, English]` pairs: `[["bank sampah", "waste bank"]]`.
    #[serde(default)]
    pub glossary: Vec<[String; 2]>,
    /// Use the built-in vocabulary (on by default).
    #[serde(default = "yes")]
    pub builtin: bool,
}

/// One acronym's expansions: one or several (an ambiguous acronym keeps them all).
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum Expansions {
    /// A single expansion.
    One(String),
    /// Several expansions.
    Many(Vec<String>),
}

impl Expansions {
    /// The expansions, in the order written.
    pub fn list(&self) -> Vec<&str> {
        match self {
            Expansions::One(s) => vec![s.as_str()],
            Expansions::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig {
            synonyms: Vec::new(),
            acronyms: Default::default(),
            glossary: Vec::new(),
            builtin: true,
        }
    }
}

/// `[checks]`: the report quality checks, all on by default.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Checks {
    /// A report without `summary`.
    pub summary: bool,
    /// A report without objectives (`visit.objectives` or a "Tujuan" section).
    pub objectives: bool,
    /// A report without a findings ("Temuan") section.
    pub findings: bool,
    /// A recommendation without a due date.
    pub due: bool,
    /// A recommendation without an indicator.
    pub indicator: bool,
    /// An open recommendation with no status change for six months.
    pub quiet: bool,
    /// A visit over a year old without an `evaluation`.
    pub evaluation: bool,
    /// Template text ("ISI: …") left in a report.
    pub template_text: bool,
    /// A `province` that is not an official province name, or that does not hold the
    /// destination's regency/city.
    pub region: bool,
}

impl Default for Checks {
    fn default() -> Self {
        Checks {
            summary: true,
            objectives: true,
            findings: true,
            due: true,
            indicator: true,
            quiet: true,
            evaluation: true,
            template_text: true,
            region: true,
        }
    }
}

/// `[markdown]`: how report bodies become HTML.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkdownConfig {
    /// Keep raw HTML in Markdown as written instead of sanitising it. Off by default: turn it
    /// on only when every writer of the portal is trusted, since raw HTML can carry script.
    #[serde(default)]
    pub allow_raw_html: bool,
}

/// `[publish]`: which pages go out.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Publish {
    /// Publish reports whose `date` is after the build date. On by default; when off they are
    /// treated like drafts (left out of every output until their day comes; `--drafts` shows
    /// them).
    #[serde(default = "yes")]
    pub future_reports: bool,
    /// Publish visit plans (`stage = "rencana"`) at `/rencana/`. On by default; when off they
    /// are left out of the output like drafts (`--drafts` shows them), while `check` still
    /// reviews them.
    #[serde(default = "yes")]
    pub plans: bool,
    /// Days after a planned visit's end by which its report is due; a plan still not turned
    /// into a report past that is a visit without a report.
    #[serde(default = "default_report_due_days")]
    pub report_due_days: u32,
}

impl Default for Publish {
    fn default() -> Self {
        Publish {
            future_reports: true,
            plans: true,
            report_due_days: default_report_due_days(),
        }
    }
}

fn default_report_due_days() -> u32 {
    90
}

fn yes() -> bool {
    true
}

/// `[privacy]`: what personal data may be published.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Privacy {
    /// Publish the names of team members (`visit.team`). Off by default.
    #[serde(default)]
    pub publish_team: bool,
    /// Numbers shaped like an NIK, NIP or mobile number that may be published all the same
    /// (an official's published NIP, a public service hotline), written as they appear; spaces,
    /// dashes and dots are ignored when comparing.
    #[serde(default)]
    pub allowed_numbers: Vec<String>,
}

fn default_theme() -> String {
    "default".into()
}
fn default_output() -> PathBuf {
    PathBuf::from("public")
}
fn default_paginate() -> usize {
    10
}

/// Every key `tilik.toml` knows, for "did you mean" hints.
const KNOWN_KEYS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "language",
    "theme",
    "output_dir",
    "paginate",
    "precompress",
    "privacy",
    "publish_team",
    "checks",
    "summary",
    "objectives",
    "findings",
    "due",
    "indicator",
    "quiet",
    "evaluation",
    "template_text",
    "region",
    "allowed_numbers",
    "markdown",
    "allow_raw_html",
    "publish",
    "future_reports",
    "region",
    "network",
    "members",
    "name",
    "url",
    "connect_timeout",
    "timeout",
    "max_bytes",
    "refresh_minutes",
    "data",
    "publisher",
    "contact_email",
    "license",
    "search",
    "synonyms",
    "acronyms",
    "glossary",
    "builtin",
    "plans",
    "report_due_days",
    "menu",
    "name",
    "url",
    "where",
    "share",
    "cards",
];

impl<'de> Deserialize<'de> for Lang {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Lang::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!("unknown language `{s}`, expected `id` or `en`"))
        })
    }
}

impl Config {
    /// The language of a run's messages: the one asked for (`--lang`), else the `language`
    /// of the project's `tilik.toml` when it can be read, else Indonesian. Known before the
    /// configuration is checked, so that its own errors are in the portal's language too.
    pub fn message_language(root: &Path, asked: Option<Lang>) -> Lang {
        asked
            .or_else(|| {
                let text = std::fs::read_to_string(root.join("tilik.toml")).ok()?;
                let doc: toml_edit::DocumentMut = text.parse().ok()?;
                Lang::parse(doc.get("language")?.as_str()?)
            })
            .unwrap_or_default()
    }

    /// Reads `tilik.toml` from the project root. Errors are diagnostics about `tilik.toml`.
    pub fn load(root: &Path, lang: Lang) -> Result<Config, Vec<Diagnostic>> {
        let path = root.join("tilik.toml");
        let shown = PathBuf::from("tilik.toml");
        let text = match std::fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(t) => t,
                Err(_) => {
                    return Err(vec![Diagnostic::error(
                        shown,
                        None,
                        msg!(lang, "config.not_utf8"),
                    )])
                }
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(vec![Diagnostic::error(
                    root.join("tilik.toml"),
                    None,
                    msg!(lang, "config.not_found"),
                )
                .with_hint(msg!(lang, "config.not_found_hint"))])
            }
            Err(e) => {
                return Err(vec![Diagnostic::error(
                    shown,
                    None,
                    msg!(lang, "config.cannot_read", error = e),
                )])
            }
        };
        Config::parse(&text, lang)
    }

    /// Parses the text of `tilik.toml`.
    pub fn parse(text: &str, lang: Lang) -> Result<Config, Vec<Diagnostic>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut config: Config = toml_edit::de::from_str(text).map_err(|e| {
            let pos = e.span().map(|span| offset_pos(text, span.start));
            let message = e.message().trim().to_string();
            let mut d = Diagnostic::error("tilik.toml", pos, deserializer_message(&message, lang));
            if let Some(unknown) = message
                .strip_prefix("unknown field `")
                .and_then(|rest| rest.split('`').next())
            {
                if let Some(s) = did_you_mean(unknown, KNOWN_KEYS.iter().copied()) {
                    d = d.with_hint(msg!(lang, "config.did_you_mean", suggestion = s));
                }
            }
            vec![d]
        })?;
        if !(config.base_url.starts_with("http://") || config.base_url.starts_with("https://")) {
            return Err(vec![Diagnostic::error(
                "tilik.toml",
                find_key(text, "base_url"),
                msg!(lang, "config.base_url_not_full", base_url = config.base_url),
            )
            .with_hint("https://portal.example.go.id/")]);
        }
        if config.paginate == 0 {
            return Err(vec![Diagnostic::error(
                "tilik.toml",
                find_key(text, "paginate"),
                msg!(lang, "config.paginate_zero"),
            )]);
        }
        if let Some(email) = &config.data.contact_email {
            if !is_plain_email(email) {
                return Err(vec![Diagnostic::error(
                    "tilik.toml",
                    find_key(text, "contact_email"),
                    msg!(lang, "config.bad_contact_email", email),
                )
                .with_hint("ppid@example.go.id")]);
            }
        }
        if let Some(license) = &config.data.license {
            if !(license.starts_with("http://") || license.starts_with("https://")) {
                return Err(vec![Diagnostic::error(
                    "tilik.toml",
                    find_key(text, "license"),
                    msg!(lang, "config.license_not_url", license),
                )
                .with_hint(DEFAULT_DATA_LICENSE)]);
            }
        }
        config.base_url = normalise_base_url(&config.base_url);
        menu_positions(text, &mut config.menu);
        let menu_errors = crate::menu::check_entries(&config.menu, &config.base_url, lang);
        if !menu_errors.is_empty() {
            return Err(menu_errors);
        }
        Ok(config)
    }

    /// The path part of the base URL: `/` or `/portal/`.
    pub fn base_path(&self) -> String {
        let after_scheme = self.base_url.split_once("://").map_or("", |(_, rest)| rest);
        match after_scheme.find('/') {
            Some(i) => after_scheme[i..].to_string(),
            None => "/".to_string(),
        }
    }
}

/// `name@host.tld` without spaces, quotes or angle brackets: enough to refuse a typo or a
/// pasted name, not a full RFC 5322 parser.
/// The deserializer's message about `tilik.toml` in the run's language: an unknown or a
/// missing key, an unknown language; any other (TOML syntax) as the parser wrote it.
fn deserializer_message(message: &str, lang: Lang) -> String {
    let quoted = |text: &str| -> Vec<String> {
        text.split('`')
            .skip(1)
            .step_by(2)
            .map(|name| format!("`{name}`"))
            .collect()
    };
    let first = |text: &str| text.split('`').next().unwrap_or_default().to_string();
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (key, expected) = rest.split_once(", expected").unwrap_or((rest, ""));
        let expected = quoted(expected).join(", ");
        return msg!(lang, "config.unknown_key", key = first(key), expected);
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        return msg!(lang, "config.missing_key", key = first(rest));
    }
    if let Some(rest) = message.strip_prefix("unknown language `") {
        return msg!(lang, "config.unknown_language", value = first(rest));
    }
    message.to_string()
}

fn is_plain_email(s: &str) -> bool {
    let Some((local, host)) = s.split_once('@') else {
        return false;
    };
    let plain = |part: &str| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "._%+-".contains(c))
    };
    plain(local) && plain(host) && host.contains('.') && !host.starts_with('.')
}

/// Ensures the base URL ends with exactly one `/`.
pub fn normalise_base_url(url: &str) -> String {
    format!("{}/", url.trim().trim_end_matches('/'))
}

fn offset_pos(text: &str, offset: usize) -> Pos {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Pos::new(line, before[line_start..].chars().count() + 1)
}

/// Where each `[[menu]]` entry's `url` (or, without one, the entry) is written.
fn menu_positions(text: &str, menu: &mut [crate::menu::MenuEntry]) {
    let Ok(doc) = toml_edit::ImDocument::parse(text) else {
        return;
    };
    let Some(tables) = doc.get("menu").and_then(|m| m.as_array_of_tables()) else {
        return;
    };
    for (entry, table) in menu.iter_mut().zip(tables.iter()) {
        let span = table
            .get("url")
            .and_then(|u| u.span())
            .or_else(|| table.span());
        entry.pos = span.map(|s| offset_pos(text, s.start));
    }
}

fn find_key(text: &str, key: &str) -> Option<Pos> {
    text.lines()
        .position(|l| l.trim_start().starts_with(key))
        .map(|i| Pos::new(i + 1, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_base_path() {
        let c = Config::parse(
            "title = \"P\"\nbase_url = \"https://x.go.id/portal\"\n",
            Lang::Id,
        )
        .unwrap();
        assert_eq!(c.base_url, "https://x.go.id/portal/");
        assert_eq!(c.base_path(), "/portal/");
        assert_eq!(c.language, Lang::Id);
        assert_eq!(c.paginate, 10);
        assert!(!c.privacy.publish_team);
        assert!(!c.markdown.allow_raw_html);
        assert!(c.publish.future_reports);
        assert!(c.privacy.allowed_numbers.is_empty());
    }

    #[test]
    fn hardening_settings_are_read_and_checked() {
        let c = Config::parse(
            "title = \"P\"\nbase_url = \"https://x/\"\n[markdown]\nallow_raw_html = true\n[publish]\nfuture_reports = false\n[privacy]\nallowed_numbers = [\"1971 0304 199703 1 002\"]\n",
            Lang::En,
        )
        .unwrap();
        assert!(c.markdown.allow_raw_html);
        assert!(!c.publish.future_reports);
        assert_eq!(c.privacy.allowed_numbers.len(), 1);
        let e = Config::parse(
            "title = \"P\"\nbase_url = \"https://x/\"\n[markdown]\nallow_raw_htm = true\n",
            Lang::En,
        )
        .unwrap_err();
        assert!(
            e[0].render(Lang::En)
                .contains("did you mean `allow_raw_html`?"),
            "{e:?}"
        );
    }

    #[test]
    fn search_vocabulary_is_read() {
        let c = Config::parse(
            "title = \"P\"\nbase_url = \"https://x/\"\n[search]\nsynonyms = [[\"lansia\", \"lanjut usia\"]]\nacronyms = { SIPAKAR = \"Sistem Informasi Pelayanan Kearsipan\", PKB = [\"a\", \"b\"] }\nglossary = [[\"bank sampah\", \"waste bank\"]]\n",
            Lang::En,
        )
        .unwrap();
        assert_eq!(c.search.synonyms, vec![vec!["lansia", "lanjut usia"]]);
        assert_eq!(c.search.acronyms.len(), 2);
        assert_eq!(c.search.glossary.len(), 1);
        assert!(c.search.builtin);
        let d = Config::parse("title = \"P\"\nbase_url = \"https://x/\"\n", Lang::En).unwrap();
        assert!(d.search.builtin && d.search.synonyms.is_empty());
        let e = Config::parse(
            "title = \"P\"\nbase_url = \"https://x/\"\n[search]\nsynonym = []\n",
            Lang::En,
        )
        .unwrap_err();
        assert!(
            e[0].render(Lang::En).contains("did you mean `synonyms`?"),
            "{e:?}"
        );
    }

    #[test]
    fn unknown_key_has_position_and_hint() {
        let e = Config::parse(
            "title = \"P\"\nbase_url = \"https://x/\"\ntheem = \"a\"\n",
            Lang::En,
        )
        .unwrap_err();
        let text = e[0].render(Lang::En);
        assert!(
            text.starts_with("tilik.toml:3:1: error: unknown field `theem`"),
            "{text}"
        );
        assert!(text.contains("did you mean `theme`?"), "{text}");
        assert!(
            text.contains("expected one of `title`, `description`, `base_url`"),
            "{text}"
        );
        let e = Config::parse(
            "title = \"P\"\nbase_url = \"https://x/\"\ntheem = \"a\"\n",
            Lang::Id,
        )
        .unwrap_err();
        let text = e[0].render(Lang::Id);
        assert!(
            text.starts_with("tilik.toml:3:1: error: kunci `theem` tidak dikenal; kunci yang dikenal: `title`, `description`, `base_url`"),
            "{text}"
        );
        assert!(text.contains("saran: maksud Anda `theme`?"), "{text}");
        let e = Config::parse("base_url = \"https://x/\"\n", Lang::Id).unwrap_err();
        assert_eq!(e[0].message, "kunci wajib `title` tidak ada");
        let e = Config::parse("base_url = \"https://x/\"\n", Lang::En).unwrap_err();
        assert_eq!(e[0].message, "missing field `title`");
        let e = Config::parse(
            "title = \"P\"\nbase_url = \"https://x/\"\nlanguage = \"fr\"\n",
            Lang::Id,
        )
        .unwrap_err();
        assert_eq!(
            e[0].message,
            "bahasa `fr` tidak dikenal; pilihan: `id` atau `en`"
        );
    }

    #[test]
    fn data_settings_are_read_and_checked() {
        let c = Config::parse("title = \"P\"\nbase_url = \"https://x/\"\n", Lang::En).unwrap();
        assert_eq!(c.data.license_uri(), DEFAULT_DATA_LICENSE);
        assert!(c.data.publisher.is_none());
        let c = Config::parse(
            "title = \"P\"\nbase_url = \"https://x/\"\n[data]\npublisher = \"Diskominfo\"\ncontact_email = \"ppid@x.go.id\"\nlicense = \"https://creativecommons.org/publicdomain/zero/1.0/\"\n",
            Lang::En,
        )
        .unwrap();
        assert_eq!(c.data.publisher.as_deref(), Some("Diskominfo"));
        assert!(c.data.license_uri().contains("zero"));
        for bad in ["contact_email = \"ppid at x\"", "license = \"CC BY\""] {
            let e = Config::parse(
                &format!("title = \"P\"\nbase_url = \"https://x/\"\n[data]\n{bad}\n"),
                Lang::En,
            )
            .unwrap_err();
            assert_eq!(e[0].pos.map(|p| p.line), Some(4), "{bad}: {e:?}");
        }
    }

    #[test]
    fn bad_language_is_an_error() {
        let e = Config::parse(
            "title = \"P\"\nbase_url = \"https://x/\"\nlanguage = \"fr\"\n",
            Lang::En,
        )
        .unwrap_err();
        assert!(e[0].message.contains("`fr`"), "{:?}", e);
        assert_eq!(e[0].pos.map(|p| p.line), Some(3));
    }
}
