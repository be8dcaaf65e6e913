"""Where and when: the order for a place, open now at fixed instants, hours as people write them,
and the data the browser's filters and search read."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import ROOT
from signpost import facets, opening, places, present, search_words
from signpost.catalogue import check_file

ENTRIES = check_file(ROOT / "resources.yaml").entries
UTC = dt.timezone.utc
UK_WIDE = ["GB-ENG", "GB-SCT", "GB-WLS", "GB-NIR"]
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]
EVERY_DAY = WEEKDAYS + ["sat", "sun"]


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=UTC)


def said(hours, areas, instant, place="uk") -> str:
    state = opening.status(hours, areas, at(instant), place)
    zone = opening.ZoneInfo(hours.get("timezone") or opening.UK_ZONE) if hours else UTC
    return opening.describe(state, at(instant).astimezone(zone).replace(tzinfo=None))


def weekly(*periods, **extra) -> dict:
    return {"weekly": [{"days": days, "opens": opens, "closes": closes} for days, opens, closes in periods], **extra}


# ---- Hours as people in the UK write them ------------------------------------------------------

@pytest.mark.parametrize("hours, lines", [
    (weekly((EVERY_DAY + ["bank_holidays"], "17:00", "24:00")), ["Every day, 5pm to midnight", "Bank holidays, 5pm to midnight"]),
    (weekly((WEEKDAYS, "09:00", "17:00")), ["Weekdays, 9am to 5pm"]),
    (weekly((["mon", "tue", "wed", "thu"], "18:00", "02:00"), (["sat", "sun"], "10:00", "12:00")),
     ["Monday to Thursday, 6pm to 2am", "Weekends, 10am to midday"]),
    (weekly((["mon", "wed"], "09:30", "16:00")), ["Monday and Wednesday, 9:30am to 4pm"]),
    ({"always_open": True}, ["24 hours, every day"]),
])
def test_hours_read_as_people_in_the_uk_write_them(hours, lines):
    assert present.hours_lines(hours) == lines


def test_bank_holidays_are_never_read_as_the_only_days_open():
    text = present.hours_text(weekly((EVERY_DAY + ["bank_holidays"], "17:00", "24:00")))
    assert text == "Every day, 5pm to midnight; Bank holidays, 5pm to midnight (UK time)"
    assert "Every day, bank holidays" not in text


def test_irish_hours_say_irish_time():
    assert present.hours_text(weekly((WEEKDAYS, "09:00", "17:00"), timezone="Europe/Dublin")).endswith("(Irish time)")


# ---- Open now -----------------------------------------------------------------------------------

OFFICE = weekly((WEEKDAYS, "09:00", "17:00"))
EVENINGS = weekly((EVERY_DAY + ["bank_holidays"], "19:00", "23:00"))
NIGHTS = weekly((["mon", "tue", "wed", "thu"], "18:00", "02:00"))


def test_an_office_hours_line_is_open_on_a_weekday_morning():
    assert said(OFFICE, UK_WIDE, "2026-12-02T10:30:00") == "Open now — until 5pm"


def test_an_office_hours_line_is_closed_on_a_sunday_night_and_says_when_it_opens():
    assert said(OFFICE, UK_WIDE, "2026-12-06T03:00:00") == "Closed — opens tomorrow 9am"


def test_an_evening_line_before_it_opens_says_it_opens_tonight():
    assert said(EVENINGS, UK_WIDE, "2026-12-02T15:00:00") == "Closed — opens 7pm"
    assert said(EVENINGS, UK_WIDE, "2026-12-02T20:00:00") == "Open now — until 11pm"


def test_a_period_that_crosses_midnight_is_open_in_the_small_hours_of_the_next_day():
    assert said(NIGHTS, UK_WIDE, "2026-12-01T01:00:00") == "Open now — until 2am"  # Tuesday 1am, from Monday's period
    assert said(NIGHTS, UK_WIDE, "2026-12-04T01:00:00") == "Open now — until 2am"  # Friday 1am, from Thursday's
    assert said(NIGHTS, UK_WIDE, "2026-12-05T01:00:00").startswith("Closed")       # Saturday 1am: none on Friday


def test_closing_at_24_00_runs_into_the_next_days_opening_at_midnight():
    hours = weekly((["fri"], "18:00", "24:00"), (["sat"], "00:00", "06:00"))
    assert said(hours, UK_WIDE, "2026-12-04T23:00:00") == "Open now — until 6am"


def test_uk_time_follows_the_october_clock_change():
    # 2026-10-25: clocks go back at 02:00 BST. 08:30 UTC is 9:30am on the Saturday (BST), 8:30am on the Monday (GMT).
    daily = weekly((EVERY_DAY, "09:00", "17:00"))
    assert said(daily, UK_WIDE, "2026-10-24T08:30:00") == "Open now — until 5pm"
    assert said(OFFICE, UK_WIDE, "2026-10-26T08:30:00") == "Closed — opens 9am"
    assert said(OFFICE, UK_WIDE, "2026-10-23T16:30:00") == "Closed — opens Mon 9am"  # Friday 5:30pm BST

def test_a_bank_holiday_in_scotland_is_not_one_in_england():
    # Monday 30 November 2026 is St Andrew's Day: a bank holiday in Scotland only.
    assert said(OFFICE, ["GB-SCT"], "2026-11-30T10:00:00") == "Hours not known"
    assert said(OFFICE, ["GB-ENG"], "2026-11-30T10:00:00") == "Open now — until 5pm"
    assert said(OFFICE, UK_WIDE, "2026-11-30T10:00:00", place="sct") == "Hours not known"
    assert said(OFFICE, UK_WIDE, "2026-11-30T10:00:00", place="eng") == "Open now — until 5pm"


def test_hours_that_include_bank_holidays_apply_on_them():
    assert said(EVENINGS, ["GB-SCT"], "2026-11-30T20:00:00") == "Open now — until 11pm"


def test_irish_services_keep_irish_time_and_irish_holidays():
    dublin = weekly((WEEKDAYS, "09:00", "17:00"), timezone="Europe/Dublin")
    assert said(dublin, ["IE"], "2026-10-26T10:00:00") == "Hours not known"  # October public holiday in Ireland
    assert said(dublin, ["IE"], "2026-10-27T10:00:00") == "Open now — until 5pm"


def test_no_hours_means_hours_not_known():
    assert said(None, UK_WIDE, "2026-12-02T10:30:00") == "Hours not known"


def test_the_build_warns_when_bank_holidays_run_out_within_six_months():
    assert opening.expiry_warnings(dt.date(2026, 11, 29)) == []
    warnings = opening.expiry_warnings(dt.date(2027, 8, 1))
    assert len(warnings) == len(opening.calendars())
    assert "bank_holidays.yaml" in warnings[0] and "https://www.gov.uk/bank-holidays" in warnings[0]


def test_every_calendar_names_its_official_source():
    for key, calendar in opening.calendars().items():
        assert calendar["source"].startswith(("https://www.gov.uk/", "https://www.citizensinformation.ie/")), key
        assert calendar["dates"] == sorted(calendar["dates"]), key


# ---- The order for a place -----------------------------------------------------------------------

def groups_for(place, topic="crisis"):
    listed = [e for e in facets.name_order(ENTRIES) if topic in e["audience"]["topics"]]
    return places.ordered_entries(listed, place)


def test_uk_wide_lists_put_uk_services_first_and_other_countries_last_under_their_own_label():
    grouped = groups_for("uk")
    assert grouped[0][0] == places.UK_WIDE
    assert grouped[-1][0] == places.OUTSIDE
    assert places.group_label(places.OUTSIDE) == "Outside the UK"
    first = grouped[0][1][0]
    assert places.is_uk_wide(first["audience"]["areas"])


@pytest.mark.parametrize("place, area", [("eng", "GB-ENG"), ("sct", "GB-SCT"), ("wls", "GB-WLS"), ("nir", "GB-NIR"), ("roi", "IE")])
def test_a_nations_own_services_come_first(place, area):
    grouped = groups_for(place)
    assert grouped[0][0] == places.OWN
    assert all(area in e["audience"]["areas"] for e in grouped[0][1])


def test_outside_the_uk_the_countrys_services_then_outside_the_uk_come_before_uk_services():
    keys = [key for key, _ in groups_for("es")]
    assert keys[0] == places.OWN
    assert keys.index(places.OUTSIDE) < keys.index(places.UK_WIDE)


def test_within_a_group_24_7_free_crisis_and_open_to_everyone_come_before_the_rest():
    items = [
        {"areas": UK_WIDE, "free": True, "crisis": True, "everyone": True, "name": "B office", "hours": OFFICE},
        {"areas": UK_WIDE, "free": False, "crisis": True, "everyone": True, "name": "A paid", "hours": {"always_open": True}},
        {"areas": UK_WIDE, "free": True, "crisis": True, "everyone": True, "name": "Z always", "hours": {"always_open": True}},
        {"areas": UK_WIDE, "free": True, "crisis": True, "everyone": False, "name": "C group", "hours": {"always_open": True}},
    ]
    [(key, ordered)] = places.order(items)
    assert [i["name"] for i in ordered] == ["Z always", "C group", "A paid", "B office"]


# ---- The browser's data ---------------------------------------------------------------------------

def test_each_filter_bitset_holds_exactly_the_entries_with_that_value():
    listed = facets.name_order(ENTRIES)
    files = facets.files(listed)
    index = json.loads(files[f"{facets.FOLDER}/index.json"])
    blob = files[f"{facets.FOLDER}/facets.bin"]
    width = (len(listed) + 7) // 8
    offset = 0
    for facet in index["facets"]:
        for value, _ in facet["values"]:
            if facet["key"] == "open" and value == present.OPEN_NOW:
                continue
            bits = blob[offset:offset + width]
            offset += width
            members = {i for i in range(len(listed)) if bits[i // 8] >> (i % 8) & 1}
            assert members == {i for i, e in enumerate(listed) if value in present.filters(e)[facet["key"]]}, (facet["key"], value)
    assert offset == len(blob)


def test_language_and_rating_filters_cover_the_data():
    values = present.filter_values()
    assert "cy" in values["language"] and "bsl" in values["language"]
    assert values["rated"]["security"] == "Security and privacy rated good or adequate"


def test_phone_numbers_are_found_as_dialled():
    samaritans = next(e for e in ENTRIES if e["id"] == "samaritans")
    assert "116123" in search_words.phone_tokens(samaritans)


def test_synonyms_reach_the_filter_values_people_mean():
    words = search_words.value_words(present.filter_values())
    assert ("topic", "crisis") in words["suicidal"]
    assert ("topic", "lgbtq") in words["lgbt"]
    assert ("group", "young_people") in words["kids"]
