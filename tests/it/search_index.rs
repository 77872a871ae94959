//! The search index writer: determinism, shard budget, facets, safe encoding of page text.

use serde_json::Value;
use tilik::search::{build_index, build_index_with, Options, SearchDocument, SearchIndex};

fn doc(i: usize) -> SearchDocument<'static> {
    let units = [
        "Dinas Lingkungan Hidup Kabupaten Sleman",
        "Dinas Kesehatan Kota Palu",
    ];
    let topics = [
        "pengelolaan sampah",
        "pelayanan publik",
        "penurunan stunting",
    ];
    let statuses = ["usulan", "proses", "selesai"];
    SearchDocument {
        path: format!("laporan/laporan-{i:03}/"),
        lang: if i % 7 == 6 { "en" } else { "id" }.to_string(),
        names_lang: "id".into(),
        title: format!("Studi Banding {} ke Kota Surabaya ({i})", topics[i % 3]),
        summary: "Mempelajari pengelolaan sampah berbasis masyarakat dan bank sampah.".into(),
        headings: vec!["Latar Belakang".into(), "Temuan".into()],
        body: format!(
            "Pemerintah daerah menulis laporan. Anak-anak sekolah ikut memilah sampah {i}. {}",
            "Pelayanan publik terpadu satu pintu dikelola dengan baik. ".repeat(i % 5 + 1)
        )
        .into(),
        unit: Some(units[i % 2].to_string()),
        destination: Some(
            if i % 4 == 0 {
                "Kitakyushu"
            } else {
                "Kota Surabaya"
            }
            .to_string(),
        ),
        scope: Some(
            if i % 4 == 0 {
                "luar-negeri"
            } else {
                "dalam-negeri"
            }
            .to_string(),
        ),
        topics: vec![topics[i % 3].to_string()],
        recommendations: vec!["Membentuk bank sampah di setiap kelurahan".into()],
        statuses: vec![
            statuses[i % 3].to_string(),
            statuses[(i + 1) % 3].to_string(),
        ],
        follow_up: (i % 5 != 0).then_some([1, 0, 2, 0, 0, (i % 2) as u32]),
        year: Some(2015 + (i % 10) as i32),
        date: format!("{}-{:02}-{:02}", 2015 + (i % 10), i % 12 + 1, i % 28 + 1),
        portal: None,
    }
}

fn docs(n: usize) -> Vec<SearchDocument<'static>> {
    (0..n).map(doc).collect()
}

/// The JSON payload of a data file and the key it registers.
fn payload(bytes: &[u8]) -> (String, Value) {
    let text = std::str::from_utf8(bytes).expect("utf-8");
    let prefix = "(window.TilikSearch=window.TilikSearch||{})[";
    let rest = text.strip_prefix(prefix).expect("wrapper");
    let (key, data) = rest.split_once("]=").expect("key");
    let data = data.strip_suffix(";\n").expect("end");
    (
        serde_json::from_str(key).expect("key json"),
        serde_json::from_str(data).expect("data json"),
    )
}

fn file<'a>(index: &'a SearchIndex, path: &str) -> &'a [u8] {
    &index.files.iter().find(|(p, _)| p == path).expect(path).1
}

fn entry(index: &SearchIndex) -> Value {
    payload(file(index, &index.entry)).1
}

fn varints(s: &str) -> Vec<u64> {
    const D: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = Vec::new();
    let (mut n, mut shift) = (0u64, 0);
    for c in s.chars() {
        let v = D.find(c).expect("digit") as u64;
        n |= (v & 31) << shift;
        shift += 5;
        if v < 32 {
            out.push(n);
            n = 0;
            shift = 0;
        }
    }
    out
}

fn ids(s: &str) -> Vec<u64> {
    let mut prev: i64 = -1;
    varints(s)
        .into_iter()
        .map(|gap| {
            prev += gap as i64 + 1;
            prev as u64
        })
        .collect()
}

