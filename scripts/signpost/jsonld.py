"""schema.org JSON-LD for a resource page: a WebPage about the service, its provider as an
Organization and each contact channel as a ContactPoint with its hours.

for_entry() returns plain data; script_tag() serialises it so that no catalogue text can end
the <script> element or open a comment: <, > and & are written as \\u003c, \\u003e, \\u0026.
A JSON-LD block is data, never run, so the Content-Security-Policy needs no hash for it.
"""
from __future__ import annotations

import json

from . import licences, phones, present
from .schema import label

SCHEMA_DAYS = {"mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday", "fri": "Friday",
               "sat": "Saturday", "sun": "Sunday", "bank_holidays": "PublicHolidays"}
# schema.org (and search engines) write "open all day" as 00:00 to 23:59; it has no 24:00.
ALL_DAY = ("00:00", "23:59")
NUMBER_CHANNELS = ("phone", "sms", "textphone", "whatsapp")
URL_CHANNELS = ("website", "webchat", "ios_app", "android_app", "bsl_video")
ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def for_entry(entry: dict) -> dict:
    provider = entry["provider"]
    organization = {"@type": "Organization", "name": provider["name"], "contactPoint": [contact_point(entry, c) for c in entry["contacts"]]}
    if provider.get("charity_registrations"):
        organization["identifier"] = [{"@type": "PropertyValue", "propertyID": label("charity_register", r["register"]), "value": r["number"]}
                                      for r in provider["charity_registrations"]]
    service = {
        "@type": "Service",
        "name": entry["name"],
        "description": entry["summary"],
        "url": entry["url"],
        "serviceType": label("kind", entry["kind"]),
        "areaServed": [label("area", a) for a in entry["audience"]["areas"]],
        "provider": organization,
    }
    return {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": entry["name"],
        "description": entry["summary"],
        "inLanguage": "en-GB",
        "lastReviewed": entry["last_checked"]["date"],
        "license": licences.DATA_LICENCE["url"],
        "isPartOf": {"@type": "WebSite", "name": "Signpost"},
        "about": service,
    }


def contact_point(entry: dict, contact: dict) -> dict:
    channel = contact["channel"]
    point = {"@type": "ContactPoint", "contactType": label("channel", channel) + (f" ({contact['label']})" if contact.get("label") else ""),
             "name": present.contact_text(contact)}
    if channel in NUMBER_CHANNELS and not contact["value"].startswith("http"):
        point["telephone"] = phones.display(contact["value"], contact.get("country", "GB"))
    elif channel == "email":
        point["email"] = contact["value"]
    else:
        point["url"] = contact["value"]
    if contact.get("hours"):
        point["hoursAvailable"] = opening_hours(contact["hours"])
    options = []
    if contact.get("cost") == "free":
        options.append("https://schema.org/TollFree")
    if channel in ("textphone", "bsl_video"):
        options.append("https://schema.org/HearingImpairedSupported")
    if options:
        point["contactOption"] = options
    point["availableLanguage"] = [label("language", code) for code in entry["audience"]["languages"]]
    point["areaServed"] = [label("area", a) for a in entry["audience"]["areas"]]
    return point


def opening_hours(hours: dict) -> list[dict]:
    if hours.get("always_open"):
        periods = [{"days": list(present.DAY_ORDER), "opens": ALL_DAY[0], "closes": ALL_DAY[1]}]
    else:
        periods = hours["weekly"]
    return [{"@type": "OpeningHoursSpecification", "dayOfWeek": [f"https://schema.org/{SCHEMA_DAYS[d]}" for d in p["days"]],
             "opens": p["opens"], "closes": ALL_DAY[1] if p["closes"] == "24:00" else p["closes"]} for p in periods]


def dumps(data: dict) -> str:
    """JSON that is safe inside a <script> element in HTML."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in ESCAPES.items():
        text = text.replace(char, escaped)
    return text


def script_tag(entry: dict) -> str:
    return f'<script type="application/ld+json">{dumps(for_entry(entry))}</script>'
