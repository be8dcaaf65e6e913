"""Read catalogue text the one way Signpost reads YAML: YAML 1.1, as PyYAML and libyaml parse it.

The parser's events are turned into plain data here, one at a time, instead of going through
PyYAML's composer and constructor. That keeps every limit ahead of the work: nesting depth is
the parser's own (so no quoting trick hides it, and nothing recurses, so no C stack can
overflow), and the number of entries and of values is checked as they arrive. Duplicate keys,
aliases, tags and merge keys, which PyYAML would accept or silently resolve, become problems
with a line and column. Plain scalars are resolved by PyYAML's own YAML 1.1 resolver and
constructors, so `no` is false and `17:00` is a number exactly as PyYAML reads them; dates
stay the text written. Where each value came from is kept for messages.
"""
from __future__ import annotations

import contextlib
import gc
from dataclasses import dataclass, field

import yaml

from . import invisible
from .problems import Problem
from .schema import load_schema

try:  # libyaml parses about ten times faster; the pure-Python parser reads the same.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader

MAX_DEPTH = 40  # an entry nests about eight levels; anything near forty is broken or hostile
MAX_ENTRIES = load_schema()["maxItems"]
MAX_VALUES = 250 * MAX_ENTRIES  # a full real entry holds about 200 values; this bounds memory
MAX_NUMBER_DIGITS = 30  # ages and counts are short; a long run of digits is text that wants quotes

_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_constructor = yaml.constructor.SafeConstructor()
_resolver = yaml.resolver.Resolver()
_PLAIN = (True, False)
_BAD_KEY = object()  # stands for a key that was refused; its value is read and dropped


@dataclass(slots=True)
class Spot:
    """Where one value was written. `children` maps keys to (key line, key column, Spot) for a
    mapping and lists Spots for a sequence; `raw` is a plain scalar's text when YAML read it as
    something other than text (so a message can say 'put it in quotes: "85258"')."""

    line: int
    col: int
    children: object = None
    block: bool = False
    raw: str | None = None


@dataclass
class Source:
    """A read file: its data, what went wrong, and where each value came from."""

    filename: str
    data: object = None
    root: Spot | None = None
    problems: list[Problem] = field(default_factory=list)
    paths: dict = field(default_factory=dict)  # index in problems -> path of the value it is about

    @property
    def fatal(self) -> bool:
        """True when the data cannot be trusted to be what the file says (reading stopped)."""
        return self.data is None or any(p.stops_reading for p in self.problems)

    def position(self, path) -> tuple[int, int]:
        """1-based line and column of the value at `path`, or of its nearest parent.

        A block mapping or list starts on the line after its key, so for those the key is given."""
        spot = self.root
        if spot is None:
            return 1, 1
        line, col = spot.line, spot.col
        for part in path:
            key, child = _step(spot, part)
            if child is None:
                break
            line, col = (key[0], key[1]) if key is not None and child.block else (child.line, child.col)
            spot = child
        return line, col

    def key_position(self, path, key) -> tuple[int, int]:
        """Position of a mapping key itself (for unknown-field messages)."""
        spot = self._spot(path)
        if spot is not None and isinstance(spot.children, dict) and key in spot.children:
            key_line, key_col, _ = spot.children[key]
            return key_line, key_col
        return self.position(path)

    def scalar_text(self, path) -> str | None:
        """A plain value exactly as written, when YAML read it as something other than text."""
        spot = self._spot(path)
        return spot.raw if spot is not None else None

    def path_at(self, line: int, col: int) -> tuple:
        """The path of the innermost value written at or before (line, col): where a character is."""
        path, spot = [], self.root
        while spot is not None and spot.children:
            found = None
            if isinstance(spot.children, dict):
                for name, (key_line, key_col, child) in spot.children.items():
                    if (key_line, key_col) > (line, col):
                        break
                    found = (name, child)
            else:
                for index, child in enumerate(spot.children):
                    if (child.line, child.col) > (line, col):
                        break
                    found = (index, child)
            if found is None:
                break
            path.append(found[0])
            spot = found[1]
        return tuple(path)

    def entry_lines(self) -> list[int]:
        """The line each top-level entry starts on."""
        if self.root is None or not isinstance(self.root.children, list):
            return []
        return [spot.line for spot in self.root.children]

    def _spot(self, path):
        spot = self.root
        for part in path:
            if spot is None:
                return None
            spot = _step(spot, part)[1]
        return spot


