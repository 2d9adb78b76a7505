#!/usr/bin/env bash
# Builds (or finds) the real kube-apiserver, etcd and kubectl binaries used by the local control plane.
# Prints the directory holding them on stdout (the only stdout line); progress goes to stderr, one line per
# phase with the seconds elapsed since the build started.
#
#   KUBEBUILDER_ASSETS=dir   use kube-apiserver + etcd (+ kubectl if there) from dir; build nothing
#   KNATIVE_LAMBDA_CACHE=dir cache root (default: $HOME/.cache/knative-lambda)
#   K8S_VERSION / ETCD_VERSION override the pinned releases
set -euo pipefail

K8S_VERSION="${K8S_VERSION:-v1.36.3}"
ETCD_VERSION="${ETCD_VERSION:-v3.6.16}"

start=$(date +%s)
log() { echo "[control-plane] +$(( $(date +%s) - start ))s $*" >&2; }

if [[ -n "${KUBEBUILDER_ASSETS:-}" && -x "${KUBEBUILDER_ASSETS}/kube-apiserver" && -x "${KUBEBUILDER_ASSETS}/etcd" ]]; then
  log "using KUBEBUILDER_ASSETS=${KUBEBUILDER_ASSETS}"
  echo "${KUBEBUILDER_ASSETS}"
  exit 0
fi

command -v go >/dev/null || { log "ERROR: go is required to build kube-apiserver, etcd and kubectl"; exit 1; }

CACHE_ROOT="${KNATIVE_LAMBDA_CACHE:-${HOME}/.cache/knative-lambda}"
# the recipe's hash is part of the key: a changed script (flags, versions) never reuses stale binaries
RECIPE=$(sha256sum "${BASH_SOURCE[0]}" | cut -c1-8)
OUT="${CACHE_ROOT}/control-plane/k8s-${K8S_VERSION}-etcd-${ETCD_VERSION}-${RECIPE}"
BIN="${OUT}/bin"
built() { [[ -x "${BIN}/kube-apiserver" && -x "${BIN}/etcd" && -x "${BIN}/kubectl" ]]; }
if built; then
  echo "${BIN}"
  exit 0
fi

mkdir -p "${BIN}"
exec 9>"${OUT}/.build.lock"
log "building into ${OUT} (first time: several minutes; waiting for another build if one runs)"
flock 9
# another process may have finished the build while we waited for the lock
if built; then echo "${BIN}"; exit 0; fi

export GOFLAGS=-trimpath GOTOOLCHAIN="${GOTOOLCHAIN:-local}" CGO_ENABLED=0
LDFLAGS="-s -w"

# --- kube-apiserver and kubectl ------------------------------------------------------------------
# k8s.io/kubernetes requires every staging module at v0.0.0 and replaces it with ./staging/...; the
# replaces of a dependency are ignored, so pin each of them to the published v0.<minor>.<patch>.
K8S_MOD="${OUT}/src/kube-apiserver"
rm -rf "${K8S_MOD}" && mkdir -p "${K8S_MOD}"
cd "${K8S_MOD}"
STAGING_VERSION="v0.${K8S_VERSION#v1.}"
KMOD_FILE=$(go mod download -json "k8s.io/kubernetes@${K8S_VERSION}" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",\{0,1\}$/\1/p')
[[ -f "${KMOD_FILE}" ]] || { log "ERROR: could not download k8s.io/kubernetes@${K8S_VERSION}"; exit 1; }
go mod init knative-lambda.local/control-plane/kube-apiserver >/dev/null 2>&1
# requirements look like "\tk8s.io/api v0.0.0" (inside a require block) or "require k8s.io/api v0.0.0"
grep -E '^[[:space:]]*(require[[:space:]]+)?k8s\.io/[^[:space:]]+[[:space:]]+v0\.0\.0([[:space:]]|$)' "${KMOD_FILE}" \
  | sed -E 's/^[[:space:]]*(require[[:space:]]+)?//' | awk '{print $1}' | sort -u \
  | while read -r mod; do go mod edit -replace "${mod}=${mod}@${STAGING_VERSION}"; done
log "kube-apiserver ${K8S_VERSION}: $(grep -c '=>' go.mod) staging replaces at ${STAGING_VERSION}"
log "downloading k8s.io/kubernetes ${K8S_VERSION} and its dependencies"
go get "k8s.io/kubernetes/cmd/kube-apiserver@${K8S_VERSION}" "k8s.io/kubernetes/cmd/kubectl@${K8S_VERSION}" >&2
log "building kube-apiserver (takes several minutes the first time)"
# version stamps as Kubernetes' own build sets them, so /version reports the real release
K8S_MINOR=$(echo "${K8S_VERSION}" | cut -d. -f2)
VERSION_LDFLAGS=""
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  VERSION_LDFLAGS+=" -X ${pkg}.gitVersion=${K8S_VERSION} -X ${pkg}.gitMajor=1 -X ${pkg}.gitMinor=${K8S_MINOR}"
  VERSION_LDFLAGS+=" -X ${pkg}.gitTreeState=clean -X ${pkg}.buildDate=1970-01-01T00:00:00Z"
done
go build -ldflags="${LDFLAGS}${VERSION_LDFLAGS}" -o "${BIN}/kube-apiserver.tmp" k8s.io/kubernetes/cmd/kube-apiserver
mv "${BIN}/kube-apiserver.tmp" "${BIN}/kube-apiserver"
# kubectl of the server's own release: the one on PATH may be more than one minor away (version skew policy)
log "building kubectl ${K8S_VERSION}"
go build -ldflags="${LDFLAGS}${VERSION_LDFLAGS}" -o "${BIN}/kubectl.tmp" k8s.io/kubernetes/cmd/kubectl
mv "${BIN}/kubectl.tmp" "${BIN}/kubectl"

# --- etcd ---------------------------------------------------------------------------------------
# The etcd server module's main package is the etcd binary; its released go.mod pins its sibling modules.
ETCD_MOD="${OUT}/src/etcd"
rm -rf "${ETCD_MOD}" && mkdir -p "${ETCD_MOD}"
cd "${ETCD_MOD}"
go mod init knative-lambda.local/control-plane/etcd >/dev/null 2>&1
log "downloading etcd ${ETCD_VERSION}"
go get "go.etcd.io/etcd/server/v3@${ETCD_VERSION}" >&2
log "building etcd ${ETCD_VERSION}"
go build -ldflags="${LDFLAGS}" -o "${BIN}/etcd.tmp" go.etcd.io/etcd/server/v3
mv "${BIN}/etcd.tmp" "${BIN}/etcd"

log "built kube-apiserver, etcd and kubectl into ${BIN}"
echo "${BIN}"
