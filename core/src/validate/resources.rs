//! The generic checks `validateContainerCommon` runs on `ports`, `resources` and `resizePolicy`,
//! and a `resource.Quantity` that parses, compares and prints like apimachinery's.
//!
//! An ephemeral container may set none of these three fields (the allow-list, R-09), but the
//! server validates their values *before* the allow-list says `Forbidden`, so a bad value gets
//! its own errors as well ("Generic checks still run first on some disallowed fields"). Every
//! error here therefore carries the code `R-09`.
//!
//! Mirrors, at Kubernetes 1.37 with default feature gates:
//! * kubernetes/kubernetes `pkg/apis/core/validation/validation.go`: `validateContainerPorts`,
//!   `ValidateContainerResourceRequirements` → `validateResourceRequirements`,
//!   `validateContainerResourceName`, `validateResourceName`, `ValidateResourceQuantityValue`,
//!   `ValidateNonnegativeQuantity`, `validateResourceQuantityHugePageValue`,
//!   `validateResourceClaimNames` and `validateResizePolicy`;
//! * `pkg/apis/core/helper/helpers.go` (which resource names are standard, native, extended,
//!   integer, overcommittable or huge pages);
//! * `pkg/apis/core/v1/defaults.go` `SetDefaults_ResourceList`, which rounds every request and
//!   limit up to milli precision before validation runs;
//! * apimachinery `pkg/api/resource` (`ParseQuantity`, `Quantity.String`, `Cmp`, `Value`,
//!   `MilliValue`, `RoundUp`) and `pkg/util/validation` / `pkg/api/validate/content`
//!   (`IsValidPortNum`, `IsValidPortName`, `IsQualifiedName`).
//!
//! Bad values of Go *named* string types (`Protocol`, `ResourceName`, `ResourceResizeRestartPolicy`)
//! are printed as `encoding/json` writes them, as `ErrorBody` does since 1.34; plain strings and
//! quantity strings are `%q`.
//!
//! What no Go map can tell us: the server walks `limits` and `requests` in Go's random map order.
//! We walk them in key order (k8s-openapi keeps them in a `BTreeMap`), which is one of the orders
//! the server may produce.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashSet};

use k8s_openapi::api::core::v1::{ContainerPort, ContainerResizePolicy, ResourceClaim, ResourceRequirements};

use crate::diag::{supported_values, BadValue, ErrorType};
use crate::path::Path;
use crate::quantity::{try_parse_quantity, Quantity};

use super::names::{dns1123_label_errors, label_key_errors, port_name_errors, resource_name_value, typed_value};
use super::{push, Errs};
use crate::versions::{LATEST_KUBE_MINOR, RESIZE_NEVER_POD_WORDING_SINCE};

/// The rule code: these are the generic checks the allow-list rule relies on.
const CODE: &str = "R-09";

// ---------------------------------------------------------------------------------------------
// ports
// ---------------------------------------------------------------------------------------------

/// `supportedPortProtocols`, sorted as `sets.List` returns it.
const PORT_PROTOCOLS: [&str; 3] = ["SCTP", "TCP", "UDP"];

/// `validateContainerPorts`; `path` is the container's `ports` path.
///
/// Per port, in this order: `name` (`IsValidPortName`, then Duplicate among the valid names seen
/// so far), `containerPort` (Required when 0, else `IsValidPortNum`), `hostPort` (`IsValidPortNum`
/// when not 0), `protocol` (Required when empty, NotSupported unless SCTP, TCP or UDP).
///
/// The server defaults an empty `protocol` to `TCP` before validating (`SetDefaults_ContainerPort`),
/// so the Required error is reachable only if the caller skips defaulting.
pub fn validate_container_ports(ports: &[ContainerPort], path: &Path, minor: u32, errs: &mut Errs) {
    let mut names: HashSet<&str> = HashSet::new();
    for (i, port) in ports.iter().enumerate() {
        let idx = path.index(i);
        let name = port.name.as_deref().unwrap_or("");
        if !name.is_empty() {
            let msgs = port_name_errors(name);
            if !msgs.is_empty() {
                for msg in msgs {
                    push(errs, CODE, ErrorType::Invalid, &idx.child("name"), BadValue::str(name), &msg);
                }
            } else if !names.insert(name) {
                push(errs, CODE, ErrorType::Duplicate, &idx.child("name"), BadValue::str(name), "");
            }
        }
        if port.container_port == 0 {
            push(errs, CODE, ErrorType::Required, &idx.child("containerPort"), BadValue::Omit, "");
        } else if let Some(msg) = port_num_error(port.container_port) {
            push(errs, CODE, ErrorType::Invalid, &idx.child("containerPort"), BadValue::Int(port.container_port.into()), msg);
        }
        let host_port = port.host_port.unwrap_or(0);
        if host_port != 0 {
            if let Some(msg) = port_num_error(host_port) {
                push(errs, CODE, ErrorType::Invalid, &idx.child("hostPort"), BadValue::Int(host_port.into()), msg);
            }
        }
        let protocol = port.protocol.as_deref().unwrap_or("");
        if protocol.is_empty() {
            push(errs, CODE, ErrorType::Required, &idx.child("protocol"), BadValue::Omit, "");
        } else if !PORT_PROTOCOLS.contains(&protocol) {
            push(
                errs,
                CODE,
                ErrorType::NotSupported,
                &idx.child("protocol"),
                typed_value(protocol, minor),
                &supported_values(&PORT_PROTOCOLS),
            );
        }
    }
}

