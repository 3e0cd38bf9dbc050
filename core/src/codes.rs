//! Every diagnostic code the core emits, in one table: what kind of finding it is, the
//! why-and-fix text for the server's own errors (which say only what is wrong), the
//! Kubernetes documentation page, and the section of the Learn text that explains it. The
//! checker fills `Diagnostic::help` from here, the CLI and the page link from here, and the
//! tests prove that every code written in the sources is here and that every entry is
//! emitted somewhere, so a new rule, hint or check is added in this one place.

/// What kind of finding a code names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The request's text cannot be read or decoded as the server decodes it (`D-`).
    Decode,
    /// A rule of the server's validation (`R-`, numbered as in the rule catalogue).
    Rule,
    /// What the server accepts but will fail or surprise at run time (`H-`).
    Hint,
    /// A check of the built-in Pod Security admission (`PSA-` and the check's id).
    PodSecurity,
}

/// One code's entry.
#[derive(Debug)]
pub struct Code {
    /// As in `Diagnostic::code`.
    pub code: &'static str,
    pub kind: Kind,
    /// The entry holds for a diagnostic whose field path ends with one of these; empty: for
    /// any. Only R-09 (one entry per family of disallowed fields) needs it.
    pub fields: &'static [&'static str],
    /// Why the rule exists and how to get past it, where the server's text says only what is
    /// wrong.
    pub help: Option<&'static str>,
    /// The Kubernetes documentation page that explains it.
    pub doc: &'static str,
    /// The id of the Learn section that explains it (`learn::SECTIONS`).
    pub learn: &'static str,
    /// The Pod Security check's id (`policy.Check.ID`), for `PSA-` codes.
    pub check: Option<&'static str>,
}

const EPHEMERAL: &str = "https://kubernetes.io/docs/concepts/workloads/pods/ephemeral-containers/";
const SECURITY_CONTEXT: &str = "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/";
const VOLUMES: &str = "https://kubernetes.io/docs/concepts/storage/volumes/";
const ENV: &str = "https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/";
const STATIC_PODS: &str = "https://kubernetes.io/docs/tasks/configure-pod-container/static-pod/";
const WINDOWS: &str = "https://kubernetes.io/docs/concepts/windows/intro/";
const DEBUG_RUNNING_POD: &str = "https://kubernetes.io/docs/tasks/debug/debug-application/debug-running-pod/#ephemeral-container";
const PULL_POLICY: &str = "https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy";
const FIELD_VALIDATION: &str = "https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation";
const FEATURE_GATES: &str = "https://kubernetes.io/docs/reference/command-line-tools-reference/feature-gates/";
const POD_SECURITY: &str = "https://kubernetes.io/docs/concepts/security/pod-security-standards/";

