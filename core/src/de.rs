//! Decodes a [`Node`] tree into k8s-openapi's types, the way the API server decodes a
//! request body with strict field validation, but without stopping at the first problem.
//!
//! - The set of known fields of every object comes from k8s-openapi itself: its generated
//!   `Deserialize` impls pass their field names to `deserialize_struct`. A key outside that
//!   list is an unknown field (`unknown field "spec.ephemeralContainers[0].imagePullPolcy"`),
//!   with the closest known name as a suggestion. No field list is kept by hand.
//! - A JSON `null` is the same as an absent key, as in Go's `encoding/json`.
//! - Some parts of a pod are not decoded: its times, which are checked as Go reads them and
//!   left out (nothing reads them), its status, which no request changes or validates
//!   (`input::status_facts` takes what the hints need from the tree), and
//!   `metadata.managedFields`, which is left out of the tree before.
//! - A value of the wrong type is an error at its path and position. Decoding then starts
//!   again with that value left out, so every such mistake in the text is reported at once.

use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor};

use crate::node::{Key, Node, Pos, Value};

/// Something wrong in the text, found while decoding.
#[derive(Clone, Debug, PartialEq)]
pub enum Issue {
    UnknownField { path: String, pos: Pos, suggestion: Option<&'static str> },
    DuplicateField { path: String, pos: Pos },
    TypeMismatch { path: String, pos: Pos, message: String },
}

/// Decodes `node` as a `T`, collecting every issue. `None` when the value could not be
/// decoded at all (its root has the wrong shape).
pub fn decode<T: de::DeserializeOwned>(node: &Node, prefix: &str) -> (Option<T>, Vec<Issue>) {
    let ctx = Ctx { issues: RefCell::new(Vec::new()), skip: RefCell::new(HashSet::new()) };
    let mut mismatches = Vec::new();
    // Each failed attempt leaves one more value out; a document has finitely many.
    for _ in 0..64 {
        ctx.issues.borrow_mut().clear();
        let root = Seg::Root(prefix);
        match T::deserialize(NodeDe { node, seg: &root, ctx: &ctx }) {
            Ok(value) => {
                let mut issues = ctx.issues.take();
                issues.extend(mismatches);
                return (Some(value), issues);
            }
            Err(err) => {
                let at = err.at.unwrap_or(Located { path: prefix.to_owned(), pos: node.pos, node: addr(node) });
                mismatches.push(Issue::TypeMismatch { path: at.path, pos: at.pos, message: err.message });
                let target = parent_list_of(node, at.node).unwrap_or(at.node);
                if target == addr(node) || !ctx.skip.borrow_mut().insert(target) {
                    break;
                }
            }
        }
    }
    let mut issues = ctx.issues.take();
    issues.extend(mismatches);
    (None, issues)
}

fn addr(node: &Node) -> usize {
    std::ptr::from_ref(node) as usize
}

/// A bad list element is left out with its whole list, so that indices stay those of the text.
fn parent_list_of(root: &Node, target: usize) -> Option<usize> {
    match &root.value {
        Value::Seq(items) => {
            if items.iter().any(|n| addr(n) == target) {
                return Some(addr(root));
            }
            items.iter().find_map(|n| parent_list_of(n, target))
        }
        Value::Map(entries) => entries.iter().find_map(|(_, n)| parent_list_of(n, target)),
        _ => None,
    }
}

struct Ctx {
    issues: RefCell<Vec<Issue>>,
    /// Values left out after a failed attempt, by address.
    skip: RefCell<HashSet<usize>>,
}

impl Ctx {
    fn skipped(&self, node: &Node) -> bool {
        let skip = self.skip.borrow();
        !skip.is_empty() && skip.contains(&addr(node))
    }
}

/// The path to a value, kept as a chain on the stack and rendered only when needed.
#[derive(Clone, Copy)]
enum Seg<'p> {
    Root(&'p str),
    Field(&'p str, &'p Seg<'p>),
    Index(usize, &'p Seg<'p>),
}

impl Seg<'_> {
    fn render(&self) -> String {
        match self {
            Seg::Root(prefix) => (*prefix).to_owned(),
            Seg::Field(name, parent) => {
                let mut s = parent.render();
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(name);
                s
            }
            Seg::Index(i, parent) => format!("{}[{i}]", parent.render()),
        }
    }
}

#[derive(Debug)]
struct Located {
    path: String,
    pos: Pos,
    node: usize,
}

/// A decoding error, with the value it belongs to once known.
#[derive(Debug)]
pub struct Error {
    message: String,
    at: Option<Located>,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error { message: msg.to_string(), at: None }
    }
}

