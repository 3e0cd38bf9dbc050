//! The cluster a request is judged against, as a person describes it: the API server's
//! version, its `--allow-privileged`, and the Pod Security labels of the pod's namespace.
//! One home for what the CLI's flags, the playground's Cluster panel, its storage and its
//! share links say about the cluster, so that the same cluster is written the same way
//! everywhere and makes the same [`Options`].
//!
//! As JSON (a share link's keys, what the page keeps, what the page's module loaded on demand
//! is handed), every key is left out when it is the default, so that a link made for the
//! default cluster is the link made before clusters were written into links:
//! `{"kube": 30, "allowPrivileged": false, "labels": {"pod-security.kubernetes.io/enforce": "restricted"}}`.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::admission::{self, Level, NamespacePolicy, Policy, Version, LABEL_PREFIX};
use crate::validate::Options;
use crate::versions::{KUBE_MINORS, LATEST_KUBE_MINOR};

/// The namespace label of a Pod Security mode's level (`enforce`, `warn`, `audit`).
pub fn level_label(mode: &str) -> String {
    format!("{LABEL_PREFIX}{mode}")
}

/// The namespace label of a Pod Security mode's version.
pub fn version_label(mode: &str) -> String {
    format!("{LABEL_PREFIX}{mode}-version")
}

/// The options of an embed's address that set its cluster ([`Cluster::set_option`];
/// `embed.rs` reads them with the embed's others).
pub const EMBED_OPTIONS: [&str; 5] = ["kube", "psa", "psa-version", "psa-warn", "allow-privileged"];

/// A cluster: what the API server is and what the pod's namespace asks of Pod Security.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cluster {
    /// The API server's minor version, one of [`KUBE_MINORS`].
    pub kube_minor: u32,
    /// The API server's `--allow-privileged`.
    pub allow_privileged: bool,
    /// The namespace's Pod Security labels (`pod-security.kubernetes.io/…`) as the namespace
    /// carries them, invalid values and all: the library reads them ([`Cluster::options`]).
    /// None: the namespace is `privileged`, and admission admits everything.
    pub labels: BTreeMap<String, String>,
}

impl Default for Cluster {
    /// The newest modelled release, privileged containers allowed (kubeadm's and kind's
    /// setting), and a namespace without Pod Security labels.
    fn default() -> Cluster {
        Cluster { kube_minor: LATEST_KUBE_MINOR, allow_privileged: true, labels: BTreeMap::new() }
    }
}

impl Cluster {
    /// Whether nothing differs from [`Cluster::default`].
    pub fn is_default(&self) -> bool {
        *self == Cluster::default()
    }

    /// The options a request to this cluster is judged with (field validation as the default).
    pub fn options(&self) -> Options {
        Options { kube_minor: self.kube_minor, allow_privileged: self.allow_privileged, pod_security: self.policy(), ..Options::default() }
    }

    /// The namespace's policy as the Pod Security library on this API server reads the labels.
    pub fn policy(&self) -> NamespacePolicy {
        NamespacePolicy::from_labels(&self.labels, &Policy::default(), self.kube_minor)
    }

    /// Whether Pod Security admission has anything to do: some mode is not `privileged`, or a
    /// label cannot be read (the library then evaluates the pod).
    pub fn pod_security_on(&self) -> bool {
        !self.labels.is_empty() && !self.policy().fully_privileged()
    }

    /// The Pod Security labels of the namespace in `text` (as `kubectl get ns NAME -o
    /// yaml|json` prints it) instead of these; its other labels are not kept.
    pub fn read_namespace(&mut self, text: &str) -> Result<(), admission::NamespaceError> {
        let labels = admission::namespace_labels(text)?;
        self.labels = labels.into_iter().filter(|(k, _)| k.starts_with(LABEL_PREFIX)).collect();
        Ok(())
    }

    /// The modes the short form `spec` names (`enforce=restricted:v1.30,warn=baseline`) set
    /// instead of those labels, as `--pod-security` sets them over `--namespace`.
    pub fn set_short_form(&mut self, spec: &str) -> Result<(), String> {
        self.labels = admission::with_short_form(std::mem::take(&mut self.labels), spec)?;
        Ok(())
    }

    /// Sets (or, with `None`, takes out) one label.
    pub fn set_label(&mut self, label: String, value: Option<&str>) {
        match value {
            Some(v) => self.labels.insert(label, v.to_owned()),
            None => self.labels.remove(&label),
        };
    }

    /// Puts this cluster's keys into `map`, each only when it is not the default.
    pub fn write(&self, map: &mut Map<String, Value>) {
        if self.kube_minor != LATEST_KUBE_MINOR {
            map.insert("kube".into(), self.kube_minor.into());
        }
        if !self.allow_privileged {
            map.insert("allowPrivileged".into(), false.into());
        }
        if !self.labels.is_empty() {
            let labels = self.labels.iter().map(|(k, v)| (k.clone(), Value::from(v.as_str()))).collect();
            map.insert("labels".into(), Value::Object(labels));
        }
    }

