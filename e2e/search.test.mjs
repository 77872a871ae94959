// Browser tests of the search page in Debian's headless Chromium (playwright-core):
// a fixture portal written by `cargo run --example search_fixture`, opened from file:// and
// served over HTTP under a subpath.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join, normalize, extname } from "node:path";
import { chromium } from "playwright-core";

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const repo = new URL("..", import.meta.url).pathname;
let dir, server, httpBase, browser;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "tilik-search-"));
  execFileSync("cargo", ["run", "-q", "--example", "search_fixture", "--", dir], { cwd: repo, stdio: "inherit" });
  server = createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    if (!url.pathname.startsWith("/portal/")) { res.writeHead(404); return res.end(); }
    let file = normalize(join(dir, decodeURIComponent(url.pathname.slice("/portal/".length))));
    if (!file.startsWith(dir)) { res.writeHead(403); return res.end(); }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) { res.writeHead(404); return res.end(); }
    const type = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css" }[extname(file)];
    res.writeHead(200, { "content-type": `${type}; charset=utf-8` });
    res.end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  httpBase = `http://127.0.0.1:${server.address().port}/portal/`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
});

const fileUrl = (query = "") => `file://${dir}/cari/index.html${query}`;
const httpUrl = (query = "") => `${httpBase}cari/${query}`;

/** Opens the page; returns it with a list of page errors and dialogs. */
async function open(url) {
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`error: ${e.message}`));
  page.on("dialog", (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss(); });
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

async function typeQuery(page, q) {
  await page.fill("[data-search-input]", "");
  await page.type("[data-search-input]", q, { delay: 20 });
  await page.waitForFunction((q) => new URLSearchParams(location.search).get("q") === q.trim(), q);
  return results(page);
}

for (const [where, url] of [["file://", fileUrl], ["http under a subpath", httpUrl]]) {
  test(`?q= runs on load and ranks title hits first (${where})`, async () => {
    const { page, problems } = await open(url("?q=kearsipan"));
    const titles = await results(page);
    assert.deepEqual(titles.slice(0, 2), ["Kearsipan Digital Kota Magelang", "Mal Pelayanan Publik Kota Bandung"]);
    assert.match(await page.textContent("[data-search-status]"), /^2 hasil$/);
    const links = await page.$$eval("[data-search-results] li", (lis) => lis.map((li) => li.querySelectorAll("a").length));
    assert.ok(links.every((n) => n === 1), "one link per result");
    const href = await page.getAttribute("[data-search-results] li a", "href");
    assert.equal(href, "../laporan/magelang-arsip/");
    assert.ok(await page.$("[data-search-results] mark"), "matched words are highlighted");
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test("Indonesian forms conflate: tulis finds menulis, memerintah finds pemerintahan", async () => {
  const { page } = await open(fileUrl("?q=tulis"));
  assert.ok((await results(page)).includes("Kearsipan Digital Kota Magelang"));
  assert.ok((await typeQuery(page, "memerintah ")).includes("Transformasi Digital Pemerintahan di Seoul"));
  await page.close();
});

test("results as you type, with prefix match and one typo tolerated", async () => {
  const { page } = await open(httpUrl());
  assert.deepEqual(await results(page), []);
  assert.equal(await page.textContent("[data-search-status]"), "Ketik kata kunci atau pilih saringan.");
  const prefix = await typeQuery(page, "pengelo");
  assert.ok(prefix.includes("Studi Banding Pengelolaan Sampah ke Kota Surabaya"), prefix.join());
  const typo = await typeQuery(page, "pengelolan ");
  assert.ok(typo.includes("Studi Banding Pengelolaan Sampah ke Kota Surabaya"), typo.join());
  const typo2 = await typeQuery(page, "kitakyusyu ");
  assert.deepEqual(typo2, ["Kunjungan Kerja Daur Ulang ke Kitakyushu"]);
  assert.equal(new URL(page.url()).searchParams.get("q"), "kitakyusyu");
  await page.close();
});

test("facets filter with counts, with and without a query, and go in the URL", async () => {
  const { page } = await open(httpUrl());
  await results(page);
  const unit = page.locator("[data-search-facets] label", { hasText: "Dinas Kesehatan Kabupaten Bantul" });
  assert.match(await unit.textContent(), /\(3\)/);
  await unit.locator("input").check();
  const browse = await results(page);
  assert.equal(browse.length, 3);
  assert.equal(new URL(page.url()).searchParams.get("skpd"), "Dinas Kesehatan Kabupaten Bantul");
  const withQuery = await typeQuery(page, "digital ");
  assert.deepEqual(withQuery, ["Transformasi Digital Pemerintahan di Seoul"]);
  // Counts follow the query: the other unit's digital report is counted but not shown.
  const other = page.locator("[data-search-facets] label", { hasText: "Dinas Perpustakaan dan Kearsipan Kota Magelang" });
  assert.match(await other.textContent(), /\(1\)/);
  await page.close();
  const again = await open(httpUrl("?lingkup=luar-negeri&tahun=2023"));
  assert.deepEqual(await results(again.page), ["Kunjungan Kerja Daur Ulang ke Kitakyushu"]);
  assert.ok(await again.page.isChecked("[data-search-facets] input[value='luar-negeri']"));
  await again.page.close();
});

test("a title with markup is shown as text; typing from file:// works too", async () => {
  const { page, problems } = await open(fileUrl());
  await results(page);
  const titles = await typeQuery(page, "penyandian");
  assert.deepEqual(titles, ["<img src=x onerror=alert(1)>"]);
  assert.equal(await page.$$eval("[data-search-results] img, [data-search-results] b", (x) => x.length), 0);
  // Words that name Object.prototype members are ordinary words.
  assert.deepEqual(await typeQuery(page, "constructor "), []);
  assert.equal(await page.textContent("[data-search-status]"), "Tidak ada laporan yang cocok.");
  assert.deepEqual(problems, []);
  await page.close();
});

test("English pages are found with English stems", async () => {
  const { page } = await open(fileUrl("?q=managing+water"));
  assert.deepEqual(await results(page), ["Water Management Study in Singapore"]);
  await page.close();
});

test("ten results at a time, the rest on demand", async () => {
  const { page } = await open(fileUrl("?q=rapat+koordinasi"));
  assert.equal((await results(page)).length, 10);
  assert.equal(await page.textContent("[data-search-status]"), "12 hasil");
  await page.click("[data-search-more]");
  await page.waitForFunction(() => document.querySelectorAll("[data-search-results] li").length === 12);
  assert.ok(await page.isHidden("[data-search-more]"));
  await page.close();
});

test("the page is labelled for assistive technology", async () => {
  const { page } = await open(fileUrl("?q=sampah"));
  await results(page);
  assert.equal(await page.getAttribute("[data-search-input]", "id"), await page.getAttribute("label[for]", "for"));
  assert.equal(await page.getAttribute("[data-search-status]", "aria-live"), "polite");
  assert.ok(await page.$("form[role=search]"));
  const legends = await page.$$eval("[data-search-facets] fieldset legend", (l) => l.map((x) => x.textContent));
  assert.deepEqual(legends, ["SKPD", "Topik", "Tahun", "Lingkup", "Status rekomendasi"]);
  await page.close();
});
