"""The catalogue's JSON Schema: the one description of an entry's shape and vocabularies.

The validator, the site's labels and filters and the field reference all read it from here.
"""
from __future__ import annotations

import functools
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_PATH = ROOT / "schema" / "resource.schema.json"


@functools.lru_cache(maxsize=None)
def load_schema(path: str | Path = SCHEMA_PATH) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def definitions(schema: dict | None = None) -> dict:
    return (schema or load_schema())["definitions"]


def labels(vocabulary: str) -> dict[str, str]:
    """Human labels of a controlled vocabulary, in the schema's order: {'helpline': 'Helpline', ...}."""
    return dict(definitions()[vocabulary]["x-labels"])


def label(vocabulary: str, value: str) -> str:
    return labels(vocabulary).get(value, value)


def vocabularies() -> dict[str, dict[str, str]]:
    return {name: dict(d["x-labels"]) for name, d in definitions().items() if "x-labels" in d}


def resolve(node: dict, schema: dict | None = None) -> dict:
    """Follow a local $ref, keeping the referring property's own title and description."""
    schema = schema or load_schema()
    if "$ref" not in node:
        return node
    name = node["$ref"].rsplit("/", 1)[-1]
    target = dict(schema["definitions"][name])
    for key in ("title", "description"):
        if key in node:
            target[key] = node[key]
    return target