#[test]
fn output_is_deterministic_and_independent_of_input_order() {
    let a = build_index(&docs(60));
    let b = build_index(&docs(60));
    let mut shuffled = docs(60);
    shuffled.reverse();
    shuffled.swap(3, 40);
    let c = build_index(&shuffled);
    assert_eq!(a.entry, b.entry);
    assert_eq!(a.files, b.files);
    assert_eq!(a.files, c.files);
    assert!(a.entry.starts_with("search/index.") && a.entry.ends_with(".js"));
}

#[test]
fn every_file_is_named_by_its_key_and_registered_by_it() {
    let index = build_index(&docs(30));
    for (path, bytes) in &index.files {
        let (key, _) = payload(bytes);
        if path == &index.entry {
            assert_eq!(key, "index");
        } else {
            assert_eq!(format!("search/{key}.js"), *path);
        }
    }
}

#[test]
fn shards_respect_the_byte_budget_and_cover_every_posting() {
    let budget = 2048;
    let options = Options {
        shard_bytes: budget,
        meta_pages: 4,
        ..Options::default()
    };
    let index = build_index_with(&docs(400), &options);
    let e = entry(&index);
    let table = e["t"].as_array().expect("shard table");
    assert!(
        table.len() > 5,
        "expected several shards, got {}",
        table.len()
    );
    let mut previous_last = String::new();
    for shard in table {
        let (first, last, hash) = (
            shard[0].as_str().expect("first"),
            shard[1].as_str().expect("last"),
            shard[2].as_str().expect("hash"),
        );
        assert!(first <= last && previous_last.as_str() <= first);
        previous_last = last.to_string();
        let bytes = file(&index, &format!("search/t/{hash}.js"));
        let entries = payload(bytes).1;
        assert!(
            bytes.len() <= budget || entries.as_array().map(Vec::len) == Some(1),
            "shard of {} bytes",
            bytes.len()
        );
    }
    // "sampah" is in every page: its postings, head and tail, cover them all.
    let all = all_postings(&index);
    let sampah: Vec<u64> = all["sampah"].iter().map(|p| p.0).collect();
    assert_eq!(sampah, (0..400).collect::<Vec<u64>>());
    assert!(all["sampah"].iter().all(|p| p.1 >= 2));
}

/// A set of page numbers as `shards.rs` writes it (gap list, `~` complement, `.` bitmap).
fn members(s: &str, pages: u64) -> Vec<u64> {
    const D: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    if let Some(bits) = s.strip_prefix('.') {
        let mut out = Vec::new();
        for (k, c) in bits.chars().enumerate() {
            let v = D.find(c).expect("digit") as u64;
            out.extend((0..6).filter(|b| v >> b & 1 == 1).map(|b| 6 * k as u64 + b));
        }
        return out;
    }
    if let Some(rest) = s.strip_prefix('~') {
        let skip = ids(rest);
        return (0..pages).filter(|i| !skip.contains(i)).collect();
    }
    ids(s)
}

