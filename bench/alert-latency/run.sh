#!/usr/bin/env bash
# Builds Services.Monitoring, Services.Alerts and the bench, then measures fault -> AlertRaised -> email/Slack latency.
# Arguments pass through, e.g.: bench/alert-latency/run.sh --runs 5 --interval 00:00:10 --time-limit-s 900
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dotnet build "$root/Services.Monitoring" -c Release -v q -nologo
dotnet build "$root/Services.Alerts" -c Release -v q -nologo
dotnet build "$root/bench/alert-latency" -c Release -v q -nologo
exec dotnet "$root/bench/alert-latency/bin/Release/net10.0/AlertLatency.dll" "$@"
