"""An oracle for `warrant diff`: its JSON ranges checked against the answers `warrant query --batch`
gives for each version, with range membership decided in Python from the ranges' fields.

usage: diff_oracle_test.py WARRANT SOURCE_DIR [--half 1|2]
WARRANT_ORACLE_SCALE (default 1) multiplies the random claims per pair, for long runs."""
import concurrent.futures
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

import jsonschema

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from oracle_claims import Universe, random_claim, sample_in_range  # noqa: E402
from oracle_dates import parse  # noqa: E402
from oracle_edits import pairs  # noqa: E402
from oracle_policy import Declared, clause_identity  # noqa: E402
from oracle_ranges import (Unsupported, answer_key, days_after_purchase_problem, in_acceptance, in_range,  # noqa: E402
                           promised_problems)

SEED = 20261206
SCALE = float(os.environ.get("WARRANT_ORACLE_SCALE", "1"))
RANDOM_CLAIMS = int(1000 * SCALE)
SAMPLES_PER_RANGE = max(3, int(4 * SCALE))


class Oracle:
    def __init__(self, warrant, source_dir, work):
        self.warrant, self.source_dir, self.work = warrant, source_dir, work
        self.counts = dict(compared=0, declined=0, witnesses=0, sampled=0, random=0, differing=0,
                           reason_claims=0, unsampled_ranges=0)
        self.failures, self.declined = [], []
        with open(os.path.join(source_dir, "docs", "diff-report.schema.json"), encoding="utf-8") as f:
            self.schema = jsonschema.Draft202012Validator(json.load(f))
        # deviations from the schema's words that decide no membership: counted and printed, not failed
        self.known = {}
        self.date_tests = {}  # date test kinds met in ranges, for the summary

    def write(self, pair_dir, side, text):
        folder = os.path.join(pair_dir, side)
        os.makedirs(folder)
        if 'file "sources/' in text:  # a policy that names its source document needs it beside it
            shutil.copytree(os.path.join(self.source_dir, "policies", "sources"), os.path.join(folder, "sources"))
        path = os.path.join(folder, "policy.policy")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def run(self, args, stdin=None):
        return subprocess.run([self.warrant] + args, input=stdin, capture_output=True, text=True, timeout=120)

    def answers(self, path, claims):
        lines = "".join(json.dumps(dict(c, id=i), ensure_ascii=False) + "\n" for i, c in enumerate(claims))
        result = self.run(["query", path, "--batch", "-"], lines)
        out = [json.loads(line) for line in result.stdout.splitlines()]
        if len(out) != len(claims) or any(a.get("id") != i for i, a in enumerate(out)):
            raise AssertionError(f"query --batch answered {len(out)} lines for {len(claims)} claims: {result.stderr}")
        return out

    def fail(self, pair, what, claim=None, before=None, after=None, rng=None):
        self.failures.append(dict(pair=pair, what=what, claim=claim, before=before, after=after,
                                  range=None if rng is None else {k: v for k, v in rng.items() if k[0] != "_"}))

    def prepare(self, name, old_text, new_text):
        """Writes a pair, checks that both versions compile, and diffs them (run ahead, in a thread)."""
        pair_dir = os.path.join(self.work, name.replace("/", "_"))
        old_path, new_path = self.write(pair_dir, "old", old_text), self.write(pair_dir, "new", new_text)
        for path in (old_path, new_path):
            check = self.run(["check", path])
            if check.returncode != 0:
                raise AssertionError(f"{name}: an edit does not compile:\n{check.stdout}{check.stderr}")
        return old_path, new_path, self.run(["diff", old_path, new_path, "--format", "json", "--reasons"])

    def compare_pair(self, name, old_text, new_text, must_compare, rnd, prepared):
        old_path, new_path, diff = prepared.result()
        if diff.returncode == 2:
            return self.fail(name, f"diff failed: {diff.stderr.strip()}")
        report = json.loads(diff.stdout)
        if not report["complete"]:
            # Claims the diff does not compare are named; a pair with any is not sampled here.
            left_out = [n for p in report["policies"] for n in p["not_compared"]]
            ranges_listed = [r for p in report["policies"] for r in p["ranges"]]
            if not left_out or diff.returncode != (1 if ranges_listed else 3):
                self.fail(name, f"an incomplete report names {len(left_out)} claims left out, exit code {diff.returncode}")
            if must_compare:
                return self.fail(name, f"diff left out claims of an edit it must compare: {left_out[0]['reason'] if left_out else ''}")
            self.counts["declined"] += 1
            self.declined.append((name, left_out[0]["reason"] if left_out else ""))
            return None
        for error in self.schema.iter_errors(report):
            self.fail(name, f"the report breaks docs/diff-report.schema.json at {list(error.absolute_path)}: {error.message}")
        ranges_listed = [r for p in report["policies"] for r in p["ranges"]]
        reasons_listed = [r for p in report["policies"] for r in p["reasons"]]
        if report["answers_differ"] != bool(ranges_listed) or report["reasons_differ"] != bool(reasons_listed) or \
                diff.returncode != (1 if ranges_listed or reasons_listed else 0):
            self.fail(name, f"exit code {diff.returncode}, answers_differ {report['answers_differ']}, reasons_differ "
                      f"{report['reasons_differ']} with {len(ranges_listed)} answer and {len(reasons_listed)} reason ranges")
        if len(report["policies"]) != 1:
            return self.fail(name, f"expected one policy pair, got {len(report['policies'])}")
        self.counts["compared"] += 1
        policy = report["policies"][0]
        answer_ranges, reason_ranges = policy["ranges"], policy["reasons"]
        if any(r["kind"] == "reason" for r in answer_ranges) or any(r["kind"] != "reason" for r in reason_ranges):
            self.fail(name, "a reason range among the answer ranges, or the other way round")
        old_decl, new_decl = Declared(old_text), Declared(new_text)
        universe = Universe(old_decl, new_decl)
        identity = clause_identity(old_decl, new_decl)
        everything = answer_ranges + reason_ranges
        acceptance = [r for r in answer_ranges if r["kind"] == "acceptance"]
        for r in acceptance:
            if r["rejects"] == "part" and r["named"] != r["part"]:
                self.fail(name, "an acceptance range for a part must name it in `named` (the schema)", rng=r)

        # 1. witnesses, and 2. claims drawn inside each range from its fields
        batch, owners = [], []
        reference = parse(policy["reference_date"])
        for rng in everything:
            problem = days_after_purchase_problem(rng, reference)
            if problem and problem[0] == "known":
                self.known[problem[1]] = self.known.get(problem[1], 0) + 1
            elif problem:
                self.fail(name, problem[1], rng["witness"], rng=rng)
            for test in rng["dates"]:
                side = lambda v: v if v in ("purchased", "claimed") else "date" if v[:1].isdigit() else "fact"  # noqa: E731
                kind = test["test"] + (f" {side(test['left'])} {side(test['right'])}" if test["test"] == "compares" else "")
                self.date_tests[kind] = self.date_tests.get(kind, 0) + 1
        for index, rng in enumerate(everything):
            if not in_range(rng, rng["witness"], in_acceptance(acceptance, rng["witness"])):
                self.fail(name, "the witness is not in its own range (by the range's fields)", rng["witness"], rng=rng)
            batch.append(rng["witness"])
            owners.append((index, "witness"))
            samples = sample_in_range(rnd, rng, universe, SAMPLES_PER_RANGE * 3, acceptance)[:SAMPLES_PER_RANGE]
            if not samples:
                self.counts["unsampled_ranges"] += 1
            for claim in samples:
                batch.append(claim)
                owners.append((index, "sample"))
        # 3. random claims
        randoms = [random_claim(rnd, universe, reference) for _ in range(RANDOM_CLAIMS)]
        before = self.answers(old_path, batch + randoms)
        after = self.answers(new_path, batch + randoms)

        for i, (index, role) in enumerate(owners):
            rng, claim, b, a = everything[index], batch[i], before[i], after[i]
            if role == "witness":
                self.counts["witnesses"] += 1
                for side, got, want in (("before", b, rng["witness_before"]), ("after", a, rng["witness_after"])):
                    want_key = answer_key(want) if "error" in want else \
                        (want["verdict"], want["warranty_until"], tuple(want["services"]))
                    if answer_key(got) != want_key:
                        self.fail(name, f"witness answered {side} otherwise than the range says", claim, b, a, rng)
            else:
                self.counts["sampled"] += 1
            alone = sum(in_range(r, claim) for r in acceptance) <= 1
            for problem in promised_problems(rng, claim, b, a, identity, role == "witness", alone):
                self.fail(name, f"{role}: {problem}", claim, b, a, rng)

        print(f"  {name}: {len(answer_ranges)} answer ranges, {len(reason_ranges)} reason ranges, "
              f"{len(batch)} witnesses and samples, {len(randoms)} random claims", flush=True)
        # ranges by the part they name: a range of another part cannot hold the claim (for speed)
        def by_part(ranges):
            return {part: [r for r in ranges if r["part"] in (None, part)] for part in universe.parts}
        answers_of, reasons_of = by_part(answer_ranges), by_part(reason_ranges)
        for j, claim in enumerate(randoms):
            b, a = before[len(batch) + j], after[len(batch) + j]
            self.counts["random"] += 1
            self.check_random(name, claim, b, a, answers_of[claim["part"]], reasons_of[claim["part"]], acceptance,
                              identity)
        return None

    def check_random(self, name, claim, b, a, answer_ranges, reason_ranges, acceptance, identity):
        kb, ka = answer_key(b), answer_key(a)
        apart = in_acceptance(acceptance, claim)
        holding = [r for r in answer_ranges if in_range(r, claim, apart)]
        reasons = [r for r in reason_ranges if in_range(r, claim, apart)]
        of = lambda kind: [r for r in holding if r["kind"] == kind]  # noqa: E731
        rejected = kb[0] == "error" or ka[0] == "error"
        if kb != ka:
            self.counts["differing"] += 1
        if rejected:
            if of("verdict") or of("until"):
                self.fail(name, "a rejected claim is in a verdict or until range", claim, b, a, (of("verdict") + of("until"))[0])
            if kb != ka and not of("acceptance"):
                self.fail(name, "one version rejects the claim but no acceptance range holds it", claim, b, a)
            for r in of("acceptance") if kb != ka else []:
                for problem in promised_problems(r, claim, b, a, identity, alone=len(of("acceptance")) == 1):
                    self.fail(name, f"random claim: {problem}", claim, b, a, r)
        else:
            if of("acceptance"):
                self.fail(name, "both versions accept the claim but an acceptance range holds it", claim, b, a, of("acceptance")[0])
            for kind, differs in (("verdict", kb[0] != ka[0]), ("until", kb[1:] != ka[1:])):
                if len(of(kind)) != (1 if differs else 0):
                    self.fail(name, f"{'answered differently' if differs else 'answered alike'} ({kind}) "
                              f"but in {len(of(kind))} {kind} ranges", claim, b, a, (of(kind) or [None])[0])
                for r in of(kind):
                    for problem in promised_problems(r, claim, b, a, identity):
                        self.fail(name, f"random claim: {problem}", claim, b, a, r)
        cited_apart = not rejected and kb == ka and \
            set(b["clauses"]) != {identity.get(c, c) for c in a["clauses"]}
        if cited_apart:
            self.counts["reason_claims"] += 1
        if len(reasons) != (1 if cited_apart else 0):
            self.fail(name, f"{'cited apart' if cited_apart else 'not cited apart'} but in {len(reasons)} reason ranges",
                      claim, b, a, (reasons or [None])[0])
        for r in reasons if cited_apart else []:
            for problem in promised_problems(r, claim, b, a, identity):
                self.fail(name, f"random claim: {problem}", claim, b, a, r)


