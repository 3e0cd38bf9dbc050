//! Edits of a YAML text that change what changed and keep the rest as it was typed: comments,
//! the order of keys, quoting, flow style and blank lines. The playground's form writes
//! through this ([`crate::draft::edit_yaml`]), so that a form edit changes the key it is about
//! at the place it is, instead of printing the container's YAML again.
//!
//! The places come from saphyr-parser's events (the reader of [`crate::node`]): each mapping
//! entry's key and the first and last character of its value. What is written is
//! [`crate::export::yaml`]'s text for the new value, indented to where it goes, or JSON text
//! inside flow style (`{…}`, `[…]`), which YAML reads as the same value. Every edit is checked
//! by reading the result back; what cannot be edited in place (the text is not a mapping, an
//! anchor's span is odd…) is `None`, and the caller prints the value whole.

use saphyr_parser::{Event, Parser, ScalarStyle};
use serde_json::{Map, Value};

use crate::export::yaml;

/// A value in the text: its first character and the end of its last (byte offsets), and its
/// mapping's entries when it is one.
#[derive(Debug)]
struct Span {
    start: usize,
    end: usize,
    kind: Kind,
}

#[derive(Debug)]
enum Kind {
    /// A plain or quoted scalar on one line, or an alias.
    Scalar,
    /// A block scalar (`|`, `>`) or a multi-line one: replaced with its entry.
    Other,
    Seq {
        flow: bool,
    },
    Map {
        flow: bool,
        entries: Vec<Entry>,
    },
}

#[derive(Debug)]
struct Entry {
    key: String,
    /// Where the key starts, and where its line starts.
    key_start: usize,
    line_start: usize,
    value: Span,
}

enum Frame {
    Seq { start: usize, end: usize, flow: bool },
    Map { start: usize, end: usize, flow: bool, entries: Vec<Entry>, key: Option<(String, usize)> },
}

/// The text's tree of spans; `None` when it is not one document saphyr-parser reads.
fn spans(text: &str) -> Option<Option<Span>> {
    // saphyr counts characters; edits need bytes.
    let offsets: Option<Vec<usize>> = (!text.is_ascii()).then(|| text.char_indices().map(|(b, _)| b).chain([text.len()]).collect());
    let byte = |chars: usize| offsets.as_ref().map_or(Some(chars), |o| o.get(chars).copied());
    let mut stack: Vec<Frame> = Vec::new();
    let mut root = None;
    for item in Parser::new_from_str(text) {
        let (event, span) = item.ok()?;
        let (start, end) = (byte(span.start.index())?, byte(span.end.index())?);
        let done = match event {
            Event::Scalar(_, style, ..) => {
                let one_line = !text[start..end.max(start)].contains('\n');
                let kind =
                    if matches!(style, ScalarStyle::Literal | ScalarStyle::Folded) || !one_line { Kind::Other } else { Kind::Scalar };
                if let (Kind::Scalar, Some(Frame::Map { key: key @ None, .. })) = (&kind, stack.last_mut()) {
                    let Event::Scalar(name, ..) = event else { unreachable!() };
                    *key = Some((name.into_owned(), start));
                    continue;
                }
                Span { start, end, kind }
            }
            Event::Alias(_) => Span { start, end, kind: Kind::Scalar },
            Event::SequenceStart(..) => {
                let flow = text[start..].starts_with('[');
                stack.push(Frame::Seq { start, end: start, flow });
                continue;
            }
            Event::MappingStart(..) => {
                let flow = text[start..].starts_with('{');
                stack.push(Frame::Map { start, end: start, flow, entries: Vec::new(), key: None });
                continue;
            }
            Event::SequenceEnd => match stack.pop()? {
                Frame::Seq { start, end: last, flow } => Span { start, end: if flow { end } else { last }, kind: Kind::Seq { flow } },
                Frame::Map { .. } => return None,
            },
            Event::MappingEnd => match stack.pop()? {
                Frame::Map { start, end: last, flow, entries, .. } => {
                    Span { start, end: if flow { end } else { last }, kind: Kind::Map { flow, entries } }
                }
                Frame::Seq { .. } => return None,
            },
            Event::DocumentStart(_) if root.is_some() => return None,
            _ => continue,
        };
        match stack.last_mut() {
            None => root = Some(done),
            Some(Frame::Seq { end, .. }) => *end = (*end).max(done.end),
            Some(Frame::Map { end, entries, key, .. }) => {
                // A key that is a collection: not a text this edits.
                let (name, key_start) = key.take()?;
                *end = (*end).max(done.end);
                let line_start = text[..key_start].rfind('\n').map_or(0, |i| i + 1);
                entries.push(Entry { key: name, key_start, line_start, value: done });
            }
        }
    }
    Some(root)
}

