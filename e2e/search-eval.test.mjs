// Search quality on the sample portal (content/ of the repository plus e2e/fixtures/search/):
// for each query, the pages a reader wants, judged from the Markdown (the comment after each
// query says where the words are). Prints mean reciprocal rank (MRR: 1 / rank of the first
// wanted page, averaged) and hit@3 (a wanted page among the first three) per set, and holds
// each set to a floor, so that a change that makes search worse fails here.
//
// The first three sets are the kinds of query the search handled before the vocabulary of
// src/search/data/ (affixed forms, typos, words being typed); the others need it: acronyms
// and their expansions, synonyms, English for Indonesian reports and the reverse, questions.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { buildPortal, launch } from "./portal.mjs";

// Page slugs (the file name under content/laporan/YEAR/ or content/halaman/).
const ARSIP_BDG = "banyumas-arsip-dinamis-bandung", ARSIP_SG = "banyumas-arsip-singapura";
const MPP = "palu-mpp-denpasar", BANK = "sleman-bank-sampah-surabaya", CAPIL = "klaten-dukcapil-sidoarjo";
const MUSRENBANG = "lotim-perencanaan-bojonegoro", KAMPUNG = "mataram-smart-kampung-banyuwangi";
const STUNTING = "sigi-stunting-sumedang", KITA = "sleman-kitakyushu-waste", BKPM = "palu-pengawasan-perizinan-bkpm";
const POSYANDU = "sigi-posyandu-kulon-progo", TPST = "sleman-tpst-banyumas", IKD = "klaten-ikd-badung";
const DASHAT = "kulon-progo-dashat-surakarta", SEOUL = "mataram-smart-city-seoul";
const KONVERGENSI = "lotim-konvergensi-stunting-sumedang", SSW = "palu-perizinan-surabaya", PANDUAN = "panduan-menulis";

const SETS = {
  "conflation (existing)": [
    ["tulis", [PANDUAN]], // "Panduan Menulis Laporan"
    ["kelola", [BANK, ARSIP_BDG, SEOUL]], // titles: "Pengelolaan Bank Sampah", "Pengelolaan Arsip", "Tata Kelola Data"
    ["rencana", [MUSRENBANG, KONVERGENSI]], // titles: "Perencanaan Partisipatif", "Perencanaan dan Penganggaran"
    ["turun stunting", [STUNTING, KONVERGENSI]], // titles: "Penurunan Stunting"
    ["izin", [SSW, BKPM]], // titles: "Layanan Perizinan Berusaha", "Pengawasan Perizinan"
  ],
  "typo (existing)": [
    ["pengelolan ", [BANK, ARSIP_BDG]], // "Pengelolaan" in both titles, one letter missing
    ["kitakyusyu ", [KITA]], // "Kitakyushu" in the English report's title
    ["posyandy ", [POSYANDU]], // "Penguatan Posyandu" (title)
    ["perizinnan ", [SSW, BKPM]], // "Perizinan" (titles)
  ],
  "prefix (existing)": [
    ["pengelo", [BANK, ARSIP_BDG]], // typed so far: "Pengelo…laan"
    ["pengel", [BANK, ARSIP_BDG]], // peN- hid the k of kelola
    ["kitak", [KITA]],
    ["posy", [POSYANDU, STUNTING, DASHAT]], // Posyandu: a title, and the bodies of both stunting reports
  ],
  acronyms: [
    ["dinkes", [STUNTING, POSYANDU]], // unit "Dinas Kesehatan Kabupaten Sigi"; "Dinkes" is written nowhere
    ["dispusip", [ARSIP_BDG, ARSIP_SG]], // unit "Dinas Perpustakaan dan Kearsipan Kabupaten Banyumas"
    ["PBG", [SSW, MPP]], // both say "persetujuan bangunan gedung"
    ["TTE", [ARSIP_BDG]], // "tanda tangan elektronik" (SRIKANDI)
    ["TNDE", [ARSIP_BDG]], // "tata naskah dinas elektronik" (the summary)
    ["ANRI", [ARSIP_BDG]], // "Arsip Nasional Republik Indonesia"
    ["IKU", [MUSRENBANG]], // "indikator kinerja utama" (dasbor)
    ["bumil", [POSYANDU]], // "kelas ibu hamil" (summary)
    ["KIA", [CAPIL]], // "Kartu Identitas Anak"
    ["medsos", [SEOUL]], // "media sosial"
    ["perbup", [ARSIP_BDG]], // "peraturan bupati tentang tata naskah dinas" (summary)
    ["tempat pemrosesan akhir", [TPST, BANK]], // both say "TPA Piyungan"
    ["refuse-derived fuel", [TPST]], // "bahan bakar RDF" (summary)
    ["musyawarah perencanaan pembangunan", [MUSRENBANG, KONVERGENSI]], // "musrenbang"
    ["rencana pembangunan jangka menengah daerah", [MUSRENBANG]], // "RPJMD"
    ["badan usaha milik daerah", [STUNTING]], // "BUMD"
    ["sistem informasi pemerintahan daerah", [KONVERGENSI]], // "SIPD"
    ["pelayanan terpadu satu pintu", [MPP, SSW, BKPM, SEOUL]], // unit "… PTSP Kota Palu"; Seoul: "satu pintu"
  ],
  synonyms: [
    ["lansia", [SEOUL, IKD, POSYANDU]], // "lanjut usia" in all three ("warga lanjut usia di Seoul")
    ["tengkes", [STUNTING, KONVERGENSI, DASHAT, POSYANDU]], // KBBI's word for stunting
    ["anak kerdil", [STUNTING, KONVERGENSI, DASHAT, POSYANDU]],
    ["limbah padat", [BANK, TPST, KITA]], // "sampah"; Kitakyushu: "waste"
    ["antrian", [MPP]], // "sistem antrean" (summary)
    ["komplain", [SEOUL, KAMPUNG]], // "pusat layanan pengaduan" (title), "kanal pengaduan"
  ],
  "English → Indonesian": [
    ["waste bank", [BANK]], // "Bank Sampah" (title)
    ["population administration", [CAPIL, IKD]], // "Administrasi Kependudukan" (title, topic)
    ["digital identity", [IKD, CAPIL]], // "Identitas Kependudukan Digital"
    ["archives", [ARSIP_BDG, ARSIP_SG]], // "kearsipan" (topic)
    ["one-stop service", [MPP, SSW, BKPM, SEOUL]], // PTSP (unit), "pelayanan terpadu satu pintu"
    ["participatory planning", [MUSRENBANG]], // "Perencanaan Partisipatif" (title)
    ["oral history", [ARSIP_SG]], // "program sejarah lisan" (summary)
    ["supplementary feeding", [POSYANDU]], // "Pemberian Makanan Tambahan" (title)
    ["building permit", [SSW, MPP]], // "persetujuan bangunan gedung"
    ["stunting reduction", [STUNTING, KONVERGENSI]], // "Penurunan Stunting" (titles)
  ],
  "Indonesian → English": [
    ["pemilahan sampah", [KITA, BANK, TPST]], // "Household Waste Separation" (title of the English report)
    ["daur ulang", [KITA, BANK]], // "Recycling" (title), "Pusat Daur Ulang" (title)
    ["pendidikan lingkungan", [KITA]], // "composting and environmental education"
  ],
  questions: [
    ["bagaimana daerah lain menurunkan stunting balita?", [STUNTING, KONVERGENSI, POSYANDU, DASHAT]],
    ["bagaimana cara mempercepat aktivasi IKD?", [IKD]], // "Percepatan Aktivasi Identitas Kependudukan Digital"
    ["apa itu mal pelayanan publik?", [MPP]], // "Penyelenggaraan Mal Pelayanan Publik" (title)
    ["siapa yang mengelola pengaduan warga di Seoul?", [SEOUL]],
    ["how do other cities separate household waste?", [KITA]],
  ],
};

