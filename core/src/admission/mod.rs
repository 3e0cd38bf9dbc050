//! Pod Security admission: what the API server's built-in `PodSecurity` admission plugin says
//! about the pod an `ephemeralcontainers` update would produce, once validation has passed.
//!
//! Mirrors k8s.io/pod-security-admission as each release from 1.25 to 1.37 ships it: `api/`
//! (levels, versions, the namespace labels), `policy/` (every check at every policy version;
//! see `checks.rs`) and `admission/admission.go` (`ValidatePod`, `EvaluatePod`,
//! `isSignificantPodUpdate`), with the texts of `admission/response.go`, apimachinery's
//! `NewForbidden`, the apiserver's warning recorder and kubectl's `StandardErrorMessage`.
//! Patch releases of one minor ship the same library, so a minor is all that is asked.
//!
//! The flow of one update (`ValidatePod`, admission.go): the namespace's labels give the
//! enforce, audit and warn policies ([`NamespacePolicy::from_labels`]); a namespace
//! privileged in all three modes, with valid labels, is not evaluated; neither is an update
//! that adds no container and changes no image ([`Skip`]). Otherwise the whole new pod — app
//! containers, init containers and every ephemeral container — is evaluated against each
//! mode: an enforce violation refuses the request with a 403; a warn violation becomes a
//! warning, sent only when the request is allowed; an audit violation goes to the audit log
//! only, which the client never sees.
//!
//! `ephemeralcontainers` is not among the subresources PodSecurity lets through unexamined
//! (`ignoredPodSubresources`: exec, attach, binding, eviction, log, portforward, proxy,
//! status), and kubectl prints a refusal as any API error (`Error from server (Forbidden): …`)
//! and each warning as `Warning: …`.
//!
//! Not modelled, because neither a pod nor a namespace can tell them:
//! - the exemptions of the cluster's `AdmissionConfiguration` (`exemptions.usernames`,
//!   `runtimeClasses`, `namespaces`): a request exempted by one of them is allowed whatever
//!   this module says;
//! - the cluster's own default policy from the same file: the caller passes it as
//!   `defaults` ([`Policy::default`] is the library's: `privileged:latest` in every mode);
//! - an API server emulating an older version (`--emulated-version`), and the alpha gate
//!   `UserNamespacesPodSecurityStandards` of 1.29–1.34 (off by default, and modelled off);
//! - other warnings of the same response: the apiserver's 4 KiB warning budget is applied
//!   to PodSecurity's warning alone.

use std::collections::BTreeMap;
use std::fmt;

use k8s_openapi::api::core::v1::{EphemeralContainer, Pod, PodSpec};

use crate::diag::go_quote;

pub(crate) mod checks;

mod namespace;
#[cfg(test)]
mod tests;

pub use namespace::{namespace_labels, with_short_form, NamespaceError, MODES};

/// A Pod Security Standards level (`api.Level`, api/constants.go), least strict first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Privileged,
    Baseline,
    Restricted,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Privileged, Level::Baseline, Level::Restricted];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Privileged => "privileged",
            Level::Baseline => "baseline",
            Level::Restricted => "restricted",
        }
    }

    /// `ParseLevel` (api/helpers.go): exactly one of the three names, case and all.
    pub fn parse(s: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A policy version (`api.Version`): `latest` or `v1.N`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Version {
    Latest,
    /// `v1.N`; a version newer than the server is allowed and read as the server's newest.
    Minor(u64),
}

impl Version {
    /// `ParseVersion` (api/helpers.go): `latest`, or `v1.N` with no leading zero and `N`
    /// within Go's `int`.
    pub fn parse(s: &str) -> Option<Version> {
        if s == "latest" {
            return Some(Version::Latest);
        }
        let n = s.strip_prefix("v1.")?;
        let digits = !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && (n == "0" || !n.starts_with('0'));
        n.parse::<u64>().ok().filter(|m| digits && *m <= i64::MAX as u64).map(Version::Minor)
    }

    /// The policy minor whose checks run on an API server of `server_minor`:
    /// `checkRegistry.EvaluatePod` (policy/registry.go) reads `latest`, and any version newer
    /// than the newest the server's library knows, as that newest one.
    pub fn effective(self, server_minor: u32) -> u64 {
        let newest = u64::from(server(server_minor));
        match self {
            Version::Latest => newest,
            Version::Minor(m) => m.min(newest),
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Version::Latest => f.write_str("latest"),
            Version::Minor(m) => write!(f, "v1.{m}"),
        }
    }
}

/// A level at a version (`api.LevelVersion`), printed `restricted:latest`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LevelVersion {
    pub level: Level,
    pub version: Version,
}

