//! How the page was opened (full playground or embedded, a share link), and the browser
//! services of `page.js`. The parsing is pure, so it has host tests.

use ecplay_core::embed::{self, Embed};
use wasm_bindgen::prelude::*;

use crate::samples;

#[wasm_bindgen(module = "/src/page.js")]
extern "C" {
    #[wasm_bindgen(catch)]
    async fn unpack(packed: &str, max: usize) -> Result<JsValue, JsValue>;
    /// Calls `callback(packed)` when the fragment becomes `#<prefix><packed>` in this tab.
    #[wasm_bindgen(js_name = onShareLink)]
    pub fn on_share_link(prefix: &str, callback: &Closure<dyn FnMut(String)>);
    #[wasm_bindgen(js_name = keepOn)]
    pub fn keep_on() -> bool;
    #[wasm_bindgen(js_name = keepGet)]
    pub fn keep_get(key: &str) -> Option<String>;
    #[wasm_bindgen(js_name = keepSet)]
    fn keep_set_js(key: &str, value: &str) -> String;
    #[wasm_bindgen(js_name = keepRemove)]
    pub fn keep_remove(key: &str);
    /// Calls `callback` when another tab changes one of `keys` (separated by spaces).
    #[wasm_bindgen(js_name = onKeptElsewhere)]
    pub fn on_kept_elsewhere(keys: &str, callback: &Closure<dyn FnMut()>);
    #[wasm_bindgen(js_name = downloadUrl)]
    pub fn download_url(text: &str) -> String;
    #[wasm_bindgen(catch, js_name = fetchText)]
    async fn fetch_text_js(url: &str) -> Result<JsValue, JsValue>;
    /// In an iframe, posts `{type: "ecplay:height", height}` to the parent on every change.
    /// Calls `callback` once, when `element` first comes within 200 pixels of the view.
    #[wasm_bindgen(js_name = whenNear)]
    pub fn when_near(element: &web_sys::Element, callback: &JsValue);
    #[wasm_bindgen(js_name = reportHeight)]
    pub fn report_height();
    /// Calls `callback(bytes, name)` with the first file dropped on `element` (`bytes` null and
    /// `name` the reason when it cannot be read or is longer than `max` bytes).
    #[wasm_bindgen(js_name = onFileDrop)]
    pub fn on_file_drop(element: &web_sys::Element, max: usize, callback: &Closure<dyn FnMut(JsValue, String)>);
    /// The same for the file chosen in the file input `input`.
    #[wasm_bindgen(js_name = onFileChosen)]
    pub fn on_file_chosen(input: &web_sys::Element, max: usize, callback: &Closure<dyn FnMut(JsValue, String)>);
    #[wasm_bindgen(js_name = prefersDark)]
    pub fn prefers_dark() -> bool;
    #[wasm_bindgen(js_name = onSystemTheme)]
    pub fn on_system_theme(callback: &Closure<dyn FnMut(bool)>);
}

/// A share link's packed state (`ecplay_core::share::pack`), back, by the browser's own
/// inflate (`DecompressionStream`: no inflater in the download). A link that would expand
/// beyond what ecplay reads ([`MAX_SHARE_BYTES`](ecplay_core::limits::MAX_SHARE_BYTES)) is
/// refused, and then the error is the whole sentence to show (`Err((sentence, true))`); otherwise it says what is wrong.
pub async fn decompress(packed: &str) -> Result<String, (String, bool)> {
    unpack(packed, ecplay_core::limits::MAX_SHARE_BYTES).await.map(|v| v.as_string().unwrap_or_default()).map_err(|e| {
        let whole = js_sys::Reflect::get(&e, &JsValue::from_str("whole")).is_ok_and(|w| w.is_truthy());
        (js_message(e), whole)
    })
}

/// Why something could not be kept in this browser's storage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unkept {
    /// The storage refuses everything.
    Off,
    /// Full of other data (this many characters of it), without which it would fit.
    Full(usize),
    /// More than this browser's storage can hold at all.
    TooBig,
}

/// Keeps `value` under `key` in this browser's storage.
pub fn keep_set(key: &str, value: &str) -> Result<(), Unkept> {
    let said = keep_set_js(key, value);
    match said.split_once(' ') {
        _ if said.is_empty() => Ok(()),
        Some(("full", n)) => Err(Unkept::Full(n.parse().unwrap_or(0))),
        _ if said == "big" => Err(Unkept::TooBig),
        _ => Err(Unkept::Off),
    }
}

/// The text at `url` (relative to the page); the error says why there is none.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    fetch_text_js(url).await.map(|v| v.as_string().unwrap_or_default()).map_err(js_message)
}

