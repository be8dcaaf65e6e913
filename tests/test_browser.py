"""The built site in a real Chromium (Debian's package): accessibility, privacy, filters and search.

Skipped on a developer's machine where /usr/bin/chromium is missing; in CI (CI=true) they are never
skipped: a missing browser fails them. .ci/run installs it.
"""
from __future__ import annotations

import os
import re

import pytest

# The served site, the browser and a fresh page are fixtures in conftest.py, shared by every browser test file.
from conftest import CHROMIUM, ROOT
from signpost import present, share_link
from signpost.catalogue import check_file

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists() and not os.environ.get("CI"),
                       reason="Debian's chromium is not installed (apt-get install chromium); CI never skips these"),
]
def codes(*ids: str) -> str:
    """Entries' share codes as a client link carries them after '#', with the link's check."""
    return share_link.fragment(list(ids))


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
    "competences": "guidance/competences/assessment-planning-referral/",
    "practical guide": "guidance/risk-and-emergencies/",
    "client guidance": "clients/getting-ready/",
    "search": "search/",
    "field reference": "reference/fields/",
    "client list": "list/",
    "shared client page": "client/#" + codes("samaritans", "shout", "big-white-wall"),
    "browsing safely": "browsing-safely/",
}
ENTRIES = check_file(ROOT / "resources.yaml").entries



def settle(page):
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("path", TEMPLATES.values(), ids=TEMPLATES.keys())
def test_page_has_no_wcag_22_aa_violations(page, site_url, path):
    page.goto(site_url + path)
    settle(page)
    problems = axe_problems(page)
    assert not problems, "\n".join(problems)


