"""Version pairs for the diff oracle: revisions of the bundled Hong Kong policy made by text
edits, and the pairs the repository already keeps. An edit that no longer applies raises, so
the test cannot silently stop exercising it when the policy changes."""
import os
import re


class EditDoesNotApply(Exception):
    pass


def replace_once(text, old, new):
    if text.count(old) != 1:
        raise EditDoesNotApply(f"expected exactly one {old!r}, found {text.count(old)}")
    return text.replace(old, new)


def sub_once(text, pattern, new, flags=re.M):
    result, n = re.subn(pattern, new, text, flags=flags)
    if n != 1:
        raise EditDoesNotApply(f"expected exactly one match of {pattern!r}, found {n}")
    return result


def rule_block(text, name):
    match = re.search(rf'^rule {re.escape(name)} per .*\n(?:[ \t]+\S.*\n)*', text, re.M)
    if not match:
        raise EditDoesNotApply(f"no rule {name}")
    return match.group(0)


def move_rule_before(text, name, before):
    block = rule_block(text, name)
    text = text.replace(block, "", 1)
    target = rule_block(text, before)
    return text.replace(target, block + target, 1)


def move_model(text, line, series):
    text = sub_once(text, rf'^[ \t]*{re.escape(line)}.*\n', "")
    return sub_once(text, rf'^(series {re.escape(series)} .*\{{\n)', rf'\g<1>    {line}\n')


HK_EDITS = {
    "period_months": lambda t: replace_once(
        t, 'period device 18 months for "紅米Note Seven"', 'period device 24 months for "紅米Note Seven"'),
    # an invariant bounds the charger in months, which do not compare with days: it drops that bound
    "period_days": lambda t: replace_once(replace_once(
        t, "period charger  6 months                        via walk_in",
        "period charger  183 days                        via walk_in"),
        "period charger >= 6 months and ", ""),
    "end_of_service_moved": lambda t: replace_once(t, "end_of_service 2023-08-10", "end_of_service 2023-09-20"),
    "exclusion_added": lambda t: replace_once(
        t, "requirement invoice ",
        'exclusion liquid_damage "入液 (liquid damage)" default false per s3.misuse\nrequirement invoice '),
    "exclusion_removed": lambda t: sub_once(t, r'^exclusion carrier_reception .*\n', ""),
    "rules_reordered": lambda t: move_rule_before(
        move_rule_before(t, "repeat_repair", "device_repair"), "requirement_unmet", "exclusion_applies"),
    "calendar_overflow": lambda t: replace_once(
        t, "calendar months clamp last_day covered", "calendar months overflow last_day covered"),
    "calendar_last_day_excluded": lambda t: replace_once(
        t, "calendar months clamp last_day covered", "calendar months clamp last_day excluded"),
    "model_moved_series": lambda t: move_model(t, 'model "Xiaomi 14T Pro"', "xiaomi"),
    "alias_removed": lambda t: replace_once(t, 'model "REDMI 2" alias "REDMI 2/2A"', 'model "REDMI 2"'),
    "region_renamed": lambda t: sub_once(t, r'^(\s+region\s+)HK\b', r'\g<1>HX'),
    "repair_window_months": lambda t: replace_once(
        t, "claimed within 30 days after last_repair", "claimed within 1 months after last_repair"),
    "requirement_default_flipped": lambda t: sub_once(
        t, r'^(requirement first_owner .*)default true', r'\g<1>default false'),
    "fact_default_flipped": lambda t: sub_once(
        t, r'^(fact same_fault .*)default false', r'\g<1>default true'),
    # (not the repair window in months: that edit alone is the slowest diff of all)
    "several_at_once": lambda t: HK_EDITS["end_of_service_moved"](HK_EDITS["period_days"](
        HK_EDITS["fact_default_flipped"](HK_EDITS["rules_reordered"](t)))),
    "wording_only": lambda t: replace_once(
        replace_once(t, '"免費維修 (free repair)"', '"免費維修 (repair at no charge)"'),
        "# ==== Preamble", "# ==== Preamble (reworded)"),
}

# The cn-sanbao example: counts, choices and dates a claim carries.
SANBAO_EDITS = {
    "count_threshold": lambda t: replace_once(t, "repairs_same_fault >= 2", "repairs_same_fault >= 3"),
    "date_window": lambda t: replace_once(
        t, "claimed within 7 days after delivered_on", "claimed within 10 days after delivered_on"),
    "warranty_from_dropped": lambda t: sub_once(t, r'^warranty from exchanged_on .*\n', ""),
    # date facts compared with a fixed date and with the claim, and tested for when they fall
    "date_fact_compared": lambda t: replace_once(t, "delivered_on is given and", "delivered_on >= 2024-06-01 and"),
    "date_fact_before_claim": lambda t: replace_once(t, "delivered_on is given and", "delivered_on < claimed and"),
    "date_fact_after_purchase": lambda t: replace_once(
        t, "delivered_on is given and", "delivered_on within 3 days after purchase and"),
    "date_given_only": lambda t: replace_once(
        t, "delivered_on is given and claimed within 7 days after delivered_on", "delivered_on is given"),
    # a period chosen by a date the claim carries: against a calendar date, in a window after the purchase
    "period_by_date_fact": lambda t: replace_once(
        t, "period device    12 months per table.device",
        "period device    24 months when delivered_on >= 2024-06-01 per table.device\nperiod device    12 months per table.device"),
    "period_by_date_window": lambda t: replace_once(
        t, "period device    12 months per table.device",
        "period device    18 months when delivered_on within 30 days after purchase per table.device\n"
        "period device    12 months per table.device"),
}


def pairs(source_dir):
    """(name, old text, new text, must compare): HK edits must be compared; others may be declined.
    The halves of the test take every other pair: the slow HK diffs are ordered to alternate."""
    out = []
    hk = open(os.path.join(source_dir, "policies", "xiaomi-hk.policy"), encoding="utf-8").read()
    for name, edit in HK_EDITS.items():
        out.append(("hk/" + name, hk, edit(hk), True))
    sanbao = open(os.path.join(source_dir, "examples", "cn-sanbao", "phones.policy"), encoding="utf-8").read()
    for name, edit in SANBAO_EDITS.items():
        out.append(("sanbao/" + name, sanbao, edit(sanbao), False))
    golden = os.path.join(source_dir, "tests", "golden", "diff")
    for name in sorted(os.listdir(golden)):
        old, new = (os.path.join(golden, name, f) for f in ("old.policy", "new.policy"))
        if os.path.exists(old) and os.path.exists(new):
            out.append(("golden/" + name, open(old, encoding="utf-8").read(), open(new, encoding="utf-8").read(), False))
    return out
