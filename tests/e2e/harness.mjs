// What every browser test file shares: the built site (dist/, `make build-site`) served on
// 127.0.0.1, one headless Chromium per file (playwright-core), pages that record what must
// never happen, and small helpers that find things by role and label and wait for conditions.
import { before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateRawSync } from "node:zlib";
import { chromium } from "playwright-core";
import { serve } from "./server.mjs";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const DIST = process.env.DIST ?? join(ROOT, "dist");
export const SHOTS = join(ROOT, "target", "screenshots");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
// Without the networking flags Chromium tries to reach Google's hosts, which this
// machine's closed network refuses.
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

export const STATUS_OK = "The server would accept this ephemeral container.";
export const STATUS_BAD = /^The server would reject this request: (\d+) errors?\./;

/**
 * The sample pods of the `Sample pod` select, read from their one list (the `sample!` lines
 * of web/src/samples.rs), with their fixtures.
 */
export const SAMPLES = [...readFileSync(join(ROOT, "web", "src", "samples.rs"), "utf8").matchAll(/^ *sample!\("([a-z0-9-]+)", "([^"]+)"/gm)].map(([, id, title]) => {
  const file = join(ROOT, "tests", "fixtures", "pods", `${id}.yaml`);
  const text = readFileSync(file, "utf8");
  const lines = text.split("\n");
  // kubectl prints keys sorted: metadata (and its name) comes before spec and status.
  const nameLine = lines.findIndex((l) => l.startsWith("  name: ")) + 1;
  const name = lines[nameLine - 1].slice("  name: ".length).trim();
  const spec = text.slice(text.indexOf("\nspec:\n"));
  const firstContainer = /\n {2}containers:\n {2}- (?:[\s\S]*?\n {4})?name: (\S+)/.exec(spec)?.[1];
  return { title, id, file, name, nameLine, firstContainer };
});

let server;
let browser;

/** Registers the file's before/after hooks: serve dist/, start Chromium; returns a getter for the server URL. */
export function useSite() {
  before(async () => {
    assert.ok(existsSync(join(DIST, "index.html")), `${DIST}/index.html is missing: run 'make build-site' first`);
    mkdirSync(SHOTS, { recursive: true });
    server = await serve(DIST);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
}

/**
 * A page on the site that records what must never happen: uncaught errors, console
 * errors, CSP violations, failed requests and requests leaving the origin.
 *
 * The page's editors are reachable as `window.__editors[label]`: an init script wraps the
 * bridge (`ecplayEditor.create`, static/editor-src.js) and keeps the handles it returns,
 * so that tests can read a document (`getDoc`) or scroll to a line (`focusAt`) as the app does.
 * An embed may show fewer editors than the playground's two, or no verdict: `editors` and
 * `verdict` say what the page is up with.
 */
export async function open({ viewport = { width: 1366, height: 900 }, clipboard = false, path = "", colorScheme = "light", context: given, editors = 2, verdict = true } = {}) {
  const context = given ?? await browser.newContext({ viewport, colorScheme, permissions: clipboard ? ["clipboard-read", "clipboard-write"] : [] });
  // Every wait is for a condition that comes at once or never: fail in seconds, not half a minute.
  context.setDefaultTimeout(5000);
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
    window.__cursorOf = (area) => {
      const focused = document.activeElement === area && document.hasFocus();
      const [text, at] = [area.value, area.selectionEnd];
      const start = text.lastIndexOf("\n", at - 1) + 1;
      const end = text.indexOf("\n", at);
      return { focused, line: text.slice(start, end < 0 ? text.length : end), column: at - start + 1 };
    };
    window.__editors = {};
    let bridge;
    Object.defineProperty(window, "ecplayEditor", {
      configurable: true,
      get: () => bridge,
      set(real) {
        bridge = Object.freeze({
          create(parent, options) {
            const handle = real.create(parent, options);
            window.__editors[options?.label] = handle;
            return handle;
          },
        });
      },
    });
  });
  const wasm = page.waitForResponse((r) => r.url().endsWith(".wasm"));
  await page.goto(new URL(path, server.url).href);
  // A first visit shows the first screen rendered at build time and fetches the app on the
  // visitor's first move (static/boot.js): the pointer moves, as a visitor's does.
  await page.mouse.move(1, 1);
  // The app is up once it has rendered its status line, and its two editors once the
  // editor bundle (loaded async) has created them.
  // An embed shows what its `show=` asks for: `editors` and `verdict` say what to wait for.
  await (verdict ? page.getByRole("status") : page.locator("main.layout")).waitFor();
  await page.waitForFunction((n) => Object.keys(window.__editors).length >= n, editors);
  // and, on a first visit, has taken the first screen's place.
  await page.waitForFunction(() => !document.getElementById("app-pre"));
  const wasmResponse = await wasm;
  assert.equal(wasmResponse.headers()["content-type"], "application/wasm");
  return { page, context, problems };
}

