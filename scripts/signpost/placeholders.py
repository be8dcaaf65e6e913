"""Contact placeholders in hand-written pages: `<!-- signpost:contacts samaritans shout -->`, and
the urgent lines for a place: `<!-- signpost:urgent-buttons -->` (999 and the free 24/7 lines as
tap-to-call buttons) and `<!-- signpost:urgent-line -->` (one short line: 999 and one 24/7 line).

A page names entries; their numbers come from the catalogue at build time, so every number on
the site has a cited source. The placeholder is an HTML comment, which every engine passes
through untouched (in a paragraph, a list, an admonition or a table), and the build replaces
it in the finished HTML. A name that is unknown or not active fails the build at its line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from . import client_data, present, resource_page
from .schema import label
from .templating import render

PLACEHOLDER = re.compile(r"<!-- signpost:contacts ([^>]*?) -->")
# In the built HTML the comment may sit alone in a paragraph; the block replaces the paragraph.
IN_HTML = re.compile(r"<(?:p>\s*<)?!-- signpost:contacts ([^>]*?) -->(?:\s*</p>)?")
URGENT_IN_HTML = re.compile(r"(?:<p>\s*)?<!-- signpost:urgent-(buttons|line) -->(?:\s*</p>)?")
WAY_CHANNELS = ("phone", "sms", "textphone", "whatsapp", "webchat")


@dataclass(frozen=True)
class Mistake:
    path: str
    line: int
    message: str

    def format(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def check(docs: Path, entries_by_id: dict) -> list[Mistake]:
    """Every placeholder in the hand-written pages names active entries."""
    mistakes = []
    for page in sorted(docs.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        for match in PLACEHOLDER.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            for entry_id in match.group(1).split():
                entry = entries_by_id.get(entry_id)
                where = page.relative_to(docs.parent).as_posix()
                if entry is None:
                    mistakes.append(Mistake(where, line, f"signpost:contacts names '{entry_id}', which is not in the catalogue; "
                                                         "check the spelling against the ids in resources.yaml"))
                elif entry["status"] != "active":
                    mistakes.append(Mistake(where, line, f"signpost:contacts names '{entry_id}', which is {entry['status']}; "
                                                         "name an active service instead (see its successor, if any)"))
    return mistakes


def contact_block(ids: list[str], entries_by_id: dict, root: str) -> Markup:
    lines = [_line(entries_by_id[i], root) for i in ids if i in entries_by_id and entries_by_id[i]["status"] == "active"]
    return render("contact_lines.html", lines=lines)


def _line(entry: dict, root: str) -> dict:
    ways = [c for c in entry["contacts"] if c["channel"] in WAY_CHANNELS] or entry["contacts"][:1]
    return {
        "url": root + resource_page.url_of(entry["id"]),
        "name": entry["name"],
        "summary": entry["summary"],
        "kind": label("kind", entry["kind"]),
        "ways": [{"href": present.href(c), "text": present.contact_text(c), "label": c.get("label", ""),
                  "hours": present.hours_text(c.get("hours"))} for c in ways],
    }


def urgent_block(kind: str, entries_by_id: dict, root: str) -> Markup:
    """The lines for the default place, written into the page so they work without scripts;
    signpost-list.js redraws them for the place in the address from client/data/config.json."""
    lines = client_data.lines_for(client_data.DEFAULT_PLACE, client_data.urgent_lines(list(entries_by_id.values())))
    return render(f"urgent_{kind}.html", lines=lines, emergency=client_data.EMERGENCY, root=root)


def fill(html: str, entries_by_id: dict, root: str) -> str:
    """Replace each placeholder comment in a built page with its contact block."""
    html = IN_HTML.sub(lambda m: contact_block(m.group(1).split(), entries_by_id, root), html)
    return URGENT_IN_HTML.sub(lambda m: urgent_block(m.group(1), entries_by_id, root), html)
