//! The conformance suite: cases derived from the Kubernetes validation source and its
//! tests (`tests/conformance/*.yaml` at the repository root). Each case is a stored pod, the
//! complete new `spec.ephemeralContainers` list, and the errors the server returns, in order.
//!
//! `options` picks the server (`kubeVersion`, default the latest modelled), its
//! `allowPrivileged` and the request's `fieldValidation`. A case may also list the decoder's
//! `warnings` (`unknown field …`, the `D-02` diagnostics), checked when the key is present.

use std::path::PathBuf;

use ecplay_core::diag::Severity;
use ecplay_core::node::{parse, Node, Value};
use ecplay_core::FieldValidation;
use ecplay_core::{check, parse_kube_version, Mode, Options};

fn cases_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/conformance")
}

struct Expected {
    error_type: String,
    field: String,
    message: Option<String>,
}

fn text(node: &Node, key: &str) -> Option<String> {
    node.get(key).and_then(|n| n.as_str().map(str::to_owned))
}

#[test]
fn conformance() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .expect("tests/conformance exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    let mut total = 0;
    let mut failures = Vec::new();
    let mut names = std::collections::HashSet::new();
    for file in &files {
        let src = std::fs::read_to_string(file).unwrap();
        let doc = parse(&src).unwrap_or_else(|e| panic!("{}: {e:?}", file.display()));
        for case in doc.as_seq().expect("a list of cases") {
            total += 1;
            let name = text(case, "name").expect("name");
            assert!(names.insert(name.clone()), "duplicate case name {name}");
            let pod = text(case, "pod").expect("pod");
            let list = case.get("list").expect("list").to_json().to_string();
            let mut opts = Options::default();
            if let Some(o) = case.get("options") {
                if let Some(v) = text(o, "kubeVersion") {
                    opts.kube_minor = parse_kube_version(&v).unwrap();
                }
                if let Some(b) = o.get("allowPrivileged") {
                    opts.allow_privileged = b.value == Value::Bool(true);
                }
                if let Some(v) = text(o, "fieldValidation") {
                    opts.field_validation = FieldValidation::from_name(&v).expect("Strict, Warn or Ignore");
                }
            }
            let expected: Vec<Expected> = case
                .get("expect")
                .and_then(Node::as_seq)
                .unwrap_or_default()
                .iter()
                .map(|e| Expected {
                    error_type: text(e, "type").expect("type"),
                    field: text(e, "field").expect("field"),
                    message: text(e, "message"),
                })
                .collect();
            let warnings: Option<Vec<(String, String)>> = case.get("warnings").map(|w| {
                w.as_seq()
                    .unwrap_or_default()
                    .iter()
                    .map(|e| (text(e, "field").expect("field"), text(e, "message").expect("message")))
                    .collect()
            });
            let report = check(&pod, &list, Mode::Replace, &opts);
            let got: Vec<_> = report.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
            if let Some(want) = warnings {
                let seen: Vec<(String, String)> = report
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Warning && d.code.starts_with("D-"))
                    .map(|d| (d.field.clone(), d.message.clone()))
                    .collect();
                if seen != want {
                    failures.push(format!("{name}: warnings\n want: {want:?}\n got:  {seen:?}"));
                }
            }
            let render = |v: &[&ecplay_core::diag::Diagnostic]| {
                v.iter().map(|d| format!("  {} {} | {}", d.error_type.name(), d.field, d.message)).collect::<Vec<_>>().join("\n")
            };
            let mut ok = got.len() == expected.len();
            if ok {
                for (g, e) in got.iter().zip(&expected) {
                    let field = if g.field.is_empty() { "[]" } else { g.field.as_str() };
                    if g.error_type.name() != e.error_type || field != e.field {
                        ok = false;
                    }
                    if let Some(m) = &e.message {
                        // The removed/changed messages end in a go-cmp diff: compare up to it.
                        let m = m.split("may not be changed").next().unwrap_or(m);
                        if !g.message.contains(m) {
                            ok = false;
                        }
                    }
                }
            }
            if !ok {
                let want = expected
                    .iter()
                    .map(|e| format!("  {} {} | {}", e.error_type, e.field, e.message.as_deref().unwrap_or("")))
                    .collect::<Vec<_>>()
                    .join("\n");
                failures.push(format!(
                    "{} ({}):\n want:\n{want}\n got:\n{}",
                    name,
                    file.file_name().unwrap().to_string_lossy(),
                    render(&got)
                ));
            }
        }
    }
    assert!(total >= 80, "the suite has {total} cases, fewer than 80");
    assert!(failures.is_empty(), "{} of {total} conformance cases fail:\n\n{}", failures.len(), failures.join("\n\n"));
    println!("{total} conformance cases pass");
}