/// Every term's postings (page, stored score), from the shards and, for common terms, the
/// tail files; checks on the way that a head's scores are at least the tail's `max`.
fn all_postings(index: &SearchIndex) -> std::collections::BTreeMap<String, Vec<(u64, u64)>> {
    let pages = entry(index)["n"].as_u64().expect("n");
    let mut out = std::collections::BTreeMap::new();
    for shard in entry(index)["t"].as_array().expect("t") {
        let bytes = file(
            index,
            &format!("search/t/{}.js", shard[2].as_str().expect("h")),
        );
        for e in payload(bytes).1.as_array().expect("shard") {
            let term = e[0].as_str().expect("term").to_string();
            let v = varints(e[1].as_str().expect("head"));
            let mut list = Vec::new();
            let mut prev: i64 = -1;
            for p in v.chunks(2) {
                prev += p[0] as i64 + 1;
                list.push((prev as u64, p[1]));
            }
            if let Some(hash) = e.get(4) {
                let max = e[2].as_u64().expect("max");
                assert!(
                    list.iter().all(|p| p.1 >> 1 >= max),
                    "{term}: head under the tail"
                );
                let tail = members(e[3].as_str().expect("tail"), pages);
                let (key, scores) = payload(file(
                    index,
                    &format!("search/s/{}.js", hash.as_str().expect("hash")),
                ));
                assert_eq!(key, format!("s/{}", hash.as_str().expect("hash")));
                let scores = varints(scores.as_str().expect("scores"));
                assert_eq!(scores.len(), tail.len(), "{term}");
                assert!(
                    scores.iter().all(|s| s >> 1 <= max),
                    "{term}: tail over max"
                );
                assert!(
                    scores.iter().any(|s| s >> 1 == max),
                    "{term}: max not reached"
                );
                list.extend(tail.into_iter().zip(scores));
                list.sort_unstable();
            }
            assert!(out.insert(term, list).is_none(), "a term in two shards");
        }
    }
    out
}

#[test]
fn common_terms_keep_their_best_postings_in_the_shard_and_the_rest_in_a_tail() {
    let whole = Options {
        head_bytes: 1 << 20,
        shard_bytes: 1 << 22,
        ..Options::default()
    };
    let cut = Options {
        head_bytes: 40,
        ..Options::default()
    };
    let input = docs(300);
    let (a, b) = (
        build_index_with(&input, &whole),
        build_index_with(&input, &cut),
    );
    assert!(a.files.iter().all(|(p, _)| !p.starts_with("search/s/")));
    let tails = b
        .files
        .iter()
        .filter(|(p, _)| p.starts_with("search/s/"))
        .count();
    assert!(tails > 10, "{tails} tails");
    // The same postings, every one of them, whichever way they are cut.
    assert_eq!(all_postings(&a), all_postings(&b));
    // A common term's shard entry is small: its head, its max and the set of its pages.
    let e = entry(&b);
    for shard in e["t"].as_array().expect("t") {
        let bytes = file(
            &b,
            &format!("search/t/{}.js", shard[2].as_str().expect("h")),
        );
        for t in payload(bytes).1.as_array().expect("shard") {
            assert!(t[1].as_str().expect("head").len() <= 40, "{t}");
        }
    }
}

#[test]
fn the_entry_names_metadata_files_by_groups() {
    let options = Options {
        meta_pages: 2,
        meta_group: 4,
        ..Options::default()
    };
    let index = build_index_with(&docs(40), &options);
    let e = entry(&index);
    assert_eq!((e["mc"].as_u64(), e["mg"].as_u64()), (Some(2), Some(4)));
    // 20 files in 5 groups: one hash each.
    let m = e["m"].as_str().expect("m");
    assert_eq!(m.len(), 5 * 6);
    for k in 0..20 {
        let g = k / 4;
        let path = format!("search/m/{k}-{}.js", &m[g * 6..g * 6 + 6]);
        let (_, list) = payload(file(&index, &path));
        assert_eq!(list.as_array().map(Vec::len), Some(2), "{path}");
    }
    // A change to one page renames the files of its group only.
    let mut changed = docs(40);
    changed[0].title.push_str(" (revisi)");
    let other = entry(&build_index_with(&changed, &options));
    let m2 = other["m"].as_str().expect("m");
    let differ = (0..5)
        .filter(|g| m[g * 6..g * 6 + 6] != m2[g * 6..g * 6 + 6])
        .count();
    assert_eq!(differ, 1);
}

