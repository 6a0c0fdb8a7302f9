"""Claims for the diff oracle: random claims over what either version declares, with dates
around the boundaries the policies name, and claims drawn inside a range from its fields."""
import copy
import datetime

from oracle_dates import add_months, is_date, parse
from oracle_ranges import in_acceptance, in_range

DAY = datetime.timedelta(days=1)
LIMIT = datetime.date(8999, 12, 31)


class Universe:
    """Everything the two versions declare, merged: names only one version knows are meant to
    reach the acceptance ranges."""

    def __init__(self, old, new):
        self.regions = [old.region, new.region]
        self.models = sorted(set(old.models) | set(new.models))
        self.parts = sorted(set(old.parts) | set(new.parts))
        # name -> the (kind, choice values) each version declares it with: a fact of another kind
        # in each version gets values of either kind, and a choice the values of both
        self.facts = {}
        for decl in (old, new):
            for name, (kind, values) in decl.facts.items():
                variants = self.facts.setdefault(name, [])
                same = [i for i, (k, _) in enumerate(variants) if k == kind]
                if not same:
                    variants.append((kind, values))
                elif kind == "choice":
                    variants[same[0]] = (kind, sorted(set(variants[same[0]][1]) | set(values)))
        self.date_facts = [n for n, variants in self.facts.items() if any(k == "date" for k, _ in variants)]
        self.dates = sorted({parse(d) for d in old.dates + new.dates})
        self.lengths = sorted(set(old.lengths + new.lengths))
        self.numbers = sorted(set(old.numbers + new.numbers))


def _after(rng, start, universe):
    """A day after `start`, near a boundary a policy names (a length from it, a fixed date) or anywhere."""
    pick = rng.random()
    if pick < 0.45 and universe.lengths:
        count, unit = rng.choice(universe.lengths)
        end = start + count * DAY if unit == "days" else add_months(start, count, rng.choice(["clamp", "overflow"]))
        day = end + rng.choice([-1, 0, 0, 1, 1, 2]) * DAY
    elif pick < 0.65 and universe.dates:
        day = rng.choice(universe.dates) + rng.choice([-1, 0, 1]) * DAY
    else:
        day = start + rng.choice([rng.randint(0, 40), rng.randint(0, 1200)]) * DAY
    return max(start, min(day, LIMIT))


def _between(rng, first, last, universe):
    day = _after(rng, first, universe) if rng.random() < 0.6 else first + rng.randint(0, (last - first).days) * DAY
    return min(day, last)


def _purchase(rng, universe, reference):
    pick = rng.random()
    if pick < 0.3 and universe.dates:
        # a purchase a period's length before a fixed date reaches it
        count, unit = rng.choice(universe.lengths) if universe.lengths else (0, "days")
        back = -count if unit == "months" else 0
        base = rng.choice(universe.dates)
        day = add_months(base, back, "clamp") if unit == "months" else base - count * DAY
        return day + rng.choice([-1, 0, 1, rng.randint(-400, 400)]) * DAY
    if pick < 0.4:
        return datetime.date(rng.choice([2024, 2028]), 2, 29) - rng.choice([0, 1]) * DAY
    if pick < 0.5:
        return datetime.date(rng.randint(2020, 2027), rng.choice([1, 3, 5, 8, 10, 12]), 31)
    return reference + rng.randint(-1500, 500) * DAY


def random_value(rng, universe, name, claim):
    kind, values = rng.choice(universe.facts[name])
    if kind == "bool":
        return rng.random() < 0.5
    if kind == "count":
        near = [max(0, n + d) for n in universe.numbers for d in (-1, 0, 1)] or [0, 1, 2]
        return rng.choice(near + [0, rng.randint(0, 10)])
    if kind == "choice":
        value = rng.choice(values)
        return value.upper() if rng.random() < 0.1 else value
    if kind == "date":
        return _between(rng, parse(claim["purchased"]), parse(claim["claimed"]), universe).isoformat()
    raise AssertionError(f"fact kind {kind!r}")


