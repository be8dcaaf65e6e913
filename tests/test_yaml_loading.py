"""Reading: one YAML reading (YAML 1.1 as PyYAML reads it), limits before work, and a message
with a line for whatever is given as the catalogue, never a traceback, crash or hang."""
from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import FIXTURE_DAY, ROOT
from signpost import catalogue, yaml_source
from signpost.catalogue import check_file, check_text
from signpost.yaml_source import MAX_DEPTH, load


def messages(text: str) -> list[str]:
    return [p.format() for p in check_text(text, "x.yaml", today=FIXTURE_DAY).problems]


# ---- what YAML allows but a catalogue must not -----------------------------------------------

def test_duplicate_keys_are_reported_not_silently_dropped():
    assert "x.yaml:3:3: a name: duplicate field 'name' (first given on line 2); keep one of them; YAML would silently drop the first" \
        in messages("- id: a\n  name: One\n  name: Two\n")


def test_billion_laughs_fails_fast_instead_of_expanding():
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, 10):
        levels.append(f"{'abcdefghij'[n]}: &{'abcdefghij'[n]} [{', '.join(['*' + 'abcdefghij'[n - 1]] * 9)}]")
    started = time.perf_counter()
    source = load("\n".join(levels) + "\n", "bomb.yaml")
    assert any("anchor and alias" in p.message for p in source.problems)
    assert time.perf_counter() - started < 5, "an alias bomb must be refused without expanding it"


@pytest.mark.parametrize("text, line", [
    ("- " + "[" * 100_000 + "]" * 100_000 + "\n", 1),                       # flow brackets
    ("- a: x\n  b: " + "[" * 100_000 + "\n", 2),                             # unclosed
    ('- a: x"\n  b: ' + "[" * 100_000 + "\n", 2),                            # behind a quote in a plain value
    ("- a: '#'\n  b: " + "{a: " * 100_000 + "\n", 2),                        # behind a quoted hash
    ("".join("  " * i + "- \n" for i in range(5_000)), MAX_DEPTH + 1),     # block indentation
])
def test_deep_nesting_is_refused_at_its_line_whatever_the_quoting(text, line):
    problems = check_text(text, "deep.yaml").problems
    assert [(p.line, p.message) for p in problems] == [(line, f"nested more than {MAX_DEPTH} levels deep")]


def test_deep_nesting_does_not_crash_the_process():
    """libyaml's composer recurses in C; a crash there is exit 139, which no try/except catches."""
    code = "import sys; sys.path.insert(0, 'scripts'); from signpost.catalogue import check_text; print(check_text('- ' + '[' * 200000, 'x').ok)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert (run.returncode, run.stdout.strip()) == (0, "False")


@pytest.mark.parametrize("text, message", [
    ("", "x.yaml:1:1: the file is empty"),
    ("# only a comment\n", "x.yaml:1:1: the file is empty"),
    ("---\n~\n", "x.yaml:1:1: the file is empty"),
    ("- id: a\n\t  name: b\n", "x.yaml:2:1: tab character in indentation"),
    ("- !!python/object/apply:os.system ['true']\n", "x.yaml:1:3: YAML tag tag:yaml.org,2002:python/object/apply:os.system is not allowed"),
    ("- {<<: {id: a}}\n", "x.yaml:1:4: merge keys (<<) are not supported"),
    ("- ? [a, b]\n  : c\n", "x.yaml:1:5: a field name must be plain text"),
    ("- id: a\n---\n- id: b\n", "x.yaml:2:1: a second YAML document starts here ('---')"),
    ("- a: " + "1" * 5_000 + "\n", "x.yaml:1:6: a: a number 5,000 characters long"),
    ("- a: [b\n", "x.yaml:2:1: YAML syntax error: while parsing a flow sequence did not find expected ',' or ']'"),
])
def test_unsafe_or_unusable_yaml_is_refused_with_a_position(text, message):
    assert any(m.startswith(message) for m in messages(text)), messages(text)


def test_yaml_1_1_is_the_reading_no_is_false_and_times_are_numbers():
    data = load("- a: no\n  b: 17:00\n  c: 0123\n  d: '0123'\n  e: 2026-11-01\n  f: ~\n", "x.yaml").data
    assert data == [{"a": False, "b": 1020, "c": 83, "d": "0123", "e": "2026-11-01", "f": None}]


