"""The directory's filter index: one bitset file per filter value, plus cards in small chunks.

A filter-only query in Pagefind has to load every index chunk (1.4 MB at 1,000 entries), so
the directory answers filters itself: it fetches the bitsets of the chosen values (N/8 bytes
each), combines them (any value within a filter, all filters together), then fetches only the
card chunks holding the first results. Bytes per query stay small however large the catalogue.
"""
from __future__ import annotations

import json

from . import present, resource_page

CHUNK = 25
FOLDER = "directory/data"


def files(listed: list[dict]) -> dict[str, str | bytes]:
    """{path: content} for the active entries in directory order (the order the static list uses)."""
    out: dict[str, str | bytes] = {}
    size = len(listed)
    members: dict[tuple[str, str], bytearray] = {}
    for index, entry in enumerate(listed):
        for key, values in present.filters(entry).items():
            for value in values:
                bits = members.setdefault((key, value), bytearray((size + 7) // 8))
                bits[index // 8] |= 1 << (index % 8)
    for (key, value), bits in members.items():
        out[f"{FOLDER}/{key}/{value}.bin"] = bytes(bits)
    for start in range(0, size, CHUNK):
        cards = [dict(resource_page.card_data(e), url=resource_page.url_of(e["id"])) for e in listed[start:start + CHUNK]]
        out[f"{FOLDER}/cards-{start // CHUNK}.json"] = json.dumps(cards, ensure_ascii=False, separators=(",", ":"))
    present_values = {key: sorted({value for (k, value) in members if k == key}) for key in present.FILTER_TITLES}
    out[f"{FOLDER}/index.json"] = json.dumps({"count": size, "chunk": CHUNK, "values": present_values}, separators=(",", ":"))
    return out