/** The served site's address (ends with a slash). */
export const siteUrl = () => server.url;

/** A new browser context (a fresh profile: no storage), for `open({context})`. */
export const newContext = (options = {}) => browser.newContext({ viewport: { width: 1366, height: 900 }, colorScheme: "light", ...options });

/** Asserts that nothing in `problems` (nor a CSP violation) happened. */
export async function assertClean(page, problems) {
  problems.csp = await page.evaluate(() => window.__csp);
  assert.deepEqual(problems, { pageErrors: [], consoleErrors: [], offOrigin: [], failed: [], csp: [] });
}

export const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Waits until the verdict's first sentence is `text` (a string: exactly; a RegExp: matches).
 * What follows the sentence (which step refuses, how many warnings) is not compared.
 */
export async function waitForStatus(page, text) {
  const status = page.getByRole("status", { name: "Verdict" });
  const [source, flags] = typeof text === "string" ? [`^${escapeRegExp(text)}$`, ""] : [text.source, text.flags];
  const el = await status.elementHandle({ timeout: 5000 });
  try {
    await page.waitForFunction(([el, source, flags]) => new RegExp(source, flags).test(el.textContent.split(/(?<=\.) /)[0]), [el, source, flags], { timeout: 5000 });
  } catch (e) {
    assert.fail(`the status never became ${text}: it says ${JSON.stringify(await status.innerText())}\n` +
      `Diagnostics:\n${await page.getByRole("region", { name: "Diagnostics" }).innerText()}`);
  }
}

/** Waits until a form control's value is `value`. */
export async function waitForValue(locator, value) {
  const el = await locator.elementHandle();
  try {
    await locator.page().waitForFunction(([el, v]) => el.value === v, [el, value], { timeout: 5000 });
  } catch {
    assert.fail(`${locator} never had the value ${JSON.stringify(value)}: it has ${JSON.stringify(await el.evaluate((e) => e.value))}`);
  }
}

/** The text of the editor labelled `label`, through the bridge. */
export function editorDoc(page, label) {
  return page.evaluate((label) => window.__editors[label].getDoc(), label);
}

/** Waits until the editor labelled `label` holds a text that contains `pattern` (a string or a RegExp). */
export async function waitForDoc(page, label, pattern) {
  const [source, flags] = typeof pattern === "string" ? [escapeRegExp(pattern), ""] : [pattern.source, pattern.flags];
  try {
    await page.waitForFunction(([label, source, flags]) => {
      const ed = window.__editors[label];
      return ed && new RegExp(source, flags).test(ed.getDoc());
    }, [label, source, flags], { timeout: 5000 });
  } catch {
    assert.fail(`the ${label} editor never matched ${pattern}: it holds\n${await editorDoc(page, label)}`);
  }
}

/** Replaces everything in an editor as a user would: focus, select all, type. */
export async function replaceEditorText(page, label, text) {
  await page.getByRole("textbox", { name: label, exact: true }).click();
  await page.keyboard.press("Control+a");
  await page.keyboard.insertText(text);
}

/** Appends to an editor as a user would: focus, go to the end, type. */
export async function appendEditorText(page, label, text) {
  await page.getByRole("textbox", { name: label, exact: true }).click();
  await page.keyboard.press("Control+End");
  await page.keyboard.insertText(text);
}

/**
 * Pastes `text` over everything in an editor at once: the text area takes it whole and says
 * so with one input event, as a paste does (a large text typed key by key would take minutes).
 */
export async function pasteIntoEditor(page, label, text) {
  await page.getByRole("textbox", { name: label, exact: true }).evaluate((el, text) => {
    el.focus();
    el.select();
    el.setRangeText(text);
    el.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
  }, text);
}

