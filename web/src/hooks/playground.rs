use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use yew::prelude::*;

use super::theme::kept_theme;
use crate::page::{self, Launch, Unkept};
use crate::samples;
use crate::state::{Action, History, Page, PageAction, State};
use crate::storage::{self, Keeper, POD_STORAGE_KEY, STORAGE_KEY};

/// Writes what changed of the playground and its history, and says what could not be kept.
pub type Save = Rc<dyn Fn(&State, &History)>;

/// The playground: the document being edited, the page around it, and what keeps them in
/// this browser's storage.
#[derive(Clone)]
pub struct Playground {
    pub state: UseReducerHandle<State>,
    pub page: UseReducerHandle<Page>,
    pub keeper: Rc<RefCell<Keeper>>,
    pub save: Save,
}

/// The playground's first state: the embed's sample (when it is at hand: the app fetches it
/// otherwise), or what this browser kept.
fn first_state(launch: &Launch, seed: &str, kept: Option<State>) -> State {
    let mut s = kept.unwrap_or_else(|| State::new(seed));
    if launch.embed {
        if let Some((sample, text)) = launch.options.sample.as_deref().and_then(samples::find).and_then(|x| Some((x, x.text()?))) {
            s = (*Rc::new(s).reduce(Action::Sample(sample.id, text))).clone();
        }
        if let Some(format) = launch.options.tab {
            s.format = format;
        }
        s.cluster = crate::components::cluster_with_options(s.cluster, &launch.options.cluster);
    }
    s
}

/// The document and the page, started from what this browser kept (an embed neither reads
/// nor writes it; what of it cannot be read is kept aside and offered for download), and
/// every change of them kept: nothing typed is lost, and what cannot be kept is said so.
/// Another tab writing the same playground stops this one's writes, and asks.
#[hook]
pub fn use_playground(launch: &Rc<Launch>, seed: &Rc<String>) -> Playground {
    let embed = launch.embed;
    let keeper = use_mut_ref(|| Keeper::start(embed, seed));
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
            p.theme = launch.theme().or_else(|| kept_theme(embed)).unwrap_or_default();
            p
        })
    };
    keeper.borrow_mut().live = Some(state.clone());
    let save: Save = {
        let (keeper, page) = (keeper.clone(), page.clone());
        Rc::new(move |state: &State, history: &History| {
            let said = match keeper.borrow_mut().save(state, history) {
                Ok(()) => page.unkept.clone().filter(|(_, error)| !error),
                Err((why, what, len)) => Some((storage::unkept_message(why, what, len), why != Unkept::Off)),
            };
            if page.unkept != said {
                page.dispatch(PageAction::Unkept(said));
            }
        })
    };
    {
        let save = save.clone();
        use_effect_with((state.clone(), page.history.clone()), move |(state, history)| save(state, history));
    }
    {
        let (keeper, page) = (keeper.clone(), page.clone());
        use_effect_with((), move |_| {
            if embed {
                return;
            }
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
            elsewhere.forget(); // for the page's lifetime
        });
    }
    Playground { state, page, keeper, save }
}

/// When another tab wrote: take its work (this tab's goes behind Undo), or keep this tab's
/// (written whole, and then the other tab is asked).
#[hook]
pub fn use_other_tab(p: &Playground, seed: &Rc<String>) -> (Callback<MouseEvent>, Callback<MouseEvent>) {
    let take_other = {
        let (p, seed) = (p.clone(), seed.clone());
        Callback::from(move |_| {
            let Playground { state, page, keeper, save } = &p;
            let (theirs, aside) = storage::read(&seed);
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
                stack.push(Rc::new((**state).clone()));
                k.holds(&s, theirs.pod_hash, None);
                drop(k);
                page.dispatch(PageAction::History(stack, "Took the other tab's work."));
                state.dispatch(Action::Load(Rc::new(s)));
            } else {
                k.rewrite();
                drop(k);
                page.dispatch(PageAction::Message(Some(("The other tab's work could not be read: this tab's is kept.".to_owned(), true))));
                save(state, &page.history);
            }
        })
    };
    let keep_mine = {
        let p = p.clone();
        Callback::from(move |_| {
            p.keeper.borrow_mut().rewrite();
            (p.save)(&p.state, &p.page.history);
            p.page.dispatch(PageAction::OtherTab(false));
        })
    };
    (take_other, keep_mine)
}
