"""Rules the JSON Schema cannot express, one small function each.

Each entry rule takes an entry and a Context and yields Findings; the runner in catalogue.py
attaches file positions. Rules run on every entry, also one the schema rejected, so a
maintainer sees every problem in one run: each rule reads only the fields it needs and
passes over a field of the wrong shape (the schema has already said what is wrong there).
Catalogue rules see every entry at once.
"""
from __future__ import annotations

import bisect
import datetime as dt
import ipaddress
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from . import change_log, freshness, phones
from .present import share_code
from .problems import ERROR, WARNING


@dataclass(frozen=True)
class Finding:
    path: tuple
    message: str
    fix: str
    level: str = ERROR


@dataclass(frozen=True)
class Context:
    today: dt.date
    ids: frozenset
    strict: bool = False
    status: dict = field(default_factory=dict)  # id -> status
    successor: dict = field(default_factory=dict)  # id -> successor id, for closed entries that name one


@dataclass(frozen=True)
class Listed:
    """What catalogue rules know of an entry: its place in the file and its id."""

    index: int
    id: str
    line: int


EMAIL = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+")
NUMBER_CHANNELS = {"phone", "sms", "textphone"}
CITATION = re.compile(r"\[([a-z0-9]+(?:-[a-z0-9]+)*)\]")
APP_HOSTS = {"ios_app": ("apps.apple.com",), "android_app": ("play.google.com",)}
HOST_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")
TOP_LEVEL_DOMAIN = re.compile(r"[a-z]{2,63}|xn--[a-z0-9-]{1,59}")
LONGEST_CHECKED_TEXT = 2000  # longer values are refused by the schema; rules do not parse them
# Free-text fields in which a source may be cited as [key], each reported at its own line.
PROSE_FIELDS = (("notes",), ("status_note",), ("recheck",), ("provider", "note"), ("audience", "note"))
CHARITY_NUMBER = {
    "ccew": re.compile(r"[0-9]{6,7}(-[0-9]+)?"),
    "oscr": re.compile(r"SC[0-9]{6}"),
    "ccni": re.compile(r"(NIC)?[0-9]{6}"),
    "cra": re.compile(r"[0-9]{8}"),
    "other": re.compile(r".+"),
}
CHARITY_FORM = {
    "ccew": "six or seven digits, e.g. 219432",
    "oscr": "SC and six digits, e.g. SC040604",
    "ccni": "six digits, optionally after NIC, e.g. NIC100002",
    "cra": "the eight-digit RCN, e.g. 20018049",
}


# ---- reading fields of any shape -------------------------------------------------------------

def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _dicts(value):
    """(index, item) for the items of a list that are mappings."""
    for index, item in enumerate(value if isinstance(value, list) else ()):
        if isinstance(item, dict):
            yield index, item


def _text(value) -> str | None:
    """The value when it is text short enough to check; None otherwise."""
    return value if isinstance(value, str) and len(value) <= LONGEST_CHECKED_TEXT else None


def _get(entry, path):
    for part in path:
        entry = _dict(entry).get(part)
    return entry


def _show(value: str) -> str:
    return f"'{value}'" if len(value) <= 80 else f"'{value[:77]}...'"


# ---- entry rules -----------------------------------------------------------------------------

def check_contact_values(entry, ctx):
    for index, contact in _dicts(entry.get("contacts")):
        channel, value = contact.get("channel"), _text(contact.get("value"))
        if not isinstance(channel, str) or value is None:
            continue
        where = ("contacts", index, "value")
        if channel in NUMBER_CHANNELS or (channel == "whatsapp" and not value.startswith("http")):
            country = contact.get("country", "GB")
            if not (isinstance(country, str) and re.fullmatch(r"[A-Z]{2}", country)):
                continue  # the schema reports the country; a number cannot be judged without it
            wrong = phones.problem(phones.without_relay_prefix(value) if channel == "textphone" else value, country)
            if wrong:
                yield Finding(where, f"{_show(value)} is {wrong}" if wrong.startswith("not") else f"{_show(value)}: {wrong}",
                              "copy the number exactly from the service's page; for another country's number add country: (e.g. IE) or write it as +<country code>...")
        elif channel == "email":
            if not EMAIL.fullmatch(value):
                yield Finding(where, f"{_show(value)} is not an email address", "write the bare address, e.g. jo@samaritans.org (no mailto:)")
        else:
            yield from _check_url(where, value, channel)


