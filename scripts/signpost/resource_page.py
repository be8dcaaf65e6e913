"""One page per catalogue entry: contacts, who it is for, cost, evaluation and sources."""
from __future__ import annotations

import datetime as dt
import json
import re

from . import freshness, jsonld, present
from .html import clean, link, markdown_page, paragraphs, raw, text
from .schema import label

CITATION = re.compile(r"\[([a-z0-9]+(?:-[a-z0-9]+)*)\]")
RATING_CLASS = {"good": "good", "adequate": "adequate", "concerns": "concerns", "not_assessed": "unknown"}


def url_of(entry_id: str) -> str:
    """Site-relative path of an entry's page (directory URLs)."""
    return f"resources/{entry_id}/"


def render(entry: dict, entries_by_id: dict, today: dt.date) -> str:
    """The Markdown file for an entry: front matter, then one raw HTML block."""
    root = "../../"
    body = "".join([
        _notices(entry, entries_by_id, today, root),
        f'<p class="sp-lead">{text(entry["summary"])}</p>',
        _harms(entry),
        _contacts(entry),
        _audience(entry, root),
        _cost(entry),
        _about(entry),
        _evaluation(entry),
        _sources(entry),
        _freshness(entry, today),
        _search_data(entry),
    ])
    # The theme prints title and description unescaped (in <title> and a <meta> attribute),
    # so both are escaped here; the build checks that the engine read this front matter.
    front = {"title": text(entry["name"]), "description": text(entry["summary"]), "sp_page": "resource"}
    return markdown_page(front, raw(f'<div class="sp-resource" data-entry="{text(entry["id"])}" data-code="{present.share_code(entry["id"])}">'
                                    + clean(body) + "</div>" + jsonld.script_tag(entry)) + "\n")


def _notices(entry, entries_by_id, today, root) -> str:
    out = []
    if entry["status"] == "closed":
        successor = entries_by_id.get(entry.get("successor", ""))
        instead = f' Use {link(root + url_of(successor["id"]), successor["name"])} instead.' if successor else ""
        out.append(f'<div class="sp-notice sp-notice--closed" role="note"><strong>This service has closed.</strong> {_cited(entry, entry["status_note"])}{instead}</div>')
    elif entry["status"] == "paused":
        out.append(f'<div class="sp-notice sp-notice--paused" role="note"><strong>Temporarily paused.</strong> {_cited(entry, entry["status_note"])}</div>')
    if freshness.is_overdue(entry, today):
        out.append(f'<div class="sp-notice sp-notice--overdue" role="note"><strong>Review overdue.</strong> These details were last checked on '
                   f'{_date(entry["last_checked"]["date"])}, more than a year ago. Check with the service before relying on them.</div>')
    return "".join(out)


def _harms(entry) -> str:
    harms = entry["evaluation"]["harms"]
    if not harms:
        return ""
    items = "".join(
        f'<li><strong>{text(label("harm_type", h["type"]))}</strong> <span class="sp-severity sp-severity--{text(h["severity"])}">'
        f'({text(label("severity", h["severity"]).lower())} risk)</span>: {text(h["note"])}{_refs(entry, h.get("sources", []))}</li>'
        for h in harms)
    return f'<aside class="sp-harms" aria-labelledby="harms"><h2 id="harms">Cautions before recommending it</h2><ul>{items}</ul></aside>'


