//! Machine-readable descriptions of the open data, in the standards data portals read:
//!
//! - `data/catalog.jsonld`: a DCAT catalogue (DCAT-AP style, JSON-LD) with one dataset for the
//!   reports and one for the recommendations, each with its distributions. CKAN's DCAT
//!   harvester and other catalogues of Satu Data Indonesia read it.
//! - `data/rekomendasi.csv-metadata.json`: the W3C CSV on the Web description of
//!   `rekomendasi.csv` (every column's titles, datatype and allowed values).
//!
//! Both are written in `docs/open-data.md`, which is part of the public contract.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde_json::{json, Value};

use super::opendata::{
    ColumnType, RECOMMENDATIONS_CSV, RECOMMENDATIONS_CSVW, RECOMMENDATION_COLUMNS, REPORTS_JSON,
};
use crate::diagnostics::Lang;
use crate::model::report::{Scope, Status};
use crate::model::site::Site;
use crate::msg;

/// Byte sizes of the distributions, known once they are written.
#[derive(Clone, Copy, Debug)]
pub struct Sizes {
    /// `data/laporan.json`.
    pub reports_json: usize,
    /// `data/rekomendasi.csv`.
    pub recommendations_csv: usize,
}

const IANA: &str = "https://www.iana.org/assignments/media-types/";
const FILE_TYPE: &str = "http://publications.europa.eu/resource/authority/file-type/";

/// The JSON-LD context of the catalogue: the vocabularies it uses, by prefix.
fn context() -> Value {
    json!({
        "dcat": "http://www.w3.org/ns/dcat#",
        "dct": "http://purl.org/dc/terms/",
        "foaf": "http://xmlns.com/foaf/0.1/",
        "vcard": "http://www.w3.org/2006/vcard/ns#",
        "skos": "http://www.w3.org/2004/02/skos/core#",
        "xsd": "http://www.w3.org/2001/XMLSchema#"
    })
}

/// ISO 639-1 code as a Library of Congress URI, the form DCAT-AP accepts besides the EU table.
fn language_uri(lang: Lang) -> String {
    format!("http://id.loc.gov/vocabulary/iso639-1/{}", lang.code())
}

fn text(value: &str, lang: Lang) -> Value {
    json!({ "@value": value, "@language": lang.code() })
}

fn date(d: NaiveDate) -> Value {
    json!({ "@value": d.to_string(), "@type": "xsd:date" })
}

fn id(uri: impl Into<String>) -> Value {
    json!({ "@id": uri.into() })
}

/// What the reports cover: topics, first and last day of visits, places.
#[derive(Default)]
struct Coverage {
    topics: BTreeSet<String>,
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
    places: BTreeSet<String>,
}

impl Coverage {
    fn of(site: &Site) -> Coverage {
        let mut c = Coverage::default();
        for page in site.reports() {
            let Some(r) = &page.report else { continue };
            let v = &r.visit;
            c.topics.extend(v.topics.iter().cloned());
            let start = v.start.or(page.meta.date);
            let end = v.end.or(start);
            if let Some(s) = start {
                c.first = Some(c.first.map_or(s, |f| f.min(s)));
            }
            if let Some(e) = end {
                c.last = Some(c.last.map_or(e, |l| l.max(e)));
            }
            let place = match (v.scope(), &v.province) {
                (Scope::DalamNegeri, Some(province)) if !province.trim().is_empty() => {
                    format!("{}, {}", province.trim(), v.country.trim())
                }
                _ => v.country.trim().to_string(),
            };
            if !place.is_empty() {
                c.places.insert(place);
            }
        }
        c
    }

    fn temporal(&self) -> Option<Value> {
        let (first, last) = (self.first?, self.last?);
        Some(json!({
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": date(first),
            "dcat:endDate": date(last),
        }))
    }

    fn spatial(&self, lang: Lang) -> Vec<Value> {
        self.places
            .iter()
            .map(|p| json!({ "@type": "dct:Location", "skos:prefLabel": text(p, lang) }))
            .collect()
    }
}

/// One downloadable file of a dataset.
fn distribution(
    site: &Site,
    path: &str,
    title: &str,
    media: &str,
    format: &str,
    size: usize,
) -> Value {
    let base = &site.config.base_url;
    let lang = site.config.language;
    json!({
        "@id": format!("{base}{path}#distribusi"),
        "@type": "dcat:Distribution",
        "dct:title": text(title, lang),
        "dcat:downloadURL": id(format!("{base}{path}")),
        "dcat:accessURL": id(format!("{base}{path}")),
        "dcat:mediaType": id(format!("{IANA}{media}")),
        "dct:format": id(format!("{FILE_TYPE}{format}")),
        "dcat:byteSize": { "@value": size.to_string(), "@type": "xsd:nonNegativeInteger" },
        "dct:license": id(site.config.data.license_uri()),
        "dct:modified": date(site.build_date),
    })
}

