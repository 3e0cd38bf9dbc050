//! env and envFrom (R-19 … R-21).
//!
//! Mirrors `ValidateEnv`, `validateEnvVarValueFrom`, `validateObjectFieldSelector`,
//! `validateContainerResourceFieldSelector`, `validateContainerResourceDivisor`,
//! `validateConfigMapKeySelector`, `validateSecretKeySelector`, `validateFileKeySelector`,
//! `ValidateEnvFrom`, `validateConfigMapEnvSource` and `validateSecretEnvSource` of
//! kubernetes/kubernetes `pkg/apis/core/validation/validation.go`, with the string checks they
//! call from kubernetes/apimachinery (`pkg/util/validation/validation.go`: `IsEnvVarName`,
//! `IsRelaxedEnvVarName`, `IsConfigMapKey`, `IsDNS1123Subdomain`; `pkg/api/validate/content`:
//! `IsLabelKey`, which `IsQualifiedName` is since 1.35) and `resource.Quantity.String()`.
//!
//! What changes with the release ([`crate::versions`]): relaxed variable names are the default
//! from 1.32 (`RelaxedEnvironmentVariableValidation`), `valueFrom.fileKeyRef` exists from 1.34
//! and is validated — with a five-source message — from 1.35 or when the stored pod uses one
//! (`AllowEnvFilesValidation`, [`PodOptions::env_files`]); label keys in `fieldRef` subscripts
//! follow apimachinery's wording of the release.

use k8s_openapi::api::core::v1::{EnvFromSource, EnvVar, FileKeySelector, ObjectFieldSelector, ResourceFieldSelector};

use crate::diag::{supported_values, BadValue, ErrorType};
use crate::path::Path;

use super::names::{self, regex_error, Unit};
use super::{push, Errs, PodOptions};

/// ValidateEnv: every variable needs a valid name, and a `valueFrom` needs exactly
/// one valid source and no `value`. `path` is the container's `env` path.
/// `minor` is the server's release (the wording of label keys in `fieldRef` subscripts and of
/// DNS labels).
pub fn validate_env(env: &[EnvVar], path: &Path, pod_opts: &PodOptions, minor: u32, errs: &mut Errs) {
    let relaxed = pod_opts.relaxed_env_names;
    for (i, ev) in env.iter().enumerate() {
        let idx = path.index(i);
        let name_path = idx.child("name");
        if ev.name.is_empty() {
            push(errs, "R-19", ErrorType::Required, &name_path, BadValue::Omit, "");
        } else {
            for msg in env_var_name_errors(&ev.name, relaxed) {
                push(errs, "R-19", ErrorType::Invalid, &name_path, BadValue::str(&ev.name), &msg);
            }
        }
        validate_env_var_value_from(ev, &idx.child("valueFrom"), pod_opts.env_files, minor, errs);
    }
}

/// `validateEnvVarValueFrom`: the sources' own checks in field order, then one error
/// about the number of sources, reported at `valueFrom` with the value `""`.
fn validate_env_var_value_from(ev: &EnvVar, path: &Path, env_files: bool, minor: u32, errs: &mut Errs) {
    let Some(src) = ev.value_from.as_ref() else {
        return;
    };
    let mut sources = 0;
    if let Some(fs) = &src.field_ref {
        sources += 1;
        validate_object_field_selector(fs, &path.child("fieldRef"), minor, errs);
    }
    if let Some(fs) = &src.resource_field_ref {
        sources += 1;
        validate_container_resource_field_selector(fs, &path.child("resourceFieldRef"), errs);
    }
    if let Some(sel) = &src.config_map_key_ref {
        sources += 1;
        validate_key_selector(&sel.name, &sel.key, &path.child("configMapKeyRef"), errs);
    }
    if let Some(sel) = &src.secret_key_ref {
        sources += 1;
        validate_key_selector(&sel.name, &sel.key, &path.child("secretKeyRef"), errs);
    }
    // With EnvFiles off the server has already dropped an unused fileKeyRef (`versions::Field::
    // FileKeyRef`): one that is left is validated and counted.
    if let Some(sel) = &src.file_key_ref {
        sources += 1;
        validate_file_key_selector(sel, &path.child("fileKeyRef"), minor, errs);
    }

    if sources == 0 {
        let msg = if env_files {
            "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef`, `secretKeyRef` or `fileKeyRef`"
        } else {
            "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"
        };
        push(errs, "R-20", ErrorType::Invalid, path, BadValue::str(""), msg);
    } else if !ev.value.as_deref().unwrap_or("").is_empty() {
        push(errs, "R-20", ErrorType::Invalid, path, BadValue::str(""), "may not be specified when `value` is not empty");
    } else if sources > 1 {
        push(errs, "R-20", ErrorType::Invalid, path, BadValue::str(""), "may not have more than one field specified at a time");
    }
}

