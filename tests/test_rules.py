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


def test_sorting_restores_the_canonical_order_and_keeps_comments(valid_text):
    header, _, rest = valid_text.partition("- id: alpha-line")
    alpha, _, beta = rest.partition("- id: beta-forum")
    shuffled = header + "- id: beta-forum" + beta.rstrip("\n") + "\n# a comment about alpha\n- id: alpha-line" + alpha
    assert not check_text(shuffled, "x.yaml", today=FIXTURE_DAY).ok
    fixed = sort_text(shuffled)
    assert check_text(fixed, "x.yaml", today=FIXTURE_DAY).ok
    assert fixed.startswith(header)
    assert "# a comment about alpha" in fixed


def test_overdue_review_is_a_warning_and_an_error_with_strict(valid_text):
    a_year_later = FIXTURE_DAY + dt.timedelta(days=400)
    relaxed = check_text(valid_text, "x.yaml", today=a_year_later)
    strict = check_text(valid_text, "x.yaml", today=a_year_later, strict=True)
    assert relaxed.ok and any("over 365 days ago" in p.message for p in relaxed.problems)
    assert not strict.ok and any("over 365 days ago" in p.message for p in strict.errors)


def run_validate(*args, env=None):
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), *args], capture_output=True, text=True, cwd=ROOT, env=env)


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


def test_cli_emits_github_annotations_in_actions():
    import os
    env = {**os.environ, "GITHUB_ACTIONS": "true"}
    run = run_validate(str(CATALOGUES / "bad" / "malformed-email.yaml"), env=env)
    assert "::error file=" in run.stdout and ",line=" in run.stdout