let dir, browser, page;

before(async () => {
  dir = buildPortal(undefined, [], "search");
  browser = await launch();
  page = await browser.newPage();
});

after(async () => {
  await browser?.close();
  if (dir) rmSync(join(dir, ".."), { recursive: true, force: true });
});

/** The first page of results of a query (six), as page slugs in rank order: a wanted page
 *  further down counts as not found. */
async function ranked(q) {
  await page.goto(`file://${dir}/cari/index.html?q=${encodeURIComponent(q)}`);
  await page.waitForFunction(() => {
    const l = document.querySelector("[data-search-results]");
    return l.getAttribute("aria-busy") === "false" && document.querySelector("[data-search-status]").textContent;
  });
  return page.$$eval("[data-search-results] li h2 a", (as) =>
    as.map((a) => a.getAttribute("href").replace(/\/$/, "").split("/").pop()));
}

/** MRR and hit@3 of a set; the rank of each query's first wanted page (0: none). */
async function evaluate(queries) {
  const ranks = [];
  for (const [q, want] of queries) {
    const got = await ranked(q);
    ranks.push(got.findIndex((slug) => want.includes(slug)) + 1);
  }
  const mrr = ranks.reduce((s, r) => s + (r ? 1 / r : 0), 0) / ranks.length;
  const hit3 = ranks.filter((r) => r && r <= 3).length / ranks.length;
  return { mrr, hit3, ranks };
}

test("search quality: MRR and hit@3 per set of queries", async () => {
  const lines = [], floors = [], all = [];
  for (const [name, queries] of Object.entries(SETS)) {
    const { mrr, hit3, ranks } = await evaluate(queries);
    all.push(...ranks);
    lines.push(`${name.padEnd(24)} ${String(queries.length).padStart(3)} queries  MRR ${mrr.toFixed(3)}  hit@3 ${hit3.toFixed(3)}`);
    queries.forEach(([q], i) => { if (ranks[i] !== 1) lines.push(`    ${JSON.stringify(q)}: first wanted page at ${ranks[i] || "none"}`); });
    floors.push([name, mrr, hit3]);
  }
  const mrr = all.reduce((s, r) => s + (r ? 1 / r : 0), 0) / all.length;
  const hit3 = all.filter((r) => r && r <= 3).length / all.length;
  lines.push(`${"all".padEnd(24)} ${String(all.length).padStart(3)} queries  MRR ${mrr.toFixed(3)}  hit@3 ${hit3.toFixed(3)}`);
  console.log(lines.join("\n"));
  const language = Object.keys(SETS).slice(3).reduce((n, k) => n + SETS[k].length, 0);
  assert.ok(language >= 30, `${language} queries of the new kinds`);
  // Floors a little under today's figures: each set, and all queries together.
  for (const [name, m, h] of floors) {
    assert.ok(m >= 0.75 && h >= 0.75, `${name}: MRR ${m.toFixed(3)}, hit@3 ${h.toFixed(3)} (floor 0.75)`);
  }
  assert.ok(mrr >= 0.9 && hit3 >= 0.95, `all: MRR ${mrr.toFixed(3)}, hit@3 ${hit3.toFixed(3)}`);
});
