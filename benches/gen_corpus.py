#!/usr/bin/env python3
"""Writes a generated portal of study-visit reports, for benchmarks.

    python3 benches/gen_corpus.py --n 1000 --out /tmp/p1k                  # a Tilik project
    python3 benches/gen_corpus.py --n 1000 --out /tmp/h1k --flavor hugo    # the same reports for Hugo

Every report looks like a real one: an Indonesian body of 600 to 1,200 words with the usual
sections (Latar Belakang, Tujuan, Pelaksanaan with a table, Temuan with sub-headings,
Pembelajaran with a numbered list, Rekomendasi, Tindak Lanjut with a task list), emphasis, and
a link to another report; front matter with a visiting unit, a destination (with province and
country), topics, the year of the visit, objectives, hosts, budget, recommendations with
owners, due dates, indicators and follow-up statuses, and for older visits an evaluation.

The output depends only on --n, --seed and --flavor: the same arguments give the same files,
byte for byte. Both flavours draw the same reports from the same seed; only the front matter
and the way one report links to another differ, so Tilik and Hugo render the same text.

The Hugo flavour also copies the minimal site templates of benches/hugo-site/ (report pages,
paginated lists, and the taxonomies skpd, topik, lokasi and tahun with paginated term pages,
as Tilik builds them).
"""
import argparse
import datetime
import random
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent

# --- Vocabulary -------------------------------------------------------------------------------

UNIT_TYPES = [
    "Dinas Lingkungan Hidup", "Dinas Kesehatan", "Dinas Pendidikan dan Kebudayaan",
    "Badan Perencanaan Pembangunan Daerah", "Dinas Penanaman Modal dan PTSP",
    "Dinas Kependudukan dan Pencatatan Sipil", "Badan Penanggulangan Bencana Daerah",
    "Dinas Pertanian dan Pangan", "Dinas Pariwisata", "Dinas Komunikasi dan Informatika",
    "Dinas Perhubungan", "Dinas Sosial", "Inspektorat Daerah", "Badan Keuangan Daerah",
    "Dinas Perpustakaan dan Kearsipan", "Dinas Koperasi dan UKM",
    "Dinas Pekerjaan Umum dan Penataan Ruang", "Dinas Pemberdayaan Masyarakat dan Desa",
]
HOME_REGIONS = [
    "Kabupaten Sleman", "Kabupaten Bantul", "Kota Yogyakarta", "Kabupaten Gunungkidul",
    "Kabupaten Klaten", "Kota Palu", "Kabupaten Sigi", "Kota Mataram", "Kabupaten Lombok Timur",
    "Kabupaten Banyumas", "Kota Kupang", "Kabupaten Jayapura", "Kota Bengkulu",
    "Kabupaten Tanah Laut",
]
# (place, province or "", country)
PLACES = [
    ("Kota Surabaya", "Jawa Timur", "Indonesia"), ("Kota Denpasar", "Bali", "Indonesia"),
    ("Kota Bandung", "Jawa Barat", "Indonesia"), ("Kabupaten Banyuwangi", "Jawa Timur", "Indonesia"),
    ("Kota Makassar", "Sulawesi Selatan", "Indonesia"), ("Kabupaten Sumedang", "Jawa Barat", "Indonesia"),
    ("Kabupaten Badung", "Bali", "Indonesia"), ("Kota Balikpapan", "Kalimantan Timur", "Indonesia"),
    ("Kota Surakarta", "Jawa Tengah", "Indonesia"), ("Kabupaten Kulon Progo", "DI Yogyakarta", "Indonesia"),
    ("Kota Semarang", "Jawa Tengah", "Indonesia"), ("Kabupaten Bojonegoro", "Jawa Timur", "Indonesia"),
    ("Kota Padang", "Sumatera Barat", "Indonesia"), ("Kota Tangerang Selatan", "Banten", "Indonesia"),
    ("Kabupaten Sidoarjo", "Jawa Timur", "Indonesia"), ("Kota Pekanbaru", "Riau", "Indonesia"),
    ("Kitakyushu", "", "Jepang"), ("Singapura", "", "Singapura"), ("Seoul", "", "Korea Selatan"),
    ("Rotterdam", "", "Belanda"), ("Penang", "", "Malaysia"), ("Brisbane", "", "Australia"),
]
TOPICS = [
    "pengelolaan sampah", "pelayanan publik", "perizinan berusaha", "penurunan stunting",
    "kesehatan ibu dan anak", "pendidikan inklusif", "transformasi digital", "kearsipan",
    "penanggulangan bencana", "pertanian organik", "desa wisata", "transportasi umum",
    "pengelolaan keuangan daerah", "pengawasan internal", "perpustakaan digital",
    "administrasi kependudukan", "air minum", "sanitasi", "UMKM", "BUMDes", "satu data",
    "ruang terbuka hijau", "energi terbarukan", "perlindungan sosial", "ketahanan pangan",
    "perencanaan pembangunan", "pengaduan masyarakat", "kota cerdas",
]
STATUSES = ["usulan", "proses", "selesai", "dievaluasi", "dibatalkan"]
STATUS_WEIGHTS = [3, 4, 4, 2, 1]
OWNERS = [
    "Sekretariat", "Bidang Perencanaan dan Evaluasi", "Bidang Pelayanan", "Bidang Pengendalian",
    "Subbagian Program dan Keuangan", "UPT Layanan Teknis", "Bidang Pemberdayaan",
    "Bidang Data dan Informasi",
]
FUNDING = ["APBD {y}", "APBD Perubahan {y}", "DAK {y}", "hibah mitra pembangunan {y}"]

