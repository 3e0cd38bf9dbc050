// Nothing typed is lost, and a playground travels as a link: reload, "New" and Undo,
// share links opened in a fresh browser (no storage), redaction of a pasted pod.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { inflateRawSync } from "node:zlib";
import {
  appendEditorText, assertClean, draftInPlayground, editorDoc, newContext, open, pasteIntoEditor, replaceEditorText, screenshot,
  waitForDoc, waitForStatus, withAnnotations,
} from "./harness.mjs";
import { useSite } from "./harness.mjs";

useSite();

// A pasted production pod: every value below that `SECRETS` lists must not survive redaction.
const SECRETS = ["hunter2-prod-password", "payments-db-credentials", "payments-feature-flags", "regcred-acme-prod", "owner@acme.example", "team-tango-oncall", "10.244.7.19"];
const POD = `apiVersion: v1
kind: Pod
metadata:
  name: payments-7f9c
  namespace: prod
  labels:
    team: team-tango-oncall
  annotations:
    acme.example/owner: owner@acme.example
  managedFields:
  - manager: kubectl-client-side-apply
    operation: Update
spec:
  imagePullSecrets:
  - name: regcred-acme-prod
  containers:
  - name: app
    image: registry.acme.example/payments:2.4.1
    env:
    - name: DB_PASSWORD
      value: hunter2-prod-password
    - name: FLAGS
      valueFrom:
        configMapKeyRef:
          name: payments-feature-flags
          key: flags
    volumeMounts:
    - name: creds
      mountPath: /etc/creds
  volumes:
  - name: creds
    secret:
      secretName: payments-db-credentials
status:
  phase: Running
  podIP: 10.244.7.19
`;