def _contacts(entry) -> str:
    rows = []
    for contact in entry["contacts"]:
        parts = [f'<span class="sp-contact__action">{link(present.href(contact), present.contact_text(contact))}</span>']
        if contact.get("label"):
            parts.insert(0, f'<span class="sp-contact__label">{text(contact["label"])}:</span> ')
        if contact["channel"] in ("website", "webchat", "ios_app", "android_app", "bsl_video"):
            parts.append(f' <span class="sp-contact__url">{text(contact["value"])}</span>')
        details = [present.hours_text(contact.get("hours"))]
        if contact.get("cost"):
            details.append(label("call_cost", contact["cost"]) + (f": {contact['cost_note']}" if contact.get("cost_note") else ""))
        if contact.get("notes"):
            details.append(contact["notes"])
        detail = " · ".join(f"<span>{text(d)}</span>" for d in details if d)
        rows.append(f'<li class="sp-contact sp-contact--{text(contact["channel"])}">{"".join(parts)}'
                    f'{f"<br><small>{detail}</small>" if detail else ""}{_refs(entry, [contact["source"]] + ([contact["also_source"]] if contact.get("also_source") else []))}</li>')
    return f'<section aria-labelledby="contact"><h2 id="contact">How to get in touch</h2><ul class="sp-contacts">{"".join(rows)}</ul></section>'


def _audience(entry, root) -> str:
    audience = entry["audience"]
    topics = ", ".join(link(f"{root}topics/{t.replace('_', '-')}/", label("topic", t)) for t in audience["topics"])
    rows = [
        ("Topics", topics),
        ("Ages", text(present.age_text(audience))),
        ("Who it is for", text(", ".join(label("group", g) for g in audience.get("groups", [])) or "Everyone")),
        ("Where", text(", ".join(label("area", a) for a in audience["areas"]))),
        ("Languages", text(", ".join(label("language", lang) for lang in audience["languages"]))),
        ("Accessibility", text(", ".join(label("accessibility", a) for a in entry.get("accessibility", [])) or "None stated by the provider")),
    ]
    if audience.get("note"):
        rows.append(("Note", _cited(entry, audience["note"])))
    return '<section aria-labelledby="who"><h2 id="who">Who it is for</h2>' + _dl(rows) + "</section>"


def _cost(entry) -> str:
    cost, interest = entry["cost"], entry["commercial_interest"]
    maintainers = "None declared" if interest["maintainers"].strip().lower() == "none" else interest["maintainers"]
    rows = [
        ("Cost", text(present.cost_text(entry)) + (f". {text(cost['note'])}" if cost.get("note") else "")),
        ("Provider's interest", text(label("commercial_provider", interest["provider"])) + (f". {text(interest['note'])}" if interest.get("note") else "")),
        ("Signpost's interest", text(maintainers)),
    ]
    return '<section aria-labelledby="cost"><h2 id="cost">Cost and commercial interest</h2>' + _dl(rows) + "</section>"


def _about(entry) -> str:
    provider = entry["provider"]
    registrations = "; ".join(f'{label("charity_register", r["register"])} {r["number"]}' for r in provider.get("charity_registrations", []))
    rows = [("Run by", text(provider["name"]) + f" ({text(label('provider_type', provider['type']))}, {text(provider['country'])})")]
    if registrations:
        rows.append(("Registered charity", text(registrations)))
    if provider.get("note"):
        rows.append(("About the provider", _cited(entry, provider["note"])))
    rows.append(("Website", link(entry["url"], entry["url"])))
    return (f'<section aria-labelledby="about"><h2 id="about">About this {text(label("kind", entry["kind"]).lower())}</h2>'
            f'{paragraphs(entry["description"])}{_dl(rows)}</section>')


def _evaluation(entry) -> str:
    evaluation = entry["evaluation"]
    rows = "".join(
        f'<tr><th scope="row">{text(present.CRITERION_LABELS[c])}</th>'
        f'<td><span class="sp-rating sp-rating--{RATING_CLASS[evaluation[c]["rating"]]}">{text(label("rating", evaluation[c]["rating"]))}</span></td>'
        f'<td>{text(evaluation[c]["justification"])}{_refs(entry, evaluation[c].get("sources", []))}</td></tr>'
        for c in present.CRITERIA)
    return ('<section aria-labelledby="evaluation"><h2 id="evaluation">Evaluation</h2>'
            '<p>Rated against Signpost\'s published criteria: see <a href="../../method/">how resources are evaluated</a>.</p>'
            '<div class="sp-table"><table><caption>Evaluation of this resource</caption><thead><tr><th scope="col">Criterion</th>'
            f'<th scope="col">Rating</th><th scope="col">Why</th></tr></thead><tbody>{rows}</tbody></table></div></section>')


