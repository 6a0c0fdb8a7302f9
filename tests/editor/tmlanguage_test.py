#!/usr/bin/env python3
"""Tests grammar/policy.tmLanguage.json, the TextMate grammar editors highlight .policy files with.

A minimal TextMate tokenizer (match, begin/end, captures, include; enough for this grammar) runs
the grammar with Python's `re` over the Hong Kong policy and over small lines, and the scopes it
gives are compared with an independent reading of the same text: a small lexer that follows
grammar/policy.peg's token rules, and the .peg's own list of keywords.

Run from anywhere: python3 tests/editor/tmlanguage_test.py. Prints `N passed, N failed` and exits
non-zero when a check fails. Standard library only.
"""

import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
GRAMMAR = ROOT / "grammar" / "policy.tmLanguage.json"
PEG = ROOT / "grammar" / "policy.peg"
POLICY = ROOT / "policies" / "xiaomi-hk.policy"
EXAMPLES = ROOT / "policies" / "xiaomi-hk.examples"

STATEMENT_KEYWORDS = ["policy", "calendar", "clause", "part", "service", "outcome", "fact", "exclusion",
                      "requirement", "series", "period", "list", "end_of_service", "rule", "invariant", "example"]


# ---- a minimal TextMate tokenizer ------------------------------------------------------------

class Grammar:
    def __init__(self, data):
        self.scope = data["scopeName"]
        self.repository = data.get("repository", {})
        self.top = data["patterns"]
        self.compiled = {}

    def regex(self, source):
        if source not in self.compiled:
            self.compiled[source] = re.compile(source)
        return self.compiled[source]

    def rules(self, patterns):
        """The match and begin/end rules of `patterns`, with includes expanded, in order."""
        out = []
        for rule in patterns:
            if "include" in rule:
                ref = rule["include"]
                if ref == "$self":
                    out.extend(self.rules(self.top))
                elif ref.startswith("#"):
                    out.extend(self.rules([self.repository[ref[1:]]]))
                else:
                    raise ValueError("unsupported include " + ref)
            elif "match" in rule or "begin" in rule:
                out.append(rule)
            elif "patterns" in rule:
                out.extend(self.rules(rule["patterns"]))
            else:
                raise ValueError("rule without match, begin or patterns: %r" % rule)
        return out


def apply(scopes, match, base, name, captures):
    """Gives the matched characters `base` + `name`, then each capture its own scope."""
    for i in range(match.start(), match.end()):
        scopes[i] = base + ([name] if name else [])
    for group, capture in (captures or {}).items():
        g = int(group)
        if match.group(g) is None:
            continue
        for i in range(match.start(g), match.end(g)):
            scopes[i] = scopes[i] + [capture["name"]]


def tokenize_line(grammar, line, stack):
    """Scopes of each character of `line` (a list of lists); `stack` (open begin/end rules) is
    updated in place, as TextMate carries it from line to line."""
    scopes = [None] * len(line)
    pos = 0

    def base():
        names = [grammar.scope]
        for rule in stack:
            names += [n for n in (rule.get("name"), rule.get("contentName")) if n]
        return names

    while pos < len(line):
        patterns = grammar.rules(stack[-1].get("patterns", [])) if stack else grammar.rules(grammar.top)
        best = None  # (start, kind, rule, match); the earliest start wins, the end pattern on ties
        if stack:
            m = grammar.regex(stack[-1]["end"]).search(line, pos)
            if m:
                best = (m.start(), "end", stack[-1], m)
        for rule in patterns:
            m = grammar.regex(rule.get("match") or rule["begin"]).search(line, pos)
            if m and (best is None or m.start() < best[0]):
                best = (m.start(), "match" if "match" in rule else "begin", rule, m)
        if best is None:
            for i in range(pos, len(line)):
                scopes[i] = base()
            break
        start, kind, rule, m = best
        for i in range(pos, start):
            scopes[i] = base()
        if kind == "end":
            apply(scopes, m, base(), None, rule.get("endCaptures") or rule.get("captures"))
            stack.pop()
        elif kind == "match":
            apply(scopes, m, base(), rule.get("name"), rule.get("captures"))
        else:
            apply(scopes, m, base(), rule.get("name"), rule.get("beginCaptures") or rule.get("captures"))
            stack.append(rule)
        if m.end() == pos and kind == "match":
            scopes[pos] = scopes[pos] or base()
            pos += 1  # an empty match must not stop the scan
        else:
            pos = m.end()
    # End patterns that match at the end of the line (`$`) close their rules there.
    while stack and grammar.regex(stack[-1]["end"]).search(line, len(line)):
        stack.pop()
    return scopes


def tokenize(grammar, text):
    stack = []
    lines = []
    for line in text.split("\n"):
        lines.append((line, tokenize_line(grammar, line, stack), list(stack)))
    return lines


# ---- an independent reading of the text ------------------------------------------------------

TOKEN = re.compile(r'(?P<comment>#.*)|(?P<string>"(?:\\.|[^"\\])*"?)|(?P<word>[A-Za-z0-9_.\-]+)|(?P<punct>>=|<=|[{}(),=<>])|(?P<space>\s+)')


