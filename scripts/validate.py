#!/usr/bin/env python3
"""Check catalogue files against the schema and Signpost's rules.

Usage: scripts/validate.py [--strict] [--base REF] [PATH ...]   (default: resources.yaml)
With --base (a git revision, e.g. origin/main in a pull request), every new entry and every
changed contact, hours, status or rating must also add an item to that entry's `changes`.
Exit status: 0 valid, 1 problems found, 2 usage error.
"""
from __future__ import annotations

import argparse
import os
import sys

from signpost import change_log
from signpost.catalogue import DEFAULT_CATALOGUE, check_file
from signpost.problems import WARNING


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Check Signpost catalogue files.")
    parser.add_argument("paths", nargs="*", default=[str(DEFAULT_CATALOGUE)], help="catalogue files (default: resources.yaml)")
    parser.add_argument("--strict", action="store_true", help="treat entries overdue for review as errors")
    parser.add_argument("--base", metavar="REF", help="git revision to compare with (e.g. origin/main): changes since then must be recorded in `changes`")
    parser.add_argument("--quiet", action="store_true", help="print problems only, no summary")
    args = parser.parse_args(argv)
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"

    errors = warnings = entries = 0
    for path in args.paths:
        result = check_file(path, strict=args.strict)
        entries += len(result.entries)
        problems = result.problems
        if args.base and result.ok:
            problems = problems + change_log.check_against_base(path, args.base, display_name=result.filename)
        for problem in problems:
            print(problem.format(), file=sys.stderr)
            if annotate:
                print(problem.annotation())
            if problem.level == WARNING:
                warnings += 1
            else:
                errors += 1
    if not args.quiet:
        verdict = "valid" if not errors else "invalid"
        print(f"{entries} entries checked: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)} ({verdict})", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
