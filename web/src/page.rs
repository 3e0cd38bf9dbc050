//! How the page was opened (full playground or embedded, a share link), and the browser
//! services of `page.js`. The parsing is pure, so it has host tests.

use ecplay_core::export::Format;
use wasm_bindgen::prelude::*;

use crate::state::TABS;

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

/// What the address asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Launch {
    /// `?embed=1`: the compact layout for an iframe; nothing is read from or kept in
    /// this browser's storage.
    pub embed: bool,
    /// `sample=<id>`.
    pub sample: Option<String>,
    /// `theme=light|dark|system`.
    pub theme: Option<Theme>,
    /// `readonly=pod`: the pod cannot be changed.
    pub readonly_pod: bool,
    /// `tab=<format name or 0-based index>`, as given.
    pub tab: Option<String>,
    /// The compressed state of a share link (`#s=…`).
    pub shared: Option<String>,
    /// A Learn section to show (`#learn-…`).
    pub anchor: Option<String>,
    /// The cluster's options, as given (`kube=`, `psa=`, `psa-version=`, `psa-warn=`,
    /// `allow-privileged=`: `components::cluster_with_options`).
    pub cluster: Vec<(String, String)>,
}

impl Launch {
    /// Reads `location.search` and `location.hash` (each with or without its `?`/`#`).
    pub fn parse(search: &str, hash: &str) -> Launch {
        let mut l = Launch::default();
        for pair in search.trim_start_matches('?').split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let v = decode_component(v);
            match k {
                "embed" => l.embed = !matches!(v.as_str(), "0" | "false" | "no"),
                "sample" => l.sample = Some(v),
                "theme" => l.theme = Theme::from_name(&v),
                "readonly" => l.readonly_pod = v.split(',').any(|x| x == "pod"),
                "tab" => l.tab = Some(v),
                "kube" | "psa" | "psa-version" | "psa-warn" | "allow-privileged" => l.cluster.push((k.to_owned(), v)),
                _ => {}
            }
        }
        let hash = hash.trim_start_matches('#');
        if let Some(packed) = hash.strip_prefix(SHARE_PREFIX) {
            l.shared = Some(packed.to_owned());
        } else if hash.starts_with("learn-") {
            l.anchor = Some(hash.to_owned());
        }
        l
    }
}

impl Launch {
    /// The export `tab=` asks for: a format's name (`kubectl-debug`) or its place among the tabs.
    pub fn format(&self) -> Option<Format> {
        let v = self.tab.as_deref()?;
        let by_place = || TABS.get(v.parse::<usize>().ok()?).copied();
        Format::from_name(v).filter(|f| TABS.contains(f)).or_else(by_place)
    }
}

/// The playground's address without query or fragment.
pub fn page_path() -> String {
    let loc = gloo::utils::window().location();
    format!("{}{}", loc.origin().unwrap_or_default(), loc.pathname().unwrap_or_default())
}

/// `%XX` escapes and `+` of a query value, as a browser's URLSearchParams reads them;
/// anything malformed is kept as it is.
fn decode_component(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h << 4 | l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_says_how_to_open() {
        let l = Launch::parse("?embed=1&sample=static-pod&theme=dark&readonly=pod&tab=kubectl-debug", "");
        assert_eq!(
            l,
            Launch {
                embed: true,
                sample: Some("static-pod".into()),
                theme: Some(Theme::Dark),
                readonly_pod: true,
                tab: Some("kubectl-debug".into()),
                shared: None,
                anchor: None,
                cluster: Vec::new(),
            }
        );
        let c = Launch::parse("?embed=1&kube=1.30&psa=restricted&psa-warn=baseline", "").cluster;
        assert_eq!(c, [("kube".into(), "1.30".into()), ("psa".into(), "restricted".into()), ("psa-warn".into(), "baseline".into())]);
        assert_eq!(Launch::parse("", "#s=abc_-").shared.as_deref(), Some("abc_-"));
        assert_eq!(Launch::parse("", "#learn-no-ports").anchor.as_deref(), Some("learn-no-ports"));
        assert_eq!(Launch::parse("?embed=0&theme=purple", "#other"), Launch::default());
        assert_eq!(decode_component("a%20b+c%zz%4"), "a b c%zz%4");
        assert_eq!(l.format(), Some(Format::KubectlDebug));
        assert_eq!(Launch::parse("?tab=2", "").format(), Some(Format::JsonPatch));
        assert_eq!(Launch::parse("?tab=strategic-patch", "").format(), None);
        assert_eq!(Launch::parse("?tab=9", "").format(), None);
    }
}
