//! Server-side defaulting that runs before validation: the stored pod was defaulted
//! when it was created, and every container of a request is defaulted when the subresource
//! request is decoded, before the "may not be changed" comparison with the stored ones.
//! Mirrors kubernetes/kubernetes `pkg/apis/core/v1/zz_generated.defaults.go`
//! (`SetObjectDefaults_Pod`, every path below a container) and `defaults.go`
//! (`SetDefaults_Container`, `SetDefaults_EphemeralContainer`, `SetDefaults_ObjectFieldSelector`,
//! `SetDefaults_Probe`, `SetDefaults_HTTPGetAction`, and the parts of `SetDefaults_PodSpec` the
//! validator reads). The container defaulters are the same in every modelled release (1.25 …
//! 1.37), but for `fileKeyRef.optional`, whose field only exists from 1.34.

use k8s_openapi::api::core::v1::{Container, ContainerPort, EnvVar, EphemeralContainer, HTTPGetAction, Lifecycle, Pod, Probe};

/// `imagePullPolicy` the server picks when none is given: `Always` when the tag is `latest`
/// (which includes "no tag and no digest"), otherwise `IfNotPresent` — also for a reference
/// that does not parse, as `parsers.ParseImageName` fails and the tag stays empty.
pub fn default_pull_policy(image: &str) -> &'static str {
    match image_tag(image) {
        Some("latest") => "Always",
        _ => "IfNotPresent",
    }
}

/// The tag of an image reference, `latest` when there is neither tag nor digest, `None`
/// when the reference does not parse (the docker reference grammar, lowercase repository).
pub fn image_tag(image: &str) -> Option<&str> {
    if image.is_empty() || image.len() > 255 + 128 + 80 {
        return None;
    }
    let (name, digest) = match image.split_once('@') {
        Some((n, d)) => (n, Some(d)),
        None => (image, None),
    };
    if let Some(d) = digest {
        let (alg, hex) = d.split_once(':')?;
        if alg.is_empty() || hex.len() < 32 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
    }
    let last_slash = name.rfind('/').map_or(0, |i| i + 1);
    let (repo, tag) = match name[last_slash..].rfind(':') {
        Some(i) => (&name[..last_slash + i], Some(&name[last_slash + i + 1..])),
        None => (name, None),
    };
    if let Some(t) = tag {
        let ok = !t.is_empty()
            && t.len() <= 128
            && t.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
            && t.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'));
        if !ok {
            return None;
        }
    }
    if !valid_repository(repo) {
        return None;
    }
    match (tag, digest) {
        (Some(t), _) => Some(t),
        (None, Some(_)) => Some(""),
        (None, None) => Some("latest"),
    }
}

fn valid_repository(repo: &str) -> bool {
    let mut parts = repo.split('/').peekable();
    let mut first = true;
    while let Some(part) = parts.next() {
        let is_domain = first && parts.peek().is_some() && (part.contains('.') || part.contains(':') || part == "localhost");
        first = false;
        if is_domain {
            let host = part.split(':').next().unwrap_or("");
            if host.is_empty() || !host.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-')) {
                return false;
            }
            continue;
        }
        // path component: [a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*
        if part.is_empty()
            || !part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-'))
            || !part.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
            || !part.bytes().last().is_some_and(|b| b.is_ascii_alphanumeric())
        {
            return false;
        }
    }
    true
}

fn set_if_empty(field: &mut Option<String>, value: &str) {
    if field.as_deref().unwrap_or("").is_empty() {
        *field = Some(value.to_owned());
    }
}

/// A container's fields that a defaulter of `SetObjectDefaults_Pod` touches, borrowed from a
/// `Container` or an `EphemeralContainer` (the same fields in Go, two types here): one body
/// defaults both.
struct Parts<'a> {
    image: Option<&'a str>,
    image_pull_policy: &'a mut Option<String>,
    termination_message_path: &'a mut Option<String>,
    termination_message_policy: &'a mut Option<String>,
    ports: &'a mut Option<Vec<ContainerPort>>,
    env: &'a mut Option<Vec<EnvVar>>,
    probes: [&'a mut Option<Probe>; 3],
    lifecycle: &'a mut Option<Lifecycle>,
}