/// The end of the line `at` is on (the offset of its `\n`, or the text's end).
fn line_end(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |i| at + i)
}

/// `key: value` in block style, its lines after the first indented by `indent` spaces.
fn block_entry(key: &str, value: &Value, indent: usize) -> String {
    let mut one = Map::new();
    one.insert(key.to_owned(), value.clone());
    let text = yaml::to_yaml(&Value::Object(one));
    let pad = " ".repeat(indent);
    text.trim_end_matches('\n').replace('\n', &format!("\n{pad}"))
}

/// A scalar as it is written in place: YAML's own text in block style, JSON's inside flow
/// style (where a plain `,` or `}` would end it).
fn scalar(value: &Value, flow: bool) -> String {
    if flow {
        value.to_string()
    } else {
        yaml::to_yaml(value).trim_end_matches('\n').to_owned()
    }
}

fn is_scalar(v: &Value) -> bool {
    !matches!(v, Value::Object(_) | Value::Array(_))
}

/// One replacement of `text[start..end]`.
type Edit = (usize, usize, String);

/// The edits that turn the mapping `entries` (whose value was `old`) into `new`; `false` when
/// they cannot be made in place (the caller then replaces the whole mapping).
fn edit_map(text: &str, entries: &[Entry], flow: bool, old: &Map<String, Value>, new: &Map<String, Value>, edits: &mut Vec<Edit>) -> bool {
    let indent = entries.first().map_or(0, |e| e.key_start - e.line_start);
    let mut keys: Vec<&String> = old.keys().collect();
    keys.extend(new.keys().filter(|k| !old.contains_key(*k)));
    for key in keys {
        let (o, n) = (old.get(key), new.get(key));
        if o == n {
            continue;
        }
        // The last entry of a repeated key is the one that counts.
        let entry = entries.iter().rev().find(|e| &e.key == key);
        // An entry that starts its line (not `- key:` or `{key: …}`) can be taken out or
        // rewritten whole.
        let own_line = |e: &Entry| !flow && text[e.line_start..e.key_start].bytes().all(|b| b == b' ');
        match (entry, n) {
            (None, None) => {}
            (Some(e), None) => {
                if !own_line(e) {
                    return false;
                }
                let end = line_end(text, e.value.end.max(e.key_start));
                edits.push((e.line_start, (end + 1).min(text.len()), String::new()));
            }
            (Some(e), Some(nv)) => {
                let value_flow = matches!(e.value.kind, Kind::Seq { flow: true } | Kind::Map { flow: true, .. });
                match (&e.value.kind, o, nv) {
                    (Kind::Map { flow: inner, entries }, Some(Value::Object(om)), Value::Object(nm))
                        if !nm.is_empty() && edit_map(text, entries, *inner, om, nm, edits) => {}
                    (Kind::Scalar, _, nv) if is_scalar(nv) => edits.push((e.value.start, e.value.end, scalar(nv, flow))),
                    // Flow style stays flow style: JSON text, which YAML reads the same.
                    _ if flow || value_flow => edits.push((e.value.start, e.value.end, nv.to_string())),
                    _ if own_line(e) => {
                        let end = line_end(text, e.value.end.max(e.key_start));
                        edits.push((e.key_start, end, block_entry(key, nv, e.key_start - e.line_start)));
                    }
                    _ => return false,
                }
            }
            (None, Some(nv)) => {
                if flow || entries.is_empty() {
                    return false;
                }
                // Before the first key that sorts after it (kubectl's order), else after the last.
                let line = format!("{}{}\n", " ".repeat(indent), block_entry(key, nv, indent));
                match entries.iter().find(|e| &e.key > key && own_line(e)) {
                    Some(next) => edits.push((next.line_start, next.line_start, line)),
                    None => {
                        let last = entries.last().expect("not empty");
                        let end = line_end(text, last.value.end.max(last.key_start));
                        if end == text.len() {
                            edits.push((end, end, format!("\n{}", line.trim_end_matches('\n'))));
                        } else {
                            edits.push((end + 1, end + 1, line));
                        }
                    }
                }
            }
        }
    }
    true
}

