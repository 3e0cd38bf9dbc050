//! The `kubectl debug` form: flags for what flags can say, a `--custom` file for the rest, and
//! notes for what no `kubectl debug` command can reproduce.
//!
//! The goal: the container real `kubectl debug` puts in its PATCH body equals
//! [`patch::containers_json`] (up to the order of `env`, which kubectl takes from a Go map),
//! unless a note says how it differs. What kubectl does, read in kubernetes/kubectl at HEAD
//! `dee3483a` (1.37) and its `kubernetes-1.x.0` tags, `pkg/cmd/debug/`:
//!
//! 1. `generateDebugContainer` builds the container from the flags: `name` (`-c`, else a
//!    generated `debugger-xxxxx`), `env` (`--env`), `image`, `imagePullPolicy`, `stdin` (`-i`),
//!    `tty` (`-t`), `terminationMessagePolicy: File`, `targetContainerName` (`--target`), and the
//!    words after `--` as `command`, or as `args` with `--arguments-only`.
//! 2. The profile (`profiles.go`) edits the `securityContext` of the first container of the pod
//!    with that name (init, regular, then ephemeral containers). `--profile` is always given:
//!    the default is `general` (adds `SYS_PTRACE`) from 1.36, `legacy` before.
//! 3. `applyCustomProfileEphemeral`: the `--custom` file, read into a Go `corev1.Container`
//!    and marshalled again, is strategic-merged onto the container (`corev1.Container{}` schema:
//!    `env` merges by `name`, `volumeMounts` by `mountPath`, other lists such as
//!    `capabilities.add` are replaced whole), and the result is unmarshalled back into the
//!    container. `Validate` refuses a file that sets `name`, `command`, `image`, `lifecycle`
//!    or `volumeDevices`.
//! 4. `CreateTwoWayMergePatch(pod, pod + container)`: the new list entry goes out whole, keys
//!    sorted (integers stay exact: apimachinery's JSON reader keeps them as int64).
//!
//! The plan keeps the flag-made container and the custom file apart: a key comes from one or
//! the other, never both. That avoids two traps: the custom file cannot remove what a profile
//! added (Go's `omitempty` drops an empty `add: []`, so `--profile=general` plus a custom
//! `securityContext` keeps `SYS_PTRACE` unless the custom file replaces `add`), and Go's
//! `json.Unmarshal` decodes a merged list *into* the old slice, so a custom `env` merged with
//! `--env` entries can leave old fields in reordered entries. Hence: a securityContext that is
//! not exactly a profile's goes into the file with `--profile=baseline` (which adds nothing),
//! and `env` is either all flags or all file.

use k8s_openapi::api::core::v1::{EphemeralContainer, Pod};
use serde_json::{Map, Value};

use super::{compact, numbered, patch, Export, ExportError, File, Format, Request};
use crate::diag::go_quote;
use crate::image::is_image_reference;
use crate::import::kubectl::{Profile, CUSTOM_REFUSES, CUSTOM_SINCE, LATEST_KUBECTL};
use crate::quantity::parse_quantity;
use crate::shell::{self, powershell, Command, QuoteError, Shell};

/// `kubectl debug` for one container.
#[derive(Clone, Debug, PartialEq)]
pub struct DebugPlan {
    /// `kubectl debug POD -n NS --image=… [--target=…] -c NAME [-i] [-t] [--env=K=V]… [--image-pull-policy=…] --profile=… [--custom=PATH] [--arguments-only] [-- cmd args…]`
    pub command: Command,
    /// The --custom file's JSON, when flags cannot say everything.
    pub custom: Option<Value>,
    /// For PowerShell, where the file is written by the script: the index in `command.args` of
    /// the path after `--custom`.
    pub custom_arg: Option<usize>,
    /// For the reader: which kubectl versions the flags need, and exactly what would differ when
    /// no `kubectl debug` command can produce the same container.
    pub notes: Vec<String>,
    /// Environment variables the command needs (`KUBECTL_DEBUG_CUSTOM_PROFILE=true` for
    /// `--custom` with kubectl 1.30), set on the command line.
    pub env: Vec<(&'static str, &'static str)>,
    /// Why the chosen kubectl refuses the command outright, if it does: kubectl's own error.
    pub blocker: Option<String>,
}

/// What a flag or the custom file needs of kubectl.
struct Need {
    minor: u32,
    what: String,
    /// What kubectl older than `minor` does instead.
    older: String,
    /// The first kubectl that takes the flag at all, and what older ones answer.
    known: u32,
    refusal: &'static str,
}

/// The `kubectl debug` form of `req`: one command per container (each with its `--custom`
/// file, numbered when there are several), kubectl's refusal as the blocker, and the notes.
/// The only way to it: the playground loads the module that makes it on demand
/// ([`super::shown_first`] makes the form shown first, [`super::export`] every form).
pub fn export(req: &Request<'_>) -> Result<Export, ExportError> {
    let mut out = super::start(req, Format::KubectlDebug)?;
    let sh = req.shell;
    let mut lines = Vec::new();
    for (i, json) in req.values().iter().cloned().enumerate() {
        let custom_path = if req.containers.len() == 1 { req.custom_file.to_owned() } else { numbered(req.custom_file, i + 1) };
        let plan = plan_of(req.pod, json, &custom_path, req.kubectl_minor, sh);
        match sh {
            Shell::Posix => {
                lines.push(shell::posix::render_with_env(&plan.env, &plan.command)?);
                if let Some(custom) = &plan.custom {
                    out.files.push(File {
                        path: custom_path,
                        contents: format!(
                            "{}\n",
                            crate::gojson::escape_invisible(&serde_json::to_string_pretty(custom).unwrap_or_default())
                        ),
                    });
                }
            }
            Shell::PowerShell => {
                let mut script = powershell::Script::default();
                for (name, value) in &plan.env {
                    script.env(name, value)?;
                }
                let file = match &plan.custom {
                    Some(custom) => Some(script.file(&compact(custom))?),
                    None => None,
                };
                let argv: Vec<powershell::Arg<'_>> = plan
                    .command
                    .args
                    .iter()
                    .enumerate()
                    .map(|(at, a)| match file.filter(|_| plan.custom_arg == Some(at)) {
                        Some(f) => powershell::Arg::Path(f),
                        None => powershell::Arg::Text(a),
                    })
                    .collect();
                script.command(&plan.command.program, &argv).map_err(|e| match e {
                    QuoteError::Unportable { .. } => ExportError::PowerShell(e),
                    e => ExportError::Quote(e),
                })?;
                lines.push(script.finish());
            }
        }
        out.notes.extend(plan.notes);
        out.blocker = out.blocker.take().or(plan.blocker);
    }
    out.text = lines.join("\n");
    Ok(super::finish(req, out))
}

