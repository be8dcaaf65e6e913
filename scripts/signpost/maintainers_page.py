"""A page for maintainers: which entries carry facts to re-check live, and which are overdue."""
from __future__ import annotations

import datetime as dt

from . import freshness
from .html import clean, link, raw, text
from .resource_page import url_of


def render(entries: list[dict], today: dt.date) -> str:
    flagged = [(e, freshness.recheck_reasons(e)) for e in entries]
    flagged = [(e, reasons) for e, reasons in flagged if reasons]
    overdue = [e for e in entries if freshness.is_overdue(e, today)]
    items = "".join(
        f"<li>{link('../../' + url_of(e['id']), e['name'])}<ul>{''.join(f'<li>{text(r)}</li>' for r in reasons)}</ul></li>"
        for e, reasons in flagged)
    late = "".join(f"<li>{link('../../' + url_of(e['id']), e['name'])}: last checked {text(e['last_checked']['date'])}</li>" for e in overdue)
    return (
        "---\ntitle: Entries to re-check\nsp_page: maintainers\n---\n\n"
        "Facts confirmed only from one third-party page, from a page dated more than two years before it was read, "
        "or from an undated stored copy are listed here until a maintainer confirms them on the live site. "
        "See CONTRIBUTING.md for how to re-check and update an entry.\n\n"
        f"## Review overdue ({len(overdue)}) {{ #overdue }}\n\n"
        + raw(clean(f"<ul>{late}</ul>" if late else "<p>None: every entry was checked in the last 12 months.</p>"))
        + f"\n\n## Facts to confirm live ({len(flagged)} entries) {{ #recheck }}\n\n" + raw(clean(f"<ul>{items}</ul>")) + "\n"
    )
