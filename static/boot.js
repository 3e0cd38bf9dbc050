// Starts the app. A file rather than an inline script: the page's Content-Security-Policy
// runs only the page's own scripts. The Rust side takes over from here (web/src/lib.rs);
// this only reports a module that cannot be loaded at all, with the same banner as a panic.
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

init().catch((error) => {
  console.error("ecplay: the WebAssembly module could not be started", error);
  if (document.getElementById("ecplay-fatal")) return;
  const banner = document.createElement("div");
  banner.id = "ecplay-fatal";
  banner.className = "fatal";
  banner.setAttribute("role", "alert");
  const title = document.createElement("strong");
  title.textContent = "ecplay could not start in this browser. Reload the page to try again.";
  const detail = document.createElement("pre");
  detail.textContent = String(error);
  banner.append(title, detail);
  document.body.prepend(banner);
});
