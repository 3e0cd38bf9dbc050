use yew::prelude::*;

use super::Playground;
use crate::samples::Sample;
use crate::state::{Action, PageAction};

/// Picks a sample (or `None`: "paste your own"). A sample is shown at once when it is at
/// hand, else once fetched (the page says so meanwhile, and why when it cannot be fetched).
/// Only the last pick counts: a sample that arrives after another was picked is dropped.
#[hook]
pub fn use_sample_pick(p: &Playground) -> Callback<Option<&'static Sample>> {
    let p = p.clone();
    use_callback((), move |sample: Option<&'static Sample>, _| {
        let Playground { state, page, keeper, .. } = &p;
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
}
