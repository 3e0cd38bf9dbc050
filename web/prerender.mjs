// The playground's first screen, rendered at build time (`make build`, after the site is in
// dist/): the page a first visit shows, written into dist/index.html, so that a visitor
// sees the default sample judged, its exports and the form at once, without the
// WebAssembly. static/boot.js fetches the app on the visitor's first move (pointer, key,
// touch, focus, wheel) and lets it take over, keeping what was typed, picked, opened or
// clicked meanwhile (ARCHITECTURE.md, "The first screen, rendered at build time").
//
// The markup is the app's own: the built site is loaded in Chromium (as the browser tests
// load it, fresh profile, nothing stored) and #app is taken as it stands once the app has
// rendered and made its two editors. What script had set is written into the markup: the
// fields' values, and the editors' computed styles as data-style (the page's CSP allows no
// style attribute; boot.js sets them through the CSSOM). The viewport is tall, so that each
// editor draws every line of its text; the Learn panel's paragraphs, which the app fetches
// when the panel comes near the view, are left out, as the app leaves them out until then.
//
//   node web/prerender.mjs DIST
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { serve } from "../tests/e2e/server.mjs";

const dist = process.argv[2];
if (!dist) throw new Error("usage: node web/prerender.mjs DIST");
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const page_ = join(dist, "index.html");
const html = await readFile(page_, "utf8");
const APP = /<div id="app">[\s\S]*?<\/div>\s*<\/body>/;
if (!APP.test(html)) throw new Error(`${page_}: no <div id="app"> closing the body`);

const server = await serve(dist);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ARGS });
let markup;
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 8000 }, colorScheme: "light" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  // The Learn panel's paragraphs are fetched when it comes near the view, which the tall
  // viewport makes at once: held back, as the app holds them back until the visitor gets near.
  await page.route("**/static/learn.json", () => {});
  await page.goto(server.url);
  // The page as it is served now has no first screen yet: boot.js starts the app at once.
  // Ready: the form, both editors, the verdict and the first export.
  await page.waitForFunction(() => performance.getEntriesByName("ecplay:usable").length > 0
    && document.querySelectorAll("#app .ed textarea").length >= 2
    && document.querySelector('#app [role="status"]')?.textContent.trim()
    && document.querySelector('#app [role="tabpanel"] code')?.textContent.trim(), null, { timeout: 60000 });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  if (errors.length) throw new Error(`the page reported errors:\n${errors.join("\n")}`);
  markup = await page.evaluate(() => {
    const live = document.getElementById("app");
    const copy = live.cloneNode(true);
    const controls = (root) => root.querySelectorAll("input, textarea, select");
    const [from, to] = [controls(live), controls(copy)];
    from.forEach((field, i) => {
      const out = to[i];
      if (field instanceof HTMLTextAreaElement) out.textContent = field.value;
      else if (field instanceof HTMLSelectElement) [...field.options].forEach((o, k) => out.options[k].toggleAttribute("selected", o.selected));
      else if (field.type === "checkbox" || field.type === "radio") out.toggleAttribute("checked", field.checked);
      else out.setAttribute("value", field.value);
    });
    for (const el of copy.querySelectorAll("[style]")) {
      el.dataset.style = el.getAttribute("style");
      el.removeAttribute("style");
    }
    return copy.innerHTML;
  });
} finally {
  await browser.close();
  await server.close();
}

// Without the preloads of the app's script and WebAssembly: a first visit fetches them on
// the first move.
const out = html
  .replace(/\s*<link rel="modulepreload" href="pkg\/ecplay_web\.js">/, "")
  .replace(/\s*<link rel="preload" href="pkg\/ecplay_web_bg\.wasm"[^>]*>/, "")
  .replace(APP, () => `<noscript><p class="loading">ecplay runs in your browser: it needs JavaScript and WebAssembly.</p></noscript>\n<div id="app" data-prerendered>${markup}</div>\n</body>`);
if (out === html) throw new Error("nothing was rendered into the page");
await writeFile(page_, out);
console.log(`    ${page_}: the first screen rendered in (${Buffer.byteLength(markup)} bytes of markup)`);