/// `validEnvDownwardAPIFieldPathExpressions`, sorted as `sets.List` prints it.
const ENV_FIELD_PATHS: [&str; 9] = [
    "metadata.name",
    "metadata.namespace",
    "metadata.uid",
    "spec.nodeName",
    "spec.serviceAccountName",
    "status.hostIP",
    "status.hostIPs",
    "status.podIP",
    "status.podIPs",
];

/// `validateObjectFieldSelector` with the env var field paths.
///
/// An empty `apiVersion` never reaches the server's validation: `SetDefaults_ObjectFieldSelector`
/// makes it `v1` first, so it is read as `v1` here and its `Required` error cannot happen.
/// Subscripted label and annotation keys (`metadata.labels['app']`) are accepted for env vars
/// too, after a label-key check reported at the `fieldRef` path.
fn validate_object_field_selector(fs: &ObjectFieldSelector, path: &Path, minor: u32, errs: &mut Errs) {
    let api_version = fs.api_version.as_deref().filter(|v| !v.is_empty()).unwrap_or("v1");
    let field_path = fs.field_path.as_str();
    let fp_path = path.child("fieldPath");
    if field_path.is_empty() {
        push(errs, "R-20", ErrorType::Required, &fp_path, BadValue::Omit, "");
        return;
    }
    let internal = match convert_downward_api_field_label(api_version, field_path) {
        Ok(internal) => internal,
        Err(e) => {
            push(errs, "R-20", ErrorType::Invalid, &fp_path, BadValue::str(field_path), &format!("error converting fieldPath: {e}"));
            return;
        }
    };
    if let Some((base, subscript)) = split_maybe_subscripted_path(internal) {
        // `ValidateQualifiedName`. The conversion above lets only these two bases keep a
        // subscript, so the server's "does not support subscript" branch cannot be reached.
        let key = match base {
            "metadata.annotations" => names::go_lower(subscript),
            _ => subscript.to_owned(),
        };
        for msg in names::label_key_errors(&key, minor) {
            push(errs, "R-20", ErrorType::Invalid, path, BadValue::str(&key), &msg);
        }
    } else if !ENV_FIELD_PATHS.contains(&internal) {
        push(errs, "R-20", ErrorType::NotSupported, &fp_path, BadValue::str(internal), &supported_values(&ENV_FIELD_PATHS));
    }
}

/// `ConvertDownwardAPIFieldLabel` (pkg/apis/core/pods/helpers.go) for a field path: the
/// internal path, or the error text the server wraps in "error converting fieldPath: …".
fn convert_downward_api_field_label<'a>(version: &str, label: &'a str) -> Result<&'a str, String> {
    if version != "v1" {
        return Err(format!("unsupported pod version: {version}"));
    }
    if let Some((base, _)) = split_maybe_subscripted_path(label) {
        return match base {
            "metadata.annotations" | "metadata.labels" => Ok(label),
            _ => Err(format!("field label does not support subscript: {label}")),
        };
    }
    match label {
        "metadata.annotations"
        | "metadata.labels"
        | "metadata.name"
        | "metadata.namespace"
        | "metadata.uid"
        | "spec.nodeName"
        | "spec.restartPolicy"
        | "spec.serviceAccountName"
        | "spec.schedulerName"
        | "status.phase"
        | "status.hostIP"
        | "status.hostIPs"
        | "status.podIP"
        | "status.podIPs" => Ok(label),
        // Old v1 clients still send `spec.host`.
        "spec.host" => Ok("spec.nodeName"),
        _ => Err(format!("field label not supported: {label}")),
    }
}

/// `fieldpath.SplitMaybeSubscriptedPath`: `metadata.labels['key']` → (`metadata.labels`, `key`).
fn split_maybe_subscripted_path(field_path: &str) -> Option<(&str, &str)> {
    let inner = field_path.strip_suffix("']")?;
    let (base, subscript) = inner.split_once("['")?;
    (!base.is_empty()).then_some((base, subscript))
}

/// `validContainerResourceFieldPathExpressions`, sorted as `sets.List` prints it.
const RESOURCE_FIELD_PATHS: [&str; 6] =
    ["limits.cpu", "limits.ephemeral-storage", "limits.memory", "requests.cpu", "requests.ephemeral-storage", "requests.memory"];

/// `validContainerResourceFieldPathPrefixesWithDownwardAPIHugePages`.
const HUGEPAGES_PREFIXES: [&str; 2] = ["requests.hugepages-", "limits.hugepages-"];

/// `validateContainerResourceFieldSelector` for env vars (`volume` false, so `containerName`
/// is optional), then `validateContainerResourceDivisor`, which runs even after an error.
fn validate_container_resource_field_selector(fs: &ResourceFieldSelector, path: &Path, errs: &mut Errs) {
    let resource = fs.resource.as_str();
    if resource.is_empty() {
        push(errs, "R-20", ErrorType::Required, &path.child("resource"), BadValue::Omit, "");
    } else if !RESOURCE_FIELD_PATHS.contains(&resource) && !HUGEPAGES_PREFIXES.iter().any(|p| resource.starts_with(p)) {
        push(
            errs,
            "R-20",
            ErrorType::NotSupported,
            &path.child("resource"),
            BadValue::str(resource),
            &supported_values(&RESOURCE_FIELD_PATHS),
        );
    }
    validate_container_resource_divisor(resource, fs.divisor.as_ref().map(|q| q.0.as_str()), path, errs);
}

