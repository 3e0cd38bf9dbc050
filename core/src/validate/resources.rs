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
use std::fmt;

use k8s_openapi::api::core::v1::{ContainerPort, ContainerResizePolicy, ResourceClaim, ResourceRequirements};

use crate::diag::{supported_values, BadValue, ErrorType};
use crate::path::Path;

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
/// whole request while decoding it, before any validation, and the caller reports that with
/// [`quantity_error`].
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

// ---------------------------------------------------------------------------------------------
// resource.Quantity
// ---------------------------------------------------------------------------------------------

/// apimachinery's `resource.Quantity`, as far as validation uses it: parsed exactly like
/// `ParseQuantity`, compared by value like `Cmp`, printed like `String()` (including the quirk
/// that an input already in canonical form is printed as given, so `+1` prints `+1`), and read
/// with `Value()` / `MilliValue()`, which wrap around like Go's int64 arithmetic.
///
/// Equality and ordering are by value (`Cmp`): `1` == `1000m`.
#[derive(Clone, Debug)]
pub struct Quantity {
    amount: Amount,
    format: Format,
    /// Go's cached `s`: the text `String()` returns without recomputing it.
    cached: Option<String>,
}

/// The three ways a quantity remembers to print itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `12e6`
    DecimalExponent,
    /// `12Mi`
    BinarySI,
    /// `12M`
    DecimalSI,
}

/// How Go holds the number: the fast `int64Amount`, or an `inf.Dec`.
#[derive(Clone, Debug)]
enum Amount {
    /// `value × 10^scale`
    Int { value: i64, scale: i32 },
    /// The value, and the `inf.Dec`'s own scale (its unscaled integer is `value × 10^scale`).
    Dec { value: Decimal, scale: i64 },
}

/// Why a quantity does not parse: apimachinery's three parse errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuantityError {
    /// `ErrFormatWrong`
    Format,
    /// `ErrNumeric`
    Numeric,
    /// `ErrSuffix`
    Suffix,
}

impl QuantityError {
    /// The error's exact text.
    pub fn message(self) -> &'static str {
        match self {
            QuantityError::Format => "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
            QuantityError::Numeric => "unable to parse numeric part of quantity",
            QuantityError::Suffix => "unable to parse quantity's suffix",
        }
    }
}

impl fmt::Display for QuantityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

/// `resource.ParseQuantity`: no trimming, every quirk kept (`"+"` and `"."` are zero, `"1."` is one).
pub fn parse_quantity(s: &str) -> Option<Quantity> {
    try_parse_quantity(s).ok()
}

/// What the server says when it decodes this quantity string, or `None` if it decodes.
///
/// Mirrors `Quantity.UnmarshalJSON`: surrounding white space is trimmed, then `ParseQuantity`
/// runs. The server fails the whole request with this text while decoding it (HTTP 400), before
/// any validation; the caller turns it into that decode error.
pub fn quantity_error(s: &str) -> Option<String> {
    try_parse_quantity(s.trim()).err().map(|e| e.message().to_owned())
}

