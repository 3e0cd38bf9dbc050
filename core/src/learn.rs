//! The playground's "Learn" panel: ephemeral containers explained in short sections (each
//! an anchor, `#learn-<id>`, that a diagnostic links to), and recipes that fill the composer
//! for the common debugging jobs.
//!
//! Text is plain; `backticks` mark code, which the page shows as code.

use k8s_openapi::api::core::v1::{EphemeralContainer, Pod, SecurityContext, VolumeMount};

use crate::draft::Profile;
use crate::versions::{
    FILE_KEY_REF_VOLUMES_SINCE, KUBECTL_CUSTOM_GATED, KUBECTL_GENERAL_DEFAULT_SINCE, KUBECTL_LEGACY_DEPRECATED_SINCE,
    KUBECTL_NETADMIN_NET_RAW_SINCE, KUBECTL_PATCH_EPHEMERAL_SINCE, KUBECTL_PROFILES_SINCE, KUBECTL_PROFILE_FLAG_SINCE,
    KUBECTL_RESTRICTED_COMPLETE_SINCE, KUBECTL_SUBRESOURCE_FLAG_SINCE, KUBECTL_SYSADMIN_SINCE, LATEST_KUBE_MINOR, OLDEST_KUBE_MINOR,
    RELAXED_ENV_NAMES_SINCE, STATIC_POD_REFUSAL_SINCE,
};

/// One topic of the Learn panel.
#[derive(Debug)]
pub struct Section {
    /// Stable and kebab-case: the anchor is `learn-<id>`.
    pub id: &'static str,
    /// The heading.
    pub title: &'static str,
    /// One to three short paragraphs of plain text.
    pub paragraphs: &'static [Paragraph],
}

