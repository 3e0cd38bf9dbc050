use std::rc::Rc;

use wasm_bindgen::prelude::*;
use yew::prelude::*;

use super::Playground;
use crate::page::{self, Launch};
use crate::state::{Action, PageAction, State};

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

/// A share link, when the page opens or followed in an open tab (`hashchange`): the state it
/// carries replaces this one, which Undo brings back; a link that cannot be read changes
/// nothing. The fragment goes, so that a reload shows what has been typed since.
#[hook]
pub fn use_share_links(p: &Playground, launch: &Rc<Launch>, seed: &Rc<String>) {
    let (p, launch, seed) = (p.clone(), launch.clone(), seed.clone());
    use_effect_with((), move |_| {
        let embed = launch.embed;
        let open_link = move |packed: String| {
            let (page, keeper, seed) = (p.page.clone(), p.keeper.clone(), seed.clone());
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
                    let url = format!("{}{}", w.location().pathname().unwrap_or_default(), w.location().search().unwrap_or_default());
                    let _ = w.history().and_then(|h| h.replace_state_with_url(&JsValue::NULL, "", Some(&url)));
                }
            });
        };
        if let Some(packed) = launch.shared.clone() {
            open_link(packed);
        }
        if !embed {
            let followed = Closure::<dyn FnMut(String)>::new(open_link);
            page::on_share_link(page::SHARE_PREFIX, &followed);
            followed.forget(); // for the page's lifetime
        }
    });
}
