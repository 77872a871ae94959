//! Official names and codes of Indonesia's provinces and regencies/cities (*kode wilayah*
//! of the Ministry of Home Affairs), so that a visit's place can be joined with other Satu
//! Data sets: a `province` that is not an official name gets a did-you-mean, the common short
//! forms (`Jateng`, `DIY`, `Jabar`…) are understood, and a destination that names a regency or
//! city gets its code and its province.
//!
//! The list is `wilayah.csv` beside this file; where it comes from and how to refresh it is in
//! `README.md` there.

use std::collections::HashMap;
use std::sync::OnceLock;

/// A province, or a regency/city.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Region {
    /// Kemendagri code: `33` for a province, `33.02` for a regency/city.
    pub code: &'static str,
    /// Official name as written in running text: `Jawa Tengah`, `Kabupaten Banyumas`.
    pub name: &'static str,
    /// The province's code for a regency/city; empty for a province.
    pub province_code: &'static str,
}

impl Region {
    /// True for a province.
    pub fn is_province(&self) -> bool {
        self.province_code.is_empty()
    }
}

/// How a writer's `province` relates to the official list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProvinceMatch {
    /// The official name (any case, `Provinsi` before it or not).
    Official(&'static Region),
    /// A common short or older form: `Jateng`, `DIY`, `DI Yogyakarta`, `NTB`.
    ShortForm(&'static Region),
    /// Not a province; the nearest official name, when one is near.
    Unknown(Option<&'static Region>),
}

/// Short and older forms of province names in common use, by normalised key.
const PROVINCE_SHORT_FORMS: &[(&str, &str)] = &[
    ("nad", "11"),
    ("nanggroe aceh darussalam", "11"),
    ("sumut", "12"),
    ("sumbar", "13"),
    ("sumsel", "16"),
    ("babel", "19"),
    ("bangka belitung", "19"),
    ("kepri", "21"),
    ("jakarta", "31"),
    ("dki", "31"),
    ("daerah khusus ibukota jakarta", "31"),
    ("daerah khusus jakarta", "31"),
    ("jabar", "32"),
    ("jateng", "33"),
    ("diy", "34"),
    ("di yogyakarta", "34"),
    ("d i yogyakarta", "34"),
    ("yogyakarta", "34"),
    ("jogja", "34"),
    ("jogjakarta", "34"),
    ("jatim", "35"),
    ("ntb", "52"),
    ("ntt", "53"),
    ("kalbar", "61"),
    ("kalteng", "62"),
    ("kalsel", "63"),
    ("kaltim", "64"),
    ("kaltara", "65"),
    ("sulut", "71"),
    ("sulteng", "72"),
    ("sulsel", "73"),
    ("sultra", "74"),
    ("sulbar", "76"),
    ("malut", "82"),
    ("pabar", "92"),
    ("pbd", "96"),
];

struct Table {
    regions: Vec<Region>,
    /// Normalised province name or short form → index.
    provinces: HashMap<String, usize>,
    /// Normalised regency/city name, with and without its `Kabupaten`/`Kota` → indexes.
    regencies: HashMap<String, Vec<usize>>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let regions: Vec<Region> = include_str!("wilayah.csv")
            .lines()
            .skip(1)
            .filter_map(|line| {
                let mut cells = line.splitn(3, ',');
                Some(Region {
                    code: cells.next()?,
                    province_code: cells.next()?,
                    name: cells.next()?,
                })
            })
            .collect();
        let mut provinces = HashMap::new();
        let mut regencies: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, r) in regions.iter().enumerate() {
            let key = normalise(r.name);
            if r.is_province() {
                provinces.insert(key, i);
            } else {
                let bare = strip_kind(&key).to_string();
                regencies.entry(key).or_default().push(i);
                if let Some(short) = short_kind(r.name) {
                    regencies.entry(short).or_default().push(i);
                }
                regencies.entry(bare).or_default().push(i);
            }
        }
        for (short, code) in PROVINCE_SHORT_FORMS {
            if let Some(i) = regions.iter().position(|r| r.code == *code) {
                provinces.entry((*short).to_string()).or_insert(i);
            }
        }
        Table {
            regions,
            provinces,
            regencies,
        }
    })
}

