#!/usr/bin/env bash
# The Ingest benchmark (issue 3) through the production program (with mimalloc): `werksessies validate`
# on a 1,000,000-registrant CSV and a 100,000-registrant xlsx. Per run the ingest seconds from the log line
# ("cpu_seconds=… peak_mb=… seconds=… [Pipeline] ingest: …"), MB/s (MB = 2^20 bytes) or rows/s from them, the
# ingest's CPU seconds (user + sys, all threads) and the peak RSS at its end, and for the whole process
# (ingest + normalise) the CPU seconds (user + sys) and peak RSS. Targets: CSV ≥ 50 MB/s, peak < 1 GB;
# xlsx ≥ 100,000 rows/s.
# Usage: scripts/bench-ingest.sh [RUNS]   (default: $BENCH_RUNS or 3)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/release/werksessies
RUNS=${1:-${BENCH_RUNS:-3}}
WORK=bench-data
mkdir -p "$WORK"
csv="$WORK/registrations-1000000.csv"
xlsx="$WORK/registrations-100000.xlsx"
[ -f "$csv" ] || "$BIN" sample --participants 1000000 --seed 7 --out "$csv" >/dev/null
[ -f "$xlsx" ] || "$BIN" sample --participants 100000 --seed 7 --out "$xlsx" >/dev/null
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
for input in "$csv" "$xlsx"; do
    for run in $(seq 1 "$RUNS"); do
        /usr/bin/time -f "%e %U %S %M" -o "$WORK/ingest-time" "$BIN" validate Pipelines/nightly.yml --input "$input" \
            >/dev/null 2>"$WORK/ingest-log" || { cat "$WORK/ingest-log"; exit 1; }
        python3 - "$input" "$WORK/ingest-log" "$(tail -1 "$WORK/ingest-time")" <<'PY'
import os, re, sys
path, log = sys.argv[1], sys.argv[2]
wall, user, system, rss = sys.argv[3].split()
seconds = rows = None
for line in open(log, encoding="utf-8", errors="replace"):
    m = re.search(r"cpu_seconds=([0-9.eE+-]+) peak_mb=(-?\d+) seconds=([0-9.eE+-]+) \[Pipeline\] ingest: (\d+) rows", line)
    if m:
        cpu_ingest, peak_ingest, seconds, rows = float(m.group(1)), int(m.group(2)), float(m.group(3)), int(m.group(4))
if seconds is None:
    sys.exit(f"no ingest line in {log}")
mb = os.path.getsize(path) / 1048576
cpu = float(user) + float(system)
print(f"{os.path.basename(path)}: {mb:.1f} MB, {rows} rows; ingest {seconds:.2f} s = {mb / seconds:.1f} MB/s, "
      f"{rows / seconds:,.0f} rows/s, CPU {cpu_ingest:.2f} s, peak RSS {peak_ingest} MB; process (ingest + normalise) {float(wall):.2f} s wall, "
      f"CPU {cpu:.2f} s (user {user} + sys {system}), peak RSS {int(rss) / 1024:.0f} MB")
PY
    done
done
