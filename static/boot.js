// Starts the app. A file rather than an inline script: the page's Content-Security-Policy
// runs only the page's own scripts. The Rust side takes over from here (web/src/lib.rs);
// this only reports a module that cannot be loaded at all, or that has stopped on a panic.
import init from "../pkg/ecplay_web.js";

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

// The full playground is not run inside another site's page, which could dress it up or hide
// it over clicks meant for something else: it offers to open in a tab of its own instead.
// The embed (?embed=1, but not embed=0|false|no: web/src/page.rs) is made to be framed.
const embed = new URLSearchParams(location.search).get("embed");
if ((embed === null || ["0", "false", "no"].includes(embed)) && framedByAnotherSite()) {
  const message = document.createElement("p");
  message.className = "loading";
  const link = Object.assign(document.createElement("a"), { href: location.href, target: "_blank", rel: "noopener", textContent: "Open ecplay in a new tab" });
  message.append("ecplay does not run inside another site's page. ", link);
  document.getElementById("app")?.replaceChildren(message);
} else {
  init().catch((error) => {
    console.error("ecplay: the WebAssembly module could not be started", error);
    fatal("ecplay could not start in this browser. Reload the page to try again.", String(error));
  });
}
