//! The Kubernetes releases ecplay models, and every fact about them that changes what the API
//! server does with a request to the `ephemeralcontainers` subresource: which container fields
//! a release knows, which feature gates it turns on by default, what its `PrepareForUpdate`
//! drops, and from which release a rule or a wording applies. The rules read these facts from
//! here and nowhere else.
//!
//! Sources, each release at its `kubernetes-1.x.0` tag or the nearest copy read:
//! * k8s.io/api `core/v1/types.go`: when a field first appears (kubernetes/api tags
//!   `kubernetes-1.25.0` … `kubernetes-1.36.0`, and `kubernetes-1.37.0-beta.0`);
//! * kubernetes/kubernetes `pkg/features/kube_features.go`, its versioned specs
//!   (`{Version: version.MustParse("1.33"), Default: true, …}`): a gate's default per release
//!   (copies of 1.35 and of the 1.37 development branch);
//! * kubernetes/kubernetes `pkg/api/pod/util.go` `dropDisabledFields`, called by
//!   `DropDisabledPodFields` from the subresource's `PrepareForUpdate`
//!   (`pkg/registry/core/pod/strategy.go`): what is dropped while a gate is off, and which use
//!   of the stored pod keeps it (copies of 1.27, 1.29, 1.33, 1.35 and the 1.37 branch);
//! * kubernetes/enhancements `kep.yaml` files and the kubernetes/apimachinery tags `v0.25.0` …
//!   `v0.36.0` (apimachinery v0.x ships with Kubernetes 1.x).

use crate::diag::go_quote;
use std::ops::RangeInclusive;

/// The oldest release modelled: ephemeral containers are GA from 1.25.
pub const OLDEST_KUBE_MINOR: u32 = 25;

/// The newest release modelled, the one whose schema ecplay decodes (k8s-openapi `v1_37`).
pub const LATEST_KUBE_MINOR: u32 = 37;

/// [`LATEST_KUBE_MINOR`] as a version, for defaults written as text (a test keeps them equal).
pub const LATEST_KUBE_VERSION: &str = "1.37";

/// The Kubernetes versions whose rules are modelled.
pub const KUBE_MINORS: RangeInclusive<u32> = OLDEST_KUBE_MINOR..=LATEST_KUBE_MINOR;

/// The kubectl releases the exports are written for: the version skew policy supports a kubectl
/// within one minor of its API server, so from one older than [`OLDEST_KUBE_MINOR`] to the
/// newest modelled (a kubectl newer than that gets its commands).
pub const KUBECTL_MINORS: RangeInclusive<u32> = OLDEST_KUBE_MINOR - 1..=LATEST_KUBE_MINOR;

/// Reads a server version such as `1.37`, `v1.33` or `1.32.4` into its minor number.
pub fn parse_kube_version(s: &str) -> Result<u32, String> {
    let t = s.trim().trim_start_matches('v');
    let mut parts = t.split('.');
    let bad = || format!("not a Kubernetes version: {s_q} (expected e.g. 1.{LATEST_KUBE_MINOR})", s_q = go_quote(s));
    let minor = match (parts.next(), parts.next()) {
        (Some("1"), Some(m)) => m.parse::<u32>().map_err(|_| bad())?,
        _ => return Err(bad()),
    };
    if !KUBE_MINORS.contains(&minor) {
        return Err(format!(
            "Kubernetes {s} is not modelled: ephemeral containers are GA from 1.{OLDEST_KUBE_MINOR}, and ecplay knows 1.{OLDEST_KUBE_MINOR} to 1.{LATEST_KUBE_MINOR}"
        ));
    }
    Ok(minor)
}

