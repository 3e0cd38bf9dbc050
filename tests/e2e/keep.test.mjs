// What the playground keeps in the browser's storage is never mixed, never silently
// replaced, and its failures are told as what they are: two tabs that both write, saved
// state that cannot be read, a browser that keeps nothing, storage that is full, and a pod
// bigger than storage can ever hold.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  appendEditorText, assertClean, draftInPlayground, editorDoc, kept, newContext, open, pasteIntoEditor, screenshot, shareFragment, useSite,
  waitForDoc, waitForKept, waitForStatus,
} from "./harness.mjs";

useSite();

const OTHER_TAB = /^Another tab changed the playground kept in this browser\./;
const take = (page) => page.getByRole("button", { name: "Take the other tab's work", exact: true });
const keep = (page) => page.getByRole("button", { name: "Keep this tab's work", exact: true });

/** Types `name` into the Name field key by key, over what is there. */
async function typeName(page, name) {
  await page.getByRole("textbox", { name: "Name", exact: true }).click();
  await page.keyboard.press("Control+a");
  await page.keyboard.type(name);
  await waitForDoc(page, "Container YAML", `name: ${name}`);
}

/** The playground a new tab of `context` opens with: its pod and container. */
async function reopened(context) {
  const { page, problems } = await open({ context });
  const both = { pod: await editorDoc(page, "Pod YAML"), container: await editorDoc(page, "Container YAML") };
  await assertClean(page, problems);
  await page.close();
  return both;
}

