"""Synthetic catalogues for benchmarks: real entries cloned under new ids."""
from __future__ import annotations

import copy
from pathlib import Path

import yaml


def clone_catalogue(real: list[dict], size: int) -> list[dict]:
    """`size` entries: the real ones, then clones of them round-robin under new ids, in canonical order.

    The real entries stay, so the hand-written pages' contact placeholders still resolve. Clones
    are made active (closed entries' successors would not exist among the clones)."""
    clones = [copy.deepcopy(e) for e in real[:size]]
    for n in range(size - len(clones)):
        entry = copy.deepcopy(real[n % len(real)])
        entry["id"] = f"e{n:06d}-{entry['id']}"[:60].rstrip("-")
        entry["name"] = f"{entry['name']} {n}"
        entry.pop("successor", None)
        if entry.get("status") != "active":
            entry["status"] = "active"
            entry.pop("status_note", None)
        clones.append(entry)
    return sorted(clones, key=lambda e: e["id"])


def write_catalogue(real: list[dict], size: int, path: Path) -> Path:
    """Write a synthetic catalogue of `size` entries as YAML, as a maintainer's file would be."""
    path.write_text(yaml.safe_dump(clone_catalogue(real, size), sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path
