//! The pod a [`Recorder`](super::Recorder) holds, and what a write to its ephemeral containers
//! does to it: what `kubectl debug -i` needs to read back after its PATCH.
//!
//! A write is not applied as a patch. The recorder only takes from its body the containers it
//! names that the pod does not have yet, appends them to `spec.ephemeralContainers`, and gives
//! each a status that says it ran and exited 0 ([`terminated_status`]), with a log of one line
//! ([`log_text`]). That is what kubectl needs to see to stop waiting and print the logs.

use serde_json::{json, Map, Value};

/// What the log of a container `name` that the recorder ran says, served by
/// `GET …/pods/NAME/log?container=name` (`text/plain`).
pub fn log_text(name: &str) -> String {
    format!("ecplay recorder: {name} ran and exited 0\n")
}

/// The annotation that marks the bookmark ending the initial events of a watch with
/// `sendInitialEvents=true` (`metav1.InitialEventsAnnotationKey`).
const INITIAL_EVENTS_END: &str = "k8s.io/initial-events-end";

/// `metadata.resourceVersion` as a number; 0 when absent or not a number.
pub(super) fn resource_version(pod: &Value) -> u64 {
    pod["metadata"]["resourceVersion"].as_str().and_then(|rv| rv.parse().ok()).unwrap_or(0)
}

/// The containers a write to `…/ephemeralcontainers` adds, read from its body: the entries of
/// `spec.ephemeralContainers` of a strategic or merge patch or of a PUT pod, or the values of a
/// JSON patch's `add`/`replace` operations on that list. Bodies that are not JSON name none.
pub(super) fn written_containers(body: &[u8]) -> Vec<Value> {
    let Ok(body) = serde_json::from_slice::<Value>(body) else { return Vec::new() };
    let mut found = Vec::new();
    match &body {
        Value::Object(_) => found.extend(body["spec"]["ephemeralContainers"].as_array().into_iter().flatten().cloned()),
        Value::Array(ops) => {
            for op in ops {
                if !matches!(op["op"].as_str(), Some("add" | "replace")) {
                    continue;
                }
                match (op["path"].as_str(), &op["value"]) {
                    (Some("/spec/ephemeralContainers"), Value::Array(items)) => found.extend(items.iter().cloned()),
                    (Some(path), item @ Value::Object(_)) if path.starts_with("/spec/ephemeralContainers/") => found.push(item.clone()),
                    _ => {}
                }
            }
        }
        _ => {}
    }
    found.retain(|c| c["name"].as_str().is_some_and(|n| !n.is_empty()));
    found
}

/// Every container name of the pod: init, regular and ephemeral.
fn container_names(pod: &Value) -> impl Iterator<Item = &str> {
    ["initContainers", "containers", "ephemeralContainers"]
        .into_iter()
        .flat_map(move |list| pod["spec"][list].as_array().into_iter().flatten())
        .filter_map(|c| c["name"].as_str())
}

pub(super) fn has_container(pod: &Value, name: &str) -> bool {
    container_names(pod).any(|n| n == name)
}

/// The status of an ephemeral container that started and exited 0, as the kubelet reports it.
pub(super) fn terminated_status(container: &Value) -> Value {
    let name = container["name"].as_str().unwrap_or_default();
    let id = format!("containerd://ecplay-recorder-{name}");
    json!({
        "name": name,
        "image": container["image"].as_str().unwrap_or_default(),
        "imageID": "",
        "containerID": id,
        "ready": false,
        "restartCount": 0,
        "lastState": {},
        "state": {"terminated": {
            "exitCode": 0,
            "reason": "Completed",
            "startedAt": "2026-01-01T00:01:00Z",
            "finishedAt": "2026-01-01T00:01:01Z",
            "containerID": id
        }}
    })
}

/// Adds the containers `body` writes that the pod does not have yet, each with a
/// [`terminated_status`], and bumps `metadata.resourceVersion` if any was added. Returns their names.
pub(super) fn apply_write(pod: &mut Value, body: &[u8]) -> Vec<String> {
    let mut added = Vec::new();
    for container in written_containers(body) {
        let name = container["name"].as_str().unwrap_or_default().to_owned();
        if has_container(pod, &name) {
            continue;
        }
        let status = terminated_status(&container);
        push(&mut pod["spec"], "ephemeralContainers", container);
        push(&mut pod["status"], "ephemeralContainerStatuses", status);
        added.push(name);
    }
    if !added.is_empty() {
        let rv = resource_version(pod) + 1;
        pod["metadata"]["resourceVersion"] = rv.to_string().into();
    }
    added
}

fn push(object: &mut Value, list: &str, item: Value) {
    if !object.is_object() {
        *object = Value::Object(Map::new());
    }
    let slot = &mut object[list];
    if !slot.is_array() {
        *slot = Value::Array(Vec::new());
    }
    if let Value::Array(items) = slot {
        items.push(item);
    }
}

