//! The playground: pick a pod, compose the container with the form or in YAML, see the
//! server's verdict on every keystroke, copy a command. Everything Kubernetes-shaped is
//! asked of `ecplay-core`; this file only lays it out.

use std::rc::Rc;

use ecplay_core::diag::{Diagnostic, Severity, Source};
use ecplay_core::draft::{Draft, EnvRow, MountRow, Profile};
use ecplay_core::export::{self, Export, Format};
use ecplay_core::shell::Shell;
use ecplay_core::{explain, Mode, Options, Report};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::editor::{CodeEditor, Marker};
use crate::extra::{use_extra, Extra};
use crate::keep::{self, Keeper};
use crate::learn::LearnPanel;
use crate::page::Unkept;
use crate::page::{self, Launch, Theme};
use crate::samples::{self, Sample, DEBUG_IMAGES, SAMPLES};
use crate::share::SharePanel;
use crate::state::{Action, History, PageAction, State, ASIDE_STORAGE_KEY, POD_STORAGE_KEY, STORAGE_KEY};

/// The export tabs, in order, with the names the accessibility contract fixes.
const TABS: [(Format, &str); 7] = [
    (Format::KubectlPatch, "kubectl patch"),
    (Format::KubectlDebug, "kubectl debug"),
    (Format::JsonPatch, "JSON patch"),
    (Format::ReplaceRaw, "kubectl replace --raw"),
    (Format::Curl, "curl"),
    (Format::Yaml, "YAML"),
    (Format::FollowUps, "Follow-ups"),
];

/// A memoised value (a report, a reading of the pod), compared by identity: `use_memo`
/// makes a new one only when the texts change.
struct Judged<T = Report>(Rc<T>);

impl<T> Clone for Judged<T> {
    fn clone(&self) -> Self {
        Judged(self.0.clone())
    }
}

impl<T> PartialEq for Judged<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Judged<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

fn input_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

fn select_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

fn checked(e: &Event) -> bool {
    e.target_unchecked_into::<HtmlInputElement>().checked()
}