/// The `kubectl debug` command for `ec`, with `custom_path` as the `--custom` file.
pub fn plan(pod: &Pod, ec: &EphemeralContainer, custom_path: &str, kubectl_minor: u32) -> DebugPlan {
    let json = patch::containers_json(std::slice::from_ref(ec)).pop().unwrap_or_default();
    plan_of(pod, json, custom_path, kubectl_minor, Shell::Posix)
}

/// [`plan`], with the container's JSON ([`patch::containers_json`]) already made, for `shell`:
/// in PowerShell, `--env` values and arguments that no text passes unchanged to every
/// PowerShell ([`powershell::unportable`]) go into the `--custom` file instead, which the
/// script writes, and `--custom` takes its path as the next argument.
pub(crate) fn plan_of(pod: &Pod, json: Value, custom_path: &str, kubectl_minor: u32, shell: Shell) -> DebugPlan {
    let flag_ok = |text: &str| shell == Shell::Posix || powershell::unportable(text).is_none();
    let mut rest = match json {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    let pod_name = pod.metadata.name.clone().unwrap_or_default();
    let namespace = pod.metadata.namespace.clone().filter(|n| !n.is_empty()).unwrap_or_else(|| "default".to_owned());
    let mut args = vec!["debug".to_owned(), pod_name, "-n".to_owned(), namespace];
    let mut custom = Map::new();
    let mut notes = Vec::new();
    let mut needs: Vec<Need> = Vec::new();
    let mut blocker = None;

    // --image: required by kubectl, which also checks it against the image reference grammar.
    match take_str(&mut rest, "image") {
        Some(image) if !image.is_empty() => {
            if !is_image_reference(&image) {
                notes.push(format!(
                    "kubectl debug refuses this image (error: invalid image name {}: invalid reference format), though the API server takes it; --custom may not set the image, so no kubectl debug command adds this container.",
                    go_quote(&image)
                ));
                blocker = Some(format!("error: invalid image name {}: invalid reference format", go_quote(&image)));
            }
            args.push(format!("--image={image}"));
        }
        _ => {
            notes.push(
                "The container has no image: kubectl debug requires --image (error: you must specify --image when not using --copy-to.) and --custom may not set one, so no kubectl debug command adds this container (the API server would refuse it too: image is required)."
                    .to_owned(),
            );
            blocker = Some("error: you must specify --image when not using --copy-to.".to_owned());
        }
    }

    if let Some(target) = take_str(&mut rest, "targetContainerName") {
        args.push(format!("--target={target}"));
    }

    // -c: always given, so that the name is the user's and not a generated one.
    let name = take_str(&mut rest, "name").unwrap_or_default();
    if name.is_empty() {
        notes.push(
            "The container has no name: kubectl debug then names it debugger-xxxxx (5 random characters), and that is the name it sends."
                .to_owned(),
        );
    } else {
        args.push("-c".to_owned());
        args.push(name.clone());
        if let Some(place) = name_clash(pod, &name) {
            notes.push(if place.starts_with("spec.ephemeralContainers") {
                format!(
                    "The pod already has an ephemeral container named {q} ({place}). kubectl debug does not check: it applies the profile and --custom to that container and sends a patch that changes it, which the API server refuses (existing ephemeral containers {q} may not be changed).",
                    q = go_quote(&name)
                )
            } else {
                format!(
                    "The pod already has a container named {q} ({place}), so the API server refuses the new one (Duplicate value: {q}). kubectl debug does not check; it even applies the profile to {place} instead of the new container.",
                    q = go_quote(&name)
                )
            });
        }
    }

    let stdin = take_bool(&mut rest, "stdin");
    if stdin {
        args.push("-i".to_owned());
    }
    if take_bool(&mut rest, "tty") {
        if stdin {
            args.push("-t".to_owned());
        } else {
            custom.insert("tty".into(), Value::Bool(true));
            notes.push(
                "tty without stdin: kubectl debug refuses -t without -i (error: -i/--stdin is required for containers with -t/--tty=true), so tty: true is set by the --custom file."
                    .to_owned(),
            );
        }
    }

    // --env: all entries as flags, or all in the custom file (see the module comment).
    if let Some(env) = rest.remove("env") {
        match env_flags(&env).filter(|flags| flags.iter().all(|f| flag_ok(&format!("--env={f}")))) {
            Some(flags) => args.extend(flags.into_iter().map(|f| format!("--env={f}"))),
            None => {
                custom.insert("env".into(), env);
            }
        }
    }

    // --image-pull-policy: kubectl accepts only the three values; the file carries any other.
    if let Some(policy) = rest.remove("imagePullPolicy") {
        match policy.as_str() {
            Some(p @ ("Always" | "IfNotPresent" | "Never")) => args.push(format!("--image-pull-policy={p}")),
            _ => {
                custom.insert("imagePullPolicy".into(), policy);
            }
        }
    }

    // --profile: the one whose securityContext is exactly the container's, else one that adds
    // nothing and the securityContext in the custom file.
    let security_context = rest.remove("securityContext");
    let exact = |p: Profile, sc: &Value| kubectl_minor >= p.exists_since() && p.security_context(kubectl_minor).as_ref() == Some(sc);
    let (profile, exact_here) = match security_context {
        None if kubectl_minor < Profile::Baseline.since() => (Profile::Legacy, true),
        None => (Profile::Baseline, true),
        // The profile that gives exactly this securityContext in this kubectl; else one that
        // gives it in the newest kubectl and exists in this one (its note says what this one
        // sets instead, which a --custom file could not change before 1.31 anyway).
        Some(sc) => match Profile::ADDING.into_iter().find(|p| exact(*p, &sc)) {
            Some(p) => (p, true),
            None => match Profile::ADDING.into_iter().find(|p| p.security_context(LATEST_KUBECTL).as_ref() == Some(&sc)) {
                Some(p) => (p, false),
                None => {
                    custom.insert("securityContext".into(), sc);
                    (Profile::Baseline, true)
                }
            },
        },
    };
    if profile == Profile::Legacy && kubectl_minor < Profile::Legacy.exists_since() {
        // kubectl before 1.25 has no --profile and sets no securityContext: as legacy does.
    } else {
        args.push(format!("--profile={}", profile.name()));
        let mut need = profile_need(profile, kubectl_minor);
        if exact_here && kubectl_minor >= profile.exists_since() {
            // What this kubectl's profile sets is what the container has: the first kubectl
            // whose profile sets the same is enough.
            let here = profile.security_context(kubectl_minor);
            need.minor = (profile.exists_since()..=kubectl_minor).find(|m| profile.security_context(*m) == here).unwrap_or(kubectl_minor);
        }
        needs.push(need);
    }

    // Server defaults and anything else no flag sets: the custom file.
    if rest.get("terminationMessagePolicy").and_then(Value::as_str) == Some("File") {
        rest.remove("terminationMessagePolicy");
    }
    if rest.get("resources").is_some_and(|r| r.as_object().is_some_and(Map::is_empty)) {
        rest.remove("resources");
    }
    let command = take_strings(&mut rest, "command");
    let arguments = take_strings(&mut rest, "args");
    for refused in ["lifecycle", "volumeDevices"] {
        if rest.remove(refused).is_some() {
            notes.push(format!(
                "kubectl debug's container will have no {refused}: no flag sets it and --custom refuses it (error: {CUSTOM_REFUSES})."
            ));
        }
    }
    custom.extend(rest);

    // -- command…, or --arguments-only -- args…; with both, the args go into the custom file
    // (which may set args but not command), and so do args that cannot be flags.
    let arguments = match arguments {
        Some(a) if command.is_some() || !a.iter().all(|w| flag_ok(w)) => {
            custom.insert("args".into(), a.into_iter().map(Value::String).collect());
            None
        }
        a => a,
    };
    let mut custom_arg = None;
    if !custom.is_empty() {
        match shell {
            Shell::Posix => args.push(format!("--custom={custom_path}")),
            Shell::PowerShell => {
                args.push("--custom".to_owned());
                custom_arg = Some(args.len());
                args.push(custom_path.to_owned());
            }
        }
    }
    match (command, arguments) {
        (Some(command), _) => {
            args.push("--".to_owned());
            args.extend(command);
        }
        (None, Some(arguments)) => {
            args.push("--arguments-only".to_owned());
            args.push("--".to_owned());
            args.extend(arguments);
        }
        (None, None) => {}
    }

    let custom = if custom.is_empty() {
        None
    } else {
        needs.push(Need {
            minor: CUSTOM_SINCE,
            what: "--custom".to_owned(),
            older: if kubectl_minor == crate::versions::KUBECTL_CUSTOM_GATED {
                "kubectl 1.30 has --custom only with KUBECTL_DEBUG_CUSTOM_PROFILE=true in the environment (else: error: unknown flag: --custom), which the command sets".to_owned()
            } else {
                "error: unknown flag: --custom".to_owned()
            },
            known: CUSTOM_SINCE - 1,
            refusal: "error: unknown flag: --custom",
        });
        let mut value = Value::Object(custom);
        quantity_notes(&value, &mut notes);
        sort_keys(&mut value);
        Some(value)
    };

    version_notes(&needs, kubectl_minor, &mut notes);
    // kubectl 1.30's --custom is behind cmdutil.DebugCustomProfile (pkg/cmd/util/helpers.go at
    // kubernetes-1.30.0): set the variable on the command itself.
    let env =
        if custom.is_some() && kubectl_minor == CUSTOM_SINCE - 1 { vec![("KUBECTL_DEBUG_CUSTOM_PROFILE", "true")] } else { Vec::new() };
    if blocker.is_none() {
        blocker = needs.iter().find(|n| kubectl_minor < n.known).map(|n| n.refusal.to_owned());
    }
    DebugPlan { command: Command { program: "kubectl".to_owned(), args }, custom, custom_arg, notes, env, blocker }
}

fn take_str(map: &mut Map<String, Value>, key: &str) -> Option<String> {
    match map.remove(key) {
        Some(Value::String(s)) => Some(s),
        _ => None,
    }
}

fn take_bool(map: &mut Map<String, Value>, key: &str) -> bool {
    matches!(map.remove(key), Some(Value::Bool(true)))
}

/// A non-empty list of strings (Go leaves an empty one out).
fn take_strings(map: &mut Map<String, Value>, key: &str) -> Option<Vec<String>> {
    match map.remove(key) {
        Some(Value::Array(items)) if !items.is_empty() => {
            Some(items.into_iter().map(|i| i.as_str().unwrap_or_default().to_owned()).collect())
        }
        _ => None,
    }
}

/// Where a container named `name` already is in the pod.
fn name_clash(pod: &Pod, name: &str) -> Option<String> {
    let spec = pod.spec.as_ref()?;
    let init = spec.init_containers.iter().flatten().map(|c| &c.name);
    let regular = spec.containers.iter().map(|c| &c.name);
    let ephemeral = spec.ephemeral_containers.iter().flatten().map(|c| &c.name);
    let lists: [(&str, Box<dyn Iterator<Item = &String>>); 3] = [
        ("spec.initContainers", Box::new(init)),
        ("spec.containers", Box::new(regular)),
        ("spec.ephemeralContainers", Box::new(ephemeral)),
    ];
    for (list, mut names) in lists {
        if let Some(i) = names.position(|n| n == name) {
            return Some(format!("{list}[{i}]"));
        }
    }
    None
}

/// The `--env` values for the entries, or `None` when one of them needs the custom file: a
/// `valueFrom`, a repeated name (the flag fills a map: the last value wins), or a text the flag
/// parser cannot carry.
fn env_flags(env: &Value) -> Option<Vec<String>> {
    let entries = env.as_array()?;
    let mut seen = std::collections::BTreeSet::new();
    let mut flags = Vec::new();
    for entry in entries {
        let entry = entry.as_object()?;
        if entry.keys().any(|k| k != "name" && k != "value") {
            return None;
        }
        let name = entry.get("name")?.as_str()?;
        let value = match entry.get("value") {
            None => "",
            Some(v) => v.as_str()?,
        };
        if !seen.insert(name) {
            return None;
        }
        flags.push(env_flag(name, value)?);
    }
    Some(flags)
}

/// The text after `--env=` that pflag's `stringToString` reads back as exactly `name=value`, if
/// there is one (spf13/pflag `string_to_string.go`, `Set`): with one `=` the text is trimmed of
/// `"` at both ends and split at the `=`; with more it is read as one CSV record (Go's
/// `encoding/csv`), each field split at its first `=`. So a comma is safe in `A=b,c` but splits
/// `A=b,c=d` in two, which a CSV-quoted `"A=b,c=d"` keeps whole. CSV turns `\r\n` into `\n`
/// inside quotes, so a `\r` there goes to the file instead.
fn env_flag(name: &str, value: &str) -> Option<String> {
    if name.is_empty() || name.contains('=') || value.contains('\0') {
        return None;
    }
    let text = format!("{name}={value}");
    if !value.contains('=') {
        return (!text.starts_with('"') && !text.ends_with('"')).then_some(text);
    }
    if !text.contains([',', '"', '\n', '\r']) {
        return Some(text);
    }
    if text.contains('\r') {
        return None;
    }
    Some(format!("\"{}\"", text.replace('"', "\"\"")))
}

fn profile_need(profile: Profile, kubectl_minor: u32) -> Need {
    let flag = format!("--profile={}", profile.name());
    use crate::versions::{KUBECTL_NETADMIN_NET_RAW_SINCE as NET_RAW, KUBECTL_PROFILES_SINCE as FIRST};
    let older = match profile {
        Profile::Restricted => format!("kubectl 1.{FIRST}'s restricted profile sets only runAsNonRoot: true and capabilities.drop: [ALL] (no allowPrivilegeEscalation: false, no seccompProfile); older kubectl answers error: unknown profile: restricted"),
        Profile::Netadmin => format!("kubectl 1.{FIRST} and 1.{}'s netadmin profile adds only NET_ADMIN, not NET_RAW (which ping and tcpdump need); older kubectl answers error: unknown profile: netadmin", NET_RAW - 1),
        Profile::Legacy => format!("kubectl before 1.{} has no --profile", Profile::Legacy.since()),
        p => format!("error: unknown profile: {}", p.name()),
    };
    let refusal = match profile {
        _ if kubectl_minor < Profile::Legacy.exists_since() => "error: unknown flag: --profile",
        Profile::Legacy => "error: unknown flag: --profile",
        Profile::General => "error: unknown profile: general",
        Profile::Baseline => "error: unknown profile: baseline",
        Profile::Restricted => "error: unknown profile: restricted",
        Profile::Netadmin => "error: unknown profile: netadmin",
        Profile::Sysadmin => "error: unknown profile: sysadmin",
    };
    Need { minor: profile.since(), what: flag, older, known: profile.exists_since(), refusal }
}

fn version_notes(needs: &[Need], kubectl_minor: u32, notes: &mut Vec<String>) {
    let Some(max) = needs.iter().map(|n| n.minor).max() else { return };
    let parts: Vec<String> = needs.iter().map(|n| format!("{} 1.{}", n.what, n.minor)).collect();
    let mut note = format!("Needs kubectl 1.{max} or newer ({})", parts.join(", "));
    if needs.iter().any(|n| n.what == "--custom") {
        note.push_str(&format!(
            "; kubectl 1.{} has --custom only with KUBECTL_DEBUG_CUSTOM_PROFILE=true set",
            crate::versions::KUBECTL_CUSTOM_GATED
        ));
    }
    note.push('.');
    notes.push(note);
    for need in needs.iter().filter(|n| n.minor > kubectl_minor) {
        notes.push(format!("With kubectl 1.{kubectl_minor}, {}: {}.", need.what, need.older));
    }
}

/// What kubectl's reading of the custom file into Go types changes: quantities are printed
/// canonically (`Quantity.MarshalJSON`). (Integers do not change: apimachinery's JSON reader
/// keeps them as int64 in the strategic merge, checked with kubectl 1.37.1 on 2^53 + 1 and
/// 2^63 - 1.)
fn quantity_notes(custom: &Value, notes: &mut Vec<String>) {
    let mut quantities: Vec<(String, &str)> = Vec::new();
    if let Some(resources) = custom.get("resources") {
        for list in ["limits", "requests"] {
            for (name, q) in resources.get(list).and_then(Value::as_object).into_iter().flatten() {
                if let Some(q) = q.as_str() {
                    quantities.push((format!("resources.{list}.{name}"), q));
                }
            }
        }
    }
    for (i, entry) in custom.get("env").and_then(Value::as_array).into_iter().flatten().enumerate() {
        if let Some(q) = entry.pointer("/valueFrom/resourceFieldRef/divisor").and_then(Value::as_str) {
            quantities.push((format!("env[{i}].valueFrom.resourceFieldRef.divisor"), q));
        }
    }
    for (path, q) in quantities {
        match parse_quantity(q.trim()) {
            None => notes.push(format!(
                "kubectl debug cannot read the --custom file: {path} {q_q} is not a quantity (error: … does not contain a valid container spec); the API server would refuse it too.", q_q = go_quote(q)
            )),
            Some(parsed) => {
                let printed = parsed.to_string();
                if printed != q {
                    notes.push(format!(
                        "kubectl debug sends {path} as {printed_q}, not {q_q}: it reads the --custom file into Go types, which print quantities canonically (the same value; the API server stores it that way anyway).", printed_q = go_quote(&printed), q_q = go_quote(q)
                    ));
                }
            }
        }
    }
}

/// Sorts every object's keys, as a user writes a tidy file (and whatever map the JSON library uses).
fn sort_keys(value: &mut Value) {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = std::mem::take(map).into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            for (k, mut v) in entries {
                sort_keys(&mut v);
                map.insert(k, v);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(sort_keys),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn pod() -> Pod {
        serde_json::from_str(
            r#"{"metadata":{"name":"web-0","namespace":"shop"},"spec":{
                "initContainers":[{"name":"init","image":"busybox"}],
                "containers":[{"name":"app","image":"nginx"}],
                "ephemeralContainers":[{"name":"old","image":"busybox"}]}}"#,
        )
        .unwrap()
    }

    const HEAD: [&str; 4] = ["debug", "web-0", "-n", "shop"];

    /// Plans `container` (JSON) for kubectl 1.`minor` and checks the argv after `kubectl debug
    /// web-0 -n shop`, the custom file (compact JSON, or `None`), and that every note contains
    /// one of `notes` or is the version note.
    #[track_caller]
    fn check_with(minor: u32, container: &str, argv: &[&str], custom: Option<&str>, notes: &[&str]) -> DebugPlan {
        let ec: EphemeralContainer = serde_json::from_str(container).unwrap();
        let plan = plan(&pod(), &ec, "dbg.json", minor);
        assert_eq!(plan.command.program, "kubectl");
        assert_eq!(plan.command.args[..4], HEAD);
        assert_eq!(plan.command.args[4..], *argv, "argv; notes: {:#?}", plan.notes);
        assert_eq!(plan.custom.as_ref().map(|c| c.to_string()).as_deref(), custom, "custom file");
        for want in notes {
            assert!(plan.notes.iter().any(|n| n.contains(want)), "no note contains {want:?}: {:#?}", plan.notes);
        }
        for note in &plan.notes {
            assert!(note.starts_with("Needs kubectl") || notes.iter().any(|w| note.contains(w)), "unexpected note {note:?}");
        }
        if notes.is_empty() {
            assert_eq!(
                env_sorted(kubectl_emulation(&plan, minor)),
                env_sorted(patch::containers_json(&[ec]).remove(0)),
                "what kubectl would send"
            );
        }
        plan
    }

    /// kubectl takes `--env` from a Go map: its order is random.
    fn env_sorted(mut container: Value) -> Value {
        if let Some(Value::Array(env)) = container.get_mut("env") {
            env.sort_by(|a, b| a["name"].as_str().cmp(&b["name"].as_str()));
        }
        container
    }

    #[track_caller]
    fn check(container: &str, argv: &[&str], custom: Option<&str>, notes: &[&str]) -> DebugPlan {
        check_with(LATEST_KUBECTL, container, argv, custom, notes)
    }

    #[test]
    fn busybox_with_stdin_tty_and_target() {
        let plan = check(
            r#"{"name":"dbg","image":"busybox:1.36","targetContainerName":"app","stdin":true,"tty":true}"#,
            &["--image=busybox:1.36", "--target=app", "-c", "dbg", "-i", "-t", "--profile=baseline"],
            None,
            &[],
        );
        assert_eq!(plan.notes, ["Needs kubectl 1.27 or newer (--profile=baseline 1.27)."]);
    }

    #[test]
    fn each_profile_is_recognised() {
        for (sc, profile, since) in [
            (r#"{"capabilities":{"add":["SYS_PTRACE"]}}"#, "general", 27),
            (r#"{"capabilities":{"add":["NET_ADMIN","NET_RAW"],"drop":[]}}"#, "netadmin", 29),
            (r#"{"privileged":true}"#, "sysadmin", 30),
            (
                r#"{"runAsNonRoot":true,"allowPrivilegeEscalation":false,"seccompProfile":{"type":"RuntimeDefault"},"capabilities":{"drop":["ALL"]}}"#,
                "restricted",
                28,
            ),
        ] {
            let plan = check(
                &format!(r#"{{"name":"dbg","image":"busybox","securityContext":{sc}}}"#),
                &["--image=busybox", "-c", "dbg", &format!("--profile={profile}")],
                None,
                &[],
            );
            assert_eq!(plan.notes, [format!("Needs kubectl 1.{since} or newer (--profile={profile} 1.{since}).")]);
        }
    }

    #[test]
    fn other_security_context_is_baseline_and_custom() {
        // SYS_PTRACE and NET_ADMIN: general's add would be replaced by the file's, but a clean
        // baseline does not depend on that.
        check(
            r#"{"name":"dbg","image":"busybox","securityContext":{"capabilities":{"add":["SYS_PTRACE","NET_ADMIN"]},"runAsUser":0}}"#,
            &["--image=busybox", "-c", "dbg", "--profile=baseline", "--custom=dbg.json"],
            Some(r#"{"securityContext":{"capabilities":{"add":["SYS_PTRACE","NET_ADMIN"]},"runAsUser":0}}"#),
            &[],
        );
        // privileged: false is kept (a pointer in Go), and is not sysadmin.
        check(
            r#"{"name":"dbg","image":"busybox","securityContext":{"privileged":false}}"#,
            &["--image=busybox", "-c", "dbg", "--profile=baseline", "--custom=dbg.json"],
            Some(r#"{"securityContext":{"privileged":false}}"#),
            &[],
        );
        // An empty securityContext is sent as {}.
        check(
            r#"{"name":"dbg","image":"busybox","securityContext":{}}"#,
            &["--image=busybox", "-c", "dbg", "--profile=baseline", "--custom=dbg.json"],
            Some(r#"{"securityContext":{}}"#),
            &[],
        );
    }

    #[test]
    fn plain_env_is_flags() {
        check(
            r#"{"name":"dbg","image":"busybox","env":[{"name":"A","value":"1"},{"name":"LIST","value":"a,b"},{"name":"EMPTY"},{"name":"EQ","value":"x=y"},{"name":"CSV","value":"x=1,y=2"},{"name":"Q","value":"say \"hi\"=yes"},{"name":"NL","value":"two\nlines"}]}"#,
            &[
                "--image=busybox",
                "-c",
                "dbg",
                "--env=A=1",
                "--env=LIST=a,b",
                "--env=EMPTY=",
                "--env=EQ=x=y",
                "--env=\"CSV=x=1,y=2\"",
                "--env=\"Q=say \"\"hi\"\"=yes\"",
                "--env=NL=two\nlines",
                "--profile=baseline",
            ],
            None,
            &[],
        );
    }

    #[test]
    fn env_a_flag_cannot_carry_goes_to_the_file() {
        // valueFrom
        check(
            r#"{"name":"dbg","image":"busybox","env":[{"name":"A","value":"1"},{"name":"POD","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}}]}"#,
            &["--image=busybox", "-c", "dbg", "--profile=baseline", "--custom=dbg.json"],
            Some(r#"{"env":[{"name":"A","value":"1"},{"name":"POD","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}}]}"#),
            &[],
        );
        // A value ending in a quote (trimmed by the one-`=` form), a repeated name.
        for env in [r#"[{"name":"A","value":"\"quoted\""}]"#, r#"[{"name":"A","value":"1"},{"name":"A","value":"2"}]"#] {
            check(
                &format!(r#"{{"name":"dbg","image":"busybox","env":{env}}}"#),
                &["--image=busybox", "-c", "dbg", "--profile=baseline", "--custom=dbg.json"],
                Some(&format!(r#"{{"env":{env}}}"#)),
                &[],
            );
        }
    }

    #[test]
    fn volume_mounts_and_working_dir_are_custom() {
        check(
            r#"{"name":"dbg","image":"busybox","workingDir":"/data","volumeMounts":[{"name":"data","mountPath":"/data","readOnly":true},{"name":"cfg","mountPath":"/cfg"}],"stdinOnce":true,"terminationMessagePath":"/tmp/msg","terminationMessagePolicy":"FallbackToLogsOnError","envFrom":[{"configMapRef":{"name":"cm"}}]}"#,
            &["--image=busybox", "-c", "dbg", "--profile=baseline", "--custom=dbg.json"],
            Some(
                r#"{"envFrom":[{"configMapRef":{"name":"cm"}}],"stdinOnce":true,"terminationMessagePath":"/tmp/msg","terminationMessagePolicy":"FallbackToLogsOnError","volumeMounts":[{"mountPath":"/data","name":"data","readOnly":true},{"mountPath":"/cfg","name":"cfg"}],"workingDir":"/data"}"#,
            ),
            &[],
        );
    }

    #[test]
    fn command_args_and_both() {
        check(
            r#"{"name":"dbg","image":"busybox","command":["sh","-c","sleep 1d"]}"#,
            &["--image=busybox", "-c", "dbg", "--profile=baseline", "--", "sh", "-c", "sleep 1d"],
            None,
            &[],
        );
        check(
            r#"{"name":"dbg","image":"busybox","args":["--verbose","x"]}"#,
            &["--image=busybox", "-c", "dbg", "--profile=baseline", "--arguments-only", "--", "--verbose", "x"],
            None,
            &[],
        );
        check(
            r#"{"name":"dbg","image":"busybox","command":["sleep"],"args":["1d"],"imagePullPolicy":"IfNotPresent"}"#,
            &["--image=busybox", "-c", "dbg", "--image-pull-policy=IfNotPresent", "--profile=baseline", "--custom=dbg.json", "--", "sleep"],
            Some(r#"{"args":["1d"]}"#),
            &[],
        );
    }

    #[test]
    fn tty_without_stdin_is_custom() {
        check(
            r#"{"name":"dbg","image":"busybox","tty":true}"#,
            &["--image=busybox", "-c", "dbg", "--profile=baseline", "--custom=dbg.json"],
            Some(r#"{"tty":true}"#),
            &["kubectl debug refuses -t without -i"],
        );
    }

    #[test]
    fn refused_fields_are_notes() {
        check(
            r#"{"name":"dbg","image":"busybox","volumeDevices":[{"name":"blk","devicePath":"/dev/xvda"}],"lifecycle":{"preStop":{"exec":{"command":["true"]}}}}"#,
            &["--image=busybox", "-c", "dbg", "--profile=baseline"],
            None,
            &["will have no lifecycle", "will have no volumeDevices", "volume devices are not modifiable via custom profile"],
        );
    }

    #[test]
    fn name_clash_and_no_name() {
        check(
            r#"{"name":"app","image":"busybox","securityContext":{"privileged":true}}"#,
            &["--image=busybox", "-c", "app", "--profile=sysadmin"],
            None,
            &["(spec.containers[0])", "Duplicate value: \"app\"", "applies the profile to spec.containers[0] instead"],
        );
        check(
            r#"{"name":"init","image":"busybox"}"#,
            &["--image=busybox", "-c", "init", "--profile=baseline"],
            None,
            &["(spec.initContainers[0])"],
        );
        check(
            r#"{"name":"old","image":"busybox"}"#,
            &["--image=busybox", "-c", "old", "--profile=baseline"],
            None,
            &["(spec.ephemeralContainers[0])", "existing ephemeral containers \"old\" may not be changed"],
        );
        check(r#"{"name":"","image":"busybox"}"#, &["--image=busybox", "--profile=baseline"], None, &["debugger-xxxxx"]);
    }

    #[test]
    fn no_image_or_a_bad_one() {
        check(r#"{"name":"dbg"}"#, &["-c", "dbg", "--profile=baseline"], None, &["requires --image"]);
        check(
            r#"{"name":"dbg","image":"BusyBox"}"#,
            &["--image=BusyBox", "-c", "dbg", "--profile=baseline"],
            None,
            &["invalid reference format"],
        );
    }

    #[test]
    fn odd_pull_policy_and_resources_go_to_the_file() {
        check(
            r#"{"name":"dbg","image":"busybox","imagePullPolicy":"always","resources":{"limits":{"cpu":"500m","memory":"1Gi"}}}"#,
            &["--image=busybox", "-c", "dbg", "--profile=baseline", "--custom=dbg.json"],
            Some(r#"{"imagePullPolicy":"always","resources":{"limits":{"cpu":"500m","memory":"1Gi"}}}"#),
            &[],
        );
        check(
            r#"{"name":"dbg","image":"busybox","resources":{"requests":{"cpu":"1000m"}}}"#,
            &["--image=busybox", "-c", "dbg", "--profile=baseline", "--custom=dbg.json"],
            Some(r#"{"resources":{"requests":{"cpu":"1000m"}}}"#),
            &[r#"resources.requests.cpu as "1", not "1000m""#],
        );
    }

    #[test]
    fn big_integers_are_kept() {
        check(
            r#"{"name":"dbg","image":"busybox","startupProbe":{"exec":{"command":["x"]},"terminationGracePeriodSeconds":9223372036854775807}}"#,
            &["--image=busybox", "-c", "dbg", "--profile=baseline", "--custom=dbg.json"],
            Some(r#"{"startupProbe":{"exec":{"command":["x"]},"terminationGracePeriodSeconds":9223372036854775807}}"#),
            &[],
        );
    }

    #[test]
    fn versions() {
        // kubectl 1.26: no baseline; legacy adds nothing either.
        let plan = check_with(26, r#"{"name":"dbg","image":"busybox"}"#, &["--image=busybox", "-c", "dbg", "--profile=legacy"], None, &[]);
        assert_eq!(plan.notes, ["Needs kubectl 1.25 or newer (--profile=legacy 1.25)."]);
        // kubectl 1.24: no --profile at all, and none is needed for a plain container; one
        // with a securityContext cannot be made (no profile, no --custom).
        let plan = check_with(24, r#"{"name":"dbg","image":"busybox"}"#, &["--image=busybox", "-c", "dbg"], None, &[]);
        assert_eq!((plan.notes.len(), plan.blocker), (0, None));
        let plan = check_with(
            24,
            r#"{"name":"dbg","image":"busybox","securityContext":{"privileged":true}}"#,
            &["--image=busybox", "-c", "dbg", "--profile=sysadmin"],
            None,
            &["--profile=sysadmin"],
        );
        assert_eq!(plan.blocker.as_deref(), Some("error: unknown flag: --profile"));
        check_with(
            30,
            r#"{"name":"dbg","image":"busybox","workingDir":"/w","securityContext":{"privileged":true}}"#,
            &["--image=busybox", "-c", "dbg", "--profile=sysadmin", "--custom=dbg.json"],
            Some(r#"{"workingDir":"/w"}"#),
            &["Needs kubectl 1.31 or newer (--profile=sysadmin 1.30, --custom 1.31); kubectl 1.30 has --custom only with KUBECTL_DEBUG_CUSTOM_PROFILE=true set.", "With kubectl 1.30, --custom: kubectl 1.30 has --custom only with KUBECTL_DEBUG_CUSTOM_PROFILE=true"],
        );
        check_with(
            27,
            r#"{"name":"dbg","image":"busybox","securityContext":{"runAsNonRoot":true,"allowPrivilegeEscalation":false,"seccompProfile":{"type":"RuntimeDefault"},"capabilities":{"drop":["ALL"]}}}"#,
            &["--image=busybox", "-c", "dbg", "--profile=restricted"],
            None,
            &["With kubectl 1.27, --profile=restricted: kubectl 1.27's restricted profile sets only"],
        );
        // netadmin adds NET_RAW from 1.29: at 1.28 the profile is used, and the note says
        // what it leaves out; a container with NET_ADMIN alone is exactly 1.28's profile.
        let netadmin = r#"{"name":"dbg","image":"busybox","securityContext":{"capabilities":{"add":["NET_ADMIN","NET_RAW"]}}}"#;
        check_with(
            28,
            netadmin,
            &["--image=busybox", "-c", "dbg", "--profile=netadmin"],
            None,
            &["With kubectl 1.28, --profile=netadmin: kubectl 1.27 and 1.28's netadmin profile adds only NET_ADMIN, not NET_RAW"],
        );
        let plan = check_with(29, netadmin, &["--image=busybox", "-c", "dbg", "--profile=netadmin"], None, &[]);
        assert_eq!(plan.notes, ["Needs kubectl 1.29 or newer (--profile=netadmin 1.29)."]);
        let only_admin = r#"{"name":"dbg","image":"busybox","securityContext":{"capabilities":{"add":["NET_ADMIN"]}}}"#;
        let plan = check_with(28, only_admin, &["--image=busybox", "-c", "dbg", "--profile=netadmin"], None, &[]);
        assert_eq!(plan.notes, ["Needs kubectl 1.27 or newer (--profile=netadmin 1.27)."]);
        check(
            only_admin,
            &["--image=busybox", "-c", "dbg", "--profile=baseline", "--custom=dbg.json"],
            Some(r#"{"securityContext":{"capabilities":{"add":["NET_ADMIN"]}}}"#),
            &[],
        );
    }

    // -----------------------------------------------------------------------------------------
    // A model of kubectl 1.37 reading the plan, to check the plan against: pflag's parsing of
    // the flags, `Validate`, `generateDebugContainer`, the profile, and the custom file merged
    // onto keys the flags left unset.
    // -----------------------------------------------------------------------------------------

    fn kubectl_emulation(plan: &DebugPlan, minor: u32) -> Value {
        let args = &plan.command.args[4..];
        let mut c = Map::new();
        let (mut stdin, mut tty, mut args_only, mut profile, mut custom_flag) = (false, false, false, String::new(), false);
        // Without --profile: kubectl before 1.25 sets no securityContext (as legacy does).
        profile.push_str(if minor < 25 { "legacy" } else { "general" });
        let mut env = std::collections::BTreeMap::new();
        let mut words: Option<Vec<String>> = None;
        let mut i = 0;
        while i < args.len() {
            let a = &args[i];
            match a.as_str() {
                "-c" => {
                    i += 1;
                    c.insert("name".into(), args[i].clone().into());
                }
                "-i" => stdin = true,
                "-t" => tty = true,
                "--arguments-only" => args_only = true,
                "--" => {
                    words = Some(args[i + 1..].to_vec());
                    break;
                }
                _ => {
                    let (flag, value) = a.split_once('=').expect("a --flag=value");
                    match flag {
                        "--image" => {
                            assert!(is_image_reference(value));
                            c.insert("image".into(), value.into());
                        }
                        "--target" => {
                            c.insert("targetContainerName".into(), value.into());
                        }
                        "--image-pull-policy" => {
                            assert!(["Always", "IfNotPresent", "Never"].contains(&value));
                            c.insert("imagePullPolicy".into(), value.into());
                        }
                        "--profile" => profile = value.to_owned(),
                        "--custom" => custom_flag = true,
                        "--env" => env.extend(pflag_string_to_string(value)),
                        _ => panic!("unknown flag {a}"),
                    }
                }
            }
            i += 1;
        }
        assert!(!tty || stdin, "-i/--stdin is required for containers with -t/--tty=true");
        if !env.is_empty() {
            c.insert(
                "env".into(),
                env.into_iter().map(|(k, v)| if v.is_empty() { json!({"name": k}) } else { json!({"name": k, "value": v}) }).collect(),
            );
        }
        if stdin {
            c.insert("stdin".into(), true.into());
        }
        if tty {
            c.insert("tty".into(), true.into());
        }
        c.insert("terminationMessagePolicy".into(), "File".into());
        c.insert("resources".into(), json!({}));
        if let Some(words) = words.filter(|w| !w.is_empty()) {
            c.insert(if args_only { "args" } else { "command" }.into(), words.into_iter().map(Value::String).collect());
        }
        let profile = [Profile::Legacy, Profile::General, Profile::Baseline, Profile::Restricted, Profile::Netadmin, Profile::Sysadmin]
            .into_iter()
            .find(|p| p.name() == profile)
            .expect("a known profile");
        if let Some(sc) = profile.security_context(minor) {
            c.insert("securityContext".into(), sc);
        }
        assert_eq!(custom_flag, plan.custom.is_some());
        if let Some(Value::Object(custom)) = &plan.custom {
            for refused in ["name", "command", "image", "lifecycle", "volumeDevices"] {
                assert!(!custom.contains_key(refused), "{CUSTOM_REFUSES}");
            }
            for (k, v) in custom {
                match (c.get_mut(k), v) {
                    (Some(Value::Object(base)), Value::Object(patch)) if k == "resources" => base.extend(patch.clone()),
                    (Some(_), _) if k == "terminationMessagePolicy" => {
                        c.insert(k.clone(), v.clone());
                    }
                    (Some(_), _) => panic!("{k} is set by both a flag and the custom file"),
                    (None, _) => {
                        c.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        let mut v = Value::Object(c);
        sort_keys(&mut v);
        v
    }

    /// pflag `stringToStringValue.Set`, with a CSV reader for one record.
    fn pflag_string_to_string(val: &str) -> Vec<(String, String)> {
        let fields = match val.matches('=').count() {
            0 => panic!("{val} must be formatted as key=value"),
            1 => vec![val.trim_matches('"').to_owned()],
            _ => csv_record(val),
        };
        fields
            .into_iter()
            .map(|f| {
                let (k, v) = f.split_once('=').expect("key=value");
                (k.to_owned(), v.to_owned())
            })
            .collect()
    }

    /// Go's `csv.Reader.Read`, for the inputs the plan makes (no `\r`).
    fn csv_record(s: &str) -> Vec<String> {
        let mut fields = Vec::new();
        let mut chars = s.chars().peekable();
        loop {
            let mut field = String::new();
            if chars.peek() == Some(&'"') {
                chars.next();
                loop {
                    match chars.next() {
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            field.push('"');
                        }
                        Some('"') => break,
                        Some(c) => field.push(c),
                        None => panic!("extraneous or missing \" in quoted-field"),
                    }
                }
                match chars.next() {
                    None | Some('\n') => {
                        fields.push(field);
                        return fields;
                    }
                    Some(',') => fields.push(field),
                    Some(c) => panic!("extraneous {c:?} after quoted field"),
                }
            } else {
                loop {
                    match chars.next() {
                        None | Some('\n') => {
                            fields.push(field);
                            return fields;
                        }
                        Some(',') => break,
                        Some('"') => panic!("bare \" in non-quoted-field"),
                        Some(c) => field.push(c),
                    }
                }
                fields.push(field);
            }
        }
    }

    #[test]
    fn the_env_flag_round_trips_through_pflag() {
        for (name, value) in [
            ("A", ""),
            ("A", "b"),
            ("A", "b,c"),
            ("A", "b=c"),
            ("A", "b,c=d"),
            ("A", "\"b\"=c"),
            ("A", "x\ny=z"),
            ("A", "a\"b"),
            ("A b", "="),
        ] {
            let flag = env_flag(name, value).unwrap_or_else(|| panic!("{name}={value}"));
            assert_eq!(pflag_string_to_string(&flag), [(name.to_owned(), value.to_owned())], "{flag}");
        }
        for (name, value) in [("A", "\"b\""), ("\"A", "b"), ("A", "b\r\nc=d"), ("", "b"), ("A=", "b")] {
            assert_eq!(env_flag(name, value), None, "{name}={value}");
        }
    }
}
