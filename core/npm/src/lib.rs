//! ecplay's core for JavaScript: the WebAssembly under the npm package `ecplay` (`make
//! package` builds it into `pkg/`). A facade and nothing more: every answer is core's, as the
//! CLI gives it.
//!
//! Each function takes strings (options as JSON text) and answers JSON text, either
//! `{"ok": …}` or `{"error": "…"}`; the package's JavaScript (`js/api.js`) turns that into a
//! plain object or a thrown `Error`, and `index.d.ts` describes both. No function panics on
//! any input: core promises it, and the host tests below feed these functions bad input.

use std::collections::BTreeMap;

use ecplay_core::diag::Source;
use ecplay_core::embed::Embed;
use ecplay_core::export::{self, Format};
use ecplay_core::shell::Shell;
use ecplay_core::FieldValidation;
use ecplay_core::{check as judge, parse_kube_version, parse_kubectl_version, render, share, Cluster, Mode, Options, LATEST_KUBE_MINOR};
use serde_json::{json, Map, Value};
use wasm_bindgen::prelude::*;

/// The answer of a function: its value, or why there is none.
fn answer(r: Result<Value, String>) -> String {
    match r {
        Ok(v) => json!({ "ok": v }),
        Err(e) => json!({ "error": e }),
    }
    .to_string()
}

/// An options object read from `text` (empty: no options). Every key must be one of
/// `known`: a misspelt option is refused rather than ignored.
fn options(text: &str, what: &str, known: &[&str]) -> Result<Map<String, Value>, String> {
    if text.trim().is_empty() {
        return Ok(Map::new());
    }
    let v: Value = serde_json::from_str(text).map_err(|e| format!("{what} are not JSON: {e}"))?;
    let map = match v {
        Value::Object(m) => m,
        Value::Null => Map::new(),
        _ => return Err(format!("{what} must be an object")),
    };
    if let Some(k) = map.keys().find(|k| !known.contains(&k.as_str())) {
        return Err(format!("unknown option {k:?} of {what}: {}", known.join(", ")));
    }
    Ok(map)
}

/// The string option `key`, if given.
fn string<'a>(o: &'a Map<String, Value>, key: &str) -> Result<Option<&'a str>, String> {
    match o.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(v) => Err(format!("option {key} must be a string, not {v}")),
    }
}

/// The boolean option `key`, or `default`.
fn boolean(o: &Map<String, Value>, key: &str, default: bool) -> Result<bool, String> {
    match o.get(key) {
        None | Some(Value::Null) => Ok(default),
        Some(Value::Bool(b)) => Ok(*b),
        Some(v) => Err(format!("option {key} must be true or false, not {v}")),
    }
}

/// The cluster of the options `kubeVersion`, `allowPrivileged`, `namespace` (its text) and
/// `podSecurity` (`enforce=restricted:v1.30,warn=baseline`, set over the namespace's labels
/// mode by mode), as `ecplay check` and `ecplay share` read their flags.
fn cluster(o: &Map<String, Value>) -> Result<Cluster, String> {
    let kube_minor = string(o, "kubeVersion")?.map_or(Ok(LATEST_KUBE_MINOR), parse_kube_version)?;
    let mut c = Cluster { kube_minor, allow_privileged: boolean(o, "allowPrivileged", true)?, ..Cluster::default() };
    if let Some(text) = string(o, "namespace")? {
        c.read_namespace(text).map_err(|e| format!("namespace:{}:{}: {}", e.pos.line, e.pos.column, e.message))?;
    }
    if let Some(spec) = string(o, "podSecurity")? {
        c.set_short_form(spec).map_err(|e| format!("option podSecurity: {e}"))?;
    }
    Ok(c)
}

/// What the Pod Security library reads otherwise than the namespace's labels say.
fn cluster_notes(c: &Cluster) -> Vec<String> {
    c.policy()
        .errors
        .iter()
        .map(|e| format!("the namespace's label {} is invalid ({e}); Pod Security reads it as the library does", e.label))
        .collect()
}

