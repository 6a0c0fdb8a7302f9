#!/usr/bin/env bash
# Policy images: whole-process figures of `warrant build` and of `warrant query --image` (one
# claim: the first answer) on the HK policy and the realistic catalogues of 1,000, 10,000 and
# 100,000 models, beside `warrant query` from source; and (BATCH=1) a 1M-line batch at
# 100,000 models from the image. Each under /usr/bin/time -v; one run each.
# Usage: bench/image.sh        (BUILD_DIR=build-rel, built in Release with the benchmarks;
#        OUT=<dir> for the generated files, default $BUILD_DIR/bench/catalog, shared with
#        bench/catalog.sh; PRIORITY=1 runs each measurement at nice -15)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD_DIR:-build-rel}
OUT=${OUT:-$BUILD/bench/catalog}
SIZES=${SIZES:-1000 10000 100000}
mkdir -p "$OUT"
NICE=()
if [[ "${PRIORITY:-0}" == 1 ]]; then NICE=(nice -n -15); fi
source bench/measure.sh

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs; $(grep -E '^CMAKE_BUILD_TYPE:' "$BUILD/CMakeCache.txt" | cut -d= -f2) build"
echo "load:    $(uptime)"
for n in $SIZES; do
  [[ -s "$OUT/realistic-$n.policy" ]] || "$BUILD/bench/compile_bench" --emit-realistic "$n" >"$OUT/realistic-$n.policy"
done

claim='{"model":"Xiaomi 15T","part":"device","purchased":"2025-01-01","claimed":"2026-03-22"}'
one() {  # name, policy file, image file
  measure "build, $1" "$BUILD/warrant" build "$2" -o "$3"
  echo "  image: $(stat -c %s "$3") bytes; policy: $(stat -c %s "$2") bytes"
  measure "query (source), $1" "$BUILD/warrant" query "$2" --query "$claim"
  measure "query --image, $1" "$BUILD/warrant" query --image "$3" --query "$claim"
  # The answers must be the same, or the figures mean nothing.
  cmp -s <("$BUILD/warrant" query "$2" --query "$claim" --explain) <("$BUILD/warrant" query --image "$3" --query "$claim" --explain) ||
    { echo "  the answers from the image differ from those from source" >&2; exit 1; }
}
one "HK policy" policies/xiaomi-hk.policy "$OUT/hk.img"
for n in $SIZES; do
  one "realistic $n" "$OUT/realistic-$n.policy" "$OUT/realistic-$n.img"
done

if [[ "${BATCH:-0}" == 1 ]]; then
  [[ -s "$OUT/queries-realistic-100000.jsonl" ]] ||
    "$BUILD/bench/query_bench" --gen "$OUT/queries-realistic-100000.jsonl" 1000000 --policy "$OUT/realistic-100000.policy" >/dev/null
  measure "batch 1M lines, realistic 100000, --image" "$BUILD/warrant" query --image "$OUT/realistic-100000.img" --batch "$OUT/queries-realistic-100000.jsonl"
fi
