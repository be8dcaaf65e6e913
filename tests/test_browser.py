"""The built site in a real Chromium (Debian's package): accessibility, privacy, filters and search.

Skipped where /usr/bin/chromium is missing; .ci/run installs it, so CI always runs these.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT
from signpost import present
from signpost.catalogue import check_file
from site_server import serve

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (apt-get install chromium)"),
]
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# One page of each template.
TEMPLATES = {
    "home": "",
    "urgent help": "urgent-help/",
    "client support": "support/",
    "directory": "directory/",
    "directory filtered": "directory/?topic=crisis&nation=GB-SCT",
    "resource": "resources/samaritans/",
    "closed resource": "resources/big-white-wall/",
    "topic": "topics/crisis/",
    "guidance": "method/",
    "search": "search/",
    "field reference": "reference/fields/",
}
ENTRIES = check_file(ROOT / "resources.yaml").entries


@pytest.fixture(scope="session")
def site_url(built_site):
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def settle(page):
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("path", TEMPLATES.values(), ids=TEMPLATES.keys())
def test_page_has_no_wcag_22_aa_violations(page, site_url, path):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site_url + path)
    settle(page)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    problems = [f"{v['id']}: {v['nodes'][0]['target']} {v['help']}" for v in results.response["violations"]]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", TEMPLATES.values(), ids=TEMPLATES.keys())
def test_page_requests_nothing_from_another_origin(page, site_url, path):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site_url + path)
    settle(page)
    elsewhere = [url for url in requested if not url.startswith(site_url) and not url.startswith("data:")]
    assert requested and not elsewhere, elsewhere


@pytest.mark.parametrize("path", TEMPLATES.values(), ids=TEMPLATES.keys())
def test_urgent_help_link_is_visible_and_reachable_by_keyboard(page, site_url, path):
    page.goto(site_url + path)
    link = page.locator("a.sp-urgent-link")
    assert link.is_visible()
    for _ in range(6):  # skip link, logo, menu, search, then urgent help
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('sp-urgent-link')"):
            break
    else:
        pytest.fail("Urgent help was not among the first tab stops")


@pytest.mark.parametrize("path", TEMPLATES.values(), ids=TEMPLATES.keys())
def test_page_fits_a_320px_screen_without_sideways_scrolling(browser, site_url, path):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(site_url + path)
    settle(page)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert overflow <= 0, f"{overflow}px of sideways scrolling"


def expected_ids(**wanted) -> list[str]:
    listed = sorted((e for e in ENTRIES if e["status"] == "active"), key=lambda e: e["name"].lower())
    return [e["id"] for e in listed
            if all(any(v in present.filters(e)[key] for v in values) for key, values in wanted.items())]


def shown_ids(page) -> list[str]:
    return page.locator("[data-sp-results] li.sp-card").evaluate_all("nodes => nodes.map(n => n.dataset.id)")


def show_everything(page):
    while page.locator("[data-sp-more]").is_visible():
        before = len(shown_ids(page))
        page.click("[data-sp-more]")
        # (wait_for_function would evaluate a string, which the site's CSP rightly refuses)
        page.locator("[data-sp-results] li").nth(before).wait_for()


@pytest.mark.parametrize("query, wanted", [
    ("topic=crisis", {"topic": ["crisis"]}),
    ("topic=crisis&nation=GB-SCT", {"topic": ["crisis"], "nation": ["GB-SCT"]}),
    ("kind=app&kind=forum", {"kind": ["app", "forum"]}),
    ("open=24_7&cost=free", {"open": ["24_7"], "cost": ["free"]}),
    ("age=young_people&channel=sms", {"age": ["young_people"], "channel": ["sms"]}),
    ("access=bsl", {"access": ["bsl"]}),
    ("evaluation=has_harms&group=everyone", {"evaluation": ["has_harms"], "group": ["everyone"]}),
])
def test_directory_filters_show_exactly_the_matching_entries(page, site_url, query, wanted):
    page.goto(site_url + "directory/?" + query)
    page.wait_for_selector("[data-sp-count]:has-text('match')")
    show_everything(page)
    assert shown_ids(page) == expected_ids(**wanted)
    total = len(expected_ids(**wanted))
    assert page.locator("[data-sp-count]").inner_text().startswith(f"{total} resource")


def test_choosing_a_filter_puts_it_in_the_address(page, site_url):
    page.goto(site_url + "directory/")
    page.click("details.sp-filter:has(input[name=kind]) summary")
    page.check("input[name=kind][value=helpline]")
    page.wait_for_url(re.compile(r"\?kind=helpline$"))
    page.wait_for_selector("[data-sp-results] li")
    assert shown_ids(page)[:3] == expected_ids(kind=["helpline"])[:3]
    page.click("button[type=reset]")
    page.wait_for_url(re.compile(r"/directory/$"))
    assert page.locator("[data-sp-static]").is_visible()


def test_directory_text_search_finds_a_service_and_keeps_words_out_of_the_address(page, site_url):
    page.goto(site_url + "directory/")
    page.fill("#sp-q", "Samaritans")
    page.wait_for_selector("[data-sp-results] li[data-id=samaritans]")
    assert "Samaritans" not in page.url


def test_site_search_finds_guidance_and_resources(page, site_url):
    page.goto(site_url + "search/")
    page.fill("#sp-site-q", "gambling")
    page.wait_for_selector(".sp-results li")
    titles = page.locator(".sp-results li a").all_inner_texts()
    assert any("Gambl" in title for title in titles), titles
    assert "gambling" not in page.url


def test_without_javascript_the_directory_lists_every_active_entry(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "directory/")
    ids = page.locator("[data-sp-static] li.sp-card").evaluate_all("nodes => nodes.map(n => n.dataset.id)")
    context.close()
    assert sorted(ids) == sorted(expected_ids())


def test_nothing_about_the_visitor_is_stored(page, site_url):
    for path in ("", "directory/?topic=crisis", "resources/samaritans/", "search/"):
        page.goto(site_url + path)
        settle(page)
    page.goto(site_url + "search/")
    page.fill("#sp-site-q", "anxiety")
    page.wait_for_selector(".sp-results li")
    stored = page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]")
    assert stored == [0, 0, ""]
    assert page.context.cookies() == []
