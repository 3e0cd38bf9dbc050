//! The playground's second WebAssembly module (`ecplay-extra`), which the page loads on
//! demand (`web/src/extra.rs`, a dynamic `import()` of `pkg/extra/ecplay_extra.js`): what most
//! sessions never use, kept out of the first download.
//!
//! - Pod Security admission of a namespace's policy ([`admit`], core's `Report::prepare` and
//!   `Report::admit`, after the app's `Report::validate`);
//! - the export forms other than the one shown first, `kubectl debug` among them ([`export_form`],
//!   core's `export::export`);
//! - the Learn panel's recipes ([`recipe`], core's `learn::recipe`);
//! - share links ([`share_link`], core's `share::link`: its deflate is not in the first
//!   download) and the pod's text redacted for them ([`redact`], core's `redact::redact`).
//! - the Learn panel's recipes ([`recipe`], core's `learn::recipe`) and what each `kubectl
//!   debug` profile adds to the pod ([`profiles`], core's `learn::profile_examples`);
//! - the import of a command line ([`import_command`], core's `import::import`).
//!
//! The page hands the pod over once per change of its text ([`pod`]); every other call
//! names only what changes on a keystroke. Arguments and answers are strings (JSON where
//! they are structured), so that neither module needs the other's types: the answers are
//! those of [`render::diagnostic_json`] and plain objects described at each function. No
//! function panics on any input (a trap would stop this module: the page then says so).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::Arc;

use ecplay_core::admission::{self, Fix, FixValue, Violation};
use ecplay_core::diag::Diagnostic;
use ecplay_core::embed::Embed;
use ecplay_core::export::{self, yaml, ExportError};
use ecplay_core::gojson;
use ecplay_core::import::ImportError;
use ecplay_core::input::{self, PodDoc};
use ecplay_core::path::{segments, Segment};
use ecplay_core::share;
use ecplay_core::shell::Shell;
use ecplay_core::{draft, learn, read_pod_owned, render, Cluster, Mode, Options, Report};
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;

thread_local! {
    /// The pod as [`pod`] last read it.
    static POD: RefCell<Option<Result<Arc<PodDoc>, Diagnostic>>> = const { RefCell::new(None) };
    /// Whether that pod as it is passes a level on a server ([`passing_profiles`] asks on
    /// every keystroke; on a pod of hundreds of containers the answer costs milliseconds).
    static POD_PASSES: RefCell<Vec<(admission::LevelVersion, u32, bool)>> = const { RefCell::new(Vec::new()) };
}

/// Reads the pod's text, for every call after it (until the next).
#[wasm_bindgen]
pub fn pod(text: String) {
    let read = read_pod_owned(text);
    POD.with(|p| *p.borrow_mut() = Some(read));
    POD_PASSES.with(|p| p.borrow_mut().clear());
}

/// The pod [`pod`] read, if it could be read.
fn with_pod<T>(f: impl FnOnce(Option<&Result<Arc<PodDoc>, Diagnostic>>) -> T) -> T {
    POD.with(|p| f(p.borrow().as_ref()))
}

/// The cluster a request is judged for, from the page's JSON object as core's `Cluster`
/// writes it: `{"kube": 30, "allowPrivileged": false, "labels": {"pod-security.kubernetes.io/enforce": "restricted", …}}`
/// (the API server's minor version, `--allow-privileged`, the namespace's labels, read as the
/// Pod Security library reads them). What is missing or not understood is the default.
pub fn options(cluster: &str) -> Options {
    Cluster::read(&serde_json::from_str(cluster).unwrap_or(Value::Null)).options()
}

