//! What the full playground keeps in this browser's storage, how it is read back (pure, with
//! host tests) and when it is written (`page.js` does the storage itself).
//!
//! Every write goes in one order: the Undo history, then the pod (only when it changed),
//! then the choices, which name the pod they go with (`podHash`). A write that fails stops
//! the ones after it, so that the storage always holds a whole playground: the last one
//! that could be written, with what it replaced behind Undo. Another tab writing the same
//! keys stops this tab's writes until its user chooses whose work to keep.

use std::rc::Rc;

use yew::UseReducerHandle;

use crate::page::{self, Unkept};
use crate::samples;
use crate::state::{Aside, History, Page, State};
use crate::text::Text;

/// Where the playground keeps its state between visits (this browser only): the choices
/// and the container under one key, the pod's text as it is under another. The pod can be
/// a megabyte: it is written only when it changes, and without JSON's escaping. The choices
/// carry the hash of the pod they were kept with (`podHash`), so that halves written by two
/// tabs are never read as one playground.
pub const STORAGE_KEY: &str = "ecplay.state.v1";
pub const POD_STORAGE_KEY: &str = "ecplay.pod.v1";
/// The Undo history: the playgrounds that "New", share links and another tab's work
/// replaced, as a JSON list of [`State::saved`], the last replaced last.
pub const UNDO_STORAGE_KEY: &str = "ecplay.undo.v1";
/// Saved state that could not be read, kept aside as it was (`key`, its text, and so on).
pub const ASIDE_STORAGE_KEY: &str = "ecplay.aside.v1";
/// The first-run steps were dismissed (`hooks/first_run.rs`): there, they stay hidden.
pub const FIRST_RUN_STORAGE_KEY: &str = "ecplay.first-run.v1";

/// The hash of a kept pod's text, which its choices carry.
pub fn pod_hash(pod: &str) -> u64 {
    samples::fnv1a(pod.as_bytes())
}

impl State {
    /// [`State::saved`] without the pod's text, which is kept under [`POD_STORAGE_KEY`].
    pub fn saved_choices(&self) -> serde_json::Value {
        let mut v = self.saved();
        v.as_object_mut().map(|o| o.remove("pod"));
        v
    }

    /// What is kept under [`STORAGE_KEY`]: [`State::saved_choices`] and the [`pod_hash`] of
    /// the pod kept beside them.
    pub fn kept_choices(&self, pod_hash: u64) -> String {
        let mut v = self.saved_choices();
        v["podHash"] = pod_hash.into();
        v.to_string()
    }

    /// What [`State::saved_choices`] and the pod's text kept apart make together (a state
    /// saved whole, by an earlier version, comes back as it is).
    pub fn joined(mut choices: serde_json::Value, pod: Option<String>) -> serde_json::Value {
        if let (Some(o), Some(pod)) = (choices.as_object_mut(), pod) {
            o.entry("pod").or_insert(pod.into());
        }
        choices
    }
}

/// What this browser kept, read back by [`Kept::read`].
#[derive(Debug, Default)]
pub struct Kept {
    pub state: Option<State>,
    /// The [`pod_hash`] of `state`'s pod.
    pub pod_hash: u64,
    pub undo: Vec<Rc<State>>,
    /// Whether `undo` is all the kept history holds (nothing dropped in reading it).
    pub undo_whole: bool,
    /// What could not be read, to keep aside.
    pub unreadable: Option<Unreadable>,
}

/// Kept texts that could not be read.
#[derive(Debug, Default, PartialEq)]
pub struct Unreadable {
    /// Why, for the page to say.
    pub why: String,
    /// The texts as they were: each key on a line of its own, then its text.
    pub raw: String,
    pub keys: Vec<&'static str>,
}

