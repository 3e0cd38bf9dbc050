use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FirstRunProps {
    /// Hides the steps for good (`hooks::use_first_run`).
    pub on_dismiss: Callback<MouseEvent>,
}

/// The three steps of the playground for someone who has not used it yet, each a button to
/// the control it starts at; dismissed once, they are not shown again.
#[component]
pub fn FirstRun(props: &FirstRunProps) -> Html {
    let go = |selector: &'static str| {
        Callback::from(move |_: MouseEvent| {
            let found = gloo::utils::document().query_selector(selector).ok().flatten();
            if let Some(el) = found.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                el.scroll_into_view();
                let _ = el.focus();
            }
        })
    };
    html! {
        <section class="first-run" aria-label="First steps">
            <ol>
                <li><button type="button" class="link" onclick={go("#sample")}>{ "Pick or paste a pod" }</button></li>
                <li><button type="button" class="link" onclick={go("#f-name")}>{ "Edit the debugger" }</button>
                    <span class="step-note">{ " (form or YAML; the verdict follows each key)" }</span></li>
                <li><button type="button" class="link" onclick={go("[role=tab][aria-selected=true]")}>{ "Copy a command" }</button></li>
            </ol>
            <button type="button" class="dismiss" onclick={props.on_dismiss.clone()}>{ "Got it, hide these steps" }</button>
        </section>
    }
}
