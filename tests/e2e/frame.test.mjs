// The full playground is not to be run inside another site's page (whose page could dress it
// up, or hide it, over clicks meant for something else): framed by another origin it shows
// only a link that opens it in a tab of its own. The embed (?embed=1) is made to be framed.
// `make serve` (.ci/serve.py) says the same to the browser with response headers.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "./server.mjs";
import { DIST, ROOT, SHOTS, STATUS_BAD, STATUS_OK, newContext, siteUrl, useSite } from "./harness.mjs";

useSite();

/**
 * A page of another site that frames `frames` ({id: src}): served from a folder of its own
 * on another port of 127.0.0.1, another origin (a public address could not frame a local one
 * at all: Chromium keeps public pages from reaching private networks).
 */
async function docsPage(t, context, frames) {
  const root = mkdtempSync(join(tmpdir(), "ecplay-docs-"));
  writeFileSync(join(root, "index.html"), `<!doctype html><title>Docs</title><link rel="icon" href="data:,">${Object.entries(frames).map(([id, src]) => `<iframe id="${id}" title="${id}" src="${src}" style="width: 100%; height: 20rem"></iframe>`).join("")}`);
  const docs = await serve(root);
  t.after(() => { docs.close(); }); // not awaited: a failed test may leave its connections open
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  return { page, errors, url: docs.url };
}

describe("framing", () => {
  test("framed by another site, the full playground only offers to open in a new tab; the embed runs", async (t) => {
    const context = await newContext();
    const full = `${siteUrl()}#learn-what`;
    const { page, errors, url } = await docsPage(t, context, { full, embed: `${siteUrl()}?embed=1&sample=distroless-app` });
    await page.goto(url);
    const framed = page.frameLocator("#full");
    const link = framed.getByRole("link", { name: "Open ecplay in a new tab", exact: true });
    await link.waitFor();
    assert.deepEqual(await link.evaluate((a) => [a.href, a.target, a.rel]), [full, "_blank", "noopener"]);
    assert.equal(await framed.getByRole("heading", { name: "ecplay", exact: true }).count(), 0, "the app is not started");
    await page.frameLocator("#embed").getByRole("status").filter({ hasText: STATUS_OK }).waitFor({ timeout: 10000 });
    await page.screenshot({ path: join(SHOTS, "framed-by-another-site.png"), fullPage: true });
    // The link opens the playground itself, in a tab of its own.
    const [opened] = await Promise.all([context.waitForEvent("page"), link.click()]);
    await opened.getByRole("heading", { name: "ecplay", exact: true }).waitFor();
    assert.equal(opened.url(), full);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("framed by its own site, the full playground runs", async () => {
    const context = await newContext();
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`${siteUrl()}static/embed-demo.html`);
    await page.evaluate((src) => {
      document.body.append(Object.assign(document.createElement("iframe"), { title: "same site", src }));
    }, siteUrl());
    const frame = page.frameLocator('iframe[title="same site"]');
    await frame.getByRole("heading", { name: "ecplay", exact: true }).waitFor({ timeout: 10000 });
    await frame.getByRole("status").filter({ hasText: STATUS_OK }).waitFor();
    assert.equal(await frame.getByRole("link", { name: "Open ecplay in a new tab" }).count(), 0);
    assert.deepEqual(errors, []);
    await context.close();
  });
});

/** A port nobody listens on now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer().once("error", reject).listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

describe("make serve", () => {
  test("sends frame-ancestors 'self' and X-Frame-Options for the full page, not for the embed, and the right MIME types", async (t) => {
    const port = await freePort();
    const child = spawn("python3", [join(ROOT, ".ci", "serve.py"), DIST], { env: { ...process.env, PORT: String(port) }, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => { stderr += d; });
    try {
      // Ready once it says where it serves.
      await new Promise((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (d) => { out += d; if (out.includes(`http://127.0.0.1:${port}/`)) resolve(); });
        child.once("exit", (code) => reject(new Error(`.ci/serve.py exited with ${code}: ${stderr}`)));
      });
      const base = `http://127.0.0.1:${port}/`;
      const headers = async (path) => {
        const r = await fetch(base + path);
        await r.arrayBuffer();
        return { status: r.status, type: r.headers.get("content-type"), csp: r.headers.get("content-security-policy"), xfo: r.headers.get("x-frame-options") };
      };
      const framing = { csp: "frame-ancestors 'self'", xfo: "SAMEORIGIN" };
      const none = { csp: null, xfo: null };
      assert.deepEqual(await headers(""), { status: 200, type: "text/html; charset=utf-8", ...framing });
      assert.deepEqual(await headers("index.html#s=abc"), { status: 200, type: "text/html; charset=utf-8", ...framing });
      assert.deepEqual(await headers("?embed=1&sample=static-pod"), { status: 200, type: "text/html; charset=utf-8", ...none });
      assert.deepEqual(await headers("?sample=static-pod&embed=1"), { status: 200, type: "text/html; charset=utf-8", ...none });
      assert.deepEqual(await headers("?embed=0"), { status: 200, type: "text/html; charset=utf-8", ...framing });
      assert.equal((await headers("pkg/ecplay_web_bg.wasm")).type, "application/wasm");
      assert.equal((await headers("pkg/ecplay_web.js")).type, "text/javascript; charset=utf-8");
      assert.equal((await headers("static/style.css")).type, "text/css; charset=utf-8");
      assert.equal((await headers("static/learn.json")).type, "application/json");
      assert.equal((await headers("samples/static-pod.yaml")).status, 200);
      assert.equal((await headers("../Makefile")).status, 404);

      // In Chromium: another site cannot frame the full page; it can frame the embed.
      const context = await newContext();
      const { page, errors, url } = await docsPage(t, context, { full: base, embed: `${base}?embed=1&sample=static-pod` });
      const refused = page.waitForEvent("console", (m) => m.text().includes("frame-ancestors 'self'"));
      await page.goto(url);
      await refused;
      await page.frameLocator("#embed").getByRole("status").filter({ hasText: STATUS_BAD }).waitFor({ timeout: 10000 });
      assert.deepEqual(errors.filter((e) => !e.includes("frame-ancestors")), []);
      // The demo page of embeds works as served.
      const demo = await context.newPage();
      await demo.goto(`${base}static/embed-demo.html`);
      await demo.frameLocator("#distroless").getByRole("status").filter({ hasText: STATUS_OK }).waitFor({ timeout: 10000 });
      // and so does the loader's (embed.js) under make serve's headers.
      await demo.locator("#static").scrollIntoViewIfNeeded();
      await demo.frameLocator("#static iframe").getByRole("status").filter({ hasText: STATUS_BAD }).waitFor({ timeout: 10000 });
      await context.close();
    } finally {
      child.kill();
    }
  });
});
