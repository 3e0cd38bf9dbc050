//! The container-kind extras: restart policy, lifecycle hooks and probes.

use super::*;

// ---------------------------------------------------------------------------------------------
// Container extras: restart policy, lifecycle, probes
// ---------------------------------------------------------------------------------------------

/// `validateContainerRestartPolicy` (ContainerRestartRules on). `path` is the container's path.
pub(super) fn validate_container_restart_policy(
    policy: Option<&str>,
    rules: &[ContainerRestartRule],
    allow_restart_all: bool,
    path: &Path,
    errs: &mut Errs,
) {
    let policy_path = path.child("restartPolicy");
    match policy {
        None => {
            if rules.is_empty() {
                return;
            }
            required(errs, &policy_path, "must specify restartPolicy when restart rules are used");
        }
        Some(p) => {
            const POLICIES: [&str; 3] = ["Always", "Never", "OnFailure"];
            if !POLICIES.contains(&p) {
                not_supported(errs, &policy_path, p, &POLICIES);
            }
        }
    }
    let rules_path = path.child("restartPolicyRules");
    if rules.len() > 20 {
        too_many(errs, &rules_path, rules.len(), 20);
    }
    let actions: &[&str] = if allow_restart_all { &["Restart", "RestartAllContainers"] } else { &["Restart"] };
    for (i, rule) in rules.iter().enumerate() {
        let p = rules_path.index(i);
        if !actions.contains(&rule.action.as_str()) {
            not_supported(errs, &p.child("action"), &rule.action, actions);
        }
        match &rule.exit_codes {
            Some(codes) => {
                let codes_path = p.child("exitCodes");
                if codes.operator != "In" && codes.operator != "NotIn" {
                    not_supported(errs, &codes_path.child("operator"), &codes.operator, &["In", "NotIn"]);
                }
                let n = codes.values.as_ref().map_or(0, Vec::len);
                if n > 255 {
                    too_many(errs, &codes_path.child("values"), n, 255);
                }
            }
            None => required(errs, &p.child("exitCodes"), "must be specified"),
        }
    }
}

/// Liveness, readiness and startup probes of a container, in that order.
pub(super) fn validate_probes(ctr: &Ctr, grace: Option<i64>, path: &Path, errs: &mut Errs) {
    if let Some(probe) = &ctr.liveness_probe {
        let p = path.child("livenessProbe");
        validate_probe(probe, grace, &p, errs);
        let st = probe.success_threshold.unwrap_or(0);
        if st != 1 {
            invalid_int(errs, &p.child("successThreshold"), i64::from(st), "must be 1");
        }
    }
    if let Some(probe) = &ctr.readiness_probe {
        let p = path.child("readinessProbe");
        validate_probe(probe, grace, &p, errs);
        if let Some(t) = probe.termination_grace_period_seconds {
            invalid_int(errs, &p.child("terminationGracePeriodSeconds"), t, "must not be set for readinessProbes");
        }
    }
    if let Some(probe) = &ctr.startup_probe {
        let p = path.child("startupProbe");
        validate_probe(probe, grace, &p, errs);
        let st = probe.success_threshold.unwrap_or(0);
        if st != 1 {
            invalid_int(errs, &p.child("successThreshold"), i64::from(st), "must be 1");
        }
    }
}

/// `validateProbe`.
pub(super) fn validate_probe(probe: &Probe, grace: Option<i64>, path: &Path, errs: &mut Errs) {
    let handler = Handler {
        exec: probe.exec.as_ref().map(|e| e.command.as_deref().unwrap_or_default()),
        http_get: probe.http_get.as_ref(),
        tcp_socket: probe.tcp_socket.as_ref(),
        grpc_port: probe.grpc.as_ref().map(|g| g.port),
        sleep: None,
    };
    validate_handler(&handler, grace, path, errs);
    for (field, value) in [
        ("initialDelaySeconds", probe.initial_delay_seconds),
        ("timeoutSeconds", probe.timeout_seconds),
        ("periodSeconds", probe.period_seconds),
        ("successThreshold", probe.success_threshold),
        ("failureThreshold", probe.failure_threshold),
    ] {
        validate_nonnegative(i64::from(value.unwrap_or(0)), &path.child(field), errs);
    }
    if let Some(t) = probe.termination_grace_period_seconds {
        if t <= 0 {
            invalid_int(errs, &path.child("terminationGracePeriodSeconds"), t, "must be greater than 0");
        }
    }
}

/// `commonHandler`: the handler kinds of a probe or a lifecycle hook.
struct Handler<'a> {
    exec: Option<&'a [String]>,
    http_get: Option<&'a HTTPGetAction>,
    tcp_socket: Option<&'a TCPSocketAction>,
    grpc_port: Option<i32>,
    sleep: Option<i64>,
}

