// The tails of common terms (docs/search.md, "Common terms"): a first query ranks with the
// best postings of each term and bounds for the others, and loads the rest only when the
// bounds cannot settle the first results. Whatever is loaded, the results and their order
// must be those of an index whose postings are all in the shards.
//
// The sample portal is built twice: as usual (on 25 pages no term is long enough to be cut)
// and with TILIK_SEARCH_HEAD_BYTES=24, which cuts every term found on more than a few pages.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { buildPortal, launch, serve } from "./portal.mjs";

let whole, cut, browser;

before(async () => {
  const w = buildPortal(undefined, [], "search");
  process.env.TILIK_SEARCH_HEAD_BYTES = "24";
  let c;
  try {
    c = buildPortal(undefined, [], "search");
  } finally {
    delete process.env.TILIK_SEARCH_HEAD_BYTES;
  }
  whole = { dir: w, ...(await serve(w)) };
  cut = { dir: c, ...(await serve(c)) };
  browser = await launch();
});

after(async () => {
  await browser?.close();
  for (const p of [whole, cut]) {
    p?.close();
    if (p?.dir) rmSync(join(p.dir, ".."), { recursive: true, force: true });
  }
});

/** Runs `q` on a portal: the first page of results, then every result (after "more"), the
    status line, and how many tail files were loaded before the first page showed. */
async function run(p, q) {
  const page = await browser.newPage();
  const tails = [];
  let shown = false;
  page.on("request", (r) => r.url().includes("/search/s/") && tails.push(shown));
  await page.goto(`${p.base}cari/?q=${encodeURIComponent(q)}`);
  const ready = () =>
    page.waitForFunction(() => {
      const l = document.querySelector("[data-search-results]");
      return l.getAttribute("aria-busy") === "false" && document.querySelector("[data-search-status]").textContent;
    });
  const titles = () => page.$$eval("[data-search-results] li a", (as) => as.map((a) => a.textContent));
  await ready();
  const first = await titles();
  shown = true;
  const status = await page.textContent("[data-search-status]");
  while (await page.isVisible("[data-search-more]")) {
    const n = (await titles()).length;
    await page.click("[data-search-more]");
    await page.waitForFunction((n) => document.querySelectorAll("[data-search-results] li").length > n, n);
  }
  const all = await titles();
  await page.close();
  return { first, all, status, early: tails.filter((t) => !t).length };
}

test("the cut index has tails, the whole one none", () => {
  assert.ok(readdirSync(join(cut.dir, "search/s")).length > 10);
  assert.throws(() => readdirSync(join(whole.dir, "search/s")));
});

test("results and their order do not depend on how the postings are cut", async () => {
  // Common words of the sample reports (laporan, daerah, pelayanan…), a question, an
  // acronym, a prefix being typed, and words that are rarer.
  const queries = [
    "laporan", "daerah", "pengelolaan sampah", "pelayanan publik", "laporan daerah kota",
    "bagaimana daerah lain menurunkan stunting balita?", "DLH", "studi banding", "pengelo",
    "arsip", "bandung",
  ];
  let settled = 0;
  for (const q of queries) {
    const [a, b] = [await run(whole, q), await run(cut, q)];
    assert.deepEqual(b.first, a.first, q);
    assert.deepEqual(b.all, a.all, q);
    assert.equal(b.status, a.status, q);
    assert.equal(a.early, 0, q);
    if (!b.early) settled++;
  }
  // Some first pages are settled by the bounds alone, without a tail.
  assert.ok(settled > 0, `${settled} of ${queries.length} settled without tails`);
});
