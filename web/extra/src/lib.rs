//! The playground's second WebAssembly module (`ecplay-extra`), which the page loads on
//! demand (`web/src/extra.rs`, a dynamic `import()` of `pkg/extra/ecplay_extra.js`): what most
//! sessions never use, kept out of the first download.
//!
//! - Pod Security admission of a namespace's policy ([`admit`], core's `check_read`, which
//!   is the app's `Report::validate` and then `Report::admit`);
//! - the `kubectl debug` form ([`debug_export`], core's `export::debug::export`);
//! - the Learn panel's recipes ([`recipe`], core's `learn::recipe`).
//!
//! The page hands the pod over once per change of its text ([`pod`]); every other call
//! names only what changes on a keystroke. Arguments and answers are strings (JSON where
//! they are structured), so that neither module needs the other's types: the answers are
//! those of [`render::diagnostic_json`] and plain objects described at each function. No
//! function panics on any input (a trap would stop this module: the page then says so).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::Arc;

use ecplay_core::admission::{NamespacePolicy, Policy};
use ecplay_core::diag::Diagnostic;
use ecplay_core::export::{self, ExportError};
use ecplay_core::input::{self, PodDoc};
use ecplay_core::shell::Shell;
use ecplay_core::{check_read, draft, learn, read_pod_owned, render, Mode, Options, KUBE_MINORS};
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;

thread_local! {
    /// The pod as [`pod`] last read it.
    static POD: RefCell<Option<Result<Arc<PodDoc>, Diagnostic>>> = const { RefCell::new(None) };
}

/// Reads the pod's text, for every call after it (until the next).
#[wasm_bindgen]
pub fn pod(text: String) {
    let read = read_pod_owned(text);
    POD.with(|p| *p.borrow_mut() = Some(read));
}

/// The pod [`pod`] read, if it could be read.
fn with_pod<T>(f: impl FnOnce(Option<&Result<Arc<PodDoc>, Diagnostic>>) -> T) -> T {
    POD.with(|p| f(p.borrow().as_ref()))
}

/// The cluster a request is judged for, from the page's JSON object
/// `{"kube": 37, "allowPrivileged": true, "labels": {"pod-security.kubernetes.io/enforce": "restricted", …}}`:
/// the API server's minor version and `--allow-privileged`, and the namespace's labels, read
/// as the Pod Security library reads them. What is missing or not understood is the default.
pub fn options(cluster: &str) -> Options {
    let v: Value = serde_json::from_str(cluster).unwrap_or(Value::Null);
    let defaults = Options::default();
    let kube_minor = v
        .get("kube")
        .and_then(Value::as_u64)
        .and_then(|m| u32::try_from(m).ok())
        .filter(|m| KUBE_MINORS.contains(m))
        .unwrap_or(defaults.kube_minor);
    let labels: BTreeMap<String, String> = v
        .get("labels")
        .and_then(Value::as_object)
        .map(|o| o.iter().filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned()))).collect())
        .unwrap_or_default();
    Options {
        kube_minor,
        allow_privileged: v.get("allowPrivileged").and_then(Value::as_bool).unwrap_or(defaults.allow_privileged),
        pod_security: NamespacePolicy::from_labels(&labels, &Policy::default(), kube_minor),
        ..defaults
    }
}

/// The namespace's Pod Security admission of the containers in `containers` (the
/// composer's text) added to the pod, on the cluster `cluster` ([`options`]):
/// `{"diagnostics": [...], "summary": "...", "denied": bool, "warned": bool}` — the
/// diagnostics admission adds (enforce's errors, warn's warnings, audit's infos, each at
/// the field its fix goes to), kubectl's whole text for the request, and whether enforce
/// refuses it and warn warns. A request that does not validate is never admitted (the server
/// answers 422 first): then there are no diagnostics and both are false.
#[wasm_bindgen]
pub fn admit(containers: &str, cluster: &str) -> String {
    let opts = options(cluster);
    with_pod(|pod| {
        let Some(pod) = pod else { return json!({"diagnostics": [], "summary": "", "denied": false, "warned": false}) };
        let report = check_read(pod, containers, Mode::Append, &opts);
        let outcome = report.admission.as_ref();
        json!({
            "diagnostics": report.diagnostics.iter().filter(|d| d.code.starts_with("PSA")).map(render::diagnostic_json).collect::<Vec<_>>(),
            "summary": report.summary(),
            "denied": outcome.is_some_and(|o| o.denied.is_some()),
            "warned": outcome.is_some_and(|o| o.warned.is_some()),
        })
    })
    .to_string()
}

/// The `kubectl debug` form of the containers in `containers` for the pod, with `request`
/// `{"shell": "posix"|"powershell", "kubectl": 37, "unknown": ["spec.ephemeralContainers[0].imagePullPolcy", …]}`
/// (the paths of the fields the schema does not know, which the notes name):
/// `{"text": "...", "files": [{"path": "...", "contents": "..."}], "notes": [...], "blocker": "..."|null}`,
/// or `{"error": "..."}` when there is no form to make.
#[wasm_bindgen]
pub fn debug_export(containers: &str, request: &str) -> String {
    let v: Value = serde_json::from_str(request).unwrap_or(Value::Null);
    let unknown: Vec<String> = v
        .get("unknown")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|s| Some(s.as_str()?.to_owned())).collect())
        .unwrap_or_default();
    let answer = with_pod(|pod| {
        let Some(Ok(pod)) = pod else { return Err("the pod cannot be read".to_owned()) };
        let existing = pod.pod.spec.as_ref().and_then(|s| s.ephemeral_containers.as_ref()).map_or(0, Vec::len);
        let doc = input::read_containers(containers, existing).map_err(|e| e.message)?;
        let mut req = export::Request::new(&pod.pod, &doc.containers);
        req.shell = if v.get("shell").and_then(Value::as_str) == Some("powershell") { Shell::PowerShell } else { Shell::Posix };
        req.kubectl_minor = v.get("kubectl").and_then(Value::as_u64).and_then(|m| u32::try_from(m).ok()).unwrap_or(req.kubectl_minor);
        req.unknown_fields = &unknown;
        export::debug::export(&req).map_err(|e: ExportError| e.to_string())
    });
    match answer {
        Ok(out) => json!({
            "text": out.text,
            "files": out.files.iter().map(|f| json!({"path": f.path, "contents": f.contents})).collect::<Vec<_>>(),
            "notes": out.notes,
            "blocker": out.blocker,
        }),
        Err(e) => json!({ "error": e }),
    }
    .to_string()
}

