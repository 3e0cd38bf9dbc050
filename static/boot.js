// Starts the app. A file rather than an inline script: the page's Content-Security-Policy
// runs only the page's own scripts. The Rust side takes over from here (web/src/lib.rs);
// this reports a module that cannot be loaded at all, or that has stopped on a panic, and
// on a first visit shows the first screen rendered at build time (web/prerender.mjs) until
// the visitor's first move, when it fetches the app and lets it take over (`firstScreen`).
// The theme chosen with the toggle (or an embed's theme=), on <html> before the app is up,
// so that a dark page does not flash light while the WebAssembly loads (web/src/app.rs
// keeps it from then on).
try {
  const params = new URLSearchParams(location.search);
  // The app keeps its choice as JSON (a quoted string).
  const kept = params.has("embed") ? null : localStorage.getItem("ecplay.theme");
  const asked = params.get("theme") ?? (kept === null ? null : JSON.parse(kept));
  if (asked === "light" || asked === "dark") document.documentElement.dataset.theme = asked;
} catch {
  // Storage can be refused (privacy settings): the system's theme applies.
}

/** The banner at the top of the page (once), as web/src/lib.rs shows it for a panic. */
function fatal(title, detail) {
  if (document.getElementById("ecplay-fatal")) return;
  const banner = document.createElement("div");
  banner.id = "ecplay-fatal";
  banner.className = "fatal";
  banner.setAttribute("role", "alert");
  const strong = document.createElement("strong");
  strong.textContent = title;
  const pre = document.createElement("pre");
  pre.textContent = detail;
  banner.append(strong, pre);
  document.body.prepend(banner);
}

// The release build's panics abort at once (Makefile: -Cpanic=immediate-abort), without
// a message: the module traps, and the trap reaches the page as an uncaught
// WebAssembly.RuntimeError. Its first frames name the build's functions by index, for a
// bug report.
function trapped(error) {
  if (!(error instanceof WebAssembly.RuntimeError)) return;
  const frames = String(error.stack ?? "").split("\n").filter((l) => l.includes("wasm-function")).slice(0, 4)
    .map((f) => f.trim().replace(/^at .*\//, "at "));
  fatal("ecplay stopped because of a bug. Reload the page to start again.", [String(error), ...frames].join("\n"));
}
addEventListener("error", (e) => trapped(e.error));
addEventListener("unhandledrejection", (e) => trapped(e.reason));

/**
 * Whether a page of another site frames this one, at any depth (the browser refuses to show
 * another site's address to a frame). Hosts that can send headers refuse it outright
 * (`frame-ancestors 'self'`: README, "Hosting"); this holds on the hosts that cannot.
 */
function framedByAnotherSite() {
  for (let w = window; w !== w.parent; w = w.parent) {
    try {
      if (w.parent.location.origin !== location.origin) return true;
    } catch {
      return true;
    }
  }
  return false;
}

/** The "Loading ecplay…" line the page shows while the app is fetched. */
function loading() {
  return Object.assign(document.createElement("p"), { className: "loading", textContent: "Loading ecplay…" });
}

/**
 * Fetches and starts the app, which renders into #app (web/src/lib.rs). Imported here, not
 * at the top: the first screen is shown without waiting for the app's scripts.
 */
function start() {
  return import("../pkg/ecplay_web.js").then(({ default: init }) => init()).catch((error) => {
    console.error("ecplay: the WebAssembly module could not be started", error);
    fatal("ecplay could not start in this browser. Reload the page to try again.", String(error));
    throw error;
  });
}

/**
 * Whether this is a first visit to the plain page: no share link, no embed or other option,
 * nothing the app keeps in this browser (web/src/storage.rs) but the theme (which boot.js
 * has already put on <html>). The first screen rendered at build time is that page.
 */
function firstVisit() {
  if (location.hash.length > 1 || location.search.length > 1) return false;
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key?.startsWith("ecplay.") && key !== "ecplay.theme") return false;
    }
  } catch {
    // Storage refused: nothing can have been kept.
  }
  return true;
}

/** Where `node` is under `root`, as child indexes. */
function pathOf(root, node) {
  const path = [];
  for (let n = node; n && n !== root; n = n.parentElement) path.unshift([...n.parentElement.children].indexOf(n));
  return path;
}

/** The element at `path` under `root`, if it has `tag`. */
function atPath(root, path, tag) {
  let n = root;
  for (const i of path) n = n?.children[i];
  return n?.tagName === tag ? n : null;
}

