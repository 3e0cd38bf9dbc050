//! Every export, run as a user would paste it — through real `bash` and `sh` and a real
//! kubectl 1.37 (or curl through a real `kubectl proxy`) — against the recorder on 127.0.0.1:
//! the request that reaches the API server must be exactly the one intended (method, path,
//! query, content type, body), whatever the strings inside.

mod support;

use ecplay_core::export::{self, patch, Format, Request as ExportRequest};
use ecplay_core::shell::{Shell as Quoting, ADVERSARIAL, CANARY};
use k8s_openapi::api::core::v1::{EphemeralContainer, Pod};
use serde_json::{json, Value};
use support::{log_text, show, web_0, Kubectl, Recorder, Request, Shell};

const SUBRESOURCE: &str = "/api/v1/namespaces/default/pods/web-0/ephemeralcontainers";

fn pod_with_existing() -> Value {
    let mut pod = web_0();
    pod["spec"]["ephemeralContainers"] = json!([{
        "name": "debugger-7xk2p", "image": "busybox:1.36", "imagePullPolicy": "IfNotPresent", "resources": {},
        "stdin": true, "tty": true, "targetContainerName": "app",
        "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File"
    }]);
    pod
}

fn container(v: Value) -> EphemeralContainer {
    serde_json::from_value(v).unwrap()
}

fn debugger() -> EphemeralContainer {
    container(json!({"name": "debugger-abcde", "image": "busybox:1.36", "targetContainerName": "app", "stdin": true, "tty": true}))
}

/// One container that carries every adversarial string in every free-text field.
fn adversarial() -> EphemeralContainer {
    let words: Vec<String> = ADVERSARIAL.iter().map(|s| (*s).to_owned()).collect();
    let env: Vec<Value> = ADVERSARIAL.iter().enumerate().map(|(i, s)| json!({"name": format!("V{i}"), "value": s})).collect();
    container(json!({
        "name": "debugger-abcde",
        "image": "busybox:1.36",
        "command": words,
        "args": words,
        "env": env,
        "workingDir": ADVERSARIAL.join(""),
        "stdin": true,
    }))
}

