// The Export region: Copy puts exactly the shown text on the clipboard, the text is what the
// CLI prints for the same pod and container, and all of it works from the keyboard alone.
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, STATUS_OK, assertClean, editorDoc, open, screenshot, useSite, waitForDoc, waitForStatus } from "./harness.mjs";

useSite();

const ECPLAY = process.env.ECPLAY ?? join(ROOT, "target", "debug", "ecplay");
const POD = join(ROOT, "tests", "fixtures", "pods", "distroless-app.yaml");
// The tabs, with the CLI's name for the same export (`ecplay export --as`).
const TABS = [
  ["kubectl patch", "kubectl-patch"],
  ["kubectl debug", "kubectl-debug"],
  ["JSON patch", "json-patch"],
  ["kubectl replace --raw", "replace-raw"],
  ["curl", "curl"],
  ["YAML", "yaml"],
  ["Follow-ups", "follow-ups"],
];

before(() => {
  // `make test-e2e` builds it first; a bare `node --test` builds it here when it is missing.
  if (!existsSync(ECPLAY)) execFileSync(process.env.CARGO ?? "cargo", ["build", "-p", "ecplay-cli", "--locked"], { cwd: ROOT, stdio: "inherit" });
});

/** What `ecplay export` prints for the distroless pod and `container` (YAML). */
function cli(container, format) {
  const dir = mkdtempSync(join(tmpdir(), "ecplay-e2e-"));
  try {
    const file = join(dir, "ephemeral.yaml");
    writeFileSync(file, container);
    return execFileSync(ECPLAY, ["export", "--pod", POD, "--ephemeral", file, "--as", format], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const exportRegion = (page) => page.getByRole("region", { name: "Export" });
const activeTab = (page, name) => exportRegion(page).getByRole("tab", { name, exact: true, selected: true });
/** The text of the shown export (the first code block of the tab panel). */
const shown = (page) => exportRegion(page).getByRole("tabpanel").getByRole("code").first().textContent();
const clipboard = (page) => page.evaluate(() => navigator.clipboard.readText());
const isFocused = (locator) => locator.evaluate((el) => el === document.activeElement);

/** Presses `key` until `locator` has the focus, at most `max` times. */
async function pressUntilFocused(page, key, locator, max) {
  for (let i = 0; i < max; i++) {
    if (await isFocused(locator)) return;
    await page.keyboard.press(key);
  }
  assert.ok(await isFocused(locator), `${max} × ${key} never reached ${locator}; the focus is on ${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120))}`);
}

describe("the export", () => {
  test("Copy puts exactly the shown text on the clipboard, and it is what the CLI prints", async () => {
    const { page, context, problems } = await open({ clipboard: true });
    await waitForStatus(page, STATUS_OK);
    const region = exportRegion(page);
    const container = await editorDoc(page, "Container YAML");
    for (const [name, format] of TABS) {
      await region.getByRole("tab", { name, exact: true }).click();
      await activeTab(page, name).waitFor();
      const text = await shown(page);
      assert.ok(text.length > 0, name);
      await page.evaluate(() => navigator.clipboard.writeText("(before Copy)"));
      await region.getByRole("tabpanel").getByRole("button", { name: "Copy", exact: true }).first().click();
      await region.getByRole("tabpanel").getByText("Copied", { exact: true }).first().waitFor();
      assert.equal(await clipboard(page), text, `the clipboard after Copy in ${name}`);
      // The CLI ends what it prints with a newline; the page shows the text without it.
      assert.equal(cli(container, format), `${text}\n`, `ecplay export --as ${format}`);
    }
    assert.match(await (async () => {
      await region.getByRole("tab", { name: "kubectl patch", exact: true }).click();
      return shown(page);
    })(), /^kubectl patch pod payments-api-jtxj8rc447-hmrw7 -n payments --subresource=ephemeralcontainers /);
    await assertClean(page, problems);
    await context.close();
  });

  test("an older kubectl that refuses a form says so first, in kubectl's words", async () => {
    const { page, context, problems } = await open();
    await waitForStatus(page, STATUS_OK);
    const region = exportRegion(page);
    await region.getByRole("tab", { name: "kubectl patch", exact: true }).click();
    await region.getByLabel("kubectl version").selectOption("1.29");
    const panel = region.getByRole("tabpanel");
    // The form that kubectl can send is shown instead: replace --raw works with any kubectl.
    await activeTab(page, "kubectl replace --raw").waitFor();
    assert.equal(await panel.getByText("refuses this command").count(), 0);
    // The forms it refuses say so on their tabs, in kubectl's words, and the others do not.
    const refusal = 'kubectl 1.29 refuses it: error: invalid subresource value: "ephemeralcontainers". Must be one of [status scale]';
    for (const name of ["kubectl patch", "JSON patch"]) {
      const tab = region.getByRole("tab", { name, exact: true });
      assert.equal(await tab.getAttribute("aria-description"), refusal, name);
      assert.equal(await tab.getAttribute("title"), refusal, name);
      assert.match(await tab.innerText(), /✗$/, name);
    }
    for (const name of ["kubectl debug", "kubectl replace --raw", "curl", "YAML", "Follow-ups"]) {
      assert.equal(await region.getByRole("tab", { name, exact: true }).getAttribute("aria-description"), null, name);
    }
    await screenshot(page, "export-older-kubectl.png");
    // Shown anyway when asked for, with kubectl's refusal first.
    await region.getByRole("tab", { name: "kubectl patch", exact: true }).click();
    await panel.getByText('kubectl 1.29 refuses this command: error: invalid subresource value: "ephemeralcontainers". Must be one of [status scale]').waitFor();
    await region.getByRole("tab", { name: "kubectl replace --raw", exact: true }).click();
    await activeTab(page, "kubectl replace --raw").waitFor();
    assert.equal(await panel.getByText("refuses this command").count(), 0);
    await region.getByLabel("kubectl version").selectOption("1.37");
    await region.getByRole("tab", { name: "kubectl patch", exact: true }).click();
    await activeTab(page, "kubectl patch").waitFor();
    assert.equal(await panel.getByText("refuses this command").count(), 0);
    await assertClean(page, problems);
    await context.close();
  });

  test("keyboard only: Tab to Name, type, Tab to the tabs, arrows between them, Enter and Space on Copy", async () => {
    const { page, context, problems } = await open({ clipboard: true });
    const name = page.getByRole("textbox", { name: "Name", exact: true });
    // A first visit: the first-run steps' four buttons come before the panels.
    await pressUntilFocused(page, "Tab", name, 14);
    await page.keyboard.press("Control+a");
    await page.keyboard.type("kbd-debugger");
    await waitForDoc(page, "Container YAML", /^name: kbd-debugger$/m);
    await waitForStatus(page, STATUS_OK);

    // Tab leaves the form, passes the Container YAML editor (Tab does not indent there) and
    // the Diagnostics, and lands on the selected tab: the tab list is one Tab stop.
    await pressUntilFocused(page, "Tab", activeTab(page, "kubectl patch"), 40);
    await page.keyboard.press("ArrowRight");
    await activeTab(page, "kubectl debug").waitFor();
    assert.ok(await isFocused(activeTab(page, "kubectl debug")));
    await page.keyboard.press("End");
    await activeTab(page, "Follow-ups").waitFor();
    await page.keyboard.press("ArrowRight"); // wraps around
    await activeTab(page, "kubectl patch").waitFor();
    await page.keyboard.press("ArrowLeft");
    await activeTab(page, "Follow-ups").waitFor();
    await page.keyboard.press("Home");
    await activeTab(page, "kubectl patch").waitFor();
    assert.ok(await isFocused(activeTab(page, "kubectl patch")));

    // Into the panel: Enter on Copy.
    const copy = exportRegion(page).getByRole("tabpanel").getByRole("button", { name: "Copy", exact: true }).first();
    await pressUntilFocused(page, "Tab", copy, 5);
    await page.keyboard.press("Enter");
    await exportRegion(page).getByText("Copied", { exact: true }).waitFor();
    const patch = await clipboard(page);
    assert.equal(patch, await shown(page));
    assert.match(patch, /^kubectl patch pod payments-api-jtxj8rc447-hmrw7 .*"name":"kbd-debugger"/);

    // Back to the tabs, one tab on, Space on its Copy.
    await pressUntilFocused(page, "Shift+Tab", activeTab(page, "kubectl patch"), 5);
    await page.keyboard.press("ArrowRight");
    await activeTab(page, "kubectl debug").waitFor();
    // "Copied" was about the other tab's text.
    await exportRegion(page).getByText("Copied", { exact: true }).waitFor({ state: "detached" });
    await pressUntilFocused(page, "Tab", copy, 5);
    await page.keyboard.press("Space");
    await exportRegion(page).getByText("Copied", { exact: true }).waitFor();
    const debug = await clipboard(page);
    assert.equal(debug, await shown(page));
    assert.match(debug, /^kubectl debug /);
    assert.match(debug, /kbd-debugger/);
    await assertClean(page, problems);
    await context.close();
  });
});
