//! The whole judgement: read the pod and the containers, run the server's pipeline, add
//! hints, and put every diagnostic at its line and column; then, as its own step
//! ([`Report::admit`]), the namespace's Pod Security admission.
//!
//! Admission is a step of its own because the server runs it only on a request that has
//! decoded and validated, and because the playground's first download leaves it out: its
//! main module calls [`Report::validate`] alone, and the module it loads on demand, told
//! whether that passed, calls [`Report::prepare`] and [`Report::admit`] (ARCHITECTURE.md, "Two
//! WebAssembly modules").

use std::sync::Arc;

use k8s_openapi::api::core::v1::EphemeralContainer;

use crate::admission;
use crate::diag::{Diagnostic, ErrorType, Severity, Source};
use crate::hints;
use crate::input::{self, ContainersDoc, PodDoc};
use crate::node::{Node, Pos};
use crate::path::{segments, split_at_index, Segment};
use crate::render;
use crate::validate::ephemeral::MIRROR_ANNOTATION;
use crate::validate::Options;

/// How the containers' text relates to the pod's `spec.ephemeralContainers`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// The container(s) are added after the pod's existing ones (what `kubectl debug`
    /// and a JSON patch `add …/-` do).
    #[default]
    Append,
    /// The text is the complete new list, as a PUT or an applied patch would leave it.
    Replace,
}

/// Everything that was found, in the order a reader needs it: decoding errors, the
/// server's errors in the server's order, then warnings and hints.
#[derive(Clone, Debug)]
pub struct Report {
    pub pod_name: String,
    pub diagnostics: Vec<Diagnostic>,
    /// The input could not be judged at all (not YAML, not a pod…); `diagnostics` holds why.
    pub unusable: bool,
    /// The pod and containers as read, for the exports (the pod shared with the caller
    /// of [`check_read`], who may judge many containers against one reading).
    pub pod: Option<Arc<PodDoc>>,
    pub containers: Option<ContainersDoc>,
    /// Where the new containers start in the pod's new list.
    pub first_new: usize,
    /// The pod's new `spec.ephemeralContainers` after the server's defaulting: what it
    /// would store (empty when the input could not be judged).
    pub stored: Vec<EphemeralContainer>,
    /// What the namespace's Pod Security admission does with the request, once
    /// [`Report::admit`] has run on a request that validated (`None` before, and when it did
    /// not validate: a 422 means admission never runs).
    pub admission: Option<admission::Outcome>,
}

impl Report {
    /// The server would accept the request.
    pub fn valid(&self) -> bool {
        !self.diagnostics.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Error)
    }

    /// What kubectl would print for the request, line by line as it prints them: the
    /// response's warnings (unknown fields, then Pod Security's), then the error, if any.
    /// Empty when the server would accept without a word.
    pub fn summary(&self) -> String {
        render::kubectl_summary(&self.pod_name, &self.diagnostics, self.admission.as_ref())
    }

    /// The built-in Pod Security admission of the namespace's policy (`opts.pod_security`) on
    /// an API server of `opts.kube_minor`, the step after validation: on a request that
    /// decoded and validated, enforce's violations become errors, warn's warnings and audit's
    /// infos, each at the field whose fix makes its check pass, and [`Report::admission`]
    /// says what the server does. A request with errors is left as it is (the server never
    /// admits it); so is a report admitted already.
    pub fn admit(&mut self, opts: &Options) {
        if self.unusable || !self.valid() || self.admission.is_some() {
            return;
        }
        let (Some(pod_doc), Some(doc)) = (&self.pod, &self.containers) else { return };
        let existing = pod_doc.pod.spec.as_ref().and_then(|s| s.ephemeral_containers.as_deref()).unwrap_or_default();
        let locator =
            Locator { pod: &pod_doc.node, containers: &doc.nodes, ends: &doc.ends, first: self.first_new, list: &self.stored, existing };
        let outcome = admission::admit(&opts.pod_security, &pod_doc.pod, &self.stored, opts.kube_minor);
        for mut d in admission_diagnostics(&outcome) {
            locator.place(&mut d);
            self.diagnostics.push(d);
        }
        // Stable: the errors, now admission's, come first.
        self.diagnostics.sort_by_key(|d| d.severity);
        self.admission = Some(outcome);
    }
}

