//! Site paths: where a page lives in the output, and how one page links to another.
//!
//! A site path is relative to the site root, uses `/`, and ends with `/` for a folder:
//! `""` (home), `laporan/denpasar-mpp/`, `skpd/`. Links in the output are page-relative
//! (`../../skpd/`), so a portal works under any subpath and from `file://`.

/// The relative way from the page at `path` to the site root: `./`, `../`, `../../`…
pub fn root_prefix(path: &str) -> String {
    let depth = path.matches('/').count();
    if depth == 0 {
        "./".to_string()
    } else {
        "../".repeat(depth)
    }
}

/// The page-relative URL from the page at `from` to the site path `to`.
pub fn relative_url(from: &str, to: &str) -> String {
    if to.is_empty() {
        root_prefix(from)
    } else if from.matches('/').count() == 0 {
        to.to_string()
    } else {
        format!("{}{}", root_prefix(from), to)
    }
}

/// Resolves a link written in the Markdown of the file `source_rel` (relative to `content/`)
/// to the `content/`-relative path of the file it names, plus its `#fragment` (with `#`).
///
/// `@/laporan/a.md` (or `/laporan/a.md`) is taken from the content root; anything else relative to the source
/// file's folder. Returns `None` when the link climbs above `content/`.
pub fn resolve_link_target(source_rel: &str, target: &str) -> Option<(String, String)> {
    let (path, fragment) = match target.find('#') {
        Some(i) => (&target[..i], &target[i..]),
        None => (target, ""),
    };
    let path = path.split('?').next().unwrap_or("");
    let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    // `/laporan/a.md` is taken from the content root too: a site-root path to a file.
    let from_root = path.strip_prefix("@/").or_else(|| path.strip_prefix('/'));
    let (base, rest): (Vec<&str>, &str) = match from_root {
        Some(rest) => (Vec::new(), rest),
        None => {
            let mut dir: Vec<&str> = source_rel.split('/').collect();
            dir.pop();
            (dir, &path)
        }
    };
    let mut parts = base;
    for part in rest.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some((parts.join("/"), fragment.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_and_relative_urls() {
        assert_eq!(root_prefix(""), "./");
        assert_eq!(root_prefix("404.html"), "./");
        assert_eq!(root_prefix("laporan/a/"), "../../");
        assert_eq!(relative_url("laporan/a/", "skpd/"), "../../skpd/");
        assert_eq!(relative_url("", "skpd/"), "skpd/");
        assert_eq!(relative_url("skpd/", ""), "../");
    }

    #[test]
    fn link_targets() {
        let r = |s, t| resolve_link_target(s, t);
        assert_eq!(
            r("laporan/2024/a.md", "../2023/b.md#temuan"),
            Some(("laporan/2023/b.md".into(), "#temuan".into()))
        );
        assert_eq!(
            r("laporan/2024/x/index.md", "@/laporan/2023/b.md"),
            Some(("laporan/2023/b.md".into(), "".into()))
        );
        assert_eq!(
            r("a.md", "./dua%20kata.md"),
            Some(("dua kata.md".into(), "".into()))
        );
        assert_eq!(r("a.md", "../../etc/passwd.md"), None);
    }
}
