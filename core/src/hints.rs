//! What the server never says: warnings and hints about a container the server would
//! accept but that will fail or surprise at run time. Each hint has its own code
//! (`H-xx`), a one-line message, and a why-and-fix help text.

use k8s_openapi::api::core::v1::{Container, EphemeralContainer, Pod, PodSpec};

use crate::defaults::image_tag;
use crate::diag::{go_quote, Diagnostic, Severity};
use crate::path::Path;

/// The characters `kubectl debug` draws generated names from.
const NAME_ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

/// A `debugger-xxxxx` name that no container of the pod uses, derived from `seed` so that
/// the same input always gets the same suggestion.
pub fn free_debugger_name(taken: &[&str], seed: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in seed.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    loop {
        let mut name = String::from("debugger-");
        let mut x = h;
        for _ in 0..5 {
            name.push(NAME_ALPHABET[(x % NAME_ALPHABET.len() as u64) as usize] as char);
            x /= NAME_ALPHABET.len() as u64;
        }
        if !taken.contains(&name.as_str()) {
            return name;
        }
        h = h.wrapping_mul(0x0100_0000_01b3).wrapping_add(1);
    }
}

/// The name suggested instead of `name` when it clashes with a container of `pod` or of
/// `list` (the ephemeral containers as the server would store them): what the H-08 hint
/// says, and what the form's button beside the Name field puts in.
pub fn free_name(pod: &Pod, list: &[EphemeralContainer], name: &str) -> String {
    let spec = pod.spec.as_ref();
    let regular = spec.into_iter().flat_map(|s| s.containers.iter().chain(s.init_containers.iter().flatten()));
    let taken: Vec<&str> = list.iter().map(|c| c.name.as_str()).chain(regular.map(|c| c.name.as_str())).collect();
    free_debugger_name(&taken, &format!("{}/{name}", pod.metadata.name.as_deref().unwrap_or("")))
}