/// Judges `containers_text` against the pod in `pod_text`: reading, decoding, the server's
/// preparation and validation, the hints, then Pod Security admission.
pub fn check(pod_text: &str, containers_text: &str, mode: Mode, opts: &Options) -> Report {
    check_read(&read_pod(pod_text), containers_text, mode, opts)
}

/// The pod's text as read once, for [`check_read`]: a playground re-judges the container
/// on every keystroke without reading a large pod again.
pub fn read_pod(pod_text: &str) -> Result<Arc<PodDoc>, Diagnostic> {
    input::read_pod(pod_text).map(Arc::new).map_err(|e| e.to_diagnostic())
}

/// [`read_pod`], giving the text up once it is parsed ([`input::read_pod_owned`]).
pub fn read_pod_owned(pod_text: String) -> Result<Arc<PodDoc>, Diagnostic> {
    input::read_pod_owned(pod_text).map(Arc::new).map_err(|e| e.to_diagnostic())
}

/// [`check`], with the pod already read by [`read_pod`]: [`Report::validate`], then
/// [`Report::admit`].
pub fn check_read(pod: &Result<Arc<PodDoc>, Diagnostic>, containers_text: &str, mode: Mode, opts: &Options) -> Report {
    let mut report = Report::validate(pod, containers_text, mode, opts);
    report.admit(opts);
    report
}

impl Report {
    /// [`check_read`] up to admission: reading the containers, decoding, the server's
    /// preparation and validation, and the hints, each diagnostic at its line and column.
    /// [`Report::admit`] is the next step.
    pub fn validate(pod: &Result<Arc<PodDoc>, Diagnostic>, containers_text: &str, mode: Mode, opts: &Options) -> Report {
        Report::read(pod, containers_text, mode, opts, true)
    }

    /// [`Report::validate`] without the validation and the hints: reading the containers,
    /// decoding (its diagnostics) and the server's preparation, for [`Report::admit`] next.
    /// For a caller that has validated the same request already, and knows that it passed
    /// (the playground's module loaded on demand: the page has just validated it): the
    /// stored list, not the judgement, is what admission needs.
    pub fn prepare(pod: &Result<Arc<PodDoc>, Diagnostic>, containers_text: &str, mode: Mode, opts: &Options) -> Report {
        Report::read(pod, containers_text, mode, opts, false)
    }

