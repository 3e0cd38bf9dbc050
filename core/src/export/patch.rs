//! The patch bodies, as typed JSON values.

use k8s_openapi::api::core::v1::{EphemeralContainer, Pod};
use serde_json::{json, Value};

use crate::gojson;

/// The containers as `kubectl debug` would send them: Go's JSON of the container, with
/// `terminationMessagePolicy: File`, which kubectl sets (the server's default anyway).
pub fn containers_json(containers: &[EphemeralContainer]) -> Vec<Value> {
    containers
        .iter()
        .map(|c| {
            let mut v = gojson::marshal(c);
            if let Value::Object(m) = &mut v {
                m.entry("terminationMessagePolicy").or_insert_with(|| "File".into());
            }
            v
        })
        .collect()
}

/// The pod's existing ephemeral containers.
pub fn existing(pod: &Pod) -> &[EphemeralContainer] {
    pod.spec.as_ref().and_then(|s| s.ephemeral_containers.as_deref()).unwrap_or_default()
}

/// The two-way strategic merge diff between the pod and the pod with the containers added,
/// as `kubectl debug` computes it (`strategicpatch.CreateTwoWayMergePatch`): the new
/// entries of the list (merged by `name`), and, when the pod already has ephemeral
/// containers, the `$setElementOrder` directive listing every name in order.
pub fn strategic(pod: &Pod, containers: &[EphemeralContainer]) -> Value {
    strategic_of(pod, containers, containers_json(containers))
}

/// [`strategic`], with the containers' JSON ([`containers_json`]) already made.
pub(crate) fn strategic_of(pod: &Pod, containers: &[EphemeralContainer], values: Vec<Value>) -> Value {
    let old = existing(pod);
    let mut spec = serde_json::Map::new();
    if !old.is_empty() {
        let order: Vec<Value> = old.iter().chain(containers).map(|c| json!({ "name": c.name })).collect();
        spec.insert("$setElementOrder/ephemeralContainers".into(), order.into());
    }
    spec.insert("ephemeralContainers".into(), values.into());
    json!({ "spec": spec })
}

/// A JSON patch (RFC 6902) chosen from the pod's state. With no ephemeral containers yet the
/// list does not exist, so `…/-` would fail with an unhelpful error: the whole list is added,
/// guarded by a `test` that it is still absent (a concurrent addition then fails the patch
/// instead of being replaced). Otherwise each container is appended with `…/-`, guarded by
/// a `test` of the last existing name, which also proves the list is there.
///
/// That a `test` of an absent key against `null` passes is evanphx/json-patch's (v4, which
/// the API server applies JSON patches with) `Patch.test`: `partialDoc.get` fails with
/// `ErrMissing`, which `test` lets through, and a `"value": null` decodes to a nil
/// `*json.RawMessage`, so the absent value and `null` compare equal. A list that is there
/// (even empty) is not equal to `null`, and fails the patch.
pub fn json_patch(pod: &Pod, containers: &[EphemeralContainer]) -> Value {
    json_patch_of(pod, containers_json(containers))
}

/// [`json_patch`], with the containers' JSON already made.
pub(crate) fn json_patch_of(pod: &Pod, values: Vec<Value>) -> Value {
    let old = existing(pod);
    let mut ops = Vec::new();
    match old.last() {
        None => {
            ops.push(json!({"op": "test", "path": "/spec/ephemeralContainers", "value": null}));
            ops.push(json!({"op": "add", "path": "/spec/ephemeralContainers", "value": values}));
        }
        Some(last) => {
            ops.push(json!({"op": "test", "path": format!("/spec/ephemeralContainers/{}/name", old.len() - 1), "value": last.name}));
            for v in values {
                ops.push(json!({"op": "add", "path": "/spec/ephemeralContainers/-", "value": v}));
            }
        }
    }
    Value::Array(ops)
}

/// The body of a PUT to the subresource: a Pod that names the pod and carries the complete
/// new list (existing containers unchanged, then the new ones). The server keeps only
/// `spec.ephemeralContainers` from it and takes the rest from the stored pod; without
/// `resourceVersion` the update is unconditional, which is safe here: a list that misses a
/// container added meanwhile is refused, never applied.
pub fn replace_body(pod: &Pod, containers: &[EphemeralContainer]) -> Value {
    replace_body_of(pod, containers_json(containers))
}

