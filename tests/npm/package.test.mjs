// The npm package `ecplay` as a user gets it: `npm pack` of pkg/ (`make package`), the
// tarball installed into a scratch project, and called there from Node and from Chromium,
// with the same answers as the CLI; its types checked by tsc against a consumer of every
// function, and refused where they must be.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { serve } from "../e2e/server.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const PKG = process.env.PKG ?? join(ROOT, "pkg");
const ECPLAY = process.env.ECPLAY ?? join(ROOT, "target", "debug", "ecplay");
const TSC = join(ROOT, "node_modules", ".bin", "tsc");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const fixture = (rel) => join(ROOT, "tests", "fixtures", rel);
const PODS = readdirSync(fixture("pods")).filter((f) => f.endsWith(".yaml")).map((f) => `pods/${f}`);
const CONTAINERS = ["ephemeral/debugger.yaml", "ephemeral/typo.yaml", "ephemeral/forbidden-ports.yaml"].filter((f) => existsSync(fixture(f)));

let scratch; // a temporary folder: the tarball, and the project it is installed into
let app;
let packed;

/** Runs `node -e <script>` in the scratch project (as an ES module) and returns what it prints as JSON. */
function inApp(script) {
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: app, encoding: "utf8", maxBuffer: 64 << 20 });
  return JSON.parse(out);
}

/** The CLI's answer: its standard output and exit status. */
function cli(args) {
  const r = spawnSync(ECPLAY, args, { encoding: "utf8", maxBuffer: 64 << 20 });
  return { stdout: r.stdout, status: r.status, stderr: r.stderr };
}

before(() => {
  assert.ok(existsSync(join(PKG, "package.json")), `${PKG}/package.json is missing: run 'make package' first`);
  assert.ok(existsSync(ECPLAY), `${ECPLAY} is missing: run 'cargo build -p ecplay-cli' first`);
  scratch = mkdtempSync(join(tmpdir(), "ecplay-npm-"));
  [packed] = JSON.parse(execFileSync("npm", ["pack", PKG, "--json", "--pack-destination", scratch, "--loglevel=error"], { encoding: "utf8" }));
  app = join(scratch, "app");
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "scratch", private: true, type: "module" }));
  // Offline: the package has no dependencies, so nothing but the tarball is needed.
  execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error", join(scratch, packed.filename)], { cwd: app });
});

after(() => scratch && rmSync(scratch, { recursive: true, force: true }));

describe("the packed package", () => {
  test("holds its files, at the workspace's version, and says its size", () => {
    const version = /\[workspace\.package\][^[]*?\nversion = "([^"]+)"/.exec(readFileSync(join(ROOT, "Cargo.toml"), "utf8"))[1];
    assert.equal(packed.name, "ecplay");
    assert.equal(packed.version, version);
    assert.deepEqual(packed.files.map((f) => f.path).sort(), [
      "README.md", "api.js", "browser.js", "ecplay_npm.js", "ecplay_npm_bg.wasm", "index.d.ts", "node.js", "package.json",
    ]);
    const installed = JSON.parse(readFileSync(join(app, "node_modules", "ecplay", "package.json"), "utf8"));
    assert.equal(installed.version, version);
    assert.equal(inApp(`import { version } from "ecplay"; console.log(JSON.stringify(version()));`), version);
    // Measured, not asserted: what a browser loads, gzipped (README of the package).
    const gz = (f) => gzipSync(readFileSync(join(app, "node_modules", "ecplay", f)), { level: 9 }).length;
    const files = ["ecplay_npm_bg.wasm", "ecplay_npm.js", "api.js", "browser.js"];
    const total = files.reduce((n, f) => n + gz(f), 0);
    console.log(`ecplay ${version}: tarball ${packed.size} bytes; a browser loads ${(total / 1024).toFixed(1)} KB gzipped (wasm ${(gz(files[0]) / 1024).toFixed(1)} KB)`);
  });
});

