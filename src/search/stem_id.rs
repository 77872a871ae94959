//! Indonesian stemmer: Snowball's Indonesian algorithm (Tala 2003, as published by the Snowball
//! project) plus the sound-change restorations it lacks.
//!
//! Indonesian prefixes *meN-* and *peN-* swallow the first consonant of many roots: *tulis* →
//! *menulis*, *kelola* → *mengelola*, *pakai* → *memakai*. From the affixed form alone the lost
//! consonant is ambiguous (*menilai* comes from *nilai*, *menulis* from *tulis*; *mengambil* from
//! *ambil*, *mengelola* from *kelola*), so [`stem`] returns every plausible root — the
//! **candidates** — and the index stores them all. Two words conflate when their candidate
//! lists share a term. [`snowball`] is the unmodified published algorithm, kept to test that the
//! shared part stays faithful to it.
//!
//! Differences of [`stem`] from Snowball, each one also in `search.js`:
//!
//! 1. The particles *-kah*, *-lah*, *-pun* and the possessives *-ku*, *-mu* are not removed:
//!    reports are written in formal Indonesian where they are rare, and removing them breaks
//!    common words (*masalah* → *masa*, *sekolah* → *seko*, *berlaku* → *berla*,
//!    *perilaku* → *ila*, *bertemu* → *te*). *-nya* is still removed.
//! 2. *meng-*/*peng-* + vowel: the vowel-initial root (Snowball) and the *k*-initial one
//!    (*pengelolaan* → *elola*, *kelola*).
//! 3. *men-*/*pen-* + vowel: the *t*- and *n*-initial roots (*menulis* → *tulis*, *nulis*;
//!    *menilai* → *tilai*, *nilai*) instead of Snowball's vowel-initial one.
//! 4. *mem-*/*pem-* + vowel: the *p*-initial root (Snowball) and the *m*-initial one
//!    (*memakan* → *pakan*, *makan*). No second-order prefix is removed from a restored root,
//!    so *pemerintah* → *perintah*, not *intah*.
//! 5. *ke-*: when removing it leaves no suffix to remove, the word is also kept whole
//!    (*kelola* → *lola*, *kelola*; *kesehatan* → *sehat* only).
//! 6. *per-*/*ber-* + vowel: the root after *per-*/*ber-* (Snowball), the *r*-initial root after
//!    *pe-*/*be-*, and the word kept whole (*perintah* → *intah*, *rintah*, *perintah*;
//!    *perencanaan* → *encana*, *rencana*, *perencana*).
//! 7. When the suffix *-i* is removed, the form that keeps it is a candidate too
//!    (*nilai* → *nila*, *nilai*), so that *penilaian* (→ *nilai*) meets *nilai*.

/// The vowels of the algorithm (after accent folding).
fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// A word being stemmed, with the algorithm's two registers.
#[derive(Clone)]
struct Form {
    w: Vec<char>,
    /// Number of vowels left (the paper's "measure").
    measure: i32,
    /// Kind of prefix removed: 0 none, 1 di/meng/ter, 2 per, 3 ke/peng, 4 ber.
    prefix: u8,
}

/// Which suffix [`Form::remove_suffix`] removed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Suffix {
    An,
    I,
}

impl Form {
    fn new(word: &str) -> Form {
        let w: Vec<char> = word.chars().collect();
        let measure = w.iter().filter(|c| is_vowel(**c)).count() as i32;
        Form {
            w,
            measure,
            prefix: 0,
        }
    }

    fn starts_at(&self, at: usize, s: &str) -> bool {
        let n = s.chars().count();
        self.w.len() >= at + n && s.chars().zip(&self.w[at..]).all(|(a, b)| a == *b)
    }

    fn ends_with(&self, s: &str) -> bool {
        let n = s.chars().count();
        self.w.len() >= n && self.starts_at(self.w.len() - n, s)
    }

    fn char_at(&self, i: usize) -> Option<char> {
        self.w.get(i).copied()
    }

    fn vowel_at(&self, i: usize) -> bool {
        self.char_at(i).is_some_and(is_vowel)
    }

    /// Replaces `w[from..to]` with `with`.
    fn splice(&mut self, from: usize, to: usize, with: &str) {
        self.w.splice(from..to, with.chars());
    }

