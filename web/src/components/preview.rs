use ecplay_core::k8s::EphemeralContainer;
use ecplay_core::Report;
use yew::prelude::*;

use crate::hooks::Judged;

#[derive(Properties, PartialEq)]
pub struct PreviewProps {
    pub report: Judged<Report>,
}

/// What the server would store: the ephemeral containers after defaulting, the new ones
/// marked. A request the server refuses stores nothing: the pod stays as it is, and the
/// entries it would have added are shown dimmed, under a title that says so.
#[component]
pub fn Preview(props: &PreviewProps) -> Html {
    if props.report.unusable {
        return html! {};
    }
    let first_new = props.report.first_new;
    let refused = !props.report.valid();
    // Two columns for the mark, then the YAML: ephemeralContainers inside spec.
    let entries = |list: &[EphemeralContainer], mark: &str| {
        let mut lines = Vec::new();
        for ec in list {
            for (j, line) in ecplay_core::draft::container_yaml(ec).lines().enumerate() {
                lines.push(format!("{mark}  {}{line}", if j == 0 { "- " } else { "  " }));
            }
        }
        lines
    };
    let stored = &props.report.stored[..];
    let first_new = first_new.min(stored.len());
    let head = || vec!["  spec:".to_owned(), "    ephemeralContainers:".to_owned()];
    let show = |lines: &[String]| {
        lines
            .iter()
            .map(|l| html! { <span class={if l.starts_with('+') { "add" } else { "same" }}>{ format!("{l}\n") }</span> })
            .collect::<Html>()
    };
    if !refused {
        let mut lines = head();
        lines.extend(entries(&stored[..first_new], "  "));
        lines.extend(entries(&stored[first_new..], "+ "));
        return html! {
            <section class="panel" aria-labelledby="preview-heading">
                <h2 id="preview-heading">{ "What the pod will hold" }</h2>
                <p class="note">{ "spec.ephemeralContainers after the server's defaulting; lines marked + are new." }</p>
                <pre class="diff">{ show(&lines) }</pre>
            </section>
        };
    }
    // What the pod holds now: its own list, whatever the request says.
    let now =
        props.report.pod.as_ref().and_then(|p| p.pod.spec.as_ref()).and_then(|s| s.ephemeral_containers.as_deref()).unwrap_or_default();
    let kept = entries(now, "  ");
    let would = entries(&stored[first_new..], "  ");
    html! {
        <section class="panel" aria-labelledby="preview-heading">
            <h2 id="preview-heading">{ "What the pod will hold" }</h2>
            <p class="note problem">{ "The server refuses this request: the pod stays unchanged." }</p>
            if kept.is_empty() {
                <p class="note">{ "It has no ephemeral containers, and keeps none." }</p>
            } else {
                <pre class="diff">{ show(&[head(), kept].concat()) }</pre>
            }
            if !would.is_empty() {
                <h3 id="preview-would">{ "Not added: what the request would add if it were accepted" }</h3>
                <pre class="diff would" aria-labelledby="preview-would" aria-disabled="true">{ show(&would) }</pre>
            }
        </section>
    }
}
