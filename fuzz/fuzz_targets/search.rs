//! The search analyser (folding, tokenising, stopwords, stemming) and the script-safe JSON of
//! the index files, on arbitrary text: no panic, no hang; every term is a non-empty word of at
//! most `MAX_WORD_CHARS` characters; the JSON reads back as the text and can close no script.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tilik::search::analyser::{analyse, fold, tokenize, Lang, MAX_WORD_CHARS};
use tilik::search::encode::safe_json;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let lang = if flags & 1 == 0 { Lang::Id } else { Lang::En };
    let folded = fold(text);
    assert_eq!(fold(&folded), folded, "folding is idempotent");
    for word in tokenize(&folded) {
        let n = word.chars().count();
        assert!((2..=MAX_WORD_CHARS).contains(&n), "{word:?}");
        assert!(word.chars().all(char::is_alphanumeric), "{word:?}");
    }
    for terms in analyse(text, lang) {
        assert!(!terms.is_empty());
        for term in &terms {
            assert!(!term.is_empty(), "empty term from {text:?}");
        }
    }
    let json = safe_json(text);
    assert!(!json.contains(['<', '>', '&', '\u{2028}', '\u{2029}']), "{json}");
    let back: String = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(back, text);
});
