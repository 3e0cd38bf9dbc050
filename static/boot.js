// Starts the app. A file rather than an inline script: the page's Content-Security-Policy
// runs only the page's own scripts. The Rust side takes over from here (web/src/lib.rs);
// this only reports a module that cannot be loaded at all, with the same banner as a panic.
import init from "../pkg/ecplay_web.js";

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
