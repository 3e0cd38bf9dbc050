//! apimachinery's string checks and their wording, for every release modelled: DNS labels and
//! subdomains, label keys and values (`IsQualifiedName`), port names, `RegexError`, and Go's
//! `strings.ToLower` that some of them are fed through. The other rule files call these and
//! keep no copy of their own.
//!
//! Sources: kubernetes/apimachinery `pkg/util/validation/validation.go` at v0.25.0 … v0.36.0
//! and `pkg/api/validate/content` (v0.35.0 on). Where the wording changed, the release is in
//! [`crate::versions`].

use crate::diag::{BadValue, ErrorType};
use crate::path::Path;
use crate::versions::{JSON_BAD_VALUES_SINCE, LABEL_DOTS_WORDING_SINCE, LABEL_KEY_WORDING_SINCE, UNDERSCORE_REGEX_FIXED_SINCE};

use super::{push, Errs};

const LABEL_FMT: &str = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const LABEL_MSG: &str =
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const SUBDOMAIN_FMT: &str = r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
const SUBDOMAIN_MSG: &str =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const SUBDOMAIN_US_FMT: &str = r"_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*";
const SUBDOMAIN_US_MSG: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character";
const LABEL_KEY_FMT: &str = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const LABEL_KEY_MSG: &str =
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_KEY_EXAMPLES: [&str; 3] = ["MyName", "my.name", "123-abc"];
const LABEL_VALUE_FMT: &str = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?";
const LABEL_VALUE_MSG: &str = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/// The unit of a `MaxLenError`: `pkg/util/validation` says characters, `pkg/api/validate/content`
/// says bytes. Both count bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Characters,
    Bytes,
}

impl Unit {
    /// The unit of label keys, label values and their prefixes on a 1.`minor` server.
    pub fn of_labels(minor: u32) -> Unit {
        if minor >= LABEL_KEY_WORDING_SINCE {
            Unit::Bytes
        } else {
            Unit::Characters
        }
    }
}

/// `MaxLenError`.
pub fn max_len_error(max: usize, unit: Unit) -> String {
    match unit {
        Unit::Characters => format!("must be no more than {max} characters"),
        Unit::Bytes => format!("must be no more than {max} bytes"),
    }
}

/// `RegexError`: the message, examples each followed by `', ` — so two spaces stand before every
/// ` or ` — and the regular expression.
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

fn lower_alnum(c: u8) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit()
}

/// One label of a subdomain, `_?` allowed in front and `_` inside when `underscore`.
fn is_label_of(l: &[u8], underscore: bool) -> bool {
    let l = if underscore { l.strip_prefix(b"_").unwrap_or(l) } else { l };
    !l.is_empty()
        && lower_alnum(l[0])
        && lower_alnum(l[l.len() - 1])
        && l.iter().all(|&c| lower_alnum(c) || c == b'-' || (underscore && c == b'_'))
}

/// `[a-z0-9]([-a-z0-9]*[a-z0-9])?`, anchored.
pub fn is_label_body(s: &str) -> bool {
    is_label_of(s.as_bytes(), false)
}

/// The subdomain regex, without the length limit.
pub fn matches_subdomain(s: &str) -> bool {
    s.as_bytes().split(|c| *c == b'.').all(|l| is_label_of(l, false))
}

/// `IsDNS1123Label`. From 1.27 a valid subdomain that is not a label gets `must not contain dots`.
pub fn dns1123_label_errors(value: &str, minor: u32) -> Vec<String> {
    let mut out = Vec::new();
    if value.len() > 63 {
        out.push(max_len_error(63, Unit::Characters));
    }
    if !is_label_body(value) {
        if minor >= LABEL_DOTS_WORDING_SINCE && matches_subdomain(value) {
            out.push("must not contain dots".to_owned());
        } else {
            out.push(regex_error(LABEL_MSG, LABEL_FMT, &["my-name", "123-abc"]));
        }
    }
    out
}

