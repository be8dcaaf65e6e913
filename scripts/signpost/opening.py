"""Open now: whether a contact is answering at an instant, from its structured hours.

Times are wall-clock times in the hours' own time zone (UK time unless `timezone` says
otherwise), so the GMT/BST change needs no special case. A closing time earlier than the
opening time runs past midnight; 24:00 is midnight at the end of the day. On a bank holiday of
the service's nation only the periods that list `bank_holidays` apply; when the hours say nothing
about bank holidays the state is not known that day, rather than guessed.

The browser's script applies the same rules (docs/assets/signpost.js); the dates come from
bank_holidays.yaml, handed to it as generated data.
"""
from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from . import places

UK_ZONE = "Europe/London"
HOLIDAYS_FILE = Path(__file__).with_name("bank_holidays.yaml")
WARN_BEFORE = dt.timedelta(days=183)  # six months
# Which calendar of bank holidays applies to a service in each area; for a service that does not
# serve the visitor's nation, the first of these it serves decides (England and Wales for UK-wide).
CALENDAR_OF_AREA = {"GB-ENG": "england-and-wales", "GB-WLS": "england-and-wales", "GB-SCT": "scotland",
                    "GB-NIR": "northern-ireland", "IE": "ireland"}
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
LOOK_AHEAD_DAYS = 8
OPEN, CLOSED, UNKNOWN = "open", "closed", "unknown"


@functools.lru_cache(maxsize=1)
def calendars() -> dict:
    return yaml.safe_load(HOLIDAYS_FILE.read_text(encoding="utf-8"))["calendars"]


def holiday_dates() -> dict[str, list[str]]:
    """{calendar: ['2026-12-25', ...]} for the browser's script."""
    return {key: [str(d) for d in cal["dates"]] for key, cal in calendars().items()}


def calendar_for(areas: list[str], place: str = places.DEFAULT) -> str | None:
    """The bank holidays that apply: the visitor's nation when the service serves it, otherwise
    the first nation the service names (England and Wales for a UK-wide service)."""
    area = places.area_of(place)
    if area in CALENDAR_OF_AREA and area in areas:
        return CALENDAR_OF_AREA[area]
    return next((calendar for candidate, calendar in CALENDAR_OF_AREA.items() if candidate in areas), None)


def expiry_warnings(today: dt.date) -> list[str]:
    """A warning for each calendar whose dates run out within six months."""
    out = []
    for key, cal in calendars().items():
        last = max(cal["dates"])
        if last - today < WARN_BEFORE:
            out.append(f"{HOLIDAYS_FILE.name}: calendars.{key}: the last bank holiday listed is {last}, less than six months away; "
                       f"add the next year's dates from {cal['source']}")
    return out


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def _day_spans(hours: dict, day: dt.date, holidays: set) -> list[tuple[int, int]] | None:
    """Opening spans of one local day in minutes from its midnight (the end may pass 1440),
    or None when the day is a bank holiday the hours say nothing about."""
    periods = hours["weekly"]
    if day in holidays:
        if not any("bank_holidays" in p["days"] for p in periods):
            return None
        chosen = [p for p in periods if "bank_holidays" in p["days"]]
    else:
        chosen = [p for p in periods if DAYS[day.weekday()] in p["days"]]
    spans = []
    for p in chosen:
        start, end = _minutes(p["opens"]), _minutes(p["closes"])
        spans.append((start, end if end > start else end + 1440))
    return spans


def status(hours: dict | None, areas: list[str], instant: dt.datetime, place: str = places.DEFAULT) -> dict:
    """{'state': open|closed|unknown, 'change': local datetime of the next change or None}."""
    if not hours:
        return {"state": UNKNOWN, "change": None}
    if hours.get("always_open"):
        return {"state": OPEN, "change": None}
    zone = ZoneInfo(hours.get("timezone") or UK_ZONE)
    local = instant.astimezone(zone).replace(tzinfo=None)
    calendar = calendar_for(areas, place)
    holidays = {d for d in calendars()[calendar]["dates"]} if calendar else set()
    today = local.date()
    spans, unknown_today = [], False
    for offset in range(-1, LOOK_AHEAD_DAYS):
        day = today + dt.timedelta(days=offset)
        day_spans = _day_spans(hours, day, holidays)
        if day_spans is None:
            unknown_today = unknown_today or offset == 0
            continue
        midnight = dt.datetime.combine(day, dt.time())
        spans += [(midnight + dt.timedelta(minutes=a), midnight + dt.timedelta(minutes=b)) for a, b in day_spans]
    merged = _merge(sorted(spans))
    for start, end in merged:
        if start <= local < end:
            return {"state": OPEN, "change": end}
    if unknown_today:
        return {"state": UNKNOWN, "change": None}
    upcoming = [start for start, _ in merged if start > local]
    return {"state": CLOSED, "change": upcoming[0] if upcoming else None}


def entry_status(hours_list: list[dict], areas: list[str], instant: dt.datetime, place: str = places.DEFAULT) -> dict:
    """A resource is open when any of its ways in is: the latest closing among the open ones,
    else the soonest opening among the closed ones (as the browser's script decides)."""
    found = [status(h, areas, instant, place) for h in hours_list]
    opened = [s for s in found if s["state"] == OPEN]
    if opened:
        return {"state": OPEN, "change": None} if any(s["change"] is None for s in opened) else max(opened, key=lambda s: s["change"])
    closed = [s for s in found if s["state"] == CLOSED and s["change"] is not None]
    if closed:
        return min(closed, key=lambda s: s["change"])
    return next((s for s in found if s["state"] == CLOSED), {"state": UNKNOWN, "change": None})


def _merge(spans):
    out = []
    for start, end in spans:
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def clock(moment: dt.datetime) -> str:
    """'7pm', '9:30am', 'midnight', 'midday': times as people in the UK write them."""
    if moment.hour == 0 and moment.minute == 0:
        return "midnight"
    if moment.hour == 12 and moment.minute == 0:
        return "midday"
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    return f"{hour}{suffix}" if moment.minute == 0 else f"{hour}:{moment.minute:02d}{suffix}"


def describe(state: dict, now_local: dt.datetime | None = None) -> str:
    """'Open now — until 11pm', 'Closed — opens 7pm', 'Closed — opens Mon 9am', 'Hours not known'."""
    if state["state"] == UNKNOWN:
        return "Hours not known"
    change = state["change"]
    if state["state"] == OPEN:
        if change is None:
            return "Open now — 24 hours"
        far = now_local is not None and change - now_local > dt.timedelta(days=1)
        return f"Open now — until {change:%a} {clock(change)}" if far else f"Open now — until {clock(change)}"
    if change is None:
        return "Closed"
    when = clock(change)
    if now_local is not None and change.date() != now_local.date():
        when = ("tomorrow " if change.date() - now_local.date() == dt.timedelta(days=1) else f"{change:%a} ") + when
    return f"Closed — opens {when}"
