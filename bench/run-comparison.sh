#!/usr/bin/env bash
# Kiln's engine against llama.cpp's own tools on the same GGUF and thread count, in one run.
#   bench/run-comparison.sh MODEL [MODEL...]
# MODEL is a .gguf path, or one of the generated models: realistic-f16, realistic-q8_0 (written once to the cache).
# Env: THREADS (2), PROMPT (512), GEN (128), STREAMS ("1 2 4 8"), REPS (3), PORT (18431), CTX_PER_SLOT (1024),
#      KILN_BENCH_CACHE (~/.cache/kiln-bench), KILN_NATIVE_ROOT (optional: run Kiln on other llama.cpp libraries).
# Writes bench/results/<date>-<model>.md. Every loop is bounded in count and time; the server listens on 127.0.0.1.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
threads="${THREADS:-2}"; prompt="${PROMPT:-512}"; gen="${GEN:-128}"; streams="${STREAMS:-1 2 4 8}"
reps="${REPS:-3}"; port="${PORT:-18431}"; ctx="${CTX_PER_SLOT:-1024}"
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

for spec in "$@"; do
  case "$spec" in
    realistic-f16)  model="$cache/models/realistic-f16.gguf";  "$kiln" generate --shape realistic --type f16  --out "$model" >/dev/null ;;
    realistic-q8_0) model="$cache/models/realistic-q8_0.gguf"; "$kiln" generate --shape realistic --type q8_0 --out "$model" >/dev/null ;;
    *) model="$spec" ;;
  esac
  name="$(basename "$model" .gguf)"
  work="$(mktemp -d)"
  cmds="$work/commands.txt"
  echo "== $name: llama-bench" >&2
  cmd=("$bin/llama-bench" -m "$model" -p "$prompt" -n "$gen" -t "$threads" -r 5 -o json)
  echo "${cmd[*]}" >> "$cmds"
  timeout 600 "${cmd[@]}" > "$work/llama-bench.json" 2> "$work/llama-bench.log"

  for n in $streams; do
    echo "== $name: llama-server -np $n" >&2
    cmd=("$bin/llama-server" -m "$model" -np "$n" -c "$((n * ctx))" -t "$threads" -tb "$threads" --host 127.0.0.1 --port "$port" --no-webui)
    echo "${cmd[*]}" >> "$cmds"
    "${cmd[@]}" > "$work/server-$n.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 120); do
      curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
      kill -0 "$server_pid" 2>/dev/null || { echo "llama-server exited; see $work/server-$n.log" >&2; exit 1; }
      sleep 0.5
    done
    cmd=(python3 "$here/llama-server-load.py" --port "$port" --streams "$n" --n-predict "$gen" --reps "$reps" --warmup 1 --timeout 120 --time-limit 300 --ignore-eos)
    echo "${cmd[*]}" >> "$cmds"
    timeout 400 "${cmd[@]}" > "$work/server-load-$n.json" || echo "load for -np $n failed" >&2
    kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
  done

  echo "== $name: Kiln.Bench" >&2
  cmd=("$kiln" run --model "$model" --threads "$threads" --prompt-tokens "$prompt" --gen-tokens "$gen"
       --streams "$(echo $streams | tr ' ' ',')" --reps "$reps" --warmup 1 --ctx "$ctx" --time-limit-s 600 --json "$work/kiln.json")
  [ -n "${KILN_NATIVE_ROOT:-}" ] && cmd+=(--native-root "$KILN_NATIVE_ROOT")
  echo "${cmd[*]}" >> "$cmds"
  timeout 900 "${cmd[@]}" > /dev/null

  out="$here/results/$(date -u +%Y-%m-%d)-$name${KILN_RESULT_SUFFIX:-}.md"
  python3 - "$work" "$model" "$threads" "$streams" "$bin" > "$out.tmp" <<'PY'
import json, os, platform, subprocess, sys, datetime
work, model, threads, streams, bindir = sys.argv[1], sys.argv[2], int(sys.argv[3]), [int(s) for s in sys.argv[4].split()], sys.argv[5]
cpu = next((l.split(":", 1)[1].strip() for l in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines() if l.startswith("Model name")), platform.processor())
cores = os.cpu_count()
lb = json.load(open(f"{work}/llama-bench.json"))
pp = next(r for r in lb if r["n_prompt"] > 0 and r["n_gen"] == 0)
tg = next(r for r in lb if r["n_gen"] > 0 and r["n_prompt"] == 0)
k = json.load(open(f"{work}/kiln.json"))
rows = []
def row(metric, ref, kiln, target=None):
    ratio = kiln / ref if ref and kiln else None
    ok = "" if target is None or ratio is None else (" ✅" if ratio >= target else " ❌")
    rows.append(f"| {metric} | {ref:,.1f} | {kiln:,.1f} | {ratio:.3f}{ok} |" if ratio else f"| {metric} | {ref or 'n/a'} | {kiln or 'n/a'} | n/a |")
