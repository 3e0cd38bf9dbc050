// Node (20 or later): the WebAssembly read from beside this file and started at once.
import { readFileSync } from "node:fs";
import { initSync } from "./ecplay_npm.js";

initSync({ module: readFileSync(new URL("./ecplay_npm_bg.wasm", import.meta.url)) });

export * from "./api.js";