/// The namespace's Pod Security admission of the containers in `containers` (the
/// composer's text) added to the pod, on the cluster `cluster` ([`options`]):
/// `{"diagnostics": [...], "denied": bool, "warned": bool, "outcome": {...}|null, "profiles": {...}|null}` — the
/// diagnostics admission adds (enforce's errors, warn's warnings, audit's infos, each at
/// the field its fix goes to, with `fixed`: the composer's text with the fix made, when the
/// fix is in the new containers), whether enforce refuses it and warn warns, what admission
/// did ([`outcome_json`], from which the page writes kubectl's text), and which `kubectl
/// debug` profiles the namespace's level lets through ([`passing_profiles`]). `valid` is whether
/// the request validates, which the page has just found with core's `Report::validate` on the
/// same pod, text and cluster: this module does not judge it again (on a pod of hundreds of
/// containers that is most of the work), it prepares the request as the server stores it
/// (`Report::prepare`) and admits it. A request that does not validate is never admitted (the
/// server answers 422 first): then there are no diagnostics, both are false and `outcome` is
/// null.
#[wasm_bindgen]
pub fn admit(containers: &str, cluster: &str, valid: bool) -> String {
    let opts = options(cluster);
    with_pod(|pod| {
        let Some(pod) = pod else {
            return json!({"diagnostics": [], "denied": false, "warned": false, "outcome": null, "profiles": null});
        };
        let mut report = Report::prepare(pod, containers, Mode::Append, &opts);
        if valid {
            report.admit(&opts);
        }
        let outcome = report.admission.as_ref();
        // One diagnostic per violation, enforce's, warn's then audit's, in the library's order
        // (core's check.rs): each gets its violation's fixes when the codes agree.
        let violations: Vec<&Violation> = outcome
            .map(|o| [&o.denied, &o.warned, &o.audited].into_iter().flatten().flat_map(|v| v.violations.iter()).collect())
            .unwrap_or_default();
        let psa: Vec<&Diagnostic> = report.diagnostics.iter().filter(|d| d.code.starts_with("PSA")).collect();
        let paired = psa.len() == violations.len() && psa.iter().zip(&violations).all(|(d, v)| d.code == admission::code(v.check));
        let diagnostics: Vec<Value> = psa
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let mut v = render::diagnostic_json(d);
                if let Some(text) = paired.then(|| fixed(&report, &violations[i].fixes)).flatten() {
                    v["fixed"] = text.into();
                }
                v
            })
            .collect();
        json!({
            "diagnostics": diagnostics,
            "denied": outcome.is_some_and(|o| o.denied.is_some()),
            "warned": outcome.is_some_and(|o| o.warned.is_some()),
            "outcome": outcome.map(outcome_json),
            "profiles": passing_profiles(&report, &opts),
        })
    })
    .to_string()
}

/// What admission did, for the page to say in kubectl's words (`Outcome::kubectl_error`,
/// `Outcome::kubectl_warning`): `{"skipped": "privileged"|"notSignificant"|null, "denied":
/// verdict|null, "warned": verdict|null, "audited": verdict|null}`, each verdict
/// `{"policy": "restricted:latest", "violations": [{"check", "reason", "detail"}]}`.
fn outcome_json(o: &admission::Outcome) -> Value {
    let verdict = |v: &Option<admission::Verdict>| {
        v.as_ref().map(|v| {
            let violations: Vec<Value> =
                v.violations.iter().map(|x| json!({"check": x.check, "reason": x.reason, "detail": x.detail})).collect();
            json!({"policy": v.policy.to_string(), "violations": violations})
        })
    };
    let skipped = o.skipped.map(|s| match s {
        admission::Skip::Privileged => "privileged",
        admission::Skip::NotSignificant => "notSignificant",
    });
    json!({"skipped": skipped, "denied": verdict(&o.denied), "warned": verdict(&o.warned), "audited": verdict(&o.audited)})
}

/// Which `kubectl debug` profiles, made in the composer's container as the form makes them
/// (`Draft::apply`), pass the namespace's level: enforce's, or warn's when enforce is
/// privileged: `{"policy": "restricted:latest", "passing": ["restricted"], "failing":
/// ["general", "baseline", …]}`, each list in `Profile::ALL`'s order; null when both are
/// privileged, or when there is no one container to judge. The whole new pod is evaluated,
/// as admission evaluates it: a pod whose own containers fail the level lets no profile through.
fn passing_profiles(report: &Report, opts: &Options) -> Value {
    let p = opts.pod_security.policy;
    let lv = if p.enforce.level != admission::Level::Privileged { p.enforce } else { p.warn };
    let (Some(doc), Some(pod)) = (&report.containers, &report.pod) else { return Value::Null };
    let ([raw], Some(stored)) = (doc.containers.as_slice(), report.stored.get(report.first_new)) else { return Value::Null };
    if lv.level == admission::Level::Privileged {
        return Value::Null;
    }
    // The pod's own verdict, once per pod, when the new list is the pod's then the one new
    // container (`admission::passes_with`); otherwise the whole list each time.
    let minor = opts.kube_minor;
    let existing = pod.pod.spec.as_ref().and_then(|s| s.ephemeral_containers.as_deref()).unwrap_or_default();
    let appended = report.stored.len() == existing.len() + 1 && report.stored[..report.first_new] == *existing;
    let pod_passes = appended.then(|| {
        POD_PASSES.with(|cache| {
            let mut cache = cache.borrow_mut();
            if let Some((.., passes)) = cache.iter().find(|(l, m, _)| *l == lv && *m == minor) {
                return *passes;
            }
            let passes = admission::evaluate(lv, &pod.pod, existing, minor).is_empty();
            cache.push((lv, minor, passes));
            passes
        })
    });
    let (mut passing, mut failing) = (Vec::new(), Vec::new());
    for profile in draft::Profile::ALL.into_iter().filter(|p| *p != draft::Profile::Custom) {
        let passes = pod_passes != Some(false) && {
            let mut d = draft::Draft::from_container(raw);
            d.profile = Some(profile);
            let mut list = report.stored.clone();
            list[report.first_new] =
                ecplay_core::k8s::EphemeralContainer { security_context: d.apply(raw).security_context, ..stored.clone() };
            match pod_passes {
                Some(pod_passes) => admission::passes_with(lv, &pod.pod, pod_passes, &list, minor),
                None => admission::evaluate(lv, &pod.pod, &list, minor).is_empty(),
            }
        };
        if passes { &mut passing } else { &mut failing }.push(profile.name());
    }
    json!({"policy": lv.to_string(), "passing": passing, "failing": failing})
}