/// `validateContainerResourceDivisor`: compares the divisor *as Go prints it* (`Quantity.String()`,
/// see `quantity::Quantity`) with the allowed spellings. The error's value is the resource name.
/// A divisor that does not parse is left alone: the server rejects it while decoding.
fn validate_container_resource_divisor(resource: &str, divisor: Option<&str>, path: &Path, errs: &mut Errs) {
    const CPU: [&str; 2] = ["1m", "1"];
    const BYTES: [&str; 13] = ["1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei"];
    const BYTES_TEXT: &str = "1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei";
    // `Cmp(Quantity{}) == 0` counts as unset; a divisor that does not parse is the decoder's.
    let Some(divisor) = divisor.and_then(crate::quantity::parse_quantity).filter(|q| !q.is_zero()).map(|q| q.to_string()) else {
        return;
    };
    let divisor = divisor.as_str();
    let div_path = path.child("divisor");
    let mut invalid = |msg: &str| push(errs, "R-20", ErrorType::Invalid, &div_path, BadValue::str(resource), msg);
    match resource {
        "limits.cpu" | "requests.cpu" if !CPU.contains(&divisor) => {
            invalid("only divisor's values 1m and 1 are supported with the cpu resource")
        }
        "limits.memory" | "requests.memory" if !BYTES.contains(&divisor) => {
            invalid(&format!("only divisor's values {BYTES_TEXT} are supported with the memory resource"));
        }
        "limits.ephemeral-storage" | "requests.ephemeral-storage" if !BYTES.contains(&divisor) => {
            invalid(&format!("only divisor's values {BYTES_TEXT} are supported with the local ephemeral storage resource"));
        }
        _ => {}
    }
    if HUGEPAGES_PREFIXES.iter().any(|p| resource.starts_with(p)) && !BYTES.contains(&divisor) {
        invalid(&format!("only divisor's values {BYTES_TEXT} are supported with the hugepages resource"));
    }
}

/// `validateConfigMapKeySelector` and `validateSecretKeySelector`, which are the same.
/// The name is checked as a DNS-1123 subdomain even when it is empty, so an empty name gets an
/// Invalid with the value `""`, not a Required.
fn validate_key_selector(name: &str, key: &str, path: &Path, errs: &mut Errs) {
    let name_path = path.child("name");
    for msg in names::dns1123_subdomain_errors(name.as_bytes(), Unit::Characters) {
        push(errs, "R-20", ErrorType::Invalid, &name_path, BadValue::str(name), &msg);
    }
    let key_path = path.child("key");
    if key.is_empty() {
        push(errs, "R-20", ErrorType::Required, &key_path, BadValue::Omit, "");
    } else {
        for msg in config_map_key_errors(key) {
            push(errs, "R-20", ErrorType::Invalid, &key_path, BadValue::str(key), &msg);
        }
    }
}

/// `validateFileKeySelector` (R-20, `EnvFiles`): `key` a relaxed env var name, `volumeName` a
/// DNS-1123 label, `path` without `..` elements (absolute paths are allowed here). Whether the
/// volume exists is a pod-level check, not part of this one.
fn validate_file_key_selector(sel: &FileKeySelector, path: &Path, minor: u32, errs: &mut Errs) {
    let key_path = path.child("key");
    if sel.key.is_empty() {
        push(errs, "R-20", ErrorType::Required, &key_path, BadValue::Omit, "");
    } else {
        for msg in relaxed_env_var_name_errors(&sel.key) {
            push(errs, "R-20", ErrorType::Invalid, &key_path, BadValue::str(&sel.key), &msg);
        }
    }
    let vol_path = path.child("volumeName");
    if sel.volume_name.is_empty() {
        push(errs, "R-20", ErrorType::Required, &vol_path, BadValue::Omit, "");
    } else {
        for msg in names::dns1123_label_errors(&sel.volume_name, minor) {
            push(errs, "R-20", ErrorType::Invalid, &vol_path, BadValue::str(&sel.volume_name), &msg);
        }
    }
    let file_path = path.child("path");
    if sel.path.is_empty() {
        push(errs, "R-20", ErrorType::Required, &file_path, BadValue::Omit, "");
    } else if sel.path.split('/').any(|part| part == "..") {
        push(errs, "R-20", ErrorType::Invalid, &file_path, BadValue::str(&sel.path), "must not contain '..'");
    }
}

