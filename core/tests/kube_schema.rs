//! `core/src/de/kube.rs`, the decoders of the Kubernetes types a pod holds, is written from
//! k8s-openapi's own source: its struct definitions (each field's name and type) and its
//! generated `Deserialize` impls (each field's JSON name, the names it hands to
//! `deserialize_struct`, what its visitor says it expects, whether it checks `apiVersion`
//! and `kind`). This test writes the file again and fails when the committed one differs:
//! after a k8s-openapi upgrade, `ECPLAY_WRITE_KUBE=1 cargo test -p ecplay-core --test
//! kube_schema` writes it.
//!
//! It then builds a pod that sets every field of every type the decoders know, and
//! compares what `ecplay_core::de` makes of it with what k8s-openapi's own `Deserialize`
//! impls make of it (`support/serde_decoder.rs`), once with good values and once with a
//! value of the wrong type in every field.

use std::collections::{BTreeMap, VecDeque};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use syn::visit::Visit;

#[path = "support/serde_decoder.rs"]
mod serde_decoder;

/// Written with `src/de/kube.rs`: `same(type_path, node, what)` for every type it decodes.
#[rustfmt::skip]
#[path = "support/kube_types.rs"]
mod kube_types;

/// Where the decoding starts.
const ROOTS: &[&str] = &["api::core::v1::Pod", "api::core::v1::EphemeralContainer"];
/// Written by hand in `de.rs`: only the shape of the pod's status is checked.
const NOT_DECODED: &[&str] = &["api::core::v1::PodStatus"];
/// Left out of the tree before decoding (`input::read_pod`): the field is known, its value
/// never read.
const LEFT_OUT: &[&str] = &["apimachinery::pkg::apis::meta::v1::ManagedFieldsEntry"];
/// The leaves written by hand in `de.rs`, beside std's strings, booleans and integers.
const LEAVES: &[&str] = &[
    "apimachinery::pkg::api::resource::Quantity",
    "apimachinery::pkg::util::intstr::IntOrString",
    "apimachinery::pkg::apis::meta::v1::Time",
    "apimachinery::pkg::apis::meta::v1::MicroTime",
];

const OUT: &str = "src/de/kube.rs";
const OUT_TYPES: &str = "tests/support/kube_types.rs";
const OUT_JSON: &str = "src/gojson/kube.rs";
/// What `gojson` writes as JSON: the containers' types.
const JSON_ROOT: &str = "api::core::v1::EphemeralContainer";

/// A field's type, as far as decoding cares.
#[derive(Clone, Debug, PartialEq)]
enum Ty {
    String,
    Bool,
    I32,
    I64,
    Vec(Box<Ty>),
    Map(Box<Ty>),
    /// A k8s-openapi type, by its path under the crate root.
    Named(String),
}

struct Field {
    rust: String,
    json: String,
    optional: bool,
    ty: Ty,
}

struct Object {
    path: String,
    /// `Some` for a resource: its visitor says it expects the resource's kind.
    expecting: Option<String>,
    /// The JSON names in the order the `Deserialize` impl lists them.
    names: Vec<String>,
    fields: Vec<Field>,
    resource: bool,
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// k8s-openapi's source directory and the version module this build selects (`v1_37`).
fn k8s_openapi() -> (PathBuf, String, String) {
    let out = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(manifest_dir())
        .output()
        .expect("cargo metadata runs");
    assert!(out.status.success(), "cargo metadata: {}", String::from_utf8_lossy(&out.stderr));
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).expect("cargo metadata prints JSON");
    let package = meta["packages"].as_array().unwrap().iter().find(|p| p["name"] == "k8s-openapi").expect("k8s-openapi is a dependency");
    let id = package["id"].as_str().unwrap();
    let node = meta["resolve"]["nodes"].as_array().unwrap().iter().find(|n| n["id"] == id).unwrap();
    let versions: Vec<&str> =
        node["features"].as_array().unwrap().iter().filter_map(|f| f.as_str()).filter(|f| f.starts_with("v1_")).collect();
    let [version] = versions[..] else { panic!("k8s-openapi takes exactly one v1_* feature, found {versions:?}") };
    let dir = Path::new(package["manifest_path"].as_str().unwrap()).parent().unwrap().to_owned();
    (dir, version.to_owned(), package["version"].as_str().unwrap().to_owned())
}

