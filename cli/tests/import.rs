//! `ecplay import` against the real kubectl 1.37: each command line is run through real
//! `bash` with the pinned kubectl (or real curl) against the recorder on 127.0.0.1, and the
//! container(s) `ecplay import` returns must be those in the body that reached the API server
//! (a generated name aside, and `env` as a set where kubectl's order is random). A command
//! kubectl refuses must be refused with kubectl's first line.

mod support;

use std::path::Path;
use std::process::Command;

use serde_json::{json, Value};
use support::{show, web_0, Kubectl, Recorder, Shell};

/// Runs `ecplay import --format json LINE` in `dir` with the pod in `pod.json` there.
fn ecplay_import(dir: &Path, line: &str, extra: &[&str]) -> (i32, Value, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ecplay"))
        .current_dir(dir)
        .args(["import", "--pod", "pod.json", "--format", "json"])
        .args(extra)
        .arg(line)
        .output()
        .expect("run ecplay");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let value = serde_json::from_str(&stdout).unwrap_or(Value::Null);
    (out.status.code().unwrap_or(-1), value, String::from_utf8_lossy(&out.stderr).into_owned())
}

/// The new containers in a body kubectl (or curl) sent.
fn sent_containers(w: &support::Request, pod: &Value) -> Vec<Value> {
    let body: Value = serde_yaml_free(w.body_str());
    let old: Vec<&str> = pod["spec"]["ephemeralContainers"].as_array().into_iter().flatten().filter_map(|c| c["name"].as_str()).collect();
    match &body {
        Value::Array(ops) => ops
            .iter()
            .filter(|o| o["op"] == "add")
            .flat_map(|o| match &o["value"] {
                Value::Array(a) => a.clone(),
                v => vec![v.clone()],
            })
            .collect(),
        _ => body["spec"]["ephemeralContainers"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|c| !old.contains(&c["name"].as_str().unwrap_or("")))
            .cloned()
            .collect(),
    }
}

/// A body as JSON, or (server-side apply) YAML read back through ecplay's reader.
fn serde_yaml_free(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|_| ecplay_core::node::parse(text).expect("a YAML body").to_json())
}

/// `env` sorted by name (kubectl fills it from a Go map), generated names replaced.
fn canonical(mut containers: Vec<Value>, generated: &[usize]) -> Vec<Value> {
    for (i, c) in containers.iter_mut().enumerate() {
        if let Some(env) = c.get_mut("env").and_then(Value::as_array_mut) {
            env.sort_by(|a, b| a["name"].as_str().cmp(&b["name"].as_str()));
        }
        if generated.contains(&i) {
            let name = c["name"].as_str().unwrap_or("");
            assert!(name.starts_with("debugger-") && name.len() == 14, "a generated name: {name}");
            c["name"] = json!("GENERATED");
        }
    }
    containers
}

/// Runs `line` with kubectl and with `ecplay import`; the containers must be equal.
#[track_caller]
fn same_as_kubectl(pod: &Value, line: &str, files: &[(&str, &str)]) -> Value {
    let recorder = Recorder::start(pod.clone());
    let kubectl = Kubectl::new(&recorder);
    for (name, text) in files {
        std::fs::write(kubectl.dir().join(name), text).unwrap();
    }
    std::fs::write(kubectl.dir().join("pod.json"), pod.to_string()).unwrap();
    let script = line.replace("RECORDER", &recorder.url());
    // A prompt is for people: bash would run `$`.
    let run = kubectl.run(Shell::Bash, script.strip_prefix("$ ").unwrap_or(&script), None);
    assert!(run.success(), "{run}\nrequests:\n{}", show(&recorder.requests()));
    let writes = recorder.subresource_writes();
    assert_eq!(writes.len(), 1, "{line}\n{}", show(&recorder.requests()));
    let sent = sent_containers(&writes[0], pod);
    let (code, out, stderr) = ecplay_import(kubectl.dir(), &script, &[]);
    assert_eq!(code, 0, "{line}\n{stderr}");
    let generated: Vec<usize> =
        out["generatedNames"].as_array().into_iter().flatten().filter_map(Value::as_u64).map(|i| i as usize).collect();
    let kubectl_generated: Vec<usize> = if generated.is_empty() { vec![] } else { generated.clone() };
    let mine = canonical(out["ephemeralContainers"].as_array().cloned().unwrap_or_default(), &generated);
    let theirs = canonical(sent, &kubectl_generated);
    assert_eq!(mine, theirs, "{line}\nkubectl sent {}\necplay: {stderr}", writes[0].body_str());
    // The fieldValidation the request asked for: none is the server's Warn. (kubectl apply and
    // replace -f with --validate=strict or warn first read the server's OpenAPI, which the
    // recorder does not serve: those shapes run with --validate=false, which asks for Ignore.)
    let asked = writes[0].query_values("fieldValidation").pop().unwrap_or_else(|| "Warn".to_owned());
    assert_eq!(out["fieldValidation"], asked.as_str(), "{line}: kubectl asked for {asked}");
    out
}