/// `IsDNS1123Subdomain`, on bytes (Go strings are bytes; a masked name need not be UTF-8), in
/// `pkg/util/validation` (characters) or `content` (bytes).
pub(crate) fn dns1123_subdomain_errors(value: &[u8], unit: Unit) -> Vec<String> {
    let mut out = Vec::new();
    if value.len() > 253 {
        out.push(max_len_error(253, unit));
    }
    if !value.split(|c| *c == b'.').all(|l| is_label_of(l, false)) {
        out.push(regex_error(SUBDOMAIN_MSG, SUBDOMAIN_FMT, &["example.com"]));
    }
    out
}

/// `IsDNS1123SubdomainWithUnderscore` (v0.32.0 on), whose message showed the regex without
/// underscores until 1.34.
pub(crate) fn dns1123_subdomain_us_errors(value: &str, minor: u32) -> Vec<String> {
    let mut out = Vec::new();
    if value.len() > 253 {
        out.push(max_len_error(253, Unit::Characters));
    }
    if !value.as_bytes().split(|c| *c == b'.').all(|l| is_label_of(l, true)) {
        let fmt = if minor >= UNDERSCORE_REGEX_FIXED_SINCE { SUBDOMAIN_US_FMT } else { SUBDOMAIN_FMT };
        out.push(regex_error(SUBDOMAIN_US_MSG, fmt, &["example.com"]));
    }
    out
}

/// apimachinery `maskTrailingDash`: a name longer than one byte that ends in `-` loses its last
/// *two* bytes and gains an `a` (the server's own quirk), so `my-config-` is checked as `my-confia`.
pub(crate) fn mask_trailing_dash(name: &[u8]) -> Vec<u8> {
    let mut out = name.to_vec();
    if name.len() > 1 && name.ends_with(b"-") {
        out.truncate(name.len() - 2);
        out.push(b'a');
    }
    out
}

/// `NameIsDNSSubdomain`: a subdomain, checked as a generateName prefix when `prefix`.
pub(crate) fn name_is_dns_subdomain(name: &str, prefix: bool) -> Vec<String> {
    if prefix {
        dns1123_subdomain_errors(&mask_trailing_dash(name.as_bytes()), Unit::Characters)
    } else {
        dns1123_subdomain_errors(name.as_bytes(), Unit::Characters)
    }
}

/// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`, anchored.
fn is_label_key_name(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b[0].is_ascii_alphanumeric()
        && b[b.len() - 1].is_ascii_alphanumeric()
        && b.iter().all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
}

/// `IsQualifiedName`: up to 1.34 apimachinery's own ("a qualified name …", lengths in
/// characters), from 1.35 `content.IsLabelKey` ("a valid label key …", bytes).
pub fn label_key_errors(value: &str, minor: u32) -> Vec<String> {
    let unit = Unit::of_labels(minor);
    let mut out = Vec::new();
    let mut parts = value.split('/');
    let (first, second, third) = (parts.next().unwrap_or(""), parts.next(), parts.next());
    let name = match (second, third) {
        (None, _) => first,
        (Some(name), None) => {
            if first.is_empty() {
                out.push("prefix part must be non-empty".to_owned());
            } else {
                out.extend(dns1123_subdomain_errors(first.as_bytes(), unit).into_iter().map(|m| format!("prefix part {m}")));
            }
            name
        }
        (Some(_), Some(_)) => {
            let what = if unit == Unit::Bytes { "a valid label key" } else { "a qualified name" };
            let re = regex_error(LABEL_KEY_MSG, LABEL_KEY_FMT, &LABEL_KEY_EXAMPLES);
            return vec![format!("{what} {re} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')")];
        }
    };
    if name.is_empty() {
        out.push("name part must be non-empty".to_owned());
    } else if name.len() > 63 {
        out.push(format!("name part {}", max_len_error(63, unit)));
    }
    if !is_label_key_name(name) {
        out.push(format!("name part {}", regex_error(LABEL_KEY_MSG, LABEL_KEY_FMT, &LABEL_KEY_EXAMPLES)));
    }
    out
}

