// Docs embedding (?embed=1 and its options, the demo page with two embeds that report
// their heights), the theme toggle, and the Learn panel with its links and recipes.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  STATUS_BAD, STATUS_OK, assertClean, draftInPlayground, editorDoc, newContext, open, replaceEditorText, screenshot, siteUrl, useSite,
  waitForDoc, waitForStatus,
} from "./harness.mjs";

useSite();

describe("embedding", () => {
  test("the demo page shows two working embeds that report their height", async () => {
    const context = await newContext();
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.goto(new URL("static/embed-demo.html", siteUrl()).href);
    for (const [id, status] of [["distroless", STATUS_OK], ["static", STATUS_BAD]]) {
      const frame = page.frameLocator(`#${id}`);
      await frame.getByRole("status").filter({ hasText: status }).waitFor({ timeout: 10000 });
      // The page sized the iframe to what the embed reported, and that is the embed's content height.
      const iframe = page.locator(`#${id}`);
      await page.waitForFunction((el) => Number(el.dataset.reportedHeight) > 300, await iframe.elementHandle());
      const reported = Number(await iframe.getAttribute("data-reported-height"));
      const content = await frame.locator("html").evaluate((el) => Math.ceil(el.getBoundingClientRect().height));
      assert.ok(Math.abs(reported - content) <= 2, `${id}: reported ${reported}px, content ${content}px`);
      assert.equal(await iframe.evaluate((el) => el.clientHeight), reported);
      // Compact: no Learn panel, no preview, no header actions.
      assert.equal(await frame.getByRole("heading", { name: "Learn" }).count(), 0);
      assert.equal(await frame.getByRole("button", { name: "Share" }).count(), 0);
    }
    // readonly=pod: no sample picker; tab=kubectl-debug selected.
    const first = page.frameLocator("#distroless");
    assert.equal(await first.getByRole("combobox", { name: "Sample pod" }).count(), 0);
    await first.getByRole("tab", { name: "kubectl debug", exact: true, selected: true }).waitFor();
    // theme=dark on the second.
    assert.equal(await page.frameLocator("#static").locator("html").getAttribute("data-theme"), "dark");
    // An edit in an embed changes its height report when the content grows.
    const before = Number(await page.locator("#distroless").getAttribute("data-reported-height"));
    await first.getByRole("textbox", { name: "Container YAML" }).click();
    await page.keyboard.press("Control+End");
    await page.keyboard.insertText("ports:\n- containerPort: 80\nlivenessProbe:\n  exec: {command: [true]}\n");
    await first.getByRole("status").filter({ hasText: STATUS_BAD }).waitFor();
    await page.waitForFunction(([el, h]) => Number(el.dataset.reportedHeight) > h, [await page.locator("#distroless").elementHandle(), before]);
    await page.screenshot({ path: "target/screenshots/embed-demo.png", fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("'Open in full playground' carries the embed's state, and an embed leaves the playground's storage alone", async () => {
    const context = await newContext();
    const mine = await draftInPlayground(context, "my-own-draft");
    const embed = await open({ context, path: "?embed=1&sample=app-with-sidecar&tab=json-patch" });
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
