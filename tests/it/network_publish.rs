//! The hub interface every build publishes (`data/jaringan.json` and its report shards,
//! docs/network.md): valid against the JSON Schemas in docs/schema/, hashes that match, and
//! the same privacy rules as every other output.

use crate::common;
use crate::common::{report, Project};
use serde_json::Value;

fn schema(name: &str) -> jsonschema::Validator {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs/schema")
        .join(name);
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn assert_valid(validator: &jsonschema::Validator, value: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what} is not valid: {errors:#?}");
}

fn json(p: &Project, rel: &str) -> Value {
    serde_json::from_str(&p.read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Every report of every shard of a built portal.
fn shard_reports(p: &Project, manifest: &Value) -> Vec<Value> {
    let mut all = Vec::new();
    for s in manifest["shards"].as_array().unwrap() {
        let rel = format!("public/{}", s["path"].as_str().unwrap());
        let bytes = std::fs::read(p.path().join(&rel)).unwrap();
        assert_eq!(s["bytes"].as_u64().unwrap() as usize, bytes.len(), "{rel}");
        assert_eq!(s["sha256"].as_str().unwrap(), sha256(&bytes), "{rel}");
        let shard: Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(
            shard["reports"].as_array().unwrap().len() as u64,
            s["reports"].as_u64().unwrap()
        );
        all.extend(shard["reports"].as_array().unwrap().iter().cloned());
    }
    all
}

#[test]
fn published_interface_is_valid_against_its_schemas() {
    let p = Project::new();
    p.file(
        "tilik.toml",
        "title = \"Portal Sleman\"\nbase_url = \"https://sleman.example.go.id/studi/\"\nregion = \"Kabupaten Sleman\"\n[privacy]\npublish_team = true\n",
    );
    p.file("content/laporan/a.md", &report("Bank Sampah"));
    p.file("content/laporan/b.md", &report("Mal Pelayanan"));
    p.file(
        "content/laporan/draf.md",
        &report("Rahasia Draf").replace("summary =", "draft = true\nsummary ="),
    );
    p.file(
        "content/laporan/nanti.md",
        &report("Laporan Mendatang").replace("date = 2024-05-20", "date = 2030-01-01"),
    );
    p.file(
        "tentang.md",
        "+++\ntitle = \"Tentang\"\n+++\nHalaman biasa.\n",
    );
    p.run(&["build"]).expect_code(0);

    let manifest = json(&p, "public/data/jaringan.json");
    assert_valid(
        &schema("jaringan-1.schema.json"),
        &manifest,
        "data/jaringan.json",
    );
    assert_eq!(manifest["title"], "Portal Sleman");
    assert_eq!(manifest["base_url"], "https://sleman.example.go.id/studi/");
    assert_eq!(manifest["region"], "Kabupaten Sleman");
    assert_eq!(manifest["generated"], "2026-11-23");
    assert_eq!(manifest["counts"]["reports"], 3, "{manifest:#}");
    assert_eq!(manifest["counts"]["recommendations"], 3);
    assert_eq!(manifest["counts"]["in_progress"], 3);
    assert_eq!(manifest["counts"]["overdue"], 3);

    let shard_schema = schema("jaringan-laporan-1.schema.json");
    for s in manifest["shards"].as_array().unwrap() {
        let rel = format!("public/{}", s["path"].as_str().unwrap());
        assert_valid(&shard_schema, &json(&p, &rel), &rel);
    }
    let reports = shard_reports(&p, &manifest);
    let mut titles: Vec<&str> = reports
        .iter()
        .map(|r| r["title"].as_str().unwrap())
        .collect();
    titles.sort();
    // The future report is published (future_reports defaults to on); the draft is not.
    assert_eq!(
        titles,
        ["Bank Sampah", "Laporan Mendatang", "Mal Pelayanan"]
    );
    let a = reports
        .iter()
        .find(|r| r["title"] == "Bank Sampah")
        .unwrap();
    assert_eq!(a["url"], "https://sleman.example.go.id/studi/laporan/a/");
    assert!(a["text"]
        .as_str()
        .unwrap()
        .contains("Isi laporan Bank Sampah."));
    assert_eq!(a["text_truncated"], false);

    // Each report's hash is the SHA-256 of its canonical record (compact JSON, keys sorted)
    // without the hash itself.
    for r in &reports {
        let mut without = r.clone();
        let hash = without.as_object_mut().unwrap().remove("sha256").unwrap();
        assert_eq!(
            hash,
            sha256(&serde_json::to_vec(&without).unwrap()),
            "{r:#}"
        );
    }

    // Privacy: drafts and team names never appear, even with publish_team on.
    let all = std::fs::read_dir(p.path().join("public/data/jaringan"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect::<String>()
        + &p.read("public/data/jaringan.json");
    assert!(!all.contains("Rahasia Draf"));
    assert!(!all.contains("Budi Santoso"));
    assert!(!all.contains("\"team\""));
    assert!(!all.contains("Tentang"), "ordinary pages are not reports");
}

#[test]
fn held_back_future_reports_stay_out() {
    let p = Project::new();
    p.file(
        "tilik.toml",
        &format!("{}[publish]\nfuture_reports = false\n", common::CONFIG),
    );
    p.file("content/laporan/a.md", &report("Sekarang"));
    p.file(
        "content/laporan/nanti.md",
        &report("Laporan Mendatang").replace("date = 2024-05-20", "date = 2030-01-01"),
    );
    p.run(&["build"]).expect_code(0);
    let manifest = json(&p, "public/data/jaringan.json");
    assert_eq!(manifest["counts"]["reports"], 1);
    let titles: Vec<Value> = shard_reports(&p, &manifest)
        .into_iter()
        .map(|r| r["title"].clone())
        .collect();
    assert_eq!(titles, [Value::from("Sekarang")]);
}

#[test]
fn long_bodies_are_capped_and_an_empty_portal_has_one_empty_shard() {
    let p = Project::new();
    let long = "kata ".repeat(6_000);
    p.file(
        "content/laporan/panjang.md",
        &format!("{}\n{long}\n", report("Panjang")),
    );
    p.run(&["build"]).expect_code(0);
    let manifest = json(&p, "public/data/jaringan.json");
    let limit = manifest["text_limit"].as_u64().unwrap() as usize;
    let r = &shard_reports(&p, &manifest)[0];
    assert_eq!(r["text"].as_str().unwrap().chars().count(), limit);
    assert_eq!(r["text_truncated"], true);
    assert_valid(&schema("jaringan-1.schema.json"), &manifest, "manifest");

    let empty = Project::new();
    empty.run(&["build"]).expect_code(0);
    let manifest = json(&empty, "public/data/jaringan.json");
    assert_valid(&schema("jaringan-1.schema.json"), &manifest, "manifest");
    assert_eq!(manifest["counts"]["reports"], 0);
    assert_eq!(shard_reports(&empty, &manifest).len(), 0);
}

#[test]
fn an_edit_changes_that_reports_hash_only() {
    let p = Project::new();
    for i in 0..5 {
        p.file(
            &format!("content/laporan/r{i}.md"),
            &report(&format!("Laporan {i}")),
        );
    }
    p.run(&["build"]).expect_code(0);
    let hashes = |p: &Project| -> Vec<(String, String)> {
        let manifest = json(p, "public/data/jaringan.json");
        let mut v: Vec<(String, String)> = shard_reports(p, &manifest)
            .iter()
            .map(|r| (r["url"].to_string(), r["sha256"].to_string()))
            .collect();
        v.sort();
        v
    };
    let before = hashes(&p);
    p.run(&["build"]).expect_code(0);
    assert_eq!(
        hashes(&p),
        before,
        "a rebuild without changes changes no hash"
    );
    p.file(
        "content/laporan/r3.md",
        &report("Laporan 3").replace("Isi laporan", "Isi baru laporan"),
    );
    p.run(&["build"]).expect_code(0);
    let after = hashes(&p);
    let changed: Vec<&String> = before
        .iter()
        .zip(&after)
        .filter(|(b, a)| b.1 != a.1)
        .map(|(b, _)| &b.0)
        .collect();
    assert_eq!(changed, ["\"https://uji.example.go.id/laporan/r3/\""]);
}