#[test]
fn facets_list_the_right_pages() {
    let input = docs(40);
    let index = build_index(&input);
    let e = entry(&index);
    let facet = |name: &str| {
        let hash = e["f"][name][0].as_str().expect("facet hash");
        payload(file(&index, &format!("search/f/{hash}.js"))).1
    };
    // Page numbers are by date, newest first: recover the order from the metadata.
    let per = e["mc"].as_u64().expect("mc") as usize;
    let group = e["mg"].as_u64().expect("mg") as usize;
    let metas = e["m"].as_str().expect("m");
    let mut paths = Vec::new();
    let mut follow_ups = Vec::new();
    for k in 0..input.len().div_ceil(per) {
        let i = k / group * 6;
        let m = payload(file(
            &index,
            &format!("search/m/{k}-{}.js", &metas[i..i + 6]),
        ))
        .1;
        for d in m.as_array().expect("meta") {
            paths.push(d[1].as_str().expect("path").to_string());
            follow_ups.push(d[8].clone());
        }
    }
    assert_eq!(paths.len(), 40);
    assert!(per >= 1);
    let by_path = |p: &str| input.iter().find(|d| d.path == p).expect("doc");
    // Each result carries its recommendations' follow-up counts, 0 when it has none.
    for (path, shown) in paths.iter().zip(&follow_ups) {
        match by_path(path).follow_up {
            Some(counts) => assert_eq!(shown, &serde_json::json!(counts), "{path}"),
            None => assert_eq!(shown, &serde_json::json!(0), "{path}"),
        }
    }
    for (name, get) in [
        (
            "skpd",
            (|d: &SearchDocument| vec![d.unit.clone().unwrap_or_default()])
                as fn(&SearchDocument) -> Vec<String>,
        ),
        ("topik", |d| d.topics.clone()),
        ("tahun", |d| {
            vec![d.year.map(|y| y.to_string()).unwrap_or_default()]
        }),
        ("lingkup", |d| vec![d.scope.clone().unwrap_or_default()]),
        ("status", |d| d.statuses.clone()),
    ] {
        let f = facet(name);
        let values = f["v"].as_array().expect("values");
        let lists = f["d"].as_array().expect("lists");
        assert_eq!(values.len(), lists.len());
        let mut total = 0;
        for (v, list) in values.iter().zip(lists) {
            let v = v.as_str().expect("value");
            for id in ids(list.as_str().expect("ids")) {
                assert!(
                    get(by_path(&paths[id as usize])).iter().any(|x| x == v),
                    "{name}={v}"
                );
                total += 1;
            }
        }
        let expected: usize = input.iter().map(|d| get(d).len()).sum();
        assert_eq!(total, expected, "{name}");
    }
    assert_eq!(facet("tahun")["v"][0], "2024");
    assert_eq!(
        facet("status")["v"],
        serde_json::json!(["usulan", "proses", "selesai"])
    );
}

#[test]
fn page_text_cannot_inject_html_or_script() {
    let mut input = docs(3);
    input[0].title = "<img src=x onerror=alert(1)>".into();
    input[0].summary = "</script><script>alert(2)</script> & \u{2028}".into();
    let index = build_index(&input);
    for (_, bytes) in &index.files {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains('<') && !text.contains('>'), "{text}");
        assert!(!text.contains('\u{2028}'));
    }
    let metas = entry(&index)["m"].as_str().expect("m").to_string();
    let m = payload(file(&index, &format!("search/m/0-{}.js", &metas[..6]))).1;
    let titles: Vec<&str> = m
        .as_array()
        .expect("meta")
        .iter()
        .filter_map(|d| d[0].as_str())
        .collect();
    assert!(titles.contains(&"<img src=x onerror=alert(1)>"));
}

