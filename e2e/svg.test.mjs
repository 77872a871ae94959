// SVG attachments (issue 15.1): opened directly in Chromium, a published SVG runs no script
// and loads nothing from anywhere. The control case (a portal whose writers are trusted
// publishes SVGs as they are) shows that this harness does see script running and external
// loads when they happen. Served without a Content-Security-Policy, as a careless host would.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch } from "./portal.mjs";

const tilik = process.env.TILIK_BIN || new URL("../target/debug/tilik", import.meta.url).pathname;

const REPORT = `+++
title = "Laporan SVG"
date = 2024-05-20
summary = "Ringkasan."

[visit]
unit = "Dinas Kominfo"
start = 2024-05-06
end = 2024-05-08
destination = "Kota Surabaya"
province = "Jawa Timur"
topics = ["peta"]
+++

## Latar Belakang

![Peta](peta.svg)
`;

let tmp, browser, server, base, hits;
before(async () => {
  tmp = mkdtempSync(join(tmpdir(), "tilik-svg-"));
  browser = await launch();
  hits = [];
  server = createServer((req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    if (path.startsWith("/track")) {
      hits.push(path);
      res.writeHead(200, { "content-type": path.endsWith(".css") ? "text/css" : "image/png" });
      return res.end(path.endsWith(".css") ? "svg{--x:1}" : "");
    }
    let body;
    try {
      body = readFileSync(join(tmp, decodeURIComponent(path)));
    } catch {
      return res.writeHead(404).end();
    }
    res.writeHead(200, { "content-type": "image/svg+xml" });
    res.end(body);
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${server.address().port}`;
});
after(async () => {
  await browser?.close();
  server?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Builds a one-report project whose bundle holds `svg` as peta.svg; returns the run. */
function build(name, svg, trusted) {
  const root = join(tmp, name);
  mkdirSync(join(root, "content/laporan/a"), { recursive: true });
  writeFileSync(
    join(root, "tilik.toml"),
    `title = "Uji"\nbase_url = "https://uji.example.go.id/"\n${trusted ? "[markdown]\nallow_raw_html = true\n" : ""}`,
  );
  writeFileSync(join(root, "content/laporan/a/index.md"), REPORT);
  writeFileSync(join(root, "content/laporan/a/peta.svg"), svg);
  return spawnSync(tilik, ["build", "--root", root, "--lang", "en"], {
    encoding: "utf8",
    env: { ...process.env, TILIK_BUILD_DATE: "2026-11-23" },
  });
}

/** Opens a published SVG; returns whether its script ran and which /track URLs were loaded. */
async function open(name) {
  hits.length = 0;
  const page = await browser.newPage();
  await page.goto(`${base}/${name}/public/laporan/a/peta.svg`);
  await page.waitForTimeout(500);
  const ran = await page.evaluate(() => window.__ran === true);
  const drawn = await page.evaluate(() => document.querySelectorAll("rect").length);
  await page.close();
  return { ran, drawn, hits: [...hits] };
}

/** Script in every spelling the issue found, and loads from elsewhere. */
const hostile = (port) => `<?xml version="1.0"?>
<?xml-stylesheet href="http://127.0.0.1:${port}/track-pi.css"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="40">
  <rect width="40" height="40" fill="#0a0"/>
  <svg:script xmlns:svg="http://www.w3.org/2000/svg">window.__ran = true;</svg:script>
  <x:script xmlns:x="http://www.w3.org/1999/xhtml">window.__ran = true;</x:script>
  <image href="http://127.0.0.1:${port}/track-image.png" width="1" height="1"/>
  <style>@import url(http://127.0.0.1:${port}/track-import.css);</style>
</svg>
`;

/** What a cleaner must drop rather than refuse: loads from elsewhere, editor metadata. */
const drawing = (port) => `<?xml version="1.0"?>
<?xml-stylesheet href="http://127.0.0.1:${port}/track-pi.css"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="40">
  <metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></metadata>
  <rect width="40" height="40" fill="#0a0" style="filter:url(http://127.0.0.1:${port}/track-filter.svg#f)"/>
  <image href="http://127.0.0.1:${port}/track-image.png" width="1" height="1"/>
  <use xlink:href="http://127.0.0.1:${port}/track-use.svg#a"/>
  <style>@import url(http://127.0.0.1:${port}/track-import.css);</style>
</svg>
`;

test("control: trusted writers' SVGs are published as they are, and their script runs", async () => {
  const port = server.address().port;
  const run = build("trusted", hostile(port), true);
  assert.equal(run.status, 0, run.stderr);
  const seen = await open("trusted");
  assert.equal(seen.ran, true, "the harness sees script running");
  assert.ok(seen.hits.length > 0, "the harness sees external loads");
});

test("script in any namespace is refused at its line", () => {
  const run = build("refused", hostile(server.address().port), false);
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stderr, /peta\.svg:5:3: error: this SVG image can run script.*<svg:script>/);
});

test("a cleaned SVG is drawn, runs no script and loads nothing from elsewhere", async () => {
  const run = build("cleaned", drawing(server.address().port), false);
  assert.equal(run.status, 0, run.stderr);
  const seen = await open("cleaned");
  assert.equal(seen.ran, false);
  assert.equal(seen.drawn, 1, "the drawing is still there");
  assert.deepEqual(seen.hits, [], "nothing loaded from elsewhere");
});
