// Links from the command line: the page makes, byte for byte, the link `ecplay share` makes
// for the same state (both are core's), and a link `ecplay share` made opens to exactly the
// state it was made for, in the full playground and in an embed.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  ROOT, assertClean, editorDoc, newContext, open, pasteIntoEditor, replaceEditorText, screenshot, siteUrl, useSite, waitForDoc, waitForStatus,
} from "./harness.mjs";

useSite();

const ECPLAY = process.env.ECPLAY ?? join(ROOT, "target", "debug", "ecplay");
const POD = join(ROOT, "tests", "fixtures", "pods", "init-and-volumes.yaml");
const CONTAINER = join(ROOT, "tests", "fixtures", "ephemeral", "shell-and-mount.yaml");

/** What `ecplay share` prints for the pod and container files, with `flags`. */
function cliShare(flags) {
  const r = spawnSync(ECPLAY, ["share", "--pod", POD, "--ephemeral", CONTAINER, "--base", siteUrl(), ...flags], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trimEnd();
}

function cliDecode(url) {
  const r = spawnSync(ECPLAY, ["share", "--decode", url, "--format", "json"], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

/** The Share panel's link and embed address, once made (the module that makes them loads first). */
async function sharePanel(page, { previous = "" } = {}) {
  const share = page.getByRole("button", { name: "Share", exact: true });
  if ((await share.getAttribute("aria-expanded")) !== "true") await share.click();
  const link = page.getByRole("textbox", { name: "Link", exact: true });
  await page.waitForFunction(([el, previous]) => el.value.includes("#s=") && el.value !== previous, [await link.elementHandle(), previous]);
  const embed = page.getByRole("textbox", { name: /^Embed address/ });
  return { link: await link.inputValue(), embed: await embed.inputValue() };
}

describe("links made on the command line", () => {
  test("the page makes the link ecplay share makes for the same state", async () => {
    const { page, context, problems } = await open();
    // The pod pasted, the container typed, the choices picked, as a person would.
    await pasteIntoEditor(page, "Pod YAML", readFileSync(POD, "utf8"));
    await replaceEditorText(page, "Container YAML", readFileSync(CONTAINER, "utf8"));
    await page.getByRole("combobox", { name: "Shell" }).selectOption("powershell");
    await page.getByRole("combobox", { name: "kubectl version" }).selectOption("30");
    await page.getByRole("tab", { name: "curl", exact: true }).click();
    await waitForDoc(page, "Container YAML", readFileSync(CONTAINER, "utf8").split("\n")[0]);
    await waitForStatus(page, /^The server would/);

    const flags = ["--shell", "powershell", "--kubectl-version", "1.30", "--tab", "curl"];
    const made = await sharePanel(page);
    assert.equal(made.link, cliShare(flags), "redacted, as by default");
    assert.equal(made.embed, cliShare([...flags, "--embed"]));
    assert.equal(await page.getByRole("checkbox", { name: /^Redact the pod/ }).isChecked(), true);
    await screenshot(page, "share-cli-identical.png");

    await page.getByRole("checkbox", { name: /^Redact the pod/ }).uncheck();
    const raw = await sharePanel(page, { previous: made.link });
    assert.equal(raw.link, cliShare([...flags, "--no-redact"]));
    assert.equal(cliDecode(raw.link).pod, readFileSync(POD, "utf8"));
    await assertClean(page, problems);
    await context.close();
  });

  test("a link made by ecplay share opens to exactly its state, and is made again the same", async () => {
    const link = cliShare(["--shell", "powershell", "--kubectl-version", "1.31", "--tab", "json-patch"]);
    const state = cliDecode(link);
    const context = await newContext();
    const { page, problems } = await open({ context, path: link });
    await page.getByRole("note").filter({ hasText: "Opened a shared playground." }).waitFor();
    assert.equal(await editorDoc(page, "Pod YAML"), state.pod);
    assert.equal(await editorDoc(page, "Container YAML"), state.container);
    assert.equal(await page.getByRole("combobox", { name: "Shell" }).inputValue(), "powershell");
    assert.equal(await page.getByRole("combobox", { name: "kubectl version" }).inputValue(), "31");
    await page.getByRole("tab", { name: "JSON patch", exact: true, selected: true }).waitFor();
    // The Share panel makes the very same link for what it opened (redacting again changes nothing).
    assert.equal((await sharePanel(page)).link, link);
    await assertClean(page, problems);
    await context.close();
  });

  test("an embed address made by ecplay share opens the state, and links to it in the full playground", async () => {
    const embedUrl = cliShare(["--embed", "--tab", "yaml"]);
    const context = await newContext();
    // An embed shows the container's YAML, not the pod's, unless asked.
    const { page, problems } = await open({ context, path: embedUrl, editors: 1 });
    await waitForDoc(page, "Container YAML", readFileSync(CONTAINER, "utf8").trimEnd());
    await page.getByRole("tab", { name: "YAML", exact: true, selected: true }).waitFor();
    // Its link to the full playground is made when pointed at: the link ecplay share makes.
    const full = page.getByRole("link", { name: "Open in full playground" });
    await full.hover();
    await page.waitForFunction((el) => el.href.includes("#s="), await full.elementHandle());
    assert.equal(await full.getAttribute("href"), cliShare(["--tab", "yaml"]));
    await assertClean(page, problems);
    await context.close();
  });
});
