// Browser tests of the search page in Debian's headless Chromium (playwright-core), on the
// sample portal as `tilik build` makes it (content/ of the repository, plus the report of
// fixtures/search/ that it lacks: a title with markup), opened from file:// and served over
// HTTP under /portal/ with the nginx recipe's headers (portal.mjs).
//
// Every expected result follows from the Markdown: the comments say where. What is indexed
// (src/render/search.rs): title, summary, headings, body, unit, destination, topics and
// recommendation texts of every published page (18 reports, 3 pages under halaman/, and the
// fixture's report); drafts are not.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { buildPortal, launch, serve } from "./portal.mjs";

// Titles of the pages the tests expect, with the file they come from.
const ARSIP_BANDUNG = "Studi Banding Pengelolaan Arsip Dinamis dan Penerapan SRIKANDI ke Kota Bandung"; // 2022/banyumas-arsip-dinamis-bandung.md
const ARSIP_SINGAPURA = "Studi Banding Preservasi dan Akses Arsip Statis ke National Archives of Singapore"; // 2024/banyumas-arsip-singapura.md
const BANK_SAMPAH = "Studi Banding Pengelolaan Bank Sampah dan Pusat Daur Ulang ke Kota Surabaya"; // 2022/sleman-bank-sampah-surabaya.md
const TPST = "Studi Banding Tempat Pengolahan Sampah Terpadu (TPST) ke Kabupaten Banyumas"; // 2024/sleman-tpst-banyumas/index.md
const KITAKYUSHU = "Study Visit to Kitakyushu on Household Waste Separation and Recycling"; // 2023/sleman-kitakyushu-waste.md, lang = "en"
const PANDUAN = "Panduan Menulis Laporan"; // halaman/panduan-menulis.md
const MARKUP = "<img src=x onerror=alert(1)>"; // e2e/fixtures/search/sigi-uji-penetrasi-portal.md

let dir, server, browser;

before(async () => {
  dir = buildPortal(undefined, [], "search");
  server = await serve(dir);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
  if (dir) rmSync(join(dir, ".."), { recursive: true, force: true });
});

const fileUrl = (query = "") => `file://${dir}/cari/index.html${query}`;
const httpUrl = (query = "") => `${server.base}cari/${query}`;

