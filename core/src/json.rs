//! A JSON reader into the positioned [`Node`] tree: the fast path for `kubectl get -o json`
//! and for what programs send. YAML is a superset of JSON, so the YAML reader could do this
//! too, but it is several times slower on large documents; text that is not strict JSON
//! falls back to it (see [`crate::node::parse`]).

use compact_str::CompactString;

use crate::limits::{KEEP_DEPTH, MAX_DEPTH};
use crate::node::{Key, Node, Pos, SyntaxError, Value};

/// Reads one strict JSON document (RFC 8259).
#[cfg(test)]
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    parse_with(text, false)
}

/// [`parse`], leaving out the top-level `metadata.managedFields` when `omit_managed_fields`
/// (its syntax is still checked): often half of a pod's text, and nothing reads it.
pub fn parse_with(text: &str, omit_managed_fields: bool) -> Result<Node, SyntaxError> {
    let mut p = Parser {
        text,
        s: text.as_bytes(),
        i: 0,
        line: 1,
        mark: 0,
        mark_col: 1,
        wide: false,
        depth: 0,
        entries: Vec::new(),
        items: Vec::new(),
        omit_managed_fields,
        metadata_base: None,
        discard: 0,
    };
    p.ws();
    let node = p.value()?;
    p.ws();
    if p.i < p.s.len() {
        return Err(p.error("unexpected text after the JSON value"));
    }
    Ok(node)
}

/// Columns are not counted byte by byte: a JSON line break can only stand between tokens,
/// so the parser notes where the current line starts and counts characters from a moving
/// mark only when a position is asked for — linear even for a 1 MB one-line document.
struct Parser<'a> {
    text: &'a str,
    s: &'a [u8],
    i: usize,
    line: u32,
    /// A byte offset on the current line whose column is `mark_col`.
    mark: usize,
    mark_col: u32,
    /// A byte outside ASCII was passed since `mark`: columns must be counted in characters.
    wide: bool,
    depth: usize,
    /// Scratch stacks: children are gathered here and moved into a list of exactly their
    /// number, one allocation per object or array.
    entries: Vec<(Key, Node)>,
    items: Vec<Node>,
    omit_managed_fields: bool,
    /// While the value of the document's `metadata` is read: where its entries start.
    metadata_base: Option<usize>,
    /// Inside a value that is left out: objects and arrays keep none of their children.
    discard: u32,
}

