"""The schema documents itself and leaves nothing open: it is the field reference."""
from __future__ import annotations

import json

import pytest
import jsonschema_rs
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


def patterns(node=SCHEMA):
    """Every pattern in the schema."""
    for _, sub in walk(node):
        if isinstance(sub.get("pattern"), str):
            yield sub["pattern"]


@pytest.mark.parametrize("pattern", sorted(set(patterns())))
def test_no_pattern_lets_a_line_break_follow_its_match(pattern):
    """JSON Schema patterns are ECMA-262, where '$' is the end of the text; Python's re would
    accept 'sands\\n' for '^[a-z]+$'. Both validators must refuse what follows the match."""
    from signpost.schema_check import ecma_pattern

    for sample in ("sands", "GB", "09:00", "2026-11-23", "https://a.example.org/", "undated", "Europe/London", "a"):
        if ecma_pattern(pattern).search(sample):
            assert not ecma_pattern(pattern).search(sample + "\n"), (pattern, sample)
            assert not jsonschema_rs.Draft7Validator({"type": "string", "pattern": pattern}).is_valid(sample + "\n"), (pattern, sample)


def test_an_id_ending_in_a_line_break_is_refused(valid_text):
    from signpost.catalogue import check_text

    text = valid_text.replace("- id: beta-forum\n", '- id: "beta-forum\\n"\n')
    assert [(p.line, p.field, p.message) for p in check_text(text, "x.yaml").errors] == [(83, "id", "contains a line break")]


def test_when_the_explainer_finds_nothing_the_verdict_still_fails_the_entry(monkeypatch, valid_text):
    """One validator decides; a disagreement is reported as an error, never a pass."""
    from signpost import schema_check
    from signpost.catalogue import check_text

    class FindsNothing:
        def iter_errors(self, entry):
            return iter(())

    monkeypatch.setattr(schema_check, "_ENTRY", FindsNothing())
    result = check_text(valid_text.replace("  kind: forum\n", "  kind: forums\n"), "x.yaml")
    assert [(p.line, p.field) for p in result.errors] == [(89, "kind")]
    assert result.errors[0].message.startswith("does not fit the schema (")
