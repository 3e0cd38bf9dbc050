//! Decodes a [`Node`] tree into k8s-openapi's types, the way the API server decodes a
//! request body with strict field validation, but without stopping at the first problem.
//!
//! - Each Kubernetes object type has a [`Decode`] impl written from k8s-openapi's own source
//!   (`kube.rs`, by `tests/kube_schema.rs`): the fields it knows, their JSON names, and
//!   what its `Deserialize` impl says it expects. A key outside that list is an unknown
//!   field (`unknown field "spec.ephemeralContainers[0].imagePullPolcy"`), with the closest
//!   known name as a suggestion. No field list is kept by hand.
//! - What is decoded, and every message, is what k8s-openapi's own `Deserialize` impls give
//!   when driven over the same tree (the tests compare the two on every fixture, on a pod
//!   with every field set, and on random edits): values of the wrong type are reported in
//!   serde's words and left out, a bad list element leaves its whole list out (so that the
//!   indices stay those of the text), a key given twice keeps its last value.
//! - A JSON `null` is the same as an absent key, as in Go's `encoding/json`.
//! - Some parts of a pod are not decoded: its times, which are checked as Go reads them and
//!   left out (nothing reads them), its status, which no request changes or validates
//!   (`input::status_facts` takes what the hints need from the tree), and
//!   `metadata.managedFields`, which is left out of the tree before.
//!
//! Why not serde: k8s-openapi's generated visitors, instantiated for a deserializer, were
//! the largest part of the playground's WebAssembly (63 KB of 452 KB gzipped). Here each
//! type's code is one match from field index to a slot, and the work is in functions
//! compiled once per field type.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt::Write as _;

use k8s_openapi::api::core::v1::PodStatus;
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{MicroTime, Time};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use crate::node::{Node, Pos, Value};

// Written by tests/kube_schema.rs; one-field objects make single-arm matches.
#[rustfmt::skip]
#[allow(clippy::single_match)]
mod kube;

/// Something wrong in the text, found while decoding.
#[derive(Clone, Debug, PartialEq)]
pub enum Issue {
    UnknownField { path: String, pos: Pos, suggestion: Option<&'static str> },
    DuplicateField { path: String, pos: Pos },
    TypeMismatch { path: String, pos: Pos, message: String },
}

/// Decodes `node` as a `T`, collecting every issue: unknown and repeated fields in the
/// order of the text, then the values of the wrong type, in the order of the text. `None`
/// when the value could not be decoded at all (its root has the wrong shape).
pub fn decode<T: Decode>(node: &Node, prefix: &str) -> (Option<T>, Vec<Issue>) {
    let d = Dec { issues: RefCell::new(Vec::new()), mismatches: RefCell::new(Vec::new()) };
    let value = T::decode(&d, node, &Seg::Root(prefix));
    let mut issues = d.issues.into_inner();
    issues.extend(d.mismatches.into_inner());
    (value, issues)
}

/// A type read from the tree. `None` means the value is left out: it had the wrong shape
/// (reported), or it is not decoded on purpose.
pub trait Decode: Sized {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self>;
}

/// What the issues are gathered in while decoding.
pub struct Dec {
    /// Unknown and repeated fields, and the values checked but not decoded (times, status).
    issues: RefCell<Vec<Issue>>,
    /// Values of the wrong type. They stay reported when their list is left out later, as
    /// the server would report them too.
    mismatches: RefCell<Vec<Issue>>,
}

/// The path to a value, kept as a chain on the stack and rendered only when needed.
#[derive(Clone, Copy)]
pub enum Seg<'p> {
    Root(&'p str),
    Field(&'p str, &'p Seg<'p>),
    Index(usize, &'p Seg<'p>),
}

impl Seg<'_> {
    fn render(&self) -> String {
        let mut s = String::new();
        self.render_into(&mut s);
        s
    }

    fn render_into(&self, s: &mut String) {
        match self {
            Seg::Root(prefix) => s.push_str(prefix),
            Seg::Field(name, parent) => {
                parent.render_into(s);
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(name);
            }
            Seg::Index(i, parent) => {
                parent.render_into(s);
                let _ = write!(s, "[{i}]");
            }
        }
    }
}

/// An object type: what its `Deserialize` impl says it expects, the JSON names of its
/// fields (in the order k8s-openapi lists them), and for a top-level resource its
/// `apiVersion` and `kind`.
pub struct Shape {
    pub expecting: &'static str,
    pub fields: &'static [&'static str],
    pub resource: Option<(&'static str, &'static str)>,
}

