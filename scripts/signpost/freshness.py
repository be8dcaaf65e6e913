"""How fresh an entry is, and which of its facts need a look on the live site.

Shared by the validator (warnings) and the site (notices for clients and maintainers).
"""
from __future__ import annotations

import datetime as dt

REVIEW_AFTER_DAYS = 365
OLD_SOURCE_DAYS = 2 * 365


def parse_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        return None


def page_date_start(text: str) -> dt.date | None:
    """Earliest day a page date like '2023', '2023-05' or '2023-05-04' can mean; None when undated."""
    if not isinstance(text, str) or text == "undated":
        return None
    parts = text.split("-") + ["01", "01"]
    try:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None


def page_date_end(text: str) -> dt.date | None:
    """Latest day a page date can mean, so '2026' is not 'in the future' during 2026."""
    start = page_date_start(text)
    if start is None:
        return None
    if len(text) == 4:
        return dt.date(start.year, 12, 31)
    if len(text) == 7:
        next_month = dt.date(start.year + (start.month == 12), start.month % 12 + 1, 1)
        return next_month - dt.timedelta(days=1)
    return start


def days_since_checked(entry: dict, today: dt.date) -> int | None:
    checked = parse_date((entry.get("last_checked") or {}).get("date"))
    return (today - checked).days if checked else None


def is_overdue(entry: dict, today: dt.date) -> bool:
    age = days_since_checked(entry, today)
    return age is not None and age > REVIEW_AFTER_DAYS


def recheck_reasons(entry: dict) -> list[str]:
    """Why a maintainer should confirm this entry's contact facts on the live site."""
    reasons = []
    sources = entry.get("sources") or {}
    for contact in entry.get("contacts") or []:
        what = f"{contact.get('channel')} {contact.get('value')}"
        reasons += [f"{what}: {reason}" for reason in contact_recheck_reasons(contact, sources)]
    if entry.get("recheck"):
        reasons.append(entry["recheck"])
    return list(dict.fromkeys(reasons))


def contact_recheck_reasons(contact: dict, sources: dict) -> list[str]:
    """Why one contact fact needs a look on the live site (empty when it does not)."""
    reasons = []
    source = sources.get(contact.get("source")) or {}
    if contact.get("confirmed") == "one_source":
        reasons.append("confirmed from one third-party source only")
    checked = parse_date(source.get("checked"))
    shown = page_date_start(source.get("page_date"))
    if checked and shown and (checked - shown).days > OLD_SOURCE_DAYS:
        reasons.append(f"its source page is dated {source.get('page_date')}, over two years before it was read")
    elif source.get("page_date") == "undated" and source.get("copy"):
        reasons.append("read from an undated stored copy")
    return reasons


def newest_page_date(keys: list[str], sources: dict) -> str:
    """The newest page date among a fact's sources ('2021-07'), or 'undated' when none has one."""
    dated = [sources[k]["page_date"] for k in keys if k in sources and page_date_start(sources[k].get("page_date"))]
    return max(dated, key=page_date_start) if dated else "undated"