/// `ParseQuantity`, with its error.
pub fn try_parse_quantity(s: &str) -> Result<Quantity, QuantityError> {
    if s.is_empty() {
        return Err(QuantityError::Format);
    }
    if s == "0" {
        return Ok(Quantity { amount: Amount::Int { value: 0, scale: 0 }, format: Format::DecimalSI, cached: Some(s.to_owned()) });
    }
    let parts = split(s)?;
    let (base, exponent, mut format) = interpret_suffix(parts.suffix).ok_or(QuantityError::Suffix)?;

    // The fast path: the number fits an int64 at a scale no finer than nano.
    let (mut scale, precision, mantissa) = match format {
        Format::DecimalExponent | Format::DecimalSI => (exponent, 18 - (parts.num.len() + parts.denom.len()) as i64, 1i64),
        Format::BinarySI if exponent >= 0 && parts.denom.is_empty() => {
            (0, 15 - parts.num.len() as i64 - i64::from(exponent) * 3 / 10 - 1, 1i64 << exponent)
        }
        Format::BinarySI => (0, -1, 1),
    };
    if precision >= 0 {
        scale = scale.wrapping_sub(parts.denom.len() as i32);
        if scale >= -9 {
            let shifted = format!("{}{}", parts.num, parts.denom);
            let value: i64 = shifted.parse().map_err(|_| QuantityError::Numeric)?;
            if let Some(result) = int64_multiply(value, mantissa) {
                let result = if parts.positive { result } else { -result };
                let canonical = match format {
                    Format::BinarySI => exponent % 10 == 0 && value & 0x07 != 0,
                    _ => scale % 3 == 0 && !shifted.ends_with("000") && !shifted.starts_with('0'),
                };
                return Ok(Quantity { amount: Amount::Int { value: result, scale }, format, cached: canonical.then(|| s.to_owned()) });
            }
        }
    }

    // The slow path: an arbitrary-precision decimal, rounded up (away from zero) to nano.
    let (mut value, mut dec_scale) = dec_from_str(parts.value).ok_or(QuantityError::Numeric)?;
    if base == 10 {
        value.exp += i64::from(exponent);
        dec_scale -= i64::from(exponent);
    } else {
        value = value.mul_pow2(exponent as u32);
    }
    let negative = value.neg;
    value.neg = false;
    if !value.is_zero() {
        value = value.round_away(-9).0;
        dec_scale = 9;
    }
    if format == Format::BinarySI && value.cmp_value(&Decimal::from_i64(i64::MAX)) == Ordering::Greater {
        value = Decimal::from_i64(i64::MAX);
        dec_scale = 0;
    }
    if format == Format::BinarySI && !value.is_zero() && value.cmp_value(&Decimal::from_i64(1)) == Ordering::Less {
        format = Format::DecimalSI;
    }
    value.neg = negative && !value.is_zero();
    Ok(Quantity { amount: Amount::Dec { value, scale: dec_scale }, format, cached: None })
}

/// The pieces `parseQuantityString` finds: the sign, the numeric text (`value`), its integer digits
/// without leading zeros (`num`), its fraction digits (`denom`) and the suffix.
struct Parts<'a> {
    positive: bool,
    value: &'a str,
    num: &'a str,
    denom: &'a str,
    suffix: &'a str,
}

/// `parseQuantityString`, a byte scanner that is more permissive than its regular expression.
fn split(s: &str) -> Result<Parts<'_>, QuantityError> {
    let b = s.as_bytes();
    let end = b.len();
    let mut positive = true;
    let mut pos = 0;
    match b[0] {
        b'-' => {
            positive = false;
            pos += 1;
        }
        b'+' => pos += 1,
        _ => {}
    }
    // leading zeros; nothing else means zero
    while pos < end && b[pos] == b'0' {
        pos += 1;
    }
    if pos >= end {
        return Ok(Parts { positive, value: "0", num: "0", denom: "", suffix: "" });
    }
    // the integer part
    let start = pos;
    while pos < end && b[pos].is_ascii_digit() {
        pos += 1;
    }
    if pos >= end {
        return Ok(Parts { positive, value: s, num: &s[start..], denom: "", suffix: "" });
    }
    let num = if pos == start { "0" } else { &s[start..pos] };
    // the fraction
    let mut denom = "";
    if b[pos] == b'.' {
        pos += 1;
        let start = pos;
        while pos < end && b[pos].is_ascii_digit() {
            pos += 1;
        }
        if pos >= end {
            return Ok(Parts { positive, value: s, num, denom: &s[start..], suffix: "" });
        }
        denom = &s[start..pos];
    }
    let value = &s[..pos];
    // the suffix: letters, then an optional sign and digits
    let suffix_start = pos;
    while pos < end && b"eEinumkKMGTP".contains(&b[pos]) {
        pos += 1;
    }
    if pos < end && matches!(b[pos], b'-' | b'+') {
        pos += 1;
    }
    while pos < end && b[pos].is_ascii_digit() {
        pos += 1;
    }
    if pos >= end {
        return Ok(Parts { positive, value, num, denom, suffix: &s[suffix_start..] });
    }
    Err(QuantityError::Format)
}

