use std::rc::Rc;

use ecplay_core::embed::{fold_pod, Folded};
use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::text::Text;

use super::select_value;
use crate::editor::{CodeEditor, Marker};
use crate::hooks::use_select_value;
use crate::page;
use crate::samples::{self, Sample, SAMPLES};

/// The one command that prints a pod as the playground reads it.
pub const GET_POD: &str = "kubectl get pod NAME -n NAMESPACE -o yaml";

#[derive(Properties, PartialEq)]
pub struct PodPanelProps {
    pub pod_text: Text,
    /// The sample shown, or `None` for a pasted pod.
    pub sample: Option<&'static str>,
    pub markers: Rc<Vec<Marker>>,
    pub focus: Option<(u32, u32, u32)>,
    /// `readonly=pod` of an embed: the pod is shown, not edited.
    pub read_only: bool,
    /// A sample picked, or `None` for "paste your own".
    pub on_sample: Callback<Option<&'static Sample>>,
    /// The pod's text as edited, pasted or read from a file.
    pub on_pod_text: Callback<String>,
    /// The sample being fetched, if any.
    pub loading: Option<&'static Sample>,
    /// An embed's `pod=spec`: the spec shown, what is around it folded (and not edited).
    #[prop_or_default]
    pub folded: bool,
}

/// The most bytes of a file read as a pod: the longest pod text, in UTF-16.
const MAX_FILE_BYTES: usize = 2 * ecplay_core::limits::MAX_POD_BYTES + 2;

/// The pod: a sample, or the user's own pasted in its editor, dropped on it or opened; in an
/// embed with `pod=spec`, its spec alone, what is around it folded.
#[component]
pub fn PodPanel(props: &PodPanelProps) -> Html {
    let on_sample = props.on_sample.reform(|e: Event| samples::find(&select_value(&e)));
    let sample_ref = use_select_value(props.loading.map(|s| s.id).or(props.sample).unwrap_or(""));
    // A file's bytes read as kubectl reads a file (UTF-8, or UTF-16 with a byte order mark).
    let problem = use_state(|| None::<String>);
    let latest = use_mut_ref(Callback::<String>::noop);
    *latest.borrow_mut() = props.on_pod_text.clone();
    let (panel, file_input) = (use_node_ref(), use_node_ref());
    {
        let (panel, file_input, problem) = (panel.clone(), file_input.clone(), problem.clone());
        use_effect_with((), move |_| {
            let read = Closure::<dyn FnMut(JsValue, String)>::new(move |bytes: JsValue, name: String| {
                let text = match bytes.dyn_into::<js_sys::Uint8Array>() {
                    Ok(bytes) => ecplay_core::input::decode_text(&bytes.to_vec()).map_err(|e| format!("{name}: {e}")),
                    Err(_) => Err(name),
                };
                match text {
                    Ok(text) => {
                        problem.set(None);
                        latest.borrow().emit(text);
                    }
                    Err(e) => problem.set(Some(e)),
                }
            });
            if let Some(el) = panel.cast::<web_sys::Element>() {
                page::on_file_drop(&el, MAX_FILE_BYTES, &read);
            }
            if let Some(el) = file_input.cast::<web_sys::Element>() {
                page::on_file_chosen(&el, MAX_FILE_BYTES, &read);
            }
            read.forget(); // as long as the panel's listeners, which live with the page
        });
    }
    let empty = props.pod_text.trim().is_empty();
    if let Some(f) = props.folded.then(|| fold_pod(&props.pod_text)).flatten() {
        let fold = |part: &str| {
            let (keys, lines) = (Folded::keys(part), part.lines().count());
            html! {
                <details>
                    <summary>{ format!("{} ({lines} line{})", keys.join(", "), if lines == 1 { "" } else { "s" }) }</summary>
                    <pre>{ part.to_owned() }</pre>
                </details>
            }
        };
        let title = props.sample.and_then(samples::find).map_or("A pod", |s| s.title);
        return html! {
            <section class="panel pod-folded" aria-labelledby="pod-heading">
                <h2 id="pod-heading">{ "Pod" }</h2>
                <p class="note">{ format!("{title}: its spec; metadata, managedFields and status folded.") }</p>
                if !f.before.is_empty() { { fold(f.before) } }
                <pre class="pod-spec" aria-label="Pod spec" tabindex="0">{ f.spec.to_owned() }</pre>
                if !f.after.is_empty() { { fold(f.after) } }
            </section>
        };
    }
    html! {
        <section class="panel" aria-labelledby="pod-heading" ref={panel}>
            <h2 id="pod-heading">{ "Pod" }</h2>
            if props.read_only {
                <p class="note">{ props.sample.and_then(samples::find).map_or("A pod", |s| s.title) }{ " (read-only here)" }</p>
            } else {
                <div class="field">
                    <label for="sample">{ "Sample pod" }</label>
                    <select id="sample" ref={sample_ref} onchange={on_sample}>
                        { for SAMPLES.iter().map(|s| html! {
                            <option value={s.id} selected={props.sample == Some(s.id)}>{ s.title }</option>
                        }) }
                        <option value="" selected={props.sample.is_none()}>{ "Paste your own pod" }</option>
                    </select>
                    if let Some(s) = props.loading {
                        <p class="note" aria-live="polite">{ format!("Loading “{}”…", s.title) }</p>
                    }
                </div>
                // One structure either way: the file input is the same element throughout.
                <p class={classes!("note", empty.then_some("start"))} id="pod-start">
                    { if empty { "Run " } else { "" } }<code>{ if empty { GET_POD } else { "" } }</code>
                    { if empty { " and paste what it prints below, drop the file here, or " } else { "" } }
                    <label class="file">{ if empty { "open the file" } else { "Open a pod file" } }
                        <input type="file" accept=".yaml,.yml,.json,.txt,text/*" ref={file_input.clone()} /></label>
                    { if empty { "." } else { " or drop one here." } }
                </p>
                if let Some(e) = &*problem {
                    <p class="note problem" role="alert">{ e.clone() }</p>
                }
            }
            <CodeEditor label="Pod YAML" doc={props.pod_text.clone()} markers={props.markers.clone()}
                on_change={props.on_pod_text.clone()} focus={props.focus} read_only={props.read_only} />
        </section>
    }
}
