// What the app asks of the browser that wasm-bindgen's bindings make long-winded: reading
// share links, the samples' and the Learn panel's texts, the embed's height reports, the
// system theme, the browser's storage and its events, share links followed in an open tab,
// downloads. Imported by web/src/page.rs (`#[wasm_bindgen(module = "/src/page.js")]`);
// wasm-pack copies it into pkg/snippets/.

// Share links are made by core (ecplay_core::share, its deflate in the module loaded on
// demand) and read here with the browser's own inflate (DecompressionStream): any deflate
// reads back the same, and the first download holds no inflater.
function fromBase64Url(text) {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const s = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return bytes;
}

/** A refusal whose message is the whole sentence to show (web/src/page.rs reads `whole`). */
const refusal = (message) => Object.assign(new Error(message), { whole: true });

/** `n` bytes as a person reads a limit: whole MiB from 1 MiB up (rounded down). */
const size = (n) => (n >= 0x100000 ? `${Math.floor(n / 0x100000)} MiB` : `${n} bytes`);

/**
 * The text core's `share::pack` made; rejects with a readable message when `packed` is not one, or when it
 * would expand to more than `max` bytes. Deflate can pack a thousand bytes into one, so the
 * output is read as it comes and dropped at the limit: the compressed bytes go in a piece at
 * a time, each once the output of the last has been taken, so that no more than the limit
 * and a piece's worth of output is ever held.
 */
export async function unpack(packed, max) {
  // Deflate's worst case (stored blocks: 5 bytes more per 65535) of `max` bytes, in base64:
  // no text ecplay reads packs into a longer link.
  if (packed.length > Math.ceil((max + 5 * Math.ceil(max / 65535) + 5) / 3) * 4) {
    throw refusal(`This share link is longer than any ecplay makes (${packed.length} characters): not opened.`);
  }
  let bytes;
  try {
    bytes = fromBase64Url(packed);
  } catch {
    throw new Error("it is not base64url text (was the link cut or changed?)");
  }
  const stream = new DecompressionStream("deflate-raw");
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  (async () => {
    for (let i = 0; i < bytes.length; i += 1024) {
      await writer.ready;
      await writer.write(bytes.subarray(i, i + 1024));
    }
    await writer.close();
  })().catch(() => {}); // a stream cut short or cancelled: the reader says why
  const chunks = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > max) {
        reader.cancel().catch(() => {});
        throw refusal(`This share link expands to more than ${size(max)}: not opened.`);
      }
      chunks.push(value);
    }
    return new TextDecoder("utf-8", { fatal: true }).decode(await new Blob(chunks).arrayBuffer());
  } catch (e) {
    if (e.whole) throw e;
    throw new Error("it does not decompress (was the link cut short?)");
  }
}

/** Calls `callback(packed)` whenever the address's fragment becomes `#<prefix><packed>` in this tab. */
export function onShareLink(prefix, callback) {
  addEventListener("hashchange", () => {
    const hash = location.hash.slice(1);
    if (hash.startsWith(prefix)) callback(hash.slice(prefix.length));
  });
}

// This browser's storage for the site, or null where it is refused: reading `localStorage`
// throws in a frame of another site with third-party storage blocked, under some privacy
// settings and on opaque origins, and is null in some browsers. Nothing below throws.
let store = null;
try {
  store = window.localStorage ?? null;
  store?.length; // some browsers refuse only on use
} catch {
  store = null;
}

/** `f()`, or `otherwise` when it throws. */
function attempt(f, otherwise) {
  try {
    return f();
  } catch {
    return otherwise;
  }
}

/** Whether anything can be kept. */
export const keepOn = () => store !== null;

/** The text kept under `key`, or undefined. */
export const keepGet = (key) => attempt(() => store?.getItem(key) ?? undefined);

export const keepRemove = (key) => attempt(() => store?.removeItem(key));

const PROBE = "ecplay.probe";