def axe_problems(page) -> list[str]:
    """axe's WCAG 2.2 AA violations on the page as it is now, one line each."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [f"{v['id']}: {v['nodes'][0]['target']} {v['help']}" for v in results.response["violations"]]


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
    # The order is the place's order (tests/test_browser_where.py); here, exactly which entries.
    assert sorted(shown_ids(page)) == sorted(expected_ids(**wanted))
    total = len(expected_ids(**wanted))
    assert page.locator("[data-sp-count]").inner_text().startswith(f"{total} resource")


def test_choosing_a_filter_puts_it_in_the_address(page, site_url):
    page.goto(site_url + "directory/")
    page.click("details.sp-filter:has(input[name=kind]) summary")
    page.check("input[name=kind][value=helpline]")
    page.wait_for_url(re.compile(r"\?kind=helpline$"))
    page.wait_for_selector("[data-sp-results] li")
    assert set(shown_ids(page)) <= set(expected_ids(kind=["helpline"]))
    page.click("button[type=reset]")
    page.wait_for_url(re.compile(r"/directory/$"))
    page.wait_for_selector("[data-sp-count]:has-text('active resources')")


def test_directory_text_search_finds_a_service_and_keeps_words_out_of_the_address(page, site_url):
    page.goto(site_url + "directory/")
    page.fill("#sp-q", "Samaritans")
    page.wait_for_selector("[data-sp-results] li[data-id=samaritans]")
    assert "Samaritans" not in page.url


def test_site_search_finds_guidance_and_resources(page, site_url):
    page.goto(site_url + "search/")
    page.fill("#sp-site-q", "gambling")
    page.wait_for_selector(".sp-results li")
    services = page.locator(".sp-search-resources li.sp-card").evaluate_all("nodes => nodes.map(n => n.dataset.id)")
    assert services and all("gambling" in next(e for e in ENTRIES if e["id"] == i)["audience"]["topics"] for i in services)
    assert page.locator(".sp-results li a").count()
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


def add_from_directory(page, site_url, ids):
    page.goto(site_url + "directory/")
    page.locator("[data-sp-results] li.sp-card").first.wait_for()
    for entry_id in ids:
        card = f"[data-sp-results] li[data-id='{entry_id}']"
        while not page.locator(card).count() and page.locator("[data-sp-more]").is_visible():
            before = len(shown_ids(page))
            page.click("[data-sp-more]")
            page.locator("[data-sp-results] li.sp-card").nth(before).wait_for()
        page.click(f"{card} button.sp-add")
        page.locator(f"{card} button.sp-add[aria-pressed=true]").wait_for()


def test_share_list_round_trip_shows_exactly_the_chosen_entries(browser, page, site_url):
    chosen = ["samaritans", "shout", "mind"]
    add_from_directory(page, site_url, chosen)
    page.goto(site_url + "list/")
    link = page.input_value("#sp-share-link")
    assert link == site_url + "client/#" + codes(*chosen)
    assert page.locator("svg.sp-qr").is_visible()
    assert page.evaluate("JSON.parse(localStorage.getItem('signpost-client-list'))") == [present.share_code(i) for i in chosen]

    fresh = browser.new_context()  # the client's phone: nothing shared but the link
    client = fresh.new_page()
    client.goto(link)
    client.locator(".sp-client-entry").nth(len(chosen) - 1).wait_for()
    shown = client.locator(".sp-client-entry").evaluate_all("nodes => nodes.map(n => n.dataset.id)")
    assert shown == chosen
    assert client.locator(".sp-client-entry a[href='tel:116123']").count() == 1
    assert client.locator("button.sp-add").count() == 0  # read-only: nothing to change
    assert client.evaluate("localStorage.length") == 0
    fresh.close()


def test_clearing_the_list_takes_one_click_and_leaves_nothing_stored(page, site_url):
    add_from_directory(page, site_url, ["samaritans"])
    page.goto(site_url + "list/")
    page.click("button.sp-clear")
    page.locator("text=Your list is empty").wait_for()
    assert page.evaluate("localStorage.length") == 0


def test_closed_and_unknown_entries_in_a_link_are_handled_gracefully(page, site_url):
    page.goto(site_url + "client/#" + share_link.fragment(["big-white-wall"])[:-5] + "zzzzzz" + present.share_code("samaritans")
              + "-" + share_link.check(present.share_code("big-white-wall") + "zzzzzz" + present.share_code("samaritans")))
    page.locator(".sp-client-entry[data-id=samaritans]").wait_for()
    page.locator("text=no longer listed").wait_for()
    assert page.locator(".sp-client-entry[data-id=togetherall]").count() == 1  # the successor
    assert page.locator("text=has closed").count() == 1


def test_ten_entry_share_link_fits_in_one_text_message(page, site_url):
    longest = sorted((e["id"] for e in ENTRIES if e["status"] == "active"), key=len, reverse=True)[:10]
    page.goto(site_url + "list/")
    page.evaluate("codes => localStorage.setItem('signpost-client-list', JSON.stringify(codes))", [present.share_code(i) for i in longest])
    page.reload()
    link = page.input_value("#sp-share-link")
    path = link[len(site_url):]
    # A text message holds 160 characters; the site's own address comes before this path.
    assert path.startswith("client/#") and len(path) <= 80, (len(path), path)


def test_quick_exit_replaces_the_page_and_back_does_not_return(page, site_url):
    page.route("https://www.bbc.co.uk/**", lambda route: route.fulfill(status=200, content_type="text/html", body="<title>Weather</title>"))
    page.goto(site_url + "directory/")
    page.goto(site_url + "support/")
    page.click("a.sp-exit")
    page.wait_for_url("https://www.bbc.co.uk/weather")
    page.go_back()
    assert page.url == site_url + "directory/"


def test_pressing_escape_twice_also_leaves(page, site_url):
    page.route("https://www.bbc.co.uk/**", lambda route: route.fulfill(status=200, content_type="text/html", body="<title>Weather</title>"))
    page.goto(site_url + "client/#" + codes("samaritans"))
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_url("https://www.bbc.co.uk/weather")


@pytest.mark.parametrize("path", ["client/#" + codes("samaritans", "shout"), "resources/samaritans/"])
def test_print_shows_no_navigation_and_writes_links_out(page, site_url, path):
    page.goto(site_url + path)
    page.locator(".sp-client-entry, .sp-resource").first.wait_for()
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".sp-exit", ".md-footer"):
        if page.locator(selector).count():
            assert not page.locator(selector).first.is_visible(), selector
    after = page.evaluate("getComputedStyle(document.querySelector('.md-typeset a[href^=\"http\"]'), '::after').content")
    assert "http" in after


@pytest.mark.parametrize("path", ["directory/", "list/", "client/#" + codes("samaritans", "shout"), "resources/samaritans/", "urgent-help/"])
def test_keyboard_reaches_every_control_and_shows_where_it_is(page, site_url, path):
    page.goto(site_url + path)
    settle(page)
    # Every visible link, button, field and disclosure the page offers.
    controls = page.evaluate("""() => Array.from(document.querySelectorAll('a[href], button, input, select, textarea, summary'))
        .filter(e => e.offsetParent !== null && !e.disabled && e.tabIndex >= 0 && getComputedStyle(e).visibility !== 'hidden')
        .filter(e => e.tagName === 'SUMMARY' || !e.closest('details:not([open])'))  // folded away until opened
        .map((e, i) => { e.dataset.spProbe = i; return String(i); })""")
    reached, unmarked = set(), []
    for _ in range(len(controls) + 15):
        page.keyboard.press("Tab")
        probe = page.evaluate("""() => {
            const e = document.activeElement; if (!e || !e.dataset.spProbe) return null;
            const s = getComputedStyle(e);
            const marked = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'
                || s.textDecorationLine.includes('underline') || s.backgroundColor !== 'rgba(0, 0, 0, 0)';
            return [e.dataset.spProbe, marked, e.outerHTML.slice(0, 80)];
        }""")
        if probe:
            reached.add(probe[0])
            if not probe[1]:
                unmarked.append(probe[2])
    assert set(controls) <= reached, f"{len(set(controls) - reached)} controls never reached by Tab"
    assert not unmarked, unmarked[:5]
