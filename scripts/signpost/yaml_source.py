"""Load a catalogue file safely, keeping where every value came from.

PyYAML's own loaders keep the last of two duplicate keys without a word and expand
aliases however deep they nest. Here the file is composed into nodes (libyaml when
present), then walked once to build plain data: duplicate keys, aliases, tags and
runaway nesting become problems with a line and column, never silent data loss.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import re

import yaml

from . import yaml_fast
from .problems import Problem

try:  # libyaml parses about ten times faster; the pure-Python parser behaves the same.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader

MAX_BYTES = 200 * 1024 * 1024  # a catalogue of 10,000 full entries is about 60 MB
MAX_DEPTH = 40
MAX_NODES = 10_000_000

_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"
_SCALAR_TAGS = {
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_constructor = yaml.constructor.SafeConstructor()
# libyaml's composer recurses in C: a hostile file nested a hundred thousand levels deep
# overflows the stack and kills the process. These find deep nesting before it gets there.
_QUOTED_OR_COMMENT = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\n]|\'\')*\'|(?:^|(?<=\s))#[^\n]*', re.MULTILINE)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_BLOCK_PREFIX = re.compile(r"^[ ?:-]{%d,}" % (4 * MAX_DEPTH), re.MULTILINE)


@dataclass
class Source:
    """A loaded file: its data, what went wrong, and where each value came from.

    Positions come from PyYAML's node tree. When the fast reader supplied the data, nodes are
    composed only when a position is asked for, and then only for the entry concerned.
    """

    filename: str
    data: object = None
    root: yaml.Node | None = None
    problems: list[Problem] = field(default_factory=list)
    text: str = ""
    _entries: dict = field(default_factory=dict)

    def position(self, path) -> tuple[int, int]:
        """1-based line and column of the value at `path`, or of its nearest parent."""
        node, offset, rest = self._start(path)
        if node is None:
            return 1, 1
        mark = None
        for part in rest:
            key, child = _step(node, part)
            if child is None:
                break
            node = child
            # A block mapping or list starts on the line after its key; point at the key.
            block = isinstance(child, yaml.CollectionNode) and not child.flow_style
            mark = key.start_mark if key is not None and block else child.start_mark
        mark = mark or node.start_mark
        return mark.line + 1 + offset, mark.column + 1

    def key_position(self, path, key) -> tuple[int, int]:
        """Position of a mapping key itself (for unknown-field messages)."""
        node, offset, rest = self._start(path)
        for part in rest:
            node = _child(node, part) if node is not None else None
        if isinstance(node, yaml.MappingNode):
            for key_node, _ in node.value:
                if key_node.value == key:
                    return key_node.start_mark.line + 1 + offset, key_node.start_mark.column + 1
        return self.position(path)

    def scalar_text(self, path) -> str | None:
        """The value exactly as written (so `no` can be told apart from `false`)."""
        node, _, rest = self._start(path)
        for part in rest:
            node = _child(node, part) if node is not None else None
        if isinstance(node, yaml.ScalarNode) and not node.style:  # plain: None or "" by loader
            return node.value
        return None

    def _start(self, path):
        """(node, line offset, remaining path) to begin a walk from."""
        if self.root is None and path and isinstance(path[0], int):
            entry = self._entry_node(path[0], path[1] if len(path) > 1 and isinstance(path[1], str) else None)
            if entry is not None:
                return entry[0], entry[1], tuple(path[1:])
        if self.root is None and self.text:
            self.root = yaml.compose(self.text, Loader=_Loader)
        return self.root, 0, tuple(path)

    def _entry_node(self, index, field_name=None):
        """An entry's node, composed from its own lines (entries are '- ' items at column 0).

        With `field_name`, only that top-level field's lines are composed, as a one-field entry:
        a tenth of the work, which matters when thousands of entries carry a warning."""
        key = (index, field_name)
        if key not in self._entries:
            blocks = self._blocks()
            if blocks is None or not 0 <= index < len(blocks):
                return None
            begin, end, line = blocks[index]
            text = self.text[begin:end]
            part = _field_lines(text, field_name) if field_name else None
            if part is not None:
                text, skipped = part
                line += skipped
            self._entries[key] = (yaml.compose(text, Loader=_Loader).value[0], line)
        return self._entries[key]

    def _blocks(self):
        """(start, end, first line) of each entry's text, found once; None if entries are not '- ' items."""
        if "blocks" not in self._entries:
            starts = _entry_starts(self.text)
            blocks = None
            if isinstance(self.data, list) and len(starts) == len(self.data):
                ends = starts[1:] + [len(self.text)]
                lines, line, previous = [], 0, 0
                for start in starts:
                    line += self.text.count("\n", previous, start)
                    lines.append(line)
                    previous = start
                blocks = list(zip(starts, ends, lines))
            self._entries["blocks"] = blocks
        return self._entries["blocks"]


def _entry_starts(text: str) -> list[int]:
    """Offsets of the lines that begin with '- ' (top-level list items)."""
    starts = [0] if text.startswith("- ") else []
    at = text.find("\n- ")
    while at != -1:
        starts.append(at + 1)
        at = text.find("\n- ", at + 1)
    return starts


