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
import { ROOT, SAMPLES, pasteIntoEditor } from "../e2e/harness.mjs";

const DIST = process.env.DIST ?? join(ROOT, "dist");
const KEYS = Number(process.env.KEYS ?? 60);
const LOADS = Number(process.env.LOADS ?? 7);
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

/**
 * A pod of about `bytes` of YAML, as `kubectl get pod -o yaml` prints a big one: the first
 * sample pod with its app container repeated (renamed, other ports, 20 more env vars each)
 * until the text is that long. Built the way core/benches/validate.rs builds its 1 MB pod.
 */
export function bigPod(bytes) {
  const sample = readFileSync(join(ROOT, "tests/fixtures/pods", `${SAMPLES[0].id}.yaml`), "utf8");
  const lines = sample.split("\n");
  const first = lines.indexOf("  containers:") + 1;
  let end = first + 1;
  while (!/^ {0,2}[^ -]/.test(lines[end])) end++;
  const template = lines.slice(first, end).join("\n") + "\n";
  const one = (i) => template
    .replace(/^(\s+)name: app$/m, `$1name: app-${i}`)
    .replace(/containerName: app$/gm, `containerName: app-${i}`)
    .replace("containerPort: 8080", `containerPort: ${10000 + 2 * i}`)
    .replace("containerPort: 9090", `containerPort: ${10001 + 2 * i}`)
    .replace("    env:\n", "    env:\n" + Array.from({ length: 20 }, (_, k) => `    - name: SETTING_${k}\n      value: value-${i}-${k}\n`).join(""));
  const head = lines.slice(0, first).join("\n") + "\n";
  const tail = lines.slice(end).join("\n");
  let body = "";
  let n = 0;
  while (head.length + body.length + tail.length < bytes) body += one(n++);
  return { text: head + body + tail, containers: n };
}

const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (at - lo);
}

/** KEYS keystrokes in the Name field, timed in the page. */
async function keystrokes(page, n) {
  return page.evaluate(async (n) => {
    const input = document.getElementById("f-name");
    const out = document.getElementById("export-panel");
    // Resolves once the export's text differs from `before` (Yew renders in a task of its own).
    const changed = (before) => new Promise((resolve, reject) => {
      if (out.textContent !== before) return resolve();
      const stop = setTimeout(() => { observer.disconnect(); reject(new Error("the exports did not change within 10 s")); }, 10000);
      const observer = new MutationObserver(() => {
        if (out.textContent !== before) { observer.disconnect(); clearTimeout(stop); resolve(); }
      });
      observer.observe(out, { subtree: true, childList: true, characterData: true });
    });
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const base = input.value;
    const times = [];
    for (let i = 0; i < n; i++) {
      const before = out.textContent;
      const t0 = performance.now();
      input.value = i % 2 === 0 ? base + "x" : base;
      input.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: i % 2 === 0 ? "insertText" : "deleteContentBackward", data: "x" }));
      await changed(before);
      void document.body.getBoundingClientRect().height; // style and layout
      times.push(performance.now() - t0);
      await frame();
    }
    return times;
  }, n);
}

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
    await pasteIntoEditor(page, "Pod YAML", big.text);
    await page.waitForFunction((n) => document.querySelectorAll("#f-target option").length > n, big.containers, { timeout: 60000 });
    // A pasted pod keeps the target typed before: point it at one of the new pod's containers.
    await page.getByRole("combobox", { name: "Target container" }).selectOption("app-0");
    await page.getByRole("status").filter({ hasText: /^The server would accept/ }).waitFor({ timeout: 60000 }).catch(() => {});
    const verdict = await page.getByRole("status").innerText();
    if (!verdict.startsWith("The server would accept")) throw new Error(`the 1 MB pod is not one the server would take: ${verdict}`);
    await keystrokes(page, 4);
    const times = await keystrokes(page, KEYS);
    results.keystrokes.push({ pod: `pasted, ${big.containers} containers`, bytes: big.text.length, median: median(times), p95: quantile(times, 0.95), max: Math.max(...times) });
    // The same with Pod Security on: every keystroke is validated, then admitted by the module
    // loaded on demand (the pod's own containers fail restricted: admission evaluates it all).
    await page.locator("details.cluster > summary").click();
    await page.getByRole("combobox", { name: "Pod Security level" }).selectOption("restricted");
    await page.getByRole("status", { name: "Verdict" }).filter({ hasText: /403 Forbidden/ }).waitFor({ timeout: 60000 });
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
