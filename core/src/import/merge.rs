//! The three patch types applied as the API server applies them to a pod's JSON, and kubectl's
//! `--custom` merge onto a container:
//!
//! * strategic merge (`k8s.io/apimachinery/pkg/util/strategicpatch/patch.go`,
//!   `StrategicMergeMapPatch` → `mergeMap`, `mergeSlice`, `normalizeElementOrder`,
//!   `mergeSortedSlice`; the `$patch`, `$retainKeys`, `$setElementOrder/…` and
//!   `$deleteFromPrimitiveList/…` directives), with the merge keys of `k8s.io/api/core/v1`
//!   `types.go` for the lists on the way to a container (`patchMergeKey` tags);
//! * JSON merge patch (RFC 7386, evanphx/json-patch `MergePatch`): objects merged, `null`
//!   deletes, everything else — lists too — replaced;
//! * JSON patch (RFC 6902, evanphx/json-patch v4 `patch.go`, which the apiserver uses): `add`,
//!   `remove`, `replace`, `move`, `copy`, `test` (where `null` matches a missing value).

use serde_json::{Map, Value};

/// What a value is, for its lists' merge keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Schema {
    Pod,
    PodSpec,
    Container,
    Other,
}

impl Schema {
    /// The merge key of the list at `key`, and the schema of its items (`patchMergeKey` in
    /// `types.go`); `None` for a list replaced whole.
    fn list(self, key: &str) -> Option<(&'static str, Schema)> {
        match (self, key) {
            (Schema::PodSpec, "containers" | "initContainers" | "ephemeralContainers") => Some(("name", Schema::Container)),
            (Schema::PodSpec, "volumes" | "imagePullSecrets" | "resourceClaims" | "schedulingGates") => Some(("name", Schema::Other)),
            (Schema::PodSpec, "hostAliases") => Some(("ip", Schema::Other)),
            (Schema::PodSpec, "topologySpreadConstraints") => Some(("topologyKey", Schema::Other)),
            (Schema::Container, "env") => Some(("name", Schema::Other)),
            (Schema::Container, "volumeMounts") => Some(("mountPath", Schema::Other)),
            (Schema::Container, "volumeDevices") => Some(("devicePath", Schema::Other)),
            (Schema::Container, "ports") => Some(("containerPort", Schema::Other)),
            _ => None,
        }
    }

    fn field(self, key: &str) -> Schema {
        match (self, key) {
            (Schema::Pod, "spec") => Schema::PodSpec,
            _ => Schema::Other,
        }
    }
}

/// Why a patch cannot be applied: the apiserver's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PatchError(pub String);

/// `StrategicMergeMapPatch(original, patch, schema)`.
pub(crate) fn strategic(original: &Value, patch: &Value, schema: Schema) -> Result<Value, PatchError> {
    match (original, patch) {
        (Value::Object(o), Value::Object(p)) => Ok(Value::Object(merge_map(o.clone(), p, schema)?)),
        (_, Value::Object(p)) => Ok(Value::Object(merge_map(Map::new(), p, schema)?)),
        _ => Err(PatchError("strategic merge patch must be a JSON object".to_owned())),
    }
}

const SET_ORDER: &str = "$setElementOrder/";
const DELETE_PRIMITIVE: &str = "$deleteFromPrimitiveList/";

