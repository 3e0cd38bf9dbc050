//! The library's own cases: the fixtures of k8s.io/pod-security-admission `test/fixtures*.go`
//! (which mutations of a minimal pod pass and fail each check at each level and version),
//! the exact texts of `policy/*_test.go`, `api/helpers_test.go`'s label cases, and
//! `admission/admission_test.go`'s flow, written again as tables of JSON pods.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{EphemeralContainer, Pod};
use serde_json::{json, Value};

use super::checks::{PodView, CHECKS};
use super::*;
use crate::path::{segments, Segment};

const B: Level = Level::Baseline;
const R: Level = Level::Restricted;

fn pod(v: &Value) -> Pod {
    serde_json::from_value(v.clone()).unwrap_or_else(|e| panic!("not a pod: {e}: {v}"))
}

fn at(level: Level, v: u64) -> LevelVersion {
    LevelVersion { level, version: Version::Minor(v) }
}

/// The pod's checks at `lv` on `server`, with its own ephemeral containers.
fn eval(p: &Value, lv: LevelVersion, server: u32) -> Vec<Violation> {
    let p = pod(p);
    let eph = p.spec.as_ref().and_then(|s| s.ephemeral_containers.clone()).unwrap_or_default();
    evaluate(lv, &p, &eph, server)
}

/// `ForbiddenDetail()` of the violations.
fn detail(violations: Vec<Violation>) -> String {
    Verdict { policy: at(B, 0), violations }.detail()
}

/// `tweak`: a copy of `p`, changed by `f`.
fn tw(p: &Value, f: impl FnOnce(&mut Value)) -> Value {
    let mut q = p.clone();
    f(&mut q);
    q
}

fn c0(p: &mut Value) -> &mut Value {
    &mut p["spec"]["containers"][0]
}

fn i0(p: &mut Value) -> &mut Value {
    &mut p["spec"]["initContainers"][0]
}

fn drops_all(p: &Value) -> bool {
    p["spec"]["containers"][0]["securityContext"]["capabilities"]["drop"].as_array().is_some_and(|d| d.contains(&json!("ALL")))
}

// --- test/fixtures.go ---

/// The minimal valid pod of a level and version (`minimalValidPods`, and the Linux and
/// Windows ones when `os` is given).
fn minimal(level: Level, v: u64, os: Option<&str>) -> Value {
    let mut p = json!({"spec": {
        "initContainers": [{"name": "initcontainer1", "image": "registry.k8s.io/pause"}],
        "containers": [{"name": "container1", "image": "registry.k8s.io/pause"}]}});
    if level == R {
        p["spec"]["securityContext"] = json!({"runAsNonRoot": true});
        // None of the restricted requirements added between 1.0 and 1.25 apply to Windows pods.
        let linux = !(os == Some("windows") && v >= 25);
        if linux && v >= 8 {
            *c0(&mut p) =
                json!({"name": "container1", "image": "registry.k8s.io/pause", "securityContext": {"allowPrivilegeEscalation": false}});
            *i0(&mut p) =
                json!({"name": "initcontainer1", "image": "registry.k8s.io/pause", "securityContext": {"allowPrivilegeEscalation": false}});
        }
        if linux && v >= 19 {
            p["spec"]["securityContext"]["seccompProfile"] = json!({"type": "RuntimeDefault"});
        }
        if linux && v >= 22 {
            c0(&mut p)["securityContext"]["capabilities"] = json!({"drop": ["ALL"]});
            i0(&mut p)["securityContext"]["capabilities"] = json!({"drop": ["ALL"]});
        }
    }
    if let Some(os) = os {
        p["spec"]["os"] = json!({"name": os});
    }
    p
}

/// `generatePass`: the pods that pass, from the minimal pod of a level.
type Pass = fn(&Value, Level) -> Vec<Value>;

/// One fixture generator (`fixtureGenerator`) of a check, registered from policy version
/// `since`; baseline ones serve restricted too.
struct Fixture {
    check: &'static str,
    level: Level,
    since: u64,
    /// `expectErrorSubstring`, the check id when the generator sets none.
    expect: &'static str,
    pass: Pass,
    fail: fn(&Value) -> Vec<Value>,
}

const APPARMOR: &str = "container.apparmor.security.beta.kubernetes.io/";

fn volume_pod(p: &Value, volumes: Value) -> Value {
    tw(p, |p| p["spec"]["volumes"] = volumes)
}

fn sysctl_pod(p: &Value, names: &[(&str, &str)]) -> Value {
    tw(p, |p| p["spec"]["securityContext"]["sysctls"] = names.iter().map(|(n, v)| json!({"name": n, "value": v})).collect())
}

fn no_sysctls(p: &Value) -> Value {
    tw(p, |p| p["spec"]["securityContext"]["sysctls"] = Value::Null)
}