/// `IsValidLabelValue` / `content.IsLabelValue`.
pub fn label_value_errors(value: &str, minor: u32) -> Vec<String> {
    let mut out = Vec::new();
    if value.len() > 63 {
        out.push(max_len_error(63, Unit::of_labels(minor)));
    }
    if !value.is_empty() && !is_label_key_name(value) {
        out.push(regex_error(LABEL_VALUE_MSG, LABEL_VALUE_FMT, &["MyValue", "my_value", "12345"]));
    }
    out
}

/// `IsValidPortName` (an IANA service name): at most 15 bytes of `[-a-z0-9]`, at least one
/// letter, no `--`, no leading or trailing `-`. Every failed test adds its message.
pub fn port_name_errors(port: &str) -> Vec<String> {
    let b = port.as_bytes();
    let mut out = Vec::new();
    if b.len() > 15 {
        out.push(max_len_error(15, Unit::Characters));
    }
    if b.is_empty() || !b.iter().all(|&c| lower_alnum(c) || c == b'-') {
        out.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)".to_owned());
    }
    if !b.iter().any(u8::is_ascii_lowercase) {
        out.push("must contain at least one letter (a-z)".to_owned());
    }
    if port.contains("--") {
        out.push("must not contain consecutive hyphens".to_owned());
    }
    if port.starts_with('-') || port.ends_with('-') {
        out.push("must not begin or end with a hyphen".to_owned());
    }
    out
}

/// `ValidateDNS1123Label`: one Invalid per message.
pub fn validate_dns1123_label(value: &str, path: &Path, minor: u32, code: &'static str, errs: &mut Errs) {
    for msg in dns1123_label_errors(value, minor) {
        push(errs, code, ErrorType::Invalid, path, BadValue::str(value), &msg);
    }
}

/// The bad value of a Go named string type (`Protocol`, `ProcMountType`…) or a `*string`, as
/// `ErrorBody` prints it: `%#v` — the same as `%q` — up to 1.33, JSON from 1.34.
pub(crate) fn typed_value(s: &str, minor: u32) -> BadValue {
    if minor >= JSON_BAD_VALUES_SINCE {
        BadValue::Raw(crate::gojson::go_string(s))
    } else {
        BadValue::str(s)
    }
}

/// The bad value of a `core.ResourceName`: a `fmt.Stringer`, printed bare by its `String()` up to
/// 1.33 (`ErrorBody` tried Stringer before `%#v`), as JSON from 1.34.
pub(crate) fn resource_name_value(s: &str, minor: u32) -> BadValue {
    if minor >= JSON_BAD_VALUES_SINCE {
        BadValue::Raw(crate::gojson::go_string(s))
    } else {
        BadValue::Raw(s.to_owned())
    }
}

/// Go's `strings.ToLower`: every letter mapped by `unicode.ToLower`, the simple lowercase
/// mapping of Unicode 15.0.0 (Go 1.21 and later, which build Kubernetes 1.29 on). Exact also
/// where lowering changes a letter's length in UTF-8 (U+0130 `İ` → `i`, U+212A KELVIN SIGN →
/// `k`, U+023A `Ⱥ` → U+2C65 …), which the byte limits of label keys and subdomains see.
///
/// Rust's own `char::to_lowercase` is not used: its tables are Unicode 17 (Go has not moved past
/// 15) and map `İ` to two characters, and they cost 12.2 KB of WebAssembly (4.7 KB gzipped)
/// against 1.7 KB (0.9 KB gzipped) for [`LOWER`], measured on a `wasm32-unknown-unknown`
/// `cdylib` built at `opt-level = "z"` with LTO. (Go 1.19 and 1.20, which built the first
/// releases of 1.25–1.28, had Unicode 13.0: the Unicode 14 pairs — Glagolitic U+2C2F, Vithkuqi,
/// U+A7C0 … U+A7D8 — were not lowered there; none of them changes length.)
pub fn go_lower(s: &str) -> String {
    s.chars().map(go_lower_char).collect()
}

