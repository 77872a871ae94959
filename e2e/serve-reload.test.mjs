// Browser test of `tilik serve`: a page open in headless Chromium updates itself after a
// save (the test never navigates), shows the error overlay for a broken report and clears it
// when fixed, and swaps a changed stylesheet without reloading.
//
//   cd e2e && npm ci && node --test serve-reload.test.mjs
//
// TILIK_BIN selects the binary (default: ../target/debug/tilik, built with `cargo build`
// first); CHROMIUM the browser (default: /usr/bin/chromium).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, renameSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const BIN = process.env.TILIK_BIN || resolve(here, '../target/debug/tilik');
if (!process.env.TILIK_BIN) {
  execFileSync('cargo', ['build', '--quiet', '--bin', 'tilik'], { cwd: resolve(here, '..'), stdio: 'inherit' });
}
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const PATIENCE = 60_000;

function report(title, body) {
  return `+++
title = "${title}"
date = 2024-05-01
summary = "Ringkasan ${title}."

[visit]
unit = "Dinas Uji Kabupaten Sleman"
start = 2024-04-01
destination = "Kota Surabaya"
topics = ["pelayanan publik"]
+++

## Latar belakang

${body}
`;
}

/** Writes like an editor: a temporary file renamed over the original. */
function save(root, rel, text) {
  const path = join(root, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path + '.tmp-write', text);
  renameSync(path + '.tmp-write', path);
}

function makeProject() {
  const root = mkdtempSync(join(tmpdir(), 'tilik-e2e-'));
  save(root, 'tilik.toml', 'title = "Portal Uji Peramban"\nbase_url = "https://contoh.go.id/portal/"\nlanguage = "id"\n');
  save(root, 'content/laporan/alpha.md', report('Laporan Alpha', 'Isi ALPHA-SATU.'));
  save(root, 'content/laporan/beta.md', report('Laporan Beta', 'Isi BETA-SATU.'));
  return root;
}

/** Starts `tilik serve` on a free port; resolves with the child and the preview URL. */
function startServer(root) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(BIN, ['serve', '--root', root, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`serve printed no URL:\n${output}`)), PATIENCE);
    const onData = (chunk) => {
      output += chunk;
      const match = output.match(/http:\/\/127\.0\.0\.1:\d+\/\S*/);
      if (match) {
        clearTimeout(timer);
        resolvePromise({ child, url: match[0], output: () => output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`serve exited (${code}):\n${output}`)); });
  });
}

/** Waits until the server has had no rebuild for a second (the full rebuild caught up). */
async function waitForSettled(url) {
  const origin = new URL(url).origin;
  let last = '';
  let since = Date.now();
  const deadline = Date.now() + PATIENCE;
  while (Date.now() < deadline) {
    const status = await (await fetch(`${origin}/__tilik/status`)).text();
    if (status !== last) { last = status; since = Date.now(); }
    if (Date.now() - since > 1000) { return; }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the server never settled');
}

test('an open page reloads itself, shows build errors, and swaps CSS', { timeout: 180_000 }, async () => {
  const root = makeProject();
  let server;
  let browser;
  try {
    server = await startServer(root);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const page = await browser.newPage();
    const navigations = [];
    page.on('framenavigated', (frame) => { if (frame === page.mainFrame()) navigations.push(frame.url()); });
    await page.goto(`${server.url}laporan/alpha/`);
    assert.match(await page.textContent('main'), /ALPHA-SATU/);
    const before = navigations.length;

    // Another tab, on a page the edits below do not change.
    const other = await browser.newPage();
    await other.goto(`${server.url}laporan/beta/`);
    await other.evaluate(() => { window.__tilikStillHere = true; });

    // 1. A save reloads the page by itself.
    save(root, 'content/laporan/alpha.md', report('Laporan Alpha', 'Isi ALPHA-DUA.'));
    await page.waitForFunction(() => document.body.innerText.includes('ALPHA-DUA'), null, { timeout: PATIENCE });
    assert.ok(navigations.length > before, 'the page reloaded itself');
    // ...and only the pages it changed: the other tab keeps its state once the site settled.
    await waitForSettled(server.url);
    assert.equal(await other.evaluate(() => window.__tilikStillHere), true, 'an unchanged page does not reload');

    // 2. A broken report: the overlay lists path:line:column, the page stays as it was.
    const good = readFileSync(join(root, 'content/laporan/alpha.md'), 'utf8');
    save(root, 'content/laporan/alpha.md', good.replace('date = 2024-05-01', 'date = 2024-13-45'));
    await page.waitForSelector('#__tilik-overlay', { timeout: PATIENCE });
    const overlay = await page.textContent('#__tilik-overlay');
    assert.match(overlay, /content\/laporan\/alpha\.md:3:\d+: error:/);
    assert.match(await page.textContent('main'), /ALPHA-DUA/);
    const style = await page.$eval('#__tilik-overlay', (el) => getComputedStyle(el).position);
    assert.equal(style, 'fixed');

    // 3. Fixed: the page reloads with the new text and the overlay is gone.
    save(root, 'content/laporan/alpha.md', good.replace('ALPHA-DUA', 'ALPHA-TIGA'));
    await page.waitForFunction(() => document.body.innerText.includes('ALPHA-TIGA'), null, { timeout: PATIENCE });
    await page.waitForSelector('#__tilik-overlay', { state: 'detached', timeout: PATIENCE });

    // 4. A stylesheet change is applied without a reload.
    save(root, 'static/css/tilik.css', 'body { background-color: rgb(1, 2, 3); }\n');
    await page.waitForFunction(() => getComputedStyle(document.body).backgroundColor === 'rgb(1, 2, 3)', null, { timeout: PATIENCE });
    await page.evaluate(() => { window.__tilikStillHere = true; });
    const navigationsBeforeCss = navigations.length;
    save(root, 'static/css/tilik.css', 'body { background-color: rgb(4, 5, 6); }\n');
    await page.waitForFunction(() => getComputedStyle(document.body).backgroundColor === 'rgb(4, 5, 6)', null, { timeout: PATIENCE });
    assert.equal(await page.evaluate(() => window.__tilikStillHere), true, 'no reload for CSS');
    assert.equal(navigations.length, navigationsBeforeCss);
  } catch (e) {
    if (server) { e.message += `\n--- serve output ---\n${server.output()}`; }
    throw e;
  } finally {
    if (browser) { await browser.close(); }
    if (server) { server.child.removeAllListeners('exit'); server.child.kill(); }
    rmSync(root, { recursive: true, force: true });
  }
});