/// Where an object's field goes: called with the field's index in [`Shape::fields`].
type Slots<'f> = dyn FnMut(&Dec, usize, &Node, &Seg) + 'f;

impl Dec {
    /// An object's entries in the order of the text: unknown and repeated keys reported,
    /// nulls skipped, each other value handed to `slots`. A null object is an empty one.
    /// `None` when `node` is not an object, or names another apiVersion or kind.
    fn object(&self, node: &Node, at: &Seg, shape: &Shape, slots: &mut Slots) -> Option<()> {
        let entries = match &node.value {
            Value::Map(entries) => entries,
            Value::Null => return Some(()),
            _ => {
                self.mismatch(node, at, shape.expecting);
                return None;
            }
        };
        // Which known fields were seen, to find repeated keys (no object has more than 64).
        let mut seen = 0u64;
        for (key, value) in entries {
            let name = key.name.as_str();
            let Some(index) = shape.fields.iter().position(|f| *f == name) else {
                let path = Seg::Field(name, at).render();
                self.issues.borrow_mut().push(Issue::UnknownField { path, pos: key.pos, suggestion: closest(name, shape.fields) });
                continue;
            };
            let bit = 1u64 << (index % 64);
            if seen & bit != 0 {
                self.issues.borrow_mut().push(Issue::DuplicateField { path: Seg::Field(name, at).render(), pos: key.pos });
            }
            seen |= bit;
            if matches!(value.value, Value::Null) {
                continue;
            }
            let seg = Seg::Field(name, at);
            match shape.resource {
                // k8s-openapi reads a resource's apiVersion and kind as strings and refuses
                // the whole object when they are not its own.
                Some((api_version, kind)) if name == "apiVersion" || name == "kind" => {
                    let expected = if name == "kind" { kind } else { api_version };
                    match String::decode(self, value, &seg) {
                        Some(s) if s != expected => {
                            let message = format!("invalid value: string {s:?}, expected {expected}");
                            self.mismatches.borrow_mut().push(Issue::TypeMismatch { path: at.render(), pos: node.pos, message });
                            return None;
                        }
                        _ => {}
                    }
                }
                _ => slots(self, index, value, &seg),
            }
        }
        Some(())
    }

    /// Sets an optional field, unless its value is left out (an earlier value given for the
    /// same key then stays, as it does in k8s-openapi's visitors).
    #[inline(never)]
    fn opt<T: Decode>(&self, slot: &mut Option<T>, node: &Node, at: &Seg) {
        if let Some(value) = T::decode(self, node, at) {
            *slot = Some(value);
        }
    }

    /// Sets a required field (left at its zero value when absent or left out).
    #[inline(never)]
    fn req<T: Decode>(&self, slot: &mut T, node: &Node, at: &Seg) {
        if let Some(value) = T::decode(self, node, at) {
            *slot = value;
        }
    }

    /// A value of the wrong type, in serde's words: `invalid type: string "x", expected i32`.
    fn mismatch(&self, node: &Node, at: &Seg, expected: &str) {
        let message = format!("invalid type: {}, expected {expected}", unexpected(node));
        self.mismatches.borrow_mut().push(Issue::TypeMismatch { path: at.render(), pos: node.pos, message });
    }

    /// A value of the right type that the field does not take (an integer out of range).
    fn invalid(&self, node: &Node, at: &Seg, expected: &str) {
        let message = format!("invalid value: {}, expected {expected}", unexpected(node));
        self.mismatches.borrow_mut().push(Issue::TypeMismatch { path: at.render(), pos: node.pos, message });
    }
}