fn shell(o: &Map<String, Value>) -> Result<Shell, String> {
    match string(o, "shell")? {
        None | Some("posix") => Ok(Shell::Posix),
        Some("powershell") => Ok(Shell::PowerShell),
        Some(s) => Err(format!("option shell must be \"posix\" or \"powershell\", not {s:?}")),
    }
}

fn kubectl_minor(o: &Map<String, Value>) -> Result<u32, String> {
    string(o, "kubectlVersion")?.map_or(Ok(LATEST_KUBE_MINOR), parse_kubectl_version)
}

/// The text a problem in the input is told with: `pod:3:1: message`, as the CLI names files.
fn located(d: &ecplay_core::diag::Diagnostic) -> String {
    let file = if d.source == Some(Source::Pod) { "pod" } else { "containers" };
    format!("{file}:{}:{}: {}", d.line.unwrap_or(0), d.column.unwrap_or(0), d.message)
}

/// The check of `containers` (one container, a list, or a patch carrying
/// `spec.ephemeralContainers`) against the pod, with `options`
/// `{"mode": "append"|"replace", "kubeVersion": "1.37", "allowPrivileged": true,
/// "fieldValidation": "strict"|"warn"|"ignore", "namespace": "<kubectl get ns -o yaml>",
/// "podSecurity": "enforce=restricted:v1.30,warn=baseline"}` (the CLI's `check` flags):
/// `{"valid", "unusable", "diagnostics", "summary", "notes"}`, the CLI's JSON with whether
/// the input could be judged at all (its exit status 2) and what it says of the namespace's
/// labels. Bad options are an error.
#[wasm_bindgen]
pub fn check(pod: &str, containers: &str, options_json: &str) -> String {
    answer(check_value(pod, containers, options_json))
}

fn check_value(pod: &str, containers: &str, options_json: &str) -> Result<Value, String> {
    let known = ["mode", "kubeVersion", "allowPrivileged", "fieldValidation", "namespace", "podSecurity"];
    let o = options(options_json, "check's options", &known)?;
    let mode = match string(&o, "mode")? {
        None | Some("append") => Mode::Append,
        Some("replace") => Mode::Replace,
        Some(m) => return Err(format!("option mode must be \"append\" or \"replace\", not {m:?}")),
    };
    let field_validation = match string(&o, "fieldValidation")? {
        None => FieldValidation::default(),
        Some(f) => {
            FieldValidation::from_name(f).ok_or_else(|| format!("option fieldValidation must be strict, warn or ignore, not {f:?}"))?
        }
    };
    let c = cluster(&o)?;
    let opts = Options { field_validation, ..c.options() };
    let notes = cluster_notes(&c);
    let report = judge(pod, containers, mode, &opts);
    let mut v = render::json_report(report.valid(), &report.diagnostics, &report.summary());
    v["unusable"] = report.unusable.into();
    v["notes"] = notes.into();
    Ok(v)
}

/// The form `format` (`kubectl-patch`, `kubectl-debug`, … as `ecplay export --as` names them)
/// of the containers added to the pod, with `options`
/// `{"shell": "posix"|"powershell", "kubectlVersion": "1.37", "customFile": "debug-custom.json"}`:
/// `{"format", "text", "files": [{"path", "contents"}], "notes", "blocker", "valid",
/// "summary"}`. A container the server would reject is still exported (`valid` is false and
/// `summary` says why, as the CLI warns); input that cannot be judged, and a form that
/// cannot be made, are errors.
#[wasm_bindgen(js_name = exportAs)]
pub fn export_as(format: &str, pod: &str, containers: &str, options_json: &str) -> String {
    answer(export_value(format, pod, containers, options_json))
}