describe("two tabs", () => {
  test("never write each other's halves: the other writer is told, and either tab's work can be taken whole", async () => {
    const context = await newContext();
    const a = await draftInPlayground(context, "started-in-a");
    await waitForKept(a.page, "started-in-a");
    const b = await open({ context });
    await waitForDoc(b.page, "Container YAML", "name: started-in-a");
    // A changes the pod; B, which has not seen it, types a container.
    await appendEditorText(a.page, "Pod YAML", "# edited in tab A\n");
    await waitForDoc(a.page, "Pod YAML", /# edited in tab A\n$/);
    const toldB = b.page.getByRole("alert").filter({ hasText: OTHER_TAB });
    await toldB.waitFor();
    await typeName(b.page, "typed-in-b");
    await screenshot(b.page, "other-tab.png");
    // What is kept is A's whole playground: never A's pod beside B's container.
    const aPod = await editorDoc(a.page, "Pod YAML");
    const bPod = await editorDoc(b.page, "Pod YAML");
    assert.deepEqual(await reopened(context), { pod: aPod, container: await editorDoc(a.page, "Container YAML") });
    assert.equal(await a.page.getByRole("alert").filter({ hasText: OTHER_TAB }).count(), 0, "A wrote last: it is not told");

    // B keeps its own: all of it is kept, and now A is told.
    await keep(b.page).click();
    await toldB.waitFor({ state: "detached" });
    await a.page.getByRole("alert").filter({ hasText: OTHER_TAB }).waitFor();
    assert.deepEqual(await reopened(context), { pod: bPod, container: await editorDoc(b.page, "Container YAML") });
    // A takes B's work, and Undo gives A's back.
    await take(a.page).click();
    await waitForDoc(a.page, "Container YAML", "name: typed-in-b");
    assert.equal(await editorDoc(a.page, "Pod YAML"), bPod);
    await a.page.getByRole("button", { name: "Undo", exact: true }).click();
    await waitForDoc(a.page, "Pod YAML", /# edited in tab A\n$/);
    await waitForDoc(a.page, "Container YAML", "name: started-in-a");
    await assertClean(a.page, a.problems);
    await assertClean(b.page, b.problems);
    await context.close();
  });
});

describe("saved state that cannot be read", () => {
  const POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kept-pod\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n";
  const cases = [
    ["unreadable JSON", { "ecplay.state.v1": '{"container": "name: half-writ', "ecplay.pod.v1": POD }, /it is not JSON/],
    ["the wrong shape", { "ecplay.state.v1": '{"container": 7, "shell": "posix"}', "ecplay.pod.v1": POD }, /it is not in the shape ecplay keeps/],
    ["a pod without its choices", { "ecplay.pod.v1": POD }, /a pod is kept without its container/],
    ["an unreadable Undo", { "ecplay.undo.v1": "[{\"pod\": " }, /the Undo history is not JSON/],
  ];
  for (const [what, items, why] of cases) {
    test(`${what}: kept aside, said so, offered for download, never silently replaced`, async () => {
      const context = await newContext();
      const first = await open({ context });
      await first.page.evaluate((items) => {
        localStorage.clear();
        for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v);
      }, items);
      await first.page.close();
      const { page, problems } = await open({ context });
      const notice = page.getByRole("alert").filter({ hasText: /^The playground kept in this browser could not be read/ });
      await notice.waitFor();
      assert.match(await notice.innerText(), why);
      if (what === "unreadable JSON") await screenshot(page, "kept-unreadable.png");
      // The raw text, whole, is downloadable…
      const [download] = await Promise.all([page.waitForEvent("download"), notice.getByRole("link", { name: "Download it" }).click()]);
      const text = readFileSync(await download.path(), "utf8");
      for (const [k, v] of Object.entries(items)) assert.ok(text.includes(`${k}\n${v}\n`), `the download holds ${k} as it was:\n${text}`);
      // …and kept aside in storage, while the playground works and keeps what is typed now.
      const stored = await kept(page);
      assert.equal(stored["ecplay.aside.v1"], text);
      await waitForStatus(page, "The server would accept this ephemeral container.");
      await typeName(page, "after-the-damage");
      await waitForKept(page, "after-the-damage");
      // It stays offered after a reload, until deleted.
      await page.reload();
      const again = page.getByRole("alert").filter({ hasText: /^Saved work that could not be read is kept aside \(\d+ KB\)\./ });
      await again.waitFor();
      await again.getByRole("button", { name: "Delete it" }).click();
      await again.waitFor({ state: "detached" });
      assert.equal((await kept(page))["ecplay.aside.v1"], null);
      await assertClean(page, problems);
      await context.close();
    });
  }

  test("a pod kept beside another tab's container is not mixed with it", async () => {
    const context = await newContext();
    const { page, problems } = await draftInPlayground(context, "paired");
    await waitForKept(page, "paired");
    // Another writer replaced the pod only (as an older tab writing one half would).
    await page.evaluate(() => localStorage.setItem("ecplay.pod.v1", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: someone-elses\n"));
    await page.reload();
    await page.getByRole("alert").filter({ hasText: /^The playground kept in this browser could not be read \(the pod kept is not the one its container was kept with\)/ }).waitFor();
    assert.ok(!(await editorDoc(page, "Pod YAML")).includes("someone-elses"));
    assert.ok(!(await editorDoc(page, "Container YAML")).includes("paired"));
    const aside = (await kept(page))["ecplay.aside.v1"];
    assert.ok(aside.includes("name: someone-elses") && aside.includes("name: paired"), aside);
    await assertClean(page, problems);
    await context.close();
  });
});

describe("a browser that keeps nothing", () => {
  for (const how of ["throws", "is null"]) {
    test(`localStorage ${how}: the playground works in memory and says once that nothing is kept`, async () => {
      const context = await newContext();
      await context.addInitScript((how) => {
        Object.defineProperty(window, "localStorage", {
          configurable: true,
          get() {
            if (how === "throws") throw new DOMException("Access is denied for this document.", "SecurityError");
            return null;
          },
        });
      }, how);
      const { page, problems } = await open({ context });
      const once = page.getByRole("note").filter({ hasText: /^This browser keeps nothing for this page/ });
      await once.waitFor();
      await typeName(page, "in-memory");
      await page.getByRole("button", { name: "New", exact: true }).click();
      await page.getByRole("button", { name: "Undo", exact: true }).click();
      await waitForDoc(page, "Container YAML", "name: in-memory");
      await page.evaluate((f) => { location.hash = f; }, shareFragment({ pod: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n", container: "name: linked\nimage: busybox:1.36\n" }));
      await waitForDoc(page, "Container YAML", "name: linked");
      await page.getByRole("button", { name: "Undo", exact: true }).click();
      await waitForDoc(page, "Container YAML", "name: in-memory");
      assert.equal(await once.count(), 1);
      if (how === "throws") await screenshot(page, "storage-off.png");
      await assertClean(page, problems);
      await context.close();
    });
  }
});

describe("storage that cannot take the playground", () => {
  test("full storage is said to be full, and the reload brings back the last whole playground", async () => {
    const context = await newContext();
    const { page, problems } = await draftInPlayground(context, "kept-whole");
    await waitForKept(page, "kept-whole");
    const before = await kept(page);
    // Other data of the site fills the storage, but for 64 to 128 KB.
    await page.evaluate(() => {
      const chunk = "x".repeat(64 * 1024);
      let i = 0;
      try {
        for (; i < 1000; i++) localStorage.setItem(`junk-${i}`, chunk);
      } catch {}
      localStorage.removeItem(`junk-${i - 1}`);
    });
    const big = `${await editorDoc(page, "Pod YAML")}${`# ${"y".repeat(998)}\n`.repeat(200)}`;
    await pasteIntoEditor(page, "Pod YAML", big);
    await page.getByRole("alert").filter({ hasText: /^This browser's storage for this page is full \(other data takes 5\d{3} KB\): the playground stays on the page, but a reload brings back what was kept before\./ }).waitFor();
    await screenshot(page, "storage-full.png");
    await typeName(page, "not-kept");
    assert.deepEqual(await kept(page), before);
    await page.reload();
    await waitForDoc(page, "Container YAML", "name: kept-whole");
    await assertClean(page, problems);
    await context.close();
  });

  test("a pod bigger than storage can ever hold is said so", async () => {
    const context = await newContext();
    const { page, problems } = await draftInPlayground(context, "small-and-kept");
    await waitForKept(page, "small-and-kept");
    const big = `${await editorDoc(page, "Pod YAML")}${`# ${"z".repeat(998)}\n`.repeat(5500)}`;
    await pasteIntoEditor(page, "Pod YAML", big);
    await page.getByRole("alert").filter({ hasText: /^This pod \(5\d{3} KB\) is bigger than this browser's storage can ever hold: it stays on the page, but a reload brings back what was kept before\./ }).waitFor();
    await screenshot(page, "storage-too-big.png");
    // Back to a pod that fits: kept again, and the alert goes.
    await page.getByRole("combobox", { name: "Sample pod" }).selectOption({ label: "Distroless app" });
    await page.getByRole("alert").waitFor({ state: "detached" });
    await typeName(page, "kept-again");
    await waitForKept(page, "kept-again");
    await assertClean(page, problems);
    await context.close();
  });
});