/// What `SetObjectDefaults_Pod` (kubernetes/kubernetes `pkg/apis/core/v1/zz_generated.defaults.go`)
/// does to one container, in its order: `SetDefaults_Container` (pull policy, termination message
/// path and policy; `defaults.go`), `ports[].protocol` = `TCP` (`+default="TCP"`),
/// `env[].valueFrom.fieldRef.apiVersion` = `v1` (`SetDefaults_ObjectFieldSelector`),
/// `env[].valueFrom.fileKeyRef.optional` = `false` (`+default=false`, k8s.io/api 1.34 on), each
/// probe's timeout 1, period 10, success 1 and failure threshold 3 (`SetDefaults_Probe`), its
/// `httpGet` path `/` and scheme `HTTP` (`SetDefaults_HTTPGetAction`) and its `grpc.service` `""`
/// (`+default=""`), and the `httpGet` of both lifecycle handlers.
///
/// Not done: `SetDefaults_ResourceList`, which rounds requests and limits up to milli-units — the
/// resource checks apply the rounding themselves (`validate::resources`), and no ephemeral
/// container may keep resources, so a stored one has none to compare.
fn container_parts(p: Parts<'_>) {
    if p.image_pull_policy.as_deref().unwrap_or("").is_empty() {
        *p.image_pull_policy = Some(default_pull_policy(p.image.unwrap_or("")).to_owned());
    }
    set_if_empty(p.termination_message_path, "/dev/termination-log");
    set_if_empty(p.termination_message_policy, "File");
    for port in p.ports.iter_mut().flatten() {
        set_if_empty(&mut port.protocol, "TCP");
    }
    for source in p.env.iter_mut().flatten().filter_map(|e| e.value_from.as_mut()) {
        if let Some(field_ref) = &mut source.field_ref {
            set_if_empty(&mut field_ref.api_version, "v1");
        }
        if let Some(file_key_ref) = &mut source.file_key_ref {
            file_key_ref.optional.get_or_insert(false);
        }
    }
    for probe in p.probes.into_iter().filter_map(Option::as_mut) {
        for (value, default) in [
            (&mut probe.timeout_seconds, 1),
            (&mut probe.period_seconds, 10),
            (&mut probe.success_threshold, 1),
            (&mut probe.failure_threshold, 3),
        ] {
            if value.unwrap_or(0) == 0 {
                *value = Some(default);
            }
        }
        http_get(probe.http_get.as_mut());
        if let Some(grpc) = &mut probe.grpc {
            grpc.service.get_or_insert_with(String::new);
        }
    }
    if let Some(lifecycle) = p.lifecycle.as_mut() {
        for handler in [&mut lifecycle.post_start, &mut lifecycle.pre_stop].into_iter().flatten() {
            http_get(handler.http_get.as_mut());
        }
    }
}

/// `SetDefaults_HTTPGetAction`.
fn http_get(action: Option<&mut HTTPGetAction>) {
    if let Some(action) = action {
        set_if_empty(&mut action.path, "/");
        set_if_empty(&mut action.scheme, "HTTP");
    }
}

/// `SetObjectDefaults_Pod` for one container of `spec.containers` or `spec.initContainers`.
pub fn container(c: &mut Container) {
    container_parts(Parts {
        image: c.image.as_deref(),
        image_pull_policy: &mut c.image_pull_policy,
        termination_message_path: &mut c.termination_message_path,
        termination_message_policy: &mut c.termination_message_policy,
        ports: &mut c.ports,
        env: &mut c.env,
        probes: [&mut c.liveness_probe, &mut c.readiness_probe, &mut c.startup_probe],
        lifecycle: &mut c.lifecycle,
    });
}

/// `SetObjectDefaults_Pod` for one ephemeral container (`SetDefaults_EphemeralContainer` is
/// `SetDefaults_Container`; the generated paths are the same): what a request's containers go
/// through when the server decodes it, before anything is compared with the stored ones.
pub fn ephemeral_container(c: &mut EphemeralContainer) {
    container_parts(Parts {
        image: c.image.as_deref(),
        image_pull_policy: &mut c.image_pull_policy,
        termination_message_path: &mut c.termination_message_path,
        termination_message_policy: &mut c.termination_message_policy,
        ports: &mut c.ports,
        env: &mut c.env,
        probes: [&mut c.liveness_probe, &mut c.readiness_probe, &mut c.startup_probe],
        lifecycle: &mut c.lifecycle,
    });
}

