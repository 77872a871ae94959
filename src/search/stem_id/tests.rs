use super::*;

/// Whether two words share a candidate root, i.e. a search for one finds the other.
fn conflate(a: &str, b: &str) -> bool {
    let sa = stem(a);
    stem(b).iter().any(|t| sa.contains(t))
}

#[test]
fn forms_of_one_root_conflate() {
    let groups: &[&[&str]] = &[
        &[
            "tulis",
            "menulis",
            "penulis",
            "ditulis",
            "tulisan",
            "penulisan",
        ],
        &[
            "kelola",
            "pengelolaan",
            "pengelola",
            "mengelola",
            "dikelola",
        ],
        &[
            "perintah",
            "pemerintah",
            "pemerintahan",
            "memerintah",
            "diperintahkan",
        ],
        &["nilai", "menilai", "penilaian", "dinilai"],
        &["pakai", "memakai", "pemakaian", "dipakai"],
        &["makan", "memakan", "makanan"],
        &["sapu", "menyapu", "penyapu"],
        &["tanam", "menanam", "penanaman", "ditanam"],
        &[
            "rencana",
            "perencanaan",
            "merencanakan",
            "direncanakan",
            "berencana",
        ],
        &["layan", "pelayanan", "melayani", "dilayani", "layanan"],
        &["kirim", "mengirim", "pengiriman", "dikirim"],
        &["ambil", "mengambil", "pengambilan", "diambil"],
        &["ajar", "pelajaran", "belajar", "mengajar", "pengajar"],
        &["kerja", "bekerja", "pekerjaan", "mengerjakan"],
        &["sehat", "kesehatan"],
        &["rumah", "perumahan"],
        &["baik", "perbaikan", "memperbaiki", "diperbaiki"],
        &["masalah", "permasalahan", "bermasalah"],
        &["periksa", "pemeriksaan", "memeriksa", "diperiksa"],
        &["ikut", "mengikuti", "diikuti"],
        &["bangun", "pembangunan", "membangun", "dibangun"],
        &["berita", "pemberitaan"],
        &["olah", "pengolahan", "mengolah", "diolah"],
        &["laku", "berlaku", "pemberlakuan", "diberlakukan"],
    ];
    for group in groups {
        for w in group.iter() {
            assert!(
                conflate(group[0], w),
                "{} / {w}: {:?} vs {:?}",
                group[0],
                stem(group[0]),
                stem(w)
            );
        }
    }
}

#[test]
fn distinct_roots_stay_apart() {
    let pairs = [
        ("masalah", "masa"),
        ("sekolah", "seko"),
        ("tulis", "ulis"),
        ("pemerintah", "intah"),
        ("tahun", "tahu"),
        ("kota", "kotak"),
        ("pajak", "sajak"),
        ("tanah", "tani"),
        ("perilaku", "ila"),
        ("bertemu", "berte"),
        ("pengelolaan", "lola"),
        ("kelola", "elola"),
        ("pelayanan", "pelajaran"),
        ("pertanian", "pertanahan"),
    ];
    for (a, b) in pairs {
        assert!(!conflate(a, b), "{a} / {b}: {:?} vs {:?}", stem(a), stem(b));
    }
}

#[test]
fn required_stems() {
    assert_eq!(stem("menulis"), ["tulis", "nulis"]);
    assert_eq!(stem("pengelolaan"), ["elola", "kelola"]);
    assert_eq!(stem("kelola"), ["lola", "kelola"]);
    assert_eq!(stem("pemerintah"), ["perintah", "merintah"]);
    assert_eq!(stem("perintah"), ["intah", "rintah", "perintah"]);
    assert_eq!(stem("memakai"), ["paka", "pakai", "maka", "makai"]);
    assert_eq!(stem("menyapu"), ["sapu"]);
    assert_eq!(stem("rumahnya"), ["rumah"]);
    assert_eq!(stem("dan"), ["dan"]);
}

#[test]
fn snowball_core_is_faithful_on_known_words() {
    for (w, s) in [
        ("menulis", "ulis"),
        ("pengelolaan", "elola"),
        ("kelola", "lola"),
        ("pemerintah", "perintah"),
        ("perintah", "intah"),
        ("memeberikan", "peberi"),
        ("masalah", "masa"),
        ("pelajaran", "ajar"),
        ("bekerja", "kerja"),
    ] {
        assert_eq!(snowball(w), s, "{w}");
    }
}

/// The whole Snowball test vocabulary (Debian package `snowball-data`), when installed.
#[test]
fn snowball_core_matches_snowball_vocabulary() {
    let dir = std::path::Path::new("/usr/share/snowball/data/indonesian");
    let (Ok(voc), Ok(out)) = (
        std::fs::read_to_string(dir.join("voc.txt")),
        std::fs::read_to_string(dir.join("output.txt")),
    ) else {
        println!(
            "SKIPPED: {} absent (apt-get install snowball-data)",
            dir.display()
        );
        return;
    };
    let mut n = 0;
    for (v, o) in voc.lines().zip(out.lines()) {
        assert_eq!(snowball(v), o, "{v}");
        n += 1;
    }
    assert!(n > 60_000);
}

#[test]
fn never_panics_and_always_gives_a_candidate() {
    let letters: Vec<char> = "aeioumnpkgytdsblrh🙂é".chars().collect();
    let mut seed: u64 = 7;
    for _ in 0..50_000 {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        let len = (seed >> 60) as usize + 1;
        let word: String = (0..len)
            .map(|i| letters[((seed >> (i * 4)) as usize) % letters.len()])
            .collect();
        let c = stem(&word);
        assert!(
            !c.is_empty() && c.iter().all(|s| !s.is_empty() || word.is_empty()),
            "{word}"
        );
        let _ = snowball(&word);
    }
}
