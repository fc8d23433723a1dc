#!/usr/bin/env bash
# The host's request throughput with a trivial plugin (hello's Ping) against the null server
# of ../shared/bench (the HTTP-on-loopback ceiling of this machine), median of alternating
# runs, plus start-up time to the first health answer and idle RSS (../shared/bench/probe.py).
#
#   bench/host_throughput.sh [seconds=10] [connections=64] [runs=3]
#
# Both servers run one thread (FLOCI_THREADS=1 / --threads 1): on 2 cores wrk needs the other.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="$root/../shared/bench"
seconds="${1:-10}" connections="${2:-64}" runs="${3:-3}"
null_build=/tmp/bench-null-server

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
cmake --preset release >/dev/null && cmake --build --preset release >/dev/null
if [ ! -x "$null_build/null_server" ]; then
    cmake -S "$shared/null_server" -B "$null_build" -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$null_build" -j2 >/dev/null
fi
floci="$root/build-release/floci"
plugins="$root/build-release/test-plugins"

wait_port() { for _ in $(seq 200); do curl -s -o /dev/null "http://127.0.0.1:$1/" && return; sleep 0.02; done; }

measure() {  # name port command...
    local name="$1" port="$2"; shift 2
    "$@" >/dev/null 2>&1 & local pid=$!
    wait_port "$port"
    wrk -t1 -c"$connections" -d"${seconds}s" -s "$root/bench/ping.lua" "http://127.0.0.1:$port" |
        grep '^RESULT' | sed "s/^RESULT/$name/"
    kill "$pid"; wait "$pid" 2>/dev/null || true
}

results=$(mktemp)
for i in $(seq "$runs"); do
    measure null 4567 "$null_build/null_server" --port 4567 --threads 1 | tee -a "$results"
    measure floci 4568 env FLOCI_PORT=4568 FLOCI_THREADS=1 FLOCI_LOG_LEVEL=warn \
        FLOCI_PLUGIN_DIR="$plugins" "$floci" | tee -a "$results"
done
python3 - "$results" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name = line.split()[0]
    rows.setdefault(name, []).append(float(re.search(r"rps=(\d+)", line).group(1)))
null, floci = statistics.median(rows["null"]), statistics.median(rows["floci"])
print(f"median rps: null {null:.0f}, floci {floci:.0f}, ratio {floci / null:.2f}")
PY
rm -f "$results"

echo "start-up and idle memory (every plugin built into build-release/plugins loaded):"
python3 "$shared/probe.py" --port 4569 --items 0 --path /_floci/health --name floci -- \
    env FLOCI_PORT=4569 FLOCI_LOG_LEVEL=warn "$floci"
