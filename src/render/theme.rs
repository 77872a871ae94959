//! Theme resolution: templates, static files and interface text, from the project's
//! `themes/<name>/` or the default theme built into the binary, overridden file by file by the
//! project's own `templates/` and `static/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};
use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Lang};
use crate::msg;

/// The default theme, embedded so that an installed binary needs no `themes/` folder.
pub static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Where a static file comes from.
#[derive(Clone, Debug)]
pub enum StaticSource {
    /// A file on disk.
    Disk(PathBuf),
    /// A file of the embedded theme.
    Embedded(&'static [u8]),
}

/// A resolved theme.
#[derive(Debug, Default)]
pub struct Theme {
    /// Template name (`report.html`) → source text.
    pub templates: BTreeMap<String, String>,
    /// Output path (`css/tilik.css`) → where to copy it from.
    pub statics: BTreeMap<String, StaticSource>,
    /// Interface text for `id` and `en`.
    pub i18n: BTreeMap<&'static str, BTreeMap<String, String>>,
}

impl Theme {
    /// Loads the theme named in the config, with the project's overrides.
    pub fn load(root: &Path, name: &str, lang: Lang) -> Result<Theme, Diagnostic> {
        let mut theme = Theme::default();
        let dir = root.join("themes").join(name);
        if dir.is_dir() {
            read_disk(&dir.join("templates"), &mut |rel, path| {
                let text = read_text(path, lang)?;
                theme.templates.insert(rel, text);
                Ok(())
            })?;
            read_disk(&dir.join("static"), &mut |rel, path| {
                theme
                    .statics
                    .insert(rel, StaticSource::Disk(path.to_path_buf()));
                Ok(())
            })?;
            for code in ["id", "en"] {
                let path = dir.join("i18n").join(format!("{code}.toml"));
                if path.is_file() {
                    let text = read_text(&path, lang)?;
                    theme.i18n.insert(code, parse_i18n(&text, &path, lang)?);
                }
            }
        } else if name == "default" {
            load_embedded(&mut theme, lang)?;
        } else {
            return Err(
                Diagnostic::error("tilik.toml", None, msg!(lang, "theme.not_found", name))
                    .with_hint(msg!(lang, "theme.not_found_hint")),
            );
        }
        read_disk(&root.join("templates"), &mut |rel, path| {
            let text = read_text(path, lang)?;
            theme.templates.insert(rel, text);
            Ok(())
        })?;
        read_disk(&root.join("static"), &mut |rel, path| {
            theme
                .statics
                .insert(rel, StaticSource::Disk(path.to_path_buf()));
            Ok(())
        })?;
        Ok(theme)
    }

    /// The interface text of a language (falls back to Indonesian for missing keys).
    pub fn strings(&self, lang: Lang) -> BTreeMap<String, String> {
        let mut strings = self.i18n.get("id").cloned().unwrap_or_default();
        if lang == Lang::En {
            if let Some(en) = self.i18n.get("en") {
                strings.extend(en.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
        }
        strings
    }
}

fn load_embedded(theme: &mut Theme, lang: Lang) -> Result<(), Diagnostic> {
    fn walk(dir: &'static Dir<'static>, out: &mut Vec<(&'static Path, &'static [u8])>) {
        for file in dir.files() {
            out.push((file.path(), file.contents()));
        }
        for sub in dir.dirs() {
            walk(sub, out);
        }
    }
    let mut files = Vec::new();
    walk(&DEFAULT_THEME, &mut files);
    for (path, bytes) in files {
        let rel = path.to_string_lossy().replace('\\', "/");
        if let Some(name) = rel.strip_prefix("templates/") {
            let text = String::from_utf8_lossy(bytes).into_owned();
            theme.templates.insert(name.to_string(), text);
        } else if let Some(name) = rel.strip_prefix("static/") {
            theme
                .statics
                .insert(name.to_string(), StaticSource::Embedded(bytes));
        } else if let Some(code) = rel
            .strip_prefix("i18n/")
            .and_then(|f| f.strip_suffix(".toml"))
        {
            let code = match code {
                "id" => "id",
                "en" => "en",
                _ => continue,
            };
            let text = String::from_utf8_lossy(bytes);
            theme
                .i18n
                .insert(code, parse_i18n(&text, Path::new(&rel), lang)?);
        }
    }
    Ok(())
}

fn read_disk(
    dir: &Path,
    add: &mut dyn FnMut(String, &Path) -> Result<(), Diagnostic>,
) -> Result<(), Diagnostic> {
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in WalkDir::new(dir).sort_by_file_name().into_iter().flatten() {
        if !entry.file_type().is_file() || entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(dir)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        add(rel, entry.path())?;
    }
    Ok(())
}

fn read_text(path: &Path, lang: Lang) -> Result<String, Diagnostic> {
    std::fs::read_to_string(path)
        .map_err(|e| Diagnostic::error(path, None, msg!(lang, "theme.cannot_read", error = e)))
}

fn parse_i18n(text: &str, path: &Path, lang: Lang) -> Result<BTreeMap<String, String>, Diagnostic> {
    toml_edit::de::from_str(text).map_err(|e| {
        Diagnostic::error(
            path,
            None,
            msg!(lang, "theme.invalid_i18n", message = e.message()),
        )
    })
}