fn js_message(e: JsValue) -> String {
    js_sys::Reflect::get(&e, &JsValue::from_str("message")).ok().and_then(|m| m.as_string()).unwrap_or_else(|| format!("{e:?}"))
}

/// The fragment that carries a shared playground: `#s=<compressed state>`.
pub const SHARE_PREFIX: &str = ecplay_core::share::PREFIX;

/// The colour scheme asked for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Follow the system (`prefers-color-scheme`).
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    pub fn from_name(s: &str) -> Option<Theme> {
        match s {
            "system" | "auto" => Some(Theme::System),
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

impl Theme {
    /// The theme an embed's `theme=` asks for.
    pub fn of(t: embed::Theme) -> Theme {
        match t {
            embed::Theme::Auto => Theme::System,
            embed::Theme::Light => Theme::Light,
            embed::Theme::Dark => Theme::Dark,
        }
    }
}

/// What the address asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Launch {
    /// `?embed=1`: the compact layout for an iframe; nothing is read from or kept in
    /// this browser's storage.
    pub embed: bool,
    /// The options of the query (`ecplay_core::embed`: `show=`, `pod=`, `density=`, `theme=`,
    /// `tab=`, `sample=`, `readonly=pod`, and the cluster's `kube=`, `psa=`, `psa-version=`,
    /// `psa-warn=`, `allow-privileged=`: `components::cluster_with_options`).
    pub options: Embed,
    /// What of the query was not understood and is ignored, one sentence each.
    pub notices: Vec<String>,
    /// The compressed state of a share link (`#s=…`).
    pub shared: Option<String>,
    /// A Learn section to show (`#learn-…`).
    pub anchor: Option<String>,
}

impl Launch {
    /// Reads `location.search` and `location.hash` (each with or without its `?`/`#`).
    pub fn parse(search: &str, hash: &str) -> Launch {
        let ids: Vec<&str> = samples::SAMPLES.iter().map(|s| s.id).collect();
        let (options, notices) = Embed::parse(search, &ids);
        let embed = search
            .trim_start_matches('?')
            .split('&')
            .any(|p| p.strip_prefix("embed=").is_some_and(|v| !matches!(v, "0" | "false" | "no")) || p == "embed");
        let mut l = Launch { embed, options, notices, ..Launch::default() };
        let hash = hash.trim_start_matches('#');
        if let Some(packed) = hash.strip_prefix(SHARE_PREFIX) {
            l.shared = Some(packed.to_owned());
        } else if hash.starts_with("learn-") {
            l.anchor = Some(hash.to_owned());
        }
        l
    }

    /// The theme `theme=` asks for.
    pub fn theme(&self) -> Option<Theme> {
        self.options.theme.map(Theme::of)
    }
}

/// The playground's address without query or fragment.
pub fn page_path() -> String {
    let loc = gloo::utils::window().location();
    format!("{}{}", loc.origin().unwrap_or_default(), loc.pathname().unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ecplay_core::export::Format;

    #[test]
    fn the_address_says_how_to_open() {
        let l = Launch::parse("?embed=1&sample=static-pod&theme=dark&readonly=pod&tab=kubectl-debug", "");
        let options = Embed {
            sample: Some("static-pod".into()),
            theme: Some(embed::Theme::Dark),
            readonly_pod: true,
            tab: Some(Format::KubectlDebug),
            ..Embed::default()
        };
        assert_eq!(l, Launch { embed: true, options, notices: vec![], shared: None, anchor: None });
        assert_eq!(l.theme(), Some(Theme::Dark));
        let c = Launch::parse("?embed=1&kube=1.30&psa=restricted&psa-warn=baseline", "").options.cluster;
        assert_eq!(c, [("kube".into(), "1.30".into()), ("psa".into(), "restricted".into()), ("psa-warn".into(), "baseline".into())]);
        assert_eq!(Launch::parse("", "#s=abc_-").shared.as_deref(), Some("abc_-"));
        assert_eq!(Launch::parse("", "#learn-no-ports").anchor.as_deref(), Some("learn-no-ports"));
        assert!(!Launch::parse("?embed=0", "").embed);
        assert!(Launch::parse("?embed", "").embed);
        // What is not understood is said, not dropped: the sample ids are the page's.
        let odd = Launch::parse("?embed=1&theme=purple&sample=distroles-app", "#other");
        assert_eq!((odd.options.clone(), odd.shared.clone(), odd.anchor.clone()), (Embed::default(), None, None));
        assert_eq!(odd.notices.len(), 2);
        assert!(odd.notices[1].starts_with("sample=distroles-app is not distroless-app, app-with-sidecar,"), "{:?}", odd.notices);
    }
}