def test_too_many_entries_are_refused_before_any_is_checked(monkeypatch):
    monkeypatch.setattr(yaml_source, "MAX_ENTRIES", 3)
    problems = check_text("- {}\n" * 1000, "x.yaml").problems
    assert [(p.line, p.message) for p in problems] == [(4, "more than 3 entries")]


def test_a_multi_megabyte_file_of_one_line_entries_is_refused_quickly():
    started = time.perf_counter()
    result = check_text("- {}\n" * 1_000_000, "x.yaml")
    assert [p.message for p in result.problems] == [f"more than {yaml_source.MAX_ENTRIES:,} entries"]
    assert time.perf_counter() - started < 10


def test_problems_kept_in_memory_are_capped_but_all_are_counted(monkeypatch):
    monkeypatch.setattr(catalogue, "MAX_PROBLEMS", 5)
    result = check_text("- {}\n" * 20, "x.yaml")
    assert len(result.problems) == 5 and result.total_problems > 20 and not result.ok


# ---- invisible characters ----------------------------------------------------------------------

@pytest.mark.parametrize("char, name", [
    ("\u2028", "U+2028 LINE SEPARATOR"), ("\u2029", "U+2029 PARAGRAPH SEPARATOR"), ("\x85", "U+0085 (a control character)"),
    ("\x07", "U+0007 (a control character)"), ("\r", "U+000D CARRIAGE RETURN without a line feed"),
    ("\u200b", "U+200B ZERO WIDTH SPACE"), ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"), ("\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"),
    ("\u00ad", "U+00AD SOFT HYPHEN"), ("\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE"), ("\u200d", "U+200D ZERO WIDTH JOINER"),
])
def test_invisible_characters_are_refused_at_their_line_and_column(char, name):
    found = messages(f"- id: a\n  name: Alpha{char}Line\n")
    assert any(m.startswith((f"x.yaml:2:14: a name: invisible character {name}; delete it",
                             f"x.yaml:2:14: invisible character {name}; delete it")) for m in found), found


def test_joiners_inside_words_that_need_them_and_marks_beside_right_to_left_text_are_allowed():
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"     # a zero-width non-joiner inside a Persian word
    hebrew = "\u05e9\u05dc\u05d5\u05dd \u200e(UK)"                      # a left-to-right mark after Hebrew text
    source = load(f"- a: {persian}\n  b: {hebrew}\n", "x.yaml")
    assert source.problems == []
    assert source.data == [{"a": persian, "b": hebrew}]


def test_an_escaped_invisible_character_is_refused_and_never_reaches_the_data():
    source = load('- a: "x\\u202ey"\n', "x.yaml")
    assert [p.message for p in source.problems] == ["an escape in this quoted text makes the invisible character U+202E RIGHT-TO-LEFT OVERRIDE"]
    assert source.data == [{"a": "x\ufffdy"}]


def test_crlf_line_endings_are_read_with_the_same_line_numbers():
    result = check_text("- id: a\r\n  nmae: b\r\n", "x.yaml")
    assert any(p.line == 2 and p.message == "unknown field 'nmae'" for p in result.problems)


# ---- what is given as the catalogue ------------------------------------------------------------

@pytest.mark.parametrize("make, message", [
    (lambda tmp: tmp, "is a directory, not a file"),
    (lambda tmp: (os.mkfifo(tmp / "fifo"), tmp / "fifo")[1], "is not a regular file (it is a device, pipe or socket)"),
    (lambda tmp: "/dev/zero", "is not a regular file (it is a device, pipe or socket)"),
    (lambda tmp: tmp / "missing.yaml", "file not found"),
    (lambda tmp: ((tmp / "latin1.yaml").write_bytes(b"- id: caf\xe9\n"), tmp / "latin1.yaml")[1], "not UTF-8 text (invalid continuation byte at byte 9)"),
])
def test_anything_that_is_not_a_catalogue_file_gets_a_message_not_a_hang(make, message, tmp_path):
    result = check_file(make(tmp_path))
    assert [p.message for p in result.problems] == [message]


