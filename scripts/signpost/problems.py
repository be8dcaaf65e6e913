"""What a check found, and how it is shown to a maintainer.

Every message reads `file:line:col: <entry id> <field path>: <what is wrong>; <how to fix it>`,
the form editors and CI annotate, so a maintainer can jump straight to it.
"""
from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    col: int
    entry: str | None
    field: str
    message: str
    fix: str
    level: str = ERROR
    rule: str = ""  # the check that found it, so warnings can be summarised by kind
    stops_reading: bool = False  # the file could not be read past this point

    def format(self) -> str:
        where = " ".join(_visible(part) for part in (self.entry or "", self.field) if part)
        prefix = "warning: " if self.level == WARNING else ""
        text = f"{self.file}:{self.line}:{self.col}: {prefix}"
        if where:
            text += f"{where}: "
        text += _visible(self.message)
        if self.fix:
            text += f"; {_visible(self.fix)}"
        return text

    def annotation(self) -> str:
        """A GitHub Actions workflow command, so the problem shows on the pull request diff."""
        kind = "warning" if self.level == WARNING else "error"
        body = self.format().replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{kind} file={self.file},line={self.line},col={self.col}::{body}"


def format_path(path) -> str:
    """('contacts', 0, 'value') -> 'contacts[0].value'."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _visible(text: str) -> str:
    """Text for one line of output: line breaks and other invisible characters written as escapes."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape", "backslashreplace").decode("ascii") for c in text)
