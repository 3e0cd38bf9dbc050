//! The checks of k8s.io/pod-security-admission's `policy/` package, one function per check
//! file, in one table ([`CHECKS`]) with the policy version each check starts at.
//!
//! A check's behaviour depends on two versions: the policy version it is evaluated at (`v`,
//! already brought down to the server's newest, see [`super::Version::effective`]), and the
//! API server's minor (`PodView::server`), for the few changes a release made to every policy
//! version at once. Each such place names the release it mirrors. Where a later release
//! only added a check or a policy version, the version alone decides: a check or a version
//! newer than the server never applies, since `v` never exceeds the server's minor.
//!
//! Texts are the library's, byte for byte: `pluralize`, `joinQuote` (no escaping) and the
//! sorted sets (`sets.String.List()`) of `policy/helpers.go`.

use k8s_openapi::api::core::v1::{
    ContainerPort, EphemeralContainer, HTTPGetAction, Lifecycle, LifecycleHandler, PodSecurityContext, PodSpec, Probe, SELinuxOptions,
    SecurityContext, TCPSocketAction, Volume, WindowsSecurityContextOptions,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::{Fix, FixValue, Level, Violation};
use crate::diag::go_quote;
use crate::path::Path;

/// One container as `visitContainers` (policy/visitor.go) visits them: init containers,
/// containers, then ephemeral containers.
pub(crate) struct Ctr<'a> {
    /// `spec.initContainers[0]`, `spec.containers[1]`, `spec.ephemeralContainers[2]`.
    path: Path,
    name: &'a str,
    sc: Option<&'a SecurityContext>,
    ports: &'a [ContainerPort],
    /// Liveness, readiness and startup probes.
    probes: [Option<&'a Probe>; 3],
    lifecycle: Option<&'a Lifecycle>,
}

/// What the checks read of a pod (`podMetadata`, `podSpec`), and the server they run on.
pub(crate) struct PodView<'a> {
    meta: &'a ObjectMeta,
    spec: &'a PodSpec,
    ctrs: Vec<Ctr<'a>>,
    /// The API server's minor (25 to 37): the library release whose checks run.
    server: u32,
}

impl<'a> PodView<'a> {
    /// The pod `spec` with `ephemeral` as its ephemeral containers; without its init and
    /// regular containers unless `own`.
    pub(crate) fn new(meta: &'a ObjectMeta, spec: &'a PodSpec, ephemeral: &'a [EphemeralContainer], server: u32, own: bool) -> PodView<'a> {
        macro_rules! ctr {
            ($c:expr, $path:expr) => {
                Ctr {
                    path: $path,
                    name: &$c.name,
                    sc: $c.security_context.as_ref(),
                    ports: $c.ports.as_deref().unwrap_or(&[]),
                    probes: [$c.liveness_probe.as_ref(), $c.readiness_probe.as_ref(), $c.startup_probe.as_ref()],
                    lifecycle: $c.lifecycle.as_ref(),
                }
            };
        }
        let mut ctrs = Vec::new();
        let lists = [("initContainers", spec.init_containers.as_deref().unwrap_or(&[])), ("containers", &spec.containers[..])];
        for (field, list) in lists.into_iter().filter(|_| own) {
            let base = Path::root("spec").child(field);
            ctrs.extend(list.iter().enumerate().map(|(i, c)| ctr!(c, base.index(i))));
        }
        let base = Path::root("spec").child("ephemeralContainers");
        ctrs.extend(ephemeral.iter().enumerate().map(|(i, c)| ctr!(c, base.index(i))));
        PodView { meta, spec, ctrs, server }
    }

    fn psc(&self) -> Option<&'a PodSecurityContext> {
        self.spec.security_context.as_ref()
    }

    /// `podSpec.OS.Name == corev1.Windows`.
    fn windows(&self) -> bool {
        self.spec.os.as_ref().is_some_and(|os| os.name == "windows")
    }

    /// `relaxPolicyForUserNamespacePod` (policy/helpers.go): `hostUsers: false`.
    fn user_namespace(&self) -> bool {
        self.spec.host_users == Some(false)
    }

    fn annotations(&self) -> impl Iterator<Item = (&'a String, &'a String)> {
        self.meta.annotations.iter().flatten()
    }
}

/// A failed check: `ForbiddenReason`, `ForbiddenDetail`, and the fixes.
pub(crate) type Found = Option<(String, String, Vec<Fix>)>;

