//! The pod-level checks of `ValidatePodSpec` and the pod-only checks after it.

use super::*;

// ---------------------------------------------------------------------------------------------
// Pod-level checks
// ---------------------------------------------------------------------------------------------

/// `validatePodResources`, the parts without quantity arithmetic.
pub(super) fn validate_pod_resources(spec: &PodSpec, path: &Path, errs: &mut Errs) {
    let Some(resources) = &spec.resources else { return };
    let p = path.child("resources");
    if spec.os.as_ref().is_some_and(|os| os.name == "windows") {
        forbidden(errs, &p, "may not be set for a windows pod");
        return;
    }
    if resources.claims.is_some() {
        forbidden(errs, &p.child("claims"), "claims may not be set for Resources at pod-level");
    }
}

/// `validatePodHostNetworkDeps` for a pod (`ResourceIsPod`): regular containers only.
pub(super) fn validate_pod_host_network_deps(spec: &PodSpec, path: &Path, errs: &mut Errs) {
    if spec.host_network != Some(true) {
        return;
    }
    for (i, ctr) in spec.containers.iter().enumerate() {
        for (j, port) in ctr.ports.iter().flatten().enumerate() {
            let host_port = port.host_port.unwrap_or(0);
            if host_port != port.container_port {
                let p = path.child("containers").index(i).child("ports").index(j).child("hostPort");
                invalid_int(errs, &p, i64::from(host_port), "must match `containerPort` when `hostNetwork` is true");
            }
        }
    }
}

/// `validateRestartPolicy`.
pub(super) fn validate_restart_policy(policy: &str, path: &Path, errs: &mut Errs) {
    match policy {
        "Always" | "OnFailure" | "Never" => {}
        "" => required(errs, path, ""),
        other => not_supported(errs, path, other, &["Always", "OnFailure", "Never"]),
    }
}

/// `validateDNSPolicy`.
pub(super) fn validate_dns_policy(policy: &str, path: &Path, errs: &mut Errs) {
    const POLICIES: [&str; 4] = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];
    match policy {
        "" => required(errs, path, ""),
        p if POLICIES.contains(&p) => {}
        other => not_supported(errs, path, other, &POLICIES),
    }
}

