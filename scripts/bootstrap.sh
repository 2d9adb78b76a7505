#!/usr/bin/env bash
# Installs what `npm start` / `npm test` need on a fresh clone: npm dependencies, then system tools.
# Usage: bash scripts/bootstrap.sh <start|test>
set -euo pipefail
cd "$(dirname "$0")/.."
purpose="${1:-test}"

# Debian packages each purpose needs, as "<command>:<package>".
tools_test=(chromium:chromium promtool:prometheus prometheus:prometheus git:git qemu-aarch64-static:qemu-user-static aarch64-linux-gnu-strip:binutils-aarch64-linux-gnu rabbitmq-server:rabbitmq-server)
tools_start=(prometheus:prometheus aarch64-linux-gnu-strip:binutils-aarch64-linux-gnu)

if [ "$purpose" = start ]; then tools=("${tools_start[@]}"); else tools=("${tools_test[@]}"); fi

missing=()
for entry in "${tools[@]}"; do
  cmd="${entry%%:*}"; pkg="${entry##*:}"
  command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
done
# Cross-architecture support for running the arm64 backend binary in tests.
if [ "$purpose" = test ]; then
  [ -e /usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1 ] || missing+=(libc6-arm64-cross)
  [ -e /usr/aarch64-linux-gnu/lib/libstdc++.so.6 ] || missing+=(libstdc++6-arm64-cross)
fi

if [ "${#missing[@]}" -gt 0 ]; then
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  install_cmd="apt-get install -y --no-install-recommends ${missing[*]}"
  if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" = 0 ] || command -v sudo >/dev/null 2>&1; }; then
    sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
    echo "bootstrap: installing ${missing[*]}" >&2
    $sudo_cmd apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo_cmd $install_cmd -qq >/dev/null
  else
    echo "bootstrap: missing system packages: ${missing[*]}" >&2
    echo "bootstrap: install them with: sudo $install_cmd" >&2
    exit 1
  fi
fi

command -v go >/dev/null 2>&1 || { echo "bootstrap: Go >= 1.21 is required (https://go.dev/dl/); Debian: apt-get install golang-go" >&2; exit 1; }
command -v python3 >/dev/null 2>&1 || { echo "bootstrap: python3 is required (the Python runtime runs the Python functions): apt-get install python3" >&2; exit 1; }

# npm dependencies: install when missing or when the lockfile changed since the last install.
stamp=node_modules/.bootstrap-lock-hash
want=$(sha1sum package-lock.json 2>/dev/null | cut -d' ' -f1 || echo none)
if [ ! -d node_modules ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "bootstrap: installing npm dependencies" >&2
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund >&2; else npm install --no-audit --no-fund >&2; fi
  echo "$want" > "$stamp"
fi

# The real control plane (npm start and the Kubernetes suites run it): built once from the Go module proxy, and
# the upstream CRDs, cached outside the repository (local/control-plane/README.md), so neither a test timeout nor
# `npm start` waits for a first build.
# (assignments, not echo arguments: a failed build or fetch stops the bootstrap under set -e)
cp_bin=$(bash local/control-plane/build.sh); echo "bootstrap: kube-apiserver + etcd + kubectl in ${cp_bin}" >&2
crd_dirs=$(bash local/control-plane/fetch-crds.sh); echo "bootstrap: upstream CRDs in ${crd_dirs//$'\n'/ }" >&2
