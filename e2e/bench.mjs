// Search benchmark: what a first query costs on a portal built by `tilik build`, in Debian's
// headless Chromium. Figures only: nothing is asserted.
//
//   bash ../shared/bench/setup.sh 10000 /tmp/b10k               # /tmp/b10k/tilik: 10,000 reports
//   target/release/tilik build --root /tmp/b10k/tilik 2>/dev/null   # (many warnings: fine)
//   node e2e/bench.mjs /tmp/b10k/tilik/public [--runs N] ["pengelolaan sampah" ...]
//
// The portal is served under /portal/ by portal.mjs's server. For each query and run, on a
// fresh page (its own browser context, so nothing cached) that has loaded the search page and
// its index entry: the time from the query being issued (form submit, no typing debounce) to
// its results being shown (aria-busy="false"), in phases: until the last index file (shard,
// typo dictionary, facet) has arrived; ranking (running those files, scoring, until the first
// result metadata file is requested); result metadata files on their way; rendering. Each is
// a median over the runs, so they need not add up to the median total. And the gzipped bytes
// of every file the page loaded, search files (client, entry, shards, facets, result
// metadata) apart from the page's HTML, CSS and other files.
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, normalize } from "node:path";
import { gzipSync } from "node:zlib";
import { launch, serve } from "./portal.mjs";

const args = process.argv.slice(2);
let runs = 3;
const runsAt = args.indexOf("--runs");
if (runsAt >= 0) runs = Number(args.splice(runsAt, 2)[1]);
let [dir, ...queries] = args;
if (!dir || !(runs >= 1)) {
  console.error("usage: node e2e/bench.mjs PORTAL_OUTPUT_DIR [--runs N] [QUERY...]");
  process.exit(2);
}
// A project folder stands for its default output folder.
if (!existsSync(join(dir, "cari")) && existsSync(join(dir, "public/cari"))) dir = join(dir, "public");
dir = normalize(dir);
// Words of the generated reports (../shared/bench/gen_corpus.py): two common words, one common
// word, a rare place with a year, a finished word with a typo, a word still being typed.
const qs = queries.length
  ? queries
  : ["pengelolaan sampah", "pelayanan publik", "pemerintah", "kitakyushu 2024", "pengelolan ", "pengelo"];

const gz = {};
/** Gzipped size (level 9) of the file a URL path of the portal names. */
function gzipped(path) {
  let file = join(dir, decodeURIComponent(path.replace(/^\/portal\//, "")));
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
  return existsSync(file) ? (gz[file] ??= gzipSync(readFileSync(file), { level: 9 }).length) : 0;
}

/** What a loaded file is: the search client, a part of the index, or a page's own file. */
function kind(path) {
  const m = /\/search\/(?:(index)\.|([tdfm])\/)/.exec(path);
  if (m) return m[1] ? "entry" : { t: "shards", d: "dict", f: "facets", m: "meta" }[m[2]];
  if (path.endsWith("/js/search.js")) return "client";
  if (path.endsWith("/") || path.endsWith(".html")) return "html";
  if (path.endsWith(".css")) return "css";
  return "other";
}
const SEARCH = new Set(["client", "entry", "shards", "dict", "facets", "meta"]);

const server = await serve(dir);
const browser = await launch();

/** One first query on a fresh page: { ms, index, rank, meta, render, status, shown, files }. */
async function firstQuery(q) {
  const page = await browser.newPage();
  const files = [];
  page.on("request", (r) => files.push(new URL(r.url()).pathname));
  await page.goto(`${server.base}cari/`);
  await page.waitForFunction(
    () =>
      document.querySelector("[data-search-results]").getAttribute("aria-busy") === "false" &&
      document.querySelector("[data-search-status]").textContent,
  );
  const r = await page.evaluate(
    (q) =>
      new Promise((done) => {
        const list = document.querySelector("[data-search-results]");
        const input = document.querySelector("[data-search-input]");
        performance.clearResourceTimings();
        const t0 = performance.now();
        let busy = false;
        new MutationObserver(() => {
          if (list.getAttribute("aria-busy") === "true") busy = true;
          else if (busy) {
            // Phases, from the Resource Timing of the files loaded for the query: index files
            // (shards, typo dictionaries, facets) on their way, ranking, result metadata files
            // on their way, rendering.
            const ms = performance.now() - t0;
            const files = performance.getEntriesByType("resource").filter((e) => e.name.includes("/search/"));
            const meta = files.filter((e) => e.name.includes("/search/m/"));
            const index = files.filter((e) => !e.name.includes("/search/m/"));
            const indexEnd = Math.max(0, ...index.map((e) => e.responseEnd - t0));
            const metaStart = meta.length ? Math.min(...meta.map((e) => e.startTime - t0)) : ms;
            const metaEnd = meta.length ? Math.max(...meta.map((e) => e.responseEnd - t0)) : ms;
            done({ ms, index: indexEnd, rank: metaStart - indexEnd, meta: metaEnd - metaStart, render: ms - metaEnd });
          }
        }).observe(list, { attributes: true });
        input.value = q;
        input.form.requestSubmit();
      }),
    q,
  );
  r.shown = await page.$$eval("[data-search-results] li", (l) => l.length);
  r.status = await page.textContent("[data-search-status]");
  r.files = files;
  await page.close();
  return r;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const kb = (n) => `${(n / 1024).toFixed(1)}K`;
let worstBytes = 0, worstMs = 0;
console.log(`${dir}: ${runs} run(s) per query, load average ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}`);
for (const q of qs) {
  const all = [];
  for (let i = 0; i < runs; i++) all.push(await firstQuery(q));
  const kinds = {};
  let search = 0;
  for (const f of all[0].files) {
    const k = kind(f), size = gzipped(f);
    (kinds[k] ??= { files: 0, bytes: 0 }).files++;
    kinds[k].bytes += size;
    if (SEARCH.has(k)) search += size;
  }
  worstBytes = Math.max(worstBytes, search);
  const ms = all.map((r) => r.ms);
  worstMs = Math.max(worstMs, median(ms));
  const phase = (k) => median(all.map((r) => r[k])).toFixed(0);
  const parts = Object.entries(kinds).map(([k, v]) => `${k} ${v.files}×${kb(v.bytes)}`).join(", ");
  console.log(
    `${JSON.stringify(q)}: ${all[0].status}, ${all[0].shown} shown; ` +
      `${median(ms).toFixed(0)} ms median (${Math.min(...ms).toFixed(0)}–${Math.max(...ms).toFixed(0)}): ` +
      `index files ${phase("index")} → ranking ${phase("rank")} → result files ${phase("meta")} → rendering ${phase("render")}; ` +
      `search files ${kb(search)} gzipped [${parts}]`,
  );
}
console.log(`slowest query (median): ${worstMs.toFixed(0)} ms; largest first query: ${kb(worstBytes)} gzipped`);
await browser.close();
server.close();
