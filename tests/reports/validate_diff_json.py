#!/usr/bin/env python3
"""Validates `warrant diff --format json` reports against docs/diff-report.schema.json.

usage: validate_diff_json.py SCHEMA REPORT [REPORT...]

Each report must be valid JSON that the schema accepts. Besides the schema, every range (and
every reason range, listed apart) must hold its own witness by its structured fields (model keys, part, facts, region of purchase,
date tests): a program can check membership without reading the words. Prints each failure,
then "N passed, N failed"; exits 1 when any report failed, 2 on bad usage.
Needs only python3-jsonschema (Debian).
"""
import datetime
import json
import sys

import jsonschema


def normalise(spelling):
    out = []
    for ch in spelling:
        code = ord(ch)
        if 0xFF01 <= code <= 0xFF5E:
            ch = chr(code - 0xFEE0)
        if ch in " \t-_\u3000":
            continue
        out.append(ch.lower() if ch.isascii() else ch)
    return "".join(out)


def last_day(start, length):
    count = length["count"]
    if length["unit"] == "days":
        end = start + datetime.timedelta(days=count)
    else:
        months = start.month - 1 + count
        year, month = start.year + months // 12, months % 12 + 1
        days_in = [31, 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28,
                   31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        if start.day <= days_in:
            end = datetime.date(year, month, start.day)
        elif length["months"] == "clamp":
            end = datetime.date(year, month, days_in)
        else:
            end = datetime.date(year, month, days_in) + datetime.timedelta(days=start.day - days_in)
    if length["last_day"] == "excluded":
        end -= datetime.timedelta(days=1)
    return end


def holds(rng, claim):
    """Whether `claim` (a witness query) is in `rng` by the range's structured fields."""
    if rng["model_keys"] and normalise(claim["model"]) not in rng["model_keys"]:
        return False
    if rng["part"] is not None and claim["part"].lower() != rng["part"].lower():
        return False
    given, values = {}, {}
    for name, value in claim.get("facts", {}).items():
        given[name.lower()] = "true" if value is True else "false"
        values[name.lower()] = value
    if rng["kind"] == "acceptance":
        named = rng.get("named")
        if rng["rejects"] == "fact":
            if "named_value" in rng:
                value = values.get(named.lower())
                return isinstance(value, str) and value.lower() == rng["named_value"].lower()
            return named.lower() in given
        if rng["rejects"] == "missing_fact":
            return named.lower() not in given
        if rng["rejects"] == "region":
            return claim.get("region", "").lower() == named.lower()
        return True
    for condition in rng["facts"]:
        if "counts" in condition or "choices" in condition:
            value = values.get(condition["facts"][0].lower())
            if value is None:
                ok = [["not_given"]] == condition["accepted"]
            elif "counts" in condition:
                ok = isinstance(value, int) and not isinstance(value, bool) and any(lo <= value <= hi for lo, hi in condition["counts"])
            else:
                ok = isinstance(value, str) and value.lower() in [c.lower() for c in condition["choices"]]
            if not ok:
                return False
            continue
        ways = {given.get(f.lower(), "not_given") for f in condition["facts"]}
        if not any(set(accepted) == ways for accepted in condition["accepted"]):
            return False
    purchased = datetime.date.fromisoformat(claim["purchased"])

    def given_date(name):
        value = values.get(name.lower()) if name else None
        return datetime.date.fromisoformat(value) if isinstance(value, str) else None

    claimed = datetime.date.fromisoformat(claim["claimed"])
    repair = datetime.date.fromisoformat(claim["last_repair"]) if "last_repair" in claim else None
    for test in rng["dates"]:
        kind = test["test"]
        if kind == "within_from_purchase":
            value = claimed <= last_day(purchased, test["length"])
        elif kind == "on_or_before":
            value = claimed <= datetime.date.fromisoformat(test["date"])
        elif kind == "has_last_repair":
            value = repair is not None
        elif kind == "has_date":
            value = given_date(test["fact"]) is not None
        elif kind == "within_from_date":
            day = given_date(test["fact"])
            value = day is not None and claimed <= last_day(day, test["length"])
        elif kind == "date_within_from_purchase":
            day = given_date(test["fact"])
            value = day is not None and purchased <= day <= last_day(purchased, test["length"])
        elif kind == "compares":
            def side(text):
                if text == "purchased":
                    return purchased
                if text == "claimed":
                    return claimed
                if text[:1].isdigit():
                    return datetime.date.fromisoformat(text)
                return given_date(text)
            left, right = side(test["left"]), side(test["right"])
            value = left is not None and right is not None and {
                "=": left == right, "<": left < right, "<=": left <= right, ">": left > right, ">=": left >= right}[test["comparison"]]
        else:
            value = repair is not None and claimed <= last_day(repair, test["length"])
        if value != test["holds"]:
            return False
    def ends():  # each version's warranty end, counted from its start
        out = []
        for length, start in (("until_before", "until_from_before"), ("until_after", "until_from_after")):
            begin = given_date(rng.get(start)) or purchased
            out.append(last_day(begin, rng[length]) if rng[length] else None)
        return out

    if rng["kind"] == "until":
        if rng["purchases"] == "where_ends_differ":
            before, after = ends()
            return before != after
        return True
    if rng["kind"] == "reason" and rng["purchases"] == "where_ends_alike":
        before, after = ends()
        if before != after:
            return False
    bought = claim.get("purchase_region", "")
    for key, region in (("outside_region", rng["region"]), ("outside_old_region", rng.get("old_region"))):
        if rng.get(key) is not None and (bought != "" and bought.lower() != region.lower()) != rng[key]:
            return False
    return True


def problems(path, validator):
    try:
        with open(path, encoding="utf-8") as f:
            report = json.load(f)
    except (OSError, ValueError) as e:
        return [f"cannot read JSON: {e}"]
    found = []
    for error in sorted(validator.iter_errors(report), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(p) for p in error.absolute_path) or "(top)"
        found.append(f"{where}: {error.message}")
    if found:
        return found
    for p, policy in enumerate(report["policies"]):
        for key in ("ranges", "reasons"):
            for r, rng in enumerate(policy[key]):
                if (rng["kind"] == "reason") != (key == "reasons"):
                    found.append(f"policies/{p}/{key}/{r}: a {rng['kind']} range among the {key}")
                if not holds(rng, rng["witness"]):
                    found.append(f"policies/{p}/{key}/{r}: its fields do not hold its own witness")
    return found


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft202012Validator(schema)
    passed = failed = 0
    for path in argv[2:]:
        found = problems(path, validator)
        if found:
            failed += 1
            for line in found[:20]:
                print(f"{path}: {line}")
        else:
            passed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
