"""Where the person is, and the order a list takes for that place.

A place is the `place` value in a page's address: `uk` (UK-wide, the default), `eng`, `sct`,
`wls`, `nir`, `roi`, or a country's ISO 3166 code in lower case. The order rule is written once
here for the static pages (no JavaScript: the UK-wide order) and handed to the browser as data
(`order_rule()`), whose script applies the same rule for the visitor's place and the time now.
"""
from __future__ import annotations

from .schema import labels

DEFAULT = "uk"
UK_NATIONS = ("GB-ENG", "GB-SCT", "GB-WLS", "GB-NIR")
WORLDWIDE = "worldwide"
# Place in the address -> catalogue area. UK-wide has none: it is every nation at once.
NATION_PLACES = {"eng": "GB-ENG", "sct": "GB-SCT", "wls": "GB-WLS", "nir": "GB-NIR", "roi": "IE"}

# The groups a list falls into, best first for a place in the UK; the labels are what a reader sees.
OWN, UK_WIDE, EVERYWHERE, OTHER_UK, OUTSIDE = "own", "uk", "worldwide", "other_uk", "outside"
GROUP_LABELS = {OWN: "For {place}", UK_WIDE: "UK-wide", EVERYWHERE: "Worldwide", OTHER_UK: "Other parts of the UK",
                OUTSIDE: "Outside the UK"}
IN_UK_ORDER = (OWN, UK_WIDE, EVERYWHERE, OTHER_UK, OUTSIDE)
# Outside the UK the person's own country comes first, and "Outside the UK" before the UK's services.
ABROAD_ORDER = (OWN, EVERYWHERE, OUTSIDE, UK_WIDE, OTHER_UK)
# Within a group: open now (24/7 when the time is not known), free, suitable in a crisis, open to
# everyone (not only to one group of people), then name.
WITHIN_GROUP = ("open now", "free", "crisis", "everyone", "name")
FREE_COSTS = ("free",)
CRISIS_TOPIC = "crisis"


def choices() -> dict[str, str]:
    """Every place a visitor can choose, value to label, in the chooser's order."""
    areas = labels("area")
    out = {DEFAULT: "Anywhere in the UK"}
    out.update({place: areas[area] for place, area in NATION_PLACES.items()})
    out.update({area.lower(): name for area, name in areas.items()
                if area not in UK_NATIONS and area not in ("IE", WORLDWIDE)})
    return out


def area_of(place: str) -> str | None:
    """The catalogue area a place stands for; None for UK-wide."""
    if place == DEFAULT:
        return None
    return NATION_PLACES.get(place, place.upper())


def in_uk(place: str) -> bool:
    return place == DEFAULT or area_of(place) in UK_NATIONS


def is_uk_wide(areas: list[str]) -> bool:
    return all(nation in areas for nation in UK_NATIONS)


def group(areas: list[str], place: str = DEFAULT) -> str:
    """Which group an entry with these areas falls into for someone in `place`."""
    area = area_of(place)
    if area and area in areas and not (area in UK_NATIONS and is_uk_wide(areas)):
        return OWN
    if is_uk_wide(areas):
        return UK_WIDE
    if WORLDWIDE in areas:
        return EVERYWHERE
    if any(nation in areas for nation in UK_NATIONS):
        return OTHER_UK
    return OUTSIDE


def group_order(place: str = DEFAULT) -> tuple[str, ...]:
    return IN_UK_ORDER if in_uk(place) else ABROAD_ORDER


def group_label(key: str, place: str = DEFAULT) -> str:
    return GROUP_LABELS[key].format(place=choices().get(place, place.upper()))


def sort_key(item: dict, place: str = DEFAULT, open_now: bool | None = None) -> tuple:
    """Key for one item {areas, free, crisis, name, hours}: `open_now` is the item's state now,
    or None when the time is not known (the static pages), when only 24/7 counts as open."""
    if open_now is None:
        open_now = bool((item.get("hours") or {}).get("always_open"))
    return (not open_now, not item["free"], not item["crisis"], not item.get("everyone", True), item["name"].casefold())


def order(items: list[dict], place: str = DEFAULT, open_now=None) -> list[tuple[str, list[dict]]]:
    """Items in groups for a place: [(group key, items)], empty groups left out.
    `open_now(item)` says whether an item is open at the moment, or is None (not known)."""
    grouped: dict[str, list[dict]] = {key: [] for key in group_order(place)}
    for item in items:
        grouped[group(item["areas"], place)].append(item)
    return [(key, sorted(members, key=lambda i: sort_key(i, place, open_now(i) if open_now else None)))
            for key, members in grouped.items() if members]


def order_item(entry: dict) -> dict:
    """What the order needs to know about a catalogue entry."""
    hours = next((c["hours"] for c in entry["contacts"] if c.get("hours")), None)
    if any((c.get("hours") or {}).get("always_open") for c in entry["contacts"]):
        hours = {"always_open": True}
    return {"areas": list(entry["audience"]["areas"]), "free": entry["cost"]["model"] in FREE_COSTS,
            "crisis": CRISIS_TOPIC in entry["audience"]["topics"], "everyone": not entry["audience"].get("groups"),
            "name": entry["name"], "hours": hours, "entry": entry}


def ordered_entries(entries: list[dict], place: str = DEFAULT) -> list[tuple[str, list[dict]]]:
    """Entries grouped and ordered for a place without knowing the time: the static pages' order."""
    return [(key, [item["entry"] for item in items]) for key, items in order([order_item(e) for e in entries], place)]


def order_rule() -> dict:
    """The rule as data for the browser's script: the same groups, labels and keys."""
    return {"in_uk": list(IN_UK_ORDER), "abroad": list(ABROAD_ORDER), "labels": GROUP_LABELS,
            "nations": NATION_PLACES, "uk_nations": list(UK_NATIONS), "worldwide": WORLDWIDE,
            "choices": choices(), "default": DEFAULT}
