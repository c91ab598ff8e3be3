#!/usr/bin/env bash
# Rate-limit checks per second: Kiln's RedisRateLimiter (C#, StackExchange.Redis) against redis-benchmark
# sending the same EVALSHA (same script, keys and args), both on a private redis-server on a loopback port.
# Usage: bench/ratelimit/run.sh [callers=50] [count=200000]. Writes bench/results/ratelimit-<UTC time>.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
CALLERS="${1:-50}"
COUNT="${2:-200000}"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
OUT="bench/results/ratelimit-$(date -u +%Y%m%dT%H%M%SZ).md"
BENCH=(dotnet bench/ratelimit/bin/Release/net10.0/RateLimitBench.dll)

dotnet build bench/ratelimit -c Release -v q -nologo >/dev/null
redis-server --port "$PORT" --bind 127.0.0.1 --save '' --appendonly no >/dev/null &
REDIS_PID=$!
trap 'kill "$REDIS_PID" 2>/dev/null || true' EXIT
for _ in $(seq 100); do redis-cli -p "$PORT" ping >/dev/null 2>&1 && break; sleep 0.05; done

SHA="$(redis-cli -p "$PORT" SCRIPT LOAD "$("${BENCH[@]}" --print-script)")"
read -r -a EVAL_ARGS <<< "$("${BENCH[@]}" --print-args)"

LOAD_BEFORE="$(cut -d" " -f1-3 /proc/loadavg)"
CSHARP="$("${BENCH[@]}" --redis "127.0.0.1:$PORT" --callers "$CALLERS" --count "$COUNT" --seconds 60)"
CSHARP_RATE="$(sed -E 's/.*rate=([0-9]+).*/\1/' <<< "$CSHARP")"
redis-cli -p "$PORT" FLUSHALL >/dev/null
NATIVE_CSV="$(redis-benchmark -p "$PORT" -c "$CALLERS" -n "$COUNT" --csv EVALSHA "$SHA" "${EVAL_ARGS[@]}" | tail -1)"
NATIVE_RATE="$(awk -F'","' '{print $2}' <<< "$NATIVE_CSV" | cut -d. -f1)"
RATIO="$(python3 -c "print(f'{$CSHARP_RATE / $NATIVE_RATE:.2f}')")"

mkdir -p bench/results
cat > "$OUT" <<MD
# Rate-limit check throughput ($(date -u +%Y-%m-%dT%H:%MZ))

One check = one EVALSHA of Services.Api/RateLimiting/GcraScript.cs over three limits (global, address, key) plus the
block and refusal keys, every call admitted (limits set out of reach), on a private redis-server $(redis-server --version | awk '{print $3}')
on 127.0.0.1:$PORT. $CALLERS concurrent callers, $COUNT checks. Machine: $(nproc) cores shared with other work, so
numbers are noisy (load average before the run: $LOAD_BEFORE); redis-benchmark and the C# client both run on the
same cores as Redis. StackExchange.Redis pipelines all callers over one connection; redis-benchmark sends one command at
a time on each of its connections (-P 1), so the two are not the same client shape.

| client | checks/s |
|---|---|
| Kiln RedisRateLimiter (C#, StackExchange.Redis, $CALLERS async callers) | $CSHARP_RATE |
| redis-benchmark, same EVALSHA, $CALLERS connections | $NATIVE_RATE |
| ratio C# / redis-benchmark | $RATIO |

Raw: \`$CSHARP\`; redis-benchmark CSV: \`$NATIVE_CSV\`
MD
cat "$OUT"
