// A first visit shows the first screen rendered at build time (web/prerender.mjs) without
// the app's WebAssembly, and fetches the app on the visitor's first move (static/boot.js).
// What is typed, picked, opened or pressed before the app runs is kept when it takes over;
// a visit that is not a first one (a share link, kept work) waits for the app instead.
// Typed key by key, with the app's module held back until the typing is done.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { STATUS_OK, newContext, screenshot, shareFragment, siteUrl, useSite, waitForStatus, waitForValue } from "./harness.mjs";

useSite();

const DELAY = { delay: 15 };

/** A fresh page that records its requests and CSP violations, and can hold the app's module back. */
async function visit(context, { hold = false, path = "" } = {}) {
  const page = await context.newPage();
  const seen = { requests: [], errors: [] };
  page.on("pageerror", (e) => seen.errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && seen.errors.push(m.text()));
  page.on("request", (r) => seen.requests.push(new URL(r.url()).pathname));
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective}: ${e.blockedURI || e.sample}`));
  });
  let release = () => {};
  if (hold) {
    const held = new Promise((resolve) => { release = resolve; });
    await page.route("**/ecplay_web_bg.wasm", async (route) => {
      await held;
      await route.continue();
    });
  }
  await page.goto(new URL(path, siteUrl()).href);
  return { page, seen, release };
}

/** The Container YAML editor's text as its text area holds it. */
const yamlText = (page) => page.getByRole("textbox", { name: "Container YAML", exact: true }).inputValue();

/** Waits until the Container YAML matches `pattern` (a string it contains, or a RegExp). */
async function waitForYaml(page, pattern) {
  const [source, flags] = pattern instanceof RegExp ? [pattern.source, pattern.flags] : [null, null];
  await page.waitForFunction(([text, source, flags]) => {
    const doc = document.querySelector('#app textarea[aria-label="Container YAML"]')?.value ?? "";
    return source === null ? doc.includes(text) : new RegExp(source, flags).test(doc);
  }, [typeof pattern === "string" ? pattern : null, source, flags]);
}

const appFetched = (seen) => seen.requests.some((p) => p.endsWith("/ecplay_web_bg.wasm"));
const live = (page) => page.waitForFunction(() => performance.getEntriesByName("ecplay:live").length > 0, null, { timeout: 15000 });

describe("the first screen", () => {
  test("a first visit is shown at once, judged, without the app, which comes on the first move", async () => {
    const context = await newContext();
    const { page, seen } = await visit(context);
    await page.waitForFunction(() => performance.getEntriesByName("ecplay:shown").length > 0);
    // The default sample judged, its form, editors and export: all there before the app.
    await waitForStatus(page, STATUS_OK);
    const name = page.getByRole("textbox", { name: "Name", exact: true });
    const shown = await name.inputValue();
    assert.match(shown, /^debugger-[a-z0-9]{5}$/);
    assert.match(await yamlText(page), new RegExp(`^name: ${shown}$`, "m"));
    assert.match(await page.getByRole("tabpanel").getByRole("code").first().innerText(), /^kubectl patch pod /);
    await page.waitForTimeout(500);
    assert.equal(appFetched(seen), false, "no move, no app");
    await screenshot(page, "first-screen.png");
    await page.mouse.move(200, 200);
    await live(page);
    assert.equal(appFetched(seen), true);
    assert.equal(await page.locator("#app-pre, .taking-over").count(), 0, "one copy of the page");
    // The name shown stays (the app would make a new one), in the form, the YAML and the export.
    await waitForValue(name, shown);
    await waitForYaml(page, new RegExp(`^name: ${shown}$`, "m"));
    assert.match(await page.getByRole("tabpanel").getByRole("code").first().innerText(), new RegExp(`"name":"${shown}"`));
    // The app answers: a name typed now is judged and exported.
    await name.click();
    await page.keyboard.press("Control+a");
    await page.keyboard.type("after-the-move", DELAY);
    await waitForYaml(page, /^name: after-the-move$/m);
    assert.deepEqual(seen.errors, []);
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
    await context.close();
  });

  test("typed, picked, opened and pressed before the app runs: all kept when it takes over", async () => {
    const context = await newContext();
    const { page, seen, release } = await visit(context, { hold: true });
    await page.waitForFunction(() => performance.getEntriesByName("ecplay:shown").length > 0);
    // A comment typed at the top of the Container YAML, as text the page shows at once.
    const yaml = page.getByRole("textbox", { name: "Container YAML", exact: true });
    await yaml.click();
    await page.keyboard.press("Control+Home");
    await page.keyboard.type("# typed before the app", DELAY);
    await page.keyboard.press("Enter");
    assert.equal(await yaml.evaluate((a) => getComputedStyle(a).color !== "rgba(0, 0, 0, 0)"), true, "typed text is shown");
    // A profile picked, the Cluster panel opened, the kubectl debug tab pressed.
    await page.getByLabel("Security profile").selectOption("restricted");
    await page.locator("details.cluster > summary").click();
    await page.getByRole("tab", { name: "JSON patch", exact: true }).click();
    // Then the name, typed last: the cursor stays in it.
    const name = page.getByRole("textbox", { name: "Name", exact: true });
    await name.click();
    await page.keyboard.press("Control+a");
    await page.keyboard.type("early-bird", DELAY);
    assert.equal(appFetched(seen), true, "the first move asked for the app");
    // The verdict shown is the first screen's, and says that the edits wait for the app.
    assert.match(await page.getByRole("status", { name: "Verdict" }).innerText(), /Your edit is judged once ecplay has loaded…$/);
    await screenshot(page, "first-screen-typed-before.png");
    release();
    await live(page);
    await waitForYaml(page, /^name: early-bird$/m);
    const doc = await yamlText(page);
    assert.ok(doc.startsWith("# typed before the app\n"), doc);
    await waitForYaml(page, "runAsNonRoot: true");
    await waitForValue(page.getByLabel("Security profile"), "restricted");
    assert.equal(await page.locator("details.cluster").evaluate((d) => d.open), true);
    await page.getByRole("tab", { name: "JSON patch", exact: true, selected: true }).waitFor();
    // Typing goes on where it stopped.
    assert.equal(await page.evaluate(() => document.activeElement?.id), "f-name");
    await page.keyboard.type("-2", DELAY);
    await waitForYaml(page, /^name: early-bird-2$/m);
    await waitForStatus(page, STATUS_OK);
    assert.equal(await page.getByRole("status", { name: "Verdict" }).getAttribute("aria-busy"), null);
    await screenshot(page, "first-screen-taken-over.png");
    assert.deepEqual(seen.errors, []);
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
    await context.close();
  });

  test("a pod file opened or dropped before the app runs is read once it does", async () => {
    const POD = (name) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: team\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n`;
    const podText = (page) => page.getByRole("textbox", { name: "Pod YAML", exact: true }).inputValue();
    const context = await newContext();
    // Opened with the file chooser (the pointer moved to it first).
    const opened = await visit(context, { hold: true });
    await opened.page.waitForFunction(() => performance.getEntriesByName("ecplay:shown").length > 0);
    await opened.page.getByText("Open a pod file").hover();
    await opened.page.getByLabel("Open a pod file").setInputFiles({ name: "pod.yaml", mimeType: "text/yaml", buffer: Buffer.from(POD("opened-early")) });
    opened.release();
    await live(opened.page);
    await opened.page.waitForFunction(() => document.querySelector('#app textarea[aria-label="Pod YAML"]')?.value.includes("name: opened-early"));
    await waitForValue(opened.page.getByLabel("Target container"), "web");
    await waitForStatus(opened.page, STATUS_OK);
    // Dropped on the pod editor, on another first visit: the page stays (the browser would
    // otherwise open the file).
    const other = await newContext();
    const dropped = await visit(other, { hold: true });
    await dropped.page.waitForFunction(() => performance.getEntriesByName("ecplay:shown").length > 0);
    const area = dropped.page.getByRole("textbox", { name: "Pod YAML", exact: true });
    const transfer = await dropped.page.evaluateHandle((text) => {
      const t = new DataTransfer();
      t.items.add(new File([text], "pod.yaml", { type: "text/yaml" }));
      return t;
    }, POD("dropped-early"));
    await area.dispatchEvent("dragenter", { dataTransfer: transfer });
    await area.dispatchEvent("dragover", { dataTransfer: transfer });
    await area.dispatchEvent("drop", { dataTransfer: transfer });
    assert.doesNotMatch(await podText(dropped.page), /dropped-early/, "not read before the app runs");
    dropped.release();
    await live(dropped.page);
    await dropped.page.waitForFunction(() => document.querySelector('#app textarea[aria-label="Pod YAML"]')?.value.includes("name: dropped-early"));
    await waitForValue(dropped.page.getByLabel("Target container"), "web");
    await waitForStatus(dropped.page, STATUS_OK);
    await screenshot(dropped.page, "first-screen-dropped-file.png");
    assert.deepEqual([...opened.seen.errors, ...dropped.seen.errors], []);
    await context.close();
    await other.close();
  });

  test("a share link or kept work is not a first visit: the app starts at once, with no first screen shown", async () => {
    const context = await newContext();
    const POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n";
    const { page, seen } = await visit(context, { path: shareFragment({ pod: POD, container: "name: from-a-link\nimage: busybox:1.36\n" }) });
    await waitForValue(page.getByRole("textbox", { name: "Name", exact: true }), "from-a-link");
    assert.equal(appFetched(seen), true);
    assert.equal(await page.evaluate(() => performance.getEntriesByName("ecplay:shown").length), 0);
    // The work is kept; the next visit starts the app at once too.
    const again = await visit(context);
    await again.page.getByRole("status").waitFor();
    assert.equal(await again.page.evaluate(() => performance.getEntriesByName("ecplay:shown").length), 0);
    assert.equal(await again.page.locator("[data-prerendered]").count(), 0);
    await again.page.waitForFunction(() => performance.getEntriesByName("ecplay:usable").length > 0);
    assert.equal(appFetched(again.seen), true);
    assert.deepEqual([...seen.errors, ...again.seen.errors], []);
    await context.close();
  });
});
