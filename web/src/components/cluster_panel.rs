//! The Cluster panel: the API server the request goes to (its version and
//! `--allow-privileged`) and the Pod Security labels of the pod's namespace, chosen with
//! selects or read from the namespace as `kubectl get ns NAME -o yaml` prints it
//! (`ecplay_core::Cluster`, which the CLI's `--kube-version`, `--allow-privileged`,
//! `--namespace` and `--pod-security` make too). It starts collapsed to its one summary line,
//! so that the composer stays on the first screen.

use std::rc::Rc;

use ecplay_core::admission::{namespace_labels, Level, Version};
use ecplay_core::cluster::{level_label, version_label};
use ecplay_core::{Cluster, KUBE_MINORS};
use yew::prelude::*;

use super::{checked, select_value};
use crate::hooks::use_select_value;

#[derive(Properties, PartialEq)]
pub struct ClusterPanelProps {
    pub cluster: Cluster,
    /// The namespace as pasted.
    pub namespace: Rc<str>,
    /// What Pod Security admission waits for, or why it cannot run (the module that runs it
    /// is loaded on demand).
    #[prop_or_default]
    pub admission_note: Option<String>,
    pub on_cluster: Callback<Cluster>,
    pub on_namespace: Callback<String>,
}

/// The value a mode's level select shows: the label's value (`""` when there is none).
fn level_value(c: &Cluster, mode: &str) -> String {
    c.labels.get(&level_label(mode)).cloned().unwrap_or_default()
}

/// One select's options: `(value, text)`, with the label's own value added when it is none of
/// them (a namespace's label the library cannot read, or reads otherwise).
fn options(fixed: Vec<(String, String)>, current: &str, said: impl Fn(&str) -> String) -> Vec<(String, String)> {
    let mut all = fixed;
    if !all.iter().any(|(v, _)| v == current) {
        all.push((current.to_owned(), said(current)));
    }
    all
}