describe("called from Node in a scratch project", () => {
  test("check gives the CLI's diagnostics for every sample pod", () => {
    const cases = PODS.flatMap((pod) => CONTAINERS.map((ctr) => ({ pod, ctr })));
    cases.push({ pod: "pods/run-as-non-root.yaml", ctr: "ephemeral/debugger.yaml", options: { kubeVersion: "1.30", podSecurity: "enforce=restricted" }, flags: ["--kube-version", "1.30", "--pod-security", "enforce=restricted"] });
    cases.push({ pod: "pods/distroless-app.yaml", ctr: "ephemeral/typo.yaml", options: { fieldValidation: "strict", allowPrivileged: false }, flags: ["--field-validation", "strict", "--allow-privileged=false"] });
    const got = inApp(`
      import { readFileSync } from "node:fs";
      import { check } from "ecplay";
      const cases = ${JSON.stringify(cases.map(({ pod, ctr, options }) => ({ pod: fixture(pod), ctr: fixture(ctr), options })))};
      console.log(JSON.stringify(cases.map((c) => check(readFileSync(c.pod, "utf8"), readFileSync(c.ctr, "utf8"), c.options))));
    `);
    assert.equal(got.length, cases.length);
    let invalid = 0;
    cases.forEach((c, i) => {
      const out = cli(["check", "--pod", fixture(c.pod), "--ephemeral", fixture(c.ctr), "--format", "json", ...(c.flags ?? [])]);
      assert.ok(out.status === 0 || out.status === 1, `${c.pod} ${c.ctr}: ${out.stderr}`);
      const want = JSON.parse(out.stdout);
      assert.deepEqual({ valid: got[i].valid, diagnostics: got[i].diagnostics, summary: got[i].summary }, want, `${c.pod} + ${c.ctr}`);
      assert.equal(got[i].unusable, false);
      invalid += want.valid ? 0 : 1;
    });
    assert.ok(invalid > 0 && invalid < cases.length, "both verdicts are among the cases");
  });

  test("exportAs prints what ecplay export prints", () => {
    const pod = fixture("pods/with-ephemeral-container.yaml");
    const ctr = fixture("ephemeral/debugger.yaml");
    const forms = [["kubectl-patch", "posix", "1.37"], ["json-patch", "powershell", "1.37"], ["replace-raw", "posix", "1.30"], ["curl", "posix", "1.37"], ["yaml", "posix", "1.37"], ["follow-ups", "powershell", "1.37"], ["kubectl-debug", "posix", "1.37"]];
    const got = inApp(`
      import { readFileSync } from "node:fs";
      import { exportAs } from "ecplay";
      const [pod, ctr] = [readFileSync(${JSON.stringify(pod)}, "utf8"), readFileSync(${JSON.stringify(ctr)}, "utf8")];
      console.log(JSON.stringify(${JSON.stringify(forms)}.map(([f, shell, kubectlVersion]) => exportAs(f, pod, ctr, { shell, kubectlVersion }))));
    `);
    forms.forEach(([format, shell, kubectl], i) => {
      const out = cli(["export", "--pod", pod, "--ephemeral", ctr, "--as", format, "--shell", shell, "--kubectl-version", kubectl, "--custom-file", "debug-custom.json"]);
      assert.equal(out.status, 0, out.stderr);
      assert.equal(got[i].text + "\n", out.stdout, format);
      assert.equal(got[i].format, format);
    });
  });

  test("shareLink makes the link ecplay share makes, and decodeLink reads it as --decode does", () => {
    const pod = fixture("pods/distroless-app.yaml");
    const ctr = fixture("ephemeral/debugger.yaml");
    const got = inApp(`
      import { readFileSync } from "node:fs";
      import { decodeLink, shareLink } from "ecplay";
      const [pod, container] = [readFileSync(${JSON.stringify(pod)}, "utf8"), readFileSync(${JSON.stringify(ctr)}, "utf8")];
      const made = [
        shareLink({ base: "https://docs.example/ecplay/", pod, container }),
        shareLink({ base: "https://docs.example/ecplay/", pod, container, redact: false, embed: true, shell: "powershell", kubectlVersion: "1.30", tab: "curl" }),
        shareLink({ base: "https://docs.example/ecplay/", pod, container, kubeVersion: "1.30", allowPrivileged: false, podSecurity: "enforce=restricted:v1.29", embed: { show: ["composer", "export"], density: "compact" } }),
      ];
      console.log(JSON.stringify({ made, decoded: made.map((m) => decodeLink(m.url)) }));
    `);
    const flags = [
      [],
      ["--no-redact", "--embed", "--shell", "powershell", "--kubectl-version", "1.30", "--tab", "curl"],
      ["--kube-version", "1.30", "--allow-privileged=false", "--pod-security", "enforce=restricted:v1.29", "--embed", "--show", "composer,export", "--density", "compact"],
    ];
    flags.forEach((extra, i) => {
      const out = cli(["share", "--pod", pod, "--ephemeral", ctr, "--base", "https://docs.example/ecplay/", ...extra]);
      assert.equal(out.status, 0, out.stderr);
      assert.equal(got.made[i].url + "\n", out.stdout);
      const decoded = cli(["share", "--decode", got.made[i].url, "--format", "json"]);
      assert.deepEqual(got.decoded[i], JSON.parse(decoded.stdout));
    });
    assert.deepEqual(got.made[0].redaction.removed, ["1 env value", "1 ConfigMap name", "2 annotations", "5 labels", "managedFields", "status (but for the phase and each container's state and user, which the hints read)"]);
    assert.equal(got.made[1].redaction, null);
    assert.equal(got.decoded[1].query, "embed=1");
    assert.equal(got.decoded[2].query, "embed=1&show=composer,export&density=compact");
    assert.deepEqual([got.decoded[2].kubeVersion, got.decoded[2].allowPrivileged, got.decoded[2].labels["pod-security.kubernetes.io/enforce"]], ["1.30", false, "restricted"]);
  });

  test("importCommand reads a command line as ecplay import does", () => {
    const pod = fixture("pods/distroless-app.yaml");
    const name = /\n {2}name: (\S+)/.exec(readFileSync(pod, "utf8"))[1];
    const lines = [
      `kubectl debug -it ${name} -n payments --image=busybox:1.36 --target=app -c dbg --profile=restricted`,
      `kubectl debug ${name} --image=nicolaka/netshoot --profile=netadmin -- tcpdump -i any`,
    ];
    const got = inApp(`
      import { readFileSync } from "node:fs";
      import { check, importCommand } from "ecplay";
      const pod = readFileSync(${JSON.stringify(pod)}, "utf8");
      console.log(JSON.stringify(${JSON.stringify(lines)}.map((line) => {
        const i = importCommand(pod, line, { kubectlVersion: "1.35" });
        return { ...i, check: check(pod, i.yaml) };
      })));
    `);
    lines.forEach((line, i) => {
      const out = cli(["import", "--pod", pod, "--kubectl-version", "1.35", "--format", "json", line]);
      assert.equal(out.status, 0, out.stderr);
      const want = JSON.parse(out.stdout);
      assert.equal(got[i].kind, "imported");
      assert.deepEqual({ containers: got[i].containers, generatedNames: got[i].generatedNames, notes: got[i].notes }, { containers: want.ephemeralContainers, generatedNames: want.generatedNames, notes: want.notes });
      assert.equal(got[i].fieldValidation, want.fieldValidation.toLowerCase());
      const yaml = cli(["import", "--pod", pod, "--kubectl-version", "1.35", line]);
      assert.equal(got[i].yaml.trimEnd() + "\n", yaml.stdout);
      assert.equal(got[i].check.unusable, false);
    });
    const refused = inApp(`
      import { readFileSync } from "node:fs";
      import { importCommand } from "ecplay";
      const pod = readFileSync(${JSON.stringify(pod)}, "utf8");
      console.log(JSON.stringify([importCommand(pod, "kubectl debug ${name}"), importCommand(pod, "kubectl debug ${name} --image=busybox --custom=x.json")]));
    `);
    const out = cli(["import", "--pod", pod, `kubectl debug ${name}`]);
    assert.equal(out.status, 1);
    assert.equal(out.stderr.split("\n")[0], refused[0].message);
    assert.deepEqual([refused[1].kind, refused[1].path], ["needFile", "x.json"]);
  });

  test("what is wrong is thrown as an Error that says it", () => {
    const got = inApp(`
      import { check, decodeLink, exportAs, redact, shareLink } from "ecplay";
      const said = (f) => { try { f(); return "no error"; } catch (e) { return e.constructor.name + ": " + e.message; } };
      console.log(JSON.stringify([
        said(() => check("kind: Pod", "name: d", { kubeVerison: "1.30" })),
        said(() => check("kind: Pod", 42)),
        said(() => exportAs("pdf", "kind: Pod", "name: d")),
        said(() => redact("a: [")),
        said(() => shareLink({ pod: "", container: "" })),
        said(() => decodeLink("https://ecplay.example/#s=AAAA")),
        check("kind: Deployment", "name: d"),
      ]));
    `);
    assert.equal(got[0], 'Error: unknown option "kubeVerison" of check\'s options: mode, kubeVersion, allowPrivileged, fieldValidation, namespace, podSecurity');
    assert.equal(got[1], "TypeError: containersText must be a string, not number");
    assert.match(got[2], /^Error: no export format "pdf": strategic-patch, kubectl-patch, /);
    assert.match(got[3], /^Error: .*did not find expected/);
    assert.equal(got[4], "Error: shareLink needs base");
    assert.equal(got[5], "Error: it does not decompress (was the link cut short?)");
    assert.equal(got[6].unusable, true);
    assert.equal(got[6].diagnostics[0].source, "pod");
  });
});

