"""Check many URLs politely: a few requests per host at a time, bounded time, retries with backoff.

HEAD first (cheap); GET when a server refuses or mishandles HEAD, or when the page itself is wanted
(a source cited for a contact fact, read once for the fact check). Redirects are followed here,
not by the HTTP library, so loops, moves to another site, malformed targets and redirects into
private networks can each be told apart. Nothing a server sends can stop the run: each URL has a
deadline (fetch_guard.py), and any failure becomes a result.
"""
from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import requests

from . import fetch_guard
from .links import BROKEN, MOVED, OK, UNREACHABLE, classify_status, site_of, unfetchable

MAX_REDIRECTS = 10
# Everything one URL may take: every attempt, redirect and body read. A server that trickles its
# answer is cut off here, so one bad site delays the run by this much at most.
URL_DEADLINE = 45.0
# A run stops starting new URLs after this long and still writes its report, well inside the
# workflow's job limit (timeout-minutes in .github/workflows/links.yml).
RUN_BUDGET = 20 * 60.0
# The most of a source page read for the fact check; contact details are near the top of any page.
MAX_PAGE_BYTES = 3_000_000
REDIRECTS = (301, 302, 303, 307, 308)
USER_AGENT = "Signpost-link-check/1.0 (+checks that links given to clients still work)"


@dataclass
class Settings:
    timeout: float = 15.0         # seconds for each connect or read
    deadline: float = URL_DEADLINE  # seconds for everything one URL takes
    run_budget: float = RUN_BUDGET  # seconds after which no new URL is started
    per_host: int = 2             # requests at once to one host
    workers: int = 16             # requests at once overall
    retries: int = 2              # extra attempts for unreachable answers
    backoff: float = 1.0          # seconds before the first retry, doubling after
    # Non-public networks the checker may reach. Empty in production, so nothing on loopback,
    # a private network or the cloud metadata address is ever requested; tests and the benchmark,
    # whose servers run on 127.0.0.1, pass ("127.0.0.1/32",).
    allow_private: tuple[str, ...] = ()


@dataclass
class Outcome:
    url: str
    result: str
    detail: str
    status: int | None = None
    final_url: str | None = None
    attempts: int = 1
    # The page itself, when it was asked for and answered 2xx on the same site (not in the report).
    page: bytes | None = field(default=None, repr=False)
    content_type: str = ""
    page_note: str = ""           # why there is no page, or why it is incomplete