/// A value as serde's `Unexpected` names it.
fn unexpected(node: &Node) -> String {
    match &node.value {
        Value::Null => "unit value".to_owned(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Int(i) => format!("integer `{i}`"),
        // serde's `WithDecimalPoint`: `1.0`, not `1`.
        Value::Float(f) => {
            let mut s = format!("floating point `{}", crate::float::display(*f));
            if f.is_finite() && !s.contains('.') {
                s.push_str(".0");
            }
            s.push('`');
            s
        }
        Value::Str(s) => format!("string {:?}", s.as_str()),
        Value::Seq(_) => "sequence".to_owned(),
        Value::Map(_) => "map".to_owned(),
    }
}

// The leaves, as serde's own impls (and k8s-openapi's, for its newtypes) read them. A null
// reaches them only as a list element: serde reads it as the zero value of a string, a
// boolean or an integer.

impl Decode for String {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        match &node.value {
            Value::Str(s) => Some(s.as_str().to_owned()),
            Value::Null => Some(String::new()),
            _ => {
                d.mismatch(node, at, "a string");
                None
            }
        }
    }
}

impl Decode for bool {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        match node.value {
            Value::Bool(b) => Some(b),
            Value::Null => Some(false),
            _ => {
                d.mismatch(node, at, "a boolean");
                None
            }
        }
    }
}

impl Decode for i64 {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        match node.value {
            Value::Int(i) => Some(i),
            Value::Null => Some(0),
            _ => {
                d.mismatch(node, at, "i64");
                None
            }
        }
    }
}

impl Decode for i32 {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        match node.value {
            Value::Int(i) => {
                let narrow = i32::try_from(i).ok();
                if narrow.is_none() {
                    d.invalid(node, at, "i32");
                }
                narrow
            }
            Value::Null => Some(0),
            _ => {
                d.mismatch(node, at, "i32");
                None
            }
        }
    }
}

impl<T: Decode> Decode for Vec<T> {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        match &node.value {
            Value::Seq(items) => {
                // A bad element leaves the whole list out, with what was found inside it
                // (but for the values of the wrong type, which stay reported).
                let mark = d.issues.borrow().len();
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    match T::decode(d, item, &Seg::Index(i, at)) {
                        Some(value) => out.push(value),
                        None => {
                            d.issues.borrow_mut().truncate(mark);
                            return None;
                        }
                    }
                }
                Some(out)
            }
            Value::Null => Some(Vec::new()),
            _ => {
                d.mismatch(node, at, "a sequence");
                None
            }
        }
    }
}

impl<T: Decode> Decode for BTreeMap<String, T> {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        match &node.value {
            Value::Map(entries) => {
                let mut out = BTreeMap::new();
                for (key, value) in entries {
                    if matches!(value.value, Value::Null) {
                        continue;
                    }
                    if let Some(v) = T::decode(d, value, &Seg::Field(&key.name, at)) {
                        out.insert(key.name.as_str().to_owned(), v);
                    }
                }
                Some(out)
            }
            Value::Null => Some(BTreeMap::new()),
            _ => {
                d.mismatch(node, at, "a map");
                None
            }
        }
    }
}

/// What the server's decoder says of a quantity string (`Quantity.UnmarshalJSON`: white space
/// trimmed, then `resource.ParseQuantity`), or `None` when it decodes.
pub fn quantity_error(text: &str) -> Option<&'static str> {
    crate::quantity::try_parse_quantity(text.trim()).err().map(|e| e.message())
}

