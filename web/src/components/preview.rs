use ecplay_core::Report;
use yew::prelude::*;

use crate::hooks::Judged;

#[derive(Properties, PartialEq)]
pub struct PreviewProps {
    pub report: Judged<Report>,
}

/// What the server would store: the ephemeral containers after defaulting, the new ones marked.
#[component]
pub fn Preview(props: &PreviewProps) -> Html {
    if props.report.unusable {
        return html! {};
    }
    let first_new = props.report.first_new;
    // Two columns for the mark, then the YAML: ephemeralContainers inside spec.
    let mut lines = vec!["  spec:".to_owned(), "    ephemeralContainers:".to_owned()];
    for (i, ec) in props.report.stored.iter().enumerate() {
        let mark = if i < first_new { "  " } else { "+ " };
        for (j, line) in ecplay_core::draft::container_yaml(ec).lines().enumerate() {
            lines.push(format!("{mark}  {}{line}", if j == 0 { "- " } else { "  " }));
        }
    }
    html! {
        <section class="panel" aria-labelledby="preview-heading">
            <h2 id="preview-heading">{ "What the pod will hold" }</h2>
            <p class="note">{ "spec.ephemeralContainers after the server's defaulting; lines marked + are new." }</p>
            <pre class="diff">{ for lines.iter().map(|l| html! { <span class={if l.starts_with('+') { "add" } else { "same" }}>{ format!("{l}\n") }</span> }) }</pre>
        </section>
    }
}
