#!/usr/bin/env python3
"""Benchmark: what the open-data exports cost the build, and how much each export weighs.

Not a test: it prints figures next to the target in the issue "Open data": exports at 10,000
entries add at most 10% to the build time. For each size it
  - times the exports alone (exports.files plus the JSON-LD of every resource page), in process;
  - builds the site four times in fresh processes (without, with, with, without), with the
    exports and with them switched off (patched out of the generator: each export becomes an
    empty file, so links still resolve), and compares the mean build times, wall and CPU;
  - reports each export's size, raw and gzip-compressed (level 6, as a web server would send it).

Usage: scripts/bench_exports.py [--sizes 1000,10000] [--catalogue resources.yaml] [--no-builds]
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from signpost import exports, jsonld
from signpost.catalogue import DEFAULT_CATALOGUE, check_file
from signpost.synthetic import clone_catalogue, write_catalogue

ROOT = Path(__file__).resolve().parents[1]
TARGET_SHARE = 0.10  # exports may add at most 10% to the build time
WITHOUT_EXPORTS = (
    "import sys; sys.path.insert(0, {scripts!r});"
    "from signpost import exports, jsonld;"
    "made_data, made_page = exports.data_files, exports.page;"
    "exports.data_files = lambda entries, today: {{path: '' for path in made_data(entries[:1], today)}};"
    "exports.page = lambda entries: {{path: '---\\ntitle: stub\\n---\\n' for path in made_page(entries[:1])}};"
    "jsonld.script_tag = lambda entry: '';"
    "import build; sys.exit(build.main(['--catalogue', {catalogue!r}, '--out', {out!r}, '--quiet']))"
)


def build_seconds(catalogue: Path, out: Path, with_exports: bool) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system, the build and its children) of one build.
    CPU time is the fairer figure on a shared machine, where other work stretches wall time."""
    if with_exports:
        command = [sys.executable, str(ROOT / "scripts" / "build.py"), "--catalogue", str(catalogue), "--out", str(out), "--quiet"]
    else:
        command = [sys.executable, "-c", WITHOUT_EXPORTS.format(scripts=str(ROOT / "scripts"), catalogue=str(catalogue), out=str(out))]
    before, started = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    run = subprocess.run(command, capture_output=True, text=True)
    wall, after = time.perf_counter() - started, resource.getrusage(resource.RUSAGE_CHILDREN)
    if run.returncode != 0:
        raise SystemExit(f"build failed:\n{run.stderr[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def export_seconds(entries: list[dict]) -> tuple[float, dict[str, str]]:
    """CPU seconds to make every export and every resource page's JSON-LD."""
    started = time.process_time()
    files = exports.files(entries, dt.date.today())
    for entry in entries:
        jsonld.script_tag(entry)
    return time.process_time() - started, files


def sizes(files: dict[str, str]) -> list[tuple[str, int, int]]:
    out = []
    for path, content in sorted(files.items()):
        raw = content.encode("utf-8")
        out.append((path, len(raw), len(gzip.compress(raw, 6))))
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--catalogue", default=str(DEFAULT_CATALOGUE))
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--no-builds", action="store_true", help="time the exports and weigh them, without the two full builds")
    args = parser.parse_args(argv)
    real = check_file(args.catalogue)
    if not real.ok:
        print(f"{args.catalogue} is not valid; run scripts/validate.py", file=sys.stderr)
        return 1
    print(f"synthetic catalogues cloned from {len(real.entries)} real entries")
    runs = [("real", real.entries)] + [(str(n), clone_catalogue(real.entries, n)) for n in (int(s) for s in args.sizes.split(","))]
    with tempfile.TemporaryDirectory() as tmp:
        for name, entries in runs:
            seconds, files = export_seconds(entries)
            print(f"\n{name} catalogue ({len(entries)} entries): exports made in {seconds:.2f} s of CPU")
            for path, raw, packed in sizes(files):
                if path.endswith((".json", ".csv", ".xml")) or path == "changes/index.md":
                    print(f"  {path:<32} {raw / 1024:10.1f} KB  {packed / 1024:9.1f} KB gzip")
            if args.no_builds or name == "real":
                continue
            catalogue = write_catalogue(real.entries, len(entries), Path(tmp) / f"catalogue-{name}.yaml")
            # Builds in the order without, with, with, without, each output deleted before the next,
            # so a machine that speeds up or slows down over the run favours neither side.
            timings = {False: [], True: []}
            for exported in (False, True, True, False):
                out = Path(tmp) / f"site-{name}"
                timings[exported].append(build_seconds(catalogue, out, with_exports=exported))
                shutil.rmtree(out)
            without, without_cpu = (sum(t[i] for t in timings[False]) / 2 for i in (0, 1))
            with_, with_cpu = (sum(t[i] for t in timings[True]) / 2 for i in (0, 1))
            print(f"  mean build without exports {without:.1f} s ({without_cpu:.1f} s CPU), with them {with_:.1f} s ({with_cpu:.1f} s CPU): "
                  f"+{(with_ - without) / without:.1%} wall, +{(with_cpu - without_cpu) / without_cpu:.1%} CPU; "
                  f"exports alone {seconds / without_cpu:.1%} of the build's CPU (target: at most +{TARGET_SHARE:.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