/// `validatePodSpecSecurityContext`. `path` is `spec.securityContext`.
pub(super) fn validate_pod_security_context(spec: &PodSpec, path: &Path, errs: &mut Errs) {
    let default = PodSecurityContext::default();
    let sc = spec.security_context.as_ref().unwrap_or(&default);
    let id_range = inclusive_range(0, i64::from(i32::MAX));
    let in_range = |v: i64| (0..=i64::from(i32::MAX)).contains(&v);
    for (field, value) in [("fsGroup", sc.fs_group), ("runAsUser", sc.run_as_user), ("runAsGroup", sc.run_as_group)] {
        if let Some(v) = value.filter(|v| !in_range(*v)) {
            invalid_int(errs, &path.child(field), v, &id_range);
        }
    }
    for (g, gid) in sc.supplemental_groups.iter().flatten().enumerate() {
        if !in_range(*gid) {
            invalid_int(errs, &path.child("supplementalGroups").index(g), *gid, &id_range);
        }
    }
    if spec.share_process_namespace == Some(true) && spec.host_pid == Some(true) {
        push(
            errs,
            CODE,
            ErrorType::Invalid,
            &path.child("shareProcessNamespace"),
            BadValue::Bool(true),
            "ShareProcessNamespace and HostPID cannot both be enabled",
        );
    }
    let mut names: HashSet<&str> = HashSet::new();
    for (i, s) in sc.sysctls.iter().flatten().enumerate() {
        let p = path.child("sysctls").index(i).child("name");
        if s.name.is_empty() {
            required(errs, &p, "");
        } else if !is_valid_sysctl_name(&s.name) {
            let msg =
                r"must have at most 253 characters and match regex ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$";
            invalid_str(errs, &p, &s.name, msg);
        } else if names.contains(s.name.as_str()) {
            push(errs, CODE, ErrorType::Duplicate, &p, BadValue::str(&s.name), "");
        }
        names.insert(s.name.as_str());
    }
    if let Some(policy) = &sc.fs_group_change_policy {
        if policy != "Always" && policy != "OnRootMismatch" {
            not_supported(errs, &path.child("fsGroupChangePolicy"), policy, &["Always", "OnRootMismatch"]);
        }
    }
    if let Some(sp) = &sc.seccomp_profile {
        let p = path.child("seccompProfile");
        match sp.type_.as_str() {
            "Localhost" | "RuntimeDefault" | "Unconfined" => {}
            "" => required(errs, &p.child("type"), "type is required when seccompProfile is set"),
            other => not_supported(errs, &p.child("type"), other, &["Localhost", "RuntimeDefault", "Unconfined"]),
        }
        if sp.type_ == "Localhost" {
            match &sp.localhost_profile {
                None => required(errs, &p.child("localhostProfile"), "must be set when seccomp type is Localhost"),
                Some(lp) => validate_local_descending_path(lp, &p.child("localhostProfile"), errs),
            }
        } else if let Some(lp) = &sp.localhost_profile {
            let json =
                format!("{{\"Type\":{},\"LocalhostProfile\":{}}}", serde_json::Value::from(sp.type_.as_str()), json_opt(Some(lp.as_str())));
            invalid_raw(errs, &p.child("localhostProfile"), json, "can only be set when seccomp type is Localhost");
        }
    }
    if let Some(ap) = &sc.app_armor_profile {
        let p = path.child("appArmorProfile");
        match ap.type_.as_str() {
            "Localhost" => match &ap.localhost_profile {
                None => required(errs, &p.child("localhostProfile"), "must be set when AppArmor type is Localhost"),
                Some(lp) => {
                    if lp.trim() != lp {
                        invalid_str(errs, &p.child("localhostProfile"), lp, "must not be padded with whitespace");
                    } else if lp.is_empty() {
                        required(errs, &p.child("localhostProfile"), "must be set when AppArmor type is Localhost");
                    }
                    if lp.len() > 4095 {
                        too_long(errs, &p.child("localhostProfile"), 4095);
                    }
                }
            },
            "RuntimeDefault" | "Unconfined" => {
                if let Some(lp) = &ap.localhost_profile {
                    invalid_str(errs, &p.child("localhostProfile"), lp, "can only be set when AppArmor type is Localhost");
                }
            }
            "" => required(errs, &p.child("type"), "type is required when appArmorProfile is set"),
            other => not_supported(errs, &p.child("type"), other, &["Localhost", "RuntimeDefault", "Unconfined"]),
        }
    }
    if let Some(policy) = &sc.supplemental_groups_policy {
        if policy != "Merge" && policy != "Strict" {
            not_supported(errs, &path.child("supplementalGroupsPolicy"), policy, &["Merge", "Strict"]);
        }
    }
    if let Some(policy) = &sc.se_linux_change_policy {
        if policy != "MountOption" && policy != "Recursive" {
            not_supported(errs, &path.child("seLinuxChangePolicy"), policy, &["MountOption", "Recursive"]);
        }
    }
}

/// `IsValidSysctlName`: segments `[a-z0-9]([-_a-z0-9]*[a-z0-9])?` joined by `.` or `/`, at most
/// 253 bytes.
pub(super) fn is_valid_sysctl_name(name: &str) -> bool {
    name.len() <= 253
        && name.split(['.', '/']).all(|seg| {
            let b = seg.as_bytes();
            !b.is_empty() && lower_alnum(b[0]) && lower_alnum(b[b.len() - 1]) && b.iter().all(|&c| lower_alnum(c) || c == b'-' || c == b'_')
        })
}

