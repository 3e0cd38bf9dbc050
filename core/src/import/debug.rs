//! `kubectl debug` read back into the ephemeral container it sends, for kubectl 1.25 … 1.37.
//!
//! Read in kubernetes/kubectl `pkg/cmd/debug/debug.go` and `profiles.go` (1.25–1.26:
//! `profile_applier.go`) at each `kubernetes-1.x.0` tag, and at HEAD `dee3483a` for 1.37:
//!
//! * `AddFlags` — the flags of each release ([`flags_for`]): `--profile` from 1.25 (default
//!   `legacy`; `general` from 1.36), `-f/--filename` from 1.27, `--custom` from 1.30 (only with
//!   `KUBECTL_DEBUG_CUSTOM_PROFILE=true`; 1.31 unless it is `false`; always from 1.32), the
//!   `--keep-*` flags from 1.31.
//! * `Complete` — `NewProfileApplier` (`unknown profile: …`; 1.25–1.26 know `legacy` only,
//!   1.27–1.29 all but `sysadmin`), then the `--custom` file: `json.Unmarshal` into a
//!   `corev1.Container`, else `yaml.Unmarshal`.
//! * `Validate` — its checks in its order, with its texts ([`validate`]); from 1.32 the
//!   deprecation of `--profile=legacy` on standard error (its wording changed in 1.36).
//! * `generateDebugContainer` — the container from the flags; the profile applied to the first
//!   container of the pod with that name (`podutils.VisitContainers`: init, regular, then
//!   ephemeral containers, the new one last); `applyCustomProfileEphemeral`: the custom file,
//!   re-marshalled by Go, strategic-merged onto the first ephemeral container with that name.
//! * `computeDebugContainerName` — `-c`, or `debugger-` and 5 random characters.

use serde_json::{json, Map, Value};

use super::flags::{self, flag, since, Flag, Kind, Parsed};
use super::line::Word;
use super::merge::{self, Schema};
use super::{refused, Ctx, ImportError, Imported};
use crate::diag::go_quote;
use crate::image::is_image_reference;
use crate::import::kubectl::Profile;
use crate::node::Pos;
use crate::versions::{
    KUBECTL_CUSTOM_GATED, KUBECTL_CUSTOM_SINCE, KUBECTL_DEBUG_FILENAME_SINCE, KUBECTL_GENERAL_DEFAULT_SINCE,
    KUBECTL_LEGACY_DEPRECATED_SINCE, KUBECTL_NETADMIN_NET_RAW_SINCE, KUBECTL_RESTRICTED_COMPLETE_SINCE,
};

/// `kubectl debug`'s own flags in kubectl 1.`minor` (`--custom` is added by [`flags_for`]).
const DEBUG_FLAGS: &[Flag] = &[
    flag("arguments-only", None, Kind::Bool),
    flag("attach", None, Kind::Bool),
    flag("container", Some('c'), Kind::Str),
    flag("copy-to", None, Kind::Str),
    flag("replace", None, Kind::Bool),
    flag("env", None, Kind::StrToStr),
    flag("image", None, Kind::Str),
    flag("set-image", None, Kind::StrToStr),
    flag("image-pull-policy", None, Kind::Str),
    flag("stdin", Some('i'), Kind::Bool),
    flag("quiet", Some('q'), Kind::Bool),
    flag("same-node", None, Kind::Bool),
    flag("share-processes", None, Kind::Bool),
    flag("target", None, Kind::Str),
    flag("tty", Some('t'), Kind::Bool),
    since("profile", Kind::Str, 25),
    Flag { name: "filename", short: Some('f'), kind: Kind::List, since: 27 },
    since("keep-labels", Kind::Bool, 31),
    since("keep-annotations", Kind::Bool, 31),
    since("keep-liveness", Kind::Bool, 31),
    since("keep-readiness", Kind::Bool, 31),
    since("keep-startup", Kind::Bool, 31),
    since("keep-init-containers", Kind::Bool, 31),
];

