// What the browser benchmarks share: the browser's flags, the 1 MB pod, and the keystroke as
// they time it (tests/bench/browser.mjs, the budget; tests/bench/ab.mjs, two builds side by side).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, SAMPLES, pasteIntoEditor } from "../e2e/harness.mjs";

export const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

/**
 * A pod of about `bytes` of YAML, as `kubectl get pod -o yaml` prints a big one: the first
 * sample pod with its app container repeated (renamed, other ports, 20 more env vars each)
 * until the text is that long. Built the way core/benches/validate.rs builds its 1 MB pod.
 */
export function bigPod(bytes) {
  const sample = readFileSync(join(ROOT, "tests/fixtures/pods", `${SAMPLES[0].id}.yaml`), "utf8");
  const lines = sample.split("\n");
  const first = lines.indexOf("  containers:") + 1;
  let end = first + 1;
  while (!/^ {0,2}[^ -]/.test(lines[end])) end++;
  const template = lines.slice(first, end).join("\n") + "\n";
  const one = (i) => template
    .replace(/^(\s+)name: app$/m, `$1name: app-${i}`)
    .replace(/containerName: app$/gm, `containerName: app-${i}`)
    .replace("containerPort: 8080", `containerPort: ${10000 + 2 * i}`)
    .replace("containerPort: 9090", `containerPort: ${10001 + 2 * i}`)
    .replace("    env:\n", "    env:\n" + Array.from({ length: 20 }, (_, k) => `    - name: SETTING_${k}\n      value: value-${i}-${k}\n`).join(""));
  const head = lines.slice(0, first).join("\n") + "\n";
  const tail = lines.slice(end).join("\n");
  let body = "";
  let n = 0;
  while (head.length + body.length + tail.length < bytes) body += one(n++);
  return { text: head + body + tail, containers: n };
}

export const median = (xs) => quantile(xs, 0.5);
export function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (at - lo);
}

/** KEYS keystrokes in the Name field, timed in the page. */
export async function keystrokes(page, n) {
  return page.evaluate(async (n) => {
    const input = document.getElementById("f-name");
    const out = document.getElementById("export-panel");
    // Resolves once the export's text differs from `before` (Yew renders in a task of its own).
    const changed = (before) => new Promise((resolve, reject) => {
      if (out.textContent !== before) return resolve();
      const stop = setTimeout(() => { observer.disconnect(); reject(new Error("the exports did not change within 10 s")); }, 10000);
      const observer = new MutationObserver(() => {
        if (out.textContent !== before) { observer.disconnect(); clearTimeout(stop); resolve(); }
      });
      observer.observe(out, { subtree: true, childList: true, characterData: true });
    });
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const base = input.value;
    const times = [];
    for (let i = 0; i < n; i++) {
      const before = out.textContent;
      const t0 = performance.now();
      input.value = i % 2 === 0 ? base + "x" : base;
      input.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: i % 2 === 0 ? "insertText" : "deleteContentBackward", data: "x" }));
      await changed(before);
      void document.body.getBoundingClientRect().height; // style and layout
      times.push(performance.now() - t0);
      await frame();
    }
    return times;
  }, n);
}

/**
 * The 1 MB pod pasted into the page's Pod YAML, and the target pointed at one of its
 * containers (a pasted pod keeps the target typed before): the server would take it.
 */
export async function pasteBigPod(page, big) {
  await pasteIntoEditor(page, "Pod YAML", big.text);
  await page.waitForFunction((n) => document.querySelectorAll("#f-target option").length > n, big.containers, { timeout: 60000 });
  await page.getByRole("combobox", { name: "Target container" }).selectOption("app-0");
  await page.getByRole("status").filter({ hasText: /^The server would accept/ }).waitFor({ timeout: 60000 }).catch(() => {});
  const verdict = await page.getByRole("status").innerText();
  if (!verdict.startsWith("The server would accept")) throw new Error(`the 1 MB pod is not one the server would take: ${verdict}`);
}

/**
 * The Cluster panel's Pod Security level at restricted: every keystroke is validated, then
 * admitted by the module loaded on demand. The 1 MB pod's own containers fail the level, so
 * admission evaluates it all and refuses with a 403 naming every one of them.
 */
export async function restrict(page) {
  await page.locator("details.cluster > summary").click();
  await page.getByRole("combobox", { name: "Pod Security level" }).selectOption("restricted");
  await page.getByRole("status", { name: "Verdict" }).filter({ hasText: /403 Forbidden/ }).waitFor({ timeout: 60000 });
}