def test_an_unreadable_file_gets_a_message(tmp_path, monkeypatch):
    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(catalogue.os, "open", denied)
    assert [p.message for p in check_file(tmp_path / "x.yaml").problems] == ["cannot be read: permission denied"]


def test_a_file_over_the_size_limit_is_not_read(tmp_path, monkeypatch):
    monkeypatch.setattr(catalogue, "MAX_BYTES", 10)
    path = tmp_path / "big.yaml"
    path.write_text("- id: a-long-enough-entry\n", encoding="utf-8")
    assert [p.message for p in check_file(path).problems] == ["is 0 MB, over the 0 MiB limit"]


@pytest.mark.parametrize("given", ["dir", "fifo", "/dev/zero", "surrogate", "deep"])
def test_the_command_line_answers_every_hostile_input_with_exit_1_and_no_traceback(given, tmp_path):
    path = {"dir": tmp_path, "/dev/zero": "/dev/zero"}.get(given, tmp_path / f"{given}.yaml")
    if given == "fifo":
        os.mkfifo(path)
    elif given == "surrogate":
        path.write_text('- id: "\\ud800"\n', encoding="utf-8")
    elif given == "deep":
        path.write_text('- a: x"\n  b: ' + "[" * 200_000 + "\n", encoding="utf-8")
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), str(path)], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr and "1 error" in run.stderr


# ---- the reading is PyYAML's -------------------------------------------------------------------

class _TextDates(yaml.SafeLoader):
    """The reference: PyYAML's composer and YAML 1.1 constructors (dates kept as written)."""


_TextDates.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: node.value)


def reference(text: str):
    """PyYAML's own reading, with mapping keys as written (Signpost's documented choice)."""
    root = yaml.compose(text, Loader=yaml.CSafeLoader)
    constructor = _TextDates("")

    def build(node):
        if isinstance(node, yaml.MappingNode):
            return {key.value: build(value) for key, value in node.value}
        if isinstance(node, yaml.SequenceNode):
            return [build(item) for item in node.value]
        return constructor.construct_object(node)

    return build(root), root


def positions(node, spot):
    """Pairs of (PyYAML's position, ours) for every value, to compare."""
    yield (node.start_mark.line + 1, node.start_mark.column + 1), (spot.line, spot.col)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            key_line, key_col, child = spot.children[key.value]
            yield (key.start_mark.line + 1, key.start_mark.column + 1), (key_line, key_col)
            yield from positions(value, child)
    elif isinstance(node, yaml.SequenceNode):
        for item, child in zip(node.value, spot.children, strict=True):
            yield from positions(item, child)


# Deliberate refusals: where the reading stops short of PyYAML's, on purpose.
REFUSALS = ("duplicate field", "anchor and alias", "YAML anchor", "YAML tag", "merge keys", "a field name must be plain text",
            "invisible character", "an escape in this", "tab character", "a number ", "nested more than", "cannot be read as a number")
HOSTILE = ["no", "on", "yes", "off", "No", "~", "null", "", "0123", "0o17", "0x1F", "1e5", "1_000", "17:00", "190:20:30", ".inf", "-.nan",
           "2026-11-01", "2026-11-01 10:00:00", "<<", "=", "-", "- x", "? x", "a: b", "a:b", "#x", "x #y", "x#y", "'q", '"q', "[a", "{a", "a]",
           "&a", "*a", "!t", "!!str 1", "|", ">", "%x", "@x", "`x", "9" * 40, "1" * 5000, "---", "...", " lead", "trail ", "a\\b", "\\u202e",
           "\u2028", "\u2029", "\x85", "\u200b", "\u202e", "\u00ad", "\ufeff", "\x07", "\t", "\r", "caf\u00e9", "\U0001f600", "\u0645\u200c\u062e"]


def mostly(ordinary, hostile):
    """Ordinary values nine times in ten, so that whole files often read cleanly and the data
    and positions get compared, and hostile ones often enough to meet every refusal."""
    return st.integers(0, 9).flatmap(lambda n: hostile if n == 0 else ordinary)


