#!/usr/bin/env python3
"""Benchmark: validate synthetic catalogues cloned from the real entries.

Not a test: it reports figures against the target (10,000 entries in under 3 s).
Usage: scripts/bench_validate.py [--catalogue resources.yaml] [--sizes 1000,10000]
"""
from __future__ import annotations

import argparse
import copy
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

from signpost.catalogue import DEFAULT_CATALOGUE, check_file

TARGET_SECONDS = {10_000: 3.0}


def synthetic_catalogue(real: list[dict], size: int) -> list[dict]:
    """`size` entries cloned round-robin from the real ones, with unique ids in canonical order."""
    clones = []
    for n in range(size):
        entry = copy.deepcopy(real[n % len(real)])
        entry["id"] = f"e{n:06d}-{entry['id']}"[:60].rstrip("-")
        entry.pop("successor", None)
        if entry.get("status") == "closed":
            entry["status"] = "active"
            entry.pop("status_note", None)
        clones.append(entry)
    return clones


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
            path = Path(tmp) / f"catalogue-{size}.yaml"
            path.write_text(yaml.safe_dump(synthetic_catalogue(base.entries, size), sort_keys=False, allow_unicode=True), encoding="utf-8")
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
