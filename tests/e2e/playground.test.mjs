// The playground in headless Chromium: the built site (dist/, `make build`) served on
// 127.0.0.1, driven by playwright-core. Run with `make test-e2e` (or `node --test tests/e2e/`
// after `make build`). Elements are found by role and label; waits are for conditions.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serve } from "./server.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const DIST = process.env.DIST ?? join(ROOT, "dist");
const SHOTS = join(ROOT, "target", "screenshots");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
// Without the networking flags Chromium tries to reach Google's hosts, which this
// machine's closed network refuses.
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const EDITOR = "Ephemeral container (YAML)";

let server;
let browser;

before(async () => {
  assert.ok(existsSync(join(DIST, "index.html")), `${DIST}/index.html is missing: run 'make build' first`);
  mkdirSync(SHOTS, { recursive: true });
  server = await serve(DIST);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * A page on the site that records what must never happen: uncaught errors, console
 * errors, CSP violations, failed requests and requests leaving the origin.
 */
async function open(viewport = { width: 1366, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const origin = new URL(server.url).origin;
  const problems = { pageErrors: [], consoleErrors: [], offOrigin: [], failed: [] };
  page.on("pageerror", (e) => problems.pageErrors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && problems.consoleErrors.push(m.text()));
  page.on("request", (r) => {
    const url = r.url();
    if (!url.startsWith("data:") && !url.startsWith("blob:") && new URL(url).origin !== origin) problems.offOrigin.push(url);
  });
  page.on("requestfailed", (r) => problems.failed.push(`${r.url()}: ${r.failure()?.errorText}`));
  page.on("response", (r) => r.status() >= 400 && problems.failed.push(`${r.url()}: HTTP ${r.status()}`));
  // Runs before the page's scripts, outside its CSP.
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective}: ${e.blockedURI || e.sample}`));
  });
  const wasm = page.waitForResponse((r) => r.url().endsWith(".wasm"));
  await page.goto(server.url);
  // The app is up once it has rendered its status line.
  await page.getByRole("status").waitFor();
  const wasmResponse = await wasm;
  assert.equal(wasmResponse.headers()["content-type"], "application/wasm");
  return { page, context, problems };
}

/** Asserts that nothing in `problems` (nor a CSP violation) happened. */
async function assertClean(page, problems) {
  problems.csp = await page.evaluate(() => window.__csp);
  assert.deepEqual(problems, { pageErrors: [], consoleErrors: [], offOrigin: [], failed: [], csp: [] });
}

describe("the playground", () => {
  test("loads, shows its heading, stays on its origin, and fits 1366 and 375 px", async () => {
    for (const width of [1366, 375]) {
      const { page, context, problems } = await open({ width, height: width > 600 ? 900 : 812 });
      await page.getByRole("heading", { level: 1, name: "ecplay" }).waitFor({ state: "visible" });
      await page.getByRole("textbox", { name: EDITOR }).waitFor({ state: "visible" });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px at ${width}px`);
      await page.screenshot({ path: join(SHOTS, `playground-${width}.png`), fullPage: true });
      await assertClean(page, problems);
      await context.close();
    }
  });

  test("the editor shows what the core (in WebAssembly) finds, and follows edits", async () => {
    const { page, context, problems } = await open();
    const status = page.getByRole("status");
    await status.filter({ hasText: "would reject this container: 2 errors" }).waitFor();

    const editor = page.getByRole("textbox", { name: EDITOR });
    await editor.click();
    await page.keyboard.press("Control+Shift+M"); // Mod-Shift-m: CodeMirror's lint panel
    const list = page.getByRole("listbox", { name: "Diagnostics" });
    await list.waitFor();
    await list.getByRole("option", { name: /unknown field "spec\.ephemeralContainers\[0\]\.imagePullPolcy"/ }).waitFor();
    assert.equal(await list.getByRole("option").count(), 4, await list.innerText());
    await page.screenshot({ path: join(SHOTS, "playground-diagnostics-1366.png") });

    // Fix the draft: the status and the markers follow.
    await editor.click();
    await page.keyboard.press("Control+a");
    await page.keyboard.insertText("name: debugger-abcde\nimage: busybox:1.36\ntargetContainerName: app\nstdin: true\ntty: true\n");
    await status.filter({ hasText: "would accept this container" }).waitFor();
    await list.getByRole("option", { name: /imagePullPolcy/ }).waitFor({ state: "detached" });
    await assertClean(page, problems);
    await context.close();
  });

  test("the editor bridge: setDoc is silent, getDoc, setDiagnostics, focusAt", async () => {
    const { page, context, problems } = await open();
    const result = await page.evaluate(() => {
      const parent = document.createElement("div");
      document.body.append(parent);
      const changes = [];
      const h = window.ecplayEditor.create(parent, { doc: "a: 1\n", label: "Bridge test", onChange: (t) => changes.push(t) });
      h.setDoc("a: 1\nb: [2\n");
      const doc = h.getDoc();
      h.setDiagnostics([
        { line: 2, column: 4, severity: "error", message: "broken" },
        { line: 99, column: 99, severity: "warning", message: "clamped" },
      ]);
      h.focusAt(2, 1);
      const content = parent.shadowRoot.querySelector("[contenteditable]");
      const out = { changes, doc, label: content.getAttribute("aria-label"), focused: parent.shadowRoot.activeElement === content };
      h.destroy();
      parent.remove();
      return out;
    });
    assert.deepEqual(result, { changes: [], doc: "a: 1\nb: [2\n", label: "Bridge test", focused: true });
    await assertClean(page, problems);
    await context.close();
  });

  test("a panic in the app shows a visible banner, not a dead page", async () => {
    const { page, context, problems } = await open();
    const thrown = await page.evaluate(async () => {
      const app = await import("/pkg/ecplay_web.js"); // the instance the page started
      try {
        app.__panicForTests();
        return "no panic";
      } catch (e) {
        return String(e);
      }
    });
    assert.match(thrown, /unreachable|RuntimeError/);
    const banner = page.getByRole("alert");
    await banner.filter({ hasText: "ecplay stopped because of a bug" }).waitFor({ state: "visible" });
    assert.match(await banner.innerText(), /a panic on purpose, from the browser tests/);
    await page.screenshot({ path: join(SHOTS, "playground-panic-1366.png") });
    // console_error_panic_hook logs the panic: the one console error expected here.
    assert.equal(problems.consoleErrors.length, 1, problems.consoleErrors.join("\n"));
    assert.match(problems.consoleErrors[0], /a panic on purpose/);
    problems.consoleErrors = [];
    await assertClean(page, problems);
    await context.close();
  });
});