/// The defaults of a stored pod that validation depends on. A pod printed by
/// `kubectl get` already has them; a hand-written one gets them here, as it would have
/// when it was created.
pub fn pod(p: &mut Pod) {
    // A stored pod always has a namespace; a pasted one without is in the client's
    // current namespace, `default` unless told otherwise.
    set_if_empty(&mut p.metadata.namespace, "default");
    let Some(spec) = p.spec.as_mut() else { return };
    set_if_empty(&mut spec.restart_policy, "Always");
    set_if_empty(&mut spec.dns_policy, "ClusterFirst");
    set_if_empty(&mut spec.scheduler_name, "default-scheduler");
    if spec.termination_grace_period_seconds.is_none() {
        spec.termination_grace_period_seconds = Some(30);
    }
    if spec.security_context.is_none() {
        spec.security_context = Some(Default::default());
    }
    for c in spec.containers.iter_mut().chain(spec.init_containers.iter_mut().flatten()) {
        container(c);
    }
    for c in spec.ephemeral_containers.iter_mut().flatten() {
        ephemeral_container(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pull_policy_follows_the_tag() {
        assert_eq!(default_pull_policy("busybox"), "Always");
        assert_eq!(default_pull_policy("busybox:latest"), "Always");
        assert_eq!(default_pull_policy("busybox:1.36"), "IfNotPresent");
        assert_eq!(default_pull_policy("registry.k8s.io:5000/pause:3.9"), "IfNotPresent");
        assert_eq!(default_pull_policy("localhost:5000/tools"), "Always");
        assert_eq!(default_pull_policy("busybox@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"), "IfNotPresent");
        assert_eq!(default_pull_policy("Busybox"), "IfNotPresent", "uppercase does not parse");
        assert_eq!(default_pull_policy(""), "IfNotPresent");
        assert_eq!(default_pull_policy("Not A/Valid Reference!!"), "IfNotPresent");
    }

    #[test]
    fn containers_get_server_defaults() {
        let mut c = EphemeralContainer { name: "d".into(), image: Some("busybox:1.36".into()), ..Default::default() };
        ephemeral_container(&mut c);
        assert_eq!(c.image_pull_policy.as_deref(), Some("IfNotPresent"));
        assert_eq!(c.termination_message_path.as_deref(), Some("/dev/termination-log"));
        assert_eq!(c.termination_message_policy.as_deref(), Some("File"));
    }

    #[test]
    fn container_paths_get_their_defaults() {
        use k8s_openapi::api::core::v1::{EnvVarSource, FileKeySelector, ObjectFieldSelector};
        let env = |source| EnvVar { name: "A".into(), value_from: Some(source), ..Default::default() };
        let mut c = EphemeralContainer {
            name: "d".into(),
            env: Some(vec![
                env(EnvVarSource {
                    field_ref: Some(ObjectFieldSelector { field_path: "metadata.name".into(), api_version: None }),
                    ..Default::default()
                }),
                env(EnvVarSource { file_key_ref: Some(FileKeySelector { key: "K".into(), ..Default::default() }), ..Default::default() }),
            ]),
            liveness_probe: Some(Probe { http_get: Some(HTTPGetAction::default()), ..Default::default() }),
            ..Default::default()
        };
        ephemeral_container(&mut c);
        let env = c.env.as_deref().unwrap();
        assert_eq!(env[0].value_from.as_ref().and_then(|v| v.field_ref.as_ref()).and_then(|f| f.api_version.as_deref()), Some("v1"));
        assert_eq!(env[1].value_from.as_ref().and_then(|v| v.file_key_ref.as_ref()).and_then(|f| f.optional), Some(false));
        let probe = c.liveness_probe.as_ref().unwrap();
        assert_eq!(
            (probe.timeout_seconds, probe.period_seconds, probe.success_threshold, probe.failure_threshold),
            (Some(1), Some(10), Some(1), Some(3))
        );
        let http = probe.http_get.as_ref().unwrap();
        assert_eq!((http.path.as_deref(), http.scheme.as_deref()), (Some("/"), Some("HTTP")));
    }
}
