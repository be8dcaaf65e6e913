"""Building HTML from catalogue text safely.

Catalogue text is always escaped (`text()`), links are built only from schemes we allow,
and every generated fragment passes through nh3 with a strict allowlist as a second line
of defence, so a description containing <script> or onerror= comes out inert.
"""
from __future__ import annotations

import html
import json

import nh3

from .present import SAFE_SCHEMES, is_safe_href

ALLOWED_TAGS = {
    "a", "abbr", "article", "aside", "br", "caption", "code", "dd", "details", "div", "dl", "dt", "em", "h1", "h2",
    "h3", "h4", "li", "ol", "p", "section", "small", "span", "strong", "summary", "table", "tbody", "td", "th",
    "thead", "time", "tr", "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": {"class", "id", "hidden", "lang", "title", "role", "aria-label", "aria-labelledby", "aria-describedby"},
    "a": {"href", "rel"},
    "td": {"colspan"},
    "th": {"scope", "colspan"},
    "time": {"datetime"},
}


def text(value) -> str:
    return html.escape(str(value), quote=True)



def link(href: str | None, label: str, **attrs) -> str:
    """An <a> element, or just the escaped label when the href is missing or unsafe."""
    if not href or not is_safe_href(href):
        return text(label)
    extra = "".join(f' {name.rstrip("_").replace("_", "-")}="{text(value)}"' for name, value in attrs.items())
    return f'<a href="{text(href)}"{extra}>{text(label)}</a>'



RAW_START, RAW_END = "<!-- sp:raw -->", "<!-- /sp:raw -->"


def raw(fragment: str) -> str:
    """Mark generated, already-safe HTML so a build may skip Markdown for it (see site.park_raw_html)."""
    return f"{RAW_START}{fragment}{RAW_END}"


def clean(fragment: str) -> str:
    """The last gate before a fragment reaches a page."""
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=set(SAFE_SCHEMES),
        generic_attribute_prefixes={"data-"},
        link_rel=None,
        strip_comments=True,
    )


def markdown_page(meta: dict, body: str) -> str:
    """A Markdown page with YAML front matter, one `key: <JSON value>` line per field.

    JSON is YAML, and with ensure_ascii=False an emoji is written as itself, never as the
    surrogate-pair escape YAML refuses; the characters YAML reads as line breaks are refused
    upstream by the validator, and the build checks every generated page's title, so front matter
    an engine could not read fails the build. (yaml.safe_dump did the same at 0.7 ms a page.)"""
    lines = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items())
    return "---\n" + lines + "---\n\n" + body
