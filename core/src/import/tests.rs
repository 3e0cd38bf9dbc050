//! The import against what kubectl of each release builds (read in its source; the CLI's tests
//! compare 1.37 with the requests a real kubectl sends).

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::*;

fn pod() -> Value {
    json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "web-0", "namespace": "default"},
        "spec": {
            "initContainers": [{"name": "init", "image": "busybox"}],
            "containers": [{"name": "app", "image": "nginx", "securityContext": {"runAsUser": 1000}}],
            "ephemeralContainers": [{"name": "old", "image": "busybox"}],
            "securityContext": {}
        }
    })
}

fn at(minor: u32, line: &str) -> Result<Imported, ImportError> {
    at_with(minor, line, &BTreeMap::new())
}

fn at_with(minor: u32, line: &str, files: &BTreeMap<String, String>) -> Result<Imported, ImportError> {
    import(&pod(), line, minor, files)
}

#[track_caller]
fn container(minor: u32, line: &str) -> Value {
    match at(minor, line) {
        Ok(i) => {
            assert_eq!(i.containers.len(), 1, "{line}: {i:?}");
            i.containers[0].clone()
        }
        Err(e) => panic!("{line}: {e:?}"),
    }
}

#[track_caller]
fn refusal(minor: u32, line: &str) -> String {
    match at(minor, line) {
        Err(ImportError::Refused { message, .. }) => message,
        other => panic!("{line}: expected a refusal, got {other:?}"),
    }
}

#[test]
fn debug_builds_the_container_kubectl_sends() {
    let c = container(37, "kubectl debug -it web-0 --image=busybox:1.36 --target=app -c dbg -- sh -c 'echo hi'");
    assert_eq!(
        c,
        json!({"name": "dbg", "image": "busybox:1.36", "stdin": true, "tty": true, "targetContainerName": "app",
               "terminationMessagePolicy": "File", "resources": {}, "command": ["sh", "-c", "echo hi"],
               "securityContext": {"capabilities": {"add": ["SYS_PTRACE"]}}})
    );
    let c = container(37, "kubectl -n default debug pod/web-0 --image=busybox -c d --arguments-only --env=A=1,B=x=y --env B=2 --image-pull-policy=Never -- --verbose");
    assert_eq!(c["args"], json!(["--verbose"]));
    assert_eq!(c["env"], json!([{"name": "A", "value": "1"}, {"name": "B", "value": "2"}]));
    assert_eq!(c["imagePullPolicy"], "Never");
    assert!(c.get("command").is_none() && c.get("stdin").is_none());
}

