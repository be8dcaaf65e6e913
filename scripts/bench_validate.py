#!/usr/bin/env python3
"""Benchmark: validate synthetic catalogues cloned from the real entries.

Not a test: it reports figures against the target (10,000 entries in under 3 s).
Usage: scripts/bench_validate.py [--catalogue resources.yaml] [--sizes 1000,10000]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from signpost.catalogue import DEFAULT_CATALOGUE, check_file
from signpost.synthetic import write_catalogue

TARGET_SECONDS = {10_000: 3.0}


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
    print(f"cloned from {len(base.entries)} real entries in {args.catalogue}")
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            path = write_catalogue(base.entries, size, Path(tmp) / f"catalogue-{size}.yaml")
            times = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                result = check_file(path)
                times.append(time.perf_counter() - start)
            errors = len(result.errors)
            best, median = min(times), statistics.median(times)
            target = TARGET_SECONDS.get(size)
            verdict = "" if target is None else (f"  target < {target:.1f} s: " + ("met" if median < target else "MISSED"))
            failed |= target is not None and median >= target
            size_mb = path.stat().st_size / 1e6
            print(f"{size:>6} entries ({size_mb:.1f} MB): median {median:.2f} s, best {best:.2f} s, {errors} errors{verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
