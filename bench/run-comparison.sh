#!/usr/bin/env bash
# Kiln's engine against llama.cpp's own tools on the same GGUF and thread count, in one run.
#   bench/run-comparison.sh MODEL [MODEL...]
# MODEL is a .gguf path, or one of the generated models: realistic-f16, realistic-q8_0 (written once to the cache).
# Env: THREADS (2), PROMPT (512), GEN (128), STREAMS ("1 2 4 8"), REPS (3), ROUNDS (3), PORT (18431), CTX_PER_SLOT (1024),
#      KILN_BENCH_CACHE (~/.cache/kiln-bench), KILN_NATIVE_ROOT (optional: run Kiln on other llama.cpp libraries).
# Writes bench/results/<date>-<model>.md. Every loop is bounded in count and time; the server listens on 127.0.0.1.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
threads="${THREADS:-2}"; prompt="${PROMPT:-512}"; gen="${GEN:-128}"; streams="${STREAMS:-1 2 4 8}"
reps="${REPS:-3}"; rounds="${ROUNDS:-3}"; port="${PORT:-18431}"; ctx="${CTX_PER_SLOT:-1024}"
cache="${KILN_BENCH_CACHE:-$HOME/.cache/kiln-bench}"
mkdir -p "$cache/models" "$here/results"

echo "== reference build" >&2
bin="$("$here/build-reference.sh" | tail -1)"
echo "== Kiln.Bench build" >&2
dotnet build "$here/Kiln.Bench" -c Release -v q -nologo >&2
kiln="$here/Kiln.Bench/bin/Release/net10.0/Kiln.Bench"

server_pid=""
cleanup() { if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi; }
trap cleanup EXIT
# Commands are recorded once, in round 1; later rounds repeat them.
log() { [ "$round" = 1 ] && echo "$*" >> "$cmds"; return 0; }

for spec in "$@"; do
  case "$spec" in
    realistic-f16)  model="$cache/models/realistic-f16.gguf";  "$kiln" generate --shape realistic --type f16  --out "$model" >/dev/null ;;
    realistic-q8_0) model="$cache/models/realistic-q8_0.gguf"; "$kiln" generate --shape realistic --type q8_0 --out "$model" >/dev/null ;;
    *) model="$spec" ;;
  esac
  name="$(basename "$model" .gguf)"
  work="$(mktemp -d)"
  cmds="$work/commands.txt"
  # Rounds alternate reference and Kiln, so drift of a shared machine over minutes hits both sides alike.
  for round in $(seq 1 "$rounds"); do
    dir="$work/round-$round"; mkdir -p "$dir"
    echo "== $name round $round/$rounds: llama-bench" >&2
    cmd=("$bin/llama-bench" -m "$model" -p "$prompt" -n "$gen" -t "$threads" -r 5 -o json)
    log "${cmd[*]}"
    timeout 600 "${cmd[@]}" > "$dir/llama-bench.json" 2> "$dir/llama-bench.log"

    for n in $streams; do
      echo "== $name round $round/$rounds: llama-server -np $n" >&2
      cmd=("$bin/llama-server" -m "$model" -np "$n" -c "$((n * ctx))" -t "$threads" -tb "$threads" --host 127.0.0.1 --port "$port" --no-webui)
      log "${cmd[*]}"
      "${cmd[@]}" > "$dir/server-$n.log" 2>&1 &
      server_pid=$!
      for _ in $(seq 1 120); do
        curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
        kill -0 "$server_pid" 2>/dev/null || { echo "llama-server exited; see $dir/server-$n.log" >&2; exit 1; }
        sleep 0.5
      done
      cmd=(python3 "$here/llama-server-load.py" --port "$port" --streams "$n" --n-predict "$gen" --reps "$reps" --warmup 1 --timeout 120 --time-limit 300 --ignore-eos)
      log "${cmd[*]}"
      timeout 400 "${cmd[@]}" > "$dir/server-load-$n.json" || echo "load for -np $n failed" >&2
      kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
    done

    echo "== $name round $round/$rounds: Kiln.Bench" >&2
    cmd=("$kiln" run --model "$model" --threads "$threads" --prompt-tokens "$prompt" --gen-tokens "$gen"
         --streams "$(echo $streams | tr ' ' ',')" --reps "$reps" --warmup 1 --ctx "$ctx" --time-limit-s 600 --json "$dir/kiln.json")
    [ -n "${KILN_NATIVE_ROOT:-}" ] && cmd+=(--native-root "$KILN_NATIVE_ROOT")
    log "${cmd[*]}"
    timeout 900 "${cmd[@]}" > /dev/null
  done

  out="$here/results/$(date -u +%Y-%m-%d)-$name${KILN_RESULT_SUFFIX:-}.md"
  python3 "$here/summarize.py" "$work" "$model" "$threads" "$streams" "${KILN_NATIVE_ROOT:-}" > "$out.tmp"
  mv "$out.tmp" "$out"
  echo "$out"
  cat "$out" >&2
  rm -rf "$work"
done
