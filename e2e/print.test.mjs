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

/** Prints a page of the portal to PDF; returns {pages, size (points), text (pages split by \f)}. */
async function print(path, name, media = "print") {
  const page = await browser.newPage();
  await page.goto(site.base + path);
  await page.emulateMedia({ media });
  const file = join(out, `${name}.pdf`);
  await page.pdf({ path: file, preferCSSPageSize: true });
  await page.close();
  const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
  const [, w, h] = info.match(/Page size:\s+([\d.]+) x ([\d.]+) pts/);
  const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  return { pages: Number(info.match(/Pages:\s+(\d+)/)[1]), size: [Number(w), Number(h)], text };
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

test("a report prints on A4 with title, facts, recommendation table and page numbers, without site UI", { skip }, async () => {
  const pdf = await print(REPORT, "report");
  assert.deepEqual(printProblems(pdf), []);
  // The source of the document is printed in the title block.
  assert.match(pdf.text.replace(/\s+/g, " "), /Portal Pembelajaran Studi Banding · https:\/\/contoh\.go\.id\/portal\/laporan\/sleman-tpst-banyumas\//);
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
