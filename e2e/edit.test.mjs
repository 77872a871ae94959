// Browser test of editing from the preview (`tilik serve`, issue #22), in headless Chromium on
// a 390 px wide screen: the Perbarui control of a TOML and a YAML report with comments and
// aliases, used from the keyboard; the saved file differs only in the edited values; the report
// page and the tracker show the change after the reload; a change on disk meanwhile is refused
// (409) with a reload button; the "Laporan baru" form; axe-core finds no serious violation with
// the controls open.
//
//   cd e2e && npm ci --ignore-scripts && node --test edit.test.mjs
//
// TILIK_BIN selects the binary (default: ../target/debug/tilik, built first); CHROMIUM the
// browser (default: /usr/bin/chromium).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
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
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const TOML_REPORT = `+++
# Komentar yang harus tetap ada.
judul = "Laporan Toml"
tanggal = 2024-05-01

[kunjungan]
skpd = "Dinas Uji"   # komentar
mulai = 2024-04-01
lokasi = "Kota Surabaya"
topik = ["pelayanan publik"]

[[rekomendasi]]
id = "R1"
isi = "Membangun layanan daring."
penanggung_jawab = "Bidang Layanan"
tenggat = 2025-01-31
status = "usulan"  # belum dimulai
+++

Isi laporan TOML.
`;

const YAML_REPORT = `---
# Laporan YAML dengan komentar
judul: Laporan Yaml
tanggal: 2024-05-02
kunjungan:
  skpd: Dinas Uji
  mulai: 2024-04-01
  lokasi: Kota Surabaya
  topik: [pelayanan publik]
rekomendasi:
  - id: R1
    isi: Membuat dasbor.
    penanggung_jawab: Bidang Data
    status: proses   # berjalan
---

Isi laporan YAML.
`;

function write(root, rel, text) {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
}

function makeProject() {
  const root = mkdtempSync(join(tmpdir(), 'tilik-e2e-edit-'));
  write(root, 'tilik.toml', 'title = "Portal Uji Sunting"\nbase_url = "https://contoh.go.id/portal/"\nlanguage = "id"\n');
  write(root, 'content/laporan/toml.md', TOML_REPORT);
  write(root, 'content/laporan/yaml.md', YAML_REPORT);
  return root;
}

function startServer(root) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(BIN, ['serve', '--root', root, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TILIK_BUILD_DATE: '2026-11-23' },
    });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`serve printed no URL:\n${output}`)), PATIENCE);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = output.match(/http:\/\/127\.0\.0\.1:\d+\/\S*/);
      if (match) { clearTimeout(timer); resolvePromise({ child, url: match[0] }); }
    });
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
  });
}

