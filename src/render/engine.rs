//! The template engine: Tera with the theme's templates, our filters, and the variables
//! every page shares.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;
use tera::{Context, Tera};

use super::theme::Theme;
use crate::diagnostics::{Diagnostic, Lang};
use crate::model::paths::root_prefix;
use crate::model::site::Site;

/// Compiled templates plus the shared pieces of every context.
pub struct Engine {
    tera: Arc<Tera>,
    site_value: tera::Value,
    strings: BTreeMap<Lang, tera::Value>,
}

/// `site` in templates.
#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    base_url: &'a str,
    base_path: String,
    lang: Lang,
    build_date: String,
    publish_team: bool,
    generator: &'static str,
}

/// A feed link for `<link rel="alternate">`.
#[derive(Serialize, Clone)]
pub struct FeedLink {
    /// Its title.
    pub title: String,
    /// Site path of the feed.
    pub path: String,
}

/// What a single HTML page needs besides its template's own variables.
pub struct PageFrame<'a> {
    /// Site path of the page (`""` for home, `404.html` for the error page).
    pub path: &'a str,
    /// Language of the page.
    pub lang: Lang,
    /// `<title>` text.
    pub title: &'a str,
    /// Meta description.
    pub description: &'a str,
    /// Feeds to announce.
    pub feeds: Vec<FeedLink>,
}

/// The templates compiled last, kept for a theme whose templates are the same: `tilik serve`
/// renders an edited page on every change, in less time than compiling the templates takes.
#[derive(Default)]
pub struct TemplateCache {
    kept: Option<(BTreeMap<String, String>, Arc<Tera>)>,
}

impl std::fmt::Debug for TemplateCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TemplateCache")
            .field("kept", &self.kept.as_ref().map(|(t, _)| t.len()))
            .finish()
    }
}

impl TemplateCache {
    /// The compiled templates of `theme`.
    fn compile(&mut self, theme: &Theme, lang: Lang) -> Result<Arc<Tera>, Diagnostic> {
        if let Some((templates, tera)) = &self.kept {
            if *templates == theme.templates {
                return Ok(Arc::clone(tera));
            }
        }
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(escape_html);
        super::format::register(&mut tera);
        tera.add_raw_templates(
            theme
                .templates
                .iter()
                .map(|(name, text)| (name.as_str(), text.as_str())),
        )
        .map_err(|e| template_error(&e, lang))?;
        let tera = Arc::new(tera);
        self.kept = Some((theme.templates.clone(), Arc::clone(&tera)));
        Ok(tera)
    }
}

impl Engine {
    /// Compiles the theme's templates. A template error is a configuration error.
    pub fn new(theme: &Theme, site: &Site, lang: Lang) -> Result<Engine, Diagnostic> {
        Engine::with_cache(theme, site, lang, &mut TemplateCache::default())
    }

    /// [`Engine::new`], taking the compiled templates from `cache` when the theme's templates
    /// are the ones compiled last.
    pub fn with_cache(
        theme: &Theme,
        site: &Site,
        lang: Lang,
        cache: &mut TemplateCache,
    ) -> Result<Engine, Diagnostic> {
        let tera = cache.compile(theme, lang)?;
        let config = &site.config;
        let site_value = tera::to_value(SiteView {
            title: &config.title,
            description: &config.description,
            base_url: &config.base_url,
            base_path: config.base_path(),
            lang: config.language,
            build_date: site.build_date.to_string(),
            publish_team: config.privacy.publish_team,
            generator: concat!("Tilik ", env!("CARGO_PKG_VERSION")),
        })
        .map_err(|e| template_error(&e, lang))?;
        let strings = [Lang::Id, Lang::En]
            .into_iter()
            .map(|l| (l, tera::to_value(theme.strings(l)).unwrap_or_default()))
            .collect();
        Ok(Engine {
            tera,
            site_value,
            strings,
        })
    }

    /// Whether the theme has a template.
    pub fn has(&self, name: &str) -> bool {
        self.tera.get_template_names().any(|n| n == name)
    }

    /// A context with the variables every HTML template gets.
    pub fn context(&self, site: &Site, frame: &PageFrame) -> Context {
        let mut ctx = Context::new();
        ctx.insert("site", &self.site_value);
        let root = if frame.path == "404.html" {
            site.config.base_path()
        } else {
            root_prefix(frame.path)
        };
        ctx.insert("root", &root);
        ctx.insert("path", frame.path);
        ctx.insert(
            "permalink",
            &format!("{}{}", site.config.base_url, frame.path),
        );
        ctx.insert("lang", &frame.lang);
        ctx.insert("t", &self.strings[&frame.lang]);
        ctx.insert("page_title", frame.title);
        ctx.insert("description", frame.description);
        ctx.insert("feeds", &frame.feeds);
        ctx
    }

    /// Renders a template.
    pub fn render(&self, template: &str, ctx: &Context, lang: Lang) -> Result<String, Diagnostic> {
        self.tera
            .render(template, ctx)
            .map_err(|e| template_error(&e, lang))
    }
}

/// Escapes text for HTML and XML text and quoted attribute values.
///
/// Tera's default also escapes `/` (as `&#x2F;`), which is safe but makes every URL in the
/// output harder to read and larger; quoting attributes makes `/` harmless.
pub fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + input.len() / 8);
    for c in input.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A template error with its whole cause chain (Tera's top message alone names no cause).
fn template_error(e: &dyn std::error::Error, lang: Lang) -> Diagnostic {
    let mut message = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    Diagnostic::error(
        "templates",
        None,
        lang.pick(
            format!("kesalahan templat: {message}"),
            format!("template error: {message}"),
        ),
    )
}