/// One check (`policy.Check`) with the first policy version it applies to.
pub(crate) struct Check {
    pub(crate) id: &'static str,
    /// Baseline checks run at baseline and restricted; restricted checks at restricted only.
    pub(crate) level: Level,
    pub(crate) since: u64,
    /// The baseline check this one replaces at restricted (`OverrideCheckIDs`), or "".
    pub(crate) overrides: &'static str,
    pub(crate) run: fn(&PodView<'_>, u64) -> Found,
}

const B: Level = Level::Baseline;
const R: Level = Level::Restricted;

/// Every check, in the order the library runs them (policy/registry.go `populate`):
/// baseline ids sorted, then restricted ids sorted.
pub(crate) const CHECKS: [Check; 19] = [
    Check { id: "appArmorProfile", level: B, since: 0, overrides: "", run: app_armor },
    Check { id: "capabilities_baseline", level: B, since: 0, overrides: "", run: capabilities_baseline },
    Check { id: "hostNamespaces", level: B, since: 0, overrides: "", run: host_namespaces },
    Check { id: "hostPathVolumes", level: B, since: 0, overrides: "", run: host_path_volumes },
    Check { id: "hostPorts", level: B, since: 0, overrides: "", run: host_ports },
    Check { id: "hostProbesAndHostLifecycle", level: B, since: 34, overrides: "", run: host_probes },
    Check { id: "privileged", level: B, since: 0, overrides: "", run: privileged },
    Check { id: "procMount", level: B, since: 0, overrides: "", run: proc_mount_baseline },
    Check { id: "seLinuxOptions", level: B, since: 0, overrides: "", run: se_linux },
    Check { id: "seccompProfile_baseline", level: B, since: 0, overrides: "", run: seccomp_baseline },
    Check { id: "sysctls", level: B, since: 0, overrides: "", run: sysctls },
    Check { id: "windowsHostProcess", level: B, since: 0, overrides: "", run: windows_host_process },
    Check { id: "allowPrivilegeEscalation", level: R, since: 8, overrides: "", run: allow_privilege_escalation },
    Check { id: "capabilities_restricted", level: R, since: 22, overrides: "capabilities_baseline", run: capabilities_restricted },
    Check { id: "procMount_restricted", level: R, since: 35, overrides: "procMount", run: proc_mount },
    Check { id: "restrictedVolumes", level: R, since: 0, overrides: "hostPathVolumes", run: restricted_volumes },
    Check { id: "runAsNonRoot", level: R, since: 0, overrides: "", run: run_as_non_root },
    Check { id: "runAsUser", level: R, since: 23, overrides: "", run: run_as_user },
    Check { id: "seccompProfile_restricted", level: R, since: 19, overrides: "seccompProfile_baseline", run: seccomp_restricted },
];

/// `checkRegistry.EvaluatePod` at `level` and policy minor `v`: the checks that apply, less
/// the baseline checks a restricted one overrides; the failures in order.
pub(crate) fn evaluate(level: Level, v: u64, pod: &PodView<'_>) -> Vec<Violation> {
    if level == Level::Privileged {
        return Vec::new();
    }
    let on = |c: &Check| c.since <= v && c.level <= level;
    CHECKS
        .iter()
        .filter(|c| on(c) && !CHECKS.iter().any(|r| on(r) && r.overrides == c.id))
        .filter_map(|c| (c.run)(pod, v).map(|(reason, detail, fixes)| Violation { check: c.id, reason, detail, fixes }))
        .collect()
}

// --- helpers.go ---

/// `joinQuote`: `"a", "b"`, nothing escaped.
fn quoted<S: AsRef<str>>(items: &[S]) -> String {
    items.iter().map(|s| format!("\"{}\"", s.as_ref())).collect::<Vec<_>>().join(", ")
}

/// `pluralize(word, word+"s", n)`.
fn noun(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_owned()
    } else {
        format!("{word}s")
    }
}

/// `pluralize("uses", "use", n)`.
fn uses(n: usize) -> &'static str {
    if n == 1 {
        "uses"
    } else {
        "use"
    }
}

/// `container "a"` / `containers "a", "b"`.
fn who(word: &str, names: &[&str]) -> String {
    format!("{} {}", noun(names.len(), word), quoted(names))
}

/// A `sets.String`'s `List()`: sorted, without duplicates.
fn set(mut items: Vec<String>) -> Vec<String> {
    items.sort();
    items.dedup();
    items
}

fn fix(path: Path, value: FixValue) -> Fix {
    Fix { path: path.to_string(), value }
}

fn pod_sc(field: &str) -> Path {
    Path::root("spec").child("securityContext").child(field)
}

fn sc(c: &Ctr<'_>, field: &str) -> Path {
    c.path.child("securityContext").child(field)
}

fn annotation(key: &str) -> Path {
    Path::root("metadata").child("annotations").key(key)
}

fn found(reason: &str, detail: String, fixes: Vec<Fix>) -> Found {
    Some((reason.to_owned(), detail, fixes))
}

