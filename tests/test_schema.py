"""The schema documents itself and leaves nothing open: it is the field reference."""
from __future__ import annotations

import json

import pytest
from jsonschema import Draft7Validator

from conftest import ROOT
from signpost.schema import load_schema

SCHEMA = load_schema()


def walk(node, path="#"):
    """Every subschema, with a JSON-pointer-like path for failure messages."""
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            if key in ("x-labels", "examples", "enum", "required"):
                continue
            yield from walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk(value, f"{path}/{index}")


def properties():
    for path, node in walk(SCHEMA):
        for name, prop in node.get("properties", {}).items() if isinstance(node.get("properties"), dict) else ():
            if any(part in path for part in ("/if", "/then", "/oneOf", "/anyOf", "/not")):  # conditions, not fields
                continue
            yield f"{path}/properties/{name}", prop


def test_schema_is_valid_draft_07_so_editors_can_use_it():
    assert SCHEMA["$schema"] == "http://json-schema.org/draft-07/schema#"
    Draft7Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path, prop", list(properties()), ids=lambda v: v if isinstance(v, str) else "")
def test_every_property_has_a_title_and_a_description(path, prop):
    assert prop.get("title") and prop.get("description"), path


def test_every_object_refuses_unknown_fields():
    for path, node in walk(SCHEMA):
        if node.get("type") == "object" and "properties" in node:
            assert node.get("additionalProperties") is False, path


def test_every_free_string_has_a_length_bound():
    for path, node in walk(SCHEMA):
        if node.get("type") == "string" and "enum" not in node and "const" not in node:
            assert "maxLength" in node, path


def test_every_list_has_a_size_bound():
    for path, node in walk(SCHEMA):
        if node.get("type") == "array":
            assert "maxItems" in node, path


@pytest.mark.parametrize("name", [n for n, d in SCHEMA["definitions"].items() if "enum" in d])
def test_every_vocabulary_value_has_a_human_label(name):
    definition = SCHEMA["definitions"][name]
    assert list(definition["x-labels"]) == definition["enum"]
    assert all(label.strip() for label in definition["x-labels"].values())


def test_the_catalogue_points_editors_at_the_schema():
    first_line = (ROOT / "resources.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=schema/resource.schema.json"


def test_schema_file_is_formatted_json():
    text = (ROOT / "schema" / "resource.schema.json").read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"