/// Every code, in the order of the rule catalogue: decoding, rules, hints, Pod Security.
pub static CODES: &[Code] = &[
    Code { code: "D-01", kind: Kind::Decode, fields: &[], help: None, doc: FIELD_VALIDATION, learn: "decoding", check: None },
    Code { code: "D-02", kind: Kind::Decode, fields: &[], help: None, doc: FIELD_VALIDATION, learn: "decoding", check: None },
    Code { code: "D-03", kind: Kind::Decode, fields: &[], help: None, doc: FIELD_VALIDATION, learn: "decoding", check: None },
    Code { code: "D-04", kind: Kind::Decode, fields: &[], help: None, doc: FIELD_VALIDATION, learn: "decoding", check: None },
    Code { code: "R-01", kind: Kind::Rule, fields: &[], help: Some("Container names are DNS labels: lowercase letters, digits and '-', at most 63 characters, starting and ending with a letter or digit. kubectl debug uses names like debugger-x7k2p."), doc: EPHEMERAL, learn: "names", check: None },
    Code { code: "R-02", kind: Kind::Rule, fields: &[], help: Some("Container names are DNS labels: lowercase letters, digits and '-', at most 63 characters, starting and ending with a letter or digit. kubectl debug uses names like debugger-x7k2p."), doc: EPHEMERAL, learn: "names", check: None },
    Code { code: "R-03", kind: Kind::Rule, fields: &[], help: Some("Names are unique across containers, init containers and ephemeral containers, and an ephemeral container's name can never be reused in this pod, even after it exits. Pick a fresh name."), doc: EPHEMERAL, learn: "names", check: None },
    Code { code: "R-04", kind: Kind::Rule, fields: &[], help: Some("Every container needs an image. For debugging, busybox:1.36, nicolaka/netshoot or a distro image with your tools."), doc: EPHEMERAL, learn: "image", check: None },
    Code { code: "R-05", kind: Kind::Rule, fields: &[], help: Some("Remove the spaces around the image reference."), doc: EPHEMERAL, learn: "image", check: None },
    Code { code: "R-06", kind: Kind::Rule, fields: &[], help: Some("terminationMessagePolicy is File or FallbackToLogsOnError; leave it out to get File."), doc: EPHEMERAL, learn: "command", check: None },
    // SetDefaults_Container (pkg/apis/core/v1/defaults.go) picks Always only for the tag
    // `latest`, which parsers.ParseImageName gives an image with neither tag nor digest.
    Code { code: "R-07", kind: Kind::Rule, fields: &[], help: Some("imagePullPolicy is Always, IfNotPresent or Never; leave it out and the server picks Always for :latest or an image with neither tag nor digest, and IfNotPresent otherwise."), doc: EPHEMERAL, learn: "image", check: None },
    Code { code: "R-08", kind: Kind::Rule, fields: &[], help: Some("targetContainerName must name one of the pod's containers or init containers (never an ephemeral one); the debugger then shares that container's process namespace."), doc: EPHEMERAL, learn: "target", check: None },
    Code { code: "R-09", kind: Kind::Rule, fields: &[".ports"], help: Some("Ephemeral containers cannot declare ports: they are not part of the pod's service. To reach a port, use `kubectl port-forward` to the app's port, or listen without declaring it."), doc: EPHEMERAL, learn: "no-ports", check: None },
    Code { code: "R-09", kind: Kind::Rule, fields: &[".resources", ".resizePolicy"], help: Some("Ephemeral containers get no resources of their own: what they use counts against the pod (a hungry debugger can get the app OOM-killed or the pod evicted), and they cannot be resized. Remove the field."), doc: EPHEMERAL, learn: "no-resources", check: None },
    Code { code: "R-09", kind: Kind::Rule, fields: &[".restartPolicy", ".restartPolicyRules"], help: Some("Ephemeral containers are never restarted: when the process exits, the container stays terminated. Remove the field."), doc: EPHEMERAL, learn: "no-restart", check: None },
    Code { code: "R-09", kind: Kind::Rule, fields: &[], help: Some("Ephemeral containers are for inspection, not for running the app: probes and lifecycle hooks are not allowed. Remove the field."), doc: EPHEMERAL, learn: "no-probes-lifecycle", check: None },
    Code { code: "R-10", kind: Kind::Rule, fields: &[], help: Some("Ephemeral containers cannot mount with subPath or subPathExpr (the bind mounts would leak until the pod exits). Mount the whole volume and look inside it."), doc: EPHEMERAL, learn: "volumes", check: None },
    Code { code: "R-11", kind: Kind::Rule, fields: &[], help: Some("Ephemeral containers cannot mount with subPath or subPathExpr (the bind mounts would leak until the pod exits). Mount the whole volume and look inside it."), doc: EPHEMERAL, learn: "volumes", check: None },
    Code { code: "R-12", kind: Kind::Rule, fields: &[], help: Some("https://kubernetes.io/docs/concepts/storage/volumes/"), doc: VOLUMES, learn: "volumes", check: None },
    Code { code: "R-13", kind: Kind::Rule, fields: &[], help: Some("https://kubernetes.io/docs/concepts/storage/volumes/"), doc: VOLUMES, learn: "volumes", check: None },
    Code { code: "R-14", kind: Kind::Rule, fields: &[], help: Some("https://kubernetes.io/docs/concepts/storage/volumes/"), doc: VOLUMES, learn: "volumes", check: None },
    Code { code: "R-15", kind: Kind::Rule, fields: &[], help: Some("https://kubernetes.io/docs/concepts/storage/volumes/"), doc: VOLUMES, learn: "volumes", check: None },
    Code { code: "R-16", kind: Kind::Rule, fields: &[], help: Some("https://kubernetes.io/docs/concepts/storage/volumes/"), doc: VOLUMES, learn: "volumes", check: None },
    Code { code: "R-17", kind: Kind::Rule, fields: &[], help: Some("https://kubernetes.io/docs/concepts/storage/volumes/"), doc: VOLUMES, learn: "volumes", check: None },
    Code { code: "R-18", kind: Kind::Rule, fields: &[], help: Some("https://kubernetes.io/docs/concepts/storage/volumes/"), doc: VOLUMES, learn: "volumes", check: None },
    Code { code: "R-19", kind: Kind::Rule, fields: &[], help: Some("https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/"), doc: ENV, learn: "env", check: None },
    Code { code: "R-20", kind: Kind::Rule, fields: &[], help: Some("https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/"), doc: ENV, learn: "env", check: None },
    Code { code: "R-21", kind: Kind::Rule, fields: &[], help: Some("https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/"), doc: ENV, learn: "env", check: None },
    Code { code: "R-22", kind: Kind::Rule, fields: &[], help: Some("This cluster runs without --allow-privileged: privileged containers are refused. Drop privileged and add only the capabilities you need."), doc: SECURITY_CONTEXT, learn: "security", check: None },
    Code { code: "R-23", kind: Kind::Rule, fields: &[], help: Some("The container's securityContext is not valid as written; the message says which field and why."), doc: SECURITY_CONTEXT, learn: "security", check: None },
    Code { code: "R-24", kind: Kind::Rule, fields: &[], help: Some("The container's securityContext is not valid as written; the message says which field and why."), doc: SECURITY_CONTEXT, learn: "security", check: None },
    Code { code: "R-25", kind: Kind::Rule, fields: &[], help: Some("The container's securityContext is not valid as written; the message says which field and why."), doc: SECURITY_CONTEXT, learn: "security", check: None },
    Code { code: "R-26", kind: Kind::Rule, fields: &[], help: Some("The container's securityContext is not valid as written; the message says which field and why."), doc: SECURITY_CONTEXT, learn: "security", check: None },
    Code { code: "R-27", kind: Kind::Rule, fields: &[], help: Some("The container's securityContext is not valid as written; the message says which field and why."), doc: SECURITY_CONTEXT, learn: "security", check: None },
    Code { code: "R-28", kind: Kind::Rule, fields: &[], help: Some("The container's securityContext is not valid as written; the message says which field and why."), doc: SECURITY_CONTEXT, learn: "security", check: None },
    Code { code: "R-29", kind: Kind::Rule, fields: &[], help: Some("In a Windows HostProcess pod, every container (ephemeral ones too) must be a HostProcess container, and the pod must use the host network."), doc: WINDOWS, learn: "windows", check: None },
    Code { code: "R-30", kind: Kind::Rule, fields: &[], help: Some("This is a Windows pod: Linux-only securityContext fields cannot be set."), doc: WINDOWS, learn: "windows", check: None },
    Code { code: "R-31", kind: Kind::Rule, fields: &[], help: Some("This is a Linux pod: windowsOptions cannot be set."), doc: WINDOWS, learn: "windows", check: None },
    Code { code: "R-32", kind: Kind::Rule, fields: &[], help: Some("The server re-validates the whole pod with every ephemeral container request, so a problem in the pod itself also fails the request."), doc: EPHEMERAL, learn: "whole-pod", check: None },
    Code { code: "R-33", kind: Kind::Rule, fields: &[], help: Some("Ephemeral containers can never be removed. Send the existing ones back unchanged (a strategic merge patch or `kubectl debug` does this for you)."), doc: EPHEMERAL, learn: "forever", check: None },
    Code { code: "R-34", kind: Kind::Rule, fields: &[], help: Some("Ephemeral containers can never be changed. Add a new one with a fresh name instead."), doc: EPHEMERAL, learn: "forever", check: None },
    Code { code: "R-37", kind: Kind::Rule, fields: &[], help: Some("https://kubernetes.io/docs/tasks/configure-pod-container/static-pod/"), doc: STATIC_PODS, learn: "static-pods", check: None },
    Code { code: "H-01", kind: Kind::Hint, fields: &[], help: None, doc: DEBUG_RUNNING_POD, learn: "target", check: None },
    Code { code: "H-02", kind: Kind::Hint, fields: &[], help: None, doc: EPHEMERAL, learn: "finished-pods", check: None },
    Code { code: "H-03", kind: Kind::Hint, fields: &[], help: None, doc: DEBUG_RUNNING_POD, learn: "target", check: None },
    Code { code: "H-04", kind: Kind::Hint, fields: &[], help: None, doc: SECURITY_CONTEXT, learn: "security", check: None },
    Code { code: "H-05", kind: Kind::Hint, fields: &[], help: None, doc: SECURITY_CONTEXT, learn: "security", check: None },
    Code { code: "H-06", kind: Kind::Hint, fields: &[], help: None, doc: PULL_POLICY, learn: "image", check: None },
    Code { code: "H-07", kind: Kind::Hint, fields: &[], help: None, doc: EPHEMERAL, learn: "command", check: None },
    Code { code: "H-08", kind: Kind::Hint, fields: &[], help: None, doc: EPHEMERAL, learn: "names", check: None },
    Code { code: "H-09", kind: Kind::Hint, fields: &[], help: None, doc: WINDOWS, learn: "windows", check: None },
    Code { code: "H-11", kind: Kind::Hint, fields: &[], help: None, doc: FEATURE_GATES, learn: "decoding", check: None },
    Code { code: "H-12", kind: Kind::Hint, fields: &[], help: None, doc: STATIC_PODS, learn: "static-pods", check: None },
    Code { code: "PSA-appArmorProfile", kind: Kind::PodSecurity, fields: &[], help: None, doc: POD_SECURITY, learn: "pod-security", check: Some("appArmorProfile") },
    Code { code: "PSA-capabilities_baseline", kind: Kind::PodSecurity, fields: &[], help: None, doc: POD_SECURITY, learn: "pod-security", check: Some("capabilities_baseline") },
    Code { code: "PSA-hostNamespaces", kind: Kind::PodSecurity, fields: &[], help: None, doc: POD_SECURITY, learn: "pod-security", check: Some("hostNamespaces") },
    Code { code: "PSA-hostPathVolumes", kind: Kind::PodSecurity, fields: &[], help: None, doc: POD_SECURITY, learn: "pod-security", check: Some("hostPathVolumes") },
    Code { code: "PSA-hostPorts", kind: Kind::PodSecurity, fields: &[], help: None, doc: POD_SECURITY, learn: "pod-security", check: Some("hostPorts") },
    Code { code: "PSA-hostProbesAndHostLifecycle", kind: Kind::PodSecurity, fields: &[], help: None, doc: POD_SECURITY, learn: "pod-security", check: Some("hostProbesAndHostLifecycle") },
    Code { code: "PSA-privileged", kind: Kind::PodSecurity, fields: &[], help: None, doc: POD_SECURITY, learn: "pod-security", check: Some("privileged") },
    Code { code: "PSA-procMount", kind: Kind::PodSecurity, fields: &[], help: None, doc: POD_SECURITY, learn: "pod-security", check: Some("procMount") },
    Code { code: "PSA-seLinuxOptions", kind: Kind::PodSecurity, fields: &[], help: None, doc: POD_SECURITY, learn: "pod-security", check: Some("seLinuxOptions") },
    Code { code: "PSA-seccompProfile_baseline", kind: Kind::PodSecurity, fields: &[], help: None, doc: POD_SECURITY, learn: "pod-security", check: Some("seccompProfile_baseline") },
    Code { code: "PSA-sysctls", kind: Kind::PodSecurity, fields: &[], help: None, doc: POD_SECURITY, learn: "pod-security", check: Some("sysctls") },
    Code { code: "PSA-windowsHostProcess", kind: Kind::PodSecurity, fields: &[], help: None, doc: POD_SECURITY, learn: "pod-security", check: Some("windowsHostProcess") },
    Code { code: "PSA-allowPrivilegeEscalation", kind: Kind::PodSecurity, fields: &[], help: None, doc: POD_SECURITY, learn: "pod-security", check: Some("allowPrivilegeEscalation") },
    Code { code: "PSA-capabilities_restricted", kind: Kind::PodSecurity, fields: &[], help: None, doc: POD_SECURITY, learn: "pod-security", check: Some("capabilities_restricted") },
    Code { code: "PSA-procMount_restricted", kind: Kind::PodSecurity, fields: &[], help: None, doc: POD_SECURITY, learn: "pod-security", check: Some("procMount_restricted") },
    Code { code: "PSA-restrictedVolumes", kind: Kind::PodSecurity, fields: &[], help: None, doc: POD_SECURITY, learn: "pod-security", check: Some("restrictedVolumes") },
    Code { code: "PSA-runAsNonRoot", kind: Kind::PodSecurity, fields: &[], help: None, doc: POD_SECURITY, learn: "pod-security", check: Some("runAsNonRoot") },
    Code { code: "PSA-runAsUser", kind: Kind::PodSecurity, fields: &[], help: None, doc: POD_SECURITY, learn: "pod-security", check: Some("runAsUser") },
    Code { code: "PSA-seccompProfile_restricted", kind: Kind::PodSecurity, fields: &[], help: None, doc: POD_SECURITY, learn: "pod-security", check: Some("seccompProfile_restricted") },
];

