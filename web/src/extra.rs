//! The playground's second WebAssembly module (`web/extra`), loaded on demand: Pod Security
//! admission, the `kubectl debug` form, the Learn recipes and share links are not in the
//! first download (ARCHITECTURE.md, "Two WebAssembly modules"). [`use_extra`] says where the loading is and
//! admission, the `kubectl debug` form, the import of a command line and the Learn recipes
//! and profiles are not in the first download
//! (ARCHITECTURE.md, "Two WebAssembly modules"). [`use_extra`] says where the loading is and
//! starts it; [`Module`]'s methods are the module's functions, with its JSON answers read
//! into core's types. Until the module runs, and when it cannot be loaded, the page still
//! judges every keystroke: only what needs the module waits, and says so.

use std::rc::Rc;

use ecplay_core::export::{Export, File, Format};
use ecplay_core::shell::Shell;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[wasm_bindgen(module = "/src/extra.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = loadExtra)]
    async fn load_js() -> Result<JsValue, JsValue>;
}

#[wasm_bindgen]
extern "C" {
    /// The loaded module's exports (`web/extra/src/lib.rs`).
    #[derive(Clone, PartialEq)]
    pub type Module;
    #[wasm_bindgen(method, catch, js_name = pod)]
    fn pod_js(this: &Module, text: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch, js_name = debug_export)]
    fn debug_export_js(this: &Module, containers: &str, request: &str) -> Result<String, JsValue>;
    #[wasm_bindgen(method, catch, js_name = recipe)]
    fn recipe_js(this: &Module, id: &str, name: &str) -> Result<String, JsValue>;
    #[wasm_bindgen(method, catch, js_name = share_link)]
    fn share_link_js(this: &Module, base: &str, text: &str, embed: bool) -> Result<String, JsValue>;
    #[wasm_bindgen(method, catch, js_name = importCommand)]
    fn import_js(this: &Module, line: &str, kubectl: u32, files: &str) -> Result<String, JsValue>;
    #[wasm_bindgen(method, catch, js_name = profiles)]
    fn profiles_js(this: &Module, kubectl: u32) -> Result<String, JsValue>;
}

/// What importing a command line came to (`web/extra`'s `importCommand`).
#[derive(Clone, Debug, PartialEq)]
pub enum Imported {
    /// The new container(s) as the composer's YAML, and the notes.
    Done { yaml: String, notes: Vec<String>, form: String },
    /// kubectl (or the API server) refuses it: its first line exact, then where and why.
    Refused { message: String, more: Option<String>, why: String, server: bool, line: u64, column: u64 },
    /// A file the command names is needed.
    NeedFile { path: String, what: String },
    /// Not a command the import reads, and why.
    Unreadable { message: String, line: u64, column: u64 },
}

/// Why a call failed: the module stopped (a bug in it), which no later call undoes.
fn stopped(e: &JsValue) -> String {
    let message = js_sys::Reflect::get(e, &JsValue::from_str("message")).ok().and_then(|m| m.as_string()).unwrap_or_default();
    format!("the module that makes it stopped ({message}); reload the page to start again")
}

/// The module's JSON answer: the value, or its `error`.
fn answer(text: Result<String, JsValue>) -> Result<Value, String> {
    let v: Value = serde_json::from_str(&text.map_err(|e| stopped(&e))?).map_err(|e| e.to_string())?;
    match v.get("error").and_then(Value::as_str) {
        Some(e) => Err(e.to_owned()),
        None => Ok(v),
    }
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array().map(|a| a.iter().filter_map(|s| Some(s.as_str()?.to_owned())).collect()).unwrap_or_default()
}

fn string(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_owned()
}

impl Module {
    /// Hands the pod's text over: every later call is about this pod.
    pub fn pod(&self, text: &str) -> Result<(), String> {
        self.pod_js(text).map_err(|e| stopped(&e))
    }

    /// The `kubectl debug` form of the containers in `containers` (the composer's text).
    pub fn debug_export(&self, containers: &str, shell: Shell, kubectl_minor: u32, unknown: &[String]) -> Result<Export, String> {
        let shell = if shell == Shell::PowerShell { "powershell" } else { "posix" };
        let request = serde_json::json!({ "shell": shell, "kubectl": kubectl_minor, "unknown": unknown }).to_string();
        let v = answer(self.debug_export_js(containers, &request))?;
        let files = v["files"]
            .as_array()
            .map(|a| a.iter().map(|f| File { path: string(&f["path"]), contents: string(&f["contents"]) }).collect())
            .unwrap_or_default();
        Ok(Export {
            format: Format::KubectlDebug,
            text: string(&v["text"]),
            files,
            notes: strings(&v["notes"]),
            blocker: v["blocker"].as_str().map(str::to_owned),
        })
    }

