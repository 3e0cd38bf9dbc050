use yew::prelude::*;

/// Copies text to the clipboard; says so next to the button.
#[derive(Properties, PartialEq)]
pub struct CopyProps {
    pub text: AttrValue,
    /// Asked first, with "Copy anyway" and "Cancel" (the server would refuse what is copied).
    #[prop_or_default]
    pub confirm: Option<AttrValue>,
}

#[component]
pub fn CopyButton(props: &CopyProps) -> Html {
    let copied = use_state(|| false);
    let asking = use_state(|| false);
    // "Copied" is about this text: another tab or an edit makes it stale.
    {
        let (copied, asking) = (copied.clone(), asking.clone());
        use_effect_with(props.text.clone(), move |_| {
            copied.set(false);
            asking.set(false);
        });
    }
    let copy = {
        let (text, copied, asking) = (props.text.clone(), copied.clone(), asking.clone());
        Callback::from(move |_: MouseEvent| {
            asking.set(false);
            if let Some(w) = web_sys::window() {
                let _ = w.navigator().clipboard().write_text(&text);
                copied.set(true);
            }
        })
    };
    let onclick = match &props.confirm {
        Some(_) => {
            let asking = asking.clone();
            Callback::from(move |_| asking.set(true))
        }
        None => copy.clone(),
    };
    let cancel = {
        let asking = asking.clone();
        Callback::from(move |_| asking.set(false))
    };
    html! {
        <span class="copy">
            if let (Some(question), true) = (&props.confirm, *asking) {
                <span class="confirm" role="alert">{ question.clone() }{ " " }
                    <button type="button" onclick={copy}>{ "Copy anyway" }</button>{ " " }
                    <button type="button" onclick={cancel}>{ "Cancel" }</button>
                </span>
            } else {
                <button type="button" {onclick}>{ "Copy" }</button>
            }
            // A live region that is always there: one inserted with its text is often not read out.
            <span class="copied" aria-live="polite">{ if *copied { "Copied" } else { "" } }</span>
        </span>
    }
}
