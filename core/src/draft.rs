//! The playground's form, as a typed view of one ephemeral container.
//!
//! The form shows the fields people set most; the YAML editor shows everything. A
//! [`Draft`] is read from a container ([`Draft::from_container`]) and written back onto it
//! ([`Draft::apply`]) so that whatever the form does not show is kept. The web app builds no
//! Kubernetes JSON itself: it asks this module.

use k8s_openapi::api::core::v1::{Capabilities, Container, EnvVar, EphemeralContainer, Pod, SeccompProfile, SecurityContext, VolumeMount};

use crate::diag::go_quote;
use crate::export::yaml;
use crate::gojson;
use crate::shell::{self, Shell};

/// `kubectl debug --profile`, or a securityContext that is none of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Profile {
    General,
    Baseline,
    Restricted,
    Netadmin,
    Sysadmin,
    Custom,
}

impl Profile {
    pub const ALL: [Profile; 6] =
        [Profile::General, Profile::Baseline, Profile::Restricted, Profile::Netadmin, Profile::Sysadmin, Profile::Custom];

    pub fn name(self) -> &'static str {
        match self {
            Profile::General => "general",
            Profile::Baseline => "baseline",
            Profile::Restricted => "restricted",
            Profile::Netadmin => "netadmin",
            Profile::Sysadmin => "sysadmin",
            Profile::Custom => "custom",
        }
    }

    pub fn from_name(name: &str) -> Option<Profile> {
        Profile::ALL.into_iter().find(|p| p.name() == name)
    }

    /// What the profile grants, in a few words.
    pub fn summary(self) -> &'static str {
        match self {
            Profile::General => "adds SYS_PTRACE (strace, gdb)",
            Profile::Baseline => "no extra privileges",
            Profile::Restricted => "non-root, no privilege escalation, all capabilities dropped",
            Profile::Netadmin => "adds NET_ADMIN and NET_RAW (tcpdump, ip, iptables)",
            Profile::Sysadmin => "privileged",
            Profile::Custom => "the securityContext in the YAML",
        }
    }

    /// The securityContext `kubectl debug --profile=…` gives an ephemeral container.
    pub fn security_context(self) -> Option<SecurityContext> {
        let add = |caps: &[&str]| SecurityContext {
            capabilities: Some(Capabilities { add: Some(caps.iter().map(|c| (*c).to_owned()).collect()), drop: None }),
            ..Default::default()
        };
        match self {
            Profile::General => Some(add(&["SYS_PTRACE"])),
            Profile::Baseline | Profile::Custom => None,
            Profile::Restricted => Some(SecurityContext {
                allow_privilege_escalation: Some(false),
                capabilities: Some(Capabilities { add: None, drop: Some(vec!["ALL".to_owned()]) }),
                run_as_non_root: Some(true),
                seccomp_profile: Some(SeccompProfile { type_: "RuntimeDefault".to_owned(), localhost_profile: None }),
                ..Default::default()
            }),
            Profile::Netadmin => Some(add(&["NET_ADMIN", "NET_RAW"])),
            Profile::Sysadmin => Some(SecurityContext { privileged: Some(true), ..Default::default() }),
        }
    }

    /// `sc` with this profile's fields ([`Profile::owned`]) set as the profile sets them, and
    /// everything else kept (a `runAsUser` typed by hand stays). `Custom` changes nothing.
    pub fn apply_to(self, sc: Option<&SecurityContext>) -> Option<SecurityContext> {
        if self == Profile::Custom {
            return sc.cloned();
        }
        let mut out = Profile::owned(sc.cloned().unwrap_or_default());
        let mine = self.security_context().unwrap_or_default();
        out.allow_privilege_escalation = mine.allow_privilege_escalation;
        out.capabilities = mine.capabilities;
        out.privileged = mine.privileged;
        out.run_as_non_root = mine.run_as_non_root;
        out.seccomp_profile = mine.seccomp_profile;
        let empty = gojson::marshal(&EphemeralContainer { security_context: Some(out.clone()), ..Default::default() })
            .get("securityContext")
            .is_none_or(|v| v.as_object().is_some_and(serde_json::Map::is_empty));
        (!empty).then_some(out)
    }

    /// `sc` without the fields some profile sets (`allowPrivilegeEscalation`, `capabilities`,
    /// `privileged`, `runAsNonRoot`, `seccompProfile`): what no profile touches.
    fn owned(mut sc: SecurityContext) -> SecurityContext {
        sc.allow_privilege_escalation = None;
        sc.capabilities = None;
        sc.privileged = None;
        sc.run_as_non_root = None;
        sc.seccomp_profile = None;
        sc
    }

    /// The profile whose fields the securityContext has exactly as it sets them (other fields,
    /// such as `runAsUser`, may be there too), or `Custom`.
    pub fn of(sc: Option<&SecurityContext>) -> Profile {
        let printed = |sc: Option<SecurityContext>| {
            let ec = EphemeralContainer { security_context: sc, ..Default::default() };
            gojson::marshal(&ec).get("securityContext").cloned()
        };
        let mine = printed(sc.cloned());
        for p in [Profile::Baseline, Profile::General, Profile::Restricted, Profile::Netadmin, Profile::Sysadmin] {
            if printed(p.apply_to(sc)) == mine {
                return p;
            }
        }
        Profile::Custom
    }
}

