//! The playground's "Learn" panel: ephemeral containers explained in short sections (each
//! an anchor, `#learn-<id>`, that a diagnostic links to), and recipes that fill the composer
//! for the common debugging jobs.
//!
//! Text is plain; `backticks` mark code, which the page shows as code.

use k8s_openapi::api::core::v1::{EphemeralContainer, Pod, SecurityContext, VolumeMount};

use crate::draft::Profile;

/// One topic of the Learn panel.
#[derive(Debug)]
pub struct Section {
    /// Stable and kebab-case: the anchor is `learn-<id>`.
    pub id: &'static str,
    /// The heading.
    pub title: &'static str,
    /// One to three short paragraphs of plain text.
    pub paragraphs: &'static [&'static str],
}

/// A section without its text: what the playground builds in (the anchors and headings),
/// while it fetches the paragraphs when the panel comes near (`static/learn.json`, which
/// web/src/learn.rs's tests keep equal to [`SECTIONS`]).
#[derive(Clone, Copy, Debug)]
pub struct Topic {
    pub id: &'static str,
    pub title: &'static str,
}

/// [`SECTIONS`]' ids and titles, in the same order. Made at compile time, so that a build
/// that uses only these leaves the paragraphs out.
pub const TOPICS: [Topic; SECTIONS.len()] = {
    let mut topics = [Topic { id: "", title: "" }; SECTIONS.len()];
    let mut i = 0;
    while i < SECTIONS.len() {
        topics[i] = Topic { id: SECTIONS[i].id, title: SECTIONS[i].title };
        i += 1;
    }
    topics
};