def lex(line):
    """(kind, start, end, text) for each token of a line, per grammar/policy.peg's token rules."""
    pos, tokens = 0, []
    while pos < len(line):
        m = TOKEN.match(line, pos)
        if not m:
            raise ValueError("cannot lex %r at %d" % (line, pos))
        if m.lastgroup != "space":
            tokens.append((m.lastgroup, m.start(), m.end(), m.group()))
        pos = m.end()
    return tokens


def peg_keywords():
    """The reserved words and the words that are keywords where they stand: both highlighted."""
    peg = PEG.read_text(encoding="utf-8")
    words = []
    for name in ("keyword", "place_keyword"):
        rule = re.search(r"^" + name + r"\s+<-(.*?)!\[", peg, re.S | re.M)
        words += re.findall(r"'([a-z_]+)'", rule.group(1))
    return words


# ---- checks ----------------------------------------------------------------------------------

class Results:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print("FAILED: " + what)


def has(scopes, prefix):
    return scopes is not None and any(s == prefix or s.startswith(prefix + ".") for s in scopes)


def all_have(scopes, start, end, prefix):
    return all(has(scopes[i], prefix) for i in range(start, end))


def scopes_of(grammar, line):
    return tokenize_line(grammar, line, [])


def check_grammar_file(results, data, grammar):
    results.check(data.get("scopeName") == "source.policy", "scopeName is source.policy")
    results.check("policy" in data.get("fileTypes", []), "fileTypes name .policy")

    def regexes(node):
        if isinstance(node, dict):
            for key in ("match", "begin", "end"):
                if key in node:
                    yield node[key]
            for value in node.values():
                yield from regexes(value)
        elif isinstance(node, list):
            for value in node:
                yield from regexes(value)

    for source in regexes(data):
        try:
            grammar.regex(source)
            ok = True
        except re.error as e:
            ok = False
            print("  %s: %s" % (source, e))
        results.check(ok, "regex compiles: " + source[:60])


def check_policy_file(results, grammar, path, keywords, expected_kinds):
    text = path.read_text(encoding="utf-8")
    lines = tokenize(grammar, text)
    results.check(len(lines) > 100, "%s has lines to check" % path.name)
    kinds = {"string": 0, "comment": 0, "keyword": 0, "date": 0, "number": 0, "citation": 0}
    for number, (line, scopes, stack_after) in enumerate(lines, 1):
        where = "%s:%d" % (path.name, number)
        results.check(all(s is not None and s[0] == "source.policy" for s in scopes), where + ": every character is scoped")
        results.check(not stack_after, where + ": nothing stays open at the end of the line")
        tokens = lex(line)
        for index, (kind, start, end, word) in enumerate(tokens):
            if kind == "string":
                kinds["string"] += 1
                results.check(all_have(scopes, start, end, "string.quoted.double"), where + ": string " + word)
                results.check(not any(has(scopes[i], "comment") for i in range(start, end)), where + ": no comment inside " + word)
            elif kind == "comment":
                kinds["comment"] += 1
                results.check(all_have(scopes, start, end, "comment.line.number-sign"), where + ": comment")
            elif kind == "word" and word in keywords:
                kinds["keyword"] += 1
                results.check(has(scopes[start], "keyword"), where + ": keyword " + word)
                if start == 0 and word in STATEMENT_KEYWORDS:
                    results.check(has(scopes[start], "keyword.control"), where + ": statement keyword " + word)
            elif kind == "word" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", word):
                kinds["date"] += 1
                results.check(all_have(scopes, start, end, "constant.numeric"), where + ": date " + word)
            elif kind == "word" and word.isdigit():
                kinds["number"] += 1
                results.check(all_have(scopes, start, end, "constant.numeric"), where + ": number " + word)
            elif kind == "word":
                results.check(not has(scopes[start], "keyword"), where + ": " + word + " is not a keyword")
            previous = tokens[index - 1][3] if index > 0 else None
            if kind == "word" and previous == "per":
                kinds["citation"] += 1
                results.check(all_have(scopes, start, end, "support.constant"), where + ": clause id " + word)
            if kind == "word" and index == 1 and tokens[0][1] == 0 and tokens[0][3] in STATEMENT_KEYWORDS \
                    and tokens[0][3] not in ("policy", "calendar", "period", "end_of_service"):
                results.check(all_have(scopes, start, end, "entity.name"), where + ": declared name " + word)
    for kind in expected_kinds:
        results.check(kinds[kind] > 0, "%s: some %s tokens were checked" % (path.name, kind))


