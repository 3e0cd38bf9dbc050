// Every sample pod of the `Sample pod` select loads, and a container can be composed for it
// with the form; the static pod is refused and two samples carry their run-time warnings.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { SAMPLES, STATUS_OK, assertClean, editorCursor, open, screenshot, useSite, waitForDoc, waitForStatus, waitForValue } from "./harness.mjs";

useSite();

const STATIC = "Forbidden: static pods do not support ephemeral containers";

/** The Diagnostics entry at `field` (its button's name starts with the field path) that says `message`. */
function diagnostic(page, field, message) {
  const region = page.getByRole("region", { name: "Diagnostics" });
  return region.getByRole("listitem").filter({ has: page.getByRole("button", { name: field + " " }) }).filter({ hasText: message });
}

describe("the sample pods", () => {
  test("the select offers the nine samples and a pasted pod", async () => {
    const { page, context, problems } = await open();
    const options = await page.getByRole("combobox", { name: "Sample pod" }).getByRole("option").allInnerTexts();
    assert.deepEqual(options, [...SAMPLES.map((s) => s.title), "Paste your own pod"]);
    await assertClean(page, problems);
    await context.close();
  });

  test("each sample loads, and a container composed with the form is judged", async (t) => {
    const { page, context, problems } = await open();
    const sample = page.getByRole("combobox", { name: "Sample pod" });
    const name = page.getByRole("textbox", { name: "Name", exact: true });
    const target = page.getByRole("combobox", { name: "Target container" });
    for (const [i, s] of SAMPLES.entries()) {
      await t.test(s.title, async () => {
        await sample.selectOption({ label: s.title });
        // The pod editor holds the pod, and shows its name on the name's line.
        await waitForDoc(page, "Pod YAML", `\n  name: ${s.name}\n`);
        await page.evaluate((line) => window.__editors["Pod YAML"].focusAt(line, 1), s.nameLine);
        await editorCursor(page, "Pod YAML", { line: `  name: ${s.name}` });

        // A target the previous pod had and this one lacks became this pod's first container.
        await waitForValue(target, s.firstContainer);
        // Compose: a name, the first container as the target (chosen again, on purpose).
        await name.fill(`debug-${i}`);
        await target.selectOption({ label: s.firstContainer });
        await waitForDoc(page, "Container YAML", new RegExp(`^name: debug-${i}$[\\s\\S]*^targetContainerName: ${s.firstContainer}$`, "m"));

        if (s.id === "static-pod") {
          await waitForStatus(page, "The server would reject this request: 1 error.");
          await diagnostic(page, "(whole pod)", STATIC).waitFor();
        } else {
          await waitForStatus(page, STATUS_OK);
        }
        if (s.id === "windows-pod") {
          await diagnostic(page, "spec.os.name", "a Windows pod: the debugger must be a Windows image").waitFor();
        }
        if (s.id === "completed-job") {
          await diagnostic(page, "status.phase", "the pod has phase Succeeded: the container will never start").waitFor();
        }
        // Whatever the pod, the export names it.
        await page.getByRole("region", { name: "Export" }).getByRole("tabpanel").filter({ hasText: `kubectl patch pod ${s.name} ` }).waitFor();
      });
    }
    await assertClean(page, problems);
    await context.close();
  });

  test("the static pod is refused: static pods do not support ephemeral containers", async () => {
    for (const width of [1366, 375]) {
      const { page, context, problems } = await open({ viewport: { width, height: 900 } });
      await page.getByRole("combobox", { name: "Sample pod" }).selectOption({ label: "Static (mirror) pod" });
      await waitForStatus(page, "The server would reject this request: 1 error.");
      const region = page.getByRole("region", { name: "Diagnostics" });
      // kubectl's one-line summary (its field `[]`, the whole object), then the entry, which
      // reads "(whole pod)".
      await region.getByText('The Pod "kube-apiserver-node-1" is invalid: []: Forbidden: static pods do not support ephemeral containers', { exact: true }).waitFor();
      await diagnostic(page, "(whole pod)", STATIC).waitFor();
      const button = region.getByRole("button", { name: /^\(whole pod\) / });
      assert.equal(await button.count(), 1);
      await screenshot(page, `static-pod-${width}.png`);
      await assertClean(page, problems);
      await context.close();
    }
  });
  test("a sample is fetched when first picked, and one that cannot be says why and leaves the pod as it was", async () => {
    const { page, context } = await open();
    const sample = page.getByRole("combobox", { name: "Sample pod" });
    const fetched = () => page.evaluate(() => performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname).filter((p) => p.includes("/samples/")));
    // The first sample is built in: loading the page fetched none.
    assert.deepEqual(await fetched(), []);
    const windows = SAMPLES.find((s) => s.id === "windows-pod");
    await sample.selectOption({ label: windows.title });
    await waitForDoc(page, "Pod YAML", `\n  name: ${windows.name}\n`);
    await sample.selectOption({ label: SAMPLES[0].title });
    await waitForDoc(page, "Pod YAML", `\n  name: ${SAMPLES[0].name}\n`);
    await sample.selectOption({ label: windows.title });
    await waitForDoc(page, "Pod YAML", `\n  name: ${windows.name}\n`);
    assert.deepEqual(await fetched(), ["/samples/windows-pod.yaml"], "fetched once");

    // Not there, then not the sample the app was built with.
    await page.route("**/samples/static-pod.yaml", (route) => route.fulfill({ status: 404, body: "gone" }));
    await page.route("**/samples/run-as-non-root.yaml", (route) => route.fulfill({ status: 200, body: "apiVersion: v1\nkind: Pod\n" }));
    const alert = page.getByRole("alert");
    await sample.selectOption({ label: "Static (mirror) pod" });
    await alert.filter({ hasText: /^The sample “Static \(mirror\) pod” could not be loaded: the server answered 404\b/ }).waitFor();
    await waitForValue(sample, "windows-pod");
    await sample.selectOption({ label: "Requires runAsNonRoot" });
    await alert.filter({ hasText: "The sample “Requires runAsNonRoot” could not be loaded: the server has another version of it (reload the page)." }).waitFor();
    await waitForValue(sample, "windows-pod");
    await waitForDoc(page, "Pod YAML", `\n  name: ${windows.name}\n`);
    await waitForStatus(page, STATUS_OK);
    await context.close();
  });
});