/// The containers for which `bad` holds, with a fix each: `(field, value)` in the container's
/// securityContext. For the checks that only name containers.
fn containers<'a>(pod: &PodView<'a>, field: &str, value: FixValue, bad: impl Fn(&SecurityContext) -> bool) -> (Vec<&'a str>, Vec<Fix>) {
    let hits: Vec<&Ctr<'a>> = pod.ctrs.iter().filter(|c| c.sc.is_some_and(&bad)).collect();
    (hits.iter().map(|c| c.name).collect(), hits.iter().map(|c| fix(sc(c, field), value.clone())).collect())
}

// --- check_appArmorProfile.go ---

const APPARMOR_PREFIX: &str = "container.apparmor.security.beta.kubernetes.io/";

/// `appArmorProfile_1_0`. Up to 1.29 only the beta annotations, listed as they are; from
/// kubernetes-1.30.0 also the `appArmorProfile` fields, and another wording.
fn app_armor(pod: &PodView<'_>, _: u64) -> Found {
    let bad_type = |t: &String| t != "RuntimeDefault" && t != "Localhost";
    let (mut setters, mut values, mut fixes) = (Vec::new(), Vec::new(), Vec::new());
    if pod.server >= 30 {
        if let Some(p) = pod.psc().and_then(|s| s.app_armor_profile.as_ref()).filter(|p| bad_type(&p.type_)) {
            setters.push("pod".to_owned());
            values.push(p.type_.clone());
            fixes.push(fix(pod_sc("appArmorProfile.type"), FixValue::Str("RuntimeDefault")));
        }
        let mut bad = Vec::new();
        for c in &pod.ctrs {
            if let Some(p) = c.sc.and_then(|s| s.app_armor_profile.as_ref()).filter(|p| bad_type(&p.type_)) {
                bad.push(c.name);
                values.push(p.type_.clone());
                fixes.push(fix(sc(c, "appArmorProfile.type"), FixValue::Str("RuntimeDefault")));
            }
        }
        if !bad.is_empty() {
            setters.push(who("container", &bad));
        }
    }
    let mut values = set(values);
    let mut notes = Vec::new();
    for (k, v) in pod.annotations() {
        if k.starts_with(APPARMOR_PREFIX) && !(v.is_empty() || v == "runtime/default" || v.starts_with("localhost/")) {
            notes.push(format!("{k}={}", go_quote(v)));
            fixes.push(fix(annotation(k), FixValue::Str("runtime/default")));
        }
    }
    notes.sort();
    if pod.server < 30 {
        return (!notes.is_empty()).then(|| (noun(notes.len(), "forbidden AppArmor profile"), notes.join(", "), fixes));
    }
    if !notes.is_empty() {
        setters.push(noun(notes.len(), "annotation"));
        values.extend(notes);
    }
    if setters.is_empty() {
        return None;
    }
    let detail = format!("{} must not set AppArmor profile type to {}", setters.join(" and "), quoted(&values));
    Some((noun(values.len(), "forbidden AppArmor profile"), detail, fixes))
}

// --- check_capabilities_baseline.go ---

const DEFAULT_CAPABILITIES: [&str; 13] = [
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
    "SYS_CHROOT",
];

/// The containers that add a capability `allowed` refuses, the capabilities, and the fix
/// (the `add` list without them).
fn added<'a>(pod: &PodView<'a>, allowed: impl Fn(&str) -> bool) -> (Vec<&'a str>, Vec<String>, Vec<Fix>) {
    let (mut names, mut caps, mut fixes) = (Vec::new(), Vec::new(), Vec::new());
    for c in &pod.ctrs {
        let add = c.sc.and_then(|s| s.capabilities.as_ref()).and_then(|k| k.add.as_deref()).unwrap_or(&[]);
        let (keep, refused): (Vec<&String>, Vec<&String>) = add.iter().partition(|a| allowed(a));
        if !refused.is_empty() {
            names.push(c.name);
            caps.extend(refused.into_iter().cloned());
            let keep: Vec<String> = keep.into_iter().cloned().collect();
            let value = if keep.is_empty() { FixValue::Remove } else { FixValue::List(keep) };
            fixes.push(fix(sc(c, "capabilities.add"), value));
        }
    }
    (names, set(caps), fixes)
}

/// `capabilitiesBaseline_1_0`.
fn capabilities_baseline(pod: &PodView<'_>, _: u64) -> Found {
    let (names, caps, fixes) = added(pod, |c| DEFAULT_CAPABILITIES.contains(&c));
    let detail = format!("{} must not include {} in securityContext.capabilities.add", who("container", &names), quoted(&caps));
    (!names.is_empty()).then(|| ("non-default capabilities".to_owned(), detail, fixes))
}

// --- check_hostNamespaces.go ---

