// Recommendations on a phone (issue 16, item 14): at 390 px a report's recommendations and the
// tracker are read without scrolling sideways. Every recommendation shows its status, due date
// and overdue marker on screen, each field labelled; every figure of the tracker is on screen.
// At 1280 px the recommendations stay a table. Set TILIK_PHONE_SHOTS=DIR for screenshots.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { launch, portal } from "./portal.mjs";

const REPORT = "laporan/sleman-tpst-banyumas/";
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

let site, browser;
before(async () => {
  site = await portal();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  site?.close();
});

/** Opens a page of the portal in a new context; CSP violations are collected. */
async function open(path, options = PHONE) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  await page.goto(site.base + path);
  const shots = process.env.TILIK_PHONE_SHOTS;
  if (shots) await page.screenshot({ path: join(shots, `${path.replace(/\W+/g, "-") || "home"}.png`), fullPage: true });
  return { page, context, problems };
}

/**
 * In the page: what of `selectors` (a map of name → CSS selector, within each element matching
 * `rows`) a reader cannot see without scrolling sideways. An element is seen when the point
 * at its centre, once scrolled to vertically, is the element itself (not clipped by a scrolled
 * table, not off the side of the screen), and its box lies within the viewport's width. A
 * selector starting with `?` is optional (the overdue marker of a row that is not overdue).
 * Also reports a page wider than the screen and any scrolled box wider than itself.
 */
function unseen([rows, selectors]) {
  const problems = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > innerWidth) problems.push(`the page scrolls sideways: ${doc.scrollWidth} > ${innerWidth}`);
  for (const box of document.querySelectorAll("main *")) {
    const style = getComputedStyle(box);
    if (/auto|scroll/.test(style.overflowX) && box.scrollWidth > box.clientWidth + 1) {
      problems.push(`${box.tagName.toLowerCase()}.${box.className} scrolls sideways: ${box.scrollWidth} > ${box.clientWidth}`);
    }
  }
  const found = document.querySelectorAll(rows);
  if (!found.length) problems.push(`nothing matches ${rows}`);
  found.forEach((row, i) => {
    const name = row.id || `${rows} #${i + 1}`;
    for (const [what, sel] of Object.entries(selectors)) {
      const optional = sel.startsWith("?");
      const el = row.querySelector(optional ? sel.slice(1) : sel);
      if (!el) {
        if (!optional) problems.push(`${name}: no ${what}`);
        continue;
      }
      let r = el.getBoundingClientRect();
      scrollTo(scrollX, scrollY + r.top + r.height / 2 - innerHeight / 2);
      r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (r.width === 0 || r.left < 0 || r.right > innerWidth || !hit || !el.contains(hit)) {
        problems.push(`${name}: ${what} not on screen (${Math.round(r.left)}–${Math.round(r.right)} of ${innerWidth} px)`);
      }
    }
  });
  return problems;
}

/** In the page: the fields of the recommendations a reader sees without their label. */
function unlabelled(rows) {
  const problems = [];
  for (const row of document.querySelectorAll(rows)) {
    for (const cell of row.querySelectorAll("td[data-label]")) {
      const shown = getComputedStyle(cell, "::before").content;
      if (shown !== JSON.stringify(cell.dataset.label)) problems.push(`${row.id}: ${cell.className} shows label ${shown}`);
    }
    if (!row.querySelector("td[data-label]")) problems.push(`${row.id}: no labelled field`);
  }
  return problems;
}

const REC_FIELDS = { status: ".col-status .badge", "due date": ".col-due", "overdue marker": "?.badge-overdue" };

test("the checker catches a recommendation table that scrolls sideways on a phone", async () => {
  const { page, context } = await open(REPORT);
  // The table as it was before cards: its cells keep to their row, the row to the table.
  await page.evaluate(() => {
    for (const el of document.querySelectorAll(".rec-table, .rec-table *")) {
      const d = { TABLE: "table", THEAD: "table-header-group", TBODY: "table-row-group", TR: "table-row", TH: "table-cell", TD: "table-cell", CAPTION: "table-caption" }[el.tagName];
      if (d) el.style.display = d;
    }
    for (const el of document.querySelectorAll(".rec-table td, .rec-table th")) el.style.whiteSpace = "nowrap";
    document.querySelector(".rec-wrap").style.overflowX = "auto";
  });
  const problems = await page.evaluate(unseen, [".report .rec-table tbody tr", REC_FIELDS]);
  assert.ok(problems.some((p) => /R1: status not on screen/.test(p)), problems.join("\n"));
  assert.ok(problems.some((p) => /rec-wrap scrolls sideways/.test(p)), problems.join("\n"));
  await context.close();
});

test("at 390 px every recommendation of a report shows its status, due date and overdue marker, labelled", async () => {
  const { page, context, problems } = await open(REPORT);
  const rows = ".report .rec-table tbody tr";
  assert.equal(await page.locator(`${rows}.is-overdue`).count(), 2, "the sample report has two overdue recommendations");
  assert.deepEqual(await page.evaluate(unseen, [rows, { ...REC_FIELDS, recommendation: ".col-text", owner: ".col-owner" }]), []);
  assert.deepEqual(await page.evaluate(unlabelled, rows), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("at 390 px every figure of the tracker is on screen, and every recommendation's status, due date and overdue marker", async () => {
  const { page, context, problems } = await open("rekomendasi/");
  const figures = await page.evaluate(unseen, [".figures > div", { figure: "dd" }]);
  const units = await page.evaluate(unseen, [
    ".unit-table tbody tr",
    { unit: "th", total: "td:nth-of-type(1)", done: "td:nth-of-type(2)", percent: "td:nth-of-type(3) .percent", overdue: "td:nth-of-type(4)" },
  ]);
  const rows = ".tracker-table tbody tr:not(.group-row)";
  const recs = await page.evaluate(unseen, [rows, { ...REC_FIELDS, report: ".col-report" }]);
  assert.deepEqual([...figures, ...units, ...recs], []);
  assert.deepEqual(await page.evaluate(unlabelled, rows), []);
  assert.ok((await page.locator(".unit-table tbody tr").count()) >= 5);
  assert.deepEqual(problems, []);
  await context.close();
});

test("at 1280 px the recommendations are a table with a header row", async () => {
  const { page, context } = await open(REPORT, { viewport: { width: 1280, height: 900 } });
  const shown = await page.evaluate(() => {
    const table = document.querySelector(".report .rec-table");
    const head = table.querySelector("thead");
    return [getComputedStyle(table).display, getComputedStyle(head).display, head.getBoundingClientRect().height > 10];
  });
  assert.deepEqual(shown, ["table", "table-header-group", true]);
  await context.close();
});
