"""Resource pages written from one page the engine rendered, instead of one engine run per entry.

Every resource page has the same frame: the theme's header, navigation, footer and scripts,
at the same depth (resources/<id>/), outside the navigation, with no table of contents (its
HTML reaches the page after the engine, see staging.py). Only the title, the description and
the body differ. So the engine renders a single prototype whose title, description and body
are markers, and the build writes each entry's page by putting its escaped values where the
markers are. The engine's work no longer grows with the catalogue: at 10,000 entries, running
it on every page (with staging and finishing them) was about half the build.
tests/test_build.py checks a stamped page is byte for byte what the engine makes of the same page.

(A sitemap would miss these pages; the site sets no site_url, so the engine writes none.)
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape

from . import csp
from .html import markdown_page, raw

# The prototype's place: ids are lower-case words joined by hyphens, so no entry can have it.
PROTOTYPE_DIR = "resources/_page"
PROTOTYPE_SOURCE = f"{PROTOTYPE_DIR}/index.md"
PROTOTYPE_OUTPUT = f"{PROTOTYPE_DIR}/index.html"
# Plain letters and digits, so no engine changes them on their way into the page.
TITLE, DESCRIPTION, BODY = "sp0stamp0title", "sp0stamp0description", "sp0stamp0body"
MARKER = re.compile(f"({TITLE}|{DESCRIPTION}|{BODY})")


class StampError(Exception):
    """The engine's prototype page cannot be used as a frame; the message says why."""


@dataclass
class Page:
    path: str  # in the built site, e.g. resources/samaritans/index.html
    title: str  # plain text
    description: str  # plain text
    body: str  # the page's HTML, already safe (a template's output)


def markdown(title: str, description: str, body: str) -> str:
    """The Markdown an engine gets for a resource page. The theme prints the title and the
    description without escaping (in <title> and a <meta> attribute), so both are escaped here."""
    # Resources are found by the site's own index (facets.py), so Pagefind indexes guidance only.
    front = {"title": str(escape(title)), "description": str(escape(description)), "sp_page": "resource", "search": {"exclude": True}}
    return markdown_page(front, raw(body) + "\n")


def prototype() -> str:
    return markdown(TITLE, DESCRIPTION, BODY)


class Frame:
    """The finished prototype, split at its markers."""

    def __init__(self, html: str):
        self.parts = MARKER.split(html)  # text, marker, text, marker, ..., text
        found = self.parts[1::2]
        if found.count(BODY) != 1 or TITLE not in found or DESCRIPTION not in found:
            raise StampError(f"{PROTOTYPE_OUTPUT}: the engine's page should hold the body marker once and the title and "
                             f"description markers at least once each; it holds {found.count(BODY)}, {found.count(TITLE)} and "
                             f"{found.count(DESCRIPTION)}; check the theme's templates print page.title and page.meta.description")

    def page(self, page: Page) -> str:
        values = {TITLE: str(escape(page.title)), DESCRIPTION: str(escape(page.description)), BODY: page.body}
        parts = self.parts[:]
        parts[1::2] = [values[marker] for marker in parts[1::2]]
        return "".join(parts)


def write(site: Path, frame: Frame, pages: list[Page]) -> list[str]:
    """Write every page from the frame; returns the problems found (an inline script in a
    page's body), each naming its page."""
    problems = []
    for page in pages:
        problems += csp.inline_script_problems(page.body, page.path)
        target = site / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(frame.page(page), encoding="utf-8")
    return problems
