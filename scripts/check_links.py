#!/usr/bin/env python3
"""Check every URL in the catalogue and say which need a maintainer's attention.

Usage: scripts/check_links.py [--catalogue PATH] [--report PATH] [--summary PATH] [--history PATH]
                              [--per-host N] [--timeout S] [--deadline S] [--retries N] [--backoff S]
Results per URL: ok, moved, broken, unreachable, blocked (see scripts/signpost/links.py).
Results per contact fact, read from the pages it cites: shown, not_shown, unread
(see scripts/signpost/fact_check.py). Each URL is fetched once, within a total deadline.
Exit status: 0 nothing needs attention; 1 a link is broken or moved, or unreachable for several runs
in a row (with --history), or a source no longer shows its fact; 2 the catalogue has errors.
Never run by `make test`: it uses the network.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

from signpost import fact_check, link_report
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


def main(argv=None, rewrite=None, allow_private: tuple[str, ...] = ()) -> int:
    """`rewrite` and `allow_private` are for the tests and the benchmark, whose servers run on
    127.0.0.1; from the command line nothing outside public address space is ever contacted."""
    parser = argparse.ArgumentParser(description="Check the catalogue's links and that its contact facts are still on their sources.")
    parser.add_argument("--catalogue", default=str(DEFAULT_CATALOGUE))
    parser.add_argument("--report", type=Path, help="write the JSON report here")
    parser.add_argument("--summary", type=Path, help="write a Markdown summary here")
    parser.add_argument("--history", type=Path, help="JSON file of repeated findings kept between scheduled runs")
    parser.add_argument("--per-host", type=int, default=Settings.per_host, help="requests at once to one host")
    parser.add_argument("--timeout", type=float, default=Settings.timeout, help="seconds per connect or read")
    parser.add_argument("--deadline", type=float, default=Settings.deadline, help="seconds for everything one URL takes")
    parser.add_argument("--retries", type=int, default=Settings.retries, help="extra attempts when unreachable")
    parser.add_argument("--backoff", type=float, default=Settings.backoff, help="seconds before the first retry")
    args = parser.parse_args(argv)

    try:
        catalogue = check_file(args.catalogue)
    except Exception as err:  # a reader bug must still end in a message, not a traceback
        print(f"{args.catalogue}: the catalogue could not be read ({type(err).__name__}: {str(err)[:200]}); "
              "run scripts/validate.py on it and report this as a bug in the reader", file=sys.stderr)
        return 2
    if not catalogue.ok:
        for problem in catalogue.errors:
            print(problem.format(), file=sys.stderr)
        return 2
    links = catalogue_links(catalogue.entries)
    facts = fact_check.contact_facts(catalogue.entries)
    settings = Settings(timeout=args.timeout, deadline=args.deadline, per_host=args.per_host, retries=args.retries,
                        backoff=args.backoff, allow_private=allow_private)
    started = time.perf_counter()
    outcomes = Checker(settings, rewrite=rewrite).check_all([link.url for link in links], progress=progress_printer(sys.stderr),
                                                            read={fact.url for fact in facts})
    elapsed = time.perf_counter() - started

    today = dt.date.today()
    report = link_report.report(link_report.rows(links, outcomes), fact_check.rows(facts, outcomes), today)
    history = link_report.update_history(args.history, report, today)
    text = link_report.summary(report, history, today)
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    if args.summary:
        args.summary.parent.mkdir(parents=True, exist_ok=True)
        args.summary.write_text(text, encoding="utf-8")
    failures = link_report.failing(report, history if args.history else None)
    not_shown = sum(1 for row in report["facts"] if row["result"] == fact_check.NOT_SHOWN)
    print(f"{len(outcomes)} distinct URLs checked in {elapsed:.1f} s ({len(outcomes) / max(elapsed, 1e-9):.1f}/s); "
          f"{len(facts)} contact facts, {not_shown} no longer on their source; {len(failures)} need attention", file=sys.stderr)
    if not args.summary:
        print(text)
    return 1 if failures else 0

if __name__ == "__main__":
    sys.exit(main())