@dataclass
class _Answer:
    status: int | None = None
    location: str | None = None
    failure: tuple[str, str] | None = None  # (result, detail)
    refused: str | None = None              # why the address was not contacted at all
    page: bytes | None = None
    content_type: str = ""
    page_note: str = ""


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
        self.stop_at = time.monotonic() + self.settings.run_budget
        self.local = threading.local()

    def check_all(self, urls: list[str], progress=None, read: set[str] = frozenset()) -> dict[str, Outcome]:
        """Outcome per distinct URL, each fetched once; pages of the URLs in `read` are kept.
        `progress(done, total, outcome)` is called as each finishes."""
        distinct = list(dict.fromkeys(urls))
        outcomes: dict[str, Outcome] = {}
        with ThreadPoolExecutor(max_workers=self.settings.workers) as pool:
            futures = {pool.submit(self.check, url, url in read): url for url in distinct}
            for done, future in enumerate(as_completed(futures), start=1):
                outcome = future.result()
                outcomes[futures[future]] = outcome
                if progress:
                    progress(done, len(distinct), outcome)
        return outcomes

    def session(self) -> requests.Session:
        if not hasattr(self.local, "session"):
            self.local.session = fetch_guard.session(USER_AGENT)
        return self.local.session

    def check(self, url: str, read: bool = False) -> Outcome:
        """Never raises: whatever happens, the URL gets a result and the run goes on."""
        with fetch_guard.guarding(fetch_guard.Guard(self.settings.deadline, self.settings.allow_private)) as guard:
            try:
                return self._check_with_retries(url, read, guard)
            except Exception as err:  # a last resort: a report with one odd row beats no report
                return Outcome(url, BROKEN, f"could not be checked: {type(err).__name__}: {_short(err)}")

    def _check_with_retries(self, url: str, read: bool, guard: fetch_guard.Guard) -> Outcome:
        attempt, delay = 0, self.settings.backoff
        while True:
            attempt += 1
            if time.monotonic() > self.stop_at:
                return Outcome(url, UNREACHABLE, f"not checked: the run's {self.settings.run_budget / 60:g}-minute budget ran out",
                               attempts=attempt - 1)
            outcome = self._check_once(url, read, guard)
            outcome.attempts = attempt
            if outcome.result != UNREACHABLE or attempt > self.settings.retries or guard.expired or guard.remaining() <= delay:
                return outcome
            time.sleep(delay)
            delay *= 2

    def _check_once(self, url: str, read: bool, guard: fetch_guard.Guard) -> Outcome:
        seen = [url]
        current = url
        session = self.session()
        for hop in range(MAX_REDIRECTS + 1):
            problem = unfetchable(current)
            if problem:
                what = f"redirects to an address that cannot be fetched ({problem}): {current}" if hop else problem
                return Outcome(url, BROKEN, what, None, current if hop else None)
            answer = self._request(session, current, read, guard)
            if answer.refused and hop:
                return Outcome(url, MOVED, f"redirects to a non-public address, not followed: {answer.refused}", None, current)
            if answer.refused:
                return Outcome(url, BROKEN, f"not a public address, not fetched: {answer.refused}")
            if answer.failure:
                return Outcome(url, *answer.failure)
            if answer.status in REDIRECTS and answer.location:
                try:
                    target = urljoin(current, answer.location)
                except ValueError as err:
                    return Outcome(url, BROKEN, f"redirects to a malformed address ({err}): {answer.location}", answer.status)
                if target in seen:
                    return Outcome(url, BROKEN, f"redirect loop: {' -> '.join(seen + [target])}", answer.status, target)
                seen.append(target)
                current = target
                continue
            return self._final(url, current, answer)
        return Outcome(url, BROKEN, f"more than {MAX_REDIRECTS} redirects", None, current)

    def _final(self, url: str, current: str, answer: _Answer) -> Outcome:
        result = classify_status(answer.status)
        if result == OK and site_of(current) != site_of(url):
            return Outcome(url, MOVED, f"redirects to another site: {current}", answer.status, current,
                           page_note="the page moved to another site")
        detail = f"HTTP {answer.status}" + (f" after redirect to {current}" if current != url else "")
        if result != OK:
            return Outcome(url, result, detail, answer.status, current, page_note=f"the link is {result} ({detail})")
        return Outcome(url, result, detail, answer.status, current, page=answer.page, content_type=answer.content_type,
                       page_note=answer.page_note)

    def _request(self, session: requests.Session, url: str, read: bool, guard: fetch_guard.Guard) -> _Answer:
        fetched = self.rewrite(url)
        # Politeness is per real host, whatever address the request is actually sent to.
        slot = self.hosts.slot(site_of(url) + ":" + str(_port(url)))
        if not slot.acquire(timeout=guard.remaining() if guard.expires else None):
            return _Answer(failure=(UNREACHABLE, f"no complete answer within {guard.seconds:g} s"))
        try:
            guard.start()
            return self._ask(session, fetched, read, guard)
        finally:
            slot.release()

    def _ask(self, session: requests.Session, url: str, read: bool, guard: fetch_guard.Guard) -> _Answer:
        def timeout():
            left = guard.remaining()
            if left <= 0:
                raise requests.exceptions.Timeout("deadline passed")
            return min(self.settings.timeout, left)

        try:
            response = None
            if not read:
                response = session.head(url, allow_redirects=False, timeout=timeout())
                response.close()
            if read or response.status_code in (400, 403, 404, 405, 429, 500, 501, 502, 503):
                # Many servers refuse or mishandle HEAD; ask again the ordinary way.
                response = session.get(url, allow_redirects=False, timeout=timeout(), stream=True)
            answer = _Answer(response.status_code, response.headers.get("Location"))
            if read and 200 <= response.status_code < 300:
                answer.content_type = response.headers.get("Content-Type", "")
                answer.page, answer.page_note = _read_page(response, guard)
            response.close()
            return answer
        except fetch_guard.RefusedAddress as err:
            return _Answer(refused=str(err))
        except Exception as err:
            if guard.expired or guard.remaining() <= 0:
                return _Answer(failure=(UNREACHABLE, f"no complete answer within {guard.seconds:g} s"))
            return _Answer(failure=_failure(err, self.settings.timeout))


def _read_page(response: requests.Response, guard: fetch_guard.Guard) -> tuple[bytes | None, str]:
    """The body, at most MAX_PAGE_BYTES; a note when it is cut short or cannot be read."""
    chunks, size = [], 0
    try:
        for chunk in response.iter_content(64 * 1024):
            chunks.append(chunk)
            size += len(chunk)
            if size >= MAX_PAGE_BYTES:
                return b"".join(chunks)[:MAX_PAGE_BYTES], f"only the first {MAX_PAGE_BYTES:,} bytes were read"
    except Exception as err:
        if guard.expired:
            return None, f"the page did not arrive within {guard.seconds:g} s"
        return None, f"the page could not be read: {_short(err)}"
    return b"".join(chunks), ""


def _failure(err: Exception, timeout: float) -> tuple[str, str]:
    if isinstance(err, requests.exceptions.SSLError):
        return UNREACHABLE, f"TLS failure: {_short(err)}"
    if isinstance(err, requests.exceptions.Timeout):
        return UNREACHABLE, f"no answer within {timeout:g} s"
    if isinstance(err, requests.exceptions.ConnectionError):
        if _name_not_resolved(err):
            return BROKEN, f"the name no longer resolves: {_short(err)}"
        return UNREACHABLE, f"connection failed: {_short(err)}"
    # InvalidURL, a header the HTTP library cannot parse, or anything else about this one address
    return BROKEN, f"not a working address: {type(err).__name__}: {_short(err)}"


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
