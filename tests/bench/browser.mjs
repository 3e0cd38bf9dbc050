// The playground's budget, measured in headless Chromium on the built site (`make bench`;
// not a test: nothing here fails on a slow figure). Prints a Markdown table and writes
// target/bench/browser.json.
//
//   - keystroke -> diagnostics and exports re-rendered: a character typed into the Name
//     field (and taken out again, so that the name stays valid), timed inside the page from
//     the input event to the end of Yew's render and the layout that follows (the exports'
//     text is checked to have changed each time); median and p95 over KEYS keystrokes, on
//     every sample and on a pasted pod of about 1 MB (150+ containers), also with the Cluster
//     panel's Pod Security level at restricted (admission on every keystroke);
//   - navigation -> first usable field: the `ecplay:shown` mark static/boot.js sets on the
//     first visit's first screen (rendered at build time: the Name field and both editors
//     are in the page and keep what is typed), on localhost, median of LOADS fresh loads;
//     then, with the pointer moved at once, the `ecplay:live` mark set when the app has
//     taken over (from navigation, and from the move);
//   - what the browser downloads: every response of a load without a move, its size and its
//     gzip -9 size; what the first move fetches (the app); then what the kubectl debug tab
//     loads on demand (the module of web/extra).
import { mkdirSync, writeFileSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { serve } from "../e2e/server.mjs";
import { ROOT, SAMPLES } from "../e2e/harness.mjs";
import { ARGS, bigPod, keystrokes, median, pasteBigPod, quantile, restrict } from "./keystroke.mjs";

const DIST = process.env.DIST ?? join(ROOT, "dist");
const KEYS = Number(process.env.KEYS ?? 60);
const LOADS = Number(process.env.LOADS ?? 7);



async function main() {
  const server = await serve(DIST);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ARGS });
  const results = { keystrokes: [], load: {}, downloads: [] };
  try {
    // Navigation -> first usable field, then the app live; what a load downloads.
    const usable = [];
    const live = [];
    const takeover = [];
    for (let i = 0; i < LOADS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const bodies = [];
      if (i === 0) page.on("response", (r) => { if (r.ok()) bodies.push([new URL(r.url()).pathname, r.body().catch(() => Buffer.alloc(0))]); });
      await page.goto(server.url);
      await page.waitForFunction(() => performance.getEntriesByName("ecplay:shown").length > 0 && document.getElementById("f-name"));
      usable.push(await page.evaluate(() => performance.getEntriesByName("ecplay:shown")[0].startTime));
      const phase = [];
      if (i === 0) {
        // What a load asks for until the visitor moves.
        await page.waitForLoadState("networkidle");
        await page.waitForTimeout(1000);
        phase.push(bodies.length);
      }
      await page.mouse.move(10, 10);
      await page.waitForFunction(() => performance.getEntriesByName("ecplay:live").length > 0 && document.getElementById("f-name"), null, { timeout: 30000 });
      const [moved, up] = await page.evaluate(() => ["ecplay:move", "ecplay:live"].map((m) => performance.getEntriesByName(m)[0].startTime));
      if (i > 0) {
        live.push(up);
        takeover.push(up - moved);
      }
      if (i === 0) {
        // What the first move fetched, then what the kubectl debug tab loads on demand (the
        // module of web/extra, which Pod Security and the recipes load too).
        await page.waitForLoadState("networkidle");
        phase.push(bodies.length);
        await page.getByRole("tab", { name: "kubectl debug", exact: true }).click();
        await page.getByRole("tabpanel").getByRole("code").first().filter({ hasText: /^kubectl debug / }).waitFor({ timeout: 30000 });
        for (const [k, [path, body]] of bodies.entries()) {
          const b = await body;
          results.downloads.push({ path, bytes: b.length, gzip: gzipSync(b, { level: 9 }).length, phase: k < phase[0] ? "first" : k < phase[1] ? "move" : "demand" });
        }
      }
      await context.close();
    }
    results.load = { runs: usable, median: median(usable), max: Math.max(...usable), live: { runs: live, median: median(live), max: Math.max(...live) }, takeover: { runs: takeover, median: median(takeover), max: Math.max(...takeover) } };

    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.mouse.move(10, 10);
    await page.waitForFunction(() => performance.getEntriesByName("ecplay:live").length > 0);
    for (const { title, id } of SAMPLES) {
      await page.getByRole("combobox", { name: "Sample pod" }).selectOption({ label: title });
      await page.waitForFunction((id) => document.getElementById("sample").value === id, id);
      await keystrokes(page, 4); // warm-up
      const times = await keystrokes(page, KEYS);
      results.keystrokes.push({ pod: id, bytes: readFileSync(join(ROOT, "tests/fixtures/pods", `${id}.yaml`)).length, median: median(times), p95: quantile(times, 0.95), max: Math.max(...times) });
    }
    const big = bigPod(1 << 20);
    // Pasted: the text area takes the whole text at once, and says so with one input event.
    page.on("crash", () => console.error("the page crashed"));
    await pasteBigPod(page, big);
    await keystrokes(page, 4);
    const times = await keystrokes(page, KEYS);
    results.keystrokes.push({ pod: `pasted, ${big.containers} containers`, bytes: big.text.length, median: median(times), p95: quantile(times, 0.95), max: Math.max(...times) });
    // The same with Pod Security on.
    await restrict(page);
    await keystrokes(page, 4);
    const admitted = await keystrokes(page, KEYS);
    results.keystrokes.push({ pod: `pasted, ${big.containers} containers, Pod Security restricted`, bytes: big.text.length, median: median(admitted), p95: quantile(admitted, 0.95), max: Math.max(...admitted) });
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }

  mkdirSync(join(ROOT, "target", "bench"), { recursive: true });
  writeFileSync(join(ROOT, "target", "bench", "browser.json"), JSON.stringify(results, null, 2));
  const ms = (x) => x.toFixed(1);
  const kb = (x) => (x / 1000).toFixed(1);
  console.log(`\nKeystroke -> diagnostics and exports re-rendered (Chromium, ${KEYS} keystrokes each, ms)\n`);
  console.log("| pod | size | median | p95 | max |\n|---|---:|---:|---:|---:|");
  for (const r of results.keystrokes) console.log(`| ${r.pod} | ${kb(r.bytes)} KB | ${ms(r.median)} | ${ms(r.p95)} | ${ms(r.max)} |`);
  console.log(`\nNavigation -> first usable field, the first screen (localhost, ${LOADS} loads): median ${ms(results.load.median)} ms, max ${ms(results.load.max)} ms`);
  console.log(`Navigation -> the app live, the pointer moved at once (${LOADS - 1} loads): median ${ms(results.load.live.median)} ms, max ${ms(results.load.live.max)} ms`);
  console.log(`The move -> the app live (fetched, compiled, rendered, taken over): median ${ms(results.load.takeover.median)} ms, max ${ms(results.load.takeover.max)} ms`);
  for (const [title, phase] of [["Downloaded by one load", "first"], ["Downloaded on the first move (the app)", "move"], ["Downloaded on demand (the kubectl debug tab, Pod Security, a recipe)", "demand"]]) {
    console.log(`\n${title} (bytes, gzip -9)\n`);
    console.log("| file | size | gzip |\n|---|---:|---:|");
    let total = 0;
    for (const d of results.downloads.filter((d) => d.phase === phase)) {
      total += d.gzip;
      console.log(`| ${d.path} | ${kb(d.bytes)} KB | ${kb(d.gzip)} KB |`);
    }
    console.log(`| **total** | | **${kb(total)} KB** |`);
  }
}

await main();