#[derive(Clone, Copy)]
struct NodeDe<'a, 'p> {
    node: &'a Node,
    seg: &'p Seg<'p>,
    ctx: &'a Ctx,
}

impl NodeDe<'_, '_> {
    fn locate(&self, mut err: Error) -> Error {
        if err.at.is_none() {
            err.at = Some(Located { path: self.seg.render(), pos: self.node.pos, node: addr(self.node) });
        }
        err
    }

    fn mismatch(&self, expected: &dyn de::Expected) -> Error {
        self.locate(de::Error::invalid_type(self.unexpected(), expected))
    }

    fn unexpected(&self) -> de::Unexpected<'_> {
        match &self.node.value {
            Value::Null => de::Unexpected::Unit,
            Value::Bool(b) => de::Unexpected::Bool(*b),
            Value::Int(i) => de::Unexpected::Signed(*i),
            Value::Float(f) => de::Unexpected::Float(*f),
            Value::Str(s) => de::Unexpected::Str(s),
            Value::Seq(_) => de::Unexpected::Seq,
            Value::Map(_) => de::Unexpected::Map,
        }
    }

    fn visit_map<'de, V: Visitor<'de>>(self, fields: Option<&'static [&'static str]>, visitor: V) -> Result<V::Value, Error> {
        // Two calls of the visitor, on purpose: with one, the optimiser inlines every
        // Kubernetes type's visitor here, and the WebAssembly grows by a twentieth.
        match &self.node.value {
            Value::Map(entries) => {
                let access = Entries { entries, next: 0, fields, seg: self.seg, ctx: self.ctx, value: None, seen: 0 };
                visitor.visit_map(access).map_err(|e| self.locate(e))
            }
            Value::Null => visitor.visit_map(Entries { entries: &[], next: 0, fields, seg: self.seg, ctx: self.ctx, value: None, seen: 0 }),
            _ => Err(self.mismatch(&visitor)),
        }
    }
}

macro_rules! integer {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            match self.node.value {
                Value::Int(i) => visitor.visit_i64(i).map_err(|e| self.locate(e)),
                Value::Null => visitor.visit_i64(0).map_err(|e| self.locate(e)),
                _ => Err(self.mismatch(&visitor)),
            }
        }
    )*};
}

