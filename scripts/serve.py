#!/usr/bin/env python3
"""Serve the site on 127.0.0.1 and rebuild it when a source changes.

Usage: scripts/serve.py [--port 8000] [--engine mkdocs] [--catalogue resources.yaml]

The site is built exactly as `scripts/build.py` builds it (so any engine works), served with
the same security headers a host would send (_headers), and rebuilt when resources.yaml,
docs/, schema/, scripts/ or mkdocs.yml change. A failed rebuild keeps the last good site and
prints what to fix. Reload the page in the browser to see a rebuild.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from signpost import csp, engines
from signpost.catalogue import DEFAULT_CATALOGUE

WATCHED = ("resources.yaml", "docs", "schema", "scripts", "mkdocs.yml", "CONTRIBUTING.md")
POLL_SECONDS = 1.0
ROOT = Path(__file__).resolve().parents[1]
SERVE_DIR = ROOT / "build" / "serve"


class Handler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header("Content-Security-Policy", csp.policy(header=True))
        for name, value in csp.HEADERS.items():
            self.send_header(name, value)
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, *args):
        pass


def snapshot() -> dict[str, int]:
    stamps = {}
    for name in WATCHED:
        path = ROOT / name
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
        stamps.update({str(p): p.stat().st_mtime_ns for p in files})
    return stamps


def rebuild(catalogue: Path, engine: str, live: Path) -> bool:
    """Build into a fresh folder in a new process (so edits to scripts/ count too), then swap it in."""
    fresh = live.with_name("serve-next")
    started = time.monotonic()
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--catalogue", str(catalogue),
                           "--out", str(fresh), "--engine", engine, "--quiet"], capture_output=True, text=True)
    if done.returncode != 0:
        print(f"{done.stderr.strip()}\n(still serving the last good site)", file=sys.stderr)
        return False
    if live.exists():
        shutil.rmtree(live)
    fresh.rename(live)
    print(f"{done.stderr.strip()} in {time.monotonic() - started:.1f} s", file=sys.stderr)
    return True


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Serve the site locally, rebuilding on edits.")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--engine", default=engines.DEFAULT, choices=engines.ENGINES)
    parser.add_argument("--catalogue", default=str(DEFAULT_CATALOGUE))
    args = parser.parse_args(argv)
    if not 1 <= args.port <= 65535:
        print(f"--port {args.port}: choose a port from 1 to 65535", file=sys.stderr)
        return 2
    catalogue = Path(args.catalogue)
    SERVE_DIR.parent.mkdir(parents=True, exist_ok=True)
    if not rebuild(catalogue, args.engine, SERVE_DIR):
        SERVE_DIR.mkdir(exist_ok=True)
    # The handler serves whatever folder is live now, so a rebuild swaps in without a restart.
    handler = functools.partial(Handler, directory=str(SERVE_DIR))
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    except OSError as err:
        print(f"cannot listen on 127.0.0.1:{args.port} ({err.strerror}); try `make serve PORT=8001`", file=sys.stderr)
        return 1
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Serving on http://127.0.0.1:{args.port}/ (Ctrl+C to stop); rebuilding when sources change", file=sys.stderr)
    seen = snapshot()
    try:
        while True:
            time.sleep(POLL_SECONDS)
            now = snapshot()
            if now != seen:
                seen = now
                rebuild(catalogue, args.engine, SERVE_DIR)
    except KeyboardInterrupt:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
