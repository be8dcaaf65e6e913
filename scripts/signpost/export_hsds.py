"""data/hsds/: the catalogue as Open Referral HSDS 3.0 JSON (a static export, not an HSDS API).

services.json and organizations.json have the shape of the HSDS API's paginated lists (one page
holding everything); each service nests its phones, schedules, areas, languages, costs, contacts
and attributes, and names its organization by organization_id (organizations.json has them all). Ids are
UUIDs derived from Signpost's ids (uuid5), so they stay the same from build to build.

What HSDS 3.0 has no place for is carried as attributes of a "Signpost" taxonomy (topics,
ratings, harms) or left to the resource page and catalogue.json (sources, justifications);
README.md ("Open data") lists each choice.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import uuid

from . import licences, phones, present, resource_page
from .schema import label, labels

FOLDER = "data/hsds"
HSDS_VERSION = "3.0"
# Never change this: every HSDS id is derived from it.
NAMESPACE = uuid.UUID("6f1c2a63-3c1e-5b8e-9d4e-5169676e706f")
_NAMESPACE_BYTES = NAMESPACE.bytes
PHONE_TYPES = {"phone": "voice", "sms": "text", "textphone": "textphone"}
STATUS = {"active": "active", "paused": "temporarily closed", "closed": "defunct"}
RRULE_DAYS = {"mon": "MO", "tue": "TU", "wed": "WE", "thu": "TH", "fri": "FR", "sat": "SA", "sun": "SU"}
# org-id.guide list codes for the charity registers whose codes are certain.
ORG_ID_SCHEMES = {"ccew": "GB-CHC", "oscr": "GB-SC", "ccni": "GB-NIC"}
TAXONOMY = "Signpost"


# What each HSDS field is made from, for the field reference (declared beside the code that does it).
MAPPING = [
    ("service.id", "uuid5 of the namespace and 'service/<entry id>'; every other id is derived the same way"),
    ("service.name, description, url", "name, description, url"),
    ("service.status", "active → active, paused → temporarily closed, closed → defunct"),
    ("service.alert", "a paused or closed entry's status_note (citation marks removed) and its successor"),
    ("service.email", "the first email contact"),
    ("service.eligibility_description, minimum_age, maximum_age", "audience.groups, the ages and audience.note"),
    ("service.fees_description, cost_options", "cost.note; cost.model's label as the option"),
    ("service.interpretation_services", "set when languages include 'many' or accessibility includes interpreting"),
    ("service.assured_date", "last_checked.date"),
    ("service.last_modified", "the newest date in changes"),
    ("service.phones", "phone (voice), sms (text) and textphone contacts; number as the service writes it, "
                       "or in international format for +numbers; the line's own hours, cost and notes in description"),
    ("service.schedules", "the hours of the first contact that has any, one weekly rule (RFC 5545 BYDAY) per period"),
    ("service.service_areas", "audience.areas, with the ISO 3166 code in description"),
    ("service.languages", "audience.languages (BCP 47 codes)"),
    ("service.contacts", "email contacts"),
    ("service.attributes", "topics, the four ratings and the harms, as terms of the 'Signpost' taxonomy (taxonomy_terms.json) with their values"),
    ("organization", "provider: one organization per provider name; provider.note or its type and country as description; "
                     "charity registrations as organization_identifiers (org-id.guide scheme for the three UK registers)"),
]
LEFT_OUT = [
    "Sources and the ratings' justifications: HSDS has no field for citations. They are on each resource page and in catalogue.json.",
    "Hours that belong to one phone line: HSDS 3.0 gives schedules to services and locations, not to phones, so the service's "
    "schedule is its first staffed contact's hours and every phone's own hours are written in its description.",
    "Time zones: HSDS 3.0's schedule.timezone is a fixed UTC offset, which UK time is not half the year; each schedule's "
    "description names its zone (Europe/London unless the entry says otherwise). 24:00 means midnight at the end of the day.",
    "UK short numbers such as 116 123 and 85258 have no +44 form: numbers are given as the service writes them.",
    "Web chat, apps, WhatsApp and BSL video links: HSDS 3.0 has one URL per service. They are in catalogue.json and catalogue.csv.",
    "Bank holidays: RFC 5545 rules have no such day; schedules that include them say so in their description.",
    "Commercial interest and the maintainers' declarations: in catalogue.json and on each resource page.",
]


def hsds_id(*parts) -> str:
    """A stable UUID for one HSDS object: ('service', 'samaritans') or ('phone', 'samaritans', 0).

    uuid.uuid5's own result, computed without building UUID objects (a 10,000-entry export
    derives about 270,000 ids)."""
    digest = bytearray(hashlib.sha1(_NAMESPACE_BYTES + "/".join(map(str, parts)).encode("utf-8")).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    text = digest.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


# ---- organizations -------------------------------------------------------------------------

def organization_key(provider: dict) -> str:
    """Entries with the same provider name share one organization."""
    return " ".join(provider["name"].casefold().split())


def organization(provider: dict) -> dict:
    org_id = hsds_id("organization", organization_key(provider))
    kind = label("provider_type", provider["type"])
    out = {
        "id": org_id,
        "name": provider["name"],
        "description": provider.get("note") or f"{kind} based in {provider['country']}.",
        "legal_status": kind,
    }
    identifiers = []
    for index, registration in enumerate(provider.get("charity_registrations", [])):
        identifier = {
            "id": hsds_id("organization_identifier", organization_key(provider), index),
            "organization_id": org_id,
            "identifier_type": label("charity_register", registration["register"]),
            "identifier": registration["number"],
        }
        if registration["register"] in ORG_ID_SCHEMES:
            identifier["identifier_scheme"] = ORG_ID_SCHEMES[registration["register"]]
        identifiers.append(identifier)
    if identifiers:
        out["organization_identifiers"] = identifiers
    return out


# ---- services ------------------------------------------------------------------------------

def service(entry: dict, by_id: dict) -> dict:
    service_id = hsds_id("service", entry["id"])
    audience = entry["audience"]
    out = {
        "id": service_id,
        "organization_id": hsds_id("organization", organization_key(entry["provider"])),
        "name": entry["name"],
        "description": entry["description"].strip(),
        "url": entry["url"],
        "status": STATUS[entry["status"]],
        "eligibility_description": _eligibility(audience),
        "assured_date": entry["last_checked"]["date"],
    }
    email = next((c["value"] for c in entry["contacts"] if c["channel"] == "email"), None)
    if email:
        out["email"] = email
    if "min_age" in audience:
        out["minimum_age"] = audience["min_age"]
    if "max_age" in audience:
        out["maximum_age"] = audience["max_age"]
    if entry["cost"].get("note"):
        out["fees_description"] = entry["cost"]["note"]
    interpreting = "many" in audience["languages"] or "interpreting" in entry.get("accessibility", [])
    if interpreting:
        out["interpretation_services"] = label("accessibility", "interpreting")
    alert = _alert(entry, by_id)
    if alert:
        out["alert"] = alert
    latest = max((c["date"] for c in entry.get("changes", [])), default=None)
    if latest:
        out["last_modified"] = f"{latest}T00:00:00Z"
    out["phones"] = _phones(entry, service_id)
    out["schedules"] = _schedules(entry, service_id)
    out["service_areas"] = [{"id": hsds_id("service_area", entry["id"], area), "service_id": service_id,
                             "name": label("area", area), "description": _area_description(area)} for area in audience["areas"]]
    out["languages"] = [{"id": hsds_id("language", entry["id"], code), "service_id": service_id, "name": label("language", code), "code": code}
                        for code in audience["languages"] if code != "many"]
    out["cost_options"] = [{"id": hsds_id("cost_option", entry["id"]), "service_id": service_id, "option": label("cost_model", entry["cost"]["model"]),
                            **({"amount_description": entry["cost"]["note"]} if entry["cost"].get("note") else {})}]
    out["contacts"] = [{"id": hsds_id("contact", entry["id"], index), "service_id": service_id, "name": c.get("label") or label("channel", "email"), "email": c["value"]}
                       for index, c in enumerate(entry["contacts"]) if c["channel"] == "email"]
    out["attributes"] = _attributes(entry, service_id)
    return out


def _eligibility(audience: dict) -> str:
    groups = ", ".join(label("group", g) for g in audience.get("groups", [])) or "Everyone"
    text = f"For: {groups}. {present.age_text(audience)}."
    if audience.get("note"):
        text += " " + _plain(audience["note"])
    return text


def _alert(entry: dict, by_id: dict) -> str:
    if entry["status"] == "active":
        return ""
    text = _plain(entry["status_note"])
    successor = by_id.get(entry.get("successor", ""))
    if successor:
        text += f" Replaced by {successor['name']} ({successor['url']})."
    return text


def _area_description(area: str) -> str:
    if area == "worldwide":
        return "Open to people anywhere."
    return f"{'ISO 3166-2' if '-' in area else 'ISO 3166-1'} code {area}."


def _phones(entry: dict, service_id: str) -> list[dict]:
    numbers = []
    for index, contact in enumerate(entry["contacts"]):
        kind = PHONE_TYPES.get(contact["channel"])
        if kind is None:
            continue
        numbers.append({
            "id": hsds_id("phone", entry["id"], index),
            "service_id": service_id,
            "number": phones.display(contact["value"], contact.get("country", "GB")),
            "type": kind,
            "description": _contact_description(contact),
        })
    return numbers


def _contact_description(contact: dict) -> str:
    """Everything HSDS has no field for on a phone: the line's own hours, cost, keyword and notes."""
    parts = [present.contact_text(contact) + (f" ({contact['label']})" if contact.get("label") else "")]
    if contact.get("hours"):
        parts.append(present.hours_text(contact["hours"]))
    if contact.get("cost"):
        parts.append(label("call_cost", contact["cost"]) + (f": {contact['cost_note']}" if contact.get("cost_note") else ""))
    if contact.get("notes"):
        parts.append(contact["notes"])
    return ". ".join(p.rstrip(".") for p in parts) + "."


