//! Where a namespace's Pod Security policy comes from: the namespace itself, as
//! `kubectl get ns NAME -o yaml|json` prints it, and the short form people write
//! (`enforce=restricted:v1.30,warn=baseline`), which the CLI's `--pod-security` and the
//! playground's options take.

use std::collections::BTreeMap;

use super::{Level, Version, LABEL_PREFIX};
use crate::diag::go_quote;
use crate::node::{self, Node, Pos, Value};

/// The modes, as the short form and the labels name them.
pub const MODES: [&str; 3] = ["enforce", "warn", "audit"];

/// A namespace text that cannot be read, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamespaceError {
    pub pos: Pos,
    pub message: String,
}

/// The labels of the namespace in `text` (a `Namespace`, or a `v1 List` holding one).
pub fn namespace_labels(text: &str) -> Result<BTreeMap<String, String>, NamespaceError> {
    let err = |pos: Pos, message: &str| NamespaceError { pos, message: message.to_owned() };
    let root = node::parse(text).map_err(|e| NamespaceError { pos: e.pos, message: e.message })?;
    let ns = match root.get("kind").and_then(Node::as_str) {
        Some("List" | "NamespaceList") => match root.get("items").and_then(Node::as_seq).unwrap_or_default() {
            [one] => one,
            _ => return Err(err(root.pos, "the List must hold exactly one Namespace")),
        },
        _ => &root,
    };
    match (&ns.value, ns.entry("kind")) {
        (Value::Map(_), Some((_, kind))) if kind.as_str() == Some("Namespace") => {}
        (Value::Map(_), Some((key, kind))) => {
            return Err(err(key.pos, &format!("expected kind Namespace, found {}", kind.as_str().unwrap_or("something else"))))
        }
        (Value::Map(_), None) => return Err(err(ns.pos, "no kind: give the namespace as `kubectl get ns NAME -o yaml` prints it")),
        _ => return Err(err(ns.pos, &format!("expected a Namespace object, found a {}", ns.kind()))),
    }
    let mut labels = BTreeMap::new();
    if let Some(Value::Map(entries)) = ns.get("metadata").and_then(|m| m.get("labels")).map(|l| &l.value) {
        for (k, v) in entries.iter() {
            match v.as_str() {
                Some(s) => labels.insert(k.name.to_string(), s.to_owned()),
                None => return Err(err(v.pos, &format!("label {} must be a string", k.name))),
            };
        }
    }
    Ok(labels)
}

/// `labels` with the modes the short form `spec` names set instead (a mode it names replaces
/// both labels of that mode; the others stay): `enforce=restricted:v1.30,warn=baseline`.
pub fn with_short_form(mut labels: BTreeMap<String, String>, spec: &str) -> Result<BTreeMap<String, String>, String> {
    for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (mode, value) = part
            .split_once('=')
            .ok_or_else(|| format!("{part_q} is not MODE=LEVEL[:VERSION] (e.g. enforce=restricted:v1.30)", part_q = go_quote(part)))?;
        if !MODES.contains(&mode) {
            return Err(format!("{mode_q} is not a Pod Security mode: enforce, warn or audit", mode_q = go_quote(mode)));
        }
        let (level, version) = match value.split_once(':') {
            Some((l, v)) => (l, Some(v)),
            None => (value, None),
        };
        Level::parse(level).ok_or_else(|| {
            format!("{level_q} is not a Pod Security level: privileged, baseline or restricted", level_q = go_quote(level))
        })?;
        if let Some(v) = version {
            Version::parse(v)
                .ok_or_else(|| format!("{v_q} is not a Pod Security version: latest or v1.N (e.g. v1.30)", v_q = go_quote(v)))?;
        }
        labels.insert(format!("{LABEL_PREFIX}{mode}"), level.to_owned());
        match version {
            Some(v) => labels.insert(format!("{LABEL_PREFIX}{mode}-version"), v.to_owned()),
            None => labels.remove(&format!("{LABEL_PREFIX}{mode}-version")),
        };
    }
    Ok(labels)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_namespace_as_kubectl_prints_it() {
        let yaml = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    kubernetes.io/metadata.name: shop\n    pod-security.kubernetes.io/enforce: restricted\n    pod-security.kubernetes.io/enforce-version: v1.30\nspec:\n  finalizers: [kubernetes]\nstatus:\n  phase: Active\n";
        let labels = namespace_labels(yaml).unwrap();
        assert_eq!(labels["pod-security.kubernetes.io/enforce"], "restricted");
        let json = r#"{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"a","labels":{"pod-security.kubernetes.io/warn":"baseline"}}}]}"#;
        assert_eq!(namespace_labels(json).unwrap()["pod-security.kubernetes.io/warn"], "baseline");
        let e = namespace_labels("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n").unwrap_err();
        assert_eq!((e.pos.line, e.message.as_str()), (2, "expected kind Namespace, found Pod"));
        assert!(namespace_labels("kind: Namespace\nmetadata:\n  labels: {a: 1}\n").unwrap_err().message.contains("must be a string"));
        assert!(namespace_labels("kind: Namespace\nmetadata: {name: x}\n").unwrap().is_empty());
    }

    #[test]
    fn the_short_form_replaces_the_modes_it_names() {
        let ns: BTreeMap<String, String> = [
            ("pod-security.kubernetes.io/enforce", "baseline"),
            ("pod-security.kubernetes.io/enforce-version", "v1.25"),
            ("pod-security.kubernetes.io/audit", "restricted"),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .into();
        let merged = with_short_form(ns, "enforce=restricted, warn=baseline:latest").unwrap();
        assert_eq!(merged["pod-security.kubernetes.io/enforce"], "restricted");
        assert_eq!(merged.get("pod-security.kubernetes.io/enforce-version"), None, "the flag's mode replaces both labels");
        assert_eq!(merged["pod-security.kubernetes.io/warn-version"], "latest");
        assert_eq!(merged["pod-security.kubernetes.io/audit"], "restricted", "other modes stay");
        for (bad, says) in [
            ("enforce", "MODE=LEVEL"),
            ("deny=restricted", "not a Pod Security mode"),
            ("enforce=strict", "not a Pod Security level"),
            ("warn=baseline:1.30", "not a Pod Security version"),
        ] {
            assert!(with_short_form(BTreeMap::new(), bad).unwrap_err().contains(says), "{bad}");
        }
    }
}