fn markers(report: &Judged, source: Source) -> Rc<Vec<Marker>> {
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

/// A `<select>` that shows `value`. Yew renders `selected` as an attribute, and an option's
/// attribute stops moving the selection once the user has picked an option by hand (its
/// "dirtiness", HTML's option element): a sample picked after a target chosen by hand left
/// the form showing "(none)". After each render the select is given its value.
#[hook]
fn use_select_value(value: &str) -> NodeRef {
    let node = use_node_ref();
    let (select, value) = (node.clone(), value.to_owned());
    use_effect(move || {
        if let Some(select) = select.cast::<HtmlSelectElement>() {
            if select.value() != value {
                select.set_value(&value);
            }
        }
    });
    node
}

/// A message above the playground (an alert when `error`), with its buttons and a way to
/// dismiss it.
fn notice(text: &str, error: bool, actions: Html, dismiss: Option<Callback<MouseEvent>>) -> Html {
    html! {
        <div class={classes!("notice", error.then_some("error"))} role={if error { "alert" } else { "note" }}>
            <span>{ text }</span>
            { actions }
            if let Some(dismiss) = dismiss { <button type="button" onclick={dismiss} aria-label="Dismiss">{ "×" }</button> }
        </div>
    }
}

/// Where the theme choice is kept (this browser only).
const THEME_KEY: &str = "ecplay.theme";

fn launch() -> Launch {
    let loc = gloo::utils::window().location();
    Launch::parse(&loc.search().unwrap_or_default(), &loc.hash().unwrap_or_default())
}

/// The playground's first state: the embed's sample (when it is at hand: see `App`), or
/// what this browser kept.
fn first_state(launch: &Launch, seed: &str, kept: Option<State>) -> State {
    let mut s = kept.unwrap_or_else(|| State::new(seed));
    if launch.embed {
        if let Some((sample, text)) = launch.sample.as_deref().and_then(samples::find).and_then(|x| Some((x, x.text()?))) {
            s = (*Rc::new(s).reduce(Action::Sample(sample.id, text))).clone();
        }
        if let Some(tab) = launch.tab.as_deref().and_then(tab_index) {
            s.tab = tab;
        }
    }
    s
}

/// The playground a share link carries (`#s=<packed>`), or what to say about it.
async fn read_link(packed: &str, seed: &str) -> Result<State, String> {
    let unreadable = |e: String| format!("This share link could not be read: {e}. Nothing was changed.");
    let text = page::decompress(packed).await.map_err(|(e, whole)| if whole { e } else { unreadable(e) })?;
    let (v, sample) = State::read_shared(&text).map_err(unreadable)?;
    if let Some(sample) = sample {
        sample.load().await.map_err(|e| unreadable(format!("the sample “{}” it names could not be loaded: {e}", sample.title)))?;
    }
    State::from_shared(&v, seed).map_err(unreadable)
}

/// A `tab=` value: a format's name (`kubectl-debug`) or a 0-based index.
fn tab_index(v: &str) -> Option<usize> {
    let f = Format::from_name(v);
    TABS.iter().position(|(t, _)| Some(*t) == f).or_else(|| v.parse().ok().filter(|i| *i < TABS.len()))
}

#[component]
pub fn App() -> Html {
    let launch = use_memo((), |_| launch());
    let embed = launch.embed;
    // A whole number: printing a float (its shortest form) showed as 9 ms of a load in a profile.
    let seed = use_memo((), |_| ((js_sys::Math::random() * 9_007_199_254_740_992.0) as u64).to_string());
    // What this browser kept (an embed neither reads nor writes it), read once; what of it
    // cannot be read is kept aside and offered for download (keep.rs).
    let keeper = use_mut_ref(|| Keeper::start(embed, &seed));
    let first = keeper.borrow_mut().first.take();
    let (kept_state, first_page) = first.unzip();
    let state = {
        let (launch, seed) = (launch.clone(), seed.clone());
        use_reducer(move || first_state(&launch, &seed, kept_state.flatten()))
    };
    let page = {
        let launch = launch.clone();
        use_reducer(move || {
            let mut p = first_page.unwrap_or_default();
            p.theme = launch
                .theme
                .or_else(|| {
                    // The toggle's choice, kept as JSON (static/boot.js reads it too); not an embed's.
                    let kept = if embed { None } else { page::keep_get(THEME_KEY) };
                    kept.and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
                        .and_then(|t| t.as_str().and_then(Theme::from_name))
                })
                .unwrap_or_default();
            p
        })
    };
    keeper.borrow_mut().live = Some(state.clone());
    // Nothing typed is lost: every change is kept in this browser's storage, and what
    // cannot be kept is said so (not by an embed, which shows what its page asks for).
    let save = {
        let (keeper, page) = (keeper.clone(), page.clone());
        move |state: &State, history: &History| {
            let said = match keeper.borrow_mut().save(state, history) {
                Ok(()) => page.unkept.clone().filter(|(_, error)| !error),
                Err((why, what, len)) => Some((keep::unkept_message(why, what, len), why != Unkept::Off)),
            };
            if page.unkept != said {
                page.dispatch(PageAction::Unkept(said));
            }
        }
    };
    {
        let save = save.clone();
        use_effect_with((state.clone(), page.history.clone()), move |(state, history)| save(state, history));
    }
    // A sample picked: shown at once when it is at hand, else once fetched (the page says
    // so meanwhile, and why when it cannot be fetched).
    // Only the last pick counts: a sample that arrives after another was picked is dropped.
    let pick_sample = {
        let (state, page, keeper) = (state.clone(), page.clone(), keeper.clone());
        Callback::from(move |sample: Option<&'static Sample>| {
            keeper.borrow_mut().last_pick = sample.map(|x| x.id);
            let Some(sample) = sample else {
                page.dispatch(PageAction::Loading(None));
                state.dispatch(Action::Paste);
                return;
            };
            if let Some(text) = sample.text() {
                page.dispatch(PageAction::Loading(None));
                state.dispatch(Action::Sample(sample.id, text));
                return;
            }
            page.dispatch(PageAction::Loading(Some(sample)));
            let (state, page, keeper) = (state.clone(), page.clone(), keeper.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let fetched = sample.load().await;
                if keeper.borrow().last_pick != Some(sample.id) {
                    return;
                }
                match fetched {
                    Ok(text) => state.dispatch(Action::Sample(sample.id, text)),
                    Err(e) => {
                        page.dispatch(PageAction::Message(Some((format!("The sample “{}” could not be loaded: {e}.", sample.title), true))))
                    }
                }
                page.dispatch(PageAction::Loading(None));
            });
        })
    };
    // A share link, when the page opens or followed in an open tab: the state it carries
    // replaces this one, which Undo brings back; a link that cannot be read changes nothing.
    // The fragment goes, so that a reload shows what has been typed since.
    {
        let (launch, page, seed, keeper) = (launch.clone(), page.clone(), seed.clone(), keeper.clone());
        let pick_sample = pick_sample.clone();
        use_effect_with((), move |_| {
            if embed {
                // The embed's sample when it is not built in.
                if let Some(sample) = launch.sample.as_deref().and_then(samples::find).filter(|x| x.text().is_none()) {
                    pick_sample.emit(Some(sample));
                }
            }
            let open_link = {
                let (keeper, page) = (keeper.clone(), page.clone());
                move |packed: String| {
                    let (page, seed, keeper) = (page.clone(), seed.clone(), keeper.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        let opened = read_link(&packed, &seed).await;
                        // The playground as it is now, not as it was before the await.
                        let live = keeper.borrow().live.clone();
                        match (opened, live) {
                            (Ok(s), Some(state)) => {
                                if !embed {
                                    page.dispatch(PageAction::Replaced(Rc::new((*state).clone()), "Opened a shared playground."));
                                }
                                state.dispatch(Action::Load(Rc::new(s)));
                            }
                            (Err(e), _) => page.dispatch(PageAction::Message(Some((e, true)))),
                            _ => {}
                        }
                        if !embed {
                            let w = gloo::utils::window();
                            let url =
                                format!("{}{}", w.location().pathname().unwrap_or_default(), w.location().search().unwrap_or_default());
                            let _ = w.history().and_then(|h| h.replace_state_with_url(&JsValue::NULL, "", Some(&url)));
                        }
                    });
                }
            };
            if let Some(packed) = launch.shared.clone() {
                open_link(packed);
            }
            if !embed {
                let followed = Closure::<dyn FnMut(String)>::new(open_link);
                page::on_share_link(page::SHARE_PREFIX, &followed);
                followed.forget(); // for the page's lifetime
                                   // Another tab writing the same playground: this one stops writing, and asks.
                let elsewhere = Closure::<dyn FnMut()>::new(move || {
                    let first = {
                        let mut k = keeper.borrow_mut();
                        let first = k.on && !k.paused;
                        k.paused |= first;
                        first
                    };
                    if first {
                        page.dispatch(PageAction::OtherTab(true));
                    }
                });
                page::on_kept_elsewhere(&format!("{STORAGE_KEY} {POD_STORAGE_KEY}"), &elsewhere);
                elsewhere.forget();
            }
            if let Some(anchor) = launch.anchor.clone() {
                if let Some(el) = gloo::utils::document().get_element_by_id(&anchor) {
                    el.scroll_into_view();
                }
            }
            if embed {
                page::report_height();
            }
        });
    }
    let system_dark = use_state(page::prefers_dark);
    {
        let system_dark = system_dark.clone();
        use_effect_with((), move |_| {
            let listener = Closure::<dyn FnMut(bool)>::new(move |dark| system_dark.set(dark));
            page::on_system_theme(&listener);
            listener.forget(); // for the page's lifetime
        });
    }
    use_effect_with(page.theme, |theme| {
        let root = gloo::utils::document_element();
        let _ = match theme {
            Theme::System => root.remove_attribute("data-theme"),
            t => root.set_attribute("data-theme", t.name()),
        };
    });
    let dark = match page.theme {
        Theme::System => *system_dark,
        t => t == Theme::Dark,
    };
    let toggle_theme = {
        let page = page.clone();
        Callback::from(move |_| {
            let next = if dark { Theme::Light } else { Theme::Dark };
            if !embed {
                // As JSON, which static/boot.js reads before the app is up.
                let _ = page::keep_set(THEME_KEY, &format!("\"{}\"", next.name()));
            }
            page.dispatch(PageAction::Theme(next));
        })
    };
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
    let say = |action: fn() -> PageAction| {
        let page = page.clone();
        Callback::from(move |_: MouseEvent| page.dispatch(action()))
    };
    // Another tab wrote: take its work (this tab's goes behind Undo), or keep this tab's
    // (written whole, and then the other tab is asked).
    let take_other = {
        let (state, page, keeper, seed) = (state.clone(), page.clone(), keeper.clone(), seed.clone());
        let save = save.clone();
        Callback::from(move |_| {
            let (theirs, aside) = keep::read(&seed);
            let mut k = keeper.borrow_mut();
            k.paused = false;
            if theirs.unreadable.is_some() {
                // With nowhere to keep what cannot be read, nothing is written over it.
                k.on &= aside.as_ref().is_some_and(|a| a.kept);
                page.dispatch(PageAction::Aside(aside));
            }
            page.dispatch(PageAction::OtherTab(false));
            if let Some(s) = theirs.state {
                let mut stack = theirs.undo;
                stack.push(Rc::new((*state).clone()));
                k.holds(&s, theirs.pod_hash, None);
                drop(k);
                page.dispatch(PageAction::History(stack, "Took the other tab's work."));
                state.dispatch(Action::Load(Rc::new(s)));
            } else {
                k.rewrite();
                drop(k);
                page.dispatch(PageAction::Message(Some(("The other tab's work could not be read: this tab's is kept.".to_owned(), true))));
                save(&state, &page.history);
            }
        })
    };
    let keep_mine = {
        let (state, page, keeper) = (state.clone(), page.clone(), keeper.clone());
        Callback::from(move |_| {
            keeper.borrow_mut().rewrite();
            save(&state, &page.history);
            page.dispatch(PageAction::OtherTab(false));
        })
    };
    let delete_aside = {
        let page = page.clone();
        Callback::from(move |_| {
            page::keep_remove(ASIDE_STORAGE_KEY);
            page.dispatch(PageAction::Aside(None));
        })
    };
    let sharing = use_state(|| false);
    let toggle_share = {
        let sharing = sharing.clone();
        Callback::from(move |_| sharing.set(!*sharing))
    };

    // The pod is read once per change of its text, not on every keystroke in the composer.
    let pod_read = Judged(use_memo(state.pod_text.clone(), |pod| ecplay_core::read_pod(pod)));
    let report = Judged(use_memo((pod_read, state.container_text.clone()), |(pod, ctr)| {
        Report::validate(pod, ctr, Mode::Append, &Options::default())
    }));
    // The module loaded on demand, and the pod handed to it once per change of its text (before
    // anything below asks it about the pod).
    let extra = use_extra();
    let tab = state.tab.min(TABS.len() - 1);
    let debug_tab = TABS[tab].0 == Format::KubectlDebug;
    {
        let extra = extra.clone();
        use_effect_with(debug_tab, move |debug| {
            if *debug {
                extra.want();
            }
        });
    }
    let extra_pod = use_memo((state.pod_text.clone(), extra.status().clone()), |(text, status)| match status {
        Extra::Ready(module) => module.pod(text),
        _ => Ok(()),
    });
    let export_in_view = {
        let report = report.clone();
        let extra = extra.clone();
        // Only the tab in view: the others are made when they are picked.
        let deps = (report.clone(), state.container_text.clone(), state.shell, state.kubectl_minor, tab, extra.status().clone(), extra_pod);
        use_memo(deps, move |(report, ctr, shell, minor, tab, status, extra_pod)| {
            let (Some(pod), Some(ctrs)) = (&report.pod, &report.containers) else { return None };
            let unknown: Vec<String> = report
                .diagnostics
                .iter()
                .filter(|d| d.code == "D-02" && d.source == Some(Source::Container))
                .map(|d| d.field.clone())
                .collect();
            if TABS[*tab].0 == Format::KubectlDebug {
                // Made by the module loaded on demand; until it runs, the panel says so.
                return Some(match (status, &**extra_pod) {
                    (Extra::Ready(module), Ok(())) => module
                        .debug_export(ctr, *shell, *minor, &unknown)
                        .map_err(|e| format!("The kubectl debug form could not be made: {e}.")),
                    (Extra::Ready(_), Err(e)) => Err(format!("The kubectl debug form could not be made: {e}.")),
                    (Extra::Failed(_), _) => Err(extra.waiting("the kubectl debug form").unwrap_or_default()),
                    (Extra::Idle | Extra::Loading, _) => return None,
                });
            }
            let mut req = export::Request::new(&pod.pod, &ctrs.containers);
            req.shell = *shell;
            req.kubectl_minor = *minor;
            req.unknown_fields = &unknown;
            Some(export::without_debug(&req, TABS[*tab].0).map_err(|e| e.to_string()))
        })
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

    let errors = report.errors().count();
    let status = if report.valid() {
        "The server would accept this ephemeral container.".to_owned()
    } else {
        format!("The server would reject this request: {errors} error{}.", if errors == 1 { "" } else { "s" })
    };
    {
        let page = page.clone();
        use_effect_with(state.clone(), move |state| {
            if embed {
                let text = state.shared(&state.pod_text);
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(packed) = page::compress(&text).await {
                        page.dispatch(PageAction::FullLink(format!("{}#{}{packed}", page_path(), page::SHARE_PREFIX)));
                    }
                });
            }
        });
    }
    let theme_button = html! {
        <button type="button" class="theme" aria-pressed={dark.to_string()} onclick={toggle_theme}>{ "Dark theme" }</button>
    };

    html! {
        <>
        if embed {
            <header class="top embed-top">
                <strong class="brand">{ "ecplay" }</strong>
                <a class="open-full" href={if page.full_link.is_empty() { page_path() } else { page.full_link.clone() }} target="_blank" rel="noopener">{ "Open in full playground" }</a>
                { theme_button }
            </header>
        } else {
            <header class="top">
                <div class="title">
                    <h1>{ "ecplay" }</h1>
                    <p class="tagline">{ "The ephemeral container playground: what the API server would say, before you send it. Nothing leaves your browser." }</p>
                </div>
                <nav class="actions" aria-label="Playground">
                    <button type="button" onclick={on_new}>{ "New" }</button>
                    <button type="button" aria-expanded={sharing.to_string()} aria-controls="share" onclick={toggle_share}>{ "Share" }</button>
                    <a href="#learn">{ "Learn" }</a>
                    { theme_button }
                </nav>
            </header>
        }
        if page.other_tab {
            { notice("Another tab changed the playground kept in this browser. This tab keeps nothing until you choose whose work to keep:", true, html! {
                <>
                    <button type="button" onclick={take_other}>{ "Take the other tab's work" }</button>
                    <button type="button" onclick={keep_mine}>{ "Keep this tab's work" }</button>
                </>
            }, None) }
        }
        if let Some(a) = &page.aside {
            { notice(&a.text, true, html! {
                <>
                    <a href={a.url.clone()} download="ecplay-saved-state.txt">{ "Download it" }</a>
                    if a.kept { <button type="button" onclick={delete_aside}>{ "Delete it" }</button> }
                </>
            }, Some(say(|| PageAction::Aside(None)))) }
        }
        if let Some((text, error)) = &page.unkept {
            { notice(text, *error, html! {}, Some(say(|| PageAction::Unkept(None)))) }
        }
        if let Some((text, error)) = &page.message {
            { notice(text, *error, html! {}, Some(say(|| PageAction::Message(None)))) }
        }
        if !page.history.stack.is_empty() {
            { notice(page.history.note, false, html! { <button type="button" onclick={on_undo}>{ "Undo" }</button> }, Some(say(|| PageAction::Forget))) }
        }
        if *sharing && !embed {
            <SharePanel state={state.clone()} />
        }
        if embed && page.loading.is_some() {
            // An embed shows its own sample or nothing: not the first sample's verdict meanwhile.
            <p class="loading" role="status">{ "Loading the sample pod…" }</p>
        } else {
        <main class={classes!("layout", embed.then_some("embed"))}>
            <div class="column">
                <PodPanel state={state.clone()} markers={markers(&report, Source::Pod)} focus={page.focus[0]} read_only={launch.readonly_pod}
                    on_sample={pick_sample} loading={page.loading} />
                <Composer state={state.clone()} report={report.clone()} markers={markers(&report, Source::Container)} focus={page.focus[1]} compact={embed} />
            </div>
            <div class="column">
                <p role="status" class={if report.valid() { "verdict ok" } else { "verdict bad" }}>{ status }</p>
                <Diagnostics report={report.clone()} {on_locate} {embed} />
                <ExportPanel state={state.clone()} export={export_in_view.clone()}
                    loading={debug_tab && matches!(extra.status(), Extra::Idle | Extra::Loading)} />
                if !embed { <Preview report={report.clone()} /> }
            </div>
        </main>
        }
        if !embed {
            <LearnPanel state={state.clone()} extra={extra.clone()} />
        }
        </>
    }
}

