use yew::prelude::*;

/// Copies text to the clipboard; says so next to the button.
#[derive(Properties, PartialEq)]
pub struct CopyProps {
    pub text: AttrValue,
}

#[component]
pub fn CopyButton(props: &CopyProps) -> Html {
    let copied = use_state(|| false);
    // "Copied" is about this text: another tab or an edit makes it stale.
    {
        let copied = copied.clone();
        use_effect_with(props.text.clone(), move |_| copied.set(false));
    }
    let onclick = {
        let text = props.text.clone();
        let copied = copied.clone();
        Callback::from(move |_| {
            if let Some(w) = web_sys::window() {
                let _ = w.navigator().clipboard().write_text(&text);
                copied.set(true);
            }
        })
    };
    html! {
        <span class="copy">
            <button type="button" {onclick}>{ "Copy" }</button>
            // A live region that is always there: one inserted with its text is often not read out.
            <span class="copied" aria-live="polite">{ if *copied { "Copied" } else { "" } }</span>
        </span>
    }
}
