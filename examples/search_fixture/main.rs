//! Writes a portal-like folder with a search page, for the browser tests and the benchmark:
//!
//! ```sh
//! cargo run --example search_fixture -- OUT_DIR                 # a dozen test pages
//! cargo run --release --example search_fixture -- OUT_DIR CORPUS_DIR   # a generated portal
//! ```
//!
//! It renders the real `themes/default/templates/search.html` (with a stub `base.html` and the
//! search texts of the i18n table) as `OUT_DIR/cari/index.html`, copies `search.js` and
//! `search.css`, and writes the index: of pages built to exercise ranking, typos, facets and
//! escaping, or of the reports of a portal made by `shared/bench/gen_corpus.py`.

mod corpus;

use std::path::Path;
use tilik::search::{build_index, SearchDocument};

/// The i18n texts the search page uses (Indonesian), as the lead's `t` table would give them.
const TEXTS: &[(&str, &str)] = &[
    ("search_title", "Cari laporan"),
    ("search_label", "Kata kunci"),
    ("search_button", "Cari"),
    ("search_filters", "Saring hasil"),
    ("search_results", "Hasil pencarian"),
    ("search_count", "{n} hasil"),
    ("search_count_one", "1 hasil"),
    ("search_none", "Tidak ada laporan yang cocok."),
    ("search_prompt", "Ketik kata kunci atau pilih saringan."),
    ("search_error", "Indeks pencarian tidak dapat dimuat."),
    ("search_more", "Tampilkan lebih banyak"),
    (
        "search_noscript",
        "Pencarian memerlukan JavaScript. Telusuri laporan menurut",
    ),
    ("search_scope", "Lingkup"),
    ("search_status", "Status rekomendasi"),
    ("tax_skpd", "SKPD"),
    ("tax_topik", "Topik"),
    ("tax_lokasi", "Lokasi"),
    ("tax_tahun", "Tahun"),
    ("scope_dalam-negeri", "Dalam negeri"),
    ("scope_luar-negeri", "Luar negeri"),
    ("status_usulan", "Usulan"),
    ("status_proses", "Dalam proses"),
    ("status_selesai", "Selesai"),
    ("status_dievaluasi", "Dievaluasi"),
    ("status_dibatalkan", "Dibatalkan"),
];

const BASE: &str = "<!doctype html><html lang=\"id\"><head><meta charset=\"utf-8\">\
<title>{% block title %}{% endblock title %}</title></head>\
<body><main>{% block content %}{% endblock content %}</main></body></html>";

#[allow(clippy::too_many_arguments)]
fn page(
    slug: &str,
    title: &str,
    summary: &str,
    body: &str,
    unit: &str,
    destination: &str,
    topics: &[&str],
    year: i32,
    statuses: &[&str],
) -> SearchDocument<'static> {
    let abroad = ["Kitakyushu", "Seoul", "Singapura"].contains(&destination);
    SearchDocument {
        path: format!("laporan/{slug}/"),
        lang: "id".into(),
        title: title.into(),
        summary: summary.into(),
        headings: vec!["Latar Belakang".into(), "Temuan".into()],
        body: body.to_string().into(),
        unit: Some(unit.into()),
        destination: Some(destination.into()),
        scope: Some(
            if abroad {
                "luar-negeri"
            } else {
                "dalam-negeri"
            }
            .into(),
        ),
        topics: topics.iter().map(|t| t.to_string()).collect(),
        recommendations: vec!["Menyusun peraturan bupati tentang tindak lanjut.".into()],
        statuses: statuses.iter().map(|s| s.to_string()).collect(),
        year: Some(year),
        date: format!("{year}-06-{:02}", slug.len() % 28 + 1),
    }
}

