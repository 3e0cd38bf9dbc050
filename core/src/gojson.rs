//! Containers as Go's `encoding/json` prints a `v1.EphemeralContainer`: what `kubectl`
//! sends, and the basis of semantic equality.
//!
//! k8s-openapi keeps `Some(false)`, `Some("")` and `Some(vec![])` apart from `None`; Go does
//! not for its `omitempty` value fields (`stdin`, `workingDir`, `readOnly`, lists…), so those
//! are left out. Pointer fields keep their zero values (`securityContext.privileged: false`
//! means something), fields without `omitempty` are always printed (`name`, `mountPath`),
//! and `resources`, a struct, is always printed, as `{}` when empty. Keys come out sorted,
//! as Go sorts the keys of the maps a strategic merge diff is made of.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::EphemeralContainer;
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use serde_json::{Map, Value};

// Written by tests/kube_schema.rs.
#[rustfmt::skip]
mod kube;

/// A value as k8s-openapi's `Serialize` impl writes it, made without serde's machinery:
/// the impls for the Kubernetes types (`kube.rs`) are written from k8s-openapi's source,
/// and tests/kube_schema.rs checks them against `serde_json::to_value`.
pub trait ToJson {
    fn to_json(&self) -> Value;
}

fn put<T: ToJson>(m: &mut Map<String, Value>, key: &str, value: Option<&T>) {
    if let Some(v) = value {
        m.insert(key.to_owned(), v.to_json());
    }
}

impl ToJson for String {
    fn to_json(&self) -> Value {
        Value::String(self.clone())
    }
}

impl ToJson for bool {
    fn to_json(&self) -> Value {
        Value::Bool(*self)
    }
}

impl ToJson for i32 {
    fn to_json(&self) -> Value {
        Value::from(*self)
    }
}

