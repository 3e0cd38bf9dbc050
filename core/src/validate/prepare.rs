//! What a server of the chosen release does to a request's ephemeral containers before it
//! validates them (R-40): its decoder drops the fields its types do not have yet, and the
//! subresource's `PrepareForUpdate` (`pkg/registry/core/pod/strategy.go`) calls
//! `DropDisabledPodFields` (`pkg/api/pod/util.go`), which drops or resets the fields whose
//! feature gate is off by default — unless the stored pod already uses them. Which field, from
//! which release, and how: [`crate::versions::GATED_FIELDS`].
//!
//! `dropNonEphemeralContainerUpdates` (R-38) needs nothing here: the request's pod is never
//! more than the stored pod and the new list.

use k8s_openapi::api::core::v1::{EnvVar, EphemeralContainer, Lifecycle, LifecycleHandler, PodSpec, SecurityContext, VolumeMount};

use crate::diag::{go_quote, Diagnostic, ErrorType, Severity};
use crate::versions::{Drop, Field, GATED_FIELDS};

use super::{Errs, FieldValidation, Options};

/// The decoder of a 1.`opts.kube_minor` server: every field of `list` its types do not have is
/// dropped, and reported as the request's `fieldValidation` makes it (`unknown field "…"`: a
/// warning by default, an error under `Strict`, nothing seen under `Ignore`). A container sent
/// back exactly as `stored` holds it is left alone: a server of that release cannot have
/// stored such a field.
pub(crate) fn decode(list: &mut [EphemeralContainer], stored: &[EphemeralContainer], opts: &Options) -> Errs {
    let mut out = Errs::new();
    for (i, ec) in list.iter_mut().enumerate() {
        if stored.contains(ec) {
            continue;
        }
        for row in GATED_FIELDS.iter().filter(|row| !row.exists(opts.kube_minor)) {
            for rel in clear(row.field, ec, false) {
                out.push(unknown_field(&format!("spec.ephemeralContainers[{i}].{rel}"), row.path, row.since, opts));
            }
        }
    }
    out
}

/// `dropDisabledFields` of a 1.`minor` server with default feature gates on the new list,
/// `old` being the stored pod's spec (its ephemeral containers included).
pub(crate) fn drop_disabled_fields(list: &mut [EphemeralContainer], old: &PodSpec, minor: u32) {
    for row in GATED_FIELDS.iter().filter(|row| row.dropped(minor) && !in_use(row.field, old)) {
        for ec in list.iter_mut() {
            if row.drop == Drop::ResetToDefault {
                // `dropDisabledProcMountField`: a set procMount becomes `Default`, never nil.
                if let Some(pm) = ec.security_context.as_mut().and_then(|sc| sc.proc_mount.as_mut()) {
                    "Default".clone_into(pm);
                }
            } else {
                clear(row.field, ec, row.drop == Drop::ClearedWithEmptyParents);
            }
        }
    }
}

/// What [`drop_disabled_fields`] takes from the new containers of `list` (from index `first`),
/// said as hints (H-11): the server drops them without a word, and since an ephemeral
/// container can never be changed, what it drops can never be added later.
pub(crate) fn dropped_field_hints(list: &[EphemeralContainer], old: &PodSpec, minor: u32, first: usize) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for row in GATED_FIELDS.iter().filter(|row| row.dropped(minor) && !in_use(row.field, old)) {
        for (i, ec) in list.iter().enumerate().skip(first) {
            let mut copy = ec.clone();
            let reset = row.drop == Drop::ResetToDefault;
            let dropped = if reset {
                let set = ec.security_context.as_ref().and_then(|sc| sc.proc_mount.as_deref()).is_some_and(|pm| pm != "Default");
                if set {
                    vec!["securityContext.procMount".to_owned()]
                } else {
                    Vec::new()
                }
            } else {
                clear(row.field, &mut copy, false)
            };
            for rel in dropped {
                let what = if reset { "resets it to Default" } else { "drops it" };
                let path = crate::path::Path::root(&format!("spec.ephemeralContainers[{i}].{rel}"));
                out.push(Diagnostic::hint(
                    "H-11",
                    Severity::Warning,
                    &path,
                    format!(
                        "a 1.{minor} server {what} before storing the container, without a word: its feature gate {} is off by default {}",
                        row.gate,
                        if row.gate_on == crate::versions::NEVER {
                            format!("up to 1.{}", crate::versions::LATEST_KUBE_MINOR)
                        } else {
                            format!("until 1.{}", row.gate_on)
                        }
                    ),
                    format!(
                        "DropDisabledPodFields (pkg/api/pod/util.go) removes {} unless the pod already uses it. The container would run without it, and an ephemeral container can never be changed: leave it out, or send it to a cluster that turns {} on.",
                        row.path, row.gate
                    ),
                ));
            }
        }
    }
    out
}

