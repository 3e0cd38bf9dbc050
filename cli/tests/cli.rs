//! The real `ecplay` binary on real `kubectl get -o yaml` style files.

mod common;

use std::process::Output;

use common::{ecplay, fixture};

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_valid_debugger_exits_zero() {
    let out = ecplay(&["check", "--pod", &fixture("pods/distroless-app.yaml"), "--ephemeral", &fixture("ephemeral/debugger.yaml")], None);
    assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("The server would accept"));
    // Said beside the commands (`ecplay export`), not as a hint on every verdict.
    assert!(!stdout(&out).contains("H-10"), "{}", stdout(&out));
}

/// A typo is dropped, not refused: neither `kubectl patch` nor `kubectl debug` asks for
/// strict field validation, so the server's default, `Warn`, applies. Under `Strict` the
/// request is refused; under `Ignore` the field goes without a word.
#[test]
fn a_typo_is_dropped_with_a_warning_unless_strict() {
    let pod = fixture("pods/distroless-app.yaml");
    let ctr = fixture("ephemeral/typo.yaml");
    let out = ecplay(&["check", "--pod", &pod, "--ephemeral", &ctr, "--format", "json"], None);
    assert_eq!(out.status.code(), Some(0), "accepted");
    let v = json(&out);
    assert_eq!(v["valid"], true);
    let d = v["diagnostics"].as_array().unwrap();
    let typo = d.iter().find(|d| d["field"] == "spec.ephemeralContainers[0].imagePullPolcy").expect("the typo is reported");
    assert_eq!(typo["severity"], "warning");
    assert_eq!(typo["type"], "UnknownField");
    assert_eq!(typo["message"], "unknown field \"spec.ephemeralContainers[0].imagePullPolcy\"");
    let help = typo["help"].as_str().unwrap();
    assert!(
        help.starts_with("did you mean `imagePullPolicy`?") && help.contains("drops it") && help.contains("can never be changed"),
        "{help}"
    );
    assert!(typo["line"].as_u64().unwrap() > 0 && typo["column"].as_u64().unwrap() > 0);
    assert_eq!(
        v["summary"],
        "Warning: unknown field \"spec.ephemeralContainers[0].imagePullPolcy\"\nWarning: unknown field \"spec.ephemeralContainers[0].targetContainer\""
    );

    let strict = json(&ecplay(&["check", "--pod", &pod, "--ephemeral", &ctr, "--format", "json", "--field-validation", "strict"], None));
    assert_eq!(strict["valid"], false);
    assert!(strict["summary"].as_str().unwrap().starts_with(
        "Error from server (BadRequest): Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: unknown field"
    ));
    let ignored = json(&ecplay(&["check", "--pod", &pod, "--ephemeral", &ctr, "--format", "json", "--field-validation", "ignore"], None));
    assert_eq!((&ignored["valid"], &ignored["summary"]), (&serde_json::json!(true), &serde_json::json!("")));
    let typo = ignored["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "D-02").unwrap().clone();
    assert_eq!(typo["severity"], "info");

    let text = ecplay(&["check", "--pod", &pod, "--ephemeral", &ctr], None);
    assert_eq!(text.status.code(), Some(0));
    let t = stdout(&text);
    assert!(t.starts_with("Warning: unknown field \"spec.ephemeralContainers[0].imagePullPolcy\"\n"), "{t}");
    assert!(t.contains("The server would accept"), "{t}");
    assert!(t.contains(&format!("{ctr}:{}:{}", typo["line"], typo["column"])), "{t}");
    assert!(!t.contains('\x1b'), "no colour when not on a terminal");
}

#[test]
fn forbidden_fields_render_as_kubectl_does() {
    let out = ecplay(
        &[
            "check",
            "--pod",
            &fixture("pods/app-with-sidecar.yaml"),
            "--ephemeral",
            &fixture("ephemeral/forbidden-ports.yaml"),
            "--format",
            "json",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    let errors: Vec<(String, String)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| (d["type"].as_str().unwrap().to_owned(), d["field"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(
        errors,
        vec![
            ("Forbidden".to_owned(), "spec.ephemeralContainers[0].ports".to_owned()),
            ("Forbidden".to_owned(), "spec.ephemeralContainers[0].livenessProbe".to_owned())
        ]
    );
    let summary = v["summary"].as_str().unwrap();
    assert!(summary.starts_with("The Pod \"storefront-wq7n2v96c6-hlljh\" is invalid: \n* spec.ephemeralContainers[0].ports: Forbidden: cannot be set for an Ephemeral Container"), "{summary}");
    // Errors first, in server order; then warnings and infos.
    let severities: Vec<&str> = v["diagnostics"].as_array().unwrap().iter().map(|d| d["severity"].as_str().unwrap()).collect();
    let mut sorted = severities.clone();
    sorted.sort_by_key(|s| ["error", "warning", "info"].iter().position(|x| x == s));
    assert_eq!(severities, sorted);
}

#[test]
fn a_static_pod_refuses_everything() {
    let out = ecplay(&["check", "--pod", &fixture("pods/static-pod.yaml"), "--ephemeral", &fixture("ephemeral/debugger.yaml")], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out)
            .starts_with("The Pod \"kube-apiserver-node-1\" is invalid: []: Forbidden: static pods do not support ephemeral containers\n"),
        "{}",
        stdout(&out)
    );
    // kubectl's text keeps the server's `[]`; the diagnostic says what it means, at the
    // annotation that makes the pod static.
    let line =
        std::fs::read_to_string(fixture("pods/static-pod.yaml")).unwrap().lines().position(|l| l.contains("config.mirror:")).unwrap() + 1;
    let at = format!("error[R-37] {}:{line}:5: (whole pod)\n", fixture("pods/static-pod.yaml"));
    assert!(stdout(&out).contains(&at), "{at} in {}", stdout(&out));
}

#[test]
fn standard_input_and_json_pods_work() {
    let pod = std::fs::read_to_string(fixture("pods/with-ephemeral-container.json")).unwrap();
    let out = ecplay(&["check", "--pod", "-", "--ephemeral", &fixture("ephemeral/two-containers.yaml"), "--format", "json"], Some(&pod));
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let out = ecplay(
        &["check", "--pod", &fixture("pods/list-one-pod.yaml"), "--ephemeral", "-"],
        Some("name: dbg\nimage: busybox:1.36\nstdin: true\n"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn replacing_the_list_without_the_existing_container_is_a_removal() {
    let out = ecplay(
        &[
            "check",
            "--pod",
            &fixture("pods/with-ephemeral-container.yaml"),
            "--list",
            &fixture("ephemeral/debugger.yaml"),
            "--format",
            "json",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    let removed = v["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "R-33").expect("R-33");
    assert_eq!(removed["field"], "spec.ephemeralContainers");
    assert_eq!(removed["message"], "Forbidden: existing ephemeral containers \"debugger-7xk2p\" may not be removed\n");
}

#[test]
fn unusable_input_exits_two_with_a_located_message() {
    let ctr = fixture("ephemeral/syntax-error.yaml");
    let out = ecplay(&["check", "--pod", &fixture("pods/distroless-app.yaml"), "--ephemeral", &ctr], None);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.starts_with(&format!("ecplay: {ctr}:3:")), "{err}");
    assert!(stdout(&out).is_empty());

    let out = ecplay(&["check", "--pod", "/nonexistent/pod.yaml", "--ephemeral", &ctr], None);
    assert_eq!(out.status.code(), Some(2));
    let out = ecplay(&["check", "--pod", &fixture("pods/distroless-app.yaml"), "--ephemeral", &ctr, "--kube-version", "1.20"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not modelled"));
    let out = ecplay(&["check", "--pod", &fixture("ephemeral/debugger.yaml"), "--ephemeral", &ctr], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn wrong_types_are_reported_at_their_path() {
    let out = ecplay(
        &["check", "--pod", &fixture("pods/distroless-app.yaml"), "--ephemeral", &fixture("ephemeral/wrong-type.yaml"), "--format", "json"],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    let d = v["diagnostics"].as_array().unwrap().iter().find(|d| d["type"] == "TypeMismatch").expect("a type error");
    assert_eq!(d["field"], "spec.ephemeralContainers[0].command");
}

#[test]
fn privileged_depends_on_the_cluster_policy() {
    let ctr = "name: dbg\nimage: busybox:1.36\nsecurityContext:\n  privileged: true\n";
    let pod = fixture("pods/distroless-app.yaml");
    let ok = ecplay(&["check", "--pod", &pod, "--ephemeral", "-"], Some(ctr));
    assert_eq!(ok.status.code(), Some(0), "{}", stdout(&ok));
    let refused = ecplay(&["check", "--pod", &pod, "--ephemeral", "-", "--allow-privileged=false", "--format", "json"], Some(ctr));
    assert_eq!(refused.status.code(), Some(1));
    assert!(stdout(&refused).contains("disallowed by cluster policy"));
}

#[test]
fn export_prints_only_the_text_and_notes_go_to_stderr() {
    let out = ecplay(
        &[
            "export",
            "--pod",
            &fixture("pods/with-ephemeral-container.yaml"),
            "--ephemeral",
            &fixture("ephemeral/debugger.yaml"),
            "--as",
            "kubectl-patch",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with(
            "kubectl patch pod checkout-mtcf697vwd-cbf48 -n checkout --subresource=ephemeralcontainers --type=strategic -p '{"
        ),
        "{text}"
    );
    assert_eq!(text.lines().count(), 1);
    assert!(stderr(&out).contains("note: Needs kubectl 1.32 or newer"));
    // As the page says it beside its Copy buttons.
    assert!(stderr(&out).contains(&format!("ecplay: note: {}\n", ecplay_core::export::IRREVERSIBLE)), "{}", stderr(&out));
}

/// An older kubectl that refuses the form outright: said on stderr in kubectl's own words; the
/// command is still printed (the reader may upgrade kubectl).
#[test]
fn export_says_when_the_chosen_kubectl_refuses_the_command() {
    let pod = fixture("pods/with-ephemeral-container.yaml");
    let ctr = fixture("ephemeral/debugger.yaml");
    let out = ecplay(&["export", "--pod", &pod, "--ephemeral", &ctr, "--as", "kubectl-patch", "--kubectl-version", "1.29"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "ecplay: warning: kubectl 1.29 refuses this command: error: invalid subresource value: \"ephemeralcontainers\". Must be one of [status scale]"
        ),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).starts_with("kubectl patch "));
    let out = ecplay(&["export", "--pod", &pod, "--ephemeral", &ctr, "--as", "kubectl-patch", "--kubectl-version", "1.32"], None);
    assert!(!stderr(&out).contains("refuses this command"), "{}", stderr(&out));
}

/// kubectl versions are those the skew policy pairs with the modelled servers; a newer one gets
/// the newest modelled kubectl's commands.
#[test]
fn export_takes_the_kubectl_versions_it_models() {
    let pod = fixture("pods/with-ephemeral-container.yaml");
    let ctr = fixture("ephemeral/debugger.yaml");
    let run = |v: &str| ecplay(&["export", "--pod", &pod, "--ephemeral", &ctr, "--as", "kubectl-patch", "--kubectl-version", v], None);
    let old = run("1.20");
    assert_eq!(old.status.code(), Some(2), "{}", stderr(&old));
    assert!(stderr(&old).contains("kubectl 1.20 is older than ecplay models: kubectl 1.24 to 1.37"), "{}", stderr(&old));
    let oldest = run("1.24");
    assert!(stderr(&oldest).contains("kubectl 1.24 refuses this command: error: invalid subresource value"), "{}", stderr(&oldest));
    let newer = run("v1.41.2");
    assert_eq!((newer.status.code(), stdout(&newer)), (Some(0), stdout(&run("1.37"))));
}

#[test]
fn export_kubectl_debug_writes_the_custom_file_where_asked() {
    let dir = std::env::temp_dir().join(format!("ecplay-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let custom = dir.join("custom.json");
    let ctr = "name: dbg\nimage: busybox:1.36\nworkingDir: /tmp\n";
    let pod = fixture("pods/distroless-app.yaml");
    let refused = ecplay(&["export", "--pod", &pod, "--ephemeral", "-", "--as", "kubectl-debug"], Some(ctr));
    assert_eq!(refused.status.code(), Some(2), "a needed --custom file must be asked for");
    assert!(stderr(&refused).contains("--custom-file"));
    let out = ecplay(
        &["export", "--pod", &pod, "--ephemeral", "-", "--as", "kubectl-debug", "--custom-file", custom.to_str().unwrap()],
        Some(ctr),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains(&format!("--custom={}", custom.display())), "{}", stdout(&out));
    let written: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&custom).unwrap()).unwrap();
    assert_eq!(written, serde_json::json!({"workingDir": "/tmp"}));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn export_warns_on_a_rejected_container_and_refuses_unusable_input() {
    let pod = fixture("pods/app-with-sidecar.yaml");
    let out = ecplay(&["export", "--pod", &pod, "--ephemeral", &fixture("ephemeral/forbidden-ports.yaml"), "--as", "yaml"], None);
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("warning: the server would reject this container"));
    assert!(stdout(&out).contains("ports:"));
    let out = ecplay(&["export", "--pod", &pod, "--ephemeral", &fixture("ephemeral/syntax-error.yaml"), "--as", "yaml"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).is_empty());
    let out = ecplay(&["export", "--pod", &pod, "--ephemeral", &fixture("ephemeral/debugger.yaml"), "--as", "nonsense"], None);
    assert_eq!(out.status.code(), Some(2));
}

/// A pod that meets the restricted level itself, so that only the new container decides.
const RESTRICTED_POD: &str = "apiVersion: v1\nkind: Pod\nmetadata: {name: web-0, namespace: shop}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n  containers:\n  - name: app\n    image: app:1\n    securityContext:\n      allowPrivilegeEscalation: false\n      capabilities: {drop: [ALL]}\n";

fn write_temp(name: &str, text: &str) -> String {
    let path = std::env::temp_dir().join(format!("ecplay-cli-{}-{name}", std::process::id()));
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

/// Pod Security admission: enforce refuses with kubectl's 403 text, warn adds kubectl's
/// warning line and accepts, audit says nothing to the client; each violation is a located
/// diagnostic with its check's code.
#[test]
fn pod_security_refuses_warns_and_audits_as_the_server_does() {
    let pod = write_temp("restricted-pod.yaml", RESTRICTED_POD);
    let general = write_temp(
        "general.yaml",
        "name: debugger\nimage: busybox:1.36\ntargetContainerName: app\nsecurityContext:\n  capabilities:\n    add: [SYS_PTRACE]\n",
    );
    let out = ecplay(&["check", "--pod", &pod, "--ephemeral", &general, "--pod-security", "enforce=restricted", "--format", "json"], None);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(
        v["summary"],
        "Error from server (Forbidden): pods \"web-0\" is forbidden: violates PodSecurity \"restricted:latest\": allowPrivilegeEscalation != false (container \"debugger\" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container \"debugger\" must set securityContext.capabilities.drop=[\"ALL\"]; container \"debugger\" must not include \"SYS_PTRACE\" in securityContext.capabilities.add)"
    );
    let d = v["diagnostics"].as_array().unwrap();
    let ape = d.iter().find(|d| d["code"] == "PSA-allowPrivilegeEscalation").expect("one diagnostic per check");
    assert_eq!((&ape["severity"], &ape["type"], &ape["source"]), (&"error".into(), &"Forbidden".into(), &"container".into()));
    assert_eq!(ape["field"], "spec.ephemeralContainers[0].securityContext.allowPrivilegeEscalation");
    assert!(ape["help"].as_str().unwrap().contains("--profile=restricted"));
    let caps = d.iter().find(|d| d["code"] == "PSA-capabilities_restricted").unwrap();
    assert_eq!((caps["line"].as_u64(), caps["column"].as_u64()), (Some(5), Some(3)), "at the capabilities the fix changes");

    // warn only: accepted, with kubectl's warning line.
    let out = ecplay(&["check", "--pod", &pod, "--ephemeral", &general, "--pod-security", "warn=baseline:v1.30"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).starts_with("Warning: would violate PodSecurity \"baseline:v1.30\": non-default capabilities (container \"debugger\" must not include \"SYS_PTRACE\" in securityContext.capabilities.add)\nThe server would accept"), "{}", stdout(&out));
    // audit only: nothing for the client, an info for the reader.
    let out =
        json(&ecplay(&["check", "--pod", &pod, "--ephemeral", &general, "--pod-security", "audit=restricted", "--format", "json"], None));
    assert_eq!((&out["valid"], &out["summary"]), (&true.into(), &"".into()));
    assert!(out["diagnostics"].as_array().unwrap().iter().any(|d| d["severity"] == "info" && d["code"] == "PSA-allowPrivilegeEscalation"));

    // The namespace as kubectl prints it; --pod-security replaces the modes it names.
    let ns = write_temp("ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    pod-security.kubernetes.io/enforce: baseline\n    pod-security.kubernetes.io/warn: restricted\n");
    let out = ecplay(&["check", "--pod", &pod, "--ephemeral", &general, "--namespace", &ns], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).starts_with("Error from server (Forbidden): pods \"web-0\" is forbidden: violates PodSecurity \"baseline:latest\": non-default capabilities"), "{}", stdout(&out));
    let out = ecplay(&["check", "--pod", &pod, "--ephemeral", &general, "--namespace", &ns, "--pod-security", "enforce=privileged"], None);
    assert_eq!(out.status.code(), Some(0), "the flag wins for enforce; warn stays restricted");
    assert!(stdout(&out).starts_with("Warning: would violate PodSecurity \"restricted:latest\": "), "{}", stdout(&out));

    // A 422 means admission never runs.
    let ports = write_temp(
        "ports.yaml",
        "name: debugger\nimage: busybox:1.36\nports: [{containerPort: 80}]\nsecurityContext: {privileged: true}\n",
    );
    let v =
        json(&ecplay(&["check", "--pod", &pod, "--ephemeral", &ports, "--pod-security", "enforce=restricted", "--format", "json"], None));
    assert!(v["summary"].as_str().unwrap().starts_with("The Pod \"web-0\" is invalid"));
    assert!(v["diagnostics"].as_array().unwrap().iter().all(|d| !d["code"].as_str().unwrap().starts_with("PSA")));

    // The restricted profile passes restricted.
    let restricted = write_temp("restricted.yaml", "name: debugger\nimage: busybox:1.36\nsecurityContext:\n  allowPrivilegeEscalation: false\n  capabilities: {drop: [ALL]}\n  runAsNonRoot: true\n  seccompProfile: {type: RuntimeDefault}\n");
    assert_eq!(
        ecplay(&["check", "--pod", &pod, "--ephemeral", &restricted, "--pod-security", "enforce=restricted"], None).status.code(),
        Some(0)
    );

    for (bad, says) in [("enforce=strict", "not a Pod Security level"), ("nope", "MODE=LEVEL")] {
        let out = ecplay(&["check", "--pod", &pod, "--ephemeral", &general, "--pod-security", bad], None);
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr(&out).contains(says), "{}", stderr(&out));
    }
    let not_ns = ecplay(&["check", "--pod", &pod, "--ephemeral", &general, "--namespace", &pod], None);
    assert_eq!(not_ns.status.code(), Some(2));
    assert!(stderr(&not_ns).contains(":2:1: expected kind Namespace, found Pod"), "{}", stderr(&not_ns));
}

/// A file as Windows PowerShell 5.1 writes `kubectl get pod X -o yaml > pod.yaml`: UTF-16 LE
/// with a byte order mark and CRLF line ends; and dumps that end with `...` or `---`. kubectl
/// reads them all; a real second document is refused where it starts.
#[test]
fn pods_in_utf16_and_with_empty_documents_are_read_as_kubectl_reads_them() {
    let yaml = std::fs::read_to_string(fixture("pods/default-container.yaml")).unwrap();
    let ctr = write_temp("wiki-debugger.yaml", "name: dbg\nimage: busybox:1.36\ntargetContainerName: wiki\n");
    let check = |path: &str| ecplay(&["check", "--pod", path, "--ephemeral", &ctr], None);
    for (name, le) in [("le", true), ("be", false)] {
        let mut bytes = if le { vec![0xff, 0xfe] } else { vec![0xfe, 0xff] };
        for u in yaml.replace('\n', "\r\n").encode_utf16() {
            bytes.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        let path = std::env::temp_dir().join(format!("ecplay-cli-{}-utf16{name}.yaml", std::process::id()));
        std::fs::write(&path, bytes).unwrap();
        let out = check(&path.to_string_lossy());
        assert_eq!(out.status.code(), Some(0), "{name}: {}{}", stdout(&out), stderr(&out));
    }
    let bom = write_temp("bom.yaml", &format!("\u{feff}{yaml}"));
    assert_eq!(check(&bom).status.code(), Some(0));
    for (name, tail) in [("end.yaml", "...\n"), ("dashes.yaml", "---\n"), ("both.yaml", "...\n---\n# nothing\n")] {
        let out = check(&write_temp(name, &format!("{yaml}{tail}")));
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
    }
    let lines = yaml.lines().count();
    let two = write_temp("two.yaml", &format!("{yaml}---\n{yaml}"));
    let out = check(&two);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out), format!("ecplay: {two}:{}:1: a second document starts here: ecplay reads one at a time\n", lines + 1));
}