impl ToJson for i64 {
    fn to_json(&self) -> Value {
        Value::from(*self)
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn to_json(&self) -> Value {
        Value::Array(self.iter().map(ToJson::to_json).collect())
    }
}

impl<T: ToJson> ToJson for BTreeMap<String, T> {
    fn to_json(&self) -> Value {
        Value::Object(self.iter().map(|(k, v)| (k.clone(), v.to_json())).collect())
    }
}

impl ToJson for Quantity {
    fn to_json(&self) -> Value {
        Value::String(self.0.clone())
    }
}

impl ToJson for IntOrString {
    fn to_json(&self) -> Value {
        match self {
            IntOrString::Int(i) => Value::from(*i),
            IntOrString::String(s) => Value::String(s.clone()),
        }
    }
}

/// The container as Go would marshal it.
pub fn marshal(ec: &EphemeralContainer) -> Value {
    let mut value = ec.to_json();
    normalize(&mut value, false);
    if let Value::Object(map) = &mut value {
        map.entry("resources").or_insert_with(|| Value::Object(Map::new()));
    }
    value
}

/// Fields of the container's value types that Go prints even when empty.
const ALWAYS: &[&str] = &["name", "mountPath", "devicePath", "key"];

/// Leaves out, in place, what Go's `omitempty` leaves out.
fn normalize(value: &mut Value, pointers: bool) {
    match value {
        Value::Object(map) => map.retain(|k, v| {
            normalize(v, pointers || k == "securityContext");
            let empty = match v {
                Value::Null => true,
                Value::Array(a) => a.is_empty(),
                Value::Object(o) => o.is_empty() && matches!(k.as_str(), "limits" | "requests" | "resources"),
                Value::Bool(false) => !pointers,
                Value::String(s) => s.is_empty() && !pointers,
                _ => false,
            };
            !empty || ALWAYS.contains(&k.as_str())
        }),
        Value::Array(items) => items.iter_mut().for_each(|i| normalize(i, pointers)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ec(json: &str) -> EphemeralContainer {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn like_go() {
        let c = ec(r#"{"name":"d","image":"busybox","stdin":false,"tty":true,"workingDir":"","args":[],
            "securityContext":{"privileged":false,"capabilities":{"add":[]}},"volumeMounts":[{"name":"v","mountPath":"/v","readOnly":false}]}"#);
        assert_eq!(
            marshal(&c).to_string(),
            r#"{"image":"busybox","name":"d","resources":{},"securityContext":{"capabilities":{},"privileged":false},"tty":true,"volumeMounts":[{"mountPath":"/v","name":"v"}]}"#
        );
    }
}

/// JSON text as Go's `encoding/json` writes it: keys sorted, `<`, `>` and `&` escaped as
/// `\u003c` …, U+2028 and U+2029 escaped, control characters as `\n`-style or `\u00XX`
/// escapes. This is what kubectl sends after reading a `-p` patch through YAML.
pub fn to_go_string(v: &Value) -> String {
    let mut out = String::new();
    write(v, &mut out, go_escape);
    out
}

/// A string as Go's `encoding/json` writes it (what the server prints for a named string
/// type or a `*string` in an error's bad value).
pub fn go_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    write_str(s, &mut out, go_escape);
    out
}

/// JSON text that Kubernetes' YAML reader takes back unchanged: like [`to_go_string`], and
/// also escaping the characters YAML does not allow raw or reads as line breaks (DEL, the C1
/// controls, U+FEFF, U+FFFE, U+FFFF).
pub fn to_yaml_safe_string(v: &Value) -> String {
    let mut out = String::new();
    write(v, &mut out, |c| go_escape(c) || matches!(c as u32, 0x7f..=0x9f | 0xfeff | 0xfffe | 0xffff));
    out
}

/// JSON text with every raw character that [`crate::shell::needs_escape`] (DEL, the C1
/// controls, bidirectional and other invisible format characters, line and paragraph
/// separators) written as a `\uXXXX` escape instead: the same value, and text that shows
/// as it is in a terminal, a shell or an editor. JSON writers escape the C0 controls in
/// strings already, so a raw one is white space between tokens and stays.
pub fn escape_invisible(json: &str) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| crate::shell::needs_escape(c) && c as u32 >= 0x20;
    if !json.chars().any(hidden) {
        return std::borrow::Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if hidden(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

fn go_escape(c: char) -> bool {
    (c as u32) < 0x20 || matches!(c, '<' | '>' | '&' | '\u{2028}' | '\u{2029}')
}

fn write(v: &Value, out: &mut String, escape: fn(char) -> bool) {
    match v {
        Value::Object(m) => {
            out.push('{');
            for (i, (k, v)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_str(k, out, escape);
                out.push(':');
                write(v, out, escape);
            }
            out.push('}');
        }
        Value::Array(a) => {
            out.push('[');
            for (i, v) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(v, out, escape);
            }
            out.push(']');
        }
        Value::String(s) => write_str(s, out, escape),
        other => out.push_str(&other.to_string()),
    }
}

fn write_str(s: &str, out: &mut String, escape: fn(char) -> bool) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if escape(c) => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod text_tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn invisible_characters_are_escaped() {
        let v = json!({"a": "x\u{7f}\u{85}\u{202e}\u{2028}\u{feff}y\n"});
        let text = serde_json::to_string_pretty(&v).unwrap();
        let safe = escape_invisible(&text);
        assert_eq!(safe, "{\n  \"a\": \"x\\u007f\\u0085\\u202e\\u2028\\ufeffy\\n\"\n}");
        assert_eq!(serde_json::from_str::<Value>(&safe).unwrap(), v);
        assert!(matches!(escape_invisible("{\"a\":\"é\"}"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn go_and_yaml_safe_text() {
        let v = json!({"b": "<a&b>\u{2028}\u{7f}\u{85}\u{feff}é\t", "a": [1, true, null]});
        assert_eq!(to_go_string(&v), "{\"a\":[1,true,null],\"b\":\"\\u003ca\\u0026b\\u003e\\u2028\u{7f}\u{85}\u{feff}é\\t\"}");
        assert_eq!(to_yaml_safe_string(&v), "{\"a\":[1,true,null],\"b\":\"\\u003ca\\u0026b\\u003e\\u2028\\u007f\\u0085\\ufeffé\\t\"}");
        for text in [to_go_string(&v), to_yaml_safe_string(&v)] {
            assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), v);
        }
    }
}
