"""How catalogue facts read on the page: hours, links, costs, ratings and filter values.

Plain functions of an entry, shared by the page generator and the tests. Nothing here
writes HTML; it returns text and hrefs that the generator escapes.
"""
from __future__ import annotations

import base64
import hashlib
from urllib.parse import quote, urlsplit

from . import phones
from .schema import label, labels

SAFE_SCHEMES = ("https", "http", "tel", "sms", "mailto")
DAY_ORDER = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
CRITERIA = ("integrity", "security", "utility", "effectiveness")
CRITERION_LABELS = {"integrity": "Integrity", "security": "Security and privacy", "utility": "Utility", "effectiveness": "Effectiveness"}
# Age bands for the directory's age filter: an entry is in a band when its ages overlap it.
AGE_BANDS = {
    "children": ("Children (under 13)", 0, 12),
    "young_people": ("Young people (13 to 17)", 13, 17),
    "young_adults": ("Young adults (18 to 25)", 18, 25),
    "adults": ("Adults", 18, 120),
    "older_people": ("Older people (65 and over)", 65, 120),
}


def share_code(entry_id: str) -> str:
    """Six characters that stand for an entry in a shared link: ten entries fit in one text message.

    Derived from the id, so it never changes while the id does not; the validator checks they are unique."""
    digest = hashlib.sha256(entry_id.encode("utf-8")).digest()
    return base64.b32encode(digest).decode("ascii")[:6].lower()


def href(contact: dict) -> str | None:
    """A tap-to-call, tap-to-text, mailto or web link, or None when no safe link exists."""
    channel, value = contact["channel"], contact["value"]
    country = contact.get("country", "GB")
    if channel == "textphone":
        return None  # dialled from a textphone or the Relay UK app; a tel: link would place a voice call
    if channel == "phone":
        link = phones.tel_uri(value, country)
    elif channel == "sms":
        number = value.replace(" ", "")
        link = f"sms:{number}" + (f"?body={quote(contact['keyword'])}" if contact.get("keyword") else "")
    elif channel == "email":
        link = f"mailto:{value}"
    elif channel == "whatsapp" and not value.startswith("http"):
        link = "https://wa.me/" + phones.tel_uri(value, country)[len("tel:+"):]
    else:
        link = value
    return link if is_safe_href(link) else None


def is_safe_href(link: str) -> bool:
    """Links the site may carry: the allowed schemes, or a path within the site itself."""
    parts = urlsplit(link)
    if not parts.scheme:
        return not parts.netloc and not link.startswith("\\")  # same-site path, not //other.host
    return parts.scheme in SAFE_SCHEMES


def contact_text(contact: dict) -> str:
    """What a client reads and could type: 'Call 116 123', 'Text SHOUT to 85258'."""
    channel, value = contact["channel"], contact["value"]
    shown = phones.display(value, contact.get("country", "GB")) if channel in ("phone", "sms", "textphone", "whatsapp") and not value.startswith("http") else value
    if channel == "phone":
        return f"Call {shown}"
    if channel == "sms":
        return f"Text {contact['keyword']} to {shown}" if contact.get("keyword") else f"Text {shown}"
    if channel == "textphone":
        return f"Textphone {shown}"
    if channel == "email":
        return f"Email {shown}"
    if channel == "whatsapp":
        return f"WhatsApp {shown}"
    if channel == "webchat":
        return "Chat online"
    if channel in ("ios_app", "android_app"):
        return "Get the app (" + ("iPhone" if channel == "ios_app" else "Android") + ")"
    if channel == "bsl_video":
        return "BSL video call"
    return "Visit the website"


DAY_NAMES = {"mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday", "fri": "Friday", "sat": "Saturday", "sun": "Sunday"}
DAY_GROUPS = {("mon", "tue", "wed", "thu", "fri", "sat", "sun"): "Every day", ("mon", "tue", "wed", "thu", "fri"): "Weekdays",
              ("sat", "sun"): "Weekends"}
OPEN_24_7 = "Open 24/7"
ZONE_NAMES = {"Europe/London": "UK time", "Europe/Dublin": "Irish time"}


def hours_lines(hours: dict | None) -> list[str]:
    """Opening hours as people in the UK write them, one line per set of days, bank holidays on
    their own line: ['Every day, 5pm to midnight', 'Bank holidays, 5pm to midnight']."""
    if not hours:
        return []
    if hours.get("always_open"):
        return ["24 hours, every day"]
    lines, holiday_times = [], []
    for period in hours["weekly"]:
        times = f"{_clock(period['opens'])} to {_clock(period['closes'])}"
        week = [d for d in DAY_ORDER if d in period["days"]]
        if week:
            lines.append(f"{_days(week)}, {times}")
        if "bank_holidays" in period["days"] and times not in holiday_times:
            holiday_times.append(times)
    lines += [f"Bank holidays, {times}" for times in holiday_times]
    return lines


def hours_zone(hours: dict | None) -> str:
    """'UK time', 'Irish time' or the zone's name; empty for 24/7, which needs none."""
    if not hours or hours.get("always_open"):
        return ""
    zone = hours.get("timezone") or "Europe/London"
    return ZONE_NAMES.get(zone, f"{zone} time")


def hours_text(hours: dict | None) -> str:
    """The one wording of hours on one line: 'Weekdays, 9am to 5pm; Bank holidays, 10am to 2pm (UK time). Note.'"""
    if not hours:
        return ""
    text = "; ".join(hours_lines(hours))
    if hours_zone(hours):
        text += f" ({hours_zone(hours)})"
    if hours.get("note"):
        text += f". {hours['note']}"
    return text


