//! A YAML or JSON document as a tree that remembers where each key and value starts.
//!
//! Built from saphyr-parser's events (YAML 1.2 syntax, a superset of JSON), with plain
//! scalars resolved the way Kubernetes' YAML reader resolves them (go-yaml v2, YAML 1.1
//! rules: `yes`/`on` are booleans, `0x1f` is an integer). Positions are 1-based
//! line and column, counted in characters.

use std::collections::HashMap;

use compact_str::CompactString;
use saphyr_parser::{Event, Parser, ScalarStyle, Span};

use crate::path::Segment;

/// A 1-based line and column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

/// One value in the document, with where it starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Value,
    pub pos: Pos,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    /// Short strings (most keys and values in a pod) are kept inline, without an allocation.
    Str(CompactString),
    Seq(Vec<Node>),
    /// Keys are strings (scalar keys are turned into their text, as Kubernetes' YAML-to-JSON does).
    Map(Vec<(Key, Node)>),
}

/// A mapping key and where it starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    pub name: CompactString,
    pub pos: Pos,
}

/// Text that could not be read as YAML or JSON, and where.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    pub message: String,
    pub pos: Pos,
}

impl Node {
    pub fn kind(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "bool",
            Value::Int(_) | Value::Float(_) => "number",
            Value::Str(_) => "string",
            Value::Seq(_) => "list",
            Value::Map(_) => "object",
        }
    }

    /// The value of key `name`, when this is a mapping that has it.
    pub fn get(&self, name: &str) -> Option<&Node> {
        self.entry(name).map(|(_, v)| v)
    }

    /// The key and value of `name`, when this is a mapping that has it (the last one wins, as in JSON).
    pub fn entry(&self, name: &str) -> Option<(&Key, &Node)> {
        match &self.value {
            Value::Map(entries) => entries.iter().rev().find(|(k, _)| k.name == name).map(|(k, v)| (k, v)),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(items) => Some(items),
            _ => None,
        }
    }

    /// The document as JSON (what `kubectl` sends after reading YAML).
    pub fn to_json(&self) -> serde_json::Value {
        match &self.value {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => (*b).into(),
            Value::Int(i) => (*i).into(),
            Value::Float(f) => serde_json::Number::from_f64(*f).map_or(serde_json::Value::Null, serde_json::Value::Number),
            Value::Str(s) => s.as_str().into(),
            Value::Seq(items) => items.iter().map(Node::to_json).collect(),
            Value::Map(entries) => entries.iter().map(|(k, v)| (k.name.to_string(), v.to_json())).collect::<serde_json::Map<_, _>>().into(),
        }
    }

    /// Follows a rendered field path as far as this tree goes and returns where the
    /// deepest element found starts: a field's key, or a list element. A path the
    /// server renders without an index (`…volumeMounts.subPath`) stops at the list.
    pub fn locate(&self, segments: &[Segment<'_>]) -> Pos {
        let mut node = self;
        let mut pos = self.pos;
        for seg in segments {
            match (seg, &node.value) {
                (Segment::Field(name) | Segment::Key(name), Value::Map(_)) => match node.entry(name) {
                    Some((k, v)) => {
                        pos = k.pos;
                        node = v;
                    }
                    None => break,
                },
                (Segment::Index(i), Value::Seq(items)) => match items.get(*i) {
                    Some(item) => {
                        pos = item.pos;
                        node = item;
                    }
                    None => break,
                },
                _ => break,
            }
        }
        pos
    }
}

/// Most nodes a document may expand to through aliases; more is an error, not a hang.
const MAX_NODES: usize = 2_000_000;

/// Reads one YAML or JSON document. An empty text is a `Null` node. Text that starts like
/// JSON is read by the strict JSON reader first, and by the YAML reader only when it is not
/// strict JSON (`{a: 1}` is YAML flow style).
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    parse_with(text, false)
}

/// [`parse`] for a pod's text: the document's `metadata.managedFields` is read for its
/// syntax but left out of the tree. It is the server's record of who set which field, often
/// half of a pod, and nothing ecplay says depends on it.
pub fn parse_pod(text: &str) -> Result<Node, SyntaxError> {
    parse_with(text, true)
}

