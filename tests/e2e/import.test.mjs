// The Import dialog: a runbook's command typed into `Command line` fills the composer with
// exactly the container it adds (made by the module loaded on demand), with Undo; kubectl's
// refusals are said in its words and what was typed stays; a file the command names gets a
// text area of its own; a share link carries the imported container; the Learn panel shows
// what each kubectl debug profile adds to the pod.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { SAMPLES, STATUS_OK, assertClean, editorDoc, newContext, open, screenshot, useSite, waitForDoc, waitForStatus } from "./harness.mjs";

useSite();

const pod = SAMPLES[0];
const dialog = (page) => page.getByRole("dialog", { name: "Import a command" });
const commandLine = (page) => dialog(page).getByRole("textbox", { name: "Command line", exact: true });

/** Opens the dialog and types `line` into `Command line` key by key, as a person does. */
async function typeCommand(page, line) {
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await commandLine(page).click();
  await page.keyboard.press("Control+a");
  await page.keyboard.press("Delete");
  await page.keyboard.type(line);
}

describe("import", () => {
  test("a runbook's kubectl debug fills the composer, is judged and exported, and Undo takes it back", async () => {
    const { page, problems } = await open();
    await waitForStatus(page, STATUS_OK);
    const before = await editorDoc(page, "Container YAML");
    const line = `kubectl debug -it ${pod.name} \\\n  --image=nicolaka/netshoot:v0.13 --target=${pod.firstContainer} \\\n  -c netdbg --profile=netadmin -- tcpdump -i any 'port 8080'`;
    await typeCommand(page, line);
    await dialog(page).getByRole("button", { name: "Import", exact: true }).click();
    await waitForDoc(page, "Container YAML", "name: netdbg");
    assert.equal(await dialog(page).count(), 0, "the dialog closes");
    const yaml = await editorDoc(page, "Container YAML");
    for (const part of ["- NET_ADMIN", "- NET_RAW", "image: nicolaka/netshoot:v0.13", `targetContainerName: ${pod.firstContainer}`, "- \"port 8080\"", "stdin: true", "tty: true"]) {
      assert.ok(yaml.includes(part), `${part} in\n${yaml}`);
    }
    assert.equal(await page.getByLabel("Name", { exact: true }).inputValue(), "netdbg");
    await waitForStatus(page, STATUS_OK);
    await page.getByText("Imported from kubectl debug.", { exact: false }).first().waitFor();
    const exportRegion = page.getByRole("region", { name: "Export" });
    await exportRegion.getByRole("tab", { name: "kubectl patch", exact: true }).click();
    await exportRegion.getByRole("tabpanel").getByRole("code").first().filter({ hasText: /"name":"netdbg"/ }).waitFor();
    await screenshot(page, "import-done.png");
    // Undo brings the container before back.
    await page.getByRole("button", { name: "Undo", exact: true }).click();
    await waitForDoc(page, "Container YAML", before.trim());
    assert.equal(await editorDoc(page, "Container YAML"), before);
    await assertClean(page, problems);
  });

  test("kubectl's refusal in its words, where it stands; what was typed stays", async () => {
    const { page, problems } = await open();
    const line = `kubectl debug ${pod.name} --image=busybox:1.36 -t`;
    await typeCommand(page, line);
    await dialog(page).getByRole("button", { name: "Import", exact: true }).click();
    const alert = dialog(page).getByRole("alert");
    await alert.filter({ hasText: "error: -i/--stdin is required for containers with -t/--tty=true" }).waitFor();
    assert.match(await alert.innerText(), /kubectl refuses this command before sending anything \(line 1, column \d+\)/);
    assert.equal(await commandLine(page).inputValue(), line, "the command line is kept");
    // A shell expansion is refused at its place, never guessed.
    await commandLine(page).click();
    await page.keyboard.press("Control+a");
    await page.keyboard.type("kubectl debug $POD --image=busybox");
    await dialog(page).getByRole("button", { name: "Import", exact: true }).click();
    await alert.filter({ hasText: /Line 1, column 15: the shell replaces \$POD/ }).waitFor();
    // A no-break space pasted from a page joins two words: kubectl's words, and where it is.
    await commandLine(page).click();
    await page.keyboard.press("Control+a");
    await page.keyboard.insertText("kubectl debug $POD --image=busybox\u00a0--target=app".replace("$POD", pod.name));
    await dialog(page).getByRole("button", { name: "Import", exact: true }).click();
    await alert.filter({ hasText: 'error: invalid image name "busybox\\u00a0--target=app": invalid reference format' }).waitFor();
    const column = `kubectl debug ${pod.name} --image=busybox`.length + 1;
    await alert.filter({ hasText: `The command line holds U+00A0 (a no-break space) at 1:${column}` }).waitFor();
    await screenshot(page, "import-no-break-space.png");
    await commandLine(page).click();
    await page.keyboard.press("Control+a");
    await page.keyboard.type("kubectl debug $POD --image=busybox");
    await dialog(page).getByRole("button", { name: "Import", exact: true }).click();
    await alert.filter({ hasText: /Line 1, column 15: the shell replaces \$POD/ }).waitFor();
    await screenshot(page, "import-refused.png");
    // Closing and opening again keeps the text; the composer was never touched.
    await dialog(page).getByRole("button", { name: "Close", exact: true }).click();
    await page.getByRole("button", { name: "Import", exact: true }).click();
    assert.equal(await commandLine(page).inputValue(), "kubectl debug $POD --image=busybox");
    await page.keyboard.press("Escape");
    assert.equal(await dialog(page).count(), 0);
    await assertClean(page, problems);
  });

  test("a --custom file the command names gets its own text area; the share link carries the import", async () => {
    const { page, context, problems } = await open();
    await typeCommand(page, `kubectl debug ${pod.name} --image=busybox:1.36 -c custom-dbg --profile=general --custom=extra.json`);
    await dialog(page).getByRole("button", { name: "Import", exact: true }).click();
    const file = dialog(page).getByRole("textbox", { name: "Contents of extra.json", exact: true });
    await file.click();
    await page.keyboard.type('{"workingDir": "/work", "env": [{"name": "MODE", "value": "debug"}]}');
    await dialog(page).getByRole("button", { name: "Import", exact: true }).click();
    await waitForDoc(page, "Container YAML", "workingDir: /work");
    const yaml = await editorDoc(page, "Container YAML");
    assert.ok(yaml.includes("name: custom-dbg") && yaml.includes("- SYS_PTRACE") && yaml.includes("value: debug"), yaml);
    // The share link holds the imported container.
    const share = page.getByRole("button", { name: "Share", exact: true });
    await share.click();
    const input = page.getByRole("textbox", { name: "Link", exact: true });
    await page.waitForFunction((el) => el.value.includes("#s="), await input.elementHandle());
    const link = await input.inputValue();
    await assertClean(page, problems);
    await context.close();
    const fresh = await newContext();
    const opened = await open({ context: fresh, path: link });
    await waitForDoc(opened.page, "Container YAML", "workingDir: /work");
    assert.equal(await editorDoc(opened.page, "Container YAML"), yaml);
    await assertClean(opened.page, opened.problems);
    await fresh.close();
  });

  test("the Learn panel shows what each kubectl debug profile adds to this pod", async () => {
    const { page, problems } = await open();
    const section = page.getByRole("region", { name: "Pod Security levels and kubectl debug profiles" });
    await section.getByRole("button", { name: "Show what each profile adds to this pod" }).click();
    const sysadmin = section.getByRole("figure", { name: "--profile=sysadmin" });
    await sysadmin.waitFor();
    assert.match(await sysadmin.innerText(), /kubectl debug [^\n]+ --profile=sysadmin[\s\S]*privileged: true/);
    const netadmin = await section.getByRole("figure", { name: "--profile=netadmin" }).innerText();
    assert.match(netadmin, new RegExp(`targetContainerName: ${pod.firstContainer}`));
    assert.match(netadmin, /- NET_ADMIN\n\s*- NET_RAW/);
    // kubectl 1.28 has no sysadmin, and its netadmin adds NET_ADMIN alone.
    await page.getByRole("region", { name: "Export" }).getByLabel("kubectl version").selectOption("1.28");
    await section.getByRole("heading", { name: /kubectl 1\.28/ }).waitFor();
    assert.doesNotMatch(await section.getByRole("figure", { name: "--profile=netadmin" }).innerText(), /NET_RAW/);
    assert.equal(await section.getByRole("figure", { name: "--profile=sysadmin" }).count(), 0);
    await assertClean(page, problems);
  });
});
