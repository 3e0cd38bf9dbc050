//! `cargo fuzz run import`: the body is in ../bodies.rs, which core/tests/fuzz_corpus.rs replays.
#![no_main]

#[path = "../bodies.rs"]
#[allow(dead_code)]
mod bodies;

libfuzzer_sys::fuzz_target!(|data: &[u8]| bodies::import(data));