/// `text`, whose document reads as `old`, changed to read as `new` where they differ, every
/// other character kept. `None` when that cannot be done in place.
pub(crate) fn edit(text: &str, old: &Value, new: &Value) -> Option<String> {
    let nothing = Map::new();
    let (om, nm) = match (old, new) {
        (Value::Object(om), Value::Object(nm)) => (om, nm),
        (Value::Null, Value::Object(nm)) => (&nothing, nm),
        _ => return None,
    };
    let mut edits = Vec::new();
    match spans(text)? {
        Some(Span { kind: Kind::Map { flow, entries }, start, end }) => {
            if !edit_map(text, &entries, flow, om, nm, &mut edits) {
                // Only the mapping's own text goes: comments around it stay.
                let whole = if flow { new.to_string() } else { yaml::to_yaml(new).trim_end_matches('\n').to_owned() };
                edits = vec![(start, end, whole)];
            }
        }
        // Nothing but comments (or nothing): the value goes after them.
        None => {
            let sep = if text.is_empty() || text.ends_with('\n') { "" } else { "\n" };
            edits.push((text.len(), text.len(), format!("{sep}{}", yaml::to_yaml(new))));
        }
        Some(Span { kind: Kind::Scalar, start, end })
            if text[start..end].trim().is_empty() || &text[start..end] == "null" || &text[start..end] == "~" =>
        {
            edits.push((start, end, yaml::to_yaml(new).trim_end_matches('\n').to_owned()));
        }
        Some(_) => return None,
    }
    // From the end, so that the places before stay good; of two at one place, the one made
    // first ends up first. (A few edits: an insertion sort, rather than another instance of
    // the standard sort in the download.)
    let mut order: Vec<usize> = Vec::with_capacity(edits.len());
    for i in 0..edits.len() {
        let at = order.iter().position(|&j| (edits[j].0, edits[j].1) <= (edits[i].0, edits[i].1)).unwrap_or(order.len());
        order.insert(at, i);
    }
    let mut out = text.to_owned();
    let mut bound = usize::MAX;
    for i in order {
        let (start, end, with) = &edits[i];
        let (start, end) = (*start, *end);
        // Overlapping edits would mean the spans are not what they seem.
        if end > bound || start > end {
            return None;
        }
        out.replace_range(start..end, with);
        bound = start;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// `text` edited from `old` to `new`, checked to read back as `new`.
    fn check(text: &str, old: Value, new: Value) -> String {
        assert_eq!(crate::node::parse(text).unwrap().to_json(), old, "the text reads as `old`");
        let out = edit(text, &old, &new).unwrap_or_else(|| panic!("no edit of {text:?}"));
        assert_eq!(crate::node::parse(&out).unwrap().to_json(), new, "{out}");
        out
    }

    #[test]
    fn a_scalar_is_changed_where_it_is() {
        let text = "# my debugger\nname: dbg   # the name\nimage: \"busybox:1.36\"\ncommand: [sh, -c, 'ps aux']\n";
        let old = json!({"name": "dbg", "image": "busybox:1.36", "command": ["sh", "-c", "ps aux"]});
        let mut new = old.clone();
        new["name"] = "dbg2".into();
        assert_eq!(
            check(text, old.clone(), new),
            "# my debugger\nname: dbg2   # the name\nimage: \"busybox:1.36\"\ncommand: [sh, -c, 'ps aux']\n"
        );
        let mut new = old.clone();
        new["command"] = json!(["sleep", "1d"]);
        assert_eq!(check(text, old, new), "# my debugger\nname: dbg   # the name\nimage: \"busybox:1.36\"\ncommand: [\"sleep\",\"1d\"]\n");
    }

    #[test]
    fn keys_come_and_go_on_lines_of_their_own() {
        let text = "name: dbg\n# the image we trust\nimage: busybox:1.36\nstdin: true\ntty: true\n";
        let old = json!({"name": "dbg", "image": "busybox:1.36", "stdin": true, "tty": true});
        let new = json!({"name": "dbg", "image": "busybox:1.36", "targetContainerName": "app", "tty": true, "command": ["sh"]});
        assert_eq!(
            check(text, old, new),
            "command:\n- sh\nname: dbg\n# the image we trust\nimage: busybox:1.36\ntargetContainerName: app\ntty: true\n"
        );
        // Two keys new at one place come in the order of the keys.
        assert_eq!(
            check("name: dbg\n", json!({"name": "dbg"}), json!({"name": "dbg", "stdin": true, "tty": true})),
            "name: dbg\nstdin: true\ntty: true\n"
        );
        assert_eq!(
            check("tty: true\n", json!({"tty": true}), json!({"args": ["a"], "command": ["c"], "tty": true})),
            "args:\n- a\ncommand:\n- c\ntty: true\n"
        );
        // The last key, in a text without a final line end.
        assert_eq!(check("name: dbg", json!({"name": "dbg"}), json!({"name": "dbg", "tty": true})), "name: dbg\ntty: true");
    }

    #[test]
    fn nested_mappings_change_only_their_own_keys() {
        let text = "name: dbg\nsecurityContext:\n  runAsUser: 1000   # the app's user\n  runAsGroup: 3000\n  capabilities:\n    add: [SYS_PTRACE]\nstdin: true\n";
        let old = json!({"name": "dbg", "securityContext": {"runAsUser": 1000, "runAsGroup": 3000, "capabilities": {"add": ["SYS_PTRACE"]}}, "stdin": true});
        let new = json!({"name": "dbg", "securityContext": {"runAsUser": 1000, "runAsGroup": 3000, "allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}}, "stdin": true});
        assert_eq!(
            check(text, old, new),
            "name: dbg\nsecurityContext:\n  allowPrivilegeEscalation: false\n  runAsUser: 1000   # the app's user\n  runAsGroup: 3000\n  capabilities:\n    drop:\n    - ALL\nstdin: true\n"
        );
        // A block list under its key, replaced whole; what follows stays.
        let text = "env:\n- name: A\n  value: \"1\"   # one\n\n# the rest\nname: dbg\n";
        let old = json!({"env": [{"name": "A", "value": "1"}], "name": "dbg"});
        let new = json!({"env": [{"name": "A", "value": "2"}], "name": "dbg"});
        assert_eq!(check(text, old, new), "env:\n- name: A\n  value: \"2\"\n\n# the rest\nname: dbg\n");
    }

    #[test]
    fn flow_style_and_json_stay_as_they_are() {
        let old = json!({"name": "dbg", "image": "busybox:1.36"});
        let new = json!({"name": "dbg, the second", "image": "busybox:1.36"});
        assert_eq!(
            check("{\"name\": \"dbg\", \"image\": \"busybox:1.36\"}\n", old.clone(), new.clone()),
            "{\"name\": \"dbg, the second\", \"image\": \"busybox:1.36\"}\n"
        );
        // A key added to flow style: the mapping is written again, in flow style.
        let more = json!({"name": "dbg", "image": "busybox:1.36", "tty": true});
        assert_eq!(
            check("# c\n{name: dbg, image: busybox:1.36}\n", old.clone(), more),
            "# c\n{\"image\":\"busybox:1.36\",\"name\":\"dbg\",\"tty\":true}\n"
        );
        // Comments only: the container goes after them.
        assert_eq!(check("# nothing yet\n", Value::Null, old.clone()).as_str(), "# nothing yet\nimage: busybox:1.36\nname: dbg\n");
        let _ = new;
    }

    #[test]
    fn unicode_before_an_edit_is_counted_in_bytes() {
        let text = "# ünïcödé 🐳\nname: dbg\nimage: busybox\n";
        let out = check(text, json!({"name": "dbg", "image": "busybox"}), json!({"name": "dbg", "image": "alpine:3.20"}));
        assert_eq!(out, "# ünïcödé 🐳\nname: dbg\nimage: alpine:3.20\n");
    }
}