def main():
    warrant, source_dir = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    half = int(sys.argv[sys.argv.index("--half") + 1]) if "--half" in sys.argv else 0
    start = time.monotonic()
    chosen = [p for i, p in enumerate(pairs(source_dir)) if half == 0 or i % 2 == half - 1]
    with tempfile.TemporaryDirectory(prefix="diff-oracle-") as work, \
            concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        oracle = Oracle(warrant, source_dir, work)
        # the diffs (most of the time) run ahead of the checking, two at a time
        prepared = [pool.submit(oracle.prepare, name, old_text, new_text) for name, old_text, new_text, _ in chosen]
        for (name, old_text, new_text, must), ready in zip(chosen, prepared):
            rnd = random.Random(f"{SEED}/{name}")  # per pair, so halves and reorders keep each pair's claims
            try:
                oracle.compare_pair(name, old_text, new_text, must, rnd, ready)
            except Unsupported as e:
                oracle.fail(name, f"unsupported range field: {e}")
    c = oracle.counts
    print(f"diff oracle{'' if not half else f' (half {half} of 2)'}: {c['compared']} pairs compared, "
          f"{c['declined']} declined; {c['witnesses']} witnesses, {c['sampled']} claims sampled in ranges "
          f"({c['unsampled_ranges']} ranges gave only their witness), {c['random']} random claims, "
          f"{c['differing']} answered differently, {c['reason_claims']} alike citing other clauses; "
          f"{len(oracle.failures)} failures; {time.monotonic() - start:.1f} s")
    print("  date tests met in ranges: " + ", ".join(f"{k} ({n})" for k, n in sorted(oracle.date_tests.items())))
    for what, n in oracle.known.items():
        print(f"  known, {n} x {what}")
    for name, why in oracle.declined:
        print(f"  declined: {name}: {why}")
    kinds = {}
    for f in oracle.failures:
        key = f"{f['pair']}: {f['what']}"
        kinds[key] = kinds.get(key, 0) + 1
    for key, n in sorted(kinds.items()):
        print(f"  {n} x {key}")
    for f in oracle.failures[:20]:
        print(json.dumps(f, ensure_ascii=False, indent=None))
    if len(oracle.failures) > 20:
        print(f"... and {len(oracle.failures) - 20} more failures")
    if c["compared"] == 0 or c["random"] == 0:
        print("nothing was compared")
        return 1
    return 1 if oracle.failures else 0


if __name__ == "__main__":
    sys.exit(main())
