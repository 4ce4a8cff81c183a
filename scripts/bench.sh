#!/usr/bin/env bash
# The scaling table: the whole pipeline on synthetic registrations of growing size, per stage the
# median wall time over several runs and the peak resident memory. Writes Reports/bench.csv.
# Usage: [BENCH_BIN=path] [BENCH_RUNS=n] scripts/bench.sh [SIZES...]   (default: 1000 10000 100000 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BENCH_BIN:-.build/release/werksessies}  # BENCH_BIN: another build to compare
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(1000 10000 100000 1000000)
RUNS=${BENCH_RUNS:-3}
WORK=bench-data
mkdir -p "$WORK" Reports
results="$WORK/results.jsonl"
# Wall times are only comparable on an otherwise idle machine: say how busy it was.
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
: > "$results"
for n in "${SIZES[@]}"; do
    input="$WORK/registrations-$n.csv"
    [ -f "$input" ] || "$BIN" sample --participants "$n" --seed 7 --out "$input" >/dev/null
    for run in $(seq 1 "$RUNS"); do
        out="$WORK/out-$n"
        rm -rf "$out"
        /usr/bin/time -f "%M %U %S %e" -o "$WORK/rss" "$BIN" run Pipelines/nightly.yml --input "$input" --output "$out" \
            --state "$out/state.sqlite" --capacity-scale auto >/dev/null 2>"$WORK/log" || { cat "$WORK/log"; exit 1; }
        # Stage times from the log lines ("seconds=… [Pipeline] stage: …"): they include the whole
        # publish (fsync, rename, state transaction), which run.json cannot, being part of it.
        python3 - "$n" "$WORK/log" "$(tail -1 "$WORK/rss")" >> "$results" <<'PY'
import json, re, sys
n, log = sys.argv[1], sys.argv[2]
rss, user, system, wall = sys.argv[3].split()
stages = {}
for line in open(log, encoding="utf-8", errors="replace"):
    m = re.search(r"seconds=([0-9.eE+-]+) \[Pipeline\] (\w+):", line)
    if m:
        stages[m.group(2)] = float(m.group(1))
print(json.dumps({"participants": int(n), "stages": stages, "rss_kb": int(rss), "cpu_s": float(user) + float(system),
                  "wall_s": float(wall)}))
PY
    done
done
python3 - "$results" Reports/bench.csv <<'PY'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
stages = ["ingest", "normalise", "assign", "metrics", "reports", "publish"]
table = []
for n in sorted({r["participants"] for r in rows}):
    runs = [r for r in rows if r["participants"] == n]
    med = {s: statistics.median(r["stages"].get(s, 0.0) for r in runs) for s in stages}
    total = statistics.median(sum(r["stages"].get(s, 0.0) for s in stages) for r in runs)
    rss = max(r["rss_kb"] for r in runs) / 1024
    cpu = statistics.median(r["cpu_s"] for r in runs)
    wall = statistics.median(r["wall_s"] for r in runs)
    table.append([n] + [med[s] for s in stages] + [total, wall, cpu, rss, len(runs)])
# total_s sums the stages; process_s is the whole process (start-up, reading the catalog and the state,
# and the exit included); cpu_s (user + system) shows how much of the wall time was the program's own work.
header = ["participants"] + [s + "_s" for s in stages] + ["total_s", "process_s", "cpu_s", "peak_rss_mb", "runs"]
with open(sys.argv[2], "w") as f:
    f.write(",".join(header) + "\n")
    for row in table:
        f.write(",".join(str(row[0]) if i == 0 else (str(v) if isinstance(v, int) else f"{v:.3f}") for i, v in enumerate(row)) + "\n")
print(" ".join(f"{h:>12}" for h in header))
for row in table:
    print(" ".join(f"{v:>12}" if isinstance(v, int) else f"{v:>12.3f}" for v in row))
PY
