//! What the full playground keeps in this browser's storage, and when it writes it
//! (`state.rs` says what is kept, and reads it back; `page.js` does the storage itself).
//!
//! Every write goes in one order: the Undo history, then the pod (only when it changed),
//! then the choices, which name the pod they go with (`podHash`). A write that fails stops
//! the ones after it, so that the storage always holds a whole playground: the last one
//! that could be written, with what it replaced behind Undo. Another tab writing the same
//! keys stops this tab's writes until its user chooses whose work to keep.

use std::rc::Rc;

use yew::UseReducerHandle;

use crate::page::{self, Unkept};
use crate::state::{
    self, Aside, History, Kept, Page, State, Unreadable, ASIDE_STORAGE_KEY, POD_STORAGE_KEY, STORAGE_KEY, UNDO_STORAGE_KEY,
};

/// What was kept, read back (nothing when storage is off): unreadable parts are kept aside
/// under [`ASIDE_STORAGE_KEY`] (after what is there already) and removed from their keys,
/// and said so; aside work from an earlier visit is said so too.
pub fn read(seed: &str) -> (Kept, Option<Aside>) {
    if !page::keep_on() {
        return (Kept::default(), None);
    }
    let kept = Kept::read(page::keep_get(STORAGE_KEY), page::keep_get(POD_STORAGE_KEY), page::keep_get(UNDO_STORAGE_KEY), seed);
    let before = page::keep_get(ASIDE_STORAGE_KEY);
    let aside = match &kept.unreadable {
        Some(Unreadable { why, raw, keys }) => {
            let all = format!("{}{raw}", before.unwrap_or_default());
            let stored = page::keep_set(ASIDE_STORAGE_KEY, &all).is_ok();
            if stored {
                keys.iter().for_each(|k| page::keep_remove(k));
            }
            let text = if stored {
                format!("The playground kept in this browser could not be read ({why}). It is kept aside, not replaced:")
            } else {
                format!("The playground kept in this browser could not be read ({why}), and there is no room to keep it aside: this page keeps nothing this time. It is still there to download:")
            };
            Some(Aside { text, url: page::download_url(&all), kept: stored })
        }
        None => before.map(|all| Aside {
            text: format!("Saved work that could not be read is kept aside ({} KB).", all.len().div_ceil(1000)),
            url: page::download_url(&all),
            kept: true,
        }),
    };
    (kept, aside)
}

/// Why the playground is not kept, as the page says it.
pub fn unkept_message(why: Unkept, what: &str, len: usize) -> String {
    match why {
        Unkept::Off => "This browser keeps nothing for this page (its storage is turned off or refused here): the playground works, but nothing is kept when the page is closed.".to_owned(),
        Unkept::Full(others) => format!(
            "This browser's storage for this page is full (other data takes {} KB): the playground stays on the page, but a reload brings back what was kept before.",
            others.div_ceil(1000)
        ),
        Unkept::TooBig => format!(
            "{what} ({} KB) is bigger than this browser's storage can ever hold: it stays on the page, but a reload brings back what was kept before.",
            len.div_ceil(1000)
        ),
    }
}

/// What this tab has written (or read) under each key, so that it writes only what changed,
/// and the page's other state that callbacks read after an await.
#[derive(Default)]
pub struct Keeper {
    /// Storage takes writes (not for an embed, nor where it is refused).
    pub on: bool,
    /// Another tab has written: nothing is written until this tab's user chooses.
    pub paused: bool,
    choices: String,
    /// The pod's text kept, and its hash.
    pod: Option<(Rc<str>, u64)>,
    /// The generation of the history kept.
    undo: Option<u32>,
    /// A pod that could not be kept, and why: not tried again until it changes.
    refused: Option<(Rc<str>, Unkept)>,
    /// What the page starts with, until `App` takes it: the playground kept, and what is said.
    pub first: Option<(Option<State>, Page)>,
    /// The playground as last rendered, for what happens after an await or in a listener.
    pub live: Option<UseReducerHandle<State>>,
    /// The sample picked last: one fetched after another was picked is dropped. (Here
    /// rather than in a cell of its own: each kind of hook state is code in the download.)
    pub last_pick: Option<&'static str>,
}

impl Keeper {
    /// The keeper of a full playground (an embed's keeps nothing), with what was kept.
    pub fn start(embed: bool, seed: &str) -> Keeper {
        let mut k = Keeper { on: !embed && page::keep_on(), ..Keeper::default() };
        let mut page = Page::default();
        let mut state = None;
        if k.on {
            let (kept, aside) = read(seed);
            if let Some(s) = &kept.state {
                k.holds(s, kept.pod_hash, kept.undo_whole.then_some(0));
            }
            // With nowhere to keep what cannot be read, nothing is written over it.
            k.on = aside.as_ref().is_none_or(|a| a.kept);
            page.history = History { stack: kept.undo, gen: 0, note: "The playground was replaced." };
            page.aside = aside;
            state = kept.state;
        } else if !embed {
            page.unkept = Some((unkept_message(Unkept::Off, "", 0), false));
        }
        k.first = Some((state, page));
        k
    }

    /// The storage holds `state` (its pod's hash `pod_hash`), and `undo` when it is given.
    pub fn holds(&mut self, state: &State, pod_hash: u64, undo: Option<u32>) {
        self.choices = state.kept_choices(pod_hash);
        self.pod = Some((state.pod_text.clone(), pod_hash));
        self.undo = undo;
    }

    /// The next [`Keeper::save`] writes everything, as the only writer again.
    pub fn rewrite(&mut self) {
        (self.choices, self.pod, self.undo, self.paused) = (String::new(), None, None, false);
    }

    /// Writes what changed of `state` and its history; says what could not be kept (what,
    /// and how long it is), and then writes nothing after it.
    pub fn save(&mut self, state: &State, history: &History) -> Result<(), (Unkept, &'static str, usize)> {
        let result = self.write(state, history);
        if let Err((Unkept::Off, ..)) = result {
            self.on = false;
        }
        result
    }

    fn write(&mut self, s: &State, history: &History) -> Result<(), (Unkept, &'static str, usize)> {
        if !self.on || self.paused {
            return Ok(());
        }
        if self.undo != Some(history.gen) {
            match history.text() {
                Some(t) => page::keep_set(UNDO_STORAGE_KEY, &t).map_err(|u| (u, "The Undo history", t.len()))?,
                None => page::keep_remove(UNDO_STORAGE_KEY),
            }
            self.undo = Some(history.gen);
        }
        let pod = &s.pod_text;
        let hash = match &self.pod {
            Some((kept, hash)) if Rc::ptr_eq(kept, pod) || **kept == **pod => *hash,
            _ => {
                match &self.refused {
                    Some((p, why)) if Rc::ptr_eq(p, pod) => return Err((*why, "This pod", pod.len())),
                    _ => {}
                }
                if let Err(why) = page::keep_set(POD_STORAGE_KEY, pod) {
                    self.refused = Some((pod.clone(), why));
                    return Err((why, "This pod", pod.len()));
                }
                self.refused = None;
                let hash = state::pod_hash(pod);
                self.pod = Some((pod.clone(), hash));
                hash
            }
        };
        let choices = s.kept_choices(hash);
        if choices != self.choices {
            page::keep_set(STORAGE_KEY, &choices).map_err(|u| (u, "This playground", choices.len()))?;
            self.choices = choices;
        }
        Ok(())
    }
}
