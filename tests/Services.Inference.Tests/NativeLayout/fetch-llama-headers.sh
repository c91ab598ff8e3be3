#!/usr/bin/env bash
# Extracts include/ and ggml/include/ of the llama.cpp release that node-llama-cpp pins (its llama/gitRelease.bundle)
# into a folder of the build, for the test that checks the binding's struct layouts against llama.h.
# Usage: fetch-llama-headers.sh <npm package@version> <destination folder>
set -euo pipefail

package="$1"
destination="$2"

if [ -f "$destination/.complete" ]; then
  exit 0
fi
for tool in npm git tar; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "Kiln: $tool is needed to fetch the llama.cpp headers from $package." >&2
    exit 1
  fi
done

parent="$(dirname "$destination")"
mkdir -p "$parent"
work="$(mktemp -d "$parent/.fetch.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "Kiln: fetching the llama.cpp headers of $package into $destination"
(cd "$work" && npm pack --silent --loglevel=error "$package" >/dev/null)
tar -xzf "$work"/*.tgz -C "$work" package/llama/gitRelease.bundle
git clone --quiet --no-checkout "$work/package/llama/gitRelease.bundle" "$work/source"
git -C "$work/source" -c advice.detachedHead=false checkout --quiet HEAD -- include ggml/include
mkdir -p "$work/headers/ggml"
mv "$work/source/include" "$work/headers/include"
mv "$work/source/ggml/include" "$work/headers/ggml/include"
touch "$work/headers/.complete"
mv -T "$work/headers" "$destination" 2>/dev/null || [ -f "$destination/.complete" ]
