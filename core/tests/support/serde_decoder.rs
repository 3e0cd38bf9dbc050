//! The decoder ecplay used before `ecplay_core::de`: a serde `Deserializer` over the
//! positioned tree, driving k8s-openapi's own generated `Deserialize` impls. Kept for the
//! tests only, as the oracle the core's decoder is compared with (`tests/decode.rs`,
//! `tests/kube_schema.rs`): the same values and the same issues, in the same order.
//!
//! On a value of the wrong type it reports the error, leaves the value out (a bad list
//! element: its whole list) and decodes everything again, so every mistake is found.

#![allow(dead_code)]

use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor};

use ecplay_core::de::{closest, time, Issue};
use ecplay_core::node::{Key, Node, Pos, Value};

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

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, name: &'static str, visitor: V) -> Result<V::Value, Error> {
        // k8s-openapi's `Quantity` takes any string; the server's decoder parses it.
        if let (Value::Str(s), "Quantity") = (&self.node.value, name) {
            if let Some(message) = ecplay_core::de::quantity_error(s) {
                return Err(self.locate(de::Error::custom(message)));
            }
        }
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
