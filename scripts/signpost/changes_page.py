"""The "What changed" page (changes/index.md) and its feed, from the entries' change histories."""
from __future__ import annotations

from itertools import groupby

from .changes import Event
from .html import clean, raw
from .templating import render as render_template

PATH = "changes/index.md"
PAGE_LIMIT = 300  # newest items on the page; catalogue.json keeps every entry's full history


def render(history: list[Event]) -> str:
    shown = history[:PAGE_LIMIT]
    days = [(day, list(items)) for day, items in groupby(shown, key=lambda e: e.date)]
    body = render_template("what_changed.html", days=days, older=len(history) - len(shown), to_root="../")
    front = "---\ntitle: What changed\ndescription: New entries, closures and changed numbers, hours and ratings in the Signpost catalogue, newest first.\n---\n\n"
    return front + raw(clean(body)) + "\n"