impl fmt::Display for LevelVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.level, self.version)
    }
}

/// The three modes of a namespace's policy (`api.Policy`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Policy {
    pub enforce: LevelVersion,
    pub audit: LevelVersion,
    pub warn: LevelVersion,
}

impl Default for Policy {
    /// The library's defaults when the `AdmissionConfiguration` sets none
    /// (`SetDefaults_PodSecurityDefaults`, admission/api/v1/defaults.go): privileged:latest.
    fn default() -> Policy {
        let lv = LevelVersion { level: Level::Privileged, version: Version::Latest };
        Policy { enforce: lv, audit: lv, warn: lv }
    }
}

/// The label prefix, also the prefix of the audit annotations (`api.AuditAnnotationPrefix`).
pub const LABEL_PREFIX: &str = "pod-security.kubernetes.io/";

/// The (level, version) labels of each mode, in the order `PolicyToEvaluate` reads them.
const LABELS: [(&str, &str); 3] = [
    ("pod-security.kubernetes.io/enforce", "pod-security.kubernetes.io/enforce-version"),
    ("pod-security.kubernetes.io/audit", "pod-security.kubernetes.io/audit-version"),
    ("pod-security.kubernetes.io/warn", "pod-security.kubernetes.io/warn-version"),
];

/// A namespace label the library cannot read. The namespace was refused when the label was
/// set (`ValidateNamespace`), so such a label predates PodSecurity; for a pod it is only
/// recorded in the audit log (annotation `error`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelError {
    pub label: &'static str,
    pub value: String,
    /// `ParseLevel`'s or `ParseVersion`'s error.
    pub message: &'static str,
}

impl fmt::Display for LabelError {
    /// As `field.Invalid(metadata.labels[…], value, message)` prints.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "metadata.labels[{}]: Invalid value: {}: {}", self.label, go_quote(&self.value), self.message)
    }
}

/// A namespace's policy as the library reads it from the labels.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamespacePolicy {
    pub policy: Policy,
    /// The labels that could not be read, in the order they are read.
    pub errors: Vec<LabelError>,
}

impl Default for NamespacePolicy {
    /// A namespace without labels in a cluster without PodSecurity defaults: privileged.
    fn default() -> NamespacePolicy {
        NamespacePolicy { policy: Policy::default(), errors: Vec::new() }
    }
}