/// The Learn panel, in reading order.
pub const SECTIONS: &[Section] = &[
    Section {
        id: "what",
        title: "What an ephemeral container is",
        paragraphs: &[
            "An ephemeral container is a container you add to a pod that is already running, to look inside it. It shares the pod's network, can mount the pod's volumes and, with a target, joins the process namespace of one of its containers: a shell beside the app, `tcpdump` on its traffic, `strace` on its processes.",
            "It is not part of the app. It has no ports, no probes, no resources of its own and is never restarted: it runs until its process exits, and then stays in the pod's status as a terminated container.",
        ],
    },
    Section {
        id: "why",
        title: "Why they exist",
        paragraphs: &[
            "Production images are often minimal: distroless images have no shell, no `ps`, no package manager, and `kubectl exec` has nothing to run. A container that crashed cannot be exec'd into at all.",
            "Restarting the pod with a debug image would lose the very state you want to see. An ephemeral container brings the tools to the running pod instead, without restarting anything.",
        ],
    },
    Section {
        id: "subresource",
        title: "Only through the ephemeralcontainers subresource",
        paragraphs: &[
            "Ephemeral containers cannot be written in a pod's manifest, set when a pod is created, or added with a normal update of the pod. The API server accepts them only on the `pods/ephemeralcontainers` subresource, which takes the pod's whole new list of ephemeral containers.",
            "`kubectl debug -it POD --image=busybox:1.36 --target=app` sends that request for you. `kubectl patch pod POD --subresource=ephemeralcontainers` (kubectl 1.32 and newer) sends a patch you write, and the playground's `curl` form sends the same strategic patch; `kubectl replace --raw` sends the whole new list (a PUT). Whatever else the request changes in the pod is silently dropped.",
            "Permissions are separate too: the caller needs `patch` (or `update`) on `pods/ephemeralcontainers` in the namespace; a role that allows `pods/exec` does not grant it. `kubectl auth can-i patch pods/ephemeralcontainers` tells you.",
        ],
    },
    Section {
        id: "forever",
        title: "Never changed, never removed",
        paragraphs: &[
            "Once added, an ephemeral container stays in the pod's spec until the pod is deleted: it can be neither changed nor removed, even after it exits. A request that leaves out or alters one that is already there is refused with \"may not be removed\" or \"may not be changed\".",
            "So every request must send the existing ones back unchanged (a strategic merge patch and `kubectl debug` do that for you), and a name once used can never be used again in that pod. Check the name and the image before you send: `kubectl debug` has no dry run and there is no undo, but `kubectl patch --dry-run=server` and this playground let you check first.",
        ],
    },
    Section {
        id: "names",
        title: "Names",
        paragraphs: &[
            "A container's name is a DNS label: lowercase letters, digits and '-', at most 63 characters, starting and ending with a letter or digit. It must differ from every container, init container and ephemeral container of the pod, including ephemeral containers that have long exited.",
            "`kubectl debug` picks names like `debugger-x7k2p` for that reason; the playground does the same and suggests a free name when yours is taken.",
        ],
    },
    Section {
        id: "image",
        title: "Image and pull policy",
        paragraphs: &[
            "Every ephemeral container needs an image with the tools you want: `busybox:1.36` for a shell and the basics, `nicolaka/netshoot` for networking, a distribution image for anything you will install. Leading or trailing spaces in the reference are refused.",
            "`imagePullPolicy` is `Always`, `IfNotPresent` or `Never`. Left out, the server picks `Always` for `:latest` or an untagged image and `IfNotPresent` otherwise; a pinned tag is both faster and repeatable.",
        ],
    },
    Section {
        id: "target",
        title: "Debugging a distroless app: the target",
        paragraphs: &[
            "By default an ephemeral container gets a process namespace of its own and sees none of the app's processes. `targetContainerName` puts it in the process namespace of one of the pod's containers (or init containers; never another ephemeral one): `ps` shows the app, and `/proc/1/root` is the app's file system, even in a distroless image, to a debugger the kernel lets look into the app's process: one running as the app's UID, or holding `SYS_PTRACE` (otherwise: Permission denied).",
            "The target must be a container of this pod, and it should be running: a target that exited or has not started leaves nothing to look at. The container runtime must support targeting; most do.",
        ],
    },
    Section {
        id: "shared-pid",
        title: "Pods that share their process namespace",
        paragraphs: &[
            "A pod with `shareProcessNamespace: true` already has one process namespace for all its containers. An ephemeral container joins it without a target and sees every container's processes.",
            "Without either a target or a shared namespace, the debugger sees only itself: the playground warns about that, because the server will not.",
        ],
    },
    Section {
        id: "command",
        title: "Command, terminal and exit",
        paragraphs: &[
            "`command`, `args` and `workingDir` work as in any container; left out, the image's own entrypoint runs. For an interactive shell set both `stdin: true` and `tty: true`, then attach with `kubectl attach -it POD -c NAME` (`kubectl debug -it` does all of it). A TTY without stdin has nothing to attach to, and with `stdinOnce: true` the shell reads end-of-input when the first session detaches, and exits for good.",
            "When the process exits, `terminationMessagePolicy` (`File`, the default, or `FallbackToLogsOnError`) says where the short message in its terminated state comes from. Its output stays readable with `kubectl logs POD -c NAME`.",
        ],
    },
    Section {
        id: "no-ports",
        title: "No ports",
        paragraphs: &[
            "Ephemeral containers cannot declare `ports`: they are not part of the pod's service and receive no traffic of their own. The pod's network is shared, so a debugger can still listen on a port or reach the app on localhost; it just cannot declare it.",
            "To reach the app from your machine, use `kubectl port-forward` to the app's own port.",
        ],
    },
    Section {
        id: "no-probes-lifecycle",
        title: "No probes, no lifecycle hooks",
        paragraphs: &[
            "`livenessProbe`, `readinessProbe`, `startupProbe` and `lifecycle` are refused: nothing should restart, gate or hook a container that exists only so that a person can look around. The pod's readiness never depends on it.",
        ],
    },
    Section {
        id: "no-resources",
        title: "No resources of their own",
        paragraphs: &[
            // KEP-277 ("exceeding a pod's resource allocation may cause the pod to be evicted"); the
            // QoS class is computed from the regular and init containers.
            "An ephemeral container cannot set `resources` or `resizePolicy`: nothing is reserved for it, and what it uses counts against the pod, which was sized when it was scheduled. A debugger that uses a lot of memory competes with the app and can get it OOM-killed or the pod evicted; the pod's QoS class does not change, since it is computed from the regular containers. Keep it light.",
            "On clusters older than 1.33 with default feature gates, a `resizePolicy` is silently dropped instead of refused.",
        ],
    },
    Section {
        id: "no-restart",
        title: "Never restarted",
        paragraphs: &[
            "`restartPolicy` (and, from 1.34, `restartPolicyRules`) cannot be set: an ephemeral container is never restarted. When its process exits it stays terminated, and its name stays used. Start a new one with a fresh name to try again.",
        ],
    },
    Section {
        id: "volumes",
        title: "Volumes: only the pod's, and no subPath",
        paragraphs: &[
            "An ephemeral container can mount the pod's volumes (listed in `spec.volumes`), but cannot add volumes of its own: a mount that names another volume is refused as not found.",
            "`subPath` and `subPathExpr` are refused: mount the whole volume, read-only if you only look, and go to the sub-directory inside it. The usual mount rules apply too: one mount per path, relative sub-paths, `Bidirectional` propagation only for privileged containers.",
        ],
    },
    Section {
        id: "env",
        title: "Environment variables",
        paragraphs: &[
            "`env` and `envFrom` work as in any container. Each variable has either a `value` or exactly one `valueFrom` source (a field, a resource, a ConfigMap key or a Secret key), and each `envFrom` entry names exactly one ConfigMap or Secret.",
            "An ephemeral container does not inherit the target's environment: copy what your tools need.",
        ],
    },
    Section {
        id: "security",
        title: "Security context and privileges",
        paragraphs: &[
            "An ephemeral container gets the pod's `securityContext` (its `runAsUser`, `runAsNonRoot`, …) but not its target's. What it may do is decided by its own: capabilities such as `SYS_PTRACE` for `strace` and `gdb`, `NET_ADMIN` and `NET_RAW` for `tcpdump` and `iptables`, or `privileged: true`, which the server refuses when the cluster disallows privileged containers.",
            "When the pod requires `runAsNonRoot`, the debugger must run as a non-root UID too, or the kubelet refuses to start it. Capabilities do little for a non-root process; and tools that attach to the app (a JVM's `jcmd`, a debugger) need the app's own UID.",
        ],
    },
    Section {
        id: "pod-security",
        title: "Pod Security levels and kubectl debug profiles",
        paragraphs: &[
            "Pod Security Admission checks the request against the namespace's level, as for any pod. Under `baseline`, privileged mode and capabilities outside a short list (which leaves out `SYS_PTRACE`, `NET_ADMIN` and `NET_RAW`) are refused; `restricted` also requires running as non-root, dropping `ALL` capabilities, no privilege escalation and a `RuntimeDefault` or `Localhost` seccomp profile. These refusals come from admission, after the validation shown here.",
            "`kubectl debug --profile` fills the security context for you: `general` (the default in current kubectl) adds `SYS_PTRACE`, `baseline` adds nothing, `restricted` meets the restricted level (non-root, `ALL` dropped, no privilege escalation, `RuntimeDefault` seccomp), `netadmin` adds `NET_ADMIN` and `NET_RAW`, `sysadmin` is privileged. `legacy`, the old default, sets nothing and is deprecated.",
        ],
    },
    Section {
        id: "windows",
        title: "Windows pods",
        paragraphs: &[
            "In a pod with `spec.os.name: windows`, the Linux-only parts of a security context (capabilities, SELinux, seccomp, AppArmor, privileged, runAsUser…) are refused; in a Linux pod, `windowsOptions` is. In a Windows HostProcess pod, every container, ephemeral ones too, must be a HostProcess container, and the pod must use the host network.",
            // KEP-277, "Container Runtime Interface (CRI) changes" and "Non-Goals".
            "Ephemeral containers run on Windows nodes too, through the CRI like any container, but Windows has no process namespace sharing: `targetContainerName` does not put the debugger among the app's processes, and network troubleshooting is what works. The image must be a Windows image for the node's Windows version.",
        ],
    },
    Section {
        id: "static-pods",
        title: "Static pods refuse them",
        paragraphs: &[
            "A static pod is run by the kubelet from a file on its node; the API only shows a mirror of it, marked with the `kubernetes.io/config.mirror` annotation. The API server refuses every ephemeral container request for such a pod, with one error and nothing else.",
            "Debug the node instead (`kubectl debug node/NAME -it --image=busybox:1.36`, which shares the host's namespaces), or run a copy of the pod.",
        ],
    },
    Section {
        id: "finished-pods",
        title: "Pods that have finished",
        paragraphs: &[
            "A pod whose phase is `Succeeded` or `Failed` accepts the request, but none of its containers will ever start again, the new one included. Debug a copy (`kubectl debug POD --copy-to=NAME`) instead.",
        ],
    },
    Section {
        id: "whole-pod",
        title: "The whole pod is validated again",
        paragraphs: &[
            "With every ephemeral container request the server validates the whole pod once more, under the rules it has now. A problem in the pod itself (for example a field that newer rules no longer accept) fails the request even though your container is fine.",
            "Such errors point into the pod's spec, not at your container, and this request cannot fix them: whatever it changes outside `spec.ephemeralContainers` is dropped. Fix the pod with an ordinary update if the field allows it, or recreate it.",
        ],
    },
    Section {
        id: "decoding",
        title: "Unknown fields, wrong types, YAML that does not parse",
        paragraphs: &[
            // k8s.io/apiserver pkg/endpoints/handlers/rest.go `fieldValidation` (no directive: Warn);
            // kubectl pkg/cmd/patch/patch.go has no --validate flag; pkg/cmd/debug/debug.go
            // patches with empty PatchOptions and reads --custom with encoding/json.
            "Before any rule, the text must read as YAML or JSON and decode into a pod and containers. A misspelled field is unknown to the API, and what happens depends on the request's `fieldValidation`: `kubectl create`, `apply` and `replace` ask for `Strict` (refused), but `kubectl patch` has no `--validate` flag and `kubectl debug` sends no options, so the server's default, `Warn`, applies: the request is accepted, the field is dropped, and kubectl prints `Warning: unknown field \"…\"`. An ephemeral container can never be changed, so the typo is there for good. In a `kubectl debug --custom` file it is worse: kubectl reads the file into Go types first, and the field vanishes without any warning. The playground judges with `Warn` unless told otherwise (`ecplay check --field-validation strict`), and its curl and `replace --raw` forms ask for `Strict`.",
            // pkg/registry/core/pod/strategy.go (podEphemeralContainersStrategy.PrepareForUpdate)
            // calls DropDisabledPodFields (pkg/api/pod/util.go); versions::GATED_FIELDS.
            "A field the server knows may still be taken away without a word: before validating, the server drops (or resets) each field whose feature gate is off by default in its release, unless the pod already uses it — `procMount` before 1.33, resource claims before 1.34. The playground says so for the release you chose.",
            "A value of the wrong type (a string where a number belongs, a map where a list belongs) is refused in any mode. The playground reports each at its line and column and suggests the field you probably meant.",
        ],
    },
    Section {
        id: "hints",
        title: "What the playground adds",
        paragraphs: &[
            "The server checks that a request is well-formed, not that it will help. The playground adds warnings and hints for what the server accepts but the kubelet or your debugging session will not: a debugger that cannot see the app's processes, a target that is not running, a pod that has finished, a Windows node, a pod that requires non-root, capabilities that have no effect for a non-root user, an image that changes under you, a TTY nobody can attach to, a name already taken, and a reminder that the container can never be removed.",
            "Each warning links to the section here that explains it; the server's own errors get a short why-and-fix text the server never sends.",
        ],
    },
];