/// The playground's address without query or fragment.
pub fn page_path() -> String {
    let loc = gloo::utils::window().location();
    format!("{}{}", loc.origin().unwrap_or_default(), loc.pathname().unwrap_or_default())
}

#[derive(Properties, PartialEq)]
struct PodPanelProps {
    state: UseReducerHandle<State>,
    markers: Rc<Vec<Marker>>,
    focus: Option<(u32, u32, u32)>,
    /// `readonly=pod` of an embed: the pod is shown, not edited.
    read_only: bool,
    /// A sample picked, or `None` for "paste your own".
    on_sample: Callback<Option<&'static Sample>>,
    /// The sample being fetched, if any.
    loading: Option<&'static Sample>,
}

#[component]
fn PodPanel(props: &PodPanelProps) -> Html {
    let state = &props.state;
    let on_sample = {
        let pick = props.on_sample.clone();
        Callback::from(move |e: Event| pick.emit(samples::find(&select_value(&e))))
    };
    let on_pod = {
        let state = state.clone();
        Callback::from(move |t: String| state.dispatch(Action::PodText(t)))
    };
    let sample_ref = use_select_value(props.loading.map(|s| s.id).or(state.sample).unwrap_or(""));
    html! {
        <section class="panel" aria-labelledby="pod-heading">
            <h2 id="pod-heading">{ "Pod" }</h2>
            if props.read_only {
                <p class="note">{ state.sample.and_then(samples::find).map_or("A pod", |s| s.title) }{ " (read-only here)" }</p>
            } else {
                <div class="field">
                    <label for="sample">{ "Sample pod" }</label>
                    <select id="sample" ref={sample_ref} onchange={on_sample}>
                        { for SAMPLES.iter().map(|s| html! {
                            <option value={s.id} selected={state.sample == Some(s.id)}>{ s.title }</option>
                        }) }
                        <option value="" selected={state.sample.is_none()}>{ "Paste your own (kubectl get pod NAME -o yaml)" }</option>
                    </select>
                    if let Some(s) = props.loading {
                        <p class="note" aria-live="polite">{ format!("Loading “{}”…", s.title) }</p>
                    }
                </div>
            }
            <CodeEditor label="Pod YAML" doc={AttrValue::from(state.pod_text.clone())} markers={props.markers.clone()} on_change={on_pod} focus={props.focus} read_only={props.read_only} />
        </section>
    }
}