scalars = mostly(
    st.text(st.sampled_from("abcXYZ019 .-/"), max_size=12),
    st.one_of(st.sampled_from(HOSTILE), st.text(st.sampled_from("ab :#-'\"[]{},&*!|>%@`\\\n\t\u2028\u200b\u202e\u00e9"), max_size=8)),
)


@st.composite
def rendered(draw, value, flow=False):
    """A scalar written in one of YAML's styles, sometimes badly on purpose."""
    style = draw(st.sampled_from(["plain", "plain", "single", "double", "double-escaped"] + ([] if flow else ["literal", "folded"])))
    if style == "plain":
        return value.replace("\n", " ")
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    if style == "double":
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if style == "double-escaped":
        return '"' + "".join(c if c.isalnum() else f"\\u{ord(c):04x}" if ord(c) < 0x10000 else c for c in value) + '"'
    return ("|" if style == "literal" else ">") + "\n" + "\n".join("      " + line for line in (value.split("\n") or [""]))


@st.composite
def catalogue_text(draw):
    """Catalogue-shaped YAML: entries of fields holding hostile scalars, lists and mappings,
    in block and flow style, with comments, anchors, aliases, tags and duplicate keys mixed in."""
    keys = mostly(st.sampled_from(["id", "name", "url", "value", "notes", "summary", "kind"]), st.sampled_from(["no", "on", "1", "a b", "<<", "id", "'q'", '"\\u200b"']))
    lines = ["# a comment"] if draw(st.booleans()) else []
    for _ in range(draw(st.integers(1, 3))):
        first, used = True, set()
        for _ in range(draw(st.integers(1, 4))):
            lead = "- " if first else "  "
            first = False
            key = draw(keys)
            key = key if key not in used or draw(st.integers(0, 9)) == 0 else f"{key}{len(used)}"
            used.add(key)
            shape = draw(mostly(st.sampled_from(["scalar", "flow-list", "block-list", "block-map", "flow-map"]), st.sampled_from(["anchor", "alias", "tag"])))
            if shape == "scalar":
                lines.append(f"{lead}{key}: {draw(rendered(draw(scalars)))}")
            elif shape == "flow-list":
                items = [draw(rendered(draw(scalars), flow=True)) for _ in range(draw(st.integers(0, 3)))]
                lines.append(f"{lead}{key}: [{', '.join(item.replace(chr(10), ' ') for item in items)}]")
            elif shape == "flow-map":
                lines.append(f"{lead}{key}: {{k: {draw(rendered(draw(scalars), flow=True)).replace(chr(10), ' ')}}}")
            elif shape == "block-list":
                lines.append(f"{lead}{key}:")
                lines.extend(f"    - {draw(rendered(draw(scalars)))}" for _ in range(draw(st.integers(1, 3))))
            elif shape == "block-map":
                lines.append(f"{lead}{key}:")
                lines.extend(f"    {draw(keys)}: {draw(rendered(draw(scalars)))}" for _ in range(draw(st.integers(1, 3))))
            elif shape == "anchor":
                lines.append(f"{lead}{key}: &x {draw(rendered(draw(scalars)))}")
            elif shape == "alias":
                lines.append(f"{lead}{key}: *x")
            else:
                lines.append(f"{lead}{key}: !!str {draw(rendered(draw(scalars)))}")
    return "\n".join(lines) + "\n"


@settings(max_examples=400, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogue_text())
@example("- a: \u2028x\n")
@example("- a: x\x85y\n")
@example("- a: no\n  b: '17:00'\n")
def test_the_reader_agrees_with_pyyaml_or_refuses_with_a_reason(text):
    ours = load(text, "p.yaml")
    try:
        expected, root = reference(text)
    except yaml.YAMLError:
        assert ours.problems, "PyYAML refuses this text, so the reader must say why"
        return
    except ValueError:  # PyYAML cannot build it (a number too long for int())
        assert ours.problems
        return
    if not ours.problems:
        assert ours.data == expected
        for theirs, mine in positions(root, ours.root):
            assert theirs == mine
    else:
        assert all(any(reason in p.message for reason in REFUSALS) for p in ours.problems), [p.message for p in ours.problems]
