#!/usr/bin/env python3
"""Batch throughput of `warrant query --batch`: variants run alternately, so that a busy
machine slows them alike.

    bench/batch_throughput.py [--jobs N] REPETITIONS LABEL=WARRANT_BINARY:POLICY:BATCH_FILE ...

`--jobs N` is passed to `warrant query` (one thread: `--jobs 1`, the per-claim cost alone).

Each run's answers go to /dev/null. Prints one line per run (label, wall s, user+system CPU s,
max RSS MiB, lines/s by CPU), then per variant the range and median of lines/s by CPU.
"""
import os
import resource
import statistics
import subprocess
import sys
import time


def main(argv):
    jobs = []
    if len(argv) > 2 and argv[1] == '--jobs':
        jobs = ['--jobs', argv[2]]
        argv = argv[:1] + argv[3:]
    reps = int(argv[1])
    variants = []
    for v in argv[2:]:
        label, spec = v.split('=', 1)
        binary, policy, batch = spec.split(':')
        with open(batch, 'rb') as f:
            lines = sum(1 for _ in f)
        variants.append((label, binary, policy, batch, lines))
    rates = {v[0]: [] for v in variants}
    for _ in range(reps):
        for label, binary, policy, batch, lines in variants:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            with open(os.devnull, 'wb') as null:
                rc = subprocess.call([binary, 'query', *jobs, policy, '--batch', batch], stdout=null, stderr=null)
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            if rc not in (0, 1):
                sys.exit('%s: exit %d' % (label, rc))
            rates[label].append(lines / cpu)
            print('%-8s wall %.3f s  cpu %.3f s  rss %.1f MiB  %.0f lines/s' % (label, wall, cpu, after.ru_maxrss / 1024, lines / cpu), flush=True)
    for label, r in rates.items():
        print('%s: %.2f-%.2f M lines/s, median %.2f (%d runs)' % (label, min(r) / 1e6, max(r) / 1e6, statistics.median(r) / 1e6, len(r)))


if __name__ == '__main__':
    main(sys.argv)