/** Opens the page; returns it with a list of page errors, console errors and dialogs. */
async function open(url) {
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`error: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  page.on("dialog", (d) => {
    problems.push(`dialog: ${d.message()}`);
    d.dismiss();
  });
  await page.goto(url);
  return { page, problems };
}

/** Waits until the results for the current query are shown; returns their titles in order. */
async function results(page) {
  await page.waitForFunction(() => {
    const l = document.querySelector("[data-search-results]");
    return l && l.getAttribute("aria-busy") === "false" && document.querySelector("[data-search-status]").textContent;
  });
  return page.$$eval("[data-search-results] li a", (as) => as.map((a) => a.textContent));
}

/** Types `q` into the search box as a reader would; returns the titles shown for it. */
async function typeQuery(page, q) {
  await page.fill("[data-search-input]", "");
  await page.type("[data-search-input]", q, { delay: 20 });
  await page.waitForFunction((q) => new URLSearchParams(location.search).get("q") === q.trim(), q);
  return results(page);
}

/** The highlighted words of the n-th result's title. */
const titleMarks = (page, n = 0) =>
  page.$$eval(`[data-search-results] li:nth-child(${n + 1}) a mark`, (ms) => ms.map((m) => m.textContent));

for (const [where, url] of [["file://", fileUrl], ["HTTP under /portal/", httpUrl]]) {
  test(`?q= runs on load and ranks a title hit first (${where})`, async () => {
    // Five pages say "Bandung": the archive report of Kota Bandung (in its title and
    // destination), the writing guide (51 times, in its examples), the two Sumedang
    // reports (travel via Bandung) and the Singapore archive report (a link back). A title
    // hit outweighs any number of body hits (src/search/score.rs), so the report comes
    // first although the guide says Bandung most.
    const { page, problems } = await open(url("?q=bandung"));
    const titles = await results(page);
    assert.equal(titles[0], ARSIP_BANDUNG);
    assert.ok(titles.indexOf(PANDUAN) > 0, titles.join("\n"));
    assert.equal(await page.textContent("[data-search-status]"), "5 hasil");
    assert.equal(titles.length, 5);
    const links = await page.$$eval("[data-search-results] li", (lis) => lis.map((li) => li.querySelectorAll("a").length));
    assert.ok(links.every((n) => n === 1), "one link per result");
    assert.equal(await page.getAttribute("[data-search-results] li a", "href"), "../laporan/banyumas-arsip-dinamis-bandung/");
    assert.deepEqual(await titleMarks(page), ["Bandung"], "the matched word is highlighted");
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test("Indonesian forms conflate: tulis finds Menulis, perintah and pemerintahan find each other, kelola finds Pengelolaan", async () => {
  const { page } = await open(fileUrl("?q=tulis"));
  // Only the writing guide has the word in its title ("Panduan Menulis Laporan").
  const tulis = await results(page);
  assert.equal(tulis[0], PANDUAN);
  assert.deepEqual(await titleMarks(page), ["Menulis"]);
  // "perintah" occurs only in the guide ("perintah tilik"); the Singapore archive report has
  // only "pemerintahan" ("kegiatan pemerintahan Banyumas"), the guide no form of pemerintah.
  assert.ok((await typeQuery(page, "perintah ")).includes(ARSIP_SINGAPURA));
  assert.ok((await typeQuery(page, "pemerintahan ")).includes(PANDUAN));
  // The bank sampah report says "Pengelolaan" (title) and "dikelola", never "kelola".
  const kelola = await typeQuery(page, "kelola ");
  assert.ok(kelola.includes(BANK_SAMPAH), kelola.join("\n"));
  assert.deepEqual(await titleMarks(page, kelola.indexOf(BANK_SAMPAH)), ["Pengelolaan"]);
  await page.close();
});

test("results as you type, with prefix match and one typo tolerated in long words", async () => {
  const { page } = await open(httpUrl());
  assert.deepEqual(await results(page), []);
  assert.equal(await page.textContent("[data-search-status]"), "Ketik kata kunci atau pilih saringan.");
  // The word being typed ("pengelo", no space after it) matches as a prefix of "Pengelolaan".
  const prefix = await typeQuery(page, "pengelo");
  assert.ok(prefix.includes(BANK_SAMPAH), prefix.join("\n"));
  // Sooner still: "pengel" has lost the k of kelola to the prefix peN-, which is restored.
  const early = await typeQuery(page, "pengel");
  assert.ok(early.includes(BANK_SAMPAH), early.join("\n"));
  // A finished word with a letter missing, and one with a wrong letter.
  const typo = await typeQuery(page, "pengelolan ");
  assert.ok(typo.includes(BANK_SAMPAH), typo.join("\n"));
  // Kitakyushu: in the title of the English report, and in the body of the TPST report.
  assert.deepEqual(await typeQuery(page, "kitakyusyu "), [KITAKYUSHU, TPST]);
  assert.equal(new URL(page.url()).searchParams.get("q"), "kitakyusyu");
  // No typo tolerance under five letters: "tpsx" is one letter from "TPST" and finds nothing.
  assert.deepEqual(await typeQuery(page, "tpsx "), []);
  assert.equal(await page.textContent("[data-search-status]"), "Tidak ada laporan yang cocok.");
  await page.close();
});

test("a result shows its recommendations' follow-up; a page without any shows none", async () => {
  const { page } = await open(httpUrl("?q=bank+sampah+surabaya"));
  const titles = await results(page);
  // 2022/sleman-bank-sampah-surabaya.md has four recommendations: R1 selesai, R2 proses (due
  // 2024-12-31, so overdue at the build date 2026-11-23), R3 dibatalkan, R4 dievaluasi.
  assert.equal(titles[0], BANK_SAMPAH);
  const first = await page.$$eval("[data-search-results] li:first-child .search-followup > *", (s) =>
    s.map((x) => [x.className, x.textContent]));
  assert.deepEqual(first, [
    ["rec-summary-total", "4 rekomendasi"],
    ["badge badge-selesai", "Selesai: 1"],
    ["badge badge-dievaluasi", "Dievaluasi: 1"],
    ["badge badge-proses", "Dalam proses: 1"],
    ["badge badge-dibatalkan", "Dibatalkan: 1"],
    ["badge badge-overdue", "Terlambat: 1"],
  ]);
  // halaman/panduan-menulis.md is a page, not a report.
  await page.goto(httpUrl("?q=panduan+menulis"));
  assert.equal((await results(page))[0], PANDUAN);
  assert.equal(await page.$$eval("[data-search-results] li:first-child .search-followup", (l) => l.length), 0);
  await page.close();
});

test("on a phone, the facets start closed so that the first results show without scrolling", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(httpUrl("?q=sampah"));
  await results(page);
  const open = await page.$$eval("[data-search-facets] details", (ds) => ds.map((d) => d.open));
  assert.ok(open.length >= 4 && open.every((o) => !o), `${open}`);
  // The first result's title and the line under it (unit, place, year) are on the screen.
  const first = await page.locator("[data-search-results] li .search-meta").first().boundingBox();
  assert.ok(first.y + first.height < 844, `first result's unit line at ${first.y}`);
  // Opening a facet loads its values, counted for the query: Sleman's three reports all
  // mention sampah.
  await page.click("[data-search-facets] summary >> text=SKPD");
  const sleman = page.locator("[data-search-facets] label", { hasText: "Dinas Lingkungan Hidup Kabupaten Sleman" });
  assert.match(await sleman.textContent(), /\(3\)/);
  // A filter from the URL opens its facet.
  await page.goto(httpUrl("?tahun=2023"));
  await results(page);
  assert.ok(await page.isChecked("[data-search-facets] input[value='2023']"));
  await context.close();
});

