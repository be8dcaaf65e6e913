"""The re-check page puts the oldest evidence first and says how old each entry's evidence is."""
from __future__ import annotations

import datetime as dt

from signpost import maintainers_page

TODAY = dt.date(2026, 11, 29)


def entry(entry_id: str, *page_dates: str) -> dict:
    """An entry with one contact per page date, each confirmed from a single third-party page."""
    sources = {f"s{i}": {"url": f"https://example.org/{i}", "page_date": shown, "checked": "2026-11-29"}
               for i, shown in enumerate(page_dates)}
    contacts = [{"channel": "phone", "value": "0800 000 000", "source": key, "confirmed": "one_source"} for key in sources]
    return {"id": entry_id, "name": entry_id.title(), "contacts": contacts, "sources": sources,
            "last_checked": {"date": "2026-11-29", "by": "tester"}}


def test_an_entry_is_as_fresh_as_its_newest_contact_source():
    assert maintainers_page.newest_contact_source(entry("a", "2019", "2023-05", "undated")) == "2023-05"
    assert maintainers_page.evidence_age_label(entry("a", "2019", "2023-05-02")) == "source dated 2023"


def test_an_entry_whose_contact_sources_are_all_undated_says_so():
    assert maintainers_page.newest_contact_source(entry("a", "undated", "undated")) is None
    assert maintainers_page.evidence_age_label(entry("a", "undated")) == "undated source"


def test_a_source_that_backs_no_contact_does_not_make_the_entry_look_fresh():
    stale = entry("a", "2018")
    stale["sources"]["news"] = {"url": "https://example.org/news", "page_date": "2026", "checked": "2026-11-29"}
    assert maintainers_page.newest_contact_source(stale) == "2018"


def test_the_recheck_list_puts_undated_evidence_first_then_the_oldest():
    page = maintainers_page.render([entry("recent", "2025"), entry("old", "2016"), entry("blank", "undated")], TODAY)
    recheck = page.split("#recheck")[1]
    order = [recheck.index(f">{name}<") for name in ("Blank", "Old", "Recent")]
    assert order == sorted(order)
    assert "(undated source)" in recheck and "(source dated 2016)" in recheck and "(source dated 2025)" in recheck