/// Sets `field` of `ec` to nil wherever it is set, and returns where (below the container).
/// With `prune`, a lifecycle handler left without an action, then a `lifecycle` left empty, is
/// set to nil too (`dropPodLifecycleSleepAction`, `dropContainerStopSignals`).
fn clear(field: Field, ec: &mut EphemeralContainer, prune: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut take = |set: bool, path: String| {
        if set {
            out.push(path);
        }
    };
    match field {
        Field::ProcMount => {
            let sc = ec.security_context.as_mut();
            take(sc.is_some_and(|sc| sc.proc_mount.take().is_some()), "securityContext.procMount".into());
        }
        Field::AppArmorProfile => {
            let sc = ec.security_context.as_mut();
            take(sc.is_some_and(|sc| sc.app_armor_profile.take().is_some()), "securityContext.appArmorProfile".into());
        }
        Field::ResourceClaims => {
            let res = ec.resources.as_mut();
            take(res.is_some_and(|r| r.claims.take().is_some()), "resources.claims".into());
        }
        Field::ResourceClaimRequest => {
            for (j, claim) in ec.resources.iter_mut().flat_map(|r| r.claims.iter_mut().flatten()).enumerate() {
                take(claim.request.take().is_some(), format!("resources.claims[{j}].request"));
            }
        }
        Field::ResizePolicy => take(ec.resize_policy.take().is_some(), "resizePolicy".into()),
        Field::RestartPolicy => take(ec.restart_policy.take().is_some(), "restartPolicy".into()),
        Field::RestartPolicyRules => take(ec.restart_policy_rules.take().is_some(), "restartPolicyRules".into()),
        // `dropPodLifecycleSleepAction` empties a handler whose sleep it clears and then drops
        // any `lifecycle` left without handlers (and stop signal), even one that had no sleep
        // (`lifecycle: {}`); `dropContainerStopSignals` drops the `lifecycle` only where it
        // cleared a stop signal.
        Field::Sleep | Field::StopSignal => {
            if let Some(lc) = ec.lifecycle.as_mut() {
                let mut emptied = field == Field::Sleep;
                if field == Field::StopSignal {
                    emptied = lc.stop_signal.take().is_some();
                    take(emptied, "lifecycle.stopSignal".into());
                } else {
                    for (name, handler) in [("postStart", &mut lc.post_start), ("preStop", &mut lc.pre_stop)] {
                        let Some(h) = handler.as_mut() else { continue };
                        let had = h.sleep.take().is_some();
                        take(had, format!("lifecycle.{name}.sleep"));
                        if prune && had && h.exec.is_none() && h.http_get.is_none() && h.tcp_socket.is_none() {
                            *handler = None;
                        }
                    }
                }
                if prune && emptied && lc.post_start.is_none() && lc.pre_stop.is_none() && lc.stop_signal.is_none() {
                    ec.lifecycle = None;
                }
            }
        }
        Field::RecursiveReadOnly | Field::BindMountOptions => {
            for (j, m) in ec.volume_mounts.iter_mut().flatten().enumerate() {
                if field == Field::RecursiveReadOnly {
                    take(m.recursive_read_only.take().is_some(), format!("volumeMounts[{j}].recursiveReadOnly"));
                } else {
                    take(m.bind_mount_options.take().is_some(), format!("volumeMounts[{j}].bindMountOptions"));
                }
            }
        }
        Field::FileKeyRef => {
            for (j, e) in ec.env.iter_mut().flatten().enumerate() {
                let set = e.value_from.as_mut().is_some_and(|v| v.file_key_ref.take().is_some());
                take(set, format!("env[{j}].valueFrom.fileKeyRef"));
            }
        }
    }
    out
}

/// What a container of the stored pod shows the "in use" checks of util.go.
struct Seen<'a> {
    security_context: Option<&'a SecurityContext>,
    lifecycle: Option<&'a Lifecycle>,
    volume_mounts: &'a [VolumeMount],
    env: &'a [EnvVar],
}

