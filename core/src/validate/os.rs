//! Pod-level checks that walk every container, ephemeral ones included: hostProcess
//! and the pod's OS.
//!
//! Mirrors kubernetes/kubernetes `pkg/apis/core/validation/validation.go`
//! (`validateWindowsHostProcessPod`, `validateOS`, `validateLinux`, `validateWindows`) and
//! `pkg/apis/core/pods/helpers.go` (`VisitContainersWithPath`: initContainers, then
//! containers, then ephemeralContainers).
//!
//! The server validates the *internal* pod, whose `SecurityContext` is never nil: the v1 →
//! internal conversion always allocates it and copies `hostNetwork`, `hostPID`, `hostIPC`,
//! `shareProcessNamespace` and `hostUsers` from the v1 `PodSpec` into it. So the pod-level
//! checks below run even when the user wrote no `spec.securityContext`.
//!
//! Feature gates: none is consulted by these functions in the source read (~v1.33);
//! `WindowsHostProcessContainers` is GA. Fields that a disabled gate would drop
//! (`supplementalGroupsPolicy`, `seLinuxChangePolicy`) are assumed to reach validation, as
//! with 1.37's defaults.

use k8s_openapi::api::core::v1::{EphemeralContainer, PodSpec, SecurityContext};

use crate::diag::{supported_values, BadValue, ErrorType};
use crate::path::Path;

use super::{push, Errs, Options};

/// `VisitContainersWithPath`: every container's securityContext with its path, in the server's order.
fn visit_containers<'a>(
    spec: &'a PodSpec,
    ephemeral: &'a [EphemeralContainer],
    spec_path: &Path,
    mut visit: impl FnMut(Option<&'a SecurityContext>, &Path),
) {
    let init = spec.init_containers.as_deref().unwrap_or_default();
    let init_path = spec_path.child("initContainers");
    for (i, c) in init.iter().enumerate() {
        visit(c.security_context.as_ref(), &init_path.index(i));
    }
    let ctrs_path = spec_path.child("containers");
    for (i, c) in spec.containers.iter().enumerate() {
        visit(c.security_context.as_ref(), &ctrs_path.index(i));
    }
    let ec_path = spec_path.child("ephemeralContainers");
    for (i, c) in ephemeral.iter().enumerate() {
        visit(c.security_context.as_ref(), &ec_path.index(i));
    }
}

fn host_process(sc: Option<&SecurityContext>) -> Option<bool> {
    sc.and_then(|sc| sc.windows_options.as_ref()).and_then(|w| w.host_process)
}

/// R-29 for the whole pod spec (ephemeral containers included). `spec_path` is `spec`.
///
/// Mirrors `validateWindowsHostProcessPod`, which `ValidatePodSpec` calls after
/// `validateTopologySpreadConstraints` and before `validateHostUsers`, i.e. well after every
/// container list (containers, initContainers, ephemeralContainers) has been validated.
/// Appends, per container in visit order, R-29a (pod and container `hostProcess` differ);
/// then, if any container is HostProcess (explicitly or inherited from the pod): R-29b (not
/// all are), R-29c (`hostNetwork` is not true), R-29d (privileged is not allowed).
pub fn validate_windows_host_process(spec: &PodSpec, ephemeral: &[EphemeralContainer], spec_path: &Path, opts: &Options, errs: &mut Errs) {
    let pod_host_process = spec.security_context.as_ref().and_then(|sc| sc.windows_options.as_ref()).and_then(|w| w.host_process);
    let host_network = spec.host_network.unwrap_or(false);

    let mut containers = 0usize;
    let mut host_process_containers = 0usize;
    visit_containers(spec, ephemeral, spec_path, |sc, path| {
        containers += 1;
        let ctr_host_process = host_process(sc);
        if let (Some(pod), Some(ctr)) = (pod_host_process, ctr_host_process) {
            if pod != ctr {
                push(
                    errs,
                    "R-29",
                    ErrorType::Invalid,
                    &path.child("securityContext").child("windowsOptions").child("hostProcess"),
                    BadValue::Bool(ctr),
                    &format!("pod hostProcess value must be identical if both are specified, was {pod}"),
                );
            }
        }
        // Explicitly true, or unset and inherited from a pod-level true.
        if ctr_host_process.unwrap_or(pod_host_process == Some(true)) {
            host_process_containers += 1;
        }
    });

    if host_process_containers == 0 {
        return;
    }
    if host_process_containers != containers {
        push(
            errs,
            "R-29",
            ErrorType::Invalid,
            spec_path,
            BadValue::str(""),
            "If pod contains any hostProcess containers then all containers must be HostProcess containers",
        );
    }
    if !host_network {
        push(
            errs,
            "R-29",
            ErrorType::Invalid,
            &spec_path.child("hostNetwork"),
            BadValue::Bool(false),
            "hostNetwork must be true if pod contains any hostProcess containers",
        );
    }
    if !opts.allow_privileged {
        push(errs, "R-29", ErrorType::Forbidden, spec_path, BadValue::Omit, "hostProcess containers are disallowed by cluster policy");
    }
}

