#!/usr/bin/env python3
"""Turns one model's rounds of run-comparison.sh into bench/results/*.md (written to stdout).

    summarize.py WORK MODEL THREADS "STREAMS" [KILN_NATIVE_ROOT]

WORK holds round-1/, round-2/, ... each with llama-bench.json, server-load-N.json and kiln.json. Each side's figure
is the median over rounds of that round's own figure; the ratio is Kiln's median over llama.cpp's, and the
per-round ratios show how much a shared machine moved between measurements.
"""
import datetime, glob, json, os, platform, statistics, subprocess, sys

work, model, threads = sys.argv[1], sys.argv[2], int(sys.argv[3])
streams = [int(s) for s in sys.argv[4].split()]
native_root = sys.argv[5] if len(sys.argv) > 5 else ""


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


rounds = []
for folder in sorted(glob.glob(f"{work}/round-*"), key=lambda p: int(p.rsplit("-", 1)[1])):
    bench = load(f"{folder}/llama-bench.json") or []
    rounds.append({
        "pp": next((r for r in bench if r["n_prompt"] > 0 and r["n_gen"] == 0), None),
        "tg": next((r for r in bench if r["n_gen"] > 0 and r["n_prompt"] == 0), None),
        "server": {n: load(f"{folder}/server-load-{n}.json") for n in streams},
        "kiln": load(f"{folder}/kiln.json"),
    })


def value(pick, r):
    try:
        return pick(r) or None
    except (KeyError, TypeError, StopIteration):
        return None


def series(pick):
    return [v for v in (value(pick, r) for r in rounds) if v]


def kiln_aggregate(r, n):
    return next(a for a in r["kiln"]["aggregate"] if a["streams"] == n)["tokens_per_second"]["median"]


rows = []


def row(metric, ref_pick, kiln_pick, target=None):
    ref, kiln = series(ref_pick), series(kiln_pick)
    if not ref or not kiln:
        rows.append(f"| {metric} | {'n/a' if not ref else f'{statistics.median(ref):,.1f}'} | "
                    f"{'n/a' if not kiln else f'{statistics.median(kiln):,.1f}'} | n/a | |")
        return
    ratio = statistics.median(kiln) / statistics.median(ref)
    pairs = [(value(kiln_pick, r), value(ref_pick, r)) for r in rounds]
    per_round = [round(k / f, 2) if k and f else None for k, f in pairs]
    mark = "" if target is None else (" ✅" if ratio >= target else " ❌")
    rows.append(f"| {metric} | {statistics.median(ref):,.1f} | {statistics.median(kiln):,.1f} | {ratio:.3f}{mark} | {per_round} |")


first = rounds[0]
row(f"prompt tok/s, 1 stream (llama-bench pp{first['pp']['n_prompt']} vs Kiln {first['kiln']['prompt_tokens']}-token prompt)",
    lambda r: r["pp"]["avg_ts"], lambda r: r["kiln"]["prompt_tokens_per_second"]["median"], 0.95)
row(f"generation tok/s, 1 stream (llama-bench tg{first['tg']['n_gen']} vs Kiln engine timing)",
    lambda r: r["tg"]["avg_ts"], lambda r: r["kiln"]["gen_tokens_per_second"]["median"], 0.95)
row("generation tok/s, 1 stream (llama-server -np 1 timings vs Kiln engine timing)",
    lambda r: r["server"][1]["predicted_per_second_median"], lambda r: r["kiln"]["gen_tokens_per_second"]["median"], 0.95)
for n in streams:
    row(f"aggregate generation tok/s, {n} concurrent stream{'s' if n > 1 else ''} (wall clock; llama-server -np {n})",
        lambda r, n=n: r["server"][n]["tokens_per_second_median"], lambda r, n=n: kiln_aggregate(r, n), 1.0 if n == 4 else None)

lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines()
cpu = next((line.split(":", 1)[1].strip() for line in lscpu if line.startswith("Model name")), platform.processor())
pp = first["pp"]
kiln_libraries = (f"the llama.cpp libraries in `{native_root}` (`--native-root`: the same build as the reference)" if native_root
                  else "the prebuilt libraries of @node-llama-cpp/linux-x64@3.22.1 (same release, built by node-llama-cpp)")
print(f"# Kiln vs llama.cpp: {os.path.basename(model)}\n")
print(f"- Date (UTC): {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M}; load average before: {os.getloadavg()[0]:.2f}")
print(f"- Machine: {cpu}, {os.cpu_count()} cores, {platform.platform()}; threads used: {threads} (both engines)")
print(f"- Model: `{model}` ({os.path.getsize(model) / 1e6:,.1f} MB); Kiln: {first['kiln']['engine']}")
print(f"- llama.cpp reference: commit {pp.get('build_commit', '?')}, built from node-llama-cpp@3.22.1's `llama/gitRelease.bundle` "
      f"with GGML_NATIVE=ON (bench/build-reference.sh); flash attention {pp.get('flash_attn', '?')}, KV {pp.get('type_k', '?')}")
print(f"- Kiln runs on {kiln_libraries}")
print(f"- {len(rounds)} rounds, each: llama-bench (5 reps, mean), llama-server -np N (1 warmup + {first['kiln']['reps']} rounds, median), "
      f"Kiln.Bench ({first['kiln']['warmup']} warmup + {first['kiln']['reps']} reps, median). The table gives each side's median over rounds.\n")
print("| metric | llama.cpp | Kiln | ratio Kiln/llama.cpp | ratio per round |\n|---|---:|---:|---:|---|")
print("\n".join(rows))
print("\nTargets: one stream ≥ 0.95 of llama.cpp (✅/❌ on those rows); 4 streams ≥ llama-server -np 4 (ratio ≥ 1.0). "
      "llama-server's aggregate includes HTTP/JSON on loopback; Kiln's is the engine in-process.\n")
print("## Per round\n")
for i, r in enumerate(rounds, 1):
    k = r["kiln"] or {}
    parts = [f"llama-bench pp {r['pp']['avg_ts']:.1f} ± {r['pp']['stddev_ts']:.1f}, tg {r['tg']['avg_ts']:.1f} ± {r['tg']['stddev_ts']:.1f}" if r["pp"] and r["tg"] else "llama-bench: missing"]
    if k:
        parts.append(f"Kiln pp runs {k['prompt_tokens_per_second']['runs']}, tg runs {k['gen_tokens_per_second']['runs']}")
    for n in streams:
        s = r["server"].get(n)
        if s:
            parts.append(f"-np {n}: {[round(x['tokens_per_second'], 1) for x in s['rounds']]}" + (f" errors {s['errors']}" if s["errors"] else ""))
        if k and any(a["streams"] == n for a in k["aggregate"]):
            a = next(a for a in k["aggregate"] if a["streams"] == n)
            parts.append(f"Kiln {n}: {a['tokens_per_second']['runs']} ({a['tokens_per_run']} tok)")
    if k and k.get("notes"):
        parts.append("Kiln notes: " + "; ".join(k["notes"]))
    print(f"- round {i}: " + "; ".join(parts))
print("\n## Exact commands (round 1; later rounds repeat them)\n\n```")
with open(f"{work}/commands.txt") as f:
    print(f.read().rstrip())
print("```")
