//! A placeholder app that proves the pieces fit together: `ecplay-core` judging a
//! container in WebAssembly, and the code editor showing where the problems are.
//! To be replaced by the real components.

use std::rc::Rc;

use ecplay_core::diag::{Severity, Source};
use ecplay_core::{check, Mode, Options};
use yew::prelude::*;

use crate::editor::{CodeEditor, Marker};

const POD: &str = include_str!("../../tests/fixtures/pods/distroless-app.yaml");
const DRAFT: &str = include_str!("../../tests/fixtures/ephemeral/typo.yaml");

#[component]
pub fn App() -> Html {
    let text = use_state(|| DRAFT.to_string());
    // Derived from the text, never stored twice.
    let judged = use_memo((*text).clone(), |text| {
        let report = check(POD, text, Mode::Append, &Options::default());
        let markers = report
            .diagnostics
            .iter()
            .filter(|d| d.source == Some(Source::Container))
            .filter_map(|d| {
                Some(Marker {
                    line: d.line?,
                    column: d.column?,
                    severity: d.severity.as_str(),
                    message: format!("{} [{}]", d.message, d.code),
                })
            })
            .collect::<Vec<_>>();
        let count = |s: Severity| report.diagnostics.iter().filter(|d| d.severity == s).count();
        let status = if report.valid() {
            format!("The server would accept this container ({} warnings, {} infos).", count(Severity::Warning), count(Severity::Info))
        } else {
            format!("The server would reject this container: {} errors, {} warnings.", count(Severity::Error), count(Severity::Warning))
        };
        (report.pod_name, Rc::new(markers), status)
    });
    let (pod_name, markers, status) = &*judged;
    let on_change = {
        let text = text.clone();
        Callback::from(move |t: String| text.set(t))
    };
    html! {
        <main>
            <h1>{ "ecplay" }</h1>
            <p>{ "Draft an ephemeral container for the pod " }<code>{ pod_name }</code>{ "." }</p>
            <section aria-labelledby="draft-heading">
                <h2 id="draft-heading">{ "Ephemeral container" }</h2>
                <CodeEditor label="Ephemeral container (YAML)" doc={AttrValue::from((*text).clone())} markers={markers.clone()} {on_change} />
            </section>
            <p role="status">{ status.clone() }</p>
        </main>
    }
}