/** The form fields under `root`, each with a key that finds its counterpart in another copy of the page. */
function fields(root) {
  const seen = new Map();
  return [...root.querySelectorAll("input, textarea, select")].map((field) => {
    const name = field.id || `${field.tagName}|${field.getAttribute("aria-label") ?? ""}|${field.name}|${field.type}`;
    const n = seen.get(name) ?? 0;
    seen.set(name, n + 1);
    return [`${name}#${n}`, field];
  });
}

/**
 * A first visit: the first screen rendered at build time (#app[data-prerendered]) is shown as
 * it is, and the app is fetched on the visitor's first move. Until the app runs, the page's
 * own fields, selects and panels work as the browser makes them; the app then renders into a
 * hidden copy, and once its form and editors are there, `takeOver` puts it in place, in one
 * task (no key can fall between), with what the visitor did meanwhile.
 */
function firstScreen(app) {
  for (const el of app.querySelectorAll("[data-style]")) el.style.cssText = el.dataset.style;
  // Rendered in the light theme; the toggle says which theme shows.
  const theme = document.documentElement.dataset.theme;
  const dark = theme ? theme === "dark" : window.matchMedia?.("(prefers-color-scheme: dark)").matches;
  app.querySelector("button.theme")?.setAttribute("aria-pressed", String(Boolean(dark)));
  app.dataset.shown = "";
  requestAnimationFrame(() => performance.mark("ecplay:shown"));
  // Buttons pressed before the app runs are pressed again once it does.
  const clicks = [];
  const onClick = (e) => {
    const button = e.target instanceof Element ? e.target.closest("button") : null;
    if (button && app.contains(button)) clicks.push(pathOf(app, button));
  };
  // The order of the visitor's edits. A text typed or scrolled in an editor before the app
  // runs is shown as it is (the colouring, drawn beneath the text area, comes with the app).
  const edited = new Map();
  let edits = 0;
  const onEdit = (e) => {
    if (!(e.target instanceof Element)) return;
    if (e.type === "input") {
      edited.set(e.target, edits++);
      // The verdict shown is the first screen's: it says that the edit waits for the app.
      const verdict = app.querySelector('[role="status"]');
      if (verdict && !verdict.hasAttribute("aria-busy")) {
        verdict.setAttribute("aria-busy", "true");
        verdict.append(Object.assign(document.createElement("span"), { className: "waiting", textContent: " Your edit is judged once ecplay has loaded…" }));
      }
    }
    e.target.closest(".ed")?.classList.add("ed-plain");
  };
  // A file dropped before the app runs is dropped again where it fell once it does (without
  // this, the browser would open the file instead of the page).
  const drops = [];
  const carriesFiles = (e) => [...(e.dataTransfer?.types ?? [])].includes("Files");
  const onDragOver = (e) => carriesFiles(e) && e.preventDefault();
  const onDrop = (e) => {
    const file = e.dataTransfer?.files?.[0];
    if (!file || !(e.target instanceof Element)) return;
    e.preventDefault();
    drops.push([pathOf(app, e.target), e.target.tagName, file]);
  };
  const listeners = [["click", onClick], ["input", onEdit], ["scroll", onEdit], ["dragover", onDragOver], ["drop", onDrop]];
  for (const [type, listener] of listeners) app.addEventListener(type, listener, true);
  const MOVES = ["pointermove", "pointerdown", "keydown", "focusin", "touchstart", "wheel", "dragenter", "hashchange"];
  const go = () => {
    for (const type of MOVES) removeEventListener(type, go, true);
    performance.mark("ecplay:move");
    app.id = "app-pre";
    const next = Object.assign(document.createElement("div"), { id: "app", className: "taking-over" });
    app.after(next);
    start().then(() => {
      const ready = () => performance.getEntriesByName("ecplay:usable").length > 0
        && next.querySelectorAll(".ed textarea").length >= app.querySelectorAll(".ed textarea").length;
      const wait = () => (ready() ? takeOver(app, next, { clicks, drops, edited }, listeners) : requestAnimationFrame(wait));
      wait();
    }, () => {});
  };
  for (const type of MOVES) addEventListener(type, go, { capture: true, passive: true });
}

/** What `field` holds, as one comparable value. */
function valueOf(field) {
  if (field.type === "file") return field.files?.[0] ?? null;
  if (field instanceof HTMLSelectElement) return [...field.options].map((o) => o.selected).join();
  if (field.type === "checkbox" || field.type === "radio") return field.checked;
  return field.value;
}

