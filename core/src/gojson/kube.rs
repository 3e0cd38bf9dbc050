// Written by core/tests/kube_schema.rs from k8s-openapi 0.29.0 (v1_37); do not edit.
//
// An ephemeral container and the types inside it as JSON values, as k8s-openapi's
// Serialize impls write them: every required field, the optional ones that are set.

use serde_json::{Map, Value};

use super::{put, ToJson};

impl ToJson for k8s_openapi::api::core::v1::EphemeralContainer {
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "args", self.args.as_ref());
        put(&mut m, "command", self.command.as_ref());
        put(&mut m, "env", self.env.as_ref());
        put(&mut m, "envFrom", self.env_from.as_ref());
        put(&mut m, "image", self.image.as_ref());
        put(&mut m, "imagePullPolicy", self.image_pull_policy.as_ref());
        put(&mut m, "lifecycle", self.lifecycle.as_ref());
        put(&mut m, "livenessProbe", self.liveness_probe.as_ref());
        put(&mut m, "name", Some(&self.name));
        put(&mut m, "ports", self.ports.as_ref());
        put(&mut m, "readinessProbe", self.readiness_probe.as_ref());
        put(&mut m, "resizePolicy", self.resize_policy.as_ref());
        put(&mut m, "resources", self.resources.as_ref());
        put(&mut m, "restartPolicy", self.restart_policy.as_ref());
        put(&mut m, "restartPolicyRules", self.restart_policy_rules.as_ref());
        put(&mut m, "securityContext", self.security_context.as_ref());
        put(&mut m, "startupProbe", self.startup_probe.as_ref());
        put(&mut m, "stdin", self.stdin.as_ref());
        put(&mut m, "stdinOnce", self.stdin_once.as_ref());
        put(&mut m, "targetContainerName", self.target_container_name.as_ref());
        put(&mut m, "terminationMessagePath", self.termination_message_path.as_ref());
        put(&mut m, "terminationMessagePolicy", self.termination_message_policy.as_ref());
        put(&mut m, "tty", self.tty.as_ref());
        put(&mut m, "volumeDevices", self.volume_devices.as_ref());
        put(&mut m, "volumeMounts", self.volume_mounts.as_ref());
        put(&mut m, "workingDir", self.working_dir.as_ref());
        Value::Object(m)
    }
}

impl ToJson for k8s_openapi::api::core::v1::EnvVar {
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "name", Some(&self.name));
        put(&mut m, "value", self.value.as_ref());
        put(&mut m, "valueFrom", self.value_from.as_ref());
        Value::Object(m)
    }
}

impl ToJson for k8s_openapi::api::core::v1::EnvFromSource {
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "configMapRef", self.config_map_ref.as_ref());
        put(&mut m, "prefix", self.prefix.as_ref());
        put(&mut m, "secretRef", self.secret_ref.as_ref());
        Value::Object(m)
    }
}

impl ToJson for k8s_openapi::api::core::v1::Lifecycle {
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "postStart", self.post_start.as_ref());
        put(&mut m, "preStop", self.pre_stop.as_ref());
        put(&mut m, "stopSignal", self.stop_signal.as_ref());
        Value::Object(m)
    }
}

impl ToJson for k8s_openapi::api::core::v1::Probe {
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "exec", self.exec.as_ref());
        put(&mut m, "failureThreshold", self.failure_threshold.as_ref());
        put(&mut m, "grpc", self.grpc.as_ref());
        put(&mut m, "httpGet", self.http_get.as_ref());
        put(&mut m, "initialDelaySeconds", self.initial_delay_seconds.as_ref());
        put(&mut m, "periodSeconds", self.period_seconds.as_ref());
        put(&mut m, "successThreshold", self.success_threshold.as_ref());
        put(&mut m, "tcpSocket", self.tcp_socket.as_ref());
        put(&mut m, "terminationGracePeriodSeconds", self.termination_grace_period_seconds.as_ref());
        put(&mut m, "timeoutSeconds", self.timeout_seconds.as_ref());
        Value::Object(m)
    }
}

impl ToJson for k8s_openapi::api::core::v1::ContainerPort {
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "containerPort", Some(&self.container_port));
        put(&mut m, "hostIP", self.host_ip.as_ref());
        put(&mut m, "hostPort", self.host_port.as_ref());
        put(&mut m, "name", self.name.as_ref());
        put(&mut m, "protocol", self.protocol.as_ref());
        Value::Object(m)
    }
}

