//! kubectl as ecplay models it, one table for both directions: the exports write commands
//! for a kubectl version from it, and the import reads commands with it. What differs between
//! kubectl 1.25 and 1.37 is read from kubernetes/kubectl at each `kubernetes-1.x.0` tag (1.37:
//! HEAD `dee3483a`), file by file as each item says.

use serde_json::{json, Value};

use crate::versions::{
    KUBECTL_NETADMIN_NET_RAW_SINCE, KUBECTL_PROFILES_SINCE, KUBECTL_PROFILE_FLAG_SINCE, KUBECTL_RESTRICTED_COMPLETE_SINCE,
    KUBECTL_SYSADMIN_SINCE,
};

/// `Validate`'s refusal of a custom file that sets a field kubectl owns.
pub(crate) const CUSTOM_REFUSES: &str = "name, command, image, lifecycle and volume devices are not modifiable via custom profile";

/// The first kubectl with `--custom` without an environment variable.
pub(crate) const CUSTOM_SINCE: u32 = crate::versions::KUBECTL_CUSTOM_SINCE;

/// The newest kubectl whose profiles are modelled.
pub(crate) const LATEST_KUBECTL: u32 = crate::versions::LATEST_KUBE_MINOR;

/// kubectl's debugging profiles, as they treat an ephemeral container.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Profile {
    Legacy,
    General,
    Baseline,
    Restricted,
    Netadmin,
    Sysadmin,
}

impl Profile {
    /// Every profile, in kubectl's order.
    pub(crate) const ALL: [Profile; 6] =
        [Profile::Legacy, Profile::General, Profile::Baseline, Profile::Restricted, Profile::Netadmin, Profile::Sysadmin];

    /// The profiles a securityContext can be recognised as (baseline and legacy add nothing).
    pub(crate) const ADDING: [Profile; 4] = [Profile::General, Profile::Restricted, Profile::Netadmin, Profile::Sysadmin];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Profile::Legacy => "legacy",
            Profile::General => "general",
            Profile::Baseline => "baseline",
            Profile::Restricted => "restricted",
            Profile::Netadmin => "netadmin",
            Profile::Sysadmin => "sysadmin",
        }
    }

    /// The first kubectl minor whose profile gives the securityContext below (as it is today),
    /// from the table in `crate::versions`.
    pub(crate) fn since(self) -> u32 {
        match self {
            Profile::Legacy => KUBECTL_PROFILE_FLAG_SINCE,
            Profile::General | Profile::Baseline => KUBECTL_PROFILES_SINCE,
            Profile::Restricted => KUBECTL_RESTRICTED_COMPLETE_SINCE,
            Profile::Netadmin => KUBECTL_NETADMIN_NET_RAW_SINCE,
            Profile::Sysadmin => KUBECTL_SYSADMIN_SINCE,
        }
    }

    /// The first kubectl minor that knows the profile at all.
    pub(crate) fn exists_since(self) -> u32 {
        match self {
            Profile::Restricted | Profile::Netadmin => KUBECTL_PROFILES_SINCE,
            p => p.since(),
        }
    }

    /// The securityContext the profile of kubectl 1.`kubectl_minor` gives a new ephemeral
    /// container, as Go prints it (`pkg/cmd/debug/profiles.go` at each `kubernetes-1.x.0`
    /// tag): `restricted` sets `allowPrivilegeEscalation` and `seccompProfile` from 1.28
    /// (1.27: `runAsNonRoot` and `drop: [ALL]` only); `netadmin` adds `NET_RAW` from 1.29
    /// (1.27–1.28: `NET_ADMIN` only).
    pub(crate) fn security_context(self, kubectl_minor: u32) -> Option<Value> {
        match self {
            Profile::Legacy | Profile::Baseline => None,
            Profile::General => Some(json!({"capabilities": {"add": ["SYS_PTRACE"]}})),
            Profile::Restricted if kubectl_minor < KUBECTL_RESTRICTED_COMPLETE_SINCE => {
                Some(json!({"capabilities": {"drop": ["ALL"]}, "runAsNonRoot": true}))
            }
            Profile::Restricted => Some(json!({
                "allowPrivilegeEscalation": false,
                "capabilities": {"drop": ["ALL"]},
                "runAsNonRoot": true,
                "seccompProfile": {"type": "RuntimeDefault"},
            })),
            Profile::Netadmin if kubectl_minor < KUBECTL_NETADMIN_NET_RAW_SINCE => Some(json!({"capabilities": {"add": ["NET_ADMIN"]}})),
            Profile::Netadmin => Some(json!({"capabilities": {"add": ["NET_ADMIN", "NET_RAW"]}})),
            Profile::Sysadmin => Some(json!({"privileged": true})),
        }
    }
}
