// Two builds of the site side by side, for a change to the keystroke: this machine's speed
// moves by half from one minute to the next, more than most changes do, so two runs of
// browser.mjs one after the other compare the minutes rather than the builds. Here one
// browser holds both, each with the 1 MB pod pasted (and, unless PLAIN=1, Pod Security at
// restricted), and they take turns: ten keystrokes each, ROUNDS times (16 by default).
//
//   node tests/bench/ab.mjs A_DIST B_DIST    (e.g. a build of main's dist/ and this one's)
//
// Prints each build's median, p95 and max over all its keystrokes. Not a test, and not run by
// `make bench`: it measures a change, not the budget.
import { chromium } from "playwright-core";
import { serve } from "../e2e/server.mjs";
import { ARGS, bigPod, keystrokes, pasteBigPod, quantile, restrict } from "./keystroke.mjs";

const dists = process.argv.slice(2);
if (dists.length !== 2) {
  console.error("usage: node tests/bench/ab.mjs A_DIST B_DIST");
  process.exit(2);
}
const ROUNDS = Number(process.env.ROUNDS ?? 16);
const big = bigPod(1 << 20);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ARGS });
const sides = [];
try {
  for (const dist of dists) {
    const server = await serve(dist);
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    page.on("crash", () => console.error(`the page of ${dist} crashed`));
    await page.goto(server.url);
    await page.mouse.move(10, 10);
    await page.waitForFunction(() => performance.getEntriesByName("ecplay:live").length > 0, null, { timeout: 30000 });
    await pasteBigPod(page, big);
    if (!process.env.PLAIN) await restrict(page);
    await keystrokes(page, 6); // warm-up
    sides.push({ dist, server, page, times: [] });
  }
  for (let r = 0; r < ROUNDS; r++) {
    for (const side of sides) {
      await side.page.bringToFront();
      side.times.push(...(await keystrokes(side.page, 10)));
    }
  }
  const ms = (x) => x.toFixed(1);
  console.log(`\nKeystroke on the 1 MB pod${process.env.PLAIN ? "" : ", Pod Security restricted"} (ms, ${ROUNDS} turns of 10)\n`);
  console.log("| build | median | p95 | max |\n|---|---:|---:|---:|");
  for (const s of sides) console.log(`| ${s.dist} | ${ms(quantile(s.times, 0.5))} | ${ms(quantile(s.times, 0.95))} | ${ms(Math.max(...s.times))} |`);
} finally {
  await browser.close();
  for (const s of sides) await s.server.close();
}