impl ToJson for k8s_openapi::api::core::v1::ContainerResizePolicy {
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "resourceName", Some(&self.resource_name));
        put(&mut m, "restartPolicy", Some(&self.restart_policy));
        Value::Object(m)
    }
}

impl ToJson for k8s_openapi::api::core::v1::ResourceRequirements {
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "claims", self.claims.as_ref());
        put(&mut m, "limits", self.limits.as_ref());
        put(&mut m, "requests", self.requests.as_ref());
        Value::Object(m)
    }
}

impl ToJson for k8s_openapi::api::core::v1::ContainerRestartRule {
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "action", Some(&self.action));
        put(&mut m, "exitCodes", self.exit_codes.as_ref());
        Value::Object(m)
    }
}

impl ToJson for k8s_openapi::api::core::v1::SecurityContext {
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "allowPrivilegeEscalation", self.allow_privilege_escalation.as_ref());
        put(&mut m, "appArmorProfile", self.app_armor_profile.as_ref());
        put(&mut m, "capabilities", self.capabilities.as_ref());
        put(&mut m, "privileged", self.privileged.as_ref());
        put(&mut m, "procMount", self.proc_mount.as_ref());
        put(&mut m, "readOnlyRootFilesystem", self.read_only_root_filesystem.as_ref());
        put(&mut m, "runAsGroup", self.run_as_group.as_ref());
        put(&mut m, "runAsNonRoot", self.run_as_non_root.as_ref());
        put(&mut m, "runAsUser", self.run_as_user.as_ref());
        put(&mut m, "seLinuxOptions", self.se_linux_options.as_ref());
        put(&mut m, "seccompProfile", self.seccomp_profile.as_ref());
        put(&mut m, "windowsOptions", self.windows_options.as_ref());
        Value::Object(m)
    }
}

impl ToJson for k8s_openapi::api::core::v1::VolumeDevice {
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "devicePath", Some(&self.device_path));
        put(&mut m, "name", Some(&self.name));
        Value::Object(m)
    }
}

impl ToJson for k8s_openapi::api::core::v1::VolumeMount {
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "bindMountOptions", self.bind_mount_options.as_ref());
        put(&mut m, "mountPath", Some(&self.mount_path));
        put(&mut m, "mountPropagation", self.mount_propagation.as_ref());
        put(&mut m, "name", Some(&self.name));
        put(&mut m, "readOnly", self.read_only.as_ref());
        put(&mut m, "recursiveReadOnly", self.recursive_read_only.as_ref());
        put(&mut m, "subPath", self.sub_path.as_ref());
        put(&mut m, "subPathExpr", self.sub_path_expr.as_ref());
        Value::Object(m)
    }
}

impl ToJson for k8s_openapi::api::core::v1::EnvVarSource {
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "configMapKeyRef", self.config_map_key_ref.as_ref());
        put(&mut m, "fieldRef", self.field_ref.as_ref());
        put(&mut m, "fileKeyRef", self.file_key_ref.as_ref());
        put(&mut m, "resourceFieldRef", self.resource_field_ref.as_ref());
        put(&mut m, "secretKeyRef", self.secret_key_ref.as_ref());
        Value::Object(m)
    }
}

impl ToJson for k8s_openapi::api::core::v1::ConfigMapEnvSource {
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "name", Some(&self.name));
        put(&mut m, "optional", self.optional.as_ref());
        Value::Object(m)
    }
}

impl ToJson for k8s_openapi::api::core::v1::SecretEnvSource {
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "name", Some(&self.name));
        put(&mut m, "optional", self.optional.as_ref());
        Value::Object(m)
    }
}

impl ToJson for k8s_openapi::api::core::v1::LifecycleHandler {
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "exec", self.exec.as_ref());
        put(&mut m, "httpGet", self.http_get.as_ref());
        put(&mut m, "sleep", self.sleep.as_ref());
        put(&mut m, "tcpSocket", self.tcp_socket.as_ref());
        Value::Object(m)
    }
}

impl ToJson for k8s_openapi::api::core::v1::ExecAction {
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "command", self.command.as_ref());
        Value::Object(m)
    }
}

impl ToJson for k8s_openapi::api::core::v1::GRPCAction {
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "mode", self.mode.as_ref());
        put(&mut m, "port", Some(&self.port));
        put(&mut m, "service", self.service.as_ref());
        Value::Object(m)
    }
}

