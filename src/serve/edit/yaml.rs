//! Rewriting a recommendation in YAML front matter by targeted line edits: the YAML is never
//! re-serialised. The parser gives the line and column of every key; the lines of the
//! recommendation's block and of each key's value follow from indentation. A value written
//! on the key's line is replaced there (its trailing comment kept); a missing key is added
//! as a new line at the end of the block; a history step is appended after the last one.
//! What this cannot edit safely (a flow mapping `{ ... }`, a flow history `[ ... ]`) is
//! refused with a message.

use super::{written, Key, Refusal, Spelling, Update, DATE, HISTORY, NOTE, RECOMMENDATIONS};
use super::{STATUS, UPDATED};
use crate::content::value::{self, Entry, Value};
use crate::diagnostics::Lang;
use crate::msg;

/// `front_matter` (the YAML between the fences, `\n` line endings) with the `index`-th
/// recommendation, whose id must be `id`, updated.
pub fn rewrite(
    front_matter: &str,
    index: usize,
    id: &str,
    update: &Update,
    lang: Lang,
) -> Result<String, Refusal> {
    let node = value::parse_yaml(front_matter, 1, lang)
        .map_err(|e| Refusal::unprocessable(msg!(lang, "edit.invalid_yaml", error = e.message)))?;
    let not_found = || Refusal::not_found(id, lang);
    let Value::Table(top) = &node.value else {
        return Err(not_found());
    };
    let list = top
        .iter()
        .find(|e| e.key == RECOMMENDATIONS.0 || e.key == RECOMMENDATIONS.1)
        .ok_or_else(not_found)?;
    let Value::Array(items) = &list.node.value else {
        return Err(not_found());
    };
    let Some(Value::Table(entries)) = items.get(index).map(|n| &n.value) else {
        return Err(not_found());
    };
    let id_matches = entries.iter().any(|e| {
        e.key == "id" && matches!(&e.node.value, Value::Str(s) | Value::Scalar(s) if s.trim() == id)
    });
    if !id_matches {
        return Err(not_found());
    }
    let block = Block::of(front_matter, entries)
        .ok_or_else(|| Refusal::unprocessable(msg!(lang, "edit.inline_recommendation")))?;
    let spelling = Spelling::of(entries.iter().map(|e| e.key.as_str()), &list.key);
    let mut edits = Edits::default();
    block.set(
        &mut edits,
        entries,
        STATUS,
        update.status.as_str().into(),
        spelling,
    );
    block.set(
        &mut edits,
        entries,
        UPDATED,
        update.date.to_string(),
        spelling,
    );
    if let Some(note) = &update.note {
        block.set(&mut edits, entries, NOTE, quoted(note), spelling);
    }
    block.append_history(&mut edits, entries, update, spelling, lang)?;
    Ok(edits.apply(&block.lines, block.last))
}

/// A YAML double-quoted scalar: JSON's string syntax is valid YAML.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

/// Leading spaces of a line.
fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Whether a line holds nothing but spaces or a comment.
fn is_blank_or_comment(line: &str) -> bool {
    let t = line.trim_start();
    t.is_empty() || t.starts_with('#')
}

/// The lines of the front matter and where the recommendation's block mapping stands.
struct Block {
    lines: Vec<String>,
    /// Column (0-based, in bytes: indentation is ASCII) of the recommendation's keys.
    key_indent: usize,
    /// 0-based line of its last line.
    last: usize,
}

impl Block {
    /// The block of the recommendation whose keys are `entries`; `None` when it is not a
    /// block mapping (keys sharing a line or not aligned).
    fn of(text: &str, entries: &[Entry]) -> Option<Block> {
        let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        let first = entries.first()?;
        let column = first.key_pos.col;
        let mut seen = std::collections::HashSet::new();
        for e in entries {
            if e.key_pos.col != column || !seen.insert(e.key_pos.line) {
                return None;
            }
        }
        let key_indent = column.checked_sub(1)?;
        let start = first.key_pos.line.checked_sub(1)?;
        let prefix = lines.get(start)?.get(..key_indent)?;
        if !prefix.bytes().all(|b| b == b' ' || b == b'-') {
            return None;
        }
        let mut last = start;
        for (j, line) in lines.iter().enumerate().skip(start + 1) {
            if line.trim().is_empty() {
                continue;
            }
            if indent(line) < key_indent {
                break;
            }
            if !is_blank_or_comment(line) {
                last = j;
            }
        }
        Some(Block {
            lines,
            key_indent,
            last,
        })
    }

    /// 0-based line of `entry`'s key.
    fn line_of(entry: &Entry) -> usize {
        entry.key_pos.line.saturating_sub(1)
    }

    /// The last line of the value of the key on line `at` (the key's own line when the value
    /// is written there).
    fn value_end(&self, at: usize) -> usize {
        let mut end = at;
        for (j, line) in self.lines.iter().enumerate().skip(at + 1) {
            if line.trim().is_empty() {
                continue;
            }
            let ind = indent(line);
            let item = ind == self.key_indent && line[ind..].starts_with('-');
            if ind > self.key_indent || item {
                if !is_blank_or_comment(line) || ind > self.key_indent {
                    end = j;
                }
            } else {
                break;
            }
        }
        end
    }

