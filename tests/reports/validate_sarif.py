#!/usr/bin/env python3
"""Validates SARIF reports against the SARIF 2.1.0 JSON schema.

usage: validate_sarif.py REPORT [REPORT...] SCHEMA

Each report must be valid JSON that the schema accepts (formats such as "uri" included, as
far as the installed jsonschema can check them). Prints each failure, then
"N passed, N failed"; exits 1 when any report failed, 2 on bad usage or an unreadable schema.
Needs only python3-jsonschema (Debian), which CI installs.
"""
import json
import sys

import jsonschema


def problems(report_path, validator):
    try:
        with open(report_path, encoding="utf-8") as f:
            report = json.load(f)
    except (OSError, ValueError) as e:
        return [f"cannot read JSON: {e}"]
    found = []
    for error in sorted(validator.iter_errors(report), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(p) for p in error.absolute_path) or "(top)"
        found.append(f"{where}: {error.message}")
    # The schema allows any version string; a 2.1.0 report must say so.
    if isinstance(report, dict) and report.get("version") != "2.1.0":
        found.append('version: must be "2.1.0"')
    return found


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    *reports, schema_path = argv[1:]
    try:
        with open(schema_path, encoding="utf-8") as f:
            schema = json.load(f)
    except (OSError, ValueError) as e:
        print(f"validate_sarif: cannot read schema {schema_path}: {e}", file=sys.stderr)
        return 2
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=jsonschema.FormatChecker())
    passed = failed = 0
    for report_path in reports:
        found = problems(report_path, validator)
        if found:
            failed += 1
            print(f"FAIL {report_path}")
            for problem in found:
                print(f"  {problem}")
        else:
            passed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