/// One environment variable row of the form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EnvRow {
    pub name: String,
    pub value: String,
}

/// One volume mount row of the form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MountRow {
    pub name: String,
    pub mount_path: String,
    pub read_only: bool,
}

/// The form's fields.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    pub name: String,
    pub image: String,
    /// `targetContainerName`; empty for none.
    pub target: String,
    /// Shell words, as typed (`sh -c 'echo hi'`).
    pub command: String,
    pub args: String,
    pub env: Vec<EnvRow>,
    pub mounts: Vec<MountRow>,
    pub profile: Option<Profile>,
    pub stdin: bool,
    pub tty: bool,
    /// Empty for the server's default.
    pub pull_policy: String,
}

impl Draft {
    /// The form's view of a container. Env entries with `valueFrom` and mounts with more
    /// than name/path/readOnly stay in the YAML only.
    pub fn from_container(ec: &EphemeralContainer) -> Draft {
        Draft {
            name: ec.name.clone(),
            image: ec.image.clone().unwrap_or_default(),
            target: ec.target_container_name.clone().unwrap_or_default(),
            command: join_words(ec.command.as_deref().unwrap_or_default()),
            args: join_words(ec.args.as_deref().unwrap_or_default()),
            env: ec
                .env
                .iter()
                .flatten()
                .filter(|e| e.value_from.is_none())
                .map(|e| EnvRow { name: e.name.clone(), value: e.value.clone().unwrap_or_default() })
                .collect(),
            mounts: ec
                .volume_mounts
                .iter()
                .flatten()
                .map(|m| MountRow { name: m.name.clone(), mount_path: m.mount_path.clone(), read_only: m.read_only == Some(true) })
                .collect(),
            profile: Some(Profile::of(ec.security_context.as_ref())),
            stdin: ec.stdin == Some(true),
            tty: ec.tty == Some(true),
            pull_policy: ec.image_pull_policy.clone().unwrap_or_default(),
        }
    }

    /// This form's changes since `from`, made on `onto`: each field that differs from `from`
    /// is this form's, the others are `onto`'s. (The form edited while the YAML did not read,
    /// then the YAML read again as `onto`.)
    pub fn rebase(&self, from: &Draft, onto: &Draft) -> Draft {
        fn pick<T: PartialEq + Clone>(mine: &T, from: &T, onto: &T) -> T {
            if mine == from {
                onto.clone()
            } else {
                mine.clone()
            }
        }
        Draft {
            name: pick(&self.name, &from.name, &onto.name),
            image: pick(&self.image, &from.image, &onto.image),
            target: pick(&self.target, &from.target, &onto.target),
            command: pick(&self.command, &from.command, &onto.command),
            args: pick(&self.args, &from.args, &onto.args),
            env: pick(&self.env, &from.env, &onto.env),
            mounts: pick(&self.mounts, &from.mounts, &onto.mounts),
            profile: pick(&self.profile, &from.profile, &onto.profile),
            stdin: pick(&self.stdin, &from.stdin, &onto.stdin),
            tty: pick(&self.tty, &from.tty, &onto.tty),
            pull_policy: pick(&self.pull_policy, &from.pull_policy, &onto.pull_policy),
        }
    }