const CUSTOM_GATE: &str = "KUBECTL_DEBUG_CUSTOM_PROFILE";

/// Whether kubectl 1.`minor` has `--custom` with this environment (`cmdutil.DebugCustomProfile`,
/// `pkg/cmd/util/helpers.go`: 1.30 `IsEnabled`, 1.31 `!IsDisabled`, gone in 1.32).
fn has_custom(minor: u32, env: &[(String, String)]) -> bool {
    let gate = env.iter().rev().find(|(k, _)| k == CUSTOM_GATE).map(|(_, v)| v.to_ascii_lowercase());
    match minor {
        m if m < KUBECTL_CUSTOM_GATED => false,
        KUBECTL_CUSTOM_GATED => gate.as_deref() == Some("true"),
        KUBECTL_CUSTOM_SINCE => gate.as_deref() != Some("false"),
        _ => true,
    }
}

fn flags_for(minor: u32, env: &[(String, String)]) -> Vec<Flag> {
    let mut all = DEBUG_FLAGS.to_vec();
    if has_custom(minor, env) {
        all.push(flag("custom", None, Kind::Str));
    }
    all
}

/// The default `--profile` (`AddFlags`).
pub(crate) fn default_profile(minor: u32) -> &'static str {
    crate::versions::kubectl_default_profile(minor)
}

/// `NewProfileApplier`: the profiles kubectl 1.`minor` knows.
fn profile_named(name: &str, minor: u32) -> Option<Profile> {
    Profile::ALL.into_iter().find(|p| p.name() == name && minor >= p.exists_since())
}

/// One edit a profile makes to a container's securityContext (`profiles.go`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Edit {
    /// `clearSecurityContext`.
    Clear,
    /// `addCapability`: appended to `capabilities.add`.
    Add(&'static str),
    /// `disallowRoot`.
    NonRoot,
    /// `dropCapabilities`: `drop: [ALL]`, `add` emptied.
    DropAll,
    /// `disallowPrivilegeEscalation`.
    NoEscalation,
    /// `setSeccompProfile`.
    Seccomp,
    /// `setPrivileged`.
    Privileged,
}

/// What each profile does to an ephemeral container in kubectl 1.`minor` (the `ephemeral`
/// style of each `Apply`, and the edits made whatever the style): `restricted` sets
/// `allowPrivilegeEscalation` and `seccompProfile` from 1.28, `netadmin` adds `NET_RAW` from
/// 1.29 (kubectl `profiles.go` at `kubernetes-1.27.0`, `-1.28.0`, `-1.29.0`).
fn edits(profile: Profile, minor: u32) -> Vec<Edit> {
    match profile {
        Profile::Legacy => vec![],
        Profile::General => vec![Edit::Add("SYS_PTRACE")],
        Profile::Baseline => vec![Edit::Clear],
        Profile::Restricted if minor < KUBECTL_RESTRICTED_COMPLETE_SINCE => vec![Edit::Clear, Edit::NonRoot, Edit::DropAll],
        Profile::Restricted => vec![Edit::Clear, Edit::NonRoot, Edit::DropAll, Edit::NoEscalation, Edit::Seccomp],
        Profile::Netadmin if minor < KUBECTL_NETADMIN_NET_RAW_SINCE => vec![Edit::Add("NET_ADMIN")],
        Profile::Netadmin => vec![Edit::Add("NET_ADMIN"), Edit::Add("NET_RAW")],
        Profile::Sysadmin => vec![Edit::Privileged],
    }
}

