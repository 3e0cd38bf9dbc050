// Your own pod first: "Paste your own" starts neutral and says the one command to run; a real
// dump pasted (multi-container, managedFields, a native sidecar, the default-container
// annotation) is judged at once against the container it points at; a file dropped or opened
// is read as kubectl reads one (UTF-16 with a byte order mark, UTF-8 with one), and empty
// documents (`...`, a trailing `---`) are skipped while a real second document is refused
// where it starts.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, STATUS_OK, assertClean, editorDoc, open, screenshot, useSite, waitForDoc, waitForStatus, waitForValue } from "./harness.mjs";

useSite();

const DUMP = readFileSync(join(ROOT, "tests", "fixtures", "pods", "default-container.yaml"), "utf8");
const GET_POD = "kubectl get pod NAME -n NAMESPACE -o yaml";

/** `text` as Windows PowerShell 5.1's `>` writes it: UTF-16 LE with a byte order mark, CRLF. */
const powershellFile = (text) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/\n/g, "\r\n"), "utf16le")]);

/** Pastes `text` into the editor labelled `label` through the clipboard, over what it holds. */
async function pasteWithKeyboard(page, label, text) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.getByRole("textbox", { name: label, exact: true }).click();
  await page.keyboard.press("Control+a");
  await page.keyboard.press("Control+v");
}

describe("your own pod", () => {
  test("Paste your own starts neutral, and a pasted dump is judged against the container it points at", async () => {
    const { page, context, problems } = await open({ clipboard: true });
    await waitForStatus(page, STATUS_OK);
    await page.getByLabel("Sample pod").selectOption({ label: "Paste your own pod" });
    const status = page.getByRole("status");
    await status.filter({ hasText: `Waiting for your pod: paste what ${GET_POD} prints.` }).waitFor();
    assert.equal(await page.getByRole("alert").count(), 0, "nothing is wrong yet");
    assert.match(await page.getByRole("region", { name: "Diagnostics" }).innerText(), /shows here once the pod is in/);
    await page.getByText(`Run ${GET_POD} and paste what it prints below`).waitFor();
    await screenshot(page, "your-pod-empty.png");

    await pasteWithKeyboard(page, "Pod YAML", DUMP);
    await waitForStatus(page, STATUS_OK);
    await waitForValue(page.getByLabel("Target container"), "wiki");
    await waitForDoc(page, "Container YAML", /^targetContainerName: wiki$/m);
    assert.equal(await editorDoc(page, "Pod YAML"), DUMP);
    const diagnostics = await page.getByRole("region", { name: "Diagnostics" }).innerText();
    assert.doesNotMatch(diagnostics, /Not found/);
    await screenshot(page, "your-pod-pasted.png");
    await assertClean(page, problems);
    await context.close();
  });

  test("a pod file from Windows PowerShell, dropped or opened, is read; empty documents are skipped", async () => {
    const { page, context, problems } = await open();
    await waitForStatus(page, STATUS_OK);
    // Opened with the file chooser.
    await page.getByLabel("Open a pod file").setInputFiles({ name: "pod.yaml", mimeType: "text/yaml", buffer: powershellFile(DUMP) });
    await waitForDoc(page, "Pod YAML", "kubectl.kubernetes.io/default-container: wiki");
    await waitForStatus(page, STATUS_OK);
    await waitForValue(page.getByLabel("Target container"), "wiki");
    assert.equal(await editorDoc(page, "Pod YAML"), DUMP.replace(/\n/g, "\r\n").replace(/\r\n/g, "\n"), "a text area holds line ends as \\n");

    // Dropped on the pod editor: a dump ending with `...` and a trailing `---`.
    const drop = async (bytes, name) => {
      const area = page.getByRole("textbox", { name: "Pod YAML", exact: true });
      const transfer = await page.evaluateHandle(([bytes, name]) => {
        const t = new DataTransfer();
        t.items.add(new File([new Uint8Array(bytes)], name, { type: "text/yaml" }));
        return t;
      }, [[...bytes], name]);
      await area.dispatchEvent("dragover", { dataTransfer: transfer });
      await area.dispatchEvent("drop", { dataTransfer: transfer });
    };
    const other = DUMP.replace("kubectl.kubernetes.io/default-container: wiki", "kubectl.kubernetes.io/default-container: nginx");
    await drop(Buffer.from(`\ufeff${other}...\n---\n`), "with-end-markers.yaml");
    await waitForDoc(page, "Pod YAML", "default-container: nginx");
    await waitForStatus(page, STATUS_OK);
    await drop(powershellFile(`${other}---\n`), "utf16.yaml");
    await waitForStatus(page, STATUS_OK);

    // A real second document is refused where it starts.
    await drop(Buffer.from(`${other}---\n${other}`), "two.yaml");
    await waitForStatus(page, "The server would reject this request: 1 error.");
    const line = other.split("\n").length;
    await page.getByRole("region", { name: "Diagnostics" }).getByText("a second document starts here: ecplay reads one at a time", { exact: true }).waitFor();
    await page.getByRole("region", { name: "Diagnostics" }).getByRole("button", { name: `(the pod's text) pod ${line}:1` }).waitFor();
    // A file that is not text says so, and changes nothing.
    await drop(Buffer.from([0x61, 0x3a, 0x20, 0xff, 0x0a]), "binary.yaml");
    await page.getByRole("alert").filter({ hasText: "binary.yaml: not UTF-8 text (byte 3)" }).waitFor();
    await screenshot(page, "your-pod-file.png");
    await assertClean(page, problems);
    await context.close();
  });
});
