//! The Learn panel: ephemeral containers explained (`ecplay_core::learn`), one anchor per
//! section (`#learn-<id>`) for the diagnostics to link to, and recipes that fill the composer
//! (made by the module loaded on demand, `crate::extra`, when one is first used).
//!
//! The headings are built in; the paragraphs (4 KB gzipped) are fetched from
//! `static/learn.json` when the panel first comes near the view, which a "Learn why" link
//! does too. The tests below keep that file equal to `ecplay_core::learn::SECTIONS`. A
//! paragraph that depends on a release is said for the cluster's Kubernetes version and the
//! chosen kubectl (`ecplay_core::learn::say_json`), and changes with them.

use std::rc::Rc;

use ecplay_core::learn::{say_json, RECIPES, TOPICS};
use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::text::Text;

use super::rich;
use crate::extra::{Extra, ExtraHandle, Module};
use crate::page;

/// Where the paragraphs are, relative to the page: `{"<section id>": [paragraph, …]}`
/// (`ecplay_core::learn::learn_json`).
const TEXT_URL: &str = "static/learn.json";

#[derive(Properties, PartialEq)]
pub struct LearnProps {
    /// The name a recipe gives its container: the one in the composer.
    pub recipe_name: AttrValue,
    /// A recipe made: the container's YAML and the notes that go with it.
    pub on_recipe: Callback<(String, Vec<String>)>,
    /// The module that makes the recipes' containers (loaded when a recipe is first used).
    pub extra: ExtraHandle,
    /// The pod and the kubectl version, for what each `kubectl debug` profile adds to it.
    pub pod_text: Text,
    pub kubectl_minor: u32,
    /// The cluster's Kubernetes version, which the text follows as it follows kubectl's.
    pub kube_minor: u32,
    /// The cluster (`ecplay_core::Cluster` as JSON): a recipe's container is made to pass the
    /// namespace's Pod Security level.
    #[prop_or_default]
    pub cluster: AttrValue,
}

/// What each `kubectl debug` profile adds to the pod in the playground, made by importing the
/// very command (`ecplay_core::learn::profile_examples`, in the module loaded on demand): shown
/// under the section on profiles once the module runs; a button loads it.
#[derive(Properties, PartialEq)]
struct ProfilesProps {
    extra: ExtraHandle,
    pod_text: Text,
    kubectl_minor: u32,
}

#[component]
fn Profiles(props: &ProfilesProps) -> Html {
    let made = use_memo((props.extra.status().clone(), props.pod_text.clone(), props.kubectl_minor), |(status, pod, minor)| match status {
        Extra::Ready(module) => Some(module.pod(pod).and_then(|()| module.profiles(*minor))),
        _ => None,
    });
    match &*made {
        Some(Ok(list)) => html! {
            <div class="profiles">
                <h4>{ format!("What each profile adds to this pod (kubectl 1.{})", props.kubectl_minor) }</h4>
                { for list.iter().map(|(profile, command, yaml)| html! {
                    <figure class="profile" aria-label={format!("--profile={profile}")}>
                        <figcaption><code>{ format!("--profile={profile}") }</code></figcaption>
                        <pre class="command">{ command.clone() }</pre>
                        <pre class="yaml">{ yaml.clone() }</pre>
                    </figure>
                }) }
            </div>
        },
        Some(Err(e)) => html! { <p class="note problem" role="alert">{ format!("The profiles could not be shown: {e}.") }</p> },
        None => {
            let extra = props.extra.clone();
            let onclick = Callback::from(move |_| extra.want());
            let waiting =
                matches!(props.extra.status(), Extra::Loading | Extra::Failed(_)).then(|| props.extra.waiting("the profiles")).flatten();
            html! {
                <p>
                    <button type="button" {onclick}>{ "Show what each profile adds to this pod" }</button>
                    if let Some(w) = waiting { { " " }<span class="note">{ w }</span> }
                </p>
            }
        }
    }
}

