"""Who, where, now — in a real Chromium: lists ordered for a place, open now at fixed instants,
filter counts, a search that forgives, and the click that used to be lost."""
from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from conftest import ROOT
from signpost import facets, opening, places, present
from signpost.catalogue import check_file
from test_browser import pytestmark, settle  # noqa: F401  (pytestmark: the same skip rule; fixtures are in conftest.py)

ENTRIES = facets.name_order(check_file(ROOT / "resources.yaml").entries)
BY_ID = {e["id"]: e for e in ENTRIES}
PLACES = ["uk", "eng", "sct", "wls", "nir", "roi", "es"]
# Fixed instants (UTC): a weekday daytime, a weekend night, either side of the October clock
# change, St Andrew's Day (a bank holiday in Scotland only), and a small hour after a late period.
INSTANTS = {
    "wednesday 10:30": "2026-12-02T10:30:00Z",
    "sunday 03:00": "2026-12-06T03:00:00Z",
    "saturday before the clocks go back": "2026-10-24T17:30:00Z",
    "monday after the clocks go back": "2026-10-26T17:30:00Z",
    "st andrew's day": "2026-11-30T10:30:00Z",
    "tuesday 01:00": "2026-12-01T01:00:00Z",
}


def open_at(page, url: str, instant: str):
    page.clock.set_fixed_time(instant)
    page.goto(url)
    settle(page)


def card_ids(page, scope: str) -> list[str]:
    return page.eval_on_selector_all(f"{scope} .sp-card", "cards => cards.map(c => c.dataset.id)")


def expected_state(entry: dict, instant: str, place: str) -> str:
    moment = dt.datetime.fromisoformat(instant.replace("Z", "+00:00"))
    state = opening.entry_status(facets.entry_hours(entry), entry["audience"]["areas"], moment, place)
    local = moment.astimezone(opening.ZoneInfo(opening.UK_ZONE)).replace(tzinfo=None)
    return opening.describe(state, local)


# ---- Where ------------------------------------------------------------------------------------

@pytest.mark.parametrize("place", PLACES)
def test_crisis_topic_page_lists_the_places_own_services_first(page, site_url, place):
    open_at(page, f"{site_url}topics/crisis/?place={place}", INSTANTS["wednesday 10:30"])
    ids = card_ids(page, ".sp-topic")
    first = BY_ID[ids[0]]
    groups = page.eval_on_selector_all(".sp-topic h2.sp-group", "hs => hs.map(h => h.textContent)")
    if place == "uk":
        assert places.is_uk_wide(first["audience"]["areas"]) and groups[0] == "UK-wide"
    else:
        assert places.area_of(place) in first["audience"]["areas"]
    assert "Outside the UK" in groups
    outside_first = groups.index("Outside the UK") < groups.index("UK-wide")
    assert outside_first == (not places.in_uk(place))
    assert sorted(ids) == sorted(e["id"] for e in ENTRIES if "crisis" in e["audience"]["topics"])


def test_without_a_choice_the_static_order_is_the_uk_wide_order(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "topics/crisis/")
    ids = card_ids(page, ".sp-topic")
    context.close()
    expected = [e["id"] for _, group in places.ordered_entries([e for e in ENTRIES if "crisis" in e["audience"]["topics"]]) for e in group]
    assert ids == expected


@pytest.mark.parametrize("place", ["uk", "sct", "es"])
def test_search_results_are_ordered_for_the_place(page, site_url, place):
    open_at(page, f"{site_url}search/?place={place}", INSTANTS["wednesday 10:30"])
    page.fill("#sp-site-q", "suicidal")
    page.wait_for_selector(".sp-search-resources .sp-card")
    first = BY_ID[card_ids(page, ".sp-search-resources")[0]]
    if place == "uk":
        assert places.is_uk_wide(first["audience"]["areas"])
    else:
        assert places.area_of(place) in first["audience"]["areas"]


def test_the_place_is_carried_on_internal_links_and_kept_by_the_chooser(page, site_url):
    open_at(page, f"{site_url}topics/crisis/?place=sct", INSTANTS["wednesday 10:30"])
    href = page.get_attribute(".sp-count a", "href")
    assert "place=sct" in href
    page.select_option("#sp-place", "wls")
    assert "place=wls" in page.url
    assert "place=wls" in page.get_attribute(".sp-count a", "href")
    assert places.area_of("wls") in BY_ID[card_ids(page, ".sp-topic")[0]]["audience"]["areas"]


# ---- Open now ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name", INSTANTS)
def test_open_now_on_the_crisis_page_agrees_with_the_rule_at_fixed_instants(page, site_url, name):
    place = "sct" if name == "st andrew's day" else "uk"
    open_at(page, f"{site_url}topics/crisis/?place={place}", INSTANTS[name])
    shown = page.eval_on_selector_all(".sp-topic .sp-card", """cards => cards.map(c => [c.dataset.id,
        (c.querySelector('.sp-open-state') || {}).textContent || null])""")
    checked = 0
    for entry_id, text in shown:
        if text is None:
            continue  # 24/7: the card says "Open 24/7" and has no hours line
        assert text == expected_state(BY_ID[entry_id], INSTANTS[name], place), entry_id
        checked += 1
    assert checked


