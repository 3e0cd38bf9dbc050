// First run: three steps above the playground (pick or paste a pod · edit the debugger ·
// copy a command), each leading to its control; dismissed once, they stay hidden after a
// reload; where storage is refused they hide for the visit and nothing fails. The composer
// stays on the first screen at 1280×720 with the steps shown.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { SHOTS, STATUS_OK, assertClean, newContext, open, screenshot, useSite, waitForStatus } from "./harness.mjs";

useSite();

const STEPS = ["Pick or paste a pod", "Edit the debugger", "Copy a command"];

/** The steps' region, and its buttons in order. */
async function steps(page) {
  const region = page.getByRole("region", { name: "First steps" });
  await region.waitFor();
  const items = await region.getByRole("listitem").allInnerTexts();
  return { region, items };
}

const focusedId = (page) => page.evaluate(() => document.activeElement?.id ?? "");

describe("first run", () => {
  for (const [width, height] of [[1280, 720], [375, 812]]) {
    test(`at ${width}×${height}: three steps that lead to their controls, dismissed for good`, async () => {
      const context = await newContext({ viewport: { width, height } });
      const { page, problems } = await open({ context });
      await waitForStatus(page, STATUS_OK);
      const { region, items } = await steps(page);
      assert.deepEqual(items.map((t) => t.split(" (")[0].trim()), STEPS);
      await page.screenshot({ path: join(SHOTS, `first-run-${width}.png`) });
      if (width === 1280) {
        const name = await page.getByRole("textbox", { name: "Name", exact: true }).boundingBox();
        assert.ok(name.y + name.height <= height, `the Name field is at ${name.y} px, below the first screen`);
      }
      await region.getByRole("button", { name: STEPS[0] }).click();
      assert.equal(await focusedId(page), "sample");
      await region.getByRole("button", { name: STEPS[1] }).click();
      assert.equal(await focusedId(page), "f-name");
      await region.getByRole("button", { name: STEPS[2] }).click();
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("role")), "tab");
      // Typing goes on as usual with the steps there.
      await page.getByRole("textbox", { name: "Name", exact: true }).click();
      await page.keyboard.type("-x", { delay: 15 });
      await waitForStatus(page, STATUS_OK);

      await region.getByRole("button", { name: "Got it, hide these steps" }).click();
      await region.waitFor({ state: "detached" });
      assert.equal(await page.evaluate(() => localStorage.getItem("ecplay.first-run.v1")), "dismissed", "the dismissal is kept");
      await page.reload();
      await waitForStatus(page, STATUS_OK);
      assert.equal(await page.getByRole("region", { name: "First steps" }).count(), 0, "dismissed once, gone after a reload");
      if (width === 1280) await screenshot(page, "first-run-dismissed.png");
      await assertClean(page, problems);
      await context.close();
    });
  }

  test("where storage is refused the steps hide for the visit, and nothing fails", async () => {
    const context = await newContext();
    await context.addInitScript(() => {
      Object.defineProperty(window, "localStorage", {
        configurable: true,
        get() {
          throw new DOMException("Access is denied for this document.", "SecurityError");
        },
      });
    });
    const { page, problems } = await open({ context });
    await waitForStatus(page, STATUS_OK);
    const { region } = await steps(page);
    await region.getByRole("button", { name: "Got it, hide these steps" }).click();
    await region.waitFor({ state: "detached" });
    await page.reload();
    await steps(page);
    await assertClean(page, problems);
    await context.close();
  });

  test("an embed never shows them", async () => {
    const { page, problems, context } = await open({ path: "?embed=1", editors: 0 });
    await waitForStatus(page, STATUS_OK);
    assert.equal(await page.getByRole("region", { name: "First steps" }).count(), 0);
    await assertClean(page, problems);
    await context.close();
  });
});