/// k8s-openapi's `Quantity` takes a string, or a number as Rust prints it. A string that
/// `resource.ParseQuantity` refuses fails the server's decoding (`Quantity.UnmarshalJSON`
/// trims white space first), with its text; it is reported here and left out.
impl Decode for Quantity {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        match &node.value {
            Value::Str(s) => match quantity_error(s) {
                None => Some(Quantity(s.as_str().to_owned())),
                Some(message) => {
                    d.mismatches.borrow_mut().push(Issue::TypeMismatch { path: at.render(), pos: node.pos, message: message.to_owned() });
                    None
                }
            },
            Value::Int(i) => Some(Quantity(i.to_string())),
            Value::Float(f) => Some(Quantity(crate::float::display(*f))),
            _ => {
                d.mismatch(node, at, "Quantity");
                None
            }
        }
    }
}

/// k8s-openapi's `IntOrString`: a 32-bit integer or a string.
impl Decode for IntOrString {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        match &node.value {
            Value::Str(s) => Some(IntOrString::String(s.as_str().to_owned())),
            Value::Int(i) => match i32::try_from(*i) {
                Ok(i) => Some(IntOrString::Int(i)),
                Err(_) => {
                    d.invalid(node, at, "a 32-bit integer");
                    None
                }
            },
            _ => {
                d.mismatch(node, at, "IntOrString");
                None
            }
        }
    }
}

/// Every time in a pod is an optional `Time`: checked here as the server reads it, and left
/// out, since nothing reads times.
impl Decode for Time {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        check_time(d, node, at);
        None
    }
}

impl Decode for MicroTime {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        check_time(d, node, at);
        None
    }
}

fn check_time(d: &Dec, node: &Node, at: &Seg) {
    let message = match &node.value {
        Value::Str(s) => time::rfc3339_error(s),
        _ => Some(format!("invalid type: {}, expected a time (RFC 3339)", unexpected(node))),
    };
    if let Some(message) = message {
        d.issues.borrow_mut().push(Issue::TypeMismatch { path: at.render(), pos: node.pos, message });
    }
}

/// The pod's status: only its shape is checked (see `input::status_facts`).
impl Decode for PodStatus {
    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {
        if !matches!(node.value, Value::Map(_)) {
            let message = format!("invalid type: {}, expected a pod status (an object)", unexpected(node));
            d.issues.borrow_mut().push(Issue::TypeMismatch { path: at.render(), pos: node.pos, message });
        }
        None
    }
}

/// Times as `metav1.Time.UnmarshalJSON` reads them: Go's `time.Parse(time.RFC3339, s)`.
pub mod time {
    const LAYOUT: &str = "2006-01-02T15:04:05Z07:00";