fn merge_map(mut original: Map<String, Value>, patch: &Map<String, Value>, schema: Schema) -> Result<Map<String, Value>, PatchError> {
    match patch.get("$patch").and_then(Value::as_str) {
        Some("replace") => {
            let mut p = patch.clone();
            p.remove("$patch");
            return merge_map(Map::new(), &p, schema);
        }
        Some("delete") => return Ok(Map::new()),
        Some("merge") | None => {}
        Some(other) => return Err(PatchError(format!("Unknown patch type: {other} in map: {}", go_map(patch)))),
    }
    if let Some(retain) = patch.get("$retainKeys") {
        let keys: Vec<&str> = retain.as_array().map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
        original.retain(|k, _| keys.contains(&k.as_str()));
    }
    for (key, value) in patch {
        if key == "$patch" || key == "$retainKeys" || key.starts_with(SET_ORDER) {
            continue;
        }
        if let Some(list) = key.strip_prefix(DELETE_PRIMITIVE) {
            if let (Some(Value::Array(items)), Some(gone)) = (original.get_mut(list), value.as_array()) {
                items.retain(|i| !gone.contains(i));
            }
            continue;
        }
        if value.is_null() {
            original.remove(key);
            continue;
        }
        let merged = match (original.remove(key), value) {
            (Some(Value::Object(o)), Value::Object(p)) => Value::Object(merge_map(o, p, schema.field(key))?),
            (None, Value::Object(p)) => Value::Object(merge_map(Map::new(), p, schema.field(key))?),
            (o, Value::Array(p)) => match schema.list(key) {
                Some((merge_key, items)) => {
                    let o = match o {
                        Some(Value::Array(o)) => o,
                        _ => Vec::new(),
                    };
                    Value::Array(merge_list(o, p, merge_key, items)?)
                }
                None => Value::Array(p.iter().map(strip_directives).collect()),
            },
            (_, p) => p.clone(),
        };
        original.insert(key.clone(), merged);
    }
    // $setElementOrder: the merged list in the order given, the server's other items kept in place.
    for (key, order) in patch {
        let Some(list) = key.strip_prefix(SET_ORDER) else { continue };
        let Some((merge_key, _)) = schema.list(list) else { continue };
        let (Some(Value::Array(merged)), Some(order)) = (original.get(list).cloned(), order.as_array()) else { continue };
        let positions = positions(order, merge_key);
        let (mut patch_items, server_only): (Vec<Value>, Vec<Value>) =
            merged.into_iter().partition(|v| positions.contains_key(&key_of(v, merge_key)));
        patch_items.sort_by_key(|v| positions.get(&key_of(v, merge_key)).copied());
        let all = merge_sorted(server_only, patch_items, order, merge_key);
        original.insert(list.to_owned(), Value::Array(all));
    }
    Ok(original)
}

/// `mergeSlice` for a list of objects with a merge key, then `normalizeElementOrder`: the
/// patch's items (in patch order) and the server's others (in their order), merged so that
/// items both lists place keep the server's relative order and new ones come first.
fn merge_list(original: Vec<Value>, patch: &[Value], merge_key: &str, items: Schema) -> Result<Vec<Value>, PatchError> {
    // `{"$patch": "replace"}` in the list: the list becomes the patch's other items.
    if patch.iter().any(|p| p.get("$patch").and_then(Value::as_str) == Some("replace")) {
        return Ok(patch.iter().filter(|p| p.get("$patch").is_none()).map(strip_directives).collect());
    }
    let server_order = original.clone();
    let mut merged = original;
    let mut index = positions(&merged, merge_key);
    let mut patch_keys: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for p in patch {
        let Some(pm) = p.as_object() else {
            return Err(PatchError(format!("unable to find api field in struct for the list item {p}")));
        };
        let Some(key) = pm.get(merge_key) else {
            return Err(PatchError(format!("map: {} does not contain declared merge key: {merge_key}", go_map(pm))));
        };
        let k = key.to_string();
        if pm.get("$patch").and_then(Value::as_str) == Some("delete") {
            merged.retain(|m| m.get(merge_key) != Some(key));
            index = positions(&merged, merge_key);
            continue;
        }
        let n = patch_keys.len();
        patch_keys.entry(k.clone()).or_insert(n);
        match index.get(&k).copied() {
            Some(i) => {
                if let Some(Value::Object(m)) = merged.get_mut(i) {
                    let o = std::mem::take(m);
                    *m = merge_map(o, pm, items)?;
                }
            }
            None => {
                index.insert(k, merged.len());
                merged.push(Value::Object(merge_map(Map::new(), pm, items)?));
            }
        }
    }
    let (mut patch_items, server_only): (Vec<Value>, Vec<Value>) =
        merged.into_iter().partition(|m| patch_keys.contains_key(&key_of(m, merge_key)));
    patch_items.sort_by_key(|m| patch_keys.get(&key_of(m, merge_key)).copied());
    Ok(merge_sorted(server_only, patch_items, &server_order, merge_key))
}

