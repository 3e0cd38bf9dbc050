//! A small YAML writer for JSON values: block style, two-space indentation, lists not
//! indented under their key (as kubectl prints), and every string that YAML 1.1 or 1.2
//! could read as something else written as a JSON string (double-quoted YAML is a superset
//! of JSON strings), so that the text reads back to exactly the same value.

use serde_json::Value;

/// The value as a YAML document (ends with a newline).
pub fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(m) if !m.is_empty() => write_map(m, 0, &mut out),
        Value::Array(a) if !a.is_empty() => write_seq(a, 0, &mut out),
        other => {
            out.push_str(&scalar(other));
            out.push('\n');
        }
    }
    out
}

fn indent(n: usize, out: &mut String) {
    for _ in 0..n {
        out.push(' ');
    }
}

/// YAML takes a plain or quoted key of at most 1024 characters (YAML 1.2 §7.4.2, "implicit
/// keys"); a longer one is written as an explicit key, `? key` with `:` and the value on the
/// next line.
const MAX_IMPLICIT_KEY: usize = 1024;

fn key(k: &str, level: usize, out: &mut String) {
    let text = string(k);
    if text.chars().count() > MAX_IMPLICIT_KEY {
        out.push_str("? ");
        out.push_str(&text);
        out.push('\n');
        indent(level, out);
    } else {
        out.push_str(&text);
    }
    out.push(':');
}

fn write_map(m: &serde_json::Map<String, Value>, level: usize, out: &mut String) {
    for (k, v) in m {
        indent(level, out);
        key(k, level, out);
        write_value_after_key(v, level, out);
    }
}

fn write_value_after_key(v: &Value, level: usize, out: &mut String) {
    match v {
        Value::Object(m) if !m.is_empty() => {
            out.push('\n');
            write_map(m, level + 2, out);
        }
        Value::Array(a) if !a.is_empty() => {
            out.push('\n');
            write_seq(a, level, out);
        }
        other => {
            out.push(' ');
            out.push_str(&scalar(other));
            out.push('\n');
        }
    }
}

fn write_seq(a: &[Value], level: usize, out: &mut String) {
    for item in a {
        indent(level, out);
        out.push('-');
        match item {
            Value::Object(m) if !m.is_empty() => {
                // The first key on the dash's line, the rest under it.
                let mut first = true;
                for (k, v) in m {
                    if first {
                        out.push(' ');
                        first = false;
                    } else {
                        indent(level + 2, out);
                    }
                    key(k, level + 2, out);
                    write_value_after_key(v, level + 2, out);
                }
            }
            Value::Array(inner) if !inner.is_empty() => {
                out.push('\n');
                write_seq(inner, level + 2, out);
            }
            other => {
                out.push(' ');
                out.push_str(&scalar(other));
                out.push('\n');
            }
        }
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => string(s),
        Value::Array(_) => "[]".to_owned(),
        Value::Object(_) => "{}".to_owned(),
    }
}

/// Words that other YAML readers (1.2) take for something else although ours does not.
const KEYWORDS: &[&str] = &["y", "Y", "n", "N", "yes", "no", "on", "off", "null", "true", "false", "~"];

/// A string bare when that is safe, else as a JSON string. Bare: letters, digits and
/// `_ - . / : @ = +`, not starting with a YAML indicator, not ending with `:`, and read back
/// as a string (not `1.0`, `yes`, `0x1f`).
fn string(s: &str) -> String {
    let bare = !s.is_empty()
        && !KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(s))
        && s.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric() || b == b'/' || b == b'_' || b == b'.')
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'/' | b':' | b'@' | b'=' | b'+'))
        && !s.ends_with(':')
        && crate::node::plain_is_string(s);
    if bare {
        s.to_owned()
    } else {
        // A JSON string is a YAML double-quoted one; YAML takes no DEL or C1 control raw.
        crate::gojson::escape_invisible(&serde_json::to_string(s).unwrap_or_default()).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn writes_kubectl_style() {
        let v = json!({"name": "dbg", "command": ["sh", "-c", "echo 'hi'"], "env": [{"name": "A", "value": "yes"}, {"name": "B", "value": "1.0"}],
            "securityContext": {"capabilities": {"add": ["NET_ADMIN"]}, "runAsUser": 0}, "stdin": true, "resources": {}});
        assert_eq!(
            to_yaml(&v),
            "command:\n- sh\n- \"-c\"\n- \"echo 'hi'\"\nenv:\n- name: A\n  value: \"yes\"\n- name: B\n  value: \"1.0\"\nname: dbg\nresources: {}\nsecurityContext:\n  capabilities:\n    add:\n    - NET_ADMIN\n  runAsUser: 0\nstdin: true\n"
        );
    }

    #[test]
    fn reads_back_to_the_same_value() {
        let tricky = [
            "busybox:1.36",
            "a:b",
            "a:",
            "1d",
            "1.5",
            "1e3x",
            ".5",
            ".a",
            "@a",
            "a@b",
            "=",
            "+1",
            "",
            " ",
            "y",
            "no",
            "~",
            "0777",
            "1e3",
            "-",
            "- x",
            ": x",
            "a: b",
            "#",
            "a #b",
            "{",
            "[x]",
            "'",
            "\"",
            "\\",
            "\n",
            "x\ny",
            "é",
            "*a",
            "&a",
            "!tag",
            "%",
            "@",
            "`",
            "|",
            ">",
            "?",
            "0x1f",
            ".5",
            "+1",
            "null",
            "\u{7f}\u{85}\u{202e}\u{2028}",
        ];
        let long = "k".repeat(1100);
        let long_quoted = format!("{}\n", "\"".repeat(600));
        for s in tricky.into_iter().chain([long.as_str(), long_quoted.as_str()]) {
            let v = json!({"k": s, "l": [s, {"m": s}], s: s, "n": [{s: [s]}, {"a": 1, s: {s: s}}]});
            let text = to_yaml(&v);
            let back = crate::node::parse(&text).unwrap_or_else(|e| panic!("{s:?}: {e:?}\n{text}")).to_json();
            assert_eq!(back, v, "{s:?}\n{text}");
            assert!(!text.chars().any(|c| crate::shell::needs_escape(c) && c != '\n'), "{text:?}");
        }
    }
}