/// `hostNamespaces_1_0`.
fn host_namespaces(pod: &PodView<'_>, _: u64) -> Found {
    let s = pod.spec;
    let on: Vec<&str> = [("hostNetwork", s.host_network), ("hostPID", s.host_pid), ("hostIPC", s.host_ipc)]
        .into_iter()
        .filter(|(_, v)| *v == Some(true))
        .map(|(name, _)| name)
        .collect();
    let fixes = on.iter().map(|n| fix(Path::root("spec").child(n), FixValue::Bool(false))).collect();
    let detail = on.iter().map(|n| format!("{n}=true")).collect::<Vec<_>>().join(", ");
    (!on.is_empty()).then(|| ("host namespaces".to_owned(), detail, fixes))
}

// --- check_hostPathVolumes.go and check_restrictedVolumes.go ---

/// The volumes for which `kind` names a forbidden type, each with its type, and the fixes
/// (leaving the volume out).
fn volumes<'a>(pod: &PodView<'a>, kind: impl Fn(&Volume) -> Option<&'static str>) -> (Vec<&'a str>, Vec<String>, Vec<Fix>) {
    let (mut names, mut kinds, mut fixes) = (Vec::new(), Vec::new(), Vec::new());
    for (i, vol) in pod.spec.volumes.iter().flatten().enumerate() {
        if let Some(k) = kind(vol) {
            names.push(vol.name.as_str());
            kinds.push(k.to_owned());
            fixes.push(fix(Path::root("spec").child("volumes").index(i), FixValue::Remove));
        }
    }
    (names, set(kinds), fixes)
}

/// `hostPathVolumes_1_0`.
fn host_path_volumes(pod: &PodView<'_>, _: u64) -> Found {
    let (names, _, fixes) = volumes(pod, |v| v.host_path.as_ref().map(|_| "hostPath"));
    (!names.is_empty()).then(|| ("hostPath volumes".to_owned(), who("volume", &names), fixes))
}

/// Whether a volume has a given source.
type HasSource = fn(&Volume) -> bool;

/// The restricted volume types, in the order `restrictedVolumes_1_0` tests them.
const RESTRICTED_VOLUMES: [(&str, HasSource); 21] = [
    ("hostPath", |v| v.host_path.is_some()),
    ("gcePersistentDisk", |v| v.gce_persistent_disk.is_some()),
    ("awsElasticBlockStore", |v| v.aws_elastic_block_store.is_some()),
    ("gitRepo", |v| v.git_repo.is_some()),
    ("nfs", |v| v.nfs.is_some()),
    ("iscsi", |v| v.iscsi.is_some()),
    ("glusterfs", |v| v.glusterfs.is_some()),
    ("rbd", |v| v.rbd.is_some()),
    ("flexVolume", |v| v.flex_volume.is_some()),
    ("cinder", |v| v.cinder.is_some()),
    ("cephfs", |v| v.cephfs.is_some()),
    ("flocker", |v| v.flocker.is_some()),
    ("fc", |v| v.fc.is_some()),
    ("azureFile", |v| v.azure_file.is_some()),
    ("vsphereVolume", |v| v.vsphere_volume.is_some()),
    ("quobyte", |v| v.quobyte.is_some()),
    ("azureDisk", |v| v.azure_disk.is_some()),
    ("photonPersistentDisk", |v| v.photon_persistent_disk.is_some()),
    ("portworxVolume", |v| v.portworx_volume.is_some()),
    ("scaleIO", |v| v.scale_io.is_some()),
    ("storageos", |v| v.storageos.is_some()),
];

/// `restrictedVolumes_1_0`. `image` is allowed from kubernetes-1.33.0 (and "unknown"
/// before). A volume with no source at all is what `SetDefaults_Volume` turns into an
/// `emptyDir` before the server stores the pod, so it is taken as one.
fn restricted_volumes(pod: &PodView<'_>, _: u64) -> Found {
    let kind = |v: &Volume| {
        let allowed = v.config_map.is_some()
            || v.csi.is_some()
            || v.downward_api.is_some()
            || v.empty_dir.is_some()
            || v.ephemeral.is_some()
            || (pod.server >= 33 && v.image.is_some())
            || v.persistent_volume_claim.is_some()
            || v.projected.is_some()
            || v.secret.is_some();
        if allowed {
            return None;
        }
        match RESTRICTED_VOLUMES.iter().find(|(_, has)| has(v)) {
            Some((name, _)) => Some(*name),
            None => v.image.is_some().then_some("unknown"),
        }
    };
    let (names, kinds, fixes) = volumes(pod, kind);
    let detail =
        format!("{} {} {} {}", who("volume", &names), uses(names.len()), noun(kinds.len(), "restricted volume type"), quoted(&kinds));
    (!names.is_empty()).then(|| ("restricted volume types".to_owned(), detail, fixes))
}

// --- check_hostPorts.go ---