pub use crate::codes::section_for;

/// What `kubectl debug --profile=P` adds to a pod, for the paragraph on profiles.
#[derive(Clone, Debug, PartialEq)]
pub struct ProfileExample {
    pub profile: &'static str,
    /// The command, for bash and zsh.
    pub command: String,
    /// The container kubectl sends, as Go marshals it.
    pub container: serde_json::Value,
    /// What kubectl prints or generates besides (the import's notes).
    pub notes: Vec<String>,
}

/// The container each profile kubectl 1.`kubectl_minor` knows gives a busybox debugger
/// targeting the pod's first container, made by importing the very command
/// (`kubectl debug POD -n NS -it --image=busybox:1.36 --target=APP -c debugger --profile=P`)
/// with [`crate::import::import`]: the Learn panel's answer to "what does `--profile=sysadmin`
/// set?" is that command's exact result for the pod in the playground (`pod` is its JSON).
pub fn profile_examples(pod: &serde_json::Value, kubectl_minor: u32) -> Vec<ProfileExample> {
    let name = pod["metadata"]["name"].as_str().filter(|n| !n.is_empty()).unwrap_or("POD");
    let namespace = pod["metadata"]["namespace"].as_str().filter(|n| !n.is_empty()).unwrap_or("default");
    let target = pod["spec"]["containers"][0]["name"].as_str();
    let taken: Vec<&str> = ["initContainers", "containers", "ephemeralContainers"]
        .iter()
        .flat_map(|l| pod["spec"][*l].as_array().into_iter().flatten())
        .filter_map(|c| c["name"].as_str())
        .collect();
    let debugger = if taken.contains(&"debugger") { crate::hints::free_debugger_name(&taken, name) } else { "debugger".to_owned() };
    let mut out = Vec::new();
    for profile in crate::import::kubectl::Profile::ALL {
        if kubectl_minor < profile.exists_since() {
            continue;
        }
        let mut args = vec![
            "debug".to_owned(),
            name.to_owned(),
            "-n".to_owned(),
            namespace.to_owned(),
            "-it".to_owned(),
            format!("--image={BUSYBOX}"),
        ];
        if let Some(t) = target {
            args.push(format!("--target={t}"));
        }
        args.extend(["-c".to_owned(), debugger.clone(), format!("--profile={}", profile.name())]);
        let Ok(command) = crate::shell::posix::render(&crate::shell::Command::new("kubectl", args)) else { continue };
        if let Ok(mut imported) = crate::import::import(pod, &command, kubectl_minor, &Default::default()) {
            if let Some(container) = imported.containers.pop() {
                out.push(ProfileExample { profile: profile.name(), command, container, notes: imported.notes });
            }
        }
    }
    out
}