impl ToJson for k8s_openapi::api::core::v1::HTTPGetAction {
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "host", self.host.as_ref());
        put(&mut m, "httpHeaders", self.http_headers.as_ref());
        put(&mut m, "path", self.path.as_ref());
        put(&mut m, "port", Some(&self.port));
        put(&mut m, "protocol", self.protocol.as_ref());
        put(&mut m, "scheme", self.scheme.as_ref());
        Value::Object(m)
    }
}

impl ToJson for k8s_openapi::api::core::v1::TCPSocketAction {
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "host", self.host.as_ref());
        put(&mut m, "port", Some(&self.port));
        Value::Object(m)
    }
}

impl ToJson for k8s_openapi::api::core::v1::ResourceClaim {
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "name", Some(&self.name));
        put(&mut m, "request", self.request.as_ref());
        Value::Object(m)
    }
}

impl ToJson for k8s_openapi::api::core::v1::ContainerRestartRuleOnExitCodes {
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "operator", Some(&self.operator));
        put(&mut m, "values", self.values.as_ref());
        Value::Object(m)
    }
}

impl ToJson for k8s_openapi::api::core::v1::AppArmorProfile {
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "localhostProfile", self.localhost_profile.as_ref());
        put(&mut m, "type", Some(&self.type_));
        Value::Object(m)
    }
}

impl ToJson for k8s_openapi::api::core::v1::Capabilities {
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "add", self.add.as_ref());
        put(&mut m, "drop", self.drop.as_ref());
        Value::Object(m)
    }
}

impl ToJson for k8s_openapi::api::core::v1::SELinuxOptions {
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "level", self.level.as_ref());
        put(&mut m, "role", self.role.as_ref());
        put(&mut m, "type", self.type_.as_ref());
        put(&mut m, "user", self.user.as_ref());
        Value::Object(m)
    }
}

impl ToJson for k8s_openapi::api::core::v1::SeccompProfile {
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "localhostProfile", self.localhost_profile.as_ref());
        put(&mut m, "type", Some(&self.type_));
        Value::Object(m)
    }
}

impl ToJson for k8s_openapi::api::core::v1::WindowsSecurityContextOptions {
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "gmsaCredentialSpec", self.gmsa_credential_spec.as_ref());
        put(&mut m, "gmsaCredentialSpecName", self.gmsa_credential_spec_name.as_ref());
        put(&mut m, "hostProcess", self.host_process.as_ref());
        put(&mut m, "runAsUserName", self.run_as_user_name.as_ref());
        Value::Object(m)
    }
}

impl ToJson for k8s_openapi::api::core::v1::ConfigMapKeySelector {
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "key", Some(&self.key));
        put(&mut m, "name", Some(&self.name));
        put(&mut m, "optional", self.optional.as_ref());
        Value::Object(m)
    }
}

impl ToJson for k8s_openapi::api::core::v1::ObjectFieldSelector {
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "apiVersion", self.api_version.as_ref());
        put(&mut m, "fieldPath", Some(&self.field_path));
        Value::Object(m)
    }
}

impl ToJson for k8s_openapi::api::core::v1::FileKeySelector {
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "key", Some(&self.key));
        put(&mut m, "optional", self.optional.as_ref());
        put(&mut m, "path", Some(&self.path));
        put(&mut m, "volumeName", Some(&self.volume_name));
        Value::Object(m)
    }
}

impl ToJson for k8s_openapi::api::core::v1::ResourceFieldSelector {
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "containerName", self.container_name.as_ref());
        put(&mut m, "divisor", self.divisor.as_ref());
        put(&mut m, "resource", Some(&self.resource));
        Value::Object(m)
    }
}

impl ToJson for k8s_openapi::api::core::v1::SecretKeySelector {
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "key", Some(&self.key));
        put(&mut m, "name", Some(&self.name));
        put(&mut m, "optional", self.optional.as_ref());
        Value::Object(m)
    }
}

impl ToJson for k8s_openapi::api::core::v1::SleepAction {
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "seconds", Some(&self.seconds));
        Value::Object(m)
    }
}

impl ToJson for k8s_openapi::api::core::v1::HTTPHeader {
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "name", Some(&self.name));
        put(&mut m, "value", Some(&self.value));
        Value::Object(m)
    }
}
