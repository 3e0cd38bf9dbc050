use crate::versions::LATEST_KUBE_MINOR as LATEST;
use k8s_openapi::api::core::v1::Pod;
use serde_json::json;

use super::*;
use crate::diag::Diagnostic;

/// The pod as `kubectl get pod -o json` prints it for a Deployment replica with a native
/// sidecar, defaults filled in.
fn pod_json() -> serde_json::Value {
    json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {
            "name": "web-7d4b9c8f6-x2x9z",
            "generateName": "web-7d4b9c8f6-",
            "namespace": "default",
            "uid": "0b6c6b9e-6a4e-4a8e-9a55-4b1c3d2e1f00",
            "resourceVersion": "12345",
            "generation": 1,
            "labels": { "app": "web", "pod-template-hash": "7d4b9c8f6", "app.kubernetes.io/name": "web" },
            "annotations": {
                "kubectl.kubernetes.io/restartedAt": "2026-01-01T00:00:00Z",
                "container.apparmor.security.beta.kubernetes.io/app": "runtime/default"
            },
            "ownerReferences": [{
                "apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-7d4b9c8f6",
                "uid": "1c2d3e4f-0000-4000-8000-000000000001", "controller": true, "blockOwnerDeletion": true
            }],
            "finalizers": ["batch.kubernetes.io/job-tracking"]
        },
        "spec": {
            "containers": [{
                "name": "app",
                "image": "nginx:1.27",
                "imagePullPolicy": "IfNotPresent",
                "ports": [{ "containerPort": 80, "name": "http", "protocol": "TCP" }],
                "livenessProbe": {
                    "httpGet": { "path": "/healthz", "port": "http", "scheme": "HTTP" },
                    "initialDelaySeconds": 3, "timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3
                },
                "readinessProbe": {
                    "tcpSocket": { "port": 80 },
                    "timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3
                },
                "lifecycle": { "preStop": { "sleep": { "seconds": 5 } } },
                "resources": { "requests": { "cpu": "100m", "memory": "64Mi" } },
                "terminationMessagePath": "/dev/termination-log",
                "terminationMessagePolicy": "File",
                "volumeMounts": [
                    { "name": "kube-api-access-abcde", "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "readOnly": true },
                    { "name": "cache", "mountPath": "/cache" }
                ]
            }],
            "initContainers": [
                {
                    "name": "log-shipper", "image": "fluent/fluent-bit:3.0", "restartPolicy": "Always",
                    "startupProbe": {
                        "exec": { "command": ["true"] },
                        "timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3
                    },
                    "imagePullPolicy": "IfNotPresent", "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File"
                },
                {
                    "name": "migrate", "image": "busybox:1.36", "command": ["sh", "-c", "true"],
                    "imagePullPolicy": "IfNotPresent", "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File"
                }
            ],
            "volumes": [
                { "name": "cache", "emptyDir": { "sizeLimit": "1Gi" } },
                { "name": "config", "configMap": { "name": "web-config", "defaultMode": 420, "items": [{ "key": "nginx.conf", "path": "nginx.conf" }] } },
                { "name": "tls", "secret": { "secretName": "web-tls", "defaultMode": 420 } },
                { "name": "kube-api-access-abcde", "projected": { "defaultMode": 420, "sources": [
                    { "serviceAccountToken": { "expirationSeconds": 3607, "path": "token" } },
                    { "configMap": { "name": "kube-root-ca.crt", "items": [{ "key": "ca.crt", "path": "ca.crt" }] } },
                    { "downwardAPI": { "items": [{ "path": "namespace", "fieldRef": { "apiVersion": "v1", "fieldPath": "metadata.namespace" } }] } }
                ] } }
            ],
            "restartPolicy": "Always",
            "terminationGracePeriodSeconds": 30,
            "dnsPolicy": "ClusterFirst",
            "dnsConfig": { "nameservers": ["10.96.0.10"], "searches": ["svc.cluster.local", "_tcp.example.com."], "options": [{ "name": "ndots", "value": "2" }] },
            "serviceAccountName": "default",
            "serviceAccount": "default",
            "nodeName": "worker-1",
            "nodeSelector": { "kubernetes.io/os": "linux" },
            "securityContext": { "runAsNonRoot": true, "fsGroup": 2000, "seccompProfile": { "type": "RuntimeDefault" }, "sysctls": [{ "name": "net.ipv4.ip_local_port_range", "value": "1024 65000" }] },
            "schedulerName": "default-scheduler",
            "affinity": {
                "nodeAffinity": { "requiredDuringSchedulingIgnoredDuringExecution": { "nodeSelectorTerms": [
                    { "matchExpressions": [{ "key": "topology.kubernetes.io/zone", "operator": "In", "values": ["eu-1a", "eu-1b"] }] }
                ] } },
                "podAntiAffinity": { "preferredDuringSchedulingIgnoredDuringExecution": [
                    { "weight": 100, "podAffinityTerm": { "topologyKey": "kubernetes.io/hostname", "labelSelector": { "matchLabels": { "app": "web" } } } }
                ] }
            },
            "topologySpreadConstraints": [{ "maxSkew": 1, "topologyKey": "topology.kubernetes.io/zone", "whenUnsatisfiable": "ScheduleAnyway", "labelSelector": { "matchLabels": { "app": "web" } } }],
            "tolerations": [
                { "key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300 },
                { "key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300 }
            ],
            "readinessGates": [{ "conditionType": "example.com/ready" }],
            "priority": 0,
            "enableServiceLinks": true,
            "preemptionPolicy": "PreemptLowerPriority",
            "hostAliases": [{ "ip": "127.0.0.1", "hostnames": ["foo.local"] }]
        },
        "status": { "phase": "Running" }
    })
}

fn pod_from(v: serde_json::Value) -> Pod {
    serde_json::from_value(v).expect("a valid v1 Pod")
}

fn pod() -> Pod {
    pod_from(pod_json())
}

/// Runs everything in this module in the server's order, skipping what other modules do
/// (the containers' common checks, the ephemeral containers, hostProcess and OS).
fn check(pod: &Pod) -> Errs {
    let minor = crate::versions::LATEST_KUBE_MINOR;
    let meta = &pod.metadata;
    let spec = pod.spec.as_ref().expect("spec");
    let facts = PodFacts::of(spec);
    let grace = spec.termination_grace_period_seconds;
    let spec_path = Path::root("spec");
    let mut errs = Errs::new();
    validate_metadata(meta, spec, spec.ephemeral_containers.as_deref().unwrap_or_default(), &Path::root("metadata"), minor, &mut errs);
    validate_spec_head_with_meta(spec, Some(meta), &spec_path, minor, &mut errs);
    validate_containers_present(spec, &spec_path, &mut errs);
    let mut seen = Vec::new();
    for (i, c) in spec.containers.iter().enumerate() {
        validate_regular_container_extras_in(c, &mut seen, grace, &facts, &spec_path.child("containers").index(i), &mut errs);
    }
    if !spec.containers.is_empty() {
        check_host_port_conflicts(&spec.containers, &spec_path.child("containers"), &mut errs);
    }
    let mut seen = init_seen_names(spec);
    for (i, c) in spec.init_containers.iter().flatten().enumerate() {
        validate_init_container_extras_in(c, &mut seen, grace, &facts, &spec_path.child("initContainers").index(i), &mut errs);
    }
    validate_spec_middle(spec, &spec_path, minor, &mut errs);
    validate_spec_tail(spec, &spec_path, minor, &mut errs);
    validate_pod_only(spec, &spec_path, &mut errs);
    errs
}

/// `(type, field)` of each diagnostic, the way tests compare them.
fn shape(errs: &[Diagnostic]) -> Vec<(&'static str, &str)> {
    errs.iter()
        .map(|d| {
            assert_eq!(d.code, "R-32");
            (d.error_type.name(), d.field.as_str())
        })
        .collect()
}

fn edit(f: impl FnOnce(&mut serde_json::Value)) -> Errs {
    let mut v = pod_json();
    f(&mut v);
    check(&pod_from(v))
}

#[test]
fn realistic_pod_is_valid() {
    let errs = check(&pod());
    assert!(errs.is_empty(), "{errs:#?}");
}

#[test]
fn duplicate_volume_names() {
    let errs = edit(|v| v["spec"]["volumes"][1]["name"] = json!("cache"));
    assert_eq!(shape(&errs), [("Duplicate", "spec.volumes[1].name")]);
    assert_eq!(errs[0].message, "Duplicate value: \"cache\"");
}

#[test]
fn a_volume_with_errors_is_not_remembered_for_duplicates() {
    let errs = edit(|v| {
        v["spec"]["volumes"][0] = json!({ "name": "x", "nfs": { "server": "", "path": "/x" } });
        v["spec"]["volumes"][1] = json!({ "name": "x", "emptyDir": {} });
        v["spec"]["containers"][0]["volumeMounts"] = json!([]);
    });
    assert_eq!(shape(&errs), [("Required", "spec.volumes[0].nfs.server")]);
}

#[test]
fn volume_without_a_source() {
    let errs = edit(|v| v["spec"]["volumes"][0] = json!({ "name": "cache" }));
    assert_eq!(shape(&errs), [("Required", "spec.volumes[0]")]);
    assert_eq!(errs[0].message, "Required value: must specify a volume type");
}

#[test]
fn volume_with_two_sources() {
    let errs = edit(|v| v["spec"]["volumes"][0]["hostPath"] = json!({ "path": "/tmp" }));
    assert_eq!(shape(&errs), [("Forbidden", "spec.volumes[0].hostPath")]);
    assert_eq!(errs[0].message, "Forbidden: may not specify more than 1 volume type");
    // The server misspells the downward API path in this one message.
    // `secret` comes before `downwardAPI` in the server's order.
    let errs = edit(|v| v["spec"]["volumes"][2]["downwardAPI"] = json!({ "items": [] }));
    assert_eq!(shape(&errs), [("Forbidden", "spec.volumes[2].downwarAPI")]);
}

#[test]
fn volume_source_details() {
    let errs = edit(|v| {
        v["spec"]["volumes"][0] = json!({ "name": "cache", "emptyDir": { "sizeLimit": "-1Gi" } });
        v["spec"]["volumes"][1] =
            json!({ "name": "config", "configMap": { "name": "", "defaultMode": 1000, "items": [{ "key": "k", "path": "../x" }] } });
        v["spec"]["volumes"][2] = json!({ "name": "tls", "hostPath": { "path": "" } });
    });
    assert_eq!(
        shape(&errs),
        [
            ("Forbidden", "spec.volumes[0].emptyDir.sizeLimit"),
            ("Required", "spec.volumes[1].configMap.name"),
            ("Invalid", "spec.volumes[1].configMap.defaultMode"),
            ("Invalid", "spec.volumes[1].configMap.items[0].path"),
            ("Required", "spec.volumes[2].hostPath.path"),
        ]
    );
    assert_eq!(errs[2].message, "Invalid value: 1000: must be a number between 0 and 0777 (octal), both inclusive");
    assert_eq!(errs[3].message, "Invalid value: \"../x\": must not contain '..'");
}

#[test]
fn missing_termination_grace_period() {
    let errs = edit(|v| {
        v["spec"].as_object_mut().unwrap().remove("terminationGracePeriodSeconds");
    });
    assert_eq!(shape(&errs), [("Required", "spec.terminationGracePeriodSeconds")]);
    assert_eq!(errs[0].message, "Required value");
}

#[test]
fn bad_pod_restart_and_dns_policy() {
    let errs = edit(|v| {
        v["spec"]["restartPolicy"] = json!("Sometimes");
        v["spec"]["dnsPolicy"] = json!("Google");
    });
    assert_eq!(shape(&errs), [("NotSupported", "spec.restartPolicy"), ("NotSupported", "spec.dnsPolicy")]);
    assert_eq!(errs[0].message, "Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"");
    assert_eq!(
        errs[1].message,
        "Unsupported value: \"Google\": supported values: \"ClusterFirstWithHostNet\", \"ClusterFirst\", \"Default\", \"None\""
    );
}

#[test]
fn duplicate_regular_container_names() {
    let errs = edit(|v| {
        let c = v["spec"]["containers"][0].clone();
        v["spec"]["containers"].as_array_mut().unwrap().push(c);
    });
    // The copy also repeats the port, so the host-port check has nothing to say (no hostPort).
    assert_eq!(shape(&errs), [("Duplicate", "spec.containers[1].name")]);
    assert_eq!(errs[0].message, "Duplicate value: \"app\"");
}

#[test]
fn init_container_named_like_a_regular_one() {
    let errs = edit(|v| v["spec"]["initContainers"][1]["name"] = json!("app"));
    assert_eq!(shape(&errs), [("Duplicate", "spec.initContainers[1].name")]);
}

#[test]
fn restart_policy_on_regular_containers_follows_container_restart_rules() {
    // 1.37: ContainerRestartRules is on, so a valid value is accepted…
    let errs = edit(|v| v["spec"]["containers"][0]["restartPolicy"] = json!("Never"));
    assert!(errs.is_empty(), "{errs:#?}");
    // …and anything else is NotSupported rather than Forbidden.
    let errs = edit(|v| v["spec"]["containers"][0]["restartPolicy"] = json!("Sometimes"));
    assert_eq!(shape(&errs), [("NotSupported", "spec.containers[0].restartPolicy")]);
    assert_eq!(errs[0].message, "Unsupported value: \"Sometimes\": supported values: \"Always\", \"Never\", \"OnFailure\"");
    // Rules need a policy, an exit-code condition and a supported action.
    let errs = edit(|v| v["spec"]["containers"][0]["restartPolicyRules"] = json!([{ "action": "Reboot" }]));
    assert_eq!(
        shape(&errs),
        [
            ("Required", "spec.containers[0].restartPolicy"),
            ("NotSupported", "spec.containers[0].restartPolicyRules[0].action"),
            ("Required", "spec.containers[0].restartPolicyRules[0].exitCodes"),
        ]
    );
}

#[test]
fn init_container_restart_policy_and_probes() {
    let errs = edit(|v| {
        v["spec"]["initContainers"][0]["restartPolicyRules"] =
            json!([{ "action": "Restart", "exitCodes": { "operator": "In", "values": [1] } }]);
        v["spec"]["initContainers"][1]["restartPolicy"] = json!("Sometimes");
        v["spec"]["initContainers"][1]["livenessProbe"] = json!({ "exec": { "command": ["true"] } });
    });
    assert_eq!(
        shape(&errs),
        [
            ("Forbidden", "spec.initContainers[0].restartPolicyRules"),
            ("NotSupported", "spec.initContainers[1].restartPolicy"),
            ("Forbidden", "spec.initContainers[1].livenessProbe"),
        ]
    );
    assert_eq!(errs[2].message, "Forbidden: may not be set for init containers without restartPolicy=Always");
}

#[test]
fn probe_and_lifecycle_details() {
    let errs = edit(|v| {
        let c = &mut v["spec"]["containers"][0];
        c["livenessProbe"]["successThreshold"] = json!(2);
        c["livenessProbe"]["tcpSocket"] = json!({ "port": 0 });
        c["readinessProbe"]["terminationGracePeriodSeconds"] = json!(10);
        c["lifecycle"]["preStop"]["sleep"]["seconds"] = json!(60);
        c["lifecycle"]["postStart"] = json!({});
    });
    assert_eq!(
        shape(&errs),
        [
            ("Required", "spec.containers[0].lifecycle.postStart"),
            ("Invalid", "spec.containers[0].lifecycle.preStop.sleep"),
            ("Forbidden", "spec.containers[0].livenessProbe.tcpSocket"),
            ("Invalid", "spec.containers[0].livenessProbe.successThreshold"),
            ("Invalid", "spec.containers[0].readinessProbe.terminationGracePeriodSeconds"),
        ]
    );
    assert_eq!(errs[1].message, "Invalid value: 60: must be non-negative and less than terminationGracePeriodSeconds (30)");
}

#[test]
fn init_container_host_port_conflict_uses_index_zero() {
    let errs = edit(|v| {
        v["spec"]["initContainers"][1]["ports"] = json!([
            { "containerPort": 80, "hostPort": 8080, "protocol": "TCP" },
            { "containerPort": 81, "hostPort": 8080, "protocol": "TCP" }
        ]);
    });
    assert_eq!(shape(&errs), [("Duplicate", "spec.initContainers[0].ports[1].hostPort")]);
    assert_eq!(errs[0].message, "Duplicate value: \"TCP//8080\"");
}

#[test]
fn image_whitespace_on_regular_and_init_containers() {
    let errs = edit(|v| {
        v["spec"]["containers"][0]["image"] = json!("nginx:1.27 ");
        v["spec"]["initContainers"][1]["image"] = json!("\tbusybox");
    });
    assert_eq!(shape(&errs), [("Invalid", "spec.containers[0].image"), ("Invalid", "spec.initContainers[1].image")]);
    assert_eq!(errs[0].message, "Invalid value: \"nginx:1.27 \": must not have leading or trailing whitespace");
}

#[test]
fn mirror_annotation_needs_a_node_name() {
    let errs = edit(|v| {
        v["metadata"]["annotations"]["kubernetes.io/config.mirror"] = json!("abc123");
        v["spec"].as_object_mut().unwrap().remove("nodeName");
    });
    assert_eq!(shape(&errs), [("Invalid", "metadata.annotations[kubernetes.io/config.mirror]")]);
    assert_eq!(errs[0].message, "Invalid value: \"abc123\": must set spec.nodeName if mirror pod annotation is set");
}

#[test]
fn projected_token_needs_a_service_account() {
    let errs = edit(|v| {
        v["spec"]["serviceAccountName"] = json!("");
        v["spec"]["serviceAccount"] = json!("");
    });
    assert_eq!(shape(&errs), [("Forbidden", "spec.volumes[3].projected.sources[0].serviceAccountToken")]);
    assert_eq!(errs[0].message, "Forbidden: must not be specified when serviceAccountName is not set");
    // The deprecated field stands in for the new one.
    let errs = edit(|v| v["spec"]["serviceAccountName"] = json!(""));
    assert!(errs.is_empty(), "{errs:#?}");
}

#[test]
fn bad_label_key_and_value() {
    let errs = edit(|v| {
        v["metadata"]["labels"]["-bad"] = json!("ok");
        v["metadata"]["labels"]["ok"] = json!("bad value");
    });
    assert_eq!(shape(&errs), [("Invalid", "metadata.labels"), ("Invalid", "metadata.labels")]);
    assert_eq!(
        errs[0].message,
        "Invalid value: \"-bad\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an \
         alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is \
         '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
    );
    assert_eq!(
        errs[1].message,
        "Invalid value: \"bad value\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', \
         and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for \
         validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
    );
}

#[test]
fn object_meta_names() {
    let errs = edit(|v| {
        v["metadata"]["name"] = json!("Web");
        v["metadata"]["namespace"] = json!("my.ns");
        v["metadata"]["finalizers"] = json!(["custom"]);
    });
    assert_eq!(shape(&errs), [("Invalid", "metadata.name"), ("Invalid", "metadata.namespace"), ("Invalid", "metadata.finalizers[0]")]);
    assert_eq!(errs[1].message, "Invalid value: \"my.ns\": must not contain dots");
    assert_eq!(errs[2].message, "Invalid value: \"custom\": name is neither a standard finalizer name nor is it fully qualified");
    let errs = edit(|v| v["metadata"]["name"] = json!(""));
    assert_eq!(errs[0].message, "Required value: name or generateName is required");
}

#[test]
fn deletion_cost_is_ratcheted_away() {
    // The stored pod is both old and new here, so an invalid cost never fails the request.
    let errs = edit(|v| v["metadata"]["annotations"]["controller.kubernetes.io/pod-deletion-cost"] = json!("lots"));
    assert!(errs.is_empty(), "{errs:#?}");
}

#[test]
fn apparmor_annotation_for_a_missing_container() {
    let errs = edit(|v| v["metadata"]["annotations"]["container.apparmor.security.beta.kubernetes.io/gone"] = json!("bogus"));
    assert_eq!(
        shape(&errs),
        [
            ("Invalid", "metadata.annotations[container.apparmor.security.beta.kubernetes.io/gone]"),
            ("Invalid", "metadata.annotations[container.apparmor.security.beta.kubernetes.io/gone]"),
        ]
    );
    assert_eq!(errs[1].message, "Invalid value: \"bogus\": invalid AppArmor profile name: \"bogus\"");
}

#[test]
fn middle_checks() {
    let errs = edit(|v| {
        v["spec"]["hostNetwork"] = json!(true);
        v["spec"]["securityContext"]["runAsUser"] = json!(-1);
        v["spec"]["securityContext"]["sysctls"] =
            json!([{ "name": "net.core.somaxconn", "value": "1" }, { "name": "net.core.somaxconn", "value": "2" }]);
        v["spec"]["dnsConfig"]["searches"][0] = json!("Bad!");
        v["spec"]["topologySpreadConstraints"].as_array_mut().unwrap().push(json!({
            "maxSkew": 0, "topologyKey": "topology.kubernetes.io/zone", "whenUnsatisfiable": "ScheduleAnyway", "minDomains": 2
        }));
    });
    assert_eq!(
        shape(&errs),
        [
            ("Invalid", "spec.containers[0].ports[0].hostPort"),
            ("Invalid", "spec.securityContext.runAsUser"),
            ("Duplicate", "spec.securityContext.sysctls[1].name"),
            ("Invalid", "spec.dnsConfig.searches[0]"),
            ("Duplicate", "spec.topologySpreadConstraints[0].{topologyKey, whenUnsatisfiable}"),
            ("Invalid", "spec.topologySpreadConstraints[1].maxSkew"),
            ("Invalid", "spec.topologySpreadConstraints[1].minDomains"),
        ]
    );
    assert_eq!(errs[0].message, "Invalid value: 0: must match `containerPort` when `hostNetwork` is true");
    assert_eq!(errs[1].message, "Invalid value: -1: must be between 0 and 2147483647, inclusive");
    assert_eq!(errs[4].message, "Duplicate value: \"{topology.kubernetes.io/zone, ScheduleAnyway}\"");
    assert_eq!(errs[6].message, "Invalid value: 2: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway");
}

#[test]
fn dns_policy_none_needs_nameservers() {
    let errs = edit(|v| {
        v["spec"]["dnsPolicy"] = json!("None");
        v["spec"].as_object_mut().unwrap().remove("dnsConfig");
    });
    assert_eq!(shape(&errs), [("Required", "spec.dnsConfig")]);
    assert_eq!(errs[0].message, "Required value: must provide `dnsConfig` when `dnsPolicy` is None");
}

#[test]
fn tail_checks() {
    let errs = edit(|v| {
        v["spec"]["hostUsers"] = json!(false);
        v["spec"]["hostPID"] = json!(true);
        v["spec"]["activeDeadlineSeconds"] = json!(0);
        v["spec"]["hostname"] = json!("web.1");
        v["spec"]["tolerations"].as_array_mut().unwrap().push(json!({ "operator": "Equal", "value": "x" }));
        v["spec"]["hostAliases"][0]["ip"] = json!("localhost");
        v["spec"]["preemptionPolicy"] = json!("Sometimes");
    });
    assert_eq!(
        shape(&errs),
        [
            ("Forbidden", "spec.HostPID"),
            ("Invalid", "spec.activeDeadlineSeconds"),
            ("Invalid", "spec.hostname"),
            ("Invalid", "spec.tolerations[2].operator"),
            ("Invalid", "spec.hostAliases[0].ip"),
            ("NotSupported", "spec.preemptionPolicy"),
        ]
    );
    assert_eq!(errs[0].message, "Forbidden: when `hostUsers` is false");
    assert_eq!(errs[1].message, "Invalid value: 0: must be between 1 and 2147483647, inclusive");
    assert_eq!(
        errs[3].message,
        "Invalid value: \"Equal\": operator must be Exists when `key` is empty, which means \"match all values and all keys\""
    );
}

#[test]
fn resource_claims_on_a_static_pod() {
    let errs = edit(|v| {
        v["metadata"]["annotations"]["kubernetes.io/config.mirror"] = json!("abc");
        v["spec"]["resourceClaims"] = json!([{ "name": "gpu", "resourceClaimName": "gpu-claim" }]);
    });
    assert_eq!(shape(&errs), [("Forbidden", "[]")]);
    assert_eq!(errs[0].message, "Forbidden: static pods do not support resource claims");
}

#[test]
fn generate_name_masks_the_trailing_dash_like_the_server() {
    assert_eq!(names::mask_trailing_dash(b"web-7d4b9c8f6-"), b"web-7d4b9c8fa");
    assert_eq!(names::mask_trailing_dash(b"-"), b"-");
    assert!(name_is_dns_subdomain("web-", true).is_empty());
}

#[test]
fn dns_label_messages() {
    assert_eq!(
        dns1123_label("Debug", LATEST),
        ["a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an \
          alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"]
    );
    assert_eq!(dns1123_label(&"a".repeat(64), LATEST), ["must be no more than 63 characters"]);
    assert_eq!(names::label_key_errors("a/b/c", LATEST).len(), 1);
    let regex = format!(
        "name part {}",
        regex_error(
            "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
            "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]",
            &["MyName", "my.name", "123-abc"]
        )
    );
    assert_eq!(names::label_key_errors("example.com/", LATEST), ["name part must be non-empty", regex.as_str()]);
    assert!(parse_ip_sloppy("010.001.1.1") && !parse_ip_sloppy("1.2.3") && parse_ip_sloppy("::1"));
    assert!(
        is_valid_sysctl_name("kernel.shm_rmid_forced")
            && is_valid_sysctl_name("net/ipv4/conf/eth0.100/forwarding")
            && !is_valid_sysctl_name("net..x")
    );
}

#[test]
fn stop_signal_needs_an_os() {
    let p = pod();
    let mut spec = p.spec.clone().unwrap();
    spec.containers[0].lifecycle.as_mut().unwrap().stop_signal = Some("SIGUSR1".into());
    let mut errs = Errs::new();
    let path = Path::root("spec").child("containers").index(0);
    validate_regular_container_extras_in(&spec.containers[0], &mut Vec::new(), Some(30), &PodFacts::default(), &path, &mut errs);
    assert_eq!(shape(&errs), [("Forbidden", "spec.containers[0].lifecycle.stopSignal")]);
    spec.os = Some(k8s_openapi::api::core::v1::PodOS { name: "windows".into() });
    let mut errs = Errs::new();
    validate_regular_container_extras_in(&spec.containers[0], &mut Vec::new(), Some(30), &PodFacts::of(&spec), &path, &mut errs);
    assert_eq!(errs[0].message, "Unsupported value: \"SIGUSR1\": supported values: \"SIGKILL\", \"SIGTERM\"");
}

#[test]
fn containers_must_be_present() {
    let errs = edit(|v| v["spec"]["containers"] = json!([]));
    // The AppArmor annotation now names a container that is gone.
    assert_eq!(
        shape(&errs),
        [("Invalid", "metadata.annotations[container.apparmor.security.beta.kubernetes.io/app]"), ("Required", "spec.containers")]
    );
}