def _sources(entry) -> str:
    items = []
    for key, source in entry["sources"].items():
        publisher = "the service's own site" if source["publisher"] == "own" else source["publisher"]
        dated = "undated" if source["page_date"] == "undated" else f"page dated {source['page_date']}"
        copy = ", read from a stored copy" if source.get("copy") else ""
        items.append(f'<li id="source-{text(key)}">{link(source["url"], source["title"])} ({text(publisher)}; {text(dated)}; '
                     f'read {_date(source["checked"])}{text(copy)})</li>')
    return f'<section aria-labelledby="sources" data-pagefind-ignore="all"><h2 id="sources">Sources</h2><ol class="sp-sources">{"".join(items)}</ol></section>'


def _freshness(entry, today) -> str:
    checked = entry["last_checked"]
    out = f'<p class="sp-checked">Last checked {_date(checked["date"])} by {text(checked["by"])}.</p>'
    reasons = freshness.recheck_reasons(entry)
    if reasons:
        out += ('<details class="sp-recheck" data-pagefind-ignore="all"><summary>Details to confirm on the live site</summary><ul>' +
                "".join(f"<li>{_cited(entry, r)}</li>" for r in reasons) + "</ul></details>")
    if entry.get("notes"):
        out += f'<details class="sp-notes" data-pagefind-ignore="all"><summary>Maintainers\' notes</summary>{_cited(entry, entry["notes"], block=True)}</details>'
    return out


def _search_data(entry) -> str:
    """Hidden filter values and card data for the directory's search (Pagefind reads these)."""
    # Pagefind indexes the keys; the directory's script turns them back into labels.
    spans = "".join(f'<span data-pagefind-filter="{key}">{text(value)}</span>'
                    for key, values in present.filters(entry).items() for value in values)
    card = json.dumps(card_data(entry), ensure_ascii=False, separators=(",", ":"))
    return f'<div hidden>{spans}<span data-pagefind-meta="card">{text(card)}</span></div>'


def card_data(entry) -> dict:
    """What a directory card shows, as plain strings: the page's JavaScript sets them as text, never as HTML."""
    contact = present.main_contact(entry)
    return {
        "id": entry["id"],
        "code": present.share_code(entry["id"]),
        "name": entry["name"],
        "kind": label("kind", entry["kind"]),
        "summary": entry["summary"],
        "contact": present.contact_text(contact),
        "href": present.href(contact) or "",
        "hours": "Open 24/7" if present.is_24_7(entry) else present.hours_text(contact.get("hours")),
        "cost": present.cost_text(entry),
        "glance": present.GLANCE[present.rating_glance(entry)],
        "checked": entry["last_checked"]["date"],
    }


def _refs(entry, keys) -> str:
    order = list(entry["sources"])
    return "".join(f'<a class="sp-ref" href="#source-{text(k)}" aria-label="source {order.index(k) + 1}">[{order.index(k) + 1}]</a>' for k in keys if k in order)


def _cited(entry, value, block=False) -> str:
    """Escaped prose whose [key] citations become links to the entry's sources."""
    rendered = paragraphs(value) if block else text(value)
    return CITATION.sub(lambda m: _refs(entry, [m.group(1)]) or m.group(0), rendered)


def _dl(rows) -> str:
    return '<dl class="sp-facts">' + "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows) + "</dl>"


def _date(iso: str) -> str:
    day = freshness.parse_date(iso)
    shown = f"{day.day} {day:%B %Y}" if day else iso
    return f'<time datetime="{text(iso)}">{text(shown)}</time>'