/// A debugging job the composer can be filled for.
#[derive(Debug)]
pub struct Recipe {
    /// Stable, for [`recipe`] and the page.
    pub id: &'static str,
    /// The button's label.
    pub title: &'static str,
    /// One sentence on what the container does (plain text, `backticks` for code).
    pub summary: &'static str,
}

/// The recipes, in the order the page offers them.
pub const RECIPES: &[Recipe] = &[
    Recipe {
        id: "distroless-shell",
        title: "Shell into a distroless app",
        summary: "busybox beside the app's first container, in its process namespace, as the app's UID (or with `SYS_PTRACE` when the pod does not say it): `ps`, and the app's files under `/proc/1/root`.",
    },
    Recipe {
        id: "network",
        title: "Network debugging",
        summary: "netshoot with `NET_ADMIN` and `NET_RAW` (kubectl debug's netadmin profile): `tcpdump`, `ss`, `dig`, `iptables` in the pod's network.",
    },
    Recipe {
        id: "strace",
        title: "strace the app",
        summary: "netshoot (which has `strace`) with `SYS_PTRACE` added, targeting the app: `strace -f -p 1`.",
    },
    Recipe {
        id: "volume",
        title: "Read-only look at a volume",
        summary: "The pod's first volume mounted read-only under `/debug/`, without subPath.",
    },
    Recipe {
        id: "jvm",
        title: "JVM tools attached to the app",
        summary: "A JDK image targeting the app as the app's user (root with `SYS_PTRACE` works too), so that `jcmd`, `jstack` and `jmap` can attach.",
    },
];