#[component]
pub fn ClusterPanel(props: &ClusterPanelProps) -> Html {
    let c = &props.cluster;
    let change = |f: fn(&mut Cluster, &Event)| {
        let (cluster, on_cluster) = (c.clone(), props.on_cluster.clone());
        Callback::from(move |e: Event| {
            let mut next = cluster.clone();
            f(&mut next, &e);
            on_cluster.emit(next);
        })
    };
    let on_kube = change(|c, e| c.kube_minor = select_value(e).parse().unwrap_or(c.kube_minor));
    let on_allow = change(|c, e| c.allow_privileged = checked(e));
    // The level "privileged" and the version "latest" are the library's defaults: no label.
    let on_level = change(|c, e| {
        let v = select_value(e);
        c.set_label(level_label("enforce"), Some(v.as_str()).filter(|v| !v.is_empty() && *v != "privileged"));
    });
    let on_version = change(|c, e| {
        let v = select_value(e);
        c.set_label(version_label("enforce"), Some(v.as_str()).filter(|v| !v.is_empty() && *v != "latest"));
    });
    let on_warn = change(|c, e| {
        let v = select_value(e);
        c.set_label(level_label("warn"), Some(v.as_str()).filter(|v| !v.is_empty()));
    });
    let on_namespace = props.on_namespace.reform(|e: InputEvent| e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value());

    let level = level_value(c, "enforce");
    let version = c.labels.get(&version_label("enforce")).cloned().unwrap_or_default();
    let warn = level_value(c, "warn");
    let invalid = |v: &str| format!("“{v}” (not a level: read as restricted)");
    let level_options = options(
        vec![("".into(), "privileged".into()), ("baseline".into(), "baseline".into()), ("restricted".into(), "restricted".into())],
        if level == "privileged" { "" } else { &level },
        invalid,
    );
    let mut versions = vec![("".to_owned(), "latest".to_owned())];
    versions.extend(KUBE_MINORS.rev().map(|m| (format!("v1.{m}"), format!("v1.{m}"))));
    let version_options = options(versions, if version == "latest" { "" } else { &version }, |v| match Version::parse(v) {
        Some(_) => v.to_owned(),
        None => format!("“{v}” (not a version: read as latest)"),
    });
    // Without a warn label of its own, warn follows a stricter enforce level (from 1.26).
    let warn_read = c.policy().policy.warn;
    let none =
        if warn.is_empty() && warn_read.level != Level::Privileged { format!("none (as enforce: {warn_read})") } else { "none".to_owned() };
    let warn_options =
        options(vec![("".into(), none), ("baseline".into(), "baseline".into()), ("restricted".into(), "restricted".into())], &warn, |v| {
            match Level::parse(v) {
                Some(Level::Privileged) => "privileged (none)".to_owned(),
                _ => format!("“{v}” (not a level: no warnings)"),
            }
        });
    let kube_ref = use_select_value(&c.kube_minor.to_string());
    let level_ref = use_select_value(if level == "privileged" { "" } else { &level });
    let version_ref = use_select_value(if version == "latest" { "" } else { &version });
    let warn_ref = use_select_value(&warn);

    // The namespace as pasted: what it gave, or where it goes wrong.
    let namespace_said = (!props.namespace.trim().is_empty()).then(|| match namespace_labels(&props.namespace) {
        Ok(labels) if labels.keys().any(|k| k.starts_with(ecplay_core::admission::LABEL_PREFIX)) => {
            (false, "Its Pod Security labels are the namespace's above.".to_owned())
        }
        Ok(_) => (false, "It has no Pod Security labels: the namespace is privileged.".to_owned()),
        Err(e) => (true, format!("line {}, column {}: {} (the labels above are unchanged)", e.pos.line, e.pos.column, e.message)),
    });
    let select = |id: &'static str,
                  label: &'static str,
                  node: NodeRef,
                  onchange: Callback<Event>,
                  opts: Vec<(String, String)>,
                  current: String| {
        html! {
            <div class="field">
                <label for={id}>{ label }</label>
                <select {id} ref={node} {onchange}>
                    { for opts.into_iter().map(|(v, text)| { let selected = v == current; html! { <option {selected} value={v}>{ text }</option> } }) }
                </select>
            </div>
        }
    };
    let kube_options: Vec<(String, String)> = KUBE_MINORS.rev().map(|m| (m.to_string(), format!("1.{m}"))).collect();
    html! {
        <details class="panel cluster">
            <summary>
                <h2 id="cluster-heading">{ "Cluster" }</h2>
                <span class="cluster-summary">{ c.summary() }</span>
            </summary>
            <div class="form" role="group" aria-labelledby="cluster-heading">
                { select("c-kube", "Kubernetes version", kube_ref, on_kube, kube_options, c.kube_minor.to_string()) }
                { select("c-psa", "Pod Security level", level_ref, on_level, level_options, if level == "privileged" { String::new() } else { level.clone() }) }
                { select("c-psa-version", "Pod Security version", version_ref, on_version, version_options, if version == "latest" { String::new() } else { version.clone() }) }
                { select("c-psa-warn", "Pod Security warn level", warn_ref, on_warn, warn_options, warn.clone()) }
                <div class="field checks">
                    <label class="inline"><input id="c-privileged" type="checkbox" checked={c.allow_privileged} onchange={on_allow} />{ "Allow privileged containers" }</label>
                </div>
            </div>
            if let Some(note) = &props.admission_note {
                <p class="note" aria-live="polite">{ note.clone() }</p>
            }
            <div class="field">
                <label for="c-namespace">{ "Or paste the namespace (kubectl get ns NAME -o yaml): its Pod Security labels replace the choices above" }</label>
                <textarea id="c-namespace" class="namespace" rows="4" spellcheck="false" value={props.namespace.to_string()} oninput={on_namespace}
                    placeholder="apiVersion: v1\nkind: Namespace\nmetadata:\n  labels:\n    pod-security.kubernetes.io/enforce: restricted" />
                if let Some((problem, text)) = namespace_said {
                    <p class={classes!("note", problem.then_some("problem"))}>{ text }</p>
                }
            </div>
        </details>
    }
}

/// `cluster` with an embed's options (`kube=1.30`, `psa=restricted`, `psa-version=v1.30`,
/// `psa-warn=restricted`, `allow-privileged=false`: `Cluster::set_option`); a value that is
/// not one is left out.
pub fn with_options(mut cluster: Cluster, options: &[(String, String)]) -> Cluster {
    for (k, v) in options {
        let _ = cluster.set_option(k, v);
    }
    cluster
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn an_embeds_options_set_the_cluster() {
        let c = with_options(
            Cluster::default(),
            &opts(&[("kube", "1.30"), ("psa", "restricted"), ("psa-warn", "restricted"), ("allow-privileged", "false")]),
        );
        assert_eq!((c.kube_minor, c.allow_privileged), (30, false));
        assert_eq!(
            c.summary(),
            "Kubernetes 1.30 · Pod Security: enforce restricted:latest, warn restricted:latest · privileged containers refused"
        );
        let c = with_options(c, &opts(&[("psa-version", "v1.28"), ("psa-warn", "none")]));
        assert_eq!(c.labels.get(&version_label("enforce")).map(String::as_str), Some("v1.28"));
        assert!(!c.labels.contains_key(&level_label("warn")));
        // What is not a value is left out.
        let same = with_options(c.clone(), &opts(&[("kube", "1.12"), ("psa", "strict"), ("psa-version", "1.30"), ("psa-warn", "loud")]));
        assert_eq!(same, c);
        assert_eq!(with_options(c, &opts(&[("psa", "privileged")])).labels.get(&level_label("enforce")), None);
    }
}
