//! Whole-pod re-validation (R-32): everything `validatePodMetadataAndSpec` checks that is not
//! one container's common fields.
//!
//! The `pods/ephemeralcontainers` subresource calls `validatePodMetadataAndSpec` on the whole
//! new pod (kubernetes/kubernetes `pkg/apis/core/validation/validation.go`,
//! `ValidatePodEphemeralContainersUpdate`), so a pod that is invalid under today's rules fails
//! the request even though only `spec.ephemeralContainers` changed. The functions here append,
//! in the server's order, the errors of:
//!
//! * `ValidateObjectMeta` + `ValidatePodSpecificAnnotations` ([`validate_metadata`]);
//! * `ValidatePodSpec` up to the containers ([`validate_spec_head`]), the container-kind extras of
//!   `validateContainers` / `validateInitContainers` ([`validate_regular_container_extras`],
//!   [`validate_init_container_extras`], [`check_host_port_conflicts`],
//!   [`validate_containers_present`]), the pod-level checks after the ephemeral containers
//!   ([`validate_spec_middle`], [`validate_spec_tail`]);
//! * the pod-only checks after `ValidatePodSpec` ([`validate_pod_only`]).
//!
//! Sources read: `validation.go` from the newest stored copy of kubernetes master (a mirror at
//! commit `64149d12`, which already has `spec.schedulingGroup` and container restart rules, so
//! 1.36/1.37-era), checked against the 1.33-era copy `000f2605`; apimachinery at `eed236ce`
//! (`pkg/api/validation/objectmeta.go`, `generic.go`, `pkg/util/validation/validation.go`,
//! `pkg/api/validate/content`, `pkg/apis/meta/v1/validation`); `pkg/api/pod/util.go`
//! (`GetValidationOptionsFromPodSpecAndMeta`) and `pkg/registry/core/pod/strategy.go`.
//!
//! Conventions that hold for every function in this module:
//!
//! * **Defaults first.** The server validates a *defaulted* pod. The functions validate what they
//!   are given, so the caller applies v1 defaulting (R-41) first. The defaults that matter here:
//!   `terminationGracePeriodSeconds` 30, `restartPolicy` Always, `dnsPolicy` ClusterFirst
//!   (`SetDefaults_PodSpec`); host ports = container ports when `hostNetwork` (`SetDefaults_Pod`);
//!   probe `timeoutSeconds` 1, `periodSeconds` 10, `successThreshold` 1, `failureThreshold` 3;
//!   `httpGet.path` "/", `httpGet.scheme` HTTP; port `protocol` TCP; `defaultMode` of
//!   secret/configMap/downwardAPI/projected volumes; `serviceAccountToken.expirationSeconds` 3600;
//!   `fieldRef.apiVersion` v1. An absent field is read as Go's zero value.
//! * **Ratcheting never fires here.** `GetValidationOptionsFromPodSpecAndMeta(new, old)` relaxes
//!   some rules when the *old* pod already breaks them, and in this subresource the old pod's
//!   spec and metadata are copied into the new one (`dropNonEphemeralContainerUpdates`,
//!   `ResetObjectMetaForStatus`). So those rules can never report an error and are deliberately
//!   absent: `pod-deletion-cost` annotation, non-local projected token paths, namespaced sysctls
//!   on hostNetwork/hostIPC pods, invalid label values in affinity / topology-spread selectors,
//!   `hostNetwork` and `volumeDevices` with `hostUsers: false`, `RestartContainer` resize policy
//!   on non-sidecar init containers, empty image-volume references.
//! * **Feature gates** are the 1.37 defaults: ContainerRestartRules, PodLevelResources,
//!   InPlacePodVerticalScaling (sidecar resize policy allowed), PodLifecycleSleepActionAllowZero,
//!   RelaxedDNSSearchValidation on; RestartAllContainersOnContainerExits and
//!   StrictIPCIDRValidation off (the former ratchets when the pod already uses the action).
//! * **Map order.** Go walks labels, annotations and volume options in random order; these
//!   functions walk them in key order.
//! * Every diagnostic carries code `R-32`.

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashSet};

use k8s_openapi::api::core::v1::{
    Affinity, ContainerRestartRule, DownwardAPIVolumeFile, EphemeralContainer, HTTPGetAction, KeyToPath, Lifecycle, LifecycleHandler,
    NodeSelectorTerm, PodAffinityTerm, PodDNSConfig, PodSecurityContext, PodSpec, Probe, TCPSocketAction, Toleration,
    TopologySpreadConstraint, Volume, VolumeProjection,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::names::{self, go_lower, name_is_dns_subdomain, port_name_errors, regex_error, Unit};
use super::{push, Ctr, Errs};
use crate::diag::{supported_values, BadValue, ErrorType};
use crate::path::Path;
use crate::versions::RELAXED_DNS_SEARCH_SINCE;

/// The rule code of everything in this module.
const CODE: &str = "R-32";

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

/// What the container-kind rules need to know about the pod, beyond the grace period.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PodFacts<'a> {
    /// `spec.os.name`, for `lifecycle.stopSignal` (`validateStopSignal`).
    pub os: Option<&'a str>,
    /// `PodValidationOptions.AllowRestartAllContainers`: the gate is off by default, but it
    /// ratchets on when the pod already uses the `RestartAllContainers` rule action.
    pub allow_restart_all_containers: bool,
}

