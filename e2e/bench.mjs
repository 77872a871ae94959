// Search benchmark: what a first query costs on a portal built by `tilik build`, in Debian's
// headless Chromium. Figures only: nothing is asserted.
//
//   python3 benches/gen_corpus.py --n 10000 --out /tmp/b10k/tilik  # 10,000 generated reports
//   target/release/tilik build --root /tmp/b10k/tilik 2>/dev/null   # (many warnings: fine)
//   node e2e/bench.mjs /tmp/b10k/tilik/public [--runs N] [--settle MS] ["pengelolaan sampah" ...]
//
// The portal is served under /portal/ with the nginx recipe's headers. For each query and run,
// a new headless Chromium (its own profile, so nothing cached) starts on a blank page and a
// second later (a browser just started is busy for about half a second) opens the search page
// with bench-probe.js added, which issues the query once the page has settled and shown its
// empty state, and --settle milliseconds more (default 1000: a reader types after the page
// has loaded), as a form submit (no typing debounce), and reports the time from the submit to the results being shown
// (aria-busy="false"), in phases: until the last index file (shard, typo dictionary, facet)
// has arrived; ranking (running those files, scoring, until the first result metadata file is
// requested); result metadata files on their way; rendering. Each is a median over the runs,
// so they need not add up to the median total. And the gzipped bytes of every file the page
// loaded, search files (client, entry, shards, facets, result metadata) apart from the page's
// HTML, CSS and other files.
//
// The browser is started without a debugging connection: a browser driven over the DevTools
// protocol (Playwright) reports every request to its driver as it happens, which on this
// 2-core machine added about 30 ms to each first query.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { gzipSync } from "node:zlib";
import { CHROMIUM, recipeHeaders } from "./portal.mjs";

const args = process.argv.slice(2);
/** The value of option `name` (removed from args), else `fallback`. */
function option(name, fallback) {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args.splice(at, 2)[1]) : fallback;
}
const runs = option("--runs", 5), settle = option("--settle", 1000);
let [dir, ...queries] = args;
if (!dir || !(runs >= 1) || !(settle >= 0)) {
  console.error("usage: node e2e/bench.mjs PORTAL_OUTPUT_DIR [--runs N] [--settle MS] [QUERY...]");
  process.exit(2);
}
// A project folder stands for its default output folder.
if (!existsSync(join(dir, "cari")) && existsSync(join(dir, "public/cari"))) dir = join(dir, "public");
dir = normalize(dir);
// Words of the generated reports (benches/gen_corpus.py): one common word, two common
// words (twice), a question, an acronym (of "Ruang Terbuka Hijau"), a rare place with a
// year, a finished word with a typo, a word still being typed.
const qs = queries.length
  ? queries
  : ["pemerintah", "pengelolaan sampah", "pelayanan publik", "bagaimana daerah lain menurunkan stunting?", "RTH",
    "kitakyushu 2024", "pengelolan ", "pengelo"];