/// Lower case, punctuation as spaces, spaces collapsed, `Provinsi` dropped.
fn normalise(s: &str) -> String {
    let spaced: String = s
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                ' '
            }
        })
        .collect();
    let words: Vec<&str> = spaced.split_whitespace().collect();
    let words = match words.first() {
        Some(&"provinsi") | Some(&"prov") => &words[1..],
        _ => &words[..],
    };
    words.join(" ")
}

/// `kota x` / `kabupaten x` / `kota administrasi x` → `x`.
fn strip_kind(key: &str) -> &str {
    for prefix in [
        "kota administrasi ",
        "kabupaten administrasi ",
        "kabupaten ",
        "kota ",
    ] {
        if let Some(rest) = key.strip_prefix(prefix) {
            return rest;
        }
    }
    key
}

/// The `Kab. X` form of a `Kabupaten X`, normalised.
fn short_kind(name: &str) -> Option<String> {
    let key = normalise(name);
    key.strip_prefix("kabupaten ")
        .map(|rest| format!("kab {rest}"))
}

/// Every province, in code order.
pub fn provinces() -> impl Iterator<Item = &'static Region> {
    table().regions.iter().filter(|r| r.is_province())
}

/// The region with this code.
pub fn by_code(code: &str) -> Option<&'static Region> {
    table().regions.iter().find(|r| r.code == code)
}

/// The province of a regency/city (itself for a province).
pub fn province_of(region: &'static Region) -> &'static Region {
    if region.is_province() {
        region
    } else {
        by_code(region.province_code).unwrap_or(region)
    }
}

/// What a writer's `province` is.
pub fn province(name: &str) -> ProvinceMatch {
    let t = table();
    let key = normalise(name);
    if let Some(&i) = t.provinces.get(&key) {
        let region = &t.regions[i];
        return if normalise(region.name) == key {
            ProvinceMatch::Official(region)
        } else {
            ProvinceMatch::ShortForm(region)
        };
    }
    let names: Vec<String> = provinces().map(|r| normalise(r.name)).collect();
    let near = crate::diagnostics::did_you_mean(&key, names.iter().map(String::as_str))
        .and_then(|n| t.provinces.get(n))
        .map(|&i| &t.regions[i]);
    ProvinceMatch::Unknown(near)
}

/// The regency or city a destination names: `Kabupaten Banyumas`, `Kab. Banyumas`,
/// `Kota Surabaya`, or `Surabaya` when only one regency/city has that name. Only the part
/// before a comma is read (`Kota Surabaya, Jawa Timur`). With `province` given, a name that
/// exists in several provinces is taken from that province.
pub fn regency(destination: &str, province: Option<&'static Region>) -> Option<&'static Region> {
    let t = table();
    let first = destination.split([',', '(']).next().unwrap_or(destination);
    let key = normalise(first);
    let found = t.regencies.get(&key)?;
    let in_province: Vec<usize> = match province {
        Some(p) => found
            .iter()
            .copied()
            .filter(|&i| t.regions[i].province_code == p.code)
            .collect(),
        None => found.clone(),
    };
    match in_province.as_slice() {
        [one] => Some(&t.regions[*one]),
        _ => None,
    }
}

/// What the place of a visit in Indonesia resolves to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Place {
    /// The province, official.
    pub province: Option<&'static Region>,
    /// The regency/city the destination names.
    pub regency: Option<&'static Region>,
}

impl Place {
    /// The most precise code: the regency's, else the province's (`kode_wilayah`).
    pub fn code(&self) -> Option<&'static str> {
        self.regency.or(self.province).map(|r| r.code)
    }
}

/// A problem with a visit's place, for a warning at the `province` key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlaceProblem {
    /// `province` is not a province; the nearest official name, if any.
    UnknownProvince(Option<&'static str>),
    /// The destination's regency/city lies in another province than `province` says.
    OtherProvince {
        /// The regency/city.
        regency: &'static str,
        /// Its province.
        province: &'static str,
    },
}