test("facets filter with counts, with and without a query, and go in the URL", async () => {
  const { page } = await open(httpUrl());
  await results(page);
  // Dinas Lingkungan Hidup Kabupaten Sleman wrote three reports: bank sampah (Surabaya, 2022),
  // Kitakyushu (2023) and TPST (Banyumas, 2024).
  const sleman = page.locator("[data-search-facets] label", { hasText: "Dinas Lingkungan Hidup Kabupaten Sleman" });
  assert.match(await sleman.textContent(), /\(3\)/);
  await sleman.locator("input").check();
  assert.deepEqual((await results(page)).sort(), [BANK_SAMPAH, KITAKYUSHU, TPST].sort());
  assert.equal(await page.textContent("[data-search-status]"), "3 hasil");
  assert.equal(new URL(page.url()).searchParams.get("skpd"), "Dinas Lingkungan Hidup Kabupaten Sleman");
  // Of the three, the bank sampah report has Surabaya in its title, the TPST report in its
  // body (it builds on the Surabaya visit), the Kitakyushu report not at all.
  assert.deepEqual(await typeQuery(page, "surabaya "), [BANK_SAMPAH, TPST]);
  assert.equal(new URL(page.url()).searchParams.get("skpd"), "Dinas Lingkungan Hidup Kabupaten Sleman");
  // Counts follow the query: of DPMPTSP Kota Palu's three reports, only the Surabaya Single
  // Window one mentions Surabaya; it is counted, not shown.
  const palu = page.locator("[data-search-facets] label", { hasText: "Dinas Penanaman Modal dan PTSP Kota Palu" });
  assert.match(await palu.textContent(), /\(1\)/);
  await page.close();
  // Three visits went abroad: Seoul (2025), Singapore (2024) and Kitakyushu (2023).
  const again = await open(httpUrl("?lingkup=luar-negeri&tahun=2023"));
  assert.deepEqual(await results(again.page), [KITAKYUSHU]);
  assert.ok(await again.page.isChecked("[data-search-facets] input[value='luar-negeri']"));
  assert.ok(await again.page.isChecked("[data-search-facets] input[value='2023']"));
  await again.page.close();
});