impl<'a> PodFacts<'a> {
    /// The facts of a pod spec.
    pub fn of(spec: &'a PodSpec) -> PodFacts<'a> {
        let uses_restart_all = spec
            .containers
            .iter()
            .chain(spec.init_containers.iter().flatten())
            .flat_map(|c| c.restart_policy_rules.iter().flatten())
            .any(|r| r.action == "RestartAllContainers");
        PodFacts { os: spec.os.as_ref().map(|o| o.name.as_str()), allow_restart_all_containers: uses_restart_all }
    }
}

/// `ValidateObjectMeta(meta, true, ValidatePodName, …)` then `ValidatePodSpecificAnnotations`
/// (kubernetes `validation.go`, apimachinery `pkg/api/validation/objectmeta.go`). `path` is
/// `metadata`.
///
/// Mirrored, in order: `generateName` (DNS subdomain, trailing dash masked), `name` (Required
/// `name or generateName is required`, DNS subdomain), `namespace` (Required, DNS label),
/// `generation` ≥ 0, label keys and values, annotation keys and total size (256 KiB),
/// `ownerReferences` (apiVersion/kind/name/uid, Event owners, one controller), finalizer names
/// (qualified name at `metadata.finalizers`, orphan + foregroundDeletion, then the kube-specific
/// "standard or fully qualified" rule at `metadata.finalizers[i]`); then the mirror annotation
/// (`must set spec.nodeName if mirror pod annotation is set`), the deprecated seccomp annotations
/// and the deprecated AppArmor annotations (container must exist; profile format).
///
/// Not mirrored: `managedFields` (rewritten by the server's field manager before validation), the
/// JSON tolerations annotation `scheduler.alpha.kubernetes.io/tolerations`, and the
/// `controller.kubernetes.io/pod-deletion-cost` annotation, which is ratcheted and therefore never
/// reported by this subresource (see the module doc). The AppArmor "container not found" check
/// looks at `spec.ephemeralContainers` too, so pass the spec that holds the new ephemeral
/// containers.
pub fn validate_metadata(meta: &ObjectMeta, spec: &PodSpec, ephemeral: &[EphemeralContainer], path: &Path, minor: u32, errs: &mut Errs) {
    validate_object_meta(meta, path, minor, errs);
    validate_pod_specific_annotations(meta, spec, ephemeral, &path.child("annotations"), errs);
}

/// The start of `ValidatePodSpec`: `terminationGracePeriodSeconds` Required, `ValidateVolumes`,
/// then `validatePodResourceClaims`. `path` is `spec`. Same as [`validate_spec_head_with_meta`]
/// without the pod's metadata, so the checks that need the pod's name or annotations are skipped
/// (as the server skips them for a nameless pod).
pub fn validate_spec_head(spec: &PodSpec, path: &Path, minor: u32, errs: &mut Errs) {
    validate_spec_head_with_meta(spec, None, path, minor, errs);
}

/// [`validate_spec_head`] with the pod's metadata, which `ValidateVolumes` uses for generic
/// ephemeral volumes (the PVC name `<pod>-<volume>` must be a DNS subdomain; a
/// `persistentVolumeClaim` may not name such a PVC) and `validatePodResourceClaim` for static pods.
///
/// `ValidateVolumes` is mirrored for: name Required / DNS label / Duplicate (a volume with errors
/// is not remembered, so it cannot cause a later Duplicate), exactly one source (`may not specify
/// more than 1 volume type`, `must specify a volume type`, with the server's odd paths
/// `downwarAPI`, `persistentDisk`, `cephfs`), and per source: emptyDir negative `sizeLimit`;
/// hostPath path/backsteps/type; gitRepo; GCE PD and EBS name and partition; secret and configMap
/// name, `defaultMode`, items; NFS; iSCSI (required fields, lun, CHAP secret, name length);
/// glusterfs; flocker; PVC claim name; RBD; cinder; cephfs; quobyte; downwardAPI files (path,
/// mode, exactly one of fieldRef / resourceFieldRef); FC; flexVolume (driver, reserved option
/// namespaces); azureFile; vsphere; photon; portworx; azureDisk; storageos; projected (mode,
/// one source per entry, secret / configMap / downwardAPI items, serviceAccountToken expiry and
/// path, clusterTrustBundle name / signerName / path, podCertificate key type and paths,
/// duplicate paths); scaleIO; CSI driver name and secret; ephemeral (template required, access
/// modes, storage request, class name, volume mode, template labels and annotations); image
/// `pullPolicy`.
///
/// Not mirrored (large or needing other machinery): iSCSI IQN / initiator regexes, downward-API
/// `fieldRef` / `resourceFieldRef` contents (field label conversion, divisors), label selectors,
/// cluster trust bundle name and signer-name syntax, pod-certificate signer name, user
/// annotations and upper expiry bound, PVC template data sources and the template's other
/// metadata fields, and the per-volume `user` / `defaultUser` fields new in 1.37 (no validation
/// for them was found in the sources read).
pub fn validate_spec_head_with_meta(spec: &PodSpec, meta: Option<&ObjectMeta>, path: &Path, minor: u32, errs: &mut Errs) {
    if spec.termination_grace_period_seconds.is_none() {
        required(errs, &path.child("terminationGracePeriodSeconds"), "");
    }
    validate_volumes(spec.volumes.as_deref().unwrap_or_default(), meta, &path.child("volumes"), minor, errs);
    validate_pod_resource_claims(spec, meta, &path.child("resourceClaims"), minor, errs);
}

/// `validateContainers` with no containers: Required at `spec.containers`. `path` is `spec`.
/// When this fires the server checks nothing else about regular containers (no common checks,
/// no [`check_host_port_conflicts`]).
pub fn validate_containers_present(spec: &PodSpec, path: &Path, errs: &mut Errs) {
    if spec.containers.is_empty() {
        required(errs, &path.child("containers"), "");
    }
}

/// The `validateContainers` extras for regular container `i`, called right after that
/// container's common checks; `path` is `spec.containers[i]`, `seen_names` starts empty for the
/// first container, `grace` is `spec.terminationGracePeriodSeconds`. Uses [`PodFacts::default`];
/// prefer [`validate_regular_container_extras_in`].
///
/// In order: Duplicate name among earlier regular containers (an empty name counts too),
/// `validateLifecycle`, `validateLivenessProbe`, `validateReadinessProbe`,
/// `validateStartupProbe`, then — ContainerRestartRules being on by default since 1.35 —
/// `validateContainerRestartPolicy`: `restartPolicy` must be Always, Never or OnFailure,
/// `restartPolicyRules` need a `restartPolicy`, at most 20 rules, supported actions and
/// operators, at most 255 exit codes. (With the gate off, as on ≤1.34 clusters, any
/// `restartPolicy` is `Forbidden: may not be set for non-init containers`; that branch is not
/// taken at 1.37 defaults.)
///
/// After the last regular container, call [`check_host_port_conflicts`] with all of them.
pub fn validate_regular_container_extras(ctr: &Ctr, seen_names: &mut Vec<String>, grace: Option<i64>, path: &Path, errs: &mut Errs) {
    validate_regular_container_extras_in(ctr, seen_names, grace, &PodFacts::default(), path, errs);
}

/// [`validate_regular_container_extras`] with the facts of the pod ([`PodFacts::of`]).
pub fn validate_regular_container_extras_in(
    ctr: &Ctr,
    seen_names: &mut Vec<String>,
    grace: Option<i64>,
    facts: &PodFacts<'_>,
    path: &Path,
    errs: &mut Errs,
) {
    if seen_names.contains(&ctr.name) {
        push(errs, CODE, ErrorType::Duplicate, &path.child("name"), BadValue::str(&ctr.name), "");
    } else {
        seen_names.push(ctr.name.clone());
    }
    if let Some(lifecycle) = &ctr.lifecycle {
        validate_lifecycle(lifecycle, grace, facts.os, &path.child("lifecycle"), errs);
    }
    validate_probes(ctr, grace, path, errs);
    validate_container_restart_policy(
        ctr.restart_policy.as_deref(),
        ctr.restart_policy_rules.as_deref().unwrap_or_default(),
        facts.allow_restart_all_containers,
        path,
        errs,
    );
}

/// `checkHostPortConflicts`: two ports with the same `protocol/hostIP/hostPort` (host port ≠ 0)
/// → Duplicate at `<list>[c].ports[p].hostPort`. `list_path` is `spec.containers`.
///
/// For regular containers the server runs it once over all of them at the end of
/// `validateContainers`, i.e. after the last [`validate_regular_container_extras`] (and not at
/// all when there are no containers). For init containers it runs per container inside
/// [`validate_init_container_extras`], which calls it itself.
pub fn check_host_port_conflicts(containers: &[Ctr], list_path: &Path, errs: &mut Errs) {
    let mut seen = HashSet::new();
    for (ci, ctr) in containers.iter().enumerate() {
        for (pi, port) in ctr.ports.iter().flatten().enumerate() {
            let host_port = port.host_port.unwrap_or(0);
            if host_port == 0 {
                continue;
            }
            let key = format!("{}/{}/{}", port.protocol.as_deref().unwrap_or(""), port.host_ip.as_deref().unwrap_or(""), host_port);
            if seen.contains(&key) {
                let p = list_path.index(ci).child("ports").index(pi).child("hostPort");
                push(errs, CODE, ErrorType::Duplicate, &p, BadValue::Str(key), "");
            } else {
                seen.insert(key);
            }
        }
    }
}

/// The names an init container must not repeat: those of all regular containers, the seed of
/// `seen_names` for the first [`validate_init_container_extras`] call.
pub fn init_seen_names(spec: &PodSpec) -> Vec<String> {
    spec.containers.iter().map(|c| c.name.clone()).collect()
}

/// The `validateInitContainers` extras for init container `i`, called right after that
/// container's common checks; `path` is `spec.initContainers[i]`, `seen_names` starts as
/// [`init_seen_names`]. Uses [`PodFacts::default`]; prefer [`validate_init_container_extras_in`].
///
/// In order: `validateInitContainerRestartPolicy` (rules need a `restartPolicy`; Always with
/// rules is `Forbidden: restartPolicyRules are not allowed for init containers with restart
/// policy Always` unless RestartAllContainers is allowed; other values go through the same
/// checks as regular containers, so `Never` and `OnFailure` are accepted and anything else is
/// NotSupported), Duplicate name against regular and earlier init containers (empty names are
/// not remembered), `checkHostPortConflicts` on this one container — whose path the server
/// builds with index 0 whatever `i` is (`spec.initContainers[0].ports[p].hostPort`) — then for
/// `restartPolicy: Always` the lifecycle and probe checks, otherwise `Forbidden: may not be set
/// for init containers without restartPolicy=Always` for each of `lifecycle`, `livenessProbe`,
/// `readinessProbe`, `startupProbe`.
///
/// Not reported at 1.37 defaults: `resizePolicy` "must not be set for init containers"
/// (InPlacePodVerticalScaling allows it) and the ratcheted `RestartContainer` resize policy rule.
pub fn validate_init_container_extras(ctr: &Ctr, seen_names: &mut Vec<String>, grace: Option<i64>, path: &Path, errs: &mut Errs) {
    validate_init_container_extras_in(ctr, seen_names, grace, &PodFacts::default(), path, errs);
}

/// [`validate_init_container_extras`] with the facts of the pod ([`PodFacts::of`]).
pub fn validate_init_container_extras_in(
    ctr: &Ctr,
    seen_names: &mut Vec<String>,
    grace: Option<i64>,
    facts: &PodFacts<'_>,
    path: &Path,
    errs: &mut Errs,
) {
    let rules = ctr.restart_policy_rules.as_deref().unwrap_or_default();
    match ctr.restart_policy.as_deref() {
        None => {
            if !rules.is_empty() {
                required(errs, &path.child("restartPolicy"), "must specify restartPolicy when restart rules are used");
            }
        }
        Some("Always") => {
            if facts.allow_restart_all_containers {
                validate_container_restart_policy(Some("Always"), rules, true, path, errs);
            } else if !rules.is_empty() {
                forbidden(
                    errs,
                    &path.child("restartPolicyRules"),
                    "restartPolicyRules are not allowed for init containers with restart policy Always",
                );
            }
        }
        Some(other) => validate_container_restart_policy(Some(other), rules, facts.allow_restart_all_containers, path, errs),
    }
    let restart_always = ctr.restart_policy.as_deref() == Some("Always");

    if seen_names.contains(&ctr.name) {
        push(errs, CODE, ErrorType::Duplicate, &path.child("name"), BadValue::str(&ctr.name), "");
    } else if !ctr.name.is_empty() {
        seen_names.push(ctr.name.clone());
    }

    check_host_port_conflicts(std::slice::from_ref(ctr), &list_path_of(path), errs);

    if restart_always {
        if let Some(lifecycle) = &ctr.lifecycle {
            validate_lifecycle(lifecycle, grace, facts.os, &path.child("lifecycle"), errs);
        }
        validate_probes(ctr, grace, path, errs);
    } else {
        const MSG: &str = "may not be set for init containers without restartPolicy=Always";
        if ctr.lifecycle.is_some() {
            forbidden(errs, &path.child("lifecycle"), MSG);
        }
        if ctr.liveness_probe.is_some() {
            forbidden(errs, &path.child("livenessProbe"), MSG);
        }
        if ctr.readiness_probe.is_some() {
            forbidden(errs, &path.child("readinessProbe"), MSG);
        }
        if ctr.startup_probe.is_some() {
            forbidden(errs, &path.child("startupProbe"), MSG);
        }
    }
}

/// Everything in `ValidatePodSpec` after the ephemeral containers and before
/// `validateWindowsHostProcessPod`. `path` is `spec`.
///
/// Mirrored, in order:
/// * `validatePodResources` (PodLevelResources on): `spec.resources` on a windows pod is
///   Forbidden; `spec.resources.claims` is Forbidden.
/// * `validatePodHostNetworkDeps`: with `hostNetwork`, every regular container port's
///   `hostPort` must equal its `containerPort`.
/// * `validateRestartPolicy`, `validateDNSPolicy` (Required when empty, else NotSupported).
/// * `spec.nodeSelector` label keys and values (errors at `spec.nodeSelector`, no key).
/// * `validatePodSpecSecurityContext`: fsGroup / runAsUser / runAsGroup / supplementalGroups
///   ranges, shareProcessNamespace with hostPID, sysctl names (Required, syntax, Duplicate),
///   fsGroupChangePolicy, seccompProfile, appArmorProfile, supplementalGroupsPolicy,
///   seLinuxChangePolicy.
/// * `validateAffinity`: node selector terms (operators, values counts, keys, field selectors),
///   preferred weights, pod (anti-)affinity weights, namespaces and topology keys.
/// * `validatePodDNSConfig`: `dnsPolicy: None` needs a config with nameservers; at most 3
///   nameservers, each an IP; at most 32 searches, 2048 characters; search domains (relaxed
///   syntax); option names.
/// * `validateReadinessGates`, `validateSchedulingGates`.
/// * `validateTopologySpreadConstraints`: maxSkew, topologyKey, whenUnsatisfiable, repeated
///   `{topologyKey, whenUnsatisfiable}` (reported on the earlier entry), minDomains, node
///   inclusion policies.
///
/// Not mirrored: pod-level resource quantities and their consistency with the containers
/// (`validatePodResourceRequirements`, `validatePodResourceConsistency`: quantity arithmetic),
/// pod `securityContext.windowsOptions`, label selectors in affinity terms and topology spread
/// constraints, `matchLabelKeys` / `mismatchLabelKeys`, and `imagePullSecrets` "only name may
/// be set" (the v1 type has nothing but a name). The ratcheted checks listed in the module doc
/// (label values in node affinity, namespaced sysctls with host namespaces) are absent on
/// purpose.
pub fn validate_spec_middle(spec: &PodSpec, path: &Path, minor: u32, errs: &mut Errs) {
    validate_pod_resources(spec, path, errs);
    validate_pod_host_network_deps(spec, path, errs);
    validate_restart_policy(spec.restart_policy.as_deref().unwrap_or(""), &path.child("restartPolicy"), errs);
    validate_dns_policy(spec.dns_policy.as_deref().unwrap_or(""), &path.child("dnsPolicy"), errs);
    validate_labels(spec.node_selector.as_ref(), &path.child("nodeSelector"), minor, errs);
    validate_pod_security_context(spec, &path.child("securityContext"), errs);
    if let Some(affinity) = &spec.affinity {
        validate_affinity(affinity, &path.child("affinity"), minor, errs);
    }
    validate_dns_config(spec.dns_config.as_ref(), spec.dns_policy.as_deref().unwrap_or(""), &path.child("dnsConfig"), minor, errs);
    for (i, gate) in spec.readiness_gates.iter().flatten().enumerate() {
        validate_qualified_name(&gate.condition_type, &path.child("readinessGates").index(i).child("conditionType"), minor, errs);
    }
    let mut gates = HashSet::new();
    for (i, gate) in spec.scheduling_gates.iter().flatten().enumerate() {
        let p = path.child("schedulingGates").index(i);
        validate_qualified_name(&gate.name, &p, minor, errs);
        if !gates.insert(gate.name.as_str()) {
            push(errs, CODE, ErrorType::Duplicate, &p, BadValue::str(&gate.name), "");
        }
    }
    validate_topology_spread(
        spec.topology_spread_constraints.as_deref().unwrap_or_default(),
        &path.child("topologySpreadConstraints"),
        errs,
    );
}

/// Everything in `ValidatePodSpec` after `validateWindowsHostProcessPod` and before the OS
/// checks. `path` is `spec`.
///
/// Mirrored, in order: `validateHostUsers` (with `hostUsers: false`, `hostPID` and `hostIPC` are
/// Forbidden at the server's capitalised paths `spec.HostPID` / `spec.HostIPC`),
/// `validatePodHostName` (`hostnameOverride`: not with setHostnameAsFQDN or hostNetwork, at most
/// 64 bytes, DNS subdomain), `serviceAccountName` (the deprecated `serviceAccount` stands in when
/// it is empty) and `nodeName` (DNS subdomain), `activeDeadlineSeconds` (1…2147483647),
/// `hostname` and `subdomain` (DNS label), `ValidateTolerations`, `ValidateHostAliases`,
/// `priorityClassName` and `runtimeClassName` (DNS subdomain), `preemptionPolicy`.
///
/// Not mirrored: `overhead` (quantity validation), toleration values for the `Lt` / `Gt`
/// operators (and those operators are accepted: they ratchet on the stored pod), and the
/// ratcheted `hostNetwork` / `volumeDevices` rules for user namespaces.
pub fn validate_spec_tail(spec: &PodSpec, path: &Path, minor: u32, errs: &mut Errs) {
    if spec.host_users == Some(false) {
        if spec.host_pid == Some(true) {
            forbidden(errs, &path.child("HostPID"), "when `hostUsers` is false");
        }
        if spec.host_ipc == Some(true) {
            forbidden(errs, &path.child("HostIPC"), "when `hostUsers` is false");
        }
    }
    validate_pod_host_name(spec, path, errs);
    let sa = service_account_name(spec);
    if !sa.is_empty() {
        for msg in name_is_dns_subdomain(sa, false) {
            invalid_str(errs, &path.child("serviceAccountName"), sa, &msg);
        }
    }
    let node_name = spec.node_name.as_deref().unwrap_or("");
    if !node_name.is_empty() {
        for msg in name_is_dns_subdomain(node_name, false) {
            invalid_str(errs, &path.child("nodeName"), node_name, &msg);
        }
    }
    if let Some(v) = spec.active_deadline_seconds {
        if !(1..=i64::from(i32::MAX)).contains(&v) {
            invalid_int(errs, &path.child("activeDeadlineSeconds"), v, &inclusive_range(1, i64::from(i32::MAX)));
        }
    }
    for (field, value) in [("hostname", &spec.hostname), ("subdomain", &spec.subdomain)] {
        let value = value.as_deref().unwrap_or("");
        if !value.is_empty() {
            for msg in dns1123_label(value, minor) {
                invalid_str(errs, &path.child(field), value, &msg);
            }
        }
    }
    validate_tolerations(spec.tolerations.as_deref().unwrap_or_default(), &path.child("tolerations"), minor, errs);
    for (i, alias) in spec.host_aliases.iter().flatten().enumerate() {
        let p = path.child("hostAliases").index(i);
        validate_legacy_ip(&alias.ip, &p.child("ip"), errs);
        for (j, hostname) in alias.hostnames.iter().flatten().enumerate() {
            for msg in dns1123_subdomain(hostname) {
                invalid_str(errs, &p.child("hostnames").index(j), hostname, &msg);
            }
        }
    }
    let pcn = spec.priority_class_name.as_deref().unwrap_or("");
    if !pcn.is_empty() {
        for msg in name_is_dns_subdomain(pcn, false) {
            invalid_str(errs, &path.child("priorityClassName"), pcn, &msg);
        }
    }
    if let Some(rcn) = &spec.runtime_class_name {
        for msg in name_is_dns_subdomain(rcn, false) {
            invalid_str(errs, &path.child("runtimeClassName"), rcn, &msg);
        }
    }
    if let Some(pp) = &spec.preemption_policy {
        let p = path.child("preemptionPolicy");
        match pp.as_str() {
            "PreemptLowerPriority" | "Never" => {}
            "" => required(errs, &p, ""),
            other => not_supported(errs, &p, other, &["PreemptLowerPriority", "Never"]),
        }
    }
}

/// What `validatePodMetadataAndSpec` checks after `ValidatePodSpec`, because it holds for pods
/// but not pod templates. `path` is `spec`.
///
/// In order: without a service account name (`serviceAccountName`, or the deprecated
/// `serviceAccount` when that is empty), every projected `serviceAccountToken` source is
/// `Forbidden: must not be specified when serviceAccountName is not set`; then
/// `validateContainersOnlyForPod` for `containers` and then `initContainers`: an image with
/// leading or trailing whitespace (Go's `strings.TrimSpace`) is `Invalid: must not have leading
/// or trailing whitespace`. Ephemeral containers get that check in their own validation.
pub fn validate_pod_only(spec: &PodSpec, path: &Path, errs: &mut Errs) {
    if service_account_name(spec).is_empty() {
        for (vi, volume) in spec.volumes.iter().flatten().enumerate() {
            let Some(projected) = &volume.projected else { continue };
            let p = path.child("volumes").index(vi).child("projected");
            for (si, source) in projected.sources.iter().flatten().enumerate() {
                if source.service_account_token.is_some() {
                    forbidden(
                        errs,
                        &p.child("sources").index(si).child("serviceAccountToken"),
                        "must not be specified when serviceAccountName is not set",
                    );
                }
            }
        }
    }
    for (list, containers) in [("containers", Some(&spec.containers)), ("initContainers", spec.init_containers.as_ref())] {
        for (i, ctr) in containers.into_iter().flatten().enumerate() {
            let image = ctr.image.as_deref().unwrap_or("");
            if image.trim() != image {
                invalid_str(errs, &path.child(list).index(i).child("image"), image, "must not have leading or trailing whitespace");
            }
        }
    }
}

/// `validateFileKeyRefVolumes`, the last check of `ValidatePodSpec` (1.34 on, with EnvFiles):
/// the volume a `fileKeyRef` names must be a volume of the pod (NotFound) and an `emptyDir`
/// (Invalid), for every container in `VisitContainersWithPath` order — init, regular, then the
/// new ephemeral ones. `path` is `spec`.
pub fn validate_file_key_ref_volumes(spec: &PodSpec, ephemeral: &[EphemeralContainer], path: &Path, errs: &mut Errs) {
    let volumes = spec.volumes.as_deref().unwrap_or_default();
    let lists = [
        ("initContainers", spec.init_containers.iter().flatten().map(|c| c.env.as_deref()).collect::<Vec<_>>()),
        ("containers", spec.containers.iter().map(|c| c.env.as_deref()).collect()),
        ("ephemeralContainers", ephemeral.iter().map(|c| c.env.as_deref()).collect()),
    ];
    for (list, envs) in lists {
        for (i, env) in envs.into_iter().enumerate() {
            for (j, e) in env.unwrap_or_default().iter().enumerate() {
                let Some(sel) = e.value_from.as_ref().and_then(|v| v.file_key_ref.as_ref()) else { continue };
                let p = path.child(list).index(i).child("env").index(j).child("valueFrom").child("fileKeyRef").child("volumeName");
                // The map keeps the last volume of a name; a volume with no source was defaulted
                // to emptyDir (`SetDefaults_Volume`).
                match volumes.iter().rev().find(|v| v.name == sel.volume_name) {
                    None => push(errs, CODE, ErrorType::NotFound, &p, BadValue::str(&sel.volume_name), ""),
                    Some(v) if v.empty_dir.is_none() && super::mounts::source_count(v) > 0 => {
                        invalid_str(errs, &p, &sel.volume_name, "referenced volume must be of type emptyDir");
                    }
                    Some(_) => {}
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Error helpers
// ---------------------------------------------------------------------------------------------

fn required(errs: &mut Errs, path: &Path, detail: &str) {
    push(errs, CODE, ErrorType::Required, path, BadValue::Omit, detail);
}

fn forbidden(errs: &mut Errs, path: &Path, detail: &str) {
    push(errs, CODE, ErrorType::Forbidden, path, BadValue::Omit, detail);
}

fn invalid_str(errs: &mut Errs, path: &Path, value: &str, detail: &str) {
    push(errs, CODE, ErrorType::Invalid, path, BadValue::str(value), detail);
}

fn invalid_int(errs: &mut Errs, path: &Path, value: i64, detail: &str) {
    push(errs, CODE, ErrorType::Invalid, path, BadValue::Int(value), detail);
}

fn invalid_raw(errs: &mut Errs, path: &Path, json: String, detail: &str) {
    push(errs, CODE, ErrorType::Invalid, path, BadValue::Raw(json), detail);
}

/// `field.NotSupported` with the values in the order the server lists them.
fn not_supported(errs: &mut Errs, path: &Path, value: &str, supported: &[&str]) {
    push(errs, CODE, ErrorType::NotSupported, path, BadValue::str(value), &supported_values(supported));
}

fn too_long(errs: &mut Errs, path: &Path, max: usize) {
    let unit = if max == 1 { "byte" } else { "bytes" };
    push(errs, CODE, ErrorType::TooLong, path, BadValue::Omit, &format!("may not be more than {max} {unit}"));
}

fn too_many(errs: &mut Errs, path: &Path, actual: usize, max: usize) {
    let items = if max == 1 { "item" } else { "items" };
    let actual = i64::try_from(actual).unwrap_or(i64::MAX);
    push(errs, CODE, ErrorType::TooMany, path, BadValue::Int(actual), &format!("must have at most {max} {items}"));
}

/// JSON of a list of strings, as `ErrorBody` prints a `[]string` bad value.
fn json_strings(values: &[String]) -> String {
    serde_json::to_string(values).unwrap_or_default()
}

/// JSON of an optional string, as Go marshals a `*string` field of an internal struct.
fn json_opt(value: Option<&str>) -> String {
    value.map_or_else(|| "null".to_owned(), |v| serde_json::Value::from(v).to_string())
}

// ---------------------------------------------------------------------------------------------
// apimachinery string formats (`pkg/util/validation`, `pkg/api/validate/content`)
// ---------------------------------------------------------------------------------------------

const NONNEGATIVE_MSG: &str = "must be greater than or equal to 0";
const POSITIVE_MSG: &str = "must be greater than zero";
const FILE_MODE_MSG: &str = "must be a number between 0 and 0777 (octal), both inclusive";
const ONE_VOLUME_TYPE: &str = "may not specify more than 1 volume type";

fn lower_alnum(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

fn inclusive_range(lo: i64, hi: i64) -> String {
    format!("must be between {lo} and {hi}, inclusive")
}

/// `IsDNS1123Label`, in the release's wording.
fn dns1123_label(value: &str, minor: u32) -> Vec<String> {
    names::dns1123_label_errors(value, minor)
}

/// `IsDNS1123Subdomain` of `pkg/util/validation` (lengths in characters).
fn dns1123_subdomain(value: &str) -> Vec<String> {
    names::dns1123_subdomain_errors(value.as_bytes(), Unit::Characters)
}

/// `ValidateQualifiedName` / `ValidateLabelName`: Invalid at `path` per message.
fn validate_qualified_name(value: &str, path: &Path, minor: u32, errs: &mut Errs) {
    for msg in names::label_key_errors(value, minor) {
        invalid_str(errs, path, value, &msg);
    }
}

/// `ValidateLabels`: key and value errors, all at the map's path (no key).
fn validate_labels(labels: Option<&BTreeMap<String, String>>, path: &Path, minor: u32, errs: &mut Errs) {
    for (k, v) in labels.into_iter().flatten() {
        validate_qualified_name(k, path, minor, errs);
        for msg in names::label_value_errors(v, minor) {
            invalid_str(errs, path, v, &msg);
        }
    }
}

/// `ValidatePortNumOrName`.
fn validate_port_num_or_name(port: &IntOrString, path: &Path, errs: &mut Errs) {
    match port {
        IntOrString::Int(n) => {
            if !(1..=65535).contains(n) {
                invalid_int(errs, path, i64::from(*n), &inclusive_range(1, 65535));
            }
        }
        IntOrString::String(s) => {
            for msg in port_name_errors(s) {
                invalid_str(errs, path, s, &msg);
            }
        }
    }
}

/// `ValidateNonnegativeField`.
fn validate_nonnegative(value: i64, path: &Path, errs: &mut Errs) {
    if value < 0 {
        invalid_int(errs, path, value, NONNEGATIVE_MSG);
    }
}

/// Go's `netutils.ParseIPSloppy`: the standard forms, plus IPv4 octets with leading zeros.
fn parse_ip_sloppy(s: &str) -> bool {
    if s.parse::<std::net::IpAddr>().is_ok() {
        return true;
    }
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.bytes().all(|b| b.is_ascii_digit())
                && p.trim_start_matches('0').len() <= 3
                && p.parse::<u32>().is_ok_and(|n| n <= 255)
        })
}

/// `IsValidIPForLegacyField` with StrictIPCIDRValidation off and no old values.
fn validate_legacy_ip(value: &str, path: &Path, errs: &mut Errs) {
    if !parse_ip_sloppy(value) {
        invalid_str(errs, path, value, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
    }
}

/// `validatePathNoBacksteps`.
fn validate_no_backsteps(target: &str, path: &Path, errs: &mut Errs) {
    if target.split('/').any(|part| part == "..") {
        invalid_str(errs, path, target, "must not contain '..'");
    }
}

/// `validateLocalDescendingPath`.
fn validate_local_descending_path(target: &str, path: &Path, errs: &mut Errs) {
    if target.starts_with('/') {
        invalid_str(errs, path, target, "must be a relative path");
    }
    validate_no_backsteps(target, path, errs);
}

/// `ValidateLocalNonReservedPath`.
fn validate_local_non_reserved_path(target: &str, path: &Path, errs: &mut Errs) {
    validate_local_descending_path(target, path, errs);
    if target.starts_with("..") && !target.starts_with("../") {
        invalid_str(errs, path, target, "must not start with '..'");
    }
}

fn validate_file_mode(mode: Option<i32>, path: &Path, errs: &mut Errs) {
    if let Some(m) = mode {
        if !(0..=0o777).contains(&m) {
            invalid_int(errs, path, i64::from(m), FILE_MODE_MSG);
        }
    }
}

/// The sign of a resource quantity string, without parsing it fully; `None` when it does not
/// start like a number (the decoder has rejected such input before validation).
fn quantity_sign(q: &str) -> Option<Ordering> {
    let t = q.trim();
    let (negative, rest) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let number = rest.split(|c: char| !(c.is_ascii_digit() || c == '.')).next()?;
    if !number.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(if number.bytes().all(|b| b == b'0' || b == b'.') {
        Ordering::Equal
    } else if negative {
        Ordering::Less
    } else {
        Ordering::Greater
    })
}

/// `spec.serviceAccountName`, or the deprecated `spec.serviceAccount` when that is empty
/// (`Convert_v1_PodSpec_To_core_PodSpec`).
fn service_account_name(spec: &PodSpec) -> &str {
    match spec.service_account_name.as_deref() {
        Some(name) if !name.is_empty() => name,
        _ => spec.service_account.as_deref().unwrap_or(""),
    }
}

/// `spec.initContainers[3]` → `spec.initContainers`.
fn list_path_of(item: &Path) -> Path {
    let s = item.as_str();
    match s.rfind('[') {
        Some(i) if s.ends_with(']') => Path::root(&s[..i]),
        _ => item.clone(),
    }
}

// ---------------------------------------------------------------------------------------------
// Metadata
// ---------------------------------------------------------------------------------------------

const MIRROR_POD_ANNOTATION: &str = "kubernetes.io/config.mirror";
const SECCOMP_POD_ANNOTATION: &str = "seccomp.security.alpha.kubernetes.io/pod";
const SECCOMP_CONTAINER_ANNOTATION_PREFIX: &str = "container.seccomp.security.alpha.kubernetes.io/";
const APPARMOR_CONTAINER_ANNOTATION_PREFIX: &str = "container.apparmor.security.beta.kubernetes.io/";
const TOTAL_ANNOTATION_SIZE_LIMIT: usize = 256 * 1024;

/// apimachinery `ValidateObjectMetaAccessor` + kubernetes `ValidateObjectMeta`.
fn validate_object_meta(meta: &ObjectMeta, path: &Path, minor: u32, errs: &mut Errs) {
    let generate_name = meta.generate_name.as_deref().unwrap_or("");
    if !generate_name.is_empty() {
        for msg in name_is_dns_subdomain(generate_name, true) {
            invalid_str(errs, &path.child("generateName"), generate_name, &msg);
        }
    }
    let name = meta.name.as_deref().unwrap_or("");
    if name.is_empty() {
        required(errs, &path.child("name"), "name or generateName is required");
    } else {
        for msg in name_is_dns_subdomain(name, false) {
            invalid_str(errs, &path.child("name"), name, &msg);
        }
    }
    let namespace = meta.namespace.as_deref().unwrap_or("");
    if namespace.is_empty() {
        required(errs, &path.child("namespace"), "");
    } else {
        for msg in dns1123_label(namespace, minor) {
            invalid_str(errs, &path.child("namespace"), namespace, &msg);
        }
    }
    validate_nonnegative(meta.generation.unwrap_or(0), &path.child("generation"), errs);
    validate_labels(meta.labels.as_ref(), &path.child("labels"), minor, errs);
    validate_annotations(meta.annotations.as_ref(), &path.child("annotations"), minor, errs);
    validate_owner_references(meta, &path.child("ownerReferences"), errs);
    let finalizers = meta.finalizers.as_deref().unwrap_or_default();
    for f in finalizers {
        validate_qualified_name(f, &path.child("finalizers"), minor, errs);
    }
    if finalizers.iter().any(|f| f == "orphan") && finalizers.iter().any(|f| f == "foregroundDeletion") {
        invalid_raw(
            errs,
            &path.child("finalizers"),
            json_strings(finalizers),
            "finalizer orphan and foregroundDeletion cannot be both set",
        );
    }
    for (i, f) in finalizers.iter().enumerate() {
        if !f.contains('/') && !matches!(f.as_str(), "kubernetes" | "orphan" | "foregroundDeletion") {
            invalid_str(errs, &path.child("finalizers").index(i), f, "name is neither a standard finalizer name nor is it fully qualified");
        }
    }
}

/// apimachinery `ValidateAnnotations`: keys are qualified names compared in lower case, and the
/// total size of keys and values is at most 256 KiB.
fn validate_annotations(annotations: Option<&BTreeMap<String, String>>, path: &Path, minor: u32, errs: &mut Errs) {
    let Some(annotations) = annotations else { return };
    for k in annotations.keys() {
        for msg in names::label_key_errors(&go_lower(k), minor) {
            invalid_str(errs, path, k, &msg);
        }
    }
    let total: usize = annotations.iter().map(|(k, v)| k.len() + v.len()).sum();
    if total > TOTAL_ANNOTATION_SIZE_LIMIT {
        too_long(errs, path, TOTAL_ANNOTATION_SIZE_LIMIT);
    }
}

/// apimachinery `ValidateOwnerReferences`.
fn validate_owner_references(meta: &ObjectMeta, path: &Path, errs: &mut Errs) {
    let refs = meta.owner_references.as_deref().unwrap_or_default();
    let mut first_controller: Option<String> = None;
    for (i, r) in refs.iter().enumerate() {
        let p = path.index(i);
        let (group, version, parse_ok) = parse_group_version(&r.api_version);
        if r.api_version.is_empty() {
            required(errs, &p.child("apiVersion"), "must not be empty");
        } else if !parse_ok || version.is_empty() {
            invalid_str(errs, &p.child("apiVersion"), &r.api_version, "must be <group>/<version> or <version>");
        }
        if r.kind.is_empty() {
            required(errs, &p.child("kind"), "must not be empty");
        }
        if r.name.is_empty() {
            required(errs, &p.child("name"), "must not be empty");
        }
        if r.uid.is_empty() {
            required(errs, &p.child("uid"), "must not be empty");
        }
        if group.is_empty() && version == "v1" && r.kind == "Event" {
            invalid_raw(errs, &p, owner_reference_json(r), "/v1, Kind=Event is disallowed from being an owner");
        }
        if r.controller == Some(true) {
            let current = format!("{}/{}", r.kind, r.name);
            match &first_controller {
                Some(first) => {
                    let list = format!("[{}]", refs.iter().map(owner_reference_json).collect::<Vec<_>>().join(","));
                    let msg = format!(
                        "Only one reference can have Controller set to true. Found \"true\" in references for {first} and {current}"
                    );
                    invalid_raw(errs, path, list, &msg);
                }
                None => first_controller = Some(current),
            }
        }
    }
}

/// `schema.ParseGroupVersion`: (group, version, ok).
fn parse_group_version(gv: &str) -> (&str, &str, bool) {
    if gv.is_empty() || gv == "/" {
        return ("", "", true);
    }
    match gv.matches('/').count() {
        0 => ("", gv, true),
        1 => {
            let (g, v) = gv.split_once('/').unwrap_or(("", gv));
            (g, v, true)
        }
        _ => ("", "", false),
    }
}

/// A `metav1.OwnerReference` as Go marshals it (struct field order, `omitempty` pointers).
fn owner_reference_json(r: &k8s_openapi::apimachinery::pkg::apis::meta::v1::OwnerReference) -> String {
    let q = |v: &str| serde_json::Value::from(v).to_string();
    let mut out = format!("{{\"apiVersion\":{},\"kind\":{},\"name\":{},\"uid\":{}", q(&r.api_version), q(&r.kind), q(&r.name), q(&r.uid));
    if let Some(c) = r.controller {
        out.push_str(&format!(",\"controller\":{c}"));
    }
    if let Some(b) = r.block_owner_deletion {
        out.push_str(&format!(",\"blockOwnerDeletion\":{b}"));
    }
    out.push('}');
    out
}

/// `ValidatePodSpecificAnnotations`, minus the ratcheted deletion cost and the JSON tolerations
/// annotation. `path` is `metadata.annotations`. The server runs it twice on this subresource:
/// in `validatePodMetadataAndSpec` ([`validate_metadata`]) and at the end of
/// `ValidatePodSpecificAnnotationUpdates`.
pub fn validate_pod_specific_annotations(
    meta: &ObjectMeta,
    spec: &PodSpec,
    ephemeral: &[EphemeralContainer],
    path: &Path,
    errs: &mut Errs,
) {
    let Some(annotations) = &meta.annotations else { return };
    if let Some(value) = annotations.get(MIRROR_POD_ANNOTATION) {
        if spec.node_name.as_deref().unwrap_or("").is_empty() {
            invalid_str(errs, &path.key(MIRROR_POD_ANNOTATION), value, "must set spec.nodeName if mirror pod annotation is set");
        }
    }
    // ValidateSeccompPodAnnotations: the pod key, then every container key (fldPath.Child, sic).
    if let Some(p) = annotations.get(SECCOMP_POD_ANNOTATION) {
        validate_seccomp_annotation(p, &path.child(SECCOMP_POD_ANNOTATION), errs);
    }
    for (k, p) in annotations {
        if k.starts_with(SECCOMP_CONTAINER_ANNOTATION_PREFIX) {
            validate_seccomp_annotation(p, &path.child(k), errs);
        }
    }
    // ValidateAppArmorPodAnnotations.
    for (k, p) in annotations {
        let Some(container) = k.strip_prefix(APPARMOR_CONTAINER_ANNOTATION_PREFIX) else { continue };
        let exists = spec
            .init_containers
            .iter()
            .flatten()
            .chain(spec.containers.iter())
            .map(|c| c.name.as_str())
            .chain(ephemeral.iter().map(|c| c.name.as_str()))
            .any(|n| n == container);
        if !exists {
            invalid_str(errs, &path.key(k), container, "container not found");
        }
        if !(p.is_empty() || p == "runtime/default" || p == "unconfined" || p.starts_with("localhost/")) {
            invalid_str(errs, &path.key(k), p, &format!("invalid AppArmor profile name: {}", crate::diag::go_quote(p)));
        }
    }
}

/// `ValidateSeccompProfile` (the deprecated annotation syntax).
fn validate_seccomp_annotation(p: &str, path: &Path, errs: &mut Errs) {
    if matches!(p, "runtime/default" | "docker/default" | "unconfined") {
        return;
    }
    if let Some(local) = p.strip_prefix("localhost/") {
        validate_local_descending_path(local, path, errs);
        return;
    }
    invalid_str(errs, path, p, "must be a valid seccomp profile");
}

// ---------------------------------------------------------------------------------------------
// Volumes and resource claims
// ---------------------------------------------------------------------------------------------

/// `ValidateVolumes`.
fn validate_volumes(volumes: &[Volume], meta: Option<&ObjectMeta>, path: &Path, minor: u32, errs: &mut Errs) {
    let pod_name = meta.and_then(|m| m.name.as_deref()).filter(|n| !n.is_empty());
    let created_pvcs: HashSet<String> = match pod_name {
        Some(pod) => volumes.iter().filter(|v| v.ephemeral.is_some()).map(|v| format!("{pod}-{}", v.name)).collect(),
        None => HashSet::new(),
    };
    let mut names: HashSet<&str> = HashSet::new();
    for (i, vol) in volumes.iter().enumerate() {
        let p = path.index(i);
        let name_path = p.child("name");
        let mut el = Errs::new();
        validate_volume_source(vol, &p, pod_name, minor, &mut el);
        if vol.name.is_empty() {
            required(&mut el, &name_path, "");
        } else {
            for msg in dns1123_label(&vol.name, minor) {
                invalid_str(&mut el, &name_path, &vol.name, &msg);
            }
        }
        if names.contains(vol.name.as_str()) {
            push(&mut el, CODE, ErrorType::Duplicate, &name_path, BadValue::str(&vol.name), "");
        }
        if el.is_empty() {
            names.insert(vol.name.as_str());
        } else {
            errs.append(&mut el);
        }
        if let Some(pvc) = &vol.persistent_volume_claim {
            if created_pvcs.contains(&pvc.claim_name) {
                invalid_str(
                    errs,
                    &p.child("persistentVolumeClaim").child("claimName"),
                    &pvc.claim_name,
                    "must not reference a PVC that gets created for an ephemeral volume",
                );
            }
        }
    }
}

/// Counts sources in the server's order; returns whether this one is the first (and should be
/// validated) or pushes `may not specify more than 1 volume type`.
fn first_source(count: &mut u32, path: &Path, key: &str, errs: &mut Errs) -> bool {
    if *count > 0 {
        forbidden(errs, &path.child(key), ONE_VOLUME_TYPE);
        false
    } else {
        *count += 1;
        true
    }
}

/// `validateVolumeSource`. `path` is `spec.volumes[i]`.
fn validate_volume_source(v: &Volume, path: &Path, pod_name: Option<&str>, minor: u32, errs: &mut Errs) {
    let mut n = 0u32;
    if let Some(ed) = &v.empty_dir {
        n += 1;
        if ed.size_limit.as_ref().and_then(|q| quantity_sign(&q.0)) == Some(Ordering::Less) {
            forbidden(errs, &path.child("emptyDir").child("sizeLimit"), "SizeLimit field must be a valid resource quantity");
        }
    }
    if let Some(hp) = &v.host_path {
        if first_source(&mut n, path, "hostPath", errs) {
            let p = path.child("hostPath");
            if hp.path.is_empty() {
                required(errs, &p.child("path"), "");
            } else {
                validate_no_backsteps(&hp.path, &p.child("path"), errs);
                if let Some(t) = &hp.type_ {
                    const TYPES: [&str; 8] =
                        ["", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"];
                    if !TYPES.contains(&t.as_str()) {
                        not_supported(errs, &p.child("type"), t, &TYPES);
                    }
                }
            }
        }
    }
    if let Some(g) = &v.git_repo {
        if first_source(&mut n, path, "gitRepo", errs) {
            let p = path.child("gitRepo");
            if g.repository.is_empty() {
                required(errs, &p.child("repository"), "");
            }
            validate_local_descending_path(g.directory.as_deref().unwrap_or(""), &p.child("directory"), errs);
        }
    }
    if let Some(pd) = &v.gce_persistent_disk {
        if first_source(&mut n, path, "gcePersistentDisk", errs) {
            let p = path.child("persistentDisk");
            if pd.pd_name.is_empty() {
                required(errs, &p.child("pdName"), "");
            }
            validate_partition(pd.partition.unwrap_or(0), &p.child("partition"), errs);
        }
    }
    if let Some(ebs) = &v.aws_elastic_block_store {
        if first_source(&mut n, path, "awsElasticBlockStore", errs) {
            let p = path.child("awsElasticBlockStore");
            if ebs.volume_id.is_empty() {
                required(errs, &p.child("volumeID"), "");
            }
            validate_partition(ebs.partition.unwrap_or(0), &p.child("partition"), errs);
        }
    }
    if let Some(s) = &v.secret {
        if first_source(&mut n, path, "secret", errs) {
            let p = path.child("secret");
            if s.secret_name.as_deref().unwrap_or("").is_empty() {
                required(errs, &p.child("secretName"), "");
            }
            validate_file_mode(s.default_mode, &p.child("defaultMode"), errs);
            validate_items(s.items.as_deref().unwrap_or_default(), &p.child("items"), errs);
        }
    }
    if let Some(nfs) = &v.nfs {
        if first_source(&mut n, path, "nfs", errs) {
            let p = path.child("nfs");
            if nfs.server.is_empty() {
                required(errs, &p.child("server"), "");
            }
            if nfs.path.is_empty() {
                required(errs, &p.child("path"), "");
            }
            if !nfs.path.starts_with('/') {
                invalid_str(errs, &p.child("path"), &nfs.path, "must be an absolute path");
            }
        }
    }
    if let Some(iscsi) = &v.iscsi {
        if first_source(&mut n, path, "iscsi", errs) {
            let p = path.child("iscsi");
            if iscsi.target_portal.is_empty() {
                required(errs, &p.child("targetPortal"), "");
            }
            if iscsi.iqn.is_empty() {
                required(errs, &p.child("iqn"), "");
            } else if !["iqn", "eui", "naa"].iter().any(|x| iscsi.iqn.starts_with(x)) {
                invalid_str(errs, &p.child("iqn"), &iscsi.iqn, "must be valid format starting with iqn, eui, or naa");
            }
            if !(0..=255).contains(&iscsi.lun) {
                invalid_int(errs, &p.child("lun"), i64::from(iscsi.lun), &inclusive_range(0, 255));
            }
            if (iscsi.chap_auth_discovery == Some(true) || iscsi.chap_auth_session == Some(true)) && iscsi.secret_ref.is_none() {
                required(errs, &p.child("secretRef"), "");
            }
            if let Some(initiator) = &iscsi.initiator_name {
                if !["iqn", "eui", "naa"].iter().any(|x| initiator.starts_with(x)) {
                    invalid_str(errs, &p.child("initiatorname"), initiator, "must be valid format starting with iqn, eui, or naa");
                }
            }
        }
        if iscsi.initiator_name.is_some() && v.name.len() + 1 + iscsi.target_portal.len() > 64 {
            invalid_str(
                errs,
                &path.child("name"),
                &v.name,
                "Total length of <volume name>:<iscsi.targetPortal> must be under 64 characters if iscsi.initiatorName is specified.",
            );
        }
    }
    if let Some(g) = &v.glusterfs {
        if first_source(&mut n, path, "glusterfs", errs) {
            let p = path.child("glusterfs");
            if g.endpoints.is_empty() {
                required(errs, &p.child("endpoints"), "");
            }
            if g.path.is_empty() {
                required(errs, &p.child("path"), "");
            }
        }
    }
    if let Some(f) = &v.flocker {
        if first_source(&mut n, path, "flocker", errs) {
            let p = path.child("flocker");
            let name = f.dataset_name.as_deref().unwrap_or("");
            let uuid = f.dataset_uuid.as_deref().unwrap_or("");
            if name.is_empty() && uuid.is_empty() {
                required(errs, &p, "one of datasetName and datasetUUID is required");
            }
            if !name.is_empty() && !uuid.is_empty() {
                invalid_str(errs, &p, "resource", "datasetName and datasetUUID can not be specified simultaneously");
            }
            if name.contains('/') {
                invalid_str(errs, &p.child("datasetName"), name, "must not contain '/'");
            }
        }
    }
    if let Some(pvc) = &v.persistent_volume_claim {
        if first_source(&mut n, path, "persistentVolumeClaim", errs) && pvc.claim_name.is_empty() {
            required(errs, &path.child("persistentVolumeClaim").child("claimName"), "");
        }
    }
    if let Some(rbd) = &v.rbd {
        if first_source(&mut n, path, "rbd", errs) {
            let p = path.child("rbd");
            if rbd.monitors.is_empty() {
                required(errs, &p.child("monitors"), "");
            }
            if rbd.image.is_empty() {
                required(errs, &p.child("image"), "");
            }
        }
    }
    if let Some(c) = &v.cinder {
        if first_source(&mut n, path, "cinder", errs) {
            let p = path.child("cinder");
            if c.volume_id.is_empty() {
                required(errs, &p.child("volumeID"), "");
            }
            if c.secret_ref.as_ref().is_some_and(|s| s.name.is_empty()) {
                required(errs, &p.child("secretRef").child("name"), "");
            }
        }
    }
    if let Some(c) = &v.cephfs {
        if first_source(&mut n, path, "cephFS", errs) && c.monitors.is_empty() {
            required(errs, &path.child("cephfs").child("monitors"), "");
        }
    }
    if let Some(q) = &v.quobyte {
        if first_source(&mut n, path, "quobyte", errs) {
            validate_quobyte(q, &path.child("quobyte"), errs);
        }
    }
    if let Some(d) = &v.downward_api {
        if first_source(&mut n, path, "downwarAPI", errs) {
            let p = path.child("downwardAPI");
            validate_file_mode(d.default_mode, &p.child("defaultMode"), errs);
            for file in d.items.iter().flatten() {
                validate_downward_api_file(file, &p, errs);
            }
        }
    }
    if let Some(fc) = &v.fc {
        if first_source(&mut n, path, "fc", errs) {
            validate_fc(fc, &path.child("fc"), errs);
        }
    }
    if let Some(flex) = &v.flex_volume {
        if first_source(&mut n, path, "flexVolume", errs) {
            let p = path.child("flexVolume");
            if flex.driver.is_empty() {
                required(errs, &p.child("driver"), "");
            }
            for k in flex.options.iter().flatten().map(|(k, _)| k) {
                let namespace = match k.split_once('/') {
                    Some((ns, _)) => ns,
                    None => k.as_str(),
                };
                let normalized = format!(".{}", go_lower(namespace));
                if normalized.ends_with(".kubernetes.io") || normalized.ends_with(".k8s.io") {
                    invalid_str(errs, &p.child("options").key(k), k, "kubernetes.io and k8s.io namespaces are reserved");
                }
            }
        }
    }
    if let Some(cm) = &v.config_map {
        if first_source(&mut n, path, "configMap", errs) {
            let p = path.child("configMap");
            if cm.name.is_empty() {
                required(errs, &p.child("name"), "");
            }
            validate_file_mode(cm.default_mode, &p.child("defaultMode"), errs);
            validate_items(cm.items.as_deref().unwrap_or_default(), &p.child("items"), errs);
        }
    }
    if let Some(af) = &v.azure_file {
        if first_source(&mut n, path, "azureFile", errs) {
            let p = path.child("azureFile");
            if af.secret_name.is_empty() {
                required(errs, &p.child("secretName"), "");
            }
            if af.share_name.is_empty() {
                required(errs, &p.child("shareName"), "");
            }
        }
    }
    if let Some(vs) = &v.vsphere_volume {
        if first_source(&mut n, path, "vsphereVolume", errs) && vs.volume_path.is_empty() {
            required(errs, &path.child("vsphereVolume").child("volumePath"), "");
        }
    }
    if let Some(ph) = &v.photon_persistent_disk {
        if first_source(&mut n, path, "photonPersistentDisk", errs) && ph.pd_id.is_empty() {
            required(errs, &path.child("photonPersistentDisk").child("pdID"), "");
        }
    }
    if let Some(px) = &v.portworx_volume {
        if first_source(&mut n, path, "portworxVolume", errs) && px.volume_id.is_empty() {
            required(errs, &path.child("portworxVolume").child("volumeID"), "");
        }
    }
    if let Some(ad) = &v.azure_disk {
        if first_source(&mut n, path, "azureDisk", errs) {
            validate_azure_disk(ad, &path.child("azureDisk"), errs);
        }
    }
    if let Some(so) = &v.storageos {
        if first_source(&mut n, path, "storageos", errs) {
            let p = path.child("storageos");
            let name = so.volume_name.as_deref().unwrap_or("");
            if name.is_empty() {
                required(errs, &p.child("volumeName"), "");
            } else {
                for msg in dns1123_label(name, minor) {
                    invalid_str(errs, &p.child("volumeName"), name, &msg);
                }
            }
            let ns = so.volume_namespace.as_deref().unwrap_or("");
            if !ns.is_empty() {
                for msg in dns1123_label(ns, minor) {
                    invalid_str(errs, &p.child("volumeNamespace"), ns, &msg);
                }
            }
            if so.secret_ref.as_ref().is_some_and(|s| s.name.is_empty()) {
                required(errs, &p.child("secretRef").child("name"), "");
            }
        }
    }
    if let Some(pr) = &v.projected {
        if first_source(&mut n, path, "projected", errs) {
            let p = path.child("projected");
            validate_file_mode(pr.default_mode, &p.child("defaultMode"), errs);
            validate_projection_sources(pr.sources.as_deref().unwrap_or_default(), &p, errs);
        }
    }
    if let Some(sio) = &v.scale_io {
        if first_source(&mut n, path, "scaleIO", errs) {
            let p = path.child("scaleIO");
            if sio.gateway.is_empty() {
                required(errs, &p.child("gateway"), "");
            }
            if sio.system.is_empty() {
                required(errs, &p.child("system"), "");
            }
            if sio.volume_name.as_deref().unwrap_or("").is_empty() {
                required(errs, &p.child("volumeName"), "");
            }
        }
    }
    if let Some(csi) = &v.csi {
        if first_source(&mut n, path, "csi", errs) {
            validate_csi(csi, &path.child("csi"), errs);
        }
    }
    if let Some(eph) = &v.ephemeral {
        if first_source(&mut n, path, "ephemeral", errs) {
            let p = path.child("ephemeral");
            match &eph.volume_claim_template {
                None => required(errs, &p.child("volumeClaimTemplate"), ""),
                Some(t) => validate_pvc_template(t, &p.child("volumeClaimTemplate"), minor, errs),
            }
            if let Some(pod) = pod_name {
                if !v.name.is_empty() {
                    let pvc = format!("{pod}-{}", v.name);
                    for msg in name_is_dns_subdomain(&pvc, false) {
                        invalid_str(errs, &p.child("name"), &v.name, &format!("PVC name {}: {msg}", crate::diag::go_quote(&pvc)));
                    }
                }
            }
        }
    }
    if let Some(img) = &v.image {
        if first_source(&mut n, path, "image", errs) {
            let p = path.child("image").child("pullPolicy");
            match img.pull_policy.as_deref().unwrap_or("") {
                "Always" | "IfNotPresent" | "Never" => {}
                "" => required(errs, &p, ""),
                other => not_supported(errs, &p, other, &["Always", "IfNotPresent", "Never"]),
            }
        }
    }
    if n == 0 {
        required(errs, path, "must specify a volume type");
    }
}

fn validate_partition(partition: i32, path: &Path, errs: &mut Errs) {
    if !(0..=255).contains(&partition) {
        invalid_int(errs, path, i64::from(partition), &inclusive_range(1, 255));
    }
}

/// `validateKeyToPath` for each item.
fn validate_items(items: &[KeyToPath], path: &Path, errs: &mut Errs) {
    for (i, kp) in items.iter().enumerate() {
        validate_key_to_path(kp, &path.index(i), errs);
    }
}

fn validate_key_to_path(kp: &KeyToPath, path: &Path, errs: &mut Errs) {
    if kp.key.is_empty() {
        required(errs, &path.child("key"), "");
    }
    if kp.path.is_empty() {
        required(errs, &path.child("path"), "");
    }
    validate_local_non_reserved_path(&kp.path, &path.child("path"), errs);
    validate_file_mode(kp.mode, &path.child("mode"), errs);
}

/// `validateDownwardAPIVolumeFile`. `path` is the downwardAPI path: the server does not index
/// the items. The selectors' contents are not mirrored.
fn validate_downward_api_file(file: &DownwardAPIVolumeFile, path: &Path, errs: &mut Errs) {
    if file.path.is_empty() {
        required(errs, &path.child("path"), "");
    }
    validate_local_non_reserved_path(&file.path, &path.child("path"), errs);
    match (&file.field_ref, &file.resource_field_ref) {
        (Some(_), Some(_)) => invalid_str(errs, path, "resource", "fieldRef and resourceFieldRef can not be specified simultaneously"),
        (None, None) => required(errs, path, "one of fieldRef and resourceFieldRef is required"),
        _ => {}
    }
    validate_file_mode(file.mode, &path.child("mode"), errs);
}

/// `validateQuobyteVolumeSource`.
fn validate_quobyte(q: &k8s_openapi::api::core::v1::QuobyteVolumeSource, path: &Path, errs: &mut Errs) {
    const MSG: &str = "must be a host:port pair or multiple pairs separated by commas";
    if q.registry.is_empty() {
        required(errs, &path.child("registry"), MSG);
    } else if q.tenant.as_deref().unwrap_or("").len() >= 65 {
        required(errs, &path.child("tenant"), "must be a UUID and may not exceed a length of 64 characters");
    } else {
        for pair in q.registry.split(',') {
            if !split_host_port_ok(pair) {
                invalid_str(errs, &path.child("registry"), &q.registry, MSG);
            }
        }
    }
    if q.volume.is_empty() {
        required(errs, &path.child("volume"), "");
    }
}

/// Whether Go's `net.SplitHostPort` accepts the string.
fn split_host_port_ok(s: &str) -> bool {
    if let Some(rest) = s.strip_prefix('[') {
        let Some(end) = rest.find(']') else { return false };
        let host = &rest[..end];
        let after = &rest[end + 1..];
        return after.starts_with(':') && !after[1..].contains([':', '[', ']']) && !host.contains(['[', ']']);
    }
    match s.rfind(':') {
        Some(i) => {
            let host = &s[..i];
            !host.contains(':') && !host.contains(['[', ']']) && !s[i + 1..].contains(['[', ']'])
        }
        None => false,
    }
}

/// `validateFCVolumeSource`.
fn validate_fc(fc: &k8s_openapi::api::core::v1::FCVolumeSource, path: &Path, errs: &mut Errs) {
    let wwns = fc.target_wwns.as_deref().unwrap_or_default();
    let wwids = fc.wwids.as_deref().unwrap_or_default();
    if wwns.is_empty() && wwids.is_empty() {
        required(errs, &path.child("targetWWNs"), "must specify either targetWWNs or wwids, but not both");
    }
    if !wwns.is_empty() && !wwids.is_empty() {
        invalid_raw(errs, &path.child("targetWWNs"), json_strings(wwns), "targetWWNs and wwids can not be specified simultaneously");
    }
    if !wwns.is_empty() {
        match fc.lun {
            None => required(errs, &path.child("lun"), "lun is required if targetWWNs is specified"),
            Some(lun) if !(0..=255).contains(&lun) => invalid_int(errs, &path.child("lun"), i64::from(lun), &inclusive_range(0, 255)),
            Some(_) => {}
        }
    }
}

/// `validateAzureDisk`.
fn validate_azure_disk(ad: &k8s_openapi::api::core::v1::AzureDiskVolumeSource, path: &Path, errs: &mut Errs) {
    if ad.disk_name.is_empty() {
        required(errs, &path.child("diskName"), "");
    }
    if ad.disk_uri.is_empty() {
        required(errs, &path.child("diskURI"), "");
    }
    if let Some(mode) = &ad.caching_mode {
        const MODES: [&str; 3] = ["None", "ReadOnly", "ReadWrite"];
        if !MODES.contains(&mode.as_str()) {
            not_supported(errs, &path.child("cachingMode"), mode, &MODES);
        }
    }
    if let Some(kind) = &ad.kind {
        const KINDS: [&str; 3] = ["Dedicated", "Managed", "Shared"];
        if !KINDS.contains(&kind.as_str()) {
            not_supported(errs, &path.child("kind"), kind, &KINDS);
        }
        if kind == "Managed" && !ad.disk_uri.starts_with("/subscriptions/") {
            not_supported(
                errs,
                &path.child("diskURI"),
                &ad.disk_uri,
                &["/subscriptions/{sub-id}/resourcegroups/{group-name}/providers/microsoft.compute/disks/{disk-id}"],
            );
        }
        if kind != "Managed" && !ad.disk_uri.starts_with("https://") {
            not_supported(
                errs,
                &path.child("diskURI"),
                &ad.disk_uri,
                &["https://{account-name}.blob.core.windows.net/{container-name}/{disk-name}.vhd"],
            );
        }
    }
}

/// `validateCSIVolumeSource` with `ValidateCSIDriverName`.
fn validate_csi(csi: &k8s_openapi::api::core::v1::CSIVolumeSource, path: &Path, errs: &mut Errs) {
    let driver_path = path.child("driver");
    if csi.driver.is_empty() {
        required(errs, &driver_path, "");
    } else {
        if csi.driver.len() > 63 {
            too_long(errs, &driver_path, 63);
        }
        for msg in dns1123_subdomain(&go_lower(&csi.driver)) {
            invalid_str(errs, &driver_path, &csi.driver, &msg);
        }
    }
    if let Some(secret) = &csi.node_publish_secret_ref {
        if secret.name.is_empty() {
            required(errs, &path.child("nodePublishSecretRef").child("name"), "");
        } else {
            for msg in name_is_dns_subdomain(&secret.name, false) {
                invalid_str(errs, &path.child("name"), &secret.name, &msg);
            }
        }
    }
}

/// `ValidatePersistentVolumeClaimTemplate`, partly: template labels and annotations, then the
/// claim spec's access modes, storage request, class name and volume mode.
fn validate_pvc_template(t: &k8s_openapi::api::core::v1::PersistentVolumeClaimTemplate, path: &Path, minor: u32, errs: &mut Errs) {
    if let Some(meta) = &t.metadata {
        validate_annotations(meta.annotations.as_ref(), &path.child("metadata").child("annotations"), minor, errs);
        validate_labels(meta.labels.as_ref(), &path.child("metadata").child("labels"), minor, errs);
    }
    let spec = &t.spec;
    let p = path.child("spec");
    let modes = spec.access_modes.as_deref().unwrap_or_default();
    if modes.is_empty() {
        required(errs, &p.child("accessModes"), "at least 1 access mode is required");
    }
    const MODES: [&str; 4] = ["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"];
    let (mut rwop, mut other) = (false, false);
    for mode in modes {
        if !MODES.contains(&mode.as_str()) {
            not_supported(errs, &p.child("accessModes"), mode, &MODES);
        }
        if mode == "ReadWriteOncePod" {
            rwop = true;
        } else if MODES.contains(&mode.as_str()) {
            other = true;
        }
    }
    if rwop && other {
        forbidden(errs, &p.child("accessModes"), "may not use ReadWriteOncePod with other access modes");
    }
    let storage_path = p.child("resources").key("storage");
    match spec.resources.as_ref().and_then(|r| r.requests.as_ref()).and_then(|r| r.get("storage")) {
        None => required(errs, &storage_path, ""),
        Some(q) => {
            if matches!(quantity_sign(&q.0), Some(Ordering::Less | Ordering::Equal)) {
                invalid_str(errs, &storage_path, &q.0, POSITIVE_MSG);
            }
        }
    }
    if let Some(class) = spec.storage_class_name.as_deref().filter(|c| !c.is_empty()) {
        for msg in name_is_dns_subdomain(class, false) {
            invalid_str(errs, &p.child("storageClassName"), class, &msg);
        }
    }
    if let Some(mode) = &spec.volume_mode {
        if mode != "Block" && mode != "Filesystem" {
            not_supported(errs, &p.child("volumeMode"), mode, &["Block", "Filesystem"]);
        }
    }
}

/// `validateProjectionSources`. `path` is `spec.volumes[i].projected`.
fn validate_projection_sources(sources: &[VolumeProjection], path: &Path, errs: &mut Errs) {
    let mut all_paths: HashSet<String> = HashSet::new();
    const DUP: &str = "conflicting duplicate paths";
    for (i, source) in sources.iter().enumerate() {
        let mut n = 0;
        let src_path = path.child("sources").index(i);
        if let Some(s) = &source.secret {
            n += 1;
            let p = src_path.child("secret");
            if s.name.is_empty() {
                required(errs, &p.child("name"), "");
            }
            for (j, kp) in s.items.iter().flatten().enumerate() {
                validate_key_to_path(kp, &p.child("items").index(j), errs);
                if !kp.path.is_empty() && !all_paths.insert(kp.path.clone()) {
                    invalid_str(errs, path, &s.name, DUP);
                }
            }
        }
        if let Some(cm) = &source.config_map {
            n += 1;
            let p = src_path.child("configMap");
            if cm.name.is_empty() {
                required(errs, &p.child("name"), "");
            }
            for (j, kp) in cm.items.iter().flatten().enumerate() {
                validate_key_to_path(kp, &p.child("items").index(j), errs);
                if !kp.path.is_empty() && !all_paths.insert(kp.path.clone()) {
                    invalid_str(errs, path, &cm.name, DUP);
                }
            }
        }
        if let Some(d) = &source.downward_api {
            n += 1;
            let p = src_path.child("downwardAPI");
            for file in d.items.iter().flatten() {
                validate_downward_api_file(file, &p, errs);
                if !file.path.is_empty() && !all_paths.insert(file.path.clone()) {
                    invalid_str(errs, path, &file.path, DUP);
                }
            }
        }
        if let Some(sat) = &source.service_account_token {
            n += 1;
            let p = src_path.child("serviceAccountToken");
            let exp = sat.expiration_seconds.unwrap_or(0);
            if exp < 10 * 60 {
                invalid_int(errs, &p.child("expirationSeconds"), exp, "may not specify a duration less than 10 minutes");
            }
            if exp > 1 << 32 {
                invalid_int(errs, &p.child("expirationSeconds"), exp, "may not specify a duration larger than 2^32 seconds");
            }
            if sat.path.is_empty() {
                // The server reports it at the projected volume's path, not the source's.
                required(errs, &path.child("path"), "");
            }
        }
        if let Some(ctb) = &source.cluster_trust_bundle {
            n += 1;
            let p = src_path.child("clusterTrustBundle");
            match (&ctb.name, &ctb.signer_name) {
                (Some(_), Some(_)) => {} // Invalid with the internal struct as value: not mirrored.
                (Some(name), None) => {
                    if name.is_empty() {
                        required(errs, &p.child("name"), "must be a valid object name");
                    }
                }
                (None, Some(signer)) => {
                    if signer.is_empty() {
                        required(errs, &p.child("signerName"), "must be a valid signer name");
                    }
                }
                (None, None) => required(errs, &p, "either name or signerName must be specified"),
            }
            if ctb.path.is_empty() {
                required(errs, &p.child("path"), "");
            }
            validate_local_non_reserved_path(&ctb.path, &p.child("path"), errs);
            if !all_paths.insert(ctb.path.clone()) {
                invalid_str(errs, path, &ctb.path, DUP);
            }
        }
        if let Some(pc) = &source.pod_certificate {
            n += 1;
            let p = src_path.child("podCertificate");
            const KEY_TYPES: [&str; 6] = ["RSA3072", "RSA4096", "ECDSAP256", "ECDSAP384", "ECDSAP521", "ED25519"];
            if !KEY_TYPES.contains(&pc.key_type.as_str()) {
                not_supported(errs, &p.child("keyType"), &pc.key_type, &KEY_TYPES);
            }
            if let Some(max) = pc.max_expiration_seconds {
                if max < 3600 {
                    invalid_int(
                        errs,
                        &p.child("maxExpirationSeconds"),
                        i64::from(max),
                        "if provided, maxExpirationSeconds must be >= 3600",
                    );
                }
            }
            let mut paths = 0;
            for (field, value) in [
                ("credentialBundlePath", &pc.credential_bundle_path),
                ("keyPath", &pc.key_path),
                ("certificateChainPath", &pc.certificate_chain_path),
            ] {
                let value = value.as_deref().unwrap_or("");
                if value.is_empty() {
                    continue;
                }
                paths += 1;
                validate_local_non_reserved_path(value, &p.child(field), errs);
                if !all_paths.insert(value.to_owned()) {
                    invalid_str(errs, path, value, DUP);
                }
            }
            if paths == 0 {
                required(errs, &p, "specify at least one of credentialBundlePath, keyPath, and certificateChainPath");
            }
        }
        if n > 1 {
            forbidden(errs, &src_path, "may not specify more than 1 volume type per source");
        }
    }
}

/// `validatePodResourceClaims`. `path` is `spec.resourceClaims`.
fn validate_pod_resource_claims(spec: &PodSpec, meta: Option<&ObjectMeta>, path: &Path, minor: u32, errs: &mut Errs) {
    let is_static = meta.and_then(|m| m.annotations.as_ref()).is_some_and(|a| a.contains_key(MIRROR_POD_ANNOTATION));
    let mut names: HashSet<&str> = HashSet::new();
    for (i, claim) in spec.resource_claims.iter().flatten().enumerate() {
        if is_static {
            forbidden(errs, &Path::empty(), "static pods do not support resource claims");
            continue;
        }
        let p = path.index(i);
        if claim.name.is_empty() {
            required(errs, &p.child("name"), "");
        } else if names.contains(claim.name.as_str()) {
            push(errs, CODE, ErrorType::Duplicate, &p.child("name"), BadValue::str(&claim.name), "");
        } else {
            for msg in dns1123_label(&claim.name, minor) {
                invalid_str(errs, &p.child("name"), &claim.name, &msg);
            }
            names.insert(claim.name.as_str());
        }
        let json = || {
            format!(
                "{{\"Name\":{},\"ResourceClaimName\":{},\"ResourceClaimTemplateName\":{}}}",
                serde_json::Value::from(claim.name.as_str()),
                json_opt(claim.resource_claim_name.as_deref()),
                json_opt(claim.resource_claim_template_name.as_deref())
            )
        };
        match (&claim.resource_claim_name, &claim.resource_claim_template_name) {
            (Some(_), Some(_)) => {
                invalid_raw(errs, &p, json(), "at most one of `resourceClaimName` or `resourceClaimTemplateName` may be specified")
            }
            (None, None) => invalid_raw(errs, &p, json(), "must specify one of: `resourceClaimName`, `resourceClaimTemplateName`"),
            _ => {}
        }
        for (field, value) in
            [("resourceClaimName", &claim.resource_claim_name), ("resourceClaimTemplateName", &claim.resource_claim_template_name)]
        {
            if let Some(value) = value {
                for msg in name_is_dns_subdomain(value, false) {
                    invalid_str(errs, &p.child(field), value, &msg);
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Container extras: restart policy, lifecycle, probes
// ---------------------------------------------------------------------------------------------

/// `validateContainerRestartPolicy` (ContainerRestartRules on). `path` is the container's path.
fn validate_container_restart_policy(
    policy: Option<&str>,
    rules: &[ContainerRestartRule],
    allow_restart_all: bool,
    path: &Path,
    errs: &mut Errs,
) {
    let policy_path = path.child("restartPolicy");
    match policy {
        None => {
            if rules.is_empty() {
                return;
            }
            required(errs, &policy_path, "must specify restartPolicy when restart rules are used");
        }
        Some(p) => {
            const POLICIES: [&str; 3] = ["Always", "Never", "OnFailure"];
            if !POLICIES.contains(&p) {
                not_supported(errs, &policy_path, p, &POLICIES);
            }
        }
    }
    let rules_path = path.child("restartPolicyRules");
    if rules.len() > 20 {
        too_many(errs, &rules_path, rules.len(), 20);
    }
    let actions: &[&str] = if allow_restart_all { &["Restart", "RestartAllContainers"] } else { &["Restart"] };
    for (i, rule) in rules.iter().enumerate() {
        let p = rules_path.index(i);
        if !actions.contains(&rule.action.as_str()) {
            not_supported(errs, &p.child("action"), &rule.action, actions);
        }
        match &rule.exit_codes {
            Some(codes) => {
                let codes_path = p.child("exitCodes");
                if codes.operator != "In" && codes.operator != "NotIn" {
                    not_supported(errs, &codes_path.child("operator"), &codes.operator, &["In", "NotIn"]);
                }
                let n = codes.values.as_ref().map_or(0, Vec::len);
                if n > 255 {
                    too_many(errs, &codes_path.child("values"), n, 255);
                }
            }
            None => required(errs, &p.child("exitCodes"), "must be specified"),
        }
    }
}

/// Liveness, readiness and startup probes of a container, in that order.
fn validate_probes(ctr: &Ctr, grace: Option<i64>, path: &Path, errs: &mut Errs) {
    if let Some(probe) = &ctr.liveness_probe {
        let p = path.child("livenessProbe");
        validate_probe(probe, grace, &p, errs);
        let st = probe.success_threshold.unwrap_or(0);
        if st != 1 {
            invalid_int(errs, &p.child("successThreshold"), i64::from(st), "must be 1");
        }
    }
    if let Some(probe) = &ctr.readiness_probe {
        let p = path.child("readinessProbe");
        validate_probe(probe, grace, &p, errs);
        if let Some(t) = probe.termination_grace_period_seconds {
            invalid_int(errs, &p.child("terminationGracePeriodSeconds"), t, "must not be set for readinessProbes");
        }
    }
    if let Some(probe) = &ctr.startup_probe {
        let p = path.child("startupProbe");
        validate_probe(probe, grace, &p, errs);
        let st = probe.success_threshold.unwrap_or(0);
        if st != 1 {
            invalid_int(errs, &p.child("successThreshold"), i64::from(st), "must be 1");
        }
    }
}

/// `validateProbe`.
fn validate_probe(probe: &Probe, grace: Option<i64>, path: &Path, errs: &mut Errs) {
    let handler = Handler {
        exec: probe.exec.as_ref().map(|e| e.command.as_deref().unwrap_or_default()),
        http_get: probe.http_get.as_ref(),
        tcp_socket: probe.tcp_socket.as_ref(),
        grpc_port: probe.grpc.as_ref().map(|g| g.port),
        sleep: None,
    };
    validate_handler(&handler, grace, path, errs);
    for (field, value) in [
        ("initialDelaySeconds", probe.initial_delay_seconds),
        ("timeoutSeconds", probe.timeout_seconds),
        ("periodSeconds", probe.period_seconds),
        ("successThreshold", probe.success_threshold),
        ("failureThreshold", probe.failure_threshold),
    ] {
        validate_nonnegative(i64::from(value.unwrap_or(0)), &path.child(field), errs);
    }
    if let Some(t) = probe.termination_grace_period_seconds {
        if t <= 0 {
            invalid_int(errs, &path.child("terminationGracePeriodSeconds"), t, "must be greater than 0");
        }
    }
}

/// `commonHandler`: the handler kinds of a probe or a lifecycle hook.
struct Handler<'a> {
    exec: Option<&'a [String]>,
    http_get: Option<&'a HTTPGetAction>,
    tcp_socket: Option<&'a TCPSocketAction>,
    grpc_port: Option<i32>,
    sleep: Option<i64>,
}

impl<'a> Handler<'a> {
    fn of_lifecycle(h: &'a LifecycleHandler) -> Handler<'a> {
        Handler {
            exec: h.exec.as_ref().map(|e| e.command.as_deref().unwrap_or_default()),
            http_get: h.http_get.as_ref(),
            tcp_socket: h.tcp_socket.as_ref(),
            grpc_port: None,
            sleep: h.sleep.as_ref().map(|s| s.seconds),
        }
    }
}

/// `validateHandler`: exactly one handler kind, each validated.
fn validate_handler(h: &Handler<'_>, grace: Option<i64>, path: &Path, errs: &mut Errs) {
    const MORE: &str = "may not specify more than 1 handler type";
    let mut n = 0;
    let mut next = |key: &str, errs: &mut Errs| {
        if n > 0 {
            forbidden(errs, &path.child(key), MORE);
            false
        } else {
            n += 1;
            true
        }
    };
    if let Some(command) = h.exec {
        if next("exec", errs) && command.is_empty() {
            required(errs, &path.child("exec").child("command"), "");
        }
    }
    if let Some(http) = h.http_get {
        if next("httpGet", errs) {
            let p = path.child("httpGet");
            if http.path.as_deref().unwrap_or("").is_empty() {
                required(errs, &p.child("path"), "");
            }
            validate_port_num_or_name(&http.port, &p.child("port"), errs);
            let scheme = http.scheme.as_deref().unwrap_or("");
            if scheme != "HTTP" && scheme != "HTTPS" {
                not_supported(errs, &p.child("scheme"), scheme, &["HTTP", "HTTPS"]);
            }
            for header in http.http_headers.iter().flatten() {
                if header.name.is_empty() || !header.name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
                    let msg = regex_error(
                        "a valid HTTP header must consist of alphanumeric characters or '-'",
                        "[-A-Za-z0-9]+",
                        &["X-Header-Name"],
                    );
                    invalid_str(errs, &p.child("httpHeaders"), &header.name, &msg);
                }
            }
        }
    }
    if let Some(tcp) = h.tcp_socket {
        if next("tcpSocket", errs) {
            validate_port_num_or_name(&tcp.port, &path.child("tcpSocket").child("port"), errs);
        }
    }
    if let Some(port) = h.grpc_port {
        if next("grpc", errs) {
            validate_port_num_or_name(&IntOrString::Int(port), &path.child("grpc").child("port"), errs);
        }
    }
    if let Some(seconds) = h.sleep {
        if next("sleep", errs) {
            // PodLifecycleSleepActionAllowZero is on: zero is allowed.
            if let Some(grace) = grace {
                if seconds < 0 || seconds > grace {
                    let msg = format!("must be non-negative and less than terminationGracePeriodSeconds ({grace})");
                    invalid_int(errs, &path.child("sleep"), seconds, &msg);
                }
            }
        }
    }
    if n == 0 {
        required(errs, path, "must specify a handler type");
    }
}

/// `validateLifecycle`, with `validateStopSignal`.
fn validate_lifecycle(lifecycle: &Lifecycle, grace: Option<i64>, os: Option<&str>, path: &Path, errs: &mut Errs) {
    if let Some(h) = &lifecycle.post_start {
        validate_handler(&Handler::of_lifecycle(h), grace, &path.child("postStart"), errs);
    }
    if let Some(h) = &lifecycle.pre_stop {
        validate_handler(&Handler::of_lifecycle(h), grace, &path.child("preStop"), errs);
    }
    if let Some(signal) = &lifecycle.stop_signal {
        let p = path.child("stopSignal");
        match os {
            None => forbidden(errs, &p, "may not be set for containers with empty `spec.os.name`"),
            Some("windows") => {
                if signal != "SIGKILL" && signal != "SIGTERM" {
                    not_supported(errs, &p, signal, &["SIGKILL", "SIGTERM"]);
                }
            }
            Some("linux") => {
                let supported = linux_stop_signals();
                if !supported.iter().any(|s| s == signal) {
                    let refs: Vec<&str> = supported.iter().map(String::as_str).collect();
                    not_supported(errs, &p, signal, &refs);
                }
            }
            Some(_) => {}
        }
    }
}

/// `supportedStopSignalsLinux`, sorted as `sets.List` sorts it.
fn linux_stop_signals() -> Vec<String> {
    let mut v: Vec<String> = [
        "SIGABRT",
        "SIGALRM",
        "SIGBUS",
        "SIGCHLD",
        "SIGCLD",
        "SIGCONT",
        "SIGFPE",
        "SIGHUP",
        "SIGILL",
        "SIGINT",
        "SIGIO",
        "SIGIOT",
        "SIGKILL",
        "SIGPIPE",
        "SIGPOLL",
        "SIGPROF",
        "SIGPWR",
        "SIGQUIT",
        "SIGSEGV",
        "SIGSTKFLT",
        "SIGSTOP",
        "SIGSYS",
        "SIGTERM",
        "SIGTRAP",
        "SIGTSTP",
        "SIGTTIN",
        "SIGTTOU",
        "SIGURG",
        "SIGUSR1",
        "SIGUSR2",
        "SIGVTALRM",
        "SIGWINCH",
        "SIGXCPU",
        "SIGXFSZ",
        "SIGRTMIN",
        "SIGRTMAX",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    v.extend((1..=15).map(|i| format!("SIGRTMIN+{i}")));
    v.extend((1..=14).map(|i| format!("SIGRTMAX-{i}")));
    v.sort();
    v
}

// ---------------------------------------------------------------------------------------------
// Pod-level checks
// ---------------------------------------------------------------------------------------------

/// `validatePodResources`, the parts without quantity arithmetic.
fn validate_pod_resources(spec: &PodSpec, path: &Path, errs: &mut Errs) {
    let Some(resources) = &spec.resources else { return };
    let p = path.child("resources");
    if spec.os.as_ref().is_some_and(|os| os.name == "windows") {
        forbidden(errs, &p, "may not be set for a windows pod");
        return;
    }
    if resources.claims.is_some() {
        forbidden(errs, &p.child("claims"), "claims may not be set for Resources at pod-level");
    }
}

/// `validatePodHostNetworkDeps` for a pod (`ResourceIsPod`): regular containers only.
fn validate_pod_host_network_deps(spec: &PodSpec, path: &Path, errs: &mut Errs) {
    if spec.host_network != Some(true) {
        return;
    }
    for (i, ctr) in spec.containers.iter().enumerate() {
        for (j, port) in ctr.ports.iter().flatten().enumerate() {
            let host_port = port.host_port.unwrap_or(0);
            if host_port != port.container_port {
                let p = path.child("containers").index(i).child("ports").index(j).child("hostPort");
                invalid_int(errs, &p, i64::from(host_port), "must match `containerPort` when `hostNetwork` is true");
            }
        }
    }
}

/// `validateRestartPolicy`.
fn validate_restart_policy(policy: &str, path: &Path, errs: &mut Errs) {
    match policy {
        "Always" | "OnFailure" | "Never" => {}
        "" => required(errs, path, ""),
        other => not_supported(errs, path, other, &["Always", "OnFailure", "Never"]),
    }
}

/// `validateDNSPolicy`.
fn validate_dns_policy(policy: &str, path: &Path, errs: &mut Errs) {
    const POLICIES: [&str; 4] = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];
    match policy {
        "" => required(errs, path, ""),
        p if POLICIES.contains(&p) => {}
        other => not_supported(errs, path, other, &POLICIES),
    }
}

/// `validatePodSpecSecurityContext`. `path` is `spec.securityContext`.
fn validate_pod_security_context(spec: &PodSpec, path: &Path, errs: &mut Errs) {
    let default = PodSecurityContext::default();
    let sc = spec.security_context.as_ref().unwrap_or(&default);
    let id_range = inclusive_range(0, i64::from(i32::MAX));
    let in_range = |v: i64| (0..=i64::from(i32::MAX)).contains(&v);
    for (field, value) in [("fsGroup", sc.fs_group), ("runAsUser", sc.run_as_user), ("runAsGroup", sc.run_as_group)] {
        if let Some(v) = value.filter(|v| !in_range(*v)) {
            invalid_int(errs, &path.child(field), v, &id_range);
        }
    }
    for (g, gid) in sc.supplemental_groups.iter().flatten().enumerate() {
        if !in_range(*gid) {
            invalid_int(errs, &path.child("supplementalGroups").index(g), *gid, &id_range);
        }
    }
    if spec.share_process_namespace == Some(true) && spec.host_pid == Some(true) {
        push(
            errs,
            CODE,
            ErrorType::Invalid,
            &path.child("shareProcessNamespace"),
            BadValue::Bool(true),
            "ShareProcessNamespace and HostPID cannot both be enabled",
        );
    }
    let mut names: HashSet<&str> = HashSet::new();
    for (i, s) in sc.sysctls.iter().flatten().enumerate() {
        let p = path.child("sysctls").index(i).child("name");
        if s.name.is_empty() {
            required(errs, &p, "");
        } else if !is_valid_sysctl_name(&s.name) {
            let msg =
                r"must have at most 253 characters and match regex ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$";
            invalid_str(errs, &p, &s.name, msg);
        } else if names.contains(s.name.as_str()) {
            push(errs, CODE, ErrorType::Duplicate, &p, BadValue::str(&s.name), "");
        }
        names.insert(s.name.as_str());
    }
    if let Some(policy) = &sc.fs_group_change_policy {
        if policy != "Always" && policy != "OnRootMismatch" {
            not_supported(errs, &path.child("fsGroupChangePolicy"), policy, &["Always", "OnRootMismatch"]);
        }
    }
    if let Some(sp) = &sc.seccomp_profile {
        let p = path.child("seccompProfile");
        match sp.type_.as_str() {
            "Localhost" | "RuntimeDefault" | "Unconfined" => {}
            "" => required(errs, &p.child("type"), "type is required when seccompProfile is set"),
            other => not_supported(errs, &p.child("type"), other, &["Localhost", "RuntimeDefault", "Unconfined"]),
        }
        if sp.type_ == "Localhost" {
            match &sp.localhost_profile {
                None => required(errs, &p.child("localhostProfile"), "must be set when seccomp type is Localhost"),
                Some(lp) => validate_local_descending_path(lp, &p.child("localhostProfile"), errs),
            }
        } else if let Some(lp) = &sp.localhost_profile {
            let json =
                format!("{{\"Type\":{},\"LocalhostProfile\":{}}}", serde_json::Value::from(sp.type_.as_str()), json_opt(Some(lp.as_str())));
            invalid_raw(errs, &p.child("localhostProfile"), json, "can only be set when seccomp type is Localhost");
        }
    }
    if let Some(ap) = &sc.app_armor_profile {
        let p = path.child("appArmorProfile");
        match ap.type_.as_str() {
            "Localhost" => match &ap.localhost_profile {
                None => required(errs, &p.child("localhostProfile"), "must be set when AppArmor type is Localhost"),
                Some(lp) => {
                    if lp.trim() != lp {
                        invalid_str(errs, &p.child("localhostProfile"), lp, "must not be padded with whitespace");
                    } else if lp.is_empty() {
                        required(errs, &p.child("localhostProfile"), "must be set when AppArmor type is Localhost");
                    }
                    if lp.len() > 4095 {
                        too_long(errs, &p.child("localhostProfile"), 4095);
                    }
                }
            },
            "RuntimeDefault" | "Unconfined" => {
                if let Some(lp) = &ap.localhost_profile {
                    invalid_str(errs, &p.child("localhostProfile"), lp, "can only be set when AppArmor type is Localhost");
                }
            }
            "" => required(errs, &p.child("type"), "type is required when appArmorProfile is set"),
            other => not_supported(errs, &p.child("type"), other, &["Localhost", "RuntimeDefault", "Unconfined"]),
        }
    }
    if let Some(policy) = &sc.supplemental_groups_policy {
        if policy != "Merge" && policy != "Strict" {
            not_supported(errs, &path.child("supplementalGroupsPolicy"), policy, &["Merge", "Strict"]);
        }
    }
    if let Some(policy) = &sc.se_linux_change_policy {
        if policy != "MountOption" && policy != "Recursive" {
            not_supported(errs, &path.child("seLinuxChangePolicy"), policy, &["MountOption", "Recursive"]);
        }
    }
}

/// `IsValidSysctlName`: segments `[a-z0-9]([-_a-z0-9]*[a-z0-9])?` joined by `.` or `/`, at most
/// 253 bytes.
fn is_valid_sysctl_name(name: &str) -> bool {
    name.len() <= 253
        && name.split(['.', '/']).all(|seg| {
            let b = seg.as_bytes();
            !b.is_empty() && lower_alnum(b[0]) && lower_alnum(b[b.len() - 1]) && b.iter().all(|&c| lower_alnum(c) || c == b'-' || c == b'_')
        })
}

/// `validateAffinity`, without label selectors and match/mismatch label keys.
fn validate_affinity(affinity: &Affinity, path: &Path, minor: u32, errs: &mut Errs) {
    if let Some(na) = &affinity.node_affinity {
        let p = path.child("nodeAffinity");
        if let Some(required_sel) = &na.required_during_scheduling_ignored_during_execution {
            let terms_path = p.child("requiredDuringSchedulingIgnoredDuringExecution").child("nodeSelectorTerms");
            if required_sel.node_selector_terms.is_empty() {
                required(errs, &terms_path, "must have at least one node selector term");
            }
            for (i, term) in required_sel.node_selector_terms.iter().enumerate() {
                validate_node_selector_term(term, &terms_path.index(i), minor, errs);
            }
        }
        let preferred = na.preferred_during_scheduling_ignored_during_execution.as_deref().unwrap_or_default();
        for (i, term) in preferred.iter().enumerate() {
            let tp = p.child("preferredDuringSchedulingIgnoredDuringExecution").index(i);
            if !(1..=100).contains(&term.weight) {
                invalid_int(errs, &tp.child("weight"), i64::from(term.weight), "must be in the range 1-100");
            }
            validate_node_selector_term(&term.preference, &tp.child("preference"), minor, errs);
        }
    }
    let pod_affinities =
        [
            (
                "podAffinity",
                affinity.pod_affinity.as_ref().map(|a| {
                    (&a.required_during_scheduling_ignored_during_execution, &a.preferred_during_scheduling_ignored_during_execution)
                }),
            ),
            (
                "podAntiAffinity",
                affinity.pod_anti_affinity.as_ref().map(|a| {
                    (&a.required_during_scheduling_ignored_during_execution, &a.preferred_during_scheduling_ignored_during_execution)
                }),
            ),
        ];
    for (field, terms) in pod_affinities {
        let Some((required_terms, preferred_terms)) = terms else { continue };
        let p = path.child(field);
        for (i, term) in required_terms.iter().flatten().enumerate() {
            validate_pod_affinity_term(term, &p.child("requiredDuringSchedulingIgnoredDuringExecution").index(i), minor, errs);
        }
        for (j, weighted) in preferred_terms.iter().flatten().enumerate() {
            let wp = p.child("preferredDuringSchedulingIgnoredDuringExecution").index(j);
            if !(1..=100).contains(&weighted.weight) {
                invalid_int(errs, &wp.child("weight"), i64::from(weighted.weight), "must be in the range 1-100");
            }
            validate_pod_affinity_term(&weighted.pod_affinity_term, &wp.child("podAffinityTerm"), minor, errs);
        }
    }
}

/// `ValidateNodeSelectorTerm`; label values are not checked (ratcheted for required terms,
/// always allowed for preferred ones).
fn validate_node_selector_term(term: &NodeSelectorTerm, path: &Path, minor: u32, errs: &mut Errs) {
    for (j, req) in term.match_expressions.iter().flatten().enumerate() {
        let p = path.child("matchExpressions").index(j);
        let n = req.values.as_ref().map_or(0, Vec::len);
        match req.operator.as_str() {
            "In" | "NotIn" => {
                if n == 0 {
                    required(errs, &p.child("values"), "must be specified when `operator` is 'In' or 'NotIn'");
                }
            }
            "Exists" | "DoesNotExist" => {
                if n > 0 {
                    forbidden(errs, &p.child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
                }
            }
            "Gt" | "Lt" => {
                if n != 1 {
                    required(errs, &p.child("values"), "must be specified single value when `operator` is 'Lt' or 'Gt'");
                }
            }
            other => invalid_str(errs, &p.child("operator"), other, "not a valid selector operator"),
        }
        validate_qualified_name(&req.key, &p.child("key"), minor, errs);
    }
    for (j, req) in term.match_fields.iter().flatten().enumerate() {
        let p = path.child("matchFields").index(j);
        let values = req.values.as_deref().unwrap_or_default();
        match req.operator.as_str() {
            "In" | "NotIn" => {
                if values.len() != 1 {
                    required(errs, &p.child("values"), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector");
                }
            }
            other => invalid_str(errs, &p.child("operator"), other, "not a valid selector operator"),
        }
        if req.key != "metadata.name" {
            invalid_str(errs, &p.child("key"), &req.key, "not a valid field selector key");
        } else {
            for (i, v) in values.iter().enumerate() {
                for msg in name_is_dns_subdomain(v, false) {
                    invalid_str(errs, &p.child("values").index(i), v, &msg);
                }
            }
        }
    }
}

/// `validatePodAffinityTerm`, without the selectors and label keys.
fn validate_pod_affinity_term(term: &PodAffinityTerm, path: &Path, minor: u32, errs: &mut Errs) {
    for name in term.namespaces.iter().flatten() {
        for msg in dns1123_label(name, minor) {
            invalid_str(errs, &path.child("namespace"), name, &msg);
        }
    }
    if term.topology_key.is_empty() {
        required(errs, &path.child("topologyKey"), "can not be empty");
    }
    validate_qualified_name(&term.topology_key, &path.child("topologyKey"), minor, errs);
}

/// `validatePodDNSConfig` with RelaxedDNSSearchValidation on.
fn validate_dns_config(config: Option<&PodDNSConfig>, dns_policy: &str, path: &Path, minor: u32, errs: &mut Errs) {
    if dns_policy == "None" {
        match config {
            None => return required(errs, path, "must provide `dnsConfig` when `dnsPolicy` is None"),
            Some(c) if c.nameservers.as_ref().is_none_or(Vec::is_empty) => {
                return required(errs, &path.child("nameservers"), "must provide at least one DNS nameserver when `dnsPolicy` is None");
            }
            Some(_) => {}
        }
    }
    let Some(config) = config else { return };
    let nameservers = config.nameservers.as_deref().unwrap_or_default();
    if nameservers.len() > 3 {
        invalid_raw(errs, &path.child("nameservers"), json_strings(nameservers), "must not have more than 3 nameservers");
    }
    for (i, ns) in nameservers.iter().enumerate() {
        validate_legacy_ip(ns, &path.child("nameservers").index(i), errs);
    }
    let searches = config.searches.as_deref().unwrap_or_default();
    if searches.len() > 32 {
        invalid_raw(errs, &path.child("searches"), json_strings(searches), "must not have more than 32 search paths");
    }
    if searches.join(" ").len() > 2048 {
        invalid_raw(
            errs,
            &path.child("searches"),
            json_strings(searches),
            "must not have more than 2048 characters (including spaces) in the search list",
        );
    }
    // RelaxedDNSSearchValidation (alpha 1.32, on from 1.33; kube_features.go 1.35) also holds
    // when the stored pod already has a `.` search or an underscore (`useRelaxedDNSSearchValidation`,
    // util.go), which for this subresource is the pod itself.
    let relaxed = minor >= RELAXED_DNS_SEARCH_SINCE || searches.iter().any(|s| s == "." || s.contains('_'));
    for (i, search) in searches.iter().enumerate() {
        if relaxed && search == "." {
            continue;
        }
        let trimmed = search.strip_suffix('.').unwrap_or(search);
        let msgs = if relaxed { names::dns1123_subdomain_us_errors(trimmed, minor) } else { dns1123_subdomain(trimmed) };
        for msg in msgs {
            invalid_str(errs, &path.child("searches").index(i), trimmed, &msg);
        }
    }
    for (i, option) in config.options.iter().flatten().enumerate() {
        if option.name.as_deref().unwrap_or("").is_empty() {
            required(errs, &path.child("options").index(i), "must not be empty");
        }
    }
}

/// `validateTopologySpreadConstraints`, without `matchLabelKeys` and the label selector.
fn validate_topology_spread(constraints: &[TopologySpreadConstraint], path: &Path, errs: &mut Errs) {
    for (i, c) in constraints.iter().enumerate() {
        let p = path.index(i);
        if c.max_skew <= 0 {
            invalid_int(errs, &p.child("maxSkew"), i64::from(c.max_skew), POSITIVE_MSG);
        }
        if c.topology_key.is_empty() {
            required(errs, &p.child("topologyKey"), "can not be empty");
        }
        if c.when_unsatisfiable != "DoNotSchedule" && c.when_unsatisfiable != "ScheduleAnyway" {
            not_supported(errs, &p.child("whenUnsatisfiable"), &c.when_unsatisfiable, &["DoNotSchedule", "ScheduleAnyway"]);
        }
        if constraints[i + 1..].iter().any(|r| r.topology_key == c.topology_key && r.when_unsatisfiable == c.when_unsatisfiable) {
            let value = format!("{{{}, {}}}", c.topology_key, c.when_unsatisfiable);
            push(errs, CODE, ErrorType::Duplicate, &p.child("{topologyKey, whenUnsatisfiable}"), BadValue::Str(value), "");
        }
        if let Some(min) = c.min_domains {
            if min <= 0 {
                invalid_int(errs, &p.child("minDomains"), i64::from(min), POSITIVE_MSG);
            }
            if c.when_unsatisfiable != "DoNotSchedule" {
                let msg = format!("can only use minDomains if whenUnsatisfiable=DoNotSchedule, not {}", c.when_unsatisfiable);
                invalid_int(errs, &p.child("minDomains"), i64::from(min), &msg);
            }
        }
        for (field, policy) in [("nodeAffinityPolicy", &c.node_affinity_policy), ("nodeTaintsPolicy", &c.node_taints_policy)] {
            if let Some(policy) = policy {
                if policy != "Honor" && policy != "Ignore" {
                    not_supported(errs, &p.child(field), policy, &["Honor", "Ignore"]);
                }
            }
        }
    }
}

/// `validatePodHostName` (`spec.hostnameOverride`).
fn validate_pod_host_name(spec: &PodSpec, path: &Path, errs: &mut Errs) {
    let Some(name) = &spec.hostname_override else { return };
    let p = path.child("hostnameOverride");
    if spec.set_hostname_as_fqdn == Some(true) {
        forbidden(errs, &p, "may not be specified when setHostnameAsFQDN is true");
    }
    if spec.host_network == Some(true) {
        forbidden(errs, &p, "may not be specified when hostNetwork is true");
    }
    if name.len() > 64 {
        too_long(errs, &p, 64);
    }
    for msg in dns1123_subdomain(name) {
        invalid_str(errs, &p, name, &msg);
    }
}

/// `ValidateTolerations`; the `Lt` / `Gt` operators are accepted without checking their values.
fn validate_tolerations(tolerations: &[Toleration], path: &Path, minor: u32, errs: &mut Errs) {
    for (i, t) in tolerations.iter().enumerate() {
        let p = path.index(i);
        let key = t.key.as_deref().unwrap_or("");
        let operator = t.operator.as_deref().unwrap_or("");
        let value = t.value.as_deref().unwrap_or("");
        let effect = t.effect.as_deref().unwrap_or("");
        if !key.is_empty() {
            validate_qualified_name(key, &p.child("key"), minor, errs);
        }
        if key.is_empty() && operator != "Exists" {
            invalid_str(
                errs,
                &p.child("operator"),
                operator,
                "operator must be Exists when `key` is empty, which means \"match all values and all keys\"",
            );
        }
        if t.toleration_seconds.is_some() && effect != "NoExecute" {
            invalid_str(errs, &p.child("effect"), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set");
        }
        match operator {
            "Equal" | "" => {
                let msgs = names::label_value_errors(value, minor);
                if !msgs.is_empty() {
                    invalid_str(errs, &p.child("operator"), value, &msgs.join(";"));
                }
            }
            "Exists" => {
                if !value.is_empty() {
                    invalid_str(errs, &p.child("operator"), value, "value must be empty when `operator` is 'Exists'");
                }
            }
            "Lt" | "Gt" => {}
            other => not_supported(errs, &p.child("operator"), other, &["Equal", "Exists"]),
        }
        if !effect.is_empty() && !matches!(effect, "NoSchedule" | "PreferNoSchedule" | "NoExecute") {
            not_supported(errs, &p.child("effect"), effect, &["NoSchedule", "PreferNoSchedule", "NoExecute"]);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use crate::versions::LATEST_KUBE_MINOR as LATEST;
    use k8s_openapi::api::core::v1::Pod;
    use serde_json::json;

    use super::*;
    use crate::diag::Diagnostic;

    /// The pod as `kubectl get pod -o json` prints it for a Deployment replica with a native
    /// sidecar, defaults filled in.
    fn pod_json() -> serde_json::Value {
        json!({
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {
                "name": "web-7d4b9c8f6-x2x9z",
                "generateName": "web-7d4b9c8f6-",
                "namespace": "default",
                "uid": "0b6c6b9e-6a4e-4a8e-9a55-4b1c3d2e1f00",
                "resourceVersion": "12345",
                "generation": 1,
                "labels": { "app": "web", "pod-template-hash": "7d4b9c8f6", "app.kubernetes.io/name": "web" },
                "annotations": {
                    "kubectl.kubernetes.io/restartedAt": "2026-01-01T00:00:00Z",
                    "container.apparmor.security.beta.kubernetes.io/app": "runtime/default"
                },
                "ownerReferences": [{
                    "apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-7d4b9c8f6",
                    "uid": "1c2d3e4f-0000-4000-8000-000000000001", "controller": true, "blockOwnerDeletion": true
                }],
                "finalizers": ["batch.kubernetes.io/job-tracking"]
            },
            "spec": {
                "containers": [{
                    "name": "app",
                    "image": "nginx:1.27",
                    "imagePullPolicy": "IfNotPresent",
                    "ports": [{ "containerPort": 80, "name": "http", "protocol": "TCP" }],
                    "livenessProbe": {
                        "httpGet": { "path": "/healthz", "port": "http", "scheme": "HTTP" },
                        "initialDelaySeconds": 3, "timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3
                    },
                    "readinessProbe": {
                        "tcpSocket": { "port": 80 },
                        "timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3
                    },
                    "lifecycle": { "preStop": { "sleep": { "seconds": 5 } } },
                    "resources": { "requests": { "cpu": "100m", "memory": "64Mi" } },
                    "terminationMessagePath": "/dev/termination-log",
                    "terminationMessagePolicy": "File",
                    "volumeMounts": [
                        { "name": "kube-api-access-abcde", "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "readOnly": true },
                        { "name": "cache", "mountPath": "/cache" }
                    ]
                }],
                "initContainers": [
                    {
                        "name": "log-shipper", "image": "fluent/fluent-bit:3.0", "restartPolicy": "Always",
                        "startupProbe": {
                            "exec": { "command": ["true"] },
                            "timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3
                        },
                        "imagePullPolicy": "IfNotPresent", "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File"
                    },
                    {
                        "name": "migrate", "image": "busybox:1.36", "command": ["sh", "-c", "true"],
                        "imagePullPolicy": "IfNotPresent", "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File"
                    }
                ],
                "volumes": [
                    { "name": "cache", "emptyDir": { "sizeLimit": "1Gi" } },
                    { "name": "config", "configMap": { "name": "web-config", "defaultMode": 420, "items": [{ "key": "nginx.conf", "path": "nginx.conf" }] } },
                    { "name": "tls", "secret": { "secretName": "web-tls", "defaultMode": 420 } },
                    { "name": "kube-api-access-abcde", "projected": { "defaultMode": 420, "sources": [
                        { "serviceAccountToken": { "expirationSeconds": 3607, "path": "token" } },
                        { "configMap": { "name": "kube-root-ca.crt", "items": [{ "key": "ca.crt", "path": "ca.crt" }] } },
                        { "downwardAPI": { "items": [{ "path": "namespace", "fieldRef": { "apiVersion": "v1", "fieldPath": "metadata.namespace" } }] } }
                    ] } }
                ],
                "restartPolicy": "Always",
                "terminationGracePeriodSeconds": 30,
                "dnsPolicy": "ClusterFirst",
                "dnsConfig": { "nameservers": ["10.96.0.10"], "searches": ["svc.cluster.local", "_tcp.example.com."], "options": [{ "name": "ndots", "value": "2" }] },
                "serviceAccountName": "default",
                "serviceAccount": "default",
                "nodeName": "worker-1",
                "nodeSelector": { "kubernetes.io/os": "linux" },
                "securityContext": { "runAsNonRoot": true, "fsGroup": 2000, "seccompProfile": { "type": "RuntimeDefault" }, "sysctls": [{ "name": "net.ipv4.ip_local_port_range", "value": "1024 65000" }] },
                "schedulerName": "default-scheduler",
                "affinity": {
                    "nodeAffinity": { "requiredDuringSchedulingIgnoredDuringExecution": { "nodeSelectorTerms": [
                        { "matchExpressions": [{ "key": "topology.kubernetes.io/zone", "operator": "In", "values": ["eu-1a", "eu-1b"] }] }
                    ] } },
                    "podAntiAffinity": { "preferredDuringSchedulingIgnoredDuringExecution": [
                        { "weight": 100, "podAffinityTerm": { "topologyKey": "kubernetes.io/hostname", "labelSelector": { "matchLabels": { "app": "web" } } } }
                    ] }
                },
                "topologySpreadConstraints": [{ "maxSkew": 1, "topologyKey": "topology.kubernetes.io/zone", "whenUnsatisfiable": "ScheduleAnyway", "labelSelector": { "matchLabels": { "app": "web" } } }],
                "tolerations": [
                    { "key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300 },
                    { "key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300 }
                ],
                "readinessGates": [{ "conditionType": "example.com/ready" }],
                "priority": 0,
                "enableServiceLinks": true,
                "preemptionPolicy": "PreemptLowerPriority",
                "hostAliases": [{ "ip": "127.0.0.1", "hostnames": ["foo.local"] }]
            },
            "status": { "phase": "Running" }
        })
    }

    fn pod_from(v: serde_json::Value) -> Pod {
        serde_json::from_value(v).expect("a valid v1 Pod")
    }

    fn pod() -> Pod {
        pod_from(pod_json())
    }

    /// Runs everything in this module in the server's order, skipping what other modules do
    /// (the containers' common checks, the ephemeral containers, hostProcess and OS).
    fn check(pod: &Pod) -> Errs {
        let minor = crate::versions::LATEST_KUBE_MINOR;
        let meta = &pod.metadata;
        let spec = pod.spec.as_ref().expect("spec");
        let facts = PodFacts::of(spec);
        let grace = spec.termination_grace_period_seconds;
        let spec_path = Path::root("spec");
        let mut errs = Errs::new();
        validate_metadata(meta, spec, spec.ephemeral_containers.as_deref().unwrap_or_default(), &Path::root("metadata"), minor, &mut errs);
        validate_spec_head_with_meta(spec, Some(meta), &spec_path, minor, &mut errs);
        validate_containers_present(spec, &spec_path, &mut errs);
        let mut seen = Vec::new();
        for (i, c) in spec.containers.iter().enumerate() {
            validate_regular_container_extras_in(c, &mut seen, grace, &facts, &spec_path.child("containers").index(i), &mut errs);
        }
        if !spec.containers.is_empty() {
            check_host_port_conflicts(&spec.containers, &spec_path.child("containers"), &mut errs);
        }
        let mut seen = init_seen_names(spec);
        for (i, c) in spec.init_containers.iter().flatten().enumerate() {
            validate_init_container_extras_in(c, &mut seen, grace, &facts, &spec_path.child("initContainers").index(i), &mut errs);
        }
        validate_spec_middle(spec, &spec_path, minor, &mut errs);
        validate_spec_tail(spec, &spec_path, minor, &mut errs);
        validate_pod_only(spec, &spec_path, &mut errs);
        errs
    }

    /// `(type, field)` of each diagnostic, the way tests compare them.
    fn shape(errs: &[Diagnostic]) -> Vec<(&'static str, &str)> {
        errs.iter()
            .map(|d| {
                assert_eq!(d.code, "R-32");
                (d.error_type.name(), d.field.as_str())
            })
            .collect()
    }

    fn edit(f: impl FnOnce(&mut serde_json::Value)) -> Errs {
        let mut v = pod_json();
        f(&mut v);
        check(&pod_from(v))
    }

    #[test]
    fn realistic_pod_is_valid() {
        let errs = check(&pod());
        assert!(errs.is_empty(), "{errs:#?}");
    }

    #[test]
    fn duplicate_volume_names() {
        let errs = edit(|v| v["spec"]["volumes"][1]["name"] = json!("cache"));
        assert_eq!(shape(&errs), [("Duplicate", "spec.volumes[1].name")]);
        assert_eq!(errs[0].message, "Duplicate value: \"cache\"");
    }

    #[test]
    fn a_volume_with_errors_is_not_remembered_for_duplicates() {
        let errs = edit(|v| {
            v["spec"]["volumes"][0] = json!({ "name": "x", "nfs": { "server": "", "path": "/x" } });
            v["spec"]["volumes"][1] = json!({ "name": "x", "emptyDir": {} });
            v["spec"]["containers"][0]["volumeMounts"] = json!([]);
        });
        assert_eq!(shape(&errs), [("Required", "spec.volumes[0].nfs.server")]);
    }

    #[test]
    fn volume_without_a_source() {
        let errs = edit(|v| v["spec"]["volumes"][0] = json!({ "name": "cache" }));
        assert_eq!(shape(&errs), [("Required", "spec.volumes[0]")]);
        assert_eq!(errs[0].message, "Required value: must specify a volume type");
    }

    #[test]
    fn volume_with_two_sources() {
        let errs = edit(|v| v["spec"]["volumes"][0]["hostPath"] = json!({ "path": "/tmp" }));
        assert_eq!(shape(&errs), [("Forbidden", "spec.volumes[0].hostPath")]);
        assert_eq!(errs[0].message, "Forbidden: may not specify more than 1 volume type");
        // The server misspells the downward API path in this one message.
        // `secret` comes before `downwardAPI` in the server's order.
        let errs = edit(|v| v["spec"]["volumes"][2]["downwardAPI"] = json!({ "items": [] }));
        assert_eq!(shape(&errs), [("Forbidden", "spec.volumes[2].downwarAPI")]);
    }

    #[test]
    fn volume_source_details() {
        let errs = edit(|v| {
            v["spec"]["volumes"][0] = json!({ "name": "cache", "emptyDir": { "sizeLimit": "-1Gi" } });
            v["spec"]["volumes"][1] =
                json!({ "name": "config", "configMap": { "name": "", "defaultMode": 1000, "items": [{ "key": "k", "path": "../x" }] } });
            v["spec"]["volumes"][2] = json!({ "name": "tls", "hostPath": { "path": "" } });
        });
        assert_eq!(
            shape(&errs),
            [
                ("Forbidden", "spec.volumes[0].emptyDir.sizeLimit"),
                ("Required", "spec.volumes[1].configMap.name"),
                ("Invalid", "spec.volumes[1].configMap.defaultMode"),
                ("Invalid", "spec.volumes[1].configMap.items[0].path"),
                ("Required", "spec.volumes[2].hostPath.path"),
            ]
        );
        assert_eq!(errs[2].message, "Invalid value: 1000: must be a number between 0 and 0777 (octal), both inclusive");
        assert_eq!(errs[3].message, "Invalid value: \"../x\": must not contain '..'");
    }

    #[test]
    fn missing_termination_grace_period() {
        let errs = edit(|v| {
            v["spec"].as_object_mut().unwrap().remove("terminationGracePeriodSeconds");
        });
        assert_eq!(shape(&errs), [("Required", "spec.terminationGracePeriodSeconds")]);
        assert_eq!(errs[0].message, "Required value");
    }

    #[test]
    fn bad_pod_restart_and_dns_policy() {
        let errs = edit(|v| {
            v["spec"]["restartPolicy"] = json!("Sometimes");
            v["spec"]["dnsPolicy"] = json!("Google");
        });
        assert_eq!(shape(&errs), [("NotSupported", "spec.restartPolicy"), ("NotSupported", "spec.dnsPolicy")]);
        assert_eq!(errs[0].message, "Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"");
        assert_eq!(
            errs[1].message,
            "Unsupported value: \"Google\": supported values: \"ClusterFirstWithHostNet\", \"ClusterFirst\", \"Default\", \"None\""
        );
    }

    #[test]
    fn duplicate_regular_container_names() {
        let errs = edit(|v| {
            let c = v["spec"]["containers"][0].clone();
            v["spec"]["containers"].as_array_mut().unwrap().push(c);
        });
        // The copy also repeats the port, so the host-port check has nothing to say (no hostPort).
        assert_eq!(shape(&errs), [("Duplicate", "spec.containers[1].name")]);
        assert_eq!(errs[0].message, "Duplicate value: \"app\"");
    }

    #[test]
    fn init_container_named_like_a_regular_one() {
        let errs = edit(|v| v["spec"]["initContainers"][1]["name"] = json!("app"));
        assert_eq!(shape(&errs), [("Duplicate", "spec.initContainers[1].name")]);
    }

    #[test]
    fn restart_policy_on_regular_containers_follows_container_restart_rules() {
        // 1.37: ContainerRestartRules is on, so a valid value is accepted…
        let errs = edit(|v| v["spec"]["containers"][0]["restartPolicy"] = json!("Never"));
        assert!(errs.is_empty(), "{errs:#?}");
        // …and anything else is NotSupported rather than Forbidden.
        let errs = edit(|v| v["spec"]["containers"][0]["restartPolicy"] = json!("Sometimes"));
        assert_eq!(shape(&errs), [("NotSupported", "spec.containers[0].restartPolicy")]);
        assert_eq!(errs[0].message, "Unsupported value: \"Sometimes\": supported values: \"Always\", \"Never\", \"OnFailure\"");
        // Rules need a policy, an exit-code condition and a supported action.
        let errs = edit(|v| v["spec"]["containers"][0]["restartPolicyRules"] = json!([{ "action": "Reboot" }]));
        assert_eq!(
            shape(&errs),
            [
                ("Required", "spec.containers[0].restartPolicy"),
                ("NotSupported", "spec.containers[0].restartPolicyRules[0].action"),
                ("Required", "spec.containers[0].restartPolicyRules[0].exitCodes"),
            ]
        );
    }

    #[test]
    fn init_container_restart_policy_and_probes() {
        let errs = edit(|v| {
            v["spec"]["initContainers"][0]["restartPolicyRules"] =
                json!([{ "action": "Restart", "exitCodes": { "operator": "In", "values": [1] } }]);
            v["spec"]["initContainers"][1]["restartPolicy"] = json!("Sometimes");
            v["spec"]["initContainers"][1]["livenessProbe"] = json!({ "exec": { "command": ["true"] } });
        });
        assert_eq!(
            shape(&errs),
            [
                ("Forbidden", "spec.initContainers[0].restartPolicyRules"),
                ("NotSupported", "spec.initContainers[1].restartPolicy"),
                ("Forbidden", "spec.initContainers[1].livenessProbe"),
            ]
        );
        assert_eq!(errs[2].message, "Forbidden: may not be set for init containers without restartPolicy=Always");
    }

    #[test]
    fn probe_and_lifecycle_details() {
        let errs = edit(|v| {
            let c = &mut v["spec"]["containers"][0];
            c["livenessProbe"]["successThreshold"] = json!(2);
            c["livenessProbe"]["tcpSocket"] = json!({ "port": 0 });
            c["readinessProbe"]["terminationGracePeriodSeconds"] = json!(10);
            c["lifecycle"]["preStop"]["sleep"]["seconds"] = json!(60);
            c["lifecycle"]["postStart"] = json!({});
        });
        assert_eq!(
            shape(&errs),
            [
                ("Required", "spec.containers[0].lifecycle.postStart"),
                ("Invalid", "spec.containers[0].lifecycle.preStop.sleep"),
                ("Forbidden", "spec.containers[0].livenessProbe.tcpSocket"),
                ("Invalid", "spec.containers[0].livenessProbe.successThreshold"),
                ("Invalid", "spec.containers[0].readinessProbe.terminationGracePeriodSeconds"),
            ]
        );
        assert_eq!(errs[1].message, "Invalid value: 60: must be non-negative and less than terminationGracePeriodSeconds (30)");
    }

    #[test]
    fn init_container_host_port_conflict_uses_index_zero() {
        let errs = edit(|v| {
            v["spec"]["initContainers"][1]["ports"] = json!([
                { "containerPort": 80, "hostPort": 8080, "protocol": "TCP" },
                { "containerPort": 81, "hostPort": 8080, "protocol": "TCP" }
            ]);
        });
        assert_eq!(shape(&errs), [("Duplicate", "spec.initContainers[0].ports[1].hostPort")]);
        assert_eq!(errs[0].message, "Duplicate value: \"TCP//8080\"");
    }

    #[test]
    fn image_whitespace_on_regular_and_init_containers() {
        let errs = edit(|v| {
            v["spec"]["containers"][0]["image"] = json!("nginx:1.27 ");
            v["spec"]["initContainers"][1]["image"] = json!("\tbusybox");
        });
        assert_eq!(shape(&errs), [("Invalid", "spec.containers[0].image"), ("Invalid", "spec.initContainers[1].image")]);
        assert_eq!(errs[0].message, "Invalid value: \"nginx:1.27 \": must not have leading or trailing whitespace");
    }

    #[test]
    fn mirror_annotation_needs_a_node_name() {
        let errs = edit(|v| {
            v["metadata"]["annotations"]["kubernetes.io/config.mirror"] = json!("abc123");
            v["spec"].as_object_mut().unwrap().remove("nodeName");
        });
        assert_eq!(shape(&errs), [("Invalid", "metadata.annotations[kubernetes.io/config.mirror]")]);
        assert_eq!(errs[0].message, "Invalid value: \"abc123\": must set spec.nodeName if mirror pod annotation is set");
    }

    #[test]
    fn projected_token_needs_a_service_account() {
        let errs = edit(|v| {
            v["spec"]["serviceAccountName"] = json!("");
            v["spec"]["serviceAccount"] = json!("");
        });
        assert_eq!(shape(&errs), [("Forbidden", "spec.volumes[3].projected.sources[0].serviceAccountToken")]);
        assert_eq!(errs[0].message, "Forbidden: must not be specified when serviceAccountName is not set");
        // The deprecated field stands in for the new one.
        let errs = edit(|v| v["spec"]["serviceAccountName"] = json!(""));
        assert!(errs.is_empty(), "{errs:#?}");
    }

    #[test]
    fn bad_label_key_and_value() {
        let errs = edit(|v| {
            v["metadata"]["labels"]["-bad"] = json!("ok");
            v["metadata"]["labels"]["ok"] = json!("bad value");
        });
        assert_eq!(shape(&errs), [("Invalid", "metadata.labels"), ("Invalid", "metadata.labels")]);
        assert_eq!(
            errs[0].message,
            "Invalid value: \"-bad\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an \
             alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is \
             '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
        );
        assert_eq!(
            errs[1].message,
            "Invalid value: \"bad value\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', \
             and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for \
             validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
        );
    }

    #[test]
    fn object_meta_names() {
        let errs = edit(|v| {
            v["metadata"]["name"] = json!("Web");
            v["metadata"]["namespace"] = json!("my.ns");
            v["metadata"]["finalizers"] = json!(["custom"]);
        });
        assert_eq!(shape(&errs), [("Invalid", "metadata.name"), ("Invalid", "metadata.namespace"), ("Invalid", "metadata.finalizers[0]")]);
        assert_eq!(errs[1].message, "Invalid value: \"my.ns\": must not contain dots");
        assert_eq!(errs[2].message, "Invalid value: \"custom\": name is neither a standard finalizer name nor is it fully qualified");
        let errs = edit(|v| v["metadata"]["name"] = json!(""));
        assert_eq!(errs[0].message, "Required value: name or generateName is required");
    }

    #[test]
    fn deletion_cost_is_ratcheted_away() {
        // The stored pod is both old and new here, so an invalid cost never fails the request.
        let errs = edit(|v| v["metadata"]["annotations"]["controller.kubernetes.io/pod-deletion-cost"] = json!("lots"));
        assert!(errs.is_empty(), "{errs:#?}");
    }

    #[test]
    fn apparmor_annotation_for_a_missing_container() {
        let errs = edit(|v| v["metadata"]["annotations"]["container.apparmor.security.beta.kubernetes.io/gone"] = json!("bogus"));
        assert_eq!(
            shape(&errs),
            [
                ("Invalid", "metadata.annotations[container.apparmor.security.beta.kubernetes.io/gone]"),
                ("Invalid", "metadata.annotations[container.apparmor.security.beta.kubernetes.io/gone]"),
            ]
        );
        assert_eq!(errs[1].message, "Invalid value: \"bogus\": invalid AppArmor profile name: \"bogus\"");
    }

    #[test]
    fn middle_checks() {
        let errs = edit(|v| {
            v["spec"]["hostNetwork"] = json!(true);
            v["spec"]["securityContext"]["runAsUser"] = json!(-1);
            v["spec"]["securityContext"]["sysctls"] =
                json!([{ "name": "net.core.somaxconn", "value": "1" }, { "name": "net.core.somaxconn", "value": "2" }]);
            v["spec"]["dnsConfig"]["searches"][0] = json!("Bad!");
            v["spec"]["topologySpreadConstraints"].as_array_mut().unwrap().push(json!({
                "maxSkew": 0, "topologyKey": "topology.kubernetes.io/zone", "whenUnsatisfiable": "ScheduleAnyway", "minDomains": 2
            }));
        });
        assert_eq!(
            shape(&errs),
            [
                ("Invalid", "spec.containers[0].ports[0].hostPort"),
                ("Invalid", "spec.securityContext.runAsUser"),
                ("Duplicate", "spec.securityContext.sysctls[1].name"),
                ("Invalid", "spec.dnsConfig.searches[0]"),
                ("Duplicate", "spec.topologySpreadConstraints[0].{topologyKey, whenUnsatisfiable}"),
                ("Invalid", "spec.topologySpreadConstraints[1].maxSkew"),
                ("Invalid", "spec.topologySpreadConstraints[1].minDomains"),
            ]
        );
        assert_eq!(errs[0].message, "Invalid value: 0: must match `containerPort` when `hostNetwork` is true");
        assert_eq!(errs[1].message, "Invalid value: -1: must be between 0 and 2147483647, inclusive");
        assert_eq!(errs[4].message, "Duplicate value: \"{topology.kubernetes.io/zone, ScheduleAnyway}\"");
        assert_eq!(errs[6].message, "Invalid value: 2: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway");
    }

    #[test]
    fn dns_policy_none_needs_nameservers() {
        let errs = edit(|v| {
            v["spec"]["dnsPolicy"] = json!("None");
            v["spec"].as_object_mut().unwrap().remove("dnsConfig");
        });
        assert_eq!(shape(&errs), [("Required", "spec.dnsConfig")]);
        assert_eq!(errs[0].message, "Required value: must provide `dnsConfig` when `dnsPolicy` is None");
    }

    #[test]
    fn tail_checks() {
        let errs = edit(|v| {
            v["spec"]["hostUsers"] = json!(false);
            v["spec"]["hostPID"] = json!(true);
            v["spec"]["activeDeadlineSeconds"] = json!(0);
            v["spec"]["hostname"] = json!("web.1");
            v["spec"]["tolerations"].as_array_mut().unwrap().push(json!({ "operator": "Equal", "value": "x" }));
            v["spec"]["hostAliases"][0]["ip"] = json!("localhost");
            v["spec"]["preemptionPolicy"] = json!("Sometimes");
        });
        assert_eq!(
            shape(&errs),
            [
                ("Forbidden", "spec.HostPID"),
                ("Invalid", "spec.activeDeadlineSeconds"),
                ("Invalid", "spec.hostname"),
                ("Invalid", "spec.tolerations[2].operator"),
                ("Invalid", "spec.hostAliases[0].ip"),
                ("NotSupported", "spec.preemptionPolicy"),
            ]
        );
        assert_eq!(errs[0].message, "Forbidden: when `hostUsers` is false");
        assert_eq!(errs[1].message, "Invalid value: 0: must be between 1 and 2147483647, inclusive");
        assert_eq!(
            errs[3].message,
            "Invalid value: \"Equal\": operator must be Exists when `key` is empty, which means \"match all values and all keys\""
        );
    }

    #[test]
    fn resource_claims_on_a_static_pod() {
        let errs = edit(|v| {
            v["metadata"]["annotations"]["kubernetes.io/config.mirror"] = json!("abc");
            v["spec"]["resourceClaims"] = json!([{ "name": "gpu", "resourceClaimName": "gpu-claim" }]);
        });
        assert_eq!(shape(&errs), [("Forbidden", "[]")]);
        assert_eq!(errs[0].message, "Forbidden: static pods do not support resource claims");
    }

    #[test]
    fn generate_name_masks_the_trailing_dash_like_the_server() {
        assert_eq!(names::mask_trailing_dash(b"web-7d4b9c8f6-"), b"web-7d4b9c8fa");
        assert_eq!(names::mask_trailing_dash(b"-"), b"-");
        assert!(name_is_dns_subdomain("web-", true).is_empty());
    }

    #[test]
    fn dns_label_messages() {
        assert_eq!(
            dns1123_label("Debug", LATEST),
            ["a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an \
              alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"]
        );
        assert_eq!(dns1123_label(&"a".repeat(64), LATEST), ["must be no more than 63 characters"]);
        assert_eq!(names::label_key_errors("a/b/c", LATEST).len(), 1);
        let regex = format!(
            "name part {}",
            regex_error(
                "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
                "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]",
                &["MyName", "my.name", "123-abc"]
            )
        );
        assert_eq!(names::label_key_errors("example.com/", LATEST), ["name part must be non-empty", regex.as_str()]);
        assert!(parse_ip_sloppy("010.001.1.1") && !parse_ip_sloppy("1.2.3") && parse_ip_sloppy("::1"));
        assert!(
            is_valid_sysctl_name("kernel.shm_rmid_forced")
                && is_valid_sysctl_name("net/ipv4/conf/eth0.100/forwarding")
                && !is_valid_sysctl_name("net..x")
        );
    }

    #[test]
    fn stop_signal_needs_an_os() {
        let p = pod();
        let mut spec = p.spec.clone().unwrap();
        spec.containers[0].lifecycle.as_mut().unwrap().stop_signal = Some("SIGUSR1".into());
        let mut errs = Errs::new();
        let path = Path::root("spec").child("containers").index(0);
        validate_regular_container_extras(&spec.containers[0], &mut Vec::new(), Some(30), &path, &mut errs);
        assert_eq!(shape(&errs), [("Forbidden", "spec.containers[0].lifecycle.stopSignal")]);
        spec.os = Some(k8s_openapi::api::core::v1::PodOS { name: "windows".into() });
        let mut errs = Errs::new();
        validate_regular_container_extras_in(&spec.containers[0], &mut Vec::new(), Some(30), &PodFacts::of(&spec), &path, &mut errs);
        assert_eq!(errs[0].message, "Unsupported value: \"SIGUSR1\": supported values: \"SIGKILL\", \"SIGTERM\"");
    }

    #[test]
    fn containers_must_be_present() {
        let errs = edit(|v| v["spec"]["containers"] = json!([]));
        // The AppArmor annotation now names a container that is gone.
        assert_eq!(
            shape(&errs),
            [("Invalid", "metadata.annotations[container.apparmor.security.beta.kubernetes.io/app]"), ("Required", "spec.containers")]
        );
    }
}