impl NamespacePolicy {
    /// `PolicyToEvaluate` (api/helpers.go) on a server of `server_minor`: a missing label
    /// keeps `defaults`; an invalid level is `restricted` for enforce (fail closed) and
    /// `privileged` for audit and warn (fail open); an invalid version is `latest`. From
    /// 1.26, warn without labels of its own follows an enforce level that is stricter (and
    /// its version, unless `warn-version` is set).
    pub fn from_labels(labels: &BTreeMap<String, String>, defaults: &Policy, server_minor: u32) -> NamespacePolicy {
        let mut policy = *defaults;
        let mut errors = Vec::new();
        let (mut has_enforce, mut has_warn, mut has_warn_version) = (false, false, false);
        if labels.is_empty() {
            return NamespacePolicy { policy, errors };
        }
        for (mode, (level_label, version_label)) in LABELS.into_iter().enumerate() {
            let lv = match mode {
                0 => &mut policy.enforce,
                1 => &mut policy.audit,
                _ => &mut policy.warn,
            };
            if let Some(value) = labels.get(level_label) {
                has_warn |= mode == 2;
                match Level::parse(value) {
                    Some(level) => {
                        lv.level = level;
                        has_enforce |= mode == 0;
                    }
                    None => {
                        lv.level = if mode == 0 { Level::Restricted } else { Level::Privileged };
                        let message = "must be one of privileged, baseline, restricted";
                        errors.push(LabelError { label: level_label, value: value.clone(), message });
                    }
                }
            }
            if let Some(value) = labels.get(version_label) {
                has_warn_version |= mode == 2;
                lv.version = Version::parse(value).unwrap_or_else(|| {
                    errors.push(LabelError { label: version_label, value: value.clone(), message: r#"must be "latest" or "v1.x""# });
                    Version::Latest
                });
            }
        }
        // api/helpers.go from kubernetes-1.26.0 on.
        if server(server_minor) >= 26 && !has_warn && has_enforce && policy.enforce.level > policy.warn.level {
            policy.warn.level = policy.enforce.level;
            if !has_warn_version {
                policy.warn.version = policy.enforce.version;
            }
        }
        NamespacePolicy { policy, errors }
    }

    /// `Policy.FullyPrivileged`: every mode privileged (admission then evaluates nothing,
    /// unless a label could not be read).
    pub fn fully_privileged(&self) -> bool {
        [self.policy.enforce, self.policy.audit, self.policy.warn].iter().all(|lv| lv.level == Level::Privileged)
    }
}

/// The diagnostic code of a check's violations: `PSA-` and the check's id (`codes::CODES`).
pub fn code(check: &str) -> &'static str {
    crate::codes::pod_security_code(check)
}

/// One check that failed (`policy.CheckResult`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// The check's stable id (`allowPrivilegeEscalation`, `capabilities_restricted`, …).
    pub check: &'static str,
    /// `ForbiddenReason`, exactly.
    pub reason: String,
    /// `ForbiddenDetail`, exactly.
    pub detail: String,
    /// The edits that make this check pass, together: one per field at fault.
    pub fixes: Vec<Fix>,
}

/// Setting one field to a value that satisfies a check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// The field, rendered as the server renders paths
    /// (`spec.ephemeralContainers[0].securityContext.allowPrivilegeEscalation`).
    pub path: String,
    pub value: FixValue,
}

/// The value a [`Fix`] sets; [`fmt::Display`] writes it as JSON (`null` for [`FixValue::Remove`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FixValue {
    /// Leave the field (or list item) out.
    Remove,
    Bool(bool),
    Str(&'static str),
    List(Vec<String>),
}

impl fmt::Display for FixValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let json = |s: &str| serde_json::Value::from(s).to_string();
        match self {
            FixValue::Remove => f.write_str("null"),
            FixValue::Bool(b) => write!(f, "{b}"),
            FixValue::Str(s) => f.write_str(&json(s)),
            FixValue::List(items) => write!(f, "[{}]", items.iter().map(|s| json(s)).collect::<Vec<_>>().join(",")),
        }
    }
}

/// One mode's result when it found violations (`policy.AggregateCheckResult`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// The policy as the namespace names it (`restricted:latest`, `baseline:v1.30`).
    pub policy: LevelVersion,
    /// In the library's order: baseline checks by id, then restricted checks by id.
    pub violations: Vec<Violation>,
}

impl Verdict {
    /// `ForbiddenReason()`: the reasons joined with `, `.
    pub fn reason(&self) -> String {
        self.violations.iter().map(|v| v.reason.as_str()).collect::<Vec<_>>().join(", ")
    }

