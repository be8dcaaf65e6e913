"""An HTTP server on 127.0.0.1 that answers the way real sites do, and the way hostile ones do,
for the link checker's tests. Redirects to other addresses name places the checker must refuse
before connecting (169.254.169.254, 10.x) or cannot fetch at all; nothing here listens anywhere
but 127.0.0.1."""
from __future__ import annotations

import contextlib
import http.server
import threading
import time

SLOW_SECONDS = 2.0
TRICKLE_INTERVAL = 0.1   # seconds between bytes: far inside any per-read timeout
TRICKLE_BYTES = 100      # gives up after 10 s, long after the checker's test deadline

# What a hostile redirect target might say, hoping to reach the GitHub issue as Markdown.
HOSTILE_TARGET = ("http://evil.example/ @maintainer ![pixel](https://evil.example/p.png) <img src=x onerror=alert(1)> "
                  "[click](https://evil.example/) https://evil.example/auto `` ` | pipe")

# Source pages for the fact check: the fixture cites them for 0808 808 4994, SMS 85258 keyword ALPHA
# and help@alpha.example.org.
PAGES = {
    # Every fact, each written differently from the catalogue.
    "/contact-same": "<h1>Contact</h1><p>Call free on +44 (0)808&nbsp;808-4994, day or night.</p>"
                     "<p>Text <b>alpha</b> to 85 258.</p><p><a href='mailto:help@alpha.example.org'>Email us</a></p>",
    # The number has changed; the rest is as before.
    "/contact-new-number": "<h1>Contact</h1><p>Our new number is 0808 808 4995.</p>"
                           "<p>Text ALPHA to 85258.</p><p>help@alpha.example.org</p>",
    # A page whose text lives in a script and whose email address Cloudflare has hidden.
    "/contact-scripted": "<script>window.data={\"tel\":\"+448088084994\",\"sms\":\"Text ALPHA to 85258\"}</script>"
                         "<a href='/cdn-cgi/l/email-protection#{cf}'>[email&#160;protected]</a>",
}


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
        "/contact-moved-here": (301, "/contact-same"),
        "/contact-moved-away": (301, "{other}/contact-same"),
        "/redirect-bad-port": (302, "http://127.0.0.1:99999/"),
        "/redirect-port-not-a-number": (302, "http://127.0.0.1:http/"),
        "/redirect-bad-ipv6": (302, "http://[::1/"),
        "/redirect-empty-label": (302, "http://www..example.org/"),
        "/redirect-ftp": (302, "ftp://files.example.org/leaflet.pdf"),
        "/redirect-javascript": (302, "javascript:alert(1)"),
        "/redirect-file": (302, "file:///etc/passwd"),
        "/redirect-metadata": (302, "http://169.254.169.254/latest/meta-data/"),
        "/redirect-private": (301, "http://10.0.0.1/admin"),
        "/redirect-private-name": (301, "http://intranet.test/"),
        "/redirect-hostile": (302, HOSTILE_TARGET),
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
        if path in ("/trickle", "/trickle-body"):
            return self.trickle(head, body_only=path == "/trickle-body")
        if path in PAGES:
            return self.send(200, None, head, PAGES[path].replace("{cf}", cloudflare_hidden("help@alpha.example.org")).encode())
        if path == "/head-refused":
            return self.send(405 if head else 200, None, head)
        if path.startswith("/mirror/"):
            return self.send(200, None, head)
        status, location = self.routes.get(path, (404, None))
        if location:
            location = location.format(self=f"http://127.0.0.1:{self.server.server_port}",
                                       other=f"http://localhost:{self.server.server_port}")
        self.send(status, location, head)

    def trickle(self, head, body_only):
        """Answer one byte at a time: every read succeeds in time, the whole never arrives."""
        head_bytes = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n"
        if body_only:
            self.wfile.write(head_bytes)
            self.wfile.flush()
        try:
            for byte in (b"x" * TRICKLE_BYTES if body_only else head_bytes + b"x" * TRICKLE_BYTES)[:TRICKLE_BYTES]:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(TRICKLE_INTERVAL)
        except OSError:
            pass  # the checker hung up, as it should
        self.close_connection = True

    def send(self, status, location, head, body=b"<!doctype html><title>test</title>"):
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)


def cloudflare_hidden(address: str, key: int = 0x5A) -> str:
    """An address as Cloudflare's email protection writes it: a key byte, then each byte XORed with it."""
    return bytes([key] + [b ^ key for b in address.encode()]).hex()


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # the checker hangs up early on purpose (unread bodies, deadlines): not an error here


@contextlib.contextmanager
def scenario_server():
    server = _Server(("127.0.0.1", 0), Scenarios)
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
