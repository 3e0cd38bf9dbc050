use std::rc::Rc;
use std::sync::Arc;

use ecplay_core::diag::{Diagnostic, Source};
use ecplay_core::export::{self, Export, Format};
use ecplay_core::input::PodDoc;
use ecplay_core::{Mode, Options, Report};
use yew::prelude::*;

use super::Judged;
use crate::extra::{Extra, ExtraHandle};
use crate::state::State;

/// A reading of the pod: the pod, or why it cannot be judged.
pub type PodRead = Result<Arc<PodDoc>, Diagnostic>;

/// The pod read once per change of its text, not on every keystroke in the composer, and the
/// container judged against that reading on each keystroke.
#[hook]
pub fn use_report(state: &State) -> (Judged<PodRead>, Judged<Report>) {
    let pod = Judged(use_memo(state.pod_text.clone(), |pod| ecplay_core::read_pod(pod)));
    // The cluster's version and --allow-privileged; its Pod Security is the next step
    // (`use_admission`), in the module loaded on demand. A typo is judged as the export in
    // view sends it: refused by the forms that ask for fieldValidation=Strict, dropped with a
    // warning by the others.
    let cluster = (state.cluster.kube_minor, state.cluster.allow_privileged, state.format.field_validation());
    let report = Judged(use_memo(
        (pod.clone(), state.container_text.clone(), cluster),
        |(pod, ctr, (kube_minor, allow_privileged, field_validation))| {
            Report::validate(
                pod,
                ctr,
                Mode::Append,
                &Options {
                    kube_minor: *kube_minor,
                    allow_privileged: *allow_privileged,
                    field_validation: *field_validation,
                    ..Options::default()
                },
            )
        },
    ));
    (pod, report)
}

/// The module loaded on demand, handed the pod once per change of its text (every later call
/// is about that pod): whether it holds it.
#[hook]
pub fn use_extra_pod(state: &State, extra: &ExtraHandle) -> Rc<Result<(), String>> {
    use_memo((state.pod_text.clone(), extra.status().clone()), |(text, status)| match status {
        Extra::Ready(module) => module.pod(text),
        _ => Ok(()),
    })
}

/// The export of the tab in view (`None` while there is nothing to export, or while the
/// module that makes it loads).
pub type ExportInView = std::rc::Rc<Option<Result<Export, String>>>;

/// Only the export in view is made: the others when they are picked. The page makes the form
/// shown first (`export::shown_first`); every other form, `kubectl debug` among them, is made
/// by the module loaded on demand, which is asked for when its tab is shown and handed the
/// pod once per change of its text.
#[hook]
pub fn use_export(state: &State, report: &Judged<Report>, extra: &ExtraHandle, extra_pod: &Rc<Result<(), String>>) -> ExportInView {
    let on_demand = state.format != export::SHOWN_FIRST;
    {
        let extra = extra.clone();
        use_effect_with(on_demand, move |on_demand| {
            if *on_demand {
                extra.want();
            }
        });
    }
    let extra = extra.clone();
    let deps = (
        report.clone(),
        state.container_text.clone(),
        state.shell,
        state.kubectl_minor,
        state.format,
        extra.status().clone(),
        extra_pod.clone(),
    );
    use_memo(deps, move |(report, ctr, shell, minor, format, status, extra_pod)| {
        let (Some(pod), Some(ctrs)) = (&report.pod, &report.containers) else { return None };
        let unknown: Vec<String> = report
            .diagnostics
            .iter()
            .filter(|d| d.code == "D-02" && d.source == Some(Source::Container))
            .map(|d| d.field.clone())
            .collect();
        if *format != export::SHOWN_FIRST {
            // Made by the module loaded on demand; until it runs, the panel says so.
            let what = form_name(*format);
            return Some(match (status, &**extra_pod) {
                (Extra::Ready(module), Ok(())) => {
                    module.export(ctr, *format, *shell, *minor, &unknown).map_err(|e| format!("The {what} could not be made: {e}."))
                }
                (Extra::Ready(_), Err(e)) => Err(format!("The {what} could not be made: {e}.")),
                (Extra::Failed(_), _) => Err(extra.waiting(&format!("the {what}")).unwrap_or_default()),
                (Extra::Idle | Extra::Loading, _) => return None,
            });
        }
        let mut req = export::Request::new(&pod.pod, &ctrs.containers);
        req.shell = *shell;
        req.kubectl_minor = *minor;
        req.unknown_fields = &unknown;
        Some(export::shown_first(&req).map_err(|e| e.to_string()))
    })
}

/// A form as the page names it while it waits: "kubectl debug form", "YAML form".
pub fn form_name(format: Format) -> String {
    format!("{} form", format.title())
}
