//! A YAML or JSON document as a tree that remembers where each key and value starts.
//!
//! Built from saphyr-parser's events (YAML 1.2 syntax, a superset of JSON), with plain
//! scalars resolved the way Kubernetes' YAML reader resolves them (go-yaml v2, YAML 1.1
//! rules: `yes`/`on` are booleans, `0x1f` is an integer). Positions are 1-based
//! line and column, counted in characters.

use std::collections::HashMap;

use compact_str::CompactString;
use saphyr_parser::{Event, Parser, ScalarStyle, Span};

use crate::limits::{KEEP_DEPTH, MAX_DEPTH, MAX_POD_BYTES};
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
    /// Boxed slices rather than vectors: a `Node` is then 32 bytes, not 40 (the tree of a
    /// dense pod is several times its text, so this is a fifth of the tree).
    Seq(Box<[Node]>),
    /// Keys are strings (scalar keys are turned into their text, as Kubernetes' YAML-to-JSON does).
    Map(Box<[(Key, Node)]>),
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
        self.reach(segments).0
    }

    /// [`Node::locate`], and how many of the segments the text has: fewer than all when
    /// the path names a field the text leaves out.
    pub fn reach(&self, segments: &[Segment<'_>]) -> (Pos, usize) {
        let mut node = self;
        let mut pos = self.pos;
        let mut reached = 0;
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
            reached += 1;
        }
        (pos, reached)
    }

    /// The line of the last key or value inside this one (where it starts).
    pub fn last_line(&self) -> u32 {
        let inner = match &self.value {
            Value::Seq(items) => items.last().map(Node::last_line),
            Value::Map(entries) => entries.iter().map(|(k, v)| k.pos.line.max(v.last_line())).max(),
            _ => None,
        };
        inner.unwrap_or(0).max(self.pos.line)
    }
}

/// go-yaml's limit on aliases (`go.yaml.in/yaml/v2` `decode.go`, `allowedAliasRatio`, which
/// `sigs.k8s.io/yaml` and so Kubernetes read YAML with): once more than 100 of more than 1000
/// values come from aliases, at most this share may: 99% up to 400,000 values, falling to
/// 10% at 4,000,000.
fn allowed_alias_ratio(decoded: usize) -> f64 {
    const LOW: usize = 400_000;
    const HIGH: usize = 4_000_000;
    match decoded {
        d if d <= LOW => 0.99,
        d if d >= HIGH => 0.10,
        d => 0.99 - 0.89 * ((d - LOW) as f64 / (HIGH - LOW) as f64),
    }
}

