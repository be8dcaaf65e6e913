"""An HTTP server on 127.0.0.1 that answers the way real sites do, for the link checker's tests."""
from __future__ import annotations

import contextlib
import http.server
import threading
import time

SLOW_SECONDS = 2.0


class Scenarios(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    routes = {
        "/ok": (200, None),
        "/same-site": (301, "/ok"),
        "/absolute-same-site": (302, "{self}/ok"),
        "/other-site": (301, "{other}/ok"),
        "/loop-a": (302, "/loop-b"),
        "/loop-b": (302, "/loop-a"),
        "/401": (401, None),
        "/403": (403, None),
        "/404": (404, None),
        "/410": (410, None),
        "/429": (429, None),
        "/500": (500, None),
        "/503": (503, None),
    }

    def log_message(self, *args):
        pass

    def do_HEAD(self):
        self.answer(head=True)

    def do_GET(self):
        self.answer(head=False)

    def answer(self, head):
        path = self.path.split("?")[0]
        self.server.hits.append((self.command, path))
        if path == "/slow":
            time.sleep(SLOW_SECONDS)
            return self.send(200, None, head)
        if path == "/counted":  # answers after a moment, counting how many requests overlap
            with self.server.lock:
                self.server.in_flight += 1
                self.server.most_in_flight = max(self.server.most_in_flight, self.server.in_flight)
            time.sleep(0.3)
            with self.server.lock:
                self.server.in_flight -= 1
            return self.send(200, None, head)
        if path == "/head-refused":
            return self.send(405 if head else 200, None, head)
        if path.startswith("/mirror/"):
            return self.send(200, None, head)
        status, location = self.routes.get(path, (404, None))
        if location:
            location = location.format(self=f"http://127.0.0.1:{self.server.server_port}",
                                       other=f"http://localhost:{self.server.server_port}")
        self.send(status, location, head)

    def send(self, status, location, head):
        body = b"<!doctype html><title>test</title>"
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)


@contextlib.contextmanager
def scenario_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Scenarios)
    server.daemon_threads = True
    server.hits = []
    server.lock = threading.Lock()
    server.in_flight = server.most_in_flight = 0
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server, f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
