//! Pod Security admission after the whole judgement: the sample pods, a container as a user
//! writes it, `check` for validation, then `admission::admit` on what the server would store.

use std::collections::BTreeMap;

use ecplay_core::admission::{admit, NamespacePolicy, Outcome, Policy, Skip};
use ecplay_core::{check, Mode, Options};

const NON_ROOT: &str = include_str!("../../tests/fixtures/pods/run-as-non-root.yaml");
const DISTROLESS: &str = include_str!("../../tests/fixtures/pods/distroless-app.yaml");
const WINDOWS: &str = include_str!("../../tests/fixtures/pods/windows-pod.yaml");
const WITH_EC: &str = include_str!("../../tests/fixtures/pods/with-ephemeral-container.yaml");

/// `kubectl debug --profile=restricted`'s container.
const RESTRICTED: &str = "name: debugger\nimage: busybox:1.36\nsecurityContext:\n  allowPrivilegeEscalation: false\n  capabilities:\n    drop: [ALL]\n  runAsNonRoot: true\n  seccompProfile:\n    type: RuntimeDefault\n";

fn run(pod: &str, container: &str, mode: Mode, labels: &[(&str, &str)], minor: u32) -> (String, Outcome) {
    let opts = Options { kube_minor: minor, ..Options::default() };
    let report = check(pod, container, mode, &opts);
    assert!(report.valid(), "{:#?}", report.diagnostics);
    let labels: BTreeMap<String, String> =
        labels.iter().map(|(k, v)| (format!("pod-security.kubernetes.io/{k}"), (*v).to_owned())).collect();
    let ns = NamespacePolicy::from_labels(&labels, &Policy::default(), minor);
    let stored = &report.pod.as_ref().expect("a pod").pod;
    (report.pod_name.clone(), admit(&ns, stored, &report.stored, minor))
}

#[test]
fn a_plain_debugger_in_a_restricted_namespace() {
    let (name, out) = run(NON_ROOT, "name: debugger\nimage: busybox:1.36\n", Mode::Append, &[("enforce", "restricted")], 37);
    assert_eq!(
        out.kubectl_error(&name).as_deref(),
        Some(concat!(
            r#"Error from server (Forbidden): pods "pdf-renderer" is forbidden: violates PodSecurity "restricted:latest": "#,
            r#"allowPrivilegeEscalation != false (container "debugger" must set securityContext.allowPrivilegeEscalation=false), "#,
            r#"unrestricted capabilities (container "debugger" must set securityContext.capabilities.drop=["ALL"])"#
        ))
    );
    let fixes: Vec<String> =
        out.denied.iter().flat_map(|d| &d.violations).flat_map(|v| &v.fixes).map(|f| format!("{}={}", f.path, f.value)).collect();
    assert_eq!(
        fixes,
        [
            "spec.ephemeralContainers[0].securityContext.allowPrivilegeEscalation=false",
            r#"spec.ephemeralContainers[0].securityContext.capabilities.drop=["ALL"]"#
        ]
    );
    // The restricted profile passes, and so does any debugger at baseline.
    assert!(run(NON_ROOT, RESTRICTED, Mode::Append, &[("enforce", "restricted")], 37).1.allowed());
    assert!(run(NON_ROOT, "name: debugger\nimage: busybox:1.36\n", Mode::Append, &[("enforce", "baseline")], 37).1.allowed());
}

#[test]
fn an_app_container_without_seccomp_refuses_even_the_restricted_profile() {
    let (name, out) = run(DISTROLESS, RESTRICTED, Mode::Append, &[("enforce", "restricted"), ("enforce-version", "v1.30")], 30);
    assert_eq!(
        out.denial_message(&name).as_deref(),
        Some(
            r#"pods "payments-api-jtxj8rc447-hmrw7" is forbidden: violates PodSecurity "restricted:v1.30": seccompProfile (pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")"#
        )
    );
    // Warned only, the same text comes back as a warning.
    let (_, out) = run(DISTROLESS, RESTRICTED, Mode::Append, &[("warn", "restricted")], 37);
    assert_eq!(
        out.kubectl_warning().as_deref(),
        Some(
            r#"Warning: would violate PodSecurity "restricted:latest": seccompProfile (pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")"#
        )
    );
}

#[test]
fn a_windows_pod_keeps_only_run_as_non_root() {
    let (name, out) = run(
        WINDOWS,
        "name: debugger\nimage: mcr.microsoft.com/windows/nanoserver:ltsc2022\n",
        Mode::Append,
        &[("enforce", "restricted")],
        37,
    );
    assert_eq!(
        out.denial_message(&name).as_deref(),
        Some(
            r#"pods "intranet-iis-dhtx4ngxhd-tmcf7" is forbidden: violates PodSecurity "restricted:latest": runAsNonRoot != true (pod or containers "iis", "debugger" must set securityContext.runAsNonRoot=true)"#
        )
    );
}

