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
use crate::msg;

/// Compiled templates plus the shared pieces of every context.
pub struct Engine {
    tera: Arc<Tera>,
    site_value: tera::Value,
    strings: BTreeMap<Lang, tera::Value>,
    /// Tells this engine's reusable contexts from another's (see [`PageContext`]).
    id: u64,
}

/// A context kept on each rendering thread between pages, so that the pieces every page
/// shares (`site` and the i18n table `t`, a few hundred strings) are not copied into a new
/// context for each of thousands of pages.
struct ReusableContext {
    engine: u64,
    lang: Lang,
    ctx: Context,
}

thread_local! {
    static REUSABLE: std::cell::RefCell<Option<ReusableContext>> =
        const { std::cell::RefCell::new(None) };
}

/// The context of one page: the shared variables plus the page's own. Dropping it removes
/// the page's own variables and leaves the rest for the thread's next page.
pub struct PageContext {
    reusable: Option<ReusableContext>,
    /// Variables the page added, removed again on drop.
    own: Vec<&'static str>,
}

impl PageContext {
    /// Adds a template variable of this page.
    pub fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        if let Some(r) = &mut self.reusable {
            r.ctx.insert(key, value);
            self.own.push(key);
        }
    }

    fn tera(&self) -> Option<&Context> {
        self.reusable.as_ref().map(|r| &r.ctx)
    }
}

impl Drop for PageContext {
    fn drop(&mut self) {
        if let Some(mut r) = self.reusable.take() {
            for key in &self.own {
                r.ctx.remove(key);
            }
            REUSABLE.with(|slot| *slot.borrow_mut() = Some(r));
        }
    }
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
    /// Visit plans are published (`/rencana/` exists).
    has_plans: bool,
    generator: &'static str,
    /// URI of the open data's licence (`[data] license`).
    data_license: &'a str,
    /// The portal's own links (`[[menu]]`).
    menu: Vec<crate::menu::MenuLink>,
    /// Reports have share cards (`[share] cards`) at `kartu/<slug>.png`.
    share_cards: bool,
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
            has_plans: site.plans_published && !site.plans.is_empty(),
            generator: concat!("Tilik ", env!("CARGO_PKG_VERSION")),
            data_license: config.data.license_uri(),
            menu: crate::menu::links(&config.menu, &config.base_url),
            share_cards: config.share.cards,
        })
        .map_err(|e| template_error(&e, lang))?;
        let strings = [Lang::Id, Lang::En]
            .into_iter()
            .map(|l| (l, tera::to_value(theme.strings(l)).unwrap_or_default()))
            .collect();
        static ENGINES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        Ok(Engine {
            tera,
            site_value,
            strings,
            id: ENGINES.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        })
    }

    /// Whether the theme has a template.
    pub fn has(&self, name: &str) -> bool {
        self.tera.get_template_names().any(|n| n == name)
    }

    /// A context with the variables every HTML template gets; the page adds its own with
    /// [`PageContext::insert`].
    pub fn context(&self, site: &Site, frame: &PageFrame) -> PageContext {
        let reused = REUSABLE
            .with(|slot| slot.borrow_mut().take())
            .filter(|r| r.engine == self.id);
        let mut r = reused.unwrap_or_else(|| {
            let mut ctx = Context::new();
            ctx.insert("site", &self.site_value);
            ctx.insert("t", &self.strings[&frame.lang]);
            ReusableContext {
                engine: self.id,
                lang: frame.lang,
                ctx,
            }
        });
        if r.lang != frame.lang {
            r.ctx.insert("t", &self.strings[&frame.lang]);
            r.lang = frame.lang;
        }
        let ctx = &mut r.ctx;
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
        ctx.insert("page_title", frame.title);
        ctx.insert("description", frame.description);
        ctx.insert("feeds", &frame.feeds);
        PageContext {
            reusable: Some(r),
            own: Vec::new(),
        }
    }

    /// Renders a template.
    pub fn render(
        &self,
        template: &str,
        ctx: &PageContext,
        lang: Lang,
    ) -> Result<String, Diagnostic> {
        let empty = Context::new();
        self.tera
            .render(template, ctx.tera().unwrap_or(&empty))
            .map_err(|e| template_error(&e, lang))
    }
}

/// Escapes text for HTML and XML text and quoted attribute values.
///
/// Tera's default also escapes `/` (as `&#x2F;`), which is safe but makes every URL in the
/// output harder to read and larger; quoting attributes makes `/` harmless.
pub fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + input.len() / 8);
    let mut plain = 0;
    for (i, b) in input.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&input[plain..i]);
        out.push_str(entity);
        plain = i + 1;
    }
    out.push_str(&input[plain..]);
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
        msg!(lang, "engine.template_error", message),
    )
}

#[cfg(test)]
mod tests {
    use super::escape_html;

    #[test]
    fn escapes_the_five_characters_and_keeps_the_rest() {
        assert_eq!(
            escape_html(r#"<a href="x/y?a=1&b='2'">Pengelolaan — ½</a>"#),
            "&lt;a href=&quot;x/y?a=1&amp;b=&#39;2&#39;&quot;&gt;Pengelolaan — ½&lt;/a&gt;"
        );
        assert_eq!(escape_html(""), "");
        assert_eq!(escape_html("&&"), "&amp;&amp;");
        assert_eq!(escape_html("tanpa tanda"), "tanpa tanda");
    }
}