/// A `fieldSelector` of `metadata.name` / `metadata.namespace` terms (`=`, `==`, `!=`,
/// comma-separated), the fields every resource supports. `Err` names an unsupported field.
pub(super) fn field_selector_matches(selector: &str, pod: &Value) -> Result<bool, String> {
    let mut matches = true;
    for term in selector.split(',').filter(|t| !t.is_empty()) {
        let (field, negate, value) = if let Some((f, v)) = term.split_once("!=") {
            (f, true, v)
        } else if let Some((f, v)) = term.split_once("==") {
            (f, false, v)
        } else if let Some((f, v)) = term.split_once('=') {
            (f, false, v)
        } else {
            return Err(format!("invalid selector: '{selector}'; can't understand '{term}'"));
        };
        let actual = match field {
            "metadata.name" => pod["metadata"]["name"].as_str(),
            "metadata.namespace" => pod["metadata"]["namespace"].as_str(),
            _ => return Err(format!("field label not supported: {field}")),
        };
        matches &= (actual == Some(value)) != negate;
    }
    Ok(matches)
}

/// A `PodList` of `pods` at `resource_version` (items without `kind` and `apiVersion`, as a
/// server writes them).
pub(super) fn pod_list(pods: &[&Value], resource_version: u64) -> Value {
    let items: Vec<Value> = pods
        .iter()
        .map(|p| {
            let mut p = (*p).clone();
            if let Value::Object(m) = &mut p {
                m.remove("kind");
                m.remove("apiVersion");
            }
            p
        })
        .collect();
    json!({"kind": "PodList", "apiVersion": "v1", "metadata": {"resourceVersion": resource_version.to_string()}, "items": items})
}

/// One line of a JSON watch stream.
pub(super) fn event(kind: &str, object: &Value) -> String {
    format!("{}\n", json!({"type": kind, "object": object}))
}

/// The bookmark that ends the initial events of a `sendInitialEvents=true` watch.
pub(super) fn initial_events_end(resource_version: u64) -> String {
    event(
        "BOOKMARK",
        &json!({"kind": "Pod", "apiVersion": "v1", "metadata": {
            "resourceVersion": resource_version.to_string(),
            "annotations": {INITIAL_EVENTS_END: "true"}
        }}),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pod() -> Value {
        json!({"metadata": {"name": "p", "namespace": "ns", "resourceVersion": "7"},
               "spec": {"containers": [{"name": "app"}]}, "status": {"phase": "Running"}})
    }

    #[test]
    fn every_write_form_names_its_containers() {
        let strategic = br#"{"spec":{"$setElementOrder/ephemeralContainers":[{"name":"a"},{"name":"b"}],"ephemeralContainers":[{"name":"b","image":"x"}]}}"#;
        assert_eq!(written_containers(strategic), [json!({"name": "b", "image": "x"})]);
        let json_patch = br#"[{"op":"test","path":"/spec/ephemeralContainers","value":[{"name":"t"}]},{"op":"add","path":"/spec/ephemeralContainers/-","value":{"name":"c"}},{"op":"add","path":"/spec/ephemeralContainers","value":[{"name":"d"},{"name":""}]}]"#;
        assert_eq!(written_containers(json_patch), [json!({"name": "c"}), json!({"name": "d"})]);
        assert_eq!(written_containers(b"{\"a\":1}"), Vec::<Value>::new());
        assert_eq!(written_containers(b"not json"), Vec::<Value>::new());
    }

    #[test]
    fn a_write_adds_new_containers_once_with_a_terminated_status() {
        let mut p = pod();
        let body = br#"{"spec":{"ephemeralContainers":[{"name":"dbg","image":"busybox"},{"name":"app","image":"x"}]}}"#;
        assert_eq!(apply_write(&mut p, body), ["dbg"]);
        assert_eq!(p["spec"]["ephemeralContainers"], json!([{"name": "dbg", "image": "busybox"}]));
        let status = &p["status"]["ephemeralContainerStatuses"][0];
        assert_eq!((status["name"].as_str(), status["state"]["terminated"]["exitCode"].as_i64()), (Some("dbg"), Some(0)));
        assert_eq!(status["image"], "busybox");
        assert_eq!(resource_version(&p), 8);
        assert!(has_container(&p, "dbg") && has_container(&p, "app") && !has_container(&p, "x"));
        assert_eq!(apply_write(&mut p, body), Vec::<String>::new());
        assert_eq!(resource_version(&p), 8, "nothing new, no new version");
    }

    #[test]
    fn field_selectors() {
        let p = pod();
        assert_eq!(field_selector_matches("metadata.name=p", &p), Ok(true));
        assert_eq!(field_selector_matches("metadata.name==p,metadata.namespace=ns", &p), Ok(true));
        assert_eq!(field_selector_matches("metadata.name=q", &p), Ok(false));
        assert_eq!(field_selector_matches("metadata.name!=p", &p), Ok(false));
        assert_eq!(field_selector_matches("", &p), Ok(true));
        assert!(field_selector_matches("spec.nodeName=n", &p).is_err());
        assert!(field_selector_matches("metadata.name", &p).is_err());
    }
}