/// Hints for the new ephemeral containers, which sit at indices `first..` of the pod's new
/// list `list`, sent to a 1.`kube_minor` server. `pod` is the stored pod (its own
/// `spec.ephemeralContainers` is not read).
pub fn hints(pod: &Pod, list: &[EphemeralContainer], first: usize, kube_minor: u32) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let empty = PodSpec::default();
    let spec = pod.spec.as_ref().unwrap_or(&empty);
    let list_path = Path::root("spec").child("ephemeralContainers");
    let pod_sc = spec.security_context.clone().unwrap_or_default();
    let share_pid = spec.share_process_namespace == Some(true);
    let regular: Vec<&Container> = spec.containers.iter().chain(spec.init_containers.iter().flatten()).collect();
    let phase = pod.status.as_ref().and_then(|s| s.phase.clone()).unwrap_or_default();

    // KEP-277 (keps/sig-node/277-ephemeral-containers, "Container Runtime Interface (CRI)
    // changes"): ephemeral containers work on any CRI runtime, Windows included, but Windows
    // has no process namespace sharing, so only network troubleshooting is feasible there.
    if spec.os.as_ref().is_some_and(|os| os.name == "windows") {
        out.push(Diagnostic::hint(
            "H-09",
            Severity::Warning,
            &Path::root("spec").child("os").child("name"),
            "a Windows pod: the debugger must be a Windows image, and it cannot see the app's processes",
            "Ephemeral containers start on Windows nodes like any other container, but Windows has no process namespace sharing: targetContainerName does not put the debugger among the app's processes, so the pod's network is what you can troubleshoot. The image must be a Windows image built for the node's Windows version; a Linux image such as busybox cannot start there.",
        ));
    }
    // Before kubernetes/kubernetes#114086 (1.27) the server accepts the request for a static
    // pod's mirror, but the kubelet runs the pod from its file and never starts the container
    // (kubernetes/kubernetes#113935, which that change fixed by refusing it: R-37).
    if list.len() > first && kube_minor < crate::versions::STATIC_POD_REFUSAL_SINCE && crate::validate::ephemeral::is_mirror_pod(pod) {
        out.push(Diagnostic::hint(
            "H-12",
            Severity::Warning,
            &Path::root("metadata").child("annotations").key(crate::validate::ephemeral::MIRROR_ANNOTATION),
            format!("a static pod: Kubernetes 1.{kube_minor} accepts the request, but the container will never start"),
            format!("The kubelet runs a static pod from the file on its node, not from the API: the container is added to the mirror pod's spec and never started. From 1.{} the API server refuses the request (kubernetes/kubernetes#114086). Debug the node instead (`kubectl debug node/NAME -it --image=busybox:1.36`), or run a copy of the pod.", crate::versions::STATIC_POD_REFUSAL_SINCE),
        ));
    }
    if matches!(phase.as_str(), "Succeeded" | "Failed") {
        out.push(Diagnostic::hint(
            "H-02",
            Severity::Warning,
            &Path::root("status").child("phase"),
            format!("the pod has phase {phase}: the container will never start"),
            "The kubelet does not start new containers in a pod that has finished. Debug a copy instead: `kubectl debug POD --copy-to=NAME`.",
        ));
    }

    for (k, ec) in list.iter().enumerate().skip(first) {
        let idx = list_path.index(k);
        let sc = ec.security_context.clone().unwrap_or_default();
        let target = ec.target_container_name.as_deref().filter(|t| !t.is_empty());

        match target {
            // With hostPID every container, the debugger too, is in the node's process
            // namespace, the app's processes among them.
            None if !share_pid && spec.host_pid != Some(true) => out.push(Diagnostic::hint(
                "H-01",
                Severity::Warning,
                &idx.child("targetContainerName"),
                "no targetContainerName and the pod does not share its process namespace: the debugger will not see the app's processes",
                format!(
                    "Without a target the container gets its own process namespace, so `ps`, `strace` and /proc/PID/root show nothing of the app. Set targetContainerName to one of: {}.",
                    regular.iter().map(|c| c.name.as_str()).collect::<Vec<_>>().join(", ")
                ),
            )),
            Some(t) if !matches!(phase.as_str(), "Succeeded" | "Failed") => {
                if let Some(state) = container_state(pod, t) {
                    if state != "running" {
                        out.push(Diagnostic::hint(
                            "H-03",
                            Severity::Warning,
                            &idx.child("targetContainerName"),
                            format!("the target container {} is {state}, not running", go_quote(t)),
                            "The debugger joins the target's process namespace; with the target not running there is nothing to inspect, and the kubelet may not start the debugger until it runs.",
                        ));
                    }
                }
            }
            _ => {}
        }

        // H-04: the kubelet's verifyRunAsNonRoot (pkg/kubelet/kuberuntime/security_context_others.go)
        // refuses a container that would run as root; the runAsUser set (the container's, else
        // the pod's) is what it runs as, the image's USER only when none is. What the restricted
        // level requires is k8s.io/pod-security-admission's policy checks (admission/checks.rs).
        let non_root = sc.run_as_non_root.or(pod_sc.run_as_non_root) == Some(true);
        let uid = sc.run_as_user.or(pod_sc.run_as_user);
        if non_root && uid.is_none() {
            out.push(Diagnostic::hint(
                "H-04",
                Severity::Warning,
                &idx.child("securityContext"),
                "the pod requires runAsNonRoot and the container sets no runAsUser: likely CreateContainerConfigError (\"container has runAsNonRoot and image will run as root\")",
                "Most debug images run as root. Set securityContext.runAsUser to a non-zero UID (the app's UID lets you read its files), or use an image whose USER is numeric and non-root.",
            ));
        } else if non_root && uid == Some(0) {
            out.push(Diagnostic::hint(
                "H-04",
                Severity::Warning,
                &idx.child("securityContext").child("runAsUser"),
                "runAsUser is 0 while runAsNonRoot is required: the container will fail with CreateContainerConfigError",
                "Use a non-zero runAsUser, or drop runAsNonRoot from the container if the namespace's Pod Security level allows it.",
            ));
        } else if !non_root && sc.run_as_non_root.is_none() {
            if let Some(t) = target.and_then(|t| regular.iter().find(|c| c.name == t)) {
                if t.security_context.as_ref().and_then(|s| s.run_as_non_root) == Some(true) {
                    let runs_as = match uid {
                        Some(u) => format!("it runs as UID {u} without promising to"),
                        None => "it runs as its image's user, which for most debug images is root".to_owned(),
                    };
                    out.push(Diagnostic::hint(
                        "H-04",
                        Severity::Info,
                        &idx.child("securityContext"),
                        format!("the target {} requires runAsNonRoot but this container does not: {runs_as}", go_quote(&t.name)),
                        format!("Ephemeral containers do not inherit the target's securityContext. Where the namespace enforces the Pod Security \"restricted\" level, the request is refused unless the container sets runAsNonRoot: true with a non-zero runAsUser (or an image whose USER is a numeric non-root UID), allowPrivilegeEscalation: false, capabilities.drop: [ALL] (NET_BIND_SERVICE alone may be added) and a RuntimeDefault or Localhost seccompProfile; `kubectl debug --profile=restricted` (kubectl 1.{}+) sets all of it but the UID.", crate::versions::KUBECTL_RESTRICTED_COMPLETE_SINCE),
                    ));
                }
            }
        }

        let added = sc.capabilities.as_ref().and_then(|c| c.add.clone()).unwrap_or_default();
        if !added.is_empty() && uid.is_some_and(|u| u != 0) {
            out.push(Diagnostic::hint(
                "H-05",
                Severity::Warning,
                &idx.child("securityContext").child("capabilities").child("add"),
                format!("capabilities {} are added but the container runs as UID {}: they will likely have no effect", added.join(", "), uid.unwrap_or_default()),
                "Linux drops a non-root process's capabilities at exec unless the binary has file capabilities. Run the debugger as root (runAsUser: 0), or use a binary with file capabilities.",
            ));
        }

        let image = ec.image.as_deref().unwrap_or("");
        if !image.is_empty() && image_tag(image) == Some("latest") && !image.contains('@') {
            // SetDefaults_Container: Always for :latest or no tag (what is unset here is
            // Always), and what the user set otherwise.
            let message = match ec.image_pull_policy.as_deref() {
                Some("IfNotPresent") => format!("image {} has no tag or uses :latest, with imagePullPolicy IfNotPresent: the node runs whatever copy of it it has, which may be old", go_quote(image)),
                Some("Never") => format!("image {} has no tag or uses :latest, with imagePullPolicy Never: the node runs whatever copy of it it has, if any", go_quote(image)),
                _ => format!("image {} has no tag or uses :latest: the node pulls whatever it points at when the container starts, which may not be what you tested", go_quote(image)),
            };
            out.push(Diagnostic::hint(
                "H-06",
                Severity::Warning,
                &idx.child("image"),
                message,
                "Pin a tag (busybox:1.36) or a digest, so that what runs is what you tested; imagePullPolicy then defaults to IfNotPresent.",
            ));
        }

        // kubectl pkg/cmd/attach/attach.go streams the container's output whatever its stdin;
        // what is typed reaches only a container with `stdin: true`.
        if ec.tty == Some(true) && ec.stdin != Some(true) {
            out.push(Diagnostic::hint(
                "H-07",
                Severity::Warning,
                &idx.child("tty"),
                "tty without stdin: you can watch the container's output, but nothing you type reaches it",
                "`kubectl attach` streams the terminal's output, and `kubectl attach -it` fails without stdin. For a shell set stdin: true as well (kubectl debug refuses -t without -i).",
            ));
        }

        let clash = list[..k].iter().any(|c| c.name == ec.name) || regular.iter().any(|c| c.name == ec.name);
        if clash && !ec.name.is_empty() {
            let suggestion = free_name(pod, list, &ec.name);
            out.push(Diagnostic::hint(
                "H-08",
                Severity::Warning,
                &idx.child("name"),
                format!("the name {} is already taken in this pod; try {}", go_quote(&ec.name), go_quote(&suggestion)),
                format!("Container names are unique across containers, init containers and ephemeral containers, and an ephemeral container can never be removed or changed. Use a fresh name such as {suggestion}."),
            ));
        }
    }
    out
}

/// The state of a container per the pod's status: "running", "waiting" or "terminated".
fn container_state(pod: &Pod, name: &str) -> Option<&'static str> {
    let status = pod.status.as_ref()?;
    let s = status.container_statuses.iter().flatten().chain(status.init_container_statuses.iter().flatten()).find(|s| s.name == name)?;
    let state = s.state.as_ref()?;
    if state.running.is_some() {
        Some("running")
    } else if state.terminated.is_some() {
        Some("terminated")
    } else if state.waiting.is_some() {
        Some("waiting")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_names_are_stable_and_free() {
        let a = free_debugger_name(&[], "web/app");
        assert_eq!(a, free_debugger_name(&[], "web/app"));
        assert!(a.starts_with("debugger-") && a.len() == 14);
        assert!(a[9..].bytes().all(|b| NAME_ALPHABET.contains(&b)));
        let b = free_debugger_name(&[a.as_str()], "web/app");
        assert_ne!(a, b);
    }
}
