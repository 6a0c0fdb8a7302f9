#!/usr/bin/env python3
"""Writes a batch of claims (JSON Lines) for `warrant query --batch`, from what a policy declares.

    bench/gen_batch.py POLICY LINES OUT [--seed N] [--typed]

The models (and aliases), parts and facts are read from the policy file, so the same script
serves any policy. Claims are spread like a service centre's: most within two years of the
purchase, some with a last repair, about one line in a hundred malformed or naming an unknown
model. With --typed every claim also states the policy's counts, dates and choices (each with
its own probability: counts mostly small, dates between the purchase and the claim, choices
from the declared values); without it, only true/false facts, now and then, as the Hong Kong
benchmark file does. The output depends only on the arguments: the seed fixes it.
"""
import datetime
import random
import re
import sys


def declarations(text):
    models, parts, facts = [], [], []
    for raw in text.splitlines():
        line = raw.split('#', 1)[0].strip()
        m = re.match(r'model\s+"([^"]*)"(.*)', line)
        if m:
            models.append((m.group(1), re.findall(r'alias\s+"([^"]*)"', m.group(2))))
            continue
        m = re.match(r'part\s+(\w+)', line)
        if m:
            parts.append(m.group(1))
            continue
        m = re.match(r'(fact|exclusion|requirement)\s+(\w+)(?:\s+"[^"]*")?\s*(.*)', line)
        if m:
            rest = m.group(3)
            kind = 'bool'
            values = []
            if re.match(r'count\b', rest):
                kind = 'count'
            elif re.match(r'date\b', rest):
                kind = 'date'
            elif re.match(r'choice\b', rest):
                kind = 'choice'
                values = [v.strip() for v in re.search(r'\[([^\]]*)\]', rest).group(1).split(',')]
            facts.append((m.group(2), kind, values))
    return models, parts, facts


def spelling(rng, name, aliases):
    r = rng.randrange(100)
    if r < 8 and aliases:
        return rng.choice(aliases)
    if r < 14:
        return name.lower()
    if r < 17:
        return name.replace(' ', '')
    if r < 20:
        return name.replace(' ', '-')
    return name


def main(argv):
    if len(argv) < 4:
        sys.exit(__doc__)
    policy, lines, out = argv[1], int(argv[2]), argv[3]
    seed = int(argv[argv.index('--seed') + 1]) if '--seed' in argv else 20251201
    typed = '--typed' in argv
    with open(policy, encoding='utf-8') as f:
        models, parts, facts = declarations(f.read())
    region = re.search(r'region\s+(\w+)', open(policy, encoding='utf-8').read()).group(1)
    bools = [f for f in facts if f[1] == 'bool']
    counts = [f for f in facts if f[1] == 'count']
    dates = [f for f in facts if f[1] == 'date']
    choices = [f for f in facts if f[1] == 'choice']
    rng = random.Random(seed)
    start = datetime.date(2019, 1, 1)
    part_weights = [60, 15, 10, 10, 5][:len(parts)] + [5] * max(0, len(parts) - 5)
    with open(out, 'w', encoding='utf-8', newline='\n') as o:
        for number in range(1, lines + 1):
            bad = rng.randrange(1000)
            members = []
            if rng.randrange(10) < 6:
                members.append('"id":%d' % number)
            if rng.randrange(4) == 0:
                members.append('"region":"%s"' % region)
            if bad < 3:
                model = 'Unknown Phone %d' % rng.randrange(50)
            else:
                name, aliases = rng.choice(models)
                model = spelling(rng, name, aliases)
            members.append('"model":"%s"' % model)
            members.append('"part":"%s"' % rng.choices(parts, part_weights)[0])
            purchased = start + datetime.timedelta(days=rng.randrange(7 * 365))
            r = rng.randrange(100)
            after = rng.randrange(15) if r < 15 else rng.randrange(730) if r < 60 else rng.randrange(2200)
            claimed = purchased + datetime.timedelta(days=after)
            members.append('"purchased":"%s"' % purchased.isoformat())
            members.append('"claimed":"%s"' % ('2025-02-30' if 3 <= bad < 6 else claimed.isoformat()))
            if rng.random() < 0.10:
                back = rng.randrange(after + 1) if after < 60 else rng.randrange(60)
                members.append('"last_repair":"%s"' % (claimed - datetime.timedelta(days=back)).isoformat())
            given = []
            if bools and rng.random() < 0.12:
                for name, _, _ in rng.sample(bools, min(len(bools), rng.randrange(1, 3))):
                    given.append('"%s":%s' % (name, rng.choice(['true', 'false'])))
            if typed:
                for name, _, _ in counts:
                    if rng.random() < 0.6:
                        given.append('"%s":%d' % (name, rng.choice([0, 0, 1, 1, 2, 3, 5, 31, 45])))
                for name, _, _ in dates:
                    if rng.random() < 0.3:
                        given.append('"%s":"%s"' % (name, (purchased + datetime.timedelta(days=rng.randrange(after + 1))).isoformat()))
                for name, _, values in choices:
                    if rng.random() < 0.7:
                        given.append('"%s":"%s"' % (name, rng.choice(values)))
            if given:
                members.append('"facts":{%s}' % ','.join(given))
            line = '{' + ','.join(members) + '}'
            if 6 <= bad < 10:
                line = line[:len(line) // 2]
            o.write(line + '\n')


if __name__ == '__main__':
    main(sys.argv)