/// Every container of `spec`, in `VisitContainers` order: init, regular, ephemeral.
fn all_containers(spec: &PodSpec) -> impl Iterator<Item = Seen<'_>> {
    let init = spec.init_containers.iter().flatten();
    let regular = init.chain(&spec.containers).map(|c| Seen {
        security_context: c.security_context.as_ref(),
        lifecycle: c.lifecycle.as_ref(),
        volume_mounts: c.volume_mounts.as_deref().unwrap_or_default(),
        env: c.env.as_deref().unwrap_or_default(),
    });
    regular.chain(spec.ephemeral_containers.iter().flatten().map(|c| Seen {
        security_context: c.security_context.as_ref(),
        lifecycle: c.lifecycle.as_ref(),
        volume_mounts: c.volume_mounts.as_deref().unwrap_or_default(),
        env: c.env.as_deref().unwrap_or_default(),
    }))
}

/// Whether the stored pod uses `field`, so a server keeps it on the new containers even with
/// the gate off: util.go's `procMountInUse`, `dynamicResourceAllocationInUse`,
/// `inPlacePodVerticalScalingInUse` (regular containers only up to 1.32, the last release that
/// drops), `containerRestartRulesInUse`, `podLifecycleSleepActionInUse`, `rroInUse`,
/// `containerStopSignalsInUse`, `podFileKeyRefInUse` and `bindMountOptionsInUse`.
fn in_use(field: Field, old: &PodSpec) -> bool {
    let handlers = |l: &Lifecycle| [&l.post_start, &l.pre_stop].into_iter().flatten().any(|h: &LifecycleHandler| h.sleep.is_some());
    let mut all = all_containers(old);
    match field {
        Field::ProcMount => all.any(|c| c.security_context.and_then(|sc| sc.proc_mount.as_deref()).is_some_and(|pm| pm != "Default")),
        Field::ResourceClaims | Field::ResourceClaimRequest => old.resource_claims.as_ref().is_some_and(|c| !c.is_empty()),
        Field::ResizePolicy => old.containers.iter().any(|c| c.resize_policy.as_ref().is_some_and(|p| !p.is_empty())),
        Field::RestartPolicy | Field::RestartPolicyRules => {
            old.init_containers.iter().flatten().any(|c| {
                c.restart_policy.as_deref().is_some_and(|p| p != "Always") || c.restart_policy_rules.as_ref().is_some_and(|r| !r.is_empty())
            }) || old.containers.iter().any(|c| c.restart_policy.is_some())
        }
        Field::Sleep => all.any(|c| c.lifecycle.is_some_and(handlers)),
        Field::StopSignal => all.any(|c| c.lifecycle.is_some_and(|l| l.stop_signal.is_some())),
        Field::RecursiveReadOnly => all.any(|c| c.volume_mounts.iter().any(|m| m.recursive_read_only.is_some())),
        Field::BindMountOptions => {
            all.any(|c| c.volume_mounts.iter().any(|m| m.bind_mount_options.as_ref().is_some_and(|o| !o.is_empty())))
        }
        Field::FileKeyRef => all.any(|c| c.env.iter().any(|e| e.value_from.as_ref().is_some_and(|v| v.file_key_ref.is_some()))),
        Field::AppArmorProfile => true,
    }
}

/// Whether the stored pod uses a `fileKeyRef` (`useAllowEnvFilesValidation`).
pub(crate) fn uses_file_key_refs(old: &PodSpec) -> bool {
    in_use(Field::FileKeyRef, old)
}

/// The decoder's `unknown field "…"` for a field of a later release.
fn unknown_field(path: &str, field: &str, since: u32, opts: &Options) -> Diagnostic {
    let (severity, what) = match opts.field_validation {
        FieldValidation::Strict => (Severity::Error, "With strict field validation the server refuses the request."),
        FieldValidation::Warn => (
            Severity::Warning,
            "The server drops it and accepts the request with a warning: what you meant does not happen, and an ephemeral container can never be changed.",
        ),
        FieldValidation::Ignore => (Severity::Info, "The server drops it without a word: what you meant does not happen."),
    };
    Diagnostic {
        severity,
        error_type: ErrorType::UnknownField,
        field: path.to_owned(),
        message: format!("unknown field {}", go_quote(path)),
        code: "D-02",
        help: Some(format!("Kubernetes 1.{} does not know `{field}`: it appears in 1.{since}. {what}", opts.kube_minor)),
        line: None,
        column: None,
        source: None,
    }
}

