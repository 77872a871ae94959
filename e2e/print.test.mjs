// Print (issue 8): a report prints as a formal A4 document. Headless Chromium prints the page
// with its own print stylesheet and @page size; poppler's pdfinfo and pdftotext read the PDF
// back. Set TILIK_PRINT_KEEP=DIR to keep the PDFs (then `pdftoppm -png -r 50 x.pdf page`).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch, portal } from "./portal.mjs";

const REPORT = "laporan/sleman-tpst-banyumas/";
const TITLE = "Studi Banding Tempat Pengolahan Sampah Terpadu (TPST) ke Kabupaten Banyumas";

const poppler = (() => {
  try {
    execFileSync("pdftotext", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
if (!poppler && process.env.TILIK_REQUIRE_ALL_TESTS) throw new Error("pdftotext not found (apt-get install -y poppler-utils)");
const skip = !poppler && "pdftotext not found (apt-get install -y poppler-utils)";

let site, browser, out;
before(async () => {
  site = await portal();
  browser = await launch();
  out = process.env.TILIK_PRINT_KEEP || mkdtempSync(join(tmpdir(), "tilik-print-"));
});
after(async () => {
  await browser?.close();
  site?.close();
  if (!process.env.TILIK_PRINT_KEEP && out) rmSync(out, { recursive: true, force: true });
});

/**
 * Prints a page of the portal to PDF; returns {pages, size (points), text (pages split by \f),
 * recs}: `recs` is what the page shows of its recommendations (see `shownRecommendations`).
 * `css` is a stylesheet added to the page before printing (for the checker's own test).
 */
async function print(path, name, media = "print", css = null) {
  const page = await browser.newPage({ bypassCSP: Boolean(css) });
  await page.goto(site.base + path);
  if (css) await page.addStyleTag({ content: css });
  await page.emulateMedia({ media });
  const recs = await page.evaluate(shownRecommendations);
  const file = join(out, `${name}.pdf`);
  await page.pdf({ path: file, preferCSSPageSize: true });
  await page.close();
  const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
  const [, w, h] = info.match(/Page size:\s+([\d.]+) x ([\d.]+) pts/);
  const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  return { pages: Number(info.match(/Pages:\s+(\d+)/)[1]), size: [Number(w), Number(h)], text, recs };
}

/**
 * In the page: the text of every field of the report's recommendations with the labels the
 * theme gives them (`data-label`), the caption that starts them and the heading that follows.
 */
function shownRecommendations() {
  const table = document.querySelector(".report .rec-table");
  if (!table) return null;
  const fields = [];
  for (const cell of table.querySelectorAll("tbody th, tbody td")) {
    fields.push(cell.textContent);
    if (cell.dataset.label) fields.push(cell.dataset.label);
  }
  const next = table.closest("section")?.nextElementSibling?.querySelector("h2");
  return { fields, from: table.caption.textContent.trim(), to: next ? next.textContent.trim() : null };
}

/**
 * The words of a text, lower case, without the punctuation around them; a URL is no word (it
 * may wrap anywhere) and a hyphen, dash or slash ends a word (a line may end after one).
 */
function words(text) {
  return text
    .split(/\s+/)
    .filter((w) => !/^[a-z][a-z0-9+.-]*:\/\/|^www\./i.test(w))
    .flatMap((w) => w.split(/[-\u2010\u2011\u2013\u2014/]/))
    .map((w) => w.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""))
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
}

/**
 * The words of the recommendations that the PDF does not show whole: every word of every field
 * must be found as many times in the printed recommendations as the page has it. A word split
 * across lines ("Pengelolaa" / "n") is two other words in pdftotext's text, whatever the fonts;
 * a field that wraps between words is no problem.
 */
function brokenWords({ text, recs }) {
  if (!recs) return ["no recommendations on the page"];
  const lines = text.split("\n");
  const norm = (l) => l.replace(/\s+/g, " ").trim();
  const start = lines.findIndex((l) => norm(l).includes(recs.from));
  if (start < 0) return [`caption "${recs.from}" not printed`];
  let end = recs.to ? lines.findIndex((l, i) => i > start && norm(l) === recs.to) : -1;
  if (end < 0) end = lines.length;
  const printed = new Map();
  for (const w of words(lines.slice(start, end).join("\n"))) printed.set(w, (printed.get(w) || 0) + 1);
  const shown = new Map();
  for (const w of recs.fields.flatMap(words)) shown.set(w, (shown.get(w) || 0) + 1);
  return [...shown]
    .filter(([w, n]) => (printed.get(w) || 0) < n)
    .map(([w, n]) => `"${w}" printed whole ${printed.get(w) || 0} of ${n} times`);
}

/** What keeps a printed report from being a formal A4 document. */
function printProblems({ pages, size, text }) {
  const problems = [];
  const flat = text.replace(/\s+/g, " ");
  if (Math.abs(size[0] - 595.3) > 1 || Math.abs(size[1] - 841.9) > 1) problems.push(`page size ${size} pt is not A4`);
  if (pages < 2) problems.push(`${pages} page: a long report takes more`);
  if (!flat.includes(TITLE)) problems.push("no title");
  for (const s of ["Sekilas kunjungan", "Rekomendasi", "Penanggung jawab", "Tenggat", "R1", "R2"]) {
    if (!flat.includes(s)) problems.push(`no "${s}"`);
  }
  const sheets = text.split("\f").filter((p) => p.trim());
  sheets.forEach((sheet, i) => {
    if (!new RegExp(`\\b${i + 1}\\s*/\\s*${sheets.length}\\b`).test(sheet)) problems.push(`page ${i + 1} has no page number`);
  });
  const ui = {
    "search button": /\bCari\b/,
    navigation: /Laporan\s+SKPD\s+Topik\s+Lokasi\s+Tahun/,
    "skip link": /Langsung ke isi/,
    breadcrumb: /Beranda/,
    footer: /Dibangun pada|Umpan Atom/,
  };
  for (const [what, re] of Object.entries(ui)) if (re.test(text)) problems.push(`${what} printed`);
  return problems;
}

/** The report printed as it is (once for the tests that read it). */
let printed;
const printedReport = () => (printed ??= print(REPORT, "report"));

test("a report prints on A4 with title, facts, recommendation table and page numbers, without site UI", { skip }, async () => {
  const pdf = await printedReport();
  assert.deepEqual(printProblems(pdf), []);
  // The source of the document is printed in the title block. A long URL may wrap where the
  // fonts make it wrap, so it is looked for with the line breaks and spaces taken out.
  const bare = pdf.text.replace(/\s+/g, "");
  assert.ok(
    bare.includes("PortalPembelajaranStudiBanding·https://contoh.go.id/portal/laporan/sleman-tpst-banyumas/"),
    `no portal name and page URL in:\n${pdf.text.slice(0, 2000)}`,
  );
});

test("a printed recommendation keeps every word of its fields whole (issue 14: 'Pengelolaa|n', 'Desemb|er')", { skip }, async () => {
  const pdf = await printedReport();
  assert.deepEqual(brokenWords(pdf), []);
});

test("the word check catches recommendation words split across lines", { skip }, async () => {
  // Cells squeezed until words break anywhere: what an eight-column table on A4 did. The
  // cells are made narrow as well, so that words break with any fonts the machine has.
  const css = ".rec-table th, .rec-table td { word-break: break-all; max-width: 4em; }";
  const broken = brokenWords(await print(REPORT, "report-split", "print", css));
  assert.ok(broken.length > 5, broken.join("; "));
});

test("the checker catches a page printed without the print stylesheet", { skip }, async () => {
  const problems = printProblems(await print(REPORT, "report-screen", "screen"));
  for (const p of ["search button printed", "navigation printed", "breadcrumb printed", "footer printed"]) {
    assert.ok(problems.includes(p), `${p}: ${problems.join("; ")}`);
  }
});

test("a visit plan prints on A4 with its facts, objectives and prior-visit review, without site UI", { skip }, async () => {
  const pdf = await print("rencana/sleman-pilah-sampah-surabaya-2027/", "plan");
  const flat = pdf.text.replace(/\s+/g, " ");
  assert.ok(Math.abs(pdf.size[0] - 595.3) <= 1 && Math.abs(pdf.size[1] - 841.9) <= 1, `page size ${pdf.size} is not A4`);
  for (const s of ["Rencana Studi Banding Pemilahan Sampah", "Sekilas rencana", "Rencana anggaran", "Tujuan", "Pertanyaan yang ingin dijawab", "Kajian awal", "Studi Banding Pengelolaan Bank Sampah dan Pusat Daur Ulang ke Kota Surabaya", "tujuan sama"]) {
    assert.ok(flat.includes(s), `no "${s}"`);
  }
  assert.doesNotMatch(pdf.text, /Langsung ke isi|Dibangun pada|Laporan\s+SKPD\s+Topik/);
  const sheets = pdf.text.split("\f").filter((p) => p.trim());
  sheets.forEach((sheet, i) => assert.match(sheet, new RegExp(`\\b${i + 1}\\s*/\\s*${sheets.length}\\b`), `page ${i + 1} has no number`));
});
