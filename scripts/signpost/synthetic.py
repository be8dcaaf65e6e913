"""Synthetic catalogues for benchmarks: real entries cloned under new ids."""
from __future__ import annotations

import copy


def clone_catalogue(real: list[dict], size: int) -> list[dict]:
    """`size` entries cloned round-robin from the real ones, with unique ids in canonical order.

    Clones are made active (closed entries' successors would not exist among the clones)."""
    clones = []
    for n in range(size):
        entry = copy.deepcopy(real[n % len(real)])
        entry["id"] = f"e{n:06d}-{entry['id']}"[:60].rstrip("-")
        entry["name"] = f"{entry['name']} {n}"
        entry.pop("successor", None)
        if entry.get("status") != "active":
            entry["status"] = "active"
            entry.pop("status_note", None)
        clones.append(entry)
    return clones
