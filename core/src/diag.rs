//! Diagnostics, shaped like apimachinery's `field.Error` (`pkg/util/validation/field/errors.go`)
//! plus what the server never says: a severity, a stable code, a location and a hint.

use std::fmt::{self, Write as _};

use crate::path::Path;

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The server rejects the request.
    Error,
    /// Accepted, but it will fail or surprise at run time.
    Warning,
    /// A hint.
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// The closed set of error types. The first group is apimachinery's `field.ErrorType`;
/// the decoding ones are what the server says before validation runs (a 400, not a 422);
/// `Hint` is ecplay's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorType {
    Required,
    Invalid,
    NotSupported,
    NotFound,
    Duplicate,
    Forbidden,
    TooLong,
    TooMany,
    Internal,
    /// Text that is not YAML or JSON.
    Syntax,
    /// A key the Kubernetes schema does not have (strict field validation).
    UnknownField,
    /// A value of the wrong JSON type (`json: cannot unmarshal …`).
    TypeMismatch,
    /// Not a server error at all: something ecplay notices.
    Hint,
}

impl ErrorType {
    /// The name used in JSON output and tests: the Go constant's suffix (`FieldValueRequired` → `Required`).
    pub fn name(self) -> &'static str {
        match self {
            ErrorType::Required => "Required",
            ErrorType::Invalid => "Invalid",
            ErrorType::NotSupported => "NotSupported",
            ErrorType::NotFound => "NotFound",
            ErrorType::Duplicate => "Duplicate",
            ErrorType::Forbidden => "Forbidden",
            ErrorType::TooLong => "TooLong",
            ErrorType::TooMany => "TooMany",
            ErrorType::Internal => "Internal",
            ErrorType::Syntax => "Syntax",
            ErrorType::UnknownField => "UnknownField",
            ErrorType::TypeMismatch => "TypeMismatch",
            ErrorType::Hint => "Hint",
        }
    }

    /// `ErrorType.String()`: the prefix of the message body.
    fn label(self) -> &'static str {
        match self {
            ErrorType::Required => "Required value",
            ErrorType::Invalid => "Invalid value",
            ErrorType::NotSupported => "Unsupported value",
            ErrorType::NotFound => "Not found",
            ErrorType::Duplicate => "Duplicate value",
            ErrorType::Forbidden => "Forbidden",
            ErrorType::TooLong => "Too long",
            ErrorType::TooMany => "Too many",
            ErrorType::Internal => "Internal error",
            ErrorType::Syntax | ErrorType::UnknownField | ErrorType::TypeMismatch | ErrorType::Hint => "",
        }
    }

    pub fn from_name(name: &str) -> Option<ErrorType> {
        [
            ErrorType::Required,
            ErrorType::Invalid,
            ErrorType::NotSupported,
            ErrorType::NotFound,
            ErrorType::Duplicate,
            ErrorType::Forbidden,
            ErrorType::TooLong,
            ErrorType::TooMany,
            ErrorType::Internal,
            ErrorType::Syntax,
            ErrorType::UnknownField,
            ErrorType::TypeMismatch,
            ErrorType::Hint,
        ]
        .into_iter()
        .find(|t| t.name() == name)
    }
}

/// The bad value of a field error, printed the way `ErrorBody` prints Go values.
#[derive(Clone, Debug, PartialEq)]
pub enum BadValue {
    /// Not printed (`field.Required`, `field.Forbidden`, …).
    Omit,
    /// `%q`
    Str(String),
    /// `%v`
    Int(i64),
    Bool(bool),
    /// Printed as given (JSON of a struct, a list).
    Raw(String),
}

impl BadValue {
    pub fn str(s: &str) -> BadValue {
        BadValue::Str(s.to_owned())
    }
}

impl fmt::Display for BadValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BadValue::Omit => Ok(()),
            BadValue::Str(s) => f.write_str(&go_quote(s)),
            BadValue::Int(i) => write!(f, "{i}"),
            BadValue::Bool(b) => write!(f, "{b}"),
            BadValue::Raw(s) => f.write_str(s),
        }
    }
}

/// Which text a diagnostic points into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    /// The pod the user gave.
    Pod,
    /// The ephemeral container(s) the user gave.
    Container,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Pod => "pod",
            Source::Container => "container",
        }
    }
}