fn go_lower_char(c: char) -> char {
    let u = c as u32;
    let i = LOWER.partition_point(|&(k, _)| (k >> 9) <= u);
    let Some(&(k, delta)) = i.checked_sub(1).and_then(|i| LOWER.get(i)) else { return c };
    let (lo, stride, count) = (k >> 9, if k & 0x100 != 0 { 2 } else { 1 }, k & 0xFF);
    let off = u - lo;
    if off % stride == 0 && off / stride < count {
        char::from_u32(u.wrapping_add_signed(delta)).unwrap_or(c)
    } else {
        c
    }
}

/// `unicode.ToLower`'s mappings as runs, sorted: `(first << 9 | stride2 << 8 | count, delta)`, each
/// run `count` letters `first`, `first + stride`, … (stride 1, or 2 for alternating upper and lower
/// case) lowered by adding `delta`. Generated from Unicode 15.0.0's UnicodeData.txt simple
/// lowercase mappings (U+0130 maps to `i`, as Go's `CaseRanges` have it).
const LOWER: [(u32, i32); 182] = [
    (0x821A, 32),
    (0x18017, 32),
    (0x1B007, 32),
    (0x20118, 1),
    (0x26001, -199),
    (0x26503, 1),
    (0x27308, 1),
    (0x29517, 1),
    (0x2F001, -121),
    (0x2F303, 1),
    (0x30201, 210),
    (0x30502, 1),
    (0x30C01, 206),
    (0x30E01, 1),
    (0x31202, 205),
    (0x31601, 1),
    (0x31C01, 79),
    (0x31E01, 202),
    (0x32001, 203),
    (0x32201, 1),
    (0x32601, 205),
    (0x32801, 207),
    (0x32C01, 211),
    (0x32E01, 209),
    (0x33001, 1),
    (0x33801, 211),
    (0x33A01, 213),
    (0x33E01, 214),
    (0x34103, 1),
    (0x34C01, 218),
    (0x34E01, 1),
    (0x35201, 218),
    (0x35801, 1),
    (0x35C01, 218),
    (0x35E01, 1),
    (0x36202, 217),
    (0x36702, 1),
    (0x36E01, 219),
    (0x37001, 1),
    (0x37801, 1),
    (0x38801, 2),
    (0x38A01, 1),
    (0x38E01, 2),
    (0x39001, 1),
    (0x39401, 2),
    (0x39709, 1),
    (0x3BD09, 1),
    (0x3E201, 2),
    (0x3E502, 1),
    (0x3EC01, -97),
    (0x3EE01, -56),
    (0x3F114, 1),
    (0x44001, -130),
    (0x44509, 1),
    (0x47401, 10795),
    (0x47601, 1),
    (0x47A01, -163),
    (0x47C01, 10792),
    (0x48201, 1),
    (0x48601, -195),
    (0x48801, 69),
    (0x48A01, 71),
    (0x48D05, 1),
    (0x6E102, 1),
    (0x6EC01, 1),
    (0x6FE01, 116),
    (0x70C01, 38),
    (0x71003, 37),
    (0x71801, 64),
    (0x71C02, 63),
    (0x72211, 32),
    (0x74609, 32),
    (0x79E01, 8),
    (0x7B10C, 1),
    (0x7E801, -60),
    (0x7EE01, 1),
    (0x7F201, -7),
    (0x7F401, 1),
    (0x7FA03, -130),
    (0x80010, 80),
    (0x82020, 32),
    (0x8C111, 1),
    (0x9151B, 1),
    (0x98001, 15),
    (0x98307, 1),
    (0x9A130, 1),
    (0xA6226, 48),
    (0x214026, 7264),
    (0x218E01, 7264),
    (0x219A01, 7264),
    (0x274050, 38864),
    (0x27E006, 8),
    (0x39202B, -3008),
    (0x397A03, -3008),
    (0x3C014B, 1),
    (0x3D3C01, -7615),
    (0x3D4130, 1),
    (0x3E1008, -8),
    (0x3E3006, -8),
    (0x3E5008, -8),
    (0x3E7008, -8),
    (0x3E9006, -8),
    (0x3EB304, -8),
    (0x3ED008, -8),
    (0x3F1008, -8),
    (0x3F3008, -8),
    (0x3F5008, -8),
    (0x3F7002, -8),
    (0x3F7402, -74),
    (0x3F7801, -9),
    (0x3F9004, -86),
    (0x3F9801, -9),
    (0x3FB002, -8),
    (0x3FB402, -100),
    (0x3FD002, -8),
    (0x3FD402, -112),
    (0x3FD801, -7),
    (0x3FF002, -128),
    (0x3FF402, -126),
    (0x3FF801, -9),
    (0x424C01, -7517),
    (0x425401, -8383),
    (0x425601, -8262),
    (0x426401, 28),
    (0x42C010, 16),
    (0x430601, 1),
    (0x496C1A, 26),
    (0x580030, 48),
    (0x58C001, 1),
    (0x58C401, -10743),
    (0x58C601, -3814),
    (0x58C801, -10727),
    (0x58CF03, 1),
    (0x58DA01, -10780),
    (0x58DC01, -10749),
    (0x58DE01, -10783),
    (0x58E001, -10782),
    (0x58E401, 1),
    (0x58EA01, 1),
    (0x58FC02, -10815),
    (0x590132, 1),
    (0x59D702, 1),
    (0x59E401, 1),
    (0x14C8117, 1),
    (0x14D010E, 1),
    (0x14E4507, 1),
    (0x14E651F, 1),
    (0x14EF302, 1),
    (0x14EFA01, -35332),
    (0x14EFD05, 1),
    (0x14F1601, 1),
    (0x14F1A01, -42280),
    (0x14F2102, 1),
    (0x14F2D0A, 1),
    (0x14F5401, -42308),
    (0x14F5601, -42319),
    (0x14F5801, -42315),
    (0x14F5A01, -42305),
    (0x14F5C01, -42308),
    (0x14F6001, -42258),
    (0x14F6201, -42282),
    (0x14F6401, -42261),
    (0x14F6601, 928),
    (0x14F6908, 1),
    (0x14F8801, -48),
    (0x14F8A01, -42307),
    (0x14F8C01, -35384),
    (0x14F8F02, 1),
    (0x14FA001, 1),
    (0x14FAD02, 1),
    (0x14FEA01, 1),
    (0x1FE421A, 32),
    (0x2080028, 40),
    (0x2096024, 40),
    (0x20AE00B, 39),
    (0x20AF80F, 39),
    (0x20B1807, 39),
    (0x20B2802, 39),
    (0x2190033, 64),
    (0x2314020, 32),
    (0x2DC8020, 32),
    (0x3D20022, 34),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::go_quote;
    use crate::versions::LATEST_KUBE_MINOR as LATEST;

    #[test]
    fn label_messages() {
        assert!(dns1123_subdomain_errors(b"a.example-1.com", Unit::Characters).is_empty());
        let long = "a".repeat(254);
        assert_eq!(dns1123_subdomain_errors(long.as_bytes(), Unit::Bytes), ["must be no more than 253 bytes"]);
        for bad in [&b"A.com"[..], b"a..b", b"-a", b"a-", b"a_b", b"\xffa"] {
            assert_eq!(
                dns1123_subdomain_errors(bad, Unit::Characters),
                [regex_error(SUBDOMAIN_MSG, SUBDOMAIN_FMT, &["example.com"])],
                "{bad:?}"
            );
        }
        let label_msg = regex_error(LABEL_MSG, LABEL_FMT, &["my-name", "123-abc"]);
        assert!(dns1123_label_errors("debugger-7xk2p", LATEST).is_empty());
        assert_eq!(dns1123_label_errors("a.b", LATEST), vec!["must not contain dots"]);
        assert_eq!(dns1123_label_errors("a.b", 26), vec![label_msg.clone()]);
        assert_eq!(dns1123_label_errors("Debug", LATEST), vec![label_msg]);
        let long = "a".repeat(64);
        assert_eq!(dns1123_label_errors(&long, LATEST), vec!["must be no more than 63 characters"]);
        let long_bad = format!("{}_", "a".repeat(64));
        assert_eq!(dns1123_label_errors(&long_bad, LATEST).len(), 2);
    }

    #[test]
    fn label_keys_follow_the_release() {
        assert!(label_key_errors("a/b/c", LATEST)[0].starts_with("a valid label key must consist of"));
        assert!(label_key_errors("a/b/c", 34)[0].starts_with("a qualified name must consist of"));
        assert_eq!(label_key_errors(&"a".repeat(64), 35), ["name part must be no more than 63 bytes"]);
        assert_eq!(label_key_errors(&"a".repeat(64), 34), ["name part must be no more than 63 characters"]);
        assert_eq!(label_key_errors("/x", 30), ["prefix part must be non-empty"]);
        assert_eq!(label_value_errors(&"a".repeat(64), 30), ["must be no more than 63 characters"]);
        assert_eq!(label_value_errors(&"a".repeat(64), 36), ["must be no more than 63 bytes"]);
        assert!(label_key_errors("example.com/", LATEST).len() == 2);
        assert!(dns1123_subdomain_us_errors("a_b.example", 33).is_empty());
        assert!(dns1123_subdomain_us_errors("A", 33)[0].ends_with(&format!("'{SUBDOMAIN_FMT}')")));
        assert!(dns1123_subdomain_us_errors("A", 34)[0].ends_with(&format!("'{SUBDOMAIN_US_FMT}')")));
    }

    #[test]
    fn bad_values_follow_the_release() {
        assert_eq!(typed_value("a\"b", 33).to_string(), go_quote("a\"b"));
        assert_eq!(resource_name_value("foo/bar", 33).to_string(), "foo/bar");
        assert_eq!(resource_name_value("foo/bar", 34).to_string(), "\"foo/bar\"");
    }

    #[test]
    fn lowers_as_go_does() {
        assert_eq!(go_lower("Example.COM/Key_1"), "example.com/key_1");
        // The two letters outside ASCII whose lowercase is ASCII (Go's unicode.ToLower).
        assert_eq!(go_lower("\u{130}STIO.\u{212a}8S.IO"), "istio.k8s.io");
        assert!(dns1123_subdomain_errors(go_lower("\u{212a}8s.io").as_bytes(), Unit::Characters).is_empty());
        assert_eq!(go_lower("\u{c4}\u{23a}\u{1e9e}\u{10400}"), "\u{e4}\u{2c65}\u{df}\u{10428}");
        // Two bytes become three: the 63-byte name part sees 64.
        let key = format!("{}\u{23a}", "a".repeat(61));
        assert_eq!(key.len(), 63);
        assert_eq!(go_lower(&key).len(), 64);
    }

    /// The table is the simple lowercase mapping of Unicode 15.0.0: Rust's (Unicode 17.0.0) but
    /// for İ (two characters in Rust, `i` in Go) and the case pairs added after 15.0.0.
    #[test]
    fn table_is_unicode_15_simple_lowercase() {
        let after_15 = |u: u32| {
            matches!(u, 0x1C89 | 0xA7CB | 0xA7CC | 0xA7CE | 0xA7D2 | 0xA7D4 | 0xA7DA | 0xA7DC)
                || (0x10D50..=0x10D65).contains(&u)
                || (0x16EA0..=0x16EB8).contains(&u)
        };
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let mut std = c.to_lowercase();
            let want = match (c, std.next(), std.next()) {
                ('\u{130}', _, _) => 'i',
                (c, _, _) if after_15(c as u32) => c,
                (_, Some(l), None) => l,
                (c, _, _) => panic!("{c:?} lowers to several characters"),
            };
            assert_eq!(go_lower_char(c), want, "U+{:04X}", c as u32);
        }
    }
}
