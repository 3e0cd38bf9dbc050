//! The discovery documents kubectl reads before it can map `pod`/`pods` to
//! `/api/v1/namespaces/NS/pods`, in the legacy (unaggregated) form.
//!
//! kubectl 1.37 asks `/api` and `/apis` for the aggregated form first (its Accept header lists
//! `application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList` before plain
//! `application/json`); an answer of plain `application/json` makes it fall back to the legacy
//! documents and then fetch `/api/v1`. Keeping to the legacy form keeps these documents small.

/// The document for a discovery path, or `None` if `path` is not one.
pub(super) fn document(path: &str) -> Option<&'static str> {
    match path {
        "/api" => Some(API),
        "/apis" => Some(APIS),
        "/api/v1" => Some(API_V1),
        _ => None,
    }
}

const API: &str = r#"{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"127.0.0.1:6443"}]}"#;

const APIS: &str = r#"{"kind":"APIGroupList","apiVersion":"v1","groups":[]}"#;

/// `pods` and its subresources, and `namespaces`, as a 1.37 API server lists them.
const API_V1: &str = r#"{
  "kind": "APIResourceList",
  "groupVersion": "v1",
  "resources": [
    {"name": "namespaces", "singularName": "namespace", "namespaced": false, "kind": "Namespace",
     "verbs": ["create", "delete", "get", "list", "patch", "update", "watch"], "shortNames": ["ns"]},
    {"name": "pods", "singularName": "pod", "namespaced": true, "kind": "Pod",
     "verbs": ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
     "shortNames": ["po"], "categories": ["all"]},
    {"name": "pods/attach", "singularName": "", "namespaced": true, "kind": "PodAttachOptions", "verbs": ["create", "get"]},
    {"name": "pods/ephemeralcontainers", "singularName": "", "namespaced": true, "kind": "Pod", "verbs": ["get", "patch", "update"]},
    {"name": "pods/exec", "singularName": "", "namespaced": true, "kind": "PodExecOptions", "verbs": ["create", "get"]},
    {"name": "pods/log", "singularName": "", "namespaced": true, "kind": "Pod", "verbs": ["get"]},
    {"name": "pods/status", "singularName": "", "namespaced": true, "kind": "Pod", "verbs": ["get", "patch", "update"]}
  ]
}"#;
