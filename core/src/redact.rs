//! Redaction of a pasted pod before it is shared: what a production pod carries that its
//! reader does not need to see the verdict (env values, Secret and ConfigMap names,
//! annotations, labels, managedFields, and the status but for what the hints read), with a
//! summary of what went.
//!
//! It works on the YAML tree, not on the decoded `Pod`, so that everything the checker
//! judges stays as it was: unknown fields and wrongly typed values keep producing the
//! same diagnostics. The annotations the server's validation reads stay (they can change
//! the verdict: a mirror pod refuses ephemeral containers), and so does what the hints read of
//! the status (`input::status_facts`: the phase, and each container's name, the kind of its
//! state and its user), so that the person who opens the link gets the same hints. Secret and ConfigMap names are
//! replaced by stable stand-ins (`secret-1`, `config-map-1`…), so that two references to
//! one Secret still name the same one. Comments go with the rest of the original text.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::export::yaml::to_yaml;
use crate::node;

/// The annotations that the server's validation of a pod reads: they stay.
const KEPT_ANNOTATIONS: [&str; 2] = ["kubernetes.io/config.mirror", "seccomp.security.alpha.kubernetes.io/pod"];
const KEPT_ANNOTATION_PREFIXES: [&str; 2] =
    ["container.seccomp.security.alpha.kubernetes.io/", "container.apparmor.security.beta.kubernetes.io/"];

/// What an env value becomes.
pub const REDACTED: &str = "<redacted>";

/// A redacted pod: its YAML and what was taken out.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Redacted {
    pub text: String,
    /// One line per kind of thing removed, e.g. "3 env values".
    pub removed: Vec<String>,
    /// What stayed on purpose, and why.
    pub kept: Vec<String>,
}

#[derive(Default)]
struct Counts {
    env_values: usize,
    annotations: usize,
    labels: usize,
    managed_fields: bool,
    /// The status had more than the hints read (its addresses, conditions, times, images…).
    status: bool,
    secrets: BTreeMap<String, String>,
    config_maps: BTreeMap<String, String>,
    kept: Vec<String>,
}

impl Counts {
    fn alias(&mut self, secret: bool, name: &str) -> String {
        let (map, prefix) = if secret { (&mut self.secrets, "secret") } else { (&mut self.config_maps, "config-map") };
        let next = map.len() + 1;
        map.entry(name.to_owned()).or_insert_with(|| format!("{prefix}-{next}")).clone()
    }
}

/// The pod in `text` (YAML or JSON, a pod or a `List` of them) redacted. Fails with the
/// parser's message when the text is not YAML at all.
pub fn redact(text: &str) -> Result<Redacted, String> {
    if text.trim().is_empty() {
        return Ok(Redacted::default());
    }
    let root = node::parse(text).map_err(|e| format!("line {}, column {}: {}", e.pos.line, e.pos.column, e.message))?;
    let mut value = root.to_json();
    let mut counts = Counts::default();
    match &mut value {
        Value::Object(o) if o.get("kind").and_then(Value::as_str) == Some("List") => {
            for item in o.get_mut("items").and_then(Value::as_array_mut).into_iter().flatten() {
                redact_object(item, &mut counts);
            }
            strip_metadata(o, &mut counts);
        }
        v => redact_object(v, &mut counts),
    }
    Ok(Redacted { text: to_yaml(&value), removed: summary(&counts), kept: std::mem::take(&mut counts.kept) })
}

fn summary(c: &Counts) -> Vec<String> {
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut out = Vec::new();
    if c.env_values > 0 {
        out.push(plural(c.env_values, "env value", "env values"));
    }
    if !c.secrets.is_empty() {
        out.push(plural(c.secrets.len(), "Secret name", "Secret names"));
    }
    if !c.config_maps.is_empty() {
        out.push(plural(c.config_maps.len(), "ConfigMap name", "ConfigMap names"));
    }
    if c.annotations > 0 {
        out.push(plural(c.annotations, "annotation", "annotations"));
    }
    if c.labels > 0 {
        out.push(plural(c.labels, "label", "labels"));
    }
    if c.managed_fields {
        out.push("managedFields".to_owned());
    }
    if c.status {
        out.push("status (but for the phase and each container's state and user, which the hints read)".to_owned());
    }
    out
}

fn redact_object(v: &mut Value, c: &mut Counts) {
    let Value::Object(pod) = v else { return };
    strip_metadata(pod, c);
    if let Some(status) = pod.remove("status") {
        let facts = status_facts(&status);
        c.status = facts.as_ref() != Some(&status);
        if let Some(facts) = facts {
            c.kept.push("the pod's phase and each container's state and user in status: the hints read them".to_owned());
            pod.insert("status".to_owned(), facts);
        }
    }
    if let Some(spec) = pod.get_mut("spec") {
        redact_spec(spec, c);
    }
}

