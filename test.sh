#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite against real Redis, PostgreSQL and RabbitMQ.
# Arguments go to dotnet test (e.g. --filter FullyQualifiedName~EndToEnd).
set -euo pipefail
cd "$(dirname "$0")"
started=$(date +%s)

./scripts/ensure-deps.sh
dotnet build Kiln.slnx -c Release -nologo -v quiet
built=$(date +%s)

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
status=0
dotnet test Kiln.slnx -c Release --no-build -nologo --logger "console;verbosity=normal" \
  --logger trx --results-directory "$results" "$@" || status=$?

# Test assemblies run in parallel, so their console output interleaves: the summary comes from the TRX files.
echo
echo "== test summary =="
count() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
for trx in "$results"/*.trx; do
  [[ -e $trx ]] || { echo "  no test results"; break; }
  assembly=$(grep -o -m1 'codeBase="[^"]*"' "$trx" | sed 's/.*\///; s/"$//' || true)
  counters=$(grep -o '<Counters [^>]*>' "$trx" || true)
  [[ $(count total) -gt 0 ]] || continue  # an assembly the filter left nothing to run in
  times=$(grep -o '<Times [^>]*>' "$trx" || true)
  start=$(sed -n 's/.* start="\([^"]*\)".*/\1/p' <<<"$times"); finish=$(sed -n 's/.* finish="\([^"]*\)".*/\1/p' <<<"$times")
  seconds=$(( $(date -d "$finish" +%s) - $(date -d "$start" +%s) ))
  printf '  %-32s %4s passed %3s failed %3s skipped  %4ss\n' "${assembly:-?}" "$(count passed)" "$(count failed)" "$(( $(count total) - $(count passed) - $(count failed) ))" "$seconds"
  grep -o '<UnitTestResult [^>]*outcome="Failed"[^>]*>' "$trx" | sed -n 's/.*testName="\([^"]*\)".*/    FAILED: \1/p' || true
done
finished=$(date +%s)
echo "Test suite finished in $((finished - built)) s ($((finished - started)) s with the build): $([[ $status -eq 0 ]] && echo passed || echo "FAILED (exit code $status)")."
exit "$status"
