// The container's two faces: the form and the Container YAML editor follow each other, the
// server's verdict follows both, and a diagnostic leads to its line.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  STATUS_OK, appendEditorText, assertClean, editorCursor, editorDoc, open, pasteIntoEditor, replaceEditorText, screenshot, useSite,
  waitForDoc, waitForStatus, waitForValue, withAnnotations,
} from "./harness.mjs";

useSite();

const PORTS = "spec.ephemeralContainers[0].ports";
const FORBIDDEN = "Forbidden: cannot be set for an Ephemeral Container";

/** The lint marks of one severity in an editor: the text each covers and the text of its line. */
function lintMarks(page, label, severity) {
  return page.getByRole("textbox", { name: label, exact: true }).evaluate((area, severity) =>
    // The layer under the text area draws each diagnostic's range as a mark of this class.
    [...area.closest(".ed").querySelectorAll(`.ed-line .lint-${severity}`)].map((mark) => ({
      text: mark.textContent,
      line: mark.closest(".ed-line").textContent,
    })), severity);
}

describe("editing the container", () => {
  test("a forbidden field typed in the YAML: the server's message at its field, a marker on its line, a click leads there", async () => {
    const { page, context, problems } = await open();
    await waitForStatus(page, STATUS_OK);
    assert.deepEqual(await lintMarks(page, "Container YAML", "error"), []);

    await appendEditorText(page, "Container YAML", "ports:\n- containerPort: 80\n");
    await waitForStatus(page, "The server would reject this request: 1 error.");
    const doc = await editorDoc(page, "Container YAML");
    const line = doc.split("\n").indexOf("ports:") + 1;
    assert.ok(line > 0, doc);

    const region = page.getByRole("region", { name: "Diagnostics" });
    // kubectl's summary, then the entry: the field path (and where it is), the server's message.
    await region.getByText(`: ${PORTS}: ${FORBIDDEN}`).waitFor();
    const locate = region.getByRole("button", { name: `${PORTS} container ${line}:1`, exact: true });
    const button = page.getByRole("button", { name: `${PORTS} container ${line}:1`, exact: true });
    await region.getByRole("listitem").filter({ has: button }).filter({ hasText: FORBIDDEN }).waitFor();

    // One error marker in the editor, on "ports" in the line of `ports:`.
    const content = await page.getByRole("textbox", { name: "Container YAML", exact: true }).elementHandle();
    await page.waitForFunction((area) => area.closest(".ed").querySelector(".lint-error"), content);
    assert.deepEqual(await lintMarks(page, "Container YAML", "error"), [{ text: "ports", line: "ports:" }]);
    await screenshot(page, "forbidden-ports-1366.png");

    // The cursor is elsewhere; the diagnostic brings it to the start of `ports:`.
    await page.getByRole("textbox", { name: "Name", exact: true }).focus();
    await locate.click();
    await editorCursor(page, "Container YAML", { focused: true, line: "ports:", column: 1 });
    // The keyboard now works there: select the two lines of `ports`, delete them.
    await page.keyboard.press("Shift+ArrowDown");
    await page.keyboard.press("Shift+ArrowDown");
    await page.keyboard.press("Delete");
    await waitForStatus(page, STATUS_OK);
    assert.equal(await editorDoc(page, "Container YAML"), doc.replace("ports:\n- containerPort: 80\n", ""));
    await page.waitForFunction((area) => !area.closest(".ed").querySelector(".lint-error"), content);
    await assertClean(page, problems);
    await context.close();
  });

  test("form and YAML follow each other; YAML that does not parse leaves the form as it was", async () => {
    const { page, context, problems } = await open();
    const yaml = page.getByRole("textbox", { name: "Container YAML", exact: true });
    const name = page.getByRole("textbox", { name: "Name", exact: true });
    const image = page.getByRole("combobox", { name: "Image", exact: true });

    // Form → YAML, keystroke by keystroke.
    await image.fill("");
    await image.pressSequentially("alpine:3.20");
    await waitForDoc(page, "Container YAML", /^image: alpine:3\.20$/m);
    // What the eye sees: the coloured layer under the text area.
    await yaml.locator("xpath=..").locator(".ed-lines", { hasText: "image: alpine:3.20" }).waitFor();
    await page.getByRole("checkbox", { name: "TTY" }).uncheck();
    await waitForDoc(page, "Container YAML", /^(?![\s\S]*(?:^|\n)tty:)/);
    await page.getByRole("combobox", { name: "Image pull policy" }).selectOption("Always");
    await waitForDoc(page, "Container YAML", /^imagePullPolicy: Always$/m);

    // YAML → form: retype the value of `name:` on its line.
    const lines = (await editorDoc(page, "Container YAML")).split("\n");
    const nameLine = lines.findIndex((l) => l.startsWith("name: ")) + 1;
    await page.evaluate((line) => window.__editors["Container YAML"].focusAt(line, 7), nameLine);
    await page.keyboard.press("Shift+End");
    await page.keyboard.insertText("from-yaml");
    await waitForValue(name, "from-yaml");
    await waitForValue(image, "alpine:3.20");
    await waitForStatus(page, STATUS_OK);
    // The pull policy typed in the YAML shows in the form even after one was picked by hand.
    await page.evaluate((line) => window.__editors["Container YAML"].focusAt(line, 18), lines.findIndex((l) => l.startsWith("imagePullPolicy:")) + 1);
    await page.keyboard.press("Shift+End");
    await page.keyboard.insertText("Never");
    await waitForValue(page.getByRole("combobox", { name: "Image pull policy" }), "Never");

    // YAML that does not parse: the form keeps its values and says where the YAML broke.
    await replaceEditorText(page, "Container YAML", "name: broken\nimage: [oops\n");
    const problem = page.getByText(/^The form waits for YAML it can read: line 3, column 1: /);
    await problem.waitFor();
    await waitForStatus(page, "The server would reject this request: 1 error.");
    await page.getByRole("region", { name: "Diagnostics" }).getByRole("button", { name: /container 3:1$/ }).waitFor();
    assert.equal(await name.inputValue(), "from-yaml");
    assert.equal(await image.inputValue(), "alpine:3.20");
    await screenshot(page, "unparsable-yaml-1366.png");

    // Mended, the YAML drives the form again.
    await replaceEditorText(page, "Container YAML", "name: mended\nimage: busybox:1.36\n");
    await problem.waitFor({ state: "detached" });
    await waitForValue(name, "mended");
    await waitForValue(image, "busybox:1.36");
    await waitForStatus(page, STATUS_OK);
    await assertClean(page, problems);
    await context.close();
  });

  test("a long pod: the editor draws only the lines in view, and a diagnostic far down is reached and marked", async () => {
    const { page, context, problems } = await open();
    await waitForStatus(page, STATUS_OK);
    // 4000 annotations make a pod of 4000+ lines; an unknown field on its last line.
    const long = withAnnotations(await editorDoc(page, "Pod YAML"), 4000).trimEnd() + "\nbogusField: 1\n";
    const lastLine = long.split("\n").length - 1;
    await pasteIntoEditor(page, "Pod YAML", long);
    const diagnostic = page.getByRole("region", { name: "Diagnostics" }).getByRole("button", { name: `bogusField pod ${lastLine}:1` });
    await diagnostic.waitFor();

    const drawn = () => page.getByRole("textbox", { name: "Pod YAML", exact: true }).evaluate((el) => {
      const ed = el.closest(".ed");
      return { lines: ed.querySelectorAll(".ed-line").length, numbers: [...ed.querySelectorAll(".ed-number")].map((n) => Number(n.textContent)) };
    });
    const top = await drawn();
    assert.ok(top.lines < 80, `${top.lines} lines drawn for ${lastLine}`);
    assert.deepEqual(top.numbers, top.numbers.map((_, i) => top.numbers[0] + i), "one run of line numbers, beside the lines");

    // The diagnostic's button leads to its line: drawn, marked, its number flagged, its message shown.
    await diagnostic.click();
    await editorCursor(page, "Pod YAML", { focused: true, line: "bogusField: 1", column: 1 });
    const bottom = await drawn();
    assert.ok(bottom.lines < 80 && bottom.numbers.includes(lastLine), JSON.stringify(bottom));
    const mark = await page.getByRole("textbox", { name: "Pod YAML", exact: true }).evaluate((el) => {
      const ed = el.closest(".ed");
      const m = ed.querySelector(".ed-line .lint-warning");
      return { text: m?.textContent, flagged: ed.querySelector(".ed-number.has-warning")?.textContent };
    });
    assert.deepEqual(mark, { text: "bogusField", flagged: String(lastLine) });
    await page.locator(".ed-message").filter({ hasText: /^warning: unknown field "bogusField"/ }).waitFor();

    // Typing there goes on as usual.
    await page.keyboard.press("End");
    await page.keyboard.insertText("2");
    await waitForDoc(page, "Pod YAML", /\nbogusField: 12\n$/);
    await screenshot(page, "long-pod-1366.png");
    await assertClean(page, problems);
    await context.close();
  });

  test("Enter in the YAML keeps the indentation, one step deeper after a key that opens a block; Backspace goes back a step", async () => {
    const { page, context, problems } = await open();
    await waitForStatus(page, STATUS_OK);
    await page.getByRole("textbox", { name: "Container YAML", exact: true }).click();
    await page.keyboard.press("Control+End");
    for (const line of ["securityContext:", "capabilities:", "add:", "- SYS_PTRACE"]) {
      await page.keyboard.type(line);
      if (line !== "- SYS_PTRACE") await page.keyboard.press("Enter");
    }
    await waitForDoc(page, "Container YAML", /\nsecurityContext:\n  capabilities:\n    add:\n      - SYS_PTRACE$/);
    await waitForStatus(page, STATUS_OK);
    // Backspace in the indentation goes back a step at a time: to the level of `capabilities`.
    await page.keyboard.press("Enter");
    for (let i = 0; i < 3; i++) await page.keyboard.press("Backspace");
    await page.keyboard.type("privileged: false");
    await waitForDoc(page, "Container YAML", /\n      - SYS_PTRACE\n  privileged: false$/);
    await waitForStatus(page, STATUS_OK);
    await assertClean(page, problems);
    await context.close();
  });
});
