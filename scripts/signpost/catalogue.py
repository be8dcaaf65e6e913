"""Load and check a catalogue file: the one entry point the validator, build and tests share."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from . import rules, schema_check, yaml_source
from .problems import ERROR, Problem, format_path

DEFAULT_CATALOGUE = Path(__file__).resolve().parents[2] / "resources.yaml"


@dataclass
class Checked:
    filename: str
    entries: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == ERROR]

    @property
    def ok(self) -> bool:
        return not self.errors


_cache: dict = {}


def check_file_cached(path: str | Path) -> Checked:
    """check_file, remembered until the file changes: the build script and the MkDocs hook
    run in one process and should not parse a large catalogue twice."""
    path = Path(path).resolve()
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size, dt.date.today())
    if key not in _cache:
        _cache.clear()
        _cache[key] = check_file(path)
    return _cache[key]


def check_file(path: str | Path, *, today: dt.date | None = None, strict: bool = False, display_name: str | None = None) -> Checked:
    path = Path(path)
    name = display_name or _display_name(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Checked(name, problems=[Problem(name, 1, 1, None, "", "file not found", "check the path")])
    except UnicodeDecodeError as err:
        return Checked(name, problems=[Problem(name, 1, 1, None, "", f"not UTF-8 text ({err.reason} at byte {err.start})", "save the file as UTF-8")])
    return check_text(text, name, today=today, strict=strict)


def check_text(text: str, filename: str, *, today: dt.date | None = None, strict: bool = False) -> Checked:
    today = today or dt.date.today()
    source = yaml_source.load(text, filename)
    result = Checked(filename, problems=list(source.problems))
    if source.problems:
        return result
    result.problems += schema_check.check_top_level(source.data, source)
    if result.problems:
        return result

    data = source.data
    named = [(i, e["id"]) for i, e in enumerate(data) if isinstance(e, dict) and isinstance(e.get("id"), str)]
    context = rules.Context(today=today, ids=frozenset(entry_id for _, entry_id in named), strict=strict)
    for index, entry in enumerate(data):
        schema_problems = schema_check.check_entry(entry, index, source)
        result.problems += schema_problems
        if schema_problems:
            continue  # the rules below assume the schema's shape
        for rule in rules.ENTRY_RULES:
            for finding in rule(entry, context):
                result.problems.append(_place(source, index, entry["id"], finding))
    for rule in rules.CATALOGUE_RULES:
        for index, finding in rule(named):
            result.problems.append(_place(source, index, data[index]["id"], finding))
    result.problems.sort(key=lambda p: (p.line, p.col))
    result.entries = data
    return result


def _place(source, index, entry_id, finding) -> Problem:
    line, col = source.position((index,) + tuple(finding.path))
    return Problem(source.filename, line, col, entry_id, format_path(finding.path), finding.message, finding.fix, finding.level)


def _display_name(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
