use std::rc::Rc;

use ecplay_core::draft::{Draft, EnvRow, MountRow, Profile};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{checked, input_value, rich, select_value};
use crate::editor::{CodeEditor, Marker};
use crate::hooks::{use_select_value, Judged, PodRead};
use crate::samples::DEBUG_IMAGES;

/// A callback that changes a copy of the form with `f` and hands it to the reducer.
fn on_draft<E: 'static>(on_draft: &Callback<Draft>, d: &Draft, f: impl Fn(&mut Draft, E) + 'static) -> Callback<E> {
    let (on_draft, d) = (on_draft.clone(), d.clone());
    Callback::from(move |e: E| {
        let mut next = d.clone();
        f(&mut next, e);
        on_draft.emit(next);
    })
}

#[derive(Properties, PartialEq)]
pub struct ComposerProps {
    /// The form.
    pub draft: Draft,
    /// The container's YAML.
    pub text: Rc<str>,
    /// Why the YAML does not drive the form right now.
    pub problem: Option<String>,
    /// The form has changes that wait for the YAML to read.
    #[prop_or_default]
    pub form_waiting: bool,
    /// Notes from "copy the target's mounts" or a recipe.
    pub notes: Vec<String>,
    /// The pod as read: its containers and volumes are offered.
    pub pod: Judged<PodRead>,
    pub markers: Rc<Vec<Marker>>,
    pub focus: Option<(u32, u32, u32)>,
    /// The embed's composer: the main fields; env and mounts stay in the YAML.
    #[prop_or_default]
    pub compact: bool,
    /// An embed's `show=`: the form (`composer`) and the YAML (`yaml`), each or both.
    #[prop_or(true)]
    pub show_form: bool,
    #[prop_or(true)]
    pub show_yaml: bool,
    /// Why the server refuses the name (its diagnostic), said beside the Name field too.
    #[prop_or_default]
    pub name_problem: Option<AttrValue>,
    /// A free name to offer beside it when the name is taken (core's `hints::free_name`).
    #[prop_or_default]
    pub name_free: Option<AttrValue>,
    /// The form changed.
    pub on_draft: Callback<Draft>,
    /// The YAML as edited.
    pub on_yaml: Callback<String>,
    pub on_copy_mounts: Callback<()>,
    /// The form's container replaces YAML that does not read.
    #[prop_or_default]
    pub on_form_to_yaml: Callback<()>,
    /// The namespace's Pod Security level, and the profiles that pass it and those that do not
    /// (Pod Security admission's answer): those that pass are offered first.
    #[prop_or_default]
    pub profiles: Option<(String, Vec<Profile>, Vec<Profile>)>,
}