/// A kubectl version such as `1.37` or `v1.31.2` into its minor number: one of
/// [`KUBECTL_MINORS`]; a newer kubectl gets the newest modelled one's commands.
pub fn parse_kubectl_version(s: &str) -> Result<u32, String> {
    let t = s.trim().trim_start_matches('v');
    let mut parts = t.split('.');
    let (oldest, newest) = (*KUBECTL_MINORS.start(), *KUBECTL_MINORS.end());
    match (parts.next(), parts.next().and_then(|m| m.parse::<u32>().ok())) {
        (Some("1"), Some(minor)) if minor >= oldest => Ok(minor.min(newest)),
        (Some("1"), Some(_)) => Err(format!(
            "kubectl {s} is older than ecplay models: kubectl 1.{oldest} to 1.{newest}, those the version skew policy pairs with API servers 1.{} to 1.{newest}",
            oldest + 1
        )),
        _ => Err(format!("not a kubectl version: {s_q} (expected e.g. 1.{LATEST_KUBE_MINOR})", s_q = go_quote(s))),
    }
}

/// A gate that is not on by default in any modelled release.
pub const NEVER: u32 = u32::MAX;

/// A field an ephemeral container can carry that not every modelled release accepts as sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    ProcMount,
    ResourceClaims,
    ResourceClaimRequest,
    ResizePolicy,
    RestartPolicy,
    Sleep,
    AppArmorProfile,
    RecursiveReadOnly,
    StopSignal,
    RestartPolicyRules,
    FileKeyRef,
    BindMountOptions,
}

/// What `dropDisabledFields` does to a field of the new ephemeral containers while its gate is
/// off and the stored pod does not use it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Drop {
    /// Nothing: the gate is on by default from the release the field appears in.
    Kept,
    /// The field is set to nil.
    Cleared,
    /// A set value is reset to `Default` (never to nil: that would differ from what 1.12 stored).
    ResetToDefault,
    /// The field is set to nil, then a handler or a `lifecycle` left empty is set to nil too.
    ClearedWithEmptyParents,
}

/// One field in [`GATED_FIELDS`].
#[derive(Clone, Copy, Debug)]
pub struct GatedField {
    pub field: Field,
    /// The field as written below a container.
    pub path: &'static str,
    /// The first release whose types have it. An older server's decoder does not know it: it
    /// is dropped with a warning (or refused under `fieldValidation=Strict`).
    pub since: u32,
    /// The feature gate that guards it.
    pub gate: &'static str,
    /// The first release with that gate on by default ([`NEVER`] if none up to the latest).
    pub gate_on: u32,
    /// The first release whose `dropDisabledFields` drops it while the gate is off.
    pub dropped_from: u32,
    pub drop: Drop,
}

impl GatedField {
    /// Whether a 1.`minor` server's decoder knows the field.
    pub fn exists(&self, minor: u32) -> bool {
        minor >= self.since
    }

    /// Whether a 1.`minor` server with default gates drops it before validation (unless the
    /// stored pod uses it).
    pub fn dropped(&self, minor: u32) -> bool {
        self.drop != Drop::Kept && self.exists(minor) && minor >= self.dropped_from && minor < self.gate_on
    }
}

