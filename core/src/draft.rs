//! The playground's form, as a typed view of one ephemeral container.
//!
//! The form shows the fields people set most; the YAML editor shows everything. A
//! [`Draft`] is read from a container ([`Draft::from_container`]) and written back onto it
//! ([`Draft::apply`]) so that whatever the form does not show is kept. The web app builds no
//! Kubernetes JSON itself: it asks this module.

use k8s_openapi::api::core::v1::{Capabilities, Container, EnvVar, EphemeralContainer, Pod, SeccompProfile, SecurityContext, VolumeMount};

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

    /// The profile whose securityContext this is exactly, or `Custom`.
    pub fn of(sc: Option<&SecurityContext>) -> Profile {
        let printed = |sc: Option<&SecurityContext>| {
            let ec = EphemeralContainer { security_context: sc.cloned(), ..Default::default() };
            gojson::marshal(&ec).get("securityContext").cloned()
        };
        let mine = printed(sc);
        for p in [Profile::Baseline, Profile::General, Profile::Restricted, Profile::Netadmin, Profile::Sysadmin] {
            if printed(p.security_context().as_ref()) == mine {
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
        match self.profile {
            Some(Profile::Custom) | None => {}
            Some(p) => ec.security_context = p.security_context(),
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

/// The container as the YAML editor shows it: Go's JSON of it (keys sorted, empty values
/// left out) written as YAML.
pub fn container_yaml(ec: &EphemeralContainer) -> String {
    let mut v = gojson::marshal(ec);
    if let serde_json::Value::Object(m) = &mut v {
        if m.get("resources").is_some_and(|r| r.as_object().is_some_and(serde_json::Map::is_empty)) {
            m.remove("resources");
        }
    }
    yaml::to_yaml(&v)
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
            notes.push(format!(
                "{} is mounted at {} with subPath {sub:?} in {target}: ephemeral containers cannot use subPath, so the whole volume is mounted there; the file is at {}/{sub}.",
                m.name, m.mount_path, m.mount_path
            ));
            let path = format!("/debug{}", m.mount_path);
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
    fn profiles_are_recognised() {
        for p in [Profile::General, Profile::Baseline, Profile::Restricted, Profile::Netadmin, Profile::Sysadmin] {
            assert_eq!(Profile::of(p.security_context().as_ref()), p);
        }
        let custom = SecurityContext { run_as_user: Some(1000), ..Default::default() };
        assert_eq!(Profile::of(Some(&custom)), Profile::Custom);
    }

    #[test]
    fn the_form_keeps_what_it_does_not_show() {
        let base: EphemeralContainer = serde_json::from_str(
            r#"{"name":"a","image":"busybox:1.36","workingDir":"/tmp","env":[{"name":"T","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}}],
               "securityContext":{"runAsUser":1000}}"#,
        )
        .unwrap();
        let mut d = Draft::from_container(&base);
        assert_eq!(d.profile, Some(Profile::Custom));
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
