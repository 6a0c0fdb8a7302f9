# Sourced by the whole-process benchmarks: `measure NAME COMMAND...` runs the command under
# /usr/bin/time -v (at nice -15 when NICE=(nice -n -15)), output discarded, and prints one line:
# wall, user and system CPU seconds, peak RSS in MB, exit status, and the load average before.
# Needs OUT (a folder for time.txt).
measure() {  # name, command...
  local name=$1
  shift
  local load
  load=$(cut -d' ' -f1 /proc/loadavg)
  set +e
  "${NICE[@]}" /usr/bin/time -v "$@" >/dev/null 2>"$OUT/time.txt"
  local status=$?
  set -e
  awk -v name="$name" -v status="$status" -v load="$load" '
    /Elapsed \(wall clock\)/ { k = split($NF, p, ":"); w = 0; for (i = 1; i <= k; ++i) w = w * 60 + p[i] }
    /User time/ { u = $NF } /System time/ { s = $NF } /Maximum resident set size/ { m = $NF / 1024 }
    END { printf "%-44s wall %7.3f s  user %7.3f s  sys %6.3f s  peak %6.1f MB  exit %d  load %s\n", name, w, u, s, m, status, load }' "$OUT/time.txt"
}
