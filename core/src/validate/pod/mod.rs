//! Whole-pod re-validation: everything `validatePodMetadataAndSpec` checks that is not
//! one container's common fields.
//!
//! The `pods/ephemeralcontainers` subresource calls `validatePodMetadataAndSpec` on the whole
//! new pod (kubernetes/kubernetes `pkg/apis/core/validation/validation.go`,
//! `ValidatePodEphemeralContainersUpdate`), so a pod that is invalid under today's rules fails
//! the request even though only `spec.ephemeralContainers` changed. The functions here append,
//! in the server's order, the errors of:
//!
//! * `ValidateObjectMeta` + `ValidatePodSpecificAnnotations` ([`validate_metadata`]);
//! * `ValidatePodSpec` up to the containers ([`validate_spec_head_with_meta`]), the container-kind extras of
//!   `validateContainers` / `validateInitContainers` ([`validate_regular_container_extras_in`],
//!   [`validate_init_container_extras_in`], [`check_host_port_conflicts`],
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
//!   are given, so the caller applies v1 defaulting first. The defaults that matter here:
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
/// then `validatePodResourceClaims`. `path` is `spec`. `meta` (the pod's metadata, when it has
/// any) is what `ValidateVolumes` uses for generic
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
/// first container, `grace` is `spec.terminationGracePeriodSeconds`, `facts` the pod's
/// ([`PodFacts::of`]).
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
/// `validateContainers`, i.e. after the last [`validate_regular_container_extras_in`] (and not at
/// all when there are no containers). For init containers it runs per container inside
/// [`validate_init_container_extras_in`], which calls it itself.
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
/// `seen_names` for the first [`validate_init_container_extras_in`] call.
pub fn init_seen_names(spec: &PodSpec) -> Vec<String> {
    spec.containers.iter().map(|c| c.name.clone()).collect()
}

/// The `validateInitContainers` extras for init container `i`, called right after that
/// container's common checks; `path` is `spec.initContainers[i]`, `seen_names` starts as
/// [`init_seen_names`]. `facts` are the pod's ([`PodFacts::of`]).
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

mod containers;
mod metadata;
mod spec;
#[cfg(test)]
mod tests;
mod volumes;

use containers::*;
pub use metadata::validate_pod_specific_annotations;
use metadata::*;
use spec::*;
use volumes::*;