/// Every field reachable from an ephemeral container whose fate depends on the release, in the
/// order `dropDisabledFields` visits them.
pub const GATED_FIELDS: [GatedField; 12] = [
    // ProcMountType: alpha and off 1.12, beta and off 1.31, on from 1.33 (kube_features.go 1.35).
    // util.go `dropDisabledProcMountField` (1.27, 1.29, 1.35 copies): a set value becomes
    // `Default` unless a container of the stored pod has a non-default one (`procMountInUse`).
    GatedField {
        field: Field::ProcMount,
        path: "securityContext.procMount",
        since: 12,
        gate: "ProcMountType",
        gate_on: 33,
        dropped_from: 12,
        drop: Drop::ResetToDefault,
    },
    // DynamicResourceAllocation: alpha 1.26, beta and off 1.32, GA and on from 1.34
    // (kube_features.go 1.35); field in k8s.io/api kubernetes-1.26.0. util.go
    // `dropDisabledDynamicResourceAllocationFields` (1.27 … 1.37 copies) clears the claims of
    // every ephemeral container unless the stored pod has `spec.resourceClaims`.
    GatedField {
        field: Field::ResourceClaims,
        path: "resources.claims",
        since: 26,
        gate: "DynamicResourceAllocation",
        gate_on: 34,
        dropped_from: 26,
        drop: Drop::Cleared,
    },
    // `ResourceClaim.request`: k8s.io/api kubernetes-1.31.0; dropped with the claims above.
    GatedField {
        field: Field::ResourceClaimRequest,
        path: "resources.claims[].request",
        since: 31,
        gate: "DynamicResourceAllocation",
        gate_on: 34,
        dropped_from: 31,
        drop: Drop::Kept,
    },
    // InPlacePodVerticalScaling: alpha and off 1.27, beta and on 1.33 (kube_features.go 1.35);
    // field in kubernetes-1.27.0. util.go (1.27, 1.29 copies): cleared on every ephemeral
    // container unless a *regular* container of the stored pod has a non-empty resizePolicy
    // (`inPlacePodVerticalScalingInUse` visits `Containers` only up to 1.32).
    GatedField {
        field: Field::ResizePolicy,
        path: "resizePolicy",
        since: 27,
        gate: "InPlacePodVerticalScaling",
        gate_on: 33,
        dropped_from: 27,
        drop: Drop::Cleared,
    },
    // Container `restartPolicy`: kubernetes-1.28.0 (SidecarContainers). The SidecarContainers
    // drop (1.28, off until 1.29) only touches init containers ("For other types of containers,
    // validateContainers will handle them", util.go 1.29), so 1.28–1.33 keep it and the
    // allow-list refuses it. ContainerRestartRules (alpha and off 1.34, beta and on 1.35,
    // kube_features.go 1.35) brought `dropContainerRestartRules`, which clears it on every
    // ephemeral container unless the stored pod uses container restart rules
    // (`containerRestartRulesInUse`; util.go 1.35 and 1.37 copies, no 1.34 copy was readable:
    // the drop is taken to have come with the gate, as the KEP-5307 alpha PR #132642 added both).
    GatedField {
        field: Field::RestartPolicy,
        path: "restartPolicy",
        since: 28,
        gate: "ContainerRestartRules",
        gate_on: 35,
        dropped_from: 34,
        drop: Drop::Cleared,
    },
    // PodLifecycleSleepAction: alpha and off 1.29, beta and on 1.30 (kube_features.go 1.35);
    // field in kubernetes-1.29.0. util.go 1.29 `dropPodLifecycleSleepAction`: the sleep is
    // cleared, a handler left with no action is removed, and so is an emptied `lifecycle`.
    GatedField {
        field: Field::Sleep,
        path: "lifecycle.*.sleep",
        since: 29,
        gate: "PodLifecycleSleepAction",
        gate_on: 30,
        dropped_from: 29,
        drop: Drop::ClearedWithEmptyParents,
    },
    // `securityContext.appArmorProfile`: kubernetes-1.30.0, its gate AppArmorFields beta and on
    // in 1.30 (GA 1.31): never dropped at default settings.
    GatedField {
        field: Field::AppArmorProfile,
        path: "securityContext.appArmorProfile",
        since: 30,
        gate: "AppArmorFields",
        gate_on: 30,
        dropped_from: 30,
        drop: Drop::Kept,
    },
    // RecursiveReadOnlyMounts: alpha and off 1.30, beta and on 1.31 (kube_features.go 1.35);
    // field in kubernetes-1.30.0. util.go (1.33 … 1.37 copies): cleared on every mount of every
    // ephemeral container unless a container of the stored pod uses it (`rroInUse`).
    GatedField {
        field: Field::RecursiveReadOnly,
        path: "volumeMounts[].recursiveReadOnly",
        since: 30,
        gate: "RecursiveReadOnlyMounts",
        gate_on: 31,
        dropped_from: 30,
        drop: Drop::Cleared,
    },
    // ContainerStopSignals: alpha and off from 1.33 (kube_features.go 1.35); the beta planned
    // for 1.37 (kubernetes/enhancements#6186) missed the 1.37 code freeze (enhancements#4960,
    // 2026-09-22), so it is off in every modelled release. Field in kubernetes-1.33.0. util.go
    // `dropContainerStopSignals` (1.33 … 1.37 copies): cleared, and a `lifecycle` left empty is
    // removed, unless a container of the stored pod has a stop signal.
    GatedField {
        field: Field::StopSignal,
        path: "lifecycle.stopSignal",
        since: 33,
        gate: "ContainerStopSignals",
        gate_on: NEVER,
        dropped_from: 33,
        drop: Drop::ClearedWithEmptyParents,
    },
    // `restartPolicyRules`: kubernetes-1.34.0, dropped with `restartPolicy` above.
    GatedField {
        field: Field::RestartPolicyRules,
        path: "restartPolicyRules",
        since: 34,
        gate: "ContainerRestartRules",
        gate_on: 35,
        dropped_from: 34,
        drop: Drop::Cleared,
    },
    // EnvFiles: alpha and off 1.34, beta and on 1.35 (kube_features.go 1.35); field in
    // kubernetes-1.34.0. util.go `dropFileKeyRefInUse` (1.35, 1.37 copies; added with the alpha,
    // kubernetes/kubernetes#132626): `fileKeyRef` is cleared and the `valueFrom` stays, empty,
    // unless a container of the stored pod uses one.
    GatedField {
        field: Field::FileKeyRef,
        path: "env[].valueFrom.fileKeyRef",
        since: 34,
        gate: "EnvFiles",
        gate_on: 35,
        dropped_from: 34,
        drop: Drop::Cleared,
    },
    // VolumeBindMountOptions: alpha and off in 1.37 (KEP-5855 kep.yaml), field in
    // kubernetes-1.37.0-beta.0. util.go (1.37 branch): cleared on every mount unless a container
    // of the stored pod has one (`bindMountOptionsInUse`).
    GatedField {
        field: Field::BindMountOptions,
        path: "volumeMounts[].bindMountOptions",
        since: 37,
        gate: "VolumeBindMountOptions",
        gate_on: NEVER,
        dropped_from: 37,
        drop: Drop::Cleared,
    },
];

