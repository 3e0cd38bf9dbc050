//! The document being edited and its reducer. Pure: no DOM, no storage, no clipboard.
//! Diagnostics and exports are derived from it (`use_memo` in `app.rs`), never stored.

use std::rc::Rc;

use ecplay_core::draft::{self, Draft};
use ecplay_core::export::Format;
use ecplay_core::input;
use ecplay_core::k8s::EphemeralContainer;
use ecplay_core::share::Shared;
use ecplay_core::shell::Shell;
use ecplay_core::{Cluster, KUBECTL_MINORS, LATEST_KUBE_MINOR};
use yew::prelude::*;

use crate::page::Theme;
use crate::samples;
use crate::text::Text;

#[derive(Clone, Debug)]
pub struct State {
    /// The sample shown, or `None` for a pasted pod.
    pub sample: Option<&'static str>,
    pub pod_text: Text,
    pub container_text: Rc<str>,
    /// The form, in step with the YAML whenever the YAML reads as one container.
    pub draft: Draft,
    /// The last container the YAML read as: what the form writes onto.
    pub base: EphemeralContainer,
    /// Why the YAML does not drive the form right now.
    pub yaml_problem: Option<String>,
    /// The form as it was when it was first changed while the YAML did not read: its changes
    /// since wait, and go into the YAML once it reads again (never over text that does not).
    pub form_from: Option<Draft>,
    pub shell: Shell,
    pub kubectl_minor: u32,
    /// The export in view.
    pub format: Format,
    /// Notes from "copy the target's mounts" or a recipe, shown above the form.
    pub notes: Vec<String>,
    /// The cluster judged against (the Cluster panel).
    pub cluster: Cluster,
    /// The namespace as pasted into the Cluster panel, whose Pod Security labels it read.
    pub namespace: Rc<str>,
}

/// Two states are equal when everything the page shows or keeps is: `base` is left out. It
/// is what the form writes onto, read by the reducer alone, and it follows the container's
/// text (when that text does not read, the form keeps the `draft` from `base`). Comparing
/// it would put a comparison of the whole Kubernetes container type in the download, for
/// the effects and props that compare states.
impl PartialEq for State {
    fn eq(&self, o: &Self) -> bool {
        (self.sample, &self.pod_text, &self.container_text, &self.draft, &self.yaml_problem, &self.form_from)
            == (o.sample, &o.pod_text, &o.container_text, &o.draft, &o.yaml_problem, &o.form_from)
            && (self.shell, self.kubectl_minor, self.format, &self.notes) == (o.shell, o.kubectl_minor, o.format, &o.notes)
            && (&self.cluster, &self.namespace) == (&o.cluster, &o.namespace)
    }
}

/// The exports the page offers, in the order of its tabs.
pub use ecplay_core::share::TABS;

/// `format` when the page has a tab for it, else the first tab.
pub fn tab(format: Format) -> Format {
    if TABS.contains(&format) {
        format
    } else {
        TABS[0]
    }
}