/// The composer's containers with `fixes` made, as YAML (one container as the form writes
/// it, several as a list); `None` when no fix is in a new container (the pod's own
/// containers are not the composer's to change).
fn fixed(report: &Report, fixes: &[Fix]) -> Option<String> {
    let doc = report.containers.as_ref()?;
    // Only the new containers' fixes are the composer's (a pod of hundreds of containers
    // failing the level has one in each of its own).
    let fixes: Vec<&Fix> = fixes.iter().filter(|f| f.path.starts_with("spec.ephemeralContainers[")).collect();
    if fixes.is_empty() {
        return None;
    }
    let mut values: Vec<Value> = doc.containers.iter().map(gojson::marshal).collect();
    let mut made = false;
    for f in fixes {
        let segs = segments(&f.path);
        let [Segment::Field("spec"), Segment::Field("ephemeralContainers"), Segment::Index(k), rest @ ..] = segs.as_slice() else {
            continue;
        };
        let Some(value) = k.checked_sub(report.first_new).and_then(|i| values.get_mut(i)) else { continue };
        made |= set(value, rest, &f.value);
    }
    if !made {
        return None;
    }
    as_form_writes(values)
}

/// Sets the value at `path` under `v` (making objects on the way), or takes it out: a key, or a
/// list item. Whether anything could be done.
fn set(v: &mut Value, path: &[Segment<'_>], to: &FixValue) -> bool {
    let Some((last, parents)) = path.split_last() else { return false };
    let mut cur = v;
    for s in parents {
        cur = match (s, cur) {
            (Segment::Field(k) | Segment::Key(k), cur) => {
                if !cur.is_object() {
                    *cur = json!({});
                }
                match cur.as_object_mut() {
                    Some(o) => o.entry(k.to_string()).or_insert(Value::Null),
                    None => return false,
                }
            }
            (Segment::Index(i), Value::Array(items)) => match items.get_mut(*i) {
                Some(item) => item,
                None => return false,
            },
            (Segment::Index(_), _) => return false,
        };
    }
    let new = match to {
        FixValue::Remove => None,
        FixValue::Bool(b) => Some(json!(b)),
        FixValue::Str(s) => Some(json!(s)),
        FixValue::List(l) => Some(json!(l)),
    };
    match (last, new) {
        (Segment::Field(k) | Segment::Key(k), Some(new)) => {
            if !cur.is_object() {
                *cur = json!({});
            }
            cur.as_object_mut().map(|o| o.insert(k.to_string(), new)).is_some()
        }
        (Segment::Field(k) | Segment::Key(k), None) => cur.as_object_mut().is_some_and(|o| o.remove(*k).is_some()),
        (Segment::Index(i), None) => match cur {
            Value::Array(items) if *i < items.len() => {
                items.remove(*i);
                true
            }
            _ => false,
        },
        (Segment::Index(i), Some(new)) => match cur.as_array_mut().and_then(|items| items.get_mut(*i)) {
            Some(item) => {
                *item = new;
                true
            }
            None => false,
        },
    }
}

/// The export form `request.format` (its name, as `kubectl-debug` or `json-patch`) of the
/// containers in `containers` for the pod, with `request`
/// `{"format": "kubectl-debug", "shell": "posix"|"powershell", "kubectl": 37, "unknown": ["spec.ephemeralContainers[0].imagePullPolcy", …]}`
/// (the paths of the fields the schema does not know, which the notes name):
/// `{"text": "...", "files": [{"path": "...", "contents": "..."}], "notes": [...], "blocker": "..."|null}`,
/// or `{"error": "..."}` when there is no form to make.
#[wasm_bindgen]
pub fn export_form(containers: &str, request: &str) -> String {
    let v: Value = serde_json::from_str(request).unwrap_or(Value::Null);
    let format = v.get("format").and_then(Value::as_str).and_then(export::Format::from_name);
    let unknown: Vec<String> = v
        .get("unknown")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|s| Some(s.as_str()?.to_owned())).collect())
        .unwrap_or_default();
    let answer = with_pod(|pod| {
        let Some(format) = format else { return Err("there is no such form".to_owned()) };
        let Some(Ok(pod)) = pod else { return Err("the pod cannot be read".to_owned()) };
        let existing = pod.pod.spec.as_ref().and_then(|s| s.ephemeral_containers.as_ref()).map_or(0, Vec::len);
        let doc = input::read_containers(containers, existing).map_err(|e| e.message)?;
        let mut req = export::Request::new(&pod.pod, &doc.containers);
        req.shell = if v.get("shell").and_then(Value::as_str) == Some("powershell") { Shell::PowerShell } else { Shell::Posix };
        req.kubectl_minor = v.get("kubectl").and_then(Value::as_u64).and_then(|m| u32::try_from(m).ok()).unwrap_or(req.kubectl_minor);
        req.unknown_fields = &unknown;
        export::export(&req, format).map_err(|e: ExportError| e.to_string())
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

/// The pod's text `pod` redacted as the Share panel offers it (core's `redact::redact`):
/// `{"text": "...", "removed": ["3 env values", …], "kept": [...]}`, or `{"error": "..."}` when
/// the text is not YAML that can be redacted.
#[wasm_bindgen]
pub fn redact(pod: &str) -> String {
    match ecplay_core::redact::redact(pod) {
        Ok(r) => json!({ "text": r.text, "removed": r.removed, "kept": r.kept }),
        Err(e) => json!({ "error": e }),
    }
    .to_string()
}

/// The Learn recipe `id` for the pod, the container named `name`, on the cluster `cluster`
/// ([`options`]): `{"container": "<the container's YAML>", "notes": [...]}`, or `{"error":
/// "..."}` for a recipe that does not exist. In a namespace whose Pod Security level refuses
/// the recipe's container, the container is made to pass it ([`to_pass`]) and a note says what
/// changed.
#[wasm_bindgen]
pub fn recipe(id: &str, name: &str, cluster: &str) -> String {
    let opts = options(cluster);
    with_pod(|pod| {
        let default = Default::default();
        let pod = match pod {
            Some(Ok(doc)) => &doc.pod,
            _ => &default,
        };
        match learn::recipe(id, pod, name) {
            Some((ec, mut notes)) => {
                let container = to_pass(&ec, pod, &opts, &mut notes);
                json!({ "container": container, "notes": notes })
            }
            None => json!({ "error": format!("there is no recipe {id:?}") }),
        }
    })
    .to_string()
}

/// The link that opens the state `text` (the page's `State::shared`, a `Shared::write`) in
/// the playground at `base` (the page's address), or with `embed` an embed's address with
/// the default options: core's `share::link`, byte for byte what `ecplay share` and the npm
/// package make for the same state.
#[wasm_bindgen]
pub fn share_link(base: &str, text: &str, embed: bool) -> String {
    if embed {
        share::embed_link(base, &Embed::default(), text)
    } else {
        share::link(base, text)
    }
}

/// The pod's JSON as the last [`pod`] read it (`null` when it could not be read).
fn pod_json() -> Value {
    with_pod(|pod| match pod {
        Some(Ok(doc)) => doc.node.to_json(),
        _ => Value::Null,
    })
}

/// What the command line `line` adds to the pod, for kubectl 1.`kubectl` with the files
/// `files` (`{"custom.json": "<text>", …}`, as the user gave them):
/// `{"imported": {"form", "yaml", "count", "notes", "generated"}}` — `yaml` the new container(s)
/// as the composer's text (one container, or a list); or `{"refused": {"message", "more",
/// "why", "server", "line", "column"}}` — kubectl's (or the API server's) refusal, its first
/// line exact; or `{"needFile": {"path", "what", "line", "column"}}`; or `{"unreadable":
/// {"message", "line", "column"}}`.
#[wasm_bindgen(js_name = importCommand)]
pub fn import_command(line: &str, kubectl: u32, files: &str) -> String {
    let files: BTreeMap<String, String> = serde_json::from_str::<Value>(files)
        .ok()
        .and_then(|v| v.as_object().map(|o| o.iter().filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned()))).collect()))
        .unwrap_or_default();
    let pod = pod_json();
    if pod.is_null() {
        return json!({"unreadable": {"message": "the pod cannot be read: fix it first", "line": 1, "column": 1}}).to_string();
    }
    match ecplay_core::import::import(&pod, line, kubectl, &files) {
        Ok(imported) => {
            let yaml = match imported.containers.as_slice() {
                [one] => yaml::to_yaml(one),
                all => yaml::to_yaml(&Value::Array(all.to_vec())),
            };
            json!({"imported": {
                "form": imported.form,
                "yaml": yaml,
                "count": imported.containers.len(),
                "notes": imported.notes,
                "generated": imported.generated_names,
            }})
        }
        Err(ImportError::Refused { message, more, pos, why, server }) => {
            json!({"refused": {"message": message, "more": more, "why": why, "server": server, "line": pos.line, "column": pos.column}})
        }
        Err(ImportError::NeedFile { path, pos, what }) => {
            json!({"needFile": {"path": path, "what": what, "line": pos.line, "column": pos.column}})
        }
        Err(ImportError::Unreadable { pos, message }) => {
            json!({"unreadable": {"message": message, "line": pos.line, "column": pos.column}})
        }
    }
    .to_string()
}

