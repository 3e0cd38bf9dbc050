//! The validator: `ValidatePodEphemeralContainersUpdate`, rule for rule.
//!
//! Mirrors kubernetes/kubernetes `pkg/apis/core/validation/validation.go`. Every rule
//! function appends to an error list in the order the server appends, and never stops
//! at the first problem. Rule codes (`R-xx`) are those of the specification in
//! `ec-validation-rules.md`.

use k8s_openapi::api::core::v1::Container;

use crate::diag::{BadValue, Diagnostic, ErrorType};
use crate::path::Path;

pub mod container;
pub mod env;
pub mod ephemeral;
pub mod mounts;
pub mod names;
pub mod os;
pub mod pod;
pub mod prepare;
pub mod resources;
pub mod security;

/// Cluster assumptions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// The API server's minor version (`37` for 1.37), one of [`crate::versions::KUBE_MINORS`].
    pub kube_minor: u32,
    /// The API server's `--allow-privileged` (kubeadm and kind turn it on).
    pub allow_privileged: bool,
    /// What the request asks the server to do with a field it does not know or finds twice.
    pub field_validation: FieldValidation,
    /// The namespace's Pod Security policy, which the built-in admission applies once
    /// validation passes (privileged, the default, admits everything).
    pub pod_security: crate::admission::NamespacePolicy,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            kube_minor: crate::versions::LATEST_KUBE_MINOR,
            allow_privileged: true,
            field_validation: FieldValidation::default(),
            pod_security: crate::admission::NamespacePolicy::default(),
        }
    }
}

/// The request's `fieldValidation` directive (`k8s.io/apiserver`
/// `pkg/endpoints/handlers/rest.go`, `fieldValidation`: without one the server uses `Warn`).
/// Neither `kubectl patch` nor `kubectl debug` sends one, so `Warn` is what they get.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum FieldValidation {
    /// The request is refused.
    Strict,
    /// The field is dropped, and the response carries a warning that kubectl prints.
    #[default]
    Warn,
    /// The field is dropped without a word.
    Ignore,
}

impl FieldValidation {
    pub const ALL: [FieldValidation; 3] = [FieldValidation::Strict, FieldValidation::Warn, FieldValidation::Ignore];

    /// The directive's value in a URL and on ecplay's command line.
    pub fn name(self) -> &'static str {
        match self {
            FieldValidation::Strict => "Strict",
            FieldValidation::Warn => "Warn",
            FieldValidation::Ignore => "Ignore",
        }
    }

    /// Reads `strict`, `Warn`… (any case).
    pub fn from_name(s: &str) -> Option<FieldValidation> {
        FieldValidation::ALL.into_iter().find(|f| f.name().eq_ignore_ascii_case(s))
    }
}

/// The error list the rules append to.
pub type Errs = Vec<Diagnostic>;

/// Appends one server field error.
pub(crate) fn push(errs: &mut Errs, code: &'static str, t: ErrorType, path: &Path, value: BadValue, detail: &str) {
    errs.push(Diagnostic::field_error(code, t, path, value, detail));
}

/// Options the server derives from the old and new pod (`PodValidationOptions`), for the rules that relax when
/// the stored pod already used a value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PodOptions {
    /// `RelaxedEnvironmentVariableValidation` is on, or the old pod already uses relaxed names.
    pub relaxed_env_names: bool,
    /// `AllowEnvFilesValidation`: `EnvFiles` is on, or the old pod already uses a `fileKeyRef`.
    pub env_files: bool,
}

/// What a container's rules need to know about its pod.
pub struct PodView<'a> {
    /// Volume names to their sources, from `spec.volumes`.
    pub volumes: &'a [k8s_openapi::api::core::v1::Volume],
    /// `spec.hostUsers` (defaults to true).
    pub host_users: bool,
    pub opts: &'a Options,
    pub pod_opts: &'a PodOptions,
    /// Names in `spec.resourceClaims`.
    pub claim_names: &'a [String],
    /// `spec.restartPolicy`.
    pub restart_policy: &'a str,
}

/// A container as the common rules see it: ephemeral containers are converted to this shape
/// (their common fields are the same; `targetContainerName` is checked separately).
pub type Ctr = Container;
