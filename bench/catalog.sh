#!/usr/bin/env bash
# Large catalogues (issue 13): whole-process figures of the CLI on the realistic catalogue and
# the uniform generated policies of 1,000, 10,000 and 100,000 models, under /usr/bin/time -v:
#   query   `warrant query POLICY --query ...`, one claim: the first answer
#   check   `warrant check --format json POLICY`: every lint, every diagnostic in JSON
#   diff    `warrant diff` of two 100,000-model realistic versions, 1% of the models changed
#   batch   `warrant query POLICY --batch FILE` on 1M lines (1% bad) at 100,000 realistic models
# Usage: bench/catalog.sh        (BUILD_DIR=build-rel by default, built in Release with the
#        benchmarks; OUT=<dir> for the generated files, default $BUILD_DIR/bench/catalog;
#        PRIORITY=1 runs each measurement at nice -15, as bench/run.sh does)
# Prints one line per measurement: wall, user and system CPU seconds, peak RSS in MB.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD_DIR:-build-rel}
OUT=${OUT:-$BUILD/bench/catalog}
SIZES=${SIZES:-1000 10000 100000}
mkdir -p "$OUT"
# The realistic catalogues keep the HK policy's `source` line, relative to the policy's folder.
ln -sfn "$(pwd)/policies/sources" "$OUT/sources"
NICE=()
if [[ "${PRIORITY:-0}" == 1 ]]; then NICE=(nice -n -15); fi

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs; $(grep -E '^CMAKE_BUILD_TYPE:' "$BUILD/CMakeCache.txt" | cut -d= -f2) build"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  echo "source:  $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src include || echo ' + uncommitted changes')"
fi

for n in $SIZES; do
  [[ -s "$OUT/realistic-$n.policy" ]] || "$BUILD/bench/compile_bench" --emit-realistic "$n" >"$OUT/realistic-$n.policy"
  [[ -s "$OUT/uniform-$n.policy" ]] || "$BUILD/bench/compile_bench" --emit "$n" >"$OUT/uniform-$n.policy" 2>/dev/null
done
[[ -s "$OUT/realistic-100000-changed.policy" ]] ||
  "$BUILD/bench/compile_bench" --emit-realistic 100000 --changed 0.01 >"$OUT/realistic-100000-changed.policy"
[[ -s "$OUT/queries-realistic-100000.jsonl" ]] ||
  "$BUILD/bench/query_bench" --gen "$OUT/queries-realistic-100000.jsonl" 1000000 --policy "$OUT/realistic-100000.policy" >/dev/null

source bench/measure.sh  # measure NAME COMMAND...: one line of /usr/bin/time -v figures

# A model of the HK policy (in the realistic catalogues too); the uniform ones start at "Xiaomi 1".
query_for() { echo '{"model":"'"$1"'","part":"device","purchased":"2025-01-01","claimed":"2026-03-22"}'; }
measure "query, HK policy" "$BUILD/warrant" query policies/xiaomi-hk.policy --query "$(query_for "Xiaomi 15T")"
for kind in realistic uniform; do
  model="Xiaomi 15T"
  [[ $kind == uniform ]] && model="Xiaomi 1"
  for n in $SIZES; do
    measure "query, $kind $n" "$BUILD/warrant" query "$OUT/$kind-$n.policy" --query "$(query_for "$model")"
    measure "check --format json, $kind $n" "$BUILD/warrant" check --format json "$OUT/$kind-$n.policy"
  done
done
measure "diff, realistic 100000, 1% changed" "$BUILD/warrant" diff "$OUT/realistic-100000.policy" "$OUT/realistic-100000-changed.policy"
measure "batch 1M lines, realistic 100000" "$BUILD/warrant" query "$OUT/realistic-100000.policy" --batch "$OUT/queries-realistic-100000.jsonl"
echo "(batch: claims/s = 1,000,000 / wall; query and batch exit 1 when a line has an error, as 1% have; diff exits 1 when answers differ)"
