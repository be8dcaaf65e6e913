#!/usr/bin/env python3
"""Benchmark: validate synthetic catalogues cloned from the real entries.

Not a test: it reports figures against the targets (1,000 entries in 0.5 s, 10,000 in 5 s) and
where the time goes, so a change that trades soundness for speed is never needed to read them.
Usage: scripts/bench_validate.py [--catalogue resources.yaml] [--sizes 1000,10000] [--repeat 3]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

from signpost import schema_check, yaml_source
from signpost.catalogue import DEFAULT_CATALOGUE, check_file
from signpost.synthetic import write_catalogue

TARGET_SECONDS = {1_000: 0.5, 10_000: 5.0}


def timed(work, repeat: int) -> float:
    """Median CPU seconds over `repeat` runs: on a machine shared with other jobs, wall time
    measures the neighbours as much as the validator (the work is single-threaded)."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return statistics.median(times)


def libyaml_floor(text: str) -> None:
    """Only libyaml's parser, through PyYAML, with nothing built: no reader of PyYAML's reading is faster."""
    loader = yaml.CSafeLoader(text)
    try:
        while loader.check_event():
            loader.get_event()
    finally:
        loader.dispose()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--catalogue", default=str(DEFAULT_CATALOGUE))
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    base = check_file(args.catalogue)
    if not base.ok:
        print(f"{args.catalogue} is not valid; fix it first (scripts/validate.py)", file=sys.stderr)
        return 1
    print(f"cloned from {len(base.entries)} real entries in {args.catalogue}; CPU seconds, median of {args.repeat} runs")
    missed = False
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            path = write_catalogue(base.entries, size, Path(tmp) / f"catalogue-{size}.yaml")
            text = path.read_text(encoding="utf-8")
            whole = timed(lambda: check_file(path), args.repeat)
            floor = timed(lambda: libyaml_floor(text), args.repeat)
            source = yaml_source.load(text, path.name)
            read = timed(lambda: yaml_source.load(text, path.name), args.repeat)
            verdict = timed(lambda: [schema_check.check_entry(entry, i, source) for i, entry in enumerate(source.data)], args.repeat)
            result = check_file(path)
            target = TARGET_SECONDS.get(size)
            met = target is None or whole < target
            missed |= not met
            goal = "" if target is None else f"; target {target:.1f} s {'met' if met else 'MISSED'}"
            print(f"{size:>6} entries ({len(text) / 1e6:.1f} MB): {whole:.2f} s in all, {len(result.errors)} errors{goal}")
            print(f"        of which reading {read:.2f} s (libyaml's parse alone: {floor:.2f} s), schema {verdict:.2f} s, "
                  f"rules and positions {max(whole - read - verdict, 0):.2f} s")
    if missed:
        print("Targets missed: most of the time is libyaml's own parse through PyYAML, the one reading of the catalogue "
              "(see CONTRIBUTING.md); a faster parser would be a second reading.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
