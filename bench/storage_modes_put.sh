#!/usr/bin/env bash
# PutItem requests/s of the DynamoDB plugin per storage mode (memory, wal, persistent), with
# the shared harness (../shared/bench/run.sh, WORKLOADS=put), one server thread, alternating
# modes over several runs, median per mode and the ratio to memory. Persistent and wal also
# report batches per log sync, from the store's shutdown line ("closed at batch N (M log syncs)").
#
#   bench/storage_modes_put.sh [seconds=10] [connections=64] [runs=3]
#
# Each run starts build-release/floci on a fresh data folder. Timings on a shared 2-core
# machine are noisy: compare medians, and rerun before believing a small difference.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="$root/../shared/bench"
seconds="${1:-10}" connections="${2:-64}" runs="${3:-3}"
modes="${MODES:-memory wal persistent}"
port=4571
# The put workload needs few preloaded items (setup.py --verify reads one), and a large
# sequential preload would dilute the batches-per-sync figure with one sync per item.
export BENCH_ITEMS="${BENCH_ITEMS:-100}"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
cmake --preset release >/dev/null && cmake --build --preset release -j2 >/dev/null
floci="$root/build-release/floci"

results=$(mktemp) work=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$results" "$work"' EXIT

measure() {  # mode run
    local mode="$1" data="$work/$1-$2" log="$work/$1-$2.log"
    env FLOCI_PORT=$port FLOCI_THREADS=1 FLOCI_STORAGE_MODE="$mode" \
        FLOCI_STORAGE_PERSISTENT_PATH="$data" "$floci" >"$log" 2>&1 &
    pid=$!
    for _ in $(seq 300); do grep -q "listening on" "$log" && break; sleep 0.02; done
    local rps
    rps=$(SERVER_PID=$pid WORKLOADS=put "$shared/run.sh" "http://127.0.0.1:$port" \
        "$seconds" "$connections" | awk '$1 == "put" {print $2}') || true
    kill -TERM "$pid"; wait "$pid" || true
    pid=""
    local syncs
    syncs=$(grep -o 'storage for dynamodb closed at batch [0-9]* ([0-9]* log syncs)' "$log" |
        sed -E 's/.* batch ([0-9]+) \(([0-9]+) log syncs\)/\1 \2/' || true)
    echo "$mode $rps ${syncs:-0 0}" | tee -a "$results"
}

for run in $(seq "$runs"); do
    for mode in $modes; do measure "$mode" "$run"; done
done
python3 - "$results" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    mode, rps, batches, syncs = line.split()
    rows.setdefault(mode, []).append((float(rps), int(batches), int(syncs)))
base = statistics.median(r[0] for r in rows.get("memory", [(0, 0, 0)])) or None
for mode, runs in rows.items():
    rps = statistics.median(r[0] for r in runs)
    ratio = f", {rps / base:.0%} of memory" if base else ""
    per_sync = [b / s for _, b, s in runs if s]
    sync = f", {statistics.median(per_sync):.1f} batches per log sync" if per_sync else ""
    print(f"{mode:10s} median {rps:8.0f} req/s{ratio}{sync}")
PY
