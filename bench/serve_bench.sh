#!/usr/bin/env bash
# `warrant serve` under load, on loopback: /v1/query with 1, 8 and 64 keep-alive connections,
# /v1/batch claims/s against `warrant query --batch` on the same lines, reload time (HK policy
# and a generated 100,000-model policy), and the server's memory at rest and under load.
# Usage: bench/serve_bench.sh   (BUILD_DIR=build-bench; SECONDS_EACH=5; PRIORITY=1 as run.sh;
#        NO_BUILD=1 uses the binaries already in BUILD_DIR, whatever their build type)
set -euo pipefail
if [[ "${PRIORITY:-0}" == 1 && -z "${WARRANT_BENCH_REEXEC:-}" ]]; then
  export WARRANT_BENCH_REEXEC=1
  exec setsid -w bash -c 'echo -15 >/proc/self/autogroup 2>/dev/null || true; exec nice -n -15 bash "$0" "$@"' "$0" "$@"
fi
cd "$(dirname "$0")/.."
BUILD=${BUILD_DIR:-build-bench}
EACH=${SECONDS_EACH:-5}
POLICY=policies/xiaomi-hk.policy
if [[ "${NO_BUILD:-0}" != 1 ]]; then
  cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DWARRANT_BUILD_TESTS=OFF >/dev/null
  cmake --build "$BUILD" -j"$(nproc)" --target warrant serve_bench compile_bench query_bench >/dev/null
fi
echo "build: $(grep -E '^CMAKE_BUILD_TYPE:' "$BUILD/CMakeCache.txt" | cut -d= -f2-)"
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs; load average: $(cut -d' ' -f1-3 /proc/loadavg)"

start_server() {  # start_server POLICY: sets $server and $port
  "$BUILD/warrant" serve "$1" --listen 127.0.0.1:0 --max-body $((512 << 20)) 2>"$work/server.log" &
  server=$!
  for _ in $(seq 600); do
    port=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$work/server.log" | grep -o '[0-9]*$' || true)
    [ -n "$port" ] && return
    sleep 0.1
  done
  echo "the server did not start" >&2; exit 1
}
rss() { awk '/^VmRSS/ { print $2 " kB" }' "/proc/$server/status"; }

echo '{"id":7,"model":"Xiaomi 15T","part":"device","purchased":"2025-01-01","claimed":"2026-03-22"}' >"$work/query.json"
start_server "$POLICY"
echo "memory at rest (HK policy): $(rss)"
for c in 1 8 64; do
  "$BUILD/bench/serve_bench" --port "$port" --connections "$c" --seconds "$EACH" --body "$work/query.json"
done
echo "memory after 64 connections: $(rss)"

lines=${BATCH_LINES:-200000}
"$BUILD/bench/query_bench" --gen "$work/batch.jsonl" "$lines" --policy "$POLICY" >/dev/null
for _ in 1 2 3; do
  t0=$(date +%s.%N)
  curl -s --fail -H 'Content-Type: application/x-ndjson' --data-binary @"$work/batch.jsonl" "http://127.0.0.1:$port/v1/batch" >"$work/served.jsonl"
  t1=$(date +%s.%N)
  "$BUILD/warrant" query "$POLICY" --batch "$work/batch.jsonl" --jobs 1 >"$work/cli.jsonl" || true
  t2=$(date +%s.%N)
  "$BUILD/warrant" query "$POLICY" --batch "$work/batch.jsonl" >/dev/null || true
  t3=$(date +%s.%N)
  cmp -s "$work/served.jsonl" "$work/cli.jsonl" || { echo "the batch answers differ from warrant query --batch" >&2; exit 1; }
  echo "batch of $lines claims: /v1/batch $(echo "$lines / ($t1 - $t0)" | bc) claims/s (curl, body upload included); warrant query --batch $(echo "$lines / ($t2 - $t1)" | bc) claims/s on one thread, $(echo "$lines / ($t3 - $t2)" | bc) on one per core (process start and policy compile included)"
done
echo "memory after the batches: $(rss)"

for _ in 1 2 3; do
  kill -HUP "$server"; sleep 1
  grep -o 'reloaded (SIGHUP).*' "$work/server.log" | tail -1
done
kill "$server"; wait "$server" || true

"$BUILD/bench/compile_bench" --emit 100000 >"$work/generated-100000.policy"
start_server "$work/generated-100000.policy"
grep -o 'loaded (start).*' "$work/server.log"
echo "memory at rest (100,000-model policy): $(rss)"
for _ in 1 2 3; do
  kill -HUP "$server"; sleep 4
  grep -o 'reloaded (SIGHUP).*' "$work/server.log" | tail -1
done
kill "$server"; wait "$server" || true