    /// Byte offsets in line `at` of the value after `key:` and of a trailing comment.
    fn value_span(&self, at: usize, key: &str) -> (usize, Option<usize>) {
        let line = &self.lines[at];
        let after_key = self.key_indent + key.len();
        let colon = line
            .get(after_key..)
            .and_then(|rest| rest.find(':'))
            .map_or(line.len(), |c| after_key + c + 1);
        let ws = line[colon..].len() - line[colon..].trim_start().len();
        let start = colon + ws;
        (start, comment_start(line, start))
    }

    /// Sets `key` to the YAML scalar `value`.
    fn set(
        &self,
        edits: &mut Edits,
        entries: &[Entry],
        key: Key,
        value: String,
        spelling: Spelling,
    ) {
        let Some(name) = written(entries.iter().map(|e| e.key.as_str()), key) else {
            let line = format!(
                "{}{}: {value}",
                " ".repeat(self.key_indent),
                spelling.name(key)
            );
            edits.insert_at_end.push(line);
            return;
        };
        let Some(entry) = entries.iter().find(|e| e.key == name) else {
            return;
        };
        let at = Block::line_of(entry);
        let end = self.value_end(at);
        let (start, comment) = self.value_span(at, name);
        let line = &self.lines[at];
        let kept_comment = comment.filter(|_| end == at).map_or("", |c| &line[c..]);
        let sep = if start == line.len() && !line.ends_with(' ') {
            " "
        } else {
            ""
        };
        let new = format!("{}{sep}{value}{kept_comment}", &line[..start]);
        edits.replace.push((at, end, vec![new]));
    }

    /// Appends the step of `update` to the history, creating it when absent.
    fn append_history(
        &self,
        edits: &mut Edits,
        entries: &[Entry],
        update: &Update,
        spelling: Spelling,
        lang: Lang,
    ) -> Result<(), Refusal> {
        let step = |dash: usize| {
            let pad = " ".repeat(dash);
            let mut lines = vec![
                format!("{pad}- {}: {}", spelling.name(DATE), update.date),
                format!(
                    "{pad}  {}: {}",
                    spelling.name(STATUS),
                    update.status.as_str()
                ),
            ];
            if let Some(note) = &update.note {
                lines.push(format!("{pad}  {}: {}", spelling.name(NOTE), quoted(note)));
            }
            lines
        };
        let Some(name) = written(entries.iter().map(|e| e.key.as_str()), HISTORY) else {
            let pad = " ".repeat(self.key_indent);
            edits
                .insert_at_end
                .push(format!("{pad}{}:", spelling.name(HISTORY)));
            edits.insert_at_end.extend(step(self.key_indent + 2));
            return Ok(());
        };
        let entry = entries.iter().find(|e| e.key == name);
        let at = entry.map_or(self.last, Block::line_of);
        let end = self.value_end(at);
        let (start, comment) = self.value_span(at, name);
        let line = &self.lines[at];
        let inline = line[start..comment.unwrap_or(line.len())].trim();
        let flow = || Refusal::unprocessable(msg!(lang, "edit.inline_history", name));
        match inline {
            "" => {
                let dash = self.lines[at + 1..=end]
                    .iter()
                    .find(|l| !is_blank_or_comment(l))
                    .map(|l| indent(l))
                    .filter(|&d| d >= self.key_indent)
                    .unwrap_or(self.key_indent + 2);
                if self.lines[at + 1..=end].iter().any(|l| {
                    !is_blank_or_comment(l) && indent(l) == dash && !l[dash..].starts_with('-')
                }) {
                    return Err(flow());
                }
                edits.replace.push((end + 1, end, step(dash)));
            }
            "[]" | "~" | "null" => {
                let mut lines = vec![line[..start].trim_end().to_string()];
                lines.extend(step(self.key_indent + 2));
                edits.replace.push((at, end, lines));
            }
            _ => return Err(flow()),
        }
        Ok(())
    }
}

/// Where a trailing `# comment` starts in `line` at or after `from` (with the spaces before
/// it), outside quotes.
fn comment_start(line: &str, from: usize) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut quote: Option<u8> = None;
    let mut i = from;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(b'"') if b == b'\\' => i += 1,
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if (b == b'"' || b == b'\'') && i == from => quote = Some(b),
            None if b == b'#' && (i == from || bytes[i - 1] == b' ' || bytes[i - 1] == b'\t') => {
                let ws = line[from..i].len() - line[from..i].trim_end().len();
                return Some(i - ws);
            }
            None => {}
        }
        i += 1;
    }
    None
}

/// Line edits, applied bottom up so that earlier line numbers stay valid.
#[derive(Default)]
struct Edits {
    /// (first line, last line, new lines); `last < first` inserts before `first`.
    replace: Vec<(usize, usize, Vec<String>)>,
    /// New lines after the block's last line.
    insert_at_end: Vec<String>,
}

