// Accessibility of the sample portal in Debian's headless Chromium, served under /portal/ with
// the nginx recipe's security headers (CSP included):
// - axe-core finds no serious or critical violation of the WCAG 2.1 A/AA rules on eight pages,
//   in light and dark colour scheme, at 1280 px and at 375 px wide;
// - every page has one h1, a skip link to an element that exists, the landmarks (header, nav,
//   main, footer), a visible focus ring on the skip link, no horizontal scroll at 640 px
//   (200% zoom of 1280 px) nor at 375 px, and no CSP violation.
// Each checker is first shown to catch a page built to fail it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { launch, portal, searchResults } from "./portal.mjs";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Site paths of the pages checked (relative to the portal's base). */
const PAGES = {
  home: "",
  report: "laporan/sleman-tpst-banyumas/",
  plan: "rencana/sleman-pilah-sampah-surabaya-2027/",
  units: "skpd/",
  topic: "topik/pengelolaan-sampah/",
  tracker: "rekomendasi/",
  search: "cari/?q=sampah",
  notFound: "tidak-ada/",
};

let site, browser;
before(async () => {
  site = await portal();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  site?.close();
});

/** Opens a page in a new context; CSP violations and page errors are collected. */
async function open(path, { width = 1280, colorScheme = "light" } = {}) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  const url = site.base + path;
  // Console errors (CSP violations among them), and failed requests other than the page itself
  // (the 404 page is one); a failed request's console line is left to the response check.
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) problems.push(`console: ${m.text()}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400 && r.url() !== url) problems.push(`${r.status()} for ${r.url()}`);
  });
  const response = await page.goto(url);
  if (path.startsWith("cari/")) await searchResults(page);
  return { page, context, problems, status: response.status() };
}

/** Serious and critical axe-core violations under the WCAG 2.1 A and AA rules. */
async function axeViolations(page) {
  // evaluate() is not subject to the page's CSP, unlike an injected <script>.
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
      resultTypes: ["violations"],
    }),
  );
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 5).map((n) => n.target.join(" ")).join("\n    ")}`);
}

/** What the page lacks of its structure: one h1, skip link and target, landmarks. */
async function structureProblems(page) {
  return page.evaluate(() => {
    const problems = [];
    const h1 = document.querySelectorAll("h1").length;
    if (h1 !== 1) problems.push(`${h1} h1 elements`);
    const first = document.querySelector("body a[href], body button, body input");
    const skip = document.querySelector("a.skip-link[href^='#']");
    if (!skip) problems.push("no skip link");
    else {
      if (skip !== first) problems.push("the skip link is not the first focusable element");
      if (!document.getElementById(skip.getAttribute("href").slice(1))) problems.push(`skip link target ${skip.getAttribute("href")} missing`);
    }
    const landmarks = {
      banner: "body > header, [role=banner]",
      navigation: "nav, [role=navigation]",
      main: "main, [role=main]",
      contentinfo: "body > footer, [role=contentinfo]",
    };
    for (const [name, selector] of Object.entries(landmarks)) {
      if (!document.querySelector(selector)) problems.push(`no ${name} landmark`);
    }
    if (document.querySelectorAll("main, [role=main]").length > 1) problems.push("more than one main");
    return problems;
  });
}

/** Tabs once from the top of the page: the skip link must take focus, on screen, with a ring. */
async function focusProblems(page) {
  await page.keyboard.press("Tab");
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || !el.matches("a.skip-link")) return [`Tab focuses ${el ? el.outerHTML.slice(0, 80) : "nothing"}, not the skip link`];
    const style = getComputedStyle(el);
    const ring = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
    const box = el.getBoundingClientRect();
    const problems = [];
    if (!ring) problems.push("the focused skip link has no outline or box-shadow");
    if (box.bottom <= 0 || box.top >= innerHeight || box.width === 0) problems.push("the focused skip link is off screen");
    return problems;
  });
}

/** Whether the page scrolls sideways at its current width. */
async function overflowProblems(page) {
  return page.evaluate(() => {
    const doc = document.documentElement;
    if (doc.scrollWidth <= doc.clientWidth) return [];
    const wide = [...document.body.querySelectorAll("*")]
      .filter((e) => e.getBoundingClientRect().right > doc.clientWidth + 1 && !e.closest(".table-wrap, .visually-hidden, .skip-link"))
      .slice(0, 3)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
    return [`scrolls sideways: ${doc.scrollWidth} > ${doc.clientWidth} (${wide.join(", ")})`];
  });
}

test("the checkers catch a page built to fail them", async () => {
  const context = await browser.newContext({ viewport: { width: 640, height: 600 } });
  const page = await context.newPage();
  await page.setContent(`<!doctype html><html><head><title>x</title>
    <style>:focus{outline:none}</style></head><body>
    <h1>Satu</h1><h1>Dua</h1><a href="#tidak-ada">lompat</a>
    <p style="color:#bbb;background:#fff">teks pucat</p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
    <input type="text"><div style="width:2000px">lebar</div></body></html>`);
  const axe = await axeViolations(page);
  for (const rule of ["color-contrast", "image-alt", "label", "html-has-lang"]) {
    assert.ok(axe.some((v) => v.startsWith(rule)), `axe finds ${rule}: ${axe.join("\n")}`);
  }
  const structure = await structureProblems(page);
  assert.deepEqual(structure, ["2 h1 elements", "no skip link", "no banner landmark", "no navigation landmark", "no main landmark", "no contentinfo landmark"]);
  assert.equal((await focusProblems(page)).length, 1);
  assert.equal((await overflowProblems(page)).length, 1);
  await context.close();
});

for (const colorScheme of ["light", "dark"]) {
  for (const width of [1280, 375]) {
    test(`axe-core: no serious or critical WCAG 2.1 AA violation (${colorScheme}, ${width} px)`, async () => {
      const found = [];
      for (const [name, path] of Object.entries(PAGES)) {
        const { page, context, problems, status } = await open(path, { width, colorScheme });
        assert.equal(status, name === "notFound" ? 404 : 200, path);
        for (const v of [...(await axeViolations(page)), ...problems]) found.push(`${name} (/${path}): ${v}`);
        await context.close();
      }
      assert.deepEqual(found, [], found.join("\n"));
    });
  }
}

test("one h1, skip link, landmarks, visible focus, no sideways scroll at 640 and 375 px", async () => {
  const found = [];
  for (const [name, path] of Object.entries(PAGES)) {
    const { page, context } = await open(path);
    const problems = [...(await structureProblems(page)), ...(await focusProblems(page))];
    for (const width of [640, 375]) {
      await page.setViewportSize({ width, height: 900 });
      problems.push(...(await overflowProblems(page)).map((p) => `${width} px: ${p}`));
    }
    found.push(...problems.map((p) => `${name} (/${path}): ${p}`));
    await context.close();
  }
  assert.deepEqual(found, [], found.join("\n"));
});
