//! The playground's second WebAssembly module (`web/extra`), loaded on demand: Pod Security
//! admission, the export forms other than the one shown first (`kubectl debug` among them),
//! share links, the import of a command line and the Learn recipes and profiles are not in
//! the first download
//! (ARCHITECTURE.md, "Two WebAssembly modules"). [`use_extra`] says where the loading is and
//! starts it; [`Module`]'s methods are the module's functions, with its JSON answers read
//! into core's types. Until the module runs, and when it cannot be loaded, the page still
//! judges every keystroke: only what needs the module waits, and says so.

use std::rc::Rc;

use ecplay_core::admission::{Level, LevelVersion, Outcome, Skip, Verdict, Version, Violation};
use ecplay_core::codes::CODES;
use ecplay_core::diag::{Diagnostic, ErrorType, Severity, Source};
use ecplay_core::draft::Profile;
use ecplay_core::export::{Export, File, Format};
use ecplay_core::redact::Redacted;
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
    #[wasm_bindgen(method, catch, js_name = export_form)]
    fn export_js(this: &Module, containers: &str, request: &str) -> Result<String, JsValue>;
    #[wasm_bindgen(method, catch, js_name = recipe)]
    fn recipe_js(this: &Module, id: &str, name: &str, cluster: &str) -> Result<String, JsValue>;
    #[wasm_bindgen(method, catch, js_name = admit)]
    fn admit_js(this: &Module, containers: &str, cluster: &str, valid: bool) -> Result<String, JsValue>;
    #[wasm_bindgen(method, catch, js_name = redact)]
    fn redact_js(this: &Module, pod: &str) -> Result<String, JsValue>;
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

    /// The export form `format` of the containers in `containers` (the composer's text): every
    /// form but the one shown first (`export::shown_first`, which the page makes itself).
    pub fn export(&self, containers: &str, format: Format, shell: Shell, kubectl_minor: u32, unknown: &[String]) -> Result<Export, String> {
        let shell = if shell == Shell::PowerShell { "powershell" } else { "posix" };
        let request =
            serde_json::json!({ "format": format.name(), "shell": shell, "kubectl": kubectl_minor, "unknown": unknown }).to_string();
        let v = answer(self.export_js(containers, &request))?;
        let files = v["files"]
            .as_array()
            .map(|a| a.iter().map(|f| File { path: string(&f["path"]), contents: string(&f["contents"]) }).collect())
            .unwrap_or_default();
        Ok(Export {
            format,
            text: string(&v["text"]),
            files,
            notes: strings(&v["notes"]),
            blocker: v["blocker"].as_str().map(str::to_owned),
        })
    }

    /// The pod's text `pod` redacted for a share link, or why it cannot be.
    pub fn redact(&self, pod: &str) -> Result<Redacted, String> {
        let v = answer(self.redact_js(pod))?;
        Ok(Redacted { text: string(&v["text"]), removed: strings(&v["removed"]), kept: strings(&v["kept"]) })
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

    /// Pod Security admission of the containers in `containers` (the composer's text) on
    /// `cluster` (`ecplay_core::Cluster` as JSON), which validate or not (`valid`: the page's
    /// `Report::validate` of the same text, pod and cluster).
    pub fn admit(&self, containers: &str, cluster: &str, valid: bool) -> Result<Admitted, String> {
        answer(self.admit_js(containers, cluster, valid)).map(|v| read_admitted(&v))
    }

    /// The Learn recipe `id` for the pod: the container's YAML, named `name`, and notes;
    /// made to pass the Pod Security level of `cluster` (`ecplay_core::Cluster` as JSON).
    pub fn recipe(&self, id: &str, name: &str, cluster: &str) -> Result<(String, Vec<String>), String> {
        let v = answer(self.recipe_js(id, name, cluster))?;
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

/// What Pod Security admission makes of a request (the module's `admit`), in core's types.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Admitted {
    /// The diagnostics admission adds, each with the composer's text with its fix made (when
    /// the fix is in the new containers).
    pub diagnostics: Vec<(Diagnostic, Option<String>)>,
    /// What admission did (`None`: the request does not validate, and is never admitted).
    /// The violations carry no fixes: those are in `diagnostics`.
    pub outcome: Option<Outcome>,
    /// The level the profiles were judged for, and the `kubectl debug` profiles that pass it
    /// and those that do not, each in `Profile::ALL`'s order.
    pub profiles: Option<(String, Vec<Profile>, Vec<Profile>)>,
}

/// The code as core's registry has it (codes are `&'static str`); `PSA` for one it does not know.
fn code(s: &str) -> &'static str {
    CODES.iter().find(|c| c.code == s).map_or("PSA", |c| c.code)
}

/// A diagnostic as `render::diagnostic_json` writes it.
fn read_diagnostic(v: &Value) -> Diagnostic {
    let severity = match v["severity"].as_str() {
        Some("error") => Severity::Error,
        Some("warning") => Severity::Warning,
        _ => Severity::Info,
    };
    let at = |k: &str| v[k].as_u64().and_then(|n| u32::try_from(n).ok());
    Diagnostic {
        severity,
        error_type: v["type"].as_str().and_then(ErrorType::from_name).unwrap_or(ErrorType::Forbidden),
        field: string(&v["field"]),
        message: string(&v["message"]),
        code: code(v["code"].as_str().unwrap_or_default()),
        help: v["help"].as_str().map(str::to_owned),
        line: at("line"),
        column: at("column"),
        source: match v["source"].as_str() {
            Some("pod") => Some(Source::Pod),
            Some("container") => Some(Source::Container),
            _ => None,
        },
    }
}

