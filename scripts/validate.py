#!/usr/bin/env python3
"""Check catalogue files against the schema and Signpost's rules.

Usage: scripts/validate.py [--strict] [--errors-only] [--all-warnings] [--max-problems N]
                           [--github [--base REF]] [PATH ...]   (default: resources.yaml)
Errors are printed one per line; warnings (usually about entries nobody touched) are summarised
by kind with each entry named once, unless --all-warnings. With --github, problems are also
written as GitHub Actions annotations; with --base, only those on lines changed since REF,
plus one summary annotation.
With --base (a git revision, e.g. origin/main in a pull request), every new entry and every
changed contact, hours, status or rating must also add an item to that entry's `changes`.
Exit status: 0 valid, 1 problems found, 2 usage error.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections import defaultdict

from signpost import change_log
from signpost.catalogue import DEFAULT_CATALOGUE, check_file
from signpost.problems import WARNING, Problem

MAX_PRINTED = 100
_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)


def main(argv=None) -> int:
    for stream in (sys.stdout, sys.stderr):
        stream.reconfigure(errors="backslashreplace")
    parser = argparse.ArgumentParser(description="Check Signpost catalogue files.")
    parser.add_argument("paths", nargs="*", default=[str(DEFAULT_CATALOGUE)], help="catalogue files (default: resources.yaml)")
    parser.add_argument("--strict", action="store_true", help="treat entries overdue for review as errors")
    parser.add_argument("--errors-only", action="store_true", help="leave warnings out entirely")
    parser.add_argument("--all-warnings", action="store_true", help="print every warning with its line instead of a summary")
    parser.add_argument("--max-problems", type=int, default=MAX_PRINTED, metavar="N", help=f"print at most N errors (default {MAX_PRINTED})")
    parser.add_argument("--quiet", action="store_true", help="no closing summary line")
    parser.add_argument("--github", action="store_true", help="also write GitHub Actions annotations to standard output")
    parser.add_argument("--base", metavar="REF", help="a git revision (e.g. origin/main): changes since then must be recorded in `changes`, and with --github only lines changed since then are annotated")
    args = parser.parse_args(argv)

    errors = warnings = entries = 0
    for path in args.paths:
        result = check_file(path, strict=args.strict)
        entries += len(result.entries)
        problems = list(result.problems)
        if args.base and result.ok:
            problems += change_log.check_against_base(path, args.base, display_name=result.filename)
        found_errors = [p for p in problems if p.level != WARNING]
        found_warnings = [] if args.errors_only else [p for p in problems if p.level == WARNING]
        not_kept = result.total_problems - len(result.problems)
        # The change log's problems are found only in a valid file, so they add to the reader's count.
        total_errors = result.total_errors + len(found_errors) - len(result.errors)
        print_errors(found_errors, args.max_problems, total_errors)
        if found_warnings:
            (print_all if args.all_warnings else print_summary)(found_warnings)
        if not_kept:
            print(f"{result.filename}: {not_kept:,} further problems were counted but not kept", file=sys.stderr)
        if args.github:
            annotate(result.filename, found_errors, found_warnings, total_errors, args.base)
        errors += total_errors
        warnings += len(found_warnings)
    if not args.quiet:
        verdict = "valid" if not errors else "invalid"
        shown = "" if not args.errors_only else " (warnings not shown)"
        print(f"{entries} entries checked: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}{shown} ({verdict})", file=sys.stderr)
    return 1 if errors else 0


def print_errors(problems: list[Problem], limit: int, total: int) -> None:
    for problem in problems[:limit]:
        print(problem.format(), file=sys.stderr)
    if total > min(limit, len(problems)):
        print(f"... and {total - min(limit, len(problems)):,} more errors not shown ({total:,} in all; fix these first, or use --max-problems)", file=sys.stderr)


def print_all(warnings: list[Problem]) -> None:
    for problem in warnings:
        print(problem.format(), file=sys.stderr)


def print_summary(warnings: list[Problem]) -> None:
    """One line per kind of warning: how many, what to do, and each entry once."""
    groups = defaultdict(list)
    for problem in warnings:
        groups[(problem.rule, problem.field)].append(problem)
    print(f"{len(warnings)} warning{'s' * (len(warnings) != 1)} (run with --all-warnings for each line):", file=sys.stderr)
    for (_, field_name), group in groups.items():
        first = group[0]
        what = first.message if all(p.message == first.message for p in group) else f"{first.message} (and the like)"
        names = ", ".join(dict.fromkeys(p.entry or f"line {p.line}" for p in group))
        print(f"  {len(group)} × {field_name}: {what}; {first.fix}. Entries: {names}", file=sys.stderr)


def changed_lines(path: str, base: str) -> set[int] | None:
    """Line numbers of `path` added or changed since `base`, or None when git cannot say."""
    try:
        run = subprocess.run(["git", "diff", "--unified=0", "--no-color", "--no-ext-diff", base, "--", path],
                             capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as err:
        print(f"could not compare with {base}: {err}; annotating every problem", file=sys.stderr)
        return None
    if run.returncode != 0:
        print(f"could not compare with {base}: {run.stderr.strip()}; annotating every problem", file=sys.stderr)
        return None
    lines = set()
    for match in _HUNK.finditer(run.stdout):
        start, count = int(match.group(1)), int(match.group(2) or 1)
        lines.update(range(start, start + count) if count else (start, start + 1))  # a deletion touches its neighbours
    return lines


def annotate(filename: str, errors: list[Problem], warnings: list[Problem], total_errors: int, base: str | None) -> None:
    changed = changed_lines(filename, base) if base else None
    problems = errors + warnings
    shown = [p for p in problems if changed is None or p.line in changed]
    for problem in shown[:MAX_PRINTED]:
        print(problem.annotation())
    where = "" if changed is None else f"; {len(shown)} on lines this change touches (annotated), the rest in the log"
    summary = (f"{filename}: {total_errors} error{'s' * (total_errors != 1)}, {len(warnings)} warning{'s' * (len(warnings) != 1)}{where}")
    print(f"::{'error' if total_errors else 'notice'} title=Catalogue check::{summary}")


if __name__ == "__main__":
    sys.exit(main())