/// `quantitySuffixer.interpret`: (base, exponent, format).
fn interpret_suffix(suffix: &str) -> Option<(u32, i32, Format)> {
    let decimal = |e| Some((10, e, Format::DecimalSI));
    let binary = |e| Some((2, e, Format::BinarySI));
    match suffix {
        "" => decimal(0),
        "n" => decimal(-9),
        "u" => decimal(-6),
        "m" => decimal(-3),
        "k" => decimal(3),
        "M" => decimal(6),
        "G" => decimal(9),
        "T" => decimal(12),
        "P" => decimal(15),
        "E" => decimal(18),
        "Ki" => binary(10),
        "Mi" => binary(20),
        "Gi" => binary(30),
        "Ti" => binary(40),
        "Pi" => binary(50),
        "Ei" => binary(60),
        _ if suffix.len() > 1 && suffix.starts_with(['e', 'E']) => {
            // strconv.ParseInt(_, 10, 64), then Go's int32 conversion (which wraps)
            let parsed: i64 = suffix[1..].parse().ok()?;
            Some((10, parsed as i32, Format::DecimalExponent))
        }
        _ => None,
    }
}

/// `inf.Dec.SetString` on the numeric text (an optional sign, digits, at most one point, and at
/// least one digit): the value and the `inf.Dec` scale, its number of fraction digits.
fn dec_from_str(text: &str) -> Option<(Decimal, i64)> {
    let (neg, body) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let mut digits = Vec::with_capacity(body.len());
    let mut fraction = 0i64;
    let mut seen_point = false;
    for c in body.bytes() {
        match c {
            b'.' if !seen_point => seen_point = true,
            b'0'..=b'9' => {
                digits.push(c - b'0');
                if seen_point {
                    fraction += 1;
                }
            }
            _ => return None,
        }
    }
    if digits.is_empty() {
        return None;
    }
    Some((Decimal::new(neg, digits, -fraction), fraction))
}

impl Quantity {
    /// The format the quantity prints in.
    pub fn format(&self) -> Format {
        self.format
    }

    /// The exact value.
    fn decimal(&self) -> Decimal {
        match &self.amount {
            Amount::Int { value, scale } => {
                let mut d = Decimal::from_i64(*value);
                if !d.is_zero() {
                    d.exp += i64::from(*scale);
                }
                d
            }
            Amount::Dec { value, .. } => value.clone(),
        }
    }

    /// `Sign()`: -1, 0 or 1.
    pub fn sign(&self) -> i32 {
        match &self.amount {
            Amount::Int { value, .. } => value.signum() as i32,
            Amount::Dec { value, .. } if value.is_zero() => 0,
            Amount::Dec { value, .. } => {
                if value.neg {
                    -1
                } else {
                    1
                }
            }
        }
    }

    /// `IsZero()`.
    pub fn is_zero(&self) -> bool {
        self.sign() == 0
    }

    /// `Cmp(Quantity{}) < 0`, the `ValidateNonnegativeQuantity` test.
    pub fn is_negative(&self) -> bool {
        self.sign() < 0
    }

    /// The server's "is an integer" test (`ValidateResourceQuantityValue`):
    /// `MilliValue() % 1000 == 0`, with `MilliValue` wrapping like Go's, so some huge values pass.
    pub fn is_integer(&self) -> bool {
        self.milli_value().wrapping_rem(1000) == 0
    }

    /// `Value()`: rounded up (away from zero) to an integer; wraps or yields 0 on overflow as Go does.
    pub fn value(&self) -> i64 {
        self.scaled_value(0)
    }

    /// `MilliValue()`: `Value()` in thousandths.
    pub fn milli_value(&self) -> i64 {
        self.scaled_value(-3)
    }

    /// `ScaledValue(scale)` (`scale` in Go's upside-down sense: -3 is milli).
    fn scaled_value(&self, scale: i32) -> i64 {
        match &self.amount {
            Amount::Int { value, scale: own } => {
                let (own, scale) = (i64::from(*own), i64::from(scale));
                if own < scale {
                    negative_scale_int64(*value, scale - own).0
                } else {
                    positive_scale_int64(*value, own - scale)
                }
            }
            Amount::Dec { value, scale: own } => dec_scaled_value(value, *own, -i64::from(scale)),
        }
    }