/// apimachinery `IsValidPortNum`.
fn port_num_error(port: i32) -> Option<&'static str> {
    (!(1..=65535).contains(&port)).then_some("must be between 1 and 65535, inclusive")
}

// ---------------------------------------------------------------------------------------------
// resources
// ---------------------------------------------------------------------------------------------

const HUGEPAGES_PREFIX: &str = "hugepages-";

/// `ValidateContainerResourceRequirements`; `path` is the container's `resources` path and
/// `pod_claim_names` the names in `spec.resourceClaims`.
///
/// Assumes what the server assumes for a new ephemeral container: indivisible huge-page values are
/// rejected (`AllowIndivisibleHugePagesValues` is only granted when the stored pod already uses
/// such values; see [`validate_resource_requirements_with`]).
pub fn validate_resource_requirements(
    res: Option<&ResourceRequirements>,
    pod_claim_names: &[String],
    path: &Path,
    minor: u32,
    errs: &mut Errs,
) {
    validate_resource_requirements_with(res, pod_claim_names, false, path, minor, errs);
}

/// [`validate_resource_requirements`] with `PodValidationOptions.AllowIndivisibleHugePagesValues`,
/// which `GetValidationOptionsFromPodSpecAndMeta` sets when any container of the *stored* pod
/// (ephemeral ones included) or its overhead already has a huge-page value that is not a whole
/// number of pages.
///
/// Each quantity is first decoded as the server decodes it: surrounding white space is trimmed
/// (`Quantity.UnmarshalJSON`) and the value is rounded up to milli precision
/// (`SetDefaults_ResourceList`). A quantity that does not parse is skipped: the server rejects the
/// whole request while decoding it, before any validation, and the decoder (`de.rs`) reports
/// that.
///
/// Order: every limit (name, value, huge pages), then every request (name, value, request against
/// limit, huge pages), then `HugePages require cpu or memory`, then `claims`.
pub fn validate_resource_requirements_with(
    res: Option<&ResourceRequirements>,
    pod_claim_names: &[String],
    allow_indivisible_hugepages: bool,
    path: &Path,
    minor: u32,
    errs: &mut Errs,
) {
    let Some(res) = res else { return };
    let lim_path = path.child("limits");
    let req_path = path.child("requests");
    let limits = decode_list(res.limits.as_ref());
    let requests = decode_list(res.requests.as_ref());
    let (mut lim_cpu_or_memory, mut req_cpu_or_memory, mut lim_hugepages, mut req_hugepages) = (false, false, false, false);

    for (name, quantity) in &limits {
        let fld = lim_path.key(name);
        container_resource_name(name, &fld, minor, errs);
        resource_quantity_value(name, quantity, &fld, errs);
        if is_hugepages(name) {
            lim_hugepages = true;
            hugepage_value(name, quantity, allow_indivisible_hugepages, &fld, errs);
        }
        lim_cpu_or_memory |= matches!(*name, "cpu" | "memory");
    }

    for (name, quantity) in &requests {
        let fld = req_path.key(name);
        container_resource_name(name, &fld, minor, errs);
        resource_quantity_value(name, quantity, &fld, errs);
        match limits.get(name) {
            Some(limit) => {
                let value = BadValue::Str(quantity.to_string());
                if quantity.cmp(limit) != Ordering::Equal && !is_overcommit_allowed(name) {
                    let detail = format!("must be equal to {name} limit of {limit}");
                    push(errs, CODE, ErrorType::Invalid, &req_path, value, &detail);
                } else if quantity > limit {
                    let detail = format!("must be less than or equal to {name} limit of {limit}");
                    push(errs, CODE, ErrorType::Invalid, &req_path, value, &detail);
                }
            }
            None if !is_overcommit_allowed(name) => {
                push(errs, CODE, ErrorType::Required, &lim_path, BadValue::Omit, "Limit must be set for non overcommitable resources");
            }
            None => {}
        }
        if is_hugepages(name) {
            req_hugepages = true;
            hugepage_value(name, quantity, allow_indivisible_hugepages, &fld, errs);
        }
        req_cpu_or_memory |= matches!(*name, "cpu" | "memory");
    }

    if !lim_cpu_or_memory && !req_cpu_or_memory && (req_hugepages || lim_hugepages) {
        push(errs, CODE, ErrorType::Forbidden, path, BadValue::Omit, "HugePages require cpu or memory");
    }

    validate_resource_claim_names(res.claims.as_deref().unwrap_or_default(), pod_claim_names, &path.child("claims"), minor, errs);
}

