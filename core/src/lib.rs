//! ecplay's core: judges an ephemeral container against a pod exactly as the
//! kube-apiserver would, and says what the server would not.

pub mod admission;
pub mod de;
pub mod defaults;
pub mod diag;
pub mod explain;
pub mod float;
pub mod gojson;
pub mod input;
pub mod json;
pub mod limits;
pub mod node;
pub mod path;
pub mod validate;

mod check;
pub mod draft;
pub mod export;
pub mod hints;
pub mod learn;
pub mod redact;
pub mod render;
pub mod share;
pub mod shell;

pub use check::{check, check_read, read_pod, read_pod_owned, Mode, Report};
pub use validate::Options;

/// The Kubernetes types, at the one API version this build models.
pub use k8s_openapi::api::core::v1 as k8s;

/// The Kubernetes versions whose rules are modelled.
pub const KUBE_MINORS: std::ops::RangeInclusive<u32> = 25..=37;

/// Reads a server version such as `1.37`, `v1.33` or `1.32.4` into its minor number.
pub fn parse_kube_version(s: &str) -> Result<u32, String> {
    let t = s.trim().trim_start_matches('v');
    let mut parts = t.split('.');
    let (major, minor) = (parts.next(), parts.next());
    let minor = match (major, minor) {
        (Some("1"), Some(m)) => m.parse::<u32>().map_err(|_| format!("not a Kubernetes version: {s:?} (expected e.g. 1.37)"))?,
        _ => return Err(format!("not a Kubernetes version: {s:?} (expected e.g. 1.37)")),
    };
    if !KUBE_MINORS.contains(&minor) {
        return Err(format!("Kubernetes {s} is not modelled: ephemeral containers are GA from 1.25, and ecplay knows 1.25 to 1.37"));
    }
    Ok(minor)
}
