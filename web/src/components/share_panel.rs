//! The Share panel: the whole playground, compressed, in the fragment of a link (never sent
//! to a server), with the pod redacted first when it was pasted, and the same state as an
//! embed's address. Links and the redaction are made by core (`ecplay_core::share`,
//! `ecplay_core::redact`, through the module loaded on demand), so that `ecplay share` and the
//! npm package make the same bytes for the same state.

use ecplay_core::redact::Redacted;
use ecplay_core::share::LONG_LINK;
use yew::prelude::*;

use std::rc::Rc;

use super::CopyButton;
use crate::extra::{Extra, ExtraHandle};
use crate::page::page_path;
use crate::samples;
use crate::state::State;

#[derive(Properties, PartialEq)]
pub struct ShareProps {
    /// The playground to share.
    pub state: Rc<State>,
    /// The module loaded on demand, which makes the links.
    pub extra: ExtraHandle,
}

#[derive(Clone, Default, PartialEq)]
struct Links {
    link: String,
    /// The embed's address of the same state.
    embed: String,
    /// The length of the redacted form's link, when the link shown is not redacted.
    redacted_len: Option<usize>,
}

/// The pod's text a redacted link carries: nothing when the pod cannot be read.
fn redacted_pod(r: &Option<Result<Redacted, String>>) -> String {
    r.as_ref().and_then(|r| r.as_ref().ok()).map(|r| r.text.clone()).unwrap_or_default()
}

#[component]
pub fn SharePanel(props: &ShareProps) -> Html {
    let state = &props.state;
    let pasted = state.sample.is_none();
    {
        let extra = props.extra.clone();
        use_effect_with((), move |_| extra.want());
    }
    // On by default: a pasted pod is usually a production pod.
    let redacting = use_state(|| true);
    // Made by the module too: `None` until it runs.
    let redacted = use_memo((state.pod_text.clone(), props.extra.status().clone()), |(pod, status)| match status {
        Extra::Ready(module) => Some(module.redact(pod)),
        _ => None,
    });
    let links = use_memo(
        (state.clone(), *redacting, redacted.clone(), props.extra.status().clone()),
        move |(state, redacting, redacted, status)| {
            let Extra::Ready(module) = status else { return None };
            let clean = redacted_pod(redacted);
            let (pod, other) = match (pasted, *redacting) {
                (true, true) => (clean, None),
                (true, false) => (state.pod_text.to_string(), Some(clean)),
                (false, _) => (state.pod_text.to_string(), None),
            };
            let base = page_path();
            let make = |pod: &str, embed: bool| module.share_link(&base, &state.shared(pod), embed);
            let made = || -> Result<Links, String> {
                let redacted_len = match &other {
                    Some(p) => Some(make(p, false)?.chars().count()),
                    None => None,
                };
                Ok(Links { link: make(&pod, false)?, embed: make(&pod, true)?, redacted_len })
            };
            Some(made())
        },
    );
    let on_redact = {
        let redacting = redacting.clone();
        Callback::from(move |e: Event| redacting.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().checked()))
    };
    let use_redacted = {
        let redacting = redacting.clone();
        Callback::from(move |_| redacting.set(true))
    };
    let (links, waiting) = match &*links {
        Some(Ok(l)) => (l.clone(), None),
        Some(Err(e)) => (Links::default(), Some(format!("The link could not be made: {e}."))),
        None => (Links::default(), props.extra.waiting("the link")),
    };
    let len = links.link.chars().count();
    let link = AttrValue::from(links.link.clone());
    let embed = AttrValue::from(links.embed.clone());

    let pod_part = if !pasted {
        let title = state.sample.and_then(samples::find).map_or("", |s| s.title);
        html! { <p class="note">{ format!("The pod is the sample “{title}”: the link names the sample, nothing else of it.") }</p> }
    } else {
        let what = match (&*redacted, *redacting) {
            (Some(Ok(r)), true) => html! {
                <>
                    <p class="note">{ if r.removed.is_empty() { "Nothing to remove.".to_owned() } else { format!("Removed: {}.", r.removed.join(", ")) } }</p>
                    { for r.kept.iter().map(|k| html! { <p class="note">{ format!("Kept {k}.") }</p> }) }
                    <details>
                        <summary>{ "What stays of the pod" }</summary>
                        <pre class="redacted" aria-label="The redacted pod">{ &r.text }</pre>
                    </details>
                </>
            },
            (Some(Err(e)), true) => {
                html! { <p class="note problem">{ format!("The pod is not YAML that can be redacted ({e}): the link leaves it out.") }</p> }
            }
            // The link's own note says what it waits for.
            (None, true) => html! {},
            (_, false) => {
                html! { <p class="note problem">{ "The link holds the pod exactly as pasted: env values, Secret names, annotations and all." }</p> }
            }
        };
        html! {
            <>
                <label class="inline"><input id="share-redact" type="checkbox" checked={*redacting} onchange={on_redact} />{ "Redact the pod (env values, Secret and ConfigMap names, annotations, labels, managedFields, status but what the hints read)" }</label>
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
            if let Some(w) = waiting {
                <p class="note">{ w }</p>
            } else {
                <p class="note">{ format!("{len} characters.") }</p>
            }
            if len > LONG_LINK {
                <p class="note problem" id="share-long">
                    { format!("This link is {len} characters: many chat tools and mail clients cut links longer than {LONG_LINK}.") }
                    if let Some(r) = links.redacted_len {
                        { format!(" Redacted, it is {r} characters. ") }
                        <button type="button" onclick={use_redacted}>{ "Use the redacted form" }</button>
                    }
                </p>
            }
            <label for="share-embed">{ "Embed address (an iframe's src, for a docs page)" }</label>
            <div class="row">
                <input id="share-embed" readonly=true value={embed.clone()} />
                <CopyButton text={embed} />
            </div>
        </section>
    }
}