/// [`replace_body`], with the containers' JSON already made.
pub(crate) fn replace_body_of(pod: &Pod, values: Vec<Value>) -> Value {
    let mut list: Vec<Value> = existing(pod).iter().map(gojson::marshal).collect();
    list.extend(values);
    json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": pod.metadata.name, "namespace": pod.metadata.namespace.as_deref().unwrap_or("default")},
        "spec": {"ephemeralContainers": list},
    })
}

/// The texts of the three bodies, made by joining the containers' texts rather than through
/// [`Value`] trees (the `cli` tests compare them with the trees' texts byte for byte).
/// Keys come in the order `serde_json` and Go print them: sorted.
pub(crate) mod text {
    use k8s_openapi::api::core::v1::{EphemeralContainer, Pod};

    use super::existing;

    fn json_str(out: &mut String, s: &str) {
        out.push_str(&serde_json::to_string(s).unwrap_or_default());
    }

    fn join(out: &mut String, items: impl IntoIterator<Item = impl AsRef<str>>) {
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(item.as_ref());
        }
    }

    /// [`super::strategic_of`]'s compact text; `texts` are the containers' compact texts.
    pub fn strategic(pod: &Pod, containers: &[EphemeralContainer], texts: &[String]) -> String {
        let old = existing(pod);
        let mut out = String::with_capacity(texts.iter().map(String::len).sum::<usize>() + 64);
        out.push_str("{\"spec\":{");
        if !old.is_empty() {
            out.push_str("\"$setElementOrder/ephemeralContainers\":[");
            for (i, c) in old.iter().chain(containers).enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str("{\"name\":");
                json_str(&mut out, &c.name);
                out.push('}');
            }
            out.push_str("],");
        }
        out.push_str("\"ephemeralContainers\":[");
        join(&mut out, texts);
        out.push_str("]}}");
        out
    }

    /// [`super::json_patch_of`] as YAML-safe text ([`crate::gojson::to_yaml_safe_string`]);
    /// `safe_texts` are the containers' texts in that form.
    pub fn json_patch(pod: &Pod, safe_texts: &[String]) -> String {
        let old = existing(pod);
        let mut out = String::with_capacity(safe_texts.iter().map(|t| t.len() + 64).sum::<usize>() + 128);
        match old.last() {
            None => {
                out.push_str("[{\"op\":\"test\",\"path\":\"/spec/ephemeralContainers\",\"value\":null},");
                out.push_str("{\"op\":\"add\",\"path\":\"/spec/ephemeralContainers\",\"value\":[");
                join(&mut out, safe_texts);
                out.push_str("]}]");
            }
            Some(last) => {
                out.push_str("[{\"op\":\"test\",\"path\":\"/spec/ephemeralContainers/");
                out.push_str(&(old.len() - 1).to_string());
                out.push_str("/name\",\"value\":");
                out.push_str(&crate::gojson::to_yaml_safe_string(&last.name.as_str().into()));
                out.push('}');
                for t in safe_texts {
                    out.push_str(",{\"op\":\"add\",\"path\":\"/spec/ephemeralContainers/-\",\"value\":");
                    out.push_str(t);
                    out.push('}');
                }
                out.push(']');
            }
        }
        out
    }

    /// [`super::replace_body_of`]'s compact text; `old_texts` are the existing containers'
    /// compact texts ([`crate::gojson::marshal`]), `texts` the new ones'.
    pub fn replace_body(pod: &Pod, old_texts: &[String], texts: &[String]) -> String {
        let mut out = String::with_capacity(old_texts.iter().chain(texts).map(|t| t.len() + 1).sum::<usize>() + 128);
        out.push_str("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":");
        match pod.metadata.name.as_deref() {
            Some(name) => json_str(&mut out, name),
            None => out.push_str("null"),
        }
        out.push_str(",\"namespace\":");
        json_str(&mut out, pod.metadata.namespace.as_deref().unwrap_or("default"));
        out.push_str("},\"spec\":{\"ephemeralContainers\":[");
        join(&mut out, old_texts.iter().chain(texts));
        out.push_str("]}}");
        out
    }
}
