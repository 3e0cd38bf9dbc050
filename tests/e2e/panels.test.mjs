// Truthful panels: what the page says about a draft is what is true of it. A refused request
// leaves the pod unchanged (and "What the pod will hold" says so, with the would-be entries
// dimmed); a field the draft leaves out is pointed at where it would be added, not on line 1;
// the static-pod refusal points at its annotation and reads "(whole pod)"; a name the pod has
// is one diagnostic, said beside the Name field too; an unclosed quote in Command is said
// beside the field and in the list; "Copy the target's mounts" names the path it mounts; the
// container being forever is one line beside the Copy buttons, not a hint. All typed key by key.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, SHOTS, STATUS_OK, assertClean, open, screenshot, useSite, waitForDoc, waitForStatus, waitForValue } from "./harness.mjs";

useSite();

const DELAY = { delay: 15 };
const FOREVER = /^Once added, an ephemeral container can never be changed or removed: the pod keeps it until the pod is deleted\.$/;

/** Types `text` at the end of the Container YAML, key by key. */
async function typeAtEnd(page, text) {
  await page.getByRole("textbox", { name: "Container YAML", exact: true }).click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(text, DELAY);
}

describe("truthful panels", () => {
  test("a refused request leaves the pod unchanged, and the would-be entries are dimmed and said so", async () => {
    const { page, context, problems } = await open({ viewport: { width: 1280, height: 720 } });
    await waitForStatus(page, STATUS_OK);
    const holds = page.getByRole("region", { name: "What the pod will hold" });
    await holds.getByText("lines marked + are new", { exact: false }).waitFor();
    assert.equal(await holds.getByText("the pod stays unchanged", { exact: false }).count(), 0);
    // The forever note is beside the Copy buttons, once; no hint says it.
    const exportRegion = page.getByRole("region", { name: "Export" });
    assert.equal(await exportRegion.getByText(FOREVER).count(), 1);
    assert.equal(await page.getByRole("region", { name: "Diagnostics" }).getByText("can never be removed", { exact: false }).count(), 0);

    await typeAtEnd(page, "ports: [{containerPort: 80}]");
    await waitForStatus(page, /^The server would reject this request: 1 error\.$/);
    await holds.getByText("The server refuses this request: the pod stays unchanged.", { exact: true }).waitFor();
    const would = holds.getByRole("heading", { name: "Not added: what the request would add if it were accepted" });
    await would.waitFor();
    const block = page.locator("pre[aria-labelledby=preview-would]");
    assert.match(await block.innerText(), /containerPort: 80/);
    assert.equal(await block.evaluate((el) => getComputedStyle(el).opacity < 1), true, "the would-be entries are dimmed");
    assert.equal(await holds.locator(".add").count(), 0, "nothing is marked as added");
    await holds.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, "panels-refused-holds-1280.png") });
    await screenshot(page, "panels-refused.png");
    await assertClean(page, problems);
    await context.close();
  });

  test("a field left out is pointed at where it would be added, not on line 1", async () => {
    const { page, context, problems } = await open();
    await waitForStatus(page, STATUS_OK);
    const target = page.getByRole("combobox", { name: "Target container" });
    await target.selectOption({ label: "(none: own process namespace)" });
    await waitForDoc(page, "Container YAML", /^(?![\s\S]*targetContainerName)/);
    const yaml = await page.evaluate(() => window.__editors["Container YAML"].getDoc());
    const lines = yaml.replace(/\n+$/, "").split("\n");
    const diagnostics = page.getByRole("region", { name: "Diagnostics" });
    const place = diagnostics.getByRole("button", { name: /spec\.ephemeralContainers\[0\]\.targetContainerName/ });
    await place.waitFor();
    assert.equal(await place.locator(".place").innerText(), `container ${lines.length}:${lines.at(-1).length + 1}`);
    // Not a squiggle on a word: a point past the end of the last line.
    await page.locator(".lint-point.lint-warning").first().waitFor();
    await screenshot(page, "panels-missing-field.png");
    await assertClean(page, problems);
    await context.close();
  });

  test("the static-pod refusal reads (whole pod) and points at its annotation", async () => {
    const { page, context, problems } = await open();
    await waitForStatus(page, STATUS_OK);
    await page.getByRole("combobox", { name: "Sample pod" }).selectOption({ label: "Static (mirror) pod" });
    await waitForValue(page.getByRole("combobox", { name: "Sample pod" }), "static-pod");
    await waitForStatus(page, /^The server would reject this request: 1 error\.$/);
    const pod = readFileSync(join(ROOT, "tests", "fixtures", "pods", "static-pod.yaml"), "utf8").split("\n");
    const line = pod.findIndex((l) => l.includes("kubernetes.io/config.mirror:")) + 1;
    const item = page.getByRole("region", { name: "Diagnostics" }).getByRole("button", { name: /\(whole pod\)/ });
    await item.waitFor();
    assert.equal(await item.locator(".place").innerText(), `pod ${line}:5`);
    await screenshot(page, "panels-static-pod.png");
    await assertClean(page, problems);
    await context.close();
  });

  test("a name the pod has is one diagnostic, said beside the Name field; an unclosed quote in Command too", async () => {
    const { page, context, problems } = await open({ viewport: { width: 375, height: 812 } });
    await waitForStatus(page, STATUS_OK);
    const name = page.getByRole("textbox", { name: "Name", exact: true });
    await name.click();
    await page.keyboard.press("Control+a");
    await page.keyboard.type("app", DELAY);
    await waitForStatus(page, /^The server would reject this request: 1 error\.$/);
    const diagnostics = page.getByRole("region", { name: "Diagnostics" });
    assert.equal(await diagnostics.getByRole("button", { name: /spec\.ephemeralContainers\[0\]\.name/ }).count(), 1, "one diagnostic for the name");
    assert.equal(await diagnostics.getByText("Use a fresh name such as debugger-", { exact: false }).count(), 1);
    const described = await name.evaluate((el) => document.getElementById(el.getAttribute("aria-describedby") ?? "")?.textContent);
    assert.equal(described, "Duplicate value: \"app\"");
    assert.equal(await name.getAttribute("aria-invalid"), "true");
    // Beside the field, the free name the diagnostic suggests, put in with one click.
    const help = await diagnostics.getByText("Use a fresh name such as debugger-", { exact: false }).innerText();
    const free = /such as (debugger-[a-z0-9]{5})\./.exec(help)?.[1];
    assert.ok(free, help);
    await page.getByRole("button", { name: `Use ${free}`, exact: true }).click();
    await waitForStatus(page, STATUS_OK);
    assert.equal(await name.inputValue(), free);
    await waitForDoc(page, "Container YAML", new RegExp(`^name: ${free}$`, "m"));
    await name.click();
    await page.keyboard.press("Control+a");
    await page.keyboard.type("app", DELAY);
    await waitForStatus(page, /^The server would reject this request: 1 error\.$/);

    const command = page.getByRole("textbox", { name: "Command", exact: true });
    await command.click();
    await page.keyboard.press("Control+a");
    await page.keyboard.type("sh -c 'ls", DELAY);
    const said = /^Not used yet: .*; the command stays as it was\.$/;
    await page.locator("#f-command-problem").filter({ hasText: said }).waitFor();
    await diagnostics.getByRole("heading", { name: "In the form (1)" }).waitFor();
    await diagnostics.getByText(said).waitFor();
    await diagnostics.getByRole("button", { name: "Command" }).click();
    assert.equal(await command.evaluate((el) => document.activeElement === el), true, "the list's entry leads to the field");
    await page.screenshot({ path: join(SHOTS, "panels-field-problems-375.png") });
    await page.keyboard.press("End");
    await page.keyboard.type("'", DELAY);
    await diagnostics.getByRole("heading", { name: /^In the form/ }).waitFor({ state: "detached" });
    await screenshot(page, "panels-field-problems.png");
    await assertClean(page, problems);
    await context.close();
  });

  test("Copy the target's mounts says where the whole volume went", async () => {
    const { page, context, problems } = await open();
    await waitForStatus(page, STATUS_OK);
    await page.getByRole("combobox", { name: "Sample pod" }).selectOption({ label: "Init containers and volumes (subPath)" });
    await waitForValue(page.getByRole("combobox", { name: "Sample pod" }), "init-and-volumes");
    await page.getByRole("button", { name: "Copy the target's mounts" }).click();
    const composer = page.getByRole("region", { name: "Ephemeral container" });
    const note = composer.getByText(/^nginx-config is mounted at \/etc\/nginx\/nginx\.conf with subPath "nginx\.conf"/);
    await note.waitFor();
    assert.match(await note.innerText(), /the whole volume is mounted at \/debug\/etc\/nginx\/nginx\.conf instead; what \S+ sees at \/etc\/nginx\/nginx\.conf is at \/debug\/etc\/nginx\/nginx\.conf\/nginx\.conf\.$/);
    await waitForDoc(page, "Container YAML", "mountPath: /debug/etc/nginx/nginx.conf");
    await screenshot(page, "panels-mounts.png");
    await assertClean(page, problems);
    await context.close();
  });
});
