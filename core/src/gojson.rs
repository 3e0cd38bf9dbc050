//! Containers as Go's `encoding/json` prints a `v1.EphemeralContainer`: what `kubectl`
//! sends, and the basis of semantic equality.
//!
//! k8s-openapi keeps `Some(false)`, `Some("")` and `Some(vec![])` apart from `None`; Go does
//! not for its `omitempty` value fields (`stdin`, `workingDir`, `readOnly`, lists…), so those
//! are left out. Pointer fields keep their zero values (`securityContext.privileged: false`
//! means something), fields without `omitempty` are always printed (`name`, `mountPath`),
//! and `resources`, a struct, is always printed, as `{}` when empty. Keys come out sorted,
//! as Go sorts the keys of the maps a strategic merge diff is made of.

use k8s_openapi::api::core::v1::EphemeralContainer;
use serde_json::{Map, Value};

/// The container as Go would marshal it.
pub fn marshal(ec: &EphemeralContainer) -> Value {
    let value = serde_json::to_value(ec).unwrap_or(Value::Null);
    let mut value = normalize(value, false);
    if let Value::Object(map) = &mut value {
        map.entry("resources").or_insert_with(|| Value::Object(Map::new()));
    }
    value
}

/// Fields of the container's value types that Go prints even when empty.
const ALWAYS: &[&str] = &["name", "mountPath", "devicePath", "key"];

fn normalize(value: Value, pointers: bool) -> Value {
    match value {
        Value::Object(map) => {
            let mut out = Map::new();
            for (k, v) in map {
                let inner = pointers || k == "securityContext";
                let v = normalize(v, inner);
                let empty = match &v {
                    Value::Null => true,
                    Value::Array(a) => a.is_empty(),
                    Value::Object(o) => o.is_empty() && matches!(k.as_str(), "limits" | "requests" | "resources"),
                    Value::Bool(false) => !pointers,
                    Value::String(s) => s.is_empty() && !pointers,
                    _ => false,
                };
                if !empty || ALWAYS.contains(&k.as_str()) {
                    out.insert(k, v);
                }
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.into_iter().map(|i| normalize(i, pointers)).collect()),
        other => other,
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
