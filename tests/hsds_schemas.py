"""The vendored Open Referral HSDS 3.0 JSON Schemas (schema/vendor/hsds-3.0), ready to validate with.

The schemas refer to each other by file name ("phone.json"), so each is registered under one
made-up base address and their references resolve among themselves, never over the network.
uri and date-time are checked here too: jsonschema checks them only with extra packages.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

VENDOR = Path(__file__).resolve().parents[1] / "schema" / "vendor" / "hsds-3.0"
BASE = "https://hsds-3.0.invalid/schema/"
FORMATS = FormatChecker()


@FORMATS.checks("uri")
def _is_uri(value) -> bool:
    parts = urlsplit(value) if isinstance(value, str) else None
    return parts is None or bool(parts.scheme and (parts.netloc or parts.scheme in ("mailto", "tel", "urn")))


@FORMATS.checks("date-time", raises=ValueError)
def _is_date_time(value) -> bool:
    return not isinstance(value, str) or bool(dt.datetime.fromisoformat(value.replace("Z", "+00:00")).tzinfo)


def _registry() -> Registry:
    resources = [(BASE + path.name, Resource.from_contents(json.loads(path.read_text(encoding="utf-8")), default_specification=DRAFT202012))
                 for path in sorted(VENDOR.glob("*.json"))]
    return Registry().with_resources(resources)


REGISTRY = _registry()


def validator(name: str) -> Draft202012Validator:
    """A validator for one HSDS object schema, e.g. validator('service.json')."""
    return Draft202012Validator({"$ref": BASE + name}, registry=REGISTRY, format_checker=FORMATS)


def page_validator() -> Draft202012Validator:
    """The Page schema of HSDS's openapi.json: the envelope of every list."""
    openapi = json.loads((VENDOR / "openapi.json").read_text(encoding="utf-8"))
    page = dict(openapi["components"]["schemas"]["Page"])
    page["required"] = list(page["properties"])  # a list the export writes must say all of it
    return Draft202012Validator(page)


def about_validator() -> Draft202012Validator:
    """The schema of the HSDS API's root ("/") response, which index.json mirrors."""
    openapi = json.loads((VENDOR / "openapi.json").read_text(encoding="utf-8"))
    about = openapi["paths"]["/"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    return Draft202012Validator(dict(about, required=["version"]), format_checker=FORMATS)
