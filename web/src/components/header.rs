use yew::prelude::*;

use crate::page::page_path;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub embed: bool,
    pub dark: bool,
    pub on_theme: Callback<MouseEvent>,
    /// The full playground: "New" and whether the Share panel is open.
    #[prop_or_default]
    pub sharing: bool,
    #[prop_or_default]
    pub on_new: Callback<MouseEvent>,
    #[prop_or_default]
    pub on_share: Callback<MouseEvent>,
    /// Opens the Import dialog.
    #[prop_or_default]
    pub on_import: Callback<MouseEvent>,
    /// The embed: its link to the full playground with its state (empty until made).
    #[prop_or_default]
    pub full_link: AttrValue,
    /// The link is pointed at or focused: it is about to be wanted.
    #[prop_or_default]
    pub on_want_link: Callback<()>,
    /// The link is followed.
    #[prop_or_default]
    pub on_open_full: Callback<MouseEvent>,
}

/// The page's top bar: the title and the playground's actions, or an embed's brand and link.
#[component]
pub fn Header(props: &HeaderProps) -> Html {
    let theme_button = html! {
        <button type="button" class="theme" aria-pressed={props.dark.to_string()} onclick={props.on_theme.clone()}>{ "Dark theme" }</button>
    };
    if props.embed {
        let href = if props.full_link.is_empty() { AttrValue::from(page_path()) } else { props.full_link.clone() };
        return html! {
            <header class="top embed-top">
                <strong class="brand">{ "ecplay" }</strong>
                <a class="open-full" {href} target="_blank" rel="noopener" onclick={props.on_open_full.clone()}
                    onpointerenter={props.on_want_link.reform(|_| ())} onfocus={props.on_want_link.reform(|_| ())}>{ "Open in full playground" }</a>
                { theme_button }
            </header>
        };
    }
    html! {
        <header class="top">
            <div class="title">
                <h1>{ "ecplay" }</h1>
                <p class="tagline">{ "The ephemeral container playground: what the API server would say, before you send it. Nothing leaves your browser." }</p>
            </div>
            <nav class="actions" aria-label="Playground">
                <button type="button" onclick={props.on_new.clone()}>{ "New" }</button>
                <button type="button" aria-haspopup="dialog" onclick={props.on_import.clone()}>{ "Import" }</button>
                <button type="button" aria-expanded={props.sharing.to_string()} aria-controls="share" onclick={props.on_share.clone()}>{ "Share" }</button>
                <a href="#learn">{ "Learn" }</a>
                { theme_button }
            </nav>
        </header>
    }
}
