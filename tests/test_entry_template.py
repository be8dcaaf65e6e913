"""The copy-paste entry template in CONTRIBUTING.md validates as printed, and shows every field
that an entry of each kind, status or cost needs."""
from __future__ import annotations

import re

import pytest

from conftest import FIXTURE_DAY, ROOT
from signpost.catalogue import check_text
from signpost.schema import load_schema

CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
TEMPLATE = re.search(r"### Entry template\n.*?```yaml\n(.*?)```", CONTRIBUTING, re.DOTALL).group(1)
KINDS = load_schema()["definitions"]["kind"]["enum"]


def problems(text: str) -> list[str]:
    return [p.format() for p in check_text(text, "template.yaml", today=FIXTURE_DAY).problems]


def uncomment(text: str, marker: str) -> str:
    """Use the optional lines whose comment contains `marker` (drop the leading '# ')."""
    return "\n".join(re.sub(r"^(\s*)# ", r"\1", line) if marker in line and line.lstrip().startswith("# ") else line
                     for line in text.split("\n"))


def test_the_template_validates_as_printed_with_no_warnings():
    assert problems(TEMPLATE) == []


@pytest.mark.parametrize("kind", KINDS)
def test_the_template_shows_what_each_kind_needs(kind):
    text = uncomment(TEMPLATE.replace("  kind: helpline ", f"  kind: {kind} ", 1), f"{kind} only")
    assert problems(text) == []


@pytest.mark.parametrize("status", ["paused", "closed"])
def test_the_template_shows_what_a_paused_or_closed_entry_needs(status):
    text = uncomment(TEMPLATE.replace("  status: active ", f"  status: {status} ", 1), "paused and closed only")
    text = text.replace("[closure-notice]", "[contact-page]")
    assert problems(text) == []


@pytest.mark.parametrize("field, value, marker", [
    ("model", "paid", "paid and free_with_paid_extras only"),
    ("provider", "advertising", "advertising only"),
    ("confirmed", "two_sources", "two_sources only"),
])
def test_the_template_shows_the_notes_that_some_values_require(field, value, marker):
    text = re.sub(rf"(\n\s+{field}: )\w+", rf"\g<1>{value}", TEMPLATE, count=1)
    text = uncomment(text, marker).replace("[nhs-directory]", "[charity-register]").replace("also_source: nhs-directory", "also_source: charity-register")
    assert problems(text) == []


def required_anywhere(node):
    """Every field name some part of the schema requires, in any branch."""
    if isinstance(node, dict):
        yield from node.get("required", []) if isinstance(node.get("required"), list) else []
        for value in node.values():
            yield from required_anywhere(value)
    elif isinstance(node, list):
        for value in node:
            yield from required_anywhere(value)


@pytest.mark.parametrize("name", sorted(set(required_anywhere(load_schema()["definitions"]))))
def test_every_field_the_schema_can_require_appears_in_the_template(name):
    assert re.search(rf"^\s*(?:# )?(?:- )?{name}:", TEMPLATE, re.MULTILINE) or re.search(rf"\b{name}: ", TEMPLATE), name
