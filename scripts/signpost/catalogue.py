"""Load and check a catalogue file: the one entry point the validator, build, link check and tests share.

Limits come first: what the path is and how big it is are checked before a byte is read, the
reader bounds depth, entries and values as it goes, and at most MAX_PROBLEMS problems are kept
(the total is always counted). Whatever the input, the answer is a list of problems with a
line, never an exception.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from . import rules, schema_check, yaml_source
from .problems import ERROR, Problem, format_path

DEFAULT_CATALOGUE = Path(__file__).resolve().parents[2] / "resources.yaml"
MAX_BYTES = 128 * 1024 * 1024  # 10,000 real entries take about 63 MB
MAX_PROBLEMS = 10_000  # kept in memory; beyond this only the count grows


@dataclass
class Checked:
    filename: str
    entries: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    total_problems: int = 0  # including those beyond MAX_PROBLEMS, which are not kept
    total_errors: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == ERROR]

    @property
    def ok(self) -> bool:
        return self.total_errors == 0 and not self.errors

    def add(self, problem: Problem) -> None:
        self.total_problems += 1
        self.total_errors += problem.level == ERROR
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)


_cache: dict = {}


def check_file_cached(path: str | Path) -> Checked:
    """check_file, remembered until the file changes: the build script and the MkDocs hook
    run in one process and should not parse a large catalogue twice."""
    path = Path(path)
    try:
        info = path.resolve().stat()
    except (OSError, RuntimeError):
        return check_file(path)  # it reports what is wrong with the path
    key = (str(path.resolve()), info.st_mtime_ns, info.st_size, dt.date.today())
    if key not in _cache:
        _cache.clear()
        _cache[key] = check_file(path)
    return _cache[key]


def check_file(path: str | Path, *, today: dt.date | None = None, strict: bool = False, display_name: str | None = None) -> Checked:
    path = Path(path)
    name = display_name or _display_name(path)
    text, problem = read_text(path, name)
    if problem is not None:
        result = Checked(name)
        result.add(problem)
        return result
    return check_text(text, name, today=today, strict=strict)


def read_text(path: Path, name: str) -> tuple[str | None, Problem | None]:
    """The file's text, or a problem saying why it cannot be the catalogue. Never blocks on a
    pipe, never reads a device or more than MAX_BYTES."""
    def refuse(message, fix, line=1, col=1):
        return None, Problem(name, line, col, None, "", message, fix, stops_reading=True)

    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        return refuse("file not found", "check the path")
    except IsADirectoryError:
        return refuse("is a directory, not a file", "give the path of the catalogue file, e.g. resources.yaml")
    except PermissionError:
        return refuse("cannot be read: permission denied", "check the file's permissions (chmod u+r)")
    except OSError as err:
        return refuse(f"cannot be opened: {err.strerror}", "check the path")
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            return refuse("is a directory, not a file", "give the path of the catalogue file, e.g. resources.yaml")
        if not stat.S_ISREG(info.st_mode):
            return refuse("is not a regular file (it is a device, pipe or socket)", "give the path of the catalogue file, e.g. resources.yaml")
        if info.st_size > MAX_BYTES:
            return refuse(f"is {info.st_size / 1e6:.0f} MB, over the {MAX_BYTES // (1024 * 1024)} MiB limit", "check it is the catalogue")
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as err:
        return refuse(f"cannot be read: {err.strerror}", "check the file")
    finally:
        os.close(descriptor)
    if len(data) > MAX_BYTES:  # it grew while being read
        return refuse(f"is over the {MAX_BYTES // (1024 * 1024)} MiB limit", "check it is the catalogue")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        col = len(data[data.rfind(b"\n", 0, err.start) + 1:err.start].decode("utf-8", "replace")) + 1
        return refuse(f"not UTF-8 text ({err.reason} at byte {err.start})", "save the file as UTF-8", line, col)


def check_text(text: str, filename: str, *, today: dt.date | None = None, strict: bool = False) -> Checked:
    with yaml_source.collector_paused():  # the rules, too, make many small objects
        return _check_text(text, filename, today=today or dt.date.today(), strict=strict)


def _check_text(text: str, filename: str, *, today: dt.date, strict: bool) -> Checked:
    source = yaml_source.load(text, filename)
    result = Checked(filename)
    if source.fatal:
        for problem in source.problems:
            result.add(problem)
        return _sorted(result)
    for number, problem in enumerate(source.problems):
        path = source.paths.get(number) or (source.path_at(problem.line, problem.col) if problem.rule == "characters" else None)
        result.add(_in_entry(problem, path, source.data))
    # A value the reader refused (an alias, a tag, a number too long) is not reported again by the schema.
    refused = {(p.line, p.col) for p in source.problems}
    for problem in schema_check.check_top_level(source.data, source):
        result.add(problem)
    if not isinstance(source.data, list):
        return _sorted(result)

    data = source.data
    lines = source.entry_lines()
    listed = [rules.Listed(i, e["id"], lines[i]) for i, e in enumerate(data) if isinstance(e, dict) and isinstance(e.get("id"), str)]
    context = rules.Context(
        today=today, ids=frozenset(entry.id for entry in listed), strict=strict,
        status={e["id"]: e.get("status") for e in data if isinstance(e, dict) and isinstance(e.get("id"), str)},
        successor={e["id"]: e["successor"] for e in data if isinstance(e, dict) and isinstance(e.get("id"), str) and isinstance(e.get("successor"), str)},
    )
    for index, entry in enumerate(data):
        for problem in schema_check.check_entry(entry, index, source):
            if (problem.line, problem.col) not in refused:
                result.add(problem)
        if not isinstance(entry, dict):
            continue  # the schema said it is not an entry; no rule can read it
        entry_id = entry.get("id") if isinstance(entry.get("id"), str) else None
        for rule in rules.ENTRY_RULES:
            for finding in rule(entry, context):
                result.add(_place(source, index, entry_id, finding, rule.__name__))
    for rule in rules.CATALOGUE_RULES:
        for index, finding in rule(listed):
            result.add(_place(source, index, data[index]["id"], finding, rule.__name__))
    result.entries = data
    return _sorted(result)


def _in_entry(problem: Problem, path, data) -> Problem:
    """A reader's problem, named by entry and field when it lies inside an entry."""
    if not path or not isinstance(path[0], int) or not isinstance(data, list) or not 0 <= path[0] < len(data):
        return problem
    entry = data[path[0]]
    entry_id = entry.get("id") if isinstance(entry, dict) and isinstance(entry.get("id"), str) else None
    return dataclasses.replace(problem, entry=entry_id, field=format_path(path[1:]))


def _sorted(result: Checked) -> Checked:
    result.problems.sort(key=lambda p: (p.line, p.col))
    return result


def _place(source, index, entry_id, finding, rule_name) -> Problem:
    line, col = source.position((index,) + tuple(finding.path))
    return Problem(source.filename, line, col, entry_id, format_path(finding.path), finding.message, finding.fix, finding.level, rule=rule_name)


def _display_name(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except (ValueError, OSError, RuntimeError):
        return str(path)
