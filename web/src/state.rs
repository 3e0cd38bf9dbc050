//! The document being edited and its reducer. Pure: no DOM, no storage, no clipboard.
//! Diagnostics and exports are derived from it (`use_memo` in `app.rs`), never stored.

use std::rc::Rc;

use ecplay_core::draft::{self, Draft};
use ecplay_core::input;
use ecplay_core::k8s::EphemeralContainer;
use ecplay_core::shell::Shell;
use yew::prelude::*;

use crate::samples;

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// The sample shown, or `None` for a pasted pod.
    pub sample: Option<&'static str>,
    pub pod_text: Rc<str>,
    pub container_text: Rc<str>,
    /// The form, in step with the YAML whenever the YAML reads as one container.
    pub draft: Draft,
    /// The last container the YAML read as: what the form writes onto.
    pub base: EphemeralContainer,
    /// Why the YAML does not drive the form right now.
    pub yaml_problem: Option<String>,
    pub shell: Shell,
    pub kubectl_minor: u32,
    pub tab: usize,
    /// Notes from "copy the target's mounts" or a recipe, shown above the form.
    pub notes: Vec<String>,
}

pub enum Action {
    /// A sample picked, with its text (built in or fetched: `samples::Sample::load`).
    Sample(&'static str, Rc<str>),
    Paste,
    PodText(String),
    ContainerText(String),
    Draft(Draft),
    CopyTargetMounts,
    Shell(Shell),
    Kubectl(u32),
    Tab(usize),
    /// A recipe of the Learn panel (`ecplay_core::learn::RECIPES`) fills the composer.
    Recipe(&'static str),
    /// A whole other state: "New", a share link, an undo.
    Load(Rc<State>),
}

impl State {
    /// A fresh playground on the first sample, with a `debugger-xxxxx` name drawn from `seed`.
    pub fn new(seed: &str) -> State {
        let sample = &samples::SAMPLES[0];
        let name = ecplay_core::hints::free_debugger_name(&[], seed);
        let base = EphemeralContainer {
            name,
            image: Some("busybox:1.36".into()),
            target_container_name: Some("app".into()),
            stdin: Some(true),
            tty: Some(true),
            ..Default::default()
        };
        let draft = Draft::from_container(&base);
        State {
            sample: Some(sample.id),
            pod_text: sample.text().unwrap_or_default(),
            container_text: draft::container_yaml(&base).into(),
            draft,
            base,
            yaml_problem: None,
            shell: Shell::Posix,
            kubectl_minor: 37,
            tab: 0,
            notes: Vec::new(),
        }
    }

    fn set_draft(&mut self, d: Draft) {
        let ec = d.apply(&self.base);
        self.container_text = draft::container_yaml(&ec).into();
        self.draft = Draft::from_container(&ec);
        // Keep what the user typed in the word fields even when it does not split yet.
        self.draft.command = d.command;
        self.draft.args = d.args;
        self.base = ec;
        self.yaml_problem = None;
    }
}

/// Where the playground keeps its state between visits (this browser only): the choices
/// and the container under one key, the pod's text as it is under another. The pod can be
/// a megabyte: it is written only when it changes, and without JSON's escaping.
pub const STORAGE_KEY: &str = "ecplay.state.v1";
pub const POD_STORAGE_KEY: &str = "ecplay.pod.v1";

impl State {
    /// What is kept between visits: the texts and the choices.
    pub fn saved(&self) -> serde_json::Value {
        serde_json::json!({
            "sample": self.sample,
            "pod": &*self.pod_text,
            "container": &*self.container_text,
            "shell": if self.shell == Shell::PowerShell { "powershell" } else { "posix" },
            "kubectl": self.kubectl_minor,
            "tab": self.tab,
        })
    }

    /// What a share link carries: [`State::saved`] with `pod` as the pod's text, or only
    /// the sample's id when the pod is an unchanged sample.
    pub fn shared(&self, pod: &str) -> serde_json::Value {
        let mut v = self.saved();
        v["v"] = 1.into();
        let unchanged_sample = self.sample.and_then(samples::find).is_some_and(|s| s.is(pod));
        if unchanged_sample {
            v.as_object_mut().map(|o| o.remove("pod"));
        } else {
            v["pod"] = pod.into();
            v["sample"] = serde_json::Value::Null;
        }
        v
    }

    /// [`State::saved`] without the pod's text, which is kept under [`POD_STORAGE_KEY`].
    pub fn saved_choices(&self) -> serde_json::Value {
        let mut v = self.saved();
        v.as_object_mut().map(|o| o.remove("pod"));
        v
    }

    /// What [`State::saved_choices`] and the pod's text kept apart make together (a state
    /// saved whole, by an earlier version, comes back as it is).
    pub fn joined(mut choices: serde_json::Value, pod: Option<String>) -> serde_json::Value {
        if let (Some(o), Some(pod)) = (choices.as_object_mut(), pod) {
            o.entry("pod").or_insert(pod.into());
        }
        choices
    }

    /// What a share link's text (from [`State::shared`]) holds: the state, and the sample
    /// it names instead of carrying the pod, which must be at hand (built in or fetched:
    /// `samples::Sample::load`) before [`State::from_shared`] can make the state.
    pub fn read_shared(text: &str) -> Result<(serde_json::Value, Option<&'static samples::Sample>), String> {
        let v: serde_json::Value = serde_json::from_str(text).map_err(|e| format!("it holds no playground ({e})"))?;
        if v.get("v").and_then(serde_json::Value::as_u64) != Some(1) {
            return Err("it was made by another version of ecplay".to_owned());
        }
        let sample = v.get("sample").and_then(|s| s.as_str()).and_then(samples::find).filter(|_| v.get("pod").is_none());
        Ok((v, sample))
    }

    /// The playground a share link's text, read by [`State::read_shared`], describes.
    pub fn from_shared(v: &serde_json::Value, seed: &str) -> Result<State, String> {
        State::restore(v, seed).ok_or_else(|| "it holds no pod and container".to_owned())
    }

    /// A playground restored from [`State::saved`] (or [`State::shared`]); `None` when
    /// there is nothing usable (a state that names a sample not at hand, without its pod).
    pub fn restore(saved: &serde_json::Value, seed: &str) -> Option<State> {
        let sample = saved.get("sample").and_then(|v| v.as_str()).and_then(samples::find);
        let pod: Rc<str> = match saved.get("pod") {
            Some(p) => p.as_str()?.into(),
            None => sample?.text()?,
        };
        let container = saved.get("container")?.as_str()?;
        let mut s = State::new(seed);
        s.sample = sample.filter(|x| x.is(&pod)).map(|x| x.id);
        s.pod_text = pod;
        s = (*Rc::new(s).reduce(Action::ContainerText(container.to_owned()))).clone();
        s.shell = if saved.get("shell").and_then(|v| v.as_str()) == Some("powershell") { Shell::PowerShell } else { Shell::Posix };
        s.kubectl_minor = saved.get("kubectl").and_then(serde_json::Value::as_u64).map_or(37, |m| m.clamp(16, 37) as u32);
        s.tab = saved.get("tab").and_then(serde_json::Value::as_u64).unwrap_or(0) as usize;
        Some(s)
    }
}

impl State {
    /// After a sample is picked: a target that is not one of the new pod's containers
    /// becomes its first container, so that a sample does not open on a "Not found" error
    /// left over from the previous pod. An empty target (chosen on purpose) stays, and
    /// YAML the form cannot read is left alone.
    fn retarget(&mut self) {
        if self.yaml_problem.is_some() || self.draft.target.is_empty() {
            return;
        }
        let Ok(doc) = input::read_pod(&self.pod_text) else { return };
        let Some(spec) = doc.pod.spec.as_ref() else { return };
        let mut names = spec.containers.iter().chain(spec.init_containers.iter().flatten()).map(|c| c.name.as_str());
        if names.any(|n| n == self.draft.target) {
            return;
        }
        if let Some(first) = spec.containers.first() {
            let mut d = self.draft.clone();
            d.target = first.name.clone();
            self.set_draft(d);
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Sample(id, text) => {
                s.sample = Some(id);
                s.pod_text = text;
                s.notes.clear();
                s.retarget();
            }
            Action::Paste => {
                s.sample = None;
                s.pod_text = "".into();
            }
            Action::PodText(t) => {
                s.sample = None;
                s.pod_text = t.into();
            }
            Action::ContainerText(t) => {
                match input::read_containers(&t, 0) {
                    Ok(doc) if doc.containers.len() == 1 => {
                        let ec = doc.containers.into_iter().next().unwrap_or_default();
                        s.draft = Draft::from_container(&ec);
                        s.base = ec;
                        s.yaml_problem = None;
                    }
                    Ok(doc) => {
                        s.yaml_problem = Some(format!("The YAML holds {} containers: the form shows one.", doc.containers.len()));
                    }
                    Err(e) => s.yaml_problem = Some(format!("line {}, column {}: {}", e.pos.line, e.pos.column, e.message)),
                }
                s.container_text = t.into();
            }
            Action::Draft(d) => s.set_draft(d),
            Action::CopyTargetMounts => {
                if let Ok(pod) = input::read_pod(&s.pod_text) {
                    let (rows, notes) = draft::target_mounts(&pod.pod, &s.draft.target);
                    let mut d = s.draft.clone();
                    d.mounts = rows;
                    s.set_draft(d);
                    s.notes = notes;
                }
            }
            Action::Shell(sh) => s.shell = sh,
            Action::Kubectl(m) => s.kubectl_minor = m,
            Action::Tab(t) => s.tab = t,
            Action::Recipe(id) => {
                let pod = input::read_pod(&s.pod_text).map(|d| d.pod).unwrap_or_default();
                let name = if s.draft.name.is_empty() { s.base.name.clone() } else { s.draft.name.clone() };
                if let Some((ec, notes)) = ecplay_core::learn::recipe(id, &pod, &name) {
                    s.container_text = draft::container_yaml(&ec).into();
                    s.draft = Draft::from_container(&ec);
                    s.base = ec;
                    s.yaml_problem = None;
                    s.notes = notes;
                }
            }
            Action::Load(other) => return other,
        }
        Rc::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(s: State, a: Action) -> State {
        (*Rc::new(s).reduce(a)).clone()
    }

    fn sample(id: &'static str) -> Action {
        Action::Sample(id, samples::fixture(id))
    }

    fn from_shared(text: &str, seed: &str) -> Result<State, String> {
        State::from_shared(&State::read_shared(text)?.0, seed)
    }

    #[test]
    fn saved_state_comes_back_exactly() {
        let s = State::new("seed");
        let s = apply(s, Action::PodText("apiVersion: v1\nkind: Pod\nmetadata: {name: mine}\n".into()));
        let s = apply(s, Action::ContainerText("name: dbg\nimage: [broken\n".into()));
        let s = apply(s, Action::Shell(Shell::PowerShell));
        let back = State::restore(&s.saved(), "other").unwrap();
        assert_eq!((&*back.pod_text, &*back.container_text), (&*s.pod_text, &*s.container_text));
        assert_eq!((back.sample, back.shell, back.kubectl_minor), (None, Shell::PowerShell, 37));
        assert!(State::restore(&serde_json::json!({"pod": 1}), "x").is_none());
        // Kept apart in storage, the two halves make the same state.
        let joined = State::joined(s.saved_choices(), Some(s.pod_text.to_string()));
        assert_eq!(joined, s.saved());
        assert_eq!(s.saved_choices().get("pod"), None);
        assert_eq!(State::joined(s.saved(), Some("other".into())), s.saved(), "a state saved whole keeps its pod");
    }

    #[test]
    fn a_share_link_names_an_unchanged_sample_and_carries_any_other_pod() {
        let s = apply(State::new("seed"), sample("static-pod"));
        let shared = s.shared(&s.pod_text);
        assert_eq!((shared.get("pod"), shared["sample"].as_str()), (None, Some("static-pod")));
        // The sample must be at hand first: here, not yet fetched.
        let (v, needed) = State::read_shared(&shared.to_string()).unwrap();
        assert_eq!(needed.map(|x| x.id), Some("static-pod"));
        assert_eq!(State::from_shared(&v, "other").unwrap_err(), "it holds no pod and container");
        needed.unwrap().keep(&samples::fixture("static-pod")).unwrap();
        let back = State::from_shared(&v, "other").unwrap();
        assert_eq!((back.sample, &*back.pod_text, &*back.container_text), (s.sample, &*s.pod_text, &*s.container_text));
        // The sample built in is always at hand.
        let s = apply(s, sample("distroless-app"));
        let (v, needed) = State::read_shared(&s.shared(&s.pod_text).to_string()).unwrap();
        assert!(needed.is_some_and(|x| x.id == "distroless-app" && x.text().is_some()));
        assert_eq!(&*State::from_shared(&v, "other").unwrap().pod_text, &*s.pod_text);

        let s = apply(s, Action::PodText("apiVersion: v1\nkind: Pod\nmetadata: {name: mine}\n".into()));
        let shared = s.shared("apiVersion: v1\nkind: Pod\nmetadata: {name: redacted}\n");
        let back = from_shared(&shared.to_string(), "other").unwrap();
        assert_eq!((back.sample, &*back.pod_text), (None, "apiVersion: v1\nkind: Pod\nmetadata: {name: redacted}\n"));

        assert!(from_shared("{not json", "x").unwrap_err().starts_with("it holds no playground"));
        assert_eq!(from_shared(r#"{"v": 2}"#, "x").unwrap_err(), "it was made by another version of ecplay");
        assert_eq!(from_shared(r#"{"v": 1, "container": ""}"#, "x").unwrap_err(), "it holds no pod and container");
    }

    #[test]
    fn new_and_recipes_replace_the_container() {
        let s = apply(State::new("seed"), sample("init-and-volumes"));
        let s = apply(s, Action::Recipe("volume"));
        assert!(s.container_text.contains("readOnly: true"), "{}", s.container_text);
        assert!(s.container_text.contains(&format!("name: {}", State::new("seed").draft.name)), "the name stays: {}", s.container_text);
        let fresh = Rc::new(State::new("other"));
        let s = apply(s, Action::Load(fresh.clone()));
        assert_eq!(s, *fresh);
    }

    #[test]
    fn form_and_yaml_follow_each_other() {
        let s = State::new("seed");
        assert!(s.container_text.contains("name: debugger-"));
        let mut d = s.draft.clone();
        d.image = "nicolaka/netshoot:v0.13".into();
        let s = apply(s, Action::Draft(d));
        assert!(s.container_text.contains("image: nicolaka/netshoot:v0.13"), "{}", s.container_text);
        let s = apply(s, Action::ContainerText("name: dbg\nimage: alpine:3.20\nworkingDir: /tmp\n".into()));
        assert_eq!((s.draft.name.as_str(), s.draft.image.as_str()), ("dbg", "alpine:3.20"));
        // YAML that does not parse leaves the form as it was.
        let s = apply(s, Action::ContainerText("name: [oops\n".into()));
        assert_eq!(s.draft.name, "dbg");
        assert!(s.yaml_problem.as_deref().unwrap().starts_with("line "));
        // The form writes onto the last good container: workingDir stays.
        let mut d = s.draft.clone();
        d.stdin = true;
        let s = apply(s, Action::Draft(d));
        assert!(s.container_text.contains("workingDir: /tmp") && s.container_text.contains("stdin: true"), "{}", s.container_text);
    }

    #[test]
    fn a_sample_without_the_target_retargets_its_first_container() {
        let s = apply(State::new("seed"), sample("completed-job"));
        assert_eq!(s.draft.target, "migrate");
        assert!(s.container_text.contains("targetContainerName: migrate"), "{}", s.container_text);
        // A target the new pod has stays; an empty one stays empty.
        let s = apply(s, sample("windows-pod"));
        let mut d = s.draft.clone();
        d.target = String::new();
        let s = apply(apply(s, Action::Draft(d)), sample("distroless-app"));
        assert_eq!(s.draft.target, "");
        let s = apply(State::new("seed"), sample("app-with-sidecar"));
        assert_eq!(s.draft.target, "app");
    }
}