/// The entry for `code` on a diagnostic at `field`.
pub fn lookup(code: &str, field: &str) -> Option<&'static Code> {
    CODES.iter().find(|c| c.code == code && (c.fields.is_empty() || c.fields.iter().any(|f| field.ends_with(f))))
}

/// The help text for a server rule's diagnostic at `field`, when there is one.
pub fn help_for(code: &str, field: &str) -> Option<&'static str> {
    lookup(code, field).and_then(|c| c.help)
}

/// The Kubernetes documentation page for a code (the ephemeral containers page for an
/// unknown one).
pub fn doc_link(code: &str) -> &'static str {
    CODES.iter().find(|c| c.code == code).map_or(EPHEMERAL, |c| c.doc)
}

/// The id of the Learn section that explains `code` at `field` (the introduction, `what`,
/// for an unknown code).
pub fn section_for(code: &str, field: &str) -> &'static str {
    lookup(code, field).map_or("what", |c| c.learn)
}

/// The code of a Pod Security check's violations (`PSA` for a check not in the table).
pub fn pod_security_code(check: &str) -> &'static str {
    CODES.iter().find(|c| c.check == Some(check)).map_or("PSA", |c| c.code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learn::SECTIONS;

    /// The diagnostic codes (`R-01`, `H-08`, `D-04`, …) quoted in `text`.
    fn codes_in(text: &str) -> Vec<String> {
        let mut codes: Vec<String> = text
            .split('"')
            .skip(1)
            .step_by(2)
            .filter(|c| {
                let b = c.as_bytes();
                b.len() == 4 && matches!(b[0], b'R' | b'H' | b'D') && b[1] == b'-' && b[2..].iter().all(u8::is_ascii_digit)
            })
            .map(str::to_owned)
            .collect();
        codes.sort();
        codes.dedup();
        codes
    }

    /// Every code written in the core's sources (this file aside), read from the sources.
    fn codes_in_sources() -> Vec<String> {
        let mut codes = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("codes.rs") {
                    codes.extend(codes_in(&std::fs::read_to_string(&path).unwrap()));
                }
            }
        }
        codes.sort();
        codes.dedup();
        codes
    }

    #[test]
    fn every_code_in_the_sources_is_registered_and_every_entry_is_emitted() {
        let written = codes_in_sources();
        // The scan finds at least what the rule catalogue and the hints list.
        assert!(written.len() >= 49, "{written:?}");
        for code in &written {
            assert!(lookup(code, "spec.ephemeralContainers[0].x").is_some(), "{code} is written in the sources but not registered");
        }
        for c in CODES.iter().filter(|c| c.kind != Kind::PodSecurity) {
            assert!(written.iter().any(|w| w == c.code), "{} is registered but never emitted", c.code);
        }
        // Pod Security's codes: one per check the admission runs, and no other.
        let checks: Vec<&str> = crate::admission::checks::CHECKS.iter().map(|c| c.id).collect();
        let registered: Vec<&str> = CODES.iter().filter_map(|c| c.check).collect();
        assert_eq!(registered, checks);
        for c in CODES.iter().filter(|c| c.kind == Kind::PodSecurity) {
            assert_eq!(Some(c.code.strip_prefix("PSA-").unwrap()), c.check);
        }
        assert_eq!(pod_security_code("no such check"), "PSA");
    }

    #[test]
    fn every_code_has_a_section_of_its_own_topic_and_a_page() {
        for c in CODES {
            assert!(SECTIONS.iter().any(|s| s.id == c.learn), "{} -> {}, which is not a section", c.code, c.learn);
            assert_ne!(c.learn, "what", "{} falls back to the introduction", c.code);
            assert!(c.doc.starts_with("https://kubernetes.io/docs/"), "{}", c.code);
            let prefix = match c.kind {
                Kind::Decode => "D-",
                Kind::Rule => "R-",
                Kind::Hint => "H-",
                Kind::PodSecurity => "PSA-",
            };
            assert!(c.code.starts_with(prefix), "{}", c.code);
        }
        assert_eq!(section_for("X-99", ""), "what");
        assert_eq!(doc_link("X-99"), EPHEMERAL);
        assert_eq!(section_for(crate::admission::code("runAsNonRoot"), ""), "pod-security");
        assert_eq!(doc_link("PSA-privileged"), POD_SECURITY);
    }

    #[test]
    fn every_server_rule_says_why_and_how_to_get_past_it() {
        for c in CODES.iter().filter(|c| c.kind == Kind::Rule) {
            assert!(c.help.is_some_and(|h| h.len() > 40), "{} has no help", c.code);
        }
    }

    #[test]
    fn disallowed_fields_land_on_their_family() {
        let r09 = |f: &str| section_for("R-09", &format!("spec.ephemeralContainers[2].{f}"));
        let got: Vec<&str> = ["ports", "resources", "resizePolicy", "restartPolicy", "restartPolicyRules"].map(r09).to_vec();
        assert_eq!(got, ["no-ports", "no-resources", "no-resources", "no-restart", "no-restart"]);
        for f in ["livenessProbe", "readinessProbe", "startupProbe", "lifecycle"] {
            assert_eq!(r09(f), "no-probes-lifecycle", "{f}");
        }
        let help = |f: &str| help_for("R-09", &format!("spec.ephemeralContainers[0].{f}")).unwrap();
        assert!(help("ports").contains("port-forward"));
        assert!(help("resizePolicy").contains("resources"));
        assert!(help("restartPolicyRules").contains("never restarted"));
        assert!(help("startupProbe").contains("probes"));
    }
}
