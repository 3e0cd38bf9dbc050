use yew::prelude::*;

use crate::state::{Aside, Said};

#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    pub text: AttrValue,
    /// An alert rather than a note.
    #[prop_or_default]
    pub error: bool,
    /// Its buttons and links.
    #[prop_or_default]
    pub children: Html,
    /// Where there is a way to dismiss it.
    #[prop_or_default]
    pub on_dismiss: Option<Callback<MouseEvent>>,
}

/// A message above the playground, with its buttons and a way to dismiss it.
#[component]
pub fn Notice(props: &NoticeProps) -> Html {
    html! {
        <div class={classes!("notice", props.error.then_some("error"))} role={if props.error { "alert" } else { "note" }}>
            <span>{ props.text.clone() }</span>
            { props.children.clone() }
            if let Some(dismiss) = &props.on_dismiss { <button type="button" onclick={dismiss} aria-label="Dismiss">{ "×" }</button> }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct NoticesProps {
    /// Another tab wrote the playground kept in this browser.
    pub other_tab: bool,
    pub aside: Option<Aside>,
    /// Why the playground is not kept.
    pub unkept: Said,
    /// The last thing said.
    pub message: Said,
    /// What replaced the playground, when Undo can bring it back.
    pub undo_note: Option<&'static str>,
    pub on_take_other: Callback<MouseEvent>,
    pub on_keep_mine: Callback<MouseEvent>,
    pub on_delete_aside: Callback<MouseEvent>,
    pub on_undo: Callback<MouseEvent>,
    /// Forgets what Undo would bring back.
    pub on_forget: Callback<MouseEvent>,
    pub on_dismiss_aside: Callback<MouseEvent>,
    pub on_dismiss_unkept: Callback<MouseEvent>,
    pub on_dismiss_message: Callback<MouseEvent>,
}

/// The messages above the playground, each in a place of its own (`state::Page`).
#[component]
pub fn Notices(props: &NoticesProps) -> Html {
    let page = props;
    html! {
        <>
        if page.other_tab {
            <Notice error=true text="Another tab changed the playground kept in this browser. This tab keeps nothing until you choose whose work to keep:">
                <button type="button" onclick={props.on_take_other.clone()}>{ "Take the other tab's work" }</button>
                <button type="button" onclick={props.on_keep_mine.clone()}>{ "Keep this tab's work" }</button>
            </Notice>
        }
        if let Some(a) = &page.aside {
            <Notice error=true text={a.text.clone()} on_dismiss={props.on_dismiss_aside.clone()}>
                <a href={a.url.clone()} download="ecplay-saved-state.txt">{ "Download it" }</a>
                if a.kept { <button type="button" onclick={props.on_delete_aside.clone()}>{ "Delete it" }</button> }
            </Notice>
        }
        if let Some((text, error)) = &page.unkept {
            <Notice error={*error} text={text.clone()} on_dismiss={props.on_dismiss_unkept.clone()} />
        }
        if let Some((text, error)) = &page.message {
            <Notice error={*error} text={text.clone()} on_dismiss={props.on_dismiss_message.clone()} />
        }
        if let Some(note) = page.undo_note {
            <Notice text={note} on_dismiss={props.on_forget.clone()}>
                <button type="button" onclick={props.on_undo.clone()}>{ "Undo" }</button>
            </Notice>
        }
        </>
    }
}