/// for the whole pod spec, with the check of `spec.os.name` itself.
///
/// Mirrors the last block of `ValidatePodSpec` (after `validateOverhead`, so after every
/// container list and after `validate_windows_host_process`): nothing without `spec.os`;
/// `validateOS` (empty name → Required at `spec.os.name`; unknown name → NotSupported at
/// `spec.os`, the parent path, as the server does); only if that found nothing,
/// `validateLinux` or `validateWindows`. Both first check the pod-level
/// securityContext and host namespaces, then each container in visit order.
///
/// The OS-name errors carry code `R-30`. The unknown name is a named string type, printed as
/// `ErrorBody` of the release prints one ([`names::typed_value`]).
pub fn validate_os(spec: &PodSpec, ephemeral: &[EphemeralContainer], spec_path: &Path, minor: u32, errs: &mut Errs) {
    let Some(os) = spec.os.as_ref() else {
        return;
    };
    let os_path = spec_path.child("os");
    match os.name.as_str() {
        "" => push(errs, "R-30", ErrorType::Required, &os_path.child("name"), BadValue::Omit, "cannot be empty"),
        "linux" => validate_linux(spec, ephemeral, spec_path, errs),
        "windows" => validate_windows(spec, ephemeral, spec_path, errs),
        other => push(
            errs,
            "R-30",
            ErrorType::NotSupported,
            &os_path,
            super::names::typed_value(other, minor),
            &supported_values(&["linux", "windows"]),
        ),
    }
}

const LINUX_MSG: &str = "windows options cannot be set for a linux pod";

/// `validateLinux`.
fn validate_linux(spec: &PodSpec, ephemeral: &[EphemeralContainer], spec_path: &Path, errs: &mut Errs) {
    if spec.security_context.as_ref().is_some_and(|sc| sc.windows_options.is_some()) {
        push(errs, "R-31", ErrorType::Forbidden, &spec_path.child("securityContext").child("windowsOptions"), BadValue::Omit, LINUX_MSG);
    }
    visit_containers(spec, ephemeral, spec_path, |sc, path| {
        if sc.is_some_and(|sc| sc.windows_options.is_some()) {
            push(errs, "R-31", ErrorType::Forbidden, &path.child("securityContext").child("windowsOptions"), BadValue::Omit, LINUX_MSG);
        }
    });
}

const WINDOWS_MSG: &str = "cannot be set for a windows pod";