/** The state a share link carries, decoded here (deflate-raw, base64url) as a reader of the link could. */
function decodeLink(link) {
  const packed = new URL(link).hash.replace(/^#s=/, "");
  return JSON.parse(inflateRawSync(Buffer.from(packed, "base64url")).toString("utf8"));
}

async function shareLink(page) {
  const share = page.getByRole("button", { name: "Share", exact: true });
  if ((await share.getAttribute("aria-expanded")) !== "true") await share.click();
  const input = page.getByRole("textbox", { name: "Link", exact: true });
  await page.waitForFunction((el) => el.value.includes("#s="), await input.elementHandle());
  return input.inputValue();
}

describe("state that is never lost", () => {
  test("a reload restores the pod, the container and the choices", async () => {
    const context = await newContext();
    const { page, problems } = await open({ context });
    await page.getByRole("combobox", { name: "Sample pod" }).selectOption({ label: "Static (mirror) pod" });
    await page.getByRole("textbox", { name: "Name", exact: true }).fill("reload-me");
    await page.getByRole("combobox", { name: "Shell" }).selectOption({ label: "PowerShell (5.1 or 7)" });
    await page.getByRole("tab", { name: "curl", exact: true }).click();
    await waitForDoc(page, "Container YAML", "name: reload-me");
    // The pod, edited by hand, is kept as typed, under a key of its own (it can be a megabyte).
    await appendEditorText(page, "Pod YAML", "# edited here\n");
    await waitForDoc(page, "Pod YAML", /# edited here\n$/);
    const before = { pod: await editorDoc(page, "Pod YAML"), ctr: await editorDoc(page, "Container YAML") };
    const sample = await page.getByRole("combobox", { name: "Sample pod" }).inputValue();
    const stored = await page.evaluate(() => ({ state: JSON.parse(localStorage.getItem("ecplay.state.v1")), pod: localStorage.getItem("ecplay.pod.v1") }));
    assert.equal(stored.pod, before.pod);
    assert.equal(stored.state.pod, undefined);
    await page.reload();
    await page.getByRole("status").waitFor();
    await waitForDoc(page, "Container YAML", "name: reload-me");
    assert.deepEqual({ pod: await editorDoc(page, "Pod YAML"), ctr: await editorDoc(page, "Container YAML") }, before);
    assert.equal(await page.getByRole("combobox", { name: "Sample pod" }).inputValue(), sample);
    assert.equal(await page.getByRole("combobox", { name: "Shell" }).inputValue(), "powershell");
    await page.getByRole("tab", { name: "curl", exact: true, selected: true }).waitFor();
    await screenshot(page, "reload-restored.png");
    await assertClean(page, problems);
    await context.close();
  });

  test("a pod larger than the storage keeps is said so, and a reload does not pair an old pod with the new work", async () => {
    const context = await newContext();
    const { page, problems } = await open({ context });
    await page.waitForFunction(() => localStorage.getItem("ecplay.pod.v1") !== null);
    const before = await page.evaluate(() => [localStorage.getItem("ecplay.state.v1"), localStorage.getItem("ecplay.pod.v1")]);
    // Fill this origin's storage until it refuses, then free about 64 KB.
    await page.evaluate(() => {
      const chunk = "x".repeat(64 * 1024);
      let i = 0;
      try {
        for (; i < 1000; i++) localStorage.setItem(`junk-${i}`, chunk);
      } catch {}
      localStorage.removeItem(`junk-${i - 1}`);
    });
    const big = withAnnotations(await editorDoc(page, "Pod YAML"), 3000);
    await pasteIntoEditor(page, "Pod YAML", big);
    await page.getByRole("alert").filter({ hasText: /^This browser's storage for this page is full \(other data takes \d+ KB\): the playground stays on the page, but a reload brings back what was kept before\./ }).waitFor();
    assert.equal(await editorDoc(page, "Pod YAML"), big, "the pod stays on the page");
    // What is kept is the playground before it, whole: its pod with its own choices.
    assert.deepEqual(await page.evaluate(() => [localStorage.getItem("ecplay.state.v1"), localStorage.getItem("ecplay.pod.v1")]), before);
    await assertClean(page, problems);
    await context.close();
  });

  test("New starts clean, and Undo (even after a reload) brings the work back", async () => {
    const context = await newContext();
    const { page, problems } = await open({ context });
    await replaceEditorText(page, "Container YAML", "name: my-work\nimage: alpine:3.20\nworkingDir: /srv\n");
    await waitForStatus(page, "The server would accept this ephemeral container.");
    await page.getByRole("button", { name: "New", exact: true }).click();
    await page.getByRole("note").filter({ hasText: "Started a new playground." }).waitFor();
    assert.ok(!(await editorDoc(page, "Container YAML")).includes("my-work"));
    await page.reload();
    await page.getByRole("status").waitFor();
    await page.getByRole("button", { name: "Undo", exact: true }).click();
    await waitForDoc(page, "Container YAML", "name: my-work\nimage: alpine:3.20\nworkingDir: /srv\n");
    assert.equal(await page.getByRole("button", { name: "Undo", exact: true }).count(), 0);
    await assertClean(page, problems);
    await context.close();
  });
});

describe("share links", () => {
  test("a sample's link is short, and opens in a fresh browser exactly as shared", async () => {
    const { page, context, problems } = await open();
    await page.getByRole("combobox", { name: "Sample pod" }).selectOption({ label: "Windows pod" });
    await page.getByRole("textbox", { name: "Name", exact: true }).fill("shared-one");
    await page.getByRole("combobox", { name: "kubectl version" }).selectOption("1.33");
    await page.getByRole("tab", { name: "YAML", exact: true }).click();
    await waitForDoc(page, "Container YAML", "name: shared-one");
    const link = await shareLink(page);
    assert.ok(link.length < 600, `a sample's link names the sample: ${link.length} characters`);
    assert.equal(decodeLink(link).sample, "windows-pod");
    await screenshot(page, "share-sample.png");
    const shared = { pod: await editorDoc(page, "Pod YAML"), ctr: await editorDoc(page, "Container YAML") };
    await assertClean(page, problems);
    await context.close();

    const fresh = await newContext();
    const opened = await open({ context: fresh, path: link });
    await waitForDoc(opened.page, "Container YAML", "name: shared-one");
    assert.deepEqual({ pod: await editorDoc(opened.page, "Pod YAML"), ctr: await editorDoc(opened.page, "Container YAML") }, shared);
    assert.equal(await opened.page.getByRole("combobox", { name: "kubectl version" }).inputValue(), "33");
    await opened.page.getByRole("tab", { name: "YAML", exact: true, selected: true }).waitFor();
    await opened.page.getByRole("note").filter({ hasText: "Opened a shared playground." }).waitFor();
    // The fragment is gone: a reload shows what is typed from now on, not the link again.
    assert.equal(new URL(opened.page.url()).hash, "");
    await assertClean(opened.page, opened.problems);
    await fresh.close();
  });

  test("a pasted pod is redacted by default: the link leaks none of its values, and opens exactly as previewed", async () => {
    const { page, context, problems } = await open();
    await replaceEditorText(page, "Pod YAML", POD);
    await waitForStatus(page, "The server would accept this ephemeral container.");
    const link = await shareLink(page);
    assert.equal(await page.getByRole("checkbox", { name: /^Redact the pod/ }).isChecked(), true);
    const carried = decodeLink(link);
    const whole = JSON.stringify(carried);
    for (const secret of SECRETS) assert.ok(!whole.includes(secret), `the link carries ${secret}`);
    assert.match(carried.pod, /name: payments-7f9c/);
    await page.getByText("What stays of the pod").click();
    const preview = await page.getByLabel("The redacted pod").innerText();
    assert.equal(preview.trim(), carried.pod.trim());
    await screenshot(page, "share-redacted.png");

    // Unredacted, the link carries the pod as pasted, and says so.
    await page.getByRole("checkbox", { name: /^Redact the pod/ }).uncheck();
    await page.waitForFunction((old) => document.getElementById("share-link").value !== old, link);
    const raw = decodeLink(await page.getByRole("textbox", { name: "Link", exact: true }).inputValue());
    assert.equal(raw.pod, POD);
    await assertClean(page, problems);
    await context.close();

    const fresh = await newContext();
    const opened = await open({ context: fresh, path: link });
    await waitForDoc(opened.page, "Pod YAML", "payments-7f9c");
    const pod = await editorDoc(opened.page, "Pod YAML");
    assert.equal(pod, carried.pod);
    for (const secret of SECRETS) assert.ok(!pod.includes(secret), `the opened pod shows ${secret}`);
    await waitForStatus(opened.page, "The server would accept this ephemeral container.");
    await assertClean(opened.page, opened.problems);
    await fresh.close();
  });

  test("a redacted link keeps what the hints read: the same hints open at the other end", async () => {
    // The target is waiting (H-03 reads the status); its reason and message are the pod's own.
    const pod = POD.replace("  phase: Running\n", "  phase: Running\n  containerStatuses:\n  - name: app\n    containerID: containerd://abc-secret-id\n    state:\n      waiting:\n        reason: CrashLoopBackOff\n        message: back-off restarting hunter2-prod-password\n");
    const { page, context, problems } = await open();
    await replaceEditorText(page, "Pod YAML", pod);
    const hints = (p) => p.getByRole("region", { name: "Diagnostics" }).evaluate((el) => [...el.querySelectorAll("li .message")].map((m) => m.textContent));
    await page.getByRole("region", { name: "Diagnostics" }).getByText('the target container "app" is waiting, not running').waitFor();
    const before = await hints(page);
    const link = await shareLink(page);
    await page.getByText("Kept the pod's phase and each container's state and user in status: the hints read them.").waitFor();
    await page.getByText(/^Removed: .*status \(but for the phase and each container's state and user, which the hints read\)\.$/).waitFor();
    const whole = JSON.stringify(decodeLink(link));
    for (const secret of [...SECRETS, "abc-secret-id", "CrashLoopBackOff"]) assert.ok(!whole.includes(secret), `the link carries ${secret}`);
    await screenshot(page, "share-redacted-hints.png");
    await assertClean(page, problems);
    await context.close();

    const fresh = await newContext();
    const opened = await open({ context: fresh, path: link });
    await waitForDoc(opened.page, "Pod YAML", "payments-7f9c");
    await opened.page.getByRole("region", { name: "Diagnostics" }).getByText('the target container "app" is waiting, not running').waitFor();
    assert.deepEqual(await hints(opened.page), before);
    await assertClean(opened.page, opened.problems);
    await fresh.close();
  });

  test("a link too long for chat tools says so and offers the redacted form", async () => {
    const { page, context, problems } = await open();
    // Long and varied enough not to compress away.
    const env = Array.from({ length: 120 }, (_, i) => `    - name: VAR_${i}\n      value: "${(i * 7919).toString(36)}-${Math.sin(i).toFixed(12)}"\n`).join("");
    await replaceEditorText(page, "Pod YAML", POD.replace("    env:\n", `    env:\n${env}`));
    await waitForStatus(page, "The server would accept this ephemeral container.");
    await shareLink(page);
    await page.getByRole("checkbox", { name: /^Redact the pod/ }).uncheck();
    const warning = page.locator("#share-long");
    await warning.waitFor();
    assert.match(await warning.innerText(), /^This link is \d+ characters: many chat tools and mail clients cut links longer than 2000\. Redacted, it is \d+ characters\./);
    await screenshot(page, "share-too-long.png");
    await warning.getByRole("button", { name: "Use the redacted form" }).click();
    await page.getByRole("checkbox", { name: /^Redact the pod/, checked: true }).waitFor();
    await assertClean(page, problems);
    await context.close();
  });

  test("a damaged link says what is wrong and keeps the user's own playground", async () => {
    const context = await newContext();
    const first = await draftInPlayground(context, "still-mine");
    await first.page.close();
    const { page, problems } = await open({ context, path: "#s=bm90IGRlZmxhdGVk" });
    await page.getByRole("alert").filter({ hasText: /^This share link could not be read: it does not decompress/ }).waitFor();
    await waitForDoc(page, "Container YAML", "name: still-mine");
    await assertClean(page, problems);
    await context.close();
  });
});