/// What the hints read of a pod's status (`input::status_facts`), and nothing else: the
/// phase, and each container's name, the kind of its state (`running: {}`, without times,
/// reasons or messages) and its user. `None` when none of it is there.
fn status_facts(status: &Value) -> Option<Value> {
    let Value::Object(status) = status else { return None };
    let mut out = Map::new();
    if let Some(phase) = status.get("phase").filter(|p| p.is_string()) {
        out.insert("phase".to_owned(), phase.clone());
    }
    for key in ["initContainerStatuses", "containerStatuses", "ephemeralContainerStatuses"] {
        let Some(Value::Array(list)) = status.get(key) else { continue };
        let kept: Vec<Value> = list
            .iter()
            .filter_map(Value::as_object)
            .filter_map(|c| {
                let mut one = Map::new();
                one.insert("name".to_owned(), c.get("name").filter(|n| n.is_string())?.clone());
                if let Some(Value::Object(state)) = c.get("state") {
                    let kinds: Map<String, Value> = ["running", "terminated", "waiting"]
                        .into_iter()
                        .filter(|k| state.get(*k).is_some_and(Value::is_object))
                        .map(|k| (k.to_owned(), Value::Object(Map::new())))
                        .collect();
                    one.insert("state".to_owned(), Value::Object(kinds));
                }
                if let Some(Value::Object(user)) = c.get("user") {
                    if let Some(Value::Object(linux)) = user.get("linux") {
                        let ids: Map<String, Value> = ["uid", "gid"]
                            .into_iter()
                            .filter_map(|k| Some((k.to_owned(), linux.get(k).filter(|v| v.is_i64())?.clone())))
                            .collect();
                        one.insert("user".to_owned(), serde_json::json!({ "linux": ids }));
                    }
                }
                Some(Value::Object(one))
            })
            .collect();
        if !kept.is_empty() {
            out.insert(key.to_owned(), Value::Array(kept));
        }
    }
    (!out.is_empty()).then_some(Value::Object(out))
}

fn strip_metadata(obj: &mut Map<String, Value>, c: &mut Counts) {
    let Some(Value::Object(meta)) = obj.get_mut("metadata") else { return };
    if meta.remove("managedFields").is_some() {
        c.managed_fields = true;
    }
    if let Some(Value::Object(labels)) = meta.remove("labels") {
        c.labels += labels.len();
    }
    if let Some(Value::Object(annotations)) = meta.get_mut("annotations") {
        let before = annotations.len();
        annotations.retain(|k, _| {
            let keep = KEPT_ANNOTATIONS.contains(&k.as_str()) || KEPT_ANNOTATION_PREFIXES.iter().any(|p| k.starts_with(p));
            if keep {
                c.kept.push(format!("the annotation {k}: the server's validation reads it"));
            }
            keep
        });
        c.annotations += before - annotations.len();
        if annotations.is_empty() {
            meta.remove("annotations");
        }
    } else if meta.get("annotations").is_some() {
        // Not a map: the checker reports it; keep it as it is, it names nothing.
    }
}