    /// What the command line `line` adds to the pod, for kubectl 1.`kubectl_minor`, with the
    /// texts of the files it names (`files`: path and text).
    pub fn import(&self, line: &str, kubectl_minor: u32, files: &[(String, String)]) -> Result<Imported, String> {
        let files: serde_json::Map<String, Value> = files.iter().map(|(p, t)| (p.clone(), Value::String(t.clone()))).collect();
        let v = answer(self.import_js(line, kubectl_minor, &Value::Object(files).to_string()))?;
        let n = |v: &Value| v.as_u64().unwrap_or(0);
        Ok(if let Some(i) = v.get("imported") {
            Imported::Done { yaml: string(&i["yaml"]), notes: strings(&i["notes"]), form: string(&i["form"]) }
        } else if let Some(r) = v.get("refused") {
            Imported::Refused {
                message: string(&r["message"]),
                more: r["more"].as_str().map(str::to_owned),
                why: string(&r["why"]),
                server: r["server"].as_bool().unwrap_or(false),
                line: n(&r["line"]),
                column: n(&r["column"]),
            }
        } else if let Some(f) = v.get("needFile") {
            Imported::NeedFile { path: string(&f["path"]), what: string(&f["what"]) }
        } else {
            let u = &v["unreadable"];
            Imported::Unreadable { message: string(&u["message"]), line: n(&u["line"]), column: n(&u["column"]) }
        })
    }

    /// What each `kubectl debug` profile adds to the pod: profile, command, container YAML.
    pub fn profiles(&self, kubectl_minor: u32) -> Result<Vec<(String, String, String)>, String> {
        let v = answer(self.profiles_js(kubectl_minor))?;
        Ok(v.as_array().into_iter().flatten().map(|p| (string(&p["profile"]), string(&p["command"]), string(&p["yaml"]))).collect())
    }

    /// The Learn recipe `id` for the pod: the container's YAML, named `name`, and notes.
    pub fn recipe(&self, id: &str, name: &str) -> Result<(String, Vec<String>), String> {
        let v = answer(self.recipe_js(id, name))?;
        Ok((string(&v["container"]), strings(&v["notes"])))
    }
}

impl Module {
    /// The link that opens the state `text` (`State::shared`) in the playground at `base`, or
    /// an embed's address: made by core, the same bytes `ecplay share` makes.
    pub fn share_link(&self, base: &str, text: &str, embed: bool) -> Result<String, String> {
        self.share_link_js(base, text, embed).map_err(|e| stopped(&e))
    }
}

/// Where the module is.
#[derive(Clone, PartialEq)]
pub enum Extra {
    /// Not asked for yet.
    Idle,
    Loading,
    Ready(Module),
    /// It could not be loaded: why (asking again tries again).
    Failed(Rc<str>),
}

/// The module's state and the way to ask for it.
#[derive(Clone, PartialEq)]
pub struct ExtraHandle {
    state: UseStateHandle<Extra>,
}

impl ExtraHandle {
    pub fn status(&self) -> &Extra {
        &self.state
    }

    /// Starts loading the module, unless it is loaded or on its way.
    pub fn want(&self) {
        if matches!(*self.state, Extra::Loading | Extra::Ready(_)) {
            return;
        }
        self.state.set(Extra::Loading);
        let state = self.state.clone();
        wasm_bindgen_futures::spawn_local(async move {
            state.set(match load_js().await {
                Ok(m) => Extra::Ready(m.unchecked_into()),
                Err(e) => {
                    let message = js_sys::Reflect::get(&e, &JsValue::from_str("message")).ok().and_then(|m| m.as_string());
                    Extra::Failed(message.unwrap_or_else(|| "the browser did not say why".to_owned()).into())
                }
            });
        });
    }

    /// What to say while the module is not there for `what` ("the kubectl debug form"):
    /// `None` when it is.
    pub fn waiting(&self, what: &str) -> Option<String> {
        match &*self.state {
            Extra::Ready(_) => None,
            Extra::Idle | Extra::Loading => Some(format!("Loading {what}…")),
            Extra::Failed(e) => Some(format!("{} could not be loaded: {e}. Check the connection and try again.", capitalised(what))),
        }
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// The module's state in a component; it is loaded when [`ExtraHandle::want`] is first called.
#[hook]
pub fn use_extra() -> ExtraHandle {
    ExtraHandle { state: use_state(|| Extra::Idle) }
}