/// busybox: a shell and the basic tools, small and pinned.
const BUSYBOX: &str = "busybox:1.36";
/// netshoot: network tools, and `strace` too.
const NETSHOOT: &str = "nicolaka/netshoot:v0.13";
/// A JDK (`jcmd`, `jstack`, `jmap`) with a shell.
const JDK: &str = "eclipse-temurin:21-jdk";

/// The container recipe `id` puts in the composer for `pod`, named `name`, with notes for
/// the user (what the pod lacks for the recipe to work fully); `None` for an unknown recipe.
///
/// Every recipe targets the pod's first container (the `volume` one too, so that the
/// debugger also sees the app's processes) and asks for stdin and a TTY, as `kubectl debug -it` does.
pub fn recipe(id: &str, pod: &Pod, name: &str) -> Option<(EphemeralContainer, Vec<String>)> {
    let spec = pod.spec.as_ref();
    let target = spec.and_then(|s| s.containers.first());
    let mut notes = Vec::new();
    let base = |image: &str| EphemeralContainer {
        name: name.to_owned(),
        image: Some(image.to_owned()),
        target_container_name: target.map(|c| c.name.clone()),
        stdin: Some(true),
        tty: Some(true),
        ..Default::default()
    };
    let ec = match id {
        // /proc/1/root is readable to the app's UID or with SYS_PTRACE (the kernel's ptrace
        // access check); the UID is allowed at every Pod Security level, SYS_PTRACE only where
        // the namespace enforces none (privileged).
        "distroless-shell" => match app_ids(pod) {
            (Some(user), group) => {
                notes.push(format!("Runs as the app's UID {user}, so that /proc/1/root (the app's files) is readable."));
                let sc = SecurityContext {
                    run_as_user: Some(user),
                    run_as_group: group,
                    run_as_non_root: (user != 0).then_some(true),
                    ..Default::default()
                };
                EphemeralContainer { security_context: Some(sc), ..base(BUSYBOX) }
            }
            (None, _) => {
                notes.push("The pod does not say which UID the app runs as, so the debugger gets SYS_PTRACE to read /proc/1/root (the app's files). A namespace that enforces the baseline or restricted Pod Security level refuses SYS_PTRACE: there, set runAsUser to the app's UID instead (`ps -o user` shows it).".to_owned());
                EphemeralContainer { security_context: Profile::General.security_context(), ..base(BUSYBOX) }
            }
        },
        "network" => EphemeralContainer { security_context: Profile::Netadmin.security_context(), ..base(NETSHOOT) },
        // The general profile is exactly `SYS_PTRACE`; netshoot ships strace, busybox does not.
        "strace" => EphemeralContainer { security_context: Profile::General.security_context(), ..base(NETSHOOT) },
        "volume" => {
            let mut ec = base(BUSYBOX);
            match spec.and_then(|s| s.volumes.as_ref()).and_then(|v| v.first()) {
                Some(v) => {
                    ec.volume_mounts = Some(vec![VolumeMount {
                        name: v.name.clone(),
                        mount_path: format!("/debug/{}", v.name),
                        read_only: Some(true),
                        ..Default::default()
                    }])
                }
                None => notes.push("This pod has no volumes: an ephemeral container can only mount the pod's own, so there is nothing to mount. Add a volume to the pod first (which means recreating it).".to_owned()),
            }
            ec
        }
        "jvm" => {
            let (user, group) = app_ids(pod);
            if user.is_none() {
                notes.push("The pod does not say which UID the app runs as: find it (`ps -o pid,user,comm` in a debugger that targets the app) and set `runAsUser` to it, or the JVM refuses to attach.".to_owned());
            }
            let sc = SecurityContext {
                run_as_user: user,
                run_as_group: group,
                run_as_non_root: user.filter(|&u| u != 0).map(|_| true),
                ..Default::default()
            };
            let sc = (user.is_some() || group.is_some()).then_some(sc);
            EphemeralContainer { security_context: sc, command: Some(vec!["sh".to_owned()]), ..base(JDK) }
        }
        _ => return None,
    };
    if target.is_none() {
        notes.push("This pod has no containers to target: the debugger gets a process namespace of its own.".to_owned());
    }
    if spec.and_then(|s| s.os.as_ref()).is_some_and(|os| os.name == "windows") {
        notes.push("This is a Windows pod: the recipes use Linux images, which a Windows node cannot start, and Windows containers share no process namespace. Use a Windows image (for network troubleshooting).".to_owned());
    }
    Some((ec, notes))
}