def _step(spot, part):
    """(key position or None, child Spot or None) one step along a path."""
    children = spot.children
    if isinstance(children, dict) and isinstance(part, str) and part in children:
        key_line, key_col, child = children[part]
        return (key_line, key_col), child
    if isinstance(children, list) and isinstance(part, int) and 0 <= part < len(children):
        return None, children[part]
    return None, None


def load(text: str, filename: str) -> Source:
    """Read `text`; problems that stop reading leave `data` as None."""
    source = Source(filename)
    _check_characters(text, source)
    _check_tabs(text, source)
    if any(p.stops_reading for p in source.problems):
        return source
    with collector_paused():
        _Reader(text, source).read()
    return source


@contextlib.contextmanager
def collector_paused():
    """Reading makes millions of small objects and no reference cycles (aliases are refused), so
    the cyclic garbage collector would only walk the growing heap again and again: half the time
    at 10,000 entries. Memory is still freed as usual, by reference counting."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _problem(source, line, col, message, fix, stops=False, path=None, rule="yaml"):
    if path:
        source.paths[len(source.problems)] = tuple(path)
    source.problems.append(Problem(source.filename, line, col, None, "", message, fix, rule=rule, stops_reading=stops))


def _check_characters(text, source):
    for at, char, unreadable in invisible.find(text):
        line = text.count("\n", 0, at) + 1
        col = at - text.rfind("\n", 0, at)
        _problem(source, line, col, f"invisible character {invisible.describe(char)}", invisible.FIX, stops=unreadable, rule="characters")


def _check_tabs(text, source):
    if "\t" not in text:
        return
    for number, line in enumerate(text.split("\n"), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            _problem(source, number, indent.index("\t") + 1, "tab character in indentation", "indent with spaces only (two per level)", stops=True)


_resolved: dict[str, str] = {}


def _resolve(plain: str) -> str:
    """The YAML 1.1 tag PyYAML's resolver gives a plain scalar, remembered for short values
    (most plain values are vocabulary words that recur thousands of times)."""
    tag = _resolved.get(plain)
    if tag is None:
        tag = _resolver.resolve(yaml.ScalarNode, plain, _PLAIN)
        if len(plain) <= 40 and len(_resolved) < 100_000:
            _resolved[plain] = tag
    return tag


class _Stop(Exception):
    """Reading ends here; the problem saying why is already recorded."""


class _Frame:
    __slots__ = ("data", "spot", "is_map", "key", "first_line", "discard", "part")

    def __init__(self, data, spot, is_map, part, discard=False):
        self.data, self.spot, self.is_map, self.part, self.discard = data, spot, is_map, part, discard
        self.key = None  # for a mapping: (key, key line, key column) waiting for its value
        self.first_line = {}


class _Reader:
    """Builds plain data and Spots from the parser's events, checking limits as it goes."""

    def __init__(self, text, source):
        self.text, self.source = text, source
        self.stack: list[_Frame] = []
        self.values = 0
        self.result = None
        self.result_spot = None
        self.documents = 0

    def fail(self, mark, message, fix, stop=False, path=None):
        _problem(self.source, mark.line + 1, mark.column + 1, message, fix, stops=stop, path=path if path is not None else self.here())
        if stop:
            raise _Stop

    def read(self):
        loader = _Loader(self.text)
        try:
            self.events(loader)
        except _Stop:
            return
        except yaml.MarkedYAMLError as err:
            mark = err.problem_mark or err.context_mark
            what = " ".join(part for part in (err.context, err.problem) if part)
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            _problem(self.source, line, col, f"YAML syntax error: {what}", "check the indentation and quoting on this line and the one above", stops=True)
            return
        except yaml.YAMLError as err:
            _problem(self.source, 1, 1, f"YAML error: {err}", "check the file is valid YAML", stops=True)
            return
        finally:
            loader.dispose()
        if self.documents == 0 or self.result_spot is None or self.result is None:
            _problem(self.source, 1, 1, "the file is empty", "it should be a list of entries, each starting with '- id:'", stops=True)
            return
        self.source.data, self.source.root = self.result, self.result_spot

    def events(self, loader):
        """The parser's events, the everyday ones (a plain or quoted field name or value with no
        tag or anchor) handled right here: they are nine in ten and speed is this loop's. Every
        other event, and every case that needs a check, goes through handle()."""
        check, get, stack = loader.check_event, loader.get_event, self.stack
        scalar_event, text_tag, date_tag, resolved = yaml.ScalarEvent, _STR, _TIMESTAMP, _resolved
        while check():
            event = get()
            if type(event) is not scalar_event or event.tag is not None or event.anchor is not None or not stack or self.values >= MAX_VALUES:
                self.handle(event)
                continue
            self.values += 1
            top = stack[-1]
            mark = event.start_mark
            value = event.value
            if top.is_map and top.key is None:  # a field name
                if event.style == '"' or value == "<<" or value in top.first_line:
                    self.values -= 1
                    self.handle(event)
                    continue
                top.first_line[value] = mark.line + 1
                top.key = (value, mark.line + 1, mark.column + 1)
                continue
            spot = Spot(mark.line + 1, mark.column + 1)
            if event.implicit[0]:
                tag = resolved.get(value) or _resolve(value)
                if tag != text_tag and tag != date_tag:
                    spot.raw = value
                    value = self.construct(tag, value, mark)
            elif event.style == '"' and (char := invisible.first_in(value)) is not None:
                self.fail(mark, f"an escape in this quoted text makes the invisible character {invisible.describe(char)}", "remove the escape")
                value = invisible.scrub(value)
            if top.is_map:
                name, key_line, key_col = top.key
                top.key = None
                if name is not _BAD_KEY and not top.discard:
                    top.data[name] = value
                    top.spot.children[name] = (key_line, key_col, spot)
            else:
                self.attach(value, spot, mark)

    def handle(self, event):
        kind = type(event)
        if kind is yaml.ScalarEvent:
            self.scalar(event)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            self.start(event, kind is yaml.MappingStartEvent)
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            frame = self.stack.pop()
            self.attach(frame.data, frame.spot, event.start_mark)
        elif kind is yaml.AliasEvent:
            self.fail(event.start_mark, "this value is reused through a YAML anchor and alias (&name / *name)", "write the value out in full where it is used")
            self.attach(None, Spot(event.start_mark.line + 1, event.start_mark.column + 1), event.start_mark)
        elif kind is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                self.fail(event.start_mark, "a second YAML document starts here ('---')", "keep the whole catalogue in one document: remove the '---' line", stop=True)

    def here(self) -> tuple:
        """The path of the value being read: the open collections' places, then its own."""
        path = tuple(frame.part for frame in self.stack[1:])
        if not self.stack:
            return path
        top = self.stack[-1]
        if top.is_map:
            return path + ((top.key[0] if top.key and top.key[0] is not _BAD_KEY else "?"),)
        return path + (len(top.data),)

    def count(self, mark):
        self.values += 1
        if self.values > MAX_VALUES:
            self.fail(mark, f"more than {MAX_VALUES:,} values", "check the file is the catalogue", stop=True)

    def tag_refused(self, event) -> bool:
        tag = event.tag
        if tag is None or tag == "!" or (type(event) is not yaml.ScalarEvent and tag in ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")):
            return False
        self.fail(event.start_mark, f"YAML tag {tag} is not allowed", "remove the tag and write a plain value")
        return True

    def start(self, event, is_map):
        mark = event.start_mark
        self.count(mark)
        self.anchored(event)
        if len(self.stack) >= MAX_DEPTH:
            self.fail(mark, f"nested more than {MAX_DEPTH} levels deep", "entries never nest this deep; check the brackets and indentation", stop=True)
        refused = self.tag_refused(event)
        in_key = bool(self.stack) and self.stack[-1].is_map and self.stack[-1].key is None
        if in_key:
            self.fail(mark, "a field name must be plain text", "write the key as a simple word", path=self.here()[:-1])
        spot = Spot(mark.line + 1, mark.column + 1, {} if is_map else [], not event.flow_style)
        part = None
        if self.stack:
            parent = self.stack[-1]
            part = (parent.key[0] if parent.key and parent.key[0] is not _BAD_KEY else "?") if parent.is_map else len(parent.data)
        self.stack.append(_Frame({} if is_map else [], spot, is_map, part, discard=in_key or refused))

    def anchored(self, event):
        """Anchors serve only aliases, which are refused; PyYAML also refuses an anchor named twice."""
        if event.anchor is not None:
            self.fail(event.start_mark, f"a YAML anchor (&{event.anchor}) names this value", f"remove '&{event.anchor}': the catalogue writes every value out in full")

    def scalar(self, event):
        mark = event.start_mark
        self.count(mark)
        self.anchored(event)
        parent = self.stack[-1] if self.stack else None
        if parent is not None and parent.is_map and parent.key is None:
            self.key(event, parent)
            return
        spot = Spot(mark.line + 1, mark.column + 1)
        if self.tag_refused(event):
            self.attach(None, spot, mark)
            return
        value = event.value
        if event.implicit[0]:  # plain: YAML 1.1 decides what it is
            tag = _resolve(value)
            if tag != _STR and tag != _TIMESTAMP:
                spot.raw = value
                value = self.construct(tag, value, mark)
        elif event.style == '"':  # escapes such as "\u202e" or "\ud800" make characters the raw text lacks
            char = invisible.first_in(value)
            if char is not None:
                self.fail(mark, f"an escape in this quoted text makes the invisible character {invisible.describe(char)}", "remove the escape")
                value = invisible.scrub(value)
        self.attach(value, spot, mark)

    def construct(self, tag, value, mark):
        if tag == "tag:yaml.org,2002:int" and sum(c.isdigit() for c in value) > MAX_NUMBER_DIGITS:
            self.fail(mark, f"a number {len(value):,} characters long", "if this is text (a phone or charity number), put it in quotes")
            return value
        make = _constructor.yaml_constructors.get(tag)
        if make is None:  # '<<' as a value: PyYAML has no way to build it either
            self.fail(mark, f"YAML reads unquoted {value} as {tag.rsplit(':', 1)[-1]}, not as text", f'put it in quotes: "{value}"')
            return value
        try:
            return make(_constructor, yaml.ScalarNode(tag, value))
        except (ValueError, OverflowError):
            self.fail(mark, "this value cannot be read as a number", "if it is text, put it in quotes")
            return value

    def key(self, event, frame):
        mark = event.start_mark
        if event.tag is not None and event.tag != "!":
            self.fail(mark, f"YAML tag {event.tag} is not allowed", "remove the tag", path=self.here()[:-1])
            frame.key = (_BAD_KEY, 0, 0)
            return
        name = event.value
        if event.implicit[0] and name == "<<":  # PyYAML's merge resolver: exactly '<<', plain
            self.fail(mark, "merge keys (<<) are not supported", "write the fields out in full", path=self.here()[:-1])
            frame.key = (_BAD_KEY, 0, 0)
            return
        if name in frame.first_line:
            self.fail(mark, f"duplicate field '{name}' (first given on line {frame.first_line[name]})",
                      "keep one of them; YAML would silently drop the first", path=self.here()[:-1] + (name,))
            frame.key = (_BAD_KEY, 0, 0)
            return
        if event.style == '"' and invisible.first_in(name) is not None:
            self.fail(mark, f"an escape in this field name makes the invisible character {invisible.describe(invisible.first_in(name))}", "remove the escape")
            name = invisible.scrub(name)
        frame.first_line[name] = mark.line + 1
        frame.key = (name, mark.line + 1, mark.column + 1)

    def attach(self, value, spot, mark):
        """Put a finished value into its parent (or make it the document's root)."""
        if not self.stack:
            if self.result_spot is None:
                self.result, self.result_spot = value, spot
            return
        parent = self.stack[-1]
        if parent.is_map:
            if parent.key is None:  # a refused collection key: its value is read and dropped
                parent.key = (_BAD_KEY, 0, 0)
                return
            name, key_line, key_col = parent.key
            parent.key = None
            if name is _BAD_KEY or parent.discard:
                return
            parent.data[name] = value
            parent.spot.children[name] = (key_line, key_col, spot)
        else:
            if parent.discard:
                return
            parent.data.append(value)
            parent.spot.children.append(spot)
            if len(self.stack) == 1 and len(parent.data) > MAX_ENTRIES:
                self.fail(mark, f"more than {MAX_ENTRIES:,} entries", "check the file is the catalogue (the schema's maxItems sets this limit)", stop=True)
