//! `sitemap.xml` (sitemaps.org 0.9) and `robots.txt`.

use crate::model::site::Site;
use crate::render::engine::escape_html as esc;

use super::feeds::last_change;
use super::OutputFile;

/// The sitemap of every HTML page among `files`, and a robots.txt that names it.
pub fn sitemap_and_robots(site: &Site, paths: &[String]) -> Vec<OutputFile> {
    let base = &site.config.base_url;
    let newest = site.pages.iter().filter_map(last_change).max();
    let page_dates: std::collections::HashMap<&str, Option<chrono::NaiveDate>> = site
        .pages
        .iter()
        .map(|p| (p.path.as_str(), last_change(p)))
        .collect();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for file_path in paths {
        let Some(path) = file_path.strip_suffix("index.html") else {
            continue;
        };
        if path.starts_with("cari/") {
            continue;
        }
        let lastmod = page_dates.get(path).copied().flatten().or(newest);
        xml.push_str(&format!(
            "  <url><loc>{}</loc>",
            esc(&format!("{base}{path}"))
        ));
        if let Some(date) = lastmod {
            xml.push_str(&format!("<lastmod>{date}</lastmod>"));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    let robots = format!("User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n");
    vec![
        OutputFile::bytes("sitemap.xml", xml),
        OutputFile::bytes("robots.txt", robots),
    ]
}
