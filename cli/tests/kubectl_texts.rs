//! What ecplay says kubectl prints (`Report::summary`, the CLI's text output and `summary`)
//! proven with the real kubectl v1.37.1: the recorder answers the write as the API server
//! would — a 422 `Invalid` with every cause the server lists (duplicates included), a 403 from
//! Pod Security, `Warning` headers — and kubectl's own standard error must be the summary,
//! line for line.

mod support;

use std::collections::BTreeMap;

use ecplay_core::admission::{NamespacePolicy, Policy};
use ecplay_core::diag::{Diagnostic, Severity, Source};
use ecplay_core::{check, Mode, Options, Report};
use serde_json::{json, Value};
use support::{setup, status_json, web_0, WriteAnswer};

/// The pod the recorder holds, as YAML-compatible JSON text for `check`.
fn pod_text(pod: &Value) -> String {
    pod.to_string()
}

/// The response the API server gives the write `report` judged.
fn server_answer(report: &Report) -> WriteAnswer {
    let is_request_warning =
        |d: &&Diagnostic| d.severity == Severity::Warning && d.source == Some(Source::Container) && matches!(d.code, "D-02" | "D-03");
    let mut warnings: Vec<String> = report.diagnostics.iter().filter(is_request_warning).map(|d| d.message.clone()).collect();
    let invalid: Vec<&Diagnostic> = report.errors().filter(|d| !d.code.starts_with("PSA")).collect();
    if !invalid.is_empty() {
        assert!(invalid.iter().all(|d| !d.is_decoding()), "a 422 case: {invalid:#?}");
        let causes: Vec<Value> =
            invalid.iter().map(|d| json!({"reason": d.error_type.name(), "message": d.message, "field": d.field})).collect();
        let all: Vec<String> = invalid.iter().map(|d| d.cause()).collect();
        let message = format!("Pod {:?} is invalid: [{}]", report.pod_name, all.join(", "));
        let details = json!({"name": report.pod_name, "kind": "Pod", "causes": causes});
        return WriteAnswer { status: 422, body: status_json(422, "Invalid", &message, details), warnings };
    }
    let admission = report.admission.as_ref().expect("validation passed, so admission ran");
    if let Some(message) = admission.denial_message(&report.pod_name) {
        let details = json!({"name": report.pod_name, "kind": "pods"});
        return WriteAnswer { status: 403, body: status_json(403, "Forbidden", &message, details), warnings };
    }
    warnings.extend(admission.warning());
    WriteAnswer { status: 200, body: web_0().to_string(), warnings }
}

/// Judges `container` against the recorder's pod, has the recorder answer as the server
/// would, runs the real `kubectl patch` and returns (kubectl's stderr, its exit status, the
/// summary).
fn kubectl_says(container: &str, opts: &Options) -> (String, bool, String) {
    let report = check(&pod_text(&web_0()), container, Mode::Append, opts);
    assert!(!report.unusable, "{:#?}", report.diagnostics);
    let (rec, k) = setup();
    rec.answer_writes(server_answer(&report));
    let patch = json!({"spec": {"ephemeralContainers": [serde_json::to_value(report.stored.last().unwrap()).unwrap()]}});
    let script = format!("kubectl patch pod web-0 -n default --subresource=ephemeralcontainers --type=strategic -p '{patch}'");
    let run = k.run(support::Shell::Bash, &script, None);
    (run.stderr.clone(), run.success(), report.summary())
}

#[track_caller]
fn assert_same(container: &str, opts: &Options, refused: bool) {
    let (stderr, success, summary) = kubectl_says(container, opts);
    assert_eq!(success, !refused, "kubectl's exit status; stderr:\n{stderr}");
    let expected = if summary.is_empty() { String::new() } else { format!("{summary}\n") };
    assert_eq!(stderr, expected, "kubectl's standard error is the summary");
}

fn policy(labels: &[(&str, &str)]) -> NamespacePolicy {
    let labels: BTreeMap<String, String> =
        labels.iter().map(|(k, v)| (format!("pod-security.kubernetes.io/{k}"), (*v).to_owned())).collect();
    NamespacePolicy::from_labels(&labels, &Policy::default(), ecplay_core::LATEST_KUBE_MINOR)
}

#[test]
fn one_invalid_field_is_one_line() {
    assert_same("name: dbg\nimage: busybox:1.36\ntargetContainerName: app\nports: [{containerPort: 80}]\n", &Options::default(), true);
}

#[test]
fn many_invalid_fields_are_a_list() {
    let ctr = "name: dbg\nimage: busybox:1.36\ntargetContainerName: nope\nports: [{containerPort: 80}]\nreadinessProbe: {exec: {command: [\"true\"]}}\nresources: {limits: {cpu: 1}}\n";
    assert_same(ctr, &Options::default(), true);
}

#[test]
fn causes_the_server_repeats_are_printed_once() {
    // An AppArmor annotation naming no container: the server lists the cause twice
    // (tests/conformance/versions.yaml), kubectl prints it once.
    let mut pod = web_0();
    pod["metadata"]["annotations"] = json!({"container.apparmor.security.beta.kubernetes.io/sidecar": "runtime/default"});
    let ctr = "name: dbg\nimage: busybox:1.36\nports: [{containerPort: 80}]\n";
    let report = check(&pod_text(&pod), ctr, Mode::Append, &Options::default());
    let repeated = report.errors().filter(|d| d.field.starts_with("metadata.annotations")).count();
    assert_eq!(repeated, 2, "{:#?}", report.diagnostics);
    let (rec, k) = setup();
    rec.answer_writes(server_answer(&report));
    let run = k.run(support::Shell::Bash, "kubectl patch pod web-0 -n default --subresource=ephemeralcontainers -p '{}'", None);
    assert!(!run.success());
    assert_eq!(run.stderr, format!("{}\n", report.summary()));
    assert_eq!(run.stderr.matches("container not found").count(), 1, "{}", run.stderr);
}

#[test]
fn unknown_fields_are_warnings_before_the_error() {
    let ctr = "name: dbg\nimage: busybox:1.36\ntargetContainerName: app\nworkingdir: /\nport: 80\nports: [{containerPort: 80}]\n";
    assert_same(ctr, &Options::default(), true);
    assert_same("name: dbg\nimage: busybox:1.36\nworkingdir: /\n", &Options::default(), false);
}

#[test]
fn pod_security_refusal_and_warning() {
    let restricted = Options { pod_security: policy(&[("enforce", "restricted")]), ..Options::default() };
    assert_same("name: dbg\nimage: busybox:1.36\nsecurityContext:\n  capabilities:\n    add: [SYS_PTRACE]\n", &restricted, true);
    let warn = Options { pod_security: policy(&[("enforce", "baseline"), ("warn", "restricted")]), ..Options::default() };
    assert_same("name: dbg\nimage: busybox:1.36\n", &warn, false);
    // Refused by baseline: the warning is not sent.
    let both = Options { pod_security: policy(&[("enforce", "baseline"), ("warn", "restricted")]), ..Options::default() };
    assert_same("name: dbg\nimage: busybox:1.36\nsecurityContext:\n  privileged: true\n", &both, true);
}
