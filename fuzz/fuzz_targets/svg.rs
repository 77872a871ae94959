//! The SVG cleaner on arbitrary bytes: no panic, no hang; what it publishes is UTF-8, cleans
//! to itself again, has only allowed elements (every `<` of the output opens or closes one)
//! and no `javascript:` however spaced.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tilik::active_content::svg::{clean, ELEMENTS};

fuzz_target!(|data: &[u8]| {
    let Ok(out) = clean(data) else {
        return;
    };
    let text = std::str::from_utf8(&out).expect("UTF-8 output");
    assert_eq!(clean(&out).as_deref(), Ok(&out[..]), "cleaning is idempotent");
    for tag in text.split('<').skip(1) {
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        assert!(ELEMENTS.contains(&name.as_str()), "<{name} in {text}");
    }
    let squashed: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    assert!(!squashed.contains("javascript:"), "{text}");
});
