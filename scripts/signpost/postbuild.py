"""What the build does to the engine's output: the same for every engine.

It puts the generated HTML back where staging left numbered comments, fills hand-written
pages' contact placeholders, checks each generated page kept its title (a page whose front
matter the engine could not read fails the build), refuses any inline script, adds the
Content-Security-Policy to every page and writes the host's _headers file.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from . import csp, placeholders
from .staging import FRAGMENT, Staged

# Both patterns start with a literal "<" (not an optional group), so re can skip ahead to each "<"
# instead of trying every position: 25 times faster over a large site.
FRAGMENT_IN_HTML = re.compile(r"<(?:p>\s*<)?!-- signpost:fragment (\d+) -->(?:\s*</p>)?")
TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)
TASK_CHECKBOX = re.compile(r'<input type="checkbox" disabled(?:="disabled")?(?=[ />])')


class BuildError(Exception):
    """A problem in the built site that must stop the build; the message says where."""


def finish(site: Path, staged: Staged, entries_by_id: dict) -> int:
    problems: list[str] = []
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        relative = page.relative_to(site).as_posix()
        text = page.read_text(encoding="utf-8")
        text = _put_back(text, staged.fragments.get(relative, []), relative, problems)
        text = placeholders.fill(text, entries_by_id, _root(relative))
        text = printable_checklists(text)
        _check_title(text, staged.titles.get(relative), relative, problems)
        problems += csp.inline_script_problems(text, relative)
        page.write_text(csp.add_policy(text), encoding="utf-8")
    missing = sorted(set(staged.fragments) - {p.relative_to(site).as_posix() for p in pages})
    problems += [f"{path}: the engine wrote no page for this generated file" for path in missing if staged.fragments[path]]
    if problems:
        raise BuildError("\n".join(problems))
    (site / "_headers").write_text(csp.headers_file(), encoding="utf-8")
    return len(pages)


def _put_back(text: str, fragments: list[str], relative: str, problems: list[str]) -> str:
    used = set()

    def swap(match):
        number = int(match.group(1))
        used.add(number)
        return fragments[number] if number < len(fragments) else match.group(0)

    text = FRAGMENT_IN_HTML.sub(swap, text)
    if len(used) != len(fragments):
        problems.append(f"{relative}: {len(fragments) - len(used)} generated block(s) did not reach the page "
                        f"(the engine dropped the {FRAGMENT.format('N')} marker)")
    return text


def _check_title(text: str, expected: str | None, relative: str, problems: list[str]) -> None:
    if expected is None:
        return
    found = TITLE.search(text)
    shown = html.unescape(found.group(1)).strip() if found else ""
    if not shown.startswith(html.unescape(expected)):
        problems.append(f"{relative}: the page is titled {shown!r}, not {html.unescape(expected)!r}: "
                        "the engine could not read its front matter")


def _root(relative: str) -> str:
    return "../" * relative.count("/")


def printable_checklists(text: str) -> str:
    """Checklists' boxes are for ticking on paper: hide them from assistive technology, which
    reads each item as a plain list item (an unlabelled form control would be announced instead)."""
    return TASK_CHECKBOX.sub('<input type="checkbox" disabled aria-hidden="true" tabindex="-1"', text)
