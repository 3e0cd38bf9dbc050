//! `validateContainerCommon`: the checks every container gets — regular, init and
//! ephemeral — in the order the server appends them (R-01, R-02, R-04, R-06, R-07, and
//! the ports/env/mount/resource/securityContext families).

use crate::diag::{supported_values, BadValue, ErrorType};
use crate::path::Path;

use super::{env, mounts, names, push, resources, security, Ctr, Errs, PodView};

/// Applies `validateContainerCommon` to one container at `path` (`spec.ephemeralContainers[0]`).
pub fn validate_container_common(ctr: &Ctr, path: &Path, pod: &PodView<'_>, errs: &mut Errs) {
    let name_path = path.child("name");
    if ctr.name.is_empty() {
        push(errs, "R-01", ErrorType::Required, &name_path, BadValue::Omit, "");
    } else {
        names::validate_dns1123_label(&ctr.name, &name_path, pod.opts.kube_minor, "R-02", errs);
    }

    if ctr.image.as_deref().unwrap_or("").is_empty() {
        push(errs, "R-04", ErrorType::Required, &path.child("image"), BadValue::Omit, "");
    }

    match ctr.termination_message_policy.as_deref().unwrap_or("") {
        "File" | "FallbackToLogsOnError" => {}
        "" => push(errs, "R-06", ErrorType::Required, &path.child("terminationMessagePolicy"), BadValue::Omit, ""),
        other => push(
            errs,
            "R-06",
            ErrorType::NotSupported,
            &path.child("terminationMessagePolicy"),
            BadValue::str(other),
            &supported_values(&["File", "FallbackToLogsOnError"]),
        ),
    }

    resources::validate_container_ports(ctr.ports.as_deref().unwrap_or_default(), &path.child("ports"), pod.opts.kube_minor, errs);
    env::validate_env(ctr.env.as_deref().unwrap_or_default(), &path.child("env"), pod.pod_opts, pod.opts.kube_minor, errs);
    env::validate_env_from(ctr.env_from.as_deref().unwrap_or_default(), &path.child("envFrom"), pod.pod_opts, errs);
    mounts::validate_volume_mounts(ctr, pod, &path.child("volumeMounts"), errs);
    mounts::validate_volume_devices(ctr, pod, &path.child("volumeDevices"), errs);

    match ctr.image_pull_policy.as_deref().unwrap_or("") {
        "Always" | "IfNotPresent" | "Never" => {}
        "" => push(errs, "R-07", ErrorType::Required, &path.child("imagePullPolicy"), BadValue::Omit, ""),
        other => push(
            errs,
            "R-07",
            ErrorType::NotSupported,
            &path.child("imagePullPolicy"),
            BadValue::str(other),
            &supported_values(&["Always", "IfNotPresent", "Never"]),
        ),
    }

    resources::validate_resource_requirements(ctr.resources.as_ref(), pod.claim_names, &path.child("resources"), pod.opts.kube_minor, errs);
    resources::validate_resize_policy(
        ctr.resize_policy.as_deref().unwrap_or_default(),
        &path.child("resizePolicy"),
        pod.restart_policy,
        pod.opts.kube_minor,
        errs,
    );
    security::validate_security_context(ctr, path, pod.host_users, pod.opts, errs);
}

/// `validateContainerOnlyForPod`: no whitespace around the image.
pub fn validate_container_only_for_pod(ctr: &Ctr, path: &Path, errs: &mut Errs) {
    let image = ctr.image.as_deref().unwrap_or("");
    if image.len() != image.trim().len() {
        push(errs, "R-05", ErrorType::Invalid, &path.child("image"), BadValue::str(image), "must not have leading or trailing whitespace");
    }
}