impl Parser<'_> {
    fn pos(&mut self) -> Pos {
        let end = self.i.min(self.s.len());
        // Only strings can hold other than ASCII; with none since the mark, a byte is a column.
        let chars = if self.wide { self.s[self.mark..end].iter().filter(|b| (**b & 0xC0) != 0x80).count() } else { end - self.mark };
        self.wide = false;
        self.mark_col += chars as u32;
        self.mark = end;
        Pos { line: self.line, column: self.mark_col }
    }

    fn error(&mut self, message: &str) -> SyntaxError {
        self.wide = true;
        SyntaxError { message: message.to_owned(), pos: self.pos() }
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    /// Advances over one byte that is not a line break.
    fn bump(&mut self) {
        if self.i < self.s.len() {
            self.i += 1;
        }
    }

    fn ws(&mut self) {
        while let Some(b) = self.peek() {
            match b {
                b' ' | b'\t' | b'\r' => self.i += 1,
                b'\n' => {
                    self.i += 1;
                    self.line += 1;
                    self.mark = self.i;
                    self.mark_col = 1;
                    self.wide = false;
                }
                _ => break,
            }
        }
    }

    fn expect(&mut self, b: u8, what: &str) -> Result<(), SyntaxError> {
        if self.peek() == Some(b) {
            self.bump();
            Ok(())
        } else {
            Err(self.error(what))
        }
    }

    fn value(&mut self) -> Result<Node, SyntaxError> {
        let pos = self.pos();
        let value = match self.peek() {
            Some(b'{' | b'[') if self.depth >= KEEP_DEPTH => self.skip_collection()?,
            Some(b'{') => self.object()?,
            Some(b'[') => self.array()?,
            Some(b'"') => Value::Str(self.string()?),
            Some(b't') => self.word("true", Value::Bool(true))?,
            Some(b'f') => self.word("false", Value::Bool(false))?,
            Some(b'n') => self.word("null", Value::Null)?,
            Some(b'-' | b'0'..=b'9') => self.number()?,
            Some(_) => return Err(self.error("expected a JSON value")),
            None => return Err(self.error("unexpected end of input")),
        };
        Ok(Node { value, pos })
    }

    fn word(&mut self, word: &str, value: Value) -> Result<Value, SyntaxError> {
        if self.s[self.i..].starts_with(word.as_bytes()) {
            self.i += word.len();
            Ok(value)
        } else {
            Err(self.error("expected a JSON value"))
        }
    }

    fn enter(&mut self) -> Result<(), SyntaxError> {
        self.depth += 1;
        Ok(())
    }

    /// A collection nested deeper than [`KEEP_DEPTH`]: read for its syntax without recursion
    /// (up to [`MAX_DEPTH`], encoding/json's limit, with its message) and left out; an empty
    /// one of the same kind stands in for it.
    fn skip_collection(&mut self) -> Result<Value, SyntaxError> {
        let stand_in = if self.peek() == Some(b'{') { Value::Map(Box::default()) } else { Value::Seq(Box::default()) };
        let mut open: Vec<u8> = Vec::new();
        loop {
            // A value is expected.
            match self.peek() {
                Some(c @ (b'{' | b'[')) => {
                    if self.depth + open.len() >= MAX_DEPTH {
                        return Err(self.error(&format!("invalid character '{}' exceeded max depth", c as char)));
                    }
                    open.push(c);
                    self.bump();
                    self.ws();
                    match (c, self.peek()) {
                        (b'{', Some(b'}')) | (b'[', Some(b']')) => {
                            self.bump();
                            open.pop();
                        }
                        (b'{', _) => {
                            self.member_key()?;
                            continue;
                        }
                        _ => continue,
                    }
                }
                Some(b'"') => drop(self.string()?),
                Some(b't') => drop(self.word("true", Value::Null)?),
                Some(b'f') => drop(self.word("false", Value::Null)?),
                Some(b'n') => drop(self.word("null", Value::Null)?),
                Some(b'-' | b'0'..=b'9') => drop(self.number()?),
                Some(_) => return Err(self.error("expected a JSON value")),
                None => return Err(self.error("unexpected end of input")),
            }
            // After a value: the next one, or the ends of the collections it closes.
            loop {
                let Some(&inner) = open.last() else { return Ok(stand_in) };
                self.ws();
                match (inner, self.peek()) {
                    (_, Some(b',')) => {
                        self.bump();
                        self.ws();
                        if inner == b'{' {
                            self.member_key()?;
                        }
                        break;
                    }
                    (b'{', Some(b'}')) | (b'[', Some(b']')) => {
                        self.bump();
                        open.pop();
                    }
                    (b'{', _) => return Err(self.error("expected ',' or '}'")),
                    _ => return Err(self.error("expected ',' or ']'")),
                }
            }
        }
    }

    /// `"key":` and the white space after it, inside an object being skipped.
    fn member_key(&mut self) -> Result<(), SyntaxError> {
        self.ws();
        if self.peek() != Some(b'"') {
            return Err(self.error("expected a string key"));
        }
        self.string()?;
        self.ws();
        self.expect(b':', "expected ':' after the key")?;
        self.ws();
        Ok(())
    }

    fn object(&mut self) -> Result<Value, SyntaxError> {
        self.enter()?;
        self.bump();
        let base = self.entries.len();
        self.ws();
        if self.peek() == Some(b'}') {
            self.bump();
            self.depth -= 1;
            return Ok(Value::Map(Box::default()));
        }
        loop {
            self.ws();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a string key"));
            }
            let pos = self.pos();
            let name = self.string()?;
            self.ws();
            self.expect(b':', "expected ':' after the key")?;
            self.ws();
            let omit = self.omit_managed_fields && self.depth == 2 && self.metadata_base == Some(base) && name == "managedFields";
            let top_metadata = self.depth == 1 && name == "metadata";
            if top_metadata {
                // Where the entries of the document's metadata will start, if it is an object.
                self.metadata_base = Some(self.entries.len());
            }
            self.discard += u32::from(omit);
            let value = self.value();
            self.discard -= u32::from(omit);
            if top_metadata {
                self.metadata_base = None;
            }
            let value = value?;
            if self.discard == 0 && !omit {
                self.entries.push((Key { name, pos }, value));
            }
            self.ws();
            match self.peek() {
                Some(b',') => self.bump(),
                Some(b'}') => {
                    self.bump();
                    break;
                }
                _ => return Err(self.error("expected ',' or '}'")),
            }
        }
        self.depth -= 1;
        Ok(Value::Map(if self.discard > 0 { Box::default() } else { self.entries.drain(base..).collect() }))
    }

    fn array(&mut self) -> Result<Value, SyntaxError> {
        self.enter()?;
        self.bump();
        let base = self.items.len();
        self.ws();
        if self.peek() == Some(b']') {
            self.bump();
            self.depth -= 1;
            return Ok(Value::Seq(Box::default()));
        }
        loop {
            self.ws();
            let item = self.value()?;
            if self.discard == 0 {
                self.items.push(item);
            }
            self.ws();
            match self.peek() {
                Some(b',') => self.bump(),
                Some(b']') => {
                    self.bump();
                    break;
                }
                _ => return Err(self.error("expected ',' or ']'")),
            }
        }
        self.depth -= 1;
        Ok(Value::Seq(if self.discard > 0 { Box::default() } else { self.items.drain(base..).collect() }))
    }

    fn string(&mut self) -> Result<CompactString, SyntaxError> {
        self.bump(); // the opening quote
        let start = self.i;
        // Fast path: no escapes.
        let run = self.s[start..].iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20).map_or(self.s.len(), |n| start + n);
        self.wide |= !self.s[start..run].is_ascii();
        self.i = run;
        match self.peek() {
            Some(b'"') => {
                // Both ends are ASCII quotes, so the slice is on character boundaries.
                let text = if self.discard > 0 { CompactString::default() } else { CompactString::from(&self.text[start..self.i]) };
                self.bump();
                return Ok(text);
            }
            Some(b'\\') => {}
            Some(_) => return Err(self.error("control character in a string")),
            None => return Err(self.error("unterminated string")),
        }
        // A string left out is checked, not kept.
        let keep = self.discard == 0;
        let mut out: Vec<u8> = if keep { self.s[start..self.i].to_vec() } else { Vec::new() };
        loop {
            match self.peek() {
                Some(b'"') => {
                    self.bump();
                    return String::from_utf8(out).map(CompactString::from).map_err(|_| self.error("invalid UTF-8"));
                }
                Some(b'\\') => {
                    self.bump();
                    let c = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.bump();
                            let hi = self.hex4()?;
                            let c = if (0xD800..0xDC00).contains(&hi) {
                                if self.s[self.i..].starts_with(b"\\u") {
                                    self.bump();
                                    self.bump();
                                    let lo = self.hex4()?;
                                    if !(0xDC00..0xE000).contains(&lo) {
                                        return Err(self.error("invalid surrogate pair"));
                                    }
                                    char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
                                } else {
                                    None
                                }
                            } else {
                                char::from_u32(hi)
                            };
                            // Go's decoder turns a lone surrogate into U+FFFD.
                            let c = c.unwrap_or('\u{FFFD}');
                            if keep {
                                let mut buf = [0; 4];
                                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                            }
                            continue;
                        }
                        _ => return Err(self.error("invalid escape in a string")),
                    };
                    self.bump();
                    if keep {
                        let mut buf = [0; 4];
                        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                    }
                }
                Some(b) if b < 0x20 => return Err(self.error("control character in a string")),
                Some(b) => {
                    self.wide |= b >= 0x80;
                    if keep {
                        out.push(b);
                    }
                    self.bump();
                }
                None => return Err(self.error("unterminated string")),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let digits = self.s.get(self.i..self.i + 4).ok_or_else(|| self.error("invalid \\u escape"))?;
        let text = std::str::from_utf8(digits).map_err(|_| self.error("invalid \\u escape"))?;
        let v = u32::from_str_radix(text, 16).map_err(|_| self.error("invalid \\u escape"))?;
        self.i += 4;
        Ok(v)
    }

    fn number(&mut self) -> Result<Value, SyntaxError> {
        let start = self.i;
        let mut float = false;
        if self.peek() == Some(b'-') {
            self.bump();
        }
        match self.peek() {
            Some(b'0') => self.bump(),
            Some(b'1'..=b'9') => {
                while matches!(self.peek(), Some(b'0'..=b'9')) {
                    self.bump();
                }
            }
            _ => return Err(self.error("invalid number")),
        }
        if self.peek() == Some(b'.') {
            float = true;
            self.bump();
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("invalid number"));
            }
            while matches!(self.peek(), Some(b'0'..=b'9')) {
                self.bump();
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            float = true;
            self.bump();
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.bump();
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("invalid number"));
            }
            while matches!(self.peek(), Some(b'0'..=b'9')) {
                self.bump();
            }
        }
        let text = std::str::from_utf8(&self.s[start..self.i]).unwrap_or("0");
        if !float {
            if let Ok(i) = text.parse::<i64>() {
                return Ok(Value::Int(i));
            }
        }
        crate::float::parse(text).map(Value::Float).ok_or_else(|| self.error("invalid number"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_and_values() {
        let doc = parse("{\n  \"a\": [1, -2.5e1, true, null],\n  \"é\": \"x\\u00e9\\ud83d\\ude00\\n\"\n}").unwrap();
        let (k, v) = doc.entry("a").unwrap();
        assert_eq!((k.pos.line, k.pos.column), (2, 3));
        assert_eq!(v.as_seq().unwrap()[1].value, Value::Float(-25.0));
        assert_eq!(v.as_seq().unwrap()[1].pos, Pos { line: 2, column: 12 });
        let (k, v) = doc.entry("é").unwrap();
        assert_eq!(k.pos, Pos { line: 3, column: 3 });
        assert_eq!(v.pos, Pos { line: 3, column: 8 });
        assert_eq!(v.as_str(), Some("xé😀\n"));
    }

    #[test]
    fn errors_are_located() {
        for (text, line, column) in [("{\"a\": }", 1, 7), ("[1,\n 2,]", 2, 4), ("{\"a\" 1}", 1, 6), ("\"abc", 1, 5), ("[1] x", 1, 5)] {
            let e = parse(text).unwrap_err();
            assert_eq!((e.pos.line, e.pos.column), (line, column), "{text}: {e:?}");
        }
        let deep = "[".repeat(10_000);
        assert!(parse(&deep).is_err());
    }
}