# Words of the body text: the vocabulary of these reports (services, planning, follow-up),
# with affixed forms so that stemming and prefix search do real work.
NOUNS = """
pelayanan layanan pengelolaan perencanaan pelaksanaan pengawasan pemantauan evaluasi anggaran
program kegiatan kebijakan regulasi peraturan prosedur standar data informasi sistem aplikasi
masyarakat warga penduduk desa kelurahan kecamatan pemerintah daerah kabupaten kota provinsi
sekolah puskesmas posyandu pasar terminal gedung kantor fasilitas sarana prasarana jalan
drainase saluran limbah sampah kompos pupuk lahan air sanitasi listrik energi kendaraan halte
arsip dokumen izin investasi usaha koperasi petani nelayan wisatawan kader relawan petugas
pegawai aparatur pimpinan mitra swasta perguruan tinggi komunitas keluarga perempuan anak
lansia disabilitas pengaduan keluhan kepuasan kualitas mutu biaya waktu target capaian
indikator kinerja hasil temuan pembelajaran rekomendasi inovasi teknologi koordinasi
kolaborasi kemitraan sosialisasi pelatihan pendampingan anggota tim tahapan strategi
""".split()
VERBS = """
mengelola melayani merencanakan melaksanakan mengawasi memantau mengevaluasi menganggarkan
menyusun menetapkan menerapkan mengembangkan membangun memperbaiki meningkatkan menurunkan
mempercepat menyederhanakan mengintegrasikan mendampingi melatih mengumpulkan mencatat
melaporkan memverifikasi mendigitalkan memilah mengolah mendaur ulang menyalurkan membiayai
dikelola dilayani direncanakan dilaksanakan diawasi dipantau dievaluasi disusun ditetapkan
diterapkan dikembangkan dibangun diperbaiki ditingkatkan dilatih dicatat dilaporkan
""".split()
ADJECTIVES = """
terpadu terintegrasi berkelanjutan efektif efisien transparan akuntabel responsif cepat
mudah murah terjangkau merata inklusif partisipatif sederhana terukur konsisten rutin
daring digital mandiri bersih sehat aman nyaman tertib lengkap akurat mutakhir
""".split()
CONNECTORS = """
dan serta dengan untuk melalui dalam oleh bagi kepada pada antara sehingga karena namun
agar selain itu bahkan kemudian sejak hingga setiap seluruh beberapa sebagian
""".split()
NUMBERS_SENTENCES = [
    "Waktu layanan turun dari {a} hari menjadi {b} hari kerja.",
    "Sebanyak {c} persen warga menyatakan puas terhadap {n}.",
    "Biaya operasional mencapai Rp {m} juta per tahun untuk {n}.",
    "Cakupan {n} naik dari {a}0 persen menjadi {c} persen dalam tiga tahun.",
    "Tercatat {d} {n} yang terlayani setiap bulan.",
]
OBJECTIVES = [
    "Mempelajari tata kelola {t} di {p}.",
    "Mengetahui faktor keberhasilan dan kendala pelaksanaan {t}.",
    "Menghitung kebutuhan biaya dan sumber daya manusia untuk {t}.",
    "Menjajaki kerja sama antardaerah di bidang {t}.",
    "Menghimpun praktik baik sebagai bahan penyusunan kebijakan {t}.",
]
INDICATORS = [
    "Dokumen {n} ditetapkan dengan keputusan kepala perangkat daerah",
    "Waktu layanan {n} paling lama {a} hari kerja",
    "Sedikitnya {c} persen {n} tercatat dalam sistem",
    "Laporan pemantauan {n} terbit setiap triwulan",
]


