#!/usr/bin/env python3
"""Put catalogue entries in alphabetical order of id, keeping every comment and line as written.

Usage: scripts/sort_catalogue.py [PATH]   (default: resources.yaml; rewrites the file in place)
Entries are the top-level list items: each starts with '- ' at the start of a line. Anything
before the first entry (the schema comment) stays at the top.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from signpost.catalogue import DEFAULT_CATALOGUE

ENTRY_START = re.compile(r"^- ", re.MULTILINE)
ID_LINE = re.compile(r"^(?:- |  )id:\s*['\"]?([^'\"\s#]+)", re.MULTILINE)


def split_entries(text: str) -> tuple[str, list[str]]:
    starts = [m.start() for m in ENTRY_START.finditer(text)]
    if not starts:
        return text, []
    bounds = starts + [len(text)]
    return text[: starts[0]], [text[a:b] for a, b in zip(bounds, bounds[1:])]


def entry_id(block: str) -> str:
    match = ID_LINE.search(block)
    return match.group(1) if match else ""


def sort_text(text: str) -> str:
    header, entries = split_entries(text)
    entries = [block if block.endswith("\n") else block + "\n" for block in entries]
    return header + "".join(sorted(entries, key=entry_id))


def main(argv=None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else DEFAULT_CATALOGUE
    text = path.read_text(encoding="utf-8")
    result = sort_text(text)
    if result != text:
        path.write_text(result, encoding="utf-8")
        print(f"{path}: entries sorted by id")
    else:
        print(f"{path}: already in order")
    return 0


if __name__ == "__main__":
    sys.exit(main())
