//! ecplay-core compiled to WebAssembly, as the playground runs it: the same judgements as
//! on the host, run under Node by wasm-bindgen-test-runner (`make test-wasm`):
//!
//! ```sh
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!     cargo test -p ecplay-core --target wasm32-unknown-unknown --test wasm
//! ```
//!
//! On the host this file compiles to nothing: `check.rs` covers the same ground there.
#![cfg(target_arch = "wasm32")]

use ecplay_core::diag::{Severity, Source};
use ecplay_core::FieldValidation;
use ecplay_core::{check, Mode, Options, Report};
use wasm_bindgen_test::wasm_bindgen_test;

const POD: &str = include_str!("../../tests/fixtures/pods/distroless-app.yaml");
const POD_JSON: &str = include_str!("../../tests/fixtures/pods/with-ephemeral-container.json");
const TYPO: &str = include_str!("../../tests/fixtures/ephemeral/typo.yaml");
const DEBUGGER: &str = include_str!("../../tests/fixtures/ephemeral/debugger.yaml");
const PORTS: &str = include_str!("../../tests/fixtures/ephemeral/forbidden-ports.yaml");

fn run(pod: &str, ctr: &str) -> Report {
    check(pod, ctr, Mode::Append, &Options::default())
}

/// (severity, code, field, line, column) of a diagnostic.
type Row<'a> = (&'static str, &'static str, &'a str, Option<u32>, Option<u32>);

/// Every diagnostic, in order.
fn summary(r: &Report) -> Vec<Row<'_>> {
    r.diagnostics.iter().map(|d| (d.severity.as_str(), d.code, d.field.as_str(), d.line, d.column)).collect()
}

#[wasm_bindgen_test]
fn unknown_fields_are_found_at_their_line_and_column() {
    // kubectl's requests carry fieldValidation=Warn: the server drops the field and warns.
    let warned = run(POD, TYPO);
    assert!(warned.valid());
    assert!(
        warned.diagnostics.iter().any(|d| d.code == "D-02" && d.severity == Severity::Warning && d.line == Some(3)),
        "{:#?}",
        warned.diagnostics
    );
    // With Strict the same fields refuse the request, at the same places.
    let r = check(POD, TYPO, Mode::Append, &Options { field_validation: FieldValidation::Strict, ..Options::default() });
    assert!(!r.valid());
    assert_eq!(
        summary(&r),
        [
            ("error", "D-02", "spec.ephemeralContainers[0].imagePullPolcy", Some(3), Some(1)),
            ("error", "D-02", "spec.ephemeralContainers[0].targetContainer", Some(4), Some(1)),
            // Left out: where it would be added, past the container's last line.
            ("warning", "H-01", "spec.ephemeralContainers[0].targetContainerName", Some(6), Some(10)),
        ]
    );
    assert!(r.diagnostics.iter().all(|d| d.source == Some(Source::Container)));
    assert!(r.summary().contains("strict decoding error: unknown field \"spec.ephemeralContainers[0].imagePullPolcy\""), "{}", r.summary());
}

#[wasm_bindgen_test]
fn a_good_debugger_is_accepted() {
    let r = run(POD, DEBUGGER);
    assert!(r.valid(), "{:#?}", r.diagnostics);
    assert_eq!(r.summary(), "");
}

#[wasm_bindgen_test]
fn forbidden_fields_get_the_servers_text() {
    let r = run(POD, PORTS);
    let errors: Vec<_> = r.errors().map(|d| (d.code, d.field.as_str(), d.message.as_str(), d.line)).collect();
    assert_eq!(
        errors,
        [
            ("R-09", "spec.ephemeralContainers[0].ports", "Forbidden: cannot be set for an Ephemeral Container", Some(9)),
            ("R-09", "spec.ephemeralContainers[0].livenessProbe", "Forbidden: cannot be set for an Ephemeral Container", Some(11)),
        ]
    );
}

#[wasm_bindgen_test]
fn a_json_pod_and_an_existing_name() {
    let r = run(POD_JSON, "name: debugger-7xk2p\nimage: busybox:1.36\n");
    assert_eq!(r.errors().map(|d| d.code).collect::<Vec<_>>(), ["R-03", "R-34"]);
    // One diagnostic for the name: the error, with the hint's free name as its help.
    assert!(r.diagnostics.iter().all(|d| d.code != "H-08"));
    assert!(r.diagnostics[0].help.as_deref().unwrap_or_default().contains("such as debugger-"));
}

#[wasm_bindgen_test]
fn unreadable_input_is_reported_not_panicked_on() {
    for (pod, ctr) in [(POD, "name: [unclosed\n"), ("{", DEBUGGER), ("", ""), (POD, "\u{0}\u{ffff}:\n  - ]")] {
        let r = run(pod, ctr);
        assert!(!r.valid(), "{pod:.20?} / {ctr:?}");
    }
}
