#!/usr/bin/env python3
"""Give every entry without a change history its first item: "added", dated from git.

Usage: scripts/backfill_changes.py [PATH]   (default: resources.yaml; rewrites the file in place)
The date is the day of the first commit whose diff adds the entry's `- id: <id>` line
(git log -G), so nothing is guessed. Entries git has never seen (not yet committed) are left
alone and listed: add their "added" item by hand with the day they are merged.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from signpost.catalogue import DEFAULT_CATALOGUE
from sort_catalogue import entry_id, split_entries

HAS_CHANGES = re.compile(r"^  changes:", re.MULTILINE)
SUMMARY = "Added to the catalogue."
SUMMARY_CLOSED = "Added to the catalogue as a closed service, so old links still lead somewhere useful."


def first_commit_day(path: Path, entry: str) -> str | None:
    run = subprocess.run(["git", "log", "--reverse", "--format=%ad", "--date=short", f"-G^- id: {re.escape(entry)}$", "--", path.name],
                         cwd=path.parent, capture_output=True, text=True, check=True)
    days = run.stdout.split()
    return days[0] if days else None


def with_history(block: str, day: str) -> str:
    body = block.rstrip("\n")
    trailing = block[len(body):]
    summary = SUMMARY_CLOSED if re.search(r"^  status: closed$", block, re.MULTILINE) else SUMMARY
    return body + f"\n  changes:\n    - date: {day}\n      type: added\n      summary: {summary}" + (trailing or "\n")


def main(argv=None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0] if args else DEFAULT_CATALOGUE).resolve()
    header, blocks = split_entries(path.read_text(encoding="utf-8"))
    unknown, added = [], 0
    for index, block in enumerate(blocks):
        if HAS_CHANGES.search(block):
            continue
        day = first_commit_day(path, entry_id(block))
        if day is None:
            unknown.append(entry_id(block))
            continue
        blocks[index] = with_history(block, day)
        added += 1
    path.write_text(header + "".join(blocks), encoding="utf-8")
    print(f"{path.name}: {added} entries given an 'added' change from git history")
    for entry in unknown:
        print(f"{path.name}: {entry}: not found in git history; add its 'added' change by hand", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
