//! The ephemeral-container rules proper and the update pipeline of
//! `ValidatePodEphemeralContainersUpdate` (kubernetes/kubernetes
//! `pkg/apis/core/validation/validation.go`), with the defaulting and field dropping
//! the request goes through before it (`pkg/registry/core/pod/strategy.go`,
//! `pkg/api/pod/util.go`).

use std::collections::HashMap;
use std::sync::Mutex;

use k8s_openapi::api::core::v1::{Container, EnvFromSource, EnvVar, EphemeralContainer, Pod, PodSpec};
use serde_json::Value as Json;

use crate::diag::{go_quote, BadValue, ErrorType};
use crate::path::Path;
use crate::{defaults, gojson};

use super::container::{validate_container_common, validate_container_only_for_pod};
use super::{env, os, pod, prepare, push, Errs, Options, PodOptions, PodView};
use crate::versions::{self, FILE_KEY_REF_VOLUMES_SINCE, STATIC_POD_REFUSAL_SINCE};

/// `(*core.Container)(&ec.EphemeralContainerCommon)`: the common fields as a container.
pub fn as_container(ec: &EphemeralContainer) -> Container {
    Container {
        args: ec.args.clone(),
        command: ec.command.clone(),
        env: ec.env.clone(),
        env_from: ec.env_from.clone(),
        image: ec.image.clone(),
        image_pull_policy: ec.image_pull_policy.clone(),
        lifecycle: ec.lifecycle.clone(),
        liveness_probe: ec.liveness_probe.clone(),
        name: ec.name.clone(),
        ports: ec.ports.clone(),
        readiness_probe: ec.readiness_probe.clone(),
        resize_policy: ec.resize_policy.clone(),
        resources: ec.resources.clone(),
        restart_policy: ec.restart_policy.clone(),
        restart_policy_rules: ec.restart_policy_rules.clone(),
        security_context: ec.security_context.clone(),
        startup_probe: ec.startup_probe.clone(),
        stdin: ec.stdin,
        stdin_once: ec.stdin_once,
        termination_message_path: ec.termination_message_path.clone(),
        termination_message_policy: ec.termination_message_policy.clone(),
        tty: ec.tty,
        volume_devices: ec.volume_devices.clone(),
        volume_mounts: ec.volume_mounts.clone(),
        working_dir: ec.working_dir.clone(),
    }
}

const NOT_FOR_EPHEMERAL: &str = "cannot be set for an Ephemeral Container";