    fn read(pod: &Result<Arc<PodDoc>, Diagnostic>, containers_text: &str, mode: Mode, opts: &Options, validate: bool) -> Report {
        // The pod stays in the report when only the containers could not be read: the
        // playground still offers its containers and volumes.
        let unusable = |name: String, d: Diagnostic, pod: Option<Arc<PodDoc>>| Report {
            pod_name: name,
            diagnostics: vec![d],
            unusable: true,
            pod,
            containers: None,
            first_new: 0,
            stored: Vec::new(),
            admission: None,
        };
        let pod_doc = match pod {
            Ok(doc) => doc.clone(),
            Err(e) => return unusable(String::new(), e.clone(), None),
        };
        let pod_name = pod_doc.pod.metadata.name.clone().unwrap_or_default();
        let existing: Vec<EphemeralContainer> = pod_doc.pod.spec.as_ref().and_then(|s| s.ephemeral_containers.clone()).unwrap_or_default();
        let first = match mode {
            Mode::Append => existing.len(),
            Mode::Replace => 0,
        };
        let doc = match input::read_containers(containers_text, first) {
            Ok(doc) => doc,
            Err(e) => return unusable(pod_name, e.to_diagnostic(), Some(pod_doc)),
        };

        let list: Vec<EphemeralContainer> = match mode {
            Mode::Append => existing.iter().cloned().chain(doc.containers.iter().cloned()).collect(),
            Mode::Replace => doc.containers.clone(),
        };
        let (server, stored, mut hints) = if validate {
            let (mut server, stored) = pod_doc.stored().validate(&pod_doc.pod, &list, opts);
            let mut hints = hints::hints(&pod_doc.pod, &stored, first, opts.kube_minor);
            let spec = pod_doc.pod.spec.as_ref();
            hints.extend(crate::validate::prepare::dropped_field_hints(&list, spec.unwrap_or(&Default::default()), opts.kube_minor, first));
            merge_name_clashes(&mut server, &mut hints);
            (server, stored, hints)
        } else {
            let (server, stored) = crate::validate::ephemeral::Stored::prepare(&pod_doc.pod, &list, opts);
            (server, stored, Vec::new())
        };

        let locator = Locator { pod: &pod_doc.node, containers: &doc.nodes, ends: &doc.ends, first, list: &list, existing: &existing };
        let mut diagnostics: Vec<Diagnostic> = pod_doc.issues.iter().chain(doc.issues.iter()).cloned().collect();
        for d in &mut diagnostics {
            input::apply_field_validation(d, opts.field_validation);
        }
        for mut d in server.into_iter().chain(hints.drain(..)) {
            locator.place(&mut d);
            if d.help.is_none() {
                d.help = crate::codes::help_for(d.code, &d.field).map(str::to_owned);
            }
            diagnostics.push(d);
        }
        // Stable: errors keep the server's order; warnings and hints follow.
        diagnostics.sort_by_key(|d| d.severity);
        Report {
            pod_name,
            diagnostics,
            unusable: false,
            pod: Some(pod_doc),
            containers: Some(doc),
            first_new: first,
            stored,
            admission: None,
        }
    }
}

/// A name the pod already has is said once: the server's `Duplicate value` (R-03), with the
/// hint's free name (H-08) as its help, rather than an error and a warning saying the same.
fn merge_name_clashes(server: &mut [Diagnostic], hints: &mut Vec<Diagnostic>) {
    hints.retain(|h| {
        let Some(error) = (h.code == "H-08").then(|| server.iter_mut().find(|e| e.code == "R-03" && e.field == h.field)).flatten() else {
            return true;
        };
        error.help = h.help.clone();
        false
    });
}

/// The `kubectl debug` profile whose securityContext passes `check` at `level` (its
/// `profiles.go`: restricted sets allowPrivilegeEscalation false, drops ALL capabilities, sets
/// runAsNonRoot and a RuntimeDefault seccomp profile from kubectl 1.28; baseline adds nothing).
fn fitting_profile(level: admission::Level, check: &str) -> Option<&'static str> {
    match (level, check) {
        (
            admission::Level::Restricted,
            "allowPrivilegeEscalation" | "capabilities_restricted" | "runAsNonRoot" | "seccompProfile_restricted",
        ) => Some("restricted"),
        (admission::Level::Baseline, "capabilities_baseline" | "privileged") => Some("baseline"),
        _ => None,
    }
}