/// One paragraph: the same for every release, or one text per range of Kubernetes (or
/// kubectl) releases, so that what the panel says is true for the versions chosen in the
/// playground. In a variant, `{kube}` and `{kubectl}` stand for the chosen versions (`1.30`).
#[derive(Debug)]
pub enum Paragraph {
    Text(&'static str),
    /// By the API server's release ([`crate::versions::KUBE_MINORS`], every one covered once).
    Kube(&'static [Variant]),
    /// By kubectl's release ([`crate::versions::KUBECTL_MINORS`], every one covered once).
    Kubectl(&'static [Variant]),
}

/// A paragraph's text for the releases `from..=to`.
#[derive(Debug)]
pub struct Variant {
    pub from: u32,
    pub to: u32,
    pub text: &'static str,
}

/// The newest kubectl (and server) release: the end of the last variant's range.
const NEWEST: u32 = LATEST_KUBE_MINOR;

impl Paragraph {
    /// The paragraph as said to someone using a 1.`kube` server and kubectl 1.`kubectl`.
    pub fn say(&self, kube: u32, kubectl: u32) -> Option<String> {
        let (variants, minor) = match self {
            Paragraph::Text(t) => return Some((*t).to_owned()),
            Paragraph::Kube(v) => (v, kube),
            Paragraph::Kubectl(v) => (v, kubectl),
        };
        let v = variants.iter().find(|v| (v.from..=v.to).contains(&minor))?;
        Some(fill(v.text, kube, kubectl))
    }

    /// The paragraph as `static/learn.json` holds it: the text, or
    /// `{"by": "kube"|"kubectl", "variants": [[from, to, text], …]}`.
    pub fn to_json(&self) -> serde_json::Value {
        let (by, variants) = match self {
            Paragraph::Text(t) => return (*t).into(),
            Paragraph::Kube(v) => ("kube", v),
            Paragraph::Kubectl(v) => ("kubectl", v),
        };
        let list: Vec<serde_json::Value> = variants.iter().map(|v| serde_json::json!([v.from, v.to, v.text])).collect();
        serde_json::json!({"by": by, "variants": list})
    }
}

/// `{kube}` and `{kubectl}` in `text` replaced by the versions.
fn fill(text: &str, kube: u32, kubectl: u32) -> String {
    text.replace("{kube}", &format!("1.{kube}")).replace("{kubectl}", &format!("1.{kubectl}"))
}

/// One paragraph of `static/learn.json` ([`Paragraph::to_json`]) as said for a 1.`kube` server
/// and kubectl 1.`kubectl`: how the playground reads the file it fetches. `None` for what is
/// not such a paragraph.
pub fn say_json(p: &serde_json::Value, kube: u32, kubectl: u32) -> Option<String> {
    if let Some(t) = p.as_str() {
        return Some(t.to_owned());
    }
    let minor = match p.get("by")?.as_str()? {
        "kube" => kube,
        "kubectl" => kubectl,
        _ => return None,
    };
    let found = p.get("variants")?.as_array()?.iter().find(|v| {
        let range = |i: usize| v.get(i).and_then(serde_json::Value::as_u64).and_then(|n| u32::try_from(n).ok());
        matches!((range(0), range(1)), (Some(from), Some(to)) if (from..=to).contains(&minor))
    })?;
    Some(fill(found.get(2)?.as_str()?, kube, kubectl))
}

/// What `static/learn.json` holds: each section's paragraphs ([`Paragraph::to_json`]) by its id.
pub fn learn_json() -> String {
    let map: serde_json::Map<String, serde_json::Value> =
        SECTIONS.iter().map(|s| (s.id.to_owned(), s.paragraphs.iter().map(Paragraph::to_json).collect::<Vec<_>>().into())).collect();
    format!("{}\n", serde_json::to_string_pretty(&map).unwrap_or_default())
}

use Paragraph::Text;

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
            Text("An ephemeral container is a container you add to a pod that is already running, to look inside it. It shares the pod's network, can mount the pod's volumes and, with a target, joins the process namespace of one of its containers: a shell beside the app, `tcpdump` on its traffic, `strace` on its processes."),
            Text("It is not part of the app. It has no ports, no probes, no resources of its own and is never restarted: it runs until its process exits, and then stays in the pod's status as a terminated container."),
        ],
    },
    Section {
        id: "why",
        title: "Why they exist",
        paragraphs: &[
            Text("Production images are often minimal: distroless images have no shell, no `ps`, no package manager, and `kubectl exec` has nothing to run. A container that crashed cannot be exec'd into at all."),
            Text("Restarting the pod with a debug image would lose the very state you want to see. An ephemeral container brings the tools to the running pod instead, without restarting anything."),
        ],
    },
    Section {
        id: "subresource",
        title: "Only through the ephemeralcontainers subresource",
        paragraphs: &[
            Text("Ephemeral containers cannot be written in a pod's manifest, set when a pod is created, or added with a normal update of the pod. The API server accepts them only on the `pods/ephemeralcontainers` subresource, which takes the pod's whole new list of ephemeral containers."),
            // kubectl pkg/cmd/patch/patch.go at kubernetes-1.24.0 … -1.31.0: `supportedSubresources`
            // is [status scale]; 1.32 dropped the list; 1.23 has no --subresource (versions.rs).
            Paragraph::Kubectl(&[
                Variant {
                    from: KUBECTL_SUBRESOURCE_FLAG_SINCE,
                    to: KUBECTL_PATCH_EPHEMERAL_SINCE - 1,
                    text: "`kubectl debug -it POD --image=busybox:1.36 --target=app` sends that request for you. kubectl {kubectl} cannot send one you write with `kubectl patch`: its `--subresource` takes only `status` and `scale` (`ephemeralcontainers` from kubectl 1.32). `kubectl replace --raw` sends the whole new list (a PUT), and the playground's `curl` form sends a strategic patch through `kubectl proxy`. Whatever else the request changes in the pod is silently dropped.",
                },
                Variant {
                    from: KUBECTL_PATCH_EPHEMERAL_SINCE,
                    to: NEWEST,
                    text: "`kubectl debug -it POD --image=busybox:1.36 --target=app` sends that request for you. `kubectl patch pod POD --subresource=ephemeralcontainers` (kubectl {kubectl}; from kubectl 1.32) sends a patch you write, and the playground's `curl` form sends the same strategic patch; `kubectl replace --raw` sends the whole new list (a PUT). Whatever else the request changes in the pod is silently dropped.",
                },
            ]),
            Text("Permissions are separate too: the caller needs `patch` (or `update`) on `pods/ephemeralcontainers` in the namespace; a role that allows `pods/exec` does not grant it. `kubectl auth can-i patch pods/ephemeralcontainers` tells you."),
        ],
    },
    Section {
        id: "forever",
        title: "Never changed, never removed",
        paragraphs: &[
            Text("Once added, an ephemeral container stays in the pod's spec until the pod is deleted: it can be neither changed nor removed, even after it exits. A request that leaves out or alters one that is already there is refused with \"may not be removed\" or \"may not be changed\"."),
            // kubectl pkg/cmd/debug/debug.go has no --dry-run flag; kubectl patch reaches the
            // subresource from 1.32 (versions::KUBECTL_PATCH_EPHEMERAL_SINCE); `dryRun=All` is
            // the API's query (k8s.io/apiserver pkg/endpoints/handlers), which --raw passes as is.
            Paragraph::Kubectl(&[
                Variant {
                    from: KUBECTL_SUBRESOURCE_FLAG_SINCE,
                    to: KUBECTL_PATCH_EPHEMERAL_SINCE - 1,
                    text: "So every request must send the existing ones back unchanged (a strategic merge patch and `kubectl debug` do that for you), and a name once used can never be used again in that pod. Check the name and the image before you send: `kubectl debug` has no dry run and there is no undo, and kubectl {kubectl}'s `kubectl patch` cannot reach the subresource, but `dryRun=All` added to the URL of `kubectl replace --raw` or of the `curl` form, and this playground, let you check first.",
                },
                Variant {
                    from: KUBECTL_PATCH_EPHEMERAL_SINCE,
                    to: NEWEST,
                    text: "So every request must send the existing ones back unchanged (a strategic merge patch and `kubectl debug` do that for you), and a name once used can never be used again in that pod. Check the name and the image before you send: `kubectl debug` has no dry run and there is no undo, but `kubectl patch --dry-run=server` (kubectl {kubectl}; from kubectl 1.32) and this playground let you check first.",
                },
            ]),
        ],
    },
    Section {
        id: "names",
        title: "Names",
        paragraphs: &[
            Text("A container's name is a DNS label: lowercase letters, digits and '-', at most 63 characters, starting and ending with a letter or digit. It must differ from every container, init container and ephemeral container of the pod, including ephemeral containers that have long exited."),
            Text("`kubectl debug` picks names like `debugger-x7k2p` for that reason; the playground does the same and suggests a free name when yours is taken."),
        ],
    },
    Section {
        id: "image",
        title: "Image and pull policy",
        paragraphs: &[
            Text("Every ephemeral container needs an image with the tools you want: `busybox:1.36` for a shell and the basics, `nicolaka/netshoot` for networking, a distribution image for anything you will install. Leading or trailing spaces in the reference are refused."),
            // pkg/apis/core/v1/defaults.go SetDefaults_Container: parsers.ParseImageName gives
            // the tag `latest` to an image with neither tag nor digest; Always for that tag only.
            Text("`imagePullPolicy` is `Always`, `IfNotPresent` or `Never`. Left out, the server picks `Always` for `:latest` or an image with neither tag nor digest, and `IfNotPresent` otherwise; a pinned tag is both faster and repeatable."),
        ],
    },
    Section {
        id: "target",
        title: "Debugging a distroless app: the target",
        paragraphs: &[
            // /proc/PID/root is guarded by the kernel's ptrace access check (proc(5), "/proc/pid/root":
            // PTRACE_MODE_READ_FSCREDS): the same UID as the process, or CAP_SYS_PTRACE.
            Text("By default an ephemeral container gets a process namespace of its own and sees none of the app's processes. `targetContainerName` puts it in the process namespace of one of the pod's containers (or init containers; never another ephemeral one): `ps` shows the app, and `/proc/1/root` is the app's file system, even in a distroless image, to a debugger the kernel lets look into the app's process: one running as the app's UID, or holding `SYS_PTRACE` (otherwise: Permission denied)."),
            Text("The target must be a container of this pod, and it should be running: a target that exited or has not started leaves nothing to look at. The container runtime must support targeting; most do."),
        ],
    },
    Section {
        id: "shared-pid",
        title: "Pods that share their process namespace",
        paragraphs: &[
            Text("A pod with `shareProcessNamespace: true` already has one process namespace for all its containers. An ephemeral container joins it without a target and sees every container's processes."),
            Text("Without either a target or a shared namespace, the debugger sees only itself: the playground warns about that, because the server will not."),
        ],
    },
    Section {
        id: "command",
        title: "Command, terminal and exit",
        paragraphs: &[
            // kubectl pkg/cmd/attach/attach.go streams the container's output whatever its stdin;
            // what is typed goes only to a container with `stdin: true`.
            Text("`command`, `args` and `workingDir` work as in any container; left out, the image's own entrypoint runs. For an interactive shell set both `stdin: true` and `tty: true`, then attach with `kubectl attach -it POD -c NAME` (`kubectl debug -it` does all of it). A TTY without stdin still shows its output to `kubectl attach`, but nothing you type reaches it; with `stdinOnce: true` the shell reads end-of-input when the first session detaches, and exits for good."),
            Text("When the process exits, `terminationMessagePolicy` (`File`, the default, or `FallbackToLogsOnError`) says where the short message in its terminated state comes from. Its output stays readable with `kubectl logs POD -c NAME`."),
        ],
    },
    Section {
        id: "no-ports",
        title: "No ports",
        paragraphs: &[
            Text("Ephemeral containers cannot declare `ports`: they are not part of the pod's service and receive no traffic of their own. The pod's network is shared, so a debugger can still listen on a port or reach the app on localhost; it just cannot declare it."),
            Text("To reach the app from your machine, use `kubectl port-forward` to the app's own port."),
        ],
    },
    Section {
        id: "no-probes-lifecycle",
        title: "No probes, no lifecycle hooks",
        paragraphs: &[
            Text("`livenessProbe`, `readinessProbe`, `startupProbe` and `lifecycle` are refused: nothing should restart, gate or hook a container that exists only so that a person can look around. The pod's readiness never depends on it."),
        ],
    },
    Section {
        id: "no-resources",
        title: "No resources of their own",
        paragraphs: &[
            // KEP-277 ("exceeding a pod's resource allocation may cause the pod to be evicted"); the
            // QoS class is computed from the regular and init containers.
            Text("An ephemeral container cannot set `resources` or `resizePolicy`: nothing is reserved for it, and what it uses counts against the pod, which was sized when it was scheduled. A debugger that uses a lot of memory competes with the app and can get it OOM-killed or the pod evicted; the pod's QoS class does not change, since it is computed from the regular containers. Keep it light."),
            // versions::GATED_FIELDS: resizePolicy is in k8s.io/api from 1.27; util.go
            // dropDisabledFields clears it while InPlacePodVerticalScaling is off (until 1.33).
            Paragraph::Kube(&[
                Variant {
                    from: OLDEST_KUBE_MINOR,
                    to: 26,
                    text: "Kubernetes {kube} has no `resizePolicy` field yet (it came in 1.27): the server drops it as an unknown field, with kubectl's `Warning: unknown field` line (refused under `fieldValidation=Strict`).",
                },
                Variant {
                    from: 27,
                    to: 32,
                    text: "On Kubernetes {kube} with default feature gates (InPlacePodVerticalScaling is off until 1.33), a `resizePolicy` is silently dropped before validation instead of refused, unless a regular container of the pod already has one.",
                },
                Variant {
                    from: 33,
                    to: NEWEST,
                    text: "On Kubernetes {kube} a `resizePolicy` is refused like `resources` (from 1.33; older servers with default feature gates drop it silently).",
                },
            ]),
        ],
    },
    Section {
        id: "no-restart",
        title: "Never restarted",
        paragraphs: &[
            Text("An ephemeral container is never restarted. When its process exits it stays terminated, and its name stays used. Start a new one with a fresh name to try again."),
            // versions::GATED_FIELDS: the container restartPolicy is in k8s.io/api from 1.28,
            // restartPolicyRules from 1.34; dropContainerRestartRules (util.go) clears both while
            // ContainerRestartRules is off (alpha in 1.34), the allow-list refuses them otherwise.
            Paragraph::Kube(&[
                Variant {
                    from: OLDEST_KUBE_MINOR,
                    to: 27,
                    text: "Kubernetes {kube} has no container `restartPolicy` yet (it came in 1.28): the server drops one as an unknown field, with kubectl's `Warning: unknown field` line (refused under `fieldValidation=Strict`).",
                },
                Variant {
                    from: 28,
                    to: 33,
                    text: "On Kubernetes {kube} a `restartPolicy` is refused: an ephemeral container cannot set one. (`restartPolicyRules` is not a field before 1.34: it is dropped with a warning.)",
                },
                Variant {
                    from: 34,
                    to: 34,
                    text: "On Kubernetes {kube} with default feature gates (ContainerRestartRules is alpha and off), `restartPolicy` and `restartPolicyRules` are silently dropped before validation, unless a container of the pod already uses restart rules; with the gate on, or on 1.35 and newer, they are refused.",
                },
                Variant {
                    from: 35,
                    to: NEWEST,
                    text: "On Kubernetes {kube} `restartPolicy` and `restartPolicyRules` are refused: an ephemeral container cannot set them (on 1.34, with default feature gates, they were silently dropped).",
                },
            ]),
        ],
    },
    Section {
        id: "volumes",
        title: "Volumes: only the pod's, and no subPath",
        paragraphs: &[
            Text("An ephemeral container can mount the pod's volumes (listed in `spec.volumes`), but cannot add volumes of its own: a mount that names another volume is refused as not found."),
            Text("`subPath` and `subPathExpr` are refused: mount the whole volume, read-only if you only look, and go to the sub-directory inside it. The usual mount rules apply too: one mount per path, relative sub-paths, `Bidirectional` propagation only for privileged containers."),
        ],
    },
    Section {
        id: "env",
        title: "Environment variables",
        paragraphs: &[
            Text("`env` and `envFrom` work as in any container. Each variable has either a `value` or exactly one `valueFrom` source (a field, a resource, a ConfigMap key or a Secret key), and each `envFrom` entry names exactly one ConfigMap or Secret."),
            Text("An ephemeral container does not inherit the target's environment: copy what your tools need."),
            // versions.rs: RELAXED_ENV_NAMES_SINCE (RelaxedEnvironmentVariableValidation on from
            // 1.32), GATED_FIELDS FileKeyRef (in k8s.io/api from 1.34, EnvFiles on from 1.35) and
            // FILE_KEY_REF_VOLUMES_SINCE; names.rs has both name rules' wordings.
            Paragraph::Kube(&[
                Variant {
                    from: OLDEST_KUBE_MINOR,
                    to: RELAXED_ENV_NAMES_SINCE - 1,
                    text: "On Kubernetes {kube} a variable's name may hold only letters, digits, `_`, `-` and `.`, and must not start with a digit, unless the pod already has a name outside that rule; from 1.32 any printable ASCII character but `=` is allowed.",
                },
                Variant {
                    from: RELAXED_ENV_NAMES_SINCE,
                    to: FILE_KEY_REF_VOLUMES_SINCE - 1,
                    text: "On Kubernetes {kube} a variable's name may hold any printable ASCII character but `=` (from 1.32; older servers allow only letters, digits, `_`, `-` and `.`). `fileKeyRef`, a variable read from a file in a volume, is not a field before 1.34: it is dropped with a warning.",
                },
                Variant {
                    from: FILE_KEY_REF_VOLUMES_SINCE,
                    to: FILE_KEY_REF_VOLUMES_SINCE,
                    text: "On Kubernetes {kube} a variable's name may hold any printable ASCII character but `=`. `valueFrom.fileKeyRef` (a key in a file of an `emptyDir` volume) exists, but its gate, EnvFiles, is off by default: the server drops it silently, and the `valueFrom` left empty is refused, unless the pod already uses one.",
                },
                Variant {
                    from: FILE_KEY_REF_VOLUMES_SINCE + 1,
                    to: NEWEST,
                    text: "On Kubernetes {kube} a variable's name may hold any printable ASCII character but `=`, and `valueFrom.fileKeyRef` reads a key from a file in one of the pod's `emptyDir` volumes (from 1.35 with default feature gates).",
                },
            ]),
        ],
    },
    Section {
        id: "security",
        title: "Security context and privileges",
        paragraphs: &[
            Text("An ephemeral container gets the pod's `securityContext` (its `runAsUser`, `runAsNonRoot`, …) but not its target's. What it may do is decided by its own: capabilities such as `SYS_PTRACE` for `strace` and `gdb`, `NET_ADMIN` and `NET_RAW` for `tcpdump` and `iptables`, or `privileged: true`, which the server refuses when the cluster disallows privileged containers."),
            // A JVM's attach listener accepts a peer with its effective UID or root
            // (HotSpot os::Posix::matches_effective_uid_or_root); reaching its socket through
            // /proc/PID/root needs the app's UID or CAP_SYS_PTRACE (proc(5)).
            Text("When the pod requires `runAsNonRoot`, the debugger must run as a non-root UID too, or the kubelet refuses to start it. Capabilities do little for a non-root process; and tools that attach to the app (a JVM's `jcmd`, a debugger) need the app's own UID, or root with `SYS_PTRACE`."),
        ],
    },
    Section {
        id: "pod-security",
        title: "Pod Security levels and kubectl debug profiles",
        paragraphs: &[
            Text("Pod Security Admission checks the request against the namespace's level, as for any pod. Under `baseline`, privileged mode and capabilities outside a short list (which leaves out `SYS_PTRACE`, `NET_ADMIN` and `NET_RAW`) are refused; `restricted` also requires running as non-root, dropping `ALL` capabilities, no privilege escalation and a `RuntimeDefault` or `Localhost` seccomp profile. These refusals come from admission, after the validation shown here."),
            // kubectl pkg/cmd/debug/profiles.go and debug.go at each kubernetes-1.x.0 tag: the
            // kubectl rows of versions.rs, which the tests below hold each variant to.
            Paragraph::Kubectl(&[
                Variant {
                    from: KUBECTL_PROFILE_FLAG_SINCE - 1,
                    to: KUBECTL_PROFILE_FLAG_SINCE - 1,
                    text: "kubectl {kubectl} has no `kubectl debug --profile` (it came in kubectl 1.25): the debugger gets no security context, so write the one you need into the request yourself (`kubectl replace --raw` or the playground's `curl` form sends it).",
                },
                Variant {
                    from: KUBECTL_PROFILE_FLAG_SINCE,
                    to: KUBECTL_PROFILES_SINCE - 1,
                    text: "kubectl {kubectl}'s `kubectl debug --profile` knows only `legacy`, which sets no security context; `general` (`SYS_PTRACE`), `baseline`, `restricted` and `netadmin` came in kubectl 1.27, `sysadmin` in 1.30.",
                },
                Variant {
                    from: KUBECTL_PROFILES_SINCE,
                    to: KUBECTL_RESTRICTED_COMPLETE_SINCE - 1,
                    text: "With kubectl {kubectl}, `kubectl debug --profile` fills the security context for you: `legacy`, the default, sets nothing; `general` adds `SYS_PTRACE`; `baseline` adds nothing; `restricted` runs as non-root and drops `ALL`, but sets neither `allowPrivilegeEscalation: false` nor a seccomp profile, so the restricted level refuses it (kubectl 1.28 sets both); `netadmin` adds only `NET_ADMIN` (`NET_RAW`, which `ping` and `tcpdump` need, from kubectl 1.29). There is no `sysadmin` before kubectl 1.30.",
                },
                Variant {
                    from: KUBECTL_RESTRICTED_COMPLETE_SINCE,
                    to: KUBECTL_NETADMIN_NET_RAW_SINCE - 1,
                    text: "With kubectl {kubectl}, `kubectl debug --profile` fills the security context for you: `legacy`, the default, sets nothing; `general` adds `SYS_PTRACE`; `baseline` adds nothing; `restricted` meets the restricted level (non-root, `ALL` dropped, no privilege escalation, `RuntimeDefault` seccomp); `netadmin` adds only `NET_ADMIN` (`NET_RAW`, which `ping` and `tcpdump` need, from kubectl 1.29). There is no `sysadmin` before kubectl 1.30.",
                },
                Variant {
                    from: KUBECTL_NETADMIN_NET_RAW_SINCE,
                    to: KUBECTL_SYSADMIN_SINCE - 1,
                    text: "With kubectl {kubectl}, `kubectl debug --profile` fills the security context for you: `legacy`, the default, sets nothing; `general` adds `SYS_PTRACE`; `baseline` adds nothing; `restricted` meets the restricted level (non-root, `ALL` dropped, no privilege escalation, `RuntimeDefault` seccomp); `netadmin` adds `NET_ADMIN` and `NET_RAW`. There is no `sysadmin` before kubectl 1.30.",
                },
                Variant {
                    from: KUBECTL_CUSTOM_GATED,
                    to: KUBECTL_CUSTOM_GATED,
                    text: "With kubectl {kubectl}, `kubectl debug --profile` fills the security context for you: `legacy`, the default, sets nothing; `general` adds `SYS_PTRACE`; `baseline` adds nothing; `restricted` meets the restricted level (non-root, `ALL` dropped, no privilege escalation, `RuntimeDefault` seccomp); `netadmin` adds `NET_ADMIN` and `NET_RAW`; `sysadmin` is privileged. `--custom` adds the rest from a JSON file, only with `KUBECTL_DEBUG_CUSTOM_PROFILE=true` in the environment.",
                },
                Variant {
                    from: KUBECTL_CUSTOM_GATED + 1,
                    to: KUBECTL_LEGACY_DEPRECATED_SINCE - 1,
                    text: "With kubectl {kubectl}, `kubectl debug --profile` fills the security context for you: `legacy`, the default, sets nothing; `general` adds `SYS_PTRACE`; `baseline` adds nothing; `restricted` meets the restricted level (non-root, `ALL` dropped, no privilege escalation, `RuntimeDefault` seccomp); `netadmin` adds `NET_ADMIN` and `NET_RAW`; `sysadmin` is privileged. `--custom` adds the rest from a JSON or YAML file.",
                },
                Variant {
                    from: KUBECTL_LEGACY_DEPRECATED_SINCE,
                    to: KUBECTL_GENERAL_DEFAULT_SINCE - 1,
                    text: "With kubectl {kubectl}, `kubectl debug --profile` fills the security context for you: `legacy`, the default, sets nothing, and kubectl warns that it is deprecated; `general` adds `SYS_PTRACE` (the default from kubectl 1.36); `baseline` adds nothing; `restricted` meets the restricted level (non-root, `ALL` dropped, no privilege escalation, `RuntimeDefault` seccomp); `netadmin` adds `NET_ADMIN` and `NET_RAW`; `sysadmin` is privileged.",
                },
                Variant {
                    from: KUBECTL_GENERAL_DEFAULT_SINCE,
                    to: NEWEST,
                    text: "With kubectl {kubectl}, `kubectl debug --profile` fills the security context for you: `general`, the default, adds `SYS_PTRACE`; `baseline` adds nothing; `restricted` meets the restricted level (non-root, `ALL` dropped, no privilege escalation, `RuntimeDefault` seccomp); `netadmin` adds `NET_ADMIN` and `NET_RAW`; `sysadmin` is privileged. `legacy`, the default before kubectl 1.36, sets nothing and is deprecated.",
                },
            ]),
        ],
    },
    Section {
        id: "windows",
        title: "Windows pods",
        paragraphs: &[
            Text("In a pod with `spec.os.name: windows`, the Linux-only parts of a security context (capabilities, SELinux, seccomp, AppArmor, privileged, runAsUser…) are refused; in a Linux pod, `windowsOptions` is. In a Windows HostProcess pod, every container, ephemeral ones too, must be a HostProcess container, and the pod must use the host network."),
            // KEP-277, "Container Runtime Interface (CRI) changes" and "Non-Goals".
            Text("Ephemeral containers run on Windows nodes too, through the CRI like any container, but Windows has no process namespace sharing: `targetContainerName` does not put the debugger among the app's processes, and network troubleshooting is what works. The image must be a Windows image for the node's Windows version."),
        ],
    },
    Section {
        id: "static-pods",
        title: "Static pods cannot run them",
        paragraphs: &[
            // versions::STATIC_POD_REFUSAL_SINCE: kubernetes/kubernetes#114086 (1.27), which
            // fixed #113935 (the kubelet never starts an ephemeral container of a static pod).
            Paragraph::Kube(&[
                Variant {
                    from: OLDEST_KUBE_MINOR,
                    to: STATIC_POD_REFUSAL_SINCE - 1,
                    text: "A static pod is run by the kubelet from a file on its node; the API only shows a mirror of it, marked with the `kubernetes.io/config.mirror` annotation. Kubernetes {kube} accepts an ephemeral container request for such a pod, but the kubelet runs the pod from its file and never starts the container; from 1.27 the API server refuses the request instead.",
                },
                Variant {
                    from: STATIC_POD_REFUSAL_SINCE,
                    to: NEWEST,
                    text: "A static pod is run by the kubelet from a file on its node; the API only shows a mirror of it, marked with the `kubernetes.io/config.mirror` annotation. On Kubernetes {kube} the API server refuses every ephemeral container request for such a pod, with one error and nothing else (from 1.27; older servers accepted it, and the container never started).",
                },
            ]),
            Text("Debug the node instead (`kubectl debug node/NAME -it --image=busybox:1.36`, which shares the host's namespaces), or run a copy of the pod."),
        ],
    },
    Section {
        id: "finished-pods",
        title: "Pods that have finished",
        paragraphs: &[
            Text("A pod whose phase is `Succeeded` or `Failed` accepts the request, but none of its containers will ever start again, the new one included. Debug a copy (`kubectl debug POD --copy-to=NAME`) instead."),
        ],
    },
    Section {
        id: "whole-pod",
        title: "The whole pod is validated again",
        paragraphs: &[
            Text("With every ephemeral container request the server validates the whole pod once more, under the rules it has now. A problem in the pod itself (for example a field that newer rules no longer accept) fails the request even though your container is fine."),
            Text("Such errors point into the pod's spec, not at your container, and this request cannot fix them: whatever it changes outside `spec.ephemeralContainers` is dropped. Fix the pod with an ordinary update if the field allows it, or recreate it."),
        ],
    },
    Section {
        id: "decoding",
        title: "Unknown fields, wrong types, YAML that does not parse",
        paragraphs: &[
            // k8s.io/apiserver pkg/endpoints/handlers/rest.go `fieldValidation` (no directive: Warn);
            // kubectl pkg/cmd/patch/patch.go has no --validate flag; pkg/cmd/debug/debug.go
            // patches with empty PatchOptions and reads --custom with encoding/json.
            Text("Before any rule, the text must read as YAML or JSON and decode into a pod and containers. A misspelled field is unknown to the API, and what happens depends on the request's `fieldValidation`: `kubectl create`, `apply` and `replace` ask for `Strict` (refused), but `kubectl patch` has no `--validate` flag and `kubectl debug` sends no options, so the server's default, `Warn`, applies: the request is accepted, the field is dropped, and kubectl prints `Warning: unknown field \"…\"`. An ephemeral container can never be changed, so the typo is there for good. In a `kubectl debug --custom` file it is worse: kubectl reads the file into Go types first, and the field vanishes without any warning. The playground judges with `Warn` unless told otherwise (`ecplay check --field-validation strict`), and its curl and `replace --raw` forms ask for `Strict`."),
            // pkg/registry/core/pod/strategy.go (podEphemeralContainersStrategy.PrepareForUpdate)
            // calls DropDisabledPodFields (pkg/api/pod/util.go); versions::GATED_FIELDS.
            Text("A field the server knows may still be taken away without a word: before validating, the server drops (or resets) each field whose feature gate is off by default in its release, unless the pod already uses it — `procMount` before 1.33, resource claims before 1.34. The playground says so for the release you chose."),
            Text("A value of the wrong type (a string where a number belongs, a map where a list belongs) is refused in any mode. The playground reports each at its line and column and suggests the field you probably meant."),
        ],
    },
    Section {
        id: "hints",
        title: "What the playground adds",
        paragraphs: &[
            Text("The server checks that a request is well-formed, not that it will help. The playground adds warnings and hints for what the server accepts but the kubelet or your debugging session will not: a debugger that cannot see the app's processes, a target that is not running, a pod that has finished, a static pod on a server that still accepts the request, a Windows node, a pod that requires non-root, capabilities that have no effect for a non-root user, an image that changes under you, a TTY nobody can attach to, and a free name when the one chosen is taken. That the container can never be removed is said beside every command it can be sent with."),
            Text("Each warning links to the section here that explains it; the server's own errors get a short why-and-fix text the server never sends."),
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
    use crate::versions::{KUBECTL_MINORS, KUBE_MINORS};
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
            for kube in KUBE_MINORS {
                for kubectl in KUBECTL_MINORS {
                    for p in s.paragraphs {
                        let p = p.say(kube, kubectl).unwrap_or_else(|| panic!("{}: nothing for 1.{kube} and kubectl 1.{kubectl}", s.id));
                        assert!(!p.trim().is_empty(), "{}: empty paragraph", s.id);
                        assert!(p.matches('`').count() % 2 == 0, "{}: unbalanced backticks in {p:?}", s.id);
                        assert!(!["<", "**", "](", "\n", "{"].iter().any(|m| p.contains(m)), "{}: not plain text: {p:?}", s.id);
                    }
                }
            }
        }
    }