    /// `RoundUp(scale)`: round up (away from zero) to a multiple of `10^scale`; returns whether
    /// that was exact. `SetDefaults_ResourceList` calls it with -3 on every request and limit.
    pub fn round_up(&mut self, scale: i32) -> bool {
        match &mut self.amount {
            Amount::Int { value, scale: own } => {
                if *own >= scale {
                    return true;
                }
                self.cached = None;
                let (result, exact) = negative_scale_int64(*value, i64::from(scale) - i64::from(*own));
                *value = result;
                *own = scale;
                exact
            }
            Amount::Dec { value, scale: own } => {
                self.cached = None;
                let (rounded, exact) = value.round_away(i64::from(scale));
                *value = rounded;
                *own = -i64::from(scale);
                exact
            }
        }
    }

    /// `CanonicalizeBytes`: the text `String()` computes when nothing is cached.
    fn canonical(&self) -> String {
        let value = self.decimal();
        if value.is_zero() {
            return "0".to_owned();
        }
        let mut format = self.format;
        if format == Format::BinarySI {
            let small = value.cmp_value(&Decimal::from_i64(-1024)) == Ordering::Greater
                && value.cmp_value(&Decimal::from_i64(1024)) == Ordering::Less;
            if small || value.exp < 0 {
                // a fraction would be lost: show it as DecimalSI
                format = Format::DecimalSI;
            }
        }
        if format == Format::BinarySI {
            if let Some(mut n) = value.to_i128() {
                let mut times = 0;
                while n.abs() >= 1024 && n % 1024 == 0 {
                    n /= 1024;
                    times += 1;
                }
                let suffix = match times {
                    1 => "Ki",
                    2 => "Mi",
                    3 => "Gi",
                    4 => "Ti",
                    5 => "Pi",
                    6 => "Ei",
                    _ => "",
                };
                return format!("{n}{suffix}");
            }
            format = Format::DecimalSI;
        }
        // AsCanonicalBytes: all factors of ten into the exponent, then down to a multiple of 3.
        let mut digits = value.digits.clone();
        let mut exp = value.exp;
        while exp % 3 != 0 {
            digits.push(0);
            exp -= 1;
        }
        let mut out = String::with_capacity(digits.len() + 4);
        if value.neg {
            out.push('-');
        }
        out.extend(digits.iter().map(|d| char::from(b'0' + d)));
        match format {
            Format::DecimalExponent if exp != 0 => out.push_str(&format!("e{exp}")),
            Format::DecimalSI => out.push_str(match exp {
                -9 => "n",
                -6 => "u",
                -3 => "m",
                3 => "k",
                6 => "M",
                9 => "G",
                12 => "T",
                15 => "P",
                18 => "E",
                // Go finds no suffix and prints none, whatever the exponent
                _ => "",
            }),
            _ => {}
        }
        out
    }
}

/// `String()`.
impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.cached {
            Some(s) => f.write_str(s),
            None => f.write_str(&self.canonical()),
        }
    }
}

impl PartialEq for Quantity {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Quantity {}

impl PartialOrd for Quantity {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// `Cmp`: by value, whatever the format.
impl Ord for Quantity {
    fn cmp(&self, other: &Self) -> Ordering {
        self.decimal().cmp_value(&other.decimal())
    }
}

/// A signed decimal: `digits × 10^exp`, with no leading or trailing zero digits (no digits for 0).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Decimal {
    neg: bool,
    digits: Vec<u8>,
    exp: i64,
}

impl Decimal {
    fn new(neg: bool, digits: Vec<u8>, exp: i64) -> Decimal {
        let mut d = Decimal { neg, digits, exp };
        d.normalize();
        d
    }

    fn from_i64(v: i64) -> Decimal {
        let digits = v.unsigned_abs().to_string().bytes().map(|c| c - b'0').collect();
        Decimal::new(v < 0, digits, 0)
    }

    fn normalize(&mut self) {
        let lead = self.digits.iter().take_while(|d| **d == 0).count();
        self.digits.drain(..lead);
        while self.digits.last() == Some(&0) {
            self.digits.pop();
            self.exp += 1;
        }
        if self.digits.is_empty() {
            self.neg = false;
            self.exp = 0;
        }
    }

    fn is_zero(&self) -> bool {
        self.digits.is_empty()
    }