    /// Writes the form onto `base`, keeping what the form does not show. Words that do not
    /// split (an open quote) are kept as they were in `base`.
    pub fn apply(&self, base: &EphemeralContainer) -> EphemeralContainer {
        let mut ec = base.clone();
        ec.name = self.name.clone();
        ec.image = non_empty(&self.image);
        ec.target_container_name = non_empty(&self.target);
        if let Ok(words) = split_words(&self.command) {
            ec.command = (!words.is_empty()).then_some(words);
        }
        if let Ok(words) = split_words(&self.args) {
            ec.args = (!words.is_empty()).then_some(words);
        }
        let kept_from: Vec<EnvVar> = base.env.iter().flatten().filter(|e| e.value_from.is_some()).cloned().collect();
        let mut env: Vec<EnvVar> =
            self.env.iter().map(|r| EnvVar { name: r.name.clone(), value: Some(r.value.clone()), value_from: None }).collect();
        env.extend(kept_from);
        ec.env = (!env.is_empty()).then_some(env);
        let mounts: Vec<VolumeMount> = self
            .mounts
            .iter()
            .map(|r| {
                // Keep the other settings of a mount that is still there.
                let old = base.volume_mounts.iter().flatten().find(|m| m.name == r.name && m.mount_path == r.mount_path);
                VolumeMount {
                    name: r.name.clone(),
                    mount_path: r.mount_path.clone(),
                    read_only: r.read_only.then_some(true),
                    ..old.cloned().unwrap_or_default()
                }
            })
            .collect();
        ec.volume_mounts = (!mounts.is_empty()).then_some(mounts);
        if let Some(p) = self.profile {
            ec.security_context = p.apply_to(base.security_context.as_ref());
        }
        ec.stdin = self.stdin.then_some(true);
        ec.tty = self.tty.then_some(true);
        ec.image_pull_policy = non_empty(&self.pull_policy);
        ec
    }
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_owned())
}

/// Go's JSON of the container, without the empty `resources` Go always prints.
fn shown(ec: &EphemeralContainer) -> serde_json::Value {
    let mut v = gojson::marshal(ec);
    if let serde_json::Value::Object(m) = &mut v {
        if m.get("resources").is_some_and(|r| r.as_object().is_some_and(serde_json::Map::is_empty)) {
            m.remove("resources");
        }
    }
    v
}

/// The container as the YAML editor shows it: Go's JSON of it (keys sorted, empty values
/// left out) written as YAML.
pub fn container_yaml(ec: &EphemeralContainer) -> String {
    yaml::to_yaml(&shown(ec))
}

/// `text`, the YAML of the container `old` as the user wrote it, changed to be `new`: only
/// what differs is written, at its place, and every other character stays (comments, the
/// order of keys, quoting, flow style). Where that cannot be done (or the result would not
/// read back as `new`), the container is printed whole ([`container_yaml`]).
pub fn edit_yaml(text: &str, old: &EphemeralContainer, new: &EphemeralContainer) -> String {
    let want = shown(new);
    let edited = crate::yaml_edit::edit(text, &shown(old), &want).filter(|out| {
        let read = crate::input::read_containers(out, 0);
        read.is_ok_and(|doc| doc.containers.len() == 1 && shown(&doc.containers[0]) == want)
    });
    edited.unwrap_or_else(|| container_yaml(new))
}

/// The annotation that names a pod's default container (`kubectl.kubernetes.io/default-container`),
/// which `kubectl exec`, `logs` and `attach` use when no container is named.
pub const DEFAULT_CONTAINER_ANNOTATION: &str = "kubectl.kubernetes.io/default-container";

/// The container a debugger most likely means to target in `pod`: the one its
/// default-container annotation names (when the pod has it), else the first running container,
/// else the first container. `None` for a pod without containers.
pub fn default_target(pod: &Pod) -> Option<String> {
    let containers = &pod.spec.as_ref()?.containers;
    let annotated = pod.metadata.annotations.as_ref().and_then(|a| a.get(DEFAULT_CONTAINER_ANNOTATION));
    let running = |name: &str| {
        let statuses = pod.status.as_ref().and_then(|s| s.container_statuses.as_ref());
        statuses.into_iter().flatten().any(|s| s.name == name && s.state.as_ref().is_some_and(|st| st.running.is_some()))
    };
    containers
        .iter()
        .find(|c| Some(&c.name) == annotated)
        .or_else(|| containers.iter().find(|c| running(&c.name)))
        .or_else(|| containers.first())
        .map(|c| c.name.clone())
}