fn documents() -> Vec<SearchDocument<'static>> {
    let dlh = "Dinas Lingkungan Hidup Kabupaten Sleman";
    let arsip = "Dinas Perpustakaan dan Kearsipan Kota Magelang";
    let kes = "Dinas Kesehatan Kabupaten Bantul";
    let mut docs = vec![
        page("surabaya-sampah", "Studi Banding Pengelolaan Sampah ke Kota Surabaya",
            "Belajar pengelolaan sampah berbasis masyarakat dan bank sampah di Surabaya.",
            "Kota Surabaya mengelola sampah dengan TPST dan rumah kompos. Pemerintah kota melibatkan warga.",
            dlh, "Kota Surabaya", &["pengelolaan sampah"], 2024, &["usulan", "proses"]),
        page("kitakyushu-sampah", "Kunjungan Kerja Daur Ulang ke Kitakyushu",
            "Kitakyushu menjadi kota hijau melalui daur ulang industri.",
            "Pengelola kawasan eco-town menjelaskan pengelolaan limbah industri dan sampah rumah tangga.",
            dlh, "Kitakyushu", &["pengelolaan sampah", "energi terbarukan"], 2023, &["selesai"]),
        page("magelang-arsip", "Kearsipan Digital Kota Magelang",
            "Digitalisasi arsip dinamis dan statis.",
            "Petugas menulis pedoman alih media. Arsip dipindai dan disimpan di pusat data.",
            arsip, "Kota Bandung", &["kearsipan"], 2022, &["dievaluasi"]),
        page("bandung-layanan", "Mal Pelayanan Publik Kota Bandung",
            "Pelayanan perizinan terpadu satu pintu.",
            "Di akhir kunjungan, tim mencatat bahwa kearsipan dokumen perizinan juga dibenahi.",
            arsip, "Kota Bandung", &["pelayanan publik"], 2021, &["usulan"]),
        page("denpasar-stunting", "Penurunan Stunting di Kota Denpasar",
            "Posyandu dan kader kesehatan menurunkan angka stunting.",
            "Penilaian gizi balita dilakukan setiap bulan oleh kader.",
            kes, "Kota Denpasar", &["penurunan stunting", "kesehatan ibu dan anak"], 2024, &["proses"]),
        page("seoul-digital", "Transformasi Digital Pemerintahan di Seoul",
            "Seoul memerintah dengan data: layanan warga serba daring.",
            "Pemerintah kota Seoul menilai kinerja layanan dengan dasbor terbuka.",
            kes, "Seoul", &["transformasi digital"], 2019, &["dibatalkan", "selesai"]),
        page("xss", "<img src=x onerror=alert(1)>",
            "Judul berisi markup <b>tebal</b> & simbol.",
            "Halaman uji penyandian: pengelolaan teks tidak tepercaya.",
            kes, "Kota Palu", &["keamanan informasi"], 2020, &["usulan"]),
        page("banyuwangi-wisata", "Desa Wisata Banyuwangi",
            "Pengembangan desa wisata berbasis komunitas.",
            "Anak-anak desa menjadi pemandu wisata. Pengelolaan homestay oleh BUMDes.",
            dlh, "Kabupaten Banyuwangi", &["desa wisata"], 2018, &["selesai"]),
    ];
    let mut en = page(
        "singapore-water",
        "Water Management Study in Singapore",
        "How Singapore manages water recycling.",
        "The councils are managing recycled water plants and public education.",
        dlh,
        "Singapura",
        &["air minum"],
        2025,
        &["usulan"],
    );
    en.lang = "en".into();
    docs.push(en);
    for i in 1..=12 {
        docs.push(page(
            &format!("rapat-{i:02}"),
            &format!("Rapat Koordinasi Triwulan {i}"),
            "Rapat koordinasi rutin antarbidang.",
            "Notulen rapat koordinasi.",
            "Sekretariat Daerah Kota Magelang",
            "Kota Magelang",
            &["administrasi"],
            2010 + i,
            &["selesai"],
        ));
    }
    docs
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args()
        .nth(1)
        .ok_or("usage: search_fixture OUT_DIR")?;
    let out = Path::new(&out);
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    let docs = match std::env::args().nth(2) {
        Some(portal) => corpus::documents(Path::new(&portal)),
        None => documents(),
    };
    let start = std::time::Instant::now();
    let index = build_index(&docs);
    eprintln!("indexed {} pages in {:?}", docs.len(), start.elapsed());
    let _ = std::fs::remove_dir_all(out.join("search"));
    for (path, bytes) in &index.files {
        let p = out.join(path);
        std::fs::create_dir_all(p.parent().ok_or("path")?)?;
        std::fs::write(p, bytes)?;
    }
    for f in ["js/search.js", "css/search.css"] {
        std::fs::create_dir_all(out.join(f).parent().ok_or("path")?)?;
        std::fs::copy(theme.join("static").join(f), out.join(f))?;
    }
    let mut tera = tera::Tera::default();
    tera.add_raw_template("base.html", BASE)?;
    tera.add_template_file(theme.join("templates/search.html"), Some("search.html"))?;
    let t: std::collections::BTreeMap<&str, &str> = TEXTS.iter().copied().collect();
    let mut ctx = tera::Context::new();
    ctx.insert("t", &t);
    ctx.insert("root", "../");
    ctx.insert("lang", "id");
    ctx.insert("search_entry", &index.entry);
    std::fs::create_dir_all(out.join("cari"))?;
    std::fs::write(
        out.join("cari/index.html"),
        tera.render("search.html", &ctx)?,
    )?;
    let bytes: usize = index.files.iter().map(|(_, b)| b.len()).sum();
    eprintln!("{} index files, {bytes} bytes", index.files.len());
    Ok(())
}
