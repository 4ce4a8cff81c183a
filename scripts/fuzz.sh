#!/usr/bin/env bash
# Runs each libFuzzer target (the readers, the config loader, the command-line arguments) for a fixed number of iterations from the seed corpus in Fuzz/corpus.
# Leak detection is off: the Swift runtime keeps metadata caches that LeakSanitizer reports as leaks.
# Findings are written to Fuzz/findings/; keep each as a regression test in Tests/IngestTests.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${FUZZ_RUNS:-20000}
SCRATCH=.build-fuzz
swift build --package-path Fuzz --scratch-path "$SCRATCH" -c release \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld
mkdir -p Fuzz/findings fuzz-corpus-work
# The xlsx seeds: small real workbooks (the committed sample, and one per generator run).
mkdir -p fuzz-corpus-work/xlsx
cp Fuzz/corpus/xlsx/* fuzz-corpus-work/xlsx/ 2>/dev/null || true
[ -f fuzz-corpus-work/xlsx/small.xlsx ] || .build/debug/werksessies sample --participants 3 --seed 1 --out fuzz-corpus-work/xlsx/small.xlsx >/dev/null 2>&1 || true
export ASAN_OPTIONS=detect_leaks=0
status=0
# The config seeds: the committed YAML files.
mkdir -p fuzz-corpus-work/config
cp Pipelines/*.yml Fuzz/corpus/config/* fuzz-corpus-work/config/ 2>/dev/null || true
for target in FuzzCSV FuzzXLSX FuzzHeaders FuzzConfig FuzzArguments; do
    case $target in
        FuzzCSV) corpus=Fuzz/corpus/csv ;;
        FuzzXLSX) corpus=fuzz-corpus-work/xlsx ;;
        FuzzHeaders) corpus=Fuzz/corpus/headers ;;
        FuzzConfig) corpus=fuzz-corpus-work/config ;;
        FuzzArguments) corpus=Fuzz/corpus/arguments ;;
    esac
    work=fuzz-corpus-work/$target
    mkdir -p "$work"
    echo "== $target ($RUNS runs)"
    "$SCRATCH/release/$target" "$work" "$corpus" -runs="$RUNS" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 \
        -artifact_prefix="Fuzz/findings/$target-" -print_final_stats=1 2>&1 | tail -12 || status=1
done
exit $status
