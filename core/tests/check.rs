//! The whole pipeline on real-looking input: positions, modes, hints, rendering.

use ecplay_core::diag::{Diagnostic, Severity, Source};
use ecplay_core::FieldValidation;
use ecplay_core::{check, Mode, Options, Report};

const SIDECAR: &str = include_str!("../../tests/fixtures/pods/app-with-sidecar.yaml");
const WITH_EC: &str = include_str!("../../tests/fixtures/pods/with-ephemeral-container.yaml");
const NON_ROOT: &str = include_str!("../../tests/fixtures/pods/run-as-non-root.yaml");
const JOB: &str = include_str!("../../tests/fixtures/pods/completed-job.yaml");
const WINDOWS: &str = include_str!("../../tests/fixtures/pods/windows-pod.yaml");
const SHARED: &str = include_str!("../../tests/fixtures/pods/shared-process-namespace.yaml");

fn run(pod: &str, ctr: &str) -> Report {
    check(pod, ctr, Mode::Append, &Options::default())
}

fn find<'a>(r: &'a Report, code: &str) -> &'a Diagnostic {
    r.diagnostics.iter().find(|d| d.code == code).unwrap_or_else(|| panic!("no {code} in {:#?}", r.diagnostics))
}

fn codes(r: &Report) -> Vec<&str> {
    r.diagnostics.iter().map(|d| d.code).collect()
}

#[test]
fn server_errors_point_into_the_container_text() {
    let r = run(SIDECAR, "name: dbg\nimage: busybox:1.36\ntargetContainerName: app\nports:\n- containerPort: 80\nvolumeMounts:\n- name: nope\n  mountPath: /x\n");
    let ports = r.errors().find(|d| d.field.ends_with(".ports")).unwrap();
    assert_eq!((ports.source, ports.line, ports.column), (Some(Source::Container), Some(4), Some(1)));
    let mount = r.errors().find(|d| d.field.ends_with("volumeMounts[0].name")).unwrap();
    assert_eq!(mount.message, "Not found: \"nope\"");
    assert_eq!((mount.line, mount.column), (Some(7), Some(3)));
    assert!(r.diagnostics.iter().all(|d| d.line.is_some() && d.column.is_some() && d.source.is_some()), "{:#?}", r.diagnostics);
    assert!(r.diagnostics.iter().all(|d| d.help.is_some()), "every diagnostic says why and how to fix it: {:#?}", r.diagnostics);
    assert!(ports.help.as_deref().unwrap().contains("port-forward"));
}

#[test]
fn appended_containers_are_numbered_after_the_existing_ones() {
    let r = run(WITH_EC, "name: dbg\nimage: busybox:1.36\ntargetContainerName: nope\n");
    let d = find(&r, "R-08");
    assert_eq!(d.field, "spec.ephemeralContainers[1].targetContainerName");
    assert_eq!((d.source, d.line), (Some(Source::Container), Some(3)));
}

#[test]
fn reusing_an_existing_name_is_a_duplicate_and_a_change_with_a_free_name_suggested_once() {
    let r = run(WITH_EC, "name: debugger-7xk2p\nimage: busybox:1.36\n");
    assert_eq!(r.errors().map(|d| d.code).collect::<Vec<_>>(), ["R-03", "R-34"]);
    let changed = find(&r, "R-34");
    assert!(changed.message.starts_with("Forbidden: existing ephemeral containers \"debugger-7xk2p\" may not be changed\n"));
    assert_eq!((changed.source, changed.line), (Some(Source::Container), Some(1)));
    // The name clash is said once: the server's error, with the free name in its help.
    assert!(!codes(&r).contains(&"H-08"), "{:?}", codes(&r));
    let duplicate = find(&r, "R-03");
    assert!(duplicate.help.as_deref().unwrap_or_default().contains("Use a fresh name such as debugger-"), "{:?}", duplicate.help);
}

#[test]
fn the_same_container_sent_back_is_unchanged() {
    // The stored one, without the fields the server defaults: still unchanged (R-41).
    let list = "- name: debugger-7xk2p\n  image: busybox:1.36\n  targetContainerName: app\n  stdin: true\n  tty: true\n  resources: {}\n";
    let r = check(WITH_EC, list, Mode::Replace, &Options::default());
    assert!(r.valid(), "{:#?}", r.diagnostics);
}

#[test]
fn removal_is_located_in_the_pod() {
    let r = check(WITH_EC, "[]", Mode::Replace, &Options::default());
    let d = find(&r, "R-33");
    assert_eq!(d.source, Some(Source::Pod));
    assert!(d.line.unwrap() > 1);
}

