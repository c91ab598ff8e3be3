#!/usr/bin/env bash
# Builds llama.cpp's own reference tools (llama-bench, llama-server) from the same source release
# that Kiln's native libraries come from (node-llama-cpp@3.22.1 ships it as llama/gitRelease.bundle),
# into a folder OUTSIDE the repository. Idempotent: does nothing when the binaries are already there.
# Usage: bench/build-reference.sh            (prints the bin folder on its last line)
# Env:   KILN_BENCH_CACHE (default ~/.cache/kiln-bench), NODE_LLAMA_CPP_VERSION (default 3.22.1), JOBS (default nproc)
set -euo pipefail

version="${NODE_LLAMA_CPP_VERSION:-3.22.1}"
cache="${KILN_BENCH_CACHE:-$HOME/.cache/kiln-bench}"
src="$cache/llama.cpp-$version"
bin="$src/build/bin"
jobs="${JOBS:-$(nproc)}"

if [ -x "$bin/llama-bench" ] && [ -x "$bin/llama-server" ]; then
  echo "$bin"
  exit 0
fi

mkdir -p "$cache"
if [ ! -d "$src/.git" ]; then
  bundle="$cache/npm-$version/package/llama/gitRelease.bundle"
  if [ ! -f "$bundle" ]; then
    mkdir -p "$cache/npm-$version"
    (cd "$cache/npm-$version" && npm pack --silent --loglevel=error "node-llama-cpp@$version" >/dev/null && tar -xzf ./*.tgz)
  fi
  rm -rf "$src.tmp"
  git clone --quiet "$bundle" "$src.tmp"
  mv -T "$src.tmp" "$src"
fi

cmake -S "$src" -B "$src/build" -DGGML_NATIVE=ON -DLLAMA_CURL=OFF -DCMAKE_BUILD_TYPE=Release \
  -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF >&2
cmake --build "$src/build" -j"$jobs" --target llama-bench llama-server >&2
echo "$bin"