/// The target's volume mounts, for an ephemeral container: `subPath` and `subPathExpr` are
/// forbidden there (R-10, R-11), so a mount that uses them is taken whole, and each such
/// change is explained.
pub fn target_mounts(pod: &Pod, target: &str) -> (Vec<MountRow>, Vec<String>) {
    let Some(spec) = pod.spec.as_ref() else { return (Vec::new(), Vec::new()) };
    let Some(ctr): Option<&Container> = spec.containers.iter().chain(spec.init_containers.iter().flatten()).find(|c| c.name == target)
    else {
        return (Vec::new(), Vec::new());
    };
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    for m in ctr.volume_mounts.iter().flatten() {
        let sub = m.sub_path.as_deref().filter(|s| !s.is_empty()).or(m.sub_path_expr.as_deref().filter(|s| !s.is_empty()));
        if let Some(sub) = sub {
            // Not at the target's path: the whole volume there would be a directory where the
            // target has one file (or one folder of the volume).
            let path = format!("/debug{}", m.mount_path);
            let file = format!("{}/{sub}", path.trim_end_matches('/'));
            notes.push(format!(
                "{} is mounted at {} with subPath {sub_q} in {target}: ephemeral containers cannot use subPath, so the whole volume is mounted at {path} instead; what {target} sees at {} is at {file}.",
                m.name, m.mount_path, m.mount_path, sub_q = go_quote(sub)
            ));
            if rows.iter().any(|r: &MountRow| r.name == m.name) {
                continue;
            }
            rows.push(MountRow { name: m.name.clone(), mount_path: path, read_only: true });
            continue;
        }
        rows.push(MountRow { name: m.name.clone(), mount_path: m.mount_path.clone(), read_only: m.read_only == Some(true) });
    }
    (rows, notes)
}

/// Splits shell words the POSIX way: spaces separate, single quotes are literal, double
/// quotes allow `\"` `\\` `\$` `` \` ``, a backslash outside quotes escapes the next
/// character. An unclosed quote is an error naming where it opens.
pub fn split_words(s: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            ' ' | '\t' | '\n' => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some((_, '\'')) => break,
                        Some((_, c)) => cur.push(c),
                        None => return Err(format!("the single quote at character {} is not closed", i + 1)),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some((_, '"')) => break,
                        Some((_, '\\')) => match chars.peek() {
                            Some((_, c @ ('"' | '\\' | '$' | '`'))) => {
                                cur.push(*c);
                                chars.next();
                            }
                            _ => cur.push('\\'),
                        },
                        Some((_, c)) => cur.push(c),
                        None => return Err(format!("the double quote at character {} is not closed", i + 1)),
                    }
                }
            }
            '\\' => {
                in_word = true;
                match chars.next() {
                    Some((_, '\n')) => {}
                    Some((_, c)) => cur.push(c),
                    None => cur.push('\\'),
                }
            }
            c => {
                in_word = true;
                cur.push(c);
            }
        }
    }
    if in_word {
        words.push(cur);
    }
    Ok(words)
}

/// Joins words so that [`split_words`] gives them back: each word as a POSIX shell quotes it
/// when [`split_words`] reads that back as the word, and single-quoted as it is otherwise. The
/// shell's form writes control and invisible characters through `"$(printf '\001')"`, a
/// command substitution that [`split_words`] does not run (and a NUL, which no shell can
/// carry, has no form at all); inside single quotes [`split_words`] takes every character
/// as it is.
pub fn join_words(words: &[String]) -> String {
    words.iter().map(|w| join_word(w)).collect::<Vec<_>>().join(" ")
}