#[test]
fn hints_the_server_never_gives() {
    let r = run(SIDECAR, "name: dbg\nimage: busybox\ntty: true\n");
    assert!(r.valid());
    let c = codes(&r);
    for code in ["H-01", "H-06", "H-07"] {
        assert!(c.contains(&code), "{code} missing from {c:?}");
    }

    let shared = run(SHARED, "name: dbg\nimage: busybox:1.36\nstdin: true\n");
    assert!(!codes(&shared).contains(&"H-01"), "a shared process namespace needs no target");

    let non_root = run(NON_ROOT, "name: dbg\nimage: busybox:1.36\nsecurityContext:\n  runAsNonRoot: true\n  runAsUser: null\n");
    assert!(!codes(&non_root).contains(&"H-04"), "the pod's runAsUser is inherited");

    let job = run(JOB, "name: dbg\nimage: busybox:1.36\ntargetContainerName: migrate\n");
    assert!(codes(&job).contains(&"H-02"));

    let win = run(WINDOWS, "name: dbg\nimage: mcr.microsoft.com/windows/nanoserver:ltsc2022\ntargetContainerName: iis\n");
    assert!(codes(&win).contains(&"H-09"));
}

#[test]
fn run_as_non_root_without_a_user_is_flagged() {
    let pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {runAsNonRoot: true}\n  containers:\n  - {name: app, image: app:1}\n";
    let r = run(pod, "name: dbg\nimage: busybox:1.36\ntargetContainerName: app\nstdin: true\n");
    assert!(r.valid());
    assert_eq!(find(&r, "H-04").severity, Severity::Warning);
}

#[test]
fn unknown_pod_fields_are_warnings_and_container_ones_follow_field_validation() {
    let pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  futureField: 1\n  containers:\n  - {name: app, image: app:1}\n";
    let r = run(pod, "name: dbg\nimage: busybox:1.36\ntargetContainerName: app\nstdin: true\nworkingdir: /\n");
    let pod_unknown = r.diagnostics.iter().find(|d| d.field == "spec.futureField").unwrap();
    assert_eq!((pod_unknown.severity, pod_unknown.line, pod_unknown.column), (Severity::Warning, Some(5), Some(3)));
    let ctr_unknown = r.diagnostics.iter().find(|d| d.field == "spec.ephemeralContainers[0].workingdir").unwrap();
    assert_eq!(ctr_unknown.severity, Severity::Warning, "kubectl's requests get Warn");
    assert!(ctr_unknown
        .help
        .as_deref()
        .unwrap()
        .starts_with("did you mean `workingDir`? The Kubernetes schema has no such field. The server drops it"));
    assert!(r.valid());
    assert_eq!(r.summary(), "Warning: unknown field \"spec.ephemeralContainers[0].workingdir\"");
    let ctr = "name: dbg\nimage: busybox:1.36\ntargetContainerName: app\nworkingdir: /\nports: [{containerPort: 80}]\n";
    let both = run(pod, ctr);
    assert_eq!(
        both.summary(),
        "Warning: unknown field \"spec.ephemeralContainers[0].workingdir\"\nThe Pod \"p\" is invalid: spec.ephemeralContainers[0].ports: Forbidden: cannot be set for an Ephemeral Container",
        "the warnings come before the error, as kubectl prints them"
    );
    let strict = check(pod, ctr, Mode::Append, &Options { field_validation: FieldValidation::Strict, ..Options::default() });
    let typo = |d: &&ecplay_core::diag::Diagnostic| d.field == "spec.ephemeralContainers[0].workingdir";
    let d = strict.diagnostics.iter().find(typo).unwrap();
    assert_eq!(d.severity, Severity::Error);
    assert!(strict.summary().starts_with("Error from server (BadRequest)"), "{}", strict.summary());
    let ignore = check(pod, ctr, Mode::Append, &Options { field_validation: FieldValidation::Ignore, ..Options::default() });
    assert_eq!(ignore.diagnostics.iter().find(typo).unwrap().severity, Severity::Info);

    // A repeated field behaves the same way: a warning under Warn (the last value counts), a
    // 400 under Strict, nothing under Ignore.
    let twice = "name: dbg\nimage: busybox:1.36\nimage: busybox:1.37\ntargetContainerName: app\n";
    let judged = |fv| check(pod, twice, Mode::Append, &Options { field_validation: fv, ..Options::default() });
    let warn = judged(FieldValidation::Warn);
    assert!(warn.valid(), "{:#?}", warn.diagnostics);
    assert_eq!(warn.summary(), "Warning: duplicate field \"spec.ephemeralContainers[0].image\"");
    assert_eq!(warn.stored.last().and_then(|c| c.image.as_deref()), Some("busybox:1.37"));
    let strict = judged(FieldValidation::Strict);
    assert!(!strict.valid() && strict.summary().starts_with("Error from server (BadRequest)"), "{}", strict.summary());
    let ignored = judged(FieldValidation::Ignore);
    assert!(ignored.valid() && ignored.summary().is_empty(), "{}", ignored.summary());
}

