//! The ecplay playground: a Yew single-page app on `ecplay-core`, built by wasm-pack
//! (`make build`) and loaded by `index.html` through `static/boot.js`.
//!
//! This file is only the entry point and the panic hook. The components are in
//! `components/` (one per file, `App` at the top), the hooks that hold and keep the state
//! in `hooks/`, the reducers in `state.rs`, what is kept in the browser's storage in
//! `storage.rs`, and the binding to the code editor in `editor.rs`.

mod components;
pub mod editor;
mod extra;
mod hooks;
pub mod page;
mod samples;
mod state;
mod storage;
pub mod text;

pub use components::App;

use wasm_bindgen::prelude::*;

/// The id of the banner shown when the app stops (also used by `static/boot.js` when the
/// WebAssembly module cannot even be loaded).
pub const FATAL_BANNER_ID: &str = "ecplay-fatal";

/// Runs once, when `static/boot.js` has instantiated the module.
#[wasm_bindgen(start)]
pub fn start() {
    // Through Yew: its renderer would otherwise put back a hook of its own. The release
    // build's panics abort at once (`-Cpanic=immediate-abort`, Makefile): no hook runs, the
    // module traps, and `static/boot.js` shows the banner.
    #[cfg(not(panic = "immediate-abort"))]
    yew::set_custom_panic_hook(Box::new(panic_hook));
    let root = gloo::utils::document().get_element_by_id("app").unwrap_or_else(|| gloo::utils::body().into());
    root.set_inner_html(""); // the "Loading…" placeholder
    yew::Renderer::<App>::with_root(root).render();
}

/// A panic in WebAssembly aborts the module: nothing the app does will work again. Say so
/// in the page, visibly, instead of leaving a page that silently ignores the user, and keep
/// the full message in the console (`console_error_panic_hook`).
#[cfg(not(panic = "immediate-abort"))]
fn panic_hook(info: &std::panic::PanicHookInfo<'_>) {
    console_error_panic_hook::hook(info);
    let message = match info.payload().downcast_ref::<&str>() {
        Some(s) => (*s).to_string(),
        None => info.payload().downcast_ref::<String>().cloned().unwrap_or_default(),
    };
    // The release build leaves panics' places out (`-Zlocation-detail=none`, Makefile): line 0.
    let place = info.location().filter(|l| l.line() > 0).map(|l| format!(" ({}:{})", l.file(), l.line())).unwrap_or_default();
    show_fatal(&format!("{message}{place}"));
}

/// Puts the "ecplay stopped" banner at the top of the page (once).
#[cfg(not(panic = "immediate-abort"))]
fn show_fatal(detail: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(body) = document.body() else { return };
    if document.get_element_by_id(FATAL_BANNER_ID).is_some() {
        return;
    }
    let Ok(banner) = document.create_element("div") else { return };
    banner.set_id(FATAL_BANNER_ID);
    banner.set_class_name("fatal");
    let _ = banner.set_attribute("role", "alert");
    let Ok(title) = document.create_element("strong") else { return };
    title.set_text_content(Some("ecplay stopped because of a bug. Reload the page to start again."));
    let Ok(text) = document.create_element("pre") else { return };
    text.set_text_content(Some(detail));
    let _ = banner.append_with_node_2(&title, &text);
    let _ = body.prepend_with_node_1(&banner);
}

/// Panics on purpose, so that the browser tests can check the banner above. Not part of
/// the app's interface.
#[doc(hidden)]
#[wasm_bindgen(js_name = __panicForTests)]
pub fn panic_for_tests() {
    panic!("a panic on purpose, from the browser tests");
}
