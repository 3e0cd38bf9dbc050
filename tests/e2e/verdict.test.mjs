// The verdict in view: one line (role status, named "Verdict") that stays inside the viewport
// while you type in the Container YAML or the form, at 1280×720, 1366×768 and 375 px; the
// composer on the first screen at 1280×720; an Export panel that keeps the last export,
// dimmed and with the reason, while the text does not read; and a refused draft's export
// tabs that say so first. All typed key by key.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { SHOTS, STATUS_OK, assertClean, open, screenshot, useSite, waitForStatus } from "./harness.mjs";

useSite();

const DELAY = { delay: 15 };

/** Whether the Verdict line is wholly inside the viewport. */
async function verdictInView(page) {
  const box = await page.getByRole("status", { name: "Verdict" }).boundingBox();
  const { height } = page.viewportSize();
  return box !== null && box.y >= 0 && box.y + box.height <= height;
}

describe("the verdict in view", () => {
  for (const [width, height] of [[1280, 720], [1366, 768], [375, 812]]) {
    test(`at ${width}×${height} the Verdict stays in view while typing in the YAML and in the form`, async () => {
      const { page, context, problems } = await open({ viewport: { width, height } });
      await waitForStatus(page, STATUS_OK);
      if (width === 1280) {
        const composer = await page.getByRole("heading", { name: "Ephemeral container", exact: true }).boundingBox();
        assert.ok(composer.y + composer.height <= height, `the composer's heading is at ${composer.y} px, below the first screen`);
        const name = await page.getByRole("textbox", { name: "Name", exact: true }).boundingBox();
        assert.ok(name.y + name.height <= height, `the Name field is at ${name.y} px, below the first screen`);
      }
      await page.getByRole("textbox", { name: "Container YAML", exact: true }).click();
      await page.keyboard.press("Control+End");
      for (const line of ["workingDir: /tmp", "ports:", "- containerPort: 80"]) {
        await page.keyboard.type(line, DELAY);
        await page.keyboard.press("Enter");
        assert.ok(await verdictInView(page), `the verdict left the view after typing ${line}`);
      }
      await waitForStatus(page, /^The server would reject this request: 1 error\.$/);
      const verdict = await page.getByRole("status", { name: "Verdict" }).innerText();
      assert.match(verdict, /Refused by validation \(422 Invalid\)\.\s*The Pod "[^"]+" is invalid: spec.ephemeralContainers\[0\].ports: Forbidden: cannot be set for an Ephemeral Container/);
      assert.ok(await verdictInView(page));
      // What is in view while typing, then the whole page.
      await page.screenshot({ path: join(SHOTS, `verdict-typing-${width}.png`) });
      await screenshot(page, `verdict-yaml-${width}.png`);
      const name = page.getByRole("textbox", { name: "Name", exact: true });
      await name.click();
      await page.keyboard.type("-x", DELAY);
      assert.ok(await verdictInView(page), "the verdict left the view while typing the name");
      await assertClean(page, problems);
      await context.close();
    });
  }

  test("while the text does not read the last export stays, dimmed, with the reason; a refused draft says so first", async () => {
    const { page, context, problems } = await open();
    await waitForStatus(page, STATUS_OK);
    const exportRegion = page.getByRole("region", { name: "Export" });
    const panel = exportRegion.getByRole("tabpanel");
    const before = await panel.locator("pre").first().innerText();
    await page.getByRole("textbox", { name: "Container YAML", exact: true }).click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type("command: [sh, \"-c", DELAY);
    await panel.getByText(/^The text does not read \(container \d+:\d+: .*\): this is the last export made, and not what the text says now\.$/).waitFor();
    assert.equal(await panel.locator("pre").first().innerText(), before);
    await screenshot(page, "export-stale.png");
    await page.keyboard.type("\"]", DELAY);
    await page.keyboard.press("Enter");
    await page.keyboard.type("ports: [{containerPort: 80}]", DELAY);
    await waitForStatus(page, /^The server would reject this request: 1 error\.$/);
    for (const name of ["kubectl patch", "JSON patch", "curl", "YAML"]) {
      await exportRegion.getByRole("tab", { name, exact: true }).click();
      const first = panel.locator("p").first();
      await first.filter({ hasText: /^The server would refuse this request: 1 error, refused by validation \(422 Invalid\)\./ }).waitFor();
    }
    await screenshot(page, "export-refused.png");
    await assertClean(page, problems);
    await context.close();
  });
});