row(f"prompt tok/s, 1 stream (llama-bench pp{pp['n_prompt']} vs Kiln {k['prompt_tokens']}-token prompt)", pp["avg_ts"], k["prompt_tokens_per_second"]["median"], 0.95)
row(f"generation tok/s, 1 stream (llama-bench tg{tg['n_gen']} vs Kiln engine timing)", tg["avg_ts"], k["gen_tokens_per_second"]["median"], 0.95)
server = {}
for n in streams:
    try: server[n] = json.load(open(f"{work}/server-load-{n}.json"))
    except Exception: server[n] = None
if server.get(1) and server[1]["predicted_per_second_median"]:
    row("generation tok/s, 1 stream (llama-server -np 1 timings vs Kiln engine timing)", server[1]["predicted_per_second_median"], k["gen_tokens_per_second"]["median"], 0.95)
kagg = {a["streams"]: a for a in k["aggregate"]}
for n in streams:
    ref = server[n]["tokens_per_second_median"] if server.get(n) else None
    kv = kagg[n]["tokens_per_second"]["median"] if n in kagg else None
    row(f"aggregate generation tok/s, {n} concurrent stream{'s' if n > 1 else ''} (wall clock, llama-server -np {n})", ref, kv, 1.0 if n == 4 else None)
print(f"# Kiln vs llama.cpp: {os.path.basename(model)}\n")
print(f"- Date (UTC): {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M}")
print(f"- Machine: {cpu}, {cores} cores, threads used: {threads} (both engines)")
print(f"- Model: `{model}` ({os.path.getsize(model)/1e6:,.1f} MB); Kiln: {k['engine']}")
print(f"- llama.cpp reference: {pp.get('build_commit','?')} (build {pp.get('build_number','?')}), {pp.get('cpu_info','')}, built from node-llama-cpp@3.22.1's bundle with GGML_NATIVE=ON; "
      f"flash attention {pp.get('flash_attn', pp.get('fa','?'))}, KV {pp.get('type_k','?')}; Kiln uses the prebuilt libraries of @node-llama-cpp/linux-x64@3.22.1 (same release)")
print(f"- Kiln: warmup {k['warmup']}, {k['reps']} timed reps, median; llama-bench: 5 reps, mean (avg_ts); llama-server load: 1 warmup round, {k['reps']} timed rounds, median\n")
print("| metric | llama.cpp | Kiln | ratio Kiln/llama.cpp |\n|---|---:|---:|---:|")
print("\n".join(rows))
print("\nTargets: one stream ≥ 0.95 of llama.cpp (✅/❌ on those rows); 4 streams ≥ llama-server -np 4 (ratio ≥ 1.0).\n")
print("## Details\n")
print(f"- llama-bench: pp {pp['avg_ts']:.1f} ± {pp['stddev_ts']:.1f}, tg {tg['avg_ts']:.1f} ± {tg['stddev_ts']:.1f} tok/s")
print(f"- Kiln prompt tok/s runs: {k['prompt_tokens_per_second']['runs']}; gen tok/s runs (engine timing): {k['gen_tokens_per_second']['runs']}; "
      f"gen tok/s wall incl. prompt & sampling: {k['gen_tokens_per_second_wall']['runs']} ({k['gen_completion_tokens']} tokens)")
for n in streams:
    s = server.get(n)
    if s: print(f"- llama-server -np {n}: rounds tok/s {[round(r['tokens_per_second'],1) for r in s['rounds']]}, tokens/round {[r['tokens'] for r in s['rounds']]}, per-request predicted_per_second median {s['predicted_per_second_median']:.1f}{', errors: ' + str(s['errors']) if s['errors'] else ''}")
    if n in kagg: print(f"- Kiln {n} streams: rounds tok/s {kagg[n]['tokens_per_second']['runs']}, tokens/round {kagg[n]['tokens_per_run']}")
if k["notes"]: print("- Kiln notes: " + "; ".join(k["notes"]))
print("\n## Exact commands\n\n```")
print(open(f"{work}/commands.txt").read().rstrip())
print("```")
PY
  mv "$out.tmp" "$out"
  echo "$out"
  cat "$out" >&2
  rm -rf "$work"
done