    /// The cluster an object written by [`Cluster::write`] describes. What is missing or not
    /// understood is the default; a version outside [`KUBE_MINORS`] is brought to the
    /// nearest; labels other than Pod Security's and values that are not strings are left out.
    pub fn read(v: &Value) -> Cluster {
        let d = Cluster::default();
        let kube_minor = v
            .get("kube")
            .and_then(Value::as_u64)
            .map_or(d.kube_minor, |m| u32::try_from(m).unwrap_or(u32::MAX).clamp(*KUBE_MINORS.start(), *KUBE_MINORS.end()));
        let labels = v
            .get("labels")
            .and_then(Value::as_object)
            .map(|o| {
                o.iter()
                    .filter(|(k, _)| k.starts_with(LABEL_PREFIX))
                    .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned())))
                    .collect()
            })
            .unwrap_or_default();
        Cluster { kube_minor, allow_privileged: v.get("allowPrivileged").and_then(Value::as_bool).unwrap_or(d.allow_privileged), labels }
    }

    /// The level a mode's label gives, as the library reads it on this server (`None`: the
    /// label is invalid), and whether the label is there at all.
    pub fn level(&self, mode: &str) -> (Option<Level>, bool) {
        match self.labels.get(&level_label(mode)) {
            Some(v) => (Level::parse(v), true),
            None => (Some(Level::Privileged), false),
        }
    }

    /// The version a mode's label gives (`None`: the label is invalid; `latest` without one).
    pub fn version(&self, mode: &str) -> Option<Version> {
        self.labels.get(&version_label(mode)).map_or(Some(Version::Latest), |v| Version::parse(v))
    }

    /// Sets what one of an embed's [`EMBED_OPTIONS`] says (`kube=1.30`, `psa=restricted`,
    /// `psa-version=v1.30`, `psa-warn=restricted`, `allow-privileged=false`): the level
    /// `privileged`, the warn level `none` and the version `latest` take the label out, as the
    /// Cluster panel's selects do. A value that is not one changes nothing: the error lists
    /// what the option takes.
    pub fn set_option(&mut self, name: &str, value: &str) -> Result<(), String> {
        let levels = || Level::ALL.iter().map(|l| l.as_str()).collect::<Vec<_>>().join(", ");
        match name {
            "kube" => {
                self.kube_minor = crate::versions::parse_kube_version(value)
                    .map_err(|_| format!("a Kubernetes version from 1.{} to 1.{LATEST_KUBE_MINOR}", KUBE_MINORS.start()))?
            }
            "allow-privileged" => match value {
                "true" => self.allow_privileged = true,
                "false" => self.allow_privileged = false,
                _ => return Err("true or false".to_owned()),
            },
            "psa" | "psa-warn" => {
                let mode = if name == "psa" { "enforce" } else { "warn" };
                let none = name == "psa-warn" && value == "none";
                if Level::parse(value).is_none() && !none {
                    return Err(if mode == "warn" { format!("none, {}", levels()) } else { levels() });
                }
                self.set_label(level_label(mode), Some(value).filter(|v| !matches!(*v, "privileged" | "none")));
            }
            "psa-version" => {
                Version::parse(value).ok_or_else(|| "latest or v1.N (e.g. v1.30)".to_owned())?;
                self.set_label(version_label("enforce"), Some(value).filter(|v| *v != "latest"));
            }
            _ => return Err(format!("one of {}", EMBED_OPTIONS.join(", "))),
        }
        Ok(())
    }

    /// The cluster in one line: `Kubernetes 1.37 · Pod Security: privileged · privileged
    /// containers allowed`, each mode that is not privileged with its level and version as the
    /// library reads them (`enforce restricted:v1.30, warn baseline:latest`).
    pub fn summary(&self) -> String {
        let policy = self.policy();
        let p = policy.policy;
        let modes: Vec<String> = [("enforce", p.enforce), ("warn", p.warn), ("audit", p.audit)]
            .into_iter()
            .filter(|(_, lv)| lv.level != Level::Privileged)
            .map(|(mode, lv)| format!("{mode} {lv}"))
            .collect();
        let mut psa = if modes.is_empty() { "privileged".to_owned() } else { modes.join(", ") };
        if !policy.errors.is_empty() {
            let n = policy.errors.len();
            psa.push_str(&format!(" ({n} invalid label{}, read as the library reads {})", plural(n), if n == 1 { "it" } else { "them" }));
        }
        let privileged = if self.allow_privileged { "privileged containers allowed" } else { "privileged containers refused" };
        format!("Kubernetes 1.{} · Pod Security: {psa} · {privileged}", self.kube_minor)
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cluster(json: &str) -> Cluster {
        Cluster::read(&serde_json::from_str(json).unwrap())
    }

    fn written(c: &Cluster) -> String {
        let mut m = Map::new();
        c.write(&mut m);
        Value::Object(m).to_string()
    }

    #[test]
    fn the_default_writes_nothing_and_everything_else_reads_back() {
        assert_eq!(written(&Cluster::default()), "{}");
        assert!(Cluster::default().is_default() && !Cluster::default().pod_security_on());
        let mut c = Cluster { kube_minor: 30, allow_privileged: false, ..Cluster::default() };
        c.set_short_form("enforce=restricted:v1.29,warn=baseline").unwrap();
        let text = written(&c);
        assert_eq!(
            text,
            r#"{"allowPrivileged":false,"kube":30,"labels":{"pod-security.kubernetes.io/enforce":"restricted","pod-security.kubernetes.io/enforce-version":"v1.29","pod-security.kubernetes.io/warn":"baseline"}}"#
        );
        assert_eq!(cluster(&text), c);
        let o = c.options();
        assert_eq!((o.kube_minor, o.allow_privileged, o.pod_security.policy.enforce.to_string()), (30, false, "restricted:v1.29".into()));
        assert!(c.pod_security_on());
    }

    #[test]
    fn what_is_not_understood_is_the_default() {
        for bad in ["null", "[]", r#"{"kube": "1.30", "allowPrivileged": "no", "labels": 3}"#] {
            assert_eq!(cluster(bad), Cluster::default(), "{bad}");
        }
        assert_eq!(cluster(r#"{"kube": 12}"#).kube_minor, *KUBE_MINORS.start());
        assert_eq!(cluster(r#"{"kube": 99999999999}"#).kube_minor, LATEST_KUBE_MINOR);
        let odd =
            cluster(r#"{"labels": {"team": "x", "pod-security.kubernetes.io/enforce": "strict", "pod-security.kubernetes.io/warn": 1}}"#);
        assert_eq!(odd.labels.len(), 1, "{odd:?}");
        // An invalid enforce level is read as restricted (the library fails closed).
        assert_eq!(odd.level("enforce"), (None, true));
        assert_eq!(odd.options().pod_security.policy.enforce.level, Level::Restricted);
        assert_eq!(odd.summary(), "Kubernetes 1.37 · Pod Security: enforce restricted:latest (1 invalid label, read as the library reads it) · privileged containers allowed");
    }

    #[test]
    fn an_embeds_options_set_the_cluster() {
        let mut c = Cluster::default();
        for (k, v) in
            [("kube", "1.30"), ("psa", "restricted"), ("psa-version", "v1.29"), ("psa-warn", "restricted"), ("allow-privileged", "false")]
        {
            c.set_option(k, v).unwrap();
        }
        assert_eq!(
            c.summary(),
            "Kubernetes 1.30 · Pod Security: enforce restricted:v1.29, warn restricted:latest · privileged containers refused"
        );
        let back = c.clone();
        // What is not a value changes nothing, and says what the option takes.
        assert_eq!(c.set_option("kube", "1.12").unwrap_err(), "a Kubernetes version from 1.25 to 1.37");
        assert_eq!(c.set_option("psa", "strict").unwrap_err(), "privileged, baseline, restricted");
        assert_eq!(c.set_option("psa-warn", "loud").unwrap_err(), "none, privileged, baseline, restricted");
        assert_eq!(c.set_option("psa-version", "1.30").unwrap_err(), "latest or v1.N (e.g. v1.30)");
        assert_eq!(c.set_option("allow-privileged", "no").unwrap_err(), "true or false");
        assert_eq!(back, c);
        // The defaults take the labels out.
        for (k, v) in
            [("psa", "privileged"), ("psa-version", "latest"), ("psa-warn", "none"), ("kube", "1.37"), ("allow-privileged", "true")]
        {
            c.set_option(k, v).unwrap();
        }
        assert!(c.is_default(), "{c:?}");
    }

    #[test]
    fn a_namespace_gives_its_pod_security_labels_only() {
        let mut c = Cluster::default();
        c.set_short_form("audit=baseline").unwrap();
        let ns = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    kubernetes.io/metadata.name: shop\n    pod-security.kubernetes.io/enforce: baseline\n    pod-security.kubernetes.io/warn: restricted\n    pod-security.kubernetes.io/warn-version: v1.30\n";
        c.read_namespace(ns).unwrap();
        assert_eq!(
            c.labels.keys().map(String::as_str).collect::<Vec<_>>(),
            ["pod-security.kubernetes.io/enforce", "pod-security.kubernetes.io/warn", "pod-security.kubernetes.io/warn-version"]
        );
        assert_eq!(
            c.summary(),
            "Kubernetes 1.37 · Pod Security: enforce baseline:latest, warn restricted:v1.30 · privileged containers allowed"
        );
        let e = c.read_namespace("kind: Pod\n").unwrap_err();
        assert_eq!((e.pos.line, e.message.as_str()), (1, "expected kind Namespace, found Pod"));
        assert_eq!(c.labels.len(), 3, "a namespace that cannot be read changes nothing");
        assert_eq!(Cluster::default().summary(), "Kubernetes 1.37 · Pod Security: privileged · privileged containers allowed");
        // Labels that say privileged in every mode: admission has nothing to do.
        c.labels.clear();
        c.set_label(level_label("enforce"), Some("privileged"));
        assert!(!c.pod_security_on());
        assert_eq!((c.level("enforce"), c.version("enforce")), ((Some(Level::Privileged), true), Some(Version::Latest)));
    }
}
