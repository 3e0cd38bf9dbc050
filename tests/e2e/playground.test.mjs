// The playground in headless Chromium: the built site (dist/, `make build-site`) served on
// 127.0.0.1, driven by playwright-core. Run with `make test-e2e` (or `node --test tests/e2e/`
// after `make build-site`). Elements are found by role and label; waits are for conditions.
// The other files: samples (every sample pod), editing (form, YAML, diagnostics, markers),
// export (Copy, the CLI's output, the keyboard). Screenshots go to target/screenshots/.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  SHOTS, STATUS_OK, appendEditorText, assertClean, open, screenshot, sidewaysScroll, useSite, waitForStatus,
} from "./harness.mjs";

useSite();

const CONTRACT = {
  // The controls of the accessibility contract, by role.
  combobox: ["Sample pod", "Image", "Target container", "Image pull policy", "Security profile"],
  textbox: ["Pod YAML", "Name", "Command", "Arguments", "Container YAML"],
  checkbox: ["Interactive (stdin)", "TTY"],
  region: ["Diagnostics", "Export"],
  tab: ["kubectl patch", "kubectl debug", "JSON patch", "kubectl replace --raw", "curl", "YAML", "Follow-ups"],
};

describe("the playground", () => {
  test("loads with every named control, accepts its first draft, and fits 1366 and 375 px", async () => {
    for (const width of [1366, 375]) {
      const { page, context, problems } = await open({ viewport: { width, height: width > 600 ? 900 : 812 } });
      await page.getByRole("heading", { level: 1, name: "ecplay" }).waitFor({ state: "visible" });
      for (const [role, names] of Object.entries(CONTRACT)) {
        for (const name of names) {
          assert.equal(await page.getByRole(role, { name, exact: true }).count(), 1, `one ${role} named ${JSON.stringify(name)}`);
        }
      }
      await waitForStatus(page, STATUS_OK);
      await screenshot(page, `playground-${width}.png`);
      assert.ok((await sidewaysScroll(page)) <= 0, `the page scrolls sideways by ${await sidewaysScroll(page)}px at ${width}px`);
      await assertClean(page, problems);
      await context.close();
    }
  });

  test("at 375 px nothing scrolls the page sideways: every export tab, long diagnostics, every sample", async () => {
    const { page, context, problems } = await open({ viewport: { width: 375, height: 812 } });
    const fits = async (what) => assert.ok((await sidewaysScroll(page)) <= 0, `${what}: the page scrolls sideways by ${await sidewaysScroll(page)}px`);
    const region = page.getByRole("region", { name: "Export" });
    for (const name of CONTRACT.tab) {
      await region.getByRole("tab", { name, exact: true }).click();
      await region.getByRole("tab", { name, exact: true, selected: true }).waitFor();
      await fits(`the ${name} tab`);
    }
    await region.getByRole("tab", { name: "kubectl patch", exact: true }).click();
    await appendEditorText(page, "Container YAML", "ports:\n- containerPort: 80\nvolumeMounts:\n- name: no-such-volume-with-a-rather-long-name\n  mountPath: /a/very/long/path/that/goes/on/and/on/and/on\n");
    await waitForStatus(page, /^The server would reject this request: \d+ errors?\.$/);
    await fits("long diagnostics");
    await screenshot(page, "diagnostics-375.png");
    const samples = await page.getByRole("combobox", { name: "Sample pod" }).getByRole("option").allInnerTexts();
    for (const label of samples.slice(0, -1)) {
      await page.getByRole("combobox", { name: "Sample pod" }).selectOption({ label });
      await page.getByRole("combobox", { name: "Sample pod" }).filter({ has: page.getByRole("option", { name: label, exact: true, selected: true }) }).waitFor();
      await fits(`the sample ${label}`);
    }
    await assertClean(page, problems);
    await context.close();
  });

  test("the editor bridge: setDoc is silent, getDoc, setDiagnostics, focusAt", async () => {
    const { page, context, problems } = await open();
    const result = await page.evaluate(() => {
      const parent = document.createElement("div");
      document.body.append(parent);
      const changes = [];
      const h = window.ecplayEditor.create(parent, { doc: "a: 1\n", label: "Bridge test", onChange: (t) => changes.push(t) });
      h.setDoc("a: 1\nb: [2\n");
      const doc = h.getDoc();
      h.setDiagnostics([
        { line: 2, column: 4, severity: "error", message: "broken" },
        { line: 99, column: 99, severity: "warning", message: "clamped" },
      ]);
      h.focusAt(2, 1);
      // Colours: a block scalar's lines are text, not keys, until the indentation drops back.
      const coloured = document.createElement("div");
      document.body.append(coloured);
      const c = window.ecplayEditor.create(coloured, { doc: "a: |\n  text: not a key\n\n  more\nb: 1 # note\n", label: "Colours" });
      const colours = [...coloured.querySelectorAll(".ed-line")].map((l) => [...l.querySelectorAll("span")].map((s) => `${s.className}:${s.textContent}`));
      c.destroy();
      coloured.remove();
      const area = parent.querySelector("textarea");
      const marks = [...parent.querySelectorAll(".lint")].map((m) => [m.className, m.textContent]);
      const out = { changes, doc, label: area.getAttribute("aria-label"), focused: document.activeElement === area, marks, message: parent.querySelector(".ed-message").textContent, colours,
        described: document.getElementById(area.getAttribute("aria-describedby"))?.textContent };
      h.destroy();
      parent.remove();
      return out;
    });
    // The error at line 2, column 4 covers one character (no word starts there); the warning beyond the end of the text
    // falls on its last line. The cursor's line shows its message under the editor.
    assert.deepEqual(result, {
      changes: [], doc: "a: 1\nb: [2\n", label: "Bridge test", focused: true,
      marks: [["lint lint-error", "["]], message: "error: broken",
      colours: [["t-key:a", "t-meta:|"], ["t-str:  text: not a key"], [], ["t-str:  more"], ["t-key:b", "t-num:1", "t-com:# note"], []],
      described: "error: broken",
    });
    await assertClean(page, problems);
    await context.close();
  });

  test("a panic in the app shows a visible banner, not a dead page", async () => {
    const { page, context, problems } = await open();
    // As a user's click would: from an event, with nobody to catch what the module throws.
    await page.evaluate(async () => {
      const app = await import("/pkg/ecplay_web.js"); // the instance the page started
      setTimeout(() => app.__panicForTests());
    });
    const banner = page.getByRole("alert");
    await banner.filter({ hasText: "ecplay stopped because of a bug. Reload the page to start again." }).waitFor({ state: "visible" });
    // The release build's panics abort without a message (Makefile): the trap, and where it
    // happened in the build, are what the banner can say.
    assert.match(await banner.innerText(), /RuntimeError: unreachable[\s\S]*wasm-function\[\d+\]/);
    await page.screenshot({ path: join(SHOTS, "panic-1366.png") });
    // The trap is the one error the page reports.
    assert.deepEqual(problems.pageErrors.map((e) => e.split("\n")[0]), ["RuntimeError: unreachable"]);
    problems.pageErrors = [];
    await assertClean(page, problems);
    await context.close();
  });
});
