// What the app asks of the browser that wasm-bindgen's bindings make long-winded: share-link
// compression, the samples' and the Learn panel's texts, the embed's height reports, the
// system theme. Imported by web/src/page.rs (`#[wasm_bindgen(module = "/src/page.js")]`);
// wasm-pack copies it into pkg/snippets/.

// The browser's own deflate (CompressionStream, "deflate-raw"): no compressor in the
// WebAssembly, and share links stay a fraction of the text's length.
async function pipe(bytes, stream) {
  const out = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

function toBase64Url(bytes) {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text) {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const s = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return bytes;
}

/** `text` deflated and written in base64url (the URL-safe alphabet, no padding). */
export async function pack(text) {
  return toBase64Url(await pipe(new TextEncoder().encode(text), new CompressionStream("deflate-raw")));
}

/** The text `pack` made; rejects with a readable message when `packed` is not one. */
export async function unpack(packed) {
  let bytes;
  try {
    bytes = fromBase64Url(packed);
  } catch {
    throw new Error("it is not base64url text (was the link cut or changed?)");
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(await pipe(bytes, new DecompressionStream("deflate-raw")));
  } catch {
    throw new Error("it does not decompress (was the link cut short?)");
  }
}

/** The text at `url`, relative to the page; rejects with a readable message. */
export async function fetchText(url) {
  let response;
  try {
    response = await fetch(url);
  } catch {
    throw new Error("it could not be fetched (is the network down?)");
  }
  if (!response.ok) throw new Error(`the server answered ${response.status} ${response.statusText}`.trim());
  return response.text();
}

/**
 * Calls `callback` once, when `element` first comes within 200 pixels of the viewport (at
 * once where IntersectionObserver is missing).
 */
export function whenNear(element, callback) {
  if (typeof IntersectionObserver !== "function") return callback();
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) {
      observer.disconnect();
      callback();
    }
  }, { rootMargin: "200px 0px" });
  observer.observe(element);
}

/**
 * In an iframe: tells the parent page the document's height whenever it changes, as
 * `{type: "ecplay:height", height}` (the parent matches `event.source` to its iframe).
 */
export function reportHeight() {
  if (window.parent === window) return;
  let last = -1;
  const send = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height !== last) {
      last = height;
      window.parent.postMessage({ type: "ecplay:height", height }, "*");
    }
  };
  new ResizeObserver(send).observe(document.documentElement);
  send();
}

/** Whether the system asks for a dark theme. */
export function prefersDark() {
  return window.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false;
}

/** Calls `callback(dark)` whenever the system theme changes. */
export function onSystemTheme(callback) {
  window.matchMedia?.("(prefers-color-scheme: dark)").addEventListener("change", (e) => callback(e.matches));
}