/// Applies a profile's edits to a container's JSON.
fn apply_edits(c: &mut Map<String, Value>, edits: &[Edit]) {
    for e in edits {
        if *e == Edit::Clear {
            c.remove("securityContext");
            continue;
        }
        let sc = c.entry("securityContext").or_insert_with(|| json!({}));
        let Some(sc) = sc.as_object_mut() else { continue };
        match *e {
            Edit::Clear => {}
            Edit::Add(cap) => {
                let caps = sc.entry("capabilities").or_insert_with(|| json!({}));
                if let Some(caps) = caps.as_object_mut() {
                    let add = caps.entry("add").or_insert_with(|| json!([]));
                    if let Some(add) = add.as_array_mut() {
                        add.push(cap.into());
                    }
                }
            }
            Edit::NonRoot => {
                sc.insert("runAsNonRoot".into(), true.into());
            }
            Edit::DropAll => {
                let caps = sc.entry("capabilities").or_insert_with(|| json!({}));
                if let Some(caps) = caps.as_object_mut() {
                    caps.insert("drop".into(), json!(["ALL"]));
                    caps.remove("add");
                }
            }
            Edit::NoEscalation => {
                sc.insert("allowPrivilegeEscalation".into(), false.into());
            }
            Edit::Seccomp => {
                sc.insert("seccompProfile".into(), json!({"type": "RuntimeDefault"}));
            }
            Edit::Privileged => {
                sc.insert("privileged".into(), true.into());
            }
        }
    }
}

/// Every container name of the pod: init, regular, ephemeral.
fn container_names(pod: &Value) -> Vec<String> {
    let mut names = Vec::new();
    for list in ["initContainers", "containers", "ephemeralContainers"] {
        for c in pod["spec"][list].as_array().into_iter().flatten() {
            if let Some(n) = c["name"].as_str() {
                names.push(n.to_owned());
            }
        }
    }
    names
}

/// Where the first container named `name` is (`podutils.VisitContainers` order).
fn first_named(pod: &Value, name: &str) -> Option<(&'static str, usize)> {
    for list in ["initContainers", "containers", "ephemeralContainers"] {
        if let Some(i) = pod["spec"][list].as_array().into_iter().flatten().position(|c| c["name"].as_str() == Some(name)) {
            return Some((list, i));
        }
    }
    None
}