/// Every `.rs` file under `dir`, by its module path (`api::core::v1`).
fn sources(dir: &Path, module: &str, out: &mut Vec<(String, PathBuf)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if path.is_dir() {
            let sub = if module.is_empty() { name } else { format!("{module}::{name}") };
            sources(&path, &sub, out);
        } else if name.ends_with(".rs") && name != "mod.rs" {
            out.push((module.to_owned(), path));
        }
    }
}

/// What one `Deserialize` impl says: JSON name of each `Field::Key_*`, the names given to
/// `deserialize_struct`, and the literal its visitor's `expecting` writes.
#[derive(Default)]
struct Impl {
    json_of: BTreeMap<String, String>,
    names: Vec<String>,
    expecting: Vec<Option<String>>,
    in_expecting: bool,
}

impl<'ast> Visit<'ast> for Impl {
    fn visit_arm(&mut self, arm: &'ast syn::Arm) {
        if let (syn::Pat::Lit(syn::PatLit { lit: syn::Lit::Str(name), .. }), syn::Expr::Path(body)) = (&arm.pat, &*arm.body) {
            let key = body.path.segments.last().unwrap().ident.to_string();
            if let Some(rust) = key.strip_prefix("Key_") {
                self.json_of.insert(rust.to_owned(), name.value());
            }
        }
        syn::visit::visit_arm(self, arm);
    }

    fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
        if call.method == "deserialize_struct" {
            let syn::Expr::Reference(r) = &call.args[1] else { panic!("deserialize_struct without a field list") };
            let syn::Expr::Array(list) = &*r.expr else { panic!("deserialize_struct without a field list") };
            self.names = list
                .elems
                .iter()
                .map(|e| match e {
                    syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => s.value(),
                    _ => panic!("a field name that is not a literal"),
                })
                .collect();
        }
        if self.in_expecting && call.method == "write_str" {
            self.expecting.push(match &call.args[0] {
                syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => Some(s.value()),
                _ => None,
            });
        }
        syn::visit::visit_expr_method_call(self, call);
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        let was = self.in_expecting;
        self.in_expecting = f.sig.ident == "expecting";
        syn::visit::visit_impl_item_fn(self, f);
        self.in_expecting = was;
    }
}

fn ty_of(ty: &syn::Type) -> Ty {
    let syn::Type::Path(p) = ty else { panic!("unexpected field type {}", quote(ty)) };
    let last = p.path.segments.last().unwrap();
    let args: Vec<&syn::Type> = match &last.arguments {
        syn::PathArguments::AngleBracketed(a) => {
            a.args.iter().filter_map(|a| if let syn::GenericArgument::Type(t) = a { Some(t) } else { None }).collect()
        }
        _ => Vec::new(),
    };
    let full: Vec<String> = p.path.segments.iter().map(|s| s.ident.to_string()).collect();
    match (full.join("::").as_str(), &args[..]) {
        ("std::string::String", []) => Ty::String,
        ("bool", []) => Ty::Bool,
        ("i32", []) => Ty::I32,
        ("i64", []) => Ty::I64,
        ("std::vec::Vec", [t]) => Ty::Vec(Box::new(ty_of(t))),
        ("std::collections::BTreeMap", [k, v]) => {
            assert_eq!(ty_of(k), Ty::String, "map keys are strings");
            Ty::Map(Box::new(ty_of(v)))
        }
        (path, []) if path.starts_with("crate::") => Ty::Named(path["crate::".len()..].to_owned()),
        _ => panic!("no decoder for the field type {}", quote(ty)),
    }
}

fn quote(ty: &syn::Type) -> String {
    use quote::ToTokens;
    ty.to_token_stream().to_string()
}

fn named(ty: &Ty) -> Option<&str> {
    match ty {
        Ty::Vec(t) | Ty::Map(t) => named(t),
        Ty::Named(p) => Some(p),
        _ => None,
    }
}