# --- Text ---------------------------------------------------------------------------------------

def sentence(rng, lo=9, hi=18):
    """One sentence of plausible Indonesian report prose, sometimes with emphasis."""
    words = []
    for i in range(rng.randint(lo, hi)):
        pool = (NOUNS, NOUNS, VERBS, ADJECTIVES, CONNECTORS)[rng.randrange(5) if i else 0]
        words.append(rng.choice(pool))
    roll = rng.random()
    if roll < 0.2:
        k = rng.randrange(1, len(words))
        words[k] = f"**{words[k]}**"
    elif roll < 0.3:
        k = rng.randrange(1, len(words))
        words[k] = f"*{words[k]}*"
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def figure_sentence(rng):
    return rng.choice(NUMBERS_SENTENCES).format(
        a=rng.randint(3, 9), b=rng.randint(1, 2), c=rng.randint(55, 97), d=rng.randint(120, 4800),
        m=rng.randint(40, 900), n=rng.choice(NOUNS))


def paragraph(rng, sentences=None):
    n = sentences or rng.randint(3, 6)
    parts = [sentence(rng) for _ in range(n)]
    if rng.random() < 0.4:
        parts.insert(rng.randrange(len(parts) + 1), figure_sentence(rng))
    return " ".join(parts)


def words_in(text):
    return len([w for w in text.split() if any(c.isalpha() for c in w)])


def body(rng, r, link):
    """The Markdown body of report `r`, between 600 and 1,200 words; `link` is the Markdown
    target of another report, or None."""
    target = rng.randint(600, 1200)
    intro = [paragraph(rng), paragraph(rng)]
    objectives = "\n".join(f"- {o}" for o in r["objectives"])
    days = "\n".join(
        f"| Hari ke-{d} | {sentence(rng, 3, 6)[:-1]} | {rng.choice(r['hosts'])} |" for d in (1, 2, 3))
    findings = [[paragraph(rng)] for _ in range(rng.randint(2, 4))]
    lessons = [sentence(rng) for _ in range(3)]
    see_also = f" Hasil ini sejalan dengan [laporan terkait]({link})." if link else ""

    def render():
        parts = ["## Latar Belakang\n\n" + "\n\n".join(intro),
                 "## Tujuan\n\n" + objectives,
                 "## Pelaksanaan\n\n" + paragraph_cache["pelaksanaan"]
                 + "\n\n| Waktu | Kegiatan | Tempat |\n|---|---|---|\n" + days]
        temuan = ["## Temuan"]
        for i, paras in enumerate(findings, 1):
            temuan.append(f"### Temuan {i}: {rng_titles[i - 1]}\n\n" + "\n\n".join(paras))
        parts.append("\n\n".join(temuan))
        parts.append("## Pembelajaran\n\n" + paragraph_cache["pembelajaran"] + see_also + "\n\n"
                     + "\n".join(f"{i}. {s}" for i, s in enumerate(lessons, 1)))
        parts.append("## Rekomendasi\n\nRekomendasi beserta penanggung jawab, tenggat dan status "
                     "tindak lanjutnya tercantum pada tabel laporan ini.")
        parts.append("## Tindak Lanjut\n\n" + paragraph_cache["tindak"] + "\n\n"
                     + "- [x] Paparan hasil kunjungan kepada pimpinan\n- [ ] Penyusunan rencana aksi")
        return "\n\n".join(parts) + "\n"

    rng_titles = [sentence(rng, 2, 4)[:-1] for _ in range(8)]
    paragraph_cache = {k: paragraph(rng) for k in ("pelaksanaan", "pembelajaran", "tindak")}
    text = render()
    # Grow the findings until the body reaches its length; never past 1,200 words.
    while words_in(text) < target:
        extra = paragraph(rng)
        if words_in(text) + words_in(extra) > 1200:
            break
        rng.choice(findings).append(extra)
        text = render()
    return text