fn export_value(format: &str, pod: &str, containers: &str, options_json: &str) -> Result<Value, String> {
    let names = || Format::ALL.map(Format::name).join(", ");
    let format = Format::from_name(format).ok_or_else(|| format!("no export format {format:?}: {}", names()))?;
    let o = options(options_json, "exportAs's options", &["shell", "kubectlVersion", "customFile"])?;
    let report = judge(pod, containers, Mode::Append, &Options::default());
    if report.unusable {
        return Err(report.diagnostics.iter().map(located).collect::<Vec<_>>().join("\n"));
    }
    let (Some(pod_doc), Some(ctrs)) = (&report.pod, &report.containers) else { return Err("nothing to export".to_owned()) };
    let unknown: Vec<String> =
        report.diagnostics.iter().filter(|d| d.code == "D-02" && d.source == Some(Source::Container)).map(|d| d.field.clone()).collect();
    let custom_file = string(&o, "customFile")?.unwrap_or("debug-custom.json");
    let mut req = export::Request::new(&pod_doc.pod, &ctrs.containers);
    req.shell = shell(&o)?;
    req.kubectl_minor = kubectl_minor(&o)?;
    req.unknown_fields = &unknown;
    req.custom_file = custom_file;
    let out = export::export(&req, format).map_err(|e| e.to_string())?;
    Ok(json!({
        "format": out.format.name(),
        "text": out.text,
        "files": out.files.iter().map(|f| json!({"path": f.path, "contents": f.contents})).collect::<Vec<_>>(),
        "notes": out.notes,
        "blocker": out.blocker,
        "valid": report.valid(),
        "summary": report.summary(),
    }))
}

/// The pod made shareable, as the playground's Share panel redacts it:
/// `{"text", "removed", "kept"}`; a text that is not YAML is an error.
#[wasm_bindgen]
pub fn redact(pod: &str) -> String {
    answer(ecplay_core::redact::redact(pod).map(|r| json!({"text": r.text, "removed": r.removed, "kept": r.kept})))
}

/// The share link (or embed address) the playground makes, from
/// `{"base": "https://ecplay.example/", "pod": "…", "container": "…", "redact": true,
/// "embed": false, "shell": "posix", "kubectlVersion": "1.37", "tab": "kubectl-patch"}`
/// (`embed`: see [`embed_options`]), and the cluster as `check` takes it (`kubeVersion`,
/// `allowPrivileged`, `namespace`, `podSecurity`), which the link carries
/// (`ecplay share`'s flags; `base`, `pod` and `container` required):
/// `{"url", "long", "redaction": {"text", "removed", "kept"}|null}`.
#[wasm_bindgen(js_name = shareLink)]
pub fn share_link(request_json: &str) -> String {
    answer(share_value(request_json))
}

fn share_value(request_json: &str) -> Result<Value, String> {
    let known = [
        "base",
        "pod",
        "container",
        "redact",
        "embed",
        "shell",
        "kubectlVersion",
        "tab",
        "kubeVersion",
        "allowPrivileged",
        "namespace",
        "podSecurity",
    ];
    let o = options(request_json, "shareLink's request", &known)?;
    let need = |key: &str| string(&o, key)?.ok_or_else(|| format!("shareLink needs {key}"));
    let tab = match string(&o, "tab")? {
        None => Format::KubectlPatch,
        Some(t) => share::TABS
            .into_iter()
            .find(|f| f.name() == t)
            .ok_or_else(|| format!("no export tab {t:?}: {}", share::TABS.map(Format::name).join(", ")))?,
    };
    let req = share::Request {
        base: need("base")?,
        embed: embed_options(o.get("embed"))?,
        pod: need("pod")?,
        redact: boolean(&o, "redact", true)?,
        container: need("container")?,
        shell: shell(&o)?,
        kubectl_minor: kubectl_minor(&o)?,
        tab,
        cluster: &cluster(&o)?,
    };
    let made = share::make(&req)?;
    let redaction = made.redacted.as_ref().map(|r| json!({"text": r.text, "removed": r.removed, "kept": r.kept}));
    Ok(json!({ "url": made.url, "long": made.long(), "redaction": redaction }))
}