/// Each violation of the enforce policy as an error and of the warn policy as a warning, at
/// the first field whose fix makes the check pass; audit's as infos, since the client never
/// sees them.
fn admission_diagnostics(outcome: &admission::Outcome) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let modes = [
        (&outcome.denied, Severity::Error, "refuses"),
        (&outcome.warned, Severity::Warning, "warns about"),
        (&outcome.audited, Severity::Info, "records in the audit log, unseen by you,"),
    ];
    for (verdict, severity, does) in modes {
        let Some(verdict) = verdict else { continue };
        for v in &verdict.violations {
            let field = v
                .fixes
                .iter()
                .find(|f| f.path.starts_with("spec.ephemeralContainers"))
                .or(v.fixes.first())
                .map_or_else(String::new, |f| f.path.clone());
            let message = if v.detail.is_empty() { v.reason.clone() } else { format!("{} ({})", v.reason, v.detail) };
            let (own, pods): (Vec<&admission::Fix>, Vec<&admission::Fix>) =
                v.fixes.iter().partition(|f| f.path.starts_with("spec.ephemeralContainers"));
            let mode = match severity {
                Severity::Error => "enforce",
                Severity::Warning => "warn",
                Severity::Info => "audit",
            };
            let mut help = format!("Pod Security {} ({mode}) {does} this: {}.", verdict.policy, v.reason);
            if !own.is_empty() {
                help.push_str(&format!(" To pass, {}.", said_fixes(&own)));
            }
            if !pods.is_empty() {
                help.push_str(&format!(
                    " The pod itself does not pass either ({}): no request to the ephemeralcontainers subresource can change that, so no ephemeral container is admitted until the pod is recreated or the namespace's level is lowered.",
                    said_fixes(&pods)
                ));
            }
            if let Some(profile) = fitting_profile(verdict.policy.level, v.check) {
                help.push_str(&format!(" `kubectl debug --profile={profile}` sets a securityContext that passes this check."));
            }
            help.push_str(
                " Exemptions set in the cluster's admission configuration (users, runtime classes, namespaces) cannot be seen from a pod.",
            );
            out.push(Diagnostic {
                severity,
                error_type: ErrorType::Forbidden,
                field,
                message: format!("violates PodSecurity \"{}\": {message}", verdict.policy),
                code: admission::code(v.check),
                help: Some(help),
                line: None,
                column: None,
                source: None,
            });
        }
    }
    out
}

/// Fixes in words, in their order: `set PATH to VALUE` or `remove PATH`. The same change to
/// more than three items of one list in a row is said once, with where (a pod of hundreds of
/// containers failing a check has a fix in each: listed whole, they would bury the help).
fn said_fixes(fixes: &[&admission::Fix]) -> String {
    let change = |f: &admission::Fix, path: &str| match f.value {
        admission::FixValue::Remove => format!("remove {path}"),
        ref value => format!("set {path} to {value}"),
    };
    let mut said = Vec::new();
    let mut i = 0;
    while i < fixes.len() {
        let Some((list, index, rest)) = split_at_index(&fixes[i].path) else {
            said.push(change(fixes[i], &fixes[i].path));
            i += 1;
            continue;
        };
        let mut indices = vec![index];
        while let Some((l, n, r)) = fixes.get(i + indices.len()).filter(|f| f.value == fixes[i].value).and_then(|f| split_at_index(&f.path))
        {
            if l != list || r != rest {
                break;
            }
            indices.push(n);
        }
        if indices.len() > 3 {
            let first: Vec<String> = indices[..3].iter().map(|n| format!("[{n}]")).collect();
            let at = format!("{list}{} and {} more", first.join(", "), indices.len() - 3);
            said.push(format!("{} in {at}", change(fixes[i], rest)));
            i += indices.len();
        } else {
            said.push(change(fixes[i], &fixes[i].path));
            i += 1;
        }
    }
    said.join("; ")
}

/// Finds where a server field path points in the user's texts.
struct Locator<'a> {
    pod: &'a Node,
    containers: &'a [Node],
    /// Where each of `containers` ends (`ContainersDoc::ends`).
    ends: &'a [Pos],
    first: usize,
    list: &'a [EphemeralContainer],
    existing: &'a [EphemeralContainer],
}