/// `hostPorts_1_0`. The ports sorted as strings, as `sets.String` sorts them.
fn host_ports(pod: &PodView<'_>, _: u64) -> Found {
    let (mut names, mut ports, mut fixes) = (Vec::new(), Vec::new(), Vec::new());
    for c in &pod.ctrs {
        let mut bad = false;
        for (j, p) in c.ports.iter().enumerate() {
            if let Some(h) = p.host_port.filter(|h| *h != 0) {
                bad = true;
                ports.push(h.to_string());
                fixes.push(fix(c.path.child("ports").index(j).child("hostPort"), FixValue::Remove));
            }
        }
        if bad {
            names.push(c.name);
        }
    }
    let ports = set(ports);
    let detail = format!("{} {} {} {}", who("container", &names), uses(names.len()), noun(ports.len(), "hostPort"), ports.join(", "));
    (!names.is_empty()).then(|| ("hostPort".to_owned(), detail, fixes))
}

// --- check_hostProbesAndhostLifecycle.go (kubernetes-1.34.0 on) ---

/// A probe's or a lifecycle handler's HTTP and TCP actions, which may name a host.
type Actions<'a> = (&'a Option<HTTPGetAction>, &'a Option<TCPSocketAction>);

/// `hostProbesAndHostLifecycleV1Dot34`. Containers and hosts are both sorted sets.
fn host_probes(pod: &PodView<'_>, _: u64) -> Found {
    let (mut names, mut hosts, mut fixes) = (Vec::new(), Vec::new(), Vec::new());
    for c in &pod.ctrs {
        fn probe(p: &Probe) -> Actions<'_> {
            (&p.http_get, &p.tcp_socket)
        }
        fn handler(h: &LifecycleHandler) -> Actions<'_> {
            (&h.http_get, &h.tcp_socket)
        }
        let all = [
            ("livenessProbe", c.probes[0].map(probe)),
            ("readinessProbe", c.probes[1].map(probe)),
            ("startupProbe", c.probes[2].map(probe)),
            ("lifecycle.postStart", c.lifecycle.and_then(|l| l.post_start.as_ref()).map(handler)),
            ("lifecycle.preStop", c.lifecycle.and_then(|l| l.pre_stop.as_ref()).map(handler)),
        ];
        for (field, (http, tcp)) in all.into_iter().filter_map(|(f, h)| Some((f, h?))) {
            let http = http.as_ref().and_then(|a| a.host.as_ref());
            for (action, host) in [("httpGet", http), ("tcpSocket", tcp.as_ref().and_then(|a| a.host.as_ref()))] {
                if let Some(host) = host.filter(|h| !h.is_empty()) {
                    names.push(c.name.to_owned());
                    hosts.push(host.clone());
                    fixes.push(fix(c.path.child(field).child(action).child("host"), FixValue::Remove));
                }
            }
        }
    }
    let (names, hosts) = (set(names), set(hosts));
    let detail = format!(
        "{} {} {} {} {}",
        noun(names.len(), "container"),
        quoted(&names),
        uses(names.len()),
        noun(hosts.len(), "probe or lifecycle host"),
        quoted(&hosts)
    );
    (!names.is_empty()).then(|| ("probe or lifecycle host".to_owned(), detail, fixes))
}

// --- check_privileged.go ---

/// `privileged_1_0`.
fn privileged(pod: &PodView<'_>, _: u64) -> Found {
    let (names, fixes) = containers(pod, "privileged", FixValue::Bool(false), |s| s.privileged == Some(true));
    let detail = format!("{} must not set securityContext.privileged=true", who("container", &names));
    (!names.is_empty()).then(|| ("privileged".to_owned(), detail, fixes))
}

// --- check_procMount_baseline.go and check_procMount_restricted.go ---

/// `procMount_1_0`: any procMount but `Default`. Up to 1.34 it also let user-namespace pods
/// through, only behind the alpha gate `UserNamespacesPodSecurityStandards` (off here).
fn proc_mount(pod: &PodView<'_>, _: u64) -> Found {
    let bad = |s: &SecurityContext| s.proc_mount.as_ref().is_some_and(|p| p != "Default");
    let (names, fixes) = containers(pod, "procMount", FixValue::Str("Default"), bad);
    let types = set(pod.ctrs.iter().filter_map(|c| c.sc?.proc_mount.clone()).filter(|p| p != "Default").collect());
    let detail = format!("{} must not set securityContext.procMount to {}", who("container", &names), quoted(&types));
    (!names.is_empty()).then(|| ("procMount".to_owned(), detail, fixes))
}

/// `procMount1_35baseline` (kubernetes-1.35.0 on): a pod in a user namespace may set any.
fn proc_mount_baseline(pod: &PodView<'_>, v: u64) -> Found {
    if v >= 35 && pod.user_namespace() {
        return None;
    }
    proc_mount(pod, v)
}

// --- check_seLinuxOptions.go ---