/// `embed`: absent or false for a link to the full playground, true for an embed with the
/// default options, or its options `{"show": ["composer", …], "pod": "spec", "density":
/// "compact", "theme": "dark", "readonly": "pod"}`, read as the page reads its address.
fn embed_options(v: Option<&Value>) -> Result<Option<Embed>, String> {
    let o = match v {
        None | Some(Value::Null | Value::Bool(false)) => return Ok(None),
        Some(Value::Bool(true)) => return Ok(Some(Embed::default())),
        Some(Value::Object(o)) => o,
        Some(v) => return Err(format!("option embed must be true, false or the embed's options, not {v}")),
    };
    let known = ["show", "pod", "density", "theme", "readonly"];
    if let Some(k) = o.keys().find(|k| !known.contains(&k.as_str())) {
        return Err(format!("unknown embed option {k:?}: {}", known.join(", ")));
    }
    let mut pairs = Vec::new();
    for (k, v) in o {
        let value = match (k.as_str(), v) {
            ("show", Value::Array(parts)) => parts
                .iter()
                .map(|p| p.as_str().ok_or_else(|| format!("embed option show: {p} is not a part's name")))
                .collect::<Result<Vec<_>, _>>()?
                .join(","),
            (_, Value::String(s)) => s.clone(),
            (_, v) => return Err(format!("embed option {k} must be a string, not {v}")),
        };
        pairs.push((k.clone(), value));
    }
    let (embed, notices) = Embed::from_pairs(pairs, &[]);
    match notices.into_iter().next() {
        Some(n) => Err(format!("embed option {n}")),
        None => Ok(Some(embed)),
    }
}

/// What a share link holds (`share::Link::json`, as `ecplay share --decode --format json`
/// prints it); a link that cannot be read is an error saying why.
#[wasm_bindgen(js_name = decodeLink)]
pub fn decode_link(url: &str) -> String {
    answer(share::read_link(url).map(|l| l.json()))
}

/// The ephemeral containers a command line (`kubectl debug …`, `kubectl patch
/// --subresource=ephemeralcontainers …`, `curl …`, or a bare request body) would add to the
/// pod, read as the shell and that kubectl read it, with `options`
/// `{"kubectlVersion": "1.37", "files": {"debug.json": "…"}}` (the files the command names):
/// `{"kind": "imported", "form", "containers", "list", "generatedNames", "notes", "yaml"}`
/// (`yaml`: the containers as `ecplay import` prints them, for `check`), or
/// `{"kind": "refused", "message", "more", "why", "server", "line", "column"}` (kubectl's, or the
/// server's, refusal), `{"kind": "needFile", "path", "what", "line", "column"}` (give it in
/// `files` and ask again), `{"kind": "unreadable", "message", "line", "column"}`. A pod that
/// cannot be read and bad options are errors.
#[wasm_bindgen(js_name = importCommand)]
pub fn import_command(pod: &str, command_line: &str, options_json: &str) -> String {
    answer(import_value(pod, command_line, options_json))
}

