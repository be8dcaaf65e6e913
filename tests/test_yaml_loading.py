"""Loading refuses what YAML allows but a catalogue must not, quickly and with a position."""
from __future__ import annotations

import time

import pytest

from conftest import CATALOGUES, FIXTURE_DAY, ROOT
from signpost import yaml_fast
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
    result = check_text("- " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n", "deep.yaml")
    assert not result.ok


def test_nesting_beyond_the_fast_readers_limit_is_named_as_such():
    result = check_text("- " + "[" * 500 + "]" * 500 + "\n", "deep.yaml")
    assert any("nested more than" in p.message for p in result.errors)


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


CORPUS = [ROOT / "resources.yaml", CATALOGUES / "valid.yaml", *sorted((CATALOGUES / "bad").glob("*.yaml"))]


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_fast_reader_gives_the_same_data_and_messages_as_pyyaml(path, monkeypatch):
    """rapidyaml is only an accelerator: every answer must match PyYAML's, positions included."""
    text = path.read_text(encoding="utf-8")
    fast = check_text(text, path.name, today=FIXTURE_DAY)
    monkeypatch.setattr(yaml_fast, "load", lambda _text: None)
    slow = check_text(text, path.name, today=FIXTURE_DAY)
    assert fast.entries == slow.entries
    assert [p.format() for p in fast.problems] == [p.format() for p in slow.problems]


@pytest.mark.parametrize("text", [
    "- keyword: no\n",          # YAML 1.1 boolean
    "- closes: 17:00\n",        # YAML 1.1 sexagesimal number (1020)
    "- value: 0123\n",          # YAML 1.1 octal
    "- a: &x 1\n  b: *x\n",     # alias
    "- !!str 12\n",             # tag
    "- a: 1\n  a: 2\n",         # duplicate key
    "- a: ~\n",                 # YAML 1.1 null
    "- a: 1e5\n",               # a float in YAML 1.2, text in 1.1
])
def test_fast_reader_steps_aside_where_yaml_versions_or_features_differ(text):
    assert yaml_fast.load(text) is None
