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
    let trimmed = text.trim_start_matches([' ', '\t', '\r', '\n', '\u{feff}']);
    if trimmed.starts_with(['{', '[']) && !text.starts_with('\u{feff}') {
        if let Ok(node) = crate::json::parse(text) {
            return Ok(node);
        }
    }
    parse_yaml(text)
}

/// Reads one YAML document with saphyr-parser.
pub fn parse_yaml(text: &str) -> Result<Node, SyntaxError> {
    let mut builder = Builder { stack: Vec::new(), anchors: HashMap::new(), done: None, nodes: 0, documents: 0 };
    for item in Parser::new_from_str(text) {
        let (event, span) = item.map_err(|e| SyntaxError {
            message: e.info().to_owned(),
            pos: Pos { line: to_u32(e.marker().line()), column: to_u32(e.marker().col() + 1) },
        })?;
        builder.event(event, span)?;
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
}

impl Builder {
    fn event(&mut self, event: Event<'_>, span: Span) -> Result<(), SyntaxError> {
        let pos = pos_of(&span);
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
                        Value::Float(f) => f.to_string().into(),
                        Value::Bool(b) => b.to_string().into(),
                        Value::Null => "null".into(),
                        Value::Seq(_) | Value::Map(_) => {
                            return Err(SyntaxError {
                                message: "a mapping key must be a string, not a list or an object".into(),
                                pos: node.pos,
                            })
                        }
                    };
                    *key = Some(Key { name, pos: node.pos });
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
            if let Ok(f) = plain.parse::<f64>() {
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