    /// `ForbiddenDetail()`: each reason, with its detail in parentheses when there is one.
    pub fn detail(&self) -> String {
        let each = |v: &Violation| if v.detail.is_empty() { v.reason.clone() } else { format!("{} ({})", v.reason, v.detail) };
        self.violations.iter().map(each).collect::<Vec<_>>().join(", ")
    }
}

/// Why PodSecurity evaluated nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Skip {
    /// Every mode is privileged and every label valid (`FullyPrivileged`).
    Privileged,
    /// No container was added and no image changed (`isSignificantPodUpdate`).
    NotSignificant,
}

/// What PodSecurity does with one `ephemeralcontainers` update.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub skipped: Option<Skip>,
    /// The enforce policy's violations: the request is refused with 403 Forbidden.
    pub denied: Option<Verdict>,
    /// The warn policy's violations, sent as a warning only when the request is allowed.
    pub warned: Option<Verdict>,
    /// The audit policy's violations: written to the audit log, never shown to the client.
    pub audited: Option<Verdict>,
    /// The audit annotations the plugin adds (each key after [`LABEL_PREFIX`]), by key.
    pub audit_annotations: Vec<(&'static str, String)>,
}

impl Outcome {
    pub fn allowed(&self) -> bool {
        self.denied.is_none()
    }

    /// The 403's message (`apierrors.NewForbidden` on `pods`, response.go):
    /// `pods "NAME" is forbidden: violates PodSecurity "restricted:latest": …`.
    pub fn denial_message(&self, pod_name: &str) -> Option<String> {
        let v = self.denied.as_ref()?;
        let name = if pod_name.is_empty() { String::new() } else { format!(" {}", go_quote(pod_name)) };
        Some(format!("pods{name} is forbidden: violates PodSecurity {}: {}", go_quote(&v.policy.to_string()), v.detail()))
    }

    /// The denial as kubectl prints it (`StandardErrorMessage`, kubectl pkg/cmd/util/helpers.go).
    pub fn kubectl_error(&self, pod_name: &str) -> Option<String> {
        self.denial_message(pod_name).map(|m| format!("Error from server (Forbidden): {m}"))
    }

    /// The warning as the client receives it: `would violate PodSecurity "…": …`, dropped
    /// when it holds a control character and cut to 256 characters when longer than 4096
    /// (`NewWarningHeader` and the apiserver's warning recorder).
    pub fn warning(&self) -> Option<String> {
        let v = self.warned.as_ref()?;
        let text = format!("would violate PodSecurity {}: {}", go_quote(&v.policy.to_string()), v.detail());
        if text.chars().any(char::is_control) {
            return None;
        }
        Some(if text.chars().count() > 4096 { text.chars().take(256).collect() } else { text })
    }

    /// The warning line kubectl writes to standard error.
    pub fn kubectl_warning(&self) -> Option<String> {
        self.warning().map(|w| format!("Warning: {w}"))
    }
}

/// The API server minor whose library is modelled: [`crate::KUBE_MINORS`], nearest end for others.
fn server(minor: u32) -> u32 {
    minor.clamp(*crate::KUBE_MINORS.start(), *crate::KUBE_MINORS.end())
}

/// The checks of `lv` that fail (`Evaluator.EvaluatePod`), in order, for `pod` with
/// `ephemeral` as its ephemeral containers, on an API server of `server_minor`. For the pod
/// as it is, pass its own `spec.ephemeralContainers`.
pub fn evaluate(lv: LevelVersion, pod: &Pod, ephemeral: &[EphemeralContainer], server_minor: u32) -> Vec<Violation> {
    let empty;
    let spec = match &pod.spec {
        Some(spec) => spec,
        None => {
            empty = PodSpec::default();
            &empty
        }
    };
    let view = checks::PodView::new(&pod.metadata, spec, ephemeral, server(server_minor), true);
    checks::evaluate(lv.level, lv.version.effective(server_minor), &view)
}

