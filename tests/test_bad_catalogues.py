"""Each file in catalogues/bad breaks the valid fixture in one way and says, in its header,
which line, field and message the validator must report."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CATALOGUES, ROOT

BAD = sorted((CATALOGUES / "bad").glob("*.yaml"))
HEADER = re.compile(r"^# expect-(line-of|field|message): ?(.*)$", re.MULTILINE)


def expectations(path: Path) -> dict:
    return dict(HEADER.findall(path.read_text(encoding="utf-8")))


def expected_line(path: Path, marker: str) -> int | None:
    """The line the header points at: the n-th line whose text starts with the marker ('text|n')."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if marker == "AT1":
        return 1
    if marker == "AT_ERRORLINE":
        return None  # a syntax error's line is wherever the parser gives up
    text, _, nth = marker.partition("|")
    hits = [number for number, line in enumerate(lines, start=1) if line.strip().startswith(text.strip()) and not line.startswith("# expect")]
    return hits[int(nth or 1) - 1]


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_catalogue_is_reported_at_the_right_line_and_field(path, check):
    expect = expectations(path)
    result = check(path)
    assert not result.ok, "the validator accepted a broken catalogue"
    matching = [p for p in result.errors if expect["message"] in p.format()]
    assert matching, f"no message containing {expect['message']!r}; got:\n" + "\n".join(p.format() for p in result.problems)
    problem = matching[0]
    line = expected_line(path, expect["line-of"])
    if line is not None:
        assert problem.line == line, problem.format()
    assert problem.field == expect["field"], problem.format()
    assert problem.format().startswith(f"{path.name}:{problem.line}:{problem.col}: ")
    assert "; " in problem.format(), "every message ends with how to fix it"


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_cli_exits_1_with_a_message_and_no_traceback(path):
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), str(path)], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr + run.stdout
    assert expectations(path)["message"] in run.stderr