/// `seLinuxOptions1_0`, and `seLinuxOptions1_31` (kubernetes-1.31.0 on), which also allows
/// `container_engine_t`. Before kubernetes-1.26.0 the user and role notes were only written
/// when a type was wrong too.
fn se_linux(pod: &PodView<'_>, v: u64) -> Found {
    let allowed =
        |t: &str| matches!(t, "" | "container_t" | "container_init_t" | "container_kvm_t") || (v >= 31 && t == "container_engine_t");
    let (mut types, mut user, mut role, mut fixes) = (Vec::new(), false, false, Vec::new());
    let mut valid = |o: &SELinuxOptions, base: Path| {
        let t = o.type_.as_deref().unwrap_or("");
        let bad = [!allowed(t), !o.user.as_deref().unwrap_or("").is_empty(), !o.role.as_deref().unwrap_or("").is_empty()];
        if bad[0] {
            types.push(t.to_owned());
        }
        user |= bad[1];
        role |= bad[2];
        for (field, b) in ["type", "user", "role"].into_iter().zip(bad) {
            if b {
                fixes.push(fix(base.child(field), FixValue::Remove));
            }
        }
        !bad.contains(&true)
    };
    let mut setters = Vec::new();
    if let Some(o) = pod.psc().and_then(|s| s.se_linux_options.as_ref()) {
        if !valid(o, pod_sc("seLinuxOptions")) {
            setters.push("pod".to_owned());
        }
    }
    let mut names = Vec::new();
    for c in &pod.ctrs {
        if let Some(o) = c.sc.and_then(|s| s.se_linux_options.as_ref()) {
            if !valid(o, sc(c, "seLinuxOptions")) {
                names.push(c.name);
            }
        }
    }
    if !names.is_empty() {
        setters.push(who("container", &names));
    }
    if setters.is_empty() {
        return None;
    }
    let types = set(types);
    let mut data = Vec::new();
    if !types.is_empty() {
        data.push(format!("{} {}", noun(types.len(), "type"), quoted(&types)));
    }
    if pod.server >= 26 || !types.is_empty() {
        data.extend(user.then_some("user may not be set".to_owned()));
        data.extend(role.then_some("role may not be set".to_owned()));
    }
    let detail = format!("{} set forbidden securityContext.seLinuxOptions: {}", setters.join(" and "), data.join("; "));
    found("seLinuxOptions", detail, fixes)
}

// --- check_seccompProfile_baseline.go and check_seccompProfile_restricted.go ---

/// `seccompProfileBaseline_1_0` (policy versions before 1.19: the alpha annotations) and
/// `seccompProfileBaseline_1_19` (the fields).
fn seccomp_baseline(pod: &PodView<'_>, v: u64) -> Found {
    if v >= 19 {
        return seccomp(pod, false);
    }
    let valid = |s: &str| s == "runtime/default" || s == "docker/default" || s.starts_with("localhost/");
    let keys = std::iter::once("seccomp.security.alpha.kubernetes.io/pod".to_owned())
        .chain(pod.ctrs.iter().map(|c| format!("container.seccomp.security.alpha.kubernetes.io/{}", c.name)));
    let (mut bad, mut fixes) = (Vec::new(), Vec::new());
    for key in keys {
        if let Some(val) = pod.meta.annotations.as_ref().and_then(|a| a.get(&key)).filter(|val| !valid(val)) {
            bad.push(format!("{key}={}", go_quote(val)));
            fixes.push(fix(annotation(&key), FixValue::Str("runtime/default")));
        }
    }
    let bad = set(bad);
    (!bad.is_empty())
        .then(|| ("seccompProfile".to_owned(), format!("forbidden {} {}", noun(bad.len(), "annotation"), bad.join(", ")), fixes))
}

/// `seccompProfileRestricted_1_19`, and `_1_25` which lets Windows pods through.
fn seccomp_restricted(pod: &PodView<'_>, v: u64) -> Found {
    if v >= 25 && pod.windows() {
        return None;
    }
    seccomp(pod, true)
}

