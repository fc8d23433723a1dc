#!/usr/bin/env bash
# DynamoDB workloads of ../shared/bench (wrk) against build-release/floci and the null server,
# side by side in the same window, so the ratios mean something on a noisy machine.
#
#   bench/dynamodb_vs_null.sh [seconds=10] [connections=64] [passes=2]
#   WORKLOADS="put get update" (default) chooses the workloads; FLOCI_STORAGE_MODE is passed on.
#
# Both servers run one thread (FLOCI_THREADS=1 / --threads 1): on 2 cores wrk needs the other.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="$root/../shared/bench"
seconds="${1:-10}" connections="${2:-64}" passes="${3:-2}"
export WORKLOADS="${WORKLOADS:-put get update}"
null_build=/tmp/bench-null-server

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
cmake --preset release >/dev/null && cmake --build --preset release >/dev/null
if [ ! -x "$null_build/null_server" ]; then
    cmake -S "$shared/null_server" -B "$null_build" -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$null_build" -j2 >/dev/null
fi

wait_port() { for _ in $(seq 200); do curl -s -o /dev/null "http://127.0.0.1:$1/" && return; sleep 0.02; done; }

results=$(mktemp)
for pass in $(seq "$passes"); do
    "$null_build/null_server" --port 4567 --threads 1 >/dev/null 2>&1 & pid=$!
    wait_port 4567
    SKIP_SETUP=1 RESULTS_FILE="$results" BENCH_LABEL=null "$shared/run.sh" \
        http://127.0.0.1:4567 "$seconds" "$connections" | sed "s/^/null  /"
    kill "$pid"; wait "$pid" 2>/dev/null || true

    data=$(mktemp -d)
    env FLOCI_PORT=4566 FLOCI_THREADS=1 FLOCI_LOG_LEVEL=warn FLOCI_STORAGE_PERSISTENT_PATH="$data" \
        "$root/build-release/floci" >/dev/null 2>&1 & pid=$!
    wait_port 4566
    SERVER_PID=$pid RESULTS_FILE="$results" BENCH_LABEL=floci "$shared/run.sh" \
        http://127.0.0.1:4566 "$seconds" "$connections" | sed "s/^/floci /"
    kill "$pid"; wait "$pid" 2>/dev/null || true
    rm -rf "$data"
done
python3 - "$results" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    fields = dict(re.findall(r"(\w+)=(\S+)", line))
    if "rps" in fields:
        rows.setdefault((line.split()[0], fields["workload"]), []).append(
            (float(fields["rps"]), float(fields["p99_ms"])))
for workload in sorted({w for _, w in rows}):
    null, floci = rows.get(("null", workload)), rows.get(("floci", workload))
    if not null or not floci:
        continue
    n = statistics.median(r for r, _ in null); f = statistics.median(r for r, _ in floci)
    np99 = statistics.median(p for _, p in null); fp99 = statistics.median(p for _, p in floci)
    print(f"{workload:7s} null {n:8.0f}/s p99 {np99:6.2f} ms   floci {f:8.0f}/s p99 {fp99:6.2f} ms"
          f"   ratio {f / n:.2f}   p99 ratio {fp99 / np99:.1f}")
PY
rm -f "$results"