/// The merge key's value of an item, as text (absent: `null`).
fn key_of(v: &Value, merge_key: &str) -> String {
    v.get(merge_key).map_or_else(|| "null".to_owned(), Value::to_string)
}

/// Each item's place by its merge key (the first, when one repeats).
fn positions(items: &[Value], merge_key: &str) -> std::collections::HashMap<String, usize> {
    let mut out = std::collections::HashMap::new();
    for (i, v) in items.iter().enumerate() {
        out.entry(key_of(v, merge_key)).or_insert(i);
    }
    out
}

/// `mergeSortedSlice(left, right, serverOrder)`.
fn merge_sorted(left: Vec<Value>, right: Vec<Value>, server_order: &[Value], merge_key: &str) -> Vec<Value> {
    let places = positions(server_order, merge_key);
    let index = |v: &Value| if v.get(merge_key).is_some() { places.get(&key_of(v, merge_key)).copied() } else { None };
    let mut out = Vec::with_capacity(left.len() + right.len());
    let (mut l, mut r) = (left.into_iter().peekable(), right.into_iter().peekable());
    loop {
        match (l.peek(), r.peek()) {
            (None, None) => return out,
            (Some(_), None) => out.extend(l.next()),
            (None, Some(_)) => out.extend(r.next()),
            (Some(a), Some(b)) => match (index(a), index(b)) {
                (Some(i), Some(j)) if i < j => out.extend(l.next()),
                _ => out.extend(r.next()),
            },
        }
    }
}

/// A value added where the original had nothing: the directives have no effect but go.
fn strip_directives(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            Value::Object(m.iter().filter(|(k, _)| !k.starts_with('$')).map(|(k, v)| (k.clone(), strip_directives(v))).collect())
        }
        Value::Array(a) => Value::Array(a.iter().map(strip_directives).collect()),
        v => v.clone(),
    }
}

/// Go's `%v` of a `map[string]interface{}`, shortened: enough to recognise it.
fn go_map(m: &Map<String, Value>) -> String {
    let inner: Vec<String> = m.iter().map(|(k, v)| format!("{k}:{}", v.as_str().map_or_else(|| v.to_string(), str::to_owned))).collect();
    format!("map[{}]", inner.join(" "))
}

/// RFC 7386 JSON merge patch.
pub(crate) fn merge(original: &Value, patch: &Value) -> Value {
    match patch {
        Value::Object(p) => {
            let mut out = match original {
                Value::Object(o) => o.clone(),
                _ => Map::new(),
            };
            for (k, v) in p {
                if v.is_null() {
                    out.remove(k);
                } else {
                    let merged = merge(out.get(k).unwrap_or(&Value::Null), v);
                    out.insert(k.clone(), merged);
                }
            }
            Value::Object(out)
        }
        p => p.clone(),
    }
}

/// RFC 6902 JSON patch, as evanphx/json-patch v4 applies it. The error is the library's
/// (which the apiserver does not show: it answers 422 with a fixed text).
pub(crate) fn json_patch(original: &Value, ops: &Value) -> Result<Value, PatchError> {
    let Some(ops) = ops.as_array() else {
        return Err(PatchError("json: cannot unmarshal object into Go value of type jsonpatch.Patch".to_owned()));
    };
    let mut doc = original.clone();
    for op in ops {
        let kind = op.get("op").and_then(Value::as_str).unwrap_or("");
        let path = op.get("path").and_then(Value::as_str);
        let Some(path) = path else { return Err(PatchError(format!("{kind} operation missing path"))) };
        let value = op.get("value");
        match kind {
            "add" => add(&mut doc, path, value.cloned().unwrap_or(Value::Null))?,
            "remove" => {
                remove(&mut doc, path)?;
            }
            "replace" => {
                if get(&doc, path).is_none() {
                    return Err(PatchError(format!("replace operation does not apply: doc is missing key: {path}: missing value")));
                }
                remove(&mut doc, path)?;
                add(&mut doc, path, value.cloned().unwrap_or(Value::Null))?;
            }
            "move" | "copy" => {
                let from = op.get("from").and_then(Value::as_str).ok_or_else(|| PatchError(format!("{kind} operation missing from")))?;
                let v = get(&doc, from).cloned().ok_or_else(|| {
                    PatchError(format!("{kind} operation does not apply: doc is missing from path: {from}: missing value"))
                })?;
                if kind == "move" {
                    remove(&mut doc, from)?;
                }
                add(&mut doc, path, v)?;
            }
            "test" => {
                let found = get(&doc, path);
                let want = value.filter(|v| !v.is_null());
                let ok = match (found.filter(|v| !v.is_null()), want) {
                    (None, None) => true,
                    (Some(f), Some(w)) => f == w,
                    _ => false,
                };
                if !ok {
                    return Err(PatchError(format!("testing value {path} failed: test failed")));
                }
            }
            other => return Err(PatchError(format!("Unexpected kind: {other}"))),
        }
    }
    Ok(doc)
}

