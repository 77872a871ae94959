use super::*;

fn terms(text: &str) -> Vec<Vec<String>> {
    analyse(text, Lang::Id)
}

#[test]
fn stopword_lists_are_sorted_for_binary_search() {
    assert!(STOP_ID.windows(2).all(|w| w[0] < w[1]));
    assert!(STOP_EN.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn folds_case_and_accents() {
    assert_eq!(
        fold("PENGELOLAAN Café Ñandú İstanbul"),
        "pengelolaan cafe nandu istanbul"
    );
}

#[test]
fn collapses_hyphenated_reduplication() {
    assert_eq!(tokenize("anak-anak"), ["anak"]);
    assert_eq!(tokenize(&fold("Daerah-daerah")), ["daerah"]);
    assert_eq!(tokenize("bermain-main"), ["bermain"]);
    assert_eq!(tokenize("covid-19 e-ktp"), ["covid", "19", "ktp"]);
    assert_eq!(tokenize("sayur-mayur"), ["sayur", "mayur"]);
    assert!(tokenize("a - b -c d- -").is_empty());
    assert_eq!(tokenize("kerja--sama"), ["kerja", "sama"]);
    assert_eq!(terms("anak-anak"), terms("anak"));
}

#[test]
fn drops_one_letter_and_overlong_words() {
    let long = "x".repeat(MAX_WORD_CHARS + 1);
    assert_eq!(tokenize(&format!("a b cd {long}")), ["cd"]);
}

#[test]
fn keeps_content_words_and_drops_function_words() {
    let t = terms("yang dan di tahun masalah untuk");
    assert_eq!(
        t,
        vec![vec!["tahun".to_string()], vec!["masalah".to_string()]]
    );
}

#[test]
fn english_pages_use_porter2() {
    let t = analyse("The councils are managing waste", Lang::En);
    assert_eq!(t, vec![vec!["council"], vec!["manag"], vec!["wast"]]);
    assert_eq!(Lang::from_code("en"), Lang::En);
    assert_eq!(Lang::from_code("id"), Lang::Id);
}

#[test]
fn query_fillers_are_sorted_for_binary_search() {
    assert!(QUERY_FILLERS.windows(2).all(|w| w[0] < w[1]));
    assert!(is_query_filler("bagaimana") && !is_query_filler("stunting"));
}