def _schedules(entry: dict, service_id: str) -> list[dict]:
    """The hours of the first contact that has any: HSDS 3.0 gives hours to services, not to phones
    (every phone's own hours are in its description)."""
    contact = next((c for c in entry["contacts"] if c.get("hours")), None)
    if contact is None:
        return []
    hours = contact["hours"]
    zone = hours.get("timezone", "Europe/London")
    about = f"Hours of {present.contact_text(contact)}" + (f" ({contact['label']})" if contact.get("label") else "") + f", {zone} time"
    if hours.get("always_open"):
        return [{"id": hsds_id("schedule", entry["id"], 0), "service_id": service_id, "freq": "WEEKLY", "wkst": "MO",
                 "byday": ",".join(RRULE_DAYS.values()), "opens_at": "00:00", "closes_at": "24:00",
                 "description": f"{about}: {present.hours_text(hours)}."}]
    out = []
    for index, period in enumerate(hours["weekly"]):
        days = [RRULE_DAYS[d] for d in present.DAY_ORDER if d in period["days"]]
        note = "; also on bank holidays" if "bank_holidays" in period["days"] else ""
        note += "; closes the next day" if period["closes"] < period["opens"] else ""
        item = {"id": hsds_id("schedule", entry["id"], index), "service_id": service_id, "freq": "WEEKLY", "wkst": "MO",
                "opens_at": period["opens"], "closes_at": period["closes"],
                "description": f"{about}{note}." + (f" {hours['note']}" if hours.get("note") and index == 0 else "")}
        if days:
            item["byday"] = ",".join(days)
        out.append(item)
    return out


