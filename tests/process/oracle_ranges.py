"""Whether a claim lies in a range of `warrant diff --format json`, decided from the range's
structured fields only (docs/diff-report.schema.json), and what answers the range promises."""
import functools

from oracle_dates import ONE_DAY, is_date, last_covered_day, parse


class Unsupported(Exception):
    """A field value the oracle does not know: the test fails rather than skip it."""


@functools.lru_cache(maxsize=None)
def normalise_model(name):
    # queries ignore case, spaces, '-' and '_', and fold full-width forms
    out = []
    for ch in name:
        code = ord(ch)
        if 0xFF01 <= code <= 0xFF5E:
            ch = chr(code - 0xFEE0)
        elif code == 0x3000:
            ch = " "
        if ch.isspace() or ch in "-_":
            continue
        out.append(ch.lower())
    return "".join(out)


def _fact_given(claim, name):
    facts = claim.get("facts") or {}
    return name in facts and facts[name] is not None


def _bool_state(claim, name):
    if not _fact_given(claim, name):
        return "not_given"
    return "true" if claim["facts"][name] is True else "false"


def fact_condition_holds(cond, claim):
    if "counts" in cond or "choices" in cond:
        if len(cond["facts"]) != 1:
            raise Unsupported(f"a count or choice condition on several facts: {cond}")
        name = cond["facts"][0]
        if not _fact_given(claim, name):
            return ["not_given"] in cond["accepted"]
        value = claim["facts"][name]
        if "counts" in cond:
            return any(lo <= value <= hi for lo, hi in cond["counts"])
        return str(value).lower() in {c.lower() for c in cond["choices"]}
    states = {_bool_state(claim, name) for name in cond["facts"]}
    return any(states == set(a) for a in cond["accepted"])


def _date_of(claim, side):
    """A compares side: purchased, claimed, a date fact (None when not given) or a calendar date."""
    if side in ("purchased", "claimed"):
        return parse(claim[side])
    if len(side) == 10 and side[4] == "-" and side[7] == "-" and side[:4].isdigit():
        return parse(side)
    return _given_date(claim, side)


def _given_date(claim, name):
    """A date fact's date, or None when the claim does not give it as a date."""
    value = (claim.get("facts") or {}).get(name)
    return parse(value) if is_date(value) else None


COMPARE = {"=": lambda a, b: a == b, "<": lambda a, b: a < b, "<=": lambda a, b: a <= b,
           ">": lambda a, b: a > b, ">=": lambda a, b: a >= b}


def date_test_value(test, claim):
    kind = test["test"]
    claimed, purchased = parse(claim["claimed"]), parse(claim["purchased"])
    if kind == "within_from_purchase":
        return claimed <= last_covered_day(purchased, test["length"])
    if kind == "on_or_before":
        return claimed <= parse(test["date"])
    if kind == "has_last_repair":
        return claim.get("last_repair") is not None
    if kind == "within_from_repair":
        return claim.get("last_repair") is not None and \
            claimed <= last_covered_day(parse(claim["last_repair"]), test["length"])
    if kind == "has_date":
        return _given_date(claim, test["fact"]) is not None
    if kind == "within_from_date":
        given = _given_date(claim, test["fact"])
        return given is not None and claimed <= last_covered_day(given, test["length"])
    if kind == "date_within_from_purchase":
        given = _given_date(claim, test["fact"])
        return given is not None and purchased <= given <= last_covered_day(purchased, test["length"])
    if kind == "compares":
        left, right = _date_of(claim, test["left"]), _date_of(claim, test["right"])
        if test["comparison"] not in COMPARE:
            raise Unsupported(f"comparison {test['comparison']!r}")
        return left is not None and right is not None and COMPARE[test["comparison"]](left, right)
    raise Unsupported(f"date test {kind!r}")


def warranty_end(claim, length, from_fact):
    """The warranty_until a version answers when its period is `length`, counted from `from_fact`
    when the claim gives it, else from the purchase; None for no period."""
    if length is None:
        return None
    start = _given_date(claim, from_fact) if from_fact else None
    return last_covered_day(start or parse(claim["purchased"]), length).isoformat()


def _outside(claim, region):
    given = claim.get("purchase_region")
    return given is not None and given.lower() != region.lower()


def in_acceptance(acceptance, claim):
    return any(in_range(a, claim) for a in acceptance)


def in_range(rng, claim, accepted_apart=False):
    """accepted_apart: the claim is in one of the pair's acceptance ranges. Verdict, until and reason
    ranges hold only claims both versions accept, and some rejections (a region code only one
    version has) have no field of their own: a claim in an acceptance range is in no other range."""
    if accepted_apart and rng["kind"] != "acceptance":
        return False
    keys = rng.get("_key_set")
    if keys is None:
        keys = rng["_key_set"] = frozenset(rng["model_keys"])  # a set, for speed: ranges are read many times
    if keys and normalise_model(claim["model"]) not in keys:
        return False
    if rng["part"] is not None and claim["part"] != rng["part"]:
        return False
    if rng["outside_region"] is not None and _outside(claim, rng["region"]) != rng["outside_region"]:
        return False
    if rng.get("outside_old_region") is not None and \
            _outside(claim, rng["old_region"]) != rng["outside_old_region"]:
        return False
    if not all(fact_condition_holds(c, claim) for c in rng["facts"]):
        return False
    if not all(date_test_value(t, claim) == t["holds"] for t in rng["dates"]):
        return False
    kind = rng["kind"]
    if kind == "acceptance":
        return _accepts_named(rng, claim)
    if kind not in ("verdict", "until", "reason"):
        raise Unsupported(f"range kind {kind!r}")
    purchases = rng.get("purchases", "every")
    if purchases == "every":
        return True
    ends_differ = warranty_end(claim, rng["until_before"], rng.get("until_from_before")) != \
        warranty_end(claim, rng["until_after"], rng.get("until_from_after"))
    if purchases == "where_ends_differ":
        return ends_differ
    if purchases == "where_ends_alike":
        return not ends_differ
    raise Unsupported(f"purchases {purchases!r}")


