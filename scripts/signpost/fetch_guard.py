"""What the link checker may connect to, and for how long: the limits no server can argue with.

Every socket the checker opens is made here. Before connecting, the host's addresses are looked up
and any that are not public (loopback, private, link-local such as the cloud metadata address
169.254.169.254, shared, reserved) are dropped; if none is left, the request is refused and nothing
is sent. Each URL check holds a Guard whose deadline covers every attempt, redirect and body read:
when it passes, the guard shuts every socket the check opened or took over from the keep-alive
pool, so a server that trickles a byte a second cannot hold the run.
"""
from __future__ import annotations

import contextlib
import ipaddress
import os
import socket
import threading
import time

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError


class RefusedAddress(Exception):
    """The host resolves only to addresses the checker must not reach. Deliberately not an OSError,
    so neither urllib3 nor requests wraps it or retries: it reaches the checker as it is."""

    def __init__(self, host: str, addresses: list[str]):
        super().__init__(host, addresses)
        self.host, self.addresses = host, addresses

    def __str__(self) -> str:
        if self.addresses == [self.host]:
            return f"{self.host} is not a public address"
        return f"{self.host} is at {', '.join(self.addresses)}, not a public address"


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])  # an IPv6 address may carry a %zone
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class Guard:
    """One URL check's limits: its deadline, the sockets it opened, and the non-public networks it
    may reach anyway (`allowed`, empty in production; tests and the benchmark allow 127.0.0.1)."""

    def __init__(self, seconds: float, allowed: tuple[str, ...] = ()):
        self.seconds = seconds
        self.allowed = tuple(ipaddress.ip_network(net) for net in allowed)
        self.expires: float | None = None  # the clock starts with the first request, not in the queue
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self.expired = False

    def start(self) -> None:
        if self.expires is None:
            self.expires = time.monotonic() + self.seconds
            self._timer = threading.Timer(self.seconds, self._expire)
            self._timer.daemon = True
            self._timer.start()

    def remaining(self) -> float:
        return self.seconds if self.expires is None else max(0.0, self.expires - time.monotonic())

    def permitted(self, address: str) -> bool:
        if is_public(address):
            return True
        ip = ipaddress.ip_address(address.split("%")[0])
        return any(ip in net for net in self.allowed)

    def watch(self, sock: socket.socket) -> None:
        """Keep a duplicate of the socket: shutting the duplicate down also ends reads on the
        original, even after TLS has wrapped it in another object."""
        duplicate = socket.socket(fileno=os.dup(sock.fileno()))
        with self._lock:
            self._sockets.append(duplicate)
            if self.expired:
                _shut(duplicate)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)

    def close(self) -> None:
        if self._timer:
            self._timer.cancel()
        with self._lock:
            for sock in self._sockets:
                sock.close()
            self._sockets.clear()


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed by the other side


_current = threading.local()


@contextlib.contextmanager
def guarding(guard: Guard):
    """Every connection this thread opens or reuses inside the block is vetted and watched by `guard`."""
    _current.guard = guard
    try:
        yield guard
    finally:
        _current.guard = None
        guard.close()


def session(user_agent: str) -> requests.Session:
    """A session (one per thread) whose connections answer to the guard of the check in progress."""
    result = _Session()
    result.headers["User-Agent"] = user_agent
    result.trust_env = False  # no proxies or netrc from the environment
    adapter = _GuardedAdapter(max_retries=0)
    result.mount("http://", adapter)
    result.mount("https://", adapter)
    return result


class _Session(requests.Session):
    def get_redirect_target(self, response):
        """None: the checker follows redirects itself, vetting each target first. (requests would
        otherwise parse the Location header even with allow_redirects=False, and raise on a
        malformed one before the checker could see it.)"""
        return None


class _Guarded:
    """Mixed into urllib3's connections: resolve, refuse non-public addresses, connect, watch."""

    def _new_conn(self) -> socket.socket:
        guard: Guard = _current.guard
        try:
            found = socket.getaddrinfo(self._dns_host, self.port, type=socket.SOCK_STREAM)
        except socket.gaierror as err:
            raise NameResolutionError(self.host, self, err) from err
        usable = [info for info in found if guard.permitted(info[4][0])]
        if not usable:
            raise RefusedAddress(self.host, sorted({info[4][0] for info in found}))
        last_error: OSError | None = None
        for family, kind, proto, _, address in usable:
            sock = socket.socket(family, kind, proto)
            try:
                guard.watch(sock)
                for option in self.socket_options or []:
                    sock.setsockopt(*option)
                sock.settimeout(self.timeout)
                sock.connect(address)
                return sock
            except socket.timeout:
                sock.close()
                last_error = ConnectTimeoutError(self, f"Connection to {self.host} timed out")
            except OSError as err:
                sock.close()
                last_error = NewConnectionError(self, f"Failed to establish a new connection: {err}")
        raise last_error


class _GuardedHTTPConnection(_Guarded, HTTPConnection):
    pass


class _GuardedHTTPSConnection(_Guarded, HTTPSConnection):
    pass


class _Reused:
    """Mixed into urllib3's pools: a kept-alive connection taken up by a new check is watched by
    that check's guard too (it was vetted when it was opened, for the same host and port)."""

    def _get_conn(self, timeout=None):
        conn = super()._get_conn(timeout)
        if conn.sock is not None:
            _current.guard.watch(conn.sock)
        return conn


class _GuardedHTTPPool(_Reused, HTTPConnectionPool):
    ConnectionCls = _GuardedHTTPConnection


class _GuardedHTTPSPool(_Reused, HTTPSConnectionPool):
    ConnectionCls = _GuardedHTTPSConnection


class _GuardedAdapter(HTTPAdapter):
    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _GuardedHTTPPool, "https": _GuardedHTTPSPool}
