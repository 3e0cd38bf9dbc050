//! The playground: pick a pod, compose the container with the form or in YAML, see the
//! server's verdict on every keystroke, copy a command. Everything Kubernetes-shaped is
//! asked of `ecplay-core`; this component holds the state and lays the panels out.

use std::rc::Rc;

use ecplay_core::diag::{Diagnostic, Source};
use ecplay_core::embed::{Part, PodView};
use ecplay_core::Report;
use yew::prelude::*;

use super::{
    form_problems, ClusterPanel, Composer, Diagnostics, ExportPanel, FirstRun, FixUndo, Header, ImportDialog, LearnPanel, Notices,
    PodPanel, Preview, SharePanel, Verdict,
};
use crate::editor::Marker;
use crate::extra::{use_extra, Extra};
use crate::hooks::{
    cluster_json, use_admission, use_export, use_extra_pod, use_first_run, use_fixes, use_other_tab, use_playground, use_report,
    use_sample_pick, use_share_links, use_theme,
};
use crate::page::{self, page_path, Launch};
use crate::samples;
use crate::state::{Action, PageAction, State};
use crate::storage::ASIDE_STORAGE_KEY;

fn markers(report: &Report, source: Source) -> Rc<Vec<Marker>> {
    Rc::new(
        report
            .diagnostics
            .iter()
            .filter(|d| d.source == Some(source))
            .filter_map(|d| {
                Some(Marker {
                    line: d.line?,
                    column: d.column?,
                    severity: d.severity.as_str(),
                    message: format!("{} [{}]", d.message.trim_end(), d.code),
                })
            })
            .collect(),
    )
}

fn launch() -> Launch {
    let loc = gloo::utils::window().location();
    Launch::parse(&loc.search().unwrap_or_default(), &loc.hash().unwrap_or_default())
}