def _attributes(entry: dict, service_id: str) -> list[dict]:
    """Topics, ratings and harms as attributes: links to terms of the 'Signpost' taxonomy
    (taxonomy_terms.json), each with its value."""
    out = [_attribute(entry, service_id, ("topic", topic)) for topic in entry["audience"]["topics"]]
    out += [_attribute(entry, service_id, ("rating", c), entry["evaluation"][c]["rating"]) for c in present.CRITERIA]
    out += [_attribute(entry, service_id, ("harm", h["type"]), f"{h['severity']}: {_plain(h['note'])}", index)
            for index, h in enumerate(entry["evaluation"]["harms"])]
    return out


def _attribute(entry, service_id, term, value=None, index=0) -> dict:
    out = {"id": hsds_id("attribute", entry["id"], *term, index), "link_id": service_id, "link_type": "service",
           "link_entity": "service", "taxonomy_term_id": _term_id(term)}
    if value is not None:
        out["value"] = value
    return out


@functools.lru_cache(maxsize=None)
def _term_id(term: tuple) -> str:
    return hsds_id("taxonomy_term", *term)


def taxonomy() -> dict:
    return {"id": hsds_id("taxonomy", TAXONOMY), "name": TAXONOMY,
            "description": "Signpost's topics, its ratings against its published criteria, and the harms it records."}


