#!/usr/bin/env bash
# Fetches (or finds) the real upstream CRDs of the foreign kinds the operator writes, at pinned versions, from
# the Go module proxy, into the cache (never into the repository). Prints one directory per module on stdout
# (the only stdout lines); each holds the copied YAML files and source.json ({module, version, path, files}).
#
#   KNATIVE_LAMBDA_CACHE=dir           cache root (default: $HOME/.cache/knative-lambda)
#   KNATIVE_SERVING_VERSION / PROMETHEUS_OPERATOR_VERSION override the pinned releases
set -euo pipefail

KNATIVE_SERVING_VERSION="${KNATIVE_SERVING_VERSION:-v0.51.0}"
PROMETHEUS_OPERATOR_VERSION="${PROMETHEUS_OPERATOR_VERSION:-v0.85.0}"

start=$(date +%s)
log() { echo "[upstream-crds] +$(( $(date +%s) - start ))s $*" >&2; }

CACHE_ROOT="${KNATIVE_LAMBDA_CACHE:-${HOME}/.cache/knative-lambda}/crds"

# fetch <module> <version> <directory in the module> <file>...
fetch() {
  local module="$1" version="$2" subdir="$3"
  shift 3
  local out="${CACHE_ROOT}/${module//\//_}@${version}"
  if [[ -f "${out}/source.json" ]]; then
    echo "${out}"
    return
  fi
  command -v go >/dev/null || { log "ERROR: go is required to fetch ${module}@${version} from the Go module proxy"; exit 1; }
  log "fetching ${module}@${version} from the Go module proxy"
  local json dir
  # outside any module, with the machine's own toolchain; go prints the failure into the JSON's "Error"
  if ! json=$(cd / && GOTOOLCHAIN=local go mod download -json "${module}@${version}" 2>&1); then
    log "ERROR: go mod download ${module}@${version} failed: ${json}"
    exit 1
  fi
  dir=$(sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p' <<<"${json}")
  [[ -d "${dir}/${subdir}" ]] || { log "ERROR: ${module}@${version} has no ${subdir} (Dir=${dir})"; exit 1; }
  local tmp="${out}.tmp.$$"
  rm -rf "${tmp}" && mkdir -p "${tmp}"
  local f files=""
  for f in "$@"; do
    [[ -f "${dir}/${subdir}/${f}" ]] || { log "ERROR: ${module}@${version} has no ${subdir}/${f}"; rm -rf "${tmp}"; exit 1; }
    # Knative's release tooling replaces the "devel" version label with the release; do the same
    sed "s/^\(    app.kubernetes.io\/version:\) devel$/\1 ${version}/" "${dir}/${subdir}/${f}" > "${tmp}/${f}"
    files+="${files:+, }\"${f}\""
  done
  printf '{"module": "%s", "version": "%s", "path": "%s", "files": [%s]}\n' \
    "${module}" "${version}" "${subdir}" "${files}" > "${tmp}/source.json"
  mkdir -p "${CACHE_ROOT}"
  # another process may have fetched it meanwhile: keep the first complete copy
  mv -T "${tmp}" "${out}" 2>/dev/null || rm -rf "${tmp}"
  log "cached ${module}@${version} ($# files) in ${out}"
  echo "${out}"
}

fetch knative.dev/serving "${KNATIVE_SERVING_VERSION}" config/core/300-resources \
  service.yaml configuration.yaml revision.yaml route.yaml
fetch github.com/prometheus-operator/prometheus-operator "${PROMETHEUS_OPERATOR_VERSION}" example/prometheus-operator-crd \
  monitoring.coreos.com_servicemonitors.yaml monitoring.coreos.com_podmonitors.yaml monitoring.coreos.com_prometheusrules.yaml
