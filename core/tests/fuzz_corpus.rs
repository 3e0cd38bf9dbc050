//! The fuzz targets' corpus, replayed without libFuzzer: every file under
//! `core/fuzz/corpus/<target>/` (what `cargo fuzz cmin` kept) and its `regressions/` (inputs
//! made by hand, and every input that once crashed) goes through the same body the fuzz
//! target runs (`core/fuzz/bodies.rs`). `make fuzz` runs the fuzzer itself.

#[path = "../fuzz/bodies.rs"]
mod bodies;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

/// Regression inputs that still crash, skipped until the code they crash in is fixed (a stack
/// overflow aborts the whole test process, so they cannot simply be expected to fail). Each
/// is `<target>/regressions/<file>`; take an entry out when its fix lands.
const KNOWN_UNFIXED: &[&str] = &[];

/// The committed corpus stays small: the fuzzer's own corpus grows in `target/`.
const MAX_CORPUS_BYTES: u64 = 5 << 20;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus")
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).filter(|p| p.is_file()).collect();
    files.sort();
    files
}

fn replay(target: &str) {
    let body = bodies::TARGETS.iter().find(|(name, _)| *name == target).unwrap().1;
    let dir = corpus().join(target);
    let mut inputs = files(&dir);
    let regressions = files(&dir.join("regressions"));
    assert!(!inputs.is_empty(), "no corpus in {}", dir.display());
    inputs.extend(regressions);
    // ECPLAY_FUZZ_ONLY=<part of a name> replays only the inputs whose name holds it.
    let only = std::env::var("ECPLAY_FUZZ_ONLY").ok();
    let mut failed = Vec::new();
    for path in &inputs {
        let name = path.strip_prefix(corpus()).unwrap().to_string_lossy().replace('\\', "/");
        if only.as_ref().is_some_and(|o| !name.contains(o.as_str())) {
            continue;
        }
        if KNOWN_UNFIXED.contains(&name.as_str()) {
            eprintln!("skipped (KNOWN_UNFIXED): {name}");
            continue;
        }
        let data = std::fs::read(path).unwrap();
        if catch_unwind(AssertUnwindSafe(|| body(&data))).is_err() {
            failed.push(name);
        }
    }
    assert!(failed.is_empty(), "{} of {} inputs failed: {failed:#?}", failed.len(), inputs.len());
}

#[test]
fn check_corpus() {
    replay("check");
}

#[test]
fn redact_corpus() {
    replay("redact");
}

#[test]
fn words_corpus() {
    replay("words");
}

#[test]
fn share_corpus() {
    replay("share");
}

#[test]
fn import_corpus() {
    replay("import");
}

#[test]
fn known_unfixed_are_there() {
    for name in KNOWN_UNFIXED {
        let (target, rest) = name.split_once('/').unwrap();
        assert!(bodies::TARGETS.iter().any(|(t, _)| *t == target), "{name}: no such target");
        assert!(rest.starts_with("regressions/"), "{name}: only regressions may be skipped");
        assert!(corpus().join(name).is_file(), "{name}: no such file");
    }
}

#[test]
fn corpus_stays_small() {
    let total: u64 = bodies::TARGETS
        .iter()
        .flat_map(|(t, _)| {
            let dir = corpus().join(t);
            files(&dir).into_iter().chain(files(&dir.join("regressions")))
        })
        .map(|p| p.metadata().unwrap().len())
        .sum();
    assert!(total <= MAX_CORPUS_BYTES, "the committed corpus is {total} bytes: minimise it with `cargo fuzz cmin`");
}
