//! Rust/JavaScript agreement: `search.js` must analyse every word exactly as the index writer
//! does, or a query would miss the terms it should find. Runs the JS analyser under `node` on
//! the same inputs as the Rust one and compares the results line by line.
//! Without `node` (or, for their test, Debian's snowball-data word lists) the tests are skipped,
//! unless `TILIK_REQUIRE_ALL_TESTS` is set.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use tilik::search::analyser::{analyse, Lang};

use crate::common;

const SEARCH_JS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/themes/default/static/js/search.js"
);
const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data");
const SNOWBALL: &str = "/usr/share/snowball/data";

/// Reads `lang<TAB>text` lines from stdin, prints the analysis of each in the format of `render`.
const HARNESS: &str = r#"
const a = require(process.argv[1]);
const out = [];
for (const l of require("fs").readFileSync(0, "utf8").split("\n")) {
  if (!l) continue;
  const i = l.indexOf("\t");
  out.push(a.analyse(l.slice(i + 1), l.slice(0, i)).map((t) => t.join("|")).join(" "));
}
process.stdout.write(out.join("\n") + "\n");
"#;

/// Whether `node` runs here; when it does not, the test is skipped (a failure under
/// `TILIK_REQUIRE_ALL_TESTS`).
fn has_node() -> bool {
    if common::runs("node", &["--version"]) {
        return true;
    }
    common::skip("node not found: search.js cannot be compared with the Rust analyser");
    false
}

/// One word's candidate terms joined by `|`, words separated by spaces.
fn render(text: &str, lang: &str) -> String {
    analyse(text, Lang::from_code(lang))
        .iter()
        .map(|t| t.join("|"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn run_node(input: &str) -> Vec<String> {
    run_node_with(HARNESS, input)
}

fn run_node_with(harness: &str, input: &str) -> Vec<String> {
    let mut child = Command::new("node")
        .args(["-e", harness, SEARCH_JS])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("node runs (has_node said so)");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().expect("node runs");
    writer.join().expect("writer").expect("write to node");
    assert!(out.status.success(), "node failed: {:?}", out.status);
    String::from_utf8(out.stdout)
        .expect("utf-8")
        .lines()
        .map(str::to_string)
        .collect()
}

/// Compares Rust and JS on `(lang, text)` inputs; returns how many were compared.
fn compare(name: &str, inputs: &[(String, String)]) -> usize {
    let input: String = inputs.iter().map(|(l, t)| format!("{l}\t{t}\n")).collect();
    let js = run_node(&input);
    assert_eq!(
        js.len(),
        inputs.len(),
        "{name}: node printed a wrong number of lines"
    );
    let mut diffs = Vec::new();
    for ((lang, text), js) in inputs.iter().zip(&js) {
        let rust = render(text, lang);
        if &rust != js {
            diffs.push(format!("  {lang} {text:?}: rust {rust:?} js {js:?}"));
        }
    }
    assert!(
        diffs.is_empty(),
        "{name}: {} of {} inputs differ:\n{}",
        diffs.len(),
        inputs.len(),
        diffs[..diffs.len().min(30)].join("\n")
    );
    println!("{name}: {} inputs agree", inputs.len());
    inputs.len()
}

fn lines(path: &Path, lang: &str) -> Option<Vec<(String, String)>> {
    let text = std::fs::read_to_string(path).ok()?;
    Some(
        text.lines()
            .filter(|l| !l.is_empty())
            .map(|l| (lang.to_string(), l.to_string()))
            .collect(),
    )
}

#[test]
fn report_words_agree() {
    if !has_node() {
        return;
    }
    let words = lines(&Path::new(DATA).join("search_words_id.txt"), "id").expect("word list");
    let mut both = words.clone();
    both.extend(words.iter().map(|(_, w)| ("en".to_string(), w.clone())));
    assert!(compare("report words", &both) > 900);
}

#[test]
fn mixed_texts_agree() {
    if !has_node() {
        return;
    }
    let texts = std::fs::read_to_string(Path::new(DATA).join("search_texts.txt")).expect("texts");
    let inputs: Vec<(String, String)> = texts
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(l, t)| (l.to_string(), t.to_string()))
        .collect();
    compare("mixed texts", &inputs);
}

#[test]
fn snowball_vocabularies_agree() {
    if !has_node() {
        return;
    }
    for (lang, dir) in [("id", "indonesian"), ("en", "english")] {
        let path = Path::new(SNOWBALL).join(dir).join("voc.txt");
        match lines(&path, lang) {
            Some(words) => {
                compare(&format!("snowball {dir} vocabulary"), &words);
            }
            None => common::skip(&format!(
                "{} absent (apt-get install snowball-data)",
                path.display()
            )),
        }
    }
}

/// Vocabulary keys: `search.js` must key a query's words as the index writer keys the
/// phrases of the acronyms, synonyms and glossary, or an expansion would never be found.
#[test]
fn vocabulary_keys_agree() {
    if !has_node() {
        return;
    }
    use tilik::search::analyser::QUERY_FILLERS;
    use tilik::search::lexicon::{key_of, Lexicon};
    let lex = Lexicon::builtin();
    let phrases: Vec<(String, String)> = lex
        .phrases()
        .into_iter()
        .map(|p| {
            let code = match p.lang {
                Lang::Id => "id",
                Lang::En => "en",
            };
            (code.to_string(), p.text.clone())
        })
        .collect();
    assert!(phrases.len() > 1000, "{} phrases", phrases.len());
    let harness = r#"
const a = require(process.argv[1]);
const out = [];
for (const l of require("fs").readFileSync(0, "utf8").split("\n")) {
  if (!l) continue;
  const i = l.indexOf("\t");
  out.push(a.keyOf(l.slice(i + 1), l.slice(0, i)));
}
out.push(a.FILLERS.trim());
process.stdout.write(out.join("\n") + "\n");
"#;
    let input: String = phrases.iter().map(|(l, t)| format!("{l}\t{t}\n")).collect();
    let js = run_node_with(harness, &input);
    assert_eq!(js.len(), phrases.len() + 1);
    let mut diffs = Vec::new();
    for ((lang, text), js) in phrases.iter().zip(&js) {
        let rust = key_of(text, Lang::from_code(lang));
        if &rust != js {
            diffs.push(format!("  {lang} {text:?}: rust {rust:?} js {js:?}"));
        }
    }
    assert!(diffs.is_empty(), "keys differ:\n{}", diffs.join("\n"));
    assert_eq!(js[phrases.len()], QUERY_FILLERS.join(" "), "question words");
    println!("vocabulary: {} keys agree", phrases.len());
}

/// The issue's budget for the client: at most 15 KB gzipped (gzip -9, as servers send it).
#[test]
fn client_is_within_its_size_budget() {
    if !has_node() {
        return;
    }
    let out = Command::new("node")
        .args([
            "-e",
            "process.stdout.write(String(require('zlib').gzipSync(require('fs').readFileSync(process.argv[1]), { level: 9 }).length))",
            SEARCH_JS,
        ])
        .output()
        .expect("node runs (has_node said so)");
    let bytes: usize = String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .expect("a size");
    println!("search.js: {bytes} bytes gzipped");
    assert!(
        bytes <= 15 * 1024,
        "search.js is {bytes} bytes gzipped, over 15 KB"
    );
}
