//! Recognising what a typical report states and filling the front matter with it: dates,
//! place and hosts, the unit, objectives, funding and budget, team and recommendations; and
//! renaming sections to the scaffold's where they clearly match.

use chrono::NaiveDate;

use super::dates::{find_range, rupiah};
use super::model::{squash, Para};
use super::structure::{is_upper, title_case, Item};

/// A recommendation found in the document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rec {
    /// What is recommended.
    pub text: String,
    /// Who carries it out, when the document says.
    pub owner: Option<String>,
    /// By when, when the document says.
    pub due: Option<NaiveDate>,
    /// How success is measured, when the document says.
    pub indicator: Option<String>,
}

/// What was found, each with where it came from.
#[derive(Clone, Debug, Default)]
pub struct Fields {
    /// `title`.
    pub title: Option<String>,
    /// `visit.kind`.
    pub kind: &'static str,
    /// `visit.unit`.
    pub unit: Option<String>,
    /// `visit.start` and `visit.end`.
    pub dates: Option<(NaiveDate, NaiveDate)>,
    /// `visit.destination`.
    pub destination: Option<String>,
    /// `visit.hosts`.
    pub hosts: Vec<String>,
    /// `visit.objectives`.
    pub objectives: Vec<String>,
    /// `visit.team`.
    pub team: Vec<String>,
    /// `visit.budget`.
    pub budget: Option<u64>,
    /// `visit.funding`.
    pub funding: Option<String>,
    /// `[[recommendations]]`.
    pub recs: Vec<Rec>,
    /// Sections renamed: (from, to).
    pub renamed: Vec<(String, String)>,
    /// A budget was found among several amounts: the writer should check it.
    pub budget_guessed: bool,
}

/// Scaffold section names and the headings that clearly mean them.
const RENAMES: [(&str, &[&str]); 7] = [
    ("Latar Belakang", &["latar belakang"]),
    (
        "Tujuan",
        &[
            "maksud dan tujuan",
            "tujuan",
            "maksud, tujuan",
            "tujuan kegiatan",
            "tujuan kunjungan",
        ],
    ),
    (
        "Pelaksanaan",
        &[
            "pelaksanaan",
            "waktu dan tempat",
            "pelaksanaan kegiatan",
            "jadwal",
            "agenda",
        ],
    ),
    (
        "Temuan",
        &[
            "hasil kunjungan",
            "hasil studi banding",
            "hasil kegiatan",
            "hasil pelaksanaan",
            "temuan",
            "hasil yang diperoleh",
            "hasil",
        ],
    ),
    (
        "Pembelajaran",
        &["pembelajaran", "pelajaran yang dapat", "lessons learned"],
    ),
    (
        "Rekomendasi",
        &[
            "saran dan rekomendasi",
            "rekomendasi",
            "saran",
            "kesimpulan dan saran",
        ],
    ),
    ("Tindak Lanjut", &["rencana tindak lanjut", "tindak lanjut"]),
];

fn rename_target(heading: &str) -> Option<&'static str> {
    let h = heading.to_lowercase();
    let h = h.trim_end_matches([':', '.']).trim();
    for (to, from) in RENAMES {
        for f in from {
            // The whole heading, or the heading followed by a few more words ("Hasil Kunjungan
            // ke Kota Surabaya").
            if h == *f
                || h.starts_with(&format!("{f} "))
                    && h.split_whitespace().count() <= f.split_whitespace().count() + 4
            {
                if *f == "tujuan" && h.contains("tujuan kunjungan ke") {
                    return None;
                }
                return Some(to);
            }
        }
    }
    None
}

fn section_end(items: &[Item], h: usize) -> usize {
    let level = match &items[h] {
        Item::Heading { level, .. } => *level,
        _ => return h + 1,
    };
    items[h + 1..]
        .iter()
        .position(|i| matches!(i, Item::Heading { level: l, .. } if *l <= level))
        .map(|p| h + 1 + p)
        .unwrap_or(items.len())
}