    /// Multiplies by `2^k`.
    fn mul_pow2(mut self, k: u32) -> Decimal {
        for _ in 0..k {
            let mut carry = 0;
            for d in self.digits.iter_mut().rev() {
                let v = *d * 2 + carry;
                *d = v % 10;
                carry = v / 10;
            }
            if carry > 0 {
                self.digits.insert(0, carry);
            }
        }
        self.normalize();
        self
    }

    /// `inf.Dec.Round(_, -e, inf.RoundUp)`: the nearest multiple of `10^e` away from zero, and
    /// whether nothing was lost.
    fn round_away(&self, e: i64) -> (Decimal, bool) {
        if self.is_zero() || self.exp >= e {
            return (self.clone(), true);
        }
        let drop = e - self.exp;
        let len = self.digits.len() as i64;
        // The dropped digits end in a non-zero digit, so rounding always adds one unit.
        let mut kept: Vec<u8> = if drop >= len { Vec::new() } else { self.digits[..(len - drop) as usize].to_vec() };
        let mut i = kept.len();
        loop {
            if i == 0 {
                kept.insert(0, 1);
                break;
            }
            i -= 1;
            if kept[i] == 9 {
                kept[i] = 0;
            } else {
                kept[i] += 1;
                break;
            }
        }
        (Decimal::new(self.neg, kept, e), false)
    }

    /// Compares values.
    fn cmp_value(&self, other: &Decimal) -> Ordering {
        let rank = |d: &Decimal| {
            if d.is_zero() {
                0
            } else if d.neg {
                -1
            } else {
                1
            }
        };
        match rank(self).cmp(&rank(other)) {
            Ordering::Equal => {}
            unequal => return unequal,
        }
        if self.is_zero() {
            return Ordering::Equal;
        }
        // magnitudes: first by the position of the leading digit, then digit by digit
        let lead = |d: &Decimal| d.digits.len() as i64 + d.exp;
        let magnitude = lead(self).cmp(&lead(other)).then_with(|| self.digits.cmp(&other.digits));
        if self.neg {
            magnitude.reverse()
        } else {
            magnitude
        }
    }

