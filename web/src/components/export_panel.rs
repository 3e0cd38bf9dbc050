use std::rc::Rc;

use ecplay_core::export::{Export, Format, IRREVERSIBLE};
use ecplay_core::shell::Shell;
use ecplay_core::KUBECTL_MINORS;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::{select_value, CopyButton};
use crate::hooks::{use_select_value, ExportInView};
use crate::state::TABS;

#[derive(Properties, PartialEq)]
pub struct ExportProps {
    pub shell: Shell,
    pub kubectl_minor: u32,
    /// The export shown.
    pub format: Format,
    /// The export of the tab in view.
    pub export: ExportInView,
    /// The tab in view waits for the module that makes it to load.
    pub loading: bool,
    /// Why there is no export now (the text does not read), said over the last one made.
    #[prop_or_default]
    pub unreadable: Option<AttrValue>,
    /// The server would refuse the request (validation or admission): said first, on every tab.
    #[prop_or_default]
    pub refused: Option<AttrValue>,
    pub on_shell: Callback<Shell>,
    pub on_kubectl: Callback<u32>,
    pub on_format: Callback<Format>,
}

fn tab_id(f: Format) -> String {
    format!("tab-{}", f.name())
}

/// One tab per way to apply the container, for a shell and a kubectl version.
#[component]
pub fn ExportPanel(props: &ExportProps) -> Html {
    let format = props.format;
    let at = TABS.iter().position(|f| *f == format).unwrap_or(0);
    let shell_ref = use_select_value(if props.shell == Shell::PowerShell { "powershell" } else { "posix" });
    let kubectl_ref = use_select_value(&props.kubectl_minor.to_string());
    let on_shell = props.on_shell.reform(|e: Event| if select_value(&e) == "powershell" { Shell::PowerShell } else { Shell::Posix });
    let on_kubectl = props.on_kubectl.reform(|e: Event| select_value(&e).parse().unwrap_or(*KUBECTL_MINORS.end()));
    let on_key = {
        let on_format = props.on_format.clone();
        Callback::from(move |e: KeyboardEvent| {
            let next = match e.key().as_str() {
                "ArrowRight" => TABS[(at + 1) % TABS.len()],
                "ArrowLeft" => TABS[(at + TABS.len() - 1) % TABS.len()],
                "Home" => TABS[0],
                "End" => TABS[TABS.len() - 1],
                _ => return,
            };
            e.prevent_default();
            on_format.emit(next);
            if let Some(el) = gloo::utils::document().get_element_by_id(&tab_id(next)) {
                if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        })
    };
    // The last export made, per tab: while the text does not read (a keystroke half-way
    // through a word), it stays, dimmed, with the reason, instead of the panel collapsing.
    let last = use_mut_ref(Vec::<(Format, Rc<Export>)>::new);
    if let Some(Ok(out)) = props.export.as_ref() {
        let mut l = last.borrow_mut();
        l.retain(|(f, _)| *f != format);
        l.push((format, Rc::new(out.clone())));
    }
    // Copy asks first while the server would refuse what is copied.
    let confirm = props.refused.as_ref().map(|_| AttrValue::from("The server would refuse this request: copy it anyway?"));
    let shown = |out: &Export| {
        html! {
            <>
                if let Some(b) = &out.blocker {
                    <p class="note problem blocker">{ format!("kubectl 1.{} refuses this command: {b}", props.kubectl_minor) }</p>
                }
                { for out.notes.iter().map(|n| html! { <p class="note">{ n }</p> }) }
                <div class="block">
                    <pre><code>{ out.text.clone() }</code></pre>
                    <CopyButton text={AttrValue::from(out.text.clone())} confirm={confirm.clone()} />
                </div>
                <p class="note export-forever">{ IRREVERSIBLE }</p>
                { for out.files.iter().map(|f| html! {
                    <div class="block">
                        <p class="file">{ format!("{} (the --custom file)", f.path) }</p>
                        <pre><code>{ f.contents.clone() }</code></pre>
                        <CopyButton text={AttrValue::from(f.contents.clone())} confirm={confirm.clone()} />
                    </div>
                }) }
            </>
        }
    };
    let stale = last.borrow().iter().find(|(f, _)| *f == format).map(|(_, e)| e.clone());
    let body = match props.export.as_ref() {
        Some(Ok(out)) => html! {
            <>
                if let Some(r) = &props.refused {
                    <p class="note problem refused">{ r.clone() }</p>
                }
                { shown(out) }
            </>
        },
        Some(Err(e)) => html! { <p class="note problem">{ e }</p> },
        None if props.loading => html! { <p class="note">{ format!("Loading the {}…", crate::hooks::form_name(format)) }</p> },
        None => match (stale, &props.unreadable) {
            (Some(out), Some(why)) => html! {
                <>
                    <p class="note problem stale-why">{ format!("The text does not read ({why}): this is the last export made, and not what the text says now.") }</p>
                    <div class="stale" aria-disabled="true">{ shown(&out) }</div>
                </>
            },
            _ => html! { <p class="note">{ "Nothing to export until the pod and the container can be read." }</p> },
        },
    };
    html! {
        <section class="panel" role="region" aria-label="Export">
            <h2>{ "Export" }</h2>
            <div class="export-options">
                <label for="shell">{ "Shell" }</label>
                <select id="shell" ref={shell_ref} onchange={on_shell}>
                    <option value="posix" selected={props.shell == Shell::Posix}>{ Shell::Posix.title() }</option>
                    <option value="powershell" selected={props.shell == Shell::PowerShell}>{ Shell::PowerShell.title() }</option>
                </select>
                <label for="kubectl-version">{ "kubectl version" }</label>
                <select id="kubectl-version" ref={kubectl_ref} onchange={on_kubectl}>
                    { for KUBECTL_MINORS.rev().map(|m| html! { <option value={m.to_string()} selected={props.kubectl_minor == m}>{ format!("1.{m}") }</option> }) }
                </select>
            </div>
            <div role="tablist" aria-label="Ways to apply it" onkeydown={on_key}>
                { for TABS.iter().map(|f| {
                    let select = { let (on_format, f) = (props.on_format.clone(), *f); Callback::from(move |_| on_format.emit(f)) };
                    // A form this kubectl refuses whatever the container says so on its tab
                    // (the mark is read as the tab's description, its name stays the form's).
                    let refused = f.refused_by_kubectl(props.kubectl_minor)
                        .map(|why| format!("kubectl 1.{} refuses it: {why}", props.kubectl_minor));
                    html! {
                        <button type="button" role="tab" id={tab_id(*f)} aria-selected={(*f == format).to_string()}
                            aria-controls="export-panel" tabindex={if *f == format { "0" } else { "-1" }} onclick={select}
                            class={classes!(refused.is_some().then_some("refused"))}
                            title={refused.clone()} aria-description={refused.clone()}>
                            { f.title() }
                            if refused.is_some() {
                                <span class="tab-mark" aria-hidden="true">{ " ✗" }</span>
                            }
                        </button>
                    }
                }) }
            </div>
            <div role="tabpanel" id="export-panel" aria-labelledby={tab_id(format)}>{ body }</div>
        </section>
    }
}