/// Resolves a domestic visit's destination and province.
pub fn resolve(destination: &str, province_name: Option<&str>) -> (Place, Option<PlaceProblem>) {
    let mut problem = None;
    let province = match province_name.map(province) {
        Some(ProvinceMatch::Official(p) | ProvinceMatch::ShortForm(p)) => Some(p),
        Some(ProvinceMatch::Unknown(near)) => {
            problem = Some(PlaceProblem::UnknownProvince(near.map(|r| r.name)));
            None
        }
        None => None,
    };
    let regency = regency(destination, province).or_else(|| regency(destination, None));
    if let (Some(r), Some(p)) = (regency, province) {
        if r.province_code != p.code {
            problem = Some(PlaceProblem::OtherProvince {
                regency: r.name,
                province: province_of(r).name,
            });
        }
    }
    let province = province.or_else(|| regency.map(province_of));
    (Place { province, regency }, problem)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_has_every_province_and_regency() {
        assert_eq!(provinces().count(), 38);
        assert_eq!(table().regions.len() - 38, 514);
        assert_eq!(by_code("33.02").unwrap().name, "Kabupaten Banyumas");
        assert_eq!(province_of(by_code("35.78").unwrap()).name, "Jawa Timur");
    }

    #[test]
    fn provinces_official_short_and_misspelt() {
        let code = |m: ProvinceMatch| match m {
            ProvinceMatch::Official(r) | ProvinceMatch::ShortForm(r) => Some(r.code),
            ProvinceMatch::Unknown(_) => None,
        };
        assert!(matches!(
            province("Jawa Tengah"),
            ProvinceMatch::Official(_)
        ));
        assert!(matches!(
            province("PROVINSI JAWA TENGAH"),
            ProvinceMatch::Official(_)
        ));
        assert!(matches!(province("Jateng"), ProvinceMatch::ShortForm(_)));
        assert_eq!(code(province("Jateng")), Some("33"));
        assert_eq!(code(province("DIY")), Some("34"));
        assert_eq!(code(province("DI Yogyakarta")), Some("34"));
        assert_eq!(code(province("D.I. Yogyakarta")), Some("34"));
        assert_eq!(code(province("NTB")), Some("52"));
        match province("Jawa Tenga") {
            ProvinceMatch::Unknown(Some(r)) => assert_eq!(r.name, "Jawa Tengah"),
            other => panic!("{other:?}"),
        }
        assert_eq!(province("Atlantis"), ProvinceMatch::Unknown(None));
    }

    #[test]
    fn destinations_name_regencies_and_cities() {
        let name = |d: &str| regency(d, None).map(|r| r.name);
        assert_eq!(name("Kabupaten Banyumas"), Some("Kabupaten Banyumas"));
        assert_eq!(name("Kab. Banyumas"), Some("Kabupaten Banyumas"));
        assert_eq!(name("Banyumas"), Some("Kabupaten Banyumas"));
        assert_eq!(name("Kota Surabaya, Jawa Timur"), Some("Kota Surabaya"));
        assert_eq!(
            name("Jakarta Pusat"),
            Some("Kota Administrasi Jakarta Pusat")
        );
        // Bandung is a regency and a city: only the full name decides.
        assert_eq!(name("Bandung"), None);
        assert_eq!(name("Kota Bandung"), Some("Kota Bandung"));
        assert_eq!(name("Seoul"), None);
    }

    #[test]
    fn resolve_fills_the_province_and_catches_a_wrong_one() {
        let (place, problem) = resolve("Kota Surabaya", None);
        assert_eq!(place.province.unwrap().name, "Jawa Timur");
        assert_eq!(place.code(), Some("35.78"));
        assert_eq!(problem, None);
        let (_, problem) = resolve("Kota Surabaya", Some("Jawa Tengah"));
        assert_eq!(
            problem,
            Some(PlaceProblem::OtherProvince {
                regency: "Kota Surabaya",
                province: "Jawa Timur"
            })
        );
        let (place, problem) = resolve("Kecamatan Sokaraja", Some("Jawa Tenga"));
        assert_eq!(
            problem,
            Some(PlaceProblem::UnknownProvince(Some("Jawa Tengah")))
        );
        assert_eq!(place, Place::default());
        let (place, _) = resolve("Kabupaten Gorontalo", Some("Gorontalo"));
        assert_eq!(place.code(), Some("75.01"));
    }
}
