#!/usr/bin/env python3
"""Bounded load for a llama-server on loopback: N concurrent /completion requests, warmup + fixed repetitions.

Prints JSON: aggregate generated tokens/s (sum of tokens_predicted / wall time of the round) per repetition and
its median, plus the server's own per-request predicted_per_second / prompt_per_second.
Every request has a timeout and the whole run a time limit; nothing leaves 127.0.0.1.
"""
import argparse, json, statistics, sys, threading, time, urllib.request

p = argparse.ArgumentParser()
p.add_argument("--port", type=int, required=True)
p.add_argument("--streams", type=int, required=True)
p.add_argument("--n-predict", type=int, default=128)
p.add_argument("--prompt", default="Once upon a time")
p.add_argument("--reps", type=int, default=3)
p.add_argument("--warmup", type=int, default=1)
p.add_argument("--timeout", type=float, default=120.0, help="per request, seconds")
p.add_argument("--time-limit", type=float, default=300.0, help="whole run, seconds")
p.add_argument("--ignore-eos", action="store_true")
a = p.parse_args()

url = f"http://127.0.0.1:{a.port}/completion"
body = json.dumps({"prompt": a.prompt, "n_predict": a.n_predict, "temperature": 0, "cache_prompt": False,
                   "ignore_eos": a.ignore_eos, "stream": False}).encode()


def one(results, i):
    try:
        req = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=a.timeout) as r:
            results[i] = json.load(r)
    except Exception as e:  # noqa: BLE001 - reported, not hidden
        results[i] = {"error": str(e)}


start = time.monotonic()
rounds, errors = [], []
for rep in range(a.warmup + a.reps):
    if time.monotonic() - start > a.time_limit:
        errors.append(f"time limit {a.time_limit}s reached after {rep} rounds")
        break
    results = [None] * a.streams
    threads = [threading.Thread(target=one, args=(results, i)) for i in range(a.streams)]
    t0 = time.monotonic()
    for t in threads: t.start()
    for t in threads: t.join(a.timeout + 5)
    wall = time.monotonic() - t0
    if rep < a.warmup:
        continue
    bad = [r for r in results if not r or "error" in r]
    if bad:
        errors.append(str(bad[0]))
        continue
    tokens = sum(r["tokens_predicted"] for r in results)
    rounds.append({"wall_s": wall, "tokens": tokens, "tokens_per_second": tokens / wall,
                   "predicted_per_second": [r["timings"]["predicted_per_second"] for r in results],
                   "prompt_per_second": [r["timings"]["prompt_per_second"] for r in results]})

out = {"streams": a.streams, "rounds": rounds, "errors": errors,
       "tokens_per_second_median": statistics.median([r["tokens_per_second"] for r in rounds]) if rounds else None,
       "predicted_per_second_median": statistics.median([x for r in rounds for x in r["predicted_per_second"]]) if rounds else None}
json.dump(out, sys.stdout, indent=1)
sys.exit(0 if rounds else 1)