/// One finding. Errors carry the server's exact field path and message.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub error_type: ErrorType,
    /// The server's path (`spec.ephemeralContainers[0].ports`); `[]` for the static-pod error.
    pub field: String,
    /// The server's message body (`Forbidden: cannot be set for an Ephemeral Container`).
    pub message: String,
    /// A stable code: `R-xx` for a server rule, `D-xx` for decoding, `H-xx` for a hint.
    pub code: &'static str,
    /// Why it matters and how to fix it, in ecplay's words.
    pub help: Option<String>,
    /// Where in the user's text (1-based), when the field is there.
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub source: Option<Source>,
}

impl Diagnostic {
    /// The field as the playground and `ecplay check` show it: the server's path, `(whole pod)`
    /// for the empty path `[]` (the static-pod refusal), and which text for a text that
    /// does not read (no field at all).
    pub fn field_shown(&self) -> &str {
        match (self.field.as_str(), self.source) {
            ("[]", _) => "(whole pod)",
            ("", Some(Source::Pod)) => "(the pod's text)",
            ("", _) => "(the container's text)",
            (field, _) => field,
        }
    }

    /// A server field error (`field.Error`), rendered with `ErrorBody`.
    pub fn field_error(code: &'static str, error_type: ErrorType, field: &Path, value: BadValue, detail: &str) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            error_type,
            field: field.to_string(),
            message: error_body(error_type, &value, detail),
            code,
            help: None,
            line: None,
            column: None,
            source: None,
        }
    }

    /// A warning or info of ecplay's own.
    pub fn hint(code: &'static str, severity: Severity, field: &Path, message: impl Into<String>, help: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity,
            error_type: ErrorType::Hint,
            field: field.to_string(),
            message: message.into(),
            code,
            help: Some(help.into()),
            line: None,
            column: None,
            source: None,
        }
    }

    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Whether this is something the server reports while decoding (HTTP 400) rather than validating (422).
    pub fn is_decoding(&self) -> bool {
        matches!(self.error_type, ErrorType::Syntax | ErrorType::UnknownField | ErrorType::TypeMismatch)
    }

    /// `<field>: <message>`, one line of kubectl's output.
    pub fn cause(&self) -> String {
        format!("{}: {}", self.field, self.message)
    }
}

/// `field.Error.ErrorBody()`.
fn error_body(t: ErrorType, value: &BadValue, detail: &str) -> String {
    let mut s = String::from(t.label());
    let omit =
        matches!(t, ErrorType::Required | ErrorType::Forbidden | ErrorType::TooLong | ErrorType::Internal) || *value == BadValue::Omit;
    if !omit {
        let _ = write!(s, ": {value}");
    }
    if !detail.is_empty() {
        let _ = write!(s, ": {detail}");
    }
    s
}

/// `field.NotSupported`'s detail: `supported values: "A", "B"`.
pub fn supported_values(values: &[&str]) -> String {
    let quoted: Vec<String> = values.iter().map(|v| go_quote(v)).collect();
    format!("supported values: {}", quoted.join(", "))
}

