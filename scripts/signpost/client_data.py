"""What a client's shared list shows for each entry, one small JSON file per entry.

The client page fetches only the entries in its link, so it stays light whatever the size of
the catalogue. Everything here is plain text and hrefs; the page sets them with textContent.
"""
from __future__ import annotations

import json

from . import present
from .schema import label

FOLDER = "client/data"


def entry_data(entry: dict, by_id: dict) -> dict:
    successor = by_id.get(entry.get("successor", ""))
    return {
        "id": entry["id"],
        "code": present.share_code(entry["id"]),
        "name": entry["name"],
        "summary": entry["summary"],
        "kind": label("kind", entry["kind"]),
        "status": entry["status"],
        "status_note": entry.get("status_note", ""),
        "successor": {"id": successor["id"], "code": present.share_code(successor["id"]), "name": successor["name"]} if successor else None,
        "cost": present.cost_text(entry) + (f". {entry['cost']['note']}" if entry["cost"].get("note") else ""),
        "url": entry["url"],
        "contacts": [{
            "text": present.contact_text(c) + (f" ({c['label']})" if c.get("label") else ""),
            "href": present.href(c) or "",
            "hours": present.hours_text(c.get("hours")),
            "cost": label("call_cost", c["cost"]) if c.get("cost") else "",
        } for c in entry["contacts"]],
        "checked": entry["last_checked"]["date"],
    }


def files(entries: list[dict]) -> dict[str, str]:
    by_id = {e["id"]: e for e in entries}
    return {f"{FOLDER}/{present.share_code(e['id'])}.json": json.dumps(entry_data(e, by_id), ensure_ascii=False, separators=(",", ":")) for e in entries}
