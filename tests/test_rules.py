"""Rules the schema cannot express: phones, order, freshness and the CLI's contract."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from conftest import CATALOGUES, FIXTURE_DAY, ROOT
from signpost import phones
from signpost.catalogue import check_text
from sort_catalogue import sort_text


@pytest.mark.parametrize("number, country", [
    ("116 123", "GB"), ("111", "GB"), ("999", "GB"), ("85258", "GB"), ("0800 58 58 58", "GB"),
    ("0808 808 8000", "GB"), ("0300 123 3393", "GB"), ("116 123", "IE"), ("50808", "IE"),
    ("1800 247 247", "IE"), ("988", "US"), ("13 11 14", "AU"), ("+35318727700", "GB"),
])
def test_real_uk_numbers_short_numbers_and_e164_are_accepted(number, country):
    assert phones.problem(number, country) is None


@pytest.mark.parametrize("number, country, why", [
    ("0800 123", "GB", "not a valid GB"),
    ("12345", "GB", "not a valid GB"),
    ("07700 900123", "GB", "not a valid GB"),  # Ofcom's range for drama: never a real line
    ("+353 1 872 7700", "GB", "E.164"),
    ("0800-58-58-58", "GB", "digits and spaces only"),
    ("(0800) 585858", "GB", "digits and spaces only"),
])
def test_numbers_that_cannot_be_dialled_are_refused(number, country, why):
    assert why in phones.problem(number, country)


def test_relay_uk_prefix_is_understood():
    assert phones.without_relay_prefix("18001 0800 58 58 58") == "0800 58 58 58"


@pytest.mark.parametrize("number, country, href", [
    ("116 123", "GB", "tel:116123"), ("0800 58 58 58", "GB", "tel:+44800585858"), ("+35318727700", "GB", "tel:+35318727700"),
])
def test_tap_to_call_links_dial_the_right_number(number, country, href):
    assert phones.tel_uri(number, country) == href


def entries(*ids: str) -> str:
    """A catalogue of bare entries: the catalogue rules run even though the schema rejects them."""
    return "".join(f"- id: {entry_id}\n" for entry_id in ids)


def catalogue_messages(text: str, rule: str) -> list[str]:
    return [p.format() for p in check_text(text, "x.yaml", today=FIXTURE_DAY).problems if p.rule == rule]


def test_the_order_check_names_only_the_entry_moved_out_of_place():
    text = entries("alpha", "delta", "beta", "charlie", "echo", "foxtrot")
    assert catalogue_messages(text, "check_order") == [
        "x.yaml:2:7: delta id: 'delta' is out of alphabetical order: it belongs before 'echo' (line 5); "
        "move the entry there, or run: python3 scripts/sort_catalogue.py"]


def test_an_entry_moved_to_the_end_is_the_one_named():
    assert [m.split(": ")[0] for m in catalogue_messages(entries("beta", "charlie", "delta", "alpha"), "check_order")] == ["x.yaml:4:7"]


def test_a_duplicate_id_names_both_lines():
    assert catalogue_messages(entries("alpha", "beta", "alpha"), "check_unique_ids") == [
        "x.yaml:3:7: alpha id: duplicate id 'alpha': the entry on line 1 has it too; ids must be unique: rename one or merge the entries"]


def successor_catalogue(*rows) -> str:
    """Entries given as (id, status, successor or None)."""
    return "".join(f"- id: {i}\n  status: {s}\n" + (f"  successor: {n}\n" if n else "") for i, s, n in rows)


def test_a_closed_entry_naming_a_closed_successor_is_told_the_active_one_at_the_end_of_the_chain():
    text = successor_catalogue(("a-old", "closed", "b-older"), ("b-older", "closed", "c-new"), ("c-new", "active", None))
    assert catalogue_messages(text, "check_status") == [
        "x.yaml:3:14: a-old successor: names 'b-older', which is closed too; its own replacement is active: b-older -> c-new; "
        "name the active entry: successor: c-new"]


def test_a_successor_chain_that_ends_nowhere_or_loops_is_an_error():
    text = successor_catalogue(("a-one", "closed", "b-two"), ("b-two", "closed", "a-one"))
    assert [m.split("; ")[0] for m in catalogue_messages(text, "check_status")] == [
        "x.yaml:3:14: a-one successor: names 'b-two', which is closed and leads to no active entry (b-two -> a-one)",
        "x.yaml:6:14: b-two successor: names 'a-one', which is closed and leads to no active entry (a-one -> b-two)"]


def test_a_contact_may_rest_on_an_other_source_when_a_better_one_backs_it(valid_text):
    """'other' with an official second source is fine; 'other' with no kind yet is not judged."""
    text = valid_text.replace("      kind: press\n", "      kind: other\n")
    assert not check_text(text, "x.yaml", today=FIXTURE_DAY).ok
    assert check_text(valid_text, "x.yaml", today=FIXTURE_DAY).ok


def test_sorting_keeps_each_comment_with_its_entry_and_the_header_on_top(valid_text):
    header, _, rest = valid_text.partition("- id: alpha-line")
    alpha, _, beta = rest.partition("- id: beta-forum")
    shuffled = header + "\n# about beta\n- id: beta-forum" + beta.rstrip("\n") + "\n\n# about alpha\n- id: alpha-line" + alpha
    assert not check_text(shuffled, "x.yaml", today=FIXTURE_DAY).ok
    fixed = sort_text(shuffled)
    assert check_text(fixed, "x.yaml", today=FIXTURE_DAY).ok
    assert fixed.startswith(header + "\n# about alpha\n- id: alpha-line\n")
    assert "# about beta\n- id: beta-forum\n" in fixed


def test_the_sort_script_runs_on_a_bare_python_without_the_projects_packages(tmp_path, valid_text):
    path = tmp_path / "catalogue.yaml"
    header, _, rest = valid_text.partition("- id: alpha-line")
    alpha, _, beta = rest.partition("- id: beta-forum")
    path.write_text(header + "- id: beta-forum" + beta + "- id: alpha-line" + alpha, encoding="utf-8")
    run = subprocess.run([sys.executable, "-I", "-S", str(ROOT / "scripts" / "sort_catalogue.py"), str(path)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert check_text(path.read_text(encoding="utf-8"), "x.yaml", today=FIXTURE_DAY).ok


def test_overdue_review_is_a_warning_and_an_error_with_strict(valid_text):
    a_year_later = FIXTURE_DAY + dt.timedelta(days=400)
    relaxed = check_text(valid_text, "x.yaml", today=a_year_later)
    strict = check_text(valid_text, "x.yaml", today=a_year_later, strict=True)
    assert relaxed.ok and any("over 365 days ago" in p.message for p in relaxed.problems)
    assert not strict.ok and any("over 365 days ago" in p.message for p in strict.errors)


def run_validate(*args, cwd=ROOT):
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), *args], capture_output=True, text=True, cwd=cwd)


def test_cli_exits_0_on_a_valid_catalogue():
    run = run_validate(str(CATALOGUES / "valid.yaml"))
    assert run.returncode == 0, run.stderr
    assert "0 errors" in run.stderr


def test_cli_exits_2_on_a_usage_error():
    assert run_validate("--no-such-option").returncode == 2


def test_cli_reports_a_missing_file_without_a_traceback():
    run = run_validate("no-such-file.yaml")
    assert run.returncode == 1
    assert "no-such-file.yaml:1:1: file not found" in run.stderr
    assert "Traceback" not in run.stderr


def charity_without_numbers(valid_text: str) -> str:
    """Both fixture entries become charities with no registered number: two warnings of one kind."""
    text = valid_text.replace("    charity_registrations:\n      - register: ccew\n        number: \"1234567\"\n", "")
    return text.replace("    type: commercial\n", "    type: charity\n")


def test_warnings_are_summarised_once_by_kind_and_left_out_with_errors_only(tmp_path, valid_text):
    path = tmp_path / "c.yaml"
    path.write_text(charity_without_numbers(valid_text), encoding="utf-8")
    summary = run_validate(str(path)).stderr.splitlines()
    assert summary[0] == "2 warnings (run with --all-warnings for each line):"
    assert summary[1].startswith("  2 × provider.type: a charity with no registered number given; look the number up")
    assert summary[1].endswith("Entries: alpha-line, beta-forum")
    every = run_validate("--all-warnings", str(path)).stderr
    assert every.count("warning: ") == 2
    quiet = run_validate("--errors-only", str(path)).stderr
    assert "warning:" not in quiet and "×" not in quiet and quiet.startswith("2 entries checked: 0 errors, 0 warnings (warnings not shown)")


def test_printed_errors_are_capped_with_the_total(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text(entries(*[f"e{n:03d}" for n in range(30)]), encoding="utf-8")
    lines = run_validate("--max-problems", "5", str(path)).stderr.splitlines()
    assert len(lines) == 7
    assert lines[5].startswith("... and ") and "more errors not shown" in lines[5]


def test_pull_request_annotations_cover_only_changed_lines_plus_one_summary(tmp_path, valid_text):
    def git(*args):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    (tmp_path / "c.yaml").write_text(charity_without_numbers(valid_text), encoding="utf-8")
    git("add", "c.yaml")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    changed = charity_without_numbers(valid_text).replace("      value: help@alpha.example.org\n", "      value: help@alpha\n")
    (tmp_path / "c.yaml").write_text(changed, encoding="utf-8")
    run = run_validate("--github", "--base", "HEAD", "c.yaml", cwd=tmp_path)
    annotations = run.stdout.splitlines()
    assert len(annotations) == 2, annotations
    assert annotations[0].startswith("::error file=c.yaml,line=37,col=14::c.yaml:37:14: alpha-line contacts[2].value: 'help@alpha' is not an email address")
    assert annotations[1] == "::error title=Catalogue check::c.yaml: 1 error, 2 warnings; 1 on lines this change touches (annotated), the rest in the log"
