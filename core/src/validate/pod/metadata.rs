//! `ValidateObjectMeta` and `ValidatePodSpecificAnnotations` for the pod's metadata.

use super::*;

// ---------------------------------------------------------------------------------------------
// Metadata
// ---------------------------------------------------------------------------------------------

pub(super) const MIRROR_POD_ANNOTATION: &str = "kubernetes.io/config.mirror";
pub(super) const SECCOMP_POD_ANNOTATION: &str = "seccomp.security.alpha.kubernetes.io/pod";
pub(super) const SECCOMP_CONTAINER_ANNOTATION_PREFIX: &str = "container.seccomp.security.alpha.kubernetes.io/";
pub(super) const APPARMOR_CONTAINER_ANNOTATION_PREFIX: &str = "container.apparmor.security.beta.kubernetes.io/";
pub(super) const TOTAL_ANNOTATION_SIZE_LIMIT: usize = 256 * 1024;

/// apimachinery `ValidateObjectMetaAccessor` + kubernetes `ValidateObjectMeta`.
pub(super) fn validate_object_meta(meta: &ObjectMeta, path: &Path, minor: u32, errs: &mut Errs) {
    let generate_name = meta.generate_name.as_deref().unwrap_or("");
    if !generate_name.is_empty() {
        for msg in name_is_dns_subdomain(generate_name, true) {
            invalid_str(errs, &path.child("generateName"), generate_name, &msg);
        }
    }
    let name = meta.name.as_deref().unwrap_or("");
    if name.is_empty() {
        required(errs, &path.child("name"), "name or generateName is required");
    } else {
        for msg in name_is_dns_subdomain(name, false) {
            invalid_str(errs, &path.child("name"), name, &msg);
        }
    }
    let namespace = meta.namespace.as_deref().unwrap_or("");
    if namespace.is_empty() {
        required(errs, &path.child("namespace"), "");
    } else {
        for msg in dns1123_label(namespace, minor) {
            invalid_str(errs, &path.child("namespace"), namespace, &msg);
        }
    }
    validate_nonnegative(meta.generation.unwrap_or(0), &path.child("generation"), errs);
    validate_labels(meta.labels.as_ref(), &path.child("labels"), minor, errs);
    validate_annotations(meta.annotations.as_ref(), &path.child("annotations"), minor, errs);
    validate_owner_references(meta, &path.child("ownerReferences"), errs);
    let finalizers = meta.finalizers.as_deref().unwrap_or_default();
    for f in finalizers {
        validate_qualified_name(f, &path.child("finalizers"), minor, errs);
    }
    if finalizers.iter().any(|f| f == "orphan") && finalizers.iter().any(|f| f == "foregroundDeletion") {
        invalid_raw(
            errs,
            &path.child("finalizers"),
            json_strings(finalizers),
            "finalizer orphan and foregroundDeletion cannot be both set",
        );
    }
    for (i, f) in finalizers.iter().enumerate() {
        if !f.contains('/') && !matches!(f.as_str(), "kubernetes" | "orphan" | "foregroundDeletion") {
            invalid_str(errs, &path.child("finalizers").index(i), f, "name is neither a standard finalizer name nor is it fully qualified");
        }
    }
}

/// apimachinery `ValidateAnnotations`: keys are qualified names compared in lower case, and the
/// total size of keys and values is at most 256 KiB.
pub(super) fn validate_annotations(annotations: Option<&BTreeMap<String, String>>, path: &Path, minor: u32, errs: &mut Errs) {
    let Some(annotations) = annotations else { return };
    for k in annotations.keys() {
        for msg in names::label_key_errors(&go_lower(k), minor) {
            invalid_str(errs, path, k, &msg);
        }
    }
    let total: usize = annotations.iter().map(|(k, v)| k.len() + v.len()).sum();
    if total > TOTAL_ANNOTATION_SIZE_LIMIT {
        too_long(errs, path, TOTAL_ANNOTATION_SIZE_LIMIT);
    }
}

/// apimachinery `ValidateOwnerReferences`.
pub(super) fn validate_owner_references(meta: &ObjectMeta, path: &Path, errs: &mut Errs) {
    let refs = meta.owner_references.as_deref().unwrap_or_default();
    let mut first_controller: Option<String> = None;
    for (i, r) in refs.iter().enumerate() {
        let p = path.index(i);
        let (group, version, parse_ok) = parse_group_version(&r.api_version);
        if r.api_version.is_empty() {
            required(errs, &p.child("apiVersion"), "must not be empty");
        } else if !parse_ok || version.is_empty() {
            invalid_str(errs, &p.child("apiVersion"), &r.api_version, "must be <group>/<version> or <version>");
        }
        if r.kind.is_empty() {
            required(errs, &p.child("kind"), "must not be empty");
        }
        if r.name.is_empty() {
            required(errs, &p.child("name"), "must not be empty");
        }
        if r.uid.is_empty() {
            required(errs, &p.child("uid"), "must not be empty");
        }
        if group.is_empty() && version == "v1" && r.kind == "Event" {
            invalid_raw(errs, &p, owner_reference_json(r), "/v1, Kind=Event is disallowed from being an owner");
        }
        if r.controller == Some(true) {
            let current = format!("{}/{}", r.kind, r.name);
            match &first_controller {
                Some(first) => {
                    let list = format!("[{}]", refs.iter().map(owner_reference_json).collect::<Vec<_>>().join(","));
                    let msg = format!(
                        "Only one reference can have Controller set to true. Found \"true\" in references for {first} and {current}"
                    );
                    invalid_raw(errs, path, list, &msg);
                }
                None => first_controller = Some(current),
            }
        }
    }
}

