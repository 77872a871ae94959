//! The SVG cleaner on arbitrary bytes: no panic, no hang; what it publishes is UTF-8, cleans
//! to itself again, has only allowed elements (every `<` of the output opens or closes one)
//! and no `javascript:` however spaced.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tilik::active_content::svg::{assert_published_svg_is_clean, clean};

fuzz_target!(|data: &[u8]| {
    if let Ok(out) = clean(data) {
        assert_published_svg_is_clean(&out);
    }
});
