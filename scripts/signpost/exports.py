"""Every open-data file the site publishes, as {path in the site: content}.

data/catalogue.json (+ its schemas), data/catalogue.csv, data/hsds/ (HSDS 3.0), and the
"What changed" page (Markdown, for the engine) with its Atom feed.
"""
from __future__ import annotations

import datetime as dt

from . import changes, changes_page, export_csv, export_hsds, export_json, feed


def names() -> list[str]:
    """The data files' paths, which do not depend on the catalogue: the engine's tree holds a
    file of each name so that it can check the guidance's links to them (tests/test_open_data.py
    checks these are the paths of the real export)."""
    return list(data_files([], dt.date.min))


def page(entries: list[dict]) -> dict[str, str]:
    """The "What changed" page, as Markdown for the engine."""
    return {changes_page.PATH: changes_page.render(changes.events(entries))}


def data_files(entries: list[dict], today: dt.date) -> dict[str, str]:
    out: dict[str, str] = {}
    out.update(export_json.files(entries, today))
    out.update(export_csv.files(entries))
    out.update(export_hsds.files(entries, today))
    out[feed.PATH] = feed.render(changes.events(entries), today)
    return out


def files(entries: list[dict], today: dt.date) -> dict[str, str]:
    """Everything at once (the tests and the exports benchmark)."""
    return {**data_files(entries, today), **page(entries)}