/// Exports `ec` for `pod` in `format` and runs the text with `shell`; returns the one write
/// the recorder saw.
fn run(pod: &Value, ec: &EphemeralContainer, format: Format, shell: Shell, proxy_port: u16) -> (Request, String) {
    let typed: Pod = serde_json::from_value(pod.clone()).unwrap();
    let list = [ec.clone()];
    let mut req = ExportRequest::new(&typed, &list);
    req.shell = Quoting::Posix;
    req.proxy_port = proxy_port;
    let out = export::export(&req, format).unwrap();
    let recorder = Recorder::start(pod.clone());
    let kubectl = Kubectl::new(&recorder);
    // A background `kubectl proxy` must not outlive the script (`$!` is the last background job).
    let script = if out.text.contains(" &\n") { format!("{}\nkill $! 2>/dev/null; wait", out.text) } else { out.text.clone() };
    let result = kubectl.run(shell, &script, None);
    assert!(result.success(), "{format:?} via {shell}:\n{}\n{result}\nrequests:\n{}", out.text, show(&recorder.requests()));
    assert!(!kubectl.dir().join(CANARY).exists(), "{format:?} via {shell} ran a hostile string:\n{}", out.text);
    assert!(recorder.unexpected().is_empty(), "{}", show(&recorder.requests()));
    (recorder.the_subresource_write(), out.text)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// The compact JSON the exports write: no invisible character raw (the same value).
fn compact(v: &Value) -> String {
    ecplay_core::gojson::escape_invisible(&serde_json::to_string(v).unwrap()).into_owned()
}

fn typed(pod: &Value) -> Pod {
    serde_json::from_value(pod.clone()).unwrap()
}

#[track_caller]
fn assert_write(w: &Request, method: &str, query: Option<&str>, content_type: Option<&str>, body: &str) {
    assert_eq!(w.method, method);
    assert_eq!(w.path(), SUBRESOURCE);
    assert_eq!(w.query(), query);
    assert_eq!(w.content_type(), content_type);
    assert_eq!(w.body_str(), body, "the body must arrive byte for byte");
}

fn check_format(format: Format, ec: &EphemeralContainer) {
    for pod in [web_0(), pod_with_existing()] {
        let list = [ec.clone()];
        for shell in Shell::WITH_PASTE {
            let (w, text) = run(&pod, ec, format, shell, free_port());
            let p = typed(&pod);
            match format {
                Format::KubectlPatch => assert_write(
                    &w,
                    "PATCH",
                    Some("fieldManager=kubectl-patch"),
                    Some("application/strategic-merge-patch+json"),
                    &compact(&patch::strategic(&p, &list)),
                ),
                Format::JsonPatch => assert_write(
                    &w,
                    "PATCH",
                    Some("fieldManager=kubectl-patch"),
                    Some("application/json-patch+json"),
                    // kubectl reads a JSON patch through YAML and sends Go's JSON of it.
                    &ecplay_core::gojson::to_go_string(&patch::json_patch(&p, &list)),
                ),
                Format::ReplaceRaw => assert_write(
                    &w,
                    "PUT",
                    Some("fieldValidation=Strict"),
                    None,
                    &format!("{}\n", compact(&patch::replace_body(&p, &list))),
                ),
                Format::Curl => assert_write(
                    &w,
                    "PATCH",
                    Some("fieldValidation=Strict"),
                    Some("application/strategic-merge-patch+json"),
                    &compact(&patch::strategic(&p, &list)),
                ),
                other => panic!("{other:?} sends nothing"),
            }
            // The strategic body is what the other forms are built from.
            let _ = text;
        }
    }
}

#[test]
fn kubectl_patch_sends_the_strategic_body() {
    check_format(Format::KubectlPatch, &debugger());
}

#[test]
fn kubectl_patch_carries_every_adversarial_string() {
    check_format(Format::KubectlPatch, &adversarial());
}

#[test]
fn json_patch_sends_the_chosen_operations() {
    check_format(Format::JsonPatch, &debugger());
    check_format(Format::JsonPatch, &adversarial());
}

#[test]
fn replace_raw_puts_the_complete_list() {
    check_format(Format::ReplaceRaw, &debugger());
    check_format(Format::ReplaceRaw, &adversarial());
}

#[test]
fn curl_through_kubectl_proxy_sends_the_strategic_body() {
    check_format(Format::Curl, &debugger());
    check_format(Format::Curl, &adversarial());
}

#[test]
fn the_strategic_body_is_what_kubectl_debug_would_compute() {
    // On a pod without ephemeral containers the diff is the new list; with some, the order directive too.
    let ec = debugger();
    let list = [ec];
    assert_eq!(
        compact(&patch::strategic(&typed(&web_0()), &list)),
        r#"{"spec":{"ephemeralContainers":[{"image":"busybox:1.36","name":"debugger-abcde","resources":{},"stdin":true,"targetContainerName":"app","terminationMessagePolicy":"File","tty":true}]}}"#
    );
    assert_eq!(
        compact(&patch::strategic(&typed(&pod_with_existing()), &list)),
        r#"{"spec":{"$setElementOrder/ephemeralContainers":[{"name":"debugger-7xk2p"},{"name":"debugger-abcde"}],"ephemeralContainers":[{"image":"busybox:1.36","name":"debugger-abcde","resources":{},"stdin":true,"targetContainerName":"app","terminationMessagePolicy":"File","tty":true}]}}"#
    );
}

#[test]
fn a_nul_byte_is_a_clear_error() {
    let ec = container(json!({"name": "d", "image": "busybox:1.36", "command": ["echo", "a\u{0}b"]}));
    let p = typed(&web_0());
    let list = [ec];
    let req = ExportRequest::new(&p, &list);
    let err = export::export(&req, Format::KubectlDebug).unwrap_err();
    assert!(err.to_string().contains("NUL"), "{err}");
}

/// Runs the `kubectl debug` export (writing its --custom file first) and returns the
/// container kubectl sent, with the plan's notes.
///
/// With `stdin: true` the export passes `-i`, so after the PATCH kubectl waits for the container
/// (a watch of the pod) and, as the recorder reports it terminated, prints its log instead of
/// attaching: exit 0, the log on standard output.
fn run_debug(pod: &Value, ec: &EphemeralContainer, shell: Shell) -> (Value, Vec<String>, String) {
    let recorder = Recorder::start(pod.clone());
    let kubectl = Kubectl::new(&recorder);
    let custom = kubectl.dir().join("custom.json").to_string_lossy().into_owned();
    let typed_pod = typed(pod);
    let list = [ec.clone()];
    let mut req = ExportRequest::new(&typed_pod, &list);
    req.custom_file = &custom;
    let out = export::export(&req, Format::KubectlDebug).unwrap();
    for f in &out.files {
        std::fs::write(&f.path, &f.contents).unwrap();
    }
    let started = std::time::Instant::now();
    let result = kubectl.run(shell, &out.text, None);
    let elapsed = started.elapsed();
    assert!(!kubectl.dir().join(CANARY).exists(), "{shell} ran a hostile string:\n{}", out.text);
    let requests = recorder.requests();
    assert!(result.success(), "{}\n{result}\n{}", out.text, show(&requests));
    assert!(recorder.unexpected().is_empty(), "{}", show(&requests));
    assert!(elapsed < std::time::Duration::from_secs(20), "kubectl waited on something: {elapsed:?}\n{result}\n{}", show(&requests));
    let after_patch = &requests[requests.iter().position(Request::is_subresource_write).expect("a PATCH") + 1..];
    if ec.stdin == Some(true) {
        assert_debug_read_the_log(after_patch, &ec.name, &result.stdout, shell);
    } else {
        assert_eq!(after_patch, [], "without -i kubectl stops after the PATCH");
    }
    assert!(result.stderr.is_empty(), "{result}");
    let w = recorder.the_subresource_write();
    assert_eq!((w.method.as_str(), w.path(), w.query()), ("PATCH", SUBRESOURCE, None));
    assert_eq!(w.content_type(), Some("application/strategic-merge-patch+json"));
    let body = w.body_json();
    let sent = body["spec"]["ephemeralContainers"].as_array().expect("a list").last().cloned().unwrap();
    (sent, out.notes, out.text)
}

/// What `kubectl debug -i` does after its PATCH when the container has already terminated: one
/// watch of the pod (a streaming list: `sendInitialEvents=true`), then the container's log,
/// printed as it is (after `Targeting container …` when there is a `--target`).
#[track_caller]
fn assert_debug_read_the_log(after_patch: &[Request], container: &str, stdout: &str, shell: Shell) {
    let [watch, log] = after_patch else { panic!("expected a watch and a log request after the PATCH:\n{}", show(after_patch)) };
    assert_eq!((watch.method.as_str(), watch.path(), watch.status), ("GET", "/api/v1/namespaces/default/pods", 200), "{watch}");
    assert!(watch.is_watch(), "{watch}");
    assert_eq!(watch.query_values("fieldSelector"), ["metadata.name=web-0"], "{watch}");
    assert_eq!(watch.query_values("sendInitialEvents"), ["true"], "{watch}");
    assert_eq!((log.method.as_str(), log.path(), log.status), ("GET", "/api/v1/namespaces/default/pods/web-0/log", 200), "{log}");
    assert_eq!(log.query_values("container"), [container], "{log}");
    assert_eq!(log.query(), Some(format!("container={container}").as_str()), "{log}");
    // On a terminal the log is among the echo, with its line ends as the terminal writes them.
    match shell {
        Shell::BashPaste => assert!(stdout.replace("\r\n", "\n").contains(&log_text(container)), "{stdout}"),
        _ => assert!(stdout.ends_with(&log_text(container)), "{stdout}"),
    }
}

/// kubectl sends `--env` through a map, so their order changes from run to run.
fn env_sorted(mut v: Value) -> Value {
    if let Some(env) = v.get_mut("env").and_then(Value::as_array_mut) {
        env.sort_by(|a, b| a["name"].as_str().cmp(&b["name"].as_str()));
    }
    v
}

#[track_caller]
fn assert_debug_sends_the_same(pod: &Value, ec: Value) {
    let ec = container(ec);
    let expected = env_sorted(patch::containers_json(std::slice::from_ref(&ec)).remove(0));
    for shell in Shell::WITH_PASTE {
        let (sent, notes, text) = run_debug(pod, &ec, shell);
        assert!(notes.iter().all(|n| !n.contains("differ")), "{notes:?}");
        assert_eq!(env_sorted(sent), expected, "via {shell}:\n{text}");
    }
}

#[test]
fn kubectl_debug_sends_the_same_container_for_each_profile() {
    let base = json!({"name": "dbg", "image": "busybox:1.36", "targetContainerName": "app", "stdin": true, "tty": true});
    let profiles = [
        json!(null),
        json!({"capabilities": {"add": ["SYS_PTRACE"]}}),
        json!({"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}, "runAsNonRoot": true, "seccompProfile": {"type": "RuntimeDefault"}}),
        json!({"capabilities": {"add": ["NET_ADMIN", "NET_RAW"]}}),
        json!({"privileged": true}),
        json!({"runAsUser": 1000, "capabilities": {"add": ["NET_RAW"]}}),
    ];
    for sc in profiles {
        let mut ec = base.clone();
        if !sc.is_null() {
            ec["securityContext"] = sc;
        }
        assert_debug_sends_the_same(&web_0(), ec);
    }
}

#[test]
fn kubectl_debug_with_custom_mixes_and_existing_containers() {
    let cases = [
        json!({"name": "dbg", "image": "nicolaka/netshoot:v0.13", "command": ["tcpdump", "-i", "any"], "env": [{"name": "A", "value": "1,2"}, {"name": "B", "value": "x=y"}]}),
        json!({"name": "dbg", "image": "busybox:1.36", "workingDir": "/data", "volumeMounts": [{"name": "kube-api-access", "mountPath": "/sa", "readOnly": true}],
               "args": ["sleep", "1d"], "imagePullPolicy": "Always"}),
        json!({"name": "dbg", "image": "busybox:1.36", "command": ["sh", "-c"], "args": ["echo hi"],
               "env": [{"name": "POD", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}}], "stdin": true, "stdinOnce": true}),
    ];
    for ec in cases {
        assert_debug_sends_the_same(&web_0(), ec.clone());
        assert_debug_sends_the_same(&pod_with_existing(), ec);
    }
}

#[test]
fn kubectl_debug_carries_every_adversarial_string() {
    let ec = adversarial();
    let v = serde_json::to_value(&ec).unwrap();
    assert_debug_sends_the_same(&web_0(), v);
}

#[test]
fn what_kubectl_debug_cannot_do_is_said() {
    let typed_pod = typed(&web_0());
    let ec = container(json!({"name": "app", "image": "busybox:1.36", "volumeDevices": [{"name": "v", "devicePath": "/dev/x"}]}));
    let list = [ec];
    let out = export::export(&ExportRequest::new(&typed_pod, &list), Format::KubectlDebug).unwrap();
    let notes = out.notes.join("\n");
    assert!(notes.contains("volumeDevices"), "{notes}");
    assert!(notes.contains("app"), "the name clash is said: {notes}");
}

/// The argv of every `kubectl` a script ran, recorded by a stand-in `kubectl` first on `PATH`
/// (as `$#`, then each argument, NUL-terminated).
fn recorded_argv(log: &std::path::Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(log).unwrap_or_default();
    let text = String::from_utf8(bytes).expect("UTF-8 arguments");
    let mut fields = text.split('\0');
    let mut out = Vec::new();
    while let Some(count) = fields.next().filter(|c| !c.is_empty()) {
        let n: usize = count.parse().unwrap();
        out.push((0..n).map(|_| fields.next().unwrap().to_owned()).collect());
    }
    out
}

/// The follow-ups (RBAC checks, attach, logs, status) name the container in comments and
/// arguments: for every hostile name, in bash, sh and a paste into an interactive bash,
/// nothing but kubectl runs, and kubectl gets exactly the intended arguments. kubectl itself is
/// a stand-in here that records its arguments: `attach -it` needs a container to talk to.
#[test]
fn follow_ups_run_nothing_but_kubectl_with_the_intended_arguments() {
    let pod = web_0();
    let typed_pod = typed(&pod);
    let recorder = Recorder::start(pod.clone());
    let mut kubectl = Kubectl::new(&recorder);
    let stub_dir = kubectl.dir().join("stub");
    std::fs::create_dir(&stub_dir).unwrap();
    let log = kubectl.dir().join("argv.log");
    let stub = format!("#!/bin/sh\nprintf '%s\\0' \"$#\" \"$@\" >> '{}'\n", log.display());
    std::fs::write(stub_dir.join("kubectl"), stub).unwrap();
    std::process::Command::new("chmod").arg("+x").arg(stub_dir.join("kubectl")).status().unwrap();
    kubectl.put_first_on_path(stub_dir);
    let names: Vec<&str> = ADVERSARIAL.iter().copied().filter(|n| n.len() < 200).collect();
    for name in names {
        let ec = container(json!({"name": name, "image": "busybox:1.36", "stdin": true, "tty": true}));
        let list = [ec];
        let out = export::export(&ExportRequest::new(&typed_pod, &list), Format::FollowUps).unwrap();
        let jsonpath = format!("jsonpath={{.status.ephemeralContainerStatuses[?(@.name==\"{name}\")].state}}");
        let want: Vec<Vec<String>> = [
            vec!["auth", "can-i", "patch", "pods/ephemeralcontainers", "-n", "default"],
            vec!["auth", "can-i", "get", "pods/ephemeralcontainers", "-n", "default"],
            vec!["attach", "-it", "web-0", "-c", name, "-n", "default"],
            vec!["logs", "web-0", "-c", name, "-n", "default"],
            vec!["get", "pod", "web-0", "-n", "default", "-o", &jsonpath],
        ]
        .iter()
        .map(|v| v.iter().map(|s| (*s).to_owned()).collect())
        .collect();
        for shell in Shell::WITH_PASTE {
            let _ = std::fs::remove_file(&log);
            let result = kubectl.run(shell, &out.text, None);
            assert!(result.success(), "{result}");
            assert!(!kubectl.dir().join(CANARY).exists(), "{shell} ran a hostile string:\n{}", out.text);
            assert_eq!(recorded_argv(&log), want, "{shell}:\n{}", out.text);
        }
    }
    assert!(recorder.requests().is_empty(), "the stand-in kubectl sends nothing");
}
