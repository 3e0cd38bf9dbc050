//! The Share panel: the whole playground, compressed by the browser, in the fragment of a
//! link (never sent to a server), with the pod redacted first when it was pasted.

use ecplay_core::redact::{redact, Redacted};
use yew::prelude::*;

use std::rc::Rc;

use super::CopyButton;
use crate::page::{self, page_path};
use crate::samples;
use crate::state::State;

/// Links longer than this are cut or refused by some chat tools and mail clients.
pub const LONG_LINK: usize = 2000;

#[derive(Properties, PartialEq)]
pub struct ShareProps {
    /// The playground to share.
    pub state: Rc<State>,
}

#[derive(Clone, Default, PartialEq)]
struct Links {
    link: String,
    /// The length of the redacted form's link, when the link shown is not redacted.
    redacted_len: Option<usize>,
}

async fn link_for(state: &State, pod: &str) -> Result<String, String> {
    let packed = page::compress(&state.shared(pod)).await?;
    Ok(format!("{}#{}{packed}", page_path(), page::SHARE_PREFIX))
}

/// The pod's text a redacted link carries: nothing when the pod cannot be read.
fn redacted_pod(r: &Result<Redacted, String>) -> String {
    r.as_ref().map(|r| r.text.clone()).unwrap_or_default()
}

#[component]
pub fn SharePanel(props: &ShareProps) -> Html {
    let state = &props.state;
    let pasted = state.sample.is_none();
    // On by default: a pasted pod is usually a production pod.
    let redacting = use_state(|| true);
    let redacted = use_memo(state.pod_text.clone(), |pod| redact(pod));
    let links = use_state(Links::default);
    {
        let links = links.clone();
        let deps = ((**state).clone(), *redacting, redacted.clone());
        use_effect_with(deps, move |(state, redacting, redacted)| {
            let (state, redacting, redacted) = (state.clone(), *redacting, redacted.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let clean = redacted_pod(&redacted);
                let (pod, other) = match (pasted, redacting) {
                    (true, true) => (clean, None),
                    (true, false) => (state.pod_text.to_string(), Some(clean)),
                    (false, _) => (state.pod_text.to_string(), None),
                };
                let Ok(link) = link_for(&state, &pod).await else { return };
                let redacted_len = match other {
                    Some(p) => link_for(&state, &p).await.ok().map(|l| l.chars().count()),
                    None => None,
                };
                links.set(Links { link, redacted_len });
            });
        });
    }
    let on_redact = {
        let redacting = redacting.clone();
        Callback::from(move |e: Event| redacting.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().checked()))
    };
    let use_redacted = {
        let redacting = redacting.clone();
        Callback::from(move |_| redacting.set(true))
    };
    let len = links.link.chars().count();
    let link = AttrValue::from(links.link.clone());

    let pod_part = if !pasted {
        let title = state.sample.and_then(samples::find).map_or("", |s| s.title);
        html! { <p class="note">{ format!("The pod is the sample “{title}”: the link names the sample, nothing else of it.") }</p> }
    } else {
        let what = match (&*redacted, *redacting) {
            (Ok(r), true) => html! {
                <>
                    <p class="note">{ if r.removed.is_empty() { "Nothing to remove.".to_owned() } else { format!("Removed: {}.", r.removed.join(", ")) } }</p>
                    { for r.kept.iter().map(|k| html! { <p class="note">{ format!("Kept {k}.") }</p> }) }
                    <details>
                        <summary>{ "What stays of the pod" }</summary>
                        <pre class="redacted" aria-label="The redacted pod">{ &r.text }</pre>
                    </details>
                </>
            },
            (Err(e), true) => {
                html! { <p class="note problem">{ format!("The pod is not YAML that can be redacted ({e}): the link leaves it out.") }</p> }
            }
            (_, false) => {
                html! { <p class="note problem">{ "The link holds the pod exactly as pasted: env values, Secret names, annotations and all." }</p> }
            }
        };
        html! {
            <>
                <label class="inline"><input id="share-redact" type="checkbox" checked={*redacting} onchange={on_redact} />{ "Redact the pod (env values, Secret and ConfigMap names, annotations, labels, managedFields, status)" }</label>
                { what }
            </>
        }
    };

    html! {
        <section id="share" class="panel share" aria-labelledby="share-heading">
            <h2 id="share-heading">{ "Share this playground" }</h2>
            <p class="note">{ "The link carries the playground itself, compressed, after its #: browsers do not send that part to any server." }</p>
            { pod_part }
            <label for="share-link">{ "Link" }</label>
            <div class="row">
                <input id="share-link" readonly=true value={link.clone()} />
                <CopyButton text={link} />
            </div>
            <p class="note">{ format!("{len} characters.") }</p>
            if len > LONG_LINK {
                <p class="note problem" id="share-long">
                    { format!("This link is {len} characters: many chat tools and mail clients cut links longer than {LONG_LINK}.") }
                    if let Some(r) = links.redacted_len {
                        { format!(" Redacted, it is {r} characters. ") }
                        <button type="button" onclick={use_redacted}>{ "Use the redacted form" }</button>
                    }
                </p>
            }
        </section>
    }
}
