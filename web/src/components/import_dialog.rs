//! The Import dialog: a command line from a runbook (`kubectl debug …`, `kubectl patch …`,
//! `curl …` or a request body) read by the module loaded on demand (`crate::extra`,
//! `ecplay_core::import`) into the container(s) it adds, which then fill the composer (with
//! Undo). A file the command names gets a text area of its own. What was typed stays while the
//! page is open, whatever the outcome.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::text::Text;

use crate::extra::{Extra, ExtraHandle, Imported};

#[derive(Properties, PartialEq)]
pub struct ImportProps {
    pub open: bool,
    pub on_close: Callback<()>,
    pub extra: ExtraHandle,
    /// The pod's text, handed to the module before each import.
    pub pod_text: Text,
    /// The kubectl version chosen for the exports: the import reads commands for it.
    pub kubectl_minor: u32,
    /// The new container(s) as YAML, and the notes.
    pub on_import: Callback<(String, Vec<String>)>,
}

fn area_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlTextAreaElement>().value()
}

/// What the last attempt said.
#[derive(Clone, PartialEq)]
enum Said {
    Nothing,
    Waiting,
    Problem { title: String, lines: Vec<String> },
}

#[component]
pub fn ImportDialog(props: &ImportProps) -> Html {
    let line = use_state(String::new);
    // Files the command named, with what the user pasted for each.
    let files = use_state(Vec::<(String, String, String)>::new);
    let said = use_state(|| Said::Nothing);
    let pending = use_state(|| false);
    let area = use_node_ref();
    {
        let area = area.clone();
        use_effect_with(props.open, move |open| {
            if *open {
                if let Some(el) = area.cast::<HtmlTextAreaElement>() {
                    let _ = el.focus();
                }
            }
        });
    }
    let run = {
        let (line, files, said, on_import, on_close) =
            (line.clone(), files.clone(), said.clone(), props.on_import.clone(), props.on_close.clone());
        let (pod_text, minor) = (props.pod_text.clone(), props.kubectl_minor);
        move |module: &crate::extra::Module| {
            if let Err(e) = module.pod(&pod_text) {
                said.set(Said::Problem { title: format!("The import could not be made: {e}."), lines: vec![] });
                return;
            }
            let given: Vec<(String, String)> = files.iter().map(|(p, _, t)| (p.clone(), t.clone())).collect();
            match module.import(&line, minor, &given) {
                Ok(Imported::Done { yaml, notes, form }) => {
                    said.set(Said::Nothing);
                    let mut all = vec![format!("Imported from {form}.")];
                    all.extend(notes);
                    on_import.emit((yaml, all));
                    on_close.emit(());
                }
                Ok(Imported::Refused { message, more, why, server, line: l, column }) => {
                    let who = if server {
                        "The API server would refuse the request"
                    } else {
                        "kubectl refuses this command before sending anything"
                    };
                    let mut lines = vec![message];
                    lines.extend(more);
                    lines.push(format!(
                        "{who} (line {l}, column {column}){}",
                        if why.is_empty() { ".".to_owned() } else { format!(": {why}") }
                    ));
                    said.set(Said::Problem { title: "Refused".into(), lines });
                }
                Ok(Imported::NeedFile { path, what }) => {
                    let mut list = (*files).clone();
                    if !list.iter().any(|(p, _, _)| *p == path) {
                        list.push((path.clone(), what, String::new()));
                    }
                    files.set(list);
                    said.set(Said::Problem {
                        title: format!("The command reads {path}"),
                        lines: vec![format!("Paste the contents of {path} below, then Import again.")],
                    });
                }
                Ok(Imported::Unreadable { message, line: l, column }) => {
                    said.set(Said::Problem { title: "Not imported".into(), lines: vec![format!("Line {l}, column {column}: {message}")] });
                }
                Err(e) => said.set(Said::Problem { title: format!("The import could not be made: {e}."), lines: vec![] }),
            }
        }
    };
    {
        let (pending, said, run) = (pending.clone(), said.clone(), run.clone());
        use_effect_with((props.extra.clone(), *pending), move |(extra, waiting)| {
            if !*waiting {
                return;
            }
            match extra.status() {
                Extra::Ready(module) => {
                    pending.set(false);
                    run(module);
                }
                Extra::Failed(_) => {
                    pending.set(false);
                    said.set(Said::Problem { title: extra.waiting("the import").unwrap_or_default(), lines: vec![] });
                }
                Extra::Idle | Extra::Loading => {}
            }
        });
    }
    if !props.open {
        return html! {};
    }
    let on_import = {
        let (extra, pending, said, run) = (props.extra.clone(), pending.clone(), said.clone(), run.clone());
        Callback::from(move |_: MouseEvent| match extra.status() {
            Extra::Ready(module) => run(module),
            _ => {
                said.set(Said::Waiting);
                pending.set(true);
                extra.want();
            }
        })
    };
    let on_line = {
        let line = line.clone();
        Callback::from(move |e: InputEvent| line.set(area_value(&e)))
    };
    let close = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };
    let on_key = {
        let on_close = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                on_close.emit(());
            }
        })
    };
    let file_areas = files.iter().enumerate().map(|(i, (path, what, text))| {
        let id = format!("import-file-{i}");
        let oninput = {
            let files = files.clone();
            Callback::from(move |e: InputEvent| {
                let mut list = (*files).clone();
                if let Some(f) = list.get_mut(i) {
                    f.2 = area_value(&e);
                }
                files.set(list);
            })
        };
        html! {
            <div class="field">
                <label for={id.clone()}>{ format!("Contents of {path}") }</label>
                <p class="note">{ what.clone() }</p>
                <textarea id={id} rows="6" spellcheck="false" value={text.clone()} {oninput} />
            </div>
        }
    });
    html! {
        <div class="dialog-backdrop">
            <div class="dialog panel" role="dialog" aria-modal="true" aria-labelledby="import-title" onkeydown={on_key}>
                <h2 id="import-title">{ "Import a command" }</h2>
                <p class="note">{ "Paste a kubectl debug, kubectl patch|apply|replace or curl command from a runbook (or a request body): the composer gets exactly the container it would add, for the kubectl version chosen under Export." }</p>
                <div class="field">
                    <label for="import-line">{ "Command line" }</label>
                    <textarea id="import-line" ref={area} rows="5" spellcheck="false" value={(*line).clone()} oninput={on_line}
                        placeholder="kubectl debug -it my-pod --image=busybox:1.36 --target=app" />
                </div>
                { for file_areas }
                { match &*said {
                    Said::Nothing => html! {},
                    Said::Waiting => html! { <p class="note" role="status">{ "Loading the import…" }</p> },
                    Said::Problem { title, lines } => html! {
                        <div class="import-problem" role="alert">
                            <strong>{ title.clone() }</strong>
                            { for lines.iter().map(|l| html! { <pre>{ l.clone() }</pre> }) }
                        </div>
                    },
                } }
                <div class="dialog-actions">
                    <button type="button" class="primary" onclick={on_import}>{ "Import" }</button>
                    <button type="button" onclick={close}>{ "Close" }</button>
                </div>
            </div>
        </div>
    }
}