#[component]
pub fn LearnPanel(props: &LearnProps) -> Html {
    // The recipe asked for while the module loads; it is used once the module runs.
    let pending = use_state(|| None::<&'static str>);
    let problem = use_state(|| None::<String>);
    let apply_recipe = {
        let (name, on_recipe, problem, cluster) =
            (props.recipe_name.clone(), props.on_recipe.clone(), problem.clone(), props.cluster.clone());
        move |module: &Module, id: &'static str| match module.recipe(id, &name, &cluster) {
            Ok(made) => {
                problem.set(None);
                on_recipe.emit(made);
                // The composer is where the recipe went: show it.
                if let Some(el) = gloo::utils::document().get_element_by_id("composer-heading") {
                    el.scroll_into_view();
                }
            }
            Err(e) => problem.set(Some(format!("The recipe could not be made: {e}."))),
        }
    };
    {
        let (pending, problem, apply_recipe) = (pending.clone(), problem.clone(), apply_recipe.clone());
        use_effect_with((props.extra.clone(), *pending), move |(extra, id)| {
            let Some(id) = *id else { return };
            match extra.status() {
                Extra::Ready(module) => {
                    pending.set(None);
                    apply_recipe(module, id);
                }
                Extra::Failed(_) => {
                    pending.set(None);
                    problem.set(extra.waiting("the recipes"));
                }
                Extra::Idle | Extra::Loading => {}
            }
        });
    }
    let recipes = RECIPES.iter().map(|r| {
        let onclick = {
            let (extra, pending, apply_recipe) = (props.extra.clone(), pending.clone(), apply_recipe.clone());
            Callback::from(move |_| match extra.status() {
                Extra::Ready(module) => apply_recipe(module, r.id),
                _ => {
                    pending.set(Some(r.id));
                    extra.want();
                }
            })
        };
        html! {
            <li>
                <strong>{ r.title }</strong>{ " " }<span class="note">{ rich(r.summary) }</span>{ " " }
                <button type="button" {onclick} aria-label={format!("Use the recipe: {}", r.title)}>{ "Use it" }</button>
            </li>
        }
    });
    // The paragraphs: `None` until fetched, then the text or why there is none.
    let text = use_state(|| None::<Result<Rc<serde_json::Value>, String>>);
    let panel = use_node_ref();
    {
        let (text, panel) = (text.clone(), panel.clone());
        use_effect_with((), move |_| {
            let Some(el) = panel.cast::<web_sys::Element>() else { return };
            let fetch = Closure::once_into_js(move || {
                wasm_bindgen_futures::spawn_local(async move {
                    let got = page::fetch_text(TEXT_URL).await.and_then(|t| {
                        serde_json::from_str::<serde_json::Value>(&t).map_err(|e| format!("it is not the panel's text ({e})"))
                    });
                    text.set(Some(got.map(Rc::new)));
                });
            });
            page::when_near(&el, &fetch);
        });
    }
    // Text above a section that a link jumped to has just grown: the section goes back to
    // the top of the view.
    use_effect_with(text.is_some(), |loaded| {
        let hash = gloo::utils::window().location().hash().unwrap_or_default();
        if *loaded && hash.starts_with("#learn-") {
            if let Some(el) = gloo::utils::document().get_element_by_id(&hash[1..]) {
                el.scroll_into_view();
            }
        }
    });
    let (kube, kubectl) = (props.kube_minor, props.kubectl_minor);
    let paragraphs = |id: &str| -> Html {
        match &*text {
            Some(Ok(v)) => {
                let list = v.get(id).and_then(|p| p.as_array()).map(Vec::as_slice).unwrap_or_default();
                list.iter().filter_map(|p| say_json(p, kube, kubectl)).map(|p| html! { <p>{ rich(&p) }</p> }).collect::<Html>()
            }
            _ => html! {},
        }
    };
    html! {
        <section id="learn" class="panel learn" aria-labelledby="learn-heading" tabindex="-1" ref={panel}>
            <h2 id="learn-heading">{ "Learn" }</h2>
            <h3>{ "Recipes" }</h3>
            <ul class="recipes">{ for recipes }</ul>
            if pending.is_some() {
                <p class="note">{ "Loading the recipes…" }</p>
            }
            if let Some(e) = &*problem {
                <p class="note problem" role="alert">{ e.clone() }</p>
            }
            if let Some(Err(e)) = &*text {
                <p class="note" role="alert">{ format!("The explanations could not be loaded: {e}.") }</p>
            }
            { for TOPICS.iter().map(|s| html! {
                <section id={format!("learn-{}", s.id)} class="learn-section" aria-labelledby={format!("learn-{}-title", s.id)} tabindex="-1">
                    <h3 id={format!("learn-{}-title", s.id)}>{ s.title }</h3>
                    { paragraphs(s.id) }
                    if s.id == "pod-security" {
                        <Profiles extra={props.extra.clone()} pod_text={props.pod_text.clone()} kubectl_minor={props.kubectl_minor} />
                    }
                </section>
            }) }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use ecplay_core::learn::{learn_json, SECTIONS, TOPICS};

    #[test]
    fn the_fetched_text_is_the_cores() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../static/learn.json");
        if std::env::var_os("ECPLAY_WRITE_LEARN").is_some() {
            std::fs::write(path, learn_json()).unwrap();
        }
        let kept = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            kept == learn_json(),
            "static/learn.json is not ecplay_core::learn::SECTIONS: ECPLAY_WRITE_LEARN=1 cargo test -p ecplay-web"
        );
        let ids: Vec<_> = SECTIONS.iter().map(|s| (s.id, s.title)).collect();
        assert_eq!(ids, TOPICS.iter().map(|t| (t.id, t.title)).collect::<Vec<_>>());
    }
}
