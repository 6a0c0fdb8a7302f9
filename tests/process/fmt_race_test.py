"""Concurrent `warrant fmt` runs on one file, some killed at random (SIGKILL): the file must
always hold exactly the old or the new text, whoever wins, and what killed runs leave behind
must not break later runs. Bounded: about SECONDS seconds (default 4).
Usage: fmt_race_test.py WARRANT REPOSITORY [SECONDS]"""
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

warrant, repo = sys.argv[1], sys.argv[2]
seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 4.0
random.seed(int(os.environ.get("SEED", "11")))

with open(os.path.join(repo, "policies", "xiaomi-hk.policy"), "rb") as f:
    formatted = f.read()
# The same policy, not in the canonical layout: `fmt` rewrites it.
old = re.sub(rb"^(clause|part|outcome|model) ", rb"\1   ", formatted, flags=re.M)
assert old != formatted

failures = []
tmp = tempfile.mkdtemp(prefix="warrant-fmt-race-")
try:
    target = os.path.join(tmp, "p.policy")
    with open(target, "wb") as f:
        f.write(old)
    subprocess.run([warrant, "fmt", target], check=True, capture_output=True, timeout=60)
    with open(target, "rb") as f:
        new = f.read()
    assert new != old

    seen_bad = []
    stop = threading.Event()

    def watch():
        """Reads the file over and over: every version a reader can see must be old or new."""
        while not stop.is_set():
            try:
                with open(target, "rb") as f:
                    now = f.read()
            except FileNotFoundError:
                seen_bad.append(b"<missing>")
                continue
            if now != old and now != new:
                seen_bad.append(now[:80] + b"... (%d bytes)" % len(now))

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    rounds = killed = refused = formatted_runs = 0
    end = time.monotonic() + seconds
    def reset():
        """Puts the old text back, itself atomically, so that the reader never sees it half-written."""
        with open(os.path.join(tmp, "reset.part"), "wb") as f:
            f.write(old)
        os.replace(os.path.join(tmp, "reset.part"), target)

    while time.monotonic() < end:
        rounds += 1
        reset()
        runs = [subprocess.Popen([warrant, "fmt", target], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                for _ in range(4)]
        victims = random.sample(runs, random.randint(0, 3))
        time.sleep(random.uniform(0, 0.03))
        for p in victims:
            p.send_signal(signal.SIGKILL)
        for p in runs:
            out, err = p.communicate(timeout=60)
            if p.returncode == -signal.SIGKILL:
                killed += 1
            elif p.returncode == 0:
                formatted_runs += 1
            elif p.returncode == 1 and b"changed since it was read" in err:
                refused += 1   # another run replaced the file after this one read it
            else:
                failures.append(f"round {rounds}: exit {p.returncode}: {err.decode()[:300]}")
        with open(target, "rb") as f:
            now = f.read()
        if now not in (old, new):
            failures.append(f"round {rounds}: the file holds neither version ({len(now)} bytes)")
    stop.set()
    watcher.join()
    if seen_bad:
        failures.append(f"a reader saw {len(seen_bad)} bad versions, e.g. {seen_bad[0]!r}")

    # Leftovers of killed runs have unique, recognisable names, and break nothing.
    leftovers = [n for n in os.listdir(tmp) if n != "p.policy"]
    for name in leftovers:
        if not re.fullmatch(r"p\.policy\.warrant-fmt-[A-Za-z0-9]{6}\.tmp", name):
            failures.append(f"unexpected file left: {name}")
    with open(target, "wb") as f:
        f.write(old)
    again = subprocess.run([warrant, "fmt", tmp], capture_output=True, timeout=60)
    with open(target, "rb") as f:
        if again.returncode != 0 or f.read() != new:
            failures.append(f"a later run failed: exit {again.returncode}: {again.stderr.decode()[:300]}")
    print(f"{rounds} rounds of 4 runs: {formatted_runs} formatted, {refused} refused (file changed), "
          f"{killed} killed, {len(leftovers)} temporary files left by killed runs")
finally:
    shutil.rmtree(tmp, ignore_errors=True)

for f in failures:
    print("FAIL " + f)
sys.exit(1 if failures else 0)
