#!/usr/bin/env bash
# Restores the llama.cpp shared libraries of one pinned npm package into a folder of the build.
# Usage: restore-native.sh <npm package@version> <destination folder>
# Quick when already there; safe when two builds race (the second one's copy is dropped).
set -euo pipefail

package="$1"
destination="$2"

if [ -f "$destination/.complete" ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "Kiln: npm (Node.js 20+) is needed to restore $package, the llama.cpp libraries." >&2
  exit 1
fi

parent="$(dirname "$destination")"
mkdir -p "$parent"
work="$(mktemp -d "$parent/.restore.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "Kiln: restoring $package into $destination"
(cd "$work" && npm pack --silent --loglevel=error "$package" >/dev/null)
tar -xzf "$work"/*.tgz -C "$work"
mkdir -p "$work/libraries"
# llama-addon.node and libllama-common.so belong to node-llama-cpp itself; Kiln calls the C API directly.
find "$work/package/bins" -name '*.so' ! -name 'libllama-common.so' -exec cp {} "$work/libraries/" \;
if ! ls "$work/libraries"/libllama*.so >/dev/null 2>&1; then
  echo "Kiln: $package has no libllama*.so under bins/" >&2
  exit 1
fi
touch "$work/libraries/.complete"
mv -T "$work/libraries" "$destination" 2>/dev/null || [ -f "$destination/.complete" ]