/// The UID and GID the app (the pod's first container) runs as: its own `securityContext`,
/// else the pod's, else what the kubelet reported in the container's status (`user.linux`).
fn app_ids(pod: &Pod) -> (Option<i64>, Option<i64>) {
    let spec = pod.spec.as_ref();
    let app = spec.and_then(|s| s.containers.first());
    let own = app.and_then(|c| c.security_context.as_ref());
    let pod_sc = spec.and_then(|s| s.security_context.as_ref());
    let reported = app
        .and_then(|app| pod.status.as_ref()?.container_statuses.as_ref()?.iter().find(|s| s.name == app.name))
        .and_then(|s| s.user.as_ref()?.linux.as_ref());
    let user = own.and_then(|s| s.run_as_user).or_else(|| pod_sc.and_then(|s| s.run_as_user));
    let group = own.and_then(|s| s.run_as_group).or_else(|| pod_sc.and_then(|s| s.run_as_group));
    match (user, reported) {
        (Some(u), _) => (Some(u), group),
        (None, Some(r)) => (Some(r.uid), group.or(Some(r.gid))),
        (None, None) => (None, group),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Severity;
    use crate::{check, draft, input, Mode, Options};

    #[test]
    fn sections_are_well_formed() {
        let mut ids: Vec<&str> = SECTIONS.iter().map(|s| s.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), SECTIONS.len(), "ids are unique");
        for s in SECTIONS {
            let kebab = s.id.split('-').all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
            assert!(kebab, "{:?} is not kebab-case", s.id);
            assert!(!s.title.trim().is_empty(), "{}: no title", s.id);
            assert!((1..=3).contains(&s.paragraphs.len()), "{}: {} paragraphs", s.id, s.paragraphs.len());
            for p in s.paragraphs {
                assert!(!p.trim().is_empty(), "{}: empty paragraph", s.id);
                assert!(p.matches('`').count() % 2 == 0, "{}: unbalanced backticks in {p:?}", s.id);
                assert!(!["<", "**", "](", "\n"].iter().any(|m| p.contains(m)), "{}: not plain text: {p:?}", s.id);
            }
        }
    }

    fn sample(name: &str) -> String {
        std::fs::read_to_string(format!("{}/../tests/fixtures/pods/{name}.yaml", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    fn pod(text: &str) -> Pod {
        input::read_pod(text).unwrap().pod
    }

    #[test]
    fn every_recipe_is_accepted_without_warnings_for_ordinary_pods() {
        let mut ids: Vec<&str> = RECIPES.iter().map(|r| r.id).collect();
        ids.dedup();
        assert_eq!(ids, ["distroless-shell", "network", "strace", "volume", "jvm"]);
        for pod_name in ["distroless-app", "app-with-sidecar", "init-and-volumes", "shared-process-namespace", "run-as-non-root"] {
            let text = sample(pod_name);
            for r in RECIPES {
                let (ec, _) = recipe(r.id, &pod(&text), "debugger-abcde").unwrap();
                let report = check(&text, &draft::container_yaml(&ec), Mode::Append, &Options::default());
                let errors: Vec<_> = report.errors().map(|d| format!("{} {} {}", d.code, d.field, d.message)).collect();
                assert!(report.valid() && errors.is_empty(), "{} on {pod_name}: {errors:?}", r.id);
                // Capabilities do nothing for the pod's non-root UID (H-05): that pod is the exception.
                let warnings: Vec<_> = report
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Warning && !(pod_name == "run-as-non-root" && d.code == "H-05"))
                    .map(|d| format!("{} {}", d.code, d.message))
                    .collect();
                assert!(warnings.is_empty(), "{} on {pod_name}: {warnings:?}", r.id);
            }
        }
        assert!(recipe("no-such", &Pod::default(), "x").is_none());
    }

    #[test]
    fn recipes_are_what_they_say() {
        let pod = pod(&sample("init-and-volumes"));
        let app = pod.spec.as_ref().unwrap().containers[0].name.clone();
        for r in RECIPES {
            let (ec, _) = recipe(r.id, &pod, "dbg").unwrap();
            assert_eq!(
                (ec.name.as_str(), ec.target_container_name.as_deref(), ec.stdin, ec.tty),
                ("dbg", Some(app.as_str()), Some(true), Some(true)),
                "{}",
                r.id
            );
            let image = ec.image.unwrap();
            assert!(image.contains(':') && !image.ends_with(":latest"), "{}: {image} is not pinned", r.id);
        }
        let caps = |id: &str| {
            let (ec, _) = recipe(id, &pod, "d").unwrap();
            ec.security_context.and_then(|s| s.capabilities).and_then(|c| c.add).unwrap_or_default()
        };
        assert_eq!(caps("network"), ["NET_ADMIN", "NET_RAW"]);
        assert_eq!(caps("strace"), ["SYS_PTRACE"]);
        assert!(caps("volume").is_empty());
        let (ec, notes) = recipe("distroless-shell", &pod, "d").unwrap();
        assert_eq!((ec.image.as_deref(), ec.command), (Some(BUSYBOX), None));
        assert!(notes.iter().all(|n| n.contains("/proc/1/root")), "{notes:?}");
    }

    /// /proc/1/root is readable to the app's UID or with SYS_PTRACE: the shell recipe runs as
    /// the app's UID when the pod says it, and asks for SYS_PTRACE (saying where Pod Security
    /// refuses it) when it does not.
    #[test]
    fn the_shell_recipe_can_read_the_apps_files() {
        let with_uid = pod("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: app:1\n    securityContext: {runAsUser: 65532}\n");
        let (ec, notes) = recipe("distroless-shell", &with_uid, "d").unwrap();
        let sc = ec.security_context.unwrap();
        assert_eq!((sc.run_as_user, sc.run_as_non_root, sc.capabilities), (Some(65532), Some(true), None));
        assert!(notes[0].contains("UID 65532"), "{notes:?}");
        let unknown = pod("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: app:1\n");
        let (ec, notes) = recipe("distroless-shell", &unknown, "d").unwrap();
        assert_eq!(ec.security_context.unwrap().capabilities.unwrap().add.unwrap(), ["SYS_PTRACE"]);
        assert!(notes[0].contains("baseline or restricted"), "{notes:?}");
    }

    #[test]
    fn the_volume_recipe_mounts_the_first_volume_read_only() {
        let pod = pod(&sample("init-and-volumes"));
        let first_volume = pod.spec.as_ref().unwrap().volumes.as_ref().unwrap()[0].name.clone();
        let (ec, notes) = recipe("volume", &pod, "d").unwrap();
        let mounts = ec.volume_mounts.unwrap();
        let m = &mounts[0];
        assert_eq!(
            (mounts.len(), m.name.as_str(), m.mount_path.as_str(), m.read_only, m.sub_path.as_deref()),
            (1, first_volume.as_str(), &*format!("/debug/{first_volume}"), Some(true), None)
        );
        assert!(notes.is_empty(), "{notes:?}");

        let (ec, notes) = recipe("volume", &Pod::default(), "d").unwrap();
        assert!(ec.volume_mounts.is_none(), "{:?}", ec.volume_mounts);
        assert!(notes.iter().any(|n| n.contains("no volumes")), "{notes:?}");
    }

    #[test]
    fn the_jvm_recipe_runs_as_the_apps_uid() {
        let ids = |text: &str| {
            let (ec, notes) = recipe("jvm", &pod(text), "d").unwrap();
            let sc = ec.security_context.unwrap_or_default();
            (sc.run_as_user, sc.run_as_group, sc.run_as_non_root, notes.len())
        };
        let yaml = |own: &str, pod_level: &str| {
            format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec:\n  securityContext: {{{pod_level}}}\n  containers:\n  - name: app\n    image: app:1\n    securityContext: {{{own}}}\n")
        };
        // The target's own securityContext wins over the pod's, field by field.
        assert_eq!(ids(&yaml("runAsUser: 1000", "runAsUser: 2000, runAsGroup: 3000")), (Some(1000), Some(3000), Some(true), 0));
        assert_eq!(ids(&yaml("", "runAsUser: 2000")), (Some(2000), None, Some(true), 0));
        // From the sample pods: the pod's UID, and the UID the kubelet reported.
        assert_eq!(ids(&sample("run-as-non-root")), (Some(10001), None, Some(true), 0));
        assert_eq!(ids(&sample("distroless-app")), (Some(65532), Some(65532), Some(true), 0));
        // Root stays root, without a runAsNonRoot that would contradict it.
        assert_eq!(ids(&yaml("runAsUser: 0", "")), (Some(0), None, None, 0));
        // Unknown: no securityContext at all, and a note.
        let (ec, notes) = recipe("jvm", &pod(&yaml("", "")), "d").unwrap();
        assert!(ec.security_context.is_none() && notes.iter().any(|n| n.contains("UID")), "{notes:?}");
    }

    #[test]
    fn notes_say_what_the_pod_lacks() {
        let (_, notes) = recipe("distroless-shell", &Pod::default(), "d").unwrap();
        assert!(notes.iter().any(|n| n.contains("no containers")), "{notes:?}");
        let (_, notes) = recipe("network", &pod(&sample("windows-pod")), "d").unwrap();
        assert!(notes.iter().any(|n| n.contains("Windows")), "{notes:?}");
    }
}