/// The row of [`GATED_FIELDS`] for `field`.
pub fn gated(field: Field) -> &'static GatedField {
    GATED_FIELDS.iter().find(|g| g.field == field).unwrap_or(&GATED_FIELDS[0])
}

// ---------------------------------------------------------------------------------------------
// Rules and wordings that change with the release.
// ---------------------------------------------------------------------------------------------

/// a static pod refuses every request. Added by kubernetes/kubernetes#114086 (merged for
/// 1.27; fixes #113935); a 1.25 or 1.26 server accepts the request.
pub const STATIC_POD_REFUSAL_SINCE: u32 = 27;

/// `IsDNS1123Label` says `must not contain dots` for a valid subdomain that is not a label
/// (apimachinery commit cf894f11, first in v0.27.0); before, the label regex message.
pub const LABEL_DOTS_WORDING_SINCE: u32 = 27;

/// RelaxedEnvironmentVariableValidation: alpha and off 1.30, beta and on 1.32, GA 1.34
/// (kube_features.go 1.35). Before, strict names unless the stored pod uses relaxed ones.
pub const RELAXED_ENV_NAMES_SINCE: u32 = 32;

/// RelaxedDNSSearchValidation: alpha and off 1.32, beta and on 1.33, GA 1.34 (kube_features.go
/// 1.35): `dnsConfig.searches` may hold `.` and underscores. Before, strict subdomains unless
/// the stored pod already has such a search (`useRelaxedDNSSearchValidation`, util.go).
pub const RELAXED_DNS_SEARCH_SINCE: u32 = 33;