/// The objects reachable from [`ROOTS`], in the order they are first reached.
fn objects(src: &Path) -> Vec<Object> {
    let mut files = Vec::new();
    sources(src, "", &mut files);
    let files: Vec<(String, syn::File)> =
        files.into_iter().map(|(module, path)| (module, syn::parse_file(&std::fs::read_to_string(&path).unwrap()).unwrap())).collect();
    let mut parsed: BTreeMap<String, (&syn::ItemStruct, &syn::File)> = BTreeMap::new();
    for (module, file) in &files {
        for item in &file.items {
            if let syn::Item::Struct(s) = item {
                parsed.insert(format!("{module}::{}", s.ident), (s, file));
            }
        }
    }
    let mut out = Vec::new();
    let mut queue: VecDeque<String> = ROOTS.iter().map(|s| (*s).to_owned()).collect();
    let mut seen: Vec<String> = queue.iter().cloned().collect();
    while let Some(path) = queue.pop_front() {
        let (item, file) = parsed.get(&path).unwrap_or_else(|| panic!("no struct {path} in k8s-openapi"));
        let name = item.ident.to_string();
        let mut imp = Impl::default();
        let mut resource = false;
        for it in &file.items {
            let syn::Item::Impl(i) = it else { continue };
            let Some((_, tr, _)) = &i.trait_ else { continue };
            let tr = tr.segments.last().unwrap().ident.to_string();
            if tr == "Deserialize" {
                imp.visit_item_impl(i);
            }
            resource |= tr == "Resource";
        }
        let expecting: Vec<Option<String>> = imp.expecting.iter().filter(|e| e.as_deref() != Some("field identifier")).cloned().collect();
        let [expecting] = &expecting[..] else { panic!("{path}: expected one `expecting`, found {expecting:?}") };
        assert_eq!(expecting.is_none(), resource, "{path}: only a resource's visitor expects its kind");
        let syn::Fields::Named(named_fields) = &item.fields else { panic!("{path} has no named fields") };
        let mut fields = Vec::new();
        for f in &named_fields.named {
            let rust = f.ident.as_ref().unwrap().to_string();
            let json = imp.json_of.get(&rust).unwrap_or_else(|| panic!("{path}.{rust}: no JSON name in its Deserialize impl")).clone();
            let (optional, ty) = match &f.ty {
                syn::Type::Path(p) if p.path.segments.last().unwrap().ident == "Option" => {
                    let syn::PathArguments::AngleBracketed(a) = &p.path.segments.last().unwrap().arguments else { unreachable!() };
                    let syn::GenericArgument::Type(inner) = &a.args[0] else { unreachable!() };
                    (true, ty_of(inner))
                }
                t => (false, ty_of(t)),
            };
            if let Some(n) = named(&ty) {
                let n = n.to_owned();
                if !LEAVES.contains(&n.as_str())
                    && !NOT_DECODED.contains(&n.as_str())
                    && !LEFT_OUT.contains(&n.as_str())
                    && !seen.contains(&n)
                {
                    seen.push(n.clone());
                    queue.push_back(n);
                }
            }
            fields.push(Field { rust, json, optional, ty });
        }
        let mut names = imp.names.clone();
        if resource {
            assert_eq!(&names[..2], ["apiVersion", "kind"], "{path}: a resource lists apiVersion and kind first");
            names.drain(..2);
        }
        let mut listed: Vec<&str> = fields.iter().map(|f| f.json.as_str()).collect();
        listed.sort_unstable();
        let mut sorted: Vec<&str> = names.iter().map(String::as_str).collect();
        sorted.sort_unstable();
        assert_eq!(listed, sorted, "{path}: the struct's fields and the names its Deserialize impl lists differ");
        assert!(imp.names.len() <= 64, "{path}: more than 64 fields (de.rs keeps the seen ones in a u64)");
        // The fields in the order of the names the impl hands to deserialize_struct.
        fields.sort_by_key(|f| names.iter().position(|n| *n == f.json));
        let _ = name;
        out.push(Object { path, expecting: expecting.clone(), names: imp.names, fields, resource });
    }
    out
}