pub enum Action {
    /// A sample picked, with its text (built in or fetched: `samples::Sample::load`).
    Sample(&'static str, Rc<str>),
    Paste,
    PodText(String),
    ContainerText(String),
    Draft(Draft),
    /// The form's container replaces YAML that does not read (Undo in the editor brings it back).
    FormToYaml,
    CopyTargetMounts,
    Shell(Shell),
    Kubectl(u32),
    /// The export shown.
    Format(Format),
    /// A recipe of the Learn panel (`ecplay_core::learn::RECIPES`, made by the module loaded
    /// on demand) fills the composer: the container's YAML and the notes that go with it.
    Recipe(String, Vec<String>),
    /// An imported command line fills the composer (`ecplay_core::import`, made by the module
    /// loaded on demand): the new container(s) as YAML and the notes on the command.
    Import(String, Vec<String>),
    /// A whole other state: "New", a share link, an undo.
    Load(Rc<State>),
    /// The cluster judged against.
    Cluster(Cluster),
    /// A namespace pasted into the Cluster panel: when it reads, its Pod Security labels.
    Namespace(String),
}

impl State {
    /// The name a recipe gives its container: the one in the composer.
    pub fn recipe_name(&self) -> String {
        if self.draft.name.is_empty() {
            self.base.name.clone()
        } else {
            self.draft.name.clone()
        }
    }

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
            pod_text: sample.text().unwrap_or_default().into(),
            container_text: draft::container_yaml(&base).into(),
            draft,
            base,
            yaml_problem: None,
            form_from: None,
            shell: Shell::Posix,
            kubectl_minor: LATEST_KUBE_MINOR,
            format: Format::KubectlPatch,
            notes: Vec::new(),
            cluster: Cluster::default(),
            namespace: "".into(),
        }
    }

    /// The container's YAML as typed (or imported): the form follows when it holds one
    /// container, and the form's changes that waited for it ([`State::form_from`]) go in.
    fn set_text(&mut self, t: String) {
        match input::read_containers(&t, 0) {
            Ok(doc) if doc.containers.len() == 1 => {
                let ec = doc.containers.into_iter().next().unwrap_or_default();
                let read = Draft::from_container(&ec);
                self.base = ec;
                self.yaml_problem = None;
                self.container_text = t.into();
                let waiting = self.form_from.take().map(|from| self.draft.rebase(&from, &read));
                self.draft = read;
                if let Some(merged) = waiting.filter(|m| *m != self.draft) {
                    self.set_draft(merged);
                }
                return;
            }
            Ok(doc) => {
                self.yaml_problem = Some(format!("The YAML holds {} containers: the form shows one.", doc.containers.len()));
            }
            Err(e) => self.yaml_problem = Some(format!("line {}, column {}: {}", e.pos.line, e.pos.column, e.message)),
        }
        self.container_text = t.into();
    }

    /// The form changed: the YAML changes where the form did, and nowhere else
    /// (`draft::edit_yaml`). YAML that does not read is never written over: the form's
    /// changes wait ([`State::form_from`]).
    fn set_draft(&mut self, d: Draft) {
        if self.yaml_problem.is_some() {
            self.form_from.get_or_insert_with(|| self.draft.clone());
            self.draft = d;
            return;
        }
        let ec = d.apply(&self.base);
        self.container_text = draft::edit_yaml(&self.container_text, &self.base, &ec).into();
        self.draft = Draft::from_container(&ec);
        // Keep what the user typed in the word fields even when it does not split yet.
        self.draft.command = d.command;
        self.draft.args = d.args;
        self.base = ec;
    }
}

impl State {
    /// What is kept between visits: the texts and the choices.
    pub fn saved(&self) -> serde_json::Value {
        let mut v = serde_json::json!({
            "sample": self.sample,
            "pod": &*self.pod_text,
            "container": &*self.container_text,
            "shell": if self.shell == Shell::PowerShell { "powershell" } else { "posix" },
            "kubectl": self.kubectl_minor,
            "tab": self.format.name(),
        });
        if let Some(o) = v.as_object_mut() {
            self.cluster.write(o);
            if !self.namespace.is_empty() {
                o.insert("namespace".into(), (*self.namespace).into());
            }
        }
        v
    }

    /// What a share link carries (`ecplay_core::share`): the choices and the container, with
    /// `pod` as the pod's text, or only the sample's id when the pod is an unchanged sample.
    pub fn shared(&self, pod: &str) -> String {
        let unchanged_sample = self.sample.and_then(samples::find).is_some_and(|s| s.is(pod));
        Shared {
            sample: self.sample.filter(|_| unchanged_sample).map(str::to_owned),
            pod: (!unchanged_sample).then(|| pod.to_owned()),
            container: self.container_text.to_string(),
            shell: self.shell,
            kubectl_minor: self.kubectl_minor,
            tab: self.format,
            cluster: self.cluster.clone(),
        }
        .write()
    }

    /// What a share link's text (from [`State::shared`]) holds: the state, and the sample
    /// it names instead of carrying the pod, which must be at hand (built in or fetched:
    /// `samples::Sample::load`) before [`State::from_shared`] can make the state.
    pub fn read_shared(text: &str) -> Result<(Shared, Option<&'static samples::Sample>), String> {
        let shared = Shared::read(text)?;
        let sample = shared.sample.as_deref().and_then(samples::find);
        Ok((shared, sample))
    }

