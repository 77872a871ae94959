// The portal's own menu ([[menu]] in tilik.toml: Tentang, Kontak & PPID in the navigation;
// Panduan Menulis in the footer) and the page about following the feed, on a 390 px phone:
// every navigation link and footer link is on screen without sideways scrolling, large enough
// to tap, and leads to a page that exists. Set TILIK_PHONE_SHOTS=DIR for screenshots.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { launch, portal } from "./portal.mjs";

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

/** Where each link of `selector` is: text, href, box; and whether the page scrolls sideways. */
function links(selector) {
  return {
    wide: document.documentElement.scrollWidth > innerWidth,
    links: [...document.querySelectorAll(selector)].map((a) => {
      const r = a.getBoundingClientRect();
      return { text: a.textContent.trim(), href: a.href, left: r.left, right: r.right, height: r.height };
    }),
  };
}

test("the menu is in the navigation and footer, on screen and tappable on a phone", async () => {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  for (const path of ["", "laporan/sleman-tpst-banyumas/", "halaman/tentang/"]) {
    await page.goto(site.base + path);
    const shots = process.env.TILIK_PHONE_SHOTS;
    if (shots) await page.screenshot({ path: join(shots, `menu-${path.replace(/\W+/g, "-") || "home"}.png`), fullPage: true });
    const nav = await page.evaluate(links, ".site-nav a");
    const footer = await page.evaluate(links, ".site-footer a");
    assert.equal(nav.wide, false, `${path}: the page scrolls sideways`);
    const names = nav.links.map((l) => l.text);
    assert.ok(names.includes("Tentang") && names.includes("Kontak & PPID"), `${path}: nav ${names}`);
    assert.ok(!names.includes("Panduan Menulis"), `${path}: the guide is a footer link only`);
    const footerNames = footer.links.map((l) => l.text);
    for (const name of ["Tentang", "Kontak & PPID", "Panduan Menulis", "Umpan Atom"]) {
      assert.ok(footerNames.includes(name), `${path}: footer ${footerNames}`);
    }
    for (const l of [...nav.links, ...footer.links]) {
      assert.ok(l.left >= 0 && l.right <= 390, `${path}: ${l.text} off screen (${l.left}–${l.right})`);
      assert.ok(l.height >= 24, `${path}: ${l.text} is ${l.height} px high, too small to tap`);
    }
    for (const l of [...nav.links, ...footer.links].filter((l) => l.href.startsWith(site.base))) {
      const res = await context.request.get(l.href);
      assert.equal(res.status(), 200, `${path}: ${l.text} → ${l.href}`);
    }
  }
  // The footer's feed link opens the page for people, which gives the address to copy.
  await page.getByRole("link", { name: "Umpan Atom" }).click();
  await page.waitForURL(/\/ikuti\/$/);
  const address = await page.locator(".feed-address").textContent();
  assert.equal(address, "https://contoh.go.id/portal/feed.xml");
  const shots = process.env.TILIK_PHONE_SHOTS;
  if (shots) await page.screenshot({ path: join(shots, "ikuti.png"), fullPage: true });
  await context.close();
});
