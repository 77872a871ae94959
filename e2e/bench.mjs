// Search benchmark: what a first query costs on a built portal, in Debian's headless Chromium.
//
//   cargo run --release --example search_fixture -- /tmp/b10k /tmp/c10k   # or a `tilik build`
//   node e2e/bench.mjs /tmp/b10k "pengelolaan sampah" "pelayanan publik" ...
//
// For each query, on a fresh page served over HTTP: the gzipped bytes of every file the page
// loaded (client, entry, shards, facets, result metadata; the HTML and CSS are listed apart),
// and the time from the query being issued (form submit, no typing debounce) to the results
// being shown (aria-busy="false").
import { createServer } from "node:http";
import { readFileSync, existsSync, statSync } from "node:fs";
import { join, normalize, extname } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";

const [dir, ...queries] = process.argv.slice(2);
if (!dir) {
  console.error("usage: node e2e/bench.mjs PORTAL_DIR [QUERY...]");
  process.exit(2);
}
const qs = queries.length ? queries : ["pengelolaan sampah", "pelayanan publik", "pemerintah", "pengelolan", "kitakyushu 2024", "peng"];
const gz = {};
const gzipped = (url) => {
  const path = decodeURIComponent(new URL(url, "http://x").pathname.replace(/^\/portal\//, ""));
  let file = normalize(join(dir, path));
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
  return existsSync(file) ? (gz[url] ??= gzipSync(readFileSync(file), { level: 9 }).length) : 0;
};
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, "http://x").pathname.replace(/^\/portal\//, ""));
  let file = normalize(join(dir, path));
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
  if (!file.startsWith(normalize(dir)) || !existsSync(file)) { res.writeHead(404); return res.end(); }
  const body = readFileSync(file);
  res.writeHead(200, { "content-type": { ".html": "text/html", ".js": "text/javascript", ".css": "text/css" }[extname(file)] || "application/octet-stream" });
  res.end(body);
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = `http://127.0.0.1:${server.address().port}/portal/`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});

let worst = 0;
for (const q of qs) {
  const page = await browser.newPage();
  const urls = [];
  page.on("request", (r) => urls.push(new URL(r.url()).pathname));
  await page.goto(`${base}cari/`);
  await page.waitForFunction(() => document.querySelector("[data-search-results]").getAttribute("aria-busy") === "false" && document.querySelector("[data-search-status]").textContent);
  const ms = await page.evaluate((q) => new Promise((done) => {
    const list = document.querySelector("[data-search-results]");
    const input = document.querySelector("[data-search-input]");
    const t0 = performance.now();
    const seen = { busy: false };
    new MutationObserver(() => {
      if (list.getAttribute("aria-busy") === "true") seen.busy = true;
      else if (seen.busy) done(performance.now() - t0);
    }).observe(list, { attributes: true });
    input.value = q;
    input.form.requestSubmit();
  }), q);
  const results = await page.$$eval("[data-search-results] li", (l) => l.length);
  const status = await page.textContent("[data-search-status]");
  const kinds = {};
  let total = 0;
  for (const u of urls) {
    const size = gzipped(u);
    const kind = /\.html$|\/$/.test(u) ? "html" : u.endsWith(".css") ? "css" : u.includes("/search/") ? u.split("/search/")[1].split("/")[0].replace(/^index\..*/, "entry") : "client";
    kinds[kind] = kinds[kind] || { files: 0, bytes: 0 };
    kinds[kind].files++;
    kinds[kind].bytes += size;
    if (kind !== "html" && kind !== "css") total += size;
  }
  worst = Math.max(worst, total);
  const parts = Object.entries(kinds).map(([k, v]) => `${k} ${v.files}×=${(v.bytes / 1024).toFixed(1)}K`).join(", ");
  console.log(`${JSON.stringify(q)}: ${status}; ${ms.toFixed(0)} ms; ${(total / 1024).toFixed(1)} KB gzipped (js) [${parts}]; ${results} shown`);
  await page.close();
}
console.log(`largest first query: ${(worst / 1024).toFixed(1)} KB gzipped`);
await browser.close();
server.close();
