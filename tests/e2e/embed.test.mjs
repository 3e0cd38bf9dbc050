// Docs embedding (?embed=1 and its options, the demo page with two embeds that report
// their heights), the theme toggle, and the Learn panel with its links and recipes.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  STATUS_BAD, STATUS_OK, assertClean, draftInPlayground, editorDoc, newContext, open, replaceEditorText, screenshot, sidewaysScroll, siteUrl,
  useSite, waitForDoc, waitForStatus,
} from "./harness.mjs";

useSite();

describe("embedding", () => {
  test("the demo page: a raw iframe and two made by the loader, each as tall as it reports", async () => {
    const context = await newContext();
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.goto(new URL("static/embed-demo.html", siteUrl()).href);
    // The raw iframe, sized by the demo page's own script.
    const raw = page.frameLocator("#distroless");
    await raw.getByRole("status").filter({ hasText: STATUS_OK }).waitFor({ timeout: 10000 });
    const iframe = page.locator("#distroless");
    await page.waitForFunction((el) => Number(el.dataset.reportedHeight) > 300, await iframe.elementHandle());
    const reported = Number(await iframe.getAttribute("data-reported-height"));
    const content = await raw.locator("html").evaluate((el) => Math.ceil(el.getBoundingClientRect().height));
    assert.ok(Math.abs(reported - content) <= 2, `raw: reported ${reported}px, content ${content}px`);
    assert.equal(await iframe.evaluate((el) => el.clientHeight), reported);
    // Compact: no Learn panel, no preview, no header actions; readonly=pod; tab=kubectl-debug.
    assert.equal(await raw.getByRole("heading", { name: "Learn" }).count(), 0);
    assert.equal(await raw.getByRole("button", { name: "Share" }).count(), 0);
    assert.equal(await raw.getByRole("combobox", { name: "Sample pod" }).count(), 0);
    await raw.getByRole("tab", { name: "kubectl debug", exact: true, selected: true }).waitFor();

    // The loader's two: each frame as tall as its embed's content (±2 px).
    const loaded = { compact: STATUS_OK, static: STATUS_BAD };
    for (const [id, status] of Object.entries(loaded)) {
      const frame = page.frameLocator(`#${id} iframe`);
      await page.locator(`#${id}`).scrollIntoViewIfNeeded();
      await frame.getByRole("status").filter({ hasText: status }).waitFor({ timeout: 10000 });
      await page.waitForFunction((el) => {
        const content = Math.ceil(el.contentDocument.documentElement.getBoundingClientRect().height);
        return content > 200 && Math.abs(el.clientHeight - content) <= 2;
      }, await page.locator(`#${id} iframe`).elementHandle());
    }
    assert.equal(await page.frameLocator("#static iframe").locator("html").getAttribute("data-theme"), "dark");
    assert.equal(await page.locator("#compact iframe").getAttribute("title"), "ecplay: a shell beside a distroless app");

    // A height message from another window changes nothing: from the page itself, and from a
    // frame that is not an embed (both of the playground's origin).
    const heights = () => page.evaluate(() => [...document.querySelectorAll("[data-ecplay] iframe")].map((f) => f.style.height));
    const before = await heights();
    await page.evaluate(() => {
      window.__foreign = 0;
      addEventListener("message", (e) => e.data?.height === 55 && window.__foreign++);
      postMessage({ type: "ecplay:height", height: 55 }, "*");
      const other = document.createElement("iframe");
      other.srcdoc = "<script>parent.postMessage({type: 'ecplay:height', height: 55}, '*')<\/script>";
      document.body.append(other);
    });
    await page.waitForFunction(() => window.__foreign === 2);
    assert.deepEqual(await heights(), before);

    // An edit in an embed changes its height report when the content grows.
    const grown = Number(await page.locator("#distroless").getAttribute("data-reported-height"));
    await raw.getByRole("textbox", { name: "Container YAML" }).click();
    await page.keyboard.press("Control+End");
    await page.keyboard.insertText("ports:\n- containerPort: 80\nlivenessProbe:\n  exec: {command: [true]}\n");
    await raw.getByRole("status").filter({ hasText: STATUS_BAD }).waitFor();
    await page.waitForFunction(([el, h]) => Number(el.dataset.reportedHeight) > h, [await page.locator("#distroless").elementHandle(), grown]);
    await page.screenshot({ path: "target/screenshots/embed-demo.png", fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("the loader is at most 2 KB", async () => {
    const response = await fetch(new URL("static/embed.js", siteUrl()));
    const bytes = (await response.arrayBuffer()).byteLength;
    console.log(`static/embed.js as built: ${bytes} bytes`);
    assert.ok(bytes <= 2048, `${bytes} bytes`);
  });

  test("each option does what it says", async () => {
    const context = await newContext();
    const path = "?embed=1&sample=distroless-app&show=pod,composer,verdict,export,holds&pod=spec&theme=dark&tab=kubectl-debug";
    const { page, problems } = await open({ context, path, editors: 0 });
    // show=: the pod (its spec), the form, the verdict, the export, what the pod will hold; no YAML, no diagnostics.
    const spec = page.getByLabel("Pod spec");
    assert.match(await spec.innerText(), /^spec:\n {2}containers:\n/);
    await page.getByText(/^apiVersion, kind, metadata \(\d+ lines\)$/).click();
    assert.match(await page.locator(".pod-folded details[open] pre").innerText(), /managedFields:/);
    await page.getByText(/^status \(\d+ lines\)$/).waitFor();
    assert.equal(await page.getByRole("textbox", { name: "Pod YAML" }).count(), 0);
    await page.getByRole("textbox", { name: "Name", exact: true }).waitFor();
    assert.equal(await page.getByRole("textbox", { name: "Container YAML" }).count(), 0);
    await waitForStatus(page, STATUS_OK);
    assert.equal(await page.getByRole("region", { name: "Diagnostics" }).count(), 0);
    await page.getByRole("tab", { name: "kubectl debug", exact: true, selected: true }).waitFor();
    await page.getByRole("heading", { name: "What the pod will hold" }).waitFor();
    assert.equal(await page.locator("html").getAttribute("data-theme"), "dark");
    assert.equal(await page.getByRole("note").count(), 0, "nothing to say about this address");
    // The form still drives the export.
    await page.getByRole("textbox", { name: "Name", exact: true }).fill("from-the-form");
    await page.getByRole("region", { name: "Export" }).getByText(/-c from-the-form/).waitFor();
    await screenshot(page, "embed-options-spec.png");
    await assertClean(page, problems);

    // pod=full: the editor; pod=hidden: no pod even when show= names it; show=yaml alone.
    const full = await open({ context, path: "?embed=1&sample=static-pod&show=pod,yaml,verdict&pod=full", editors: 2 });
    await waitForDoc(full.page, "Pod YAML", "kubernetes.io/config.mirror");
    assert.equal(await full.page.getByRole("textbox", { name: "Name", exact: true }).count(), 0);
    assert.equal(await full.page.getByRole("region", { name: "Export" }).count(), 0);
    const hidden = await open({ context, path: "?embed=1&show=pod,diagnostics&pod=hidden", editors: 0, verdict: false });
    await hidden.page.getByRole("region", { name: "Diagnostics" }).waitFor();
    assert.equal(await hidden.page.getByRole("heading", { name: "Pod" }).count(), 0);
    assert.equal(await hidden.page.getByRole("status").count(), 0);

    // density=compact: the same embed, shorter.
    const height = async (q) => {
      const o = await open({ context, path: `?embed=1&sample=distroless-app&show=composer,verdict,export${q}`, editors: 0, viewport: { width: 720, height: 900 } });
      return o.page.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
    };
    const [normal, compact] = [await height(""), await height("&density=compact")];
    assert.ok(compact < normal, `compact ${compact}px, normal ${normal}px`);
    await context.close();
  });

  test("the compact distroless embed with its export fits in 700 px at 720 px wide", async () => {
    const path = "?embed=1&sample=distroless-app&show=composer,verdict,export&density=compact&tab=kubectl-debug";
    const { page, context, problems } = await open({ path, editors: 0, viewport: { width: 720, height: 900 } });
    // The command itself, made by the module loaded on demand, not the note that it loads.
    await page.getByRole("region", { name: "Export" }).getByText(/^kubectl debug payments-api-\S+ -n payments /).waitFor({ timeout: 10000 });
    const height = await page.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
    console.log(`compact distroless embed with the export, 720 px wide: ${height} px`);
    assert.ok(height <= 700, `${height} px`);
    assert.equal(await sidewaysScroll(page), 0);
    await screenshot(page, "embed-compact-720.png");
    await assertClean(page, problems);
    await context.close();
  });

  test("an option or value it does not know is shown in one line and logged, and the rest applies", async () => {
    const context = await newContext();
    const page = await context.newPage();
    const warnings = [];
    page.on("console", (m) => m.type() === "warning" && warnings.push(m.text()));
    await page.goto(new URL("?embed=1&sample=distroles-app&theme=purple&colour=red&show=composer,verdicts,export&tab=kubectl-debug", siteUrl()).href);
    const note = page.getByRole("note").filter({ hasText: /^This embed's address/ });
    await note.waitFor();
    const text = await note.innerText();
    for (const said of ["sample=distroles-app is not distroless-app", "theme=purple is not auto, light or dark", "unknown option colour", "show=composer,verdicts,export: no part verdicts"]) {
      assert.ok(text.includes(said), `${said} in ${text}`);
      assert.ok(warnings.some((w) => w.includes(said)), `${said} logged: ${warnings}`);
    }
    assert.equal(await note.evaluate((el) => getComputedStyle(el).whiteSpace), "nowrap", "one line");
    await page.getByRole("tab", { name: "kubectl debug", exact: true, selected: true }).waitFor();
    await page.getByRole("textbox", { name: "Name", exact: true }).waitFor();
    assert.equal(await page.getByRole("status").count(), 0, "show=composer,export: no verdict");
    await screenshot(page, "embed-unknown-options.png");
    await context.close();
  });

  test("height reports come at most once a frame", async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(new URL("static/embed-demo.html", siteUrl()).href);
    await page.evaluate(() => {
      // The demo's own frames go, so that every report is the counted frame's. A report is
      // counted when it is sent, not when its message arrives: a busy machine can deliver
      // two messages sent a frame apart between the same two frames. The parent's and a
      // same-origin frame's animation callbacks run in the same rendering update.
      document.body.replaceChildren();
      window.__frames = 0;
      const tick = () => { window.__frames++; requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
      window.__reports = [];
      const post = window.postMessage.bind(window);
      window.postMessage = (data, ...rest) => {
        if (data?.type === "ecplay:height") window.__reports.push(window.__frames);
        return post(data, ...rest);
      };
      const f = document.createElement("iframe");
      f.id = "counted";
      f.src = "../?embed=1&sample=distroless-app";
      document.body.prepend(f);
    });
    const frame = page.frameLocator("#counted");
    await frame.getByRole("status").filter({ hasText: STATUS_OK }).waitFor({ timeout: 10000 });
    // Edits that change the height, as fast as they can be typed.
    await frame.getByRole("textbox", { name: "Container YAML" }).click();
    await page.keyboard.press("Control+End");
    for (let i = 0; i < 6; i++) await page.keyboard.insertText(`ports:\n- containerPort: ${80 + i}\n`);
    await page.waitForFunction(() => window.__reports.length >= 2);
    const reports = await page.evaluate(() => window.__reports);
    assert.equal(new Set(reports).size, reports.length, `two reports in one frame: ${reports}`);
    await context.close();
  });

  test("'Open in full playground' carries the embed's state, and an embed leaves the playground's storage alone", async () => {
    const context = await newContext();
    const mine = await draftInPlayground(context, "my-own-draft");
    const embed = await open({ context, path: "?embed=1&sample=app-with-sidecar&tab=json-patch", editors: 1 });
    await embed.page.getByRole("tab", { name: "JSON patch", exact: true, selected: true }).waitFor();
    await embed.page.getByRole("textbox", { name: "Name", exact: true }).fill("from-the-docs");
    await waitForDoc(embed.page, "Container YAML", "name: from-the-docs");
    const link = embed.page.getByRole("link", { name: "Open in full playground" });
    // Made when pointed at (by the module loaded on demand).
    await link.hover();
    await embed.page.waitForFunction((el) => el.href.includes("#s="), await link.elementHandle());
    await screenshot(embed.page, "embed-options.png");
    const href = await link.getAttribute("href");
    await assertClean(embed.page, embed.problems);
    await embed.page.close();
    // The user's own playground was not touched by the embed.
    await mine.page.reload();
    await waitForDoc(mine.page, "Container YAML", "name: my-own-draft");
    await mine.page.close();
    const full = await open({ context, path: href });
    await waitForDoc(full.page, "Container YAML", "name: from-the-docs");
    assert.equal(await full.page.getByRole("combobox", { name: "Sample pod" }).inputValue(), "app-with-sidecar");
    // and Undo gives back the user's own draft.
    await full.page.getByRole("button", { name: "Undo", exact: true }).click();
    await waitForDoc(full.page, "Container YAML", "name: my-own-draft");
    await assertClean(full.page, full.problems);
    await context.close();
  });
});

describe("themes", () => {
  test("follow the system, and a chosen theme is remembered", async () => {
    const context = await newContext({ colorScheme: "dark" });
    const { page, problems } = await open({ context });
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const toggle = page.getByRole("button", { name: "Dark theme", exact: true });
    assert.equal(await toggle.getAttribute("aria-pressed"), "true", "the system is dark");
    const dark = await background();
    await screenshot(page, "theme-dark.png");
    await toggle.click();
    await page.waitForFunction(() => document.documentElement.dataset.theme === "light");
    assert.notEqual(await background(), dark);
    // boot.js applies the kept choice before the app is up: no flash of the system's theme.
    await page.addInitScript(() => {
      document.addEventListener("DOMContentLoaded", () => {
        window.themeBeforeTheApp = document.documentElement.dataset.theme ?? "none";
      });
    });
    await page.reload();
    await page.getByRole("status").waitFor();
    assert.equal(await page.evaluate(() => window.themeBeforeTheApp), "light");
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "light");
    assert.equal(await page.getByRole("button", { name: "Dark theme", exact: true }).getAttribute("aria-pressed"), "false");
    await screenshot(page, "theme-light.png");
    // The editor follows the page's colours.
    const editorBg = await page.getByRole("textbox", { name: "Pod YAML" }).evaluate((el) => getComputedStyle(el.closest(".editor")).backgroundColor);
    assert.equal(editorBg, await page.evaluate(() => getComputedStyle(document.querySelector(".panel")).backgroundColor));
    await assertClean(page, problems);
    await context.close();
  });
});

describe("learning", () => {
  test("each diagnostic links to the paragraph that explains its rule", async () => {
    const { page, context, problems } = await open();
    // The paragraphs are fetched when the panel comes near the view, not with the page.
    const fetched = () => page.evaluate(() => performance.getEntriesByType("resource").filter((e) => e.name.endsWith("/static/learn.json")).length);
    assert.equal(await fetched(), 0);
    await replaceEditorText(page, "Container YAML", "name: dbg\nimage: busybox:1.36\nports:\n- containerPort: 80\nresources:\n  limits: {cpu: 100m}\n");
    await waitForStatus(page, STATUS_BAD);
    const diagnostics = page.getByRole("region", { name: "Diagnostics" });
    for (const [field, section, words] of [
      ["spec.ephemeralContainers[0].ports", "no-ports", /port/i],
      ["spec.ephemeralContainers[0].resources", "no-resources", /resource/i],
    ]) {
      const item = diagnostics.getByRole("listitem").filter({ has: page.getByText(field, { exact: true }) });
      await item.getByRole("link", { name: "Learn why" }).click();
      await page.waitForFunction((id) => location.hash === `#learn-${id}`, section);
      const target = page.locator(`#learn-${section}`);
      assert.match(await target.getByRole("heading").innerText(), words);
      // Its explanation is there.
      await target.locator("p").first().filter({ hasText: words }).waitFor();
      assert.ok(await target.evaluate((el) => el.matches(":target")));
      // It is in view.
      const box = await target.boundingBox();
      assert.ok(box.y >= -1 && box.y < 900, `the section is at y=${box.y}`);
    }
    assert.equal(await fetched(), 1);
    await screenshot(page, "learn-link.png");
    await assertClean(page, problems);
    await context.close();
  });

  test("recipes fill the composer with containers the server accepts", async () => {
    const { page, context, problems } = await open();
    await page.getByRole("combobox", { name: "Sample pod" }).selectOption({ label: "Init containers and volumes (subPath)" });
    for (const [name, expect] of [
      ["network", /NET_ADMIN/],
      ["strace", /SYS_PTRACE/],
      ["volume", /readOnly: true/],
    ]) {
      await page.getByRole("button", { name: new RegExp(`^Use the recipe: .*${name}`, "i") }).click();
      await waitForDoc(page, "Container YAML", expect);
      await waitForStatus(page, STATUS_OK);
    }
    assert.match(await editorDoc(page, "Container YAML"), /mountPath: \/debug\//);
    await assertClean(page, problems);
    await context.close();
  });
});
