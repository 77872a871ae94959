//! Rewriting a recommendation in TOML front matter with `toml_edit`, which keeps every byte it
//! is not asked to change: comments, key order, spacing, quoting of the other values.

use crate::msg;
use chrono::Datelike;
use toml_edit::{Array, DocumentMut, InlineTable, Item, TableLike, Value};

use super::{written, Key, Refusal, Spelling, Update, DATE, HISTORY, NOTE, RECOMMENDATIONS};
use super::{STATUS, UPDATED};
use crate::diagnostics::Lang;

/// `front_matter` (the TOML between the fences) with the `index`-th recommendation, whose id
/// must be `id`, updated.
pub fn rewrite(
    front_matter: &str,
    index: usize,
    id: &str,
    update: &Update,
    lang: Lang,
) -> Result<String, Refusal> {
    let mut doc: DocumentMut = front_matter
        .parse()
        .map_err(|e| Refusal::unprocessable(msg!(lang, "edit.invalid_toml", error = e)))?;
    let not_found = || Refusal::not_found(id, lang);
    let list_key = written(doc.iter().map(|(k, _)| k), RECOMMENDATIONS)
        .ok_or_else(not_found)?
        .to_string();
    let list = doc.get_mut(&list_key).ok_or_else(not_found)?;
    let (table, inline): (&mut dyn TableLike, bool) = match list {
        Item::ArrayOfTables(tables) => (tables.get_mut(index).ok_or_else(not_found)?, false),
        Item::Value(Value::Array(items)) => match items.get_mut(index) {
            Some(Value::InlineTable(t)) => (t, true),
            _ => return Err(not_found()),
        },
        _ => return Err(not_found()),
    };
    if table.get("id").and_then(Item::as_str).map(str::trim) != Some(id) {
        return Err(not_found());
    }
    let spelling = Spelling::of(table.iter().map(|(k, _)| k), &list_key);
    let new = |key, value| New {
        key,
        value,
        spelling,
        inline,
    };
    set(table, new(STATUS, update.status.as_str().into()), lang)?;
    set(table, new(UPDATED, date(update.date)), lang)?;
    if let Some(note) = &update.note {
        set(table, new(NOTE, note.as_str().into()), lang)?;
    }
    append_history(table, update, spelling, inline, lang)?;
    Ok(doc.to_string())
}

/// A TOML local date.
fn date(d: chrono::NaiveDate) -> Value {
    let date = toml_edit::Date {
        year: u16::try_from(d.year()).unwrap_or_default(),
        month: u8::try_from(d.month()).unwrap_or_default(),
        day: u8::try_from(d.day()).unwrap_or_default(),
    };
    Value::from(toml_edit::Datetime {
        date: Some(date),
        time: None,
        offset: None,
    })
}

/// A value to set and how the table is written.
struct New {
    key: Key,
    value: Value,
    spelling: Spelling,
    /// The recommendation is an inline table `{ ... }`.
    inline: bool,
}

/// Adds `key = value` at the end of the table. In an inline table the space before `}` moves
/// from the old last value to the new one.
fn insert(table: &mut dyn TableLike, key: &str, mut value: Value, inline: bool) {
    if inline {
        let last = table.iter_mut().last().map(|(_, item)| item);
        if let Some(last) = last.and_then(Item::as_value_mut) {
            let suffix = last.decor().suffix().and_then(|s| s.as_str()).unwrap_or("");
            value.decor_mut().set_suffix(suffix.to_string());
            value.decor_mut().set_prefix(" ");
            last.decor_mut().set_suffix("");
        }
    }
    table.insert(key, Item::Value(value));
}

/// Sets a key: in place (keeping the spacing and comment around the old value) when the key
/// is written, else as a new key at the end of the table.
fn set(table: &mut dyn TableLike, new: New, lang: Lang) -> Result<(), Refusal> {
    let New {
        key,
        mut value,
        spelling,
        inline,
    } = new;
    let name = written(table.iter().map(|(k, _)| k), key).map(str::to_string);
    match name {
        Some(name) => match table.get_mut(&name).and_then(Item::as_value_mut) {
            Some(old) => {
                *value.decor_mut() = old.decor().clone();
                *old = value;
                Ok(())
            }
            None => Err(Refusal::unprocessable(msg!(
                lang,
                "edit.not_single_value",
                name
            ))),
        },
        None => {
            insert(table, spelling.name(key), value, inline);
            Ok(())
        }
    }
}

