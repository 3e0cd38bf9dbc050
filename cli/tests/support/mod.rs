//! Test support: real kubectl, real shells, a recording fake API server on 127.0.0.1.
//!
//! (Facts recorded below.)

#![allow(dead_code)] // Each test crate uses a different part of this module.

mod discovery;
mod http;
mod kubectl;
mod recorder;

pub use kubectl::{repo_root, require_kubectl, venv_bin, Kubectl, Run, Shell, TempDir, KUBECTL_VERSION};
pub use recorder::{show, Recorder, Request};

use serde_json::{json, Value};

/// A running pod `default/web-0` with one container `app` and no ephemeral containers, as an API
/// server returns it: defaulted, so `spec.securityContext` is `{}` (kubectl 1.37.1 `debug`
/// dereferences it and panics when it is absent; see `debug_needs_a_server_defaulted_pod`).
pub fn web_0() -> Value {
    json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {
            "name": "web-0",
            "namespace": "default",
            "uid": "6f1c2b1e-0000-4000-8000-00000000e0e0",
            "resourceVersion": "4242",
            "creationTimestamp": "2026-01-01T00:00:00Z",
            "labels": {"app": "web"}
        },
        "spec": {
            "containers": [{
                "name": "app",
                "image": "nginx:1.27",
                "imagePullPolicy": "IfNotPresent",
                "resources": {},
                "terminationMessagePath": "/dev/termination-log",
                "terminationMessagePolicy": "File"
            }],
            "restartPolicy": "Always",
            "terminationGracePeriodSeconds": 30,
            "dnsPolicy": "ClusterFirst",
            "serviceAccountName": "default",
            "nodeName": "node-1",
            "securityContext": {},
            "schedulerName": "default-scheduler",
            "enableServiceLinks": true,
            "preemptionPolicy": "PreemptLowerPriority",
            "priority": 0
        },
        "status": {
            "phase": "Running",
            "podIP": "10.244.0.7",
            "containerStatuses": [{
                "name": "app",
                "ready": true,
                "started": true,
                "restartCount": 0,
                "image": "docker.io/library/nginx:1.27",
                "imageID": "",
                "state": {"running": {"startedAt": "2026-01-01T00:00:01Z"}}
            }]
        }
    })
}

/// A recorder holding [`web_0`] and a kubectl pointed at it.
pub fn setup() -> (Recorder, Kubectl) {
    let recorder = Recorder::start(web_0());
    let kubectl = Kubectl::new(&recorder);
    (recorder, kubectl)
}
