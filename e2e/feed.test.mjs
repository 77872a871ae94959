// A feed opened in a browser (issue 16, item 17): instead of raw XML, the theme's XSLT
// stylesheet (feed-style.xml, named by <?xml-stylesheet?> in every feed) shows a page that
// says what a feed is, how to follow it (with the address to copy) and lists the entries, with
// the portal's stylesheet, readable at 390 px. Served as application/xml, as `tilik serve` and
// this test's server send .xml files. Set TILIK_FEED_SHOTS=DIR for screenshots.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { launch, portal } from "./portal.mjs";

let site, browser;
before(async () => {
  site = await portal();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  site?.close();
});

/** The feed as a feed reader reads it: title, self link and entry titles. */
async function feedEntries(path) {
  const xml = await (await fetch(site.base + path)).text();
  const doc = xml.replace(/<entry>[\s\S]*$/, "");
  const unescape = (s) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
  return {
    title: unescape(doc.match(/<title>([^<]*)<\/title>/)[1]),
    self: doc.match(/<link rel="self"[^>]* href="([^"]*)"/)[1],
    entries: [...xml.matchAll(/<entry>\s*<title>([^<]*)<\/title>/g)].map((m) => unescape(m[1])),
  };
}

/** Opens a feed at 390 px; returns what the reader sees, failed requests and page errors. */
async function openFeed(path) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const failed = [];
  page.on("response", (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
  page.on("pageerror", (e) => failed.push(`page error: ${e.message}`));
  await page.goto(site.base + path);
  const shots = process.env.TILIK_FEED_SHOTS;
  if (shots) await page.screenshot({ path: join(shots, `${path.replace(/\W+/g, "-")}.png`), fullPage: true });
  const seen = await page.evaluate(() => ({
    lang: document.documentElement.lang,
    h1: document.querySelector("h1")?.textContent,
    text: document.body.innerText,
    entries: [...document.querySelectorAll(".feed-entries .card-title a")].map((a) => a.textContent),
    code: document.querySelector("code")?.textContent,
    styled: getComputedStyle(document.querySelector(".site-header") || document.body).backgroundColor,
    wide: document.documentElement.scrollWidth > innerWidth,
    viewport: document.querySelector("meta[name=viewport]")?.content,
  }));
  await context.close();
  return { ...seen, failed };
}

for (const path of ["feed.xml", "skpd/dinas-lingkungan-hidup-kabupaten-sleman/feed.xml"]) {
  test(`${path} opens as a page that says what a feed is, how to follow it and what is in it`, async () => {
    const feed = await feedEntries(path);
    assert.ok(feed.entries.length > 0, `${path} has entries`);
    const seen = await openFeed(path);
    assert.deepEqual(seen.failed, [], "every file of the page loads (the portal's stylesheet from the feed's root)");
    assert.equal(seen.lang, "id");
    assert.equal(seen.h1, feed.title);
    assert.match(seen.text, /umpan \(feed\)/i, "says what a feed is");
    assert.match(seen.text, /Cara mengikuti/, "says how to follow it");
    assert.equal(seen.code, feed.self, "shows the address to copy");
    assert.deepEqual(seen.entries, feed.entries);
    assert.match(seen.text, /\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}/);
    assert.notEqual(seen.styled, "rgba(0, 0, 0, 0)", "the portal's stylesheet applies");
    assert.equal(seen.wide, false, "no sideways scroll at 390 px");
    assert.equal(seen.viewport, "width=device-width, initial-scale=1");
  });
}

test("without the stylesheet a feed is raw XML: what the page check would catch", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  // The same feed without its <?xml-stylesheet?> instruction, from the same origin.
  await page.route("**/feed.xml", async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace(/<\?xml-stylesheet[^>]*\?>\n/, "");
    await route.fulfill({ response, body });
  });
  await page.goto(site.base + "feed.xml");
  const h1 = await page.evaluate(() => document.querySelector("h1")?.textContent ?? null);
  assert.equal(h1, null);
  await context.close();
});
