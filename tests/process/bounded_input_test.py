"""Bounded input, as real processes: a 10 GB sparse file, /dev/zero and a 200 MB batch line each
get a clear error (naming the path and the limit), quickly and with bounded memory.
Usage: bounded_input_test.py WARRANT REPOSITORY"""
import json
import os
import subprocess
import sys
import tempfile

from support import run

warrant, repo = sys.argv[1], sys.argv[2]
hk = os.path.join(repo, "policies", "xiaomi-hk.policy")
good = b'{"id":1,"model":"Redmi Note 13","part":"device","purchased":"2022-01-10","claimed":"2023-01-05"}\n'
max_rss_mb = 400   # the reader holds at most 64 MiB (+ a block); ASan builds add their own overhead
failures = []


def check(label, ok, detail):
    print(("ok   " if ok else "FAIL ") + label)
    if not ok:
        failures.append(label)
        print("     " + detail.replace("\n", "\n     "))


def commands(path):
    return {"check": ["check", path], "fmt": ["fmt", path], "fmt --check": ["fmt", "--check", path],
            "test": ["test", path], "query": ["query", path, "--query", good.decode().strip()],
            "diff old": ["diff", path, hk], "diff new": ["diff", hk, path]}


with tempfile.TemporaryDirectory() as tmp:
    sparse = os.path.join(tmp, "big.policy")
    with open(sparse, "wb") as f:
        f.truncate(10 << 30)
    for path, said in ((sparse, sparse + " has 10737418240 bytes; at most 64 MiB are read"),
                       ("/dev/zero", "/dev/zero has more than 64 MiB (it may not end); at most 64 MiB are read")):
        for name, args in commands(path).items():
            r = run([warrant] + args, timeout=60)
            label = f"{name} {path}: refused in {r.seconds:.2f} s, peak {r.max_rss_mb:.0f} MB"
            check(label, r.code in (1, 2) and said in r.out + r.err and r.max_rss_mb < max_rss_mb and r.seconds < 30,
                  f"exit {r.code}\nstdout: {r.out[:500]}\nstderr: {r.err[:500]}")
    # A batch is streamed, not read whole: an endless line stops it after 1 GiB, with bounded memory.
    for args in (["--batch", "/dev/zero"], ["--batch", "-"]):
        stdin = open("/dev/zero", "rb") if args[1] == "-" else None
        r = run([warrant, "query", hk] + args, stdin=stdin if stdin else subprocess.DEVNULL, timeout=120)
        if stdin:
            stdin.close()
        label = f"query --batch {args[1]} (/dev/zero): stopped in {r.seconds:.2f} s, peak {r.max_rss_mb:.0f} MB"
        check(label, r.code == 2 and "a line goes on for more than 1024 MiB without a newline" in r.err
              and r.max_rss_mb < max_rss_mb and r.out.count("\n") == 1 and '"line_too_long"' in r.out,
              f"exit {r.code}\nstdout: {r.out[:500]}\nstderr: {r.err[:500]}")

# A 200 MB line between two good ones, through a pipe: one line_too_long answer with its id.
def lines():
    yield good
    yield b'{"id":"huge","model":"'
    chunk = b"x" * (1 << 20)
    for _ in range(200):
        yield chunk
    yield b'","part":"device"}\n'
    yield good

r = run([warrant, "query", hk, "--batch", "-"], feed=lines(), timeout=120)
answers = r.out.splitlines()
ok = r.code == 1 and len(answers) == 3 and r.max_rss_mb < 200
if ok:
    middle = json.loads(answers[1])
    ok = middle["id"] == "huge" and middle["error"]["code"] == "line_too_long" and answers[0] == answers[2]
check(f"a 200 MB batch line: one line_too_long answer, peak {r.max_rss_mb:.0f} MB in {r.seconds:.2f} s", ok,
      f"exit {r.code}\nstdout: {r.out[:1000]}\nstderr: {r.err[:500]}")

sys.exit(1 if failures else 0)
