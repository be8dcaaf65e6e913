"""Check many URLs politely: a few requests per host at a time, bounded time, retries with backoff.

HEAD first (cheap); GET when a server refuses or mishandles HEAD. Redirects are followed here,
not by the HTTP library, so loops and moves to another site can be told apart.
"""
from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import requests

from .links import BROKEN, MOVED, OK, UNREACHABLE, classify_status, site_of

MAX_REDIRECTS = 10
USER_AGENT = "Signpost-link-check/1.0 (+checks that links given to clients still work)"


@dataclass
class Settings:
    timeout: float = 15.0        # seconds for each request (connect and read)
    per_host: int = 2            # requests at once to one host
    workers: int = 16            # requests at once overall
    retries: int = 2             # extra attempts for unreachable answers
    backoff: float = 1.0         # seconds before the first retry, doubling after


@dataclass
class Outcome:
    url: str
    result: str
    detail: str
    status: int | None = None
    final_url: str | None = None
    attempts: int = 1


@dataclass
class _Hosts:
    per_host: int
    locks: dict = field(default_factory=dict)
    guard: threading.Lock = field(default_factory=threading.Lock)

    def slot(self, host: str) -> threading.Semaphore:
        with self.guard:
            if host not in self.locks:
                self.locks[host] = threading.BoundedSemaphore(self.per_host)
            return self.locks[host]


class Checker:
    def __init__(self, settings: Settings | None = None, rewrite=None):
        """`rewrite` maps a URL to the one actually fetched (benchmarks point real hosts at a local mirror)."""
        self.settings = settings or Settings()
        self.rewrite = rewrite or (lambda url: url)
        self.hosts = _Hosts(self.settings.per_host)
        self.local = threading.local()

    def session(self) -> requests.Session:
        if not hasattr(self.local, "session"):
            session = requests.Session()
            session.headers["User-Agent"] = USER_AGENT
            session.trust_env = False  # no proxies or netrc from the environment
            self.local.session = session
        return self.local.session

    def check_all(self, urls: list[str], progress=None) -> dict[str, Outcome]:
        """Outcome per distinct URL; `progress(done, total, outcome)` is called as each finishes."""
        distinct = list(dict.fromkeys(urls))
        outcomes: dict[str, Outcome] = {}
        with ThreadPoolExecutor(max_workers=self.settings.workers) as pool:
            futures = {pool.submit(self.check, url): url for url in distinct}
            for done, future in enumerate(as_completed(futures), start=1):
                outcome = future.result()
                outcomes[futures[future]] = outcome
                if progress:
                    progress(done, len(distinct), outcome)
        return outcomes

    def check(self, url: str) -> Outcome:
        attempt, delay = 0, self.settings.backoff
        while True:
            attempt += 1
            outcome = self._check_once(url)
            outcome.attempts = attempt
            if outcome.result != UNREACHABLE or attempt > self.settings.retries:
                return outcome
            time.sleep(delay)
            delay *= 2

    def _check_once(self, url: str) -> Outcome:
        seen = [url]
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            status, location, error = self._request(current)
            if error:
                return Outcome(url, *error)
            if status in (301, 302, 303, 307, 308) and location:
                current = urljoin(current, location)
                if current in seen:
                    return Outcome(url, BROKEN, f"redirect loop: {' -> '.join(seen + [current])}", status, current)
                seen.append(current)
                continue
            result = classify_status(status)
            if result == OK and site_of(current) != site_of(url):
                return Outcome(url, MOVED, f"redirects to another site: {current}", status, current)
            detail = f"HTTP {status}" + (f" after redirect to {current}" if current != url else "")
            return Outcome(url, result, detail, status, current)
        return Outcome(url, BROKEN, f"more than {MAX_REDIRECTS} redirects", None, current)

    def _request(self, url: str):
        """(status, Location header, None) or (None, None, (result, detail)) for a failure."""
        fetched = self.rewrite(url)
        # Politeness is per real host, whatever address the request is actually sent to.
        with self.hosts.slot(site_of(url) + ":" + str(_port(url))):
            try:
                response = self.session().head(fetched, allow_redirects=False, timeout=self.settings.timeout)
                if response.status_code in (400, 403, 404, 405, 429, 500, 501, 502, 503):
                    # Many servers refuse or mishandle HEAD; ask again the ordinary way.
                    response.close()
                    response = self.session().get(fetched, allow_redirects=False, timeout=self.settings.timeout, stream=True)
                response.close()
                return response.status_code, response.headers.get("Location"), None
            except requests.exceptions.SSLError as err:
                return None, None, (UNREACHABLE, f"TLS failure: {_short(err)}")
            except requests.exceptions.Timeout:
                return None, None, (UNREACHABLE, f"no answer within {self.settings.timeout:g} s")
            except requests.exceptions.ConnectionError as err:
                if _name_not_resolved(err):
                    return None, None, (BROKEN, f"the name no longer resolves: {_short(err)}")
                return None, None, (UNREACHABLE, f"connection failed: {_short(err)}")
            except requests.exceptions.RequestException as err:
                return None, None, (BROKEN, f"not a working address: {_short(err)}")


def _port(url: str) -> int:
    parts = urlsplit(url)
    return parts.port or (443 if parts.scheme == "https" else 80)


def _name_not_resolved(err: Exception) -> bool:
    text = repr(err)
    return any(marker in text for marker in ("NameResolutionError", "Name or service not known", "nodename nor servname",
                                             "getaddrinfo failed", "No address associated", "Temporary failure in name resolution"))


def _short(err: Exception) -> str:
    text = str(err)
    return text if len(text) < 200 else text[:197] + "..."
