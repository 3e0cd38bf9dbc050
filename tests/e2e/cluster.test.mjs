// The Cluster panel: the API server's version and --allow-privileged, the namespace's Pod
// Security level (chosen, or read from a pasted namespace), kept across a reload, carried by
// share links and set by an embed's options; Pod Security admission with kubectl's 403 text
// and a fix per violation.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import {
  STATUS_BAD, STATUS_OK, assertClean, editorDoc, newContext, open, screenshot, useSite, waitForStatus, waitForValue,
} from "./harness.mjs";

useSite();

const ECPLAY = process.env.ECPLAY;

/** The Cluster panel, opened (it is one line while the cluster is the default). */
async function openPanel(page) {
  const summary = page.locator("details.cluster > summary");
  if (!(await page.locator("details.cluster").evaluate((d) => d.open))) await summary.click();
  await page.getByRole("combobox", { name: "Kubernetes version" }).waitFor();
}

const summaryLine = (page) => page.locator("details.cluster > summary .cluster-summary").innerText();

describe("the Cluster panel", () => {
  test("untouched, it is one line; the version decides what a static pod is told", async () => {
    const { page, problems } = await open();
    assert.equal(await page.locator("details.cluster").evaluate((d) => d.open), false, "collapsed while untouched");
    // Closed, its content is hidden by display: none, not by Chromium's content-visibility:
    // while any part of the page is hidden that way, a 1 MB pod pasted into the pod editor
    // froze the page for over a minute (`make bench` pastes one).
    const hiddenBy = await page.locator("details:not([open])").evaluateAll((all) =>
      all.map((d) => { const s = getComputedStyle(d, "::details-content"); return [s.display, s.contentVisibility]; }));
    assert.ok(hiddenBy.length > 0);
    for (const h of hiddenBy) assert.deepEqual(h, ["none", "visible"]);
    assert.equal(await summaryLine(page), "Kubernetes 1.37 · Pod Security: privileged · privileged containers allowed");
    await page.getByRole("combobox", { name: "Sample pod" }).selectOption({ label: "Static (mirror) pod" });
    await waitForStatus(page, STATUS_BAD);
    await openPanel(page);
    // 1.26 takes an ephemeral container into a static pod; 1.27 refuses it (kubernetes#114086).
    await page.getByRole("combobox", { name: "Kubernetes version" }).selectOption("1.26");
    await waitForStatus(page, STATUS_OK);
    assert.equal(await summaryLine(page), "Kubernetes 1.26 · Pod Security: privileged · privileged containers allowed");
    await page.getByRole("combobox", { name: "Kubernetes version" }).selectOption("1.27");
    await waitForStatus(page, STATUS_BAD);
    assert.match(await page.getByRole("region", { name: "Diagnostics" }).innerText(), /static pods do not support ephemeral containers/);
    await screenshot(page, "cluster-static-pod-1.27.png");
    await assertClean(page, problems);
    await page.context().close();
  });

  test("privileged containers follow --allow-privileged", async () => {
    const { page, problems } = await open();
    await openPanel(page);
    await page.getByRole("combobox", { name: "Security profile" }).selectOption("sysadmin");
    await waitForStatus(page, STATUS_OK);
    await page.getByRole("checkbox", { name: "Allow privileged containers" }).uncheck();
    await waitForStatus(page, "The server would reject this request: 1 error.");
    assert.match(await page.getByRole("region", { name: "Diagnostics" }).innerText(), /disallowed by cluster policy/);
    assert.match(await summaryLine(page), /privileged containers refused$/);
    await assertClean(page, problems);
    await page.context().close();
  });

  test("the cluster is kept across a reload and carried by a share link, as ecplay share writes it", async () => {
    const context = await newContext({ permissions: ["clipboard-read", "clipboard-write"] });
    const { page, problems } = await open({ context });
    await openPanel(page);
    await page.getByRole("combobox", { name: "Kubernetes version" }).selectOption("1.30");
    await page.getByRole("checkbox", { name: "Allow privileged containers" }).uncheck();
    await page.getByRole("combobox", { name: "Pod Security level" }).selectOption("baseline");
    await page.getByRole("combobox", { name: "Pod Security version" }).selectOption("v1.29");
    await page.getByRole("combobox", { name: "Pod Security warn level" }).selectOption("restricted");
    const want = "Kubernetes 1.30 · Pod Security: enforce baseline:v1.29, warn restricted:latest · privileged containers refused";
    await page.locator("details.cluster > summary .cluster-summary").filter({ hasText: want }).waitFor();
    await page.waitForFunction(() => localStorage.getItem("ecplay.state.v1")?.includes('"kube":30'));

    await page.reload();
    await page.getByRole("status").waitFor();
    assert.equal(await summaryLine(page), want);
    assert.equal(await page.locator("details.cluster").evaluate((d) => d.open), false, "one line after a reload too");
    await openPanel(page);
    await waitForValue(page.getByRole("combobox", { name: "Kubernetes version" }), "30");
    await waitForValue(page.getByRole("combobox", { name: "Pod Security level" }), "baseline");
    await waitForValue(page.getByRole("combobox", { name: "Pod Security version" }), "v1.29");
    await waitForValue(page.getByRole("combobox", { name: "Pod Security warn level" }), "restricted");
    assert.equal(await page.getByRole("checkbox", { name: "Allow privileged containers" }).isChecked(), false);

    // The Share panel's link: the same bytes as ecplay share makes for that cluster.
    await page.getByRole("button", { name: "Share" }).click();
    const field = page.getByRole("textbox", { name: "Link", exact: true });
    await page.waitForFunction((el) => el.value.includes("#s="), await field.elementHandle());
    const url = await field.inputValue();
    const container = await page.evaluate(() => window.__editors["Container YAML"].getDoc());
    const cli = execFileSync(ECPLAY, [
      "share", "--pod", "tests/fixtures/pods/distroless-app.yaml", "--ephemeral", "-", "--base", new URL(url).origin + "/",
      "--kube-version", "1.30", "--allow-privileged=false", "--pod-security", "enforce=baseline:v1.29,warn=restricted",
    ], { input: container, stdio: ["pipe", "pipe", "ignore"] }).toString().trim();
    const decoded = (u) => JSON.parse(execFileSync(ECPLAY, ["share", "--decode", u, "--format", "json"]).toString());
    assert.deepEqual(
      [decoded(url).kubeVersion, decoded(url).allowPrivileged, decoded(url).labels],
      [decoded(cli).kubeVersion, decoded(cli).allowPrivileged, decoded(cli).labels],
    );

    // Opened in a fresh browser, the link sets the cluster.
    const other = await newContext();
    const opened = await open({ context: other, path: url.slice(url.indexOf("#")) });
    await opened.page.locator("details.cluster > summary .cluster-summary").filter({ hasText: want }).waitFor();
    await assertClean(opened.page, opened.problems);
    await other.close();
    // And so does the one ecplay share made.
    const third = await newContext();
    const fromCli = await open({ context: third, path: cli.slice(cli.indexOf("#")) });
    await fromCli.page.locator("details.cluster > summary .cluster-summary").filter({ hasText: want }).waitFor();
    await third.close();
    await assertClean(page, problems);
    await context.close();
  });

  test("an embed's options set the cluster", async () => {
    const { page, problems } = await open({ path: "?embed=1&sample=static-pod&kube=1.26&psa=restricted&psa-warn=restricted", editors: 1 });
    await page.locator("details.cluster > summary .cluster-summary")
      .filter({ hasText: "Kubernetes 1.26 · Pod Security: enforce restricted:latest, warn restricted:latest · privileged containers allowed" })
      .waitFor();
    await screenshot(page, "cluster-embed.png");
    await assertClean(page, problems);
    await page.context().close();
  });

  test("a pasted namespace gives its Pod Security labels, and one that does not read says where", async () => {
    const { page, problems } = await open();
    await openPanel(page);
    const ns = page.getByRole("textbox", { name: /Or paste the namespace/ });
    await ns.click();
    await page.keyboard.insertText("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    pod-security.kubernetes.io/enforce: baseline\n    pod-security.kubernetes.io/audit: restricted\n");
    await page.locator("details.cluster > summary .cluster-summary")
      .filter({ hasText: "Kubernetes 1.37 · Pod Security: enforce baseline:latest, warn baseline:latest, audit restricted:latest · privileged containers allowed" })
      .waitFor();
    await waitForValue(page.getByRole("combobox", { name: "Pod Security level" }), "baseline");
    await page.keyboard.type("  bad: [");
    await page.getByText(/^line \d+, column \d+: .* \(the labels above are unchanged\)$/).waitFor();
    assert.match(await summaryLine(page), /enforce baseline:latest/);
    await screenshot(page, "cluster-namespace.png");
    await assertClean(page, problems);
    await page.context().close();
  });
});