/// A verdict as the module's `outcome_json` writes it.
fn read_verdict(v: &Value) -> Option<Verdict> {
    let (level, version) = v["policy"].as_str()?.split_once(':')?;
    let policy = LevelVersion { level: Level::parse(level)?, version: Version::parse(version)? };
    let violations = v["violations"]
        .as_array()?
        .iter()
        .map(|x| {
            let check = string(&x["check"]);
            Violation {
                check: CODES.iter().find_map(|c| c.check.filter(|k| *k == check)).unwrap_or("unknown"),
                reason: string(&x["reason"]),
                detail: string(&x["detail"]),
                fixes: Vec::new(),
            }
        })
        .collect();
    Some(Verdict { policy, violations })
}

/// The module's `admit` answer.
fn read_admitted(v: &Value) -> Admitted {
    let diagnostics =
        v["diagnostics"].as_array().map(|a| a.iter().map(|d| (read_diagnostic(d), d["fixed"].as_str().map(str::to_owned))).collect());
    let outcome = v["outcome"].as_object().map(|_| {
        let o = &v["outcome"];
        Outcome {
            skipped: match o["skipped"].as_str() {
                Some("privileged") => Some(Skip::Privileged),
                Some("notSignificant") => Some(Skip::NotSignificant),
                _ => None,
            },
            denied: read_verdict(&o["denied"]),
            warned: read_verdict(&o["warned"]),
            audited: read_verdict(&o["audited"]),
            audit_annotations: Vec::new(),
        }
    });
    let profiles = |k: &str| strings(&v["profiles"][k]).iter().filter_map(|p| Profile::from_name(p)).collect();
    let profiles = v["profiles"]["policy"].as_str().map(|p| (p.to_owned(), profiles("passing"), profiles("failing")));
    Admitted { diagnostics: diagnostics.unwrap_or_default(), outcome, profiles }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The module's answer reads back into what core's `check` says: its diagnostics, and an
    /// outcome that makes kubectl's text.
    #[test]
    fn an_admission_reads_back_as_cores() {
        let pod = include_str!("../../tests/fixtures/pods/run-as-non-root.yaml");
        let ctr = "name: debugger\nimage: busybox:1.36\nsecurityContext:\n  capabilities:\n    add: [SYS_PTRACE]\n";
        let cluster = r#"{"kube": 30, "labels": {"pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/warn": "baseline"}}"#;
        ecplay_extra::pod(pod.to_owned());
        let got = read_admitted(&serde_json::from_str(&ecplay_extra::admit(ctr, cluster, true)).unwrap());
        let opts = ecplay_extra::options(cluster);
        let core = ecplay_core::check(pod, ctr, ecplay_core::Mode::Append, &opts);
        let psa: Vec<&Diagnostic> = core.diagnostics.iter().filter(|d| d.code.starts_with("PSA")).collect();
        assert_eq!(got.diagnostics.iter().map(|(d, _)| d).collect::<Vec<_>>(), psa);
        assert!(got.diagnostics.iter().all(|(_, fixed)| fixed.is_some()));
        // The report with them and the outcome prints what core prints.
        let mut report = ecplay_core::Report::validate(&ecplay_core::read_pod(pod), ctr, ecplay_core::Mode::Append, &opts);
        report.diagnostics.extend(got.diagnostics.iter().map(|(d, _)| d.clone()));
        report.diagnostics.sort_by_key(|d| d.severity);
        report.admission = got.outcome.clone();
        assert_eq!(report.summary(), core.summary());
        assert!(report.summary().starts_with("Error from server (Forbidden): pods \"pdf-renderer"), "{}", report.summary());
        assert_eq!(got.outcome.as_ref().and_then(|o| o.denied.as_ref()).map(|d| d.violations.len()), Some(2));
        assert_eq!(got.profiles.as_ref().map(|p| (p.0.as_str(), p.1.clone())), Some(("restricted:latest", vec![Profile::Restricted])));
        // A warning only.
        let warn = r#"{"labels": {"pod-security.kubernetes.io/warn": "baseline"}}"#;
        let got = read_admitted(&serde_json::from_str(&ecplay_extra::admit(ctr, warn, true)).unwrap());
        let core = ecplay_core::check(pod, ctr, ecplay_core::Mode::Append, &ecplay_extra::options(warn));
        let mut report =
            ecplay_core::Report::validate(&ecplay_core::read_pod(pod), ctr, ecplay_core::Mode::Append, &ecplay_extra::options(warn));
        report.diagnostics.extend(got.diagnostics.iter().map(|(d, _)| d.clone()));
        report.admission = got.outcome;
        assert_eq!(report.summary(), core.summary());
        assert!(report.summary().starts_with("Warning: would violate PodSecurity \"baseline:latest\""), "{}", report.summary());
    }
}
