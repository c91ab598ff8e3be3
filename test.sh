#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite against real Redis, PostgreSQL and RabbitMQ.
set -euo pipefail
cd "$(dirname "$0")"
started=$(date +%s)

./scripts/ensure-deps.sh
dotnet build Kiln.slnx -c Release -nologo -v quiet
dotnet test Kiln.slnx -c Release --no-build -nologo --logger "console;verbosity=normal" "$@"

echo "Test suite finished in $(( $(date +%s) - started )) s (build included)."