/// `data/catalog.jsonld`: the portal as a `dcat:Catalog` of two datasets.
pub fn catalog(site: &Site, sizes: &Sizes) -> Vec<u8> {
    let config = &site.config;
    let lang = config.language;
    let base = &config.base_url;
    let publisher_name = config.data.publisher.as_deref().unwrap_or(&config.title);
    let publisher = json!({
        "@id": format!("{base}#penerbit"),
        "@type": "foaf:Organization",
        "foaf:name": text(publisher_name, lang),
        "foaf:homepage": id(base.as_str()),
    });
    let mut contact = json!({
        "@type": "vcard:Organization",
        "vcard:fn": publisher_name,
    });
    if let Some(email) = &config.data.contact_email {
        contact["vcard:hasEmail"] = id(format!("mailto:{email}"));
    }
    let coverage = Coverage::of(site);
    let keywords: Vec<Value> = coverage.topics.iter().map(|t| text(t, lang)).collect();
    let licence = id(config.data.license_uri());
    let json_dist = |title: &str| {
        distribution(
            site,
            REPORTS_JSON,
            title,
            "application/json",
            "JSON",
            sizes.reports_json,
        )
    };
    let csv_dist = |title: &str| {
        distribution(
            site,
            RECOMMENDATIONS_CSV,
            title,
            "text/csv",
            "CSV",
            sizes.recommendations_csv,
        )
    };
    let dataset = |slug: &str, title: &str, description: &str, distributions: Vec<Value>| {
        let mut d = json!({
            "@id": format!("{base}data/#{slug}"),
            "@type": "dcat:Dataset",
            "dct:identifier": format!("{base}data/#{slug}"),
            "dct:title": text(title, lang),
            "dct:description": text(description, lang),
            "dct:publisher": { "@id": format!("{base}#penerbit") },
            "dcat:contactPoint": contact.clone(),
            "dct:language": id(language_uri(lang)),
            "dct:license": licence.clone(),
            "dct:modified": date(site.build_date),
            "dcat:landingPage": id(format!("{base}data/")),
            "dcat:keyword": keywords.clone(),
            "dct:spatial": coverage.spatial(lang),
            "dcat:distribution": distributions,
        });
        if let Some(t) = coverage.temporal() {
            d["dct:temporal"] = t;
        }
        d
    };
    let reports = dataset(
        "laporan",
        &msg!(lang, "catalog.reports_title", title = config.title),
        &msg!(lang, "catalog.reports_description"),
        vec![json_dist(&msg!(lang, "catalog.reports_json"))],
    );
    let recommendations = dataset(
        "rekomendasi",
        &msg!(lang, "catalog.recommendations_title", title = config.title),
        &msg!(lang, "catalog.recommendations_description"),
        vec![
            csv_dist(&msg!(lang, "catalog.recommendations_csv")),
            json_dist(&msg!(lang, "catalog.reports_with_recommendations_json")),
        ],
    );
    let description = if config.description.trim().is_empty() {
        config.title.as_str()
    } else {
        config.description.as_str()
    };
    let doc = json!({
        "@context": context(),
        "@id": format!("{base}{}", super::opendata::CATALOG),
        "@type": "dcat:Catalog",
        "dct:title": text(&config.title, lang),
        "dct:description": text(description, lang),
        "dct:publisher": publisher,
        "dct:language": id(language_uri(lang)),
        "dct:license": licence,
        "dct:modified": date(site.build_date),
        "foaf:homepage": id(base.as_str()),
        "dcat:dataset": [reports, recommendations],
    });
    pretty(&doc)
}

/// `data/rekomendasi.csv-metadata.json`: the CSVW table description of `rekomendasi.csv`.
pub fn csvw_metadata(site: &Site) -> Vec<u8> {
    let config = &site.config;
    let statuses = Status::ALL.map(|s| s.as_str()).join("|");
    let columns: Vec<Value> = RECOMMENDATION_COLUMNS
        .iter()
        .map(|c| {
            // The header cell is one of the titles, so that a validator matches the file's
            // header row to the description.
            let mut col = json!({
                "name": c.name,
                "titles": { "und": c.name, "id": c.title_id, "en": c.title_en },
                "required": c.required,
            });
            col["datatype"] = match c.kind {
                ColumnType::Url => json!("anyURI"),
                ColumnType::Text => json!("string"),
                ColumnType::Date => json!({ "base": "date", "format": "yyyy-MM-dd" }),
                ColumnType::Boolean => json!({ "base": "boolean", "format": "true|false" }),
                ColumnType::Status => {
                    json!({ "base": "string", "format": format!("^({statuses})$") })
                }
                ColumnType::RegionCode => {
                    json!({ "base": "string", "format": "^[0-9]{2}(\\.[0-9]{2})?$" })
                }
            };
            col
        })
        .collect();
    let file = RECOMMENDATIONS_CSV
        .rsplit('/')
        .next()
        .unwrap_or(RECOMMENDATIONS_CSV);
    let doc = json!({
        "@context": ["http://www.w3.org/ns/csvw", { "@language": config.language.code() }],
        "@id": format!("{}{RECOMMENDATIONS_CSVW}", config.base_url),
        "url": file,
        "dc:title": msg!(config.language, "catalog.recommendations_title", title = config.title),
        "dc:publisher": config.data.publisher.as_deref().unwrap_or(&config.title),
        "dc:license": { "@id": config.data.license_uri() },
        "dc:modified": { "@value": site.build_date.to_string(), "@type": "xsd:date" },
        "dialect": { "header": true, "encoding": "utf-8", "lineTerminators": ["\r\n", "\n"] },
        "tableSchema": {
            "columns": columns,
            "primaryKey": ["report_url", "id"],
        },
    });
    pretty(&doc)
}

fn pretty(value: &Value) -> Vec<u8> {
    // Plain JSON values always serialise.
    let mut out = serde_json::to_vec_pretty(value).expect("serialise JSON value");
    out.push(b'\n');
    out
}