    /// The value as an integer, if it is one and fits.
    fn to_i128(&self) -> Option<i128> {
        if self.exp < 0 || self.digits.len() as i64 + self.exp > 38 {
            return None;
        }
        let mut n: i128 = 0;
        for d in &self.digits {
            n = n * 10 + i128::from(*d);
        }
        for _ in 0..self.exp {
            n *= 10;
        }
        Some(if self.neg { -n } else { n })
    }
}

/// `digits × 10^zeros mod 2^64`.
fn low64(digits: &[u8], zeros: u64) -> u64 {
    let mut acc: u64 = 0;
    for d in digits {
        acc = acc.wrapping_mul(10).wrapping_add(u64::from(*d));
    }
    let (mut base, mut n, mut pow) = (10u64, zeros, 1u64);
    while n > 0 {
        if n & 1 == 1 {
            pow = pow.wrapping_mul(base);
        }
        base = base.wrapping_mul(base);
        n >>= 1;
    }
    acc.wrapping_mul(pow)
}

/// `big.Int.Int64()` of `±magnitude`: the low 64 bits, negated if negative.
fn go_int64(neg: bool, magnitude_low64: u64) -> i64 {
    let v = magnitude_low64 as i64;
    if neg {
        v.wrapping_neg()
    } else {
        v
    }
}

/// apimachinery `scaledValue` for an `inf.Dec` of scale `scale`, asked for scale `new_scale` (both
/// in `inf`'s sense: positive means decimal places).
fn dec_scaled_value(value: &Decimal, scale: i64, new_scale: i64) -> i64 {
    if value.is_zero() {
        return 0;
    }
    // the unscaled integer is digits × 10^k
    let k = value.exp + scale;
    let unscaled = go_int64(value.neg, low64(&value.digits, k.max(0) as u64));
    let dif = scale - new_scale;
    if dif == 0 {
        return unscaled;
    }
    if dif < 0 {
        // int64(math.Pow10(-dif)); beyond 10^18 the float does not fit and amd64 yields MinInt64
        let factor = if -dif <= 18 { 10i64.pow((-dif) as u32) } else { i64::MIN };
        return unscaled.wrapping_mul(factor);
    }
    let below_max = value.neg || Decimal::new(false, value.digits.clone(), k).cmp_value(&Decimal::from_i64(i64::MAX)) == Ordering::Less;
    if below_max && dif < 19 {
        // int64 arithmetic: truncating division, plus one for any remainder
        let u = unscaled;
        let divisor = 10i64.pow(dif as u32);
        let (q, r) = (u / divisor, u % divisor);
        return if r != 0 { q.wrapping_add(1) } else { q };
    }
    // big.Int Euclidean division (floor), plus one for any remainder
    if k >= dif {
        return go_int64(value.neg, low64(&value.digits, (k - dif) as u64));
    }
    let cut = dif - k;
    let kept = if cut >= value.digits.len() as i64 { &[][..] } else { &value.digits[..value.digits.len() - cut as usize] };
    let trunc = low64(kept, 0);
    if value.neg {
        go_int64(true, trunc.wrapping_add(1)).wrapping_add(1)
    } else {
        go_int64(false, trunc).wrapping_add(1)
    }
}

/// `int64Multiply` for a non-negative `a` and positive `b`.
fn int64_multiply(a: i64, b: i64) -> Option<i64> {
    a.checked_mul(b)
}

/// `positiveScaleInt64`: `base × 10^scale`. Go returns the wrapped product for the scales it
/// special-cases (1, 2, 3, 6, 9) and 0 for the others when the product overflows.
fn positive_scale_int64(base: i64, scale: i64) -> i64 {
    let times = |a: i64, b: i64| -> (i64, bool) {
        if a == 0 || a == 1 {
            return (a * b, true);
        }
        if a == i64::MIN {
            return (0, false);
        }
        let c = a.wrapping_mul(b);
        (c, c / b == a)
    };
    match scale {
        0 => base,
        1 => times(base, 10).0,
        2 => times(base, 100).0,
        3 => times(base, 1000).0,
        6 => times(base, 1_000_000).0,
        9 => times(base, 1_000_000_000).0,
        _ => {
            let mut value = base;
            for _ in 0..scale {
                if value == 0 {
                    return 0;
                }
                let (next, ok) = times(value, 10);
                if !ok {
                    return 0;
                }
                value = next;
            }
            value
        }
    }
}

/// `negativeScaleInt64`: `base / 10^scale`, rounded away from zero, and whether that was exact.
fn negative_scale_int64(base: i64, scale: i64) -> (i64, bool) {
    if scale == 0 {
        return (base, true);
    }
    let mut value = base;
    let mut fraction = false;
    for _ in 0..scale {
        if !fraction && value % 10 != 0 {
            fraction = true;
        }
        value /= 10;
        if value == 0 {
            if fraction {
                return (if base > 0 { 1 } else { -1 }, false);
            }
            return (0, true);
        }
    }
    if fraction {
        value += if base > 0 { 1 } else { -1 };
    }
    (value, !fraction)
}

#[cfg(test)]
mod tests {
    use super::*;
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

    #[test]
    fn quantities_print_canonically() {
        // (input, String()) from apimachinery's TestQuantityString and TestQuantityParseEmit
        for (input, expect) in [
            ("1024Mi", "1Gi"),
            ("307200Ki", "300Mi"),
            ("1025024Mi", "1001Gi"),
            ("5000m", "5"),
            ("0.5", "500m"),
            ("1000M", "1G"),
            ("0.001T", "1G"),
            ("1000u", "1m"),
            ("1.08", "1080m"),
            ("1080000000n", "1080m"),
            (".001e12", "1e9"),
            ("0.001e0", "1e-3"),
            ("1000e-12", "1e-9"),
            ("00", "0"),
            (".001Ki", "1024m"),
            (".000001Ki", "1024u"),
            (".000000001Ki", "1024n"),
            (".000000000001Ki", "2n"),
            ("-.001Ki", "-1024m"),
            ("8Ki", "8Ki"),
            ("1.5Gi", "1536Mi"),
            ("1.1Ki", "1126400m"),
            ("0.0000000001", "1n"),
            ("0.00000012345", "124n"),
            ("3.001n", "4n"),
            ("1.1E-9", "2e-9"),
            ("9Ei", "9223372036854775807"),
            ("9223372036854775807Ki", "9223372036854775807"),
            ("100Ti", "100Ti"),
            ("12345678901234567890", "12345678901234567890"),
            ("1000E", "1"),
        ] {
            assert_eq!(q(input).to_string(), expect, "{input}");
        }
    }

