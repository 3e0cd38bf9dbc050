// Browsers and bundlers: the WebAssembly fetched from beside this file (bundlers copy it, as
// `new URL(…, import.meta.url)` asks) and started before the module's importers run.
import init from "./ecplay_npm.js";

await init({ module_or_path: new URL("./ecplay_npm_bg.wasm", import.meta.url) });

export * from "./api.js";
