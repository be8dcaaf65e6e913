"""The shipped catalogue: valid, complete and honest about what it does not know."""
from __future__ import annotations

import pytest

from conftest import ROOT
from signpost.catalogue import check_file
from signpost.schema import labels

CATALOGUE = check_file(ROOT / "resources.yaml", display_name="resources.yaml")
ENTRIES = CATALOGUE.entries
CRITERIA = ("integrity", "security", "utility", "effectiveness")
# Issue "Catalogue foundation": the schema is proven on real data of every kind.
MIN_ENTRIES = 12


def test_the_shipped_catalogue_is_valid():
    assert CATALOGUE.ok, "\n".join(p.format() for p in CATALOGUE.errors)


def test_it_has_real_entries_of_every_kind():
    assert len(ENTRIES) >= MIN_ENTRIES
    kinds = {entry["kind"] for entry in ENTRIES if entry["status"] == "active"}
    missing = set(labels("kind")) - kinds
    assert not missing, f"no active entry of kind: {', '.join(sorted(missing))}"


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["id"] for e in ENTRIES])
def test_every_not_assessed_rating_says_what_is_missing(entry):
    for criterion in CRITERIA:
        rating = entry["evaluation"][criterion]
        if rating["rating"] == "not_assessed":
            assert len(rating["justification"]) >= 20


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["id"] for e in ENTRIES])
def test_every_contact_cites_a_dated_source(entry):
    for contact in entry["contacts"]:
        source = entry["sources"][contact["source"]]
        assert source["url"].startswith(("https://", "http://"))
        assert source["page_date"] and source["checked"]


@pytest.mark.parametrize("entry", [e for e in ENTRIES if e["status"] == "closed"], ids=lambda e: e["id"])
def test_closed_entries_say_why(entry):
    assert entry["status_note"]
