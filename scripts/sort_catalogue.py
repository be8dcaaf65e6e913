#!/usr/bin/env python3
"""Put catalogue entries in alphabetical order of id, keeping every comment with its entry.

Usage: python3 scripts/sort_catalogue.py [PATH]   (default: resources.yaml; rewrites the file in place)

Needs nothing but Python 3 (no .venv): it moves text, it does not read YAML. Entries are the
top-level list items, each starting with '- ' at the start of a line. Comment lines just above
an entry belong to it and move with it; the file's header (everything before the first entry,
up to the last blank line there) stays at the top. Run scripts/validate.py afterwards.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

DEFAULT_CATALOGUE = Path(__file__).resolve().parents[1] / "resources.yaml"
ID_LINE = re.compile(r"^(?:- |  )id:[ \t]*['\"]?([^'\"\s#]+)", re.MULTILINE)


def split_entries(text: str) -> tuple[str, list[str]]:
    """(header, [entry text, ...]). Comment lines at the margin directly above an entry belong
    to it; blank lines stay with the entry above. The header is everything before the first
    entry up to the last blank line there (all of it when there is none), so the file's opening
    comment stays on top."""
    lines = text.splitlines(keepends=True)
    starts = [n for n, line in enumerate(lines) if line.startswith("- ")]
    if not starts:
        return text, []
    bounds = [max((n + 1 for n in range(starts[0]) if not lines[n].strip()), default=starts[0])]
    for previous, start in zip(starts, starts[1:]):
        begin = start
        while begin - 1 > previous and lines[begin - 1].startswith("#"):
            begin -= 1
        bounds.append(begin)
    pieces = bounds + [len(lines)]
    return "".join(lines[: bounds[0]]), ["".join(lines[a:b]) for a, b in zip(pieces, pieces[1:])]


def entry_id(block: str) -> str:
    match = ID_LINE.search(block)
    return match.group(1) if match else ""


def sort_text(text: str) -> str:
    header, entries = split_entries(text)
    entries = [block if block.endswith("\n") else block + "\n" for block in entries]
    return header + "".join(sorted(entries, key=entry_id))


def main(argv=None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    path = Path(args[0]) if args else DEFAULT_CATALOGUE
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        print(f"{path}: cannot read it ({err})", file=sys.stderr)
        return 1
    result = sort_text(text)
    if result != text:
        path.write_text(result, encoding="utf-8")
        print(f"{path}: entries sorted by id; now run scripts/validate.py")
    else:
        print(f"{path}: already in order")
    return 0


if __name__ == "__main__":
    sys.exit(main())