    /// The playground a share link's text, read by [`State::read_shared`], describes.
    pub fn from_shared(shared: &Shared, seed: &str) -> Result<State, String> {
        let saved = serde_json::json!({
            "sample": shared.sample,
            "pod": shared.pod,
            "container": shared.container,
            "shell": if shared.shell == Shell::PowerShell { "powershell" } else { "posix" },
            "kubectl": shared.kubectl_minor,
            "tab": shared.tab.name(),
        });
        let mut saved = saved;
        if let Some(o) = saved.as_object_mut() {
            if shared.pod.is_none() {
                o.remove("pod");
            }
            shared.cluster.write(o);
        }
        State::restore(&saved, seed).ok_or_else(|| "it holds no pod and container".to_owned())
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
        s.pod_text = pod.into();
        s = (*Rc::new(s).reduce(Action::ContainerText(container.to_owned()))).clone();
        s.shell = if saved.get("shell").and_then(|v| v.as_str()) == Some("powershell") { Shell::PowerShell } else { Shell::Posix };
        let (oldest, latest) = (*KUBECTL_MINORS.start(), *KUBECTL_MINORS.end());
        s.kubectl_minor =
            saved.get("kubectl").and_then(serde_json::Value::as_u64).map_or(latest, |m| m.clamp(oldest.into(), latest.into()) as u32);
        s.format = ecplay_core::share::read_tab(saved.get("tab"));
        s.cluster = Cluster::read(saved);
        s.namespace = saved.get("namespace").and_then(|v| v.as_str()).unwrap_or_default().into();
        Some(s)
    }
}

/// The playgrounds to go back to, the last replaced last: "New", a share link and another
/// tab's work each push the one they replace, and Undo takes them back one at a time.
/// Compared by generation: each change makes a new one.
#[derive(Clone, Debug, Default)]
pub struct History {
    pub stack: Vec<Rc<State>>,
    pub gen: u32,
    /// What replaced the playground, said beside the Undo button.
    pub note: &'static str,
}

impl PartialEq for History {
    fn eq(&self, other: &Self) -> bool {
        self.gen == other.gen
    }
}

impl History {
    /// How many playgrounds are kept to go back to.
    pub const MAX: usize = 10;

    /// This history with `stack` instead (the oldest dropped beyond [`History::MAX`]).
    pub fn with(&self, mut stack: Vec<Rc<State>>, note: &'static str) -> History {
        let over = stack.len().saturating_sub(Self::MAX);
        stack.drain(..over);
        History { stack, gen: self.gen.wrapping_add(1), note }
    }

    /// `before` replaced, for `note`.
    pub fn push(&self, before: Rc<State>, note: &'static str) -> History {
        let mut stack = self.stack.clone();
        stack.push(before);
        self.with(stack, note)
    }

    /// The playground Undo goes back to, and the history after it.
    pub fn pop(&self) -> Option<(Rc<State>, History)> {
        let mut stack = self.stack.clone();
        let last = stack.pop()?;
        Some((last, self.with(stack, "Went back one step: Undo goes back further.")))
    }

    /// What is kept under [`UNDO_STORAGE_KEY`]; nothing when there is nothing to go back to.
    pub fn text(&self) -> Option<String> {
        (!self.stack.is_empty()).then(|| serde_json::Value::Array(self.stack.iter().map(|s| s.saved()).collect()).to_string())
    }

    /// The playgrounds of a [`History::text`] (or of the single state an earlier version kept).
    pub fn read(text: &str, seed: &str) -> Result<Vec<Rc<State>>, String> {
        let v: serde_json::Value = serde_json::from_str(text).map_err(|e| format!("the Undo history is not JSON ({e})"))?;
        let states = match v {
            serde_json::Value::Array(list) => list,
            one => vec![one],
        };
        states
            .iter()
            .map(|s| State::restore(s, seed).map(Rc::new).ok_or_else(|| "the Undo history is not in the shape ecplay keeps".to_owned()))
            .collect()
    }
}

/// Saved work that could not be read, kept aside: what to say, where to download it, and
/// whether it is in storage (and can be deleted there).
#[derive(Clone, Debug, PartialEq)]
pub struct Aside {
    pub text: String,
    pub url: String,
    pub kept: bool,
}

/// A message: its text, and whether it is an error.
pub type Said = Option<(String, bool)>;

/// The page around the document: what Undo brings back, the messages above the playground
/// and the view's own state (one reducer rather than a hook for each: each kind of hook
/// state is code of its own in the download).
///
/// Each message has a place of its own, so that none takes another's place (an error does
/// not take Undo away): the last thing said (a link refused, a sample not fetched), why the
/// playground is not kept, saved work kept aside, and another tab writing the same playground.
#[derive(Clone, Default)]
pub struct Page {
    pub history: History,
    pub message: Said,
    pub unkept: Said,
    pub aside: Option<Aside>,
    pub other_tab: bool,
    /// The theme asked for (the toggle's, an embed's `theme=`, or the system's).
    pub theme: Theme,
    /// The sample being fetched, if any.
    pub loading: Option<&'static samples::Sample>,
    /// Where the pod's and the container's editors were last sent: line, column, and a
    /// count that makes each request new.
    pub focus: [Option<(u32, u32, u32)>; 2],
}

