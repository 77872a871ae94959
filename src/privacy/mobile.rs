//! Personal mobile numbers (`08…`, `+628…`, `628…`), read as groups of digits joined by
//! single separators (space, `-`, `.`, `(`, `)`), as they are usually written:
//! `0812-3456-7890`, `+62 812 3456 7890`. Office numbers such as `(0274) 868405` pass.
//!
//! Only ordinary spellings are read: a mobile number is a warning, and reading every
//! spelling (as [`super::numbers`] does for NIK and NIP) would warn about many figures.

/// A mobile number found, by byte range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mobile {
    /// Byte offset where it starts (at its `+`, if any).
    pub start: usize,
    /// Byte offset after its end.
    pub end: usize,
    /// Its digits in the national `08…` form.
    pub digits: String,
}

/// A group of digits and where it stands.
#[derive(Clone, Copy)]
struct Group {
    start: usize,
    end: usize,
}

/// The longest runs of groups a token is split into (a table row of years can be long).
const MAX_GROUPS: usize = 8;

/// Finds every mobile number in a text, left to right, without overlaps.
pub fn find(text: &str) -> Vec<Mobile> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        // Digits glued to a letter or to a longer number are not a number of their own.
        if i > 0 && is_word_byte(bytes[i - 1]) {
            while i < bytes.len() && is_word_byte(bytes[i]) {
                i += 1;
            }
            continue;
        }
        let (groups, next) = token(bytes, i);
        found.extend(classify(text, &groups));
        i = next.max(i + 1);
    }
    found
}

/// Letters and digits of any script (non-ASCII bytes count as letters).
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// Reads the groups of digits of one token starting at `start`; returns them and where the
/// token ends.
fn token(bytes: &[u8], start: usize) -> (Vec<Group>, usize) {
    let mut groups = Vec::new();
    let mut i = start;
    loop {
        let g = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i < bytes.len() && is_word_byte(bytes[i]) {
            // `12abc`: this group is glued to a word; the token ends before it.
            if groups.is_empty() {
                while i < bytes.len() && is_word_byte(bytes[i]) {
                    i += 1;
                }
            }
            return (groups, i);
        }
        groups.push(Group { start: g, end: i });
        // One or two separators, then more digits, continue the token.
        let mut j = i;
        let mut seps = 0;
        while j < bytes.len() && seps < 2 && matches!(bytes[j], b' ' | b'-' | b'.' | b'(' | b')') {
            j += 1;
            seps += 1;
        }
        if seps == 0 || j >= bytes.len() || !bytes[j].is_ascii_digit() {
            return (groups, i);
        }
        i = j;
    }
}

/// Classifies the runs of consecutive groups, longest first, keeping non-overlapping ones.
fn classify(text: &str, groups: &[Group]) -> Vec<Mobile> {
    let mut candidates: Vec<(usize, usize, Mobile)> = Vec::new();
    for a in 0..groups.len() {
        let mut total = 0;
        for b in a..groups.len().min(a + MAX_GROUPS) {
            total += groups[b].end - groups[b].start;
            if total > 15 {
                break;
            }
            if total < 10 {
                continue;
            }
            if let Some(m) = classify_run(text, &groups[a..=b]) {
                candidates.push((a, b, m));
            }
        }
    }
    // Longest (most digits) first, then leftmost.
    candidates.sort_by(|x, y| {
        y.2.digits
            .len()
            .cmp(&x.2.digits.len())
            .then(x.2.start.cmp(&y.2.start))
    });
    let mut taken = vec![false; groups.len()];
    let mut out = Vec::new();
    for (a, b, m) in candidates {
        if taken[a..=b].iter().any(|t| *t) {
            continue;
        }
        taken[a..=b].iter_mut().for_each(|t| *t = true);
        out.push(m);
    }
    out.sort_by_key(|m| m.start);
    out
}

fn classify_run(text: &str, run: &[Group]) -> Option<Mobile> {
    let first = run.first()?;
    let last = run.last()?;
    let digits: String = run.iter().map(|g| &text[g.start..g.end]).collect();
    // A `+` right before the first digit belongs to the number (`+62 812…`).
    let start = if first.start > 0 && text.as_bytes()[first.start - 1] == b'+' {
        first.start - 1
    } else {
        first.start
    };
    let national = match digits.strip_prefix("62") {
        Some(rest) if rest.starts_with('8') => format!("0{rest}"),
        _ => digits,
    };
    if !national.starts_with("08") || !(10..=13).contains(&national.len()) {
        return None;
    }
    Some(Mobile {
        start,
        end: last.end,
        digits: national,
    })
}