/**
 * Keeps `value` under `key`. Says "" when it is kept; "off" when storage refuses (and will
 * keep nothing); "full N" when it is full of other data (N characters under other keys) and
 * `value` would fit without it; "big" when `value` is more than this storage can hold at
 * all. Browsers count what a site keeps in characters of keys and values (Chromium: 5 MiB of
 * them): one trial write of the room `value` would need with everything else gone tells
 * the last two apart, without knowing the browser's quota.
 */
export function keepSet(key, value) {
  if (!store) return "off";
  try {
    store.setItem(key, value);
    return "";
  } catch (e) {
    if (e?.name !== "QuotaExceededError") return "off";
  }
  return attempt(() => {
    let others = 0;
    for (let i = 0; i < store.length; i++) {
      const k = store.key(i);
      if (k !== key) others += k.length + store.getItem(k).length;
    }
    const full = `full ${others}`;
    const room = value.length - others - (store.getItem(key)?.length ?? 0) - PROBE.length;
    if (room <= 0) return full;
    try {
      store.setItem(PROBE, "x".repeat(room));
      store.removeItem(PROBE);
      return full;
    } catch {
      return "big";
    }
  }, "off");
}

/**
 * Calls `callback()` when another tab of this site changes one of `keys` (separated by
 * spaces) or clears the storage. A tab's own writes are not reported to it.
 */
export function onKeptElsewhere(keys, callback) {
  const watched = keys.split(" ");
  addEventListener("storage", (e) => {
    if (store && e.storageArea === store && (e.key === null || watched.includes(e.key))) callback();
  });
}

/** An address for `text` as a file to download (a Blob's). */
export function downloadUrl(text) {
  return URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
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
 * `{type: "ecplay:height", height}` (the parent matches `event.source` to its iframe). A change
 * is measured in the next animation frame, when the layout it caused has settled (fonts that
 * load later are changes too), so that a burst of changes makes one report: never more than
 * one a frame, and none when the height is what was last said.
 */
export function reportHeight() {
  if (window.parent === window) return;
  let last = -1;
  let queued = false;
  const send = () => {
    queued = false;
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height !== last) {
      last = height;
      window.parent.postMessage({ type: "ecplay:height", height }, "*");
    }
  };
  const soon = () => {
    if (!queued) {
      queued = true;
      requestAnimationFrame(send);
    }
  };
  new ResizeObserver(soon).observe(document.documentElement);
  document.fonts?.ready.then(soon);
  soon();
}

/** Whether the system asks for a dark theme. */
export function prefersDark() {
  return window.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false;
}

/** Calls `callback(dark)` whenever the system theme changes. */
export function onSystemTheme(callback) {
  window.matchMedia?.("(prefers-color-scheme: dark)").addEventListener("change", (e) => callback(e.matches));
}

/**
 * Calls `callback(bytes, name)` with the first file dropped on `element` (`bytes` null and
 * `name` the reason when it cannot be read, or is longer than `max` bytes); other drops (text
 * dragged within the page) go on as usual.
 */
export function onFileDrop(element, max, callback) {
  const carriesFiles = (e) => [...(e.dataTransfer?.types ?? [])].includes("Files");
  element.addEventListener("dragover", (e) => {
    if (!carriesFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "copy";
  });
  element.addEventListener("drop", (e) => {
    const file = e.dataTransfer?.files?.[0];
    if (!file) return;
    e.preventDefault();
    readFile(file, max, callback);
  });
}

/** Calls `callback` as `onFileDrop` does with the file chosen in the file input `input`. */
export function onFileChosen(input, max, callback) {
  input.addEventListener("change", () => {
    const file = input.files?.[0];
    if (file) readFile(file, max, callback);
    input.value = ""; // the same file chosen again is a change again
  });
}

function readFile(file, max, callback) {
  if (file.size > max) return callback(null, `${file.name} is ${file.size} bytes, more than any pod`);
  file.arrayBuffer().then((b) => callback(new Uint8Array(b), file.name), (e) => callback(null, `${file.name} could not be read (${e?.message ?? e})`));
}