#[test]
fn title_hits_outrank_body_hits() {
    let mut a = doc(1);
    a.title = "Laporan kearsipan".into();
    a.path = "a/".into();
    let mut b = doc(2);
    b.body.to_mut().push_str(" kearsipan");
    b.path = "b/".into();
    let index = build_index(&[a, b]);
    let e = entry(&index);
    let mut scores = Vec::new();
    for shard in e["t"].as_array().expect("t") {
        let bytes = file(
            &index,
            &format!("search/t/{}.js", shard[2].as_str().expect("h")),
        );
        for pair in payload(bytes).1.as_array().expect("shard") {
            if pair[0] == "arsip" {
                scores = varints(pair[1].as_str().expect("p"));
            }
        }
    }
    assert_eq!(scores.len(), 4, "two postings: {scores:?}");
    // Page 0 is b (the newer), page 1 is a.
    assert!(scores[3] > 4 * scores[1], "{scores:?}");
}

/// The terms of the index, each with its postings string(s) joined.
fn terms(index: &SearchIndex) -> std::collections::BTreeMap<String, String> {
    let mut out = std::collections::BTreeMap::new();
    for shard in entry(index)["t"].as_array().expect("t") {
        let bytes = file(
            index,
            &format!("search/t/{}.js", shard[2].as_str().expect("h")),
        );
        for pair in payload(bytes).1.as_array().expect("shard") {
            let term = pair[0].as_str().expect("term").to_string();
            out.entry(term)
                .or_insert_with(String::new)
                .push_str(pair[1].as_str().expect("p"));
        }
    }
    out
}

#[test]
fn names_are_analysed_in_the_portals_language_on_pages_of_any_language() {
    // An English report of an Indonesian portal: its text gets English stems, its unit,
    // place and topic names Indonesian ones, as on the portal's other pages.
    let mut en = doc(6);
    assert_eq!(en.lang, "en");
    en.title = "Study visit".into();
    en.summary = "Households learned".into();
    en.headings.clear();
    en.body = "Separation of waste".into();
    en.recommendations.clear();
    en.unit = Some("Dinas Pengelolaan Persampahan".into());
    en.destination = Some("Kitakyushu".into());
    en.topics = vec!["pelayanan perizinan".into()];
    let t = terms(&build_index(&[en.clone()]));
    for stem in ["kelola", "sampah", "layan", "izin", "household", "separ"] {
        assert!(t.contains_key(stem), "{stem}: {:?}", t.keys());
    }
    for english in ["pengelolaan", "persampahan", "pelayanan", "household"] {
        assert_eq!(t.contains_key(english), english == "household", "{english}");
    }
    // Without a portal language, the names follow the page's.
    en.names_lang = String::new();
    let t = terms(&build_index(&[en]));
    assert!(t.contains_key("pengelolaan") && !t.contains_key("kelola"));
}

#[test]
fn empty_input_gives_a_usable_index() {
    let index = build_index(&[]);
    let e = entry(&index);
    assert_eq!(e["n"], 0);
    assert_eq!(e["t"], serde_json::json!([]));
}

#[test]
fn the_entry_lists_the_languages_of_the_pages() {
    // docs(7) has one English page (i = 6); the names are Indonesian on every page.
    assert_eq!(
        entry(&build_index(&docs(7)))["l"],
        serde_json::json!(["en", "id"])
    );
    assert_eq!(
        entry(&build_index(&docs(6)))["l"],
        serde_json::json!(["id"])
    );
    // An Indonesian page of a portal whose names are English needs English stems too.
    let mut d = doc(0);
    d.names_lang = "en".into();
    assert_eq!(
        entry(&build_index(&[d]))["l"],
        serde_json::json!(["en", "id"])
    );
    assert_eq!(entry(&build_index(&[]))["l"], serde_json::json!([]));
}