impl<'de> Deserializer<'de> for NodeDe<'_, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = match &self.node.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Int(i) => visitor.visit_i64(*i),
            Value::Float(f) => visitor.visit_f64(*f),
            Value::Str(s) => visitor.visit_str(s),
            Value::Seq(_) => return self.deserialize_seq(visitor),
            Value::Map(_) => return self.visit_map(None, visitor),
        };
        result.map_err(|e| self.locate(e))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node.value {
            Value::Bool(b) => visitor.visit_bool(b),
            Value::Null => visitor.visit_bool(false),
            _ => Err(self.mismatch(&visitor)),
        }
    }

    integer!(deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64);

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node.value {
            #[allow(clippy::cast_precision_loss)]
            Value::Int(i) => visitor.visit_f64(i as f64),
            Value::Float(f) => visitor.visit_f64(f),
            _ => Err(self.mismatch(&visitor)),
        }
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.value {
            Value::Str(s) => visitor.visit_str(s).map_err(|e| self.locate(e)),
            Value::Null => visitor.visit_str("").map_err(|e| self.locate(e)),
            _ => Err(self.mismatch(&visitor)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.value {
            Value::Null => visitor.visit_none(),
            // Every time in a pod is an optional `Time`. It is checked here as the server reads
            // it, and left out: nothing reads times, and k8s-openapi's reader of them (jiff,
            // with its time zones and its error texts) would be a twentieth of the WebAssembly.
            // The test is on types known when compiling, so that reader is not even built.
            value if is_time::<V::Value>() => {
                let message = match value {
                    Value::Str(s) => time::rfc3339_error(s),
                    _ => Some(<Error as de::Error>::invalid_type(self.unexpected(), &"a time (RFC 3339)").message),
                };
                if let Some(message) = message {
                    self.ctx.issues.borrow_mut().push(Issue::TypeMismatch { path: self.seg.render(), pos: self.node.pos, message });
                }
                visitor.visit_none()
            }
            // `metadata.managedFields` is left out of the tree before decoding (see
            // `input::read_pod`); not building its reader keeps the WebAssembly smaller.
            _ if is_type::<V::Value, Option<Vec<k8s_openapi::apimachinery::pkg::apis::meta::v1::ManagedFieldsEntry>>>() => {
                visitor.visit_none()
            }
            // The pod's status: see `input::status_facts`.
            value if is_type::<V::Value, Option<k8s_openapi::api::core::v1::PodStatus>>() => {
                if !matches!(value, Value::Map(_)) {
                    let message = <Error as de::Error>::invalid_type(self.unexpected(), &"a pod status (an object)").message;
                    self.ctx.issues.borrow_mut().push(Issue::TypeMismatch { path: self.seg.render(), pos: self.node.pos, message });
                }
                visitor.visit_none()
            }
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self).map_err(|e| self.locate(e))
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.value {
            Value::Seq(items) => {
                let access = Items { items, next: 0, seg: self.seg, ctx: self.ctx };
                visitor.visit_seq(access).map_err(|e| self.locate(e))
            }
            Value::Null => visitor.visit_seq(Items { items: &[], next: 0, seg: self.seg, ctx: self.ctx }),
            _ => Err(self.mismatch(&visitor)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(self, _name: &'static str, _len: usize, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.visit_map(None, visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.visit_map(Some(fields), visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match &self.node.value {
            Value::Str(s) => visitor.visit_enum(s.as_str().into_deserializer()).map_err(|e: Error| self.locate(e)),
            _ => Err(self.mismatch(&visitor)),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }
}

/// The entries of a mapping. For an object of a known type (`fields` is set), unknown
/// and repeated keys are reported and left out.
struct Entries<'a, 'p> {
    entries: &'a [(Key, Node)],
    next: usize,
    fields: Option<&'static [&'static str]>,
    seg: &'p Seg<'p>,
    ctx: &'a Ctx,
    value: Option<&'a (Key, Node)>,
    /// Which of the first 64 known fields were seen, to find repeated keys.
    seen: u64,
}

impl Entries<'_, '_> {
    fn report(&self, issue: Issue) {
        self.ctx.issues.borrow_mut().push(issue);
    }
}

impl<'a> Entries<'a, '_> {
    /// The next key to hand to the visitor, after reporting unknown and repeated fields
    /// and skipping nulls and values left out on purpose.
    fn next_key(&mut self) -> Option<&'a str> {
        while let Some(entry) = self.entries.get(self.next) {
            let (key, value) = entry;
            let earlier = &self.entries[..self.next];
            self.next += 1;
            if let Some(fields) = self.fields {
                let name = key.name.as_str();
                let Some(at) = fields.iter().position(|f| *f == name) else {
                    let path = Seg::Field(&key.name, self.seg).render();
                    self.report(Issue::UnknownField { path, pos: key.pos, suggestion: closest(&key.name, fields) });
                    continue;
                };
                let repeated = if at < 64 {
                    let bit = 1u64 << at;
                    let seen = self.seen & bit != 0;
                    self.seen |= bit;
                    seen
                } else {
                    earlier.iter().any(|(k, _)| k.name == key.name)
                };
                if repeated {
                    let path = Seg::Field(&key.name, self.seg).render();
                    self.report(Issue::DuplicateField { path, pos: key.pos });
                }
            }
            if matches!(value.value, Value::Null) || self.ctx.skipped(value) {
                continue;
            }
            self.value = Some(entry);
            return Some(&key.name);
        }
        None
    }
}

impl<'de> MapAccess<'de> for Entries<'_, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        // The work is in `next_key`, compiled once; this part is compiled for every struct.
        match self.next_key() {
            Some(name) => seed.deserialize(de::value::StrDeserializer::<Error>::new(name)).map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Error> {
        let (key, node) = self.value.take().ok_or_else(|| <Error as de::Error>::custom("value without a key"))?;
        let seg = Seg::Field(&key.name, self.seg);
        seed.deserialize(NodeDe { node, seg: &seg, ctx: self.ctx })
    }
}

struct Items<'a, 'p> {
    items: &'a [Node],
    next: usize,
    seg: &'p Seg<'p>,
    ctx: &'a Ctx,
}

impl<'de> SeqAccess<'de> for Items<'_, '_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        let Some(node) = self.items.get(self.next) else { return Ok(None) };
        let seg = Seg::Index(self.next, self.seg);
        self.next += 1;
        seed.deserialize(NodeDe { node, seg: &seg, ctx: self.ctx }).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len() - self.next)
    }
}

/// Whether `T` is `Option<Time>` or `Option<MicroTime>`. Type ids are constants, so the
/// comparison is decided when compiling (`typeid` gives them for types that may borrow,
/// which a deserializer's values may).
fn is_time<T>() -> bool {
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::{MicroTime, Time};
    is_type::<T, Option<Time>>() || is_type::<T, Option<MicroTime>>()
}

fn is_type<T, U: 'static>() -> bool {
    typeid::of::<T>() == std::any::TypeId::of::<U>()
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
