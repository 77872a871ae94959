//! Taxonomies derived from the visit data: units, topics, places, years of the visit, tags.

use std::borrow::Cow;
use std::collections::HashMap;

type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

use serde::Serialize;

use super::report::Scope;
use super::site::Page;
use super::slug::slugify;
use crate::diagnostics::{Diagnostic, Lang};
use crate::msg;

/// Which taxonomy: its key is also its URL folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum TaxonomyKind {
    /// `visit.unit` → `/skpd/`.
    #[serde(rename = "skpd")]
    Unit,
    /// `visit.topics` → `/topik/`.
    #[serde(rename = "topik")]
    Topic,
    /// `visit.destination` → `/lokasi/`.
    #[serde(rename = "lokasi")]
    Place,
    /// Year of `visit.start` → `/tahun/`.
    #[serde(rename = "tahun")]
    Year,
    /// `tags` → `/label/`.
    #[serde(rename = "label")]
    Tag,
}

impl TaxonomyKind {
    /// Every taxonomy, in menu order.
    pub const ALL: [TaxonomyKind; 5] = [
        TaxonomyKind::Unit,
        TaxonomyKind::Topic,
        TaxonomyKind::Place,
        TaxonomyKind::Year,
        TaxonomyKind::Tag,
    ];

    /// URL folder and template key: `skpd`, `topik`, `lokasi`, `tahun`, `label`.
    pub fn key(self) -> &'static str {
        match self {
            TaxonomyKind::Unit => "skpd",
            TaxonomyKind::Topic => "topik",
            TaxonomyKind::Place => "lokasi",
            TaxonomyKind::Year => "tahun",
            TaxonomyKind::Tag => "label",
        }
    }

    /// Calls `f` with each name of `page` in this taxonomy.
    fn for_each_value<'a>(self, page: &'a Page, mut f: impl FnMut(Cow<'a, str>)) {
        let Some(report) = &page.report else {
            return;
        };
        let visit = &report.visit;
        match self {
            TaxonomyKind::Unit => f(Cow::Borrowed(&visit.unit)),
            TaxonomyKind::Topic => visit.topics.iter().for_each(|t| f(Cow::Borrowed(t))),
            TaxonomyKind::Place => f(Cow::Borrowed(&visit.destination)),
            TaxonomyKind::Year => {
                if let Some(year) = page.visit_year() {
                    f(Cow::Owned(year.to_string()));
                }
            }
            TaxonomyKind::Tag => page.meta.tags.iter().for_each(|t| f(Cow::Borrowed(t))),
        }
    }
}

/// One term of a taxonomy and the reports filed under it.
#[derive(Clone, Debug)]
pub struct Term {
    /// The name as written in the reports.
    pub name: String,
    /// ASCII slug.
    pub slug: String,
    /// Site path, e.g. `skpd/dinas-kesehatan-kota-palu/`.
    pub path: String,
    /// Indexes into `Site::pages`, newest first.
    pub pages: Vec<usize>,
    /// In a hub: members' reports filed under it, as (index into `Site::network`, index into
    /// that member's reports), newest first ([`crate::network::terms`]).
    pub members: Vec<(usize, usize)>,
    /// For places: abroad or domestic.
    pub scope: Option<Scope>,
    /// For places in Indonesia: the official region code (`kode_wilayah`) of the regency/city
    /// or province the destination names.
    pub region_code: Option<&'static str>,
}

/// One taxonomy with its terms.
#[derive(Clone, Debug)]
pub struct Taxonomy {
    /// Which one.
    pub kind: TaxonomyKind,
    /// Terms sorted by name (years: newest first).
    pub terms: Vec<Term>,
}

impl Taxonomy {
    /// The term of a name, if any report uses it.
    pub fn term(&self, name: &str) -> Option<&Term> {
        self.terms.iter().find(|t| t.name == name)
    }
}

/// All taxonomies of the site.
#[derive(Clone, Debug, Default)]
pub struct Taxonomies {
    /// In `TaxonomyKind::ALL` order.
    pub all: Vec<Taxonomy>,
}

impl Taxonomies {
    /// One taxonomy.
    pub fn get(&self, kind: TaxonomyKind) -> &Taxonomy {
        self.all
            .iter()
            .find(|t| t.kind == kind)
            .expect("every taxonomy is built")
    }
}

