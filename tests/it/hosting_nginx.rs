//! The nginx recipe (`tests/hosting/nginx-portal.conf`), run for real: Debian's nginx serves
//! the sample portal, built with `--precompress` for `http://127.0.0.1:PORT/portal/`, from a
//! temporary folder; only the recipe's `listen` and `root` lines are replaced. Checked through
//! it: every internal URL any page links to answers 200, the headers (CSP, compression from the
//! .gz copies, cache lifetimes, feed and CSV types), the 404 page and redirects, and the search
//! flow in a browser (`e2e/hosted.test.mjs` with `PORTAL_BASE`).
//!
//! Without nginx (`NGINX`, default `/usr/sbin/nginx`) the test is skipped, unless
//! `TILIK_REQUIRE_ALL_TESTS` is set; the browser part likewise without node or Chromium.

use crate::common;
use crate::common::http;
use crate::common::links;

use std::path::{Path, PathBuf};
use std::process::{Child, Command};

const RECIPE: &str = include_str!("../hosting/nginx-portal.conf");

/// nginx running in the foreground; stopped (TERM to the master, which stops its workers)
/// when dropped.
struct Nginx {
    child: Child,
    addr: String,
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .arg(self.child.id().to_string())
            .status();
        let _ = self.child.wait();
    }
}

fn running_as_root() -> bool {
    std::fs::read_to_string("/proc/self/status").is_ok_and(|s| {
        s.lines()
            .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0"))
    })
}

/// Writes the configuration (the recipe inside a minimal main file) and starts nginx.
fn start(nginx: &Path, dir: &Path, www: &Path, port: u16) -> Nginx {
    let site = RECIPE
        .replacen("listen 80;", &format!("listen 127.0.0.1:{port};"), 1)
        .replacen(
            "root /var/www/tilik;",
            &format!("root {};", www.display()),
            1,
        );
    assert!(
        !site.contains("listen 80;") && !site.contains("/var/www/tilik;"),
        "the recipe's listen and root lines changed: update this test"
    );
    std::fs::write(dir.join("site.conf"), site).unwrap();
    let d = dir.display();
    // Workers of a root master run as `nobody`, who cannot read a private temporary folder.
    let user = if running_as_root() {
        "user root;\n"
    } else {
        ""
    };
    let main = format!(
        "{user}worker_processes 1;\npid {d}/nginx.pid;\nerror_log {d}/error.log;\ndaemon off;\n\
         events {{ worker_connections 64; }}\n\
         http {{\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n\
         access_log off;\n  client_body_temp_path {d}/tmp;\n  proxy_temp_path {d}/tmp;\n\
         fastcgi_temp_path {d}/tmp;\n  uwsgi_temp_path {d}/tmp;\n  scgi_temp_path {d}/tmp;\n\
         include {d}/site.conf;\n}}\n"
    );
    std::fs::create_dir_all(dir.join("tmp")).unwrap();
    let conf = dir.join("nginx.conf");
    std::fs::write(&conf, main).unwrap();
    let args = |extra: &[&str]| {
        let mut v: Vec<String> = vec!["-p".into(), d.to_string(), "-c".into()];
        v.push(conf.display().to_string());
        v.extend(extra.iter().map(|s| s.to_string()));
        v
    };
    let test = Command::new(nginx).args(args(&["-t"])).output().unwrap();
    assert!(
        test.status.success(),
        "nginx -t:\n{}",
        String::from_utf8_lossy(&test.stderr)
    );
    let child = Command::new(nginx).args(args(&[])).spawn().unwrap();
    let server = Nginx {
        child,
        addr: format!("127.0.0.1:{port}"),
    };
    if common::wait_for_port(&server.addr) {
        return server;
    }
    panic!(
        "nginx did not start:\n{}",
        std::fs::read_to_string(dir.join("error.log")).unwrap_or_default()
    );
}

/// URLs that do not answer 200 with a body: one line each.
fn failing_urls<'a>(addr: &str, urls: impl IntoIterator<Item = &'a String>) -> Vec<String> {
    let mut failing = Vec::new();
    for url in urls {
        match http::get(addr, url, &[]) {
            Ok(r) if r.status == 200 && !r.body.is_empty() => {}
            Ok(r) => failing.push(format!("{url}: {} {:?}", r.status, r.header("location"))),
            Err(e) => failing.push(format!("{url}: {e}")),
        }
    }
    failing
}

