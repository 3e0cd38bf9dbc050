//! What a Pod Security fix button did, with the way back: shown while the container's text is
//! still what the fix made (an edit after it is the user's, which Undo must not throw away).

use std::rc::Rc;

use yew::prelude::*;

use crate::hooks::Fixed;

#[derive(Properties, PartialEq)]
pub struct FixUndoProps {
    pub fixed: Option<Fixed>,
    /// The composer's text now.
    pub text: Rc<str>,
    /// Undo: the text to go back to.
    pub on_undo: Callback<Rc<str>>,
}

#[component]
pub fn FixUndo(props: &FixUndoProps) -> Html {
    let Some(fixed) = props.fixed.as_ref().filter(|f| f.after == props.text) else { return html! {} };
    let onclick = props.on_undo.reform({
        let before = fixed.before.clone();
        move |_: MouseEvent| before.clone()
    });
    html! {
        <p class="note fixed" aria-live="polite">
            { format!("Fixed {} in the container. ", fixed.check) }
            <button type="button" {onclick}>{ "Undo the fix" }</button>
        </p>
    }
}
