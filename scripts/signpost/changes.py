"""The catalogue's change history as one list of events, newest first: read by the
"What changed" page and its Atom feed (changes_page.py, feed.py)."""
from __future__ import annotations

import uuid
from dataclasses import dataclass

from .export_hsds import NAMESPACE
from .resource_page import url_of
from .schema import label


@dataclass(frozen=True)
class Event:
    id: str          # urn:uuid, stable: derived from the entry id, date, kind and position
    date: str        # YYYY-MM-DD
    type: str
    type_label: str
    summary: str
    entry_id: str
    name: str
    page: str        # site-relative path of the entry's page
    successor_name: str = ""
    successor_page: str = ""


def events(entries: list[dict]) -> list[Event]:
    by_id = {e["id"]: e for e in entries}
    out = []
    for entry in entries:
        seen: dict[tuple, int] = {}
        for change in entry.get("changes", []):
            key = (change["date"], change["type"])
            seen[key] = seen.get(key, 0) + 1
            successor = by_id.get(entry.get("successor", "")) if change["type"] == "closed" else None
            out.append(Event(
                id="urn:uuid:" + str(uuid.uuid5(NAMESPACE, f"change/{entry['id']}/{key[0]}/{key[1]}/{seen[key]}")),
                date=change["date"], type=change["type"], type_label=label("change_type", change["type"]),
                summary=change["summary"], entry_id=entry["id"], name=entry["name"], page=url_of(entry["id"]),
                successor_name=successor["name"] if successor else "", successor_page=url_of(successor["id"]) if successor else "",
            ))
    # Newest first; on one day, by name, so the order never depends on the file's.
    out.sort(key=lambda e: (e.name.casefold(), e.entry_id))
    out.sort(key=lambda e: e.date, reverse=True)
    return out
