//! The playground's "Learn" panel: ephemeral containers explained in short sections (each
//! an anchor, `#learn-<id>`, that a diagnostic links to), and recipes that fill the composer
//! for the common debugging jobs.
//!
//! Text is plain; `backticks` mark code, which the page shows as code.

use k8s_openapi::api::core::v1::{Capabilities, EphemeralContainer, Pod, SecurityContext, VolumeMount};

use crate::draft::Profile;

/// One topic of the Learn panel.
#[derive(Debug)]
pub struct Section {
    /// Stable and kebab-case: the anchor is `learn-<id>`.
    pub id: &'static str,
    pub title: &'static str,
    pub paragraphs: &'static [&'static str],
}

pub const SECTIONS: &[Section] = &[
    Section {
        id: "what",
        title: "What an ephemeral container is",
        paragraphs: &[
            "An ephemeral container is a container you add to a pod that is already running, to look inside it. It joins the pod's network, its volumes and, with a target, the process namespace of one of its containers: a shell beside the app, `tcpdump` on its traffic, `strace` on its processes.",
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
            "`kubectl debug -it POD --image=busybox:1.36 --target=app` sends that request for you. `kubectl patch pod POD --subresource=ephemeralcontainers` (kubectl 1.32 and newer) sends a patch you write; `kubectl replace --raw` or `curl` send the whole list. Whatever else the request changes in the pod is silently dropped.",
            "Permissions are separate too: the caller needs `patch` (or `update`) on `pods/ephemeralcontainers` in the namespace, which many roles that may exec into pods do not grant. `kubectl auth can-i patch pods/ephemeralcontainers` tells you.",
        ],
    },
    Section {
        id: "forever",
        title: "Never changed, never removed",
        paragraphs: &[
            "Once added, an ephemeral container stays in the pod's spec until the pod is deleted: it can be neither changed nor removed, even after it exits. A request that leaves out or alters one that is already there is refused with \"may not be removed\" or \"may not be changed\".",
            "So every request must send the existing ones back unchanged (a strategic merge patch and `kubectl debug` do that for you), and a name once used can never be used again in that pod. Check the name and the image before you send: there is no dry run of `kubectl debug`, and no undo.",
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
            "By default an ephemeral container gets a process namespace of its own and sees none of the app's processes. `targetContainerName` puts it in the process namespace of one of the pod's containers (or init containers; never another ephemeral one): `ps` shows the app, and `/proc/1/root` is the app's file system, even in a distroless image.",
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
            "An ephemeral container cannot set `resources` or `resizePolicy`: it runs inside the pod's existing allocation, which was decided when the pod was scheduled. A debugger that uses a lot of memory competes with the app, so keep it light.",
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
        title: "Security context, privileges and Pod Security",
        paragraphs: &[
            "An ephemeral container does not inherit its target's `securityContext`. What it may do is decided by its own: capabilities such as `SYS_PTRACE` for `strace` and `gdb`, `NET_ADMIN` and `NET_RAW` for `tcpdump` and `iptables`, or `privileged: true`, which the server refuses when the cluster disallows privileged containers.",
            "Pod Security Admission checks the request against the namespace's level: under `restricted`, the container must run as non-root, drop all capabilities and forbid privilege escalation; under `baseline`, added capabilities beyond the default set and privileged mode are refused. These refusals come from admission, after the validation shown here.",
            "`kubectl debug --profile` fills the security context for you: `legacy` (the default up to 1.35) and `general` (the default from 1.36) add `SYS_PTRACE`, `baseline` adds nothing, `restricted` runs as non-root with everything dropped, `netadmin` adds `NET_ADMIN` and `NET_RAW`, `sysadmin` is privileged.",
            "When the pod requires `runAsNonRoot`, the debugger must run as a non-root UID too, or the kubelet refuses to start it; for tools that attach to the app (a JVM's `jcmd`, a debugger), run as the app's UID.",
        ],
    },
    Section {
        id: "windows",
        title: "Windows pods",
        paragraphs: &[
            "In a pod with `spec.os.name: windows`, the Linux-only parts of a security context (capabilities, SELinux, seccomp, AppArmor, privileged, runAsUser…) are refused; in a Linux pod, `windowsOptions` is. In a Windows HostProcess pod, every container, ephemeral ones too, must be a HostProcess container, and the pod must use the host network.",
            "The server accepts ephemeral containers in Windows pods, but Windows nodes do not run them: the container waits forever. Debug from the node instead.",
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
            "Such errors point into the pod's spec, not at your container; they can only be fixed by recreating the pod.",
        ],
    },
    Section {
        id: "decoding",
        title: "Unknown fields, wrong types, YAML that does not parse",
        paragraphs: &[
            "Before any rule, the text must read as YAML or JSON and decode into a pod and containers. A misspelled field is unknown to the API: with server-side field validation set to `Strict` (`kubectl --validate=strict`, kubectl's default) the request is refused; with `Warn` it is accepted with a warning and the field is dropped.",
            "A value of the wrong type (a string where a number belongs, a map where a list belongs) is refused in any mode. The playground reports each at its line and column and suggests the field you probably meant.",
        ],
    },
    Section {
        id: "hints",
        title: "What the playground adds",
        paragraphs: &[
            "The server checks that a request is well-formed, not that it will help. The playground adds warnings and hints for what the server accepts but the kubelet or your debugging session will not: a debugger that cannot see the app's processes, a target that is not running, a pod that requires non-root, capabilities that have no effect for a non-root user, an image that changes under you, a TTY nobody can attach to, and a reminder that the container can never be removed.",
        ],
    },
];

/// The section that explains the rule or hint `code` (as `Diagnostic::code`), for a
/// diagnostic at `field`. Every code the checker emits has a section of its own topic.
pub fn section_for(code: &str, field: &str) -> &'static str {
    match code {
        "D-01" | "D-02" | "D-03" | "D-04" => "decoding",
        "R-01" | "R-02" | "R-03" | "H-08" => "names",
        "R-04" | "R-05" | "R-07" | "H-06" => "image",
        "R-06" => "what",
        "R-08" | "H-03" => "target",
        "H-01" => "shared-pid",
        "R-09" => {
            if field.ends_with(".ports") {
                "no-ports"
            } else if field.ends_with(".resources") || field.ends_with(".resizePolicy") {
                "no-resources"
            } else if field.ends_with(".restartPolicy") || field.ends_with(".restartPolicyRules") {
                "no-restart"
            } else {
                "no-probes-lifecycle"
            }
        }
        "R-10" | "R-11" | "R-12" | "R-13" | "R-14" | "R-15" | "R-16" | "R-17" | "R-18" => "volumes",
        "R-19" | "R-20" | "R-21" => "env",
        "R-22" | "R-23" | "R-24" | "R-25" | "R-26" | "R-27" | "R-28" | "H-04" | "H-05" => "security",
        "R-29" | "R-30" | "R-31" | "H-09" => "windows",
        "R-32" => "whole-pod",
        "R-33" | "R-34" | "H-10" => "forever",
        "R-37" => "static-pods",
        "H-02" => "finished-pods",
        "H-07" => "hints",
        _ => "what",
    }
}

