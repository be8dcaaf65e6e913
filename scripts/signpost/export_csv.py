"""data/catalogue.csv: one row per contact channel, the entry's main fields repeated on each row.

For spreadsheets. The columns are declared once here, with what each means; the field reference
prints the same list. Lists are joined with "; " and use the schema's keys (the field reference
gives each key's label).
"""
from __future__ import annotations

import csv
import io
import re

from . import present, resource_page

FOLDER = "data"
LIST_SEPARATOR = "; "
# A spreadsheet runs a cell that starts with one of these as a formula. Plain phone numbers
# (+353..., digits and spaces) are left alone: they are numbers, not formulas.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"^\+?[0-9][0-9 ]*$")


def _joined(values) -> str:
    return LIST_SEPARATOR.join(str(v) for v in values)


def _contact_source(entry, contact, field):
    return entry["sources"][contact["source"]][field]


# (column, what it means, value from (entry, contact index, contact))
COLUMNS = [
    ("entry_id", "The entry's identifier; never changes. Its page is resources/<entry_id>/.", lambda e, i, c: e["id"]),
    ("name", "The resource's name.", lambda e, i, c: e["name"]),
    ("kind", "What sort of resource it is (a Kind value).", lambda e, i, c: e["kind"]),
    ("status", "active, paused or closed.", lambda e, i, c: e["status"]),
    ("successor", "For a closed entry, the id of the entry that replaced it.", lambda e, i, c: e.get("successor", "")),
    ("summary", "One sentence saying what it offers.", lambda e, i, c: e["summary"]),
    ("url", "The resource's main web address.", lambda e, i, c: e["url"]),
    ("provider_name", "Who runs it.", lambda e, i, c: e["provider"]["name"]),
    ("provider_type", "What kind of body runs it (a Provider type value).", lambda e, i, c: e["provider"]["type"]),
    ("provider_country", "Where the provider is based (ISO 3166-1 code).", lambda e, i, c: e["provider"]["country"]),
    ("charity_numbers", "Charity registrations as '<register> <number>'.",
     lambda e, i, c: _joined(f"{r['register']} {r['number']}" for r in e["provider"].get("charity_registrations", []))),
    ("topics", "Topics it helps with (Topic values).", lambda e, i, c: _joined(e["audience"]["topics"])),
    ("groups", "Groups it is specifically for (Group values); empty when it is for everyone.", lambda e, i, c: _joined(e["audience"].get("groups", []))),
    ("min_age", "Youngest age served, when set.", lambda e, i, c: e["audience"].get("min_age", "")),
    ("max_age", "Oldest age served, when set.", lambda e, i, c: e["audience"].get("max_age", "")),
    ("areas", "Nations and countries served (Area values).", lambda e, i, c: _joined(e["audience"]["areas"])),
    ("languages", "Languages it is offered in (Language values).", lambda e, i, c: _joined(e["audience"]["languages"])),
    ("accessibility", "Accessibility features (Accessibility feature values).", lambda e, i, c: _joined(e.get("accessibility", []))),
    ("cost_model", "What it costs the client (a Cost model value).", lambda e, i, c: e["cost"]["model"]),
    ("cost_note", "Prices and what the free part includes.", lambda e, i, c: e["cost"].get("note", "")),
    ("provider_interest", "How the provider makes money from it (a Provider's commercial interest value).", lambda e, i, c: e["commercial_interest"]["provider"]),
    ("integrity", "Rating for integrity (a Rating value).", lambda e, i, c: e["evaluation"]["integrity"]["rating"]),
    ("security", "Rating for security and privacy.", lambda e, i, c: e["evaluation"]["security"]["rating"]),
    ("utility", "Rating for utility.", lambda e, i, c: e["evaluation"]["utility"]["rating"]),
    ("effectiveness", "Rating for effectiveness.", lambda e, i, c: e["evaluation"]["effectiveness"]["rating"]),
    ("harms", "Known harms as '<harm type> (<severity>)'; the page gives each one's reason.",
     lambda e, i, c: _joined(f"{h['type']} ({h['severity']})" for h in e["evaluation"]["harms"])),
    ("last_checked", "When a maintainer last checked the whole entry (YYYY-MM-DD).", lambda e, i, c: e["last_checked"]["date"]),
    ("page", "The entry's page on this site, relative to the site's root.", lambda e, i, c: resource_page.url_of(e["id"])),
    ("contact_number", "This channel's position among the entry's contacts, from 1 (the most useful first).", lambda e, i, c: i + 1),
    ("channel", "How the client gets in touch on this row (a Channel value).", lambda e, i, c: c["channel"]),
    ("label", "Which one, when an entry has several of the same channel.", lambda e, i, c: c.get("label", "")),
    ("value", "The number, address or link as the service writes it.", lambda e, i, c: c["value"]),
    ("link", "A link that opens the channel (tel:, sms:, mailto: or https:); empty for textphone numbers, which are dialled from a textphone.",
     lambda e, i, c: present.href(c) or ""),
    ("keyword", "For text services: the word to send.", lambda e, i, c: c.get("keyword", "")),
    ("number_country", "The numbering plan of a number not written in +international form (GB unless stated).",
     lambda e, i, c: c.get("country", "GB") if c["channel"] in ("phone", "sms", "textphone", "whatsapp") else ""),
    ("open_24_7", "true when this channel answers 24 hours a day, every day.",
     lambda e, i, c: "true" if (c.get("hours") or {}).get("always_open") else ""),
    ("hours", "When the channel is staffed, as the site shows it (UK time unless stated).", lambda e, i, c: present.hours_text(c.get("hours"))),
    ("contact_cost", "What the client pays to use this channel (a Cost to contact value).", lambda e, i, c: c.get("cost", "")),
    ("contact_cost_note", "Detail on that cost.", lambda e, i, c: c.get("cost_note", "")),
    ("contact_notes", "Anything a client should know before using this channel.", lambda e, i, c: c.get("notes", "")),
    ("confirmed", "How the contact was confirmed (a How confirmed value).", lambda e, i, c: c["confirmed"]),
    ("source_url", "The page that confirms this contact.", lambda e, i, c: _contact_source(e, c, "url")),
    ("source_checked", "When that page was read (YYYY-MM-DD).", lambda e, i, c: _contact_source(e, c, "checked")),
]


def cell(value) -> str:
    """A value as spreadsheet text that can never run as a formula."""
    text = str(value)
    if text.startswith(FORMULA_START) and not PLAIN_NUMBER.match(text):
        return "'" + text
    return text


def rows(entries: list[dict]):
    yield [name for name, _, _ in COLUMNS]
    for entry in entries:
        for index, contact in enumerate(entry["contacts"]):
            yield [cell(value(entry, index, contact)) for _, _, value in COLUMNS]


def render(entries: list[dict]) -> str:
    out = io.StringIO()
    # A byte-order mark makes Excel read the file as UTF-8 (names such as Sláinte stay intact).
    out.write("\ufeff")
    csv.writer(out, lineterminator="\r\n").writerows(rows(entries))
    return out.getvalue()


def files(entries: list[dict]) -> dict[str, str]:
    return {f"{FOLDER}/catalogue.csv": render(entries)}
