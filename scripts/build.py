#!/usr/bin/env python3
"""Validate a catalogue, then build the site from it.

Usage: scripts/build.py [--catalogue PATH] [--out DIR]   (defaults: resources.yaml, site/)
Exit status: 0 built, 1 the catalogue or the build has errors, 2 usage error.
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from signpost.catalogue import DEFAULT_CATALOGUE, check_file_cached

ROOT = Path(__file__).resolve().parents[1]


def build_site(catalogue: Path, out: Path, quiet: bool = False) -> None:
    """Run MkDocs (whose hook generates the pages and the search index) on the given catalogue."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ["SIGNPOST_CATALOGUE"] = str(catalogue.resolve())
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # we know; see ECOSYSTEM notes in the README
    if quiet:
        logging.getLogger("mkdocs").setLevel(logging.WARNING)
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(out.resolve()), strict=True)
    build(config)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Validate the catalogue and build the site.")
    parser.add_argument("--catalogue", default=str(DEFAULT_CATALOGUE), help="catalogue file (default: resources.yaml)")
    parser.add_argument("--out", default=str(ROOT / "site"), help="output directory (default: site/)")
    parser.add_argument("--quiet", action="store_true", help="print only warnings and errors")
    args = parser.parse_args(argv)

    if not Path(args.catalogue).is_file():
        print(f"{args.catalogue}: file not found", file=sys.stderr)
        return 1
    result = check_file_cached(args.catalogue)
    shown = result.errors if args.quiet else result.problems
    for problem in shown:
        print(problem.format(), file=sys.stderr)
    if len(shown) < len(result.problems):
        print(f"({len(result.problems) - len(shown)} warnings not shown; run scripts/validate.py to see them)", file=sys.stderr)
    if not result.ok:
        print(f"not building: {len(result.errors)} error(s) in {args.catalogue}", file=sys.stderr)
        return 1
    from mkdocs.exceptions import MkDocsException

    try:
        build_site(Path(args.catalogue), Path(args.out), quiet=args.quiet)
    except MkDocsException as err:
        print(f"build failed: {err}", file=sys.stderr)
        return 1
    print(f"built {len(result.entries)} entries into {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
