"""Everything the site generates from the catalogue, as {path in docs: Markdown text or data}.

Knows nothing of any site engine: scripts/build.py writes these into a staging copy of docs/
(staging.py) and any engine that reads Markdown renders the same tree.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from . import client_data, exports, listing, maintainers_page, reference, resource_page


def generate(entries: list[dict], today: dt.date, topic_intros: dict[str, str]) -> dict[str, str | bytes]:
    by_id = {e["id"]: e for e in entries}
    pages = {f"{resource_page.url_of(e['id'])}index.md": resource_page.render(e, by_id, today) for e in entries}
    pages.update(listing.directory_pages(entries))
    pages.update(listing.topic_pages(entries, topic_intros))
    pages["reference/fields/index.md"] = reference.render()
    pages["maintainers/recheck/index.md"] = maintainers_page.render(entries, today)
    pages.update(client_data.files(entries))
    pages.update(exports.files(entries, today))
    return pages


def load_topic_intros(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