def check_keywords(results, grammar, keywords):
    results.check(len(keywords) > 50, "the .peg's keyword rule lists the keywords")
    for word in keywords:
        for line, start in ((word, 0), ("x " + word + " y", 2), ("rule r per c1 when " + word, 19)):
            scopes = scopes_of(grammar, line)
            results.check(all_have(scopes, start, start + len(word), "keyword"), "keyword %r in %r" % (word, line))
    for word in STATEMENT_KEYWORDS:
        results.check(has(scopes_of(grammar, word + " x")[0], "keyword.control"), "statement keyword " + word)
    # A keyword is a whole word: a name may start or end with one.
    for name in ("parts", "months_x", "policy_id", "x_rule", "invariants", "nonex", "by2"):
        scopes = scopes_of(grammar, "rule r per c1 when " + name)
        results.check(not any(has(scopes[i], "keyword") for i in range(19, 19 + len(name))), name + " is a name, not a keyword")


def check_lines(results, grammar):
    # A `#` inside a string does not start a comment; the one after it does.
    line = 'clause c1 "50% off # not a comment" # a comment'
    scopes = scopes_of(grammar, line)
    quote = line.index('"')
    results.check(all_have(scopes, quote, line.index('" #') + 1, "string.quoted.double"), "string with # inside")
    results.check(all_have(scopes, line.index("# a"), len(line), "comment.line.number-sign"), "comment after a string with #")
    # Escapes, and an escaped quote that does not end the string.
    line = r'clause c1 "say \"hi\" \\ \n then" part'
    scopes = scopes_of(grammar, line)
    for escape in (r"\"", r"\\", r"\n"):
        at = line.index(escape)
        results.check(all_have(scopes, at, at + 2, "constant.character.escape"), "escape " + escape)
    results.check(all_have(scopes, line.index("then"), line.index("then") + 4, "string"), "an escaped quote does not end the string")
    results.check(has(scopes[line.rindex("part")], "keyword"), "the string ends at its closing quote")
    scopes = scopes_of(grammar, r'clause c1 "bad \q"')
    results.check(has(scopes[15], "invalid.illegal"), "an unknown escape is marked")
    # An unclosed string ends with its line.
    lines = tokenize(grammar, 'clause c1 "open\npart device')
    results.check(has(lines[1][1][0], "keyword") and not has(lines[1][1][0], "string"), "an unclosed string ends at the line end")
    # Dates, durations and numbers; a date inside a clause id is part of the id.
    line = "policy \"p\" effective 2025-12-01"
    scopes = scopes_of(grammar, line)
    results.check(all_have(scopes, line.index("2025"), len(line), "constant.numeric.date"), "date")
    line = "period battery 6 months when removable via walk_in per s8.2021-12-03"
    scopes = scopes_of(grammar, line)
    results.check(has(scopes[line.index("6")], "constant.numeric"), "duration count")
    results.check(has(scopes[line.index("months")], "keyword") and has(scopes[line.index("months")], "constant.numeric.duration"),
                  "duration unit")
    results.check(all_have(scopes, line.index("s8."), len(line), "support.constant"), "clause id with a date in it")
    results.check(not has(scopes[line.index("2021")], "constant.numeric.date"), "no date inside a clause id")
    results.check(has(scopes[line.index("removable")], "keyword") is False, "a fact name is no keyword")
    line = "invariant i \"m\" for every model require period device >= 24 months and not end_of_service < 2030-01-01"
    scopes = scopes_of(grammar, line)
    for op in (">=", "<", "and", "not"):
        results.check(has(scopes[line.index(" " + op + " ") + 1], "keyword.operator"), "operator " + op)
    results.check(has(scopes[line.index("24")], "constant.numeric"), "number in an invariant")
    results.check(all_have(scopes, line.index("2030"), len(line), "constant.numeric.date"), "date after a comparison")
    # Clause ids after `by`, and names declared at the start of a statement.
    line = "    expect free_repair until 2027-01-01 by s1.doa, s2.general.battery"
    scopes = scopes_of(grammar, line)
    for clause in ("s1.doa", "s2.general.battery"):
        at = line.index(clause)
        results.check(all_have(scopes, at, at + len(clause), "support.constant"), "clause id after by: " + clause)
    for line, name in (("rule dead_on_arrival per s1.doa", "dead_on_arrival"), ("series mi_10 \"Mi 10\" {", "mi_10"),
                       ("clause s1.doa \"text\"", "s1.doa"), ("exclusion misuse per s3", "misuse")):
        at = line.index(name, line.index(" "))
        results.check(all_have(scopes_of(grammar, line), at, at + len(name), "entity.name"), "declared name in " + line)


def main():
    results = Results()
    data = json.loads(GRAMMAR.read_text(encoding="utf-8"))
    grammar = Grammar(data)
    keywords = set(peg_keywords())
    check_grammar_file(results, data, grammar)
    check_keywords(results, grammar, sorted(keywords))
    check_lines(results, grammar)
    check_policy_file(results, grammar, POLICY, keywords, ["string", "comment", "keyword", "date", "number", "citation"])
    if EXAMPLES.exists():  # its companion file of examples: no numbers or citations in it
        check_policy_file(results, grammar, EXAMPLES, keywords, ["string", "comment", "keyword", "date"])
    print("%d passed, %d failed" % (results.passed, results.failed))
    return 1 if results.failed else 0


if __name__ == "__main__":
    sys.exit(main())