/// `validateWindows`.
fn validate_windows(spec: &PodSpec, ephemeral: &[EphemeralContainer], spec_path: &Path, errs: &mut Errs) {
    let mut forbid = |path: Path| push(errs, "R-30", ErrorType::Forbidden, &path, BadValue::Omit, WINDOWS_MSG);

    // The internal PodSecurityContext always exists; host namespaces live in it but print at `spec.*`.
    let psc_path = spec_path.child("securityContext");
    let psc = spec.security_context.clone().unwrap_or_default();
    let pod_checks: [(bool, Path); 15] = [
        (psc.app_armor_profile.is_some(), psc_path.child("appArmorProfile")),
        (psc.se_linux_options.is_some(), psc_path.child("seLinuxOptions")),
        (spec.host_users.is_some(), spec_path.child("hostUsers")),
        (spec.host_pid == Some(true), spec_path.child("hostPID")),
        (spec.host_ipc == Some(true), spec_path.child("hostIPC")),
        (psc.seccomp_profile.is_some(), psc_path.child("seccompProfile")),
        (psc.fs_group.is_some(), psc_path.child("fsGroup")),
        (psc.fs_group_change_policy.is_some(), psc_path.child("fsGroupChangePolicy")),
        (psc.sysctls.as_ref().is_some_and(|s| !s.is_empty()), psc_path.child("sysctls")),
        (spec.share_process_namespace.is_some(), spec_path.child("shareProcessNamespace")),
        (psc.run_as_user.is_some(), psc_path.child("runAsUser")),
        (psc.run_as_group.is_some(), psc_path.child("runAsGroup")),
        // `!= nil`: an explicit empty list counts.
        (psc.supplemental_groups.is_some(), psc_path.child("supplementalGroups")),
        (psc.supplemental_groups_policy.is_some(), psc_path.child("supplementalGroupsPolicy")),
        (psc.se_linux_change_policy.is_some(), psc_path.child("seLinuxChangePolicy")),
    ];
    for (set, path) in pod_checks {
        if set {
            forbid(path);
        }
    }

    visit_containers(spec, ephemeral, spec_path, |sc, path| {
        let Some(sc) = sc else {
            return;
        };
        let sc_path = path.child("securityContext");
        let checks = [
            (sc.app_armor_profile.is_some(), "appArmorProfile"),
            (sc.se_linux_options.is_some(), "seLinuxOptions"),
            (sc.seccomp_profile.is_some(), "seccompProfile"),
            (sc.capabilities.is_some(), "capabilities"),
            (sc.read_only_root_filesystem.is_some(), "readOnlyRootFilesystem"),
            (sc.privileged.is_some(), "privileged"),
            (sc.allow_privilege_escalation.is_some(), "allowPrivilegeEscalation"),
            (sc.proc_mount.is_some(), "procMount"),
            (sc.run_as_user.is_some(), "runAsUser"),
            (sc.run_as_group.is_some(), "runAsGroup"),
        ];
        for (set, field) in checks {
            if set {
                forbid(sc_path.child(field));
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use k8s_openapi::api::core::v1::{
        AppArmorProfile, Capabilities, Container, EphemeralContainer, PodOS, PodSecurityContext, SELinuxOptions, SeccompProfile, Sysctl,
        WindowsSecurityContextOptions,
    };

    use super::*;

    type Triple = (ErrorType, String, String);

    fn t(e: ErrorType, field: &str, message: &str) -> Triple {
        (e, field.to_owned(), message.to_owned())
    }

    fn triples(errs: Errs) -> Vec<Triple> {
        errs.into_iter().map(|d| (d.error_type, d.field, d.message)).collect()
    }

    fn sc_host_process(hp: Option<bool>) -> Option<SecurityContext> {
        Some(SecurityContext {
            windows_options: Some(WindowsSecurityContextOptions { host_process: hp, ..Default::default() }),
            ..Default::default()
        })
    }

    fn ctr(name: &str, sc: Option<SecurityContext>) -> Container {
        Container { name: name.into(), image: Some("img".into()), security_context: sc, ..Default::default() }
    }

    fn ec(name: &str, sc: Option<SecurityContext>) -> EphemeralContainer {
        EphemeralContainer { name: name.into(), image: Some("img".into()), security_context: sc, ..Default::default() }
    }

    fn pod_host_process(hp: bool) -> Option<PodSecurityContext> {
        Some(PodSecurityContext {
            windows_options: Some(WindowsSecurityContextOptions { host_process: Some(hp), ..Default::default() }),
            ..Default::default()
        })
    }

    fn host_process_errs(spec: &PodSpec, opts: &Options) -> Vec<Triple> {
        let mut errs = Errs::new();
        validate_windows_host_process(spec, spec.ephemeral_containers.as_deref().unwrap_or_default(), &Path::root("spec"), opts, &mut errs);
        assert!(errs.iter().all(|d| d.code == "R-29"));
        triples(errs)
    }

    fn os_errs(spec: &PodSpec) -> Vec<Triple> {
        let mut errs = Errs::new();
        validate_os(
            spec,
            spec.ephemeral_containers.as_deref().unwrap_or_default(),
            &Path::root("spec"),
            crate::versions::LATEST_KUBE_MINOR,
            &mut errs,
        );
        triples(errs)
    }

    const ALL_MUST: &str =
        "Invalid value: \"\": If pod contains any hostProcess containers then all containers must be HostProcess containers";
    const HOST_NETWORK: &str = "Invalid value: false: hostNetwork must be true if pod contains any hostProcess containers";

    #[test]
    fn r29_no_host_process_no_errors() {
        let spec = PodSpec { containers: vec![ctr("app", None)], ephemeral_containers: Some(vec![ec("dbg", None)]), ..Default::default() };
        assert_eq!(host_process_errs(&spec, &Options::default()), vec![]);
        let all = PodSpec {
            host_network: Some(true),
            security_context: pod_host_process(true),
            containers: vec![ctr("app", None)],
            ephemeral_containers: Some(vec![ec("dbg", sc_host_process(Some(true)))]),
            ..Default::default()
        };
        assert_eq!(host_process_errs(&all, &Options::default()), vec![]);
    }

    #[test]
    fn r29a_and_r29b_ec_sets_false_in_host_process_pod() {
        let spec = PodSpec {
            host_network: Some(true),
            security_context: pod_host_process(true),
            containers: vec![ctr("app", None)],
            ephemeral_containers: Some(vec![ec("dbg", sc_host_process(Some(false)))]),
            ..Default::default()
        };
        assert_eq!(
            host_process_errs(&spec, &Options::default()),
            vec![
                t(
                    ErrorType::Invalid,
                    "spec.ephemeralContainers[0].securityContext.windowsOptions.hostProcess",
                    "Invalid value: false: pod hostProcess value must be identical if both are specified, was true"
                ),
                t(ErrorType::Invalid, "spec", ALL_MUST),
            ]
        );
    }

    #[test]
    fn r29b_ec_without_field_when_containers_set_it_themselves() {
        let spec = PodSpec {
            host_network: Some(true),
            init_containers: Some(vec![ctr("init", sc_host_process(Some(true)))]),
            containers: vec![ctr("app", sc_host_process(Some(true)))],
            ephemeral_containers: Some(vec![ec("dbg", None)]),
            ..Default::default()
        };
        assert_eq!(host_process_errs(&spec, &Options::default()), vec![t(ErrorType::Invalid, "spec", ALL_MUST)]);
    }

    #[test]
    fn r29c_and_r29d() {
        let spec = PodSpec {
            containers: vec![ctr("app", sc_host_process(Some(true)))],
            ephemeral_containers: Some(vec![ec("dbg", sc_host_process(Some(true)))]),
            ..Default::default()
        };
        let strict = Options { allow_privileged: false, ..Options::default() };
        assert_eq!(
            host_process_errs(&spec, &strict),
            vec![
                t(ErrorType::Invalid, "spec.hostNetwork", HOST_NETWORK),
                t(ErrorType::Forbidden, "spec", "Forbidden: hostProcess containers are disallowed by cluster policy"),
            ]
        );
    }

    #[test]
    fn r29_order_mismatches_first_in_visit_order_then_pod_errors() {
        let spec = PodSpec {
            security_context: pod_host_process(false),
            init_containers: Some(vec![ctr("init", sc_host_process(Some(true)))]),
            containers: vec![ctr("app", None)],
            ephemeral_containers: Some(vec![ec("dbg", sc_host_process(Some(true)))]),
            ..Default::default()
        };
        let got: Vec<String> = host_process_errs(&spec, &Options::default()).into_iter().map(|(_, f, _)| f).collect();
        assert_eq!(
            got,
            vec![
                "spec.initContainers[0].securityContext.windowsOptions.hostProcess",
                "spec.ephemeralContainers[0].securityContext.windowsOptions.hostProcess",
                "spec",
                "spec.hostNetwork",
            ]
        );
    }

    #[test]
    fn os_name_itself() {
        let with_os =
            |name: &str| PodSpec { os: Some(PodOS { name: name.into() }), containers: vec![ctr("app", None)], ..Default::default() };
        assert_eq!(os_errs(&PodSpec::default()), vec![]);
        assert_eq!(os_errs(&with_os("")), vec![t(ErrorType::Required, "spec.os.name", "Required value: cannot be empty")]);
        assert_eq!(
            os_errs(&with_os("darwin")),
            vec![t(ErrorType::NotSupported, "spec.os", "Unsupported value: \"darwin\": supported values: \"linux\", \"windows\"")]
        );
        // An OS error stops the per-OS checks.
        let mut bad = with_os("Windows");
        bad.ephemeral_containers = Some(vec![ec("dbg", Some(SecurityContext { privileged: Some(true), ..Default::default() }))]);
        assert_eq!(os_errs(&bad).len(), 1);
    }

    #[test]
    fn r31_linux_pod_forbids_windows_options() {
        let spec = PodSpec {
            os: Some(PodOS { name: "linux".into() }),
            security_context: pod_host_process(false),
            containers: vec![ctr("app", None)],
            ephemeral_containers: Some(vec![
                ec("dbg", sc_host_process(None)),
                ec("ok", Some(SecurityContext { privileged: Some(true), ..Default::default() })),
            ]),
            ..Default::default()
        };
        let mut errs = Errs::new();
        validate_os(
            &spec,
            spec.ephemeral_containers.as_deref().unwrap_or_default(),
            &Path::root("spec"),
            crate::versions::LATEST_KUBE_MINOR,
            &mut errs,
        );
        assert!(errs.iter().all(|d| d.code == "R-31"));
        assert_eq!(
            triples(errs),
            vec![
                t(ErrorType::Forbidden, "spec.securityContext.windowsOptions", "Forbidden: windows options cannot be set for a linux pod"),
                t(
                    ErrorType::Forbidden,
                    "spec.ephemeralContainers[0].securityContext.windowsOptions",
                    "Forbidden: windows options cannot be set for a linux pod"
                ),
            ]
        );
    }

    #[test]
    fn r30_windows_pod_forbids_each_container_field() {
        let full = SecurityContext {
            app_armor_profile: Some(AppArmorProfile { type_: "RuntimeDefault".into(), localhost_profile: None }),
            se_linux_options: Some(SELinuxOptions::default()),
            seccomp_profile: Some(SeccompProfile { type_: "RuntimeDefault".into(), localhost_profile: None }),
            capabilities: Some(Capabilities::default()),
            read_only_root_filesystem: Some(false),
            privileged: Some(false),
            allow_privilege_escalation: Some(false),
            proc_mount: Some("Default".into()),
            run_as_user: Some(0),
            run_as_group: Some(0),
            // Allowed on windows: not reported.
            run_as_non_root: Some(true),
            windows_options: Some(WindowsSecurityContextOptions { run_as_user_name: Some("ContainerUser".into()), ..Default::default() }),
        };
        let spec = PodSpec {
            os: Some(PodOS { name: "windows".into() }),
            containers: vec![ctr("app", None)],
            ephemeral_containers: Some(vec![ec("dbg", Some(full))]),
            ..Default::default()
        };
        let fields = [
            "appArmorProfile",
            "seLinuxOptions",
            "seccompProfile",
            "capabilities",
            "readOnlyRootFilesystem",
            "privileged",
            "allowPrivilegeEscalation",
            "procMount",
            "runAsUser",
            "runAsGroup",
        ];
        let want: Vec<Triple> = fields
            .iter()
            .map(|f| {
                t(
                    ErrorType::Forbidden,
                    &format!("spec.ephemeralContainers[0].securityContext.{f}"),
                    "Forbidden: cannot be set for a windows pod",
                )
            })
            .collect();
        assert_eq!(os_errs(&spec), want);
    }

    #[test]
    fn r30_windows_pod_level_fields_first() {
        let spec = PodSpec {
            os: Some(PodOS { name: "windows".into() }),
            host_users: Some(true),
            host_pid: Some(true),
            host_ipc: Some(false),
            share_process_namespace: Some(false),
            security_context: Some(PodSecurityContext {
                fs_group: Some(1),
                sysctls: Some(vec![Sysctl { name: "kernel.shm_rmid_forced".into(), value: "0".into() }]),
                supplemental_groups: Some(vec![]),
                ..Default::default()
            }),
            containers: vec![ctr("app", None)],
            ephemeral_containers: Some(vec![ec("dbg", Some(SecurityContext { privileged: Some(true), ..Default::default() }))]),
            ..Default::default()
        };
        let got: Vec<String> = os_errs(&spec).into_iter().map(|(_, f, _)| f).collect();
        assert_eq!(
            got,
            vec![
                "spec.hostUsers",
                "spec.hostPID",
                "spec.securityContext.fsGroup",
                "spec.securityContext.sysctls",
                "spec.shareProcessNamespace",
                "spec.securityContext.supplementalGroups",
                "spec.ephemeralContainers[0].securityContext.privileged",
            ]
        );
        // Without any securityContext the host-namespace checks still run (the internal one always exists).
        let bare = PodSpec {
            os: Some(PodOS { name: "windows".into() }),
            host_ipc: Some(true),
            containers: vec![ctr("app", None)],
            ..Default::default()
        };
        assert_eq!(os_errs(&bare), vec![t(ErrorType::Forbidden, "spec.hostIPC", "Forbidden: cannot be set for a windows pod")]);
    }
}
