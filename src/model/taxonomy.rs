//! Taxonomies derived from the visit data: units, topics, places, years of the visit, tags.

use std::collections::BTreeMap;

use serde::Serialize;

use super::report::Scope;
use super::site::Page;
use super::slug::slugify;
use crate::diagnostics::{Diagnostic, Lang};

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

    fn values(self, page: &Page) -> Vec<String> {
        let Some(report) = &page.report else {
            return Vec::new();
        };
        let visit = &report.visit;
        match self {
            TaxonomyKind::Unit => vec![visit.unit.clone()],
            TaxonomyKind::Topic => visit.topics.clone(),
            TaxonomyKind::Place => vec![visit.destination.clone()],
            TaxonomyKind::Year => page
                .visit_year()
                .map(|y| y.to_string())
                .into_iter()
                .collect(),
            TaxonomyKind::Tag => page.meta.tags.clone(),
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
    /// For places: abroad or domestic.
    pub scope: Option<Scope>,
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
    let all = TaxonomyKind::ALL
        .into_iter()
        .map(|kind| build_one(kind, pages, lang, diags))
        .collect();
    Taxonomies { all }
}

fn build_one(
    kind: TaxonomyKind,
    pages: &[Page],
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) -> Taxonomy {
    let mut by_slug: BTreeMap<String, Term> = BTreeMap::new();
    for (index, page) in pages.iter().enumerate() {
        let mut seen_here = Vec::new();
        for name in kind.values(page) {
            let slug = slugify(&name);
            if slug.is_empty() || seen_here.contains(&slug) {
                continue;
            }
            seen_here.push(slug.clone());
            let term = by_slug.entry(slug.clone()).or_insert_with(|| Term {
                path: format!("{}/{slug}/", kind.key()),
                slug: slug.clone(),
                name: name.clone(),
                pages: Vec::new(),
                scope: None,
            });
            if term.name != name {
                let other = pages
                    .get(term.pages.first().copied().unwrap_or(index))
                    .map(|p| crate::diagnostics::display_path(&p.source.display))
                    .unwrap_or_default();
                diags.push(
                    Diagnostic::error(
                        &page.source.display,
                        None,
                        lang.pick(
                            format!(
                                "\"{name}\" dan \"{}\" ({other}) menjadi alamat yang sama /{}/{slug}/",
                                term.name,
                                kind.key()
                            ),
                            format!(
                                "\"{name}\" and \"{}\" ({other}) give the same URL /{}/{slug}/",
                                term.name,
                                kind.key()
                            ),
                        ),
                    )
                    .with_hint(lang.pick(
                        format!("jika maksudnya sama, tulis persis \"{}\"; jika berbeda, bedakan namanya", term.name),
                        format!("if they are the same, write exactly \"{}\"; if not, make the names differ", term.name),
                    )),
                );
                continue;
            }
            if kind == TaxonomyKind::Place {
                if let Some(report) = &page.report {
                    term.scope = Some(
                        term.scope
                            .map_or(report.visit.scope(), |s| s.max(report.visit.scope())),
                    );
                }
            }
            term.pages.push(index);
        }
    }
    let mut terms: Vec<Term> = by_slug.into_values().collect();
    if kind == TaxonomyKind::Year {
        terms.sort_by(|a, b| b.name.cmp(&a.name));
    } else {
        terms.sort_by_key(|t| t.name.to_lowercase());
    }
    Taxonomy { kind, terms }
}
