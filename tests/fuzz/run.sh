#!/usr/bin/env bash
# Builds the fuzz targets with clang (ASan + UBSan + libFuzzer) and fuzzes each for
# SECONDS seconds (default 60) from seed corpora made of the repository's policies and queries,
# and (fuzz_image_load) of images the target writes of small policies before it fuzzes.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWARRANT_FUZZ=ON \
  -DWARRANT_SANITIZE=ON -DWARRANT_BUILD_TESTS=OFF -DWARRANT_BUILD_BENCH=OFF >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target fuzz_compile fuzz_query_line fuzz_batch_reader fuzz_image_load fuzz_parse_halves
corpus=build-fuzz/corpus
mkdir -p "$corpus/compile" "$corpus/query" "$corpus/batch" "$corpus/image"
find policies tests examples -name '*.policy' -size -256k -exec cp {} "$corpus/compile/" \; 2>/dev/null || true
cp tests/fuzz/seeds/query/* "$corpus/query/"
cp tests/fuzz/seeds/batch/* "$corpus/batch/"
WARRANT_FUZZ_SEED_DIR="$corpus/image" build-fuzz/tests/fuzz/fuzz_image_load  # images of small policies
build-fuzz/tests/fuzz/fuzz_compile -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -dict=tests/fuzz/policy.dict "$corpus/compile"
build-fuzz/tests/fuzz/fuzz_parse_halves -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -dict=tests/fuzz/policy.dict "$corpus/compile"
build-fuzz/tests/fuzz/fuzz_query_line -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 "$corpus/query"
build-fuzz/tests/fuzz/fuzz_batch_reader -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 "$corpus/batch"
build-fuzz/tests/fuzz/fuzz_image_load -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 "$corpus/image"