/// What each `kubectl debug` profile of kubectl 1.`kubectl` adds to the pod:
/// `[{"profile": "general", "command": "kubectl debug …", "yaml": "<the container>"}, …]`.
#[wasm_bindgen]
pub fn profiles(kubectl: u32) -> String {
    let pod = pod_json();
    let examples = learn::profile_examples(&pod, kubectl);
    Value::Array(
        examples.iter().map(|e| json!({"profile": e.profile, "command": e.command, "yaml": yaml::to_yaml(&e.container)})).collect(),
    )
    .to_string()
}

/// `ec` as the form writes it, with the fixes that make it pass the namespace's Pod Security
/// level (enforce's, or warn's when enforce is privileged) when that level refuses it, and a
/// note that says so. The pod's own violations are not the container's to fix: the note
/// says that no container passes until the pod does.
fn to_pass(ec: &ecplay_core::k8s::EphemeralContainer, pod: &ecplay_core::k8s::Pod, opts: &Options, notes: &mut Vec<String>) -> String {
    let p = opts.pod_security.policy;
    let lv = if p.enforce.level != admission::Level::Privileged { p.enforce } else { p.warn };
    if lv.level == admission::Level::Privileged {
        return draft::container_yaml(ec);
    }
    let mut list = pod.spec.as_ref().and_then(|s| s.ephemeral_containers.clone()).unwrap_or_default();
    let k = list.len();
    list.push(ec.clone());
    let violations = admission::evaluate(lv, pod, &list, opts.kube_minor);
    if violations.is_empty() {
        return draft::container_yaml(ec);
    }
    let mut value = gojson::marshal(ec);
    let (mut made, mut pods) = (Vec::new(), false);
    for f in violations.iter().flat_map(|v| &v.fixes) {
        let segs = segments(&f.path);
        match segs.as_slice() {
            [Segment::Field("spec"), Segment::Field("ephemeralContainers"), Segment::Index(i), rest @ ..] if *i == k => {
                let at = f.path.split_once("].").map_or(f.path.as_str(), |(_, rest)| rest);
                if set(&mut value, rest, &f.value) {
                    made.push(match f.value {
                        FixValue::Remove => format!("{at} taken out"),
                        ref v => format!("{at}: {v}"),
                    });
                }
            }
            _ => pods = true,
        }
    }
    let reasons: Vec<&str> = violations.iter().map(|v| v.reason.as_str()).collect();
    let mut note = format!(
        "Pod Security {lv} refuses this recipe's container as it is ({}): it is made to pass here ({}). What that takes away may keep some of the recipe's tools from working; in a namespace of a lower level they would.",
        reasons.join(", "),
        made.join("; ")
    );
    if pods {
        note.push_str(" The pod's own containers do not pass this level either: no ephemeral container is admitted until the pod does.");
    }
    notes.push(note);
    as_form_writes(vec![value]).unwrap_or_else(|| draft::container_yaml(ec))
}

