"""Checking the catalogue's links: which URLs to check, and what an answer means.

Results, as the issue "Link checking that maintainers can trust" defines them:
  ok          the page answers 2xx, after redirects that stay on the same site
  moved       after redirects it ends on a different site (a rebrand, or a lapsed domain taken over)
  broken      404, 410, a redirect loop, or a name that no longer resolves
  unreachable a timeout, a refused connection, a 5xx or a TLS failure (often temporary)
  blocked     401, 403 or 429: the site refuses automated checks; not a dead link
A redirect into a private, loopback or link-local address is reported as moved and never followed;
an address that cannot be fetched at all (bad port, malformed host, another scheme) is broken.
"""
from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

OK, MOVED, BROKEN, UNREACHABLE, BLOCKED = "ok", "moved", "broken", "unreachable", "blocked"
RESULTS = (BROKEN, MOVED, UNREACHABLE, BLOCKED, OK)  # most urgent first
URL_CHANNELS = {"website", "webchat", "ios_app", "android_app", "bsl_video", "whatsapp"}
WHAT_TO_DO = {
    BROKEN: "The page is gone. Find the service's new address on its own site or a search, update the entry, or close it.",
    MOVED: "The address now leads to another site. Open it: if the service has rebranded, update the URL; if the domain "
           "has lapsed or been taken over, remove the link at once and check the entry.",
    UNREACHABLE: "Often temporary. It becomes a failure only when it persists across several scheduled runs; "
                 "if it does, check by hand whether the service still exists.",
    BLOCKED: "The site refuses automated checks. Open it in a browser now and then; no change needed if it loads.",
    OK: "Nothing to do.",
}


@dataclass(frozen=True)
class Link:
    entry: str
    field: str
    url: str


def catalogue_links(entries: list[dict]) -> list[Link]:
    """Every web address in the catalogue, with the entry and field it comes from."""
    links = []
    for entry in entries:
        links.append(Link(entry["id"], "url", entry["url"]))
        for index, contact in enumerate(entry.get("contacts", [])):
            if contact.get("channel") in URL_CHANNELS and str(contact.get("value", "")).startswith(("http://", "https://")):
                links.append(Link(entry["id"], f"contacts[{index}].value", contact["value"]))
        for key, source in (entry.get("sources") or {}).items():
            links.append(Link(entry["id"], f"sources.{key}.url", source["url"]))
    return links


def site_of(url: str) -> str:
    """The host a visitor would recognise: 'www.' and the port do not make another site."""
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


FETCHED_SCHEMES = ("http", "https")
# One DNS label after IDNA encoding; underscores occur in real subdomains, so they pass.
_LABEL = re.compile(r"[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?")


def unfetchable(url: str) -> str | None:
    """None for an address the checker can fetch; otherwise what is wrong with it."""
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        return "the address contains spaces or control characters"
    try:
        parts = urlsplit(url)
        port = parts.port  # ValueError when not a number or out of range
    except ValueError as err:
        return f"malformed address ({err})"
    if parts.scheme.lower() not in FETCHED_SCHEMES:
        return f"only http and https addresses are checked, not {parts.scheme or 'a relative address'}"
    if port == 0:
        return "port 0 is not a port a server listens on"
    if not parts.hostname:
        return "the address has no host name"
    if not _valid_host(parts.hostname):
        return "the host name is malformed"
    return None


def _valid_host(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    labels = ascii_host.rstrip(".").split(".")
    return len(ascii_host) <= 253 and all(_LABEL.fullmatch(label) for label in labels)


def classify_status(status: int) -> str:
    if 200 <= status < 300:
        return OK
    if status in (401, 403, 429):
        return BLOCKED
    if status in (404, 410):
        return BROKEN
    if status >= 500:
        return UNREACHABLE
    return BROKEN  # other 4xx: the address as written does not work