/** Lines removed from `before` and added in `after` (longest-common-subsequence diff). */
function diff(before, after) {
  const b = before.split('\n');
  const a = after.split('\n');
  const lcs = Array.from({ length: b.length + 1 }, () => new Array(a.length + 1).fill(0));
  for (let i = b.length - 1; i >= 0; i--) {
    for (let j = a.length - 1; j >= 0; j--) {
      lcs[i][j] = b[i] === a[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const removed = [];
  const added = [];
  let i = 0;
  let j = 0;
  while (i < b.length || j < a.length) {
    if (i < b.length && j < a.length && b[i] === a[j]) { i++; j++; }
    else if (j < a.length && (i === b.length || lcs[i][j + 1] >= lcs[i + 1][j])) { added.push(a[j++]); }
    else { removed.push(b[i++]); }
  }
  return { removed, added };
}

async function axeViolations(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    resultTypes: ['violations'],
  }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

async function noSidewaysScroll(page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `the page scrolls sideways at 390 px (${width} px wide)`);
}

/** Waits until the server has had no rebuild for 1.5 s and the page is loaded. */
async function settled(page, url) {
  const origin = new URL(url).origin;
  let last = '';
  let since = Date.now();
  const deadline = Date.now() + PATIENCE;
  while (Date.now() < deadline) {
    const status = await (await fetch(`${origin}/__tilik/status`)).text();
    if (status !== last) { last = status; since = Date.now(); }
    if (Date.now() - since > 1500) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await page.waitForLoadState('load');
  await page.waitForSelector('.tilik-edit-bar');
}

/** Opens the Perbarui control of `rec` from the keyboard, sets it and saves; waits for the reload. */
async function updateFromKeyboard(page, rec, status, note) {
  const open = page.locator(`.tilik-edit-open[data-rec="${rec}"]`);
  await open.focus();
  await page.keyboard.press('Enter');
  assert.equal(await open.getAttribute('aria-expanded'), 'true');
  // The focus moved into the form, on the status.
  assert.equal(await page.evaluate(() => document.activeElement.name), 'status');
  await page.selectOption(`#tilik-edit-form-${rec} select[name=status]`, status);
  await page.keyboard.press('Tab');
  await page.keyboard.type(note);
  await page.locator(`#tilik-edit-form-${rec} button[type=submit]`).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((s) => {
    const badge = document.querySelector('#rek_R1 .col-status .badge');
    return badge && badge.classList.contains('badge-' + s) && document.querySelector('#rek_R1 .rec-history');
  }, status, { timeout: PATIENCE });
}

test('Perbarui, conflicts and Laporan baru in the browser at 390 px', { timeout: 300_000 }, async () => {
  const root = makeProject();
  let server;
  let browser;
  try {
    server = await startServer(root);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${server.url}laporan/toml/`);

    // The source file's path is shown, copyable, and the control is there.
    assert.equal(await page.inputValue('.tilik-edit-source'), 'content/laporan/toml.md');
    await page.click('.tilik-edit-open[data-rec="R1"]');
    await noSidewaysScroll(page);
    assert.deepEqual(await axeViolations(page), [], 'axe with the Perbarui form open');
    await page.click('#tilik-edit-form-R1 button[type=button]');

    // 1. TOML: only the edited values change; the page shows them after the reload.
    await updateFromKeyboard(page, 'R1', 'selesai', 'Layanan diluncurkan');
    const toml = readFileSync(join(root, 'content/laporan/toml.md'), 'utf8');
    assert.deepEqual(diff(TOML_REPORT, toml), {
      removed: ['status = "usulan"  # belum dimulai'],
      added: [
        'status = "selesai"  # belum dimulai',
        'diperbarui = 2026-11-23',
        'catatan = "Layanan diluncurkan"',
        'riwayat = [',
        '  { tanggal = 2026-11-23, status = "selesai", catatan = "Layanan diluncurkan" },',
        ']',
      ],
    });
    await settled(page, server.url);
    await page.waitForFunction(() => document.querySelector('#rek_R1 .rec-history'), null, { timeout: PATIENCE });
    assert.match(await page.textContent('#rek_R1 .col-status'), /Selesai/);
    assert.match(await page.textContent('#rek_R1 .col-status'), /selesai terlambat \(\d+ hari\)/);
    // Saying so, with the focus back on the control.
    assert.match(await page.textContent('.tilik-edit-bar .tilik-edit-msg'), /Tersimpan/);
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('data-rec')), 'R1');
    // The tracker too.
    const tracker = await context.newPage();
    await tracker.goto(`${server.url}rekomendasi/`);
    // (The edited report is shown first; the tracker follows with the whole site's build, and
    // the live-reload client reloads it then.)
    await tracker.waitForFunction(() => {
      const link = document.querySelector('a[href$="laporan/toml/#rek_R1"]');
      const row = link && link.closest('tr');
      return row && row.querySelector('.col-status .badge-selesai');
    }, null, { timeout: PATIENCE });
    await tracker.close();

    // 2. YAML.
    await page.goto(`${server.url}laporan/yaml/`);
    await updateFromKeyboard(page, 'R1', 'dievaluasi', 'Dasbor dipakai rapat');
    const yaml = readFileSync(join(root, 'content/laporan/yaml.md'), 'utf8');
    assert.deepEqual(diff(YAML_REPORT, yaml), {
      removed: ['    status: proses   # berjalan'],
      added: [
        '    status: dievaluasi   # berjalan',
        '    diperbarui: 2026-11-23',
        '    catatan: "Dasbor dipakai rapat"',
        '    riwayat:',
        '      - tanggal: 2026-11-23',
        '        status: dievaluasi',
        '        catatan: "Dasbor dipakai rapat"',
      ],
    });
    await settled(page, server.url);

    // 3. The file changes on disk while the page is open (a comment only: the page stays as
    //    it is): the save is refused with a message and a reload button, nothing overwritten.
    const edited = yaml.replace('# Laporan YAML dengan komentar', '# Disunting di editor');
    writeFileSync(join(root, 'content/laporan/yaml.md'), edited);
    await page.click('.tilik-edit-open[data-rec="R1"]');
    await page.selectOption('#tilik-edit-form-R1 select[name=status]', 'proses');
    await page.click('#tilik-edit-form-R1 button[type=submit]');
    const alert = page.locator('#tilik-edit-form-R1 .tilik-edit-msg[role=alert]');
    await alert.waitFor({ timeout: PATIENCE });
    assert.match(await alert.textContent(), /berubah sejak halaman ini dimuat/);
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Muat ulang halaman');
    assert.equal(readFileSync(join(root, 'content/laporan/yaml.md'), 'utf8'), edited);

    // 4. Laporan baru, from the keyboard.
    await page.goto(`${server.url}laporan/toml/`);
    await page.locator('.tilik-edit-new').focus();
    await page.keyboard.press('Enter');
    const dialog = page.locator('dialog.tilik-edit-dialog');
    assert.ok(await dialog.evaluate((d) => d.open));
    assert.equal(await page.evaluate(() => document.activeElement.name), 'title');
    await noSidewaysScroll(page);
    assert.deepEqual(await axeViolations(page), [], 'axe with the Laporan baru dialog open');
    await page.keyboard.type('Studi Banding Arsip Digital');
    await page.fill('dialog input[name=unit]', 'Dinas Kearsipan');
    await page.fill('dialog input[name=destination]', 'Kota Bandung');
    await page.fill('dialog input[name=start]', '2026-10-01');
    await page.fill('dialog textarea[name=topics]', 'arsip digital');
    await page.click('dialog button[type=submit]');
    const done = page.locator('dialog .tilik-edit-msg.is-ok');
    await done.waitFor({ timeout: PATIENCE });
    assert.match(await done.textContent(), /content\/laporan\/2026\//);
    const created = readdirSync(join(root, 'content/laporan/2026'));
    assert.equal(created.length, 1);
    const text = readFileSync(join(root, 'content/laporan/2026', created[0]), 'utf8');
    assert.match(text, /Dinas Kearsipan/);
    await page.keyboard.press('Escape');
    assert.equal(await dialog.evaluate((d) => d.open), false);
  } finally {
    if (browser) await browser.close();
    if (server) server.child.kill();
    rmSync(root, { recursive: true, force: true });
  }
});