def test_a_bank_holiday_in_one_nation_is_not_one_in_another(page, site_url):
    weekday_only = [e for e in ENTRIES if facets.entry_hours(e) and not any(
        "bank_holidays" in p["days"] for h in facets.entry_hours(e) for p in h.get("weekly", []))
        and not any(h.get("always_open") for h in facets.entry_hours(e)) and "GB-SCT" in e["audience"]["areas"]
        and "GB-ENG" in e["audience"]["areas"]]
    assert weekday_only, "the catalogue has a weekday-only service in Scotland and England"
    entry = weekday_only[0]
    topic = entry["audience"]["topics"][0].replace("_", "-")
    states = {}
    for place in ("sct", "eng"):
        open_at(page, f"{site_url}topics/{topic}/?place={place}", INSTANTS["st andrew's day"])
        states[place] = page.text_content(f'.sp-card[data-id="{entry["id"]}"] .sp-open-state')
    assert states["sct"] != states["eng"]
    assert states["sct"] == "Hours not known"


def test_open_now_filter_leaves_only_services_open_at_that_moment(page, site_url):
    open_at(page, f"{site_url}directory/?open=now", INSTANTS["sunday 03:00"])
    page.wait_for_selector("[data-sp-results] .sp-card")
    show_all(page)
    ids = set(card_ids(page, "[data-sp-results]"))
    expected = {e["id"] for e in ENTRIES if expected_state(e, INSTANTS["sunday 03:00"], "uk").startswith("Open now")}
    assert ids == expected


# ---- Facets that count ------------------------------------------------------------------------

def show_all(page):
    while page.is_visible("[data-sp-more]"):
        before = page.locator("[data-sp-results] .sp-card").count()
        page.click("[data-sp-more]")
        # (wait_for_function would evaluate a string, which the site's CSP rightly refuses)
        page.locator("[data-sp-results] .sp-card").nth(before).wait_for()


def test_each_filter_value_shows_how_many_resources_it_would_leave(page, site_url):
    open_at(page, f"{site_url}directory/?topic=crisis", INSTANTS["wednesday 10:30"])
    page.wait_for_selector("[data-sp-results] .sp-card")
    crisis = [e for e in ENTRIES if "crisis" in e["audience"]["topics"]]
    for key in ("nation", "kind", "language", "channel", "rated"):
        shown = page.eval_on_selector_all(f'input[name="{key}"]', """boxes => boxes.map(b => [b.value,
            b.closest('label').hidden, b.closest('label').querySelector('[data-sp-n]').textContent])""")
        for value, hidden, count in shown:
            expected = sum(1 for e in crisis if value in present.filters(e)[key])
            if expected:
                assert not hidden and count == f"({expected})", (key, value)
            else:
                assert hidden, (key, value)
    # Within the topic filter itself, a value counts what it would add to the other choices.
    topic_count = page.text_content('input[name="topic"][value="anxiety"] ~ [data-sp-n]')
    assert topic_count == f"({sum(1 for e in ENTRIES if 'anxiety' in e['audience']['topics'])})"


def test_a_filter_with_no_resources_is_not_offered(page, site_url):
    open_at(page, f"{site_url}directory/", INSTANTS["wednesday 10:30"])
    page.wait_for_selector("[data-sp-results] .sp-card")
    used = {c["channel"] for e in ENTRIES if e["status"] == "active" for c in e["contacts"]}
    page.locator('details.sp-filter:has(input[name="channel"]) > summary').click()
    for channel in ("ios_app", "android_app", "bsl_video", "phone"):
        box = page.locator(f'input[name="channel"][value="{channel}"]')
        assert box.is_visible() == (channel in used), channel


# ---- Search that forgives ---------------------------------------------------------------------

def search(page, site_url, words, where="search/"):
    open_at(page, site_url + where, INSTANTS["wednesday 10:30"])
    page.fill("#sp-site-q", words)
    page.locator(".sp-count", has_text="service").wait_for()
    page.wait_for_load_state("networkidle")
    return card_ids(page, ".sp-search-resources")


@pytest.mark.parametrize("typed, wanted", [("116123", "samaritans"), ("116 123", "samaritans"),
                                           ("samaritans", "samaritans"), ("beat", "beat")])
def test_search_finds_a_service_by_name_number_or_with_a_typo(page, site_url, typed, wanted):
    ids = search(page, site_url, typed)
    assert any(i == wanted or i.startswith(wanted) for i in ids[:3]), ids


def test_a_typo_in_a_long_word_still_finds_its_services(page, site_url):
    ids = search(page, site_url, "bereavment")
    assert "cruse-bereavement-support" in ids
    assert all("bereavement" in BY_ID[i]["audience"]["topics"] for i in ids)


def test_a_typo_finds_the_topic_and_does_not_match_short_words(page, site_url):
    ids = search(page, site_url, "anxeity")
    anxiety = {e["id"] for e in ENTRIES if "anxiety" in e["audience"]["topics"]}
    assert ids and set(ids) <= anxiety


