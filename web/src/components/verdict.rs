use std::rc::Rc;

use ecplay_core::diag::{ErrorType, Severity, Source};
use ecplay_core::export::Format;
use ecplay_core::{FieldValidation, Report};
use yew::prelude::*;

use super::clipped;
use super::pod_panel::GET_POD;
use crate::hooks::{refusal, Admission, Judged};

#[derive(Properties, PartialEq)]
pub struct VerdictProps {
    pub report: Judged<Report>,
    /// No pod yet ("Paste your own" before the paste): nothing is wrong, there is nothing to judge.
    #[prop_or_default]
    pub awaiting_pod: bool,
    /// Pod Security admission, the step after validation.
    #[prop_or_default]
    pub admission: Rc<Admission>,
    /// The export in view, whose request the verdict is for: it decides what the server does
    /// with a field it does not know (`Format::field_validation`).
    pub format: Format,
}

/// What the export in view does with the container text's unknown or repeated fields, when it
/// has any: the verdict is that form's.
pub fn typo_verdict(report: &Report, format: Format) -> Option<String> {
    let typos = report.diagnostics.iter().filter(|d| matches!(d.code, "D-02" | "D-03") && d.source == Some(Source::Container)).count();
    if typos == 0 {
        return None;
    }
    let what = if typos == 1 { "1 unknown or repeated field".to_owned() } else { format!("{typos} unknown or repeated fields") };
    Some(match format.field_validation() {
        FieldValidation::Strict => {
            format!("As the {} form sends it (fieldValidation=Strict), the server refuses the request for {what}.", format.title())
        }
        _ => format!(
            "As the {} form sends it (no fieldValidation: Warn), the server accepts it with a warning for {what}, which is lost for good.",
            format.title()
        ),
    })
}

/// Which step of the API server refuses the request, for each error, in the order they come:
/// the text (not YAML), decoding (a wrong type, or a field strict validation refuses),
/// validation, or Pod Security admission.
pub fn refusing_parts(report: &Report) -> Vec<&'static str> {
    let mut parts = Vec::new();
    for d in report.errors() {
        let part = match d.error_type {
            ErrorType::Syntax => "reading the text",
            ErrorType::UnknownField | ErrorType::TypeMismatch => "decoding (400 Bad Request)",
            _ if d.code.starts_with("PSA-") => "Pod Security admission (403 Forbidden)",
            _ => "validation (422 Invalid)",
        };
        if !parts.contains(&part) {
            parts.push(part);
        }
    }
    parts
}

/// The most of kubectl's words the verdict's two clamped lines can show, even on a wide
/// screen: a pod of hundreds of containers failing Pod Security gets a 403 of kilobytes,
/// which would be laid out again on every keystroke to show two lines (it is whole in the
/// title, and in the Diagnostics panel).
const SHOWN_WORDS: usize = 600;

fn plural(n: usize, one: &str) -> String {
    format!("{n} {one}{}", if n == 1 { "" } else { "s" })
}

/// What the server would answer, in one line that stays in view while you type (sticky at the
/// top of the playground): accepted or rejected, how many errors and warnings, and which
/// step refuses.
#[component]
pub fn Verdict(props: &VerdictProps) -> Html {
    let report = &props.report;
    if props.awaiting_pod {
        return html! {
            <p role="status" aria-label="Verdict" class="verdict wait">{ "Waiting for your pod: paste what " }<code>{ GET_POD }</code>{ " prints." }</p>
        };
    }
    let errors = report.errors().count();
    let warnings = report.diagnostics.iter().filter(|d| d.severity == Severity::Warning).count();
    // A request that validates is not accepted until Pod Security admission has said so.
    let waiting = props.admission.waiting.as_ref().filter(|_| report.valid() && !report.unusable);
    let status = if let Some(why) = waiting {
        format!("The request validates; Pod Security admission is next. {why}")
    } else if report.valid() {
        "The server would accept this ephemeral container.".to_owned()
    } else {
        format!("The server would reject this request: {}.", plural(errors, "error"))
    };
    let parts = refusing_parts(report);
    // kubectl's words for the refusal (or for Pod Security's warning), whole in the title.
    let words = refusal(report).map(|(_, w)| w);
    let class = match (waiting, report.valid()) {
        (Some(_), _) => "verdict wait",
        (None, true) => "verdict ok",
        (None, false) => "verdict bad",
    };
    html! {
        <p role="status" aria-label="Verdict" {class}>
            { status }
            if !parts.is_empty() {
                <span class="verdict-part">{ format!(" Refused by {}.", parts.join(" and ")) }</span>
            }
            if warnings > 0 {
                <span class="verdict-warnings">{ format!(" ⚠ {}.", plural(warnings, "warning")) }</span>
            }
            if let Some(t) = typo_verdict(report, props.format) {
                <span class="verdict-typo">{ format!(" {t}") }</span>
            }
            if let Some(w) = words {
                <span class="verdict-words" title={w.clone()}>{ clipped(&w, SHOWN_WORDS) }</span>
            }
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ecplay_core::{check, Mode, Options};

    const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: app, image: app:1}\n";
    const TYPO: &str = "name: dbg\nimage: busybox:1.36\nimagePullPolcy: Always\ntargetContainerName: app\n";

    /// The verdict is the export in view's: a typo refuses the curl and replace --raw forms'
    /// requests (fieldValidation=Strict) and is dropped with a warning by the others.
    #[test]
    fn a_typo_is_judged_as_the_form_in_view_sends_it() {
        for format in Format::ALL {
            let opts = Options { field_validation: format.field_validation(), ..Options::default() };
            let report = check(POD, TYPO, Mode::Append, &opts);
            let said = typo_verdict(&report, format).unwrap();
            let strict = matches!(format, Format::Curl | Format::ReplaceRaw);
            assert_eq!(report.valid(), !strict, "{format:?}");
            assert_eq!(said.contains("refuses the request"), strict, "{format:?}: {said}");
            assert_eq!(said.contains("lost for good"), !strict, "{format:?}: {said}");
            assert!(said.contains(format.title()), "{said}");
        }
        let clean = check(POD, "name: dbg\nimage: busybox:1.36\n", Mode::Append, &Options::default());
        assert_eq!(typo_verdict(&clean, Format::Curl), None);
    }
}