def check_urls(entry, ctx):
    """The home page and every source's address (contacts' links are checked with their channel)."""
    addresses = [(("url",), entry.get("url"))]
    addresses += [(("sources", key, "url"), _dict(source).get("url")) for key, source in _dict(entry.get("sources")).items()]
    for path, value in addresses:
        # The schema's pattern already refuses other schemes for these fields.
        if _text(value) is not None and value.startswith(("http://", "https://")):
            yield from _check_url(path, value, None)


def url_problem(value: str) -> tuple[str, str] | None:
    """(what is wrong, how to fix it) for an address that is not plainly a web page on a named host."""
    try:
        parts = urlsplit(value)
    except ValueError as err:
        return f"{_show(value)} is not a valid web address ({err})", "copy the address again from the browser's address bar"
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"{_show(value)} is not a web address", "give a full https:// address"
    if "@" in parts.netloc:
        return (f"{_show(value)} has a user name or password before the host (the part ending in '@'), which can disguise where the link goes",
                "link to the address without it")
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port is not None and not 1 <= port <= 65535:
        return f"{_show(value)} has a port that is not a number from 1 to 65535", "remove the port (':' and what follows the host name) unless the site needs it"
    host = parts.hostname or ""
    if not host.isascii():
        try:
            ascii_form = host.encode("idna").decode("ascii")
        except UnicodeError:
            return f"the host name '{host}' is not a valid international domain name", "copy the address again from the browser's address bar"
        return (f"the host name '{host}' has non-ASCII letters, which can imitate another site's name",
                f"write the host in its ASCII form, {ascii_form}, after checking it is the site you mean")
    if _is_ip_address(host):
        return None  # an address that is what it looks like (the link check's test servers use 127.0.0.1)
    labels = (host[:-1] if host.endswith(".") else host).split(".")  # 'example.org.' is the same host, written absolute
    if len(host) > 253 or len(labels) < 2 or not all(HOST_LABEL.fullmatch(label) for label in labels) or not TOP_LEVEL_DOMAIN.fullmatch(labels[-1]):
        return f"'{host}' is not a valid host name", "copy the address again from the browser's address bar"
    return None


def _is_ip_address(host: str) -> bool:
    # Most hosts are names; only digits and dots (IPv4) or a colon (IPv6) are worth parsing.
    if ":" not in host and not host.replace(".", "").isdigit():
        return False
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return False


def _check_url(where, value, channel):
    wrong = url_problem(value)
    if wrong:
        yield Finding(where, *wrong)
        return
    hosts = APP_HOSTS.get(channel)
    if hosts and urlsplit(value).hostname not in hosts:
        yield Finding(where, f"an {channel} link should point to {hosts[0]}", "link to the app's store page, or use channel: website")


def _cited_by_contacts(entry):
    for index, contact in _dicts(entry.get("contacts")):
        for name in ("source", "also_source"):
            if isinstance(contact.get(name), str):
                yield ("contacts", index, name), contact[name]


def _cited_by_evaluation(entry):
    evaluation = _dict(entry.get("evaluation"))
    for criterion in ("integrity", "security", "utility", "effectiveness"):
        keys = _dict(evaluation.get(criterion)).get("sources")
        for i, key in enumerate(keys if isinstance(keys, list) else ()):
            if isinstance(key, str):
                yield ("evaluation", criterion, "sources", i), key
    for h, harm in _dicts(evaluation.get("harms")):
        keys = harm.get("sources")
        for i, key in enumerate(keys if isinstance(keys, list) else ()):
            if isinstance(key, str):
                yield ("evaluation", "harms", h, "sources", i), key


def check_source_references(entry, ctx):
    defined = set(_dict(entry.get("sources")))
    used = set()
    for path, key in (*_cited_by_contacts(entry), *_cited_by_evaluation(entry)):
        used.add(key)
        if key not in defined:
            yield Finding(path, f"cites source '{key}', which is not defined", f"add '{key}' under sources or use one of: {', '.join(sorted(defined))}")
    for path in PROSE_FIELDS:
        prose = _get(entry, path)
        cited = CITATION.findall(prose) if isinstance(prose, str) else []
        used.update(cited)
        for key in sorted(set(cited) - defined):
            yield Finding(path, f"mentions [{key}], which is not a source of this entry", f"add '{key}' under sources or correct the key")
    for key in sorted(defined - used):
        yield Finding(("sources", key), f"source '{key}' is never cited",
                      f"cite it from a contact or a rating, or write [{key}] in notes or status_note where it supports what they say; otherwise remove it")