/// `validateAffinity`, without label selectors and match/mismatch label keys.
pub(super) fn validate_affinity(affinity: &Affinity, path: &Path, minor: u32, errs: &mut Errs) {
    if let Some(na) = &affinity.node_affinity {
        let p = path.child("nodeAffinity");
        if let Some(required_sel) = &na.required_during_scheduling_ignored_during_execution {
            let terms_path = p.child("requiredDuringSchedulingIgnoredDuringExecution").child("nodeSelectorTerms");
            if required_sel.node_selector_terms.is_empty() {
                required(errs, &terms_path, "must have at least one node selector term");
            }
            for (i, term) in required_sel.node_selector_terms.iter().enumerate() {
                validate_node_selector_term(term, &terms_path.index(i), minor, errs);
            }
        }
        let preferred = na.preferred_during_scheduling_ignored_during_execution.as_deref().unwrap_or_default();
        for (i, term) in preferred.iter().enumerate() {
            let tp = p.child("preferredDuringSchedulingIgnoredDuringExecution").index(i);
            if !(1..=100).contains(&term.weight) {
                invalid_int(errs, &tp.child("weight"), i64::from(term.weight), "must be in the range 1-100");
            }
            validate_node_selector_term(&term.preference, &tp.child("preference"), minor, errs);
        }
    }
    let pod_affinities =
        [
            (
                "podAffinity",
                affinity.pod_affinity.as_ref().map(|a| {
                    (&a.required_during_scheduling_ignored_during_execution, &a.preferred_during_scheduling_ignored_during_execution)
                }),
            ),
            (
                "podAntiAffinity",
                affinity.pod_anti_affinity.as_ref().map(|a| {
                    (&a.required_during_scheduling_ignored_during_execution, &a.preferred_during_scheduling_ignored_during_execution)
                }),
            ),
        ];
    for (field, terms) in pod_affinities {
        let Some((required_terms, preferred_terms)) = terms else { continue };
        let p = path.child(field);
        for (i, term) in required_terms.iter().flatten().enumerate() {
            validate_pod_affinity_term(term, &p.child("requiredDuringSchedulingIgnoredDuringExecution").index(i), minor, errs);
        }
        for (j, weighted) in preferred_terms.iter().flatten().enumerate() {
            let wp = p.child("preferredDuringSchedulingIgnoredDuringExecution").index(j);
            if !(1..=100).contains(&weighted.weight) {
                invalid_int(errs, &wp.child("weight"), i64::from(weighted.weight), "must be in the range 1-100");
            }
            validate_pod_affinity_term(&weighted.pod_affinity_term, &wp.child("podAffinityTerm"), minor, errs);
        }
    }
}

