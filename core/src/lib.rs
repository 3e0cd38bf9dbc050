//! ecplay's core: judges an ephemeral container against a pod exactly as the
//! kube-apiserver would, and says what the server would not.

pub mod admission;
pub mod codes;
pub mod de;
pub(crate) mod defaults;
pub mod diag;
/// The code registry's texts under their earlier home.
pub mod explain {
    pub use crate::codes::{doc_link, help_for};
}
pub mod float;
pub mod gojson;
pub(crate) mod image;
pub mod input;
pub(crate) mod json;
pub mod limits;
pub mod node;
pub mod path;
pub(crate) mod quantity;
pub(crate) mod validate;
pub(crate) mod versions;
pub(crate) mod yaml_edit;

mod check;
pub mod cluster;
pub mod draft;
pub mod embed;
pub mod export;
pub mod hints;
pub mod import;
pub mod learn;
pub mod redact;
pub mod render;
pub mod share;
pub mod shell;

pub use check::{check, check_read, read_pod, read_pod_owned, Mode, Report};
pub use cluster::Cluster;
pub use validate::{FieldValidation, Options};

/// The Kubernetes types, at the one API version this build models.
pub use k8s_openapi::api::core::v1 as k8s;

pub use versions::{parse_kube_version, parse_kubectl_version, KUBECTL_MINORS, KUBE_MINORS, LATEST_KUBE_MINOR, LATEST_KUBE_VERSION};