/// The Learn recipe `id` for the pod, the container named `name`:
/// `{"container": "<the container's YAML>", "notes": [...]}`, or `{"error": "..."}` for a
/// recipe that does not exist.
#[wasm_bindgen]
pub fn recipe(id: &str, name: &str) -> String {
    with_pod(|pod| {
        let default = Default::default();
        let pod = match pod {
            Some(Ok(doc)) => &doc.pod,
            _ => &default,
        };
        match learn::recipe(id, pod, name) {
            Some((ec, notes)) => json!({ "container": draft::container_yaml(&ec), "notes": notes }),
            None => json!({ "error": format!("there is no recipe {id:?}") }),
        }
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const POD: &str = include_str!("../../../tests/fixtures/pods/run-as-non-root.yaml");
    const DEBUGGER: &str = "name: debugger\nimage: busybox:1.36\nstdin: true\n";

    fn answer(text: &str) -> Value {
        serde_json::from_str(text).expect("the answer is JSON")
    }

    /// Admission is as the CLI's `check` says: kubectl's 403 text, and each violation at the
    /// field its fix goes to; privileged (no labels) admits everything, and a request that
    /// does not validate is never admitted.
    #[test]
    fn admission_as_the_cli_judges_it() {
        pod(POD.to_owned());
        let cluster = r#"{"kube": 37, "labels": {"pod-security.kubernetes.io/enforce": "restricted"}}"#;
        let got = answer(&admit(DEBUGGER, cluster));
        let opts = options(cluster);
        let report = ecplay_core::check(POD, DEBUGGER, Mode::Append, &opts);
        assert_eq!(got["summary"], report.summary());
        assert!(got["summary"].as_str().unwrap().starts_with("Error from server (Forbidden): "), "{got}");
        assert_eq!(got["denied"], true);
        let codes: Vec<&str> = got["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect();
        assert_eq!(codes, ["PSA-allowPrivilegeEscalation", "PSA-capabilities_restricted"]);
        assert_eq!(got["diagnostics"][0]["source"], "container");

        let privileged = answer(&admit(DEBUGGER, r#"{"kube": 37}"#));
        assert_eq!(privileged["diagnostics"], json!([]));
        assert_eq!(privileged["denied"], false);

        let invalid = answer(&admit("name: debugger\nimage: busybox:1.36\nports: [{containerPort: 80}]\n", cluster));
        assert_eq!((invalid["diagnostics"].clone(), invalid["denied"].clone()), (json!([]), json!(false)));
    }

    /// The cluster's JSON: what is missing or out of range is the default.
    #[test]
    fn options_default_what_they_do_not_say() {
        let o = options(r#"{"kube": 30, "allowPrivileged": false, "labels": {"pod-security.kubernetes.io/warn": "baseline"}}"#);
        assert_eq!((o.kube_minor, o.allow_privileged), (30, false));
        assert_eq!(o.pod_security.policy.warn.level.as_str(), "baseline");
        for bad in ["", "[]", r#"{"kube": 12}"#, r#"{"kube": "1.30", "allowPrivileged": "no"}"#] {
            let o = options(bad);
            assert_eq!(
                (o.kube_minor, o.allow_privileged, o.pod_security),
                (Options::default().kube_minor, true, NamespacePolicy::default())
            );
        }
    }

    /// The kubectl debug form is core's, for the shell and kubectl asked for.
    #[test]
    fn kubectl_debug_is_cores() {
        pod(POD.to_owned());
        let got = answer(&debug_export(DEBUGGER, r#"{"shell": "powershell", "kubectl": 30, "unknown": []}"#));
        let doc = ecplay_core::input::read_pod(POD).unwrap();
        let ctrs = input::read_containers(DEBUGGER, 0).unwrap();
        let mut req = export::Request::new(&doc.pod, &ctrs.containers);
        req.shell = Shell::PowerShell;
        req.kubectl_minor = 30;
        let want = export::debug::export(&req).unwrap();
        assert_eq!(got["text"], want.text.as_str());
        assert_eq!(got["notes"], json!(want.notes));
        assert!(got["text"].as_str().unwrap().contains("kubectl debug pdf-renderer"), "{got}");

        assert!(answer(&debug_export("name: [", "{}"))["error"].is_string());
        pod("kind: Deployment".to_owned());
        assert_eq!(answer(&debug_export(DEBUGGER, "{}"))["error"], "the pod cannot be read");
    }

    /// A recipe is core's for the pod last read.
    #[test]
    fn recipes_are_cores() {
        pod(POD.to_owned());
        let got = answer(&recipe("strace", "debugger-x"));
        let doc = ecplay_core::input::read_pod(POD).unwrap();
        let (ec, notes) = learn::recipe("strace", &doc.pod, "debugger-x").unwrap();
        assert_eq!(got["container"], draft::container_yaml(&ec).as_str());
        assert_eq!(got["notes"], json!(notes));
        assert!(answer(&recipe("nope", "x"))["error"].is_string());
    }
}