test("a title with markup is shown as text; typing from file:// works too", async () => {
  const { page, problems } = await open(fileUrl());
  await results(page);
  // "penetrasi" occurs only in the fixture's report, whose summary has markup too.
  assert.deepEqual(await typeQuery(page, "penetrasi"), [MARKUP]);
  assert.equal(await page.$$eval("[data-search-results] img, [data-search-results] b", (x) => x.length), 0);
  assert.match(await page.textContent("[data-search-results] .search-snippet"), /markup <b>tebal<\/b> & simbol/);
  // Words that name Object.prototype members are ordinary words, found nowhere.
  assert.deepEqual(await typeQuery(page, "constructor "), []);
  assert.equal(await page.textContent("[data-search-status]"), "Tidak ada laporan yang cocok.");
  assert.deepEqual(problems, []);
  await page.close();
});

test("the English report is found with English stems", async () => {
  // Only the page with lang = "en" is analysed in English: Porter2 stems "separated" and
  // "households" as its title's "Separation" and "Household" (separ, household).
  const { page } = await open(fileUrl("?q=separated+households"));
  assert.deepEqual(await results(page), [KITAKYUSHU]);
  assert.deepEqual(await titleMarks(page), ["Household", "Separation"]);
  assert.equal(await page.getAttribute("[data-search-results] li a", "hreflang"), "en");
  await page.close();
});

test("six results at a time, the rest on demand", async () => {
  // 15 of the 18 published reports have a recommendation in progress (`proses`): all but
  // banyumas-arsip-dinamis-bandung, lotim-perencanaan-bojonegoro and
  // sleman-command-center-surabaya. The fixture's only
  // recommendation is `usulan`; the draft sigi-kader-posyandu-gorontalo is not published.
  const { page } = await open(httpUrl("?status=proses"));
  assert.equal((await results(page)).length, 6);
  assert.equal(await page.textContent("[data-search-status]"), "15 hasil");
  await page.click("[data-search-more]");
  await page.waitForFunction(() => document.querySelectorAll("[data-search-results] li").length === 12);
  assert.ok(await page.isVisible("[data-search-more]"));
  await page.click("[data-search-more]");
  await page.waitForFunction(() => document.querySelectorAll("[data-search-results] li").length === 15);
  assert.ok(await page.isHidden("[data-search-more]"));
  await page.close();
});

test("the next results of a query follow the first ones in rank order", async () => {
  // "kota" is in most reports (a Kota is visited or visiting): many more than six results.
  const { page } = await open(httpUrl("?q=kota"));
  const first = await results(page);
  assert.equal(first.length, 6);
  const total = Number((await page.textContent("[data-search-status]")).split(" ")[0]);
  assert.ok(total > 6, `${total} results`);
  await page.click("[data-search-more]");
  const want = Math.min(12, total);
  await page.waitForFunction((n) => document.querySelectorAll("[data-search-results] li").length === n, want);
  const all = await page.$$eval("[data-search-results] li a", (as) => as.map((a) => a.textContent));
  assert.deepEqual(all.slice(0, 6), first, "the first six stay where they were");
  assert.equal(new Set(all).size, all.length, "no result twice");
  // A fresh page asked straight for the same query ranks the same way.
  const again = await open(httpUrl("?q=kota"));
  assert.deepEqual(await results(again.page), first);
  await again.page.close();
  await page.close();
});

test("the page is labelled for assistive technology", async () => {
  const { page } = await open(fileUrl("?q=sampah"));
  await results(page);
  const id = await page.getAttribute("[data-search-input]", "id");
  assert.equal(await page.textContent(`label[for="${id}"]`), "Cari laporan");
  assert.equal(await page.getAttribute("[data-search-status]", "aria-live"), "polite");
  assert.ok(await page.$("form[role=search]"));
  const legends = await page.$$eval("[data-search-facets] fieldset legend", (l) => l.map((x) => x.textContent));
  assert.deepEqual(legends, ["SKPD", "Topik", "Tahun", "Lingkup", "Status rekomendasi"]);
  await page.close();
});