    /// Every release is covered by exactly one variant of a paragraph that depends on it, each
    /// variant says the version it is about, and `static/learn.json`'s reading of a paragraph
    /// is the paragraph's.
    #[test]
    fn versioned_paragraphs_cover_every_release_once_and_say_it() {
        for s in SECTIONS {
            for p in s.paragraphs {
                let (variants, all, what) = match p {
                    Paragraph::Text(_) => continue,
                    Paragraph::Kube(v) => (v, KUBE_MINORS, "{kube}"),
                    Paragraph::Kubectl(v) => (v, KUBECTL_MINORS, "{kubectl}"),
                };
                for minor in all.clone() {
                    let n = variants.iter().filter(|v| (v.from..=v.to).contains(&minor)).count();
                    assert_eq!(n, 1, "{}: 1.{minor} is in {n} variants", s.id);
                }
                for v in variants.iter() {
                    assert!(v.from <= v.to && all.contains(&v.from) && all.contains(&v.to), "{}: {v:?}", s.id);
                    assert!(
                        v.text.contains(what),
                        "{}: the variant for 1.{}–1.{} does not say the version: {}",
                        s.id,
                        v.from,
                        v.to,
                        v.text
                    );
                }
                let json = p.to_json();
                for kube in KUBE_MINORS {
                    for kubectl in [*KUBECTL_MINORS.start(), 30, *KUBECTL_MINORS.end()] {
                        assert_eq!(say_json(&json, kube, kubectl), p.say(kube, kubectl), "{}", s.id);
                    }
                }
            }
        }
        assert_eq!(say_json(&serde_json::json!({"by": "kube", "variants": [[25, 26, "x"]]}), 30, 30), None);
        assert_eq!(say_json(&serde_json::json!({"by": "other"}), 30, 30), None);
    }