/// ValidateEnvFrom: an optional `prefix` that is a valid env var name, and exactly one
/// of `configMapRef`/`secretRef` with a valid name. The "one source" errors are reported at the
/// `envFrom` list path itself, without an index. `path` is the container's `envFrom` path.
pub fn validate_env_from(env_from: &[EnvFromSource], path: &Path, pod_opts: &PodOptions, errs: &mut Errs) {
    for (i, ev) in env_from.iter().enumerate() {
        let idx = path.index(i);
        let prefix = ev.prefix.as_deref().unwrap_or("");
        if !prefix.is_empty() {
            for msg in env_var_name_errors(prefix, pod_opts.relaxed_env_names) {
                push(errs, "R-21", ErrorType::Invalid, &idx.child("prefix"), BadValue::str(prefix), &msg);
            }
        }

        let mut sources = 0;
        if let Some(cm) = &ev.config_map_ref {
            sources += 1;
            validate_env_source_name(&cm.name, &idx.child("configMapRef").child("name"), errs);
        }
        if let Some(secret) = &ev.secret_ref {
            sources += 1;
            validate_env_source_name(&secret.name, &idx.child("secretRef").child("name"), errs);
        }
        if sources == 0 {
            push(errs, "R-21", ErrorType::Invalid, path, BadValue::str(""), "must specify one of: `configMapRef` or `secretRef`");
        } else if sources > 1 {
            push(errs, "R-21", ErrorType::Invalid, path, BadValue::str(""), "may not have more than one field specified at a time");
        }
    }
}

/// `validateConfigMapEnvSource` / `validateSecretEnvSource`: Required when empty, otherwise
/// `ValidateConfigMapName(name, true)` / `ValidateSecretName(name, true)` — a DNS-1123
/// subdomain checked as a generateName *prefix*, which first rewrites a trailing dash.
fn validate_env_source_name(name: &str, path: &Path, errs: &mut Errs) {
    if name.is_empty() {
        push(errs, "R-21", ErrorType::Required, path, BadValue::Omit, "");
        return;
    }
    for msg in names::name_is_dns_subdomain(name, true) {
        push(errs, "R-21", ErrorType::Invalid, path, BadValue::str(name), &msg);
    }
}

// ---------------------------------------------------------------------------------------------
// String checks from apimachinery, with their exact messages.

const ENV_VAR_NAME_FMT: &str = "[-._a-zA-Z][-._a-zA-Z0-9]*";
const ENV_VAR_NAME_MSG: &str =
    "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit";
const RELAXED_ENV_VAR_NAME_MSG: &str = "a valid environment variable name must consist only of printable ASCII characters other than '='";

/// The env var name check `ValidateEnv` and `ValidateEnvFrom` pick: `IsRelaxedEnvVarName` when
/// relaxed names are allowed, `IsEnvVarName` otherwise.
fn env_var_name_errors(value: &str, relaxed: bool) -> Vec<String> {
    if relaxed {
        relaxed_env_var_name_errors(value)
    } else {
        strict_env_var_name_errors(value)
    }
}

/// `IsEnvVarName`: `[-._a-zA-Z][-._a-zA-Z0-9]*`, and not `.`, `..` or `..…`.
pub(crate) fn strict_env_var_name_errors(value: &str) -> Vec<String> {
    let b = value.as_bytes();
    let body = |c: &u8| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_');
    let matches = !b.is_empty() && !b[0].is_ascii_digit() && b.iter().all(body);
    let mut out = Vec::new();
    if !matches {
        out.push(regex_error(ENV_VAR_NAME_MSG, ENV_VAR_NAME_FMT, &["my.env-name", "MY_ENV.NAME", "MyEnvName1"]));
    }
    out.extend(ch_dir_prefix_errors(value));
    out
}

/// `IsRelaxedEnvVarName`: printable ASCII (space included, as Go's `unicode.IsPrint` says)
/// other than `=`; one message however many bad characters.
pub(crate) fn relaxed_env_var_name_errors(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    if value.is_empty() {
        out.push("environment variable name must be non-empty".to_owned());
    }
    if value.chars().any(|c| !(' '..='~').contains(&c) || c == '=') {
        out.push(RELAXED_ENV_VAR_NAME_MSG.to_owned());
    }
    out
}

/// apimachinery `hasChDirPrefix`.
fn ch_dir_prefix_errors(value: &str) -> Option<String> {
    match value {
        "." => Some("must not be '.'".to_owned()),
        ".." => Some("must not be '..'".to_owned()),
        v if v.starts_with("..") => Some("must not start with '..'".to_owned()),
        _ => None,
    }
}

/// `IsConfigMapKey`: at most 253 bytes of `[-._a-zA-Z0-9]`, and not `.`, `..` or `..…`.
fn config_map_key_errors(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    if value.len() > 253 {
        out.push("must be no more than 253 characters".to_owned());
    }
    let b = value.as_bytes();
    if b.is_empty() || !b.iter().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_')) {
        out.push(regex_error(
            "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
            "[-._a-zA-Z0-9]+",
            &["key.name", "KEY_NAME", "key-name"],
        ));
    }
    out.extend(ch_dir_prefix_errors(value));
    out
}