def taxonomy_terms() -> list[dict]:
    """Every term an attribute can point to, from the schema's vocabularies."""
    terms = [(("topic", key), name, "A topic the service helps with.") for key, name in labels("topic").items()]
    terms += [(("rating", c), f"Signpost rating: {present.CRITERION_LABELS[c]}",
               "Signpost's rating of the service on this criterion; the value is good, adequate, concerns or not_assessed.")
              for c in present.CRITERIA]
    terms += [(("harm", key), f"Signpost harm: {name}",
               "A known way the service could harm a client; the value is the severity (low, medium or high) and the reason.")
              for key, name in labels("harm_type").items()]
    taxonomy_id = hsds_id("taxonomy", TAXONOMY)
    return [{"id": hsds_id("taxonomy_term", *term), "code": ":".join(term), "name": name, "description": description,
             "taxonomy": TAXONOMY, "taxonomy_id": taxonomy_id} for term, name, description in terms]


def _plain(text: str) -> str:
    """Catalogue prose without its [source-key] citation marks, which only the site resolves."""
    return resource_page.CITATION.sub("", text).replace(" .", ".").strip()


# ---- files ---------------------------------------------------------------------------------

def page(contents: list[dict]) -> dict:
    """One page of an HSDS API list holding every item (the Page schema of HSDS's openapi.json)."""
    return {"total_items": len(contents), "total_pages": 1, "page_number": 1, "size": len(contents),
            "first_page": True, "last_page": True, "empty": not contents, "contents": contents}


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def files(entries: list[dict], today: dt.date) -> dict[str, str]:
    by_id = {e["id"]: e for e in entries}
    services = [service(e, by_id) for e in entries]
    organizations = list({key: organization(e["provider"]) for key, e in ((organization_key(e["provider"]), e) for e in entries)}.values())
    about = {
        "version": HSDS_VERSION,
        "description": "Signpost's catalogue as an HSDS 3.0 static export: files, not a live HSDS API.",
        "date": today.isoformat(),
        "licence": licences.for_export(),
        "services": "services.json",
        "organizations": "organizations.json",
        "taxonomies": "taxonomies.json",
        "taxonomy_terms": "taxonomy_terms.json",
    }
    return {f"{FOLDER}/index.json": _dump(about), f"{FOLDER}/services.json": _dump(page(services)),
            f"{FOLDER}/organizations.json": _dump(page(organizations)),
            f"{FOLDER}/taxonomies.json": _dump(page([taxonomy()])), f"{FOLDER}/taxonomy_terms.json": _dump(page(taxonomy_terms()))}
