"""The change history's rules: each entry's own `changes`, and what a pull request must record.

A therapist who recommended a service needs to hear when it closed or its number changed, so
the history lives in the catalogue itself (it survives a shallow clone, unlike git log). Two
checks keep it honest:

- check_change_history (an entry rule): dates real, not in the future, oldest first.
- check_against_base: comparing a pull request's catalogue with the base branch's, every new
  entry, changed contact, changed hours, changed status and changed rating needs a new item in
  that entry's `changes`; items already merged stay; entries are never deleted.
"""
from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from . import freshness, present, yaml_source
from .problems import ERROR, Problem, format_path

# The kind of change a pull request must record for each difference, and the kinds accepted for it.
STATUS_CHANGE = {"closed": "closed", "paused": "paused", "active": "reopened"}
NUMBER_FIELDS = ("channel", "value", "keyword", "country", "label")
HOW_TO_ADD = "add an item to the entry's `changes`: - date: YYYY-MM-DD, type: {kind}, summary: one line saying what changed and why"


@dataclass(frozen=True)
class Needed:
    """A difference from the base branch that a new `changes` item must record."""

    path: tuple
    what: str
    kinds: frozenset


# ---- within one file -----------------------------------------------------------------------

def check_change_history(entry, ctx):
    from .rules import Finding  # imported here: rules registers this check, so it imports this module

    previous = None
    for index, change in enumerate(entry.get("changes", [])):
        day = freshness.parse_date(change["date"])
        where = ("changes", index, "date")
        if day is None:
            yield Finding(where, f"'{change['date']}' is not a real date", "write a calendar date as YYYY-MM-DD")
            continue
        if day > ctx.today:
            yield Finding(where, f"{day} is in the future", "give the day the change was made")
        if previous is not None and day < previous:
            yield Finding(where, f"{day} comes after a change dated {previous}", "keep changes oldest first: add new items at the end")
        previous = day


# ---- against the base branch ---------------------------------------------------------------

def differences(base: dict | None, head: dict) -> list[Needed]:
    """What changed in one entry since the base branch, each with the kinds of change that record it."""
    if base is None:
        return [Needed(("id",), "is a new entry", frozenset({"added"}))]
    needed = []
    if base["status"] != head["status"]:
        needed.append(Needed(("status",), f"status changed from {base['status']} to {head['status']}",
                             frozenset({STATUS_CHANGE[head["status"]]})))
    base_contacts = {_contact_key(c): c for c in base["contacts"]}
    head_contacts = {_contact_key(c): c for c in head["contacts"]}
    gone = [c for key, c in base_contacts.items() if key not in head_contacts]
    new = [c for key, c in head_contacts.items() if key not in base_contacts]
    if gone or new:
        said = "; ".join([f"removed {present.contact_text(c)}" for c in gone] + [f"added {present.contact_text(c)}" for c in new])
        needed.append(Needed(("contacts",), f"contacts changed ({said})", frozenset({"contact"})))
    for index, contact in enumerate(head["contacts"]):
        before = base_contacts.get(_contact_key(contact))
        if before is not None and before.get("hours") != contact.get("hours"):
            needed.append(Needed(("contacts", index, "hours"), f"hours of {present.contact_text(contact)} changed", frozenset({"hours"})))
    for criterion in present.CRITERIA:
        was, now = base["evaluation"][criterion]["rating"], head["evaluation"][criterion]["rating"]
        if was != now:
            needed.append(Needed(("evaluation", criterion, "rating"), f"{criterion} rating changed from {was} to {now}", frozenset({"rating"})))
    if _harms(base) != _harms(head):
        needed.append(Needed(("evaluation", "harms"), "harms changed", frozenset({"rating"})))
    return needed


def _contact_key(contact: dict) -> tuple:
    return tuple(contact.get(name) for name in NUMBER_FIELDS)


def _harms(entry: dict) -> set:
    return {(h["type"], h["severity"]) for h in entry["evaluation"]["harms"]}


def _change_key(change: dict) -> tuple:
    """Items are matched by date and kind, so fixing a summary's wording is not a new change."""
    return (str(change.get("date")), change.get("type"))


def compare(base_entries: list[dict], head_entries: list[dict]):
    """Yield (entry id or None, path, message, fix) for every change the head fails to record."""
    base_by_id = {e["id"]: e for e in base_entries if isinstance(e, dict) and "id" in e}
    head_ids = set()
    for head in head_entries:
        head_ids.add(head["id"])
        base = base_by_id.get(head["id"])
        old = [_change_key(c) for c in (base or {}).get("changes", [])]
        current = [_change_key(c) for c in head.get("changes", [])]
        for key in old:
            if key not in current:
                yield head["id"], ("changes",), f"the {key[1]} change of {key[0]} was removed or redated", \
                    "changes already merged stay as they are: put the item back (its summary may be reworded)"
        fresh = {key[1] for key in current if key not in old}
        for needed in differences(base, head):
            if not fresh & needed.kinds:
                kind = sorted(needed.kinds)[0]
                yield head["id"], needed.path, f"{needed.what}, but no new '{kind}' item in changes", HOW_TO_ADD.format(kind=kind)
    for entry_id in base_by_id:
        if entry_id not in head_ids:
            yield None, (), f"entry '{entry_id}' was removed", \
                "keep it with status: closed, a status_note and (where there is one) a successor, and add a 'closed' item to its changes"


def check_against_base(path: str | Path, ref: str, display_name: str | None = None) -> list[Problem]:
    """Problems with `path` as changed since git revision `ref` (e.g. origin/main)."""
    path = Path(path)
    name = display_name or str(path)
    base_text = base_file(path, ref)
    if base_text is None:
        return [Problem(name, 1, 1, None, "", f"cannot read {path.name} at '{ref}' from git",
                        f"fetch the base branch first (git fetch --depth=1 origin {ref.split('/')[-1]}) or check the name")]
    head = yaml_source.load(path.read_text(encoding="utf-8"), name)
    base = yaml_source.load(base_text, f"{ref}:{path.name}")
    if head.problems or base.problems or not isinstance(head.data, list) or not isinstance(base.data, list):
        return []  # the validator reports a file it cannot read; there is nothing to compare
    return problems_between(base.data, head, name)


def problems_between(base_entries: list[dict], head: yaml_source.Source, name: str) -> list[Problem]:
    index_of = {e["id"]: i for i, e in enumerate(head.data) if isinstance(e, dict) and "id" in e}
    problems = []
    for entry_id, where, message, fix in compare(base_entries, [e for e in head.data if isinstance(e, dict) and "id" in e]):
        line, col = head.position((index_of[entry_id],) + tuple(where)) if entry_id else (1, 1)
        problems.append(Problem(name, line, col, entry_id, format_path(where), message, fix, ERROR))
    return problems


def base_file(path: Path, ref: str) -> str | None:
    """The file as it is at git revision `ref`; '' when it did not exist there yet."""
    folder = path.resolve().parent
    run = subprocess.run(["git", "show", f"{ref}:./{path.name}"], cwd=folder, capture_output=True, text=True)
    if run.returncode == 0:
        return run.stdout
    exists = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd=folder, capture_output=True, text=True)
    return "[]\n" if exists.returncode == 0 else None
