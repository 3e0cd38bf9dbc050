//! Name checks from apimachinery `pkg/util/validation/validation.go`.

use crate::diag::{BadValue, ErrorType};
use crate::path::Path;

use super::{push, Errs};

const LABEL_MSG: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

fn is_label_body(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty() && b.iter().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-') && b[0] != b'-' && b[b.len() - 1] != b'-'
}

/// Go's `strings.ToLower`, as far as the checks it feeds can tell: ASCII letters lowered,
/// and the two letters outside ASCII whose lowercase is ASCII (U+0130 `İ` → `i`, U+212A
/// KELVIN SIGN → `k`). Every other letter outside ASCII lowers to another one outside ASCII,
/// which the label-key, DNS and qualified-name checks that follow refuse all the same, so it
/// is left as it is: Unicode's case tables would be a fortieth of the playground's download.
pub fn go_lower(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{130}' => 'i',
            '\u{212a}' => 'k',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// `[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*`, without the length limit.
pub fn matches_subdomain(s: &str) -> bool {
    s.split('.').all(is_label_body)
}

/// `IsDNS1123Label`'s messages. `kube_minor` picks the wording: from 1.27 a valid
/// subdomain that is not a label gets `must not contain dots`.
pub fn dns1123_label_errors(value: &str, kube_minor: u32) -> Vec<String> {
    let mut out = Vec::new();
    if value.len() > 63 {
        out.push("must be no more than 63 characters".to_owned());
    }
    if !is_label_body(value) {
        if kube_minor >= 27 && matches_subdomain(value) {
            out.push("must not contain dots".to_owned());
        } else {
            out.push(LABEL_MSG.to_owned());
        }
    }
    out
}

const DNS1123_SUBDOMAIN_FMT: &str = r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
const DNS1123_SUBDOMAIN_MSG: &str =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

/// `IsDNS1123Subdomain`'s messages, on bytes (Go strings are bytes; a masked name need not be
/// UTF-8). `unit` is the length unit of its `MaxLenError`: `characters` in
/// `pkg/util/validation`, `bytes` in `pkg/api/validate/content`.
pub(crate) fn dns1123_subdomain_errors(value: &[u8], unit: &str) -> Vec<String> {
    let mut out = Vec::new();
    if value.len() > 253 {
        out.push(format!("must be no more than 253 {unit}"));
    }
    let label = |l: &[u8]| {
        !l.is_empty()
            && l.iter().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
            && l[0] != b'-'
            && l[l.len() - 1] != b'-'
    };
    if !value.split(|c| *c == b'.').all(label) {
        out.push(regex_error(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, &["example.com"]));
    }
    out
}

/// apimachinery `RegexError`: the message, examples each followed by `', ` — so two spaces
/// stand before every ` or ` — and the regular expression.
pub(crate) fn regex_error(msg: &str, fmt: &str, examples: &[&str]) -> String {
    if examples.is_empty() {
        return format!("{msg} (regex used for validation is '{fmt}')");
    }
    let mut out = format!("{msg} (e.g. ");
    for (i, example) in examples.iter().enumerate() {
        if i > 0 {
            out.push_str(" or ");
        }
        out.push_str(&format!("'{example}', "));
    }
    out.push_str(&format!("regex used for validation is '{fmt}')"));
    out
}

/// `ValidateDNS1123Label`: one Invalid per message.
pub fn validate_dns1123_label(value: &str, path: &Path, kube_minor: u32, code: &'static str, errs: &mut Errs) {
    for msg in dns1123_label_errors(value, kube_minor) {
        push(errs, code, ErrorType::Invalid, path, BadValue::str(value), &msg);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_messages() {
        assert!(dns1123_subdomain_errors(b"a.example-1.com", "characters").is_empty());
        let long = "a".repeat(254);
        assert_eq!(dns1123_subdomain_errors(long.as_bytes(), "bytes"), ["must be no more than 253 bytes"]);
        for bad in [&b"A.com"[..], b"a..b", b"-a", b"a-", b"a_b", b"\xffa"] {
            assert_eq!(
                dns1123_subdomain_errors(bad, "characters"),
                [regex_error(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, &["example.com"])],
                "{bad:?}"
            );
        }
        assert!(dns1123_label_errors("debugger-7xk2p", 37).is_empty());
        assert_eq!(dns1123_label_errors("a.b", 37), vec!["must not contain dots"]);
        assert_eq!(dns1123_label_errors("a.b", 26), vec![LABEL_MSG]);
        assert_eq!(dns1123_label_errors("Debug", 37), vec![LABEL_MSG]);
        let long = "a".repeat(64);
        assert_eq!(dns1123_label_errors(&long, 37), vec!["must be no more than 63 characters"]);
        let long_bad = format!("{}_", "a".repeat(64));
        assert_eq!(dns1123_label_errors(&long_bad, 37).len(), 2);
    }

    #[test]
    fn lowers_as_go_does_for_the_checks() {
        assert_eq!(go_lower("Example.COM/Key_1"), "example.com/key_1");
        // The two letters outside ASCII whose lowercase is ASCII (Go's unicode.ToLower).
        assert_eq!(go_lower("\u{130}STIO.\u{212a}8S.IO"), "istio.k8s.io");
        assert!(dns1123_subdomain_errors(go_lower("\u{212a}8s.io").as_bytes(), "characters").is_empty());
        // Any other stays outside ASCII, and is refused either way.
        assert!(!dns1123_subdomain_errors(go_lower("\u{c4}.io").as_bytes(), "characters").is_empty());
    }
}