describe("its TypeScript types", () => {
  /** tsc --noEmit on `file` in the scratch project, resolving the package as `resolution` does. */
  function tsc(file, resolution) {
    copyFileSync(join(ROOT, "tests", "npm", file), join(app, file));
    const module = resolution === "bundler" ? "esnext" : "nodenext";
    writeFileSync(join(app, "tsconfig.json"), JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: "es2022", module, moduleResolution: resolution, types: [], skipLibCheck: false },
      files: [file],
    }));
    return spawnSync(TSC, ["-p", "tsconfig.json"], { cwd: app, encoding: "utf8" });
  }

  for (const resolution of ["nodenext", "bundler"]) {
    test(`a consumer of every function compiles (moduleResolution ${resolution})`, () => {
      const r = tsc("consumer.ts", resolution);
      assert.equal(r.status, 0, r.stdout + r.stderr);
    });
  }

  test("misuse is refused, each line with its error", () => {
    const r = tsc("misuse.ts", "nodenext");
    assert.notEqual(r.status, 0);
    const lines = readFileSync(join(ROOT, "tests", "npm", "misuse.ts"), "utf8").split("\n");
    const expected = lines.flatMap((l, i) => (/\/\/ (TS\d+):/.exec(l) ? [`${i + 1} ${/\/\/ (TS\d+):/.exec(l)[1]}`] : []));
    const got = [...r.stdout.matchAll(/misuse\.ts\((\d+),\d+\): error (TS\d+)/g)].map((m) => `${m[1]} ${m[2]}`);
    assert.deepEqual([...new Set(got)], expected, r.stdout);
  });
});

