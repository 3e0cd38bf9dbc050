//! Server-side defaulting that runs before validation: the stored pod was defaulted
//! when it was created, and a new ephemeral container is defaulted when the subresource
//! request is decoded. Mirrors kubernetes/kubernetes `pkg/apis/core/v1/defaults.go`
//! (`SetDefaults_Container`, `SetDefaults_EphemeralContainer`, `SetDefaults_ContainerPort`,
//! and the parts of `SetDefaults_PodSpec` the validator reads).

use k8s_openapi::api::core::v1::{Container, ContainerPort, EphemeralContainer, Pod};

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

fn default_ports(ports: &mut Option<Vec<ContainerPort>>) {
    for port in ports.iter_mut().flatten() {
        set_if_empty(&mut port.protocol, "TCP");
    }
}

/// `SetDefaults_Container` (and `SetDefaults_ContainerPort` for its ports).
pub fn container(c: &mut Container) {
    if c.image_pull_policy.as_deref().unwrap_or("").is_empty() {
        c.image_pull_policy = Some(default_pull_policy(c.image.as_deref().unwrap_or("")).to_owned());
    }
    set_if_empty(&mut c.termination_message_path, "/dev/termination-log");
    set_if_empty(&mut c.termination_message_policy, "File");
    default_ports(&mut c.ports);
}

/// `SetDefaults_EphemeralContainer`: the same as a container.
pub fn ephemeral_container(c: &mut EphemeralContainer) {
    if c.image_pull_policy.as_deref().unwrap_or("").is_empty() {
        c.image_pull_policy = Some(default_pull_policy(c.image.as_deref().unwrap_or("")).to_owned());
    }
    set_if_empty(&mut c.termination_message_path, "/dev/termination-log");
    set_if_empty(&mut c.termination_message_policy, "File");
    default_ports(&mut c.ports);
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
}