/// A debugging job the composer can be filled for.
#[derive(Debug)]
pub struct Recipe {
    pub id: &'static str,
    pub title: &'static str,
    pub summary: &'static str,
}

pub const RECIPES: &[Recipe] = &[
    Recipe {
        id: "distroless-shell",
        title: "Shell into a distroless app",
        summary: "busybox beside the app's first container, in its process namespace: `ps`, and the app's files under `/proc/1/root`.",
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
        title: "JVM tools with the app's UID",
        summary: "A JDK image targeting the app and running as the app's user, so that `jcmd`, `jstack` and `jmap` can attach.",
    },
];

/// The container recipe `id` puts in the composer for `pod`, named `name`, with notes for
/// the user; `None` for an unknown recipe.
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
    let caps = |add: &[&str]| SecurityContext {
        capabilities: Some(Capabilities { add: Some(add.iter().map(|c| (*c).to_owned()).collect()), drop: None }),
        ..Default::default()
    };
    let ec = match id {
        "distroless-shell" => base("busybox:1.36"),
        "network" => EphemeralContainer { security_context: Profile::Netadmin.security_context(), ..base("nicolaka/netshoot:v0.13") },
        // netshoot ships strace; busybox does not.
        "strace" => EphemeralContainer { security_context: Some(caps(&["SYS_PTRACE"])), ..base("nicolaka/netshoot:v0.13") },
        "volume" => {
            let mut ec = EphemeralContainer { target_container_name: None, ..base("busybox:1.36") };
            match spec.and_then(|s| s.volumes.as_ref()).and_then(|v| v.first()) {
                Some(v) => {
                    ec.volume_mounts = Some(vec![VolumeMount {
                        name: v.name.clone(),
                        mount_path: format!("/debug/{}", v.name),
                        read_only: Some(true),
                        ..Default::default()
                    }])
                }
                None => notes.push("This pod has no volumes: an ephemeral container can only mount the pod's own.".to_owned()),
            }
            ec
        }
        "jvm" => {
            let own = target.and_then(|c| c.security_context.as_ref());
            let pod_sc = spec.and_then(|s| s.security_context.as_ref());
            let user = own.and_then(|s| s.run_as_user).or_else(|| pod_sc.and_then(|s| s.run_as_user));
            let group = own.and_then(|s| s.run_as_group).or_else(|| pod_sc.and_then(|s| s.run_as_group));
            if user.is_none() {
                notes.push("The app's UID is not in the pod: set runAsUser to the UID the app runs as (`id` in the app's container), or the JVM refuses to attach.".to_owned());
            }
            let sc =
                SecurityContext { run_as_user: user, run_as_group: group, run_as_non_root: user.map(|u| u != 0), ..Default::default() };
            let sc = (user.is_some() || group.is_some()).then_some(sc);
            EphemeralContainer { security_context: sc, command: Some(vec!["sh".to_owned()]), ..base("eclipse-temurin:21-jdk") }
        }
        _ => return None,
    };
    if target.is_none() && id != "volume" {
        notes.push("This pod has no containers to target: the debugger gets a process namespace of its own.".to_owned());
    }
    Some((ec, notes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{check, draft, input, Mode, Options};

    #[test]
    fn sections_are_well_formed() {
        let mut ids: Vec<&str> = SECTIONS.iter().map(|s| s.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), SECTIONS.len(), "ids are unique");
        for s in SECTIONS {
            assert!(s.id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'), "{}", s.id);
            assert!(!s.title.is_empty() && !s.paragraphs.is_empty() && s.paragraphs.iter().all(|p| !p.trim().is_empty()), "{}", s.id);
            assert!(s.paragraphs.iter().all(|p| p.matches('`').count() % 2 == 0), "{}: unbalanced backticks", s.id);
        }
    }

    /// Every code in the core's sources, read from the sources themselves.
    fn codes_in_sources() -> Vec<String> {
        let mut codes = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("learn.rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    for (i, _) in text.match_indices('"') {
                        let code = text[i + 1..].split('"').next().unwrap_or("");
                        let b = code.as_bytes();
                        if b.len() == 4 && matches!(b[0], b'R' | b'H' | b'D') && b[1] == b'-' && b[2..].iter().all(u8::is_ascii_digit) {
                            codes.push(code.to_owned());
                        }
                    }
                }
            }
        }
        codes.sort();
        codes.dedup();
        codes
    }

    #[test]
    fn every_code_has_a_section_of_its_own_topic() {
        let codes = codes_in_sources();
        assert!(codes.len() >= 45, "{codes:?}");
        for code in &codes {
            let id = section_for(code, "spec.ephemeralContainers[0].x");
            assert!(SECTIONS.iter().any(|s| s.id == id), "{code} -> {id}");
            // Only the rules about the container's basic shape land on the introduction.
            assert!(id != "what" || ["R-06", "R-09"].contains(&code.as_str()), "{code} falls back to the introduction");
        }
        let r09 = |f: &str| section_for("R-09", &format!("spec.ephemeralContainers[0].{f}"));
        assert_eq!(
            [r09("ports"), r09("resources"), r09("resizePolicy"), r09("restartPolicy"), r09("livenessProbe"), r09("lifecycle")],
            ["no-ports", "no-resources", "no-resources", "no-restart", "no-probes-lifecycle", "no-probes-lifecycle"]
        );
    }

    fn sample(name: &str) -> String {
        std::fs::read_to_string(format!("{}/../tests/fixtures/pods/{name}.yaml", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    #[test]
    fn every_recipe_is_accepted_by_the_server_for_ordinary_pods() {
        for pod_name in ["distroless-app", "app-with-sidecar", "init-and-volumes", "shared-process-namespace"] {
            let text = sample(pod_name);
            let pod = input::read_pod(&text).unwrap().pod;
            for r in RECIPES {
                let (ec, _) = recipe(r.id, &pod, "debugger-abcde").unwrap();
                let report = check(&text, &draft::container_yaml(&ec), Mode::Append, &Options::default());
                let errors: Vec<_> = report.errors().map(|d| format!("{} {} {}", d.code, d.field, d.message)).collect();
                assert!(errors.is_empty(), "{} on {pod_name}: {errors:?}", r.id);
            }
        }
        assert!(recipe("no-such", &Pod::default(), "x").is_none());
    }

    #[test]
    fn recipes_fit_the_pod() {
        let pod = input::read_pod(&sample("init-and-volumes")).unwrap().pod;
        let first_volume = pod.spec.as_ref().unwrap().volumes.as_ref().unwrap()[0].name.clone();
        let (ec, notes) = recipe("volume", &pod, "d").unwrap();
        let m = &ec.volume_mounts.unwrap()[0];
        assert_eq!(
            (m.name.as_str(), m.mount_path.as_str(), m.read_only, m.sub_path.as_deref()),
            (first_volume.as_str(), &*format!("/debug/{first_volume}"), Some(true), None)
        );
        assert!(notes.is_empty());
        let (ec, notes) = recipe("volume", &Pod::default(), "d").unwrap();
        assert!(ec.volume_mounts.is_none() && notes[0].contains("no volumes"), "{notes:?}");

        let (ec, _) = recipe("network", &pod, "d").unwrap();
        let add = ec.security_context.unwrap().capabilities.unwrap().add.unwrap();
        assert_eq!(add, ["NET_ADMIN", "NET_RAW"]);
        assert_eq!(ec.target_container_name, pod.spec.as_ref().unwrap().containers.first().map(|c| c.name.clone()));

        // The JVM recipe runs as the app's UID: the target's own, else the pod's.
        let nonroot = input::read_pod(&sample("run-as-non-root")).unwrap().pod;
        let (ec, notes) = recipe("jvm", &nonroot, "d").unwrap();
        let sc = ec.security_context.unwrap();
        let app = nonroot.spec.as_ref().unwrap();
        let want = app.containers[0]
            .security_context
            .as_ref()
            .and_then(|s| s.run_as_user)
            .or(app.security_context.as_ref().and_then(|s| s.run_as_user));
        assert!(want.is_some(), "the fixture sets a UID");
        assert_eq!((sc.run_as_user, sc.run_as_non_root, notes.len()), (want, Some(true), 0));
        let (ec, notes) = recipe("jvm", &Pod::default(), "d").unwrap();
        assert!(notes.iter().any(|n| n.contains("UID")) && ec.security_context.is_none(), "{notes:?}");
    }
}