    /// Go's error for `s`, or `None` when Go reads it: the layout's elements are read in
    /// turn (`time.parse`), each number checked as it is read, the day last.
    pub fn rfc3339_error(s: &str) -> Option<String> {
        let cannot = |rest: &str, elem: &str| {
            Some(format!("parsing time {} as {}: cannot parse {} as {}", quote(s), quote(LAYOUT), quote(rest), quote(elem)))
        };
        let out_of_range = |what: &str| Some(format!("parsing time {}: {what} out of range", quote(s)));
        let digit = |v: &str, i: usize| v.as_bytes().get(i).is_some_and(u8::is_ascii_digit);
        // Go's getnum: one or two digits, two when `fixed`.
        let getnum = |v: &str, fixed: bool| -> Option<(u32, usize)> {
            let d = |i: usize| u32::from(v.as_bytes()[i] - b'0');
            match (digit(v, 0), digit(v, 1)) {
                (true, true) => Some((d(0) * 10 + d(1), 2)),
                (true, false) if !fixed => Some((d(0), 1)),
                _ => None,
            }
        };
        let mut rest = s;
        // 2006
        if rest.len() < 4 || !rest.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
            return cannot(rest, "2006");
        }
        let year: u32 = rest[..4].parse().unwrap_or(0);
        rest = &rest[4..];
        let mut fields = [0u32; 5];
        for (i, (prefix, elem)) in [("-", "01"), ("-", "02"), ("T", "15"), (":", "04"), (":", "05")].into_iter().enumerate() {
            match rest.strip_prefix(prefix) {
                Some(r) => rest = r,
                None => return cannot(rest, prefix),
            }
            let Some((n, used)) = getnum(rest, elem != "15") else { return cannot(rest, elem) };
            rest = &rest[used..];
            fields[i] = n;
            let bad = match elem {
                "01" => (n == 0 || n > 12).then_some("month"),
                "15" => (n >= 24).then_some("hour"),
                "04" => (n >= 60).then_some("minute"),
                "05" => (n >= 60).then_some("second"),
                _ => None,
            };
            if let Some(what) = bad {
                return out_of_range(what);
            }
        }
        // A fraction of a second is read although the layout has none.
        if rest.len() >= 2 && matches!(rest.as_bytes()[0], b'.' | b',') && digit(rest, 1) {
            rest = rest[1..].trim_start_matches(|c: char| c.is_ascii_digit());
        }
        // Z07:00
        if let Some(r) = rest.strip_prefix('Z') {
            rest = r;
        } else {
            let b = rest.as_bytes();
            if b.len() < 6 || b[3] != b':' {
                return cannot(rest, "Z07:00");
            }
            let (Some((hour, 2)), Some((minute, 2))) = (getnum(&rest[1..3], true), getnum(&rest[4..6], true)) else {
                return cannot(rest, "Z07:00");
            };
            if minute > 60 {
                return out_of_range("time zone offset minute");
            }
            if hour > 24 {
                return out_of_range("time zone offset hour");
            }
            if !matches!(b[0], b'+' | b'-') {
                return cannot(rest, "Z07:00");
            }
            rest = &rest[6..];
        }
        if !rest.is_empty() {
            return Some(format!("parsing time {}: extra text: {}", quote(s), quote(rest)));
        }
        let (month, day) = (fields[0], fields[1]);
        if day < 1 || day > days_in(month, year) {
            return out_of_range("day");
        }
        None
    }

    fn days_in(month: u32, year: u32) -> u32 {
        match month {
            2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }

    /// Go's `quote` in `time`: a double-quoted string with `"` and `\\` escaped.
    fn quote(s: &str) -> String {
        let mut out = String::with_capacity(s.len() + 2);
        out.push('"');
        for c in s.chars() {
            if matches!(c, '"' | '\\') {
                out.push('\\');
            }
            out.push(c);
        }
        out.push('"');
        out
    }
}

/// The known field closest to a misspelt one, when it is close enough to be a typo
/// (`imagePullPolcy` → `imagePullPolicy`, `volumeMount` → `volumeMounts`).
pub fn closest(name: &str, fields: &'static [&'static str]) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    fields
        .iter()
        .map(|f| {
            let fl = f.to_ascii_lowercase();
            let mut score = strsim::jaro_winkler(&lower, &fl);
            if fl.starts_with(&lower) || lower.starts_with(&fl) {
                score = score.max(0.9);
            }
            (score, *f)
        })
        .filter(|(score, _)| *score >= 0.84)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, f)| f)
}

#[cfg(test)]
mod tests {
    use k8s_openapi::api::core::v1::{EphemeralContainer, Pod};

    use super::*;
    use crate::node::parse;

    fn ec(text: &str) -> (Option<EphemeralContainer>, Vec<Issue>) {
        decode(&parse(text).unwrap(), "spec.ephemeralContainers[0]")
    }

    #[test]
    fn unknown_fields_are_located_with_a_suggestion() {
        let (c, issues) = ec("name: dbg\nimage: busybox\nimagePullPolcy: Always\ntargetContainer: app\n");
        assert_eq!(c.unwrap().name, "dbg");
        assert_eq!(
            issues,
            vec![
                Issue::UnknownField {
                    path: "spec.ephemeralContainers[0].imagePullPolcy".into(),
                    pos: Pos { line: 3, column: 1 },
                    suggestion: Some("imagePullPolicy")
                },
                Issue::UnknownField {
                    path: "spec.ephemeralContainers[0].targetContainer".into(),
                    pos: Pos { line: 4, column: 1 },
                    suggestion: Some("targetContainerName")
                },
            ]
        );
    }

