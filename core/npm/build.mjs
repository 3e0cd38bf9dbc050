// `make package`: the npm package in pkg/ from what wasm-pack built (the WebAssembly and its
// glue, in the directory given first) and the hand-written files beside this script, with
// the workspace's version (root Cargo.toml). Prints each file's size and the package's
// gzip size (level 9, Node's zlib), what a browser downloads from a host that compresses.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const [built, out] = process.argv.slice(2).map((p) => resolve(p));
if (!built || !out) throw new Error("usage: node core/npm/build.mjs <wasm-pack out dir> <package dir>");

const cargo = readFileSync(join(here, "..", "..", "Cargo.toml"), "utf8");
const version = /\[workspace\.package\][^[]*?\nversion = "([^"]+)"/.exec(cargo)?.[1];
if (!version) throw new Error("no version in the root Cargo.toml's [workspace.package]");

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const manifest = JSON.parse(readFileSync(join(here, "package.json"), "utf8"));
const pkg = { name: manifest.name, version, ...manifest };
writeFileSync(join(out, "package.json"), JSON.stringify(pkg, null, 2) + "\n");
for (const f of ["ecplay_npm.js", "ecplay_npm_bg.wasm"]) copyFileSync(join(built, f), join(out, f));
for (const f of ["api.js", "browser.js", "node.js"]) copyFileSync(join(here, "js", f), join(out, f));
for (const f of ["index.d.ts", "README.md"]) copyFileSync(join(here, f), join(out, f));

// What a browser loads: browser.js, api.js, the glue and the WebAssembly.
let total = 0;
console.log(`    ${pkg.name} ${version} in ${out}:`);
for (const f of ["ecplay_npm_bg.wasm", "ecplay_npm.js", "api.js", "browser.js"]) {
  const bytes = readFileSync(join(out, f));
  const gz = gzipSync(bytes, { level: 9 }).length;
  total += gz;
  console.log(`    ${f.padEnd(24)} ${String(bytes.length).padStart(8)} bytes, ${String(gz).padStart(7)} gzipped`);
}
console.log(`    loaded in a browser: ${(total / 1024).toFixed(1)} KB gzipped`);
