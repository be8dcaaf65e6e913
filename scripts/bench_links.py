#!/usr/bin/env python3
"""Benchmark: check the real catalogue's URL list against a local mirror with network-like latency.

Not a test, and it sends nothing beyond 127.0.0.1: every catalogue URL is rewritten to a mirror
server on this machine that answers after a fixed delay (default 100 ms, a typical round trip),
while the checker still limits requests per *original* host. Sources cited for contact facts are
fetched with GET and read (the fact check); the mirror's pages show no facts, so every fact is
reported as no longer shown. Prints progress, the summary a maintainer would read, and the
throughput in URLs per second.

Usage: scripts/bench_links.py [--latency 0.1] [--per-host 2] [--catalogue resources.yaml]
"""
from __future__ import annotations

import argparse
import http.server
import sys
import threading
import time
from urllib.parse import quote, urlsplit

import check_links
from signpost.catalogue import DEFAULT_CATALOGUE


def mirror(latency: float):
    class Mirror(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def answer(self, head):
            time.sleep(latency)
            body = b"<!doctype html><title>mirror</title>"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not head:
                self.wfile.write(body)

        def do_HEAD(self):
            self.answer(True)

        def do_GET(self):
            self.answer(False)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Mirror)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--catalogue", default=str(DEFAULT_CATALOGUE))
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--per-host", type=int, default=2)
    args = parser.parse_args(argv)
    server = mirror(args.latency)
    base = f"http://127.0.0.1:{server.server_port}/mirror/"

    def rewrite(url: str) -> str:
        parts = urlsplit(url)
        return base + quote(parts.netloc + parts.path, safe="/") + (f"?{parts.query}" if parts.query else "")

    print(f"mirror on {base} answering after {args.latency * 1000:.0f} ms; {args.per_host} requests at once per original host",
          file=sys.stderr)
    try:
        # The mirror is on loopback, which the checker refuses unless told otherwise.
        return check_links.main(["--catalogue", args.catalogue, "--per-host", str(args.per_host), "--retries", "0"],
                                rewrite=rewrite, allow_private=("127.0.0.1/32",))
    finally:
        server.shutdown()


if __name__ == "__main__":
    sys.exit(main())