#[test]
fn kubectl_text_for_one_and_many_errors() {
    let one = run(SIDECAR, "name: dbg\nimage: busybox:1.36\ntargetContainerName: app\nports: [{containerPort: 80}]\n");
    assert_eq!(
        one.summary(),
        "The Pod \"storefront-wq7n2v96c6-hlljh\" is invalid: spec.ephemeralContainers[0].ports: Forbidden: cannot be set for an Ephemeral Container"
    );
    let many = run(SIDECAR, "name: Debug\nimage: ''\n");
    assert_eq!(
        many.summary(),
        "The Pod \"storefront-wq7n2v96c6-hlljh\" is invalid: \n\
         * spec.ephemeralContainers[0].name: Invalid value: \"Debug\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')\n\
         * spec.ephemeralContainers[0].image: Required value"
    );
    assert_eq!(run(SIDECAR, "name: dbg\nimage: busybox:1.36\n").summary(), "");
}

#[test]
fn resize_policy_depends_on_the_server_version() {
    let ctr = "name: dbg\nimage: busybox:1.36\nresizePolicy:\n- {resourceName: cpu, restartPolicy: NotRequired}\n";
    assert!(!run(SIDECAR, ctr).valid());
    assert!(check(SIDECAR, ctr, Mode::Append, &Options { kube_minor: 32, allow_privileged: true, ..Options::default() }).valid());
}

#[test]
fn containers_that_cannot_be_read_leave_the_pod_in_the_report() {
    // The playground still lists the pod's containers and volumes while the YAML is broken.
    let r = run(SIDECAR, "name: dbg\nimage: [oops\n");
    assert!(r.unusable);
    assert_eq!(r.diagnostics.len(), 1, "{:#?}", r.diagnostics);
    let names: Vec<&str> = r.pod.as_ref().unwrap().pod.spec.as_ref().unwrap().containers.iter().map(|c| c.name.as_str()).collect();
    assert!(names.contains(&"app"), "{names:?}");
    let bad_pod = run("kind: Pod\nspec: [\n", "name: dbg\nimage: busybox\n");
    assert!(bad_pod.unusable && bad_pod.pod.is_none());
}

#[test]
fn one_reading_judges_many_requests_as_fresh_readings_do() {
    // The pod's own errors (a port out of range in a regular container) are found once per
    // reading and options; every request must still get exactly what a fresh reading gives.
    let pod = SIDECAR.replacen("containerPort: 3000", "containerPort: 99999", 1);
    let requests = [
        "name: dbg\nimage: busybox:1.36\ntargetContainerName: app\n",
        "name: dbg\nimage: busybox:1.36\nports:\n- containerPort: 80\n",
        "name: app\nimage: ' busybox'\nenv:\n- name: 1BAD\n",
        "name: dbg\nimage: busybox:1.36\ntargetContainerName: app\n",
    ];
    let old = Options { kube_minor: 32, ..Options::default() };
    let reading = ecplay_core::read_pod(&pod);
    for opts in [Options::default(), old.clone(), Options::default()] {
        for ctr in requests {
            let shared = ecplay_core::check_read(&reading, ctr, Mode::Append, &opts);
            let fresh = check(&pod, ctr, Mode::Append, &opts);
            assert_eq!(shared.diagnostics, fresh.diagnostics, "{ctr}");
            assert_eq!(shared.stored, fresh.stored, "{ctr}");
            assert!(shared.diagnostics.iter().any(|d| d.field == "spec.containers[0].ports[0].containerPort"), "{:#?}", shared.diagnostics);
        }
    }
}

