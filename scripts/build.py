#!/usr/bin/env python3
"""Validate a catalogue, then build the site from it with the chosen engine.

Usage: scripts/build.py [--catalogue PATH] [--out DIR] [--engine mkdocs|properdocs|zensical]

The steps, each in a plain module of scripts/signpost: validate the catalogue; check the
hand-written pages' placeholders; fork a process that makes every entry's page and the open-data
files (worker.py); meanwhile generate the lists and reference pages and write them with a copy of
docs/ into a staging tree (never into docs/ itself); run the engine on that tree; finish the
output (generated HTML, placeholders, the security policy, _headers); write the resource pages
from the engine's prototype (stamping.py), the open-data files and the scripts' data files while
Pagefind indexes the guidance.
Exit status: 0 built, 1 the catalogue, a page or the build has errors, 2 usage error.
"""
from __future__ import annotations

import argparse
import datetime as dt
import functools
import gc
import subprocess
import sys
import tempfile
from pathlib import Path

from signpost import client_data, engines, opening, placeholders, postbuild, site, stamping, staging, worker
from signpost.catalogue import DEFAULT_CATALOGUE, check_file_cached

ROOT = Path(__file__).resolve().parents[1]
# Folders of generated catalogue pages and data, which Pagefind need not read (see _guidance_glob).
NOT_GUIDANCE = {"resources", "directory", "client", "data", "maintainers", "pagefind"}
MAX_PRINTED = 100  # errors printed before the count; the validator lists them all
# Pagefind's ready-made interfaces: the site has its own search and filter pages.
PAGEFIND_UNUSED = ("pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*", "pagefind-highlight.js")


class BuildFailed(Exception):
    pass


def build_site(catalogue: Path, out: Path, quiet: bool = False, engine: str = engines.DEFAULT,
               work: Path | None = None, today: dt.date | None = None, partial_catalogue: bool = False) -> int:
    """Build the site into out and return the number of HTML pages; raises BuildFailed with the reasons.

    partial_catalogue is for tests that build a small fixture catalogue: the hand-written pages'
    contact placeholders may then name entries it does not have (they are left out)."""
    result = check_file_cached(catalogue)
    if not result.ok:
        shown = "\n".join(p.format() for p in result.errors[:MAX_PRINTED])
        more = f"\n... and {result.total_errors - MAX_PRINTED:,} more; run `make validate` for the full list" if result.total_errors > MAX_PRINTED else ""
        raise BuildFailed(f"{shown}{more}\nnot building: {result.total_errors:,} error(s) in {catalogue}")
    by_id = {e["id"]: e for e in result.entries}
    mistakes = placeholders.check(ROOT / "docs", by_id)
    if mistakes and not partial_catalogue:
        raise BuildFailed("\n".join(m.format() for m in mistakes))
    # The catalogue's data stays to the end: the collector need not walk it on every collection,
    # nor touch (and so copy) the memory the forked second process shares with this one.
    gc.freeze()
    try:
        return _build(result.entries, by_id, out, quiet, engine, work, today or dt.date.today())
    finally:
        gc.unfreeze()


def _build(entries: list[dict], by_id: dict, out: Path, quiet: bool, engine: str, work: Path | None, today: dt.date) -> int:
    second = worker.Worker(functools.partial(site.second_part, entries, today), out)
    try:
        generated = site.generate(entries, today, site.load_topic_intros(ROOT / "docs" / "topic-intros.yml"))
        with tempfile.TemporaryDirectory(prefix="signpost-staging-") as scratch:
            staged = staging.stage(ROOT, work or Path(scratch), generated.pages)
            pages = _run_engine(engine, staged, out, quiet, by_id)
        second.start_writing()
        # Pagefind reads only the guidance, so it indexes while the resource pages and data are written.
        index = subprocess.Popen([sys.executable, "-m", "pagefind", "--site", str(out), "--silent", "--glob", _guidance_glob(out)],
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        site.write_files(out, generated.files)
        site.write_files(out, client_data.files(entries))
        written, problems = second.wait()
    except stamping.StampError as err:
        raise BuildFailed(str(err)) from None
    finally:
        second.stop()
    printed, _ = index.communicate()
    if problems:
        raise BuildFailed("\n".join(problems))
    if index.returncode != 0:
        raise BuildFailed(f"Pagefind could not index the site:\n{printed}")
    for unused in PAGEFIND_UNUSED:
        for path in (out / "pagefind").glob(unused):
            path.unlink()
    return pages - 1 + written  # the prototype became the resource pages


def _guidance_glob(out: Path) -> str:
    """The pages Pagefind should read: every folder but those of the catalogue's generated pages,
    which carry no data-pagefind-body (the site's own index finds resources). Reading 10,000
    resource pages only to skip them took Pagefind several seconds."""
    folders = sorted(p.name for p in out.iterdir() if p.is_dir() and p.name not in NOT_GUIDANCE)
    return "{" + ",".join([f"{name}/**/*.html" for name in folders] + ["*.html"]) + "}"


def _run_engine(engine: str, staged: staging.Staged, out: Path, quiet: bool, by_id: dict) -> int:
    try:
        printed = engines.run(engine, staged, out)
        # The engine's warnings and notices are shown (its INFO chatter about links is not).
        shown = [line for line in printed.splitlines() if not line.startswith("INFO")]
        if shown and not quiet:
            print("\n".join(shown), file=sys.stderr)
        return postbuild.finish(out, staged, by_id)
    except (engines.EngineError, postbuild.BuildError) as err:
        raise BuildFailed(str(err)) from None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Validate the catalogue and build the site.")
    parser.add_argument("--catalogue", default=str(DEFAULT_CATALOGUE), help="catalogue file (default: resources.yaml)")
    parser.add_argument("--out", default=str(ROOT / "site"), help="output directory (default: site/)")
    parser.add_argument("--engine", default=engines.DEFAULT, choices=engines.ENGINES, help="site engine (default: mkdocs)")
    parser.add_argument("--quiet", action="store_true", help="print only errors")
    args = parser.parse_args(argv)

    catalogue = Path(args.catalogue)
    if not catalogue.is_file():
        print(f"{args.catalogue}: not a file; give the path of the catalogue (resources.yaml)", file=sys.stderr)
        return 1
    warnings = check_file_cached(catalogue).problems
    if warnings and not args.quiet:
        print(f"{len(warnings)} warning(s) in {catalogue}: run `make validate` to see them", file=sys.stderr)
    for warning in opening.expiry_warnings(dt.date.today()):
        print(f"warning: {warning}", file=sys.stderr)
    try:
        pages = build_site(catalogue, Path(args.out), quiet=args.quiet, engine=args.engine)
    except BuildFailed as err:
        print(f"build failed:\n{err}", file=sys.stderr)
        return 1
    print(f"built {pages} pages with {args.engine} into {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