    #[test]
    fn nested_unknown_fields_use_the_full_path() {
        let (_, issues) = ec("name: dbg\nvolumeMount:\n- name: x\nsecurityContext:\n  capabilities:\n    added: [NET_ADMIN]\n");
        let paths: Vec<_> = issues
            .iter()
            .map(|i| match i {
                Issue::UnknownField { path, suggestion, .. } => (path.as_str(), *suggestion),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            paths,
            vec![
                ("spec.ephemeralContainers[0].volumeMount", Some("volumeMounts")),
                ("spec.ephemeralContainers[0].securityContext.capabilities.added", Some("add")),
            ]
        );
    }

    #[test]
    fn wrong_types_are_all_reported_and_left_out() {
        let (c, issues) = ec("name: dbg\ncommand: sh -c ls\nstdin: maybe\nenv:\n- name: A\n  value: 3\n");
        let c = c.unwrap();
        assert_eq!(c.command, None);
        assert_eq!(c.stdin, None);
        assert_eq!(c.env.unwrap()[0].value, None, "only the bad value is left out");
        let found: Vec<_> = issues
            .iter()
            .map(|i| match i {
                Issue::TypeMismatch { path, pos, .. } => (path.as_str(), pos.line),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            found,
            vec![
                ("spec.ephemeralContainers[0].command", 2),
                ("spec.ephemeralContainers[0].stdin", 3),
                ("spec.ephemeralContainers[0].env[0].value", 6)
            ]
        );
    }

    #[test]
    fn a_bad_list_element_leaves_its_list_out() {
        let (c, issues) = ec("name: dbg\nargs: [a, b]\nvolumeMounts:\n- name: x\n  mountPath: /x\n- oops\n");
        let c = c.unwrap();
        assert_eq!(c.volume_mounts, None, "indices must stay those of the text");
        assert_eq!(c.args.unwrap(), ["a", "b"]);
        assert!(matches!(&issues[..], [Issue::TypeMismatch { path, .. }] if path == "spec.ephemeralContainers[0].volumeMounts[1]"));
    }

    #[test]
    fn null_is_absent() {
        let (c, issues) = ec("name: dbg\nimage: null\ncommand: ~\n");
        assert!(issues.is_empty());
        let c = c.unwrap();
        assert_eq!((c.image, c.command), (None, None));
    }

    #[test]
    fn a_root_of_the_wrong_shape_cannot_be_decoded() {
        let (c, issues) = ec("- a\n- b\n");
        assert!(c.is_none());
        assert_eq!(issues.len(), 1);
    }

    #[test]
    fn quantities_accept_numbers_and_maps_keep_every_key() {
        let (c, issues) = ec("name: dbg\nresources:\n  limits:\n    cpu: 1\n    memory: 64Mi\n");
        assert!(issues.is_empty(), "{issues:?}");
        let limits = c.unwrap().resources.unwrap().limits.unwrap();
        assert_eq!(limits["cpu"].0, "1");
        assert_eq!(limits["memory"].0, "64Mi");
    }

    #[test]
    fn a_quantity_the_server_cannot_parse_is_a_decoding_error() {
        let (c, issues) = ec("name: dbg\nresources:\n  limits:\n    cpu: 2 cores\n    memory: \" 64Mi \"\n");
        match &issues[..] {
            [Issue::TypeMismatch { path, pos, message }] => {
                assert_eq!(path, "spec.ephemeralContainers[0].resources.limits.cpu");
                assert_eq!((pos.line, pos.column), (4, 10));
                assert_eq!(message, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
            }
            other => panic!("{other:?}"),
        }
        let limits = c.unwrap().resources.unwrap().limits.unwrap();
        assert!(!limits.contains_key("cpu"));
        assert_eq!(limits["memory"].0, " 64Mi ", "white space around a quantity is trimmed by the server's decoder");
    }

    #[test]
    fn duplicate_keys_are_reported() {
        let (_, issues) = ec("name: a\nname: b\n");
        assert!(matches!(&issues[..], [Issue::DuplicateField { path, .. }] if path == "spec.ephemeralContainers[0].name"));
    }

    #[test]
    fn times_are_read_as_go_reads_rfc3339() {
        use super::time::rfc3339_error as err;
        for ok in [
            "2026-01-02T03:04:05Z",
            "2026-01-02T3:04:05Z",
            "2024-02-29T00:00:00.123456789Z",
            "2026-01-02T03:04:05,5+05:30",
            "0000-12-31T23:59:59-24:00",
        ] {
            assert_eq!(err(ok), None, "{ok}");
        }
        let layout = r#"as "2006-01-02T15:04:05Z07:00""#;
        for (bad, message) in [
            ("", format!(r#"parsing time "" {layout}: cannot parse "" as "2006""#)),
            ("yesterday", format!(r#"parsing time "yesterday" {layout}: cannot parse "yesterday" as "2006""#)),
            ("2026-1-02T03:04:05Z", format!(r#"parsing time "2026-1-02T03:04:05Z" {layout}: cannot parse "1-02T03:04:05Z" as "01""#)),
            ("2026-01-02 03:04:05Z", format!(r#"parsing time "2026-01-02 03:04:05Z" {layout}: cannot parse " 03:04:05Z" as "T""#)),
            ("2026-01-02T03:04:05", format!(r#"parsing time "2026-01-02T03:04:05" {layout}: cannot parse "" as "Z07:00""#)),
            ("2026-01-02T03:04:05+0100", format!(r#"parsing time "2026-01-02T03:04:05+0100" {layout}: cannot parse "+0100" as "Z07:00""#)),
            ("2026-13-02T03:04:05Z", r#"parsing time "2026-13-02T03:04:05Z": month out of range"#.to_owned()),
            ("2026-01-02T24:04:05Z", r#"parsing time "2026-01-02T24:04:05Z": hour out of range"#.to_owned()),
            ("2026-01-02T03:60:05Z", r#"parsing time "2026-01-02T03:60:05Z": minute out of range"#.to_owned()),
            ("2025-02-29T03:04:05Z", r#"parsing time "2025-02-29T03:04:05Z": day out of range"#.to_owned()),
            ("2026-01-02T03:04:05Zjunk", r#"parsing time "2026-01-02T03:04:05Zjunk": extra text: "junk""#.to_owned()),
            ("2026-01-02T03:04:05+25:00", r#"parsing time "2026-01-02T03:04:05+25:00": time zone offset hour out of range"#.to_owned()),
        ] {
            assert_eq!(err(bad).as_deref(), Some(message.as_str()), "{bad}");
        }
    }

    #[test]
    fn bad_times_are_reported_and_left_out() {
        let (pod, issues) = decode::<Pod>(
            &parse("metadata:\n  name: web\n  creationTimestamp: \"2026-01-02\"\n  deletionTimestamp: 5\nstatus:\n  startTime: \"2026-01-02T03:04:05Z\"\n").unwrap(),
            "",
        );
        let pod = pod.unwrap();
        assert_eq!(pod.metadata.name.as_deref(), Some("web"));
        let found: Vec<_> = issues
            .iter()
            .map(|i| match i {
                Issue::TypeMismatch { path, pos, message } => (path.as_str(), pos.line, message.as_str()),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            found,
            vec![
                ("metadata.creationTimestamp", 3, r#"parsing time "2026-01-02" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T""#),
                ("metadata.deletionTimestamp", 4, "invalid type: integer `5`, expected a time (RFC 3339)"),
            ]
        );
    }

    #[test]
    fn decodes_a_whole_pod() {
        let (pod, issues) = decode::<Pod>(
            &parse("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  creationTimestamp: \"2026-01-02T03:04:05Z\"\n  managedFields:\n  - fieldsV1: {f:spec: {}}\nspec:\n  containers:\n  - name: app\n    image: nginx\n").unwrap(),
            "",
        );
        assert!(issues.is_empty(), "{issues:?}");
        assert_eq!(pod.unwrap().spec.unwrap().containers[0].name, "app");
    }
}