impl Locator<'_> {
    fn place(&self, d: &mut Diagnostic) {
        let (source, pos) = self.find(d);
        d.source = Some(source);
        d.line = Some(pos.line);
        d.column = Some(pos.column);
    }

    fn find(&self, d: &Diagnostic) -> (Source, Pos) {
        // The static-pod refusal (`[]`: the whole pod) comes from the mirror annotation.
        if d.code == "R-37" {
            let path = [Segment::Field("metadata"), Segment::Field("annotations"), Segment::Key(MIRROR_ANNOTATION)];
            return (Source::Pod, self.pod.locate(&path));
        }
        let segs = segments(&d.field);
        match segs.as_slice() {
            [Segment::Field("spec"), Segment::Field("ephemeralContainers"), Segment::Index(k), rest @ ..] => {
                if *k >= self.first {
                    if let Some(node) = self.containers.get(k - self.first) {
                        // A field the container leaves out: where it would be added, at the
                        // end of the container, rather than on its first line.
                        return match node.reach(rest) {
                            (_, 0) if !rest.is_empty() => (Source::Container, self.ends[k - self.first]),
                            (pos, _) => (Source::Container, pos),
                        };
                    }
                }
                (Source::Pod, self.pod.locate(&segs))
            }

            [Segment::Field("spec"), Segment::Field("ephemeralContainers")] => {
                // R-33/R-34 name a container in their message: point at it.
                let name = d.message.split('"').nth(1).unwrap_or("");
                if d.error_type == ErrorType::Forbidden && d.message.contains("may not be changed") {
                    if let Some(k) = self.list.iter().rposition(|c| c.name == name) {
                        if k >= self.first {
                            if let Some(node) = self.containers.get(k - self.first) {
                                return (Source::Container, node.locate(&[Segment::Field("name")]));
                            }
                        }
                    }
                }
                if let Some(k) = self.existing.iter().position(|c| c.name == name) {
                    let path = [Segment::Field("spec"), Segment::Field("ephemeralContainers"), Segment::Index(k), Segment::Field("name")];
                    return (Source::Pod, self.pod.locate(&path));
                }
                match self.containers.first() {
                    Some(node) if self.first == 0 => (Source::Container, node.pos),
                    _ => (Source::Pod, self.pod.locate(&segs)),
                }
            }
            _ => (Source::Pod, self.pod.locate(&segs)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POD: &str = "\
apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
    owner: team
spec:
  containers:
  - name: app
    image: nginx:1.27
";

    fn place(report: &Report, code: &str) -> (Option<Source>, u32, u32) {
        let d = report.diagnostics.iter().find(|d| d.code == code).unwrap_or_else(|| panic!("{code} in {:#?}", report.diagnostics));
        (d.source, d.line.unwrap(), d.column.unwrap())
    }

    #[test]
    fn a_field_the_container_leaves_out_is_placed_where_it_would_be_added() {
        // No targetContainerName (H-01): just past the container's last line, not on line 1.
        let ctr = "name: debugger\nimage: busybox:1.36\nstdin: true   \n\n# done\n";
        let r = check(POD, ctr, Mode::Append, &Options::default());
        assert_eq!(place(&r, "H-01"), (Some(Source::Container), 3, 15));
        // In a list, before the next container; a block scalar's lines count as its own.
        let list = "- name: one\n  image: busybox:1.36\n  command:\n  - sh\n# between\n- name: two\n  image: busybox:1.36\n  args: |\n    a\n    bc\n";
        let r = check(POD, list, Mode::Append, &Options::default());
        let places: Vec<(u32, u32)> =
            r.diagnostics.iter().filter(|d| d.code == "H-01").map(|d| (d.line.unwrap(), d.column.unwrap())).collect();
        assert_eq!(places, [(4, 7), (10, 7)]);
        // JSON on one line: the end of that line.
        let r = check(POD, r#"{"name": "d", "image": "busybox:1.36"}"#, Mode::Append, &Options::default());
        assert_eq!(place(&r, "H-01"), (Some(Source::Container), 1, 39));
    }

    #[test]
    fn a_field_under_one_the_container_has_is_placed_on_that_key() {
        let ctr = "name: debugger\nimage: busybox:1.36\ntargetContainerName: app\nsecurityContext:\n  runAsUser: 1000\n  capabilities:\n    add: [NET_ADMIN]\n";
        let r = check(POD, ctr, Mode::Append, &Options::default());
        // H-05 names securityContext.capabilities.add, which is there: the key itself.
        assert_eq!(place(&r, "H-05"), (Some(Source::Container), 7, 5));
    }

    #[test]
    fn the_static_pod_refusal_points_at_the_mirror_annotation() {
        let pod = POD.replace("    owner: team\n", "    owner: team\n    kubernetes.io/config.mirror: abc123\n");
        let pod = pod.replace("spec:\n", "spec:\n  nodeName: node-1\n");
        let r = check(&pod, "name: d\nimage: busybox:1.36\ntargetContainerName: app\n", Mode::Append, &Options::default());
        assert_eq!(r.errors().map(|d| d.field.as_str()).collect::<Vec<_>>(), ["[]"]);
        assert_eq!(place(&r, "R-37"), (Some(Source::Pod), 7, 5));
    }

    #[test]
    fn a_name_the_pod_has_is_one_error_with_a_free_name_in_its_help() {
        let r = check(POD, "name: app\nimage: busybox:1.36\ntargetContainerName: app\n", Mode::Append, &Options::default());
        let on_name: Vec<(&str, Severity)> =
            r.diagnostics.iter().filter(|d| d.field == "spec.ephemeralContainers[0].name").map(|d| (d.code, d.severity)).collect();
        assert_eq!(on_name, [("R-03", Severity::Error)]);
        let help = r.diagnostics[0].help.as_deref().unwrap();
        assert!(help.contains("Use a fresh name such as debugger-"), "{help}");
        assert_eq!(r.diagnostics[0].message, "Duplicate value: \"app\"");
    }

    #[test]
    fn no_hint_says_the_container_is_forever_on_every_state() {
        let r = check(POD, "name: d\nimage: busybox:1.36\ntargetContainerName: app\n", Mode::Append, &Options::default());
        assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
    }

    #[test]
    fn the_same_fix_to_many_containers_is_said_once() {
        let containers: String = (0..6).map(|i| format!("  - {{name: app-{i}, image: app:1}}\n")).collect();
        let pod = format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: p, namespace: default}}\nspec:\n  containers:\n{containers}");
        let labels = [("pod-security.kubernetes.io/enforce".to_owned(), "restricted".to_owned())].into();
        let opts = Options {
            pod_security: admission::NamespacePolicy::from_labels(&labels, &admission::Policy::default(), 37),
            ..Options::default()
        };
        let r = check(&pod, "name: d\nimage: busybox:1.36\n", Mode::Append, &opts);
        let d = r.diagnostics.iter().find(|d| d.code == "PSA-runAsNonRoot").unwrap();
        let help = d.help.as_deref().unwrap();
        assert!(
            help.contains(" To pass, set spec.ephemeralContainers[0].securityContext.runAsNonRoot to true. The pod itself does not pass either (set securityContext.runAsNonRoot to true in spec.containers[0], [1], [2] and 3 more):"),
            "{help}"
        );
        // Three are said each in full; so is a change the next one does not share.
        let three = [
            ("spec.containers[0].a", true),
            ("spec.containers[1].a", true),
            ("spec.containers[2].a", true),
            ("spec.containers[3].a", false),
        ];
        let fixes: Vec<admission::Fix> =
            three.iter().map(|(p, v)| admission::Fix { path: (*p).to_owned(), value: admission::FixValue::Bool(*v) }).collect();
        let refs: Vec<&admission::Fix> = fixes.iter().collect();
        assert_eq!(
            said_fixes(&refs),
            "set spec.containers[0].a to true; set spec.containers[1].a to true; set spec.containers[2].a to true; set spec.containers[3].a to false"
        );
    }
}
