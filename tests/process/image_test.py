"""`warrant build` and `warrant query --image` as real processes: the answers of a batch, an
explanation and the errors from an image are byte for byte those from the policy's source, and
a damaged image (truncated, a flipped bit, not an image at all) is refused with exit 2 and one
line on standard error. Usage: image_test.py WARRANT REPOSITORY"""
import json
import os
import random
import re
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from support import run  # noqa: E402

warrant, repo = sys.argv[1], sys.argv[2]
hk = os.path.join(repo, "policies", "xiaomi-hk.policy")
failures = 0


def check(ok, what):
    global failures
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures += 1


work = tempfile.mkdtemp(prefix="warrant-image-")
try:
    image = os.path.join(work, "hk.img")
    built = run([warrant, "build", hk, "-o", image])
    check(built.code == 0 and built.out.startswith(f"wrote {image}: 1 policy"), f"build exits 0 and says so: {built.out.strip()}")
    check(not [f for f in os.listdir(work) if f != "hk.img"], "build leaves no temporary file")

    # A batch over every model of the policy, with misspellings, unknown parts and bad dates.
    with open(hk, encoding="utf-8") as f:
        models = re.findall(r'model "([^"]+)"', f.read())
    rng = random.Random(7)
    lines = []
    for i in range(3000):
        model = rng.choice(models)
        if i % 17 == 0:
            model = model[:-1] + "x"
        claim = {"id": i, "model": model, "part": rng.choice(["device", "battery", "charger", "screen"]),
                 "purchased": f"20{rng.randint(19, 25)}-{rng.randint(1, 12):02}-{rng.randint(1, 28):02}",
                 "claimed": f"20{rng.randint(19, 26)}-{rng.randint(1, 12):02}-{rng.randint(1, 28):02}"}
        if i % 5 == 0:
            claim["purchase_region"] = "CN"
        lines.append(json.dumps(claim))
    batch = os.path.join(work, "claims.jsonl")
    with open(batch, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\nnot json\n")
    for extra in ([], ["--explain"]):
        a = run([warrant, "query", hk, "--batch", batch] + extra)
        b = run([warrant, "query", "--image", image, "--batch", batch] + extra)
        check(a.code == b.code == 1 and a.out == b.out and a.out.count("\n") == len(lines) + 1,
              f"a batch of {len(lines) + 1} lines {' '.join(extra)}: the same answers from the image (exit {b.code})")

    one = ["--model", "Redmi Note 13", "--part", "device", "--purchased", "2024-01-10", "--claimed", "2025-03-01", "--explain"]
    a = run([warrant, "query", hk] + one)
    b = run([warrant, "query", "--image", image] + one)
    check(a.code == b.code == 0 and a.out == b.out and "Per the policy:" in b.out, "one claim explained: the same text")

    with open(image, "rb") as f:
        good = f.read()

    def refused(data, name, expect):
        path = os.path.join(work, name)
        if data is not None:
            with open(path, "wb") as f:
                f.write(data)
        r = run([warrant, "query", "--image", path, "--model", "Redmi Note 13", "--part", "device",
                 "--purchased", "2024-01-10", "--claimed", "2025-03-01"])
        check(r.code == 2 and r.out == "" and r.err.count("\n") == 1 and expect in r.err,
              f"{name}: refused with exit {r.code}: {r.err.strip()}")

    refused(good[: len(good) // 3], "truncated.img", "the image is truncated")
    flipped = bytearray(good)
    flipped[len(good) // 2] ^= 0x10
    refused(bytes(flipped), "flipped.img", "the image is corrupt: its checksum does not match")
    refused(b"", "empty.img", "empty.img: not a policy image; `warrant build POLICY... -o FILE` writes one")
    shutil.copy(hk, os.path.join(work, "policy.img"))
    refused(None, "policy.img", "policy.img: not a policy image")
    refused(None, "missing.img", "cannot read")

    r = run([warrant, "build", hk, "-o", os.path.join(work, "no-such-folder", "x.img")])
    check(r.code == 2 and r.err.startswith("warrant build: cannot create"), f"build into a missing folder: exit {r.code}: {r.err.strip()}")
finally:
    shutil.rmtree(work, ignore_errors=True)

print(f"{failures} failure(s)")
sys.exit(1 if failures else 0)
