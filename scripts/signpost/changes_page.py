"""The "What changed" page (changes/index.md) and its feed, from the entries' change histories."""
from __future__ import annotations

import datetime as dt
from itertools import groupby
from pathlib import Path

import jinja2

from . import feed
from .changes import Event, events
from .html import clean, raw

PATH = "changes/index.md"
PAGE_LIMIT = 300  # newest items on the page; catalogue.json keeps every entry's full history
TEMPLATES = Path(__file__).resolve().parent / "templates"
_env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined,
                          trim_blocks=True, lstrip_blocks=True)
_env.filters["long_date"] = lambda iso: f"{dt.date.fromisoformat(iso).day} {dt.date.fromisoformat(iso):%B %Y}"


def render(history: list[Event]) -> str:
    shown = history[:PAGE_LIMIT]
    days = [(day, list(items)) for day, items in groupby(shown, key=lambda e: e.date)]
    body = _env.get_template("what_changed.html").render(days=days, older=len(history) - len(shown), to_root="../")
    front = "---\ntitle: What changed\ndescription: New entries, closures and changed numbers, hours and ratings in the Signpost catalogue, newest first.\n---\n\n"
    return front + raw(clean(body)) + "\n"


def files(entries: list[dict], today: dt.date) -> dict[str, str]:
    history = events(entries)
    return {PATH: render(history), feed.PATH: feed.render(history, today)}
