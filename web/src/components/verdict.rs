use ecplay_core::diag::{ErrorType, Severity};
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

/// Which step of the API server refuses the request, for each error, in the order they come:
/// the text (not YAML), decoding (a wrong type, or a field strict validation refuses),
/// validation, or Pod Security admission.
pub fn refusing_parts(report: &Report) -> Vec<&'static str> {
    let mut parts = Vec::new();
    for d in report.errors() {
        let part = match d.error_type {
            ErrorType::Syntax => "reading the text",
            ErrorType::UnknownField | ErrorType::TypeMismatch => "decoding",
            _ if d.code.starts_with("PSA-") => "Pod Security admission",
            _ => "validation",
        };
        if !parts.contains(&part) {
            parts.push(part);
        }
    }
    parts
}

fn plural(n: usize, one: &str) -> String {
    format!("{n} {one}{}", if n == 1 { "" } else { "s" })
}

/// What the server would answer, in one line that stays in view while you type (sticky at the
/// top of the playground): accepted or rejected, how many errors and warnings, and which
/// step refuses.
#[component]
pub fn Verdict(props: &VerdictProps) -> Html {
    let report = &props.report;
    if props.awaiting_pod {
        return html! {
            <p role="status" aria-label="Verdict" class="verdict wait">{ "Waiting for your pod: paste what " }<code>{ GET_POD }</code>{ " prints." }</p>
        };
    }
    let errors = report.errors().count();
    let warnings = report.diagnostics.iter().filter(|d| d.severity == Severity::Warning).count();
    let status = if report.valid() {
        "The server would accept this ephemeral container.".to_owned()
    } else {
        format!("The server would reject this request: {}.", plural(errors, "error"))
    };
    let parts = refusing_parts(report);
    html! {
        <p role="status" aria-label="Verdict" class={if report.valid() { "verdict ok" } else { "verdict bad" }}>
            { status }
            if !parts.is_empty() {
                <span class="verdict-part">{ format!(" Refused by {}.", parts.join(" and ")) }</span>
            }
            if warnings > 0 {
                <span class="verdict-warnings">{ format!(" ⚠ {}.", plural(warnings, "warning")) }</span>
            }
        </p>
    }
}
