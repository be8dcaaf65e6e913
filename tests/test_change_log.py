"""The change history's checks: within a file, and a pull request compared with its base branch."""
from __future__ import annotations

import copy
import os
import subprocess
import sys

import pytest

from conftest import CATALOGUES, FIXTURE_DAY, ROOT
from signpost import change_log
from signpost.catalogue import check_file, check_text

BASE = check_file(CATALOGUES / "valid.yaml", today=FIXTURE_DAY).entries


def head_with(change=None, **edits):
    head = copy.deepcopy(BASE)
    alpha = head[0]
    for path, value in edits.items():
        target = alpha
        *parents, last = path.split("__")
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value
    if change:
        alpha.setdefault("changes", []).append(change)
    return head


def findings(head, base=BASE):
    return [(entry_id, message) for entry_id, _, message, _ in change_log.compare(base, head)]


def test_an_unchanged_catalogue_needs_no_new_change():
    assert findings(copy.deepcopy(BASE)) == []


def test_a_changed_number_needs_a_contact_change():
    head = head_with(contacts__1__value="85259")
    assert findings(head) == [("alpha-line", "contacts changed (removed Text ALPHA to 85258; added Text ALPHA to 85259), but no new 'contact' item in changes")]
    assert findings(head_with({"date": "2026-11-20", "type": "contact", "summary": "New text number."}, contacts__1__value="85259")) == []


def test_changed_hours_need_an_hours_change():
    head = head_with(contacts__1__hours={"always_open": True})
    assert findings(head) == [("alpha-line", "hours of Text ALPHA to 85258 changed, but no new 'hours' item in changes")]
    assert findings(head_with({"date": "2026-11-20", "type": "hours", "summary": "Now open 24/7."}, contacts__1__hours={"always_open": True})) == []


def test_a_closure_needs_a_closed_change_and_a_rating_change_a_rating_change():
    head = head_with(status="closed", status_note="Closed in 2026.")
    head[0]["evaluation"]["utility"]["rating"] = "concerns"
    assert [m for _, m in findings(head)] == [
        "status changed from active to closed, but no new 'closed' item in changes",
        "utility rating changed from good to concerns, but no new 'rating' item in changes",
    ]


def test_a_new_entry_needs_an_added_change():
    assert findings(BASE, base=BASE[1:]) == [("alpha-line", "is a new entry, but no new 'added' item in changes")]


def test_a_removed_entry_is_refused():
    assert findings(BASE[1:]) == [(None, "entry 'alpha-line' was removed")]


def test_merged_changes_stay_but_their_wording_may_be_improved():
    base = head_with({"date": "2026-11-20", "type": "hours", "summary": "Now open later."})
    reworded = copy.deepcopy(base)
    reworded[0]["changes"][0]["summary"] = "Text service now open until 18:00."
    assert findings(reworded, base=base) == []
    removed = copy.deepcopy(base)
    del removed[0]["changes"]
    assert findings(removed, base=base) == [("alpha-line", "the hours change of 2026-11-20 was removed or redated")]


def test_change_dates_must_be_real_past_and_in_order():
    text = (CATALOGUES / "valid.yaml").read_text(encoding="utf-8").replace(
        "    date: 2026-11-01\n    by: tester\n- id: beta-forum",
        "    date: 2026-11-01\n    by: tester\n  changes:\n    - date: 2026-11-20\n      type: added\n      summary: Added to the catalogue.\n"
        "    - date: 2026-11-02\n      type: hours\n      summary: Text line hours corrected.\n"
        "    - date: 2027-01-01\n      type: rating\n      summary: Rated again from a new study.\n- id: beta-forum", 1)
    messages = [p.format() for p in check_text(text, "history.yaml", today=FIXTURE_DAY).errors]
    assert any("alpha-line changes[1].date: 2026-11-02 comes after a change dated 2026-11-20; keep changes oldest first" in m for m in messages), messages
    assert any("alpha-line changes[2].date: 2027-01-01 is in the future" in m for m in messages), messages


def test_a_one_line_summary_is_required():
    text = (CATALOGUES / "valid.yaml").read_text(encoding="utf-8").replace(
        "    date: 2026-11-01\n    by: tester\n- id: beta-forum",
        "    date: 2026-11-01\n    by: tester\n  changes:\n    - date: 2026-11-20\n      type: added\n      summary: \"Two\\nlines here.\"\n- id: beta-forum", 1)
    assert any("changes[0].summary" in p.format() for p in check_text(text, "history.yaml", today=FIXTURE_DAY).errors)


@pytest.fixture
def repository(tmp_path):
    """A git repository whose base commit holds the valid fixture."""
    def git(*args):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    (tmp_path / "resources.yaml").write_text((CATALOGUES / "valid.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    git("add", "resources.yaml")
    git("-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "-q", "-m", "base")
    return tmp_path


def test_validate_with_base_names_the_unrecorded_change_with_its_line(repository):
    catalogue = repository / "resources.yaml"
    catalogue.write_text(catalogue.read_text(encoding="utf-8").replace('            closes: "17:00"\n', '            closes: "18:00"\n', 1), encoding="utf-8")
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), "--base", "main", "--quiet", str(catalogue)],
                         capture_output=True, text=True, cwd=repository)
    assert run.returncode == 1
    assert "resources.yaml:32:7:" in run.stderr  # the changed contact's hours
    assert "alpha-line contacts[1].hours: hours of Text ALPHA to 85258 changed, but no new 'hours' item in changes; add an item" in run.stderr


def test_validate_with_an_unknown_base_says_how_to_fetch_it(repository):
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), "--base", "origin/nowhere", "--quiet", str(repository / "resources.yaml")],
                         capture_output=True, text=True, cwd=repository)
    assert run.returncode == 1 and "cannot read resources.yaml at 'origin/nowhere'" in run.stderr and "git fetch" in run.stderr



def test_backfill_dates_each_entry_from_the_commit_that_added_it(tmp_path):
    import backfill_changes

    text = (CATALOGUES / "valid.yaml").read_text(encoding="utf-8")
    catalogue = tmp_path / "resources.yaml"
    catalogue.write_text(text[:text.index("- id: beta-forum")], encoding="utf-8")  # alpha-line only
    dated = {"GIT_AUTHOR_DATE": "2026-03-04T10:00:00+00:00", "GIT_COMMITTER_DATE": "2026-03-04T10:00:00+00:00"}
    for args in (["init", "-q"], ["add", "resources.yaml"], ["-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "alpha"]):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True, env={**os.environ, **dated})
    catalogue.write_text(text, encoding="utf-8")  # beta-forum added but not committed
    assert backfill_changes.main([str(catalogue)]) == 0
    alpha, beta = check_file(catalogue, today=FIXTURE_DAY).entries
    assert alpha["changes"] == [{"date": "2026-03-04", "type": "added", "summary": "Added to the catalogue."}]
    assert "changes" not in beta  # git has never seen it: nothing is guessed
