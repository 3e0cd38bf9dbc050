//! The sample pods, each as `kubectl get pod -o yaml` prints it.

pub struct Sample {
    pub id: &'static str,
    pub title: &'static str,
    pub yaml: &'static str,
}

pub const SAMPLES: &[Sample] = &[
    Sample { id: "distroless-app", title: "Distroless app", yaml: include_str!("../../tests/fixtures/pods/distroless-app.yaml") },
    Sample { id: "app-with-sidecar", title: "App with a sidecar", yaml: include_str!("../../tests/fixtures/pods/app-with-sidecar.yaml") },
    Sample {
        id: "shared-process-namespace",
        title: "Shared process namespace",
        yaml: include_str!("../../tests/fixtures/pods/shared-process-namespace.yaml"),
    },
    Sample {
        id: "with-ephemeral-container",
        title: "Already has an ephemeral container",
        yaml: include_str!("../../tests/fixtures/pods/with-ephemeral-container.yaml"),
    },
    Sample { id: "static-pod", title: "Static (mirror) pod", yaml: include_str!("../../tests/fixtures/pods/static-pod.yaml") },
    Sample { id: "windows-pod", title: "Windows pod", yaml: include_str!("../../tests/fixtures/pods/windows-pod.yaml") },
    Sample { id: "completed-job", title: "Completed Job pod", yaml: include_str!("../../tests/fixtures/pods/completed-job.yaml") },
    Sample {
        id: "init-and-volumes",
        title: "Init containers and volumes (subPath)",
        yaml: include_str!("../../tests/fixtures/pods/init-and-volumes.yaml"),
    },
    Sample { id: "run-as-non-root", title: "Requires runAsNonRoot", yaml: include_str!("../../tests/fixtures/pods/run-as-non-root.yaml") },
];

pub fn find(id: &str) -> Option<&'static Sample> {
    SAMPLES.iter().find(|s| s.id == id)
}

/// Images people debug with.
pub const DEBUG_IMAGES: &[&str] = &[
    "busybox:1.36",
    "nicolaka/netshoot:v0.13",
    "ubuntu:24.04",
    "alpine:3.20",
    "registry.k8s.io/e2e-test-images/agnhost:2.53",
    "curlimages/curl:8.10.1",
];