/// The words after `kubectl debug`.
pub(crate) fn import(words: &[Word], at: Pos, ctx: &Ctx<'_>) -> Result<Imported, ImportError> {
    let minor = ctx.minor;
    let local = flags_for(minor, ctx.env);
    let p = flags::parse(words, &local, minor).map_err(|e| {
        let mut why = String::new();
        if e.message == "unknown flag: --custom" && (KUBECTL_CUSTOM_GATED..=KUBECTL_CUSTOM_SINCE).contains(&minor) {
            why = if minor == KUBECTL_CUSTOM_GATED {
                format!("kubectl 1.30 has --custom only with {CUSTOM_GATE}=true in its environment.")
            } else {
                format!("kubectl 1.31 has --custom unless {CUSTOM_GATE}=false is in its environment.")
            };
        } else if e.message.starts_with("unknown flag: --") {
            let name = e.message.trim_start_matches("unknown flag: --");
            if let Some(f) = DEBUG_FLAGS.iter().chain(std::iter::once(&flag("custom", None, Kind::Str))).find(|f| f.name == name) {
                let first = if f.name == "custom" { KUBECTL_CUSTOM_GATED } else { f.since };
                why = format!("kubectl debug has --{name} from kubectl 1.{first}; this is kubectl 1.{minor}.");
            }
        }
        refused(format!("error: {}", e.message), e.word.pos, why).with_usage("debug")
    })?;
    let mut notes = Vec::new();

    // Complete.
    let profile_given = p.value("profile");
    let profile_text = profile_given.unwrap_or(default_profile(minor));
    let Some(profile) = profile_named(profile_text, minor) else {
        let pos = p.last("profile").map_or(at, |g| g.word.pos);
        let known: Vec<&str> =
            [Profile::Legacy, Profile::General, Profile::Baseline, Profile::Restricted, Profile::Netadmin, Profile::Sysadmin]
                .into_iter()
                .filter(|p| minor >= p.exists_since())
                .map(Profile::name)
                .collect();
        return Err(refused(
            format!("error: unknown profile: {profile_text}"),
            pos,
            format!("kubectl 1.{minor} knows the profiles {}.", known.join(", ")),
        ));
    };
    let custom = match p.last("custom").filter(|g| !g.value.is_empty()) {
        Some(g) => Some(read_custom(&g.value, g.word.pos, ctx, &mut notes)?),
        None => None,
    };

    let copy_to = p.value("copy-to").unwrap_or("");
    let image = p.value("image").unwrap_or("");
    let container = p.value("container").unwrap_or("");
    let (targets, command): (Vec<&Word>, Vec<&Word>) = match p.dash {
        Some(n) => (p.args[..n].iter().collect(), p.args[n..].iter().collect()),
        None => (p.args.iter().collect(), Vec::new()),
    };
    let filenames: Vec<&flags::Given> = p.all("filename").collect();

    // Validate, in its order.
    let stdin = p.bool("stdin");
    let attach = if p.changed("attach") { p.bool("attach") } else { stdin };
    if attach && p.changed("attach") && image.is_empty() && container.is_empty() {
        return Err(refused("error: you must specify --container or create a new container using --image in order to attach.", at, ""));
    }
    if !copy_to.is_empty() {
        return Err(ImportError::Unreadable {
            pos: p.last("copy-to").map_or(at, |g| g.word.pos),
            message: format!("--copy-to={copy_to} adds no ephemeral container: kubectl debug creates a new pod named {copy_to_q}, a copy of the pod with a debugging container added (or the named container changed), and attaches to it; the running pod is left alone (deleted with --replace). ecplay judges ephemeral containers: drop --copy-to to add one to the running pod.", copy_to_q = go_quote(copy_to)),
        });
    }
    let bad = |flag: &str, msg: &str| -> ImportError { refused(format!("error: {msg}"), p.last(flag).map_or(at, |g| g.word.pos), "") };
    if p.bool("replace") {
        return Err(bad("replace", "--replace may only be used with --copy-to."));
    }
    if p.bool("same-node") {
        return Err(bad("same-node", "--same-node may only be used with --copy-to."));
    }
    if p.all("set-image").any(|g| !g.value.is_empty()) {
        return Err(bad("set-image", "--set-image may only be used with --copy-to."));
    }
    if image.is_empty() {
        return Err(refused(
            "error: you must specify --image when not using --copy-to.",
            p.last("image").map_or(at, |g| g.word.pos),
            "kubectl debug makes a new ephemeral container from --image; without it there is nothing to add.",
        ));
    }
    if !is_image_reference(image) {
        return Err(refused(
            format!("error: invalid image name {}: invalid reference format", crate::diag::go_quote(image)),
            p.last("image").map_or(at, |g| g.word.pos),
            "kubectl checks --image against the image reference grammar (github.com/distribution/reference): lowercase path components, an optional registry, :tag and @digest.",
        ));
    }
    if targets.is_empty() && filenames.is_empty() {
        let message = if minor >= KUBECTL_DEBUG_FILENAME_SINCE {
            "error: NAME or filename is required for debug"
        } else {
            "error: NAME is required for debug"
        };
        return Err(refused(message, at, "Name the pod: kubectl debug POD --image=…"));
    }
    let pull = p.value("image-pull-policy").unwrap_or("");
    if !matches!(pull, "" | "Always" | "IfNotPresent" | "Never") {
        return Err(refused(
            format!("error: invalid image pull policy: {pull}"),
            p.last("image-pull-policy").map_or(at, |g| g.word.pos),
            "kubectl takes Always, IfNotPresent or Never, spelled so.",
        ));
    }
    let target = p.value("target").unwrap_or("");
    if p.bool("tty") && !stdin {
        return Err(refused(
            "error: -i/--stdin is required for containers with -t/--tty=true",
            p.last("tty").map_or(at, |g| g.word.pos),
            "Add -i (or write -it).",
        ));
    }
    if let Some(c) = &custom {
        if let Some(field) = c.refused_field.as_deref() {
            return Err(refused(
                "error: name, command, image, lifecycle and volume devices are not modifiable via custom profile",
                c.pos,
                format!("The --custom file sets {field}: kubectl takes the name from -c, the image from --image and the command from the words after --, and refuses a file that sets them, lifecycle or volumeDevices."),
            ));
        }
    }
    if profile == Profile::Legacy && minor >= KUBECTL_LEGACY_DEPRECATED_SINCE {
        notes.push(if minor >= KUBECTL_GENERAL_DEFAULT_SINCE {
            r#"kubectl prints: --profile=legacy is deprecated and planned to be removed in v1.39. It is recommended to specify other profile, for example "--profile=general"."#.to_owned()
        } else {
            r#"kubectl prints: --profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general"."#.to_owned()
        });
    }
    if profile_given.is_none() {
        notes.push(format!(
            "No --profile: kubectl 1.{minor} uses {}{}.",
            default_profile(minor),
            if minor >= KUBECTL_GENERAL_DEFAULT_SINCE {
                " (SYS_PTRACE added)"
            } else {
                " (no securityContext); from kubectl 1.36 the default is general, which adds SYS_PTRACE"
            }
        ));
    }

    // Run: which objects.
    let pod_name = ctx.pod["metadata"]["name"].as_str().unwrap_or("");
    let mut the_pod = ctx.pod.clone();
    let mut matched = false;
    for t in &targets {
        let (kind, name) = match t.text.split_once('/') {
            Some((k, n)) => (k, n),
            None => ("pods", t.text.as_str()),
        };
        match kind {
            "pod" | "pods" | "po" => {
                if name == pod_name && !matched {
                    matched = true;
                } else if name == pod_name {
                    notes.push(format!("{} names the same pod again: kubectl sends a second patch, which the API server refuses (the container exists by then).", t.text));
                } else if targets.len() > 1 {
                    // One name alone that is not the pod given is said once, below.
                    notes.push(format!(
                        "kubectl debug would also debug pod {} (every name before -- is a pod to debug; the command goes after --). ecplay shows what it adds to {}, the pod given.",
                        go_quote(name),
                        go_quote(pod_name)
                    ));
                }
            }
            "node" | "nodes" | "no" => {
                return Err(ImportError::Unreadable {
                    pos: t.pos,
                    message: format!("{} adds no ephemeral container: kubectl debug creates a new pod node-debugger-{name}-xxxxx on that node, running in the host's namespaces with the node's filesystem at /host (per --profile), and attaches to it. ecplay judges ephemeral containers: name a pod instead.", t.text),
                });
            }
            other => {
                return Err(ImportError::Unreadable {
                    pos: t.pos,
                    message: format!("kubectl debug adds an ephemeral container to a pod ({other}/{name} is not one: kubectl answers that it is not supported by debug); name the pod, e.g. kubectl debug POD or pod/POD"),
                });
            }
        }
    }
    for f in &filenames {
        if f.value == "-" {
            return Err(ImportError::Unreadable {
                pos: f.word.pos,
                message: "-f - reads the pod from standard input; give the pod file's name instead".into(),
            });
        }
        match (ctx.files)(&f.value) {
            Some(text) => match crate::node::parse(&text) {
                Ok(node) => {
                    let file_pod = node.to_json();
                    if !matched {
                        the_pod = file_pod;
                        matched = true;
                        notes.push(format!(
                            "kubectl debug -f {} reads the pod from the file, not from the cluster, and makes its patch against it.",
                            f.value
                        ));
                    }
                }
                Err(e) => {
                    return Err(ImportError::Unreadable {
                        pos: f.word.pos,
                        message: format!("{}:{}:{}: {}", f.value, e.pos.line, e.pos.column, e.message),
                    });
                }
            },
            None => {
                return Err(ImportError::NeedFile {
                    path: f.value.clone(),
                    pos: f.word.pos,
                    what: "the pod kubectl debug reads with -f".into(),
                })
            }
        }
    }
    if !matched {
        let names: Vec<&str> = targets.iter().map(|t| t.text.as_str()).collect();
        notes.push(format!(
            "The command names {}, not the pod given ({}); ecplay shows what it would add to the pod given.",
            names.join(", "),
            go_quote(pod_name)
        ));
    }

    // generateDebugContainer.
    let mut generated = false;
    let name = if container.is_empty() {
        generated = true;
        let taken = container_names(&the_pod);
        let n = crate::hints::free_debugger_name(&taken.iter().map(String::as_str).collect::<Vec<_>>(), &format!("{pod_name}/{image}"));
        notes.push(format!(
            "kubectl names the container debugger- and 5 random characters (\"Defaulting debug container name to …\"), a different name each time; ecplay shows it as {n}. Give -c NAME to know it in advance."
        ));
        n
    } else {
        container.to_owned()
    };
    let mut ec = Map::new();
    ec.insert("name".into(), name.clone().into());
    let env_pairs = env_of(&p);
    if !env_pairs.is_empty() {
        let env: Vec<Value> =
            env_pairs.iter().map(|(k, v)| if v.is_empty() { json!({"name": k}) } else { json!({"name": k, "value": v}) }).collect();
        ec.insert("env".into(), Value::Array(env));
        if env_pairs.len() > 1 {
            notes.push("kubectl puts the --env variables in a Go map, so their order in the request changes from run to run (the container is the same).".into());
        }
    }
    ec.insert("image".into(), image.into());
    if !pull.is_empty() {
        ec.insert("imagePullPolicy".into(), pull.into());
    }
    if stdin {
        ec.insert("stdin".into(), true.into());
    }
    if p.bool("tty") {
        ec.insert("tty".into(), true.into());
    }
    ec.insert("terminationMessagePolicy".into(), "File".into());
    ec.insert("resources".into(), json!({}));
    if !target.is_empty() {
        ec.insert("targetContainerName".into(), target.into());
    }
    let words: Vec<Value> = command.iter().map(|w| Value::String(w.text.clone())).collect();
    if !words.is_empty() {
        ec.insert(if p.bool("arguments-only") { "args" } else { "command" }.into(), Value::Array(words));
    } else if p.bool("arguments-only") {
        notes.push("--arguments-only without words after --: the container keeps its image's command and arguments.".into());
    }

    // The profile, on the first container of the pod with that name.
    let profile_edits = edits(profile, minor);
    match first_named(&the_pod, &name) {
        Some((list, i)) => {
            let place = format!("spec.{list}[{i}]");
            if !profile_edits.is_empty() {
                notes.push(format!(
                    "The pod already has a container named {name_q} ({place}): kubectl applies --profile={} to that one, not to the new container, which gets no securityContext from it.",
                    profile.name(), name_q = go_quote(&name)
                ));
            }
            notes.push(if list == "ephemeralContainers" {
                format!("An ephemeral container named {q} exists already ({place}): the API server refuses the request (existing ephemeral containers {q} may not be changed).", q = go_quote(&name))
            } else {
                format!("The pod has a container named {q} already ({place}): the API server refuses the new one (Duplicate value: {q}).", q = go_quote(&name))
            });
        }
        None => apply_edits(&mut ec, &profile_edits),
    }

    // The custom file, strategic-merged onto the first ephemeral container with that name.
    if let Some(c) = custom {
        let existing =
            the_pod["spec"]["ephemeralContainers"].as_array().is_some_and(|l| l.iter().any(|e| e["name"].as_str() == Some(name.as_str())));
        if existing {
            notes.push(format!(
                "kubectl merges the --custom file into the existing ephemeral container {name_q}, not into the new one.",
                name_q = go_quote(&name)
            ));
        } else {
            let mut patch = c.value;
            if let Some(m) = patch.as_object_mut() {
                m.insert("name".into(), name.clone().into());
            }
            let merged = merge::strategic(&Value::Object(ec.clone()), &patch, Schema::Container)
                .map_err(|e| refused(format!("error: error creating three way patch to add debug container: {}", e.0), c.pos, ""))?;
            if let Value::Object(m) = merged {
                ec = m;
            }
        }
    }

    let container = super::go_container(&Value::Object(ec));
    if let Some(warning) = non_root_warning(&the_pod, &container) {
        notes.push(warning);
    }
    if !target.is_empty() && !p.bool("quiet") {
        let known = the_pod["spec"]["containers"].as_array().is_some_and(|l| l.iter().any(|c| c["name"].as_str() == Some(target)));
        if !known {
            notes.push(format!(
                "kubectl does not check --target: the pod has no container {} (the API server refuses it).",
                go_quote(target)
            ));
        }
    }
    if attach {
        notes.push("kubectl then waits for the container to start and attaches to it (-i; --attach=false does not).".into());
    }
    Ok(Imported {
        form: "kubectl debug".into(),
        containers: vec![container],
        list: None,
        generated_names: if generated { vec![0] } else { vec![] },
        notes,
        // `kubectl debug` patches with empty options (pkg/cmd/debug/debug.go).
        field_validation: crate::FieldValidation::Warn,
    })
}