    #[test]
    fn canonical_input_is_printed_as_given() {
        for s in ["1", "+1", "-1", "1.", "01", "00001k", "1Ki", "100m", "1e3", "12E", "0"] {
            assert_eq!(q(s).to_string(), s);
        }
        // not canonical, so recomputed
        assert_eq!(q("+1000").to_string(), "1k");
        assert_eq!(q("8Ki").to_string(), "8Ki");
    }

    #[test]
    fn quantity_parse_quirks_and_errors() {
        for zero in ["+", "-", ".", "-0", "0m", "0Ki", "000"] {
            assert!(q(zero).is_zero(), "{zero}");
        }
        for (input, err) in [
            ("", QuantityError::Format),
            ("1.1.M", QuantityError::Format),
            ("1+1.0M", QuantityError::Format),
            ("aoeu", QuantityError::Format),
            (" 1", QuantityError::Format),
            ("1 ", QuantityError::Format),
            ("1x", QuantityError::Format),
            ("0.1mi", QuantityError::Suffix),
            ("0.1am", QuantityError::Format),
            (".5i", QuantityError::Suffix),
            ("1i", QuantityError::Suffix),
            ("-3.01i", QuantityError::Suffix),
            ("-3.01e-", QuantityError::Suffix),
            ("1e", QuantityError::Suffix),
            ("1e99999999999999999999", QuantityError::Suffix),
            ("+.e-10", QuantityError::Numeric),
        ] {
            assert_eq!(try_parse_quantity(input).err(), Some(err), "{input:?}");
        }
        assert_eq!(
            quantity_error("1 cpu").as_deref(),
            Some("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")
        );
        assert_eq!(quantity_error("2ki").as_deref(), Some("unable to parse quantity's suffix"));
        assert_eq!(quantity_error("2KB").as_deref(), Some(QuantityError::Format.message()));
        assert_eq!(quantity_error(" 250m\n"), None);
    }

    #[test]
    fn quantities_compare_by_value() {
        assert!(q("10000T") > q("100Gi"));
        assert_eq!(q("1"), q("1000m"));
        assert_eq!(q("0.5Ki"), q("512"));
        assert_eq!(q("1e3"), q("1k"));
        assert!(q("-1") < q("0"));
        assert!(q("-2") < q("-1500m"));
        assert!(q("1n") > q("0"));
        assert!(q("12345678901234567891") > q("12345678901234567890"));
        assert!(q("1e-20") > q("0"), "rounded up to 1n");
        assert!(!q("1.5").is_integer() && q("2").is_integer() && q("2000m").is_integer());
        assert!(q("-1m").is_negative() && !q("0").is_negative());
    }

    #[test]
    fn values_round_away_from_zero() {
        assert_eq!(q("1.5").value(), 2);
        assert_eq!(q("-1.5").value(), -2);
        assert_eq!(q("1.5").milli_value(), 1500);
        assert_eq!(q("1n").milli_value(), 1);
        assert_eq!(q("2Mi").value(), 2 * 1024 * 1024);
        assert_eq!(q("1e30").value(), 0, "int64 overflow yields 0");
        // an inf.Dec beyond int64: big.Int.Int64() keeps the low 64 bits
        assert_eq!(q("12345678901234567890123").milli_value(), (12_345_678_901_234_567_890_123_u128 * 1000) as u64 as i64);
        // ... and scaledValue's int64 fast path divides that wrapped number (Go gives -6432227780)
        assert_eq!(q("-12345678901234567890123").value(), -6_432_227_780);
        // RoundUp(-3), as defaulting applies it
        let mut v = q("0.1m");
        assert!(!v.round_up(-3));
        assert_eq!(v.to_string(), "1m");
        let mut v = q("1.0001");
        assert!(!v.round_up(-3));
        assert_eq!(v.to_string(), "1001m");
        let mut v = q("+1");
        assert!(v.round_up(-3));
        assert_eq!(v.to_string(), "+1");
        let mut v = q("-9.01");
        assert!(!v.round_up(0));
        assert_eq!(v, q("-10"));
    }
}