fn join_word(w: &str) -> String {
    match shell::quote(Shell::Posix, w) {
        Ok(quoted) if split_words(&quoted).is_ok_and(|back| back.len() == 1 && back[0] == w) => quoted,
        _ => format!("'{}'", w.replace('\'', r"'\''")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip() {
        assert_eq!(split_words("sh -c 'echo hi; ls'").unwrap(), ["sh", "-c", "echo hi; ls"]);
        assert_eq!(split_words(r#"a "b \"c\"" d\ e"#).unwrap(), ["a", "b \"c\"", "d e"]);
        assert_eq!(split_words("''").unwrap(), [""]);
        assert!(split_words("echo 'oops").is_err());
        for w in [vec!["sh".to_owned(), "-c".to_owned(), "echo 'x' \"$HOME\"".to_owned()], vec![String::new(), "a b".to_owned()]] {
            assert_eq!(split_words(&join_words(&w)).unwrap(), w);
        }
    }

    #[test]
    fn words_with_control_characters_round_trip() {
        // The shell's quoting writes these through `"$(printf …)"`, which split_words does
        // not run: joined, they came back as the text of a printf command.
        let w: Vec<String> =
            ["\u{1}\u{2}", "a\tb", "it's\u{1b}[0m", "nul\0byte", "\r\n", "\u{7f}\u{85}", "^x\n^y", "soft\u{ad}hyphen", "\u{200b}\u{feff}"]
                .map(str::to_owned)
                .into();
        assert_eq!(split_words(&join_words(&w)).unwrap(), w);
        assert_eq!(join_words(&["a\tb".to_owned(), "it's".to_owned()]), "'a\tb' 'it'\\''s'");
    }

    #[test]
    fn the_default_target_is_the_annotated_then_the_first_running_container() {
        let pod = |annotation: Option<&str>, running: &[&str]| -> Pod {
            let statuses: Vec<serde_json::Value> =
                ["init", "app", "sidecar"].iter().map(|n| serde_json::json!({"name": n, "state": if running.contains(n) { serde_json::json!({"running": {}}) } else { serde_json::json!({"waiting": {}}) }})).collect();
            serde_json::from_value(serde_json::json!({
                "metadata": {"name": "p", "annotations": annotation.map(|a| serde_json::json!({DEFAULT_CONTAINER_ANNOTATION: a}))},
                "spec": {"containers": [{"name": "init"}, {"name": "app"}, {"name": "sidecar"}]},
                "status": {"containerStatuses": statuses},
            }))
            .unwrap()
        };
        assert_eq!(default_target(&pod(Some("sidecar"), &["app"])).as_deref(), Some("sidecar"));
        assert_eq!(
            default_target(&pod(Some("gone"), &["app"])).as_deref(),
            Some("app"),
            "an annotation naming no container is not followed"
        );
        assert_eq!(default_target(&pod(None, &["app", "sidecar"])).as_deref(), Some("app"));
        assert_eq!(default_target(&pod(None, &[])).as_deref(), Some("init"));
        assert_eq!(default_target(&Pod::default()), None);
    }

    #[test]
    fn a_target_mount_with_a_sub_path_is_copied_whole_under_debug_and_the_note_says_where() {
        let pod: Pod = serde_json::from_value(serde_json::json!({
            "spec": {"containers": [{"name": "app", "volumeMounts": [
                {"name": "config", "mountPath": "/etc/app/app.conf", "subPath": "app.conf"},
                {"name": "data", "mountPath": "/var/data", "readOnly": true},
            ]}]},
        }))
        .unwrap();
        let (rows, notes) = target_mounts(&pod, "app");
        assert_eq!(
            rows,
            [
                MountRow { name: "config".into(), mount_path: "/debug/etc/app/app.conf".into(), read_only: true },
                MountRow { name: "data".into(), mount_path: "/var/data".into(), read_only: true },
            ]
        );
        assert_eq!(
            notes,
            ["config is mounted at /etc/app/app.conf with subPath \"app.conf\" in app: ephemeral containers cannot use subPath, so the whole volume is mounted at /debug/etc/app/app.conf instead; what app sees at /etc/app/app.conf is at /debug/etc/app/app.conf/app.conf."]
        );
    }

    #[test]
    fn a_form_edit_changes_only_its_key_in_the_yaml() {
        let text = "# debugging the payments app\nname: dbg\nimage: busybox:1.36   # pinned\ntargetContainerName: app\nsecurityContext:\n  runAsUser: 1000\n  runAsGroup: 3000\ncommand: [sh, -c, 'sleep 1d']\n";
        let base = crate::input::read_containers(text, 0).unwrap().containers.remove(0);
        let mut d = Draft::from_container(&base);
        assert_eq!(d.profile, Some(Profile::Baseline));
        d.name = "dbg-2".into();
        d.profile = Some(Profile::Restricted);
        let ec = d.apply(&base);
        let out = edit_yaml(text, &base, &ec);
        assert_eq!(
            out,
            "# debugging the payments app\nname: dbg-2\nimage: busybox:1.36   # pinned\ntargetContainerName: app\nsecurityContext:\n  allowPrivilegeEscalation: false\n  capabilities:\n    drop:\n    - ALL\n  runAsNonRoot: true\n  runAsUser: 1000\n  runAsGroup: 3000\n  seccompProfile:\n    type: RuntimeDefault\ncommand: [sh, -c, 'sleep 1d']\n"
        );
        // And back: the profile's keys go, the user's stay.
        let back = crate::input::read_containers(&out, 0).unwrap().containers.remove(0);
        let mut d = Draft::from_container(&back);
        assert_eq!(d.profile, Some(Profile::Restricted));
        d.profile = Some(Profile::Baseline);
        assert_eq!(edit_yaml(&out, &back, &d.apply(&back)), text.replace("dbg", "dbg-2"));
        // Text that is not a mapping is printed whole.
        assert_eq!(edit_yaml("- name: a\n", &base, &ec), container_yaml(&ec));
    }

    #[test]
    fn profiles_are_recognised() {
        for p in [Profile::General, Profile::Baseline, Profile::Restricted, Profile::Netadmin, Profile::Sysadmin] {
            assert_eq!(Profile::of(p.security_context().as_ref()), p);
        }
        // A field no profile sets does not make it another profile.
        let user = SecurityContext { run_as_user: Some(1000), ..Default::default() };
        assert_eq!(Profile::of(Some(&user)), Profile::Baseline);
        let restricted = Profile::Restricted.apply_to(Some(&user));
        assert_eq!(restricted.as_ref().and_then(|s| s.run_as_user), Some(1000));
        assert_eq!(Profile::of(restricted.as_ref()), Profile::Restricted);
        // Switching keeps what the profile does not own, and drops what it does.
        let general = Profile::General.apply_to(restricted.as_ref()).unwrap();
        assert_eq!((general.run_as_user, general.run_as_non_root, general.allow_privilege_escalation), (Some(1000), None, None));
        assert_eq!(Profile::Baseline.apply_to(Profile::General.security_context().as_ref()), None);
        let custom =
            SecurityContext { capabilities: Some(Capabilities { add: Some(vec!["SYS_ADMIN".into()]), drop: None }), ..Default::default() };
        assert_eq!(Profile::of(Some(&custom)), Profile::Custom);
        assert_eq!(Profile::Custom.apply_to(Some(&custom)), Some(custom));
    }

    #[test]
    fn the_form_keeps_what_it_does_not_show() {
        let base: EphemeralContainer = serde_json::from_str(
            r#"{"name":"a","image":"busybox:1.36","workingDir":"/tmp","env":[{"name":"T","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}}],
               "securityContext":{"runAsUser":1000}}"#,
        )
        .unwrap();
        let mut d = Draft::from_container(&base);
        assert_eq!(d.profile, Some(Profile::Baseline));
        d.name = "dbg".into();
        d.command = "sleep 1d".into();
        d.env.push(EnvRow { name: "A".into(), value: "1".into() });
        d.stdin = true;
        let ec = d.apply(&base);
        assert_eq!(ec.working_dir.as_deref(), Some("/tmp"));
        assert_eq!(ec.command.as_deref(), Some(&["sleep".to_owned(), "1d".to_owned()][..]));
        assert_eq!(ec.env.as_ref().unwrap().len(), 2);
        assert_eq!(ec.security_context.as_ref().unwrap().run_as_user, Some(1000));
        assert_eq!(Draft::from_container(&ec), d);
        let yaml = container_yaml(&ec);
        assert!(yaml.starts_with("command:\n- sleep\n- 1d\n"), "{yaml}");
    }
}