    fn said(id: &str, kube: u32, kubectl: u32) -> String {
        let s = SECTIONS.iter().find(|s| s.id == id).unwrap();
        s.paragraphs.iter().filter_map(|p| p.say(kube, kubectl)).collect::<Vec<_>>().join("\n")
    }

    /// What the Learn text says about kubectl's profiles is what kubectl 1.x's
    /// `profiles.go` does, as `crate::import::kubectl::Profile` models it.
    #[test]
    fn the_profiles_paragraph_follows_kubectl() {
        use crate::import::kubectl::Profile as P;
        for k in KUBECTL_MINORS {
            let t = said("pod-security", LATEST_KUBE_MINOR, k);
            let has = |p: P| k >= p.exists_since();
            let adds = |p: P, cap: &str| {
                P::security_context(p, k).is_some_and(|sc| sc["capabilities"]["add"].as_array().is_some_and(|a| a.iter().any(|c| c == cap)))
            };
            assert_eq!(
                t.contains("`netadmin` adds `NET_ADMIN` and `NET_RAW`"),
                has(P::Netadmin) && adds(P::Netadmin, "NET_RAW"),
                "kubectl 1.{k}: {t}"
            );
            assert_eq!(
                t.contains("`netadmin` adds only `NET_ADMIN`"),
                has(P::Netadmin) && !adds(P::Netadmin, "NET_RAW"),
                "kubectl 1.{k}: {t}"
            );
            assert_eq!(t.contains("`sysadmin` is privileged"), has(P::Sysadmin), "kubectl 1.{k}: {t}");
            let restricted_complete = P::security_context(P::Restricted, k).is_some_and(|sc| sc.get("seccompProfile").is_some());
            assert_eq!(
                t.contains("`restricted` meets the restricted level"),
                has(P::Restricted) && restricted_complete,
                "kubectl 1.{k}: {t}"
            );
            let default = crate::versions::kubectl_default_profile(k);
            assert_eq!(t.contains("`general`, the default,"), has(P::General) && default == "general", "kubectl 1.{k}: {t}");
            assert_eq!(t.contains("`legacy`, the default,"), has(P::General) && default == "legacy", "kubectl 1.{k}: {t}");
            assert_eq!(t.contains("KUBECTL_DEBUG_CUSTOM_PROFILE=true"), k == KUBECTL_CUSTOM_GATED, "kubectl 1.{k}: {t}");
            assert!(t.contains(&format!("1.{k}")), "kubectl 1.{k}: {t}");
        }
    }

