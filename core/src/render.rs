//! How the answer is printed: kubectl's error text, the CLI's text and JSON formats.

use std::fmt::Write as _;

use serde_json::json;

use crate::admission::Outcome;
use crate::diag::{go_quote, Diagnostic, ErrorType, Severity, Source};

/// What kubectl prints for the request: the warnings the response carries, one
/// `Warning: <text>` line each (kubectl's warning handler prints them as they arrive, before
/// the result: the decoder's unknown and repeated fields, then Pod Security's), then the
/// error, if any: validation's, or Pod Security's refusal. Empty when the server would
/// accept without a word.
pub fn kubectl_summary(pod_name: &str, diagnostics: &[Diagnostic], admission: Option<&Outcome>) -> String {
    let mut lines: Vec<String> = diagnostics
        .iter()
        // The request's fields only: the stored pod's are the server's own.
        .filter(|d| d.severity == Severity::Warning && d.source == Some(Source::Container) && matches!(d.code, "D-02" | "D-03"))
        .map(|d| format!("Warning: {}", d.message))
        .collect();
    lines.extend(admission.and_then(Outcome::kubectl_warning));
    let error = kubectl_error(pod_name, diagnostics);
    if !error.is_empty() {
        lines.push(error);
    } else if let Some(denied) = admission.and_then(|a| a.kubectl_error(pod_name)) {
        lines.push(denied);
    }
    lines.join("\n")
}

/// kubectl's `checkErr` for a 422 Invalid with causes (`MultilineError`):
/// `The Pod "web-0" is invalid: <cause>` for one, or a first line ending in `: ` and one
/// `* <cause>` line per cause. A request the server cannot decode gets the 400 text
/// instead. Empty when the server would accept.
fn kubectl_error(pod_name: &str, diagnostics: &[Diagnostic]) -> String {
    // Pod Security's errors are admission's, not validation's: the caller words them.
    let errors: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.severity == Severity::Error && !d.code.starts_with("PSA")).collect();
    let decoding: Vec<&&Diagnostic> = errors.iter().filter(|d| d.is_decoding()).collect();
    if !decoding.is_empty() {
        let unknown: Vec<&str> = decoding.iter().filter(|d| d.error_type == ErrorType::UnknownField).map(|d| d.message.as_str()).collect();
        let what = match decoding.iter().find(|d| d.error_type != ErrorType::UnknownField) {
            Some(d) if d.field.is_empty() => d.message.clone(),
            Some(d) => format!("{}: {}", d.field, d.message),
            None => format!("strict decoding error: {}", unknown.join(", ")),
        };
        return format!("Error from server (BadRequest): Pod in version \"v1\" cannot be handled as a Pod: {what}");
    }
    // kubectl's statusCausesToAggrError (pkg/cmd/util/helpers.go, 1.25–1.37) prints each
    // "field: message" once, though the server's details.causes keep every duplicate.
    let mut causes: Vec<String> = Vec::with_capacity(errors.len());
    for d in &errors {
        let cause = d.cause();
        if !causes.contains(&cause) {
            causes.push(cause);
        }
    }
    match causes.as_slice() {
        [] => String::new(),
        [one] => format!("The Pod {} is invalid: {one}", go_quote(pod_name)),
        many => {
            let mut s = format!("The Pod {} is invalid: \n", go_quote(pod_name));
            for cause in many {
                let _ = writeln!(s, "* {cause}");
            }
            s.pop();
            s
        }
    }
}

/// The CLI's `--format json` object.
pub fn json_report(valid: bool, diagnostics: &[Diagnostic], summary: &str) -> serde_json::Value {
    json!({
        "valid": valid,
        "diagnostics": diagnostics.iter().map(diagnostic_json).collect::<Vec<_>>(),
        "summary": summary,
    })
}

/// One diagnostic as JSON.
pub fn diagnostic_json(d: &Diagnostic) -> serde_json::Value {
    json!({
        "severity": d.severity.as_str(),
        "type": d.error_type.name(),
        "field": d.field,
        "message": d.message,
        "code": d.code,
        "line": d.line,
        "column": d.column,
        "source": d.source.map(|s| s.as_str()),
        "help": d.help,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::BadValue;
    use crate::path::Path;

    /// The pod's name as Go's `%q` prints it (apimachinery's `NewInvalid`), not as Rust's
    /// `{:?}` would: a control character is `\x01`, not `\u{1}`.
    #[test]
    fn the_pod_s_name_quoted_as_go_quotes_it() {
        let d = Diagnostic::field_error("R-01", ErrorType::Required, &Path::root("spec").child("x"), BadValue::str(""), "");
        let text = kubectl_error("a\u{1}b\u{200b}é", &[d]);
        assert!(text.starts_with(r#"The Pod "a\x01b\u200bé" is invalid: spec.x: Required value"#), "{text}");
    }
}