#[test]
fn profiles_per_version() {
    let sc = |minor: u32, profile: &str| {
        container(minor, &format!("kubectl debug web-0 --image=busybox -c d --profile={profile}")).get("securityContext").cloned()
    };
    assert_eq!(sc(37, "general"), Some(json!({"capabilities": {"add": ["SYS_PTRACE"]}})));
    assert_eq!(sc(37, "baseline"), None);
    assert_eq!(sc(37, "legacy"), None);
    assert_eq!(sc(37, "sysadmin"), Some(json!({"privileged": true})));
    assert_eq!(sc(37, "netadmin"), Some(json!({"capabilities": {"add": ["NET_ADMIN", "NET_RAW"]}})));
    assert_eq!(sc(28, "netadmin"), Some(json!({"capabilities": {"add": ["NET_ADMIN"]}})));
    assert_eq!(
        sc(37, "restricted"),
        Some(
            json!({"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}, "runAsNonRoot": true, "seccompProfile": {"type": "RuntimeDefault"}})
        )
    );
    assert_eq!(sc(27, "restricted"), Some(json!({"capabilities": {"drop": ["ALL"]}, "runAsNonRoot": true})));
    // The default profile: legacy up to 1.35, general from 1.36.
    let default = |minor: u32| container(minor, "kubectl debug web-0 --image=busybox -c d").get("securityContext").cloned();
    assert_eq!(default(35), None);
    assert_eq!(default(36), Some(json!({"capabilities": {"add": ["SYS_PTRACE"]}})));
    // Profiles a release does not know.
    assert_eq!(refusal(29, "kubectl debug web-0 --image=busybox --profile=sysadmin"), "error: unknown profile: sysadmin");
    assert_eq!(refusal(26, "kubectl debug web-0 --image=busybox --profile=general"), "error: unknown profile: general");
    assert_eq!(refusal(37, "kubectl debug web-0 --image=busybox --profile=admin"), "error: unknown profile: admin");
    // The legacy deprecation, in each release's words.
    let notes = at(37, "kubectl debug web-0 --image=busybox -c d --profile=legacy").unwrap().notes;
    assert!(notes.iter().any(|n| n.contains("planned to be removed in v1.39")), "{notes:?}");
    let notes = at(33, "kubectl debug web-0 --image=busybox -c d --profile=legacy").unwrap().notes;
    assert!(notes.iter().any(|n| n.contains("will be removed in the future")), "{notes:?}");
    assert!(!at(31, "kubectl debug web-0 --image=busybox -c d --profile=legacy").unwrap().notes.iter().any(|n| n.contains("deprecated")));
}

#[test]
fn kubectls_refusals_in_its_words() {
    for (line, first) in [
        ("kubectl debug web-0 --image=busybox -t", "error: -i/--stdin is required for containers with -t/--tty=true"),
        ("kubectl debug web-0", "error: you must specify --image when not using --copy-to."),
        ("kubectl debug --image=busybox", "error: NAME or filename is required for debug"),
        ("kubectl debug web-0 --image=BusyBox", "error: invalid image name \"BusyBox\": invalid reference format"),
        ("kubectl debug web-0 --image=busybox --image-pull-policy=always", "error: invalid image pull policy: always"),
        ("kubectl debug web-0 --image=busybox --foo", "error: unknown flag: --foo"),
        ("kubectl debug web-0 --image=busybox -x", "error: unknown shorthand flag: 'x' in -x"),
        ("kubectl debug web-0 --image", "error: flag needs an argument: --image"),
        ("kubectl debug web-0 --image=b --env=A", "error: invalid argument \"A\" for \"--env\" flag: A must be formatted as key=value"),
        ("kubectl debug web-0 --image=busybox --replace", "error: --replace may only be used with --copy-to."),
        ("kubectl debug web-0 --image=busybox --set-image=app=x", "error: --set-image may only be used with --copy-to."),
        ("kubectl debug web-0 --attach", "error: you must specify --container or create a new container using --image in order to attach."),
    ] {
        assert_eq!(refusal(37, line), first, "{line}");
    }
    assert_eq!(refusal(26, "kubectl debug --image=busybox"), "error: NAME is required for debug");
    assert_eq!(refusal(26, "kubectl debug -f pod.yaml --image=busybox"), "error: unknown shorthand flag: 'f' in -f");
    assert_eq!(refusal(29, "kubectl debug web-0 --image=busybox --custom=x.json"), "error: unknown flag: --custom");
    assert_eq!(refusal(30, "kubectl debug web-0 --image=busybox --custom=x.json"), "error: unknown flag: --custom");
    assert_eq!(refusal(30, "kubectl debug web-0 --image=busybox --keep-labels"), "error: unknown flag: --keep-labels");
    assert!(matches!(
        at(30, "KUBECTL_DEBUG_CUSTOM_PROFILE=true kubectl debug web-0 --image=busybox --custom=x.json"),
        Err(ImportError::NeedFile { .. })
    ));
    assert!(matches!(at(31, "kubectl debug web-0 --image=busybox --custom=x.json"), Err(ImportError::NeedFile { .. })));
    assert_eq!(
        refusal(31, "KUBECTL_DEBUG_CUSTOM_PROFILE=false kubectl debug web-0 --image=busybox --custom=x.json"),
        "error: unknown flag: --custom"
    );
}

#[test]
fn custom_files_merge_as_kubectl_merges_them() {
    let files = |text: &str| BTreeMap::from([("c.json".to_owned(), text.to_owned())]);
    let run =
        |text: &str, flags: &str| at_with(37, &format!("kubectl debug web-0 --image=busybox -c d {flags} --custom=c.json"), &files(text));
    let c = run(r#"{"env": [{"name": "B", "value": "custom"}, {"name": "C", "value": "3"}], "securityContext": {"capabilities": {"add": ["NET_ADMIN"]}}, "resources": {"limits": {"cpu": "1000m"}}, "stdin": false}"#, "--env=B=flag -i")
        .unwrap()
        .containers
        .remove(0);
    assert_eq!(c["env"], json!([{"name": "B", "value": "custom"}, {"name": "C", "value": "3"}]));
    assert_eq!(c["securityContext"], json!({"capabilities": {"add": ["NET_ADMIN"]}}));
    assert_eq!(c["resources"], json!({"limits": {"cpu": "1"}}));
    assert_eq!(c["stdin"], true, "Go's omitempty: stdin: false in the file changes nothing");
    // YAML is read too; unknown fields are dropped with a note.
    let out = run("workingDir: /w\nimagePullPolcy: Always\n", "").unwrap();
    assert_eq!(out.containers[0]["workingDir"], "/w");
    assert!(out.notes.iter().any(|n| n.contains("imagePullPolcy")), "{:?}", out.notes);
    // What Validate refuses.
    for refused_text in [
        r#"{"image": "x"}"#,
        r#"{"name": "x"}"#,
        r#"{"command": ["sh"]}"#,
        "lifecycle: {}\n",
        r#"{"volumeDevices": [{"name": "a", "devicePath": "/d"}]}"#,
    ] {
        match run(refused_text, "") {
            Err(ImportError::Refused { message, .. }) => {
                assert_eq!(message, "error: name, command, image, lifecycle and volume devices are not modifiable via custom profile")
            }
            other => panic!("{refused_text}: {other:?}"),
        }
    }
    match run(r#"{"stdin": "yes"}"#, "") {
        Err(ImportError::Refused { message, .. }) => {
            assert!(message.starts_with("error: c.json does not contain a valid container spec: "), "{message}")
        }
        other => panic!("{other:?}"),
    }
    // kubectl 1.30 reads the file as JSON only (json.Unmarshal), behind its variable.
    let gated = |text: &str| {
        at_with(30, "KUBECTL_DEBUG_CUSTOM_PROFILE=true kubectl debug web-0 --image=busybox -c d --custom=c.json", &files(text))
    };
    match gated("workingDir: /w\n") {
        Err(ImportError::Refused { message, .. }) => {
            assert_eq!(
                message,
                "error: c.json does not contain a valid container spec: invalid character 'w' looking for beginning of value"
            )
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(gated(r#"{"workingDir": "/w"}"#).unwrap().containers[0]["workingDir"], "/w");
    assert_eq!(
        at_with(31, "kubectl debug web-0 --image=busybox -c d --custom=c.json", &files("workingDir: /w\n")).unwrap().containers[0]
            ["workingDir"],
        "/w"
    );
    // A file the command line writes itself.
    let line = "cat > c.json <<'EOF'\n{\"workingDir\": \"/x\"}\nEOF\nkubectl debug web-0 --image=busybox -c d --custom=c.json";
    assert_eq!(at(37, line).unwrap().containers[0]["workingDir"], "/x");
}

#[test]
fn names_clashes_and_modes() {
    let out = at(37, "kubectl debug web-0 --image=busybox").unwrap();
    assert_eq!(out.generated_names, [0]);
    let name = out.containers[0]["name"].as_str().unwrap().to_owned();
    assert!(name.starts_with("debugger-") && name.len() == 14, "{name}");
    // -c app: the profile goes to the pod's container app, not to the new one.
    let out = at(37, "kubectl debug web-0 --image=busybox -c app --profile=sysadmin").unwrap();
    assert!(out.containers[0].get("securityContext").is_none());
    assert!(out.notes.iter().any(|n| n.contains("spec.containers[0]")), "{:?}", out.notes);
    for line in ["kubectl debug web-0 --image=busybox --copy-to=web-debug", "kubectl debug node/n1 --image=busybox"] {
        assert!(matches!(at(37, line), Err(ImportError::Unreadable { .. })), "{line}");
    }
    // A pod named that is not the one given is said once; a second name is one more pod.
    let out = at(37, "kubectl debug web-1 --image=busybox").unwrap();
    let about: Vec<&String> = out.notes.iter().filter(|n| n.contains("web-1")).collect();
    assert_eq!(about, ["The command names web-1, not the pod given (\"web-0\"); ecplay shows what it would add to the pod given."]);
    let out = at(37, "kubectl debug web-0 web-1 --image=busybox").unwrap();
    assert!(out.notes.iter().any(|n| n.starts_with("kubectl debug would also debug pod \"web-1\"")), "{:?}", out.notes);
    // An invisible character is shown as the server and kubectl show it.
    let out = at(37, "kubectl debug web-0 --image=busybox --target=app\u{200b}").unwrap();
    assert!(out.notes.iter().any(|n| n.contains("no container \"app\\u200b\"")), "{:?}", out.notes);
    // A no-break space copied from a page joins two words, as in a shell; said where it is.
    match at(37, "kubectl debug web-0 --image=busybox\u{a0}--target=app") {
        Err(ImportError::Refused { message, why, .. }) => {
            assert_eq!(message, r#"error: invalid image name "busybox\u00a0--target=app": invalid reference format"#);
            assert!(!why.contains(".."), "{why}");
            assert!(why.ends_with("The command line holds U+00A0 (a no-break space) at 1:36, which a shell reads as part of a word, not as a space between words (copies from a web page, a document or a chat often hold one): type a plain space there, or delete it."), "{why}");
        }
        other => panic!("{other:?}"),
    }
    let out = at(37, "kubectl debug web-0 --image=busybox --target=app\u{200b}").unwrap();
    assert!(out.notes.iter().any(|n| n.contains("U+200B (a zero-width space) at 1:49")), "{:?}", out.notes);
    // The non-root warning: the pod's user is not root… only pod-wide.
    let mut p = pod();
    p["spec"]["securityContext"]["runAsUser"] = json!(1000);
    let out = import(&p, "kubectl debug web-0 --image=busybox -c d --profile=netadmin", 37, &BTreeMap::new()).unwrap();
    assert!(out.notes.iter().any(|n| n.contains("Non-root user")), "{:?}", out.notes);
}

#[test]
fn the_learn_panels_containers() {
    let examples = crate::learn::profile_examples(&pod(), 37);
    let names: Vec<&str> = examples.iter().map(|e| e.profile).collect();
    assert_eq!(names, ["legacy", "general", "baseline", "restricted", "netadmin", "sysadmin"]);
    let netadmin = &examples[4];
    assert_eq!(netadmin.command, "kubectl debug web-0 -n default -it --image=busybox:1.36 --target=app -c debugger --profile=netadmin");
    assert_eq!(netadmin.container["securityContext"], json!({"capabilities": {"add": ["NET_ADMIN", "NET_RAW"]}}));
    assert_eq!(netadmin.container["targetContainerName"], "app");
    // kubectl 1.29 has no sysadmin; 1.28's netadmin adds NET_ADMIN alone.
    let old = crate::learn::profile_examples(&pod(), 28);
    assert!(old.iter().all(|e| e.profile != "sysadmin"));
    assert_eq!(
        old.iter().find(|e| e.profile == "netadmin").unwrap().container["securityContext"],
        json!({"capabilities": {"add": ["NET_ADMIN"]}})
    );
}

fn new_names(out: &Imported) -> Vec<&str> {
    out.containers.iter().filter_map(|c| c["name"].as_str()).collect()
}

#[test]
fn patch_forms_apply_as_the_server_applies_them() {
    let ok = |minor: u32, line: &str| at(minor, line).unwrap_or_else(|e| panic!("{line}: {e:?}"));
    let strategic = ok(
        37,
        r#"kubectl patch pod web-0 --subresource=ephemeralcontainers -p '{"spec":{"ephemeralContainers":[{"name":"dbg","image":"busybox","tty":true,"stdin":true}]}}'"#,
    );
    assert_eq!(strategic.containers, [json!({"name": "dbg", "image": "busybox", "tty": true, "stdin": true})]);
    assert_eq!(strategic.list, None);
    // YAML patches are read through YAML, as kubectl's yaml.ToJSON does.
    let yaml = ok(37, "kubectl patch pod/web-0 --subresource ephemeralcontainers --type strategic -p 'spec: {ephemeralContainers: [{name: dbg, image: busybox}]}'");
    assert_eq!(new_names(&yaml), ["dbg"]);
    // A merge patch replaces the list: the old container goes, which the server refuses.
    let merge = ok(
        37,
        r#"kubectl patch pod web-0 --subresource=ephemeralcontainers --type=merge -p '{"spec":{"ephemeralContainers":[{"name":"dbg","image":"busybox"}]}}'"#,
    );
    assert_eq!(new_names(&merge), ["dbg"]);
    assert!(
        merge.list.is_some() && merge.notes.iter().any(|n| n.contains("removes the existing ephemeral container \"old\"")),
        "{:?}",
        merge.notes
    );
    let json_patch = ok(
        37,
        r#"kubectl patch pod web-0 --subresource=ephemeralcontainers --type=json -p '[{"op":"add","path":"/spec/ephemeralContainers/-","value":{"name":"dbg","image":"busybox"}}]'"#,
    );
    assert_eq!(new_names(&json_patch), ["dbg"]);
    match at(
        37,
        r#"kubectl patch pod web-0 --subresource=ephemeralcontainers --type=json -p '[{"op":"test","path":"/spec/ephemeralContainers","value":null}]'"#,
    ) {
        Err(ImportError::Refused { message, server: true, .. }) => {
            assert_eq!(message, "The request is invalid: the server rejected our request due to an error in our request")
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        refusal(31, r#"kubectl patch pod web-0 --subresource=ephemeralcontainers -p '{}'"#),
        r#"error: invalid subresource value: "ephemeralcontainers". Must be one of [status scale]"#
    );
    assert_eq!(
        refusal(37, "kubectl patch pod web-0 --subresource=ephemeralcontainers"),
        "error: must specify --patch or --patch-file containing the contents of the patch"
    );
    assert_eq!(
        refusal(37, "kubectl patch pod web-0 --subresource=ephemeralcontainers --type=foo -p '{}'"),
        r#"error: --type must be one of [json merge strategic], not "foo""#
    );
    assert!(
        matches!(at(37, "kubectl patch pod web-0 --subresource=ephemeralcontainers --patch-file p.json"), Err(ImportError::NeedFile { path, .. }) if path == "p.json")
    );
    assert!(matches!(at(37, "kubectl patch pod web-0 -p '{}'"), Err(ImportError::Unreadable { .. })));
}

#[test]
fn apply_replace_curl_and_bare_bodies() {
    let ok = |line: &str| at(37, line).unwrap_or_else(|e| panic!("{line}: {e:?}"));
    let body = r#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-0","namespace":"default"},"spec":{"ephemeralContainers":[{"name":"old","image":"busybox"},{"name":"dbg","image":"busybox"}]}}"#;
    let replace =
        ok(&format!("kubectl replace --raw /api/v1/namespaces/default/pods/web-0/ephemeralcontainers -f - <<'EOF'\n{body}\nEOF\n"));
    assert_eq!((new_names(&replace), replace.list.is_none()), (vec!["dbg"], true));
    let files = BTreeMap::from([("pod.json".to_owned(), body.to_owned())]);
    let sub = at_with(37, "kubectl replace --subresource=ephemeralcontainers -f pod.json", &files).unwrap();
    assert_eq!(new_names(&sub), ["dbg"]);
    assert!(
        matches!(at(37, "kubectl replace --subresource=ephemeralcontainers -f pod.json"), Err(ImportError::NeedFile { path, .. }) if path == "pod.json")
    );
    let apply = at_with(37, "kubectl apply --server-side --subresource=ephemeralcontainers -f pod.json", &files).unwrap();
    assert_eq!(new_names(&apply), ["dbg"]);
    assert_eq!(
        refusal(37, "kubectl apply --subresource=ephemeralcontainers -f pod.json"),
        "error: --subresource can only be specified for --server-side"
    );
    assert_eq!(
        refusal(31, "kubectl apply --server-side --subresource=ephemeralcontainers -f pod.json"),
        "error: unknown flag: --subresource"
    );
    let curl = ok(r#"kubectl proxy --port=8001 &
curl -sS -X PATCH -H 'Content-Type: application/strategic-merge-patch+json' --data-binary '{"spec":{"ephemeralContainers":[{"name":"dbg","image":"busybox"}]}}' 'http://127.0.0.1:8001/api/v1/namespaces/default/pods/web-0/ephemeralcontainers?fieldValidation=Strict'"#);
    assert_eq!(new_names(&curl), ["dbg"]);
    let bare = ok(
        r#"{"spec":{"$setElementOrder/ephemeralContainers":[{"name":"old"},{"name":"dbg"}],"ephemeralContainers":[{"name":"dbg","image":"busybox"}]}}"#,
    );
    assert_eq!(new_names(&bare), ["dbg"]);
    let ops = ok(r#"[{"op":"add","path":"/spec/ephemeralContainers/-","value":{"name":"dbg","image":"busybox"}}]"#);
    assert_eq!(new_names(&ops), ["dbg"]);
    let yaml = ok("spec:\n  ephemeralContainers:\n  - name: dbg\n    image: busybox\n");
    assert_eq!(new_names(&yaml), ["dbg"]);

    // What each request asks the server to do with an unknown or repeated field: kubectl
    // apply and replace -f send --validate (strict unless told otherwise), a URL its query,
    // every other request nothing (Warn).
    use crate::FieldValidation as F;
    let strict_note = |i: &Imported| i.notes.iter().any(|n| n.starts_with("The request asks for fieldValidation=Strict"));
    assert_eq!((curl.field_validation, strict_note(&curl)), (F::Strict, true));
    assert_eq!((replace.field_validation, strict_note(&replace)), (F::Warn, false), "replace --raw sends the URI as given");
    assert_eq!((sub.field_validation, apply.field_validation), (F::Strict, F::Strict));
    assert!(strict_note(&sub) && strict_note(&apply));
    for (flag, fv) in
        [("--validate=false", F::Ignore), ("--validate=warn", F::Warn), ("--validate=True", F::Strict), ("--validate", F::Strict)]
    {
        let line = format!("kubectl replace --subresource=ephemeralcontainers {flag} -f pod.json");
        assert_eq!(at_with(37, &line, &files).unwrap().field_validation, fv, "{line}");
    }
    assert_eq!(
        at_with(37, "kubectl replace --subresource=ephemeralcontainers --validate=loud -f pod.json", &files)
            .map_err(|e| match e {
                ImportError::Refused { message, .. } => message,
                other => format!("{other:?}"),
            })
            .unwrap_err(),
        "error: invalid - validate option \"loud\"; must be one of: strict (or true), warn, ignore (or false)"
    );
    let raw_ignore = ok(&format!(
        "kubectl replace --raw '/api/v1/namespaces/default/pods/web-0/ephemeralcontainers?fieldValidation=Ignore' -f - <<'EOF'\n{body}\nEOF\n"
    ));
    assert_eq!(raw_ignore.field_validation, F::Ignore);
    let raw_bad = ok(&format!(
        "kubectl replace --raw '/api/v1/namespaces/default/pods/web-0/ephemeralcontainers?fieldValidation=strict' -f - <<'EOF'\n{body}\nEOF\n"
    ));
    assert!(raw_bad.notes.iter().any(|n| n.contains("fieldValidation=strict, which the API server does not take")), "{:?}", raw_bad.notes);
    for i in [&bare, &ops, &yaml] {
        assert_eq!(i.field_validation, F::Warn);
    }
    assert_eq!(at(37, "kubectl patch pod web-0 --subresource=ephemeralcontainers -p '{\"spec\":{\"ephemeralContainers\":[{\"name\":\"dbg\",\"image\":\"busybox\"}]}}'").unwrap().field_validation, F::Warn);
    assert_eq!(container_fv(), F::Warn);
}

fn container_fv() -> crate::FieldValidation {
    at(37, "kubectl debug web-0 --image=busybox -c d").unwrap().field_validation
}
