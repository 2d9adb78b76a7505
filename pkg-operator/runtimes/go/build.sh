#!/bin/sh
# Builds a function binary from the wrapper in this directory and the user's Go package.
# Usage: build.sh <function-source-dir> <handler: exported Go function name> <output-binary>
# The user's code is one Go package using only the standard library; its go.mod, if any, must have no requirements.
set -eu
[ "$#" -eq 3 ] || { echo "usage: build.sh <function-source-dir> <handler> <output-binary>" >&2; exit 2; }
src=$1 handler=$2 out=$3
case "$handler" in
  [A-Z]*) ;;
  *) echo "build.sh: handler '$handler' must be an exported Go function name (upper-case first letter)" >&2; exit 2 ;;
esac
case "$handler" in
  *[!A-Za-z0-9_]*) echo "build.sh: handler '$handler' may contain only letters, digits and _" >&2; exit 2 ;;
esac
if [ -f "$src/go.mod" ] && grep -q '^require' "$src/go.mod"; then
  echo "build.sh: $src/go.mod has requirements; Go functions may use only the standard library" >&2; exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$(dirname "$out")"
out=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/go.mod" "$work/"
for file in "$here"/*.go; do case "$file" in *_test.go) ;; *) cp "$file" "$work/" ;; esac; done
mkdir -p "$work/function" "$work/cmd/lambda"
cp -R "$src"/. "$work/function/"
rm -f "$work/function/go.mod" "$work/function/go.sum"
sed "s/HANDLER_NAME/$handler/g" "$here/main.go.tmpl" > "$work/cmd/lambda/main.go"
cd "$work" && CGO_ENABLED=0 go build -trimpath -o "$out" ./cmd/lambda