def check_confirmation(entry, ctx):
    sources = _dict(entry.get("sources"))
    for index, contact in _dicts(entry.get("contacts")):
        key, how = contact.get("source"), contact.get("confirmed")
        source = _dict(sources.get(key)) if isinstance(key, str) else {}
        if how == "own_page" and source and source.get("publisher") != "own":
            yield Finding(("contacts", index, "confirmed"), f"says own_page but source '{key}' is published by {source.get('publisher')!r}",
                          "cite the service's own page (publisher: own) or use two_sources / one_source")
        if how == "two_sources" and contact.get("also_source") == key:
            yield Finding(("contacts", index, "also_source"), "names the same source twice", "give a second, independent source")
        if how != "two_sources" and "also_source" in contact:
            yield Finding(("contacts", index, "also_source"), "is only used with confirmed: two_sources", "set confirmed: two_sources or remove also_source")


def check_contact_source_kinds(entry, ctx):
    """A contact fact may not rest on sources of kind 'other' (pastes, mirrors, search results) alone.

    A source without a kind is not judged: kinds are being filled in across the catalogue."""
    sources = _dict(entry.get("sources"))
    for index, contact in _dicts(entry.get("contacts")):
        keys = [contact[name] for name in ("source", "also_source") if isinstance(contact.get(name), str) and contact[name] in sources]
        kinds = [_dict(sources[key]).get("kind") for key in keys]
        if keys and all(kind == "other" for kind in kinds):
            cited = " and ".join(f"'{key}'" for key in dict.fromkeys(keys))
            yield Finding(("contacts", index, "source"), f"the contact fact rests only on sources of kind 'other' ({cited})",
                          "cite the service's own page or an official directory")


def check_dates(entry, ctx):
    written = _get(entry, ("last_checked", "date"))
    if isinstance(written, str):
        checked = freshness.parse_date(written)
        if checked is None:
            yield Finding(("last_checked", "date"), f"{_show(written)} is not a real date", "write a calendar date as YYYY-MM-DD")
        elif checked > ctx.today:
            yield Finding(("last_checked", "date"), f"{checked} is in the future", "give the day the entry was actually checked")
    for key, source in _dict(entry.get("sources")).items():
        source = _dict(source)
        if not isinstance(source.get("checked"), str):
            continue
        read = freshness.parse_date(source["checked"])
        if read is None:
            yield Finding(("sources", key, "checked"), f"{_show(source['checked'])} is not a real date", "write a calendar date as YYYY-MM-DD")
            continue
        if read > ctx.today:
            yield Finding(("sources", key, "checked"), f"{read} is in the future", "give the day the page was read")
        shown = source.get("page_date")
        if not isinstance(shown, str) or shown == "undated":
            continue
        start = freshness.page_date_start(shown)
        if start is None:
            yield Finding(("sources", key, "page_date"), f"{_show(shown)} is not a real date", "copy the date the page shows, or write undated")
        elif start > read:
            yield Finding(("sources", key, "page_date"), f"the page date {shown} is after the day it was read ({read})", "check both dates")


def check_review_due(entry, ctx):
    if isinstance(entry.get("last_checked"), dict) and freshness.is_overdue(entry, ctx.today):
        yield Finding(("last_checked", "date"), f"last checked {entry['last_checked']['date']}, over {freshness.REVIEW_AFTER_DAYS} days ago",
                      "re-check every fact against the live site and update last_checked",
                      ERROR if ctx.strict else WARNING)


def check_status(entry, ctx):
    successor = entry.get("successor")
    if not isinstance(successor, str):
        return
    if entry.get("status") != "closed":
        yield Finding(("successor",), "only closed entries name a successor", "remove successor or set status: closed")
    elif successor == entry.get("id"):
        yield Finding(("successor",), "names the entry itself", "name the entry that replaced this one")
    elif successor not in ctx.ids:
        yield Finding(("successor",), f"names '{successor}', which is not in the catalogue", "add that entry first, or correct the id")
    elif ctx.status.get(successor) != "active":
        chain = _successor_chain(successor, ctx)
        state = ctx.status.get(successor) or "not active"
        if ctx.status.get(chain[-1]) == "active":
            yield Finding(("successor",), f"names '{successor}', which is {state} too; its own replacement is active: {' -> '.join(chain)}",
                          f"name the active entry: successor: {chain[-1]}")
        else:
            through = f" ({' -> '.join(chain)})" if len(chain) > 1 else ""
            yield Finding(("successor",), f"names '{successor}', which is {state} and leads to no active entry{through}",
                          "name an active entry that took this one's place, or remove successor")


def _successor_chain(start, ctx) -> list[str]:
    """start, its successor, and so on, until an active entry, a dead end or a loop."""
    chain = [start]
    while ctx.status.get(chain[-1]) != "active":
        following = ctx.successor.get(chain[-1])
        if following is None or following in chain or following not in ctx.ids:
            break
        chain.append(following)
    return chain


