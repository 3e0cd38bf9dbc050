//! The Learn panel: ephemeral containers explained (`ecplay_core::learn`), one anchor per
//! section (`#learn-<id>`) for the diagnostics to link to, and recipes that fill the composer.

use ecplay_core::learn::{RECIPES, SECTIONS};
use yew::prelude::*;

use crate::state::{Action, State};

/// A paragraph with its `backticks` as code.
pub fn rich(text: &str) -> Html {
    html! {
        { for text.split('`').enumerate().map(|(i, part)| if i % 2 == 1 { html! { <code>{ part }</code> } } else { html! { part } }) }
    }
}

#[derive(Properties, PartialEq)]
pub struct LearnProps {
    pub state: UseReducerHandle<State>,
}

#[component]
pub fn LearnPanel(props: &LearnProps) -> Html {
    let recipes = RECIPES.iter().map(|r| {
        let onclick = {
            let state = props.state.clone();
            Callback::from(move |_| {
                state.dispatch(Action::Recipe(r.id));
                // The composer is where the recipe went: show it.
                if let Some(el) = gloo::utils::document().get_element_by_id("composer-heading") {
                    el.scroll_into_view();
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
    html! {
        <section id="learn" class="panel learn" aria-labelledby="learn-heading" tabindex="-1">
            <h2 id="learn-heading">{ "Learn" }</h2>
            <h3>{ "Recipes" }</h3>
            <ul class="recipes">{ for recipes }</ul>
            { for SECTIONS.iter().map(|s| html! {
                <section id={format!("learn-{}", s.id)} class="learn-section" aria-labelledby={format!("learn-{}-title", s.id)} tabindex="-1">
                    <h3 id={format!("learn-{}-title", s.id)}>{ s.title }</h3>
                    { for s.paragraphs.iter().map(|p| html! { <p>{ rich(p) }</p> }) }
                </section>
            }) }
        </section>
    }
}