fn parse_with(text: &str, omit_managed_fields: bool) -> Result<Node, SyntaxError> {
    let trimmed = text.trim_start_matches([' ', '\t', '\r', '\n', '\u{feff}']);
    if trimmed.starts_with(['{', '[']) && !text.starts_with('\u{feff}') {
        if let Ok(node) = crate::json::parse_with(text, omit_managed_fields) {
            return Ok(node);
        }
    }
    yaml(text, omit_managed_fields)
}

/// Reads one YAML document with saphyr-parser.
pub fn parse_yaml(text: &str) -> Result<Node, SyntaxError> {
    yaml(text, false)
}

fn yaml(text: &str, omit_managed_fields: bool) -> Result<Node, SyntaxError> {
    let mut builder = Builder {
        stack: Vec::new(),
        anchors: HashMap::new(),
        done: None,
        nodes: 0,
        documents: 0,
        omit_managed_fields,
        omitting: None,
        restart: false,
    };
    for item in Parser::new_from_str(text) {
        let (event, span) = item.map_err(|e| SyntaxError {
            message: e.info().to_owned(),
            pos: Pos { line: to_u32(e.marker().line()), column: to_u32(e.marker().col() + 1) },
        })?;
        if let Err(e) = builder.event(event, span) {
            // An anchor inside what was being left out: read the whole text again, keeping it.
            return if builder.restart { yaml(text, false) } else { Err(e) };
        }
    }
    Ok(builder.done.unwrap_or(Node { value: Value::Null, pos: Pos { line: 1, column: 1 } }))
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn pos_of(span: &Span) -> Pos {
    Pos { line: to_u32(span.start.line()), column: to_u32(span.start.col() + 1) }
}

enum Frame {
    Seq { anchor: usize, node: Node },
    Map { anchor: usize, node: Node, key: Option<Key> },
}

struct Builder {
    stack: Vec<Frame>,
    anchors: HashMap<usize, (Node, usize)>,
    done: Option<Node>,
    nodes: usize,
    documents: usize,
    omit_managed_fields: bool,
    /// Inside the document's `metadata.managedFields`, which is left out: how many
    /// collections deep.
    omitting: Option<u32>,
    /// An anchor was found where the text was being left out: it must be read whole.
    restart: bool,
}

impl Builder {
    fn event(&mut self, event: Event<'_>, span: Span) -> Result<(), SyntaxError> {
        let pos = pos_of(&span);
        if let Some(depth) = self.omitting {
            return self.omit(&event, depth, pos);
        }
        match event {
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(SyntaxError { message: "expected one document, found a second one (`---`)".into(), pos });
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                let tag = tag.map(|t| t.suffix.clone());
                let value = resolve(&text, style, tag.as_deref());
                self.push(Node { value, pos }, anchor)?;
            }
            Event::SequenceStart(anchor, _) => self.stack.push(Frame::Seq { anchor, node: Node { value: Value::Seq(Vec::new()), pos } }),
            Event::MappingStart(anchor, _) => {
                self.stack.push(Frame::Map { anchor, node: Node { value: Value::Map(Vec::new()), pos }, key: None });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (anchor, node) = match self.stack.pop() {
                    Some(Frame::Seq { anchor, node } | Frame::Map { anchor, node, .. }) => (anchor, node),
                    None => return Ok(()),
                };
                self.push(node, anchor)?;
            }
            Event::Alias(id) => {
                let size =
                    self.anchors.get(&id).map(|(_, size)| *size).ok_or_else(|| SyntaxError { message: "unknown anchor".into(), pos })?;
                self.nodes += size;
                if self.nodes > MAX_NODES {
                    return Err(SyntaxError { message: "the document expands to too many values through aliases".into(), pos });
                }
                let node = Node { pos, ..self.anchors[&id].0.clone() };
                self.push(node, 0)?;
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
        }
        Ok(())
    }

    /// One event of the value left out: only the nesting is followed, until the value ends.
    fn omit(&mut self, event: &Event<'_>, depth: u32, pos: Pos) -> Result<(), SyntaxError> {
        let anchor = match event {
            Event::Scalar(_, _, anchor, _) | Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => *anchor,
            _ => 0,
        };
        if anchor != 0 {
            self.restart = true;
            return Err(SyntaxError { message: "an anchor in metadata.managedFields".into(), pos });
        }
        let depth = match event {
            Event::SequenceStart(..) | Event::MappingStart(..) => depth + 1,
            Event::SequenceEnd | Event::MappingEnd => depth.saturating_sub(1),
            _ => depth,
        };
        let ended = depth == 0 && !matches!(event, Event::SequenceStart(..) | Event::MappingStart(..));
        if ended {
            self.omitting = None;
            // The key goes with its value.
            if let Some(Frame::Map { key, .. }) = self.stack.last_mut() {
                *key = None;
            }
        } else {
            self.omitting = Some(depth);
        }
        Ok(())
    }

    /// Whether the `managedFields` key just read is the document's `metadata.managedFields`.
    fn starts_omitted(&self) -> bool {
        self.omit_managed_fields
            && self.stack.len() == 2
            && matches!(&self.stack[0], Frame::Map { key: Some(k), .. } if k.name == "metadata")
    }

    fn push(&mut self, node: Node, anchor: usize) -> Result<(), SyntaxError> {
        self.nodes += 1;
        if anchor != 0 {
            self.anchors.insert(anchor, (node.clone(), count(&node)));
        }
        match self.stack.last_mut() {
            None => self.done = Some(node),
            Some(Frame::Seq { node: parent, .. }) => {
                if let Value::Seq(items) = &mut parent.value {
                    items.push(node);
                }
            }
            Some(Frame::Map { node: parent, key, .. }) => match key.take() {
                None => {
                    let name = match node.value {
                        Value::Str(s) => s,
                        Value::Int(i) => i.to_string().into(),
                        Value::Float(f) => crate::float::display(f).into(),
                        Value::Bool(b) => b.to_string().into(),
                        Value::Null => "null".into(),
                        Value::Seq(_) | Value::Map(_) => {
                            return Err(SyntaxError {
                                message: "a mapping key must be a string, not a list or an object".into(),
                                pos: node.pos,
                            })
                        }
                    };
                    let managed = name == "managedFields";
                    *key = Some(Key { name, pos: node.pos });
                    if managed && self.starts_omitted() {
                        self.omitting = Some(0);
                    }
                }
                Some(k) => {
                    if let Value::Map(entries) = &mut parent.value {
                        entries.push((k, node));
                    }
                }
            },
        }
        Ok(())
    }
}

fn count(node: &Node) -> usize {
    match &node.value {
        Value::Seq(items) => 1 + items.iter().map(count).sum::<usize>(),
        Value::Map(entries) => 1 + entries.iter().map(|(_, v)| count(v)).sum::<usize>(),
        _ => 1,
    }
}

/// Whether a plain (unquoted) scalar with this text reads as a string, not as a boolean,
/// null or number.
pub fn plain_is_string(text: &str) -> bool {
    !text.is_empty() && matches!(resolve(text, ScalarStyle::Plain, None), Value::Str(_))
}

/// Resolves a scalar to a typed value the way go-yaml v2 does (YAML 1.1 core types).
fn resolve(text: &str, style: ScalarStyle, tag: Option<&str>) -> Value {
    match tag {
        Some("str") => return Value::Str(text.into()),
        Some("null") => return Value::Null,
        _ => {}
    }
    if style != ScalarStyle::Plain && tag.is_none() {
        return Value::Str(text.into());
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => return Value::Bool(true),
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => return Value::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => return Value::Float(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => return Value::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN),
        _ => {}
    }
    let first = text.as_bytes()[0];
    if first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.') {
        if let Some(i) = parse_int(text) {
            return Value::Int(i);
        }
        let plain = text.replace('_', "");
        if plain.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E')) {
            if let Some(f) = crate::float::parse(&plain) {
                return Value::Float(f);
            }
        }
    }
    Value::Str(text.into())
}