/// A resource list as validation sees it: decoded, defaulted, unparsable entries left out.
fn decode_list(list: Option<&BTreeMap<String, k8s_openapi::apimachinery::pkg::api::resource::Quantity>>) -> BTreeMap<&str, Quantity> {
    let mut out = BTreeMap::new();
    for (name, raw) in list.into_iter().flatten() {
        if let Ok(mut q) = try_parse_quantity(raw.0.trim()) {
            q.round_up(-3);
            out.insert(name.as_str(), q);
        }
    }
    out
}

/// `validateContainerResourceName` (which starts with `validateResourceName`).
fn container_resource_name(name: &str, path: &Path, minor: u32, errs: &mut Errs) {
    let value = || resource_name_value(name, minor);
    // validateResourceName
    let msgs = label_key_errors(name, minor);
    let generic_failed = !msgs.is_empty();
    for msg in msgs {
        push(errs, CODE, ErrorType::Invalid, path, value(), &msg);
    }
    if !generic_failed && !name.contains('/') && !is_standard_resource_name(name) {
        push(errs, CODE, ErrorType::Invalid, path, value(), "must be a standard resource type or fully qualified");
    }
    // the container-specific part runs whatever the generic part said
    if !name.contains('/') {
        if !is_standard_container_resource_name(name) {
            push(errs, CODE, ErrorType::Invalid, path, value(), "must be a standard resource for containers");
        }
    } else if !is_native_resource(name) && !is_extended_resource_name(name) {
        push(errs, CODE, ErrorType::Invalid, path, value(), "doesn't follow extended resource name standard");
    }
}

/// `ValidateResourceQuantityValue`: `ValidateNonnegativeQuantity`, then, for integer resources
/// (the object counts and every extended resource), `MilliValue() % 1000 == 0`.
fn resource_quantity_value(name: &str, quantity: &Quantity, path: &Path, errs: &mut Errs) {
    if quantity.is_negative() {
        push(errs, CODE, ErrorType::Invalid, path, BadValue::Str(quantity.to_string()), "must be greater than or equal to 0");
    }
    if is_integer_resource_name(name) && !quantity.is_integer() {
        // The bad value is the Quantity itself, which `ErrorBody` renders with its MarshalJSON:
        // the same text as String(), in double quotes.
        push(errs, CODE, ErrorType::Invalid, path, BadValue::Str(quantity.to_string()), "must be an integer");
    }
}

/// `validateResourceQuantityHugePageValue`.
fn hugepage_value(name: &str, quantity: &Quantity, allow_indivisible: bool, path: &Path, errs: &mut Errs) {
    if allow_indivisible {
        return;
    }
    match hugepage_value_divisible(name, quantity) {
        Some(true) => {}
        Some(false) => {
            let detail = format!("{quantity} is not positive integer multiple of {name}");
            push(errs, CODE, ErrorType::Invalid, path, BadValue::Str(quantity.to_string()), &detail);
        }
        // The server computes `quantity.Value() % 0` and the request handler panics: the client
        // gets HTTP 500 instead of a validation error.
        None => push(errs, CODE, ErrorType::Internal, path, BadValue::Omit, "runtime error: integer divide by zero"),
    }
}

/// `helper.IsHugePageResourceValueDivisible`: is `quantity` a whole number of the pages that the
/// resource name (`hugepages-<size>`) names? `None` where the server divides by zero (a page size
/// that is positive, whole in millis, but whose `Value()` is 0, such as `hugepages-1e30`).
pub fn hugepage_value_divisible(name: &str, quantity: &Quantity) -> Option<bool> {
    let Some(size) = name.strip_prefix(HUGEPAGES_PREFIX) else { return Some(false) };
    let Ok(page) = try_parse_quantity(size) else { return Some(false) };
    if page.sign() <= 0 || page.milli_value().wrapping_rem(1000) != 0 {
        return Some(false);
    }
    match page.value() {
        0 => None,
        page_value => Some(quantity.value().wrapping_rem(page_value) == 0),
    }
}

