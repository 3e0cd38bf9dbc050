use ecplay_core::Report;
use yew::prelude::*;

use crate::hooks::Judged;

#[derive(Properties, PartialEq)]
pub struct VerdictProps {
    pub report: Judged<Report>,
}

/// What the server would answer, in one line.
#[component]
pub fn Verdict(props: &VerdictProps) -> Html {
    let report = &props.report;
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
