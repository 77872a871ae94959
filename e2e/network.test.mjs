// Browser test of a hub's search (#17): three member portals built by `tilik build` from
// fixtures/jaringan/ and served for real over HTTP on 127.0.0.1, a hub that gathers them over
// HTTP (with a report of its own), the hub's output served under /portal/ with the nginx
// recipe's headers, and its search page in Debian's headless Chromium.
//
// What is expected follows from the fixtures (fixtures/jaringan/README.md): "bank sampah" is in
// the title of one report of each member and of the hub's own report, and only in the body of
// Sleman's report on the Badung service mall.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { launch, repo, searchResults, serve, tilik } from "./portal.mjs";

const FIXTURES = join(repo, "e2e/fixtures/jaringan");
/** (name in the hub's tilik.toml, fixture folder) of each member, in configuration order. */
const MEMBERS = [
  ["Kabupaten Sleman", "sleman"],
  ["Kabupaten Sigi", "sigi"],
  ["Kota Palu", "palu"],
];
const SURABAYA = "Bank Sampah Induk Kota Surabaya"; // sleman/bank-sampah-surabaya.md
const BADUNG = "Mal Pelayanan Publik Kabupaten Badung"; // sleman/mal-pelayanan-badung.md (body only)
const MAKASSAR = "Bank Sampah Digital Kota Makassar"; // sigi/bank-sampah-makassar.md
const BALIKPAPAN = "Bank Sampah dan Retribusi Kebersihan Kota Balikpapan"; // palu/bank-sampah-balikpapan.md
const OWN = "Rapat Koordinasi Bank Sampah Provinsi"; // hub/rapat-bank-sampah.md
const MARKUP = "<img src=x onerror=alert(1)>"; // palu/uji-penetrasi.md

let tmp, members = [], hub, browser;

/**
 * `tilik build` of project `root` into `out`; resolves to its stderr. Asynchronous: the
 * members' servers run in this process and must answer while the hub builds.
 */
function build(root, out, baseUrl) {
  return new Promise((ok, fail) => {
    const child = spawn(tilik(), ["build", "--root", root, "-o", out, "--base-url", baseUrl], {
      env: { ...process.env, TILIK_BUILD_DATE: "2026-11-23" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", fail);
    child.on("close", (code) =>
      code === 0 ? ok(stderr) : fail(new Error(`tilik build of ${root} failed (exit ${code}):\n${stderr}`)),
    );
  });
}

/** A project folder with `tilik.toml` and the reports of fixtures/jaringan/<fixture>/. */
function project(name, toml, fixture) {
  const root = join(tmp, name);
  cpSync(join(FIXTURES, fixture), join(root, "content/laporan"), { recursive: true });
  writeFileSync(join(root, "tilik.toml"), toml);
  return root;
}

/** Serves folder `dir` at the root of a loopback server; logs the paths asked for. */
async function serveRoot(dir) {
  const asked = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    asked.push(path);
    let file = normalize(join(dir, decodeURIComponent(path)));
    if (file.startsWith(dir) && existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404, { "content-type": "text/plain" });
      return res.end("not found");
    }
    const type = { ".html": "text/html", ".json": "application/json" }[extname(file)] || "application/octet-stream";
    res.writeHead(200, { "content-type": `${type}; charset=utf-8` });
    res.end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return { base: `http://127.0.0.1:${server.address().port}/`, asked, close: () => server.close() };
}

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), "tilik-jaringan-"));
  // Each member: its server first (its address is its base_url), then its build.
  for (const [name, fixture] of MEMBERS) {
    const out = join(tmp, fixture, "public");
    const server = await serveRoot(out);
    const root = project(fixture, `title = "Portal ${name}"\nbase_url = "${server.base}"\n`, fixture);
    await build(root, out, server.base);
    members.push({ name, ...server });
  }
  let toml = `title = "Jaringan Studi Banding Provinsi"\nbase_url = "https://jaringan.example.go.id/"\n`;
  for (const m of members) toml += `\n[[network.members]]\nname = "${m.name}"\nurl = "${m.base}"\n`;
  const out = join(tmp, "hub", "public");
  const warnings = await build(project("hub", toml, "hub"), out, "https://contoh.go.id/portal/");
  // Every member was read over HTTP, without a warning.
  for (const m of members) {
    assert.ok(m.asked.includes("/data/jaringan.json"), `${m.name} asked for ${m.asked}`);
    assert.ok(!warnings.includes(m.name), warnings);
  }
  hub = await serve(out);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  hub?.close();
  for (const m of members) m.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Opens the hub's search page with `query`; returns the page and what went wrong on it. */
