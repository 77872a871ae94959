// The search flow on the sample portal as a visitor meets it on a host: from the header's search
// form to results to a report, under the recipe's Content-Security-Policy. Runs against the Node
// server of portal.mjs, or against a real server when PORTAL_BASE is set
// (tests/it/hosting_nginx.rs points it at nginx).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, portal, searchResults } from "./portal.mjs";

let site, browser;
before(async () => {
  site = await portal();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  site?.close();
});

test(`search from the home page to a report (${process.env.PORTAL_BASE ? "PORTAL_BASE" : "Node server"})`, async () => {
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  page.on("response", (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));

  const home = await page.goto(site.base);
  assert.equal(home.status(), 200);
  assert.match(home.headers()["content-security-policy"] || "", /default-src 'self'/);
  await page.fill("#cari-kepala", "sampah");
  await Promise.all([page.waitForURL(/\/portal\/cari\/\?q=sampah$/), page.press("#cari-kepala", "Enter")]);
  const titles = await searchResults(page);
  assert.ok(titles.includes("Studi Banding Pengelolaan Bank Sampah dan Pusat Daur Ulang ke Kota Surabaya"), titles.join("\n"));

  // A second query as you type, then a result leads to its report.
  await page.fill("[data-search-input]", "");
  await page.type("[data-search-input]", "stunting", { delay: 10 });
  await page.waitForFunction(() => new URLSearchParams(location.search).get("q") === "stunting");
  const stunting = await searchResults(page);
  assert.ok(stunting.length >= 2, stunting.join("\n"));
  const first = page.locator("[data-search-results] li a").first();
  await Promise.all([page.waitForURL(/\/portal\/laporan\/[^/]+\/$/), first.click()]);
  assert.equal(await page.textContent("h1"), stunting[0]);
  assert.deepEqual(problems, []);
  await page.close();
});
