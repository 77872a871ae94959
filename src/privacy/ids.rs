//! Finding NIK- and NIP-shaped numbers in a text and masking them: what the rest of the
//! guard builds on, and what messages use to keep such numbers out of CI logs
//! ([`masked_text`], used by [`crate::diagnostics::display_path`]). It reads no front matter
//! and writes no diagnostics, so anything may use it.

use super::numbers::{self, Kind};
use super::visible;

/// A number found in a text, by byte range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    /// What it looks like.
    pub kind: Kind,
    /// Byte offset where it starts.
    pub start: usize,
    /// Byte offset after its end.
    pub end: usize,
    /// Its digits, normalised (a mobile number in its `08…` form).
    pub digits: String,
}

/// Finds the NIK- and NIP-shaped numbers of a text, however written.
pub fn personal_ids(text: &str) -> Vec<Match> {
    let mut out = Vec::new();
    for (core, window) in windows(text) {
        let shown = visible::visible(&text[window.clone()]);
        for f in numbers::find(&shown) {
            let start = window.start + shown[f.first].start;
            if core.contains(&start) {
                out.push(Match {
                    kind: f.kind,
                    start,
                    end: window.start + shown[f.last].end,
                    digits: f.digits,
                });
            }
        }
    }
    out
}

/// Bytes that may be (or begin) a visible digit: ASCII digits, `&` and `%` (references and
/// escapes), and non-ASCII bytes (full-width digits; also invisible characters).
fn digit_like(b: u8) -> bool {
    b.is_ascii_digit() || b == b'&' || b == b'%' || b >= 0x80
}

/// More bytes than a separator between two digits can have that are not [`digit_like`]: at
/// most [`numbers::MAX_SEPARATOR_CHARS`] characters, one of which may be a named reference
/// (`&NegativeVeryThinSpace;`: its `&` is digit-like, 22 bytes follow).
const GAP: usize = numbers::MAX_SEPARATOR_CHARS + 24;

/// The parts of `text` where a number may be, so that the rest is not decoded: each is a
/// core (from a digit-like byte to the last one before a gap of more than
/// [`GAP`] other bytes, which no number crosses) with at least 16
/// digit-like bytes, and the window around it that the matcher reads (room before it for a
/// label, after it for the end of a reference). Numbers are kept when they start in a core.
fn windows(text: &str) -> Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> {
    const BEFORE: usize = 48;
    const AFTER: usize = 32;
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut core: Option<(usize, usize, usize)> = None; // start, last, count
    let mut close = |start: usize, last: usize, count: usize| {
        if count >= 16 {
            let mut from = start.saturating_sub(BEFORE);
            while !text.is_char_boundary(from) {
                from -= 1;
            }
            let mut to = (last + 1 + AFTER).min(text.len());
            while !text.is_char_boundary(to) {
                to += 1;
            }
            out.push((start..last + 1, from..to));
        }
    };
    for (i, b) in bytes.iter().enumerate() {
        if !digit_like(*b) {
            continue;
        }
        core = match core {
            Some((start, last, count)) if i - last <= GAP => Some((start, i, count + 1)),
            Some((start, last, count)) => {
                close(start, last, count);
                Some((i, i, 1))
            }
            None => Some((i, i, 1)),
        };
    }
    if let Some((start, last, count)) = core {
        close(start, last, count);
    }
    out
}

/// The number with its middle hidden, so that messages and CI logs do not repeat it.
pub(crate) fn masked(digits: &str) -> String {
    let n = digits.len();
    digits
        .chars()
        .enumerate()
        .map(|(i, c)| if i < 4 || i + 3 >= n { c } else { '•' })
        .collect()
}

/// A text (a file's path in a message) with the NIK and NIP in it masked.
pub fn masked_text(text: &str) -> String {
    let found = personal_ids(text);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for m in &found {
        out.push_str(&text[at..m.start]);
        out.push_str(&masked(&m.digits));
        at = m.end;
    }
    out.push_str(&text[at..]);
    out
}