#[cfg(test)]
mod tests {
    use k8s_openapi::api::core::v1::{ConfigMapEnvSource, ConfigMapKeySelector, EnvVarSource, SecretEnvSource, SecretKeySelector};
    use k8s_openapi::apimachinery::pkg::api::resource::Quantity;

    use super::*;

    type Row = (ErrorType, String, String, &'static str);

    fn env_path() -> Path {
        Path::root("spec").child("ephemeralContainers").index(0).child("env")
    }

    fn env_from_path() -> Path {
        Path::root("spec").child("ephemeralContainers").index(0).child("envFrom")
    }

    fn rows(errs: Errs) -> Vec<Row> {
        errs.into_iter().map(|d| (d.error_type, d.field, d.message, d.code)).collect()
    }

    fn e(t: ErrorType, field: &str, message: &str, code: &'static str) -> Row {
        (t, field.to_owned(), message.to_owned(), code)
    }

    fn strict() -> PodOptions {
        PodOptions { relaxed_env_names: false, env_files: true }
    }

    fn relaxed() -> PodOptions {
        PodOptions { relaxed_env_names: true, env_files: true }
    }

    fn env(vars: &[EnvVar], opts: &PodOptions) -> Vec<Row> {
        let mut errs = Errs::new();
        validate_env(vars, &env_path(), opts, crate::versions::LATEST_KUBE_MINOR, &mut errs);
        rows(errs)
    }

    fn env_from(sources: &[EnvFromSource], opts: &PodOptions) -> Vec<Row> {
        let mut errs = Errs::new();
        validate_env_from(sources, &env_from_path(), opts, &mut errs);
        rows(errs)
    }

    fn var(name: &str) -> EnvVar {
        EnvVar { name: name.into(), ..Default::default() }
    }

    fn from(name: &str, src: EnvVarSource) -> EnvVar {
        EnvVar { name: name.into(), value_from: Some(src), ..Default::default() }
    }

    fn field_ref(field_path: &str) -> EnvVarSource {
        EnvVarSource { field_ref: Some(ObjectFieldSelector { field_path: field_path.into(), api_version: None }), ..Default::default() }
    }

    fn resource_ref(resource: &str, divisor: Option<&str>) -> EnvVarSource {
        EnvVarSource {
            resource_field_ref: Some(ResourceFieldSelector {
                resource: resource.into(),
                divisor: divisor.map(|d| Quantity(d.into())),
                container_name: None,
            }),
            ..Default::default()
        }
    }

    fn cm_key(name: &str, key: &str) -> EnvVarSource {
        EnvVarSource {
            config_map_key_ref: Some(ConfigMapKeySelector { name: name.into(), key: key.into(), optional: None }),
            ..Default::default()
        }
    }

    fn secret_key(name: &str, key: &str) -> EnvVarSource {
        EnvVarSource {
            secret_key_ref: Some(SecretKeySelector { name: name.into(), key: key.into(), optional: None }),
            ..Default::default()
        }
    }

    const STRICT_MSG: &str = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";
    const SUBDOMAIN_MSG: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    const KEY_MSG: &str = "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

    #[test]
    fn valid_env_passes() {
        let vars = [
            EnvVar { name: "PLAIN".into(), value: Some("x".into()), ..Default::default() },
            from("POD", field_ref("metadata.name")),
            from(
                "HOST",
                EnvVarSource {
                    field_ref: Some(ObjectFieldSelector { field_path: "spec.host".into(), api_version: Some("v1".into()) }),
                    ..Default::default()
                },
            ),
            from("APP", field_ref("metadata.labels['app.kubernetes.io/name']")),
            from("CPU", resource_ref("limits.cpu", Some("1000m"))),
            from("MEM", resource_ref("requests.memory", Some("1Mi"))),
            from("HP", resource_ref("limits.hugepages-2Mi", Some("1Gi"))),
            from("CM", cm_key("my-config", "key.name")),
            from("SECRET", secret_key("my-secret", "KEY_NAME")),
        ];
        assert_eq!(env(&vars, &strict()), vec![]);
    }

    #[test]
    fn empty_name_is_required() {
        assert_eq!(
            env(&[var("")], &strict()),
            vec![e(ErrorType::Required, "spec.ephemeralContainers[0].env[0].name", "Required value", "R-19")]
        );
    }

    #[test]
    fn strict_names_use_is_env_var_name() {
        assert_eq!(
            env(&[var("1BAD"), var("."), var("..x"), var("MY VAR")], &strict()),
            vec![
                e(ErrorType::Invalid, "spec.ephemeralContainers[0].env[0].name", &format!("Invalid value: \"1BAD\": {STRICT_MSG}"), "R-19"),
                e(ErrorType::Invalid, "spec.ephemeralContainers[0].env[1].name", "Invalid value: \".\": must not be '.'", "R-19"),
                e(
                    ErrorType::Invalid,
                    "spec.ephemeralContainers[0].env[2].name",
                    "Invalid value: \"..x\": must not start with '..'",
                    "R-19"
                ),
                e(
                    ErrorType::Invalid,
                    "spec.ephemeralContainers[0].env[3].name",
                    &format!("Invalid value: \"MY VAR\": {STRICT_MSG}"),
                    "R-19"
                ),
            ]
        );
    }

    #[test]
    fn relaxed_names_use_is_relaxed_env_var_name() {
        let msg = "a valid environment variable name must consist only of printable ASCII characters other than '='";
        assert_eq!(
            env(&[var("1 is fine"), var(".."), var("A=B"), var("caf\u{e9}"), var("tab\there")], &relaxed()),
            vec![
                e(ErrorType::Invalid, "spec.ephemeralContainers[0].env[2].name", &format!("Invalid value: \"A=B\": {msg}"), "R-19"),
                e(ErrorType::Invalid, "spec.ephemeralContainers[0].env[3].name", &format!("Invalid value: \"caf\u{e9}\": {msg}"), "R-19"),
                e(ErrorType::Invalid, "spec.ephemeralContainers[0].env[4].name", &format!("Invalid value: \"tab\\there\": {msg}"), "R-19"),
            ]
        );
    }

    #[test]
    fn value_from_with_value() {
        let ev = EnvVar { value: Some("x".into()), ..from("A", field_ref("metadata.name")) };
        assert_eq!(
            env(&[ev], &strict()),
            vec![e(
                ErrorType::Invalid,
                "spec.ephemeralContainers[0].env[0].valueFrom",
                "Invalid value: \"\": may not be specified when `value` is not empty",
                "R-20"
            )]
        );
    }

    #[test]
    fn value_from_without_a_source() {
        assert_eq!(
            env(&[from("A", EnvVarSource::default())], &strict()),
            vec![e(
                ErrorType::Invalid,
                "spec.ephemeralContainers[0].env[0].valueFrom",
                "Invalid value: \"\": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef`, `secretKeyRef` or `fileKeyRef`",
                "R-20"
            )]
        );
        // Before EnvFiles (≤ 1.34 by default) the message names four sources; the server has
        // dropped the fileKeyRef (`prepare`), leaving the valueFrom empty.
        let mut errs = Errs::new();
        let file = EnvVarSource::default();
        validate_env(&[from("A", file)], &env_path(), &PodOptions { relaxed_env_names: false, env_files: false }, 34, &mut errs);
        assert_eq!(
            rows(errs),
            vec![e(
                ErrorType::Invalid,
                "spec.ephemeralContainers[0].env[0].valueFrom",
                "Invalid value: \"\": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`",
                "R-20"
            )]
        );
    }

    #[test]
    fn value_from_with_two_sources_reports_nested_errors_first() {
        let src = EnvVarSource { secret_key_ref: secret_key("", "k").secret_key_ref, ..field_ref("metadata.name") };
        assert_eq!(
            env(&[from("A", src)], &strict()),
            vec![
                e(
                    ErrorType::Invalid,
                    "spec.ephemeralContainers[0].env[0].valueFrom.secretKeyRef.name",
                    &format!("Invalid value: \"\": {SUBDOMAIN_MSG}"),
                    "R-20"
                ),
                e(
                    ErrorType::Invalid,
                    "spec.ephemeralContainers[0].env[0].valueFrom",
                    "Invalid value: \"\": may not have more than one field specified at a time",
                    "R-20"
                ),
            ]
        );
    }

    #[test]
    fn field_ref_checks() {
        let bad_version = EnvVarSource {
            field_ref: Some(ObjectFieldSelector { field_path: "metadata.name".into(), api_version: Some("v2".into()) }),
            ..Default::default()
        };
        let got = env(
            &[
                from("A", field_ref("")),
                from("B", field_ref("status.phase")),
                from("C", field_ref("spec.nothing")),
                from("D", bad_version),
                from("E", field_ref("spec.nodeName['x']")),
                from("F", field_ref("metadata.labels['bad key']")),
                from("G", field_ref("metadata.annotations['Example.COM/Key']")),
            ],
            &strict(),
        );
        let fr = |i: usize| format!("spec.ephemeralContainers[0].env[{i}].valueFrom.fieldRef");
        assert_eq!(
            got,
            vec![
                e(ErrorType::Required, &format!("{}.fieldPath", fr(0)), "Required value", "R-20"),
                e(
                    ErrorType::NotSupported,
                    &format!("{}.fieldPath", fr(1)),
                    "Unsupported value: \"status.phase\": supported values: \"metadata.name\", \"metadata.namespace\", \"metadata.uid\", \"spec.nodeName\", \"spec.serviceAccountName\", \"status.hostIP\", \"status.hostIPs\", \"status.podIP\", \"status.podIPs\"",
                    "R-20"
                ),
                e(
                    ErrorType::Invalid,
                    &format!("{}.fieldPath", fr(2)),
                    "Invalid value: \"spec.nothing\": error converting fieldPath: field label not supported: spec.nothing",
                    "R-20"
                ),
                e(
                    ErrorType::Invalid,
                    &format!("{}.fieldPath", fr(3)),
                    "Invalid value: \"metadata.name\": error converting fieldPath: unsupported pod version: v2",
                    "R-20"
                ),
                e(
                    ErrorType::Invalid,
                    &format!("{}.fieldPath", fr(4)),
                    "Invalid value: \"spec.nodeName['x']\": error converting fieldPath: field label does not support subscript: spec.nodeName['x']",
                    "R-20"
                ),
                e(
                    ErrorType::Invalid,
                    &fr(5),
                    "Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
                    "R-20"
                ),
            ]
        );
    }

    #[test]
    fn resource_field_ref_checks() {
        let got = env(
            &[
                from("A", resource_ref("", None)),
                from("B", resource_ref("limits.gpu", None)),
                from("C", resource_ref("limits.cpu", Some("1Mi"))),
                from("D", resource_ref("requests.memory", Some("1024"))),
                from("E", resource_ref("limits.ephemeral-storage", Some("01"))),
                from("F", resource_ref("requests.hugepages-1Gi", Some("1m"))),
                from("G", resource_ref("limits.cpu", Some("0"))),
                from("H", resource_ref("limits.cpu", Some("0.001"))),
            ],
            &strict(),
        );
        let rf = |i: usize| format!("spec.ephemeralContainers[0].env[{i}].valueFrom.resourceFieldRef");
        let bytes = "1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei";
        assert_eq!(
            got,
            vec![
                e(ErrorType::Required, &format!("{}.resource", rf(0)), "Required value", "R-20"),
                e(
                    ErrorType::NotSupported,
                    &format!("{}.resource", rf(1)),
                    "Unsupported value: \"limits.gpu\": supported values: \"limits.cpu\", \"limits.ephemeral-storage\", \"limits.memory\", \"requests.cpu\", \"requests.ephemeral-storage\", \"requests.memory\"",
                    "R-20"
                ),
                e(
                    ErrorType::Invalid,
                    &format!("{}.divisor", rf(2)),
                    "Invalid value: \"limits.cpu\": only divisor's values 1m and 1 are supported with the cpu resource",
                    "R-20"
                ),
                e(
                    ErrorType::Invalid,
                    &format!("{}.divisor", rf(3)),
                    &format!("Invalid value: \"requests.memory\": only divisor's values {bytes} are supported with the memory resource"),
                    "R-20"
                ),
                e(
                    ErrorType::Invalid,
                    &format!("{}.divisor", rf(4)),
                    &format!("Invalid value: \"limits.ephemeral-storage\": only divisor's values {bytes} are supported with the local ephemeral storage resource"),
                    "R-20"
                ),
                e(
                    ErrorType::Invalid,
                    &format!("{}.divisor", rf(5)),
                    &format!("Invalid value: \"requests.hugepages-1Gi\": only divisor's values {bytes} are supported with the hugepages resource"),
                    "R-20"
                ),
            ]
        );
    }

    #[test]
    fn key_selector_checks() {
        let got =
            env(&[from("A", cm_key("Bad_Name", "")), from("B", secret_key("ok", "bad key")), from("C", cm_key("ok", ".."))], &strict());
        assert_eq!(
            got,
            vec![
                e(
                    ErrorType::Invalid,
                    "spec.ephemeralContainers[0].env[0].valueFrom.configMapKeyRef.name",
                    &format!("Invalid value: \"Bad_Name\": {SUBDOMAIN_MSG}"),
                    "R-20"
                ),
                e(ErrorType::Required, "spec.ephemeralContainers[0].env[0].valueFrom.configMapKeyRef.key", "Required value", "R-20"),
                e(
                    ErrorType::Invalid,
                    "spec.ephemeralContainers[0].env[1].valueFrom.secretKeyRef.key",
                    &format!("Invalid value: \"bad key\": {KEY_MSG}"),
                    "R-20"
                ),
                e(
                    ErrorType::Invalid,
                    "spec.ephemeralContainers[0].env[2].valueFrom.configMapKeyRef.key",
                    "Invalid value: \"..\": must not be '..'",
                    "R-20"
                ),
            ]
        );
        assert_eq!(config_map_key_errors(&"a".repeat(254)), vec!["must be no more than 253 characters"]);
    }

    #[test]
    fn file_key_ref_checks() {
        let file = |key: &str, volume_name: &str, path: &str| EnvVarSource {
            file_key_ref: Some(FileKeySelector { key: key.into(), volume_name: volume_name.into(), path: path.into(), optional: None }),
            ..Default::default()
        };
        let got = env(
            &[from("A", file("", "", "")), from("B", file("K=V", "Vol.1", "a/../b")), from("C", file("KEY", "config", "/abs/env"))],
            &strict(),
        );
        let fk = |i: usize| format!("spec.ephemeralContainers[0].env[{i}].valueFrom.fileKeyRef");
        assert_eq!(
            got,
            vec![
                e(ErrorType::Required, &format!("{}.key", fk(0)), "Required value", "R-20"),
                e(ErrorType::Required, &format!("{}.volumeName", fk(0)), "Required value", "R-20"),
                e(ErrorType::Required, &format!("{}.path", fk(0)), "Required value", "R-20"),
                e(
                    ErrorType::Invalid,
                    &format!("{}.key", fk(1)),
                    "Invalid value: \"K=V\": a valid environment variable name must consist only of printable ASCII characters other than '='",
                    "R-20"
                ),
                e(
                    ErrorType::Invalid,
                    &format!("{}.volumeName", fk(1)),
                    "Invalid value: \"Vol.1\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
                    "R-20"
                ),
                e(ErrorType::Invalid, &format!("{}.path", fk(1)), "Invalid value: \"a/../b\": must not contain '..'", "R-20"),
            ]
        );
    }

    fn cm_ref(name: &str) -> Option<ConfigMapEnvSource> {
        Some(ConfigMapEnvSource { name: name.into(), optional: None })
    }

    fn secret_ref(name: &str) -> Option<SecretEnvSource> {
        Some(SecretEnvSource { name: name.into(), optional: None })
    }

    #[test]
    fn env_from_needs_exactly_one_source_at_the_list_path() {
        let got = env_from(
            &[EnvFromSource::default(), EnvFromSource { config_map_ref: cm_ref("a"), secret_ref: secret_ref("b"), prefix: None }],
            &strict(),
        );
        assert_eq!(
            got,
            vec![
                e(
                    ErrorType::Invalid,
                    "spec.ephemeralContainers[0].envFrom",
                    "Invalid value: \"\": must specify one of: `configMapRef` or `secretRef`",
                    "R-21"
                ),
                e(
                    ErrorType::Invalid,
                    "spec.ephemeralContainers[0].envFrom",
                    "Invalid value: \"\": may not have more than one field specified at a time",
                    "R-21"
                ),
            ]
        );
    }

    #[test]
    fn env_from_prefix_and_names() {
        let sources = [
            EnvFromSource { prefix: Some("1_".into()), config_map_ref: cm_ref("ok"), secret_ref: None },
            EnvFromSource { prefix: Some("A=".into()), config_map_ref: cm_ref(""), secret_ref: None },
            EnvFromSource { prefix: None, config_map_ref: None, secret_ref: secret_ref("Bad") },
            // The trailing dash is masked: "my-config-" is checked as "my-confia".
            EnvFromSource { prefix: Some("".into()), config_map_ref: cm_ref("my-config-"), secret_ref: None },
        ];
        assert_eq!(
            env_from(&sources, &strict()),
            vec![
                e(
                    ErrorType::Invalid,
                    "spec.ephemeralContainers[0].envFrom[0].prefix",
                    &format!("Invalid value: \"1_\": {STRICT_MSG}"),
                    "R-21"
                ),
                e(
                    ErrorType::Invalid,
                    "spec.ephemeralContainers[0].envFrom[1].prefix",
                    &format!("Invalid value: \"A=\": {STRICT_MSG}"),
                    "R-21"
                ),
                e(ErrorType::Required, "spec.ephemeralContainers[0].envFrom[1].configMapRef.name", "Required value", "R-21"),
                e(
                    ErrorType::Invalid,
                    "spec.ephemeralContainers[0].envFrom[2].secretRef.name",
                    &format!("Invalid value: \"Bad\": {SUBDOMAIN_MSG}"),
                    "R-21"
                ),
            ]
        );
        // Relaxed: only `=` and non-printable characters are bad.
        let got = env_from(&sources, &relaxed());
        assert_eq!(got.len(), 3);
        assert_eq!(
            got[0],
            e(
                ErrorType::Invalid,
                "spec.ephemeralContainers[0].envFrom[1].prefix",
                "Invalid value: \"A=\": a valid environment variable name must consist only of printable ASCII characters other than '='",
                "R-21"
            )
        );
    }

    #[test]
    fn regex_error_has_go_spacing() {
        assert_eq!(regex_error("m", "f", &[]), "m (regex used for validation is 'f')");
        assert_eq!(regex_error("m", "f", &["a", "b"]), "m (e.g. 'a',  or 'b', regex used for validation is 'f')");
    }

    #[test]
    fn divisors_are_compared_as_go_prints_them() {
        for (resource, divisor, ok) in [
            ("limits.cpu", "1000m", true),
            ("limits.cpu", "1m", true),
            ("limits.cpu", "2", false),
            ("limits.memory", "1024Ki", true),
            ("limits.memory", "1Mi", true),
            ("limits.memory", "1.5Gi", false),
            ("limits.memory", "0", true),
        ] {
            let mut errs = Errs::new();
            validate_container_resource_divisor(resource, Some(divisor), &Path::root("x"), &mut errs);
            assert_eq!(errs.is_empty(), ok, "{resource} {divisor}: {errs:?}");
        }
    }
}