/// The expansion files of an index: key → alternatives (text, language).
fn expansions(index: &SearchIndex) -> std::collections::BTreeMap<String, Vec<(String, String)>> {
    let e = entry(index);
    let mut out = std::collections::BTreeMap::new();
    for (c, hash) in e["x"].as_object().expect("x") {
        let (key, data) = payload(file(
            index,
            &format!("search/x/{}.js", hash.as_str().unwrap()),
        ));
        assert_eq!(key, format!("x/{}", hash.as_str().unwrap()));
        for item in data.as_array().expect("list") {
            let k = item[0].as_str().expect("key").to_string();
            assert!(k.starts_with(c.as_str()), "{k} filed under {c}");
            let alts = item[1]
                .as_array()
                .expect("alternatives")
                .iter()
                .map(|a| {
                    (
                        a[0].as_str().unwrap().to_string(),
                        a[1].as_str().unwrap().to_string(),
                    )
                })
                .collect();
            out.insert(k, alts);
        }
    }
    out
}

#[test]
fn the_vocabulary_is_written_for_the_words_the_pages_use() {
    let index = build_index(&docs(20));
    let x = expansions(&index);
    // The pages say "Dinas Lingkungan Hidup": its acronym finds it.
    assert!(
        x["dlh"].contains(&("Dinas Lingkungan Hidup".into(), "id".into())),
        "{x:?}"
    );
    // "pelayanan terpadu satu pintu" is in the bodies: PTSP and the English term find it.
    assert!(x["ptsp"]
        .iter()
        .any(|(t, _)| t == "Pelayanan Terpadu Satu Pintu"));
    assert!(x["one stop servic"]
        .iter()
        .any(|(t, _)| t.eq_ignore_ascii_case("pelayanan terpadu satu pintu")));
    // The English page (every seventh) says "bank sampah", analysed in English as well.
    assert!(x["wast bank"].contains(&("bank sampah".into(), "id".into())));
    // Nothing the pages cannot match: no page says "lanjut usia".
    assert!(!x.contains_key("lansia"), "{:?}", x.get("lansia"));
    assert!(x
        .values()
        .flatten()
        .all(|(t, _)| !t.eq_ignore_ascii_case("lanjut usia")));
}

#[test]
fn a_portal_adds_its_own_vocabulary_or_goes_without() {
    use tilik::search::lexicon::Lexicon;
    let mut lexicon = Lexicon::empty();
    lexicon.add_synonyms(&["tong sampah".into(), "bank sampah".into()]);
    lexicon.add_acronym("SBY", &["Kota Surabaya"]);
    lexicon.add_translation("kelurahan", "urban ward");
    let options = Options {
        lexicon,
        ..Options::default()
    };
    let index = build_index_with(&docs(20), &options);
    let x = expansions(&index);
    assert_eq!(
        x["sby"],
        vec![("Kota Surabaya".to_string(), "id".to_string())]
    );
    assert_eq!(
        x["tong sampah"],
        vec![("bank sampah".to_string(), "id".to_string())]
    );
    assert_eq!(
        x["urban ward"],
        vec![("kelurahan".to_string(), "id".to_string())]
    );
    assert!(!x.contains_key("dlh"), "only the portal's vocabulary");
    let none = Options {
        lexicon: Lexicon::empty(),
        ..Options::default()
    };
    let index = build_index_with(&docs(20), &none);
    assert_eq!(entry(&index)["x"], serde_json::json!({}));
    assert!(index.files.iter().all(|(p, _)| !p.starts_with("search/x/")));
}

#[test]
fn scores_tell_a_word_of_its_own_from_an_affixed_form() {
    // The low bit of a stored score: set for the page that has "tulis" itself, not for the
    // page that has only "menulis" (same stem); the rest of the score is the same.
    let mut a = doc(1);
    a.path = "a/".into();
    a.title = "Panduan tulis".into();
    let mut b = doc(2);
    b.path = "b/".into();
    b.title = "Panduan menulis".into();
    let index = build_index(&[a, b]);
    let v = varints(&terms(&index)["tulis"]);
    // Page 0 is b (the newer), page 1 is a.
    assert_eq!(v.len(), 4, "{v:?}");
    assert_eq!((v[1] & 1, v[3] & 1), (0, 1), "{v:?}");
    assert_eq!(v[1] >> 1, v[3] >> 1, "{v:?}");
}