/// `--env` in the order kubectl's map gives no guarantee of: sorted by name, later values
/// winning.
fn env_of(p: &Parsed) -> Vec<(String, String)> {
    let mut env = std::collections::BTreeMap::new();
    for g in p.all("env") {
        for (k, v) in flags::string_to_string(&g.value).unwrap_or_default() {
            env.insert(k, v);
        }
    }
    env.into_iter().collect()
}

/// `displayWarning`: a pod-wide non-root user with capabilities or privilege from the profile.
fn non_root_warning(pod: &Value, c: &Value) -> Option<String> {
    let uid = pod["spec"]["securityContext"]["runAsUser"].as_i64().unwrap_or(0);
    let sc = c.get("securityContext")?;
    if uid == 0 || sc["runAsUser"].as_i64() == Some(0) {
        return None;
    }
    let privileged = sc["privileged"].as_bool() == Some(true);
    let adds = sc["capabilities"]["add"].as_array().is_some_and(|a| !a.is_empty());
    (privileged || adds).then(|| {
        r#"kubectl prints: Warning: Non-root user is configured for the entire target Pod, and some capabilities granted by debug profile may not work. Please consider using "--custom" with a custom profile that specifies "securityContext.runAsUser: 0"."#.to_owned()
    })
}

/// A `--custom` file as kubectl holds it after `Complete`.
struct Custom {
    /// The file as Go marshals the `corev1.Container` it was read into.
    value: Value,
    /// A field `Validate` refuses, if set.
    refused_field: Option<String>,
    pos: Pos,
}