impl Edits {
    /// The edited text; new keys go after line `last` (after any history step appended
    /// there, which belongs to the key above them).
    fn apply(mut self, lines: &[String], last: usize) -> String {
        let mut out: Vec<String> = lines.to_vec();
        if !self.insert_at_end.is_empty() {
            let new = std::mem::take(&mut self.insert_at_end);
            self.replace.insert(0, (last + 1, last, new));
        }
        self.replace
            .sort_by_key(|(first, _, _)| std::cmp::Reverse(*first));
        for (first, last, new) in self.replace {
            let end = if last < first { first } else { last + 1 };
            out.splice(first..end.min(out.len()), new);
        }
        out.join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::report::Status;

    fn update(note: Option<&str>) -> Update {
        Update {
            status: Status::Selesai,
            note: note.map(str::to_string),
            date: chrono::NaiveDate::from_ymd_opt(2026, 3, 4).unwrap_or_default(),
        }
    }

    use crate::serve::edit::toml::tests::changed_lines;

    const YAML: &str = "# Laporan DLH\njudul: Studi   # judul resmi\nkunjungan:\n  skpd: DLH\n\nrekomendasi:\n  # Pertama\n  - id: R1\n    isi:   Bangun TPS3R\n    status: usulan    # belum mulai\n    catatan: 'lama # bukan komentar'\n\n  - id: R2\n    isi: >\n      Kampanye\n      panjang\n    status: proses\n    riwayat:\n      - tanggal: 2025-01-02\n        status: proses\n# akhir\nlabel: [a]\n";

    fn run(text: &str, index: usize, id: &str, note: Option<&str>) -> String {
        rewrite(text, index, id, &update(note), Lang::Id)
            .unwrap_or_else(|r| panic!("{}", r.message))
    }

    #[test]
    fn only_the_edited_values_change_comments_and_aliases_stay() {
        let out = run(YAML, 0, "R1", Some("Diresmikan \"bupati\""));
        let (before, after) = changed_lines(YAML, &out);
        assert_eq!(
            before,
            [
                "    status: usulan    # belum mulai",
                "    catatan: 'lama # bukan komentar'"
            ]
        );
        assert_eq!(
            after,
            [
                "    status: selesai    # belum mulai",
                "    catatan: \"Diresmikan \\\"bupati\\\"\"",
                "    diperbarui: 2026-03-04",
                "    riwayat:",
                "      - tanggal: 2026-03-04",
                "        status: selesai",
                "        catatan: \"Diresmikan \\\"bupati\\\"\"",
            ]
        );
    }

    #[test]
    fn a_step_is_appended_to_an_existing_history() {
        let out = run(YAML, 1, "R2", None);
        let (before, after) = changed_lines(YAML, &out);
        assert_eq!(before, ["    status: proses"]);
        assert_eq!(
            after,
            [
                "    status: selesai",
                "      - tanggal: 2026-03-04",
                "        status: selesai",
                "    diperbarui: 2026-03-04",
            ]
        );
        // The new step follows the old one, inside the history.
        assert!(
            out.contains("        status: proses\n      - tanggal: 2026-03-04\n"),
            "{out}"
        );
    }

    #[test]
    fn top_level_sequences_and_english_keys() {
        let text = "title: A\nrecommendations:\n- id: R1\n  text: x\n  owner: y\n  status: proses\n  history: []\n";
        let out = run(text, 0, "R1", Some("ok"));
        assert_eq!(
            out,
            "title: A\nrecommendations:\n- id: R1\n  text: x\n  owner: y\n  status: selesai\n  history:\n    - date: 2026-03-04\n      status: selesai\n      note: \"ok\"\n  updated: 2026-03-04\n  note: \"ok\"\n"
        );
    }

    #[test]
    fn a_note_written_over_several_lines_is_replaced_whole() {
        let text = "rekomendasi:\n  - id: R1\n    catatan: >-\n      baris satu\n      baris dua\n    status: usulan\n";
        let out = run(text, 0, "R1", Some("baru"));
        let (before, after) = changed_lines(text, &out);
        assert_eq!(
            before,
            [
                "    catatan: >-",
                "      baris satu",
                "      baris dua",
                "    status: usulan"
            ]
        );
        assert_eq!(
            after,
            [
                "    catatan: \"baru\"",
                "    status: selesai",
                "    diperbarui: 2026-03-04",
                "    riwayat:",
                "      - tanggal: 2026-03-04",
                "        status: selesai",
                "        catatan: \"baru\""
            ]
        );
    }

    #[test]
    fn inline_forms_are_refused() {
        let flow = "rekomendasi:\n  - {id: R1, isi: x, status: usulan}\n";
        assert!(rewrite(flow, 0, "R1", &update(None), Lang::En).is_err());
        let flow_history =
            "rekomendasi:\n  - id: R1\n    riwayat: [{tanggal: 2025-01-01, status: proses}]\n";
        assert!(rewrite(flow_history, 0, "R1", &update(None), Lang::En).is_err());
        assert!(rewrite(YAML, 0, "R9", &update(None), Lang::En).is_err());
    }
}