const gz = {};
/** Gzipped size (level 9) of the file a URL path of the portal names. */
function gzipped(path) {
  let file = join(dir, decodeURIComponent(path.replace(/^\/portal\//, "")));
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
  return existsSync(file) ? (gz[file] ??= gzipSync(readFileSync(file), { level: 9 }).length) : 0;
}

/** What a loaded file is: the search client, a part of the index, or a page's own file. */
function kind(path) {
  const m = /\/search\/(?:(index)\.|([tsdfmx])\/)/.exec(path);
  if (m) return m[1] ? "entry" : { t: "shards", s: "tails", d: "dict", f: "facets", m: "meta", x: "vocab" }[m[2]];
  if (path.endsWith("/js/search.js")) return "client";
  if (path.endsWith("/") || path.endsWith(".html")) return "html";
  if (path.endsWith(".css")) return "css";
  return "other";
}
const SEARCH = new Set(["client", "entry", "shards", "tails", "dict", "facets", "meta", "vocab"]);

const PROBE = readFileSync(new URL("./bench-probe.js", import.meta.url));
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml" };
const headers = recipeHeaders();
let requested = [], reported = null;

/** The portal under /portal/, the search page with the probe added; /bench/ for the probe. */
const server = createServer((req, res) => {
  const path = new URL(req.url, "http://x").pathname;
  if (path === "/bench/probe.js") {
    res.writeHead(200, { ...headers, "content-type": "text/javascript" });
    return res.end(PROBE);
  }
  if (path === "/bench/start") {
    // A blank page for the browser to start on; the search page follows a second later, in
    // a browser done with starting up.
    const to = (new URL(req.url, "http://x").searchParams.get("to") ?? "/portal/cari/").replace(/[^\w/?=&%.-]/g, "").replace(/&/g, "&amp;");
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    return res.end(`<!doctype html><title>bench</title><meta http-equiv="refresh" content="1; url=${to}">`);
  }
  if (path === "/bench/report") {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      res.end();
      reported?.(JSON.parse(body));
    });
    return;
  }
  requested.push(path);
  let file = normalize(join(dir, decodeURIComponent(path.replace(/^\/portal\//, ""))));
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
  if (!path.startsWith("/portal/") || !file.startsWith(dir) || !existsSync(file)) {
    res.writeHead(404, headers);
    return res.end();
  }
  let body = readFileSync(file);
  if (path.startsWith("/portal/cari/")) {
    // First of the deferred scripts: it reads ?bench= before search.js rewrites the URL.
    body = body.toString().replace(/<head[^>]*>/, (head) => `${head}<script src="/bench/probe.js" defer></script>`);
  }
  res.writeHead(200, { ...headers, "content-type": `${TYPES[extname(file)] || "application/octet-stream"}; charset=utf-8` });
  res.end(body);
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const origin = `http://127.0.0.1:${server.address().port}`;

/** One first query in a new browser: { ms, index, rank, meta, render, status, shown, files }. */
async function firstQuery(q) {
  const profile = mkdtempSync(join(tmpdir(), "tilik-bench-"));
  requested = [];
  let fail;
  const result = new Promise((ok, no) => {
    reported = ok;
    fail = no;
  });
  const timer = setTimeout(() => fail(new Error(`no results for ${JSON.stringify(q)} within 30 s`)), 30000);
  const browser = spawn(
    CHROMIUM,
    ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
      `--user-data-dir=${profile}`, `${origin}/bench/start?to=${encodeURIComponent(`/portal/cari/?bench=${encodeURIComponent(q)}&settle=${settle}`)}`],
    { stdio: "ignore", detached: true },
  );
  browser.on("error", (e) => fail(new Error(`cannot start ${CHROMIUM}: ${e.message}`)));
  browser.on("exit", (code) => fail(new Error(`${CHROMIUM} exited (${code}) before the results were shown`)));
  try {
    const r = await result;
    r.files = requested.slice();
    return r;
  } finally {
    clearTimeout(timer);
    reported = null;
    if (browser.pid && browser.exitCode === null) {
      const gone = new Promise((ok) => browser.on("exit", ok));
      process.kill(-browser.pid, "SIGKILL");
      await gone;
    }
    rmSync(profile, { recursive: true, force: true });
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const kb = (n) => `${(n / 1024).toFixed(1)}K`;
let worstBytes = 0, worstMs = 0;
console.log(`${dir}: ${runs} run(s) per query, issued ${settle} ms after the page settled, load average ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}`);
// What every first query pays before its own files: the client and the index entry the
// search page names.
const entrySrc = /<script[^>]*\bsrc="([^"]*search\/index\.[^"]*\.js)"[^>]*data-search-index|<script[^>]*data-search-index[^>]*\bsrc="([^"]*)"/.exec(
  readFileSync(join(dir, "cari/index.html"), "utf8"),
);
const entryPath = entrySrc ? (entrySrc[1] || entrySrc[2]).replace(/^(\.\.\/|\/)+/, "") : "";
console.log(`client js/search.js ${kb(gzipped("/portal/js/search.js"))} gzipped; entry ${entryPath || "(not found)"} ${kb(entryPath ? gzipped(`/portal/${entryPath}`) : 0)} gzipped`);
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
      `search files ${kb(search)} gzipped (${kb(search - (kinds.client?.bytes ?? 0))} without the client) [${parts}]`,
  );
}
console.log(`slowest query (median): ${worstMs.toFixed(0)} ms; largest first query: ${kb(worstBytes)} gzipped`);
server.close();