def _field_lines(block: str, name: str):
    """(text of one top-level field as a '- ' item, lines skipped before it), or None if not simple."""
    match = re.search(r"(?:^- |\n  )" + re.escape(name) + r":(?=[ \n])", block)
    if match is None:
        return None
    following = _NEXT_FIELD.search(block, match.end())
    end = following.start() + 1 if following else len(block)
    start = match.start() + (1 if block[match.start()] == "\n" else 0)
    return "- " + block[start + 2:end], block.count("\n", 0, start)


_NEXT_FIELD = re.compile(r"\n  [^\s#-]")


def _step(node, part):
    """(key node or None, child node or None) one step along a path."""
    if isinstance(node, yaml.MappingNode) and isinstance(part, str):
        for key_node, value_node in node.value:
            if key_node.value == part:
                return key_node, value_node
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return None, node.value[part]
    return None, None


def _child(node, part):
    return _step(node, part)[1]


def load(text: str, filename: str) -> Source:
    source = Source(filename)

    def problem(line, col, message, fix):
        source.problems.append(Problem(filename, line, col, None, "", message, fix))

    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        problem(1, 1, f"file is larger than {MAX_BYTES // (1024 * 1024)} MB", "split it or check it is the right file")
        return source
    if "\t" in text:
        for number, line in enumerate(text.splitlines(), start=1):
            indent = line[: len(line) - len(line.lstrip(" \t"))]
            if "\t" in indent:
                problem(number, indent.index("\t") + 1, "tab character in indentation", "indent with spaces only (two per level)")
        if source.problems:
            return source
    fast = yaml_fast.load(text)
    if fast is not None:
        source.data, source.text = fast, text
        return source
    deep_line = _too_deep(text)
    if deep_line:
        problem(deep_line, 1, f"nested more than {MAX_DEPTH} levels deep", "entries never nest this deep; check the brackets and indentation")
        return source
    try:
        source.root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(part for part in (err.context, err.problem) if part)
        problem(line, col, f"YAML syntax error: {what}", "check the indentation and quoting on this line and the one above")
        return source
    except yaml.YAMLError as err:
        problem(1, 1, f"YAML error: {err}", "check the file is valid YAML")
        return source
    except RecursionError:
        problem(1, 1, "the YAML nests too deeply to read", f"entries nest at most {MAX_DEPTH} levels")
        return source
    if source.root is None:
        problem(1, 1, "the file is empty", "it should be a list of entries, each starting with '- id:'")
        return source
    builder = _Builder(filename)
    source.data = builder.build(source.root)
    source.problems.extend(builder.problems)
    return source


def _too_deep(text: str) -> int | None:
    """The line where nesting first gets deeper than MAX_DEPTH, or None."""
    block = _BLOCK_PREFIX.search(text)
    if block:
        return text.count("\n", 0, block.start()) + 1
    brackets = _NOT_BRACKET.sub("", _QUOTED_OR_COMMENT.sub("", text))
    depth = 0
    for char in brackets:
        depth += 1 if char in "[{" else -1
        if depth > MAX_DEPTH:
            return 1  # a rare, hostile case: the first line is enough to act on
    return None


class _Builder:
    """Turns composed nodes into plain dicts, lists and scalars, refusing what YAML allows but we must not."""

    def __init__(self, filename):
        self.filename = filename
        self.problems: list[Problem] = []
        self.seen: set[int] = set()
        self.count = 0

    def fail(self, node, message, fix):
        mark = node.start_mark
        self.problems.append(Problem(self.filename, mark.line + 1, mark.column + 1, None, "", message, fix))

    def build(self, node, depth=0):
        self.count += 1
        if self.count > MAX_NODES:
            if self.count == MAX_NODES + 1:
                self.fail(node, f"more than {MAX_NODES:,} values", "check the file is the catalogue")
            return None
        if depth > MAX_DEPTH:
            self.fail(node, f"nested more than {MAX_DEPTH} levels deep", "entries never nest this deep; check the indentation")
            return None
        if id(node) in self.seen:
            # The composer hands back the anchored node again for each alias.
            self.fail(node, "this value is reused through a YAML anchor and alias (&name / *name)", "write the value out in full where it is used")
            return None
        self.seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                self.fail(node, f"YAML tag {node.tag} is not allowed", "remove the tag")
            return [self.build(item, depth + 1) for item in node.value]
        return self.mapping(node, depth)

    def mapping(self, node, depth):
        if node.tag != "tag:yaml.org,2002:map":
            self.fail(node, f"YAML tag {node.tag} is not allowed", "remove the tag")
        result = {}
        first_line = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                self.fail(key_node, "merge keys (<<) are not supported", "write the fields out in full")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.fail(key_node, "a field name must be plain text", "write the key as a simple word")
                continue
            key = key_node.value
            if key in result or key in first_line:
                self.fail(
                    key_node,
                    f"duplicate field '{key}' (first given on line {first_line[key]})",
                    "keep one of them; YAML would silently drop the first",
                )
                continue
            first_line[key] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, depth + 1)
        return result

    def scalar(self, node):
        tag = node.tag
        if tag == _STR:
            return node.value
        if tag == _TIMESTAMP:
            # Keep dates as the text written: the schema checks their form.
            return node.value
        if tag in _SCALAR_TAGS:
            return _constructor.yaml_constructors[tag](_constructor, node)
        self.fail(node, f"YAML tag {tag} is not allowed", "remove the tag and write a plain value")
        return None