test("acronyms, synonyms and translations are searched too, below the words typed, and can be turned off", async () => {
  const SEOUL = "Studi Banding Pusat Layanan Pengaduan Terpadu dan Tata Kelola Data Kota ke Seoul"; // 2025/mataram-smart-city-seoul.md
  // "lansia" is written only in the Seoul report ("lansia" once, "lanjut usia" three times);
  // the Badung IKD report and the Kulon Progo posyandu report say "lanjut usia" only
  // (src/search/data/akronim.toml: Lansia = "Lanjut Usia"). The exact word ranks first.
  const { page, problems } = await open(httpUrl("?q=lansia"));
  const titles = await results(page);
  assert.equal(titles[0], SEOUL);
  assert.equal(titles.length, 3, titles.join("\n"));
  assert.equal(await page.textContent("[data-search-also]"), "Juga dicari: Lanjut Usia. Cari tanpa padanan");
  // The reader searches the word alone: one result, and the URL says so.
  await page.click("[data-search-also] button");
  await page.waitForFunction(() => new URLSearchParams(location.search).get("padanan") === "0");
  assert.deepEqual(await results(page), [SEOUL]);
  assert.match(await page.textContent("[data-search-also]"), /^Hanya kata yang Anda ketik yang dicari\. Cari juga/);
  // … and back.
  await page.click("[data-search-also] button");
  await page.waitForFunction(() => !new URLSearchParams(location.search).has("padanan"));
  assert.equal((await results(page)).length, 3);
  // A new query searches the alternatives again. An English one finds the Indonesian report:
  // "waste bank" is "bank sampah" (src/search/data/glosarium.toml).
  await page.click("[data-search-also] button");
  await page.waitForFunction(() => new URLSearchParams(location.search).get("padanan") === "0");
  const waste = await typeQuery(page, "waste bank ");
  assert.equal(waste[0], BANK_SAMPAH);
  assert.match(await page.textContent("[data-search-also]"), /^Juga dicari: bank sampah\./);
  assert.deepEqual(await titleMarks(page), ["Bank", "Sampah"], "the alternative's words are highlighted");
  // An acronym finds its expansion: "Dinkes" is written nowhere; the Sigi health office's unit
  // is "Dinas Kesehatan Kabupaten Sigi" (the draft 2026 report is not published), so its two
  // reports come first; two more name "Dinas Kesehatan" and Sigi in their bodies.
  const dinkes = await typeQuery(page, "dinkes sigi ");
  assert.equal(dinkes.length, 4, dinkes.join("\n"));
  assert.deepEqual(dinkes.slice(0, 2).sort(), [
    "Kunjungan Kerja Penguatan Posyandu dan Pemberian Makanan Tambahan Lokal ke Kabupaten Kulon Progo",
    "Studi Banding Percepatan Penurunan Stunting Berbasis Data ke Kabupaten Sumedang",
  ]);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a word as typed ranks above its affixed forms", async () => {
  // "kelola" as a word of its own: the Seoul report's title ("Tata Kelola Data"), the Smart
  // Kampung report's summary and objectives ("tata kelola jaringan"). The bank sampah report
  // has only "Pengelolaan" (title) and "dikelola": its title hit weighs less than an exact one.
  const KAMPUNG = "Studi Banding Layanan Publik Digital Tingkat Desa (Smart Kampung) ke Kabupaten Banyuwangi"; // 2023/mataram-smart-kampung-banyuwangi.md
  const { page } = await open(fileUrl("?q=kelola"));
  const titles = await results(page);
  assert.match(titles[0], /Tata Kelola Data/);
  assert.ok(titles.indexOf(KAMPUNG) >= 0 && titles.indexOf(KAMPUNG) < titles.indexOf(BANK_SAMPAH), titles.join("\n"));
  await page.close();
});

test("a question is searched by its content words", async () => {
  // "bagaimana" and "lain" only make it a question; "daerah" is in every report, "menurunkan"
  // (turun) and "stunting" carry it: the two reports with Penurunan Stunting in their titles
  // come first (2023/sigi-stunting-sumedang.md, 2026/lotim-konvergensi-stunting-sumedang.md).
  const { page } = await open(fileUrl("?q=" + encodeURIComponent("bagaimana daerah lain menurunkan stunting balita?")));
  const titles = await results(page);
  assert.ok(titles.length >= 1);
  assert.match(titles[0], /Penurunan Stunting/);
  await page.close();
});