/// the fields `allowedEphemeralContainerFields` does not allow, in the Go struct's
/// field order, each with whether it is "set" — not equal to its Go zero value by
/// `reflect.DeepEqual`. A present but empty list (`ports: []`) or map
/// (`resources: {limits: {}}`) is not the zero value; `resources: {}` is.
pub fn disallowed_fields(ec: &EphemeralContainer) -> [(&'static str, bool); 9] {
    let resources_set = ec.resources.as_ref().is_some_and(|r| r.limits.is_some() || r.requests.is_some() || r.claims.is_some());
    [
        ("ports", ec.ports.is_some()),
        ("resources", resources_set),
        ("resizePolicy", ec.resize_policy.is_some()),
        ("restartPolicy", ec.restart_policy.is_some()),
        ("restartPolicyRules", ec.restart_policy_rules.is_some()),
        ("livenessProbe", ec.liveness_probe.is_some()),
        ("readinessProbe", ec.readiness_probe.is_some()),
        ("startupProbe", ec.startup_probe.is_some()),
        ("lifecycle", ec.lifecycle.is_some()),
    ]
}

/// `validateEphemeralContainers`: R-01 … R-18 through the common checks, then R-05
/// (image whitespace), R-03 (duplicate names), R-08 (target), R-09 (allow-list) and
/// R-10/R-11 (subPath, subPathExpr), container by container.
pub fn validate_ephemeral_containers(spec: &PodSpec, ecs: &[EphemeralContainer], path: &Path, view: &PodView<'_>, errs: &mut Errs) {
    if ecs.is_empty() {
        return;
    }
    let init = spec.init_containers.as_deref().unwrap_or_default();
    let other_names: Vec<&str> = spec.containers.iter().chain(init).map(|c| c.name.as_str()).collect();
    let mut all_names = other_names.clone();

    for (i, ec) in ecs.iter().enumerate() {
        let idx = path.index(i);
        let ctr = as_container(ec);
        validate_container_common(&ctr, &idx, view, errs);
        validate_container_only_for_pod(&ctr, &idx, errs);

        if all_names.contains(&ec.name.as_str()) {
            push(errs, "R-03", ErrorType::Duplicate, &idx.child("name"), BadValue::str(&ec.name), "");
        } else {
            all_names.push(&ec.name);
        }

        if let Some(target) = ec.target_container_name.as_deref().filter(|t| !t.is_empty()) {
            if !other_names.contains(&target) {
                push(errs, "R-08", ErrorType::NotFound, &idx.child("targetContainerName"), BadValue::str(target), "");
            }
        }

        for (field, set) in disallowed_fields(ec) {
            if set {
                push(errs, "R-09", ErrorType::Forbidden, &idx.child(field), BadValue::Omit, NOT_FOR_EPHEMERAL);
            }
        }

        for (j, vm) in ec.volume_mounts.iter().flatten().enumerate() {
            let vm_path = idx.child("volumeMounts").index(j);
            if !vm.sub_path.as_deref().unwrap_or("").is_empty() {
                push(errs, "R-10", ErrorType::Forbidden, &vm_path.child("subPath"), BadValue::Omit, NOT_FOR_EPHEMERAL);
            }
            if !vm.sub_path_expr.as_deref().unwrap_or("").is_empty() {
                push(errs, "R-11", ErrorType::Forbidden, &vm_path.child("subPathExpr"), BadValue::Omit, NOT_FOR_EPHEMERAL);
            }
        }
    }
}

/// The annotation that marks a static pod's mirror.
pub const MIRROR_ANNOTATION: &str = "kubernetes.io/config.mirror";

/// Whether the stored pod is the mirror of a static pod.
pub fn is_mirror_pod(pod: &Pod) -> bool {
    pod.metadata.annotations.as_ref().is_some_and(|a| a.contains_key(MIRROR_ANNOTATION))
}

/// What every request against one reading of a pod shares: the errors of the part of the pod
/// that no ephemeral container changes (the spec's volumes and claims, its containers and init
/// containers), found once per set of options. The pod itself is the read one, defaulted as
/// the server stores it (`input::PodDoc::pod`); a request's new pod is that pod with only
/// `spec.ephemeralContainers` replaced, which the rules are given beside it, so that a
/// megabyte pod is neither copied nor re-checked where no ephemeral container can change the
/// outcome.
#[derive(Debug, Default)]
pub struct Stored {
    fixed: Mutex<Option<(Options, Errs)>>,
}

fn locked<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panic while holding the lock leaves nothing half-done that matters here.
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Stored {
    /// `ValidatePodEphemeralContainersUpdate` of a request whose new list is `new_list` against
    /// `pod` (the stored pod, defaulted: `defaults::pod`), after its decoding, defaulting and
    /// `PrepareForUpdate`: the errors in the server's order, and the new list as the server
    /// would store it.
    ///
    /// The steps, as a 1.`opts.kube_minor` server takes them: its decoder drops the fields it
    /// does not know (their `unknown field` diagnostics come first), every container is defaulted
    /// (`SetObjectDefaults_Pod`), `DropDisabledPodFields` drops what its gates leave off, then
    /// the update is validated.
    pub fn validate(&self, pod: &Pod, new_list: &[EphemeralContainer], opts: &Options) -> (Errs, Vec<EphemeralContainer>) {
        let (mut errs, list) = Stored::prepare(pod, new_list, opts);
        errs.extend(self.validate_update(pod, &list, opts));
        (errs, list)
    }

    /// [`Stored::validate`] up to the validation: the decoder's diagnostics, and the new list
    /// as the server would store it (decoded, defaulted, `DropDisabledPodFields`).
    pub fn prepare(pod: &Pod, new_list: &[EphemeralContainer], opts: &Options) -> (Errs, Vec<EphemeralContainer>) {
        let empty = PodSpec::default();
        let spec = pod.spec.as_ref().unwrap_or(&empty);
        let old_list = spec.ephemeral_containers.as_deref().unwrap_or_default();
        let mut list = new_list.to_vec();
        let errs = prepare::decode(&mut list, old_list, opts);
        for ec in &mut list {
            defaults::ephemeral_container(ec);
        }
        prepare::drop_disabled_fields(&mut list, spec, opts.kube_minor);
        (errs, list)
    }

    /// `ValidatePodEphemeralContainersUpdate(new, old)`, `new` being the stored pod with the
    /// request's list, `new_list`.
    fn validate_update(&self, new: &Pod, new_list: &[EphemeralContainer], opts: &Options) -> Errs {
        let mut errs = Errs::new();
        let old_list = new.spec.as_ref().and_then(|s| s.ephemeral_containers.as_deref()).unwrap_or_default();

        // Part 1: the whole new pod (ValidateObjectMetaUpdate has nothing to say: the
        // subresource keeps the stored metadata), then ValidatePodSpecificAnnotationUpdates,
        // whose annotations cannot have changed but which ends by running
        // ValidatePodSpecificAnnotations again: its errors come twice, as the server returns them.
        validate_pod_metadata_and_spec(new, new_list, opts, &self.fixed, &mut errs);
        let empty = PodSpec::default();
        let spec = new.spec.as_ref().unwrap_or(&empty);
        let annotations = Path::root("metadata").child("annotations");
        pod::validate_pod_specific_annotations(&new.metadata, spec, new_list, &annotations, &mut errs);

        // Static pods: one error, every other one discarded — from 1.27 (kubernetes/kubernetes
        // #114086); 1.25 and 1.26 go on as for any pod.
        if is_mirror_pod(new) && opts.kube_minor >= STATIC_POD_REFUSAL_SINCE {
            let mut only = Errs::new();
            push(
                &mut only,
                "R-37",
                ErrorType::Forbidden,
                &Path::empty(),
                BadValue::Omit,
                "static pods do not support ephemeral containers",
            );
            return only;
        }

        // Part 2: every stored ephemeral container must still be there, unchanged (by name;
        // with a name twice in the new list, the last one counts).
        let index: HashMap<&str, &EphemeralContainer> = new_list.iter().map(|c| (c.name.as_str(), c)).collect();
        let list_path = Path::root("spec").child("ephemeralContainers");
        for old in old_list {
            match index.get(old.name.as_str()) {
                None => push(
                    &mut errs,
                    "R-33",
                    ErrorType::Forbidden,
                    &list_path,
                    BadValue::Omit,
                    &format!("existing ephemeral containers {} may not be removed\n", go_quote(&old.name)),
                ),
                Some(new) => {
                    if let Some(diff) = semantic_diff(old, new) {
                        push(
                            &mut errs,
                            "R-34",
                            ErrorType::Forbidden,
                            &list_path,
                            BadValue::Omit,
                            &format!("existing ephemeral containers {} may not be changed\n{diff}", go_quote(&old.name)),
                        );
                    }
                }
            }
        }
        errs
    }
}

/// `validatePodMetadataAndSpec` on the new pod (`new` with `new_list`), then
/// `ValidatePodSpecificAnnotationUpdates`.
fn validate_pod_metadata_and_spec(
    new: &Pod,
    new_list: &[EphemeralContainer],
    opts: &Options,
    fixed: &Mutex<Option<(Options, Errs)>>,
    errs: &mut Errs,
) {
    let empty = PodSpec::default();
    let spec = new.spec.as_ref().unwrap_or(&empty);
    let spec_path = Path::root("spec");
    let minor = opts.kube_minor;
    pod::validate_metadata(&new.metadata, spec, new_list, &Path::root("metadata"), minor, errs);

    // GetValidationOptionsFromPodSpecAndMeta: the stored pod is `spec`, the new one `spec` with
    // `new_list`.
    let pod_opts = PodOptions {
        relaxed_env_names: versions::relaxed_env_names(minor) || relaxed_env_names_in_use(spec, new_list),
        env_files: versions::env_files(minor) || prepare::uses_file_key_refs(spec),
    };
    let host_users = spec.host_users.unwrap_or(true);
    let claim_names: Vec<String> = spec.resource_claims.iter().flatten().map(|c| c.name.clone()).collect();
    let restart_policy = spec.restart_policy.clone().unwrap_or_default();
    let view = PodView {
        volumes: spec.volumes.as_deref().unwrap_or_default(),
        host_users,
        opts,
        pod_opts: &pod_opts,
        claim_names: &claim_names,
        restart_policy: &restart_policy,
    };
    // The same for every request against this pod: found once per set of options.
    {
        let mut fixed = locked(fixed);
        match fixed.as_ref() {
            Some((o, found)) if o == opts => errs.extend_from_slice(found),
            _ => {
                let mut found = Errs::new();
                validate_fixed_part(new, &view, &mut found);
                errs.extend_from_slice(&found);
                *fixed = Some((opts.clone(), found));
            }
        }
    }
    validate_ephemeral_containers(spec, new_list, &spec_path.child("ephemeralContainers"), &view, errs);
    pod::validate_spec_middle(spec, &spec_path, minor, errs);
    os::validate_windows_host_process(spec, new_list, &spec_path, opts, errs);
    pod::validate_spec_tail(spec, &spec_path, minor, errs);
    if spec.os.is_some() {
        os::validate_os(spec, new_list, &spec_path, minor, errs);
    }
    if minor >= FILE_KEY_REF_VOLUMES_SINCE {
        pod::validate_file_key_ref_volumes(spec, new_list, &spec_path, errs);
    }
    pod::validate_pod_only(spec, &spec_path, errs);
}

/// What `validatePodSpec` checks between the metadata and the ephemeral containers: the
/// spec's volumes and claims, its containers and its init containers. Nothing here reads
/// `spec.ephemeralContainers`.
fn validate_fixed_part(new: &Pod, view: &PodView<'_>, errs: &mut Errs) {
    let empty = PodSpec::default();
    let spec = new.spec.as_ref().unwrap_or(&empty);
    let spec_path = Path::root("spec");
    let grace = spec.termination_grace_period_seconds;
    let facts = pod::PodFacts::of(spec);
    pod::validate_spec_head_with_meta(spec, Some(&new.metadata), &spec_path, view.opts.kube_minor, errs);
    pod::validate_containers_present(spec, &spec_path, errs);
    let containers_path = spec_path.child("containers");
    let mut seen = Vec::new();
    for (i, c) in spec.containers.iter().enumerate() {
        let p = containers_path.index(i);
        validate_container_common(c, &p, view, errs);
        pod::validate_regular_container_extras_in(c, &mut seen, grace, &facts, &p, errs);
    }
    if !spec.containers.is_empty() {
        pod::check_host_port_conflicts(&spec.containers, &containers_path, errs);
    }
    let init_path = spec_path.child("initContainers");
    let mut seen = pod::init_seen_names(spec);
    for (i, c) in spec.init_containers.iter().flatten().enumerate() {
        let p = init_path.index(i);
        validate_container_common(c, &p, view, errs);
        pod::validate_init_container_extras_in(c, &mut seen, grace, &facts, &p, errs);
    }
}

/// `useRelaxedEnvironmentVariableValidation` with the gate off: a name (of a variable or an
/// `envFrom` prefix) of the new pod that fails the strict check but passes the relaxed one, and
/// that the stored pod already has. The new pod is the stored one with `new_list` for its
/// ephemeral containers.
fn relaxed_env_names_in_use(spec: &PodSpec, new_list: &[EphemeralContainer]) -> bool {
    fn names<'a>(env: &'a Option<Vec<EnvVar>>, from: &'a Option<Vec<EnvFromSource>>) -> impl Iterator<Item = &'a str> {
        env.iter().flatten().map(|e| e.name.as_str()).chain(from.iter().flatten().map(|e| e.prefix.as_deref().unwrap_or("")))
    }
    let fixed: Vec<&str> =
        spec.containers.iter().chain(spec.init_containers.iter().flatten()).flat_map(|c| names(&c.env, &c.env_from)).collect();
    let old_ecs: Vec<&str> = spec.ephemeral_containers.iter().flatten().flat_map(|c| names(&c.env, &c.env_from)).collect();
    let relaxed_only = |n: &&str| !env::strict_env_var_name_errors(n).is_empty() && env::relaxed_env_var_name_errors(n).is_empty();
    // The names of the regular and init containers are in both pods.
    fixed.iter().any(relaxed_only)
        || new_list.iter().flat_map(|c| names(&c.env, &c.env_from)).filter(relaxed_only).any(|n| old_ecs.contains(&n))
}

/// `apiequality.Semantic.DeepEqual` between a stored and a sent container, with the
/// differences when they are not equal. Go's semantic equality treats an empty list or map
/// like an absent one, and a non-pointer field at its zero value like an absent one — which
/// is what Go's JSON printing leaves out, so the two containers are compared as printed.
pub fn semantic_diff(old: &EphemeralContainer, new: &EphemeralContainer) -> Option<String> {
    // Equal values print equally: the usual case (a container sent back as it is) needs
    // no printing.
    if old == new {
        return None;
    }
    let (a, b) = (gojson::marshal(old), gojson::marshal(new));
    if a == b {
        return None;
    }
    let (Json::Object(a), Json::Object(b)) = (a, b) else { return Some(String::new()) };
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut out = String::from("  core.EphemeralContainer{\n");
    for k in keys {
        let (x, y) = (a.get(k), b.get(k));
        if x == y {
            continue;
        }
        if let Some(x) = x {
            out.push_str(&format!("- \t{k}: {x},\n"));
        }
        if let Some(y) = y {
            out.push_str(&format!("+ \t{k}: {y},\n"));
        }
    }
    out.push_str("  }\n");
    Some(out)
}