fn static_name(path: &str) -> String {
    let name = path.rsplit("::").next().unwrap();
    let mut out = String::new();
    for (i, c) in name.char_indices() {
        let prev_lower = i > 0 && name[..i].chars().last().is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit());
        let next_lower = name[i + c.len_utf8()..].chars().next().is_some_and(|n| n.is_ascii_lowercase());
        let prev_upper = i > 0 && name[..i].chars().last().is_some_and(|p| p.is_ascii_uppercase());
        if c.is_ascii_uppercase() && (prev_lower || (prev_upper && next_lower)) {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}

fn generate() -> (String, String, String) {
    let (dir, version, crate_version) = k8s_openapi();
    let objects = objects(&dir.join("src").join(&version));
    let mut statics: Vec<String> = objects.iter().map(|o| static_name(&o.path)).collect();
    statics.sort();
    statics.dedup();
    assert_eq!(statics.len(), objects.len(), "two reachable types share a name");

    let mut out = String::new();
    writeln!(out, "// Written by core/tests/kube_schema.rs from k8s-openapi {crate_version} ({version}); do not edit.").unwrap();
    writeln!(out, "// After a k8s-openapi upgrade: ECPLAY_WRITE_KUBE=1 cargo test -p ecplay-core --test kube_schema").unwrap();
    writeln!(out, "//").unwrap();
    writeln!(out, "// One impl per object type a pod or an ephemeral container holds: the index of each").unwrap();
    writeln!(out, "// field in the names k8s-openapi's Deserialize impl lists, to the struct field it sets.").unwrap();
    writeln!(out).unwrap();
    writeln!(out, "use k8s_openapi::Resource as _;").unwrap();
    writeln!(out).unwrap();
    writeln!(out, "use super::{{Dec, Decode, Seg, Shape}};").unwrap();
    writeln!(out, "use crate::node::Node;").unwrap();
    for o in &objects {
        let ty = format!("k8s_openapi::{}", o.path);
        let st = static_name(&o.path);
        writeln!(out).unwrap();
        writeln!(out, "impl Decode for {ty} {{").unwrap();
        writeln!(out, "    fn decode(d: &Dec, node: &Node, at: &Seg) -> Option<Self> {{").unwrap();
        writeln!(out, "        let mut v = Self::default();").unwrap();
        writeln!(out, "        d.object(node, at, &{st}, &mut |d, i, node, at| match i {{").unwrap();
        let skip = usize::from(o.resource) * 2;
        for (i, f) in o.fields.iter().enumerate() {
            if named(&f.ty).is_some_and(|n| LEFT_OUT.contains(&n)) {
                continue;
            }
            let how = if f.optional { "opt" } else { "req" };
            writeln!(out, "            {} => d.{how}(&mut v.{}, node, at),", i + skip, f.rust).unwrap();
        }
        writeln!(out, "            _ => {{}}").unwrap();
        writeln!(out, "        }})?;").unwrap();
        writeln!(out, "        Some(v)").unwrap();
        writeln!(out, "    }}").unwrap();
        writeln!(out, "}}").unwrap();
        writeln!(out).unwrap();
        let names: Vec<String> = o.names.iter().map(|n| format!("{n:?}")).collect();
        let (expecting, resource) = match &o.expecting {
            Some(e) => (format!("{e:?}"), "None".to_owned()),
            None => (format!("{ty}::KIND"), format!("Some(({ty}::API_VERSION, {ty}::KIND))")),
        };
        writeln!(out, "static {st}: Shape = Shape {{").unwrap();
        writeln!(out, "    expecting: {expecting},").unwrap();
        writeln!(out, "    fields: &[{}],", names.join(", ")).unwrap();
        writeln!(out, "    resource: {resource},").unwrap();
        writeln!(out, "}};").unwrap();
    }
    let mut types = String::new();
    writeln!(types, "// Written by core/tests/kube_schema.rs with src/de/kube.rs; do not edit.").unwrap();
    writeln!(types).unwrap();
    writeln!(types, "use ecplay_core::node::Node;").unwrap();
    writeln!(types).unwrap();
    writeln!(types, "/// The core's decoder and k8s-openapi's own impls read `node` as the type at `path` alike.").unwrap();
    writeln!(types, "pub fn same(path: &str, node: &Node, what: &str) {{").unwrap();
    writeln!(types, "    match path {{").unwrap();
    for o in &objects {
        writeln!(types, "        {:?} => compare::<k8s_openapi::{}>(node, what),", o.path, o.path).unwrap();
    }
    writeln!(types, "        _ => panic!(\"no decoder for {{path}}\"),").unwrap();
    writeln!(types, "    }}").unwrap();
    writeln!(types, "}}").unwrap();
    writeln!(types).unwrap();
    writeln!(types, "fn compare<T: ecplay_core::de::Decode + serde::de::DeserializeOwned + std::fmt::Debug>(node: &Node, what: &str) {{")
        .unwrap();
    writeln!(types, "    let (new, new_issues) = ecplay_core::de::decode::<T>(node, \"x\");").unwrap();
    writeln!(types, "    let (old, old_issues) = super::serde_decoder::decode::<T>(node, \"x\");").unwrap();
    writeln!(types, "    assert_eq!(format!(\"{{new:?}}\"), format!(\"{{old:?}}\"), \"{{what}}: the decoded values differ\");").unwrap();
    writeln!(types, "    assert_eq!(new_issues, old_issues, \"{{what}}: the issues differ\");").unwrap();
    writeln!(types, "}}").unwrap();
    // The containers' types as JSON, for gojson::marshal.
    let by_path: BTreeMap<&str, &Object> = objects.iter().map(|o| (o.path.as_str(), o)).collect();
    let mut reach = vec![JSON_ROOT];
    let mut i = 0;
    while i < reach.len() {
        for f in &by_path[reach[i]].fields {
            if let Some(n) = named(&f.ty).filter(|n| by_path.contains_key(n) && !reach.contains(n)) {
                reach.push(n);
            }
        }
        i += 1;
    }
    let mut json = String::new();
    writeln!(json, "// Written by core/tests/kube_schema.rs from k8s-openapi {crate_version} ({version}); do not edit.").unwrap();
    writeln!(json, "//").unwrap();
    writeln!(json, "// An ephemeral container and the types inside it as JSON values, as k8s-openapi's").unwrap();
    writeln!(json, "// Serialize impls write them: every required field, the optional ones that are set.").unwrap();
    writeln!(json).unwrap();
    writeln!(json, "use serde_json::{{Map, Value}};").unwrap();
    writeln!(json).unwrap();
    writeln!(json, "use super::{{put, ToJson}};").unwrap();
    for path in reach {
        let o = by_path[path];
        writeln!(json).unwrap();
        writeln!(json, "impl ToJson for k8s_openapi::{path} {{").unwrap();
        writeln!(json, "    fn to_json(&self) -> Value {{").unwrap();
        writeln!(json, "        let mut m = Map::new();").unwrap();
        for f in &o.fields {
            let value = if f.optional { format!("self.{}.as_ref()", f.rust) } else { format!("Some(&self.{})", f.rust) };
            writeln!(json, "        put(&mut m, {:?}, {value});", f.json).unwrap();
        }
        writeln!(json, "        Value::Object(m)").unwrap();
        writeln!(json, "    }}").unwrap();
        writeln!(json, "}}").unwrap();
    }
    (out, types, json)
}

#[test]
fn the_decoders_are_written_from_k8s_openapi() {
    let (decoders, types, json) = generate();
    for (file, want) in [(OUT, decoders), (OUT_TYPES, types), (OUT_JSON, json)] {
        let path = manifest_dir().join(file);
        if std::env::var_os("ECPLAY_WRITE_KUBE").is_some() {
            std::fs::write(&path, &want).unwrap();
            continue;
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            have == want,
            "{file} is not what k8s-openapi's source gives: run ECPLAY_WRITE_KUBE=1 cargo test -p ecplay-core --test kube_schema"
        );
    }
}

/// A value for every field of `path`'s type, and of the types inside it.
fn full(path: &str, objects: &BTreeMap<&str, &Object>) -> serde_json::Value {
    if path == NOT_DECODED[0] {
        return serde_json::json!({"phase": "Running"});
    }
    let o = objects[path];
    let mut map = serde_json::Map::new();
    if o.resource {
        map.insert("apiVersion".into(), "v1".into());
        map.insert("kind".into(), o.path.rsplit("::").next().unwrap().into());
    }
    for f in &o.fields {
        map.insert(f.json.clone(), value_of(&f.ty, &f.json, objects));
    }
    map.into()
}

fn value_of(ty: &Ty, name: &str, objects: &BTreeMap<&str, &Object>) -> serde_json::Value {
    use serde_json::json;
    match ty {
        Ty::String => json!(format!("{name}-value")),
        Ty::Bool => json!(true),
        Ty::I32 => json!(7),
        Ty::I64 => json!(-9_000_000_000_i64),
        Ty::Vec(t) => json!([value_of(t, name, objects), value_of(t, name, objects)]),
        Ty::Map(t) => json!({"a": value_of(t, name, objects), "b.example/c": value_of(t, name, objects)}),
        Ty::Named(p) if p.ends_with("Quantity") => json!("1500m"),
        Ty::Named(p) if p.ends_with("IntOrString") => json!(8080),
        Ty::Named(p) if p.ends_with("Time") => json!("2026-01-02T03:04:05Z"),
        Ty::Named(p) if LEFT_OUT.contains(&p.as_str()) => json!([{"manager": "kubectl"}]),
        Ty::Named(p) => full(p, objects),
    }
}

fn same(node: &ecplay_core::node::Node, what: &str) {
    use k8s_openapi::api::core::v1::Pod;
    let (new, new_issues) = ecplay_core::de::decode::<Pod>(node, "");
    let (old, old_issues) = serde_decoder::decode::<Pod>(node, "");
    assert_eq!(format!("{new:#?}"), format!("{old:#?}"), "{what}: the decoded pods differ");
    assert_eq!(new_issues, old_issues, "{what}: the issues differ");
}

/// The decoder gives what k8s-openapi's own Deserialize impls give: on a pod that sets every
/// field the decoders know, and for every type on its own, on an object that sets each of
/// its fields, then with each field's value replaced by values of every other type.
#[test]
fn the_decoders_agree_with_k8s_openapi_on_every_field() {
    use ecplay_core::node::{Node, Value};
    let (dir, version, _) = k8s_openapi();
    let objects = objects(&dir.join("src").join(&version));
    let by_path: BTreeMap<&str, &Object> = objects.iter().map(|o| (o.path.as_str(), o)).collect();
    let text = serde_json::to_string_pretty(&full(ROOTS[0], &by_path)).unwrap();
    let pod = ecplay_core::node::parse(&text).unwrap();
    let (_, issues) = ecplay_core::de::decode::<k8s_openapi::api::core::v1::Pod>(&pod, "");
    assert_eq!(issues, [], "a pod with every field set is read without an issue");
    same(&pod, "every field set");

    let wrong = [
        Value::Int(5),
        Value::Int(1 << 40),
        Value::Float(1.5),
        Value::Float(1e21),
        Value::Bool(true),
        Value::Str("x\"y".into()),
        Value::Null,
        Value::Seq(Box::new([Node { value: Value::Int(1), pos: Default::default() }])),
        Value::Map(Box::default()),
    ];
    // The containers' JSON, as k8s-openapi's Serialize impls write it.
    let text = serde_json::to_string(&full(JSON_ROOT, &by_path)).unwrap();
    let (ec, _) = ecplay_core::de::decode::<k8s_openapi::api::core::v1::EphemeralContainer>(&ecplay_core::node::parse(&text).unwrap(), "");
    let ec = ec.unwrap();
    assert_eq!(ecplay_core::gojson::ToJson::to_json(&ec), serde_json::to_value(&ec).unwrap());
    assert_eq!(
        ecplay_core::gojson::ToJson::to_json(&k8s_openapi::api::core::v1::EphemeralContainer::default()),
        serde_json::to_value(k8s_openapi::api::core::v1::EphemeralContainer::default()).unwrap()
    );

    let mut cases = 0;
    for o in &objects {
        // The type's own fields, with the objects inside it left empty.
        let shallow = |ty: &Ty, name: &str| match ty {
            Ty::Named(p) if by_path.contains_key(p.as_str()) => serde_json::json!({}),
            Ty::Vec(t) if matches!(&**t, Ty::Named(p) if by_path.contains_key(p.as_str())) => serde_json::json!([{}, {}]),
            t => value_of(t, name, &by_path),
        };
        let mut map = serde_json::Map::new();
        if o.resource {
            map.insert("apiVersion".into(), "v1".into());
            map.insert("kind".into(), o.path.rsplit("::").next().unwrap().into());
        }
        for f in &o.fields {
            map.insert(f.json.clone(), shallow(&f.ty, &f.json));
        }
        let node = ecplay_core::node::parse(&serde_json::Value::from(map).to_string()).unwrap();
        kube_types::same(&o.path, &node, "every field set");
        let Value::Map(entries) = &node.value else { unreachable!() };
        for i in 0..entries.len() {
            let is_list = matches!(&entries[i].1.value, Value::Seq(items) if !items.is_empty());
            // The value itself, and for a list its first element too.
            for element in [false, true].into_iter().filter(|e| !e || is_list) {
                for value in &wrong {
                    let mut edited = node.clone();
                    let Value::Map(edits) = &mut edited.value else { unreachable!() };
                    let target = match &mut edits[i].1.value {
                        Value::Seq(items) if element => &mut items[0],
                        _ => &mut edits[i].1,
                    };
                    target.value = value.clone();
                    let what = format!("{}.{}{} set to {value:?}", o.path, entries[i].0.name, if element { "[0]" } else { "" });
                    kube_types::same(&o.path, &edited, &what);
                    cases += 1;
                }
            }
        }
    }
    assert!(cases > 4000, "{cases} cases");
}
