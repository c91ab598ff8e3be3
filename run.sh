#!/usr/bin/env bash
# Installs what is missing, builds, and starts Redis, PostgreSQL, RabbitMQ and the four services.
set -euo pipefail
cd "$(dirname "$0")"

./scripts/ensure-deps.sh
dotnet build AppHost -c Release -nologo -v quiet
exec dotnet AppHost/bin/Release/net10.0/AppHost.dll "$@"
