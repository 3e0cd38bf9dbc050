//! Validation (parse, decode, default, validate, hints), also followed by Pod Security
//! admission, beside a bare `serde_json::from_str::<Pod>` of the same text: realistic pods
//! and a generated 1 MB pod.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion};
use ecplay_core::admission::{NamespacePolicy, Policy};
use ecplay_core::{check, Mode, Options};
use k8s_openapi::api::core::v1::Pod;

const PODS: &[(&str, &str)] = &[
    ("distroless-app", include_str!("../../tests/fixtures/pods/distroless-app.yaml")),
    ("with-ephemeral-container", include_str!("../../tests/fixtures/pods/with-ephemeral-container.yaml")),
    ("init-and-volumes", include_str!("../../tests/fixtures/pods/init-and-volumes.yaml")),
];
const CONTAINER: &str = include_str!("../../tests/fixtures/ephemeral/debugger.yaml");

/// The pod as compact JSON, as `kubectl get -o json` would give it (managedFields and all):
/// the text both sides of the comparison read.
fn as_json(yaml: &str) -> String {
    serde_json::to_string(&ecplay_core::node::parse(yaml).unwrap().to_json()).unwrap()
}

/// A pod of about `bytes` of JSON: 150+ containers with env, mounts and probes.
pub fn big_pod(bytes: usize) -> String {
    let base: serde_json::Value = serde_json::from_str(&as_json(PODS[0].1)).unwrap();
    let mut pod = base.clone();
    let template = base["spec"]["containers"][0].clone();
    let mut containers = Vec::new();
    let mut i = 0;
    while serde_json::to_string(&pod).unwrap().len() < bytes {
        let mut c = template.clone();
        c["name"] = format!("app-{i}").into();
        let env: Vec<serde_json::Value> =
            (0..20).map(|k| serde_json::json!({"name": format!("SETTING_{k}"), "value": format!("value-{i}-{k}")})).collect();
        c["env"] = env.into();
        if let Some(ports) = c["ports"].as_array_mut() {
            for p in ports.iter_mut() {
                p["containerPort"] = (1000 + i).into();
                p["name"] = serde_json::Value::Null;
            }
        }
        containers.push(c);
        pod["spec"]["containers"] = containers.clone().into();
        i += 1;
    }
    serde_json::to_string(&pod).unwrap()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("pod");
    // A namespace labelled `pod-security.kubernetes.io/enforce=restricted`: admission after validation.
    let labels = [("pod-security.kubernetes.io/enforce".to_owned(), "restricted".to_owned())].into();
    let restricted = Options { pod_security: NamespacePolicy::from_labels(&labels, &Policy::default(), 37), ..Options::default() };
    let mut inputs: Vec<(String, String)> = PODS.iter().map(|(n, y)| ((*n).to_owned(), as_json(y))).collect();
    inputs.push(("generated-1MB".to_owned(), big_pod(1 << 20)));
    for (name, json) in &inputs {
        group.bench_with_input(BenchmarkId::new("serde_json::from_str::<Pod>", name), json, |b, json| {
            b.iter(|| black_box(serde_json::from_str::<Pod>(black_box(json)).unwrap()))
        });
        group.bench_with_input(BenchmarkId::new("ecplay check", name), json, |b, json| {
            b.iter(|| black_box(check(black_box(json), CONTAINER, Mode::Append, &Options::default())))
        });
        group.bench_with_input(BenchmarkId::new("ecplay check, Pod Security restricted", name), json, |b, json| {
            // The pod's first container as the target, so that the request validates and is admitted.
            let pod: serde_json::Value = serde_json::from_str(json).unwrap();
            let target = pod["spec"]["containers"][0]["name"].as_str().unwrap();
            let ctr = CONTAINER.replace("targetContainerName: app\n", &format!("targetContainerName: {target}\n"));
            b.iter(|| {
                let report = check(black_box(json), &ctr, Mode::Append, &restricted);
                assert!(report.admission.is_some(), "{name}: not admitted: {:?}", report.diagnostics);
                black_box(report)
            })
        });
        group.bench_with_input(BenchmarkId::new("ecplay check + every export", name), json, |b, json| {
            b.iter(|| {
                let report = check(black_box(json), CONTAINER, Mode::Append, &Options::default());
                let (pod, ctrs) = (report.pod.as_ref().unwrap(), report.containers.as_ref().unwrap());
                let req = ecplay_core::export::Request::new(&pod.pod, &ctrs.containers);
                for format in ecplay_core::export::Format::ALL {
                    black_box(ecplay_core::export::export(&req, format).unwrap());
                }
                black_box(report)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