fn import_value(pod: &str, command_line: &str, options_json: &str) -> Result<Value, String> {
    use ecplay_core::import::{import, ImportError};
    let o = options(options_json, "importCommand's options", &["kubectlVersion", "files"])?;
    let files: BTreeMap<String, String> = match o.get("files") {
        None | Some(Value::Null) => BTreeMap::new(),
        Some(Value::Object(m)) => m
            .iter()
            .map(|(k, v)| {
                v.as_str().map(|t| (k.clone(), t.to_owned())).ok_or_else(|| format!("option files: {k:?} must be the file's text"))
            })
            .collect::<Result<_, _>>()?,
        Some(_) => return Err("option files must be an object of file names and texts".to_owned()),
    };
    let pod = ecplay_core::input::read_pod(pod).map_err(|e| format!("pod:{}:{}: {}", e.pos.line, e.pos.column, e.message))?.node.to_json();
    Ok(match import(&pod, command_line, kubectl_minor(&o)?, &files) {
        Ok(i) => {
            let yaml = match i.containers.as_slice() {
                [one] => export::yaml::to_yaml(one),
                all => export::yaml::to_yaml(&Value::Array(all.to_vec())),
            };
            json!({
                "kind": "imported",
                "form": i.form,
                "containers": i.containers,
                "list": i.list,
                "generatedNames": i.generated_names,
                "notes": i.notes,
                "fieldValidation": i.field_validation.name().to_ascii_lowercase(),
                "yaml": yaml,
            })
        }
        Err(ImportError::Refused { message, more, pos, why, server }) => {
            json!({"kind": "refused", "message": message, "more": more, "why": why, "server": server, "line": pos.line, "column": pos.column})
        }
        Err(ImportError::NeedFile { path, pos, what }) => {
            json!({"kind": "needFile", "path": path, "what": what, "line": pos.line, "column": pos.column})
        }
        Err(ImportError::Unreadable { pos, message }) => {
            json!({"kind": "unreadable", "message": message, "line": pos.line, "column": pos.column})
        }
    })
}

