#!/usr/bin/env bash
# Installs what a target needs, only when it is missing, and says what it does.
set -euo pipefail

have() { command -v "$1" >/dev/null 2>&1; }
say() { printf '==> %s\n' "$*"; }

ensure_rust() {
  if ! have cargo; then
    echo "cargo is not installed: install Rust with rustup (https://rustup.rs) first" >&2
    exit 1
  fi
  say "rust: $(cargo --version) (already there)"
}

for what in "$@"; do
  case "$what" in
    rust) ensure_rust ;;
    *) echo "ensure-tools: unknown tool set '$what'" >&2; exit 2 ;;
  esac
done
