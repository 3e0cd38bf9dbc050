//! Test support: a real kubectl, real shells, and a recording fake API server on 127.0.0.1.
//!
//! * [`Recorder`]: HTTP/1.1 on `127.0.0.1:<ephemeral>` holding one pod; records every
//!   [`Request`] (method, target with query, headers, body) and answers discovery, GET of the pod
//!   and of its `ephemeralcontainers` subresource, and PATCH/PUT of the subresource (`200`, the pod
//!   unchanged by that write). After a write the pod has the containers it named, terminated with
//!   exit code 0 (`pods.rs`), which every later read shows: GET, the pod list and watches of
//!   `…/pods?fieldSelector=…` (chunked JSON events, held open until the client leaves), and
//!   `…/pods/NAME/log?container=C` ([`log_text`], `text/plain`). That is what `kubectl debug -i`
//!   waits for. Anything else: `404` Status, listed by [`Recorder::unexpected`].
//! * [`Kubectl`]: a temp dir with a kubeconfig for one recorder (no auth, namespace `default`),
//!   `KUBECACHEDIR` and `HOME`; runs a command line with `bash -c` or `sh -c` ([`Shell`]) with
//!   `<repo>/.venv/bin` first on `PATH`. A missing or wrong kubectl fails the test: run `make test`.
//! * [`Recorder::subresource_writes`] / [`Recorder::the_subresource_write`]: "the request kubectl
//!   sent to the subresource", PATCH or PUT on `…/ephemeralcontainers`.
//!
//! # What kubectl v1.37.1 sends (recorded by `kubectl_harness.rs`, which asserts all of it)
//!
//! Pod `default/web-0`, with `S = /api/v1/namespaces/default/pods/web-0/ephemeralcontainers`.
//!
//! Discovery, with a cold cache, before anything else (`/api` and `/apis` ask for
//! `Accept: application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json`;
//! a plain `application/json` answer makes kubectl take the legacy documents):
//! `GET /api?timeout=32s`, `GET /apis?timeout=32s`, `GET /api/v1?timeout=32s`
//! (`Accept: application/json, */*`). It is cached under `KUBECACHEDIR`: a second command with the
//! same [`Kubectl`] sends no discovery. `kubectl replace --raw` does no discovery at all.
//!
//! | command | requests after discovery (method path?query, Content-Type) | body |
//! | --- | --- | --- |
//! | `kubectl patch pod web-0 --subresource=ephemeralcontainers --type=strategic -p '{…}'` | `GET S` (Accept `application/json`); `PATCH S?fieldManager=kubectl-patch`, `application/strategic-merge-patch+json` | the `-p` text byte for byte |
//! | same, `--type=merge` | same GET; `PATCH S?fieldManager=kubectl-patch`, `application/merge-patch+json` | the `-p` text byte for byte |
//! | same, `--type=json -p '[…]'` | same GET; `PATCH S?fieldManager=kubectl-patch`, `application/json-patch+json` | re-encoded: compact, object keys sorted (see below) |
//! | `kubectl debug web-0 --image=busybox:1.36 --target=app -c dbg --profile=general` (no `-i`) | `GET /api/v1/namespaces/default/pods/web-0` (the pod, not `S`; Accept `application/json, */*`); `PATCH S` with **no query**, `application/strategic-merge-patch+json`, Accept `application/vnd.kubernetes.protobuf,application/json` | `{"spec":{"ephemeralContainers":[{"image":"busybox:1.36","name":"dbg","resources":{},"securityContext":{"capabilities":{"add":["SYS_PTRACE"]}},"targetContainerName":"app","terminationMessagePolicy":"File"}]}}` |
//! | same with `-i` (and `-t`: no terminal needed on this path), the recorder answering as real servers do once the container has ended | the same GET and PATCH; then, to wait for the container, `GET /api/v1/namespaces/default/pods?allowWatchBookmarks=true&fieldSelector=metadata.name%3Dweb-0&resourceVersionMatch=NotOlderThan&sendInitialEvents=true&timeout=…&timeoutSeconds=…&watch=true` (a streaming list; Accept protobuf, JSON), answered by an `ADDED` event with the pod and a `BOOKMARK` with annotation `k8s.io/initial-events-end: "true"`; the status says the container terminated, so no attach: `GET /api/v1/namespaces/default/pods/web-0/log?container=dbg` (Accept `application/json, */*`), printed to stdout; exit 0. With `KUBE_FEATURE_WatchListClient=false`, instead of the streaming list: `GET …/pods?fieldSelector=metadata.name%3Dweb-0&limit=500&resourceVersion=0`, then `GET …/pods?allowWatchBookmarks=true&fieldSelector=…&resourceVersion=4243&timeout=…&timeoutSeconds=…&watch=true` | (no body after the PATCH) |
//! | `kubectl replace --raw S -f -` (stdin piped or a here-document) | no discovery; `PUT S`, no query, **no Content-Type header**, `Transfer-Encoding: chunked`, Accept `application/json, */*` | standard input byte for byte; kubectl prints the response body |
//!
//! Things to know:
//! * `-p` goes through `yaml.ToJSON`, which passes text starting with `{` (after white space)
//!   through untouched but sends anything else, so every JSON patch (`[`), through YAML: the
//!   same JSON value, but compact with keys sorted. An export compared byte for byte must emit
//!   JSON patches in that canonical form.
//! * Every command sends `User-Agent: kubectl/v1.37.1 (linux/amd64) kubernetes/f78e722`,
//!   `Kubectl-Command: kubectl <verb>` and a random `Kubectl-Session`; all over keep-alive.
//! * `kubectl patch` prints `pod/web-0 patched (no change)` here, because the recorder returns the
//!   pod unpatched. A pod the recorder does not hold: `GET S` → 404 and
//!   `Error from server (NotFound): pods "NAME" not found`, exit 1, no PATCH.
//! * `kubectl debug -i` waits for the container without any time limit (`waitForContainer`,
//!   "TODO: expose the timeout"): until the pod's status shows it running or terminated. A 404 to
//!   the watch makes client-go retry, list and watch again, with back-off, for ever. Running, it
//!   would attach (`POST …/attach`, a stream upgrade the recorder does not speak); terminated, it
//!   prints the log (`logOpts`). `--target=C` prints `Targeting container "C". If you don't see
//!   processes from this container it may be because the container runtime doesn't support this
//!   feature.` on stdout first. The informer's watch stays open until kubectl exits, which is why
//!   the recorder holds watches open: a closed one is watched again at once (an extra request).
//! * `kubectl debug` panics (nil dereference in `displayWarning`, exit 2, before any PATCH) on a
//!   pod without `spec.securityContext`; real servers always default it to `{}`, so must fixtures.

// Each test crate uses a different part of this module.
#![allow(dead_code, unused_imports)]

mod discovery;
mod http;
mod kubectl;
mod pods;
mod recorder;

pub use kubectl::{repo_root, require_kubectl, venv_bin, Kubectl, Run, Shell, TempDir, KUBECTL_VERSION};
pub use pods::log_text;
pub use recorder::{show, status_json, Recorder, Request, WriteAnswer};

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