fn custom_json() -> &'static str {
    r#"{"env":[{"name":"B","value":"from-file"},{"name":"C","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}}],"securityContext":{"capabilities":{"add":["NET_ADMIN"]},"runAsUser":0},"resources":{"limits":{"cpu":"1000m","memory":"64Mi"}},"workingDir":"/tmp","unknownField":1}"#
}

#[test]
fn every_kubectl_debug_shape_sends_what_import_returns() {
    let pod = web_0();
    for line in [
        "kubectl debug web-0 --image=busybox:1.36 -c dbg",
        "kubectl debug web-0 --image=busybox:1.36 --target=app -c dbg --profile=general",
        "kubectl debug web-0 --image=busybox:1.36 -c dbg --profile=legacy",
        "kubectl debug web-0 --image=busybox:1.36 -c dbg --profile=baseline",
        "kubectl debug web-0 --image=busybox:1.36 -c dbg --profile=restricted",
        "kubectl debug web-0 --image=nicolaka/netshoot:v0.13 -c dbg --profile=netadmin -- tcpdump -i any",
        "kubectl debug web-0 --image=busybox:1.36 -c dbg --profile=sysadmin",
        "kubectl debug pod/web-0 -n default --image=busybox -c dbg --env=A=1 --env B=2,C=x=y --env=A=3",
        "kubectl -n default debug web-0 --image busybox -cdbg --image-pull-policy=IfNotPresent --arguments-only -- --verbose 'a b'",
        "kubectl debug web-0 --image=busybox --target=app",
        "kubectl debug web-0 --image=busybox -c dbg -i --attach=false -q --target=app -- sh -c 'echo \"$HOME\"'",
        "kubectl debug -f pod.json --image=busybox -c dbg",
        "kubectl debug web-0 --image=busybox -c dbg --custom=custom.json",
        "kubectl debug web-0 --image=busybox -c dbg --profile=general --env=B=flag --custom=custom.yaml",
        "kubectl debug web-0 \\\n  --image=busybox \\\n  -c dbg -- echo 'héllo wörld' $'tab\\there'",
        "$ kubectl debug web-0 --image=busybox -c dbg --stdin=false --tty=false",
    ] {
        same_as_kubectl(
            &pod,
            line,
            &[("custom.json", custom_json()), ("custom.yaml", "env:\n- name: B\n  value: from-yaml\nstdin: false\nworkingDir: /w\n")],
        );
    }
}

#[test]
fn an_interactive_debug_sends_what_import_returns() {
    same_as_kubectl(&web_0(), "kubectl debug -it web-0 --image=busybox:1.36 --target=app -c dbg -- sh", &[]);
}