/// `strconv.ParseInt(s, 0, 64)` after dropping `_`: decimal, `0x`, `0o`/leading-zero octal, `0b`.
fn parse_int(text: &str) -> Option<i64> {
    let plain = text.replace('_', "");
    let (neg, digits) = match plain.as_bytes().first()? {
        b'-' => (true, &plain[1..]),
        b'+' => (false, &plain[1..]),
        _ => (false, &plain[..]),
    };
    let (radix, body) = if let Some(rest) = digits.strip_prefix("0x").or_else(|| digits.strip_prefix("0X")) {
        (16, rest)
    } else if let Some(rest) = digits.strip_prefix("0o").or_else(|| digits.strip_prefix("0O")) {
        (8, rest)
    } else if let Some(rest) = digits.strip_prefix("0b").or_else(|| digits.strip_prefix("0B")) {
        (2, rest)
    } else if digits.len() > 1 && digits.starts_with('0') {
        (8, &digits[1..])
    } else {
        (10, digits)
    };
    if body.is_empty() || !body.bytes().all(|b| (b as char).is_digit(radix)) {
        return None;
    }
    let magnitude = i128::from_str_radix(body, radix).ok()?;
    let value = if neg { -magnitude } else { magnitude };
    i64::try_from(value).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::path::segments;

    /// The tree with the document's `metadata.managedFields` taken out afterwards.
    fn without_managed_fields(mut node: Node) -> Node {
        if let Value::Map(entries) = &mut node.value {
            for (k, v) in entries.iter_mut() {
                if k.name == "metadata" {
                    if let Value::Map(meta) = &mut v.value {
                        meta.retain(|(k, _)| k.name != "managedFields");
                    }
                }
            }
        }
        node
    }

    #[test]
    fn a_pod_is_read_without_its_managed_fields_and_nothing_else_changes() {
        for name in ["distroless-app", "with-ephemeral-container", "init-and-volumes", "static-pod"] {
            let yaml = std::fs::read_to_string(format!("{}/../tests/fixtures/pods/{name}.yaml", env!("CARGO_MANIFEST_DIR"))).unwrap();
            let json = serde_json::to_string_pretty(&parse(&yaml).unwrap().to_json()).unwrap();
            for text in [&yaml, &json] {
                let whole = parse(text).unwrap();
                assert!(whole.get("metadata").unwrap().get("managedFields").is_some(), "{name}: the fixture has managedFields");
                assert_eq!(parse_pod(text).unwrap(), without_managed_fields(whole), "{name}");
            }
        }
    }

    #[test]
    fn only_the_documents_own_managed_fields_are_left_out() {
        let yaml = "metadata:\n  name: a\n  managedFields:\n  - manager: x\n    fieldsV1: {f:spec: {}}\n  - [1, 2]\n  labels: {a: b}\nspec:\n  metadata:\n    managedFields: [kept]\nmanagedFields: kept\n";
        let doc = parse_pod(yaml).unwrap();
        assert_eq!(doc.get("metadata").unwrap().get("managedFields"), None);
        assert_eq!(doc.get("metadata").unwrap().get("labels").unwrap().pos, Pos { line: 7, column: 11 });
        assert!(doc.get("spec").unwrap().get("metadata").unwrap().get("managedFields").is_some());
        assert_eq!(doc.get("managedFields").unwrap().as_str(), Some("kept"));
        let json =
            r#"{"metadata": {"managedFields": [{"a": [1, {"b": null}]}, "x"], "name": "a"}, "spec": {"metadata": {"managedFields": 1}}}"#;
        let doc = parse_pod(json).unwrap();
        assert_eq!(doc.get("metadata").unwrap().get("managedFields"), None);
        assert_eq!(doc.get("metadata").unwrap().get("name").unwrap().pos, Pos { line: 1, column: 72 });
        assert!(doc.get("spec").unwrap().get("metadata").unwrap().get("managedFields").is_some());
        // A scalar or null value goes too.
        assert_eq!(parse_pod("metadata:\n  managedFields:\n  name: a\n").unwrap().get("metadata").unwrap().get("managedFields"), None);
    }

    #[test]
    fn what_is_left_out_is_still_read_for_its_syntax() {
        let e = parse_pod("metadata:\n  managedFields:\n  - a: [1,\n  name: x\n").unwrap_err();
        assert_eq!(e.pos.line, 4, "{e:?}");
        let broken = "{\"metadata\": {\"managedFields\": [{\"a\": [1, }]}}";
        assert_eq!(parse_pod(broken).unwrap_err(), parse(broken).unwrap_err());
    }

    #[test]
    fn an_anchor_in_managed_fields_used_elsewhere_still_resolves() {
        let doc = parse_pod("metadata:\n  managedFields:\n  - &m {manager: x}\n  name: a\nspec:\n  copy: *m\n").unwrap();
        assert_eq!(doc.get("metadata").unwrap().get("managedFields").map(|_| ()), Some(()), "read whole again, so kept as is");
        assert_eq!(doc.get("spec").unwrap().get("copy").unwrap().get("manager").unwrap().as_str(), Some("x"));
    }

    #[test]
    fn keeps_positions_of_keys_and_values() {
        let doc = parse("spec:\n  containers:\n  - name: app\n    image: nginx\n").unwrap();
        let c = &doc.get("spec").unwrap().get("containers").unwrap().as_seq().unwrap()[0];
        assert_eq!(c.pos, Pos { line: 3, column: 5 });
        let (k, v) = c.entry("image").unwrap();
        assert_eq!((k.pos, v.pos), (Pos { line: 4, column: 5 }, Pos { line: 4, column: 12 }));
        assert_eq!(doc.locate(&segments("spec.containers[0].image")), Pos { line: 4, column: 5 });
        assert_eq!(doc.locate(&segments("spec.containers[0].volumeMounts.subPath")), Pos { line: 3, column: 5 });
    }

    #[test]
    fn resolves_scalars_like_kubernetes_yaml() {
        let doc = parse("a: yes\nb: '1'\nc: 0x10\nd: 010\ne: 1.5\nf: ~\ng: hello\nh: !!str 12\ni: 9223372036854775808\n").unwrap();
        let v = |k: &str| doc.get(k).unwrap().value.clone();
        assert_eq!(v("a"), Value::Bool(true));
        assert_eq!(v("b"), Value::Str("1".into()));
        assert_eq!(v("c"), Value::Int(16));
        assert_eq!(v("d"), Value::Int(8));
        assert_eq!(v("e"), Value::Float(1.5));
        assert_eq!(v("f"), Value::Null);
        assert_eq!(v("g"), Value::Str("hello".into()));
        assert_eq!(v("h"), Value::Str("12".into()));
        assert_eq!(v("i"), Value::Float(9_223_372_036_854_775_808.0));
    }

    #[test]
    fn reads_json() {
        let doc = parse("{\"spec\": {\"containers\": [{\"name\": \"app\", \"stdin\": true, \"n\": 3}]}}").unwrap();
        let c = &doc.get("spec").unwrap().get("containers").unwrap().as_seq().unwrap()[0];
        assert_eq!(c.get("stdin").unwrap().value, Value::Bool(true));
        assert_eq!(c.get("n").unwrap().value, Value::Int(3));
    }

    #[test]
    fn syntax_errors_are_located() {
        let err = parse("a: 1\nb: [1, 2\n").unwrap_err();
        assert!(err.pos.line >= 2, "{err:?}");
        let err = parse("a: 1\n---\nb: 2\n").unwrap_err();
        assert_eq!(err.pos.line, 2);
    }

    #[test]
    fn aliases_expand_but_not_forever() {
        let doc = parse("a: &x {k: v}\nb: *x\n").unwrap();
        assert_eq!(doc.get("b").unwrap().get("k").unwrap().as_str(), Some("v"));
        let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let prev = i - 1;
            bomb.push_str(&format!(
                "a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"
            ));
        }
        assert!(parse(&bomb).is_err());
    }
}