/// Builds every taxonomy from the published pages (already sorted newest first).
///
/// Two different names that give the same slug are an error, not a silent merge.
pub fn build(pages: &[Page], lang: Lang, diags: &mut Vec<Diagnostic>) -> Taxonomies {
    let mut builders = TaxonomyKind::ALL.map(|kind| Builder::new(kind, lang));
    // One pass over the pages for all taxonomies: a page is read once.
    for (index, page) in pages.iter().enumerate() {
        for builder in &mut builders {
            builder.add(index, page, pages);
        }
    }
    let all = builders
        .into_iter()
        .map(|builder| {
            let (taxonomy, found) = builder.finish();
            diags.extend(found);
            taxonomy
        })
        .collect();
    Taxonomies { all }
}

/// Puts the terms of a taxonomy of `kind` in their order: by name (years: newest first).
pub fn sort_terms(kind: TaxonomyKind, terms: &mut [Term]) {
    // By slug first, so that names equal but for case keep a stable order.
    terms.sort_unstable_by(|a, b| a.slug.cmp(&b.slug));
    if kind == TaxonomyKind::Year {
        terms.sort_by(|a, b| b.name.cmp(&a.name));
    } else {
        terms.sort_by_cached_key(|t| t.name.to_lowercase());
    }
}

/// One taxonomy being built.
struct Builder<'a> {
    kind: TaxonomyKind,
    lang: Lang,
    diags: Vec<Diagnostic>,
    /// Reports repeat the same few names: each name is made a slug and found a term once.
    by_name: FastMap<Cow<'a, str>, Option<usize>>,
    by_slug: FastMap<String, usize>,
    terms: Vec<Term>,
    /// The terms of the page being added.
    seen_here: Vec<usize>,
}

impl<'a> Builder<'a> {
    fn new(kind: TaxonomyKind, lang: Lang) -> Builder<'a> {
        Builder {
            kind,
            lang,
            diags: Vec::new(),
            by_name: FastMap::default(),
            by_slug: FastMap::default(),
            terms: Vec::new(),
            seen_here: Vec::new(),
        }
    }

    /// Files the page at `index` of `pages` under its terms.
    fn add(&mut self, index: usize, page: &'a Page, pages: &[Page]) {
        self.seen_here.clear();
        self.kind
            .for_each_value(page, |name| self.add_name(index, page, pages, name));
    }

    fn add_name(&mut self, index: usize, page: &Page, pages: &[Page], name: Cow<'a, str>) {
        let kind = self.kind;
        let lang = self.lang;
        let found = match self.by_name.get(name.as_ref()) {
            Some(&found) => found,
            None => {
                let slug = slugify(&name);
                let found = if slug.is_empty() {
                    None
                } else if let Some(&at) = self.by_slug.get(&slug) {
                    Some(at)
                } else {
                    self.terms.push(Term {
                        path: format!("{}/{slug}/", kind.key()),
                        slug: slug.clone(),
                        name: name.to_string(),
                        pages: Vec::new(),
                        members: Vec::new(),
                        scope: None,
                        region_code: None,
                    });
                    self.by_slug.insert(slug, self.terms.len() - 1);
                    Some(self.terms.len() - 1)
                };
                self.by_name.insert(name.clone(), found);
                found
            }
        };
        let Some(at) = found else {
            return;
        };
        let name: &str = &name;
        if self.seen_here.contains(&at) {
            return;
        }
        self.seen_here.push(at);
        let term = &mut self.terms[at];
        if term.name != name {
            let other = pages
                .get(term.pages.first().copied().unwrap_or(index))
                .map(|p| crate::diagnostics::display_path(&p.source.display))
                .unwrap_or_default();
            let slug = &term.slug;
            self.diags.push(
                Diagnostic::error(
                    &page.source.display,
                    None,
                    msg!(
                        lang,
                        "taxonomy.same_slug",
                        name,
                        name2 = term.name,
                        other,
                        key = kind.key(),
                        slug
                    ),
                )
                .with_hint(msg!(lang, "taxonomy.same_slug_hint", name = term.name)),
            );
            return;
        }
        if kind == TaxonomyKind::Place {
            if let Some(report) = &page.report {
                let scope = report.visit.scope();
                term.scope = Some(term.scope.map_or(scope, |s| s.max(scope)));
                term.region_code = term.region_code.or(report.visit.place.code());
            }
        }
        term.pages.push(index);
    }

    fn finish(self) -> (Taxonomy, Vec<Diagnostic>) {
        let mut terms = self.terms;
        sort_terms(self.kind, &mut terms);
        (
            Taxonomy {
                kind: self.kind,
                terms,
            },
            self.diags,
        )
    }
}
