"""A page for maintainers: which entries carry facts to re-check live, and which are overdue.

The re-check list is sorted by the age of each entry's evidence: entries whose contact facts rest only
on undated pages come first (nothing shows how old they are, so they may be the stalest of all), then
entries by the date of their newest contact-fact source, oldest first. A maintainer with an hour to
spare starts at the top, where a number is most likely to have changed.
"""
from __future__ import annotations

import datetime as dt

from . import freshness
from .html import raw
from .resource_page import url_of
from .templating import render as render_template


def newest_contact_source(entry: dict) -> str | None:
    """The page date of the most recent source behind any contact fact; None when all are undated."""
    sources = entry.get("sources") or {}
    keys = {key for contact in entry.get("contacts") or [] for key in (contact.get("source"), contact.get("also_source")) if key}
    dated = [(freshness.page_date_end(shown), shown) for key in keys
             if freshness.page_date_end(shown := (sources.get(key) or {}).get("page_date")) is not None]
    return max(dated)[1] if dated else None


def evidence_age_label(entry: dict) -> str:
    newest = newest_contact_source(entry)
    return f"source dated {newest[:4]}" if newest else "undated source"


def oldest_evidence_first(entry: dict) -> tuple:
    """Sort key: undated entries first, then by newest contact-source date, oldest first, then by name."""
    newest = newest_contact_source(entry)
    return (newest is not None, freshness.page_date_end(newest) if newest else dt.date.min, entry.get("name", ""))


def render(entries: list[dict], today: dt.date) -> str:
    flagged = [(e, freshness.recheck_reasons(e)) for e in entries]
    flagged = sorted(((e, reasons) for e, reasons in flagged if reasons), key=lambda pair: oldest_evidence_first(pair[0]))
    overdue = [e for e in entries if freshness.is_overdue(e, today)]
    late = render_template("recheck_overdue.html", overdue=[{"url": "../../" + url_of(e["id"]), "name": e["name"],
                                                              "checked": e["last_checked"]["date"]} for e in overdue])
    items = render_template("recheck_facts.html", flagged=[{"url": "../../" + url_of(e["id"]), "name": e["name"],
                                                             "age": evidence_age_label(e), "reasons": reasons} for e, reasons in flagged])
    return (
        "---\ntitle: Entries to re-check\nsp_page: maintainers\nsearch:\n  exclude: true\n---\n\n"
        "Facts confirmed only from one third-party page, from a page dated more than two years before it was read, "
        "or from an undated stored copy are listed here until a maintainer confirms them on the live site. "
        "See CONTRIBUTING.md for how to re-check and update an entry.\n\n"
        f"## Review overdue ({len(overdue)}) {{ #overdue }}\n\n"
        + raw(str(late))
        + f"\n\n## Facts to confirm live ({len(flagged)} entries) {{ #recheck }}\n\n"
        "Oldest evidence first: entries whose contact facts rest only on undated pages, then entries by the date "
        "of their newest contact-fact source, oldest first.\n\n"
        + raw(str(items)) + "\n"
    )