def random_claim(rng, universe, reference):
    purchased = _purchase(rng, universe, reference)
    claimed = _after(rng, purchased, universe)
    claim = {"model": rng.choice(universe.models), "part": rng.choice(universe.parts),
             "purchased": purchased.isoformat(), "claimed": claimed.isoformat()}
    if rng.random() < 0.3:
        claim["last_repair"] = _between(rng, purchased, claimed, universe).isoformat()
    facts = {}
    for name in universe.facts:
        if rng.random() < 0.25:
            facts[name] = random_value(rng, universe, name, claim)
    if facts:
        claim["facts"] = facts
    if rng.random() < 0.1:
        claim["region"] = rng.choice(universe.regions)
    if rng.random() < 0.25:
        claim["purchase_region"] = rng.choice(universe.regions + ["XX", universe.regions[-1].lower()])
    return claim


def _satisfy_facts(rng, rng_fields, claim, universe):
    """Sets the facts a range's conditions name to values that meet them (drawn at random)."""
    facts = claim.setdefault("facts", {})
    for cond in rng_fields["facts"]:
        names = cond["facts"]
        if "counts" in cond or "choices" in cond:
            options = list(cond["accepted"]) + [("value",)]
            choice = rng.choice(options)
            if choice == ["not_given"]:
                facts.pop(names[0], None)
            elif "counts" in cond and cond["counts"]:
                lo, hi = rng.choice(cond["counts"])
                facts[names[0]] = rng.choice([lo, min(hi, lo + 1), min(hi, lo + rng.randint(0, 20))])
            elif cond.get("choices"):
                facts[names[0]] = rng.choice(cond["choices"])
            continue
        if not cond["accepted"]:
            continue
        states = list(rng.choice(cond["accepted"]))
        if len(states) > len(names):
            continue
        order = names[:]
        rng.shuffle(order)
        for i, name in enumerate(order):
            state = states[i] if i < len(states) else rng.choice(states)
            if state == "not_given":
                facts.pop(name, None)
            else:
                facts[name] = state == "true"
    if not facts:
        del claim["facts"]


def sample_in_range(rng, rng_fields, universe, tries, acceptance):
    """Claims of the range, built from its fields around its witness; only those the oracle's own
    membership test accepts are returned (the witness alone may be all a narrow range gives)."""
    found = []
    keys = rng_fields["model_keys"]
    for _ in range(tries):
        claim = copy.deepcopy(rng_fields["witness"])
        if keys:
            claim["model"] = rng.choice(keys)
        elif rng.random() < 0.5:
            claim["model"] = rng.choice(universe.models)
        if rng_fields["part"] is None and rng_fields["kind"] != "acceptance" and rng.random() < 0.5:
            claim["part"] = rng.choice(universe.parts)
        shift = rng.choice([0, 0, 1, -1, rng.randint(-60, 60), rng.randint(-800, 800)]) * DAY
        dates = ["purchased", "claimed", "last_repair"]
        date_facts = universe.date_facts
        for field in dates:
            if field in claim:
                claim[field] = min(parse(claim[field]) + shift, LIMIT).isoformat()
        for name in date_facts:
            if is_date((claim.get("facts") or {}).get(name)):
                claim["facts"][name] = min(parse(claim["facts"][name]) + shift, LIMIT).isoformat()
        purchased = parse(claim["purchased"])
        if rng.random() < 0.6:
            claim["claimed"] = max(purchased, parse(claim["claimed"]) + rng.randint(-3, 3) * DAY).isoformat()
        claimed = parse(claim["claimed"])
        if rng.random() < 0.3:
            claim["last_repair"] = _between(rng, purchased, claimed, universe).isoformat()
        facts = claim.setdefault("facts", {})
        for name in universe.facts:
            if rng.random() < 0.15:
                facts[name] = random_value(rng, universe, name, claim)
        for name in date_facts:
            if is_date(facts.get(name)) and not (purchased <= parse(facts[name]) <= claimed):
                facts[name] = _between(rng, purchased, claimed, universe).isoformat()
        if not facts:
            del claim["facts"]
        _satisfy_facts(rng, rng_fields, claim, universe)
        if claim.get("last_repair") and not (purchased <= parse(claim["last_repair"]) <= claimed):
            del claim["last_repair"]
        if rng.random() < 0.2:
            claim["purchase_region"] = rng.choice(universe.regions + ["XX"])
        if in_range(rng_fields, claim, in_acceptance(acceptance, claim)):
            found.append(claim)
    return found