/// `validateResourceClaimNames`: every entry of `resources.claims` names a pod claim, at most once
/// (a whole claim, or each of its requests once, never both).
fn validate_resource_claim_names(claims: &[ResourceClaim], pod_claim_names: &[String], path: &Path, minor: u32, errs: &mut Errs) {
    // gatherPodResourceClaimNames keeps the non-empty names; sets.List sorts them.
    let pod_names: BTreeSet<&str> = pod_claim_names.iter().map(String::as_str).filter(|n| !n.is_empty()).collect();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for (i, claim) in claims.iter().enumerate() {
        let idx = path.index(i);
        let name = claim.name.as_str();
        if name.is_empty() {
            push(errs, CODE, ErrorType::Required, &idx, BadValue::Omit, "");
            continue;
        }
        if seen.contains(name) {
            // every request of that claim is already referenced
            push(errs, CODE, ErrorType::Duplicate, &idx, BadValue::str(name), "");
        } else {
            let request = claim.request.as_deref().unwrap_or("");
            let mut key = name.to_owned();
            if !request.is_empty() {
                for msg in dns1123_label_errors(request, minor) {
                    push(errs, CODE, ErrorType::Invalid, &idx.child("request"), BadValue::str(request), &msg);
                }
                key = format!("{name}/{request}");
            }
            if seen.contains(&key) {
                push(errs, CODE, ErrorType::Duplicate, &idx, BadValue::Str(key.clone()), "");
            } else if request.is_empty() {
                // The whole claim overlaps every request of it referenced before. The server walks a
                // Go set here, in random order, but each overlap yields the same error.
                for earlier in &seen {
                    if earlier.find('/').is_some_and(|slash| &earlier[..slash] == name) {
                        push(errs, CODE, ErrorType::Duplicate, &idx, BadValue::str(name), "");
                    }
                }
            }
            seen.insert(key);
        }
        if !pod_names.contains(name) {
            let mut detail = String::from("must be one of the names in pod.spec.resourceClaims");
            if pod_names.is_empty() {
                detail.push_str(" which is empty");
            } else {
                detail.push_str(": ");
                detail.push_str(&pod_names.iter().copied().collect::<Vec<_>>().join(", "));
            }
            push(errs, CODE, ErrorType::NotFound, &idx, BadValue::str(name), &detail);
        }
    }
}

// Resource-name predicates from pkg/apis/core/helper/helpers.go.

fn is_hugepages(name: &str) -> bool {
    name.starts_with(HUGEPAGES_PREFIX)
}

/// `IsNativeResource`: unprefixed, or in a `kubernetes.io/` namespace.
fn is_native_resource(name: &str) -> bool {
    !name.contains('/') || name.contains("kubernetes.io/")
}

/// `IsOvercommitAllowed`: native and not huge pages.
fn is_overcommit_allowed(name: &str) -> bool {
    is_native_resource(name) && !is_hugepages(name)
}

/// `IsExtendedResourceName`: not native, not `requests.`-prefixed, and a qualified name once
/// prefixed with `requests.` (the quota form).
fn is_extended_resource_name(name: &str) -> bool {
    if is_native_resource(name) || name.starts_with("requests.") {
        return false;
    }
    label_key_errors(&format!("requests.{name}"), LATEST_KUBE_MINOR).is_empty()
}

/// `IsStandardContainerResourceName`.
fn is_standard_container_resource_name(name: &str) -> bool {
    matches!(name, "cpu" | "memory" | "ephemeral-storage") || is_hugepages(name)
}

/// `IsStandardResourceName`: the standard set, or a (quota) huge-page name.
fn is_standard_resource_name(name: &str) -> bool {
    const STANDARD: [&str; 20] = [
        "cpu",
        "memory",
        "ephemeral-storage",
        "requests.cpu",
        "requests.memory",
        "requests.ephemeral-storage",
        "limits.cpu",
        "limits.memory",
        "limits.ephemeral-storage",
        "pods",
        "resourcequotas",
        "services",
        "replicationcontrollers",
        "secrets",
        "configmaps",
        "persistentvolumeclaims",
        "storage",
        "requests.storage",
        "services.nodeports",
        "services.loadbalancers",
    ];
    STANDARD.contains(&name) || is_hugepages(name) || name.starts_with("requests.hugepages-")
}