fn browser_search_check(base: &str) {
    let e2e = common::repo_root().join("e2e");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).exists() || !e2e.join("node_modules/playwright-core").exists() {
        return common::skip("search through nginx: Chromium or e2e/node_modules missing");
    }
    if !common::runs("node", &["--version"]) {
        return common::skip("search through nginx: node not found");
    }
    let out = Command::new("node")
        .args(["--test", "hosted.test.mjs"])
        .current_dir(&e2e)
        .env("PORTAL_BASE", base)
        .output()
        .expect("run node");
    assert!(
        out.status.success(),
        "search through nginx failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_nginx_recipe_serves_the_portal_under_a_subpath() {
    let nginx = PathBuf::from(std::env::var("NGINX").unwrap_or_else(|_| "/usr/sbin/nginx".into()));
    if !nginx.exists() {
        return common::skip("nginx not found (apt-get install -y nginx)");
    }
    let port = common::free_port();
    let base = format!("http://127.0.0.1:{port}/portal/");
    let dir = tempfile::tempdir().unwrap();
    let www = dir.path().join("www");
    let out = www.join("portal");
    common::run_in(
        &common::repo_root(),
        &[
            "build",
            "--precompress",
            "--base-url",
            &base,
            "-o",
            out.to_str().unwrap(),
        ],
    )
    .expect_code(0);
    let server = start(&nginx, dir.path(), &www, port);
    let addr = server.addr.as_str();
    let get = |path: &str, headers: &[(&str, &str)]| http::get(addr, path, headers).unwrap();

    // Every internal URL of every page answers 200 — and the check sees a broken one.
    let mut urls = links::site_urls(&out, "/portal/");
    assert!(urls.len() > 100, "{urls:?}");
    assert!(urls.contains("/portal/css/tilik.css") && urls.contains("/portal/skpd/"));
    let failing = failing_urls(addr, &urls);
    assert!(failing.is_empty(), "through nginx:\n{}", failing.join("\n"));
    urls.clear();
    urls.extend(["/portal/tidak-ada/".to_string(), "/portal/skpd".to_string()]);
    assert_eq!(
        failing_urls(addr, &urls).len(),
        2,
        "404 and a redirect are failures"
    );

    // Security headers on every answer, the 404 page included.
    let home = get("/portal/", &[("Accept-Encoding", "gzip")]);
    let missing = get("/portal/tidak-ada/", &[]);
    for r in [&home, &missing] {
        assert_eq!(
            r.header("content-security-policy"),
            Some("default-src 'self'; img-src 'self' data:; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
        );
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
        assert!(r.header("referrer-policy").is_some());
    }
    assert_eq!(missing.status, 404);
    let page_404 = std::fs::read(out.join("404.html")).unwrap();
    assert!(missing.body == page_404, "the portal's own 404 page");

    // HTML: short cache, compressed from the .gz copy written by --precompress.
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(home.header("content-encoding"), Some("gzip"));
    assert_eq!(home.header("cache-control"), Some("public, max-age=300"));
    assert_eq!(
        home.body,
        std::fs::read(out.join("index.html.gz")).unwrap(),
        "gzip_static"
    );
    let plain = get("/portal/", &[]);
    assert_eq!(plain.header("content-encoding"), None);
    assert!(plain.body == std::fs::read(out.join("index.html")).unwrap());

    // Hashed search files: a year, immutable. CSS and JS keep their names: an hour.
    let entry = std::fs::read_dir(out.join("search"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with("index.") && n.ends_with(".js"))
        .expect("search entry");
    let r = get(
        &format!("/portal/search/{entry}"),
        &[("Accept-Encoding", "gzip")],
    );
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    assert_eq!(r.header("content-encoding"), Some("gzip"));
    for asset in ["/portal/css/tilik.css", "/portal/js/search.js"] {
        assert_eq!(
            get(asset, &[]).header("cache-control"),
            Some("public, max-age=3600"),
            "{asset}"
        );
    }

    // Types of feeds and open data.
    let feed = get("/portal/feed.xml", &[]);
    assert_eq!(
        feed.header("content-type"),
        Some("application/atom+xml; charset=utf-8")
    );
    let csv = get("/portal/data/rekomendasi.csv", &[]);
    assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));

    // Redirects stay on the host, whatever the proxy in front of it.
    let r = get("/portal", &[]);
    assert_eq!((r.status, r.header("location")), (301, Some("/portal/")));
    let r = get("/portal/skpd", &[]);
    assert_eq!(
        (r.status, r.header("location")),
        (301, Some("/portal/skpd/"))
    );

    browser_search_check(&base);
}