fn tokens(path: &str) -> Result<Vec<String>, PatchError> {
    if path.is_empty() {
        return Ok(Vec::new());
    }
    let Some(rest) = path.strip_prefix('/') else { return Err(PatchError(format!("invalid JSON pointer: {path}"))) };
    Ok(rest.split('/').map(|t| t.replace("~1", "/").replace("~0", "~")).collect())
}

fn get<'a>(doc: &'a Value, path: &str) -> Option<&'a Value> {
    let mut at = doc;
    for t in tokens(path).ok()? {
        at = match at {
            Value::Object(m) => m.get(&t)?,
            Value::Array(a) => a.get(t.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(at)
}

/// The container of the last token, and that token.
fn parent<'a>(doc: &'a mut Value, path: &str, op: &str) -> Result<(&'a mut Value, String), PatchError> {
    let mut toks = tokens(path)?;
    let Some(last) = toks.pop() else {
        return Err(PatchError(format!("{op} operation does not apply: doc is missing path: \"{path}\": missing value")));
    };
    let mut at = doc;
    for t in &toks {
        at = match at {
            Value::Object(m) => m.get_mut(t),
            Value::Array(a) => t.parse::<usize>().ok().and_then(|i| a.get_mut(i)),
            _ => None,
        }
        .ok_or_else(|| PatchError(format!("{op} operation does not apply: doc is missing path: \"{path}\": missing value")))?;
    }
    Ok((at, last))
}

fn add(doc: &mut Value, path: &str, value: Value) -> Result<(), PatchError> {
    if path.is_empty() {
        *doc = value;
        return Ok(());
    }
    let (at, last) = parent(doc, path, "add")?;
    match at {
        Value::Object(m) => {
            m.insert(last, value);
            Ok(())
        }
        Value::Array(a) => {
            let i = if last == "-" {
                a.len()
            } else {
                last.parse::<usize>()
                    .map_err(|_| PatchError(format!("add operation does not apply: doc is missing path: \"{path}\": missing value")))?
            };
            if i > a.len() {
                return Err(PatchError(format!("add operation does not apply: doc is missing path: \"{path}\": missing value")));
            }
            a.insert(i, value);
            Ok(())
        }
        _ => Err(PatchError(format!("add operation does not apply: doc is missing path: \"{path}\": missing value"))),
    }
}

fn remove(doc: &mut Value, path: &str) -> Result<Value, PatchError> {
    let missing = || PatchError(format!("remove operation does not apply: doc is missing path: \"{path}\": missing value"));
    let (at, last) = parent(doc, path, "remove")?;
    match at {
        Value::Object(m) => m.remove(&last).ok_or_else(missing),
        Value::Array(a) => {
            let i = last.parse::<usize>().map_err(|_| missing())?;
            if i >= a.len() {
                return Err(missing());
            }
            Ok(a.remove(i))
        }
        _ => Err(missing()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn names(v: &Value) -> Vec<&str> {
        v["spec"]["ephemeralContainers"].as_array().map(|a| a.iter().filter_map(|c| c["name"].as_str()).collect()).unwrap_or_default()
    }

    #[test]
    fn strategic_adds_by_name_new_first_unless_ordered() {
        let pod = json!({"spec": {"containers": [{"name": "app"}], "ephemeralContainers": [{"name": "old", "image": "a"}]}});
        let patch = json!({"spec": {"ephemeralContainers": [{"name": "new", "image": "b"}]}});
        let out = strategic(&pod, &patch, Schema::Pod).unwrap();
        assert_eq!(names(&out), ["new", "old"]);
        let ordered = json!({"spec": {"$setElementOrder/ephemeralContainers": [{"name": "old"}, {"name": "new"}], "ephemeralContainers": [{"name": "new", "image": "b"}]}});
        assert_eq!(names(&strategic(&pod, &ordered, Schema::Pod).unwrap()), ["old", "new"]);
        // Same name: merged into the old entry.
        let same = json!({"spec": {"ephemeralContainers": [{"name": "old", "tty": true}]}});
        assert_eq!(
            strategic(&pod, &same, Schema::Pod).unwrap()["spec"]["ephemeralContainers"],
            json!([{"name": "old", "image": "a", "tty": true}])
        );
        // Directives.
        let replace = json!({"spec": {"ephemeralContainers": [{"$patch": "replace"}, {"name": "x"}]}});
        assert_eq!(names(&strategic(&pod, &replace, Schema::Pod).unwrap()), ["x"]);
        let delete = json!({"spec": {"ephemeralContainers": [{"name": "old", "$patch": "delete"}]}});
        assert!(names(&strategic(&pod, &delete, Schema::Pod).unwrap()).is_empty());
        let no_key = json!({"spec": {"ephemeralContainers": [{"image": "b"}]}});
        assert!(strategic(&pod, &no_key, Schema::Pod).unwrap_err().0.contains("does not contain declared merge key: name"));
    }

    #[test]
    fn strategic_container_lists() {
        let c = json!({"name": "d", "env": [{"name": "A", "value": "1"}], "securityContext": {"capabilities": {"add": ["SYS_PTRACE"]}}});
        let p = json!({"name": "d", "env": [{"name": "B", "value": "2"}, {"name": "A", "value": "3"}], "securityContext": {"capabilities": {"add": ["NET_ADMIN"]}}});
        let out = strategic(&c, &p, Schema::Container).unwrap();
        assert_eq!(out["env"], json!([{"name": "B", "value": "2"}, {"name": "A", "value": "3"}]));
        assert_eq!(out["securityContext"]["capabilities"]["add"], json!(["NET_ADMIN"]));
    }

    #[test]
    fn merge_patch_replaces_lists() {
        let pod = json!({"spec": {"ephemeralContainers": [{"name": "old"}], "x": 1}});
        let out = merge(&pod, &json!({"spec": {"ephemeralContainers": [{"name": "new"}], "x": null}}));
        assert_eq!(out, json!({"spec": {"ephemeralContainers": [{"name": "new"}]}}));
    }

    #[test]
    fn json_patch_ops() {
        let pod = json!({"spec": {"containers": []}});
        let ops = json!([{"op": "test", "path": "/spec/ephemeralContainers", "value": null}, {"op": "add", "path": "/spec/ephemeralContainers", "value": [{"name": "a"}]}, {"op": "add", "path": "/spec/ephemeralContainers/-", "value": {"name": "b"}}]);
        assert_eq!(names(&json_patch(&pod, &ops).unwrap()), ["a", "b"]);
        let missing = json!([{"op": "add", "path": "/spec/ephemeralContainers/-", "value": {"name": "b"}}]);
        assert!(json_patch(&pod, &missing).unwrap_err().0.contains("missing path"));
        let failing = json!([{"op": "test", "path": "/spec/containers", "value": null}]);
        assert!(json_patch(&pod, &failing).unwrap_err().0.contains("test failed"));
        let tilde = json!([{"op": "add", "path": "/metadata", "value": {}}, {"op": "add", "path": "/metadata/a~1b~0", "value": 1}]);
        assert_eq!(json_patch(&pod, &tilde).unwrap()["metadata"], json!({"a/b~": 1}));
    }
}