/// `validateFileKeyRefVolumes` at the end of `ValidatePodSpec`: a `fileKeyRef` must name an
/// `emptyDir` volume of the pod. Added with EnvFiles' alpha (kubernetes/kubernetes#132626, 1.34).
pub const FILE_KEY_REF_VOLUMES_SINCE: u32 = 34;

/// `field.Error.ErrorBody` prints a bad value that is neither a string nor a number as JSON
/// from apimachinery v0.34.0; before, a `fmt.Stringer` with `String()` and anything else with
/// `%#v` (`pkg/util/validation/field/errors.go`).
pub const JSON_BAD_VALUES_SINCE: u32 = 34;

/// `IsQualifiedName` became `content.IsLabelKey` in apimachinery v0.35.0: "a valid label key …"
/// instead of "a qualified name …", and lengths in bytes instead of characters (label values
/// and prefixes too).
pub const LABEL_KEY_WORDING_SINCE: u32 = 35;

/// `IsDNS1123SubdomainWithUnderscore` (v0.32.0) printed the regex without underscores until
/// v0.34.0 fixed it.
pub const UNDERSCORE_REGEX_FIXED_SINCE: u32 = 34;

/// `validateResizePolicy` in a `restartPolicy: Never` pod says "when pod `restartPolicy` is
/// 'Never'" in the 1.37 copy read and "when `restartPolicy` is 'Never'" in the 1.33 one. No copy of
/// 1.34–1.36 was readable; the word is taken to have come with 1.34, whose ContainerRestartRules
/// (kubernetes/kubernetes#132642) gave containers a `restartPolicy` of their own.
pub const RESIZE_NEVER_POD_WORDING_SINCE: u32 = 34;

/// Image volumes refuse `subPath` and `subPathExpr` while ImageVolume is alpha (1.31, 1.32);
/// KEP-4639's beta lifted it (kubernetes/kubernetes#130135, 1.33).
pub const IMAGE_VOLUME_SUBPATH_REFUSED: RangeInclusive<u32> = 31..=32;

// ---------------------------------------------------------------------------------------------
// kubectl: what differs between the kubectl releases the exports, the import and the Learn text
// are written for (kubernetes/kubectl at each `kubernetes-1.x.0` tag, file by file as each item
// says; 1.37: HEAD `dee3483a`).
// ---------------------------------------------------------------------------------------------

/// `kubectl patch --subresource`: no such flag before 1.24 (`error: unknown flag:
/// --subresource`); 1.24–1.31 take only `status` and `scale` (`supportedSubresources`,
/// `pkg/cmd/patch/patch.go`); 1.32 dropped the list, so `ephemeralcontainers` works from 1.32.
pub const KUBECTL_SUBRESOURCE_FLAG_SINCE: u32 = 24;
/// See [`KUBECTL_SUBRESOURCE_FLAG_SINCE`].
pub const KUBECTL_PATCH_EPHEMERAL_SINCE: u32 = 32;

/// `kubectl debug --profile` (`pkg/cmd/debug/debug.go`, `profiles.go`): the flag came in 1.25
/// with `legacy` only; `general`, `baseline`, `restricted` and `netadmin` in 1.27.
pub const KUBECTL_PROFILE_FLAG_SINCE: u32 = 25;
/// See [`KUBECTL_PROFILE_FLAG_SINCE`].
pub const KUBECTL_PROFILES_SINCE: u32 = 27;
/// `restricted` sets `allowPrivilegeEscalation: false` and a `RuntimeDefault` seccomp profile
/// from 1.28 (1.27: `runAsNonRoot` and `drop: [ALL]` only, which the restricted Pod Security
/// level refuses).
pub const KUBECTL_RESTRICTED_COMPLETE_SINCE: u32 = 28;
/// `netadmin` adds `NET_RAW` from 1.29 (1.27–1.28: `NET_ADMIN` only).
pub const KUBECTL_NETADMIN_NET_RAW_SINCE: u32 = 29;
/// `sysadmin` (privileged) from 1.30.
pub const KUBECTL_SYSADMIN_SINCE: u32 = 30;
/// `--profile=legacy` prints a deprecation warning from 1.32.
pub const KUBECTL_LEGACY_DEPRECATED_SINCE: u32 = 32;
/// The default `--profile` is `general` from 1.36 (`legacy` before; `AddFlags`).
pub const KUBECTL_GENERAL_DEFAULT_SINCE: u32 = 36;

