"""Everything the site generates from the catalogue, as {path in docs: Markdown text}.

Knows nothing of MkDocs: scripts/mkdocs_hook.py feeds these into a build, and any other
static-site tool that reads Markdown could take them as files.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from . import client_data, exports, listing, maintainers_page, present, reference, resource_page
from .html import RAW_END, RAW_START, clean, link, raw, text
from .schema import label

PLACEHOLDER = re.compile(r"<!-- signpost:contacts ([a-z0-9 -]+) -->")
RAW = re.compile(re.escape(RAW_START) + r"(.*?)" + re.escape(RAW_END), re.DOTALL)


def generate(entries: list[dict], today: dt.date, topic_intros: dict[str, str]) -> dict[str, str | bytes]:
    by_id = {e["id"]: e for e in entries}
    pages = {f"{resource_page.url_of(e['id'])}index.md": resource_page.render(e, by_id, today) for e in entries}
    pages.update(listing.directory_pages(entries))
    pages.update(listing.topic_pages(entries, topic_intros))
    pages["reference/fields/index.md"] = reference.render()
    pages["maintainers/recheck/index.md"] = maintainers_page.render(entries, today)
    pages.update(client_data.files(entries))
    pages.update(exports.files(entries, today))
    return pages


def park_raw_html(markdown: str) -> tuple[str, dict[str, str]]:
    parked: dict[str, str] = {}

    def park(match):
        token = f"SPRAW{len(parked)}X"
        parked[token] = match.group(1)
        return f"\n\n{token}\n\n"

    return RAW.sub(park, markdown), parked


def unpark_raw_html(html: str, parked: dict[str, str]) -> str:
    for token, block in parked.items():
        html = html.replace(f"<p>{token}</p>", block, 1)
    return html


TASK_CHECKBOX = re.compile(r'<input type="checkbox" disabled(?:="disabled")?(?=[ />])')


def printable_checklists(html: str) -> str:
    """Checklists' boxes are for ticking on paper: hide them from assistive technology, which
    reads each item as a plain list item (an unlabelled form control would be announced instead)."""
    return TASK_CHECKBOX.sub('<input type="checkbox" disabled aria-hidden="true" tabindex="-1"', html)


def load_topic_intros(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def expand_placeholders(markdown: str, entries_by_id: dict, root: str) -> str:
    """Hand-written pages name entries (<!-- signpost:contacts samaritans shout -->);
    their numbers come from the catalogue, so every number on the site has a cited source."""
    return PLACEHOLDER.sub(lambda m: contact_block(m.group(1).split(), entries_by_id, root), markdown)


def contact_block(ids: list[str], entries_by_id: dict, root: str) -> str:
    items = []
    for entry_id in ids:
        entry = entries_by_id.get(entry_id)
        if entry is None or entry["status"] != "active":
            continue
        ways = "".join(_way(c) for c in entry["contacts"] if c["channel"] in ("phone", "sms", "textphone", "whatsapp", "webchat")) \
            or _way(entry["contacts"][0])
        items.append(
            f'<li class="sp-urgent-line"><strong>{link(root + resource_page.url_of(entry_id), entry["name"])}</strong>: '
            f'{text(entry["summary"])} <span class="sp-card__meta">{text(label("kind", entry["kind"]))}</span>'
            f'<ul class="sp-ways">{ways}</ul></li>')
    return raw(clean(f'<ul class="sp-urgent-lines">{"".join(items)}</ul>'))


def _way(contact: dict) -> str:
    label_text = f" ({text(contact['label'])})" if contact.get("label") else ""
    hours = present.hours_text(contact.get("hours"))
    small = f" <small>{text(hours)}</small>" if hours else ""
    return f'<li>{link(present.href(contact), present.contact_text(contact), class_="sp-call")}{label_text}{small}</li>'
