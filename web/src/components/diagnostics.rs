use std::rc::Rc;

use ecplay_core::diag::{Diagnostic, Severity, Source};
use ecplay_core::{explain, Report};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::{clipped, rich};
use crate::hooks::{Admission, Judged};
use crate::page::page_path;

#[derive(Properties, PartialEq)]
pub struct DiagnosticsProps {
    pub report: Judged<Report>,
    /// A diagnostic picked: its place is shown in the editor.
    pub on_locate: Callback<Diagnostic>,
    /// No pod yet: nothing to say.
    #[prop_or_default]
    pub awaiting_pod: bool,
    /// In an embed the Learn panel is the full playground's, in a new tab.
    #[prop_or_default]
    pub embed: bool,
    /// Pod Security admission, whose violations each have a fix.
    #[prop_or_default]
    pub admission: Rc<Admission>,
    /// A fix made: what it fixes (the check), and the composer's text with it.
    #[prop_or_default]
    pub on_fix: Callback<(String, String)>,
    /// Form fields not used as typed (`form_problems`): the field's id and what it says.
    #[prop_or_default]
    pub form_problems: Vec<(&'static str, String)>,
}

/// The most of a diagnostic's message the list shows: Pod Security's name every container
/// that fails a check, kilobytes on a pod of hundreds, laid out again on every keystroke.
/// The whole is in its title (and enforce's and warn's in kubectl's text above).
const SHOWN_MESSAGE: usize = 1000;

fn long_message(message: &str) -> Option<AttrValue> {
    (message.chars().nth(SHOWN_MESSAGE).is_some()).then(|| AttrValue::from(message.to_owned()))
}

/// Every diagnostic, grouped by severity, with kubectl's text first.
#[component]
pub fn Diagnostics(props: &DiagnosticsProps) -> Html {
    let report = &props.report;
    if props.awaiting_pod {
        return html! {
            <section class="panel" role="region" aria-label="Diagnostics">
                <h2>{ "Diagnostics" }</h2>
                <p class="note">{ "What the API server would answer shows here once the pod is in." }</p>
            </section>
        };
    }
    let summary = report.summary();
    let group = |severity: Severity, title: &str| {
        let items: Vec<&Diagnostic> = report.diagnostics.iter().filter(|d| d.severity == severity).collect();
        if items.is_empty() {
            return html! {};
        }
        html! {
            <div class={classes!("group", severity.as_str())}>
                <h3>{ format!("{title} ({})", items.len()) }</h3>
                <ul>
                    { for items.into_iter().map(|d| {
                        let locate = { let d = d.clone(); let cb = props.on_locate.clone(); Callback::from(move |_| cb.emit(d.clone())) };
                        let place = match (d.source, d.line, d.column) {
                            (Some(s), Some(l), Some(c)) => format!("{} {l}:{c}", if s == Source::Pod { "pod" } else { "container" }),
                            _ => String::new(),
                        };
                        let learn = format!("#learn-{}", ecplay_core::learn::section_for(d.code, &d.field));
                        html! {
                            <li class={d.severity.as_str()}>
                                <button type="button" class="locate" onclick={locate} title="Show it in the editor">
                                    <code>{ d.field_shown() }</code>
                                    <span class="place">{ place }</span>
                                </button>
                                <p class="message" title={long_message(&d.message)}>{ clipped(d.message.trim_end(), SHOWN_MESSAGE) }</p>
                                if let Some(help) = &d.help { <p class="help">{ rich(help) }</p> }
                                if let Some(fixed) = props.admission.fix(d.code, &d.field) {
                                    { fix_button(d.code, fixed, &props.on_fix) }
                                }
                                <p class="meta">
                                    <span class="code">{ d.code }</span>{ " · " }
                                    if props.embed {
                                        <a href={format!("{}{learn}", page_path())} target="_blank" rel="noopener">{ "Learn why" }</a>
                                    } else {
                                        <a href={learn}>{ "Learn why" }</a>
                                    }
                                    { " · " }<a href={explain::doc_link(d.code)} target="_blank" rel="noopener noreferrer">{ "Kubernetes documentation" }</a>
                                </p>
                            </li>
                        }
                    }) }
                </ul>
            </div>
        }
    };
    html! {
        <section class="panel" role="region" aria-label="Diagnostics">
            <h2>{ "Diagnostics" }</h2>
            if !summary.is_empty() {
                <pre class="kubectl">{ summary }</pre>
            }
            if !props.form_problems.is_empty() {
                <div class="group error">
                    <h3>{ format!("In the form ({})", props.form_problems.len()) }</h3>
                    <ul>
                        { for props.form_problems.iter().map(|(id, said)| {
                            let label = if *id == "f-command" { "Command" } else { "Arguments" };
                            let focus = {
                                let id = *id;
                                Callback::from(move |_: MouseEvent| {
                                    if let Some(el) = gloo::utils::document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                                        let _ = el.focus();
                                    }
                                })
                            };
                            html! {
                                <li class="error">
                                    <button type="button" class="locate" onclick={focus} title="Show it in the form"><code>{ label }</code></button>
                                    <p class="message">{ said.clone() }</p>
                                </li>
                            }
                        }) }
                    </ul>
                </div>
            }
            { group(Severity::Error, "Errors") }
            { group(Severity::Warning, "Warnings") }
            { group(Severity::Info, "Hints") }
        </section>
    }
}

/// The button that makes a Pod Security violation's fix in the composer (`PSA-<check>`).
fn fix_button(code: &str, fixed: &str, on_fix: &Callback<(String, String)>) -> Html {
    let check = code.trim_start_matches("PSA-").to_owned();
    let label = format!("Fix {check}");
    let onclick = on_fix.reform({
        let fixed = fixed.to_owned();
        move |_: MouseEvent| (check.clone(), fixed.clone())
    });
    html! { <p class="fix"><button type="button" {onclick}>{ label }</button></p> }
}
