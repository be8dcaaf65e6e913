"""The directory's and the search's data: what the browser needs to filter, count, order and
find resources without loading the catalogue.

- index.json: the filter values present in the data (with labels), the order rule, the places,
  the bank holidays, the distinct opening hours, the words of filter values and their synonyms.
- facets.bin: one bitset per filter value (N/8 bytes), in index.json's order. Counting how many
  resources each value would leave is a few AND and popcount passes over these.
- hours.bin: for each resource, which of the distinct opening hours it keeps (two bytes).
- words-X.json: the name, provider and phone-number words starting with X, each with the
  positions of the resources it finds (differences between positions, which compress well).
- cards-N.json: the cards, 25 to a file, fetched only for the results on screen.

- names.bin: each resource's rank in name order (two bytes, or four past 65,535 resources), the
  order every list breaks ties in.

Positions are the resources' places in the static, UK-wide order (places.py), so the first results
for the usual place are in the first card files.
"""
from __future__ import annotations

import json

from . import opening, places, present, resource_page, search_words
from .schema import label

CHUNK = 25
FOLDER = "directory/data"


def name_order(entries: list[dict]) -> list[dict]:
    return sorted((e for e in entries if e["status"] == "active"), key=lambda e: (e["name"].casefold(), e["id"]))


def card(entry: dict) -> dict:
    """What a card shows, as plain strings: the script sets them as text, never as HTML."""
    contact = present.main_contact(entry)
    hours = contact.get("hours")
    return {
        "id": entry["id"],
        "code": present.share_code(entry["id"]),
        "name": entry["name"],
        "url": resource_page.url_of(entry["id"]),
        "kind": label("kind", entry["kind"]),
        "cost": present.cost_text(entry),
        "open247": present.is_24_7(entry),
        "summary": entry["summary"],
        "contact": present.contact_text(contact),
        "href": present.href(contact) or "",
        "hours": present.hours_lines(hours) if not present.is_24_7(entry) else [],
        "zone": present.hours_zone(hours) if not present.is_24_7(entry) else "",
        "glance": present.GLANCE[present.rating_glance(entry)],
        "checked": entry["last_checked"]["date"],
    }


def entry_hours(entry: dict) -> list[dict]:
    """Every contact's hours: a resource is open when any way of reaching it is."""
    seen = []
    for contact in entry["contacts"]:
        hours = contact.get("hours")
        if hours and hours not in seen:
            seen.append({k: v for k, v in hours.items() if k != "note"})
    return seen


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def files(listed: list[dict], card=card) -> dict[str, str | bytes]:
    """{path: content} for the active entries, in the order given (the static order); `card`
    gives an entry's card (listing.Cards.text, which works each out once)."""
    size = len(listed)
    rank_width = 2 if size < 65_536 else 4
    ranks = {e["id"]: n for n, e in enumerate(name_order(listed))}
    name_ranks = b"".join(ranks[e["id"]].to_bytes(rank_width, "little") for e in listed)
    width = (size + 7) // 8
    members: dict[tuple[str, str], bytearray] = {}
    for index, entry in enumerate(listed):
        for key, values in present.filters(entry).items():
            for value in values:
                members.setdefault((key, value), bytearray(width))[index // 8] |= 1 << (index % 8)
    all_values = present.filter_values()
    facets = []
    blob = bytearray()
    for key, values in all_values.items():
        present_values = [[value, name] for value, name in values.items() if (key, value) in members]
        if key == "open":
            present_values.insert(0, [present.OPEN_NOW, values[present.OPEN_NOW]])
        for value, _ in present_values:
            if (key, value) in members:
                blob += members[(key, value)]
        if present_values:
            facets.append({"key": key, "title": present.FILTER_TITLES[key], "values": present_values})

    patterns: list[list[dict]] = [[]]
    pattern_ids = bytearray()
    for entry in listed:
        hours = entry_hours(entry)
        if hours not in patterns:
            patterns.append(hours)
        pattern_ids += patterns.index(hours).to_bytes(2, "little")

    words = search_words.value_words(all_values)
    value_ids = {(f["key"], v[0]): n for n, (f, v) in enumerate((f, v) for f in facets for v in f["values"])}
    out: dict[str, str | bytes] = {
        f"{FOLDER}/facets.bin": bytes(blob),
        f"{FOLDER}/hours.bin": bytes(pattern_ids),
        f"{FOLDER}/names.bin": name_ranks,
        f"{FOLDER}/index.json": _json({
            "count": size, "chunk": CHUNK, "name_rank_bytes": rank_width, "facets": facets, "hours": patterns,
            "order": places.order_rule(), "holidays": opening.holiday_dates(),
            "calendars": opening.CALENDAR_OF_AREA, "days": list(opening.DAYS),
            "words": {w: ids for w, pairs in sorted(words.items()) if (ids := [value_ids[p] for p in pairs if p in value_ids])},
            "stop": sorted(search_words.STOP_WORDS),
            "labels": {"open_247": present.OPEN_24_7},
            "schemes": list(present.SAFE_SCHEMES),
        }),
    }
    out.update(_word_shards(listed))
    for start in range(0, size, CHUNK):
        out[f"{FOLDER}/cards-{start // CHUNK}.json"] = _json([card(e) for e in listed[start:start + CHUNK]])
    return out


def _word_shards(listed: list[dict]) -> dict[str, str]:
    postings: dict[str, list[int]] = {}
    for index, entry in enumerate(listed):
        for word in search_words.entry_tokens(entry):
            postings.setdefault(word, []).append(index)
    shards: dict[str, dict[str, list[int]]] = {}
    for word in sorted(postings):
        positions = postings[word]
        shards.setdefault(word[0], {})[word] = [positions[0]] + [b - a for a, b in zip(positions, positions[1:])]
    return {f"{FOLDER}/words-{first}.json": _json(shard) for first, shard in shards.items()}