def check_ages(entry, ctx):
    audience = _dict(entry.get("audience"))
    low, high = audience.get("min_age"), audience.get("max_age")
    if type(low) is int and type(high) is int and low > high:
        yield Finding(("audience", "max_age"), f"max_age {high} is below min_age {low}", "swap them or correct one")


def check_hours(entry, ctx):
    for index, contact in _dicts(entry.get("contacts")):
        for p, period in _dicts(_dict(contact.get("hours")).get("weekly")):
            if isinstance(period.get("opens"), str) and period.get("opens") == period.get("closes"):
                yield Finding(("contacts", index, "hours", "weekly", p, "closes"), "opens and closes at the same time",
                              "for round-the-clock service use always_open: true")


def check_charity_numbers(entry, ctx):
    provider = _dict(entry.get("provider"))
    if provider.get("type") == "charity" and not provider.get("charity_registrations"):
        yield Finding(("provider", "type"), "a charity with no registered number given",
                      "look the number up on the regulator's register and add it under provider.charity_registrations", WARNING)
    for index, registration in _dicts(provider.get("charity_registrations")):
        register, number = registration.get("register"), _text(registration.get("number"))
        if register in CHARITY_FORM and number is not None and not CHARITY_NUMBER[register].fullmatch(number):
            yield Finding(("provider", "charity_registrations", index, "number"),
                          f"{_show(number)} is not a {register} number",
                          f"write it as the register does: {CHARITY_FORM[register]}")


def check_summary_sentence(entry, ctx):
    summary = _text(entry.get("summary"))
    if summary and (not summary[:1].isupper() or summary[-1] not in ".!?"):
        yield Finding(("summary",), "should be one sentence that starts with a capital and ends with a full stop", "rewrite it as a plain sentence")


ENTRY_RULES = (
    check_contact_values,
    check_urls,
    check_source_references,
    check_confirmation,
    check_contact_source_kinds,
    check_dates,
    check_review_due,
    check_status,
    check_ages,
    check_hours,
    check_charity_numbers,
    check_summary_sentence,
    change_log.check_change_history,
)


# ---- catalogue rules: each takes a list of Listed and yields (index, Finding) -----------------

def check_unique_ids(entries):
    first = {}
    for entry in entries:
        if entry.id in first:
            yield entry.index, Finding(("id",), f"duplicate id '{entry.id}': the entry on line {first[entry.id].line} has it too",
                                       "ids must be unique: rename one or merge the entries")
        else:
            first[entry.id] = entry


def check_order(entries):
    """Entries stay in alphabetical order of id so pull-request diffs stay small.

    The entries out of place are those outside the longest run already in order: one entry
    moved up or down is named alone, and its neighbours are not blamed."""
    in_order = _longest_ordered_run(entries)
    kept = set(id(entry) for entry in in_order)
    ordered_ids = [entry.id for entry in in_order]
    for entry in entries:
        if id(entry) in kept:
            continue
        at = bisect.bisect_right(ordered_ids, entry.id)
        if at < len(in_order):
            where = f"it belongs before '{in_order[at].id}' (line {in_order[at].line})"
        else:
            where = f"it belongs after '{in_order[-1].id}' (line {in_order[-1].line})"
        yield entry.index, Finding(("id",), f"'{entry.id}' is out of alphabetical order: {where}",
                                   "move the entry there, or run: python3 scripts/sort_catalogue.py")


def _longest_ordered_run(entries):
    """The longest subsequence of entries whose ids never decrease (patience sorting, n log n)."""
    tails, tail_ids, previous = [], [], {}
    for position, entry in enumerate(entries):
        at = bisect.bisect_right(tail_ids, entry.id)
        previous[position] = tails[at - 1] if at else None
        if at == len(tails):
            tails.append(position)
            tail_ids.append(entry.id)
        else:
            tails[at] = position
            tail_ids[at] = entry.id
    run, position = [], tails[-1] if tails else None
    while position is not None:
        run.append(entries[position])
        position = previous[position]
    return run[::-1]


def check_share_codes(entries):
    """Each entry's six-character share code (see present.share_code) must be unique."""
    first = {}
    for entry in entries:
        code = share_code(entry.id)
        if code in first and first[code].id != entry.id:
            yield entry.index, Finding(("id",), f"'{entry.id}' has the same share code ({code}) as '{first[code].id}' (line {first[code].line})",
                                       "choose a slightly different id for the newer entry")
        first.setdefault(code, entry)


CATALOGUE_RULES = (check_unique_ids, check_order, check_share_codes)