impl<'a> Handler<'a> {
    fn of_lifecycle(h: &'a LifecycleHandler) -> Handler<'a> {
        Handler {
            exec: h.exec.as_ref().map(|e| e.command.as_deref().unwrap_or_default()),
            http_get: h.http_get.as_ref(),
            tcp_socket: h.tcp_socket.as_ref(),
            grpc_port: None,
            sleep: h.sleep.as_ref().map(|s| s.seconds),
        }
    }
}

/// `validateHandler`: exactly one handler kind, each validated.
fn validate_handler(h: &Handler<'_>, grace: Option<i64>, path: &Path, errs: &mut Errs) {
    const MORE: &str = "may not specify more than 1 handler type";
    let mut n = 0;
    let mut next = |key: &str, errs: &mut Errs| {
        if n > 0 {
            forbidden(errs, &path.child(key), MORE);
            false
        } else {
            n += 1;
            true
        }
    };
    if let Some(command) = h.exec {
        if next("exec", errs) && command.is_empty() {
            required(errs, &path.child("exec").child("command"), "");
        }
    }
    if let Some(http) = h.http_get {
        if next("httpGet", errs) {
            let p = path.child("httpGet");
            if http.path.as_deref().unwrap_or("").is_empty() {
                required(errs, &p.child("path"), "");
            }
            validate_port_num_or_name(&http.port, &p.child("port"), errs);
            let scheme = http.scheme.as_deref().unwrap_or("");
            if scheme != "HTTP" && scheme != "HTTPS" {
                not_supported(errs, &p.child("scheme"), scheme, &["HTTP", "HTTPS"]);
            }
            for header in http.http_headers.iter().flatten() {
                if header.name.is_empty() || !header.name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
                    let msg = regex_error(
                        "a valid HTTP header must consist of alphanumeric characters or '-'",
                        "[-A-Za-z0-9]+",
                        &["X-Header-Name"],
                    );
                    invalid_str(errs, &p.child("httpHeaders"), &header.name, &msg);
                }
            }
        }
    }
    if let Some(tcp) = h.tcp_socket {
        if next("tcpSocket", errs) {
            validate_port_num_or_name(&tcp.port, &path.child("tcpSocket").child("port"), errs);
        }
    }
    if let Some(port) = h.grpc_port {
        if next("grpc", errs) {
            validate_port_num_or_name(&IntOrString::Int(port), &path.child("grpc").child("port"), errs);
        }
    }
    if let Some(seconds) = h.sleep {
        if next("sleep", errs) {
            // PodLifecycleSleepActionAllowZero is on: zero is allowed.
            if let Some(grace) = grace {
                if seconds < 0 || seconds > grace {
                    let msg = format!("must be non-negative and less than terminationGracePeriodSeconds ({grace})");
                    invalid_int(errs, &path.child("sleep"), seconds, &msg);
                }
            }
        }
    }
    if n == 0 {
        required(errs, path, "must specify a handler type");
    }
}

/// `validateLifecycle`, with `validateStopSignal`.
pub(super) fn validate_lifecycle(lifecycle: &Lifecycle, grace: Option<i64>, os: Option<&str>, path: &Path, errs: &mut Errs) {
    if let Some(h) = &lifecycle.post_start {
        validate_handler(&Handler::of_lifecycle(h), grace, &path.child("postStart"), errs);
    }
    if let Some(h) = &lifecycle.pre_stop {
        validate_handler(&Handler::of_lifecycle(h), grace, &path.child("preStop"), errs);
    }
    if let Some(signal) = &lifecycle.stop_signal {
        let p = path.child("stopSignal");
        match os {
            None => forbidden(errs, &p, "may not be set for containers with empty `spec.os.name`"),
            Some("windows") => {
                if signal != "SIGKILL" && signal != "SIGTERM" {
                    not_supported(errs, &p, signal, &["SIGKILL", "SIGTERM"]);
                }
            }
            Some("linux") => {
                let supported = linux_stop_signals();
                if !supported.iter().any(|s| s == signal) {
                    let refs: Vec<&str> = supported.iter().map(String::as_str).collect();
                    not_supported(errs, &p, signal, &refs);
                }
            }
            Some(_) => {}
        }
    }
}

/// `supportedStopSignalsLinux`, sorted as `sets.List` sorts it.
pub(super) fn linux_stop_signals() -> Vec<String> {
    let mut v: Vec<String> = [
        "SIGABRT",
        "SIGALRM",
        "SIGBUS",
        "SIGCHLD",
        "SIGCLD",
        "SIGCONT",
        "SIGFPE",
        "SIGHUP",
        "SIGILL",
        "SIGINT",
        "SIGIO",
        "SIGIOT",
        "SIGKILL",
        "SIGPIPE",
        "SIGPOLL",
        "SIGPROF",
        "SIGPWR",
        "SIGQUIT",
        "SIGSEGV",
        "SIGSTKFLT",
        "SIGSTOP",
        "SIGSYS",
        "SIGTERM",
        "SIGTRAP",
        "SIGTSTP",
        "SIGTTIN",
        "SIGTTOU",
        "SIGURG",
        "SIGUSR1",
        "SIGUSR2",
        "SIGVTALRM",
        "SIGWINCH",
        "SIGXCPU",
        "SIGXFSZ",
        "SIGRTMIN",
        "SIGRTMAX",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    v.extend((1..=15).map(|i| format!("SIGRTMIN+{i}")));
    v.extend((1..=14).map(|i| format!("SIGRTMAX-{i}")));
    v.sort();
    v
}
