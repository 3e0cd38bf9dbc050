// Written by core/tests/kube_schema.rs from k8s-openapi 0.29.0 (v1_37); do not edit.
// After a k8s-openapi upgrade: ECPLAY_WRITE_KUBE=1 cargo test -p ecplay-core --test kube_schema
//
// One impl per object type a pod or an ephemeral container holds: the index of each
// field in the names k8s-openapi's Deserialize impl lists, to the struct field it sets.

use k8s_openapi::Resource as _;

use super::{Dec, Decode, Seg, Shape};
use crate::node::Node;

impl Decode for k8s_openapi::api::core::v1::Pod {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &POD, &mut |d, i, node, at| match i {
            2 => d.req(&mut v.metadata, node, at),
            3 => d.opt(&mut v.spec, node, at),
            4 => d.opt(&mut v.status, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static POD: Shape = Shape {
    expecting: k8s_openapi::api::core::v1::Pod::KIND,
    fields: &["apiVersion", "kind", "metadata", "spec", "status"],
    resource: Some((k8s_openapi::api::core::v1::Pod::API_VERSION, k8s_openapi::api::core::v1::Pod::KIND)),
};

impl Decode for k8s_openapi::api::core::v1::EphemeralContainer {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &EPHEMERAL_CONTAINER, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.args, node, at),
            1 => d.opt(&mut v.command, node, at),
            2 => d.opt(&mut v.env, node, at),
            3 => d.opt(&mut v.env_from, node, at),
            4 => d.opt(&mut v.image, node, at),
            5 => d.opt(&mut v.image_pull_policy, node, at),
            6 => d.opt(&mut v.lifecycle, node, at),
            7 => d.opt(&mut v.liveness_probe, node, at),
            8 => d.req(&mut v.name, node, at),
            9 => d.opt(&mut v.ports, node, at),
            10 => d.opt(&mut v.readiness_probe, node, at),
            11 => d.opt(&mut v.resize_policy, node, at),
            12 => d.opt(&mut v.resources, node, at),
            13 => d.opt(&mut v.restart_policy, node, at),
            14 => d.opt(&mut v.restart_policy_rules, node, at),
            15 => d.opt(&mut v.security_context, node, at),
            16 => d.opt(&mut v.startup_probe, node, at),
            17 => d.opt(&mut v.stdin, node, at),
            18 => d.opt(&mut v.stdin_once, node, at),
            19 => d.opt(&mut v.target_container_name, node, at),
            20 => d.opt(&mut v.termination_message_path, node, at),
            21 => d.opt(&mut v.termination_message_policy, node, at),
            22 => d.opt(&mut v.tty, node, at),
            23 => d.opt(&mut v.volume_devices, node, at),
            24 => d.opt(&mut v.volume_mounts, node, at),
            25 => d.opt(&mut v.working_dir, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static EPHEMERAL_CONTAINER: Shape = Shape {
    expecting: "EphemeralContainer",
    fields: &["args", "command", "env", "envFrom", "image", "imagePullPolicy", "lifecycle", "livenessProbe", "name", "ports", "readinessProbe", "resizePolicy", "resources", "restartPolicy", "restartPolicyRules", "securityContext", "startupProbe", "stdin", "stdinOnce", "targetContainerName", "terminationMessagePath", "terminationMessagePolicy", "tty", "volumeDevices", "volumeMounts", "workingDir"],
    resource: None,
};

impl Decode for k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &OBJECT_META, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.annotations, node, at),
            1 => d.opt(&mut v.creation_timestamp, node, at),
            2 => d.opt(&mut v.deletion_grace_period_seconds, node, at),
            3 => d.opt(&mut v.deletion_timestamp, node, at),
            4 => d.opt(&mut v.finalizers, node, at),
            5 => d.opt(&mut v.generate_name, node, at),
            6 => d.opt(&mut v.generation, node, at),
            7 => d.opt(&mut v.labels, node, at),
            9 => d.opt(&mut v.name, node, at),
            10 => d.opt(&mut v.namespace, node, at),
            11 => d.opt(&mut v.owner_references, node, at),
            12 => d.opt(&mut v.resource_version, node, at),
            13 => d.opt(&mut v.self_link, node, at),
            14 => d.opt(&mut v.uid, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static OBJECT_META: Shape = Shape {
    expecting: "ObjectMeta",
    fields: &["annotations", "creationTimestamp", "deletionGracePeriodSeconds", "deletionTimestamp", "finalizers", "generateName", "generation", "labels", "managedFields", "name", "namespace", "ownerReferences", "resourceVersion", "selfLink", "uid"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::PodSpec {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &POD_SPEC, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.active_deadline_seconds, node, at),
            1 => d.opt(&mut v.affinity, node, at),
            2 => d.opt(&mut v.automount_service_account_token, node, at),
            3 => d.req(&mut v.containers, node, at),
            4 => d.opt(&mut v.dns_config, node, at),
            5 => d.opt(&mut v.dns_policy, node, at),
            6 => d.opt(&mut v.enable_service_links, node, at),
            7 => d.opt(&mut v.ephemeral_containers, node, at),
            8 => d.opt(&mut v.eviction_responders, node, at),
            9 => d.opt(&mut v.host_aliases, node, at),
            10 => d.opt(&mut v.host_ipc, node, at),
            11 => d.opt(&mut v.host_network, node, at),
            12 => d.opt(&mut v.host_pid, node, at),
            13 => d.opt(&mut v.host_users, node, at),
            14 => d.opt(&mut v.hostname, node, at),
            15 => d.opt(&mut v.hostname_override, node, at),
            16 => d.opt(&mut v.image_pull_secrets, node, at),
            17 => d.opt(&mut v.init_containers, node, at),
            18 => d.opt(&mut v.node_name, node, at),
            19 => d.opt(&mut v.node_selector, node, at),
            20 => d.opt(&mut v.os, node, at),
            21 => d.opt(&mut v.overhead, node, at),
            22 => d.opt(&mut v.preemption_policy, node, at),
            23 => d.opt(&mut v.priority, node, at),
            24 => d.opt(&mut v.priority_class_name, node, at),
            25 => d.opt(&mut v.readiness_gates, node, at),
            26 => d.opt(&mut v.resource_claims, node, at),
            27 => d.opt(&mut v.resources, node, at),
            28 => d.opt(&mut v.restart_policy, node, at),
            29 => d.opt(&mut v.runtime_class_name, node, at),
            30 => d.opt(&mut v.scheduler_name, node, at),
            31 => d.opt(&mut v.scheduling_gates, node, at),
            32 => d.opt(&mut v.scheduling_group, node, at),
            33 => d.opt(&mut v.security_context, node, at),
            34 => d.opt(&mut v.service_account, node, at),
            35 => d.opt(&mut v.service_account_name, node, at),
            36 => d.opt(&mut v.set_hostname_as_fqdn, node, at),
            37 => d.opt(&mut v.share_process_namespace, node, at),
            38 => d.opt(&mut v.subdomain, node, at),
            39 => d.opt(&mut v.termination_grace_period_seconds, node, at),
            40 => d.opt(&mut v.tolerations, node, at),
            41 => d.opt(&mut v.topology_spread_constraints, node, at),
            42 => d.opt(&mut v.volumes, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static POD_SPEC: Shape = Shape {
    expecting: "PodSpec",
    fields: &["activeDeadlineSeconds", "affinity", "automountServiceAccountToken", "containers", "dnsConfig", "dnsPolicy", "enableServiceLinks", "ephemeralContainers", "evictionResponders", "hostAliases", "hostIPC", "hostNetwork", "hostPID", "hostUsers", "hostname", "hostnameOverride", "imagePullSecrets", "initContainers", "nodeName", "nodeSelector", "os", "overhead", "preemptionPolicy", "priority", "priorityClassName", "readinessGates", "resourceClaims", "resources", "restartPolicy", "runtimeClassName", "schedulerName", "schedulingGates", "schedulingGroup", "securityContext", "serviceAccount", "serviceAccountName", "setHostnameAsFQDN", "shareProcessNamespace", "subdomain", "terminationGracePeriodSeconds", "tolerations", "topologySpreadConstraints", "volumes"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::EnvVar {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &ENV_VAR, &mut |d, i, node, at| match i {
            0 => d.req(&mut v.name, node, at),
            1 => d.opt(&mut v.value, node, at),
            2 => d.opt(&mut v.value_from, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static ENV_VAR: Shape = Shape {
    expecting: "EnvVar",
    fields: &["name", "value", "valueFrom"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::EnvFromSource {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &ENV_FROM_SOURCE, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.config_map_ref, node, at),
            1 => d.opt(&mut v.prefix, node, at),
            2 => d.opt(&mut v.secret_ref, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static ENV_FROM_SOURCE: Shape = Shape {
    expecting: "EnvFromSource",
    fields: &["configMapRef", "prefix", "secretRef"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::Lifecycle {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &LIFECYCLE, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.post_start, node, at),
            1 => d.opt(&mut v.pre_stop, node, at),
            2 => d.opt(&mut v.stop_signal, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static LIFECYCLE: Shape = Shape {
    expecting: "Lifecycle",
    fields: &["postStart", "preStop", "stopSignal"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::Probe {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &PROBE, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.exec, node, at),
            1 => d.opt(&mut v.failure_threshold, node, at),
            2 => d.opt(&mut v.grpc, node, at),
            3 => d.opt(&mut v.http_get, node, at),
            4 => d.opt(&mut v.initial_delay_seconds, node, at),
            5 => d.opt(&mut v.period_seconds, node, at),
            6 => d.opt(&mut v.success_threshold, node, at),
            7 => d.opt(&mut v.tcp_socket, node, at),
            8 => d.opt(&mut v.termination_grace_period_seconds, node, at),
            9 => d.opt(&mut v.timeout_seconds, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static PROBE: Shape = Shape {
    expecting: "Probe",
    fields: &["exec", "failureThreshold", "grpc", "httpGet", "initialDelaySeconds", "periodSeconds", "successThreshold", "tcpSocket", "terminationGracePeriodSeconds", "timeoutSeconds"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::ContainerPort {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &CONTAINER_PORT, &mut |d, i, node, at| match i {
            0 => d.req(&mut v.container_port, node, at),
            1 => d.opt(&mut v.host_ip, node, at),
            2 => d.opt(&mut v.host_port, node, at),
            3 => d.opt(&mut v.name, node, at),
            4 => d.opt(&mut v.protocol, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static CONTAINER_PORT: Shape = Shape {
    expecting: "ContainerPort",
    fields: &["containerPort", "hostIP", "hostPort", "name", "protocol"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::ContainerResizePolicy {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &CONTAINER_RESIZE_POLICY, &mut |d, i, node, at| match i {
            0 => d.req(&mut v.resource_name, node, at),
            1 => d.req(&mut v.restart_policy, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static CONTAINER_RESIZE_POLICY: Shape = Shape {
    expecting: "ContainerResizePolicy",
    fields: &["resourceName", "restartPolicy"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::ResourceRequirements {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &RESOURCE_REQUIREMENTS, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.claims, node, at),
            1 => d.opt(&mut v.limits, node, at),
            2 => d.opt(&mut v.requests, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static RESOURCE_REQUIREMENTS: Shape = Shape {
    expecting: "ResourceRequirements",
    fields: &["claims", "limits", "requests"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::ContainerRestartRule {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &CONTAINER_RESTART_RULE, &mut |d, i, node, at| match i {
            0 => d.req(&mut v.action, node, at),
            1 => d.opt(&mut v.exit_codes, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static CONTAINER_RESTART_RULE: Shape = Shape {
    expecting: "ContainerRestartRule",
    fields: &["action", "exitCodes"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::SecurityContext {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &SECURITY_CONTEXT, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.allow_privilege_escalation, node, at),
            1 => d.opt(&mut v.app_armor_profile, node, at),
            2 => d.opt(&mut v.capabilities, node, at),
            3 => d.opt(&mut v.privileged, node, at),
            4 => d.opt(&mut v.proc_mount, node, at),
            5 => d.opt(&mut v.read_only_root_filesystem, node, at),
            6 => d.opt(&mut v.run_as_group, node, at),
            7 => d.opt(&mut v.run_as_non_root, node, at),
            8 => d.opt(&mut v.run_as_user, node, at),
            9 => d.opt(&mut v.se_linux_options, node, at),
            10 => d.opt(&mut v.seccomp_profile, node, at),
            11 => d.opt(&mut v.windows_options, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static SECURITY_CONTEXT: Shape = Shape {
    expecting: "SecurityContext",
    fields: &["allowPrivilegeEscalation", "appArmorProfile", "capabilities", "privileged", "procMount", "readOnlyRootFilesystem", "runAsGroup", "runAsNonRoot", "runAsUser", "seLinuxOptions", "seccompProfile", "windowsOptions"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::VolumeDevice {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &VOLUME_DEVICE, &mut |d, i, node, at| match i {
            0 => d.req(&mut v.device_path, node, at),
            1 => d.req(&mut v.name, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static VOLUME_DEVICE: Shape = Shape {
    expecting: "VolumeDevice",
    fields: &["devicePath", "name"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::VolumeMount {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &VOLUME_MOUNT, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.bind_mount_options, node, at),
            1 => d.req(&mut v.mount_path, node, at),
            2 => d.opt(&mut v.mount_propagation, node, at),
            3 => d.req(&mut v.name, node, at),
            4 => d.opt(&mut v.read_only, node, at),
            5 => d.opt(&mut v.recursive_read_only, node, at),
            6 => d.opt(&mut v.sub_path, node, at),
            7 => d.opt(&mut v.sub_path_expr, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static VOLUME_MOUNT: Shape = Shape {
    expecting: "VolumeMount",
    fields: &["bindMountOptions", "mountPath", "mountPropagation", "name", "readOnly", "recursiveReadOnly", "subPath", "subPathExpr"],
    resource: None,
};

impl Decode for k8s_openapi::apimachinery::pkg::apis::meta::v1::OwnerReference {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &OWNER_REFERENCE, &mut |d, i, node, at| match i {
            0 => d.req(&mut v.api_version, node, at),
            1 => d.opt(&mut v.block_owner_deletion, node, at),
            2 => d.opt(&mut v.controller, node, at),
            3 => d.req(&mut v.kind, node, at),
            4 => d.req(&mut v.name, node, at),
            5 => d.req(&mut v.uid, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static OWNER_REFERENCE: Shape = Shape {
    expecting: "OwnerReference",
    fields: &["apiVersion", "blockOwnerDeletion", "controller", "kind", "name", "uid"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::Affinity {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &AFFINITY, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.node_affinity, node, at),
            1 => d.opt(&mut v.pod_affinity, node, at),
            2 => d.opt(&mut v.pod_anti_affinity, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static AFFINITY: Shape = Shape {
    expecting: "Affinity",
    fields: &["nodeAffinity", "podAffinity", "podAntiAffinity"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::Container {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &CONTAINER, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.args, node, at),
            1 => d.opt(&mut v.command, node, at),
            2 => d.opt(&mut v.env, node, at),
            3 => d.opt(&mut v.env_from, node, at),
            4 => d.opt(&mut v.image, node, at),
            5 => d.opt(&mut v.image_pull_policy, node, at),
            6 => d.opt(&mut v.lifecycle, node, at),
            7 => d.opt(&mut v.liveness_probe, node, at),
            8 => d.req(&mut v.name, node, at),
            9 => d.opt(&mut v.ports, node, at),
            10 => d.opt(&mut v.readiness_probe, node, at),
            11 => d.opt(&mut v.resize_policy, node, at),
            12 => d.opt(&mut v.resources, node, at),
            13 => d.opt(&mut v.restart_policy, node, at),
            14 => d.opt(&mut v.restart_policy_rules, node, at),
            15 => d.opt(&mut v.security_context, node, at),
            16 => d.opt(&mut v.startup_probe, node, at),
            17 => d.opt(&mut v.stdin, node, at),
            18 => d.opt(&mut v.stdin_once, node, at),
            19 => d.opt(&mut v.termination_message_path, node, at),
            20 => d.opt(&mut v.termination_message_policy, node, at),
            21 => d.opt(&mut v.tty, node, at),
            22 => d.opt(&mut v.volume_devices, node, at),
            23 => d.opt(&mut v.volume_mounts, node, at),
            24 => d.opt(&mut v.working_dir, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static CONTAINER: Shape = Shape {
    expecting: "Container",
    fields: &["args", "command", "env", "envFrom", "image", "imagePullPolicy", "lifecycle", "livenessProbe", "name", "ports", "readinessProbe", "resizePolicy", "resources", "restartPolicy", "restartPolicyRules", "securityContext", "startupProbe", "stdin", "stdinOnce", "terminationMessagePath", "terminationMessagePolicy", "tty", "volumeDevices", "volumeMounts", "workingDir"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::PodDNSConfig {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &POD_DNS_CONFIG, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.nameservers, node, at),
            1 => d.opt(&mut v.options, node, at),
            2 => d.opt(&mut v.searches, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static POD_DNS_CONFIG: Shape = Shape {
    expecting: "PodDNSConfig",
    fields: &["nameservers", "options", "searches"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::EvictionResponder {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &EVICTION_RESPONDER, &mut |d, i, node, at| match i {
            0 => d.req(&mut v.name, node, at),
            1 => d.req(&mut v.priority, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static EVICTION_RESPONDER: Shape = Shape {
    expecting: "EvictionResponder",
    fields: &["name", "priority"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::HostAlias {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &HOST_ALIAS, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.hostnames, node, at),
            1 => d.req(&mut v.ip, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static HOST_ALIAS: Shape = Shape {
    expecting: "HostAlias",
    fields: &["hostnames", "ip"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::LocalObjectReference {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &LOCAL_OBJECT_REFERENCE, &mut |d, i, node, at| match i {
            0 => d.req(&mut v.name, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static LOCAL_OBJECT_REFERENCE: Shape = Shape {
    expecting: "LocalObjectReference",
    fields: &["name"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::PodOS {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &POD_OS, &mut |d, i, node, at| match i {
            0 => d.req(&mut v.name, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static POD_OS: Shape = Shape {
    expecting: "PodOS",
    fields: &["name"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::PodReadinessGate {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &POD_READINESS_GATE, &mut |d, i, node, at| match i {
            0 => d.req(&mut v.condition_type, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static POD_READINESS_GATE: Shape = Shape {
    expecting: "PodReadinessGate",
    fields: &["conditionType"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::PodResourceClaim {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &POD_RESOURCE_CLAIM, &mut |d, i, node, at| match i {
            0 => d.req(&mut v.name, node, at),
            1 => d.opt(&mut v.resource_claim_name, node, at),
            2 => d.opt(&mut v.resource_claim_template_name, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static POD_RESOURCE_CLAIM: Shape = Shape {
    expecting: "PodResourceClaim",
    fields: &["name", "resourceClaimName", "resourceClaimTemplateName"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::PodSchedulingGate {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &POD_SCHEDULING_GATE, &mut |d, i, node, at| match i {
            0 => d.req(&mut v.name, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static POD_SCHEDULING_GATE: Shape = Shape {
    expecting: "PodSchedulingGate",
    fields: &["name"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::PodSchedulingGroup {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &POD_SCHEDULING_GROUP, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.pod_group_name, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static POD_SCHEDULING_GROUP: Shape = Shape {
    expecting: "PodSchedulingGroup",
    fields: &["podGroupName"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::PodSecurityContext {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &POD_SECURITY_CONTEXT, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.app_armor_profile, node, at),
            1 => d.opt(&mut v.fs_group, node, at),
            2 => d.opt(&mut v.fs_group_change_policy, node, at),
            3 => d.opt(&mut v.run_as_group, node, at),
            4 => d.opt(&mut v.run_as_non_root, node, at),
            5 => d.opt(&mut v.run_as_user, node, at),
            6 => d.opt(&mut v.se_linux_change_policy, node, at),
            7 => d.opt(&mut v.se_linux_options, node, at),
            8 => d.opt(&mut v.seccomp_profile, node, at),
            9 => d.opt(&mut v.supplemental_groups, node, at),
            10 => d.opt(&mut v.supplemental_groups_policy, node, at),
            11 => d.opt(&mut v.sysctls, node, at),
            12 => d.opt(&mut v.windows_options, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static POD_SECURITY_CONTEXT: Shape = Shape {
    expecting: "PodSecurityContext",
    fields: &["appArmorProfile", "fsGroup", "fsGroupChangePolicy", "runAsGroup", "runAsNonRoot", "runAsUser", "seLinuxChangePolicy", "seLinuxOptions", "seccompProfile", "supplementalGroups", "supplementalGroupsPolicy", "sysctls", "windowsOptions"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::Toleration {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &TOLERATION, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.effect, node, at),
            1 => d.opt(&mut v.key, node, at),
            2 => d.opt(&mut v.operator, node, at),
            3 => d.opt(&mut v.toleration_seconds, node, at),
            4 => d.opt(&mut v.value, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static TOLERATION: Shape = Shape {
    expecting: "Toleration",
    fields: &["effect", "key", "operator", "tolerationSeconds", "value"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::TopologySpreadConstraint {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &TOPOLOGY_SPREAD_CONSTRAINT, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.label_selector, node, at),
            1 => d.opt(&mut v.match_label_keys, node, at),
            2 => d.req(&mut v.max_skew, node, at),
            3 => d.opt(&mut v.min_domains, node, at),
            4 => d.opt(&mut v.node_affinity_policy, node, at),
            5 => d.opt(&mut v.node_taints_policy, node, at),
            6 => d.req(&mut v.topology_key, node, at),
            7 => d.req(&mut v.when_unsatisfiable, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static TOPOLOGY_SPREAD_CONSTRAINT: Shape = Shape {
    expecting: "TopologySpreadConstraint",
    fields: &["labelSelector", "matchLabelKeys", "maxSkew", "minDomains", "nodeAffinityPolicy", "nodeTaintsPolicy", "topologyKey", "whenUnsatisfiable"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::Volume {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &VOLUME, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.aws_elastic_block_store, node, at),
            1 => d.opt(&mut v.azure_disk, node, at),
            2 => d.opt(&mut v.azure_file, node, at),
            3 => d.opt(&mut v.cephfs, node, at),
            4 => d.opt(&mut v.cinder, node, at),
            5 => d.opt(&mut v.config_map, node, at),
            6 => d.opt(&mut v.csi, node, at),
            7 => d.opt(&mut v.downward_api, node, at),
            8 => d.opt(&mut v.empty_dir, node, at),
            9 => d.opt(&mut v.ephemeral, node, at),
            10 => d.opt(&mut v.fc, node, at),
            11 => d.opt(&mut v.flex_volume, node, at),
            12 => d.opt(&mut v.flocker, node, at),
            13 => d.opt(&mut v.gce_persistent_disk, node, at),
            14 => d.opt(&mut v.git_repo, node, at),
            15 => d.opt(&mut v.glusterfs, node, at),
            16 => d.opt(&mut v.host_path, node, at),
            17 => d.opt(&mut v.image, node, at),
            18 => d.opt(&mut v.iscsi, node, at),
            19 => d.req(&mut v.name, node, at),
            20 => d.opt(&mut v.nfs, node, at),
            21 => d.opt(&mut v.persistent_volume_claim, node, at),
            22 => d.opt(&mut v.photon_persistent_disk, node, at),
            23 => d.opt(&mut v.portworx_volume, node, at),
            24 => d.opt(&mut v.projected, node, at),
            25 => d.opt(&mut v.quobyte, node, at),
            26 => d.opt(&mut v.rbd, node, at),
            27 => d.opt(&mut v.scale_io, node, at),
            28 => d.opt(&mut v.secret, node, at),
            29 => d.opt(&mut v.storageos, node, at),
            30 => d.opt(&mut v.vsphere_volume, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static VOLUME: Shape = Shape {
    expecting: "Volume",
    fields: &["awsElasticBlockStore", "azureDisk", "azureFile", "cephfs", "cinder", "configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "fc", "flexVolume", "flocker", "gcePersistentDisk", "gitRepo", "glusterfs", "hostPath", "image", "iscsi", "name", "nfs", "persistentVolumeClaim", "photonPersistentDisk", "portworxVolume", "projected", "quobyte", "rbd", "scaleIO", "secret", "storageos", "vsphereVolume"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::EnvVarSource {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &ENV_VAR_SOURCE, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.config_map_key_ref, node, at),
            1 => d.opt(&mut v.field_ref, node, at),
            2 => d.opt(&mut v.file_key_ref, node, at),
            3 => d.opt(&mut v.resource_field_ref, node, at),
            4 => d.opt(&mut v.secret_key_ref, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static ENV_VAR_SOURCE: Shape = Shape {
    expecting: "EnvVarSource",
    fields: &["configMapKeyRef", "fieldRef", "fileKeyRef", "resourceFieldRef", "secretKeyRef"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::ConfigMapEnvSource {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &CONFIG_MAP_ENV_SOURCE, &mut |d, i, node, at| match i {
            0 => d.req(&mut v.name, node, at),
            1 => d.opt(&mut v.optional, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static CONFIG_MAP_ENV_SOURCE: Shape = Shape {
    expecting: "ConfigMapEnvSource",
    fields: &["name", "optional"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::SecretEnvSource {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &SECRET_ENV_SOURCE, &mut |d, i, node, at| match i {
            0 => d.req(&mut v.name, node, at),
            1 => d.opt(&mut v.optional, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static SECRET_ENV_SOURCE: Shape = Shape {
    expecting: "SecretEnvSource",
    fields: &["name", "optional"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::LifecycleHandler {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &LIFECYCLE_HANDLER, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.exec, node, at),
            1 => d.opt(&mut v.http_get, node, at),
            2 => d.opt(&mut v.sleep, node, at),
            3 => d.opt(&mut v.tcp_socket, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static LIFECYCLE_HANDLER: Shape = Shape {
    expecting: "LifecycleHandler",
    fields: &["exec", "httpGet", "sleep", "tcpSocket"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::ExecAction {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &EXEC_ACTION, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.command, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static EXEC_ACTION: Shape = Shape {
    expecting: "ExecAction",
    fields: &["command"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::GRPCAction {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &GRPC_ACTION, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.mode, node, at),
            1 => d.req(&mut v.port, node, at),
            2 => d.opt(&mut v.service, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static GRPC_ACTION: Shape = Shape {
    expecting: "GRPCAction",
    fields: &["mode", "port", "service"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::HTTPGetAction {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &HTTP_GET_ACTION, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.host, node, at),
            1 => d.opt(&mut v.http_headers, node, at),
            2 => d.opt(&mut v.path, node, at),
            3 => d.req(&mut v.port, node, at),
            4 => d.opt(&mut v.protocol, node, at),
            5 => d.opt(&mut v.scheme, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static HTTP_GET_ACTION: Shape = Shape {
    expecting: "HTTPGetAction",
    fields: &["host", "httpHeaders", "path", "port", "protocol", "scheme"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::TCPSocketAction {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &TCP_SOCKET_ACTION, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.host, node, at),
            1 => d.req(&mut v.port, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static TCP_SOCKET_ACTION: Shape = Shape {
    expecting: "TCPSocketAction",
    fields: &["host", "port"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::ResourceClaim {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &RESOURCE_CLAIM, &mut |d, i, node, at| match i {
            0 => d.req(&mut v.name, node, at),
            1 => d.opt(&mut v.request, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static RESOURCE_CLAIM: Shape = Shape {
    expecting: "ResourceClaim",
    fields: &["name", "request"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::ContainerRestartRuleOnExitCodes {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &CONTAINER_RESTART_RULE_ON_EXIT_CODES, &mut |d, i, node, at| match i {
            0 => d.req(&mut v.operator, node, at),
            1 => d.opt(&mut v.values, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static CONTAINER_RESTART_RULE_ON_EXIT_CODES: Shape = Shape {
    expecting: "ContainerRestartRuleOnExitCodes",
    fields: &["operator", "values"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::AppArmorProfile {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &APP_ARMOR_PROFILE, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.localhost_profile, node, at),
            1 => d.req(&mut v.type_, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static APP_ARMOR_PROFILE: Shape = Shape {
    expecting: "AppArmorProfile",
    fields: &["localhostProfile", "type"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::Capabilities {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &CAPABILITIES, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.add, node, at),
            1 => d.opt(&mut v.drop, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static CAPABILITIES: Shape = Shape {
    expecting: "Capabilities",
    fields: &["add", "drop"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::SELinuxOptions {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &SE_LINUX_OPTIONS, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.level, node, at),
            1 => d.opt(&mut v.role, node, at),
            2 => d.opt(&mut v.type_, node, at),
            3 => d.opt(&mut v.user, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static SE_LINUX_OPTIONS: Shape = Shape {
    expecting: "SELinuxOptions",
    fields: &["level", "role", "type", "user"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::SeccompProfile {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &SECCOMP_PROFILE, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.localhost_profile, node, at),
            1 => d.req(&mut v.type_, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static SECCOMP_PROFILE: Shape = Shape {
    expecting: "SeccompProfile",
    fields: &["localhostProfile", "type"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::WindowsSecurityContextOptions {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &WINDOWS_SECURITY_CONTEXT_OPTIONS, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.gmsa_credential_spec, node, at),
            1 => d.opt(&mut v.gmsa_credential_spec_name, node, at),
            2 => d.opt(&mut v.host_process, node, at),
            3 => d.opt(&mut v.run_as_user_name, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static WINDOWS_SECURITY_CONTEXT_OPTIONS: Shape = Shape {
    expecting: "WindowsSecurityContextOptions",
    fields: &["gmsaCredentialSpec", "gmsaCredentialSpecName", "hostProcess", "runAsUserName"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::NodeAffinity {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &NODE_AFFINITY, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.preferred_during_scheduling_ignored_during_execution, node, at),
            1 => d.opt(&mut v.required_during_scheduling_ignored_during_execution, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static NODE_AFFINITY: Shape = Shape {
    expecting: "NodeAffinity",
    fields: &["preferredDuringSchedulingIgnoredDuringExecution", "requiredDuringSchedulingIgnoredDuringExecution"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::PodAffinity {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &POD_AFFINITY, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.preferred_during_scheduling_ignored_during_execution, node, at),
            1 => d.opt(&mut v.required_during_scheduling_ignored_during_execution, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static POD_AFFINITY: Shape = Shape {
    expecting: "PodAffinity",
    fields: &["preferredDuringSchedulingIgnoredDuringExecution", "requiredDuringSchedulingIgnoredDuringExecution"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::PodAntiAffinity {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &POD_ANTI_AFFINITY, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.preferred_during_scheduling_ignored_during_execution, node, at),
            1 => d.opt(&mut v.required_during_scheduling_ignored_during_execution, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static POD_ANTI_AFFINITY: Shape = Shape {
    expecting: "PodAntiAffinity",
    fields: &["preferredDuringSchedulingIgnoredDuringExecution", "requiredDuringSchedulingIgnoredDuringExecution"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::PodDNSConfigOption {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &POD_DNS_CONFIG_OPTION, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.name, node, at),
            1 => d.opt(&mut v.value, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static POD_DNS_CONFIG_OPTION: Shape = Shape {
    expecting: "PodDNSConfigOption",
    fields: &["name", "value"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::Sysctl {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &SYSCTL, &mut |d, i, node, at| match i {
            0 => d.req(&mut v.name, node, at),
            1 => d.req(&mut v.value, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static SYSCTL: Shape = Shape {
    expecting: "Sysctl",
    fields: &["name", "value"],
    resource: None,
};

impl Decode for k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &LABEL_SELECTOR, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.match_expressions, node, at),
            1 => d.opt(&mut v.match_labels, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static LABEL_SELECTOR: Shape = Shape {
    expecting: "LabelSelector",
    fields: &["matchExpressions", "matchLabels"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::AWSElasticBlockStoreVolumeSource {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &AWS_ELASTIC_BLOCK_STORE_VOLUME_SOURCE, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.fs_type, node, at),
            1 => d.opt(&mut v.partition, node, at),
            2 => d.opt(&mut v.read_only, node, at),
            3 => d.req(&mut v.volume_id, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static AWS_ELASTIC_BLOCK_STORE_VOLUME_SOURCE: Shape = Shape {
    expecting: "AWSElasticBlockStoreVolumeSource",
    fields: &["fsType", "partition", "readOnly", "volumeID"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::AzureDiskVolumeSource {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &AZURE_DISK_VOLUME_SOURCE, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.caching_mode, node, at),
            1 => d.req(&mut v.disk_name, node, at),
            2 => d.req(&mut v.disk_uri, node, at),
            3 => d.opt(&mut v.fs_type, node, at),
            4 => d.opt(&mut v.kind, node, at),
            5 => d.opt(&mut v.read_only, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static AZURE_DISK_VOLUME_SOURCE: Shape = Shape {
    expecting: "AzureDiskVolumeSource",
    fields: &["cachingMode", "diskName", "diskURI", "fsType", "kind", "readOnly"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::AzureFileVolumeSource {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &AZURE_FILE_VOLUME_SOURCE, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.read_only, node, at),
            1 => d.req(&mut v.secret_name, node, at),
            2 => d.req(&mut v.share_name, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static AZURE_FILE_VOLUME_SOURCE: Shape = Shape {
    expecting: "AzureFileVolumeSource",
    fields: &["readOnly", "secretName", "shareName"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::CephFSVolumeSource {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &CEPH_FS_VOLUME_SOURCE, &mut |d, i, node, at| match i {
            0 => d.req(&mut v.monitors, node, at),
            1 => d.opt(&mut v.path, node, at),
            2 => d.opt(&mut v.read_only, node, at),
            3 => d.opt(&mut v.secret_file, node, at),
            4 => d.opt(&mut v.secret_ref, node, at),
            5 => d.opt(&mut v.user, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static CEPH_FS_VOLUME_SOURCE: Shape = Shape {
    expecting: "CephFSVolumeSource",
    fields: &["monitors", "path", "readOnly", "secretFile", "secretRef", "user"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::CinderVolumeSource {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &CINDER_VOLUME_SOURCE, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.fs_type, node, at),
            1 => d.opt(&mut v.read_only, node, at),
            2 => d.opt(&mut v.secret_ref, node, at),
            3 => d.req(&mut v.volume_id, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static CINDER_VOLUME_SOURCE: Shape = Shape {
    expecting: "CinderVolumeSource",
    fields: &["fsType", "readOnly", "secretRef", "volumeID"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::ConfigMapVolumeSource {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &CONFIG_MAP_VOLUME_SOURCE, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.default_mode, node, at),
            1 => d.opt(&mut v.default_user, node, at),
            2 => d.opt(&mut v.items, node, at),
            3 => d.req(&mut v.name, node, at),
            4 => d.opt(&mut v.optional, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static CONFIG_MAP_VOLUME_SOURCE: Shape = Shape {
    expecting: "ConfigMapVolumeSource",
    fields: &["defaultMode", "defaultUser", "items", "name", "optional"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::CSIVolumeSource {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &CSI_VOLUME_SOURCE, &mut |d, i, node, at| match i {
            0 => d.req(&mut v.driver, node, at),
            1 => d.opt(&mut v.fs_type, node, at),
            2 => d.opt(&mut v.node_publish_secret_ref, node, at),
            3 => d.opt(&mut v.read_only, node, at),
            4 => d.opt(&mut v.volume_attributes, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static CSI_VOLUME_SOURCE: Shape = Shape {
    expecting: "CSIVolumeSource",
    fields: &["driver", "fsType", "nodePublishSecretRef", "readOnly", "volumeAttributes"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::DownwardAPIVolumeSource {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &DOWNWARD_API_VOLUME_SOURCE, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.default_mode, node, at),
            1 => d.opt(&mut v.default_user, node, at),
            2 => d.opt(&mut v.items, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static DOWNWARD_API_VOLUME_SOURCE: Shape = Shape {
    expecting: "DownwardAPIVolumeSource",
    fields: &["defaultMode", "defaultUser", "items"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::EmptyDirVolumeSource {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &EMPTY_DIR_VOLUME_SOURCE, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.medium, node, at),
            1 => d.opt(&mut v.mode, node, at),
            2 => d.opt(&mut v.size_limit, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static EMPTY_DIR_VOLUME_SOURCE: Shape = Shape {
    expecting: "EmptyDirVolumeSource",
    fields: &["medium", "mode", "sizeLimit"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::EphemeralVolumeSource {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &EPHEMERAL_VOLUME_SOURCE, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.volume_claim_template, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static EPHEMERAL_VOLUME_SOURCE: Shape = Shape {
    expecting: "EphemeralVolumeSource",
    fields: &["volumeClaimTemplate"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::FCVolumeSource {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &FC_VOLUME_SOURCE, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.fs_type, node, at),
            1 => d.opt(&mut v.lun, node, at),
            2 => d.opt(&mut v.read_only, node, at),
            3 => d.opt(&mut v.target_wwns, node, at),
            4 => d.opt(&mut v.wwids, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static FC_VOLUME_SOURCE: Shape = Shape {
    expecting: "FCVolumeSource",
    fields: &["fsType", "lun", "readOnly", "targetWWNs", "wwids"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::FlexVolumeSource {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &FLEX_VOLUME_SOURCE, &mut |d, i, node, at| match i {
            0 => d.req(&mut v.driver, node, at),
            1 => d.opt(&mut v.fs_type, node, at),
            2 => d.opt(&mut v.options, node, at),
            3 => d.opt(&mut v.read_only, node, at),
            4 => d.opt(&mut v.secret_ref, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static FLEX_VOLUME_SOURCE: Shape = Shape {
    expecting: "FlexVolumeSource",
    fields: &["driver", "fsType", "options", "readOnly", "secretRef"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::FlockerVolumeSource {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &FLOCKER_VOLUME_SOURCE, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.dataset_name, node, at),
            1 => d.opt(&mut v.dataset_uuid, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static FLOCKER_VOLUME_SOURCE: Shape = Shape {
    expecting: "FlockerVolumeSource",
    fields: &["datasetName", "datasetUUID"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::GCEPersistentDiskVolumeSource {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &GCE_PERSISTENT_DISK_VOLUME_SOURCE, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.fs_type, node, at),
            1 => d.opt(&mut v.partition, node, at),
            2 => d.req(&mut v.pd_name, node, at),
            3 => d.opt(&mut v.read_only, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static GCE_PERSISTENT_DISK_VOLUME_SOURCE: Shape = Shape {
    expecting: "GCEPersistentDiskVolumeSource",
    fields: &["fsType", "partition", "pdName", "readOnly"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::GitRepoVolumeSource {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &GIT_REPO_VOLUME_SOURCE, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.directory, node, at),
            1 => d.req(&mut v.repository, node, at),
            2 => d.opt(&mut v.revision, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static GIT_REPO_VOLUME_SOURCE: Shape = Shape {
    expecting: "GitRepoVolumeSource",
    fields: &["directory", "repository", "revision"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::GlusterfsVolumeSource {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &GLUSTERFS_VOLUME_SOURCE, &mut |d, i, node, at| match i {
            0 => d.req(&mut v.endpoints, node, at),
            1 => d.req(&mut v.path, node, at),
            2 => d.opt(&mut v.read_only, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static GLUSTERFS_VOLUME_SOURCE: Shape = Shape {
    expecting: "GlusterfsVolumeSource",
    fields: &["endpoints", "path", "readOnly"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::HostPathVolumeSource {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &HOST_PATH_VOLUME_SOURCE, &mut |d, i, node, at| match i {
            0 => d.req(&mut v.path, node, at),
            1 => d.opt(&mut v.type_, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static HOST_PATH_VOLUME_SOURCE: Shape = Shape {
    expecting: "HostPathVolumeSource",
    fields: &["path", "type"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::ImageVolumeSource {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &IMAGE_VOLUME_SOURCE, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.pull_policy, node, at),
            1 => d.opt(&mut v.reference, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static IMAGE_VOLUME_SOURCE: Shape = Shape {
    expecting: "ImageVolumeSource",
    fields: &["pullPolicy", "reference"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::ISCSIVolumeSource {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &ISCSI_VOLUME_SOURCE, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.chap_auth_discovery, node, at),
            1 => d.opt(&mut v.chap_auth_session, node, at),
            2 => d.opt(&mut v.fs_type, node, at),
            3 => d.opt(&mut v.initiator_name, node, at),
            4 => d.req(&mut v.iqn, node, at),
            5 => d.opt(&mut v.iscsi_interface, node, at),
            6 => d.req(&mut v.lun, node, at),
            7 => d.opt(&mut v.portals, node, at),
            8 => d.opt(&mut v.read_only, node, at),
            9 => d.opt(&mut v.secret_ref, node, at),
            10 => d.req(&mut v.target_portal, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static ISCSI_VOLUME_SOURCE: Shape = Shape {
    expecting: "ISCSIVolumeSource",
    fields: &["chapAuthDiscovery", "chapAuthSession", "fsType", "initiatorName", "iqn", "iscsiInterface", "lun", "portals", "readOnly", "secretRef", "targetPortal"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::NFSVolumeSource {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &NFS_VOLUME_SOURCE, &mut |d, i, node, at| match i {
            0 => d.req(&mut v.path, node, at),
            1 => d.opt(&mut v.read_only, node, at),
            2 => d.req(&mut v.server, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static NFS_VOLUME_SOURCE: Shape = Shape {
    expecting: "NFSVolumeSource",
    fields: &["path", "readOnly", "server"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::PersistentVolumeClaimVolumeSource {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &PERSISTENT_VOLUME_CLAIM_VOLUME_SOURCE, &mut |d, i, node, at| match i {
            0 => d.req(&mut v.claim_name, node, at),
            1 => d.opt(&mut v.read_only, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static PERSISTENT_VOLUME_CLAIM_VOLUME_SOURCE: Shape = Shape {
    expecting: "PersistentVolumeClaimVolumeSource",
    fields: &["claimName", "readOnly"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::PhotonPersistentDiskVolumeSource {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &PHOTON_PERSISTENT_DISK_VOLUME_SOURCE, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.fs_type, node, at),
            1 => d.req(&mut v.pd_id, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static PHOTON_PERSISTENT_DISK_VOLUME_SOURCE: Shape = Shape {
    expecting: "PhotonPersistentDiskVolumeSource",
    fields: &["fsType", "pdID"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::PortworxVolumeSource {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &PORTWORX_VOLUME_SOURCE, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.fs_type, node, at),
            1 => d.opt(&mut v.read_only, node, at),
            2 => d.req(&mut v.volume_id, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static PORTWORX_VOLUME_SOURCE: Shape = Shape {
    expecting: "PortworxVolumeSource",
    fields: &["fsType", "readOnly", "volumeID"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::ProjectedVolumeSource {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &PROJECTED_VOLUME_SOURCE, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.default_mode, node, at),
            1 => d.opt(&mut v.default_user, node, at),
            2 => d.opt(&mut v.sources, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static PROJECTED_VOLUME_SOURCE: Shape = Shape {
    expecting: "ProjectedVolumeSource",
    fields: &["defaultMode", "defaultUser", "sources"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::QuobyteVolumeSource {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &QUOBYTE_VOLUME_SOURCE, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.group, node, at),
            1 => d.opt(&mut v.read_only, node, at),
            2 => d.req(&mut v.registry, node, at),
            3 => d.opt(&mut v.tenant, node, at),
            4 => d.opt(&mut v.user, node, at),
            5 => d.req(&mut v.volume, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static QUOBYTE_VOLUME_SOURCE: Shape = Shape {
    expecting: "QuobyteVolumeSource",
    fields: &["group", "readOnly", "registry", "tenant", "user", "volume"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::RBDVolumeSource {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &RBD_VOLUME_SOURCE, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.fs_type, node, at),
            1 => d.req(&mut v.image, node, at),
            2 => d.opt(&mut v.keyring, node, at),
            3 => d.req(&mut v.monitors, node, at),
            4 => d.opt(&mut v.pool, node, at),
            5 => d.opt(&mut v.read_only, node, at),
            6 => d.opt(&mut v.secret_ref, node, at),
            7 => d.opt(&mut v.user, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static RBD_VOLUME_SOURCE: Shape = Shape {
    expecting: "RBDVolumeSource",
    fields: &["fsType", "image", "keyring", "monitors", "pool", "readOnly", "secretRef", "user"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::ScaleIOVolumeSource {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &SCALE_IO_VOLUME_SOURCE, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.fs_type, node, at),
            1 => d.req(&mut v.gateway, node, at),
            2 => d.opt(&mut v.protection_domain, node, at),
            3 => d.opt(&mut v.read_only, node, at),
            4 => d.req(&mut v.secret_ref, node, at),
            5 => d.opt(&mut v.ssl_enabled, node, at),
            6 => d.opt(&mut v.storage_mode, node, at),
            7 => d.opt(&mut v.storage_pool, node, at),
            8 => d.req(&mut v.system, node, at),
            9 => d.opt(&mut v.volume_name, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static SCALE_IO_VOLUME_SOURCE: Shape = Shape {
    expecting: "ScaleIOVolumeSource",
    fields: &["fsType", "gateway", "protectionDomain", "readOnly", "secretRef", "sslEnabled", "storageMode", "storagePool", "system", "volumeName"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::SecretVolumeSource {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &SECRET_VOLUME_SOURCE, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.default_mode, node, at),
            1 => d.opt(&mut v.default_user, node, at),
            2 => d.opt(&mut v.items, node, at),
            3 => d.opt(&mut v.optional, node, at),
            4 => d.opt(&mut v.secret_name, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static SECRET_VOLUME_SOURCE: Shape = Shape {
    expecting: "SecretVolumeSource",
    fields: &["defaultMode", "defaultUser", "items", "optional", "secretName"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::StorageOSVolumeSource {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &STORAGE_OS_VOLUME_SOURCE, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.fs_type, node, at),
            1 => d.opt(&mut v.read_only, node, at),
            2 => d.opt(&mut v.secret_ref, node, at),
            3 => d.opt(&mut v.volume_name, node, at),
            4 => d.opt(&mut v.volume_namespace, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static STORAGE_OS_VOLUME_SOURCE: Shape = Shape {
    expecting: "StorageOSVolumeSource",
    fields: &["fsType", "readOnly", "secretRef", "volumeName", "volumeNamespace"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::VsphereVirtualDiskVolumeSource {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &VSPHERE_VIRTUAL_DISK_VOLUME_SOURCE, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.fs_type, node, at),
            1 => d.opt(&mut v.storage_policy_id, node, at),
            2 => d.opt(&mut v.storage_policy_name, node, at),
            3 => d.req(&mut v.volume_path, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static VSPHERE_VIRTUAL_DISK_VOLUME_SOURCE: Shape = Shape {
    expecting: "VsphereVirtualDiskVolumeSource",
    fields: &["fsType", "storagePolicyID", "storagePolicyName", "volumePath"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::ConfigMapKeySelector {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &CONFIG_MAP_KEY_SELECTOR, &mut |d, i, node, at| match i {
            0 => d.req(&mut v.key, node, at),
            1 => d.req(&mut v.name, node, at),
            2 => d.opt(&mut v.optional, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static CONFIG_MAP_KEY_SELECTOR: Shape = Shape {
    expecting: "ConfigMapKeySelector",
    fields: &["key", "name", "optional"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::ObjectFieldSelector {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &OBJECT_FIELD_SELECTOR, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.api_version, node, at),
            1 => d.req(&mut v.field_path, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static OBJECT_FIELD_SELECTOR: Shape = Shape {
    expecting: "ObjectFieldSelector",
    fields: &["apiVersion", "fieldPath"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::FileKeySelector {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &FILE_KEY_SELECTOR, &mut |d, i, node, at| match i {
            0 => d.req(&mut v.key, node, at),
            1 => d.opt(&mut v.optional, node, at),
            2 => d.req(&mut v.path, node, at),
            3 => d.req(&mut v.volume_name, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static FILE_KEY_SELECTOR: Shape = Shape {
    expecting: "FileKeySelector",
    fields: &["key", "optional", "path", "volumeName"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::ResourceFieldSelector {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &RESOURCE_FIELD_SELECTOR, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.container_name, node, at),
            1 => d.opt(&mut v.divisor, node, at),
            2 => d.req(&mut v.resource, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static RESOURCE_FIELD_SELECTOR: Shape = Shape {
    expecting: "ResourceFieldSelector",
    fields: &["containerName", "divisor", "resource"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::SecretKeySelector {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &SECRET_KEY_SELECTOR, &mut |d, i, node, at| match i {
            0 => d.req(&mut v.key, node, at),
            1 => d.req(&mut v.name, node, at),
            2 => d.opt(&mut v.optional, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static SECRET_KEY_SELECTOR: Shape = Shape {
    expecting: "SecretKeySelector",
    fields: &["key", "name", "optional"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::SleepAction {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &SLEEP_ACTION, &mut |d, i, node, at| match i {
            0 => d.req(&mut v.seconds, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static SLEEP_ACTION: Shape = Shape {
    expecting: "SleepAction",
    fields: &["seconds"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::HTTPHeader {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &HTTP_HEADER, &mut |d, i, node, at| match i {
            0 => d.req(&mut v.name, node, at),
            1 => d.req(&mut v.value, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static HTTP_HEADER: Shape = Shape {
    expecting: "HTTPHeader",
    fields: &["name", "value"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::PreferredSchedulingTerm {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &PREFERRED_SCHEDULING_TERM, &mut |d, i, node, at| match i {
            0 => d.req(&mut v.preference, node, at),
            1 => d.req(&mut v.weight, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static PREFERRED_SCHEDULING_TERM: Shape = Shape {
    expecting: "PreferredSchedulingTerm",
    fields: &["preference", "weight"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::NodeSelector {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &NODE_SELECTOR, &mut |d, i, node, at| match i {
            0 => d.req(&mut v.node_selector_terms, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static NODE_SELECTOR: Shape = Shape {
    expecting: "NodeSelector",
    fields: &["nodeSelectorTerms"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::WeightedPodAffinityTerm {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &WEIGHTED_POD_AFFINITY_TERM, &mut |d, i, node, at| match i {
            0 => d.req(&mut v.pod_affinity_term, node, at),
            1 => d.req(&mut v.weight, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static WEIGHTED_POD_AFFINITY_TERM: Shape = Shape {
    expecting: "WeightedPodAffinityTerm",
    fields: &["podAffinityTerm", "weight"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::PodAffinityTerm {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &POD_AFFINITY_TERM, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.label_selector, node, at),
            1 => d.opt(&mut v.match_label_keys, node, at),
            2 => d.opt(&mut v.mismatch_label_keys, node, at),
            3 => d.opt(&mut v.namespace_selector, node, at),
            4 => d.opt(&mut v.namespaces, node, at),
            5 => d.req(&mut v.topology_key, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static POD_AFFINITY_TERM: Shape = Shape {
    expecting: "PodAffinityTerm",
    fields: &["labelSelector", "matchLabelKeys", "mismatchLabelKeys", "namespaceSelector", "namespaces", "topologyKey"],
    resource: None,
};

impl Decode for k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelectorRequirement {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &LABEL_SELECTOR_REQUIREMENT, &mut |d, i, node, at| match i {
            0 => d.req(&mut v.key, node, at),
            1 => d.req(&mut v.operator, node, at),
            2 => d.opt(&mut v.values, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static LABEL_SELECTOR_REQUIREMENT: Shape = Shape {
    expecting: "LabelSelectorRequirement",
    fields: &["key", "operator", "values"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::KeyToPath {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &KEY_TO_PATH, &mut |d, i, node, at| match i {
            0 => d.req(&mut v.key, node, at),
            1 => d.opt(&mut v.mode, node, at),
            2 => d.req(&mut v.path, node, at),
            3 => d.opt(&mut v.user, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static KEY_TO_PATH: Shape = Shape {
    expecting: "KeyToPath",
    fields: &["key", "mode", "path", "user"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::DownwardAPIVolumeFile {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &DOWNWARD_API_VOLUME_FILE, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.field_ref, node, at),
            1 => d.opt(&mut v.mode, node, at),
            2 => d.req(&mut v.path, node, at),
            3 => d.opt(&mut v.resource_field_ref, node, at),
            4 => d.opt(&mut v.user, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static DOWNWARD_API_VOLUME_FILE: Shape = Shape {
    expecting: "DownwardAPIVolumeFile",
    fields: &["fieldRef", "mode", "path", "resourceFieldRef", "user"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::PersistentVolumeClaimTemplate {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &PERSISTENT_VOLUME_CLAIM_TEMPLATE, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.metadata, node, at),
            1 => d.req(&mut v.spec, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static PERSISTENT_VOLUME_CLAIM_TEMPLATE: Shape = Shape {
    expecting: "PersistentVolumeClaimTemplate",
    fields: &["metadata", "spec"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::VolumeProjection {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &VOLUME_PROJECTION, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.cluster_trust_bundle, node, at),
            1 => d.opt(&mut v.config_map, node, at),
            2 => d.opt(&mut v.downward_api, node, at),
            3 => d.opt(&mut v.pod_certificate, node, at),
            4 => d.opt(&mut v.secret, node, at),
            5 => d.opt(&mut v.service_account_token, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static VOLUME_PROJECTION: Shape = Shape {
    expecting: "VolumeProjection",
    fields: &["clusterTrustBundle", "configMap", "downwardAPI", "podCertificate", "secret", "serviceAccountToken"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::NodeSelectorTerm {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &NODE_SELECTOR_TERM, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.match_expressions, node, at),
            1 => d.opt(&mut v.match_fields, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static NODE_SELECTOR_TERM: Shape = Shape {
    expecting: "NodeSelectorTerm",
    fields: &["matchExpressions", "matchFields"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::PersistentVolumeClaimSpec {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &PERSISTENT_VOLUME_CLAIM_SPEC, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.access_modes, node, at),
            1 => d.opt(&mut v.data_source, node, at),
            2 => d.opt(&mut v.data_source_ref, node, at),
            3 => d.opt(&mut v.resources, node, at),
            4 => d.opt(&mut v.selector, node, at),
            5 => d.opt(&mut v.storage_class_name, node, at),
            6 => d.opt(&mut v.volume_attributes_class_name, node, at),
            7 => d.opt(&mut v.volume_mode, node, at),
            8 => d.opt(&mut v.volume_name, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static PERSISTENT_VOLUME_CLAIM_SPEC: Shape = Shape {
    expecting: "PersistentVolumeClaimSpec",
    fields: &["accessModes", "dataSource", "dataSourceRef", "resources", "selector", "storageClassName", "volumeAttributesClassName", "volumeMode", "volumeName"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::ClusterTrustBundleProjection {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &CLUSTER_TRUST_BUNDLE_PROJECTION, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.label_selector, node, at),
            1 => d.opt(&mut v.name, node, at),
            2 => d.opt(&mut v.optional, node, at),
            3 => d.req(&mut v.path, node, at),
            4 => d.opt(&mut v.signer_name, node, at),
            5 => d.opt(&mut v.user, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static CLUSTER_TRUST_BUNDLE_PROJECTION: Shape = Shape {
    expecting: "ClusterTrustBundleProjection",
    fields: &["labelSelector", "name", "optional", "path", "signerName", "user"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::ConfigMapProjection {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &CONFIG_MAP_PROJECTION, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.items, node, at),
            1 => d.req(&mut v.name, node, at),
            2 => d.opt(&mut v.optional, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static CONFIG_MAP_PROJECTION: Shape = Shape {
    expecting: "ConfigMapProjection",
    fields: &["items", "name", "optional"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::DownwardAPIProjection {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &DOWNWARD_API_PROJECTION, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.items, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static DOWNWARD_API_PROJECTION: Shape = Shape {
    expecting: "DownwardAPIProjection",
    fields: &["items"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::PodCertificateProjection {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &POD_CERTIFICATE_PROJECTION, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.certificate_chain_path, node, at),
            1 => d.opt(&mut v.credential_bundle_path, node, at),
            2 => d.opt(&mut v.key_path, node, at),
            3 => d.req(&mut v.key_type, node, at),
            4 => d.opt(&mut v.max_expiration_seconds, node, at),
            5 => d.req(&mut v.signer_name, node, at),
            6 => d.opt(&mut v.user, node, at),
            7 => d.opt(&mut v.user_annotations, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static POD_CERTIFICATE_PROJECTION: Shape = Shape {
    expecting: "PodCertificateProjection",
    fields: &["certificateChainPath", "credentialBundlePath", "keyPath", "keyType", "maxExpirationSeconds", "signerName", "user", "userAnnotations"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::SecretProjection {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &SECRET_PROJECTION, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.items, node, at),
            1 => d.req(&mut v.name, node, at),
            2 => d.opt(&mut v.optional, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static SECRET_PROJECTION: Shape = Shape {
    expecting: "SecretProjection",
    fields: &["items", "name", "optional"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::ServiceAccountTokenProjection {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &SERVICE_ACCOUNT_TOKEN_PROJECTION, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.audience, node, at),
            1 => d.opt(&mut v.expiration_seconds, node, at),
            2 => d.req(&mut v.path, node, at),
            3 => d.opt(&mut v.user, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static SERVICE_ACCOUNT_TOKEN_PROJECTION: Shape = Shape {
    expecting: "ServiceAccountTokenProjection",
    fields: &["audience", "expirationSeconds", "path", "user"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::NodeSelectorRequirement {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &NODE_SELECTOR_REQUIREMENT, &mut |d, i, node, at| match i {
            0 => d.req(&mut v.key, node, at),
            1 => d.req(&mut v.operator, node, at),
            2 => d.opt(&mut v.values, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static NODE_SELECTOR_REQUIREMENT: Shape = Shape {
    expecting: "NodeSelectorRequirement",
    fields: &["key", "operator", "values"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::TypedLocalObjectReference {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &TYPED_LOCAL_OBJECT_REFERENCE, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.api_group, node, at),
            1 => d.req(&mut v.kind, node, at),
            2 => d.req(&mut v.name, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static TYPED_LOCAL_OBJECT_REFERENCE: Shape = Shape {
    expecting: "TypedLocalObjectReference",
    fields: &["apiGroup", "kind", "name"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::TypedObjectReference {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &TYPED_OBJECT_REFERENCE, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.api_group, node, at),
            1 => d.req(&mut v.kind, node, at),
            2 => d.req(&mut v.name, node, at),
            3 => d.opt(&mut v.namespace, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static TYPED_OBJECT_REFERENCE: Shape = Shape {
    expecting: "TypedObjectReference",
    fields: &["apiGroup", "kind", "name", "namespace"],
    resource: None,
};

impl Decode for k8s_openapi::api::core::v1::VolumeResourceRequirements {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        let mut v = Self::default();
        d.object(node, at, &VOLUME_RESOURCE_REQUIREMENTS, &mut |d, i, node, at| match i {
            0 => d.opt(&mut v.limits, node, at),
            1 => d.opt(&mut v.requests, node, at),
            _ => {}
        })?;
        Some(v)
    }
}

static VOLUME_RESOURCE_REQUIREMENTS: Shape = Shape {
    expecting: "VolumeResourceRequirements",
    fields: &["limits", "requests"],
    resource: None,
};
