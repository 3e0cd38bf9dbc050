//! The core's decoder reads real pods and containers as k8s-openapi's own `Deserialize`
//! impls do (driven by serde over the same tree, `support/serde_decoder.rs`): every
//! fixture, then the sample pods with random edits (a value of another type anywhere, a
//! misspelt key, a key given twice). `tests/kube_schema.rs` does the same field by field.

use ecplay_core::node::{self, Key, Node, Value};
use k8s_openapi::api::core::v1::{EphemeralContainer, Pod};
use proptest::prelude::*;

#[path = "support/serde_decoder.rs"]
mod serde_decoder;

fn fixtures(dir: &str) -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures").join(dir);
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "json")))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    out.sort();
    out
}

fn same<T: ecplay_core::de::Decode + serde::de::DeserializeOwned + std::fmt::Debug>(node: &Node, prefix: &str, what: &str) {
    let (new, new_issues) = ecplay_core::de::decode::<T>(node, prefix);
    let (old, old_issues) = serde_decoder::decode::<T>(node, prefix);
    assert!(format!("{new:?}") == format!("{old:?}"), "{what}: the decoded values differ");
    assert_eq!(new_issues, old_issues, "{what}: the issues differ");
}

#[test]
fn every_fixture_is_read_alike() {
    let pods = fixtures("pods");
    assert!(pods.len() >= 9);
    for (name, text) in &pods {
        same::<Pod>(&node::parse_pod(text).unwrap(), "", name);
        // With its managedFields, as a pod with an anchor in them is read.
        same::<Pod>(&node::parse(text).unwrap(), "", name);
    }
    let containers = fixtures("ephemeral");
    assert!(containers.len() >= 5);
    for (name, text) in &containers {
        let Ok(root) = node::parse(text) else { continue };
        let items = match &root.value {
            Value::Seq(items) => items.to_vec(),
            _ => match root.get("spec").and_then(|s| s.get("ephemeralContainers")).and_then(Node::as_seq) {
                Some(items) => items.to_vec(),
                None => vec![root.clone()],
            },
        };
        for (i, item) in items.iter().enumerate() {
            same::<EphemeralContainer>(item, &format!("spec.ephemeralContainers[{i}]"), name);
        }
    }
}

/// Every node of the tree, by the indices that lead to it.
fn places(node: &Node, at: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
    out.push(at.clone());
    let children: Vec<&Node> = match &node.value {
        Value::Seq(items) => items.iter().collect(),
        Value::Map(entries) => entries.iter().map(|(_, v)| v).collect(),
        _ => Vec::new(),
    };
    for (i, child) in children.into_iter().enumerate() {
        at.push(i);
        places(child, at, out);
        at.pop();
    }
}

fn at_mut<'a>(node: &'a mut Node, place: &[usize]) -> &'a mut Node {
    match place.split_first() {
        None => node,
        Some((i, rest)) => match &mut node.value {
            Value::Seq(items) => at_mut(&mut items[*i], rest),
            Value::Map(entries) => at_mut(&mut entries[*i].1, rest),
            _ => unreachable!(),
        },
    }
}

#[derive(Clone, Debug)]
enum Edit {
    Set(Value),
    /// A key of the object the node is in, misspelt.
    Misspell,
    /// The entry given twice, the second time with another value.
    Repeat(Value),
}

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        prop_oneof![any::<i64>(), -3i64..70_000].prop_map(Value::Int),
        // Floats as the readers make them: from decimals of up to 15 digits (a Quantity
        // prints them, and beyond that float::display may pick another last digit).
        prop_oneof![(-99_999i64..99_999, 0u32..6).prop_map(|(m, e)| m as f64 / 10f64.powi(e as i32)), Just(0.5), Just(2e22)]
            .prop_map(Value::Float),
        "[a-z0-9\"\\\\ é]{0,6}".prop_map(|s| Value::Str(s.into())),
        Just(Value::Seq(Box::default())),
        Just(Value::Map(Box::default())),
        Just(Value::Seq(Box::new([Node { value: Value::Str("x".into()), pos: Default::default() }]))),
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![4 => scalar().prop_map(Edit::Set), 1 => Just(Edit::Misspell), 1 => scalar().prop_map(Edit::Repeat)]
}

fn apply(root: &mut Node, place: &[usize], edit: &Edit) {
    match edit {
        Edit::Set(v) => at_mut(root, place).value = v.clone(),
        Edit::Misspell | Edit::Repeat(_) => {
            let Some((last, parent)) = place.split_last() else { return };
            let Value::Map(entries) = &mut at_mut(root, parent).value else { return };
            match edit {
                Edit::Misspell => entries[*last].0.name.push('s'),
                Edit::Repeat(v) => {
                    let key = Key { name: entries[*last].0.name.clone(), pos: entries[*last].0.pos };
                    let extra = (key, Node { value: v.clone(), pos: entries[*last].1.pos });
                    *entries = std::mem::take(entries).into_vec().into_iter().chain([extra]).collect();
                }
                Edit::Set(_) => unreachable!(),
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    #[test]
    fn edited_pods_are_read_alike(pod in 0usize..9, pick in any::<prop::sample::Index>(), edits in prop::collection::vec(edit(), 1..4)) {
        let pods = fixtures("pods");
        let (name, text) = &pods[pod % pods.len()];
        let mut root = node::parse_pod(text).unwrap();
        for (n, e) in edits.iter().enumerate() {
            let mut all = Vec::new();
            places(&root, &mut Vec::new(), &mut all);
            let place = all[(pick.index(all.len()) + n * 31) % all.len()].clone();
            apply(&mut root, &place, e);
        }
        same::<Pod>(&root, "", &format!("{name} after {edits:?}"));
    }
}