/// `kubectl debug --custom`: 1.30 has it only with `KUBECTL_DEBUG_CUSTOM_PROFILE=true` in the
/// environment and reads the file with `encoding/json` only (`cmdutil.DebugCustomProfile.IsEnabled()`);
/// 1.31 has it unless that variable is `false`, and reads JSON or YAML; 1.32 dropped the gate.
pub const KUBECTL_CUSTOM_GATED: u32 = 30;
/// See [`KUBECTL_CUSTOM_GATED`].
pub const KUBECTL_CUSTOM_SINCE: u32 = 31;

/// `kubectl debug -f FILE`: from 1.27 a pod may be named by a file (`NAME or filename is
/// required`; before, `NAME is required`).
pub const KUBECTL_DEBUG_FILENAME_SINCE: u32 = 27;

/// The default `--profile` of kubectl 1.`minor`.
pub fn kubectl_default_profile(minor: u32) -> &'static str {
    if minor >= KUBECTL_GENERAL_DEFAULT_SINCE {
        "general"
    } else {
        "legacy"
    }
}

/// Whether a 1.`minor` server with default gates validates env var names the relaxed way.
pub fn relaxed_env_names(minor: u32) -> bool {
    minor >= RELAXED_ENV_NAMES_SINCE
}

/// Whether EnvFiles is on by default (`AllowEnvFilesValidation` without the stored pod's help).
pub fn env_files(minor: u32) -> bool {
    minor >= gated(Field::FileKeyRef).gate_on
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_latest_version_as_text_is_the_latest_minor() {
        assert_eq!(LATEST_KUBE_VERSION, format!("1.{LATEST_KUBE_MINOR}"));
        assert_eq!(parse_kube_version(LATEST_KUBE_VERSION), Ok(LATEST_KUBE_MINOR));
    }

    #[test]
    fn versions_parse() {
        assert_eq!(parse_kube_version("1.37"), Ok(37));
        assert_eq!(parse_kube_version(" v1.33.4 "), Ok(33));
        assert!(parse_kube_version("1.24").unwrap_err().contains("1.25 to 1.37"));
        assert!(parse_kube_version("2.0").is_err());
        assert!(parse_kube_version("1.x").is_err());
    }

    #[test]
    fn drops_follow_the_table() {
        let r = |f| gated(f);
        assert!(r(Field::ResizePolicy).dropped(32) && !r(Field::ResizePolicy).dropped(33));
        assert!(!r(Field::ResizePolicy).exists(26));
        assert!(!r(Field::RestartPolicy).dropped(33) && r(Field::RestartPolicy).dropped(34) && !r(Field::RestartPolicy).dropped(35));
        assert!(r(Field::StopSignal).dropped(LATEST_KUBE_MINOR) && !r(Field::StopSignal).exists(32));
        assert!(r(Field::ProcMount).dropped(25) && !r(Field::ProcMount).dropped(33));
        assert!(!r(Field::AppArmorProfile).dropped(30) && !r(Field::AppArmorProfile).exists(29));
        assert!(r(Field::Sleep).dropped(29) && !r(Field::Sleep).dropped(30));
        assert!(r(Field::FileKeyRef).dropped(34) && !env_files(34) && env_files(35));
        for row in GATED_FIELDS {
            assert!(gated(row.field).path == row.path, "{row:?}");
        }
    }
}