/// The ephemeral container: a form and its YAML, in step both ways.
#[component]
pub fn Composer(props: &ComposerProps) -> Html {
    let d = props.draft.clone();
    let emit = &props.on_draft;
    let edit = |f: fn(&mut Draft, Event)| on_draft(emit, &d, f);
    // Text fields follow every keystroke.
    let edit_text = |f: fn(&mut Draft, String)| {
        on_draft(emit, &d, move |next, e: InputEvent| f(next, e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    // Borrowed, not cloned: a pasted pod can be a megabyte.
    let spec = props.pod.as_ref().ok().and_then(|p| p.pod.spec.as_ref());
    let mut targets: Vec<String> = spec.iter().flat_map(|s| s.containers.iter()).map(|c| c.name.clone()).collect();
    targets.extend(spec.iter().flat_map(|s| s.init_containers.iter().flatten()).map(|c| c.name.clone()));
    let volumes: Vec<String> = spec.iter().flat_map(|s| s.volumes.iter().flatten()).map(|v| v.name.clone()).collect();

    let env_rows = d.env.iter().enumerate().map(|(i, row)| {
        let set = |value: bool| {
            on_draft(emit, &d, move |next, e: InputEvent| {
                let v = e.target_unchecked_into::<HtmlInputElement>().value();
                if value {
                    next.env[i].value = v
                } else {
                    next.env[i].name = v
                }
            })
        };
        let remove = on_draft(emit, &d, move |next, _: MouseEvent| {
            next.env.remove(i);
        });
        html! {
            <div class="row" key={i}>
                <input aria-label={format!("Environment variable {} name", i + 1)} value={row.name.clone()} oninput={set(false)} />
                <input aria-label={format!("Environment variable {} value", i + 1)} value={row.value.clone()} oninput={set(true)} />
                <button type="button" onclick={remove} aria-label={format!("Remove environment variable {}", i + 1)}>{ "Remove" }</button>
            </div>
        }
    });
    let add_env = on_draft(emit, &d, |next, _: MouseEvent| next.env.push(EnvRow::default()));
    let mount_rows = d.mounts.iter().enumerate().map(|(i, row)| {
        let set = |which: u8| {
            on_draft(emit, &d, move |next, e: Event| match which {
                0 => next.mounts[i].name = select_value(&e),
                1 => next.mounts[i].mount_path = input_value(&e),
                _ => next.mounts[i].read_only = checked(&e),
            })
        };
        let remove = on_draft(emit, &d, move |next, _: MouseEvent| {
            next.mounts.remove(i);
        });
        let mut names = volumes.clone();
        if !names.contains(&row.name) {
            names.push(row.name.clone());
        }
        html! {
            <div class="row" key={i}>
                <select aria-label={format!("Volume mount {} volume", i + 1)} onchange={set(0)}>
                    { for names.iter().map(|n| html! { <option value={n.clone()} selected={*n == row.name}>{ n }</option> }) }
                </select>
                <input aria-label={format!("Volume mount {} path", i + 1)} value={row.mount_path.clone()} onchange={set(1)} />
                <label class="inline"><input type="checkbox" checked={row.read_only} onchange={set(2)} />{ "read-only" }</label>
                <button type="button" onclick={remove} aria-label={format!("Remove volume mount {}", i + 1)}>{ "Remove" }</button>
            </div>
        }
    });
    let add_mount = {
        let first = volumes.first().cloned().unwrap_or_default();
        on_draft(emit, &d, move |next, _: MouseEvent| {
            next.mounts.push(MountRow { name: first.clone(), mount_path: format!("/debug/{first}"), read_only: true });
        })
    };
    let copy_mounts = props.on_copy_mounts.reform(|_: MouseEvent| ());
    let profile = d.profile.unwrap_or(Profile::Custom);
    // Words that do not split are not used: said beside their field (and in the Diagnostics).
    let problems = form_problems(&d);
    let problem = |id: &str| problems.iter().find(|(i, _)| *i == id).map(|(_, p)| p.clone());
    let (command_problem, args_problem) = (problem("f-command"), problem("f-args"));
    let target_ref = use_select_value(&d.target);
    let profile_ref = use_select_value(profile.name());
    let pull_ref = use_select_value(&d.pull_policy);

    html! {
        <section class="panel" aria-labelledby="composer-heading" data-undo-scope="">
            <h2 id="composer-heading">{ "Ephemeral container" }</h2>
            { for props.notes.iter().map(|n| html! { <p class="note">{ rich(n) }</p> }) }
            if props.show_form {
                <div class="form">
                    <div class="field">
                        <label for="f-name">{ "Name" }</label>
                        <input id="f-name" value={d.name.clone()} oninput={edit_text(|d, v| d.name = v)} spellcheck="false"
                            aria-invalid={props.name_problem.is_some().to_string()} aria-describedby={props.name_problem.is_some().then_some("f-name-problem")} />
                        if let Some(p) = &props.name_problem {
                            <p class="note problem"><span id="f-name-problem">{ p.clone() }</span>
                                if let Some(free) = &props.name_free {
                                    { " " }<button type="button" class="link" onclick={{
                                        let free = free.to_string();
                                        on_draft(emit, &d, move |next, _: MouseEvent| next.name = free.clone())
                                    }}>{ format!("Use {free}") }</button>
                                }
                            </p>
                        }
                    </div>
                    <div class="field">
                        <label for="f-image">{ "Image" }</label>
                        <input id="f-image" list="debug-images" value={d.image.clone()} oninput={edit_text(|d, v| d.image = v)} spellcheck="false" />
                        <datalist id="debug-images">{ for DEBUG_IMAGES.iter().map(|i| html! { <option value={*i} /> }) }</datalist>
                    </div>
                    <div class="field">
                        <label for="f-target">{ "Target container" }</label>
                        <select id="f-target" ref={target_ref} onchange={edit(|d, e| d.target = select_value(&e))}>
                            <option value="" selected={d.target.is_empty()}>{ "(none: own process namespace)" }</option>
                            { for targets.iter().map(|t| html! { <option value={t.clone()} selected={*t == d.target}>{ t }</option> }) }
                            if !d.target.is_empty() && !targets.contains(&d.target) {
                                <option value={d.target.clone()} selected=true>{ format!("{} (not in this pod)", d.target) }</option>
                            }
                        </select>
                    </div>
                    <div class="field">
                        <label for="f-command">{ "Command" }</label>
                        <input id="f-command" value={d.command.clone()} oninput={edit_text(|d, v| d.command = v)} placeholder="sh -c 'ps aux'" spellcheck="false"
                            aria-invalid={command_problem.is_some().to_string()} aria-describedby={command_problem.is_some().then_some("f-command-problem")} />
                        if let Some(p) = &command_problem {
                            <p class="note problem" id="f-command-problem">{ p }</p>
                        }
                    </div>
                    <div class="field">
                        <label for="f-args">{ "Arguments" }</label>
                        <input id="f-args" value={d.args.clone()} oninput={edit_text(|d, v| d.args = v)} spellcheck="false"
                            aria-invalid={args_problem.is_some().to_string()} aria-describedby={args_problem.is_some().then_some("f-args-problem")} />
                        if let Some(p) = &args_problem {
                            <p class="note problem" id="f-args-problem">{ p }</p>
                        }
                    </div>
                    <div class="field">
                        <label for="f-profile">{ "Security profile" }</label>
                        <select id="f-profile" ref={profile_ref} onchange={edit(|d, e| d.profile = Profile::from_name(&select_value(&e)))}>
                            { for profile_order(props.profiles.as_ref()).into_iter().map(|(p, said)| html! {
                                <option value={p.name()} selected={p == profile}>{ format!("{} — {}{said}", p.name(), p.summary()) }</option>
                            }) }
                        </select>
                    </div>
                    if !props.compact {
                        <div class="field">
                            <label for="f-pull">{ "Image pull policy" }</label>
                            <select id="f-pull" ref={pull_ref} onchange={edit(|d, e| d.pull_policy = select_value(&e))}>
                                { for ["", "Always", "IfNotPresent", "Never"].iter().map(|p| html! {
                                    <option value={*p} selected={d.pull_policy == *p}>{ if p.is_empty() { "(server default)" } else { p } }</option>
                                }) }
                            </select>
                        </div>
                    }
                    <div class="field checks">
                        <label class="inline"><input id="f-stdin" type="checkbox" checked={d.stdin} onchange={edit(|d, e| d.stdin = checked(&e))} />{ "Interactive (stdin)" }</label>
                        <label class="inline"><input id="f-tty" type="checkbox" checked={d.tty} onchange={edit(|d, e| d.tty = checked(&e))} />{ "TTY" }</label>
                    </div>
                    if !props.compact {
                        <fieldset>
                            <legend>{ "Environment" }</legend>
                            { for env_rows }
                            <button type="button" onclick={add_env}>{ "Add a variable" }</button>
                        </fieldset>
                        <fieldset>
                            <legend>{ "Volume mounts" }</legend>
                            { for mount_rows }
                            <button type="button" onclick={add_mount} disabled={volumes.is_empty()}>{ "Add a mount" }</button>
                            <button type="button" onclick={copy_mounts} disabled={d.target.is_empty()}>{ "Copy the target's mounts" }</button>
                        </fieldset>
                    }
                </div>
            }
            if props.show_yaml {
                <CodeEditor label="Container YAML" doc={props.text.clone()} markers={props.markers.clone()} on_change={props.on_yaml.clone()} focus={props.focus} />
                if let Some(problem) = &props.problem {
                    if props.form_waiting {
                        <p class="note problem" aria-live="polite">
                            { format!("The form is out of step: its changes wait for YAML it can read ({problem}), and go in once it reads. ") }
                            <button type="button" onclick={props.on_form_to_yaml.reform(|_: MouseEvent| ())}>{ "Replace the YAML with the form" }</button>
                        </p>
                    } else {
                        <p class="note problem">{ format!("The form waits for YAML it can read: {problem}") }</p>
                    }
                }
            }
        </section>
    }
}

/// What a Command or Arguments field that does not split into words says.
fn word_problem(why: &str, what: &str) -> String {
    let stay = if what == "command" { "stays as it was" } else { "stay as they were" };
    format!("Not used yet: {why}; the {what} {stay}.")
}

/// The form's fields that are not used as typed (Command and Arguments that do not split into
/// words), each with its field's id and what it says beside the field: the Diagnostics list
/// them too.
pub fn form_problems(d: &Draft) -> Vec<(&'static str, String)> {
    let split = |text: &str, what| ecplay_core::draft::split_words(text).err().map(|p| word_problem(&p, what));
    [("f-command", split(&d.command, "command")), ("f-args", split(&d.args, "arguments"))]
        .into_iter()
        .filter_map(|(label, p)| Some((label, p?)))
        .collect()
}

/// The Security profile select's options: with a Pod Security level, the profiles that pass
/// it first, then those that fail it, each said so; `custom` last.
fn profile_order(profiles: Option<&(String, Vec<Profile>, Vec<Profile>)>) -> Vec<(Profile, String)> {
    let Some((policy, passing, failing)) = profiles else { return Profile::ALL.iter().map(|p| (*p, String::new())).collect() };
    let mut order: Vec<(Profile, String)> = passing.iter().map(|p| (*p, format!(" (passes {policy})"))).collect();
    order.extend(failing.iter().map(|p| (*p, format!(" (fails {policy})"))));
    order.extend(Profile::ALL.iter().filter(|p| !passing.contains(p) && !failing.contains(p)).map(|p| (*p, String::new())));
    order
}
