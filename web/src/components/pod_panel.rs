use std::rc::Rc;

use yew::prelude::*;

use super::select_value;
use crate::editor::{CodeEditor, Marker};
use crate::hooks::use_select_value;
use crate::samples::{self, Sample, SAMPLES};

#[derive(Properties, PartialEq)]
pub struct PodPanelProps {
    pub pod_text: Rc<str>,
    /// The sample shown, or `None` for a pasted pod.
    pub sample: Option<&'static str>,
    pub markers: Rc<Vec<Marker>>,
    pub focus: Option<(u32, u32, u32)>,
    /// `readonly=pod` of an embed: the pod is shown, not edited.
    pub read_only: bool,
    /// A sample picked, or `None` for "paste your own".
    pub on_sample: Callback<Option<&'static Sample>>,
    /// The pod's text as edited.
    pub on_pod_text: Callback<String>,
    /// The sample being fetched, if any.
    pub loading: Option<&'static Sample>,
}

/// The pod: a sample, or the user's own pasted in its editor.
#[component]
pub fn PodPanel(props: &PodPanelProps) -> Html {
    let on_sample = props.on_sample.reform(|e: Event| samples::find(&select_value(&e)));
    let sample_ref = use_select_value(props.loading.map(|s| s.id).or(props.sample).unwrap_or(""));
    html! {
        <section class="panel" aria-labelledby="pod-heading">
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
                        <option value="" selected={props.sample.is_none()}>{ "Paste your own (kubectl get pod NAME -o yaml)" }</option>
                    </select>
                    if let Some(s) = props.loading {
                        <p class="note" aria-live="polite">{ format!("Loading “{}”…", s.title) }</p>
                    }
                </div>
            }
            <CodeEditor label="Pod YAML" doc={AttrValue::from(props.pod_text.clone())} markers={props.markers.clone()}
                on_change={props.on_pod_text.clone()} focus={props.focus} read_only={props.read_only} />
        </section>
    }
}
