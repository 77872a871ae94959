use super::*;

fn texts(alts: Vec<Phrase>) -> Vec<String> {
    alts.into_iter().map(|p| p.text.to_lowercase()).collect()
}

#[test]
fn the_builtin_files_parse_and_are_as_large_as_promised() {
    let acronyms: AcronymFile = toml_edit::de::from_str(ACRONYMS).expect("akronim.toml");
    let synonyms: SynonymFile = toml_edit::de::from_str(SYNONYMS).expect("sinonim.toml");
    let glossary: GlossaryFile = toml_edit::de::from_str(GLOSSARY).expect("glosarium.toml");
    let n_acr: usize = acronyms.kelompok.iter().map(|g| g.akronim.len()).sum();
    let n_syn: usize = synonyms.kelompok.iter().map(|g| g.sinonim.len()).sum();
    let n_gloss: usize = glossary.kelompok.iter().map(|g| g.pasangan.len()).sum();
    assert!(n_acr >= 300, "{n_acr} acronyms");
    assert!(n_syn >= 150, "{n_syn} synonym sets");
    assert!(n_gloss >= 300, "{n_gloss} glossary pairs");
    assert!(acronyms
        .kelompok
        .iter()
        .all(|g| !g.sumber.trim().is_empty()));
    assert!(synonyms
        .kelompok
        .iter()
        .all(|g| g.sinonim.iter().all(|s| s.len() >= 2)));
}

#[test]
fn acronyms_work_both_ways_and_keep_every_expansion() {
    let lex = Lexicon::builtin();
    assert!(texts(lex.alternatives("Disdukcapil"))
        .contains(&"dinas kependudukan dan pencatatan sipil".to_string()));
    assert!(
        texts(lex.alternatives("dinas kependudukan dan pencatatan sipil"))
            .contains(&"disdukcapil".to_string())
    );
    // Affixed or not, the words are keyed by their stems.
    assert!(texts(lex.alternatives("ruang terbuka hijau")).contains(&"rth".to_string()));
    let pkb = texts(lex.alternatives("PKB"));
    assert!(
        pkb.contains(&"pajak kendaraan bermotor".to_string()),
        "{pkb:?}"
    );
    assert!(
        pkb.contains(&"penyuluh keluarga berencana".to_string()),
        "{pkb:?}"
    );
    // An expansion finds its acronym, not the acronym's other meanings.
    let tax = texts(lex.alternatives("pajak kendaraan bermotor"));
    assert!(tax.contains(&"pkb".to_string()));
    assert!(
        !tax.contains(&"penyuluh keluarga berencana".to_string()),
        "{tax:?}"
    );
}

#[test]
fn synonyms_and_translations_find_each_other() {
    let lex = Lexicon::builtin();
    assert!(texts(lex.alternatives("lansia")).contains(&"lanjut usia".to_string()));
    assert!(texts(lex.alternatives("lanjut usia")).contains(&"lansia".to_string()));
    assert!(texts(lex.alternatives("sampah")).contains(&"limbah padat".to_string()));
    let waste = lex.alternatives("waste banks");
    assert!(waste
        .iter()
        .any(|p| p.text == "bank sampah" && p.lang == Lang::Id));
    let bank = lex.alternatives("bank sampah");
    assert!(bank
        .iter()
        .any(|p| p.text == "waste bank" && p.lang == Lang::En));
    assert!(texts(lex.alternatives("one-stop service"))
        .contains(&"pelayanan terpadu satu pintu".to_string()));
}

#[test]
fn keys_leave_out_stopwords_and_question_words() {
    assert_eq!(
        key_of("Dinas Kependudukan dan Pencatatan Sipil", Lang::Id),
        key_of("dinas kependudukan pencatatan sipil", Lang::Id)
    );
    assert_eq!(key_of("the waste banks", Lang::En), "wast bank");
    assert_eq!(key_of("bagaimana", Lang::Id), "");
}

#[test]
fn only_alternatives_that_can_match_are_written() {
    let mut lex = Lexicon::empty();
    lex.add_synonyms(&["lansia".into(), "lanjut usia".into()]);
    lex.add_synonyms(&["tengkes".into(), "stunting".into()]);
    let present: HashSet<&str> = ["lanjut", "usia", "tengkes"].into_iter().collect();
    let mut files = Files::default();
    let buckets = lex.write(&present, &mut files);
    // "lansia" → "lanjut usia" can match; "lanjut usia" → "lansia" cannot (no such term),
    // "stunting" → "tengkes" can, "tengkes" → "stunting" cannot.
    assert_eq!(
        buckets.keys().cloned().collect::<Vec<_>>(),
        ["l", "s"].map(String::from)
    );
    let all: String = files
        .into_vec()
        .into_iter()
        .map(|(_, b)| String::from_utf8(b).expect("utf-8"))
        .collect();
    assert!(
        all.contains(r#"["lansia",[["lanjut usia","id"]]]"#),
        "{all}"
    );
    assert!(all.contains(r#"["stunting",[["tengkes","id"]]]"#), "{all}");
    assert!(!all.contains(r#""lanjut usia",[["#), "{all}");
}
