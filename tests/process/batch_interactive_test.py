"""An interactive batch: a program writes one claim to `warrant query --batch -` through a pipe
and reads the answer before it writes the next. Every read has a time limit, so this test
cannot hang. Usage: batch_interactive_test.py WARRANT REPOSITORY"""
import json
import os
import select
import subprocess
import sys
import time

warrant, repo = sys.argv[1], sys.argv[2]
hk = os.path.join(repo, "policies", "xiaomi-hk.policy")
p = subprocess.Popen([warrant, "query", hk, "--batch", "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
pending = b""


def read_line(limit):
    """One line of the answer, or None after `limit` seconds."""
    global pending
    deadline = time.monotonic() + limit
    while b"\n" not in pending:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([p.stdout], [], [], left)[0]:
            return None
        chunk = os.read(p.stdout.fileno(), 65536)
        if not chunk:
            return None
        pending += chunk
    line, pending = pending.split(b"\n", 1)
    return line


failures = 0
try:
    for i, claimed in enumerate(["2022-03-01", "2023-01-05", "2024-06-01", "bad-date"]):
        # The first claim is written with its BOM-less bytes split over two writes.
        line = json.dumps({"id": i, "model": "Redmi Note 13", "part": "device", "purchased": "2022-01-10",
                           "claimed": claimed}).encode() + b"\n"
        start = time.monotonic()
        if i == 0:
            p.stdin.write(line[:10])
            p.stdin.flush()
            time.sleep(0.05)
            line = line[10:]
        p.stdin.write(line)
        p.stdin.flush()
        answer = read_line(20)
        took = time.monotonic() - start
        if answer is None or json.loads(answer)["id"] != i:
            print(f"FAIL claim {i}: no answer within 20 s (got {answer!r})")
            failures += 1
            break
        print(f"ok   claim {i} answered in {took * 1000:.1f} ms: {answer.decode()[:80]}")
    p.stdin.close()
    code = p.wait(timeout=20)
    if code != 1:  # the last claim has an error
        print(f"FAIL exit code {code}, expected 1")
        failures += 1
finally:
    if p.poll() is None:
        p.kill()
        p.wait()
sys.exit(1 if failures else 0)