/// Reads the `--custom` file: JSON, else YAML, into a Go `corev1.Container` (unknown fields
/// dropped, quantities made canonical), then marshalled again.
fn read_custom(path: &str, pos: Pos, ctx: &Ctx<'_>, notes: &mut Vec<String>) -> Result<Custom, ImportError> {
    let Some(text) = (ctx.files)(path) else {
        return Err(ImportError::NeedFile {
            path: path.to_owned(),
            pos,
            what: "the partial container spec kubectl debug merges with --custom".into(),
        });
    };
    let invalid = |why: String| refused(format!("error: {path} does not contain a valid container spec: {why}"), pos, "");
    // kubectl 1.30 reads the file with `json.Unmarshal` only (`pkg/cmd/debug/debug.go` at
    // kubernetes-1.30.0); 1.31 falls back to `yaml.Unmarshal`.
    if ctx.minor == KUBECTL_CUSTOM_GATED {
        if let Err(e) = crate::json::parse_with(&text, false) {
            let first = text.trim_start_matches([' ', '\t', '\r', '\n']).chars().next();
            let why = match first {
                None => "unexpected end of JSON input".to_owned(),
                Some(c) if c.is_ascii_graphic() && c != '\'' && !"{[\"-0123456789tfn".contains(c) => {
                    format!("invalid character '{c}' looking for beginning of value")
                }
                Some(_) => e.message,
            };
            return Err(refused(
                format!("error: {path} does not contain a valid container spec: {why}"),
                pos,
                "kubectl 1.30 reads the --custom file as JSON only; YAML is read from kubectl 1.31.",
            ));
        }
    }
    let node = crate::node::parse(&text).map_err(|e| invalid(format!("line {} column {}: {}", e.pos.line, e.pos.column, e.message)))?;
    if !matches!(node.value, crate::node::Value::Map(_)) {
        return Err(invalid(format!("json: cannot unmarshal {} into Go value of type v1.Container", go_kind(&node))));
    }
    let (decoded, issues) = crate::de::decode::<crate::k8s::EphemeralContainer>(&node, "");
    for issue in issues {
        match issue {
            crate::de::Issue::UnknownField { path: field, .. } if field == "targetContainerName" => {
                notes.push(format!("kubectl reads {path} as a container (corev1.Container), which has no targetContainerName: it is dropped; use --target."));
            }
            crate::de::Issue::UnknownField { path: field, suggestion, .. } => notes.push(format!(
                "kubectl drops the unknown field {field_q} of {path} without a word{}.",
                suggestion.map(|s| format!(" (did you mean {s}?)")).unwrap_or_default(),
                field_q = go_quote(&field)
            )),
            crate::de::Issue::DuplicateField { .. } => {}
            crate::de::Issue::TypeMismatch { message, .. } => return Err(invalid(message)),
        }
    }
    let mut ec = decoded.unwrap_or_default();
    ec.target_container_name = None;
    let mut value = crate::gojson::marshal(&ec);
    canonical_quantities(&mut value).map_err(invalid)?;
    let refused_field = ["name", "command", "image", "lifecycle", "volumeDevices"]
        .into_iter()
        .find(|f| value.get(*f).is_some_and(|v| !(v.as_str() == Some("") || v.as_array().is_some_and(Vec::is_empty))))
        .map(str::to_owned);
    if let Some(m) = value.as_object_mut() {
        m.remove("name");
    }
    Ok(Custom { value, refused_field, pos })
}