fn find_section(items: &[Item], names: &[&str]) -> Option<(usize, usize)> {
    items.iter().enumerate().find_map(|(i, it)| match it {
        Item::Heading { text, .. } => {
            let l = text.to_lowercase();
            names
                .iter()
                .any(|n| {
                    l == *n || l.starts_with(&format!("{n} ")) || l.starts_with(&format!("{n}:"))
                })
                .then(|| (i, section_end(items, i)))
        }
        _ => None,
    })
}

/// Strips list punctuation: "melihat langsung …;" → "melihat langsung …".
fn clean_item(s: &str) -> String {
    let s = squash(s);
    let s = s.trim_end_matches([';', ',', '.', ' ']);
    let s = s
        .strip_suffix("; dan")
        .or_else(|| s.strip_suffix(" dan"))
        .unwrap_or(s);
    let s = s.trim_end_matches([';', ',', '.', ' ']);
    let s = match super::structure::typed_number(s) {
        Some((super::structure::Typed::Digit | super::structure::Typed::Letter, rest)) => rest,
        _ => s.to_string(),
    };
    let mut cs = s.chars();
    match cs.next() {
        Some(f) => f.to_uppercase().collect::<String>() + cs.as_str(),
        None => String::new(),
    }
}

/// "Label : value" lines in paragraphs and two- or three-column tables.
fn key_values(items: &[Item]) -> Vec<(usize, String, String)> {
    let mut out = Vec::new();
    for (i, it) in items.iter().enumerate() {
        match it {
            Item::Para(p) => {
                let t = squash(&p.text());
                if let Some((k, v)) = t.split_once(':') {
                    let k = k.trim();
                    if !k.is_empty() && k.chars().count() <= 40 && !v.trim().is_empty() {
                        let k = match super::structure::typed_number(k) {
                            Some((_, rest)) => rest,
                            None => k.to_string(),
                        };
                        out.push((i, k.to_lowercase(), v.trim().to_string()));
                    }
                }
            }
            Item::Table(t, _) => {
                for row in &t.rows {
                    let cells: Vec<String> = row
                        .iter()
                        .map(|c| squash(&c.text()))
                        .filter(|c| !c.is_empty())
                        .collect();
                    let cells: Vec<&String> = cells.iter().filter(|c| c.as_str() != ":").collect();
                    if cells.len() == 2 && cells[0].chars().count() <= 40 {
                        let v = cells[1].trim_start_matches(':').trim().to_string();
                        out.push((i, cells[0].trim_end_matches(':').trim().to_lowercase(), v));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The place visited in a phrase: "Kota Surabaya", "Kabupaten Banyuwangi", "Provinsi Bali".
pub fn region(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    for (i, w) in words.iter().enumerate() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
        let lw = w.to_lowercase();
        let prefix = match lw.as_str() {
            "kota" => "Kota",
            "kabupaten" | "kab." | "kab" => "Kabupaten",
            "provinsi" | "prov." => "Provinsi",
            "dki" => "DKI",
            "daerah"
                if words
                    .get(i + 1)
                    .is_some_and(|n| n.eq_ignore_ascii_case("istimewa")) =>
            {
                "Daerah"
            }
            _ => continue,
        };
        let mut name = Vec::new();
        for n in &words[i + 1..] {
            let clean = n.trim_end_matches([',', '.', ';', ')', ':']);
            let first = clean.chars().next();
            if first.is_some_and(char::is_uppercase) && !clean.is_empty() {
                name.push(clean.to_string());
                if clean.len() != n.len() || name.len() >= 3 {
                    break;
                }
            } else {
                break;
            }
        }
        if !name.is_empty() {
            let joined = title_case(&name.join(" "));
            return Some(format!("{prefix} {joined}"));
        }
    }
    None
}

/// The host named after "kunjungan ke …", "studi banding ke …".
fn host_phrase(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let at = [
        "studi banding ke ",
        "kunjungan kerja ke ",
        "kunjungan ke ",
        "tujuan kunjungan ke ",
        "berkunjung ke ",
        "studi tiru ke ",
    ]
    .iter()
    .filter_map(|m| lower.find(m).map(|p| p + m.len()))
    .min()?;
    let rest = &text[at..];
    let lower_rest = &lower[at..];
    let mut end = rest.len();
    for stop in [
        " pada ", " tanggal", " tgl", " dalam ", " untuk ", " yang ", " guna ", " dengan ", ",",
        ".", ";", "(",
    ] {
        if let Some(p) = lower_rest.find(stop) {
            if p > 0 {
                end = end.min(p);
            }
        }
    }
    let host = title_case(rest[..end].trim());
    (!host.is_empty() && host.split_whitespace().count() <= 12).then_some(host)
}

/// Unit from letterhead lines: "PEMERINTAH KABUPATEN SLEMAN" + "DINAS KOMUNIKASI DAN
/// INFORMATIKA" → "Dinas Komunikasi dan Informatika Kabupaten Sleman".
pub fn unit_from_letterhead(lines: &[String]) -> Option<String> {
    let starts = [
        "DINAS",
        "BADAN",
        "SEKRETARIAT",
        "INSPEKTORAT",
        "SATUAN",
        "BAGIAN",
        "KANTOR",
        "RUMAH SAKIT",
        "KECAMATAN",
    ];
    let unit = lines.iter().find(|l| {
        let u = l.trim().to_uppercase();
        is_upper(l) && starts.iter().any(|s| u.starts_with(s))
    })?;
    let mut unit = title_case(unit);
    if let Some(gov) = lines
        .iter()
        .find(|l| l.trim().to_uppercase().starts_with("PEMERINTAH"))
    {
        if let Some(r) = region(&title_case(gov)) {
            if !unit.to_lowercase().contains(&r.to_lowercase()) {
                unit = format!("{unit} {r}");
            }
        }
    }
    Some(unit)
}

fn list_like(p: &Para) -> bool {
    p.list.is_some_and(|l| l.level == 0)
        || matches!(
            super::structure::typed_number(&p.text()),
            Some((
                super::structure::Typed::Digit | super::structure::Typed::Letter,
                _
            ))
        )
}

/// Looks at the outline and fills [`Fields`]; removes from `items` what moved to the front
/// matter (recommendation list, participant list) and renames sections.
pub fn detect(
    items: &mut Vec<Item>,
    title: Option<String>,
    letterhead: &[String],
    unit: Option<String>,
) -> Fields {
    let mut f = Fields {
        kind: "studi-banding",
        ..Fields::default()
    };
    let all_text: Vec<String> = items
        .iter()
        .map(|i| match i {
            Item::Para(p) => squash(&p.text()),
            Item::Heading { text, .. } | Item::Caption(text) => text.clone(),
            Item::Table(..) => String::new(),
        })
        .collect();
    f.title = title;
    let title_l = f.title.clone().unwrap_or_default().to_lowercase();
    if title_l.contains("kunjungan kerja")
        || all_text
            .iter()
            .take(10)
            .any(|t| t.to_lowercase().contains("kunjungan kerja"))
    {
        f.kind = "kunjungan-kerja";
    }
    f.unit = unit.or_else(|| unit_from_letterhead(letterhead));
    let kv = key_values(items);
    // Dates.
    for (_, k, v) in &kv {
        if ["tanggal", "hari", "waktu", "pelaksanaan"]
            .iter()
            .any(|w| k.contains(w))
        {
            if let Some(r) = find_range(v) {
                f.dates = Some(r);
                break;
            }
        }
    }
    if f.dates.is_none() {
        f.dates = all_text
            .iter()
            .filter(|t| t.to_lowercase().contains("tanggal"))
            .chain(f.title.iter())
            .chain(all_text.iter())
            .find_map(|t| find_range(t));
    }
    // Place and hosts.
    for (_, k, v) in &kv {
        let is_host = [
            "instansi",
            "objek kunjungan",
            "obyek kunjungan",
            "lembaga yang dikunjungi",
            "tuan rumah",
        ]
        .iter()
        .any(|w| k.contains(w));
        let is_place = [
            "tempat",
            "lokasi",
            "daerah tujuan",
            "kota tujuan",
            "tempat tujuan",
            "lokasi kunjungan",
        ]
        .iter()
        .any(|w| k == w || k.starts_with(&format!("{w} ")));
        if is_host && f.hosts.is_empty() {
            f.hosts = v
                .split(';')
                .map(clean_item)
                .filter(|h| !h.is_empty())
                .collect();
        } else if is_place && f.destination.is_none() {
            f.destination = region(v).or_else(|| {
                let first = v.split([',', ';']).next().unwrap_or(v).trim();
                (!first.is_empty() && first.split_whitespace().count() <= 6)
                    .then(|| title_case(first))
            });
            if f.hosts.is_empty() && v.split([',', ';']).count() >= 2 {
                let host = clean_item(v.split([',', ';']).next().unwrap_or(""));
                if region(&host).is_none() || host.split_whitespace().count() > 3 {
                    f.hosts.push(host);
                }
            }
        }
    }
    if f.hosts.is_empty() || f.destination.is_none() {
        let phrase = f
            .title
            .iter()
            .chain(all_text.iter())
            .find_map(|t| host_phrase(t));
        if let Some(h) = phrase {
            if f.destination.is_none() {
                f.destination = region(&h);
            }
            let only_region = region(&h).is_some_and(|r| r.eq_ignore_ascii_case(&h));
            if f.hosts.is_empty() && !only_region {
                f.hosts.push(h);
            }
        }
    }
    if f.destination.is_none() {
        f.destination = f.hosts.iter().find_map(|h| region(h));
    }
    // Funding and budget.
    for (_, k, v) in &kv {
        if (k.contains("sumber dana")
            || k.contains("sumber anggaran")
            || k.contains("sumber biaya")
            || k.contains("pembiayaan")
            || k.contains("pembebanan"))
            && f.funding.is_none()
        {
            let v = v.split("Rp").next().unwrap_or(v);
            let v = v.trim().trim_end_matches([',', '.', ';', ' ']);
            if !v.is_empty() {
                f.funding = Some(v.to_string());
            }
        }
        if (k.contains("biaya")
            || k.contains("anggaran")
            || k.contains("jumlah")
            || k.contains("total")
            || k.contains("dana"))
            && f.budget.is_none()
        {
            f.budget = rupiah(v);
        }
    }
    if f.funding.is_none() {
        f.funding = all_text.iter().find_map(|t| {
            let at = t.find("APBD").or_else(|| t.find("APBN"))?;
            let words: Vec<&str> = t[at..]
                .split_whitespace()
                .take_while(|w| {
                    !w.ends_with([',', '.', ';']) || w.chars().any(|c| c.is_ascii_digit())
                })
                .take(6)
                .collect();
            let mut s = words.join(" ");
            if s.is_empty() {
                return None;
            }
            // Keep up to the year when one is given.
            if let Some(p) = s.rfind(|c: char| c.is_ascii_digit()) {
                s.truncate(p + 1);
            }
            Some(s.trim_end_matches([',', '.', ';']).to_string())
        });
    }
    if f.budget.is_none() {
        let mut amounts: Vec<(u64, bool)> = Vec::new();
        for t in &all_text {
            if let Some(a) = rupiah(t) {
                let l = t.to_lowercase();
                let strong = ["anggaran", "biaya", "total", "jumlah", "sebesar"]
                    .iter()
                    .any(|w| l.contains(w));
                amounts.push((a, strong));
            }
        }
        let strong: Vec<u64> = amounts
            .iter()
            .filter(|(_, s)| *s)
            .map(|(a, _)| *a)
            .collect();
        if let Some(first) = strong.first() {
            f.budget = Some(*first);
            f.budget_guessed = strong.len() > 1;
        } else if amounts.len() == 1 {
            f.budget = Some(amounts[0].0);
        }
    }
    // Objectives.
    if let Some((h, end)) = find_section(items, &["maksud dan tujuan", "tujuan", "maksud, tujuan"])
    {
        let in_section = &items[h + 1..end];
        let listed: Vec<String> = in_section
            .iter()
            .filter_map(|i| match i {
                Item::Para(p) if list_like(p) => Some(clean_item(&p.text())),
                _ => None,
            })
            .filter(|s| !s.is_empty())
            .collect();
        f.objectives = if listed.is_empty() {
            in_section
                .iter()
                .filter_map(|i| match i {
                    Item::Para(p) => {
                        let t = squash(&p.text());
                        let l = t.to_lowercase();
                        (l.starts_with("tujuan") || !l.starts_with("maksud"))
                            .then(|| clean_item(&t))
                    }
                    _ => None,
                })
                .filter(|s| !s.is_empty())
                .take(5)
                .collect()
        } else {
            listed
        };
        f.objectives.truncate(10);
    }
    // Recommendations and team; what moves to the front matter leaves the body.
    let mut remove: Vec<usize> = Vec::new();
    let rec_section = find_section(
        items,
        &[
            "saran dan rekomendasi",
            "rekomendasi",
            "saran",
            "kesimpulan dan saran",
        ],
    )
    .or_else(|| find_section(items, &["rencana tindak lanjut", "tindak lanjut"]));
    if let Some((h, end)) = rec_section {
        for (i, item) in items.iter().enumerate().take(end).skip(h + 1) {
            match item {
                Item::Para(p) if list_like(p) => {
                    let text = clean_item(&p.text());
                    if !text.is_empty() {
                        f.recs.push(Rec {
                            text,
                            ..Rec::default()
                        });
                        remove.push(i);
                    }
                }
                Item::Table(t, _) if f.recs.is_empty() && t.rows.len() >= 2 => {
                    let header: Vec<String> =
                        t.rows[0].iter().map(|c| c.text().to_lowercase()).collect();
                    let col = |names: &[&str]| {
                        header
                            .iter()
                            .position(|h| names.iter().any(|n| h.contains(n)))
                    };
                    let owner = col(&["penanggung", "pelaksana", "pj", "unit", "owner"]);
                    let due = col(&["waktu", "target", "tenggat", "batas", "jadwal"]);
                    let indicator = col(&["indikator", "ukuran"]);
                    let text_col = col(&["rekomendasi", "saran", "uraian", "kegiatan", "rencana"])
                        .or_else(|| {
                            (0..header.len())
                                .filter(|c| {
                                    Some(*c) != owner && Some(*c) != due && Some(*c) != indicator
                                })
                                .max_by_key(|c| {
                                    t.rows[1..]
                                        .iter()
                                        .map(|r| r.get(*c).map(|x| x.text().len()).unwrap_or(0))
                                        .sum::<usize>()
                                })
                        });
                    let Some(text_col) = text_col else { continue };
                    for row in &t.rows[1..] {
                        let get = |c: Option<usize>| {
                            c.and_then(|c| row.get(c))
                                .map(|x| squash(&x.text()))
                                .filter(|s| !s.is_empty())
                        };
                        let Some(text) = get(Some(text_col)).map(|s| clean_item(&s)) else {
                            continue;
                        };
                        f.recs.push(Rec {
                            text,
                            owner: get(owner),
                            due: get(due).and_then(|d| find_range(&d)).map(|(_, e)| e),
                            indicator: get(indicator),
                        });
                    }
                    if !f.recs.is_empty() {
                        remove.push(i);
                    }
                }
                _ => {}
            }
        }
    }
    if let Some((h, end)) = find_section(
        items,
        &[
            "susunan tim",
            "anggota tim",
            "peserta",
            "tim",
            "personil",
            "rombongan",
            "daftar peserta",
        ],
    ) {
        let before = remove.len();
        for (i, item) in items.iter().enumerate().take(end).skip(h + 1) {
            match item {
                Item::Para(p) if list_like(p) => {
                    let t = clean_item(&p.text());
                    if !t.is_empty() {
                        f.team.push(t);
                        remove.push(i);
                    }
                }
                Item::Table(t, _) if t.rows.len() >= 2 => {
                    let header: Vec<String> =
                        t.rows[0].iter().map(|c| c.text().to_lowercase()).collect();
                    for row in &t.rows[1..] {
                        let cells: Vec<String> = row
                            .iter()
                            .enumerate()
                            .filter(|(c, _)| {
                                !header.get(*c).is_some_and(|h| {
                                    h.trim() == "no" || h.trim() == "no." || h.trim() == "nomor"
                                })
                            })
                            .map(|(_, x)| squash(&x.text()))
                            .filter(|s| !s.is_empty())
                            .collect();
                        if !cells.is_empty() {
                            f.team.push(cells.join(", "));
                        }
                    }
                    remove.push(i);
                }
                _ => {}
            }
        }
        if remove.len() > before
            && (h + 1..end).all(|i| remove.contains(&i) || matches!(items[i], Item::Heading { .. }))
        {
            remove.push(h);
        }
    }
    if f.team.is_empty() {
        for (i, k, v) in &kv {
            if k == "peserta" || k == "tim" || k == "anggota" || k == "anggota tim" {
                f.team = v
                    .split([';', ','])
                    .map(clean_item)
                    .filter(|s| !s.is_empty())
                    .collect();
                remove.push(*i);
                break;
            }
        }
    }
    // Rename sections (the first of each, never to a name another heading already has).
    let mut used: Vec<&str> = RENAMES
        .iter()
        .map(|(to, _)| *to)
        .filter(|to| {
            items
                .iter()
                .any(|i| matches!(i, Item::Heading { text, .. } if text.eq_ignore_ascii_case(to)))
        })
        .collect();
    for it in items.iter_mut() {
        if let Item::Heading { text, .. } = it {
            if let Some(to) = rename_target(text) {
                if used.contains(&to) {
                    continue;
                }
                used.push(to);
                if text != to {
                    f.renamed.push((text.clone(), to.to_string()));
                    *text = to.to_string();
                }
            }
        }
    }
    remove.sort_unstable();
    remove.dedup();
    let rec_note_at = rec_section
        .filter(|_| !f.recs.is_empty())
        .map(|(h, _)| h + 1 - remove.iter().filter(|r| **r <= h).count());
    for i in remove.into_iter().rev() {
        items.remove(i);
    }
    if let Some(at) = rec_note_at {
        let note = "Rekomendasi dicatat di front matter ([[recommendations]]) dan ditampilkan \
                    sebagai tabel di bawah laporan, lengkap dengan status tindak lanjutnya.";
        items.insert(
            at.min(items.len()),
            Item::Para(Para {
                inlines: vec![super::model::Inline::Text {
                    text: note.into(),
                    bold: false,
                    italic: false,
                }],
                ..Para::default()
            }),
        );
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_and_hosts_are_read_from_phrases() {
        assert_eq!(
            region("Dinas Kominfo Kota Surabaya, Jawa Timur").as_deref(),
            Some("Kota Surabaya")
        );
        assert_eq!(
            region("ke Kab. Banyuwangi").as_deref(),
            Some("Kabupaten Banyuwangi")
        );
        assert_eq!(
            host_phrase("Laporan Studi Banding ke Dinas Kominfo Kota Surabaya pada tanggal 6 Mei")
                .as_deref(),
            Some("Dinas Kominfo Kota Surabaya")
        );
    }

    #[test]
    fn unit_comes_from_the_letterhead() {
        let lines = vec![
            "PEMERINTAH KABUPATEN SLEMAN".to_string(),
            "DINAS KOMUNIKASI DAN INFORMATIKA".to_string(),
            "Jalan Parasamya No. 1, Beran, Tridadi".to_string(),
        ];
        assert_eq!(
            unit_from_letterhead(&lines).as_deref(),
            Some("Dinas Komunikasi dan Informatika Kabupaten Sleman")
        );
    }

    #[test]
    fn sections_are_renamed_only_when_they_clearly_match() {
        assert_eq!(rename_target("Maksud dan Tujuan"), Some("Tujuan"));
        assert_eq!(rename_target("Hasil Kunjungan"), Some("Temuan"));
        assert_eq!(rename_target("Saran"), Some("Rekomendasi"));
        assert_eq!(
            rename_target("Rencana Tindak Lanjut"),
            Some("Tindak Lanjut")
        );
        assert_eq!(rename_target("Pendahuluan"), None);
        assert_eq!(
            rename_target("Hasil Pengamatan Lapangan Yang Sangat Panjang Sekali Lagi"),
            None
        );
    }

    #[test]
    fn list_items_lose_their_punctuation() {
        assert_eq!(
            clean_item("mempelajari sistem antrean; dan"),
            "Mempelajari sistem antrean"
        );
        assert_eq!(clean_item("1. Menyusun SOP."), "Menyusun SOP");
    }
}