#[test]
fn the_status_is_read_for_what_the_hints_need_and_not_checked() {
    let pod = |status: &str| {
        format!(
            "apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec:\n  containers:\n  - {{name: app, image: app:1}}\nstatus:\n{status}"
        )
    };
    let ctr = "name: dbg\nimage: busybox:1.36\ntargetContainerName: app\n";
    let waiting =
        run(&pod("  phase: Pending\n  containerStatuses:\n  - name: app\n    state: {waiting: {reason: CrashLoopBackOff}}\n"), ctr);
    let h03: Vec<_> = waiting.diagnostics.iter().filter(|d| d.code == "H-03").map(|d| d.message.as_str()).collect();
    assert_eq!(h03, [r#"the target container "app" is waiting, not running"#]);
    let running = run(
        &pod("  phase: Running\n  containerStatuses:\n  - name: app\n    state: {running: {startedAt: \"2026-01-02T03:04:05Z\"}}\n"),
        ctr,
    );
    assert!(!codes(&running).contains(&"H-03"));
    // The server writes the status and no request changes it: fields this Kubernetes
    // version does not know, or of another type, are not the request's problem.
    let newer = run(&pod("  phase: Running\n  futureField: 1\n  conditions: oops\n"), ctr);
    assert!(newer.valid() && newer.pod.as_ref().unwrap().issues.is_empty(), "{:?}", newer.pod.as_ref().unwrap().issues);
    let not_an_object = run(&pod("  - Running\n"), ctr);
    let issues: Vec<_> = not_an_object.pod.as_ref().unwrap().issues.iter().map(|d| (d.field.as_str(), d.line)).collect();
    assert_eq!(issues, [("status", Some(8))]);
}

/// Each hint says what is true for the container it is about (the sources are beside the
/// hints in hints.rs).
#[test]
fn hints_say_what_is_true_for_this_container() {
    // hostPID: every container is in the node's process namespace, the app's too.
    let host_pid = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostPID: true\n  containers:\n  - {name: app, image: app:1}\n";
    assert!(!codes(&run(host_pid, "name: dbg\nimage: busybox:1.36\n")).contains(&"H-01"));
    // A floating tag is pulled on start with Always, and is whatever the node has otherwise.
    let floating = run(SIDECAR, "name: dbg\nimage: busybox\ntargetContainerName: app\n");
    assert!(find(&floating, "H-06").message.contains("pulls whatever it points at when the container starts"));
    let cached = run(SIDECAR, "name: dbg\nimage: busybox:latest\nimagePullPolicy: IfNotPresent\ntargetContainerName: app\n");
    assert!(find(&cached, "H-06").message.contains("runs whatever copy of it it has"), "{}", find(&cached, "H-06").message);
    // A terminal without stdin still shows its output.
    let tty = run(SIDECAR, "name: dbg\nimage: busybox:1.36\ntargetContainerName: app\ntty: true\n");
    assert!(find(&tty, "H-07").message.contains("you can watch the container's output"));
    // Windows: ephemeral containers run, without the app's processes.
    let win = run(WINDOWS, "name: dbg\nimage: mcr.microsoft.com/windows/nanoserver:ltsc2022\ntargetContainerName: iis\n");
    let h09 = find(&win, "H-09");
    assert!(h09.message.contains("Windows image") && h09.help.as_deref().unwrap().contains("start on Windows nodes"), "{h09:?}");
    // A target that requires runAsNonRoot: with a runAsUser the debugger does not run as the image's user.
    let target_non_root = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: app:1\n    securityContext: {runAsNonRoot: true}\n";
    let with_uid = run(target_non_root, "name: dbg\nimage: busybox:1.36\ntargetContainerName: app\nsecurityContext: {runAsUser: 1000}\n");
    let h04 = find(&with_uid, "H-04");
    assert!(h04.message.ends_with("it runs as UID 1000 without promising to"), "{}", h04.message);
    assert!(h04.help.as_deref().unwrap().contains("allowPrivilegeEscalation: false"));
    let without = run(target_non_root, "name: dbg\nimage: busybox:1.36\ntargetContainerName: app\n");
    assert!(find(&without, "H-04").message.contains("its image's user"));

    // A static pod: 1.26 accepts the request (no R-37), and H-12 says the container never
    // starts; from 1.27 R-37 refuses it, alone.
    let static_pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations: {kubernetes.io/config.mirror: x}\nspec:\n  nodeName: node-1\n  containers:\n  - {name: app, image: app:1}\n";
    let at = |kube_minor| {
        check(
            static_pod,
            "name: dbg\nimage: busybox:1.36\ntargetContainerName: app\n",
            Mode::Append,
            &Options { kube_minor, ..Options::default() },
        )
    };
    let old = at(26);
    assert!(old.valid() && !codes(&old).contains(&"R-37"), "{:?}", codes(&old));
    assert!(find(&old, "H-12").message.contains("Kubernetes 1.26 accepts the request, but the container will never start"));
    let new = at(27);
    assert!(!new.valid() && codes(&new).contains(&"R-37") && !codes(&new).contains(&"H-12"), "{:?}", codes(&new));
}