fn go_kind(node: &crate::node::Node) -> &'static str {
    match node.value {
        crate::node::Value::Seq(_) => "array",
        crate::node::Value::Str(_) => "string",
        crate::node::Value::Int(_) | crate::node::Value::Float(_) => "number",
        crate::node::Value::Bool(_) => "bool",
        _ => "null",
    }
}

/// Quantities as Go's `resource.Quantity` prints them after reading.
fn canonical_quantities(c: &mut Value) -> Result<(), String> {
    let fix = |q: &mut Value| -> Result<(), String> {
        if let Some(s) = q.as_str() {
            match crate::quantity::parse_quantity(s.trim()) {
                Some(parsed) => *q = Value::String(parsed.to_string()),
                None => {
                    return Err("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'".to_owned())
                }
            }
        }
        Ok(())
    };
    for list in ["limits", "requests"] {
        if let Some(m) = c.pointer_mut(&format!("/resources/{list}")).and_then(Value::as_object_mut) {
            for q in m.values_mut() {
                fix(q)?;
            }
        }
    }
    if let Some(env) = c.get_mut("env").and_then(Value::as_array_mut) {
        for e in env {
            if let Some(q) = e.pointer_mut("/valueFrom/resourceFieldRef/divisor") {
                fix(q)?;
            }
        }
    }
    Ok(())
}