/// Containers as JSON values, as the form writes them (`draft::container_yaml`: an empty
/// `resources` left out), one container alone or several as a list.
fn as_form_writes(mut values: Vec<Value>) -> Option<String> {
    for v in &mut values {
        if let Value::Object(m) = v {
            if m.get("resources").is_some_and(|r| r.as_object().is_some_and(serde_json::Map::is_empty)) {
                m.remove("resources");
            }
        }
    }
    let value = if values.len() == 1 { values.pop()? } else { Value::Array(values) };
    Some(yaml::to_yaml(&value))
}

#[cfg(test)]
mod tests {
    use super::*;

    const POD: &str = include_str!("../../../tests/fixtures/pods/run-as-non-root.yaml");
    const DEBUGGER: &str = "name: debugger\nimage: busybox:1.36\nstdin: true\n";

    /// [`admit`] as the page calls it: with whether the request validates, which the page
    /// has just found (`Report::validate`, in its own module).
    fn as_the_page(containers: &str, cluster: &str) -> String {
        let valid = with_pod(|p| p.is_some_and(|p| Report::validate(p, containers, Mode::Append, &options(cluster)).valid()));
        admit(containers, cluster, valid)
    }

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
        let got = answer(&as_the_page(DEBUGGER, cluster));
        let opts = options(cluster);
        let report = ecplay_core::check(POD, DEBUGGER, Mode::Append, &opts);
        assert!(report.summary().starts_with("Error from server (Forbidden): "), "{}", report.summary());
        assert_eq!(got["denied"], true);
        let codes: Vec<&str> = got["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect();
        assert_eq!(codes, ["PSA-allowPrivilegeEscalation", "PSA-capabilities_restricted"]);
        assert_eq!(got["diagnostics"][0]["source"], "container");

        // Each fix, made in the composer's text, makes its check pass; made together, the
        // namespace admits the container.
        let mut all = DEBUGGER.to_owned();
        for d in got["diagnostics"].as_array().unwrap() {
            let text = d["fixed"].as_str().expect("a fix in the container");
            let after = answer(&as_the_page(text, cluster));
            assert!(after["diagnostics"].as_array().unwrap().iter().all(|a| a["code"] != d["code"]), "{text}\n{after}");
            all = answer(&as_the_page(&all, cluster))["diagnostics"][0]["fixed"].as_str().unwrap_or(&all).to_owned();
        }
        let admitted = answer(&as_the_page(&all, cluster));
        assert_eq!((admitted["denied"].clone(), admitted["diagnostics"].clone()), (json!(false), json!([])), "{all}");
        assert!(all.contains("allowPrivilegeEscalation: false") && all.contains("- ALL"), "{all}");

        let privileged = answer(&as_the_page(DEBUGGER, r#"{"kube": 37}"#));
        assert_eq!(privileged["diagnostics"], json!([]));
        assert_eq!(privileged["denied"], false);

        let invalid = answer(&as_the_page("name: debugger\nimage: busybox:1.36\nports: [{containerPort: 80}]\n", cluster));
        assert_eq!((invalid["diagnostics"].clone(), invalid["denied"].clone()), (json!([]), json!(false)));
        assert_eq!(invalid["outcome"], Value::Null, "a 422 is never admitted");

        // What admission did, for kubectl's words; the violations in the library's order.
        let outcome = &got["outcome"];
        assert_eq!(outcome["denied"]["policy"], "restricted:latest");
        let checks: Vec<&str> = outcome["denied"]["violations"].as_array().unwrap().iter().map(|v| v["check"].as_str().unwrap()).collect();
        assert_eq!(checks, ["allowPrivilegeEscalation", "capabilities_restricted"]);
        assert_eq!(outcome["denied"]["violations"][0]["reason"], "allowPrivilegeEscalation != false");
        assert_eq!(privileged["outcome"]["skipped"], "privileged");
    }

    /// The profiles that pass the level are those whose container admission lets through.
    #[test]
    fn the_profiles_that_pass_the_level() {
        pod(POD.to_owned());
        let passing = |cluster: &str| answer(&as_the_page(DEBUGGER, cluster))["profiles"].clone();
        let restricted = passing(r#"{"labels": {"pod-security.kubernetes.io/enforce": "restricted"}}"#);
        assert_eq!(
            restricted,
            json!({"policy": "restricted:latest", "passing": ["restricted"], "failing": ["general", "baseline", "netadmin", "sysadmin"]})
        );
        let baseline = passing(r#"{"labels": {"pod-security.kubernetes.io/enforce": "baseline"}}"#);
        assert_eq!(baseline["passing"], json!(["baseline", "restricted"]));
        // Warn's level when enforce lets everything through; nothing when both do.
        let warn = passing(r#"{"labels": {"pod-security.kubernetes.io/warn": "restricted"}}"#);
        assert_eq!(warn["passing"], json!(["restricted"]));
        assert_eq!(passing(r#"{}"#), Value::Null);
        // A pod whose own containers fail the level lets none through (its verdict is kept
        // per pod: the next pod is judged afresh), and the one before is judged as before.
        pod(include_str!("../../../tests/fixtures/pods/distroless-app.yaml").to_owned());
        let none = passing(r#"{"labels": {"pod-security.kubernetes.io/enforce": "restricted"}}"#);
        assert_eq!(none["passing"], json!([]), "{none}");
        pod(POD.to_owned());
        assert_eq!(passing(r#"{"labels": {"pod-security.kubernetes.io/enforce": "restricted"}}"#), restricted);
        // Each profile's container, made as the form makes it, is what admission then says.
        for name in ["restricted", "baseline"] {
            let mut d = draft::Draft::from_container(&input::read_containers(DEBUGGER, 0).unwrap().containers[0]);
            d.profile = draft::Profile::from_name(name);
            let text = draft::container_yaml(&d.apply(&input::read_containers(DEBUGGER, 0).unwrap().containers[0]));
            let cluster = r#"{"labels": {"pod-security.kubernetes.io/enforce": "restricted"}}"#;
            assert_eq!(answer(&as_the_page(&text, cluster))["denied"], name != "restricted", "{name}: {text}");
        }
    }

    /// A fix sets a value (making objects on the way) or takes a key or a list item out.
    #[test]
    fn fixes_set_and_take_out() {
        let mut v = json!({"name": "d", "securityContext": {"capabilities": {"add": ["NET_ADMIN", "SYS_PTRACE"]}}});
        let path = |p: &'static str| segments(p);
        assert!(set(&mut v, &path("securityContext.capabilities.add[1]"), &FixValue::Remove));
        assert!(set(&mut v, &path("securityContext.seccompProfile.type"), &FixValue::Str("RuntimeDefault")));
        assert!(set(&mut v, &path("securityContext.capabilities.drop"), &FixValue::List(vec!["ALL".to_owned()])));
        assert!(set(&mut v, &path("securityContext.privileged"), &FixValue::Bool(false)));
        assert!(!set(&mut v, &path("securityContext.capabilities.add[5]"), &FixValue::Remove));
        assert!(!set(&mut v, &path("image"), &FixValue::Remove), "nothing to take out");
        assert_eq!(
            v,
            json!({"name": "d", "securityContext": {"capabilities": {"add": ["NET_ADMIN"], "drop": ["ALL"]}, "seccompProfile": {"type": "RuntimeDefault"}, "privileged": false}})
        );
        // Under baseline, a debugger with SYS_PTRACE: the fix takes the capability out.
        pod(POD.to_owned());
        let text = "name: debugger\nimage: busybox:1.36\nsecurityContext:\n  capabilities:\n    add: [SYS_PTRACE]\n";
        let got = answer(&as_the_page(text, r#"{"labels": {"pod-security.kubernetes.io/enforce": "baseline"}}"#));
        assert_eq!(got["diagnostics"][0]["code"], "PSA-capabilities_baseline", "{got}");
        let fixed = got["diagnostics"][0]["fixed"].as_str().unwrap();
        assert!(!fixed.contains("SYS_PTRACE"), "{fixed}");
        assert_eq!(answer(&as_the_page(fixed, r#"{"labels": {"pod-security.kubernetes.io/enforce": "baseline"}}"#))["denied"], false);
    }

    /// The cluster's JSON: what is missing or out of range is the default.
    #[test]
    fn options_default_what_they_do_not_say() {
        let o = options(r#"{"kube": 30, "allowPrivileged": false, "labels": {"pod-security.kubernetes.io/warn": "baseline"}}"#);
        assert_eq!((o.kube_minor, o.allow_privileged), (30, false));
        assert_eq!(o.pod_security.policy.warn.level.as_str(), "baseline");
        for bad in ["", "[]", r#"{"kube": "1.30", "allowPrivileged": "no"}"#] {
            let o = options(bad);
            assert_eq!((o.kube_minor, o.allow_privileged, o.pod_security), (Options::default().kube_minor, true, Default::default()));
        }
        assert_eq!(options(r#"{"kube": 12}"#).kube_minor, 25, "the nearest modelled");
    }

    /// Every form is core's, for the shell and kubectl asked for: `kubectl debug` and the
    /// others alike.
    #[test]
    fn exports_are_cores() {
        pod(POD.to_owned());
        let doc = ecplay_core::input::read_pod(POD).unwrap();
        let ctrs = input::read_containers(DEBUGGER, 0).unwrap();
        let mut req = export::Request::new(&doc.pod, &ctrs.containers);
        req.shell = Shell::PowerShell;
        req.kubectl_minor = 30;
        for format in export::Format::ALL {
            let request = json!({"format": format.name(), "shell": "powershell", "kubectl": 30, "unknown": []}).to_string();
            let got = answer(&export_form(DEBUGGER, &request));
            let want = export::export(&req, format).unwrap();
            assert_eq!(got["text"], want.text.as_str(), "{format:?}");
            assert_eq!(got["notes"], json!(want.notes), "{format:?}");
            assert_eq!(got["blocker"], json!(want.blocker), "{format:?}");
        }
        let got = answer(&export_form(DEBUGGER, r#"{"format": "kubectl-debug", "shell": "powershell", "kubectl": 30}"#));
        assert!(got["text"].as_str().unwrap().contains("kubectl debug pdf-renderer"), "{got}");

        assert_eq!(answer(&export_form(DEBUGGER, "{}"))["error"], "there is no such form");
        assert!(answer(&export_form("name: [", r#"{"format": "curl"}"#))["error"].is_string());
        pod("kind: Deployment".to_owned());
        assert_eq!(answer(&export_form(DEBUGGER, r#"{"format": "yaml"}"#))["error"], "the pod cannot be read");
    }

    /// The redaction is core's, and a text that cannot be redacted is an error.
    #[test]
    fn redaction_is_cores() {
        let want = ecplay_core::redact::redact(POD).unwrap();
        let got = answer(&redact(POD));
        assert_eq!(got["text"], want.text.as_str());
        assert_eq!(got["removed"], json!(want.removed));
        assert_eq!(got["kept"], json!(want.kept));
        assert!(answer(&redact("a: [")).get("error").is_some_and(Value::is_string));
    }

    /// A link is core's, for the full playground and for an embed.
    #[test]
    fn share_links_are_cores() {
        let text = r#"{"container":"name: d\n","kubectl":37,"sample":"static-pod","shell":"posix","tab":"curl","v":1}"#;
        assert_eq!(share_link("https://e.example/", text, false), share::link("https://e.example/", text));
        let embed = share_link("https://e.example/", text, true);
        assert!(embed.starts_with("https://e.example/?embed=1#s="), "{embed}");
        assert_eq!(share::read_link(&embed).unwrap().shared.write(), text);
    }

    /// A recipe is core's for the pod last read.
    #[test]
    fn recipes_are_cores() {
        pod(POD.to_owned());
        let got = answer(&recipe("strace", "debugger-x", "{}"));
        let doc = ecplay_core::input::read_pod(POD).unwrap();
        let (ec, notes) = learn::recipe("strace", &doc.pod, "debugger-x").unwrap();
        assert_eq!(got["container"], draft::container_yaml(&ec).as_str());
        assert_eq!(got["notes"], json!(notes));
        assert!(answer(&recipe("nope", "x", "{}"))["error"].is_string());
    }

    /// In a namespace whose level refuses a recipe's container, the recipe is made to pass it.
    #[test]
    fn recipes_follow_the_level() {
        pod(POD.to_owned());
        for (level, id) in [("baseline", "strace"), ("baseline", "network"), ("restricted", "strace"), ("restricted", "distroless-shell")] {
            let cluster = format!(r#"{{"labels": {{"pod-security.kubernetes.io/enforce": "{level}"}}}}"#);
            let plain = answer(&recipe(id, "debugger-x", "{}"));
            assert_eq!(
                answer(&as_the_page(plain["container"].as_str().unwrap(), &cluster))["denied"],
                true,
                "{level} {id}: refused as it is"
            );
            let got = answer(&recipe(id, "debugger-x", &cluster));
            let text = got["container"].as_str().unwrap();
            let judged = answer(&as_the_page(text, &cluster));
            assert_eq!((judged["denied"].clone(), judged["diagnostics"].clone()), (json!(false), json!([])), "{level} {id}: {text}");
            let notes = got["notes"].as_array().unwrap();
            assert!(
                notes
                    .iter()
                    .any(|n| n.as_str().unwrap().starts_with(&format!("Pod Security {level}:latest refuses this recipe's container"))),
                "{notes:?}"
            );
        }
        // What passes stays as it is.
        let cluster = r#"{"labels": {"pod-security.kubernetes.io/enforce": "baseline"}}"#;
        assert_eq!(answer(&recipe("volume", "debugger-x", cluster)), answer(&recipe("volume", "debugger-x", "{}")));
    }

    /// The import answers as core's `import::import` does, in the page's shapes.
    #[test]
    fn import_answers_each_outcome() {
        pod(POD.to_owned());
        let name = ecplay_core::input::read_pod(POD).unwrap().pod.metadata.name.unwrap_or_default();
        let ok = answer(&import_command(&format!("kubectl debug {name} -it --image=busybox:1.36 -c dbg --profile=sysadmin"), 37, "{}"));
        let yaml = ok["imported"]["yaml"].as_str().expect("imported");
        assert!(yaml.contains("privileged: true") && yaml.contains("name: dbg"), "{yaml}");
        let refused = answer(&import_command(&format!("kubectl debug {name} --image=busybox -t"), 37, "{}"));
        assert_eq!(refused["refused"]["message"], "error: -i/--stdin is required for containers with -t/--tty=true");
        let need = answer(&import_command(&format!("kubectl debug {name} --image=busybox --custom=c.json"), 37, "{}"));
        assert_eq!(need["needFile"]["path"], "c.json");
        let given = answer(&import_command(
            &format!("kubectl debug {name} --image=busybox -c d --custom=c.json"),
            37,
            r#"{"c.json": "workingDir: /w"}"#,
        ));
        assert!(given["imported"]["yaml"].as_str().unwrap().contains("workingDir: /w"), "{given}");
        let unreadable = answer(&import_command("kubectl debug $POD", 37, "{}"));
        assert_eq!((unreadable["unreadable"]["line"].clone(), unreadable["unreadable"]["column"].clone()), (json!(1), json!(15)));
        let profiles = answer(&profiles(37));
        assert_eq!(profiles.as_array().map(Vec::len), Some(6));
        assert!(profiles[5]["yaml"].as_str().unwrap().contains("privileged: true"), "{profiles}");
    }
}