impl Kept {
    /// Reads the texts kept under [`STORAGE_KEY`], [`POD_STORAGE_KEY`] and
    /// [`UNDO_STORAGE_KEY`]. What cannot be read is never mixed with something else nor
    /// dropped: it is given back in `unreadable`. A pod without the choices it was kept with,
    /// or choices whose `podHash` is not the pod's, cannot be read.
    pub fn read(choices: Option<String>, pod: Option<String>, undo: Option<String>, seed: &str) -> Kept {
        let mut kept = Kept { undo_whole: true, ..Kept::default() };
        let mut why = Vec::new();
        let mut aside = Unreadable::default();
        let mut keep_aside = |key: &'static str, text: &Option<String>| {
            if let Some(t) = text {
                aside.raw += &format!("{key}\n{t}\n");
                aside.keys.push(key);
            }
        };
        if choices.is_some() || pod.is_some() {
            let hash = pod.as_deref().map(pod_hash);
            let read = match choices.as_deref().map(serde_json::from_str::<serde_json::Value>) {
                None => Err("a pod is kept without its container".to_owned()),
                Some(Err(e)) => Err(format!("it is not JSON ({e})")),
                Some(Ok(c)) => match c.get("podHash") {
                    Some(h) if h.as_u64() != hash => Err("the pod kept is not the one its container was kept with".to_owned()),
                    _ => {
                        State::restore(&State::joined(c, pod.clone()), seed).ok_or_else(|| "it is not in the shape ecplay keeps".to_owned())
                    }
                },
            };
            match read {
                Ok(s) => {
                    kept.pod_hash = hash.unwrap_or_else(|| pod_hash(&s.pod_text));
                    kept.state = Some(s);
                }
                Err(e) => {
                    why.push(e);
                    keep_aside(STORAGE_KEY, &choices);
                    keep_aside(POD_STORAGE_KEY, &pod);
                }
            }
        }
        match undo.as_deref().map(|t| History::read(t, seed)).transpose() {
            Ok(stack) => kept.undo = stack.unwrap_or_default(),
            Err(e) => {
                why.push(e);
                keep_aside(UNDO_STORAGE_KEY, &undo);
            }
        }
        // The Undo history is written before the playground: when the playground could not
        // be written after it, the last it holds is the playground kept.
        if let (Some(s), Some(last)) = (&kept.state, kept.undo.last()) {
            if last.saved() == s.saved() {
                kept.undo.pop();
                kept.undo_whole = false;
            }
        }
        if !why.is_empty() {
            kept.unreadable = Some(Unreadable { why: why.join("; "), ..aside });
        }
        kept
    }
}

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
    pod: Option<(Text, u64)>,
    /// The generation of the history kept.
    undo: Option<u32>,
    /// A pod that could not be kept, and why: not tried again until it changes.
    refused: Option<(Text, Unkept)>,
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
            Some((kept, hash)) if kept == pod => *hash,
            _ => {
                match &self.refused {
                    Some((p, why)) if p.same(pod) => return Err((*why, "This pod", pod.len())),
                    _ => {}
                }
                if let Err(why) = page::keep_set(POD_STORAGE_KEY, pod) {
                    self.refused = Some((pod.clone(), why));
                    return Err((why, "This pod", pod.len()));
                }
                self.refused = None;
                let hash = pod_hash(pod);
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

#[cfg(test)]
mod tests {
    use super::*;
    use ecplay_core::export::Format;
    use yew::Reducible;

    use crate::state::Action;

    fn apply(s: State, a: Action) -> State {
        (*Rc::new(s).reduce(a)).clone()
    }

    #[test]
    fn the_halves_kept_apart_make_the_playground() {
        let s = State::new("seed");
        let s = apply(s, Action::PodText("apiVersion: v1\nkind: Pod\nmetadata: {name: mine}\n".into()));
        let s = apply(s, Action::Format(Format::Curl));
        let joined = State::joined(s.saved_choices(), Some(s.pod_text.to_string()));
        assert_eq!(joined, s.saved());
        assert_eq!(s.saved_choices().get("pod"), None);
        assert_eq!(State::joined(s.saved(), Some("other".into())), s.saved(), "a state saved whole keeps its pod");
    }

    /// The three texts a playground and its history are kept as.
    fn kept_texts(s: &State, h: &History) -> (Option<String>, Option<String>, Option<String>) {
        (Some(s.kept_choices(pod_hash(&s.pod_text))), Some(s.pod_text.to_string()), h.text())
    }

    #[test]
    fn what_is_kept_comes_back_whole_with_its_history() {
        let mine = apply(State::new("seed"), Action::ContainerText("name: mine\nimage: busybox:1.36\n".into()));
        let h = History::default().push(Rc::new(State::new("a")), "New").push(Rc::new(State::new("b")), "New");
        let (c, p, u) = kept_texts(&mine, &h);
        assert!(!c.as_deref().unwrap().contains("apiVersion"), "the pod is kept apart");
        let back = Kept::read(c, p, u, "other");
        assert_eq!(back.state.as_ref().map(|s| s.saved()), Some(mine.saved()));
        assert_eq!(back.pod_hash, pod_hash(&mine.pod_text));
        assert_eq!(back.undo.iter().map(|s| s.saved()).collect::<Vec<_>>(), h.stack.iter().map(|s| s.saved()).collect::<Vec<_>>());
        assert!(back.undo_whole && back.unreadable.is_none());
        // Nothing kept: nothing to read, nothing wrong.
        let none = Kept::read(None, None, None, "x");
        assert!(none.state.is_none() && none.undo.is_empty() && none.unreadable.is_none());
        // Choices kept by an earlier version (no podHash), and its history of one state.
        let old = Kept::read(
            Some(mine.saved_choices().to_string()),
            Some(mine.pod_text.to_string()),
            Some(State::new("a").saved().to_string()),
            "x",
        );
        assert_eq!(old.state.map(|s| s.saved()), Some(mine.saved()));
        assert_eq!(old.undo.len(), 1);
    }

    #[test]
    fn what_is_kept_but_cannot_be_read_is_given_back_as_it_was() {
        let mine = State::new("seed");
        let pod = Some(mine.pod_text.to_string());
        let unreadable = |c: Option<&str>, p: &Option<String>, u: Option<&str>| {
            let k = Kept::read(c.map(str::to_owned), p.clone(), u.map(str::to_owned), "x");
            let u = k.unreadable.unwrap_or_default();
            (k.state.is_some(), (u.why, u.raw))
        };
        let (state, (why, raw)) = unreadable(Some("{\"container\": \"name: half"), &pod, None);
        assert!(!state && why.starts_with("it is not JSON ("), "{why}");
        assert_eq!(raw, format!("{STORAGE_KEY}\n{{\"container\": \"name: half\n{POD_STORAGE_KEY}\n{}\n", mine.pod_text));
        let (state, (why, _)) = unreadable(Some(r#"{"container": 7}"#), &pod, None);
        assert_eq!((state, why.as_str()), (false, "it is not in the shape ecplay keeps"));
        let (state, (why, raw)) = unreadable(None, &pod, None);
        assert_eq!((state, why.as_str()), (false, "a pod is kept without its container"));
        assert_eq!(raw, format!("{POD_STORAGE_KEY}\n{}\n", mine.pod_text));
        // Halves of two playgrounds (two tabs, each writing one) are not one playground.
        let choices = mine.kept_choices(pod_hash(&mine.pod_text));
        let (state, (why, _)) = unreadable(Some(&choices), &Some("apiVersion: v1\nkind: Pod\n".into()), None);
        assert_eq!((state, why.as_str()), (false, "the pod kept is not the one its container was kept with"));
        let (state, (why, _)) = unreadable(Some(&choices), &None, None);
        assert_eq!((state, why.as_str()), (false, "the pod kept is not the one its container was kept with"));
        // A history that cannot be read is given back; the playground is read still.
        let (state, (why, raw)) = unreadable(Some(&choices), &pod, Some("[{\"pod\": "));
        assert!(state && why.starts_with("the Undo history is not JSON ("), "{why}");
        assert_eq!(raw, format!("{UNDO_STORAGE_KEY}\n[{{\"pod\": \n"));
        let (_, (why, _)) = unreadable(None, &pod, Some("[1]"));
        assert_eq!(why, "a pod is kept without its container; the Undo history is not in the shape ecplay keeps");
    }

    #[test]
    fn the_history_is_read_once_when_it_ends_with_the_playground() {
        let mine = State::new("seed");
        let h = History::default().push(Rc::new(State::new("a")), "n").push(Rc::new(mine.clone()), "n");
        let (c, p, u) = kept_texts(&mine, &h);
        let k = Kept::read(c, p, u, "x");
        assert_eq!((k.undo.len(), k.undo_whole), (1, false));
    }
}