#[test]
fn every_patch_shape_sends_what_import_returns() {
    let pod = web_0();
    let mut with_ec = web_0();
    with_ec["spec"]["ephemeralContainers"] = json!([{"name": "old", "image": "busybox", "imagePullPolicy": "Always", "resources": {}, "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File"}]);
    let ec = r#"{"name":"dbg","image":"busybox:1.36","stdin":true,"tty":true,"targetContainerName":"app"}"#;
    let put_body = json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web-0", "namespace": "default"}, "spec": {"ephemeralContainers": [serde_json::from_str::<Value>(ec).unwrap()]}}).to_string();
    let strategic = format!(r#"{{"spec":{{"ephemeralContainers":[{ec}]}}}}"#);
    for (p, line) in [
        (&pod, format!("kubectl patch pod web-0 --subresource=ephemeralcontainers -p '{strategic}'")),
        (&pod, format!("kubectl patch pod/web-0 -n default --subresource ephemeralcontainers --type strategic --patch '{strategic}'")),
        (&pod, format!("kubectl patch pod web-0 --subresource=ephemeralcontainers --type=merge -p '{strategic}'")),
        (&pod, format!("kubectl patch pod web-0 --subresource=ephemeralcontainers --type=json -p '[{{\"op\":\"add\",\"path\":\"/spec/ephemeralContainers\",\"value\":[{ec}]}}]'")),
        (&with_ec, format!("kubectl patch pod web-0 --subresource=ephemeralcontainers --type=json -p '[{{\"op\":\"test\",\"path\":\"/spec/ephemeralContainers/0/name\",\"value\":\"old\"}},{{\"op\":\"add\",\"path\":\"/spec/ephemeralContainers/-\",\"value\":{ec}}}]'")),
        (&with_ec, format!(r#"kubectl patch pod web-0 --subresource=ephemeralcontainers -p '{{"spec":{{"$setElementOrder/ephemeralContainers":[{{"name":"old"}},{{"name":"dbg"}}],"ephemeralContainers":[{ec}]}}}}'"#)),
        (&pod, "kubectl patch pod web-0 --subresource=ephemeralcontainers -p 'spec: {ephemeralContainers: [{name: dbg, image: \"busybox:1.36\", command: [sleep, 1d]}]}'".to_owned()),
        (&pod, "kubectl patch pod web-0 --subresource=ephemeralcontainers --patch-file patch.json".to_owned()),
        (&pod, "kubectl patch -f pod.json --subresource=ephemeralcontainers --patch-file=patch.json".to_owned()),
        (&pod, format!("kubectl replace --raw /api/v1/namespaces/default/pods/web-0/ephemeralcontainers -f - <<'EOF'\n{put_body}\nEOF")),
        (&pod, "kubectl replace --raw /api/v1/namespaces/default/pods/web-0/ephemeralcontainers -f body.json".to_owned()),
        (&pod, "kubectl replace --subresource=ephemeralcontainers --validate=false -f body.json".to_owned()),
        (&pod, "kubectl apply --server-side --validate=false --subresource=ephemeralcontainers -f body.json".to_owned()),
        (&pod, format!("curl -sS -X PATCH -H 'Content-Type: application/strategic-merge-patch+json' --data-binary '{strategic}' 'RECORDER/api/v1/namespaces/default/pods/web-0/ephemeralcontainers?fieldValidation=Strict'")),
        (&pod, "curl -sS -XPUT --data-binary @body.json RECORDER/api/v1/namespaces/default/pods/web-0/ephemeralcontainers".to_owned()),
    ] {
        let out = same_as_kubectl(p, &line, &[("patch.json", &strategic), ("body.json", &put_body)]);
        assert_eq!(out["ephemeralContainers"].as_array().map(Vec::len), Some(1), "{line}");
    }
}

/// Runs `line` with kubectl and with `ecplay import`: both refuse, with the same first line;
/// ecplay exits 1.
#[track_caller]
fn same_refusal(line: &str, files: &[(&str, &str)]) {
    let recorder = Recorder::start(web_0());
    let kubectl = Kubectl::new(&recorder);
    for (name, text) in files {
        std::fs::write(kubectl.dir().join(name), text).unwrap();
    }
    std::fs::write(kubectl.dir().join("pod.json"), web_0().to_string()).unwrap();
    let run = kubectl.run(Shell::Bash, line, None);
    assert!(!run.success(), "kubectl took it: {run}");
    assert!(recorder.subresource_writes().is_empty(), "{line}");
    let (code, _, stderr) = ecplay_import(kubectl.dir(), line, &[]);
    assert_eq!(code, 1, "{line}: {stderr}");
    let kubectl_first = run.stderr.lines().find(|l| !l.starts_with("--profile=legacy is deprecated")).unwrap_or("");
    assert_eq!(stderr.lines().next().unwrap_or(""), kubectl_first, "{line}\nkubectl: {}\necplay: {stderr}", run.stderr);
}

#[test]
fn refusals_have_kubectls_first_line() {
    for line in [
        "kubectl debug web-0 --image=busybox -t",
        "kubectl debug web-0",
        "kubectl debug --image=busybox",
        "kubectl debug web-0 --image=BusyBox:1.36",
        "kubectl debug web-0 --image=busybox --image-pull-policy=always",
        "kubectl debug web-0 --image=busybox --profile=admin",
        "kubectl debug web-0 --image=busybox --foo",
        "kubectl debug web-0 --image=busybox -x",
        "kubectl debug web-0 --image",
        "kubectl debug web-0 --image=busybox -c",
        "kubectl debug web-0 --image=busybox --stdin=maybe",
        "kubectl debug web-0 --image=busybox --env=A",
        "kubectl debug web-0 --image=busybox --env=A=1,B,C=2",
        "kubectl debug web-0 --image=busybox ---x",
        "kubectl debug web-0 --image=busybox --replace",
        "kubectl debug web-0 --image=busybox --same-node",
        "kubectl debug web-0 --attach",
        "kubectl debug web-0 --image=busybox --custom=bad.json",
        "kubectl debug web-0 --image=busybox --custom=named.yaml",
        "kubectl patch pod web-0 --subresource=ephemeralcontainers",
        "kubectl patch pod web-0 --subresource=ephemeralcontainers --type=foo -p '{}'",
        "kubectl patch pod web-0 --subresource=ephemeralcontainers -p '{}' --patch-file=x.json",
        "kubectl apply --subresource=ephemeralcontainers -f pod.json",
        "kubectl replace --raw /api/v1/namespaces/default/pods/web-0/ephemeralcontainers",
    ] {
        same_refusal(line, &[("bad.json", r#"{"image":"x"}"#), ("named.yaml", "name: x\n"), ("x.json", "{}")]);
    }
}

#[test]
fn exports_import_back_to_the_same_container() {
    let dir = support::TempDir::new("ecplay-import-round-trip");
    let root = support::repo_root();
    let pod_path = root.join("tests/fixtures/pods/distroless-app.yaml");
    std::fs::copy(&pod_path, dir.path().join("pod.json")).unwrap();
    for fixture in ["debugger.yaml", "tcpdump.json", "shell-and-mount.yaml"] {
        let ec_path = root.join("tests/fixtures/ephemeral").join(fixture);
        let export = Command::new(env!("CARGO_BIN_EXE_ecplay"))
            .current_dir(dir.path())
            .args(["export", "--pod", "pod.json", "--as", "kubectl-debug", "--custom-file", "custom.json", "--ephemeral"])
            .arg(&ec_path)
            .output()
            .unwrap();
        assert!(export.status.success(), "{fixture}: {}", String::from_utf8_lossy(&export.stderr));
        let line = String::from_utf8(export.stdout).unwrap();
        let (code, out, stderr) = ecplay_import(dir.path(), &line, &[]);
        assert_eq!(code, 0, "{fixture}: {line}\n{stderr}");
        let ec: k8s_openapi::api::core::v1::EphemeralContainer =
            serde_json::from_value(ecplay_core::node::parse(&std::fs::read_to_string(&ec_path).unwrap()).unwrap().to_json()).unwrap();
        let want = ecplay_core::export::patch::containers_json(&[ec]);
        assert_eq!(canonical(out["ephemeralContainers"].as_array().cloned().unwrap(), &[]), canonical(want, &[]), "{fixture}: {line}");
        let _ = std::fs::remove_file(dir.path().join("custom.json"));
    }
}

#[test]
fn adversarial_command_lines() {
    let dir = support::TempDir::new("ecplay-import-adversarial");
    std::fs::write(dir.path().join("pod.json"), web_0().to_string()).unwrap();
    // (line, Ok(command words) | Err((exit code, part of the message, line:column)))
    type Expect = Result<&'static [&'static str], (i32, &'static str, &'static str)>;
    let table: &[(&str, Expect)] = &[
        ("kubectl debug web-0 --image=busybox -c d -- echo \"a'b\" 'c\"d' e\\ f", Ok(&["echo", "a'b", "c\"d", "e f"])),
        ("kubectl debug web-0 --image=busybox -c d -- printf '%s\\n' \"$(date)\"", Err((2, "runs the command in $(…)", "1:60"))),
        ("kubectl debug web-0 --image=busybox -c d -- echo $HOME", Err((2, "\"HOME\"", "1:50"))),
        ("kubectl debug web-0 --image=busybox -c d -- echo '$HOME' \\$HOME", Ok(&["echo", "$HOME", "$HOME"])),
        ("kubectl debug web-0 --image=busybox -c d -- echo `id`", Err((2, "backquotes", "1:50"))),
        ("kubectl debug web-0 --image=busybox -c d -- echo 'ünïcødé ✓' 日本", Ok(&["echo", "ünïcødé ✓", "日本"])),
        ("kubectl debug \\\n  web-0 \\\n  --image=busybox \\\n  -c d \\\n  -- sh", Ok(&["sh"])),
        ("kubectl debug --image=busybox web-0 -c d --target app -- sh", Ok(&["sh"])),
        ("kubectl debug web-0 -c d --image=busybox -- sh -c 'echo \"x\" ; ls'", Ok(&["sh", "-c", "echo \"x\" ; ls"])),
        ("kubectl debug web-0 --image=busybox -c d -- echo $'a\\nb' $'\\x41\\u00e9'", Ok(&["echo", "a\nb", "Aé"])),
        ("kubectl debug web-0 --image=busybox -c d -- echo 'unterminated", Err((2, "never closed", "1:50"))),
        ("kubectl debug web-0 --image=busybox -c d # -- echo no", Ok(&[])),
        ("kubectl debug web-0 `\n  --image=busybox `\n  -c d '--' echo 'it''s'", Ok(&["echo", "it's"])),
        ("kubectl debug web-0 --image=busybox -c d; rm -rf /", Ok(&[])),
        ("kubectl get pod web-0 -o yaml", Err((2, "no command here adds", "1:1"))),
        ("kubectl debug (web-0)", Err((2, "subshell", "1:15"))),
    ];
    for (line, expect) in table {
        let (code, out, stderr) = ecplay_import(dir.path(), line, &[]);
        match expect {
            Ok(words) => {
                assert_eq!(code, 0, "{line}: {stderr}");
                let c = &out["ephemeralContainers"][0];
                let got: Vec<&str> = c["command"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
                assert_eq!(got, *words, "{line}");
            }
            Err((want_code, part, at)) => {
                assert_eq!(code, *want_code, "{line}: {stderr}");
                assert!(stderr.contains(part), "{line}: {stderr}");
                assert!(stderr.contains(&format!("command line:{at}:")), "{line}: {stderr}");
            }
        }
    }
}

#[test]
fn missing_files_are_asked_for_and_yaml_is_what_check_takes() {
    let dir = support::TempDir::new("ecplay-import-files");
    std::fs::write(dir.path().join("pod.json"), web_0().to_string()).unwrap();
    let (code, _, stderr) = ecplay_import(dir.path(), "kubectl debug web-0 --image=busybox --custom=x.json", &[]);
    assert_eq!(code, 2);
    assert!(stderr.contains("x.json is needed"), "{stderr}");
    // YAML output reads back in `ecplay check`.
    let out = Command::new(env!("CARGO_BIN_EXE_ecplay"))
        .current_dir(dir.path())
        .args(["import", "--pod", "pod.json", "kubectl debug web-0 --image=busybox -c dbg --profile=sysadmin -it"])
        .output()
        .unwrap();
    assert!(out.status.success());
    std::fs::write(dir.path().join("ec.yaml"), &out.stdout).unwrap();
    let check = Command::new(env!("CARGO_BIN_EXE_ecplay"))
        .current_dir(dir.path())
        .args(["check", "--pod", "pod.json", "--ephemeral", "ec.yaml"])
        .output()
        .unwrap();
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
    // Standard input.
    let mut child = Command::new(env!("CARGO_BIN_EXE_ecplay"))
        .current_dir(dir.path())
        .args(["import", "--pod", "pod.json", "--kubectl-version", "1.31", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(b"kubectl patch pod web-0 --subresource=ephemeralcontainers -p '{}'\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).lines().next(),
        Some(r#"error: invalid subresource value: "ephemeralcontainers". Must be one of [status scale]"#)
    );
}
