//! Places abroad that regional governments visit, to notice a trip abroad written down with
//! `country = "Indonesia"` (the default, and what the report skeleton says).

/// Names (lower case, Indonesian and English) of countries and cities abroad, with the
/// country to write.
const PLACES: &[(&str, &str)] = &[
    ("malaysia", "Malaysia"),
    ("kuala lumpur", "Malaysia"),
    ("putrajaya", "Malaysia"),
    ("penang", "Malaysia"),
    ("johor bahru", "Malaysia"),
    ("melaka", "Malaysia"),
    ("malacca", "Malaysia"),
    ("kuching", "Malaysia"),
    ("kota kinabalu", "Malaysia"),
    ("singapura", "Singapura"),
    ("singapore", "Singapura"),
    ("brunei", "Brunei Darussalam"),
    ("bandar seri begawan", "Brunei Darussalam"),
    ("thailand", "Thailand"),
    ("bangkok", "Thailand"),
    ("phuket", "Thailand"),
    ("chiang mai", "Thailand"),
    ("vietnam", "Vietnam"),
    ("hanoi", "Vietnam"),
    ("ho chi minh", "Vietnam"),
    ("filipina", "Filipina"),
    ("philippines", "Filipina"),
    ("manila", "Filipina"),
    ("timor leste", "Timor Leste"),
    ("dili", "Timor Leste"),
    ("jepang", "Jepang"),
    ("japan", "Jepang"),
    ("tokyo", "Jepang"),
    ("osaka", "Jepang"),
    ("kyoto", "Jepang"),
    ("yokohama", "Jepang"),
    ("fukuoka", "Jepang"),
    ("korea", "Korea Selatan"),
    ("seoul", "Korea Selatan"),
    ("busan", "Korea Selatan"),
    ("tiongkok", "Tiongkok"),
    ("china", "Tiongkok"),
    ("beijing", "Tiongkok"),
    ("shanghai", "Tiongkok"),
    ("shenzhen", "Tiongkok"),
    ("hong kong", "Hong Kong"),
    ("taiwan", "Taiwan"),
    ("taipei", "Taiwan"),
    ("india", "India"),
    ("australia", "Australia"),
    ("sydney", "Australia"),
    ("melbourne", "Australia"),
    ("perth", "Australia"),
    ("canberra", "Australia"),
    ("selandia baru", "Selandia Baru"),
    ("new zealand", "Selandia Baru"),
    ("belanda", "Belanda"),
    ("netherlands", "Belanda"),
    ("amsterdam", "Belanda"),
    ("rotterdam", "Belanda"),
    ("den haag", "Belanda"),
    ("jerman", "Jerman"),
    ("germany", "Jerman"),
    ("berlin", "Jerman"),
    ("prancis", "Prancis"),
    ("perancis", "Prancis"),
    ("paris", "Prancis"),
    ("inggris", "Inggris"),
    ("london", "Inggris"),
    ("amerika serikat", "Amerika Serikat"),
    ("turki", "Turki"),
    ("istanbul", "Turki"),
    ("arab saudi", "Arab Saudi"),
    ("jeddah", "Arab Saudi"),
    ("uni emirat arab", "Uni Emirat Arab"),
    ("dubai", "Uni Emirat Arab"),
];

/// The country abroad that `destination` names, if any (`Kuala Lumpur` → `Malaysia`),
/// matched by whole words in any case.
pub fn country_named_in(destination: &str) -> Option<&'static str> {
    let words: String = destination
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let padded = format!(
        " {} ",
        words.split_whitespace().collect::<Vec<_>>().join(" ")
    );
    PLACES
        .iter()
        .find(|(name, _)| padded.contains(&format!(" {name} ")))
        .map(|(_, country)| *country)
}

/// Whether `country` is Indonesia, however it is written.
pub fn is_indonesia(country: &str) -> bool {
    matches!(
        country.trim().to_lowercase().as_str(),
        "indonesia" | "ri" | "republik indonesia" | "nkri"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn foreign_places_are_found_by_whole_words() {
        assert_eq!(country_named_in("Kuala Lumpur"), Some("Malaysia"));
        assert_eq!(
            country_named_in("Kota Seoul, Korea Selatan"),
            Some("Korea Selatan")
        );
        assert_eq!(country_named_in("Pemerintah Kota Tokyo"), Some("Jepang"));
        assert_eq!(country_named_in("Kota Surabaya"), None);
        assert_eq!(country_named_in("Kabupaten Indiana"), None);
        assert_eq!(country_named_in("Kota Malang"), None);
        assert!(is_indonesia(" indonesia "));
        assert!(!is_indonesia("Malaysia"));
    }
}
