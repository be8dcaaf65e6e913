"""Lists of entries: the directory (with its filters) and one page per topic.

Both are in the UK-wide order (places.py) without JavaScript; the script reorders them for the
visitor's place and the time now by the same rule, and answers filters from facets.py's data.
"""
from __future__ import annotations

import json

from markupsafe import Markup

from . import facets, places, present
from .html import markdown_page, raw
from .schema import labels
from .templating import macro, render

# Without JavaScript the directory is a plain list split into pages of this many entries,
# so even a catalogue of thousands stays readable and each page stays light.
PAGE_SIZE = 200


def _compact(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class Cards:
    """Each active entry's card: its text worked out once and its HTML rendered once per kind of
    list. An entry is on a directory page and on each of its topics' pages; at 10,000 entries
    that was 47,000 cards rendered, now 20,000."""

    def __init__(self):
        self._text: dict[str, dict] = {}
        self._html: dict[tuple, Markup] = {}
        self._render = macro("card.html", "card")

    def text(self, entry: dict) -> dict:
        """What the card shows (facets.card); the directory's data files carry the same."""
        if entry["id"] not in self._text:
            self._text[entry["id"]] = facets.card(entry)
        return self._text[entry["id"]]

    def html(self, entry: dict, live: bool, root: str) -> Markup:
        key = (entry["id"], live, root)
        if key not in self._html:
            self._html[key] = self._render(self._context(entry, live), root)
        return self._html[key]

    def _context(self, entry: dict, live: bool) -> dict:
        """The card's text, plus (when `live`) the data the script needs to say whether it is open
        and to order it; the directory's script has that data in its index and builds its own cards."""
        if not live:
            return self.text(entry)
        item = places.order_item(entry)
        hours = facets.entry_hours(entry)
        return dict(self.text(entry),
                    open_data=_compact({"hours": hours, "areas": item["areas"]}),
                    order_data=_compact({"areas": item["areas"], "free": item["free"], "crisis": item["crisis"],
                                         "everyone": item["everyone"], "name": item["name"], "hours": hours}))

    def grouped(self, ordered: list[tuple[str, list[dict]]], live: bool, root: str) -> list[dict]:
        return [{"key": key, "label": places.group_label(key), "cards": [self.html(e, live, root) for e in members]}
                for key, members in ordered]


def _render(name: str, **context) -> str:
    return str(render(name, choices=places.choices(), **context))


def directory_pages(entries: list[dict], cards: Cards) -> dict[str, str | bytes]:
    """directory/index.md (filters plus the first page of cards), directory/page-N/index.md for the
    rest, and the data the page's script reads."""
    by_name = facets.name_order(entries)
    flat = [(key, entry) for key, members in places.ordered_entries(by_name) for entry in members]
    chunks = [flat[i:i + PAGE_SIZE] for i in range(0, len(flat), PAGE_SIZE)] or [[]]
    pages: dict[str, str | bytes] = {}
    for number, chunk in enumerate(chunks, start=1):
        path = "directory/index.md" if number == 1 else f"directory/page-{number}/index.md"
        root = "../" if number == 1 else "../../"
        runs: list[tuple[str, list[dict]]] = []
        for key, entry in chunk:
            if not runs or runs[-1][0] != key:
                runs.append((key, []))
            runs[-1][1].append(entry)
        heading = f"{len(flat)} active resources" + (f", page {number} of {len(chunks)}" if len(chunks) > 1 else "")
        block = _render("directory.html", root=root, first=number == 1, heading=heading, grouped=cards.grouped(runs, live=False, root=root),
                        pages=list(range(1, len(chunks) + 1)), number=number, filters=_filter_choices())
        pages[path] = (
            "---\ntitle: Directory\ndescription: Every active resource in the catalogue, with filters.\nsp_page: directory\nsearch:\n  exclude: true\n---\n\n"
            f"Every resource here has been checked against [published criteria]({root}method.md). "
            "Choose filters to narrow the list; the address bar keeps your choices, so you can bookmark or send a filtered view.\n\n"
            + raw(block) + "\n")
    # The data follows the static order, so the first results for the usual place sit in the first files.
    pages.update(facets.files([entry for _, entry in flat], cards.text))
    return pages


def _filter_choices() -> list[dict]:
    """Every filter and value, in the schema's order; the script hides values the data lacks."""
    return [{"key": key, "title": present.FILTER_TITLES[key], "values": list(values.items())}
            for key, values in present.filter_values().items()]


def topic_pages(entries: list[dict], intros: dict[str, str], cards: Cards) -> dict[str, str]:
    on_topic: dict[str, list[dict]] = {key: [] for key in labels("topic")}
    for entry in facets.name_order(entries):
        for key in entry["audience"]["topics"]:
            on_topic[key].append(entry)
    pages = {"topics/index.md": _topic_index(on_topic)}
    for key, name in labels("topic").items():
        listed = on_topic[key]
        block = _render("topic.html", root="../../", topic=key, count=len(listed), grouped=cards.grouped(places.ordered_entries(listed), live=True, root="../../"))
        pages[f"topics/{key.replace('_', '-')}/index.md"] = (
            markdown_page({"title": name, "sp_page": "topic", "search": {"exclude": True}}, f"{intros.get(key, '')}\n\n") + raw(block) + "\n")
    return pages


def _topic_index(on_topic: dict[str, list[dict]]) -> str:
    rows = [f"- [{name}]({key.replace('_', '-')}/index.md) ({len(on_topic[key])})" for key, name in labels("topic").items()]
    return "---\ntitle: Topics\nsp_page: topic\n---\n\nResources grouped by what they help with.\n\n" + "\n".join(rows) + "\n"