# --- Reports ------------------------------------------------------------------------------------

def make_report(rng, i):
    start = datetime.date(2016, 1, 4) + datetime.timedelta(days=rng.randrange(3800))
    end = start + datetime.timedelta(days=rng.randint(0, 3))
    published = end + datetime.timedelta(days=rng.randint(5, 40))
    unit = f"{rng.choice(UNIT_TYPES)} {rng.choice(HOME_REGIONS)}"
    place, province, country = rng.choice(PLACES)
    topics = rng.sample(TOPICS, rng.randint(1, 3))
    kind = "studi-banding" if rng.random() < 0.75 else "kunjungan-kerja"
    label = "Studi Banding" if kind == "studi-banding" else "Kunjungan Kerja"
    topic = topics[0]
    title = f"{label} {topic[0].upper() + topic[1:]} ke {place} ({i + 1})"
    hosts = [f"Pemerintah {place}"] + ([f"Dinas terkait {place}"] if rng.random() < 0.5 else [])
    recs = []
    for k in range(1, rng.randint(2, 6)):
        due = end + datetime.timedelta(days=rng.randint(90, 540))
        status = rng.choices(STATUSES, STATUS_WEIGHTS)[0]
        updated = min(published + datetime.timedelta(days=rng.randint(0, 400)), due)
        rec = {"id": f"R{k}", "text": sentence(rng, 8, 15), "owner": rng.choice(OWNERS),
               "due": due, "indicator": rng.choice(INDICATORS).format(
                   n=rng.choice(NOUNS), a=rng.randint(2, 7), c=rng.randint(60, 95)),
               "status": status, "updated": updated}
        if status in ("proses", "dibatalkan") or rng.random() < 0.3:
            rec["note"] = sentence(rng, 6, 12)
        recs.append(rec)
    evaluation = None
    if start.year <= 2022 and rng.random() < 0.6:
        evaluation = {"goals_met": rng.random() < 0.7, "feedback": sentence(rng, 8, 14),
                      "impact": figure_sentence(rng),
                      "reviewed": end + datetime.timedelta(days=rng.randint(300, 600))}
    return {
        "n": i, "slug": f"laporan-{i:06d}", "title": title, "date": published,
        "summary": sentence(rng, 14, 26), "kind": kind, "unit": unit, "start": start, "end": end,
        "place": place, "province": province, "country": country, "hosts": hosts,
        "topics": topics, "objectives": [o.format(t=topic, p=place) for o in rng.sample(OBJECTIVES, 3)],
        "budget": rng.randint(8, 180) * 1_000_000 + rng.choice([0, 250_000, 500_000]),
        "funding": rng.choice(FUNDING).format(y=start.year), "recs": recs, "evaluation": evaluation,
    }


def q(s):
    """A TOML basic string."""
    return '"' + str(s).replace("\\", "\\\\").replace('"', '\\"') + '"'


def qlist(items):
    return "[" + ", ".join(q(x) for x in items) + "]"


def rec_lines(rec, quote_dates):
    lines = []
    for key in ("id", "text", "owner", "due", "indicator", "status", "updated", "note"):
        if key in rec:
            v = rec[key]
            is_date = isinstance(v, datetime.date)
            lines.append(f"{key} = {q(v) if quote_dates or not is_date else v.isoformat()}")
    return lines