pub enum PageAction {
    /// The playground before was replaced ("New", a share link), for this reason.
    Replaced(Rc<State>, &'static str),
    /// The history becomes this list (another tab's, this tab's work last).
    History(Vec<Rc<State>>, &'static str),
    /// Undo took the last playground back.
    Back,
    /// Nothing to go back to any more.
    Forget,
    Message(Said),
    Unkept(Said),
    Aside(Option<Aside>),
    OtherTab(bool),
    Theme(Theme),
    Loading(Option<&'static samples::Sample>),
    /// Send the pod's (0) or the container's (1) editor to a line and column.
    Focus(usize, u32, u32),
}

impl Reducible for Page {
    type Action = PageAction;

    fn reduce(self: Rc<Self>, action: PageAction) -> Rc<Self> {
        let mut p = (*self).clone();
        match action {
            PageAction::Replaced(before, note) => p.history = p.history.push(before, note),
            PageAction::History(stack, note) => p.history = p.history.with(stack, note),
            PageAction::Back => p.history = p.history.pop().map_or(p.history, |(_, rest)| rest),
            PageAction::Forget => p.history = p.history.with(Vec::new(), ""),
            PageAction::Message(m) => p.message = m,
            PageAction::Unkept(m) => p.unkept = m,
            PageAction::Aside(a) => p.aside = a,
            PageAction::OtherTab(b) => p.other_tab = b,
            PageAction::Theme(t) => p.theme = t,
            PageAction::Loading(l) => p.loading = l,
            PageAction::Focus(i, line, column) => {
                let n = p.focus[i].map_or(0, |(_, _, n)| n + 1);
                p.focus[i] = Some((line, column, n));
            }
        }
        Rc::new(p)
    }
}

/// Whether `new` takes the place of `old` rather than editing it: a paste or a file over it
/// (more than a line's worth changed at once), or anything put into an empty editor.
fn replaces(old: &str, new: &str) -> bool {
    if old.trim().is_empty() {
        return !new.trim().is_empty();
    }
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..].iter().rev().zip(b[prefix..].iter().rev()).take_while(|(x, y)| x == y).count();
    a.len().max(b.len()) - prefix - suffix > 80
}

/// Which pod a reading is: its namespace and name.
fn identity(doc: &input::PodDoc) -> (Option<&str>, Option<&str>) {
    let m = &doc.pod.metadata;
    (m.namespace.as_deref(), m.name.as_deref().or(m.generate_name.as_deref()))
}

impl State {
    /// After another pod is put in (a sample picked, a pod pasted over the last one): the
    /// target becomes the one the pod itself points at ([`draft::default_target`]: its
    /// default-container annotation, else its first running container, else its first), so
    /// that your own pod does not open on a "Not found" error left over from the sample.
    /// `before` is the pod's text before, when it may be the same pod: then a target it still
    /// has stays. An empty target (chosen on purpose) stays, and YAML the form cannot read is
    /// left alone; the rest of the composer is kept.
    fn retarget(&mut self, before: Option<&str>) {
        if self.yaml_problem.is_some() || self.draft.target.is_empty() {
            return;
        }
        let Ok(doc) = input::read_pod(&self.pod_text) else { return };
        let same = before.and_then(|b| input::read_pod(b).ok()).is_some_and(|old| identity(&old) == identity(&doc));
        if same {
            let spec = doc.pod.spec.as_ref();
            let mut names = spec.iter().flat_map(|s| s.containers.iter().chain(s.init_containers.iter().flatten()));
            if names.any(|c| c.name == self.draft.target) {
                return;
            }
        }
        match draft::default_target(&doc.pod) {
            Some(t) if t != self.draft.target => {
                let mut d = self.draft.clone();
                d.target = t;
                self.set_draft(d);
            }
            _ => {}
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
                s.pod_text = text.into();
                s.notes.clear();
                s.retarget(None);
            }
            Action::Paste => {
                s.sample = None;
                s.pod_text = "".into();
            }
            Action::PodText(t) => {
                let before = std::mem::replace(&mut s.pod_text, t.into());
                if replaces(&before, &s.pod_text) {
                    s.retarget((!before.trim().is_empty() && s.sample.is_none()).then_some(&*before));
                }
                s.sample = None;
            }
            Action::ContainerText(t) => s.set_text(t),
            Action::Import(yaml, notes) => {
                // A whole new container: what the form had waiting goes with the old one.
                s.form_from = None;
                s.set_text(yaml);
                s.notes = notes;
            }
            Action::Draft(d) => s.set_draft(d),
            Action::FormToYaml => {
                let ec = s.draft.apply(&s.base);
                s.container_text = draft::container_yaml(&ec).into();
                s.draft = Draft::from_container(&ec);
                s.base = ec;
                s.yaml_problem = None;
                s.form_from = None;
            }
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
            Action::Kubectl(m) => {
                // The tab in view stays unless that kubectl refuses its form whatever the
                // container; then the form it can send is shown (its own tab says why).
                s.kubectl_minor = m;
                s.format = tab(s.format.or_one_that_works(m));
            }
            Action::Format(f) => s.format = tab(f),
            Action::Recipe(yaml, notes) => {
                if let Some(ec) = input::read_containers(&yaml, 0).ok().and_then(|doc| doc.containers.into_iter().next()) {
                    s.container_text = yaml.into();
                    s.draft = Draft::from_container(&ec);
                    s.base = ec;
                    s.yaml_problem = None;
                    s.form_from = None;
                    s.notes = notes;
                }
            }
            Action::Load(other) => return other,
            Action::Cluster(c) => s.cluster = c,
            Action::Namespace(text) => {
                // What does not read leaves the labels as they were; the panel says where it goes wrong.
                let _ = s.cluster.read_namespace(&text);
                s.namespace = text.into();
            }
        }
        Rc::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ecplay_core::draft::Profile;

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
    fn an_import_fills_the_composer_and_its_notes() {
        let yaml = "command:\n- sh\nimage: busybox:1.36\nname: imported\nresources: {}\nterminationMessagePolicy: File\n";
        let s = apply(State::new("seed"), Action::Import(yaml.to_owned(), vec!["Imported from kubectl debug.".to_owned()]));
        assert_eq!((s.draft.name.as_str(), s.draft.command.as_str()), ("imported", "sh"));
        assert_eq!(&*s.container_text, yaml, "the import is kept as kubectl sends it");
        assert_eq!(s.notes, ["Imported from kubectl debug."]);
        // Two containers: the YAML holds both, the form says it shows one.
        let two = "- name: a\n  image: busybox\n- name: b\n  image: busybox\n";
        let s = apply(s, Action::Import(two.to_owned(), vec![]));
        assert_eq!(&*s.container_text, two);
        assert!(s.yaml_problem.as_deref().is_some_and(|p| p.contains("2 containers")), "{:?}", s.yaml_problem);
    }

    /// An older kubectl moves the view off a form it refuses whatever the container, to the
    /// form it can send; a form it can send stays, and a newer kubectl changes nothing.
    #[test]
    fn an_older_kubectl_shows_a_form_it_can_send() {
        let s = apply(State::new("seed"), Action::Format(Format::KubectlPatch));
        let s = apply(s, Action::Kubectl(31));
        assert_eq!((s.kubectl_minor, s.format), (31, Format::ReplaceRaw));
        let s = apply(apply(s, Action::Format(Format::Curl)), Action::Kubectl(24));
        assert_eq!(s.format, Format::Curl);
        let s = apply(apply(s, Action::Format(Format::JsonPatch)), Action::Kubectl(37));
        assert_eq!((s.kubectl_minor, s.format), (37, Format::JsonPatch));
    }

    #[test]
    fn saved_state_comes_back_exactly() {
        let s = State::new("seed");
        let s = apply(s, Action::PodText("apiVersion: v1\nkind: Pod\nmetadata: {name: mine}\n".into()));
        let s = apply(s, Action::ContainerText("name: dbg\nimage: [broken\n".into()));
        let s = apply(s, Action::Shell(Shell::PowerShell));
        let back = State::restore(&s.saved(), "other").unwrap();
        assert_eq!((&*back.pod_text, &*back.container_text), (&*s.pod_text, &*s.container_text));
        assert_eq!((back.sample, back.shell, back.kubectl_minor), (None, Shell::PowerShell, LATEST_KUBE_MINOR));
        assert!(State::restore(&serde_json::json!({"pod": 1}), "x").is_none());
        // The export in view by its name; an index kept by an earlier version is read too.
        let s = apply(s, Action::Format(Format::Curl));
        assert_eq!(s.saved()["tab"], "curl");
        assert_eq!(State::restore(&s.saved(), "x").unwrap().format, Format::Curl);
        let mut old = s.saved();
        old["tab"] = 1.into();
        assert_eq!(State::restore(&old, "x").unwrap().format, Format::KubectlDebug);
    }

    #[test]
    fn the_cluster_is_kept_and_shared() {
        let s = apply(State::new("seed"), Action::Cluster(Cluster { kube_minor: 30, allow_privileged: false, ..Cluster::default() }));
        let ns =
            "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n";
        let s = apply(s, Action::Namespace(ns.into()));
        assert_eq!(s.cluster.labels.get("pod-security.kubernetes.io/enforce").map(String::as_str), Some("restricted"));
        // A namespace that does not read keeps the labels, and its text.
        let s = apply(s, Action::Namespace("kind: Namespace\nmetadata: [".into()));
        assert_eq!((s.cluster.labels.len(), &*s.namespace), (1, "kind: Namespace\nmetadata: ["));
        let back = State::restore(&s.saved(), "x").unwrap();
        assert_eq!((&back.cluster, &back.namespace), (&s.cluster, &s.namespace));
        // A link carries the cluster, not the namespace's text.
        let (shared, _) = State::read_shared(&s.shared(&s.pod_text)).unwrap();
        let opened = State::from_shared(&shared, "y").unwrap();
        assert_eq!((&opened.cluster, &*opened.namespace), (&s.cluster, ""));
        // The default cluster keeps nothing more than before.
        let plain = State::new("seed").saved();
        assert!(["kube", "allowPrivileged", "labels", "namespace"].iter().all(|k| plain.get(k).is_none()), "{plain}");
    }

    #[test]
    fn undo_goes_back_one_step_at_a_time() {
        let (a, b) = (Rc::new(State::new("a")), Rc::new(State::new("b")));
        let h = History::default().push(a.clone(), "one").push(b.clone(), "two");
        assert_eq!((h.stack.len(), h.note), (2, "two"));
        let (last, h2) = h.pop().unwrap();
        assert!(Rc::ptr_eq(&last, &b) && h2 != h);
        let (last, h3) = h2.pop().unwrap();
        assert!(Rc::ptr_eq(&last, &a) && h3.text().is_none() && h3.pop().is_none());
        // Only so many are kept: the oldest go first.
        let mut h = History::default();
        for i in 0..History::MAX + 3 {
            h = h.push(Rc::new(State::new(&i.to_string())), "n");
        }
        assert_eq!(h.stack.len(), History::MAX);
        assert_eq!(h.stack[0].draft.name, State::new("3").draft.name);
    }

    #[test]
    fn an_error_said_leaves_undo_in_place() {
        let page = Rc::new(Page::default()).reduce(PageAction::Replaced(Rc::new(State::new("mine")), "Started a new playground."));
        let page = page.reduce(PageAction::Message(Some(("This share link could not be read.".into(), true))));
        let page = page.reduce(PageAction::Unkept(Some(("full".into(), true))));
        assert_eq!((page.history.stack.len(), page.history.note), (1, "Started a new playground."));
        let page = page.reduce(PageAction::Replaced(Rc::new(State::new("link")), "Opened a shared playground."));
        let page = page.reduce(PageAction::Back);
        assert_eq!(page.history.stack[0].draft.name, State::new("mine").draft.name);
        assert!(page.message.is_some() && page.unkept.is_some());
        assert!(page.reduce(PageAction::Forget).history.stack.is_empty());
    }

    #[test]
    fn a_share_link_names_an_unchanged_sample_and_carries_any_other_pod() {
        let s = apply(State::new("seed"), sample("static-pod"));
        let shared = s.shared(&s.pod_text);
        let parsed = Shared::read(&shared).unwrap();
        assert_eq!((parsed.pod, parsed.sample.as_deref()), (None, Some("static-pod")));
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
        let pod = input::read_pod(&s.pod_text).unwrap().pod;
        let (ec, notes) = ecplay_core::learn::recipe("volume", &pod, &s.recipe_name()).unwrap();
        let s = apply(s, Action::Recipe(draft::container_yaml(&ec), notes.clone()));
        assert_eq!(s.notes, notes);
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
        // The form does not write over it; asked to, it writes onto the last good
        // container: workingDir stays.
        let mut d = s.draft.clone();
        d.stdin = true;
        let s = apply(s, Action::Draft(d));
        assert_eq!(&*s.container_text, "name: [oops\n");
        let s = apply(s, Action::FormToYaml);
        assert!(s.container_text.contains("workingDir: /tmp") && s.container_text.contains("stdin: true"), "{}", s.container_text);
    }

    #[test]
    fn a_pasted_pod_is_targeted_where_it_points() {
        let pasted = samples::fixture("default-container");
        // Over the sample, and into the empty editor of "Paste your own".
        let s = apply(State::new("seed"), Action::PodText(pasted.to_string()));
        assert_eq!(s.draft.target, "wiki");
        assert!(s.container_text.contains("targetContainerName: wiki"), "{}", s.container_text);
        assert_eq!(s.draft.name, State::new("seed").draft.name, "the rest of the composer stays");
        let s = apply(apply(State::new("seed"), Action::Paste), Action::PodText(pasted.to_string()));
        assert_eq!(s.draft.target, "wiki");
        // Typing in the pod does not move the target; a fresh dump of the same pod keeps a
        // target chosen by hand; another pod pasted over it is targeted afresh.
        let mut d = s.draft.clone();
        d.target = "nginx".into();
        let s = apply(s, Action::Draft(d));
        let s = apply(s, Action::PodText(pasted.replacen("wiki", "wikii", 1)));
        assert_eq!(s.draft.target, "nginx");
        let s = apply(s, Action::PodText(format!("{pasted}# refreshed\n{}", "# x\n".repeat(30))));
        assert_eq!(s.draft.target, "nginx");
        let s = apply(s, Action::PodText(samples::fixture("shared-process-namespace").to_string()));
        assert_eq!(s.draft.target, "nginx", "its first running container");
        let s = apply(s, Action::PodText(samples::fixture("windows-pod").to_string()));
        assert_eq!(s.draft.target, "iis");
    }

    #[test]
    fn nothing_typed_is_lost_between_the_form_and_the_yaml() {
        let typed = "# for the payments incident\nname: dbg\nimage: busybox:1.36\ntargetContainerName: app\nsecurityContext:\n  runAsUser: 1000 # the app's user\n  runAsGroup: 3000\nstdin: true\n";
        let s = apply(State::new("seed"), Action::ContainerText(typed.into()));
        // A profile switch touches only the profile's keys; a name edit only the name.
        let mut d = s.draft.clone();
        d.profile = Some(Profile::General);
        let s = apply(s, Action::Draft(d));
        let mut d = s.draft.clone();
        d.name = "dbg-2".into();
        let s = apply(s, Action::Draft(d));
        assert_eq!(
            &*s.container_text,
            "# for the payments incident\nname: dbg-2\nimage: busybox:1.36\ntargetContainerName: app\nsecurityContext:\n  capabilities:\n    add:\n    - SYS_PTRACE\n  runAsUser: 1000 # the app's user\n  runAsGroup: 3000\nstdin: true\n"
        );
        // YAML that does not read is not written over: the form's change waits, and goes in
        // once the YAML reads again, beside what was typed meanwhile.
        let broken = s.container_text.replace("image: busybox:1.36", "image: \"busybox:1.37");
        let s = apply(s, Action::ContainerText(broken.clone()));
        assert!(s.yaml_problem.is_some());
        let mut d = s.draft.clone();
        d.tty = true;
        let s = apply(s, Action::Draft(d));
        assert_eq!(&*s.container_text, broken);
        assert!(s.draft.tty && s.form_from.is_some());
        let s = apply(s, Action::ContainerText(broken.replace("\"busybox:1.37", "busybox:1.37")));
        assert!(s.form_from.is_none() && s.draft.tty);
        assert!(
            s.container_text.contains("image: busybox:1.37\n") && s.container_text.ends_with("stdin: true\ntty: true\n"),
            "{}",
            s.container_text
        );
        // Or the form's container replaces it, on request.
        let s = apply(s, Action::ContainerText("name: [".into()));
        let s = apply(s, Action::FormToYaml);
        assert!(s.yaml_problem.is_none() && s.container_text.contains("name: dbg-2"), "{}", s.container_text);
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