#[component]
pub fn App() -> Html {
    let launch = use_memo((), |_| launch());
    let embed = launch.embed;
    // A whole number: printing a float (its shortest form) showed as 9 ms of a load in a profile.
    let seed = use_memo((), |_| ((js_sys::Math::random() * 9_007_199_254_740_992.0) as u64).to_string());
    let playground = use_playground(&launch, &seed);
    let (state, page) = (playground.state.clone(), playground.page.clone());
    let pick_sample = use_sample_pick(&playground);
    use_share_links(&playground, &launch, &seed);
    let (take_other, keep_mine) = use_other_tab(&playground, &seed);
    let (dark, toggle_theme) = use_theme(&page, embed);
    let (first_run, dismiss_first_run) = use_first_run(embed);
    {
        let (launch, pick_sample) = (launch.clone(), pick_sample.clone());
        use_effect_with((), move |_| {
            // The embed's sample when it is not built in.
            if embed {
                if let Some(sample) = launch.options.sample.as_deref().and_then(samples::find).filter(|x| x.text().is_none()) {
                    pick_sample.emit(Some(sample));
                }
            }
            if let Some(anchor) = launch.anchor.as_deref() {
                if let Some(el) = gloo::utils::document().get_element_by_id(anchor) {
                    el.scroll_into_view();
                }
            }
            if embed {
                page::report_height();
            }
        });
    }

    // An embed shows the parts its `show=` names (ecplay_core::embed); the playground, all.
    let shows = |p: Part| !embed || launch.options.show.has(p);
    let compact = embed && launch.options.compact;
    {
        let notices = launch.notices.clone();
        use_effect_with((), move |_| {
            for n in notices.iter().filter(|_| embed) {
                gloo::console::warn!(format!("ecplay embed: {n}"));
            }
        });
    }

    let (pod_read, validated) = use_report(&state);
    // The module loaded on demand (ARCHITECTURE.md, "Two WebAssembly modules").
    let extra = use_extra();
    let extra_pod = use_extra_pod(&state, &extra);
    // Pod Security admission, the step after validation, by the same module.
    let (report, admission) = use_admission(&state, &validated, &extra, &extra_pod);
    let export_in_view = use_export(&state, &report, &extra, &extra_pod);
    let fixes = use_fixes(&state);

    // What the children change, as callbacks: none of them holds a reducer.
    let act = state.dispatcher().to_callback();
    let on_pod_text = act.reform(Action::PodText);
    let on_yaml = act.reform(Action::ContainerText);
    let on_draft = act.reform(Action::Draft);
    let on_copy_mounts = act.reform(|()| Action::CopyTargetMounts);
    let on_form_to_yaml = act.reform(|()| Action::FormToYaml);
    let on_shell = act.reform(Action::Shell);
    let on_kubectl = act.reform(Action::Kubectl);
    let on_format = act.reform(Action::Format);
    let on_recipe = act.reform(|(yaml, notes)| Action::Recipe(yaml, notes));
    let on_cluster = act.reform(Action::Cluster);
    let on_namespace = act.reform(Action::Namespace);
    let on_new = {
        let (state, page, seed) = (state.clone(), page.clone(), seed.clone());
        Callback::from(move |_| {
            page.dispatch(PageAction::Replaced(Rc::new((*state).clone()), "Started a new playground."));
            state.dispatch(Action::Load(Rc::new(State::new(&seed))));
        })
    };
    let on_undo = {
        let (state, page) = (state.clone(), page.clone());
        Callback::from(move |_| {
            if let Some(before) = page.history.stack.last() {
                state.dispatch(Action::Load(before.clone()));
                page.dispatch(PageAction::Back);
            }
        })
    };
    let say = |action: fn() -> PageAction| page.dispatcher().to_callback().reform(move |_: MouseEvent| action());
    let delete_aside = {
        let page = page.clone();
        Callback::from(move |_| {
            page::keep_remove(ASIDE_STORAGE_KEY);
            page.dispatch(PageAction::Aside(None));
        })
    };
    let importing = use_state(|| false);
    let open_import = {
        let importing = importing.clone();
        Callback::from(move |_: MouseEvent| importing.set(true))
    };
    let close_import = {
        let importing = importing.clone();
        Callback::from(move |()| importing.set(false))
    };
    // An import replaces the composer's container: the one before goes behind Undo.
    let on_imported = {
        let (state, page) = (state.clone(), page.clone());
        Callback::from(move |(yaml, notes): (String, Vec<String>)| {
            page.dispatch(PageAction::Replaced(Rc::new((*state).clone()), "Imported a command into the composer."));
            state.dispatch(Action::Import(yaml, notes));
        })
    };
    let sharing = use_state(|| false);
    let toggle_share = {
        let sharing = sharing.clone();
        Callback::from(move |_| sharing.set(!*sharing))
    };
    let on_locate = {
        let page = page.clone();
        Callback::from(move |d: Diagnostic| {
            let (Some(line), Some(column)) = (d.line, d.column) else { return };
            page.dispatch(PageAction::Focus(usize::from(d.source != Some(Source::Pod)), line, column));
        })
    };
    // Marks the moment the playground can be used, for the benchmark (`make bench`).
    use_effect_with((), |_| {
        if let Some(perf) = gloo::utils::window().performance() {
            let _ = perf.mark("ecplay:usable");
        }
    });
    // The embed's link to the full playground carries its state. Core makes it, in the module
    // loaded on demand: asked for when the link is pointed at or focused, so that an embed
    // nobody leaves costs no more than it did; a click before it is made opens it once made.
    let full_link = use_memo((state.clone(), extra.status().clone()), move |(state, status)| match status {
        Extra::Ready(module) if embed => module.share_link(&page_path(), &state.shared(&state.pod_text), false).ok(),
        _ => None,
    });
    let open_full_soon = use_state(|| false);
    let want_full_link = {
        let extra = extra.clone();
        Callback::from(move |()| extra.want())
    };
    let on_open_full = {
        let (extra, soon, made) = (extra.clone(), open_full_soon.clone(), full_link.is_some());
        Callback::from(move |e: MouseEvent| {
            if !made {
                e.prevent_default();
                extra.want();
                soon.set(true);
            }
        })
    };
    {
        let soon = open_full_soon.clone();
        use_effect_with((full_link.clone(), *open_full_soon), move |(link, wanted)| {
            if let (Some(link), true) = (&**link, *wanted) {
                let _ = gloo::utils::window().open_with_url_and_target_and_features(link, "_blank", "noopener");
                soon.set(false);
            }
        });
    }

    // "Paste your own" before the paste: a neutral start, not an error.
    let awaiting_pod = state.pod_text.trim().is_empty();
    // Why nothing can be exported right now, and whether the server would refuse what is.
    let unreadable = report.unusable.then(|| {
        let d = report.errors().next();
        AttrValue::from(d.map_or_else(String::new, |d| match (d.source, d.line, d.column) {
            (Some(s), Some(l), Some(c)) => format!("{} {l}:{c}: {}", s.as_str(), d.message.trim_end()),
            _ => d.message.trim_end().to_owned(),
        }))
    });
    let refused = (!report.valid() && !report.unusable).then(|| {
        let n = report.errors().count();
        let parts = super::verdict::refusing_parts(&report).join(" and ");
        AttrValue::from(format!(
            "The server would refuse this request: {n} error{}, refused by {parts}. As it is, every form below fails: fix the errors first.",
            if n == 1 { "" } else { "s" }
        ))
    });
    let pod_markers = if awaiting_pod { Rc::default() } else { markers(&report, Source::Pod) };
    // Problems of one field, said beside it in the form as well as in the list.
    let name_field = format!("spec.ephemeralContainers[{}].name", report.first_new);
    let name_error = report.errors().find(|d| d.field == name_field);
    let name_problem = name_error.map(|d| AttrValue::from(d.message.trim_end().to_owned()));
    let new_name = report.stored.get(report.first_new).map(|c| c.name.as_str());
    let name_free = name_error
        .filter(|d| d.code == "R-03")
        .zip(report.pod.as_ref())
        .zip(new_name)
        .map(|((_, pod), name)| AttrValue::from(ecplay_core::hints::free_name(&pod.pod, &report.stored, name)));
    let form_problems = if shows(Part::Composer) { form_problems(&state.draft) } else { Vec::new() };

    html! {
        <>
        <Header {embed} {dark} on_theme={toggle_theme} sharing={*sharing} {on_new} on_share={toggle_share}
            full_link={full_link.as_deref().map(AttrValue::from).unwrap_or_default()} on_want_link={want_full_link} {on_open_full}
            on_import={open_import} />
        if !embed {
            <ImportDialog open={*importing} on_close={close_import} extra={extra.clone()} pod_text={state.pod_text.clone()}
                kubectl_minor={state.kubectl_minor} on_import={on_imported} />
        }
        <Notices other_tab={page.other_tab} aside={page.aside.clone()} unkept={page.unkept.clone()} message={page.message.clone()}
            undo_note={(!page.history.stack.is_empty()).then_some(page.history.note)}
            on_take_other={take_other} on_keep_mine={keep_mine} on_delete_aside={delete_aside} {on_undo}
            on_forget={say(|| PageAction::Forget)} on_dismiss_aside={say(|| PageAction::Aside(None))}
            on_dismiss_unkept={say(|| PageAction::Unkept(None))} on_dismiss_message={say(|| PageAction::Message(None))} />
        if first_run { <FirstRun on_dismiss={dismiss_first_run} /> }
        if *sharing && !embed {
            <SharePanel state={Rc::new((*state).clone())} extra={extra.clone()} />
        }
        if embed && page.loading.is_some() {
            // An embed shows its own sample or nothing: not the first sample's verdict meanwhile.
            <p class="loading" role="status">{ "Loading the sample pod…" }</p>
        } else {
        <main class={classes!("layout", embed.then_some("embed"), compact.then_some("compact"))}>
            // Above both columns, and sticky: in view while you type in either.
            if shows(Part::Verdict) { <Verdict report={report.clone()} {awaiting_pod} admission={admission.clone()} format={state.format} /> }
            if embed && !launch.notices.is_empty() {
                // What the address asks for that ecplay does not know: said, never dropped silently.
                <p class="options-notice" role="note" title={launch.notices.join("\n")}>
                    { format!("This embed's address asks for what ecplay does not know: {}.", launch.notices.join("; ")) }
                </p>
            }
            <div class="column">
                // In an embed, the cluster is said only when it is not the default one.
                if !embed || !state.cluster.is_default() {
                    <ClusterPanel cluster={state.cluster.clone()} namespace={state.namespace.clone()} admission_note={admission.waiting.clone()}
                        {on_cluster} {on_namespace} />
                }
                if !embed || launch.options.shows_pod() {
                    <PodPanel pod_text={state.pod_text.clone()} sample={state.sample} markers={pod_markers}
                        focus={page.focus[0]} read_only={launch.options.readonly_pod} on_sample={pick_sample} {on_pod_text} loading={page.loading}
                        folded={embed && launch.options.pod == PodView::Spec} />
                }
                if shows(Part::Composer) || shows(Part::Yaml) {
                    <Composer draft={state.draft.clone()} text={state.container_text.clone()} problem={state.yaml_problem.clone()} form_waiting={state.form_from.is_some()}
                        notes={state.notes.clone()} pod={pod_read.clone()} markers={markers(&report, Source::Container)}
                        focus={page.focus[1]} compact={embed} {name_problem} {name_free} {on_draft} {on_yaml} {on_copy_mounts} {on_form_to_yaml}
                        show_form={shows(Part::Composer)} show_yaml={shows(Part::Yaml)}
                        profiles={admission.admitted.as_ref().and_then(|a| a.profiles.clone())} />
                }
            </div>
            <div class="column">
                <FixUndo fixed={fixes.fixed.clone()} text={state.container_text.clone()} on_undo={fixes.on_undo.clone()} />
                if shows(Part::Diagnostics) {
                    <Diagnostics report={report.clone()} {on_locate} {embed} {awaiting_pod} admission={admission.clone()} on_fix={fixes.on_fix.clone()} {form_problems} />
                }
                if shows(Part::Export) {
                    <ExportPanel shell={state.shell} kubectl_minor={state.kubectl_minor} format={state.format} export={export_in_view.clone()}
                        loading={state.format != ecplay_core::export::SHOWN_FIRST && matches!(extra.status(), Extra::Idle | Extra::Loading)}
                        unreadable={unreadable.clone()} refused={refused.clone()} {on_shell} {on_kubectl} {on_format} />
                }
                if !embed || launch.options.show.has(Part::Holds) { <Preview report={report.clone()} /> }
            </div>
        </main>
        }
        if !embed {
            <LearnPanel recipe_name={AttrValue::from(state.recipe_name())} {on_recipe} extra={extra.clone()}
                pod_text={state.pod_text.clone()} kubectl_minor={state.kubectl_minor} kube_minor={state.cluster.kube_minor}
                cluster={AttrValue::from(cluster_json(&state.cluster))} />
        }
        </>
    }
}