/// `IsIntegerResourceName`: the object counts, and every extended resource.
fn is_integer_resource_name(name: &str) -> bool {
    const INTEGER: [&str; 9] = [
        "pods",
        "resourcequotas",
        "services",
        "replicationcontrollers",
        "secrets",
        "configmaps",
        "persistentvolumeclaims",
        "services.nodeports",
        "services.loadbalancers",
    ];
    INTEGER.contains(&name) || is_extended_resource_name(name)
}

// ---------------------------------------------------------------------------------------------
// resizePolicy
// ---------------------------------------------------------------------------------------------

/// `supportedResizeResources` and `supportedResizePolicies`, sorted.
const RESIZE_RESOURCES: [&str; 2] = ["cpu", "memory"];
const RESIZE_POLICIES: [&str; 2] = ["NotRequired", "RestartContainer"];

/// `validateResizePolicy`; `path` is the container's `resizePolicy` path and `pod_restart_policy`
/// the pod's `spec.restartPolicy` (`""` if unset; the server has defaulted it to `Always`).
///
/// Only the Duplicate error names an entry (`resizePolicy[i]`); the others are reported on the
/// list path itself, as the server does. Per entry: Duplicate resource, resource name
/// (Required / NotSupported), restart policy (Required / NotSupported), then Invalid unless
/// `NotRequired` when the pod's `restartPolicy` is `Never`.
pub fn validate_resize_policy(policies: &[ContainerResizePolicy], path: &Path, pod_restart_policy: &str, minor: u32, errs: &mut Errs) {
    let mut seen: HashSet<&str> = HashSet::new();
    for (i, p) in policies.iter().enumerate() {
        let resource = p.resource_name.as_str();
        if !seen.insert(resource) {
            push(errs, CODE, ErrorType::Duplicate, &path.index(i), resource_name_value(resource, minor), "");
        }
        match resource {
            "cpu" | "memory" => {}
            "" => push(errs, CODE, ErrorType::Required, path, BadValue::Omit, ""),
            _ => {
                push(errs, CODE, ErrorType::NotSupported, path, resource_name_value(resource, minor), &supported_values(&RESIZE_RESOURCES))
            }
        }
        let policy = p.restart_policy.as_str();
        match policy {
            "NotRequired" | "RestartContainer" => {}
            "" => push(errs, CODE, ErrorType::Required, path, BadValue::Omit, ""),
            _ => push(errs, CODE, ErrorType::NotSupported, path, typed_value(policy, minor), &supported_values(&RESIZE_POLICIES)),
        }
        if pod_restart_policy == "Never" && policy != "NotRequired" {
            let detail = if minor >= RESIZE_NEVER_POD_WORDING_SINCE {
                "must be 'NotRequired' when pod `restartPolicy` is 'Never'"
            } else {
                "must be 'NotRequired' when `restartPolicy` is 'Never'"
            };
            push(errs, CODE, ErrorType::Invalid, path, typed_value(policy, minor), detail);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quantity::parse_quantity;
    use k8s_openapi::apimachinery::pkg::api::resource::Quantity as Raw;

    fn ec() -> Path {
        Path::root("spec").child("ephemeralContainers").index(0)
    }

    fn causes(errs: &Errs) -> Vec<String> {
        errs.iter().map(|d| d.cause()).collect()
    }

    fn shapes(errs: &Errs) -> Vec<(&'static str, String)> {
        errs.iter().map(|d| (d.error_type.name(), d.field.clone())).collect()
    }

    fn port(container_port: i32) -> ContainerPort {
        ContainerPort { container_port, protocol: Some("TCP".into()), ..Default::default() }
    }

    fn ports(list: &[ContainerPort]) -> Errs {
        let mut errs = Errs::new();
        validate_container_ports(list, &ec().child("ports"), LATEST_KUBE_MINOR, &mut errs);
        errs
    }

    fn list(pairs: &[(&str, &str)]) -> Option<BTreeMap<String, Raw>> {
        Some(pairs.iter().map(|(k, v)| (k.to_string(), Raw(v.to_string()))).collect())
    }

    fn resources(limits: &[(&str, &str)], requests: &[(&str, &str)]) -> Errs {
        let res = ResourceRequirements { limits: list(limits), requests: list(requests), ..Default::default() };
        let mut errs = Errs::new();
        validate_resource_requirements(Some(&res), &[], &ec().child("resources"), LATEST_KUBE_MINOR, &mut errs);
        errs
    }

    fn resize(policies: &[(&str, &str)], pod_restart_policy: &str) -> Errs {
        let list: Vec<ContainerResizePolicy> =
            policies.iter().map(|(r, p)| ContainerResizePolicy { resource_name: r.to_string(), restart_policy: p.to_string() }).collect();
        let mut errs = Errs::new();
        validate_resize_policy(&list, &ec().child("resizePolicy"), pod_restart_policy, LATEST_KUBE_MINOR, &mut errs);
        errs
    }

    fn q(s: &str) -> Quantity {
        parse_quantity(s).unwrap_or_else(|| panic!("{s} should parse"))
    }

    #[test]
    fn valid_ports_pass() {
        let mut named = port(8080);
        named.name = Some("http".into());
        named.host_port = Some(80);
        assert!(ports(&[named, port(65535), port(1)]).is_empty());
        assert!(ports(&[]).is_empty());
    }

    #[test]
    fn container_port_zero_is_required() {
        assert_eq!(causes(&ports(&[port(0)])), ["spec.ephemeralContainers[0].ports[0].containerPort: Required value"]);
        assert!(ports(&[port(0)]).iter().all(|d| d.code == "R-09"));
    }

    #[test]
    fn out_of_range_ports() {
        let mut p = port(70000);
        p.host_port = Some(-1);
        assert_eq!(
            causes(&ports(&[port(-5), p])),
            [
                "spec.ephemeralContainers[0].ports[0].containerPort: Invalid value: -5: must be between 1 and 65535, inclusive",
                "spec.ephemeralContainers[0].ports[1].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
                "spec.ephemeralContainers[0].ports[1].hostPort: Invalid value: -1: must be between 1 and 65535, inclusive",
            ]
        );
    }

    #[test]
    fn bad_and_duplicate_port_names() {
        let named = |n: &str, p: i32| ContainerPort { name: Some(n.into()), ..port(p) };
        let errs =
            ports(&[named("http", 80), named("http", 81), named("-Web--", 82), named("8080", 83), named("a-very-long-port-name", 84)]);
        assert_eq!(
            causes(&errs),
            [
                "spec.ephemeralContainers[0].ports[1].name: Duplicate value: \"http\"",
                "spec.ephemeralContainers[0].ports[2].name: Invalid value: \"-Web--\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
                "spec.ephemeralContainers[0].ports[2].name: Invalid value: \"-Web--\": must not contain consecutive hyphens",
                "spec.ephemeralContainers[0].ports[2].name: Invalid value: \"-Web--\": must not begin or end with a hyphen",
                "spec.ephemeralContainers[0].ports[3].name: Invalid value: \"8080\": must contain at least one letter (a-z)",
                "spec.ephemeralContainers[0].ports[4].name: Invalid value: \"a-very-long-port-name\": must be no more than 15 characters",
            ]
        );
        // an invalid name is not remembered, so its repetition is not a Duplicate
        assert_eq!(ports(&[named("Bad", 1), named("Bad", 2)]).len(), 2);
    }

    #[test]
    fn protocol_must_be_supported() {
        let p = ContainerPort { protocol: Some("ICMP".into()), ..port(53) };
        assert_eq!(
            causes(&ports(&[p])),
            ["spec.ephemeralContainers[0].ports[0].protocol: Unsupported value: \"ICMP\": supported values: \"SCTP\", \"TCP\", \"UDP\""]
        );
        // a named string type: the bad value is JSON, so `<` is escaped
        let p = ContainerPort { protocol: Some("<tcp>".into()), ..port(53) };
        assert!(ports(&[p])[0].message.starts_with("Unsupported value: \"\\u003ctcp\\u003e\""));
        let p = ContainerPort { protocol: None, ..port(53) };
        assert_eq!(causes(&ports(&[p])), ["spec.ephemeralContainers[0].ports[0].protocol: Required value"]);
    }

    #[test]
    fn every_port_error_in_server_order() {
        let p = ContainerPort {
            name: Some("UP".into()),
            container_port: 0,
            host_port: Some(65536),
            protocol: Some("tcp".into()),
            ..Default::default()
        };
        assert_eq!(
            shapes(&ports(&[p])),
            [
                ("Invalid", "spec.ephemeralContainers[0].ports[0].name".to_owned()),
                ("Invalid", "spec.ephemeralContainers[0].ports[0].name".to_owned()),
                ("Required", "spec.ephemeralContainers[0].ports[0].containerPort".to_owned()),
                ("Invalid", "spec.ephemeralContainers[0].ports[0].hostPort".to_owned()),
                ("NotSupported", "spec.ephemeralContainers[0].ports[0].protocol".to_owned()),
            ]
        );
    }

    #[test]
    fn valid_resources_pass() {
        assert!(resources(&[("cpu", "1"), ("memory", "1Gi")], &[("cpu", "500m"), ("memory", "512Mi")]).is_empty());
        assert!(resources(&[("example.com/gpu", "2")], &[("example.com/gpu", "2"), ("ephemeral-storage", "1G")]).is_empty());
        assert!(resources(&[("memory", "1Gi"), ("hugepages-2Mi", "4Mi")], &[]).is_empty());
        let mut errs = Errs::new();
        validate_resource_requirements(None, &[], &ec().child("resources"), LATEST_KUBE_MINOR, &mut errs);
        assert!(errs.is_empty());
    }

    #[test]
    fn negative_quantity() {
        assert_eq!(
            causes(&resources(&[("cpu", "-1")], &[("memory", "-0.5Gi")])),
            [
                "spec.ephemeralContainers[0].resources.limits[cpu]: Invalid value: \"-1\": must be greater than or equal to 0",
                "spec.ephemeralContainers[0].resources.requests[memory]: Invalid value: \"-512Mi\": must be greater than or equal to 0",
            ]
        );
    }

    #[test]
    fn request_above_limit() {
        assert_eq!(
            causes(&resources(&[("cpu", "1")], &[("cpu", "1500m")])),
            ["spec.ephemeralContainers[0].resources.requests: Invalid value: \"1500m\": must be less than or equal to cpu limit of 1"]
        );
        // compared by value, printed as canonical text
        assert!(resources(&[("memory", "1Gi")], &[("memory", "1024Mi")]).is_empty());
        assert_eq!(
            causes(&resources(&[("memory", "1000Mi")], &[("memory", "1.5Gi")])),
            ["spec.ephemeralContainers[0].resources.requests: Invalid value: \"1536Mi\": must be less than or equal to memory limit of 1000Mi"]
        );
    }

    #[test]
    fn non_standard_resource_names() {
        assert_eq!(
            causes(&resources(&[("gpu", "1")], &[])),
            [
                "spec.ephemeralContainers[0].resources.limits[gpu]: Invalid value: \"gpu\": must be a standard resource type or fully qualified",
                "spec.ephemeralContainers[0].resources.limits[gpu]: Invalid value: \"gpu\": must be a standard resource for containers",
            ]
        );
        // a standard (quota) resource is still not a container resource, and it counts objects
        assert_eq!(
            causes(&resources(&[("pods", "1.5")], &[])),
            [
                "spec.ephemeralContainers[0].resources.limits[pods]: Invalid value: \"pods\": must be a standard resource for containers",
                "spec.ephemeralContainers[0].resources.limits[pods]: Invalid value: \"1500m\": must be an integer",
            ]
        );
        let errs = resources(&[("example.com/a/b", "1")], &[]);
        assert_eq!(errs.len(), 2);
        assert!(errs[0].message.contains("a valid label key must consist of alphanumeric characters"));
        assert!(errs[1].message.ends_with("doesn't follow extended resource name standard"));
        assert!(resources(&[("kubernetes.io/foo", "1")], &[]).is_empty(), "native names with a prefix are not checked further");
    }

    #[test]
    fn extended_resources_are_integers_and_not_overcommitted() {
        assert_eq!(
            causes(&resources(&[("example.com/gpu", "2")], &[("example.com/gpu", "1"), ("example.com/fpga", "0.5")])),
            [
                "spec.ephemeralContainers[0].resources.requests[example.com/fpga]: Invalid value: \"500m\": must be an integer",
                "spec.ephemeralContainers[0].resources.limits: Required value: Limit must be set for non overcommitable resources",
                "spec.ephemeralContainers[0].resources.requests: Invalid value: \"1\": must be equal to example.com/gpu limit of 2",
            ]
        );
    }

    #[test]
    fn hugepages() {
        assert_eq!(
            causes(&resources(&[("hugepages-2Mi", "3Mi")], &[])),
            [
                "spec.ephemeralContainers[0].resources.limits[hugepages-2Mi]: Invalid value: \"3Mi\": 3Mi is not positive integer multiple of hugepages-2Mi",
                "spec.ephemeralContainers[0].resources: Forbidden: HugePages require cpu or memory",
            ]
        );
        // huge pages cannot be overcommitted: a request needs an equal limit
        assert_eq!(
            shapes(&resources(&[("memory", "1Gi")], &[("hugepages-1Gi", "1Gi")])),
            [("Required", "spec.ephemeralContainers[0].resources.limits".to_owned())]
        );
        // a page size that does not parse divides nothing
        assert!(causes(&resources(&[("memory", "1"), ("hugepages-x", "2")], &[]))[0]
            .ends_with("2 is not positive integer multiple of hugepages-x"));
        // the stored pod may grant indivisible values
        let res = ResourceRequirements { limits: list(&[("memory", "1Gi"), ("hugepages-2Mi", "3Mi")]), ..Default::default() };
        let mut errs = Errs::new();
        validate_resource_requirements_with(Some(&res), &[], true, &ec().child("resources"), LATEST_KUBE_MINOR, &mut errs);
        assert!(errs.is_empty());
        // `hugepages-1e30`: Value() of the page size is 0 and the server divides by it
        assert_eq!(hugepage_value_divisible("hugepages-1e30", &q("1")), None);
        assert_eq!(shapes(&resources(&[("memory", "1"), ("hugepages-1e30", "1")], &[]))[0].0, "Internal");
        assert_eq!(hugepage_value_divisible("hugepages-2Mi", &q("4Mi")), Some(true));
        assert_eq!(hugepage_value_divisible("hugepages-0", &q("4Mi")), Some(false));
    }

    #[test]
    fn resource_claims() {
        let claim = |name: &str, request: Option<&str>| ResourceClaim { name: name.into(), request: request.map(Into::into) };
        let check = |claims: Vec<ResourceClaim>, pod: &[&str]| {
            let res = ResourceRequirements { claims: Some(claims), ..Default::default() };
            let pod: Vec<String> = pod.iter().map(|s| s.to_string()).collect();
            let mut errs = Errs::new();
            validate_resource_requirements(Some(&res), &pod, &ec().child("resources"), LATEST_KUBE_MINOR, &mut errs);
            causes(&errs)
        };
        assert_eq!(
            check(vec![claim("gpu", None)], &[]),
            ["spec.ephemeralContainers[0].resources.claims[0]: Not found: \"gpu\": must be one of the names in pod.spec.resourceClaims which is empty"]
        );
        assert_eq!(
            check(vec![claim("gpu", None), claim("", None)], &["b", "a"]),
            [
                "spec.ephemeralContainers[0].resources.claims[0]: Not found: \"gpu\": must be one of the names in pod.spec.resourceClaims: a, b",
                "spec.ephemeralContainers[0].resources.claims[1]: Required value",
            ]
        );
        assert_eq!(
            check(vec![claim("a", Some("r1")), claim("a", Some("r1")), claim("a", Some("r2")), claim("a", None), claim("a", None)], &["a"]),
            [
                "spec.ephemeralContainers[0].resources.claims[1]: Duplicate value: \"a/r1\"",
                "spec.ephemeralContainers[0].resources.claims[3]: Duplicate value: \"a\"",
                "spec.ephemeralContainers[0].resources.claims[3]: Duplicate value: \"a\"",
                "spec.ephemeralContainers[0].resources.claims[4]: Duplicate value: \"a\"",
            ]
        );
        assert_eq!(
            check(vec![claim("a", Some("R"))], &["a"]),
            ["spec.ephemeralContainers[0].resources.claims[0].request: Invalid value: \"R\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"]
        );
    }

    #[test]
    fn unparsable_quantities_are_left_to_the_decoder() {
        assert!(resources(&[("cpu", "one")], &[("cpu", "2")]).is_empty());
        assert!(resources(&[("cpu", " 1 ")], &[("cpu", "1")]).is_empty(), "the decoder trims white space");
    }

    #[test]
    fn resize_policy_duplicates_and_unsupported_values() {
        assert!(resize(&[("cpu", "NotRequired"), ("memory", "RestartContainer")], "Always").is_empty());
        assert_eq!(
            causes(&resize(&[("cpu", "NotRequired"), ("cpu", "Sometimes"), ("gpu", "NotRequired"), ("", "")], "")),
            [
                "spec.ephemeralContainers[0].resizePolicy[1]: Duplicate value: \"cpu\"",
                "spec.ephemeralContainers[0].resizePolicy: Unsupported value: \"Sometimes\": supported values: \"NotRequired\", \"RestartContainer\"",
                "spec.ephemeralContainers[0].resizePolicy: Unsupported value: \"gpu\": supported values: \"cpu\", \"memory\"",
                "spec.ephemeralContainers[0].resizePolicy: Required value",
                "spec.ephemeralContainers[0].resizePolicy: Required value",
            ]
        );
    }

    #[test]
    fn resize_restart_needs_a_restartable_pod() {
        assert_eq!(
            causes(&resize(&[("cpu", "NotRequired"), ("memory", "RestartContainer")], "Never")),
            ["spec.ephemeralContainers[0].resizePolicy: Invalid value: \"RestartContainer\": must be 'NotRequired' when pod `restartPolicy` is 'Never'"]
        );
        assert!(resize(&[("memory", "RestartContainer")], "OnFailure").is_empty());
        assert_eq!(shapes(&resize(&[("memory", "")], "Never")).len(), 2, "Required, then Invalid");
    }
}
