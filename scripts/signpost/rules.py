"""Rules the JSON Schema cannot express, one small function each.

Each entry rule takes a schema-valid entry and a Context and yields Findings; the runner
in catalogue.py attaches file positions. Catalogue rules see every entry at once.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
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


EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")
URL_CHANNELS = {"website", "webchat", "ios_app", "android_app", "bsl_video"}
NUMBER_CHANNELS = {"phone", "sms", "textphone"}
CITATION = re.compile(r"\[([a-z0-9]+(?:-[a-z0-9]+)*)\]")
APP_HOSTS = {"ios_app": ("apps.apple.com",), "android_app": ("play.google.com",)}
CHARITY_NUMBER = {
    "ccew": re.compile(r"^[0-9]{6,7}(-[0-9]+)?$"),
    "oscr": re.compile(r"^SC[0-9]{6}$"),
    "ccni": re.compile(r"^(NIC)?[0-9]{6}$"),
    "cra": re.compile(r"^[0-9]{8}$"),
    "other": re.compile(r"^.+$"),
}
CHARITY_FORM = {
    "ccew": "six or seven digits, e.g. 219432",
    "oscr": "SC and six digits, e.g. SC040604",
    "ccni": "six digits, optionally after NIC, e.g. NIC100002",
    "cra": "the eight-digit RCN, e.g. 20018049",
}


def check_contact_values(entry, ctx):
    for index, contact in enumerate(entry["contacts"]):
        channel, value = contact["channel"], contact["value"]
        where = ("contacts", index, "value")
        if channel in NUMBER_CHANNELS or (channel == "whatsapp" and not value.startswith("http")):
            country = contact.get("country", "GB")
            wrong = phones.problem(phones.without_relay_prefix(value) if channel == "textphone" else value, country)
            if wrong:
                yield Finding(where, f"'{value}' is {wrong}" if wrong.startswith("not") else f"'{value}': {wrong}",
                              "copy the number exactly from the service's page; for another country's number add country: (e.g. IE) or write it as +<country code>...")
        elif channel == "email":
            if not EMAIL.match(value):
                yield Finding(where, f"'{value}' is not an email address", "write the bare address, e.g. jo@samaritans.org (no mailto:)")
        else:
            yield from _check_url(where, value, channel)


def _check_url(where, value, channel):
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        yield Finding(where, f"'{value}' is not a web address", "give a full https:// address")
        return
    hosts = APP_HOSTS.get(channel)
    if hosts and parts.hostname not in hosts:
        yield Finding(where, f"an {channel} link should point to {hosts[0]}", "link to the app's store page, or use channel: website")


def check_source_references(entry, ctx):
    defined = set(entry["sources"])
    used = set()
    references = []
    for index, contact in enumerate(entry["contacts"]):
        for field in ("source", "also_source"):
            if field in contact:
                references.append((("contacts", index, field), contact[field]))
    evaluation = entry["evaluation"]
    for criterion in ("integrity", "security", "utility", "effectiveness"):
        for i, key in enumerate(evaluation[criterion].get("sources", [])):
            references.append((("evaluation", criterion, "sources", i), key))
    for h, harm in enumerate(evaluation["harms"]):
        for i, key in enumerate(harm.get("sources", [])):
            references.append((("evaluation", "harms", h, "sources", i), key))
    for path, key in references:
        used.add(key)
        if key not in defined:
            yield Finding(path, f"cites source '{key}', which is not defined", f"add '{key}' under sources or use one of: {', '.join(sorted(defined))}")
    prose = " ".join(text for text in _prose(entry))
    used.update(CITATION.findall(prose))
    for key in sorted(set(CITATION.findall(prose)) - defined):
        yield Finding(("notes",), f"mentions [{key}], which is not a source of this entry", f"add '{key}' under sources or correct the key")
    for key in sorted(defined - used):
        yield Finding(("sources", key), f"source '{key}' is never cited", f"cite it from a contact or a rating, or write [{key}] in notes or status_note where it supports what they say; otherwise remove it")


def _prose(entry):
    """Free-text fields in which a source may be cited as [key]."""
    yield entry.get("notes", "")
    yield entry.get("status_note", "")
    yield entry.get("recheck", "")
    yield entry["provider"].get("note", "")
    yield entry["audience"].get("note", "")




def check_confirmation(entry, ctx):
    for index, contact in enumerate(entry["contacts"]):
        source = entry["sources"].get(contact["source"], {})
        how = contact["confirmed"]
        if how == "own_page" and source and source.get("publisher") != "own":
            yield Finding(("contacts", index, "confirmed"), f"says own_page but source '{contact['source']}' is published by {source.get('publisher')!r}",
                          "cite the service's own page (publisher: own) or use two_sources / one_source")
        if how == "two_sources" and contact.get("also_source") == contact["source"]:
            yield Finding(("contacts", index, "also_source"), "names the same source twice", "give a second, independent source")
        if how != "two_sources" and "also_source" in contact:
            yield Finding(("contacts", index, "also_source"), "is only used with confirmed: two_sources", "set confirmed: two_sources or remove also_source")


def check_dates(entry, ctx):
    checked = freshness.parse_date(entry["last_checked"]["date"])
    if checked is None:
        yield Finding(("last_checked", "date"), f"'{entry['last_checked']['date']}' is not a real date", "write a calendar date as YYYY-MM-DD")
    elif checked > ctx.today:
        yield Finding(("last_checked", "date"), f"{checked} is in the future", "give the day the entry was actually checked")
    for key, source in entry["sources"].items():
        read = freshness.parse_date(source["checked"])
        if read is None:
            yield Finding(("sources", key, "checked"), f"'{source['checked']}' is not a real date", "write a calendar date as YYYY-MM-DD")
            continue
        if read > ctx.today:
            yield Finding(("sources", key, "checked"), f"{read} is in the future", "give the day the page was read")
        shown = source["page_date"]
        if shown != "undated" and freshness.page_date_start(shown) is None:
            yield Finding(("sources", key, "page_date"), f"'{shown}' is not a real date", "copy the date the page shows, or write undated")
        elif shown != "undated" and freshness.page_date_start(shown) > read:
            yield Finding(("sources", key, "page_date"), f"the page date {shown} is after the day it was read ({read})", "check both dates")


def check_review_due(entry, ctx):
    if freshness.is_overdue(entry, ctx.today):
        yield Finding(("last_checked", "date"), f"last checked {entry['last_checked']['date']}, over {freshness.REVIEW_AFTER_DAYS} days ago",
                      "re-check every fact against the live site and update last_checked",
                      ERROR if ctx.strict else WARNING)


def check_status(entry, ctx):
    successor = entry.get("successor")
    if successor is None:
        return
    if entry["status"] != "closed":
        yield Finding(("successor",), "only closed entries name a successor", "remove successor or set status: closed")
    elif successor == entry["id"]:
        yield Finding(("successor",), "names the entry itself", "name the entry that replaced this one")
    elif successor not in ctx.ids:
        yield Finding(("successor",), f"names '{successor}', which is not in the catalogue", "add that entry first, or correct the id")


def check_ages(entry, ctx):
    audience = entry["audience"]
    if "min_age" in audience and "max_age" in audience and audience["min_age"] > audience["max_age"]:
        yield Finding(("audience", "max_age"), f"max_age {audience['max_age']} is below min_age {audience['min_age']}", "swap them or correct one")


def check_hours(entry, ctx):
    for index, contact in enumerate(entry["contacts"]):
        for p, period in enumerate((contact.get("hours") or {}).get("weekly", [])):
            if period["opens"] == period["closes"]:
                yield Finding(("contacts", index, "hours", "weekly", p, "closes"), "opens and closes at the same time",
                              "for round-the-clock service use always_open: true")


def check_charity_numbers(entry, ctx):
    provider = entry["provider"]
    if provider["type"] == "charity" and not provider.get("charity_registrations"):
        yield Finding(("provider", "type"), "a charity with no registered number given",
                      "look the number up on the regulator's register and add it under provider.charity_registrations", WARNING)
    for index, registration in enumerate(entry["provider"].get("charity_registrations", [])):
        if not CHARITY_NUMBER[registration["register"]].match(registration["number"]):
            yield Finding(("provider", "charity_registrations", index, "number"),
                          f"'{registration['number']}' is not a {registration['register']} number",
                          f"write it as the register does: {CHARITY_FORM[registration['register']]}")


def check_summary_sentence(entry, ctx):
    summary = entry["summary"]
    if not summary[:1].isupper() or summary[-1] not in ".!?":
        yield Finding(("summary",), "should be one sentence that starts with a capital and ends with a full stop", "rewrite it as a plain sentence")


ENTRY_RULES = (
    check_contact_values,
    check_source_references,
    check_confirmation,
    check_dates,
    check_review_due,
    check_status,
    check_ages,
    check_hours,
    check_charity_numbers,
    check_summary_sentence,
    change_log.check_change_history,
)


def check_unique_ids(entries):
    """entries: list of (index, id). Yields (index, Finding)."""
    first = {}
    for index, entry_id in entries:
        if entry_id in first:
            yield index, Finding(("id",), f"duplicate id '{entry_id}' (also entry #{first[entry_id] + 1})", "ids must be unique: rename one or merge the entries")
        else:
            first[entry_id] = index


def check_order(entries):
    """Entries stay in alphabetical order of id so pull-request diffs stay small."""
    previous = None
    for index, entry_id in entries:
        if previous is not None and entry_id < previous:
            yield index, Finding(("id",), f"'{entry_id}' is out of order: it comes after '{previous}'",
                                 "keep entries in alphabetical order of id (run scripts/sort_catalogue.py)")
        previous = entry_id if previous is None or entry_id > previous else previous


def check_share_codes(entries):
    """Each entry's six-character share code (see present.share_code) must be unique."""
    first = {}
    for index, entry_id in entries:
        code = share_code(entry_id)
        if code in first and first[code] != entry_id:
            yield index, Finding(("id",), f"'{entry_id}' has the same share code ({code}) as '{first[code]}'",
                                 "choose a slightly different id for the newer entry")
        first.setdefault(code, entry_id)


CATALOGUE_RULES = (check_unique_ids, check_order, check_share_codes)
