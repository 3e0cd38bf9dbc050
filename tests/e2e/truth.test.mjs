// What the page teaches is true for the versions chosen: the Learn text follows the Cluster
// panel's Kubernetes version and the Export panel's kubectl version, and a typo typed into the
// container is judged as the export in view sends it (refused by the forms that ask for
// fieldValidation=Strict, dropped with a warning by the others), each form saying what it does
// with it. All typed key by key.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { SHOTS, STATUS_OK, STATUS_BAD, assertClean, open, screenshot, useSite, waitForStatus } from "./harness.mjs";

useSite();

const DELAY = { delay: 15 };

/** The text of a Learn section, once its paragraphs are there. */
async function learnText(page, id, pattern) {
  const section = page.locator(`#learn-${id}`);
  await section.scrollIntoViewIfNeeded();
  await section.locator("p").first().waitFor();
  if (pattern) await section.filter({ hasText: pattern }).waitFor();
  return section.innerText();
}

describe("the truth for the versions chosen", () => {
  test("the Learn text follows the Kubernetes and kubectl versions", async () => {
    const { page, problems } = await open();
    await waitForStatus(page, STATUS_OK);
    let text = await learnText(page, "static-pods", /refuses every ephemeral container request/);
    assert.doesNotMatch(text, /never starts the container/);
    assert.match(await learnText(page, "pod-security"), /With kubectl 1\.37, .*general, the default, adds SYS_PTRACE/);

    // The static pod sample on 1.26: accepted, with H-12, and the Learn text says why.
    await page.getByRole("combobox", { name: "Sample pod" }).selectOption({ label: "Static (mirror) pod" });
    await waitForStatus(page, STATUS_BAD);
    await page.locator("details.cluster > summary").click();
    await page.getByRole("combobox", { name: "Kubernetes version" }).selectOption("1.26");
    await waitForStatus(page, STATUS_OK);
    assert.match(await page.getByRole("region", { name: "Diagnostics" }).innerText(), /Kubernetes 1\.26 accepts the request, but the container will never start/);
    text = await learnText(page, "static-pods", /Kubernetes 1\.26 accepts an ephemeral container request/);
    assert.match(text, /never starts the container/);
    assert.match(await learnText(page, "no-resources"), /Kubernetes 1\.26 has no resizePolicy field yet/);

    // kubectl 1.28: netadmin without NET_RAW, restricted complete, legacy the default.
    await page.getByRole("combobox", { name: "kubectl version" }).selectOption("28");
    text = await learnText(page, "pod-security", /With kubectl 1\.28,/);
    assert.match(text, /netadmin adds only NET_ADMIN/);
    assert.match(text, /legacy, the default, sets nothing/);
    assert.match(text, /There is no sysadmin before kubectl 1\.30/);
    assert.match(await learnText(page, "subresource"), /kubectl 1\.28 cannot send one you write with kubectl patch/);
    await page.locator("#learn-pod-security").scrollIntoViewIfNeeded();
    await screenshot(page, "learn-kubectl-1.28.png");
    await page.screenshot({ path: join(SHOTS, "learn-kubectl-1.28-view.png") });
    await assertClean(page, problems);
    await page.context().close();
  });

  test("a typo is dropped with a warning by kubectl patch, refused by curl, and each form says so", async () => {
    const { page, problems } = await open();
    await waitForStatus(page, STATUS_OK);
    await page.getByRole("textbox", { name: "Container YAML", exact: true }).click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type("imagePullPolcy: Always", DELAY);
    await page.keyboard.press("Enter");
    const verdict = page.getByRole("status", { name: "Verdict" });
    const exportRegion = page.getByRole("region", { name: "Export" });
    const panel = exportRegion.getByRole("tabpanel");

    // kubectl patch, the first tab: accepted, the field dropped, with kubectl's warning line.
    await waitForStatus(page, STATUS_OK);
    await verdict.filter({ hasText: /As the kubectl patch form sends it \(no fieldValidation: Warn\), the server accepts it with a warning for 1 unknown or repeated field, which is lost for good\./ }).waitFor();
    await panel.getByText(/^Not in this command: spec\.ephemeralContainers\[0\]\.imagePullPolcy, .*kubectl patch sends no fieldValidation/).waitFor();
    assert.doesNotMatch(await panel.locator("pre").first().innerText(), /imagePullPolcy/);
    await screenshot(page, "typo-kubectl-patch.png");

    // curl asks for Strict: the same text is refused, 400.
    await exportRegion.getByRole("tab", { name: "curl", exact: true }).click();
    await waitForStatus(page, "The server would reject this request: 1 error.");
    await verdict.filter({ hasText: /Refused by decoding \(400 Bad Request\)\./ }).waitFor();
    await verdict.filter({ hasText: /As the curl form sends it \(fieldValidation=Strict\), the server refuses the request for 1 unknown or repeated field\./ }).waitFor();
    await panel.getByText(/This form asks for fieldValidation=Strict: sent as written, the request would be refused with 400 BadRequest/).waitFor();
    await screenshot(page, "typo-curl.png");
    await page.screenshot({ path: join(SHOTS, "typo-curl-view.png") });

    // Back to kubectl patch: accepted again. Fixing the name ends it.
    await exportRegion.getByRole("tab", { name: "kubectl patch", exact: true }).click();
    await waitForStatus(page, STATUS_OK);
    await page.getByRole("textbox", { name: "Container YAML", exact: true }).click();
    await page.keyboard.press("Control+End");
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("End");
    for (let i = 0; i < "Polcy: Always".length; i++) await page.keyboard.press("Backspace");
    await page.keyboard.type("Policy: Always", DELAY);
    await waitForStatus(page, STATUS_OK);
    await page.waitForFunction(() => !document.querySelector('[aria-label="Verdict"] .verdict-typo'));
    assert.match(await panel.locator("pre").first().innerText(), /"imagePullPolicy":"Always"/);
    await assertClean(page, problems);
    await page.context().close();
  });
});