def _accepts_named(rng, claim):
    rejects, named = rng["rejects"], rng["named"]
    if rejects == "model":
        return True  # the model keys above say which spellings one version lacks
    if rejects == "part":
        if named is None:
            raise Unsupported(f"an acceptance range for a part names no part: {rng['claims']}")
        return claim["part"] == named
    if rejects == "fact":
        if not _fact_given(claim, named):
            return False
        return "named_value" not in rng or str(claim["facts"][named]).lower() == rng["named_value"].lower()
    if rejects == "missing_fact":
        return not _fact_given(claim, named)
    if rejects == "region":
        return claim.get("region") is not None and claim["region"].lower() == named.lower()
    raise Unsupported(f"acceptance range rejecting {rejects!r}")


def answer_key(answer):
    """What the diff compares: the error code, or verdict, warranty end and services."""
    if "error" in answer:
        code = answer["error"]["code"] if isinstance(answer["error"], dict) else answer["error"]
        return ("error", code)
    return (answer["verdict"], answer["warranty_until"], tuple(answer["services"]))


def promised_problems(rng, claim, before, after, identity, witness=False, alone=True):
    """Why the answers `before` and `after` to a claim of `rng` break what the range says ([] if not).
    identity: new clause id -> old clause id, for reason ranges, whose clauses are the witness's
    (other claims of the range may cite more clauses of the same kind, such as each exclusion).
    alone: the claim is in no other acceptance range (else which name a version reports first is
    its own choice, and the other version may reject it for the other name)."""
    kind, problems = rng["kind"], []
    kb, ka = answer_key(before), answer_key(after)
    if kind == "acceptance":
        for side, got, want in (("before", kb, rng["witness_before"]), ("after", ka, rng["witness_after"])):
            if "error" in want and got[0] != "error":
                problems.append(f"{side}: expected error {want['error']}")
            if alone and "error" in want and got != ("error", want["error"]):
                problems.append(f"{side}: expected error {want['error']}")
            if alone and "error" not in want and got[0] == "error":
                problems.append(f"{side}: expected an answer")
        return problems
    if kb[0] == "error" or ka[0] == "error":
        return [f"{kind} range holds claims both versions accept"]
    if kind == "verdict":
        if kb[0] != rng["before"] or ka[0] != rng["after"]:
            problems.append(f"expected verdicts {rng['before']} -> {rng['after']}")
    elif kind == "until":
        want_b = warranty_end(claim, rng["until_before"], rng["until_from_before"])
        want_a = warranty_end(claim, rng["until_after"], rng["until_from_after"])
        if kb[1] != want_b or ka[1] != want_a:
            problems.append(f"expected warranty_until {want_b} -> {want_a}")
        if list(kb[2]) != rng["services_before"] or list(ka[2]) != rng["services_after"]:
            problems.append(f"expected services {rng['services_before']} -> {rng['services_after']}")
        if kb[1:] == ka[1:]:
            problems.append("until range but warranty end and services alike")
    elif kind == "reason":
        if kb != ka:
            problems.append("reason range holds claims answered alike")
        got_b, got_a = set(before["clauses"]), {identity.get(c, c) for c in after["clauses"]}
        if got_b == got_a:
            problems.append("reason range but the same clauses are cited")
        if witness and (got_b != set(rng["clauses_before"]) or
                        got_a != {identity.get(c, c) for c in rng["clauses_after"]}):
            problems.append(f"expected clauses {rng['clauses_before']} -> {rng['clauses_after']}")
    return problems


PURCHASE_AND_CLAIM = ("within_from_purchase", "on_or_before", "compares")


def days_after_purchase_problem(rng, reference, horizon=4000):
    """The range's `days_after_purchase` against the days after a purchase on the reference date on
    which its date tests hold, for ranges whose tests read only the purchase, the claim and fixed
    dates. Returns None or ("wrong", why)."""
    def plain(side):
        return side in ("purchased", "claimed") or side[:1].isdigit()
    if rng["days_after_purchase"] is None and not rng["dates"]:
        return None
    if any(t["test"] not in PURCHASE_AND_CLAIM or
           t["test"] == "compares" and not (plain(t["left"]) and plain(t["right"])) for t in rng["dates"]):
        return None
    # each test changes value at most once as the claim moves on: only the days around those
    # changes, and the ends, need testing to find the first and last day the tests hold
    turns = {0, horizon - 1}
    for t in rng["dates"]:
        if t["test"] == "within_from_purchase":
            turns.add((last_covered_day(reference, t["length"]) - reference).days)
        for side in (t.get("date"), t.get("left"), t.get("right")):
            if side and side[:1].isdigit():
                turns.add((parse(side) - reference).days)
    candidates = sorted({k + d for k in turns for d in (-1, 0, 1) if 0 <= k + d < horizon})
    days = [k for k in candidates
            if all(date_test_value(t, {"purchased": reference.isoformat(),
                                       "claimed": (reference + k * ONE_DAY).isoformat()}) == t["holds"]
                   for t in rng["dates"])]
    got = None if not days else {"from": days[0], "to": None if days[-1] == horizon - 1 else days[-1]}
    if got == rng["days_after_purchase"]:
        return None
    return ("wrong", f"days_after_purchase {rng['days_after_purchase']}, but the date tests give {got} "
                     f"for a purchase on {reference}")