/** `pod` (YAML from a sample) with `n` more annotations: a pod of as many more lines. */
export const withAnnotations = (pod, n) =>
  pod.replace("  annotations:\n", `  annotations:\n${Array.from({ length: n }, (_, i) => `    example.com/note-${i}: "value ${i}"\n`).join("")}`);

/**
 * A draft of the user's own in the playground of `context`: opens it, types `name` as the
 * container's name and waits until the YAML has it. Returns what `open` returns.
 */
export async function draftInPlayground(context, name) {
  const opened = await open({ context });
  await opened.page.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await waitForDoc(opened.page, "Container YAML", `name: ${name}`);
  return opened;
}

/**
 * A full-page screenshot of what a user sees, from the top of the page. A long page (the
 * Learn text) takes seconds to capture on a busy 2-core machine: the picture is evidence,
 * not a measured step, so it gets more time than an interaction.
 */
export async function screenshot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SHOTS, name), fullPage: true, timeout: 30000 });
}

/** How far the page scrolls sideways (0 when it fits). */
export function sidewaysScroll(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/**
 * Where the cursor of the editor labelled `label` is, from its text area's selection
 * (`window.__cursorOf`, installed by `open`): whether the editor has the focus, the
 * text of the cursor's line and the 1-based column. With `until` ({focused, line, column},
 * any of them), waits until that holds first.
 */
export async function editorCursor(page, label, until) {
  const el = await page.getByRole("textbox", { name: label, exact: true }).elementHandle();
  if (until) {
    try {
      await page.waitForFunction(([el, until]) => {
        const got = window.__cursorOf(el);
        return Object.entries(until).every(([k, v]) => got[k] === v);
      }, [el, until], { timeout: 5000 });
    } catch {
      assert.fail(`the ${label} editor's cursor never reached ${JSON.stringify(until)}: ${JSON.stringify(await el.evaluate((el) => window.__cursorOf(el)))}`);
    }
  }
  return el.evaluate((el) => window.__cursorOf(el));
}

/**
 * The fragment of a share link (`#s=…`) that carries `state`, packed as a share link is packed
 * (JSON, deflate-raw, base64url; by Node's zlib here, which the page reads as it reads core's
 * deflate): a playground with a pod and a container, the choices defaulted.
 */
export function shareFragment(state) {
  const whole = { v: 1, sample: null, shell: "posix", kubectl: 37, tab: 0, ...state };
  return `#s=${deflateRawSync(Buffer.from(JSON.stringify(whole))).toString("base64url")}`;
}

/**
 * The fragment of a link whose playground holds a pod of about `bytes` bytes, padded with a
 * comment of one letter that deflate packs up to a thousandfold: a link of kilobytes that
 * expands to megabytes. One long line packs tightest; `lines` cuts it into lines of 1000
 * characters, as an editor shows them best. Built as bytes, not as a string: a quarter of a
 * gigabyte fits in a Buffer.
 */
export function bloatedFragment(bytes, { name = "bloated", lines = false } = {}) {
  const head = Buffer.from(`{"v":1,"sample":null,"container":"name: ${name}\\nimage: busybox:1.36\\n","pod":"apiVersion: v1\\nkind: Pod\\nmetadata:\\n  name: big\\nspec:\\n  containers:\\n  - name: app\\n    image: nginx:1.27\\n`);
  const tail = Buffer.from('"}');
  const room = Math.max(0, bytes - head.length - tail.length);
  const filler = lines
    ? Buffer.from(`# ${"x".repeat(996)}\\n`.repeat(Math.ceil(room / 1000)))
    : Buffer.concat([Buffer.from("# "), Buffer.alloc(room, "x"), Buffer.from("\\n")]);
  return `#s=${deflateRawSync(Buffer.concat([head, filler, tail]), { level: 9 }).toString("base64url")}`;
}

/** What this page's playground keeps in the browser's storage, by key (`null` when absent). */
export function kept(page) {
  return page.evaluate(() => Object.fromEntries(["ecplay.state.v1", "ecplay.pod.v1", "ecplay.undo.v1", "ecplay.aside.v1"].map((k) => [k, localStorage.getItem(k)])));
}

/** Waits until the playground's choices kept in storage hold `text` (its effects have run). */
export async function waitForKept(page, text) {
  await page.waitForFunction((t) => localStorage.getItem("ecplay.state.v1")?.includes(t), text);
}
