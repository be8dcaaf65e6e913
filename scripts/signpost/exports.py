"""Every open-data file the site publishes, as {path in docs: content}: site.generate adds them.

data/catalogue.json (+ its schemas), data/catalogue.csv, data/hsds/ (HSDS 3.0), and the
"What changed" page with its Atom feed.
"""
from __future__ import annotations

import datetime as dt

from . import changes_page, export_csv, export_hsds, export_json


def files(entries: list[dict], today: dt.date) -> dict[str, str]:
    out: dict[str, str] = {}
    out.update(export_json.files(entries, today))
    out.update(export_csv.files(entries))
    out.update(export_hsds.files(entries, today))
    out.update(changes_page.files(entries, today))
    return out
