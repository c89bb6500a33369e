#!/usr/bin/env bash
# Starts Prometheus 2.42 (Debian package) on loopback for differential tests and benchmarks.
# Usage: start.sh <port> <workdir>   (prints nothing; writes <workdir>/prometheus.pid)
#        start.sh stop <workdir>
set -euo pipefail
if [ "${1:-}" = "stop" ]; then
  dir="$2"
  if [ -f "$dir/prometheus.pid" ]; then
    kill "$(cat "$dir/prometheus.pid")" 2>/dev/null || true
    rm -f "$dir/prometheus.pid"
  fi
  exit 0
fi
port="${1:-19090}"
dir="${2:-$(mktemp -d)}"
if ! command -v prometheus >/dev/null 2>&1; then
  # Only the Debian package is used: its version (2.42) is what the engine is compared against.
  if ! apt-cache policy prometheus | grep -q 'Candidate: 2\.42'; then
    apt-get update -qq
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
fi
mkdir -p "$dir/data"
cat >"$dir/prometheus.yml" <<YAML
global:
  scrape_interval: 1m
  evaluation_interval: 1m
YAML
prometheus --config.file="$dir/prometheus.yml" --storage.tsdb.path="$dir/data" \
  --web.listen-address="127.0.0.1:$port" --web.enable-remote-write-receiver \
  --storage.tsdb.retention.time=100y --log.level=warn >"$dir/prometheus.log" 2>&1 &
echo $! >"$dir/prometheus.pid"
for _ in $(seq 1 100); do
  if curl -sf "http://127.0.0.1:$port/-/ready" >/dev/null 2>&1; then
    exit 0
  fi
  sleep 0.2
done
echo "prometheus did not become ready; log:" >&2
cat "$dir/prometheus.log" >&2
exit 1