/// Appends the step of `update` to the recommendation's `history`.
fn append_history(
    table: &mut dyn TableLike,
    update: &Update,
    spelling: Spelling,
    inline: bool,
    lang: Lang,
) -> Result<(), Refusal> {
    let mut step = InlineTable::new();
    step.insert(spelling.name(DATE), date(update.date));
    step.insert(spelling.name(STATUS), update.status.as_str().into());
    if let Some(note) = &update.note {
        step.insert(spelling.name(NOTE), note.as_str().into());
    }
    step.fmt();
    let mut step = Value::InlineTable(step);
    let name = written(table.iter().map(|(k, _)| k), HISTORY).map(str::to_string);
    let Some(name) = name else {
        let mut list = Array::new();
        if inline {
            list.push_formatted(step);
            list.fmt();
        } else {
            step.decor_mut().set_prefix("\n  ");
            list.push_formatted(step);
            list.set_trailing_comma(true);
            list.set_trailing("\n");
        }
        insert(table, spelling.name(HISTORY), Value::Array(list), inline);
        return Ok(());
    };
    match table.get_mut(&name) {
        Some(Item::Value(Value::Array(list))) => {
            match list.iter().last() {
                Some(last) => {
                    let prefix = last.decor().prefix().and_then(|p| p.as_str());
                    step.decor_mut()
                        .set_prefix(prefix.unwrap_or(" ").to_string());
                }
                None if !inline => {
                    step.decor_mut().set_prefix("\n  ");
                    list.set_trailing_comma(true);
                    list.set_trailing("\n");
                }
                None => {}
            }
            list.push_formatted(step);
            Ok(())
        }
        _ => Err(Refusal::unprocessable(msg!(
            lang,
            "edit.history_not_list",
            name
        ))),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::report::Status;

    fn update(note: Option<&str>) -> Update {
        Update {
            status: Status::Selesai,
            note: note.map(str::to_string),
            date: chrono::NaiveDate::from_ymd_opt(2026, 3, 4).unwrap_or_default(),
        }
    }

    /// The lines removed from `before` and added in `after`, by a line diff: what a reviewer of the change would see.
    pub(crate) fn changed_lines(before: &str, after: &str) -> (Vec<String>, Vec<String>) {
        let diff = similar::TextDiff::from_lines(before, after);
        let (mut removed, mut added) = (Vec::new(), Vec::new());
        for change in diff.iter_all_changes() {
            let line = change.value().trim_end_matches(['\n', '\r']).to_string();
            match change.tag() {
                similar::ChangeTag::Delete => removed.push(line),
                similar::ChangeTag::Insert => added.push(line),
                similar::ChangeTag::Equal => {}
            }
        }
        (removed, added)
    }

    const INDONESIAN: &str = "# Laporan DLH\njudul = \"Studi\"   # judul resmi\n\n[kunjungan]\nskpd = \"DLH\"\n\n# Rekomendasi pertama\n[[rekomendasi]]\nid = \"R1\"\nisi   = \"Bangun TPS3R\"\npenanggung_jawab = \"Bidang Sampah\"\nstatus = \"usulan\"    # belum mulai\n\n# Yang kedua\n[[rekomendasi]]\nid = 'R2'\nisi = \"Kampanye\"\nstatus = \"proses\"\ncatatan = \"\"\"lama\"\"\"\n";

    #[test]
    fn only_the_edited_values_change_and_aliases_stay() {
        let out = rewrite(
            INDONESIAN,
            0,
            "R1",
            &update(Some("Diresmikan \"bupati\"")),
            Lang::Id,
        )
        .unwrap_or_else(|r| panic!("{}", r.message));
        let (before, after) = changed_lines(INDONESIAN, &out);
        assert_eq!(before, ["status = \"usulan\"    # belum mulai"]);
        assert_eq!(
            after,
            [
                "status = \"selesai\"    # belum mulai",
                "diperbarui = 2026-03-04",
                "catatan = 'Diresmikan \"bupati\"'",
                "riwayat = [",
                "  { tanggal = 2026-03-04, status = \"selesai\", catatan = 'Diresmikan \"bupati\"' },",
                "]",
            ]
        );
    }

    #[test]
    fn a_second_save_appends_to_the_history_and_keeps_its_layout() {
        let once = rewrite(INDONESIAN, 1, "R2", &update(None), Lang::Id)
            .unwrap_or_else(|r| panic!("{}", r.message));
        let (_, after) = changed_lines(INDONESIAN, &once);
        assert_eq!(
            after,
            [
                "status = \"selesai\"",
                "diperbarui = 2026-03-04",
                "riwayat = [",
                "  { tanggal = 2026-03-04, status = \"selesai\" },",
                "]",
            ]
        );
        let twice = rewrite(&once, 1, "R2", &update(Some("dua")), Lang::Id)
            .unwrap_or_else(|r| panic!("{}", r.message));
        let (before, after) = changed_lines(&once, &twice);
        assert_eq!(before, ["catatan = \"\"\"lama\"\"\""]);
        assert_eq!(
            after,
            [
                "catatan = \"dua\"",
                "  { tanggal = 2026-03-04, status = \"selesai\", catatan = \"dua\" },"
            ]
        );
    }

    #[test]
    fn english_keys_and_inline_tables_are_written_in_their_own_style() {
        let text = "title = \"A\"\nrecommendations = [\n  { id = \"R1\", text = \"x\", owner = \"y\", status = \"proses\" },\n]\n";
        let out = rewrite(text, 0, "R1", &update(None), Lang::En)
            .unwrap_or_else(|r| panic!("{}", r.message));
        let (_, after) = changed_lines(text, &out);
        assert_eq!(
            after,
            ["  { id = \"R1\", text = \"x\", owner = \"y\", status = \"selesai\", updated = 2026-03-04, history = [{ date = 2026-03-04, status = \"selesai\" }] },"]
        );
    }

    #[test]
    fn a_wrong_id_or_index_is_refused() {
        assert!(rewrite(INDONESIAN, 0, "R2", &update(None), Lang::En).is_err());
        assert!(rewrite(INDONESIAN, 5, "R1", &update(None), Lang::En).is_err());
        assert!(rewrite("title = \"x\"\n", 0, "R1", &update(None), Lang::En).is_err());
    }
}