describe("Pod Security admission", () => {
  test("restricted refuses the default debugger with kubectl's 403; each fix button fixes it, and can be undone", async () => {
    const context = await newContext({ permissions: ["clipboard-read", "clipboard-write"] });
    const { page, problems } = await open({ context });
    // A pod whose own containers pass restricted (the distroless app's set no seccomp profile,
    // which refuses every ephemeral container there).
    await page.getByRole("combobox", { name: "Sample pod" }).selectOption({ label: "Requires runAsNonRoot" });
    await waitForValue(page.getByRole("combobox", { name: "Sample pod" }), "run-as-non-root");
    await waitForStatus(page, STATUS_OK);
    await openPanel(page);
    await page.getByRole("combobox", { name: "Pod Security level" }).selectOption("restricted");
    await waitForStatus(page, STATUS_BAD);
    const verdict = page.getByRole("status", { name: "Verdict" });
    await verdict.filter({ hasText: /Refused by Pod Security admission \(403 Forbidden\)\./ }).waitFor();
    await verdict.locator(".verdict-words").filter({ hasText: /^Error from server \(Forbidden\): pods "[^"]+" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false \(container "debugger-[a-z0-9]+" must set securityContext.allowPrivilegeEscalation=false\)/ }).waitFor();
    const diagnostics = page.getByRole("region", { name: "Diagnostics" });
    assert.match(await diagnostics.locator("pre.kubectl").innerText(), /^Error from server \(Forbidden\): pods "[^"]+" is forbidden: violates PodSecurity "restricted:latest": /);
    // Each violation: a diagnostic with its fix and its Learn link.
    const fixes = diagnostics.getByRole("button", { name: /^Fix / });
    const names = await fixes.allInnerTexts();
    assert.ok(names.includes("Fix allowPrivilegeEscalation"), names.join(", "));
    const item = diagnostics.locator("li", { has: page.getByRole("button", { name: "Fix allowPrivilegeEscalation" }) });
    assert.equal(await item.getByRole("link", { name: "Learn why" }).getAttribute("href"), "#learn-pod-security");
    // The profile that passes the level is offered first.
    const first = await page.getByRole("combobox", { name: "Security profile" }).locator("option").first().innerText();
    assert.match(first, /^restricted — .*\(passes restricted:latest\)$/);
    // A refused draft: every export tab says so first, and Copy asks.
    const panel = page.getByRole("tabpanel");
    await panel.locator(".refused").filter({ hasText: /^The server would refuse this request: 2 errors, refused by Pod Security admission \(403 Forbidden\)\./ }).waitFor();
    await page.getByRole("tab", { name: "curl", exact: true }).click();
    await panel.locator(".refused").waitFor();
    await page.evaluate(() => navigator.clipboard.writeText("untouched"));
    await panel.getByRole("button", { name: "Copy", exact: true }).first().click();
    await panel.getByRole("alert").filter({ hasText: "The server would refuse this request: copy it anyway?" }).waitFor();
    await panel.getByRole("button", { name: "Cancel" }).click();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), "untouched");
    await panel.getByRole("button", { name: "Copy", exact: true }).first().click();
    await panel.getByRole("button", { name: "Copy anyway" }).click();
    assert.match(await page.evaluate(() => navigator.clipboard.readText()), /^kubectl proxy/);
    await screenshot(page, "cluster-restricted-403.png");

    // One fix, undone: the text comes back as it was.
    const before = await editorDoc(page, "Container YAML");
    await page.getByRole("button", { name: "Fix allowPrivilegeEscalation" }).click();
    await page.waitForFunction(() => window.__editors["Container YAML"].getDoc().includes("allowPrivilegeEscalation: false"));
    await page.getByRole("button", { name: "Undo the fix" }).click();
    await page.waitForFunction((b) => window.__editors["Container YAML"].getDoc() === b, before);
    // Every fix, one click each, until the namespace admits it.
    for (let i = 0; i < 10 && await fixes.count() > 0; i++) {
      const text = await editorDoc(page, "Container YAML");
      await fixes.first().click();
      await page.waitForFunction((t) => window.__editors["Container YAML"].getDoc() !== t, text);
    }
    await waitForStatus(page, STATUS_OK);
    assert.equal(await page.locator(".refused").count(), 0);
    await screenshot(page, "cluster-restricted-fixed.png");
    await assertClean(page, problems);
    await context.close();
  });

  test("warn only: accepted, with kubectl's warning", async () => {
    const { page, problems } = await open();
    await openPanel(page);
    await page.getByRole("combobox", { name: "Security profile" }).selectOption("general");
    await page.getByRole("combobox", { name: "Pod Security warn level" }).selectOption("baseline");
    await page.getByRole("status", { name: "Verdict" }).locator(".verdict-words").filter({ hasText: /^Warning: would violate PodSecurity "baseline:latest": non-default capabilities/ }).waitFor();
    await waitForStatus(page, STATUS_OK);
    assert.match(await page.getByRole("region", { name: "Diagnostics" }).locator("pre.kubectl").innerText(), /^Warning: would violate PodSecurity "baseline:latest"/);
    await assertClean(page, problems);
    await page.context().close();
  });

  test("a recipe is made to pass the namespace's level", async () => {
    const { page, problems } = await open();
    await openPanel(page);
    await page.getByRole("combobox", { name: "Pod Security level" }).selectOption("baseline");
    await page.getByRole("button", { name: "Use the recipe: strace the app" }).click();
    await page.getByText(/^Pod Security baseline:latest refuses this recipe's container as it is \(non-default capabilities\)/).waitFor();
    await waitForStatus(page, STATUS_OK);
    assert.doesNotMatch(await editorDoc(page, "Container YAML"), /SYS_PTRACE/);
    await assertClean(page, problems);
    await page.context().close();
  });
});
