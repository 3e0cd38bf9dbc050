# ecplay — build, serve and test. Every target installs what it lacks (and says so),
# and skips what is already there.

SHELL := /bin/bash
PORT ?= 8080
CARGO ?= cargo

.PHONY: help test test-rust lint bench build serve tools-rust

help:
	@echo "make serve   build everything and serve the playground on http://127.0.0.1:$(PORT)"
	@echo "make build   build the static site into dist/"
	@echo "make test    run every test"
	@echo "make bench   run the benchmarks"

tools-rust:
	@bash scripts/ensure-tools.sh rust

## Tests: core and cli unit/integration tests (including the conformance suite).
test: tools-rust test-rust

test-rust:
	@echo "==> cargo test (core, cli: unit, conformance, integration)"
	$(CARGO) test --workspace --locked

lint: tools-rust
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings

bench: tools-rust
	@echo "==> criterion: validation against a bare serde_json parse"
	$(CARGO) bench -p ecplay-core --bench validate --locked

build serve:
	@echo "The playground (web/) is not part of this tree yet: 'make $@' has nothing to build."; exit 1
