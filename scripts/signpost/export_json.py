"""data/catalogue.json: every entry exactly as validated, with the schema that describes it.

The entries are the validated YAML loaded as plain values (strings, numbers, booleans, lists and
mappings), so json.loads(catalogue.json)["entries"] equals what the validator accepted. The
schemas are published beside it: resource.schema.json (the entries) and catalogue.schema.json
(the file around them).
"""
from __future__ import annotations

import datetime as dt
import json

from . import licences
from .schema import SCHEMA_PATH

FOLDER = "data"
ENTRIES_SCHEMA = "resource.schema.json"
FILE_SCHEMA = "catalogue.schema.json"


def catalogue(entries: list[dict], today: dt.date) -> dict:
    return {
        "$schema": f"./{FILE_SCHEMA}",
        "entries_schema": f"./{ENTRIES_SCHEMA}",
        "title": "Signpost catalogue",
        "date": today.isoformat(),
        "licence": licences.for_export(),
        "count": len(entries),
        "entries": entries,
    }


def file_schema() -> dict:
    """A JSON Schema for catalogue.json itself; its entries are the catalogue schema's."""
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "Signpost catalogue export",
        "description": "data/catalogue.json: the validated catalogue with its date and licence.",
        "type": "object",
        "required": ["title", "date", "licence", "count", "entries"],
        "properties": {
            "$schema": {"type": "string", "description": "This schema's address, relative to the file."},
            "entries_schema": {"type": "string", "description": "The schema every entry satisfies, relative to the file."},
            "title": {"type": "string"},
            "date": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "description": "The day the export was built."},
            "licence": {
                "type": "object",
                "required": ["name", "spdx", "url", "attribution"],
                "properties": {key: {"type": "string"} for key in ("name", "spdx", "url", "attribution", "caution")},
            },
            "count": {"type": "integer", "minimum": 0, "description": "How many entries follow."},
            "entries": {"$ref": f"{ENTRIES_SCHEMA}"},
        },
    }


def files(entries: list[dict], today: dt.date) -> dict[str, str]:
    return {
        f"{FOLDER}/catalogue.json": json.dumps(catalogue(entries, today), ensure_ascii=False, separators=(",", ":")),
        f"{FOLDER}/{ENTRIES_SCHEMA}": SCHEMA_PATH.read_text(encoding="utf-8"),
        f"{FOLDER}/{FILE_SCHEMA}": json.dumps(file_schema(), indent=2),
    }