/// The deepest nesting of flow collections (`[…]`, `{…}`) saphyr-parser reads: its flow level
/// is a `u8`. Kubernetes reads 10000 ([`MAX_DEPTH`]); JSON (read by `crate::json`) and block
/// YAML follow Kubernetes, and only YAML written in flow style this deep is refused earlier.
const SAPHYR_MAX_FLOW: usize = 255;

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
        match crate::json::parse_with(text, omit_managed_fields) {
            Ok(node) => return Ok(node),
            // Nested too deeply for Kubernetes' JSON reader, and for its YAML reader too.
            Err(e) if e.message.ends_with("exceeded max depth") => return Err(e),
            Err(_) => {}
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
        items: Vec::new(),
        entries: Vec::new(),
        anchors: HashMap::new(),
        done: None,
        nodes: 0,
        aliased: 0,
        bytes: text.len(),
        document_at: Pos { line: 1, column: 1 },
        omit_managed_fields,
        omitting: None,
        deep: None,
        restart: false,
    };
    for item in Parser::new_from_str(text) {
        let (event, span) = item.map_err(|e| SyntaxError {
            message: match e.info() {
                "recursion limit exceeded" => format!(
                    "flow collections ([…] or {{…}}) nested more than {SAPHYR_MAX_FLOW} deep: ecplay's YAML reader stops there (Kubernetes at {MAX_DEPTH}; JSON and block style are read to {MAX_DEPTH})"
                ),
                info => info.to_owned(),
            },
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
    /// `base`: where this collection's values start on the builder's scratch stack.
    Seq {
        anchor: usize,
        pos: Pos,
        base: usize,
    },
    Map {
        anchor: usize,
        pos: Pos,
        base: usize,
        key: Option<Key>,
    },
}

/// An anchored value: the value, and how many values and bytes an alias of it adds.
struct Anchor {
    node: Node,
    count: usize,
    bytes: usize,
}

/// A value nested deeper than [`KEEP_DEPTH`], read for its syntax and the limits only.
struct Deep {
    /// What stands in the tree for it: an empty list or object where it starts.
    node: Node,
    anchor: usize,
    /// How many collections deep inside it the reader is.
    depth: usize,
    count: usize,
    bytes: usize,
}

struct Builder {
    stack: Vec<Frame>,
    /// Scratch stacks: the values of the open collections, in order.
    items: Vec<Node>,
    entries: Vec<(Key, Node)>,
    anchors: HashMap<usize, Anchor>,
    done: Option<Node>,
    /// Values read, aliases counted at their size (go-yaml's `decodeCount`), and how many of
    /// them came from aliases (`aliasCount`).
    nodes: usize,
    aliased: usize,
    /// The text's length and the strings aliases copy.
    bytes: usize,
    /// Where the document being read starts.
    document_at: Pos,
    omit_managed_fields: bool,
    /// Inside the document's `metadata.managedFields`, which is left out: how many
    /// collections deep.
    omitting: Option<u32>,
    deep: Option<Deep>,
    /// An anchor was found where the text was being left out: it must be read whole.
    restart: bool,
}

impl Builder {
    fn event(&mut self, event: Event<'_>, span: Span) -> Result<(), SyntaxError> {
        let pos = pos_of(&span);
        if let Some(depth) = self.omitting {
            return self.omit(&event, depth, pos);
        }
        if self.deep.is_some() {
            return self.skip(event, pos);
        }
        match event {
            Event::DocumentStart(_) => {
                self.document_at = pos;
            }
            Event::Scalar(text, style, anchor, tag) => {
                let tag = tag.map(|t| t.suffix.clone());
                let value = resolve(&text, style, tag.as_deref());
                self.push(Node { value, pos }, anchor)?;
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) if self.stack.len() >= KEEP_DEPTH => {
                let value = if matches!(event, Event::SequenceStart(..)) { Value::Seq(Box::default()) } else { Value::Map(Box::default()) };
                self.deep = Some(Deep { node: Node { value, pos }, anchor, depth: 1, count: 1, bytes: 0 });
            }
            Event::SequenceStart(anchor, _) => self.stack.push(Frame::Seq { anchor, pos, base: self.items.len() }),
            Event::MappingStart(anchor, _) => self.stack.push(Frame::Map { anchor, pos, base: self.entries.len(), key: None }),
            Event::SequenceEnd | Event::MappingEnd => {
                // Gathered on the scratch stacks, moved into one allocation of exactly their
                // number: a list grown one value at a time keeps up to twice the room it needs.
                let (anchor, node) = match self.stack.pop() {
                    Some(Frame::Seq { anchor, pos, base }) => (anchor, Node { value: Value::Seq(self.items.drain(base..).collect()), pos }),
                    Some(Frame::Map { anchor, pos, base, .. }) => {
                        (anchor, Node { value: Value::Map(self.entries.drain(base..).collect()), pos })
                    }
                    None => return Ok(()),
                };
                self.push(node, anchor)?;
            }
            Event::Alias(id) => {
                let node = self.alias(id, pos)?;
                self.push(Node { pos, ..node }, 0)?;
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
        }
        Ok(())
    }

    /// The value an alias stands for, once the limits allow one more copy of it: go-yaml's on
    /// the number of values (see [`allowed_alias_ratio`]), and on the strings copied, which
    /// go-yaml shares but a tree cannot ([`MAX_POD_BYTES`] in all, the text included).
    fn alias(&mut self, id: usize, pos: Pos) -> Result<Node, SyntaxError> {
        let anchor = self.anchors.get(&id).ok_or_else(|| SyntaxError { message: "unknown anchor".into(), pos })?;
        // The alias itself is decoded too, then what it stands for.
        self.nodes += 1 + anchor.count;
        self.aliased += anchor.count;
        self.bytes += anchor.bytes;
        if self.aliased > 100 && self.nodes > 1000 && self.aliased as f64 / self.nodes as f64 > allowed_alias_ratio(self.nodes) {
            return Err(SyntaxError { message: "document contains excessive aliasing".into(), pos });
        }
        if self.bytes > MAX_POD_BYTES {
            return Err(SyntaxError {
                message: crate::limits::too_large("the document, its aliases expanded,", self.bytes, MAX_POD_BYTES),
                pos,
            });
        }
        Ok(anchor.node.clone())
    }

    /// One event inside a value nested deeper than [`KEEP_DEPTH`]: the nesting, the limits and
    /// the anchors are followed; nothing is kept but an empty stand-in where the value started.
    fn skip(&mut self, event: Event<'_>, pos: Pos) -> Result<(), SyntaxError> {
        let (anchor, count, bytes) = match &event {
            Event::Scalar(text, _, anchor, _) => (*anchor, 1, text.len()),
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => (*anchor, 1, 0),
            Event::Alias(id) => {
                self.alias(*id, pos)?;
                let anchor = &self.anchors[id];
                (0, anchor.count + 1, anchor.bytes)
            }
            _ => (0, 0, 0),
        };
        let total = self.stack.len() + self.deep.as_ref().map_or(0, |d| d.depth);
        let deep = self.deep.as_mut().expect("skipping");
        deep.count += count;
        deep.bytes += bytes;
        match event {
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                if total >= MAX_DEPTH {
                    return Err(SyntaxError { message: format!("exceeded max depth of {MAX_DEPTH}"), pos });
                }
                deep.depth += 1;
            }
            Event::SequenceEnd | Event::MappingEnd => deep.depth -= 1,
            _ => {}
        }
        if let Event::Alias(_) = event {
            // Counted by `alias`; what it copies is not kept.
        } else {
            self.nodes += count;
        }
        if anchor != 0 {
            // A stand-in of the same kind: an alias of it elsewhere reads as that kind, and
            // counts as the one value the stand-in is (what it held is left out here too).
            let node = match &event {
                Event::Scalar(text, style, _, tag) => Node { value: resolve(text, *style, tag.as_ref().map(|t| t.suffix.as_str())), pos },
                Event::SequenceStart(..) => Node { value: Value::Seq(Box::default()), pos },
                _ => Node { value: Value::Map(Box::default()), pos },
            };
            self.anchors.insert(anchor, Anchor { count: 1, bytes, node });
        }
        if self.deep.as_ref().is_some_and(|d| d.depth == 0) {
            let Deep { node, anchor, count, bytes, .. } = self.deep.take().expect("skipping");
            if anchor != 0 {
                self.anchors.insert(anchor, Anchor { node: node.clone(), count, bytes });
            }
            return self.push(node, 0);
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
            let (count, bytes) = weigh(&node);
            self.anchors.insert(anchor, Anchor { node: node.clone(), count, bytes });
        }
        match self.stack.last_mut() {
            // kubectl skips empty documents (`k8s.io/cli-runtime` `StreamVisitor.Visit`: nothing,
            // or null), which a document end marker (`...`) or a trailing `---` leaves; only a
            // second document that holds something is one too many.
            None => match &self.done {
                Some(_) if node.value == Value::Null => {}
                Some(first) if first.value != Value::Null => {
                    let at = self.document_at;
                    return Err(SyntaxError { message: "a second document starts here: ecplay reads one at a time".into(), pos: at });
                }
                _ => self.done = Some(node),
            },
            Some(Frame::Seq { .. }) => self.items.push(node),
            Some(Frame::Map { key, .. }) => match key.take() {
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
                Some(k) => self.entries.push((k, node)),
            },
        }
        Ok(())
    }
}

/// How many values a node holds, itself included (keys count, as go-yaml decodes them too),
/// and the bytes of its strings, keys included. The tree is at most [`KEEP_DEPTH`] deep, so
/// this recursion is shallow.
fn weigh(node: &Node) -> (usize, usize) {
    match &node.value {
        Value::Seq(items) => items.iter().map(weigh).fold((1, 0), |(c, b), (c2, b2)| (c + c2, b + b2)),
        Value::Map(entries) => {
            entries.iter().map(|(k, v)| (weigh(v), k.name.len())).fold((1, 0), |(c, b), ((c2, b2), k)| (c + c2 + 1, b + b2 + k))
        }
        Value::Str(s) => (1, s.len()),
        _ => (1, 0),
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
                        *meta = std::mem::take(meta).into_vec().into_iter().filter(|(k, _)| k.name != "managedFields").collect();
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
    fn empty_documents_are_skipped_and_a_second_one_is_refused_where_it_starts() {
        let one = parse("a: 1\n").unwrap();
        for text in [
            "a: 1\n...\n",
            "a: 1\n---\n",
            "a: 1\n...\n---\n",
            "---\na: 1\n",
            "# c\n---\na: 1\n---\n# end\n",
            "a: 1\n--- null\n",
            "---\n---\na: 1\n",
        ] {
            let got = parse(text).unwrap_or_else(|e| panic!("{text:?}: {e:?}"));
            assert_eq!(got.to_json(), one.to_json(), "{text:?}");
        }
        let e = parse("a: 1\n...\n\n---\nb: 2\n").unwrap_err();
        assert_eq!((e.message.as_str(), e.pos), ("a second document starts here: ecplay reads one at a time", Pos { line: 4, column: 1 }));
        let e = parse("a: 1\n---\n---\nb: 2\n").unwrap_err();
        assert_eq!(e.pos, Pos { line: 3, column: 1 });
        assert_eq!(parse("---\n...\n").unwrap().value, Value::Null);
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

/// The limits on what a document may expand to, from go-yaml's own `limit_test.go` (which
/// `sigs.k8s.io/yaml` reads with) and encoding/json's nesting limit.
#[cfg(test)]
mod limit_tests {
    use super::*;

    fn depth(node: &Node) -> usize {
        match &node.value {
            Value::Seq(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
            Value::Map(entries) => 1 + entries.iter().map(|(_, v)| depth(v)).max().unwrap_or(0),
            _ => 0,
        }
    }

    #[track_caller]
    fn refused(text: &str, message: &str) {
        match parse(text) {
            Err(e) => assert!(e.message.contains(message), "{:?} instead of {message:?}", e.message),
            Ok(_) => panic!("read, not refused with {message:?}"),
        }
    }

    #[test]
    fn go_yaml_limit_cases() {
        let kb = 1024;
        refused(
            &format!("{{a: &a [{{a}}{}], b: &b [*a{}]}}", ",{a}".repeat(1000 * kb / 4 - 100), ",*a".repeat(99)),
            "document contains excessive aliasing",
        );
        refused(&"[".repeat(1000 * kb), "invalid character '[' exceeded max depth");
        // YAML flow style: refused earlier, by saphyr-parser's limit (see below).
        refused(&format!("x: {}", "{".repeat(1000 * kb)), "nested more than 255 deep");
        refused(&"- ".repeat(1000 * kb), "exceeded max depth of 10000");
        let fine = [
            format!("{}\n", "- ".repeat(1000)).repeat(kb / 2),
            format!("a: &a [{{a}}{}]", ",{a}".repeat(kb / 4 - 1)),
            format!("a: &a [{{a}}{}]", ",{a}".repeat(100 * kb / 4 - 1)),
            format!("a: &a [{{a}}{}]", ",{a}".repeat(1000 * kb / 4 - 1)),
            format!("{}1{}{}", "[".repeat(10000), ",1".repeat(1000 * kb / 2 - 20000 - 1), "]".repeat(10000)),
        ];
        for text in &fine {
            let node = parse(text).unwrap_or_else(|e| panic!("{}: {e:?}", &text[..40]));
            assert!(depth(&node) <= KEEP_DEPTH + 1, "the tree stays shallow: {}", depth(&node));
        }
    }

    /// go-yaml reads flow collections 10000 deep in YAML too; saphyr-parser stops at 255 and
    /// says so (JSON of any depth up to 10000 goes through the JSON reader).
    #[test]
    fn yaml_flow_style_stops_at_saphyr_limit() {
        assert!(parse(&format!("a: {}1{}", "[".repeat(255), "]".repeat(255))).is_ok());
        refused(&format!("{{a,b:\n{} [1]{}", " {a,b:".repeat(10000 - 2), "}".repeat(10000 - 1)), "nested more than 255 deep");
        refused(&format!("- {}{}\n", "[".repeat(10000), "]".repeat(10000)), "ecplay's YAML reader stops there (Kubernetes at 10000");
    }

    #[test]
    fn an_alias_of_a_long_string_is_limited_by_size() {
        let text = format!("a: &a \"{}\"\nb: [{}*a]\n", "x".repeat(100 * 1024), "*a, ".repeat(9999));
        refused(&text, "more than ecplay reads");
        // A few copies are fine.
        let text = format!("a: &a \"{}\"\nb: [*a, *a, *a]\n", "x".repeat(100 * 1024));
        assert_eq!(parse(&text).unwrap().get("b").unwrap().as_seq().unwrap().len(), 3);
    }

    #[test]
    fn nesting_is_refused_where_kubernetes_refuses_it_and_located() {
        let json = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(crate::json::parse(&json(10_000)).is_ok());
        let e = crate::json::parse(&json(10_001)).unwrap_err();
        assert_eq!((e.message.as_str(), e.pos), ("invalid character '[' exceeded max depth", Pos { line: 1, column: 10_001 }));
        let e = crate::json::parse(&format!("{}1{}", "{\"a\":".repeat(20_000), "}".repeat(20_000))).unwrap_err();
        assert_eq!(e.message, "invalid character '{' exceeded max depth");
        // Deep but within the limit: kept to KEEP_DEPTH, what is deeper stands in empty.
        let node = crate::json::parse(&format!("{{\"a\":{}1{}}}", "[".repeat(5000), "]".repeat(5000))).unwrap();
        assert_eq!(depth(&node), KEEP_DEPTH + 1);
        let block = format!("a:\n{}1\n", "- ".repeat(5000));
        assert_eq!(depth(&parse(&block).unwrap()), KEEP_DEPTH + 1, "block YAML alike");
        let flow = |n: usize| format!("{{\"a\":{}1{}}}", "[".repeat(n), "]".repeat(n));
        assert_eq!(crate::json::parse(&flow(200)).unwrap(), yaml(&flow(200), false).unwrap(), "JSON and YAML read it alike");
        let e = parse(&format!("a:\n{}", "- ".repeat(20_000))).unwrap_err();
        assert_eq!((e.message.as_str(), e.pos.line), ("exceeded max depth of 10000", 2));
        // Broken syntax deep inside is still found.
        let e = crate::json::parse(&format!("{}1,]{}", "[".repeat(100), "]".repeat(99))).unwrap_err();
        assert_eq!(e.message, "expected a JSON value");
    }

    #[test]
    fn anchors_deep_inside_still_resolve() {
        let deep = format!("{}&d [1]{}", "[".repeat(100), "]".repeat(100));
        let node = parse(&format!("a: {deep}\nb: *d\n")).unwrap();
        assert_eq!(node.get("b").unwrap().kind(), "list");
    }
}
