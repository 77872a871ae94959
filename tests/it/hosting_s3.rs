//! The object-storage recipe (`tests/hosting/publish-s3.sh`), run for real against a local
//! S3 server (`moto_server` from PyPI's `moto[server]`, on 127.0.0.1) with the aws CLI (PyPI
//! `awscli`): every file of the built portal arrives, with the content type and cache lifetime
//! the recipe promises, and a second publish removes what the build no longer has while keeping
//! old search files.
//!
//! Without `moto_server` or `aws` the test is skipped, unless `TILIK_REQUIRE_ALL_TESTS` is set.

use crate::common;
use crate::common::http;

use std::process::{Child, Command};

/// The bucket policy of the README's object-storage recipe, for the bucket `portal`.
const PUBLIC_READ: &str = r#"{"Version":"2012-10-17","Statement":[{"Sid":"PublicRead","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::portal/*"}]}"#;

/// moto_server in the background, ended when dropped.
struct Moto(Child);

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Throw-away credentials for the local server, and no user configuration.
fn local_credentials(c: &mut Command) -> &mut Command {
    c.env("AWS_ACCESS_KEY_ID", "uji")
        .env("AWS_SECRET_ACCESS_KEY", "uji")
        .env("AWS_DEFAULT_REGION", "us-east-1")
        .env("AWS_CONFIG_FILE", "/nonexistent")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent")
}

/// The aws CLI pointed at the local server.
fn aws(endpoint: &str) -> Command {
    let mut c = Command::new("aws");
    c.arg("--endpoint-url").arg(endpoint);
    local_credentials(&mut c);
    c
}

fn ok(c: &mut Command) {
    let out = c.output().expect("run");
    assert!(
        out.status.success(),
        "{c:?}:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_object_storage_recipe_sets_types_and_cache_lifetimes() {
    if !common::runs("aws", &["--version"]) || !common::runs("moto_server", &["--help"]) {
        return common::skip("aws CLI and moto_server (pip install awscli 'moto[server]')");
    }
    let port = common::free_port();
    let addr = format!("127.0.0.1:{port}");
    let endpoint = format!("http://{addr}");
    let _moto = Moto(
        Command::new("moto_server")
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap(),
    );
    assert!(common::wait_for_port(&addr), "moto_server did not start");
    ok(aws(&endpoint).args(["s3", "mb", "s3://portal"]));
    // A website bucket is readable by anyone (the README's policy); visitors send no credentials.
    ok(aws(&endpoint).args([
        "s3api",
        "put-bucket-policy",
        "--bucket",
        "portal",
        "--policy",
        PUBLIC_READ,
    ]));
    // Left over from an earlier publish: a page the new build no longer has, an old search file.
    let stale = tempfile::tempdir().unwrap();
    std::fs::write(stale.path().join("x"), "lama").unwrap();
    for key in [
        "s3://portal/p/lama/index.html",
        "s3://portal/p/search/lama.js",
    ] {
        ok(aws(&endpoint).args(["s3", "cp", stale.path().join("x").to_str().unwrap(), key]));
    }

    let built = common::build_sample(Some("https://contoh.go.id/p/"), &[]);
    let script = common::repo_root().join("tests/hosting/publish-s3.sh");
    ok(local_credentials(
        Command::new("bash")
            .arg(&script)
            .arg(&built.out)
            .arg("s3://portal/p")
            .args(["--endpoint-url", &endpoint]),
    ));

    let get = |key: &str| http::get(&addr, &format!("/portal/p/{key}"), &[]).unwrap();
    // Every file of the build is there (no .gz/.br, no marker file).
    let files = common::files_with(
        &built.out,
        &[
            "html", "css", "js", "xml", "csv", "json", "txt", "svg", "jpg", "png", "pdf",
        ],
    );
    assert!(files.len() > 150);
    for f in &files {
        let key = f
            .strip_prefix(&built.out)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let r = get(&key);
        assert_eq!(r.status, 200, "{key}");
        assert!(r.body == std::fs::read(f).unwrap(), "{key}: content");
    }
    let entry = std::fs::read_dir(built.out.join("search"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with("index."))
        .unwrap();
    let expect = [
        (
            "index.html",
            "text/html; charset=utf-8",
            "public, max-age=300",
        ),
        (
            "laporan/sleman-tpst-banyumas/index.html",
            "text/html; charset=utf-8",
            "public, max-age=300",
        ),
        (
            &format!("search/{entry}"),
            "",
            "public, max-age=31536000, immutable",
        ),
        ("css/tilik.css", "text/css", "public, max-age=3600"),
        ("js/search.js", "", "public, max-age=3600"),
        (
            "feed.xml",
            "application/atom+xml; charset=utf-8",
            "public, max-age=300",
        ),
        (
            "topik/pengelolaan-sampah/feed.xml",
            "application/atom+xml; charset=utf-8",
            "public, max-age=300",
        ),
        (
            "data/rekomendasi.csv",
            "text/csv; charset=utf-8",
            "public, max-age=300",
        ),
        (
            "data/laporan.json",
            "application/json",
            "public, max-age=300",
        ),
        (
            "laporan/sleman-tpst-banyumas/foto-tpst.jpg",
            "image/jpeg",
            "public, max-age=300",
        ),
    ];
    for (key, content_type, cache) in expect {
        let r = get(key);
        assert_eq!(r.header("cache-control"), Some(cache), "{key}");
        if content_type.is_empty() {
            assert!(
                r.header("content-type")
                    .is_some_and(|t| t.contains("javascript")),
                "{key}"
            );
        } else {
            assert_eq!(r.header("content-type"), Some(content_type), "{key}");
        }
    }
    assert_eq!(
        get("lama/index.html").status,
        404,
        "removed: the build no longer has it"
    );
    assert_eq!(get("search/lama.js").status, 200, "old search files stay");
    assert_eq!(get("index.html.gz").status, 404, "no compressed copies");
}