/// The package's version: the workspace's.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const POD: &str = include_str!("../../../tests/fixtures/pods/distroless-app.yaml");
    const DEBUGGER: &str = "name: debugger\nimage: busybox:1.36\ntargetContainerName: app\nstdin: true\ntty: true\n";

    fn ok(text: String) -> Value {
        let v: Value = serde_json::from_str(&text).unwrap();
        assert!(v.get("error").is_none(), "{v}");
        v["ok"].clone()
    }

    fn error(text: String) -> String {
        let v: Value = serde_json::from_str(&text).unwrap();
        v["error"].as_str().unwrap_or_else(|| panic!("no error: {v}")).to_owned()
    }

    #[test]
    fn check_is_the_clis() {
        let got = ok(check(POD, DEBUGGER, ""));
        let report = judge(POD, DEBUGGER, Mode::Append, &Options::default());
        let mut want = render::json_report(report.valid(), &report.diagnostics, &report.summary());
        want["unusable"] = false.into();
        want["notes"] = json!([]);
        assert_eq!(got, want);
        assert_eq!(got["valid"], true);

        let strict =
            ok(check(POD, "name: d\nimage: busybox\nimagePullPolcy: Always\n", r#"{"fieldValidation": "strict", "kubeVersion": "1.30"}"#));
        assert_eq!(strict["valid"], false);
        let restricted = ok(check(POD, DEBUGGER, r#"{"podSecurity": "enforce=restricted"}"#));
        assert!(restricted["summary"].as_str().unwrap().starts_with("Error from server (Forbidden)"), "{restricted}");
        let unusable = ok(check("kind: Deployment\n", DEBUGGER, "{}"));
        assert_eq!((unusable["unusable"].clone(), unusable["valid"].clone()), (json!(true), json!(false)));
        let noted = ok(check(
            POD,
            DEBUGGER,
            r#"{"namespace": "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n  labels:\n    pod-security.kubernetes.io/enforce: strict\n"}"#,
        ));
        assert_eq!(noted["notes"].as_array().unwrap().len(), 1, "{noted}");
    }

    #[test]
    fn bad_options_are_refused_by_name() {
        assert_eq!(error(check(POD, DEBUGGER, r#"{"kubeVerison": "1.30"}"#)), "unknown option \"kubeVerison\" of check's options: mode, kubeVersion, allowPrivileged, fieldValidation, namespace, podSecurity");
        assert!(error(check(POD, DEBUGGER, r#"{"kubeVersion": "1.12"}"#)).contains("is not modelled"));
        assert_eq!(error(check(POD, DEBUGGER, r#"{"allowPrivileged": "no"}"#)), "option allowPrivileged must be true or false, not \"no\"");
        assert_eq!(error(check(POD, DEBUGGER, "[1]")), "check's options must be an object");
        assert!(error(check(POD, DEBUGGER, "{")).starts_with("check's options are not JSON"));
        assert!(error(check(POD, DEBUGGER, r#"{"namespace": "a: [\n"}"#)).starts_with("namespace:"));
        assert!(error(export_as("kubectl-patch", POD, DEBUGGER, r#"{"shell": "fish"}"#)).contains("\"fish\""));
        assert!(error(export_as("pdf", POD, DEBUGGER, "")).starts_with("no export format \"pdf\": strategic-patch, kubectl-patch"));
    }

    #[test]
    fn exports_are_the_clis() {
        let got = ok(export_as("kubectl-patch", POD, DEBUGGER, r#"{"shell": "powershell", "kubectlVersion": "1.31"}"#));
        let doc = ecplay_core::input::read_pod(POD).unwrap();
        let ctrs = ecplay_core::input::read_containers(DEBUGGER, 0).unwrap();
        let mut req = export::Request::new(&doc.pod, &ctrs.containers);
        req.shell = Shell::PowerShell;
        req.kubectl_minor = 31;
        let want = export::export(&req, Format::KubectlPatch).unwrap();
        assert_eq!(got["text"], want.text.as_str());
        assert_eq!(got["blocker"], json!(want.blocker));
        assert_eq!((got["format"].as_str(), got["valid"].as_bool()), (Some("kubectl-patch"), Some(true)));
        let debug = ok(export_as(
            "kubectl-debug",
            POD,
            "name: d\nimage: busybox\nvolumeMounts: [{name: tmp, mountPath: /t}]\n",
            r#"{"customFile": "c.json"}"#,
        ));
        assert_eq!(debug["files"][0]["path"], "c.json", "{debug}");
        assert_eq!(
            error(export_as("yaml", POD, "name: [", "")),
            "containers:2:1: while parsing a node, did not find expected node content"
        );
    }

    #[test]
    fn imports_are_the_clis() {
        let got = ok(import_command(POD, "kubectl debug -it payments-api-jtxj8rc447-hmrw7 --image=busybox:1.36 --target=app -c dbg", ""));
        assert_eq!((got["kind"].as_str(), got["containers"][0]["name"].as_str()), (Some("imported"), Some("dbg")), "{got}");
        let pod = ecplay_core::input::read_pod(POD).unwrap().node.to_json();
        let want = ecplay_core::import::import(
            &pod,
            "kubectl debug -it payments-api-jtxj8rc447-hmrw7 --image=busybox:1.36 --target=app -c dbg",
            LATEST_KUBE_MINOR,
            &BTreeMap::new(),
        )
        .unwrap();
        assert_eq!(got["containers"], json!(want.containers));
        assert_eq!(got["yaml"], export::yaml::to_yaml(&want.containers[0]).as_str());
        let judged = ok(check(POD, got["yaml"].as_str().unwrap(), ""));
        assert_eq!(judged["unusable"], false);

        let need = ok(import_command(POD, "kubectl debug -it payments-api-jtxj8rc447-hmrw7 --image=busybox --custom=dbg.json", ""));
        assert_eq!((need["kind"].as_str(), need["path"].as_str()), (Some("needFile"), Some("dbg.json")), "{need}");
        let given = ok(import_command(
            POD,
            "kubectl debug -it payments-api-jtxj8rc447-hmrw7 --image=busybox --custom=dbg.json",
            r#"{"files": {"dbg.json": "{\"env\": [{\"name\": \"A\", \"value\": \"1\"}]}"}}"#,
        ));
        assert_eq!(given["containers"][0]["env"][0]["name"], "A", "{given}");
        let refused = ok(import_command(POD, "kubectl debug payments-api-jtxj8rc447-hmrw7", ""));
        assert_eq!(refused["kind"], "refused", "{refused}");
        assert!(refused["message"].as_str().unwrap().starts_with("error: "), "{refused}");
        assert_eq!(ok(import_command(POD, "ls -l", ""))["kind"], "unreadable");
        assert!(error(import_command("kind: Deployment", "kubectl debug x --image=busybox", "")).starts_with("pod:"));
        assert_eq!(error(import_command(POD, "x", r#"{"files": {"a": 1}}"#)), "option files: \"a\" must be the file's text");
    }

    #[test]
    fn links_are_the_pages() {
        let got = ok(share_link(&json!({"base": "https://ecplay.example", "pod": POD, "container": DEBUGGER, "tab": "curl"}).to_string()));
        let url = got["url"].as_str().unwrap();
        assert!(url.starts_with("https://ecplay.example/#s="), "{url}");
        assert_eq!(got["redaction"]["text"], ecplay_core::redact::redact(POD).unwrap().text.as_str());
        let back = ok(decode_link(url));
        assert_eq!((back["tab"].as_str(), back["container"].as_str()), (Some("curl"), Some(DEBUGGER)));
        assert_eq!(back["pod"], got["redaction"]["text"]);
        let plain = ok(share_link(
            &json!({"base": "https://e.example/", "pod": POD, "container": DEBUGGER, "redact": false, "embed": true}).to_string(),
        ));
        assert_eq!(plain["redaction"], Value::Null);
        let clustered = ok(share_link(
            &json!({"base": "https://e.example/", "pod": POD, "container": DEBUGGER, "kubeVersion": "1.30", "podSecurity": "enforce=restricted"}).to_string(),
        ));
        let mut c = Cluster { kube_minor: 30, ..Cluster::default() };
        c.set_short_form("enforce=restricted").unwrap();
        assert_eq!(share::read_link(clustered["url"].as_str().unwrap()).unwrap().shared.cluster, c);
        let styled = ok(share_link(
            &json!({"base": "https://e.example/", "pod": POD, "container": DEBUGGER, "redact": false, "embed": {"show": ["export", "composer"], "density": "compact", "theme": "dark"}}).to_string(),
        ));
        assert_eq!(
            styled["url"].as_str().unwrap().split_once('#').unwrap().0,
            "https://e.example/?embed=1&show=composer,export&density=compact&theme=dark"
        );
        assert_eq!(styled["url"].as_str().unwrap().split_once('#').unwrap().1, plain["url"].as_str().unwrap().split_once('#').unwrap().1);
        let bad = |embed: Value| {
            error(share_link(&json!({"base": "https://e.example/", "pod": POD, "container": DEBUGGER, "embed": embed}).to_string()))
        };
        assert_eq!(bad(json!({"show": ["composer", "verdicts"]})), "embed option show=composer,verdicts: no part verdicts (the parts are pod, composer, yaml, verdict, diagnostics, export or holds)");
        assert_eq!(bad(json!({"colour": "red"})), "unknown embed option \"colour\": show, pod, density, theme, readonly");
        assert_eq!(bad(json!("yes")), "option embed must be true, false or the embed's options, not \"yes\"");
        assert_eq!(ok(decode_link(plain["url"].as_str().unwrap()))["pod"], POD);
        assert_eq!(error(share_link(r#"{"pod": "", "container": ""}"#)), "shareLink needs base");
        assert!(error(share_link(r#"{"base": "x", "pod": "", "container": ""}"#)).contains("is not an http:// or https:// address"));
        assert!(
            error(share_link(r#"{"base": "https://x/", "pod": "a", "container": "", "tab": "pdf"}"#)).starts_with("no export tab \"pdf\"")
        );
        assert_eq!(error(decode_link("https://x/")), "it holds no playground (its address has no #s= part)");
        let r = ok(redact(POD));
        assert!(r["removed"].as_array().unwrap().len() > 2, "{r}");
        assert!(error(redact("a: [")).contains("did not find expected"));
        assert_eq!(version(), env!("CARGO_PKG_VERSION"));
    }
}
