// The package's functions. Each hands strings to the WebAssembly (core/npm/src/lib.rs, with
// options as JSON text) and turns its JSON answer into a plain object, or throws an Error
// with the answer's message. The module is started by node.js or browser.js before anything
// imported from the package can be called.
import * as wasm from "./ecplay_npm.js";

function answer(text) {
  const v = JSON.parse(text);
  if ("error" in v) throw new Error(v.error);
  return v.ok;
}

function string(name, value) {
  if (typeof value !== "string") throw new TypeError(`${name} must be a string, not ${value === null ? "null" : typeof value}`);
  return value;
}

function object(name, value) {
  if (value === undefined) return "";
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new TypeError(`${name} must be an object`);
  return JSON.stringify(value);
}

export function check(podText, containersText, options) {
  return answer(wasm.check(string("podText", podText), string("containersText", containersText), object("options", options)));
}

export function exportAs(format, podText, containersText, options) {
  return answer(wasm.exportAs(string("format", format), string("podText", podText), string("containersText", containersText), object("options", options)));
}

export function redact(podText) {
  return answer(wasm.redact(string("podText", podText)));
}

export function shareLink(request) {
  if (request === undefined) throw new TypeError("request must be an object");
  return answer(wasm.shareLink(object("request", request)));
}

export function decodeLink(url) {
  return answer(wasm.decodeLink(string("url", url)));
}

export function importCommand(podText, commandLine, options) {
  return answer(wasm.importCommand(string("podText", podText), string("commandLine", commandLine), object("options", options)));
}

export function version() {
  return wasm.version();
}
