"""HTML from templates: every generated fragment is rendered here, with escaping on by default.

Catalogue text reaches a page only through a template variable, which Jinja2 escapes; a
fragment that is already safe HTML (another template's output) is a `Markup` object, and
that is the one visible way to mark trusted HTML. Links go through the `href` filter, which
drops any address outside the allowed schemes.
"""
from __future__ import annotations

import functools
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import freshness, present
from .schema import label

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _safe_href(value) -> str | None:
    """A link target the site may carry, or None (the template then prints plain text)."""
    return value if value and present.is_safe_href(str(value)) else None


def _long_date(iso: str) -> str:
    day = freshness.parse_date(iso)
    return f"{day.day} {day:%B %Y}" if day else str(iso)


def _link(href, text, class_=None) -> Markup:
    """An <a> element, or the escaped text alone when the address is missing or not allowed
    (the same as macros.html's link, as a function: resource pages call it thousands of times)."""
    target = _safe_href(href)
    if not target:
        return Markup.escape(text)
    # Markup's % escapes each value, and is several times faster than Markup.format.
    if class_:
        return Markup('<a href="%s" class="%s">%s</a>') % (target, class_, text)
    return Markup('<a href="%s">%s</a>') % (target, text)


def _date(iso) -> Markup:
    """A <time> element with the date written out (macros.html's date, as a function)."""
    return Markup('<time datetime="%s">%s</time>') % (iso, _long_date(iso))


_REF = Markup('<a class="sp-ref" href="#source-%s" aria-label="source %s">[%s]</a>')


def _refs(items) -> Markup:
    """Citations [{number, key}] as links to the page's sources (Markup.format escapes each value)."""
    return Markup("").join(_REF % (ref["key"], ref["number"], ref["number"]) for ref in items)


def _cited(parts) -> Markup:
    """Prose split into text and citations (resource_page._cited) as escaped HTML."""
    return Markup("").join(_refs([part["ref"]]) if "ref" in part else Markup.escape(part["text"]) for part in parts)


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,  # a misspelt variable fails the build instead of vanishing
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["safe_href"] = _safe_href
    env.filters["long_date"] = _long_date
    env.globals["link_to"] = _link
    env.globals["date_of"] = _date
    env.filters["refs"] = _refs
    env.filters["cited"] = _cited
    env.globals["label"] = label
    env.globals["open_247"] = present.OPEN_24_7
    return env


def render(name: str, **context) -> Markup:
    """Render templates/<name> and return it as trusted HTML for use inside other templates."""
    return _collapsed(environment().get_template(name).render(**context))


def macro(name: str, macro_name: str):
    """A macro of templates/<name> as a function returning trusted HTML, for a fragment that
    is rendered once and placed on many pages."""
    made = getattr(environment().get_template(name).module, macro_name)
    return lambda *args: _collapsed(made(*args))


def _collapsed(html: str) -> Markup:
    # As a plain str: Markup's own splitlines and strip return Markup, several times slower.
    return Markup(" ".join(line.strip() for line in str(html).splitlines() if line.strip()))