describe("called from Chromium as an ES module", () => {
  let server;
  let browser;
  before(async () => {
    server = await serve(app);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"] });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test("checks a sample pod as Node does", async () => {
    writeFileSync(join(app, "index.html"), "<!doctype html><title>ecplay from npm</title>");
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(server.url);
    const [pod, ctr] = [readFileSync(fixture("pods/distroless-app.yaml"), "utf8"), readFileSync(fixture("ephemeral/typo.yaml"), "utf8")];
    const got = await page.evaluate(async ([pod, ctr]) => {
      const ecplay = await import("/node_modules/ecplay/browser.js");
      return { check: ecplay.check(pod, ctr), link: ecplay.shareLink({ base: "https://ecplay.example/", pod, container: ctr }).url };
    }, [pod, ctr]);
    const inNode = inApp(`
      import { readFileSync } from "node:fs";
      import { check, shareLink } from "ecplay";
      const [pod, ctr] = [readFileSync(${JSON.stringify(fixture("pods/distroless-app.yaml"))}, "utf8"), readFileSync(${JSON.stringify(fixture("ephemeral/typo.yaml"))}, "utf8")];
      console.log(JSON.stringify({ check: check(pod, ctr), link: shareLink({ base: "https://ecplay.example/", pod, container: ctr }).url }));
    `);
    assert.deepEqual(got, inNode);
    assert.ok(got.check.diagnostics.some((d) => d.code === "D-02"), "the typo is found");
    assert.deepEqual(errors, []);
    await page.close();
  });
});
