"""What a policy text declares, read with regular expressions: the oracle builds random claims
from it without asking the compiler, so a declaration the diff mishandles is still exercised."""
import re


class Declared:
    def __init__(self, text):
        self.region = re.search(r'^policy\s+"[^"]*"\s+region\s+(\S+)', text, re.M).group(1)
        code = "\n".join(line.split("#")[0] for line in text.split("\n"))
        self.models = []  # every spelling a query may use: names and aliases
        for name, aliases in re.findall(r'\bmodel\s+"([^"]+)"((?:\s+alias\s+"[^"]+")*)', code):
            self.models += [name] + re.findall(r'"([^"]+)"', aliases)
        self.parts = re.findall(r'\bpart\s+(\w+)\s+"', code)
        self.facts = {}  # name -> ("bool"|"count"|"date", None) or ("choice", [values])
        for kind, name, rest in re.findall(r'^(fact|exclusion|requirement)\s+(\S+)\s+(.*)$', text, re.M):
            rest = re.sub(r'"[^"]*"', "", rest)
            choice = re.search(r'\bchoice\s*\[([^\]]*)\]', rest)
            if choice:
                self.facts[name] = ("choice", [v.strip() for v in choice.group(1).split(",")])
            elif re.search(r'\bcount\b', rest):
                self.facts[name] = ("count", None)
            elif re.search(r'\bdate\b', rest):
                self.facts[name] = ("date", None)
            else:
                self.facts[name] = ("bool", None)
        # clause id -> text: a clause renamed with the same text is the same clause
        self.clauses = dict(re.findall(r'^clause\s+(\S+)\s+"((?:[^"\\]|\\.)*)"', text, re.M | re.S))
        self.dates = sorted(set(re.findall(r'\b(\d{4}-\d{2}-\d{2})\b', code)))
        self.lengths = [(int(n), u) for n, u in re.findall(r'\b(\d+)\s+(days|months)\b', code)]
        self.numbers = sorted({int(n) for n in re.findall(r'(?:>=|<=|>|<|=)\s*(\d+)\b', code)})


def clause_identity(old, new):
    """New clause id -> the old id it is the same clause as: the same id, or a clause renamed with
    the same text (an id the new version no longer has); ids of clauses new in the new version stay."""
    gone = {}
    for cid, text in old.clauses.items():
        if cid not in new.clauses:
            gone.setdefault(text, []).append(cid)
    identity = {}
    for cid, text in new.clauses.items():
        if cid in old.clauses:
            identity[cid] = cid
        elif len(gone.get(text, [])) == 1:
            identity[cid] = gone[text][0]
        else:
            identity[cid] = "new:" + cid
    return identity
