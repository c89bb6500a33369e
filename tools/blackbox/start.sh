#!/usr/bin/env bash
# Starts prometheus-blackbox-exporter 0.23 (Debian package) on 127.0.0.1:<port> with tools/blackbox/blackbox.yml,
# installing the package if it is missing. Prints the PID on stdout once /metrics answers; exits non-zero with a
# reason otherwise. Usage: tools/blackbox/start.sh <port> [log-file]
set -euo pipefail
port="${1:?usage: start.sh <port> [log-file]}"
log="${2:-/dev/null}"
here="$(cd "$(dirname "$0")" && pwd)"
bin="$(command -v prometheus-blackbox-exporter || true)"
if [ -z "$bin" ]; then
  echo "installing prometheus-blackbox-exporter" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus-blackbox-exporter >&2 \
    || { echo "could not install prometheus-blackbox-exporter" >&2; exit 2; }
  bin="$(command -v prometheus-blackbox-exporter)"
fi
"$bin" --config.file="$here/blackbox.yml" --web.listen-address="127.0.0.1:$port" >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  if curl -fsS "http://127.0.0.1:$port/metrics" >/dev/null 2>&1; then
    echo "$pid"
    exit 0
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "blackbox_exporter exited at start-up (see $log)" >&2
    exit 3
  fi
  sleep 0.1
done
kill "$pid" 2>/dev/null || true
echo "blackbox_exporter did not answer on 127.0.0.1:$port within 10s" >&2
exit 4