/// A callback that changes a copy of the form with `f` and hands it to the reducer.
fn on_draft<E: 'static>(state: &UseReducerHandle<State>, d: &Draft, f: impl Fn(&mut Draft, E) + 'static) -> Callback<E> {
    let (state, d) = (state.clone(), d.clone());
    Callback::from(move |e: E| {
        let mut next = d.clone();
        f(&mut next, e);
        state.dispatch(Action::Draft(next));
    })
}

#[derive(Properties, PartialEq)]
struct ComposerProps {
    state: UseReducerHandle<State>,
    report: Judged,
    markers: Rc<Vec<Marker>>,
    focus: Option<(u32, u32, u32)>,
    /// The embed's composer: the main fields; env and mounts stay in the YAML.
    #[prop_or_default]
    compact: bool,
}

#[component]
fn Composer(props: &ComposerProps) -> Html {
    let state = &props.state;
    let d = state.draft.clone();
    let edit = |f: fn(&mut Draft, Event)| on_draft(state, &d, f);
    // Text fields follow every keystroke.
    let edit_text = |f: fn(&mut Draft, String)| {
        on_draft(state, &d, move |next, e: InputEvent| f(next, e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    // Borrowed, not cloned: a pasted pod can be a megabyte.
    let spec = props.report.pod.as_ref().and_then(|p| p.pod.spec.as_ref());
    let mut targets: Vec<String> = spec.iter().flat_map(|s| s.containers.iter()).map(|c| c.name.clone()).collect();
    targets.extend(spec.iter().flat_map(|s| s.init_containers.iter().flatten()).map(|c| c.name.clone()));
    let volumes: Vec<String> = spec.iter().flat_map(|s| s.volumes.iter().flatten()).map(|v| v.name.clone()).collect();

    let env_rows = d.env.iter().enumerate().map(|(i, row)| {
        let set = |value: bool| {
            on_draft(state, &d, move |next, e: InputEvent| {
                let v = e.target_unchecked_into::<HtmlInputElement>().value();
                if value {
                    next.env[i].value = v
                } else {
                    next.env[i].name = v
                }
            })
        };
        let remove = on_draft(state, &d, move |next, _: MouseEvent| {
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
    let add_env = on_draft(state, &d, |next, _: MouseEvent| next.env.push(EnvRow::default()));
    let mount_rows = d.mounts.iter().enumerate().map(|(i, row)| {
        let set = |which: u8| {
            on_draft(state, &d, move |next, e: Event| match which {
                0 => next.mounts[i].name = select_value(&e),
                1 => next.mounts[i].mount_path = input_value(&e),
                _ => next.mounts[i].read_only = checked(&e),
            })
        };
        let remove = on_draft(state, &d, move |next, _: MouseEvent| {
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
        on_draft(state, &d, move |next, _: MouseEvent| {
            next.mounts.push(MountRow { name: first.clone(), mount_path: format!("/debug/{first}"), read_only: true });
        })
    };
    let copy_mounts = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::CopyTargetMounts))
    };
    let on_yaml = {
        let state = state.clone();
        Callback::from(move |t: String| state.dispatch(Action::ContainerText(t)))
    };
    let profile = d.profile.unwrap_or(Profile::Custom);
    let target_ref = use_select_value(&d.target);
    let profile_ref = use_select_value(profile.name());
    let pull_ref = use_select_value(&d.pull_policy);

    html! {
        <section class="panel" aria-labelledby="composer-heading">
            <h2 id="composer-heading">{ "Ephemeral container" }</h2>
            { for state.notes.iter().map(|n| html! { <p class="note">{ crate::learn::rich(n) }</p> }) }
            <div class="form">
                <div class="field">
                    <label for="f-name">{ "Name" }</label>
                    <input id="f-name" value={d.name.clone()} oninput={edit_text(|d, v| d.name = v)} spellcheck="false" />
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
                    <input id="f-command" value={d.command.clone()} oninput={edit_text(|d, v| d.command = v)} placeholder="sh -c 'ps aux'" spellcheck="false" />
                </div>
                <div class="field">
                    <label for="f-args">{ "Arguments" }</label>
                    <input id="f-args" value={d.args.clone()} oninput={edit_text(|d, v| d.args = v)} spellcheck="false" />
                </div>
                <div class="field">
                    <label for="f-profile">{ "Security profile" }</label>
                    <select id="f-profile" ref={profile_ref} onchange={edit(|d, e| d.profile = Profile::from_name(&select_value(&e)))}>
                        { for Profile::ALL.iter().map(|p| html! {
                            <option value={p.name()} selected={*p == profile}>{ format!("{} — {}", p.name(), p.summary()) }</option>
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
            <CodeEditor label="Container YAML" doc={AttrValue::from(state.container_text.clone())} markers={props.markers.clone()} on_change={on_yaml} focus={props.focus} />
            if let Some(problem) = &state.yaml_problem {
                <p class="note problem">{ format!("The form waits for YAML it can read: {problem}") }</p>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct DiagnosticsProps {
    report: Judged,
    on_locate: Callback<Diagnostic>,
    /// In an embed the Learn panel is the full playground's, in a new tab.
    #[prop_or_default]
    embed: bool,
}

#[component]
fn Diagnostics(props: &DiagnosticsProps) -> Html {
    let report = &props.report;
    let summary = report.summary();
    let group = |severity: Severity, title: &str| {
        let items: Vec<&Diagnostic> = report.diagnostics.iter().filter(|d| d.severity == severity).collect();
        if items.is_empty() {
            return html! {};
        }
        html! {
            <div class={classes!("group", severity.as_str())}>
                <h3>{ format!("{title} ({})", items.len()) }</h3>
                <ul>
                    { for items.into_iter().map(|d| {
                        let locate = { let d = d.clone(); let cb = props.on_locate.clone(); Callback::from(move |_| cb.emit(d.clone())) };
                        let place = match (d.source, d.line, d.column) {
                            (Some(s), Some(l), Some(c)) => format!("{} {l}:{c}", if s == Source::Pod { "pod" } else { "container" }),
                            _ => String::new(),
                        };
                        let learn = format!("#learn-{}", ecplay_core::learn::section_for(d.code, &d.field));
                        html! {
                            <li class={d.severity.as_str()}>
                                <button type="button" class="locate" onclick={locate} title="Show it in the editor">
                                    <code>{ if d.field.is_empty() { "[]" } else { d.field.as_str() } }</code>
                                    <span class="place">{ place }</span>
                                </button>
                                <p class="message">{ d.message.trim_end() }</p>
                                if let Some(help) = &d.help { <p class="help">{ crate::learn::rich(help) }</p> }
                                <p class="meta">
                                    <span class="code">{ d.code }</span>{ " · " }
                                    if props.embed {
                                        <a href={format!("{}{learn}", page_path())} target="_blank" rel="noopener">{ "Learn why" }</a>
                                    } else {
                                        <a href={learn}>{ "Learn why" }</a>
                                    }
                                    { " · " }<a href={explain::doc_link(d.code)} target="_blank" rel="noopener noreferrer">{ "Kubernetes documentation" }</a>
                                </p>
                            </li>
                        }
                    }) }
                </ul>
            </div>
        }
    };
    html! {
        <section class="panel" role="region" aria-label="Diagnostics">
            <h2>{ "Diagnostics" }</h2>
            if !summary.is_empty() {
                <pre class="kubectl">{ summary }</pre>
            }
            { group(Severity::Error, "Errors") }
            { group(Severity::Warning, "Warnings") }
            { group(Severity::Info, "Hints") }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ExportProps {
    state: UseReducerHandle<State>,
    /// The export of the tab in view.
    export: Rc<Option<Result<Export, String>>>,
    /// The tab in view waits for the module that makes it to load.
    loading: bool,
}

/// Copies text to the clipboard; says so next to the button.
#[derive(Properties, PartialEq)]
pub(crate) struct CopyProps {
    pub text: AttrValue,
}

#[component]
pub(crate) fn CopyButton(props: &CopyProps) -> Html {
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

#[component]
fn ExportPanel(props: &ExportProps) -> Html {
    let state = &props.state;
    let tab = state.tab.min(TABS.len() - 1);
    let shell_ref = use_select_value(if state.shell == Shell::PowerShell { "powershell" } else { "posix" });
    let kubectl_ref = use_select_value(&state.kubectl_minor.to_string());
    let on_shell = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            state.dispatch(Action::Shell(if select_value(&e) == "powershell" { Shell::PowerShell } else { Shell::Posix }))
        })
    };
    let on_kubectl = {
        let state = state.clone();
        Callback::from(move |e: Event| state.dispatch(Action::Kubectl(select_value(&e).parse().unwrap_or(37))))
    };
    let on_key = {
        let state = state.clone();
        Callback::from(move |e: KeyboardEvent| {
            let next = match e.key().as_str() {
                "ArrowRight" => (tab + 1) % TABS.len(),
                "ArrowLeft" => (tab + TABS.len() - 1) % TABS.len(),
                "Home" => 0,
                "End" => TABS.len() - 1,
                _ => return,
            };
            e.prevent_default();
            state.dispatch(Action::Tab(next));
            if let Some(el) = gloo::utils::document().get_element_by_id(&format!("tab-{next}")) {
                if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        })
    };
    let body = match props.export.as_ref() {
        Some(Ok(out)) => html! {
            <>
                if let Some(b) = &out.blocker {
                    <p class="note problem blocker">{ format!("kubectl 1.{} refuses this command: {b}", state.kubectl_minor) }</p>
                }
                { for out.notes.iter().map(|n| html! { <p class="note">{ n }</p> }) }
                <div class="block">
                    <pre><code>{ out.text.clone() }</code></pre>
                    <CopyButton text={AttrValue::from(out.text.clone())} />
                </div>
                { for out.files.iter().map(|f| html! {
                    <div class="block">
                        <p class="file">{ format!("{} (the --custom file)", f.path) }</p>
                        <pre><code>{ f.contents.clone() }</code></pre>
                        <CopyButton text={AttrValue::from(f.contents.clone())} />
                    </div>
                }) }
            </>
        },
        Some(Err(e)) => html! { <p class="note problem">{ e }</p> },
        None if props.loading => html! { <p class="note">{ "Loading the kubectl debug form…" }</p> },
        None => html! { <p class="note">{ "Nothing to export until the pod and the container can be read." }</p> },
    };
    html! {
        <section class="panel" role="region" aria-label="Export">
            <h2>{ "Export" }</h2>
            <div class="export-options">
                <label for="shell">{ "Shell" }</label>
                <select id="shell" ref={shell_ref} onchange={on_shell}>
                    <option value="posix" selected={state.shell == Shell::Posix}>{ Shell::Posix.title() }</option>
                    <option value="powershell" selected={state.shell == Shell::PowerShell}>{ Shell::PowerShell.title() }</option>
                </select>
                <label for="kubectl-version">{ "kubectl version" }</label>
                <select id="kubectl-version" ref={kubectl_ref} onchange={on_kubectl}>
                    { for (25..=37u32).rev().map(|m| html! { <option value={m.to_string()} selected={state.kubectl_minor == m}>{ format!("1.{m}") }</option> }) }
                </select>
            </div>
            <div role="tablist" aria-label="Ways to apply it" onkeydown={on_key}>
                { for TABS.iter().enumerate().map(|(i, (_, name))| {
                    let select = { let state = state.clone(); Callback::from(move |_| state.dispatch(Action::Tab(i))) };
                    html! {
                        <button type="button" role="tab" id={format!("tab-{i}")} aria-selected={(i == tab).to_string()}
                            aria-controls="export-panel" tabindex={if i == tab { "0" } else { "-1" }} onclick={select}>{ *name }</button>
                    }
                }) }
            </div>
            <div role="tabpanel" id="export-panel" aria-labelledby={format!("tab-{tab}")}>{ body }</div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct PreviewProps {
    report: Judged,
}

/// What the server would store: the ephemeral containers after defaulting, the new ones marked.
#[component]
fn Preview(props: &PreviewProps) -> Html {
    if props.report.unusable {
        return html! {};
    }
    let first_new = props.report.first_new;
    // Two columns for the mark, then the YAML: ephemeralContainers inside spec.
    let mut lines = vec!["  spec:".to_owned(), "    ephemeralContainers:".to_owned()];
    for (i, ec) in props.report.stored.iter().enumerate() {
        let mark = if i < first_new { "  " } else { "+ " };
        for (j, line) in ecplay_core::draft::container_yaml(ec).lines().enumerate() {
            lines.push(format!("{mark}  {}{line}", if j == 0 { "- " } else { "  " }));
        }
    }
    html! {
        <section class="panel" aria-labelledby="preview-heading">
            <h2 id="preview-heading">{ "What the pod will hold" }</h2>
            <p class="note">{ "spec.ephemeralContainers after the server's defaulting; lines marked + are new." }</p>
            <pre class="diff">{ for lines.iter().map(|l| html! { <span class={if l.starts_with('+') { "add" } else { "same" }}>{ format!("{l}\n") }</span> }) }</pre>
        </section>
    }
}
