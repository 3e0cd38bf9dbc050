//! Pod Security admission of the draft, the step after validation: run by the module loaded
//! on demand (`crate::extra`, ARCHITECTURE.md, "Two WebAssembly modules") whenever the
//! cluster's namespace is not privileged. Its diagnostics and its outcome join the validation
//! report, so that every panel shows what `ecplay check` (core's `check_read`) says: kubectl's
//! 403 text, a diagnostic per violation at the field its fix goes to.

use std::rc::Rc;

use ecplay_core::diag::Severity;
use ecplay_core::{Cluster, Report};
use yew::prelude::*;

use super::Judged;
use crate::extra::{Admitted, Extra, ExtraHandle};
use crate::state::{Action, State};

/// Where Pod Security admission is, for the panels.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Admission {
    /// The namespace asks something of Pod Security (some mode is not privileged).
    pub on: bool,
    /// What admission waits for (the module loading), or why it cannot run.
    pub waiting: Option<String>,
    /// What it said, when it ran.
    pub admitted: Option<Admitted>,
}

impl Admission {
    /// The composer's text with the fix of `code` at `field` made, when admission has one.
    pub fn fix(&self, code: &str, field: &str) -> Option<&str> {
        let admitted = self.admitted.as_ref()?;
        admitted.diagnostics.iter().find(|(d, _)| d.code == code && d.field == field).and_then(|(_, fixed)| fixed.as_deref())
    }
}

/// The cluster as the module reads it (`Cluster::write`).
pub fn cluster_json(c: &Cluster) -> String {
    let mut map = serde_json::Map::new();
    c.write(&mut map);
    serde_json::Value::Object(map).to_string()
}

/// The report with Pod Security admission's diagnostics and outcome (the validation report
/// itself while admission has nothing to add), and where admission is. The module is asked
/// for as soon as the namespace is not privileged; `extra_pod` says that it holds the pod.
#[hook]
pub fn use_admission(
    state: &State,
    validated: &Judged<Report>,
    extra: &ExtraHandle,
    extra_pod: &Rc<Result<(), String>>,
) -> (Judged<Report>, Rc<Admission>) {
    let on = state.cluster.pod_security_on();
    {
        let extra = extra.clone();
        use_effect_with(on, move |on| {
            if *on {
                extra.want();
            }
        });
    }
    let deps = (validated.clone(), state.container_text.clone(), state.cluster.clone(), extra.clone(), extra_pod.clone());
    let judged = use_memo(deps, |(validated, ctr, cluster, extra, extra_pod)| {
        if !cluster.pod_security_on() {
            return (validated.clone(), Rc::new(Admission::default()));
        }
        let waiting = |why: Option<String>| (validated.clone(), Rc::new(Admission { on: true, waiting: why, admitted: None }));
        let module = match (extra.status(), &**extra_pod) {
            (Extra::Ready(module), Ok(())) => module,
            (Extra::Ready(_), Err(e)) => return waiting(Some(format!("Pod Security admission could not run: {e}."))),
            _ => return waiting(extra.waiting("Pod Security admission")),
        };
        let admitted = match module.admit(ctr, &cluster_json(cluster), validated.valid()) {
            Ok(a) => a,
            Err(e) => return waiting(Some(format!("Pod Security admission could not run: {e}."))),
        };
        let report = match &admitted.outcome {
            // Admission ran: its diagnostics join the report, after validation's errors as
            // core's `Report::admit` puts them.
            Some(outcome) if validated.valid() => {
                let mut r = (**validated).clone();
                r.diagnostics.extend(admitted.diagnostics.iter().map(|(d, _)| d.clone()));
                r.diagnostics.sort_by_key(|d| d.severity);
                r.admission = Some(outcome.clone());
                Judged(Rc::new(r))
            }
            _ => validated.clone(),
        };
        (report, Rc::new(Admission { on: true, waiting: None, admitted: Some(admitted) }))
    });
    (judged.0.clone(), judged.1.clone())
}

/// Which part of the server refuses the request, and kubectl's words for it: decoding (400),
/// validation (422) or Pod Security admission (403); or, for a request it accepts, Pod
/// Security's warning. `None` when there is nothing to say.
pub fn refusal(report: &Report) -> Option<(&'static str, String)> {
    let admission = report.admission.as_ref();
    if let Some(denied) = admission.and_then(|a| a.kubectl_error(&report.pod_name)) {
        return Some(("Pod Security admission refuses it (403 Forbidden):", denied));
    }
    if report.unusable {
        return None;
    }
    if report.valid() {
        return admission.and_then(|a| a.kubectl_warning()).map(|w| ("Pod Security warns, and the server accepts it:", w));
    }
    let summary = report.summary();
    let mut lines = summary.lines().skip_while(|l| l.starts_with("Warning: "));
    let first = lines.next()?.to_owned();
    let decoding = report.diagnostics.iter().any(|d| d.severity == Severity::Error && d.is_decoding());
    let who = if decoding { "Decoding refuses it (400 Bad Request):" } else { "Validation refuses it (422 Invalid):" };
    // kubectl's text of several causes: the first line, then one `* cause` line each.
    let text = match lines.next() {
        Some(cause) if first.ends_with(": ") => {
            let more = summary.lines().filter(|l| l.starts_with("* ")).count() - 1;
            format!("{first}{cause}{}", if more > 0 { format!(" (and {more} more)") } else { String::new() })
        }
        _ => first,
    };
    Some((who, text))
}

/// A fix made by a Pod Security fix button: the check it fixes, the composer's text before and after.
#[derive(Clone, Debug, PartialEq)]
pub struct Fixed {
    pub check: String,
    pub before: Rc<str>,
    pub after: Rc<str>,
}

/// The last fix made (`components::FixUndo` offers to take it back), making a fix (the check
/// and the composer's text with it), and taking one back (the text before it).
pub struct Fixes {
    pub fixed: Option<Fixed>,
    pub on_fix: Callback<(String, String)>,
    pub on_undo: Callback<Rc<str>>,
}

#[hook]
pub fn use_fixes(state: &UseReducerHandle<State>) -> Fixes {
    let fixed = use_state(|| None::<Fixed>);
    let on_fix = {
        let (state, fixed) = (state.clone(), fixed.clone());
        Callback::from(move |(check, text): (String, String)| {
            fixed.set(Some(Fixed { check, before: state.container_text.clone(), after: text.as_str().into() }));
            state.dispatch(Action::ContainerText(text));
        })
    };
    let on_undo = {
        let (state, fixed) = (state.clone(), fixed.clone());
        Callback::from(move |before: Rc<str>| {
            fixed.set(None);
            state.dispatch(Action::ContainerText(before.to_string()));
        })
    };
    Fixes { fixed: (*fixed).clone(), on_fix, on_undo }
}
