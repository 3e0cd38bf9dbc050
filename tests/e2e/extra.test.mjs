// The module loaded on demand (web/extra, pkg/extra/): a first load does not fetch it; the
// export tabs other than the one shown first and the Learn recipes do; while it loads, and
// when it cannot be loaded, the page still judges every keystroke and says what waits and why.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { STATUS_BAD, STATUS_OK, assertClean, open, useSite, waitForDoc, waitForStatus } from "./harness.mjs";

useSite();

const EXTRA = /\/pkg\/extra\//;
const exportRegion = (page) => page.getByRole("region", { name: "Export" });
const panel = (page) => exportRegion(page).getByRole("tabpanel");

/** Records the requests for the module. */
function extraRequests(page) {
  const seen = [];
  page.on("request", (r) => EXTRA.test(r.url()) && seen.push(new URL(r.url()).pathname));
  return seen;
}

describe("the module loaded on demand", () => {
  test("a first load does not fetch it; the kubectl debug tab does, once", async () => {
    const { page, problems } = await open();
    const seen = extraRequests(page);
    await waitForStatus(page, STATUS_OK);
    await panel(page).getByRole("code").first().waitFor();
    await page.waitForTimeout(300);
    assert.deepEqual(seen, [], "nothing of pkg/extra/ before it is needed");
    await exportRegion(page).getByRole("tab", { name: "kubectl debug", exact: true }).click();
    await panel(page).getByRole("code").first().filter({ hasText: /^kubectl debug / }).waitFor();
    assert.deepEqual(seen.sort(), ["/pkg/extra/ecplay_extra.js", "/pkg/extra/ecplay_extra_bg.wasm"]);
    // It follows the composer, and kubectl's version.
    await page.getByLabel("Name", { exact: true }).fill("probe");
    await panel(page).getByRole("code").first().filter({ hasText: / -c probe / }).waitFor();
    await exportRegion(page).getByLabel("kubectl version").selectOption("1.30");
    await panel(page).getByRole("code").first().filter({ hasText: /KUBECTL_DEBUG_CUSTOM_PROFILE=true|kubectl debug / }).waitFor();
    assert.equal(seen.length, 2, "loaded once");
    await assertClean(page, problems);
  });

  test("while it loads, the page judges every keystroke and says what waits", async () => {
    const { page, problems } = await open();
    let release;
    const held = new Promise((r) => (release = r));
    await page.route(EXTRA, async (route) => {
      await held;
      await route.continue();
    });
    await exportRegion(page).getByRole("tab", { name: "kubectl debug", exact: true }).click();
    await panel(page).getByText("Loading the kubectl debug form…", { exact: true }).waitFor();
    // Validation goes on meanwhile: a port is forbidden in an ephemeral container.
    await page.getByRole("textbox", { name: "Container YAML", exact: true }).click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type("\nports:\n- containerPort: 80\n");
    await waitForStatus(page, STATUS_BAD);
    await page.getByRole("region", { name: "Diagnostics" }).getByText("spec.ephemeralContainers[0].ports", { exact: false }).first().waitFor();
    await panel(page).getByText("Loading the kubectl debug form…", { exact: true }).waitFor();
    release();
    await panel(page).getByRole("code").first().filter({ hasText: /^kubectl debug / }).waitFor();
    await assertClean(page, problems);
  });

  test("the forms other than the one shown first come from it, and say so while it loads", async () => {
    const { page, problems } = await open();
    const seen = extraRequests(page);
    let release;
    const held = new Promise((r) => (release = r));
    await page.route(EXTRA, async (route) => {
      await held;
      await route.continue();
    });
    await waitForStatus(page, STATUS_OK);
    await panel(page).getByRole("code").first().filter({ hasText: /^kubectl patch / }).waitFor();
    await exportRegion(page).getByRole("tab", { name: "YAML", exact: true }).click();
    await panel(page).getByText("Loading the YAML form…", { exact: true }).waitFor();
    release();
    await panel(page).getByRole("code").first().filter({ hasText: /^image: /m }).waitFor();
    await page.getByLabel("Name", { exact: true }).fill("probe");
    await panel(page).getByRole("code").first().filter({ hasText: /^name: probe$/m }).waitFor();
    await exportRegion(page).getByRole("tab", { name: "curl", exact: true }).click();
    await panel(page).getByRole("code").first().filter({ hasText: /kubectl proxy --port=/ }).waitFor();
    assert.deepEqual(seen.sort(), ["/pkg/extra/ecplay_extra.js", "/pkg/extra/ecplay_extra_bg.wasm"], "loaded once");
    await assertClean(page, problems);
  });

  test("when it cannot be loaded, the page says so and goes on judging", async () => {
    const { page, problems } = await open();
    await page.route(EXTRA, (route) => route.abort("failed"));
    await exportRegion(page).getByRole("tab", { name: "kubectl debug", exact: true }).click();
    await panel(page).getByText(/^The kubectl debug form could not be loaded: .+\. Check the connection and try again\.$/).waitFor();
    // So does every form but the one shown first, which is the first download's and works.
    await exportRegion(page).getByRole("tab", { name: "YAML", exact: true }).click();
    await panel(page).getByText(/^The YAML form could not be loaded: .+\. Check the connection and try again\.$/).waitFor();
    await exportRegion(page).getByRole("tab", { name: "kubectl patch", exact: true }).click();
    await panel(page).getByRole("code").first().filter({ hasText: /^kubectl patch / }).waitFor();
    // A recipe says so too, and leaves the composer as it was.
    const before = await page.getByLabel("Image", { exact: true }).inputValue();
    await page.getByRole("button", { name: "Use the recipe: Network debugging" }).click();
    await page.getByRole("alert").filter({ hasText: /^The recipes could not be loaded: / }).waitFor();
    assert.equal(await page.getByLabel("Image", { exact: true }).inputValue(), before);
    await page.getByLabel("Name", { exact: true }).fill("BAD_NAME");
    await waitForStatus(page, STATUS_BAD);
    // Once the network is back, asking again loads it.
    await page.unroute(EXTRA);
    await page.getByRole("button", { name: "Use the recipe: Network debugging" }).click();
    await waitForDoc(page, "Container YAML", "nicolaka/netshoot");
    assert.equal(await page.getByRole("alert").filter({ hasText: /could not be loaded/ }).count(), 0);
    // The aborted requests are the test's own doing; nothing else went wrong.
    problems.failed = problems.failed.filter((f) => !EXTRA.test(f));
    problems.consoleErrors = problems.consoleErrors.filter((e) => !/ecplay_extra|Failed to fetch dynamically imported module|net::ERR_FAILED/.test(e));
    await assertClean(page, problems);
  });
});
