//! Encodings shared with `search.js`: compact integer lists, JSON that is safe inside any
//! script, the classic-script data file, and content hashes for file names.

use serde::Serialize;

/// The 64 characters of the integer encoding (base64url order); none needs escaping in JSON.
pub const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Appends `n` as a variable-length number: 5 bits per character, least significant first,
/// the value 32 added to every character but the last. `search.js` decodes it with `varints`.
pub fn push_varint(out: &mut String, mut n: u64) {
    loop {
        let low = (n & 31) as usize;
        n >>= 5;
        if n == 0 {
            out.push(DIGITS[low] as char);
            return;
        }
        out.push(DIGITS[low + 32] as char);
    }
}

/// A strictly increasing list of document numbers as gaps (`first`, then `next - prev - 1`).
pub fn id_list(ids: &[u32]) -> String {
    let mut out = String::new();
    let mut prev: i64 = -1;
    for &id in ids {
        push_varint(&mut out, (i64::from(id) - prev - 1) as u64);
        prev = i64::from(id);
    }
    out
}

/// JSON of `value` with `<`, `>`, `&`, U+2028 and U+2029 escaped, so that no text from a
/// report can close a script element or break a JavaScript string literal.
pub fn safe_json<T: Serialize + ?Sized>(value: &T) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".to_string());
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// A classic script that registers `json` under `key` in `window.TilikSearch`.
pub fn data_script(key: &str, json: &str) -> Vec<u8> {
    format!(
        "(window.TilikSearch=window.TilikSearch||{{}})[{}]={json};\n",
        safe_json(key)
    )
    .into_bytes()
}

/// Length of the content hash in file names (base-32 characters, 50 bits).
pub const HASH_LEN: usize = 10;

/// A content hash for a file name: 64-bit FNV-1a of `bytes`, first [`HASH_LEN`] base-32 digits.
pub fn content_hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    const B32: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";
    (0..HASH_LEN)
        .map(|i| B32[((h >> (59 - 5 * i)) & 31) as usize] as char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_use_one_character_below_32() {
        let mut s = String::new();
        for n in [0, 31, 32, 1023, 1024] {
            push_varint(&mut s, n);
        }
        assert_eq!(s, "AfgB_fggB");
        assert_eq!(id_list(&[0, 1, 5]), "AAD");
    }

    #[test]
    fn json_cannot_close_a_script() {
        let j = safe_json("</script><img src=x onerror=alert(1)>&\u{2028}");
        assert!(!j.contains('<') && !j.contains('>') && !j.contains('&'));
        assert!(!j.contains('\u{2028}'));
    }

    #[test]
    fn hashes_are_stable() {
        assert_eq!(content_hash(b"tilik"), content_hash(b"tilik"));
        assert_ne!(content_hash(b"tilik"), content_hash(b"tilik!"));
        assert_eq!(content_hash(b"").len(), HASH_LEN);
    }
}
