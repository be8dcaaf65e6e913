"""Everything the site generates from the catalogue, knowing nothing of any site engine.

Three parts, for three destinations: the pages an engine renders (lists, reference, What
changed, the resource pages' prototype), written by staging.py into a copy of docs/; what the
build's second process makes (worker.py): the resource pages, written from the rendered
prototype, and the open-data files; and the data the site's scripts fetch, written straight
into the built site (the engine would only copy it).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import exports, listing, maintainers_page, reference, resource_page, stamping


@dataclass
class Generated:
    pages: dict[str, str]  # path in docs/ -> Markdown, for the engine (and empty files, see below)
    files: dict[str, str | bytes]  # path in the built site -> data the site's scripts fetch


def generate(entries: list[dict], today: dt.date, topic_intros: dict[str, str]) -> Generated:
    pages = {stamping.PROTOTYPE_SOURCE: stamping.prototype()}
    cards = listing.Cards()
    lists = {**listing.directory_pages(entries, cards), **listing.topic_pages(entries, topic_intros, cards)}
    pages.update((path, content) for path, content in lists.items() if path.endswith(".md"))
    pages["reference/fields/index.md"] = reference.render()
    pages["maintainers/recheck/index.md"] = maintainers_page.render(entries, today)
    pages.update(exports.page(entries))
    # The engine checks the guidance's links to the open-data files, so its tree holds each by
    # name; their content comes from the second process, written over these after the engine.
    pages.update((path, "") for path in exports.names())
    # The scripts' data (thousands of small files) skips the engine, which would only copy it.
    return Generated(pages, {path: content for path, content in lists.items() if path not in pages})


def second_part(entries: list[dict], today: dt.date) -> tuple[list[stamping.Page], dict[str, str]]:
    """What the build's second process makes: every resource page, and the open-data files."""
    return resource_pages(entries, today), exports.data_files(entries, today)


def resource_pages(entries: list[dict], today: dt.date) -> list[stamping.Page]:
    by_id = {e["id"]: e for e in entries}
    return [resource_page.render(e, by_id, today) for e in entries]


def write_files(site: Path, files: dict[str, str | bytes]) -> None:
    for path, content in files.items():
        target = site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")


def load_topic_intros(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