#[cfg(test)]
mod tests {
    use k8s_openapi::api::core::v1::{Container, LifecycleHandler, SleepAction};

    use super::*;

    fn ec() -> EphemeralContainer {
        EphemeralContainer { name: "debugger".into(), image: Some("busybox:1.36".into()), ..Default::default() }
    }

    fn sleepy() -> Lifecycle {
        Lifecycle {
            pre_stop: Some(LifecycleHandler { sleep: Some(SleepAction { seconds: 1 }), ..Default::default() }),
            ..Default::default()
        }
    }

    #[test]
    fn sleep_is_dropped_with_its_lifecycle_on_1_29_only() {
        let mut list = [EphemeralContainer { lifecycle: Some(sleepy()), ..ec() }];
        drop_disabled_fields(&mut list, &PodSpec::default(), 29);
        assert!(list[0].lifecycle.is_none());
        let mut list = [EphemeralContainer { lifecycle: Some(sleepy()), ..ec() }];
        drop_disabled_fields(&mut list, &PodSpec::default(), 30);
        assert!(list[0].lifecycle.is_some());
    }

    #[test]
    fn stored_use_keeps_a_field() {
        let mut list = [EphemeralContainer { lifecycle: Some(sleepy()), ..ec() }];
        let old = PodSpec { containers: vec![Container { lifecycle: Some(sleepy()), ..Default::default() }], ..Default::default() };
        drop_disabled_fields(&mut list, &old, 29);
        assert!(list[0].lifecycle.is_some());
    }

    #[test]
    fn proc_mount_becomes_default() {
        let sc = SecurityContext { proc_mount: Some("Unmasked".into()), ..Default::default() };
        let mut list = [EphemeralContainer { security_context: Some(sc), ..ec() }];
        drop_disabled_fields(&mut list, &PodSpec::default(), 32);
        assert_eq!(list[0].security_context.as_ref().and_then(|s| s.proc_mount.as_deref()), Some("Default"));
    }

    #[test]
    fn unknown_fields_are_reported_unless_sent_back_as_stored() {
        let with = EphemeralContainer { restart_policy: Some("Always".into()), ..ec() };
        let opts = Options { kube_minor: 27, ..Options::default() };
        let mut list = [with.clone()];
        let found = decode(&mut list, &[], &opts);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, r#"unknown field "spec.ephemeralContainers[0].restartPolicy""#);
        assert_eq!(found[0].severity, Severity::Warning);
        assert!(list[0].restart_policy.is_none());
        let mut list = [with.clone()];
        assert!(decode(&mut list, &[with], &opts).is_empty());
        assert!(list[0].restart_policy.is_some());
    }

    #[test]
    fn what_a_disabled_gate_drops_is_said_as_a_hint() {
        let mut unmasked = ec();
        unmasked.security_context = Some(SecurityContext { proc_mount: Some("Unmasked".into()), ..Default::default() });
        let mut sleeper = ec();
        sleeper.lifecycle = Some(sleepy());
        let list = [unmasked.clone(), sleeper];
        // 1.31: ProcMountType is off until 1.33; the first container is the stored one.
        let hints = dropped_field_hints(&list, &PodSpec::default(), 31, 0);
        let got: Vec<(&str, &str)> = hints.iter().map(|d| (d.code, d.field.as_str())).collect();
        assert_eq!(got, [("H-11", "spec.ephemeralContainers[0].securityContext.procMount")]);
        assert!(
            hints[0].message.contains("resets it to Default") && hints[0].message.contains("ProcMountType is off by default until 1.33"),
            "{}",
            hints[0].message
        );
        assert_eq!(hints[0].severity, Severity::Warning);
        // Only the new containers are judged, and a release with the gate on drops nothing.
        assert!(dropped_field_hints(&list, &PodSpec::default(), 31, 1).is_empty());
        assert!(dropped_field_hints(&list, &PodSpec::default(), 33, 0).is_empty());
        // A stored pod that already uses a non-default procMount keeps it: nothing is dropped.
        let old = PodSpec { ephemeral_containers: Some(vec![unmasked]), ..Default::default() };
        assert!(dropped_field_hints(&list, &old, 31, 0).is_empty());
        // What the hint says is dropped is exactly what the server's step drops.
        let mut dropped = list.to_vec();
        drop_disabled_fields(&mut dropped, &PodSpec::default(), 31);
        assert_eq!(dropped[0].security_context.as_ref().and_then(|sc| sc.proc_mount.as_deref()), Some("Default"));
    }
}