/// The seccompProfile fields: a type other than RuntimeDefault or Localhost is refused;
/// when `required`, so is a container with none and no valid one on the pod.
fn seccomp(pod: &PodView<'_>, required: bool) -> Found {
    const FIX: FixValue = FixValue::Str("RuntimeDefault");
    let valid = |t: &str| t == "RuntimeDefault" || t == "Localhost";
    let (mut setters, mut values, mut fixes) = (Vec::new(), Vec::new(), Vec::new());
    let pod_profile = pod.psc().and_then(|s| s.seccomp_profile.as_ref());
    if let Some(p) = pod_profile.filter(|p| !valid(&p.type_)) {
        setters.push("pod".to_owned());
        values.push(p.type_.clone());
        fixes.push(fix(pod_sc("seccompProfile.type"), FIX));
    }
    let pod_set = pod_profile.is_some_and(|p| valid(&p.type_));
    let (mut explicit, mut implicit) = (Vec::new(), Vec::new());
    for c in &pod.ctrs {
        match c.sc.and_then(|s| s.seccomp_profile.as_ref()) {
            Some(p) if !valid(&p.type_) => {
                explicit.push(c.name);
                values.push(p.type_.clone());
                fixes.push(fix(sc(c, "seccompProfile.type"), FIX));
            }
            None if !pod_set => implicit.push(c),
            _ => {}
        }
    }
    // Containers with none need their own unless the pod's (invalid) one is fixed.
    if required && pod_profile.is_none() {
        fixes.extend(implicit.iter().map(|c| fix(sc(c, "seccompProfile.type"), FIX)));
    }
    if !explicit.is_empty() {
        setters.push(who("container", &explicit));
    }
    if !setters.is_empty() {
        let detail = format!("{} must not set securityContext.seccompProfile.type to {}", setters.join(" and "), quoted(&set(values)));
        return found("seccompProfile", detail, fixes);
    }
    let names: Vec<&str> = implicit.iter().map(|c| c.name).collect();
    let detail =
        format!(r#"pod or {} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost""#, who("container", &names));
    (required && !names.is_empty()).then(|| ("seccompProfile".to_owned(), detail, fixes))
}

// --- check_sysctls.go ---

/// The safe sysctls, each with the policy version that allows it (1.27, 1.29, 1.32, 1.37
/// each added some; kubernetes-1.37.0 the last two).
const SAFE_SYSCTLS: [(u64, &str); 14] = [
    (0, "kernel.shm_rmid_forced"),
    (0, "net.ipv4.ip_local_port_range"),
    (0, "net.ipv4.tcp_syncookies"),
    (0, "net.ipv4.ping_group_range"),
    (0, "net.ipv4.ip_unprivileged_port_start"),
    (27, "net.ipv4.ip_local_reserved_ports"),
    (29, "net.ipv4.tcp_keepalive_time"),
    (29, "net.ipv4.tcp_fin_timeout"),
    (29, "net.ipv4.tcp_keepalive_intvl"),
    (29, "net.ipv4.tcp_keepalive_probes"),
    (32, "net.ipv4.tcp_rmem"),
    (32, "net.ipv4.tcp_wmem"),
    (37, "net.ipv4.tcp_slow_start_after_idle"),
    (37, "net.ipv4.tcp_notsent_lowat"),
];

/// `sysctlsV1Dot0` … `sysctlsV1Dot37`: names in the pod's order, repeats kept.
fn sysctls(pod: &PodView<'_>, v: u64) -> Found {
    let safe = |name: &str| SAFE_SYSCTLS.iter().any(|(since, n)| *since <= v && *n == name);
    let (mut names, mut fixes) = (Vec::new(), Vec::new());
    for (i, s) in pod.psc().and_then(|s| s.sysctls.as_deref()).unwrap_or(&[]).iter().enumerate() {
        if !safe(&s.name) {
            names.push(s.name.as_str());
            fixes.push(fix(pod_sc("sysctls").index(i), FixValue::Remove));
        }
    }
    (!names.is_empty()).then(|| ("forbidden sysctls".to_owned(), names.join(", "), fixes))
}

// --- check_windowsHostProcess.go ---

/// `windowsHostProcess_1_0`.
fn windows_host_process(pod: &PodView<'_>, _: u64) -> Found {
    let on = |o: &Option<WindowsSecurityContextOptions>| o.as_ref().and_then(|o| o.host_process) == Some(true);
    let (names, mut fixes) = containers(pod, "windowsOptions.hostProcess", FixValue::Bool(false), |s| on(&s.windows_options));
    let mut setters = Vec::new();
    if pod.psc().is_some_and(|s| on(&s.windows_options)) {
        setters.push("pod".to_owned());
        fixes.insert(0, fix(pod_sc("windowsOptions.hostProcess"), FixValue::Bool(false)));
    }
    if !names.is_empty() {
        setters.push(who("container", &names));
    }
    let detail = format!("{} must not set securityContext.windowsOptions.hostProcess=true", setters.join(" and "));
    (!setters.is_empty()).then(|| ("hostProcess".to_owned(), detail, fixes))
}

// --- check_allowPrivilegeEscalation.go ---

/// `allowPrivilegeEscalation_1_8`, and `_1_25` which lets Windows pods through.
fn allow_privilege_escalation(pod: &PodView<'_>, v: u64) -> Found {
    if v >= 25 && pod.windows() {
        return None;
    }
    let bad: Vec<&Ctr<'_>> = pod.ctrs.iter().filter(|c| c.sc.and_then(|s| s.allow_privilege_escalation) != Some(false)).collect();
    let names: Vec<&str> = bad.iter().map(|c| c.name).collect();
    let fixes = bad.iter().map(|c| fix(sc(c, "allowPrivilegeEscalation"), FixValue::Bool(false))).collect();
    let detail = format!("{} must set securityContext.allowPrivilegeEscalation=false", who("container", &names));
    (!names.is_empty()).then(|| ("allowPrivilegeEscalation != false".to_owned(), detail, fixes))
}

// --- check_capabilities_restricted.go ---

/// `capabilitiesRestricted_1_22`, and `_1_25` which lets Windows pods through.
fn capabilities_restricted(pod: &PodView<'_>, v: u64) -> Found {
    if v >= 25 && pod.windows() {
        return None;
    }
    let drops_all = |c: &&Ctr<'_>| {
        c.sc.and_then(|s| s.capabilities.as_ref()).and_then(|k| k.drop.as_ref()).is_some_and(|d| d.iter().any(|x| x == "ALL"))
    };
    let missing: Vec<&Ctr<'_>> = pod.ctrs.iter().filter(|c| !drops_all(c)).collect();
    let (adding, caps, mut fixes) = added(pod, |c| c == "NET_BIND_SERVICE");
    let mut details = Vec::new();
    if !missing.is_empty() {
        let names: Vec<&str> = missing.iter().map(|c| c.name).collect();
        details.push(format!(r#"{} must set securityContext.capabilities.drop=["ALL"]"#, who("container", &names)));
        let drop = FixValue::List(vec!["ALL".to_owned()]);
        fixes.splice(0..0, missing.iter().map(|c| fix(sc(c, "capabilities.drop"), drop.clone())));
    }
    if !adding.is_empty() {
        details.push(format!("{} must not include {} in securityContext.capabilities.add", who("container", &adding), quoted(&caps)));
    }
    (!details.is_empty()).then(|| ("unrestricted capabilities".to_owned(), details.join("; "), fixes))
}

// --- check_runAsNonRoot.go ---

/// `runAsNonRoot1_0`, and `runAsNonRoot1_35` (kubernetes-1.35.0 on) which lets pods in a user
/// namespace through. Up to 1.34 that relaxation sat behind the alpha gate
/// `UserNamespacesPodSecurityStandards` in every version (off here).
fn run_as_non_root(pod: &PodView<'_>, v: u64) -> Found {
    if v >= 35 && pod.user_namespace() {
        return None;
    }
    const FIX: FixValue = FixValue::Bool(true);
    let pod_value = pod.psc().and_then(|s| s.run_as_non_root);
    let mut setters = Vec::new();
    let mut fixes = Vec::new();
    if pod_value == Some(false) {
        setters.push("pod".to_owned());
        fixes.push(fix(pod_sc("runAsNonRoot"), FIX));
    }
    let (mut explicit, mut implicit) = (Vec::new(), Vec::new());
    for c in &pod.ctrs {
        match c.sc.and_then(|s| s.run_as_non_root) {
            Some(false) => {
                explicit.push(c.name);
                fixes.push(fix(sc(c, "runAsNonRoot"), FIX));
            }
            None if pod_value != Some(true) => implicit.push(c),
            _ => {}
        }
    }
    // Containers with none need their own unless the pod's false is fixed.
    if pod_value.is_none() {
        fixes.extend(implicit.iter().map(|c| fix(sc(c, "runAsNonRoot"), FIX)));
    }
    if !explicit.is_empty() {
        setters.push(who("container", &explicit));
    }
    if !setters.is_empty() {
        return found("runAsNonRoot != true", format!("{} must not set securityContext.runAsNonRoot=false", setters.join(" and ")), fixes);
    }
    let names: Vec<&str> = implicit.iter().map(|c| c.name).collect();
    let detail = format!("pod or {} must set securityContext.runAsNonRoot=true", who("container", &names));
    (!names.is_empty()).then(|| ("runAsNonRoot != true".to_owned(), detail, fixes))
}

// --- check_runAsUser.go ---

/// `runAsUser1_23`, and `runAsUser1_35` (kubernetes-1.35.0 on) which lets pods in a user
/// namespace through (before, only behind the alpha gate, off here).
fn run_as_user(pod: &PodView<'_>, v: u64) -> Found {
    if v >= 35 && pod.user_namespace() {
        return None;
    }
    let (names, mut fixes) = containers(pod, "runAsUser", FixValue::Remove, |s| s.run_as_user == Some(0));
    let mut setters = Vec::new();
    if pod.psc().and_then(|s| s.run_as_user) == Some(0) {
        setters.push("pod".to_owned());
        fixes.insert(0, fix(pod_sc("runAsUser"), FixValue::Remove));
    }
    if !names.is_empty() {
        setters.push(who("container", &names));
    }
    (!setters.is_empty()).then(|| ("runAsUser=0".to_owned(), format!("{} must not set runAsUser=0", setters.join(" and ")), fixes))
}
