"""Loading refuses what YAML allows but a catalogue must not, quickly and with a position."""
from __future__ import annotations

import time

import pytest

from signpost.catalogue import check_text
from signpost.yaml_source import MAX_DEPTH, load


def test_duplicate_keys_are_reported_not_silently_dropped():
    source = load("- id: a\n  name: One\n  name: Two\n", "x.yaml")
    assert [p.format() for p in source.problems] == [
        "x.yaml:3:3: duplicate field 'name' (first given on line 2); keep one of them; YAML would silently drop the first"
    ]


def test_billion_laughs_fails_fast_instead_of_expanding():
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, 10):
        levels.append(f"{'abcdefghij'[n]}: &{'abcdefghij'[n]} [{', '.join(['*' + 'abcdefghij'[n - 1]] * 9)}]")
    started = time.perf_counter()
    source = load("\n".join(levels) + "\n", "bomb.yaml")
    elapsed = time.perf_counter() - started
    assert any("anchor and alias" in p.message for p in source.problems)
    assert elapsed < 5, "an alias bomb must be refused without expanding it"


def test_deep_nesting_is_refused():
    text = "- " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    source = load(text, "deep.yaml")
    assert any("nested more than" in p.message for p in source.problems)


def test_very_deep_nesting_does_not_crash_the_parser():
    result = check_text("- " + "[" * 100_000 + "\n", "deeper.yaml")
    assert not result.ok
    assert result.errors[0].format().startswith("deeper.yaml:")


@pytest.mark.parametrize("text, message", [
    ("", "the file is empty"),
    ("- id: a\n\t- name: b\n", "tab character in indentation"),
    ("- !!python/object/apply:os.system ['true']\n", "is not allowed"),
    ("- {<<: {id: a}}\n", "merge keys (<<) are not supported"),
    ("- ? [a, b]\n  : c\n", "a field name must be plain text"),
])
def test_unsafe_or_unusable_yaml_is_refused(text, message):
    result = check_text(text, "x.yaml")
    assert any(message in p.message for p in result.errors), [p.format() for p in result.problems]


def test_dates_are_kept_as_written():
    source = load("- checked: 2026-11-01\n", "x.yaml")
    assert source.data == [{"checked": "2026-11-01"}]