def test_synonyms_find_what_people_mean(page, site_url):
    ids = search(page, site_url, "LGBT")
    assert ids and all("lgbtq" in BY_ID[i]["audience"]["topics"] or "lgbtq" in BY_ID[i]["audience"].get("groups", [])
                       or "lgbt" in BY_ID[i]["name"].lower() for i in ids)


def test_a_query_of_several_words_lists_resources_matching_all_of_them(page, site_url):
    ids = search(page, site_url, "bereavement wales")
    assert sorted(ids) == sorted(e["id"] for e in ENTRIES if "bereavement" in e["audience"]["topics"] and "GB-WLS" in e["audience"]["areas"])
    assert "every word" not in page.text_content(".sp-count")


def test_when_no_resource_matches_every_word_the_page_says_so(page, site_url):
    assert not [e for e in ENTRIES if "sleep" in e["audience"]["topics"] and "GB-WLS" in e["audience"]["areas"]]
    ids = search(page, site_url, "sleep wales")
    assert "No service matches every word" in page.text_content(".sp-count")
    # The matches of the more particular word, not every service in Wales.
    assert ids and all("sleep" in BY_ID[i]["audience"]["topics"] for i in ids)


def test_the_count_equals_what_is_shown(page, site_url):
    open_at(page, site_url + "directory/", INSTANTS["wednesday 10:30"])
    page.fill("#sp-q", "samaritans")
    page.locator("[data-sp-count]", has_text="match").wait_for()
    show_all(page)
    said = int(re.match(r"(\d+)", page.text_content("[data-sp-count]")).group(1))
    assert said == page.locator("[data-sp-results] .sp-card").count()
    ids = search(page, site_url, "samaritans")
    counted = int(re.match(r"(\d+) service", page.text_content(".sp-count")).group(1))
    assert counted == len(ids)


def test_guidance_pages_stay_searchable_after_the_services(page, site_url):
    search(page, site_url, "client goes silent")
    page.wait_for_selector(".sp-results li")
    assert not page.locator(".sp-results a[href*='/resources/']").count()


# ---- The lost click ---------------------------------------------------------------------------

def test_the_first_click_on_a_result_after_typing_is_not_lost(page, site_url):
    open_at(page, site_url + "directory/", INSTANTS["wednesday 10:30"])
    page.fill("#sp-q", "Beat")
    page.locator("[data-sp-count]", has_text="1 resource matches").wait_for()
    page.click("[data-sp-results] .sp-card a")  # the click blurs the text box first
    page.wait_for_url(re.compile(r"/resources/beat/"), timeout=5_000)


# ---- Without JavaScript -----------------------------------------------------------------------

def test_without_javascript_cards_still_show_plain_hours_and_every_entry(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "topics/crisis/")
    calm = [e for e in ENTRIES if "crisis" in e["audience"]["topics"] and any(
        present.hours_lines(h) == ["Every day, 5pm to midnight", "Bank holidays, 5pm to midnight"] for h in facets.entry_hours(e))]
    text = page.text_content(".sp-topic")
    page.goto(site_url + "directory/")
    listed = page.locator("[data-sp-static] .sp-card").count()
    context.close()
    assert calm and "Every day, 5pm to midnight" in text and "Bank holidays, 5pm to midnight" in text
    assert listed == len(ENTRIES)


def test_the_order_function_is_shared_with_other_pages(page, site_url):
    open_at(page, site_url + "search/?place=es", INSTANTS["wednesday 10:30"])
    page.locator("#sp-place").wait_for()
    items = [{"areas": ["GB-ENG", "GB-SCT", "GB-WLS", "GB-NIR"], "free": True, "crisis": True, "name": "UK line", "hours": None},
             {"areas": ["ES"], "free": True, "crisis": True, "name": "Spanish line", "hours": None},
             {"areas": ["US"], "free": True, "crisis": True, "name": "US line", "hours": None}]
    result = page.evaluate("items => Signpost.order(items, 'es', new Date())", items)
    assert [g["label"] for g in result["groups"]] == ["For Spain", "Outside the UK", "UK-wide"]
    assert json.dumps(result["groups"][0]["items"][0]["name"]) == '"Spanish line"'


@pytest.mark.parametrize("path, typed", [("topics/crisis/?place=sct", None), ("directory/?topic=crisis&open=now", None), ("search/", "suicidal")])
def test_lists_with_places_open_states_and_counts_have_no_wcag_22_aa_violations(page, site_url, path, typed):
    from axe_playwright_python.sync_playwright import Axe

    from test_browser import WCAG_TAGS

    open_at(page, site_url + path, INSTANTS["wednesday 10:30"])
    if typed:
        page.fill("#sp-site-q", typed)
        page.locator(".sp-search-resources .sp-card").first.wait_for()
        settle(page)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    problems = [f"{v['id']}: {v['nodes'][0]['target']} {v['help']}" for v in results.response["violations"]]
    assert not problems, "\n".join(problems)
