#!/usr/bin/env python3
"""Check every URL in the catalogue and say which need a maintainer's attention.

Usage: scripts/check_links.py [--catalogue PATH] [--report PATH] [--summary PATH] [--history PATH]
                              [--per-host N] [--timeout S] [--retries N]
Results per URL: ok, moved, broken, unreachable, blocked (see scripts/signpost/links.py).
Exit status: 0 nothing needs attention; 1 something is broken or moved, or unreachable for
several runs in a row (with --history); 2 usage error. Never run by `make test`: it uses the network.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

from signpost import link_report
from signpost.catalogue import DEFAULT_CATALOGUE, check_file
from signpost.link_checker import Checker, Settings
from signpost.links import catalogue_links


def progress_printer(stream):
    """One updating line on a terminal; a line every 50 URLs in a log."""
    started = time.perf_counter()

    def show(done, total, outcome):
        rate = done / max(time.perf_counter() - started, 1e-9)
        text = f"checked {done}/{total} URLs ({rate:.1f}/s), last: {outcome.result} {outcome.url}"
        if stream.isatty():
            print("\r" + text[:110].ljust(110), end="" if done < total else "\n", file=stream, flush=True)
        elif done % 50 == 0 or done == total:
            print(text, file=stream, flush=True)

    return show


def main(argv=None, rewrite=None) -> int:
    parser = argparse.ArgumentParser(description="Check the catalogue's links.")
    parser.add_argument("--catalogue", default=str(DEFAULT_CATALOGUE))
    parser.add_argument("--report", type=Path, help="write the JSON report here")
    parser.add_argument("--summary", type=Path, help="write a Markdown summary here")
    parser.add_argument("--history", type=Path, help="JSON file of unreachable URLs kept between scheduled runs")
    parser.add_argument("--per-host", type=int, default=Settings.per_host, help="requests at once to one host")
    parser.add_argument("--timeout", type=float, default=Settings.timeout, help="seconds per request")
    parser.add_argument("--retries", type=int, default=Settings.retries, help="extra attempts when unreachable")
    parser.add_argument("--backoff", type=float, default=Settings.backoff, help="seconds before the first retry")
    args = parser.parse_args(argv)

    catalogue = check_file(args.catalogue)
    if not catalogue.ok:
        for problem in catalogue.errors:
            print(problem.format(), file=sys.stderr)
        return 2
    links = catalogue_links(catalogue.entries)
    settings = Settings(timeout=args.timeout, per_host=args.per_host, retries=args.retries, backoff=args.backoff)
    started = time.perf_counter()
    outcomes = Checker(settings, rewrite=rewrite).check_all([link.url for link in links], progress=progress_printer(sys.stderr))
    elapsed = time.perf_counter() - started

    today = dt.date.today()
    report = link_report.rows(links, outcomes)
    runs = link_report.update_history(args.history, report, today)
    text = link_report.summary(report, runs, today)
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    if args.summary:
        args.summary.parent.mkdir(parents=True, exist_ok=True)
        args.summary.write_text(text, encoding="utf-8")
    failures = link_report.failing(report, runs if args.history else {})
    print(f"{len(outcomes)} distinct URLs checked in {elapsed:.1f} s ({len(outcomes) / max(elapsed, 1e-9):.1f}/s); "
          f"{len(failures)} need attention", file=sys.stderr)
    if not args.summary:
        print(text)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
