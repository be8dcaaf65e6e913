"""One page per catalogue entry, in two voices (templates/resource_page.html).

First what a client needs: what the service is, how to get in touch, when it is open, what it
costs, who it is for and any caution in plain words. Then, folded in a disclosure, what a
practitioner needs: the evaluation, how each contact fact was confirmed and how old its
source is, the sources, re-check marks and maintainers' notes.

This module only gathers plain values; the template writes every tag and escapes every value.
"""
from __future__ import annotations

import datetime as dt
import re

from . import client_data, client_words, freshness, jsonld, present
from .schema import label
from .stamping import Page
from .templating import render as render_template

CITATION = re.compile(r"\[([a-z0-9]+(?:-[a-z0-9]+)*)\]")
RATING_CLASS = {"good": "good", "adequate": "adequate", "concerns": "concerns", "not_assessed": "unknown"}
# Ways of getting in touch whose address a client may need to read or type.
SHOWN_ADDRESS = ("website", "webchat", "ios_app", "android_app", "bsl_video")


def url_of(entry_id: str) -> str:
    """Site-relative path of an entry's page (directory URLs)."""
    return f"resources/{entry_id}/"


def render(entry: dict, entries_by_id: dict, today: dt.date) -> Page:
    """An entry's page: its title and description as plain text, and its body as HTML."""
    body = render_template("resource_page.html", **context(entry, entries_by_id, today))
    # The schema.org data block is JSON that jsonld.dumps makes safe inside <script>; autoescape would break it.
    return Page(f"{url_of(entry['id'])}index.html", entry["name"], entry["summary"], str(body) + jsonld.script_tag(entry))


def context(entry: dict, entries_by_id: dict, today: dt.date) -> dict:
    root = "../../"
    cautions = [dict(client_words.caution(h), sources=_refs(entry, h.get("sources", []))) for h in entry["evaluation"]["harms"]]
    return {
        "root": root,
        "entry": entry,
        "code": present.share_code(entry["id"]),
        "closed": _closed(entry, entries_by_id, root) if entry["status"] == "closed" else None,
        "status_note": _cited(entry, entry.get("status_note", "")),
        "overdue": freshness.is_overdue(entry, today),
        "contacts": [_contact(entry, c) for c in entry["contacts"]],
        "cautions_first": [c for c in cautions if c["prominence"] == "box"],
        "cautions_later": [c for c in cautions if c["prominence"] != "box"],
        "cautions": cautions,
        "cost": present.cost_text(entry),
        "audience": _audience(entry, root),
        "about": _about(entry),
        "interest": _interest(entry),
        "evaluation": [{"label": present.CRITERION_LABELS[c], "rating": label("rating", entry["evaluation"][c]["rating"]),
                        "class": RATING_CLASS[entry["evaluation"][c]["rating"]], "why": entry["evaluation"][c]["justification"],
                        "sources": _refs(entry, entry["evaluation"][c].get("sources", []))} for c in present.CRITERIA],
        "sources": [_source(key, s) for key, s in entry["sources"].items()],
        "recheck": [_cited(entry, r) for r in freshness.recheck_reasons(entry)],
        "notes": [_cited(entry, part.strip()) for part in re.split(r"\n\s*\n", entry.get("notes", "")) if part.strip()],
    }


def _closed(entry, by_id, root) -> dict:
    instead, passed = client_data.replacement(entry, by_id)
    return {"instead": {"href": root + url_of(instead["id"]), "name": instead["name"], "status": instead["status"]} if instead else None,
            "passed": passed}


def _contact(entry, contact) -> dict:
    sources = entry["sources"]
    keys = [contact["source"]] + ([contact["also_source"]] if contact.get("also_source") else [])
    hours = contact.get("hours")
    return {
        "channel": contact["channel"],
        "text": present.contact_text(contact),
        "href": present.href(contact),
        "label": contact.get("label", ""),
        "address": contact["value"] if contact["channel"] in SHOWN_ADDRESS else "",
        "times": client_data.times(hours),
        "hours_full": present.hours_text(hours),
        "open": client_data.open_data(contact, entry),
        "cost": label("call_cost", contact["cost"]) if contact.get("cost") else "",
        "cost_note": contact.get("cost_note", ""),
        "notes": contact.get("notes", ""),
        "confirmed": label("confirmation", contact["confirmed"]),
        "source_date": freshness.newest_page_date(keys, sources),
        "sources": _refs(entry, keys),
        "recheck": freshness.contact_recheck_reasons(contact, sources),
    }


def _audience(entry, root) -> dict:
    audience = entry["audience"]
    return {
        "topics": [{"href": f"{root}topics/{t.replace('_', '-')}/", "name": label("topic", t)} for t in audience["topics"]],
        "ages": present.age_text(audience),
        "groups": ", ".join(label("group", g) for g in audience.get("groups", [])) or "Everyone",
        "areas": ", ".join(label("area", a) for a in audience["areas"]),
        "languages": ", ".join(label("language", lang) for lang in audience["languages"]),
        "accessibility": ", ".join(label("accessibility", a) for a in entry.get("accessibility", [])) or "None stated by the provider",
        "note": _cited(entry, audience["note"]) if audience.get("note") else None,
    }


def _about(entry) -> dict:
    provider = entry["provider"]
    return {
        "description": [part.strip() for part in re.split(r"\n\s*\n", entry["description"]) if part.strip()],
        "kind": label("kind", entry["kind"]).lower(),
        "provider": f"{provider['name']} ({label('provider_type', provider['type'])}, {provider['country']})",
        "registrations": "; ".join(f'{label("charity_register", r["register"])} {r["number"]}' for r in provider.get("charity_registrations", [])),
        "provider_note": _cited(entry, provider["note"]) if provider.get("note") else None,
        "cost_note": entry["cost"].get("note", ""),
    }


def _interest(entry) -> dict:
    interest = entry["commercial_interest"]
    return {
        "provider": label("commercial_provider", interest["provider"]) + (f". {interest['note']}" if interest.get("note") else ""),
        "maintainers": "None declared" if interest["maintainers"].strip().lower() == "none" else interest["maintainers"],
    }


def _source(key, source) -> dict:
    return {
        "key": key, "url": source["url"], "title": source["title"],
        "publisher": "the service's own site" if source["publisher"] == "own" else source["publisher"],
        "dated": "undated" if source["page_date"] == "undated" else f"page dated {source['page_date']}",
        "checked": source["checked"], "copy": bool(source.get("copy")),
    }


def _refs(entry, keys) -> list[dict]:
    """Citations as {number, key}: the template links each to its source in the list."""
    order = list(entry["sources"])
    return [{"number": order.index(k) + 1, "key": k} for k in keys if k in order]


def _cited(entry, value: str) -> list[dict]:
    """Prose split into text and citations: [{'text': ...}, {'ref': {number, key}}, ...]."""
    parts, at = [], 0
    for match in CITATION.finditer(value):
        refs = _refs(entry, [match.group(1)])
        if not refs:
            continue
        parts.append({"text": value[at:match.start()]})
        parts.append({"ref": refs[0]})
        at = match.end()
    parts.append({"text": value[at:]})
    return parts