def tilik_front(r):
    out = ["+++", f"title = {q(r['title'])}", f"date = {r['date'].isoformat()}",
           f"summary = {q(r['summary'])}", "", "[visit]", f"kind = {q(r['kind'])}",
           f"unit = {q(r['unit'])}", f"start = {r['start'].isoformat()}",
           f"end = {r['end'].isoformat()}", f"destination = {q(r['place'])}"]
    if r["province"]:
        out.append(f"province = {q(r['province'])}")
    out += [f"country = {q(r['country'])}", f"hosts = {qlist(r['hosts'])}",
            f"topics = {qlist(r['topics'])}", f"objectives = {qlist(r['objectives'])}",
            f"budget = {r['budget']}", f"funding = {q(r['funding'])}"]
    for rec in r["recs"]:
        out += ["", "[[recommendations]]"] + rec_lines(rec, quote_dates=False)
    if r["evaluation"]:
        e = r["evaluation"]
        out += ["", "[evaluation]", f"goals_met = {str(e['goals_met']).lower()}",
                f"feedback = {q(e['feedback'])}", f"impact = {q(e['impact'])}",
                f"reviewed = {e['reviewed'].isoformat()}"]
    return "\n".join(out) + "\n+++\n\n"


def hugo_front(r):
    out = ["+++", f"title = {q(r['title'])}", f"date = {r['date'].isoformat()}",
           f"description = {q(r['summary'])}", f"slug = {q(r['slug'])}",
           f"skpd = {qlist([r['unit']])}", f"topik = {qlist(r['topics'])}",
           f"lokasi = {qlist([r['place']])}", f"tahun = {qlist([str(r['start'].year)])}",
           f"kind = {q(r['kind'])}", f"start = {q(r['start'].isoformat())}",
           f"end = {q(r['end'].isoformat())}", f"country = {q(r['country'])}",
           f"budget = {r['budget']}"]
    for rec in r["recs"]:
        out += ["", "[[recommendations]]"] + rec_lines(rec, quote_dates=True)
    return "\n".join(out) + "\n+++\n\n"


def write_portal(n, out, seed, flavor):
    rng = random.Random(seed)
    reports = [make_report(rng, i) for i in range(n)]
    files = [f"laporan/{r['start'].year}/{r['slug']}.md" for r in reports]
    content = out / "content"
    content.mkdir(parents=True, exist_ok=True)
    for r, rel in zip(reports, files):
        other = rng.randrange(n) if n > 1 else None
        if other == r["n"]:
            other = (other + 1) % n
        if other is None:
            link = None
        elif flavor == "tilik":
            link = f"@/{files[other]}"  # checked and rewritten by Tilik
        else:
            link = f"../{reports[other]['slug']}/"  # the page's URL, as Hugo publishes it
        text = body(rng, r, link)
        front = tilik_front(r) if flavor == "tilik" else hugo_front(r)
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(front + text, encoding="utf-8")
    if flavor == "tilik":
        (out / "tilik.toml").write_text(
            'title = "Portal Uji Kinerja"\nbase_url = "https://bench.example.go.id/"\nlanguage = "id"\n',
            encoding="utf-8")
        (content / "laporan" / "_index.md").write_text(
            '+++\ntitle = "Laporan"\n+++\n\nSemua laporan kunjungan, terbaru lebih dahulu.\n', encoding="utf-8")
    else:
        shutil.copytree(HERE / "hugo-site", out, dirs_exist_ok=True)
        (content / "laporan" / "_index.md").write_text(
            '+++\ntitle = "Laporan"\n+++\n\nSemua laporan kunjungan, terbaru lebih dahulu.\n', encoding="utf-8")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000, help="number of reports (default 1000)")
    ap.add_argument("--out", required=True, help="folder to write (created; must be empty or absent)")
    ap.add_argument("--seed", type=int, default=14, help="random seed (default 14)")
    ap.add_argument("--flavor", choices=["tilik", "hugo"], default="tilik")
    a = ap.parse_args()
    out = Path(a.out)
    if out.exists() and any(out.iterdir()):
        ap.error(f"{out} is not empty")
    write_portal(a.n, out, a.seed, a.flavor)
    print(f"wrote {a.n} reports ({a.flavor}) to {out}")


if __name__ == "__main__":
    main()
