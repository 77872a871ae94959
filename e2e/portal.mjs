// The sample portal (content/ of this repository, plus for some tests the reports of a folder
// of fixtures/) for browser tests: built once per test file with the tilik binary, served
// over HTTP under /portal/ by a small Node server that sends the same security headers as the
// nginx recipe (tests/hosting/nginx-portal.conf), or, when PORTAL_BASE is set (e.g.
// http://127.0.0.1:PORT/portal/ of a real nginx), that server instead.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
export const repo = new URL("..", import.meta.url).pathname;

/** The tilik binary: TILIK_BIN (set by tests/it/e2e.rs), else the debug build (built if needed). */
export function tilik() {
  if (process.env.TILIK_BIN) return process.env.TILIK_BIN;
  execFileSync("cargo", ["build", "-q", "--bin", "tilik"], { cwd: repo, stdio: "inherit" });
  return join(repo, "target/debug/tilik");
}

/**
 * Builds the sample portal into a new temporary folder; returns the output folder.
 *
 * With `fixtures` (the name of a folder of e2e/fixtures/), the sample project (tilik.toml,
 * content/ and themes/ of the repository) is first copied next to the output, and the
 * fixture's reports are added as content/laporan/<fixtures>/: reports a test needs that the
 * sample portal lacks. The build must then say nothing about them, not even a warning.
 */
export function buildPortal(baseUrl = "https://contoh.go.id/portal/", extra = [], fixtures = null) {
  const tmp = mkdtempSync(join(tmpdir(), "tilik-portal-"));
  const out = join(tmp, "public");
  let root = repo;
  if (fixtures) {
    root = join(tmp, "project");
    for (const part of ["tilik.toml", "content", "themes"]) {
      cpSync(join(repo, part), join(root, part), { recursive: true });
    }
    cpSync(join(repo, "e2e/fixtures", fixtures), join(root, "content/laporan", fixtures), { recursive: true });
  }
  const run = spawnSync(tilik(), ["build", "--root", root, "-o", out, "--base-url", baseUrl, ...extra], {
    env: { ...process.env, TILIK_BUILD_DATE: "2026-11-23" },
    encoding: "utf8",
    stdio: ["ignore", "ignore", "pipe"],
  });
  if (run.error || run.status !== 0) {
    throw new Error(`tilik build failed (${run.error || `exit ${run.status}`}):\n${run.stderr}`);
  }
  const about = fixtures && run.stderr.split("\n").filter((l) => l.includes(`laporan/${fixtures}/`));
  if (about?.length) throw new Error(`tilik build complains about the fixtures:\n${about.join("\n")}`);
  return out;
}

/** The `add_header NAME "VALUE"` lines of the nginx recipe with a literal value. */
export function recipeHeaders() {
  const conf = readFileSync(join(repo, "tests/hosting/nginx-portal.conf"), "utf8");
  const headers = {};
  for (const m of conf.matchAll(/^\s*add_header\s+([\w-]+)\s+"([^"]*)"/gm)) headers[m[1]] = m[2];
  return headers;
}

const TYPES = {
  ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".xml": "application/xml",
  ".json": "application/json", ".csv": "text/csv", ".svg": "image/svg+xml", ".png": "image/png",
  ".jpg": "image/jpeg", ".webp": "image/webp", ".pdf": "application/pdf", ".txt": "text/plain",
};

/** Serves `dir` under /portal/ (404.html with status 404 for what is not there). */
export async function serve(dir) {
  const headers = recipeHeaders();
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    const send = (status, file) => {
      const type = TYPES[extname(file)] || "application/octet-stream";
      res.writeHead(status, { ...headers, "content-type": `${type}; charset=utf-8` });
      res.end(readFileSync(file));
    };
    if (!url.pathname.startsWith("/portal/")) return send(404, join(dir, "404.html"));
    let file = normalize(join(dir, decodeURIComponent(url.pathname.slice("/portal/".length))));
    if (!file.startsWith(dir)) return send(404, join(dir, "404.html"));
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) return send(404, join(dir, "404.html"));
    send(200, file);
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return { base: `http://127.0.0.1:${server.address().port}/portal/`, close: () => server.close() };
}

/**
 * The portal for a test file: { base, dir (null for an outside server), close() }.
 * PORTAL_BASE points at a server someone else started (nginx in tests/it/hosting_nginx.rs).
 */
export async function portal() {
  if (process.env.PORTAL_BASE) return { base: process.env.PORTAL_BASE, dir: null, close() {} };
  const dir = buildPortal();
  const { base, close } = await serve(dir);
  return {
    base,
    dir,
    close() {
      close();
      rmSync(join(dir, ".."), { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, headless, without the background connections this machine refuses. */
export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}

/** Waits until the search page shows results for its query. */
export async function searchResults(page) {
  await page.waitForFunction(() => {
    const list = document.querySelector("[data-search-results]");
    return list && list.getAttribute("aria-busy") === "false" && list.children.length > 0;
  });
  return page.$$eval("[data-search-results] li a", (as) => as.map((a) => a.textContent));
}