def _clock(hhmm: str) -> str:
    """'17:00' -> '5pm', '09:30' -> '9:30am', '24:00' and '00:00' -> 'midnight', '12:00' -> 'midday'."""
    hour, minute = (int(part) for part in hhmm.split(":"))
    if hour in (0, 24) and minute == 0:
        return "midnight"
    if hour == 12 and minute == 0:
        return "midday"
    shown = f"{hour % 12 or 12}" + (f":{minute:02d}" if minute else "")
    return shown + ("am" if hour < 12 else "pm")


def _days(week: list[str]) -> str:
    """['mon','tue','wed','thu','fri'] -> 'Weekdays'; a run of three or more -> 'Monday to Thursday'."""
    if tuple(week) in DAY_GROUPS:
        return DAY_GROUPS[tuple(week)]
    runs, run = [], []
    for day in week:
        if run and DAY_ORDER.index(day) != DAY_ORDER.index(run[-1]) + 1:
            runs.append(run)
            run = []
        run.append(day)
    runs.append(run)
    parts = []
    for r in runs:
        if len(r) >= 3:
            parts.append(f"{DAY_NAMES[r[0]]} to {DAY_NAMES[r[-1]]}")
        else:
            parts += [DAY_NAMES[d] for d in r]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def is_24_7(entry: dict) -> bool:
    return any((c.get("hours") or {}).get("always_open") for c in entry["contacts"])


def main_contact(entry: dict) -> dict:
    return entry["contacts"][0]


def cost_text(entry: dict) -> str:
    return label("cost_model", entry["cost"]["model"])


def age_text(audience: dict) -> str:
    low, high = audience.get("min_age"), audience.get("max_age")
    if low is not None and high is not None:
        return f"Ages {low} to {high}"
    if low is not None:
        return f"Ages {low} and over"
    if high is not None:
        return f"Up to age {high}"
    return "Any age"


def age_bands(audience: dict) -> list[str]:
    low, high = audience.get("min_age", 0), audience.get("max_age", 120)
    return [key for key, (_, start, end) in AGE_BANDS.items() if low <= end and high >= start]


GLANCE = {
    "no_concerns": "No concerns found",
    "cautions": "Read the cautions",
    "concerns": "Concerns raised",
    "harm_warning": "Harm warning",
}
EVALUATION_VALUES = {**GLANCE, "good_evidence": "Good evidence it helps", "has_harms": "Has harm warnings"}


def rating_glance(entry: dict) -> str:
    """The directory's one-line verdict: a key of GLANCE."""
    evaluation = entry["evaluation"]
    if any(h["severity"] == "high" for h in evaluation["harms"]):
        return "harm_warning"
    if any(evaluation[c]["rating"] == "concerns" for c in CRITERIA):
        return "concerns"
    if evaluation["harms"]:
        return "cautions"
    return "no_concerns"


def filters(entry: dict) -> dict[str, list[str]]:
    """Every directory filter's values for an entry, as keys (the URL) that filter_values() labels."""
    audience = entry["audience"]
    evaluation = entry["evaluation"]
    judged = [rating_glance(entry)]
    if evaluation["effectiveness"]["rating"] == "good":
        judged.append("good_evidence")
    if evaluation["harms"]:
        judged.append("has_harms")
    return {
        "kind": [entry["kind"]],
        "topic": list(audience["topics"]),
        "age": age_bands(audience),
        "group": list(audience.get("groups", [])) or ["everyone"],
        "nation": list(audience["areas"]),
        "channel": list(dict.fromkeys(c["channel"] for c in entry["contacts"])),
        "cost": [entry["cost"]["model"]],
        "open": ["24_7"] if is_24_7(entry) else [],
        "language": list(audience["languages"]) + (["bsl"] if "bsl" in entry.get("accessibility", []) else []),
        "access": list(entry.get("accessibility", [])),
        "evaluation": judged,
        "rated": [c for c in CRITERIA if evaluation[c]["rating"] in RATED_WELL],
    }


FILTER_TITLES = {
    "kind": "Kind", "topic": "Topic", "age": "Age", "group": "Who it is for", "nation": "Nation or country",
    "channel": "How to get in touch", "cost": "Cost", "open": "Opening hours", "language": "Language",
    "access": "Accessibility", "evaluation": "Evaluation", "rated": "Rated good or adequate",
}
# "Open now" depends on the moment: the browser works it out; the other values are facts of the entry.
OPEN_NOW = "now"
RATED_WELL = ("good", "adequate")


def filter_values() -> dict[str, dict[str, str]]:
    """Every value each filter can take, key to label, in the schema's order."""
    return {
        "kind": labels("kind"),
        "topic": labels("topic"),
        "age": {key: band[0] for key, band in AGE_BANDS.items()},
        "group": {"everyone": "Everyone", **labels("group")},
        "nation": labels("area"),
        "channel": labels("channel"),
        "cost": labels("cost_model"),
        "open": {OPEN_NOW: "Open now", "24_7": OPEN_24_7},
        "language": {**labels("language"), "bsl": label("accessibility", "bsl")},
        "access": labels("accessibility"),
        "evaluation": EVALUATION_VALUES,
        "rated": {c: f"{CRITERION_LABELS[c]} rated good or adequate" for c in CRITERIA},
    }
