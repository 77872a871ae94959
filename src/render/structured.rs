//! schema.org structured data (JSON-LD) for search engines and link previews: a `Report` on
//! each report page, a `WebSite` with its `SearchAction` on the home page, a `BreadcrumbList`
//! on list pages. Templates put it in `<script type="application/ld+json">`, a data block that
//! the browser never runs, so the strict Content-Security-Policy still holds.

use serde_json::{json, Value};

use crate::model::report::ReportData;
use crate::model::site::{Page, Site};

/// The variable templates read: `{{ structured_data | safe }}`.
pub const CONTEXT_KEY: &str = "structured_data";

/// JSON text that is safe inside a `<script>` element (the search index's escaping: `<`, `>`
/// and `&` as `\u` escapes), so no `</script>` or `<!--` can end or change the element
/// whatever a writer put in a title.
pub fn script_safe(value: &Value) -> String {
    crate::search::encode::safe_json(value)
}

fn publisher(site: &Site) -> Value {
    let config = &site.config;
    json!({
        "@type": "GovernmentOrganization",
        "name": config.data.publisher.as_deref().unwrap_or(&config.title),
        "url": config.base_url,
    })
}

/// The home page: the portal as a `WebSite` that can be searched at `/cari/?q=`.
pub fn website(site: &Site) -> String {
    let config = &site.config;
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": config.title,
        "url": config.base_url,
        "inLanguage": config.language.code(),
        "publisher": publisher(site),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": format!("{}cari/?q={{search_term_string}}", config.base_url),
            },
            "query-input": "required name=search_term_string",
        },
    });
    if !config.description.trim().is_empty() {
        v["description"] = json!(config.description);
    }
    script_safe(&v)
}

/// The last day anything in the report changed: its date, a recommendation's update, the
/// evaluation's review.
fn last_modified(page: &Page, report: &ReportData) -> Option<chrono::NaiveDate> {
    let updates = report.recommendations.iter().filter_map(|r| r.updated);
    let reviewed = report.evaluation.as_ref().and_then(|e| e.reviewed);
    page.meta
        .date
        .into_iter()
        .chain(updates)
        .chain(reviewed)
        .max()
}

/// A report page: `Report` with its unit as author, the place visited, topics and funding.
pub fn report(site: &Site, page: &Page) -> Option<String> {
    let report = page.report.as_deref()?;
    let visit = &report.visit;
    let url = format!("{}{}", site.config.base_url, page.path);
    let mut address = json!({ "@type": "PostalAddress", "addressCountry": visit.country });
    if let Some(province) = visit.province.as_deref().filter(|p| !p.trim().is_empty()) {
        address["addressRegion"] = json!(province);
    }
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": "Report",
        "@id": format!("{url}#laporan"),
        "name": page.meta.title,
        "headline": page.meta.title,
        "url": url,
        "inLanguage": page.lang.code(),
        "author": { "@type": "GovernmentOrganization", "name": visit.unit },
        "publisher": publisher(site),
        "spatialCoverage": {
            "@type": "Place",
            "name": visit.destination,
            "address": address,
        },
        "about": visit.topics.iter().map(|t| json!({ "@type": "Thing", "name": t })).collect::<Vec<_>>(),
        "isPartOf": { "@type": "WebSite", "name": site.config.title, "url": site.config.base_url },
    });
    if let Some(summary) = &page.meta.summary {
        v["description"] = json!(summary);
    }
    if let Some(date) = page.meta.date {
        v["datePublished"] = json!(date.to_string());
    }
    if let Some(modified) = last_modified(page, report) {
        v["dateModified"] = json!(modified.to_string());
    }
    if let (Some(start), Some(end)) = (visit.start, visit.end.or(visit.start)) {
        v["temporalCoverage"] = json!(format!("{start}/{end}"));
    }
    if !page.meta.tags.is_empty() {
        v["keywords"] = json!(page.meta.tags.join(", "));
    }
    if visit.funding.is_some() || visit.budget.is_some() {
        let mut grant = json!({ "@type": "MonetaryGrant" });
        if let Some(funding) = &visit.funding {
            grant["name"] = json!(funding);
        }
        if let Some(budget) = visit.budget {
            grant["amount"] =
                json!({ "@type": "MonetaryAmount", "value": budget, "currency": "IDR" });
        }
        v["funding"] = grant;
    }
    Some(script_safe(&v))
}

/// A list page: the trail from the home page, as `(name, site path)` pairs after the home.
pub fn breadcrumbs(site: &Site, home: &str, trail: &[(&str, &str)]) -> String {
    let base = &site.config.base_url;
    let items: Vec<Value> = std::iter::once((home, ""))
        .chain(trail.iter().copied())
        .enumerate()
        .map(|(i, (name, path))| {
            json!({
                "@type": "ListItem",
                "position": i + 1,
                "name": name,
                "item": format!("{base}{path}"),
            })
        })
        .collect();
    script_safe(&json!({
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": items,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_json_cannot_close_the_script_and_still_parses() {
        let hostile = "</script><script>alert(1)</script><!-- & \u{2028}";
        let out = script_safe(&json!({ "name": hostile }));
        assert!(
            !out.contains('<') && !out.contains('>') && !out.contains('&'),
            "{out}"
        );
        let back: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(back["name"], hostile);
    }
}