/// Go's `strconv.Quote` (what `%q` prints): double quotes, `\"` `\\`, C escapes for
/// control characters, `\u`/`\x` for the rest that is not printable.
/// A name with a zero-width space or a non-breaking space in it is shown with
/// `\u200b`, as the API server shows it, not with an invisible character.
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if c.is_control() || invisible(c) => {
                if (c as u32) < 0x10000 {
                    let _ = write!(out, "\\u{:04x}", c as u32);
                } else {
                    let _ = write!(out, "\\U{:08x}", c as u32);
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// What Go's `unicode.IsPrint` calls not printable, other than control characters: the
/// format characters (Cf), the spaces but ASCII's (Zs), the line and paragraph separators
/// (Zl, Zp) and the private use areas (Co), as of Unicode 15.0 (Go 1.21 on; Kubernetes
/// 1.25–1.37 are built with Go 1.19–1.25, whose tables differ from these only in
/// U+13439–U+1343F, format characters new in 15.0). Unassigned code points, which Go
/// escapes too, are shown as they are: their table would be most of the size of this one's
/// and no pod is likely to hold them.
fn invisible(c: char) -> bool {
    const RANGES: [(u32, u32); 27] = [
        (0xa0, 0xa0),
        (0xad, 0xad),
        (0x600, 0x605),
        (0x61c, 0x61c),
        (0x6dd, 0x6dd),
        (0x70f, 0x70f),
        (0x890, 0x891),
        (0x8e2, 0x8e2),
        (0x1680, 0x1680),
        (0x180e, 0x180e),
        (0x2000, 0x200f),
        (0x2028, 0x202f),
        (0x205f, 0x2064),
        (0x2066, 0x206f),
        (0x3000, 0x3000),
        (0xe000, 0xf8ff),
        (0xfeff, 0xfeff),
        (0xfff9, 0xfffb),
        (0x110bd, 0x110bd),
        (0x110cd, 0x110cd),
        (0x13430, 0x1343f),
        (0x1bca0, 0x1bca3),
        (0x1d173, 0x1d17a),
        (0xe0001, 0xe0001),
        (0xe0020, 0xe007f),
        (0xf0000, 0xffffd),
        (0x100000, 0x10fffd),
    ];
    let c = c as u32;
    c >= 0xa0
        && RANGES
            .binary_search_by(|&(lo, hi)| {
                if hi < c {
                    std::cmp::Ordering::Less
                } else if lo > c {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ec0() -> Path {
        Path::root("spec").child("ephemeralContainers").index(0)
    }

    #[test]
    fn bodies_match_apimachinery() {
        let d = Diagnostic::field_error(
            "R-09",
            ErrorType::Forbidden,
            &ec0().child("ports"),
            BadValue::Omit,
            "cannot be set for an Ephemeral Container",
        );
        assert_eq!(d.cause(), "spec.ephemeralContainers[0].ports: Forbidden: cannot be set for an Ephemeral Container");
        let d = Diagnostic::field_error("R-04", ErrorType::Required, &ec0().child("image"), BadValue::Omit, "");
        assert_eq!(d.message, "Required value");
        let d = Diagnostic::field_error("R-08", ErrorType::NotFound, &ec0().child("targetContainerName"), BadValue::str("bogus"), "");
        assert_eq!(d.message, "Not found: \"bogus\"");
        let d = Diagnostic::field_error(
            "R-07",
            ErrorType::NotSupported,
            &ec0().child("imagePullPolicy"),
            BadValue::str("Sometimes"),
            &supported_values(&["Always", "IfNotPresent", "Never"]),
        );
        assert_eq!(d.message, "Unsupported value: \"Sometimes\": supported values: \"Always\", \"IfNotPresent\", \"Never\"");
        let d =
            Diagnostic::field_error("R-23", ErrorType::Invalid, &ec0(), BadValue::Int(-1), "must be between 0 and 2147483647, inclusive");
        assert_eq!(d.message, "Invalid value: -1: must be between 0 and 2147483647, inclusive");
        let d = Diagnostic::field_error("R-03", ErrorType::Duplicate, &ec0().child("name"), BadValue::str("app"), "");
        assert_eq!(d.message, "Duplicate value: \"app\"");
        assert_eq!(d.field_shown(), "spec.ephemeralContainers[0].name");
        let whole = Diagnostic::field_error(
            "R-37",
            ErrorType::Forbidden,
            &Path::empty(),
            BadValue::Omit,
            "static pods do not support ephemeral containers",
        );
        assert_eq!((whole.field.as_str(), whole.field_shown()), ("[]", "(whole pod)"));
    }

    #[test]
    fn quotes_like_go() {
        assert_eq!(go_quote("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(go_quote("tab\there\n"), r#""tab\there\n""#);
        assert_eq!(go_quote("\u{1}"), r#""\x01""#);
        assert_eq!(go_quote("héllo ☃"), "\"héllo ☃\"");
        // strconv.Quote's outputs (Go 1.25): invisible characters escaped, marks kept.
        assert_eq!(go_quote("debug\u{200b}ger"), r#""debug\u200bger""#);
        assert_eq!(go_quote("a\u{a0}b\u{2028}c\u{feff}"), r#""a\u00a0b\u2028c\ufeff""#);
        assert_eq!(go_quote("\u{e000}\u{e0001}\u{13439}"), r#""\ue000\U000e0001\U00013439""#);
        assert_eq!(go_quote("e\u{301} \u{200d}"), "\"e\u{301} \\u200d\"");
        assert_eq!(go_quote("\u{85}\u{9f}"), r#""\u0085\u009f""#);
    }
}