/// `schema.ParseGroupVersion`: (group, version, ok).
pub(super) fn parse_group_version(gv: &str) -> (&str, &str, bool) {
    if gv.is_empty() || gv == "/" {
        return ("", "", true);
    }
    match gv.matches('/').count() {
        0 => ("", gv, true),
        1 => {
            let (g, v) = gv.split_once('/').unwrap_or(("", gv));
            (g, v, true)
        }
        _ => ("", "", false),
    }
}

/// A `metav1.OwnerReference` as Go marshals it (struct field order, `omitempty` pointers).
pub(super) fn owner_reference_json(r: &k8s_openapi::apimachinery::pkg::apis::meta::v1::OwnerReference) -> String {
    let q = |v: &str| serde_json::Value::from(v).to_string();
    let mut out = format!("{{\"apiVersion\":{},\"kind\":{},\"name\":{},\"uid\":{}", q(&r.api_version), q(&r.kind), q(&r.name), q(&r.uid));
    if let Some(c) = r.controller {
        out.push_str(&format!(",\"controller\":{c}"));
    }
    if let Some(b) = r.block_owner_deletion {
        out.push_str(&format!(",\"blockOwnerDeletion\":{b}"));
    }
    out.push('}');
    out
}

/// `ValidatePodSpecificAnnotations`, minus the ratcheted deletion cost and the JSON tolerations
/// annotation. `path` is `metadata.annotations`. The server runs it twice on this subresource:
/// in `validatePodMetadataAndSpec` ([`validate_metadata`]) and at the end of
/// `ValidatePodSpecificAnnotationUpdates`.
pub fn validate_pod_specific_annotations(
    meta: &ObjectMeta,
    spec: &PodSpec,
    ephemeral: &[EphemeralContainer],
    path: &Path,
    errs: &mut Errs,
) {
    let Some(annotations) = &meta.annotations else { return };
    if let Some(value) = annotations.get(MIRROR_POD_ANNOTATION) {
        if spec.node_name.as_deref().unwrap_or("").is_empty() {
            invalid_str(errs, &path.key(MIRROR_POD_ANNOTATION), value, "must set spec.nodeName if mirror pod annotation is set");
        }
    }
    // ValidateSeccompPodAnnotations: the pod key, then every container key (fldPath.Child, sic).
    if let Some(p) = annotations.get(SECCOMP_POD_ANNOTATION) {
        validate_seccomp_annotation(p, &path.child(SECCOMP_POD_ANNOTATION), errs);
    }
    for (k, p) in annotations {
        if k.starts_with(SECCOMP_CONTAINER_ANNOTATION_PREFIX) {
            validate_seccomp_annotation(p, &path.child(k), errs);
        }
    }
    // ValidateAppArmorPodAnnotations.
    for (k, p) in annotations {
        let Some(container) = k.strip_prefix(APPARMOR_CONTAINER_ANNOTATION_PREFIX) else { continue };
        let exists = spec
            .init_containers
            .iter()
            .flatten()
            .chain(spec.containers.iter())
            .map(|c| c.name.as_str())
            .chain(ephemeral.iter().map(|c| c.name.as_str()))
            .any(|n| n == container);
        if !exists {
            invalid_str(errs, &path.key(k), container, "container not found");
        }
        if !(p.is_empty() || p == "runtime/default" || p == "unconfined" || p.starts_with("localhost/")) {
            invalid_str(errs, &path.key(k), p, &format!("invalid AppArmor profile name: {}", crate::diag::go_quote(p)));
        }
    }
}

/// `ValidateSeccompProfile` (the deprecated annotation syntax).
pub(super) fn validate_seccomp_annotation(p: &str, path: &Path, errs: &mut Errs) {
    if matches!(p, "runtime/default" | "docker/default" | "unconfined") {
        return;
    }
    if let Some(local) = p.strip_prefix("localhost/") {
        validate_local_descending_path(local, path, errs);
        return;
    }
    invalid_str(errs, path, p, "must be a valid seccomp profile");
}
