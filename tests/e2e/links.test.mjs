// Opening share links never loses work: the playground a link replaces stays behind Undo
// (a stack: one step back per link), on a first load and in an open tab alike, even when the
// link's pod is more than the browser's storage holds; a link that cannot be read, or that
// expands beyond what ecplay reads, changes nothing.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  assertClean, bloatedFragment, draftInPlayground, editorDoc, kept, open, newContext, screenshot, shareFragment, useSite, waitForDoc, waitForKept,
} from "./harness.mjs";

useSite();

const POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: shared-pod\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n";
const link = (name) => shareFragment({ pod: POD, container: `name: ${name}\nimage: busybox:1.36\n` });

/** Opens `fragment` in the tab as following a link to it would: the fragment changes, the page stays. */
async function followInTab(page, fragment) {
  await page.evaluate((f) => { location.hash = f; }, fragment);
}

const undo = (page) => page.getByRole("button", { name: "Undo", exact: true });

describe("share links keep the work they replace", () => {
  test("a link whose pod is more than storage can hold: the user's work stays kept, and Undo brings it back", async () => {
    const context = await newContext();
    const mine = await draftInPlayground(context, "my-own-work");
    await waitForKept(mine.page, "my-own-work");
    const own = await kept(mine.page);
    await mine.page.close();
    // 6 MB of pod, more than Chromium's 5 MiB of storage for a site, in a link of a few KB.
    const fragment = bloatedFragment(6_000_000, { name: "from-the-link", lines: true });
    assert.ok(fragment.length < 100_000, `${fragment.length} characters`);
    const { page, problems } = await open({ context, path: fragment });
    await waitForDoc(page, "Container YAML", "name: from-the-link");
    await page.getByRole("note").filter({ hasText: "Opened a shared playground." }).waitFor();
    await page.getByRole("alert").filter({ hasText: /^This pod \(\d+ KB\) is bigger than this browser's storage can ever hold: it stays on the page, but a reload brings back what was kept before\./ }).waitFor();
    await screenshot(page, "link-too-big-for-storage.png");
    // The user's own playground is still what the storage holds…
    const after = await kept(page);
    assert.equal(after["ecplay.pod.v1"], own["ecplay.pod.v1"]);
    assert.equal(after["ecplay.state.v1"], own["ecplay.state.v1"]);
    // …and Undo brings it back to the page.
    await undo(page).click();
    await waitForDoc(page, "Container YAML", "name: my-own-work");
    assert.equal(await undo(page).count(), 0);
    await page.reload();
    await waitForDoc(page, "Container YAML", "name: my-own-work");
    await assertClean(page, problems);
    await context.close();
  });

  test("a link followed in an open tab opens, and Undo brings back what was there", async () => {
    const context = await newContext();
    const { page, problems } = await draftInPlayground(context, "typed-here");
    await followInTab(page, link("followed-in-tab"));
    await waitForDoc(page, "Container YAML", "name: followed-in-tab");
    await page.getByRole("note").filter({ hasText: "Opened a shared playground." }).waitFor();
    assert.equal(await editorDoc(page, "Pod YAML"), POD);
    // The fragment is gone once read.
    await page.waitForFunction(() => location.hash === "");
    await undo(page).click();
    await waitForDoc(page, "Container YAML", "name: typed-here");
    await assertClean(page, problems);
    await context.close();
  });

  test("two links in a row: Undo twice (in a new tab too) gets back to the user's own work", async () => {
    const context = await newContext();
    const mine = await draftInPlayground(context, "mine-first");
    await waitForKept(mine.page, "mine-first");
    await mine.page.close();
    const first = await open({ context, path: link("link-one") });
    await waitForDoc(first.page, "Container YAML", "name: link-one");
    await followInTab(first.page, link("link-two"));
    await waitForDoc(first.page, "Container YAML", "name: link-two");
    await waitForKept(first.page, "link-two");
    await assertClean(first.page, first.problems);
    await first.page.close();
    // What is kept brings both steps back in another tab.
    const { page, problems } = await open({ context });
    await waitForDoc(page, "Container YAML", "name: link-two");
    await undo(page).click();
    await waitForDoc(page, "Container YAML", "name: link-one");
    await screenshot(page, "undo-once-more.png");
    await undo(page).click();
    await waitForDoc(page, "Container YAML", "name: mine-first");
    assert.equal(await undo(page).count(), 0);
    await assertClean(page, problems);
    await context.close();
  });

  test("an unreadable link changes nothing and leaves a pending Undo in place, in an open tab and on a load", async () => {
    const context = await newContext();
    const first = await draftInPlayground(context, "before-new");
    await waitForKept(first.page, "before-new");
    await first.page.getByRole("button", { name: "New", exact: true }).click();
    await first.page.getByRole("note").filter({ hasText: "Started a new playground." }).waitFor();
    const fresh = await editorDoc(first.page, "Container YAML");
    const damaged = /^This share link could not be read: it does not decompress/;
    // In the open tab…
    await followInTab(first.page, "#s=bm90IGRlZmxhdGVk");
    await first.page.getByRole("alert").filter({ hasText: damaged }).waitFor();
    assert.equal(await editorDoc(first.page, "Container YAML"), fresh);
    await undo(first.page).waitFor();
    await assertClean(first.page, first.problems);
    await first.page.close();
    // …and on a load.
    const { page, problems } = await open({ context, path: "#s=bm90IGRlZmxhdGVk" });
    await page.getByRole("alert").filter({ hasText: damaged }).waitFor();
    assert.equal(await editorDoc(page, "Container YAML"), fresh);
    await screenshot(page, "link-unreadable.png");
    await undo(page).click();
    await waitForDoc(page, "Container YAML", "name: before-new");
    await assertClean(page, problems);
    await context.close();
  });
});

describe("share links are read within bounds", () => {
  for (const [kb, mb] of [[65, 50], [260, 200]]) {
    test(`a ${kb} KB link that expands to ${mb} MB is refused without changing anything`, async () => {
      const context = await newContext();
      const { page, problems } = await draftInPlayground(context, "keep-me");
      await page.getByRole("button", { name: "New", exact: true }).click();
      const fresh = await editorDoc(page, "Container YAML");
      const fragment = bloatedFragment(mb * 1_000_000);
      assert.ok(Math.abs(fragment.length / 1000 - kb) < kb / 10, `${fragment.length} characters`);
      let crashed = false;
      page.on("crash", () => { crashed = true; });
      await followInTab(page, fragment);
      await page.getByRole("alert").filter({ hasText: /^This share link expands to more than 27 MiB: not opened\./ }).waitFor({ timeout: 15000 });
      assert.equal(crashed, false);
      assert.equal(await editorDoc(page, "Container YAML"), fresh);
      if (kb === 65) await screenshot(page, "link-expands-too-far.png");
      await undo(page).click();
      await waitForDoc(page, "Container YAML", "name: keep-me");
      await assertClean(page, problems);
      await context.close();
    });
  }

  test("page.js stops reading at the limit it is given, and refuses a text longer than the limit can pack into", async () => {
    const { page, context, problems } = await open();
    const result = await page.evaluate(async () => {
      // The module the app imported (wasm-pack names its folder by a hash).
      const url = performance.getEntriesByType("resource").map((e) => e.name).find((n) => n.includes("/snippets/") && n.endsWith("/page.js"));
      const { unpack } = await import(url);
      // Links are packed by core; here the browser's own deflate packs the texts (any deflate reads).
      const pack = async (text) => {
        const out = new Blob([new TextEncoder().encode(text)]).stream().pipeThrough(new CompressionStream("deflate-raw"));
        const bytes = new Uint8Array(await new Response(out).arrayBuffer());
        return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
      };
      const reason = (p) => p.then(() => "opened", (e) => e.message);
      const text = "é".repeat(500); // 1000 bytes of UTF-8
      const packed = await pack(text);
      const t0 = performance.now();
      const long = await reason(unpack("A".repeat(8_000_000), 1000));
      return {
        atLimit: (await unpack(packed, 1000)) === text,
        over: await reason(unpack(packed, 999)),
        long,
        longMs: performance.now() - t0,
        // Random text hardly compresses: its link is as long as a link of that limit gets, and is read.
        random: await (async () => {
          const ascii = String.fromCharCode(...crypto.getRandomValues(new Uint8Array(1000)).map((b) => 0x20 + (b % 0x5f)));
          return (await unpack(await pack(ascii), 1000)) === ascii;
        })(),
      };
    });
    assert.deepEqual({ ...result, longMs: undefined }, {
      atLimit: true,
      over: "This share link expands to more than 999 bytes: not opened.",
      long: "This share link is longer than any ecplay makes (8000000 characters): not opened.",
      longMs: undefined,
      random: true,
    });
    assert.ok(result.longMs < 200, `refused in ${result.longMs} ms, without reading it`);
    await assertClean(page, problems);
    await context.close();
  });
});