    fn truncate_end(&mut self, n: usize) {
        let len = self.w.len();
        self.w.truncate(len - n);
        self.measure -= 1;
    }

    fn text(&self) -> String {
        self.w.iter().collect()
    }

    /// Snowball `remove_suffix` over the region `w[lb..]`.
    fn remove_suffix(&mut self, lb: usize) -> Option<Suffix> {
        let len = self.w.len();
        if len >= lb + 2 && self.ends_with("an") {
            if self.prefix != 3 && self.prefix != 2 && len >= lb + 3 && self.w[len - 3] == 'k' {
                self.truncate_end(3);
                return Some(Suffix::An);
            }
            if self.prefix != 1 {
                self.truncate_end(2);
                return Some(Suffix::An);
            }
            return None;
        }
        if len > lb && self.ends_with("i") {
            let s_before = len >= lb + 2 && self.w[len - 2] == 's';
            if self.prefix <= 2 && !s_before {
                self.truncate_end(1);
                return Some(Suffix::I);
            }
        }
        None
    }

    /// Snowball `remove_second_order_prefix` at cursor `c`: the number of characters to
    /// remove and the prefix code to set, without changing the form.
    fn second_order(&self, c: usize) -> Option<(usize, u8)> {
        let pe = self.starts_at(c, "pe");
        if !pe && !self.starts_at(c, "be") {
            return None;
        }
        let code = if pe { 2 } else { 4 };
        if self.char_at(c + 2) == Some('r') {
            Some((3, code))
        } else if self.char_at(c + 2) == Some('l') && self.starts_at(c + 3, "ajar") {
            Some((3, if pe { self.prefix } else { 4 }))
        } else if pe {
            Some((2, 2))
        } else if self.char_at(c + 2).is_some_and(|x| !is_vowel(x)) && self.starts_at(c + 3, "er") {
            Some((2, 4))
        } else {
            None
        }
    }

    /// Removes `n` characters at `c` as a prefix of kind `code`.
    fn strip(&self, c: usize, n: usize, code: u8) -> Form {
        let mut f = self.clone();
        f.splice(c, c + n, "");
        f.prefix = code;
        f.measure -= 1;
        f
    }
}

/// A first-order prefix (Snowball `remove_first_order_prefix`), longest match first.
#[derive(Clone, Copy, PartialEq, Eq)]
enum First {
    /// meng, peng: 4 letters.
    Ng,
    /// men, pen.
    N,
    /// mem, pem.
    M,
    /// di, me, ter, ke: removed as they are.
    Plain(usize),
}

fn first_order(f: &Form) -> Option<(First, u8)> {
    let code = |p: bool| if p { 3 } else { 1 };
    for (p, s) in [(false, "me"), (true, "pe")] {
        let nasal = |x| f.starts_at(0, &format!("{s}{x}"));
        if nasal("ng") {
            return Some((First::Ng, code(p)));
        }
        if nasal("n") {
            return Some((First::N, code(p)));
        }
        if nasal("m") {
            return Some((First::M, code(p)));
        }
    }
    if f.starts_at(0, "ter") {
        return Some((First::Plain(3), 1));
    }
    if f.starts_at(0, "di") || f.starts_at(0, "me") {
        return Some((First::Plain(2), 1));
    }
    if f.starts_at(0, "ke") {
        return Some((First::Plain(2), 3));
    }
    None
}