async function open(query) {
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`error: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  page.on("dialog", (d) => {
    problems.push(`dialog: ${d.message()}`);
    d.dismiss();
  });
  await page.goto(`${hub.base}cari/${query}`);
  return { page, problems };
}

/** The results shown: title, href, rel, portal line, whether marked external. */
const shown = (page) =>
  page.$$eval("[data-search-results] li", (lis) =>
    lis.map((li) => {
      const a = li.querySelector("h2 a");
      return {
        title: a.textContent,
        href: a.getAttribute("href"),
        rel: a.getAttribute("rel"),
        portal: li.querySelector(".search-portal")?.textContent ?? null,
        external: li.classList.contains("search-result-external"),
      };
    }),
  );

test("a query finds reports of three members and the hub's own in one ranked list", async () => {
  const { page, problems } = await open("?q=bank+sampah");
  const titles = await searchResults(page);
  // The four title hits first, whichever portal they come from; the member report that says
  // "bank sampah" only in its body (of the first member in tilik.toml) after them.
  assert.deepEqual(titles.slice(0, 4).sort(), [SURABAYA, MAKASSAR, BALIKPAPAN, OWN].sort());
  assert.deepEqual(titles.slice(4), [BADUNG]);
  const portals = (await shown(page)).map((r) => r.portal).filter(Boolean);
  assert.deepEqual([...new Set(portals)].sort(), MEMBERS.map(([name]) => `Portal: ${name}`).sort());
  assert.deepEqual(problems, []);
  await page.close();
});

test("result links point at the member portals, marked external; the hub's own stay inside", async () => {
  const { page } = await open("?q=bank+sampah");
  await searchResults(page);
  const results = await shown(page);
  const where = {
    [SURABAYA]: "Kabupaten Sleman",
    [BADUNG]: "Kabupaten Sleman",
    [MAKASSAR]: "Kabupaten Sigi",
    [BALIKPAPAN]: "Kota Palu",
  };
  for (const r of results) {
    if (r.title === OWN) {
      assert.equal(r.external, false);
      assert.equal(r.portal, null);
      assert.ok(!/^https?:/.test(r.href), r.href);
      continue;
    }
    const member = members.find((m) => m.name === where[r.title]);
    assert.ok(r.href.startsWith(`${member.base}laporan/`), `${r.title}: ${r.href}`);
    assert.equal(r.rel, "external noopener");
    assert.equal(r.external, true);
    assert.equal(r.portal, `Portal: ${member.name}`);
    // The link is the report's page on the member portal, not a copy on the hub.
    const answer = await fetch(r.href);
    assert.equal(answer.status, 200, r.href);
    assert.match(await answer.text(), new RegExp(`<h1[^>]*>${r.title}</h1>`));
  }
  await page.close();
});

test("the Portal facet filters by member and goes in the URL", async () => {
  const { page } = await open("?q=bank+sampah");
  await searchResults(page);
  // On a wide screen the facets start open.
  const facet = page.locator("[data-search-facets] details", { has: page.locator("summary", { hasText: /^Portal$/ }) });
  assert.equal(await facet.getAttribute("open"), "");
  const sigi = facet.locator("label", { hasText: "Kabupaten Sigi" });
  assert.match(await sigi.textContent(), /\(1\)/);
  const sleman = facet.locator("label", { hasText: "Kabupaten Sleman" });
  assert.match(await sleman.textContent(), /\(2\)/);
  await sigi.locator("input").check();
  assert.deepEqual(await searchResults(page), [MAKASSAR]);
  assert.equal(new URL(page.url()).searchParams.get("portal"), "Kabupaten Sigi");
  await page.close();
  // From the URL: Sleman's two reports, ranked as in the whole list.
  const again = await open("?q=bank+sampah&portal=Kabupaten+Sleman");
  assert.deepEqual(await searchResults(again.page), [SURABAYA, BADUNG]);
  await again.page.close();
});

test("a member's title with markup is shown as text: no element, no dialog", async () => {
  const { page, problems } = await open("?q=penetrasi");
  assert.deepEqual(await searchResults(page), [MARKUP]);
  assert.equal(await page.$$eval("[data-search-results] img", (x) => x.length), 0);
  assert.equal(await page.$$eval("img[src='x']", (x) => x.length), 0);
  assert.equal((await shown(page))[0].portal, "Portal: Kota Palu");
  // Give a handler that would have fired a moment to do so.
  await page.waitForTimeout(300);
  assert.deepEqual(problems, []);
  await page.close();
});
