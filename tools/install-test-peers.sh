#!/usr/bin/env bash
# Installs the real peers NEO's tests and benchmarks run against, from Debian's packages: Redis, Prometheus
# 2.42 (prometheus, promtool), blackbox_exporter 0.23. Idempotent; serialised with a lock so parallel test
# suites that call it never race on dpkg. Needs root (CI and the dev machines run as root).
set -euo pipefail

packages=()
command -v redis-server >/dev/null 2>&1 || packages+=(redis-server)
command -v prometheus >/dev/null 2>&1 || packages+=(prometheus)
command -v promtool >/dev/null 2>&1 || packages+=(prometheus)
command -v prometheus-blackbox-exporter >/dev/null 2>&1 || packages+=(prometheus-blackbox-exporter)
command -v openssl >/dev/null 2>&1 || packages+=(openssl)
command -v curl >/dev/null 2>&1 || packages+=(curl)
[ ${#packages[@]} -eq 0 ] && exit 0

exec 9>/tmp/neo-install-test-peers.lock
flock 9
export DEBIAN_FRONTEND=noninteractive
# Re-check under the lock: another suite may have installed them meanwhile.
missing=()
for p in $(printf '%s\n' "${packages[@]}" | sort -u); do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing test peers: ${missing[*]}" >&2
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
