import { launch, buildPortal } from "/work/wt/search-lang/e2e/portal.mjs";
const dir = buildPortal(undefined, [], "search");
const browser = await launch();
const page = await browser.newPage();
page.on("pageerror", (e) => console.log("ERR", e.message));
for (const q of process.argv.slice(2)) {
  await page.goto(`file://${dir}/cari/index.html?q=${encodeURIComponent(q)}`);
  await page.waitForFunction(() => document.querySelector("[data-search-results]").getAttribute("aria-busy") === "false" && document.querySelector("[data-search-status]").textContent);
  const titles = await page.$$eval("[data-search-results] li a", (as) => as.map((a) => a.textContent));
  const also = await page.textContent("[data-search-also]");
  console.log(`## ${q} -> ${await page.textContent("[data-search-status]")} | ${also}\n  ` + titles.slice(0, 4).join("\n  "));
}
if (process.env.SHOT) await page.screenshot({ path: process.env.SHOT });
await browser.close();