/** Sets `field` to what `was` holds, with the events the browser sends for such an edit. */
function copyInto(field, was) {
  if (field instanceof HTMLSelectElement) [...was.options].forEach((o, i) => field.options[i] && (field.options[i].selected = o.selected));
  else if (field.type === "checkbox" || field.type === "radio") field.checked = was.checked;
  else if (field.type === "file") field.files = was.files;
  else field.value = was.value;
  field.dispatchEvent(new Event("input", { bubbles: true }));
  // A text field's change comes when it is left.
  if (!(field instanceof HTMLTextAreaElement) && !/^(text|search|url|email|tel|password|number)$/.test(field.type)) {
    field.dispatchEvent(new Event("change", { bubbles: true }));
  }
}

/** After the app has rendered what the last event changed (Yew renders at once or in a microtask, before any timer). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

/**
 * The app, rendered in `next` (hidden), takes the place of the first screen `pre`, with what
 * was done on it. Each field of `pre` that holds other than the app rendered is put into the
 * app's, one at a time (the app renders between two, as between two keys): first those the
 * visitor did not touch (the name the first screen showed: the app makes a new
 * debugger-xxxxx), then the visitor's edits in the order they were made, so that the later
 * wins (a name typed into the form after the YAML was edited, say). What is typed on the
 * first screen meanwhile follows; then, in one task, the two are swapped.
 */
async function takeOver(pre, next, { clicks, drops, edited }, listeners) {
  const counterparts = new Map(fields(next));
  const pairs = fields(pre).map(([key, f]) => [counterparts.get(key), f]).filter(([n, f]) => n?.tagName === f.tagName);
  const order = (f) => edited.get(f) ?? -1;
  let edits = pairs.filter(([n, f]) => valueOf(n) !== valueOf(f)).sort(([, a], [, b]) => order(a) - order(b));
  for (;;) {
    const seen = new Map(pairs.map(([, f]) => [f, valueOf(f)]));
    for (const [field, was] of edits) {
      copyInto(field, was);
      await settle();
    }
    edits = pairs.filter(([, f]) => valueOf(f) !== seen.get(f)).sort(([, a], [, b]) => order(a) - order(b));
    if (!edits.length) break;
  }
  for (const [type, listener] of listeners) pre.removeEventListener(type, listener, true);
  const opened = [...pre.querySelectorAll("details")].map((d) => [atPath(next, pathOf(pre, d), "DETAILS"), d.open]);
  const active = document.activeElement;
  let focus = null;
  if (active && pre.contains(active)) {
    const key = fields(pre).find(([, f]) => f === active)?.[0];
    focus = [key ? counterparts.get(key) : atPath(next, pathOf(pre, active), active.tagName), active];
  }
  const [x, y] = [scrollX, scrollY];
  pre.remove();
  next.className = "";
  scrollTo(x, y);
  for (const [d, open] of opened) if (d && d.open !== open) d.open = open;
  const [to, from] = focus ?? [];
  if (to) {
    to.focus({ preventScroll: true });
    if ("selectionStart" in from && from.selectionStart !== null) {
      to.setSelectionRange(from.selectionStart, from.selectionEnd, from.selectionDirection);
      to.scrollTop = from.scrollTop;
      to.scrollLeft = from.scrollLeft;
    }
  }
  for (const path of clicks) atPath(next, path, "BUTTON")?.click();
  for (const [path, tag, file] of drops) {
    const dataTransfer = new DataTransfer();
    dataTransfer.items.add(file);
    atPath(next, path, tag)?.dispatchEvent(new DragEvent("drop", { dataTransfer, bubbles: true, cancelable: true }));
  }
  performance.mark("ecplay:live");
}

// The full playground is not run inside another site's page, which could dress it up or hide
// it over clicks meant for something else: it offers to open in a tab of its own instead.
// The embed (?embed=1, but not embed=0|false|no: web/src/page.rs) is made to be framed.
const embed = new URLSearchParams(location.search).get("embed");
const app = document.getElementById("app");
const prerendered = app?.hasAttribute("data-prerendered");
if ((embed === null || ["0", "false", "no"].includes(embed)) && framedByAnotherSite()) {
  const message = document.createElement("p");
  message.className = "loading";
  const link = Object.assign(document.createElement("a"), { href: location.href, target: "_blank", rel: "noopener", textContent: "Open ecplay in a new tab" });
  message.append("ecplay does not run inside another site's page. ", link);
  app?.removeAttribute("data-prerendered");
  app?.replaceChildren(message);
} else if (prerendered && firstVisit()) {
  firstScreen(app);
} else {
  // The first screen is a first visit's: anything else waits for the app.
  if (prerendered) {
    app.removeAttribute("data-prerendered");
    app.replaceChildren(loading());
  }
  start().catch(() => {});
}
