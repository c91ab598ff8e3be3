#!/usr/bin/env bash
# Installs what Kiln needs on Debian 12 when it is missing; a machine that has everything returns at once.
set -euo pipefail

need_apt=()
command -v redis-server >/dev/null 2>&1 || need_apt+=(redis-server)
# /usr/sbin is not on a normal user's PATH; the real script lives in /usr/lib/rabbitmq/bin
command -v rabbitmq-server >/dev/null 2>&1 || [[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ]] || need_apt+=(rabbitmq-server)
if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then need_apt+=(postgresql); fi
command -v npm >/dev/null 2>&1 || need_apt+=(nodejs npm)
command -v g++ >/dev/null 2>&1 || need_apt+=(g++)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)

if ((${#need_apt[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "Missing: ${need_apt[*]}. Run as root, or: sudo apt-get install -y ${need_apt[*]}" >&2
    exit 1
  fi
  echo "Installing ${need_apt[*]} ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  # Debian's postinst would start system-wide servers where systemd runs; Kiln starts its own on other ports.
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  apt-get install -y -q --no-install-recommends "${need_apt[@]}"
  rm -f /usr/sbin/policy-rc.d
fi

command -v dotnet >/dev/null 2>&1 || { echo "The .NET 10 SDK is required: https://dot.net" >&2; exit 1; }