/// Whether `pod` with `ephemeral` as its ephemeral containers passes `lv` (what
/// [`evaluate`] finds nothing in), given whether the pod as it is passes (`pod_passes`, its
/// own `spec.ephemeralContainers` included: a caller judging many additions to one pod
/// evaluates it once). Every check fails on the pod's own fields or on some container's
/// (with the pod's), never on two containers together: so a pod that fails fails with
/// anything added, and one that passes passes with `ephemeral` when its own fields and the
/// containers of `ephemeral` do. Its init and regular containers are not read again, which
/// on a pod of hundreds of containers is most of the work.
pub fn passes_with(lv: LevelVersion, pod: &Pod, pod_passes: bool, ephemeral: &[EphemeralContainer], server_minor: u32) -> bool {
    if !pod_passes {
        return false;
    }
    let empty = PodSpec::default();
    let spec = pod.spec.as_ref().unwrap_or(&empty);
    let view = checks::PodView::new(&pod.metadata, spec, ephemeral, server(server_minor), false);
    checks::evaluate(lv.level, lv.version.effective(server_minor), &view).is_empty()
}

/// PodSecurity on the update of `stored`'s ephemeral containers to `ephemeral` (the complete
/// new list, as the server stores it: [`crate::Report::stored`]), in a namespace of policy
/// `ns`, on an API server of `server_minor` (`ValidatePod` and `EvaluatePod`,
/// admission/admission.go). Admission runs after validation: a request that fails
/// validation never gets here.
pub fn admit(ns: &NamespacePolicy, stored: &Pod, ephemeral: &[EphemeralContainer], server_minor: u32) -> Outcome {
    let mut out = Outcome { skipped: None, denied: None, warned: None, audited: None, audit_annotations: Vec::new() };
    if ns.errors.is_empty() && ns.fully_privileged() {
        out.skipped = Some(Skip::Privileged);
        out.audit_annotations.push(("enforce-policy", "privileged:latest".to_owned()));
        return out;
    }
    if !significant(stored, ephemeral) {
        out.skipped = Some(Skip::NotSignificant);
        return out;
    }
    let verdict = |lv: LevelVersion| {
        let violations = evaluate(lv, stored, ephemeral, server_minor);
        (!violations.is_empty()).then_some(Verdict { policy: lv, violations })
    };
    let p = ns.policy;
    out.denied = verdict(p.enforce);
    out.audited = verdict(p.audit);
    if out.denied.is_none() {
        out.warned = verdict(p.warn);
    }
    if let Some(a) = &out.audited {
        out.audit_annotations
            .push(("audit-violations", format!("would violate PodSecurity {}: {}", go_quote(&a.policy.to_string()), a.detail())));
    }
    out.audit_annotations.push(("enforce-policy", p.enforce.to_string()));
    if !ns.errors.is_empty() {
        // field.ErrorList.ToAggregate: one error as it is, several in brackets.
        let all: Vec<String> = ns.errors.iter().map(ToString::to_string).collect();
        let agg = if all.len() == 1 { all[0].clone() } else { format!("[{}]", all.join(", ")) };
        out.audit_annotations.push(("error", format!("Failed to parse policy: {agg}")));
    }
    out
}

/// `isSignificantPodUpdate` (admission/admission.go) for an update that changes only the
/// ephemeral containers: an added name, or a changed image. (Up to 1.26 a changed seccomp
/// annotation counted too; this subresource cannot change annotations.)
fn significant(stored: &Pod, ephemeral: &[EphemeralContainer]) -> bool {
    let old = stored.spec.as_ref().and_then(|s| s.ephemeral_containers.as_deref()).unwrap_or(&[]);
    let changed = |o: &EphemeralContainer, c: &EphemeralContainer| o.image.as_deref().unwrap_or("") != c.image.as_deref().unwrap_or("");
    ephemeral.iter().any(|c| old.iter().find(|o| o.name == c.name).is_none_or(|o| changed(o, c)))
}