/// Stems `word` (folded, lower case) exactly as Snowball's Indonesian algorithm does.
pub fn snowball(word: &str) -> String {
    let mut f = Form::new(word);
    if f.measure <= 2 {
        return f.text();
    }
    if f.ends_with("kah") || f.ends_with("lah") || f.ends_with("pun") {
        f.truncate_end(3);
    }
    if f.measure <= 2 {
        return f.text();
    }
    if f.ends_with("nya") {
        f.truncate_end(3);
    } else if f.ends_with("ku") || f.ends_with("mu") {
        f.truncate_end(2);
    }
    if f.measure <= 2 {
        return f.text();
    }
    let Some((kind, code)) = first_order(&f) else {
        if let Some((n, code)) = f.second_order(0) {
            f = f.strip(0, n, code);
        }
        if f.measure > 2 {
            f.remove_suffix(0);
        }
        return f.text();
    };
    let mut c = 0;
    let mut g = match kind {
        First::Ng => f.strip(0, 4, code),
        First::N if f.char_at(3) == Some('y') && f.vowel_at(4) => {
            c = 1;
            let mut g = f.strip(0, 4, code);
            g.splice(0, 0, "s");
            g
        }
        First::N => f.strip(0, 3, code),
        First::M if f.vowel_at(3) => {
            c = 1;
            let mut g = f.strip(0, 3, code);
            g.splice(0, 0, "p");
            g
        }
        First::M => f.strip(0, 3, code),
        First::Plain(n) => f.strip(0, n, code),
    };
    let suffix_removed = g.measure > 2 && g.remove_suffix(c).is_some();
    if suffix_removed && g.measure > 2 {
        if let Some((n, code)) = g.second_order(c) {
            g = g.strip(c, n, code);
        }
    }
    g.text()
}

/// The candidate roots of `word` (folded, lower case): one or more, without duplicates,
/// always in the same order (`search.js` produces the same list).
pub fn stem(word: &str) -> Vec<String> {
    let mut f = Form::new(word);
    let mut out = Vec::new();
    if f.measure > 2 && f.ends_with("nya") {
        f.truncate_end(3);
    }
    if f.measure <= 2 {
        out.push(f.text());
        return out;
    }
    match first_order(&f) {
        None => without_first_order(&f, &mut out),
        Some((First::Plain(2), 3)) => {
            if !after_first_order(f.strip(0, 2, 3), 0, &mut out) {
                without_first_order(&f, &mut out);
            }
        }
        Some((kind, code)) => {
            let (n, restore): (usize, &[&str]) = match kind {
                First::Ng if f.vowel_at(4) => (4, &["", "k"]),
                First::Ng => (4, &[""]),
                First::N if f.char_at(3) == Some('y') && f.vowel_at(4) => (4, &["s"]),
                First::N if f.vowel_at(3) => (3, &["t", "n"]),
                First::N => (3, &[""]),
                First::M if f.vowel_at(3) => (3, &["p", "m"]),
                First::M => (3, &[""]),
                First::Plain(n) => (n, &[""]),
            };
            for r in restore {
                let mut g = f.strip(0, n, code);
                g.splice(0, 0, r);
                after_first_order(g, r.len(), &mut out);
            }
        }
    }
    out
}

/// Suffix then second-order prefix, after a first-order prefix left the cursor at `c`.
/// Returns whether a suffix was removed.
fn after_first_order(mut g: Form, c: usize, out: &mut Vec<String>) -> bool {
    if g.measure <= 2 {
        emit(&g, false, out);
        return false;
    }
    let Some(sfx) = g.remove_suffix(c) else {
        emit(&g, false, out);
        return false;
    };
    let forms = if g.measure > 2 {
        second_order_variants(&g, c)
    } else {
        vec![g]
    };
    for h in &forms {
        emit(h, sfx == Suffix::I, out);
    }
    true
}

/// Second-order prefix then suffix, for a word with no first-order prefix.
fn without_first_order(f: &Form, out: &mut Vec<String>) {
    for mut g in second_order_variants(f, 0) {
        let sfx = if g.measure > 2 {
            g.remove_suffix(0)
        } else {
            None
        };
        emit(&g, sfx == Some(Suffix::I), out);
    }
}

/// The forms after the second-order prefix step at `c` (the form itself if none applies).
fn second_order_variants(f: &Form, c: usize) -> Vec<Form> {
    match f.second_order(c) {
        None => vec![f.clone()],
        Some((3, code)) if f.char_at(c + 2) == Some('r') && f.vowel_at(c + 3) => {
            vec![f.strip(c, 3, code), f.strip(c, 2, code), f.clone()]
        }
        Some((n, code)) => vec![f.strip(c, n, code)],
    }
}

fn emit(f: &Form, i_removed: bool, out: &mut Vec<String>) {
    let t = f.text();
    if i_removed {
        push_new(out, t.clone());
        push_new(out, t + "i");
    } else {
        push_new(out, t);
    }
}

fn push_new(out: &mut Vec<String>, t: String) {
    if !out.contains(&t) {
        out.push(t);
    }
}

#[cfg(test)]
mod tests;