/// Env values, and Secret and ConfigMap names wherever the spec references one.
fn redact_spec(v: &mut Value, c: &mut Counts) {
    match v {
        Value::Object(o) => {
            // The env list of a container: every `value` goes.
            if let Some(Value::Array(env)) = o.get_mut("env") {
                for var in env.iter_mut().filter_map(Value::as_object_mut) {
                    if let Some(value) = var.get_mut("value") {
                        if value.as_str().is_none_or(|s| !s.is_empty()) {
                            *value = Value::String(REDACTED.to_owned());
                            c.env_values += 1;
                        }
                    }
                }
            }
            for (k, child) in o.iter_mut() {
                match k.as_str() {
                    // A Secret volume names its Secret in `secretName`.
                    "secretName" => rename(child, true, c),
                    "secret" | "secretRef" | "secretKeyRef" | "imagePullSecrets" => name_of(child, true, c),
                    "configMap" | "configMapRef" | "configMapKeyRef" => name_of(child, false, c),
                    // nodePublishSecretRef, controllerExpandSecretRef… of CSI and other volumes.
                    k if k.ends_with("SecretRef") => name_of(child, true, c),
                    _ => {}
                }
                redact_spec(child, c);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| redact_spec(x, c)),
        _ => {}
    }
}

/// The `name` of a reference object (or of each in a list of them).
fn name_of(v: &mut Value, secret: bool, c: &mut Counts) {
    match v {
        Value::Object(o) => {
            if let Some(name) = o.get_mut("name") {
                rename(name, secret, c);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| name_of(x, secret, c)),
        _ => {}
    }
}

fn rename(v: &mut Value, secret: bool, c: &mut Counts) {
    if let Value::String(s) = v {
        if !s.is_empty() {
            *s = c.alias(secret, s);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POD: &str = r#"apiVersion: v1
kind: Pod
metadata:
  name: payments-7f9c
  namespace: prod
  labels: {app: payments, team: tango-secret-label}
  annotations:
    kubernetes.io/config.mirror: abc123
    deploy.example.com/owner: alice@example.com
  managedFields:
  - manager: kubectl-client-side-apply
spec:
  imagePullSecrets: [{name: regcred-prod}]
  containers:
  - name: app
    image: payments:1.2
    env:
    - {name: DB_PASSWORD, value: hunter2-do-not-share}
    - {name: EMPTY, value: ""}
    - name: TOKEN
      valueFrom: {secretKeyRef: {name: payments-db, key: token}}
    - name: MODE
      valueFrom: {configMapKeyRef: {name: payments-config, key: mode}}
    envFrom:
    - secretRef: {name: payments-db}
  volumes:
  - name: creds
    secret: {secretName: payments-db}
  - name: conf
    configMap: {name: payments-config}
  - name: csi
    csi: {driver: x, nodePublishSecretRef: {name: csi-creds}}
status:
  podIP: 10.1.2.3
  phase: Running
  containerStatuses:
  - name: app
    image: registry.example.com/payments:1.2
    imageID: registry.example.com/payments@sha256:0123
    containerID: containerd://secret-id-42
    state: {waiting: {reason: CrashLoopBackOff, message: "db password hunter3 rejected"}}
    user: {linux: {uid: 1000, gid: 3000, supplementalGroups: [4000]}}
"#;

    #[test]
    fn nothing_redacted_is_left_and_the_structure_stays() {
        let r = redact(POD).unwrap();
        for leak in [
            "hunter2-do-not-share",
            "payments-db",
            "payments-config",
            "regcred-prod",
            "csi-creds",
            "alice@example.com",
            "tango-secret-label",
            "10.1.2.3",
            "kubectl-client-side-apply",
            "hunter3",
            "CrashLoopBackOff",
            "secret-id-42",
            "sha256:0123",
        ] {
            assert!(!r.text.contains(leak), "{leak} leaked:\n{}", r.text);
        }
        // One Secret referenced three times is one stand-in.
        assert_eq!(r.text.matches("secret-1").count(), 3, "{}", r.text);
        assert!(r.text.contains("config-map-1") && r.text.contains("kubernetes.io/config.mirror"), "{}", r.text);
        assert_eq!(
            r.removed,
            [
                "1 env value",
                "3 Secret names",
                "1 ConfigMap name",
                "1 annotation",
                "2 labels",
                "managedFields",
                "status (but for the phase and each container's state and user, which the hints read)"
            ]
        );
        assert_eq!(r.kept.len(), 2);
        // What the hints read of the status stays, and only that.
        let back = crate::node::parse(&r.text).unwrap().to_json();
        assert_eq!(
            back["status"],
            serde_json::json!({"phase": "Running", "containerStatuses": [{"name": "app", "state": {"waiting": {}}, "user": {"linux": {"uid": 1000, "gid": 3000}}}]})
        );
    }

    #[test]
    fn the_redacted_pod_gets_the_same_hints() {
        // Not the static pod: a pod whose hints read its status (the target waiting: H-03;
        // the target's user: H-04).
        let pod = POD.replace("    kubernetes.io/config.mirror: abc123\n", "");
        let ctr = "name: dbg\nimage: busybox:1.36\ntargetContainerName: app\nsecurityContext: {runAsNonRoot: false}\n";
        let opts = crate::Options::default();
        let before = crate::check(&pod, ctr, crate::Mode::Append, &opts);
        let after = crate::check(&redact(&pod).unwrap().text, ctr, crate::Mode::Append, &opts);
        let hints = |r: &crate::Report| {
            r.diagnostics.iter().filter(|d| d.code.starts_with("H-")).map(|d| (d.code, d.message.clone())).collect::<Vec<_>>()
        };
        assert!(hints(&before).iter().any(|(c, _)| *c == "H-03"), "{:?}", hints(&before));
        assert_eq!(hints(&before), hints(&after));
    }

    #[test]
    fn the_redacted_pod_gets_the_same_verdict() {
        let ctr = "name: dbg\nimage: busybox:1.36\ntargetContainerName: app\n";
        let opts = crate::Options::default();
        let before = crate::check(POD, ctr, crate::Mode::Append, &opts);
        let after = crate::check(&redact(POD).unwrap().text, ctr, crate::Mode::Append, &opts);
        let codes = |r: &crate::Report| r.diagnostics.iter().map(|d| (d.code, d.field.clone())).collect::<Vec<_>>();
        assert!(!before.valid(), "the mirror annotation makes it a static pod");
        assert_eq!(codes(&before), codes(&after));
    }

    #[test]
    fn bad_yaml_says_where() {
        assert!(redact("a: [b\n").unwrap_err().starts_with("line "));
        assert_eq!(redact("  \n").unwrap(), Redacted::default());
    }
}
