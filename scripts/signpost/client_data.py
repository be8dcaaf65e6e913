"""What a client's shared list and the urgent lines show, as small JSON files the browser reads.

The client page fetches only the entries in its link, so it stays light whatever the size of
the catalogue. Everything here is plain text and hrefs; the page sets them with textContent.
config.json carries the facts the browser must share with Python (the link's shape and its
limit, the places, the urgent lines), so they are declared once, here and in share_link.py.
"""
from __future__ import annotations

import json

from . import client_words, places, present, resource_page, share_link
from .schema import label

FOLDER = "client/data"
CONFIG = f"{FOLDER}/config.json"
# The places of the `place` query parameter (declared in places.py) and the catalogue areas each
# stands for: UK-wide needs all four nations.
UK_NATIONS = list(places.UK_NATIONS)
PLACE_AREAS = {places.DEFAULT: UK_NATIONS, **{place: [area] for place, area in places.NATION_PLACES.items()}}
DEFAULT_PLACE = places.DEFAULT
# 999 reaches the emergency services in the UK and in Ireland; elsewhere the page names no number.
EMERGENCY = {"text": "Call 999", "href": "tel:999", "places": sorted(PLACE_AREAS)}
URGENT_CHANNELS = ("phone", "sms")


def replacement(entry: dict, by_id: dict) -> tuple[dict | None, list[str]]:
    """The service to offer instead of a closed one: its successors followed to one that is not
    closed, and the names of the closed ones passed on the way. None when the chain ends closed."""
    passed, seen, current = [], {entry["id"]}, entry
    while current["status"] == "closed":
        nxt = by_id.get(current.get("successor", ""))
        if nxt is None or nxt["id"] in seen:
            return None, passed
        seen.add(nxt["id"])
        if nxt["status"] == "closed":
            passed.append(nxt["name"])
        current = nxt
    return (current if current is not entry else None), passed


def contact_data(contact: dict, entry: dict) -> dict:
    return {
        "text": present.contact_text(contact),
        "label": contact.get("label", ""),
        "href": present.href(contact) or "",
        "hours": times(contact.get("hours")),
        "open": open_data(contact, entry),
        "cost": label("call_cost", contact["cost"]) if contact.get("cost") else "",
    }


def times(hours: dict | None) -> str:
    """When a way of getting in touch is open, without the hours' note (often about its sources,
    which is for practitioners: the resource page shows it in their part)."""
    return present.hours_text({k: v for k, v in hours.items() if k != "note"}) if hours else ""


def open_data(contact: dict, entry: dict) -> str:
    """The value of a data-sp-open slot (see the contract): signpost.js fills it with open/closed."""
    if not contact.get("hours"):
        return ""
    return json.dumps({"hours": contact["hours"], "areas": entry["audience"]["areas"]}, ensure_ascii=False, separators=(",", ":"))


def entry_data(entry: dict, by_id: dict) -> dict:
    instead, passed = replacement(entry, by_id)
    return {
        "id": entry["id"],
        "code": present.share_code(entry["id"]),
        "name": entry["name"],
        "summary": entry["summary"],
        "kind": label("kind", entry["kind"]),
        "status": entry["status"],
        "status_note": entry.get("status_note", ""),
        "replacement": {"code": present.share_code(instead["id"]), "name": instead["name"], "passed": passed} if instead else None,
        "cost": present.cost_text(entry) + (f". {entry['cost']['note']}" if entry["cost"].get("note") else ""),
        "url": entry["url"],
        "page": resource_page.url_of(entry["id"]),
        "areas": entry["audience"]["areas"],
        # What Signpost.order (signpost.js) sorts by, when it is there: see the contract with issue 10.
        "free": entry["cost"]["model"] == "free",
        "crisis": "crisis" in entry["audience"]["topics"],
        "hours": next((c["hours"] for c in entry["contacts"] if c.get("hours")), None),
        "cautions": [client_words.caution(h) for h in entry["evaluation"]["harms"]],
        "contacts": [contact_data(c, entry) for c in entry["contacts"]],
        "checked": entry["last_checked"]["date"],
    }


def urgent_lines(entries: list[dict]) -> list[dict]:
    """Free lines open 24/7 to anyone in crisis, widest reach first, phone before text."""
    lines = []
    for entry in entries:
        audience = entry["audience"]
        if (entry["status"] != "active" or "crisis" not in audience["topics"] or audience.get("groups")
                or audience.get("min_age") is not None or audience.get("max_age") is not None):
            continue
        for contact in entry["contacts"]:
            if (contact["channel"] in URGENT_CHANNELS and (contact.get("hours") or {}).get("always_open")
                    and contact.get("cost") == "free" and present.href(contact)):
                lines.append({
                    "id": entry["id"], "code": present.share_code(entry["id"]), "name": entry["name"],
                    "text": present.contact_text(contact), "href": present.href(contact),
                    "hours": present.hours_text(contact["hours"]), "page": resource_page.url_of(entry["id"]),
                    "areas": audience["areas"], "free": True, "crisis": True, "hours_data": contact["hours"],
                    "channel": contact["channel"],
                })
    return sorted(lines, key=lambda line: (-len(line["areas"]), URGENT_CHANNELS.index(line["channel"]), line["name"].lower()))


def lines_for(place: str, lines: list[dict]) -> list[dict]:
    """The urgent lines that serve a place ('uk' needs all four nations)."""
    wanted = PLACE_AREAS.get(place) or [place.upper()]
    return [line for line in lines if all(area in line["areas"] for area in wanted)]


def config(entries: list[dict]) -> dict:
    return {
        "link": share_link.config(),
        "schemes": list(present.SAFE_SCHEMES),
        "places": PLACE_AREAS,
        "defaultPlace": DEFAULT_PLACE,
        "emergency": EMERGENCY,
        "urgent": urgent_lines(entries),
    }


def files(entries: list[dict]) -> dict[str, str]:
    by_id = {e["id"]: e for e in entries}
    out = {f"{FOLDER}/{present.share_code(e['id'])}.json": _json(entry_data(e, by_id)) for e in entries}
    out[CONFIG] = _json(config(entries))
    return out


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