/// `ValidateNodeSelectorTerm`; label values are not checked (ratcheted for required terms,
/// always allowed for preferred ones).
pub(super) fn validate_node_selector_term(term: &NodeSelectorTerm, path: &Path, minor: u32, errs: &mut Errs) {
    for (j, req) in term.match_expressions.iter().flatten().enumerate() {
        let p = path.child("matchExpressions").index(j);
        let n = req.values.as_ref().map_or(0, Vec::len);
        match req.operator.as_str() {
            "In" | "NotIn" => {
                if n == 0 {
                    required(errs, &p.child("values"), "must be specified when `operator` is 'In' or 'NotIn'");
                }
            }
            "Exists" | "DoesNotExist" => {
                if n > 0 {
                    forbidden(errs, &p.child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
                }
            }
            "Gt" | "Lt" => {
                if n != 1 {
                    required(errs, &p.child("values"), "must be specified single value when `operator` is 'Lt' or 'Gt'");
                }
            }
            other => invalid_str(errs, &p.child("operator"), other, "not a valid selector operator"),
        }
        validate_qualified_name(&req.key, &p.child("key"), minor, errs);
    }
    for (j, req) in term.match_fields.iter().flatten().enumerate() {
        let p = path.child("matchFields").index(j);
        let values = req.values.as_deref().unwrap_or_default();
        match req.operator.as_str() {
            "In" | "NotIn" => {
                if values.len() != 1 {
                    required(errs, &p.child("values"), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector");
                }
            }
            other => invalid_str(errs, &p.child("operator"), other, "not a valid selector operator"),
        }
        if req.key != "metadata.name" {
            invalid_str(errs, &p.child("key"), &req.key, "not a valid field selector key");
        } else {
            for (i, v) in values.iter().enumerate() {
                for msg in name_is_dns_subdomain(v, false) {
                    invalid_str(errs, &p.child("values").index(i), v, &msg);
                }
            }
        }
    }
}

/// `validatePodAffinityTerm`, without the selectors and label keys.
pub(super) fn validate_pod_affinity_term(term: &PodAffinityTerm, path: &Path, minor: u32, errs: &mut Errs) {
    for name in term.namespaces.iter().flatten() {
        for msg in dns1123_label(name, minor) {
            invalid_str(errs, &path.child("namespace"), name, &msg);
        }
    }
    if term.topology_key.is_empty() {
        required(errs, &path.child("topologyKey"), "can not be empty");
    }
    validate_qualified_name(&term.topology_key, &path.child("topologyKey"), minor, errs);
}

/// `validatePodDNSConfig` with RelaxedDNSSearchValidation on.
pub(super) fn validate_dns_config(config: Option<&PodDNSConfig>, dns_policy: &str, path: &Path, minor: u32, errs: &mut Errs) {
    if dns_policy == "None" {
        match config {
            None => return required(errs, path, "must provide `dnsConfig` when `dnsPolicy` is None"),
            Some(c) if c.nameservers.as_ref().is_none_or(Vec::is_empty) => {
                return required(errs, &path.child("nameservers"), "must provide at least one DNS nameserver when `dnsPolicy` is None");
            }
            Some(_) => {}
        }
    }
    let Some(config) = config else { return };
    let nameservers = config.nameservers.as_deref().unwrap_or_default();
    if nameservers.len() > 3 {
        invalid_raw(errs, &path.child("nameservers"), json_strings(nameservers), "must not have more than 3 nameservers");
    }
    for (i, ns) in nameservers.iter().enumerate() {
        validate_legacy_ip(ns, &path.child("nameservers").index(i), errs);
    }
    let searches = config.searches.as_deref().unwrap_or_default();
    if searches.len() > 32 {
        invalid_raw(errs, &path.child("searches"), json_strings(searches), "must not have more than 32 search paths");
    }
    if searches.join(" ").len() > 2048 {
        invalid_raw(
            errs,
            &path.child("searches"),
            json_strings(searches),
            "must not have more than 2048 characters (including spaces) in the search list",
        );
    }
    // RelaxedDNSSearchValidation (alpha 1.32, on from 1.33; kube_features.go 1.35) also holds
    // when the stored pod already has a `.` search or an underscore (`useRelaxedDNSSearchValidation`,
    // util.go), which for this subresource is the pod itself.
    let relaxed = minor >= RELAXED_DNS_SEARCH_SINCE || searches.iter().any(|s| s == "." || s.contains('_'));
    for (i, search) in searches.iter().enumerate() {
        if relaxed && search == "." {
            continue;
        }
        let trimmed = search.strip_suffix('.').unwrap_or(search);
        let msgs = if relaxed { names::dns1123_subdomain_us_errors(trimmed, minor) } else { dns1123_subdomain(trimmed) };
        for msg in msgs {
            invalid_str(errs, &path.child("searches").index(i), trimmed, &msg);
        }
    }
    for (i, option) in config.options.iter().flatten().enumerate() {
        if option.name.as_deref().unwrap_or("").is_empty() {
            required(errs, &path.child("options").index(i), "must not be empty");
        }
    }
}

/// `validateTopologySpreadConstraints`, without `matchLabelKeys` and the label selector.
pub(super) fn validate_topology_spread(constraints: &[TopologySpreadConstraint], path: &Path, errs: &mut Errs) {
    for (i, c) in constraints.iter().enumerate() {
        let p = path.index(i);
        if c.max_skew <= 0 {
            invalid_int(errs, &p.child("maxSkew"), i64::from(c.max_skew), POSITIVE_MSG);
        }
        if c.topology_key.is_empty() {
            required(errs, &p.child("topologyKey"), "can not be empty");
        }
        if c.when_unsatisfiable != "DoNotSchedule" && c.when_unsatisfiable != "ScheduleAnyway" {
            not_supported(errs, &p.child("whenUnsatisfiable"), &c.when_unsatisfiable, &["DoNotSchedule", "ScheduleAnyway"]);
        }
        if constraints[i + 1..].iter().any(|r| r.topology_key == c.topology_key && r.when_unsatisfiable == c.when_unsatisfiable) {
            let value = format!("{{{}, {}}}", c.topology_key, c.when_unsatisfiable);
            push(errs, CODE, ErrorType::Duplicate, &p.child("{topologyKey, whenUnsatisfiable}"), BadValue::Str(value), "");
        }
        if let Some(min) = c.min_domains {
            if min <= 0 {
                invalid_int(errs, &p.child("minDomains"), i64::from(min), POSITIVE_MSG);
            }
            if c.when_unsatisfiable != "DoNotSchedule" {
                let msg = format!("can only use minDomains if whenUnsatisfiable=DoNotSchedule, not {}", c.when_unsatisfiable);
                invalid_int(errs, &p.child("minDomains"), i64::from(min), &msg);
            }
        }
        for (field, policy) in [("nodeAffinityPolicy", &c.node_affinity_policy), ("nodeTaintsPolicy", &c.node_taints_policy)] {
            if let Some(policy) = policy {
                if policy != "Honor" && policy != "Ignore" {
                    not_supported(errs, &p.child(field), policy, &["Honor", "Ignore"]);
                }
            }
        }
    }
}

/// `validatePodHostName` (`spec.hostnameOverride`).
pub(super) fn validate_pod_host_name(spec: &PodSpec, path: &Path, errs: &mut Errs) {
    let Some(name) = &spec.hostname_override else { return };
    let p = path.child("hostnameOverride");
    if spec.set_hostname_as_fqdn == Some(true) {
        forbidden(errs, &p, "may not be specified when setHostnameAsFQDN is true");
    }
    if spec.host_network == Some(true) {
        forbidden(errs, &p, "may not be specified when hostNetwork is true");
    }
    if name.len() > 64 {
        too_long(errs, &p, 64);
    }
    for msg in dns1123_subdomain(name) {
        invalid_str(errs, &p, name, &msg);
    }
}

/// `ValidateTolerations`; the `Lt` / `Gt` operators are accepted without checking their values.
pub(super) fn validate_tolerations(tolerations: &[Toleration], path: &Path, minor: u32, errs: &mut Errs) {
    for (i, t) in tolerations.iter().enumerate() {
        let p = path.index(i);
        let key = t.key.as_deref().unwrap_or("");
        let operator = t.operator.as_deref().unwrap_or("");
        let value = t.value.as_deref().unwrap_or("");
        let effect = t.effect.as_deref().unwrap_or("");
        if !key.is_empty() {
            validate_qualified_name(key, &p.child("key"), minor, errs);
        }
        if key.is_empty() && operator != "Exists" {
            invalid_str(
                errs,
                &p.child("operator"),
                operator,
                "operator must be Exists when `key` is empty, which means \"match all values and all keys\"",
            );
        }
        if t.toleration_seconds.is_some() && effect != "NoExecute" {
            invalid_str(errs, &p.child("effect"), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set");
        }
        match operator {
            "Equal" | "" => {
                let msgs = names::label_value_errors(value, minor);
                if !msgs.is_empty() {
                    invalid_str(errs, &p.child("operator"), value, &msgs.join(";"));
                }
            }
            "Exists" => {
                if !value.is_empty() {
                    invalid_str(errs, &p.child("operator"), value, "value must be empty when `operator` is 'Exists'");
                }
            }
            "Lt" | "Gt" => {}
            other => not_supported(errs, &p.child("operator"), other, &["Equal", "Exists"]),
        }
        if !effect.is_empty() && !matches!(effect, "NoSchedule" | "PreferNoSchedule" | "NoExecute") {
            not_supported(errs, &p.child("effect"), effect, &["NoSchedule", "PreferNoSchedule", "NoExecute"]);
        }
    }
}
