#!/usr/bin/env bash
# Does a Query's cost follow the items it reads rather than the table's size? The same 10-item
# Query workload (../shared/bench/wrk/query.lua) against a small and a large table held by one
# build-release/floci (FLOCI_THREADS=1, memory storage, a free port): req/s and p99 for each,
# median over the passes, and large/small ratios. A Query is a range read on one partition, so
# the ratios should stay near 1 (the issue: "a Query returning 10 items from a 1,000,000-item
# table takes about as long as from a 1,000-item table").
#
#   bench/query_table_size.sh [seconds=10] [connections=64] [passes=2] [small=1000] [large=1000000]
#
# Both tables have the benchmark's key shape (pk S HASH, sk S RANGE) and its items (~200 bytes,
# 10 per partition), loaded with ../shared/bench/setup.py's preload (BatchWriteItem). Loading
# 1,000,000 items takes about a minute. Tables alternate within each pass, so both see the
# same machine; timings on a shared 2-core machine are noisy: compare the medians.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="$root/../shared/bench"
seconds="${1:-10}" connections="${2:-64}" passes="${3:-2}"
small="${4:-1000}" large="${5:-1000000}"
per_partition=10

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
cmake --preset release >/dev/null && cmake --build --preset release -j2 >/dev/null

# A port nobody listens on now: the kernel picks it, we release it and hand it to floci.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
endpoint="http://127.0.0.1:$port"
work=$(mktemp -d) results=$(mktemp)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work" "$results"' EXIT

env FLOCI_PORT="$port" FLOCI_THREADS=1 FLOCI_STORAGE_MODE=memory FLOCI_LOG_LEVEL=warn \
    FLOCI_STORAGE_PERSISTENT_PATH="$work/data" "$root/build-release/floci" >"$work/floci.log" 2>&1 &
pid=$!

table_of() { echo "bench-$1"; }

# Create both tables, load them, and check that a Query returns a whole partition from each.
python3 - "$endpoint" "$shared" "$per_partition" \
    "$(table_of "$small")" "$small" "$(table_of "$large")" "$large" <<'PY'
import sys
endpoint, shared, per_partition = sys.argv[1], sys.argv[2], int(sys.argv[3])
sys.path.insert(0, shared)
import setup  # ../shared/bench/setup.py: the workloads' tables, items and key layout

client = setup.Client(endpoint)
setup.wait_for_endpoint(client, 30)
for table, items in zip(sys.argv[4::2], map(int, sys.argv[5::2])):
    setup.create_table(client, table, fresh=True)
    took = setup.preload(client, table, items, per_partition)
    last_partition = f"p-{(items - 1) // per_partition:07d}"
    got = client.call("Query", {
        "TableName": table,
        "KeyConditionExpression": "#pk = :pk AND #sk BETWEEN :lo AND :hi",
        "ExpressionAttributeNames": {"#pk": "pk", "#sk": "sk"},
        "ExpressionAttributeValues": {":pk": {"S": last_partition},
                                      ":lo": {"S": "s-000"}, ":hi": {"S": "s-999"}},
    })
    if got.get("Count") != per_partition:
        sys.exit(f"{table}: Query of {last_partition} returned {got.get('Count')} items")
    print(f"{table}: {items} items loaded in {took:.1f}s ({items / took:.0f} items/s)")
PY

for pass in $(seq "$passes"); do
    for items in "$small" "$large"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "floci is no longer running; the end of its log:" >&2
            tail -n 20 "$work/floci.log" >&2
            exit 1
        fi
        SKIP_SETUP=1 WORKLOADS=query SERVER_PID=$pid BENCH_TABLE="$(table_of "$items")" \
            BENCH_ITEMS="$items" BENCH_PER_PARTITION=$per_partition RESULTS_FILE="$results" \
            BENCH_LABEL="$items" "$shared/run.sh" "$endpoint" "$seconds" "$connections" |
            awk -v items="$items" -v pass="$pass" '$1 == "query" {print "pass " pass ", " items " items: " $0}'
    done
done
awk '/VmRSS/ {printf "floci RSS with both tables: %.0f MiB\n", $2 / 1024}' "/proc/$pid/status"

python3 - "$results" "$small" "$large" <<'PY'
import re, statistics, sys
results, small, large = sys.argv[1], sys.argv[2], sys.argv[3]
rows = {}
for line in open(results):
    fields = dict(re.findall(r"(\w+)=(\S+)", line))
    if int(fields.get("non2xx", 0)) or int(fields.get("sock_err", 0)):
        sys.exit(f"errors during the run: {line.strip()}")
    rows.setdefault(line.split()[0], []).append((float(fields["rps"]), float(fields["p99_ms"])))
median = {n: (statistics.median(r for r, _ in v), statistics.median(p for _, p in v))
          for n, v in rows.items()}
for n in (small, large):
    print(f"{int(n):>9,} items: {median[n][0]:8.0f} req/s   p99 {median[n][1]:6.2f} ms")
print(f"large/small: req/s {median[large][0] / median[small][0]:.2f}   "
      f"p99 {median[large][1] / median[small][1]:.2f}")
PY