    /// What the text says `kubectl patch` can do is what the kubectl patch export's blocker
    /// says of the same kubectl.
    #[test]
    fn the_patch_sentences_follow_kubectl() {
        let p: Pod = serde_json::from_str(r#"{"metadata":{"name":"web-0"},"spec":{"containers":[{"name":"app","image":"a"}]}}"#).unwrap();
        let list = [EphemeralContainer { name: "d".into(), image: Some("busybox:1.36".into()), ..Default::default() }];
        for k in KUBECTL_MINORS {
            let mut req = crate::export::Request::new(&p, &list);
            req.kubectl_minor = k;
            let works = crate::export::export(&req, crate::export::Format::KubectlPatch).unwrap().blocker.is_none();
            let sub = said("subresource", LATEST_KUBE_MINOR, k);
            assert_eq!(sub.contains("`kubectl patch pod POD --subresource=ephemeralcontainers` (kubectl"), works, "kubectl 1.{k}: {sub}");
            let forever = said("forever", LATEST_KUBE_MINOR, k);
            assert_eq!(forever.contains("`kubectl patch --dry-run=server`"), works, "kubectl 1.{k}: {forever}");
            assert!(sub.contains(&format!("1.{k}")) && forever.contains(&format!("1.{k}")), "kubectl 1.{k}");
        }
    }

    /// `--profile=restricted` meets the restricted Pod Security level from kubectl 1.28 (as the
    /// text says): kubectl 1.27's container is refused by a namespace that enforces it, 1.28's
    /// is admitted; and `netadmin` adds `NET_RAW` only from 1.29.
    #[test]
    fn the_profiles_do_what_the_text_says_under_pod_security() {
        // A pod that passes the restricted level itself: only the debugger is in question.
        let pod = serde_json::json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web-0", "namespace": "default"}, "spec": {
            "securityContext": {"runAsNonRoot": true, "runAsUser": 1000, "seccompProfile": {"type": "RuntimeDefault"}},
            "containers": [{"name": "app", "image": "app:1", "securityContext": {"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}}}]}});
        let pod_text = pod.to_string();
        let pod_text = pod_text.as_str();
        let mut cluster = crate::Cluster::default();
        cluster.set_short_form("enforce=restricted").unwrap();
        let opts = cluster.options();
        let made = |k: u32, profile: &str| {
            let line = format!("kubectl debug web-0 --image=busybox:1.36 --target=app -c d --profile={profile}");
            let mut imported = crate::import::import(&pod, &line, k, &Default::default()).unwrap();
            imported.containers.pop().unwrap()
        };
        for (k, admitted) in [(27, false), (28, true), (LATEST_KUBE_MINOR, true)] {
            let ctr = made(k, "restricted");
            let r = check(pod_text, &ctr.to_string(), Mode::Append, &opts);
            assert_eq!(r.valid(), admitted, "kubectl 1.{k}: {:?}", r.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>());
            assert_eq!(said("pod-security", LATEST_KUBE_MINOR, k).contains("`restricted` meets the restricted level"), admitted);
        }
        for (k, net_raw) in [(28, false), (29, true)] {
            let caps = made(k, "netadmin")["securityContext"]["capabilities"]["add"].clone();
            assert_eq!(caps.as_array().unwrap().iter().any(|c| c == "NET_RAW"), net_raw, "kubectl 1.{k}: {caps}");
        }
    }

    /// The paragraphs that depend on the server say what that release does, as the checker
    /// judges it there.
    #[test]
    fn the_server_paragraphs_follow_the_checker() {
        let static_pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations: {kubernetes.io/config.mirror: x}\nspec:\n  nodeName: node-1\n  containers:\n  - {name: app, image: app:1}\n";
        let plain = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: app, image: app:1}\n";
        let judge = |pod: &str, ctr: &str, kube: u32| check(pod, ctr, Mode::Append, &Options { kube_minor: kube, ..Options::default() });
        let ctr = "name: dbg\nimage: busybox:1.36\ntargetContainerName: app\n";
        for kube in KUBE_MINORS {
            let r = judge(static_pod, ctr, kube);
            let refused = r.diagnostics.iter().any(|d| d.code == "R-37");
            assert_eq!(refused, !r.valid(), "1.{kube}: {:?}", r.diagnostics);
            let t = said("static-pods", kube, LATEST_KUBE_MINOR);
            assert_eq!(t.contains("refuses every ephemeral container request"), refused, "1.{kube}: {t}");
            assert_eq!(t.contains("never starts the container"), !refused, "1.{kube}: {t}");

            let codes = |ctr: &str| judge(plain, ctr, kube).diagnostics.iter().map(|d| (d.code, d.severity)).collect::<Vec<_>>();
            let resize = codes(&format!("{ctr}resizePolicy:\n- {{resourceName: cpu, restartPolicy: NotRequired}}\n"));
            let t = said("no-resources", kube, LATEST_KUBE_MINOR);
            let unknown = resize.iter().any(|(c, _)| *c == "D-02");
            let refused = resize.iter().any(|(_, s)| *s == Severity::Error);
            assert_eq!(t.contains("no `resizePolicy` field yet"), unknown, "1.{kube}: {t}");
            assert_eq!(t.contains("is refused like `resources`"), refused, "1.{kube}: {t}");
            assert_eq!(t.contains("silently dropped"), !unknown && !refused, "1.{kube}: {t}");

            let restart = codes(&format!("{ctr}restartPolicy: Always\n"));
            let t = said("no-restart", kube, LATEST_KUBE_MINOR);
            assert_eq!(t.contains("no container `restartPolicy` yet"), restart.iter().any(|(c, _)| *c == "D-02"), "1.{kube}: {t}");
            assert_eq!(
                t.contains("refused"),
                restart.iter().any(|(_, s)| *s == Severity::Error) || kube == 34 || kube < 28,
                "1.{kube}: {t}"
            );

            let env = codes(&format!("{ctr}env:\n- {{name: 'a b', value: x}}\n"));
            let t = said("env", kube, LATEST_KUBE_MINOR);
            let relaxed = !env.iter().any(|(_, s)| *s == Severity::Error);
            assert_eq!(t.contains("may hold only letters"), !relaxed, "1.{kube}: {t}");
            assert_eq!(crate::versions::relaxed_env_names(kube), relaxed);

            let file = codes(&format!("{ctr}env:\n- name: A\n  valueFrom: {{fileKeyRef: {{volumeName: v, path: p, key: k}}}}\n"));
            let unknown = file.iter().any(|(c, _)| *c == "D-02");
            assert_eq!(t.contains("is not a field before 1.34"), unknown && relaxed, "1.{kube}: {t}");
            assert_eq!(t.contains("drops it silently"), kube == FILE_KEY_REF_VOLUMES_SINCE, "1.{kube}: {t}");
            for must in [format!("1.{kube}")] {
                for id in ["static-pods", "no-resources", "no-restart", "env"] {
                    assert!(said(id, kube, LATEST_KUBE_MINOR).contains(&must), "{id} at 1.{kube}");
                }
            }
        }
    }

    /// Each sentence the issue of the playground's truthfulness corrected, held to what the
    /// code that models it does (the sources are beside each sentence).
    #[test]
    fn corrected_sentences_say_what_the_code_does() {
        let all = |id: &str| said(id, LATEST_KUBE_MINOR, LATEST_KUBE_MINOR);
        let pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: app, image: app:1}\n";
        // SetDefaults_Container: Always only for :latest or an image with neither tag nor digest.
        let policy = |image: &str| {
            let r = check(pod, &format!("name: d\nimage: {image}\ntargetContainerName: app\n"), Mode::Append, &Options::default());
            r.stored.last().and_then(|c| c.image_pull_policy.clone()).unwrap_or_default()
        };
        let digest = "busybox@sha256:0000000000000000000000000000000000000000000000000000000000000000";
        assert_eq!(
            [policy("busybox"), policy("busybox:latest"), policy("busybox:1.36"), policy(digest)],
            ["Always", "Always", "IfNotPresent", "IfNotPresent"]
        );
        assert!(all("image").contains("`Always` for `:latest` or an image with neither tag nor digest"));
        assert!(crate::codes::help_for("R-07", "").unwrap().contains("Always for :latest or an image with neither tag nor digest"));
        // The curl form sends a strategic merge patch, not the whole list.
        let p: Pod = serde_json::from_str(r#"{"metadata":{"name":"web-0"},"spec":{"containers":[{"name":"app","image":"a"}]}}"#).unwrap();
        let list = [EphemeralContainer { name: "d".into(), image: Some("busybox:1.36".into()), ..Default::default() }];
        let curl = crate::export::export(&crate::export::Request::new(&p, &list), crate::export::Format::Curl).unwrap();
        assert!(curl.text.contains("-X PATCH") && curl.text.contains("strategic-merge-patch+json"), "{}", curl.text);
        assert!(all("subresource").contains("the playground's `curl` form sends the same strategic patch"));
        // A TTY without stdin still shows its output (H-07 says so too).
        assert!(all("command").contains("A TTY without stdin still shows its output"));
        let tty = check(pod, "name: d\nimage: busybox:1.36\ntargetContainerName: app\ntty: true\n", Mode::Append, &Options::default());
        assert!(tty.diagnostics.iter().any(|d| d.code == "H-07" && d.message.contains("you can watch the container's output")));
        // Attaching to a JVM: the app's UID, or root with SYS_PTRACE.
        assert!(all("security").contains("the app's own UID, or root with `SYS_PTRACE`"));
        assert!(RECIPES.iter().any(|r| r.id == "jvm" && r.summary.contains("root with `SYS_PTRACE` works too")));
        // /proc/1/root: the app's UID or SYS_PTRACE (the recipe asks for one of them).
        assert!(all("target").contains("one running as the app's UID, or holding `SYS_PTRACE`"));
        // Eviction and QoS: KEP-277.
        assert!(all("no-resources").contains("the pod evicted; the pod's QoS class does not change"));
        // Windows: they run, without process namespace targeting (KEP-277); H-09 says the same.
        assert!(all("windows").contains("Ephemeral containers run on Windows nodes too"));
        // hostPID: the debugger sees the node's processes, the app's among them.
        let host_pid = pod.replace("spec:\n", "spec:\n  hostPID: true\n");
        let h = check(&host_pid, "name: d\nimage: busybox:1.36\n", Mode::Append, &Options::default());
        assert!(!h.diagnostics.iter().any(|d| d.code == "H-01"));
        // A typo under Warn: accepted, dropped, with kubectl's warning line.
        assert!(all("decoding").contains("the request is accepted, the field is dropped, and kubectl prints `Warning: unknown field"));
        let typo = check(
            pod,
            "name: d\nimage: busybox:1.36\nimagePullPolcy: Always\ntargetContainerName: app\n",
            Mode::Append,
            &Options::default(),
        );
        assert!(
            typo.valid() && typo.summary() == "Warning: unknown field \"spec.ephemeralContainers[0].imagePullPolcy\"",
            "{}",
            typo.summary()
        );
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
