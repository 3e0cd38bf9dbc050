use ecplay_core::Report;
use yew::prelude::*;

use super::pod_panel::GET_POD;
use crate::hooks::Judged;

#[derive(Properties, PartialEq)]
pub struct VerdictProps {
    pub report: Judged<Report>,
    /// No pod yet ("Paste your own" before the paste): nothing is wrong, there is nothing to judge.
    #[prop_or_default]
    pub awaiting_pod: bool,
}

/// What the server would answer, in one line.
#[component]
pub fn Verdict(props: &VerdictProps) -> Html {
    let report = &props.report;
    if props.awaiting_pod {
        return html! {
            <p role="status" class="verdict wait">{ "Waiting for your pod: paste what " }<code>{ GET_POD }</code>{ " prints." }</p>
        };
    }
    let errors = report.errors().count();
    let status = if report.valid() {
        "The server would accept this ephemeral container.".to_owned()
    } else {
        format!("The server would reject this request: {errors} error{}.", if errors == 1 { "" } else { "s" })
    };
    html! {
        <p role="status" class={if report.valid() { "verdict ok" } else { "verdict bad" }}>{ status }</p>
    }
}