#[test]
fn sending_the_stored_list_back_is_not_evaluated() {
    let existing = "name: debugger-7xk2p\nimage: busybox:1.36\nstdin: true\ntty: true\ntargetContainerName: app\n";
    let (_, out) = run(WITH_EC, existing, Mode::Replace, &[("enforce", "restricted")], 37);
    assert_eq!((out.skipped, out.allowed()), (Some(Skip::NotSignificant), true));
    let (_, out) = run(WITH_EC, RESTRICTED, Mode::Append, &[("enforce", "restricted")], 37);
    let denied = out.denied.expect("the stored debugger and the app break restricted");
    assert!(denied.detail().contains(r#"containers "app", "debugger-7xk2p" must set"#), "{}", denied.detail());
}

/// `Report::validate` is validation alone; `Report::admit` is the next step, as the server
/// takes it: its diagnostics sit where the fix goes, kubectl's 403 text becomes the summary,
/// and a request that did not validate is never admitted. `check` takes both steps.
#[test]
fn admission_is_the_step_after_validation() {
    let labels = [("pod-security.kubernetes.io/enforce".to_owned(), "restricted".to_owned())].into();
    let opts = Options { pod_security: NamespacePolicy::from_labels(&labels, &Policy::default(), 37), ..Options::default() };
    let container = "name: debugger\nimage: busybox:1.36\nstdin: true\n";
    let pod = ecplay_core::read_pod(NON_ROOT);
    let mut report = ecplay_core::Report::validate(&pod, container, Mode::Append, &opts);
    assert!(report.valid() && report.admission.is_none(), "{:#?}", report.diagnostics);
    report.admit(&opts);
    assert!(!report.valid());
    let psa: Vec<(&str, &str, Option<u32>)> = report.errors().map(|d| (d.code, d.field.as_str(), d.line)).collect();
    assert_eq!(
        psa,
        [
            // No securityContext yet: where it would be added, past the container's last line.
            ("PSA-allowPrivilegeEscalation", "spec.ephemeralContainers[0].securityContext.allowPrivilegeEscalation", Some(3)),
            ("PSA-capabilities_restricted", "spec.ephemeralContainers[0].securityContext.capabilities.drop", Some(3)),
        ]
    );
    assert!(report.summary().starts_with(r#"Error from server (Forbidden): pods "pdf-renderer" is forbidden: violates PodSecurity"#));
    let once = report.diagnostics.clone();
    report.admit(&opts);
    assert_eq!(report.diagnostics, once, "admitted once");
    assert_eq!(check(NON_ROOT, container, Mode::Append, &opts).diagnostics, once, "check takes both steps");

    let invalid = check(NON_ROOT, "name: debugger\nimage: busybox:1.36\nports: [{containerPort: 80}]\n", Mode::Append, &opts);
    assert!(invalid.admission.is_none() && invalid.diagnostics.iter().all(|d| !d.code.starts_with("PSA")));
}

/// `Report::prepare` then `Report::admit` (the playground's module loaded on demand, told that
/// the request validates) admits exactly as `check` does: the same outcome, the same
/// diagnostics at the same places, on every sample pod, at each level, mode and version,
/// for containers that pass and fail them. A request that does not validate is not the
/// question here (the caller says so, and nothing is admitted).
#[test]
fn admitting_a_prepared_request_is_admitting_a_validated_one() {
    use ecplay_core::{read_pod, Report};
    let pods = [
        NON_ROOT,
        DISTROLESS,
        WINDOWS,
        WITH_EC,
        include_str!("../../tests/fixtures/pods/app-with-sidecar.yaml"),
        include_str!("../../tests/fixtures/pods/init-and-volumes.yaml"),
        include_str!("../../tests/fixtures/pods/shared-process-namespace.yaml"),
    ];
    let containers = [
        "name: debugger\nimage: busybox:1.36\n",
        RESTRICTED,
        "name: debugger\nimage: busybox:1.36\nsecurityContext:\n  privileged: true\n  capabilities:\n    add: [SYS_PTRACE, NET_ADMIN]\n",
        "- name: one\n  image: busybox:1.36\n- name: two\n  image: busybox:1.36\n  securityContext: {runAsUser: 0, procMount: Unmasked}\n",
    ];
    let policies: [&[(&str, &str)]; 5] = [
        &[("enforce", "restricted")],
        &[("enforce", "baseline"), ("warn", "restricted")],
        &[("warn", "baseline"), ("audit", "restricted")],
        &[("enforce", "restricted"), ("enforce-version", "v1.25")],
        &[("enforce", "nonsense")],
    ];
    let mut admitted = 0;
    for pod_text in pods {
        let pod = read_pod(pod_text);
        for ctr in containers {
            for labels in policies {
                for minor in [25, 30, 37] {
                    let labels: BTreeMap<String, String> =
                        labels.iter().map(|(k, v)| (format!("pod-security.kubernetes.io/{k}"), (*v).to_owned())).collect();
                    let opts = Options {
                        kube_minor: minor,
                        pod_security: NamespacePolicy::from_labels(&labels, &Policy::default(), minor),
                        ..Options::default()
                    };
                    let whole = ecplay_core::check_read(&pod, ctr, Mode::Append, &opts);
                    if whole.admission.is_none() {
                        continue;
                    }
                    admitted += 1;
                    let mut prepared = Report::prepare(&pod, ctr, Mode::Append, &opts);
                    prepared.admit(&opts);
                    assert_eq!(prepared.admission, whole.admission, "{ctr} {labels:?} 1.{minor}");
                    assert_eq!(prepared.stored, whole.stored, "{ctr} 1.{minor}");
                    let psa = |r: &Report| r.diagnostics.iter().filter(|d| d.code.starts_with("PSA")).cloned().collect::<Vec<_>>();
                    assert_eq!(psa(&prepared), psa(&whole), "{ctr} {labels:?} 1.{minor}");
                }
            }
        }
    }
    assert!(admitted > 100, "only {admitted} requests validated and were admitted");
}