/// The fixtures of test/fixtures_*.go.
fn fixtures() -> Vec<Fixture> {
    let mut f = vec![
        // fixtures_allowPrivilegeEscalation.go
        Fixture {
            check: "allowPrivilegeEscalation",
            level: R,
            since: 8,
            expect: "allowPrivilegeEscalation",
            pass: |_, _| vec![],
            fail: |p| {
                vec![
                    tw(p, |p| c0(p)["securityContext"]["allowPrivilegeEscalation"] = json!(true)),
                    tw(p, |p| i0(p)["securityContext"]["allowPrivilegeEscalation"] = json!(true)),
                    tw(p, |p| c0(p)["securityContext"]["allowPrivilegeEscalation"] = Value::Null),
                    tw(p, |p| c0(p)["securityContext"] = Value::Null),
                ]
            },
        },
        // fixtures_appArmorProfile.go (its pass case names the container twice: one annotation)
        Fixture {
            check: "appArmorProfile",
            level: B,
            since: 0,
            expect: "forbidden AppArmor profile",
            pass: |p, _| {
                vec![tw(p, |p| {
                    p["metadata"]["annotations"][format!("{APPARMOR}container1")] = json!("runtime/default");
                    p["metadata"]["annotations"][format!("{APPARMOR}container1")] = json!("localhost/foo");
                })]
            },
            fail: |p| {
                vec![
                    tw(p, |p| p["metadata"]["annotations"][format!("{APPARMOR}container1")] = json!("unconfined")),
                    tw(p, |p| p["metadata"]["annotations"][format!("{APPARMOR}initcontainer1")] = json!("unconfined")),
                ]
            },
        },
        // fixtures_capabilities_baseline.go
        Fixture {
            check: "capabilities_baseline",
            level: B,
            since: 0,
            expect: "capabilities",
            pass: |p, _| {
                if drops_all(p) {
                    return vec![];
                }
                let all = json!([
                    "AUDIT_WRITE",
                    "CHOWN",
                    "DAC_OVERRIDE",
                    "FOWNER",
                    "FSETID",
                    "KILL",
                    "MKNOD",
                    "NET_BIND_SERVICE",
                    "SETFCAP",
                    "SETGID",
                    "SETPCAP",
                    "SETUID",
                    "SYS_CHROOT"
                ]);
                vec![tw(p, |p| {
                    c0(p)["securityContext"]["capabilities"]["add"] = all.clone();
                    i0(p)["securityContext"]["capabilities"]["add"] = all;
                })]
            },
            fail: |p| {
                let add = |p: &Value, on: fn(&mut Value) -> &mut Value, cap: &str| {
                    tw(p, |p| on(p)["securityContext"]["capabilities"]["add"] = json!([cap]))
                };
                vec![add(p, c0, "NET_RAW"), add(p, i0, "NET_RAW"), add(p, c0, "chown"), add(p, c0, "CAP_CHOWN")]
            },
        },
        // fixtures_capabilities_restricted.go
        Fixture {
            check: "capabilities_restricted",
            level: R,
            since: 22,
            expect: "unrestricted capabilities",
            pass: |p, _| {
                let caps = json!({"drop": ["ALL"], "add": ["NET_BIND_SERVICE"]});
                vec![tw(p, |p| {
                    c0(p)["securityContext"]["capabilities"] = caps.clone();
                    i0(p)["securityContext"]["capabilities"] = caps;
                })]
            },
            fail: |p| {
                let each = json!([
                    "SYS_TIME",
                    "SYS_MODULE",
                    "SYS_RAWIO",
                    "SYS_PACCT",
                    "SYS_ADMIN",
                    "SYS_NICE",
                    "SYS_RESOURCE",
                    "SYS_TIME",
                    "SYS_TTY_CONFIG",
                    "MKNOD",
                    "AUDIT_WRITE",
                    "AUDIT_CONTROL",
                    "MAC_OVERRIDE",
                    "MAC_ADMIN",
                    "NET_ADMIN",
                    "SYSLOG",
                    "CHOWN",
                    "NET_RAW",
                    "DAC_OVERRIDE",
                    "FOWNER",
                    "DAC_READ_SEARCH",
                    "FSETID",
                    "KILL",
                    "SETGID",
                    "SETUID",
                    "LINUX_IMMUTABLE",
                    "NET_BIND_SERVICE",
                    "NET_BROADCAST",
                    "IPC_LOCK",
                    "IPC_OWNER",
                    "SYS_CHROOT",
                    "SYS_PTRACE",
                    "SYS_BOOT",
                    "LEASE",
                    "SETFCAP",
                    "WAKE_ALARM",
                    "BLOCK_SUSPEND"
                ]);
                let back = json!([
                    "AUDIT_WRITE",
                    "CHOWN",
                    "DAC_OVERRIDE",
                    "FOWNER",
                    "FSETID",
                    "KILL",
                    "MKNOD",
                    "NET_BIND_SERVICE",
                    "SETFCAP",
                    "SETGID",
                    "SETPCAP",
                    "SETUID",
                    "SYS_CHROOT"
                ]);
                vec![
                    tw(p, |p| c0(p)["securityContext"]["capabilities"]["drop"] = json!([])),
                    tw(p, |p| i0(p)["securityContext"]["capabilities"]["drop"] = json!([])),
                    tw(p, |p| {
                        c0(p)["securityContext"]["capabilities"]["drop"] = each.clone();
                        i0(p)["securityContext"]["capabilities"]["drop"] = each;
                    }),
                    tw(p, |p| {
                        let caps = json!({"drop": ["ALL"], "add": back});
                        c0(p)["securityContext"]["capabilities"] = caps.clone();
                        i0(p)["securityContext"]["capabilities"] = caps;
                    }),
                ]
            },
        },
        // fixtures_hostNamespaces.go
        Fixture {
            check: "hostNamespaces",
            level: B,
            since: 0,
            expect: "host namespaces",
            pass: |_, _| vec![],
            fail: |p| ["hostIPC", "hostNetwork", "hostPID"].iter().map(|k| tw(p, |p| p["spec"][*k] = json!(true))).collect(),
        },
        // fixtures_hostPathVolumes.go
        Fixture {
            check: "hostPathVolumes",
            level: B,
            since: 0,
            expect: "hostPath",
            pass: |_, _| vec![],
            fail: |p| {
                vec![
                    volume_pod(
                        p,
                        json!([{"name": "volume-emptydir", "emptyDir": {}}, {"name": "volume-hostpath", "hostPath": {"path": "/a"}}]),
                    ),
                    volume_pod(
                        p,
                        json!([{"name": "volume-hostpath-a", "hostPath": {"path": "/a"}}, {"name": "volume-hostpath-b", "hostPath": {"path": "/b"}}]),
                    ),
                ]
            },
        },
        // fixtures_hostPorts.go
        Fixture {
            check: "hostPorts",
            level: B,
            since: 0,
            expect: "hostPort",
            pass: |p, _| {
                vec![tw(p, |p| {
                    c0(p)["ports"] = json!([{"containerPort": 12345}]);
                    i0(p)["ports"] = json!([{"containerPort": 12346}]);
                })]
            },
            fail: |p| {
                vec![
                    tw(p, |p| c0(p)["ports"] = json!([{"containerPort": 12345, "hostPort": 12345}])),
                    tw(p, |p| i0(p)["ports"] = json!([{"containerPort": 12346, "hostPort": 12346}])),
                    tw(p, |p| {
                        c0(p)["ports"] = json!([{"containerPort": 12345, "hostPort": 12345}, {"containerPort": 12347}]);
                        i0(p)["ports"] = json!([{"containerPort": 12346, "hostPort": 12346}, {"containerPort": 12348}]);
                    }),
                ]
            },
        },
        // fixtures_hostProbesAndHostLifecycle.go
        Fixture {
            check: "hostProbesAndHostLifecycle",
            level: B,
            since: 34,
            expect: "probe or lifecycle host",
            pass: |p, _| {
                vec![
                    p.clone(),
                    tw(p, |p| c0(p)["livenessProbe"] = json!({"httpGet": {"port": 8080}})),
                    tw(p, |p| c0(p)["readinessProbe"] = json!({"tcpSocket": {"port": 8080}})),
                ]
            },
            fail: |p| {
                vec![
                    tw(p, |p| c0(p)["livenessProbe"] = json!({"httpGet": {"host": "bad.host", "port": 8080}})),
                    tw(p, |p| {
                        i0(p)["restartPolicy"] = json!("Always");
                        i0(p)["readinessProbe"] = json!({"tcpSocket": {"host": "8.8.8.8", "port": 8080}});
                    }),
                    tw(p, |p| c0(p)["lifecycle"] = json!({"postStart": {"httpGet": {"host": "bad.host", "port": 8080}}})),
                    tw(p, |p| c0(p)["livenessProbe"] = json!({"httpGet": {"host": "127.0.0.1", "port": 8080}})),
                    tw(p, |p| c0(p)["readinessProbe"] = json!({"tcpSocket": {"host": "::1", "port": 8080}})),
                ]
            },
        },
        // fixtures_privileged.go
        Fixture {
            check: "privileged",
            level: B,
            since: 0,
            expect: "privileged",
            pass: |p, _| {
                vec![tw(p, |p| {
                    c0(p)["securityContext"]["privileged"] = json!(false);
                    i0(p)["securityContext"]["privileged"] = json!(false);
                })]
            },
            fail: |p| {
                let on = |p: &Value, c: fn(&mut Value) -> &mut Value| {
                    tw(p, |p| {
                        c(p)["securityContext"]["privileged"] = json!(true);
                        c(p)["securityContext"]["allowPrivilegeEscalation"] = Value::Null;
                    })
                };
                vec![on(p, c0), on(p, i0)]
            },
        },
        // fixtures_procMount.go, 1.0
        Fixture {
            check: "procMount",
            level: B,
            since: 0,
            expect: "procMount",
            pass: |p, _| vec![proc_mount_pod(p, [Some("Default"), Some("Default")], false)],
            fail: |p| vec![proc_mount_pod(p, [Some("Unmasked"), None], false), proc_mount_pod(p, [None, Some("Unmasked")], false)],
        },
        // fixtures_procMount.go, 1.35 baseline
        Fixture {
            check: "procMount",
            level: B,
            since: 35,
            expect: "procMount",
            pass: |p, level| {
                let mut out = vec![proc_mount_pod(p, [Some("Default"), Some("Default")], false)];
                if level != R {
                    out.push(proc_mount_pod(p, [Some("Unmasked"), Some("Unmasked")], false));
                }
                out
            },
            fail: |p| vec![proc_mount_pod(p, [Some("Unmasked"), None], true), proc_mount_pod(p, [None, Some("Unmasked")], true)],
        },
        // fixtures_procMount.go, 1.35 restricted
        Fixture {
            check: "procMount_restricted",
            level: R,
            since: 35,
            expect: "procMount",
            pass: |p, _| vec![proc_mount_pod(p, [Some("Default"), Some("Default")], false)],
            fail: |p| vec![proc_mount_pod(p, [Some("Unmasked"), None], false), proc_mount_pod(p, [None, Some("Unmasked")], false)],
        },
        // fixtures_restrictedVolumes.go
        Fixture {
            check: "restrictedVolumes",
            level: R,
            since: 0,
            expect: "restricted volume types",
            pass: |p, _| {
                vec![volume_pod(
                    p,
                    json!([
                        {"name": "volume0"},
                        {"name": "volume1", "emptyDir": {}},
                        {"name": "volume2", "secret": {"secretName": "test"}},
                        {"name": "volume3", "persistentVolumeClaim": {"claimName": "test"}},
                        {"name": "volume4", "downwardAPI": {"items": [{"path": "labels", "fieldRef": {"fieldPath": "metadata.labels"}}]}},
                        {"name": "volume5", "configMap": {"name": "test"}},
                        {"name": "volume6", "projected": {"sources": []}}
                    ]),
                )]
            },
            fail: |p| {
                [
                    json!({"gcePersistentDisk": {"pdName": "test"}}),
                    json!({"awsElasticBlockStore": {"volumeID": "test"}}),
                    json!({"gitRepo": {"repository": "github.com/kubernetes/kubernetes"}}),
                    json!({"nfs": {"server": "test", "path": "/test"}}),
                    json!({"iscsi": {"targetPortal": "test", "iqn": "iqn.2001-04.com.example:storage.kube.sys1.xyz", "lun": 0}}),
                    json!({"glusterfs": {"path": "test", "endpoints": "test"}}),
                    json!({"rbd": {"monitors": ["test"], "image": "test"}}),
                    json!({"flexVolume": {"driver": "test"}}),
                    json!({"cinder": {"volumeID": "test"}}),
                    json!({"cephfs": {"monitors": ["test"]}}),
                    json!({"flocker": {"datasetName": "test"}}),
                    json!({"fc": {"wwids": ["test"]}}),
                    json!({"azureFile": {"secretName": "test", "shareName": "test"}}),
                    json!({"vsphereVolume": {"volumePath": "test"}}),
                    json!({"quobyte": {"registry": "localhost:1234", "volume": "test"}}),
                    json!({"azureDisk": {"diskName": "test", "diskURI": "https://test.blob.core.windows.net/test/test.vhd"}}),
                    json!({"portworxVolume": {"volumeID": "test", "fsType": "ext4"}}),
                    json!({"scaleIO": {"volumeName": "test", "gateway": "localhost", "system": "test", "secretRef": {}}}),
                    json!({"storageos": {"volumeName": "test"}}),
                    json!({"hostPath": {"path": "/dev/null"}}),
                ]
                .into_iter()
                .map(|mut source| {
                    source["name"] = json!("volume1");
                    volume_pod(p, json!([source]))
                })
                .collect()
            },
        },
        // fixtures_runAsNonRoot.go
        Fixture {
            check: "runAsNonRoot",
            level: R,
            since: 0,
            expect: "runAsNonRoot",
            pass: |p, _| {
                vec![
                    tw(p, |p| {
                        p["spec"]["securityContext"]["runAsNonRoot"] = json!(true);
                        c0(p)["securityContext"]["runAsNonRoot"] = Value::Null;
                        i0(p)["securityContext"]["runAsNonRoot"] = Value::Null;
                    }),
                    tw(p, |p| {
                        p["spec"]["securityContext"]["runAsNonRoot"] = Value::Null;
                        c0(p)["securityContext"]["runAsNonRoot"] = json!(true);
                        i0(p)["securityContext"]["runAsNonRoot"] = json!(true);
                    }),
                ]
            },
            fail: |p| {
                vec![
                    tw(p, |p| {
                        p["spec"]["securityContext"]["runAsNonRoot"] = Value::Null;
                        c0(p)["securityContext"]["runAsNonRoot"] = Value::Null;
                        i0(p)["securityContext"]["runAsNonRoot"] = Value::Null;
                    }),
                    tw(p, |p| p["spec"]["securityContext"]["runAsNonRoot"] = json!(false)),
                    tw(p, |p| c0(p)["securityContext"]["runAsNonRoot"] = json!(false)),
                    tw(p, |p| i0(p)["securityContext"]["runAsNonRoot"] = json!(false)),
                ]
            },
        },
        // fixtures_runAsUser.go
        Fixture {
            check: "runAsUser",
            level: R,
            since: 23,
            expect: "runAsUser",
            pass: |p, _| {
                vec![tw(p, |p| {
                    p["spec"]["securityContext"]["runAsUser"] = json!(1000);
                    c0(p)["securityContext"]["runAsUser"] = json!(1000);
                    i0(p)["securityContext"]["runAsUser"] = json!(1000);
                })]
            },
            fail: |p| {
                vec![
                    tw(p, |p| p["spec"]["securityContext"]["runAsUser"] = json!(0)),
                    tw(p, |p| c0(p)["securityContext"]["runAsUser"] = json!(0)),
                    tw(p, |p| i0(p)["securityContext"]["runAsUser"] = json!(0)),
                ]
            },
        },
        // fixtures_seLinuxOptions.go
        Fixture {
            check: "seLinuxOptions",
            level: B,
            since: 0,
            expect: "seLinuxOptions",
            pass: |p, _| {
                vec![
                    tw(p, |p| i0(p)["securityContext"]["seLinuxOptions"] = json!({})),
                    tw(p, |p| {
                        p["spec"]["securityContext"]["seLinuxOptions"] = json!({"type": "container_t", "level": ""});
                        c0(p)["securityContext"]["seLinuxOptions"] = json!({"type": "container_init_t", "level": "somevalue"});
                        i0(p)["securityContext"]["seLinuxOptions"] = json!({"type": "container_kvm_t"});
                    }),
                ]
            },
            fail: |p| {
                vec![
                    tw(p, |p| p["spec"]["securityContext"]["seLinuxOptions"]["type"] = json!("somevalue")),
                    tw(p, |p| c0(p)["securityContext"]["seLinuxOptions"]["type"] = json!("somevalue")),
                    tw(p, |p| i0(p)["securityContext"]["seLinuxOptions"]["type"] = json!("somevalue")),
                    tw(p, |p| p["spec"]["securityContext"]["seLinuxOptions"]["user"] = json!("somevalue")),
                    tw(p, |p| p["spec"]["securityContext"]["seLinuxOptions"]["role"] = json!("somevalue")),
                ]
            },
        },
        // fixtures_seccompProfile_baseline.go, 1.0: the alpha annotations
        Fixture {
            check: "seccompProfile_baseline",
            level: B,
            since: 0,
            expect: "seccompProfile",
            pass: |p, _| {
                vec![tw(p, |p| {
                    p["metadata"]["annotations"]["seccomp.security.alpha.kubernetes.io/pod"] = json!("runtime/default");
                    p["metadata"]["annotations"]["container.seccomp.security.alpha.kubernetes.io/container1"] = json!("localhost/testing");
                })]
            },
            fail: |p| {
                [
                    "seccomp.security.alpha.kubernetes.io/pod",
                    "container.seccomp.security.alpha.kubernetes.io/container1",
                    "container.seccomp.security.alpha.kubernetes.io/initcontainer1",
                ]
                .iter()
                .map(|k| tw(p, |p| p["metadata"]["annotations"][*k] = json!("unconfined")))
                .collect()
            },
        },
        // fixtures_seccompProfile_baseline.go, 1.19: the fields
        Fixture {
            check: "seccompProfile_baseline",
            level: B,
            since: 19,
            expect: "seccompProfile",
            pass: |p, _| {
                if p["spec"]["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault" {
                    return vec![];
                }
                vec![tw(p, |p| {
                    p["spec"]["securityContext"]["seccompProfile"] = json!({"type": "RuntimeDefault"});
                    c0(p)["securityContext"]["seccompProfile"] = json!({"type": "RuntimeDefault"});
                })]
            },
            fail: |p| {
                let unconfined = json!({"type": "Unconfined"});
                vec![
                    tw(p, |p| p["spec"]["securityContext"]["seccompProfile"] = unconfined.clone()),
                    tw(p, |p| c0(p)["securityContext"]["seccompProfile"] = unconfined.clone()),
                    tw(p, |p| i0(p)["securityContext"]["seccompProfile"] = unconfined.clone()),
                ]
            },
        },
        // fixtures_seccompProfile_restricted.go
        Fixture {
            check: "seccompProfile_restricted",
            level: R,
            since: 19,
            expect: "seccompProfile",
            pass: |p, _| {
                let rd = json!({"type": "RuntimeDefault"});
                let local = json!({"type": "Localhost", "localhostProfile": "testing"});
                vec![
                    tw(p, |p| p["spec"]["securityContext"]["seccompProfile"] = rd.clone()),
                    tw(p, |p| p["spec"]["securityContext"]["seccompProfile"] = local.clone()),
                    tw(p, |p| {
                        p["spec"]["securityContext"]["seccompProfile"] = Value::Null;
                        c0(p)["securityContext"]["seccompProfile"] = rd.clone();
                        i0(p)["securityContext"]["seccompProfile"] = local.clone();
                    }),
                ]
            },
            fail: |p| {
                let (rd, unconfined) = (json!({"type": "RuntimeDefault"}), json!({"type": "Unconfined"}));
                let unset = |p: &mut Value| p["spec"]["securityContext"]["seccompProfile"] = Value::Null;
                vec![
                    tw(p, unset),
                    tw(p, |p| p["spec"]["securityContext"]["seccompProfile"] = unconfined.clone()),
                    tw(p, |p| {
                        unset(p);
                        c0(p)["securityContext"]["seccompProfile"] = rd.clone();
                    }),
                    tw(p, |p| {
                        unset(p);
                        i0(p)["securityContext"]["seccompProfile"] = rd.clone();
                    }),
                    tw(p, |p| {
                        unset(p);
                        c0(p)["securityContext"]["seccompProfile"] = rd.clone();
                        i0(p)["securityContext"]["seccompProfile"] = unconfined.clone();
                    }),
                ]
            },
        },
        // fixtures_windowsHostProcess.go (hostNetwork too, as API validation wants)
        Fixture {
            check: "windowsHostProcess",
            level: B,
            since: 0,
            expect: "hostProcess",
            pass: |_, _| vec![],
            fail: |p| {
                vec![
                    tw(p, |p| {
                        p["spec"]["hostNetwork"] = json!(true);
                        p["spec"]["securityContext"]["windowsOptions"]["hostProcess"] = json!(true);
                    }),
                    tw(p, |p| {
                        p["spec"]["hostNetwork"] = json!(true);
                        c0(p)["securityContext"]["windowsOptions"]["hostProcess"] = json!(true);
                        i0(p)["securityContext"]["windowsOptions"]["hostProcess"] = json!(true);
                    }),
                ]
            },
        },
    ];
    // fixtures_sysctls.go: each version's pass list, and "othersysctl" failing.
    let sysctls: [(u64, Pass); 5] = [
        (0, |p, _| {
            let names = [
                ("kernel.shm_rmid_forced", "0"),
                ("net.ipv4.ip_local_port_range", "1024 65535"),
                ("net.ipv4.tcp_syncookies", "0"),
                ("net.ipv4.ping_group_range", "1 0"),
                ("net.ipv4.ip_unprivileged_port_start", "1024"),
            ];
            vec![no_sysctls(p), sysctl_pod(p, &names)]
        }),
        (27, |p, _| {
            let names = [
                ("kernel.shm_rmid_forced", "0"),
                ("net.ipv4.ip_local_port_range", "1024 65535"),
                ("net.ipv4.tcp_syncookies", "0"),
                ("net.ipv4.ping_group_range", "1 0"),
                ("net.ipv4.ip_unprivileged_port_start", "1024"),
                ("net.ipv4.ip_local_reserved_ports", "1024-4999"),
            ];
            vec![no_sysctls(p), sysctl_pod(p, &names)]
        }),
        (29, |p, _| {
            let names = [
                ("kernel.shm_rmid_forced", "0"),
                ("net.ipv4.ip_local_port_range", "1024 65535"),
                ("net.ipv4.tcp_syncookies", "0"),
                ("net.ipv4.ping_group_range", "1 0"),
                ("net.ipv4.ip_unprivileged_port_start", "1024"),
                ("net.ipv4.ip_local_reserved_ports", "1024-4999"),
                ("net.ipv4.tcp_keepalive_time", "7200"),
                ("net.ipv4.tcp_fin_timeout", "60"),
                ("net.ipv4.tcp_keepalive_intvl", "75"),
                ("net.ipv4.tcp_keepalive_probes", "9"),
            ];
            vec![no_sysctls(p), sysctl_pod(p, &names)]
        }),
        (32, |p, _| {
            vec![
                no_sysctls(p),
                sysctl_pod(p, &[("net.ipv4.tcp_rmem", "4096 87380 16777216"), ("net.ipv4.tcp_wmem", "4096 65536 16777216")]),
            ]
        }),
        (37, |p, _| {
            vec![no_sysctls(p), sysctl_pod(p, &[("net.ipv4.tcp_slow_start_after_idle", "0"), ("net.ipv4.tcp_notsent_lowat", "16384")])]
        }),
    ];
    for (since, pass) in sysctls {
        f.push(Fixture {
            check: "sysctls",
            level: B,
            since,
            expect: "forbidden sysctl",
            pass,
            fail: |p| vec![sysctl_pod(p, &[("othersysctl", "other")])],
        });
    }
    f
}

/// `procMount` on container1 and initcontainer1, and `hostUsers`.
fn proc_mount_pod(p: &Value, mounts: [Option<&str>; 2], host_users: bool) -> Value {
    tw(p, |p| {
        if let Some(m) = mounts[0] {
            c0(p)["securityContext"]["procMount"] = json!(m);
        }
        if let Some(m) = mounts[1] {
            i0(p)["securityContext"]["procMount"] = json!(m);
        }
        p["spec"]["hostUsers"] = json!(host_users);
    })
}

/// Applies `fixes` to a JSON pod: objects are made along the path; [`FixValue::Remove`]
/// takes a key out, or a list item.
fn apply(p: &Value, fixes: &[Fix]) -> Value {
    fn drop_marked(v: &mut Value) {
        match v {
            Value::Array(items) => {
                items.retain(|i| *i != json!("<removed>"));
                items.iter_mut().for_each(drop_marked);
            }
            Value::Object(o) => o.values_mut().for_each(drop_marked),
            _ => {}
        }
    }
    let mut q = p.clone();
    for f in fixes {
        let segs = segments(&f.path);
        let (last, parents) = segs.split_last().expect("a path");
        let mut cur = &mut q;
        for s in parents {
            cur = match s {
                Segment::Field(k) | Segment::Key(k) => &mut cur[*k],
                Segment::Index(i) => &mut cur[*i],
            };
        }
        let value = match &f.value {
            FixValue::Remove => None,
            FixValue::Bool(b) => Some(json!(b)),
            FixValue::Str(s) => Some(json!(s)),
            FixValue::List(l) => Some(json!(l)),
        };
        match (last, value) {
            (Segment::Index(i), v) => cur[*i] = v.unwrap_or(json!("<removed>")),
            (Segment::Field(k) | Segment::Key(k), Some(v)) => cur[*k] = v,
            (Segment::Field(k) | Segment::Key(k), None) => {
                cur.as_object_mut().map(|o| o.remove(*k));
            }
        }
    }
    drop_marked(&mut q);
    q
}

/// test/run.go, for every API server: at each level and policy version, the minimal pods
/// pass; for every check that applies, its fixture's pass pods pass, and its fail pods are
/// refused with the expected text. Applying the fixes of a refusal leaves nothing to refuse.
#[test]
fn the_library_fixtures_pass_and_fail_at_every_level_version_and_server() {
    let fixtures = fixtures();
    let mut counted = 0;
    for server in 25..=37u32 {
        for level in [B, R] {
            // computeVersionsToTest: the versions where a check or a fixture changes, the
            // oldest, the server's, and newer ones.
            let s = u64::from(server);
            let mut versions = vec![0, 7, 8, 18, 19, 21, 22, 23, 24, 25, 26, 27, 28, 29, 31, 32, 33, 34, 35, 36, 37, s, s + 1, 1000];
            versions.retain(|v| *v <= s + 1 || *v == 1000);
            versions.sort_unstable();
            versions.dedup();
            for v in versions {
                // A version newer than the server is the server's newest.
                let eff = v.min(u64::from(server));
                let lv = at(level, v);
                let base = minimal(level, eff, None);
                for os in [None, Some("linux"), Some("windows")] {
                    let p = minimal(level, eff, os);
                    assert_eq!(eval(&p, lv, server), vec![], "{lv} on 1.{server}: minimal {os:?} pod {p}");
                }
                for f in fixtures.iter().filter(|f| f.level <= level) {
                    let first = fixtures.iter().filter(|g| g.check == f.check).map(|g| g.since).min().unwrap_or(0);
                    if eff < first {
                        // Not yet a check at this version: its failures are not its own.
                        for p in (f.fail)(&base) {
                            assert!(
                                eval(&p, lv, server).iter().all(|x| x.check != f.check),
                                "{lv} on 1.{server}: {} before 1.{first}",
                                f.check
                            );
                        }
                        continue;
                    }
                    // The generator registered for the newest version up to this one.
                    if fixtures.iter().any(|g| g.check == f.check && g.since > f.since && g.since <= eff) || f.since > eff {
                        continue;
                    }
                    for p in (f.pass)(&base, level) {
                        assert_eq!(detail(eval(&p, lv, server)), "", "{lv} on 1.{server}: {} pass {p}", f.check);
                        counted += 1;
                    }
                    for p in (f.fail)(&base) {
                        let found = eval(&p, lv, server);
                        let message = format!("violates PodSecurity \"{lv}\": {}", detail(found.clone()));
                        assert!(message.contains(f.expect), "{lv} on 1.{server}: {} fail {p}: {message}", f.check);
                        assert!(!message.contains("unknown forbidden reason"), "{message}");
                        let fixes: Vec<Fix> = found.iter().flat_map(|x| x.fixes.clone()).collect();
                        let fixed = apply(&p, &fixes);
                        assert_eq!(detail(eval(&fixed, lv, server)), "", "{lv} on 1.{server}: {} fixes {fixes:?} left {fixed}", f.check);
                        counted += 1;
                    }
                }
            }
        }
    }
    assert!(counted > 20_000, "{counted}");
}

/// `passes_with` agrees with `evaluate` of the whole pod: each fixture pod (passing and
/// failing, every check, each level at versions where checks change, on old and new
/// servers), its regular containers split at every point into the pod's and added
/// ephemeral containers.
#[test]
fn passes_with_is_evaluate_of_the_whole_pod() {
    let fixtures = fixtures();
    let (mut agreed, mut failed) = (0, 0);
    for server in [25u32, 29, 34, 35, 37] {
        for level in [B, R] {
            for v in [0, 19, 22, 23, 25, 34, 35, 37] {
                let eff = v.min(u64::from(server));
                let lv = at(level, v);
                let base = minimal(level, eff, None);
                let mut pods: Vec<Value> = [None, Some("windows")].into_iter().map(|os| minimal(level, eff, os)).collect();
                for f in fixtures.iter().filter(|f| f.level <= level && f.since <= eff) {
                    pods.extend((f.pass)(&base, level));
                    pods.extend((f.fail)(&base));
                }
                for p in &pods {
                    let all = p["spec"]["containers"].as_array().cloned().unwrap_or_default();
                    let existing: Vec<EphemeralContainer> =
                        serde_json::from_value(p["spec"]["ephemeralContainers"].clone()).unwrap_or_default();
                    for k in 0..=all.len() {
                        let stored = pod(&tw(p, |q| q["spec"]["containers"] = all[..k].into()));
                        let mut list = existing.clone();
                        list.extend(all[k..].iter().map(|c| serde_json::from_value::<EphemeralContainer>(c.clone()).unwrap()));
                        let whole = evaluate(lv, &stored, &list, server).is_empty();
                        let pod_passes = evaluate(lv, &stored, &existing, server).is_empty();
                        assert_eq!(passes_with(lv, &stored, pod_passes, &list, server), whole, "{lv} on 1.{server}, {k} kept: {p}");
                        agreed += 1;
                        failed += usize::from(!whole);
                    }
                }
            }
        }
    }
    assert!(agreed > 5_000 && failed > 2_000, "{agreed} cases, {failed} failing");
}

/// One check alone on a pod (`check(&pod.ObjectMeta, &pod.Spec)` in the library's tests).
fn run_check(id: &str, v: u64, server: u32, p: &Value) -> Option<(String, String)> {
    let p = pod(p);
    let spec = p.spec.clone().unwrap_or_default();
    let eph = spec.ephemeral_containers.clone().unwrap_or_default();
    let view = PodView::new(&p.metadata, &spec, &eph, server, true);
    let check = CHECKS.iter().find(|c| c.id == id).expect("a check");
    (check.run)(&view, v).map(|(r, d, _)| (r, d))
}

/// Containers from `(name, securityContext)` pairs.
fn ctrs(list: &[(&str, Value)]) -> Value {
    list.iter().map(|(n, sc)| if sc.is_null() { json!({"name": n}) } else { json!({"name": n, "securityContext": sc}) }).collect()
}

/// A check's expected `(ForbiddenReason, ForbiddenDetail)`, or none when it allows the pod.
type Want = Option<(&'static str, &'static str)>;

/// The cases of policy/check_*_test.go, with their exact reason and detail.
#[test]
fn exact_texts_of_the_library_tests() {
    let caps = |add: &[&str], drop: &[&str]| json!({"capabilities": {"add": add, "drop": drop}});
    let apparmor = |t: &str| json!({"appArmorProfile": {"type": t}});
    let sel = |t: &str, u: &str, r: &str| json!({"seLinuxOptions": {"type": t, "user": u, "role": r}});
    let n = Value::Null;
    #[rustfmt::skip]
    let cases: Vec<(&str, u64, Value, Want)> = vec![
        ("allowPrivilegeEscalation", 37,
            json!({"spec": {"containers": ctrs(&[("a", n.clone()), ("b", json!({})), ("c", json!({"allowPrivilegeEscalation": true})), ("d", json!({"allowPrivilegeEscalation": false}))])}}),
            Some(("allowPrivilegeEscalation != false", r#"containers "a", "b", "c" must set securityContext.allowPrivilegeEscalation=false"#))),
        ("allowPrivilegeEscalation", 25, json!({"spec": {"os": {"name": "windows"}, "containers": ctrs(&[("a", n.clone())])}}), None),
        ("allowPrivilegeEscalation", 24, json!({"spec": {"os": {"name": "windows"}, "containers": ctrs(&[("a", n.clone())])}}),
            Some(("allowPrivilegeEscalation != false", r#"container "a" must set securityContext.allowPrivilegeEscalation=false"#))),
        ("allowPrivilegeEscalation", 25, json!({"spec": {"os": {"name": "linux"}, "containers": ctrs(&[("a", n.clone())])}}),
            Some(("allowPrivilegeEscalation != false", r#"container "a" must set securityContext.allowPrivilegeEscalation=false"#))),
        ("appArmorProfile", 0, json!({"spec": {"securityContext": apparmor("Unconfined")}}),
            Some(("forbidden AppArmor profile", r#"pod must not set AppArmor profile type to "Unconfined""#))),
        ("appArmorProfile", 0, json!({"spec": {"securityContext": apparmor("RuntimeDefault"), "containers": ctrs(&[("foo", apparmor("Unconfined"))])}}),
            Some(("forbidden AppArmor profile", r#"container "foo" must not set AppArmor profile type to "Unconfined""#))),
        ("appArmorProfile", 0, json!({"spec": {"containers": ctrs(&[("foo", n.clone())]), "initContainers": ctrs(&[("bar", apparmor("Unconfined"))])}}),
            Some(("forbidden AppArmor profile", r#"container "bar" must not set AppArmor profile type to "Unconfined""#))),
        ("appArmorProfile", 0, json!({"metadata": {"annotations": {
                "container.apparmor.security.beta.kubernetes.io/": "bogus", "container.apparmor.security.beta.kubernetes.io/a": "",
                "container.apparmor.security.beta.kubernetes.io/b": "runtime/default", "container.apparmor.security.beta.kubernetes.io/c": "localhost/",
                "container.apparmor.security.beta.kubernetes.io/d": "localhost/foo", "container.apparmor.security.beta.kubernetes.io/e": "unconfined",
                "container.apparmor.security.beta.kubernetes.io/f": "unknown"}}}),
            Some(("forbidden AppArmor profiles", r#"annotations must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/="bogus"", "container.apparmor.security.beta.kubernetes.io/e="unconfined"", "container.apparmor.security.beta.kubernetes.io/f="unknown"""#))),
        ("appArmorProfile", 0, json!({"spec": {"securityContext": apparmor("RuntimeDefault"), "containers": ctrs(&[("a", apparmor("Localhost"))])}}), None),
        ("capabilities_baseline", 0,
            json!({"spec": {"containers": ctrs(&[("a", caps(&["FOO", "BAR"], &[])), ("b", caps(&["BAR", "BAZ"], &[])), ("c", caps(&["CHOWN"], &[]))])}}),
            Some(("non-default capabilities", r#"containers "a", "b" must not include "BAR", "BAZ", "FOO" in securityContext.capabilities.add"#))),
        ("capabilities_restricted", 22,
            json!({"spec": {"containers": ctrs(&[("a", caps(&["FOO", "BAR"], &[])), ("b", caps(&["BAR", "BAZ"], &[])), ("c", caps(&["NET_BIND_SERVICE", "CHOWN"], &["ALL", "FOO"]))])}}),
            Some(("unrestricted capabilities", r#"containers "a", "b" must set securityContext.capabilities.drop=["ALL"]; containers "a", "b", "c" must not include "BAR", "BAZ", "CHOWN", "FOO" in securityContext.capabilities.add"#))),
        ("capabilities_restricted", 25, json!({"spec": {"os": {"name": "windows"}, "containers": ctrs(&[("a", n.clone())])}}), None),
        ("capabilities_restricted", 25, json!({"spec": {"os": {"name": "linux"}, "containers": ctrs(&[("a", n.clone())])}}),
            Some(("unrestricted capabilities", r#"container "a" must set securityContext.capabilities.drop=["ALL"]"#))),
        ("hostNamespaces", 0, json!({"spec": {"hostIPC": true, "hostNetwork": true, "hostPID": true}}),
            Some(("host namespaces", "hostNetwork=true, hostPID=true, hostIPC=true"))),
        ("hostPathVolumes", 0, json!({"spec": {"volumes": [{"name": "a", "hostPath": {"path": "/"}}, {"name": "b", "hostPath": {"path": "/"}}, {"name": "c", "emptyDir": {}}]}}),
            Some(("hostPath volumes", r#"volumes "a", "b""#))),
        ("hostPorts", 0, json!({"spec": {"containers": [{"name": "a"}, {"name": "b", "ports": [{"containerPort": 1, "hostPort": 0}, {"containerPort": 2, "hostPort": 20}]}]}}),
            Some(("hostPort", r#"container "b" uses hostPort 20"#))),
        ("hostPorts", 0, json!({"spec": {"containers": [
                {"name": "a", "ports": [{"containerPort": 1, "hostPort": 0}]},
                {"name": "b", "ports": [{"containerPort": 1, "hostPort": 0}, {"containerPort": 2, "hostPort": 10}, {"containerPort": 3, "hostPort": 20}]},
                {"name": "c", "ports": [{"containerPort": 1, "hostPort": 0}, {"containerPort": 2, "hostPort": 10}, {"containerPort": 3, "hostPort": 30}]}]}}),
            Some(("hostPort", r#"containers "b", "c" use hostPorts 10, 20, 30"#))),
        ("hostPorts", 0, json!({"spec": {"containers": [{"name": "a", "ports": [{"containerPort": 1, "hostPort": 9}, {"containerPort": 2, "hostPort": 10}]}]}}),
            Some(("hostPort", r#"container "a" uses hostPorts 10, 9"#))),
        ("hostProbesAndHostLifecycle", 34, json!({"spec": {"containers": [{"name": "a",
                "livenessProbe": {"httpGet": {"host": "localhost", "port": 80}}, "readinessProbe": {"tcpSocket": {"host": "127.0.0.1", "port": 80}},
                "startupProbe": {"httpGet": {"host": "::1", "port": 80}}}]}}),
            Some(("probe or lifecycle host", r#"container "a" uses probe or lifecycle hosts "127.0.0.1", "::1", "localhost""#))),
        ("hostProbesAndHostLifecycle", 34, json!({"spec": {"containers": [{"name": "valid"},
                {"name": "invalid1", "livenessProbe": {"httpGet": {"host": "a.com", "port": 80}}},
                {"name": "invalid2", "lifecycle": {"preStop": {"tcpSocket": {"host": "b.com", "port": 80}}}, "startupProbe": {"httpGet": {"host": "a.com", "port": 80}}}]}}),
            Some(("probe or lifecycle host", r#"containers "invalid1", "invalid2" use probe or lifecycle hosts "a.com", "b.com""#))),
        ("hostProbesAndHostLifecycle", 34, json!({"spec": {"containers": [{"name": "e", "lifecycle": {"preStop": {"httpGet": {"host": "another.invalid.host", "port": 80}}}}],
                "initContainers": [{"name": "init", "livenessProbe": {"tcpSocket": {"host": "", "port": 80}}}]}}),
            Some(("probe or lifecycle host", r#"container "e" uses probe or lifecycle host "another.invalid.host""#))),
        ("privileged", 0,
            json!({"spec": {"containers": ctrs(&[("a", n.clone()), ("b", json!({})), ("c", json!({"privileged": false})), ("d", json!({"privileged": true})), ("e", json!({"privileged": true}))])}}),
            Some(("privileged", r#"containers "d", "e" must not set securityContext.privileged=true"#))),
        ("procMount", 35,
            json!({"spec": {"hostUsers": true, "containers": ctrs(&[("a", n.clone()), ("b", json!({})), ("c", json!({"procMount": "Default"})), ("d", json!({"procMount": "Unmasked"})), ("e", json!({"procMount": "other"}))])}}),
            Some(("procMount", r#"containers "d", "e" must not set securityContext.procMount to "Unmasked", "other""#))),
        ("procMount", 35, json!({"spec": {"hostUsers": false, "containers": ctrs(&[("d", json!({"procMount": "Unmasked"}))])}}), None),
        ("procMount", 34, json!({"spec": {"hostUsers": false, "containers": ctrs(&[("d", json!({"procMount": "Unmasked"}))])}}),
            Some(("procMount", r#"container "d" must not set securityContext.procMount to "Unmasked""#))),
        ("procMount_restricted", 35, json!({"spec": {"hostUsers": false, "containers": ctrs(&[("d", json!({"procMount": "Unmasked"})), ("e", json!({"procMount": "other"}))])}}),
            Some(("procMount", r#"containers "d", "e" must not set securityContext.procMount to "Unmasked", "other""#))),
        ("restrictedVolumes", 0, json!({"spec": {"volumes": [
                {"name": "a1", "emptyDir": {}}, {"name": "a2", "secret": {}}, {"name": "a3", "persistentVolumeClaim": {"claimName": "x"}},
                {"name": "a4", "downwardAPI": {}}, {"name": "a5", "configMap": {}}, {"name": "a6", "projected": {}}, {"name": "a7", "csi": {"driver": "x"}},
                {"name": "a8", "ephemeral": {}}, {"name": "a9", "image": {}},
                {"name": "b1", "hostPath": {"path": "/"}}, {"name": "b2", "gcePersistentDisk": {"pdName": "x"}}, {"name": "b3", "awsElasticBlockStore": {"volumeID": "x"}},
                {"name": "b4", "gitRepo": {"repository": "x"}}, {"name": "b5", "nfs": {"server": "x", "path": "/"}},
                {"name": "b6", "iscsi": {"targetPortal": "x", "iqn": "x", "lun": 0}}, {"name": "b7", "glusterfs": {"endpoints": "x", "path": "x"}},
                {"name": "b8", "rbd": {"monitors": [], "image": "x"}}, {"name": "b9", "flexVolume": {"driver": "x"}}, {"name": "b10", "cinder": {"volumeID": "x"}},
                {"name": "b11", "cephfs": {"monitors": []}}, {"name": "b12", "flocker": {}}, {"name": "b13", "fc": {}},
                {"name": "b14", "azureFile": {"secretName": "x", "shareName": "x"}}, {"name": "b15", "vsphereVolume": {"volumePath": "x"}},
                {"name": "b16", "quobyte": {"registry": "x", "volume": "x"}}, {"name": "b17", "azureDisk": {"diskName": "x", "diskURI": "x"}},
                {"name": "b18", "photonPersistentDisk": {"pdID": "x"}}, {"name": "b19", "portworxVolume": {"volumeID": "x"}},
                {"name": "b20", "scaleIO": {"gateway": "x", "system": "x", "secretRef": {}}}, {"name": "b21", "storageos": {}},
                {"name": "c1"}]}}),
            Some(("restricted volume types", concat!(
                r#"volumes "b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8", "b9", "b10", "b11", "b12", "b13", "b14", "b15", "b16", "b17", "b18", "b19", "b20", "b21""#,
                r#" use restricted volume types "awsElasticBlockStore", "azureDisk", "azureFile", "cephfs", "cinder", "fc", "flexVolume", "flocker", "gcePersistentDisk", "gitRepo", "glusterfs", "#,
                r#""hostPath", "iscsi", "nfs", "photonPersistentDisk", "portworxVolume", "quobyte", "rbd", "scaleIO", "storageos", "vsphereVolume""#)))),
        ("runAsNonRoot", 0, json!({"spec": {"containers": ctrs(&[("a", n.clone())])}}),
            Some(("runAsNonRoot != true", r#"pod or container "a" must set securityContext.runAsNonRoot=true"#))),
        ("runAsNonRoot", 0, json!({"spec": {"securityContext": {"runAsNonRoot": false}, "containers": ctrs(&[("a", n.clone())])}}),
            Some(("runAsNonRoot != true", "pod must not set securityContext.runAsNonRoot=false"))),
        ("runAsNonRoot", 0, json!({"spec": {"securityContext": {"runAsNonRoot": true}, "containers": ctrs(&[("a", n.clone()), ("b", json!({})),
                ("c", json!({"runAsNonRoot": false})), ("d", json!({"runAsNonRoot": false})), ("e", json!({"runAsNonRoot": true}))])}}),
            Some(("runAsNonRoot != true", r#"containers "c", "d" must not set securityContext.runAsNonRoot=false"#))),
        ("runAsNonRoot", 0, json!({"spec": {"containers": ctrs(&[("a", n.clone()), ("b", json!({})), ("d", json!({"runAsNonRoot": true})), ("e", json!({"runAsNonRoot": true}))])}}),
            Some(("runAsNonRoot != true", r#"pod or containers "a", "b" must set securityContext.runAsNonRoot=true"#))),
        ("runAsNonRoot", 35, json!({"spec": {"hostUsers": false, "containers": ctrs(&[("a", n.clone())])}}), None),
        ("runAsNonRoot", 34, json!({"spec": {"hostUsers": false, "containers": ctrs(&[("a", n.clone())])}}),
            Some(("runAsNonRoot != true", r#"pod or container "a" must set securityContext.runAsNonRoot=true"#))),
        ("runAsUser", 23, json!({"spec": {"securityContext": {"runAsUser": 0}, "containers": ctrs(&[("a", n.clone())])}}),
            Some(("runAsUser=0", "pod must not set runAsUser=0"))),
        ("runAsUser", 23, json!({"spec": {"securityContext": {"runAsUser": 1000}, "containers": ctrs(&[("a", n.clone())])}}), None),
        ("runAsUser", 23, json!({"spec": {"containers": ctrs(&[("a", n.clone()), ("b", json!({})), ("c", json!({"runAsUser": 0})), ("d", json!({"runAsUser": 0})), ("e", json!({"runAsUser": 1}))])}}),
            Some(("runAsUser=0", r#"containers "c", "d" must not set runAsUser=0"#))),
        ("runAsUser", 35, json!({"spec": {"hostUsers": false, "securityContext": {"runAsUser": 0}}}), None),
        ("seLinuxOptions", 31, json!({"spec": {"securityContext": sel("foo", "bar", "baz"), "containers": ctrs(&[
                ("a", sel("container_t", "", "")), ("b", sel("container_init_t", "", "")), ("c", sel("container_kvm_t", "", "")), ("d", sel("container_engine_t", "", "")),
                ("e", sel("bar", "", "")), ("f", sel("", "bar", "")), ("g", sel("", "", "baz"))])}}),
            Some(("seLinuxOptions", r#"pod and containers "e", "f", "g" set forbidden securityContext.seLinuxOptions: types "bar", "foo"; user may not be set; role may not be set"#))),
        ("seLinuxOptions", 0, json!({"spec": {"securityContext": sel("bad", "", "")}}),
            Some(("seLinuxOptions", r#"pod set forbidden securityContext.seLinuxOptions: type "bad""#))),
        ("seLinuxOptions", 0, json!({"spec": {"securityContext": sel("", "bad", "")}}),
            Some(("seLinuxOptions", "pod set forbidden securityContext.seLinuxOptions: user may not be set"))),
        ("seLinuxOptions", 0, json!({"spec": {"securityContext": sel("", "", "bad")}}),
            Some(("seLinuxOptions", "pod set forbidden securityContext.seLinuxOptions: role may not be set"))),
        ("seLinuxOptions", 30, json!({"spec": {"containers": ctrs(&[("d", sel("container_engine_t", "", ""))])}}),
            Some(("seLinuxOptions", r#"container "d" set forbidden securityContext.seLinuxOptions: type "container_engine_t""#))),
        ("seccompProfile_baseline", 0, json!({"metadata": {"annotations": {"seccomp.security.alpha.kubernetes.io/pod": "unconfined"}}}),
            Some(("seccompProfile", r#"forbidden annotation seccomp.security.alpha.kubernetes.io/pod="unconfined""#))),
        ("seccompProfile_baseline", 18, json!({"metadata": {"annotations": {
                "seccomp.security.alpha.kubernetes.io/pod": "unconfined", "container.seccomp.security.alpha.kubernetes.io/a": "unconfined",
                "container.seccomp.security.alpha.kubernetes.io/b": "unknown", "container.seccomp.security.alpha.kubernetes.io/c": "docker/default",
                "container.seccomp.security.alpha.kubernetes.io/z": "unknown"}},
                "spec": {"containers": ctrs(&[("a", n.clone()), ("b", n.clone()), ("c", n.clone())])}}),
            Some(("seccompProfile", r#"forbidden annotations container.seccomp.security.alpha.kubernetes.io/a="unconfined", container.seccomp.security.alpha.kubernetes.io/b="unknown", seccomp.security.alpha.kubernetes.io/pod="unconfined""#))),
        ("seccompProfile_baseline", 19, json!({"metadata": {"annotations": {"seccomp.security.alpha.kubernetes.io/pod": "unconfined"}}}), None),
        ("seccompProfile_baseline", 19, json!({"spec": {"securityContext": {"seccompProfile": {"type": "Unconfined"}},
                "containers": ctrs(&[("a", n.clone()), ("c", json!({"seccompProfile": {"type": "Unconfined"}})), ("d", json!({"seccompProfile": {"type": "Unconfined"}}))])}}),
            Some(("seccompProfile", r#"pod and containers "c", "d" must not set securityContext.seccompProfile.type to "Unconfined""#))),
        ("seccompProfile_restricted", 19, json!({"spec": {"containers": ctrs(&[("a", n.clone())])}}),
            Some(("seccompProfile", r#"pod or container "a" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost""#))),
        ("seccompProfile_restricted", 25, json!({"spec": {"os": {"name": "windows"}, "containers": ctrs(&[("a", n.clone())])}}), None),
        ("seccompProfile_restricted", 19, json!({"spec": {"securityContext": {"seccompProfile": {"type": "Unconfined"}}, "containers": ctrs(&[("a", n.clone())])}}),
            Some(("seccompProfile", r#"pod must not set securityContext.seccompProfile.type to "Unconfined""#))),
        ("seccompProfile_restricted", 25, json!({"spec": {"securityContext": {"seccompProfile": {"type": "Localhost"}}, "containers": ctrs(&[
                ("a", n.clone()), ("b", json!({})), ("c", json!({"seccompProfile": {"type": "Unconfined"}})), ("d", json!({"seccompProfile": {"type": "bogus"}}))])}}),
            Some(("seccompProfile", r#"containers "c", "d" must not set securityContext.seccompProfile.type to "Unconfined", "bogus""#))),
        ("seccompProfile_restricted", 25, json!({"spec": {"containers": ctrs(&[("a", n.clone()), ("b", json!({})),
                ("d", json!({"seccompProfile": {"type": "RuntimeDefault"}})), ("e", json!({"seccompProfile": {"type": "Localhost"}}))])}}),
            Some(("seccompProfile", r#"pod or containers "a", "b" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost""#))),
        ("sysctls", 0, json!({"spec": {"securityContext": {"sysctls": [{"name": "a", "value": "1"}, {"name": "b", "value": "1"}, {"name": "a", "value": "1"}]}}}),
            Some(("forbidden sysctls", "a, b, a"))),
        ("sysctls", 26, json!({"spec": {"securityContext": {"sysctls": [{"name": "net.ipv4.ip_local_reserved_ports", "value": "1"}]}}}),
            Some(("forbidden sysctls", "net.ipv4.ip_local_reserved_ports"))),
        ("sysctls", 27, json!({"spec": {"securityContext": {"sysctls": [{"name": "net.ipv4.ip_local_reserved_ports", "value": "1"}]}}}), None),
        ("sysctls", 36, json!({"spec": {"securityContext": {"sysctls": [{"name": "net.ipv4.tcp_notsent_lowat", "value": "1"}, {"name": "net.ipv4.tcp_wmem", "value": "1"}]}}}),
            Some(("forbidden sysctls", "net.ipv4.tcp_notsent_lowat"))),
        ("windowsHostProcess", 0, json!({"spec": {"securityContext": {"windowsOptions": {"hostProcess": true}}, "containers": ctrs(&[
                ("a", n.clone()), ("b", json!({})), ("c", json!({"windowsOptions": {}})), ("d", json!({"windowsOptions": {"hostProcess": false}})),
                ("e", json!({"windowsOptions": {"hostProcess": true}})), ("f", json!({"windowsOptions": {"hostProcess": true}}))])}}),
            Some(("hostProcess", r#"pod and containers "e", "f" must not set securityContext.windowsOptions.hostProcess=true"#))),
    ];
    for (id, v, p, want) in &cases {
        let got = run_check(id, *v, 37, p);
        let want = want.map(|(r, d)| (r.to_owned(), d.to_owned()));
        assert_eq!(got, want, "{id} at v1.{v}: {p}");
    }
}

/// The check table agrees with the fixtures' registrations, and is in the library's order.
#[test]
fn the_table_is_the_library_s() {
    let fixtures = fixtures();
    for c in &CHECKS {
        let first = fixtures.iter().filter(|f| f.check == c.id).map(|f| (f.since, f.level)).min_by_key(|f| f.0);
        assert_eq!(first, Some((c.since, c.level)), "{}", c.id);
        if !c.overrides.is_empty() {
            assert_eq!(c.level, R);
            assert!(CHECKS.iter().any(|b| b.id == c.overrides && b.level == B), "{}", c.id);
        }
    }
    for level in [B, R] {
        let ids: Vec<&str> = CHECKS.iter().filter(|c| c.level == level).map(|c| c.id).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        assert_eq!(ids, sorted);
    }
    assert!(CHECKS.iter().position(|c| c.level == R) > CHECKS.iter().rposition(|c| c.level == B));
}

// --- api/helpers.go ---

/// Namespace labels: `(mode, value)` pairs under the prefix, and an unrelated label.
fn labels(kv: &[(&str, &str)]) -> BTreeMap<String, String> {
    let mut l: BTreeMap<String, String> = kv.iter().map(|(k, v)| (format!("{LABEL_PREFIX}{k}"), (*v).to_owned())).collect();
    l.insert("other-label".to_owned(), "foo-bar".to_owned());
    l
}

fn lv(level: Level, version: Version) -> LevelVersion {
    LevelVersion { level, version }
}

#[test]
fn versions_and_levels_parse_as_the_library_parses_them() {
    for (s, want) in [
        ("latest", Some(Version::Latest)),
        ("v1.0", Some(Version::Minor(0))),
        ("v1.9", Some(Version::Minor(9))),
        ("v1.37", Some(Version::Minor(37))),
        ("v1.9223372036854775807", Some(Version::Minor(i64::MAX as u64))),
        ("v1.9223372036854775808", None),
        ("v1.05", None),
        ("v1.", None),
        ("v1.+2", None),
        ("v2.1", None),
        ("V1.2", None),
        ("1.30", None),
        ("Latest", None),
        ("v1.30.1", None),
        ("", None),
    ] {
        assert_eq!(Version::parse(s), want, "{s:?}");
    }
    assert_eq!(Version::Minor(7).to_string(), "v1.7");
    assert_eq!((Version::Latest.effective(31), Version::Minor(99).effective(31), Version::Minor(3).effective(31)), (31, 31, 3));
    assert_eq!((Version::Latest.effective(12), Version::Latest.effective(40)), (25, 37));
    assert_eq!(Level::parse("baseline"), Some(B));
    assert_eq!(Level::parse("Baseline"), None);
    assert_eq!(lv(R, Version::Latest).to_string(), "restricted:latest");
}

/// Label pairs, as [`labels`] takes them.
type Labels = Vec<(&'static str, &'static str)>;

/// api/helpers_test.go `TestPolicyToEvaluate`, and what 1.25 did before warn followed enforce.
#[test]
fn labels_make_the_policy_as_the_library_makes_it() {
    let p = |l, v| lv(l, v);
    let (latest, privileged) = (Version::Latest, lv(Level::Privileged, Version::Latest));
    #[rustfmt::skip]
    let cases: Vec<(Labels, u32, Policy, usize)> = vec![
        (vec![("enforce", "baseline")], 37, Policy { enforce: p(B, latest), warn: p(B, latest), audit: privileged }, 0),
        (vec![("enforce", "baseline")], 25, Policy { enforce: p(B, latest), warn: privileged, audit: privileged }, 0),
        (vec![("warn", "restricted")], 37, Policy { enforce: privileged, warn: p(R, latest), audit: privileged }, 0),
        (vec![("audit", "baseline")], 37, Policy { enforce: privileged, warn: privileged, audit: p(B, latest) }, 0),
        (vec![("enforce", "baseline"), ("warn", "restricted")], 37, Policy { enforce: p(B, latest), warn: p(R, latest), audit: privileged }, 0),
        (vec![("enforce", "baseline"), ("enforce-version", "v1.22")], 37,
            Policy { enforce: p(B, Version::Minor(22)), warn: p(B, Version::Minor(22)), audit: privileged }, 0),
        (vec![("enforce", "baseline"), ("enforce-version", "v1.22"), ("warn-version", "latest")], 37,
            Policy { enforce: p(B, Version::Minor(22)), warn: p(B, latest), audit: privileged }, 0),
        (vec![("enforce", "baseline"), ("warn-version", "v1.23")], 37, Policy { enforce: p(B, latest), warn: p(B, Version::Minor(23)), audit: privileged }, 0),
        (vec![("enforce", "baseline"), ("enforce-version", "v1.20"), ("warn", "restricted"), ("warn-version", "v1.21"),
              ("audit", "restricted"), ("audit-version", "v1.22")], 37,
            Policy { enforce: p(B, Version::Minor(20)), warn: p(R, Version::Minor(21)), audit: p(R, Version::Minor(22)) }, 0),
        (vec![("enforce", "baseline"), ("warn", "privileged")], 37, Policy { enforce: p(B, latest), warn: privileged, audit: privileged }, 0),
        (vec![("enforce", "baseline"), ("warn", "foo")], 37, Policy { enforce: p(B, latest), warn: privileged, audit: privileged }, 1),
        (vec![("enforce", "foo")], 37, Policy { enforce: p(R, latest), warn: privileged, audit: privileged }, 1),
        (vec![("enforce", "restricted"), ("enforce-version", "1.30"), ("audit", "RESTRICTED")], 37,
            Policy { enforce: p(R, latest), warn: p(R, latest), audit: privileged }, 2),
    ];
    for (kv, server, want, errors) in cases {
        let ns = NamespacePolicy::from_labels(&labels(&kv), &Policy::default(), server);
        assert_eq!((ns.policy, ns.errors.len()), (want, errors), "{kv:?} on 1.{server}");
    }
    // No labels at all: the cluster's defaults, whatever they are.
    let defaults = Policy { enforce: p(B, Version::Minor(30)), ..Policy::default() };
    assert_eq!(NamespacePolicy::from_labels(&BTreeMap::new(), &defaults, 37).policy, defaults);
    assert_eq!(NamespacePolicy::from_labels(&labels(&[("warn", "baseline")]), &defaults, 37).policy.enforce, defaults.enforce);
}

#[test]
fn invalid_labels_are_reported_as_the_library_words_them() {
    let ns = NamespacePolicy::from_labels(
        &labels(&[("enforce", "Restricted"), ("enforce-version", "1.30"), ("warn", "foo"), ("audit-version", "v1.05")]),
        &Policy::default(),
        37,
    );
    let errors: Vec<String> = ns.errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        errors,
        [
            r#"metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "Restricted": must be one of privileged, baseline, restricted"#,
            r#"metadata.labels[pod-security.kubernetes.io/enforce-version]: Invalid value: "1.30": must be "latest" or "v1.x""#,
            r#"metadata.labels[pod-security.kubernetes.io/audit-version]: Invalid value: "v1.05": must be "latest" or "v1.x""#,
            r#"metadata.labels[pod-security.kubernetes.io/warn]: Invalid value: "foo": must be one of privileged, baseline, restricted"#,
        ]
    );
    // Enforce fails closed, warn and audit fail open.
    assert_eq!(ns.policy, Policy { enforce: lv(R, Version::Latest), ..Policy::default() });
    // Every mode privileged but a label invalid: still evaluated, and the error audited.
    let ns = NamespacePolicy::from_labels(&labels(&[("enforce", "privileged"), ("audit", "nope")]), &Policy::default(), 37);
    let out = admit(&ns, &pod(&app_pod(json!(null), json!(null))), &[debugger(Profile::Sysadmin)], 37);
    assert_eq!(out.skipped, None);
    assert!(out.allowed() && out.warning().is_none());
    assert_eq!(
        out.audit_annotations,
        [
            ("enforce-policy", "privileged:latest".to_owned()),
            ("error", r#"Failed to parse policy: metadata.labels[pod-security.kubernetes.io/audit]: Invalid value: "nope": must be one of privileged, baseline, restricted"#.to_owned()),
        ]
    );
    let two = NamespacePolicy::from_labels(&labels(&[("enforce", "x"), ("warn", "y")]), &Policy::default(), 37);
    let out = admit(&two, &pod(&app_pod(json!(null), json!(null))), &[debugger(Profile::Baseline)], 37);
    let error = &out.audit_annotations.iter().find(|(k, _)| *k == "error").expect("an error").1;
    assert!(
        error.starts_with("Failed to parse policy: [metadata.labels[pod-security.kubernetes.io/enforce]: ")
            && error.ends_with(r#""y": must be one of privileged, baseline, restricted]"#),
        "{error}"
    );
    // Enforce "x" is restricted: the app container fails it.
    assert_eq!(out.denied.map(|d| d.policy), Some(lv(R, Version::Latest)));
}

// --- admission/admission.go ---

use crate::draft::Profile;

/// A pod named "web" with one container "app".
fn app_pod(pod_sc: Value, app_sc: Value) -> Value {
    let mut p = json!({"metadata": {"name": "web", "namespace": "shop"},
        "spec": {"containers": [{"name": "app", "image": "nginx:1.27"}]}});
    if !pod_sc.is_null() {
        p["spec"]["securityContext"] = pod_sc;
    }
    if !app_sc.is_null() {
        c0(&mut p)["securityContext"] = app_sc;
    }
    p
}

/// A pod that satisfies restricted at every version.
fn restricted_pod() -> Value {
    app_pod(
        json!({"runAsNonRoot": true, "seccompProfile": {"type": "RuntimeDefault"}}),
        json!({"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}}),
    )
}

/// The container `kubectl debug --profile=… -c debugger` sends.
fn debugger(profile: Profile) -> EphemeralContainer {
    EphemeralContainer {
        name: "debugger".to_owned(),
        image: Some("busybox:1.36".to_owned()),
        security_context: profile.security_context(),
        ..EphemeralContainer::default()
    }
}

fn enforce(level: &str) -> NamespacePolicy {
    NamespacePolicy::from_labels(&labels(&[("enforce", level)]), &Policy::default(), 37)
}

const APE: &str = r#"allowPrivilegeEscalation != false (container "debugger" must set securityContext.allowPrivilegeEscalation=false)"#;
const DROP: &str = r#"unrestricted capabilities (container "debugger" must set securityContext.capabilities.drop=["ALL"])"#;

/// Each `kubectl debug` profile, against baseline and restricted, in a namespace that
/// enforces them on a pod that satisfies restricted.
#[test]
fn kubectl_debug_profiles_against_baseline_and_restricted() {
    let web = pod(&restricted_pod());
    let denied = |level: &str, detail: &str| {
        format!(r#"Error from server (Forbidden): pods "web" is forbidden: violates PodSecurity "{level}:latest": {detail}"#)
    };
    #[rustfmt::skip]
    let cases = [
        (Profile::General,
            Some(r#"non-default capabilities (container "debugger" must not include "SYS_PTRACE" in securityContext.capabilities.add)"#.to_owned()),
            Some(format!(r#"{APE}, unrestricted capabilities (container "debugger" must set securityContext.capabilities.drop=["ALL"]; container "debugger" must not include "SYS_PTRACE" in securityContext.capabilities.add)"#))),
        (Profile::Baseline, None, Some(format!("{APE}, {DROP}"))),
        (Profile::Restricted, None, None),
        (Profile::Netadmin,
            Some(r#"non-default capabilities (container "debugger" must not include "NET_ADMIN", "NET_RAW" in securityContext.capabilities.add)"#.to_owned()),
            Some(format!(r#"{APE}, unrestricted capabilities (container "debugger" must set securityContext.capabilities.drop=["ALL"]; container "debugger" must not include "NET_ADMIN", "NET_RAW" in securityContext.capabilities.add)"#))),
        (Profile::Sysadmin,
            Some(r#"privileged (container "debugger" must not set securityContext.privileged=true)"#.to_owned()),
            Some(format!(r#"privileged (container "debugger" must not set securityContext.privileged=true), {APE}, {DROP}"#))),
    ];
    for (profile, baseline, restricted) in cases {
        for (level, want) in [("baseline", baseline), ("restricted", restricted)] {
            let out = admit(&enforce(level), &web, &[debugger(profile)], 37);
            assert_eq!(out.kubectl_error("web"), want.map(|d| denied(level, &d)), "{} at {level}", profile.name());
            assert_eq!(out.warning(), None, "warn follows enforce");
        }
    }
}

/// The first violation's fixes for the debugger in a restricted namespace: the line to point
/// at, and the value that fixes it.
#[test]
fn fixes_name_the_field_and_the_value() {
    let out = admit(&enforce("restricted"), &pod(&app_pod(json!(null), json!(null))), &[debugger(Profile::Netadmin)], 37);
    let fixes: Vec<(&str, String, String)> = out
        .denied
        .iter()
        .flat_map(|d| &d.violations)
        .flat_map(|v| v.fixes.iter().map(move |f| (v.check, f.path.clone(), f.value.to_string())))
        .collect();
    let ec = "spec.ephemeralContainers[0].securityContext";
    let app = "spec.containers[0].securityContext";
    let want = [
        ("allowPrivilegeEscalation", format!("{app}.allowPrivilegeEscalation"), "false"),
        ("allowPrivilegeEscalation", format!("{ec}.allowPrivilegeEscalation"), "false"),
        ("capabilities_restricted", format!("{app}.capabilities.drop"), r#"["ALL"]"#),
        ("capabilities_restricted", format!("{ec}.capabilities.drop"), r#"["ALL"]"#),
        ("capabilities_restricted", format!("{ec}.capabilities.add"), "null"),
        ("runAsNonRoot", format!("{app}.runAsNonRoot"), "true"),
        ("runAsNonRoot", format!("{ec}.runAsNonRoot"), "true"),
        ("seccompProfile_restricted", format!("{app}.seccompProfile.type"), r#""RuntimeDefault""#),
        ("seccompProfile_restricted", format!("{ec}.seccompProfile.type"), r#""RuntimeDefault""#),
    ];
    assert_eq!(fixes, want.map(|(c, p, v)| (c, p, v.to_owned())));
    let list = FixValue::List(vec!["NET_BIND_SERVICE".to_owned(), "a\"b".to_owned()]);
    assert_eq!(list.to_string(), r#"["NET_BIND_SERVICE","a\"b"]"#);
}

#[test]
fn several_containers_and_checks_in_one_message() {
    let mut p = app_pod(json!({"sysctls": [{"name": "kernel.msgmax", "value": "1"}]}), json!({"privileged": true}));
    p["spec"]["initContainers"] =
        json!([{"name": "setup", "image": "busybox", "securityContext": {"capabilities": {"add": ["SYS_ADMIN"]}}}]);
    p["spec"]["hostPID"] = json!(true);
    let mut netadmin = debugger(Profile::Netadmin);
    netadmin.name = "tcpdump".to_owned();
    let out = admit(&enforce("baseline"), &pod(&p), &[debugger(Profile::Sysadmin), netadmin], 37);
    assert_eq!(
        out.denial_message("web").as_deref(),
        Some(concat!(
            r#"pods "web" is forbidden: violates PodSecurity "baseline:latest": "#,
            r#"non-default capabilities (containers "setup", "tcpdump" must not include "NET_ADMIN", "NET_RAW", "SYS_ADMIN" in securityContext.capabilities.add), "#,
            r#"host namespaces (hostPID=true), "#,
            r#"privileged (containers "app", "debugger" must not set securityContext.privileged=true), "#,
            r#"forbidden sysctls (kernel.msgmax)"#
        ))
    );
    let d = out.denied.expect("denied");
    assert_eq!(d.reason(), "non-default capabilities, host namespaces, privileged, forbidden sysctls");
    assert_eq!(
        d.violations.iter().map(|v| v.check).collect::<Vec<_>>(),
        ["capabilities_baseline", "hostNamespaces", "privileged", "sysctls"]
    );
}

#[test]
fn warn_only_audit_only_and_warnings_withheld_from_a_refusal() {
    let web = pod(&restricted_pod());
    let ns = |kv: &[(&str, &str)]| NamespacePolicy::from_labels(&labels(kv), &Policy::default(), 37);
    // Warn only: allowed, with the warning kubectl prints.
    let out = admit(&ns(&[("warn", "restricted")]), &web, &[debugger(Profile::Baseline)], 37);
    assert!(out.allowed());
    assert_eq!(out.kubectl_warning(), Some(format!(r#"Warning: would violate PodSecurity "restricted:latest": {APE}, {DROP}"#)));
    assert_eq!((&out.audited, out.kubectl_error("web")), (&None, None));
    assert_eq!(out.audit_annotations, [("enforce-policy", "privileged:latest".to_owned())]);
    // Enforce baseline, warn restricted: a baseline failure refuses, and no warning is sent.
    let out = admit(&ns(&[("enforce", "baseline"), ("warn", "restricted")]), &web, &[debugger(Profile::Sysadmin)], 37);
    assert!(!out.allowed());
    assert_eq!((&out.warned, out.warning()), (&None, None));
    // ... while a restricted-only failure is allowed with the warning.
    let out = admit(&ns(&[("enforce", "baseline"), ("warn", "restricted")]), &web, &[debugger(Profile::Baseline)], 37);
    assert!(out.allowed() && out.warning().is_some());
    // Audit only: nothing reaches the client; the audit log has it.
    let out = admit(&ns(&[("audit", "restricted"), ("audit-version", "v1.30")]), &web, &[debugger(Profile::Baseline)], 37);
    assert!(out.allowed() && out.warning().is_none() && out.kubectl_error("web").is_none());
    assert_eq!(out.audited.as_ref().map(|a| a.policy.to_string()), Some("restricted:v1.30".to_owned()));
    assert_eq!(
        out.audit_annotations,
        [
            ("audit-violations", format!(r#"would violate PodSecurity "restricted:v1.30": {APE}, {DROP}"#)),
            ("enforce-policy", "privileged:latest".to_owned()),
        ]
    );
    // Refused, and audited too.
    let out = admit(&ns(&[("enforce", "restricted"), ("audit", "baseline")]), &web, &[debugger(Profile::Sysadmin)], 37);
    assert_eq!((out.denied.is_some(), out.audited.map(|a| a.reason())), (true, Some("privileged".to_owned())));
}

/// The app container already breaks the level: every addition is refused, the most
/// restricted debugger too.
#[test]
fn an_existing_violating_container_refuses_every_addition() {
    let p = pod(&app_pod(json!(null), json!({"capabilities": {"add": ["NET_ADMIN"]}})));
    for profile in [Profile::Baseline, Profile::Restricted] {
        let out = admit(&enforce("baseline"), &p, &[debugger(profile)], 37);
        assert_eq!(
            out.kubectl_error("web").as_deref(),
            Some(
                r#"Error from server (Forbidden): pods "web" is forbidden: violates PodSecurity "baseline:latest": non-default capabilities (container "app" must not include "NET_ADMIN" in securityContext.capabilities.add)"#
            )
        );
        assert_eq!(out.denied.expect("denied").violations[0].fixes[0].path, "spec.containers[0].securityContext.capabilities.add");
    }
}

#[test]
fn an_update_that_adds_nothing_is_not_evaluated() {
    let mut p = app_pod(json!(null), json!({"privileged": true}));
    p["spec"]["ephemeralContainers"] = json!([{"name": "debugger", "image": "busybox:1.36", "securityContext": {"privileged": true}}]);
    let stored = pod(&p);
    let same = stored.spec.as_ref().and_then(|s| s.ephemeral_containers.clone()).unwrap_or_default();
    let out = admit(&enforce("baseline"), &stored, &same, 37);
    assert_eq!((out.skipped, out.allowed(), out.audit_annotations.len()), (Some(Skip::NotSignificant), true, 0));
    // A new image is significant, and so is a new name.
    let mut changed = same.clone();
    changed[0].image = Some("busybox:1.37".to_owned());
    assert_eq!(admit(&enforce("baseline"), &stored, &changed, 37).skipped, None);
    let mut added = same.clone();
    added.push(debugger(Profile::Restricted));
    added[1].name = "debugger-2".to_owned();
    let out = admit(&enforce("baseline"), &stored, &added, 37);
    assert_eq!(
        out.denial_message("web").as_deref(),
        Some(
            r#"pods "web" is forbidden: violates PodSecurity "baseline:latest": privileged (containers "app", "debugger" must not set securityContext.privileged=true)"#
        )
    );
    // A namespace privileged in every mode is not evaluated at all.
    let out = admit(&enforce("privileged"), &stored, &added, 37);
    assert_eq!((out.skipped, out.audit_annotations), (Some(Skip::Privileged), vec![("enforce-policy", "privileged:latest".to_owned())]));
}

#[test]
fn windows_and_host_process_pods() {
    let mut w = app_pod(json!({"windowsOptions": {"runAsUserName": "ContainerUser"}}), json!(null));
    w["spec"]["os"] = json!({"name": "windows"});
    let w = pod(&w);
    let ns = |version: &str| {
        NamespacePolicy::from_labels(&labels(&[("enforce", "restricted"), ("enforce-version", version)]), &Policy::default(), 37)
    };
    // From 1.25 a Windows pod is spared the Linux-only fields; runAsNonRoot still holds.
    let out = admit(&ns("latest"), &w, &[debugger(Profile::Baseline)], 37);
    assert_eq!(
        out.denial_message("win").as_deref(),
        Some(
            r#"pods "win" is forbidden: violates PodSecurity "restricted:latest": runAsNonRoot != true (pod or containers "app", "debugger" must set securityContext.runAsNonRoot=true)"#
        )
    );
    let out = admit(&ns("v1.24"), &w, &[debugger(Profile::Baseline)], 37);
    assert_eq!(
        out.denied.expect("denied").violations.iter().map(|v| v.check).collect::<Vec<_>>(),
        ["allowPrivilegeEscalation", "capabilities_restricted", "runAsNonRoot", "seccompProfile_restricted"]
    );
    // A hostProcess pod breaks baseline twice: host network, host process.
    let mut hp = app_pod(json!({"windowsOptions": {"hostProcess": true, "runAsUserName": "NT AUTHORITY\\SYSTEM"}}), json!(null));
    hp["spec"]["os"] = json!({"name": "windows"});
    hp["spec"]["hostNetwork"] = json!(true);
    let mut dbg = debugger(Profile::Baseline);
    dbg.security_context = serde_json::from_value(json!({"windowsOptions": {"hostProcess": true}})).ok();
    let out = admit(&enforce("baseline"), &pod(&hp), &[dbg], 37);
    assert_eq!(
        out.denial_message("hp").as_deref(),
        Some(
            r#"pods "hp" is forbidden: violates PodSecurity "baseline:latest": host namespaces (hostNetwork=true), hostProcess (pod and container "debugger" must not set securityContext.windowsOptions.hostProcess=true)"#
        )
    );
}

/// What changed from one release to the next, for every policy version at once.
#[test]
fn behaviour_follows_the_api_server() {
    let p = |v: Value| v;
    let check = |p: &Value, level: Level, version: Version, server: u32| detail(eval(p, lv(level, version), server));
    // kubernetes-1.30.0: the appArmorProfile fields, and the annotations' new wording.
    let armor = p(json!({"metadata": {"annotations": {"container.apparmor.security.beta.kubernetes.io/app": "unconfined"}},
        "spec": {"containers": [{"name": "app", "securityContext": {"appArmorProfile": {"type": "Unconfined"}}}]}}));
    assert_eq!(
        check(&armor, B, Version::Minor(10), 29),
        r#"forbidden AppArmor profile (container.apparmor.security.beta.kubernetes.io/app="unconfined")"#
    );
    assert_eq!(
        check(&armor, B, Version::Minor(10), 30),
        r#"forbidden AppArmor profiles (container "app" and annotation must not set AppArmor profile type to "Unconfined", "container.apparmor.security.beta.kubernetes.io/app="unconfined"")"#
    );
    // kubernetes-1.33.0: image volumes are allowed at restricted, in every version.
    let image = restricted_pod_with(|p| p["spec"]["volumes"] = json!([{"name": "tools", "image": {"reference": "tools:1"}}]));
    assert_eq!(
        check(&image, R, Version::Minor(20), 32),
        r#"restricted volume types (volume "tools" uses restricted volume type "unknown")"#
    );
    assert_eq!(check(&image, R, Version::Minor(20), 33), "");
    // kubernetes-1.26.0 wrote the user and role notes without a wrong type.
    let user = p(json!({"spec": {"securityContext": {"seLinuxOptions": {"user": "u"}}}}));
    assert_eq!(check(&user, B, Version::Latest, 25), "seLinuxOptions (pod set forbidden securityContext.seLinuxOptions: )");
    assert_eq!(
        check(&user, B, Version::Latest, 26),
        "seLinuxOptions (pod set forbidden securityContext.seLinuxOptions: user may not be set)"
    );
    // New policy versions arrive with their release; latest and newer pins stop at the server's.
    let engine =
        p(json!({"spec": {"containers": [{"name": "app", "securityContext": {"seLinuxOptions": {"type": "container_engine_t"}}}]}}));
    assert_ne!(check(&engine, B, Version::Latest, 30), "");
    assert_eq!(check(&engine, B, Version::Latest, 31), "");
    assert_ne!(check(&engine, B, Version::Minor(30), 37), "");
    let probe = p(json!({"spec": {"containers": [{"name": "app", "livenessProbe": {"httpGet": {"host": "10.0.0.1", "port": 80}}}]}}));
    assert_eq!(check(&probe, B, Version::Latest, 33), "");
    assert_eq!(
        check(&probe, B, Version::Latest, 34),
        r#"probe or lifecycle host (container "app" uses probe or lifecycle host "10.0.0.1")"#
    );
    assert_eq!(check(&probe, B, Version::Minor(33), 37), "");
    let sysctl = p(json!({"spec": {"securityContext": {"sysctls": [{"name": "net.ipv4.tcp_notsent_lowat", "value": "1"}]}}}));
    assert_eq!(check(&sysctl, B, Version::Latest, 37), "");
    assert_eq!(check(&sysctl, B, Version::Latest, 36), "forbidden sysctls (net.ipv4.tcp_notsent_lowat)");
    assert_eq!(check(&sysctl, B, Version::Minor(99), 36), "forbidden sysctls (net.ipv4.tcp_notsent_lowat)");
    // kubernetes-1.35.0: pods in a user namespace may run as root and unmask /proc (baseline).
    let userns = restricted_pod_with(|p| {
        p["spec"]["hostUsers"] = json!(false);
        p["spec"]["securityContext"] = json!({"runAsUser": 0, "seccompProfile": {"type": "RuntimeDefault"}});
        c0(p)["securityContext"]["procMount"] = json!("Unmasked");
    });
    assert_eq!(check(&userns, B, Version::Latest, 35), "");
    assert_eq!(
        check(&userns, B, Version::Latest, 34),
        r#"procMount (container "app" must not set securityContext.procMount to "Unmasked")"#
    );
    assert_eq!(
        check(&userns, R, Version::Latest, 35),
        r#"procMount (container "app" must not set securityContext.procMount to "Unmasked")"#,
        "restricted keeps procMount, and spares runAsNonRoot and runAsUser"
    );
    assert_eq!(eval(&userns, lv(R, Version::Latest), 35)[0].check, "procMount_restricted");
    assert_eq!(
        check(&userns, R, Version::Minor(34), 37),
        r#"procMount (container "app" must not set securityContext.procMount to "Unmasked"), runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true), runAsUser=0 (pod must not set runAsUser=0)"#
    );
}

fn restricted_pod_with(f: impl FnOnce(&mut Value)) -> Value {
    tw(&restricted_pod(), f)
}

/// The message names the version as labelled, even when the server reads it as its newest.
#[test]
fn a_pinned_version_newer_than_the_server() {
    let web = pod(&restricted_pod_with(|p| p["spec"]["securityContext"]["sysctls"] = json!([{"name": "net.ipv4.tcp_rmem", "value": "1"}])));
    let ns = NamespacePolicy::from_labels(&labels(&[("enforce", "baseline"), ("enforce-version", "v1.99")]), &Policy::default(), 30);
    let out = admit(&ns, &web, &[debugger(Profile::Restricted)], 30);
    assert_eq!(
        out.denial_message("web").as_deref(),
        Some(r#"pods "web" is forbidden: violates PodSecurity "baseline:v1.99": forbidden sysctls (net.ipv4.tcp_rmem)"#)
    );
    assert!(admit(&ns, &web, &[debugger(Profile::Restricted)], 32).allowed());
}

/// The apiserver's warning recorder: a text with a control character is not sent; one longer
/// than 4096 characters is cut to 256.
#[test]
fn warnings_within_the_header_limits() {
    let web = pod(&restricted_pod());
    let ns = NamespacePolicy::from_labels(&labels(&[("warn", "baseline")]), &Policy::default(), 37);
    let mut odd = debugger(Profile::General);
    odd.security_context = serde_json::from_value(json!({"capabilities": {"add": ["SYS\tPTRACE"]}})).ok();
    let out = admit(&ns, &web, &[odd], 37);
    assert!(out.warned.is_some() && out.warning().is_none());
    let many: Vec<EphemeralContainer> = (0..300)
        .map(|i| {
            let mut d = debugger(Profile::Sysadmin);
            d.name = format!("debugger-{i:03}");
            d
        })
        .collect();
    let out = admit(&ns, &web, &many, 37);
    let w = out.kubectl_warning().expect("a warning");
    assert_eq!(w.chars().count(), "Warning: ".len() + 256);
    assert!(
        w.starts_with(r#"Warning: would violate PodSecurity "baseline:latest": privileged (containers "debugger-000", "debugger-001", "#)
    );
}

#[test]
fn every_check_has_its_own_code() {
    let codes: std::collections::BTreeSet<&str> = super::checks::CHECKS.iter().map(|c| super::code(c.id)).collect();
    assert_eq!(codes.len(), super::checks::CHECKS.len());
    assert!(super::checks::CHECKS.iter().all(|c| super::code(c.id) == format!("PSA-{}", c.id)));
}
